"""Stable identities for the machine-readable reports: finding fingerprints.

A finding's fingerprint is what SARIF (`partialFingerprints`), GitLab Code Quality
(`fingerprint`) and the baseline use to recognise "the same problem" from one run to the next.
It is a SHA-256 over four coarse fields, and never over the HTML snippet, whose text changes
with unrelated edits (a new class, a new sentence):

1. the page key: URL path plus query with its parameters sorted; scheme, host and fragment
   dropped, so staging and production runs of one site share fingerprints;
2. the RGAA test id ("1.1.1");
3. the source, i.e. the check id ("axe:image-alt", "rgaa-audit:page-title");
4. the selector with its whitespace normalised (runs collapsed, none around `>`, `+`, `~`
   and `,` outside quotes).

Choice on positional parts such as `:nth-of-type(2)`: they are kept. Dropping them would fold
every image of a list into one key, so fixing one and breaking another would cancel out
unseen. Keeping them means that inserting an element before others may shift indexes and show
as one fixed plus one new finding; the baseline's per-(page, test) counts absorb that case.

Rule labels (criterion title, official link) live in report/labels.py. This module sits in the
store stage so that the history database (store/history) records the same fingerprints;
`rgaa_audit.conclude.fingerprints` re-exports it for the conclusion stage and the renderers.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

_COMBINATORS = frozenset(">+~,")
_SURROGATES = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """Replace lone surrogates (possible in JSON from a site) so the text encodes as UTF-8."""
    return _SURROGATES.sub("\ufffd", text)


def page_key(url: str) -> str:
    """'https://h/a/b?z=1&a=2#x' -> '/a/b?a=2&z=1' (path and sorted query, no host)."""
    parts = urlsplit(url or "")
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~")
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return path + ("?" + urlencode(query) if query else "")


def normalise_selector(selector: str) -> str:
    """Collapse whitespace outside quoted strings and drop it around combinators."""
    out: list[str] = []
    quote_char = ""
    escaped = pending_space = False
    for char in (selector or "").strip():
        if quote_char:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote_char:
                quote_char = ""
            continue
        if char.isspace():
            pending_space = True
            continue
        if pending_space and out and out[-1] not in _COMBINATORS and char not in _COMBINATORS:
            out.append(" ")
        pending_space = False
        if char in "\"'":
            quote_char = char
        out.append(char)
    return "".join(out)


def fingerprint(url: str, test: str, source: str, selector: str) -> str:
    """SHA-256 (hex) of the four coarse fields of a finding (see the module docstring)."""
    fields = [page_key(url), test, source, normalise_selector(selector)]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(valid_unicode(payload).encode("utf-8")).hexdigest()


def finding_fingerprint(page_url: str, finding: dict) -> str:
    """Fingerprint of one finding dict of report.json found on the page `page_url`."""
    return fingerprint(
        page_url,
        str(finding.get("test", "")),
        str(finding.get("source", "")),
        str(finding.get("selector", "")),
    )


def report_findings(report: dict, include_to_verify: bool = True) -> list[tuple[dict, dict, str]]:
    """Every finding of the audited pages as (page, finding, fingerprint), failures first.

    Failures come before items to verify, then in page order and criterion order, so that a
    renderer that must cap its output keeps the failures.
    """
    failures: list[tuple[dict, dict, str]] = []
    to_verify: list[tuple[dict, dict, str]] = []
    for page in report.get("pages") or []:
        if page.get("status") != "audited":
            continue
        url = str(page.get("url", ""))
        criteria = page.get("criteria") or {}
        for criterion_id in sorted(criteria, key=id_sort_key):
            verdict = criteria[criterion_id] or {}
            for finding in verdict.get("findings") or []:
                failures.append((page, finding, finding_fingerprint(url, finding)))
            if include_to_verify:
                for finding in verdict.get("to_verify") or []:
                    to_verify.append((page, finding, finding_fingerprint(url, finding)))
    return failures + to_verify


def id_sort_key(identifier: str) -> tuple[int, ...]:
    """Numeric order of "10.2" or "1.1.3"; a malformed id sorts last instead of failing."""
    try:
        return tuple(int(part) for part in identifier.split("."))
    except ValueError:
        return (10**6,)
