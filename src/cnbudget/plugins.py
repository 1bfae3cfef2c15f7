"""The built-in parts, registered exactly as an outside plugin registers its own.

The `cnbudget.plugins` entry-point group names this module; `load_plugins()`
imports every module of the group, and importing a part registers it.
"""

from __future__ import annotations

import importlib

BUILTIN_MODULES: tuple[str, ...] = (
    "cnbudget.ingest.text",
    "cnbudget.ingest.docx",
    "cnbudget.ingest.spreadsheet",
    "cnbudget.ingest.html",
    "cnbudget.ingest.legacy",
    "cnbudget.ingest.pdf",
    "cnbudget.ingest.ofd",
    "cnbudget.recognise.tables",
    "cnbudget.recognise.document",
    "cnbudget.pipeline",  # the reading worker's `extract` and `contract` task kinds
)

for _module in BUILTIN_MODULES:
    importlib.import_module(_module)
