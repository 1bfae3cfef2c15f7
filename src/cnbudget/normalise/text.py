"""Text normalisation for matching: width forms, punctuation variants, OCR slips.

`fold` is for comparing and looking up names, never for what is stored: the
model keeps the printed text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The same labels and cells are folded over and over while a document is
# recognised (every table matcher asks): pure str → str, so each is cached.
_CACHED = 1 << 16

# Slips OCR and font mapping make in these documents (the district 硚口
# printed as 硃口, 决算 as 央算), folded to one form for matching only. Whole
# words, so that 中央 stays 中央.
_OCR_SLIPS: dict[str, str] = {"硃口": "硚口", "央算": "决算"}

_QUOTES = str.maketrans({
    "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "〔": "(", "〕": ")",
    "【": "[", "】": "]", "—": "-", "–": "-", "－": "-", "　": " ",
})

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=_CACHED)
def nfkc(text: str) -> str:
    """Full-width letters, digits and punctuation to their ordinary forms."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=_CACHED)
def fold(text: str) -> str:
    """A matching key: NFKC, one kind of quote and dash, no spaces, OCR slips folded."""
    return undo_ocr_slips(_SPACE.sub("", nfkc(text).translate(_QUOTES)))


def undo_ocr_slips(text: str) -> str:
    for slip, right in _OCR_SLIPS.items():
        text = text.replace(slip, right)
    return text


def squash(text: str) -> str:
    """NFKC with all white space removed: for names split across lines or cells."""
    return _SPACE.sub("", nfkc(text))


# a space between two wide characters (CJK, their punctuation, ≥ ≤ …) is where a
# long cell wrapped (持续 性项目, 印刷时 间); Chinese prints no space there
_WRAP_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def join_wrapped(text: str) -> str:
    """A cell's text with the spaces left where it wrapped between wide characters
    removed; spaces beside Latin letters and digits (127 个, pc 机) are kept."""
    return _WRAP_SPACE.sub("", text)


_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def one_line(text: str) -> str:
    """A cell's text wrapped over lines inside its cell (a line break in a spreadsheet
    or Word cell: 智慧城市运行管理平台 / 运维服务) as the one name it prints: joined where it
    wrapped between wide characters, a space beside Latin letters and digits."""
    if "\n" not in text and "\r" not in text:
        return text
    return _LINE_BREAK.sub(" ", join_wrapped(text.strip()))
