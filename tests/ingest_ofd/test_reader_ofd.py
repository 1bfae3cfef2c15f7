"""The OFD reader on packages written by hand the way two different producers
write them: the standard namespace with `ofd:` prefixes and relative paths, and
a producer without namespace prefixes whose grid is a TemplatePage, whose
paths are absolute with other letter case and whose text is CTM-scaled with
`g` repeats in DeltaX. Expected cells are what the XML itself places."""

from __future__ import annotations

import io
import zipfile

import pytest

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.readers import read_bytes

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _zip(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return buf.getvalue()


def _grid_paths(prefix: str, xs: list[float], ys: list[float]) -> str:
    out = []
    for n, y in enumerate(ys):
        out.append(f'<{prefix}PathObject ID="h{n}" Boundary="0 0 210 297" LineWidth="0.25">'
                   f'<{prefix}AbbreviatedData>M {xs[0]} {y} L {xs[-1]} {y}</{prefix}AbbreviatedData>'
                   f'</{prefix}PathObject>')
    for n, x in enumerate(xs):
        out.append(f'<{prefix}PathObject ID="v{n}" Boundary="0 0 210 297" LineWidth="0.25">'
                   f'<{prefix}AbbreviatedData>M {x} {ys[0]} L {x} {ys[-1]}</{prefix}AbbreviatedData>'
                   f'</{prefix}PathObject>')
    return "".join(out)


XS, YS = [20.0, 80.0, 130.0], [40.0, 50.0, 60.0, 70.0]
CELLS = [("项目", "金额"), ("行政运行", "1,234.56"), ("合计", "1,234.56")]


def _standard() -> bytes:
    texts = []
    for r, row in enumerate(CELLS):
        for c, value in enumerate(row):
            x, y = XS[c] + 2, YS[r] + 7
            advances = " ".join("3.5" if ord(ch) > 0x2000 else "1.9" for ch in value[:-1])
            texts.append(f'<ofd:TextObject ID="t{r}{c}" Boundary="{x} {y - 5} 50 8" Font="1" Size="3.5">'
                         f'<ofd:TextCode X="0" Y="5" DeltaX="{advances}">{value}</ofd:TextCode>'
                         f'</ofd:TextObject>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="1">'
               f'<ofd:TextObject ID="title" Boundary="20 20 100 10" Font="1" Size="5">'
               f'<ofd:TextCode X="0" Y="6" DeltaX="g 5 5">部门收支总表</ofd:TextCode></ofd:TextObject>'
               f'{"".join(texts)}{_grid_paths("ofd:", XS, YS)}</ofd:Layer></ofd:Content></ofd:Page>')
    return _zip({
        "OFD.xml": f'<ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x'
                   f'</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID>'
                              f'<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                              f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>'
                              f'<ofd:Page ID="2" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/PublicRes.xml": f'<ofd:Res {NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="SimSun" '
                               f'FamilyName="SimSun"/></ofd:Fonts></ofd:Res>',
        "Doc_0/Pages/Page_0/Content.xml": content,
    })


def _other_producer() -> bytes:
    """No prefix (default namespace), grid in a TemplatePage, absolute paths in
    other case, text drawn at half size and scaled up by its CTM."""
    ns = 'xmlns="http://www.ofdspec.org/2016"'
    texts = []
    for r, row in enumerate(CELLS):
        for c, value in enumerate(row):
            x, y = XS[c] + 2, YS[r] + 2
            texts.append(f'<TextObject ID="t{r}{c}" Boundary="{x} {y} 50 8" Font="1" Size="1.75" '
                         f'CTM="2 0 0 2 0 0"><TextCode X="0" Y="2.5" DeltaX="g {len(value) - 1} 1.0">'
                         f'{value}</TextCode></TextObject>')
    template = f'<Page {ns}><Content><Layer Type="Background">{_grid_paths("", XS, YS)}</Layer></Content></Page>'
    page = (f'<Page {ns}><Template TemplateID="7" ZOrder="Background"/><Content><Layer>{"".join(texts)}'
            f'</Layer></Content></Page>')
    return _zip({
        "ofd.xml": f'<OFD {ns} DocType="OFD"><DocBody><DocRoot>/DOC_0/document.xml</DocRoot></DocBody></OFD>',
        "Doc_0/Document.xml": f'<Document {ns}><CommonData><PageArea><PhysicalBox>0 0 210 297</PhysicalBox>'
                              f'</PageArea><TemplatePage ID="7" BaseLoc="/Doc_0/Tpls/Tpl_0/Content.xml"/>'
                              f'</CommonData><Pages><Page ID="1" BaseLoc="Pages\\Page_0\\Content.xml"/>'
                              f'</Pages></Document>',
        "Doc_0/Tpls/Tpl_0/Content.xml": template,
        "Doc_0/Pages/Page_0/Content.xml": page,
    })


def _grid_rows(data: bytes, name: str) -> list[list[str]]:
    read = read_bytes(data, name)
    assert read.format == "ofd"
    return [line.texts for line in read.layout.lines if line.grid is not None]


@pytest.mark.parametrize("make", [_standard, _other_producer], ids=["standard", "no-prefix-template-ctm"])
def test_ruled_grid_and_text_are_read(make) -> None:
    assert _grid_rows(make(), "a.ofd") == [list(row) for row in CELLS]


def test_text_outside_the_grid_is_a_line() -> None:
    lines = read_bytes(_standard(), "a.ofd").layout.lines
    assert lines[0].grid is None and lines[0].text == "部门收支总表"


def test_images_only_is_refused_as_a_scan() -> None:
    ns = 'xmlns="http://www.ofdspec.org/2016"'
    data = _zip({
        "OFD.xml": f'<OFD {ns}><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>',
        "Doc_0/Document.xml": f'<Document {ns}><Pages><Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                              f'</Pages></Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<Page {ns}><Content><Layer><ImageObject ID="2" '
                                          f'Boundary="0 0 210 297" ResourceID="3"/></Layer></Content></Page>',
    })
    # its picture (resource 3) is in no resource part: nothing to read, with OCR or without
    with pytest.raises(UnreadableSource, match="a scanned OFD: 1 of 1 pages are images without text"):
        read_bytes(data, "scan.ofd")


def test_declared_entities_are_refused() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE OFD [<!ENTITY a "aaaa">]><OFD>&a;</OFD>'
    with pytest.raises(UnreadableSource) as err:
        read_bytes(_zip({"OFD.xml": bomb}), "bomb.ofd")
    assert err.value.code == "source.xml-entities"
