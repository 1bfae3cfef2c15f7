"""The HTTP API against the real app on real SQLite (and PostgreSQL): refusals
without credentials, an upload going through the queue to a stored document,
reviews that survive a re-check, limits, and what is refused."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select

from cnbudget.model.contract import loads
from cnbudget.store.schema import finding_reviews
from cnbudget.web.app import create_app
from tests.web.accounts import make_user, token_for
from tests.web.flow import upload, wait_for_job
from tests.web.samples import planted_pdf


def test_every_api_route_refuses_without_credentials(client: TestClient) -> None:
    assert client.get("/openapi.json").status_code == 401
    spec = client.get("/openapi.json", headers=token_for(client, "viewer1")).json()
    routes = [(m.upper(), path) for path, ops in spec["paths"].items() for m in ops]
    assert all(path.startswith("/api/v1/") for _, path in routes)
    assert len(routes) >= 12
    for method, path in routes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        answer = client.request(method, url)
        assert answer.status_code == 401, (method, path, answer.status_code)
        bad = client.request(method, url, headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401, (method, path)
    for path in ("/api/v1/documents", "/api/v1/documents/{document_id}",
                 "/api/v1/documents/{document_id}/findings", "/api/v1/findings/{finding_id}",
                 "/api/v1/departments", "/api/v1/departments/{department_id}/compare",
                 "/api/v1/jobs/{job_id}"):
        assert path in spec["paths"], path


def test_an_upload_s_credentials_are_checked_before_its_body_is_read(
        client: TestClient) -> None:
    garbage = {"Content-Type": "multipart/form-data; boundary=b"}
    body = b"--b\r\nnot a part at all"  # a body the form parser would refuse (400)
    for headers in ({}, {"Authorization": "Bearer nope"}):
        answer = client.post("/api/v1/documents", content=body, headers={**garbage, **headers})
        assert answer.status_code == 401, answer.text  # refused unread
    viewer = token_for(client, "viewer1")
    assert client.post("/api/v1/documents", content=body,
                       headers={**garbage, **viewer}).status_code == 403
    inspector = token_for(client, "inspector1")
    read = client.post("/api/v1/documents", content=body, headers={**garbage, **inspector})
    assert read.status_code == 400, read.text  # now read, and refused for what it is
    spec = client.get("/openapi.json", headers=inspector).json()
    schema = spec["paths"]["/api/v1/documents"]["post"]["requestBody"]["content"]
    assert schema["multipart/form-data"]["schema"]["properties"]["files"]["type"] == "array"


def _upload_and_review(client: TestClient, tmp_path: Path) -> None:
    headers = token_for(client, "inspector1")
    pdf = planted_pdf(tmp_path / "in")
    queued = upload(client, headers, pdf)
    assert queued.status_code == 202, queued.text
    job = wait_for_job(client, headers, queued.json()["jobs"][0]["id"])
    assert job["status"] == "done" and job["error"] is None, job
    doc_id = job["documents"][0]

    contract = client.get(f"/api/v1/documents/{doc_id}", headers=headers)
    doc = loads(contract.text)
    assert doc.meta.department.name == "示例市数据资源管理局" and doc.meta.year == 2024
    assert doc.source.format == "pdf"
    findings = client.get(f"/api/v1/documents/{doc_id}/findings", headers=headers).json()
    planted = [f for f in findings if any(loc.get("code") == "2010301"
                                          for loc in f["locations"])]
    assert planted and all(f["review"] is None for f in findings)

    viewer = token_for(client, "viewer1")
    assert client.patch(f"/api/v1/findings/{planted[0]['id']}", headers=viewer,
                        json={"status": "dismissed"}).status_code == 403
    reviewed = client.patch(f"/api/v1/findings/{planted[0]['id']}", headers=headers,
                            json={"status": "dismissed", "note": "已与部门核实"})
    assert reviewed.status_code == 200
    assert reviewed.json()["review"]["user"] == "inspector1"
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.engine.begin() as conn:  # a review of a finding the re-check will not find
        conn.execute(insert(finding_reviews).values(
            document_id=doc_id, fingerprint="0" * 64, rule="made.up", status="confirmed",
            note="", user_name="inspector1", reviewed_at=datetime.now(UTC)))

    again = client.post(f"/api/v1/documents/{doc_id}/recheck", headers=headers)
    assert again.status_code == 202
    rechecked = wait_for_job(client, headers, again.json()["job"])
    assert rechecked["status"] == "done" and rechecked["documents"] == [doc_id]
    after = client.get(f"/api/v1/documents/{doc_id}/findings", headers=headers).json()
    kept = [f for f in after if f["id"] == planted[0]["id"]][0]
    assert kept["review"]["status"] == "dismissed" and kept["review"]["note"] == "已与部门核实"
    with store.engine.connect() as conn:
        left = set(conn.execute(select(finding_reviews.c.rule)).scalars())
    assert left == {planted[0]["rule"]}  # the stale one went, the one still found stayed

    same = upload(client, headers, pdf)  # that very file again: its document, at once
    assert same.status_code == 201 and same.json()["documents"][0]["id"] == doc_id


def test_upload_goes_through_the_queue_and_reviews_survive_a_recheck(
        client: TestClient, tmp_path: Path) -> None:
    _upload_and_review(client, tmp_path)
    headers = token_for(client, "viewer1")
    departments = client.get("/api/v1/departments", headers=headers).json()
    assert [d["department"] for d in departments] == ["示例市数据资源管理局"]
    compared = client.get(f"/api/v1/departments/{departments[0]['department_id']}/compare",
                          headers=headers).json()
    totals = [r for r in compared if r["metric"] == "expenditure_total"]
    assert totals and totals[0]["year"] == 2024 and totals[0]["amount"] > 0
    xlsx = client.get("/api/v1/export/line-items.xlsx", headers=headers)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    fdp = client.get("/api/v1/export/fdp.zip", headers=headers)
    assert fdp.status_code == 200 and fdp.content[:2] == b"PK"
    import io
    import zipfile

    assert set(zipfile.ZipFile(io.BytesIO(fdp.content)).namelist()) == {
        "datapackage.json", "line-items.csv"}
    csv = client.get("/api/v1/export/findings.csv", headers=headers)
    assert csv.status_code == 200 and "2010301" in csv.content.decode("utf-8-sig")
    doc_id = departments[0]["disclosures"]
    report = client.get(f"/api/v1/documents/{doc_id}/report.html", headers=headers)
    assert report.status_code == 200 and "2010301" in report.text
    original = client.get(f"/api/v1/documents/{doc_id}/file", headers=headers)
    assert original.content.startswith(b"%PDF-")
    annotated = client.get(f"/api/v1/documents/{doc_id}/annotated.pdf", headers=headers)
    assert annotated.status_code == 200 and annotated.content.startswith(b"%PDF-")


def test_upload_limits_and_what_is_refused(client: TestClient, tmp_path: Path) -> None:
    headers = token_for(client, "inspector1")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    too_big = upload(client, headers, big)
    assert too_big.status_code == 413 and too_big.json()["detail"]["code"] == "upload.too-large"
    small = []
    for i in range(4):
        small.append(tmp_path / f"s{i}.txt")
        small[-1].write_text("一段文字", encoding="utf-8")
    assert upload(client, headers, *small).status_code == 413  # more than 3 files
    many = [*small, *small]  # past what the form parser is told to take
    assert upload(client, headers, *many).status_code == 413
    image = tmp_path / "scan.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    refused = upload(client, headers, image)
    assert refused.status_code == 415 and "OCR" in refused.json()["detail"]["message"]
    assert upload(client, token_for(client, "viewer1"), small[0]).status_code == 403

    note = tmp_path / "会议通知.txt"
    note.write_text("关于召开年度工作会议的通知\n请各单位于周五上午九点到会。\n", encoding="utf-8")
    queued = upload(client, headers, note)
    job = wait_for_job(client, headers, queued.json()["jobs"][0]["id"])
    assert job["status"] == "failed" and job["error"] == "document.not-a-disclosure", job
    assert "会议通知.txt" in job["message"] and job["documents"] == []
    stored = {p.name for p in (tmp_path / "uploads").iterdir()}
    assert "会议通知.txt" not in stored and all(re.fullmatch(r"[0-9a-f]{32}\.\w+", n)
                                                for n in stored)


def test_the_same_flow_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    app = create_app(postgres_url, tmp_path / "uploads")
    for name, role in (("viewer1", "viewer"), ("inspector1", "inspector")):
        make_user(app.state.store, name, role)
    with TestClient(app) as client:
        _upload_and_review(client, tmp_path)


@pytest.mark.parametrize("role", ["viewer", "inspector"])
def test_recheck_needs_an_uploaded_file(client: TestClient, role: str) -> None:
    from cnbudget.samples import make_sample

    store = client.app.state.store  # type: ignore[attr-defined]
    stored = store.store(make_sample())  # as `cnbudget ingest` would: no upload
    headers = token_for(client, f"{role}1")
    answer = client.post(f"/api/v1/documents/{stored.document_id}/recheck", headers=headers)
    assert answer.status_code == (409 if role == "inspector" else 403)
    assert client.get(f"/api/v1/documents/{stored.document_id}/file",
                      headers=headers).status_code == 404


def test_a_zip_of_several_files_is_one_job_of_several_documents(
        client: TestClient, tmp_path: Path) -> None:
    import zipfile

    from tests.web.samples import sample_xlsx

    archive = tmp_path / "公开文件.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for year in (2022, 2023):
            path = sample_xlsx(tmp_path / "in", year)
            zf.write(path, path.name)
    headers = token_for(client, "inspector1")
    job = wait_for_job(client, headers, upload(client, headers, archive).json()["jobs"][0]["id"])
    assert job["status"] == "done" and job["format"] == "zip" and len(job["documents"]) == 2
    years = {loads(client.get(f"/api/v1/documents/{d}", headers=headers).text).meta.year
             for d in job["documents"]}
    assert years == {2022, 2023}


def test_a_job_left_running_by_a_dead_server_is_done_after_a_restart(
        db_url: str, tmp_path: Path) -> None:
    import socket

    from sqlalchemy import update

    from cnbudget.store.schema import jobs

    first = create_app(db_url, tmp_path / "uploads", worker=False)  # a server with no worker
    make_user(first.state.store, "inspector1", "inspector")
    with TestClient(first) as client:
        headers = token_for(client, "inspector1")
        job_id = upload(client, headers, planted_pdf(tmp_path / "in")).json()["jobs"][0]["id"]
    with first.state.store.engine.begin() as conn:  # as if its worker died mid-job
        conn.execute(update(jobs).where(jobs.c.id == job_id).values(
            status="running", worker=f"{socket.gethostname()}:4194305:dead",
            heartbeat_at=datetime.now(UTC), attempts=1))
    again = create_app(db_url, tmp_path / "uploads")
    with TestClient(again) as client:
        job = wait_for_job(client, token_for(client, "inspector1"), job_id)
    assert job["status"] == "done" and job["attempts"] == 2 and len(job["documents"]) == 1


def test_a_body_declared_too_large_is_refused_before_it_is_read(client: TestClient) -> None:
    headers = {**token_for(client, "inspector1"), "Content-Length": str(10 ** 10),
               "Content-Type": "multipart/form-data; boundary=x"}
    answer = client.post("/api/v1/documents", headers=headers, content=b"--x--\r\n")
    assert answer.status_code == 413
