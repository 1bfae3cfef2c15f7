"""Narrative facts: the figures a reader would quote from the 情况说明.

Each sentence is read clause by clause, left to right, the way an inspector
reads it: a clause names a quantity (“三公”经费, 基本支出, 本年支出合计 …) and
gives its figure; later clauses may continue it (`,支出决算为 2.80 万元`),
compare it with last year (`较2019年增加 2589.55万元`, `下降 34.0%`) or break
a change down (`其中：…`); explanations (`主要原因是…`, `主要用于…`) are
skipped. A sentence naming nothing (`预算数比2020年增加0万元。`) is about what the
sentence before named. Only figures the contract has a key for become facts,
quoted with the clause and located at the line where the quote begins; a
figure restated later is kept once. Nothing is adjusted to agree with the
tables: the text is reported as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.ingest.layout import Line
from cnbudget.model.document import Fact, FactScope, Funds, Kind, Span
from cnbudget.normalise.amounts import to_yuan
from cnbudget.recognise import facts_patterns as P
from cnbudget.recognise.facts_figures import COUNTS, UNITLESS, Figure, figures
from cnbudget.recognise.facts_items import ItemStatement, item_facts, item_statements
from cnbudget.recognise.facts_text import BREAK, NarrativeText, join_lines

_CLAUSE_BREAK = frozenset(",;:")
_BLOCKED = "blocked"  # a quantity without a key (公务用车购置及运行维护费, 财政拨款收入 …)
# list markers and markup before a quote: `- 1.`, `(2)`, `**`
_QUOTE_LEAD = re.compile(r"(?:\s|[-•·]|[1-9]\d?\s*[、.](?!\s*\d)|\(\s*[\d一二三四五六七八九十]+\s*\)|[一二三四五六七八九十]+、)+")
_BREAKDOWN_LEAD = re.compile(r"\s*(?:其中|包括|具体)")
_CARRIED_QUOTE = 40  # a change quotes the sentence before when that names what changed, briefly
_TIME_ONLY = re.compile(r"\s*(?:\d{4}\s*年度?|截至.*|截止.*)\s*")


def extract_facts(lines: Sequence[Line], kind: Kind | None, year: int | None) -> list[Fact]:
    """Every contract fact the narrative lines state, in reading order.

    `kind` decides which of a 预算数/决算数 pair is the fact (a final account's
    facts are its 决算 figures); `year` tells last year's comparison
    (`较2019年`) from this year's budget and figures of other years from this
    year's.
    """
    text = join_lines(lines)
    statements = item_statements(text)
    reader = _Reader(text, kind, year)
    topic: _Mention | None = None  # what the previous sentence was about
    for start, end in text.sentences():
        for a, b in _outside(start, end, statements):
            named = reader.read_sentence(a, b, topic)
            if not _passes_topic_on(text.folded[a:b]):
                topic = named
        if text.folded[end - 1] == BREAK or len(_outside(start, end, statements)) != 1:
            topic = None  # a new paragraph, or an item's statement: the topic ends
    placed = list(zip(reader.offsets, reader.facts, strict=True))
    for statement in statements:
        placed += [(statement.start, f) for f in item_facts(text, statement, kind, year)]
    placed.sort(key=lambda p: p[0])
    return _unique([f for _, f in placed])


def _outside(start: int, end: int, statements: Sequence[ItemStatement]) -> list[tuple[int, int]]:
    """The parts of a sentence outside every item statement (those are the item's)."""
    parts = [(start, end)]
    for st in statements:
        if st.end <= start or st.start >= end:
            continue
        parts = [piece for a, b in parts
                 for piece in ((a, min(b, st.start)), (max(a, st.end), b)) if piece[0] < piece[1]]
    return parts


@dataclass(slots=True)
class _Mention:
    subject: str  # a fact key, grand_total, or _BLOCKED
    start: int  # where the clause naming it starts
    term: bool  # named by a specific term, not by 收入/支出 alone


@dataclass(slots=True)
class _Sentence:
    """What reading a sentence so far has established."""

    subject: _Mention | None = None  # the quantity being talked about
    base_last_year: bool | None = None  # the latest comparison: last year (True) or a budget (False)
    base_start: int | None = None
    fiscal: bool = False  # the sentence is about appropriations only (财政拨款 …)
    explaining: bool = False  # inside 主要原因是… up to the next ; or 。
    last_change_sign: int | None = None  # the previous figure was a change, with this sign
    breakdown_sign: int | None = None  # inside 其中 after a change: items are changes too
    previous_clause: tuple[int, int] | None = None
    clause_starts: list[int] = field(default_factory=list)
    first: _Mention | None = None  # the first quantity the sentence names
    start: int = 0
    value_mention: _Mention | None = None  # the quantity of the previous value figure
    count: str | None = None  # the count (vehicles, staff) the sentence stated last
    funds: Funds | None = None  # the funds the sentence names before its first figure
    figured: bool = False  # a figure has been read
    restated: bool = False  # compares on a restated basis (按…口径, 剔除…因素): not the headline change


@dataclass(slots=True)
class _Reader:
    text: NarrativeText
    kind: Kind | None
    year: int | None
    facts: list[Fact] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # where each fact's quote starts

    # --- sentences and clauses -------------------------------------------------

    def read_sentence(self, start: int, end: int, topic: _Mention | None) -> _Mention | None:
        """Read one sentence and return the first quantity it names. `topic` is the
        previous sentence's, for one that names none (`预算数比2020年增加0万元。`)."""
        folded = self.text.folded
        state = _Sentence()
        state.start = start
        if topic is not None:
            state.subject = topic
        final = self.kind is Kind.FINAL_ACCOUNT or (self.kind is None and "决算" in folded[start:end])
        found = figures(folded, start, end)
        clause_start = start
        pos = start
        for figure in [*found, None]:
            stop = figure.start if figure else end
            # clause breaks between here and the figure each start a new clause
            for i in range(pos, stop):
                if folded[i] in _CLAUSE_BREAK:
                    self._clause(state, clause_start, i, None, final)
                    if folded[i] == ";":
                        state.explaining = False
                        state.breakdown_sign = None
                        state.value_mention = None
                    clause_start = i + 1
            if figure is None:
                self._clause(state, clause_start, end, None, final)
                break
            self._clause(state, clause_start, figure.start, figure, final)
            clause_start = pos = figure.end
        return state.first

    def _clause(self, state: _Sentence, start: int, end: int, figure: Figure | None, final: bool) -> None:
        head = self.text.folded[start:end]
        if head.strip():
            state.clause_starts.append(start)
        if head.lstrip().startswith(")"):
            state.breakdown_sign = None
        if state.explaining:
            return
        reason = P.REASON.search(head)
        if reason:
            head = head[: reason.start()]
        if P.FISCAL_SCOPE.search(head):
            state.fiscal = True
            if not state.figured:
                state.funds = P.funds_named(head)
        if P.RESTATED_BASE.search(head):
            state.restated = True  # the sentence's comparisons are on that basis
        for base in P.BASE.finditer(head):
            state.base_last_year = self._is_last_year(base) and not state.restated
            state.base_start = start
        if P.BREAKDOWN.search(head) and state.last_change_sign is not None:
            state.breakdown_sign = state.last_change_sign
        verb = P.CHANGE_VERB.search(head) if figure and not reason else None
        mention = self._mention(head[: verb.start()] if verb else head, start, state)
        flat = P.FLAT.search(head) if not reason else None
        if flat is not None:
            self._flat(state, mention, flat, start)
        if figure is not None and not reason:
            if verb:
                self._change(state, mention, figure, verb, start)
            elif state.breakdown_sign is not None and figure.unit not in ("%", *COUNTS):
                self._breakdown_item(state, mention, figure, start)
            else:
                state.last_change_sign = None
                named = self._value(state, head, start, figure, final)
                if not named and mention is None:
                    state.subject = None  # a figure of something unnamed: 会议费预算支出158.44万元
        if figure is not None:
            state.figured = True
        if mention is not None:
            state.subject = mention
            state.first = state.first or mention
        state.previous_clause = (start, end)
        if reason:
            state.explaining = True

    # --- what a clause names -------------------------------------------------------

    def _mention(self, head: str, start: int, state: _Sentence) -> _Mention | None:
        """The quantity a clause names, for the changes that follow it."""
        stripped, _ = _strip_lead(head)
        term = _last_term(stripped)
        if term is not None:
            return _Mention(term[0].key or _BLOCKED, start, True)
        total = P.TOTAL_HEAD.match(stripped)
        if total is None:
            return None
        if state.subject is not None and state.subject.term and not _starts_fresh(self.text.folded, start):
            return None  # ,支出决算为 … continues the quantity named before
        if total.group("fiscal") or state.fiscal:
            return _Mention(_BLOCKED, start, False)
        return _Mention(_total_subject(total), start, False)

    def _is_last_year(self, base: re.Match[str]) -> bool:
        if base.group(0) == "同比" or base.group("last"):
            return True
        if base.group("year"):
            return self.year is None or int(base.group("year")) < self.year
        return False

    # --- figures -------------------------------------------------------------------

    def _change(self, state: _Sentence, mention: _Mention | None, figure: Figure,
                verb: re.Match[str], start: int) -> None:
        sign = P.CHANGE_SIGN.get(verb.group(1), 1)
        state.last_change_sign = sign
        if figure.unit in COUNTS:
            self._count_change(state, figure, sign, start, verb.start())
            return
        subject = mention or state.subject
        if not state.base_last_year or subject is None:
            return
        if subject.subject == _BLOCKED:
            return
        key = "change_pct" if figure.unit == "%" else "change_amount"
        self._emit(key, figure, self._change_quote(state, start, mention, subject), sign=sign,
                   subject=subject.subject)

    def _change_quote(self, state: _Sentence, start: int, mention: _Mention | None, subject: _Mention) -> int:
        """Where a change's quote starts: the clause comparing, and the one naming
        the quantity when it comes right before (`收支安排 X万元，较2019年增加 Y万元`)."""
        clauses = state.clause_starts
        if mention is not None or start not in clauses:  # 与2023年度决算相比,收支各减少 …
            here = clauses.index(start) if start in clauses else 0
            return clauses[here - 1] if here > 0 and clauses[here - 1] == state.base_start else start
        if subject.start < state.start <= subject.start + _CARRIED_QUOTE:
            return subject.start  # 基本支出预算数为15,844.04万元。与上年相比增加1849.73万元
        base = state.base_start if state.base_start in clauses else start
        if subject.start > base and subject.start in clauses:
            return subject.start  # named after the comparison: 公务接待费0.43万元增加0.43万元
        here = clauses.index(base)
        return subject.start if here > 0 and clauses[here - 1] == subject.start else base

    def _flat(self, state: _Sentence, mention: _Mention | None, flat: re.Match[str], start: int) -> None:
        """与上年持平 / 零增长: a change of nothing, of the quantity named before."""
        subject = mention or state.subject
        if not state.base_last_year or subject is None or subject.subject == _BLOCKED:
            return
        key, unit = ("change_pct", "%") if flat.group("pct") else ("change_amount", UNITLESS)
        figure = Figure(start + flat.start(), start + flat.end(), Decimal(0), unit)
        self._emit(key, figure, self._change_quote(state, start, mention, subject), subject=subject.subject)

    def _count_change(self, state: _Sentence, figure: Figure, sign: int, start: int, verb_at: int) -> None:
        """比上年增加 0 辆: a change of the count the clause (or the one before) states."""
        if not state.base_last_year:
            return
        named, _ = _strip_lead(P.BASE.sub("", self.text.folded[start:start + verb_at]))
        named = re.sub(r"(?:相比|比较)\s*$", "", named)
        key = _count_key(named, figure.unit) if named.strip() else state.count
        if key is None or P.COUNT_KEYS[key] != figure.unit:
            return
        self._emit("change_count", figure, self._change_quote(state, start, None, _Mention(key, start, True)),
                   sign=sign, subject=key)

    def _breakdown_item(self, state: _Sentence, mention: _Mention | None, figure: Figure, start: int) -> None:
        if mention is None or mention.subject == _BLOCKED or not state.base_last_year:
            return
        self._emit("change_amount", figure, start, sign=state.breakdown_sign or 1, subject=mention.subject)

    def _value(self, state: _Sentence, head: str, start: int, figure: Figure, final: bool) -> bool:
        """Emit the fact a figure states, if any; False when its quantity is unknown."""
        if figure.unit in COUNTS:
            state.count = self._count(head, start, figure)
            return True
        if figure.unit == "%" or P.SHARE.search(head):
            return True
        stripped, years = _strip_lead(head)
        if P.LAST_YEAR_WORD.search(stripped) or (self.year is not None and any(y != self.year for y in years)):
            return False
        found = self._value_quantity(stripped, start, state)
        if found is None:
            return False
        mention, link = found
        state.value_mention = mention
        if mention.subject == _BLOCKED:
            return True
        if final and P.BUDGET_WORD.search(link) and not P.FINAL_WORD.search(link):
            return True  # the 预算数 beside a final account's figure
        if self.kind is Kind.BUDGET and "决算" in link:
            return True  # a past year's 决算 quoted in a budget
        quote_from = mention.start
        if state.previous_clause and mention.start == start:
            prev_start, prev_end = state.previous_clause
            if _TIME_ONLY.fullmatch(self.text.folded[prev_start:prev_end]):
                quote_from = prev_start
        self._emit(mention.subject, figure, quote_from, scope=_scope(state, head, link, mention.subject))
        return True

    def _value_quantity(self, stripped: str, start: int, state: _Sentence) -> tuple[_Mention, str] | None:
        """The quantity whose figure ends this clause, and the words linking them."""
        term = _last_term(stripped, linked=True)
        if term is not None:
            found, match = term
            if found.key is None:
                return _Mention(_BLOCKED, start, True), ""
            if found.reach is P.Reach.COMPONENT and not P.COMPONENT_LEAD.fullmatch(stripped[: match.start()]):
                return None
            return _Mention(found.key, start, True), stripped[match.end():]
        previous = state.value_mention
        if previous is not None and previous.term and P.CONTINUATION.fullmatch(stripped):
            return previous, stripped  # ,支出决算为 … continues the quantity named before
        total = P.TOTAL_HEAD.match(stripped)
        if total is not None and P.LINK.fullmatch(stripped[total.end():]):
            if (previous is not None and previous.term) or _after_label(self.text.folded, start):
                return None
            if total.group("fiscal") or state.fiscal:
                return _Mention(_BLOCKED, start, False), ""
            return _Mention(_total_subject(total), start, False), stripped[total.end():]
        if previous is not None and P.CONTINUATION.fullmatch(stripped):
            return previous, stripped
        return None

    def _count(self, head: str, start: int, figure: Figure) -> str | None:
        """Emit the department's staff or vehicles count; the key, or None for another count."""
        stripped, _ = _strip_lead(head)
        key = _count_key(stripped, figure.unit)
        if key is not None:
            self._emit(key, figure, start)
        return key

    def _emit(self, key: str, figure: Figure, quote_from: int, *, sign: int = 1,
              subject: str | None = None, scope: FactScope | None = None) -> None:
        printed = self.text.printed
        marker = _QUOTE_LEAD.match(self.text.folded, quote_from, figure.start)
        quote_start = marker.end() if marker else quote_from
        quote = printed[quote_start:figure.end].strip()
        if figure.unit in ("%", *COUNTS):
            value, unit, printed_unit = figure.value, figure.unit, None
        elif figure.unit == UNITLESS:
            value, unit, printed_unit = figure.value, "元", None
        else:
            printed_unit = "万元" if figure.unit == "万" else figure.unit  # 2000万 is 2000 万元
            value, unit = to_yuan(figure.value, printed_unit) or Decimal(0), "元"
        self.offsets.append(quote_start)
        self.facts.append(Fact(
            key=key, value=value * sign if value else value, unit=unit, text=quote,
            locator=self.text.locator_over(quote_start, figure.end), subject=subject, printed_unit=printed_unit,
            scope=scope,
        ))


# --- helpers -------------------------------------------------------------------------


def _count_key(named: str, unit: str) -> str | None:
    """vehicles or staff when the words before a count name the department's own."""
    if unit == "人" and P.STAFF.fullmatch(named):
        return "staff"
    if unit == "辆" and P.VEHICLES.fullmatch(named):
        return "vehicles"
    return None


def _strip_lead(head: str) -> tuple[str, list[int]]:
    """The clause without its lead-in (markers, 其中, 本部门, 2020年 …), and the years it named."""
    years: list[int] = []
    text = head
    while True:
        match = P.LEAD_NOISE.match(text)
        if match is None or match.end() == 0:
            return text, years
        if match.group("year"):
            years.append(int(match.group("year")))
        text = text[match.end():]


def _last_term(text: str, *, linked: bool = False) -> tuple[P.Term, re.Match[str]] | None:
    """The last specific term in a clause; `linked`: only one joined to the clause's end by LINK words."""
    best: tuple[P.Term, re.Match[str]] | None = None
    for term in P.TERMS:
        for match in term.pattern.finditer(text):
            if linked and not P.LINK.fullmatch(text, match.end()):
                continue
            if best is None or match.start() > best[1].start() or (
                match.start() == best[1].start() and match.end() > best[1].end()
            ):
                if best is not None and best[1].start() <= match.start() < best[1].end():
                    continue  # inside a longer, earlier-listed term (购置及运行维护费)
                best = (term, match)
    return best


def _total_subject(total: re.Match[str]) -> str:
    """income_total for 收入, expenditure_total for 支出, grand_total for both (收支, 收入、支出)."""
    return P.TOTAL_KEYS.get(re.sub(r"[\s、,]", "", total.group("what")), P.GRAND_TOTAL)


def _after_label(folded: str, start: int) -> bool:
    """The clause follows a label's colon (`检察（款）: 2018年预算支出合计…`): its
    支出 is the label's, not the department's."""
    i = start - 1
    while i >= 0 and folded[i].isspace():
        i -= 1
    if i < 0 or folded[i] != ":":
        return False
    label = folded[max(folded.rfind(BREAK, 0, i), 0):i]
    return not re.search(r"其中|包括|如下|为$", label)


def _starts_fresh(folded: str, start: int) -> bool:
    """A clause after ; or at a sentence start names a new quantity."""
    i = start - 1
    while i >= 0 and folded[i].isspace():
        i -= 1
    return i < 0 or folded[i] in ";。!?" + BREAK


def _passes_topic_on(sentence: str) -> bool:
    """A breakdown (`其中，…`) or a sentence without figures keeps the topic of the
    one before: `…预算安排7.64万元。其中，…。与2019年相比增加7.64万元` is about the 7.64."""
    return bool(_BREAKDOWN_LEAD.match(sentence)) or P.NUMBER.search(sentence) is None


def _scope(state: _Sentence, head: str, link: str, key: str) -> FactScope | None:
    """Which money and which total a department-level figure is: the funds its own
    clause names (财政拨款基本支出), or those the sentence opened with before any
    figure (一般公共预算支出…，其中基本支出…); 总计 or 本年/合计 for a side's total."""
    funds = P.funds_named(head) or state.funds
    span = None
    if key in ("income_total", "expenditure_total", "grand_total"):
        words = head + link
        span = Span.TOTAL if "总计" in words else Span.YEAR if re.search(r"合计|本年", words) else None
    if funds is None and span is None:
        return None
    return FactScope(funds=funds, span=span)


def _unique(facts: list[Fact]) -> list[Fact]:
    """Each (key, subject, value) of the department, and of each item, once, where
    first stated: restatements add nothing (`2021年收入预算总计 9653.46 万元` then
    `收入预算 9653.46 万元`)."""
    seen: set[tuple[str, str | None, Decimal, FactScope | None]] = set()
    out: list[Fact] = []
    for fact in facts:
        item = fact.scope if fact.item is not None else None
        mark = (fact.key, fact.subject, fact.value, item)
        if mark not in seen:
            seen.add(mark)
            out.append(fact)
    return out
