"""Two tables printed under one title (河南 附件5-1 / 5-2, seed 003: 一般公共预算支出情况表
by 功能分类, then by 部门预算经济分类 with the 政府预算经济分类 beside it) come back
from every format as two tables, cell for cell; a table continued over pages,
its title and header printed again, stays one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget.model import Department, Document, DocumentMeta, Row, SourceFile, Table
from cnbudget.pipeline import extract
from cnbudget.render import FORMATS, render_document
from cnbudget.render.printed import printed_table

D = Decimal
TITLE = "示例局一般公共预算支出情况表"
GOV_CODE, GOV_NAME = "gov_economic_code", "gov_economic_name"

# (code, name, basic, project) in yuan; total = basic + project
FUNCTIONAL = [
    ("2010301", "行政运行", D(4615403), D(0)),
    ("2010302", "一般行政管理事务", D(0), D(90270300)),
    ("2080505", "机关事业单位基本养老保险缴费支出", D(534063), D(0)),
]
# (code, name, gov code, gov name, basic, project): 30101 printed twice, once per 政府预算 code
ECONOMIC = [
    ("30101", "基本工资", "50101", "工资奖金津补贴_行政", D(1208520), D(0)),
    ("30101", "基本工资", "50501", "工资福利支出_事业", D(399696), D(0)),
    ("30201", "办公费", "50201", "办公经费_行政", D(297200), D(200000)),
]


def _values(basic: Decimal, project: Decimal) -> dict[str, Decimal | None]:
    return {"total": basic + project, "basic": basic or None, "project": project or None}


def _total_row(parts: list[tuple[Decimal, Decimal]]) -> Row:
    basic = sum((b for b, _ in parts), D(0))
    project = sum((p for _, p in parts), D(0))
    return Row(item="total", name="合计", values=_values(basic, project))


def functional_table() -> Table:
    rows = [Row(code=c, name=n, values=_values(b, p)) for c, n, b, p in FUNCTIONAL]
    return Table("general_public", TITLE, [_total_row([(b, p) for *_, b, p in FUNCTIONAL]), *rows], unit="元")


def economic_table(paired: bool = True) -> Table:
    rows = [Row(code=c, name=n, values=_values(b, p), texts={GOV_CODE: gc, GOV_NAME: gn} if paired else {})
            for c, n, gc, gn, b, p in ECONOMIC]
    return Table("general_public", TITLE, [_total_row([(b, p) for *_, b, p in ECONOMIC]), *rows], unit="元")


def two_tables_document() -> Document:
    meta = DocumentMeta(department=Department("示例局"))
    return Document(SourceFile("same-title.json", "0" * 64, "sample"), meta=meta,
                    tables=[functional_table(), economic_table()])


def _rows(table: Table) -> list[tuple]:
    return [(r.code, r.item, r.name, r.texts, r.values) for r in table.rows]


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_tables_under_one_title_round_trip(tmp_path: Path, fmt: str) -> None:
    doc = two_tables_document()
    got = extract(render_document(doc, fmt, tmp_path / f"same-title.{fmt}"), audit=False)
    tables = [t for t in got.tables if t.title == TITLE]
    assert len(tables) == 2, [len(t.rows) for t in tables]
    assert _rows(tables[0]) == _rows(doc.tables[0])
    assert _rows(tables[1]) == _rows(doc.tables[1])


def _group_headers(table: Table) -> list[str]:
    """The top header row's label groups (the cells left of the value columns)."""
    printed = printed_table(table)
    return [c.text for c in printed.header[0] if c.colspan == 2 and c.col < 4]


def test_the_header_names_the_classification_the_codes_are_in() -> None:
    assert _group_headers(functional_table()) == ["功能分类科目"]
    # a 一般公共预算支出表 (a functional type) printed by economic code says so
    assert _group_headers(economic_table(paired=False)) == ["经济分类科目"]
    assert _group_headers(economic_table()) == ["部门预算经济分类", "政府预算经济分类"]


def test_the_government_classification_is_printed_beside_the_department_one() -> None:
    printed = printed_table(economic_table())
    assert [c.text for c in printed.header[1][:4]] == ["科目编码", "科目名称", "编码", "名称"]
    first = printed.body[1]
    assert first[:4] == ["30101", "基本工资", "50101", "工资奖金津补贴_行政"]
    assert printed.width == 4 + 3  # the value columns follow: 合计, 基本支出, 项目支出


# Files as another publisher would write them, so recognition is tested without
# the writer's help: both tables under the same 功能分类科目 header and no number
# above either title; only the codes tell the economic table apart.
_HEAD = ("<tr><th colspan='2'>功能分类科目</th><th rowspan='2'>合计</th><th rowspan='2'>基本支出</th>"
         "<th rowspan='2'>项目支出</th></tr><tr><th>科目编码</th><th>科目名称</th></tr>")


def _html_table(rows: list[tuple[str, str, Decimal, Decimal]], header: bool = True) -> str:
    body = "".join(f"<tr><td>{c}</td><td>{n}</td><td>{b + p}</td><td>{b or ''}</td><td>{p or ''}</td></tr>"
                   for c, n, b, p in rows)
    return f"<table>{_HEAD if header else ''}{body}</table>"


def _html(*parts: str) -> str:
    return "<html><body><h1>示例局2024年部门预算</h1>" + "".join(parts) + "</body></html>"


def _titled(table_html: str) -> str:
    return f"<h2>{TITLE}</h2><p>单位：元</p>{table_html}"


def _economic_plain() -> list[tuple[str, str, Decimal, Decimal]]:
    return [(c, n, b, p) for c, n, _, _, b, p in ECONOMIC]


def test_same_header_other_classification_is_a_second_table(tmp_path: Path) -> None:
    path = tmp_path / "two.html"
    path.write_text(_html(_titled(_html_table(FUNCTIONAL)), _titled(_html_table(_economic_plain()))),
                    encoding="utf-8")
    tables = [t for t in extract(path, audit=False).tables if t.title == TITLE]
    assert [[r.code for r in t.rows] for t in tables] == [[c for c, *_ in FUNCTIONAL],
                                                         [c for c, *_ in ECONOMIC]]


@pytest.mark.parametrize("header", [True, False], ids=["header-repeated", "no-header"])
def test_a_table_continued_over_pages_stays_one(tmp_path: Path, header: bool) -> None:
    """The title printed again over the next page's grid, with the header again or
    without one, and rows in the same classification: one table."""
    path = tmp_path / "continued.html"
    path.write_text(_html(_titled(_html_table(FUNCTIONAL[:2])), _titled(_html_table(FUNCTIONAL[2:], header))),
                    encoding="utf-8")
    tables = [t for t in extract(path, audit=False).tables if t.title == TITLE]
    assert len(tables) == 1
    assert [r.code for r in tables[0].rows] == [c for c, *_ in FUNCTIONAL]
