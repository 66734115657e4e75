"""SARIF 2.1.0 rendering of report.json, for GitHub code scanning and other SARIF viewers.

One run; one rule per RGAA test that has a result ("RGAA-1.1.1"), with the official criterion
link both in `helpUri` and in `help.markdown` (GitHub shows only the latter). Each failure is a
result of level `error`, each item to verify (optional) a result of level `note`. A web page
has no source line, so the location is the page URL with `startLine` 1 (GitHub requires a
physical location), the CSS selector goes in `logicalLocations`, and
`partialFingerprints.primaryLocationLineHash` is our own stable fingerprint. Repeats of one
fingerprint fold into one result with `occurrenceCount`. At most `max_results` results are
written (failures first); `run.properties` says when the list was cut. Pages that could not be
audited are reported as tool execution notifications, so none passes silently.

Site-wide findings (checks that compare pages, `report["site_findings"]`) are results located
at the start URL with `properties.scope` "site". CI marks are mapped: a finding's
`"baseline": "new"|"unchanged"` becomes `baselineState` (a folded result is new when any of
its occurrences is), and a finding of a waived criterion (`verdict["waived"]`) carries an
external, accepted suppression whose justification is the waiver's reason.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from rgaa_audit.conclude.fingerprints import (
    finding_fingerprint,
    id_sort_key,
    report_findings,
    valid_unicode,
)
from rgaa_audit.conclude.obligations import stored_results
from rgaa_audit.i18n import finding_text, table
from rgaa_audit.model import bounded
from rgaa_audit.referential import criterion_of
from rgaa_audit.report.labels import criterion_title, criterion_url, test_summary

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DEFAULT_INFORMATION_URI = "https://accessibilite.numerique.gouv.fr/methode/"
MAX_RESULTS = 5000
BASELINE_STATES = ("new", "unchanged")
_URI_SAFE = ":/?#[]@!$&'()*+,;=%-._~"

def render_sarif(
    report: dict,
    lang: str = "fr",
    include_to_verify: bool = True,
    max_results: int = MAX_RESULTS,
) -> str:
    """SARIF 2.1.0 log (JSON text) of the report's findings."""
    text = table("sarif", lang)  # labels: [sarif] in reports/i18n/<lang>.toml
    results, total = _results(report, text, lang, include_to_verify, max_results)
    rule_ids = sorted(
        {r["ruleId"] for r in results}, key=lambda rule: id_sort_key(rule.removeprefix("RGAA-"))
    )
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    for result in results:
        result["ruleIndex"] = index[result["ruleId"]]
    tool = report.get("tool") or {}
    driver = {
        "name": "rgaa-audit",
        "version": str(tool.get("version") or "0"),
        "informationUri": _uri(tool.get("information_uri") or DEFAULT_INFORMATION_URI),
        "rules": [_rule(rule_id.removeprefix("RGAA-"), lang, text) for rule_id in rule_ids],
    }
    summary = report.get("summary") or {}
    run = {
        "tool": {"driver": driver},
        "invocations": [_invocation(report, text)],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "rgaa_version": report.get("rgaa_version"),
            "start_url": (report.get("site") or {}).get("start_url"),
            "global_rate": summary.get("global_rate"),
            "conformance": summary.get("conformance"),
            "provisional": summary.get("provisional"),
            "results_total": total,
            "results_written": len(results),
            "truncated": total > len(results),
            # the declarative obligations, apart from the RGAA results (conclude/obligations.py)
            "obligations": [{"id": r["id"], "status": r["status"]}
                            for r in stored_results(report)],
        },
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return valid_unicode(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def _results(
    report: dict, text: dict[str, str], lang: str, include_to_verify: bool, max_results: int
) -> tuple[list[dict], int]:
    """Results folded by (fingerprint, kind), failures first; the count before the cap."""
    folded: dict[tuple[str, str], dict] = {}
    ordered = _site_findings(report, include_to_verify) + report_findings(report, include_to_verify)
    ordered.sort(key=lambda item: item[1].get("kind") == "to-verify")  # failures first, stable
    for page, finding, fp in ordered:
        kind = "to-verify" if finding.get("kind") == "to-verify" else "failure"
        key = (fp, kind)
        state = finding.get("baseline")
        if key in folded:
            folded[key]["occurrenceCount"] += 1
            if state == "new":
                folded[key]["baselineState"] = "new"
            continue
        folded[key] = _result(page, finding, fp, kind, text, lang)
        if state in BASELINE_STATES:
            folded[key]["baselineState"] = state
        waiver = _waiver(page, finding)
        if waiver is not None:
            folded[key]["suppressions"] = [waiver]
    results = list(folded.values())
    return results[: max(0, max_results)], len(results)


def _site_findings(report: dict, include_to_verify: bool) -> list[tuple[dict, dict, str]]:
    """Site-wide findings as (pseudo page at the start URL, finding, fingerprint)."""
    start = str((report.get("site") or {}).get("start_url") or "")
    page = {"url": start, "scope": "site"}
    raw = report.get("site_findings")
    raw = raw if isinstance(raw, dict) else {}
    found = []
    for test in sorted(raw, key=id_sort_key):
        for finding in raw[test] if isinstance(raw[test], list) else []:
            if not isinstance(finding, dict):
                continue
            if finding.get("kind") == "to-verify" and not include_to_verify:
                continue
            found.append((page, finding, "site:" + finding_fingerprint(start, finding)))
    return found


def _waiver(page: dict, finding: dict) -> dict | None:
    """An external suppression when the finding's criterion is waived on its page."""
    verdict = (page.get("criteria") or {}).get(criterion_of(str(finding.get("test", ""))))
    waived = verdict.get("waived") if isinstance(verdict, dict) else None
    if not waived:
        return None
    reason = waived.get("reason") if isinstance(waived, dict) else None
    suppression = {"kind": "external", "status": "accepted"}
    if reason:
        suppression["justification"] = bounded(str(reason), 1000)
    return suppression


def _result(page: dict, finding: dict, fp: str, kind: str, text: dict[str, str],
            lang: str) -> dict:
    test = str(finding.get("test", ""))
    selector = bounded(str(finding.get("selector") or ""))
    label = text["verify"] if kind == "to-verify" else text["failure"]
    message = finding_text(finding, lang) or label
    region: dict = {"startLine": 1}
    snippet = bounded(str(finding.get("snippet") or ""), 500)
    if snippet:
        region["snippet"] = {"text": snippet}
    location: dict = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(str(page.get("url", "")))},
            "region": region,
        },
    }
    if selector:
        location["logicalLocations"] = [{"fullyQualifiedName": selector, "kind": "element"}]
        message = f"{message} ({selector})"
    return {
        "ruleId": f"RGAA-{test}",
        "level": "note" if kind == "to-verify" else "error",
        "message": {"text": f"[{label}] {message}"},
        "locations": [location],
        "partialFingerprints": {"primaryLocationLineHash": fp},
        "occurrenceCount": 1,
        "properties": {
            "criterion": criterion_of(test),
            "source": str(finding.get("source", "")),
            "kind": kind,
            "scope": "site" if page.get("scope") == "site" else "page",
        },
    }


def _rule(test: str, lang: str, text: dict[str, str]) -> dict:
    criterion = criterion_of(test)
    url = _uri(criterion_url(criterion))
    fallback = text["short"].format(criterion=criterion, test=test)
    title = criterion_title(criterion, lang)
    short = f"{criterion} {title}" if title else fallback
    full = test_summary(test, lang) or short
    help_text = text["help"].format(criterion=criterion)
    markdown = f"**{_md(short)}**\n\n"
    if full != short:
        markdown += f"{_md(full)}\n\n"
    markdown += f"[{_md(help_text)}]({url})"
    return {
        "id": f"RGAA-{test}",
        "name": f"RGAA test {test}",
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "helpUri": url,
        "help": {
            "text": f"{help_text} — {url}",
            "markdown": markdown,
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "tags": ["accessibility", "rgaa", f"rgaa-{criterion}"],
            "precision": "high",
        },
    }


def _invocation(report: dict, text: dict[str, str]) -> dict:
    """One invocation; each page that could not be audited becomes an error notification."""
    notifications = []
    for page in report.get("pages") or []:
        status = page.get("status")
        if status in ("audited", "skipped"):
            continue
        error = bounded(str(page.get("error") or page.get("http_status") or ""))
        notifications.append({
            "level": "error",
            "message": {"text": text["page_failed"].format(status=status, error=error)},
            "locations": [{
                "physicalLocation": {"artifactLocation": {"uri": _uri(str(page.get("url", "")))}},
            }],
        })
    invocation: dict = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _uri(url: str) -> str:
    """Percent-encode what a URI may not hold (spaces, quotes, non-ASCII...)."""
    return quote(url, safe=_URI_SAFE)


def _md(value: str) -> str:
    """Escape the Markdown characters that could turn our labels into links or markup."""
    for char in "\\`*_[]<>|":
        value = value.replace(char, "\\" + char)
    return value
