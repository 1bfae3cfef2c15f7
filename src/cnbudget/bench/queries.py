"""`python -m cnbudget.bench scale-queries`: the three national questions timed on
a generated database (bench.national) — `compare` for one department across
years, a region's ranking for one year, and `search` — each through the Python
API as a user calls it, best of ROUNDS after a warm-up, in ms; with the
database's size and the plan of every SQL statement each question runs
(PostgreSQL: EXPLAIN (ANALYZE, BUFFERS); SQLite: EXPLAIN QUERY PLAN).

A PostgreSQL database that already holds exactly the documents asked for is
used as it is (generate once, measure again); an empty one is generated into.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, event, func, select, text

from cnbudget.bench import national
from cnbudget.query.api import Database
from cnbudget.store.schema import documents

ROUNDS = 5
TARGET_MS = 200.0


@dataclass(frozen=True, slots=True)
class Timed:
    name: str
    call: str
    best_ms: float
    median_ms: float
    rows: int
    plans: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ScaleQueries:
    backend: str
    documents: int
    generated_s: float | None  # None: the database was generated before
    db_bytes: int
    timed: list[Timed]

    def lines(self, *, plans: bool = False) -> list[str]:
        gen = ("generated before" if self.generated_s is None
               else f"generated in {self.generated_s:.0f} s")
        out = [f"queries at scale ({self.backend}, {self.documents:,} documents, {gen}, "
               f"database {self.db_bytes / 2**30:.2f} GiB; best of {ROUNDS} after a warm-up; "
               f"target < {TARGET_MS:.0f} ms):"]
        for t in self.timed:
            out.append(f"  {t.name:34s} {t.best_ms:8.1f} ms (median {t.median_ms:.1f}; "
                       f"{t.best_ms / TARGET_MS:4.2f}× the target; {t.rows} rows)  {t.call}")
        if plans:
            for t in self.timed:
                out.append(f"\n### {t.name}: {t.call}\n")
                out.extend(t.plans)
        return out


class _Recorder:
    """The SQL statements (with their parameters) an API call sends."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[tuple[str, object]] = []

    def __enter__(self) -> _Recorder:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        self.statements.append((statement, parameters))


def _plans(engine: Engine, statements: list[tuple[str, object]]) -> list[str]:
    prefix = ("EXPLAIN (ANALYZE, BUFFERS) " if engine.dialect.name == "postgresql"
              else "EXPLAIN QUERY PLAN ")
    out = []
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute(prefix + statement, parameters)
            lines = [" | ".join(str(c) for c in r if c is not None) if len(r) > 1 else str(r[0])
                     for r in cursor.fetchall()]
            out.extend(["```", statement.strip(), "", *lines, "```", ""])
    finally:
        raw.close()
    return out


def _time(database: Database, name: str, call: str, fn: Callable[[], object],
          explain: bool) -> Timed:
    with _Recorder(database.store.engine) as seen:
        result = fn()  # the warm-up, recorded
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    plans = _plans(database.store.engine, seen.statements) if explain else []
    return Timed(name, call, round(timings[0], 1), round(timings[len(timings) // 2], 1),
                 len(result), plans)  # type: ignore[arg-type]


def _size(database: Database) -> int:
    engine = database.store.engine
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())"))
                       .scalar_one())
    path = engine.url.database or ""
    return sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))


def run(db: str | Path, n: int, *, explain: bool = True,
        progress: Callable[[str], None] | None = None) -> ScaleQueries:
    with Database(db) as database:
        with database.store.engine.connect() as conn:
            held = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        generated_s: float | None = None
        if held == 0:
            generated_s = national.generate(database.store.engine, n, progress=progress).seconds
        elif held != n:
            raise ValueError(f"the database holds {held:,} documents, not {n:,}: give an empty "
                             "database, or the one generated with this many")
        departments = -(-n // national.PER_DEPARTMENT)
        middle = departments // 2  # a department in the middle of the country
        department = national.department_name(middle)
        region = national.region_name(middle // national.DEPARTMENTS)
        project = f"{region}{national.topic_of(middle, 0)}"
        year = national.FIRST_YEAR + national.YEARS - 1
        questions: list[tuple[str, str, Callable[[], object]]] = [
            ("compare one department", f"compare({department!r})",
             lambda: database.compare(department)),
            ("rank a region's departments", f"compare(year={year}, region={region!r})",
             lambda: database.compare(year=year, region=region)),
            ("search a department name", f"search({department!r})",
             lambda: database.search(department)),
            ("search a project (rare)", f"search({project!r})",
             lambda: database.search(project)),
            ("search a common phrase", f"search({national.topic_of(0, 0)!r})",
             lambda: database.search(national.topic_of(0, 0))),
            ("search two characters, common", "search('审计')", lambda: database.search("审计")),
            ("search two characters, nowhere", "search('霞疆')", lambda: database.search("霞疆")),
            ("rank every department", f"compare(year={year})",
             lambda: database.compare(year=year)),
        ]
        timed = [_time(database, name, call, fn, explain) for name, call, fn in questions]
        backend = database.store.engine.dialect.name
        return ScaleQueries(backend, n, generated_s, _size(database), timed)
