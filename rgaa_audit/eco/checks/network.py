"""Sobriety checks on how the page's resources travel: compression, caching, protocol,
redirects, errors, cookies sent with static files, minified code.

Header-based checks say cant-tell when no response header was captured.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.checks.common import (
    NO_NETWORK,
    about,
    kb,
    succeeded,
    verdict_of,
)
from rgaa_audit.eco.registry import Verdict, eco_check
from rgaa_audit.eco.resources import (
    is_http1,
    is_third_party,
    mime_of,
    protocol_label,
    type_group,
)
from rgaa_audit.model import Outcome
from rgaa_audit.snapshot import NetworkEntry

_TEXT_GROUPS = {"html", "css", "js"}
_TEXT_MIMES = {"application/json", "application/ld+json", "application/manifest+json",
               "application/xml", "image/svg+xml", "application/rss+xml",
               "application/atom+xml"}
_STATIC_GROUPS = {"css", "js", "image", "font"}
_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-)?max-age\s*=\s*\"?(\d+)")


def _entries(doc: PageDocument, limits: Mapping[str, Any]) -> tuple[NetworkEntry, ...]:
    """The page's requests, only those to the site itself when the check says so."""
    entries = doc.snapshot.network
    if limits.get("first_party_only"):
        entries = tuple(e for e in entries if not is_third_party(e.url, doc.url))
    return entries


def _body_bytes(entry: NetworkEntry) -> int:
    return entry.decoded_bytes or entry.transfer_bytes


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


@eco_check("text-compression")
def text_compression(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """HTML, CSS, JS, JSON, SVG above a size arrive with a Content-Encoding."""
    candidates = [e for e in _entries(doc, limits) if succeeded(e) and not e.from_cache
                  and _is_text(e) and _body_bytes(e) > limits["min_bytes"]]
    known = [e for e in candidates if e.headers]
    if not candidates:
        return Verdict(Outcome.INAPPLICABLE)
    if not known:
        return Verdict(Outcome.CANT_TELL)
    return verdict_of(
        about(e, f"{mime_of(e) or type_group(e)}, {kb(_body_bytes(e))}") for e in known
        if e.headers.get("content-encoding", "identity").strip().lower() in ("", "identity"))


@eco_check("static-cache")
def static_cache(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """CSS, JS, images and fonts carry max-age, Expires, ETag or Last-Modified (not no-store)."""
    candidates = [e for e in _entries(doc, limits) if succeeded(e)
                  and type_group(e) in _STATIC_GROUPS]
    known = [e for e in candidates if e.headers]
    if not candidates:
        return Verdict(Outcome.INAPPLICABLE)
    if not known:
        return Verdict(Outcome.CANT_TELL)
    return verdict_of(
        about(e, f"{type_group(e)}, cache-control: {e.headers.get('cache-control', '-')}")
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
    return verdict_of(about(e, protocol_label(e.protocol)) for e in known if is_http1(e.protocol))


@eco_check("redirects")
def redirects(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No response is a redirect (3xx other than 304)."""
    if not doc.snapshot.network:
        return NO_NETWORK
    return verdict_of(
        about(e, f"HTTP {e.status} → {e.headers.get('location', '?')}")
        for e in doc.snapshot.network
        if e.status is not None and 300 <= e.status < 400 and e.status != 304)


@eco_check("http-errors")
def http_errors(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """No response has a 4xx or 5xx status."""
    if not doc.snapshot.network:
        return NO_NETWORK
    return verdict_of(about(e, f"HTTP {e.status}, {type_group(e)}")
                    for e in doc.snapshot.network if e.status is not None and e.status >= 400)


@eco_check("cookies-on-static")
def cookies_on_static(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The site's CSS, JS, images and fonts are requested without a Cookie header."""
    statics = [e for e in _entries(doc, limits) if type_group(e) in _STATIC_GROUPS]
    if not statics:
        return Verdict(Outcome.INAPPLICABLE)
    return verdict_of(about(e, f"{type_group(e)}, Cookie") for e in statics if e.sends_cookie)


@eco_check("unminified-code")
def unminified_code(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """The site's CSS and JS above `min_bytes` have at most `max_slack` of comments and
    redundant white space (measured by capture on bodies it could read)."""
    code = [e for e in _entries(doc, limits) if type_group(e) in ("css", "js")
            and succeeded(e) and _body_bytes(e) > limits["min_bytes"]]
    if not code:
        return Verdict(Outcome.INAPPLICABLE)
    measured = [e for e in code if e.slack is not None]
    if not measured:
        return Verdict(Outcome.CANT_TELL)
    return verdict_of(about(e, f"{type_group(e)}, {kb(_body_bytes(e))}, "
                              f"{round((e.slack or 0) * 100)} %")
                    for e in measured if (e.slack or 0) > limits["max_slack"])
