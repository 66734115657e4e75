"""The RGAA sample (`--sample rgaa`): which pages an audit must include, and why each one.

How it works, simply: a cheap discovery pass (plain HTTP + lxml, no browser, bounded by
`discover_pages`) walks the site from the seeds and notes, per page, its title, first heading,
the texts of the links that point to it, a skeleton of its markup, and a few content hints
(password field, search field, "step 2 of 4"). `pick_sample` (pure) then chooses, in this
order, within `max_pages`: pinned pages, the home page, one page per required kind found by
URL, link text or title in French or English (contact, legal notice, accessibility statement,
site map, help, login, search), every page of a multi-step procedure, one page per template
(same skeleton), downloadable documents, then at least 10 % more pages drawn at random with
a fixed seed. Only the sample is audited in the browser. Links added by scripts are not seen
by the discovery pass: pin such pages if they matter.

Missing kinds are reported (`site.missing_required_pages`); the accessibility statement and
its mention on the home page are marked as required by law.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from rgaa_audit.crawl.charset import decode_html
from rgaa_audit.crawl.fetch import fetch
from rgaa_audit.crawl.urls import normalise

if TYPE_CHECKING:
    from rgaa_audit.crawl.frontier import Frontier
    from rgaa_audit.crawl.settings import CrawlSettings

MAX_HTML_BYTES = 2_000_000
MAX_DOCUMENTS = 5
MAX_PROCEDURE_PAGES = 20
RANDOM_SHARE = 0.10


@dataclass(frozen=True)
class Kind:
    """A kind of page the sample must hold when the site has one."""

    key: str
    label_fr: str
    label_en: str
    words: tuple[str, ...]  # lower-case, accents removed, matched in URL, link text, title
    required_by_law: bool = False


KINDS = (
    Kind("contact", "page de contact", "contact page", ("contact", "nous ecrire", "write to us")),
    Kind("mentions_legales", "mentions légales", "legal notice",
         ("mentions legales", "mentions-legales", "legal notice", "legal-notice", "imprint")),
    Kind("accessibilite", "déclaration d'accessibilité", "accessibility statement",
         ("accessibilite", "accessibility"), required_by_law=True),
    Kind("plan_du_site", "plan du site", "site map", ("plan du site", "plan-du-site", "site map",
                                                      "sitemap", "site-map")),
    Kind("aide", "aide", "help", ("aide", "help", "faq", "questions frequentes")),
    Kind("authentification", "authentification", "login",
         ("connexion", "se connecter", "identification", "login", "log in", "sign in",
          "signin", "mon compte")),
    Kind("recherche", "recherche", "search", ("recherche", "rechercher", "search")),
)
HOME_MENTION = "mention_accessibilite_accueil"
CONFORMITY = re.compile(r"accessibilit[ey]\W+(?:\w+\W+){0,4}?"
                        r"(non conforme|partiellement conforme|totalement conforme|"
                        r"not compliant|partially compliant|fully compliant)")
STEP = re.compile(r"(?:etape|step)\s*\d+\s*(?:sur|of|/)\s*\d+")


def plain(text: str) -> str:
    """Lower case, French accents removed, spaces collapsed: what keywords are matched on."""
    table = str.maketrans("àâäéèêëîïôöùûüçœ’", "aaaeeeeiioouuuco'")
    return " ".join(text.lower().translate(table).split())


@dataclass
class Discovered:
    """What the discovery pass saw on one page."""

    url: str
    depth: int
    order: int
    title: str = ""
    heading: str = ""
    text: str = ""  # plain, bounded
    skeleton: str = ""
    has_password: bool = False
    has_search_field: bool = False
    link_texts: list[str] = field(default_factory=list)  # texts of links pointing here
    links: list[tuple[str, str]] = field(default_factory=list)  # (url, plain text) out of here


@dataclass(frozen=True)
class SampleChoice:
    reasons: dict[str, str]  # url -> why, in the order picked
    missing: list[dict[str, Any]]


def parse_page(url: str, depth: int, order: int, body: bytes,
               content_type: str = "") -> Discovered:
    """Read one page's markup cheaply (no scripts run)."""
    page = Discovered(url, depth, order)
    try:
        root = lxml_html.document_fromstring(decode_html(body[:MAX_HTML_BYTES], content_type))
    except (ValueError, TypeError, Exception):  # lxml raises ParserError on empty documents
        return page
    page.title = plain(" ".join(root.xpath("//title//text()")))[:200]
    page.heading = plain(" ".join(root.xpath("(//h1)[1]//text()")))[:200]
    bodies = root.xpath("//body")
    page.text = plain(bodies[0].text_content())[:5000] if bodies else ""
    page.has_password = bool(root.xpath("//input[@type='password']"))
    page.has_search_field = bool(root.xpath("//input[@type='search'] | //*[@role='search']"))
    for anchor in root.xpath("//a[@href]")[:2000]:
        href = anchor.get("href", "").strip()
        if not href or href.startswith("#"):
            continue
        label = anchor.text_content() or anchor.get("title", "") or anchor.get("aria-label", "")
        text = plain(label)
        page.links.append((urljoin(url, href), text[:200]))
    page.skeleton = skeleton(root)
    return page


def skeleton(root: Any) -> str:
    """A digest of the page's structure (tags, ids and classes three levels under <body>),
    so pages built from the same template share it whatever their text."""
    parts: list[str] = []

    def walk(element: Any, level: int) -> None:
        if level > 3 or len(parts) > 400:
            return
        for child in element:
            if not isinstance(child.tag, str) or child.tag in ("script", "style", "p", "li",
                                                                "a", "span", "br"):
                continue
            parts.append(f"{level}{child.tag}#{child.get('id', '')}."
                         f"{' '.join(sorted((child.get('class') or '').split()))}")
            walk(child, level + 1)

    for body in root.xpath("//body")[:1]:
        walk(body, 0)
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _matches(page: Discovered, kind: Kind) -> tuple[int, str] | None:
    """(score, evidence) when `page` looks like `kind`."""
    path = plain(urlsplit(page.url).path.replace("_", "-"))
    best: tuple[int, str] | None = None
    for word in kind.words:
        hits = []
        if word in page.title or word in page.heading:
            hits.append((3, f"titre « {page.heading or page.title} »"))
        for text in page.link_texts:
            if word in text:
                hits.append((3, f"lien « {text} »"))
                break
        if word.replace(" ", "-") in path:
            hits.append((2, f"adresse {urlsplit(page.url).path}"))
        for score, evidence in hits:
            if best is None or score > best[0]:
                best = (score, evidence)
    if kind.key == "authentification" and page.has_password:
        best = (4, "champ de mot de passe")
    return best


def _pick_kind(pages: list[Discovered], kind: Kind) -> tuple[Discovered, str] | None:
    found = [(m, p) for p in pages if (m := _matches(p, kind))]
    if not found:
        return None
    (_score, evidence), page = min(found, key=lambda item: (-item[0][0], item[1].depth,
                                                           item[1].order))
    return page, evidence


def home_mentions_accessibility(home: Discovered | None) -> bool:
    """The home page states the site's accessibility status (e.g. "Accessibilité : partiellement
    conforme"), in a link or in its text."""
    if home is None:
        return False
    return any(CONFORMITY.search(text) for _, text in home.links) or bool(
        CONFORMITY.search(home.text))


def pick_sample(pages: list[Discovered], home_url: str, max_pages: int, seed: int = 0,
                pinned: Iterable[str] = (), documents: Iterable[str] = ()) -> SampleChoice:
    """Choose the audit's pages from what discovery saw (pure: no network)."""
    reasons: dict[str, str] = {}
    by_url = {p.url: p for p in pages}

    def take(url: str, why: str) -> None:
        if url not in reasons and len(reasons) < max_pages:
            reasons[url] = why[:300]

    for url in pinned:
        take(normalise(url), "page épinglée dans les réglages")
    home = by_url.get(normalise(home_url))
    take(normalise(home_url), "page d'accueil")
    missing: list[dict[str, Any]] = []
    # the kinds the law requires first, so a small max_pages keeps the accessibility page
    for kind in sorted(KINDS, key=lambda k: not k.required_by_law):
        picked = _pick_kind(pages, kind)
        if picked is None:
            missing.append({"kind": kind.key, "label_fr": kind.label_fr,
                            "label_en": kind.label_en, "required_by_law": kind.required_by_law})
            continue
        page, evidence = picked
        take(page.url, f"{kind.label_fr} ({evidence})")
    if not home_mentions_accessibility(home):
        missing.append({"kind": HOME_MENTION,
                        "label_fr": "mention de l'état de conformité sur la page d'accueil",
                        "label_en": "accessibility status stated on the home page",
                        "required_by_law": True})
    steps = [p for p in pages if STEP.search(p.title + " " + p.heading + " " + p.text[:2000])]
    for page in steps[:MAX_PROCEDURE_PAGES]:
        take(page.url, "étape d'une démarche en plusieurs étapes")
    templates: dict[str, Discovered] = {}
    for page in sorted(pages, key=lambda p: (p.depth, p.order)):
        templates.setdefault(page.skeleton, page)
    chosen_templates = {by_url[u].skeleton for u in reasons if u in by_url}
    for key, page in templates.items():
        if key not in chosen_templates:
            take(page.url, "gabarit de page (structure propre à ce type de page)")
    for url in sorted(documents)[:MAX_DOCUMENTS]:
        take(url, "document téléchargeable")
    rest = sorted(p.url for p in pages if p.url not in reasons)
    count = max(1, math.ceil(RANDOM_SHARE * len(reasons)))
    for url in random.Random(seed).sample(rest, min(count, len(rest))):
        take(url, f"tirage aléatoire (graine {seed})")
    return SampleChoice(reasons, missing)


async def discover(frontier: Frontier, settings: CrawlSettings,
                   headers: dict[str, str]) -> list[Discovered]:
    """Walk the frontier's queue over plain HTTP, bounded by `discover_pages`."""
    pages: list[Discovered] = []
    texts: dict[str, list[str]] = {}
    batch_size = max(1, settings.concurrency) * 2
    while frontier.queue and len(pages) < settings.discover_pages:
        batch = [frontier.queue.popleft()
                 for _ in range(min(batch_size, len(frontier.queue),
                                    settings.discover_pages - len(pages)))]
        responses = await asyncio.gather(*(
            asyncio.to_thread(fetch, url, headers, settings.page_timeout) for url, _ in batch))
        if settings.delay:
            await asyncio.sleep(settings.delay * len(batch))
        for (url, depth), response in zip(batch, responses, strict=True):
            if response.status != 200 or "html" not in response.content_type.lower():
                if response.status == 200:
                    frontier.documents.add(url)
                continue
            if normalise(response.url) != url:
                frontier.mark_seen(response.url)
            page = parse_page(url, depth, len(pages), response.body, response.content_type)
            pages.append(page)
            for link, text in page.links:
                frontier.add(link, depth + 1)
                if text and link.startswith(("http://", "https://")) and len(texts) < 100_000:
                    target = texts.setdefault(normalise(link), [])
                    if len(target) < 10:
                        target.append(text)
    for page in pages:
        page.link_texts = texts.get(page.url, [])
    return pages


async def choose_sample(frontier: Frontier, settings: CrawlSettings,
                        headers: dict[str, str]) -> SampleChoice:
    """Discover, pick, and leave only the sample in the frontier's queue.

    On resume the stored choice is used again (no second discovery)."""
    store = frontier.store
    if frontier.restored:
        stored = store.get_meta("sample")
        if stored:
            data = json.loads(stored)
            return SampleChoice(data["reasons"], data["missing"])
    home = frontier.scope.start_url
    pages = await discover(frontier, settings, headers)
    pinned = [normalise(urljoin(home, url)) for url in settings.pinned_urls]
    choice = pick_sample(pages, home, settings.max_pages, settings.sample_seed, pinned,
                         frontier.documents)
    for url, _depth in frontier.queue:
        frontier.out_of_scope.setdefault(url, "hors de l'échantillon")
    for page in pages:
        if page.url not in choice.reasons:
            frontier.out_of_scope.setdefault(page.url, "hors de l'échantillon (vue)")
    frontier.queue.clear()
    store.clear_queue()
    for url in choice.reasons:
        frontier.out_of_scope.pop(url, None)
        frontier.requeue(url)
    store.set_meta("sample", json.dumps({"reasons": choice.reasons, "missing": choice.missing}))
    store.commit()
    return choice
