"""Start-up: `cnbudget --help` and `extract` import only what they use.

A behavioural check (which modules a fresh interpreter holds), not a timing:
the heavy libraries belong to the commands that need them (issue 15).
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "sqlalchemy", "alembic", "openpyxl", "fastapi", "psycopg", "pyarrow",
         "reportlab", "docx", "pdfplumber", "numpy")


def _loaded_after(code: str) -> list[str]:
    probe = (
        "import sys\n" + code + "\n"
        f"import json; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_cli_import_and_help_load_no_heavy_library() -> None:
    code = (
        "import contextlib, io\n"
        "from cnbudget.cli.main import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        app(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
    assert _loaded_after(code) == []


def test_extract_parent_loads_no_reader_or_store_library() -> None:
    # what `cnbudget extract` loads in its own process: the worker reads the file
    code = "import cnbudget.cli.extract, cnbudget.pipeline, cnbudget.ingest.isolation"
    assert _loaded_after(code) == []


def test_reading_worker_loads_no_store_or_writer_library() -> None:
    # a worker's warm-up holds the PDF reader and recognition, not the database or writers
    code = "from cnbudget.ingest.worker import _warm_up\n_warm_up()"
    loaded = _loaded_after(code)
    assert not {"pandas", "sqlalchemy", "alembic", "openpyxl", "reportlab", "docx",
                "pdfplumber", "fastapi"} & set(loaded), loaded
