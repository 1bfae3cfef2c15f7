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
from dataclasses import dataclass, fields, replace

ENV_VAR = "CNBUDGET_LIMITS"
MB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits. Sizes in MB (2**20 bytes), times in seconds."""

    file_mb: int = 256  # the file itself
    unpacked_mb: int = 1024  # a zip container's members together, uncompressed
    member_mb: int = 512  # one member of a zip container, uncompressed
    ratio: int = 200  # uncompressed / compressed, for members past `ratio_grace_mb`
    ratio_grace_mb: int = 16  # small members may compress as well as they like
    members: int = 10_000  # entries in a zip container
    rows: int = 200_000  # rows of one sheet
    columns: int = 2_000  # columns of one sheet
    cells: int = 5_000_000  # a sheet's area (rows × columns as its library allocates it)
    sheets: int = 500
    pages: int = 5_000
    xml_depth: int = 256  # nesting of XML/HTML elements (libxml2's own default)
    memory_mb: int = 1024  # the worker's whole address space while it reads one file
    seconds: int = 120  # CPU seconds for one file; wall clock twice that

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
