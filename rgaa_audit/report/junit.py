"""JUnit XML rendering of report.json, for CI test reports (GitLab, Jenkins, Azure...).

One `<testsuite>` per page (name = the URL), one `<testcase>` per criterion
(classname "RGAA.<theme number>", name "<id> <title>"):
- NC -> `<failure>` whose text lists the findings (message, selector, snippet, source);
- NT -> `<skipped>`: a person must decide; the items flagged for them are listed;
- NA -> `<skipped>`: the criterion does not apply to the page;
- C  -> passes.
A page that could not be audited is one testcase with an `<error>` (an out-of-scope page, one
with `<skipped>`), so it can never count as a pass. lxml escapes the text; characters that XML
1.0 cannot hold at all (NUL and other control characters) are removed first.
"""

from __future__ import annotations

import re

from lxml import etree

from rgaa_audit.conclude.fingerprints import id_sort_key
from rgaa_audit.conclude.obligations import obligation_name, obligation_text, stored_results
from rgaa_audit.i18n import finding_text, table
from rgaa_audit.model import bounded
from rgaa_audit.report.labels import criterion_title, criterion_url

MAX_FINDINGS_PER_CASE = 50
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

def render_junit(report: dict, lang: str = "fr") -> str:
    """JUnit XML (text, UTF-8 declaration) of the report."""
    text = table("junit", lang)  # labels: [junit] in reports/i18n/<lang>.toml
    root = etree.Element("testsuites")
    root.set("name", text["suites"].format(version=report.get("rgaa_version", "")))
    started = str((report.get("site") or {}).get("started_at") or "")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for page in report.get("pages") or []:
        suite = _suite(page, lang, text, started)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    obligations = stored_results(report)
    if obligations:
        suite = _obligations_suite(obligations, lang, started)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ).decode("utf-8")


def _obligations_suite(results: list[dict], lang: str, started: str) -> etree._Element:
    """The declarative obligations, apart from the pages: one testcase each (not met ->
    `<failure>`, still to verify -> `<skipped>`)."""
    words = table("obligations", lang)
    suite = etree.Element("testsuite", name=words["junit_suite"])
    if started:
        suite.set("timestamp", _clean(started, 64))
    failures = skipped = 0
    for result in results:
        case = etree.SubElement(suite, "testcase", classname="RGAA.obligations")
        case.set("name", _clean(obligation_name(str(result["id"]), lang)))
        detail = _clean(obligation_text(str(result.get("key")), result.get("params") or {},
                                        lang), 2000)
        if result.get("status") == "fail":
            failure = etree.SubElement(case, "failure", type="obligation")
            failure.set("message", detail)
            failures += 1
        elif result.get("status") == "unknown":
            etree.SubElement(case, "skipped", type="to-verify", message=detail)
            skipped += 1
        elif detail:
            etree.SubElement(case, "system-out").text = detail
    for key, value in (("tests", len(results)), ("failures", failures), ("errors", 0),
                       ("skipped", skipped)):
        suite.set(key, str(value))
    return suite


def _suite(page: dict, lang: str, text: dict[str, str], started: str) -> etree._Element:
    suite = etree.Element("testsuite")
    suite.set("name", _clean(str(page.get("url", "")), 2000))
    if started:
        suite.set("timestamp", _clean(started, 64))
    properties = etree.SubElement(suite, "properties")
    for name in ("status", "final_url", "http_status", "title", "rate"):
        value = page.get(name)
        if value is not None and value != "":
            _property(properties, name, str(value))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    status = page.get("status")
    if status != "audited":
        case = etree.SubElement(suite, "testcase", classname="RGAA.page", name=text["page_case"])
        counts["tests"] = 1
        if status == "skipped":
            etree.SubElement(case, "skipped", message=text["page_skipped"])
            counts["skipped"] = 1
        else:
            error = str(page.get("error") or page.get("http_status") or "")
            message = text["page_error"].format(status=status, error=error)
            element = etree.SubElement(case, "error", type=_clean(str(status), 32))
            element.set("message", _clean(message))
            counts["errors"] = 1
    criteria = page.get("criteria") or {}
    for criterion_id in sorted(criteria, key=id_sort_key):
        verdict = criteria[criterion_id] or {}
        outcome = _case(suite, criterion_id, verdict, lang, text)
        counts["tests"] += 1
        if outcome:
            counts[outcome] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _case(
    suite: etree._Element, criterion_id: str, verdict: dict, lang: str, text: dict[str, str]
) -> str:
    """Append the testcase of one criterion; return the count it adds to ('' for a pass)."""
    title = criterion_title(criterion_id, lang)
    case = etree.SubElement(suite, "testcase")
    case.set("classname", f"RGAA.{_clean(criterion_id.split('.')[0], 8)}")
    case.set("name", _clean(f"{criterion_id} {title}".strip()))
    status = verdict.get("status")
    if status == "NC":
        findings = verdict.get("findings") or []
        failure = etree.SubElement(case, "failure", type="NC")
        failure.set("message", text["nc"].format(n=len(findings)))
        failure.text = _clean(_listing(findings, criterion_id, text, lang), 200_000)
        return "failures"
    if status == "NT":
        items = verdict.get("to_verify") or []
        message = text["nt_items"].format(n=len(items)) if items else text["nt"]
        skipped = etree.SubElement(case, "skipped", type="NT", message=message)
        if items:
            skipped.text = _clean(_listing(items, criterion_id, text, lang), 200_000)
        return "skipped"
    if status == "NA":
        etree.SubElement(case, "skipped", type="NA", message=text["na"])
        return "skipped"
    return ""


def _listing(findings: list[dict], criterion_id: str, text: dict[str, str], lang: str) -> str:
    """Plain-text evidence: one block per finding, bounded, then the official link."""
    lines: list[str] = []
    for finding in findings[:MAX_FINDINGS_PER_CASE]:
        lines.append(f"- [{finding.get('test', '')}] {finding_text(finding, lang)}")
        for label, key, limit in (
            ("selector", "selector", 300),
            ("snippet", "snippet", 500),
            ("source", "source", 100),
        ):
            value = bounded(finding.get(key), limit)
            if value:
                lines.append(f"  {text[label]}{value}")
    if len(findings) > MAX_FINDINGS_PER_CASE:
        lines.append(text["more"].format(n=len(findings) - MAX_FINDINGS_PER_CASE))
    lines.append(f"{text['see']}{criterion_url(criterion_id)}")
    return "\n".join(lines)


def _property(parent: etree._Element, name: str, value: str) -> None:
    etree.SubElement(parent, "property", name=name, value=_clean(value, 2000))


def _clean(value: str, limit: int = 1000) -> str:
    """Bound the text and drop characters XML 1.0 cannot carry (lxml escapes the rest)."""
    return bounded(_NOT_XML.sub("", value), limit)
