"""Zip containers checked before any parser opens them.

XLSX, DOCX, ODS and OFD files are zip archives, and so are uploads of many
documents. A zip states each member's uncompressed size; a bomb states a small
one and inflates to gigabytes, or states a huge one. Here the declared sizes,
their ratio to the compressed size and the member count are checked against
the limits, then every member is inflated as a stream (nothing is kept)
counting what it really yields, so that the parser, which trusts the
declarations, only ever sees an archive known to be within the limits. Office
XML never declares a DTD; a part that does (billion laughs, XXE) is refused.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from cnbudget.ingest.errors import UnreadableSource, unreadable
from cnbudget.ingest.files import open_regular
from cnbudget.ingest.limits import MB, Limits

CONTAINER_FORMATS = frozenset({"docx", "xlsx", "ods", "ofd"})
_CHUNK = 1 << 20
_XML_HEAD = 8192  # a DTD can only stand in the prolog, before the root element
# in each encoding an XML part may use
_DTD_MARKS = tuple(mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def _mb(n: int) -> str:
    return f"{n / MB:,.1f}"


def _check_declared(zf: zipfile.ZipFile, name: str, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise unreadable("source.container-limit", name, what="member count", value=len(infos),
                         limit=limits.members, key="members")
    total = sum(i.file_size for i in infos)
    if total > limits.unpacked_mb * MB:
        raise unreadable("source.container-limit", name, what="declared uncompressed size",
                         value=f"{_mb(total)} MB", limit=f"{limits.unpacked_mb} MB",
                         key="unpacked_mb")
    for info in infos:
        check_member_declared(info, name, limits)
    return infos


def check_member_declared(info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    """One member's declared size and compression ratio against the limits."""
    if info.file_size > limits.member_mb * MB:
        raise unreadable("source.container-limit", name,
                         what=f"member {info.filename!r} declared size",
                         value=f"{_mb(info.file_size)} MB", limit=f"{limits.member_mb} MB",
                         key="member_mb")
    if info.file_size > limits.ratio_grace_mb * MB \
            and info.file_size > limits.ratio * max(1, info.compress_size):
        raise unreadable("source.container-limit", name,
                         what=f"member {info.filename!r} compression ratio",
                         value=f"{info.file_size // max(1, info.compress_size)}:1",
                         limit=f"{limits.ratio}:1", key="ratio")


def stream_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                  limits: Limits) -> Iterator[bytes]:
    """The member's bytes in chunks, stopped (UnreadableSource) as soon as it yields
    more than it declared or than the limits allow; a corrupt member is refused."""
    check_member_declared(info, name, limits)
    cap = min(info.file_size, limits.member_mb * MB)
    seen = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                seen += len(chunk)
                if seen > cap:
                    raise unreadable("source.container-limit", name,
                                     what=f"member {info.filename!r} inflated size",
                                     value=f"more than {_mb(cap)} MB",
                                     limit=f"{_mb(cap)} MB (as declared)", key="member_mb")
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError,
            RuntimeError, ValueError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression
        raise unreadable("source.container-corrupt", name, member=info.filename,
                         reason=str(exc) or type(exc).__name__) from exc
    if seen != info.file_size:
        raise unreadable("source.container-corrupt", name, member=info.filename,
                         reason=f"{seen} bytes where {info.file_size} were declared")


def check_container(data: bytes, name: str, limits: Limits) -> None:
    """Raise UnreadableSource unless the zip `data` is within `limits` (see module doc)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableSource(name, f"a corrupt zip container: {exc}",
                               "source.container-corrupt") from exc
    with zf:
        infos = _check_declared(zf, name, limits)
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            head = b""
            for chunk in stream_member(zf, info, name, limits):
                total += len(chunk)
                if total > limits.unpacked_mb * MB:
                    raise unreadable("source.container-limit", name, what="inflated size",
                                     value=f"more than {limits.unpacked_mb} MB",
                                     limit=f"{limits.unpacked_mb} MB", key="unpacked_mb")
                if len(head) < _XML_HEAD:
                    head += chunk[: _XML_HEAD - len(head)]
            if info.filename.lower().endswith((".xml", ".rels")) \
                    and any(mark in head for mark in _DTD_MARKS):
                raise unreadable("source.xml-entities", name, part=info.filename)


def member_bytes(archive: Path, member: str, name: str, limits: Limits) -> bytes:
    """One member of a zip archive on disk, inflated within the limits (it is never
    unpacked to a file). `name` names it in errors (`archive.zip!member`)."""
    with open_regular(archive, limits, max_bytes=sys.maxsize) as fh:
        try:
            zf = zipfile.ZipFile(fh)
            info = zf.getinfo(member)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise unreadable("source.container-corrupt", name, member=member,
                             reason=str(exc) or type(exc).__name__) from exc
        with zf:
            return b"".join(stream_member(zf, info, name, limits))
