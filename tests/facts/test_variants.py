"""What extraction tools do to the same narrative does not change its facts:
numbers split by spaces, lines wrapped mid-word and mid-number, full-width
digits and punctuation."""

from __future__ import annotations

import re

import pytest

from cnbudget.recognise.facts import extract_facts

from .expected import SEED_FACTS, SEED_META
from .helpers import printed_value, seed_path, text_layout, triples

# The 情况说明 of each seed, as 1-based inclusive line ranges of the seed file.
NARRATIVE = {
    "000": [(626, 716), (1366, 1368)],
    "001": [(413, 502)],
    "002": [(91, 91), (495, 577)],
    "003": [(85, 181)],
    "004": [(41, 52), (1269, 1270)],
}

_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?=\s*(?:万元|元|%))")
_FULL = str.maketrans("0123456789.,%():;", "０１２３４５６７８９．，％（）：；")


def narrative_text(number: str) -> str:
    lines = seed_path(number).read_text(encoding="utf-8").split("\n")
    return "\n".join("\n".join(lines[a - 1:b]) for a, b in NARRATIVE[number])


def expected_in_narrative(number: str) -> set:
    ranges = NARRATIVE[number]
    return {
        (key, subject, printed_value(figure, unit))
        for key, subject, figure, unit, line, _ in SEED_FACTS[number]
        if any(a <= line <= b for a, b in ranges)
    }


def facts_of(number: str, text: str) -> set:
    kind, year = SEED_META[number]
    return triples(extract_facts(text_layout(text).lines, kind, year))


def _split(number: str) -> str:
    whole = number.split(".")[0]
    if len(whole) < 2:
        return number
    cut = len(whole) - 1
    return number[:cut] + " " + number[cut:]


def split_numbers(text: str) -> str:
    """`37,837.39` → `37,83 7.39`, `604.4` → `60 4.4`: a space inside every amount."""
    return _AMOUNT.sub(lambda m: _split(m.group(0)), text)


def split_after_point(text: str) -> str:
    """`604.4` → `604. 4`."""
    return _AMOUNT.sub(lambda m: m.group(0).replace(".", ". "), text)


def wrap(text: str, width: int, blank: bool) -> str:
    """Every line cut every `width` characters, as a narrow PDF column gives it."""
    out: list[str] = []
    for line in text.split("\n"):
        pieces = [line[i:i + width] for i in range(0, len(line), width)] or [""]
        for piece in pieces:
            out.append(piece)
            if blank:
                out.append("")
    return "\n".join(out)


def full_width(text: str) -> str:
    return text.translate(_FULL)


VARIANTS = {
    "as printed": lambda t: t,
    "spaces inside numbers": split_numbers,
    "space after the decimal point": split_after_point,
    "wrapped at 17, blank lines between": lambda t: wrap(t, 17, blank=True),
    "wrapped at 23": lambda t: wrap(t, 23, blank=False),
    "full-width digits and punctuation": full_width,
    "full-width, split and wrapped": lambda t: wrap(full_width(split_numbers(t)), 19, blank=False),
}


@pytest.mark.parametrize("number", sorted(NARRATIVE))
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_gives_the_same_facts(number, variant):
    text = VARIANTS[variant](narrative_text(number))
    assert facts_of(number, text) == expected_in_narrative(number)


def test_variants_really_change_the_text():
    text = narrative_text("001")
    assert "37,83 7.39" in split_numbers(text)
    assert "604. 4" in split_after_point(narrative_text("002"))
    assert "３７，８３７．３９" in full_width(text)
    assert max(len(line) for line in wrap(text, 17, blank=True).split("\n")) == 17
