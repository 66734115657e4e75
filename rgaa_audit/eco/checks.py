"""Sobriety checks of one page: pure functions of its network entries and rendered DOM.

Metadata (titles, RGESN ids, thresholds, messages) is in criteria/eco/checks.toml.
Network checks are inapplicable when capture recorded no request; DOM checks when it
recorded no DOM. Header-based checks say cant-tell when no response header was captured.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

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
