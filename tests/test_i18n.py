"""One language path: every text in both languages, findings as keys, reports in one language.

The catalogue (reports/i18n/{fr,en}.toml) must hold the same keys with the same parameters in
both languages; every key a check, an axe mapping or a sobriety check can store must exist;
a report rendered in English must show none of our French texts, and the French one none of
our English texts; a report.json written before keys (schema 1, saved in
tests/fixtures/report_schema1.json) still renders in every format.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from rgaa_audit import i18n
from rgaa_audit.checks.axe import axe_results
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import CheckContext, all_checks, run_check
from rgaa_audit.eco.registry import eco_check_specs
from rgaa_audit.model import (
    MESSAGE_MAX,
    PARAM_MAX,
    PARAMS_MAX,
    Finding,
    Outcome,
    bounded_params,
)
from rgaa_audit.pipeline import build_report, decide_site, page_result
from rgaa_audit.report.gitlab import render_gitlab
from rgaa_audit.report.html import render_html
from rgaa_audit.report.junit import render_junit
from rgaa_audit.report.markdown import render_markdown
from rgaa_audit.report.sarif import render_sarif
from rgaa_audit.snapshot import PageSnapshot

SCHEMA1 = Path(__file__).resolve().parent / "fixtures" / "report_schema1.json"
FR, EN = i18n.catalogue("fr"), i18n.catalogue("en")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


# -- the catalogue -------------------------------------------------------------------------

def test_both_languages_hold_the_same_keys() -> None:
    assert sorted(set(FR) - set(EN)) == [] and sorted(set(EN) - set(FR)) == []


@pytest.mark.parametrize("key", sorted(FR))
def test_same_parameters_in_both_languages(key: str) -> None:
    assert i18n.parameters(FR[key]) == i18n.parameters(EN[key]), key
    assert FR[key].strip() or key.endswith(("_sep", "sep")), f"{key} is empty"


def test_every_template_formats() -> None:
    for lang, texts in (("fr", FR), ("en", EN)):
        for template in texts.values():
            names = i18n.parameters(template)
            if any(not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n) for n in names):
                continue  # positional or indexed fields are not used as message keys
            template.format(**{n: 1.5 for n in names})  # raises on a broken template
            assert lang  # both files are read


def test_every_check_title_and_message_key_exists() -> None:
    for spec in all_checks():
        for lang in ("fr", "en"):
            assert i18n.has(spec.message_key("title"), lang), spec.id
    for spec in eco_check_specs():
        for key in ("title", "passed", "failed"):
            assert i18n.has(spec.message_key(key), "en"), (spec.id, key)


def test_message_keys_used_in_check_code_exist() -> None:
    """Each `ctx.fail/verify(test, el, "<key>")` of a family names a message of its check."""
    root = Path(__file__).resolve().parents[1] / "rgaa_audit" / "checks"
    call = re.compile(r"\.(?:fail|verify)\(\s*[^,]+,\s*[^,]+,\s*\"([a-z0-9-]+)\"")
    keys_by_family: dict[str, set[str]] = {}
    for spec in all_checks():
        keys_by_family.setdefault(spec.family, set()).update(
            k.removeprefix(f"check.{spec.id}.") for k in FR if k.startswith(f"check.{spec.id}."))
    for family, keys in keys_by_family.items():
        source = root / f"{family}.py"
        if not source.exists():
            continue
        used = set(call.findall(source.read_text(encoding="utf-8")))
        assert used <= keys, (family, sorted(used - keys))


def test_unknown_language_falls_back_to_french() -> None:
    assert i18n.text("common.language_name", "de") == "français"
    assert i18n.table("report", "xx") == i18n.table("report", "fr")
    with pytest.raises(KeyError):
        i18n.text("no.such.key")


def test_joined_keys_follow_one_another() -> None:
    key = f"axe.rule.image-alt{i18n.JOIN}axe.detail"
    assert i18n.has(key)
    fr = i18n.text(key, "fr", detail="x")
    assert fr == FR["axe.rule.image-alt"] + " (axe-core : x)"
    assert i18n.text(key, "en", detail="x").endswith(" (axe-core: x)")
    assert not i18n.has(f"axe.rule.image-alt{i18n.JOIN}no.such")


# -- findings as keys and parameters --------------------------------------------------------

def _finding(**extra) -> Finding:
    return Finding("1.1.1", "img", "<img>", "Texte français stocké", "rgaa-audit:x", **extra)


def test_finding_text_falls_back_to_the_stored_message() -> None:
    plain = _finding()
    assert i18n.finding_text(plain, "en") == "Texte français stocké"
    assert i18n.finding_text(plain.to_dict(), "en") == "Texte français stocké"
    assert "key" not in plain.to_dict()  # a finding without key writes schema-1 fields only
    unknown = _finding(key="check.nothing.here", params={"a": 1})
    assert i18n.finding_text(unknown, "en") == "Texte français stocké"
    missing = _finding(key="check.decorative-image-silent.hidden-with-text")  # no {text}
    assert i18n.finding_text(missing, "en") == "Texte français stocké"
    assert i18n.finding_text({}, "en") == ""
    assert i18n.finding_text({"message": {"fr": "a", "en": "b"}}, "en") == "b"  # schema-1 eco
    assert i18n.finding_text({"message": {"fr": "a"}}, "en") == "a"


def test_finding_round_trips_its_key_and_params() -> None:
    finding = _finding(key="check.decorative-image-silent.hidden-with-text",
                       params={"text": "Logo"})
    data = finding.to_dict()
    assert data["key"] == "check.decorative-image-silent.hidden-with-text"
    assert data["params"] == {"text": "Logo"}
    again = Finding.from_dict(data)
    assert again == finding
    assert "(\"Logo\")" in i18n.finding_text(again, "en")
    assert "« Logo »" in i18n.finding_text(again, "fr")
    old = Finding.from_dict({k: v for k, v in data.items() if k not in ("key", "params")})
    assert old.key == "" and old.params == ()


def test_params_are_bounded() -> None:
    hostile = {f"p{i}": "<script>" + "x" * 10_000 for i in range(50)}
    hostile.update({"bad name": "x", "__class__": "y", "n" * 60: "z", "ok": 3, "ratio": 1.5,
                    "flag": True, "items": [1, 2], "nan": float("nan")})
    params = dict(bounded_params(hostile))
    assert len(params) == PARAMS_MAX
    assert all(len(v) <= PARAM_MAX for v in params.values() if isinstance(v, str))
    assert "bad name" not in params and ("n" * 60) not in params
    assert dict(bounded_params({"ok": 3, "ratio": 1.5, "flag": True, "items": [1, 2],
                                "nan": float("nan")})) == {
        "ok": 3, "ratio": 1.5, "flag": "True", "items": "[1, 2]", "nan": "nan"}
    finding = _finding(key="check.decorative-image-silent.hidden-with-text", params=hostile)
    assert len(finding.params) == PARAMS_MAX
    assert Finding.from_dict({"test": "1.1.1", "params": ["not", "a", "mapping"]}).params == ()
    assert bounded_params((("a", 1), "junk", ("b",), (3, "x"))) == (("a", 1),)
    long = _finding(key="check.decorative-image-silent.hidden-with-text",
                    params={"text": "y" * 5000})
    assert len(i18n.finding_text(long, "en")) <= MESSAGE_MAX


def test_format_fields_in_values_are_not_interpreted() -> None:
    finding = _finding(key="check.decorative-image-silent.hidden-with-text",
                       params={"text": "{0.__class__} {text}"})
    assert "{0.__class__} {text}" in i18n.finding_text(finding, "en")


def test_check_findings_store_key_params_and_french_text() -> None:
    html = ("<!doctype html><html lang='en'><head><title>T</title></head>"
            "<body><img src='a.png'></body></html>")
    doc = PageDocument(PageSnapshot.from_html(html))
    spec = next(s for s in all_checks() if s.id == "image-has-alternative")
    findings = [f for r in run_check(spec, doc) for f in r.findings]
    assert findings and all(f.key.startswith("check.image-has-alternative.") for f in findings)
    for f in findings:
        assert f.message == i18n.finding_text(f, "fr")
        assert i18n.finding_text(f, "en") != f.message


def test_crashed_check_is_a_key() -> None:
    spec = next(s for s in all_checks() if s.id == "image-has-alternative")

    def broken(doc: PageDocument, ctx: CheckContext) -> None:
        raise ZeroDivisionError

    crashed = dataclasses.replace(spec, function=broken)
    result = run_check(crashed, PageDocument(PageSnapshot.from_html("<p>x</p>")))[0]
    finding = result.findings[0]
    assert result.outcome is Outcome.CANT_TELL and finding.key == "errors.check-crashed"
    assert finding.message == "erreur interne du contrôle image-has-alternative : ZeroDivisionError"
    assert i18n.finding_text(finding, "en") == (
        "internal error in check image-has-alternative: ZeroDivisionError")


def test_axe_findings_are_keys() -> None:
    axe = {"violations": [
        {"id": "image-alt", "tags": ["RGAA-1.1.1"],
         "nodes": [{"target": "img", "html": "<img>", "summary": "Fix this"}]},
        {"id": "made-up-rule", "help": "Some help {text}", "tags": ["RGAA-1.1.1"],
         "nodes": [{"target": "p", "html": "<p>"}]},
        {"id": "color-contrast", "tags": ["RGAA-3.2.1"],
         "nodes": [{"target": "span", "html": "<span>", "contrast": {
             "ratio": 1.98, "fg": "#b8b8b8", "bg": "#ffffff", "fontSize": "10pt (13.6px)",
             "fontWeight": "bold"}}]}]}
    findings = {f.source: f for r in axe_results(axe) for f in r.findings}
    alt = findings["axe:image-alt"]
    # the finding first names the condition of the RGAA test (criteria/axe.toml review)
    assert alt.key == "axe-review.condition.image-alt+axe.rule.image-alt+axe.detail"
    assert alt.message == (f"{FR['axe-review.condition.image-alt']}{FR['axe.rule.image-alt']}"
                           " (axe-core : Fix this)")
    assert i18n.finding_text(alt, "en") == (
        f"{EN['axe-review.condition.image-alt']}{EN['axe.rule.image-alt']} (axe-core: Fix this)")
    unknown = findings["axe:made-up-rule"]
    assert unknown.key == "axe.help" and unknown.message == "Some help {text}"
    contrast = findings["axe:color-contrast"]
    assert contrast.message.endswith("texte #b8b8b8 sur #ffffff, 13.6 px en gras.")
    assert i18n.finding_text(contrast, "en").endswith("text #b8b8b8 on #ffffff, 13.6 px bold.")


# -- reports in one language ----------------------------------------------------------------

def _fragments(texts: dict[str, str], other: dict[str, str]) -> set[str]:
    """Sentence-like pieces of one language's templates that the other language never uses."""
    elsewhere = "\n".join(other.values())
    pieces = set()
    for key, template in texts.items():
        if other.get(key) == template:
            continue
        for piece in _PLACEHOLDER.split(template):
            piece = piece.strip(" :.;,()«»\"'\u00a0\u202f")
            if len(piece) >= 14 and " " in piece and piece not in elsewhere:
                pieces.add(piece)
    return pieces


FRENCH_ONLY = _fragments(FR, EN)
ENGLISH_ONLY = _fragments(EN, FR)
FRENCH_WORDS = re.compile(
    r"\b(les|des|une|est|sont|avec|sans|pour|dans|aucun|aucune|vérifier|élément|champ|"
    r"lien|cette|contrôle|critères?|conforme|non testé|à vérifier)\b", re.IGNORECASE)
ENGLISH_WORDS = re.compile(
    r"\b(the|with|without|check that|which|this|these|field|link|element|"
    r"criteria|compliant|not tested|to verify)\b", re.IGNORECASE)

SOURCE_ID = re.compile(r"\b(rgaa-audit|axe):[a-z0-9-]+")  # check ids are names, not words

ENGLISH_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a>
<a href="/contact">Contact</a></nav></header>
<main><h1>{title}</h1>
<img src="photo.jpg"><img src="chart.png" alt="chart.png">
<form><input name="email"><button></button></form>
<p>Read <a href="/more">more</a>. <a href="report.pdf">Annual report</a></p>
<table><tr><td>Q1</td><td>10</td></tr></table>
<a href="/x"></a>
</main></body></html>"""
FRENCH_PAGE = ENGLISH_PAGE.replace('lang="en"', 'lang="fr"').replace(
    "Home", "Accueil").replace("News", "Actualités").replace("Read", "Lire la").replace(
    "more", "suite").replace("Annual report", "Rapport annuel")


def _report(page: str, lang: str) -> dict:
    urls = ("http://site.test/", "http://site.test/news")
    htmls = [page.format(title="Town hall" if lang == "en" else "Mairie") for _ in urls]
    pages = [page_result(PageSnapshot.from_html(h, u)).to_dict()
             for u, h in zip(urls, htmls, strict=True)]
    meta = {"lang": lang, "start_url": urls[0], "started_at": "2026-01-01T00:00:00+00:00",
            "finished_at": "2026-01-01T00:01:00+00:00"}
    return build_report(pages, meta, decide_site(list(zip(urls, htmls, strict=True))))


def _strings(value: object, keys: frozenset[str], inside: bool = False) -> list[str]:
    """The strings held under `keys` (the texts meant for people, not the data fields)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, keys, k in keys)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, keys, inside)]
    return [value] if isinstance(value, str) and inside else []


def _html_text(html: str) -> str:
    root = lxml.html.fromstring(html)
    for element in root.xpath("//script | //style | //code | //pre"):
        element.drop_tree()
    attributes = " ".join(v for el in root.iter() if isinstance(el.tag, str)
                          for k, v in el.attrib.items() if k in ("alt", "title", "aria-label"))
    return SOURCE_ID.sub(" ", root.text_content() + " " + attributes)


SARIF_TEXTS = frozenset({"text", "markdown", "justification"})
GITLAB_TEXTS = frozenset({"description"})


def _rendered(report: dict, lang: str) -> dict[str, str]:
    """Each format's human-readable text."""
    xml = etree.fromstring(render_junit(report, lang).encode())
    junit = " ".join([*(t for t in xml.itertext()),
                      *(v for el in xml.iter() for v in el.attrib.values())])
    return {
        "html": _html_text(render_html(report, lang=lang)),
        "markdown": render_markdown(report, lang),
        "junit": junit,
        "sarif": " ".join(_strings(json.loads(render_sarif(report, lang)), SARIF_TEXTS)),
        "gitlab": " ".join(_strings(json.loads(render_gitlab(report, lang)), GITLAB_TEXTS)),
    }


@pytest.fixture(scope="module")
def english_report() -> dict:
    return _report(ENGLISH_PAGE, "en")


@pytest.fixture(scope="module")
def french_report() -> dict:
    return _report(FRENCH_PAGE, "fr")


def test_the_test_pages_give_findings_of_every_kind(english_report: dict) -> None:
    findings = [f for p in english_report["pages"] for c in p["criteria"].values()
                for f in c["findings"] + c["to_verify"]]
    assert len({f["source"] for f in findings}) >= 5
    assert {f["kind"] for f in findings} == {"failure", "to-verify"}
    assert english_report["site_findings"]
    assert english_report["pages"][0]["eco"]["checks"]
    assert all(f.get("key") for f in findings)


@pytest.mark.parametrize("fmt", ["html", "markdown", "junit", "sarif", "gitlab"])
def test_english_report_has_no_french(english_report: dict, fmt: str) -> None:
    text = _rendered(english_report, "en")[fmt]
    leaks = sorted(p for p in FRENCH_ONLY if p in text)
    assert leaks == [], leaks[:10]
    words = sorted(set(FRENCH_WORDS.findall(text)))
    assert words == [], (words, [m.group(0) for m in FRENCH_WORDS.finditer(text)][:5])


@pytest.mark.parametrize("fmt", ["html", "markdown", "junit", "sarif", "gitlab"])
def test_french_report_has_no_english(french_report: dict, fmt: str) -> None:
    text = _rendered(french_report, "fr")[fmt]
    leaks = sorted(p for p in ENGLISH_ONLY if p in text)
    assert leaks == [], leaks[:10]
    if fmt == "html":
        words = sorted({w.lower() for w in ENGLISH_WORDS.findall(text)})
        assert words == [], words


def test_the_detectors_see_a_leak(english_report: dict) -> None:
    """The English report of a French-message finding would be caught."""
    text = _rendered(english_report, "fr")["html"]
    assert any(p in text for p in FRENCH_ONLY) and FRENCH_WORDS.search(text)
    text = _rendered(english_report, "en")["html"]
    assert any(p in text for p in ENGLISH_ONLY)


# -- schema-1 reports -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def schema1() -> dict:
    report = json.loads(SCHEMA1.read_text(encoding="utf-8"))
    assert '"key"' not in SCHEMA1.read_text(encoding="utf-8")  # written before keys
    return report


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_schema1_report_renders_in_every_format(schema1: dict, lang: str) -> None:
    findings = [f for p in schema1["pages"] for c in p["criteria"].values()
                for f in c["findings"] + c["to_verify"]]
    assert findings
    text = _rendered(schema1, lang)
    for fmt in ("html", "junit", "sarif", "gitlab"):
        for finding in findings[:5]:
            assert finding["message"][:60] in text[fmt], (fmt, finding["message"])
    eco = schema1["pages"][0]["eco"]["checks"][0]["message"]
    assert eco[lang][:60] in text["html"]
    assert text["markdown"].startswith("## ")
