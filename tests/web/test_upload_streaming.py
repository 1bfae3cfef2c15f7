"""Uploads are streamed to a temporary file in the upload folder: refused (413, 415)
without leaving anything behind, kept under a generated name when accepted."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi.testclient import TestClient

from cnbudget.ingest.detect import HEAD_BYTES, detect_file_format
from tests.web.accounts import token_for
from tests.web.flow import upload


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_oversize_upload_is_413_and_leaves_no_temporary_file(client: TestClient,
                                                             tmp_path: Path) -> None:
    headers = token_for(client, "inspector1")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024 + 1))  # the fixture's limit is 2 MB
    answer = upload(client, headers, big)
    assert answer.status_code == 413 and answer.json()["detail"]["code"] == "upload.too-large"
    assert _left(tmp_path / "uploads") == []


def test_refused_format_leaves_no_temporary_file(client: TestClient, tmp_path: Path) -> None:
    headers = token_for(client, "inspector1")
    image = tmp_path / "scan.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert upload(client, headers, image).status_code == 415
    assert _left(tmp_path / "uploads") == []


def test_accepted_upload_is_kept_whole_under_a_generated_name(client: TestClient,
                                                              tmp_path: Path) -> None:
    headers = token_for(client, "inspector1")
    text = tmp_path / "长文.txt"
    body = "一般公共预算财政拨款收入\n".encode() * 40_000  # over 1 MB: several chunks
    assert len(body) > HEAD_BYTES
    text.write_bytes(body)
    answer = upload(client, headers, text)
    assert answer.status_code in (201, 202), answer.text
    kept = _left(tmp_path / "uploads")
    assert len(kept) == 1 and kept[0].endswith(".txt") and not kept[0].startswith(".")
    stored = (tmp_path / "uploads" / kept[0]).read_bytes()
    assert hashlib.sha256(stored).digest() == hashlib.sha256(body).digest()


def test_a_large_file_is_told_by_its_head(tmp_path: Path) -> None:
    pdf = tmp_path / "a.bin"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * (HEAD_BYTES * 2))
    assert detect_file_format(pdf, "a.bin") == "pdf"
    text = tmp_path / "b.txt"
    text.write_bytes("预算\n".encode() * (HEAD_BYTES // 3))  # the head's cut falls in a line
    assert detect_file_format(text, "b.txt") == "text"
