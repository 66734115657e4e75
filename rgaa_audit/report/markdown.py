"""Short Markdown summary of report.json, for a merge-request note or `$GITHUB_STEP_SUMMARY`.

It shows the rates and conformance level, how many criteria are NC / NT / C / NA, the most
frequent NC criteria with their page counts, and the pages that could not be audited. With a
`diff` it adds the comparison with a previous run. The `diff` dict (made by the baseline
stage) may hold:
    rate_before, rate_after: percentages or None;
    new, fixed, still_open: a count, or a list of findings
        ({"url", "test", "selector", "message"}; the first ten are listed).
It also shows the CI gate results (`report["gates"]`), the baseline counts stored in the
report (`report["baseline"]`, when no `diff` is given), the waivers in force, the number of
site-wide findings and the pages required by law that the crawl did not find.
Everything from the audited site is escaped (`|`, backticks, `<`, `>`, `&`, `[`, `]`, `*`, `_`,
`\\`, and `@` so nobody is mentioned) and cut, and line breaks become spaces, so a cell stays a
cell.
"""

from __future__ import annotations

from collections import Counter

from rgaa_audit.conclude.fingerprints import (
    id_sort_key,
    valid_unicode,
)
from rgaa_audit.conclude.gates import stored_gate_detail
from rgaa_audit.conclude.obligations import obligation_name, obligation_text, stored_results
from rgaa_audit.i18n import finding_text, table
from rgaa_audit.model import bounded
from rgaa_audit.report.html.messages import condition_line
from rgaa_audit.report.labels import criterion_title, criterion_url

TOP_CRITERIA = 10
MAX_LISTED = 10
_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;",
    "\\": "\\\\", "`": "\\`", "|": "\\|", "[": "\\[", "]": "\\]", "*": "\\*", "_": "\\_",
    "\n": " ", "\r": " ", "\t": " ",
})

_CONFORMANCE_EN = {
    "totalement conforme": "fully compliant",
    "partiellement conforme": "partially compliant",
    "non conforme": "not compliant",
}


def render_markdown(report: dict, lang: str = "fr", diff: dict | None = None) -> str:
    """Markdown summary (text) of the report, with the baseline comparison when given."""
    text = table("markdown", lang)  # labels: [markdown] in reports/i18n/<lang>.toml
    summary = report.get("summary") or {}
    site = (report.get("site") or {}).get("start_url", "")
    lines = [f"## {text['title'].format(version=report.get('rgaa_version', ''), site=esc(site))}"]
    statuses = Counter((summary.get("criteria") or {}).values())
    manual = report.get("manual") if isinstance(report.get("manual"), dict) else None
    if manual:
        lines += ["", text["manual"].format(
            file=esc(str(manual.get("file") or "—")), applied=int(manual.get("applied") or 0),
            contested=int(manual.get("contested") or 0),
            recheck=len(manual.get("recheck") or []), orphaned=len(manual.get("orphaned") or []))]
    if summary.get("complete") is True:
        lines += ["", text["complete"]]
    elif summary.get("provisional"):
        lines += ["", text["provisional"].format(nt=statuses.get("NT", 0))]
    missing = _missing_by_law(report, lang)
    if missing:
        lines += ["", text["missing_law"].format(pages=", ".join(missing))]
    lines += ["", *_indicators(summary, statuses, lang, text)]
    lines[-1:] = [lines[-1], *_site_row(report, text)]
    gates = [g for g in report.get("gates") or [] if isinstance(g, dict)]
    if gates:
        lines += ["", *_gates(gates, text, lang)]
    if diff:
        lines += ["", *_diff(diff, lang, text)]
    elif isinstance(report.get("baseline"), dict):
        lines += ["", _baseline(report["baseline"], text)]
    waivers = [w for w in report.get("waivers") or [] if isinstance(w, dict) and w.get("active")]
    if waivers:
        lines += ["", *_waivers(waivers, text)]
    obligations = stored_results(report)
    if obligations:
        lines += ["", *_obligations(obligations, lang)]
    lines += ["", *_top_criteria(report, lang, text)]
    failed = [p for p in report.get("pages") or [] if p.get("status") != "audited"]
    if failed:
        lines += ["", *_failed_pages(failed, text)]
    return valid_unicode("\n".join(lines)) + "\n"


def esc(value: object, limit: int = 120) -> str:
    """Escape untrusted text for Markdown (tables included) and cut it to `limit`."""
    return bounded(str(value if value is not None else ""), limit).translate(_ESCAPES)


def rate(value: float | None, lang: str) -> str:
    """62.5 -> '62,5 %' (fr) or '62.5%' (en); None -> '—'."""
    if value is None:
        return "—"
    number = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return number.replace(".", ",") + "\u202f%" if lang != "en" else number + "%"


def _indicators(summary: dict, statuses: Counter, lang: str, text: dict[str, str]) -> list[str]:
    conformance = summary.get("conformance")
    if conformance and lang == "en":
        conformance = _CONFORMANCE_EN.get(conformance, conformance)
    total = sum(statuses.values())
    rows = [
        (text["pages_audited"], str(summary.get("pages_audited", 0))),
        (text["pages_failed"], str(summary.get("pages_failed", 0))),
        (text["global_rate"], rate(summary.get("global_rate"), lang)),
        (text["average_rate"], rate(summary.get("average_rate"), lang)),
        (text["conformance"], esc(conformance) if conformance else text["none"]),
        (text["decided"], f"{summary.get('decided_criteria', 0)} / {total}"),
        (text["by_status"], " / ".join(str(statuses.get(s, 0)) for s in ("NC", "NT", "C", "NA"))),
    ]
    table = [f"| {text['indicator']} | {text['value']} |", "| --- | --- |"]
    return table + [f"| {name} | {value} |" for name, value in rows]


def _diff(diff: dict, lang: str, text: dict[str, str]) -> list[str]:
    lines = [f"### {text['diff']}", ""]
    if "rate_before" in diff or "rate_after" in diff:
        lines += [
            f"| | {text['before']} | {text['after']} |", "| --- | --- | --- |",
            f"| {text['global_rate']} | {rate(diff.get('rate_before'), lang)} "
            f"| {rate(diff.get('rate_after'), lang)} |", "",
        ]
    counts = []
    for key in ("new", "fixed", "still_open"):
        if key in diff:
            counts.append(f"{text[key]}{text['sep']}{_count(diff[key])}")
    if counts:
        lines.append(" · ".join(counts))
    for key in ("new", "fixed"):
        items = diff.get(key)
        if isinstance(items, list) and items:
            lines += ["", f"**{text[key]}**", ""]
            lines += [f"- {_finding_line(item, lang)}" for item in items[:MAX_LISTED]]
            if len(items) > MAX_LISTED:
                lines.append(f"- {text['more'].format(n=len(items) - MAX_LISTED)}")
    return lines


def _count(value: object) -> int:
    if isinstance(value, list | tuple):
        return len(value)
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def _finding_line(item: object, lang: str) -> str:
    if not isinstance(item, dict):
        return esc(item)
    parts = [f"**{esc(item.get('test', ''), 12)}**", esc(item.get("url", ""), 80)]
    message = esc(finding_text(item, lang))
    if message:
        parts.append(message)
    condition = esc(condition_line(item, lang))
    if condition:
        parts.append(f"— {condition}")
    if item.get("selector"):
        parts.append(f"({esc(item['selector'], 80)})")
    return " ".join(p for p in parts if p)


def _top_criteria(report: dict, lang: str, text: dict[str, str]) -> list[str]:
    pages: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    for page in report.get("pages") or []:
        for criterion_id, verdict in (page.get("criteria") or {}).items():
            if (verdict or {}).get("status") == "NC":
                pages[criterion_id] += 1
                findings[criterion_id] += len(verdict.get("findings") or [])
    lines = [f"### {text['top']}", ""]
    if not pages:
        return [*lines, text["no_nc"]]
    ranked = sorted(pages, key=lambda c: (-pages[c], id_sort_key(c)))
    lines += [
        f"| {text['criterion']} | {text['pages']} | {text['findings']} | {text['label']} |",
        "| --- | ---: | ---: | --- |",
    ]
    for criterion_id in ranked[:TOP_CRITERIA]:
        link = f"[{esc(criterion_id, 8)}]({criterion_url(criterion_id)})"
        title = esc(criterion_title(criterion_id, lang), 100) or text["none"]
        lines.append(
            f"| {link} | {pages[criterion_id]} | {findings[criterion_id]} | {title} |"
        )
    if len(ranked) > TOP_CRITERIA:
        lines.append(f"\n{text['more'].format(n=len(ranked) - TOP_CRITERIA)}")
    return lines


def _failed_pages(failed: list[dict], text: dict[str, str]) -> list[str]:
    lines = [
        f"### {text['failed']}", "",
        f"| {text['page']} | {text['status']} | {text['error']} |", "| --- | --- | --- |",
    ]
    for page in failed[:MAX_LISTED * 2]:
        error = page.get("error") or page.get("http_status") or ""
        lines.append(
            f"| {esc(page.get('url', ''), 100)} | {esc(page.get('status', ''), 20)} "
            f"| {esc(error, 120)} |"
        )
    if len(failed) > MAX_LISTED * 2:
        lines.append(f"\n{text['more'].format(n=len(failed) - MAX_LISTED * 2)}")
    return lines


def _site_row(report: dict, text: dict[str, str]) -> list[str]:
    """The indicator row counting site-wide findings, when the report has any."""
    raw = report.get("site_findings")
    if not isinstance(raw, dict) or not raw:
        return []
    items = [f for fs in raw.values() if isinstance(fs, list) for f in fs if isinstance(f, dict)]
    failures = sum(1 for f in items if f.get("kind") != "to-verify")
    return [f"| {text['site_findings']} | {failures} / {len(items) - failures} |"]


def _missing_by_law(report: dict, lang: str) -> list[str]:
    missing = (report.get("site") or {}).get("missing_required_pages")
    key = "label_en" if lang == "en" else "label_fr"
    return [
        esc(item.get(key) or item.get("kind"), 80)
        for item in (missing if isinstance(missing, list) else [])[:MAX_LISTED]
        if isinstance(item, dict) and item.get("required_by_law") is True
    ]


def _obligations(results: list[dict], lang: str) -> list[str]:
    """The declarative obligations, apart from the rates: one row each."""
    words = table("obligations", lang)
    marks = {"pass": "✅ " + words["status_pass"], "fail": "❌ " + words["status_fail"],
             "unknown": "❔ " + words["status_unknown"]}
    lines = [f"### {words['title']}", "",
             f"| {words['obligation']} | {words['result']} | {words['detail']} |",
             "| --- | --- | --- |"]
    for result in results:
        detail = obligation_text(str(result.get("key")), result.get("params") or {}, lang)
        lines.append(f"| {esc(obligation_name(str(result['id']), lang), 80)} "
                     f"| {marks.get(str(result.get('status')), '—')} | {esc(detail, 300)} |")
    return lines


def _gates(gates: list[dict], text: dict[str, str], lang: str) -> list[str]:
    lines = [
        f"### {text['gates']}", "",
        f"| {text['gate']} | {text['result']} | {text['level']} | {text['detail']} |",
        "| --- | --- | --- | --- |",
    ]
    for gate in gates[:MAX_LISTED * 2]:
        result = text["gate_passed"] if gate.get("passed") is True else text["gate_failed"]
        level = text["level_warn"] if gate.get("level") == "warn" else text["level_error"]
        lines.append(
            f"| {esc(gate.get('name'), 40)} | {result} | {level} "
            f"| {esc(stored_gate_detail(gate, lang), 200)} |"
        )
    return lines


def _baseline(baseline: dict, text: dict[str, str]) -> str:
    name = esc(baseline.get("file"), 80)
    return text["baseline"].format(
        file=f" (`{name}`)" if name else "",
        new=_count(baseline.get("new")),
        unchanged=_count(baseline.get("unchanged")),
        fixed=_count(baseline.get("fixed")),
    )


def _waivers(waivers: list[dict], text: dict[str, str]) -> list[str]:
    lines = [f"**{text['waivers']}** ({len(waivers)})", ""]
    for waiver in waivers[:MAX_LISTED]:
        until = text["until"].format(date=esc(waiver.get("expires"), 20))
        lines.append(
            f"- {esc(waiver.get('criterion'), 8)} ({until}){text['sep']}"
            f"{esc(waiver.get('reason'), 200)}"
        )
    if len(waivers) > MAX_LISTED:
        lines.append(f"- {text['more'].format(n=len(waivers) - MAX_LISTED)}")
    return lines
