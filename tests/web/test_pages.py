"""The pages, server-rendered: each needs a session (else the login page), shows
Chinese, escapes what a document printed, and carries no inline script."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.accounts import csrf_of, login, token_for
from tests.web.flow import upload, wait_for_job
from tests.web.samples import planted_pdf, sample_xlsx

PAGES = ("/", "/upload", "/jobs", "/departments", "/ranking", "/search", "/documents/1",
         "/documents/1/pages/1", "/departments/1", "/jobs/1/line", "/admin")


def test_pages_redirect_to_login_without_a_session(client: TestClient) -> None:
    for path in PAGES:
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/login?next=")
    for path in ("/findings/1-0/review", "/documents/1/recheck", "/logout",
                 "/admin/users/1/role", "/admin/tokens/1/revoke"):
        assert client.post(path, follow_redirects=False).status_code == 303, path


def test_document_department_ranking_and_search_pages(client: TestClient, tmp_path: Path) -> None:
    headers = token_for(client, "inspector1")
    ids = []
    for path in (planted_pdf(tmp_path / "in"), sample_xlsx(tmp_path / "in", 2023)):
        job = wait_for_job(client, headers, upload(client, headers, path).json()["jobs"][0]["id"])
        assert job["status"] == "done", job
        ids.append(job["documents"][0])
    login(client, "inspector1")
    html = client.get(f"/documents/{ids[0]}").text
    assert "示例市数据资源管理局2024年部门支出总表" in html and "审核发现" in html
    assert 'class="flagged"' in html and "在原文第" in html  # the finding beside its row
    assert "读取状态：全部读入" in html
    finding = re.search(r'data-finding="([0-9]+-[0-9]+)"', html)
    assert finding is not None
    assert "<script>" not in html and " on" + "click=" not in html

    viewer_page = client.get(f"/documents/{ids[0]}/pages/6?finding={finding.group(1)}").text
    assert "data-marks=" in viewer_page and "2010301" in viewer_page

    no_csrf = client.post(f"/findings/{finding.group(1)}/review", data={"status": "dismissed"})
    assert no_csrf.status_code == 403
    card = client.post(f"/findings/{finding.group(1)}/review",
                       data={"status": "dismissed", "note": "<b>核实</b>"},
                       headers={"X-CSRF-Token": csrf_of(client)})
    assert card.status_code == 200 and "已排除" in card.text
    assert "&lt;b&gt;核实&lt;/b&gt;" in card.text and "<b>核实</b>" not in card.text  # escaped

    dept_id = client.get("/api/v1/departments").json()[0]["department_id"]
    dept = client.get(f"/departments/{dept_id}").text
    assert "历年对比" in dept and "2023" in dept and "2024" in dept and "data-chart=" in dept
    assert "echarts.min.js" in dept
    ranking = client.get("/ranking", params={"year": 2024, "metric": "expenditure_total"}).text
    assert "示例市数据资源管理局" in ranking and "名次" in ranking
    jobs = client.get("/jobs").text
    assert jobs.count('data-status="done"') == 2 and f'href="/documents/{ids[0]}"' in jobs
    found = client.get("/search", params={"q": "数据资源"}).text
    assert f'href="/departments/{dept_id}"' in found
    said = client.get("/search", params={"q": "机关运行经费"}).text  # a narrative line
    assert "情况说明（0）" not in said and "机关运行经费" in said


def test_viewers_read_but_do_not_upload_or_review(client: TestClient) -> None:
    login(client, "viewer1")
    assert client.get("/").status_code == 200
    assert client.get("/upload").status_code == 403
    shown = client.get("/upload", headers={"Accept": "text/html"})
    assert shown.status_code == 403 and "需要 inspector 或更高的角色" in shown.text
    assert "<h1>403</h1>" in shown.text
    assert client.post("/findings/1-0/review", data={"status": "dismissed"},
                       headers={"X-CSRF-Token": csrf_of(client)}).status_code == 403


def test_vendored_scripts_are_served_from_the_package(client: TestClient) -> None:
    for path, kind in (("/static/vendor/htmx/dist/htmx.min.js", "javascript"),
                       ("/static/vendor/echarts/dist/echarts.min.js", "javascript"),
                       ("/static/vendor/pdfjs/build/pdf.min.mjs", "javascript"),
                       ("/static/vendor/pdfjs/build/pdf.worker.min.mjs", "javascript"),
                       ("/static/vendor/pdfjs/LICENSE", "")):
        answer = client.get(path)
        assert answer.status_code == 200 and kind in answer.headers["content-type"], path
    assert "htmx.org 2." in client.get("/static/vendor/VERSIONS").text


def test_the_vendored_versions_are_the_makefiles() -> None:
    from tests.conftest import REPO

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    wanted = {name: re.search(rf"^{var} := (\S+)$", makefile, re.M).group(1)  # type: ignore[union-attr]
              for name, var in (("htmx.org", "HTMX_VERSION"), ("echarts", "ECHARTS_VERSION"),
                                ("pdfjs-dist", "PDFJS_VERSION"))}
    shipped = REPO / "src/cnbudget/web/static/vendor/VERSIONS"
    listed = dict(line.split() for line in shipped.read_text(encoding="utf-8").splitlines())
    assert listed == wanted
    for licence in ("htmx/LICENSE", "echarts/LICENSE", "echarts/NOTICE", "pdfjs/LICENSE"):
        assert (shipped.parent / licence).is_file(), licence
