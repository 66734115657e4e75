"""pytest plugin: audit a page from your own tests with the `rgaa_check` fixture.

    def test_contact_form(page, rgaa_check):          # `page`: a Playwright sync Page
        page.goto("http://127.0.0.1:8000/contact")
        rgaa_check(page, criteria=["1.1", "11.1"], allow=["axe:region"])

`rgaa_check(target, criteria=None, allow=())` audits `target` with the project's own capture
(a fresh headless Chromium tab, axe-core and the RGAA checks) and fails the test with a
readable list of findings: criterion, selector, snippet, message and the official link.

What is audited, truthfully:
- a URL (http/https) or a local HTML file path: that address, loaded afresh;
- a Playwright Page showing an http(s) address: that address, loaded afresh in a new browser
  context, so the page's state (login cookies, typed text, opened menus) is NOT carried over;
- a Playwright Page on any other address (`set_content`, about:blank): its current HTML,
  `page.content()`, saved to a temporary file and loaded from there (relative resources
  will not load).

`criteria` keeps only those criteria (start strict on a subset); `allow` ignores findings by
criterion ("1.1"), test ("1.1.1") or check id ("axe:image-alt"). Only failures (NC) fail the
test; items to verify are not failures. The plugin does nothing unless the fixture is used.

The audited report goes through the same conclusion stage as the command line's
(`rgaa_audit.conclude.conclusion.conclude`): with `--rgaa-config FILE`, that file's waivers
(waived criteria are not failures), baseline (only new failures count) and gates (a failed
error-level gate fails the test) apply exactly as `rgaa-audit audit --config FILE` applies them.
Options: `--rgaa-browser-path` (or the RGAA_AUDIT_BROWSER variable), `--rgaa-timeout`,
`--rgaa-config`, `--rgaa-lang` (fr or en: the language of the failure messages).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from rgaa_audit.conclude.conclusion import Conclusion, ConclusionSettings, conclude
from rgaa_audit.i18n import finding_text, text

MAX_LISTED = 30


@dataclass(frozen=True)
class Problem:
    """One failure to show in a failed assertion."""

    criterion: str
    test: str
    selector: str
    snippet: str
    message: str
    source: str

    def lines(self, lang: str = "fr") -> list[str]:
        from rgaa_audit.model import bounded
        from rgaa_audit.report.labels import criterion_url

        return [text("plugin.problem", lang, criterion=self.criterion, test=self.test,
                     source=self.source, message=bounded(self.message, 300)),
                text("plugin.element", lang, selector=bounded(self.selector, 200)),
                text("plugin.snippet", lang, snippet=bounded(self.snippet, 200)),
                text("plugin.reference", lang, url=criterion_url(self.criterion))]


class RgaaCheckFailed(AssertionError):
    """The audited page has failures on the chosen criteria."""


def _target_url(target: Any, folder: Path, lang: str = "fr") -> str:
    if isinstance(target, Path) or (isinstance(target, str) and not target.startswith(
            ("http://", "https://"))):
        path = Path(target)
        if not path.is_file():
            raise ValueError(text("plugin.bad_target", lang, target=repr(target)))
        return path.resolve().as_uri()
    if isinstance(target, str):
        return target
    url = getattr(target, "url", None)
    content = getattr(target, "content", None)
    if not isinstance(url, str) or not callable(content):
        raise TypeError(text("plugin.bad_type", lang))
    if url.startswith(("http://", "https://")):
        return url
    saved = folder / "page.html"
    saved.write_text(content(), encoding="utf-8")
    return saved.as_uri()


def audit_page(target: Any, browser_path: str | None = None,
               timeout: float = 30.0) -> dict[str, Any]:
    """The page result (report.json form) of one target (see `audit_report`)."""
    return audit_report(target, browser_path, timeout)["pages"][0]


def audit_report(target: Any, browser_path: str | None = None,
                 timeout: float = 30.0, lang: str = "fr") -> dict[str, Any]:
    """The report (report.json form) of one target, audited in a worker thread (so a
    running Playwright sync API or event loop in the caller does not get in the way)."""
    from rgaa_audit.capture.browser import find_browser
    from rgaa_audit.crawl.ports import Progress
    from rgaa_audit.crawl.settings import CrawlSettings
    from rgaa_audit.pipeline import AuditSettings, run_audit

    with tempfile.TemporaryDirectory(prefix="rgaa-check-") as folder:
        url = _target_url(target, Path(folder), lang)
        result: dict[str, Any] = {}

        def work() -> None:
            try:
                settings = CrawlSettings(1, timeout, concurrency=1, follow_links=False)
                result["report"] = run_audit(find_browser(browser_path), AuditSettings(settings),
                                             Progress(), None, urls=[url])
            except BaseException as error:  # handed to the caller's thread
                result["error"] = error

        thread = threading.Thread(target=work, name="rgaa-check", daemon=True)
        thread.start()
        thread.join()
    if "error" in result:
        raise result["error"]
    return result["report"]


def _allowed(problem: Problem, allow: set[str]) -> bool:
    return bool({problem.criterion, problem.test, problem.source} & allow)


def page_problems(page: dict[str, Any], criteria: Iterable[str] | None = None,
                  allow: Iterable[str] = (), lang: str = "fr") -> list[Problem]:
    """Failures of a page result on `criteria` (all when None), minus the allowed ones, the
    waived criteria and the failures a baseline already knew ("baseline": "unchanged")."""
    from rgaa_audit.conclude.fingerprints import id_sort_key

    wanted = set(criteria) if criteria is not None else None
    allowed = set(allow)
    problems = []
    verdicts = page.get("criteria") or {}
    for criterion in sorted(verdicts, key=id_sort_key):
        if wanted is not None and criterion not in wanted:
            continue
        if (verdicts[criterion] or {}).get("waived"):
            continue
        for finding in (verdicts[criterion] or {}).get("findings") or []:
            if finding.get("baseline") == "unchanged":
                continue
            problem = Problem(criterion, str(finding.get("test", "")),
                              str(finding.get("selector", "")), str(finding.get("snippet", "")),
                              finding_text(finding, lang), str(finding.get("source", "")))
            if not _allowed(problem, allowed):
                problems.append(problem)
    return problems


def describe(url: str, problems: list[Problem], conclusion: Conclusion | None = None,
             lang: str = "fr") -> str:
    """The readable failure text in `lang`: the failures, then the failed gates."""
    lines = [text("plugin.failures", lang, count=len(problems), url=url)] if problems else []
    for problem in problems[:MAX_LISTED]:
        lines += problem.lines(lang)
    if len(problems) > MAX_LISTED:
        lines.append(text("plugin.more", lang, count=len(problems) - MAX_LISTED))
    for outcome in conclusion.blocking if conclusion is not None else ():
        lines.append(text("plugin.gate", lang, line=outcome.line(lang)))
    return "\n".join(lines)


def check_report(report: dict[str, Any], criteria: Iterable[str] | None = None,
                 allow: Iterable[str] = (), settings: ConclusionSettings | None = None,
                 today: Any = None, lang: str = "fr") -> tuple[Conclusion, list[Problem]]:
    """Conclude a one-page report as the command line does, then list its failures."""
    conclusion = conclude(report, settings or ConclusionSettings(), today)
    pages = conclusion.report.get("pages") or []
    return conclusion, page_problems(pages[0], criteria, allow, lang) if pages else []


def assert_rgaa(target: Any, criteria: Iterable[str] | None = None, allow: Iterable[str] = (),
                browser_path: str | None = None, timeout: float = 30.0,
                settings: ConclusionSettings | None = None, lang: str = "fr") -> dict[str, Any]:
    """Audit `target`; raise RgaaCheckFailed listing the failures and failed gates; return
    the page result."""
    report = audit_report(target, browser_path, timeout, lang)
    page = report["pages"][0]
    if page.get("status") != "audited":
        raise RgaaCheckFailed(text("plugin.not_audited", lang, status=page.get("status"),
                                   url=page.get("url"), error=page.get("error") or "").rstrip())
    conclusion, problems = check_report(report, criteria, allow, settings, lang=lang)
    if problems or conclusion.blocking:
        raise RgaaCheckFailed(describe(str(page.get("url", "")), problems, conclusion, lang))
    return conclusion.report["pages"][0]


def settings_from_config(path: Path) -> ConclusionSettings:
    """The gates, waivers and baseline of an rgaa-audit configuration file."""
    from rgaa_audit.cli.config import load_config
    from rgaa_audit.conclude.baseline import load_baseline

    config = load_config(Path(path))
    baseline = load_baseline(config.baseline) if config.baseline else None
    return ConclusionSettings(config.gates, config.waivers, baseline,
                              str(config.baseline or ""))


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rgaa-audit")
    group.addoption("--rgaa-browser-path", default=None,
                    help="Chromium used by the rgaa_check fixture (else RGAA_AUDIT_BROWSER).")
    group.addoption("--rgaa-timeout", type=float, default=30.0,
                    help="Page timeout of rgaa_check, in seconds.")
    group.addoption("--rgaa-lang", choices=("fr", "en"), default="fr",
                    help="Language of rgaa_check's failure messages (fr).")
    group.addoption("--rgaa-config", default=None,
                    help="rgaa-audit configuration whose waivers, baseline and gates "
                         "rgaa_check applies.")


@pytest.fixture
def rgaa_check(request: pytest.FixtureRequest) -> Callable[..., dict[str, Any]]:
    """`rgaa_check(page_or_url, criteria=None, allow=())`: fail the test on RGAA failures."""
    import os

    browser = request.config.getoption("--rgaa-browser-path") or os.environ.get(
        "RGAA_AUDIT_BROWSER")
    timeout = request.config.getoption("--rgaa-timeout")
    config = request.config.getoption("--rgaa-config")
    lang = request.config.getoption("--rgaa-lang")
    settings = settings_from_config(Path(config)) if config else None

    def check(target: Any, criteria: Iterable[str] | None = None,
              allow: Iterable[str] = ()) -> dict[str, Any]:
        __tracebackhide__ = True
        return assert_rgaa(target, criteria, allow, browser, timeout, settings, lang)

    return check
