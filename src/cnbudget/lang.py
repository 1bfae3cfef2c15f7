"""The language of what a person reads: Chinese by default, English on request.

`CNBUDGET_LANG=en` (or the CLI's `--lang en`) switches tables, messages,
reports and export headers to English. JSON keys, codes and stored values
never change with the language. One definition of the choice, read where
text is made (so worker processes and the library follow the CLI).
"""

from __future__ import annotations

import os

ENV_VAR = "CNBUDGET_LANG"
LANGS = ("zh", "en")


def current() -> str:
    value = (os.environ.get(ENV_VAR) or "zh").strip().lower()
    return "en" if value.startswith("en") else "zh"


def set_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    os.environ[ENV_VAR] = lang


def t(zh: str, en: str) -> str:
    """The text in the current language."""
    return en if current() == "en" else zh
