"""What to ingest: files, folders (recursively) and zip archives, in a stable order.

A zip archive's members are unpacked into a working folder for the batch and
named `archive.zip!member` in messages. `.json` files are contract documents
(already extracted), every other supported suffix goes through extraction.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

DOCUMENT_SUFFIXES = frozenset({
    ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".ods", ".html", ".htm", ".txt", ".ofd",
})
CONTRACT_SUFFIX = ".json"


@dataclass(frozen=True, slots=True)
class Source:
    path: Path  # where the bytes are (inside the working folder for zip members)
    name: str  # how to name it to a person

    @property
    def is_contract(self) -> bool:
        return self.path.suffix.lower() == CONTRACT_SUFFIX


@dataclass(frozen=True, slots=True)
class InputError:
    name: str
    error: str
    message: str


def _wanted(path: Path | PurePosixPath) -> bool:
    suffix = path.suffix.lower()
    return suffix in DOCUMENT_SUFFIXES or suffix == CONTRACT_SUFFIX


def _unzip(archive: Path, workdir: Path) -> list[Source]:
    target = workdir / hashlib.sha256(str(archive.resolve()).encode()).hexdigest()[:16]
    found: list[Source] = []
    with zipfile.ZipFile(archive) as zf:
        for n, info in enumerate(sorted(zf.infolist(), key=lambda i: i.filename)):
            member = PurePosixPath(info.filename)
            if info.is_dir() or not _wanted(member):
                continue
            # members are unpacked under a number: names from an archive never escape it
            dest = target / str(n) / member.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(zf.read(info))
            found.append(Source(dest, f"{archive}!{info.filename}"))
    return found


def collect(paths: list[Path], workdir: Path) -> tuple[list[Source], list[InputError]]:
    """Every document under `paths`, each once, in the order given (folders sorted)."""
    sources: list[Source] = []
    errors: list[InputError] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() == ".zip":
                    sources.extend(_expand_zip(child, workdir, errors))
                elif _wanted(child):
                    sources.append(Source(child, str(child)))
        elif path.is_file() and path.suffix.lower() == ".zip":
            sources.extend(_expand_zip(path, workdir, errors))
        elif path.is_file():
            sources.append(Source(path, str(path)))
        else:
            errors.append(InputError(str(path), "FileNotFoundError", "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for source in sources:
        if source.path.resolve() not in seen:
            seen.add(source.path.resolve())
            unique.append(source)
    return unique, errors


def _expand_zip(archive: Path, workdir: Path, errors: list[InputError]) -> list[Source]:
    try:
        return _unzip(archive, workdir)
    except (zipfile.BadZipFile, OSError) as exc:
        errors.append(InputError(str(archive), type(exc).__name__, str(exc)))
        return []


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
