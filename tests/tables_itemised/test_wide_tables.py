"""Tables printed wide — items across the top, figures under them — read into
the rows of their tall form, each figure by the header printed over it.

The layouts are written out here by hand, cell by cell, as a grid reader
(merged cells with spans), an unmerged print (the text in the first cell, or
repeated in each) and tab text give them; the items come in several orders,
so a reader placing figures by a template's order fails them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.ingest.text import read_text
from cnbudget.model import Table
from cnbudget.recognise.accounting import figure_problems
from cnbudget.recognise.blocks import TABLE_PARSERS, TableBlock
from cnbudget.recognise.identities import verdict
from cnbudget.recognise.tables import coded, three_public  # noqa: F401 - importing registers the parsers
from cnbudget.recognise.tables.across import column_keys, header_paths

WAN = Decimal(10000)
# (column, colspan, rowspan, text) per header row: 江苏 公开09表 (合计 outside the 三公 group)
JIANGSU = (
    ((0, 1, 3, "合计"), (1, 6, 1, "“三公”经费"), (7, 1, 3, "会议费"), (8, 1, 3, "培训费")),
    ((1, 1, 2, "小计"), (2, 1, 2, "因公出国（境）费"), (3, 3, 1, "公务用车购置及运行维护费"), (6, 1, 2, "公务接待费")),
    ((3, 1, 1, "小计"), (4, 1, 1, "公务用车购置费"), (5, 1, 1, "公务用车运行维护费")),
)
JIANGSU_FIGURES = ("2,542.60", "833.60", "222.50", "183.60", "", "183.60", "427.50", "1,305.25", "403.75")
JIANGSU_READING = {"grand_total": "2542.60", "total": "833.60", "outbound": "222.50", "vehicle": "183.60",
                   "vehicle_purchase": None, "vehicle_operation": "183.60", "reception": "427.50",
                   "meeting": "1305.25", "training": "403.75"}


def _grid(header: tuple[tuple[tuple[int, int, int, str], ...], ...], *figures: tuple[str, ...],
          merge: str = "merged") -> list[Line]:
    width = max(c + s for row in header for c, s, _, _ in row)
    lines = []
    for r, row in enumerate(header):
        if merge == "merged":
            cells = [Cell(t, col=c, colspan=s, rowspan=rs) for c, s, rs, t in row]
        else:  # unmerged: each covered place its own cell, the text in the first or in each
            texts = [""] * width
            for rr, above in enumerate(header[: r + 1]):
                for c, s, rs, t in above:
                    if rr + rs > r:
                        for cc in range(c, c + s):
                            first = (rr, cc) == (r, c)
                            texts[cc] = t if first or merge == "repeated" else texts[cc]
            cells = [Cell(t, col=i) for i, t in enumerate(texts)]
        lines.append(Line(tuple(cells), page=9, grid=1, delimiter=Delimiter.GRID))
    for row in figures:
        lines.append(Line(tuple(Cell(t, col=i) for i, t in enumerate(row)), page=9, grid=1,
                          delimiter=Delimiter.GRID))
    return lines


def _read(lines: list[Line], type_: str = "three_public", title: str = "“三公”经费、会议费、培训费支出预算表"
          ) -> tuple[Table, TableBlock]:
    block = TableBlock(type=type_, title=title, lines=lines, unit="万元")
    parsed = TABLE_PARSERS.get(type_)(block)
    assert len(parsed.tables) == 1 and not parsed.problems
    return parsed.tables[0], block


def _by_item(table: Table, key: str = "amount") -> dict[str | None, Decimal | None]:
    assert len({r.item for r in table.rows}) == len(table.rows), "an item twice"
    return {r.item: r.values[key] for r in table.rows}


def _wan(reading: dict[str, str | None]) -> dict[str, Decimal | None]:
    return {k: None if v is None else Decimal(v) * WAN for k, v in reading.items()}


@pytest.mark.parametrize("merge", ["merged", "first", "repeated"])
def test_three_levels_merged_or_not(merge: str) -> None:
    table, block = _read(_grid(JIANGSU, JIANGSU_FIGURES, merge=merge))
    assert _by_item(table) == _wan(JIANGSU_READING)
    assert verdict(table) is None  # 合计 = 小计 + 会议费 + 培训费, 小计 = 出国 + 车 + 接待, 车 = 购置 + 运行
    assert figure_problems(block, [table]) == []


def test_header_paths_continue_a_group_printed_in_its_first_cell() -> None:
    lines = _grid(JIANGSU, JIANGSU_FIGURES, merge="first")
    paths = header_paths(lines[:3], 9)
    assert paths[4] == ("“三公”经费", "公务用车购置及运行维护费", "公务用车购置费")
    assert paths[0] == ("合计",) and paths[8] == ("培训费",)


def test_items_in_another_order_are_placed_by_their_headers() -> None:
    """出国 | 接待 | 车 (the samples' order) and 车 first: each figure under its own header."""
    header = (
        ((0, 1, 2, "合计"), (1, 3, 1, "公务用车购置及运行费"), (4, 1, 2, "公务接待费"), (5, 1, 2, "因公出国(境)费")),
        ((1, 1, 1, "小计"), (2, 1, 1, "购置费"), (3, 1, 1, "运行费")),
    )
    table, _ = _read(_grid(header, ("6.58", "5.80", "", "5.80", "0.78", "")))
    assert _by_item(table) == _wan({"total": "6.58", "vehicle": "5.80", "vehicle_purchase": None,
                                    "vehicle_operation": "5.80", "reception": "0.78", "outbound": None})


def test_budget_and_final_blocks_side_by_side() -> None:
    items = ("合计", "因公出国(境)费", "公务用车购置及运行费", "公务接待费")
    header = (
        ((0, 4, 1, "预算数"), (4, 4, 1, "决算数")),
        tuple((g * 4 + i, 1, 1, t) for g in range(2) for i, t in enumerate(items)),
    )
    table, _ = _read(_grid(header, ("3.01", "", "2.90", "0.11", "2.80", "", "2.69", "0.11")))
    assert _by_item(table, "budget") == _wan({"total": "3.01", "outbound": None, "vehicle": "2.90",
                                              "reception": "0.11"})
    assert _by_item(table, "final")["total"] == Decimal("2.80") * WAN


def test_one_line_per_year() -> None:
    """上年 / 本年 printed as lines, each labelled: this year's is `amount`."""
    text = ("项目\t合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行费\n"
            "2023年预算数\t7.00\t1.00\t1.00\t5.00\n"
            "2024年预算数\t6.58\t\t0.78\t5.80\n")
    table, _ = _read(list(read_text(text.encode(), "t.txt").lines))
    assert _by_item(table)["total"] == Decimal("6.58") * WAN
    assert _by_item(table, "extra:2023年预算数")["total"] == Decimal("7.00") * WAN


def test_year_words_name_the_columns() -> None:
    assert column_keys({0: "上年预算数", 1: "本年预算数"}) == {0: "extra:上年预算数", 1: "amount"}
    assert column_keys({0: "预算数", 1: "决算数"}) == {0: "budget", 1: "final"}
    assert column_keys({0: "金额", 1: "一般公共预算财政拨款"}) == {0: "amount", 1: "extra:一般公共预算财政拨款"}


def test_a_lone_total_beside_meeting_and_training_is_told_by_the_figures() -> None:
    """One header row (合计 | 出国 | … | 会议费 | 培训费): the 合计 is the whole table's
    where it equals 三公 + 会议费 + 培训费, else the 三公 total."""
    names = ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "会议费", "培训费")
    header = (tuple((i, 1, 1, t) for i, t in enumerate(names)),)
    whole, _ = _read(_grid(header, ("10.23", "0", "0.78", "5.80", "0.69", "2.96")))
    assert {r.item for r in whole.rows} >= {"grand_total", "meeting"} and "total" not in {r.item for r in whole.rows}
    three, _ = _read(_grid(header, ("6.58", "0", "0.78", "5.80", "0.69", "2.96")))
    assert _by_item(three)["total"] == Decimal("6.58") * WAN


def test_a_figure_under_no_header_is_reported_not_dropped() -> None:
    header = ((0, 1, 1, "合计"), (1, 1, 1, "因公出国(境)费"), (2, 1, 1, "公务接待费"), (3, 1, 1, "公务用车费"))
    lines = _grid((header,), ("6.58", "0", "0.78", "5.80", "9.99"))
    table, block = _read(lines)
    assert _by_item(table) == _wan({"total": "6.58", "outbound": "0", "reception": "0.78", "vehicle": "5.80"})
    [lost] = figure_problems(block, [table])
    assert lost.code == "table.figures-unplaced" and dict(lost.params)["figure"] == "9.99"


def test_an_item_the_vocabulary_does_not_know_keeps_its_figure_by_name() -> None:
    names = ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "机关运行经费", "其他")
    header = (tuple((i, 1, 1, t) for i, t in enumerate(names)),)
    table, block = _read(_grid(header, ("6.58", "0", "0.78", "5.80", "101.27", "1.00")))
    assert _by_item(table)["operating_cost"] == Decimal("101.27") * WAN
    other = next(r for r in table.rows if r.item is None)
    assert other.name == "其他" and other.values["amount"] == WAN
    assert figure_problems(block, [table]) == []


def test_operating_cost_across_reads_rows_by_economic_code() -> None:
    names = ("合计", "办公费", "印刷费", "公务用车运行维护费", "水电费")
    header = (tuple((i, 1, 1, t) for i, t in enumerate(names)),)
    table, block = _read(_grid(header, ("101.27", "3.02", "", "5.80", "92.45")), "operating_cost",
                         "机关运行经费支出预算表")
    rows = {(r.code, r.item, r.name if not (r.code or r.item) else None): r.values["amount"] for r in table.rows}
    assert rows == {(None, "total", None): Decimal("101.27") * WAN, ("30201", None, None): Decimal("3.02") * WAN,
                    ("30202", None, None): None, ("30231", None, None): Decimal("5.80") * WAN,
                    (None, None, "水电费"): Decimal("92.45") * WAN}
    assert figure_problems(block, [table]) == []


def test_operating_cost_under_a_category_and_the_table_heading() -> None:
    """机关运行经费 over 商品和服务支出 → 小计 | 办公费 | 差旅费: the 小计 is 302's."""
    header = (
        ((0, 1, 3, "合计"), (1, 3, 1, "机关运行经费")),
        ((1, 3, 1, "商品和服务支出"),),
        ((1, 1, 1, "小计"), (2, 1, 1, "办公费"), (3, 1, 1, "差旅费")),
    )
    table, _ = _read(_grid(header, ("10.00", "10.00", "4.00", "6.00")), "operating_cost", "机关运行经费支出预算表")
    assert [(r.code, r.item) for r in table.rows] == [(None, "total"), ("302", None), ("30201", None),
                                                      ("30211", None)]


def test_items_down_the_side_stay_tall() -> None:
    """A 合计 above a “三公”经费小计 and 会议费 | 培训费, items down the side: the
    合计 is the whole table's there too."""
    text = ("项目\t预算数\n合计\t10.23\n“三公”经费小计\t6.58\n因公出国（境）费\t0\n公务接待费\t0.78\n"
            "公务用车购置及运行费\t5.80\n会议费\t0.69\n培训费\t2.96\n")
    table, _ = _read(list(read_text(text.encode(), "t.txt").lines))
    assert _by_item(table)["grand_total"] == Decimal("10.23") * WAN
    assert _by_item(table)["total"] == Decimal("6.58") * WAN
