"""The built-in rules; importing this package registers them in `RULES`."""

from cnbudget.audit.rules import (  # noqa: F401  (imported to register)
    arithmetic,
    classification,
    completeness,
    cross_table,
    hierarchy,
    items,
    magnitude,
    performance,
    placeholder,
    plausibility,
    summary,
    text_categories,
    text_internal,
    text_items,
    text_vs_table,
    wording,
)
