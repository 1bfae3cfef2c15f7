"""What the columns and coded values of query results are called, for people.

Exports (CSV, XLSX) and CLI tables head each column with its label in the
current language (cnbudget.lang), the unit in the header of amount columns
(`金额（万元）`); codes such as `budget` or `final_account` show as 预算 /
决算. The data's own keys (JSON, JSON Lines, Parquet, SQL) never change.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnbudget.lang import current
from cnbudget.query.metrics import METRICS, metric_label


@dataclass(frozen=True, slots=True)
class ColumnLabel:
    zh: str
    en: str
    money: bool = False  # an amount in 元 as stored: shown in the chosen unit

    def text(self) -> str:
        return self.en if current() == "en" else self.zh


_L = ColumnLabel
COLUMN_LABELS: dict[str, ColumnLabel] = {
    "disclosure_id": _L("公开编号", "disclosure"),
    "department": _L("部门", "department"),
    "department_code": _L("部门编码", "department code"),
    "department_id": _L("部门编号", "department id"),
    "region": _L("地区", "region"),
    "year": _L("年度", "year"),
    "kind": _L("类型", "kind"),
    "scope": _L("范围", "scope"),
    "documents": _L("文件数", "files"),
    "names": _L("印过的名称", "names printed"),
    "disclosures": _L("公开份数", "disclosures"),
    "years": _L("年度范围", "years"),
    "tables": _L("表格数", "tables"),
    "errors": _L("错误", "errors"),
    "warnings": _L("警告", "warnings"),
    "problems": _L("未读部分", "unread parts"),
    "recovered": _L("已修复读取", "recovered readings"),
    "status": _L("读取状态", "status"),
    "document_id": _L("文件编号", "document"),
    "file": _L("文件", "file"),
    "format": _L("格式", "format"),
    "pages": _L("页数", "pages"),
    "version": _L("版本", "version"),
    "current": _L("当前版本", "current"),
    "table_type": _L("表类型", "table type"),
    "table_title": _L("表名", "table title"),
    "table_id": _L("表编号", "table id"),
    "printed_unit": _L("印刷单位", "printed unit"),
    "row_no": _L("行号", "row"),
    "side": _L("收支方", "side"),
    "code": _L("科目编码", "code"),
    "item": _L("项目键", "item key"),
    "unit_code": _L("单位编码", "unit code"),
    "name": _L("名称", "name"),
    "column": _L("栏目", "column"),
    "amount": _L("金额", "amount", money=True),
    "previous": _L("上年金额", "previous year", money=True),
    "change": _L("增减额", "change", money=True),
    "growth_pct": _L("增减幅度（%）", "growth (%)"),
    "share_pct": _L("占比（%）", "share (%)"),
    "rank": _L("排名", "rank"),
    "metric": _L("指标", "metric"),
    "page": _L("页", "page"),
    "line": _L("行", "line"),
    "key": _L("事实", "fact"),
    "value": _L("数值", "value"),
    "unit": _L("单位", "unit"),
    "subject": _L("对象", "subject"),
    "text": _L("原文", "text"),
    "rule": _L("规则", "rule"),
    "category": _L("类别", "category"),
    "severity": _L("级别", "severity"),
    "message": _L("说明", "message"),
    "expected": _L("应为", "expected"),
    "actual": _L("实为", "actual"),
    "indicator": _L("指标序号", "indicator"),
    "project": _L("项目", "project"),
    "level1": _L("一级指标", "level 1"),
    "level2": _L("二级指标", "level 2"),
    "level3": _L("三级指标", "level 3"),
    "target": _L("指标值", "target"),
    "weight": _L("分值", "weight"),
    "score": _L("得分", "score"),
    "hit": _L("结果类型", "found in"),
    "matched": _L("匹配内容", "matched"),
    "snippet": _L("摘录", "snippet"),
}

VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {"budget": ("预算", "budget"), "final_account": ("决算", "final account")},
    "scope": {"department": ("部门", "department"), "unit": ("单位", "unit")},
    "status": {"success": ("完整", "success"), "partial": ("部分未读", "partial"),
               "failure": ("失败", "failure")},
    "severity": {"error": ("错误", "error"), "warning": ("警告", "warning"),
                 "info": ("提示", "info"), "partial": ("未读", "partial"),
                 "recovered": ("已修复", "recovered")},
    "side": {"income": ("收入", "income"), "expenditure": ("支出", "expenditure")},
    "current": {"True": ("是", "yes"), "False": ("否", "no")},
    "hit": {"department": ("部门", "department"), "project": ("项目", "project"),
            "narrative": ("说明文字", "narrative")},
}


def column_label(column: str, unit: str | None = None) -> str:
    """The header of `column`, with `unit` for an amount column: 金额（万元）."""
    known = COLUMN_LABELS.get(column)
    if known is None:
        if column.startswith("extra:"):  # a printed header of its own
            return column.removeprefix("extra:")
        return column
    text = known.text()
    if known.money and unit:
        return f"{text}（{unit}）" if current() == "zh" else f"{text} ({unit})"
    return text


def is_money(column: str) -> bool:
    known = COLUMN_LABELS.get(column)
    return bool(known and known.money)


def value_label(column: str, value: object) -> object:
    """A coded value as a person reads it (budget → 预算); other values as they are."""
    if column == "metric" and isinstance(value, str) and (value in METRICS or ":" in value):
        return metric_label(value)
    if column == "table_type" and isinstance(value, str):
        from cnbudget.model.table_types import TABLE_TYPES

        known = TABLE_TYPES.get(value)
        return known.name if known and current() == "zh" else value
    labels = VALUE_LABELS.get(column)
    if labels is None or value is None:
        return value
    pair = labels.get(str(value))
    if pair is None:
        return value
    return pair[1] if current() == "en" else pair[0]
