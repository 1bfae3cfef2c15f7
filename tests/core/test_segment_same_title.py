"""A title printed twice with no number above it (附件5-1 / 5-2 lost, a workbook's
sheets): a second grid under other column headers is a second table; a grid that
repeats the header (or part of it), or prints none, continues the first."""

from __future__ import annotations

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model import Locator
from cnbudget.recognise.blocks import TableBlock
from cnbudget.recognise.segment import segment
from cnbudget.recognise.tables.coded import split_tables

TITLE = "部门机构设置情况表"  # a table of no standard type: no parser splits it later
STAFF_HEAD = ["单位名称", "单位性质", "编制人数"]
STAFF_ROWS = [["示例局机关", "行政单位", "30"], ["示例局信息中心", "事业单位", "12"]]


class _Lines:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.grid = 0

    def text(self, text: str) -> None:
        self.lines.append(Line((Cell(text),), number=len(self.lines) + 1))

    def table(self, rows: list[list[str]]) -> None:
        self.grid += 1
        for row in rows:
            cells = tuple(Cell(t, col=i) for i, t in enumerate(row))
            self.lines.append(Line(cells, number=len(self.lines) + 1, grid=self.grid, delimiter=Delimiter.GRID))


def _blocks(second: list[list[str]]) -> list[TableBlock]:
    doc = _Lines()
    doc.text(TITLE)
    doc.text("单位：人")
    doc.table([STAFF_HEAD, *STAFF_ROWS])
    doc.text(TITLE)
    doc.table(second)
    return [b for b in segment(doc.lines).blocks if b.title == TITLE]


def test_a_grid_under_other_headers_is_a_second_table() -> None:
    blocks = _blocks([["项目", "金额", "备注"], ["办公费", "12", "当年"], ["差旅费", "8", "当年"]])
    assert len(blocks) == 2
    assert blocks[1].lines[0].texts == ["项目", "金额", "备注"]


def test_the_header_repeated_continues_the_table() -> None:
    (block,) = _blocks([STAFF_HEAD, ["示例局服务中心", "事业单位", "8"]])
    assert sum(ln.texts[0] == "示例局服务中心" for ln in block.lines) == 1


def test_part_of_the_header_repeated_continues_the_table() -> None:
    (block,) = _blocks([STAFF_HEAD[1:], ["事业单位", "8"]])
    assert block.lines[-1].texts == ["事业单位", "8"]


def test_no_header_continues_the_table() -> None:
    (block,) = _blocks([["示例局服务中心", "事业单位", "8"]])
    assert block.lines[-1].texts[0] == "示例局服务中心"


def _tab(*cells: str) -> Line:
    return Line(tuple(Cell(c) for c in cells), delimiter=Delimiter.TAB)


def _coded_block(*runs: list[Line]) -> TableBlock:
    header = [_tab("序号", "科目编码", "科目名称", "合计")]
    lines = [line for run in runs for line in header + run]
    return TableBlock("general_public_basic", "一般公共预算基本支出表", lines, unit="元",
                      locator=Locator(line=1))


def test_split_tables_on_the_codes_under_a_repeated_header() -> None:
    functional = [_tab("1", "2010301", "行政运行", "100"), _tab("2", "2080505", "养老保险缴费支出", "20")]
    economic = [_tab("1", "30101", "基本工资", "90"), _tab("2", "30201", "办公费", "30")]
    parts = split_tables(_coded_block(functional, economic))
    assert [len(p.lines) for p in parts] == [3, 3]


def test_row_numbers_do_not_read_as_codes() -> None:
    """序号 29 before 30399 is not the functional code 2930399: one table over two pages."""
    page1 = [_tab("1", "30101", "基本工资", "90"), _tab("2", "30201", "办公费", "30")]
    page2 = [_tab("29", "30399", "其他对个人和家庭的补助", "5"), _tab("30", "31002", "办公设备购置", "7")]
    assert len(split_tables(_coded_block(page1, page2))) == 1
