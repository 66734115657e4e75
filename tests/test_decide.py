"""The decision rules, per test and per criterion, on hand-made check results."""

from __future__ import annotations

import pytest

from rgaa_audit.decide.verdicts import decide_page, decide_test, partial_page_results, worst
from rgaa_audit.model import CheckResult, Finding, Outcome, Status
from rgaa_audit.referential import Criterion, Referential, RgaaTest, Theme

AUTO = RgaaTest("8.3.1", "8.3", "auto")
SEMI = RgaaTest("1.1.1", "1.1", "semi")
OWN = "rgaa-audit:x"
AXE = "axe:y"


def finding(test: str, kind: str = "failure") -> Finding:
    return Finding(test, "img", "<img>", "message", AXE, kind)


def result(test: RgaaTest, outcome: Outcome, source: str = OWN, kind: str = "failure"):
    found = (finding(test.id, kind),) if outcome in (Outcome.FAILED, Outcome.CANT_TELL) else ()
    return CheckResult(source, test.id, outcome, found)


@pytest.mark.parametrize(
    ("test", "outcomes", "expected"),
    [
        (AUTO, [Outcome.PASSED], Status.C),
        (SEMI, [Outcome.PASSED], Status.NT),  # semi tests are never C
        (AUTO, [Outcome.PASSED, Outcome.FAILED], Status.NC),
        (AUTO, [Outcome.PASSED, Outcome.CANT_TELL], Status.NT),  # incomplete never makes C
        (AUTO, [], Status.NT),  # nothing decided: NT, never C
        (AUTO, [Outcome.INAPPLICABLE], Status.NA),
        (AUTO, [Outcome.INAPPLICABLE, Outcome.PASSED], Status.C),
        (SEMI, [Outcome.INAPPLICABLE, Outcome.PASSED], Status.NT),
    ],
)
def test_decide_test(test, outcomes, expected) -> None:
    status, failures, _ = decide_test(test, [result(test, o) for o in outcomes])
    assert status is expected
    assert bool(failures) == (expected is Status.NC)


def test_axe_inapplicable_alone_is_not_proof_of_na() -> None:
    status, _, _ = decide_test(AUTO, [result(AUTO, Outcome.INAPPLICABLE, source=AXE)])
    assert status is Status.NT


def test_cant_tell_keeps_items_to_verify() -> None:
    status, failures, to_verify = decide_test(
        SEMI, [result(SEMI, Outcome.CANT_TELL, kind="to-verify")])
    assert status is Status.NT and not failures and len(to_verify) == 1


def test_worst_order() -> None:
    assert worst([Status.NA, Status.C]) is Status.C
    assert worst([Status.C, Status.NT]) is Status.NT
    assert worst([Status.NT, Status.NC, Status.C]) is Status.NC
    assert worst([Status.NA, Status.NA]) is Status.NA


def test_decide_page_covers_every_criterion_and_test() -> None:
    table = Referential((Theme(8, "Éléments obligatoires", "", (
        Criterion("8.3", 8, "A", ("3.1.1",), "Langue", "", "u", (AUTO,)),
        Criterion("1.1", 8, "A", ("1.1.1",), "Images", "", "u", (SEMI,)),
    )),))
    verdicts = decide_page([result(AUTO, Outcome.PASSED), result(SEMI, Outcome.FAILED)], table)
    assert verdicts["8.3"].status is Status.C
    assert verdicts["1.1"].status is Status.NC
    assert verdicts["1.1"].findings and verdicts["1.1"].tests == {"1.1.1": Status.NC}


def test_a_partial_page_proves_failures_only() -> None:
    results = [result(AUTO, Outcome.PASSED), result(SEMI, Outcome.INAPPLICABLE),
               result(SEMI, Outcome.FAILED)]
    truncated = partial_page_results(results, frames_unread=False, dom_truncated=True)
    assert [r.outcome for r in truncated] == [Outcome.FAILED]
    with_frames = partial_page_results(results, frames_unread=True, dom_truncated=False)
    # 8.3.1 is about the top document: its pass stands; the absence of images does not.
    assert [(r.test, r.outcome) for r in with_frames] == [("8.3.1", Outcome.PASSED),
                                                          ("1.1.1", Outcome.FAILED)]
    assert partial_page_results(results, False, False) == results
