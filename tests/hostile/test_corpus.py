"""The hostile corpus (tests/hostile/corpus.py): every case has its outcome; the
CLI over all of them gives no traceback, no signal, no hang, names every file it
refuses and stays under 1 GB per file; ingest over the corpus mixed with good
documents stores every good one and leaves no process or folder behind."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.isolation import read_isolated
from cnbudget.ingest.limits import Limits
from cnbudget.model.contract import dumps
from cnbudget.render import render_document
from cnbudget.samples import budget_sample, final_account_sample
from cnbudget.store.sources import DOCUMENT_SUFFIXES

from .corpus import CASES, Case, write_corpus
from .helpers import cli, work_dirs

GIB = 1 << 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("case", CASES, ids=[c.name.replace("\n", "\\n") for c in CASES])
def test_case_outcome(case: Case, corpus: dict[str, Path]) -> None:
    outcome = read_isolated(corpus[case.name], Limits.parse(case.limits))
    if case.refused is None:
        assert not isinstance(outcome, UnreadableSource), outcome
        codes = [p.code for p in outcome.layout.problems]
        assert case.problem is None or case.problem in codes, codes
        return
    assert isinstance(outcome, UnreadableSource), f"{case.name} was read"
    assert outcome.code == case.refused, outcome.reason
    assert outcome.file == str(corpus[case.name])  # named, as given


_PEAK = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(done.stdout); sys.stderr.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, file=sys.stderr)
sys.exit(done.returncode)
"""


def test_cli_over_the_whole_corpus(corpus: dict[str, Path], tmp_path: Path) -> None:
    """One `extract` over every case, default limits: exit 2 (some files unusable),
    never a traceback or a signal, each refused file named, ≤ 1 GiB peak per process."""
    import subprocess

    # cases built for a small limit (a slow file under seconds=1) are left to test_case_outcome
    files = [str(corpus[c.name]) for c in CASES if not c.limits]
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, sys.executable, "-m", "cnbudget.cli.main", "extract",
         *files, "-o", str(tmp_path / "out"), "--no-audit"],
        capture_output=True, text=True, timeout=600, check=False)
    *messages, peak = done.stderr.rstrip("\n").rsplit("\n", 1)
    stderr = "\n".join(messages)
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    for case in CASES:
        if case.refused and not case.limits:
            assert f"{corpus[case.name]}: cannot be read" in stderr, case.name
            assert f"[{case.refused}]" in stderr
    assert int(peak) <= GIB, f"peak memory {int(peak) / GIB:.2f} GiB"
    written = {p.name for p in (tmp_path / "out").iterdir()}
    for case in CASES:
        if case.refused is None and not case.limits:
            # read whole, and written out — or read, but refused as holding no disclosure
            refused = f"{corpus[case.name]}：" in stderr and "[document." in stderr
            assert refused or any(name.startswith(Path(case.name).stem[:5]) for name in written), case.name


def _good_documents(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    goods = [render_document(budget_sample(0), fmt, folder / f"good-budget.{fmt}")
             for fmt in ("xlsx", "docx", "html", "pdf")]
    contract = folder / "good-final.json"
    contract.write_text(dumps(final_account_sample(1)), encoding="utf-8")
    goods.append(contract)
    # a contract claiming the PDF's hash: both are stored, the PDF is not "already stored"
    liar = final_account_sample(2)
    pdf_hash = hashlib.sha256(goods[3].read_bytes()).hexdigest()
    liar.source = type(liar.source)(liar.source.file, pdf_hash, liar.source.format)
    claim = folder / "a-claims-the-pdf.json"
    claim.write_text(dumps(liar), encoding="utf-8")
    goods.append(claim)
    return goods


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_ingest_mixed_folder(corpus: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    goods = _good_documents(folder)
    walked = [c for c in CASES if not c.limits and not corpus[c.name].is_dir()]  # a folder is walked
    for case in walked:
        path, target = corpus[case.name], folder / case.name
        if path.is_symlink():
            target.symlink_to(path.resolve())
        elif path.is_fifo():
            import os

            os.mkfifo(target)
        else:
            target.write_bytes(path.read_bytes())
    bomb = folder / "upload.zip"  # a zip upload: one bomb member, one good document
    inside = dumps(budget_sample(3)).encode("utf-8")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("inside/good.json", inside)
        zf.writestr("inside/bomb.html", b"<html><body>" + b"<p>0</p>" * 40_000_000)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    db = tmp_path / "mixed.db"
    done = cli("ingest", str(folder), "--db", str(db), "-j", "2", "--json",
               env={"TMPDIR": str(tmp)}, timeout=900)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    errors = {e["file"]: e for e in report["errors"]}
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT sha256 FROM documents")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # each stored by the hash of its own bytes
    for good in goods:
        assert _sha(good.read_bytes()) in stored, (good.name, errors.get(str(good)))
    assert _sha(inside) in stored, errors  # the zip's good member, beside its bomb
    assert errors[f"{bomb}!inside/bomb.html"]["error"] == "source.container-limit"
    for case in walked:  # a folder is walked for document suffixes only (not .png)
        if case.refused and Path(case.name).suffix in DOCUMENT_SUFFIXES:
            assert errors[str(folder / case.name)]["error"] == case.refused, case.name
    assert work_dirs(tmp) == [], "the ingest left worker folders"
    assert list(tmp.iterdir()) == [], "the ingest left temporary files"
