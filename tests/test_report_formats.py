"""The CI outputs (SARIF, JUnit, GitLab Code Quality, Markdown) rendered from report.json only.

Each output is validated against its schema (vendored under reports/schemas/), counted against
the sample report, fed hostile strings, and checked for stable fingerprints.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from rgaa_audit.conclude.fingerprints import (
    finding_fingerprint,
    fingerprint,
    normalise_selector,
    page_key,
)
from rgaa_audit.model import CriterionVerdict, Finding, PageResult, PageStatus, Status
from rgaa_audit.report.gitlab import render_gitlab
from rgaa_audit.report.junit import render_junit
from rgaa_audit.report.markdown import esc, render_markdown
from rgaa_audit.report.sarif import render_sarif

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "reports" / "schemas"
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample_report.json"
OFFICIAL = ROOT.parent / "shared" / "rgaa" / "criteres.json"  # beside the checkout, in CI too

HOSTILE = (
    'x" onmouseover="alert(1)" | `rm -rf` ]]></failure><script>alert(1)</script> '
    "&amp; @admin [lien](https://evil.example) **gras** \x00\x1b\x07 \ud800 ok\n| a | b |"
)


@pytest.fixture()
def report() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def _json_schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _report_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_json_schema("report.schema.json"))


def _sarif_validator() -> jsonschema.Draft4Validator:
    return jsonschema.Draft4Validator(_json_schema("sarif-2.1.0.schema.json"))


def _junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def _all_findings(report: dict, key: str) -> list[tuple[str, dict]]:
    return [
        (page["url"], f)
        for page in report["pages"]
        for verdict in page["criteria"].values()
        for f in verdict[key]
    ]


def _add_hostile_finding(report: dict) -> None:
    verdict = report["pages"][0]["criteria"]["1.1"]
    verdict["findings"].append({
        "test": "1.1.1", "selector": HOSTILE, "snippet": HOSTILE * 3, "message": HOSTILE,
        "source": "axe:image-alt", "kind": "failure",
    })
    report["pages"][0]["title"] = HOSTILE
    report["pages"][2]["error"] = HOSTILE


# --- report.json schema -------------------------------------------------------------------

def test_sample_report_validates_and_covers_every_criterion(report: dict) -> None:
    _report_validator().validate(report)
    official = json.loads(OFFICIAL.read_text(encoding="utf-8")) if OFFICIAL.exists() else None
    audited = [p for p in report["pages"] if p["status"] == "audited"]
    assert len(report["pages"]) == 3 and len(audited) == 2
    for page in audited:
        assert len(page["criteria"]) == 106
        assert sum(len(v["tests"]) for v in page["criteria"].values()) == 258
    if official:
        ids = {
            f"{t['number']}.{c['criterium']['number']}"
            for t in official["topics"] for c in t["criteria"]
        }
        assert set(audited[0]["criteria"]) == ids


def _drop(key_path: list):
    def mutate(doc: dict) -> None:
        target = doc
        for key in key_path[:-1]:
            target = target[key]
        del target[key_path[-1]]
    return mutate


def _set(key_path: list, value):
    def mutate(doc: dict) -> None:
        target = doc
        for key in key_path[:-1]:
            target = target[key]
        target[key_path[-1]] = value
    return mutate


BROKEN = {
    "wrong schema id": _set(["schema"], "rgaa-audit/report/2"),
    "no summary": _drop(["summary"]),
    "no tool version": _drop(["tool", "version"]),
    "unknown page status": _set(["pages", 0, "status"], "ok"),
    "unknown criterion status": _set(["pages", 0, "criteria", "1.1", "status"], "PASS"),
    "unknown test status": _set(["pages", 0, "criteria", "1.1", "tests", "1.1.1"], "yes"),
    "rate above 100": _set(["pages", 0, "rate"], 150),
    "bad criterion id": _set(["summary", "criteria", "one"], "C"),
    "finding without selector": _drop(["pages", 0, "criteria", "1.1", "findings", 0, "selector"]),
    "finding of the wrong kind": _set(
        ["pages", 0, "criteria", "1.1", "findings", 0, "kind"], "to-verify"
    ),
    "page without criteria": _drop(["pages", 1, "criteria"]),
    "provisional not a boolean": _set(["summary", "provisional"], "yes"),
}


@pytest.mark.parametrize("mutation", BROKEN.values(), ids=BROKEN.keys())
def test_broken_report_does_not_validate(report: dict, mutation) -> None:
    mutation(report)
    with pytest.raises(jsonschema.ValidationError):
        _report_validator().validate(report)


def test_report_schema_is_open_to_extra_keys(report: dict) -> None:
    report["future"] = {"x": 1}
    report["pages"][0]["screenshot"] = "shots/1.png"
    report["pages"][0]["criteria"]["1.1"]["future_flag"] = True  # "manual" is a real key now
    _report_validator().validate(report)


def test_model_page_dict_fits_the_schema(report: dict) -> None:
    finding = Finding("1.1.1", "img", "<img>", "no alt", "axe:image-alt")
    verify = Finding("3.2.1", "p", "<p>", "contrast?", "axe:color-contrast", kind="to-verify")
    page = PageResult(
        url="https://a.fr/", final_url="https://a.fr/", status=PageStatus.AUDITED,
        http_status=200, title="A", rate=50.0,
        criteria={
            "1.1": CriterionVerdict("1.1", Status.NC, {"1.1.1": Status.NC}, (finding,)),
            "3.2": CriterionVerdict("3.2", Status.NT, {"3.2.1": Status.NT}, (), (verify,)),
        },
    )
    report["pages"] = [page.to_dict()]
    _report_validator().validate(report)


# --- fingerprints -------------------------------------------------------------------------

def test_page_key_drops_host_scheme_fragment_and_sorts_query() -> None:
    assert page_key("https://a.fr/x/y?b=2&a=1#top") == "/x/y?a=1&b=2"
    assert page_key("http://staging.a.fr/x/y?a=1&b=2") == "/x/y?a=1&b=2"
    assert page_key("https://a.fr") == "/"
    assert page_key("https://a.fr/x") != page_key("https://a.fr/x/")


def test_selector_whitespace_is_normalised_but_structure_kept() -> None:
    assert normalise_selector("  ul   >  li:nth-of-type(2)\n a ") == "ul>li:nth-of-type(2) a"
    assert normalise_selector('a[title="x  >  y"]') == 'a[title="x  >  y"]'
    assert normalise_selector("li:nth-of-type(2)") != normalise_selector("li:nth-of-type(3)")
    assert normalise_selector("div p") != normalise_selector("div>p")


def test_fingerprint_keys_on_page_test_source_and_selector_only() -> None:
    base = {"test": "1.1.1", "selector": "main img", "snippet": "<img src=a>",
            "message": "no alt", "source": "axe:image-alt"}
    same = fingerprint("https://a.fr/p?x=1&y=2", "1.1.1", "axe:image-alt", "main img")
    assert finding_fingerprint("https://a.fr/p?x=1&y=2", base) == same
    assert finding_fingerprint("http://b.fr/p?y=2&x=1#f", base) == same
    assert finding_fingerprint("https://a.fr/p?x=1&y=2", {**base, "snippet": "<img b>"}) == same
    assert finding_fingerprint("https://a.fr/p?x=1&y=2", {**base, "message": "other"}) == same
    assert finding_fingerprint("https://a.fr/p?x=1&y=2", {**base, "selector": " main  img "}) \
        == same
    for change in ({"test": "1.1.2"}, {"source": "rgaa-audit:img"}, {"selector": "nav img"}):
        assert finding_fingerprint("https://a.fr/p?x=1&y=2", {**base, **change}) != same
    assert finding_fingerprint("https://a.fr/q", base) != same


def test_fingerprint_algorithm_is_frozen() -> None:
    # Baselines and GitLab/GitHub history depend on this exact value: change it knowingly.
    value = fingerprint("https://a.fr/contact?b=2&a=1", "11.1.1", "axe:label", "form  >  input")
    assert value == fingerprint("http://x/contact?a=1&b=2", "11.1.1", "axe:label", "form>input")
    assert re.fullmatch("[0-9a-f]{64}", value)
    assert value == "3e2eefe5a4dccf6fc9e643bdbebe303f344ae67aafe9fb9279d90b497f8a49f8"


def test_same_findings_on_reordered_pages_keep_their_fingerprints(report: dict) -> None:
    def prints(doc: dict) -> set[str]:
        sarif = json.loads(render_sarif(doc))["runs"][0]["results"]
        return {r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif}

    before = prints(report)
    gitlab_before = {i["fingerprint"] for i in json.loads(render_gitlab(report))}
    report["pages"].reverse()
    for verdict in report["pages"][1]["criteria"].values():
        verdict["findings"].reverse()
        for f in verdict["findings"]:
            f["snippet"] = f["snippet"] + "<!-- edited -->"
    assert prints(report) == before
    assert {i["fingerprint"] for i in json.loads(render_gitlab(report))} == gitlab_before


# --- SARIF --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("to_verify", [True, False])
def test_sarif_validates_against_the_official_schema(report: dict, lang, to_verify) -> None:
    log = json.loads(render_sarif(report, lang=lang, include_to_verify=to_verify))
    _sarif_validator().validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_sarif_validator_rejects_a_broken_log(report: dict) -> None:
    log = json.loads(render_sarif(report))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _sarif_validator().validate(log)


def test_sarif_results_rules_and_locations(report: dict) -> None:
    run = json.loads(render_sarif(report))["runs"][0]
    failures = _all_findings(report, "findings")
    verify = _all_findings(report, "to_verify")
    results = run["results"]
    assert [r["level"] for r in results] == ["error"] * len(failures) + ["note"] * len(verify)
    driver = run["tool"]["driver"]
    assert driver["name"] == "rgaa-audit" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    tests = {f["test"] for _, f in failures + verify}
    assert [rule["id"] for rule in driver["rules"]] == sorted(
        (f"RGAA-{t}" for t in tests), key=lambda r: [int(x) for x in r[5:].split(".")]
    )
    for rule in driver["rules"]:
        assert rule["helpUri"].startswith("https://accessibilite.numerique.gouv.fr/")
        assert f"]({rule['helpUri']})" in rule["help"]["markdown"]  # GitHub ignores helpUri
        assert rule["shortDescription"]["text"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]
        assert location["physicalLocation"]["region"]["startLine"] == 1
        assert location["physicalLocation"]["artifactLocation"]["uri"].startswith("https://")
        assert location["logicalLocations"][0]["fullyQualifiedName"]
        line_hash = result["partialFingerprints"]["primaryLocationLineHash"]
        assert re.fullmatch("[0-9a-f]{64}", line_hash)
    assert run["properties"]["truncated"] is False
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "timeout" in notes[0]["message"]["text"]


def test_sarif_folds_repeats_of_one_fingerprint(report: dict) -> None:
    verdict = report["pages"][0]["criteria"]["1.1"]
    verdict["findings"].append({**verdict["findings"][0], "snippet": "<img other>"})
    results = json.loads(render_sarif(report, include_to_verify=False))["runs"][0]["results"]
    assert len(results) == len(_all_findings(report, "findings")) - 1
    assert results[0]["occurrenceCount"] == 2


def test_sarif_caps_results_and_says_so(report: dict) -> None:
    page = report["pages"][0]
    page["criteria"]["3.2"]["to_verify"] = [
        {"test": "3.2.1", "selector": f"p:nth-of-type({i})", "snippet": "", "message": "m",
         "source": "axe:color-contrast", "kind": "to-verify"} for i in range(3000)
    ]
    page["criteria"]["1.1"]["findings"] = [
        {"test": "1.1.1", "selector": f"img:nth-of-type({i})", "snippet": "", "message": "m",
         "source": "axe:image-alt", "kind": "failure"} for i in range(3000)
    ]
    log = json.loads(render_sarif(report))
    _sarif_validator().validate(log)
    run = log["runs"][0]
    assert len(run["results"]) == 5000
    assert run["properties"]["truncated"] is True
    assert run["properties"]["results_total"] > 6000
    failures = sum(1 for r in run["results"] if r["level"] == "error")
    assert failures == len(_all_findings(report, "findings"))  # failures are kept first


def test_sarif_carries_hostile_strings_safely(report: dict) -> None:
    _add_hostile_finding(report)
    text = render_sarif(report)
    log = json.loads(text)
    _sarif_validator().validate(log)
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any("<script>" in m for m in messages)  # JSON carries it as data, intact
    assert all(len(m) < 1400 for m in messages)


# --- JUnit --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_junit_validates_against_the_xsd(report: dict, lang) -> None:
    document = etree.fromstring(render_junit(report, lang=lang).encode("utf-8"))
    _junit_schema().assertValid(document)


def test_junit_xsd_rejects_a_broken_document(report: dict) -> None:
    document = etree.fromstring(render_junit(report).encode("utf-8"))
    del document[0].attrib["failures"]
    assert not _junit_schema().validate(document)


def test_junit_structure_and_counts(report: dict) -> None:
    root = etree.fromstring(render_junit(report).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [p["url"] for p in report["pages"]]
    for suite, page in zip(suites, report["pages"], strict=True):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors")) == len(suite.findall("testcase/error"))
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
        statuses = [v["status"] for v in page["criteria"].values()]
        if page["status"] == "audited":
            assert len(cases) == 106
            assert int(suite.get("failures")) == statuses.count("NC")
            assert int(suite.get("skipped")) == statuses.count("NT") + statuses.count("NA")
            assert int(suite.get("errors")) == 0
        else:
            assert len(cases) == 1 and int(suite.get("errors")) == 1
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == 4 and int(root.get("errors")) == 1
    case = suites[0].find("testcase")
    assert case.get("classname") == "RGAA.1" and case.get("name").startswith("1.1")
    failure = case.find("failure")
    assert "header > a.logo > img" in failure.text and '<img src="/img/marianne.svg">' in (
        failure.text
    )
    nt = next(c for c in suites[0] if c.get("name", "").startswith("3.2")).find("skipped")
    assert nt.get("type") == "NT" and "footer p.mentions" in nt.text


def test_junit_escapes_hostile_strings(report: dict) -> None:
    _add_hostile_finding(report)
    xml = render_junit(report)
    root = etree.fromstring(xml.encode("utf-8"))  # well-formed despite NUL, ]]>, lone surrogate
    _junit_schema().assertValid(root)
    assert "<script>" not in xml
    failure = root.find("testsuite/testcase/failure")
    assert "]]></failure><script>alert(1)</script>" in failure.text
    assert "\x00" not in failure.text and "\x1b" not in failure.text
    assert root.find("testsuite/properties/property[@name='title']") is not None


# --- GitLab Code Quality ------------------------------------------------------------------

def test_gitlab_issues_validate_and_count(report: dict) -> None:
    issues = json.loads(render_gitlab(report))
    jsonschema.Draft202012Validator(_json_schema("gitlab-codequality.schema.json")).validate(issues)
    failures = _all_findings(report, "findings")
    verify = _all_findings(report, "to_verify")
    severities = [i["severity"] for i in issues]
    assert severities.count("major") == len(failures)
    assert severities.count("info") == len(verify)
    assert severities.count("critical") == 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    paths = {i["location"]["path"] for i in issues}
    assert paths == {"/", "/contact?a=1&b=2", "/agenda"}
    assert all(i["location"]["lines"]["begin"] == 1 for i in issues)
    without = json.loads(render_gitlab(report, include_to_verify=False))
    assert len(without) == len(issues) - len(verify)


def test_gitlab_schema_rejects_a_missing_fingerprint(report: dict) -> None:
    issues = json.loads(render_gitlab(report))
    del issues[0]["fingerprint"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(
            _json_schema("gitlab-codequality.schema.json")
        ).validate(issues)


def test_gitlab_carries_hostile_strings_as_data(report: dict) -> None:
    _add_hostile_finding(report)
    issues = json.loads(render_gitlab(report))
    assert any("<script>" in i["description"] for i in issues)
    assert all(len(i["description"]) < 1500 for i in issues)


# --- Markdown -----------------------------------------------------------------------------

def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row))


def test_markdown_summary_in_french(report: dict) -> None:
    md = render_markdown(report)
    assert md.startswith("## Audit RGAA 4.1.2")
    assert "| Taux global de conformité | 50\u202f% |" in md
    assert "| Taux moyen par page | 63,33\u202f% |" in md
    assert "| Critères NC / NT / C / NA | 3 / 99 / 3 / 1 |" in md
    assert "Résultats provisoires" in md and "99 critère(s)" in md
    top = [row for row in _table_rows(md) if row.startswith("| [")]
    assert top[0].startswith("| [11.1](") and "| 2 | 3 |" in top[0]
    assert len(top) == 3
    assert "| https://mairie.example.fr/agenda | timeout |" in md


def test_markdown_summary_in_english_with_diff(report: dict) -> None:
    diff = {
        "rate_before": 40.0, "rate_after": 50.0, "fixed": 2, "still_open": [{}, {}, {}],
        "new": [{"url": "/contact", "test": "8.5.1", "selector": "head", "message": "no title"}],
    }
    md = render_markdown(report, lang="en", diff=diff)
    assert "| Overall compliance rate | 50% |" in md
    assert "| Overall compliance rate | 40% | 50% |" in md
    assert "New: 1 · Fixed: 2 · Still open: 3" in md
    assert "- **8.5.1** /contact no title (head)" in md
    assert "not compliant" in md
    assert "Change since the baseline" not in render_markdown(report, lang="en")


def test_markdown_escapes_hostile_strings(report: dict) -> None:
    _add_hostile_finding(report)
    report["pages"][2]["url"] = "https://a.fr/<img src=x onerror=alert(1)>|`x`" + "z" * 500
    diff = {"new": [{"url": HOSTILE, "test": "1.1.1", "selector": HOSTILE, "message": HOSTILE}]}
    md = render_markdown(report, diff=diff)
    assert "<img" not in md and "<script" not in md
    assert "@admin" not in md and "&#64;admin" in md
    assert not re.search(r"(?<!\\)\]\(https://evil", md) and "\\[lien\\](https://evil" in md
    assert "\x00" not in md and "z" * 200 not in md
    rows = _table_rows(md)
    assert all(_cells(row) in (3, 4, 5) for row in rows)  # a 2-, 3- or 4-column table
    failed_row = next(r for r in rows if "a.fr/" in r)
    assert _cells(failed_row) == 4  # the hostile URL and error added no column
    assert "`" not in esc("`x`").replace("\\`", "")


def test_markdown_without_non_compliant_criteria(report: dict) -> None:
    for page in report["pages"]:
        for verdict in page["criteria"].values():
            if verdict["status"] == "NC":
                verdict["status"] = "NT"
    assert "Aucun critère non conforme" in render_markdown(report)


# --- what the CI stage and the site-wide checks add -------------------------------------------

def _add_ci_marks(report: dict) -> None:
    """Baseline marks, a waived criterion, gates, a baseline block and site-wide findings."""
    page = report["pages"][0]
    first, second = page["criteria"]["1.1"]["findings"][:2]
    first["baseline"], second["baseline"] = "new", "unchanged"
    page["criteria"]["11.1"]["findings"][0]["baseline"] = "unchanged"
    page["criteria"]["11.1"]["waived"] = {"reason": HOSTILE, "expires": "2031-01-31"}
    report["site_findings"] = {
        "8.6.1": [{"test": "8.6.1", "selector": "html", "snippet": "", "kind": "failure",
                   "message": "Même titre " + HOSTILE, "source": "rgaa-audit:site-same-title",
                   "baseline": "new"}],
        "12.2.1": [{"test": "12.2.1", "selector": "html", "snippet": "", "kind": "to-verify",
                    "message": "Menu différent", "source": "rgaa-audit:site-menu-consistency"}],
    }
    report["summary"]["site_nc_criteria"] = ["8.6"]
    report["baseline"] = {"file": "base.json", "new": 2, "unchanged": 2, "fixed": 1,
                          "new_criteria": ["1.1", "8.6"]}
    report["gates"] = [
        {"name": "fail-under", "level": "error", "limit": 80, "passed": False,
         "detail": "taux 50 % < 80 % " + HOSTILE},
        {"name": "never-nc", "level": "warn", "limit": ["8.5"], "passed": True, "detail": "ok"},
    ]
    report["waivers"] = [
        {"criterion": "11.1", "reason": HOSTILE, "expires": "2031-01-31", "active": True},
        {"criterion": "1.1", "reason": "vieille", "expires": "2020-01-01", "active": False},
    ]
    report["site"]["missing_required_pages"] = [
        {"kind": "accessibilite", "label_fr": "déclaration d'accessibilité",
         "label_en": "accessibility statement", "required_by_law": True},
        {"kind": "aide", "label_fr": "aide", "label_en": "help", "required_by_law": False},
    ]


def test_report_with_ci_marks_still_validates(report: dict) -> None:
    _add_ci_marks(report)
    _report_validator().validate(report)


def test_sarif_baseline_state_and_suppressions(report: dict) -> None:
    _add_ci_marks(report)
    log = json.loads(render_sarif(report))
    _sarif_validator().validate(log)
    results = log["runs"][0]["results"]
    by_rule: dict[str, list[dict]] = {}
    for result in results:
        by_rule.setdefault(result["ruleId"], []).append(result)
    states = sorted(r.get("baselineState", "-") for r in by_rule["RGAA-1.1.1"])
    assert states == ["new", "unchanged"]
    assert all("suppressions" not in r for r in by_rule["RGAA-1.1.1"])
    page_one = report["pages"][0]["url"]
    failures = [r for r in by_rule["RGAA-11.1.1"] if r["level"] == "error"]
    (waived,) = [r for r in failures
                 if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == page_one]
    assert all("suppressions" not in r for r in failures if r is not waived)  # other page
    assert waived["baselineState"] == "unchanged"
    (suppression,) = waived["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith('x" onmouseover=')
    assert "\x00" not in json.dumps(log)
    # unmarked findings carry no state
    assert all("baselineState" not in r for r in results if r["level"] == "note"
               and r["properties"]["scope"] == "page")


def test_sarif_reports_site_wide_findings(report: dict) -> None:
    _add_ci_marks(report)
    results = json.loads(render_sarif(report))["runs"][0]["results"]
    site = [r for r in results if r["properties"]["scope"] == "site"]
    assert {(r["ruleId"], r["level"]) for r in site} == {
        ("RGAA-8.6.1", "error"), ("RGAA-12.2.1", "note")}
    same_title = next(r for r in site if r["ruleId"] == "RGAA-8.6.1")
    assert same_title["baselineState"] == "new"
    location = same_title["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert location == "https://mairie.example.fr/"
    levels = [r["level"] for r in results]
    assert levels == sorted(levels, key=lambda level: level == "note")  # failures first
    without = json.loads(render_sarif(report, include_to_verify=False))["runs"][0]["results"]
    assert not any(r["ruleId"] == "RGAA-12.2.1" for r in without)


def test_sarif_without_ci_marks_is_unchanged(report: dict) -> None:
    results = json.loads(render_sarif(report))["runs"][0]["results"]
    assert all("baselineState" not in r and "suppressions" not in r for r in results)
    assert all(r["properties"]["scope"] == "page" for r in results)


def test_markdown_gates_baseline_and_waivers(report: dict) -> None:
    _add_ci_marks(report)
    md = render_markdown(report)
    assert "### Seuils de qualité" in md
    assert "| fail-under | ❌ non respecté | bloquant | taux 50 % &lt; 80 % " in md
    assert "| never-nc | ✅ respecté | avertissement | ok |" in md
    assert "Référence (`base.json`) : 2 nouveau(x), 2 déjà connu(s), 1 corrigé(s)" in md
    assert "**Dérogations en vigueur** (1)" in md and "vieille" not in md
    assert "| Constats à l'échelle du site (NC / à vérifier) | 1 / 1 |" in md
    assert "**Pages exigées par la loi introuvables** : déclaration d'accessibilité" in md
    assert "aide" not in md.split("Pages exigées")[1].split("\n")[0]
    assert "<script" not in md and "@admin" not in md
    rows = _table_rows(md)
    assert all(_cells(row) in (3, 4, 5) for row in rows)  # hostile text added no column
    english = render_markdown(report, lang="en")
    assert "| fail-under | ❌ failed | blocking |" in english
    assert "Baseline (`base.json`): 2 new, 2 already known, 1 fixed" in english
    assert "Pages required by law not found**: accessibility statement" in english


def test_markdown_diff_replaces_the_stored_baseline_line(report: dict) -> None:
    _add_ci_marks(report)
    md = render_markdown(report, diff={"new": 2, "fixed": 1, "still_open": 2})
    assert "Évolution depuis la référence" in md and "Référence (`base.json`)" not in md


def test_markdown_without_ci_data_has_no_ci_block(report: dict) -> None:
    md = render_markdown(report)
    assert "Seuils de qualité" not in md and "Dérogations" not in md
    assert "échelle du site" not in md and "exigées par la loi" not in md
