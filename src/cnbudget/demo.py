"""`make demo`: the whole pipeline on documents the project writes itself.

It makes a made-up department's disclosures (three years of budgets and a
final account), writes them as XLSX, DOCX, PDF and HTML the way departments
publish them, plants one error in a copy, and then runs the real command line
on them: extract, check, ingest into the embedded database, ls and compare.
Needs nothing outside the project (no ../shared). At the end it says how to
look at the same database in a browser: the account to add, the server to
start, and the planted copy (as a PDF) to upload and review.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from cnbudget.lang import t
from cnbudget.model import Document, Kind
from cnbudget.render import render_document
from cnbudget.samples import SampleSpec, make_sample

DEPARTMENT = SampleSpec().department

SAMPLES: tuple[tuple[SampleSpec, str], ...] = (
    (SampleSpec(year=2022, seed=22, scale=Decimal("0.8")), "xlsx"),
    (SampleSpec(year=2023, seed=23, scale=Decimal("0.9")), "docx"),
    (SampleSpec(year=2024, seed=0), "pdf"),
    (SampleSpec(year=2023, seed=23, scale=Decimal("0.9"), kind=Kind.FINAL_ACCOUNT), "html"),
)


def plant_error(doc: Document) -> Document:
    """A copy whose 支出总表 row 2010301 says 基本支出 is 1.00 万元 more than printed
    elsewhere: the kind of slip an inspector looks for."""
    planted = copy.deepcopy(doc)
    table = planted.table("expenditure")
    if table is None:
        raise ValueError("the sample has no expenditure table to plant an error in")
    for row in table.rows:
        if row.code is not None and len(row.code) == 7 and row.values.get("basic"):
            row.values["basic"] = (row.values["basic"] or Decimal(0)) + Decimal(10000)
            break
    return planted


def _expenditure_total(spec: SampleSpec) -> Decimal | None:
    table = make_sample(spec).table("expenditure")
    row = table.row_by_item("total") if table else None
    return row.values.get("total") if row else None


def with_previous_year(spec: SampleSpec) -> SampleSpec:
    """The spec stating its change against the demo's own document of the year
    before, where there is one, so the narrative agrees with `compare`."""
    before = next((s for s, _ in SAMPLES if (s.kind, s.year) == (spec.kind, spec.year - 1)), None)
    return replace(spec, previous_total=_expenditure_total(before)) if before else spec


def write_samples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec, fmt in SAMPLES:
        doc = make_sample(with_previous_year(spec))
        paths.append(render_document(doc, fmt, folder / f"{spec.year}-{spec.kind.value}.{fmt}"))
    return paths


def write_planted(folder: Path, fmt: str = "html") -> Path:
    """The 2024 budget with one planted slip, kept apart from the published set."""
    folder.mkdir(parents=True, exist_ok=True)
    spec = SAMPLES[2][0]
    return render_document(plant_error(make_sample(with_previous_year(spec))), fmt,
                           folder / f"{spec.year}-{spec.kind.value}-with-an-error.{fmt}")


def cnbudget_command() -> str:
    """How to call cnbudget from here: the script beside this Python (`.venv/bin/cnbudget`
    after `make demo`, which puts nothing on PATH), else `cnbudget`."""
    script = Path(sys.executable).with_name("cnbudget")
    if not script.is_file():
        return "cnbudget"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def browser_steps(out: Path, planted_pdf: Path) -> str:
    """What to do to see the demo's database in a browser, step by step."""
    cnb, db, uploads = cnbudget_command(), out / "cnbudget.db", out / "uploads"
    return t(
        f"""在浏览器中审核（详见 docs/web.md）：
  1. 添加审核员账户（要求输入两次密码，至少 8 个字符）：
       {cnb} user add 审核员 --role inspector --db {db}
  2. 启动网页界面（Ctrl-C 停止）：
       {cnb} serve --db {db} --uploads {uploads}
  3. 打开它显示的地址（http://127.0.0.1:8000/），用“审核员”和刚设的密码登录。
  4. 在“上传”页选择 {planted_pdf}（埋有一处错误），
     完成后点“打开文件”：右侧是审核发现，点“在原文第…页查看”看它在页面上的位置，
     点“批注 PDF”下载标出了每条发现的 PDF。
  {out / "samples"}/ 中的文件已经入库，上传它们会直接打开库中的文件；
  “部门”页有历年对比图表。""",
        f"""In a browser (docs/web.md):
  1. Add an inspector account (the password is asked for twice, 8 characters at least):
       {cnb} user add 审核员 --role inspector --db {db}
  2. Start the web application (Ctrl-C stops it):
       {cnb} serve --db {db} --uploads {uploads}
  3. Open the address it prints (http://127.0.0.1:8000/) and log in as 审核员.
  4. On the 上传 page choose {planted_pdf} (it has a planted error);
     when done, 打开文件 shows the findings beside the tables: 在原文第…页查看 marks one
     on its page, 批注 PDF downloads the PDF with every finding drawn on it.
  The files of {out / "samples"}/ are stored already: uploading one opens it at once;
  the 部门 page has the years in charts.""")


def _run(*args: str) -> int:
    print(f"\n$ cnbudget {' '.join(args)}", flush=True)
    return subprocess.run([sys.executable, "-m", "cnbudget.cli.main", *args], check=False).returncode


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "demo-output")
    samples = out / "samples"
    db = out / "cnbudget.db"
    if db.exists():
        db.unlink()
    paths = write_samples(samples)
    print(t(f"已在 {samples}/ 写出{DEPARTMENT}的 {len(paths)} 份示例公开文件：",
            f"wrote {len(paths)} sample disclosures of {DEPARTMENT} into {samples}/:"))
    for p in paths:
        print(f"  {p.name}")
    planted = write_planted(out / "to-check")
    planted_pdf = write_planted(out / "to-check", "pdf")
    print(t(f"以及埋有一处错误的副本：{planted}、{planted_pdf}",
            f"and a copy with one planted error: {planted}, {planted_pdf}"))
    pdf = next(p for p in paths if p.suffix == ".pdf")
    steps = [
        (("extract", str(pdf)), {0}),
        (("check", str(pdf)), {0}),
        (("check", str(planted)), {1}),  # the planted error must be found
        (("ingest", str(samples), "--db", str(db)), {0}),
        (("ls", "--db", str(db)), {0}),
        (("compare", DEPARTMENT, "--db", str(db)), {0}),
    ]
    for args, expected in steps:
        code = _run(*args)
        if code not in expected:
            print(t(f"demo：`cnbudget {' '.join(args)}` 的退出码是 {code}，应为 {sorted(expected)}",
                    f"demo: `cnbudget {' '.join(args)}` exited {code}, expected {sorted(expected)}"),
                  file=sys.stderr)
            return 1
    print(t(f"\n数据库是 {db}；可以试试 `{cnbudget_command()} sql \"select * from disclosures\" "
            f"--db {db}`。", f"\nThe database is {db}; try `{cnbudget_command()} sql "
            f"\"select * from disclosures\" --db {db}`."))
    print(browser_steps(out, planted_pdf))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
