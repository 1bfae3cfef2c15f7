"""`cnbudget render`: a document (any disclosure file, its contract JSON, a stored
document or a built-in sample) written
out as XLSX, DOCX, PDF, HTML or text in the standard layouts, or in a layout
variant (`--variant code_split --variant unit_yuan …`)."""

from __future__ import annotations

import json
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cnbudget.cli.console import EXIT_UNUSABLE, say, say_error
from cnbudget.cli.extract import extract_or_report
from cnbudget.cli.options import DB_OPTION
from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.files import regular_file_bytes
from cnbudget.ingest.limits import Limits
from cnbudget.lang import t
from cnbudget.model.contract import loads
from cnbudget.output import UnsafeOutput, atomic_output
from cnbudget.render import WRITERS
from cnbudget.render.variants.variant import DIMENSION_NAMES

if TYPE_CHECKING:
    from cnbudget.model import Document
    from cnbudget.render.scan import ScanOptions
    from cnbudget.render.variants import LayoutVariant

OutputFormat = StrEnum("OutputFormat", {f: f for f in WRITERS})  # type: ignore[misc]


Variant = StrEnum("Variant", {d: d for d in DIMENSION_NAMES})  # type: ignore[misc]


class ScanContainer(StrEnum):
    PDF = "pdf"
    OFD = "ofd"


class Sample(StrEnum):
    BUDGET = "budget"
    FINAL_ACCOUNT = "final_account"


def _is_contract_json(path: Path, data: bytes) -> bool:
    return path.suffix.lower() == ".json" or data.lstrip()[:1] == b"{"


def _load(document: Path | None, sample: Sample | None, seed: int, db: str | None,
          stored: int | None) -> Document:
    """The document to render: a built-in sample, a stored one (`--id`), contract JSON,
    or any disclosure file (PDF, DOCX, XLSX, HTML, text…), read first."""
    from cnbudget.samples import budget_sample, final_account_sample

    if sample is not None:
        return budget_sample(seed) if sample is Sample.BUDGET else final_account_sample(seed)
    if stored is not None:
        return _stored(db, stored)
    if document is None:
        say_error(t("请给出一个文件、--id N（已入库的文件）或 --sample",
                    "give a file, --id N (a stored document) or --sample"))
        raise typer.Exit(EXIT_UNUSABLE)
    limits = Limits.from_env()
    try:
        data = regular_file_bytes(document, limits)
    except UnreadableSource as exc:
        say_error(f"{document}: {t('无法读取', 'cannot be read')}: {exc.reason} [{exc.code}]")
        raise typer.Exit(EXIT_UNUSABLE) from exc
    except OSError as exc:
        say_error(f"{document}: {t('无法读取', 'cannot be read')}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_UNUSABLE) from exc
    if not _is_contract_json(document, data):
        read = extract_or_report(document, audit=False, limits=limits)
        if isinstance(read, int):  # already said, naming the file
            raise typer.Exit(read)
        return read
    try:
        return loads(data.decode("utf-8"))
    except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError included
        say_error(f"{document}: {t('不是 cnbudget 文档 JSON', 'not a cnbudget document JSON')}: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from exc


def _stored(db: str | None, document_id: int) -> Document:
    from cnbudget.query.api import Database
    from cnbudget.store.read import DocumentNotFound

    with Database(db, existing=True) as database:
        try:
            return database.document(document_id)
        except DocumentNotFound:
            say_error(t(f"数据库中没有文件 {document_id}（见 cnbudget show）",
                        f"no document {document_id} in the database (see cnbudget show)"))
            raise typer.Exit(EXIT_UNUSABLE) from None


def _default_output(document: Path | None, doc: Document, fmt: str) -> Path:
    """Beside the input, with the format's suffix; never the input itself."""
    from cnbudget.render import suffix

    if document is None:
        return Path(f"{Path(doc.source.file).stem or 'document'}.{suffix(fmt)}")
    path = document.with_suffix(f".{suffix(fmt)}")
    if path.resolve() == document.resolve():  # x.pdf rendered as PDF
        path = document.with_name(f"{document.stem}.rendered.{suffix(fmt)}")
    return path


def render_command(
    document: Path | None = typer.Argument(None, help="A disclosure file (PDF, DOCX, XLSX, HTML, "
                                           "text… read first) or its contract JSON "
                                           "(cnbudget extract --json)."),
    to: OutputFormat = typer.Option(..., "--to", help="Output format."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default: "
                                       "beside DOC, with the format's suffix)."),
    db: str | None = DB_OPTION,
    stored: int | None = typer.Option(None, "--id", help="Render the stored document with this "
                                      "id (cnbudget show lists them) from --db."),
    sample: Sample | None = typer.Option(None, "--sample", help="Render a built-in sample document instead of DOC."),
    seed: int = typer.Option(0, "--seed", help="With --sample: 0 for the base figures, else perturbed figures."),
    json_out: bool = typer.Option(False, "--json", help="Print what was written as JSON on stdout."),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help="Write through an "
                                         "output that is a symbolic link."),
    variant: list[Variant] = typer.Option([], "--variant",
                                          help="Print in a layout variant (repeatable: the dimensions together)."),
    dpi: int = typer.Option(200, "--dpi", min=50, max=600,
                            help="With --to scan: the resolution of the page images."),
    turn: int = typer.Option(0, "--turn", help="With --to scan: feed every page turned by this many "
                             "degrees clockwise (0, 90, 180, 270: sideways, upside down)."),
    container: ScanContainer = typer.Option(ScanContainer.PDF, "--container",
                                            help="With --to scan: wrap the page images as a PDF or "
                                            "as an OFD package."),
) -> None:
    """Write a document out in the standard table layouts (title, unit line, merged headers)."""
    from cnbudget.render import render_document
    from cnbudget.render.scan import ScanOptions
    from cnbudget.render.variants import LayoutVariant, combine, dimension

    fmt = str(to)
    try:
        options = ScanOptions(dpi=dpi, turn=turn, container=str(container))
    except ValueError as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    if fmt == "scan" and document is not None and document.suffix.lower() == ".pdf" and not variant:
        _scan_file(document, output, options, follow_symlinks, json_out)
        return
    doc = _load(document, sample, seed, db, stored)
    if output is None:
        output = _default_output(document if stored is None and sample is None else None, doc,
                                 "ofd" if fmt == "scan" and options.container == "ofd" else fmt)
    layout = combine(tuple(v for name in variant for v in dimension(str(name)).variants)) \
        if variant else LayoutVariant()
    if layout.thousands is None:  # for people: 4,097.11 as most disclosures print it
        layout = replace(layout, thousands=True)
    if str(output) == "-":
        _to_stdout(doc, fmt, layout)
        return
    try:
        with atomic_output(output, [document] if document else [],
                           follow_symlinks=follow_symlinks) as temporary:
            render_document(doc, fmt, temporary, layout, scan=options)
    except UnsafeOutput as exc:
        say_error(str(exc))
        raise typer.Exit(EXIT_UNUSABLE) from None
    path = output
    if json_out:
        typer.echo(json.dumps({"file": str(path), "format": fmt, "bytes": path.stat().st_size,
                               "tables": len(doc.tables)}, ensure_ascii=False))
    else:
        say(t(f"{len(doc.tables)} 张表 → {path}", f"{len(doc.tables)} tables → {path}"))


def _scan_file(document: Path, output: Path | None, options: ScanOptions, follow_symlinks: bool,
               json_out: bool) -> None:
    """A PDF's own pages as a scan (its layout kept, nothing re-read)."""
    from cnbudget.render.scan import scan_file

    target = output or document.with_name(f"{document.stem}.scan.{options.container}")
    try:
        data = regular_file_bytes(document, Limits.from_env())
        scanned = scan_file(data, options)
        with atomic_output(target, [document], follow_symlinks=follow_symlinks) as temporary:
            temporary.write_bytes(scanned)
    except UnreadableSource as exc:
        say_error(f"{document}: {t('无法读取', 'cannot be read')}: {exc.reason} [{exc.code}]")
        raise typer.Exit(EXIT_UNUSABLE) from exc
    except (UnsafeOutput, ValueError) as exc:
        say_error(f"{document}: {exc}")
        raise typer.Exit(EXIT_UNUSABLE) from None
    if json_out:
        typer.echo(json.dumps({"file": str(target), "format": "scan", "bytes": target.stat().st_size},
                              ensure_ascii=False))
    else:
        say(t(f"扫描件 → {target}", f"scan → {target}"))


def _to_stdout(doc: Document, fmt: str, layout: LayoutVariant | None) -> None:
    """`-o -`: text and HTML on stdout; the binary formats go to a file."""
    import sys
    import tempfile

    from cnbudget.render import render_document, suffix

    if fmt not in ("text", "html"):
        say_error(t(f"-o - 只输出 text 或 html；{fmt} 请写入文件",
                    f"-o - writes text or html; write {fmt} to a file"))
        raise typer.Exit(EXIT_UNUSABLE)
    with tempfile.TemporaryDirectory(prefix="cnbudget-render-") as folder:
        path = Path(folder) / f"out.{suffix(fmt)}"
        render_document(doc, fmt, path, layout)
        sys.stdout.buffer.write(path.read_bytes())
        sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.command("render")(render_command)
