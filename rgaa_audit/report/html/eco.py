"""Eco views of one page: its figures by resource type and the outcomes of the sobriety checks,
plus the per-check tallies over the site."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.eco.ecoindex import grade_of
from rgaa_audit.eco.registry import RGESN_URL, eco_check_specs
from rgaa_audit.report import i18n
from rgaa_audit.report.html.messages import eco_message
from rgaa_audit.report.html.sanitise import (
    SHORT_MAX,
    TITLE_MAX,
    URL_SHOWN_MAX,
    as_count,
    as_mapping,
    as_number,
    as_records,
    cut,
    page_records,
)

ECO_EVIDENCE_MAX = 10
ECO_OUTCOMES = ("failed", "cant-tell", "passed", "inapplicable")


@dataclass(frozen=True)
class EcoCheckView:
    """The outcome of one sobriety check on one page."""

    id: str
    title: str
    outcome: str
    message: str
    rgesn: tuple[tuple[str, str], ...]  # (id, official link)
    evidence: tuple[tuple[str, str], ...]  # (target, detail)
    hidden: int


@dataclass(frozen=True)
class EcoCheckTally:
    """How many pages had each outcome for one sobriety check."""

    id: str
    title: str
    rgesn: tuple[tuple[str, str], ...]
    counts: dict[str, int]


@dataclass(frozen=True)
class TypeRow:
    """Eco figures of one resource type."""

    name: str
    requests: float | None
    transfer_bytes: float | None
    decoded_bytes: float | None


@dataclass(frozen=True)
class EcoView:
    """Eco figures of one page."""

    requests: float | None
    transfer_bytes: float | None
    decoded_bytes: float | None
    dom_elements: float | None
    ecoindex: float | None
    grade: str
    by_type: tuple[TypeRow, ...]
    co2_g: float | None = None
    co2_model: str = ""
    protocol: str = ""
    protocol_used: str = ""
    checks: tuple[EcoCheckView, ...] = ()

    @property
    def outcome_counts(self) -> tuple[tuple[str, int], ...]:
        """(outcome, number of checks) for the outcomes that occur, failures first."""
        found = [(o, sum(1 for c in self.checks if c.outcome == o)) for o in ECO_OUTCOMES]
        return tuple((o, n) for o, n in found if n)


def spec_titles(lang: str) -> dict[str, str]:
    """Titles of the sobriety checks, {} when their data file cannot be read."""
    try:
        specs = eco_check_specs()
    except (OSError, ValueError, LookupError, KeyError, TypeError):
        return {}
    return {s.id: s.title(lang) for s in specs}


def _rgesn(raw: Any) -> tuple[tuple[str, str], ...]:
    ids = raw if isinstance(raw, list) else []
    good = [i for i in ids if isinstance(i, str) and re.fullmatch(r"\d{1,2}\.\d{1,2}", i)]
    return tuple((i, RGESN_URL.format(id=i)) for i in good[:6])


def _eco_checks(raw: Any, lang: str, titles: Mapping[str, str]) -> tuple[EcoCheckView, ...]:
    checks = as_records(raw)
    views = []
    for check in checks[:40]:
        outcome = check.get("outcome")
        evidence = as_records(check.get("evidence"))
        count = as_number(check.get("count"))
        total = max(len(evidence), int(count) if count is not None else 0)
        shown = tuple(
            (cut(e.get("target"), URL_SHOWN_MAX), cut(e.get("detail"), TITLE_MAX))
            for e in evidence[:ECO_EVIDENCE_MAX]
        )
        check_id = cut(check.get("id"), SHORT_MAX)
        views.append(
            EcoCheckView(
                id=check_id,
                title=titles.get(check_id) or check_id,
                outcome=outcome if outcome in ECO_OUTCOMES else "",
                message=eco_message(check, lang),
                rgesn=_rgesn(check.get("rgesn")),
                evidence=shown,
                hidden=total - len(shown),
            )
        )
    order = {o: i for i, o in enumerate(ECO_OUTCOMES)}
    return tuple(sorted(views, key=lambda v: order.get(v.outcome, len(order))))


def eco_view(raw: Any, lang: str, titles: Mapping[str, str] | None = None) -> EcoView | None:
    if not isinstance(raw, Mapping):
        return None
    t = i18n.strings(lang)
    eco_index = as_mapping(raw.get("ecoindex"))
    score = as_number(eco_index.get("score"))
    grade = cut(eco_index.get("grade"), 2) or (grade_of(score) if score is not None else "")
    rows = []
    for name, figures in sorted(as_mapping(raw.get("by_type")).items(), key=lambda kv: str(kv[0])):
        figures = as_mapping(figures)
        rows.append(
            TypeRow(
                name=t.get(f"type_{name}") or cut(name, SHORT_MAX),
                requests=as_number(figures.get("requests")),
                transfer_bytes=as_number(figures.get("transfer_bytes")),
                decoded_bytes=as_number(figures.get("decoded_bytes")),
            )
        )
    return EcoView(
        requests=as_number(raw.get("requests")),
        transfer_bytes=as_number(raw.get("transfer_bytes")),
        decoded_bytes=as_number(raw.get("decoded_bytes")),
        dom_elements=as_number(raw.get("dom_elements")),
        ecoindex=score,
        grade=grade,
        by_type=tuple(rows),
        co2_g=as_number(raw.get("co2_g")),
        co2_model=cut(raw.get("co2_model"), SHORT_MAX),
        protocol=cut(raw.get("protocol"), SHORT_MAX),
        protocol_used=cut(raw.get("protocol_used"), SHORT_MAX),
        checks=_eco_checks(raw.get("checks"), lang, titles or {}),
    )


def check_tallies(
    report: Mapping[str, Any], titles: Mapping[str, str]
) -> tuple[EcoCheckTally, ...]:
    """Per sobriety check, how many pages passed, failed, and so on (from the eco summary)."""
    checks = as_mapping(as_mapping(as_mapping(report.get("summary")).get("eco")).get("checks"))
    rgesn: dict[str, Any] = {}
    for page in page_records(report):
        raw = as_mapping(page.get("eco")).get("checks")
        for check in raw if isinstance(raw, list) else []:
            if isinstance(check, Mapping) and isinstance(check.get("id"), str):
                rgesn.setdefault(check["id"], check.get("rgesn"))
        if len(rgesn) >= len(checks):
            break
    rows = []
    for check_id, counts in list(checks.items())[:40]:
        counts = as_mapping(counts)
        rows.append(
            EcoCheckTally(
                id=cut(check_id, SHORT_MAX),
                title=titles.get(check_id) or cut(check_id, SHORT_MAX),
                rgesn=_rgesn(rgesn.get(check_id)),
                counts={o: as_count(counts.get(o)) or 0 for o in ECO_OUTCOMES},
            )
        )
    return tuple(rows)
