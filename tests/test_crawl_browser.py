"""The crawler and capture against pages served on 127.0.0.1, with a real Chromium."""

from __future__ import annotations

import pytest

from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.pipeline import AuditSettings, run_audit
from rgaa_audit.store.files import PagesLog
from tests.support.routes import Route, serve_routes

pytestmark = pytest.mark.browser

PAGE = ("<!doctype html><html lang='fr'><head><title>{title}</title>{head}</head>"
        "<body><main>{body}</main></body></html>")
CSS_LINK = "<link rel='stylesheet' href='/style.css'>"


def page(title: str, body: str = "", head: str = "") -> Route:
    return Route(PAGE.format(title=title, body=body, head=head))


CSS = "body{color:#111}" * 200

SITE = {
    "/": page("Accueil", "<a href='/a'>A</a> <a href='/a#top'>A bis</a> <a href='/b/'>B</a> "
              "<a href='/erreur'>Erreur</a> <a href='/lent'>Lent</a> <a href='/boucle'>Boucle</a> "
              "<a href='/donnees'>Données</a> <a href='/doc.pdf'>PDF</a> "
              "<a href='https://ailleurs.example/'>Ailleurs</a> "
              "<a href='mailto:x@example.org'>M</a>",
              CSS_LINK),
    "/a": page("A", "<p>Page A</p><a href='/'>Accueil</a>", CSS_LINK),
    "/b/": page("B", "<p>Page B</p>", CSS_LINK),
    "/style.css": Route(CSS, content_type="text/css"),
    "/favicon.ico": Route(b"\x00" * 64, content_type="image/x-icon"),
    "/erreur": Route("<!doctype html><title>Erreur</title><p>panne", status=500),
    "/lent": Route(PAGE.format(title="Lent", body="", head=""), delay=8),
    "/boucle": page("Boucle", "<script>while (true) {}</script>"),
    "/donnees": Route('{"a": 1}', content_type="application/json"),
}


@pytest.fixture(scope="module")
def crawl(browser_choice, tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl")
    hits: list[str] = []
    with serve_routes(SITE, hits) as base:
        settings = AuditSettings(CrawlSettings(max_pages=20, page_timeout=3, concurrency=2))
        report = run_audit(browser_choice, settings, Progress(), out, start_url=base + "/")
    return report, out, hits, base


def by_path(report, base):
    return {p["url"].removeprefix(base): p for p in report["pages"]}


def test_every_url_ends_with_a_status_and_the_crawl_goes_on(crawl) -> None:
    report, _, _, base = crawl
    pages = by_path(report, base)
    assert pages["/"]["status"] == "audited"
    assert pages["/a"]["status"] == "audited" and pages["/b/"]["status"] == "audited"
    assert pages["/erreur"]["status"] == "http-error" and pages["/erreur"]["http_status"] == 500
    assert pages["/lent"]["status"] == "timeout"
    assert pages["/boucle"]["status"] == "timeout"
    assert pages["/donnees"]["status"] == "not-html"
    for failed in ("/erreur", "/lent", "/boucle", "/donnees"):
        assert pages[failed]["error"] and "\n" not in pages[failed]["error"]


def test_urls_are_normalised_and_deduplicated_and_scope_is_kept(crawl) -> None:
    report, _, hits, base = crawl
    urls = [p["url"] for p in report["pages"]]
    assert len(urls) == len(set(urls))
    assert urls.count(base + "/a") == 1  # /a#top is the same page
    assert "https://ailleurs.example/" in report["site"]["out_of_scope"]
    assert base + "/doc.pdf" in report["site"]["documents"]
    assert not any(h.startswith("/doc.pdf") for h in hits)  # documents are not fetched


def test_each_audited_page_lists_every_criterion(crawl) -> None:
    report, _, _, _base = crawl
    audited = [p for p in report["pages"] if p["status"] == "audited"]
    for page_result in audited:
        assert len(page_result["criteria"]) == 106
        assert sum(len(c["tests"]) for c in page_result["criteria"].values()) == 258


def test_shared_css_counts_on_every_page_empty_cache(crawl) -> None:
    report, _, _, base = crawl
    pages = by_path(report, base)
    for path in ("/", "/a", "/b/"):
        eco = pages[path]["eco"]
        assert eco["by_type"]["css"]["requests"] == 1
        assert eco["by_type"]["css"]["decoded_bytes"] == len(CSS)
        assert eco["by_type"]["html"]["requests"] == 1
        assert eco["requests"] >= 2  # Chromium may also ask for /favicon.ico
        assert eco["transfer_bytes"] > len(CSS)  # body + headers on the wire


def test_pages_log_holds_every_page_as_it_was_decided(crawl) -> None:
    report, out, _, _ = crawl
    logged = PagesLog(out, fresh=False).read()
    assert [p["url"] for p in logged] == [p["url"] for p in report["pages"]]
    assert (out / "report.json").is_file()
