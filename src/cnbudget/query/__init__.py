"""Query, compare and export the disclosure database (see `api.Database`).

`Database` and `open_database` are loaded on first use: importing a submodule
(`query.metrics` for the CLI's option help) must not import pandas and SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cnbudget.query.api import Database, open_database

__all__ = ["Database", "open_database"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from cnbudget.query import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
