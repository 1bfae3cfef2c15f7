"""Tables printed without closed rulings (rules only, none) read into cells from
the text's alignment, like ruled ones (ingest.pdf.aligned)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from cnbudget.ingest.layout import Delimiter
from cnbudget.ingest.pdf.reader import read_pdf
from cnbudget.render.pdf import register_font

_INCOME = [("项目", "预算数"), ("一、财政拨款收入", "100.00"), ("二、事业收入", "20.00"), ("收入合计", "120.00")]
_SPENDING = [("项目", "预算数"), ("一、一般公共服务支出", "70.00"), ("二、教育支出", "50.00"), ("支出合计", "120.00")]


def _summary(path: Path, rules: bool) -> bytes:
    font = register_font()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(font, 14)
    c.drawString(200, 780, "某部门2024年部门收支总表")
    c.setFont(font, 10)
    c.drawString(60, 750, "单位：万元")
    x, y = 50, 720
    for i, ((a, b), (d, e)) in enumerate(zip(_INCOME, _SPENDING, strict=True)):
        yy = y - i * 18
        c.drawString(x + 4, yy + 5, a)
        c.drawRightString(x + 240, yy + 5, b)
        c.drawString(x + 260, yy + 5, d)
        c.drawRightString(x + 480, yy + 5, e)
        if rules:
            c.line(x, yy, x + 490, yy)
    c.save()
    return path.read_bytes()


@pytest.mark.parametrize("rules", [False, True], ids=["no-rulings", "horizontal-rules"])
def test_unruled_panels_read_into_cells(tmp_path: Path, rules: bool) -> None:
    layout = read_pdf(_summary(tmp_path / "t.pdf", rules), "t.pdf")
    rows = [[c.text for c in line.cells] for line in layout.lines if line.delimiter is Delimiter.GRID]
    assert rows == [[a, b, d, e] for (a, b), (d, e) in zip(_INCOME, _SPENDING, strict=True)]
    assert [c.col for c in next(line for line in layout.lines if line.grid).cells] == [0, 1, 2, 3]
    # the title and unit line above stay running text
    assert [line.cells[0].text for line in layout.lines if line.grid is None] == ["某部门2024年部门收支总表", "单位：万元"]
