"""Database commands: `ingest`, `ls`, `show`, `compare`, `sql`, `export`.

A thin layer over `cnbudget.store` and `cnbudget.query`: data on stdout
(tables, or JSON with `--json`), progress and messages on stderr. The
database is `--db` (a path or a SQLAlchemy URL), else `$CNBUDGET_DB`, else
`./cnbudget.db`.
"""

from __future__ import annotations

# Only what the options need is imported here: pandas, SQLAlchemy, psycopg and the
# store load inside the command that uses them, so `cnbudget --help` and
# `cnbudget extract` never pay for them (tests/cli/test_startup.py).
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table as RichTable
from rich.text import Text

from cnbudget.cli.console import EXIT_INTERNAL, EXIT_UNUSABLE, err, out, say, say_error
from cnbudget.cli.extract import LIMIT_OPTION, limits_of
from cnbudget.query.export import FORMATS
from cnbudget.query.metrics import DEFAULT_RANKING, metric_names

if TYPE_CHECKING:
    import pandas as pd

    from cnbudget.store.batch import IngestReport

EXIT_USAGE = EXIT_UNUSABLE

DB_OPTION = typer.Option(
    None, "--db", help="Database: a SQLite path or a SQLAlchemy URL "
    "(postgresql://…). Default: $CNBUDGET_DB, else ./cnbudget.db.",
)
JSON_OPTION = typer.Option(False, "--json", help="Print the data as JSON on stdout.")


def _report_json(report: IngestReport) -> str:
    return json.dumps({
        "run_id": report.run_id, "files": report.files, "stored": report.stored,
        "skipped": report.skipped, "new_versions": report.new_versions,
        "replaced": report.replaced,
        "failed": report.failed, "seconds": round(report.seconds, 3),
        "errors": [{"file": e.name, "error": e.error, "message": e.message}
                   for e in report.errors],
    }, ensure_ascii=False, indent=2)


def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Files, folders and zip archives; "
                                       ".json files are contract documents."),
    db: str | None = DB_OPTION,
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="Worker processes "
                                    "(default: one per core)."),
    replace: bool = typer.Option(False, "--replace", help="Extract files already stored "
                                 "again and replace their stored documents in place "
                                 "(after upgrading cnbudget); the version history is kept."),
    json_out: bool = JSON_OPTION,
    limit: list[str] | None = LIMIT_OPTION,
    engine: str = typer.Option("local", "--engine", help="Where files are extracted: local "
                               "(worker processes here) or dask (Dask distributed workers; "
                               "needs the dask extra; docs/scale.md)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="With --engine dask: the "
                                         "address of a running Dask scheduler "
                                         "(tcp://HOST:PORT); without it a local cluster is "
                                         "started."),
    workers: int | None = typer.Option(None, "--workers", help="With --engine dask and no "
                                       "--scheduler: the local cluster's worker processes "
                                       "(default: --jobs, else one per core)."),
) -> None:
    """Extract and store documents in the database: in parallel, resumable, idempotent.
    Each file is read in an isolated worker under the limits. Exit 0: every file
    stored or already stored; 2: some files could not be read (each named, the
    others stored); 3: internal failure."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from cnbudget.store import Store
    from cnbudget.store.batch import ENGINES, ingest
    from cnbudget.store.dask_ingest import DaskUnavailable

    if engine not in ENGINES:
        raise _fail(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if engine != "dask" and (scheduler or workers):
        raise _fail("--scheduler and --workers go with --engine dask")
    limits = limits_of(limit)
    with Store(db) as store, Progress(
        TextColumn("ingest", style="bold"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[last]}", markup=False), console=err, transient=False,
    ) as bar:
        task = bar.add_task("ingest", total=None, last="")

        def advance(name: str, outcome: str) -> None:
            bar.update(task, advance=1, last=f"{outcome}: {Path(name).name}"[:60])

        try:
            report = ingest(store, paths, jobs=workers or jobs, progress=advance,
                            on_total=lambda n: bar.update(task, total=n), replace=replace,
                            limits=limits, engine=engine, scheduler=scheduler)
        except DaskUnavailable as exc:
            raise _fail(str(exc)) from exc
    say(
        f"{report.files} files: {report.stored} stored ({report.new_versions} new versions), "
        + (f"{report.replaced} replaced, " if replace else "") +
        f"{report.skipped} already stored, {report.failed} failed "
        f"in {report.seconds:.1f} s (run {report.run_id})"
    )
    if report.errors:
        table = _table("file", "error", "message", title="files not stored")
        for e in report.errors:
            table.add_row(e.name, e.error, e.message)
        err.print(table)
    if json_out:
        print(_report_json(report))
    if any(e.error.startswith("internal.") for e in report.errors):
        raise typer.Exit(EXIT_INTERNAL)
    if report.errors:
        raise typer.Exit(EXIT_UNUSABLE)


REGION = typer.Option(None, "--region", help="Region name as printed, e.g. 石家庄市.")
YEAR = typer.Option(None, "--year", help="Fiscal year.")
KIND = typer.Option(None, "--kind", help="budget (预算) or final_account (决算).")
DEPARTMENT = typer.Option(None, "--department", "-d",
                          help="Department id, or (part of) any name it was printed under.")
UNIT = typer.Option("万元", "--unit", help="Show amounts in 万元 (default) or 元.")


def _table(*headers: str, title: str | None = None) -> RichTable:
    """A table that folds long cells instead of cutting them: stdout is data."""
    table = RichTable(title=title)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def _check_unit(unit: str) -> None:
    from cnbudget.query.display import UNITS

    if unit not in UNITS:
        raise _fail(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    say_error(message)
    return typer.Exit(code)


def _json_value(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return None
    if isinstance(value, Decimal):
        return str(value)  # exact; JSON numbers could round
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{k: _json_value(v) for k, v in r.items()} for r in frame.to_dict(orient="records")]


def _cell(value: object) -> str:
    value = _json_value(value)
    return "" if value is None else str(value)


def ls_command(
    db: str | None = DB_OPTION, region: str | None = REGION, year: int | None = YEAR,
    kind: str | None = KIND, department: str | None = DEPARTMENT,
    has_errors: bool | None = typer.Option(None, "--has-errors/--no-errors",
                                          help="Only disclosures with (without) errors."),
    json_out: bool = JSON_OPTION,
) -> None:
    """List disclosures (department × year × kind × scope) with their files and findings."""
    from cnbudget.query.api import Database

    with Database(db) as database:
        frame = database.disclosures(region=region, year=year, kind=kind,
                                     department=department, has_errors=has_errors)
    if json_out:
        _print_json(_records(frame))
        return
    table = _table("id", "department", "region", "year", "kind", "files", "tables", "errors",
                   "warnings", "problems", "status")
    for r in frame.itertuples():
        code = f" [{_cell(r.department_code)}]" if _cell(r.department_code) else ""
        kind = f"{_cell(r.kind) or '?'}" + ("/unit" if r.scope == "unit" else "")
        table.add_row(*(_cell(v) for v in (
            r.disclosure_id, f"{_cell(r.department) or '?'}{code}", r.region, r.year, kind,
            r.documents, r.tables, r.errors, r.warnings, r.problems, r.status)))
    out.print(table)
    say(f"{len(frame)} disclosures")


def show_command(
    disclosure_id: int = typer.Argument(..., help="Disclosure id (from `cnbudget ls`)."),
    db: str | None = DB_OPTION, unit: str = UNIT, json_out: bool = JSON_OPTION,
) -> None:
    """One disclosure: its files (and versions), key figures, tables and findings."""
    import pandas as pd

    from cnbudget.model.contract import to_plain_json
    from cnbudget.query.api import Database
    from cnbudget.query.display import fmt
    from cnbudget.store.read import DocumentNotFound

    _check_unit(unit)
    with Database(db) as database:
        listing = database.disclosures()
        row = listing[listing["disclosure_id"] == disclosure_id]
        if row.empty:
            raise _fail(f"no disclosure {disclosure_id}")
        files = database.documents(disclosure_id)
        try:
            docs = [database.document(int(i)) for i in files["id"]]
        except DocumentNotFound as exc:
            raise _fail(str(exc)) from exc
        figures = pd.DataFrame()
        info = row.iloc[0]
        if info["department_id"] is not None and not pd.isna(info["department_id"]) \
                and info["year"] is not None and not pd.isna(info["year"]):
            figures = database.compare(int(info["department_id"]), kind=info["kind"],
                                       scope=info["scope"],
                                       years=(int(info["year"]), int(info["year"])))
    if json_out:
        _print_json({
            "disclosure": _records(row)[0], "files": _records(files),
            "figures": _records(figures[["metric", "name", "amount"]]) if len(figures) else [],
            "documents": [to_plain_json(d) for d in docs],
        })
        return
    out.print(Text(str(info["department"]), style="bold"),
              Text(f" ({info['region'] or '?'}) {info['year']} {info['kind']} "
                   f"{info['scope'] or ''}  status {info['status']}"))
    files_table = _table("document", "file", "format", "pages", "version", "current",
                            title="files")
    for f in files.itertuples():
        files_table.add_row(*(_cell(v) for v in (f.id, f.file, f.format, f.pages, f.version,
                                                 bool(f.current))))
    out.print(files_table)
    if len(figures):
        fig = _table("metric", "name", f"amount ({unit})", title="figures")
        for r in figures.itertuples():
            if r.amount is not None:
                fig.add_row(r.metric, r.name or "", fmt(r.amount, unit))
        out.print(fig)
    for doc in docs:
        tables = _table("type", "title", "unit", "rows", title=f"tables of {doc.source.file}")
        for t in doc.tables:
            tables.add_row(t.type, t.title, t.unit or "", "empty" if t.empty else str(len(t.rows)))
        out.print(tables)
        for finding in doc.findings:
            out.print(f"  [{finding.severity.value}] {finding.rule}: {finding.message}")


def compare_command(
    department: str | None = typer.Argument(None, help="One department across years "
                                            "(id or name); omit with --year to rank."),
    db: str | None = DB_OPTION, year: int | None = YEAR,
    kind: str = typer.Option("budget", "--kind", help="budget or final_account."),
    region: str | None = REGION,
    metric: str = typer.Option(DEFAULT_RANKING, "--metric",
                               help="Ranking metric: " + ", ".join(metric_names())),
    departments: list[str] | None = typer.Option(None, "--with", help="Rank only these "
                                                 "departments (repeatable)."),
    unit: str = UNIT, json_out: bool = JSON_OPTION,
) -> None:
    """Compare one department across years (totals, basic/project, 三公, categories),
    or rank departments of one year by a metric."""
    from cnbudget.query.api import Database
    from cnbudget.query.compare import AmbiguousDepartment, UnknownDepartment
    from cnbudget.query.display import convert_amounts

    _check_unit(unit)
    try:
        with Database(db) as database:
            frame = database.compare(department, year=year, kind=kind, region=region,
                                     metric=metric, departments=departments or None)
    except (AmbiguousDepartment, UnknownDepartment, KeyError, ValueError) as exc:
        raise _fail(str(exc.args[0] if exc.args else exc)) from exc
    amount_columns = ["amount", "change", "previous"]
    if json_out:
        _print_json({"unit": unit, **{k: _json_value(v) for k, v in frame.attrs.items()},
                     "rows": _records(convert_amounts(frame, amount_columns, unit))})
        return
    if department is not None:
        _print_years(frame, unit)
    else:
        _print_ranking(frame, unit, metric, year)


def _print_years(frame: pd.DataFrame, unit: str) -> None:
    from cnbudget.query.display import fmt, fmt_change, fmt_pct

    years = sorted(frame["year"].unique())
    table = _table("metric", "name", *(str(y) for y in years),
                      title=f"{frame.attrs.get('department')} ({unit}; change and growth "
                            "against the previous year shown)")
    for key, group in frame.groupby("metric", sort=False):
        if group["amount"].isna().all():
            continue
        by_year = {r.year: r for r in group.itertuples()}
        cells = []
        for y in years:
            r = by_year.get(y)
            if r is None or r.amount is None:
                cells.append("")
                continue
            change = f"\n{fmt_change(r.change, unit)} {fmt_pct(r.growth_pct)}" \
                if r.change is not None else ""
            cells.append(fmt(r.amount, unit) + change)
        table.add_row(key, group["name"].iloc[0] or "", *cells)
    out.print(table)


def _print_ranking(frame: pd.DataFrame, unit: str, metric: str, year: int | None) -> None:
    from cnbudget.query.display import fmt, fmt_change, fmt_pct

    table = _table("rank", "department", "region", f"{metric} ({unit})", "share",
                      f"{(year or 0) - 1}", "change", "growth", title=f"{year}: {metric}")
    for r in frame.itertuples():
        table.add_row(_cell(r.rank), r.department, r.region or "", fmt(r.amount, unit),
                      "" if r.share_pct is None else f"{r.share_pct}%", fmt(r.previous, unit),
                      fmt_change(r.change, unit), fmt_pct(r.growth_pct))
    out.print(table)


TIMEOUT_OPTION = typer.Option(30.0, "--timeout", help="Stop the statement after this many seconds.")
MAX_ROWS_OPTION = typer.Option(1_000_000, "--max-rows", help="Refuse results longer than this.")
SUPERUSER_OPTION = typer.Option(False, "--allow-superuser", help="PostgreSQL: run even as a "
                                "superuser (whose queries can reach the server's files and "
                                "programs).")


def sql_command(
    query: str = typer.Argument(..., help="One SELECT statement (read-only)."),
    db: str | None = DB_OPTION, json_out: bool = JSON_OPTION,
    timeout: float = TIMEOUT_OPTION, max_rows: int = MAX_ROWS_OPTION,
    allow_superuser: bool = SUPERUSER_OPTION,
) -> None:
    """Run one read-only SQL statement, bounded in time and rows; tables: see
    docs/database.md. Exit 2 for a refused or failing statement."""
    import sqlite3

    import psycopg

    from cnbudget.query.api import Database
    from cnbudget.query.readonly import QueryBounds, QueryLimit, ReadOnlyViolation

    try:
        with Database(db) as database:
            frame = database.sql(query, QueryBounds(timeout, max_rows, allow_superuser))
    except (ReadOnlyViolation, QueryLimit) as exc:
        raise _fail(str(exc)) from exc
    except (sqlite3.Error, psycopg.Error) as exc:  # the database's own message is the answer
        raise _fail(f"{type(exc).__name__}: {exc}") from exc
    if json_out:
        _print_json(_records(frame))
        return
    table = _table(*(str(c) for c in frame.columns))
    for r in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in r))
    out.print(table)


EXPORTS = ("disclosures", "line-items", "indicators", "facts", "findings", "compare", "sql", "fdp")


def export_command(
    what: str = typer.Argument(..., help="One of: " + ", ".join(EXPORTS)),
    out_path: Path = typer.Option(..., "--out", "-o", help="Output file (a folder for fdp)."),
    fmt_: str | None = typer.Option(None, "--format", "-f",
                                    help=f"{', '.join(FORMATS)} (default: from the suffix)."),
    db: str | None = DB_OPTION, region: str | None = REGION, year: int | None = YEAR,
    kind: str | None = KIND, department: str | None = DEPARTMENT,
    table_type: str | None = typer.Option(None, "--table", help="line-items, indicators: table type."),
    query: str | None = typer.Option(None, "--sql", help="sql: the SELECT statement."),
    metric: str = typer.Option(DEFAULT_RANKING, "--metric", help="compare: ranking metric."),
    timeout: float = TIMEOUT_OPTION, allow_superuser: bool = SUPERUSER_OPTION,
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="Write through an "
                                         "output that is a symbolic link."),
) -> None:
    """Export a query: CSV, XLSX, Parquet, JSON Lines; or a Fiscal Data Package (fdp).
    Written atomically; never over the database, nor through a symbolic link."""
    from cnbudget.query.api import Database
    from cnbudget.query.compare import AmbiguousDepartment, UnknownDepartment
    from cnbudget.query.export import export_frame
    from cnbudget.query.fdp import write_fiscal_data_package
    from cnbudget.query.readonly import QueryBounds, QueryLimit, ReadOnlyViolation

    if what not in EXPORTS:
        raise _fail(f"unknown export {what!r}; one of {', '.join(EXPORTS)}")
    filters = {"region": region, "year": year, "kind": kind, "department": department}
    try:
        with Database(db) as database:
            if what == "fdp":
                path = write_fiscal_data_package(
                    database.line_items(table_type=table_type, **filters), out_path)
                say(f"wrote {path}")
                return
            if what == "sql":
                if not query:
                    raise _fail("export sql needs --sql \"SELECT …\"")
                frame = database.sql(query, QueryBounds(timeout, sys.maxsize, allow_superuser))
            elif what == "compare":
                frame = database.compare(department, year=year if department is None else None,
                                         kind=kind or "budget", region=region, metric=metric)
            elif what in ("line-items", "indicators"):
                frame = getattr(database, what.replace("-", "_"))(table_type=table_type, **filters)
            else:
                frame = getattr(database, what)(**filters)
        path = export_frame(frame, out_path, fmt_, inputs=_db_files(db),
                            follow_symlinks=follow_symlinks)
    except (AmbiguousDepartment, UnknownDepartment, KeyError, ValueError,
            ReadOnlyViolation, QueryLimit) as exc:  # UnsafeOutput is a ValueError
        raise _fail(str(exc.args[0] if exc.args else exc)) from exc
    say(f"wrote {len(frame)} rows to {path}")


def _db_files(db: str | None) -> list[Path]:
    """The SQLite file (and its journals) an export must never overwrite."""
    from sqlalchemy.engine import make_url

    from cnbudget.store.engine import resolve_url

    url = make_url(resolve_url(db))
    if url.get_backend_name() != "sqlite" or not url.database:
        return []
    base = Path(url.database)
    return [base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")]


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("ls")(ls_command)
    app.command("show")(show_command)
    app.command("compare")(compare_command)
    app.command("sql")(sql_command)
    app.command("export")(export_command)
