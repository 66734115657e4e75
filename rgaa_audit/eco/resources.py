"""Small facts about network entries: type group, host, registrable domain, protocol label.

Third party means "another registrable domain than the page's final URL". The registrable
domain comes from a short list of multi-label public suffixes (criteria/eco/domains.toml)
rather than the full Public Suffix List: good enough for French public portals, wrong for
two owners under a suffix that is not listed (they would count as one party).
"""

from __future__ import annotations

import ipaddress
import tomllib
from functools import cache, lru_cache
from urllib.parse import urlsplit

from rgaa_audit.paths import data_dir
from rgaa_audit.snapshot import NetworkEntry

TYPE_GROUPS = ("html", "css", "js", "image", "font", "media", "xhr", "other")

_BY_RESOURCE_TYPE = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "image": "image",
    "font": "font",
    "media": "media",
    "xhr": "xhr",
    "fetch": "xhr",
    "eventsource": "xhr",
}
_BY_MIME_PREFIX = (
    ("text/html", "html"),
    ("application/xhtml", "html"),
    ("text/css", "css"),
    ("text/javascript", "js"),
    ("application/javascript", "js"),
    ("application/x-javascript", "js"),
    ("image/", "image"),
    ("font/", "font"),
    ("application/font", "font"),
    ("application/x-font", "font"),
    ("video/", "media"),
    ("audio/", "media"),
)


def mime_of(entry: NetworkEntry) -> str:
    """The response's MIME type, lower-cased, parameters removed."""
    mime = entry.mime_type or entry.headers.get("content-type", "")
    return mime.split(";", 1)[0].strip().lower()


def type_group(entry: NetworkEntry) -> str:
    """One of TYPE_GROUPS: the browser's resource type, else a guess from the MIME type."""
    group = _BY_RESOURCE_TYPE.get((entry.resource_type or "").lower())
    if group:
        return group
    mime = mime_of(entry)
    for prefix, by_mime in _BY_MIME_PREFIX:
        if mime.startswith(prefix):
            return by_mime
    return "other"


@lru_cache(maxsize=8192)
def host_of(url: str) -> str:
    """The lower-cased host of a URL, without port ("" when there is none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


@cache
def _suffixes() -> frozenset[str]:
    path = data_dir("criteria") / "eco" / "domains.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(s.lower() for s in data["multi_label_suffixes"])


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The part of a host one owner registers: `www.interieur.gouv.fr` → `interieur.gouv.fr`."""
    host = host.rstrip(".").lower()
    if not host or _is_ip(host) or "." not in host:
        return host
    labels = host.split(".")
    for size in range(len(labels) - 1, 1, -1):
        if ".".join(labels[-size:]) in _suffixes():
            return ".".join(labels[-size - 1:]) if len(labels) > size else host
    return ".".join(labels[-2:])


def is_third_party(url: str, page_url: str) -> bool:
    """True when `url` belongs to another registrable domain than the page."""
    return registrable_domain(host_of(url)) != registrable_domain(host_of(page_url))


def protocol_label(protocol: str) -> str:
    """A readable protocol name: h2 → HTTP/2, h3 → HTTP/3, http/1.1 → HTTP/1.1; "" if unknown."""
    value = (protocol or "").strip().lower()
    if not value:
        return ""
    if value == "h2" or value.startswith("http/2"):
        return "HTTP/2"
    if value.startswith("h3") or value.startswith("http/3") or value == "quic":
        return "HTTP/3"
    if value.startswith("http/1"):
        return value.upper()
    return value


def is_http1(protocol: str) -> bool:
    """True for HTTP/1.0 and HTTP/1.1."""
    return protocol_label(protocol).startswith("HTTP/1")
