"""What to ingest: files, folders (recursively) and zip archives, in a stable order.

A zip archive's members are read in place by the worker that extracts them
(never unpacked to disk) and named `archive.zip!member` in messages; a member
over the limits, or an archive that cannot be opened, is that member's or that
archive's error, and the rest of the batch goes on. `.json` files are contract
documents (already extracted), every other supported suffix goes through
extraction. Anything under a folder that is neither a folder nor a regular
file (a pipe, a device, a dangling link) is reported, not silently passed over.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cnbudget.ingest.containers import check_member_declared, stream_member
from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.files import open_regular
from cnbudget.ingest.limits import Limits

DOCUMENT_SUFFIXES = frozenset({
    ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".ods", ".html", ".htm", ".txt", ".ofd",
})
CONTRACT_SUFFIX = ".json"
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Source:
    path: Path  # the file, or the zip archive holding `member`
    name: str  # how to name it to a person
    member: str | None = None

    @property
    def is_contract(self) -> bool:
        suffix = PurePosixPath(self.member).suffix if self.member else self.path.suffix
        return suffix.lower() == CONTRACT_SUFFIX


@dataclass(frozen=True, slots=True)
class InputError:
    name: str
    error: str
    message: str


def _wanted(path: Path | PurePosixPath) -> bool:
    suffix = path.suffix.lower()
    return suffix in DOCUMENT_SUFFIXES or suffix == CONTRACT_SUFFIX


def _members(archive: Path, limits: Limits, errors: list[InputError]) -> list[Source]:
    found: list[Source] = []
    with open_regular(archive, limits, max_bytes=sys.maxsize) as fh, zipfile.ZipFile(fh) as zf:
        infos = sorted(zf.infolist(), key=lambda i: i.filename)
        if len(infos) > limits.members:
            raise UnreadableSource(str(archive), f"{len(infos):,} members, more than the limit "
                                   f"of {limits.members:,} (limit members)",
                                   "source.container-limit")
        for info in infos:
            member = PurePosixPath(info.filename)
            if info.is_dir() or not _wanted(member):
                continue
            name = f"{archive}!{info.filename}"
            try:
                check_member_declared(info, name, limits)
            except UnreadableSource as exc:
                errors.append(InputError(name, exc.code, exc.reason))
                continue
            found.append(Source(archive, name, info.filename))
    return found


def _expand_zip(archive: Path, limits: Limits, errors: list[InputError]) -> list[Source]:
    try:
        return _members(archive, limits, errors)
    except UnreadableSource as exc:
        errors.append(InputError(str(archive), exc.code, exc.reason))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        errors.append(InputError(str(archive), "source.container-corrupt", str(exc)))
    return []


def collect(paths: list[Path], limits: Limits | None = None) -> tuple[list[Source], list[InputError]]:
    """Every document under `paths`, each once, in the order given (folders sorted)."""
    chosen = limits or Limits.from_env()
    sources: list[Source] = []
    errors: list[InputError] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_dir():
                    continue
                if not child.is_file():
                    if _wanted(child) or child.suffix.lower() == ".zip":
                        errors.append(InputError(str(child), "source.not-a-file",
                                                 "not a regular file (a pipe, a device or a "
                                                 "dangling link)"))
                elif child.suffix.lower() == ".zip":
                    sources.extend(_expand_zip(child, chosen, errors))
                elif _wanted(child):
                    sources.append(Source(child, str(child)))
        elif path.is_file() and path.suffix.lower() == ".zip":
            sources.extend(_expand_zip(path, chosen, errors))
        elif path.exists() or path.is_symlink():
            # a regular file, or something else the worker will name (a pipe, a device)
            sources.append(Source(path, str(path)))
        else:
            errors.append(InputError(str(path), "source.missing", "no such file or folder"))
    seen: set[tuple[Path, str | None]] = set()
    unique = []
    for source in sources:
        key = (source.path.resolve(), source.member)
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique, errors


def source_sha256(source: Source, limits: Limits) -> str:
    """The hash of the bytes the source holds (a zip member's inflated bytes), read
    as the worker will read them: regular files only, within the limits."""
    digest = hashlib.sha256()
    if source.member is None:
        with open_regular(source.path, limits) as fh:
            for block in iter(lambda: fh.read(_HASH_CHUNK), b""):
                digest.update(block)
        return digest.hexdigest()
    with open_regular(source.path, limits, max_bytes=sys.maxsize) as fh, zipfile.ZipFile(fh) as zf:
        for block in stream_member(zf, zf.getinfo(source.member), source.name, limits):
            digest.update(block)
    return digest.hexdigest()


