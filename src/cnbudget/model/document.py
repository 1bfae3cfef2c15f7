"""The disclosure document: what one extracted 预算/决算 publication holds.

Plain typed dataclasses, no behaviour beyond small derived views. Amounts are
`Decimal` in yuan (元), converted exactly from the unit printed per table.
This module imports nothing else of cnbudget; every other layer imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    BUDGET = "budget"  # 预算
    FINAL_ACCOUNT = "final_account"  # 决算


class Scope(StrEnum):
    DEPARTMENT = "department"  # 部门 (汇总)
    UNIT = "unit"  # 单位 (本级)


class RegionLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    COUNTY = "county"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(StrEnum):
    ARITHMETIC = "arithmetic"
    HIERARCHY = "hierarchy"
    CROSS_TABLE = "cross_table"
    TEXT_VS_TABLE = "text_vs_table"
    TEXT_INTERNAL = "text_internal"
    CLASSIFICATION = "classification"
    COMPLETENESS = "completeness"
    PLACEHOLDER = "placeholder"
    MAGNITUDE = "magnitude"
    PLAUSIBILITY = "plausibility"


class Status(StrEnum):
    """How completely a source was read (docling-style: partial is a result)."""

    SUCCESS = "success"
    PARTIAL = "partial"
    FAILURE = "failure"


class ProblemSeverity(StrEnum):
    """What a reading problem cost: only a loss makes the document partial."""

    RECOVERED = "recovered"  # read all the same; the message says how (repair, inference)
    PARTIAL = "partial"  # something printed could not be read or was dropped


@dataclass(frozen=True, slots=True)
class Box:
    """Where on a PDF page something is printed, in points of the page's own PDF user
    space: origin where the file's coordinates put it (usually the bottom left of the
    media box), y growing up, before the page's /Rotate is applied — the space of an
    annotation's /Rect, and what pdf.js's `viewport.convertToViewportRectangle` takes.
    x0 < x1 and y0 < y1."""

    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float

    def union(self, other: Box) -> Box:
        """The box covering both (the pages should agree: this one's is kept)."""
        return Box(self.page, min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))

    def overlaps(self, other: Box) -> bool:
        return (self.page == other.page and self.x0 < other.x1 and other.x0 < self.x1
                and self.y0 < other.y1 and other.y0 < self.y1)


@dataclass(frozen=True, slots=True)
class Locator:
    """Where something was printed: page for paged formats, line for text, and the
    box it covers where the reader knows positions (PDF)."""

    page: int | None = None
    line: int | None = None
    box: Box | None = None

    @property
    def place(self) -> Locator:
        """Page and line only: where a statement was printed, whatever part of it a
        box covers (the facts of one sentence share it, their boxes differ)."""
        return self if self.box is None else Locator(self.page, self.line)


@dataclass(frozen=True, slots=True)
class SourceFile:
    file: str
    sha256: str
    format: str  # pdf | docx | doc | xlsx | xls | ods | html | text | ofd
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Department:
    name: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Region:
    name: str | None = None
    level: RegionLevel | None = None


@dataclass(slots=True)
class DocumentMeta:
    kind: Kind | None = None
    scope: Scope | None = None
    year: int | None = None
    title: str | None = None
    department: Department = field(default_factory=Department)
    region: Region = field(default_factory=Region)
    source_units: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Indicator:
    """One line of a performance target / self-evaluation indicator table."""

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    # printed columns no field above takes (绩效指标描述, 指标值确定依据, 度量单位,
    # 绩效标准 …): `extra:<printed header>` → the cell as printed
    texts: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Row:
    """One printed row.

    Exactly one of `code` (classification rows), `item` (named rows) or
    `unit_code` (a sub-unit line interleaved in a classification table) keys
    the row; `side` splits summary tables into income/expenditure.
    `values` maps the table type's column keys (or `extra:<header>`) to yuan;
    `None` is a cell printed empty. `texts` holds text columns
    (procurement's `project`, `item_name` …; performance's `project`).
    """

    values: dict[str, Decimal | None] = field(default_factory=dict)
    code: str | None = None
    item: str | None = None
    side: str | None = None
    name: str | None = None
    unit_code: str | None = None
    texts: dict[str, str] = field(default_factory=dict)
    indicators: list[Indicator] | None = None
    locator: Locator | None = None
    # where each value's cell is printed (PDF): column key → box; the row's own box
    # is `locator.box`
    boxes: dict[str, Box] = field(default_factory=dict)

    @property
    def level(self) -> int | None:
        """类 = 1, 款 = 2, 项 = 3 for functional codes (3/5/7 digits) and
        economic codes (3/5 digits: 类 = 1, 款 = 2)."""
        if self.code is None:
            return None
        return {3: 1, 5: 2, 7: 3}.get(len(self.code))

    @property
    def key(self) -> str:
        """A short human label for findings: the code, item or unit code."""
        return self.code or self.item or self.unit_code or self.name or "?"


@dataclass(slots=True)
class Table:
    type: str  # a key of model.table_types.TABLE_TYPES, or "other"
    title: str
    rows: list[Row] = field(default_factory=list)
    unit: str | None = None  # the unit printed for this table: 元 | 万元 | 千元
    locator: Locator | None = None
    empty: bool = False
    note: str | None = None
    subject: str | None = None  # the project a per-project table is about
    # where the figures are not in the unit printed above them (表十 prints 单位:万元
    # over figures in 元), the unit they were read in; None when they are in `unit`
    figures_unit: str | None = None
    # the reader's own verdict: most of the table's identities fail as read, so its
    # figures are not to be taken for the department's (a `table.misread` problem says why)
    misread: bool = False
    # the fewest decimals the table prints an amount with, read from the printed text
    # (the rounding slack of its figures); None where not known: the audit infers it
    decimals: int | None = None

    def row_by_item(self, item: str, side: str | None = None) -> Row | None:
        for row in self.rows:
            if row.item == item and (side is None or row.side == side):
                return row
        return None

    def row_by_code(self, code: str) -> Row | None:
        for row in self.rows:
            if row.code == code:
                return row
        return None


class Funds(StrEnum):
    """The money a narrative figure is limited to, where the sentence says so."""

    FISCAL = "fiscal"  # 财政拨款 (all three budgets' appropriations)
    GENERAL_PUBLIC = "general_public"  # 一般公共预算
    GOV_FUND = "gov_fund"  # 政府性基金
    STATE_CAPITAL = "state_capital"  # 国有资本经营


class Span(StrEnum):
    """Which of a side's two totals a narrative figure is."""

    YEAR = "year"  # 本年收入/支出合计: this year's, without carry-overs
    TOTAL = "total"  # 收入/支出总计: with 上年结转 / 年末结转和结余


@dataclass(frozen=True, slots=True)
class FactScope:
    """Whose figure a narrative fact is, where not simply the department's of all its funds.

    `item` is set when the sentence is about one item of the department: a
    功能分类 类/款/项 (``functional``) or an 经济分类 类/款 (``economic``), named as
    printed (`name`, the deepest level named; `parents` the levels named above
    it), with the `level` the sentence gives it (（类）1, （款）2, （项）3) and its
    `code` where printed. `funds` and `span` say which money and which total a
    department-level figure is."""

    item: str | None = None  # "functional" | "economic"; None: the department as a whole
    name: str | None = None
    parents: tuple[str, ...] = ()
    level: int | None = None
    code: str | None = None
    funds: Funds | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure stated in the narrative, quoted and located."""

    key: str
    value: Decimal
    unit: str  # 元 for amounts (converted), % for shares, 辆/人 for counts
    text: str
    locator: Locator | None = None
    subject: str | None = None  # for change_amount / change_pct: what changed
    printed_unit: str | None = None  # the unit as printed, e.g. 万元
    scope: FactScope | None = None  # None: the department's own, of all its funds (or unstated)

    @property
    def item(self) -> str | None:
        """The kind of item the fact is about (functional), None for the department."""
        return self.scope.item if self.scope else None


@dataclass(frozen=True, slots=True)
class FindingLocation:
    table: str | None = None  # table type
    title: str | None = None  # printed title, to tell same-type tables apart
    item: str | None = None
    code: str | None = None
    column: str | None = None
    fact: str | None = None
    page: int | None = None
    line: int | None = None
    quote: str | None = None
    label: str | None = None  # the row as printed (its name, or code and name)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: Category
    severity: Severity
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    locations: tuple[FindingLocation, ...] = ()
    # the unit of `expected`/`actual`: 元 for amounts (always in yuan), % for rates
    # and shares, 辆/人/项 for counts, 分 for scores
    unit: str = "元"
    printed_unit: str | None = None  # the unit the amounts were printed in (万元), to show them so


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A line of the narrative (情况说明, 概况, 名词解释), as printed and located."""

    text: str
    locator: Locator | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the reader could not take in as printed: data, not an exception.

    `code` is stable (model/problems.py catalogues the codes); `message` is the
    code's template filled with `params`, in Chinese."""

    message: str
    locator: Locator | None = None
    severity: ProblemSeverity = ProblemSeverity.PARTIAL
    code: str = "read.unclassified"
    params: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Document:
    source: SourceFile
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    tables: list[Table] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    narrative: list[Paragraph] = field(default_factory=list)
    status: Status = Status.SUCCESS
    problems: list[Problem] = field(default_factory=list)

    def tables_of(self, type_: str) -> list[Table]:
        return [t for t in self.tables if t.type == type_]

    def table(self, type_: str) -> Table | None:
        """The first table of a type (most types appear once per document)."""
        for t in self.tables:
            if t.type == type_:
                return t
        return None

    def facts_of(self, key: str) -> list[Fact]:
        return [f for f in self.facts if f.key == key]
