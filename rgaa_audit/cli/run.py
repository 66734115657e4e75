"""Running an audit from the command line, then concluding it: outputs, summary, gates.

`run` drives the pipeline with a progress display on stderr; `finish` hands the report to the
conclusion stage (waivers, baseline, gates), writes the outputs and prints the outcome.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from rgaa_audit.capture.browser import find_browser
from rgaa_audit.cli.errors import FatalError
from rgaa_audit.cli.language import language, say
from rgaa_audit.cli.plan import RunPlan
from rgaa_audit.cli.progress import make_progress
from rgaa_audit.cli.recording import add_changes, open_for_recording, record
from rgaa_audit.conclude.baseline import SITE_KEY, Finding
from rgaa_audit.conclude.conclusion import conclude
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.i18n import finding_text
from rgaa_audit.model import bounded
from rgaa_audit.report.outputs import FORMATS, write_outputs
from rgaa_audit.store.files import REPORT_FILE, write_json_atomic, write_text_atomic

MAX_NEW_LISTED = 20


def run(start_url: str | None, urls: list[str], out_dir: Path | None, settings: CrawlSettings,
        browser_path: str | None, lang: str) -> dict[str, Any]:
    """Audit from `start_url` (a crawl) or `urls` (a list), showing progress; the report."""
    from rgaa_audit.pipeline import AuditSettings, run_audit

    browser = find_browser(browser_path)
    progress = make_progress()
    with progress:
        return run_audit(browser, AuditSettings(settings, lang), progress, out_dir,
                         start_url=start_url, urls=urls)


def summary_has_pages(report: dict[str, Any]) -> bool:
    """Whether any page was audited (an audit of nothing is not recorded)."""
    return bool((report.get("summary") or {}).get("pages_audited"))


def _echo_summary(report: dict[str, Any], paths: list[Path]) -> None:
    summary = report["summary"]
    rate = summary["global_rate"]
    click.echo(say("summary", audited=summary["pages_audited"], failed=summary["pages_failed"],
                   rate="—" if rate is None else f"{rate:.2f} %",
                   decided=summary["decided_criteria"], untested=summary["untested_criteria"]))
    for path in paths:
        click.echo(f"  {path}")


def finish(report: dict[str, Any], plan: RunPlan, *, write: bool = True,
           today: dt.date | None = None) -> int:
    """Conclude (waivers, baseline, gates), write the outputs, print the outcome; exit code."""
    conclusion = conclude(report, plan.conclusion_settings, today)
    for waiver in conclusion.expired:
        click.echo(say("waiver_expired", expires=waiver.expires.isoformat(),
                       criterion=waiver.criterion, reason=waiver.reason[:80]), err=True)
    report, comparison = conclusion.report, conclusion.comparison
    paths: list[Path] = []
    history = (open_for_recording(plan.history_db) if write and plan.record_history
               and plan.out_dir is not None and summary_has_pages(report) else None)
    if history is not None:
        report = add_changes(history, report)
    if write and plan.out_dir is not None:
        write_json_atomic(plan.out_dir / REPORT_FILE, report)
        paths = write_outputs(report, plan.out_dir, plan.formats, plan.lang)
        if history is not None:
            record(history, plan.out_dir / REPORT_FILE)
        if comparison is not None and "markdown" in plan.formats:
            from rgaa_audit.report.markdown import render_markdown

            write_text_atomic(plan.out_dir / FORMATS["markdown"][0],
                              render_markdown(report, plan.lang, diff=conclusion.diff()))
    summary = report["summary"]
    if not summary["pages_audited"]:
        first_error = next((p.get("error") for p in report["pages"] if p.get("error")), None)
        raise FatalError(key="nothing_audited",
                         reason=first_error or say("no_page_found"))
    if write:
        _echo_summary(report, paths)
    if comparison is not None:
        click.echo(say("baseline_counts", file=plan.baseline_file, new=len(comparison.new),
                       fixed=len(comparison.fixed), unchanged=len(comparison.unchanged)))
        for finding in comparison.new[:MAX_NEW_LISTED]:
            click.echo(say("new_finding", finding=_finding_line(finding)), err=True)
        if len(comparison.new) > MAX_NEW_LISTED:
            click.echo(say("more_new_findings", count=len(comparison.new) - MAX_NEW_LISTED),
                       err=True)
    for outcome in conclusion.outcomes:
        click.echo(say("gate", line=outcome.line(language())), err=not outcome.passed)
    return conclusion.exit_code


def _finding_line(finding: Finding) -> str:
    data = finding.to_dict()
    where = finding.page if finding.page != SITE_KEY else say("site")
    message = finding_text(finding.data, language())
    return (f"{data['test']} {bounded(where, 100)} {bounded(data['selector'], 100)} "
            f"({data['source']}) — {bounded(message, 160)}").replace("\n", " ")
