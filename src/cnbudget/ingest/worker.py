"""The isolated parse worker: `python -m cnbudget.ingest.worker PARENT_PID FD`.

Started by `cnbudget.ingest.isolation`; reads tasks (JSON) from the socket FD,
parses each file under resource limits, answers with JSON (never a pickle:
the parent must not run what a compromised parser might send). It dies with its
parent (PR_SET_PDEATHSIG on Linux, and the socket's end-of-file elsewhere).
The worker imports the readers and the pipeline (the built-in plugins, which
register the `extract` and `contract` task kinds) when it starts, while its
parent goes on with its own start, so no file's budget pays for them; the
parent never imports them for this.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import sys
import traceback
from multiprocessing.connection import Connection

PR_SET_PDEATHSIG = 1
IN_WORKER_ENV = "CNBUDGET_IN_WORKER"  # set in the worker: it reads in-process, never nests


def set_parent_death_signal() -> None:
    """SIGKILL this process when its parent ends (Linux; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def die_with_parent(parent_pid: int) -> None:
    """SIGKILL this process when its parent ends; exit now if it already has."""
    set_parent_death_signal()
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(0)


def _status_bytes(field: str) -> int:
    """A size from /proc/self/status (VmSize, VmRSS), 0 where /proc is absent."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _vm_bytes() -> int:
    return _status_bytes("VmSize")


def _rss_bytes() -> int:
    """Resident memory now (ru_maxrss would carry the parent's peak across exec)."""
    return _status_bytes("VmRSS")


def _limit(kind: int, soft: int) -> None:
    try:
        resource.setrlimit(kind, (soft, resource.getrlimit(kind)[1]))
    except (ValueError, OSError):
        pass  # a hard limit already lower than asked: it holds anyway


_HEADROOM = 64 << 20  # a worker already near the limit still gets this much (it is then replaced)


def _budget(memory_mb: int, seconds: int) -> None:
    """This task's limits: an address space of `memory_mb` in all (so the file's peak
    memory, the worker's own included, stays under it), and `seconds` more CPU than
    the worker has used (SIGXCPU ends it past that)."""
    if memory_mb:
        _limit(resource.RLIMIT_AS, max(memory_mb << 20, _vm_bytes() + _HEADROOM))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _limit(resource.RLIMIT_CPU, math.ceil(usage.ru_utime + usage.ru_stime) + seconds)


def _unlimited() -> None:
    _limit(resource.RLIMIT_AS, resource.RLIM_INFINITY)
    _limit(resource.RLIMIT_CPU, resource.RLIM_INFINITY)


def _run(task: dict[str, object]) -> dict[str, object]:
    from pathlib import Path

    from cnbudget.ingest.errors import UnreadableSource
    from cnbudget.ingest.isolation import Task, read_here, run_here
    from cnbudget.ingest.limits import Limits

    limits = Limits.parse(str(task["limits"]))
    member = task.get("member")
    job = Task(str(task["path"]), str(task["name"]), str(task.get("kind", "read")),
               None if member is None else str(member), bool(task.get("audit", True)))
    try:
        if job.kind in ("extract", "contract"):
            from cnbudget.model.contract import dumps

            return {"document": dumps(run_here(job, limits), indent=None)}  # type: ignore[arg-type]
        from cnbudget.ingest.layout_json import layout_to_json

        read = read_here(Path(job.path), job.name, job.member, limits)
        return {"file": read.file, "sha256": read.sha256, "format": read.format,
                "layout": layout_to_json(read.layout)}
    except UnreadableSource as exc:
        return {"unreadable": [exc.file, exc.reason, exc.code]}
    except MemoryError:
        return {"unreadable": [str(task["name"]), f"reading needed more than {limits.memory_mb} MB "
                               "of memory (limit memory_mb)", "source.out-of-memory"]}
    except Exception as exc:  # an internal failure, reported with its traceback
        return {"failed": [type(exc).__name__, str(exc)[:2000], traceback.format_exc()[-4000:]]}


def _warm_up() -> None:
    """Import the readers and the pipeline before the first file, so that no file's
    budget pays for them (the parent goes on meanwhile: this is off its path)."""
    from cnbudget.registry import load_plugins

    load_plugins()


def main() -> None:
    parent_pid, fd = int(sys.argv[1]), int(sys.argv[2])
    die_with_parent(parent_pid)
    os.environ[IN_WORKER_ENV] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind
    conn = Connection(fd)
    _warm_up()
    try:  # the parent starts the first file's clock now
        conn.send_bytes(b'{"ready": true}')
    except OSError:
        return
    while True:
        try:
            task = json.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        _budget(int(task.get("memory_mb", 0)), int(task.get("seconds", 120)))
        try:
            answer = _run(task)
        except MemoryError:
            answer = {"unreadable": [str(task.get("name")), "out of memory", "source.out-of-memory"]}
        _unlimited()
        answer["rss"] = _rss_bytes()
        try:
            conn.send_bytes(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
        except (BrokenPipeError, OSError):
            return


if __name__ == "__main__":
    main()
