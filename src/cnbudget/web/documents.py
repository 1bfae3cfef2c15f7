"""A stored document as the web shows it: its findings with their ids and
reviews, uploads turned into jobs, re-checks queued. Shared by the API and the pages."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from cnbudget.model.document import Document, Finding
from cnbudget.store.accounts import User
from cnbudget.store.engine import writing
from cnbudget.store.jobs import enqueue, upload_of
from cnbudget.store.read import DocumentNotFound
from cnbudget.store.reviews import Review, fingerprint, reviews_of
from cnbudget.store.write import find_by_sha256
from cnbudget.web.uploads import UploadRefused, save_upload


@dataclass(frozen=True, slots=True)
class ShownFinding:
    id: str  # "<document id>-<position>": the finding's place in the stored document
    finding: Finding
    review: Review | None


def finding_id(document_id: int, position: int) -> str:
    return f"{document_id}-{position}"


def parse_finding_id(value: str) -> tuple[int, int]:
    doc, _, pos = value.partition("-")
    if not (doc.isdigit() and pos.isdigit()):
        raise HTTPException(404, f"没有审核发现 {value}")
    return int(doc), int(pos)


def load(request: Request, document_id: int) -> Document:
    try:
        return request.app.state.store.load(document_id)
    except (DocumentNotFound, LookupError):
        raise HTTPException(404, f"没有编号为 {document_id} 的文件") from None


def shown_findings(request: Request, document_id: int, doc: Document) -> list[ShownFinding]:
    with request.app.state.store.engine.connect() as conn:
        reviews = reviews_of(conn, document_id)
    return [ShownFinding(finding_id(document_id, i), f, reviews.get(fingerprint(f)))
            for i, f in enumerate(doc.findings)]


@dataclass(frozen=True, slots=True)
class Accepted:
    file_name: str
    job_id: int | None  # queued
    document_id: int | None  # already stored: done at once


def too_many_files(most: int) -> str:
    return f"一次最多上传 {most} 个文件"


async def accept_uploads(request: Request, files: list[UploadFile], user: User
                         ) -> list[Accepted]:
    """Each file kept and queued (or, when that very file is stored already, its
    document); 413 past the size or count limit, 415 for what is no readable format."""
    settings = request.app.state.settings
    if not files:
        raise HTTPException(400, "没有收到文件")
    if len(files) > settings.max_files:
        raise HTTPException(413, too_many_files(settings.max_files))
    store = request.app.state.store
    accepted = []
    for upload in files:
        try:
            saved = await save_upload(upload, settings.upload_dir, settings.max_upload_bytes)
        except UploadRefused as exc:
            raise HTTPException(exc.status, {"code": exc.code, "message": exc.message}) from None
        with writing(store.engine) as conn:
            known = find_by_sha256(conn, saved.sha256) if saved.format != "zip" else None
            if known is not None:
                (settings.upload_dir / saved.stored_name).unlink()
                accepted.append(Accepted(saved.file_name, None, known[0]))
                continue
            job_id = enqueue(conn, kind="ingest", file_name=saved.file_name,
                             stored_name=saved.stored_name, fmt=saved.format, user_id=user.id)
        accepted.append(Accepted(saved.file_name, job_id, None))
    wake(request)
    return accepted


def queue_recheck(request: Request, document_id: int, user: User) -> int:
    store = request.app.state.store
    with writing(store.engine) as conn:
        upload = upload_of(conn, document_id)
        if upload is None:
            raise HTTPException(409, "这份文件不是经网页上传的，无法在此重新审核"
                                     "（请用 cnbudget ingest --replace）")
        job_id = enqueue(conn, kind="recheck", file_name=upload.file_name,
                         stored_name=upload.stored_name, fmt=upload.format,
                         user_id=user.id, document_id=document_id)
    wake(request)
    return job_id


def wake(request: Request) -> None:
    worker = getattr(request.app.state, "worker", None)
    if worker is not None:
        worker.wake()
