from __future__ import annotations

import pytest

import cnbudget.ingest.text  # noqa: F401  (registers the text reader)
from cnbudget.ingest.readers import read_source
from cnbudget.model import Kind, RegionLevel, Scope
from cnbudget.recognise.metadata import recognise_metadata
from tests.conftest import seed

CASES = [
    ("000", Kind.BUDGET, 2020, "石家庄市数据资源管理局", "302", "石家庄市", RegionLevel.CITY),
    ("001", Kind.FINAL_ACCOUNT, 2024, "石家庄市数据局", "302", "石家庄市", RegionLevel.CITY),
    ("002", Kind.BUDGET, 2020, "硚口区大数据中心", None, "武汉市硚口区", RegionLevel.DISTRICT),
    ("003", Kind.BUDGET, 2021, "郑州市大数据管理局", None, "郑州市", RegionLevel.CITY),
    ("004", Kind.BUDGET, 2020, "中共廊坊市委网络安全和信息化委员会办公室", None, "廊坊市", RegionLevel.CITY),
]


@pytest.mark.parametrize(("prefix", "kind", "year", "name", "code", "region", "level"), CASES)
def test_seed_metadata(prefix, kind, year, name, code, region, level):
    meta = recognise_metadata(read_source(seed(prefix)).layout.lines)
    assert (meta.kind, meta.year, meta.scope) == (kind, year, Scope.DEPARTMENT)
    assert (meta.department.name, meta.department.code) == (name, code)
    assert (meta.region.name, meta.region.level) == (region, level)
    assert meta.title and str(year) in meta.title and name[-4:] in meta.title


# --- documents without a cover: the name the statements open with ---------------------

def _jiangsu_pdfs() -> list:
    from tests.conftest import JIANGSU

    if not JIANGSU.exists():
        pytest.skip(f"{JIANGSU} is absent: the real documents live in ../shared beside the clone")
    pytest.importorskip("cnbudget.ingest.pdf.reader")
    return sorted(JIANGSU.rglob("*.pdf"))


def test_a_file_pdf_that_starts_at_its_contents_still_names_its_department():
    """江苏省政协办公厅2019年度部门预算.pdf opens with 目录; no cover, no title line.
    Its statements open with the name: 江苏省政协办公厅2019年度收入、支出预算总计…"""
    path = next((p for p in _jiangsu_pdfs() if p.name == "江苏省政协办公厅2019年度部门预算.pdf"), None)
    if path is None:
        pytest.skip("江苏省政协办公厅2019年度部门预算.pdf is absent from ../shared")
    meta = recognise_metadata(read_source(path).layout.lines)
    assert (meta.kind, meta.year, meta.scope) == (Kind.BUDGET, 2019, Scope.DEPARTMENT)
    assert meta.department.name == "江苏省政协办公厅"
    assert (meta.region.name, meta.region.level) == ("江苏省", RegionLevel.PROVINCE)
    assert meta.title == "江苏省政协办公厅2019年部门预算"


def test_every_jiangsu_pdf_names_its_department_year_and_title():
    for path in _jiangsu_pdfs():
        meta = recognise_metadata(read_source(path).layout.lines)
        year = int(next(y for y in ("2017", "2018", "2019") if y in path.name))
        assert meta.year == year and meta.kind is Kind.BUDGET, path.name
        name = meta.department.name or ""
        assert name.endswith(("厅", "院")) and "江苏省" in name, (path.name, name)
        assert meta.title and str(year) in meta.title, (path.name, meta.title)
        assert meta.region.name == "江苏省", path.name


_CONTENTS = """目 录
第一部分 部门概况
一、主要职能
第二部分 2023年度部门预算表
一、收支预算总表
第三部分 2023年度部门预算情况说明
第一部分 部门概况
一、主要职能
本部门负责全市数据资源管理工作。纳入本部门2023年部门汇总预算编制范围的预算单位共计1家。
"""


def _meta(text: str):
    from cnbudget.ingest.readers import read_bytes

    return recognise_metadata(read_bytes(text.encode("utf-8"), "contents-first.txt").layout.lines)


def test_name_from_statements_after_the_contents():
    text = _CONTENTS + (
        "一、关于2023年度收支预算情况的总体说明\n"
        "某某市数据资源管理局2023年度收入、支出预算总计1,234.56万元。\n"
        "二、关于2023年度收入预算情况说明\n"
        "某某市数据资源管理局本年收入预算合计1,234.56万元。\n"
        "某某市数据资源管理局2023年度“三公”经费预算支出12.00万元。\n"
    )
    meta = _meta(text)
    assert meta.department.name == "某某市数据资源管理局"
    assert (meta.year, meta.kind) == (2023, Kind.BUDGET)
    assert meta.title == "某某市数据资源管理局2023年部门预算"
    assert (meta.region.name, meta.region.level) == ("某某市", RegionLevel.CITY)


def test_no_name_is_guessed_from_one_statement_or_from_本部门():
    once = _CONTENTS + "某某市数据资源管理局2023年度收入、支出预算总计1,234.56万元。\n本部门2023年收入预算1,234.56万元。\n"
    assert _meta(once).department.name is None
    generic = _CONTENTS + "本部门2023年收入预算1,234.56万元。\n本部门2023年支出预算1,234.56万元。\n"
    assert _meta(generic).department.name is None
