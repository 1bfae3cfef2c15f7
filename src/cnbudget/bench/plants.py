"""Problems planted the way people make them, into the project's sample documents.

Each `Plant` is one kind of slip an inspector finds by hand: a sentence edited
after the tables changed, last year's figure left in, a wrong rate, a row that
no longer adds up, the wrong kind of wording, a change stated in the wrong
direction, a reason left empty, doubled punctuation or an unpaired quote, one
item stated twice, a blank page. A plant edits a fresh sample `Document` (its
narrative paragraphs or its tables; never its facts: the facts are read again
from the rendered file) and returns the `Spot` a finding must point at to count
as having found it, or None where the document offers no place for it.
`PAGE_PLANTS` edit the rendered file instead (a blank page needs pages).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from cnbudget.model import Document, FindingLocation, Kind, Paragraph
from cnbudget.normalise.text import nfkc

_NUMBER = re.compile(r"\d[\d,]*\.\d\d(?=万元)")
_RATE = re.compile(r"(?<=[长降])\d+\.\d\d(?=%)")
_ITEM = re.compile(r"^\d+\..+（项）：")


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a finding must point: a quote holding `quote`, a cell of a table
    (its code, an ancestor code or the table's 合计), or a page."""

    quote: str | None = None
    table: str | None = None
    code: str | None = None
    page: int | None = None

    def holds(self, loc: FindingLocation) -> bool:
        if self.quote is not None:
            return nfkc(self.quote) in nfkc(loc.quote or "")
        if self.table is not None:
            if loc.table != self.table:
                return False
            return self.code is None or loc.item == "total" or (
                loc.code is not None and self.code.startswith(loc.code))
        return self.page is not None and loc.page == self.page


@dataclass(frozen=True, slots=True)
class Plant:
    category: str
    title_zh: str
    rules: frozenset[str]  # the rules whose finding at the spot counts as found
    plant: Callable[[Document, random.Random], Spot | None]
    paged_only: bool = False  # a blank page exists only where there are pages


def _paragraphs(doc: Document, pattern: re.Pattern[str] | str) -> list[int]:
    return [i for i, p in enumerate(doc.narrative) if re.search(pattern, p.text)]


def _replace(doc: Document, index: int, old: str, new: str) -> None:
    p = doc.narrative[index]
    doc.narrative[index] = Paragraph(p.text.replace(old, new, 1), p.locator)


def _wan(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01"), ROUND_HALF_UP), ".2f")


def _shifted(figure: str, rng: random.Random) -> str:
    """A figure changed the way a slip changes it: a few per cent, or two digits swapped."""
    value = Decimal(figure.replace(",", ""))
    if rng.random() < 0.3 and len(figure.replace(".", "")) >= 3:
        digits = figure.replace(",", "")
        i = rng.randrange(0, len(digits) - 1)
        if digits[i] != digits[i + 1] and "." not in digits[i:i + 2]:
            return digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
    factor = Decimal(1) + Decimal(rng.choice((-1, 1))) * Decimal(rng.randint(5, 60)) / 1000
    shifted = _wan(value * factor)
    return shifted if shifted != _wan(value) else _wan(value + Decimal("1.00"))


# --- a sentence edited after the tables changed ---------------------------------------

# the department's sentences whose figures its tables print too (the sample prints no
# 机关运行经费 table: its sentence is not checkable against one)
_DEPARTMENT_SENTENCES = (r"部门支出(?:预算|决算)为", r"“三公”经费(?:预算|决算)\d",
                         r"政府采购(?:预算|决算)总额", r"收入(?:预算|决算)\d")


def _positive_figures(text: str) -> list[str]:
    return [m.group(0) for m in _NUMBER.finditer(text) if Decimal(m.group(0).replace(",", "")) > 0]


def plant_edited_sentence(doc: Document, rng: random.Random) -> Spot | None:
    candidates = [i for pattern in _DEPARTMENT_SENTENCES for i in _paragraphs(doc, pattern)
                  if _positive_figures(doc.narrative[i].text)]
    if not candidates:
        return None
    index = rng.choice(candidates)
    old = rng.choice(_positive_figures(doc.narrative[index].text))
    new = _shifted(old, rng)
    _replace(doc, index, old + "万元", new + "万元")
    return Spot(quote=new)


# --- last year's figure left in ------------------------------------------------------------

def _apart(figures: list[str]) -> bool:
    """Last year's and this year's figures differ by more than their rounding could:
    leaving one for the other is then a visible slip (0.99 for 1.00 is not)."""
    a, b = (Decimal(f.replace(",", "")) for f in figures[:2])
    return abs(a - b) >= Decimal("0.05")


def plant_last_year(doc: Document, rng: random.Random) -> Spot | None:
    """An item's statement keeps last year's (or the 年初预算's) figure as this year's."""
    items = [i for i in _paragraphs(doc, _ITEM)
             if len(_NUMBER.findall(doc.narrative[i].text)) >= 2
             and _apart(_NUMBER.findall(doc.narrative[i].text))]
    if not items:
        return None
    index = rng.choice(items)
    text = doc.narrative[index].text
    figures = _NUMBER.findall(text)
    marker = "预算安排" if "预算安排" in text else "支出决算为"
    _replace(doc, index, f"{marker}{figures[1]}万元", f"{marker}{figures[0]}万元")
    return Spot(quote=f"{marker}{figures[0]}万元")


# --- a wrong rate --------------------------------------------------------------------------

def plant_wrong_rate(doc: Document, rng: random.Random) -> Spot | None:
    """An item's rate computed against the wrong base, a decimal place off, or another item's."""
    items = [i for i in _paragraphs(doc, _ITEM) if _RATE.search(doc.narrative[i].text)]
    if not items:
        return None
    index = rng.choice(items)
    text = doc.narrative[index].text
    rates = _RATE.findall(text)
    old = rates[-1]
    figures = [Decimal(f.replace(",", "")) for f in _NUMBER.findall(text)]
    way = rng.randrange(3)
    if way == 0 and len(figures) >= 3 and figures[1]:
        new = _wan(figures[2] / figures[1] * 100)  # the change over this year's, not last year's
    elif way == 1:
        new = _wan(Decimal(old) / 10)  # a decimal place off
    else:
        others = [r for i in _paragraphs(doc, _ITEM) for r in _RATE.findall(doc.narrative[i].text)]
        new = rng.choice([r for r in others if r != old] or [_wan(Decimal(old) + 1)])
    if new == old or abs(Decimal(new) - Decimal(old)) < Decimal("0.05"):
        new = _wan(Decimal(old) + Decimal("1.37"))
    _replace(doc, index, old + "%", new + "%")
    return Spot(quote=new + "%")


# --- a row that no longer adds up -----------------------------------------------------------

def plant_row(doc: Document, rng: random.Random) -> Spot | None:
    """One printed cell changed without the totals around it (an edit that skipped the sums)."""
    choices = [(t, r) for t in doc.tables if t.type in ("expenditure", "general_public", "income")
               for r in t.rows if r.code and len(r.code) == 7 and any(r.values.values())]
    choices += [(t, r) for t in doc.tables if t.type == "three_public"
                for r in t.rows if r.item not in ("total", None) and any(r.values.values())]
    if not choices:
        return None
    table, row = rng.choice(choices)
    column = rng.choice([c for c, v in row.values.items() if v])
    value = row.values[column] or Decimal(0)
    row.values[column] = value + Decimal(rng.choice((-1, 1)) * rng.randint(1, 80) * 100)
    if row.values[column] == value or (row.values[column] or 0) < 0:
        row.values[column] = value + Decimal(2300)
    return Spot(table=table.type, code=row.code) if row.code else Spot(table=table.type)


# --- the wrong kind of wording -----------------------------------------------------------------

def plant_wording(doc: Document, rng: random.Random) -> Spot | None:
    """决算 wording in a budget (a final account's sentence reused), or 单位 for 部门."""
    year = doc.meta.year
    if doc.meta.kind is Kind.BUDGET and rng.random() < 0.6:
        index = next(iter(_paragraphs(doc, rf"{year}年部门支出预算为")), None)
        if index is not None:
            _replace(doc, index, f"{year}年部门支出预算为", f"{year}年部门支出决算为")
            return Spot(quote="支出决算为")
    word = "决算" if doc.meta.kind is Kind.FINAL_ACCOUNT else "预算"
    index = next(iter(_paragraphs(doc, "本部门")), None)
    if index is None or year is None:
        return None
    late = [i for i in _paragraphs(doc, "本部门") if i > 15] or [index]
    index = rng.choice(late)
    text = doc.narrative[index].text
    doc.narrative[index] = Paragraph(f"本单位{year}年单位{word}中，" + text, doc.narrative[index].locator)
    return Spot(quote=f"{year}年单位{word}")


# --- a change stated in the wrong direction ----------------------------------------------------

def plant_direction(doc: Document, rng: random.Random) -> Spot | None:
    items = [i for i in _paragraphs(doc, _ITEM)
             if re.search(r"(?:比上年|比年初预算)(?:增加|减少)", doc.narrative[i].text)]
    if not items:
        return None
    index = rng.choice(items)
    m = re.search(r"(比上年|比年初预算)(增加|减少)([\d.,]+万元)", doc.narrative[index].text)
    assert m is not None
    flipped = "减少" if m.group(2) == "增加" else "增加"
    _replace(doc, index, m.group(0), m.group(1) + flipped + m.group(3))
    return Spot(quote=m.group(1) + flipped + m.group(3))


# --- a reason left empty --------------------------------------------------------------------------

def plant_empty_reason(doc: Document, rng: random.Random) -> Spot | None:
    candidates = _paragraphs(doc, r"主要(?:原因)?是[^。]+。")
    if not candidates:
        return None
    index = rng.choice(candidates)
    m = re.search(r"(主要(?:原因)?是)[^。]+。", doc.narrative[index].text)
    assert m is not None
    _replace(doc, index, m.group(0), m.group(1) + "。")
    return Spot(quote=m.group(1))


# --- doubled punctuation, an unpaired quote ---------------------------------------------------------

def plant_punctuation(doc: Document, rng: random.Random) -> Spot | None:
    if rng.random() < 0.5:
        candidates = _paragraphs(doc, r"“三公”")
        if candidates:
            index = rng.choice(candidates)
            _replace(doc, index, "“三公”", "“三公")
            return Spot(quote="三公")
    candidates = [i for i in _paragraphs(doc, "。") if len(doc.narrative[i].text) > 20]
    if not candidates:
        return None
    index = rng.choice(candidates)
    text = doc.narrative[index].text
    mark = rng.choice([c for c in "，。" if c in text[:-1]] or ["。"])
    at = rng.choice([i for i, ch in enumerate(text) if ch == mark])
    doc.narrative[index] = Paragraph(text[:at] + mark + text[at:], doc.narrative[index].locator)
    return Spot(quote=mark + mark)


# --- one item stated twice with two amounts -------------------------------------------------------

def plant_item_twice(doc: Document, rng: random.Random) -> Spot | None:
    items = _paragraphs(doc, _ITEM)
    if not items:
        return None
    index = rng.choice(items)
    text = doc.narrative[index].text
    label = _ITEM.match(text)
    figures = _NUMBER.findall(text)
    if label is None or len(figures) < 2:
        return None
    other = _shifted(figures[1], rng)
    word = "决算" if doc.meta.kind is Kind.FINAL_ACCOUNT else "预算"
    restated = f"其中，{label.group(0)[label.group(0).index('.') + 1:-1]}支出{word}{other}万元。"
    doc.narrative.insert(len(doc.narrative) - 6, Paragraph(restated))
    return Spot(quote=f"{other}万元")


def plant_blank_page(path: Path, rng: random.Random) -> Spot | None:
    """A blank page inserted between two pages of the rendered PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        if len(pdf) < 3:
            return None
        index = rng.randrange(2, len(pdf))
        width, height = pdf[index - 1].get_size()
        pdf.new_page(width, height, index=index)
        blank = path.with_name(path.stem + "-blank.pdf")
        pdf.save(str(blank))
    finally:
        pdf.close()
    blank.replace(path)
    return Spot(page=index + 1)


PLANTS: tuple[Plant, ...] = (
    Plant("edited-sentence", "说明中的数字改后与表不符", frozenset({
        "text_vs_table.fact", "text_internal.parts-sum", "text_internal.conflicting-facts",
        "text_internal.change-pct", "text_internal.stated-share"}), plant_edited_sentence),
    Plant("last-year-figure", "沿用上年数字", frozenset({
        "text_vs_table.item-amount", "text_internal.item-change-amount",
        "text_internal.item-change-pct", "text_internal.change-direction"}), plant_last_year),
    Plant("wrong-rate", "增减幅度算错", frozenset({
        "text_internal.item-change-pct", "text_internal.change-pct"}), plant_wrong_rate),
    Plant("row-not-adding", "表中一行不再平衡", frozenset({
        "arithmetic.row-basic-project", "arithmetic.column-total", "arithmetic.income-sources",
        "arithmetic.three-public-parts", "hierarchy.functional-sums",
        "cross_table.summary-vs-expenditure", "cross_table.summary-vs-income",
        "cross_table.fiscal-summary-vs-tables", "cross_table.general-public-vs-basic",
        "cross_table.three-public-vehicle-vs-30231", "cross_table.three-public-reception-vs-30217",
        "cross_table.three-public-outbound-vs-30212"}), plant_row),
    Plant("wrong-wording", "用错了文件类型或级次的说法", frozenset({
        "text_internal.kind-wording", "text_internal.scope-wording"}), plant_wording),
    Plant("wrong-direction", "增减方向写反", frozenset({
        "text_internal.change-direction", "text_internal.item-change-amount"}), plant_direction),
    Plant("empty-reason", "原因未填写", frozenset({"placeholder.template-text"}), plant_empty_reason),
    Plant("punctuation", "标点重复或引号不成对", frozenset({"text_internal.punctuation"}),
          plant_punctuation),
    Plant("item-twice", "同一科目两处金额不同", frozenset({
        "text_internal.item-stated-twice", "text_vs_table.item-amount"}), plant_item_twice),
)
PAGE_PLANTS: tuple[tuple[Plant, Callable[[Path, random.Random], Spot | None]], ...] = (
    (Plant("blank-page", "中间有空白页", frozenset({"completeness.blank-page"}),
           lambda d, r: None, paged_only=True), plant_blank_page),
)
