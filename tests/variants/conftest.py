"""The documents variants are printed from, made once per session."""

from __future__ import annotations

import pytest

from cnbudget.model import Document, Kind
from tests.conftest import SEEDS
from variants.documents import sample, seed_readings


@pytest.fixture(scope="session")
def samples() -> dict[str, Document]:
    return {"budget": sample(Kind.BUDGET), "final": sample(Kind.FINAL_ACCOUNT)}


@pytest.fixture(scope="session")
def seeds() -> dict[str, Document]:
    """The seeds' readings; none where ../shared is absent (the samples still run)."""
    return seed_readings(SEEDS) if SEEDS.exists() else {}
