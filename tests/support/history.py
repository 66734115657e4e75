"""Report documents made to measure for the history tests and bench/history_cost.py.

`make_report` writes a report.json in the shape the pipeline stores (schema rgaa-audit/report/1):
`pages` pages, every criterion of the referential on each, the site statuses and rates derived
from the `nc` / `c` sets given, one failure per NC criterion per page (fingerprints stable
across calls, so two reports of one site share the findings they have in common).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rgaa_audit.referential import load_referential


def criterion_ids() -> list[str]:
    return list(load_referential().criteria)


def make_report(folder: Path, *, site: str = "https://www.example-commune.fr",
                started_at: str = "2026-01-05T09:00:00+00:00", pages: int = 3,
                nc: frozenset[str] | set[str] = frozenset({"1.1", "3.2"}),
                c: frozenset[str] | set[str] = frozenset({"8.5", "6.2"}),
                manual: frozenset[str] | set[str] = frozenset(),
                ecoindex: float | None = 80.0, skipped: int = 0,
                extra_findings: int = 0) -> Path:
    """Write folder/report.json as described above; its path."""
    ids = criterion_ids()
    page_docs: list[dict[str, Any]] = []
    for n in range(pages):
        url = f"{site}/" if n == 0 else f"{site}/page-{n}.html"
        criteria: dict[str, Any] = {}
        for cid in ids:
            status = "NC" if cid in nc else "C" if cid in c else "NT"
            findings = []
            if status == "NC":
                findings = [{"test": f"{cid}.1", "selector": f"#main > p:nth-of-type({k + 1})",
                             "snippet": "<p>…</p>", "message": "Défaut.",
                             "source": "rgaa-audit:made-up", "kind": "failure"}
                            for k in range(1 + extra_findings)]
            verdict: dict[str, Any] = {"status": status, "tests": {f"{cid}.1": status},
                                       "findings": findings, "to_verify": []}
            if cid in manual:
                verdict.update(source="manual", decided_by="Auditrice")
            criteria[cid] = verdict
        decided = sum(1 for v in criteria.values() if v["status"] in ("C", "NC"))
        good = sum(1 for v in criteria.values() if v["status"] == "C")
        page_docs.append({
            "url": url, "final_url": url, "status": "audited", "http_status": 200, "error": None,
            "title": f"Page {n}", "rate": round(100 * good / decided, 2) if decided else None,
            "criteria": criteria,
            "eco": {"requests": 5, "transfer_bytes": 10000 + n, "decoded_bytes": 20000,
                    "dom_elements": 80,
                    "ecoindex": ({"score": ecoindex, "grade": "B"} if ecoindex is not None
                                 else None)}})
    for n in range(skipped):
        page_docs.append({"url": f"{site}/skipped-{n}.pdf", "final_url": None,
                          "status": "skipped", "http_status": None, "error": None,
                          "title": None, "rate": None, "criteria": {}, "eco": None})
    statuses = {cid: ("NC" if cid in nc else "C" if cid in c else "NT") for cid in ids}
    counts = {s: sum(1 for v in statuses.values() if v == s) for s in ("C", "NC", "NA", "NT")}
    decided = counts["C"] + counts["NC"]
    rates = [p["rate"] for p in page_docs if p["rate"] is not None]
    report = {
        "schema": "rgaa-audit/report/1",
        "tool": {"name": "rgaa-audit", "version": "0.1.0", "axe_core": "4.12.1",
                 "browser": "Chromium 156", "python": "3.11"},
        "rgaa_version": "4.1.2", "lang": "fr",
        "site": {"start_url": f"{site}/", "started_at": started_at,
                 "finished_at": started_at, "settings": {"max_pages": pages,
                                                         "extra_headers": {"Cookie": "secret"}},
                 "out_of_scope": [], "documents": [], "not_audited": []},
        "pages": page_docs,
        "summary": {
            "pages_audited": pages, "pages_failed": 0, "pages_skipped": skipped,
            "global_rate": round(100 * counts["C"] / decided, 2) if decided else None,
            "average_rate": round(sum(rates) / len(rates), 2) if rates else None,
            "conformance": "non conforme", "provisional": True, "criteria": statuses,
            "counts": counts, "decided_criteria": decided + counts["NA"],
            "untested_criteria": counts["NT"],
            "eco": {"pages": pages, "medians": {"ecoindex": ecoindex, "transfer_bytes": 10000.0,
                                                "requests": 5.0, "dom_elements": 80.0},
                    "ecoindex_grade_of_median": "B" if ecoindex is not None else None}},
        "obligations": {"home": f"{site}/", "accessibility_page": None},
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path
