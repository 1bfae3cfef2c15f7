"""Ingest on Dask distributed: the per-document extraction on a cluster's workers.

`cnbudget ingest SOURCES --engine dask --scheduler tcp://HOST:PORT` (an existing
cluster) or `--engine dask --workers N` (a local cluster started for the run).
Each file is one Dask task running `extract_on_worker`: the same isolated
extraction a local ingest runs (cnbudget.ingest.isolation: a parse worker
process under the memory, CPU and time limits, reused from file to file inside
each Dask worker). The ingesting process stays the one writer: it receives the
documents as the scheduler reports them done and commits them in input order
and in batches, exactly as a local ingest does (store/batch.py) — so the same
files give the same database, document for document, and a re-run skips what
is stored (resume) before submitting anything.

The workers must see the source paths (a shared file system, as for any batch
on a cluster); they need cnbudget installed with the `dask` extra. Tasks in
flight are bounded, so a national batch never holds a million futures or
results at once. See docs/scale.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.isolation import Task, WorkerFailed, run_isolated
from cnbudget.ingest.limits import Limits

if TYPE_CHECKING:
    from cnbudget.model.document import Document

# tasks in flight per Dask worker thread: enough to keep each busy between round trips
IN_FLIGHT_PER_WORKER = 4


class DaskUnavailable(RuntimeError):
    """`--engine dask` without the `dask` extra installed."""


def extract_on_worker(task: Task, limits_text: str) -> Document | tuple[str, str]:
    """On a Dask worker: one file extracted in an isolated parse worker. The document,
    or (error code, message) for a file that could not be read; cnbudget's own
    failure is ("internal.<error>", message), as a local ingest records it."""
    outcome = run_isolated(task, Limits.parse(limits_text))
    if isinstance(outcome, UnreadableSource):
        return outcome.code, outcome.reason
    if isinstance(outcome, WorkerFailed):
        return f"internal.{outcome.error}", outcome.message
    return outcome  # type: ignore[return-value]


def run_on_dask(
    tasks: list[Task], limits: Limits, deliver: Callable[[int, object], None], *,
    scheduler: str | None = None, workers: int | None = None,
) -> None:
    """Run `tasks` on Dask; `deliver(index, outcome)` as each finishes (any order).
    `scheduler` is an existing cluster's address; else a local cluster of `workers`
    single-threaded worker processes is started and stopped around the run."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise DaskUnavailable("--engine dask needs the dask extra: pip install "
                              "'cnbudget[dask]'") from exc
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(1, workers or 1), threads_per_worker=1,
                               processes=True, dashboard_address=":0")  # a free port, never 8787 taken
    try:
        with Client(scheduler or cluster) as client:
            threads = max(1, sum(client.nthreads().values()))
            limit = threads * IN_FLIGHT_PER_WORKER
            text = limits.to_text()
            todo = iter(enumerate(tasks))
            index_of: dict[str, int] = {}

            def submit() -> object | None:
                item = next(todo, None)
                if item is None:
                    return None
                future = client.submit(extract_on_worker, item[1], text, pure=False)
                index_of[future.key] = item[0]
                return future

            started = [f for f in (submit() for _ in range(limit)) if f is not None]
            pending = as_completed(started)
            for future in pending:
                index = index_of.pop(future.key)
                try:
                    outcome: object = future.result()
                except Exception as exc:  # the Dask worker itself died or the task was lost
                    outcome = ("internal.dask", f"{type(exc).__name__}: {exc}"[:500])
                future.release()
                deliver(index, outcome)
                following = submit()
                if following is not None:
                    pending.add(following)
    finally:
        if cluster is not None:
            cluster.close()
