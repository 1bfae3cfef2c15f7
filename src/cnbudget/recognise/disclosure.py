"""Is a read document a disclosure at all? The evidence, and the refusal where there is none.

A budget or final-account disclosure states a department's figures for a
year. Evidence of that, any one of which suffices:

1. a standard table (any type of model/table_types.py: 收支总表 … per-project
   tables) with a figure that is not zero, or a filled performance indicator;
2. narrative figures (收入预算总计… 万元: amount facts) in a document whose
   kind and year are known;
3. a document naming its department, kind and year whose tables of another
   layout (type `other`, titled with 预算/决算/收支/经费…) print figures.

A document with none is refused: `document.template` where it prints the
marks of an unfilled form (XX局, `    年`; recognise/metadata/template.py),
else `document.not-a-disclosure`. A document whose title names another genre (an audit
report on a department's budget, the government's budget report, a notice;
`OTHER_GENRES`) is refused on narrative figures alone: only standard tables with
figures make it a disclosure. The message says what was read and what
was missing. Figures that are all zero do not count: a template's formulas
print 0.00 everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cnbudget.ingest.errors import NotADisclosure
from cnbudget.ingest.layout import Line
from cnbudget.model import Document, Table
from cnbudget.model.fact_keys import FACT_KEYS
from cnbudget.model.problems import problem_of
from cnbudget.model.table_types import OTHER
from cnbudget.normalise.text import squash
from cnbudget.recognise.metadata.template import template_marks
from cnbudget.recognise.metadata.vocabulary import OTHER_GENRES

# words an `other` table's title carries when it is about budget figures
BUDGET_TITLE_WORDS: tuple[str, ...] = ("预算", "决算", "收支", "收入", "支出", "经费", "拨款", "资金")
NAMED_TABLES_MAX = 3  # a message names this many tables at most
TITLE_LINES = 3  # where no cover title was read, the genre is looked for in the first lines


def _has_figures(table: Table) -> bool:
    """A figure that is not zero, or a filled performance indicator (目标值 7台)."""
    return any(v for row in table.rows for v in row.values.values() if v is not None) or any(
        ind.target or ind.actual for row in table.rows for ind in row.indicators or [])


@dataclass(frozen=True, slots=True)
class DisclosureEvidence:
    """What a document offers as evidence of being a disclosure."""

    lines: int  # non-empty lines read
    standard_with_figures: tuple[str, ...]  # titles of standard tables with a figure
    standard_without_figures: tuple[str, ...]
    other_with_figures: tuple[str, ...]  # other-layout tables about budget figures, with a figure
    amount_facts: int  # narrative amount facts
    kind_and_year: bool
    department: bool
    template_marks: tuple[str, ...]
    other_genre: str | None = None  # the genre the title names where it is not a disclosure's

    @property
    def is_disclosure(self) -> bool:
        if self.standard_with_figures:
            return True
        if self.other_genre is not None:
            return False
        if self.amount_facts and self.kind_and_year:
            return True
        return bool(self.other_with_figures and self.kind_and_year and self.department)

    def missing(self) -> str:
        """What was read and what was missing, in Chinese, for the refusal's message."""
        said: list[str] = [f"读取到 {self.lines} 行文字"]
        if self.other_genre is not None:
            said.append(f"标题表明这是{self.other_genre}")
        if self.standard_without_figures:
            names = "、".join(f"“{t}”" for t in self.standard_without_figures[:NAMED_TABLES_MAX])
            said.append(f"预决算表格（{names}）中没有填写任何非零数字")
        else:
            said.append("没有识别出任何预决算表格（收支总表、收入表、支出表等）中的数字")
        if self.other_with_figures and not (self.kind_and_year and self.department):
            said.append("其他表格虽有数字，但文件没有写明部门名称、预算或决算及其年度")
        if self.amount_facts and not self.kind_and_year:
            said.append("文字中的金额没有写明是哪一年度的预算或决算")
        elif not self.amount_facts:
            said.append("也没有说明部门预算或决算金额的文字")
        return "，".join(said)


def other_genre(title: str | None, lines: Sequence[Line]) -> str | None:
    """The genre a title names where it is not a disclosure's (审计报告, 通知 …)."""
    texts = [title] if title else [ln.text for ln in lines if ln.text.strip()][:TITLE_LINES]
    squashed = "".join(squash(t) for t in texts)
    return next((name for word, name in OTHER_GENRES if word in squashed), None)


def evidence_of(doc: Document, lines: Sequence[Line]) -> DisclosureEvidence:
    standard = [t for t in doc.tables if t.type != OTHER]
    others = [t for t in doc.tables if t.type == OTHER and any(w in t.title for w in BUDGET_TITLE_WORDS)]
    amounts = [f for f in doc.facts if FACT_KEYS[f.key].unit == "元" and f.value] if doc.facts else []
    meta = doc.meta
    return DisclosureEvidence(
        lines=sum(1 for ln in lines if ln.text.strip()),
        standard_with_figures=tuple(t.title for t in standard if _has_figures(t)),
        standard_without_figures=tuple(t.title for t in standard if not _has_figures(t)),
        other_with_figures=tuple(t.title for t in others if _has_figures(t)),
        amount_facts=len(amounts),
        kind_and_year=meta.kind is not None and meta.year is not None,
        department=meta.department.name is not None,
        template_marks=template_marks(lines),
        other_genre=other_genre(meta.title, lines),
    )


def require_disclosure(doc: Document, lines: Sequence[Line]) -> DisclosureEvidence:
    """The document's evidence; raises `NotADisclosure` where there is none."""
    evidence = evidence_of(doc, lines)
    if evidence.is_disclosure:
        return evidence
    file = doc.source.file
    if evidence.template_marks:
        reason = "；".join(evidence.template_marks) + "；" + evidence.missing()
        problem = problem_of("document.template", None, file=file, reason=reason)
    else:
        problem = problem_of("document.not-a-disclosure", None, file=file, reason=evidence.missing())
    raise NotADisclosure(file, problem.code, problem.message)
