"""The HTML report: escaping, structure, languages, self-containment, and an axe run on it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rgaa_audit.capture.browser import LAUNCH_ARGS
from rgaa_audit.referential import Criterion, Referential, RgaaTest, Theme
from rgaa_audit.report import html as report_html
from rgaa_audit.report import i18n
from rgaa_audit.report import labels as report_labels
from rgaa_audit.report.html import crops as report_crops
from rgaa_audit.report.html import render_html, safe_href, write_html

# Criteria per theme in RGAA 4.1.2 (13 themes, 106 criteria).
THEME_SIZES = (9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12)
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'
LONG_TITLE = "T" * 5000


def fake_referential() -> Referential:
    """A made-up criteria table with the real shape: titles say only which criterion they are."""
    themes = []
    for number, size in enumerate(THEME_SIZES, start=1):
        criteria = tuple(
            Criterion(
                id=f"{number}.{i}",
                theme=number,
                level="A",
                wcag=(),
                title_fr=f"Intitulé factice {number}.{i}",
                title_en=f"Dummy title {number}.{i}",
                url=f"https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/#{number}.{i}",
                tests=(
                    RgaaTest(id=f"{number}.{i}.1", criterion=f"{number}.{i}", automation="semi"),
                ),
            )
            for i in range(1, size + 1)
        )
        themes.append(Theme(number, f"Thème factice {number}", f"Dummy theme {number}", criteria))
    return Referential(tuple(themes))


REF = fake_referential()
ALL_IDS = list(REF.criteria)


def finding(test: str, kind: str = "failure", **over: str) -> dict:
    base = {
        "test": test,
        "selector": "main > img:nth-child(2)",
        "snippet": '<img src="logo.png">',
        "message": "Image sans alternative textuelle",
        "source": "axe:image-alt",
        "kind": kind,
    }
    return {**base, **over}


def verdicts(nc: set[str], nt: set[str], na: set[str]) -> dict:
    out = {}
    for cid in ALL_IDS:
        status = "NC" if cid in nc else "NT" if cid in nt else "NA" if cid in na else "C"
        out[cid] = {
            "status": status,
            "tests": {f"{cid}.1": status},
            "findings": [],
            "to_verify": [],
        }
    return out


def make_report() -> dict:
    """Three pages: one with hostile content everywhere, one clean, one that timed out."""
    p1 = verdicts(nc={"1.1", "8.5"}, nt={"3.2", "10.7"}, na={"4.1"})
    p1["1.1"]["findings"] = [
        finding(
            "1.1.1",
            message=HOSTILE_SCRIPT,
            selector=HOSTILE_ATTR,
            snippet='<img src=x onerror="alert(1)"><script>alert(2)</script>',
        ),
        finding("1.1.1"),
    ]
    p1["8.5"]["findings"] = [
        finding(
            "8.5.1",
            message="Titre de page absent",
            snippet="<head></head>",
            source="rgaa-audit:page-title",
        )
    ]
    p1["3.2"]["to_verify"] = [
        finding(
            "3.2.1",
            kind="to-verify",
            message="Contraste à vérifier",
            snippet="<p style='color:#777'>texte</p>",
        )
    ]
    p2 = verdicts(nc={"11.1"}, nt={"3.2", "10.7"}, na=set())
    p2["11.1"]["findings"] = [finding("11.1.1", message="Champ sans étiquette", snippet="<input>")]
    eco = {
        "requests": 42,
        "transfer_bytes": 1_234_567,
        "decoded_bytes": 2_500_000,
        "dom_elements": 830,
        "by_type": {
            "image": {"requests": 10, "transfer_bytes": 800_000, "decoded_bytes": 810_000},
            "script": {"requests": 5, "transfer_bytes": 200_000, "decoded_bytes": 700_000},
            HOSTILE_SCRIPT: {"requests": 1, "transfer_bytes": 10, "decoded_bytes": 10},
        },
        "ecoindex": {"score": 62.4, "grade": "C"},
    }
    site = {cid: "C" for cid in ALL_IDS}
    site.update({"1.1": "NC", "8.5": "NC", "11.1": "NC", "3.2": "NT", "10.7": "NT", "4.1": "C"})
    return {
        "schema": "rgaa-audit/report/1",
        "tool": {
            "name": "rgaa-audit",
            "version": "0.1.0",
            "axe_core": "4.10.2",
            "browser": "Chromium 130",
        },
        "rgaa_version": "4.1.2",
        "lang": "fr",
        "site": {
            "start_url": "https://www.example.gouv.fr/",
            "started_at": "2025-03-01T10:00:00+00:00",
            "finished_at": "2025-03-01T10:04:31+00:00",
            "settings": {"max_pages": 3, "workers": 2, "note": HOSTILE_SCRIPT},
        },
        "pages": [
            {
                "url": "https://www.example.gouv.fr/",
                "final_url": "https://www.example.gouv.fr/",
                "status": "audited",
                "http_status": 200,
                "error": None,
                "title": HOSTILE_SCRIPT,
                "rate": 97.9,
                "criteria": p1,
                "eco": eco,
                "future_key": {"ignored": True},
            },
            {
                "url": "javascript:alert(1)",
                "final_url": " JaVa\tScRiPt:alert(document.cookie)",
                "status": "audited",
                "http_status": 200,
                "error": None,
                "title": LONG_TITLE,
                "rate": 98.9,
                "criteria": p2,
                "eco": {**eco, "ecoindex": {"score": 40.0}},
            },
            {
                "url": "https://www.example.gouv.fr/lent" + "x" * 3000,
                "final_url": None,
                "status": "timeout",
                "http_status": None,
                "error": HOSTILE_ATTR,
                "title": "",
                "rate": None,
                "criteria": {},
                "eco": None,
            },
        ],
        "summary": {
            "pages_audited": 2,
            "pages_failed": 1,
            "global_rate": 96.9,
            "average_rate": 98.4,
            "conformance": "partiellement conforme",
            "provisional": True,
            "criteria": site,
            "decided_criteria": 104,
            "untested_criteria": 2,
            "eco": {},
        },
    }


@pytest.fixture(scope="module")
def report() -> dict:
    return make_report()


@pytest.fixture(scope="module")
def page_fr(report: dict) -> str:
    return render_html(report, referential=REF)


@pytest.fixture(scope="module")
def page_en(report: dict) -> str:
    return render_html(report, "en", referential=REF)


class Outline(HTMLParser):
    """Collects what the structure tests look at: tags, attributes, headings and text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


# ---------------------------------------------------------------- untrusted content


def test_hostile_strings_are_escaped(page_fr: str) -> None:
    assert "<script" not in page_fr.lower()
    assert "<img" not in page_fr.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_fr
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page_fr
    assert not any("onerror" in name for _, attrs in outline(page_fr).tags for name in attrs)


def test_no_javascript_href(page_fr: str) -> None:
    hrefs = [a["href"] or "" for a in outline(page_fr).all("a")]
    assert hrefs, "the report has links"
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs), hrefs
    assert "javascript" not in " ".join(hrefs).lower()
    # the javascript: URL is still shown, as text
    assert "javascript:alert(1)" in page_fr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"),
        ("javascript:alert(1)", None),
        (" java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/", None),
        ("https:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        (None, None),
        ("https://example.org/" + "a" * 3000, None),
    ],
)
def test_safe_href(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_long_strings_are_cut(page_fr: str) -> None:
    assert LONG_TITLE not in page_fr
    assert "T" * report_html.TITLE_MAX not in page_fr
    assert "TTTTTTTTTT…" in page_fr
    assert "x" * 3000 not in page_fr
    assert len(page_fr) < 2_000_000


def test_findings_are_capped(report: dict) -> None:
    many = make_report()
    many["pages"][0]["criteria"]["1.1"]["findings"] = [finding("1.1.1")] * 500
    page = render_html(many, referential=REF)
    assert page.count("main &gt; img:nth-child(2)") < 500
    assert "450 autre(s) élément(s) non affiché(s)" in page


# ---------------------------------------------------------------- structure


def test_all_themes_and_criteria_in_matrix(page_fr: str) -> None:
    matrix = page_fr.split('<table class="matrix">')[1].split("</table>")[0]
    row_headers = re.findall(r'<th scope="row"><span class="cid">(\d+\.\d+)</span>', matrix)
    assert row_headers == ALL_IDS
    assert len(row_headers) == 106
    assert matrix.count('<tr class="theme-row">') == 13
    assert "Intitulé factice 10.14" in matrix
    # one column for the site and one per audited page (not for the timed-out page)
    assert len(re.findall(r'<th scope="col"', matrix.split("</thead>")[0])) == 2 + 2


def test_every_cell_has_text(page_fr: str) -> None:
    matrix = page_fr.split('<table class="matrix">')[1].split("</table>")[0]
    cells = re.findall(r"<td(?: class=\"site-col\")?>(.*?)</td>", matrix, re.S)
    assert len(cells) == 106 * 3
    assert all(re.search(r">(C|NC|NA|NT)</abbr>", cell) for cell in cells)


def test_accessible_skeleton(page_fr: str) -> None:
    doc = outline(page_fr)
    assert page_fr.startswith("<!DOCTYPE html>")
    assert doc.all("html")[0]["lang"] == "fr"
    assert len(doc.all("title")) == 1
    assert doc.headings.count(1) == 1
    assert doc.headings[0] == 1
    gaps = [(a, b) for a, b in zip(doc.headings, doc.headings[1:], strict=False) if b > a + 1]
    assert not gaps, gaps
    for landmark in ("header", "nav", "main", "footer"):
        assert len(doc.all(landmark)) == 1, landmark
    assert doc.all("main")[0]["id"] == "main"
    first_link = doc.all("a")[0]
    assert first_link["href"] == "#main"
    ids = [attrs["id"] for _, attrs in doc.tags if attrs.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    targets = {a["href"][1:] for a in doc.all("a") if (a["href"] or "").startswith("#")}
    assert targets <= set(ids), targets - set(ids)
    for table in page_fr.split("<table")[1:]:
        assert "<caption" in table.split("</table>")[0]
    regions = [a for a in doc.all("div") if a.get("role") == "region"]
    assert regions and all(r.get("tabindex") == "0" and r.get("aria-labelledby") for r in regions)


def test_page_sections(page_fr: str) -> None:
    assert 'id="page-1"' in page_fr and 'id="page-2"' in page_fr
    # NC criteria with their findings and official link
    assert "Titre de page absent" in page_fr
    assert "Critère 8.5 dans la méthode officielle RGAA" in page_fr
    assert (
        'href="https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/#8.5"' in page_fr
    )
    assert "<pre><code>&lt;head&gt;&lt;/head&gt;</code></pre>" in page_fr
    assert "<code>main &gt; img:nth-child(2)</code>" in page_fr
    # items to verify and eco block
    assert "Contraste à vérifier" in page_fr
    assert "1,2\u00a0Mo" in page_fr
    # failed page with its error
    failed = page_fr.split('id="failed"')[1]
    assert "délai dépassé" in failed
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in failed


def test_summary_figures(page_fr: str) -> None:
    assert "96,9\u202f%" in page_fr
    assert "98,4\u202f%" in page_fr
    assert "partiellement conforme" in page_fr
    assert "Audit automatique partiel" in page_fr
    assert re.search(r'class="big">104 <span class="of">sur 106</span>', page_fr)
    # NT with items (3.2 has one) vs without (10.7)
    assert re.search(r"NT avec éléments repérés à vérifier\u00a0: <strong>1</strong>", page_fr)
    assert re.search(r"NT sans vérification automatique\u00a0: <strong>1</strong>", page_fr)
    # median EcoIndex of 62.4 and 40.0
    assert "51,2" in page_fr


def test_site_eco_summary_is_used_when_present(report: dict) -> None:
    with_summary = make_report()
    with_summary["summary"]["eco"] = {
        "totals": {"requests": 84, "transfer_bytes": 9_900_000, "decoded_bytes": 1},
        "medians": {
            "transfer_bytes": 4_950_000,
            "requests": 42,
            "dom_elements": 830,
            "ecoindex": 51.2,
        },
        "ecoindex_grade_of_median": "D",
        "grades": {"C": 1, "E": 1},
        "heaviest": [
            {
                "url": "javascript:alert(1)",
                "transfer_bytes": 5_000_000,
                "requests": 42,
                "ecoindex": 40.0,
            }
        ],
        "third_parties": [
            {"domain": HOSTILE_SCRIPT, "requests": 3, "transfer_bytes": 1000, "pages": 2}
        ],
        "budget": {"pages_over": 1},
    }
    page = render_html(with_summary, referential=REF)
    eco = page.split('id="summary"')[1].split('id="matrix"')[0]
    assert "9,9\u00a0Mo" in eco  # the stated total, not the sum of the pages (2,5 Mo)
    assert "4,9\u00a0Mo" in eco or "5\u00a0Mo" in eco
    assert "classe D" in eco
    assert "Pages les plus lourdes" in eco and "javascript:alert(1)" in eco
    assert 'href="javascript' not in eco.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in eco
    assert "<script" not in page.lower()


# ---------------------------------------------------------------- languages


def test_french_by_default(page_fr: str) -> None:
    assert "Rapport d'audit d&#39;accessibilité".replace("d'audit", "d&#39;audit") in page_fr
    assert "Aller au contenu principal" in page_fr
    assert "Non conforme" in page_fr
    assert "Skip to main content" not in page_fr


def test_english(page_en: str) -> None:
    assert outline(page_en).all("html")[0]["lang"] == "en"
    assert "Skip to main content" in page_en
    assert "Partial automatic audit" in page_en
    assert "partially compliant" in page_en
    assert "96.9%" in page_en
    assert "Dummy title 1.1" in page_en
    assert "Aller au contenu principal" not in page_en


def test_languages_have_same_keys() -> None:
    assert set(i18n.STRINGS["fr"]) == set(i18n.STRINGS["en"])


def test_unknown_language_falls_back_to_french(report: dict) -> None:
    assert 'lang="fr"' in render_html(report, "de", referential=REF)


# ---------------------------------------------------------------- self-contained, robust


def test_self_contained(page_fr: str) -> None:
    doc = outline(page_fr)
    assert not doc.all("link")
    assert not doc.all("script")
    sources = [attrs["src"] or "" for _, attrs in doc.tags if "src" in attrs]
    assert all(src.startswith("data:image/jpeg;base64,") for src in sources), sources
    assert "@import" not in page_fr
    assert not re.search(r"url\((?!#)", page_fr), "only references inside the document"
    assert "@font-face" not in page_fr


def test_degrades_without_referential(report: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*_args: object) -> None:
        raise FileNotFoundError("criteria/rgaa")

    monkeypatch.setattr(report_labels, "load_referential", missing)
    page = render_html(report)
    assert page.count('<th scope="row"><span class="cid">') == 106
    assert "Thème 13" in page
    assert "Intitulé factice" not in page
    assert 'href="https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/#1.1"' in page


def test_tolerates_minimal_and_unknown_keys() -> None:
    page = render_html(
        {"pages": [{"url": "https://a.example/", "status": "audited", "x": 1}], "extra": [1, 2]},
        referential=REF,
    )
    assert "non disponible" in page
    page = render_html({}, referential=REF)
    assert "Aucune page n'a pu être auditée" in page.replace("&#39;", "'")


def test_write_html(tmp_path: Path, report: dict) -> None:
    target = write_html(report, tmp_path / "report.html", "en", referential=REF)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ---------------------------------------------------------------- in a real browser

AXE_RUN = "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


BROKEN_PAGE = """<!DOCTYPE html><html><head></head><body>
<img src="x.png"><a href="#"></a><p style="color:#bbb;background:#fff">pâle</p></body></html>"""


@pytest.fixture(scope="module")
def chromium(browser_choice):
    """One headless Chromium for the browser tests of this module (the audit's own)."""
    from playwright.sync_api import sync_playwright

    executable = str(browser_choice.executable) if browser_choice.executable else None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
        yield browser
        browser.close()


def open_at(browser, target: Path, width: int, axe: bool = True) -> tuple[dict, int]:
    """axe-core's WCAG A/AA result for the file at `width` (if asked), and how far it overflows."""
    base = pytest.importorskip("axe_playwright_python.base")
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(target.as_uri())
        overflow = page.evaluate(OVERFLOW)
        if not axe:
            return {}, overflow
        page.add_script_tag(content=Path(base.AXE_FILE_PATH).read_text(encoding="utf-8"))
        return page.evaluate(AXE_RUN), overflow
    finally:
        page.close()


@pytest.mark.browser
def test_axe_run_can_fail(tmp_path: Path, chromium) -> None:
    target = tmp_path / "broken.html"
    target.write_text(BROKEN_PAGE, encoding="utf-8")
    result, _ = open_at(chromium, target, 1280)
    found = {v["id"] for v in result["violations"]}
    assert {"html-has-lang", "document-title", "image-alt", "link-name"} <= found, found


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_violation(tmp_path: Path, report: dict, lang: str, chromium) -> None:
    target = write_html(report, tmp_path / "report.html", lang, referential=REF)
    for width in (1280, 400):
        result, _ = open_at(chromium, target, width)
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
        ]
        assert violations == [], f"width {width}: {violations}"
        assert len(result["passes"]) > 10, "axe ran its rules"


@pytest.mark.browser
def test_reflows_without_page_scroll(tmp_path: Path, report: dict, chromium) -> None:
    """At 1280 px, 200 % zoom of it (640), a phone (400) and the WCAG reflow width (320), only
    the table regions scroll sideways, never the page."""
    target = write_html(report, tmp_path / "report.html", referential=REF)
    for width in (1280, 640, 400, 320):
        _, overflow = open_at(chromium, target, width, axe=False)
        assert overflow <= 0, f"width {width}: page overflows by {overflow}px"


# ---------------------------------------------------------------- what the engine added


JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200 + b"\xff\xd9"


def make_rich_report() -> dict:
    """The three-page report plus site-wide findings, crawl facts, CI marks and eco details."""
    report = make_report()
    site_nc = finding("8.6.1", message="Titre partagé " + HOSTILE_SCRIPT, selector="html")
    site_nc["baseline"] = "new"
    report["site_findings"] = {
        "8.6.1": [site_nc],
        "12.2.1": [finding("12.2.1", kind="to-verify", message="Menu différent " + HOSTILE_ATTR)],
        "not-a-test": [finding("1.1.1", message="ignored key")],
    }
    report["summary"]["site_nc_criteria"] = ["8.6"]
    site = report["site"]
    site["missing_required_pages"] = [
        {"kind": "aide", "label_fr": "page d'aide " + HOSTILE_SCRIPT, "label_en": "help page",
         "required_by_law": False},
        {"kind": "accessibilite", "label_fr": "déclaration d'accessibilité",
         "label_en": "accessibility statement", "required_by_law": True},
    ]
    out = [f"https://www.example.gouv.fr/p?v={i}" for i in range(150)]
    site["out_of_scope"] = out
    reason = "trop de variantes de paramètres pour ce chemin"
    site["out_of_scope_reasons"] = {u: reason for u in out}
    site["out_of_scope_reasons"]["https://autre.example/" + HOSTILE_SCRIPT] = HOSTILE_ATTR
    site["documents"] = ["https://www.example.gouv.fr/rapport.pdf", "javascript:alert(1)//.pdf"]
    site["browser_restarts"] = 3
    page1, page2, _ = report["pages"]
    page1["sample_reason"] = "page d'accueil " + HOSTILE_SCRIPT
    page1["criteria"]["1.1"]["findings"][0]["baseline"] = "new"
    page1["criteria"]["1.1"]["findings"][1]["baseline"] = "bogus"
    page1["criteria"]["1.1"]["findings"][0]["crop"] = "evidence/p1-a.jpg"
    page1["criteria"]["8.5"]["findings"][0]["baseline"] = "unchanged"
    page1["criteria"]["8.5"]["waived"] = {"reason": "Refonte " + HOSTILE_SCRIPT,
                                          "expires": "2031-01-31"}
    page1["eco"] = {
        **page1["eco"],
        "by_domain": {
            "www.example.gouv.fr": {"requests": 30, "transfer_bytes": 900_000,
                                    "third_party": False},
            "cdn." + HOSTILE_SCRIPT: {"requests": 12, "transfer_bytes": 334_567,
                                       "third_party": True},
        },
        "co2_g": 0.42,
        "co2_model": "swd-v4",
        "protocol": "HTTP/2",
        "protocol_used": "ecoindex " + HOSTILE_SCRIPT,
        "checks": [
            {"id": "text-compression", "outcome": "passed", "rgesn": ["6.3"], "count": 0,
             "evidence": [], "message": {"fr": "Tout est compressé.", "en": "All compressed."}},
            {"id": "static-cache", "outcome": "failed", "rgesn": ["6.2", "javascript:x"],
             "count": 25,
             "evidence": [{"target": "https://www.example.gouv.fr/" + HOSTILE_SCRIPT,
                           "detail": "css, no-cache"}] * 25,
             "message": {"fr": "25 ressources sans cache.", "en": "25 resources not cached."}},
        ],
    }
    page2["eco"] = {**page2["eco"], "transfer_bytes": 3_000_000, "requests": 90}
    report["pages"].append({
        "url": "https://www.example.gouv.fr/index.html", "final_url": None, "status": "skipped",
        "http_status": 200, "error": "même contenu que https://www.example.gouv.fr/",
        "title": "", "rate": None, "criteria": {}, "eco": None,
    })
    report["summary"]["eco"] = {"checks": {
        "text-compression": {"passed": 2}, "static-cache": {"failed": 1, "passed": 1},
    }}
    report["baseline"] = {"file": "base " + HOSTILE_SCRIPT + ".json", "new": 2, "unchanged": 7,
                          "fixed": 1, "new_criteria": ["1.1", "<b>"]}
    report["gates"] = [
        {"name": "fail-under", "level": "error", "limit": 90, "passed": False,
         "detail": "taux 96,9 % " + HOSTILE_SCRIPT},
        {"name": "never-nc", "level": "warn", "limit": ["8.5"], "passed": True, "detail": "ok"},
    ]
    report["waivers"] = [
        {"criterion": "8.5", "reason": "Refonte " + HOSTILE_SCRIPT, "expires": "2031-01-31",
         "active": True},
        {"criterion": "1.1", "reason": "ancienne", "expires": "2020-01-01", "active": False},
    ]
    return report


@pytest.fixture(scope="module")
def rich() -> dict:
    return make_rich_report()


@pytest.fixture(scope="module")
def rich_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rich")
    (folder / "evidence").mkdir()
    (folder / "evidence" / "p1-a.jpg").write_bytes(JPEG)
    return folder


@pytest.fixture(scope="module")
def rich_fr(rich: dict, rich_dir: Path) -> str:
    return render_html(rich, referential=REF, base_dir=rich_dir)


@pytest.fixture(scope="module")
def rich_en(rich: dict, rich_dir: Path) -> str:
    return render_html(rich, "en", referential=REF, base_dir=rich_dir)


def section(page: str, name: str) -> str:
    return page.split(f'<section id="{name}"')[1].split("</section>")[0]


def test_rich_report_escapes_everything(rich_fr: str, rich_en: str) -> None:
    for page in (rich_fr, rich_en):
        assert "<script" not in page.lower()
        tags = outline(page).tags
        assert not any("onerror" in name for _, attrs in tags for name in attrs)
        hrefs = [a.get("href") or "" for a in outline(page).all("a")]
        assert all(h.startswith(("#", "http://", "https://")) for h in hrefs), hrefs
        assert "javascript" not in " ".join(hrefs).lower()


def test_site_findings_section(rich_fr: str, page_fr: str) -> None:
    part = section(rich_fr, "site-findings")
    failures, to_verify = part.split("Points à vérifier sur l&#39;ensemble du site")
    assert "Titre partagé &lt;script&gt;" in failures and "Menu différent" not in failures
    assert "Menu différent &#34;&gt;&lt;img" in to_verify and "Titre partagé" not in to_verify
    assert "(Test 8.6.1)" in failures and "ignored key" not in part
    assert "nouveau" in failures  # its baseline mark
    # without site findings the section says so
    assert "Aucune non-conformité à l&#39;échelle du site." in section(page_fr, "site-findings")


def test_matrix_marks_criteria_nc_because_of_the_site(rich_fr: str, page_fr: str) -> None:
    matrix = rich_fr.split('<table class="matrix">')[1].split("</table>")[0]
    rows = {m.group(1): m.group(0) for m in re.finditer(
        r'<span class="cid">(\d+\.\d+)</span>.*?</tr>', matrix, re.S)}
    assert 'class="site-mark" href="#site-findings"' in rows["8.6"]
    assert "à cause d&#39;un constat à l&#39;échelle du site" in rows["8.6"]
    assert "site-mark" not in rows["8.5"] and "site-mark" not in rows["1.1"]
    assert 'class="site-mark"' not in page_fr


def test_crawl_facts(rich_fr: str, rich_en: str) -> None:
    summary = section(rich_fr, "summary")
    notice = summary.split('class="notice warn legal"')[1].split("</div>")[0]
    assert "déclaration d&#39;accessibilité" in notice and "page d&#39;aide" not in notice
    crawl = section(rich_fr, "crawl")
    assert "page d&#39;aide &lt;script&gt;" in crawl and "exigée par la loi" in crawl
    assert "Adresses laissées hors du périmètre (151)" in crawl
    assert crawl.count("trop de variantes") == report_html.LISTED_MAX
    assert "51 autre(s) non affichée(s)." in crawl
    assert "Redémarrages du navigateur pendant l&#39;exploration" in crawl
    assert '<a href="https://www.example.gouv.fr/rapport.pdf">' in crawl
    assert "javascript:alert(1)//.pdf" in crawl  # shown, not linked
    assert "too many parameter variants for this path" in section(rich_en, "crawl")
    assert "required by law" in section(rich_en, "crawl")


def test_skipped_pages_apart_from_failed(rich_fr: str) -> None:
    failed = section(rich_fr, "failed")
    failed_table, skipped = failed.split("Pages écartées (1)")
    assert "délai dépassé" in failed_table and "index.html" not in failed_table
    assert "même contenu que https://www.example.gouv.fr/" in skipped
    assert "Pages non auditées (2)" in rich_fr  # table of contents counts both


def test_sample_reason_next_to_title(rich_fr: str) -> None:
    page1 = rich_fr.split('id="page-1"')[1].split('id="page-2"')[0]
    assert "Choisie pour l&#39;échantillon" in page1
    assert "page d&#39;accueil &lt;script&gt;alert(1)&lt;/script&gt;" in page1


def test_baseline_marks_and_waivers(rich_fr: str, rich_en: str) -> None:
    page1 = rich_fr.split('id="page-1"')[1].split('id="page-2"')[0]
    assert page1.count('class="mark mark-new"') == 1  # "bogus" is not a mark
    assert page1.count('class="mark mark-unchanged"') == 1
    block = page1.split('id="p1-c8-5"')[1].split('<div class="crit"')[0]
    assert 'class="mark mark-waived">dérogation</span>' in block
    assert "jusqu&#39;au 2031-01-31" in block and "Refonte &lt;script&gt;" in block
    assert "waived" not in page1.split('id="p1-c1-1"')[1].split('id="p1-c8-5"')[0]
    assert "Waiver in force until 2031-01-31" in rich_en


def test_ci_summary(rich_fr: str, page_fr: str) -> None:
    summary = section(rich_fr, "summary")
    gates = summary.split('id="gates-caption"')[1].split("</table>")[0]
    assert "Taux global minimal" in gates and "non respecté" in gates and "bloquant" in gates
    assert "Critères qui ne doivent jamais être NC" in gates and "avertissement" in gates
    assert "taux 96,9 % &lt;script&gt;" in gates
    assert re.search(r"Nouveaux constats</dt><dd class=\"big\">2<", summary)
    assert re.search(r"Constats corrigés</dt><dd class=\"big\">1<", summary)
    assert "base &lt;script&gt;" in summary and "&lt;b&gt;" not in summary  # bad id dropped
    waivers = summary.split('id="waivers-caption"')[1].split("</table>")[0]
    assert "en vigueur" in waivers and "expirée" in waivers
    assert "Intégration continue" not in page_fr  # no CI block without CI data


def test_eco_charts(rich_fr: str, rich_en: str) -> None:
    eco = section(rich_fr, "eco")
    svgs = re.findall(r"<svg class=\"chart-svg\" role=\"img\" aria-label=\"([^\"]+)\"", eco)
    assert len(svgs) == 4  # by type, by domain, weight per page, requests per page
    assert all(label.startswith("Graphique en barres") for label in svgs)
    assert "Images 1,6\u00a0Mo" in svgs[0]  # heaviest type first, with its value
    assert "domaine(s) tiers" in svgs[1]
    # pages of 1.2 MB and 3 MB: both above the EcoIndex target, one above the median page
    assert "2 au-delà de la cible EcoIndex (1\u00a0Mo)" in svgs[2]
    assert "1 au-delà de la page web médiane (2,3\u00a0Mo)" in svgs[2]
    # reference lines drawn and explained in words, third parties hatched and named
    assert eco.count('class="ref-median"') >= 2 and eco.count('class="ref-target"') >= 2
    assert "Page web médiane (HTTP Archive, 2025), 2,3\u00a0Mo" in eco
    assert "Cible EcoIndex, 1\u00a0Mo" in eco and "Cible EcoIndex, 40" in eco
    assert 'fill="url(#chart-domain-hatch)"' in eco and "(tiers)" in eco
    assert "Barre hachurée" in eco and "▲" in eco
    # each chart is followed by its data table
    assert eco.count('<details class="chart-data">') == 4
    assert eco.count("<caption") >= 5
    assert "&lt;script&gt;" in eco and "<script" not in eco
    assert "Bar chart" in section(rich_en, "eco")


def test_eco_method_and_checks(rich_fr: str, rich_en: str) -> None:
    eco = section(rich_fr, "eco")
    assert 'href="https://www.ecoindex.fr/"' in eco and "GreenIT.fr" in eco and "cnumr" in eco
    assert "ne convertit pas l&#39;EcoIndex en émissions de gaz à effet de serre" in eco
    assert "modèle Sustainable Web Design v4" in eco
    assert "ecoindex &lt;script&gt;" in eco  # measurement protocol, escaped
    tallies = eco.split('id="tallies-caption"')[1].split("</table>")[0]
    assert "Les ressources statiques peuvent être mises en cache" in tallies  # title from data
    page1 = rich_fr.split('id="page-1"')[1].split('id="page-2"')[0]
    checks = page1.split('id="ecochk-1-caption"')[1].split("</table>")[0]
    assert checks.index("mises en cache") < checks.index("compressées")  # failures first
    assert ('href="https://ecoresponsable.numerique.gouv.fr/publications/'
            'referentiel-general-ecoconception/critere/6.2/"') in checks
    assert "javascript:x" not in checks
    assert checks.count("css, no-cache") == report_html.ECO_EVIDENCE_MAX
    assert "15 autre(s) élément(s) non affiché(s)." in checks
    assert "Estimation CO₂e (modèle Sustainable Web Design v4)" in page1
    assert "Protocole HTTP de la page" in page1 and "HTTP/2" in page1
    assert "Static resources can be cached" in rich_en and "25 resources not cached." in rich_en


def test_crop_is_embedded_with_alt(rich_fr: str) -> None:
    images = outline(rich_fr).all("img")
    assert len(images) == 1
    assert images[0]["src"].startswith("data:image/jpeg;base64,/9j/")
    assert images[0]["alt"] == "Capture de l'élément en défaut\u00a0: " + HOSTILE_ATTR


@pytest.mark.parametrize(
    "crop",
    [
        "evidence/../secret.jpg",
        "../secret.jpg",
        "/etc/passwd",
        "evidence/not-a-jpeg.jpg",
        "evidence/huge.jpg",
        "evidence/missing.jpg",
        "evidence/p1-a.png",
        "evidence/sub/p1-a.jpg",
        None,
        42,
    ],
)
def test_crop_rejected(tmp_path: Path, crop: object) -> None:
    (tmp_path / "evidence" / "sub").mkdir(parents=True)
    (tmp_path / "secret.jpg").write_bytes(JPEG)
    (tmp_path / "evidence" / "p1-a.png").write_bytes(JPEG)
    (tmp_path / "evidence" / "sub" / "p1-a.jpg").write_bytes(JPEG)
    (tmp_path / "evidence" / "not-a-jpeg.jpg").write_bytes(b"<svg onload=alert(1)>")
    (tmp_path / "evidence" / "huge.jpg").write_bytes(JPEG + b"\x00" * report_html.CROP_MAX_BYTES)
    assert report_html.Crops(tmp_path).uri(crop) == ""
    assert report_html.Crops(tmp_path).uri("evidence/p1-a.jpg") == ""  # absent here
    (tmp_path / "evidence" / "p1-a.jpg").write_bytes(JPEG)
    assert report_html.Crops(tmp_path).uri("evidence/p1-a.jpg").startswith("data:image/jpeg")


def test_crops_need_a_folder_and_stay_bounded(rich: dict, rich_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert "<img" not in render_html(rich, referential=REF)  # no base_dir: no file read
    many = make_rich_report()
    extra = [finding("1.1.1", crop="evidence/p1-a.jpg") for _ in range(40)]
    many["pages"][0]["criteria"]["1.1"]["findings"] = extra
    monkeypatch.setattr(report_crops, "CROPS_TOTAL_MAX", 3 * len(report_html.Crops(rich_dir).uri(
        "evidence/p1-a.jpg")))  # patched where the budget is read
    page = render_html(many, referential=REF, base_dir=rich_dir)
    assert page.count("data:image/jpeg") == 3


def test_write_outputs_embeds_crops(rich: dict, rich_dir: Path) -> None:
    from rgaa_audit.report.outputs import write_outputs

    (path,) = write_outputs(rich, rich_dir, ["html"])
    assert "data:image/jpeg;base64," in path.read_text(encoding="utf-8")


def test_rich_report_structure(rich_fr: str) -> None:
    doc = outline(rich_fr)
    gaps = [(a, b) for a, b in zip(doc.headings, doc.headings[1:], strict=False) if b > a + 1]
    assert not gaps, gaps
    ids = [attrs["id"] for _, attrs in doc.tags if attrs.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    targets = {a["href"][1:] for a in doc.all("a") if (a["href"] or "").startswith("#")}
    assert targets <= set(ids), targets - set(ids)
    for table in rich_fr.split("<table")[1:]:
        assert "<caption" in table.split("</table>")[0]
    assert not any(tag in ("figure", "figcaption") for tag, _ in doc.tags)  # RGAA 1.9


def test_rich_report_tolerates_wrong_shapes() -> None:
    broken = make_report()
    broken.update({"site_findings": ["x"], "gates": {"a": 1}, "waivers": "x", "baseline": 3})
    broken["site"].update({"missing_required_pages": "x", "documents": {"a": 1},
                           "out_of_scope_reasons": [1], "browser_restarts": "many"})
    broken["pages"][0]["eco"] = {**broken["pages"][0]["eco"], "checks": {"x": 1},
                                 "by_domain": [1], "co2_g": "lots"}
    broken["pages"][0]["criteria"]["1.1"]["waived"] = True
    page = render_html(broken, referential=REF)
    assert "Rien à signaler sur l&#39;exploration." in page
    assert "dérogation" in page


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_rich_report(tmp_path: Path, rich: dict, rich_dir: Path, lang: str, chromium) -> None:
    target = write_html(rich, tmp_path / "report.html", lang, referential=REF, base_dir=rich_dir)
    for width in (1280, 400):
        result, overflow = open_at(chromium, target, width)
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                      for v in result["violations"]]
        assert violations == [], f"width {width}: {violations}"
        assert overflow <= 0, f"width {width}: page overflows by {overflow}px"
