"""Every code/name pair printed in the real documents against the catalogue.

A pair that does not match must be listed below with the reason, so the audit
knows what to flag; anything else unmatched is a gap in the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cnbudget.normalise.classification import NameMatch, match_name
from cnbudget.normalise.codes import join_code

# A row: optional row number, a code (whole or split into 类/款/项 cells),
# then the name up to the first amount or cell break.
_PAIR = re.compile(
    r"^\s*(?:\d{1,3}\s+)?(?P<code>\d{3}(?:[ \t]+\d{2}){1,2}|\d{3}|\d{5}|\d{7})[ \t]+"
    r"(?P<name>[^\d\s][^\t\d]*?)\s*(?:[ \t]{2,}|\t|$|(?=[\d\-]))"
)
SEED_YEARS = {"000": 2020, "001": 2024, "002": 2020, "003": 2021, "004": 2020}

# Printed next to a code but not a classification name: the 单位名称 column of
# seed 003's procurement table, the department code in seed 000's header, a
# number in a sentence.
NOT_NAMES = {
    ("003", "2010301", "郑州市大数据管理局机关"),
    ("003", "2010302", "郑州市大数据管理局机关"),
    ("000", "302", "石家庄市数据资源管理局 单位：万元"),
    ("000", "20000", "条。实现政府网站资源优化融合、平台整合安全、数据互认共"),
}
# Pairs that genuinely do not belong together: the audit should flag them.
# (None found so far in the five seeds and the Jiangsu 2017–2019 budgets.)
GENUINE_MISMATCHES: set[tuple[str, str, str]] = set()


_CODE_CELL = re.compile(r"\d{2,7}")


def _tab_pairs(line: str) -> Iterator[tuple[str, str]]:
    """Tab-separated rows may print two codes (seed 003: 部门 and 政府经济分类
    side by side), each split over 类/款 cells and followed by its name."""
    pieces: list[str] = []
    for cell in (cell.strip() for cell in line.split("\t")):
        if _CODE_CELL.fullmatch(cell):
            pieces.append(cell)
            continue
        code = join_code(*pieces) if pieces else None
        if code is not None and cell and not cell[0].isdigit():
            yield code, cell
        pieces = []


def printed_pairs(text: str) -> Iterator[tuple[str, str]]:
    for line in text.splitlines():
        if "\t" in line:
            found = list(_tab_pairs(line))
        else:
            match = _PAIR.match(line)
            found = [(join_code(match["code"]), match["name"].strip())] if match else []
        for code, name in found:
            if code is not None and code[0] in "235":
                yield code, name


def _kind(code: str) -> str:
    return "functional" if code.startswith("2") else "economic"


def _seed_text(seeds_dir: Path, number: str) -> str:
    matches = sorted(seeds_dir.glob(f"{number}_*.txt"))
    if not matches:
        pytest.skip(f"seed {number} is not in {seeds_dir}")
    return matches[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("number", sorted(SEED_YEARS))
def test_seed_pairs_match_the_catalogue(seeds_dir: Path, number: str) -> None:
    text = _seed_text(seeds_dir, number)
    pairs = set(printed_pairs(text))
    problems = []
    for code, name in sorted(pairs):
        if (number, code, name) in NOT_NAMES | GENUINE_MISMATCHES:
            continue
        outcome = match_name(_kind(code), code, name, SEED_YEARS[number])
        if outcome not in (NameMatch.EXACT, NameMatch.TRUNCATED):
            problems.append((code, name, outcome.value))
    assert not problems


def test_seed_pairs_are_found(seeds_dir: Path) -> None:
    """The extraction above sees the tables at all (guards against a vacuous pass)."""
    counts = {n: len(set(printed_pairs(_seed_text(seeds_dir, n)))) for n in ("000", "002", "003")}
    assert all(count >= 25 for count in counts.values()), counts
    pairs_003 = set(printed_pairs(_seed_text(seeds_dir, "003")))
    assert ("2010301", "行政运行（政府办公厅（室）及相关机构事务）") in pairs_003
    assert ("30101", "基本工资") in pairs_003
    assert ("50101", "工资奖金津补贴_行政") in pairs_003


def _pdf_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_jiangsu_pairs_match_the_catalogue(jiangsu_dir: Path) -> None:
    problems = []
    seen = 0
    for path in sorted(jiangsu_dir.rglob("*.pdf")):
        year = int(re.search(r"20\d\d", path.name).group(0))
        for code, name in set(printed_pairs(_pdf_text(path))):
            seen += 1
            outcome = match_name(_kind(code), code, name, year)
            if outcome not in (NameMatch.EXACT, NameMatch.TRUNCATED):
                problems.append((path.name, code, name, outcome.value))
    assert seen > 300
    assert not problems
