"""Writers read back by the structured readers: every value of every table of
the sample documents sits under its printed header, converted to 万元, with
the title, unit line and note that recognition keys on."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.ingest.readers import read_source
from cnbudget.model import Document
from cnbudget.model.table_types import TABLE_TYPES, RowKey
from formats.grids import check_values, grids_by_title

STRUCTURED = ("xlsx", "docx", "html")


def header_rows(table_type: str) -> int:
    row_key = TABLE_TYPES[table_type].row_key
    if row_key in (RowKey.FUNCTIONAL, RowKey.ECONOMIC, RowKey.SIDE_ITEM):
        return 2
    return 0 if row_key is RowKey.PROJECT else 1


@pytest.mark.parametrize("fmt", STRUCTURED)
@pytest.mark.parametrize("name", ["budget", "final"])
def test_every_value_reads_back_under_its_header(
    rendered: dict[tuple[str, str], Path], samples: dict[str, Document], fmt: str, name: str
) -> None:
    doc = samples[name]
    source = read_source(rendered[(name, fmt)])
    assert source.format == fmt
    grids = grids_by_title(source.layout)
    checked = 0
    for table in doc.tables:
        assert table.title in grids, f"{table.title} not printed as a grid title in {fmt}"
        grid = grids[table.title]
        assert any("单位：万元" in n for n in grid.notes), f"{table.title}: no unit line"
        if table.type == "performance_target":
            continue  # a form, checked separately
        checked += check_values(grid, table, header_rows(table.type))
    # every value cell of the document was found (sum counted independently)
    expected = sum(len(r.values) for t in doc.tables if t.type != "performance_target" for r in t.rows)
    assert checked == expected


@pytest.mark.parametrize("fmt", STRUCTURED)
def test_performance_form_and_indicators(rendered: dict[tuple[str, str], Path], samples: dict[str, Document],
                                         fmt: str) -> None:
    grids = grids_by_title(read_source(rendered[("budget", fmt)]).layout)
    for table in samples["budget"].tables_of("performance_target"):
        rows = grids[table.title].rows
        row = table.rows[0]
        assert rows[0][:2] == ["项目名称", row.texts["project"]]
        assert rows[1][0] == "预算金额" and rows[1][1] == f"{row.values['budget'] / 10000:.2f}"
        printed = [tuple(r) for r in rows[3:]]
        assert printed == [(i.level1, i.level2, i.level3, i.target) for i in row.indicators or []]


@pytest.mark.parametrize("fmt", STRUCTURED)
def test_empty_tables_carry_their_note(rendered: dict[tuple[str, str], Path], samples: dict[str, Document],
                                       fmt: str) -> None:
    layout = read_source(rendered[("budget", fmt)]).layout
    texts = [ln.text for ln in layout.lines]
    for table in samples["budget"].tables:
        if table.empty:
            assert table.note in texts
            # the note follows its own table's grid, before the next title
            assert texts.index(table.note) > texts.index(table.title)


@pytest.mark.parametrize("fmt", STRUCTURED)
def test_narrative_in_order_before_the_tables(rendered: dict[tuple[str, str], Path],
                                              samples: dict[str, Document], fmt: str) -> None:
    layout = read_source(rendered[("budget", fmt)]).layout
    texts = [ln.text for ln in layout.lines]
    narrative = [p.text for p in samples["budget"].narrative]
    positions = [texts.index(p) for p in narrative]
    assert positions == sorted(positions)
    assert positions[-1] < texts.index(samples["budget"].tables[0].title)


def test_xlsx_one_sheet_per_table_and_numbers_stored_as_numbers(rendered: dict[tuple[str, str], Path],
                                                                samples: dict[str, Document]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(rendered[("budget", "xlsx")])
    doc = samples["budget"]
    assert len(wb.sheetnames) == 1 + len(doc.tables)
    ws = wb.worksheets[1 + [t.type for t in doc.tables].index("expenditure")]
    assert ws.cell(1, 1).value == doc.table("expenditure").title
    assert ws.cell(2, 1).value == "部门编码及名称：[901]示例市数据资源管理局　　金额单位：万元"
    assert "A1:" in " ".join(str(r) for r in ws.merged_cells.ranges)  # title merged across
    total = next(row for row in ws.iter_rows(min_row=5) if row[1].value == "合计")
    assert isinstance(total[2].value, int | float) and total[2].number_format.endswith("0.00")
    assert round(total[2].value * 10000) == doc.table("expenditure").rows[0].values["total"]
