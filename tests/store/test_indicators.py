"""Performance indicators keep every printed column through the store: their
fields and the columns of no field (绩效指标描述, 度量单位 …), queryable as a frame
and exportable; a database from before `indicator_texts` is upgraded in place."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from alembic import command
from openpyxl import load_workbook
from sqlalchemy import inspect

from cnbudget.model import DocumentMeta, Indicator, Kind, Row, SourceFile, Table
from cnbudget.model.document import Department, Document
from cnbudget.query import Database
from cnbudget.store import Store
from cnbudget.store.migrate import alembic_config

DESCRIBE = "extra:绩效指标描述"
BASIS = "extra:指标值确定依据"
MEASURE = "extra:度量单位"


def _doc(sha: str = "a") -> Document:
    first = Row(values={"amount": Decimal("120000")}, item="project_1",
                texts={"project": "电子政务外网IPv6升级改造"}, indicators=[
                    Indicator("产出指标", "数量指标", "改造节点数", "≥20个",
                              texts={DESCRIBE: "完成外网节点改造", BASIS: "实施方案"}),
                    Indicator("效益指标", "社会效益指标", "系统可用率", "≥99%", weight=Decimal("10"),
                              texts={BASIS: "运维合同"}),
                ])
    second = Row(values={"amount": Decimal("50000")}, item="project_2", name="机房维护",
                 indicators=[Indicator("产出指标", "时效指标", "响应时间", "2", texts={MEASURE: "小时"})])
    empty = Row(item="project_3", texts={"project": "无指标项目"}, indicators=[])
    return Document(
        source=SourceFile(f"{sha}.txt", sha * 64, "text"),
        meta=DocumentMeta(kind=Kind.BUDGET, year=2023, department=Department("某市网信办")),
        tables=[Table("performance_target", "项目绩效目标表", [first, second, empty], unit="万元")],
    )


def test_indicators_frame_has_fields_and_text_columns(tmp_path: Path) -> None:
    with Database(tmp_path / "i.db") as db:
        db.store.store(_doc())
        frame = db.indicators()
        assert list(frame["project"]) == ["电子政务外网IPv6升级改造"] * 2 + ["机房维护"]
        assert list(frame["level3"]) == ["改造节点数", "系统可用率", "响应时间"]
        assert list(frame["weight"]) == [None, Decimal("10"), None]
        # text columns in order of first appearance; None where an indicator printed none
        assert [c for c in frame.columns if c.startswith("extra:")] == [DESCRIBE, BASIS, MEASURE]
        assert list(frame[DESCRIBE]) == ["完成外网节点改造", None, None]
        assert list(frame[BASIS]) == ["实施方案", "运维合同", None]
        assert list(frame[MEASURE]) == [None, None, "小时"]
        assert db.indicators(table_type="performance_evaluation").empty
        assert db.indicators(department="网信办", year=2023)["indicator"].tolist() == [0, 1, 0]

        path = db.export(frame, tmp_path / "ind.xlsx")
        sheet = load_workbook(path).active
        header = [c.value for c in next(sheet.iter_rows(max_row=1))]
        cells = {h: c.value for h, c in zip(header, next(sheet.iter_rows(min_row=2, max_row=2)),
                                            strict=True)}
        # the printed header heads its column (without the frame's `extra:` key prefix)
    assert (cells[DESCRIBE.removeprefix("extra:")], cells[BASIS.removeprefix("extra:")]) \
        == ("完成外网节点改造", "实施方案")


def _downgrade_and_upgrade_keep_indicators(url: str) -> None:
    store = Store(url)
    doc_id = store.store(_doc("b")).document_id
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002")
    assert "indicator_texts" not in inspect(store.engine).get_table_names()
    store.close()
    store = Store(url)  # upgrades to head again
    try:
        loaded = store.load(doc_id)
        want = _doc("b").tables[0].rows
        got = loaded.tables[0].rows
        # the indicators stay; the text columns a database without them dropped are gone
        assert [[(i.level3, i.target, i.weight) for i in r.indicators or []] for r in got] == \
            [[(i.level3, i.target, i.weight) for i in r.indicators or []] for r in want]
        assert all(not i.texts for r in got for i in r.indicators or [])
        again = store.load(store.store(_doc("c")).document_id)
        assert again.tables[0].rows[0].indicators == want[0].indicators
    finally:
        store.close()


def test_sqlite_indicator_texts_migration(tmp_path: Path) -> None:
    _downgrade_and_upgrade_keep_indicators(f"sqlite:///{tmp_path / 'm.db'}")


def test_postgres_indicator_texts_migration(postgres_url: str) -> None:
    _downgrade_and_upgrade_keep_indicators(postgres_url)
