"""Sample documents rendered once per session to every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.registry import load_plugins
from cnbudget.render import FORMATS, render_document
from cnbudget.samples import budget_sample, final_account_sample

SAMPLES = {"budget": budget_sample, "final": final_account_sample}


@pytest.fixture(scope="session", autouse=True)
def readers() -> None:
    """Register the built-in readers as `cnbudget.pipeline` does."""
    load_plugins()


@pytest.fixture(scope="session")
def samples() -> dict[str, Document]:
    return {name: make() for name, make in SAMPLES.items()}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory, samples: dict[str, Document]) -> dict[tuple[str, str], Path]:
    """(sample name, format) → the rendered file."""
    out = tmp_path_factory.mktemp("rendered")
    return {(name, fmt): render_document(doc, fmt, out / f"{name}.{fmt}")
            for name, doc in samples.items() for fmt in FORMATS}
