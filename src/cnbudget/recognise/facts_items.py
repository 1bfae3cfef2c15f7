"""Narrative statements about one 功能分类 item, read as that item's facts.

Final accounts explain each item they spent on (``一般公共服务（类）政府办公厅（室）
及相关机构事务（款）行政运行（项）：支出决算为28.11万元，比年初预算增加3.11万元，增长
12.44%，主要原因是…``); budgets state each item's last and this year
(``…行政运行（项）：2025年当年预算执行数为120.00万元，2026年预算安排128.11万元，比上年增加
8.11万元，增长6.76%，主要原因是…``). Every figure of such a statement is the item's,
never the department's: `item_statements` finds where each runs (the department
reader skips those spans) and reads its figures as facts scoped to the item
(`FactScope(item="functional", …)`) with keys of their own: `item_amount` (this
year's 预算安排 / 决算), `item_previous` (last year's 执行数 / 决算), `item_budget`
(a final account's 年初预算), changes against last year (`change_amount` /
`change_pct` with subject `item_amount`) and against the budget
(`budget_change_amount` / `budget_change_pct`, `completion_pct`).

An item is named by its level marks (…（类）…（款）…（项）, the deepest named is the
item, the others its parents), or by its code at a paragraph's start
(``2010301 行政运行：…``). A statement runs from its label to the next label, the
paragraph's end, or a sentence that starts talking about the department again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from cnbudget.model.document import Fact, FactScope, Kind
from cnbudget.normalise.amounts import to_yuan
from cnbudget.normalise.classification import economic_code_for_name, functional_code_for_name
from cnbudget.recognise import facts_patterns as P
from cnbudget.recognise.facts_figures import COUNTS, UNITLESS, Figure, figures
from cnbudget.recognise.facts_text import BREAK, NarrativeText

FUNCTIONAL = "functional"
ECONOMIC = "economic"
_LEVEL_MARK = re.compile(r"\(\s*(类|款|项)\s*\)")
_LEVELS = {"类": 1, "款": 2, "项": 3}
_CODE_LEVELS = {3: 1, 5: 2, 7: 3}
# what a name is made of: CJK, the brackets inside names (政府办公厅（室）), spaces, quotes
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff() \t\"“”]")
# words before an item's name that are not part of it (主要用于一般公共服务（类）…)
_NAME_LEAD = re.compile(r"^.*(?:用于|其中|包括|分别是|分别为|主要是|具体是|如下|安排|按功能分类|"
                        r"按支出功能分类|功能科目|科目)")
_LIST_LEAD = re.compile(r"^\s*(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+[、.])\s*")
_CODE_BEFORE = re.compile(r"(?<!\d)(2\d{2}(?:\d{2}){0,2})\s*$")
# a paragraph that names its item by code alone: `2010301 行政运行：…`, `1.2010301行政运行:`
_CODE_LABEL = re.compile(r"(?:^|\n)\s*(?:\d{1,2}\s*[.、]\s*|\([一二三四五六七八九十\d]+\)\s*)?"
                         r"(?P<code>2\d{2}(?:\d{2}){0,2})\s*(?P<name>[\u4e00-\u9fff()]{2,30}?)\s*:")
# a sentence about the department again ends an item's statement
_DEPARTMENT_AGAIN = re.compile(
    r"\s*(?:\d{4}\s*年度?)?\s*(?:本部门|我部门|本单位|我单位|本局|我局|全局|部门(?:支出|收入|预算|决算)"
    r"|单位(?:支出|收入|预算|决算)|[\"“]?三公|机关运行经费|政府采购|本年(?:收入|支出))")
_EXECUTED = re.compile(r"执行数|执行|决算数")
_BUDGET_WORD = re.compile(r"年初预算|预算数|预算为|预算安排")
_COMPLETION = re.compile(r"完成(?:了)?(?:年初|调整)?预算(?:数)?的?\s*$")


@dataclass(frozen=True, slots=True)
class ItemStatement:
    start: int  # the label's start
    body: int  # where its figures may start (after the label)
    end: int
    scope: FactScope


def _name_before(folded: str, end: int, floor: int) -> int:
    """Where the item name printed right before a level mark at `end` starts."""
    i = end
    while i > floor and _NAME_CHAR.match(folded[i - 1]):
        i -= 1
    lead = _NAME_LEAD.match(folded, i, end) or _LIST_LEAD.match(folded, i, end)
    if lead:
        i = lead.end()
    while i < end and (folded[i].isspace() or folded[i] in "\"“”)"):
        i += 1  # a list marker's closing bracket (1）基本工资) is not the name's
    return i


@dataclass(frozen=True, slots=True)
class _Label:
    start: int
    end: int
    scope: FactScope


def _mark_labels(text: NarrativeText) -> list[_Label]:
    """Runs of level marks: 一般公共服务(类)政府办公厅(室)及相关机构事务(款)行政运行(项)."""
    folded = text.folded
    labels: list[_Label] = []
    run: list[tuple[str, int, int, int]] = []  # (name as printed, level, name start, mark end)
    for mark in _LEVEL_MARK.finditer(folded):
        between = folded[run[-1][3]:mark.start()] if run else ""
        if run and not all(_NAME_CHAR.match(c) for c in between):
            labels.append(_label(folded, run))
            run = []
        begins = _name_before(folded, mark.start(), run[-1][3] if run else 0)
        name = text.printed[begins:mark.start()].strip().strip("\"“”")
        if len(name) < 2:
            continue  # （类） after nothing that names an item
        run.append((name, _LEVELS[mark.group(1)], begins, mark.end()))
    if run:
        labels.append(_label(folded, run))
    return labels


def _label(folded: str, run: list[tuple[str, int, int, int]]) -> _Label:
    name, level, begins, end = run[-1]
    code = _CODE_BEFORE.search(folded, max(0, begins - 12), begins)
    code_text = code.group(1) if code and _CODE_LEVELS.get(len(code.group(1))) == level else None
    start = code.start(1) if code_text and code else run[0][2]
    scope = FactScope(item=classification_of(name, level), name=name,
                      parents=tuple(r[0] for r in run[:-1]), level=level, code=code_text)
    return _Label(start, end, scope)


def classification_of(name: str, level: int | None) -> str:
    """functional, or economic where the name is an economic 类/款 and no functional item of
    that level (工资福利支出（类）, 办公费（款）): both print their levels the same way."""
    size = {1: 3, 2: 5, 3: 7}.get(level or 0)
    functional = functional_code_for_name(name)
    if functional is not None and (size is None or len(functional) == size):
        return FUNCTIONAL
    economic = economic_code_for_name(name)
    if economic is not None and level != 3 and (size is None or len(economic) == size):
        return ECONOMIC
    return FUNCTIONAL


def _code_labels(text: NarrativeText) -> list[_Label]:
    out = []
    for m in _CODE_LABEL.finditer(text.folded):
        code = m.group("code")
        name = text.printed[m.start("name"):m.end("name")]
        scope = FactScope(item=FUNCTIONAL, name=name, level=_CODE_LEVELS.get(len(code)), code=code)
        out.append(_Label(m.start("code"), m.end(), scope))
    return out


def _labels(text: NarrativeText) -> list[_Label]:
    marked = _mark_labels(text)
    taken = [(lb.start, lb.end) for lb in marked]
    coded = [lb for lb in _code_labels(text)
             if not any(a <= lb.start < b or lb.start <= a < lb.end for a, b in taken)]
    return sorted(marked + coded, key=lambda lb: lb.start)


_AGAIN_LEAD = re.compile(r"\s*(?:此外|另外|同时|另)?\s*[,，]?\s*")


def _about_department(folded: str, at: int, end: int) -> bool:
    """A sentence starting at `at` names the department or one of its own quantities
    (基本支出, “三公”经费 …): it is no longer about the item."""
    if _DEPARTMENT_AGAIN.match(folded, at, end):
        return True
    lead = _AGAIN_LEAD.match(folded, at, end)
    start = lead.end() if lead else at
    return any(term.pattern.match(folded, start, end) for term in P.TERMS)


def _statement_end(folded: str, body: int, limit: int) -> int:
    """Up to `limit` (the next label), the paragraph's end, or — once the item's
    figures have begun — a sentence that is about the department again."""
    stop = folded.find(BREAK, body, limit)
    end = limit if stop < 0 else stop
    for m in re.finditer(r"[。!?]", folded[body:end]):
        after = body + m.end()
        if figures(folded, body, after) and _about_department(folded, after, end):
            return after
    return end


def item_statements(text: NarrativeText) -> list[ItemStatement]:
    """Where each statement about one item runs, with the item as its scope."""
    folded = text.folded
    labels = _labels(text)
    out: list[ItemStatement] = []
    for n, label in enumerate(labels):
        limit = labels[n + 1].start if n + 1 < len(labels) else len(folded)
        end = _statement_end(folded, label.end, limit)
        if not figures(folded, label.end, end):
            continue  # a heading or a definition (…（项）：反映机关事业单位的基本支出。)
        out.append(ItemStatement(label.start, label.end, end, label.scope))
    return out


@dataclass(slots=True)
class _State:
    base: str | None = None  # "last_year" or "budget": what the latest comparison is against
    explaining: bool = False


def item_facts(text: NarrativeText, statement: ItemStatement, kind: Kind | None,
               year: int | None) -> Iterator[Fact]:
    """The facts of one item statement, in printed order."""
    folded = text.folded
    final = kind is Kind.FINAL_ACCOUNT or (kind is None and "决算" in folded[statement.body:statement.end])
    state = _State()
    pos = statement.body
    for figure in figures(folded, statement.body, statement.end):
        head = folded[pos:figure.start]
        pos = figure.end
        parts = head.split("。")
        if len(parts) > 1:
            state.explaining = False  # an explanation (一是…；二是…) runs to the sentence's end
        if P.REASON.search(parts[-1]):
            state.explaining = True
        if state.explaining or figure.unit in COUNTS:
            continue
        found = _classify(head, figure, state, final, year)
        if found is not None:
            key, subject, sign = found
            yield _fact(text, statement, key, subject, figure, sign)


def _base(clause: str, year: int | None) -> str | None:
    for base in P.BASE.finditer(clause):
        if base.group("budget"):
            return "budget"
        if base.group(0) == "同比" or base.group("last"):
            return "last_year"
        if base.group("year") and (year is None or int(base.group("year")) < year):
            return "last_year"
    return None


def _classify(head: str, figure: Figure, state: _State, final: bool,
              year: int | None) -> tuple[str, str | None, int] | None:
    """(key, subject, sign) of a figure of an item statement, None when it is none of
    them. `head`: the text since the figure before; its last clause names the figure."""
    state.base = _base(head, year) or state.base
    clause = re.split(r"[,;:。]", head)[-1]
    verb = P.CHANGE_VERB.search(clause)
    sign = P.CHANGE_SIGN.get(verb.group(1), 1) if verb else 1
    if figure.unit == "%":
        if _COMPLETION.search(clause):
            return "completion_pct", None, 1
        if "占" in clause or verb is None or state.base is None:
            return None
        key = "change_pct" if state.base == "last_year" else "budget_change_pct"
        return key, "item_amount" if key == "change_pct" else None, sign
    if verb is not None or figure.unit == UNITLESS:
        if state.base is None:
            return None
        key = "change_amount" if state.base == "last_year" else "budget_change_amount"
        return key, "item_amount" if key == "change_amount" else None, sign
    years = [int(y) for y in re.findall(r"(\d{4})\s*年", clause)]
    if year is not None and years and years[-1] < year:
        return "item_previous", None, 1
    if P.LAST_YEAR_WORD.search(clause) or (not final and _EXECUTED.search(clause)):
        return "item_previous", None, 1
    if final and "年初预算" in clause and not re.search(r"决算|执行", clause):
        return "item_budget", None, 1
    if final and _BUDGET_WORD.search(clause) and not re.search(r"决算|执行", clause):
        return None  # 调整预算数 and the like: not the 决算
    if not final and "决算" in clause:
        return None
    return "item_amount", None, 1


def _fact(text: NarrativeText, statement: ItemStatement, key: str, subject: str | None,
          figure: Figure, sign: int) -> Fact:
    quote = text.printed[statement.start:figure.end].strip()
    if figure.unit == "%":
        value, unit, printed_unit = figure.value, "%", None
    elif figure.unit == UNITLESS:
        value, unit, printed_unit = figure.value, "元", None
    else:
        printed_unit = "万元" if figure.unit == "万" else figure.unit
        value, unit = to_yuan(figure.value, printed_unit) or Decimal(0), "元"
    return Fact(key=key, value=value * sign if value else value, unit=unit, text=quote,
                locator=text.locator_over(statement.start, figure.end), subject=subject,
                printed_unit=printed_unit, scope=statement.scope)
