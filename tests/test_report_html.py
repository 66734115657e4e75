"""The HTML report: escaping, structure, languages, self-containment, and an axe run on it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rgaa_audit.referential import Criterion, Referential, RgaaTest, Theme
from rgaa_audit.report import html as report_html
from rgaa_audit.report import i18n
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

    monkeypatch.setattr(report_html, "load_referential", missing)
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

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_RUN = "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


BROKEN_PAGE = """<!DOCTYPE html><html><head></head><body>
<img src="x.png"><a href="#"></a><p style="color:#bbb;background:#fff">pâle</p></body></html>"""


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the browser tests of this module."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
