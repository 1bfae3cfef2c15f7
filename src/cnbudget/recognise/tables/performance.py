"""绩效目标表 and 绩效自评表: one table per project, one row.

The row is `{"item": project, "project": project, "values": {...},
"indicators": [...]}`. A target table's `budget` is the project's amount for
the year (预算数 / 项目当年预算 / 项目本年度金额 / 部门预算总额; in a 部门整体 form
without such a label, the first 合计 of its 收入构成 grid); a
self-evaluation's values are `budget` (预算数), `executed` (执行数), `rate`
(预算执行率/执行进度, in percent) and `score` (总分). Amounts are in the
table's unit (a label may print its own: 部门预算总额（万元）); rate and score
are not converted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model import Indicator, Problem, Row
from cnbudget.normalise.amounts import parse_amount
from cnbudget.normalise.printed import is_note, unit_in
from cnbudget.normalise.text import fold, nfkc
from cnbudget.recognise.blocks import TABLE_PARSERS, ParsedTables, TableBlock
from cnbudget.recognise.lines import is_furniture, positional
from cnbudget.recognise.tables.cells import (
    amount,
    body_lines,
    filled,
    finish,
    locator,
    new_table,
    table_unit,
    tokens,
)
from cnbudget.recognise.tables.indicators import (
    SCORE,
    IndicatorReader,
    column_roles,
    header_roles,
    is_header,
)
from cnbudget.recognise.tables.project_form import (
    form_fields,
    form_unit,
    label_fields,
    sub_tables,
    whole_form_fields,
)

_BUDGET_LABELS = ("项目当年预算", "项目本年度金额", "本年度金额", "当年预算", "年度预算数", "预算数",
                  "预算金额", "部门预算总额", "资金总额", "预算安排")
_NAME_LABELS = ("项目名称", "部门名称", "部门(单位)名称", "单位名称", "项目名")
_NAME_END = ("实施", "主管", "单位", "项目编码", "项目类型", "项目负责人")
_TITLE_TAIL = re.compile(r"(?:项目支出)?绩效(?:目标|自评)(?:申报)?表$")
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十\d]+部分")  # 第二部分 资金绩效目标: no project


def _number_text(text: str) -> str:
    return fold(text).rstrip("分").rstrip("元").strip()


def _parse(text: str) -> Decimal | None:
    try:
        return parse_amount(_number_text(text))
    except ValueError:
        return None


def value_after(lines: list[Line], labels: tuple[str, ...]) -> tuple[str, Line, str] | None:
    """(printed number, its line, the label cell) of the first label, in label order."""
    for label in labels:
        for line in lines:
            toks = [t.text for t in filled(tokens(line))]
            for i, text in enumerate(toks):
                key = fold(text)
                if not key.startswith(label):
                    continue
                rest = key[len(label):].lstrip(":：")
                rest = re.sub(r"^[(（][^)）]*[)）][:：]?", "", rest)
                candidates = ([rest] if rest else []) + toks[i + 1:i + 2]
                for cand in candidates:
                    if _parse(cand) is not None:
                        return cand, line, text
    return None


def _label_unit(label: str) -> str | None:
    """A unit printed in the label itself: 部门预算总额（万元）."""
    m = re.search(r"[(（]\s*(万元|千元|元)\s*[)）]", label)
    return m.group(1) if m else unit_in(label)


def _name_label(key: str) -> str | None:
    return next((label for label in _NAME_LABELS if key.startswith(label)), None)


def _drop_label(text: str, label: str) -> str:
    """The printed text after a label (spaces inside the label allowed: 项 目 名 称：)."""
    pattern = r"^\s*" + r"\s*".join(re.escape(ch) for ch in label) + r"\s*[:：]?\s*"
    return re.sub(pattern, "", nfkc(text).replace("（", "(").replace("）", ")"), count=1)


def _project_from_cells(lines: list[Line]) -> str | None:
    """The printed name in the cells after 项目名称 (部门名称 in a 部门整体 table),
    joined where OCR split it (局文件资料印 | 刷费), up to the next label."""
    for line in lines:
        toks = [t.text for t in filled(tokens(line))]
        for i, text in enumerate(toks):
            label = _name_label(fold(text))
            if label is None:
                continue
            parts: list[str] = []
            for n, piece in enumerate([text, *toks[i + 1:]]):
                inner = _name_label(fold(piece))
                if inner is not None:
                    piece = _drop_label(piece, inner)  # 项目名称 | 项目名称 防入侵检测经费
                elif n and fold(piece).startswith(_NAME_END):
                    break
                if not piece.strip():
                    continue
                parts.append(piece.strip())
                if not positional(line):
                    break  # space-split: the name is one piece
            if parts:
                return "".join(parts)
    return None


def project_name(block: TableBlock, lines: list[Line]) -> str:
    """The project a table is about: its 项目名称 cell, completed by the name
    printed above the title where OCR broke the cell; else the title's own words."""
    from_cells = _project_from_cells(lines)
    context = [c.strip() for c in block.context if c.strip() and len(c.strip()) <= 60]
    above = context[-1] if context else None
    usable_above = above is not None and not _TITLE_TAIL.search(fold(above)) \
        and not fold(above).startswith(("附件", "表", "公开", "(")) and not _PART_HEADING.match(fold(above))
    if from_cells and usable_above and fold(from_cells) != fold(above) \
            and fold(from_cells)[:3] in fold(above):
        return above
    if from_cells:
        return from_cells
    if usable_above:
        return above
    title = re.sub(r"^\s*\d+\s*[.、．]\s*", "", block.title.strip())
    return _TITLE_TAIL.sub("", title) or block.title


def parse_performance(block: TableBlock) -> ParsedTables:
    unit = table_unit(block)
    table = new_table(block, unit)
    problems: list[Problem] = []
    lines = body_lines(block)
    evaluation = block.type == "performance_evaluation"
    project = project_name(block, lines)
    row = Row(item=project, name=project, texts={"project": project},
              locator=block.locator or (locator(lines[0]) if lines else None))
    found = value_after(lines, _BUDGET_LABELS if not evaluation else ("预算数",))
    if found is None and not evaluation and "整体" in block.title:
        # a 部门整体 form prints the year's money as a 收入/支出构成 grid: its first 合计
        found = value_after(lines, ("合计",))
    if found is not None and _label_unit(found[2]) is None:
        unit, recovered = form_unit(block, lines, unit, _number_text(found[0]))
        if recovered is not None:
            table.figures_unit = unit
            problems.append(recovered)
    if found is not None:
        text, _, label = found
        row.values["budget"] = amount(_number_text(text), _label_unit(label) or unit)
    if evaluation:
        executed = value_after(lines, ("执行数",))
        if executed is not None:
            row.values["executed"] = amount(_number_text(executed[0]), unit)
        row.values["rate"] = _rate(lines, found[1] if found else None)
        row.values["score"] = _score(lines)
    printed = [ln for ln in block.lines if not is_furniture(ln, block.title)]
    row.indicators = _indicators(printed, evaluation)
    table.subject = project
    table.rows.append(row)
    grids = sub_tables(block, printed, table)
    # a grid row is no furniture, whatever it prints (2018 年 of the 前两年 grid)
    above, below = form_fields([ln for ln in block.lines if positional(ln) or not is_furniture(ln, block.title)],
                               table)
    if not (above or below or evaluation or "整体" in block.title):
        above = label_fields(printed, table, found[2] if found else None)
    elif not (above or below or evaluation):
        # a 部门整体 form lays out its 收入构成 grid and task list otherwise: only its
        # label | number cells are fields (预算情况 | 部门预算总额（万元） | 9653.46)
        label = found[2] if found else None
        above = whole_form_fields(printed, table, label, (label and _label_unit(label)) or unit)
    return ParsedTables([finish(table), *above, *grids.tables, *below], problems + grids.problems)


def _rate(lines: list[Line], budget_line: Line | None) -> Decimal | None:
    """预算执行率: a figure labelled so above the indicator grid, else the first
    percentage printed in the 预算执行 block (its 执行进度 column)."""
    above_grid = lines[: next((i for i, ln in enumerate(lines) if is_header(ln)), len(lines))]
    labelled = value_after(above_grid, ("预算执行率", "执行率"))
    if labelled is not None:
        return _parse(labelled[0])
    start = lines.index(budget_line) if budget_line in lines else 0
    for line in lines[start:start + 4]:
        for tok in filled(tokens(line)):
            text = fold(tok.text)
            if text.endswith("%"):
                value = _parse(text)
                if value is not None:
                    return value
    return None


def _score(lines: list[Line]) -> Decimal | None:
    """总分: the number on the 总分 line, or the lone number printed where the
    总分 label was lost (the grid's last line)."""
    for line in lines:
        toks = [t.text for t in filled(tokens(line))]
        if any("总分" in fold(t) for t in toks):
            for text in reversed(toks):
                value = _parse(text.replace("总分", ""))
                if value is not None:
                    return value
            return None
    for line in reversed(lines):
        toks = [t.text for t in filled(tokens(line))]
        numbers = [t for t in toks if _parse(t) is not None]
        if len(numbers) == 1 and all(t in numbers or len(fold(t)) <= 1 for t in toks):
            return _parse(numbers[0])
        if any(is_header(line) for _ in (0,)):
            break
    return None


def _indicators(lines: list[Line], evaluation: bool) -> list[Indicator]:
    indicators: list[Indicator] = []
    reader: IndicatorReader | None = None
    stream: list[str] = []
    last: Line | None = None

    def flush() -> None:
        if reader is not None and stream and not reader.extend_header(["".join(stream)]):
            reader.add_stream(["".join(stream)])
        stream.clear()

    for line in lines:
        text = fold(line.text)
        if is_header(line):
            flush()
            if reader is not None:
                indicators.extend(reader.finish())
            roles = header_roles(line)
            reader = IndicatorReader(roles, evaluation or SCORE in roles, column_roles(line))
            last = line
            continue
        if reader is None:
            continue
        if text.startswith(("五、", "五,")) or "总分" in text or text.startswith(("年度指标", "长期绩效")) \
                or is_note(line.text):
            flush()
            indicators.extend(reader.finish())
            reader = None
            continue
        if positional(line):
            flush()
            reader.add(line)
        else:
            cells = [t.text for t in filled(tokens(line))]
            joins = (len(cells) == 1 and stream and last is not None and line.number is not None
                     and last.number is not None and line.number == last.number + 1)
            if joins:
                stream.append(cells[0])
            else:
                flush()
                if len(cells) == 1:
                    stream.append(cells[0])
                elif not reader.extend_header(cells):
                    reader.add_stream(cells)
        last = line
    flush()
    if reader is not None:
        indicators.extend(reader.finish())
    return indicators


TABLE_PARSERS.add("performance_target", parse_performance)
TABLE_PARSERS.add("performance_evaluation", parse_performance)
