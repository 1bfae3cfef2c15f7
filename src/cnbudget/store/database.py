"""`Store`: one database (SQLite file or PostgreSQL), migrated on open.

Each `store` call is one transaction: a document is stored whole or not at
all, so a crash loses nothing already stored. Writes hold the database's write
lock (`engine.writing`): several processes may ingest into one database at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError, StatementError

from cnbudget import __version__
from cnbudget.model.document import Document
from cnbudget.store.engine import make_engine, require_existing, resolve_url, writing
from cnbudget.store.migrate import upgrade
from cnbudget.store.read import load_document
from cnbudget.store.schema import documents, ingest_errors, ingest_runs
from cnbudget.store.types import AmountOutOfRange
from cnbudget.store.write import Stored, find_by_sha256, replace_document, store_document

if TYPE_CHECKING:
    from cnbudget.store.department_edits import MergeResult


class Store:
    def __init__(self, db: str | os.PathLike[str] | None = None, *, migrate: bool = True,
                 existing: bool = False) -> None:
        """`existing`: refuse (DatabaseMissing) rather than create a SQLite file."""
        self.url = resolve_url(db)
        if existing:
            require_existing(self.url)
        self.engine: Engine = make_engine(self.url)
        if migrate:
            upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def add_alias(self, department_id: int, name: str) -> bool:
        """Another name of a department (cnbudget.store.department_edits.add_alias)."""
        from cnbudget.store.department_edits import add_alias

        with writing(self.engine) as conn:
            return add_alias(conn, department_id, name)

    def merge_departments(self, source_id: int, target_id: int) -> MergeResult:
        """One department made part of another (department_edits.merge_departments)."""
        from cnbudget.store.department_edits import merge_departments

        with writing(self.engine) as conn:
            return merge_departments(conn, source_id, target_id)

    def store(self, doc: Document, run_id: int | None = None) -> Stored:
        """Store `doc` unless its file (content hash) is already stored."""
        return self._write(store_document, doc, run_id)

    def replace(self, doc: Document, run_id: int | None = None) -> Stored:
        """Store `doc` in place of the stored document of the same file (see
        `write.replace_document`), or as new when the file is not stored yet."""
        return self._write(replace_document, doc, run_id)

    def _write(
        self, how: Callable[[Connection, Document, int | None], Stored], doc: Document,
        run_id: int | None,
    ) -> Stored:
        try:
            with writing(self.engine) as conn:
                return how(conn, doc, run_id)
        except StatementError as exc:
            if isinstance(exc.orig, AmountOutOfRange):
                raise exc.orig from exc
            raise

    def store_many(
        self, docs: Sequence[Document], run_id: int | None = None, *, replace: bool = False,
        errors: Sequence[tuple[str, str, str, str | None]] = (),
    ) -> list[Stored | Exception]:
        """Several documents (and `errors`: path, error, message, sha256) in one
        transaction: one commit for the lot, so a batch ingest pays one disk sync per
        batch, not per file. Each document has its own savepoint: one that fails
        (an amount out of range, a refused statement) is rolled back alone and comes
        back as its exception, in the place of its `Stored`. A crash before the commit
        loses the whole batch and nothing else; a resumed ingest extracts it again."""
        how = replace_document if replace else store_document
        results: list[Stored | Exception] = []
        with writing(self.engine) as conn:
            for doc in docs:
                try:
                    with conn.begin_nested():
                        results.append(how(conn, doc, run_id))
                except StatementError as exc:
                    results.append(exc.orig if isinstance(exc.orig, AmountOutOfRange) else exc)
                except (AmountOutOfRange, SQLAlchemyError) as exc:
                    results.append(exc)
            for path, error, message, sha256 in errors:
                conn.execute(insert(ingest_errors).values(
                    run_id=run_id, path=path, sha256=sha256, error=error, message=message))
        return results

    def load(self, document_id: int) -> Document:
        with self.engine.connect() as conn:
            return load_document(conn, document_id)

    def has_sha256(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return find_by_sha256(conn, sha256) is not None

    def known_sha256(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(documents.c.sha256)).scalars())

    def document_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a large change, once per ingest
        run. PostgreSQL's autovacuum would get there too, but only after its threshold
        and delay, and a ranking asked right after a national batch would be planned
        without statistics. Both ANALYZE by sampling, so this stays cheap."""
        if self.engine.dialect.name == "sqlite":
            with writing(self.engine) as conn:
                conn.exec_driver_sql("PRAGMA analysis_limit=1000")
                conn.exec_driver_sql("ANALYZE")
        else:
            # not under the write lock: other shards' writers go on while it samples
            with self.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")

    # ---- ingest runs ------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str]) -> int:
        with writing(self.engine) as conn:
            return int(conn.execute(insert(ingest_runs).values(
                started_at=datetime.now(UTC), inputs=list(inputs), files=0, stored=0,
                skipped=0, failed=0, cnbudget_version=__version__,
            )).inserted_primary_key[0])

    def record_error(
        self, run_id: int, path: str, error: str, message: str, sha256: str | None = None
    ) -> None:
        with writing(self.engine) as conn:
            conn.execute(insert(ingest_errors).values(
                run_id=run_id, path=path, sha256=sha256, error=error, message=message
            ))

    def finish_run(self, run_id: int, *, files: int, stored: int, skipped: int,
                   failed: int, replaced: int = 0) -> None:
        with writing(self.engine) as conn:
            conn.execute(update(ingest_runs).where(ingest_runs.c.id == run_id).values(
                finished_at=datetime.now(UTC), files=files, stored=stored, skipped=skipped,
                failed=failed, replaced=replaced,
            ))
