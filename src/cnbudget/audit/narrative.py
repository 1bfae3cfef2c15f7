"""What the audit reads from the narrative itself: amounts, shares, listed items.

The recogniser's facts cover the standard quantities; the narrative also
lists projects and purchases with amounts (``3、大数据、电子政务工作管理项目
289.00万元；``) and states shares (``基本支出626.43万元，占比6.49%``). These
are parsed here, with their printed precision, for the text rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.audit.tolerance import half_unit
from cnbudget.model.document import Paragraph
from cnbudget.normalise.amounts import decimals_printed, to_yuan
from cnbudget.normalise.text import nfkc

_NUM = r"\d[\d,]*(?:\.\d+)?"
AMOUNT = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>亿元|万元|千元|元)")
_ENUM = re.compile(r"^\s*[-•·]?\s*(?P<n>\d{1,2})\s*[、.．]\s*(?P<body>.+)$")
_SIMPLE_ITEM = re.compile(rf"^(?P<name>.+?)[，,：:\s]*(?P<num>{_NUM})\s*(?P<unit>万元|元)[；;。，,]?\s*$")
_PRICED_ITEM = re.compile(
    rf"^(?P<name>.+?)[，,]\s*单价\s*(?P<price>{_NUM})\s*(?P<punit>万元|元)[，,]\s*数量\s*"
    rf"(?P<qty>{_NUM})\s*\S{{0,3}}?\s*[，,]\s*共计\s*(?P<num>{_NUM})\s*(?P<unit>万元|元)"
)
_COUNT = re.compile(r"共(?:有|计)?\s*(?P<n>\d+)\s*(?:项|个)")


@dataclass(frozen=True, slots=True)
class Printed:
    """An amount as printed in the narrative: value in yuan and its slack."""

    value: Decimal
    slack: Decimal
    text: str  # as printed, e.g. "289.00万元"
    unit: str = "万元"  # the unit it was printed in

    @classmethod
    def parse(cls, num: str, unit: str) -> Printed:
        printed = Decimal(num.replace(",", ""))
        value = to_yuan(printed, unit)
        assert value is not None
        slack = half_unit(unit, decimals_printed(num)) if value else Decimal(0)  # 0 is exact
        return cls(value, slack, f"{num}{unit}", unit)


@dataclass(frozen=True, slots=True)
class ListedItem:
    number: int
    name: str
    amount: Printed
    paragraph: Paragraph
    quantity: Decimal | None = None
    unit_price: Printed | None = None


@dataclass(slots=True)
class AmountList:
    """Consecutive numbered narrative lines each naming an amount."""

    intro: Paragraph | None  # the line before the list (its heading or lead-in)
    items: list[ListedItem] = field(default_factory=list)

    @property
    def is_procurement(self) -> bool:
        intro = self.intro.text if self.intro else ""
        return "采购" in intro or any(i.unit_price is not None for i in self.items)

    @property
    def is_projects(self) -> bool:
        intro = self.intro.text if self.intro else ""
        return not self.is_procurement and ("项目" in intro or all(
            "项目" in i.name or "经费" in i.name for i in self.items))

    @property
    def stated_count(self) -> int | None:
        m = _COUNT.search(nfkc(self.intro.text)) if self.intro else None
        return int(m.group("n")) if m else None


def _item(p: Paragraph) -> ListedItem | None:
    m = _ENUM.match(nfkc(p.text))
    if not m:
        return None
    number, body = int(m.group("n")), m.group("body").strip()
    priced = _PRICED_ITEM.match(body)
    if priced:
        return ListedItem(
            number, priced.group("name").strip(),
            Printed.parse(priced.group("num"), priced.group("unit")), p,
            quantity=Decimal(priced.group("qty").replace(",", "")),
            unit_price=Printed.parse(priced.group("price"), priced.group("punit")),
        )
    simple = _SIMPLE_ITEM.match(body)
    if simple and len(AMOUNT.findall(body)) == 1:
        return ListedItem(number, simple.group("name").strip(),
                          Printed.parse(simple.group("num"), simple.group("unit")), p)
    return None


def amount_lists(narrative: Sequence[Paragraph]) -> list[AmountList]:
    """Numbered amount lists, tolerating one stray line (a page break) inside."""
    lists: list[AmountList] = []
    current: AmountList | None = None
    previous: Paragraph | None = None
    stray = 0
    for p in narrative:
        if not p.text.strip():
            continue
        item = _item(p)
        if item is not None:
            last = current.items[-1].number if current and current.items else None
            if current is None or last is None or item.number != last + 1:
                current = AmountList(intro=previous if item.number == 1 else None)
                lists.append(current)
            current.items.append(item)
            stray = 0
        else:
            stray += 1
            if stray > 1:
                current = None
            previous = p
    return [lst for lst in lists if len(lst.items) >= 2]


@dataclass(frozen=True, slots=True)
class StatedShare:
    part: Printed
    percent: Decimal
    bases: tuple[Printed, ...]  # the amounts stated before the part in its line
    paragraph: Paragraph
    quote: str


_SHARE = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>亿元|万元|千元|元)\s*[，,]?\s*占(?:比)?\s*"
                    rf"(?P<pct>{_NUM})\s*%")


def stated_shares(narrative: Sequence[Paragraph], context: int = 2) -> Iterator[StatedShare]:
    """``X万元，占(比)Y%`` directly after an amount, with no named base.

    The candidate bases are the amounts stated before it in its line and in the
    `context` lines before (a statement wraps across printed lines in a PDF)."""
    earlier: list[list[Printed]] = []
    for p in narrative:
        text = nfkc(p.text)
        if not text.strip():
            continue
        before = [b for line in earlier[-context:] for b in line]
        for m in _SHARE.finditer(text):
            part = Printed.parse(m.group("num"), m.group("unit"))
            bases = before + [
                Printed.parse(a.group("num"), a.group("unit"))
                for a in AMOUNT.finditer(text, 0, m.start())
            ]
            start = max(0, m.start() - 30)
            yield StatedShare(part, Decimal(m.group("pct").replace(",", "")),
                              tuple(b for b in bases if b.value > 0), p,
                              text[start:m.end()])
        earlier.append([Printed.parse(a.group("num"), a.group("unit"))
                        for a in AMOUNT.finditer(text)])
