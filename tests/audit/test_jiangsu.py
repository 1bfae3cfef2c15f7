"""The 22 real Jiangsu PDFs: the audit's error-level findings are exactly the reviewed ones.

Each expected error was checked by reading the PDF's text. A new error-level
finding fails the test until a person has read the place: either it is a
genuine problem (add it here) or a false alarm (fix the rule). Warnings are
not pinned.
"""

from __future__ import annotations

from pathlib import Path

from cnbudget.audit import run_audit
from cnbudget.model.document import Severity
from cnbudget.pipeline import extract

# file (relative to jiangsu/) → {(rule, page of the first location)}
REVIEWED: dict[str, set[tuple[str, int | None]]] = {
    # “机关运行经费预算支出6032.55万元，比2016年增加3401.59万元，增长129.97%”: 129.29%
    # “基本支出预算数为12323.46万元” against 12,323.48 万元 in 支出预算总表 (and p.19 itself)
    "江苏省人民检察院/2017年省检察院部门预算.pdf": {
        ("text_internal.change-pct", 22), ("text_vs_table.fact", 19),
    },
    # “项目支出…减少了1237.7万元，减少13.22%” (13.22% copied from 基本支出): 22.21%
    "江苏省人民检察院/2019年度部门预算公开.pdf": {("text_internal.change-pct", 26)},
    # the 功能分类 items' own rates (text_items), each recomputed by hand from the
    # sentence (pdftotext): change / (this year − change)
    # “一般行政管理事务（项）支出3,666万元，…增加21.8万元，增长0.06%”: 21.8/3644.2 = 0.60%;
    # “执行等检察监督支出（项）1,895万元，…减少134万元，降幅0.66%”: 134/2029 = 6.60%
    "江苏省人民检察院/2018年省检察院部门预算公开.pdf": {("text_internal.item-change-pct", 26)},
    # “行政运行（项）支出6106.99万元，…增加101.48万元，增长1.66%”: 101.48/6005.51 = 1.69%
    # (1.66% is 101.48/6106.99: divided by this year's figure)
    "江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf": {("text_internal.item-change-pct", 8)},
    # “提租补贴（项）支出1959.99万元，…增加865.57万元，增长79.05%”: 865.57/1094.42 = 79.09%
    "江苏省高级人民法院/省法院2017年度部门预算公开.pdf": {("text_internal.item-change-pct", 22)},
    # “一般行政事务管理（项）支出6049.97万元，…减少392.92万元，减少5.95%”: 392.92/6442.89 = 6.10%
    "江苏省高级人民法院/省法院2018年度部门预算公开.pdf": {("text_internal.item-change-pct", 19)},
    # “…再列入本部门预算中，减少了该项支出。 。” (pdftotext of page 25): a doubled full stop
    "江苏省人大办公厅/省人大办公厅2018预算公开.pdf": {("text_internal.punctuation", 25)},
}


def _pdfs(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf"))


def test_jiangsu_errors_are_the_reviewed_ones(jiangsu_dir: Path) -> None:
    seen: dict[str, set[tuple[str, int | None]]] = {}
    for pdf in _pdfs(jiangsu_dir):
        report = run_audit(extract(pdf, audit=False))
        assert report.errors == [], pdf
        errors = {(f.rule, f.locations[0].page if f.locations else None)
                  for f in report.of_severity(Severity.ERROR)}
        if errors:
            seen[str(pdf.relative_to(jiangsu_dir))] = errors
    for name, errors in seen.items():
        unexpected = errors - REVIEWED.get(name, set())
        assert not unexpected, f"{name}: unreviewed error findings {unexpected}"
    for name, expected in REVIEWED.items():
        missing = expected - seen.get(name, set())
        assert not missing, f"{name}: genuine problems not found {missing}"
