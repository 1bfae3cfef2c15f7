"""A layout variant: how one template prints the same tables differently.

Each field is one dimension real provincial templates vary in; the defaults
are cnbudget's own layout (render/printed.py). `DIMENSIONS` is the catalogue
of dimensions with the values a test switches on one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from enum import StrEnum


class Merge(StrEnum):
    """How a header cell over several columns or rows is printed."""

    MERGED = "merged"  # one merged cell
    FIRST = "first"  # unmerged: the text in the first cell, the others blank
    REPEATED = "repeated"  # unmerged: the text in every cell it covered


class CodeStyle(StrEnum):
    """How a functional classification code is printed."""

    WHOLE = "whole"  # 2010301 | 行政运行
    SPLIT = "split"  # 201 | 03 | 01 | 行政运行 under 类 | 款 | 项
    JOINED = "joined"  # "2010301 行政运行" in one cell


class HeaderWords(StrEnum):
    CATALOGUE = "catalogue"  # the catalogue's headers (一般公共预算, 金额 …)
    ALTERNATE = "alternate"  # other templates' words (一般公共预算拨款, 预算数, 科目代码 …)


class SummaryPanels(StrEnum):
    BESIDE = "beside"  # 收入 | 支出 side by side
    STACKED = "stacked"  # 收入 rows, then 支出 rows, under one 项目 | 金额


class ItemForm(StrEnum):
    TALL = "tall"  # items down the side, figures across
    WIDE = "wide"  # items as headers over one row of figures (三公, 机关运行经费)


class Decimals(StrEnum):
    TWO = "two"  # at least two decimals (4097.10)
    AS_NEEDED = "as_needed"  # as few as the value needs (元 without decimals: 40971)


class Rulings(StrEnum):
    """Which rules the PDF writer draws around and inside a table."""

    GRID = "grid"  # every cell ruled
    THREE_LINE = "three_line"  # 三线表: a rule over the header, one under it, one under the table
    ROWS = "rows"  # horizontal rules only, under every row (Word's inside horizontal borders)
    NONE = "none"  # no rules: columns only where the text stands (tab stops)
    FRAME = "frame"  # the table's outer frame only
    PANELS = "panels"  # only the rules between side-by-side panels (收入 | 支出, 人员经费 | 公用经费)


class TextStyle(StrEnum):
    """How the text writer separates cells."""

    TABS = "tabs"  # tab-separated cells, one row a line
    SPACES = "spaces"  # columns aligned with spaces, as `pdftotext -layout` prints


@dataclass(frozen=True, slots=True)
class LayoutVariant:
    # header rows: None as the layout makes them (one or two), 1 flattened to one row,
    # 3 with a heading over all the value columns (本年支出 over 合计 | 基本支出 …)
    header_levels: int | None = None
    merge: Merge = Merge.MERGED
    # body rows per page: the header rows printed again after each page break
    page_rows: int | None = None
    column_numbers: bool = False  # a 栏次 row under the header: 栏次 | 1 | 2 | 3 …
    index_column: bool = False  # a leading 序号 column: 1, 2, 3 … per row
    code_style: CodeStyle = CodeStyle.WHOLE
    header_words: HeaderWords = HeaderWords.CATALOGUE
    basic_panels: int = 1  # 基本支出 tables as 1, 2 (人员经费 | 公用经费) or 3 panels
    summary_panels: SummaryPanels = SummaryPanels.BESIDE
    item_form: ItemForm = ItemForm.TALL
    unit: str | None = None  # every table in this unit; None: each in its own
    odd_unit: str | None = None  # every second table in this unit (a 元 table in a 万元 document)
    decimals: Decimals = Decimals.TWO
    # thousands separators (4,097.11); None: each format's habit (XLSX with, the others without)
    thousands: bool | None = None
    text_style: TextStyle = TextStyle.TABS  # the text writer only
    rulings: Rulings = Rulings.GRID  # the PDF writer (reportlab) only
    name_chars: int | None = None  # names wrap at this many characters a line (the PDF writer only)


DEFAULT_VARIANT = LayoutVariant()
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(LayoutVariant))


@dataclass(frozen=True, slots=True)
class Dimension:
    """One way templates vary, and the variants that switch it on alone."""

    name: str
    title: str  # zh
    applies_to: str  # zh: which tables it changes
    variants: tuple[LayoutVariant, ...]
    tables: tuple[str, ...] = ()  # the table types it changes; () for any


FUNCTIONAL_TABLES = ("income", "expenditure", "general_public", "gov_fund", "state_capital", "fiscal_expenditure")
CODED_TABLES = (*FUNCTIONAL_TABLES, "general_public_basic", "fiscal_basic", "operating_cost")


def _alone(**changes: object) -> LayoutVariant:
    return replace(DEFAULT_VARIANT, **changes)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("header_flat", "表头一行", "有多行表头的表", (_alone(header_levels=1),)),
    Dimension("header_three", "表头三行", "分类科目表", (_alone(header_levels=3),), CODED_TABLES),
    Dimension("unmerged_first", "表头不合并（文字在首格）", "有合并表头的表", (_alone(merge=Merge.FIRST),)),
    Dimension("unmerged_repeated", "表头不合并（文字重复）", "有合并表头的表", (_alone(merge=Merge.REPEATED),)),
    Dimension("page_breaks", "跨页重复表头", "行数超过一页的表", (_alone(page_rows=6),)),
    Dimension("column_numbers", "栏次行", "标准表", (_alone(column_numbers=True),)),
    Dimension("index_column", "序号列", "分类科目表、项目表、收支总表", (_alone(index_column=True),)),
    Dimension("code_split", "科目编码分列（类、款、项）", "功能分类科目表", (_alone(code_style=CodeStyle.SPLIT),),
              FUNCTIONAL_TABLES),
    Dimension("code_joined", "编码与名称同格", "分类科目表", (_alone(code_style=CodeStyle.JOINED),), CODED_TABLES),
    Dimension("header_words", "表头用语", "标准表", (_alone(header_words=HeaderWords.ALTERNATE),)),
    Dimension("basic_two_panels", "基本支出两栏（人员经费、公用经费）", "基本支出表", (_alone(basic_panels=2),),
              ("general_public_basic", "fiscal_basic")),
    Dimension("basic_three_panels", "基本支出三栏", "基本支出表", (_alone(basic_panels=3),),
              ("general_public_basic", "fiscal_basic")),
    Dimension("summary_stacked", "收支总表收入在上、支出在下", "收支总表",
              (_alone(summary_panels=SummaryPanels.STACKED),), ("summary", "fiscal_summary")),
    Dimension("wide_items", "项目横排（三公、机关运行经费）", "“三公”经费表、机关运行经费表",
              (_alone(item_form=ItemForm.WIDE),), ("three_public", "operating_cost")),
    Dimension("unit_yuan", "单位元", "所有金额表", (_alone(unit="元"),)),
    Dimension("unit_yuan_whole", "单位元、无小数", "所有金额表", (_alone(unit="元", decimals=Decimals.AS_NEEDED),)),
    Dimension("unit_thousand", "单位千元", "所有金额表", (_alone(unit="千元"),)),
    Dimension("unit_mixed", "万元文件中的元表", "每隔一张表", (_alone(odd_unit="元"),)),
    Dimension("thousands", "千分位", "所有金额表", (_alone(thousands=True),)),
    Dimension("no_thousands", "无千分位（电子表格）", "所有金额表", (_alone(thousands=False),)),
    Dimension("text_spaces", "文本按空格对齐", "文本格式", (_alone(text_style=TextStyle.SPACES),)),
    Dimension("rules_three_line", "三线表", "所有表（PDF）", (_alone(rulings=Rulings.THREE_LINE),)),
    Dimension("rules_rows", "只有横线", "所有表（PDF）", (_alone(rulings=Rulings.ROWS),)),
    Dimension("rules_none", "无框线", "所有表（PDF）", (_alone(rulings=Rulings.NONE),)),
    Dimension("rules_frame", "只有外框", "所有表（PDF）", (_alone(rulings=Rulings.FRAME),)),
    Dimension("rules_panels", "只有栏间竖线", "所有表（PDF）", (_alone(rulings=Rulings.PANELS),)),
    Dimension("wrap_names", "名称折行", "所有表（PDF）", (_alone(name_chars=8),)),
)
DIMENSION_NAMES: tuple[str, ...] = tuple(d.name for d in DIMENSIONS)


def dimension(name: str) -> Dimension:
    return next(d for d in DIMENSIONS if d.name == name)


def combine(variants: tuple[LayoutVariant, ...]) -> LayoutVariant:
    """One variant with every dimension that any of `variants` switches on."""
    out = DEFAULT_VARIANT
    for variant in variants:
        changes = {name: getattr(variant, name) for name in FIELDS
                   if getattr(variant, name) != getattr(DEFAULT_VARIANT, name)}
        out = replace(out, **changes)
    return out
