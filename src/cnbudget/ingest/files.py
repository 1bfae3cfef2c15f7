"""Opening untrusted files: regular files only, never more than the limits allow."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from cnbudget.ingest.errors import UnreadableSource, unreadable
from cnbudget.ingest.limits import MB, Limits


def too_large(name: str, size: int, limits: Limits) -> UnreadableSource:
    return unreadable("source.too-large", name, size=f"{size / MB:,.1f}", limit=limits.file_mb,
                      key="file_mb")


_KINDS = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder"))


def open_regular(path: Path, limits: Limits, max_bytes: int | None = None) -> BinaryIO:
    """`path` opened for reading if it is a regular file of at most `max_bytes` (default
    `limits.file_mb`); UnreadableSource for anything else. Opened without blocking, so
    a pipe is refused instead of waited on."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise unreadable("source.missing", name, reason=exc.strerror or str(exc)) from exc
    try:  # checked on the descriptor: os.fdopen itself refuses a folder with an OSError
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((k for test, k in _KINDS if test(info.st_mode)), "special file")
            raise unreadable("source.not-a-file", name, kind=kind)
        if info.st_size > (max_bytes or limits.file_bytes):
            raise too_large(name, info.st_size, limits)
    except UnreadableSource:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def regular_file_bytes(path: Path, limits: Limits) -> bytes:
    """The bytes of a regular file, at most `limits.file_mb` (see `open_regular`)."""
    name = str(path)
    with open_regular(path, limits) as fh:
        size = os.fstat(fh.fileno()).st_size
        data = fh.read(size + 1)  # one buffer of the file's size
        while len(data) <= limits.file_bytes and (more := fh.read(1 << 20)):
            data += more  # it grew while read
    if len(data) > limits.file_bytes:
        raise too_large(name, len(data), limits)
    return data


