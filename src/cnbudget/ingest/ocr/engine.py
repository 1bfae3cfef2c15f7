"""The recogniser: rapidocr's text-line model on crops we cut ourselves.

Only recognition runs (no detection: the crops come from the page's own rows
of ink, `crops`), with the models rapidocr ships inside its wheel; nothing is
downloaded. One engine per process, made on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cnbudget.extras import require

_BATCH = 16  # crops a model run takes (rapidocr's default 6 runs the model more often)


@dataclass(frozen=True, slots=True)
class Reading:
    text: str
    score: float  # the model's confidence, 0–1


class Recogniser:
    def __init__(self) -> None:
        rapidocr = require("rapidocr", "ocr")
        threads = int(os.environ.get("CNBUDGET_OCR_THREADS", "0")) or min(2, os.cpu_count() or 1)
        self._engine = rapidocr.RapidOCR(params={
            "Global.log_level": "error",
            "Global.use_det": False,
            "Global.use_cls": False,
            "Rec.rec_batch_num": _BATCH,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        })

    def read(self, crops: list[np.ndarray]) -> list[Reading]:
        """The text of each crop (a single line), in order."""
        if not crops:
            return []
        result = self._engine.recognize_txt(crops)
        return [Reading(text.strip(), float(score))
                for text, score in zip(result.txts, result.scores, strict=True)]


@lru_cache(maxsize=1)
def recogniser() -> Recogniser:
    return Recogniser()


# What one scanned page may cost beyond a text file's limits (ingest.limits): the
# model's runtime takes ~1.2 GB of address space at its peak, loaded (most of it
# reserved, never touched), and a page
# takes seconds of CPU. A worker's soft limits are raised by this much per page, from
# what it holds and has used, so a scan is bounded as tightly as a text file is.
OCR_MEMORY_MB = 2048
OCR_PAGE_SECONDS = 30


def grant_ocr_page() -> None:
    import resource

    from cnbudget.ingest.isolation import in_worker

    if not in_worker():
        return
    for kind, grant in ((resource.RLIMIT_AS, None), (resource.RLIMIT_CPU, OCR_PAGE_SECONDS)):
        soft, hard = resource.getrlimit(kind)
        if soft == resource.RLIM_INFINITY:
            continue
        if grant is None:
            wanted = _vm_bytes() + (OCR_MEMORY_MB << 20)
        else:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            wanted = int(usage.ru_utime + usage.ru_stime) + 1 + grant
        if wanted > soft:
            resource.setrlimit(kind, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def _vm_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) << 10
    return 0
