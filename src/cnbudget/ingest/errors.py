"""The exceptions that make a file unusable: it cannot be read at all, or what it
reads is no disclosure."""

from __future__ import annotations


class UnreadableSource(Exception):
    """A file that yields nothing: wrong format, encrypted, scanned, corrupt, over a
    limit, or a reader that crashed on it. `code` is a `source.*` code of
    model/problems.py (stable, for programs); `reason` says it for a person."""

    def __init__(self, file: str, reason: str, code: str = "source.unreadable") -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
        self.code = code

    def __reduce__(self) -> tuple[type[UnreadableSource], tuple[str, str, str]]:
        # travels back from the isolated worker with its code
        return (type(self), (self.file, self.reason, self.code))


def unreadable(code: str, file: str, **params: object) -> UnreadableSource:
    """An UnreadableSource of a catalogued `source.*` code, its reason from the template."""
    from cnbudget.model.problems import render_message

    texts = {k: "" if v is None else str(v) for k, v in params.items()}
    message = render_message(code, {"file": file, **texts}, "en")
    prefix = f"{file}: "
    return UnreadableSource(file, message.removeprefix(prefix), code)


class NotADisclosure(UnreadableSource):
    """A file that reads, but is no budget or final-account disclosure (or is an
    unfilled template): refused like an unreadable one (named in the error, exit 2,
    never stored). `code` is the problem code of model/problems.py
    (`document.not-a-disclosure`, `document.template`); `message` its filled
    message, which names the file and says what was missing."""

    def __init__(self, file: str, code: str, message: str) -> None:
        super().__init__(file, message.removeprefix(f"{file}："), code)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[UnreadableSource], tuple[str, str, str]]:
        return (type(self), (self.file, self.code, self.message))
