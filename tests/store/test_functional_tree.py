"""A stored disclosure's expenditure by functional classification, nested 类 → 款 → 项
exactly as the document printed it (checked against the sample's own table, the
generator's truth, not a reading), on SQLite and PostgreSQL; a 款 printed without its
类 stands at the top rather than being dropped."""

from __future__ import annotations

from cnbudget.query.functional import FunctionalNode, functional_tree
from cnbudget.samples import SampleSpec, make_sample
from cnbudget.store import Store


def _flat(nodes: list[FunctionalNode], parent: str | None = None) -> list[tuple]:
    out = []
    for n in nodes:
        out.append((n.code, n.name, n.amount, parent))
        out.extend(_flat(n.children, n.code))
    return out


def _check(store: Store) -> None:
    doc = make_sample(SampleSpec())
    stored = store.store(doc)
    with store.engine.connect() as conn:
        tree = functional_tree(conn, stored.disclosure_id)
    printed = [r for r in doc.table("expenditure").rows if r.code]  # type: ignore[union-attr]
    expected = []
    for r in printed:
        parent = r.code[:-2] if len(r.code) > 3 else None
        expected.append((r.code, r.name, r.values["total"], parent))
    assert _flat(tree) == expected
    assert {len(n.code) for n in tree} == {3}
    assert any(grand for n in tree for c in n.children for grand in c.children)  # 项 present


def test_the_tree_on_sqlite(sqlite_store: Store) -> None:
    _check(sqlite_store)


def test_the_tree_on_postgres(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        _check(store)
    finally:
        store.close()


def test_an_orphan_row_stands_at_the_top(sqlite_store: Store) -> None:
    doc = make_sample(SampleSpec())
    table = doc.table("expenditure")
    assert table is not None
    table.rows = [r for r in table.rows if r.code != "208"]  # the 类 row lost
    stored = sqlite_store.store(doc)
    with sqlite_store.engine.connect() as conn:
        tree = functional_tree(conn, stored.disclosure_id)
    top = [n.code for n in tree]
    assert "208" not in top and "20805" in top
    assert next(n for n in tree if n.code == "20805").children  # its 项 still under it
