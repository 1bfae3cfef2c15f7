"""No AGPL code in the package itself: PyMuPDF may only come in through the test-only
`dev` extra (pdf2ofd, an independent OFD producer for the OFD tests), and no module
of cnbudget imports it."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AGPL = {"pymupdf", "fitz", "pymupdfb"}


def test_no_runtime_dependency_or_extra_but_dev_pulls_pymupdf() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = list(project["dependencies"])
    wanted += [d for extra, deps in project["optional-dependencies"].items() if extra != "dev" for d in deps]
    names = {d.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip().lower()
             for d in wanted}
    assert not names & (AGPL | {"pdf2ofd"}), names & (AGPL | {"pdf2ofd"})


def test_no_module_imports_pymupdf() -> None:
    for path in (ROOT / "src" / "cnbudget").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            assert not {m.split(".")[0].lower() for m in modules} & (AGPL | {"pdf2ofd"}), path
