"""A scanned OFD page drawn as one grey image, for OCR (`ingest.ocr`).

Scanning software exporting to OFD writes each page as an `ImageObject` whose
`ResourceID` names a `MultiMedia` resource (`MultiMedias/MultiMedia/MediaFile`
in the document's `PublicRes`/`DocumentRes` or the page's `PageRes`, the file
relative to the resource part's `BaseLoc` folder). The pictures are drawn onto
white paper of the page's size where their CTM places them, at the resolution
of the sharpest (clamped to what OCR needs, as a PDF scan is rendered), so the
OCR reader gets the page as displayed, however the producer cut or placed it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lxml import etree

from cnbudget.ingest.ofd.content import Picture
from cnbudget.ingest.ofd.package import OfdPackage, attr, child, children, local, text_of

if TYPE_CHECKING:  # numpy and OpenCV come with the `ocr` extra, imported where pages are drawn
    import numpy as np

MAX_PIXELS = 80_000_000  # a page image larger than this is drawn at a lower resolution


def resource_parts(package: OfdPackage, base: str, holder: etree._Element | None,
                   names: Iterable[str]) -> list[str]:
    """The resource parts (`PublicRes`, `DocumentRes`, `PageRes`) a Document or Page names."""
    if holder is None:
        return []
    found = [package.resolve(text_of(el), base) for name in names for el in children(holder, name)]
    return [m for m in found if m is not None]


def media_files(package: OfdPackage, parts: Iterable[str]) -> dict[str, str]:
    """Resource id → the package member holding that MultiMedia's file."""
    found: dict[str, str] = {}
    for part in parts:
        root = package.xml(part)
        folder = posixpath.join(posixpath.dirname(part), (attr(root, "BaseLoc") or "").replace("\\", "/"))
        for media in root.iter():
            if local(media) != "MultiMedia":
                continue
            name = text_of(child(media, "MediaFile"))
            member = package.resolve(name, posixpath.join(folder, "_")) or package.resolve(name, part)
            if member is not None:
                found[attr(media, "ID") or ""] = member
    return found


def _pixels(data: bytes) -> int:
    """The pixels a picture's header claims (Pillow reads the header only); 0 where
    Pillow cannot tell (OpenCV may still read it, within its own pixel limit)."""
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
    except Image.DecompressionBombError:
        return MAX_PIXELS + 1
    except (UnidentifiedImageError, OSError, ValueError):
        return 0
    return width * height


def _decoded(package: OfdPackage, pictures: list[Picture], media: dict[str, str]) -> list[tuple[Picture, np.ndarray]]:
    import cv2
    import numpy as np

    out = []
    for picture in pictures:
        member = media.get(picture.resource)
        if member is None:
            continue
        data = package.data(member)
        if _pixels(data) > MAX_PIXELS:  # a picture that would decode to gigabytes is not drawn
            continue
        try:
            grey = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
        except cv2.error:  # corrupt, or over OpenCV's own pixel limit
            continue
        x0, top, x1, bottom = picture.box
        if grey is not None and grey.size and x1 - x0 > 1 and bottom - top > 1:
            out.append((picture, grey))
    return out


def page_raster(package: OfdPackage, pictures: list[Picture], media: dict[str, str],
                size: tuple[float, float]) -> tuple[np.ndarray, float] | None:
    """The page (`size` in points) as a grey image with its pictures drawn, and its dpi;
    None where no picture could be decoded."""
    import cv2
    import numpy as np

    from cnbudget.ingest.ocr.image import DEFAULT_DPI, MAX_DPI, MIN_DPI

    decoded = _decoded(package, pictures, media)
    if not decoded:
        return None
    sharpest = max(grey.shape[1] / ((p.box[2] - p.box[0]) / 72.0) for p, grey in decoded)
    dpi = min(MAX_DPI, max(MIN_DPI, sharpest)) if sharpest > 0 else DEFAULT_DPI
    width_in, height_in = max(size[0], 1.0) / 72.0, max(size[1], 1.0) / 72.0
    dpi = min(dpi, (MAX_PIXELS / (width_in * height_in)) ** 0.5)
    per_point = dpi / 72.0
    canvas = np.full((max(1, round(height_in * dpi)), max(1, round(width_in * dpi))), 255, np.uint8)
    for picture, grey in decoded:
        x0, top, x1, bottom = (round(v * per_point) for v in picture.box)
        if x1 - x0 < 1 or bottom - top < 1:
            continue
        if (x1 - x0) * (bottom - top) > MAX_PIXELS:
            continue
        scaled = cv2.resize(grey, (x1 - x0, bottom - top), interpolation=cv2.INTER_AREA)
        if picture.flipped[0]:
            scaled = scaled[:, ::-1]
        if picture.flipped[1]:
            scaled = scaled[::-1, :]
        # clipped to the page; ink over ink keeps the darker (pictures drawn on one another)
        cx0, ctop = max(0, x0), max(0, top)
        cx1, cbottom = min(canvas.shape[1], x1), min(canvas.shape[0], bottom)
        if cx1 <= cx0 or cbottom <= ctop:
            continue
        part = scaled[ctop - top:cbottom - top, cx0 - x0:cx1 - x0]
        canvas[ctop:cbottom, cx0:cx1] = np.minimum(canvas[ctop:cbottom, cx0:cx1], part)
    return canvas, dpi
