"""cnbudget: China's departmental budget and final-account disclosures as verified data."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import os

    from cnbudget.query.api import Database

__version__ = "0.1.0"


def open(db: str | os.PathLike[str] | None = None) -> Database:
    """Open the disclosure database (path, SQLAlchemy URL, `$CNBUDGET_DB` or
    ./cnbudget.db) → `cnbudget.query.Database`, imported lazily so that
    `import cnbudget` stays light."""
    from cnbudget.query.api import open_database

    return open_database(db)
