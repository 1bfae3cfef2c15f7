"""A database a read-only command was pointed at that does not exist.

Defined outside `cnbudget.store` so the CLI can name it without importing
SQLAlchemy at start-up (tests/core/test_startup_imports.py).
"""

from __future__ import annotations


class DatabaseMissing(FileNotFoundError):
    """A command that only reads was pointed at a SQLite file that does not exist
    (a mistyped --db): it is not created."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"数据库不存在：{path}（检查 --db 或 $CNBUDGET_DB；先用 cnbudget ingest "
                         f"建库） / no database at {path}")
