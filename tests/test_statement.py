"""The déclaration d'accessibilité: state from exact counts, every mandatory section, plain
non-conformities, dérogations, escaping, the incomplete audit and the draft, and the command
(`rgaa-audit statement`) with its configuration errors."""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from rgaa_audit.cli.config import STARTER, parse_config
from rgaa_audit.model import Status
from rgaa_audit.referential import load_referential
from rgaa_audit.report.statement.content import Figures, build_document, format_rate
from rgaa_audit.report.statement.html import render_html
from rgaa_audit.report.statement.issues import GROUP_OF, GROUPS
from rgaa_audit.report.statement.markdown import render_markdown
from rgaa_audit.report.statement.render import render_statement
from rgaa_audit.report.statement.sections import sections
from rgaa_audit.report.statement.settings import StatementSettingsError, parse_statement
from rgaa_audit.score.rates import rate
from rgaa_audit.score.summary import build_summary
from rgaa_audit.store.files import write_json_atomic

REPO = Path(__file__).resolve().parents[1]
REF = load_referential()
TODAY = dt.date(2026, 12, 4)
SETTINGS_TABLE = {
    "entity": "Mairie de Val-Fleuri",
    "site_name": "Portail de Val-Fleuri",
    "site_url": "https://www.val-fleuri.fr/",
    "auditor": "interne",
    "schema_url": "https://www.val-fleuri.fr/schema",
    "action_plan_url": "https://www.val-fleuri.fr/plan-2026",
    "contact_email": "accessibilite@val-fleuri.fr",
}
SETTINGS = parse_statement(SETTINGS_TABLE)


def page(url: str, title: str, statuses: dict[str, str], default: str = "C") -> dict[str, Any]:
    criteria = {cid: {"status": statuses.get(cid, default), "tests": {}, "findings": [],
                      "to_verify": []} for cid in REF.criteria}
    return {"url": url, "final_url": url, "status": "audited", "http_status": 200,
            "error": None, "title": title, "rate": None, "criteria": criteria, "eco": None,
            "fingerprints": {}}


def report(*pages: dict[str, Any], site_findings: dict | None = None) -> dict[str, Any]:
    pages_list = list(pages)
    for item in pages_list:
        item["rate"] = rate(Status(c["status"]) for c in item["criteria"].values())
    return {"schema": "rgaa-audit/report/1",
            "tool": {"name": "rgaa-audit", "version": "0.1.0", "axe_core": "4.12.1",
                     "browser": "Chromium 156"},
            "rgaa_version": "4.1.2", "lang": "fr",
            "site": {"start_url": "https://www.val-fleuri.fr/",
                     "started_at": "2026-12-01T09:00:00+00:00",
                     "finished_at": "2026-12-01T10:00:00+00:00", "settings": {},
                     "documents": []},
            "pages": pages_list, "site_findings": site_findings or {},
            "summary": build_summary(pages_list, site_findings)}


def statuses_with(c: int, nc: int) -> dict[str, str]:
    """A page status map with exactly c C, nc NC, the rest NA."""
    ids = list(REF.criteria)
    return {cid: "C" if i < c else "NC" if i < c + nc else "NA" for i, cid in enumerate(ids)}


def html_of(rep: dict[str, Any], lang: str = "fr", draft: bool = False, settings=SETTINGS) -> str:
    return render_html(build_document(rep, settings, lang, draft, TODAY))


def md_of(rep: dict[str, Any], lang: str = "fr", draft: bool = False) -> str:
    return render_markdown(build_document(rep, SETTINGS, lang, draft, TODAY))


def _text(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


# -- state and rate -------------------------------------------------------------------------

@pytest.mark.parametrize(("c", "nc", "state", "rate"), [
    (100, 0, "total", 100.0),
    (50, 50, "partial", 50.0),       # exactly 50 %: partiellement (legal text: "au moins 50 %")
    (49, 51, "none", 49.0),
    (199, 1, "partial", 99.5),       # Ara would round this to 100 and say "totalement"
    (9999, 1, "partial", 99.9),      # never shown as 100,0 % while one criterion fails
    (4999, 5001, "none", 49.9),      # 49.99 % is not shown as 50,0 %
    (1, 15, "none", 6.3),            # 6.25 rounds half up
])
def test_state_and_rate_from_exact_counts(c, nc, state, rate) -> None:
    figures = Figures(c, nc, 0, 0, 106, None)
    assert figures.state == state
    assert figures.rate == rate


def test_rate_is_written_to_one_decimal() -> None:
    assert format_rate(75.0, "fr") == "75,0\u202f%"
    assert format_rate(62.5, "en") == "62.5%"


def test_complete_audit_states_level_and_rate() -> None:
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20)))
    text = _text(html_of(rep))
    assert "partiellement conforme" in text
    assert "75,0\u202f% des critères du RGAA applicables sont respectés (60 sur 80)" in text
    assert "PROJET" not in text
    full = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(80, 0)))
    assert "totalement conforme" in _text(html_of(full))


def test_incomplete_audit_gives_no_rate_unless_draft() -> None:
    statuses = statuses_with(60, 20)
    statuses["1.1"] = "NT"
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses))
    final = _text(html_of(rep))
    assert "non conforme" in final and "L’audit n’est pas terminé" in final
    assert "%" not in final.split("Résultat des tests")[1].split("Contenus non accessibles")[0]
    draft_html = html_of(rep, draft=True)
    draft = _text(draft_html)
    assert draft.count("PROJET") >= 2  # the title and the banner
    assert "partiellement conforme" in draft and "%" in draft
    assert 'class="notice draft"' in draft_html and "position:fixed" in draft_html  # every sheet
    markdown = md_of(rep, draft=True)
    assert markdown.startswith("# PROJET") and markdown.count("PROJET – document de travail") == 2


def test_average_rate_only_when_asked() -> None:
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20)))
    assert "Taux moyen" not in _text(html_of(rep))
    with_average = parse_statement({**SETTINGS_TABLE, "average_rate": True})
    assert "Taux moyen" in _text(html_of(rep, settings=with_average))


# -- sections, wording ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_mandatory_section_is_there_in_order(lang) -> None:
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20)))
    html = html_of(rep, lang)
    markdown = md_of(rep, lang)
    positions = []
    for item in sections():
        if item.id == "preamble":
            continue
        assert f'id="{item.id}"' in html
        assert item.heading_fr in html  # the official French heading, in a translation too
        assert item.heading_fr in markdown
        positions.append(html.index(f'id="{item.id}"'))
        tag = f"h{item.level}"
        assert re.search(rf'<{tag} id="{item.id}">', html)
    assert positions == sorted(positions)
    assert "Libre réponse 71120" in html and "defenseurdesdroits.fr/nous-contacter-355" in html
    assert "article 47" in html and SETTINGS.schema_url in html and SETTINGS.action_plan_url in html


def test_english_is_marked_as_a_translation_with_french_headings_marked_french() -> None:
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20)))
    html = html_of(rep, "en")
    assert '<html lang="en">' in html
    assert "Translation aid" in html
    assert '<span class="official" lang="fr">État de conformité</span>' in html
    assert "partially compliant" in html


def test_non_conformities_are_sentences_not_criterion_numbers() -> None:
    statuses = statuses_with(60, 0)
    statuses.update({"1.1": "NC", "1.3": "NC", "11.1": "NC"})
    rep = report(page("https://www.val-fleuri.fr/", "Accueil – Val-Fleuri", statuses),
                 page("https://www.val-fleuri.fr/actualites", "Actualités – Val-Fleuri",
                      {**statuses, "11.1": "C"}))
    section = _text(html_of(rep)).split("Non conformité")[1].split("Dérogations")[0]
    assert "n’ont pas de texte de remplacement" in section
    assert "Pages concernées : Accueil, Actualités." in section  # site-name tail dropped
    assert "étiquette" in section
    assert section.count("texte de remplacement") == 1  # 1.1 and 1.3 are one problem
    assert not re.search(r"crit[èe]re\s+\d", section) and "1.1" not in section


def test_every_criterion_has_one_plain_sentence() -> None:
    assert sorted(GROUP_OF) == sorted(REF.criteria)
    assert sum(len(c) for c in GROUPS.values()) == len(REF.criteria)
    import rgaa_audit.i18n as i18n
    for group in GROUPS:
        for lang in ("fr", "en"):
            assert i18n.has(f"statement.issue.{group}", lang), (group, lang)


def test_derogations_from_verdicts_with_justification_duration_alternative() -> None:
    rep = report(page("https://www.val-fleuri.fr/archives", "Archives", statuses_with(60, 0)))
    rep["pages"][0]["criteria"]["13.3"]["manual"] = {
        "status": "NA", "page": "/archives",
        "comment": "Les comptes rendus du conseil antérieurs à 2010 sont des PDF image",
        "derogation": {"justification": "Numérisation de 4 000 pages", "until": "2027-06-30",
                       "alternative": "Version texte envoyée sur demande"}}
    section = _text(html_of(rep)).split("Dérogations pour charge disproportionnée")[1]
    section = section.split("Contenus non soumis")[0]
    for expected in ("PDF image", "Archives", "Numérisation de 4 000 pages", "2027-06-30",
                     "Version texte envoyée sur demande"):
        assert expected in section
    empty = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 0)))
    assert "Aucune dérogation" in _text(html_of(empty))


def test_exempt_content_from_config() -> None:
    settings = parse_statement({**SETTINGS_TABLE, "exempt": [
        {"content": "Cartes IGN", "reason": "Cartes en ligne", "alternative": "Adresse écrite"}]})
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 0)))
    section = _text(html_of(rep, settings=settings)).split("Contenus non soumis")[1]
    assert "Cartes IGN. Motif : Cartes en ligne. Alternative : Adresse écrite." in section


def test_establishment_lists_dates_technologies_environment_tools_pages() -> None:
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 0)),
                 page("https://www.val-fleuri.fr/contact", "Contact", statuses_with(60, 0)))
    rep["pages"][0]["eco"] = {"by_type": {"html": {"requests": 1}, "css": {"requests": 2},
                                          "js": {"requests": 0}}}
    rep["pages"][0]["criteria"]["7.1"]["to_verify"] = [
        {"test": "7.1.1", "selector": "div", "snippet": '<div role="tablist">', "message": "",
         "source": "x", "kind": "to-verify"}]
    rep["site"]["documents"] = ["https://www.val-fleuri.fr/budget.pdf"]
    settings = parse_statement({**SETTINGS_TABLE, "technologies": ["Drupal 10", "css"],
                                "test_environments": ["NVDA 2024.4 et Firefox 133"],
                                "tools": ["Colour Contrast Analyser"],
                                "updated_on": dt.date(2026, 12, 10)})
    text = _text(html_of(rep, settings=settings))
    establishment = text.split("Établissement de cette déclaration")[2]
    assert "établie le 1er décembre 2026" in establishment
    assert "mise à jour le 10 décembre 2026" in establishment
    techs = establishment.split("Technologies utilisées")[1].split("Environnement")[0]
    assert techs.split() == ["pour", "la", "réalisation", "du", "site", "web", "HTML", "CSS",
                             "WAI-ARIA", "PDF", "Drupal", "10"]  # no JavaScript: none loaded
    assert "NVDA 2024.4 et Firefox 133" in establishment and "Chromium 156" in establishment
    assert "rgaa-audit 0.1.0" in establishment and "axe-core 4.12.1" in establishment
    assert "Colour Contrast Analyser" in establishment
    assert "https://www.val-fleuri.fr/contact" in establishment


def test_no_assistive_combination_is_said() -> None:
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 0)))
    assert "Aucune combinaison navigateur et technologie d’assistance" in _text(html_of(rep))


# -- safety ---------------------------------------------------------------------------------

def test_site_text_is_escaped_and_the_page_self_contained() -> None:
    hostile = '<script>alert(1)</script> [x](javascript:alert(1)) **b** | # h'
    statuses = statuses_with(60, 0)
    statuses["1.1"] = "NC"
    rep = report(page("javascript:alert(1)", hostile, statuses),
                 page("https://www.val-fleuri.fr/a", "A", statuses))
    html = html_of(rep)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert not re.search(r"\ssrc=|<link\s|@import|url\(", html)  # nothing fetched
    markdown = md_of(rep)
    assert "<script" not in markdown and "[x](javascript" not in markdown
    assert "\\[x\\]" in markdown


# -- configuration and command --------------------------------------------------------------

def test_config_block_is_checked_when_read() -> None:
    with pytest.raises(StatementSettingsError) as error:
        parse_statement({**SETTINGS_TABLE, "site_url": "www.val-fleuri.fr"})
    assert error.value.field == "site_url"
    with pytest.raises(StatementSettingsError):
        parse_statement({**SETTINGS_TABLE, "colour": "blue"})
    with pytest.raises(StatementSettingsError):
        parse_statement({**SETTINGS_TABLE, "contact_email": "nobody"})
    config = parse_config({"statement": SETTINGS_TABLE})
    assert config.statement == SETTINGS
    missing = {k: v for k, v in SETTINGS_TABLE.items() if k != "contact_email"}
    with pytest.raises(StatementSettingsError) as error:
        parse_statement(missing).require()
    assert error.value.problem == "statement.need_contact"


def test_init_documents_every_key_of_the_block() -> None:
    block = STARTER.split("# [statement]", 1)[1]
    uncommented = "[statement]\n" + "\n".join(
        line[2:] for line in block.splitlines() if re.match(r"# [a-z_]+ = ", line))
    data = tomllib.loads(uncommented)
    settings = parse_statement(data["statement"]).require()
    assert settings.exempt and settings.test_environments
    from rgaa_audit.report.statement.settings import KEYS
    assert set(data["statement"]) == KEYS


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), "statement", *args],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)


def _config(tmp_path: Path, table: dict[str, Any]) -> None:
    lines = ["[statement]"] + [f"{k} = {v!r}".replace("'", '"') for k, v in table.items()]
    (tmp_path / "rgaa-audit.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_command_writes_both_files(tmp_path) -> None:
    write_json_atomic(tmp_path / "report.json", report(
        page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20))))
    _config(tmp_path, SETTINGS_TABLE)
    result = _run(tmp_path, "report.json")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "declaration-accessibilite.html").read_text(encoding="utf-8")
    assert "partiellement conforme" in html
    assert (tmp_path / "declaration-accessibilite.md").read_text(encoding="utf-8").startswith("#")
    result = _run(tmp_path, "report.json", "--lang", "en")
    assert result.returncode == 0 and (tmp_path / "declaration-accessibilite.en.html").exists()


@pytest.mark.parametrize(("table", "expected"), [
    ({k: v for k, v in SETTINGS_TABLE.items() if k != "entity"}, "statement.entity"),
    ({k: v for k, v in SETTINGS_TABLE.items() if k != "contact_email"}, "contact_email"),
    ({**SETTINGS_TABLE, "schema_url": "schema.html"}, "statement.schema_url"),
])
def test_command_refuses_a_bad_block_in_one_line_and_writes_nothing(tmp_path, table,
                                                                   expected) -> None:
    write_json_atomic(tmp_path / "report.json", report(
        page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20))))
    _config(tmp_path, table)
    result = _run(tmp_path, "report.json")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "rgaa-audit.toml" in lines[0] and expected in lines[0], lines
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("declaration-accessibilite*"))


def test_command_without_block_or_config(tmp_path) -> None:
    write_json_atomic(tmp_path / "report.json", report(
        page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20))))
    result = _run(tmp_path, "report.json")
    assert result.returncode == 2 and "[statement]" in result.stderr
    (tmp_path / "rgaa-audit.toml").write_text('lang = "fr"\n', encoding="utf-8")
    result = _run(tmp_path, "report.json")
    assert result.returncode == 2 and "[statement]" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("declaration-accessibilite*"))


def test_command_applies_verdicts_and_warns_while_incomplete(tmp_path) -> None:
    statuses = statuses_with(60, 20)
    statuses["1.1"] = "NT"
    write_json_atomic(tmp_path / "report.json", report(
        page("https://www.val-fleuri.fr/", "Accueil", statuses)))
    _config(tmp_path, SETTINGS_TABLE)
    result = _run(tmp_path, "report.json")
    assert result.returncode == 0 and "incomplet" in result.stderr
    assert "non conforme" in (tmp_path / "declaration-accessibilite.html").read_text("utf-8")
    (tmp_path / "verdicts.toml").write_text(
        'schema = "rgaa-audit/verdicts/1"\n[[verdict]]\npage = "/"\ncriterion = "1.1"\n'
        'status = "C"\n', encoding="utf-8")
    result = _run(tmp_path, "report.json", "--verdicts", "verdicts.toml")
    assert result.returncode == 0 and "incomplet" not in result.stderr, result.stderr
    html = (tmp_path / "declaration-accessibilite.html").read_text("utf-8")
    assert "partiellement conforme" in html and "(60 sur 80)" in _text(html)


def test_render_statement_does_not_touch_the_report() -> None:
    rep = report(page("https://www.val-fleuri.fr/", "Accueil", statuses_with(60, 20)))
    before = copy.deepcopy(rep)
    files = render_statement(rep, SETTINGS, "fr", today=TODAY)
    assert set(files) == {"declaration-accessibilite.html", "declaration-accessibilite.md"}
    assert rep == before
