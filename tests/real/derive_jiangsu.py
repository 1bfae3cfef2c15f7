"""How the expected readings of the Jiangsu PDFs were made: python -m tests.real.derive_jiangsu
[FILE…] [--print | --check]. Nothing of cnbudget is imported; the readings are what
pdfplumber (0.11.10, extract_tables' default "lines" strategy) reads on each page,
placed by plumber_read.py / printed_rows.py, with the CORRECTIONS below, and
checked by eye on the page images. test_jiangsu_derivation.py re-runs this and
requires the committed JSON to be exactly its output (no hand edits).

What a reading holds (tests/real/jiangsu/<department>/<file>.json): per standard
table, its printed title, pages, unit (万元 throughout, no conversion), note, the
printed header path of every column, and its rows as printed: code (digits),
printed name (group: the level-1 label of a 收入预算总表 line), procurement's
words by printed header, and each figure as printed under its header path (null
where the cell is printed empty). 收支总表/财政拨款收支总表 rows are one entry per
label (a printed line holds up to three). Notes keep their first line only.

How it was verified, independently of cnbudget
- pdfplumber alone, with two page-level facts applied to every page: white-filled
  rectangles are invisible background patches (检察院 2018/2019, 法院) whose edges
  would split every ruled row into fragments, so they are dropped; objects outside
  the page box are not on the page (人大 2017 p.11 carries a second copy of 财政拨款
  基本支出预算表 and 政府性基金表 below its bottom edge; the visible tables are pp.12–15).
- Every table's own arithmetic holds as printed, exactly (printed_sums.py; tested):
  类 = Σ款 = Σ项 and 合计 = Σ类 for each classification table, both sides of each
  收支总表, each 收入预算总表 小计, the “三公”/会议费/培训费 合计 and 小计s, the one-line
  支出预算总表, and the 采购 合计 = Σ品目大类 = Σ专项 lines = Σ物品 lines. No
  department arithmetic error was found in any table.
- poppler's pdftotext (a second, unrelated reader) prints on the table pages the
  same multiset of decimal figures as the readings hold (--check), except two
  narrative figures whose 万元 wraps onto the next line (检察院 2018 p.23 21,955.35,
  法院 2019 p.17 37188.34); figures printed without decimals (检察院 2019 三公:
  1276.7, 80, 237, 700) were checked on the image. Every Chinese word pdftotext
  prints there is in a reading too, except department names, notes' later lines
  and the narrative that follows the last table.
- The three 收支预算总表.csv (人大, 检察院, 委办, 2017–2019) agree with the 收支
  预算总表 readings in every column (tested).
- Page images (pdftoppm -r 80, zooms at -r 150/200) looked at: 人大 2017 pp.7–13,
  15, 19–21 (every table of that file); 人大 2018 pp.8, 15, 17–18; 人大 2019 pp.1–4,
  9; 检察院 2017 pp.10, 11, 16; 检察院 2018 pp.13, 14, 19; 检察院 2019 pp.14, 20,
  22–24; 委办 2017 pp.1–4, 11; 委办 2018 pp.3, 11; 委办 2019 pp.9, 12; 政协 2017
  pp.2, 11–13; 政协 2018 p.9; 政协 2019 pp.2, 9; 法院 2017 pp.12–14, 16–18; 法院
  2018 pp.10, 11, 14, 16; 法院 2019 pp.8, 13, 14, 16, 17; that is every “三公”经费
  table (all 15, cropped side by side), every 收入预算总表, every page where a
  repair or correction below applies, and one 收支总表 of each department.

Where pdfplumber alone is wrong, and the repair (each confirmed on the image)
- Rows cut by a page break: a label's end at the top of the next page joins the
  label it ends (人大 2017 八、社会保障和就|业支出, 当 年 收 入|小计; 检察院 2018
  十七、国土海洋气象等支|出; printed_rows._panels), and JoinCut below.
- Rows printed without a top rule on a continuation page, or whose rules
  pdfplumber misses, come out as loose words: read as an unruled row (法院 2017
  pp.12–14, 16, 17; 法院 2018 pp.10, 12–16; 法院 2019 p.17; plumber_read.segment).
- A merged 收入预算总表 group cell run over the page keeps its group on the next
  page (人大 2017 财政专户管理资金; 法院 2017 其他资金).
- Two cells under one header in one row are joined left to right, wrapped lines
  top to bottom (法院 2018 p.16 计算机设备维修和保|养服务).
- A title repeated over a table's continuation continues it (政协 2017 p.13
  政府采购预算表); the raised quotes of 检察院 2017's “三公” title are dropped.
- CORRECTIONS: 法院 2019 p.8 prints the rule between 功能分类 and 支出用途 one
  column left (功能分类 spans only 功能科目名称; its 金额 sits under 支出用途) and
  p.14 wraps 单位：万|元; 法院 2018 p.11 has the 收入 side's header cells open at
  the top, so pdfplumber reads them as no cell; 委办 2019 p.12's 采购组织形式
  overflows, its 式 drawn in the 合计 row; 法院 2017 p.18 置更新 ends p.17's
  经济科目 信息网络及软件购.

Suspicious in the PDFs themselves (kept as printed): 政协 2017 prints
财政转专户管理资金 for 财政专户管理资金; 法院 2019's misplaced header rule (above);
委办 2018 and 2019 print identical “三公”经费 tables; the 7 narrative-only files
say their tables are published separately (附后) and print none.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.real.corrections import AddCell, Correction, JoinCut, Rebox, Retext, SetUnit
from tests.real.plumber_read import open_pdf, page_items, segment
from tests.real.printed_rows import read

ROOT = Path(__file__).resolve().parents[2]
JIANGSU = ROOT.parent / "shared" / "real" / "jiangsu"
OUT = Path(__file__).resolve().parent / "jiangsu"

# file → the pages that hold its standard tables (first, last), read off the page images
TABLE_PAGES: dict[str, tuple[int, int]] = {
    "江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf": (7, 23),
    "江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf": (1, 13),
    "江苏省人大办公厅/省人大办公厅2018预算公开.pdf": (8, 18),
    "江苏省人民检察院/2017年省检察院部门预算.pdf": (10, 18),
    "江苏省人民检察院/2018年省检察院部门预算公开.pdf": (13, 23),
    "江苏省人民检察院/2019年度部门预算公开.pdf": (14, 24),
    "江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf": (1, 14),
    "江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf": (3, 15),
    "江苏省委办公厅/江苏省委办公厅2019年度部门预算公开表格.pdf": (1, 12),
    "江苏省政协办公厅/2017年度部门预算公开表.pdf": (1, 13),
    "江苏省政协办公厅/江苏省政协办公厅2018度部门预算公开表.pdf": (1, 12),
    "江苏省政协办公厅/江苏省政协办公厅2019年预算公开表.pdf": (1, 12),
    "江苏省高级人民法院/江苏省高级人民法院2019年度部门预算公开.pdf": (8, 17),
    "江苏省高级人民法院/省法院2017年度部门预算公开.pdf": (11, 18),
    "江苏省高级人民法院/省法院2018年度部门预算公开.pdf": (9, 16),
}
# narrative only: 情况说明 that say the tables are published separately ("附后"); no table is printed
NARRATIVE_ONLY: tuple[str, ...] = (
    "江苏省人大办公厅/江苏省人大常委会2019年度部门预算公开.pdf",
    "江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf",
    "江苏省委办公厅/江苏省委办公厅2018年度部门预算公开文件.pdf",
    "江苏省委办公厅/江苏省委办公厅2019年度部门预算公开文件.pdf",
    "江苏省政协办公厅/江苏省政协办公厅2017年度部门预算.pdf",
    "江苏省政协办公厅/江苏省政协办公厅2018年度部门预算.pdf",
    "江苏省政协办公厅/江苏省政协办公厅2019年度部门预算.pdf",
)


CORRECTIONS: dict[str, tuple[Correction, ...]] = {
    "江苏省高级人民法院/省法院2017年度部门预算公开.pdf": (
        JoinCut(18, "置更新", "经济科目 信息网络及软件购|置更新 is cut by the page break (image p.17/18)"),
    ),
    "江苏省高级人民法院/江苏省高级人民法院2019年度部门预算公开.pdf": (
        SetUnit(14, "三公", "万元", "单位：万 and 元 are printed on two lines (image)"),
        Rebox(8, "功能分类", 218, 389, "the printed rule between 功能分类 and 支出用途 stands one column "
              "left (image): the 金额 at x 337–389 holds the 功能科目's amounts (they add up to 当年支出小计)"),
        Rebox(8, "支出用途", 389, 538, "the same rule, seen from 支出用途"),
    ),
    "江苏省高级人民法院/省法院2018年度部门预算公开.pdf": (
        AddCell(11, (61.4, 71.4, 189.7, 113.9), "项目名称",
                "财政拨款收支总表's header runs over the page; the 收入 side's cells have no top rule"),
        AddCell(11, (189.7, 71.4, 293.4, 113.9), "金额", "the same"),
    ),
    "江苏省委办公厅/江苏省委办公厅2019年度部门预算公开表格.pdf": (
        Retext(12, "采购组织形", "采购组织形式", "the header's last character overflows its cell"),
        Retext(12, "式", "", "…and is drawn (clipped) in the 合计 row below: not a 合计 label"),
    ),
}


def derive(name: str, verbose: bool = False) -> dict:
    path = JIANGSU / name
    out: dict = {"file": name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    if name in NARRATIVE_ONLY:
        with open_pdf(str(path)) as pdf:
            found = sum(len(p.find_tables()) for p in pdf.pages)
        if found:
            raise ValueError(f"{name}: {found} ruled tables in a narrative-only file")
        return out | {"narrative_only": True, "tables": []}
    first, last = TABLE_PAGES[name]
    with open_pdf(str(path)) as pdf:
        items = [it for n in range(first, last + 1) for it in page_items(pdf.pages[n - 1], n)]
    printed_tables = segment(items)
    for fix in CORRECTIONS.get(name, ()):
        fix.apply(printed_tables)
    tables = []
    for printed in printed_tables:
        reading = read(printed)
        if verbose:
            print(f"== {printed.title} pages={printed.pages} unit={printed.unit} "
                  f"note={printed.note} layout={reading.layout}")
            print("   leaves:", [leaf.path for leaf in reading.leaves])
            for r in reading.repairs:
                print("   REPAIR", r)
            for row in reading.rows:
                print("   ", json.dumps(row.as_json(), ensure_ascii=False))
        tables.append({
            "title": printed.title, "pages": printed.pages, "unit": printed.unit,
            "note": printed.note, "layout": reading.layout,
            "columns": [list(leaf.path) for leaf in reading.leaves],
            "rows": [row.as_json() for row in reading.rows],
        })
    fixes = [fix.describe() for fix in CORRECTIONS.get(name, ())]
    if fixes:
        out["corrections"] = fixes
    return out | {"narrative_only": False, "tables": tables}


def dumps(reading: dict) -> str:
    """JSON with one printed row per line, so a reading reads (and diffs) like the table."""
    def one(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = [f" {one(k)}: {one(v)}" for k, v in reading.items() if k != "tables"]
    tables = []
    for table in reading["tables"]:
        fields = [f"{one(k)}: {one(v)}" for k, v in table.items() if k != "rows"]
        rows = ",\n".join(f"   {one(row)}" for row in table["rows"])
        tables.append("  {" + ", ".join(fields) + ',\n  "rows": [\n' + rows + "\n  ]}")
    body = ' "tables": [' + ("\n" + ",\n".join(tables) + "\n ]" if tables else "]")
    return "{\n" + ",\n".join([*head, body]) + "\n}\n"


FIGURE_TOKEN = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d+$")


def second_opinion(reading: dict) -> tuple[Counter, Counter]:
    """Figures poppler's pdftotext prints on the table pages (narrative lines, the ones
    saying 万元 or %, aside) against the reading's: (missed by the reading, not printed)."""
    pages = sorted({p for t in reading["tables"] for p in t["pages"]})
    text = Counter()
    for page in pages:
        out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page),
                              str(JIANGSU / reading["file"]), "-"], capture_output=True, text=True,
                             check=True).stdout
        text += Counter(tok.replace(",", "") for line in out.splitlines()
                        if "万元" not in line and "%" not in line
                        for tok in line.split() if FIGURE_TOKEN.match(tok))
    read_figures = Counter(c[1].replace(",", "") for t in reading["tables"] for r in t["rows"]
                           for c in r["cells"] if c[1] and "." in c[1])
    return text - read_figures, read_figures - text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="files relative to jiangsu/ (default: all)")
    parser.add_argument("--print", action="store_true", help="print the readings, write nothing")
    parser.add_argument("--check", action="store_true",
                        help="compare the readings' figures with poppler's pdftotext, write nothing")
    args = parser.parse_args(argv)
    names = args.files or sorted([*TABLE_PAGES, *NARRATIVE_ONLY])
    if args.check:
        for name in (n for n in names if n in TABLE_PAGES):
            missed, unprinted = second_opinion(derive(name))
            print(f"{name}: missed {dict(missed) or 'none'}, not printed {dict(unprinted) or 'none'}")
        return 0
    for name in names:
        result = derive(name, verbose=args.print)
        if not args.print:
            target = OUT / (name.removesuffix(".pdf") + ".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dumps(result), encoding="utf-8")
            if json.loads(target.read_text(encoding="utf-8")) != result:
                raise AssertionError(f"{target}: written JSON does not read back")
            print(f"{target.relative_to(ROOT)}: {len(result['tables'])} tables")
    return 0


if __name__ == "__main__":
    sys.exit(main())
