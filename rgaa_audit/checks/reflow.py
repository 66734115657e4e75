"""Own checks that read the rendering probes (capture/probes.js): reflow at 320 px wide
(10.11.1) and 256 px high for vertical text (10.11.2), text enlarged to 200 % (10.4.1) and
increased text spacing (10.12.1).

Browser facts arrive as attributes: `data-ra-probes` on <html> lists the probes that ran to
the end (no verdict without it: saved HTML says nothing); `data-ra-reflow-width`,
`data-ra-reflow-height` and `data-ra-vertical` on <html>; `data-ra-reflow`,
`data-ra-reflow-v`, `data-ra-zoom` and `data-ra-spacing` on the elements they found.
"""

from __future__ import annotations

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded

MAX_FINDINGS = 10
REFLOW_WIDTH = 320
REFLOW_HEIGHT = 256


def _probes(doc: PageDocument) -> set[str]:
    return set((doc.root.get("data-ra-probes") or "").split())


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _overflow(doc: PageDocument, ctx: CheckContext, test: str, attribute: str, extent: int,
              limit: int) -> None:
    """Fail the elements that pass the limit; ask a human when only exceptions do."""
    marked = [el for el in doc.select(f"//body//*[@{attribute}]") if not doc.is_hidden(el)]
    overflowing = [el for el in marked if el.get(attribute) == "overflow"]
    for el in overflowing[:MAX_FINDINGS]:
        ctx.fail(test, el, "overflow", extent=extent, limit=limit,
                 name=bounded(el.tag, 20))
    if len(overflowing) > MAX_FINDINGS:
        ctx.fail(test, None, "more", count=len(overflowing) - MAX_FINDINGS)
    if overflowing:
        return
    exceptions = [el for el in marked if el.get(attribute) == "exception"]
    for el in exceptions[:MAX_FINDINGS]:
        ctx.verify(test, el, "exception", extent=extent, limit=limit)
    if not exceptions:
        ctx.verify(test, None, "unlocated", extent=extent, limit=limit)


@check("reflow-small-screen")
def reflow_small_screen(doc: PageDocument, ctx: CheckContext) -> None:
    """10.11.1: at 320 CSS px wide the page does not scroll sideways (images, video, canvas,
    data tables, preformatted text and maps excepted); 10.11.2: vertical text at 256 px high
    does not scroll up and down."""
    probes = _probes(doc)
    if "reflow" in probes:
        width = _number(doc.root.get("data-ra-reflow-width"))
        if width is not None and width <= REFLOW_WIDTH + 1:
            ctx.passed("10.11.1")
        elif width is not None:
            _overflow(doc, ctx, "10.11.1", "data-ra-reflow", width, REFLOW_WIDTH)
    if "text" in probes and doc.root.get("data-ra-vertical") == "0":
        ctx.inapplicable("10.11.2")
    elif "vertical" in probes:
        height = _number(doc.root.get("data-ra-reflow-height"))
        if height is not None and height <= REFLOW_HEIGHT + 1:
            ctx.passed("10.11.2")
        elif height is not None:
            _overflow(doc, ctx, "10.11.2", "data-ra-reflow-v", height, REFLOW_HEIGHT)


def _cut_text(doc: PageDocument, ctx: CheckContext, test: str, attribute: str) -> None:
    marked = [el for el in doc.select(f"//body//*[@{attribute}]") if not doc.is_hidden(el)]
    clipped = [el for el in marked if el.get(attribute) == "clipped"]
    for el in clipped[:MAX_FINDINGS]:
        ctx.fail(test, el, "clipped", text=bounded(doc.text(el), 80))
    for el in [el for el in marked if el.get(attribute) != "clipped"][:MAX_FINDINGS]:
        key = "ellipsis" if el.get(attribute) == "ellipsis" else "overlap"
        ctx.verify(test, el, key, text=bounded(doc.text(el), 80))
    if not marked:
        ctx.passed(test)


@check("text-enlarged")
def text_enlarged(doc: PageDocument, ctx: CheckContext) -> None:
    """10.4.1: with the root font size doubled, no text gets cut off by its box (text sized
    in px does not follow: the table keeps 10.4.1 semi)."""
    if "text" in _probes(doc):
        _cut_text(doc, ctx, "10.4.1", "data-ra-zoom")


@check("text-spacing-applied")
def text_spacing_applied(doc: PageDocument, ctx: CheckContext) -> None:
    """10.12.1: with line-height 1.5, paragraph spacing 2em, letter-spacing .12em and
    word-spacing .16em, no text gets cut off or spills out of its box."""
    if "text" in _probes(doc):
        _cut_text(doc, ctx, "10.12.1", "data-ra-spacing")
