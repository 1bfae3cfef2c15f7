"""Each seed's narrative gives exactly the facts a reader would quote."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

import cnbudget.model
from cnbudget.ingest.layout import Delimiter
from cnbudget.model.contract import fact_to_json
from cnbudget.model.fact_keys import FACT_KEYS, fact_unit_of
from cnbudget.normalise.amounts import parse_amount
from cnbudget.recognise.facts import extract_facts
from cnbudget.recognise.segment import segment

from .expected import SEED_FACTS, SEED_META
from .helpers import printed_value, seed_facts, seed_layout, triples

SEEDS = sorted(SEED_FACTS)


@pytest.mark.parametrize("number", SEEDS)
def test_seed_gives_exactly_the_expected_facts(number):
    facts = seed_facts(number)
    expected = {(key, subject, printed_value(figure, unit)) for key, subject, figure, unit, _, _ in SEED_FACTS[number]}
    got = triples(facts)
    assert got - expected == set(), "facts a reader would not quote"
    assert expected - got == set(), "facts the narrative states but were missed"
    assert len(facts) == len(got), "a restated figure is given once"


@pytest.mark.parametrize("number", SEEDS)
def test_seed_facts_are_quoted_and_located(number):
    facts = {(f.key, f.subject, f.value): f for f in seed_facts(number)}
    for key, subject, figure, unit, line, fragment in SEED_FACTS[number]:
        fact = facts[(key, subject, printed_value(figure, unit))]
        assert fragment in fact.text, (key, fact.text)
        assert fact.locator is not None and fact.locator.line == line, (key, fact.text, fact.locator)
        assert fact.unit == fact_unit_of(key, subject)
        assert fact.printed_unit == (unit if unit in ("万元", "元") else None)
        if key.startswith("change_"):
            assert fact.subject is not None
        else:
            assert fact.subject is None


@pytest.mark.parametrize("number", SEEDS)
def test_quotes_are_printed_text_of_the_seed(number):
    """A quote is the printed text, lines rejoined: found in the seed once line breaks are removed."""
    layout = seed_layout(number)
    joined = "".join(line.text.strip() for line in layout.lines)
    for fact in seed_facts(number, layout):
        assert fact.text.replace(" ", "") in joined.replace(" ", ""), fact.text


@pytest.mark.parametrize("number", SEEDS)
def test_narrative_lines_of_the_segmenter_give_the_same_facts(number):
    """The orchestrator passes only the narrative; tables around it add nothing and hide nothing."""
    layout = seed_layout(number)
    kind, year = SEED_META[number]
    assert triples(extract_facts(segment(layout.lines).narrative, kind, year)) == triples(seed_facts(number, layout))


# Facts whose figure the seed's own tables print too (an independent check of
# reading and conversion). 000 prints no 机关运行经费 table; 004 prints no
# standard tables at all, only procurement.
_NOT_TABLED = {"000": {"operating_cost"}, "004": set(FACT_KEYS) - {"procurement_total"}}
_TABLE_FACTOR = {"003": Decimal(1)}  # 003's tables are in 元, the others' in 万元


@pytest.mark.parametrize("number", SEEDS)
def test_amounts_agree_with_a_figure_printed_in_the_seed_tables(number):
    layout = seed_layout(number)
    factor = _TABLE_FACTOR.get(number, Decimal(10000))
    cells: set[Decimal] = set()
    for line in layout.lines:
        if line.delimiter is Delimiter.NONE:
            continue
        for cell in line.cells:
            try:
                value = parse_amount(cell.text)
            except ValueError:
                continue
            if value:
                cells.add(value * factor)
    checked = 0
    for fact in seed_facts(number, layout):
        if fact.unit != "元" or fact.key.startswith("change_") or not fact.value:
            continue
        if fact.key in _NOT_TABLED.get(number, set()):
            continue
        # half a unit of the narrative's last digit (0.01 万元) either way
        assert any(abs(c - fact.value) <= 50 for c in cells), (fact.key, fact.value)
        checked += 1
    assert checked >= 1


def test_facts_serialise_to_the_contract():
    schema = _fact_schema()
    for number in SEEDS:
        for fact in seed_facts(number):
            jsonschema.validate(fact_to_json(fact), schema)


def _fact_schema() -> dict:
    path = Path(cnbudget.model.__file__).parent / "schema" / "disclosure-v1.schema.json"
    full = json.loads(path.read_text(encoding="utf-8"))
    return {"$defs": full["$defs"], "$ref": "#/$defs/fact"}
