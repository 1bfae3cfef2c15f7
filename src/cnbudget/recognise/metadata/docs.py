"""docs/metadata.md, generated from the vocabulary the metadata rules read."""

from __future__ import annotations

from collections.abc import Iterable

from cnbudget.recognise.metadata import vocabulary as v
from cnbudget.recognise.metadata.head import COVER_TEXT_MAX, HEAD_LINES
from cnbudget.recognise.metadata.years import COMPARISON_CUES, MENTIONS_MIN


def _words(words: Iterable[str]) -> str:
    return "、".join(f"`{w}`" for w in words)


def metadata_markdown() -> str:
    labels = "\n".join(
        f"| `{lab.label}` | {lab.rank} | {lab.scope.value if lab.scope else ''} |" for lab in v.NAME_LABELS)
    return f"""# Document metadata: how a cover is read

Generated from `src/cnbudget/recognise/metadata/vocabulary.py` by `make docs`;
the rules are in `recognise/metadata/` (one module per step).

## The cover
The document's first lines, up to {HEAD_LINES} non-empty ones, are read until its body
begins (a sentence, a line longer than {COVER_TEXT_MAX} characters, a table row). Each is a
cover line (a title, a name, or a piece of one), a label (`部门名称：…`), a date
(`二〇二五年九月`: the publication date, never the fiscal year), a contents line
(`目录`, `第二部分…`, numbered entries) or a page mark. Consecutive cover lines are
read as one text, so a title or name broken over lines reads whole. Years in
Chinese numerals are read as digits; spaces, full-width forms and known OCR slips
(`央算`) are folded for matching only.

## Titles
`<name><year>年[度]<qualifiers><预算|决算><trailer>`, or the year first
(`2021年郑州市大数据管理局部门预算说明`), or the name on the next line
(`2024年度部门决算公开文本` / `石家庄市数据局(汇总)`). The fiscal year and kind are the
title's. A name that is only a region (`广州市海珠区2023年区级部门预算`) names the
region; the department is then on a label or a line beside the title.

Qualifiers between the year and 预算/决算: {_words(v.TITLE_QUALIFIERS)}.

A performance report's title names its kind by what it reports on instead of 预算/决算:
{", ".join(f"`{w}` ({k.value})" for w, k in v.PERFORMANCE_KINDS)}.

Words before a title that name no department: {_words(v.TITLE_PREFIXES)}, {_words(sorted(v.COVER_WORDS))}.

## Labels
Lower rank wins; ranks up to {v.LABEL_BEATS_TITLE} outrank the title's own name. A label
stating a scope decides it unless the name carries (汇总)/(本级). A value broken over
two lines is joined where the first part does not end as a name does and the
joined one does.

| label | rank | scope |
|---|---|---|
{labels}

Year labels: {_words(v.YEAR_LABELS)}. Code labels: {_words(v.CODE_LABELS)}.

## The department
Sources, most reliable first: `部门编码及名称：[302]…`; a label of rank up to
{v.LABEL_BEATS_TITLE}; the title's name; a name line beside a title without one; other
labels, on the cover, then anywhere; the name most statements open with.
A name ends as a body's does: {_words(v.ORG_ENDINGS)}. It is kept without its code
and its scope suffix ({_words(w for w, _ in v.SCOPE_SUFFIXES)}).

## Scope
The name's suffix; else a label's scope (预算单位 → unit, 预算主管部门 → department); else
单位/本级 or 部门 among the title's qualifiers; else 单位预算/单位决算 on the cover; else a
department.

## Region
The divisions a name opens with, after a prefix ({_words(v.BODY_PREFIXES)}):
a province ({_words(v.PROVINCES)}, or any `…省`/`…自治区`), then divisions ending
{_words(v.CITY_SUFFIXES)} (city), {_words(v.DISTRICT_SUFFIXES)} (district),
{_words(v.COUNTY_SUFFIXES)} (county); a city under a city is a county-level city.
A division suffix inside a stem: {_words(sorted(v.SUFFIXES_INSIDE_STEMS))} (郑州市). Stems
that make words, not places: {_words(sorted(v.NOT_A_STEM))}. A district or county
named alone takes its city from the text where printed with it (武汉市硚口区).

## Without a title
The year is a `预算年度：` label's, else the latest year printed at least {MENTIONS_MIN}
times with the text's kind word (预算/决算 within a few characters), not after
{_words(COMPARISON_CUES)}.

## Templates and non-disclosures
Placeholders: {_words(v.PLACEHOLDERS)} before a body's ending (`XX局`), or a year left
blank (`    年部门预算`, `20XX年`). A document is refused (`document.template`,
`document.not-a-disclosure`, see problems.md) unless it has a standard table with
a non-zero figure or a filled indicator, narrative amounts in a document of known
kind and year, or other tables about budget figures in a document naming its
department, kind and year (`recognise/disclosure.py`). A title naming another genre
({_words(w for w, _ in v.OTHER_GENRES)}) is refused unless standard tables print figures.
"""
