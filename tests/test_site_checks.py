"""Site-wide checks: findings that only appear when pages are compared."""

from __future__ import annotations

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.site import site_findings
from rgaa_audit.i18n import finding_text
from rgaa_audit.snapshot import PageSnapshot

HOME, STEPS, AGENDA = ("<a href='/'>Accueil</a>", "<a href='/demarches'>Démarches</a>",
                       "<a href='/agenda'>Agenda</a>")
MENU = f"<nav>{HOME}{STEPS}{AGENDA}</nav>"
MENU_REORDERED = f"<nav>{AGENDA}{HOME}{STEPS}</nav>"
SEARCH = "<form role='search'><label for='q'>Rechercher</label><input id='q' name='q'></form>"
SITEMAP = "<footer><a href='/plan'>Plan du site</a></footer>"


def page(url: str, title: str, body: str) -> tuple[str, PageDocument]:
    html = (f"<!DOCTYPE html><html lang='fr'><head><title>{title}</title></head>"
            f"<body>{body}</body></html>")
    return url, PageDocument(PageSnapshot.from_html(html, url))


def kinds(findings: dict, test: str) -> list[str]:
    return [f.kind for f in findings.get(test, [])]


def test_sane_site_has_no_finding() -> None:
    pages = [page("http://s/", "Accueil - Ville", MENU + SEARCH + SITEMAP),
             page("http://s/agenda", "Agenda - Ville", MENU + SEARCH + SITEMAP)]
    assert site_findings(pages) == {}


def test_same_title_on_two_pages_fails() -> None:
    pages = [page("http://s/a", "Ville", MENU + SEARCH), page("http://s/b", "Ville", MENU + SEARCH)]
    findings = site_findings(pages)
    assert kinds(findings, "8.6.1") == ["failure"]
    assert "http://s/a" in findings["8.6.1"][0].message
    assert findings["8.6.1"][0].selector == "html"


def test_same_title_on_query_variants_is_only_to_verify() -> None:
    pages = [page("http://s/a?p=1", "Liste", MENU + SEARCH),
             page("http://s/a?p=2", "Liste", MENU + SEARCH)]
    assert kinds(site_findings(pages), "8.6.1") == ["to-verify"]


def test_reordered_menu_fails_and_different_menu_asks() -> None:
    other = "<nav><a href='/x'>X</a><a href='/y'>Y</a><a href='/z'>Z</a></nav>"
    pages = [page("http://s/1", "Un", MENU + SEARCH), page("http://s/2", "Deux", MENU + SEARCH),
             page("http://s/3", "Trois", MENU_REORDERED + SEARCH),
             page("http://s/4", "Quatre", other + SEARCH)]
    findings = site_findings(pages)
    assert sorted(kinds(findings, "12.2.1")) == ["failure", "to-verify"]
    failure = next(f for f in findings["12.2.1"] if f.kind == "failure")
    assert "http://s/3" in failure.message and "http://s/1" not in failure.message


def test_search_missing_from_one_page_fails() -> None:
    pages = [page("http://s/1", "Un", MENU + SEARCH), page("http://s/2", "Deux", MENU)]
    findings = site_findings(pages)
    assert kinds(findings, "12.5.1") == ["failure"]
    assert "http://s/2" in findings["12.5.1"][0].message
    assert "12.1.1" not in findings


def test_site_with_a_menu_only_fails_12_1_1() -> None:
    pages = [page("http://s/1", "Un", MENU), page("http://s/2", "Deux", MENU)]
    assert kinds(site_findings(pages), "12.1.1") == ["failure"]


def test_field_labelled_differently_is_to_verify() -> None:
    a = "<form><label for='m'>Courriel</label><input id='m' name='email'></form>"
    b = "<form><label for='m'>Adresse</label><input id='m' name='email'></form>"
    pages = [page("http://s/1", "Un", MENU + SEARCH + a),
             page("http://s/2", "Deux", MENU + SEARCH + b)]
    findings = site_findings(pages)
    assert kinds(findings, "11.3.2") == ["to-verify"]
    assert "email" in findings["11.3.2"][0].message


def test_office_documents_listed_once() -> None:
    link = "<a href='/docs/budget.pdf'>Budget</a>"
    pages = [page("http://s/1", "Un", MENU + SEARCH + link),
             page("http://s/2", "Deux", MENU + SEARCH + link)]
    findings = site_findings(pages)
    assert kinds(findings, "13.3.1") == ["to-verify"]
    assert "http://s/docs/budget.pdf" in findings["13.3.1"][0].message


def test_english_messages() -> None:
    pages = [page("http://s/a", "Ville", MENU + SEARCH), page("http://s/b", "Ville", MENU + SEARCH)]
    finding = site_findings(pages)["8.6.1"][0]
    assert finding.key == "check.site-same-title.same-title"
    assert finding.message.startswith("Le titre")  # French kept for schema-1 readers
    assert finding_text(finding, "en").startswith("The title")
    assert finding_text(finding.to_dict(), "en") == finding_text(finding, "en")


def test_hostile_title_is_bounded() -> None:
    title = "<script>" + "x" * 5000
    pages = [page("http://s/a", title, MENU + SEARCH), page("http://s/b", title, MENU + SEARCH)]
    assert len(site_findings(pages)["8.6.1"][0].message) <= 1000


def test_search_missing_on_a_page_outside_the_menu_set_is_to_verify() -> None:
    other = "<nav><a href='/'>Accueil</a></nav>"
    pages = [page("http://s/1", "Un", MENU + SEARCH), page("http://s/2", "Deux", MENU + SEARCH),
             page("http://s/carte", "Carte", other)]
    assert kinds(site_findings(pages), "12.5.1") == ["to-verify"]


def test_radio_options_and_required_marks_are_not_label_changes() -> None:
    a = ("<form><label for='m'>Courriel *</label><input id='m' name='email'>"
         "<label><input type='radio' name='salle'> Grande</label></form>")
    b = ("<form><label for='m'>Courriel</label><input id='m' name='email'>"
         "<label><input type='radio' name='salle'> Petite</label></form>")
    pages = [page("http://s/1", "Un", MENU + SEARCH + a),
             page("http://s/2", "Deux", MENU + SEARCH + b)]
    assert "11.3.2" not in site_findings(pages)
