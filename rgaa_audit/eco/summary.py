"""Site-wide sobriety summary from the per-page eco dicts of report.json.

Input: the report's pages (each with "url" and "eco") or bare eco dicts (optionally with
"url"). Pages without eco figures (not audited) are counted apart and never averaged in.
Medians rather than means: one huge page should not move the site's figure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from statistics import median
from typing import Any

from rgaa_audit.eco.budgets import EcoBudget, breaches
from rgaa_audit.eco.ecoindex import GRADES, grade_of, round_half_up
from rgaa_audit.eco.resources import registrable_domain
from rgaa_audit.model import URL_MAX, bounded

MAX_THIRD_PARTIES = 50


def _split(item: Mapping[str, Any]) -> tuple[str, Mapping[str, Any] | None]:
    """(url, eco dict) of a report page or of a bare eco dict."""
    if "eco" in item:
        return str(item.get("final_url") or item.get("url") or ""), item.get("eco")
    return str(item.get("url") or ""), item


def _median(values: list[float]) -> float | None:
    return round(float(median(values)), 2) if values else None


def _score(eco: Mapping[str, Any]) -> int | None:
    score = (eco.get("ecoindex") or {}).get("score")
    return score if isinstance(score, int | float) else None


def _third_parties(ecos: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Third-party registrable domains, heaviest first, with how many pages call them."""
    rows: dict[str, dict[str, Any]] = {}
    for eco in ecos:
        seen_here: set[str] = set()
        for host, row in (eco.get("by_domain") or {}).items():
            if not row.get("third_party"):
                continue
            domain = registrable_domain(str(host))
            entry = rows.setdefault(domain, {"domain": bounded(domain), "requests": 0,
                                             "transfer_bytes": 0, "pages": 0})
            entry["requests"] += int(row.get("requests", 0))
            entry["transfer_bytes"] += int(row.get("transfer_bytes", 0))
            if domain not in seen_here:
                entry["pages"] += 1
                seen_here.add(domain)
    ranked = sorted(rows.values(), key=lambda r: (-r["transfer_bytes"], r["domain"]))
    return ranked[:MAX_THIRD_PARTIES]


def _checks(ecos: list[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Per sobriety check: on how many pages each outcome came out."""
    counts: dict[str, Counter[str]] = {}
    for eco in ecos:
        for result in eco.get("checks") or []:
            counts.setdefault(str(result.get("id")), Counter())[str(result.get("outcome"))] += 1
    return {check: dict(sorted(c.items())) for check, c in counts.items()}


def eco_summary(pages: Iterable[Mapping[str, Any]], budget: EcoBudget | None = None,
                top: int = 5) -> dict[str, Any]:
    """Totals, medians, heaviest pages, third parties, budget breaches, check outcomes."""
    budget = budget or EcoBudget.default()
    measured: list[tuple[str, Mapping[str, Any]]] = []
    without = 0
    for item in pages:
        url, eco = _split(item)
        if eco:
            measured.append((url, eco))
        else:
            without += 1
    ecos = [eco for _, eco in measured]
    scores = [s for s in (_score(e) for e in ecos) if s is not None]
    median_score = _median(scores)
    grades = Counter((e.get("ecoindex") or {}).get("grade") for e in ecos)
    over = [(url, breaches(eco, budget)) for url, eco in measured]
    breach_counts = Counter(b.metric for _, found in over for b in found)
    heaviest = sorted(measured, key=lambda m: -int(m[1].get("transfer_bytes", 0)))[:top]
    return {
        "pages": len(measured),
        "pages_without_eco": without,
        "totals": {key: sum(int(e.get(key, 0)) for e in ecos)
                   for key in ("requests", "transfer_bytes", "decoded_bytes")},
        "medians": {
            "transfer_bytes": _median([e.get("transfer_bytes", 0) for e in ecos]),
            "requests": _median([e.get("requests", 0) for e in ecos]),
            "dom_elements": _median([e.get("dom_elements", 0) for e in ecos]),
            "ecoindex": median_score,
        },
        "ecoindex_grade_of_median": grade_of(round_half_up(median_score))
        if median_score is not None else None,
        "grades": {g: grades[g] for g in GRADES if grades[g]},
        "heaviest": [
            {"url": bounded(url, URL_MAX), "transfer_bytes": int(eco.get("transfer_bytes", 0)),
             "requests": int(eco.get("requests", 0)), "ecoindex": _score(eco)}
            for url, eco in heaviest
        ],
        "third_parties": _third_parties(ecos),
        "budget": {
            **budget.to_dict(),
            "pages_over": sum(1 for _, found in over if found),
            "breaches": dict(sorted(breach_counts.items())),
        },
        "checks": _checks(ecos),
    }
