"""Column-wise reshaping of a printed table: the 序号 column, and a
classification code split over 类 | 款 | 项 or joined to its name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from cnbudget.normalise.codes import split_code
from cnbudget.render.printed import BodyValue, Number, PrintedTable, cell_text
from cnbudget.render.variants.headers import Head, Path, header_cells, header_paths

INDEX_HEAD = "序号"
CODE_HEAD = "科目编码"
NAME_HEAD = "科目名称"
JOINED_HEAD = "科目编码及名称"
CODE_PARTS = ("类", "款", "项")


@dataclass(slots=True)
class Sheet:
    """A printed table with its header as column paths, while columns move."""

    printed: PrintedTable
    paths: list[Path]

    @classmethod
    def of(cls, printed: PrintedTable) -> Sheet:
        return cls(printed, header_paths(printed.header, printed.width))

    def done(self) -> PrintedTable:
        return replace(self.printed, header=header_cells(self.paths))

    def splice(self, col: int, count: int, paths: list[Path],
               cells: Callable[[list[BodyValue]], list[BodyValue]], labels: set[int], wide: set[int]) -> None:
        """Replace `count` columns at `col` by `len(paths)` new ones; `labels` and
        `wide` name which of the new ones (0-based among them) are label or name columns."""
        shift = len(paths) - count
        p = self.printed

        def moved(columns: frozenset[int], new: set[int]) -> frozenset[int]:
            kept = {c if c < col else c + shift for c in columns if not col <= c < col + count}
            return frozenset(kept | {col + n for n in new})

        code = p.code_column
        self.printed = replace(
            p, body=[row[:col] + cells(row[col:col + count]) + row[col + count:] for row in p.body],
            width=p.width + shift, label_columns=moved(p.label_columns, labels), wide_columns=moved(p.wide_columns, wide),
            code_column=None if code is None or col <= code < col + count else (code if code < col else code + shift),
            panel_starts=moved(p.panel_starts, set()),
        )
        self.paths = self.paths[:col] + paths + self.paths[col + count:]


def add_index(sheet: Sheet) -> None:
    """A leading 序号 column numbering the body lines."""
    numbers = iter(range(1, len(sheet.printed.body) + 1))
    sheet.splice(0, 0, [(Head(INDEX_HEAD, -2),)], lambda _: [Number(Decimal(next(numbers)), 0)], {0}, set())


def split_codes(sheet: Sheet) -> None:
    """科目编码 over 类 | 款 | 项 (201 | 03 | 01), 科目名称 beside it on its own."""
    col = sheet.printed.code_column
    if col is None:
        return
    top = Head(CODE_HEAD, -3)
    parts = [(top, Head(part, -4 - i)) for i, part in enumerate(CODE_PARTS)]
    name = sheet.paths[col + 1]
    sheet.paths[col + 1] = (Head(NAME_HEAD if len(name) > 1 else name[-1].text, -7),)
    sheet.splice(col, 1, parts, lambda cells: _code_parts(cell_text(cells[0])), {0, 1, 2}, set())
    sheet.printed = replace(sheet.printed, code_column=col)


def _code_parts(code: str) -> list[BodyValue]:
    parts = split_code(code) if code else None
    if parts is None:
        return [code, "", ""]  # a sub-unit code (019001) or none, whole in the first column
    return [*parts, *[""] * (3 - len(parts))]


def join_codes(sheet: Sheet) -> None:
    """"2010301 行政运行" in one cell under the classification's name."""
    col = sheet.printed.code_column
    if col is None:
        return
    code_path = sheet.paths[col]
    head = code_path[0].text if len(code_path) > 1 else JOINED_HEAD
    sheet.splice(col, 2, [(Head(head, -8),)], _joined, {0}, {0})


def _joined(cells: list[BodyValue]) -> list[BodyValue]:
    code, name = cell_text(cells[0]), cell_text(cells[1])
    return [f"{code} {name}" if code and name else code or name]
