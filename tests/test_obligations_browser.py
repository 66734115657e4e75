"""The declarative obligations on a real crawl: the demo portal and a failing variant served on
127.0.0.1, audited in Chromium with a small `max_pages`, then concluded with the gate."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest

from rgaa_audit.conclude.conclusion import ConclusionSettings, conclude
from rgaa_audit.conclude.gates import Gate
from rgaa_audit.conclude.obligations import OBLIGATIONS
from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.demo.server import serve_directory
from rgaa_audit.demo.variants import build_variant
from rgaa_audit.paths import data_dir
from rgaa_audit.pipeline import AuditSettings, run_audit

GATE = ConclusionSettings(gates=(Gate("obligations", OBLIGATIONS),))
DAY = dt.date(2026, 12, 4)  # the demo's statement is dated 2026; its action plan is for 2026


def audit(browser_choice, folder, max_pages: int) -> dict:
    with serve_directory(folder) as base:
        report = run_audit(browser_choice, AuditSettings(CrawlSettings(max_pages, 30, 2)),
                           Progress(), None, start_url=base)
    report["site"]["finished_at"] = DAY.isoformat()
    return report


def results(report: dict) -> dict[str, str]:
    concluded = conclude(report, GATE, DAY)
    return {r["id"]: r["status"] for r in concluded.report["obligations"]["results"]}


def test_demo_portal_and_failing_variant(browser_choice, tmp_path) -> None:
    import json

    schema = json.loads((data_dir("reports") / "schemas/report.schema.json").read_text("utf-8"))
    # Three pages only: the crawl still takes the accessibility page right after the home page.
    correct = audit(browser_choice, build_variant("correct", tmp_path / "correct"), 3)
    jsonschema.validate(correct, schema)
    audited = [p["url"] for p in correct["pages"] if p["status"] == "audited"]
    assert any(u.endswith("/accessibilite.html") for u in audited)
    assert correct["obligations"]["accessibility_page_audited"] is True
    found = results(correct)
    assert {o for o, s in found.items() if s == "fail"} == set()
    assert found["mention"] == "pass" and found["statement-sections"] == "pass"
    assert conclude(correct, GATE, DAY).exit_code == 0

    # The bare statement sits at /page-17.html, past two pages of a breadth-first crawl: it is
    # read over HTTP, outside the sample, and its gaps fail the gate.
    bare = audit(browser_choice, build_variant("bare-statement", tmp_path / "bare"), 2)
    jsonschema.validate(bare, schema)
    assert bare["obligations"]["accessibility_page_audited"] is False
    assert bare["obligations"]["accessibility_page"].endswith("/page-17.html")
    failed = {o for o, s in results(bare).items() if s == "fail"}
    assert {"statement-sections", "statement-date", "multi-year-plan", "action-plan",
            "contact"} <= failed
    assert conclude(bare, GATE, DAY).exit_code == 1


@pytest.mark.parametrize("name", ["claims-full"])
def test_mention_claiming_more_than_the_audit_fails(browser_choice, tmp_path, name) -> None:
    report = audit(browser_choice, build_variant(name, tmp_path / name), 5)  # actualites: NC
    assert results(report)["mention-result"] == "fail"
