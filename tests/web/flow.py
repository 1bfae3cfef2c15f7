"""Steps the web tests share: upload through the API and wait for the job."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient


def upload(client: TestClient, headers: dict[str, str], *paths: Path):  # -> httpx.Response
    return client.post("/api/v1/documents", headers=headers,
                       files=[("files", (p.name, p.read_bytes(), "application/octet-stream"))
                              for p in paths])


def wait_for_job(client: TestClient, headers: dict[str, str], job_id: int) -> dict:
    """The job once it is done or failed (the worker thread runs it; up to two minutes)."""
    for _ in range(1200):
        job = client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never finished: {job}")
