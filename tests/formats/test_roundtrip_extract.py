"""The main test: sample documents rendered to each format and extracted by
`cnbudget.pipeline.extract` give back the same metadata, facts and tables,
cell for cell. Table types recognition cannot parse yet are skipped by name;
formats without a registered reader are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.ingest.readers import READERS
from cnbudget.model import Document, Indicator, Row, Table
from cnbudget.model.table_types import STANDARD_TYPES
from cnbudget.pipeline import extract
from cnbudget.recognise.blocks import TABLE_PARSERS
from cnbudget.render import FORMATS

RowKey = tuple[str | None, str | None, str | None, str | None]


def row_key(row: Row) -> RowKey:
    return (row.side, row.code, row.item, row.unit_code)


def table_key(table: Table) -> tuple[str, str]:
    return (table.type, table.subject or table.title)


def matched_rows(want: Table, got: Table) -> tuple[list[tuple[Row, Row | None]], list[Row]]:
    """Each wanted row with the read row of its key (None if none), matched in
    printed order (sub-unit rows repeat one key); then the read rows left over."""
    got_rows: dict[RowKey, list[Row]] = {}
    for r in got.rows:
        got_rows.setdefault(row_key(r), []).append(r)
    pairs = [(row, candidates.pop(0) if (candidates := got_rows.get(row_key(row))) else None) for row in want.rows]
    return pairs, [r for rows in got_rows.values() for r in rows]


def row_differences(want: Table, got: Table) -> list[str]:
    """Rows matched by key in printed order (sub-unit rows repeat one key)."""
    out: list[str] = []
    pairs, left = matched_rows(want, got)
    for row, found in pairs:
        if found is None:
            out.append(f"{want.title}: row {row_key(row)} missing")
            continue
        for column, value in row.values.items():
            if found.values.get(column, "absent") != value:
                out.append(f"{want.title}: {row.key} {column}: {found.values.get(column, 'absent')} != {value}")
        for column, text in row.texts.items():
            if found.texts.get(column) != text:
                out.append(f"{want.title}: {row.key} {column}: {found.texts.get(column)!r} != {text!r}")
        if row.indicators:
            out += indicator_differences(f"{want.title}: {row.key}", row.indicators, found.indicators or [])
    out += [f"{want.title}: extra row {row_key(r)}" for r in left]
    return out


INDICATOR_FIELDS = ("level1", "level2", "level3", "target", "actual", "weight", "score", "texts")


def indicator_differences(where: str, want: list[Indicator], got: list[Indicator]) -> list[str]:
    """Indicators in printed order, field for field (the text columns of no field too)."""
    out = [f"{where}: {len(got)} indicators != {len(want)}"] if len(got) != len(want) else []
    for n, (w, g) in enumerate(zip(want, got, strict=False)):
        out += [f"{where} indicator {n} {name}: {getattr(g, name)!r} != {getattr(w, name)!r}"
                for name in INDICATOR_FIELDS if getattr(g, name) != getattr(w, name)]
    return out


@pytest.fixture(scope="module")
def extracted(rendered: dict[tuple[str, str], Path]) -> dict[tuple[str, str], Document]:
    return {key: extract(path, audit=False) for key, path in rendered.items() if key[1] in READERS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["budget", "final"])
def test_metadata_and_facts_round_trip(extracted: dict[tuple[str, str], Document],
                                       samples: dict[str, Document], name: str, fmt: str) -> None:
    if (name, fmt) not in extracted:
        pytest.skip(f"no {fmt} reader is registered yet")
    want, got = samples[name], extracted[(name, fmt)]
    assert (got.meta.kind, got.meta.year) == (want.meta.kind, want.meta.year)
    assert got.meta.department == want.meta.department
    assert got.meta.region == want.meta.region
    want_facts = sorted((f.key, f.value, f.subject or "") for f in want.facts)
    got_facts = sorted((f.key, f.value, f.subject or "") for f in got.facts)
    assert got_facts == want_facts


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["budget", "final"])
def test_tables_round_trip_cell_for_cell(extracted: dict[tuple[str, str], Document],
                                         samples: dict[str, Document], name: str, fmt: str) -> None:
    if (name, fmt) not in extracted:
        pytest.skip(f"no {fmt} reader is registered yet")
    want, got = samples[name], extracted[(name, fmt)]
    parsed = [t for t in want.tables if t.type in TABLE_PARSERS]
    if not parsed:
        pytest.skip("recognition has no table parsers registered yet")
    got_tables = {table_key(t): t for t in got.tables}
    problems: list[str] = []
    for table in parsed:
        found = got_tables.get(table_key(table))
        if found is None:
            problems.append(f"{table.type} {table.title!r} not recognised")
            continue
        if (found.unit, found.empty) != (table.unit, table.empty):
            problems.append(f"{table.title}: unit/empty {(found.unit, found.empty)} != {(table.unit, table.empty)}")
        problems += row_differences(table, found)
    assert not problems, "\n".join(problems[:40])


SEED_FORMATS = ("xlsx", "docx", "html", "pdf", "ofd")

@pytest.fixture(scope="module")
def seed_documents() -> dict[str, Document]:
    from tests.conftest import SEEDS

    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is absent: the real documents live in ../shared beside the clone")
    return {path.name[:3]: extract(path, audit=False) for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def seed_round_trips(seed_documents: dict[str, Document], tmp_path_factory: pytest.TempPathFactory,
                     ) -> dict[tuple[str, str], Document]:
    from cnbudget.render import render_document

    out = tmp_path_factory.mktemp("seeds")
    return {(number, fmt): extract(render_document(doc, fmt, out / f"{number}.{fmt}"), audit=False)
            for number, doc in seed_documents.items() if doc.tables for fmt in SEED_FORMATS}


def seed_pair(seed_documents: dict[str, Document], seed_round_trips: dict[tuple[str, str], Document],
              number: str, fmt: str) -> tuple[Document, Document]:
    if number not in seed_documents:
        pytest.skip(f"seed {number} is absent")
    if (number, fmt) not in seed_round_trips:
        pytest.skip("recognition reads no tables from the seed yet")
    return seed_documents[number], seed_round_trips[(number, fmt)]


def table_problems(want: list[Table], got: list[Table]) -> list[str]:
    got_tables: dict[tuple[str, str], list[Table]] = {}
    for table in got:
        got_tables.setdefault(table_key(table), []).append(table)
    problems: list[str] = []
    for table in want:
        candidates = got_tables.get(table_key(table), [])
        if not candidates:
            problems.append(f"{table.type} {table.title!r} not recognised")
            continue
        problems += row_differences(table, candidates.pop(0))
    return problems


@pytest.mark.parametrize("fmt", SEED_FORMATS)
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_seed_documents_round_trip(seed_documents: dict[str, Document],
                                   seed_round_trips: dict[tuple[str, str], Document],
                                   number: str, fmt: str) -> None:
    """Metadata, facts and the nine standard tables of each seed, cell for cell."""
    want, got = seed_pair(seed_documents, seed_round_trips, number, fmt)
    assert (got.meta.kind, got.meta.year, got.meta.department.name) == \
        (want.meta.kind, want.meta.year, want.meta.department.name)
    assert sorted((f.key, f.value) for f in got.facts) == sorted((f.key, f.value) for f in want.facts)
    problems = table_problems([t for t in want.tables if t.type in STANDARD_TYPES], got.tables)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("fmt", SEED_FORMATS)
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_seed_other_tables_round_trip(seed_documents: dict[str, Document],
                                      seed_round_trips: dict[tuple[str, str], Document],
                                      number: str, fmt: str) -> None:
    """The seeds' other tables (procurement, performance, 机构设置, a project
    form's grids …), cell for cell."""
    want, got = seed_pair(seed_documents, seed_round_trips, number, fmt)
    others = [t for t in want.tables if t.type not in STANDARD_TYPES]
    if not others:
        pytest.skip("no other tables recognised in the seed")
    problems = table_problems(others, got.tables)
    assert not problems, "\n".join(problems[:40])


PERFORMANCE_TYPES = ("performance_target", "performance_evaluation")

@pytest.mark.parametrize("fmt", SEED_FORMATS)
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_seed_performance_indicators_round_trip(seed_documents: dict[str, Document],
                                                seed_round_trips: dict[tuple[str, str], Document],
                                                number: str, fmt: str) -> None:
    """The seeds' performance tables, indicators field for field (their text columns
    of no field too), in every format: unlike the other tables, no difference is let by."""
    want, got = seed_pair(seed_documents, seed_round_trips, number, fmt)
    tables = [t for t in want.tables if t.type in PERFORMANCE_TYPES]
    assert any(r.indicators for t in tables for r in t.rows), "the seed's indicators were not read"
    problems = table_problems(tables, got.tables)
    assert not problems, "\n".join(problems[:40])

