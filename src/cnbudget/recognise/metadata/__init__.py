"""Document metadata as the cover prints it: kind, scope, fiscal year, department
(name, code), region, title.

Named steps, each kept on the `MetadataReading` for debugging:
`cover_lines` (the head, classified) → `cover_runs` (title and name lines
joined) → `read_title` (name, year, kind of each run) → labels (预算单位：…)
→ the department by the most reliable source that names one → scope, region.

Sources of the department's name, most reliable first: a table header's
`部门编码及名称：[302]…`; a cover label naming the 预算单位 or 预算主管部门, or
部门名称/单位名称; the cover title's name (not a bare region: …区2023年区级部门预算
names the region only); a name line beside a title printed without one; other
labels (部门：…, 编制单位：…) on the cover, then anywhere; and where a document
prints none of these (a 文件 PDF opening at its contents) the name most of its
statements open with. The fiscal year is the title's, else a 预算年度 label,
else the year the text's figures are of (years.py), never a date or a
comparison year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cnbudget.ingest.layout import Line
from cnbudget.model import Department, DocumentMeta, Kind, Region, Scope
from cnbudget.normalise.text import fold, nfkc, squash, undo_ocr_slips
from cnbudget.recognise.metadata.cover import (
    LabelReading,
    TitleReading,
    code_and_name,
    code_label,
    cover_labels,
    kind_of_word,
    labels_anywhere,
    read_title,
    year_label,
)
from cnbudget.recognise.metadata.head import (
    CoverRun,
    HeadLine,
    cover_lines,
    cover_runs,
    matching_text,
)
from cnbudget.recognise.metadata.names import (
    CleanName,
    clean_name,
    ends_like_a_body,
    name_announced,
    name_from_statements,
    plausible_name,
    preferred_spelling,
)
from cnbudget.recognise.metadata.region import is_bare_region, region_of
from cnbudget.recognise.metadata.vocabulary import LABEL_BEATS_TITLE
from cnbudget.recognise.metadata.years import year_of_figures

__all__ = ["MetadataReading", "read_metadata", "recognise_metadata"]

NEIGHBOUR_LINES = 4  # how far from a title without a name its name line may be printed
YEAR_TEXT_CHARS = 60000  # how far into the text the year of its figures is looked for


@dataclass(slots=True)
class MetadataReading:
    """Every intermediate of the reading, and the result."""

    head: list[HeadLine]
    runs: list[CoverRun]
    titles: list[TitleReading]
    title: TitleReading | None
    labels: list[LabelReading]
    name_source: str | None
    meta: DocumentMeta = field(default_factory=DocumentMeta)


def _chosen_title(titles: list[TitleReading]) -> TitleReading | None:
    """The first title; where it prints no name before its year, a later title of the
    same year and kind that does (a cover `2024年度部门决算公开文本` then `石家庄市数据局
    2024年度部门决算公开文本` on its inner page)."""
    if not titles:
        return None
    first = titles[0]
    if first.names_first and not is_bare_region(clean_name(first.name or "").name):
        return first
    for later in titles[1:]:
        if (later.year, later.kind_word) == (first.year, first.kind_word) and later.names_first \
                and not is_bare_region(clean_name(later.name or "").name):
            return later
    return first


def _neighbour_name(head: list[HeadLine], title: TitleReading, runs: list[CoverRun]) -> CleanName | None:
    """A name printed on its own line(s) near a title that prints none."""
    at = head.index(title.run.lines[0])
    best: tuple[int, CleanName] | None = None
    for run in runs:
        if run is title.run:
            continue
        distance = min(abs(head.index(h) - at) for h in run.lines)
        name = clean_name(run.printed)
        if distance <= NEIGHBOUR_LINES and plausible_name(name.name) and ends_like_a_body(name.name) \
                and not is_bare_region(name.name) and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None


def _department(lines: Sequence[Line], head: list[HeadLine], runs: list[CoverRun],
                title: TitleReading | None, labels: list[LabelReading],
                year: int | None) -> tuple[CleanName | None, str | None]:
    """The department's name and the source it was read from."""
    found = code_and_name(lines)
    if found:
        return found, "code-and-name"
    ranked = sorted(labels, key=lambda lab: lab.label.rank)
    strong = [lab for lab in ranked if lab.label.rank <= LABEL_BEATS_TITLE]
    if strong:
        return strong[0].name, f"label {strong[0].label.label}"
    if title is not None:
        named = clean_name(title.name) if title.name else None
        if named is not None and not is_bare_region(named.name):
            return named, f"title ({title.name_position})"
        neighbour = _neighbour_name(head, title, runs)  # the title names none, or a region only
        if neighbour:
            return neighbour, "name beside the title"
    if ranked:
        return ranked[0].name, f"label {ranked[0].label.label}"
    anywhere = sorted(labels_anywhere(lines), key=lambda lab: lab.label.rank)
    if anywhere:
        return anywhere[0].name, f"label {anywhere[0].label.label} (in the text)"
    printed = nfkc("\n".join(ln.text for ln in lines))
    announced = name_announced(printed)
    if announced:
        return clean_name(announced), "announced (现将…公开如下)"
    stated = name_from_statements(printed, year)
    if stated:
        return clean_name(stated), "statements"
    return None, None


def _scope(name: CleanName | None, labels: list[LabelReading], title: TitleReading | None,
           head_text: str) -> Scope:
    """(汇总)/(本级) on the name, else a 预算单位/预算主管部门 label, else the title's
    单位/部门, else 单位预算 printed on the cover; a department by default."""
    if name is not None and name.scope is not None:
        return name.scope
    stated = [lab.label.scope for lab in labels if lab.label.scope is not None]
    if stated:
        return Scope.UNIT if Scope.UNIT in stated else Scope.DEPARTMENT
    if title is not None:
        if "单位" in title.qualifiers or title.qualifiers.endswith("本级"):
            return Scope.UNIT
        if "部门" in title.qualifiers:
            return Scope.DEPARTMENT
    if ("单位预算" in head_text or "单位决算" in head_text) and "部门预算" not in head_text \
            and "部门决算" not in head_text:
        return Scope.UNIT
    return Scope.DEPARTMENT


def _kind_from_counts(head_text: str) -> Kind | None:
    """Whichever the cover says more often (a cover may cite 《地方预决算公开操作规程》)."""
    finals, budgets = head_text.count("决算"), head_text.count("预算")
    if finals == budgets == 0:
        return None
    return Kind.FINAL_ACCOUNT if finals > budgets else Kind.BUDGET


def read_metadata(lines: Sequence[Line]) -> MetadataReading:
    head = cover_lines(lines)
    runs = cover_runs(head)
    titles = [t for t in (read_title(run) for run in runs) if t is not None]
    title = _chosen_title(titles)
    labels = cover_labels(head, lines)
    full_text = "\n".join(ln.text for ln in lines)
    head_text = "".join(h.text for h in head) or fold("\n".join(ln.text for ln in lines[:40]))

    year = title.year if title else year_label(ln.text for ln in lines)
    figures = None
    if year is None or title is None:
        figures = year_of_figures(matching_text(full_text[:YEAR_TEXT_CHARS]))
        if year is None and figures is not None:
            year = figures.year
    if title is not None:
        kind: Kind | None = kind_of_word(title.kind_word, head_text)
    elif figures is not None:
        kind = kind_of_word(figures.kind_word)
    else:
        kind = _kind_from_counts(head_text)

    name, source = _department(lines, head, runs, title, labels, year)
    code = (name.code if name else None) or code_label(h.printed for h in head)
    scope = _scope(name, labels, title, head_text)
    department_name = preferred_spelling(name.name, full_text) if name else None

    if title is not None:
        printed_title: str | None = undo_ocr_slips(title.printed)
    elif department_name and year and kind:
        word = "单位" if scope is Scope.UNIT else "部门"
        printed_title = f"{department_name}{year}年{word}{'决算' if kind is Kind.FINAL_ACCOUNT else '预算'}"
    else:
        printed_title = None

    lines_text = "\n".join(squash(ln.text) for ln in lines)  # letter-spaced covers read whole
    region = region_of(department_name, lines_text) if department_name else Region()
    if region.name is None and title is not None and title.name:
        region = region_of(clean_name(title.name).name, lines_text)

    meta = DocumentMeta(kind=kind, scope=scope, year=year, title=printed_title,
                        department=Department(name=department_name, code=code), region=region)
    return MetadataReading(head, runs, titles, title, labels, source, meta)


def recognise_metadata(lines: Sequence[Line]) -> DocumentMeta:
    return read_metadata(lines).meta
