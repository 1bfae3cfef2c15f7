"""Files made the way departments make them, through LibreOffice: XLSX saved
as XLS and ODS, DOCX saved as Word 97 .doc, and XLSX printed to PDF. Skipped
with the reason when LibreOffice (soffice) is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.legacy import convert_with_soffice, read_legacy_word, soffice_path
from cnbudget.ingest.readers import READERS, read_source
from cnbudget.model import Document, Table
from cnbudget.pipeline import extract
from cnbudget.recognise.blocks import TABLE_PARSERS
from formats.grids import check_values, grids_by_title
from formats.pdf_grids import pdf_grids
from formats.test_roundtrip_extract import row_differences, table_key
from formats.test_writers_layout import header_rows

needs_soffice = pytest.mark.skipif(
    soffice_path() is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui)",
)


@pytest.fixture(scope="module")
def converted(rendered: dict[tuple[str, str], Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    # one output folder, so the conversions share one LibreOffice profile (made once)
    out = tmp_path_factory.mktemp("soffice")
    return {
        target: convert_with_soffice(rendered[("budget", source)], target, out)
        for source, target in (("xlsx", "xls"), ("xlsx", "ods"), ("docx", "doc"), ("docx", "rtf"),
                               ("xlsx", "pdf"))
    }


def check_all(grids: dict, doc: Document) -> None:
    for table in doc.tables:
        assert table.title in grids, table.title
        if table.type != "performance_target":
            check_values(grids[table.title], table, header_rows(table.type))


@needs_soffice
@pytest.mark.parametrize("fmt", ["xls", "ods", "doc", "rtf"])
def test_saved_by_libreoffice_reads_back(converted: dict[str, Path], samples: dict[str, Document], fmt: str) -> None:
    source = read_source(converted[fmt])
    assert source.format == fmt
    check_all(grids_by_title(source.layout), samples["budget"])


@needs_soffice
def test_xlsx_printed_to_pdf_by_libreoffice(converted: dict[str, Path], samples: dict[str, Document]) -> None:
    doc = samples["budget"]
    # LibreOffice prints thousands separators (4,097.11) and wraps long headers
    check_all(pdf_grids(converted["pdf"], {t.title for t in doc.tables}), doc)


@needs_soffice
def test_libreoffice_pdf_extracts_like_the_sample(converted: dict[str, Path], samples: dict[str, Document]) -> None:
    """The department's way: Excel sheets printed to PDF, then cnbudget extract."""
    if "pdf" not in READERS:
        pytest.skip("the PDF reader (cnbudget.ingest.pdf) is not registered yet")
    want = samples["budget"]
    got = extract(converted["pdf"], audit=False)
    assert (got.meta.year, got.meta.department) == (want.meta.year, want.meta.department)
    assert sorted((f.key, f.value) for f in got.facts) == sorted((f.key, f.value) for f in want.facts)
    parsed = [t for t in want.tables if t.type in TABLE_PARSERS]
    if not parsed:
        pytest.skip("recognition has no table parsers registered yet")
    got_tables: dict[tuple[str, str], list[Table]] = {}
    for table in got.tables:
        got_tables.setdefault(table_key(table), []).append(table)
    problems: list[str] = []
    for table in parsed:
        found = got_tables.get(table_key(table))
        problems += row_differences(table, found.pop(0)) if found else [f"{table.title} not recognised"]
    assert not problems, "\n".join(problems[:40])


def test_legacy_word_without_libreoffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no soffice on the path
    with pytest.raises(UnreadableSource, match="LibreOffice"):
        read_legacy_word(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old.doc")


def test_rtf_is_detected_as_rtf_not_text() -> None:
    from cnbudget.ingest.detect import detect_format

    assert detect_format(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 SimSun;}} \\f0 \\'b2\\'bf}", "a.doc") == "rtf"


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_printing_through_libreoffice_first_in_a_fresh_process(tmp_path: Path) -> None:
    """The writers register on first use: printing via LibreOffice before any other
    render raised KeyError: no renderer named 'xlsx'."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path\n"
            "from cnbudget.render.libreoffice import render_pdfs_via\n"
            "from cnbudget.render.variants import DEFAULT_VARIANT\n"
            "from cnbudget.samples import budget_sample\n"
            "out = Path(sys.argv[1])\n"
            "render_pdfs_via([(budget_sample(), DEFAULT_VARIANT, out)], 'xlsx')\n")
    target = tmp_path / "a.pdf"
    done = subprocess.run([sys.executable, "-c", code, str(target)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF")
