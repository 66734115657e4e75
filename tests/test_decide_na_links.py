"""Parent -> child NA links (criteria/na-links.toml) in the decide stage: applied when every
parent was proved NA by own checks alone on a page read in full and the child has no other
result; refused on a partial page, when a parent has other results or is NA only by axe, and
when the child has evidence of its own."""

from __future__ import annotations

from rgaa_audit.checks.na_links import NaLink, load_na_links
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import run_page_checks
from rgaa_audit.decide.verdicts import decide_page, partial_page_results
from rgaa_audit.model import CheckResult, Finding, Outcome, Status
from rgaa_audit.referential import load_referential
from rgaa_audit.snapshot import PageSnapshot

REF = load_referential()
LINK = NaLink("no-link", ("6.2.1",), ("6.1.1", "6.1.5"), "raison", "reason")
OWN_NA = CheckResult("rgaa-audit:link-has-name", "6.2.1", Outcome.INAPPLICABLE)


def statuses(results: list[CheckResult], complete: bool = True,
             links: tuple[NaLink, ...] = (LINK,)) -> dict[str, Status]:
    verdicts = decide_page(results, REF, links=links, complete=complete)
    return {t: s for v in verdicts.values() for t, s in v.tests.items()}


def test_link_applies_when_the_parent_is_proved_absent() -> None:
    got = statuses([OWN_NA])
    assert got["6.2.1"] is Status.NA and got["6.1.1"] is Status.NA and got["6.1.5"] is Status.NA
    assert statuses([])["6.1.1"] is Status.NT  # no parent result: nothing proved


def test_child_with_evidence_keeps_it() -> None:
    finding = Finding("6.1.5", "a", "<a>", "m", "rgaa-audit:link-name-contains-visible")
    failed = CheckResult("rgaa-audit:x", "6.1.5", Outcome.FAILED, (finding,))
    verify = CheckResult("rgaa-audit:x", "6.1.1", Outcome.CANT_TELL,
                         (Finding("6.1.1", "a", "", "m", "rgaa-audit:x", "to-verify"),))
    got = statuses([OWN_NA, failed, verify])
    assert got["6.1.5"] is Status.NC and got["6.1.1"] is Status.NT


def test_link_refused_on_a_partial_page() -> None:
    assert statuses([OWN_NA], complete=False)["6.1.1"] is Status.NT
    # and partial_page_results drops the parent's NA on a truncated page anyway
    kept = partial_page_results([OWN_NA], frames_unread=False, dom_truncated=True)
    assert statuses(kept)["6.1.1"] is Status.NT


def test_link_needs_every_parent_absent_by_an_own_check_alone() -> None:
    axe_na = CheckResult("axe:link-name", "6.2.1", Outcome.INAPPLICABLE)
    assert statuses([axe_na])["6.1.1"] is Status.NT
    passed = CheckResult("axe:link-name", "6.2.1", Outcome.PASSED)
    assert statuses([OWN_NA, passed])["6.1.1"] is Status.NT
    two = NaLink("two", ("6.2.1", "2.1.1"), ("6.1.1",), "r", "r")
    assert statuses([OWN_NA], links=(two,))["6.1.1"] is Status.NT


def _page(html: str) -> list[CheckResult]:
    return run_page_checks(PageDocument(PageSnapshot.from_html(html, "http://localhost/p")))


def test_real_links_make_field_tests_na_on_a_page_without_field() -> None:
    """11.2.1 has no check of its own able to say NA: the no-form-field link says it."""
    results = _page('<!DOCTYPE html><html lang="fr"><head><title>t</title></head>'
                    '<body><p>Horaires de la mairie</p></body></html>')
    links = load_na_links()
    assert statuses(results, links=links)["11.2.1"] is Status.NA
    assert statuses(results, links=())["11.2.1"] is Status.NT
    assert statuses(results, complete=False, links=links)["11.2.1"] is Status.NT
    with_field = _page('<!DOCTYPE html><html lang="fr"><head><title>t</title></head>'
                       '<body><input id="q"></body></html>')
    assert statuses(with_field, links=links)["11.2.1"] is Status.NT


def test_default_links_are_the_data_file() -> None:
    results = _page('<!DOCTYPE html><html lang="fr"><head><title>t</title></head>'
                    '<body><p>x</p></body></html>')
    verdicts = decide_page(results, REF)
    assert verdicts["11.2"].tests["11.2.1"] is Status.NA
