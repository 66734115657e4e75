"""The bundled demo portal, audited once with a real Chromium: the contract of report.json,
the official rates recomputed independently, and every planted defect found."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.demo.server import serve_demo
from rgaa_audit.paths import data_dir
from rgaa_audit.pipeline import AuditSettings, run_audit
from rgaa_audit.report.outputs import FORMATS, write_outputs

pytestmark = pytest.mark.browser

EXPECTED = tomllib.loads(
    (Path(__file__).resolve().parents[1] / "rgaa_audit/demo/expected.toml").read_text("utf-8"))


@pytest.fixture(scope="session")
def demo_report(browser_choice, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    with serve_demo() as base:
        report = run_audit(browser_choice, AuditSettings(CrawlSettings(50, 30, 2)), Progress(),
                           out, start_url=base)
    write_outputs(report, out, FORMATS, "fr")
    return report, out, base


def pages_by_path(report, base):
    pages = {}
    for page in report["pages"]:
        path = page["url"].removeprefix(base.rstrip("/")).lstrip("/").split("?")[0]
        pages.setdefault(path or "index.html", page)
    return pages


def test_report_validates_against_its_schema(demo_report) -> None:
    _report, out, _ = demo_report
    schema = json.loads((data_dir("reports") / "schemas/report.schema.json").read_text("utf-8"))
    stored = json.loads((out / "report.json").read_text("utf-8"))
    jsonschema.validate(stored, schema)
    assert stored["schema"] == "rgaa-audit/report/1"


def test_at_least_ten_pages_with_all_criteria_and_tests(demo_report) -> None:
    report, _, _ = demo_report
    audited = [p for p in report["pages"] if p["status"] == "audited"]
    assert len(audited) >= 10
    for page in audited:
        assert len(page["criteria"]) == 106
        assert sum(len(c["tests"]) for c in page["criteria"].values()) == 258


def test_every_nc_has_evidence(demo_report) -> None:
    report, _, _ = demo_report
    for page in report["pages"]:
        for cid, verdict in page["criteria"].items():
            nc_tests = {t for t, s in verdict["tests"].items() if s == "NC"}
            assert (verdict["status"] == "NC") == bool(nc_tests), (page["url"], cid)
            for test in nc_tests:
                found = [f for f in verdict["findings"] if f["test"] == test]
                assert found, f"{page['url']} {test}: NC without a finding"
                assert all(f["selector"] and f["message"] and f["source"] for f in found)


def test_rates_equal_an_independent_recomputation(demo_report) -> None:
    report, _, _ = demo_report
    audited = [p for p in report["pages"] if p["status"] == "audited"]
    page_rates = []
    for page in audited:
        statuses = [v["status"] for v in page["criteria"].values()]
        c, nc = statuses.count("C"), statuses.count("NC")
        expected = None if c + nc == 0 else round(100 * c / (c + nc), 2)
        assert page["rate"] == expected
        if expected is not None:
            page_rates.append(100 * c / (c + nc))
    site = {}
    for cid in audited[0]["criteria"]:
        values = [p["criteria"][cid]["status"] for p in audited]
        if "NC" in values:
            site[cid] = "NC"
        elif all(v == "NA" for v in values):
            site[cid] = "NA"
        elif all(v in ("C", "NA") for v in values):
            site[cid] = "C"
        else:
            site[cid] = "NT"
    for test, findings in report["site_findings"].items():  # checks that compare pages
        if any(f["kind"] == "failure" for f in findings):
            site[".".join(test.split(".")[:2])] = "NC"
    summary = report["summary"]
    assert summary["criteria"] == site
    c, nc = list(site.values()).count("C"), list(site.values()).count("NC")
    assert summary["global_rate"] == (round(100 * c / (c + nc), 2) if c + nc else None)
    assert summary["average_rate"] == pytest.approx(sum(page_rates) / len(page_rates), abs=0.01)
    assert summary["provisional"] == ("NT" in site.values())
    assert summary["untested_criteria"] == list(site.values()).count("NT")


def _source(detected_by: str) -> str:
    kind, _, name = detected_by.partition(":")
    return f"axe:{name}" if kind == "axe" else f"rgaa-audit:{name}"


ACTIVE = [d for d in EXPECTED["defect"] if not d["detected_by"].startswith("pending:")]


@pytest.mark.parametrize("defect", ACTIVE, ids=[f"{d['page']} {d['test']} {d['detected_by']}"
                                                for d in ACTIVE])
def test_planted_defect_is_found(demo_report, defect) -> None:
    report, _, base = demo_report
    if defect.get("scope") == "site":
        found = report["site_findings"].get(defect["test"], [])
        assert any(f["kind"] == "failure" and _source(defect["detected_by"]) == f["source"]
                   for f in found)
        assert report["summary"]["criteria"][defect["criterion"]] == "NC"
        return
    page = pages_by_path(report, base)[defect["page"]]
    verdict = page["criteria"][defect["criterion"]]
    assert verdict["tests"][defect["test"]] == defect["status"]
    sources = {f["source"] for f in verdict["findings"] if f["test"] == defect["test"]}
    assert _source(defect["detected_by"]) in sources


def test_clean_criteria_are_not_nc(demo_report) -> None:
    report, _, base = demo_report
    pages = pages_by_path(report, base)
    wrong = [(c["page"], cid) for c in EXPECTED["clean"] for cid in c["criteria"]
             if pages[c["page"]]["criteria"][cid]["status"] == "NC"]
    assert wrong == []


def test_every_output_format_is_written(demo_report) -> None:
    _, out, _ = demo_report
    for file_name, _, _ in FORMATS.values():
        assert (out / file_name).stat().st_size > 0


def test_the_html_report_passes_rgaa_audits_own_audit(demo_report, browser_choice) -> None:
    _, out, _ = demo_report
    settings = AuditSettings(CrawlSettings(1, 300, 1, follow_links=False, use_sitemaps=False,
                                           idle_wait_ms=0, max_crops_per_page=0))
    report = run_audit(browser_choice, settings, Progress(), None,
                       urls=[(out / "report.html").resolve().as_uri()])
    page = report["pages"][0]
    assert page["status"] == "audited", page["error"]
    not_conformant = {cid: [f["message"] for f in v["findings"]][:3]
                      for cid, v in page["criteria"].items() if v["status"] == "NC"}
    assert not_conformant == {}
