"""The recogniser: rapidocr's text-line model on crops we cut ourselves.

Only recognition runs (no detection: the crops come from the page's own rows
of ink, `crops`), with the models rapidocr ships inside its wheel; nothing is
downloaded. One engine per process, made on first use.

The model's own batching (crops of like width together, each batch padded to
its widest) is run here rather than through `recognize_txt`, so that besides
the text and its score (the mean confidence of the characters read, as
rapidocr gives it) each line keeps its `doubt`: the highest probability any
step of the model gave to a character it did not read there — one it nearly
read instead, or one it nearly read and dropped (4、 read 4 with the 、 at
0.45). The mean hides one such step among twenty sure ones; the doubt does not.
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
    score: float  # the model's confidence, 0–1: the mean over the characters read
    doubt: float = 0.0  # the likeliest character not read at any step, 0–1 (module doc)


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
        model = self._engine._load_rec_model()  # rapidocr's TextRecognizer: session, resizing, decoder
        _, height, width = model.rec_image_shape[:3]
        ratios = [c.shape[1] / c.shape[0] for c in crops]
        order = sorted(range(len(crops)), key=ratios.__getitem__)
        out: list[Reading | None] = [None] * len(crops)
        for start in range(0, len(order), _BATCH):
            batch = order[start:start + _BATCH]
            widest = max(width / height, *(ratios[i] for i in batch))
            images = np.concatenate([model.resize_norm_img(crops[i], widest)[np.newaxis, :] for i in batch])
            preds = model.session(images.astype(np.float32))
            lines, _ = model.postprocess_op(preds, False, wh_ratio_list=[ratios[i] for i in batch],
                                            max_wh_ratio=widest)
            for i, (text, score), steps in zip(batch, lines, preds, strict=True):
                out[i] = Reading(text.strip(), float(score), doubt(steps, len(model.postprocess_op.character) - 1))
        return [r for r in out if r is not None]


def doubt(steps: np.ndarray, space: int) -> float:
    """The highest probability a step gives to a character read neither there nor at
    the steps beside it (where a character is read over several steps, its edges
    share it with the blank). The blank (0) and the space (`space`) are no rivals:
    spaces are dropped from what is compared."""
    if not len(steps):
        return 0.0
    top = steps.argmax(axis=1)
    rivals = steps.copy()  # one pass: the model's output is steps × ~6,600 characters
    rows = np.arange(len(top))
    rivals[:, [0, space]] = 0.0
    rivals[rows, top] = 0.0
    rivals[rows[1:], top[:-1]] = 0.0
    rivals[rows[:-1], top[1:]] = 0.0
    return float(rivals.max())


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
