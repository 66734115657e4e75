"""The technologies a statement lists: what the stored report shows, then what the config adds.

From report.json only: HTML for any audited page; CSS, JavaScript, web fonts, audio/video from
the resource types the network capture counted (`pages[].eco.by_type`); SVG from image
addresses or snippets; WAI-ARIA from the snippets of the elements the checks listed; PDF and
office documents from the downloadable documents the crawl found (`site.documents`) or linked.
A technology is listed once (case-insensitive), the config's after the detected ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_ARIA = re.compile(r"\s(aria-[a-z]+|role)\s*=", re.IGNORECASE)
_SVG = re.compile(r"<svg[\s>]|\.svg(?:[?#\"'\s]|$)", re.IGNORECASE)
_DOCUMENTS = (
    ("PDF", re.compile(r"\.pdf(?:[?#]|$)", re.IGNORECASE)),
    ("OpenDocument", re.compile(r"\.od[tsp](?:[?#]|$)", re.IGNORECASE)),
    ("Microsoft Office", re.compile(r"\.(?:docx?|xlsx?|pptx?)(?:[?#]|$)", re.IGNORECASE)),
)
_BY_TYPE = (("css", "CSS"), ("js", "JavaScript"), ("font", "web-fonts"), ("media", "media"))
SNIPPETS_READ = 20_000  # bound the work on untrusted content


def _items(page: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for cell in (page.get("criteria") or {}).values():
        if isinstance(cell, dict):
            yield from cell.get("findings") or []
            yield from cell.get("to_verify") or []


def _targets(page: dict[str, Any]) -> Iterator[str]:
    for check in ((page.get("eco") or {}).get("checks") or []):
        for evidence in check.get("evidence") or []:
            yield str(evidence.get("target", ""))


def detect(report: dict[str, Any]) -> tuple[str, ...]:
    """Technology keys seen in the report, in a fixed order: html, css, javascript, svg,
    aria, web-fonts, media, then document formats (named as they are)."""
    pages = [p for p in report.get("pages") or [] if p.get("status") == "audited"]
    seen: set[str] = set()
    if pages:
        seen.add("HTML")
    snippets = 0
    for page in pages:
        for kind, name in _BY_TYPE:
            if ((page.get("eco") or {}).get("by_type") or {}).get(kind, {}).get("requests"):
                seen.add(name)
        for item in _items(page):
            if snippets > SNIPPETS_READ:
                break
            snippets += 1
            snippet = str(item.get("snippet", ""))[:2000]
            if _ARIA.search(snippet):
                seen.add("WAI-ARIA")
            if _SVG.search(snippet):
                seen.add("SVG")
        if any(_SVG.search(t) for t in _targets(page)):
            seen.add("SVG")
    documents = [str(d) for d in ((report.get("site") or {}).get("documents") or [])][:5000]
    for name, pattern in _DOCUMENTS:
        if any(pattern.search(d) for d in documents):
            seen.add(name)
    order = ("HTML", "CSS", "JavaScript", "SVG", "WAI-ARIA", "web-fonts", "media",
             "PDF", "OpenDocument", "Microsoft Office")
    return tuple(t for t in order if t in seen)


def merged(detected: Iterable[str], configured: Iterable[str]) -> tuple[str, ...]:
    """Detected first, then configured, each once (case-insensitive)."""
    result: list[str] = []
    for name in [*detected, *configured]:
        if name.lower() not in {r.lower() for r in result}:
            result.append(name)
    return tuple(result)
