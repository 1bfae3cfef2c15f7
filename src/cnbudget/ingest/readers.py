"""The reader registry and `read_source`: a file's bytes to a `Layout`.

Readers where structure is given (docx, xlsx, html) are kept apart from readers
that recover it (pdf, text); all register here by format name, as a plugin's
reader would.

This is also the reader boundary: only regular files are opened (a pipe or a
device would block or never end; a symbolic link is followed and reported),
never more than `Limits.file_mb` is read, zip containers are checked before
their parser sees them (`containers.py`), and whatever a reader raises on a
file becomes that file's `UnreadableSource`. The identity of what was read is
the hash of the bytes read, never a hash the file claims. Untrusted files
should be read through `cnbudget.ingest.isolation.read_isolated`, which runs
this in a worker process with memory and CPU limits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cnbudget.ingest.containers import CONTAINER_FORMATS, check_container
from cnbudget.ingest.detect import check_claimed_format, detect_format
from cnbudget.ingest.errors import UnreadableSource, unreadable
from cnbudget.ingest.files import regular_file_bytes, too_large
from cnbudget.ingest.layout import Layout, ReadProblem
from cnbudget.ingest.limits import Limits, current_limits, limits_in_force
from cnbudget.registry import Registry, load_plugins

Reader = Callable[[bytes, str], Layout]  # (data, file name for messages) -> Layout

READERS: Registry[Reader] = Registry("reader")


@dataclass(frozen=True, slots=True)
class SourceRead:
    file: str
    sha256: str
    format: str
    layout: Layout


def read_bytes(data: bytes, name: str, limits: Limits | None = None) -> SourceRead:
    chosen = limits or current_limits()
    if len(data) > chosen.file_bytes:
        raise too_large(name, len(data), chosen)
    load_plugins()  # the built-in readers register as plugins do
    with limits_in_force(chosen):
        fmt = detect_format(data, name)
        check_claimed_format(fmt, name)
        if fmt not in READERS:
            raise unreadable("source.unreadable", name, reason=f"{fmt} files are not supported yet")
        if fmt in CONTAINER_FORMATS:
            check_container(data, name, chosen)
        layout = _run_reader(READERS.get(fmt), data, name)
    return SourceRead(name, hashlib.sha256(data).hexdigest(), fmt, layout)


def _run_reader(reader: Reader, data: bytes, name: str) -> Layout:
    """A reader's failure on this file is this file's error, never a crash of the caller."""
    try:
        return reader(data, name)
    except UnreadableSource:
        raise
    except MemoryError as exc:
        raise unreadable("source.out-of-memory", name, limit=current_limits().memory_mb,
                         detail="") from exc
    except RecursionError as exc:
        raise unreadable("source.too-deep", name, limit=current_limits().xml_depth) from exc
    except Exception as exc:  # a reader library's own exception on a malformed file
        raise unreadable("source.reader-failed", name,
                         error=f"{type(exc).__name__}: {exc}"[:500]) from exc


def read_source(path: Path, limits: Limits | None = None) -> SourceRead:
    """Read one file in this process; see the module doc (and `read_isolated`)."""
    chosen = limits or current_limits()
    data = regular_file_bytes(path, chosen)
    read = read_bytes(data, path.name, chosen)
    if path.is_symlink():
        read.layout.problems.append(ReadProblem(
            "source.symlink", details={"file": str(path), "target": str(path.resolve())}))
    return read
