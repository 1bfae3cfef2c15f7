"""Helpers for the narrative-fact tests: seeds read by the text reader."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import cnbudget.ingest.text  # noqa: F401  (registers the text reader)
from cnbudget.ingest.layout import Layout
from cnbudget.ingest.readers import read_bytes, read_source
from cnbudget.model.document import Fact
from cnbudget.recognise.facts import extract_facts

from .expected import SEED_META

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

FACTORS = {"万元": Decimal(10000), "元": Decimal(1), "%": Decimal(1), "辆": Decimal(1), "人": Decimal(1)}


def printed_value(figure: str, unit: str) -> Decimal:
    """The expected value, converted here rather than by the code under test."""
    return Decimal(figure.replace(",", "")) * FACTORS[unit]


def seed_path(number: str) -> Path:
    """A seed by its number, skipping where ../shared is absent (it is never copied in)."""
    matches = sorted(SEEDS_DIR.glob(f"{number}_*.txt"))
    if not matches:
        pytest.skip(f"seed {number} is absent: the real documents live in {SEEDS_DIR}")
    return matches[0]


def seed_layout(number: str) -> Layout:
    return read_source(seed_path(number)).layout


def text_layout(text: str, name: str = "variant.txt") -> Layout:
    return read_bytes(text.encode("utf-8"), name).layout


def seed_facts(number: str, layout: Layout | None = None) -> list[Fact]:
    kind, year = SEED_META[number]
    return extract_facts((layout or seed_layout(number)).lines, kind, year)


def triples(facts: list[Fact]) -> set[tuple[str, str | None, Decimal]]:
    return {(f.key, f.subject, f.value) for f in facts}

