"""Scanned-PDF writer, for testing the OCR reader: a PDF's pages as a scanner
would give them back.

Each page is rendered to a grey image at the chosen dpi (pdfium), turned by
a slight skew, blurred a little, speckled with noise, and the images are
wrapped as an image-only PDF (Pillow: JPEG pages, no text layer) or, with
`container="ofd"`, an OFD package of image pages (`render.ofd.scan_ofd`). The
same seed gives the same scan. `render_document(doc, "scan", path)` prints the
document as PDF first (`render.pdf`), then scans that.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cnbudget.model import Document
from cnbudget.render.base import RENDERERS
from cnbudget.render.variants import DEFAULT_VARIANT, LayoutVariant

FORMAT = "scan"
MAX_SKEW = 1.5  # degrees: what a careful feeder leaves; more is a badly fed page
CONTAINERS = ("pdf", "ofd")


@dataclass(frozen=True, slots=True)
class ScanOptions:
    dpi: int = 200
    seed: int = 0
    skew: float = 1.0  # largest turn of a page, in degrees (each page draws its own up to this)
    blur: float = 0.6  # Gaussian radius in pixels at 200 dpi (scaled with the dpi)
    noise: float = 10.0  # standard deviation of the grey noise, in levels of 255
    quality: int = 85  # JPEG quality of the page images
    pages: tuple[int, ...] | None = None  # 0-based pages to scan (default: all), for small tests
    container: str = "pdf"  # what wraps the page images: "pdf", or "ofd" (render.ofd.scan_ofd)
    turn: int = 0  # degrees clockwise every page is fed turned (0, 90, 180, 270): sideways, upside down

    def __post_init__(self) -> None:
        if not 50 <= self.dpi <= 600:
            raise ValueError(f"dpi {self.dpi} is outside 50–600")
        if not 0 <= self.skew <= MAX_SKEW:
            raise ValueError(f"skew {self.skew}° is outside 0–{MAX_SKEW}°")
        if self.turn not in (0, 90, 180, 270):
            raise ValueError(f"turn {self.turn}° is not a quarter turn")
        if self.container not in CONTAINERS:
            raise ValueError(f"a scan is wrapped as {' or '.join(CONTAINERS)}, not {self.container!r}")


def _scan_page(image, rng: random.Random, options: ScanOptions):  # PIL images in and out
    import numpy as np
    from PIL import Image, ImageFilter

    grey = image.convert("L")
    if options.turn:
        grey = grey.rotate(-options.turn, expand=True)  # PIL turns counter-clockwise
    angle = rng.uniform(-options.skew, options.skew)
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    radius = options.blur * options.dpi / 200
    if radius > 0:
        grey = grey.filter(ImageFilter.GaussianBlur(radius))
    pixels = np.asarray(grey, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, options.noise, pixels.shape)
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8), mode="L")


def scan_images(data: bytes, options: ScanOptions = ScanOptions()) -> list:  # PIL images
    """The pages of a PDF as a scanner gives them back: grey images at `options.dpi`."""
    import pypdfium2 as pdfium

    rng = random.Random(options.seed)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ValueError(f"not a readable PDF ({exc})") from exc
    try:
        pages = []
        for index in options.pages if options.pages is not None else range(len(pdf)):
            page = pdf[index]
            try:
                bitmap = page.render(scale=options.dpi / 72, grayscale=True)
                pages.append(_scan_page(bitmap.to_pil(), rng, options))
            finally:
                page.close()
    finally:
        pdf.close()
    if not pages:
        raise ValueError("the PDF has no pages")
    return pages


def scan_pdf(data: bytes, options: ScanOptions = ScanOptions()) -> bytes:
    """The pages of a PDF as an image-only ("scanned") PDF."""
    pages = scan_images(data, options)
    out = io.BytesIO()
    # a fixed date: the same seed gives the same bytes (Pillow would stamp the time)
    stamp = time.gmtime(946684800)  # 2000-01-01
    pages[0].save(out, "PDF", resolution=float(options.dpi), save_all=True, append_images=pages[1:],
                  quality=options.quality, creationDate=stamp, modDate=stamp, producer="cnbudget")
    return out.getvalue()


def render_scan(doc: Document, path: Path, variant: LayoutVariant = DEFAULT_VARIANT,
                options: ScanOptions = ScanOptions()) -> None:
    from cnbudget.render.pdf import render_pdf

    with tempfile.TemporaryDirectory(prefix="cnbudget-scan-") as folder:
        printed = Path(folder) / "printed.pdf"
        render_pdf(doc, printed, variant)
        Path(path).write_bytes(scan_file(printed.read_bytes(), options))


def scan_file(data: bytes, options: ScanOptions = ScanOptions()) -> bytes:
    """The pages of a PDF scanned, wrapped as `options.container` says."""
    if options.container == "ofd":
        from cnbudget.render.ofd import scan_ofd

        return scan_ofd(data, options)
    return scan_pdf(data, options)


RENDERERS.add(FORMAT, render_scan)
