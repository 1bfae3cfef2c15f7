"""Cut a document's lines into table blocks and narrative.

Named steps, each kept so it can be inspected: `title_candidates` (lines that
read as table titles) → `accept_titles` (those followed by table content, so a
table of contents is not taken for tables) → `cut_blocks` (each title's lines
up to the next title or the narrative that follows the table). Lines in no
block are the narrative.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from cnbudget.ingest.layout import Delimiter, Line
from cnbudget.model.table_types import OTHER, STANDARD_TYPES
from cnbudget.normalise.amounts import looks_like_amount
from cnbudget.normalise.printed import header_unit, is_note, is_page_mark, says_empty, unit_in
from cnbudget.normalise.text import fold
from cnbudget.recognise.blocks import TableBlock
from cnbudget.recognise.lines import located
from cnbudget.recognise.titles import is_continuation, strip_numbering, title_type, type_for_words

PER_PROJECT_TYPES = frozenset({"performance_target", "performance_evaluation"})
_UNIT_BELOW = 3  # a unit line printed under a table stands among its last lines (notes after it)

_SECTION = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、[^\t\d]{2,40}$|名词解释)"
)


@dataclass(frozen=True, slots=True)
class TitleCandidate:
    index: int  # position in the line list
    type: str
    title: str


@dataclass(slots=True)
class Segmentation:
    candidates: list[TitleCandidate]
    titles: list[TitleCandidate]  # accepted
    blocks: list[TableBlock]
    block_spans: list[tuple[int, int]]  # [start, end) line index per block, title included
    narrative: list[Line] = field(default_factory=list)
    document_unit: str | None = None


def _title_fragment(lines: list[Line], j: int) -> str | None:
    """A line that may be the other half of a title wrapped over two lines."""
    if j < 0 or j >= len(lines) or len(lines[j].filled) != 1:
        return None
    text = lines[j].text.strip()
    if len(text) > 30 or any(p in text for p in "。，；") or is_page_mark(lines[j].text) or unit_in(text):
        return None
    return text


def _title_text(lines: list[Line], i: int) -> str:
    """A title may be wrapped over two lines: 硚口区部门预算项目支出 / (绩效目标)申报表,
    公开09表：“三公”经费、会议费、培训费 / 支出预算表, 财政拨款政府性基金支出预算 / 表."""
    text = lines[i].text.strip()
    nxt = _title_fragment(lines, i + 1)
    if nxt is not None and not text.endswith("表") and len(nxt) <= 3 and nxt.startswith("表"):
        return text + nxt
    prev = _title_fragment(lines, i - 1)
    if prev is None or prev.endswith("表"):
        return text
    joined = prev + text
    if text.startswith(("(", "（")) or (
        len(text) <= 8 and title_type(joined) not in (None, OTHER, title_type(text))
    ):
        return joined
    return text


def _unit_follows(lines: list[Line], i: int) -> bool:
    return any(unit_in(ln.text) for ln in lines[i + 1 : i + 3])


def title_candidates(lines: list[Line]) -> list[TitleCandidate]:
    out: list[TitleCandidate] = []
    for i, line in enumerate(lines):
        if len(line.filled) != 1:
            continue
        text = _title_text(lines, i)
        kind = title_type(text)
        if kind is None and _unit_follows(lines, i) and not _SECTION.match(text):
            # 部门政府采购预算 / 单位：万元 — a title without 表, vouched for by its unit line
            kind = title_type(text, ends_in_table=False)
        if kind is not None:
            out.append(TitleCandidate(i, kind, text))
    return out


def _is_table_content(line: Line) -> bool:
    filled = line.filled
    if len(filled) >= 2 and any(looks_like_amount(c) for c in filled):
        return True
    if len(filled) >= 3:
        return True
    text = line.text
    return bool(says_empty(text) or (unit_in(text) and len(text) < 60))


def accept_titles(lines: list[Line], candidates: list[TitleCandidate]) -> list[TitleCandidate]:
    """Keep the candidates followed by table content before the next candidate."""
    accepted: list[TitleCandidate] = []
    for n, cand in enumerate(candidates):
        end = candidates[n + 1].index if n + 1 < len(candidates) else len(lines)
        window = lines[cand.index + 1 : min(end, cand.index + 40)]
        if any(_is_table_content(ln) for ln in window):
            accepted.append(cand)
    return accepted


_FREE_TEXT = (Delimiter.NONE, Delimiter.SPACE)


def _is_prose(line: Line) -> bool:
    if line.delimiter not in _FREE_TEXT:
        return False
    text = line.text.strip()
    if _SECTION.match(text):
        return True
    return len(text) >= 40 and ("。" in text or "，" in text) and not is_note(text)


def _table_end(lines: list[Line], start: int, end: int, per_project: bool) -> int:
    """Where a table's own lines stop: at a section heading, or (for the
    standard tables) at the first prose after the body and its notes."""
    seen_body = False
    for i in range(start, end):
        line = lines[i]
        text = line.text.strip()
        if _SECTION.match(text) and len(line.filled) == 1 and line.delimiter in _FREE_TEXT:
            return i
        if per_project:
            continue
        if _is_table_content(line):
            seen_body = True
        elif seen_body and _is_prose(line) and not is_note(text):
            return i
    return end


def _context(lines: list[Line], index: int, floor: int) -> list[str]:
    ctx: list[str] = []
    for j in range(index - 1, max(floor, index - 4) - 1, -1):
        text = lines[j].text.strip()
        if len(text) > 40 or _is_row_like(lines[j]):
            break
        ctx.insert(0, text)
    return ctx


def _project_heading_start(lines: list[Line], index: int, floor: int) -> int:
    """Short single-cell lines just above a per-project title (the project's
    name) belong to that table, not to the block above."""
    j = index
    while j - 1 >= floor and j > index - 3:
        prev = lines[j - 1]
        text = prev.text.strip()
        if len(prev.filled) != 1 or len(text) > 40 or looks_like_amount(text) or "。" in text:
            break
        j -= 1
    return j


def _repeats(previous: TableBlock, block: TableBlock) -> bool:
    """The same title printed again over a table's next page (not a second table
    with the same title: those carry a different number, 附件5-1 / 附件5-2, or,
    where no number is printed, open a grid of their own under other headers)."""
    return (
        block.type not in PER_PROJECT_TYPES
        and fold(previous.title) == fold(block.title)
        and (not block.context or [fold(c) for c in previous.context] == [fold(c) for c in block.context])
        and not _opens_other_table(previous, block)
    )


def _grid_header(lines: list[Line]) -> tuple[int | None, set[str]]:
    """The grid the lines' table opens, and its header labels: the cells of that
    grid's leading lines, up to the first line holding an amount."""
    grid = next((ln.grid for ln in lines if ln.grid is not None), None)
    labels: set[str] = set()
    for line in lines:
        if line.grid is None:
            continue
        if line.grid != grid or any(looks_like_amount(c) for c in line.filled):
            break
        labels |= {fold(c) for c in line.filled}
    return grid, labels


def _opens_other_table(previous: TableBlock, block: TableBlock) -> bool:
    """A repeated title over a grid of its own (a workbook's next sheet, a document's
    next table) whose header names a column the first header does not: a second
    table under the same title. A table continued over pages repeats its header
    (or part of it: the labels are a subset) or prints none, and stays one."""
    grid, labels = _grid_header(block.lines)
    if grid is None or not labels or grid in {ln.grid for ln in previous.lines}:
        return False
    _, first = _grid_header(previous.lines)
    return bool(first) and not labels <= first


def document_unit(lines: list[Line]) -> str | None:
    units = Counter(u for u in (unit_in(ln.text) for ln in lines) if u)
    return units.most_common(1)[0][0] if units else None


def _header_units(body: list[Line]) -> tuple[list[Line], str | None]:
    """The block with units printed in its header cells (合计（万元）) taken out of the
    labels, and that unit: the header is the rows above the first figure."""
    units: Counter[str] = Counter()
    out = list(body)
    for i, line in enumerate(body[:10]):
        if any(looks_like_amount(c.text) for c in line.cells):
            break
        if line.delimiter is Delimiter.NONE:
            continue  # a paragraph: a unit in brackets there is no column's
        cells, changed = [], False
        for cell in line.cells:
            label, unit = header_unit(cell.text)
            if unit is not None:
                units[unit] += 1
                cell, changed = replace(cell, text=label), True
            cells.append(cell)
        if changed:
            out[i] = replace(line, cells=tuple(cells))
    return out, units.most_common(1)[0][0] if units else None


def _block_unit(lines: list[Line]) -> str | None:
    """The unit a block's unit line prints (单位：万元), the first of `lines` to print one."""
    return next((u for u in (unit_in(ln.text) for ln in lines) if u), None)


def cut_blocks(lines: list[Line], titles: list[TitleCandidate], doc_unit: str | None) -> tuple[list[TableBlock], list[tuple[int, int]]]:
    blocks: list[TableBlock] = []
    spans: list[tuple[int, int]] = []
    starts = [t.index for t in titles]
    for n, title in enumerate(titles):
        nxt = starts[n + 1] if n + 1 < len(starts) else len(lines)
        if n + 1 < len(titles) and titles[n + 1].type in PER_PROJECT_TYPES:
            nxt = _project_heading_start(lines, nxt, title.index + 1)
        end = _table_end(lines, title.index + 1, nxt, title.type in PER_PROJECT_TYPES)
        body, head_unit = _header_units(lines[title.index + 1 : end])
        head = lines[title.index]
        # the unit line below the title, or the title's own （单位：万元）, else one printed
        # under the table (a lone 单位：万元 among its last lines), else the headers' 合计（万元）
        unit = _block_unit([head, *body[:8]]) \
            or _block_unit([ln for ln in reversed(body[-_UNIT_BELOW:])
                            if len(ln.filled) == 1 and len(ln.text.strip()) < 20]) or head_unit
        floor = spans[-1][1] if spans else 0
        # the label above a title (附件5-2) may sit inside the block before it
        label_floor = starts[n - 1] + 1 if n else 0
        block = TableBlock(
            type=title.type, title=title.title, lines=body, unit=unit,
            locator=located(head),
            context=_context(lines, title.index, label_floor), document_unit=doc_unit,
        )
        if blocks and blocks[-1].type == title.type and (
            is_continuation(title.title) or _repeats(blocks[-1], block)
        ):
            blocks[-1].lines.extend(body)
            spans[-1] = (spans[-1][0], end)
            continue
        blocks.append(block)
        spans.append((min(title.index, _project_heading_start(lines, title.index, floor))
                      if title.type in PER_PROJECT_TYPES else title.index, end))
    return blocks, spans


def _is_row_like(line: Line) -> bool:
    """A line that can only be a table row (prose split on spaces does not count)."""
    filled = line.filled
    if line.delimiter in (Delimiter.GRID, Delimiter.TAB):
        return len(filled) >= 2
    if any(p in line.text for p in "。，；;"):
        return False
    return sum(looks_like_amount(c) for c in filled) >= 2


def _heading_before(lines: list[Line], start: int, floor: int) -> tuple[int, str] | None:
    """The heading above an untitled table; a lead-in sentence (具体内容见下表。)
    between them is passed over."""
    for j in range(start - 1, max(floor, start - 6) - 1, -1):
        line = lines[j]
        if len(line.filled) > 1:
            return None
        text = line.text.strip()
        if len(line.filled) == 1 and not is_page_mark(line.text) and not text.endswith(("。", "：", ":")):
            return j, text
    return None


def untitled_blocks(lines: list[Line], in_block: list[bool], doc_unit: str | None) -> list[tuple[TableBlock, int, int]]:
    """Runs of table rows outside any titled table (a table printed under a
    section heading, 具体内容见下表): kept as blocks so nothing printed is lost.
    The heading or sentence above names them; its words give the type."""
    found: list[tuple[TableBlock, int, int]] = []

    def lead_in(j: int) -> bool:  # 具体情况如下: split on spaces may read as a row of numbers
        return lines[j].delimiter in _FREE_TEXT and lines[j].text.strip().endswith(("：", ":"))

    i = 0
    while i < len(lines):
        if in_block[i] or lead_in(i) or not _is_row_like(lines[i]):
            i += 1
            continue
        start = i
        end = i
        while end < len(lines) and not in_block[end] and (
            _is_row_like(lines[end]) or (len(lines[end].filled) <= 1 and not _is_prose(lines[end]))
        ):
            end += 1
        while end > start and not _is_row_like(lines[end - 1]):
            end -= 1
        rows = sum(_is_row_like(ln) for ln in lines[start:end])
        if rows >= 2:
            floor = max((e for (_, _, e) in found), default=0)
            heading = _heading_before(lines, start - 1 if start and lead_in(start - 1) else start, floor)
            if heading and unit_in(heading[1]) and len(heading[1]) < 60:
                # a unit line (部门编码及名称：… 金额单位：万元) names no table: the heading is above it
                heading = _heading_before(lines, heading[0], floor)
            title = heading[1] if heading else ""
            kind = type_for_words(strip_numbering(title)) if title else OTHER
            if kind in STANDARD_TYPES:
                # a standard table is never printed untitled; a 情况说明 heading
                # naming one introduces a breakdown, not the table itself
                kind = OTHER
            head = lines[heading[0]] if heading else lines[start]
            body, head_unit = _header_units(lines[start:end])
            above = lines[heading[0]:start] if heading else []
            unit = _block_unit([*above, *body[:8]]) or head_unit
            found.append((TableBlock(
                type=kind, title=title, lines=body, unit=unit,
                locator=located(head), document_unit=doc_unit,
            ), start, end))
        i = max(end, i + 1)
    return found


def segment(lines: list[Line]) -> Segmentation:
    candidates = title_candidates(lines)
    titles = accept_titles(lines, candidates)
    doc_unit = document_unit(lines)
    blocks, spans = cut_blocks(lines, titles, doc_unit)
    in_block = [False] * len(lines)
    for start, end in spans:
        for i in range(start, end):
            in_block[i] = True
    for block, start, end in untitled_blocks(lines, in_block, doc_unit):
        blocks.append(block)
        spans.append((start, end))
        for i in range(start, end):
            in_block[i] = True
    order = sorted(range(len(blocks)), key=lambda n: spans[n][0])
    blocks = [blocks[n] for n in order]
    spans = [spans[n] for n in order]
    narrative = [ln for i, ln in enumerate(lines) if not in_block[i] and not is_page_mark(ln.text)]
    return Segmentation(candidates, titles, blocks, spans, narrative, doc_unit)
