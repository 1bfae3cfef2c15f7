"""An uploaded file taken in, streamed to disk: within the size limit (413), its format sniffed from
its content (cnbudget.ingest.detect; what is no readable format is refused, 415),
kept under a generated name in the upload folder (never the name it came with)."""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import UploadFile

from cnbudget.ingest.detect import check_claimed_format, detect_file_format
from cnbudget.ingest.errors import UnreadableSource

# the suffix the stored copy gets from its sniffed format (ingest reads by content anyway)
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "ods": ".ods", "xls": ".xls",
          "doc": ".doc", "rtf": ".doc", "html": ".html", "text": ".txt", "ofd": ".ofd",
          "zip": ".zip"}
_CHUNK = 1 << 20
# a temporary file save_upload writes: a dot, 32 hex digits, .part
_PART = re.compile(r"\.[0-9a-f]{32}\.part")
# a temporary file untouched this long was left by a server that stopped mid-upload (one
# being written is touched every MB; several servers may share the folder)
STALE_PART_SECONDS = 30 * 60


class UploadRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True, slots=True)
class Saved:
    file_name: str  # as uploaded, to show a person
    stored_name: str
    format: str
    sha256: str


def shown_name(name: str | None) -> str:
    """The uploaded name as a person may see it: its last part, no control characters."""
    base = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(c for c in base if c.isprintable())[:200]
    return clean or "upload"


async def save_upload(upload: UploadFile, upload_dir: Path, max_bytes: int) -> Saved:
    """Written to a temporary file in the upload folder as it is read (never whole in
    memory), refused (413) as soon as it passes `max_bytes`, then sniffed and renamed;
    the temporary file is removed on every refusal or error."""
    name = shown_name(upload.filename)
    part = upload_dir / f".{uuid.uuid4().hex}.part"  # a dot: never taken for an upload
    digest, size = hashlib.sha256(), 0
    try:
        with open(part, "xb") as fh:
            while chunk := await upload.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadRefused(413, "upload.too-large",
                                        f"{name}：文件超过 {max_bytes // (1024 * 1024)} MB 的上限")
                fh.write(chunk)
                digest.update(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            fmt = detect_file_format(part, name)
            check_claimed_format(fmt, name)
        except UnreadableSource as exc:
            raise UploadRefused(415, exc.code, f"{name}：{exc.reason}") from None
        stored = uuid.uuid4().hex + SUFFIX.get(fmt, ".bin")
        os.rename(part, upload_dir / stored)  # same folder: atomic, a generated name is new
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return Saved(name, stored, fmt, digest.hexdigest())


def remove_stale_parts(upload_dir: Path, older_than: float = STALE_PART_SECONDS,
                       now: float | None = None) -> list[str]:
    """Remove the temporary files of uploads (save_upload's `.….part`) not written to
    for `older_than` seconds: a server that stopped mid-upload left them. The names
    removed; nothing else in the folder is touched."""
    cutoff = (time.time() if now is None else now) - older_than
    removed = []
    try:
        entries = list(os.scandir(upload_dir))
    except FileNotFoundError:
        return []
    for entry in entries:
        if not _PART.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(entry.name)
        except FileNotFoundError:  # another server removed it first
            continue
    return sorted(removed)
