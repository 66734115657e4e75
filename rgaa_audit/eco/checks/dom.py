"""Sobriety checks on the rendered DOM: autoplay, print stylesheet, empty sources, plugins.

They are inapplicable when capture recorded no DOM.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.checks.common import (
    FAILED,
    PASSED,
    verdict_of,
)
from rgaa_audit.eco.registry import Evidence, Verdict, eco_check
from rgaa_audit.model import Outcome

_PRINT_MEDIA = re.compile(r"@media[^{;]*\bprint\b|@import[^;]*\bprint\b", re.IGNORECASE)


def _element(doc: PageDocument, element: Any) -> Evidence:
    return Evidence(doc.selector(element), doc.snippet(element, 300))


def _has_dom(doc: PageDocument) -> bool:
    return bool(doc.snapshot.dom_html.strip())


@eco_check("autoplay-media")
def autoplay_media(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No <video> or <audio> has the autoplay attribute."""
    media = doc.select("//video | //audio") if _has_dom(doc) else []
    if not media:
        return Verdict(Outcome.INAPPLICABLE)
    return verdict_of(_element(doc, el) for el in media if el.get("autoplay") is not None)


@eco_check("print-stylesheet")
def print_stylesheet(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """A print stylesheet, or @media print in the page's own styles, exists."""
    if not _has_dom(doc):
        return Verdict(Outcome.INAPPLICABLE)
    links = [el for el in doc.select("//link[@href]")
             if "stylesheet" in (el.get("rel") or "").lower().split()]
    if any(re.search(r"\bprint\b", el.get("media") or "", re.IGNORECASE) for el in links):
        return Verdict(PASSED)
    if any(_PRINT_MEDIA.search(style.text_content()) for style in doc.select("//style")):
        return Verdict(PASSED)
    if links:  # @media print may sit inside a stylesheet capture did not keep
        return Verdict(Outcome.CANT_TELL, tuple(_element(doc, el) for el in links))
    return Verdict(FAILED)


@eco_check("empty-src-href")
def empty_src_href(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No element that loads a resource has an empty src (or <link> an empty href)."""
    if not _has_dom(doc):
        return Verdict(Outcome.INAPPLICABLE)
    loaders = ("self::img or self::script or self::iframe or self::frame or self::source"
               " or self::audio or self::video or self::embed or self::track or self::input")
    empty = doc.select(f"//*[({loaders}) and @src and normalize-space(@src)='']"
                       " | //link[@href and normalize-space(@href)='']")
    return verdict_of(_element(doc, el) for el in empty)


@eco_check("plugins")
def plugins(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No <object>, <embed> or <applet>."""
    if not _has_dom(doc):
        return Verdict(Outcome.INAPPLICABLE)
    return verdict_of(_element(doc, el) for el in doc.select("//object | //embed | //applet"))
