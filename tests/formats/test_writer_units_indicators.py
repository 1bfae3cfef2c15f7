"""What the writers print for a table of no unit, and the indicator columns of no field."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import Indicator, Row, Table
from cnbudget.model.document import Department
from cnbudget.render.printed import Number, cell_text, printed_table


def test_a_table_of_no_type_and_no_unit_prints_its_numbers_as_they_are() -> None:
    counts = Table("other", "二、机构设置", [Row(values={"extra:人数": Decimal(12)}, name="本级")])
    printed = printed_table(counts, Department("某局", "302"))
    assert "万元" not in printed.unit_line and "单位" not in printed.unit_line
    assert [cell_text(v) for v in printed.body[0]] == ["本级", "12"]


def test_a_known_table_without_a_unit_keeps_the_default() -> None:
    table = Table("three_public", "三公", [Row(values={"amount": Decimal(1_234_500)}, item="total")])
    printed = printed_table(table)
    assert printed.unit_line == "单位：万元"
    numbers = [v for v in printed.body[0] if isinstance(v, Number)]
    assert [n.value for n in numbers] == [Decimal("123.45")]


def test_indicator_text_columns_are_printed_under_their_headers() -> None:
    row = Row(values={"amount": Decimal(10000)}, item="p", texts={"project": "某项目"}, indicators=[
        Indicator("产出指标", "数量指标", "节点数", "≥20个", texts={"extra:绩效指标描述": "改造节点"}),
        Indicator("效益指标", "社会效益指标", "可用率", texts={"extra:指标值确定依据": "合同",
                                                            "extra:绩效指标描述": "可用"}),
    ])
    printed = printed_table(Table("performance_target", "绩效目标表", [row], unit="万元"))
    body = [[cell_text(v) for v in line] for line in printed.body]
    head = next(line for line in body if line[0] == "一级指标")
    assert head == ["一级指标", "二级指标", "三级指标", "指标值", "绩效指标描述", "指标值确定依据"]
    at = body.index(head)
    assert body[at + 1] == ["产出指标", "数量指标", "节点数", "≥20个", "改造节点", ""]
    assert body[at + 2] == ["效益指标", "社会效益指标", "可用率", "", "可用", "合同"]
    assert printed.width == len(head)
