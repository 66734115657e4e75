"""Sobriety checks on images: legacy formats, oversized bitmaps, unused downloads, lazy loading.

The last three compare the requests with the <img> elements and CSS images the browser
rendered (facts from collect.js).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.checks.common import (
    FAILED,
    PASSED,
    about,
    kb,
    succeeded,
    verdict_of,
    wire_bytes,
)
from rgaa_audit.eco.checks.facts import (
    URL_MAX,
    eco_facts,
    fact_count,
    fact_list,
    fact_text,
    shown_images,
)
from rgaa_audit.eco.registry import Evidence, Verdict, eco_check
from rgaa_audit.eco.resources import (
    mime_of,
    type_group,
)
from rgaa_audit.model import Outcome
from rgaa_audit.snapshot import NetworkEntry


def _url_key(url: str) -> str:
    """A URL without its fragment, bounded like network entries."""
    return url.split("#", 1)[0][:URL_MAX]


def _redirects(doc: PageDocument) -> dict[str, str]:
    """Where each redirected request went: URL → final URL (chains followed, bounded)."""
    hops = {}
    for entry in doc.snapshot.network:
        location = entry.headers.get("location", "")
        if entry.status is not None and 300 <= entry.status < 400 and location:
            with contextlib.suppress(ValueError):
                hops[_url_key(entry.url)] = _url_key(urljoin(entry.url, location))
    final = {}
    for start in hops:
        url = start
        for _ in range(10):
            if url not in hops:
                break
            url = hops[url]
        final[start] = url
    return final


def _by_url(doc: PageDocument) -> dict[str, NetworkEntry]:
    """Successful requests by URL (the last one wins); a redirected URL maps to the response
    it ended with."""
    found = {_url_key(e.url): e for e in doc.snapshot.network if succeeded(e)}
    for start, end in _redirects(doc).items():
        if end in found:
            found.setdefault(start, found[end])
    return found


def _is_svg(url: str, entry: NetworkEntry | None) -> bool:
    if entry is not None and mime_of(entry) == "image/svg+xml":
        return True
    return urlsplit(url).path.lower().endswith((".svg", ".svgz"))


def _origin(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def _size(width: int, height: int) -> str:
    return f"{width}×{height} px"


@eco_check("legacy-image-format")
def legacy_image_format(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Images above `min_bytes` are not JPEG, PNG or GIF."""
    images = [e for e in doc.snapshot.network if type_group(e) == "image" and succeeded(e)]
    if not images:
        return Verdict(Outcome.INAPPLICABLE)
    legacy = set(limits["legacy_types"])
    return verdict_of(about(e, f"{mime_of(e)}, {kb(wire_bytes(e))}") for e in images
                    if mime_of(e) in legacy and wire_bytes(e) > limits["min_bytes"])


@eco_check("oversized-images")
def oversized_images(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No bitmap above `min_bytes` has more than `max_area_ratio` times the pixels it is
    shown with (shown size times the device pixel ratio)."""
    facts = eco_facts(doc)
    shown = [i for i in shown_images(facts) if i.visible and i.ratio] if facts else []
    if not shown:
        return Verdict(Outcome.INAPPLICABLE)
    entries = _by_url(doc)
    found = []
    for image in shown:
        entry = entries.get(_url_key(image.url))
        if entry is None or _is_svg(image.url, entry) or image.ratio <= limits["max_area_ratio"]:
            continue
        if wire_bytes(entry) > limits["min_bytes"]:
            found.append(Evidence(image.url, (
                f"{_size(image.natural_width, image.natural_height)} → "
                f"{_size(image.shown_width, image.shown_height)}, {kb(wire_bytes(entry))}")))
    return verdict_of(found)


@eco_check("unused-images")
def unused_images(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Every image the page downloads above `min_bytes` is shown: by a rendered <img>, or as
    a CSS image of a rendered element (backgrounds, ::before/::after rules)."""
    images = [e for e in doc.snapshot.network if type_group(e) == "image" and succeeded(e)
              and e.frame_is_main and wire_bytes(e) > limits["min_bytes"]]
    if not images:
        return Verdict(Outcome.INAPPLICABLE)
    facts = eco_facts(doc)
    if facts is None:
        return Verdict(Outcome.CANT_TELL)
    shown = {_url_key(fact_text(u)) for u in fact_list(facts, "shownUrls") if fact_text(u)}
    redirects = _redirects(doc)
    shown |= {redirects[url] for url in shown if url in redirects}
    unreadable = {fact_text(o).lower() for o in fact_list(facts, "unreadableCss")}
    unused = [e for e in images if _url_key(e.url) not in shown]
    # images from the origin of a stylesheet capture could not read may be shown by it
    unsure = [e for e in unused if _origin(e.url) in unreadable]
    sure = [e for e in unused if e not in unsure]
    evidence = tuple(about(e, f"{mime_of(e) or 'image'}, {kb(wire_bytes(e))}") for e in sure)
    if evidence and facts.get("complete") is True:
        return Verdict(FAILED, evidence)
    if evidence or unsure:
        return Verdict(Outcome.CANT_TELL, evidence or tuple(
            about(e, f"{mime_of(e) or 'image'}, {kb(wire_bytes(e))}") for e in unsure))
    return Verdict(PASSED)


@eco_check("lazy-images")
def lazy_images(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Images whose top is below the first screen (viewport height × `fold_ratio`) and that
    weigh more than `min_bytes` (or an unknown size) are loaded lazily."""
    facts = eco_facts(doc)
    images = [i for i in shown_images(facts) if i.visible] if facts else []
    if not images:
        return Verdict(Outcome.INAPPLICABLE)
    viewport = doc.snapshot.collected.get("viewport")
    height = fact_count(viewport.get("height")) if isinstance(viewport, dict) else 0
    fold = (height or limits["default_viewport_height"]) * limits["fold_ratio"]
    entries = _by_url(doc)
    found = []
    for image in images:
        if image.lazy or image.top < fold:
            continue
        entry = entries.get(_url_key(image.url))
        if entry is None or wire_bytes(entry) > limits["min_bytes"]:
            found.append(Evidence(image.url, f"top {image.top} px"))
    return verdict_of(found, fold=round(fold))
