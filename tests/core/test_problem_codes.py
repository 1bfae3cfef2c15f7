"""Reading problems carry stable codes from one catalogue, used the same way everywhere."""

from __future__ import annotations

import re

import pytest

from cnbudget.model import Locator, ProblemSeverity
from cnbudget.model.problems import PROBLEM_TYPES, problem_of, render_message, with_params
from tests.conftest import REPO

# every way the source names a problem code: problem_of("…"), problem("…"), ReadProblem("…")
_USE = re.compile(r"""(?:problem_of|problem|ReadProblem)\(\s*["']([a-z][a-z0-9.-]+)["']""")


def test_every_code_the_source_uses_is_catalogued():
    used: set[str] = set()
    for path in (REPO / "src" / "cnbudget").rglob("*.py"):
        used |= set(_USE.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern finds no problem codes: the test no longer sees the source"
    assert used - set(PROBLEM_TYPES) == set()


@pytest.mark.parametrize("code", sorted(PROBLEM_TYPES))
def test_codes_are_dotted_and_both_templates_name_the_same_params(code):
    assert re.fullmatch(r"[a-z]+(?:\.[a-z]+(?:-[a-z]+)*)+", code)
    ptype = PROBLEM_TYPES[code]
    names = set(re.findall(r"{(\w+)", ptype.template_zh))
    assert names == set(re.findall(r"{(\w+)", ptype.template_en))


def test_a_problem_is_filled_in_chinese_and_can_be_rendered_in_english():
    p = problem_of("cell.not-an-amount", Locator(page=3), text="18#4.8", title="收入总表")
    assert p.code == "cell.not-an-amount" and p.severity is ProblemSeverity.PARTIAL
    assert p.message == "表“收入总表”：“18#4.8”不是金额"
    assert render_message(p.code, dict(p.params), "en") == "table '收入总表': not an amount: '18#4.8'"


def test_a_parsers_problem_gets_its_tables_title_once():
    p = problem_of("cell.not-an-amount", None, text="x")
    titled = with_params(p, title="支出总表")
    assert dict(titled.params)["title"] == "支出总表" and "支出总表" in titled.message
    assert with_params(titled, title="别的表") == titled


def test_an_unknown_code_is_refused():
    with pytest.raises(KeyError, match="model/problems.py"):
        problem_of("no.such-code")
