"""Covers that were read wrong on real documents of other provinces, and the
variants the issue names, one test each."""

from __future__ import annotations

import pytest

import cnbudget.ingest.text  # noqa: F401  (registers the text reader)
from cnbudget.ingest.readers import read_bytes
from cnbudget.model import DocumentMeta, Kind, RegionLevel, Scope
from cnbudget.recognise.metadata import read_metadata

BODY_2022 = (
    "一、部门职责\n"
    "2022年，本部门圆满完成各项任务。2022年部门预算收入合计1500.00万元，2022年部门预算支出1500.00万元。\n"
    "本部门2023年收入预算1234.56万元，比2022年减少265.44万元；与2022年相比，支出预算减少，2022年决算数1480.00万元。\n"
)


def _meta(text: str) -> DocumentMeta:
    return read_metadata(read_bytes(text.encode("utf-8"), "cover.txt").layout.lines).meta


def test_a_region_title_gives_the_title_year_not_a_comparison_year():
    """…区2023年区级部门预算 was stored as 2022: the text names 2022 more often."""
    meta = _meta("广州市海珠区2023年区级部门预算\n预算主管部门：广州市海珠区教育局\n2023年1月\n" + BODY_2022)
    assert (meta.year, meta.kind, meta.scope) == (2023, Kind.BUDGET, Scope.DEPARTMENT)
    assert meta.department.name == "广州市海珠区教育局"
    assert (meta.region.name, meta.region.level) == ("广州市海珠区", RegionLevel.DISTRICT)
    assert meta.title == "广州市海珠区2023年区级部门预算"


def test_a_name_the_cover_breaks_over_two_lines_is_read_whole():
    """…规划和自然 / 资源局 kept only 资源局."""
    meta = _meta("广州市海珠区2023年区级部门预算\n预算主管部门：广州市海珠区规划和自然\n资源局\n" + BODY_2022)
    assert meta.department.name == "广州市海珠区规划和自然资源局"
    title_broken = _meta("广州市海珠区规划和自然\n资源局\n2023年部门预算\n" + BODY_2022)
    assert title_broken.department.name == "广州市海珠区规划和自然资源局"
    assert title_broken.title == "广州市海珠区规划和自然资源局2023年部门预算"


def test_the_cover_title_ends_where_the_next_heading_begins():
    """A cover title followed by the 情况说明's own heading was read as one title
    (…2024年部门预算…2024年部门预算情况说明); a title broken over lines still joins."""
    meta = _meta("广州市海珠区教育局2023年部门预算\n广州市海珠区教育局2023年部门预算情况说明\n"
                 + BODY_2022)
    assert meta.title == "广州市海珠区教育局2023年部门预算" and meta.year == 2023
    assert meta.department.name == "广州市海珠区教育局"
    wrapped = _meta("广州市海珠区教育局2023年\n部门预算\n" + BODY_2022)
    assert wrapped.title == "广州市海珠区教育局2023年部门预算"


def test_a_unit_budget_names_its_unit_from_the_预算单位_label():
    """单位预算 covers (预算单位：…) gave no department at all."""
    meta = _meta("广州市海珠区2023年区级部门预算\n预算单位：广州市海珠区青少年宫\n" + BODY_2022)
    assert (meta.department.name, meta.scope) == ("广州市海珠区青少年宫", Scope.UNIT)
    both = _meta("2023年单位预算\n预算主管部门：广州市海珠区教育局\n预算单位：广州市海珠区第一中学\n" + BODY_2022)
    assert (both.department.name, both.scope) == ("广州市海珠区第一中学", Scope.UNIT)
    on_the_next_line = _meta("2023年单位预算\n预算单位：\n广州市海珠区第一中学\n" + BODY_2022)
    assert (on_the_next_line.department.name, on_the_next_line.scope) == ("广州市海珠区第一中学", Scope.UNIT)


def test_a_final_account_published_the_next_year_gives_its_fiscal_year():
    for date in ("2024年8月", "二〇二四年八月", "2024年8月30日"):
        meta = _meta(f"成都市锦江区教育局\n2023年度部门决算\n{date}\n本部门2024年工作计划如下。\n")
        assert (meta.year, meta.kind) == (2023, Kind.FINAL_ACCOUNT), date
        assert meta.department.name == "成都市锦江区教育局"
    dated_first = _meta("二〇二四年八月\n成都市锦江区教育局2023年度部门决算公开\n")
    assert (dated_first.year, dated_first.kind) == (2023, Kind.FINAL_ACCOUNT)


def test_a_title_printed_in_chinese_numerals_or_letter_spaced():
    assert _meta("沛县教育局\n二〇二三年度部门预算\n").year == 2023
    spaced = _meta("沛 县 教 育 局\n2 0 2 3 年 度 部 门 预 算\n")
    assert (spaced.year, spaced.department.name, spaced.region.level) == (2023, "沛县教育局", RegionLevel.COUNTY)
    full_width = _meta("沛县教育局（汇总）２０２３年度部门预算\n")
    assert (full_width.year, full_width.department.name, full_width.scope) == (2023, "沛县教育局", Scope.DEPARTMENT)


def test_the_contents_before_the_cover_are_no_title():
    meta = _meta("目  录\n第一部分 部门概况\n第二部分 2022年度部门预算表\n一、收支预算总表\n"
                 "中共石家庄市委网络安全和信息化委员会办公室\n2023年部门预算\n" + BODY_2022)
    assert meta.year == 2023
    assert meta.department.name == "中共石家庄市委网络安全和信息化委员会办公室"
    assert (meta.region.name, meta.region.level) == ("石家庄市", RegionLevel.CITY)


def test_scope_suffixes_and_codes():
    unit = _meta("[302001]石家庄市数据局(本级)\n2024年度部门决算\n")
    assert (unit.department.name, unit.department.code, unit.scope) == ("石家庄市数据局", "302001", Scope.UNIT)
    department = _meta("石家庄市数据局（汇总）\n预算代码：302\n2024年度部门决算公开文本\n")
    assert (department.department.name, department.department.code, department.scope) == (
        "石家庄市数据局", "302", Scope.DEPARTMENT)
    table = _meta("部门收支总表\n部门编码及名称：[302]石家庄市数据资源管理局 预算年度：2020 金额单位：万元\n")
    assert (table.department.name, table.department.code, table.year) == ("石家庄市数据资源管理局", "302", 2020)


@pytest.mark.parametrize(("text", "name", "region", "level"), [
    ("恩施土家族苗族自治州利川市人民政府办公室2021年部门预算公开\n", "恩施土家族苗族自治州利川市人民政府办公室",
     "恩施土家族苗族自治州利川市", RegionLevel.COUNTY),
    ("2021年政协呼和浩特市赛罕区委员会办公室部门预算\n", "政协呼和浩特市赛罕区委员会办公室", "呼和浩特市赛罕区",
     RegionLevel.DISTRICT),
    ("2023年度部门预算\n部门名称：北京市朝阳区城市管理委员会\n编制日期：2023年2月\n", "北京市朝阳区城市管理委员会",
     "北京市朝阳区", RegionLevel.DISTRICT),
    ("2023年部门预算公开\n编制单位：锡林郭勒盟财政局\n", "锡林郭勒盟财政局", "锡林郭勒盟", RegionLevel.CITY),
], ids=["government office", "政协 office", "部门名称 label", "编制单位 label"])
def test_offices_and_labelled_covers(text, name, region, level):
    meta = _meta(text)
    assert meta.department.name == name
    assert (meta.region.name, meta.region.level) == (region, level)


def test_a_cover_titled_with_its_region_names_the_department_on_a_spaced_label():
    spaced = _meta("江苏省2018年度\n省级部门预算公开报表\n部 门:中共江苏省委办公厅\n江苏省财政厅印制\n")
    assert (spaced.department.name, spaced.year) == ("中共江苏省委办公厅", 2018)
    assert spaced.title == "江苏省2018年度省级部门预算公开报表"


def test_a_name_after_its_title_and_a_name_two_lines_from_its_year():
    after = _meta("2024年度部门决算公开文本\n廊坊市大城县农业农村局(汇总)\n二〇二五年九月\n")
    assert (after.year, after.kind, after.department.name) == (2024, Kind.FINAL_ACCOUNT, "廊坊市大城县农业农村局")
    assert (after.region.name, after.region.level) == ("廊坊市大城县", RegionLevel.COUNTY)
    away = _meta("廊坊市大城县农业农村局\n预算代码：405\n2024年度单位决算\n")
    assert (away.department.name, away.department.code, away.scope) == ("廊坊市大城县农业农村局", "405", Scope.UNIT)


def test_a_district_named_alone_takes_its_city_from_the_text():
    meta = _meta("硚口区教育局2023年部门预算\n单位地址：武汉市硚口区解放大道1号\n")
    assert (meta.region.name, meta.region.level) == ("武汉市硚口区", RegionLevel.DISTRICT)
    words = _meta("石家庄市城市管理综合行政执法局2023年部门预算\n")
    assert (words.region.name, words.region.level) == ("石家庄市", RegionLevel.CITY)  # 城市 is no city


def test_without_a_title_the_year_is_the_latest_the_figures_are_of():
    meta = _meta("部门收支总表\n部门：沛县教育局    单位：万元\n"
                 "2022年预算数为900.00万元，2022年部门预算支出900.00万元，2022年决算数880.00万元。\n"
                 "2023年部门预算收入1000.00万元，2023年部门预算支出1000.00万元，比2022年增加100.00万元。\n")
    assert (meta.year, meta.kind, meta.department.name) == (2023, Kind.BUDGET, "沛县教育局")


@pytest.mark.parametrize(("text", "year", "name", "title"), [
    ("省人大办公厅2018预算公开\n", 2018, "省人大办公厅", "省人大办公厅2018预算公开"),
    ("沛县教育局2023年部门预算 2023年1月\n", 2023, "沛县教育局", "沛县教育局2023年部门预算"),
    ("石家庄市第42中学2023年单位预算\n", 2023, "石家庄市第42中学", "石家庄市第42中学2023年单位预算"),
    ("根据《预算法》规定，现将沛县教育局2023年部门预算公开如下：\n一、2023年收入预算1000.00万元。\n", 2023, "沛县教育局",
     "沛县教育局2023年部门预算"),
], ids=["year without 年", "dated title line", "digits in the name", "opening formula"])
def test_title_variants(text, year, name, title):
    meta = _meta(text)
    assert (meta.year, meta.department.name, meta.title) == (year, name, title)


def test_a_tables_title_is_not_the_documents():
    meta = _meta("2023年部门收支总表\n单位名称：沛县教育局（汇总）  单位：万元\n项目\t预算数\n2023年一般公共预算支出表\n")
    assert (meta.department.name, meta.scope, meta.year) == ("沛县教育局", Scope.DEPARTMENT, 2023)
    assert meta.title == "沛县教育局2023年部门预算"  # none printed: made of name and year
    assert _meta("江苏省人大常委会办公厅2019年部门预算公开表\n").title == "江苏省人大常委会办公厅2019年部门预算公开表"


def test_a_region_title_then_the_body_on_its_own_line():
    """陕西省西安市雁塔区2024年部门预算公开 / 西安市雁塔区审计局 gave no department: the two
    cover lines are one run, the title's name before its year is the region only."""
    meta = _meta("陕西省西安市雁塔区2024年部门预算公开\n西安市雁塔区审计局\n" + BODY_2022)
    assert (meta.year, meta.department.name) == (2024, "西安市雁塔区审计局")
    assert meta.region.level is RegionLevel.DISTRICT


def test_a_whole_expenditure_title_names_no_department():
    """…教育局 / 2024年部门整体支出预算 was read as the department 部门整体支出."""
    meta = _meta("湖南省长沙市岳麓区教育局\n2024年部门整体支出预算\n" + BODY_2022)
    assert (meta.year, meta.kind, meta.department.name) == (2024, Kind.BUDGET, "湖南省长沙市岳麓区教育局")


def test_an_edition_note_is_no_part_of_the_name():
    """2024年部门预算 / （公开版） / 佛山市南海区自然资源局 kept （公开版） in the name."""
    for note in ("（公开版）", "（送审稿）", "（草案）"):
        meta = _meta(f"2024年部门预算\n{note}\n佛山市南海区自然资源局\n二〇二四年二月\n" + BODY_2022)
        assert meta.department.name == "佛山市南海区自然资源局", note


@pytest.mark.parametrize(("cover", "kind", "year", "name"), [
    ("山东省济南市历下区人民政府办公室2023年度部门整体支出绩效自评报告", Kind.FINAL_ACCOUNT, 2023,
     "山东省济南市历下区人民政府办公室"),
    ("成都市金牛区教育局\n2024年部门整体支出绩效目标", Kind.BUDGET, 2024, "成都市金牛区教育局"),
    ("2023年度项目支出绩效评价报告\n预算单位：平阳县水利局", Kind.FINAL_ACCOUNT, 2023, "平阳县水利局"),
])
def test_a_performance_report_names_its_kind_by_what_it_reports_on(cover, kind, year, name):
    """Titles without 预算/决算 (…绩效自评报告) gave no title and no department."""
    meta = _meta(cover + "\n一、部门基本情况\n本部门主要职责是……\n")
    assert (meta.kind, meta.year, meta.department.name) == (kind, year, name)
    assert meta.title is not None and "绩效" in meta.title


def test_a_budget_keeps_its_kind_beside_its_performance_targets():
    meta = _meta("成都市金牛区教育局2024年部门预算\n目录\n成都市金牛区教育局2024年部门整体支出绩效目标\n" + BODY_2022)
    assert (meta.kind, meta.year, meta.title) == (Kind.BUDGET, 2024, "成都市金牛区教育局2024年部门预算")
