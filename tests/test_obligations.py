"""The declarative obligations on saved HTML: facts found on pages, what they mean against the
audit's result, the gate, the renderers, and the demo variants that break each one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from rgaa_audit.checks.obligations import match_sections, page_facts, site_obligations
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.cli.config import ConfigError, parse_config
from rgaa_audit.conclude.conclusion import ConclusionSettings, conclude
from rgaa_audit.conclude.gates import Gate, evaluate
from rgaa_audit.conclude.obligations import (
    OBLIGATIONS,
    assess,
    level_of,
    possible_levels,
)
from rgaa_audit.crawl.frontier import Frontier
from rgaa_audit.crawl.sample import Discovered, pick_sample
from rgaa_audit.crawl.scope import Scope
from rgaa_audit.demo.variants import VARIANTS, build_variant
from rgaa_audit.report.gitlab import render_gitlab
from rgaa_audit.report.html import render_html
from rgaa_audit.report.junit import render_junit
from rgaa_audit.report.markdown import render_markdown

BASE = "http://127.0.0.1:8000/"
COMPLETE_PARTIAL = {"counts": {"C": 40, "NC": 10, "NT": 0, "NA": 56}, "global_rate": 80.0,
                    "rate_range": {"low": 80.0, "high": 80.0}, "provisional": False}


def facts_of(html: str, url: str = BASE) -> dict:
    from rgaa_audit.snapshot import PageSnapshot

    return page_facts(PageDocument(PageSnapshot.from_html(html, url)))


def site_facts(folder: Path) -> dict:
    pages = []
    for file in sorted(folder.glob("*.html"), key=lambda p: p.name != "index.html"):
        url = BASE + ("" if file.name == "index.html" else file.name)
        pages.append((url, facts_of(file.read_text("utf-8"), url)))
    return site_obligations(pages, BASE)


def report_of(obligations: dict, summary: dict | None = None) -> dict:
    return {"obligations": obligations, "summary": summary or COMPLETE_PARTIAL,
            "site": {"start_url": BASE, "finished_at": "2026-12-04T10:00:00+00:00"},
            "pages": [], "rgaa_version": "4.1.2", "tool": {}, "lang": "fr"}


def statuses(report: dict) -> dict[str, str]:
    return {r.id: r.status for r in assess(report)}


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, dict]:
    built = {}
    for name in VARIANTS:
        folder = build_variant(name, tmp_path_factory.mktemp(name) / "site")
        built[name] = site_facts(folder)
    return built


# -- the demo portal and its variants ------------------------------------------------------

def test_the_demo_portal_meets_every_obligation(variants) -> None:
    found = statuses(report_of(variants["correct"]))
    assert set(found) == set(OBLIGATIONS)
    assert found == dict.fromkeys(OBLIGATIONS, "pass")


@pytest.mark.parametrize("name", [n for n in VARIANTS if n != "correct"])
def test_each_variant_breaks_what_it_says_and_nothing_else(variants, name) -> None:
    found = statuses(report_of(variants[name]))
    failed = {o for o, s in found.items() if s == "fail"}
    expected = set(VARIANTS[name].breaks)
    if "mention" in expected:  # without one mention there is nothing to compare
        assert found["mention-result"] == "unknown"
    assert failed == expected


def test_bare_statement_lists_the_missing_sections(variants) -> None:
    results = {r.id: r for r in assess(report_of(variants["bare-statement"]))}
    sections = results["statement-sections"]
    assert "conformity" in sections.params["missing"] and "recourse" in sections.params["missing"]
    assert "État de conformité" in sections.text("fr")
    assert "Compliance status" in sections.text("en")
    # the page sits at an address that says nothing: it was found by its link text
    assert variants["bare-statement"]["accessibility_page"].endswith("/page-17.html")


def test_a_page_without_the_link_is_named(variants) -> None:
    result = next(r for r in assess(report_of(variants["no-link"]))
                  if r.id == "link-everywhere")
    assert result.params["count"] == 2
    assert any(p.endswith("/contact.html") for p in result.params["pages"])


# -- the mention against the audit's result --------------------------------------------------

def test_levels_on_exact_counts() -> None:
    assert level_of(10, 0) == "full"
    assert level_of(5, 5) == "partial"  # exactly 50 %: partiellement (the legal text)
    assert level_of(4, 5) == "none"
    assert level_of(0, 0) is None
    assert possible_levels(10, 0, 2) == {"full", "partial"}
    assert possible_levels(2, 0, 3) == {"full", "partial", "none"}
    assert possible_levels(10, 1, 0) == {"partial"}


@pytest.mark.parametrize(("claimed", "summary", "expected"), [
    ("partial", COMPLETE_PARTIAL, "pass"),
    ("full", COMPLETE_PARTIAL, "fail"),
    ("none", COMPLETE_PARTIAL, "fail"),
    # NT left: "totalement" with an NC criterion can never be true
    ("full", {"counts": {"C": 40, "NC": 1, "NT": 30}}, "fail"),
    ("partial", {"counts": {"C": 40, "NC": 1, "NT": 30}}, "unknown"),
    # even every NT turning C stays under 50 %
    ("partial", {"counts": {"C": 2, "NC": 30, "NT": 3}}, "fail"),
    ("none", {"counts": {"C": 40, "NC": 1, "NT": 30}}, "unknown"),
])
def test_mention_against_result(claimed, summary, expected) -> None:
    facts = {"mention": {"levels": [claimed], "found": [], "near": []}, "pages_checked": 0}
    assert statuses(report_of(facts, summary))["mention-result"] == expected


def test_contradictory_mentions_fail() -> None:
    facts = facts_of("<html><body><p>Accessibilité : totalement conforme</p>"
                     "<footer>Accessibilité&nbsp;: non conforme</footer></body></html>")
    assert {m["level"] for m in facts["mentions"]} == {"full", "none"}
    obligations = site_obligations([(BASE, facts)], BASE)
    assert statuses(report_of(obligations))["mention"] == "fail"


def test_english_mention_and_hidden_mention() -> None:
    english = facts_of('<html lang="en"><body><a href="/accessibility">Accessibility: '
                       'partially compliant</a></body></html>')
    assert [m["level"] for m in english["mentions"]] == ["partial"]
    assert english["links"][0]["url"] == "http://127.0.0.1:8000/accessibility"
    hidden = facts_of('<html><body><p hidden>Accessibilité : totalement conforme</p>'
                      '</body></html>')
    assert hidden["mentions"] == []


def test_links_to_other_sites_are_not_the_accessibility_page() -> None:
    facts = facts_of('<html><body><a href="https://accessibilite.numerique.gouv.fr/">'
                     'Accessibilité numérique</a></body></html>')
    assert facts["links"] == []


# -- sections, dates --------------------------------------------------------------------------

def test_sections_match_official_headings_and_variants() -> None:
    found = match_sections(["Déclaration d’accessibilité", "Etat de conformité",
                            "Résultats des tests", "Établissement de cette déclaration"])
    assert found["conformity"] == "Etat de conformité"
    assert found["results"] == "Résultats des tests"
    assert found["establishment"] == "Établissement de cette déclaration"
    assert found["recourse"] == ""


def test_statement_dates_french_and_english() -> None:
    facts = facts_of("<html><head><title>Accessibility statement</title></head><body>"
                     "<h1>Accessibility statement</h1><p>This statement was prepared on "
                     "March 3, 2024. Last updated on 12/01/2026.</p></body></html>")
    kinds = {d["kind"]: d["iso"] for d in facts["statement"]["dates"]}
    assert kinds == {"established": "2024-03-03", "updated": "2026-01-12"}


# -- hostile pages ----------------------------------------------------------------------------

HOSTILE = ("<html><head><title>Déclaration d'accessibilité</title></head><body>"
           "<h1>Déclaration d'accessibilité</h1>"
           + "".join(f'<a href="/accessibilite-{i}">Accessibilité <script>x</script>{i}'
                     f'&lt;img src=x onerror=alert(1)&gt;{"A" * 500}</a>' for i in range(300))
           + "<p>Accessibilité : totalement conforme |`*<b>" + "x" * 5000 + "</b></p>"
           + "</body></html>")


def test_hostile_page_is_bounded_and_escaped() -> None:
    facts = facts_of(HOSTILE)
    assert len(facts["links"]) <= 10
    assert all(len(link["text"]) <= 160 for link in facts["links"])
    assert len(json.dumps(facts)) < 20_000
    report = report_of(site_obligations([(BASE, facts)], BASE))
    concluded = conclude(report, ConclusionSettings()).report
    html = render_html(concluded, "fr")
    assert "<img src=x" not in html and "onerror=alert(1)&gt;" not in html.replace("&amp;", "&")
    markdown = render_markdown(concluded, "fr")
    assert "<img" not in markdown and "<b>" not in markdown


# -- conclusion, gate, config -----------------------------------------------------------------

def test_conclude_stores_the_results_and_the_gate_fails(variants) -> None:
    settings = ConclusionSettings(gates=(Gate("obligations", OBLIGATIONS),))
    failing = conclude(report_of(variants["bare-statement"]), settings)
    assert [r["id"] for r in failing.report["obligations"]["results"]] == list(OBLIGATIONS)
    assert failing.exit_code == 1
    assert "schéma pluriannuel" in failing.outcomes[0].line("fr")
    assert "multi-year plan" in failing.outcomes[0].line("en")
    passing = conclude(report_of(variants["correct"]), settings)
    assert passing.exit_code == 0


def test_gate_only_counts_the_obligations_it_names(variants) -> None:
    report = report_of(variants["no-link"])
    assert evaluate(report, [Gate("obligations", ("mention", "contact"))])[0].passed
    assert not evaluate(report, [Gate("obligations", ("link-everywhere",))])[0].passed
    warn = conclude(report, ConclusionSettings(gates=(Gate("obligations", OBLIGATIONS,
                                                             "warn"),)))
    assert warn.exit_code == 0 and not warn.outcomes[0].passed


def test_gate_passes_when_nothing_was_checked() -> None:
    outcome = evaluate({"summary": {}, "pages": []}, [Gate("obligations", OBLIGATIONS)])[0]
    assert outcome.passed and outcome.key == "gate.obligations.unchecked"


def test_config_obligations_gate() -> None:
    assert parse_config({"gates": {"obligations": True}}).gates[0].limit == OBLIGATIONS
    table = {"obligations": {"value": ["mention"], "level": "warn"}}
    gate = parse_config({"gates": table}).gates[0]
    assert gate.limit == ("mention",) and gate.level == "warn"
    assert parse_config({"gates": {"obligations": False}}).gates == ()
    with pytest.raises(ConfigError) as error:
        parse_config({"gates": {"obligations": ["mentions"]}})
    assert "gates.obligations" in error.value.text("en") and "mention-result" in error.value.text(
        "en")


# -- renderers --------------------------------------------------------------------------------

def test_renderers_show_obligations_apart(variants) -> None:
    report = conclude(report_of(variants["bare-statement"]), ConclusionSettings()).report
    for lang, title, fail in (("fr", "Obligations déclaratives", "non remplie"),
                              ("en", "Declarative obligations", "not met")):
        html = render_html(report, lang)
        assert f'id="obligations-title">{title}' in html and fail in html
        assert title in render_markdown(report, lang)
    junit = etree.fromstring(render_junit(report, "fr").encode())
    suite = junit.find("testsuite[@name='Obligations déclaratives']")
    assert suite is not None and int(suite.get("failures")) == 5
    issues = json.loads(render_gitlab(report, "en"))
    assert sum(i["check_name"].startswith("rgaa-audit/obligation/") for i in issues) == 5


def test_report_without_obligations_says_not_checked() -> None:
    report = report_of({})
    del report["obligations"]
    html = render_html(report, "en")
    assert "Obligations not checked" in html
    assert "Declarative obligations" not in render_markdown(report, "en")


# -- the crawl reaches the accessibility page --------------------------------------------------

def test_frontier_queues_the_accessibility_page_first() -> None:
    frontier = Frontier(Scope(BASE), max_pages=3)
    frontier.add(BASE, 0)
    for path in ("a", "b", "c", "d", "accessibilite"):
        frontier.add(BASE + path, 1)
    assert [u for u, _ in frontier.queue][:2] == [BASE, BASE + "accessibilite"]


def test_sample_takes_the_accessibility_page_before_other_kinds() -> None:
    pages = [Discovered(BASE, 0, 0), Discovered(BASE + "contact", 1, 1, title="contact"),
             Discovered(BASE + "accessibilite", 1, 2, title="accessibilite")]
    choice = pick_sample(pages, BASE, max_pages=2)
    assert list(choice.reasons) == [BASE, BASE + "accessibilite"]


def test_stored_obligations_follow_the_schema(variants) -> None:
    import jsonschema

    from rgaa_audit.paths import data_dir

    schema = json.loads((data_dir("reports") / "schemas/report.schema.json").read_text("utf-8"))
    for name in ("correct", "bare-statement"):
        concluded = conclude(report_of(variants[name]), ConclusionSettings()).report
        jsonschema.validate(concluded["obligations"], schema["properties"]["obligations"])
    broken = {**variants["correct"], "mention": {"levels": ["maybe"], "found": [], "near": []}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema["properties"]["obligations"])


def test_home_found_by_the_address_asked_even_after_a_redirect() -> None:
    from rgaa_audit.crawl.settings import CrawlSettings
    from rgaa_audit.pipeline import decide_obligations

    mention = facts_of('<html><body><a href="/accessibilite">Accessibilité : non conforme</a>'
                       '</body></html>', BASE + "accueil")
    statement = facts_of("<html><body><h1>Déclaration d'accessibilité</h1></body></html>",
                         BASE + "accessibilite")
    other = facts_of('<html><body><a href="/accessibilite">Accessibilité</a></body></html>',
                     BASE + "news")
    pages = [{"url": BASE + "news", "final_url": BASE + "news", "status": "audited",
              "obligations": other},
             {"url": BASE, "final_url": BASE + "accueil", "status": "audited",
              "obligations": mention},
             {"url": BASE + "accessibilite", "final_url": BASE + "accessibilite",
              "status": "audited", "obligations": statement}]
    facts = decide_obligations(pages, BASE, CrawlSettings(5, 30, 1))
    assert facts["home"] == BASE + "accueil"
    assert facts["mention"]["levels"] == ["none"]
    assert facts["accessibility_page_audited"] is True
