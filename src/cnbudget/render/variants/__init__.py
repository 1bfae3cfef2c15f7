"""Layout variants: any document printed the way other templates print it.

`LayoutVariant` names one choice per dimension real templates vary in (header
rows, merged cells, page breaks, 栏次, 序号, code columns, header words,
panels, wide item tables, units, number format, text layout, the PDF's rulings); every writer
takes its tables from `printed_tables(doc, variant)`, so each format prints a
variant the same way. `variant_document` is what a variant prints, in contract
terms: what reading the printed file must give back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnbudget.render.variants.variant import (
    DEFAULT_VARIANT,
    DIMENSION_NAMES,
    DIMENSIONS,
    CodeStyle,
    Decimals,
    Dimension,
    HeaderWords,
    ItemForm,
    LayoutVariant,
    Merge,
    Rulings,
    SummaryPanels,
    TextStyle,
    combine,
    dimension,
)

if TYPE_CHECKING:
    from cnbudget.render.variants.apply import printed_tables, variant_document, variant_table

_APPLY = ("printed_tables", "variant_document", "variant_table")

__all__ = [
    "DEFAULT_VARIANT", "DIMENSIONS", "DIMENSION_NAMES", "CodeStyle", "Decimals", "Dimension", "HeaderWords",
    "ItemForm", "LayoutVariant", "Merge", "Rulings", "SummaryPanels", "TextStyle", "combine", "dimension",
    "printed_tables", "variant_document", "variant_table",
]


def __getattr__(name: str) -> object:
    # what a variant prints (apply) loads on first use: the CLI's option help needs
    # only the dimensions
    if name in _APPLY:
        from cnbudget.render.variants import apply

        return getattr(apply, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
