"""The checks inspectors make by hand, on realistic sentences read by the real recogniser.

Each document is a few narrative lines (worded as published disclosures word
them) with the facts `extract_facts` reads from them, and where a rule needs it
one functional table built by hand; the expected finding is stated from the
sentence, computed by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.audit import run_audit
from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model.document import (
    Document,
    DocumentMeta,
    Kind,
    Locator,
    Paragraph,
    Row,
    Scope,
    Severity,
    SourceFile,
    Table,
)
from cnbudget.recognise.facts import extract_facts

D = Decimal
LABEL = "1.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）："


def functional(total_2010301: int = 1_281_100, type_: str = "general_public") -> Table:
    """A functional table (一般公共预算支出表) with 2010301 行政运行 (128.11 万元) under 201 / 20103."""
    rows = [Row(item="total", name="合计", values={"total": D(total_2010301)}),
            Row(code="201", name="一般公共服务支出", values={"total": D(total_2010301)}),
            Row(code="20103", name="政府办公厅（室）及相关机构事务", values={"total": D(total_2010301)}),
            Row(code="2010301", name="行政运行", values={"total": D(total_2010301)},
                locator=Locator(page=9))]
    title = "一般公共预算支出表" if type_ == "general_public" else "部门支出总表"
    return Table(type_, title, rows, unit="万元", locator=Locator(page=9))


def both(total_2010301: int = 1_281_100) -> tuple[Table, Table]:
    """The item in the all-funds and the appropriations' table alike."""
    return functional(total_2010301, "expenditure"), functional(total_2010301)


TEXT_RULES = ["text_vs_table", "text_internal", "placeholder"]


def document(*texts: str, kind: Kind = Kind.BUDGET, year: int = 2026, tables: tuple[Table, ...] = (),
             pages: int | None = None, scope: Scope = Scope.DEPARTMENT,
             title: str = "示例局2026年部门预算") -> Document:
    lines = [Line((Cell(t),), page=1 + i // 40 if pages else None, number=None if pages else i + 1,
                  delimiter=Delimiter.NONE, raw=t) for i, t in enumerate(texts)]
    doc = Document(SourceFile("t.pdf" if pages else "t.txt", "0" * 64, "pdf" if pages else "text",
                              pages=pages),
                   meta=DocumentMeta(kind=kind, scope=scope, year=year, title=title),
                   tables=list(tables))
    doc.narrative = [Paragraph(ln.text, Locator(page=ln.page, line=ln.number)) for ln in lines]
    doc.facts = extract_facts(lines, kind, year)
    return doc


def found(doc: Document, rule: str) -> list[tuple[str, str]]:
    return [(f.severity.value, f.message) for f in run_audit(doc, select=[rule]).findings]


BUDGET = (LABEL + "2025年当年预算执行数为120.00万元，2026年预算安排128.11万元，比上年增加8.11万元，"
          "增长6.76%，主要原因是人员增加。")


def test_a_consistent_item_statement_raises_nothing() -> None:
    doc = document(BUDGET, tables=both())
    assert run_audit(doc, select=TEXT_RULES).flatten(["rule", "severity"]) == []


def test_this_years_figure_against_the_items_row() -> None:
    doc = document(BUDGET, tables=both(1_381_100))  # the tables say 138.11
    [(severity, message)] = found(doc, "text_vs_table.item-amount")
    assert severity == "error"
    assert "行政运行（项） 128.11 万元" in message and "2010301 行政运行" in message
    assert "138.11 万元" in message


def test_the_change_is_this_year_less_last_year() -> None:
    doc = document(BUDGET.replace("增加8.11万元", "增加9.11万元"), tables=(functional(),))
    [(severity, message)] = found(doc, "text_internal.item-change-amount")
    assert severity == "error" and "增减应为 8.11 万元" in message and "说明为 9.11 万元" in message


def test_the_rate_is_recomputed_from_last_year_and_this() -> None:
    # 8.11 / 120.00 = 6.76 %; 8.11 / 128.11 = 6.33 % is the wrong base
    doc = document(BUDGET.replace("6.76%", "6.33%"), tables=(functional(),))
    [(severity, message)] = found(doc, "text_internal.item-change-pct")
    assert severity == "error" and "应为 6.76%" in message and "说明为 6.33%" in message
    finding = run_audit(doc, select=["text_internal.item-change-pct"]).findings[0]
    assert finding.unit == "%" and finding.expected == D("6.76")


def test_a_rate_within_a_unit_agrees_within_two_is_a_warning() -> None:
    # the printed figures allow 6.750 %–6.767 %: 6.74 is within one unit of it (truncated);
    # 6.73 is nearly two units below: a person should look; 6.70 is wrong
    assert found(document(BUDGET.replace("6.76%", "6.74%")), "text_internal.item-change-pct") == []
    [(severity, _)] = found(document(BUDGET.replace("6.76%", "6.73%")), "text_internal.item-change-pct")
    assert severity == "warning"
    [(severity, _)] = found(document(BUDGET.replace("6.76%", "6.70%")), "text_internal.item-change-pct")
    assert severity == "error"


def test_the_direction_word_against_the_sign() -> None:
    doc = document(BUDGET.replace("比上年增加", "比上年减少"), tables=(functional(),))
    [(severity, message)] = found(doc, "text_internal.change-direction")
    assert severity == "error" and "比上年增加" in message and "说明为减少" in message
    # one cause once: the amount's own check and the rate's stay silent
    assert found(doc, "text_internal.item-change-amount") == []


def test_the_change_and_its_rate_in_opposite_directions() -> None:
    text = LABEL + "2026年预算安排128.11万元，比上年增加8.11万元，下降6.76%。"
    [(severity, _)] = found(document(text), "text_internal.change-direction")
    assert severity == "error"


def test_the_same_item_stated_twice() -> None:
    again = "其中，一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出预算138.11万元。"
    doc = document(BUDGET, again, tables=(functional(),))
    [(severity, message)] = found(doc, "text_internal.item-stated-twice")
    assert severity == "error" and "128.11 万元" in message and "138.11 万元" in message


FINAL = (LABEL + "年初预算为500.00万元，支出决算为528.11万元，完成年初预算的105.62%，比年初预算增加"
         "28.11万元，增长5.62%，主要原因是人员增加。")


def test_a_final_accounts_item_against_its_budget() -> None:
    table = functional(5_281_100)
    assert run_audit(document(FINAL, kind=Kind.FINAL_ACCOUNT, year=2024, tables=(table,)),
                     select=TEXT_RULES).flatten(["rule"]) == []
    wrong = document(FINAL.replace("105.62%", "95.62%"), kind=Kind.FINAL_ACCOUNT, year=2024,
                     tables=(table,))
    [(severity, message)] = found(wrong, "text_internal.item-change-pct")
    assert severity == "error" and "完成年初预算的比例应为 105.62%" in message


# --- wording ----------------------------------------------------------------------------------

def test_final_account_wording_in_a_budget() -> None:
    doc = document("二、收支总体情况", "2026年部门支出决算为1000.00万元，其中基本支出500.00万元。")
    [(severity, message)] = found(doc, "text_internal.kind-wording")
    assert severity == "error" and "支出决算为1000.00万元" in message
    # last year's 决算, the law's 预决算, a title: the budget may name them
    fine = document("与2025年决算数相比增加10.00万元。", "按照《地方预决算公开操作规程》规定。",
                    "听取和审议计划、预算决算和审计工作报告。")
    assert found(fine, "text_internal.kind-wording") == []


def test_department_wording_in_a_unit_document() -> None:
    lines = ["示例中心2026年单位预算", *(f"第{n}段说明。" for n in range(15)),
             "本单位2026年部门预算收入合计100.00万元。"]
    doc = document(*lines, title="示例中心2026年单位预算")
    [(severity, message)] = found(doc, "text_internal.scope-wording")
    assert severity == "warning" and "2026年部门预算" in message
    # the department's budget the unit's is approved with is no self-reference
    ok = document(*lines[:-1], "绩效目标随部门预算一并批复。", title="示例中心2026年单位预算")
    assert found(ok, "text_internal.scope-wording") == []


@pytest.mark.parametrize(("text", "severity"), [
    ("2026年部门支出预算为1000.00万元。。", "error"),
    ("其中基本支出500.00万元，，项目支出500.00万元。", "error"),
    ("本部门“三公经费预算6.58万元。", "warning"),
    ("行政单位（含参照公务员法管理的事业单位使用的经费。", "warning"),
])
def test_punctuation(text: str, severity: str) -> None:
    assert [s for s, _ in found(document(text), "text_internal.punctuation")] == [severity]


def test_brackets_closed_on_the_next_line_are_paired() -> None:
    doc = document("九、机关运行经费：指行政单位（含参照公务员法管理的事",
                   "业单位）使用一般公共预算安排的基本支出中的日常公用经费支出。")
    assert found(doc, "text_internal.punctuation") == []


def test_a_reason_left_empty() -> None:
    doc = document(BUDGET.replace("主要原因是人员增加。", "主要原因是。"), tables=(functional(),))
    [(severity, message)] = found(doc, "placeholder.template-text")
    assert severity == "error" and "原因未填写" in message


def test_an_unfilled_template_is_one_finding_with_its_count() -> None:
    lines = [f"{n}.{name}支出预算为万元，比上年增加万元，增长%，主要原因是。"
             for n, name in enumerate(["基本", "项目", "人员", "公用"] * 9, 1)]
    report = run_audit(document(*lines), select=["placeholder.template-text"])
    [finding] = report.findings
    count = len(finding.locations)
    assert count >= 36 and finding.message.startswith(f"文件是未填写的模板：共 {count} 处")


def test_a_blank_page_inside_the_document() -> None:
    texts = [f"第{n}行说明文字。" for n in range(120)]  # 40 lines a page: pages 1–3
    doc = document(*texts, pages=5)
    doc.narrative = [p for p in doc.narrative if p.locator and p.locator.page != 2]
    [(severity, message)] = found(doc, "completeness.blank-page")
    assert severity == "warning" and "第 2 页" in message
    doc.narrative.append(Paragraph("- 2 -", Locator(page=2)))  # a page number only: still blank
    assert len(found(doc, "completeness.blank-page")) == 1


def test_no_finding_on_the_items_of_a_table_misread() -> None:
    table = functional(1_381_100)
    table.misread = True
    report = run_audit(document(BUDGET, tables=(table,)))
    assert "text_vs_table.item-amount" not in report.rule_ids
    assert [p.code for p in report.problems] == ["audit.rests-on-misread-table"]


def test_severity_of_an_item_only_in_fiscal_tables_with_other_money() -> None:
    """Jiangsu 2017: 公共安全（类）支出13656.34万元 (all funds) against the 财政拨款 table's
    13,641.34: the scopes may differ, a warning."""
    expenditure = Table("expenditure", "支出总表", [Row(item="total", values={"total": D(1_500_000)})],
                        unit="万元")
    doc = document(BUDGET, tables=(functional(1_381_100), expenditure))
    [(severity, message)] = found(doc, "text_vs_table.item-amount")
    assert severity == "warning" and "口径可能不同" in message
    assert Severity.WARNING.value == severity
