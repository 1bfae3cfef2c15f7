"""Pages of uploading and of one document: the upload page and each file's
progress line, a document's tables with its findings beside them, reviewing
a finding, re-checking, and the page view of the file (pdf.js) with a finding marked."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import Response

from cnbudget.store.accounts import User
from cnbudget.store.engine import writing
from cnbudget.store.jobs import get_job, recent_jobs, upload_of
from cnbudget.store.reviews import STATUSES, set_review
from cnbudget.web.auth import page_user, role
from cnbudget.web.document_view import document_page, page_marks
from cnbudget.web.documents import load, parse_finding_id, queue_recheck, shown_findings
from cnbudget.web.listing import KIND_ZH
from cnbudget.web.templating import page

router = APIRouter(include_in_schema=False)
PERSON = Depends(page_user)
INSPECTOR = Depends(role("inspector", page_user))
STATUS_ZH = {"success": "全部读入", "partial": "部分内容未能读入", "failure": "未能读取"}
JOB_ZH = {"queued": "排队中", "running": "正在读取和审核", "done": "已完成", "failed": "失败"}


@router.get("/upload")
def upload_page(request: Request, user: User = INSPECTOR) -> Response:
    settings = request.app.state.settings
    return page(request, "upload.html", user=user, max_files=settings.max_files,
                max_mb=settings.max_upload_bytes // (1024 * 1024))


@router.get("/jobs")
def jobs_page(request: Request, user: User = PERSON) -> Response:
    with request.app.state.store.engine.connect() as conn:
        jobs = recent_jobs(conn)
    return page(request, "jobs.html", user=user, jobs=jobs, job_zh=JOB_ZH)


@router.get("/jobs/{job_id}/line")
def job_line(request: Request, job_id: int, user: User = PERSON) -> Response:
    """One file's progress line: polls itself (htmx) until the job is done or failed."""
    with request.app.state.store.engine.connect() as conn:
        job = get_job(conn, job_id)
    if job is None:
        raise HTTPException(404, f"没有编号为 {job_id} 的任务")
    return page(request, "job_line.html", user=user, job=job,
                status_zh=JOB_ZH.get(job.status, job.status))


@router.get("/documents/{document_id}")
def document(request: Request, document_id: int, user: User = PERSON) -> Response:
    doc = load(request, document_id)
    shown = document_page(doc, shown_findings(request, document_id, doc))
    with request.app.state.store.engine.connect() as conn:
        uploaded = upload_of(conn, document_id)
    return page(request, "document.html", user=user, doc=doc, document_id=document_id,
                view=shown, kind_zh=KIND_ZH.get(doc.meta.kind.value if doc.meta.kind else "", ""),
                uploaded=uploaded, is_pdf=bool(uploaded and uploaded.stored_name.endswith(".pdf")),
                may_review=user.may("inspector"),
                status_zh=STATUS_ZH.get(doc.status.value, doc.status.value))


@router.post("/findings/{finding_id}/review")
def review(request: Request, finding_id: str, status: str = Form(...),
           note: str = Form(""), user: User = INSPECTOR) -> Response:
    if status not in STATUSES:
        raise HTTPException(400, "复核结论只能是 confirmed 或 dismissed")
    document_id, position = parse_finding_id(finding_id)
    doc = load(request, document_id)
    if position >= len(doc.findings):
        raise HTTPException(404, f"没有审核发现 {finding_id}")
    with writing(request.app.state.store.engine) as conn:
        set_review(conn, document_id, doc.findings[position], status, note[:4000], user)
    card = document_page(doc, shown_findings(request, document_id, doc)).findings[position]
    with request.app.state.store.engine.connect() as conn:
        uploaded = upload_of(conn, document_id)
    return page(request, "finding.html", user=user, f=card, document_id=document_id,
                may_review=True,
                is_pdf=bool(uploaded and uploaded.stored_name.endswith(".pdf")))


@router.post("/documents/{document_id}/recheck")
def recheck(request: Request, document_id: int, user: User = INSPECTOR) -> Response:
    load(request, document_id)
    job_id = queue_recheck(request, document_id, user)
    with request.app.state.store.engine.connect() as conn:
        job = get_job(conn, job_id)
    return page(request, "job_line.html", user=user, job=job,
                status_zh=JOB_ZH.get(job.status, job.status) if job else "")


@router.get("/documents/{document_id}/pages/{page_no}")
def page_view(request: Request, document_id: int, page_no: int, finding: str | None = None,
              user: User = PERSON) -> Response:
    doc = load(request, document_id)
    position = None
    if finding:
        doc_of, position = parse_finding_id(finding)
        if doc_of != document_id:
            raise HTTPException(404, "这条审核发现不属于这份文件")
    marks = page_marks(doc, position, page_no)
    message = doc.findings[position].message if position is not None and \
        position < len(doc.findings) else None
    return page(request, "page_view.html", user=user, document_id=document_id, doc=doc,
                page_no=page_no, boxes=marks.boxes, marks=marks.texts,
                finding_message=message,
                pages=doc.source.pages or page_no)
