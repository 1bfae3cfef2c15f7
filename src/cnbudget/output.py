"""Writing output files without silent loss.

Every file cnbudget writes goes through `atomic_output`: it is written to a
temporary file beside the target and renamed over it only once complete (a
crash leaves the old file, never half a new one); a target that is one of the
command's inputs is refused; a target that is a symbolic link is refused unless
the caller follows links on purpose (then the link's target is replaced).
`distinct_names` gives same-named inputs distinct output names. Text cells of
CSV and XLSX output never become formulas (`csv_text`, `set_xlsx_text`).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# a spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)%?")


def formula_like(text: str) -> bool:
    """Text a spreadsheet would take for a formula; a plain signed number (-12.5) is data."""
    return text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def csv_text(value: object) -> object:
    """A CSV cell that no spreadsheet runs: formula-like text gets a leading `'`
    (OWASP's advice); numbers and other values are left as they are."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def set_xlsx_text(cell: object, text: str) -> None:
    """Put `text` into an openpyxl cell as text, never as a formula: formula-like text
    is stored as a string with Excel's own quote prefix (what typing '= gives), so
    it shows exactly as printed and is never evaluated."""
    cell.value = text  # type: ignore[attr-defined]
    if formula_like(text):
        cell.data_type = "s"  # type: ignore[attr-defined]
        cell.quotePrefix = True  # type: ignore[attr-defined]


class UnsafeOutput(ValueError):
    """An output that would destroy something: an input, or a file behind a link."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path, inputs: Iterable[Path | str] = (), *,
                 follow_symlinks: bool = False) -> Path:
    """The file to replace for `path`; UnsafeOutput if writing it would overwrite an
    input or write through a symbolic link (unless `follow_symlinks`)."""
    if path.is_symlink() and not follow_symlinks:
        raise UnsafeOutput(f"{path} is a symbolic link (to {os.readlink(path)}); not writing "
                           "through it: give another output name, or --follow-symlinks")
    target = path.resolve() if path.is_symlink() else path
    for source in inputs:
        if _same_file(target, Path(source)):
            raise UnsafeOutput(f"{path} is also an input ({source}): not overwriting it; "
                               "give another output name")
    if target.is_dir():
        raise UnsafeOutput(f"{path} is a folder, not a file")
    return target


@contextmanager
def atomic_output(path: Path, inputs: Iterable[Path | str] = (), *,
                  follow_symlinks: bool = False) -> Iterator[Path]:
    """A temporary path to write (same folder, same suffix, so writers that look at
    the suffix work); renamed to `path` when the block ends without an exception."""
    target = check_output(path, inputs, follow_symlinks=follow_symlinks)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp{target.suffix}")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: Path, text: str, inputs: Iterable[Path | str] = (), *,
               follow_symlinks: bool = False) -> Path:
    with atomic_output(path, inputs, follow_symlinks=follow_symlinks) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return path


def distinct_names(paths: list[Path], suffix: str) -> dict[Path, str]:
    """An output file name per input, distinct even where inputs share a name:
    `x.pdf` → `x.json`; `x.pdf` and `x.docx` → `x.pdf.json`, `x.docx.json`;
    `a/x.txt` and `b/x.txt` → `a_x.txt.json`, `b_x.txt.json` (as many parent
    folders as it takes)."""
    def name(path: Path, level: int) -> str:
        if level == 0:
            return path.stem + suffix
        parts = path.absolute().parts[-level:] if level > 1 else (path.name,)
        return "_".join(p.strip("/") or "root" for p in parts) + suffix

    out: dict[Path, str] = {}
    unique = list(dict.fromkeys(paths))
    for path in unique:
        level = 0
        while True:
            candidate = name(path, level)
            clashes = [p for p in unique if p != path and name(p, level) == candidate]
            if not clashes or level > len(path.absolute().parts):
                break
            level += 1
        taken = set(out.values())
        numbered, n = candidate, 1
        while numbered in taken:  # names of different levels may still meet
            n += 1
            numbered = candidate.removesuffix(suffix) + f"-{n}{suffix}"
        out[path] = numbered
    return out
