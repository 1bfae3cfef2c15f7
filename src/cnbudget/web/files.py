"""Files of a stored document: the upload it was read from, and that PDF
annotated with its findings (cnbudget.render.annotate) where the store keeps them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from cnbudget.audit.locate import carries_boxes
from cnbudget.model import Document, Finding
from cnbudget.store.jobs import upload_of
from cnbudget.web.documents import shown_findings


def uploaded_file(request: Request, document_id: int) -> tuple[Path, str]:
    """(path, name as uploaded) of the file `document_id` was read from; 404 when it
    was not uploaded here (ingested by the command line) or is gone."""
    with request.app.state.store.engine.connect() as conn:
        job = upload_of(conn, document_id)
    path = request.app.state.settings.upload_dir / job.stored_name if job else None
    if job is None or path is None or not path.is_file():
        raise HTTPException(404, "这份文件不是经网页上传的，或上传的文件已不在")
    return path, job.file_name


def annotated_pdf(request: Request, document_id: int) -> Response:
    from cnbudget.render.annotate import NotTheSource, annotate_pdf

    path, name = uploaded_file(request, document_id)
    if path.suffix != ".pdf":
        raise HTTPException(404, "批注 PDF 只能由 PDF 文件生成")
    stored = request.app.state.store.load(document_id)
    # the stored reading keeps its boxes; one stored without them (before the store kept
    # boxes) is placed on the file read again, its stored findings drawn all the same
    doc = stored if carries_boxes(stored) else _fresh_reading(path) or stored
    folder = Path(tempfile.mkdtemp(prefix="cnbudget-web-annotate-"))
    out = folder / "annotated.pdf"
    try:
        annotate_pdf(path, doc, _not_dismissed(request, document_id, stored), out)
    except NotTheSource as exc:  # the stored reading is of another file
        _remove(folder)
        raise HTTPException(409, f"无法生成批注 PDF：{exc}") from None
    return FileResponse(out, filename=Path(name).stem + "-批注.pdf", media_type="application/pdf",
                        background=BackgroundTask(_remove, folder))


def _not_dismissed(request: Request, document_id: int, stored: Document) -> list[Finding]:
    """The stored findings an inspector has not dismissed: a dismissed one is no
    finding of the department's and is not drawn on its pages."""
    return [s.finding for s in shown_findings(request, document_id, stored)
            if s.review is None or s.review.status != "dismissed"]


def _fresh_reading(path: Path) -> Document | None:
    """The uploaded PDF read again (in an isolated worker, as the job did): a reading
    carries the boxes of its cells and sentences, which a document stored before the
    store kept boxes (migration 0012) lacks."""
    from cnbudget.ingest.errors import UnreadableSource
    from cnbudget.pipeline import extract

    try:
        return extract(path)
    except UnreadableSource:
        return None


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
