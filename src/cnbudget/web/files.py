"""Files of a stored document: the upload it was read from, and that PDF
annotated with its findings (cnbudget.render.annotate, once it exists)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from cnbudget.store.jobs import upload_of


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
    try:
        from cnbudget.render import annotate  # type: ignore[attr-defined]
    except ImportError:
        annotate = None
    draw = getattr(annotate, "annotate_pdf", None)
    if draw is None:
        raise HTTPException(404, "本版本还不能生成批注 PDF（cnbudget.render.annotate 尚未提供）")
    path, name = uploaded_file(request, document_id)
    if path.suffix != ".pdf":
        raise HTTPException(404, "批注 PDF 只能由 PDF 文件生成")
    doc = _fresh_reading(path) or request.app.state.store.load(document_id)
    folder = Path(tempfile.mkdtemp(prefix="cnbudget-web-annotate-"))
    out = folder / "annotated.pdf"
    try:
        draw(path, doc, None, out)  # every finding of the document
    except ValueError as exc:  # annotate.NotTheSource: the stored reading is of another file
        _remove(folder)
        raise HTTPException(409, f"无法生成批注 PDF：{exc}") from None
    return FileResponse(out, filename=Path(name).stem + "-批注.pdf", media_type="application/pdf",
                        background=BackgroundTask(_remove, folder))


def _fresh_reading(path: Path) -> object | None:
    """The uploaded PDF read again (in an isolated worker, as the job did): a reading
    carries the boxes of its cells and sentences, which the database does not keep."""
    from cnbudget.ingest.errors import UnreadableSource
    from cnbudget.pipeline import extract

    try:
        return extract(path)
    except UnreadableSource:
        return None


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
