"""Tables whose rows are units (单位编码 | 单位名称), not classification codes: a department's
own short code (301) is its unit code, never 经济分类 301 工资福利支出 (which the audit then
reported as a misnamed classification)."""

from __future__ import annotations

from openpyxl import Workbook

from cnbudget.pipeline import extract


def test_a_table_by_unit_reads_every_code_as_a_units(tmp_path):
    book = Workbook()
    sheet = book.active
    for row in [["滨海县民政局2024年部门收入总表"], [None, None, None, None, "单位：万元"],
                ["单位编码", "单位名称", "合计", "一般公共预算拨款收入", "事业收入"],
                ["301", "滨海县民政局", 600.00, 500.00, 100.00],
                ["301001", "滨海县民政局本级", 400.00, 400.00, None],
                ["301002", "滨海县社会福利院", 200.00, 100.00, 100.00],
                [None, "合计", 600.00, 500.00, 100.00]]:
        sheet.append(row)
    book.save(tmp_path / "收入总表.xlsx")
    doc = extract(tmp_path / "收入总表.xlsx")
    (income,) = [t for t in doc.tables if t.type == "income"]
    assert [(r.unit_code, r.code) for r in income.rows[:3]] == [("301", None), ("301001", None), ("301002", None)]
    assert not [f for f in doc.findings if f.rule.startswith("classification.")]
