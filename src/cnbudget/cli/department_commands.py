"""`cnbudget departments`: list departments with every name they were printed
under; `departments alias` and `departments merge` record a person's knowledge
of which names and records are one department. Kept in the database and
respected by every later ingest (cnbudget.store.department_edits)."""

from __future__ import annotations

import typer

from cnbudget.cli.console import say
from cnbudget.cli.options import DB_OPTION, DEPARTMENT, REGION, fail
from cnbudget.cli.tabular import (
    CSV_OPTION,
    JSON_OPTION,
    NL_OPTION,
    TABLE_OPTION,
    TSV_OPTION,
    Shape,
    print_json,
    print_machine,
    print_people,
    shape_of,
)
from cnbudget.lang import t

departments_app = typer.Typer(
    help="Departments: list them with every name they were printed under; alias, merge.",
    invoke_without_command=True, no_args_is_help=False,
)


@departments_app.callback()
def list_command(
    ctx: typer.Context,
    db: str | None = DB_OPTION, region: str | None = REGION, department: str | None = DEPARTMENT,
    csv_: bool = CSV_OPTION, tsv: bool = TSV_OPTION, nl: bool = NL_OPTION,
    json_out: bool = JSON_OPTION, table: bool = TABLE_OPTION,
) -> None:
    """List departments: id, name (the latest printed), code, region, every name printed,
    disclosures and years. `alias` and `merge` correct their identity."""
    if ctx.invoked_subcommand is not None:
        return
    from cnbudget.query.api import open_database

    shape = shape_of(csv_=csv_, tsv=tsv, nl=nl, json_=json_out, table=table)
    with open_database(db, existing=True) as database:
        frame = database.departments(region=region, department=department)
    if shape is not Shape.TABLE:
        print_machine(frame, shape)
        return
    print_people(frame, title=t("部门", "departments"))
    say(t(f"共 {len(frame)} 个部门", f"{len(frame)} departments"))


@departments_app.command("alias")
def alias_command(
    department_id: int = typer.Argument(..., help="Department id (cnbudget departments)."),
    name: str = typer.Argument(..., help="Another name the department is printed under."),
    db: str | None = DB_OPTION,
) -> None:
    """Record another name of a department: documents printed under it join the
    department from now on (a name is matched ignoring width and spaces)."""
    from cnbudget.query.api import open_database
    from cnbudget.store.department_edits import DepartmentNotFound, MergeRefused

    try:
        with open_database(db, existing=True) as database:
            added = database.add_alias(department_id, name)
    except (DepartmentNotFound, MergeRefused) as exc:
        raise fail(str(exc)) from exc
    say(t(f"部门 {department_id}：" + ("已记下名称 " if added else "本已有名称 ") + name,
          f"department {department_id}: " + ("name recorded: " if added else "already named ")
          + name))


@departments_app.command("merge")
def merge_command(
    source: int = typer.Argument(..., help="The department to merge (its id)."),
    target: int = typer.Argument(..., help="The department it is part of (its id)."),
    db: str | None = DB_OPTION, json_out: bool = JSON_OPTION,
) -> None:
    """Make SOURCE part of TARGET: names, code and disclosures move to TARGET; a
    disclosure both have (same year, kind, scope) becomes one disclosure holding the
    files of both. Documents naming SOURCE later join TARGET."""
    from cnbudget.query.api import open_database
    from cnbudget.store.department_edits import DepartmentNotFound, MergeRefused

    try:
        with open_database(db, existing=True) as database:
            result = database.merge_departments(source, target)
    except (DepartmentNotFound, MergeRefused) as exc:
        raise fail(str(exc)) from exc
    if json_out:
        print_json({"target": result.target, "aliases": result.aliases,
                    "disclosures": result.disclosures, "joined": result.joined})
    say(t(f"部门 {source} 已并入 {target}：移过名称 {result.aliases} 个、公开 {result.disclosures} 份，"
          f"与同年同类公开合并 {result.joined} 份",
          f"department {source} merged into {target}: {result.aliases} names and "
          f"{result.disclosures} disclosures moved, {result.joined} joined a disclosure of the "
          "same year and kind"))


def register(app: typer.Typer) -> None:
    app.add_typer(departments_app, name="departments")
