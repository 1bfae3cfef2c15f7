"""The web application in a real browser: Debian's chromium driven by Playwright
against the real server (`cnbudget serve` in a subprocess, real SQLite): log in,
upload samples (and drop a note on the zone: refused with the reason), watch them
finish, open a finding on its page and see it marked at its stored box, download the
annotated PDF and find the finding drawn on that page (pypdf), dismiss it, re-check
and see it stay dismissed, see a chart drawn.

Screenshots are kept as test artefacts under $CNBUDGET_ARTEFACTS (else the
test's temporary folder); docs/screenshots/ holds copies for the README.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.test_marks import BOXED
from tests.web_browser.browser import (
    ARGS,
    CHROMIUM,
    WAIT_MS,
    add_user,
    annotations,
    log_in,
    need_chromium,
    serving,
    sync_api,
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    need_chromium()
    db = str(tmp_path / "web.db")
    add_user(["user", "add", "审核员", "--role", "inspector", "--db", db])
    with serving(["serve", "--db", db, "--uploads", str(tmp_path / "uploads")]) as base:
        yield base


@pytest.fixture
def artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CNBUDGET_ARTEFACTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _drop_boxes(db: Path) -> None:
    """Set the stored boxes aside (kept in a side table, to be put back)."""
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE kept_boxes AS SELECT table_id, row_no, position, box "
                     "FROM line_items WHERE box IS NOT NULL")
        for table in BOXED:
            conn.execute(f"UPDATE {table} SET box = NULL")


def _restore_boxes(db: Path) -> None:
    """The cells' boxes back (what the annotated PDF below is drawn from)."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE line_items SET box = (SELECT k.box FROM kept_boxes k WHERE "
                     "k.table_id = line_items.table_id AND k.row_no = line_items.row_no "
                     "AND k.position = line_items.position)")
        conn.execute("DROP TABLE kept_boxes")
        back = conn.execute("SELECT count(*) FROM line_items WHERE box IS NOT NULL").fetchone()
        assert back[0] > 0


def test_upload_review_recheck_and_charts_in_chromium(server: str, tmp_path: Path,
                                                       artefacts: Path) -> None:
    from tests.web.samples import planted_pdf, sample_xlsx

    pdf = planted_pdf(tmp_path / "in")
    older = sample_xlsx(tmp_path / "in", 2023)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.set_default_timeout(WAIT_MS)

        log_in(page, server)

        page.goto(server + "/upload")
        page.set_input_files("#upload-input", [str(pdf), str(older)])
        page.click("#upload-form button[type=submit]")
        done = page.locator("#progress li[data-status=done]")
        done.nth(1).wait_for()
        assert page.locator("#progress li[data-status=failed]").count() == 0
        # a file dropped on the zone: a note, no disclosure, refused with the reason
        page.evaluate("""() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["关于召开年度工作会议的通知\\n请各单位准时到会。\\n"],
                                        "会议通知.txt", {type: "text/plain"}));
            const zone = document.querySelector("[data-dropzone]");
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""")
        refused = page.locator("#progress li[data-status=failed]", has_text="会议通知.txt")
        refused.wait_for()
        assert "不是部门预算或决算公开文件" in refused.inner_text()
        page.screenshot(path=str(artefacts / "upload.png"))
        page.locator("#progress li[data-status=done]", has_text=pdf.name
                     ).locator("a.open").click()

        page.wait_for_selector("aside.findings article.finding")
        page.screenshot(path=str(artefacts / "document.png"), full_page=False)
        card = page.locator("article.finding", has_text="2010301").first
        finding_id = card.get_attribute("data-finding")
        message = card.locator("p").first.inner_text()
        on_page = int(re.search(r"/pages/(\d+)", card.locator("a.on-page").get_attribute("href")
                                or "").group(1))  # type: ignore[union-attr]
        card.locator("a.on-page").click()
        view = page.locator("#pageview[data-rendered]")
        view.wait_for()
        assert view.get_attribute("data-rendered") == "1"
        assert page.locator("#pageview canvas").count() == 1
        assert int(view.get_attribute("data-marked") or 0) > 0
        assert view.get_attribute("data-marked-by") == "box"  # at the box the store keeps
        assert page.locator("#pageview .mark").count() > 0  # the finding marked on the page
        page.screenshot(path=str(artefacts / "page-view.png"))
        # a document stored without boxes (before the store kept them): the text searched
        _drop_boxes(tmp_path / "web.db")
        page.reload()
        view = page.locator("#pageview[data-rendered]")
        view.wait_for()
        assert view.get_attribute("data-marked-by") == "text"
        assert int(view.get_attribute("data-marked") or 0) > 0
        _restore_boxes(tmp_path / "web.db")
        page.go_back()

        # the annotated PDF, downloaded as a person does: the finding drawn on its page
        with page.expect_download() as download_info:
            page.locator("a", has_text="批注 PDF").click()
        download = download_info.value
        assert download.suggested_filename == pdf.stem + "-批注.pdf"
        saved = tmp_path / "annotated.pdf"
        download.save_as(saved)
        comments = annotations(saved)
        drawn = [label for text, label in comments if message in text]
        assert drawn == [str(on_page)], comments

        card = page.locator(f'article[data-finding="{finding_id}"]')
        card.locator("input[name=note]").fill("已与部门核实，属排版错误")
        card.locator("button[value=dismissed]").click()
        page.locator(f'article[data-finding="{finding_id}"][data-review=dismissed]').wait_for()

        page.click("#recheck")
        page.locator("#recheck-progress li[data-status=done]").wait_for()
        page.reload()
        kept = page.locator(f'article[data-finding="{finding_id}"]')
        assert kept.get_attribute("data-review") == "dismissed"
        assert "已与部门核实" in kept.inner_text()

        page.goto(server + "/departments")
        page.locator("a", has_text="示例市数据资源管理局").first.click()
        page.wait_for_selector("#charts .chart canvas")
        assert page.locator("#charts .chart canvas").count() >= 4  # 3 trends and the treemap
        page.screenshot(path=str(artefacts / "department.png"), full_page=True)
        browser.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
    if os.environ.get("CNBUDGET_SCREENSHOTS"):  # refresh the README's copies
        target = Path(os.environ["CNBUDGET_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        for name in ("document.png", "page-view.png", "department.png"):
            shutil.copy(artefacts / name, target / name)
