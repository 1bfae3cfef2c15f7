"""Untrusted files parsed in worker processes under memory and CPU limits.

A native library that aborts (a spreadsheet asking for 512 GiB), a parser that
eats all memory or loops forever must cost one file, never the batch, the CLI
or a server worker. `read_isolated(path, limits)` reads a file in a worker
and returns its `SourceRead`, or the `UnreadableSource` that says, naming the
file, why there is none: a reader's own refusal, a limit passed, an abort, an
out-of-memory, a timeout. `IsolatedPool` runs many files (ingest) on several
workers, whole extractions included.

Design. A worker is `python -m cnbudget.ingest.worker`, started once and reused
for file after file (a new interpreter per file would cost more than most
files' reading). Before each file it limits itself with `setrlimit`: its
address space to what it holds plus `memory_mb`, its CPU time to what it has
used plus `seconds`; the parent also gives each file a wall-clock deadline and
kills the worker past it. A worker that dies is replaced. Tasks and answers
are JSON over a socket pair: what comes back from a parser is data only.
Workers die with their parent (PR_SET_PDEATHSIG), ignore Ctrl-C (the parent
stops them), write temporary files only in their own folder
(`$TMPDIR/cnbudget-work-<parent pid>-*`), which the parent removes when the
worker ends; folders left by a parent killed with SIGKILL are swept by the
next one. Inside a worker, reading happens in-process (no nesting).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from cnbudget.ingest.errors import NotADisclosure, UnreadableSource, unreadable
from cnbudget.ingest.limits import Limits, current_limits
from cnbudget.ingest.worker import IN_WORKER_ENV
from cnbudget.registry import Registry

if TYPE_CHECKING:
    from cnbudget.ingest.readers import SourceRead

# Task kinds beyond `read`, registered by the layers that know what they do (the
# pipeline registers `extract` and `contract`): ingest/ knows nothing of documents.
TaskRunner = Callable[["Task", Limits], object]
TASK_KINDS: Registry[TaskRunner] = Registry("task kind")

WORK_PREFIX = "cnbudget-work-"
_STDERR = "stderr.log"
STARTUP_S = 60.0  # a new worker's imports, before the first file's own clock starts
_OOM_MARKS = ("memory allocation of", "MemoryError", "bad_alloc", "Cannot allocate memory",
              "out of memory")


class WorkerFailed(Exception):
    """Not the file's fault: cnbudget's own code failed in the worker (a bug)."""

    def __init__(self, file: str, error: str, message: str, details: str = "") -> None:
        super().__init__(f"{file}: internal error {error}: {message}")
        self.file, self.error, self.message, self.details = file, error, message, details


@dataclass(frozen=True, slots=True)
class Task:
    """One file for a worker: `read` gives a Layout, `extract` a Document (the whole
    pipeline), `contract` a Document loaded from contract JSON."""

    path: str
    name: str  # how messages name it (`archive.zip!member` for a zip member)
    kind: str = "read"
    member: str | None = None  # a member of the zip archive at `path`
    audit: bool = True


def in_worker() -> bool:
    return os.environ.get(IN_WORKER_ENV) == "1"


def pid_alive(pid: int) -> bool:
    """Whether a process of this id runs (ours or another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_work_dirs() -> None:
    """Remove worker folders whose parent process is gone (it was SIGKILLed)."""
    for path in Path(tempfile.gettempdir()).glob(f"{WORK_PREFIX}*"):
        pid = path.name[len(WORK_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


class Worker:
    """One worker process; see the module doc."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-"))
        parent, child = socket.socketpair()
        env = {**os.environ, "TMPDIR": str(self.dir), "PYTHONDONTWRITEBYTECODE": "1"}
        with (self.dir / _STDERR).open("wb") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "cnbudget.ingest.worker", str(os.getpid()),
                 str(child.fileno())],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=stderr, env=env, cwd=self.dir,
            )
        child.close()
        self.conn = Connection(parent.detach())
        self.task: Task | None = None
        self.limits: Limits | None = None
        self.deadline = 0.0
        self.ready = False
        self.files = 0

    def send(self, task: Task, limits: Limits) -> None:
        self.task, self.limits = task, limits
        self.deadline = time.monotonic() + limits.wall_seconds + (0 if self.ready else STARTUP_S)
        fields = {"path": task.path, "name": task.name, "kind": task.kind,
                  "member": task.member, "audit": task.audit, "limits": limits.to_text(),
                  "memory_mb": limits.memory_mb, "seconds": limits.seconds}
        self.conn.send_bytes(json.dumps(fields, ensure_ascii=False).encode("utf-8"))

    def receive(self) -> tuple[object, bool] | None:
        """Once `conn` is readable or the deadline passed: the outcome of the task sent
        and whether this worker can take another file; None when the message was the
        worker saying it is ready (the task's own clock starts then)."""
        assert self.task is not None and self.limits is not None
        task, limits = self.task, self.limits
        timed_out = False
        try:
            if not self.conn.poll(max(0.0, self.deadline - time.monotonic())):
                timed_out = True
                raise EOFError
            answer = json.loads(self.conn.recv_bytes())
            if answer.get("ready") is True:
                self.ready = True
                self.deadline = time.monotonic() + limits.wall_seconds
                return None
        except (EOFError, OSError, ValueError, AttributeError):
            self.task = None
            return self._death(task, limits, timed_out), False
        self.task = None
        self.files += 1
        # a worker that once grew large gives its memory back by being replaced
        healthy = int(answer.get("rss", 0)) < limits.memory_mb * (1 << 20) // 2
        return _decode(task, answer), healthy

    def _death(self, task: Task, limits: Limits, timed_out: bool) -> UnreadableSource:
        if timed_out:
            self.proc.kill()
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        tail = self._stderr_tail()
        detail = f": {tail}" if tail else ""
        if timed_out or code == -signal.SIGXCPU:
            return unreadable("source.timeout", task.name, limit=limits.seconds)
        if any(mark in tail for mark in _OOM_MARKS) or code == -signal.SIGKILL:
            return unreadable("source.out-of-memory", task.name, limit=limits.memory_mb,
                              detail=detail)
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        return unreadable("source.reader-crashed", task.name, how=how, detail=detail)

    def _stderr_tail(self) -> str:
        try:
            text = (self.dir / _STDERR).read_bytes()[-4000:].decode("utf-8", "replace")
        except OSError:
            return ""
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()
                 and not ln.startswith((" ", "\t")) and "stack backtrace" not in ln]
        return lines[0][:300] if lines else ""

    def close(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def _decode(task: Task, answer: dict[str, object]) -> object:
    """A worker's JSON answer as a value; a malformed one is the worker's failure."""
    try:
        if "unreadable" in answer:
            _file, reason, code = (str(v) for v in answer["unreadable"])  # type: ignore[union-attr]
            if code.startswith("document."):  # read, but no disclosure: refused as such
                return NotADisclosure(task.name, code, f"{task.name}：{reason}")
            return UnreadableSource(task.name, reason, code)
        if "failed" in answer:
            error, message, details = (str(v) for v in answer["failed"])  # type: ignore[union-attr]
            return WorkerFailed(task.name, error, message, details)
        if "document" in answer:
            from cnbudget.model.contract import loads

            return loads(str(answer["document"]))
        from cnbudget.ingest.layout_json import layout_from_json
        from cnbudget.ingest.readers import SourceRead

        return SourceRead(str(answer["file"]), str(answer["sha256"]), str(answer["format"]),
                          layout_from_json(str(answer["layout"])))
    except (KeyError, TypeError, ValueError) as exc:
        return WorkerFailed(task.name, "MalformedAnswer", str(exc))


class IsolatedPool:
    """Up to `size` workers running tasks; `run` yields (key, outcome) as files finish."""

    def __init__(self, size: int = 1, limits: Limits | None = None) -> None:
        self.size = max(1, size)
        self.limits = limits or current_limits()
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        sweep_stale_work_dirs()

    def _worker(self) -> Worker:
        if self._idle:
            return self._idle.pop()
        worker = Worker()
        self._all.add(worker)
        return worker

    def _retire(self, worker: Worker) -> None:
        self._all.discard(worker)
        worker.close()

    def run(self, tasks: Iterable[tuple[int, Task]],
            may_submit: Callable[[], bool] = lambda: True) -> Iterator[tuple[int, object]]:
        """Outcomes as files finish; a new file starts only while `may_submit()` (the
        caller's buffer has room)."""
        todo = iter(tasks)
        busy: dict[Connection, tuple[int, Worker]] = {}
        exhausted = False
        while True:
            while not exhausted and len(busy) < self.size and (not busy or may_submit()):
                item = next(todo, None)
                if item is None:
                    exhausted = True
                    break
                worker = self._worker()
                try:
                    worker.send(item[1], self.limits)
                except OSError:  # it died between files: a fresh one takes the file
                    self._retire(worker)
                    worker = self._worker()
                    worker.send(item[1], self.limits)
                busy[worker.conn] = (item[0], worker)
            if not busy:
                return
            nearest = min(w.deadline for _, w in busy.values())
            ready = wait(list(busy), timeout=max(0.0, nearest - time.monotonic()))
            now = time.monotonic()
            done = [c for c in busy if c in ready or busy[c][1].deadline <= now]
            for conn in done:
                received = busy[conn][1].receive()
                if received is None:
                    continue  # it was getting ready: its file's clock starts now
                key, worker = busy.pop(conn)
                outcome, healthy = received
                if healthy:
                    self._idle.append(worker)
                else:
                    self._retire(worker)
                yield key, outcome

    def one(self, task: Task) -> object:
        return next(iter(self.run([(0, task)])))[1]

    def close(self) -> None:
        for worker in list(self._all):
            self._retire(worker)
        self._idle.clear()

    def __enter__(self) -> IsolatedPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


_shared: IsolatedPool | None = None
_shared_lock = threading.Lock()


def _shared_pool() -> IsolatedPool:
    global _shared
    if _shared is None:
        _shared = IsolatedPool(1)
        atexit.register(_shared.close)
    return _shared


def read_here(path: Path, name: str, member: str | None, limits: Limits) -> SourceRead:
    """Read in this process (the worker's side of `read_isolated`)."""
    from cnbudget.ingest.containers import member_bytes
    from cnbudget.ingest.readers import read_bytes, read_source

    if member is None:
        return read_source(path, limits)
    data = member_bytes(path, member, name, limits)
    return read_bytes(data, PurePosixPath(member).name, limits)


def run_here(task: Task, limits: Limits) -> object:
    """A task of a kind registered above this layer (`extract`, `contract`: the
    pipeline registers them) run in this process: the worker's side of it."""
    return TASK_KINDS.get(task.kind)(task, limits)


def run_isolated(task: Task, limits: Limits) -> object:
    """One task on this process's shared worker: its outcome (a `WorkerFailed` too,
    returned, not raised). What a Dask worker runs per file (store/dask_ingest.py)."""
    with _shared_lock:
        pool = _shared_pool()
        pool.limits = limits
        return pool.one(task)


def _run_shared(task: Task, limits: Limits) -> object:
    outcome = run_isolated(task, limits)
    if isinstance(outcome, WorkerFailed):
        raise outcome
    return outcome


def read_isolated(path: Path | str, limits: Limits | None = None, *,
                  member: str | None = None) -> SourceRead | UnreadableSource:
    """Read one untrusted file in a worker process under `limits` (see the module doc):
    its `SourceRead`, or the `UnreadableSource` naming the file and why. Raises
    `WorkerFailed` only for a failure of cnbudget itself."""
    from cnbudget.ingest.readers import SourceRead

    chosen = limits or current_limits()
    source = Path(path).absolute()
    name = f"{path}!{member}" if member else str(path)
    if in_worker():
        try:
            return read_here(source, name, member, chosen)
        except UnreadableSource as exc:
            return exc
    outcome = _run_shared(Task(str(source), name, "read", member), chosen)
    assert isinstance(outcome, SourceRead | UnreadableSource)
    return outcome
