"""Table parsers, one module per family; importing a module registers its parsers
in `TABLE_PARSERS` (the same call a plugin's parser uses)."""

from cnbudget.recognise.tables import (
    assets,
    coded,
    other,
    performance,
    procurement,
    project_expenditure,
    summary,
    three_public,
)

__all__ = [
    "assets", "coded", "other", "performance", "procurement", "project_expenditure",
    "summary", "three_public",
]
