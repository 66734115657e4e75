"""The whole demo audit finished by hand: every NT cell decided in a verdicts file, then the
demo audited again with one page changed (real Chromium, demo served on 127.0.0.1)."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlsplit

import jsonschema
import pytest

from rgaa_audit.conclude.manual import apply_verdicts, judged_fingerprint
from rgaa_audit.conclude.verdicts_file import ManualVerdict, load_verdicts, write_verdicts
from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.demo.server import SITE_DIR, serve_directory
from rgaa_audit.paths import data_dir
from rgaa_audit.pipeline import AuditSettings, run_audit
from rgaa_audit.referential import load_referential
from rgaa_audit.report.outputs import FORMATS, write_outputs

REF = load_referential()
CHANGED = "contact.html"


def _audit(browser_choice, site, out):
    with serve_directory(site) as base:
        return run_audit(browser_choice, AuditSettings(CrawlSettings(50, 30, 2)), Progress(),
                         out, start_url=base)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _audited(report):
    return [p for p in report["pages"] if p["status"] == "audited"]


@pytest.fixture(scope="module")
def audits(browser_choice, tmp_path_factory):
    root = tmp_path_factory.mktemp("manual-demo")
    site = root / "site"
    shutil.copytree(SITE_DIR, site)
    first = _audit(browser_choice, site, root / "first")
    write_verdicts(root / "verdicts.toml", _review_everything(first))
    page = site / CHANGED
    page.write_text(page.read_text("utf-8").replace("<h1", "<h1 data-x=1>Nous écrire – <span",
                                                    1).replace("</h1>", "</span></h1>", 1),
                    "utf-8")
    second = _audit(browser_choice, site, root / "second")
    return root, first, second


def _review_everything(report) -> list[ManualVerdict]:
    """What an auditor finishing the audit records: a verdict on every NT cell."""
    verdicts = []
    for page in _audited(report):
        for criterion, cell in page["criteria"].items():
            if cell["status"] != "NT":
                continue
            status = "NC" if cell["to_verify"] and criterion.startswith("1.") else "C"
            if not cell["to_verify"] and criterion.startswith("4."):
                status = "NA"  # no media found: nothing of the kind on the page
            verdicts.append(ManualVerdict(
                page=_path(page["url"]), criterion=criterion, status=status,
                impact="minor" if status == "NC" else "", auditor="Test",
                fingerprint=judged_fingerprint(page, criterion)))
    return verdicts


def _independent_rates(report):
    """The official method, recomputed here from the page cells alone."""
    page_rates, per_criterion = [], {}
    for page in _audited(report):
        statuses = [c["status"] for c in page["criteria"].values()]
        c, nc = statuses.count("C"), statuses.count("NC")
        page_rates.append(round(100 * c / (c + nc), 2) if c + nc else None)
        for cid, cell in page["criteria"].items():
            per_criterion.setdefault(cid, []).append(cell["status"])
    site = {}
    for cid, statuses in per_criterion.items():
        applicable = {s for s in statuses if s != "NA"}
        site[cid] = ("NC" if "NC" in applicable else "NA" if not applicable
                     else "C" if applicable == {"C"} else "NT")
    for test, findings in (report.get("site_findings") or {}).items():
        if any(f.get("kind") == "failure" for f in findings):
            site[test.rsplit(".", 1)[0]] = "NC"
    c, nc = list(site.values()).count("C"), list(site.values()).count("NC")
    rated = [r for r in page_rates if r is not None]
    return (page_rates, round(100 * c / (c + nc), 2) if c + nc else None,
            round(sum(rated) / len(rated), 2) if rated else None)


def test_a_fully_reviewed_demo_is_complete_with_the_official_rates(audits):
    root, first, _ = audits
    path = root / "verdicts.toml"
    verdicts = load_verdicts(path, REF)
    merged = apply_verdicts(first, verdicts, REF, path.name).report
    cells = [c for p in _audited(merged) for c in p["criteria"].values()]
    assert [c for c in cells if c["status"] == "NT"] == []
    assert merged["summary"]["complete"] is True and merged["summary"]["provisional"] is False
    page_rates, global_rate, average_rate = _independent_rates(merged)
    assert [p["rate"] for p in _audited(merged)] == page_rates
    assert (merged["summary"]["global_rate"], merged["summary"]["average_rate"]) == (
        global_rate, average_rate)
    assert merged["manual"]["applied"] == len(verdicts) and merged["manual"]["recheck"] == []
    manual = [c for c in cells if c["source"] == "manual"]
    assert len(manual) == len(verdicts) and all(c["decided_by"] == "Test" for c in manual)
    out = root / "first"
    write_outputs(merged, out, FORMATS, "fr")
    schema = json.loads((data_dir("reports") / "schemas/report.schema.json").read_text("utf-8"))
    jsonschema.validate(merged, schema)
    assert (out / "report.html").stat().st_size > 0


def test_a_second_audit_reuses_every_verdict_but_the_changed_page_s(audits):
    root, _, second = audits
    verdicts = load_verdicts(root / "verdicts.toml", REF)
    merged = apply_verdicts(second, verdicts, REF).report
    recheck = merged["manual"]["recheck"]
    assert recheck, "the changed page's verdicts must be checked again"
    assert {_path(r["url"]) for r in recheck} == {f"/{CHANGED}"}
    for page in _audited(merged):
        for cid, cell in page["criteria"].items():
            if _path(page["url"]) == f"/{CHANGED}" and cell.get("recheck"):
                assert cell["status"] == "NT" and cell["recheck"][0]["verdict"]["auditor"] == "Test"
            else:
                assert cell["status"] != "NT", (page["url"], cid)
    assert merged["manual"]["applied"] == len(verdicts) - len(recheck)
    assert merged["manual"]["orphaned"] == []
