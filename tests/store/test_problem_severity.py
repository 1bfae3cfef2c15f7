"""Problems keep their severity in the store, and a database written before
severities existed is brought up to what a fresh extraction would say."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from cnbudget.model import DocumentMeta, Kind, Locator, Problem, ProblemSeverity, SourceFile, Status
from cnbudget.model.document import Document
from cnbudget.query import Database
from cnbudget.store import Store
from cnbudget.store.migrate import alembic_config

RECOVERED_WORDING = (
    "支出表: row 2010302 printed its amounts out of their columns (an empty cell was lost); "
    "placed by the table's own sums as total=90270300, project=90270300"
)
AMBIGUOUS_WORDING = (
    "收入总表: row total: its amounts fit more than one set of columns (empty cells were not "
    "printed); read in printed order as total=40971100, fiscal=40971100"
)
COMPLETED_WORDING = "code printed as '3030' with no name; 30309 is the only code between 30308 and 30310"
LOST_WORDING = "基本支出表: not an amount: '18#4.8'"


def _doc(name: str, *problems: Problem) -> Document:
    lost = any(p.severity is ProblemSeverity.PARTIAL for p in problems)
    return Document(source=SourceFile(f"{name}.txt", name * 64, "text"), problems=list(problems),
                    status=Status.PARTIAL if lost else Status.SUCCESS)


def _recovered(message: str) -> Problem:
    return Problem(message, Locator(line=7), ProblemSeverity.RECOVERED)


def test_store_keeps_each_problem_severity(sqlite_store: Store) -> None:
    doc = _doc("a", _recovered(AMBIGUOUS_WORDING), Problem(LOST_WORDING, None, ProblemSeverity.PARTIAL))
    loaded = sqlite_store.load(sqlite_store.store(doc).document_id)
    assert [(p.message, p.severity) for p in loaded.problems] == [
        (AMBIGUOUS_WORDING, ProblemSeverity.RECOVERED), (LOST_WORDING, ProblemSeverity.PARTIAL)]
    assert loaded.status is Status.PARTIAL


def _upgrade_marks_old_recoveries_and_restores_success(url: str) -> None:
    store = Store(url)
    only_recovered = store.store(_doc(
        "b", _recovered(RECOVERED_WORDING), _recovered(AMBIGUOUS_WORDING),
        _recovered(COMPLETED_WORDING))).document_id
    mixed = store.store(_doc(
        "c", _recovered(COMPLETED_WORDING), Problem(LOST_WORDING, None, ProblemSeverity.PARTIAL),
    )).document_id
    # back to the schema before severities, with the status that schema's code gave
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
        conn.execute(text("UPDATE documents SET status = 'partial'"))
    columns = {c["name"] for c in inspect(store.engine).get_columns("document_problems")}
    assert "severity" not in columns
    store.close()

    upgraded = Store(url)  # opening migrates to head
    try:
        first = upgraded.load(only_recovered)
        assert {p.severity for p in first.problems} == {ProblemSeverity.RECOVERED}
        assert first.status is Status.SUCCESS
        second = upgraded.load(mixed)
        assert [p.severity for p in second.problems] == [
            ProblemSeverity.RECOVERED, ProblemSeverity.PARTIAL]
        assert second.status is Status.PARTIAL
    finally:
        upgraded.close()


def test_sqlite_upgrade_marks_old_recoveries_and_restores_success(tmp_path: Path) -> None:
    _upgrade_marks_old_recoveries_and_restores_success(str(tmp_path / "old.db"))


def test_postgres_upgrade_marks_old_recoveries_and_restores_success(postgres_url: str) -> None:
    _upgrade_marks_old_recoveries_and_restores_success(postgres_url)


def test_postgres_keeps_problem_severity(postgres_url: str) -> None:
    store = Store(postgres_url)
    try:
        doc = _doc("d", _recovered(COMPLETED_WORDING))
        loaded = store.load(store.store(doc).document_id)
        assert loaded.problems == doc.problems and loaded.status is Status.SUCCESS
    finally:
        store.close()


def test_disclosure_list_counts_losses_apart_from_recoveries(tmp_path: Path) -> None:
    doc = _doc("d", _recovered(AMBIGUOUS_WORDING), _recovered(COMPLETED_WORDING),
               Problem(LOST_WORDING, None, ProblemSeverity.PARTIAL))
    doc.meta = DocumentMeta(kind=Kind.BUDGET, year=2024)
    with Database(tmp_path / "list.db") as db:
        db.store.store(doc)
        row = db.disclosures().iloc[0]
    assert (row["problems"], row["recovered"], row["status"]) == (1, 2, "partial")
