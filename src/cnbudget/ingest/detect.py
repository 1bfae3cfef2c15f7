"""Format detection by content (magic bytes), never by file name.

The name is only checked against the content: a file named as a binary
format (.pdf, .docx, .xlsx, .ofd) whose content is plain text or an HTML page
is no such file (a download's error page, a renamed note) and is refused
as such. `.doc` and `.xls` are exempt: sites publish HTML and text under
those names, and they read as what they are.
"""

from __future__ import annotations

import io
import mmap
import zipfile
from pathlib import Path, PurePath

from cnbudget.ingest.errors import UnreadableSource

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"), (b"GIF8", "GIF"),
)
_ARCHIVES = ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"))
# C0 controls that never occur in real text (tab, newlines, form feed and escape can)
_CONTROLS = frozenset(chr(c) for c in range(0x20)) - set("\t\n\r\f\x0b\x1a\x1b")


def _zip_format(data: bytes | Path) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data).namelist())
        lowered = {n.replace("\\", "/").lstrip("/").lower() for n in names}
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names and "content.xml" in names:
        return "ods"
    if "doc_0/document.xml" in lowered or "ofd.xml" in lowered:  # producers vary the case
        return "ofd"
    return "zip"


def _looks_html(head: bytes) -> bool:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return h.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta"))


def _plain(text: str) -> bool:
    """Decoded bytes read as text: almost no control characters."""
    return sum(ch in _CONTROLS for ch in text) <= len(text) / 100


_UTF16_BOMS = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def text_encoding(data: bytes) -> str | None:
    """utf-8, gb18030 (which covers GBK and GB2312) or utf-16 (with its byte-order
    mark, as Windows Notepad saves "Unicode" text) when the bytes are text, else None."""
    for bom, enc in _UTF16_BOMS:
        if data.startswith(bom):
            sample = data[: 65536 - 65536 % 2]
            try:
                return enc if _plain(sample.decode(enc, errors="strict")) else None
            except UnicodeDecodeError as exc:
                return enc if exc.start >= len(sample) - 4 and _plain(sample[: exc.start].decode(enc)) else None
    sample = data[:65536]
    if b"\x00" in sample:
        return None
    for enc in ("utf-8", "gb18030"):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError as exc:
            # a multi-byte character cut at the sample's end is still text
            if exc.start < len(sample) - 4:
                continue
            text = sample[: exc.start].decode(enc)
        if _plain(text):
            return enc
    return None


def detect_format(data: bytes, name: str = "<input>") -> str:
    """One of pdf, docx, xlsx, ods, xls, doc, rtf, html, text, ofd, zip; else UnreadableSource."""
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        fmt = _zip_format(data)
        if fmt:
            return fmt
    if data.startswith(_OLE):
        # Word and Excel 97-2003 both live in OLE compound files; the stream names tell them apart
        return "xls" if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data else "doc"
    if _looks_html(data[:2048]):
        return "html"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        # Word saves RTF that sites publish as .doc; as text it would read as markup
        return "rtf"
    if not data.strip():
        raise UnreadableSource(name, "the file is empty")
    for magic, kind in _IMAGES:
        if data.startswith(magic):
            raise UnreadableSource(name, f"a {kind} image: scanned documents need OCR, which is not supported yet")
    for magic, kind in _ARCHIVES:
        if data.startswith(magic):
            raise UnreadableSource(name, f"a {kind} archive: unpack it and read the files inside")
    if text_encoding(data):
        return "text"
    raise UnreadableSource(name, "not a format cnbudget reads (PDF, Word, Excel, HTML or text)")


HEAD_BYTES = 1 << 20  # a file larger than this is told by its head (detect_file_format)


def detect_file_format(path: Path, name: str = "<input>") -> str:
    """detect_format of a file on disk without holding it in memory: a small file is
    read whole; a larger one by its first MB, a zip by its directory, an OLE file
    by searching it mapped (the stream names may lie anywhere)."""
    if path.stat().st_size <= HEAD_BYTES:
        return detect_format(path.read_bytes(), name)
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
        if head.startswith(b"PK\x03\x04") and not head.startswith(b"%PDF-"):
            fmt = _zip_format(path)
            if fmt:
                return fmt
        if head.startswith(_OLE):
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                return "xls" if mapped.find(b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k") >= 0 else "doc"
    # a text's head ends at a line, not inside a character the cut would break
    line_end = head.rfind(b"\n")
    return detect_format(head[:line_end + 1] if line_end > 0 else head, name)


# names that claim a binary format, and what the format is called in a message
CLAIMED_BINARY: dict[str, str] = {
    ".pdf": "PDF", ".ofd": "OFD", ".docx": "Word (.docx)", ".xlsx": "Excel (.xlsx)", ".xlsm": "Excel (.xlsm)",
    ".ods": "OpenDocument", ".odt": "OpenDocument",
}
_TEXT_CONTENT = {"text": "plain text", "html": "an HTML page"}


def check_claimed_format(fmt: str, name: str) -> None:
    """Refuse a file whose name claims a binary format its content is not."""
    suffix = PurePath(name).suffix.lower()
    if suffix in CLAIMED_BINARY and fmt in _TEXT_CONTENT:
        raise UnreadableSource(name, f"named {suffix} but its content is {_TEXT_CONTENT[fmt]}, not a "
                                     f"{CLAIMED_BINARY[suffix]} file (a download's error page, or a renamed file?)")
