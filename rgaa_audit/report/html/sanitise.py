"""Untrusted values of the result document made safe to show: cleaned, cut to bounds, checked.

Every string that comes from the audited site (titles, URLs, messages, selectors, snippets)
goes through `cut` or `shown_url`; links go through `safe_href`, which keeps only plain
http(s) URLs. The `as_*` readers turn a value of the wrong type into "absent" instead of
failing, so a partial or hostile document still renders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

STATUSES = ("C", "NC", "NA", "NT")
TITLE_MAX = 300
URL_SHOWN_MAX = 160
URL_MAX = 2000
SNIPPET_MAX = 500
MESSAGE_MAX = 1000
SELECTOR_MAX = 300
SHORT_MAX = 120
LISTED_MAX = 100
CRITERION_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HREF_NOISE = re.compile(r"[\x00-\x20\x7f]")
_HTTP = re.compile(r"^https?://[^/\s]", re.IGNORECASE)


def cut(value: Any, limit: int = TITLE_MAX) -> str:
    """Any value as text without control characters, cut to `limit` characters."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_url(url: Any) -> str:
    """A URL for display: cut in the middle when long, so host and end stay readable."""
    text = cut(url, 10 * URL_MAX)
    if len(text) <= URL_SHOWN_MAX:
        return text
    half = URL_SHOWN_MAX // 2
    return text[:half] + "…" + text[-(half - 1) :]


def safe_href(url: Any) -> str | None:
    """The URL if it is a plain http(s) link, else None (never `javascript:` or `data:`)."""
    if not isinstance(url, str):
        return None
    cleaned = _HREF_NOISE.sub("", url)  # browsers ignore these inside a scheme
    if len(cleaned) > URL_MAX or not _HTTP.match(cleaned):
        return None
    return cleaned


def as_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def as_count(value: Any) -> int | None:
    number = as_number(value)
    return None if number is None or number < 0 else int(number)


def clamp_rate(rate: float | None) -> float | None:
    return None if rate is None else max(0.0, min(100.0, rate))


def as_mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def as_records(value: Any) -> list[Mapping[str, Any]]:
    """The mappings of a list (anything else dropped); [] when it is not a list."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def as_status(value: Any) -> str | None:
    return value if value in STATUSES else None


def page_records(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    pages = report.get("pages")
    return [p for p in pages if isinstance(p, Mapping)] if isinstance(pages, list) else []
