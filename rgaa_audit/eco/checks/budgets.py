"""Sobriety budgets of one page: bytes transferred, number of requests, DOM size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.checks.common import (
    FAILED,
    NO_NETWORK,
    PASSED,
    about,
    kb,
)
from rgaa_audit.eco.metrics import dom_elements_of
from rgaa_audit.eco.registry import Evidence, Verdict, eco_check
from rgaa_audit.eco.resources import (
    type_group,
)
from rgaa_audit.model import Outcome


@eco_check("page-weight")
def page_weight(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Bytes transferred stay within `max_transfer_bytes`; evidence: the heaviest resources."""
    entries = doc.snapshot.network
    if not entries:
        return NO_NETWORK
    total = sum(max(e.transfer_bytes, 0) for e in entries)
    limit = limits["max_transfer_bytes"]
    values = {"actual_kb": round(total / 1000), "limit_kb": round(limit / 1000)}
    if total <= limit:
        return Verdict(PASSED, (), values)
    heaviest = sorted(entries, key=lambda e: -e.transfer_bytes)[:10]
    return Verdict(FAILED, tuple(about(e, f"{type_group(e)}, {kb(e.transfer_bytes)}")
                                 for e in heaviest), values)


@eco_check("request-count")
def request_count(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Requests stay within `max_requests`; evidence: requests per type."""
    entries = doc.snapshot.network
    if not entries:
        return NO_NETWORK
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
