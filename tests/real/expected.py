"""The expected readings (tests/real/jiangsu/*.json) in the contract's terms.

The JSON files hold what is printed: titles, header paths, row labels, figures
as printed, in the printed unit. Everything that says what those mean in the
contract (docs/tables.md, the spec's disclosure-json.md) is written here, by
hand, without cnbudget's recognise code: the table type a title names, the
column key a header path names, the row (code, item or printed name) a label
names, and the yuan a printed figure is.

Where the contract is silent or ambiguous the choice is marked CHOICE and
listed in the report: the “三公”经费、会议费、培训费 table's overall 合计 is
item `grand_total` (its “三公” 小计 is `total`, as the fact three_public_total
and the audit's 合计 = 出国 + 公务用车 + 接待 need); a 财政拨款收支总表's
收入合计/支出合计 may be `grand_total` or `income_total`/`expenditure_total`
(the table prints no 上年结转 line, so both read true).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tests.conftest import JIANGSU

EXPECTED = Path(__file__).resolve().parent / "jiangsu"
UNIT_FACTOR = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}

# printed title phrase → table type, first match wins (三公 titles say 一般公共预算 too)
TYPE_BY_TITLE: tuple[tuple[str, str], ...] = (
    ("三公", "three_public"),
    ("政府采购", "procurement"),
    ("财政拨款收支", "fiscal_summary"),
    ("收支预算总表", "summary"),
    ("收入预算总表", "income"),
    ("支出预算总表", "expenditure"),
    ("政府性基金", "gov_fund"),
    ("财政拨款基本支出", "fiscal_basic"),
    ("财政拨款支出", "fiscal_expenditure"),
    ("机关运行经费", "operating_cost"),
    ("一般公共预算基本支出", "general_public_basic"),
    ("一般公共预算支出", "general_public"),
)

# 收支总表's functional categories as printed (2017–2019 names) → 类 code
FUNCTION_CODES: dict[str, str] = {
    "一般公共服务支出": "201", "外交支出": "202", "国防支出": "203", "公共安全支出": "204",
    "教育支出": "205", "科学技术支出": "206", "文化体育与传媒支出": "207",
    "文化旅游体育与传媒支出": "207", "社会保障和就业支出": "208",
    "医疗卫生与计划生育支出": "210", "卫生健康支出": "210", "节能环保支出": "211",
    "城乡社区支出": "212", "农林水支出": "213", "交通运输支出": "214",
    "资源勘探信息等支出": "215", "商业服务业等支出": "216", "金融支出": "217",
    "国土海洋气象等支出": "220", "自然资源海洋气象等支出": "220", "住房保障支出": "221",
    "粮油物资储备支出": "222", "灾害防治及应急管理支出": "224", "其他支出": "229",
}
# label (numbering dropped) → the items it may be keyed as, per side
INCOME_ITEMS: dict[str, tuple[str, ...]] = {
    "财政拨款": ("fiscal",), "一般公共预算": ("fiscal_general",),
    "政府性基金预算": ("fiscal_fund",), "财政专户管理资金": ("special_account",),
    "其他资金": ("other",), "当年收入小计": ("income_total",),
    "上年结转资金": ("carryover_begin",), "收入合计": ("grand_total",),
}
EXPENDITURE_ITEMS: dict[str, tuple[str, ...]] = {
    "基本支出": ("basic",), "项目支出": ("project",), "当年支出小计": ("expenditure_total",),
    "结转下年资金": ("carryover_end",), "支出合计": ("grand_total",),
}
FISCAL_TOTALS: dict[str, tuple[str, ...]] = {  # CHOICE (module docstring)
    "收入合计": ("grand_total", "income_total"), "支出合计": ("grand_total", "expenditure_total"),
}
# “三公”经费、会议费、培训费支出预算表: header path (last two levels) → item
THREE_PUBLIC_ITEMS: dict[tuple[str, ...], str] = {
    ("合计",): "grand_total",  # CHOICE: 三公 + 会议费 + 培训费
    ("“三公”经费", "小计"): "total",
    ("“三公”经费", "因公出国（境）费"): "outbound",
    ("公务用车购置及运行维护费", "小计"): "vehicle",
    ("公务用车购置及运行维护费", "公务用车购置费"): "vehicle_purchase",
    ("公务用车购置及运行维护费", "公务用车运行维护费"): "vehicle_operation",
    ("“三公”经费", "公务接待费"): "reception",
    ("会议费",): "meeting",
    ("培训费",): "training",
}
EXPENDITURE_COLUMNS = {"合计": "total", "基本支出": "basic", "项目支出": "project"}
NUMBERING = re.compile(r"^([一二三四五六七八九十]+、|\d+[.．])")


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def label_of(name: str) -> str:
    return NUMBERING.sub("", squash(name))


@dataclass(frozen=True)
class RowKey:
    """How to find the printed row among cnbudget's: by code, by item (any of
    `items`, on `side`), by printed name, or by position (procurement lines)."""

    code: str | None = None
    items: tuple[str, ...] = ()
    side: str | None = None
    names: tuple[str, ...] = ()  # printed name, and the forms it may be joined in
    texts: tuple[str, ...] = ()  # procurement: the words printed on the line

    def describe(self) -> str:
        what = self.code or "|".join(self.items) or (self.names[0] if self.names else None) \
            or "/".join(self.texts) or "?"
        return f"{self.side} {what}" if self.side else what


@dataclass(frozen=True)
class Cell:
    row: RowKey
    column: str
    yuan: Decimal | None  # None: printed empty
    printed: str | None
    page: int


@dataclass(frozen=True)
class ExpectedTable:
    file: str
    title: str
    type: str
    pages: tuple[int, ...]
    unit: str
    empty: bool  # no figure printed at all (此表为空)
    cells: tuple[Cell, ...]

    @property
    def case(self) -> str:
        return f"{slug(self.file)}-p{self.pages[0]}-{self.type}"


DEPARTMENT_SLUGS = {"江苏省人大办公厅": "npc", "江苏省人民检察院": "procuratorate", "江苏省委办公厅": "party",
                    "江苏省政协办公厅": "cppcc", "江苏省高级人民法院": "court"}


def slug(file: str, narrative: bool = False) -> str:
    """An ASCII test id: department, year, and tables/text (unique among the 22 files)."""
    department, name = file.split("/")
    year = re.search(r"20\d\d", name)
    return f"{DEPARTMENT_SLUGS[department]}{year.group(0) if year else ''}-{'text' if narrative else 'tables'}"


def table_type(title: str) -> str:
    flat = squash(title).replace('"', "").replace("“", "").replace("”", "")
    for phrase, kind in TYPE_BY_TITLE:
        if phrase.replace("“", "").replace("”", "") in flat:
            return kind
    raise ValueError(f"no table type for title {title!r}")


def yuan(printed: str | None, unit: str) -> Decimal | None:
    return None if printed is None else Decimal(printed.replace(",", "")) * UNIT_FACTOR[unit]


def _row_key(kind: str, row: dict, path: tuple[str, ...]) -> RowKey:
    name = row.get("name")
    if kind == "procurement":
        texts = tuple(squash(t) for t in row.get("texts", {}).values())
        return RowKey(items=("total",)) if texts == ("合计",) else RowKey(texts=texts)
    if row.get("code"):
        return RowKey(code=row["code"])
    if kind in ("summary", "fiscal_summary"):
        side = "income" if path[0] == "收入" else "expenditure"
        label = label_of(name)
        items = (INCOME_ITEMS if side == "income" else EXPENDITURE_ITEMS).get(label, ())
        if kind == "fiscal_summary" and label in FISCAL_TOTALS:
            items = FISCAL_TOTALS[label]
        if label in FUNCTION_CODES:
            items = (f"func:{FUNCTION_CODES[label]}",)
        return RowKey(items=items, side=side, names=(squash(name),))
    if squash(name) in ("合计", "收入总计") or (kind == "expenditure" and name is None):
        return RowKey(items=("total",))
    group = squash(row.get("group"))
    forms = [group + squash(name)] if group else []
    if squash(name) != "小计":
        forms.append(squash(name))
    return RowKey(names=tuple(forms))


def _column(kind: str, path: tuple[str, ...]) -> str:
    if kind == "expenditure":
        return EXPENDITURE_COLUMNS.get(path[-1], f"extra:{path[-1]}")
    if kind in ("operating_cost", "summary", "fiscal_summary", "procurement", "three_public"):
        return "amount"
    return "total"  # the one amount column of a classification or 收入 table


def _cells(kind: str, row: dict, unit: str) -> list[Cell]:
    out = []
    for path_list, printed in row["cells"]:
        path = tuple(path_list)
        key = _row_key(kind, row, path)
        if kind == "three_public":
            item = THREE_PUBLIC_ITEMS.get(path[-2:]) or THREE_PUBLIC_ITEMS[path[-1:]]
            key = RowKey(items=(item,))
        out.append(Cell(key, _column(kind, path), yuan(printed, unit), printed, row["page"]))
    return out


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def expected_files() -> list[Path]:
    return sorted(EXPECTED.rglob("*.json"))


def pdf_of(reading: dict) -> Path:
    return JIANGSU / reading["file"]


def tables_of(reading: dict) -> list[ExpectedTable]:
    out = []
    for table in reading["tables"]:
        kind = table_type(table["title"])
        cells = tuple(c for row in table["rows"] for c in _cells(kind, row, table["unit"]))
        out.append(ExpectedTable(reading["file"], table["title"], kind, tuple(table["pages"]),
                                 table["unit"], all(c.yuan is None for c in cells), cells))
    return out
