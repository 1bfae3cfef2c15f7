"""A line's doubt (ingest.ocr.engine.doubt): the likeliest character the model did
not read at a step, from its step-by-step probabilities (no model run here)."""

from __future__ import annotations

import numpy as np
import pytest

from cnbudget.ingest.ocr.engine import doubt

BLANK, A, B, C, SPACE = 0, 1, 2, 3, 4


def _steps(*rows: dict[int, float]) -> np.ndarray:
    out = np.zeros((len(rows), 5))
    for n, row in enumerate(rows):
        for k, v in row.items():
            out[n, k] = v
    return out


def test_a_character_nearly_read_and_dropped_is_doubt() -> None:
    # A, then a step the blank wins over B by little (4、 read 4), then C
    steps = _steps({A: 1.0}, {BLANK: 0.55, B: 0.45}, {C: 1.0})
    assert doubt(steps, SPACE) == pytest.approx(0.45)


def test_a_character_nearly_read_instead_is_doubt() -> None:
    steps = _steps({A: 0.6, B: 0.4}, {BLANK: 1.0})
    assert doubt(steps, SPACE) == pytest.approx(0.4)


def test_the_edges_of_a_character_read_are_no_doubt() -> None:
    # A read over two steps, shared with the blank at its edges; spaces hesitated over
    steps = _steps({BLANK: 0.6, A: 0.4}, {A: 1.0}, {A: 0.5, BLANK: 0.5}, {BLANK: 0.7, SPACE: 0.3}, {C: 1.0})
    assert doubt(steps, SPACE) == 0.0
    assert doubt(np.zeros((0, 5)), SPACE) == 0.0
