"""Tables ruled only in part: an outer frame, the separator between panels, rows
without columns or columns without rows. A ruled cell then holds a label and its
figure, or a column of figures; the reader splits it by the text's own alignment
(ingest.pdf.subcells) and reads the table cell for cell as it was drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from cnbudget.ingest.layout import Delimiter
from cnbudget.ingest.pdf.reader import read_pdf
from cnbudget.pipeline import extract_bytes
from cnbudget.render.pdf import register_font

INCOME = [("项目", "预算数"), ("一、一般公共预算拨款收入", "1,234.56"), ("二、事业收入", "20.00"),
          ("三、其他收入", ""), ("收入合计", "1,254.56")]
SPENDING = [("项目", "预算数"), ("一、一般公共服务支出", "1,204.56"), ("二、教育支出", "50.00"),
            ("三、科学技术支出", ""), ("支出合计", "1,254.56")]
LEFT, TOP, ROW, WIDTH = 50.0, 100.0, 18.0, 490.0  # display space: y grows down
LABEL, PANEL = 150.0, 250.0  # where a label column ends, where the second panel starts

# which rulings each layout draws
LAYOUTS = {
    "frame-only": {"frame"},
    "panel-vertical": {"frame", "panel"},
    "frame-horizontal-rules": {"frame", "rows"},
    "panel-vertical-horizontal-rules": {"frame", "panel", "rows"},
    "verticals-without-rows": {"frame", "panel", "columns"},
    "ruled-header-open-body": {"frame", "panel", "header"},
}


def summary_pdf(path: Path, rulings: set[str]) -> bytes:
    """A 收支总表 with two panels, drawn with just the `rulings` named."""
    font = register_font()
    c = canvas.Canvas(str(path), pagesize=(595, 842))

    def y(v: float) -> float:
        return 842 - v

    def hline(at: float) -> None:
        c.line(LEFT, y(at), LEFT + WIDTH, y(at))

    def vline(at: float, top: float, bottom: float) -> None:
        c.line(at, y(top), at, y(bottom))

    c.setFont(font, 14)
    c.drawString(200, y(60), "某部门2024年部门收支总表")
    c.setFont(font, 10)
    c.drawString(LEFT, y(85), "单位：万元")
    for i, ((a, b), (d, e)) in enumerate(zip(INCOME, SPENDING, strict=True)):
        base = y(TOP + (i + 1) * ROW - 5)
        c.drawString(LEFT + 4, base, a)
        c.drawRightString(LEFT + PANEL - 10, base, b)
        c.drawString(LEFT + PANEL + 4, base, d)
        c.drawRightString(LEFT + WIDTH - 4, base, e)
    bottom = TOP + len(INCOME) * ROW
    if "frame" in rulings:
        c.rect(LEFT, y(bottom), WIDTH, bottom - TOP)
    if "panel" in rulings:
        vline(LEFT + PANEL, TOP, bottom)
    if "rows" in rulings:
        for i in range(1, len(INCOME)):
            hline(TOP + i * ROW)
    if "columns" in rulings:
        for at in (LEFT + LABEL, LEFT + PANEL + LABEL):
            vline(at, TOP, bottom)
    if "header" in rulings:
        hline(TOP + ROW)
        for at in (LEFT + LABEL, LEFT + PANEL + LABEL):
            vline(at, TOP, TOP + ROW)
    c.save()
    return path.read_bytes()


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_partly_ruled_summary_reads_cell_for_cell(tmp_path: Path, layout: str) -> None:
    read = read_pdf(summary_pdf(tmp_path / "t.pdf", LAYOUTS[layout]), "t.pdf")
    table = [line for line in read.lines if line.delimiter is Delimiter.GRID]
    assert [[c.text for c in line.cells] for line in table] == [
        [a, b, d, e] for (a, b), (d, e) in zip(INCOME, SPENDING, strict=True)]
    assert {line.grid for line in table} == {1}
    assert all([(c.col, c.colspan) for c in line.cells] == [(0, 1), (1, 1), (2, 1), (3, 1)] for line in table)
    assert [line.cells[0].text for line in read.lines if line.grid is None] == ["某部门2024年部门收支总表", "单位：万元"]


def test_a_panel_ruled_summary_is_read_as_a_disclosure(tmp_path: Path) -> None:
    # before its cells were split the figures ran into the labels and the file was refused
    doc = extract_bytes(summary_pdf(tmp_path / "t.pdf", LAYOUTS["panel-vertical"]), "某部门2024年部门预算.pdf")
    [summary] = doc.tables
    amounts = {r.name: r.values.get("amount") for r in summary.rows}
    assert amounts["一、一般公共预算拨款收入"] == 12_345_600
    assert amounts["支出合计"] == 12_545_600


def test_a_figure_wrapped_in_a_ruled_cell_stays_one_figure(tmp_path: Path) -> None:
    # a narrow ruled cell wraps 2010301 over two lines: two number-looking lines, one figure
    font = register_font()
    path = tmp_path / "w.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(font, 10)
    xs, top = [60.0, 100.0, 220.0, 300.0], 742.0
    rows = [(("科目编码",), ("科目名称",), ("金额",)), (("201030", "1"), ("行政运行",), ("1,107.", "56"))]
    for r, row in enumerate(rows):
        for k, lines in enumerate(row):
            for n, text in enumerate(lines):
                c.drawString(xs[k] + 2, top - r * 30 - 12 - n * 12, text)
    for r in range(len(rows) + 1):
        c.line(xs[0], top - r * 30, xs[-1], top - r * 30)
    for x in xs:
        c.line(x, top, x, top - 30 * len(rows))
    c.save()
    read = read_pdf(path.read_bytes(), "w.pdf")
    assert [[c.text for c in line.cells] for line in read.lines] == [
        ["科目编码", "科目名称", "金额"], ["2010301", "行政运行", "1,107.56"]]


WIDE = [("项目", "本年预算", "上年预算", "项目", "本年预算", "上年预算"),
        ("一、一般公共预算拨款收入", "1,234.56", "1,100.00", "一、一般公共服务支出", "1,204.56", "1,000.00"),
        ("二、事业收入", "20.00", "", "二、教育支出", "50.00", "100.00"),
        ("收入合计", "1,254.56", "1,100.00", "支出合计", "1,254.56", "1,100.00")]


def wide_summary_pdf(path: Path, band_rule: bool, panel_rule: bool = True) -> bytes:
    """Two panels of three columns under 收入 | 支出 centred over each panel; ruled by the
    frame and the panel separator only (not even that without `panel_rule`; and a rule
    under 收入 | 支出 with `band_rule`); column headings centred, figures right-aligned.
    PDF space: y grows up."""
    font = register_font()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(font, 9)
    top, row, x = 742.0, 18.0, 40.0
    c.drawCentredString(x + 130, top - 13, "收入")
    c.drawCentredString(x + 390, top - 13, "支出")
    for i, printed in enumerate(WIDE):
        base = top - (i + 2) * row + 5
        c.drawString(x + 3, base, printed[0])
        c.drawString(x + 263, base, printed[3])
        for k, right in ((1, x + 182), (2, x + 247), (4, x + 442), (5, x + 512)):
            if i == 0:
                c.drawCentredString(right - 25, base, printed[k])
            else:
                c.drawRightString(right, base, printed[k])
    bottom = top - (len(WIDE) + 1) * row
    c.rect(x, bottom, 520, top - bottom)
    if panel_rule:
        c.line(x + 260, top, x + 260, bottom)
    if band_rule:
        c.line(x, top - row, x + 520, top - row)
    c.save()
    return path.read_bytes()


@pytest.mark.parametrize(("band_rule", "panel_rule"), [(False, True), (True, True), (False, False)],
                         ids=["open", "band-ruled", "frame-only"])
def test_panel_headings_span_their_panel_and_each_panel_keeps_its_columns(
        tmp_path: Path, band_rule: bool, panel_rule: bool) -> None:
    # frame-only: no ruled cell at all, the aligned reader's (a heading centred over its
    # panel opens no column of its own)
    read = read_pdf(wide_summary_pdf(tmp_path / "w.pdf", band_rule, panel_rule), "w.pdf")
    rows = [[(c.text, c.col, c.colspan) for c in line.cells] for line in read.lines if line.grid]
    assert rows[0] == [("收入", 0, 3), ("支出", 3, 3)]
    assert [[t for t, _, _ in r] for r in rows[1:]] == [list(r) for r in WIDE]
    assert all([col for _, col, _ in r] == [0, 1, 2, 3, 4, 5] for r in rows[1:])


def test_figures_wrapped_digit_by_digit_in_narrow_cells_stay_figures(tmp_path: Path) -> None:
    # a wide 三公 table squeezed by LibreOffice: each narrow cell wraps its figure over
    # three lines, every cell of the row alike (three bands shared by all of them)
    font = register_font()
    path = tmp_path / "n.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(font, 9)
    xs, top = [60.0 + 20 * k for k in range(5)], 742.0
    heads, figures = ["合计", "出国", "接待", "用车"], [("6.", "5", "8"), ("0.", "7", "8"), ("5.", "8", "0"), ("", "", "")]
    for k, (head, lines) in enumerate(zip(heads, figures, strict=True)):
        c.drawString(xs[k] + 2, top - 14, head)
        for n, text in enumerate(lines):
            c.drawString(xs[k] + 4, top - 32 - n * 11, text)
    for y in (top, top - 20, top - 58):
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, top, x, top - 58)
    c.save()
    read = read_pdf(path.read_bytes(), "n.pdf")
    assert [[c.text for c in line.cells] for line in read.lines] == [heads, ["6.58", "0.78", "5.80", ""]]
