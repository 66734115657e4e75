"""GitLab Code Quality rendering of report.json (the merge-request widget and MR diff view).

An array of issues with the fields GitLab requires: `description`, `check_name`,
`fingerprint`, `severity`, `location.path` and `location.lines.begin`. GitLab compares the
fingerprints of two pipelines to show new and resolved issues, so the fingerprint is our stable
one (see fingerprints.py); an issue repeated with the same fingerprint is written once.
- a failure (evidence of NC) -> severity `major`;
- an item to verify -> severity `info`;
- a page that could not be audited -> severity `critical`, so it is never silent.
`location.path` is the page's URL path (with its sorted query), since a web page has no file.
"""

from __future__ import annotations

import hashlib
import json

from rgaa_audit.conclude.fingerprints import page_key, report_findings, valid_unicode
from rgaa_audit.conclude.obligations import obligation_name, obligation_text, stored_results
from rgaa_audit.i18n import finding_text, table
from rgaa_audit.model import bounded


def render_gitlab(report: dict, lang: str = "fr", include_to_verify: bool = True) -> str:
    """GitLab Code Quality JSON (text) of the report's findings and failed pages."""
    text = table("gitlab", lang)  # labels: [gitlab] in reports/i18n/<lang>.toml
    issues: list[dict] = []
    seen: set[str] = set()
    for page, finding, fp in report_findings(report, include_to_verify):
        if fp in seen:
            continue
        seen.add(fp)
        issues.append(_issue(page, finding, fp, text, lang))
    for page in report.get("pages") or []:
        if page.get("status") not in ("audited", "skipped"):
            issues.append(_page_issue(page, text))
    for result in stored_results(report):
        if result.get("status") == "fail":
            issues.append(_obligation_issue(report, result, lang))
    return valid_unicode(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"


def _obligation_issue(report: dict, result: dict, lang: str) -> dict:
    """A declarative obligation not met (located at the home page, severity major)."""
    name = obligation_name(str(result["id"]), lang)
    detail = obligation_text(str(result.get("key")), result.get("params") or {}, lang)
    home = str((report.get("obligations") or {}).get("home")
               or (report.get("site") or {}).get("start_url") or "")
    key = json.dumps([page_key(home), "obligation", str(result["id"])])
    return {
        "type": "issue",
        "description": bounded(f"{table('obligations', lang)['sarif_rule']} — {name}"
                               f"{' : ' if lang == 'fr' else ': '}{detail}", 1000),
        "check_name": f"rgaa-audit/obligation/{result['id']}",
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "severity": "major",
        "categories": ["Compatibility"],
        "location": _location({"url": home}),
    }


def _issue(page: dict, finding: dict, fp: str, text: dict[str, str], lang: str) -> dict:
    verify = finding.get("kind") == "to-verify"
    test = str(finding.get("test", ""))
    message = finding_text(finding, lang)
    description = text["verify" if verify else "failure"].format(test=test, message=message)
    selector = bounded(str(finding.get("selector") or ""))
    if selector:
        description += text["element"].format(selector=selector)
    source = bounded(str(finding.get("source") or "rgaa-audit"), 100)
    return {
        "type": "issue",
        "description": description,
        "check_name": f"RGAA-{test}/{source}",
        "fingerprint": fp,
        "severity": "info" if verify else "major",
        "categories": ["Compatibility"],
        "location": _location(page),
    }


def _page_issue(page: dict, text: dict[str, str]) -> dict:
    status = str(page.get("status", ""))
    error = bounded(str(page.get("error") or page.get("http_status") or ""))
    key = json.dumps([page_key(str(page.get("url", ""))), "page-not-audited"])
    return {
        "type": "issue",
        "description": text["page_failed"].format(status=status, error=error),
        "check_name": "rgaa-audit/page-not-audited",
        "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
        "severity": "critical",
        "categories": ["Bug Risk"],
        "location": _location(page),
    }


def _location(page: dict) -> dict:
    return {"path": bounded(page_key(str(page.get("url", ""))), 2000), "lines": {"begin": 1}}
