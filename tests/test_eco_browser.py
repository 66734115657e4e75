"""The sobriety checks that need browser facts, through the real capture and pipeline.

One small site on 127.0.0.1 and a "third party" on localhost (another site for the
browser), audited once with `run_audit` (concurrency 1); each page passes or fails the
new checks on purpose.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.i18n import finding_text
from rgaa_audit.pipeline import AuditSettings, run_audit
from tests.support.routes import Route, serve_routes

pytestmark = pytest.mark.browser

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf")
CACHE = (("Cache-Control", "max-age=3600"),)
PAGE = ("<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{title}</title>"
        "{head}</head><body><main><h1>{title}</h1>{body}</main></body></html>")
MINIFIED_CSS = "main{max-width:60rem;margin:0 auto}h1{font-size:2rem}" * 60
MINIFIED_JS = "(function(){var a=document.title;window.t=a.length})();" * 60
VERBOSE_CSS = ("/* Mise en page principale */\n"
               "main {\n    max-width: 60rem;\n    margin: 0 auto;\n}\n\n") * 60
VERBOSE_JS = ("// Compte les titres\nfunction compter() {\n    const titres = "
              "document.querySelectorAll('h1');\n    return titres.length;\n}\n\n") * 60


def _photo(size: tuple[int, int], seed: int) -> bytes:
    """A JPEG with some texture (so it weighs tens of kB, like a photo)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    image.putdata([(rng.randrange(90, 110), rng.randrange(120, 160), rng.randrange(200, 256))
                   for _ in range(size[0] * size[1])])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=60)
    return out.getvalue()


def _page(title: str, body: str, head: str = "", headers: tuple = ()) -> Route:
    return Route(PAGE.format(title=title, body=body, head=head), headers=headers)


def _font_face(family: str, path: str) -> str:
    return f"@font-face{{font-family:'{family}';src:url('{path}')}}"


def _site(third: str) -> dict[str, Route]:
    fonts = {f"/fonts/{name}": Route((FONT_DIR / name).read_bytes(), content_type="font/ttf",
                                     headers=CACHE) for name in FONT_FILES}
    three_families = "".join(_font_face(f, f"/fonts/{n}") for f, n in
                             zip(("Un", "Deux", "Trois"), FONT_FILES, strict=True))
    return {
        **fonts,
        "/propre": _page(
            "Propre",
            "<p style=\"font-family:'Marianne'\">Texte</p>"
            "<img src='/petite.jpg' width='300' height='200' alt='vue'>"
            "<div style='height:3000px'></div>"
            "<img src='/loin.jpg' width='300' height='200' alt='loin' loading='lazy'>"
            "<script src='/min.js'></script>",
            "<link rel='stylesheet' href='/min.css'>"
            f"<style>{_font_face('Marianne', '/fonts/' + FONT_FILES[0])}</style>"),
        "/traceurs": _page(
            "Traceurs",
            f"<p>Texte</p><img src='{third}/pixel.gif' alt=''>"
            f"<script src='{third}/js/matomo.js'></script>"),
        "/images": _page(
            "Images",
            "<img src='/grande.jpg' style='width:200px;height:150px' alt='réduite'>"
            "<img src='/cachee.jpg' style='display:none' alt='cachée'>"
            "<div style='height:3000px'></div>"
            "<img src='/bas.jpg' width='300' height='200' alt='en bas'>"),
        "/cookies/": _page(
            "Cookies",
            "<p>Texte</p><img src='/cookies/logo.jpg' width='300' height='200' alt='logo'>"
            "<script src='/cookies/app.js'></script>",
            "<link rel='stylesheet' href='/cookies/style.css'>",
            headers=(("Set-Cookie", "session=secret-value-123; Path=/cookies/; SameSite=Lax"),)),
        "/polices": _page(
            "Polices",
            "<p style=\"font-family:'Un'\">Un</p><p style=\"font-family:'Deux'\">Deux</p>"
            "<p style=\"font-family:'Trois'\">Trois</p>",
            f"<style>{three_families}</style>"),
        "/bavard": _page("Bavard", "<p>Texte</p><script src='/bavard.js'></script>",
                         "<link rel='stylesheet' href='/bavard.css'>"),
        "/petite.jpg": Route(_photo((300, 200), 1), content_type="image/jpeg", headers=CACHE),
        "/loin.jpg": Route(_photo((300, 200), 2), content_type="image/jpeg", headers=CACHE),
        "/grande.jpg": Route(_photo((800, 600), 3), content_type="image/jpeg", headers=CACHE),
        "/cachee.jpg": Route(_photo((300, 200), 4), content_type="image/jpeg", headers=CACHE),
        "/bas.jpg": Route(_photo((300, 200), 5), content_type="image/jpeg", headers=CACHE),
        "/cookies/logo.jpg": Route(_photo((300, 200), 6), content_type="image/jpeg",
                                   headers=CACHE),
        "/cookies/app.js": Route(MINIFIED_JS, content_type="text/javascript", headers=CACHE),
        "/cookies/style.css": Route(MINIFIED_CSS, content_type="text/css", headers=CACHE),
        "/min.css": Route(MINIFIED_CSS, content_type="text/css", headers=CACHE),
        "/min.js": Route(MINIFIED_JS, content_type="text/javascript", headers=CACHE),
        "/bavard.css": Route(VERBOSE_CSS, content_type="text/css", headers=CACHE),
        "/bavard.js": Route(VERBOSE_JS, content_type="text/javascript", headers=CACHE),
    }


THIRD_PARTY = {
    "/pixel.gif": Route(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif",
                        headers=(("Set-Cookie", "visitor=tracking-id-456; Path=/; SameSite=None;"
                                                " Secure"),)),
    "/js/matomo.js": Route("window._paq=[];", content_type="text/javascript"),
}
PATHS = ("/propre", "/traceurs", "/images", "/cookies/", "/polices", "/bavard")


@pytest.fixture(scope="module")
def audited(browser_choice, tmp_path_factory):
    """Every page of the site, audited once: ({path: {check id: result dict}}, output dir)."""
    out = tmp_path_factory.mktemp("eco-site")
    with serve_routes(THIRD_PARTY) as other:
        third = other.replace("127.0.0.1", "localhost")
        with serve_routes(_site(third)) as base:
            settings = AuditSettings(CrawlSettings(
                max_pages=len(PATHS), concurrency=1, use_sitemaps=False, follow_links=False,
                max_crops_per_page=0, idle_wait_ms=500, page_timeout=20))
            report = run_audit(browser_choice, settings, Progress(), out,
                               urls=[base + path for path in PATHS])
    pages = {page["url"].removeprefix(base): page for page in report["pages"]}
    assert set(pages) == set(PATHS), [p.get("error") for p in report["pages"]]
    checks = {path: {c["id"]: c for c in page["eco"]["checks"]} for path, page in pages.items()}
    return checks, out


@pytest.fixture(scope="module")
def audit(audited):
    return audited[0]


def _outcome(audit, path: str, check: str) -> str:
    return audit[path][check]["outcome"]


def _targets(audit, path: str, check: str) -> list[str]:
    return [e["target"] for e in audit[path][check]["evidence"]]


NEW_CHECKS = ("trackers-before-consent", "oversized-images", "unused-images",
              "lazy-images", "cookies-on-static", "font-budget", "unminified-code")


def test_clean_page_passes_every_new_check(audit) -> None:
    outcomes = {check: _outcome(audit, "/propre", check) for check in NEW_CHECKS}
    assert outcomes == dict.fromkeys(NEW_CHECKS, "passed")


def test_tracker_script_and_third_party_cookie_fail(audit) -> None:
    assert _outcome(audit, "/traceurs", "trackers-before-consent") == "failed"
    targets = _targets(audit, "/traceurs", "trackers-before-consent")
    assert any(t.endswith("/js/matomo.js") for t in targets)
    assert any(t.endswith("/pixel.gif") for t in targets)  # tried to set a cookie
    assert audit["/traceurs"]["trackers-before-consent"]["count"] == 2


def test_first_party_cookie_is_not_a_tracker(audit) -> None:
    assert _outcome(audit, "/cookies/", "trackers-before-consent") == "passed"


@pytest.mark.parametrize(("check", "culprit"), [
    ("oversized-images", "grande.jpg"),  # shown smaller than its file
    ("unused-images", "cachee.jpg"),  # hidden, downloaded for nothing
    ("lazy-images", "bas.jpg"),  # below the fold, not lazy-loaded
])
def test_wasteful_image_fails_and_is_named(audit, check: str, culprit: str) -> None:
    assert _outcome(audit, "/images", check) == "failed"
    assert [t.rsplit("/", 1)[-1] for t in _targets(audit, "/images", check)] == [culprit]


def test_static_resources_sent_with_a_cookie_fail(audit) -> None:
    assert _outcome(audit, "/cookies/", "cookies-on-static") == "failed"
    names = sorted(t.rsplit("/", 1)[-1] for t in _targets(audit, "/cookies/",
                                                          "cookies-on-static"))
    assert names == ["app.js", "logo.jpg", "style.css"]


def test_three_heavy_font_families_fail(audit) -> None:
    assert _outcome(audit, "/polices", "font-budget") == "failed"
    message = finding_text(audit["/polices"]["font-budget"], "en")
    assert "3 famil" in message, message


def test_hand_written_css_and_js_fail(audit) -> None:
    assert _outcome(audit, "/bavard", "unminified-code") == "failed"
    names = sorted(t.rsplit("/", 1)[-1] for t in _targets(audit, "/bavard", "unminified-code"))
    assert names == ["bavard.css", "bavard.js"]


def test_no_cookie_value_is_stored(audited) -> None:
    _, out = audited
    stored = [path for path in out.rglob("*") if path.is_file()]
    assert any(path.name == "report.json" for path in stored)
    for path in stored:
        data = path.read_bytes()
        assert b"secret-value-123" not in data and b"tracking-id-456" not in data, path.name
