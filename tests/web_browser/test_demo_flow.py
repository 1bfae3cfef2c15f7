"""A new user's first hour, as the README tells it: `make demo` (here: `python -m
cnbudget.demo demo-output`, what make runs), then the steps it prints at its end,
done as printed — add the account, start the server, open it in chromium, log in,
upload the file it names, open the document, see a finding marked on its page, and
download the annotated PDF, checked with pypdf (every finding's message drawn on
the page the document view says it is on)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.web_browser.browser import (
    ARGS,
    CHROMIUM,
    WAIT_MS,
    add_user,
    annotations,
    env,
    log_in,
    need_chromium,
    serving,
    sync_api,
)


def _printed_command(printed: str, verb: str) -> list[str]:
    """The arguments of the `cnbudget <verb> …` line the demo printed; its program
    checked to be one a person can run."""
    line = next(line.strip() for line in printed.splitlines()
                if re.match(rf"\s+\S+ {verb} ", line))
    program, *args = shlex.split(line)
    assert program == "cnbudget" or (Path(program).is_file() and os.access(program, os.X_OK)), \
        program
    return args


def test_the_demo_s_browser_steps_work_as_printed(tmp_path: Path) -> None:
    need_chromium()
    demo = subprocess.run([sys.executable, "-m", "cnbudget.demo", "demo-output"], cwd=tmp_path,
                          env=env(), text=True, capture_output=True, timeout=900)
    assert demo.returncode == 0, demo.stderr[-2000:]
    steps = demo.stdout[demo.stdout.index("在浏览器中审核"):]
    add_user(_printed_command(steps, "user add"), cwd=tmp_path)
    upload = re.search(r"选择 (\S+\.pdf)", steps)
    assert upload is not None, steps
    to_upload = tmp_path / upload.group(1)
    assert to_upload.is_file()

    with serving(_printed_command(steps, "serve"), cwd=tmp_path) as base, \
            sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page.set_default_timeout(WAIT_MS)
        log_in(page, base)
        page.click("nav a[href='/upload']")
        page.set_input_files("#upload-input", [str(to_upload)])
        page.click("#upload-form button[type=submit]")
        line = page.locator("#progress li[data-status=done]", has_text=to_upload.name)
        line.wait_for()
        line.locator("a.open").click()

        page.wait_for_selector("aside.findings article.finding")
        cards = page.locator("aside.findings article.finding")
        shown = []
        for i in range(cards.count()):
            link = cards.nth(i).locator("a.on-page")
            href = link.get_attribute("href") or ""
            page_no = re.search(r"/pages/(\d+)", href)
            assert page_no is not None and "在原文第" in link.inner_text()
            shown.append((cards.nth(i).locator("p").first.inner_text(), page_no.group(1)))
        assert shown  # the planted error is found

        cards.first.locator("a.on-page").click()
        view = page.locator("#pageview[data-rendered]")
        view.wait_for()
        assert view.get_attribute("data-rendered") == "1"
        assert view.get_attribute("data-marked-by") == "box"
        assert int(view.get_attribute("data-marked") or 0) >= 1
        page.go_back()

        with page.expect_download() as download_info:
            page.locator("a", has_text="批注 PDF").click()
        saved = tmp_path / "annotated.pdf"
        download_info.value.save_as(saved)
        browser.close()
    drawn = annotations(saved)
    for message, page_no in shown:
        assert [label for text, label in drawn if message in text] == [page_no], (message, drawn)
