"""Writers on what extracted documents hold beyond the samples: tables of no
known type, sub-unit rows, a 元 table, amounts finer than 0.01 万元, and
performance self-evaluations with scored indicators."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.ingest.readers import read_source
from cnbudget.model import Document, Indicator, Row, SourceFile, Table
from cnbudget.render import render_document
from cnbudget.render.printed import printed_table
from formats.grids import grids_by_title

D = Decimal


def edge_document() -> Document:
    other = Table("other", "部门预算项目明细表", [
        Row(code="2010301", name="行政运行", values={"extra:其他资金": D(12), "extra:金额": D(1234567)}),
        Row(item="total", name="合计", values={"extra:其他资金": None, "extra:金额": D(1234567)}),
    ], unit="元")
    expenditure = Table("expenditure", "单位支出总表", [
        Row(item="total", name="合计", values={"total": D(12345), "basic": D(12345)}),
        Row(unit_code="019001", name="示例中心", values={"total": D(12345), "basic": D(12345)}),
        Row(code="2010301", name="行政运行", values={"total": D(12345), "basic": D(12345)}),
    ], unit="万元")
    evaluation = Table("performance_evaluation", "项目支出绩效自评表", [Row(
        item="网络租线费", name="网络租线费", texts={"project": "网络租线费"},
        values={"budget": D(5646000), "executed": D(5500000), "rate": D("97.41"), "score": D(95)},
        indicators=[Indicator("产出指标", "数量指标", "租用线路条数", "≥120条", "126条", D(20), D(20))],
    )], unit="万元", subject="网络租线费")
    return Document(SourceFile("edge.json", "0" * 64, "sample"), tables=[other, expenditure, evaluation])


def test_printed_amounts_keep_every_digit() -> None:
    printed = printed_table(edge_document().tables[1])
    assert [v if isinstance(v, str) else v.text for v in printed.body[0]] == ["", "合计", "1.2345", "1.2345"]
    other = printed_table(edge_document().tables[0])
    # a 元 table prints yuan, with two decimals
    assert [v if isinstance(v, str) else v.text for v in other.body[0]] == ["2010301", "行政运行", "12.00", "1234567.00"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_edge_tables_read_back(tmp_path: Path, fmt: str) -> None:
    doc = edge_document()
    layout = read_source(render_document(doc, fmt, tmp_path / f"edge.{fmt}")).layout
    grids = grids_by_title(layout)
    other = grids["部门预算项目明细表"].rows
    assert other[0] == ["编码", "项目", "其他资金", "金额"]
    assert other[1][:3] == ["2010301", "行政运行", "12.00"] and D(other[1][3]) == D(1234567)
    assert any("单位：元" in n for n in grids["部门预算项目明细表"].notes)
    spending = grids["单位支出总表"].rows
    assert [r[0] for r in spending[2:]] == ["", "019001", "2010301"]
    assert D(spending[3][2]) == D("1.2345")
    form = grids["项目支出绩效自评表"].rows
    assert form[0][:2] == ["项目名称", "网络租线费"]
    assert [r[0] for r in form[1:5]] == ["预算数", "执行数", "预算执行率", "总分"]
    assert D(form[1][1]) == D("564.6") and D(form[3][1]) == D("97.41") and D(form[4][1]) == D(95)
    assert form[5] == ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"]
    assert form[6] == ["产出指标", "数量指标", "租用线路条数", "≥120条", "126条", "20", "20"]
