"""Hypothesis strategies for the data model: whole `Document`s as an extractor
could produce them (any table type, nullable cells, extra columns, sub-unit
rows, indicators, facts, findings, narrative, problems). Other areas may
reuse `documents()`.

Amounts stay within what a budget prints (at most 15 significant digits:
SQLite's exact range); text excludes NUL, which PostgreSQL cannot hold.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from cnbudget.model.document import (
    Category,
    Department,
    Document,
    DocumentMeta,
    Fact,
    FactScope,
    Finding,
    FindingLocation,
    Funds,
    Indicator,
    Kind,
    Locator,
    Paragraph,
    Problem,
    ProblemSeverity,
    Region,
    RegionLevel,
    Row,
    Scope,
    Severity,
    SourceFile,
    Span,
    Status,
    Table,
)
from cnbudget.model.fact_keys import FACT_KEYS
from cnbudget.model.table_types import OTHER, TABLE_TYPES

_ALPHABET = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\x00",
)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def texts(min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(CJK, min_size=max(min_size, 1), max_size=max_size),
        st.text(_ALPHABET, min_size=min_size, max_size=max_size),
    )


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def amounts() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        st.decimals(min_value=-10**14, max_value=10**14, places=0),
        st.decimals(min_value=-10**12, max_value=10**12, places=2),
        st.decimals(min_value=-10**8, max_value=10**8, places=4),
    )


small_ints = st.integers(min_value=1, max_value=100_000)
locators = optional(st.builds(Locator, page=optional(small_ints), line=optional(small_ints)))
codes = st.text("0123456789", min_size=3, max_size=7)
column_keys = st.sampled_from(
    sorted({c.key for t in TABLE_TYPES.values() for c in t.columns if not c.text})
) | st.builds(lambda h: f"extra:{h}", texts(1, 8))
text_keys = st.sampled_from(["project", "item_name", "catalog_code", "measure"])

indicators = st.builds(
    Indicator,
    level1=optional(texts()), level2=optional(texts()), level3=optional(texts()),
    target=optional(texts()), actual=optional(texts()),
    weight=optional(amounts()), score=optional(amounts()),
    # printed columns of no field: the contract keys them `extra:<printed header>`
    texts=st.dictionaries(st.builds(lambda h: f"extra:{h}", texts(1, 8)), texts(), max_size=3),
)


@st.composite
def rows(draw: st.DrawFn) -> Row:
    keying = draw(st.sampled_from(["code", "item", "unit_code", "side_item", "total"]))
    code = item = side = unit_code = None
    if keying == "code":
        code = draw(codes)
    elif keying == "item":
        item = draw(st.sampled_from(["total", "outbound", "vehicle", "reception"]) | texts(1))
    elif keying == "unit_code":
        unit_code = draw(st.text("0123456789", min_size=6, max_size=6))
    elif keying == "side_item":
        side = draw(st.sampled_from(["income", "expenditure"]))
        item = draw(st.sampled_from(["fiscal", "grand_total", "func:201", "basic"]))
    else:
        item = "total"
    return Row(
        values=draw(st.dictionaries(column_keys, optional(amounts()), max_size=6)),
        code=code, item=item, side=side, unit_code=unit_code,
        name=draw(optional(texts())),
        texts=draw(st.dictionaries(text_keys, texts(), max_size=2)),
        indicators=draw(optional(st.lists(indicators, max_size=3))),
        locator=draw(locators),
    )


tables = st.builds(
    Table,
    type=st.sampled_from([*TABLE_TYPES, OTHER]),
    title=texts(1),
    rows=st.lists(rows(), max_size=6),
    unit=optional(st.sampled_from(["元", "万元", "千元"])),
    locator=locators,
    empty=st.booleans(),
    note=optional(texts()),
    subject=optional(texts()),
    figures_unit=optional(st.sampled_from(["元", "万元"])),
    decimals=optional(st.integers(min_value=0, max_value=4)),
)

scopes = st.builds(
    FactScope,
    item=optional(st.just("functional")), name=optional(texts(1)),
    parents=st.lists(texts(1), max_size=2).map(tuple),
    level=optional(st.sampled_from([1, 2, 3])), code=optional(codes),
    funds=optional(st.sampled_from(Funds)), span=optional(st.sampled_from(Span)),
)

facts = st.builds(
    Fact,
    key=st.sampled_from(sorted(FACT_KEYS)),
    value=amounts(),
    unit=st.sampled_from(["元", "%", "辆", "人"]),
    text=texts(),
    locator=locators,
    subject=optional(st.sampled_from(["expenditure_total", "three_public_total"])),
    printed_unit=optional(st.sampled_from(["万元", "元"])),
    scope=optional(scopes),
)

finding_locations = st.builds(
    FindingLocation,
    table=optional(st.sampled_from(sorted(TABLE_TYPES))), title=optional(texts()),
    item=optional(texts()), code=optional(codes), column=optional(column_keys),
    fact=optional(st.sampled_from(sorted(FACT_KEYS))), page=optional(small_ints),
    line=optional(small_ints), quote=optional(texts()), label=optional(texts()),
)

findings = st.builds(
    Finding,
    rule=st.from_regex(r"[a-z_]{3,12}\.[a-z_0-9]{3,20}", fullmatch=True),
    category=st.sampled_from(Category),
    severity=st.sampled_from(Severity),
    message=texts(),
    expected=optional(amounts()),
    actual=optional(amounts()),
    locations=st.lists(finding_locations, max_size=3).map(tuple),
    unit=st.sampled_from(["元", "%", "辆"]),
    printed_unit=optional(st.sampled_from(["万元", "元"])),
)

metas = st.builds(
    DocumentMeta,
    kind=optional(st.sampled_from(Kind)),
    scope=optional(st.sampled_from(Scope)),
    year=optional(st.integers(min_value=2010, max_value=2030)),
    title=optional(texts()),
    department=st.builds(Department, name=optional(texts(1)), code=optional(codes)),
    region=st.builds(Region, name=optional(texts(1)),
                     level=optional(st.sampled_from(RegionLevel))),
    source_units=st.lists(st.sampled_from(["元", "万元", "千元"]), max_size=2, unique=True),
)

sources = st.builds(
    SourceFile,
    file=texts(1).map(lambda s: f"{s}.pdf"),
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    format=st.sampled_from(["pdf", "docx", "doc", "xlsx", "xls", "html", "text", "ofd"]),
    pages=optional(small_ints),
)


def documents() -> st.SearchStrategy[Document]:
    return st.builds(
        Document,
        source=sources,
        meta=metas,
        tables=st.lists(tables, max_size=4),
        facts=st.lists(facts, max_size=4),
        findings=st.lists(findings, max_size=3),
        narrative=st.lists(st.builds(Paragraph, text=texts(), locator=locators), max_size=4),
        status=st.sampled_from(Status),
        problems=st.lists(st.builds(Problem, message=texts(), locator=locators,
                                    severity=st.sampled_from(ProblemSeverity)), max_size=2),
    )
