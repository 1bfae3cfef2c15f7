"""Table parsers, one module per family; importing a module registers its parsers
in `TABLE_PARSERS` (the same call a plugin's parser uses)."""

from cnbudget.recognise.tables import coded

__all__ = ["coded"]
