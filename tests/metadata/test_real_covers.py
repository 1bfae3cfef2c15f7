"""The 22 Jiangsu PDFs: year, kind, department and title as each cover prints it.

Expected values were read off the documents with poppler's `pdftotext -layout`
and the cover images (`pdftoppm`), never from cnbudget's output: a cover such
as 江苏省2018年度 / 省级部门预算公开报表 / 部 门:中共江苏省委办公厅 / 江苏省财政厅印制
names the region in its title and the department on a label; 2018 年度江苏省高级 /
人民法院预算公开 breaks its name over two lines and prints its date below.
Files of tables only print no title (the title is then made of name and year);
江苏省政协办公厅2019年度部门预算.pdf opens at its contents, and only its statements
name it (江苏省政协办公厅 2019 年度收入、支出预算总计…).
"""

from __future__ import annotations

import pytest

from cnbudget.ingest.readers import read_source
from cnbudget.model import Kind, RegionLevel, Scope
from cnbudget.recognise.metadata import read_metadata
from tests.conftest import JIANGSU

RENDA, JIANCHA, SHENGWEI, ZHENGXIE, FAYUAN = (
    "江苏省人大办公厅", "江苏省人民检察院", "江苏省委办公厅", "江苏省政协办公厅", "江苏省高级人民法院")

# (folder, file, year, department, printed title or None where the file prints none)
COVERS = [
    (RENDA, "江苏省人大办公厅2017年度预算公开.pdf", 2017, "江苏省人大常委会办公厅", "江苏省人大常委会办公厅2017年度部门预算"),
    (RENDA, "江苏省人大常委会2019年度部门预算公开.pdf", 2019, "江苏省人大常委会办公厅",
     "江苏省人大常委会办公厅2019年度部门预算公开"),
    (RENDA, "江苏省人大常委会办公厅2019年部门预算公开表.pdf", 2019, "江苏省人大常委会办公厅", None),
    (RENDA, "省人大办公厅2018预算公开.pdf", 2018, "江苏省人大常委会办公厅", "江苏省人大常委会办公厅2018年度部门预算公开"),
    (JIANCHA, "2017年省检察院部门预算.pdf", 2017, "江苏省人民检察院", "江苏省人民检察院2017年部门预算"),
    (JIANCHA, "2018年省检察院部门预算公开.pdf", 2018, "江苏省人民检察院", "江苏省人民检察院2018年部门预算"),
    (JIANCHA, "2019年度部门预算公开.pdf", 2019, "江苏省人民检察院", "江苏省人民检察院2019年度部门预算公开"),
    (SHENGWEI, "江苏省委办公厅2017年部门预算.pdf", 2017, "江苏省委办公厅", "江苏省委办公厅2017年度部门预算"),
    (SHENGWEI, "江苏省委办公厅2017年预算公开表格.pdf", 2017, "中国共产党江苏省委员会办公厅", None),
    (SHENGWEI, "江苏省委办公厅2018年度部门预算公开文件.pdf", 2018, "江苏省委办公厅", "江苏省委办公厅2018年度部门预算公开"),
    (SHENGWEI, "江苏省委办公厅2018年度部门预算公开表.pdf", 2018, "中共江苏省委办公厅", "江苏省2018年度省级部门预算公开报表"),
    (SHENGWEI, "江苏省委办公厅2019年度部门预算公开文件.pdf", 2019, "江苏省委办公厅", "江苏省委办公厅2019年度部门预算公开"),
    (SHENGWEI, "江苏省委办公厅2019年度部门预算公开表格.pdf", 2019, "中共江苏省委办公厅", None),
    (ZHENGXIE, "2017年度部门预算公开表.pdf", 2017, "江苏省政协办公厅", None),
    (ZHENGXIE, "江苏省政协办公厅2017年度部门预算.pdf", 2017, "江苏省政协办公厅", "江苏省政协办公厅2017年度部门预算"),
    (ZHENGXIE, "江苏省政协办公厅2018年度部门预算.pdf", 2018, "江苏省政协办公厅", "江苏省政协办公厅2018年度部门预算公开"),
    (ZHENGXIE, "江苏省政协办公厅2018度部门预算公开表.pdf", 2018, "江苏省政协办公厅", None),
    (ZHENGXIE, "江苏省政协办公厅2019年度部门预算.pdf", 2019, "江苏省政协办公厅", None),
    (ZHENGXIE, "江苏省政协办公厅2019年预算公开表.pdf", 2019, "江苏省政协办公厅", None),
    (FAYUAN, "江苏省高级人民法院2019年度部门预算公开.pdf", 2019, "江苏省高级人民法院", "江苏省高级人民法院2019年度部门预算公开"),
    (FAYUAN, "省法院2017年度部门预算公开.pdf", 2017, "江苏省高级人民法院", "2017年度江苏省高级人民法院部门预算公开"),
    (FAYUAN, "省法院2018年度部门预算公开.pdf", 2018, "江苏省高级人民法院", "2018年度江苏省高级人民法院预算公开"),
]


@pytest.mark.parametrize(("folder", "file", "year", "department", "title"), COVERS,
                         ids=[c[1] for c in COVERS])
def test_jiangsu_cover(jiangsu_dir, folder, file, year, department, title):
    pytest.importorskip("cnbudget.ingest.pdf.reader")
    path = jiangsu_dir / folder / file
    if not path.exists():
        pytest.skip(f"{path} is absent")
    meta = read_metadata(read_source(path).layout.lines).meta
    assert (meta.year, meta.kind, meta.scope) == (year, Kind.BUDGET, Scope.DEPARTMENT)
    assert meta.department.name == department
    assert (meta.region.name, meta.region.level) == ("江苏省", RegionLevel.PROVINCE)
    if title is not None:
        assert meta.title == title
    else:  # no title printed: made of the name and the year
        assert meta.title == f"{department}{year}年部门预算"


def test_every_jiangsu_pdf_is_listed():
    if not JIANGSU.exists():
        pytest.skip(f"{JIANGSU} is absent: the real documents live in ../shared beside the clone")
    assert sorted(p.name for p in JIANGSU.rglob("*.pdf")) == sorted(c[1] for c in COVERS)
