"""The official RGAA rates and site-wide statuses."""

from __future__ import annotations

from rgaa_audit.model import Status
from rgaa_audit.score.rates import average_rate, conformance, rate, site_status, site_statuses
from rgaa_audit.score.summary import build_summary

C, NC, NA, NT = Status.C, Status.NC, Status.NA, Status.NT


def test_page_rate_counts_only_c_and_nc() -> None:
    assert rate([C, C, NC, NA, NT]) == 66.67
    assert rate([NA, NT]) is None
    assert rate([C]) == 100.0


def test_site_status_rules() -> None:
    assert site_status([C, NC, C]) is NC
    assert site_status([C, NA, C]) is C
    assert site_status([C, NT]) is NT
    assert site_status([NA, NA]) is NA
    assert site_status([NT, NA]) is NT


def test_global_and_average_rates_differ_as_the_method_says() -> None:
    page1 = {"1.1": C, "2.1": C}
    page2 = {"1.1": NC, "2.1": C}
    statuses = site_statuses([page1, page2])
    assert statuses == {"1.1": NC, "2.1": C}
    assert rate(statuses.values()) == 50.0
    assert average_rate([rate(page1.values()), rate(page2.values())]) == 75.0
    assert average_rate([None, 50.0]) == 50.0


def test_conformance_levels() -> None:
    assert conformance(100.0) == "totalement conforme"
    assert conformance(50.0) == "partiellement conforme"
    assert conformance(49.99) == "non conforme"
    assert conformance(None) is None


def page(status: str, criteria: dict[str, str], rate_value: float | None) -> dict:
    return {"status": status, "rate": rate_value,
            "criteria": {c: {"status": s, "to_verify": []} for c, s in criteria.items()}}


def test_summary_is_provisional_while_nt_remains_and_ignores_failed_pages() -> None:
    pages = [page("audited", {"1.1": "C", "2.1": "NT", "3.1": "NC"}, 50.0),
             page("timeout", {}, None)]
    summary = build_summary(pages)
    assert summary["pages_audited"] == 1 and summary["pages_failed"] == 1
    assert summary["global_rate"] == 50.0 and summary["provisional"] is True
    assert summary["untested_criteria"] == 1 and summary["decided_criteria"] == 2
    assert summary["rate_range"] == {"low": 33.33, "high": 66.67}
