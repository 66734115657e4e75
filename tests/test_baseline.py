"""Baseline: fingerprints equal to SARIF/GitLab ones, counts per (page, test), new vs unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rgaa_audit.conclude.baseline import (
    BASELINE_SCHEMA,
    SITE_KEY,
    Baseline,
    annotate,
    compare,
    load_baseline,
    save_baseline,
)
from rgaa_audit.pipeline import build_report
from rgaa_audit.report.gitlab import render_gitlab
from rgaa_audit.report.sarif import render_sarif

CHECK = "rgaa-audit:field-label"


def finding(test: str, selector: str, source: str = CHECK, snippet: str = "<input>",
            message: str = "champ sans étiquette") -> dict[str, Any]:
    return {"test": test, "selector": selector, "snippet": snippet, "message": message,
            "source": source, "kind": "failure"}


def page(url: str, findings: list[dict[str, Any]] = (), extra_c: tuple[str, ...] = ("8.5",),
         eco: dict[str, Any] | None = None) -> dict[str, Any]:
    """An audited page whose criteria are NC where a finding says so, C for `extra_c`."""
    criteria: dict[str, Any] = {}
    for item in findings:
        criterion = ".".join(item["test"].split(".")[:2])
        verdict = criteria.setdefault(criterion, {"status": "NC", "tests": {}, "findings": [],
                                                  "to_verify": []})
        verdict["tests"][item["test"]] = "NC"
        verdict["findings"].append(item)
    for criterion in extra_c:
        criteria.setdefault(criterion, {"status": "C", "tests": {}, "findings": [],
                                        "to_verify": []})
    statuses = [v["status"] for v in criteria.values()]
    rate = round(100 * statuses.count("C") / len(statuses), 2) if statuses else None
    return {"url": url, "final_url": url, "status": "audited", "http_status": 200,
            "error": None, "title": "Page", "rate": rate, "criteria": criteria, "eco": eco}


def make_report(*pages: dict[str, Any], site: dict[str, list] | None = None) -> dict[str, Any]:
    return build_report(list(pages), {"start_url": "http://127.0.0.1:8000/"}, site)


FORM = "http://127.0.0.1:8000/contact.html"
HOME = "http://127.0.0.1:8000/"


def base_report() -> dict[str, Any]:
    return make_report(
        page(HOME, [finding("1.1.1", "main > img:nth-of-type(1)", "axe:image-alt")]),
        page(FORM, [finding("11.1.1", "#nom"), finding("11.1.1", "#ville")]),
    )


def test_counts_per_page_and_test_and_no_snippet(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    saved = save_baseline(base_report(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == BASELINE_SCHEMA
    assert data["pages"]["/contact.html"]["11.1.1"]["count"] == 2
    assert data["pages"]["/"]["1.1.1"]["count"] == 1
    assert "<input>" not in path.read_text(encoding="utf-8")
    assert load_baseline(path) == saved and saved.total == 3


def test_fingerprints_equal_sarif_and_gitlab_ones() -> None:
    report = base_report()
    ours = {fp for fps in Baseline.from_report(report).entries.values() for fp in fps}
    sarif = json.loads(render_sarif(report))
    sarif_fps = {r["partialFingerprints"]["primaryLocationLineHash"]
                 for run in sarif["runs"] for r in run["results"]}
    gitlab_fps = {i["fingerprint"] for i in json.loads(render_gitlab(report))}
    assert ours <= sarif_fps and ours <= gitlab_fps


def test_same_findings_on_another_host_and_snippet_are_unchanged() -> None:
    baseline = Baseline.from_report(base_report())
    moved = make_report(
        page("https://staging.example/", [finding("1.1.1", "main>img:nth-of-type(1)",
                                                  "axe:image-alt", snippet="<img class=x>")]),
        page("https://staging.example/contact.html",
             [finding("11.1.1", "#nom"), finding("11.1.1", "#ville")]))
    result = compare(moved, baseline)
    assert (len(result.new), len(result.unchanged), len(result.fixed)) == (0, 3, 0)


def test_new_key_and_raised_count_are_new() -> None:
    baseline = Baseline.from_report(base_report())
    grown = make_report(
        page(HOME, [finding("1.1.1", "main > img:nth-of-type(1)", "axe:image-alt")]),
        page(FORM, [finding("11.1.1", "#nom"), finding("11.1.1", "#ville"),
                    finding("11.1.1", "#courriel")]),
        page("http://127.0.0.1:8000/agenda.html", [finding("11.1.1", "#date")]))
    result = compare(grown, baseline)
    assert sorted(f.data["selector"] for f in result.new) == ["#courriel", "#date"]
    assert result.new_criteria == {"11.1"}
    assert result.new_criteria_on("/agenda.html") == {"11.1"}
    assert result.new_criteria_on("/") == frozenset()


def test_shifted_selector_is_absorbed_by_the_count_and_fixed_is_listed() -> None:
    baseline = Baseline.from_report(base_report())
    shifted = make_report(
        page(HOME, [finding("1.1.1", "main > img:nth-of-type(2)", "axe:image-alt")]),
        page(FORM, [finding("11.1.1", "#nom")]))
    result = compare(shifted, baseline)
    assert not result.new
    assert len(result.unchanged) == 2
    assert [(p, t) for p, t, _ in result.fixed] == [("/contact.html", "11.1.1")]


def test_site_findings_are_compared_under_the_site_key() -> None:
    site = {"12.1.1": [finding("12.1.1", "html", "rgaa-audit:site-reach")]}
    baseline = Baseline.from_report(make_report(page(HOME), site=site))
    assert (SITE_KEY, "12.1.1") in baseline.entries
    assert not compare(make_report(page(HOME), site=site), baseline).new
    grown = {"12.1.1": [*site["12.1.1"],
                        finding("12.1.1", "html", "rgaa-audit:other-site-check")]}
    new = compare(make_report(page(HOME), site=grown), baseline).new
    assert [f.data["source"] for f in new] == ["rgaa-audit:other-site-check"]
    assert new[0].page == SITE_KEY


def test_annotate_marks_findings_and_stores_a_block() -> None:
    baseline = Baseline.from_report(base_report())
    report = make_report(page(HOME, [finding("1.1.1", "main > img:nth-of-type(1)",
                                             "axe:image-alt"),
                                     finding("1.1.1", "#logo", "axe:image-alt")]))
    marked = annotate(report, compare(report, baseline), "bl.json")
    marks = [f["baseline"] for f in marked["pages"][0]["criteria"]["1.1"]["findings"]]
    assert marks == ["unchanged", "new"]
    block = marked["baseline"]
    assert (block["new"], block["unchanged"], block["fixed"]) == (1, 1, 2)
    assert block["new_criteria"] == ["1.1"] and len(block["new_fingerprints"]) == 1
    assert "baseline" not in report["pages"][0]["criteria"]["1.1"]["findings"][0]  # copy


@pytest.mark.parametrize("text", ["{", "[]", '{"schema": "autre"}'])
def test_bad_baseline_file_is_a_value_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bl.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"bl\.json"):
        load_baseline(path)


def test_annotated_report_is_accepted_by_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parents[1] / "reports" / "schemas"
                         / "report.schema.json").read_text(encoding="utf-8"))
    report = make_report(page(HOME, [finding("1.1.1", "#logo", "axe:image-alt")]))
    marked = annotate(report, compare(report, Baseline.from_report(base_report())), "bl.json")
    marked["gates"] = [{"name": "fail-under", "passed": False}]
    marked["waivers"] = [{"criterion": "1.1", "reason": "r", "expires": "2030-01-01"}]
    marked["pages"][0]["criteria"]["1.1"]["waived"] = {"reason": "r", "expires": "2030-01-01"}
    jsonschema.validate(marked, schema)
