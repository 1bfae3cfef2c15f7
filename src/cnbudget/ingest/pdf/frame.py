"""Page space to display space: the page as a reader sees it.

PDF page space has its origin at the bottom left and ignores the page's
/Rotate entry; everything this package measures is turned into display space
instead: origin at the top left of the visible (cropped) page, y growing down,
with /Rotate applied so that text on a landscape or rotated page reads left
to right, top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass

Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as in PDF
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying `inner` first, then `outer` (PDF's row-vector order)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass(frozen=True, slots=True)
class PageFrame:
    """The visible box of a page in page space and its clockwise /Rotate."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int = 0  # 0, 90, 180 or 270

    @property
    def width(self) -> float:
        """Display width: the box's height when the page is turned a quarter."""
        return self.top - self.bottom if self.rotation in (90, 270) else self.right - self.left

    @property
    def height(self) -> float:
        return self.right - self.left if self.rotation in (90, 270) else self.top - self.bottom

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A page-space point in display space."""
        u, v = x - self.left, self.top - y  # unrotated, y down
        if self.rotation == 90:
            return y - self.bottom, u
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return v, self.right - x
        return u, v

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A page-space box as display (x0, top, x1, bottom); one call per character, so spelled out."""
        r = self.rotation
        if r == 0:
            return left - self.left, self.top - top, right - self.left, self.top - bottom
        if r == 90:
            return bottom - self.bottom, left - self.left, top - self.bottom, right - self.left
        if r == 180:
            return self.right - right, bottom - self.bottom, self.right - left, top - self.bottom
        return self.top - top, self.right - right, self.top - bottom, self.right - left

    def page_box(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """A display box (x0, top, x1, bottom) back in page space as (left, bottom, right, top):
        the inverse of `box`."""
        r = self.rotation
        if r == 0:
            return x0 + self.left, self.top - bottom, x1 + self.left, self.top - top
        if r == 90:
            return top + self.left, x0 + self.bottom, bottom + self.left, x1 + self.bottom
        if r == 180:
            return self.right - x1, top + self.bottom, self.right - x0, bottom + self.bottom
        return self.right - bottom, self.top - x1, self.right - top, self.top - x0
