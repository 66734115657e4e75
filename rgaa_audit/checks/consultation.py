"""Own checks for consultation (RGAA theme 13): refresh and redirects, pop-ups, motion."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import CheckContext, check

TWENTY_HOURS = 20 * 3600
_REFRESH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$", re.IGNORECASE)
_SCRIPT_REDIRECT = re.compile(
    r"set(?:Timeout|Interval)\s*\([\s\S]{0,300}?(?:location(?:\.href)?\s*=[^=]|"
    r"location\.(?:replace|assign)\s*\()")


@check("refresh-redirect")
def refresh_redirect(doc: PageDocument, ctx: CheckContext) -> None:
    """13.1.1 to 13.1.3: no timed meta refresh, immediate meta redirects, script ones flagged."""
    metas = [m for m in doc.select("//meta[@http-equiv]")
             if (m.get("http-equiv") or "").strip().lower() == "refresh" and not _inert(m)]
    redirects = refreshes = 0
    for meta in metas:
        found = _REFRESH.match(meta.get("content") or "")
        if found is None:
            continue
        delay, url = float(found.group(1)), (found.group(2) or "").strip(" '\"")
        # A redirect leads to another page (glossary); a target that is this page reloads it.
        if url and not _same_page(doc, url):
            redirects += 1
            if delay > 0:
                ctx.fail("13.1.2", meta, "delayed-redirect", delay=int(delay))
        elif 0 < delay < TWENTY_HOURS:
            refreshes += 1
            ctx.fail("13.1.1", meta, "timed-refresh", delay=int(delay))
        elif delay < TWENTY_HOURS:
            refreshes += 1  # reloads at once, again and again: nothing certain to say
    if redirects:
        ctx.passed("13.1.2")
    else:
        ctx.inapplicable("13.1.2")
    if not refreshes and not doc.select("//body//object | //body//embed | //body//canvas"):
        ctx.passed("13.1.1")  # a refresh every twenty hours or more is allowed
    for script in doc.select("//script[not(@src)]"):
        if _SCRIPT_REDIRECT.search(script.text or ""):
            ctx.verify("13.1.3", script, "script-redirect")


def _inert(meta: HtmlElement) -> bool:
    """A meta inside <template> (inert content) or <noscript> (text when scripts run, as they
    do in the audit's browser) never refreshes anything."""
    return any(a.tag in ("template", "noscript") for a in meta.iterancestors())


def _same_page(doc: PageDocument, url: str) -> bool:
    """Whether a meta refresh target reloads the page itself (a target with a fragment only
    moves within the page: it is no reload)."""
    if "#" in url:
        return False
    target = urlsplit(doc.absolute(url))
    here = urlsplit(doc.url)
    return (target.scheme, target.netloc.lower(), target.path or "/", target.query) == (
        here.scheme, here.netloc.lower(), here.path or "/", here.query)


_WINDOW_OPEN = re.compile(r"\bwindow\.open\s*\(")


@check("new-window")
def new_window(doc: PageDocument, ctx: CheckContext) -> None:
    """13.2.1: no window opens on load without a user action."""
    opened = doc.snapshot.collected.get("popups_opened")
    for el in doc.select("//body[@onload] | //*[@onload][self::frameset or self::html]"):
        if _WINDOW_OPEN.search(el.get("onload") or ""):
            ctx.fail("13.2.1", el, "onload-open")
    if isinstance(opened, int) and opened > 0:
        ctx.fail("13.2.1", None, "opened", count=opened)
        return
    inline = [s for s in doc.select("//script[not(@src)]") if _WINDOW_OPEN.search(s.text or "")]
    for script in inline[:5]:
        ctx.verify("13.2.1", script, "script-open")
    has_script = bool(doc.select("//script")) or any(
        name.startswith("on") for el in doc.root.iter() if isinstance(el.tag, str)
        for name in el.attrib)
    if opened == 0 or not has_script:
        ctx.passed("13.2.1")


_ANIMATED_IMAGE = re.compile(r"\.(gif|apng)(\?|#|$)", re.IGNORECASE)
_CAROUSEL = re.compile(r"(^|[\s_-])(carousel|slider|slideshow|swiper|slick|splide|ticker|"
                       r"marquee)([\s_-]|$)", re.IGNORECASE)
_AUTOPLAY_ATTR = ("data-autoplay", "data-ride", "data-bs-ride", "data-interval",
                  "data-swiper-autoplay")
_BLINK_STYLE = re.compile(r"text-decoration[^;]*blink", re.IGNORECASE)
_ANIMATION_STYLE = re.compile(r"animation(-name)?\s*:|@keyframes|transition\s*:", re.IGNORECASE)


_STOP_CONTROL = re.compile(r"\b(arr[êe]t\w*|stop\w*|pause\w*|suspend\w*|figer)\b|\.stop\(\)",
                           re.IGNORECASE)


def _has_motion_control(doc: PageDocument) -> bool:
    """Whether a button or link of the page offers to stop or pause motion."""
    return any(_STOP_CONTROL.search(f"{doc.accessible_name(el)} {el.get('onclick') or ''}")
               for el in doc.css("button, [role=button], input[type=button], a[href]"))


@check("moving-content")
def moving_content(doc: PageDocument, ctx: CheckContext) -> None:
    """13.8.1 and 13.8.2: moving or blinking content started automatically can be stopped."""
    controlled = _has_motion_control(doc)
    for el in [m for m in doc.select("//body//marquee") if not doc.is_hidden(m)][:10]:
        if controlled:  # a control may stop and restart it: a person tries it
            ctx.verify("13.8.1", el, "marquee-control")
        else:
            ctx.fail("13.8.1", el, "marquee")
    for el in doc.select("//body//blink")[:10]:
        ctx.fail("13.8.2", el, "blink")
    for el in doc.select("//body//*[@style]"):
        if _BLINK_STYLE.search(el.get("style") or ""):
            ctx.fail("13.8.2", el, "blink-style")
    for video in doc.select("//body//video[@autoplay]")[:10]:
        if video.get("controls") is None:
            ctx.verify("13.8.1", video, "autoplay-video")
    for img in doc.select("//body//img[@src]")[:200]:
        if _ANIMATED_IMAGE.search(img.get("src") or ""):
            ctx.verify("13.8.1", img, "animated-image")
    carousels = [el for el in doc.select("//body//*[@class]")
                 if _CAROUSEL.search(el.get("class") or "")
                 and (any(el.get(a) is not None for a in _AUTOPLAY_ATTR) or "autoplay" in (
                     el.get("class") or "").lower())]
    for el in carousels[:5]:
        ctx.verify("13.8.1", el, "carousel")
    # A page with no script, no style at all and none of the elements above cannot move.
    static = not doc.select("//script | //style | //link[contains(@rel, 'stylesheet')] | "
                            "//body//video | //body//canvas | //body//object | //body//embed | "
                            "//body//iframe | //body//svg | //body//marquee | //body//blink | "
                            "//body//img[contains(@src, '.gif') or contains(@src, '.svg') or "
                            "contains(@src, '.webp') or contains(@src, '.png')]") and not any(
        _ANIMATION_STYLE.search(el.get("style") or "") for el in doc.select("//*[@style]"))
    if static:
        ctx.inapplicable("13.8.1")
        ctx.inapplicable("13.8.2")
