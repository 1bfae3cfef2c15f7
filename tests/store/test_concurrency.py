"""Several writers into one database: the database itself keeps a disclosure and a
document unique, and concurrent ingests neither lose nor duplicate a file."""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from cnbudget.model.contract import dumps
from cnbudget.model.document import Document, Kind
from cnbudget.store import Store, Stored
from cnbudget.store.batch import ingest
from cnbudget.store.schema import departments, disclosures, documents
from cnbudget.store.synthetic import full_document
from cnbudget.store.write import store_document

DEPARTMENTS = 6


def _part_of(doc: Document, name: str) -> Document:
    """The disclosure's second file: its tables alone, under another file name."""
    part = full_document(doc.meta.department.name or "", doc.meta.department.code,
                         doc.meta.region.name or "", doc.meta.year or 0, factor=Decimal("1.5"))
    part.narrative = []
    part.source = replace(part.source, file=f"{name}表格.pdf", format="pdf",
                          sha256=hashlib.sha256(f"part|{name}".encode()).hexdigest())
    return part


def _corpus(folder: Path) -> list[Path]:
    """DEPARTMENTS disclosures of two files each, as contract JSON."""
    folder.mkdir()
    paths = []
    for i in range(DEPARTMENTS):
        name = f"并发测试局{i}"
        main = full_document(name, f"{i:03d}", "某市", 2021)
        for n, doc in enumerate((main, _part_of(main, name))):
            path = folder / f"{i:02d}-{n}.json"
            path.write_text(dumps(doc), encoding="utf-8")
            paths.append(path)
    return paths


def _ingest_worker(url: str, paths: list[str], start: object, out: object) -> None:
    with Store(url) as store:
        start.wait()  # type: ignore[attr-defined]
        report = ingest(store, [Path(p) for p in paths], jobs=1)
    out.put((report.stored, report.skipped, [e.message for e in report.errors]))  # type: ignore[attr-defined]


def _counts(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (departments, disclosures, documents)
        )


def _concurrent_ingest(url: str, tmp_path: Path) -> None:
    paths = [str(p) for p in _corpus(tmp_path / "in")]
    Store(url).close()  # created (migrated) up front: the race under test is the ingest
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(2), context.Queue()
    # one inspector goes through the files forwards, the other backwards: they meet
    workers = [context.Process(target=_ingest_worker, args=(url, order, start, out))
               for order in (paths, paths[::-1])]
    for w in workers:
        w.start()
    results = [out.get(timeout=300) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    for stored, skipped, errors in results:
        assert errors == []
        assert stored + skipped == len(paths)
    assert sum(stored for stored, _s, _e in results) == len(paths)  # each file stored once
    with Store(url) as store:
        assert _counts(store) == (DEPARTMENTS, DEPARTMENTS, len(paths))
        with store.engine.connect() as conn:
            per_disclosure = conn.execute(
                select(func.count()).select_from(documents)
                .where(documents.c.current.is_(True)).group_by(documents.c.disclosure_id)
            ).scalars().all()
    assert per_disclosure == [2] * DEPARTMENTS  # both parts of each, current


def test_concurrent_ingest_sqlite(tmp_path: Path) -> None:
    _concurrent_ingest(str(tmp_path / "shared.db"), tmp_path)


def test_concurrent_ingest_postgres(postgres_url: str, tmp_path: Path) -> None:
    _concurrent_ingest(postgres_url, tmp_path)


def _identity_is_enforced(url: str) -> None:
    with Store(url) as store, store.engine.begin() as conn:
        dept = conn.execute(insert(departments).values(name="某局")).inserted_primary_key[0]
        row = {"department_id": dept, "year": 2020, "kind": "budget", "scope": None}
        conn.execute(insert(disclosures).values(**row))
        # unidentified disclosures (no department) may repeat: each is its own
        for _ in range(2):
            conn.execute(insert(disclosures).values(department_id=None, year=2020,
                                                    kind="budget"))
        conn.execute(insert(disclosures).values(**{**row, "scope": "department"}))
        for duplicate in (row, {**row, "scope": "department"}):
            with pytest.raises(IntegrityError), conn.begin_nested():
                conn.execute(insert(disclosures).values(**duplicate))


def test_disclosure_identity_is_a_constraint_sqlite(tmp_path: Path) -> None:
    _identity_is_enforced(str(tmp_path / "u.db"))


def test_disclosure_identity_is_a_constraint_postgres(postgres_url: str) -> None:
    _identity_is_enforced(postgres_url)


def _wait_until_blocked(url: str, pid: int) -> None:
    """Until backend `pid` waits on a lock (the other writer's uncommitted row)."""
    probe = create_engine(url)
    try:
        with probe.connect() as conn:
            for _ in range(6000):
                waiting = conn.execute(text(
                    "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = :pid"
                ), {"pid": pid}).scalar()
                if waiting:
                    return
                time.sleep(0.01)
    finally:
        probe.dispose()
    raise AssertionError("the second writer never waited for the first")


@pytest.mark.parametrize("second", ["same file", "another part"])
def test_losing_writer_attaches_to_the_winner(postgres_url: str, second: str) -> None:
    """Two writers without the write lock (as an older cnbudget would write): the one
    that loses the race on a unique index re-reads and uses the winner's row."""
    known = full_document("某局", "001", "某市", 2022, kind=Kind.FINAL_ACCOUNT)
    first = full_document("某局", "001", "某市", 2022)
    other = first if second == "same file" else _part_of(first, "某局")
    with Store(postgres_url) as store:
        store.store(known)  # the department is known: both writers find it
        with store.engine.connect() as a, store.engine.connect() as b:
            a.begin()
            won = store_document(a, first)
            b.begin()
            b_pid = b.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with ThreadPoolExecutor(max_workers=1) as pool:
                storing = pool.submit(store_document, b, other)
                # b found no disclosure (a's is not committed) and waits on the unique index
                _wait_until_blocked(postgres_url, b_pid)
                a.commit()
                lost: Stored = storing.result(timeout=60)
            b.commit()
        assert lost.disclosure_id == won.disclosure_id
        assert lost.new is (second == "another part")
        assert _counts(store) == (1, 2, 2 if second == "same file" else 3)
        with store.engine.connect() as conn:
            assert conn.execute(select(documents.c.current).where(
                documents.c.id == won.document_id)).scalar_one()
