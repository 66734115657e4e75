"""Crawl logic without a browser: scope, frontier, robots, sitemaps, charsets, sample, settings."""

from __future__ import annotations

import gzip
import json

import pytest

from rgaa_audit.crawl.charset import decode_html
from rgaa_audit.crawl.fetch import Fetched
from rgaa_audit.crawl.frontier import Frontier
from rgaa_audit.crawl.resume import CrawlStore
from rgaa_audit.crawl.robots import Robots
from rgaa_audit.crawl.sample import Discovered, parse_page, pick_sample
from rgaa_audit.crawl.scope import REASON_DEPTH, REASON_EXCLUDED, REASON_VARIANTS, Scope
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.crawl.sitemaps import MAX_XML_BYTES, parse_sitemap, sitemap_urls
from rgaa_audit.crawl.worker import worth_retrying
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot

BASE = "http://site.test"


def test_scope_patterns_glob_and_regex_depth_and_query_variants() -> None:
    scope = Scope(BASE + "/", include=("/actus/*", "re:^/$"), exclude=("re:/brouillon",),
                  max_depth=2, max_variants_per_path=3)
    assert scope.refuse(BASE + "/") is None
    assert scope.refuse(BASE + "/actus/1") is None
    assert scope.refuse(BASE + "/autre/actus/1") is not None  # globs are anchored
    assert scope.refuse(BASE + "/actus/brouillon") == REASON_EXCLUDED
    assert scope.refuse(BASE + "/actus/2", depth=3) == REASON_DEPTH
    months = [scope.refuse(f"{BASE}/actus/agenda?mois={m}") for m in range(12)]
    assert months[:3] == [None, None, None]
    assert set(months[3:]) == {REASON_VARIANTS}
    assert scope.refuse("https://ailleurs.test/actus/1") is not None


def test_frontier_records_what_it_does_not_fetch() -> None:
    frontier = Frontier(Scope(BASE + "/"), max_pages=10,
                        allowed=lambda url: "/prive" not in url)
    for link in ("/", "/a", "/a#x", "mailto:x@example.org", "tel:+33100000000",
                 "javascript:void(0)", "https://ailleurs.test/", "/doc.pdf", "/prive/1"):
        frontier.add(link if ":" in link else BASE + link, 1)
    assert [u for u, _ in frontier.queue] == [BASE + "/", BASE + "/a"]
    assert {"mailto:x@example.org", "tel:+33100000000", "javascript:void(0)",
            "https://ailleurs.test/"} <= set(frontier.out_of_scope)
    assert frontier.documents == {BASE + "/doc.pdf"}
    assert frontier.disallowed == [BASE + "/prive/1"]


def test_frontier_restores_from_the_store(tmp_path) -> None:
    store = CrawlStore(tmp_path)
    frontier = Frontier(Scope(BASE + "/"), 10, store)
    for path in ("/", "/a", "/b", "/c"):
        frontier.add(BASE + path)
    assert frontier.next()[0] == BASE + "/"
    frontier.done(BASE + "/")
    assert frontier.next()[0] == BASE + "/a"  # running when "killed"
    assert frontier.next()[0] == BASE + "/b"  # logged in pages.jsonl, row not yet updated
    store.commit()
    store.db.close()
    again = Frontier(Scope(BASE + "/"), 10, CrawlStore(tmp_path, resume=True))
    again.restore({BASE + "/b"})
    assert [u for u, _ in again.queue] == [BASE + "/a", BASE + "/c"]
    assert again.taken == 2 and not again.add(BASE + "/b")


def test_robots_rules_for_our_token() -> None:
    text = (b"User-agent: *\nDisallow: /\n\nUser-agent: rgaa-audit\nDisallow: /prive\n"
            b"Crawl-delay: 2\nSitemap: http://site.test/plan.xml\n")
    robots = Robots.from_response(Fetched(BASE + "/robots.txt", 200, "text/plain", text))
    assert robots.allowed(BASE + "/public") and not robots.allowed(BASE + "/prive/x")
    assert robots.delay == 2 and robots.sitemaps == ["http://site.test/plan.xml"]
    assert Robots.from_response(Fetched("", 404, "", b"")).allowed(BASE + "/x")
    assert not Robots.from_response(Fetched("", 503, "", b"")).allowed(BASE + "/x")


URLSET = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          b"<url><loc>http://site.test/a</loc></url><url><loc> http://site.test/b </loc></url>"
          b"</urlset>")


def test_sitemap_index_and_gzip() -> None:
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>http://site.test/s1.xml.gz</loc></sitemap>"
             b"<sitemap><loc>http://evil.test/s2.xml</loc></sitemap></sitemapindex>")
    files = {BASE + "/sitemap.xml": index, BASE + "/s1.xml.gz": gzip.compress(URLSET)}
    asked: list[str] = []

    def get(url: str) -> Fetched:
        asked.append(url)
        return Fetched(url, 200 if url in files else 404, "", files.get(url, b""))

    found = sitemap_urls([BASE + "/sitemap.xml"], get, lambda u: u.startswith(BASE))
    assert found == [BASE + "/a", BASE + "/b"]
    assert "http://evil.test/s2.xml" not in asked


def test_sitemap_parsing_is_safe() -> None:
    billion = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "' + b"x" * 100 + b'">'
               b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
               b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               b"<url><loc>http://site.test/&b;</loc></url></urlset>")
    pages, _ = parse_sitemap(billion)
    assert all(len(p) < 100 for p in pages)  # entities are not expanded
    external = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                b"<url><loc>http://site.test/&e;</loc></url></urlset>")
    pages, _ = parse_sitemap(external)
    assert not any("root:" in p for p in pages)
    bomb = gzip.compress(b"<urlset>" + b" " * (MAX_XML_BYTES + 1000))
    assert parse_sitemap(bomb) == ([], [])  # truncated at the bound, unreadable, no crash
    assert parse_sitemap(b"not xml") == ([], [])


@pytest.mark.parametrize(("body", "content_type", "expected"), [
    ("été".encode("latin-1"), "text/html; charset=ISO-8859-1", "été"),
    (b'<meta charset="windows-1252"><p>\xe9t\xe9', "text/html", "été"),
    (b"<meta http-equiv=Content-Type content='text/html; charset=iso-8859-15'>\xa4", "", "€"),
    ("été".encode(), "text/html; charset=nonsense", "été"),
    (b"\xe9t\xc3\xa9", "text/html", "\ufffdté"),
    ("\ufeffété".encode(), "", "été"),
])
def test_served_html_is_decoded_with_the_right_charset(body, content_type, expected) -> None:
    assert decode_html(body, content_type).endswith(expected)


def test_settings_parse_headers_and_never_expose_their_values() -> None:
    settings = CrawlSettings(extra_headers=("Authorization: Bearer s3cr3t",),
                             include="/a/*")
    assert settings.extra_headers == (("Authorization", "Bearer s3cr3t"),)
    assert settings.include == ("/a/*",)
    assert "s3cr3t" not in json.dumps(settings.public())
    assert CrawlSettings(extra_headers={"X-Token": "v"}).extra_headers == (("X-Token", "v"),)
    with pytest.raises(ValueError):
        CrawlSettings(extra_headers=("no colon",))
    with pytest.raises(ValueError):
        CrawlSettings(sample="everything")


def test_which_failures_are_retried() -> None:
    def snap(status, http=None, error=None):
        return PageSnapshot("u", "u", status, http, error=error)

    assert worth_retrying(snap(PageStatus.TIMEOUT))
    assert worth_retrying(snap(PageStatus.CRASHED))
    assert worth_retrying(snap(PageStatus.HTTP_ERROR, 503))
    assert not worth_retrying(snap(PageStatus.HTTP_ERROR, 404))
    assert not worth_retrying(snap(PageStatus.HTTP_ERROR, None, "boucle de redirections : x"))
    assert not worth_retrying(snap(PageStatus.AUDITED, 200))


def _page(path: str, order: int, html: str, depth: int = 1) -> Discovered:
    return parse_page(BASE + path, depth, order, html.encode())


def _layout(body: str, kind: str = "article") -> str:
    return (f"<html><head><title>{kind}</title></head><body><header id=h></header>"
            f"<main class='{kind}'>{body}</main><footer></footer></body></html>")


def test_rgaa_sample_picks_required_kinds_templates_steps_and_random() -> None:
    home = _page("/", 0, _layout("<h1>Bienvenue</h1><a href='/nous-ecrire'>Nous contacter</a>"
                                 "<a href='/legal'>Mentions légales</a>"
                                 "<a href='/a11y'>Accessibilité : partiellement conforme</a>",
                                 "home"), depth=0)
    pages = [home,
             _page("/nous-ecrire", 1, _layout("<h1>Écrivez-nous</h1>", "form")),
             _page("/legal", 2, _layout("<h1>Mentions légales</h1>")),
             _page("/a11y", 3, _layout("<h1>Déclaration d'accessibilité</h1>")),
             _page("/compte", 4, _layout("<input type=password>", "login")),
             _page("/demarche/1", 5, _layout("<p>Étape 1 sur 2</p>", "step")),
             _page("/demarche/2", 6, _layout("<p>Étape 2 sur 2</p>", "step")),
             *[_page(f"/actus/{n}", 7 + n, _layout(f"<h1>Actu {n}</h1>", "news"))
               for n in range(20)]]
    links = {u: t for p in pages for u, t in p.links}
    for page in pages:
        if page.url in links:
            page.link_texts = [links[page.url]]
    choice = pick_sample(pages, BASE + "/", 50, seed=1, documents=[BASE + "/guide.pdf"])
    reasons = choice.reasons
    assert reasons[BASE + "/"] == "page d'accueil"
    assert "contact" in reasons[BASE + "/nous-ecrire"]
    assert "mentions légales" in reasons[BASE + "/legal"]
    assert "accessibilité" in reasons[BASE + "/a11y"]
    assert "mot de passe" in reasons[BASE + "/compte"]
    assert "étape" in reasons[BASE + "/demarche/2"]
    assert "document" in reasons[BASE + "/guide.pdf"]
    news = [u for u in reasons if "/actus/" in u]
    assert any("gabarit" in reasons[u] for u in news)
    assert any("aléatoire" in reasons[u] for u in news)
    missing = {m["kind"] for m in choice.missing}
    assert "accessibilite" not in missing and "mention_accessibilite_accueil" not in missing
    assert {"plan_du_site", "recherche"} <= missing
    assert pick_sample(pages, BASE + "/", 50, seed=1).reasons.keys() == \
        pick_sample(pages, BASE + "/", 50, seed=1).reasons.keys()  # seeded: reproducible


def test_rgaa_sample_reports_missing_legal_pages_and_honours_pins() -> None:
    home = _page("/", 0, _layout("<h1>Accueil</h1><a href='/x'>X</a>"), depth=0)
    choice = pick_sample([home, _page("/x", 1, _layout("x"))], BASE + "/", 10,
                         pinned=[BASE + "/epingle"])
    assert choice.reasons[BASE + "/epingle"] == "page épinglée dans les réglages"
    required = {m["kind"] for m in choice.missing if m["required_by_law"]}
    assert required == {"accessibilite", "mention_accessibilite_accueil"}
    assert len(pick_sample([home], BASE + "/", 1, pinned=[BASE + "/p"]).reasons) == 1
