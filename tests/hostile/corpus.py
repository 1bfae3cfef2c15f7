"""The hostile corpus: broken and malicious files the tests make themselves, each
with the outcome expected of it.

`Case.refused` is the `source.*` code the file must be refused with (None: it
must be read, possibly as partial); `problem` a problem code the reading must
carry; `limits` the limits the case runs under (small ones keep the suite fast:
a 1 MB file over `file_mb=0`… is the same check as 5 GB over 256). Nothing here
is saved from cnbudget's output: each file is built byte by byte to be what it
says.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cnbudget.model.contract import dumps
from cnbudget.render import render_document
from cnbudget.samples import budget_sample


@dataclass(frozen=True)
class Case:
    name: str  # the file name written
    make: Callable[[Path], None]
    refused: str | None = None  # the source.* code; None: read
    problem: str | None = None  # a problem code the document must carry
    limits: str = ""  # Limits.parse text for this case


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, body: str, prolog: str = "") -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", f'<?xml version="1.0"?>{prolog}<w:document xmlns:w="{_W}">'
                                         f"<w:body>{body}</w:body></w:document>")


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                     for i in range(1, 10)) + "]>")
_XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def billion_laughs_docx(path: Path) -> None:
    _docx(path, _para("&lol9;"), _LAUGHS)


def xxe_docx(path: Path) -> None:
    _docx(path, _para("&xxe;"), _XXE)


def deep_docx(path: Path) -> None:
    # tables nested in cells, 400 deep: XML far deeper than any real document
    body = _para("x")
    for _ in range(400):
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>"
    _docx(path, body)


def _xlsx(path: Path, sheet_xml: bytes, *, compress: int = zipfile.ZIP_DEFLATED,
          workbook_prolog: str = "") -> None:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", compress) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                    'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    "</Types>")
        zf.writestr("_rels/.rels", _RELS.replace("word/document.xml", "xl/workbook.xml"))
        zf.writestr("xl/workbook.xml", f'<?xml version="1.0"?>{workbook_prolog}<workbook '
                    f'xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="表1" sheetId="1" '
                    'r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns='
                    '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                    f'Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                    "</Relationships>")
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)


def _sheet(cells: str) -> bytes:
    return (f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>').encode()


def far_cell_xlsx(path: Path) -> None:
    """Two cells, A1 and XFD1048576: the spreadsheet library would allocate 512 GiB."""
    _xlsx(path, _sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>一般公共预算支出表</t></is></c></row>'
                       '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))


def cell_bomb_xlsx(path: Path) -> None:
    """40 MB of sheet XML that compresses over 200:1 (every row the same)."""
    row = b'<c t="n"><v>1</v></c>' * 50
    rows = b"".join(b"<row>" + row + b"</row>" for _ in range(40_000))
    _xlsx(path, _sheet("").replace(b"<sheetData></sheetData>", b"<sheetData>" + rows + b"</sheetData>"))


def xxe_xlsx(path: Path) -> None:
    _xlsx(path, _sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), workbook_prolog=_XXE)


def lying_zip_docx(path: Path) -> None:
    """A DOCX whose document.xml declares 1,000 bytes and inflates to 5 MB."""
    _docx(path, _para("预算" * 800_000))
    data = bytearray(path.read_bytes())
    member = b"word/document.xml"
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(member.decode())
    # rewrite the uncompressed size in the local header and the central directory entry
    struct.pack_into("<I", data, info.header_offset + 22, 1000)
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == member:
            struct.pack_into("<I", data, pos + 24, 1000)
        pos += 4
    path.write_bytes(bytes(data))


def huge_member_zip(path: Path) -> None:
    """A zip upload whose one member declares 3 GB (a bomb), beside a good document."""
    good = budget_sample(0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("good.json", dumps(good))
        zf.writestr("bomb.txt", b"0" * 20_000_000)  # 20 MB that compresses to ~20 KB
    data = bytearray(path.read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == b"bomb.txt":
            struct.pack_into("<I", data, pos + 24, 3_000_000_000)
        pos += 4
    path.write_bytes(bytes(data))


def ods_repeated(path: Path) -> None:
    """An ODS whose one filled cell is repeated over 16,384 columns × 1,048,576 rows."""
    content = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
               'table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
               '<office:spreadsheet><table:table table:name="表1"><table:table-row '
               'table:number-rows-repeated="1048576"><table:table-cell '
               'table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
               "<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
               "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:'
                    'manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')


def deep_html(path: Path) -> None:
    path.write_bytes(b"<html><body>" + b"<div>" * 5000 + "一般公共预算".encode() + b"</body></html>")


def span_bomb_html(path: Path) -> None:
    """Table cells spanning 1,000 × 1,000 grid places each: the grid is 200 million cells."""
    cells = '<td rowspan="1000" colspan="1000">1</td>' * 200
    path.write_text(f"<html><body><table><tr>{cells}</tr></table></body></html>", encoding="utf-8")


def laughs_html(path: Path) -> None:
    path.write_text(f'<?xml version="1.0"?>{_LAUGHS}<html><body><p>&lol9;</p>'
                    f"<p>部门预算</p></body></html>", encoding="utf-8")


def big_text(path: Path) -> None:
    path.write_bytes(("支出合计 1.00\n" * 150_000).encode())  # 2.5 MB


def slow_text(path: Path) -> None:
    # 600,000 short lines: seconds of work, past a 1-second limit
    path.write_bytes("".join(f"{i:06d} 项目 {i}.00 {i}.00\n" for i in range(600_000)).encode())


def truncated_pdf(path: Path) -> None:
    pdf = _sample_file(path.parent, "pdf")
    path.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 3])


def bitflip_xlsx(path: Path) -> None:
    """Three bits flipped inside a compressed member: the zip directory is intact."""
    data = bytearray(_sample_file(path.parent, "xlsx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = max(zf.infolist(), key=lambda i: i.compress_size)
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    for i in range(3):
        data[middle + i * 7] ^= 0x10
    path.write_bytes(bytes(data))


def _sample_file(folder: Path, fmt: str) -> Path:
    target = folder / f".sample.{fmt}"
    if not target.exists():
        render_document(budget_sample(0), fmt, target)
    return target


def sample_pdf(path: Path) -> None:
    path.write_bytes(_sample_file(path.parent, "pdf").read_bytes())


def huge_png(path: Path) -> None:
    """A PNG header claiming 100,000 × 100,000 pixels."""
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk
                     + struct.pack(">I", zlib.crc32(chunk)))


def utf16_text(path: Path) -> None:
    path.write_bytes("一般公共预算支出表\n单位：万元\n支出合计\t100.00\n".encode("utf-16"))


def latin1_noise(path: Path) -> None:
    path.write_bytes(bytes(range(128, 256)) * 40)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def markup_text(path: Path) -> None:
    path.write_text("[/b]某局[bold red]2024年部门预算[/]  :x: :thumbs_up:\n"
                    "=HYPERLINK(\"http://evil.example\",\"点击\") 100.00\n", encoding="utf-8")


def encrypted_member_xlsx(path: Path) -> None:
    _xlsx(path, _sheet('<row r="1"><c r="A1"><v>1</v></c></row>'))
    data = bytearray(path.read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:  # set the "encrypted" flag bit
        data[pos + 8] |= 0x01
        pos += 4
    path.write_bytes(bytes(data))


def fifo(path: Path) -> None:
    os.mkfifo(path)


def device_link(path: Path) -> None:
    path.symlink_to("/dev/zero")


def folder(path: Path) -> None:
    path.mkdir()


def good_link(path: Path) -> None:
    path.symlink_to(_sample_file(path.parent, "html"))


CASES: tuple[Case, ...] = (
    Case("far-cell.xlsx", far_cell_xlsx, problem="sheet.too-large"),
    Case("cell-bomb.xlsx", cell_bomb_xlsx, refused="source.container-limit"),
    Case("xxe.xlsx", xxe_xlsx, refused="source.xml-entities"),
    Case("billion-laughs.docx", billion_laughs_docx, refused="source.xml-entities"),
    Case("xxe.docx", xxe_docx, refused="source.xml-entities"),
    Case("deep.docx", deep_docx, refused="source.unreadable"),
    # zipfile stops at the declared size, so the lie shows as a CRC error
    Case("lying-zip.docx", lying_zip_docx, refused="source.container-corrupt"),
    Case("encrypted-member.xlsx", encrypted_member_xlsx, refused="source.container-corrupt"),
    # the spreadsheet library refuses 17 billion cells itself (or the memory limit would)
    Case("repeated.ods", ods_repeated, refused="source.unreadable", limits="memory_mb=512"),
    Case("deep.html", deep_html, refused="source.too-deep"),
    Case("span-bomb.html", span_bomb_html, refused="source.out-of-memory", limits="memory_mb=400"),
    Case("billion-laughs.html", laughs_html),
    Case("big.txt", big_text, refused="source.too-large", limits="file_mb=1"),
    Case("slow.txt", slow_text, refused="source.timeout", limits="seconds=1"),
    Case("pages.pdf", sample_pdf, refused="source.too-many", limits="pages=1"),
    Case("truncated.pdf", truncated_pdf, refused="source.unreadable"),
    Case("bitflip.xlsx", bitflip_xlsx, refused="source.container-corrupt"),
    Case("huge.png", huge_png, refused="source.unreadable"),
    Case("utf16.txt", utf16_text),
    Case("noise.txt", latin1_noise, refused="source.unreadable"),
    Case("empty.txt", empty, refused="source.unreadable"),
    Case("markup [bold] :x:.txt", markup_text),
    Case("new\nline.txt", markup_text),
    Case("pipe.txt", fifo, refused="source.not-a-file"),
    Case("zero.txt", device_link, refused="source.not-a-file"),
    Case("folder.pdf", folder, refused="source.not-a-file"),  # a folder named like a file
    Case("link.html", good_link, problem="source.symlink"),
)


def write_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in CASES:
        path = folder / case.name
        case.make(path)
        paths[case.name] = path
    return paths
