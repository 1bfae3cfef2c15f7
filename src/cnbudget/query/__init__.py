"""Query, compare and export the disclosure database (see `api.Database`)."""

from cnbudget.query.api import Database, open_database

__all__ = ["Database", "open_database"]
