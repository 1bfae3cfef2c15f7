"""A table as segmentation finds it, before its rows are read.

Segmentation (recognise/segment.py) cuts a `Layout` into narrative lines and
`TableBlock`s, each with its classified type, printed title and unit; the
table parser registered for that type (recognise/tables/) turns a block into
one or more `Table`s of the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cnbudget.ingest.layout import Line
from cnbudget.model import Locator, Problem, Table
from cnbudget.registry import Registry


@dataclass(slots=True)
class TableBlock:
    type: str  # a key of TABLE_TYPES or "other"
    title: str  # the printed title
    lines: list[Line]  # every line after the title up to the next block: header, body, notes
    unit: str | None = None  # unit printed for the table (元/万元), None where not printed
    locator: Locator | None = None  # of the title
    context: list[str] = field(default_factory=list)  # lines just before the title (附件1, 公开01表, a project name)
    document_unit: str | None = None  # the unit most of the document prints, for tables that omit theirs


@dataclass(slots=True)
class ParsedTables:
    tables: list[Table]
    problems: list[Problem] = field(default_factory=list)


TableParser = Callable[[TableBlock], ParsedTables]

# table type -> parser; a plugin registers parsers for its own table types the same way
TABLE_PARSERS: Registry[TableParser] = Registry("table parser")
