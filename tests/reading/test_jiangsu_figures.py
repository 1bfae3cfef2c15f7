"""No printed figure silently lost, on the 22 real Jiangsu PDFs, against an
independent reader: every amount pdfplumber finds in a ruled table (a number with
decimals, which no code or row number has) is either held by a table cnbudget read
from that page or listed, with that page, as a `table.figures-unplaced` problem."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from cnbudget.model import Document
from cnbudget.normalise.amounts import UNIT_FACTORS
from cnbudget.pipeline import extract
from tests.conftest import JIANGSU

_DECIMAL = re.compile(r"^-?\d[\d,]*\.\d+$")


def _pdfs() -> list[Path]:
    return sorted(JIANGSU.rglob("*.pdf")) if JIANGSU.exists() else []


@cache
def _plumber_figures(path: Path) -> dict[int, list[str]]:
    """Per 1-based page, the decimal figures in pdfplumber's ruled tables, of the
    visible page only (pdfplumber also reads what is drawn past its edges: 江苏
    npc2017 p.11 has a copy of the 财政拨款基本支出预算表 of pp.12-13 below its bottom edge, which the page
    image does not show)."""
    out: dict[int, list[str]] = {}
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for table in page.within_bbox(page.bbox).extract_tables():
                for row in table:
                    for cell in row:
                        text = (cell or "").replace("\n", "").replace(" ", "")
                        if _DECIMAL.match(text):
                            out.setdefault(number, []).append(text)
    return out


def _held(doc: Document, page: int) -> set[Decimal]:
    held: set[Decimal] = set()
    for table in doc.tables:
        factor = UNIT_FACTORS.get(table.figures_unit or table.unit or "元", Decimal(1))
        for row in table.rows:
            if (row.locator or table.locator) and (row.locator or table.locator).page == page:
                held |= {(v / factor).normalize() for v in row.values.values() if v is not None}
    return held


def _listed(doc: Document, page: int) -> str:
    return " ".join(dict(p.params).get("figure", "") for p in doc.problems
                    if p.code == "table.figures-unplaced" and p.locator and p.locator.page == page)


@pytest.mark.parametrize("path", _pdfs(), ids=lambda p: p.name)
def test_every_figure_pdfplumber_reads_is_held_or_listed(path: Path, jiangsu_dir: Path) -> None:
    doc = extract(path, audit=False)
    silent: list[str] = []
    for page, figures in _plumber_figures(path).items():
        held, listed = _held(doc, page), _listed(doc, page)
        for text in figures:
            value = Decimal(text.replace(",", "")).normalize()
            if value not in held and text not in listed and text.replace(",", "") not in listed:
                silent.append(f"p.{page} {text}")
    assert silent == [], f"{path.name}: figures lost without a word: {silent[:20]}"


def test_the_pdfs_are_there(jiangsu_dir: Path) -> None:
    assert len(_pdfs()) == 22
