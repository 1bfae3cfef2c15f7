"""The one exception a reader raises: this file cannot be read at all."""

from __future__ import annotations


class UnreadableSource(Exception):
    """A file that yields nothing: wrong format, encrypted, scanned, corrupt."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
