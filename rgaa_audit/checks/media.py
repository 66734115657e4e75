"""Own checks for time-based and non-time-based media (RGAA theme 4).

Media are <video>, <audio>, <bgsound>, <object>/<embed> of audio, video or plug-in content,
and frames of known video and audio players. A page without any of them has nothing theme 4
covers (except sound started by a script, 4.10.1, which markup cannot rule out).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded

MAX_FINDINGS = 10
TEMPORAL_TESTS = ("4.1.1", "4.1.2", "4.1.3", "4.2.1", "4.2.2", "4.2.3", "4.3.1", "4.3.2",
                  "4.4.1", "4.5.1", "4.5.2", "4.6.1", "4.6.2", "4.7.1", "4.11.1", "4.11.2",
                  "4.11.3")
NON_TEMPORAL_TESTS = ("4.8.1", "4.8.2", "4.9.1", "4.12.1", "4.12.2")
SHARED_TESTS = ("4.13.1", "4.13.2")
_PLAYERS = re.compile(
    r"(youtube(-nocookie)?\.com/(embed|v)/|player\.vimeo\.com|dailymotion\.com/(embed|video)|"
    r"geo\.dailymotion\.com|soundcloud\.com/player|open\.spotify\.com/embed|"
    r"ausha\.co|acast\.com|podcasts?\.|/videos/embed/|arte\.tv/.*/embed|"
    r"francetv|ina\.fr/.*(embed|player)|webtv|kaltura|brightcove|jwplayer|wistia)",
    re.IGNORECASE)
_MEDIA_FILE = re.compile(r"\.(mp4|webm|ogv|ogg|mov|avi|mp3|wav|m4a|aac|flac|m3u8)(\?|#|$)",
                         re.IGNORECASE)
_PLUGIN = re.compile(r"(shockwave|flash|\.swf(\?|#|$)|java|silverlight)", re.IGNORECASE)
_CAPTION_WORDS = re.compile(r"sourds|malentendants|\bSME\b|\bSDH\b|caption|\bCC\b",
                            re.IGNORECASE)
_FOCUSABLE = ("a[href], button, input, select, textarea, [tabindex], [role=button], [role=slider], "
              "[onclick]")


def _source(el: HtmlElement) -> str:
    return el.get("src") or el.get("data") or el.get("movie") or ""


def _kind(el: HtmlElement) -> str | None:
    """'temporal', 'non-temporal' or None for an element that is not a media."""
    tag = el.tag
    if tag in ("video", "audio", "bgsound"):
        return "temporal"
    if tag in ("iframe", "frame"):
        return "temporal" if _PLAYERS.search(el.get("src") or "") else None
    if tag in ("object", "embed"):
        kind = (el.get("type") or "").lower()
        if kind.startswith("image/") or (tag == "object" and el.getparent() is not None
                                         and el.getparent().tag == "object"):
            return None
        if kind.startswith(("video/", "audio/")) or _MEDIA_FILE.search(_source(el)):
            return "temporal"
        if kind.startswith("text/html") or (_source(el).endswith((".html", ".htm"))):
            return None
        return "non-temporal"
    if tag == "applet":
        return "non-temporal"
    return None


def find_media(doc: PageDocument) -> dict[str, list[HtmlElement]]:
    found: dict[str, list[HtmlElement]] = {"temporal": [], "non-temporal": []}
    for el in doc.select("//body//*[self::video or self::audio or self::bgsound or self::iframe"
                         " or self::frame or self::object or self::embed or self::applet]"):
        kind = _kind(el)
        if kind is not None:
            found[kind].append(el)
    return found


def _background_video(el: HtmlElement) -> bool:
    """A muted, looping video that plays by itself without controls: likely decorative."""
    return (el.tag == "video" and el.get("autoplay") is not None and el.get("muted") is not None
            and el.get("loop") is not None and el.get("controls") is None)


def _surrounding_text(doc: PageDocument, el: HtmlElement) -> str:
    """Text next to the media: its neighbours, then its parent and grandparent (the media's
    own content aside)."""
    for sibling in (el.getprevious(), el.getnext()):
        if sibling is not None and isinstance(sibling.tag, str) and doc.text(sibling):
            return doc.text(sibling)
    if normalise_space(el.tail):
        return normalise_space(el.tail)
    for container in list(el.iterancestors())[:2]:
        if container.tag == "body":
            break
        parts = []
        for node in container.iter():
            if node is el or any(a is el for a in node.iterancestors()):
                continue
            if isinstance(node.tag, str) and node.tag in ("script", "style", "template"):
                continue
            if node.text and node is not el:
                parts.append(node.text)
            if node.tail and node is not container:
                parts.append(node.tail)
        text = normalise_space(" ".join(parts))
        if text:
            return text
    return ""


def _nearby_controls(doc: PageDocument, el: HtmlElement) -> bool:
    for container in list(el.iterancestors())[:2]:
        if container.tag == "body":
            break
        if any(c is not el and not any(a is el for a in c.iterancestors())
               for c in container.cssselect(_FOCUSABLE)):
            return True
    return False


@check("media-inventory")
def media_inventory(doc: PageDocument, ctx: CheckContext) -> None:
    """Theme 4: no media at all proves the theme not applicable; each media is listed for
    the judgements only a human can make; provable defects fail."""
    media = find_media(doc)
    temporal, others = media["temporal"], media["non-temporal"]
    if not temporal:
        for test in TEMPORAL_TESTS:
            ctx.inapplicable(test)
    if not others:
        for test in NON_TEMPORAL_TESTS:
            ctx.inapplicable(test)
    if not temporal and not others:
        for test in SHARED_TESTS:
            ctx.inapplicable(test)
        return
    for el in temporal[:MAX_FINDINGS]:
        _temporal(doc, ctx, el)
    for el in others[:MAX_FINDINGS]:
        _plugin(ctx, el)
    if temporal and not any(el.tag in ("video", "object", "embed") or el.tag == "iframe"
                            for el in temporal):
        for test in ("4.1.2", "4.1.3", "4.2.2", "4.2.3", "4.3.1", "4.3.2", "4.4.1", "4.5.1",
                     "4.5.2", "4.6.1", "4.6.2"):
            ctx.inapplicable(test)  # sound only: nothing to see, caption or describe


def _temporal(doc: PageDocument, ctx: CheckContext, el: HtmlElement) -> None:
    name = bounded(_source(el) or el.get("title") or el.tag, 80)
    if _background_video(el):
        ctx.verify("4.7.1", el, "decorative", src=name)
        return
    audio_only = el.tag in ("audio", "bgsound")
    ctx.verify("4.1.1" if audio_only else "4.1.3", el, "transcript", src=name)
    text = _surrounding_text(doc, el)
    if text:
        ctx.verify("4.7.1", el, "identify", text=bounded(text, 100))
    else:
        ctx.fail("4.7.1", el, "unidentified", src=name)
    if el.tag in ("video", "audio"):
        _tracks(ctx, el)
        if el.get("controls") is None and el.tag == "video" and not _nearby_controls(doc, el):
            ctx.fail("4.11.1", el, "no-controls", src=name)
        if el.get("controls") is None:
            _custom_controls(doc, ctx, el)
        if el.get("autoplay") is not None and el.get("muted") is None:
            ctx.verify("4.10.1", el, "autoplay", src=name)
    elif el.tag == "bgsound":
        ctx.fail("4.10.1", el, "bgsound")
    else:
        ctx.verify("4.11.1", el, "player", src=name)


def _custom_controls(doc: PageDocument, ctx: CheckContext, el: HtmlElement) -> None:
    """4.11.2 / 4.11.3: custom play/pause controls next to the media that only a mouse can
    use (a click handler on an element that cannot take keyboard focus)."""
    container = el.getparent()
    if container is None or container.tag == "body":
        return
    for control in container.iterdescendants():
        if not isinstance(control.tag, str) or control is el or control.get("onclick") is None:
            continue
        if control.tag in ("button", "input", "select", "textarea") or (
                control.tag == "a" and control.get("href") is not None):
            continue
        tabindex = (control.get("tabindex") or "").strip()
        if tabindex.lstrip("-").isdigit() and int(tabindex) >= 0:
            continue
        label = bounded(normalise_space(control.get("aria-label") or control.get("title")
                                        or doc.text(control)) or control.tag, 60)
        ctx.fail("4.11.2", control, "control-unreachable", control=label)
        ctx.fail("4.11.3", control, "control-not-activable", control=label)


def _tracks(ctx: CheckContext, el: HtmlElement) -> None:
    for track in el.iter("track"):
        kind = (track.get("kind") or "subtitles").lower()
        if kind != "subtitles":
            continue
        label = normalise_space(track.get("label"))
        if _CAPTION_WORDS.search(label):
            ctx.fail("4.3.2", track, "captions-as-subtitles", label=bounded(label, 60))
        else:
            ctx.verify("4.3.2", track, "subtitles-kind", label=bounded(label or "?", 60))


def _plugin(ctx: CheckContext, el: HtmlElement) -> None:
    source = bounded(_source(el) or el.get("type") or el.tag, 80)
    if _PLUGIN.search((el.get("type") or "") + " " + _source(el)) or el.tag == "applet":
        ctx.fail("4.13.1", el, "plugin", src=source)
    else:
        ctx.verify("4.8.1", el, "alternative", src=source)
