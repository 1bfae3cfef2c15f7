"""The versioned catalogue of 支出功能分类 and 支出经济分类, and name lookups.

The catalogue is data (`normalise/data/*.csv`, sources in `sources.csv`): one
row per code and name with the years the name is in force (fiscal years
2017–2026 are covered), how certain the row is and where it comes from. A code
whose name changed (207 文化体育与传媒支出 → 文化旅游体育与传媒支出 in 2019)
has one row per name. It is read once and cached. `docs/classification.md` is
generated from it (`classification_docs.catalogue_markdown`).

Kinds: `functional` (支出功能分类), `economic_department` (部门预算支出经济分类,
301…399) and `economic_government` (政府预算支出经济分类, 501…599).
"""

from __future__ import annotations

import csv
import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cnbudget.normalise.codes import code_level, join_code, parent_code, split_code
from cnbudget.normalise.names import edit_distance, name_key, split_parent_suffix

__all__ = [
    "ECONOMIC_DEPARTMENT",
    "ECONOMIC_GOVERNMENT",
    "FUNCTIONAL",
    "KINDS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "Certainty",
    "ClassificationEntry",
    "NameMatch",
    "NameVerdict",
    "catalogue",
    "code_level",
    "covers",
    "economic_code_for_name",
    "economic_entry",
    "entries_for",
    "entry",
    "functional_code_for_name",
    "functional_entry",
    "is_valid",
    "join_code",
    "kind_of_code",
    "match_name",
    "name_of",
    "name_verdict",
    "names_match",
    "parent_code",
    "split_code",
    "years_in_force",
]

FUNCTIONAL = "functional"
ECONOMIC_DEPARTMENT = "economic_department"
ECONOMIC_GOVERNMENT = "economic_government"
KINDS = (FUNCTIONAL, ECONOMIC_DEPARTMENT, ECONOMIC_GOVERNMENT)

_KIND_ALIASES = {
    "functional": FUNCTIONAL,
    "function": FUNCTIONAL,
    "department": ECONOMIC_DEPARTMENT,
    "economic_department": ECONOMIC_DEPARTMENT,
    "government": ECONOMIC_GOVERNMENT,
    "economic_government": ECONOMIC_GOVERNMENT,
}
_DATA_FILES = {FUNCTIONAL: "functional.csv", "economic": "economic.csv"}
# The fiscal years the catalogue speaks for: an open validity edge means "in
# force at this edge of the coverage", not "in force forever".
FIRST_YEAR = 2017
LAST_YEAR = 2026

# Shorter printed names (after truncation by a narrow cell) still identify
# the entry when at least this many characters survive.
_MIN_TRUNCATED = 4


class Certainty(enum.Enum):
    """How far a catalogue row can be trusted (the `certainty` column)."""

    CONFIRMED = "confirmed"  # printed in a source seen: a real document or a 科目 text
    KNOWN = "known"  # the editors' knowledge of the 财政部 科目, not checked line by line
    UNCERTAIN = "uncertain"  # name or years doubtful; the row's note says why


@dataclass(frozen=True)
class ClassificationEntry:
    """One code with one of its official names, valid from/to the given years
    (inclusive; None = open: in force before the catalogue's earliest source,
    or still in force)."""

    code: str
    name: str
    level: int
    kind: str
    valid_from: int | None
    valid_to: int | None
    source: str
    aliases: tuple[str, ...] = ()
    certainty: Certainty = Certainty.KNOWN
    note: str = ""

    @property
    def certain(self) -> bool:
        """True when the row is firm enough to call a printed name wrong."""
        return self.certainty is not Certainty.UNCERTAIN

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class NameMatch(enum.Enum):
    """How a printed name relates to the catalogue entry of its code."""

    EXACT = "exact"  # the entry's name (or an alias) valid in the year
    OTHER_YEAR = "other_year"  # a name the code carries in another year
    TRUNCATED = "truncated"  # a prefix of the name, cut by a narrow cell
    CLOSE = "close"  # one character off: an OCR or typing slip
    MISMATCH = "mismatch"  # a different name: the pair does not belong together
    UNKNOWN_CODE = "unknown_code"  # the code is not in the catalogue


_MATCHING = frozenset({NameMatch.EXACT, NameMatch.OTHER_YEAR, NameMatch.TRUNCATED, NameMatch.CLOSE})


def _canonical_kind(kind: str, code: str | None = None) -> str:
    if kind == "economic":
        # 部门 codes are 3xx, 政府 codes 5xx: the code says which.
        return ECONOMIC_GOVERNMENT if code and code.startswith("5") else ECONOMIC_DEPARTMENT
    try:
        return _KIND_ALIASES[kind]
    except KeyError:
        raise ValueError(f"unknown classification kind {kind!r}; use one of {KINDS}") from None


def _year(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def _sources() -> dict[str, str]:
    with resources.files(__package__).joinpath("data/sources.csv").open(encoding="utf-8") as handle:
        return {row["key"]: row["source"] for row in csv.DictReader(handle)}


def _read_rows(filename: str) -> Iterable[dict[str, str]]:
    with resources.files(__package__).joinpath(f"data/{filename}").open(encoding="utf-8") as handle:
        yield from csv.DictReader(row for row in handle if not row.startswith("#"))


def _entry(row: dict[str, str], kind: str) -> ClassificationEntry:
    sources = _sources()
    code = join_code(row["code"])
    level = code_level(row["code"])
    if code is None or level is None:
        raise ValueError(f"catalogue row with a malformed code: {row}")
    keys = [key.strip() for key in row["source"].split(";") if key.strip()]
    unknown = [key for key in keys if key not in sources]
    if not keys or unknown:
        raise ValueError(f"catalogue row without a known source {unknown}: {row}")
    return ClassificationEntry(
        code=code,
        name=row["name"].strip(),
        level=level,
        kind=kind,
        valid_from=_year(row["valid_from"]),
        valid_to=_year(row["valid_to"]),
        source="; ".join(sources[key] for key in keys),
        aliases=tuple(alias.strip() for alias in row["aliases"].split("|") if alias.strip()),
        certainty=Certainty(row["certainty"].strip()),
        note=row["note"].strip(),
    )


@cache
def catalogue() -> tuple[ClassificationEntry, ...]:
    """Every entry of every kind, in code order within each kind."""
    entries = [_entry(row, FUNCTIONAL) for row in _read_rows(_DATA_FILES[FUNCTIONAL])]
    entries += [
        _entry(row, _canonical_kind(row["kind"])) for row in _read_rows(_DATA_FILES["economic"])
    ]
    order = {kind: index for index, kind in enumerate(KINDS)}
    return tuple(sorted(entries, key=lambda e: (order[e.kind], e.code, e.valid_from or 0)))


@cache
def _by_code() -> dict[tuple[str, str], tuple[ClassificationEntry, ...]]:
    grouped: dict[tuple[str, str], list[ClassificationEntry]] = defaultdict(list)
    for entry in catalogue():
        grouped[(entry.kind, entry.code)].append(entry)
    return {key: tuple(value) for key, value in grouped.items()}


@cache
def _by_name() -> dict[tuple[str, str], tuple[ClassificationEntry, ...]]:
    grouped: dict[tuple[str, str], list[ClassificationEntry]] = defaultdict(list)
    for entry_ in catalogue():
        for key in {name_key(name) for name in entry_.names}:
            grouped[(entry_.kind, key)].append(entry_)
    return {key: tuple(value) for key, value in grouped.items()}


def entries_for(kind: str, code: str) -> tuple[ClassificationEntry, ...]:
    """All entries (every name in every year) of a code; empty if unknown."""
    joined = join_code(code)
    if joined is None:
        return ()
    return _by_code().get((_canonical_kind(kind, joined), joined), ())


def entry(kind: str, code: str, year: int | None = None) -> ClassificationEntry | None:
    """The entry in force in `year` (the latest one when `year` is None).

    A year outside every entry's validity gives None: the code did not exist then.
    """
    candidates = entries_for(kind, code)
    if year is None:
        return candidates[-1] if candidates else None
    in_force = [candidate for candidate in candidates if candidate.valid_in(year)]
    return in_force[-1] if in_force else None


def functional_entry(code: str, year: int | None = None) -> ClassificationEntry | None:
    """The 支出功能分类 entry of a 3/5/7-digit code in force in `year`."""
    return entry(FUNCTIONAL, code, year)


def economic_entry(
    code: str, year: int | None = None, kind: str = "department"
) -> ClassificationEntry | None:
    """The 支出经济分类 entry (kind "department" 部门 or "government" 政府)."""
    return entry(kind, code, year)


def _named(kind: str, name: str) -> tuple[ClassificationEntry, ...]:
    """Entries whose name or alias is `name`, or, for a name with its parent
    appended (`行政运行（政府办公厅（室）及相关机构事务）`), the child entries
    under a parent of that name."""
    found = _by_name().get((kind, name_key(name)), ())
    if found:
        return found
    split = split_parent_suffix(name)
    if split is None:
        return ()
    child, parent = split
    parent_codes = {e.code for e in _by_name().get((kind, name_key(parent)), ())}
    return tuple(e for e in _by_name().get((kind, name_key(child)), ()) if parent_code(e.code) in parent_codes)


def _unique_code(entries: Iterable[ClassificationEntry]) -> str | None:
    codes = {e.code for e in entries}
    top = {code for code in codes if len(code) == 3}
    # A 类 name wins over a 款/项 of the same name (其他支出 is 229 and 22999).
    if len(top) == 1:
        return top.pop()
    return codes.pop() if len(codes) == 1 else None


def _code_for_name(kind: str, name: str, year: int | None) -> str | None:
    """The code a printed name stands for; None when unknown or ambiguous
    (行政运行 is a 项 of many 款 unless the printed name appends its parent).

    A name that moved (住房公积金: 30311 until 2017, 30113 since) resolves to
    the code in force in `year` (now, without a year). Old names still resolve
    in later years: templates lag behind the 科目 (a 2020 table prints
    资源勘探信息等支出, renamed in 2020).
    """
    named = _named(kind, name)
    in_force = [e for e in named if e.valid_in(year) and (year is not None or e.valid_to is None)]
    if in_force:
        return _unique_code(in_force)
    return _unique_code(named)


def functional_code_for_name(name: str, year: int | None = None) -> str | None:
    """一般公共服务支出 → "201", 资源勘探信息等支出 → "215" … (None if unknown)."""
    return _code_for_name(FUNCTIONAL, name, year)


MIN_PREFIX = 4  # characters of a cut name that can still tell one 类 from another


def functional_category_for_prefix(cut: str) -> str | None:
    """The 类 whose name starts with a name cut short (a row split at a page
    break prints 八、社会保障和就 / 业支出): only when exactly one 类 fits."""
    # the catalogue's keys drop a trailing 支出, so a cut 支 is dropped too
    key = name_key(cut, drop_spending=False).removesuffix("支")
    if len(key) < MIN_PREFIX:
        return None
    codes = {code for (kind, name), entries in _by_name().items() if kind == FUNCTIONAL
             and name.startswith(key) for code in (e.code for e in entries) if len(code) == 3}
    return codes.pop() if len(codes) == 1 else None


def economic_code_for_name(
    name: str, year: int | None = None, kind: str = "department"
) -> str | None:
    """工资福利支出 → "301", 基本工资 → "30101" … (kind "government": 机关工资福利支出 → "501")."""
    return _code_for_name(_canonical_kind(kind), name, year)


def _compare(printed_key: str, entry_: ClassificationEntry) -> NameMatch | None:
    """EXACT/TRUNCATED/CLOSE for one entry; None when no name of it fits."""
    best: NameMatch | None = None
    for name in entry_.names:
        key = name_key(name)
        if printed_key == key:
            return NameMatch.EXACT
        whole = name_key(name, drop_spending=False)
        if (
            len(printed_key) >= _MIN_TRUNCATED
            and len(printed_key) * 2 >= len(key)
            and whole.startswith(printed_key)
        ):
            best = NameMatch.TRUNCATED
        elif best is None and min(len(key), len(printed_key)) >= 5 and edit_distance(
            printed_key, key, limit=1
        ) <= 1:
            best = NameMatch.CLOSE
    return best


def _ancestor_keys(kind: str, code: str) -> set[str]:
    keys: set[str] = set()
    ancestor = parent_code(code)
    while ancestor is not None:
        keys.update(name_key(name) for e in entries_for(kind, ancestor) for name in e.names)
        ancestor = parent_code(ancestor)
    return keys


@dataclass(frozen=True)
class NameVerdict:
    """How a printed name relates to its code, and the catalogue entry it was
    judged against (the matching entry, or the one in force for a mismatch)."""

    match: NameMatch
    entry: ClassificationEntry | None = None


def name_verdict(kind: str, code: str, printed_name: str, year: int | None = None) -> NameVerdict:
    """The verdict on `printed_name` for `code` in `year`: a name of that year
    (EXACT), of another year (OTHER_YEAR: a stale or early name), cut short,
    one slip off, a different name (MISMATCH) or an unknown code."""
    joined = join_code(code)
    kind = _canonical_kind(kind, joined)
    candidates = entries_for(kind, code)
    if not candidates:
        return NameVerdict(NameMatch.UNKNOWN_CODE)
    printed_keys = [name_key(printed_name)]
    split = split_parent_suffix(printed_name)
    if split is not None and name_key(split[1]) in _ancestor_keys(kind, candidates[0].code):
        printed_keys.append(name_key(split[0]))
    in_year = [c for c in candidates if c.valid_in(year)]
    other = [c for c in candidates if not c.valid_in(year)]
    outcomes: list[tuple[NameMatch, ClassificationEntry]] = []
    for group, exact in ((in_year, NameMatch.EXACT), (other, NameMatch.OTHER_YEAR)):
        for candidate in group:
            for printed_key in printed_keys:
                outcome = _compare(printed_key, candidate)
                if outcome is NameMatch.EXACT:
                    return NameVerdict(exact, candidate)
                if outcome is not None:
                    outcomes.append((outcome, candidate))
    judged = in_year[-1] if in_year else candidates[-1]
    # A printed name that is another entry's name is that entry, not a slip or
    # a cut (专用燃料费 under 30218 专用材料费; 资本性支出 under 309).
    if not outcomes or any((kind, key) in _by_name() for key in printed_keys):
        return NameVerdict(NameMatch.MISMATCH, judged)
    best = next((pair for pair in outcomes if pair[0] is NameMatch.TRUNCATED), outcomes[0])
    return NameVerdict(*best)


def match_name(kind: str, code: str, printed_name: str, year: int | None = None) -> NameMatch:
    """How `printed_name` relates to the catalogue's name(s) for `code`."""
    return name_verdict(kind, code, printed_name, year).match


def names_match(kind: str, code: str, printed_name: str, year: int | None = None) -> bool | None:
    """True when the printed name belongs to the code (in any year, truncated
    or one slip off), False for a different name, None when the code is unknown."""
    outcome = match_name(kind, code, printed_name, year)
    if outcome is NameMatch.UNKNOWN_CODE:
        return None
    return outcome in _MATCHING


def kind_of_code(code: str) -> str | None:
    """The kind a code's digits say: 2xx functional, 3xx 部门 and 5xx 政府 economic."""
    joined = join_code(code)
    if joined is None:
        return None
    return {"2": FUNCTIONAL, "3": ECONOMIC_DEPARTMENT, "5": ECONOMIC_GOVERNMENT}.get(joined[0])


def covers(year: int | None) -> bool:
    """True for a fiscal year the catalogue speaks for (2017–2026)."""
    return year is not None and FIRST_YEAR <= year <= LAST_YEAR


def name_of(code: str, year: int | None = None, kind: str | None = None) -> str | None:
    """The official name of `code` in `year` (the latest name without a year);
    None when the code is unknown or not in force that year. The kind follows
    the code's first digit unless given."""
    kind = kind or kind_of_code(code)
    found = entry(kind, code, year) if kind else None
    return found.name if found else None


def is_valid(code: str, year: int, kind: str | None = None) -> bool:
    """True when `code` is a 科目 of `year` in the catalogue."""
    return name_of(code, year, kind) is not None


def years_in_force(kind: str, code: str) -> tuple[int | None, int | None] | None:
    """The first and last year any name of `code` is in force (None = open);
    None when the code is unknown."""
    found = entries_for(kind, code)
    if not found:
        return None
    starts = [e.valid_from for e in found]
    ends = [e.valid_to for e in found]
    return (None if None in starts else min(s for s in starts if s is not None),
            None if None in ends else max(e for e in ends if e is not None))
