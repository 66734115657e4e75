"""A hostile little site crawled for real: scope, robots, sitemaps, traps, redirects, dialogs,
downloads, charsets, huge DOMs, logins, crashes, recycling, resume and the RGAA sample."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rgaa_audit.capture import tab as tab_module
from rgaa_audit.capture.browser import browser_pids
from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.pipeline import AuditSettings, run_audit
from tests.support.routes import Route, serve_routes

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[1]
SECRET = "Bearer tres-secret-42"


def html(title: str, body: str = "", head: str = "") -> str:
    return (f"<!doctype html><html lang='fr'><head><title>{title}</title>{head}</head>"
            f"<body><main>{body}</main></body></html>")


def site(other: str) -> dict[str, Route]:
    months = "".join(f"<a href='/agenda?mois={m}'>m{m}</a>" for m in range(30))
    return {
        "/robots.txt": Route("User-agent: *\nDisallow: /interdit\nSitemap: /plans.xml\n",
                             content_type="text/plain"),
        "/plans.xml": Route('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                            "<sitemap><loc>/s1.xml.gz</loc></sitemap></sitemapindex>",
                            content_type="application/xml"),
        "/": Route(html("Accueil", months + "<a href='/interdit'>I</a> <a href='/part'>P</a>"
                        "<a href='/boucle'>B</a> <a href='/dialogues'>D</a>"
                        "<a href='/telechargement'>T</a> <a href='/latin'>L</a>"
                        "<a href='/enorme'>E</a> <a href='/prive'>Privé</a>"
                        "<a href='tel:+33100000000'>tel</a> <a href='javascript:void(0)'>js</a>"
                        "<script>const a = document.createElement('a'); a.href = '/par-script';"
                        "a.textContent = 's'; document.querySelector('main').append(a);</script>")),
        "/agenda": Route(html("Agenda", "<p>Mois</p>")),
        "/interdit": Route(html("Interdit")),
        "/part": Route("", 302, headers=(("Location", other + "/ailleurs"),)),
        "/boucle": Route("", 302, headers=(("Location", "/boucle"),)),
        "/dialogues": Route(html("Dialogues", "<p>ok</p>",
                                 "<script>alert('a'); confirm('b');"
                                 "addEventListener('beforeunload', e => {e.preventDefault();"
                                 "e.returnValue='x'});</script>")),
        "/telechargement": Route(b"%PDF-1.4 fake", content_type="application/octet-stream",
                                 headers=(("Content-Disposition", "attachment; filename=x.bin"),)),
        "/latin": Route(html("Été", "<p>Château</p>").encode("latin-1"),
                        content_type="text/html; charset=ISO-8859-1"),
        "/enorme": Route(html("Énorme", "<p>bloc de texte</p>" * 3000)),
        "/prive": Route(html("Privé", "<p>zone connectée</p>"),
                        require_header=("Authorization", SECRET)),
        "/par-script": Route(html("Ajoutée par script")),
        "/du-plan": Route(html("Du plan")),
        "/s1.xml.gz": Route(gzip.compress(
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>/du-plan</loc></url></urlset>"), content_type="application/gzip"),
    }


@pytest.fixture(scope="module")
def crawl(browser_choice, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    hits: list[str] = []
    other_hits: list[str] = []
    saved = tab_module.MAX_DOM_CHARS
    tab_module.MAX_DOM_CHARS = 20_000
    snapshots = []
    try:
        with serve_routes({"/ailleurs": Route(html("Ailleurs"))}, other_hits) as other, \
                serve_routes(site(other), hits) as base:
            settings = CrawlSettings(max_pages=40, page_timeout=5, concurrency=2,
                                     retry_delay=0.1, max_variants_per_path=4,
                                     extra_headers=(f"Authorization: {SECRET}",))

            class Keep(Progress):
                def finished(self, snapshot, *args):
                    snapshots.append(snapshot)

            report = run_audit(browser_choice, AuditSettings(settings), Keep(), out,
                               start_url=base + "/")
    finally:
        tab_module.MAX_DOM_CHARS = saved
    return report, out, hits, other_hits, base, snapshots


def pages_by_path(report, base):
    return {p["url"].removeprefix(base): p for p in report["pages"]}


def test_scope_robots_sitemaps_and_traps(crawl) -> None:
    report, _, hits, other_hits, base, _ = crawl
    pages = pages_by_path(report, base)
    assert pages["/interdit"]["status"] == "skipped" and "robots" in pages["/interdit"]["error"]
    assert not any(h.startswith("/interdit") for h in hits)
    assert pages["/du-plan"]["status"] == "audited"  # from the gzip sitemap behind an index
    assert pages["/par-script"]["status"] == "audited"  # link added by a script
    agenda = [p for p in pages if p.startswith("/agenda")]
    assert len(agenda) == 4  # the calendar trap is bounded
    reasons = report["site"]["out_of_scope_reasons"]
    assert sum("variantes" in r for r in reasons.values()) == 26
    assert {"tel:+33100000000", "javascript:void(0)"} <= set(report["site"]["out_of_scope"])
    # a redirect to another origin is recorded and never followed
    assert pages["/part"]["status"] == "skipped" and "hors du périmètre" in pages["/part"]["error"]
    assert other_hits == []


def test_robustness_cases(crawl) -> None:
    report, _, _, _, base, snapshots = crawl
    pages = pages_by_path(report, base)
    assert pages["/boucle"]["status"] == "http-error"
    assert "boucle de redirections" in pages["/boucle"]["error"]
    assert pages["/dialogues"]["status"] == "audited"
    assert pages["/telechargement"]["status"] == "not-html"
    assert pages["/latin"]["status"] == "audited" and pages["/latin"]["title"] == "Été"
    latin = next(s for s in snapshots if s.url.endswith("/latin"))
    assert "Château" in latin.served_html
    huge = next(s for s in snapshots if s.url.endswith("/enorme"))
    assert huge.collected["domTruncated"] and len(huge.dom_html) <= 20_100


def test_login_header_is_sent_but_never_stored(crawl, capsys) -> None:
    report, out, _, _, base, _ = crawl
    assert pages_by_path(report, base)["/prive"]["status"] == "audited"
    assert "tres-secret" not in (out / "report.json").read_text()
    assert "tres-secret" not in (out / "pages.jsonl").read_text()
    assert report["site"]["settings"]["extra_headers"] == {"Authorization": "***"}


def test_browser_killed_then_recycled_loses_no_page(browser_choice, tmp_path) -> None:
    routes = {"/": Route(html("Accueil", "".join(f"<a href='/p{n}'>p</a>" for n in range(8))))}
    routes |= {f"/p{n}": Route(html(f"P{n}"), delay=0.3) for n in range(8)}
    killed: list[int] = []

    class Killer(Progress):
        def finished(self, snapshot, done, *args):
            if done == 3 and not killed:
                for pid in browser_pids():
                    killed.append(pid)
                    os.kill(pid, signal.SIGKILL)

    with serve_routes(routes) as base:
        settings = CrawlSettings(max_pages=20, concurrency=2, page_timeout=10, retry_delay=0.1,
                                 recycle_after=6)
        report = run_audit(browser_choice, AuditSettings(settings), Killer(), tmp_path,
                           start_url=base + "/")
    assert killed
    statuses = {p["url"].removeprefix(base): p["status"] for p in report["pages"]}
    assert statuses == {path: "audited" for path in routes}
    restarts = report["site"]["browser_restarts"]
    assert "crash" in restarts and "recycle" in restarts


def test_resume_after_kill_9_audits_each_page_exactly_once(tmp_path) -> None:
    routes = {"/": Route(html("Accueil", "".join(f"<a href='/p{n}'>p</a>" for n in range(10))))}
    routes |= {f"/p{n}": Route(html(f"P{n}", f"<a href='/p{(n + 1) % 10}'>n</a>"), delay=0.7)
               for n in range(10)}
    out = tmp_path / "out"
    with serve_routes(routes) as base:
        command = [sys.executable, str(REPO / "cli.py"), "audit", base + "/", "--out", str(out),
                   "--concurrency", "1", "--format", "json"]
        process = subprocess.Popen(command, cwd=REPO, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            log = out / "pages.jsonl"
            while time.monotonic() < deadline:
                if log.exists() and len(log.read_text().splitlines()) >= 3:
                    break
                time.sleep(0.1)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        assert not (out / "report.json").exists()
        first = len((out / "pages.jsonl").read_text().splitlines())
        assert 3 <= first < 11
        done = subprocess.run([*command, "--resume"], cwd=REPO, capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    urls = [p["url"].removeprefix(base) for p in report["pages"]]
    assert sorted(urls) == sorted(routes)  # every page once, none lost
    assert all(p["status"] == "audited" for p in report["pages"])


def test_rgaa_sample_audits_the_required_pages_with_a_reason(browser_choice, tmp_path) -> None:
    links = ("<a href='/contact'>Contact</a><a href='/mentions-legales'>Mentions légales</a>"
             "<a href='/plan'>Plan du site</a>"
             + "".join(f"<a href='/actus/{n}'>Actu {n}</a>" for n in range(12)))
    routes = {"/": Route(html("Accueil", links)),
              "/contact": Route(html("Contact", "<form><label>Nom <input></label></form>")),
              "/mentions-legales": Route(html("Mentions légales", "<p>Éditeur</p>")),
              "/plan": Route(html("Plan du site", "<ul><li>a</li></ul>"))}
    routes |= {f"/actus/{n}": Route(html(f"Actu {n}", "<article><p>x</p></article>"))
               for n in range(12)}
    with serve_routes(routes) as base:
        settings = CrawlSettings(max_pages=8, sample="rgaa", page_timeout=10, sample_seed=3)
        report = run_audit(browser_choice, AuditSettings(settings), Progress(), tmp_path,
                           start_url=base + "/")
    reasons = {p["url"].removeprefix(base): p.get("sample_reason") for p in report["pages"]}
    assert reasons["/"] == "page d'accueil"
    assert "contact" in reasons["/contact"]
    assert "mentions légales" in reasons["/mentions-legales"]
    assert "plan du site" in reasons["/plan"]
    assert all(reasons.values()) and len(reasons) <= 8
    assert any("aléatoire" in r for r in reasons.values())
    missing = {m["kind"] for m in report["site"]["missing_required_pages"]}
    assert {"accessibilite", "mention_accessibilite_accueil"} <= missing


def test_memory_ceiling_restarts_the_browser_and_loses_no_page(browser_choice, tmp_path) -> None:
    routes = {"/": Route(html("Accueil", "".join(f"<a href='/p{n}'>p</a>" for n in range(11))))}
    routes |= {f"/p{n}": Route(html(f"P{n}", "<p>texte</p>")) for n in range(11)}
    with serve_routes(routes) as base:
        settings = CrawlSettings(max_pages=20, concurrency=2, page_timeout=10, retry_delay=0.1,
                                 max_browser_memory_mb=1)  # any real browser is above 1 MiB
        report = run_audit(browser_choice, AuditSettings(settings), Progress(), tmp_path,
                           start_url=base + "/")
    statuses = {p["url"].removeprefix(base): p["status"] for p in report["pages"]}
    assert statuses == {path: "audited" for path in routes}  # 12 pages, each once
    assert len(report["pages"]) == len(routes)
    restarts = report["site"]["browser_restarts"]
    assert restarts and set(restarts) == {"memory"}  # checked every 5 pages: 2 restarts
    assert len(restarts) == 2
