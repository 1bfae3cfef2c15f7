"""The same tables as other extraction tools give them must give the same data:
grid cells (DOCX/XLSX/HTML/ruled PDF), one cell per line (Tika on DOCX), cells
separated by runs of spaces (pdftotext/pdfminer), page furniture inside the body."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import seed
from tests.tables_coded.seedblocks import (
    as_grid,
    cell_per_line,
    cut,
    data,
    only_table,
    parse,
    seed_lines,
    tabs_to_spaces,
    text_variant,
    with_furniture,
)

# (seed, type, title line, end line, unit)
TAB_TABLES = [
    ("001", "income", 133, 172, "万元"),
    ("001", "expenditure", 173, 211, "万元"),
    ("001", "general_public", 264, 304, "万元"),
    ("002", "expenditure", 183, 201, "万元"),
    ("002", "general_public", 234, 270, "万元"),
    ("002", "general_public_basic", 271, 307, "万元"),
    ("003", "income", 264, 278, "元"),
    ("003", "expenditure", 281, 295, "元"),
    ("003", "general_public", 318, 332, "元"),
    ("003", "general_public", 335, 366, "元"),
    ("003", "general_public_basic", 369, 396, "元"),
]
SPACE_TABLES = [
    ("000", "income", 80, 160, "万元"),
    ("000", "expenditure", 161, 231, "万元"),
    ("000", "general_public_basic", 375, 448, "万元"),
]
IDS = [f"{s}-{t}-{a}" for s, t, a, _, _ in TAB_TABLES]


def original(seed_no, kind, first, end, unit):
    return only_table(cut(seed_lines(seed(seed_no)), first, end, kind, unit))


@pytest.mark.parametrize("seed_no,kind,first,end,unit", TAB_TABLES, ids=IDS)
def test_grid_cells(seed_no, kind, first, end, unit):
    block = cut(seed_lines(seed(seed_no)), first, end, kind, unit)
    assert data(only_table(as_grid(block))) == data(only_table(block))


@pytest.mark.parametrize("seed_no,kind,first,end,unit", TAB_TABLES, ids=IDS)
def test_one_cell_per_line(seed_no, kind, first, end, unit):
    variant = only_table(text_variant(seed(seed_no), first, end, cell_per_line, kind, unit))
    assert data(variant) == data(original(seed_no, kind, first, end, unit))


@pytest.mark.parametrize("seed_no,kind,first,end,unit", TAB_TABLES + SPACE_TABLES,
                         ids=IDS + [f"{s}-{t}" for s, t, *_ in SPACE_TABLES])
def test_page_furniture_inside_the_body(seed_no, kind, first, end, unit):
    block = cut(seed_lines(seed(seed_no)), first, end, kind, unit)
    rows_at = [i for i, ln in enumerate(block.lines) if any(ch.isdigit() for ch in ln.text)]
    broken = with_furniture(block, rows_at[len(rows_at) // 2])
    assert data(only_table(broken)) == data(only_table(block))


@pytest.mark.parametrize("seed_no,kind,first,end,unit", [t for t in TAB_TABLES if t[0] != "003"],
                         ids=[i for i in IDS if not i.startswith("003")])
def test_tabs_turned_to_spaces(seed_no, kind, first, end, unit):
    """Empty cells vanish; the sums put the amounts back in their columns."""
    variant = only_table(text_variant(seed(seed_no), first, end, tabs_to_spaces, kind, unit))
    assert data(variant) == data(original(seed_no, kind, first, end, unit))


@pytest.mark.parametrize("first,end", [(281, 295), (318, 332)])
def test_tabs_turned_to_spaces_003(first, end):
    """003's sub-columns (工资福利支出 | 对个人和家庭 | 商品服务 | 资本性) cannot all be told
    apart once empty cells are gone: total/basic/project must still be exact, the
    sub-columns must still add up, and the uncertainty must be reported."""
    kind = "expenditure" if first == 281 else "general_public"
    parsed = parse(text_variant(seed("003"), first, end, tabs_to_spaces, kind, "元"))
    main = ("total", "basic", "project")
    assert data(parsed.tables[0], main) == data(original("003", kind, first, end, "元"), main)
    for row in parsed.tables[0].rows:
        subs = [v for k, v in row.values.items() if k.startswith("extra:") and "项目" not in k]
        assert sum((v or Decimal(0) for v in subs), Decimal(0)) == (row.values["basic"] or Decimal(0))
    assert parsed.problems  # the placement that was assumed is said
