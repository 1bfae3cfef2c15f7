"""A table as it is printed, whatever the file format: title, unit line,
header rows with their merged cells, body rows, note.

Writers only map a `PrintedTable` to their format, so every format prints the
same rows the same way, in the standard layouts recognition reads back:
functional and economic tables as code | name | values under a two-row
header that names the classification the codes are in (with the 政府预算经济分类
code and name beside the 部门 one where the rows carry it); summary tables
with income and expenditure side by side; named rows under 项目; per-project performance tables as a form with its indicators.
Amounts are converted from yuan back into the table's unit (万元 by default)
with at least two decimals and never fewer than the value needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from cnbudget.model import Department, Row, Table
from cnbudget.model.table_types import (
    LINE_NUMBER_TEXTS,
    NON_AMOUNT_COLUMNS,
    PARENT_TEXT,
    ROW_NUMBER_TEXT,
    TABLE_TYPES,
    RowKey,
    TableType,
)
from cnbudget.normalise.amounts import UNIT_FACTORS
from cnbudget.normalise.codes import ECONOMIC, FUNCTIONAL, code_family

DEFAULT_UNIT = "万元"

# headers printed over several value columns (the merged cells of a real template)
COLUMN_GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "income": (("财政拨款收入", ("fiscal", "fiscal_general", "fiscal_fund", "fiscal_state_capital")),),
    "gov_fund": (("本年支出", ("total", "basic", "project")),),
    "general_public_basic": (("基本支出", ("total", "personnel", "public")),),
    "fiscal_basic": (("基本支出", ("total", "personnel", "public")),),
}
CODE_GROUP_HEADER = {RowKey.FUNCTIONAL: "功能分类科目", RowKey.ECONOMIC: "经济分类科目"}
# A second classification printed beside the row's own (河南 一般公共预算支出情况表 prints the
# 政府预算经济分类 beside the 部门预算经济分类): (code text key, name text key, group header).
PAIRED_CLASSIFICATIONS: tuple[tuple[str, str, str], ...] = (
    ("gov_economic_code", "gov_economic_name", "政府预算经济分类"),
)
PAIRED_OWN_HEADER = "部门预算经济分类"  # the row's own classification, named beside a paired one


@dataclass(frozen=True, slots=True)
class PrintedCell:
    text: str
    col: int
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Number:
    """A printed number: its value in the printed unit and the decimals shown."""

    value: Decimal
    decimals: int
    # thousands separators (4,097.11); None: the format's habit (a spreadsheet shows them)
    grouped: bool | None = None

    @property
    def text(self) -> str:
        return format(self.value.quantize(Decimal(1).scaleb(-self.decimals)), ",f" if self.grouped else "f")

    @property
    def needed(self) -> int:
        """The fewest decimals that show the value exactly."""
        return max(0, -self.value.normalize().as_tuple().exponent)


BodyValue = str | Number


@dataclass(frozen=True, slots=True)
class BodySpan:
    """A body cell merged across columns (the form rows of per-project tables)."""

    row: int
    col: int
    colspan: int


@dataclass(slots=True)
class PrintedTable:
    title: str
    unit_line: str
    header: list[list[PrintedCell]]
    body: list[list[BodyValue]]
    width: int
    note: str | None = None
    wide_columns: frozenset[int] = frozenset()  # columns holding names (print wider)
    body_spans: list[BodySpan] = field(default_factory=list)
    label_columns: frozenset[int] = frozenset()  # columns of codes, names, texts (not figures)
    code_column: int | None = None  # the classification code's column, the name beside it
    page_rows: int | None = None  # body rows per page: the header printed again after each
    panel_starts: frozenset[int] = frozenset()  # first columns of the panels after the first (收入 | 支出)

    @property
    def header_rows(self) -> int:
        return len(self.header)


def page_parts(printed: PrintedTable) -> list[PrintedTable]:
    """The table cut into the pages it is printed on, each with the header
    rows again (a template's repeated header rows); one part unless
    `page_rows` is set."""
    size = printed.page_rows
    if not size or len(printed.body) <= size:
        return [printed]
    parts = []
    for start in range(0, len(printed.body), size):
        spans = [replace(s, row=s.row - start) for s in printed.body_spans if start <= s.row < start + size]
        parts.append(replace(printed, body=printed.body[start:start + size], body_spans=spans, page_rows=None,
                             note=printed.note if start + size >= len(printed.body) else None))
    return parts


def cell_text(value: BodyValue) -> str:
    return value.text if isinstance(value, Number) else value


def row_label(row: Row) -> str:
    """The row's printed name. A total line without one, or one that joins
    several (人员经费合计/公用经费合计 of a three-panel table), is printed 合计."""
    if row.item == "total" and (not row.name or "/" in row.name):
        return "合计"
    return row.name or row.item or ""


def amount_cell(value: Decimal | None, column: str, factor: Decimal | None) -> BodyValue:
    """A value in the printed unit; with no unit (`factor` None) as it is."""
    if value is None:
        return ""
    if factor is None or column in NON_AMOUNT_COLUMNS:
        shown = value.normalize()
        return Number(shown, max(0, -shown.as_tuple().exponent))
    shown = (value / factor).normalize()
    return Number(shown, max(2, -shown.as_tuple().exponent))


def value_columns(table: Table, ttype: TableType | None, rows: list[Row]) -> list[str]:
    """Value columns the rows hold, in the catalogue's order, then extras."""
    present: list[str] = []
    for row in rows:
        for key in row.values:
            if key not in present:
                present.append(key)
    if ttype is None:
        return present
    if not table.rows:
        # a table printed empty (空表列示) still shows its columns
        return list(ttype.value_keys)
    order = [c.key for c in ttype.columns if not c.text]
    return [k for k in order if k in present] + [k for k in present if k not in order]


def header_text(ttype: TableType | None, key: str) -> str:
    if key.startswith("extra:"):
        return key.removeprefix("extra:")
    column = ttype.column(key) if ttype else None
    return column.header if column else key


def _value_header(ttype: TableType | None, type_key: str, columns: list[str], first: int) -> list[list[PrintedCell]]:
    """Two header rows over the value columns: groups merged across, others merged down."""
    top: list[PrintedCell] = []
    bottom: list[PrintedCell] = []
    groups = COLUMN_GROUPS.get(type_key, ())
    i = 0
    while i < len(columns):
        group = next((g for g in groups if columns[i] in g[1]), None)
        if group is None:
            top.append(PrintedCell(header_text(ttype, columns[i]), first + i, rowspan=2))
            i += 1
            continue
        span = 0
        while i + span < len(columns) and columns[i + span] in group[1]:
            head = header_text(ttype, columns[i + span])
            # the group's own total under its group header is its 小计
            bottom.append(PrintedCell("小计" if head == group[0] else head, first + i + span))
            span += 1
        top.append(PrintedCell(group[0], first + i, colspan=span))
        i += span
    return [top, bottom]


def code_row_key(table: Table, ttype: TableType) -> RowKey:
    """The classification the rows' codes are in: a table of a functional type may
    print economic codes (seed 003 附件5-2 is a 一般公共预算支出情况表 by 经济分类),
    and its header must say so, as the original did. The type's own where codes
    are missing or mixed."""
    families = {code_family(r.code) for r in table.rows if r.code}
    if families == {FUNCTIONAL}:
        return RowKey.FUNCTIONAL
    if families == {ECONOMIC}:
        return RowKey.ECONOMIC
    return ttype.row_key


def _classification(table: Table, ttype: TableType, factor: Decimal) -> PrintedTable:
    columns = value_columns(table, ttype, table.rows)
    pairs = [p for p in PAIRED_CLASSIFICATIONS if any(p[0] in r.texts or p[1] in r.texts for r in table.rows)]
    labels = 2 + 2 * len(pairs)
    top, bottom = _value_header(ttype, table.type, columns, labels)
    own = PAIRED_OWN_HEADER if pairs else CODE_GROUP_HEADER[code_row_key(table, ttype)]
    header_top = [PrintedCell(own, 0, colspan=2)]
    header_bottom = [PrintedCell("科目编码", 0), PrintedCell("科目名称", 1)]
    for n, (_, _, head) in enumerate(pairs):
        header_top.append(PrintedCell(head, 2 + 2 * n, colspan=2))
        # not 科目编码 again: a line naming that twice is the three-panel 基本支出 layout
        header_bottom += [PrintedCell("编码", 2 + 2 * n), PrintedCell("名称", 3 + 2 * n)]
    header = [[*header_top, *top], [*header_bottom, *bottom]]
    body: list[list[BodyValue]] = []
    for row in table.rows:
        code = row.code or row.unit_code or ""
        paired = [row.texts.get(key, "") for code_key, name_key, _ in pairs for key in (code_key, name_key)]
        body.append([code, row_label(row), *paired, *(amount_cell(row.values.get(c), c, factor) for c in columns)])
    wide = frozenset({1, *(3 + 2 * n for n in range(len(pairs)))})
    printed = printed_of(table, header, body, labels + len(columns), wide, frozenset(range(labels)))
    printed.code_column = 0
    return printed


# expenditure panels of a three-panel summary (硚口 表一): by the prefix of the rows' items
SPENDING_PANELS: tuple[tuple[str, str], ...] = (("econ:", "经济分类支出"), ("func:", "功能分类支出"))
# rows that start a new stretch of lines, level across the panels: the year's totals, the 总计
_ALIGNED_ITEMS: tuple[frozenset[str], ...] = (frozenset({"income_total", "expenditure_total"}),
                                              frozenset({"grand_total"}))


def spending_panels(spending: list[Row]) -> list[tuple[str, list[Row]]]:
    """Expenditure rows split into the panels they were printed in. Rows of no
    category (合计, 结余, 总计) print once per panel when repeated in a run, else
    in the panel of the category above them."""
    present = [(prefix, head) for prefix, head in SPENDING_PANELS
               if any((r.item or "").startswith(prefix) for r in spending)]
    if len(present) < 2:
        return [("支出", spending)]
    panels: list[list[Row]] = [[] for _ in present]
    current = len(present) - 1
    run: list[Row] = []

    def flush() -> None:
        if len(run) == len(present):
            for panel, row in zip(panels, run, strict=True):
                panel.append(row)
        else:
            panels[current].extend(run)
        run.clear()

    for row in spending:
        prefix = next((i for i, (p, _) in enumerate(present) if (row.item or "").startswith(p)), None)
        if prefix is not None:
            flush()
            current = prefix
            panels[prefix].append(row)
        elif run and run[-1].item != row.item:
            flush()
            run.append(row)
        else:
            run.append(row)
    flush()
    return [(head, rows) for (_, head), rows in zip(present, panels, strict=True)]


def _aligned(columns: list[list[Row]]) -> list[list[Row | None]]:
    """Panels as printed lines: categories from the top, then the year's totals
    and the 总计 each starting on one line across all panels."""
    stretches: list[list[list[Row]]] = []
    for rows in columns:
        cuts = [0]
        for items in _ALIGNED_ITEMS:
            cuts.append(next((i for i in range(cuts[-1], len(rows)) if rows[i].item in items), len(rows)))
        cuts.append(len(rows))
        stretches.append([rows[a:b] for a, b in zip(cuts, cuts[1:], strict=False)])
    lines: list[list[Row | None]] = []
    for part in range(len(_ALIGNED_ITEMS) + 1):
        depth = max(len(s[part]) for s in stretches)
        for i in range(depth):
            lines.append([s[part][i] if i < len(s[part]) else None for s in stretches])
    return lines


def _side_by_side(table: Table, ttype: TableType, factor: Decimal) -> PrintedTable:
    """Panels side by side, each 项目 (行次) values; a 序号 column before them where
    the rows were numbered so."""
    income = [r for r in table.rows if r.side == "income"]
    panels = [("收入", income), *spending_panels([r for r in table.rows if r.side != "income"])]
    serial = next((k for k in LINE_NUMBER_TEXTS if any(k in r.texts for r in table.rows)), None)
    numbered = [any(ROW_NUMBER_TEXT in r.texts for r in rows) for _, rows in panels]
    cols = [value_columns(table, ttype, rows) or ["amount"] for _, rows in panels]
    lead = 1 if serial else 0
    widths = [1 + int(n) + len(c) for n, c in zip(numbered, cols, strict=True)]
    starts = [lead + sum(widths[:i]) for i in range(len(panels))]
    top = [PrintedCell(head, start, colspan=w)
           for (head, _), start, w in zip(panels, starts, widths, strict=True)]
    second: list[PrintedCell] = []
    if serial:
        top.insert(0, PrintedCell(header_text(None, serial), 0, rowspan=2))
    for start, n, c in zip(starts, numbered, cols, strict=True):
        second += [PrintedCell("项目", start), *([PrintedCell("行次", start + 1)] if n else []),
                   *(PrintedCell(header_text(ttype, k), start + 1 + int(n) + i) for i, k in enumerate(c))]
    body: list[list[BodyValue]] = []
    for line in _aligned([rows for _, rows in panels]):
        cells: list[BodyValue] = []
        if serial:
            cells.append(next((r.texts[serial] for r in line if r is not None and serial in r.texts), ""))
        for row, n, c in zip(line, numbered, cols, strict=True):
            if row is None:
                cells += [""] * (1 + int(n) + len(c))
            else:
                cells += [row.name or row.item or "", *([row.texts.get(ROW_NUMBER_TEXT, "")] if n else []),
                          *(amount_cell(row.values.get(k), k, factor) for k in c)]
        body.append(cells)
    labels = {*starts, *(s + 1 for s, n in zip(starts, numbered, strict=True) if n), *([0] if serial else [])}
    printed = printed_of(table, [top, second], body, lead + sum(widths), frozenset(starts), frozenset(labels))
    printed.panel_starts = frozenset(starts[1:])
    return printed


def _named(table: Table, ttype: TableType | None, factor: Decimal | None) -> PrintedTable:
    """Rows under 项目 (or under their text columns), with a 编码 column where
    any row has a code: the named-row tables and tables of no known type."""
    # a row's parent is where it is listed, not a printed column
    present = list(dict.fromkeys(k for r in table.rows for k in r.texts if k != PARENT_TEXT))
    known = [c.key for c in ttype.columns if c.text] if ttype is not None else []
    # the catalogue's text columns in its order, then the table's own (extra:<header>)
    text_cols = [k for k in known if k in present] + [k for k in present if k not in known]
    columns = value_columns(table, ttype, table.rows)
    coded = any(r.code or r.unit_code for r in table.rows)
    # a label column unless every named row shows its name in a text column (procurement's 品目)
    labelled = not text_cols or any(
        r.name and r.texts and r.name not in r.texts.values() for r in table.rows)
    labels = (["编码"] if coded else []) + (["项目"] if labelled else [])
    heads = labels + [header_text(ttype, k) for k in text_cols] + [header_text(ttype, k) for k in columns]
    header = [[PrintedCell(h, i) for i, h in enumerate(heads)]]
    body: list[list[BodyValue]] = []
    for row in table.rows:
        label = row_label(row)
        texts = [row.texts.get(k, "") for k in text_cols]
        if labelled:
            texts.insert(0, label)
        elif not any(texts):
            texts[0] = label  # the 合计 line of a table of text columns
        code = [row.code or row.unit_code or ""] if coded else []
        body.append([*code, *texts, *(amount_cell(row.values.get(c), c, factor) for c in columns)])
    first_text = 1 if coded else 0
    wide = frozenset(range(first_text, first_text + len(text_cols) + (1 if labelled else 0)))
    return printed_of(table, header, body, len(heads), wide, frozenset(range(len(heads) - len(columns))))


# indicator fields printed after the three levels, where any indicator has them
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("target", "指标值"), ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
)


def _per_project(table: Table, ttype: TableType, factor: Decimal) -> PrintedTable:
    """The form of a 项目支出绩效目标表 / 自评表: project, amounts, then its indicators."""
    indicators = [i for row in table.rows for i in row.indicators or []]
    extra = [(key, head) for key, head in INDICATOR_COLUMNS
             if any(getattr(i, key) is not None for i in indicators)] or [INDICATOR_COLUMNS[0]]
    # then the columns of no field (绩效指标描述 …), in the order the indicators name them
    texts = list(dict.fromkeys(k for i in indicators for k in i.texts))
    width = 3 + len(extra) + len(texts)
    body: list[list[BodyValue]] = []
    spans: list[BodySpan] = []
    for row in table.rows:
        project = row.texts.get("project") or row.item or ""
        spans.append(BodySpan(len(body), 1, width - 1))
        body.append(["项目名称", project] + [""] * (width - 2))
        for key in (c.key for c in ttype.columns if not c.text):
            if key in row.values:
                spans.append(BodySpan(len(body), 1, width - 1))
                body.append([header_text(ttype, key), amount_cell(row.values[key], key, factor)] + [""] * (width - 2))
        if row.indicators:
            body.append(["一级指标", "二级指标", "三级指标", *(head for _, head in extra),
                         *(header_text(None, k) for k in texts)])
            for ind in row.indicators:
                body.append([ind.level1 or "", ind.level2 or "", ind.level3 or "",
                             *(_indicator_text(getattr(ind, key)) for key, _ in extra),
                             *(ind.texts.get(k, "") for k in texts)])
    printed = printed_of(table, [], body, width, frozenset({2}), frozenset(range(width)))
    printed.body_spans = spans
    return printed


def _indicator_text(value: str | Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


def printed_of(table: Table, header: list[list[PrintedCell]], body: list[list[BodyValue]],
               width: int, wide: frozenset[int], labels: frozenset[int]) -> PrintedTable:
    return PrintedTable(
        title=table.title, unit_line=unit_line(printed_unit(table), None), header=header, body=body,
        width=width, note=table.note, wide_columns=wide, label_columns=labels,
    )


def printed_unit(table: Table) -> str | None:
    """The unit a table is printed in: the one its figures are in (a form that
    printed 单位:万元 over figures in 元 is printed right, in 元); 万元 for a table
    of a known type that names none; none for a table of no known type and no
    unit (机构设置's counts), whose numbers print as they are."""
    unit = table.figures_unit or table.unit
    if unit or table.type in TABLE_TYPES:
        return unit or DEFAULT_UNIT
    return None


def unit_line(unit: str | None, department: Department | None) -> str:
    """The line under a title: the department (with its code) and the unit, as
    templates print it. None without a unit: a department line alone would read
    as the table's title."""
    if unit is None:
        return ""
    text = f"单位：{unit}"
    if department is None or not department.name:
        return text
    code = f"[{department.code}]" if department.code else ""
    return f"部门编码及名称：{code}{department.name}　　金额{text}"


def printed_table(table: Table, department: Department | None = None) -> PrintedTable:
    printed = _layout(table)
    printed.unit_line = table_unit_line(table, department)
    return printed


def table_unit_line(table: Table, department: Department | None) -> str:
    return project_line(table) or unit_line(printed_unit(table), department)


def project_line(table: Table) -> str | None:
    """A project's own grid (项目支出明细测算 of a 项目申报表) names its project above
    its header, so that it reads back as that project's: 项目名称：… 单位：元. A
    per-project form names its project in its body."""
    ttype = TABLE_TYPES.get(table.type)
    if not table.subject or (ttype is not None and ttype.row_key is RowKey.PROJECT):
        return None
    unit = unit_line(printed_unit(table), None)
    return f"项目名称：{table.subject}" + (f"　　{unit}" if unit else "")


def unit_factor(table: Table) -> Decimal | None:
    """Yuan per printed unit; None for a table printed without a unit."""
    unit = printed_unit(table)
    return None if unit is None else UNIT_FACTORS.get(unit, UNIT_FACTORS[DEFAULT_UNIT])


def _layout(table: Table) -> PrintedTable:
    ttype = TABLE_TYPES.get(table.type)
    factor = unit_factor(table)
    if ttype is None:
        return _named(table, None, factor)
    if ttype.row_key in (RowKey.FUNCTIONAL, RowKey.ECONOMIC):
        if table.rows and not any(r.code or r.unit_code for r in table.rows):
            # printed as a list of named items (武汉 收入预算总表): no code column
            return _named(table, ttype, factor)
        return _classification(table, ttype, factor)
    if ttype.row_key is RowKey.SIDE_ITEM:
        return _side_by_side(table, ttype, factor)
    if ttype.row_key is RowKey.PROJECT:
        return _per_project(table, ttype, factor)
    return _named(table, ttype, factor)
