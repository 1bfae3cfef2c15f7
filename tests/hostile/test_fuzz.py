"""Property-based fuzzing of every reader, through the isolated boundary.

Real-shaped files (the samples rendered to XLSX, DOCX, HTML, PDF and text; the
real seeds where ../shared is present) are mutated by hypothesis: truncated,
bit-flipped, spliced with another file, and, inside zip containers, a member
itself truncated or flipped (so the zip stays valid and the parser sees the
damage). Whatever comes out, reading gives a `SourceRead` or an
`UnreadableSource` naming the file with a catalogued code, never a crash of
cnbudget itself; the whole extraction likewise. The budget is bounded:
`CNBUDGET_FUZZ_EXAMPLES` examples per format (default 15), no deadline per
example (a worker start is in some).
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.isolation import read_isolated
from cnbudget.ingest.limits import Limits
from cnbudget.ingest.readers import SourceRead
from cnbudget.model.problems import PROBLEM_TYPES
from cnbudget.pipeline import extract_isolated
from cnbudget.render import render_document
from cnbudget.samples import budget_sample
from tests.conftest import SEEDS

EXAMPLES = int(os.environ.get("CNBUDGET_FUZZ_EXAMPLES", "15"))
LIMITS = Limits(seconds=20, memory_mb=768)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FORMATS = ("xlsx", "docx", "html", "pdf", "txt")


def _originals() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    doc = budget_sample(0)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("xlsx", "docx", "html", "pdf"):
            out[fmt] = render_document(doc, fmt, Path(tmp) / f"sample.{fmt}").read_bytes()
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    out["txt"] = seeds[0].read_bytes()[:60_000] if seeds else \
        "一般公共预算支出表\n单位：万元\n支出合计\t100.00\n".encode() * 50
    return out


ORIGINALS = _originals()


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    data = bytearray(ORIGINALS[fmt])
    kind = draw(st.sampled_from(["truncate", "flip", "splice", "member"]))
    if kind == "member" and data[:2] == b"PK":
        return _mutate_member(draw, bytes(data))
    if kind == "truncate" or kind == "member":
        return bytes(data[: draw(st.integers(0, len(data)))])
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            pos = draw(st.integers(0, len(data) - 1))
            data[pos] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    other = ORIGINALS[draw(st.sampled_from(FORMATS))]
    cut, start = draw(st.integers(0, len(data))), draw(st.integers(0, len(other)))
    return bytes(data[:cut]) + other[start:]


def _mutate_member(draw: st.DrawFn, data: bytes) -> bytes:
    """The zip rewritten with one member's bytes damaged (truncated or flipped)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    victim = draw(st.integers(0, len(members) - 1))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, (info, body) in enumerate(members):
            if n == victim and body:
                if draw(st.booleans()):
                    body = body[: draw(st.integers(0, len(body)))]
                else:
                    damaged = bytearray(body)
                    damaged[draw(st.integers(0, len(body) - 1))] ^= 0xFF
                    body = bytes(damaged)
            zf.writestr(info.filename, body)
    return out.getvalue()


def _check(outcome: object, path: Path) -> None:
    if isinstance(outcome, UnreadableSource):
        assert outcome.file == str(path)
        assert outcome.code in PROBLEM_TYPES, outcome.code
        assert outcome.reason
    else:
        assert outcome is not None


@pytest.mark.parametrize("fmt", FORMATS)
def test_reader_survives_mutations(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"fuzzed.{fmt}"

    @FUZZ
    @given(mutated(fmt))
    def run(data: bytes) -> None:
        path.write_bytes(data)
        outcome = read_isolated(path, LIMITS)  # WorkerFailed (our own crash) fails the test
        _check(outcome, path)
        if isinstance(outcome, SourceRead):
            assert outcome.layout.format

    run()


@pytest.mark.parametrize("fmt", FORMATS)
def test_extraction_survives_mutations(fmt: str, tmp_path: Path) -> None:
    """Recognition and audit of whatever the readers make of a damaged file."""
    path = tmp_path / f"fuzzed.{fmt}"

    @settings(FUZZ, max_examples=max(1, EXAMPLES // 2))
    @given(mutated(fmt))
    def run(data: bytes) -> None:
        path.write_bytes(data)
        _check(extract_isolated(path, LIMITS), path)

    run()
