"""The older sobriety checks on pages served from 127.0.0.1, through the real capture.

One clean page passes them all; each other page fails one check on purpose. A second
server stands for the third parties (reached as localhost and *.localhost, which Chromium
sends to the loopback). Audited once with `run_audit` (concurrency 1).

Not served here:
- `http1` pass case: Python's http.server only speaks HTTP/1.x, so every local page fails
  it; its pass case lives in tests/eco_cases/network.toml (protocol "h2").
- `social-widgets` fail case: it matches real social-network hosts only, and run_audit
  opens its own browser (no request rewriting without touching production code); its fail
  case stays in the unit cases. Its pass case is served (the clean page).
"""

from __future__ import annotations

import gzip
import io
import random
from pathlib import Path

import pytest
from PIL import Image

from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.pipeline import AuditSettings, run_audit
from tests.support.routes import Route, serve_routes

pytestmark = pytest.mark.browser

CACHE = (("Cache-Control", "max-age=3600"),)
GZIP = (("Content-Encoding", "gzip"),)
FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
FONTS = ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf",
         "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
         "LiberationSansNarrow-Bold.ttf")
PAGE = ("<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{title}</title>"
        "<link rel='icon' href='data:,'>{head}</head>"
        "<body><main><h1>{title}</h1>{body}</main></body></html>")
CSS = "main{max-width:60rem;margin:0 auto}h1{font-size:2rem;color:#123}" * 40  # > 1 kB
TINY_GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01" \
    b"\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
MANY_IMAGES = 45  # + the document: over the 40-request budget
THIRD_HOSTS = ("localhost", "un.localhost", "deux.localhost", "trois.localhost")


def _image(size: tuple[int, int], fmt: str, seed: int) -> bytes:
    """A textured image (noise weighs like a photo)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256))
                   for _ in range(size[0] * size[1])])
    out = io.BytesIO()
    image.save(out, fmt, quality=70)
    return out.getvalue()


def _page(title: str, body: str, head: str = "") -> Route:
    return Route(PAGE.format(title=title, body=body, head=head))


def _font_faces() -> tuple[str, str]:
    """(head style declaring one family per font file, body using each family)."""
    faces = "".join(f"@font-face{{font-family:'F{i}';src:url('/fonts/{name}')}}"
                    for i, name in enumerate(FONTS))
    texts = "".join(f"<p style=\"font-family:'F{i}'\">Texte {i}</p>" for i in range(len(FONTS)))
    return f"<style>{faces}</style>", texts


def _site(third_port: int) -> dict[str, Route]:
    font_head, font_body = _font_faces()
    small_webp = _image((16, 16), "WEBP", 1)
    elsewhere = "".join(f"<img src='http://{host}:{third_port}/pixel.gif' alt=''>"
                        for host in THIRD_HOSTS)
    clean = PAGE.format(
        title="Propre",
        head="<link rel='stylesheet' href='/propre.css'>"
             "<style>@media print{main{max-width:none}}</style>",
        body="<p>Texte</p><img src='/petite.webp' width='16' height='16' alt='vue'>"
             "<video controls width='160' height='90'></video>")
    return {
        "/propre": Route(gzip.compress(clean.encode()), headers=GZIP),
        "/propre.css": Route(gzip.compress(CSS.encode()), content_type="text/css",
                             headers=CACHE + GZIP),
        "/petite.webp": Route(small_webp, content_type="image/webp", headers=CACHE),
        "/compression": _page("Compression", "<p>Texte</p>",
                              "<link rel='stylesheet' href='/brut.css'>"),
        "/brut.css": Route(CSS, content_type="text/css", headers=CACHE),
        "/sans-cache": _page("Sans cache", "<p>Texte</p>",
                             "<link rel='stylesheet' href='/sans-cache.css'>"),
        "/sans-cache.css": Route("main{margin:0}", content_type="text/css"),
        "/domaines": _page("Domaines", "<img src='/petite.webp' alt=''>" + elsewhere),
        "/ancienne": _page("Ancienne", "<img src='/photo.jpg' width='400' height='300' alt=''>"),
        "/photo.jpg": Route(_image((400, 300), "JPEG", 2), content_type="image/jpeg",
                            headers=CACHE),
        "/redirection": _page("Redirection", "<img src='/ancien-logo.webp' alt=''>"),
        "/ancien-logo.webp": Route("", status=301, headers=(("Location", "/petite.webp"),)),
        "/erreurs": _page("Erreurs", "<img src='/absente.png' alt=''>"),
        "/polices": _page("Polices", font_body, font_head),
        **{f"/fonts/{name}": Route((FONT_DIR / name).read_bytes(), content_type="font/ttf",
                                   headers=CACHE) for name in FONTS},
        "/autoplay": _page("Autoplay", "<video autoplay muted width='160' height='90'></video>"),
        "/sans-impression": _page("Sans impression", "<p>Texte</p>",
                                  "<style>main{margin:0}</style>"),
        "/vide": _page("Vide", "<img src='' alt=''>"),
        "/greffon": _page("Greffon", "<object type='application/x-shockwave-flash' "
                                     "width='10' height='10'></object>"),
        "/lourde": _page("Lourde", "<p>Texte</p><script src='/lourd.js'></script>"),
        "/lourd.js": Route("window.x='" + "a" * 1_100_000 + "';",
                           content_type="text/javascript", headers=CACHE),
        "/requetes": _page("Requêtes", "".join(f"<img src='/p/{i}.gif' alt=''>"
                                               for i in range(MANY_IMAGES))),
        **{f"/p/{i}.gif": Route(TINY_GIF, content_type="image/gif", headers=CACHE)
           for i in range(MANY_IMAGES)},
        "/dom": _page("DOM", "<span>x</span>" * 700),
    }


THIRD_PARTY = {"/pixel.gif": Route(TINY_GIF, content_type="image/gif", headers=CACHE)}
PATHS = ("/propre", "/compression", "/sans-cache", "/domaines", "/ancienne", "/redirection",
         "/erreurs", "/polices", "/autoplay", "/sans-impression", "/vide", "/greffon",
         "/lourde", "/requetes", "/dom")


@pytest.fixture(scope="module")
def audit(browser_choice) -> dict[str, dict[str, dict]]:
    """Every page audited once: {path: {check id: result dict}}."""
    with serve_routes(THIRD_PARTY) as other:
        third_port = int(other.rsplit(":", 1)[1])
        with serve_routes(_site(third_port)) as base:
            settings = AuditSettings(CrawlSettings(
                max_pages=len(PATHS), page_timeout=20, concurrency=1, follow_links=False,
                use_sitemaps=False, ignore_robots=True, max_crops_per_page=0,
                idle_wait_ms=500))
            report = run_audit(browser_choice, settings, Progress(), None,
                               urls=[base + path for path in PATHS])
    pages = {page["url"].removeprefix(base): page for page in report["pages"]}
    assert set(pages) == set(PATHS), [p.get("error") for p in report["pages"]]
    return {path: {c["id"]: c for c in page["eco"]["checks"]} for path, page in pages.items()}


# (check, the page that fails it on purpose)
FAILS = (
    ("text-compression", "/compression"),
    ("static-cache", "/sans-cache"),
    ("too-many-domains", "/domaines"),
    ("legacy-image-format", "/ancienne"),
    ("redirects", "/redirection"),
    ("http-errors", "/erreurs"),
    ("font-files", "/polices"),
    ("autoplay-media", "/autoplay"),
    ("print-stylesheet", "/sans-impression"),
    ("empty-src-href", "/vide"),
    ("plugins", "/greffon"),
    ("page-weight", "/lourde"),
    ("request-count", "/requetes"),
    ("dom-size", "/dom"),
)
PASSES = (*(check for check, _ in FAILS), "social-widgets")


@pytest.mark.parametrize("check", PASSES)
def test_clean_page_passes(audit, check: str) -> None:
    result = audit["/propre"][check]
    assert result["outcome"] == "passed", result


@pytest.mark.parametrize(("check", "path"), FAILS)
def test_page_made_to_fail_fails(audit, check: str, path: str) -> None:
    result = audit[path][check]
    assert result["outcome"] == "failed", result


def test_every_local_page_fails_http1(audit) -> None:
    """http.server answers in HTTP/1.x: the fail case is served, the pass case is not."""
    assert {path: audit[path]["http1"]["outcome"] for path in PATHS} \
        == dict.fromkeys(PATHS, "failed")


def test_fail_evidence_names_the_culprit(audit) -> None:
    def targets(path: str, check: str) -> list[str]:
        return [e["target"].rsplit("/", 1)[-1] for e in audit[path][check]["evidence"]]

    assert targets("/compression", "text-compression") == ["brut.css"]
    assert targets("/sans-cache", "static-cache") == ["sans-cache.css"]
    assert targets("/redirection", "redirects") == ["ancien-logo.webp"]
    assert targets("/erreurs", "http-errors") == ["absente.png"]
    hosts = [e["target"] for e in audit["/domaines"]["too-many-domains"]["evidence"]]
    assert sorted(hosts) == sorted(("127.0.0.1", *THIRD_HOSTS))
