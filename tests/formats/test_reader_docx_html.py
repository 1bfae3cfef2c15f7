"""The DOCX and HTML readers: document order, grid columns from gridSpan /
vMerge / gridBefore and rowspan / colspan, nested content, encodings."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from cnbudget.ingest.docx import read_docx
from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.html import read_html
from cnbudget.ingest.layout import Delimiter


def docx_bytes(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_order_spans_and_nested_paragraphs() -> None:
    d = docx.Document()
    d.add_paragraph("部门支出总表")
    d.add_paragraph("")  # empty paragraphs are not lines
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "科目编码"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "本年支出"
    for c, text in ((1, "合计"), (2, "基本支出"), (3, "项目支出")):
        t.cell(1, c).text = text
    t.cell(2, 0).text = "2010301"
    t.cell(2, 1).text = "389.50"
    t.cell(2, 2).text = "389.50"
    t.cell(2, 3).add_paragraph("第二段")  # a cell of two paragraphs (the first empty)
    inner = t.cell(2, 3).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内"
    inner.cell(0, 1).text = "表"
    d.add_paragraph("注：无。")
    layout = read_docx(docx_bytes(d), "t.docx")
    assert layout.format == "docx" and layout.pages is None
    kinds = [(ln.delimiter, ln.grid) for ln in layout.lines]
    assert kinds == [(Delimiter.NONE, None)] * 2 + [(Delimiter.GRID, 1)] * 3 + [(Delimiter.NONE, None)]
    assert [ln.number for ln in layout.lines] == list(range(1, 7))
    head, sub, body = layout.lines[2:5]
    assert [(c.text, c.col, c.colspan, c.rowspan) for c in head.cells] == [
        ("科目编码", 0, 1, 2), ("本年支出", 1, 3, 1)]
    assert [(c.text, c.col) for c in sub.cells] == [("合计", 1), ("基本支出", 2), ("项目支出", 3)]
    assert body.texts == ["2010301", "389.50", "389.50", "第二段\n内\t表"]
    assert layout.lines[-1].text == "注：无。"


def test_docx_grid_before_and_content_controls() -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "a", "b", "c"
    row = t.rows[1]._tr
    # the second row starts one grid column in (w:gridBefore) and has two cells
    row.remove(row.tc_lst[0])
    row.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    row.tc_lst[0].clear_content()
    row.tc_lst[0].append(parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t>x</w:t></w:r></w:p>'))
    # a paragraph wrapped in a content control (w:sdt) still reads, in order
    body = d.element.body
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>控件内文字</w:t></w:r></w:p>'
                    f"</w:sdtContent></w:sdt>")
    body.insert(0, sdt)
    layout = read_docx(docx_bytes(d), "g.docx")
    assert layout.lines[0].text == "控件内文字"
    assert [(c.text, c.col) for c in layout.lines[2].cells] == [("x", 1), ("", 2)]


def test_docx_text_box_fallback_copy_is_not_read_twice() -> None:
    d = docx.Document()
    p = d.add_paragraph("前")
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t>'
        "</w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>"
        "<w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
        "<w:t>后</w:t></w:r>"))
    assert [ln.text for ln in read_docx(docx_bytes(d), "b.docx").lines] == ["前框后"]


def test_docx_tab_stops_are_not_tabs_but_run_tabs_are() -> None:
    d = docx.Document()
    p = d.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(docx.shared.Cm(4))
    p.add_run("项目")
    p.add_run().add_tab()
    p.add_run("金额")
    assert read_docx(docx_bytes(d), "t.docx").lines[0].text == "项目\t金额"


def test_docx_garbage_is_unreadable() -> None:
    with pytest.raises(UnreadableSource):
        read_docx(b"PK\x03\x04garbage", "bad.docx")


PAGE = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>不读</title>
<style>p {{ color: red }}</style><script>var x = "脚本";</script></head>
<body><div class="nav"><a href="/">首页</a> &gt; 预算公开</div>
<table width="100%"><tr><td>
  <h2>部门收支总表</h2><p align="right">单位：万元</p>
  <table border="1">
    <thead><tr><th colspan="2">收入</th><th colspan="2">支出</th></tr>
    <tr><th>项目</th><th>金额</th><th>项目</th><th>金额</th></tr></thead>
    <tbody><tr><td rowspan="2">一般公共预算拨款收入</td><td rowspan="2">4,097.11</td>
      <td>一般公共服务支出</td><td>3892.94</td></tr>
    <tr><td>社会保障和<br>就业支出</td><td>72.08</td></tr></tbody>
  </table>
  <p>注：无结转。</p>
</td></tr></table>
<p>{tail}</p></body></html>"""


def test_html_layout_table_data_table_spans_and_gbk() -> None:
    data = PAGE.format(tail="文末说明，共计4097.11万元。").encode("gb18030")
    layout = read_html(data, "p.html")
    texts = [ln.text for ln in layout.lines]
    assert "不读" not in " ".join(texts) and "脚本" not in " ".join(texts)
    assert texts[:3] == ["首页 > 预算公开", "部门收支总表", "单位：万元"]
    grid = [ln for ln in layout.lines if ln.delimiter is Delimiter.GRID]
    assert {ln.grid for ln in grid} == {1} and len(grid) == 4
    assert [(c.text, c.col, c.colspan) for c in grid[0].cells] == [("收入", 0, 2), ("支出", 2, 2)]
    first, second = grid[2], grid[3]
    assert [(c.text, c.col, c.rowspan) for c in first.cells][:2] == [
        ("一般公共预算拨款收入", 0, 2), ("4,097.11", 1, 2)]
    # the row under a rowspan starts at the first free column
    assert [(c.text, c.col) for c in second.cells] == [("社会保障和\n就业支出", 2), ("72.08", 3)]
    assert texts[-2:] == ["注：无结转。", "文末说明，共计4097.11万元。"]


def test_html_utf8_without_declaration() -> None:
    layout = read_html("<html><body><p>一段</p><table><tr><td>甲</td><td>乙</td></tr></table></body></html>"
                       .encode(), "u.html")
    assert [ln.texts for ln in layout.lines] == [["一段"], ["甲", "乙"]]
