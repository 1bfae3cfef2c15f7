"""`cnbudget serve`: the real server process on a free port answers /healthz, on
127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.web.server import free_port, wait_until_up

pytest.importorskip("fastapi", reason="the web extra is not installed")


def test_serve_listens_on_localhost_and_answers_healthz(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cnbudget", "serve", "--port", str(port),
         "--db", str(tmp_path / "web.db"), "--uploads", str(tmp_path / "up")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as resp:
            assert resp.status == 200 and b"ok" in resp.read()
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out + err
    assert (tmp_path / "web.db").is_file() and (tmp_path / "up").is_dir()
