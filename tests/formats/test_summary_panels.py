"""A summary printed in three panels (收入 | 经济分类支出 | 功能分类支出, 硚口
表一) is written back in three panels, so that 其他支出 — a name both
classifications use — reads back as the category it was."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.model import Document, DocumentMeta, Kind, Row, SourceFile, Table
from cnbudget.pipeline import extract
from cnbudget.render import render_document
from cnbudget.render.printed import printed_table


def _summary() -> Table:
    def row(side: str, item: str, name: str, amount: str | None) -> Row:
        return Row(values={"amount": Decimal(amount) if amount else None}, item=item, side=side, name=name)

    return Table(type="summary", title="收支预算总表", unit="万元", rows=[
        row("income", "fiscal", "一、财政拨款", "6044000"),
        row("expenditure", "econ:301", "工资福利支出", "1873000"),
        row("expenditure", "func:201", "一般公共服务支出", "5801000"),
        row("expenditure", "econ:302", "商品和服务支出", "4171000"),
        row("expenditure", "func:208", "社会保障和就业支出", "243000"),
        row("expenditure", "econ:399", "其他支出", None),
        row("expenditure", "func:229", "其他支出", None),
        row("income", "income_total", "本年收入合计", "6044000"),
        row("expenditure", "expenditure_total", "本年支出合计", "6044000"),
        row("expenditure", "expenditure_total", "本年支出合计", "6044000"),
        row("income", "grand_total", "收入总计", "6044000"),
        row("expenditure", "grand_total", "支出总计", "6044000"),
        row("expenditure", "grand_total", "支出总计", "6044000"),
    ])


def test_economic_and_functional_rows_print_in_their_own_panels() -> None:
    printed = printed_table(_summary())
    assert [(c.text, c.col, c.colspan) for c in printed.header[0]] == [
        ("收入", 0, 2), ("经济分类支出", 2, 2), ("功能分类支出", 4, 2)]
    names = [[str(line[i]) for i in (0, 2, 4)] for line in printed.body]
    assert [line[1] for line in names if line[1]] == ["工资福利支出", "商品和服务支出", "其他支出", "本年支出合计", "支出总计"]
    assert [line[2] for line in names if line[2]] == ["一般公共服务支出", "社会保障和就业支出", "其他支出",
                                                       "本年支出合计", "支出总计"]
    # the year's totals and the 总计 each on one line across the three panels
    assert ["本年收入合计", "本年支出合计", "本年支出合计"] in names
    assert ["收入总计", "支出总计", "支出总计"] in names


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_three_panel_summary_reads_back_with_its_categories(tmp_path: Path, fmt: str) -> None:
    doc = Document(source=SourceFile(file="panels.json", sha256="0" * 64, format="text"),
                   meta=DocumentMeta(kind=Kind.BUDGET, year=2024), tables=[_summary()])
    got = extract(render_document(doc, fmt, tmp_path / f"panels.{fmt}"), audit=False).tables_of("summary")[0]
    assert sorted((r.side, r.item, r.values["amount"]) for r in got.rows) == \
        sorted((r.side, r.item, r.values["amount"]) for r in doc.tables[0].rows)
