"""The body limit is kept as the body arrives: against the real server (`cnbudget serve`
in a subprocess, uvicorn), a body streamed without a Content-Length is answered 413 once
it passes the limit, before the client has sent the rest; one that declares too much
is answered without a byte of it read; other routes take a small body only."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.server import free_port, wait_until_up

SRC = Path(__file__).resolve().parents[2] / "src"
PASSWORD = "body limit password"
CHUNK = 64 * 1024
LIMIT_MB = 1  # per file; with one file a request may carry 1 MB + 1 MB of form
WHOLE = 400 * 1024 * 1024  # what the client would send if nobody stopped it


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "CNBUDGET_LANG": "zh"}
    db = str(tmp_path / "web.db")
    subprocess.run([sys.executable, "-m", "cnbudget", "user", "add", "审核员", "--role",
                    "inspector", "--password-stdin", "--db", db], input=PASSWORD + "\n",
                   text=True, env=env, check=True, capture_output=True, timeout=120)
    token = subprocess.run([sys.executable, "-m", "cnbudget", "token", "create", "审核员",
                            "--db", db], text=True, env=env, check=True, capture_output=True,
                           timeout=120).stdout.strip().split()[-1]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cnbudget", "serve", "--port", str(port), "--db", db,
         "--uploads", str(tmp_path / "uploads"), "--max-upload-mb", str(LIMIT_MB),
         "--max-files", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", proc)
        yield base, {"Authorization": f"Bearer {token}"}
    finally:
        proc.terminate()
        proc.communicate(timeout=60)


HEAD = (b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
        b"Content-Type: text/plain\r\n\r\n")
TAIL = b"\r\n--b--\r\n"


class Body:
    """A multipart body of one file of WHOLE bytes, counting what it has given the client."""

    length = len(HEAD) + WHOLE + len(TAIL)

    def __init__(self) -> None:
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for part in (HEAD, *[b"a" * CHUNK] * (WHOLE // CHUNK), TAIL):
            self.sent += len(part)
            yield part


def test_a_streamed_upload_is_refused_as_soon_as_it_passes_the_limit(
        server: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    base, auth = server
    body = Body()
    answer = httpx.post(base + "/api/v1/documents", content=iter(body), timeout=120,
                        headers={**auth, "Content-Type": "multipart/form-data; boundary=b"})
    assert answer.status_code == 413
    assert answer.json()["detail"]["code"] == "upload.too-large"
    assert body.sent < WHOLE // 4  # answered long before the client was done sending
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == []


def test_a_declared_length_over_the_limit_is_refused_unread(
        server: tuple[str, dict[str, str]]) -> None:
    base, auth = server
    body = Body()
    answer = httpx.post(base + "/api/v1/documents", content=iter(body), timeout=120,
                        headers={**auth, "Content-Type": "multipart/form-data; boundary=b",
                                 "Content-Length": str(Body.length)})
    assert answer.status_code == 413 and body.sent < WHOLE // 4


def test_other_routes_take_a_small_body_only(server: tuple[str, dict[str, str]]) -> None:
    base, auth = server
    big = httpx.patch(base + "/api/v1/findings/1-0", headers=auth, timeout=120,
                      json={"status": "dismissed", "note": "长" * (1 << 20)})
    assert big.status_code == 413
    small = httpx.patch(base + "/api/v1/findings/1-0", headers=auth, timeout=120,
                        json={"status": "dismissed", "note": "已核实"})
    assert small.status_code == 404  # read, and answered: there is no such finding
