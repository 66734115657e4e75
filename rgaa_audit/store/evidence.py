"""Evidence crops: a small JPEG of each failed element, cut from one picture of the page.

Capture marks the boxes of likely targets (`data-ra-rect="x,y,w,h"` in the DOM, `rect` on
axe-core nodes) but takes no picture. Once a page is decided, each failure finding's element
is found again (its selector against the parsed DOM, or the axe node it came from); when some
have a box, the `camera` (the tab, still on the page) photographs the one band of the page that
holds them, and each is cut out with a margin, shrunk to fit, and saved as
`evidence/<page-hash>-<n>.jpg` in the output folder; the finding dict gets `"crop"`, that path
relative to the folder. At most `limit` crops per page; the same element is cut once. A page
without a boxed failure costs no picture at all.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.snapshot import Camera, PageSnapshot

EVIDENCE_DIR = "evidence"
PAD = 8
MAX_SIZE = (600, 300)
QUALITY = 70
MAX_BAND = 6000  # tallest band photographed, CSS px
Rect = tuple[int, int, int, int]


def page_key(url: str) -> str:
    """A short, stable file-name stem for a page."""
    return hashlib.sha256(url.encode("utf-8", "replace")).hexdigest()[:12]


def parse_rect(value: Any) -> Rect | None:
    """(x, y, w, h) from "x,y,w,h" or a 4-item list; None when malformed or empty."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or len(value) != 4:
        return None
    try:
        x, y, w, h = (round(float(v)) for v in value)
    except (TypeError, ValueError):
        return None
    return (x, y, w, h) if w > 0 and h > 0 else None


def crop_box(rect: Rect, image_size: tuple[int, int], pad: int = PAD) -> Rect | None:
    """The padded box (left, top, right, bottom) inside the image, or None when outside it."""
    x, y, w, h = rect
    width, height = image_size
    left, top = max(0, x - pad), max(0, y - pad)
    right, bottom = min(width, x + w + pad), min(height, y + h + pad)
    if right - left < 2 or bottom - top < 2:
        return None
    return left, top, right, bottom


def crop_jpeg(image: Image.Image, rect: Rect) -> bytes | None:
    """The element's crop as JPEG bytes, no larger than MAX_SIZE."""
    box = crop_box(rect, image.size)
    if box is None:
        return None
    piece = image.crop(box)
    piece.thumbnail(MAX_SIZE)
    out = io.BytesIO()
    piece.convert("RGB").save(out, "JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


def _axe_rects(axe: dict[str, Any]) -> dict[str, Rect]:
    rects: dict[str, Rect] = {}
    for kind in ("violations", "incomplete"):
        for rule in axe.get(kind) or ():
            for node in rule.get("nodes") or ():
                rect = parse_rect(node.get("rect"))
                if rect is not None:
                    rects.setdefault(str(node.get("target", "")), rect)
    return rects


def finding_rect(finding: dict[str, Any], doc: PageDocument,
                 axe_rects: dict[str, Rect]) -> Rect | None:
    """Where the finding's element was drawn, if capture measured it."""
    selector = finding.get("selector") or ""
    if str(finding.get("source", "")).startswith("axe:"):
        return axe_rects.get(selector)
    if not selector or selector == "html" or selector.endswith("…"):
        return None
    try:
        found = doc.css(selector)
    except Exception:  # a selector cssselect cannot read
        return None
    return parse_rect(found[0].get("data-ra-rect")) if len(found) == 1 else None


def _failures(page: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for verdict in (page.get("criteria") or {}).values():
        yield from verdict.get("findings") or ()


def planned_crops(page: dict[str, Any], doc: PageDocument, axe: dict[str, Any],
                  limit: int) -> list[tuple[dict[str, Any], Rect]]:
    """(finding, box) for the failures to illustrate: at most `limit` distinct boxes, all
    starting within one band of MAX_BAND pixels from the highest one."""
    axe_rects = _axe_rects(axe)
    located = [(finding, rect) for finding in _failures(page)
               if (rect := finding_rect(finding, doc, axe_rects)) is not None]
    if not located or limit <= 0:
        return []
    top = min(rect[1] for _, rect in located)
    kept: list[tuple[dict[str, Any], Rect]] = []
    boxes: set[Rect] = set()
    for finding, rect in located:
        if rect[1] >= top + MAX_BAND - 2 * PAD:  # starts below the band (a tall one is cut)
            continue
        if rect not in boxes:
            if len(boxes) >= limit:
                continue
            boxes.add(rect)
        kept.append((finding, rect))
    return kept


def band_of(rects: list[Rect]) -> tuple[int, int]:
    """(top, bottom) of the page band holding every box, with the crop margin."""
    top = max(0, min(rect[1] for rect in rects) - PAD)
    bottom = max(rect[1] + rect[3] for rect in rects) + PAD
    return top, min(bottom, top + MAX_BAND)


async def add_crops(page: dict[str, Any], snapshot: PageSnapshot, doc: PageDocument,
                    out_dir: Path, limit: int, camera: Camera) -> int:
    """Save crops for the page's failure findings and point each finding at its file.

    Returns how many files were written."""
    plan = planned_crops(page, doc, snapshot.axe, limit)
    if not plan:
        return 0
    top, bottom = band_of([rect for _, rect in plan])
    picture = await camera(top, bottom)
    try:
        image = Image.open(io.BytesIO(picture))
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        return 0
    stem = page_key(snapshot.final_url or snapshot.url)
    saved: dict[Rect, str] = {}
    folder = out_dir / EVIDENCE_DIR
    for finding, rect in plan:
        if rect not in saved:
            data = crop_jpeg(image, (rect[0], rect[1] - top, rect[2], rect[3]))
            if data is None:
                continue
            name = f"{EVIDENCE_DIR}/{stem}-{len(saved) + 1}.jpg"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                (out_dir / name).write_bytes(data)
            except OSError:
                return len(saved)
            saved[rect] = name
        finding["crop"] = saved[rect]
    return len(saved)
