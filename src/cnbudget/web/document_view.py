"""A stored document laid out for its page: each table as printed (its columns
headed as printed, amounts in the table's unit), the cells a finding points
at marked, the findings beside them with their reviews, and what could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.audit.locate import finding_boxes
from cnbudget.audit.report import location_text
from cnbudget.model.document import Document, FindingLocation, Row, Table
from cnbudget.model.table_types import table_type
from cnbudget.query.display import fmt
from cnbudget.web.documents import ShownFinding

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
REVIEW_ZH = {"confirmed": "已确认", "dismissed": "已排除"}


@dataclass(frozen=True, slots=True)
class ShownRow:
    label: str
    cells: list[str]
    flagged: list[bool]
    findings: list[str]  # ids of the findings pointing at this row
    section: bool = False  # a 收入 / 支出 line over one side of a summary table


@dataclass(frozen=True, slots=True)
class ShownTable:
    anchor: str
    title: str
    unit: str
    headers: list[str]
    rows: list[ShownRow]
    page: int | None
    note: str | None


@dataclass(frozen=True, slots=True)
class FindingCard:
    id: str
    severity: str
    severity_zh: str
    rule: str
    message: str
    where: list[str]
    page: int | None
    anchor: str | None
    review: str | None  # confirmed | dismissed
    review_zh: str
    note: str
    reviewer: str
    reviewed_at: str


@dataclass(slots=True)
class DocumentPage:
    tables: list[ShownTable] = field(default_factory=list)
    findings: list[FindingCard] = field(default_factory=list)
    unread: list[tuple[str, str, int | None]] = field(default_factory=list)  # code, message, page


def _unit(table: Table) -> str:
    return "万元" if (table.figures_unit or table.unit) == "万元" else "元"


def _row_label(row: object) -> str:
    code, name, item = (getattr(row, "code", None), getattr(row, "name", None),
                        getattr(row, "item", None))
    label = " ".join(p for p in (code, name) if p)
    return label or ("合计" if item == "total" else item or "")


def _points_at(loc: FindingLocation, table: Table, row: object) -> bool:
    if loc.table != table.type or (loc.title and loc.title != table.title):
        return False
    if loc.code is not None:
        return getattr(row, "code", None) == loc.code
    if loc.item is not None:
        return getattr(row, "item", None) == loc.item
    return False


def _table(index: int, table: Table, findings: list[ShownFinding]) -> ShownTable:
    tt = table_type(table.type)
    keys: list[str] = []
    for row in table.rows:
        keys.extend(k for k in row.values if k not in keys)
    headers = []
    for key in keys:
        col = tt.column(key) if tt else None
        headers.append(col.header if col else key.removeprefix("extra:"))
    unit = _unit(table)
    rows = []
    for row in _by_side(table.rows):
        if isinstance(row, str):
            rows.append(ShownRow(row, [""] * len(keys), [False] * len(keys), [], section=True))
            continue
        pointing = [(s.id, loc) for s in findings for loc in s.finding.locations
                    if _points_at(loc, table, row)]
        cells = [_cell(row.values.get(k), unit) for k in keys]
        flagged = [any(loc.column in (None, k) for _, loc in pointing) for k in keys]
        rows.append(ShownRow(_row_label(row), cells, flagged,
                             list(dict.fromkeys(fid for fid, _ in pointing))))
    page = table.locator.page if table.locator else None
    return ShownTable(f"t{index}", table.title, unit, headers, rows, page, table.note)


_SIDES = {"income": "收入", "expenditure": "支出"}


def _by_side(rows: list[Row]) -> list[Row | str]:
    """A summary table's rows, printed side by side (收入 | 支出) and stored line by
    line, shown one side after the other, each under its heading; other tables as read."""
    if not any(r.side in _SIDES for r in rows):
        return list(rows)
    out: list[Row | str] = []
    for side, heading in _SIDES.items():
        mine = [r for r in rows if r.side == side]
        if mine:
            out += [heading, *mine]
    out += [r for r in rows if r.side not in _SIDES]
    return out


def _cell(value: Decimal | None, unit: str) -> str:
    return fmt(value, unit) if value is not None else ""


def document_page(doc: Document, findings: list[ShownFinding]) -> DocumentPage:
    shown = DocumentPage()
    shown.tables = [_table(i, t, findings) for i, t in enumerate(doc.tables)]
    for s in findings:
        f = s.finding
        page = next((loc.page for loc in f.locations if loc.page is not None), None)
        if page is None:  # a finding that names no page, drawn where its boxes are
            page = next((b.page for b in finding_boxes(doc, f)), None)
        anchor = next((t.anchor for t in shown.tables
                       for r in t.rows if s.id in r.findings), None)
        review = s.review
        shown.findings.append(FindingCard(
            s.id, f.severity.value, SEVERITY_ZH.get(f.severity.value, f.severity.value),
            f.rule, f.message, [location_text(loc) for loc in f.locations], page, anchor,
            review.status if review else None,
            REVIEW_ZH.get(review.status, "") if review else "",
            review.note if review else "", review.user_name if review else "",
            review.reviewed_at.strftime("%Y-%m-%d %H:%M") if review else ""))
    shown.unread = [(p.code, p.message, p.locator.page if p.locator else None)
                    for p in doc.problems]
    return shown


@dataclass(frozen=True, slots=True)
class PageMarks:
    """What to mark on one page for a finding: the boxes the store keeps for it on that
    page (PDF user space, x0 y0 x1 y1), or, only where it has none there, the texts to
    look for on the page (its quotes, row labels and codes)."""

    boxes: list[tuple[float, float, float, float]]
    texts: list[str]


def page_marks(doc: Document, finding_position: int | None, page_no: int) -> PageMarks:
    if finding_position is None or not 0 <= finding_position < len(doc.findings):
        return PageMarks([], [])
    finding = doc.findings[finding_position]
    boxes = [(b.x0, b.y0, b.x1, b.y1) for b in finding_boxes(doc, finding) if b.page == page_no]
    if boxes:
        return PageMarks(boxes, [])
    texts: list[str] = []
    for loc in finding.locations:
        for text in (loc.quote, loc.code, loc.label):
            if text and text not in texts:
                texts.append(text)
    return PageMarks([], texts)
