"""Table titles: what a printed title says about the table's type.

Titles vary by region, year and kind (公开01表 收入支出决算总表, 附件3 部门支出总体
情况表, 表五 一般公共预算支出预算表 …). The type is decided from the words the
title contains, by the first rule that matches; the rules are data, checked in
order, so the more specific come first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnbudget.normalise.text import fold, nfkc


@dataclass(frozen=True, slots=True)
class TitleRule:
    type: str
    all_of: tuple[str, ...]  # every word must appear in the folded title
    none_of: tuple[str, ...] = ()


TITLE_RULES: tuple[TitleRule, ...] = (
    TitleRule("three_public", ("三公",)),
    TitleRule("performance_evaluation", ("绩效自评",)),
    TitleRule("performance_evaluation", ("绩效评价",)),
    TitleRule("performance_target", ("绩效目标",)),
    TitleRule("performance_target", ("绩效", "申报表")),
    TitleRule("procurement", ("政府采购",)),
    TitleRule("procurement", ("项目采购",)),
    TitleRule("other", ("明细测算",)),  # 项目支出明细测算: a project's own breakdown, not 项目支出表
    TitleRule("assets", ("资产",)),
    TitleRule("operating_cost", ("机关运行经费",)),
    TitleRule("gov_fund", ("政府性基金",)),
    TitleRule("gov_fund", ("政府基金",)),
    TitleRule("state_capital", ("国有资本经营",)),
    TitleRule("fiscal_summary", ("财政拨款收支",)),
    TitleRule("fiscal_summary", ("财政拨款收入支出",)),
    TitleRule("general_public_basic", ("一般公共预算", "基本支出")),
    TitleRule("general_public", ("一般公共预算", "支出")),
    TitleRule("fiscal_basic", ("财政拨款", "基本支出")),
    TitleRule("fiscal_expenditure", ("财政拨款", "支出")),
    TitleRule("summary", ("收支", "总")),
    TitleRule("summary", ("收入支出", "总表")),
    TitleRule("project_expenditure", ("项目支出",), ("绩效",)),
    TitleRule("income", ("收入",)),
    TitleRule("expenditure", ("支出",)),
)

# Sub-headings printed inside a per-project table (硚口 表十): not new tables.
INNER_HEADINGS: frozenset[str] = frozenset({"项目申报表", "年度绩效目标表"})

# Grids printed inside a per-project form under these headings (or, 项目资金来源,
# a label cell beside them): folded heading → the table type they are read as.
# Printed on their own (a rendered document), their titles match the rules above.
SUB_TABLES: dict[str, str] = {
    "项目资金来源": "other",
    "项目支出明细测算": "other",
    "项目采购": "procurement",
}

# Numbering printed before a title: 附件3, 附件5-1, 表五, 公开01表, 1., 一、, （一）
_PREFIX = re.compile(
    r"^(?:(?:附件\s*\d+(?:-\d+)?|附表\s*\d*|(?:公开)?表\s*[一二三四五六七八九十\d]+(?=\s|$)|公开\s*\d+\s*表"
    r"|\d+(?:[.、．]|\s)|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|[-*•])\s*[:：]?\s*)+"
)
_SUFFIX = re.compile(r"(?:\((?:续|续表|\d{4}年度?)\)|续表?)$")
# the unit printed inside the title: 收入支出决算总表（单位：万元）
_UNIT_SUFFIX = re.compile(r"\((?:金额)?单位[:：]?(?:亿元|万元|千元|元)\)$")
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
_SENTENCE = re.compile(r"[。，；;,]|[:：].")
_TITLE_END = re.compile(r"(?:表|明细)$")


def strip_numbering(title: str) -> str:
    """The title without the numbering printed before it, folded for matching.
    Numbering is cut while spaces still separate it (表五 一般… vs 表五一般…)."""
    return fold(_PREFIX.sub("", nfkc(title).strip()))


def is_continuation(title: str) -> bool:
    """…（续表）, …(续), 续表 — the unit the title may print after it aside."""
    return "续" in _UNIT_SUFFIX.sub("", fold(title))[-4:]


def title_type(text: str, *, ends_in_table: bool = True) -> str | None:
    """The table type a line names when it reads as a table title, else None.

    A title is short, has no sentence punctuation and ends in 表 (unless the
    caller has other evidence, such as a unit line right below it); narrative
    sentences that mention a table (收支预算总表支出栏、基本支出表…按经济分类编制)
    are not titles.
    """
    folded = fold(text)
    if not folded or len(folded) > 48 or folded.startswith(("注", "备注", "说明")):
        return None
    if _PART_HEADING.match(folded):
        return None
    core = _SUFFIX.sub("", _UNIT_SUFFIX.sub("", strip_numbering(text)))
    if len(core) < 4 or _SENTENCE.search(core) or core in INNER_HEADINGS:
        return None
    if ends_in_table and not _TITLE_END.search(core):
        return None
    return type_for_words(core)


def type_for_words(core: str) -> str:
    """The first rule whose words a (folded) title or heading contains, else other."""
    for rule in TITLE_RULES:
        if all(w in core for w in rule.all_of) and not any(w in core for w in rule.none_of):
            return rule.type
    return "other"
