"""The documents variants are printed from: the project's samples (budget
and final account, base or perturbed figures), each with the tables the
samples lack that variants reshape — a 机关运行经费 table (its 公用经费 lines),
and in the budget 会议费 | 培训费 and the whole table's 合计 (`grand_total`)
in the 三公 table (“三公”经费、会议费、培训费支出预算表; the final account's
stays the six 三公 items, as 公开09表) — and
the seeds' readings (verified by tests/golden)."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

from cnbudget.model import Document, Kind, Row, Table
from cnbudget.pipeline import extract
from cnbudget.samples import budget_sample, final_account_sample
from cnbudget.samples.catalogue import ECONOMIC_LINES

MEETING, TRAINING = "30215", "30216"  # 会议费, 培训费 in the basic expenditure
ECONOMIC_NAMES = {code: name for code, name, _ in ECONOMIC_LINES}


def sample(kind: Kind, seed: int = 0) -> Document:
    """A sample with a 机关运行经费 table (and, a budget, 会议费/培训费 in its 三公 table)."""
    doc = budget_sample(seed) if kind is Kind.BUDGET else final_account_sample(seed)
    return supplemented(doc)


def supplemented(doc: Document) -> Document:
    doc = copy.deepcopy(doc)
    basic = next(t for t in doc.tables if t.type == "general_public_basic")
    public = {r.code: r.values["public"] for r in basic.rows if r.code and len(r.code) == 5
              and r.values.get("public") is not None}
    three = next(t for t in doc.tables if t.type == "three_public")
    if doc.meta.kind is Kind.BUDGET:
        for item, code, name in (("meeting", MEETING, "会议费"), ("training", TRAINING, "培训费")):
            three.rows.append(Row(item=item, name=name, values={"amount": public.get(code)}))
        # the whole table's 合计 over the “三公”经费 小计 and 会议费, 培训费 (江苏 公开09表)
        total = next(r for r in three.rows if r.item == "total")
        total.name = "“三公”经费小计"
        whole = sum((r.values["amount"] or Decimal(0) for r in three.rows
                     if r.item in ("total", "meeting", "training")), Decimal(0))
        three.rows.insert(0, Row(item="grand_total", name="合计", values={"amount": whole}))
    word = "决算" if doc.meta.kind is Kind.FINAL_ACCOUNT else "预算"
    prefix = three.title.split("财政拨款")[0]
    total = sum(public.values(), Decimal(0))
    rows = [Row(item="total", name="合计", values={"amount": total})]
    rows += [Row(code=code, name=ECONOMIC_NAMES[code], values={"amount": amount})
             for code, amount in sorted(public.items())]
    operating = Table("operating_cost", f"{prefix}机关运行经费支出{word}表", rows, unit=three.unit)
    doc.tables.insert(doc.tables.index(three) + 1, operating)
    return doc


def seed_readings(seeds: Path) -> dict[str, Document]:
    """The seeds as cnbudget reads them (tests/golden verifies these readings)."""
    return {path.name[:3]: extract(path, audit=False) for path in sorted(seeds.glob("*.txt"))}
