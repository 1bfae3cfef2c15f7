"""The reader's verdict on its own reading: a table whose identities mostly fail
as read is marked misread; one slip of the department's is not."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Row, Table
from cnbudget.recognise.identities import identities, verdict
from cnbudget.recognise.realign import realign_names

WAN = Decimal(10000)


def coded(rows: list[tuple[str | None, str, str, str]]) -> Table:
    """(code or None for 合计, total, basic, project) in 万元."""
    out = Table("general_public", "一般公共预算支出表", unit="万元")
    for code, total, basic, project in rows:
        out.rows.append(Row(code=code, item=None if code else "total", values={
            k: (Decimal(v) * WAN if v else None) for k, v in
            (("total", total), ("basic", basic), ("project", project))}))
    return out


PRINTED = [
    (None, "500.00", "380.00", "120.00"),
    ("201", "400.00", "300.00", "100.00"),
    ("20103", "400.00", "300.00", "100.00"),
    ("2010301", "300.00", "300.00", ""),
    ("2010302", "100.00", "", "100.00"),
    ("208", "100.00", "80.00", "20.00"),
    ("20805", "100.00", "80.00", "20.00"),
    ("2080505", "100.00", "80.00", "20.00"),
]


def test_a_consistent_table_passes_every_identity_it_prints():
    table = coded(PRINTED)
    checked = identities(table)
    assert len(checked) >= 10 and all(i.holds for i in checked)
    assert verdict(table) is None and not table.misread


def test_one_slip_of_the_department_is_not_a_misreading():
    rows = list(PRINTED)
    rows[3] = ("2010301", "300.00", "290.00", "")  # 基本支出 printed 10 万元 short
    table = coded(rows)
    assert sum(not i.holds for i in identities(table)) >= 1
    assert verdict(table) is None and not table.misread


def test_amounts_read_one_column_to_the_left_make_the_table_misread():
    # the 合计 column lost: each row's 基本支出 read as its total, 项目支出 as 基本支出
    rows = [(c, b, p, "") for c, _t, b, p in PRINTED]
    table = coded(rows)
    problem = verdict(table)
    assert problem is not None and problem.code == "table.misread" and table.misread
    params = dict(problem.params)
    assert int(params["failed"]) * 2 > int(params["checked"])
    assert "一般公共预算支出表" in problem.message


def test_rounding_of_the_printed_figures_is_no_failure():
    rows = [(None, "0.03", "0.01", "0.01"), ("201", "0.03", "0.01", "0.01")]  # 0.01 + 0.01 ≈ 0.03 rounded
    assert all(i.holds for i in identities(coded(rows)))


def test_three_public_items_add_up_including_the_grand_total():
    def tp(values: dict[str, str]) -> Table:
        return Table("three_public", "三公", unit="万元", rows=[
            Row(item=k, values={"amount": Decimal(v) * WAN}) for k, v in values.items()])
    good = {"grand_total": "1276.70", "total": "418.26", "outbound": "80", "vehicle": "237",
            "vehicle_operation": "237", "reception": "101.26", "meeting": "158.44", "training": "700"}
    assert all(i.holds for i in identities(tp(good))) and len(identities(tp(good))) == 3
    # the figures read one column to the right
    keys = list(good)
    shifted = dict(zip(keys, [*list(good.values())[1:], "0"], strict=True))
    assert verdict(tp(shifted)) is not None


def test_names_paired_with_the_next_rows_codes_make_the_table_misread():
    printed = [("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"),
               ("30205", "水费"), ("30206", "电费")]
    right = Table("general_public_basic", "基本支出表", unit="万元", rows=[
        Row(code=c, name=n, values={"total": Decimal(1)}) for c, n in printed])
    assert verdict(right, 2020) is None
    # each row's name read with the next row's code
    shifted = Table("general_public_basic", "基本支出表", unit="万元", rows=[
        Row(code=c, name=printed[i - 1][1] if i else "办公费", values={"total": Decimal(1)})
        for i, (c, _n) in enumerate(printed)])
    problem = verdict(shifted, 2020)
    assert problem is not None and shifted.misread
    assert "30203 印为“印刷费”（是 30202 的名称）" in problem.message



def _basic(rows: list[tuple[str | None, str | None, str]]) -> Table:
    """(code or None for 合计, name, total in 万元)."""
    return Table("general_public_basic", "基本支出表", unit="万元", rows=[
        Row(code=c, item=None if c else "total", name=n, values={"total": Decimal(v) * WAN})
        for c, n, v in rows])


ECONOMIC_ROWS = [("302", "商品和服务支出", "21"), ("30201", "办公费", "1"), ("30202", "印刷费", "2"),
                 ("30203", "咨询费", "3"), ("30205", "水费", "4"), ("30206", "电费", "5"), ("30207", "邮电费", "6")]


def test_names_one_row_off_their_codes_are_realigned_and_the_table_is_not_misread() -> None:
    # each coded row read with the name of the row below; amounts with their codes
    names = [n for _c, n, _v in ECONOMIC_ROWS]
    shifted = _basic([(c, names[i + 1] if i + 1 < len(names) else n, v) for i, (c, n, v) in enumerate(ECONOMIC_ROWS)])
    problem = realign_names(shifted, 2020)
    assert problem is not None and problem.code == "table.names-realigned"
    # the first name was printed nowhere: that row's name is not read rather than its neighbour's
    assert [(r.code, r.name, r.values["total"]) for r in shifted.rows] == [
        (c, None if i == 0 else n, Decimal(v) * WAN) for i, (c, n, v) in enumerate(ECONOMIC_ROWS)]
    assert verdict(shifted, 2020) is None and not shifted.misread


def test_names_off_by_more_than_a_row_stay_as_read_and_the_table_is_misread() -> None:
    names = [n for _c, n, _v in ECONOMIC_ROWS]
    shifted = _basic([(c, names[(i + 3) % len(names)], v) for i, (c, _n, v) in enumerate(ECONOMIC_ROWS)])
    assert realign_names(shifted, 2020) is None
    assert verdict(shifted, 2020) is not None and shifted.misread


def test_a_department_s_own_name_slips_are_left_as_printed() -> None:
    rows = list(ECONOMIC_ROWS)
    rows[2] = ("30202", "咨询费", "2")  # one wrong name: the department's, not a shifted reading
    table = _basic(rows)
    assert realign_names(table, 2020) is None
    assert [(r.code, r.name) for r in table.rows] == [(c, n) for c, n, _v in rows]
