"""The reviewed golden data of the seeds: tables (type, title, unit, rows and
values in yuan) and facts (key, value, unit). Narrative, locators and
findings are left out so that the file records what a reviewer checked.

`python -m tests.golden.golden` rewrites the files from the current
extraction; review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

from cnbudget.model.contract import to_plain_json
from cnbudget.pipeline import extract

HERE = Path(__file__).resolve().parent
JSONValue = object


def golden_view(path: Path) -> dict[str, JSONValue]:
    data = to_plain_json(extract(path, audit=False))
    tables = []
    for t in data["tables"]:
        rows = [{k: v for k, v in r.items() if k not in ("locator", "indicators")} for r in t["rows"]]
        tables.append({"type": t["type"], "title": t["title"], "unit": t["unit"],
                       "empty": t["empty"], "rows": rows})
    facts = [{"key": f["key"], "value": f["value"], "unit": f["unit"], "subject": f.get("subject")}
             for f in data["facts"]]
    return {"document": data["document"], "tables": tables, "facts": facts}


def golden_file(seed_path: Path) -> Path:
    return HERE / f"{seed_path.name[:3]}.json"


if __name__ == "__main__":
    seeds = HERE.parents[1].parent / "shared" / "seeds"
    for seed_path in sorted(seeds.glob("*.txt")):
        golden_file(seed_path).write_text(
            json.dumps(golden_view(seed_path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("wrote", golden_file(seed_path))
