"""Eco budgets: which limits a page's eco dict goes over."""

from __future__ import annotations

import dataclasses

import pytest

from rgaa_audit.eco.budgets import Breach, EcoBudget, breaches

ECO = {"requests": 50, "transfer_bytes": 2_000_000, "dom_elements": 700,
       "ecoindex": {"score": 48, "grade": "D"}}


def test_every_limit_breached() -> None:
    budget = EcoBudget(max_transfer_bytes=1_000_000, max_requests=40, max_dom_elements=600,
                       min_grade="C")
    found = breaches(ECO, budget)
    assert [b.metric for b in found] == ["transfer_bytes", "requests", "dom_elements", "grade"]
    assert found[0] == Breach("transfer_bytes", 1_000_000, 2_000_000)
    assert str(found[0]) == "transfer_bytes 2000000 > 1000000"
    assert str(found[3]) == "grade D below C"


def test_within_budget_and_limits_are_inclusive() -> None:
    budget = EcoBudget(max_transfer_bytes=2_000_000, max_requests=50, max_dom_elements=700,
                       min_grade="D")
    assert breaches(ECO, budget) == []


def test_no_limit_no_breach_and_no_figures_no_breach() -> None:
    assert breaches(ECO, EcoBudget()) == []
    assert breaches(None, EcoBudget(max_requests=1)) == []
    assert breaches({}, EcoBudget(max_requests=1)) == []


def test_grade_computed_when_not_stored() -> None:
    eco = {"requests": 300, "transfer_bytes": 10_000_000, "dom_elements": 3000}
    assert [b.metric for b in breaches(eco, EcoBudget(min_grade="b"))] == ["grade"]


def test_default_budget_comes_from_the_check_data() -> None:
    budget = EcoBudget.default()
    assert (budget.max_transfer_bytes, budget.max_requests, budget.max_dom_elements) == (
        1_024_000, 40, 600)
    assert budget.min_grade is None


def test_budget_is_frozen_and_validated() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        EcoBudget().max_requests = 3  # type: ignore[misc]
    with pytest.raises(ValueError):
        EcoBudget(min_grade="Z")
    with pytest.raises(ValueError):
        EcoBudget(max_requests=-1)
