"""Sample disclosures for the web tests, written the way departments publish them."""

from __future__ import annotations

from pathlib import Path

from cnbudget.demo import plant_error
from cnbudget.render import render_document
from cnbudget.samples import SampleSpec, make_sample


def planted_pdf(folder: Path, name: str = "示例市数据资源管理局2024年部门预算.pdf") -> Path:
    """A sample budget as a PDF, with the demo's planted error (so it has findings)."""
    folder.mkdir(parents=True, exist_ok=True)
    return render_document(plant_error(make_sample(SampleSpec())), "pdf", folder / name)


def sample_xlsx(folder: Path, year: int = 2023) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return render_document(make_sample(SampleSpec(year=year, seed=year)), "xlsx",
                           folder / f"示例市数据资源管理局{year}年部门预算.xlsx")
