"""Site-wide eco summary from report pages."""

from __future__ import annotations

from rgaa_audit.eco.budgets import EcoBudget
from rgaa_audit.eco.summary import eco_summary


def page(url: str, weight: int, requests: int, dom: int, score: int, grade: str,
         domains: dict | None = None, checks: list | None = None) -> dict:
    return {"url": url, "status": "audited",
            "eco": {"requests": requests, "transfer_bytes": weight, "decoded_bytes": weight * 2,
                    "dom_elements": dom, "ecoindex": {"score": score, "grade": grade},
                    "by_domain": domains or {}, "checks": checks or []}}


PAGES = [
    page("https://s.gouv.fr/", 500_000, 20, 300, 80, "B",
         {"s.gouv.fr": {"requests": 15, "transfer_bytes": 400_000, "third_party": False},
          "connect.facebook.net": {"requests": 3, "transfer_bytes": 80_000, "third_party": True},
          "www.facebook.com": {"requests": 2, "transfer_bytes": 20_000, "third_party": True}},
         [{"id": "plugins", "outcome": "passed"}]),
    page("https://s.gouv.fr/a", 3_000_000, 90, 1500, 30, "E",
         {"cdn.matomo.cloud": {"requests": 2, "transfer_bytes": 50_000, "third_party": True}},
         [{"id": "plugins", "outcome": "failed"}]),
    page("https://s.gouv.fr/b", 1_000_000, 40, 600, 60, "C",
         {"www.facebook.com": {"requests": 1, "transfer_bytes": 5_000, "third_party": True}},
         [{"id": "plugins", "outcome": "passed"}]),
    page("https://s.gouv.fr/c", 200_000, 10, 100, 90, "A"),
    {"url": "https://s.gouv.fr/broken", "status": "timeout", "eco": None},
]


def test_totals_and_medians() -> None:
    s = eco_summary(PAGES)
    assert s["pages"] == 4 and s["pages_without_eco"] == 1
    assert s["totals"] == {"requests": 160, "transfer_bytes": 4_700_000,
                           "decoded_bytes": 9_400_000}
    # even count: the median is the mean of the two middle values
    assert s["medians"] == {"transfer_bytes": 750_000.0, "requests": 30.0,
                            "dom_elements": 450.0, "ecoindex": 70.0}
    assert s["ecoindex_grade_of_median"] == "C"  # 70 is not above the B bound
    assert s["grades"] == {"A": 1, "B": 1, "C": 1, "E": 1}


def test_heaviest_pages_in_order_and_bounded_count() -> None:
    s = eco_summary(PAGES, top=2)
    assert [h["url"] for h in s["heaviest"]] == ["https://s.gouv.fr/a", "https://s.gouv.fr/b"]
    assert s["heaviest"][0] == {"url": "https://s.gouv.fr/a", "transfer_bytes": 3_000_000,
                                "requests": 90, "ecoindex": 30}
    assert len(eco_summary(PAGES)["heaviest"]) == 4


def test_third_parties_grouped_by_registrable_domain() -> None:
    rows = eco_summary(PAGES)["third_parties"]
    assert rows[0] == {"domain": "facebook.net", "requests": 3, "transfer_bytes": 80_000,
                       "pages": 1}
    by_domain = {r["domain"]: r for r in rows}
    assert by_domain["facebook.com"] == {"domain": "facebook.com", "requests": 3,
                                         "transfer_bytes": 25_000, "pages": 2}
    assert "s.gouv.fr" not in by_domain


def test_budget_breaches_counted() -> None:
    budget = EcoBudget(max_transfer_bytes=1_000_000, max_requests=40, max_dom_elements=600,
                       min_grade="C")
    s = eco_summary(PAGES, budget)
    assert s["budget"]["pages_over"] == 1  # only /a; /b sits exactly on every limit
    assert s["budget"]["breaches"] == {"dom_elements": 1, "grade": 1, "requests": 1,
                                       "transfer_bytes": 1}
    assert eco_summary(PAGES, EcoBudget())["budget"]["pages_over"] == 0


def test_check_outcomes_counted() -> None:
    assert eco_summary(PAGES)["checks"] == {"plugins": {"failed": 1, "passed": 2}}


def test_bare_eco_dicts_and_empty_input() -> None:
    s = eco_summary([PAGES[0]["eco"] | {"url": "https://x/"}])
    assert s["pages"] == 1 and s["heaviest"][0]["url"] == "https://x/"
    empty = eco_summary([])
    assert empty["pages"] == 0 and empty["medians"]["ecoindex"] is None
    assert empty["ecoindex_grade_of_median"] is None and empty["heaviest"] == []
