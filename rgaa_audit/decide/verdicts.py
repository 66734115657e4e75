"""From check results to RGAA statuses: per test, then per criterion, on one page.

For one test, with every check result that serves it:
1. any check failed               -> NC, with the failing elements as evidence;
2. any check could not tell       -> NT, with the elements a human must verify;
3. test classed `auto` and passed -> C (never for `semi` or `manual` tests);
4. an own check proved the content absent, and nothing passed -> NA;
5. otherwise                      -> NT.
A criterion is the worst of its tests: NC > NT > C > NA.

Before that, the parent -> child NA links of `criteria/na-links.toml` (`checks.na_links`) add
an NA result to each child test of a link whose parents were all proved NA by own checks and
by nothing else, when the child has no result at all: a child with a failure, an item to
verify or a pass keeps it. On a partial page (`partial_page_results`) no NA reaches this
stage, so no link applies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rgaa_audit.checks.na_links import NaLink, load_na_links
from rgaa_audit.model import CheckResult, CriterionVerdict, Finding, Outcome, Status
from rgaa_audit.referential import Referential, RgaaTest

OWN_SOURCE_PREFIX = "rgaa-audit:"
MAX_FINDINGS_PER_TEST = 50
_SEVERITY = (Status.NC, Status.NT, Status.C, Status.NA)


def decide_test(test: RgaaTest, results: list[CheckResult]) -> tuple[Status, list[Finding],
                                                                     list[Finding]]:
    """Status of one test on one page, its failure findings and its items to verify."""
    failures = [f for r in results if r.outcome is Outcome.FAILED for f in r.findings]
    to_verify = [f for r in results if r.outcome is Outcome.CANT_TELL for f in r.findings]
    outcomes = {r.outcome for r in results}
    if Outcome.FAILED in outcomes:
        status = Status.NC
    elif Outcome.CANT_TELL in outcomes:
        status = Status.NT
    elif Outcome.PASSED in outcomes:
        status = Status.C if test.automation == "auto" else Status.NT
    elif any(r.outcome is Outcome.INAPPLICABLE and r.source.startswith(OWN_SOURCE_PREFIX)
             for r in results):
        status = Status.NA
    else:
        status = Status.NT
    return status, _unique(failures), _unique(to_verify)


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """The findings without repeats: same element, same source, same message (key and
    parameters; the stored text for a finding without key)."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for finding in findings:
        said = (finding.key, finding.params) if finding.key else finding.message
        key = (finding.selector, finding.source, said)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept[:MAX_FINDINGS_PER_TEST]


def worst(statuses: Iterable[Status]) -> Status:
    """The criterion status from its tests' statuses (NC > NT > C > NA)."""
    present = set(statuses)
    for status in _SEVERITY:
        if status in present:
            return status
    return Status.NT


def proved_absent(results: list[CheckResult]) -> bool:
    """Whether a test's results say only NA, and an own check said it."""
    return bool(results) and all(r.outcome is Outcome.INAPPLICABLE for r in results) and any(
        r.source.startswith(OWN_SOURCE_PREFIX) for r in results)


def linked_inapplicable(by_test: dict[str, list[CheckResult]],
                        links: Iterable[NaLink]) -> list[CheckResult]:
    """The NA results the links add (in data order: a child made NA may be a later parent)."""
    added: list[CheckResult] = []
    for link in links:
        if not all(proved_absent(by_test.get(p, [])) for p in link.parents):
            continue
        for child in link.children:
            if not by_test.get(child):
                result = CheckResult(link.source, child, Outcome.INAPPLICABLE)
                by_test[child] = [result]
                added.append(result)
    return added


def decide_page(results: list[CheckResult], referential: Referential,
                links: Iterable[NaLink] | None = None,
                complete: bool = True) -> dict[str, CriterionVerdict]:
    """Every criterion of the table on one page, from all the check results of that page,
    with the NA links of `links` (criteria/na-links.toml by default) when the page was read
    in full (`complete`: no unread frame or shadow tree, no truncated DOM)."""
    by_test: dict[str, list[CheckResult]] = defaultdict(list)
    for result in results:
        by_test[result.test].append(result)
    if complete:
        linked_inapplicable(by_test, load_na_links() if links is None else links)
    verdicts = {}
    for criterion in referential.criteria.values():
        tests: dict[str, Status] = {}
        findings: list[Finding] = []
        to_verify: list[Finding] = []
        for test in criterion.tests:
            status, failed, verify = decide_test(test, by_test.get(test.id, []))
            tests[test.id] = status
            findings.extend(failed)
            to_verify.extend(verify)
        verdicts[criterion.id] = CriterionVerdict(
            criterion=criterion.id,
            status=worst(tests.values()),
            tests=tests,
            findings=tuple(findings),
            to_verify=tuple(to_verify),
        )
    return verdicts


# Tests about the top document itself (its doctype, language, title, frames' titles, meta
# refresh): what a frame holds cannot change them, so they stay decidable on a page whose
# frames were not read.
DOCUMENT_LEVEL_TESTS = frozenset({
    "2.1.1", "2.2.1", "8.1.1", "8.1.2", "8.1.3", "8.3.1", "8.4.1", "8.5.1", "8.6.1",
    "13.1.1", "13.1.2", "13.1.3",
})


def partial_page_results(results: list[CheckResult], frames_unread: bool,
                         dom_truncated: bool) -> list[CheckResult]:
    """Keep only what a partial view of the page can prove.

    A truncated DOM proves neither "every element passed" nor "nothing to test": only
    failures and items to verify stand. Frames and shadow trees are not read, so on a page
    with either (`frames_unread`) a pass or an absence proves nothing either, except for
    tests about the top document.
    """
    if not (frames_unread or dom_truncated):
        return results
    settled = (Outcome.PASSED, Outcome.INAPPLICABLE)
    return [r for r in results
            if r.outcome not in settled
            or (not dom_truncated and r.test in DOCUMENT_LEVEL_TESTS)]
