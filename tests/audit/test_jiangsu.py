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
