"""The HTTP API, /api/v1 (described at /openapi.json). Every route needs an API
token (Authorization: Bearer) or a session (unsafe requests: its CSRF header);
401 without. Viewers read; inspectors also upload, review and re-check."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from cnbudget.model.contract import JSONValue, dumps, exact_json, finding_to_json
from cnbudget.store.accounts import User
from cnbudget.store.engine import writing
from cnbudget.store.jobs import get_job
from cnbudget.store.reviews import set_review
from cnbudget.web.auth import api_user, role
from cnbudget.web.body_limit import BodyTooLarge
from cnbudget.web.documents import (
    ShownFinding,
    accept_uploads,
    load,
    parse_finding_id,
    queue_recheck,
    shown_findings,
    too_many_files,
)
from cnbudget.web.frames import frame_json

router = APIRouter(prefix="/api/v1", tags=["api"])
VIEWER = Depends(api_user)
INSPECTOR = Depends(role("inspector"))


def _json(value: JSONValue, status: int = 200) -> Response:
    # exact numbers (Decimal amounts as written, never through float)
    return Response(exact_json(value), status_code=status, media_type="application/json")


class Me(BaseModel):
    id: int
    name: str
    role: str


@router.get("/me", response_model=Me, summary="The account the credentials belong to")
def me(user: User = VIEWER) -> Me:
    return Me(id=user.id, name=user.name, role=user.role)


# the multipart body as OpenAPI describes it: the route reads it itself, once the caller
# is known (a body FastAPI parsed for a parameter would be read before the credentials)
_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
}}}}}


@router.post("/documents", status_code=202, summary="Upload disclosure files (multipart)",
             openapi_extra=_UPLOAD_BODY,
             responses={201: {"description": "Every file was stored already: its document"},
                        202: {"description": "Queued: poll GET /api/v1/jobs/{id}"},
                        413: {"description": "Too large, or too many files"},
                        415: {"description": "Not a format cnbudget reads"}})
async def upload_documents(request: Request, user: User = INSPECTOR) -> Response:
    most = request.app.state.settings.max_files
    try:
        form = await request.form(max_files=most)
    except BodyTooLarge:  # counted as it came (web/body_limit.py): 413 as it is
        raise
    except StarletteHTTPException as exc:  # Starlette's answer to a body it cannot parse
        detail = str(exc.detail)
        if detail.startswith("Too many files"):
            raise HTTPException(413, too_many_files(most)) from None
        raise HTTPException(400, f"无法读取上传的内容：{detail}") from None
    try:
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        accepted = await accept_uploads(request, files, user)
    finally:
        await form.close()  # the spooled files
    queued = [a for a in accepted if a.job_id is not None]
    return JSONResponse(
        {"jobs": [{"id": a.job_id, "file": a.file_name, "status": "queued"} for a in queued],
         "documents": [{"id": a.document_id, "file": a.file_name}
                       for a in accepted if a.document_id is not None]},
        status_code=202 if queued else 201)


@router.get("/documents/{document_id}", summary="A stored document: the disclosure JSON contract")
def get_document(request: Request, document_id: int, _user: User = VIEWER) -> Response:
    return Response(dumps(load(request, document_id)), media_type="application/json")


def _finding_json(shown: ShownFinding) -> dict[str, JSONValue]:
    review: JSONValue = None
    if shown.review is not None:
        review = {"status": shown.review.status, "note": shown.review.note,
                  "user": shown.review.user_name,
                  "reviewed_at": shown.review.reviewed_at.isoformat()}
    return {"id": shown.id, **finding_to_json(shown.finding), "review": review}


@router.get("/documents/{document_id}/findings",
            summary="A document's findings, each with its id and review")
def get_findings(request: Request, document_id: int, _user: User = VIEWER) -> Response:
    doc = load(request, document_id)
    return _json([_finding_json(s) for s in shown_findings(request, document_id, doc)])


class ReviewIn(BaseModel):
    status: Literal["confirmed", "dismissed"]
    note: str = Field("", max_length=4000)


@router.patch("/findings/{finding_id}", summary="Review a finding: confirmed or dismissed")
def review_finding(request: Request, finding_id: str, body: ReviewIn,
                   user: User = INSPECTOR) -> Response:
    document_id, position = parse_finding_id(finding_id)
    doc = load(request, document_id)
    if position >= len(doc.findings):
        raise HTTPException(404, f"没有审核发现 {finding_id}")
    with writing(request.app.state.store.engine) as conn:
        set_review(conn, document_id, doc.findings[position], body.status, body.note, user)
    shown = shown_findings(request, document_id, doc)[position]
    return _json(_finding_json(shown))


@router.post("/documents/{document_id}/recheck", status_code=202,
             summary="Read and audit the uploaded file again (reviews that still apply stay)")
def recheck(request: Request, document_id: int, user: User = INSPECTOR) -> Response:
    load(request, document_id)
    return JSONResponse({"job": queue_recheck(request, document_id, user)}, status_code=202)


@router.get("/jobs/{job_id}", summary="A job: queued, running, done (its documents) or failed")
def job_status(request: Request, job_id: int, _user: User = VIEWER) -> Response:
    with request.app.state.store.engine.connect() as conn:
        job = get_job(conn, job_id)
    if job is None:
        raise HTTPException(404, f"没有编号为 {job_id} 的任务")
    return _json({"id": job.id, "kind": job.kind, "status": job.status, "file": job.file_name,
                  "format": job.format, "attempts": job.attempts, "error": job.error,
                  "message": job.message, "documents": list(job.document_ids)})


@router.get("/departments", summary="Departments with every name they were printed under")
def departments(request: Request, region: str | None = None, _user: User = VIEWER) -> Response:
    from cnbudget.query.departments import departments_frame

    with request.app.state.store.engine.connect() as conn:
        return _json(frame_json(departments_frame(conn, region=region)))


@router.get("/departments/{department_id}/compare",
            summary="One department across years (metric, year, amount, change, growth_pct)")
def compare(request: Request, department_id: int, kind: str = "budget",
            _user: User = VIEWER) -> Response:
    from cnbudget.query.compare import UnknownDepartment, compare_years

    with request.app.state.store.engine.connect() as conn:
        try:
            found = compare_years(conn, department_id, kind=kind)
        except UnknownDepartment:
            raise HTTPException(404, f"没有编号为 {department_id} 的部门") from None
    return _json(frame_json(found))


EXPORTS = ("line-items", "findings", "disclosures", "facts")


@router.get("/export/fdp.zip", summary="The line items as a Fiscal Data Package (zip)")
def export_fdp(request: Request, department: str | None = None, year: int | None = None,
               region: str | None = None, _user: User = VIEWER) -> Response:
    import zipfile

    from cnbudget.query import frames
    from cnbudget.query.fdp import write_fiscal_data_package
    from cnbudget.query.filters import Filters

    chosen = Filters(department=department, year=year, region=region)
    with request.app.state.store.engine.connect() as conn:
        found = frames.frame(conn, frames.line_items_query(chosen))
    folder = Path(tempfile.mkdtemp(prefix="cnbudget-web-fdp-"))
    write_fiscal_data_package(found, folder / "package")
    archive = folder / "cnbudget-fdp.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for member in sorted((folder / "package").iterdir()):
            zf.write(member, member.name)
    return FileResponse(archive, filename="cnbudget-fdp.zip", media_type="application/zip",
                        background=BackgroundTask(_remove, folder))


@router.get("/export/{what}.{fmt}", summary="Download a query as XLSX or CSV (as cnbudget export)")
def export(request: Request, what: str, fmt: str, department: str | None = None,
           year: int | None = None, region: str | None = None,
           _user: User = VIEWER) -> Response:
    from cnbudget.query import frames
    from cnbudget.query.export import export_frame
    from cnbudget.query.filters import Filters

    queries = {"line-items": frames.line_items_query, "findings": frames.findings_query,
               "disclosures": frames.disclosures_query, "facts": frames.facts_query}
    if what not in queries or fmt not in ("xlsx", "csv"):
        raise HTTPException(404, f"可导出：{', '.join(EXPORTS)}；格式 xlsx 或 csv")
    chosen = Filters(department=department, year=year, region=region)
    with request.app.state.store.engine.connect() as conn:
        found = frames.frame(conn, queries[what](chosen))
    folder = Path(tempfile.mkdtemp(prefix="cnbudget-web-export-"))
    path = export_frame(found, folder / f"{what}.{fmt}", fmt)
    return FileResponse(path, filename=f"cnbudget-{what}.{fmt}",
                        background=BackgroundTask(_remove, folder))


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


@router.get("/documents/{document_id}/report.html", summary="The audit's HTML report")
def report(request: Request, document_id: int, _user: User = VIEWER) -> Response:
    from cnbudget.audit.engine import run_audit
    from cnbudget.audit.report import report_html

    html = report_html([run_audit(load(request, document_id))])
    return Response(html, media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="report-{document_id}.html"'})


@router.get("/documents/{document_id}/file", summary="The file as uploaded")
def original(request: Request, document_id: int, _user: User = VIEWER) -> Response:
    from cnbudget.web.files import uploaded_file

    path, name = uploaded_file(request, document_id)
    return FileResponse(path, filename=name)


@router.get("/documents/{document_id}/annotated.pdf",
            summary="The uploaded PDF with each finding drawn on its page")
def annotated(request: Request, document_id: int, _user: User = VIEWER) -> Response:
    from cnbudget.web.files import annotated_pdf

    return annotated_pdf(request, document_id)
