"""Notes printed under a table (注：…, 说明：…, 备注：…, a note running over several
lines): no rows, kept as the table's note; the amounts a note prints are said
(`table.note-figures`, recovered: the note's text keeps them), a note without
amounts is no problem."""

from __future__ import annotations

from pathlib import Path

from cnbudget.model import ProblemSeverity, Status
from templates.documents import word
from templates.workbooks import by_code, only, read, wan, workbook

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def test_notes_under_each_kind_of_table(tmp_path: Path) -> None:
    coded = [
        ["一般公共预算财政拨款支出决算表"], [None, None, None, None, "单位：万元"], HEADER,
        [None, "合计", 100, 60, 40], ["201", "一般公共服务支出", 100, 60, 40],
        ["20103", "政府办公厅（室）及相关机构事务", 100, 60, 40], ["2010301", "行政运行", 60, 60, None],
        ["2010350", "事业运行", 40, None, 40],
        ["注：1.本表反映部门本年度一般公共预算财政拨款实际支出情况。"],
        ["2.其中项目支出40.00万元为信息化建设支出。"],
    ]
    three = [
        ["“三公”经费支出决算表"], [None, None, "单位：万元"], ["项目", "预算数", "决算数"],
        ["合计", 10, 9.5], ["1.因公出国（境）费", None, None], ["2.公务用车购置及运行费", 8, 7.8],
        ["  其中：公务用车购置费", None, None], ["        公务用车运行费", 8, 7.8], ["3.公务接待费", 2, 1.7],
        ["备注：本部门无因公出国（境）费支出。"],
    ]
    summary = [
        ["收入支出决算总表"], [None, None, None, "单位：万元"], ["收入", None, "支出"],
        ["项目", "金额", "项目", "金额"], ["一、一般公共预算财政拨款收入", 100, "一、一般公共服务支出", 100],
        ["本年收入合计", 100, "本年支出合计", 100], ["总计", 100, "总计", 100],
        ["说明：本表金额转换时可能存在尾数误差0.01万元。"],
    ]
    doc = read(workbook(tmp_path / "n.xlsx", ("01", summary), ("05", coded), ("08", three)))
    assert doc.status is Status.SUCCESS, doc.problems
    general = only(doc, "general_public")
    assert general.note == "注：1.本表反映部门本年度一般公共预算财政拨款实际支出情况。\n2.其中项目支出40.00万元为信息化建设支出。"
    assert set(by_code(general)) == {"total", "201", "20103", "2010301", "2010350"}
    assert by_code(general)["2010350"] == {"total": wan(40)[0], "basic": None, "project": wan(40)[0]}
    assert only(doc, "three_public").note == "备注：本部门无因公出国（境）费支出。"
    assert [r.item for r in only(doc, "three_public").rows] == [
        "total", "outbound", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]
    summary_table = only(doc, "summary")
    assert summary_table.note == "说明：本表金额转换时可能存在尾数误差0.01万元。"
    assert len(summary_table.rows) == 6
    notes = sorted((p.code, p.severity, p.message) for p in doc.problems)
    assert notes == [
        ("table.note-figures", ProblemSeverity.RECOVERED,
         "表“一般公共预算财政拨款支出决算表”的表注印有金额 40.00万元：保留在表注原文中，未读作表格或文字数字"),
        ("table.note-figures", ProblemSeverity.RECOVERED,
         "表“收入支出决算总表”的表注印有金额 0.01万元：保留在表注原文中，未读作表格或文字数字"),
    ]


def test_empty_tables_said_so_in_their_note(tmp_path: Path) -> None:
    """公开07/09表 printed empty (a 合计 line of blanks or of 0.00) with a note saying
    why: empty tables, the note kept, no problem (the note prints no amount)."""
    header = [["项目", None, "年初结转和结余", "本年收入", "本年支出", None, None, "年末结转和结余"],
              ["科目编码", "科目名称", None, None, "小计", "基本支出", "项目支出", None]]
    fund = [["政府性基金预算财政拨款收入支出决算表"], [None] * 7 + ["金额单位：万元"], *header,
            [None, "合计", None, None, None, None, None, None],
            ["注：本部门2023年度没有使用政府性基金预算财政拨款安排的支出，故本表为空表。"]]
    capital = [["国有资本经营预算财政拨款支出决算表"], [None, None, None, None, "金额单位：万元"], HEADER,
               [None, "合计", "0.00", "0.00", "0.00"], ["说明：本部门无国有资本经营预算财政拨款支出。"]]
    general = [["一般公共预算财政拨款支出决算表"], [None, None, None, None, "金额单位：万元"], HEADER,
               [None, "合计", 1, 1, None], ["201", "一般公共服务支出", 1, 1, None]]
    doc = read(workbook(tmp_path / "e.xlsx", ("05", general), ("07", fund), ("09", capital)))
    assert doc.status is Status.SUCCESS and not doc.problems, doc.problems
    fund_table, capital_table = only(doc, "gov_fund"), only(doc, "state_capital")
    assert fund_table.empty and fund_table.note == "注：本部门2023年度没有使用政府性基金预算财政拨款安排的支出，故本表为空表。"
    assert not any(v is not None for r in fund_table.rows for v in r.values.values())
    assert capital_table.empty and capital_table.note == "说明：本部门无国有资本经营预算财政拨款支出。"
    assert by_code(capital_table) == {"total": {"total": 0, "basic": 0, "project": 0}}


def test_word_note_in_the_table_s_last_row(tmp_path: Path) -> None:
    """Word prints the note as the table's last row (注：… in its first cell): no row."""
    coded = [HEADER, [None, "合计", "100.00", "60.00", "40.00"], ["201", "一般公共服务支出", "100.00", "60.00", "40.00"],
             ["注：本表含上年结转资金5.00万元。", None, None, None, None]]
    summary = [["项目", "金额", "项目", "金额"], ["一、一般公共预算财政拨款收入", "100.00", "一、一般公共服务支出", "100.00"],
               ["本年收入合计", "100.00", "本年支出合计", "100.00"], ["总计", "100.00", "总计", "100.00"],
               ["说明：本表反映部门全部收支。", None, None, None]]
    doc = read(word(tmp_path / "n.docx", "一般公共预算财政拨款支出决算表", "单位：万元", (coded, []),
                    "收入支出决算总表", "单位：万元", (summary, [])))
    assert doc.status is Status.SUCCESS, doc.problems
    general, whole = only(doc, "general_public"), only(doc, "summary")
    assert general.note == "注：本表含上年结转资金5.00万元。" and whole.note == "说明：本表反映部门全部收支。"
    assert by_code(general) == dict.fromkeys(("total", "201"), dict(zip(("total", "basic", "project"), wan(100, 60, 40),
                                                                     strict=True)))
    assert [r.item for r in whole.rows] == ["fiscal_general", "func:201", "income_total", "expenditure_total",
                                            "grand_total", "grand_total"]
    assert [p.code for p in doc.problems] == ["table.note-figures"]
