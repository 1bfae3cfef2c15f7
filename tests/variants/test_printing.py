"""The writers print each variant as it says, checked on the printed tables
and files themselves (not through cnbudget's reader): header rows, 序号, 栏次,
code columns, panels, wide tables, units, number format, pages, text."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cnbudget.cli.main import app
from cnbudget.model import Document
from cnbudget.render import render_document
from cnbudget.render.printed import Number, PrintedTable, cell_text, printed_table
from cnbudget.render.text import display_width, document_text
from cnbudget.render.variants import (
    DEFAULT_VARIANT,
    DIMENSIONS,
    CodeStyle,
    Decimals,
    ItemForm,
    LayoutVariant,
    Merge,
    SummaryPanels,
    TextStyle,
    printed_tables,
    variant_document,
)
from cnbudget.render.variants.headers import header_cells, header_paths


def _printed(doc: Document, variant: LayoutVariant, table_type: str) -> PrintedTable:
    return next(p for t, p in printed_tables(doc, variant) if t.type == table_type)


def _texts(row: list) -> list[str]:
    return [cell_text(v) for v in row]


def _header_texts(printed: PrintedTable) -> list[list[str]]:
    return [[c.text for c in row] for row in printed.header]


def test_default_variant_prints_as_before(samples: dict[str, Document], seeds: dict[str, Document]) -> None:
    for doc in [*samples.values(), *seeds.values()]:
        for table, printed in printed_tables(doc, DEFAULT_VARIANT):
            assert printed == printed_table(table, doc.meta.department)


def test_header_paths_rebuild_every_default_header(samples: dict[str, Document], seeds: dict[str, Document]) -> None:
    """The column-path form of a header gives back its merged cells exactly."""
    checked = 0
    for doc in [*samples.values(), *seeds.values()]:
        for _, printed in printed_tables(doc, DEFAULT_VARIANT):
            paths = header_paths(printed.header, printed.width)
            assert header_cells(paths) == printed.header, printed.title
            checked += bool(printed.header)
    assert checked > 20


def test_each_dimension_changes_its_tables_only(samples: dict[str, Document]) -> None:
    """A dimension's print differs from the default in some table, and only in
    tables of the types it names (the catalogue's `tables`)."""
    for d in DIMENSIONS:
        if d.name == "text_spaces" or d.name.startswith("rules_") or d.name == "wrap_names":
            continue  # how one writer draws the same cells: the text writer's spacing, the PDF's rulings and wrapping
        changed: set[str] = set()
        for doc in samples.values():
            for (table, default), (_, varied) in zip(printed_tables(doc), printed_tables(doc, d.variants[0]),
                                                     strict=True):
                if default != varied:
                    changed.add(table.type)
        assert changed, d.name
        assert not d.tables or changed <= set(d.tables), (d.name, changed - set(d.tables))


def test_index_column_numbers_the_lines(samples: dict[str, Document]) -> None:
    printed = _printed(samples["budget"], LayoutVariant(index_column=True), "general_public")
    assert printed.header[0][0].text == "序号" and printed.header[0][0].rowspan == len(printed.header)
    assert [cell_text(row[0]) for row in printed.body] == [str(n) for n in range(1, len(printed.body) + 1)]
    assert _texts(printed.body[1])[1:3] == ["201", "一般公共服务支出"]


def test_column_numbers_row(samples: dict[str, Document]) -> None:
    printed = _printed(samples["budget"], LayoutVariant(column_numbers=True), "general_public")
    last = printed.header[-1]
    assert (last[0].text, last[0].colspan) == ("栏次", 2)
    assert [c.text for c in last[1:]] == ["1", "2", "3"]


def test_codes_split_over_lei_kuan_xiang(samples: dict[str, Document]) -> None:
    printed = _printed(samples["budget"], LayoutVariant(code_style=CodeStyle.SPLIT), "general_public")
    assert _header_texts(printed)[0][:2] == ["科目编码", "科目名称"]
    assert _header_texts(printed)[1][:3] == ["类", "款", "项"]
    lines = {tuple(_texts(row)[:4]) for row in printed.body}
    assert {("201", "", "", "一般公共服务支出"), ("201", "03", "", "政府办公厅（室）及相关机构事务"),
            ("201", "03", "01", "行政运行")} <= lines
    # economic codes stay whole (the split applies to functional tables)
    basic = _printed(samples["budget"], LayoutVariant(code_style=CodeStyle.SPLIT), "general_public_basic")
    assert "30101" in {cell_text(row[0]) for row in basic.body}


def test_code_joined_to_its_name(samples: dict[str, Document]) -> None:
    printed = _printed(samples["budget"], LayoutVariant(code_style=CodeStyle.JOINED), "general_public")
    assert printed.header[0][0].text == "功能分类科目" and printed.header[0][0].rowspan == len(printed.header)
    assert "2010301 行政运行" in {cell_text(row[0]) for row in printed.body}
    assert cell_text(printed.body[0][0]) == "合计"


def test_header_levels(samples: dict[str, Document]) -> None:
    doc = samples["budget"]
    flat = _printed(doc, LayoutVariant(header_levels=1), "income")
    assert len(flat.header) == 1 and _header_texts(flat)[0][:4] == ["科目编码", "科目名称", "合计", "一般公共预算"]
    deep = _printed(doc, LayoutVariant(header_levels=3), "income")
    assert len(deep.header) == 3
    top = next(c for c in deep.header[0] if c.text == "本年收入")
    assert (top.col, top.colspan) == (2, deep.width - 2)
    # a one-row header of a summary keeps each panel's side in its words
    summary = _printed(doc, LayoutVariant(header_levels=1), "summary")
    assert _header_texts(summary) == [["收入项目", "金额", "支出项目", "金额"]]


@pytest.mark.parametrize("merge", [Merge.FIRST, Merge.REPEATED])
def test_unmerged_headers(samples: dict[str, Document], merge: Merge) -> None:
    printed = _printed(samples["budget"], LayoutVariant(merge=merge), "income")
    cells = [c for row in printed.header for c in row]
    assert all(c.colspan == 1 and c.rowspan == 1 for c in cells)
    assert all(len(row) == printed.width for row in printed.header)  # every place has its cell
    group = [c.text for c in printed.header[0][3:6]]
    assert group == (["财政拨款收入"] * 3 if merge is Merge.REPEATED else ["财政拨款收入", "", ""])


def test_basic_expenditure_in_panels(samples: dict[str, Document]) -> None:
    doc = samples["budget"]
    for count in (2, 3):
        variant = LayoutVariant(basic_panels=count)
        printed = _printed(doc, variant, "general_public_basic")
        assert printed.width == 3 * count
        assert [c.text for c in printed.header[0]] == ["人员经费", "公用经费", "公用经费"][:count]
        assert _header_texts(printed)[1] == ["科目编码", "科目名称", "金额"] * count
        shown = next(t for t in variant_document(doc, variant).tables if t.type == "general_public_basic")
        total = shown.row_by_item("total")
        assert total is not None and set(total.values) == {"personnel", "public"}
        # each coded row once, in one panel, with its one figure
        codes = [cell_text(row[c]) for row in printed.body for c in range(0, printed.width, 3) if cell_text(row[c])]
        assert sorted(codes) == sorted(r.code for r in shown.rows if r.code)
        assert _texts(printed.body[-1])[1] == "人员经费合计" and _texts(printed.body[-1])[4] == "公用经费合计"


def test_summary_stacked(samples: dict[str, Document]) -> None:
    printed = _printed(samples["budget"], LayoutVariant(summary_panels=SummaryPanels.STACKED), "summary")
    assert printed.width == 2 and _header_texts(printed) == [["项目", "金额"]]
    labels = [cell_text(row[0]) for row in printed.body]
    assert labels[0] == "收入" and "支出" in labels and labels.count("总计") == 2
    assert labels.index("支出") > labels.index("本年收入合计")


def test_three_public_wide(samples: dict[str, Document]) -> None:
    budget = _printed(samples["budget"], LayoutVariant(item_form=ItemForm.WIDE), "three_public")
    # with 会议费 | 培训费 beside them, the 三公 items under their own heading with their own 小计,
    # the whole table's 合计 before them (江苏 公开09表)
    assert len(budget.body) == 1 and len(budget.header) == 3
    assert [c.text for c in budget.header[0]] == ["合计", "“三公”经费", "会议费", "培训费"]
    assert [c.text for c in budget.header[1]] == ["小计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"]
    assert [c.text for c in budget.header[2]] == ["小计", "购置费", "运行费"]
    final = _printed(samples["final"], LayoutVariant(item_form=ItemForm.WIDE), "three_public")
    assert [c.text for c in final.header[0]] == ["预算数", "决算数"] and len(final.header) == 3
    operating = _printed(samples["budget"], LayoutVariant(item_form=ItemForm.WIDE), "operating_cost")
    assert len(operating.body) == 1 and _header_texts(operating)[0][:3] == ["合计", "办公费", "邮电费"]


def test_units_and_number_format(samples: dict[str, Document]) -> None:
    doc = samples["budget"]
    whole = _printed(doc, LayoutVariant(unit="元", decimals=Decimals.AS_NEEDED), "general_public")
    assert whole.unit_line.endswith("金额单位：元")
    assert _texts(whole.body[0])[2] == "40971100"
    grouped = _printed(doc, LayoutVariant(thousands=True), "general_public")
    assert _texts(grouped.body[0])[2] == "4,097.11"
    thousand = _printed(doc, LayoutVariant(unit="千元"), "general_public")
    assert _texts(thousand.body[0])[2] == "40971.10"
    mixed = variant_document(doc, LayoutVariant(odd_unit="元"))
    assert [t.unit for t in mixed.tables[:4]] == ["万元", "元", "万元", "元"]


def test_page_breaks_repeat_the_header(samples: dict[str, Document], tmp_path: Path) -> None:
    doc = samples["budget"]
    variant = LayoutVariant(page_rows=6)
    text = document_text(doc, variant)
    page = next(p for p in text.split("\f") if p.startswith("功能分类科目"))  # a page that starts with the header
    assert "科目编码\t科目名称" in page
    pdf_default = render_document(doc, "pdf", tmp_path / "default.pdf")
    pdf_paged = render_document(doc, "pdf", tmp_path / "paged.pdf", variant)
    assert len(pdfium.PdfDocument(str(pdf_paged))) > len(pdfium.PdfDocument(str(pdf_default)))
    xlsx = load_workbook(render_document(doc, "xlsx", tmp_path / "paged.xlsx", variant))
    sheet = next(ws for ws in xlsx.worksheets if "一般公共预算支出表" in ws.title)
    assert [b.id for b in sheet.row_breaks.brk][:2] == [10, 16]  # body from row 5, 6 rows a page
    assert sheet.print_title_rows == "$3:$4"  # printed, the two header rows repeat on each page


def test_xlsx_thousands_separators_follow_the_variant(samples: dict[str, Document], tmp_path: Path) -> None:
    doc = samples["budget"]
    for variant, fmt in ((DEFAULT_VARIANT, "#,##0.00"), (LayoutVariant(thousands=False), "0.00")):
        book = load_workbook(render_document(doc, "xlsx", tmp_path / f"{fmt}.xlsx", variant))
        sheet = next(ws for ws in book.worksheets if "一般公共预算支出表" in ws.title)
        assert (sheet.cell(5, 3).value, sheet.cell(5, 3).number_format) == (Decimal("4097.11"), fmt) or \
            (float(sheet.cell(5, 3).value), sheet.cell(5, 3).number_format) == (4097.11, fmt)


def test_text_tabs_and_spaces(samples: dict[str, Document]) -> None:
    doc = samples["budget"]
    tabs = document_text(doc)
    assert "201\t一般公共服务支出\t3892.94\t3892.94\t" in tabs
    spaced = document_text(doc, LayoutVariant(text_style=TextStyle.SPACES))
    assert "\t" not in spaced
    line = next(ln for ln in spaced.splitlines() if ln.startswith("2010301 "))
    assert line.split() == ["2010301", "行政运行", "389.50", "389.50"]
    # columns aligned: the figures of two rows end at the same place
    other = next(ln for ln in spaced.splitlines() if ln.startswith("2010302 "))
    def end(text: str, figure: str) -> int:  # display columns up to the figure's end
        return display_width(text[:text.index(figure) + len(figure)])

    assert end(line, "389.50") == end(other, "2168.88")


def test_number_as_printed() -> None:
    assert Number(Decimal("4097.1"), 2, grouped=True).text == "4,097.10"
    assert Number(Decimal("40971100"), 0).needed == 0 and Number(Decimal("0.5"), 2).needed == 1
    assert replace(Number(Decimal("12.30"), 2), grouped=False).text == "12.30"


def test_cli_renders_text_in_a_variant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["render", "--sample", "budget", "--to", "text",
                                      "--variant", "code_split", "--variant", "unit_yuan"])
    assert result.exit_code == 0, result.output
    [written] = tmp_path.glob("*.txt")
    text = written.read_text(encoding="utf-8")
    assert "201\t03\t01\t行政运行\t3,895,000.00" in text and "金额单位：元" in text  # render: grouped
    assert CliRunner().invoke(app, ["render", "--sample", "budget", "--to", "text", "--variant", "nope"]).exit_code != 0
