"""The made-up department's base figures, in hundredths of 万元 (exact integers).

Modelled on a real municipal data bureau's 2020 budget: the economic lines
of its basic expenditure, how they fall on functional 项, its projects,
procurement lines and fixed assets. `generator.py` scales and perturbs these;
every total is computed from them, never written here.
"""

from __future__ import annotations

from dataclasses import dataclass

# 支出功能分类: 类, 款 and 项 names (the published MOF names)
FUNCTIONAL_NAMES: dict[str, str] = {
    "201": "一般公共服务支出",
    "20103": "政府办公厅（室）及相关机构事务",
    "2010301": "行政运行",
    "2010302": "一般行政管理事务",
    "2010350": "事业运行",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "20899": "其他社会保障和就业支出",
    "2089901": "其他社会保障和就业支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101103": "公务员医疗补助",
    "221": "住房保障支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
}

# 支出经济分类 类 → personnel (人员经费) or public (公用经费)
ECONOMIC_CATEGORIES: dict[str, tuple[str, str]] = {
    "301": ("工资福利支出", "personnel"),
    "302": ("商品和服务支出", "public"),
    "303": ("对个人和家庭的补助", "personnel"),
}

# basic expenditure by economic 款: (code, name, amount in 0.01 万元)
ECONOMIC_LINES: tuple[tuple[str, str, int], ...] = (
    ("30101", "基本工资", 23691),
    ("30102", "津贴补贴", 15565),
    ("30103", "奖金", 1250),
    ("30107", "绩效工资", 5172),
    ("30108", "机关事业单位基本养老保险缴费", 6140),
    ("30109", "职业年金缴费", 700),
    ("30110", "职工基本医疗保险缴费", 3070),
    ("30111", "公务员医疗补助缴费", 3434),
    ("30112", "其他社会保障缴费", 271),
    ("30113", "住房公积金", 6705),
    ("30199", "其他工资福利支出", 3100),
    ("30201", "办公费", 302),
    ("30207", "邮电费", 2387),
    ("30211", "差旅费", 700),
    ("30215", "会议费", 69),
    ("30216", "培训费", 296),
    ("30217", "公务接待费", 78),
    ("30228", "工会经费", 767),
    ("30229", "福利费", 492),
    ("30231", "公务用车运行维护费", 580),
    ("30239", "其他交通费用", 2788),
    ("30299", "其他商品和服务支出", 1668),
    ("30302", "退休费", 97),
    ("30309", "奖励金", 221),
    ("30399", "其他对个人和家庭的补助", 17820),
)

# functional 项 whose basic expenditure is one economic line (养老保险 ↔ 30108 …)
BASIC_BY_ECONOMIC: dict[str, str] = {
    "2080502": "30302",
    "2080505": "30108",
    "2080506": "30109",
    "2089901": "30112",
    "2101101": "30110",
    "2101103": "30111",
    "2210201": "30113",
}
# the rest of the basic expenditure falls on 行政运行 and 事业运行, in this share (‱)
BASIC_REST_SPLIT: tuple[tuple[str, int], ...] = (("2010301", 5062), ("2010350", 4938))


@dataclass(frozen=True, slots=True)
class ProjectBase:
    name: str
    code: str  # functional 项 it is charged to
    amount: int  # 0.01 万元


PROJECTS: tuple[ProjectBase, ...] = (
    ProjectBase("办公设备购置", "2010302", 1160),
    ProjectBase("防入侵检测费", "2010302", 2000),
    ProjectBase("工作场地租用费", "2010302", 500),
    ProjectBase("公务用车租赁费", "2010302", 438),
    ProjectBase("购买智慧城市服务费", "2010302", 200000),
    ProjectBase("业务培训费", "2010302", 500),
    ProjectBase("机房、网络与安全维护费", "2010350", 19700),
    ProjectBase("网络租线费", "2010350", 56460),
    ProjectBase("信息化项目运行维护费", "2010350", 16800),
    ProjectBase("支付日元贷款本金利息", "2010302", 4380),
    ProjectBase("专用设备维修费", "2010350", 2500),
    ProjectBase("党组织活动经费", "2010302", 310),
    ProjectBase("文件资料印刷费", "2010302", 600),
    ProjectBase("业务咨询委托费", "2010302", 7000),
)


@dataclass(frozen=True, slots=True)
class ProcurementBase:
    project: str
    item_name: str
    catalog_code: str
    measure: str
    quantity: int
    unit_price: int  # 0.01 万元


PROCUREMENT: tuple[ProcurementBase, ...] = (
    ProcurementBase("办公设备购置", "台式计算机", "A02010104", "台", 10, 60),
    ProcurementBase("办公设备购置", "激光打印机", "A02021003", "台", 4, 35),
    ProcurementBase("办公设备购置", "复印机", "A020201", "台", 1, 420),
    ProcurementBase("文件资料印刷费", "印刷服务", "C23090000", "项", 1, 600),
    ProcurementBase("专用设备维修费", "计算机设备维修和保养服务", "C21040000", "项", 1, 2500),
)


@dataclass(frozen=True, slots=True)
class IndicatorBase:
    level1: str
    level2: str
    level3: str
    target: str


# performance targets of the two largest projects
PERFORMANCE: dict[str, tuple[IndicatorBase, ...]] = {
    "购买智慧城市服务费": (
        IndicatorBase("产出指标", "数量指标", "接入政务服务事项数", "≥300项"),
        IndicatorBase("产出指标", "质量指标", "平台运行可用率", "≥99%"),
        IndicatorBase("效益指标", "社会效益指标", "群众办事平均跑动次数", "≤1次"),
        IndicatorBase("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
    ),
    "网络租线费": (
        IndicatorBase("产出指标", "数量指标", "租用线路条数", "≥120条"),
        IndicatorBase("产出指标", "时效指标", "故障响应时间", "≤2小时"),
        IndicatorBase("效益指标", "社会效益指标", "电子政务外网覆盖率", "100%"),
        IndicatorBase("满意度指标", "服务对象满意度指标", "使用单位满意度", "≥95%"),
    ),
}

# fixed assets: item → (quantity or None where 数量 is printed as ——, value in 0.01 万元);
# vehicles' value is part of other_fixed_assets' complement: total = buildings +
# vehicles + equipment_large + other_fixed_assets (office space is within buildings)
ASSET_QUANTITIES: dict[str, int | None] = {
    "buildings": 1860,  # 平方米
    "office_space": 1240,
    "vehicles": 1,
    "equipment_large": 0,
    "other_fixed_assets": None,
}
ASSET_VALUES: dict[str, int] = {
    "buildings": 52000,
    "office_space": 34700,
    "vehicles": 1850,
    "equipment_large": 0,
    "other_fixed_assets": 12739,
}
ASSET_NAMES: dict[str, str] = {
    "total": "资产总额",
    "buildings": "1、房屋（平方米）",
    "office_space": "其中：办公用房（平方米）",
    "vehicles": "2、车辆（辆）",
    "equipment_large": "3、单价100万元以上设备",
    "other_fixed_assets": "4、其他固定资产",
}

STAFF = 52
PREVIOUS_YEAR_SHARE = 3901  # last year's total as ‱ of this year's (for the change facts)
