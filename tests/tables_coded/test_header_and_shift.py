"""Header → column keys and amount placement, on small made-up tables."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model import Locator
from cnbudget.recognise.blocks import TABLE_PARSERS, TableBlock
from cnbudget.recognise.tables.coded import CODED_TYPES, parse_coded
from cnbudget.recognise.tables.coded_header import (
    Relation,
    positional_columns,
    relations,
    scan_labels,
    sequence_columns,
)
from cnbudget.recognise.tables.coded_shift import Amount, RowCells, solve


def _keys(columns):
    return [c.key for c in columns]


def test_registered_for_every_coded_type():
    for kind in CODED_TYPES:
        assert TABLE_PARSERS.get(kind) is parse_coded


def test_scan_keeps_unknown_sub_columns_whole():
    assert scan_labels("小计 社会事业 和经济发 展项目 债务 项目") == ["小计", "社会事业和经济发展项目", "债务项目"]
    assert scan_labels("上缴上级支出") == ["上缴上级支出"]
    assert scan_labels("小计 其中：财政专户收入") == ["小计", "其中：财政专户收入"]


def test_sequence_header_wrapped_over_lines():
    lines = ["序号", "科目", "本年支出", "合计", "基本支出 项目支出", "上缴上", "级支出", "经营支", "出",
             "对附属单", "位补助支", "出", "功能分类", "科目编码", "科目名称"]
    assert _keys(sequence_columns(lines, "expenditure")) == [
        "total", "basic", "project", "remit_superior", "operating", "subsidy_subsidiary"]


def test_sequence_header_caption_over_the_whole_table():
    # 000 基本支出表: 基本支出 heads 合计 | 人员经费 | 公用经费
    lines = ["序号", "科目 基本支出", "经济分类科", "目编码", "科目名称 合计 人员经费 公用经费"]
    assert _keys(sequence_columns(lines, "general_public_basic")) == ["total", "personnel", "public"]


def test_positional_two_level_header():
    header = [
        [(0, 0, "科目编码"), (3, 0, "单位（科目名称）"), (4, 0, "合计"), (5, 0, "基本支出"), (8, 0, "项目支出")],
        [(0, 0, "类"), (5, 0, "小计"), (6, 0, "工资福利支出"), (7, 0, "商品服 务支出"), (8, 0, "小计"),
         (9, 0, "其他 项目")],
    ]
    cols = positional_columns(header, 4, 6, "general_public")
    assert _keys(cols) == ["total", "basic", "extra:工资福利支出", "extra:商品服务支出", "project",
                           "extra:其他项目"]
    rels = relations(cols, "general_public")
    assert Relation("basic", ("extra:工资福利支出", "extra:商品服务支出")) in rels
    assert Relation("project", ("extra:其他项目",)) in rels
    assert Relation("total", ("basic", "project")) in rels


def test_positional_header_refuses_a_cell_with_two_labels():
    header = [[(2, 0, "科目名称 小计 基本支出"), (4, 0, "项目支出")]]
    assert positional_columns(header, 2, 3, "general_public") is None


def _row(*cells: str | None, movable: bool = True) -> RowCells:
    return RowCells([Amount(None if c is None else Decimal(c), Decimal(1)) for c in cells], movable)


def test_solver_places_by_hierarchy():
    keys = ["total", "basic", "project"]
    rels = [Relation("total", ("basic", "project"))]
    rows = [_row("30", "10", "20"), _row("10", "10"), _row("20", "20")]  # parent, two children
    solved = solve(rows, 3, rels, keys, [(0, [1, 2])], anchors=[0])
    assert solved.values[1] == (Decimal(10), Decimal(10), None)
    assert solved.values[2] == (Decimal(20), None, Decimal(20))
    assert solved.ambiguous == [False, False, False]


def test_solver_recovers_a_dropped_cell_and_says_so():
    keys = ["total", "basic", "b1", "b2", "project", "p1"]
    rels = [Relation("basic", ("b1", "b2")), Relation("project", ("p1",)),
            Relation("total", ("basic", "project"))]
    # tab row, one empty cell lost before the project amounts: they slid into b2/project
    row = _row("90", None, None, "90", "90", movable=False)
    solved = solve([row], 6, rels, keys, [], anchors=[0])
    assert solved.values[0] == (Decimal(90), None, None, None, Decimal(90), Decimal(90))
    assert solved.moved == [True]


def test_solver_keeps_rows_that_add_up():
    keys = ["total", "basic", "project"]
    rows = [_row("5", "2", "3", movable=False)]
    solved = solve(rows, 3, [Relation("total", ("basic", "project"))], keys, [], anchors=[0])
    assert solved.values[0] == (Decimal(5), Decimal(2), Decimal(3)) and solved.moved == [False]


def _grid(rows: list[list[str]], first_number: int = 10) -> list[Line]:
    return [Line(tuple(Cell(t, col=i) for i, t in enumerate(r) if t), number=first_number + n,
                 delimiter=Delimiter.GRID, grid=1) for n, r in enumerate(rows)]


def test_operating_cost_by_economic_code_from_grid():
    lines = [Line((Cell("单位：万元"),), number=2, raw="单位：万元")] + _grid([
        ["科目编码", "科目名称", "金额"],
        ["", "合计", "59.69"],
        ["302", "商品和服务支出", "59.69"],
        ["30201", "办公费", "3.02"],
        ["30299", "其他商品和服务支出", "56.67"],
    ])
    block = TableBlock("operating_cost", "机关运行经费支出预算表", lines, unit="万元",
                       locator=Locator(line=1))
    table = parse_coded(block).tables[0]
    assert table.row_by_item("total").values == {"amount": Decimal("596900")}
    assert table.row_by_code("30201").values == {"amount": Decimal("30200")}
    assert table.row_by_code("30201").locator == Locator(page=None, line=13)


def test_fiscal_expenditure_with_split_codes_and_dash_empties():
    lines = _grid([
        ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["", "", "", "合计", "120.00", "100.00", "20.00"],
        ["201", "03", "01", "行政运行", "100.00", "100.00", "—"],
        ["201", "03", "02", "一般行政管理事务", "20.00", "-", "20.00"],
    ])
    table = parse_coded(TableBlock("fiscal_expenditure", "财政拨款支出预算表", lines, unit="万元")).tables[0]
    assert table.row_by_code("2010301").values == {
        "total": Decimal(1000000), "basic": Decimal(1000000), "project": None}
    assert table.row_by_code("2010302").values["basic"] is None
    assert [r.code for r in table.rows] == [None, "2010301", "2010302"]


def test_name_wrapped_onto_the_next_line_is_joined():
    raw = ["科目编码 科目名称 合计 基本支出 项目支出", "2010399 其他政府办公厅（室）及相关机构事务 5.00 5.00",
           "支出"]
    lines = [Line(tuple(Cell(t) for t in r.split()), number=i, delimiter=Delimiter.SPACE, raw=r)
             for i, r in enumerate(raw, 1)]
    table = parse_coded(TableBlock("general_public", "一般公共预算支出表", lines, unit="万元")).tables[0]
    assert table.row_by_code("2010399").name == "其他政府办公厅（室）及相关机构事务支出"


def test_row_wrapped_mid_number_is_joined():
    """001 prints `十四、资源勘探工业信息 | 36,30` then `等支出 | 5.52` on the next line."""
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["215", "资源勘探工业信息", "36,30", "", "36,305.52"],
            ["", "等支出", "5.52", "", ""]]
    lines = [Line(tuple(Cell(t) for t in r), number=i, delimiter=Delimiter.TAB)
             for i, r in enumerate(rows, 1)]
    table = parse_coded(TableBlock("general_public", "一般公共预算支出表", lines, unit="万元")).tables[0]
    assert len(table.rows) == 1
    row = table.rows[0]
    assert row.name == "资源勘探工业信息等支出"
    assert row.values == {"total": Decimal("363055200"), "basic": None, "project": Decimal("363055200")}


def test_zero_only_table_is_empty_but_keeps_its_printed_row():
    lines = _grid([["功能科目编码", "功能科目名称", "金 额"]])
    lines.append(Line((Cell("合 计", col=0, colspan=2), Cell("0", col=2)), number=11,
                      delimiter=Delimiter.GRID, grid=1))
    table = parse_coded(TableBlock("gov_fund", "政府性基金预算财政拨款支出预算表", lines, unit="万元")).tables[0]
    assert table.empty
    assert [(r.item, r.values) for r in table.rows] == [("total", {"total": Decimal(0)})]


def test_operating_cost_header_names_the_amount():
    lines = _grid([["科目编码", "科目名称", "机关运行经费支出"], ["", "合计", "59.69"],
                   ["30201", "办公费", "59.69"]])
    table = parse_coded(TableBlock("operating_cost", "机关运行经费支出预算表", lines, unit="万元")).tables[0]
    assert table.row_by_code("30201").values == {"amount": Decimal("596900")}


def _income_grid(pages: list[int]) -> list[Line]:
    rows = [["项目", "合计"], ["一.财政拨款（补助）", ""], ["1.经费拨款（补助）", "604.4"],
            ["八.上年结余(转)", ""], ["上年财政拨款结余(转)", ""], ["本年收入合计", "604.4"]]
    return [Line(tuple(Cell(t, col=i) for i, t in enumerate(r)), number=n + 1, page=page,
                 delimiter=Delimiter.GRID, grid=1) for n, (r, page) in enumerate(zip(rows, pages, strict=True))]


def test_grid_rows_printed_without_values_are_rows_of_their_own():
    """In a grid a row is exact: a first item with no value is no header line,
    and an unnumbered value-less item is no wrapped end of the name above."""
    table = parse_coded(TableBlock("income", "收入预算总表", _income_grid([1] * 6), unit="万元")).tables[0]
    assert [r.name for r in table.rows] == [
        "一.财政拨款（补助）", "1.经费拨款（补助）", "八.上年结余(转)", "上年财政拨款结余(转)", "本年收入合计"]
    assert table.rows[0].values == {"total": None}


def test_grid_row_cut_by_a_page_break_is_joined():
    """Word cuts a row at a page break: its name's end is the first line of the next page."""
    lines = _income_grid([1, 1, 1, 1, 2, 2])
    lines[4] = Line((Cell("(转)", col=0), Cell("", col=1)), number=5, page=2, delimiter=Delimiter.GRID, grid=2)
    lines[3] = Line((Cell("八.上年结余", col=0), Cell("", col=1)), number=4, page=1, delimiter=Delimiter.GRID, grid=1)
    table = parse_coded(TableBlock("income", "收入预算总表", lines, unit="万元")).tables[0]
    assert [r.name for r in table.rows][2:] == ["八.上年结余(转)", "本年收入合计"]
