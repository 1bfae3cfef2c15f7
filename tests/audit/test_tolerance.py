"""Rounding slack: properties over randomly rounded tables, and the fixed cases."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from cnbudget.audit.sums import check_sum
from cnbudget.audit.tolerance import (
    decimals_needed,
    fact_slack,
    half_unit,
    precision,
    table_decimals,
    table_slack,
)
from cnbudget.ingest.layout import Cell, Delimiter, Line
from cnbudget.model.document import Fact, Row, Table
from cnbudget.recognise.blocks import TableBlock
from cnbudget.recognise.precision import set_printed_decimals

WAN = Decimal(10000)


def printed(fen: int, decimals: int) -> Decimal:
    """A true amount in fen, rounded to `decimals` in 万元, back in yuan (what the model holds)."""
    wan = (Decimal(fen) / 100 / WAN).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return wan * WAN


def wan_table(values: list[Decimal]) -> Table:
    return Table("three_public", "t", [Row(values={"amount": x}) for x in values], unit="万元")


@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=12),
       st.integers(min_value=0, max_value=4))
def test_rounded_parts_never_flagged(parts_fen: list[int], decimals: int) -> None:
    """Σ of independently rounded parts vs the rounded true total: always within slack."""
    parts = [printed(p, decimals) for p in parts_fen]
    total = printed(sum(parts_fen), decimals)
    table = wan_table([total, *parts])
    assert check_sum(total, parts, table_slack(table)) is None


@given(st.lists(st.integers(min_value=1, max_value=10**10), min_size=1, max_size=8),
       st.integers(min_value=0, max_value=3), st.integers(min_value=1, max_value=10**6))
def test_error_beyond_rounding_is_flagged(parts_fen: list[int], decimals: int, units: int) -> None:
    """Move the total by more than the slack of all printed figures: always flagged."""
    parts = [printed(p, decimals) for p in parts_fen]
    table = wan_table(parts)
    slack = table_slack(table)
    wrong = sum(parts, Decimal(0)) + slack * (len(parts) + 1) + units
    assert check_sum(wrong, parts, table_slack(wan_table([wrong, *parts]))) is not None


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_decimals_needed_round_trips(fen: int) -> None:
    yuan = Decimal(fen) / 100
    d = decimals_needed(yuan, "万元")
    shown = yuan / WAN
    assert shown == shown.quantize(Decimal(1).scaleb(-d))
    if d > 0:
        assert shown != shown.quantize(Decimal(1).scaleb(-(d - 1)))


def test_wan_precision_is_inferred_from_the_values() -> None:
    assert table_decimals(wan_table([Decimal(40971100), Decimal(15000)])) == 2  # 4097.11, 1.50
    assert half_unit("万元", 2) == Decimal(50)
    assert table_decimals(wan_table([Decimal(22162000), Decimal(3747000)])) == 1  # 2216.2, 374.7
    assert table_slack(wan_table([Decimal(22162000)])) == Decimal(500)
    assert table_slack(wan_table([Decimal(29954), Decimal(30000)])) == Decimal("0.5")  # 2.9954


def test_whole_yuan_are_rounded_too() -> None:
    """Integers in 元 are rounded to the yuan: ±0.5 元 a figure (the issue's rule)."""
    table = Table("x", "t", [Row(values={"total": Decimal(96534608)})], unit="元")
    assert table_slack(table) == Decimal("0.5")
    assert check_sum(Decimal(96534608), [Decimal(96534607)], Decimal("0.5")) is None
    m = check_sum(Decimal(94995791), [Decimal(77381546), Decimal(17614243)], Decimal("0.5"))
    assert m is not None and m.near  # 2 元 apart: beyond 1.5 元, below twice it
    m = check_sum(Decimal(94995792), [Decimal(77381546), Decimal(17614243)], Decimal("0.5"))
    assert m is not None and not m.near  # 3 元: twice the slack
    # fractional yuan get half a unit of their last digit
    frac = Table("x", "t", [Row(values={"total": Decimal("12.34")})], unit="元")
    assert table_slack(frac) == Decimal("0.005")


def test_printed_decimals_come_from_the_reader_where_known() -> None:
    """A 万元 table printing 2.50 has two decimals, though its values need one."""
    table = wan_table([Decimal(25000), Decimal(100000)])
    assert table_decimals(table) == 1
    table.decimals = 2
    assert table_slack(table) == Decimal(50)


def test_counts_and_rates_do_not_set_amount_precision() -> None:
    table = Table("performance_evaluation", "t",
                  [Row(values={"budget": Decimal(30000), "rate": Decimal("99.85")})], unit="万元")
    assert table_decimals(table) == 0


def test_fact_slack_follows_its_printed_precision() -> None:
    assert fact_slack(Fact("expenditure_total", Decimal(40971100), "元", "4097.11万元",
                           printed_unit="万元")) == 50
    assert fact_slack(Fact("three_public_total", Decimal(15000), "元", "1.5万元",
                           printed_unit="万元")) == 500
    assert fact_slack(Fact("outbound", Decimal(0), "元", "0 元", printed_unit="元")) == 0
    # unknown printed unit: 万元 when the value is a whole 100 yuan, else 元
    assert fact_slack(Fact("basic", Decimal(6264300), "元", "626.43")) == 50
    assert fact_slack(Fact("basic", Decimal(6264308), "元", "6,264,308")) == Decimal("0.5")
    # the decimals printed, read from the quote: 8.00 万元 is ±50 元, not ±5000
    assert fact_slack(Fact("vehicle_operation", Decimal(80000), "元", "公务用车运行维护费8.00万元",
                           printed_unit="万元")) == 50
    assert fact_slack(Fact("vehicle_operation", Decimal(80000), "元", "公务用车运行维护费8万元",
                           printed_unit="万元")) == 5000
    # counts are exact; a rate is half a unit of its last digit
    assert fact_slack(Fact("vehicles", Decimal(2), "辆", "车辆2辆")) == 0
    assert fact_slack(Fact("change_pct", Decimal("-6.76"), "%", "下降6.76%")) == Decimal("0.005")


def _grid(*rows: tuple[str, ...]) -> list[Line]:
    return [Line(tuple(Cell(t, col=i) for i, t in enumerate(r)), page=1, number=n,
                 delimiter=Delimiter.GRID, raw=" ".join(r), grid=1) for n, r in enumerate(rows, 1)]


def test_the_reader_records_the_decimals_printed() -> None:
    """2.50 and 4.00 are printed with two decimals though their values need fewer;
    a 序号 that equals an amount (4 beside 4.00) changes nothing."""
    lines = _grid(("序号", "科目编码", "科目名称", "合计"), ("1", "", "合计", "10.50"),
                  ("2", "2010301", "行政运行", "2.50"), ("3", "2010302", "一般行政管理事务", "4.00"),
                  ("4", "2010350", "事业运行", "4.00"))
    table = Table("general_public", "t", [
        Row(item="total", values={"total": Decimal(105000)}),
        Row(code="2010301", values={"total": Decimal(25000)}),
        Row(code="2010302", values={"total": Decimal(40000)}),
        Row(code="2010350", values={"total": Decimal(40000)})], unit="万元")
    set_printed_decimals(TableBlock("general_public", "t", lines, unit="万元"), [table])
    assert table.decimals == 2
    assert table_slack(table) == Decimal(50)


def test_a_table_printing_whole_and_fractional_figures_gets_the_coarser_slack_per_figure() -> None:
    """General-format spreadsheets print 389.5 beside 3892.94 and 7: each figure is
    off by half a unit of its own last digit, at most."""
    rows = [("合计", "3892.94"), ("行政运行", "389.5"), ("事业运行", "7"), ("其他", "3496.44")]
    lines = _grid(*rows)
    table = Table("general_public", "t", [Row(item=n, values={"total": Decimal(v) * WAN}) for n, v in rows],
                  unit="万元")
    set_printed_decimals(TableBlock("general_public", "t", lines, unit="万元"), [table])
    p = precision(table)
    assert (p(Decimal("38929400")), p(Decimal(3895000)), p(Decimal(70000))) == (
        Decimal(50), Decimal(500), Decimal(5000))
