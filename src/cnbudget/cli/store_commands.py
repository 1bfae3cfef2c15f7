"""Database commands that write: `ingest`, `export` (the readers: cli.query_commands).

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
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cnbudget.cli.console import EXIT_INTERNAL, EXIT_UNUSABLE, err, say
from cnbudget.cli.extract import LIMIT_OPTION, limits_of
from cnbudget.cli.options import (
    DB_OPTION,
    DEPARTMENT,
    KIND,
    REGION,
    SUPERUSER_OPTION,
    TIMEOUT_OPTION,
    YEAR,
    check_unit,
    fail,
)
from cnbudget.cli.tabular import rich_table
from cnbudget.lang import t
from cnbudget.query.metrics import DEFAULT_RANKING

if TYPE_CHECKING:
    import pandas as pd

    from cnbudget.store.batch import IngestReport

FORMATS = ("csv", "tsv", "xlsx", "parquet", "jsonl")  # cnbudget.query.export.FORMATS


# what became of a file, as the progress line names it
_OUTCOMES_ZH = {"stored": "已入库", "skipped": "已在库中", "failed": "失败", "replaced": "已替换"}

JSON_OPTION = typer.Option(False, "--json", help="Print the report as JSON on stdout.")


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
        raise fail(t(f"未知的引擎 {engine!r}；可选：", f"unknown engine {engine!r}; one of ") + ", ".join(ENGINES))
    if engine != "dask" and (scheduler or workers):
        raise fail(t("--scheduler 和 --workers 只用于 --engine dask", "--scheduler and --workers go with --engine dask"))
    limits = limits_of(limit)
    with Store(db) as store, Progress(
        TextColumn(t("入库", "ingest"), style="bold"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[last]}", markup=False), console=err, transient=False,
    ) as bar:
        task = bar.add_task("ingest", total=None, last="")

        def advance(name: str, outcome: str) -> None:
            shown = t(_OUTCOMES_ZH.get(outcome, outcome), outcome)
            bar.update(task, advance=1, last=f"{shown}: {Path(name).name}"[:60])

        try:
            report = ingest(store, paths, jobs=workers or jobs, progress=advance,
                            on_total=lambda n: bar.update(task, total=n), replace=replace,
                            limits=limits, engine=engine, scheduler=scheduler)
        except DaskUnavailable as exc:
            raise fail(str(exc)) from exc
    say(t(
        f"{report.files} 个文件：入库 {report.stored} 个（其中新版本 {report.new_versions} 个），"
        + (f"替换 {report.replaced} 个，" if replace else "") +
        f"已在库中 {report.skipped} 个，失败 {report.failed} 个，用时 {report.seconds:.1f} 秒"
        f"（第 {report.run_id} 次入库）",
        f"{report.files} files: {report.stored} stored ({report.new_versions} new versions), "
        + (f"{report.replaced} replaced, " if replace else "") +
        f"{report.skipped} already stored, {report.failed} failed "
        f"in {report.seconds:.1f} s (run {report.run_id})",
    ))
    if report.errors:
        table = rich_table(t("文件", "file"), t("错误", "error"), t("说明", "message"),
                           title=t("未入库的文件", "files not stored"))
        for e in report.errors:
            table.add_row(e.name, e.error, e.message)
        err.print(table)
    if json_out:
        print(_report_json(report))
    if any(e.error.startswith("internal.") for e in report.errors):
        raise typer.Exit(EXIT_INTERNAL)
    if report.errors:
        raise typer.Exit(EXIT_UNUSABLE)


EXPORTS = ("disclosures", "line-items", "indicators", "facts", "findings", "compare", "sql", "fdp")


EXPORT_SHEETS = {"disclosures": "公开目录", "line-items": "表格数据", "indicators": "绩效指标",
                 "facts": "说明中的数字", "findings": "审核发现", "compare": "比较", "sql": "查询结果"}


def export_command(
    what: str = typer.Argument(..., help="One of: " + ", ".join(EXPORTS)),
    out_path: Path = typer.Option(..., "--out", "-o", help="Output file (a folder for fdp; "
                                  "- for stdout: CSV, TSV or JSON Lines)."),
    fmt_: str | None = typer.Option(None, "--format", "-f",
                                    help=f"{', '.join(FORMATS)} (default: from the suffix)."),
    db: str | None = DB_OPTION, region: str | None = REGION, year: int | None = YEAR,
    kind: str | None = KIND, department: str | None = DEPARTMENT,
    table_type: str | None = typer.Option(None, "--table", help="line-items, indicators: table type."),
    query: str | None = typer.Option(None, "--sql", help="sql: the SELECT statement."),
    metric: str = typer.Option(DEFAULT_RANKING, "--metric", help="compare: ranking metric."),
    unit: str = typer.Option("万元", "--unit", help="CSV/TSV/XLSX amounts in 万元 (as printed; "
                             "default) or 元. Parquet and JSON Lines hold 元 as stored."),
    wide: bool = typer.Option(False, "--wide", help="line-items: one row per printed row, one "
                              "column per figure (XLSX: a sheet per table type)."),
    keys: bool = typer.Option(False, "--keys", help="CSV/TSV/XLSX: head the columns with their "
                              "keys and keep codes (budget, final_account) as stored."),
    bom: bool = typer.Option(True, "--bom/--no-bom", help="CSV/TSV: start with a UTF-8 BOM so "
                             "that Excel reads Chinese right (default)."),
    timeout: float = TIMEOUT_OPTION, allow_superuser: bool = SUPERUSER_OPTION,
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="Write through an "
                                         "output that is a symbolic link."),
) -> None:
    """Export a query: CSV, TSV, XLSX (for people: Chinese headers with units, 万元, Excel-ready),
    Parquet, JSON Lines (keys, 元); or a Fiscal Data Package (fdp). Written atomically; never
    over the database, nor through a symbolic link."""
    from cnbudget.model.table_types import TABLE_TYPES
    from cnbudget.query.api import open_database
    from cnbudget.query.compare import AmbiguousDepartment, UnknownDepartment
    from cnbudget.query.export import export_sheets
    from cnbudget.query.fdp import write_fiscal_data_package
    from cnbudget.query.presentation import wide_line_items
    from cnbudget.query.readonly import QueryBounds, QueryLimit, ReadOnlyViolation, StatementFailed

    if what not in EXPORTS:
        raise fail(t(f"未知的导出内容 {what!r}；可选：", f"unknown export {what!r}; one of ")
                    + ", ".join(EXPORTS))
    check_unit(unit)
    if wide and what != "line-items":
        raise fail(t("--wide 只用于 line-items", "--wide is for line-items only"))
    to_stdout = str(out_path) == "-"
    chosen_fmt = (fmt_ or "csv") if to_stdout else fmt_
    if to_stdout and chosen_fmt not in ("csv", "tsv", "jsonl"):
        raise fail(t("-o - 只输出 CSV、TSV 或 JSON Lines；XLSX、Parquet 请写入文件",
                      "-o - writes CSV, TSV or JSON Lines; write XLSX and Parquet to a file"))
    filters = {"region": region, "year": year, "kind": kind, "department": department}
    try:
        with open_database(db, existing=True) as database:
            if what == "fdp":
                path = write_fiscal_data_package(
                    database.line_items(table_type=table_type, **filters), out_path)
                say(t(f"已写入 {path}", f"wrote {path}"))
                return
            if what == "sql":
                if not query:
                    raise fail(t("export sql 需要 --sql \"SELECT …\"",
                                  "export sql needs --sql \"SELECT …\""))
                frame = database.sql(query, QueryBounds(timeout, sys.maxsize, allow_superuser))
            elif what == "compare":
                frame = database.compare(department, year=year if department is None else None,
                                         kind=kind or "budget", region=region, metric=metric)
            elif what in ("line-items", "indicators"):
                frame = getattr(database, what.replace("-", "_"))(table_type=table_type, **filters)
            else:
                frame = getattr(database, what)(**filters)
        if wide:
            by_type = wide_line_items(frame)
            sheets = {(TABLE_TYPES[k].name if k in TABLE_TYPES else k): v
                      for k, v in by_type.items()}
            kinds = {(TABLE_TYPES[k].name if k in TABLE_TYPES else k): k for k in by_type}
        else:
            sheets, kinds = {EXPORT_SHEETS[what]: frame}, {}
        rows = sum(len(f) for f in sheets.values())
        if to_stdout:
            _export_stdout(sheets, chosen_fmt or "csv", unit=unit, keys=keys, bom=bom,
                           table_types=kinds)
            say(t(f"已输出 {rows} 行", f"wrote {rows} rows"))
            return
        path = export_sheets(sheets, out_path, chosen_fmt, inputs=_db_files(db),
                             follow_symlinks=follow_symlinks, unit=unit, keys=keys, bom=bom,
                             table_types=kinds)
    except (AmbiguousDepartment, UnknownDepartment, KeyError, ValueError,
            ReadOnlyViolation, QueryLimit, StatementFailed) as exc:  # UnsafeOutput is a ValueError
        raise fail(str(exc.args[0] if exc.args else exc)) from exc
    say(t(f"已将 {rows} 行写入 {path}", f"wrote {rows} rows to {path}"))


def _export_stdout(sheets: dict[str, pd.DataFrame], fmt: str, **options: object) -> None:
    """`-o -`: the export on stdout, written through a temporary file (one writer)."""
    import tempfile

    from cnbudget.query.export import export_sheets

    with tempfile.TemporaryDirectory(prefix="cnbudget-export-") as folder:
        path = Path(folder) / f"out.{fmt}"
        export_sheets(sheets, path, fmt, **options)  # type: ignore[arg-type]
        sys.stdout.buffer.write(path.read_bytes())
        sys.stdout.flush()


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
    app.command("export")(export_command)
