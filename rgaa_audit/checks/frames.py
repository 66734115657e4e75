"""Own checks for frames (RGAA theme 2): every <iframe>/<frame> has a title that says what it holds.

A frame hidden from assistive technologies (aria-hidden="true") or not rendered is out of
scope, as the RGAA glossary allows for purely technical frames.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.visibility import out_of_scope
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check

# Titles that name the container, not its content: never a relevant frame title.
GENERIC_TITLES = frozenset({
    "iframe", "frame", "cadre", "frame title", "titre", "title", "sans titre", "untitled",
    "embed", "widget", "content", "contenu", "blank", "about:blank", "null", "undefined",
    "iframe title", "titre du cadre", "titre de l iframe",
})
# Titles that name a kind of content but not which one: a human decides.
VAGUE_TITLES = frozenset({
    "map", "carte", "video", "vidéo", "player", "lecteur", "lecteur vidéo", "youtube",
    "youtube video player", "vimeo", "vimeo video player", "google maps", "dailymotion",
    "dailymotion video player", "facebook", "twitter", "x", "formulaire", "form",
})


def frames_in_scope(doc: PageDocument) -> list[HtmlElement]:
    """Rendered iframes and frames not hidden from assistive technologies."""
    frames = []
    for el in doc.root.iter("iframe", "frame"):
        if out_of_scope(el) or (el.get("aria-hidden") or "").strip().lower() == "true":
            continue
        frames.append(el)
    return frames


def generic_title(title: str) -> bool:
    """True when a frame title only names the container ('iframe', 'sans titre'…)."""
    words = _comparable(title)
    return words in GENERIC_TITLES or bool(re.fullmatch(r"(i?frame|cadre)[\s_-]*\d*", words))


@check("frame-title-present")
def frame_title_present(doc: PageDocument, ctx: CheckContext) -> None:
    """2.1.1: each frame has a title attribute."""
    frames = frames_in_scope(doc)
    if not frames:
        ctx.inapplicable("2.1.1")
        return
    missing = [f for f in frames if f.get("title") is None]
    for frame in missing:
        ctx.fail("2.1.1", frame, "missing", src=_short(frame.get("src") or ""))
    if not missing:
        ctx.passed("2.1.1")


@check("frame-title-relevant")
def frame_title_relevant(doc: PageDocument, ctx: CheckContext) -> None:
    """2.2.1: empty or generic titles fail; other titles are listed for a human to judge."""
    frames = [f for f in frames_in_scope(doc) if f.get("title") is not None]
    if not frames:
        ctx.inapplicable("2.2.1")
        return
    seen: dict[str, HtmlElement] = {}
    for frame in frames:
        title = normalise_space(frame.get("title"))
        if not title:
            ctx.fail("2.2.1", frame, "empty")
        elif generic_title(title):
            ctx.fail("2.2.1", frame, "generic", title=_short(title))
        elif _comparable(title) in VAGUE_TITLES:
            ctx.verify("2.2.1", frame, "vague", title=_short(title))
        elif title.casefold() in seen and _target(seen[title.casefold()]) != _target(frame):
            ctx.verify("2.2.1", frame, "duplicate", title=_short(title))
        else:
            ctx.verify("2.2.1", frame, "relevant", title=_short(title),
                       src=_short(frame.get("src") or ""))
        seen.setdefault(title.casefold(), frame)


def _comparable(text: str) -> str:
    return normalise_space(re.sub(r"[^\w\s]", " ", text.casefold()))


def _target(frame: HtmlElement) -> str:
    return frame.get("src") or frame.get("srcdoc") or ""


def _short(text: str, limit: int = 80) -> str:
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
