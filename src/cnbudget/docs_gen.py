"""`make docs`: write every generated page of docs/ from the catalogues.

Each generator is a function returning Markdown; tests compare the committed
pages with a fresh run so the docs never go stale.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from cnbudget.model.catalogue_docs import problems_markdown, tables_markdown


def generated_pages() -> dict[str, Callable[[], str]]:
    from cnbudget.audit.docs import rules_markdown
    from cnbudget.cli.docs import boundary_markdown
    from cnbudget.normalise.classification_docs import catalogue_markdown
    from cnbudget.recognise.metadata.docs import metadata_markdown
    from cnbudget.render.variants.docs import variants_markdown

    return {
        "tables.md": tables_markdown,
        "rules.md": rules_markdown,
        "classification.md": catalogue_markdown,
        "problems.md": problems_markdown,
        "boundary.md": boundary_markdown,
        "metadata.md": metadata_markdown,
        "layout-variants.md": variants_markdown,
    }


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs")
    target.mkdir(parents=True, exist_ok=True)
    for name, make in generated_pages().items():
        (target / name).write_text(make(), encoding="utf-8")
        print(f"wrote {target / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
