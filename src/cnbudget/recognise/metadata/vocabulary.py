"""The words covers are printed with, as data: the metadata rules read these.

Each tuple is a vocabulary the rules match against, longest first where one
word contains another. Adding a local variant (a new label, a new title
qualifier, a party prefix) is a change to this file only.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnbudget.model import Kind, Scope
from cnbudget.normalise.printed import SLOT_MARKS

# --- titles: <name><year>年[度]<qualifiers><预算|决算><trailer>
# words printed between the year and 预算/决算 (…区2023年区级部门预算, 2024年度部门综合预算)
TITLE_QUALIFIERS: tuple[str, ...] = (
    "部门整体支出", "部门综合", "部门整体", "整体支出", "部门收支", "部门汇总", "单位本级", "部门", "单位",
    "省级", "市级", "州级", "盟级", "区级", "县级", "旗级", "乡镇", "乡级", "镇级",
    "本级", "汇总", "综合", "整体", "收支", "财政",
)
# a performance report's title names its kind by what it reports on instead of 预算/决算
# (…2023年度部门整体支出绩效自评报告): the targets set with a budget, or a year's execution
PERFORMANCE_KINDS: tuple[tuple[str, Kind], ...] = (
    ("绩效自评", Kind.FINAL_ACCOUNT), ("绩效评价", Kind.FINAL_ACCOUNT),
    ("绩效目标", Kind.BUDGET),
)
# words that name the whole series a title belongs to, never a department (公开01表 江苏省…)
TITLE_PREFIXES: tuple[str, ...] = (r"附件\d*[:：]?", r"附表\d*[:：]?", r"公开\d+表", r"表[一二三四五六七八九十\d]+",
                                   r"关于", r"\d{4}年度?")
# a line that is only one of these is a cover heading, never part of a name
COVER_WORDS: frozenset[str] = frozenset({
    "目录", "公开", "公开文件", "公开文本", "预算公开", "决算公开", "部门预算", "部门决算", "单位预算",
    "单位决算", "信息公开", "预算信息公开", "情况说明", "说明", "报表", "公开报表", "草案",
})

# --- documents about budgets that are not a department's disclosure: the genre their title
# names (an audit of a department's budget, the government's budget report, a notice) and how a
# refusal calls it. A title carrying one is no disclosure unless standard tables print figures.
OTHER_GENRES: tuple[tuple[str, str], ...] = (
    ("审计报告", "审计报告"), ("审计结果", "审计结果公告"), ("审计工作报告", "审计工作报告"),
    ("预算草案的报告", "政府预算报告"), ("预算执行情况的报告", "政府预算执行情况报告"),
    ("预算执行情况和", "政府预算报告"), ("的通知", "通知"), ("的批复", "批复"), ("的请示", "请示"),
    ("会议纪要", "会议纪要"), ("检查问题清单", "检查问题清单"), ("整改情况", "整改情况报告"),
)

# --- labels a cover or a table header names the department with
@dataclass(frozen=True, slots=True)
class NameLabel:
    label: str  # as printed without spaces; parentheses in their ASCII form
    rank: int  # lower wins: how surely the label names the document's own body
    scope: Scope | None = None  # the scope the label states, where it states one


NAME_LABELS: tuple[NameLabel, ...] = (
    NameLabel("预算单位名称", 1, Scope.UNIT), NameLabel("决算单位名称", 1, Scope.UNIT),
    NameLabel("预算单位", 1, Scope.UNIT), NameLabel("决算单位", 1, Scope.UNIT),
    NameLabel("预算主管部门", 2, Scope.DEPARTMENT), NameLabel("主管部门名称", 2, Scope.DEPARTMENT),
    NameLabel("主管部门", 2, Scope.DEPARTMENT), NameLabel("预算部门", 2, Scope.DEPARTMENT),
    NameLabel("部门(单位)名称", 3), NameLabel("单位(部门)名称", 3), NameLabel("部门名称", 3),
    NameLabel("单位名称", 3), NameLabel("部门(单位)", 3), NameLabel("单位(部门)", 3),
    NameLabel("部门", 4), NameLabel("单位", 4),
    NameLabel("编制部门", 5), NameLabel("编制单位", 5), NameLabel("填报单位", 5),
    NameLabel("报送单位", 5), NameLabel("公开单位", 5), NameLabel("公开部门", 5),
)
# a label's rank at or below which it outranks the cover title's own name
LABEL_BEATS_TITLE = 3
# what follows a value and is not part of the name: 填报单位：XX局（盖章）
VALUE_TRAILERS: tuple[str, ...] = ("(盖章)", "(公章)", "(章)", "盖章", "公章")
# values of 单位： that are units of measure, never bodies
MEASURE_UNITS: frozenset[str] = frozenset({"元", "万元", "千元", "亿元", "百万元", "人", "辆", "个", "%",
                                           "万元(保留两位小数)"})
# labels that print the fiscal year itself
YEAR_LABELS: tuple[str, ...] = ("预算年度", "决算年度", "会计年度", "年度")
CODE_LABELS: tuple[str, ...] = ("预算代码", "部门编码", "单位编码", "部门代码", "单位代码", "预算编码")

# --- names
# how a body's name ends: a name broken over lines is complete when it ends so
ORG_ENDINGS: tuple[str, ...] = (
    "办公厅", "办公室", "委员会", "管委会", "办事处", "人民政府", "法院", "检察院", "医院", "卫生院",
    "幼儿园", "学校", "学院", "大学", "中学", "小学", "中心", "机关", "街道", "苏木", "联合会", "协会",
    "厅", "局", "院", "委", "会", "部", "署", "处", "科", "所", "馆", "站", "队", "社", "校", "团",
    "办", "室", "园", "场", "台", "联", "宫", "库", "狱", "府", "镇", "乡", "协", "组", "司",
)
# a name printed with its scope: (汇总) department, (本级) unit
SCOPE_SUFFIXES: tuple[tuple[str, Scope], ...] = (
    ("部门汇总", Scope.DEPARTMENT), ("汇总", Scope.DEPARTMENT),
    ("单位本级", Scope.UNIT), ("机关本级", Scope.UNIT), ("本级", Scope.UNIT),
)
# words a statement about some other body opens with: 本部门2023年…, 全市2023年…
NOT_A_NAME_START: tuple[str, ...] = (
    "本", "我", "该", "全", "各", "其", "纳入", "根据", "按照", "经", "由", "反映", "包括", "即", "是",
    "为", "对", "在", "向", "从",
)
# words a body refers to itself or others by, never a name's first character
SELF_REFERENCES: tuple[str, ...] = ("本", "我", "该", "各", "其")

# --- regions
# bodies whose names open with a party or front prefix: the region follows it
BODY_PREFIXES: tuple[str, ...] = (
    "中国共产党", "中国共产主义青年团", "中国人民政治协商会议", "中国国民党革命委员会", "中国民主同盟",
    "中国民主建国会", "中国民主促进会", "中国农工民主党", "中国致公党", "台湾民主自治同盟", "九三学社",
    "中共", "共青团", "政协", "民革", "民盟", "民建", "民进", "农工党", "致公党", "台盟",
)
# provincial-level divisions, as printed in full; the four municipalities are provinces here
PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区",
    "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区",
    "澳门特别行政区",
)
# how a division below the province ends, longest first, and the level it is of
CITY_SUFFIXES: tuple[str, ...] = ("自治州", "地区", "市", "州", "盟")
DISTRICT_SUFFIXES: tuple[str, ...] = ("开发区", "高新区", "新区", "林区", "特区", "矿区", "区")
COUNTY_SUFFIXES: tuple[str, ...] = ("自治县", "自治旗", "县", "旗")
# a division suffix that also ends stems: 郑州市, 贵州省 are not 郑州 + 市
SUFFIXES_INSIDE_STEMS: frozenset[str] = frozenset({"州"})
# stems that make words, not places: 城市管理局 is not the city 城市
NOT_A_STEM: frozenset[str] = frozenset({
    "城", "社", "园", "景", "辖", "片", "街", "校", "厂", "库", "山", "牧", "灾", "全", "本", "各", "该",
    "我", "超", "菜", "股", "门", "夜", "都", "城乡", "地", "小", "大", "学", "行政", "省", "市", "县",
})

# --- templates: what an unfilled form prints where a filled one prints a name or a year
PLACEHOLDERS: tuple[str, ...] = SLOT_MARKS  # defined with audit's in normalise/printed.py
