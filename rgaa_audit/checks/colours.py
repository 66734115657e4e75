"""Own checks for colours (RGAA theme 3, and 10.5.3) that need the rendered page.

The capture stage measures what only a browser knows and writes it on the elements:
`data-ra-ui-contrast` / `data-ra-ui-colours` on form fields (the best contrast among the
field's borders and its own background against the colour around it) and
`data-ra-bg-nocolor="1"` on text laid over a covering background image or gradient with
no background colour declared on it or on any ancestor; `data-ra-text-bg` and its companions
on text over a background image or gradient (with the contrast range the browser computed
under the text for a single linear gradient). Saved HTML has none of these:
the checks then read inline styles only and ask a human instead of failing.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.axe import CONTRAST_TESTS
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded

MAX_FINDINGS = 10
UI_MINIMUM = 3.0
_FIELDS = "input, select, textarea"
_NOT_BOXED = frozenset({"hidden", "submit", "button", "reset", "image", "checkbox", "radio",
                        "range", "color", "file"})


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


@check("field-boundary-contrast")
def field_boundary_contrast(doc: PageDocument, ctx: CheckContext) -> None:
    """3.3.1: a form field whose outline (borders or own background) is below 3:1 against
    the colour around it cannot be told apart from the page."""
    reported = 0
    measured_all = True
    fields = [f for f in doc.css(_FIELDS) if not doc.is_hidden(f)
              and f.get("type", "text").lower() not in _NOT_BOXED]
    for field in fields:
        ratio = _number(field.get("data-ra-ui-contrast"))
        if ratio is None:
            measured_all = False
        if ratio is None or ratio >= UI_MINIMUM:
            continue
        if field.get("disabled") is not None or field.get("aria-disabled") == "true":
            continue  # inactive components are exempt
        if reported < MAX_FINDINGS:
            ctx.fail("3.3.1", field, "low-boundary", ratio=f"{ratio:.2f}",
                     colours=bounded(field.get("data-ra-ui-colours") or "?", 80))
        reported += 1
    if fields and measured_all and not reported:
        ctx.passed("3.3.1")  # fields at rest only: the criteria table keeps 3.3.1 semi


_INLINE_IMAGE = re.compile(r"background(-image)?\s*:[^;]*(url\(|gradient\()", re.IGNORECASE)
_INLINE_COLOUR = re.compile(
    r"background-color\s*:|background\s*:[^;]*(#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|\b[a-z]+\s*(;|$))",
    re.IGNORECASE)


def _own_text(el: HtmlElement) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _inline_colour_up(el: HtmlElement) -> bool:
    for node in [el, *el.iterancestors()]:
        style = node.get("style") or ""
        if _INLINE_COLOUR.search(re.sub(r"url\([^)]*\)", "", style)):
            return True
    return False


@check("background-image-colour")
def background_image_colour(doc: PageDocument, ctx: CheckContext) -> None:
    """10.5.3: text over a background image or gradient also has a background colour
    (its own or an ancestor's), so it stays readable when images do not load."""
    reported = 0
    for el in doc.select("//body//*[@data-ra-bg-nocolor='1']"):
        if reported < MAX_FINDINGS and not doc.is_hidden(el):
            ctx.fail("10.5.3", el, "no-colour")
            reported += 1
    if reported:
        return
    body = doc.root.find("body")
    if body is not None and body.get("data-ra-bg-checked") == "all":
        ctx.passed("10.5.3")  # every element with text was measured in the browser
        return
    if doc.rendered:
        return
    listed = 0
    for el in doc.select("//body//*[@style]"):
        if listed >= MAX_FINDINGS:
            break
        if _INLINE_IMAGE.search(el.get("style") or "") and _own_text(el) \
                and not _inline_colour_up(el):
            ctx.verify("10.5.3", el, "check-colour")
            listed += 1


_EXEMPT_UP = re.compile(r"logo|brand|marque", re.IGNORECASE)
_DISABLED = "[disabled], [aria-disabled=true]"


def _font(el: HtmlElement) -> tuple[float, int] | None:
    parts = (el.get("data-ra-text-font") or "").split(",")
    try:
        return float(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        return None


def _contrast_range(el: HtmlElement) -> tuple[float, float] | None:
    parts = (el.get("data-ra-text-contrast") or "").split(",")
    low, high = (_number(p) for p in parts) if len(parts) == 2 else (None, None)
    return (low, high) if low is not None and high is not None else None


def _exempt(el: HtmlElement) -> bool:
    """Particular cases of 3.2: logos and brand names, controls that cannot be used."""
    for node in [el, *el.iterancestors()][:5]:
        if _EXEMPT_UP.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return bool(el.xpath("ancestor-or-self::*[@disabled or @aria-disabled='true']"))


@check("text-over-background")
def text_over_background(doc: PageDocument, ctx: CheckContext) -> None:
    """3.2.1 to 3.2.4: text over a background image or gradient, whose contrast axe-core
    cannot compute. Over a linear gradient the browser measured the text colour against the
    gradient under every line of the text: below the minimum everywhere is a failure; below
    it somewhere, a human judges. Over an image, a human judges."""
    reported = 0
    for el in doc.select("//body//*[@data-ra-text-bg]"):
        font = _font(el)
        if reported >= MAX_FINDINGS or font is None or doc.is_hidden(el) or _exempt(el):
            continue
        px, weight = font
        bold = weight >= 700
        test, minimum = CONTRAST_TESTS[(bold, px >= (18.5 if bold else 24))]
        measured = _contrast_range(el) if el.get("data-ra-text-bg") == "gradient" else None
        colours = bounded(el.get("data-ra-text-colours") or "?", 120)
        reported += 1
        if measured is None:
            key = "over-gradient" if el.get("data-ra-text-bg") == "gradient" else "over-image"
            ctx.verify(test, el, key, minimum=f"{minimum:g}")
        elif measured[1] < minimum and el.get("data-ra-text-shadow") != "1":
            ctx.fail(test, el, "gradient-low", ratio=f"{measured[1]:.2f}",
                     minimum=f"{minimum:g}", colours=colours)
        elif measured[0] < minimum:
            ctx.verify(test, el, "gradient-partly", low=f"{measured[0]:.2f}",
                       high=f"{measured[1]:.2f}", minimum=f"{minimum:g}", colours=colours)
        else:
            reported -= 1
            ctx.passed(test)  # measured over the whole gradient; 3.2 stays semi in the table
    if doc.rendered:
        return
    for el in doc.select("//body//*[@style]"):
        match = _INLINE_IMAGE.search(el.get("style") or "")
        if reported >= MAX_FINDINGS:
            break
        if match and _own_text(el) and not doc.is_hidden(el) and not _exempt(el):
            key = "over-gradient" if "gradient" in match.group(0).lower() else "over-image"
            ctx.verify("3.2.1", el, key, minimum="4.5")
            reported += 1
