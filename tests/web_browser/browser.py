"""What the browser tests share: Debian's chromium (skipped with the reason when
absent), `cnbudget` commands run in subprocesses on this checkout's sources, a
server on a free port, logging in, and reading an annotated PDF (pypdf)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.web.server import free_port, wait_until_up

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytest.importorskip("fastapi", reason="the web extra is not installed")
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright (PyPI) is not installed: pip install playwright")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SRC = Path(__file__).resolve().parents[2] / "src"
PASSWORD = "browser test password"
WAIT_MS = 180_000  # reading and auditing a PDF in the job worker, on a busy machine


def need_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/system-packages installs it); "
                    "Playwright cannot download a browser here")


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "CNBUDGET_LANG": "zh"}


def cnbudget(*args: str) -> list[str]:
    """A `cnbudget` command line on this checkout's sources."""
    return [sys.executable, "-m", "cnbudget", *args]


def add_user(args: list[str], cwd: Path | None = None) -> None:
    """`cnbudget user add …` with PASSWORD on standard input."""
    subprocess.run(cnbudget(*args, "--password-stdin"), input=PASSWORD + "\n", text=True,
                   env=env(), check=True, capture_output=True, timeout=120, cwd=cwd)


@contextmanager
def serving(args: list[str], cwd: Path | None = None) -> Iterator[str]:
    """`cnbudget serve …` on a free port until the block ends; its address."""
    port = free_port()
    proc = subprocess.Popen(cnbudget(*args, "--port", str(port)), env=env(), cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", proc)
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=60)


def log_in(page: Page, base: str, name: str = "审核员") -> None:
    """Open the site, be sent to the login page, log in, land on the home page."""
    page.goto(base + "/")
    assert "/login" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def annotations(pdf: Path) -> list[tuple[str, str]]:
    """(comment, page label) of every rectangle drawn in an annotated PDF (pypdf)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return [(str(a.get_object().get("/Contents", "")), reader.page_labels[i])
            for i, p in enumerate(reader.pages) for a in p.get("/Annots") or []
            if a.get_object()["/Subtype"] == "/Square"]
