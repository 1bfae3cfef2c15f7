"""The wording of narrative facts, as data: what names a quantity, what joins a
name to its figure, what marks a change against last year.

All patterns run on folded text (`facts_text.NarrativeText.folded`): ASCII
digits and punctuation, one character per printed character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from cnbudget.model.document import Funds


class Reach(StrEnum):
    """How much may precede a name for its figure still to be the document's own."""

    DOCUMENT = "document"  # “三公”经费, 机关运行经费, 政府采购: only ever the whole department's
    COMPONENT = "component"  # 基本支出, 人员经费, 公务接待费 …: a project's name before it makes it the project's


@dataclass(frozen=True, slots=True)
class Term:
    key: str | None  # None: a quantity the contract has no key for (it blocks, never yields)
    pattern: re.Pattern[str]
    reach: Reach


def _t(key: str | None, pattern: str, reach: Reach = Reach.COMPONENT) -> Term:
    return Term(key, re.compile(pattern), reach)


# Ordered: where two terms match at one place, the earlier, more specific one wins.
TERMS: tuple[Term, ...] = (
    # 公务用车购置及运行维护费: the vehicle subtotal, which has no key of its own
    _t(None, r"公务用车购置(?:及|和|与)运(?:行|营)?(?:维护|维持|维)?费?", Reach.DOCUMENT),
    _t("three_public_total", r"三公[\"'”’」]?\s*经费", Reach.DOCUMENT),
    _t("operating_cost", r"(?<!用车)(?<!车辆)(?<!维护)(?:机关)?运行经费", Reach.DOCUMENT),
    # 货物类政府采购支出: one kind of procurement, not the total
    _t(None, r"(?:货物|工程|服务)类?政府采购", Reach.DOCUMENT),
    _t("procurement_total", r"政府采购", Reach.DOCUMENT),
    _t("outbound", r"因公出国\s*(?:\(\s*境\s*\))?\s*(?:经)?费"),
    # 公务用车购置为0: the 费 may be left out; 购置量/购置税 are other things
    _t("vehicle_purchase", r"(?:公务用车|公车|车辆)购置(?:费|经费)?(?![量数税及和与])"),
    _t("vehicle_operation", r"(?:公务用车|公车)运(?:行|营)?(?:维护|维持|维)?费"),
    _t("reception", r"公务接待费"),
    _t("basic", r"基本支出"),
    _t("project", r"项目支出"),
    _t("personnel", r"人员经费"),
    _t("public", r"公用经费"),
)

# A figure's own quantity named by 收入/支出/收支 alone: matched at the start of
# a clause, after noise is stripped, so 基本支出 or 工资福利支出 never match.
# `fiscal` catches the appropriation-only scopes, which are not the totals.
TOTAL_HEAD = re.compile(
    r"(?P<fiscal>财政拨款|一般公共预算|政府性基金|国有资本经营|基金预算)?"
    r"(?:部门|预算|本年|当年|财政拨款)*"
    r"(?P<what>收入\s*[、,和及与]\s*支出|收\s*[、,]?\s*支|收入|支出)"
)
TOTAL_KEYS = {"收入": "income_total", "支出": "expenditure_total"}  # anything else names both
# 收支 together (收、支总计均为, 收入、支出预算总计, 收支安排): the grand total, the
# same on both sides of a balanced budget
GRAND_TOTAL = "grand_total"
FISCAL_SCOPE = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营|基金预算")
# the narrowest funds a text names: 一般公共预算财政拨款 is 一般公共预算's
_FUNDS_WORDS = ((r"一般公共预算", Funds.GENERAL_PUBLIC), (r"政府性基金|基金预算", Funds.GOV_FUND),
                (r"国有资本经营", Funds.STATE_CAPITAL), (r"财政拨款", Funds.FISCAL))


def funds_named(text: str) -> Funds | None:
    """The funds a clause limits its figure to, if it names any."""
    return next((funds for words, funds in _FUNDS_WORDS if re.search(words, text)), None)

# What may stand between a name and its figure: 支出预算为, 共计安排, 支出决算 …
LINK = re.compile(
    r"(?:\s|[\"'“”‘’]|支出|收入|预算|决算|执行|数|总额|总计|合计|共计|总|安排|为|是|达到|达|约|共"
    r"|金额|规模|本年|全年|年初|财政拨款|经费|均|拟|资金|\(含结转和?结余\))*"
)
# What may come before a component's name: scope words, not a project's name.
COMPONENT_LEAD = re.compile(
    r"(?:\s|[\"'“”]|财政拨款|一般公共预算|部门|本年|年度|本级|当年|日常|全年|年初|预算|安排|单位|的)*"
)
# A clause that only continues the previous one's quantity: ,支出决算为 2.80 万元
CONTINUATION = re.compile(r"\s*(?:支出|收入)?\s*(?:决算|执行)(?:数)?\s*(?:为|是)?\s*")
BUDGET_WORD = re.compile(r"预算")
FINAL_WORD = re.compile(r"决算|执行")

# Noise at the start of a clause: list markers, connectives, who and when.
LEAD_NOISE = re.compile(
    r"^(?:\s|[-•·\"'“”)\]]"
    r"|[1-9]\d?\s*[、.](?!\s*\d)|\(\s*[一二三四五六七八九十\d]+\s*\)|[一二三四五六七八九十]+、|[①-⑳]"
    r"|(?:与|比|较|同)\s*(?:上年度?|上一年度?|去年|\d{4}\s*年度?(?:预算|决算)?数?)\s*(?:相比|比较)?"
    r"|其中|包括|以及|和|及|与|另|含|即|分别|此外"
    r"|本部门|我部门|本单位|我单位|本局|我局|我办|本机关|全局|部门(?=\s*\d{4})"
    r"|截至|截止"
    r"|(?P<year>\d{4})\s*年度?(?:末|初|底)?"
    r"|[^,;:\d]{2,30}?(?:局|办公室|委员会|中心|厅|院|所|站|队)(?=\s*(?:\d{4}\s*年|本年|本部门|部门))"
    r")"
)
LAST_YEAR_WORD = re.compile(r"上年|上一年|去年|以前年度")

# Figures and their units.
NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?: [\d,]+)*(?: ?\. ?\d+(?: \d+)*)?")
AMOUNT_UNIT = re.compile(r"\s*(万元|亿元|千元|元|万(?![人户件次册台套个张条平方亩]))")
PERCENT_UNIT = re.compile(r"\s*%")
COUNT_UNIT = re.compile(r"\s*(辆|人(?!次)|名)")
CN_COUNT = re.compile(r"[零〇一二两三四五六七八九十百]+(?=\s*(?:辆|人(?!次)|名))")
# 二十万元, 零元: amounts in Chinese numerals (a digit before makes them part of a name)
CN_AMOUNT = re.compile(r"(?<![\d零〇一二两三四五六七八九十百千万亿])[零〇一二两三四五六七八九十百千]+(?=\s*(?:万元|亿元|千元|元))")
# 公务用车购置为0, “三公”经费为零: a zero stated without a unit
BARE_ZERO = re.compile(r"(?<=为)\s*(?:0(?:\.0+)?|零)(?![\d.%])(?!\s*[万亿千元辆人名个项台套次%])")

# Counts: the whole clause (lead-in stripped) names the department's staff or
# vehicles; `俱乐部在职7名` (a sub-unit's) or `一般公务用车 0 辆` (one kind) does not.
_WHOLE = r"(?:部门|单位|机关|全局|实际|现有|共有|全部|实有)*"
STAFF = re.compile(_WHOLE + r"(?:在编)?(?:在职|实有)(?:实有|在编)?(?:人员|职工|人数|编制人数)?(?:总数)?"
                   r"(?:共|为|有|共有|共计|合计)?\s*")
COUNT_KEYS = {"staff": "人", "vehicles": "辆"}
VEHICLES = re.compile(_WHOLE + r"(?:公务用车|车辆|公车)(?:保有量|总数|数量|实有|保有|共有|共计|合计|共|为|有)*\s*")

# Change against last year.
CHANGE_VERB = re.compile(r"(增加|减少|增长|下降|降低|上升|提高|增幅|降幅|减幅|减|增)(?:了|为)?\s*$")
CHANGE_SIGN = {"减少": -1, "下降": -1, "降低": -1, "降幅": -1, "减幅": -1, "减": -1}
# No change, said without a figure: 与上年持平 (an amount of 0), 零增长 (a rate of 0 %)
FLAT = re.compile(r"(?P<amount>持平)|(?P<pct>零增长)")
BASE = re.compile(
    r"同比|(?:比|较|与|同|对比)\s*(?:"
    r"(?P<last>上年度?|上一年度?|去年|上年同期|同期)"
    r"|(?P<year>\d{4})\s*年度?(?:预算|决算)?数?"
    r"|(?P<budget>年初预算|调整后?预算|预算)数?)"
)
# A comparison on a restated basis (按与上年统计口径一致相比, 同口径, 剔除…因素后): its
# change is not from last year's printed figures, so it is not the headline change
RESTATED_BASE = re.compile(r"口径|剔除|扣除[^,;:]{0,20}(?:因素|影响)|可比")
# Explanations after a figure: nothing in them is the document's own fact.
REASON = re.compile(r"主要原因|原因是|原因为|原因:|主要是|主要用于|主要包括|主要为|主要内容|用于")
SHARE = re.compile(r"占(?:比)?[^,;:]*$")
BREAKDOWN = re.compile(r"其中")
