"""The reader registry and `read_source`: a file's bytes to a `Layout`.

Readers where structure is given (docx, xlsx, html) are kept apart from readers
that recover it (pdf, text); all register here by format name, as a plugin's
reader would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cnbudget.ingest.detect import check_claimed_format, detect_format
from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Layout
from cnbudget.registry import Registry

Reader = Callable[[bytes, str], Layout]  # (data, file name for messages) -> Layout

READERS: Registry[Reader] = Registry("reader")


@dataclass(frozen=True, slots=True)
class SourceRead:
    file: str
    sha256: str
    format: str
    layout: Layout


def read_bytes(data: bytes, name: str) -> SourceRead:
    fmt = detect_format(data, name)
    check_claimed_format(fmt, name)
    if fmt not in READERS:
        raise UnreadableSource(name, f"{fmt} files are not supported yet")
    layout = READERS.get(fmt)(data, name)
    return SourceRead(name, hashlib.sha256(data).hexdigest(), fmt, layout)


def read_source(path: Path) -> SourceRead:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableSource(str(path), exc.strerror or str(exc)) from exc
    return read_bytes(data, path.name)
