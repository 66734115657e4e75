"""axe-core's color-contrast results routed to RGAA 3.2.1-3.2.4 by text size and weight."""

from __future__ import annotations

from rgaa_audit.checks.axe import axe_results, contrast_route


def node(ratio, size, weight="normal", target="p"):
    return {"target": target, "html": "<p>x</p>", "summary": "",
            "contrast": {"ratio": ratio, "fontSize": f"x ({size}px)", "fontWeight": weight,
                         "fg": "#999999", "bg": "#ffffff", "messageKey": None}}


def rule(*nodes):
    return {"id": "color-contrast", "tags": ["RGAA-3.2.1"], "nodes": list(nodes)}


def outcomes(axe):
    return {(r.test, r.outcome.value): [f.selector for f in r.findings] for r in axe_results(axe)}


def test_route_by_size_and_weight() -> None:
    assert contrast_route({"fontSize": "12pt (16px)", "fontWeight": "normal"})[:2] == ("3.2.1", 4.5)
    assert contrast_route({"fontSize": "x (15px)", "fontWeight": "bold"})[:2] == ("3.2.2", 4.5)
    assert contrast_route({"fontSize": "x (24px)", "fontWeight": "normal"})[:2] == ("3.2.3", 3.0)
    assert contrast_route({"fontSize": "x (18.5px)", "fontWeight": "bold"})[:2] == ("3.2.4", 3.0)
    assert contrast_route({"fontSize": "big"}) is None


def test_each_violation_fails_its_own_test() -> None:
    got = outcomes({"violations": [rule(node(2.8, 16, target="a"), node(2.8, 15, "bold", "b"),
                                        node(2.3, 30, target="c"), node(1.9, 20, "bold", "d"))]})
    assert got[("3.2.1", "failed")] == ["a"]
    assert got[("3.2.2", "failed")] == ["b"]
    assert got[("3.2.3", "failed")] == ["c"]
    assert got[("3.2.4", "failed")] == ["d"]


def test_bold_text_between_rgaa_and_axe_large_thresholds_is_not_failed() -> None:
    # 18.6px bold is large text for the RGAA (3:1) but not for axe (4.5:1).
    got = outcomes({"violations": [rule(node(3.54, 18.6, "bold"))]})
    assert got == {}


def test_unmeasured_nodes_are_to_verify() -> None:
    unmeasured = {"target": "p", "html": "", "summary": "background image",
                  "contrast": {"ratio": None, "fontSize": "x (16px)", "fontWeight": "normal"}}
    got = outcomes({"incomplete": [rule(unmeasured)]})
    assert list(got) == [("3.2.1", "cant-tell")]


def test_no_text_makes_every_contrast_test_inapplicable() -> None:
    got = outcomes({"inapplicable": [rule()]})
    assert {test for test, _ in got} == {"3.2.1", "3.2.2", "3.2.3", "3.2.4"}
