from __future__ import annotations

import pytest

from cnbudget.normalise.codes import (
    ECONOMIC,
    FUNCTIONAL,
    code_family,
    code_level,
    join_code,
    parent_code,
    split_code,
)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("201 03 01",), "2010301"),
        (("201", "03", "01"), "2010301"),
        (("3010 1",), "30101"),
        (("301", "01"), "30101"),
        (("２０１０３０１",), "2010301"),  # full-width digits
        (("201\t03",), "20103"),
        (("302",), "302"),
        (("2010 30 1",), "2010301"),
    ],
)
def test_join_code_puts_split_codes_back_together(parts: tuple[str, ...], expected: str) -> None:
    assert join_code(*parts) == expected


@pytest.mark.parametrize("text", ["", "20", "2010", "201030", "20103011", "201-03-01", "二〇一", "20l03", "1,234"])
def test_join_code_refuses_what_is_not_a_code(text: str) -> None:
    assert join_code(text) is None


def test_code_level_by_length() -> None:
    assert [code_level(c) for c in ("201", "20103", "2010301", "30101", "2010", "abc")] == [
        1, 2, 3, 2, None, None,
    ]


def test_split_and_parent() -> None:
    assert split_code("2010301") == ("201", "03", "01")
    assert split_code("201 03") == ("201", "03")
    assert split_code("2010") is None
    assert parent_code("2010301") == "20103"
    assert parent_code("20103") == "201"
    assert parent_code("201") is None


def test_code_family_by_first_digit():
    assert [code_family(c) for c in ("2010301", "30101", "50201", "019001", "")] == [
        FUNCTIONAL, ECONOMIC, ECONOMIC, None, None]
