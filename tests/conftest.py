"""Fixtures shared by every test area: where the real documents are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
JIANGSU = SHARED / "real" / "jiangsu"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the real documents live in ../shared beside the clone")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return _need(SEEDS)


@pytest.fixture
def jiangsu_dir() -> Path:
    return _need(JIANGSU)


def seed(prefix: str) -> Path:
    """A seed document by its number (`"000"`), skipping the test where ../shared is absent."""
    matches = sorted(_need(SEEDS).glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} is not in {SEEDS}")
    return matches[0]


@pytest.fixture(autouse=True)
def _chinese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in the default language, whatever the shell has, and a
    `--lang en` inside one test (it sets the variable) does not leak to the next."""
    monkeypatch.setenv("CNBUDGET_LANG", "zh")
