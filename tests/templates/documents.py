"""Word documents of other templates, written with python-docx: paragraphs (a
title, a unit line, a note) and tables, cells merged down where a sheet names
them ((row, col) of the top cell, rows merged)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx

Cell = str | None
Block = str | tuple[Sequence[Sequence[Cell]], Sequence[tuple[int, int, int]]]  # rows, merges down


def word(path: Path, *blocks: Block) -> Path:
    document = docx.Document()
    document.add_paragraph("示例市数据资源管理局2023年度部门决算")
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        rows, merges = block
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text is not None:
                    table.cell(r, c).text = text  # a "\n" in the text: a second paragraph
        for r, c, down in merges:
            table.cell(r, c).merge(table.cell(r + down - 1, c))
    document.save(str(path))
    return path
