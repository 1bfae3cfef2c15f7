"""The catalogue of narrative fact keys of the contract (docs generated from it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FactKey:
    key: str
    name: str  # what the narrative calls it
    unit: str  # 元 (amounts, converted), % or a count unit


# keys of an item's figures: a fact with one of them always has `scope.item`
ITEM_KEYS = frozenset({"item_amount", "item_previous", "item_budget"})

# change_count is counted in its subject's unit: 辆 for vehicles, 人 for staff
COUNT_CHANGE_UNIT = "辆/人 (as its subject)"


def fact_unit_of(key: str, subject: str | None) -> str:
    """The unit a fact of `key` carries: its own, or for change_count its subject's."""
    if key == "change_count" and subject in FACT_KEYS:
        return FACT_KEYS[subject].unit
    return FACT_KEYS[key].unit


FACT_KEYS: dict[str, FactKey] = {
    k.key: k
    for k in (
        FactKey("income_total", "收入总计/本年收入", "元"),
        FactKey("expenditure_total", "支出总计/本年支出", "元"),
        FactKey("grand_total", "收支总计", "元"),
        FactKey("basic", "基本支出", "元"),
        FactKey("project", "项目支出", "元"),
        FactKey("personnel", "人员经费", "元"),
        FactKey("public", "公用经费", "元"),
        FactKey("three_public_total", "“三公”经费合计", "元"),
        FactKey("outbound", "因公出国(境)费", "元"),
        FactKey("vehicle_purchase", "公务用车购置费", "元"),
        FactKey("vehicle_operation", "公务用车运行维护费", "元"),
        FactKey("reception", "公务接待费", "元"),
        FactKey("operating_cost", "机关运行经费", "元"),
        FactKey("procurement_total", "政府采购预算/支出总额", "元"),
        FactKey("change_amount", "比上年增减额", "元"),
        FactKey("change_pct", "比上年增减幅度", "%"),
        FactKey("change_count", "比上年增减数量(车辆、人数)", COUNT_CHANGE_UNIT),
        FactKey("vehicles", "公务用车数量", "辆"),
        FactKey("staff", "在职(实有)人数", "人"),
        # an item's figures (scope.item: a 功能分类 类/款/项 the sentence names), never the
        # department's: keys of their own, so a consumer of the totals never takes one in
        FactKey("item_amount", "科目本年金额(预算安排数/决算数)", "元"),
        FactKey("item_previous", "科目上年金额(上年执行数/决算数)", "元"),
        FactKey("item_budget", "科目年初预算数(决算中)", "元"),
        FactKey("budget_change_amount", "比年初预算增减额", "元"),
        FactKey("budget_change_pct", "比年初预算增减幅度", "%"),
        FactKey("completion_pct", "完成年初预算的比例", "%"),
    )
}
