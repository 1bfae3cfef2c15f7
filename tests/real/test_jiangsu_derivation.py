"""The committed expected readings are exactly what derive_jiangsu.py makes from the
PDFs with pdfplumber and its listed corrections: nobody edited them by hand, and
a pdfplumber upgrade that reads the pages differently is noticed."""

from __future__ import annotations

import pytest

from tests.real.derive_jiangsu import JIANGSU, NARRATIVE_ONLY, OUT, TABLE_PAGES, derive
from tests.real.expected import load, slug

FILES = sorted([*TABLE_PAGES, *NARRATIVE_ONLY])


@pytest.mark.parametrize("name", FILES, ids=[slug(f, f in NARRATIVE_ONLY) for f in FILES])
def test_expected_reading_is_the_derivation(name: str) -> None:
    if not (JIANGSU / name).exists():
        pytest.skip(f"{JIANGSU / name} is absent: the real documents live in ../shared beside the clone")
    committed = load(OUT / (name.removesuffix(".pdf") + ".json"))
    assert derive(name) == committed, f"re-derive with: python -m tests.real.derive_jiangsu {name}"
