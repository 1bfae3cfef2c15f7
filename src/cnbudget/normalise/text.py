"""Text normalisation for matching: width forms, punctuation variants, OCR slips.

`fold` is for comparing and looking up names, never for what is stored: the
model keeps the printed text.
"""

from __future__ import annotations

import re
import unicodedata

# Characters OCR and font-mapping confuse in these documents (the district
# 硚口 printed as 硃口), folded to one form for matching only.
_OCR_SLIPS = str.maketrans({"硃": "硚", "央": "决"})

_QUOTES = str.maketrans({
    "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "〔": "(", "〕": ")",
    "【": "[", "】": "]", "—": "-", "–": "-", "－": "-", "　": " ",
})

_SPACE = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """Full-width letters, digits and punctuation to their ordinary forms."""
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """A matching key: NFKC, one kind of quote and dash, no spaces, OCR slips folded."""
    return _SPACE.sub("", nfkc(text).translate(_QUOTES).translate(_OCR_SLIPS))


def squash(text: str) -> str:
    """NFKC with all white space removed: for names split across lines or cells."""
    return _SPACE.sub("", nfkc(text))
