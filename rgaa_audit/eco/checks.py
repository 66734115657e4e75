"""Sobriety checks of one page: pure functions of its network entries and rendered DOM.

Metadata (titles, RGESN ids, thresholds, messages) is in criteria/eco/checks.toml.
Network checks are inapplicable when capture recorded no request; DOM checks when it
recorded no DOM. Header-based checks say cant-tell when no response header was captured.
Image and font checks also read the facts collect.js gathers under `collected["eco"]`;
those come from the audited page, so they are validated and bounded here before use.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.metrics import dom_elements_of
from rgaa_audit.eco.registry import Evidence, Verdict, eco_check
from rgaa_audit.eco.resources import (
    host_of,
    is_http1,
    is_third_party,
    mime_of,
    protocol_label,
    type_group,
)
from rgaa_audit.model import Outcome
from rgaa_audit.snapshot import NetworkEntry

PASSED = Outcome.PASSED
FAILED = Outcome.FAILED
_TEXT_GROUPS = {"html", "css", "js"}
_TEXT_MIMES = {"application/json", "application/ld+json", "application/manifest+json",
               "application/xml", "image/svg+xml", "application/rss+xml",
               "application/atom+xml"}
_STATIC_GROUPS = {"css", "js", "image", "font"}
_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-)?max-age\s*=\s*\"?(\d+)")
_PRINT_MEDIA = re.compile(r"@media[^{;]*\bprint\b|@import[^;]*\bprint\b", re.IGNORECASE)
_NO_NETWORK = Verdict(Outcome.INAPPLICABLE)
_MAX_FACTS = 1000  # items read from any list the page's collector returned
_URL_MAX = 2000


# --- helpers --------------------------------------------------------------------------------

def _entries(doc: PageDocument, limits: Mapping[str, Any]) -> tuple[NetworkEntry, ...]:
    """The page's requests, only those to the site itself when the check says so."""
    entries = doc.snapshot.network
    if limits.get("first_party_only"):
        entries = tuple(e for e in entries if not is_third_party(e.url, doc.url))
    return entries


def _succeeded(entry: NetworkEntry) -> bool:
    return not entry.failed and entry.status is not None and 200 <= entry.status < 300


def _body_bytes(entry: NetworkEntry) -> int:
    return entry.decoded_bytes or entry.transfer_bytes


def _wire_bytes(entry: NetworkEntry) -> int:
    return entry.transfer_bytes or entry.decoded_bytes


def _about(entry: NetworkEntry, detail: str) -> Evidence:
    return Evidence(entry.url, detail)


def _element(doc: PageDocument, element: Any) -> Evidence:
    return Evidence(doc.selector(element), doc.snippet(element, 300))


def _has_dom(doc: PageDocument) -> bool:
    return bool(doc.snapshot.dom_html.strip())


def _verdict(failures: Iterable[Evidence], **values: Any) -> Verdict:
    """Failed with the evidence when there is any, else passed."""
    evidence = tuple(failures)
    return Verdict(FAILED if evidence else PASSED, evidence, values)


def _is_text(entry: NetworkEntry) -> bool:
    mime = mime_of(entry)
    return (type_group(entry) in _TEXT_GROUPS or mime.startswith("text/")
            or mime in _TEXT_MIMES)


def _is_cacheable(headers: Mapping[str, str]) -> bool:
    """True when the response lets a browser keep or revalidate it."""
    control = headers.get("cache-control", "").lower()
    if "no-store" in control:
        return False
    ages = [int(a) for a in _MAX_AGE.findall(control)]
    if any(age > 0 for age in ages) or "immutable" in control:
        return True
    return any(headers.get(name) for name in ("expires", "etag", "last-modified"))


def _matches_host(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _kb(size: int) -> str:
    return f"{size / 1000:.1f} kB"


# --- network checks -------------------------------------------------------------------------

@eco_check("text-compression")
def text_compression(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """HTML, CSS, JS, JSON, SVG above a size arrive with a Content-Encoding."""
    candidates = [e for e in _entries(doc, limits) if _succeeded(e) and not e.from_cache
                  and _is_text(e) and _body_bytes(e) > limits["min_bytes"]]
    known = [e for e in candidates if e.headers]
    if not candidates:
        return Verdict(Outcome.INAPPLICABLE)
    if not known:
        return Verdict(Outcome.CANT_TELL)
    return _verdict(
        _about(e, f"{mime_of(e) or type_group(e)}, {_kb(_body_bytes(e))}") for e in known
        if e.headers.get("content-encoding", "identity").strip().lower() in ("", "identity"))


@eco_check("static-cache")
def static_cache(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """CSS, JS, images and fonts carry max-age, Expires, ETag or Last-Modified (not no-store)."""
    candidates = [e for e in _entries(doc, limits) if _succeeded(e)
                  and type_group(e) in _STATIC_GROUPS]
    known = [e for e in candidates if e.headers]
    if not candidates:
        return Verdict(Outcome.INAPPLICABLE)
    if not known:
        return Verdict(Outcome.CANT_TELL)
    return _verdict(
        _about(e, f"{type_group(e)}, cache-control: {e.headers.get('cache-control', '-')}")
        for e in known if not _is_cacheable(e.headers))


@eco_check("http1")
def http1(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The site's own responses use HTTP/2 or HTTP/3."""
    entries = [e for e in _entries(doc, limits) if not e.failed]
    known = [e for e in entries if e.protocol]
    if not entries:
        return Verdict(Outcome.INAPPLICABLE)
    if not known:
        return Verdict(Outcome.CANT_TELL)
    return _verdict(_about(e, protocol_label(e.protocol)) for e in known if is_http1(e.protocol))


@eco_check("too-many-domains")
def too_many_domains(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The page's requests go to at most `max_domains` hosts."""
    hosts = Counter(host_of(e.url) for e in doc.snapshot.network if host_of(e.url))
    if not hosts:
        return _NO_NETWORK
    outcome = FAILED if len(hosts) > limits["max_domains"] else PASSED
    evidence = tuple(Evidence(host, f"{n} request(s)") for host, n in hosts.most_common())
    return Verdict(outcome, evidence if outcome is FAILED else (), {"actual": len(hosts)})


@eco_check("legacy-image-format")
def legacy_image_format(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Images above `min_bytes` are not JPEG, PNG or GIF."""
    images = [e for e in doc.snapshot.network if type_group(e) == "image" and _succeeded(e)]
    if not images:
        return Verdict(Outcome.INAPPLICABLE)
    legacy = set(limits["legacy_types"])
    return _verdict(_about(e, f"{mime_of(e)}, {_kb(_wire_bytes(e))}") for e in images
                    if mime_of(e) in legacy and _wire_bytes(e) > limits["min_bytes"])


@eco_check("redirects")
def redirects(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No response is a redirect (3xx other than 304)."""
    if not doc.snapshot.network:
        return _NO_NETWORK
    return _verdict(
        _about(e, f"HTTP {e.status} → {e.headers.get('location', '?')}")
        for e in doc.snapshot.network
        if e.status is not None and 300 <= e.status < 400 and e.status != 304)


@eco_check("http-errors")
def http_errors(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No response has a 4xx or 5xx status."""
    if not doc.snapshot.network:
        return _NO_NETWORK
    return _verdict(_about(e, f"HTTP {e.status}, {type_group(e)}")
                    for e in doc.snapshot.network if e.status is not None and e.status >= 400)


@eco_check("font-files")
def font_files(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """At most `max_font_files` font files are downloaded."""
    if not doc.snapshot.network:
        return _NO_NETWORK
    fonts = [e for e in doc.snapshot.network if type_group(e) == "font" and not e.failed]
    failed = len(fonts) > limits["max_font_files"]
    evidence = tuple(_about(e, _kb(e.transfer_bytes)) for e in fonts) if failed else ()
    return Verdict(FAILED if failed else PASSED, evidence, {"actual": len(fonts)})


@eco_check("social-widgets")
def social_widgets(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No request goes to a known social-network host."""
    if not doc.snapshot.network:
        return _NO_NETWORK
    hosts = [h.lower() for h in limits["hosts"]]
    return _verdict(_about(e, type_group(e)) for e in doc.snapshot.network
                    if _matches_host(host_of(e.url), hosts))


# --- DOM checks -----------------------------------------------------------------------------

@eco_check("autoplay-media")
def autoplay_media(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No <video> or <audio> has the autoplay attribute."""
    media = doc.select("//video | //audio") if _has_dom(doc) else []
    if not media:
        return Verdict(Outcome.INAPPLICABLE)
    return _verdict(_element(doc, el) for el in media if el.get("autoplay") is not None)


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
    return _verdict(_element(doc, el) for el in empty)


@eco_check("plugins")
def plugins(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No <object>, <embed> or <applet>."""
    if not _has_dom(doc):
        return Verdict(Outcome.INAPPLICABLE)
    return _verdict(_element(doc, el) for el in doc.select("//object | //embed | //applet"))


# --- budgets --------------------------------------------------------------------------------

@eco_check("page-weight")
def page_weight(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Bytes transferred stay within `max_transfer_bytes`; evidence: the heaviest resources."""
    entries = doc.snapshot.network
    if not entries:
        return _NO_NETWORK
    total = sum(max(e.transfer_bytes, 0) for e in entries)
    limit = limits["max_transfer_bytes"]
    values = {"actual_kb": round(total / 1000), "limit_kb": round(limit / 1000)}
    if total <= limit:
        return Verdict(PASSED, (), values)
    heaviest = sorted(entries, key=lambda e: -e.transfer_bytes)[:10]
    return Verdict(FAILED, tuple(_about(e, f"{type_group(e)}, {_kb(e.transfer_bytes)}")
                                 for e in heaviest), values)


@eco_check("request-count")
def request_count(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Requests stay within `max_requests`; evidence: requests per type."""
    entries = doc.snapshot.network
    if not entries:
        return _NO_NETWORK
    limit = limits["max_requests"]
    values = {"actual": len(entries), "limit": limit}
    if len(entries) <= limit:
        return Verdict(PASSED, (), values)
    per_type = Counter(type_group(e) for e in entries)
    return Verdict(FAILED, tuple(Evidence(group, f"{n} request(s)")
                                 for group, n in per_type.most_common()), values)


@eco_check("dom-size")
def dom_size(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The DOM has at most `max_dom_elements` elements (EcoIndex counting)."""
    count = dom_elements_of(doc.snapshot)
    if count == 0:
        return Verdict(Outcome.INAPPLICABLE)
    limit = limits["max_dom_elements"]
    return Verdict(FAILED if count > limit else PASSED, (), {"actual": count, "limit": limit})


# --- browser facts (collect.js) ------------------------------------------------------------

@dataclass(frozen=True)
class ShownImage:
    """One <img> as the browser rendered it; sizes in device pixels."""

    url: str
    natural_width: int
    natural_height: int
    shown_width: int
    shown_height: int
    top: int
    lazy: bool
    visible: bool

    @property
    def ratio(self) -> float:
        """Natural area over shown area (0 when either is unknown)."""
        shown = self.shown_width * self.shown_height
        natural = self.natural_width * self.natural_height
        return natural / shown if shown and natural else 0.0


def _count(value: Any) -> int:
    """A non-negative int from untrusted data (anything else counts as 0)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return 0
    return max(0, min(int(value), 10**9))


def _text(value: Any, limit: int = _URL_MAX) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _eco_facts(doc: PageDocument) -> Mapping[str, Any] | None:
    facts = doc.snapshot.collected.get("eco")
    return facts if isinstance(facts, dict) else None


def _fact_list(facts: Mapping[str, Any], key: str) -> list[Any]:
    items = facts.get(key)
    return list(items[:_MAX_FACTS]) if isinstance(items, list) else []


def shown_images(facts: Mapping[str, Any]) -> list[ShownImage]:
    """The collector's <img> records, validated."""
    images = []
    for item in _fact_list(facts, "images"):
        if not isinstance(item, dict) or not _text(item.get("src")):
            continue
        images.append(ShownImage(
            url=_text(item["src"]), natural_width=_count(item.get("nw")),
            natural_height=_count(item.get("nh")), shown_width=_count(item.get("w")),
            shown_height=_count(item.get("h")), top=_count(item.get("top")),
            lazy=item.get("lazy") is True, visible=item.get("visible") is True))
    return images


def _url_key(url: str) -> str:
    """A URL without its fragment, bounded like network entries."""
    return url.split("#", 1)[0][:_URL_MAX]


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
    found = {_url_key(e.url): e for e in doc.snapshot.network if _succeeded(e)}
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


# --- checks on browser facts ----------------------------------------------------------------

@eco_check("trackers-before-consent")
def trackers_before_consent(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """On arrival, with no interaction: no request to a known tracker, no third-party cookie."""
    if not doc.snapshot.network:
        return _NO_NETWORK
    hosts = [h.lower() for h in limits["hosts"]]
    paths = tuple(p.lower() for p in limits["paths"])
    found = []
    for entry in doc.snapshot.network:
        if not is_third_party(entry.url, doc.url):
            continue
        host = host_of(entry.url)
        path = urlsplit(entry.url).path.lower()
        if _matches_host(host, hosts):
            found.append(_about(entry, f"{type_group(entry)}, {host}"))
        elif path.endswith(paths):
            found.append(_about(entry, f"{type_group(entry)}, {path.rsplit('/', 1)[-1]}"))
        elif entry.sets_cookie:
            found.append(_about(entry, f"{type_group(entry)}, Set-Cookie"))
    return _verdict(found)


@eco_check("cookies-on-static")
def cookies_on_static(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The site's CSS, JS, images and fonts are requested without a Cookie header."""
    statics = [e for e in _entries(doc, limits) if type_group(e) in _STATIC_GROUPS]
    if not statics:
        return Verdict(Outcome.INAPPLICABLE)
    return _verdict(_about(e, f"{type_group(e)}, Cookie") for e in statics if e.sends_cookie)


@eco_check("unminified-code")
def unminified_code(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The site's CSS and JS above `min_bytes` have at most `max_slack` of comments and
    redundant white space (measured by capture on bodies it could read)."""
    code = [e for e in _entries(doc, limits) if type_group(e) in ("css", "js")
            and _succeeded(e) and _body_bytes(e) > limits["min_bytes"]]
    if not code:
        return Verdict(Outcome.INAPPLICABLE)
    measured = [e for e in code if e.slack is not None]
    if not measured:
        return Verdict(Outcome.CANT_TELL)
    return _verdict(_about(e, f"{type_group(e)}, {_kb(_body_bytes(e))}, "
                              f"{round((e.slack or 0) * 100)} %")
                    for e in measured if (e.slack or 0) > limits["max_slack"])


@eco_check("oversized-images")
def oversized_images(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No bitmap above `min_bytes` has more than `max_area_ratio` times the pixels it is
    shown with (shown size times the device pixel ratio)."""
    facts = _eco_facts(doc)
    shown = [i for i in shown_images(facts) if i.visible and i.ratio] if facts else []
    if not shown:
        return Verdict(Outcome.INAPPLICABLE)
    entries = _by_url(doc)
    found = []
    for image in shown:
        entry = entries.get(_url_key(image.url))
        if entry is None or _is_svg(image.url, entry) or image.ratio <= limits["max_area_ratio"]:
            continue
        if _wire_bytes(entry) > limits["min_bytes"]:
            found.append(Evidence(image.url, (
                f"{_size(image.natural_width, image.natural_height)} → "
                f"{_size(image.shown_width, image.shown_height)}, {_kb(_wire_bytes(entry))}")))
    return _verdict(found)


@eco_check("unused-images")
def unused_images(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Every image the page downloads above `min_bytes` is shown: by a rendered <img>, or as
    a CSS image of a rendered element (backgrounds, ::before/::after rules)."""
    images = [e for e in doc.snapshot.network if type_group(e) == "image" and _succeeded(e)
              and e.frame_is_main and _wire_bytes(e) > limits["min_bytes"]]
    if not images:
        return Verdict(Outcome.INAPPLICABLE)
    facts = _eco_facts(doc)
    if facts is None:
        return Verdict(Outcome.CANT_TELL)
    shown = {_url_key(_text(u)) for u in _fact_list(facts, "shownUrls") if _text(u)}
    redirects = _redirects(doc)
    shown |= {redirects[url] for url in shown if url in redirects}
    unreadable = {_text(o).lower() for o in _fact_list(facts, "unreadableCss")}
    unused = [e for e in images if _url_key(e.url) not in shown]
    # images from the origin of a stylesheet capture could not read may be shown by it
    unsure = [e for e in unused if _origin(e.url) in unreadable]
    sure = [e for e in unused if e not in unsure]
    evidence = tuple(_about(e, f"{mime_of(e) or 'image'}, {_kb(_wire_bytes(e))}") for e in sure)
    if evidence and facts.get("complete") is True:
        return Verdict(FAILED, evidence)
    if evidence or unsure:
        return Verdict(Outcome.CANT_TELL, evidence or tuple(
            _about(e, f"{mime_of(e) or 'image'}, {_kb(_wire_bytes(e))}") for e in unsure))
    return Verdict(PASSED)


@eco_check("lazy-images")
def lazy_images(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Images whose top is below the first screen (viewport height × `fold_ratio`) and that
    weigh more than `min_bytes` (or an unknown size) are loaded lazily."""
    facts = _eco_facts(doc)
    images = [i for i in shown_images(facts) if i.visible] if facts else []
    if not images:
        return Verdict(Outcome.INAPPLICABLE)
    viewport = doc.snapshot.collected.get("viewport")
    height = _count(viewport.get("height")) if isinstance(viewport, dict) else 0
    fold = (height or limits["default_viewport_height"]) * limits["fold_ratio"]
    entries = _by_url(doc)
    found = []
    for image in images:
        if image.lazy or image.top < fold:
            continue
        entry = entries.get(_url_key(image.url))
        if entry is None or _wire_bytes(entry) > limits["min_bytes"]:
            found.append(Evidence(image.url, f"top {image.top} px"))
    return _verdict(found, fold=round(fold))


@eco_check("font-budget")
def font_budget(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Web fonts stay within `max_families` families and `max_variants` variants, or else
    weigh at most `max_font_bytes` in all (either condition is enough)."""
    files = [e for e in doc.snapshot.network if type_group(e) == "font" and not e.failed]
    facts = _eco_facts(doc)
    faces = [f for f in _fact_list(facts, "fonts") if isinstance(f, dict)] if facts else []
    if not files and not faces:
        return Verdict(PASSED, (), {"families": 0, "variants": 0, "font_kb": 0,
                                    "max_font_kb": round(limits["max_font_bytes"] / 1000)})
    families = {_text(f.get("family"), 100).strip().lower() for f in faces}
    variants = {(_text(f.get("family"), 100).strip().lower(), _text(f.get("weight"), 20),
                 _text(f.get("style"), 20)) for f in faces}
    weight = sum(_wire_bytes(e) for e in files)
    values = {"families": len(families), "variants": len(variants),
              "font_kb": round(weight / 1000),
              "max_font_kb": round(limits["max_font_bytes"] / 1000)}
    light = weight <= limits["max_font_bytes"]
    if facts is None:
        return Verdict(PASSED if light else Outcome.CANT_TELL, (), values)
    few = len(families) <= limits["max_families"] and len(variants) <= limits["max_variants"]
    if few or light:
        return Verdict(PASSED, (), values)
    heaviest = sorted(files, key=lambda e: -_wire_bytes(e))
    return Verdict(FAILED, tuple(_about(e, _kb(_wire_bytes(e))) for e in heaviest), values)
