"""`cnbudget extract` as a user runs it: a real subprocess, stdout/stderr and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from cnbudget.model.schema import disclosure_schema
from cnbudget.model.table_types import TABLE_TYPES
from tests.conftest import seed


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cnbudget.cli.main", *args],
                          capture_output=True, text=True, check=False)


def test_extract_json_prints_the_contract_on_stdout_only():
    done = _cli("extract", str(seed("002")), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    jsonschema.validate(data, disclosure_schema())
    assert data["document"]["year"] == 2020 and data["source"]["format"] == "text"


def test_unreadable_input_is_named_on_stderr_and_the_others_still_processed(tmp_path: Path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    out = tmp_path / "out"
    done = _cli("extract", str(bad), str(seed("002")), "-o", str(out))
    assert done.returncode == 2
    assert "broken.pdf" in done.stderr and "cannot be read" in done.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == [seed("002").stem + ".json"]
    assert done.stdout == ""


def test_json_with_several_inputs_needs_an_output_folder():
    done = _cli("extract", str(seed("000")), str(seed("001")), "--json")
    assert done.returncode == 2 and "-o 目录" in done.stderr


GENERAL_PUBLIC_BASIC = TABLE_TYPES["general_public_basic"].name


def test_summary_names_tables_and_facts():
    done = _cli("extract", str(seed("000")), "--no-audit")
    assert done.returncode == 0
    # tables by their printed Chinese names; fact keys are codes
    assert GENERAL_PUBLIC_BASIC in done.stdout and "expenditure_total" in done.stdout
    assert "读取状态" in done.stdout
    english = _cli("--lang", "en", "extract", str(seed("000")), "--no-audit")
    assert english.returncode == 0
    assert "general_public_basic" in english.stdout and "status" in english.stdout
