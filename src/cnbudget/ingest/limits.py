"""Resource limits at the reader boundary: how much one untrusted file may cost.

Every limit has a default sized for real disclosures with a wide margin (the
largest published disclosures are tens of MB and a few hundred pages); a file
over one is refused with its own error code naming the file and the limit.
The limits in force are `Limits.from_env()` (`$CNBUDGET_LIMITS`, e.g.
`file_mb=50,seconds=30`) or what the caller passes (`--limit KEY=VALUE` on the
CLI). Readers look the current limits up with `current_limits()`, so the
reader signature (bytes, name) stays the plugin API.

Memory and time are enforced by the isolated worker (`ingest/isolation.py`)
with `resource.setrlimit`; the others are checked by the readers before the
parser sees the data (a zip container's sizes while streaming it, a sheet's
extent from its XML before the spreadsheet library allocates it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields, replace

ENV_VAR = "CNBUDGET_LIMITS"
MB = 1 << 20


def _limit(default: int, doc: str) -> int:
    return field(default=default, metadata={"doc": doc})  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits. Sizes in MB (2**20 bytes), times in seconds (docs/boundary.md)."""

    file_mb: int = _limit(256, "the file itself, in MB")
    unpacked_mb: int = _limit(1024, "a zip container's members together, uncompressed, in MB "
                              "(declared and as inflated)")
    member_mb: int = _limit(512, "one member of a zip container, uncompressed, in MB")
    ratio: int = _limit(200, "a zip member's uncompressed ÷ compressed size, for members "
                        "larger than ratio_grace_mb")
    ratio_grace_mb: int = _limit(16, "members up to this size (MB) may compress as well as "
                                 "they like")
    members: int = _limit(10_000, "entries in a zip container (an upload, or an office file)")
    rows: int = _limit(200_000, "rows of one sheet (its filled extent, from the sheet's XML)")
    columns: int = _limit(2_000, "columns of one sheet")
    cells: int = _limit(2_000_000, "a sheet's area, rows × columns, as the spreadsheet "
                        "library allocates it")
    sheets: int = _limit(500, "sheets of one workbook")
    pages: int = _limit(5_000, "pages of one PDF")
    xml_depth: int = _limit(256, "nesting of XML/HTML elements (libxml2's own limit; a web "
                            "page deeper than 255 is refused, not silently cut)")
    memory_mb: int = _limit(1024, "the worker's whole address space while it reads one file, "
                            "in MB (RLIMIT_AS)")
    seconds: int = _limit(120, "CPU seconds for one file (RLIMIT_CPU); the wall clock "
                          "allows twice that")

    @property
    def wall_seconds(self) -> float:
        return 2.0 * self.seconds

    @property
    def file_bytes(self) -> int:
        return self.file_mb * MB

    def with_(self, **changes: int) -> Limits:
        return replace(self, **changes)

    def to_text(self) -> str:
        """The form `parse` reads: `file_mb=256,…`."""
        return ",".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))

    @classmethod
    def parse(cls, text: str, base: Limits | None = None) -> Limits:
        """`"file_mb=50,seconds=30"` over `base` (the defaults); ValueError names a wrong key."""
        known = {f.name for f in fields(cls)}
        changes: dict[str, int] = {}
        for item in (part.strip() for part in text.split(",")):
            if not item:
                continue
            key, sep, value = item.partition("=")
            key = key.strip().replace("-", "_")
            if not sep or key not in known:
                raise ValueError(f"unknown limit {item!r}; known: {', '.join(sorted(known))}")
            try:
                number = int(value.strip())
            except ValueError:
                raise ValueError(f"limit {key} needs a whole number, not {value.strip()!r}") from None
            if number <= 0:
                raise ValueError(f"limit {key} must be positive")
            changes[key] = number
        return replace(base or cls(), **changes)

    @classmethod
    def from_env(cls) -> Limits:
        return cls.parse(os.environ.get(ENV_VAR, ""))


DEFAULT_LIMITS = Limits()
_CURRENT: ContextVar[Limits | None] = ContextVar("cnbudget_limits", default=None)


def current_limits() -> Limits:
    """The limits in force for the file being read (the environment's by default)."""
    return _CURRENT.get() or Limits.from_env()


def limits_markdown_rows() -> list[tuple[str, int, str]]:
    """(name, default, meaning) of every limit, for docs/boundary.md."""
    return [(f.name, f.default, f.metadata["doc"]) for f in fields(Limits)]  # type: ignore[misc]


def check_count(name: str, what: str, value: int, key: str) -> None:
    """Raise the file's `source.too-many` error when `value` is over the limit `key`."""
    limit = getattr(current_limits(), key)
    if value > limit:
        from cnbudget.ingest.errors import unreadable

        raise unreadable("source.too-many", name, what=what, value=f"{value:,}",
                         limit=f"{limit:,}", key=key)


@contextmanager
def limits_in_force(limits: Limits) -> Iterator[Limits]:
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)
