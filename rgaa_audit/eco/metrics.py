"""Sobriety figures of one page from its snapshot: totals, per type, per domain, EcoIndex.

Every network entry counts as a request (failed ones too, as in the HAR the EcoIndex
reference reads); sizes are bytes on the wire (`transfer_bytes`) and after decompression
(`decoded_bytes`). The DOM size is the capture's count; for snapshots made from saved HTML
(count 0) it is counted here the same way, leaving out what is inside <svg>.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import lxml.html
from lxml import etree

from rgaa_audit.eco.ecoindex import ecoindex
from rgaa_audit.eco.resources import (
    TYPE_GROUPS,
    host_of,
    is_third_party,
    protocol_label,
    type_group,
)
from rgaa_audit.eco.swd import MODEL_ID, co2_grams
from rgaa_audit.model import TEXT_MAX, EcoMetrics, bounded
from rgaa_audit.snapshot import NetworkEntry, PageSnapshot

MAX_DOMAINS = 100  # per page, heaviest kept: bounds what a hostile page can make us store


def count_dom_elements(html: str) -> int:
    """Elements of an HTML document, not counting the descendants of <svg> (EcoIndex rule)."""
    if not html.strip():
        return 0
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return 0
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        count += 1
        if node.tag.rsplit("}", 1)[-1].lower() != "svg":
            stack.extend(node)
    return count


def dom_elements_of(snapshot: PageSnapshot) -> int:
    """The capture's DOM count, or a count of the saved DOM when capture gave none."""
    if snapshot.dom_elements > 0:
        return snapshot.dom_elements
    return count_dom_elements(snapshot.dom_html)


def _tally(entries: list[NetworkEntry]) -> dict[str, int]:
    return {
        "requests": len(entries),
        "transfer_bytes": sum(max(e.transfer_bytes, 0) for e in entries),
        "decoded_bytes": sum(max(e.decoded_bytes, 0) for e in entries),
    }


def by_type(entries: tuple[NetworkEntry, ...]) -> dict[str, dict[str, int]]:
    """Requests and bytes per type group, in TYPE_GROUPS order, empty groups left out."""
    groups: dict[str, list[NetworkEntry]] = {}
    for entry in entries:
        groups.setdefault(type_group(entry), []).append(entry)
    return {group: _tally(groups[group]) for group in TYPE_GROUPS if group in groups}


def by_domain(entries: tuple[NetworkEntry, ...], page_url: str) -> dict[str, dict[str, Any]]:
    """Requests and bytes per host, heaviest first, each marked first or third party."""
    hosts: dict[str, list[NetworkEntry]] = {}
    for entry in entries:
        hosts.setdefault(bounded(host_of(entry.url), TEXT_MAX) or "(none)", []).append(entry)
    rows = {
        host: {**_tally(group), "third_party": is_third_party(group[0].url, page_url)}
        for host, group in hosts.items()
    }
    heaviest = sorted(rows, key=lambda h: (-rows[h]["transfer_bytes"], h))[:MAX_DOMAINS]
    return {host: {k: v for k, v in rows[host].items() if k != "decoded_bytes"}
            for host in heaviest}


def main_protocol(snapshot: PageSnapshot) -> str:
    """Protocol of the main document's response (the final one after redirects)."""
    documents = [e for e in snapshot.network
                 if e.resource_type == "document" and e.frame_is_main and e.protocol]
    final = [e for e in documents if e.url == snapshot.final_url]
    chosen = (final or documents)
    return protocol_label(chosen[-1].protocol) if chosen else ""


def eco_metrics(snapshot: PageSnapshot) -> EcoMetrics:
    """Every sobriety figure of one page (no checks: see `rgaa_audit.eco.page_eco`)."""
    entries = snapshot.network
    page_url = snapshot.final_url or snapshot.url
    totals = _tally(list(entries))
    dom = dom_elements_of(snapshot)
    third = [e for e in entries if is_third_party(e.url, page_url)]
    first = [e for e in entries if not is_third_party(e.url, page_url)]
    protocols = Counter(protocol_label(e.protocol) or "unknown" for e in entries)
    index = ecoindex(dom, totals["requests"], totals["transfer_bytes"])
    extra: dict[str, Any] = {
        "ecoindex": index.to_dict(),
        "by_domain": by_domain(entries, page_url),
        "first_party": _tally(first),
        "third_party": _tally(third),
        "protocol": main_protocol(snapshot),
        "protocols": dict(sorted(protocols.items())),
        "co2_g": round(co2_grams(totals["transfer_bytes"]), 4),
        "co2_model": MODEL_ID,
    }
    deep = snapshot.collected.get("domElementsDeep")
    if isinstance(deep, int) and deep >= 0:
        extra["dom_elements_deep"] = deep  # open shadow roots and same-origin frames included
    return EcoMetrics(
        requests=totals["requests"],
        transfer_bytes=totals["transfer_bytes"],
        decoded_bytes=totals["decoded_bytes"],
        dom_elements=dom,
        by_type=by_type(entries),
        extra=extra,
    )
