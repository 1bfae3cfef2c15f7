"""The generated pages of docs/ match the catalogues they are generated from."""

from __future__ import annotations

import pytest

from cnbudget.docs_gen import generated_pages
from tests.conftest import REPO


@pytest.mark.parametrize("name", sorted(generated_pages()))
def test_generated_docs_are_current(name):
    page = REPO / "docs" / name
    assert page.exists(), f"docs/{name} is missing: run `make docs`"
    assert page.read_text(encoding="utf-8") == generated_pages()[name](), (
        f"docs/{name} is stale: run `make docs`"
    )


def test_every_table_type_and_fact_key_is_documented():
    from cnbudget.model.fact_keys import FACT_KEYS
    from cnbudget.model.table_types import TABLE_TYPES

    text = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    for key in [*TABLE_TYPES, *FACT_KEYS]:
        assert f"`{key}`" in text
