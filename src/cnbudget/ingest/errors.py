"""The exceptions that make a file unusable: it cannot be read at all, or what it
reads is no disclosure."""

from __future__ import annotations


class UnreadableSource(Exception):
    """A file that yields nothing: wrong format, encrypted, scanned, corrupt."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class NotADisclosure(UnreadableSource):
    """A file that reads, but is no budget or final-account disclosure (or is an
    unfilled template): refused like an unreadable one (named in the error, exit 2,
    never stored). `code` is the problem code of model/problems.py
    (`document.not-a-disclosure`, `document.template`); `message` its filled
    message, which names the file and says what was missing."""

    def __init__(self, file: str, code: str, message: str) -> None:
        super().__init__(file, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message
