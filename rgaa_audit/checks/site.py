"""Site-wide checks: what only a comparison of several pages shows.

Pure functions over `(url, PageDocument)` pairs, registered with `@check` like the page
checks and declared `scope = "site"` in criteria/checks/site.toml, which keeps the per-page
runner away from them; the scoring stage runs them all through `site_findings`. Each returns
findings whose selector is "html" and whose message names the pages involved.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any
from urllib.parse import urldefrag, urlsplit

from lxml.html import HtmlElement

from rgaa_audit.checks.forms import form_fields
from rgaa_audit.checks.navigation import SEARCH_TEXT, SITEMAP_TEXT
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import (
    CheckSpec,
    all_checks,
    check,
    declared_site_findings,
    site_checks,
)
from rgaa_audit.model import Finding, bounded

Pages = Sequence[tuple[str, PageDocument]]
MAX_URLS = 10
_REQUIRED_MARK = re.compile(r"\s*(\*|\((obligatoire|requis)\))\s*", re.IGNORECASE)
_OFFICE = re.compile(r"\.(pdf|docx?|odt|ods|odp|xlsx?|pptx?|rtf|epub|csv)(\?|#|$)",
                     re.IGNORECASE)


def _spec(check_id: str) -> CheckSpec:
    return next(s for s in all_checks() if s.id == check_id)


def _finding(check_id: str, test: str, key: str, kind: str = "failure",
             **values: Any) -> Finding:
    """A site finding as data: its message key and parameters (French text kept beside)."""
    spec = _spec(check_id)
    return Finding(test=test, selector="html", snippet="",
                   message=spec.message(key, "fr", **values), source=spec.source, kind=kind,
                   key=spec.message_key(key), params=values)


def _url_list(urls: Sequence[str]) -> str:
    shown = [bounded(u, 200) for u in urls[:MAX_URLS]]
    extra = len(urls) - len(shown)
    return ", ".join(shown) + (f" (+{extra})" if extra > 0 else "")


@check("site-same-title")
def same_title(pages: Pages) -> list[Finding]:
    """8.6.1: distinct pages do not share one title."""
    by_title: dict[str, list[str]] = defaultdict(list)
    for url, doc in pages:
        title = doc.root.find(".//title")
        text = normalise_space(title.text_content()) if title is not None else ""
        if text:
            by_title[text].append(urldefrag(url)[0])
    findings = []
    for title, urls in by_title.items():
        paths = {urlsplit(u).path.rstrip("/") for u in urls}
        if len(set(urls)) < 2:
            continue
        kind = "failure" if len(paths) > 1 else "to-verify"
        findings.append(_finding("site-same-title", "8.6.1", "same-title", kind,
                                 title=bounded(title, 120), urls=_url_list(sorted(set(urls)))))
    return findings


def main_menu(doc: PageDocument) -> list[str]:
    """The link targets of the page's largest navigation zone, in order."""
    navs = doc.select("//body//nav | //body//*[@role='navigation']")
    if not navs:
        return []
    biggest = max(navs, key=lambda nav: len(nav.cssselect("a[href]")))
    return [urldefrag(doc.absolute(a.get("href")))[0] for a in biggest.cssselect("a[href]")]


_HOME_PATH = re.compile(r"^/?((index|accueil|home)\.[a-z]{2,5})?$", re.IGNORECASE)


def _home_page(url: str) -> bool:
    """Whether the URL is a site's home page (its root, or an index file at the root)."""
    parts = urlsplit(url)
    return not parts.query and bool(_HOME_PATH.match(parts.path))


@check("site-menu-consistency")
def menu_consistency(pages: Pages) -> list[Finding]:
    """12.2.1: the main menu offers the same links, in the same order, on every page (the
    home page aside: RGAA holds the criterion not applicable to it)."""
    menus = {url: main_menu(doc) for url, doc in pages if not _home_page(url)}
    menus = {url: links for url, links in menus.items() if len(links) >= 3}
    if len(menus) < 2:
        return []
    usual = Counter(tuple(links) for links in menus.values()).most_common(1)[0][0]
    reordered, different = [], []
    for url, links in menus.items():
        if tuple(links) == usual:
            continue
        (reordered if sorted(links) == sorted(usual) else different).append(url)
    findings = []
    if reordered:
        findings.append(_finding("site-menu-consistency", "12.2.1", "reordered", "failure",
                                 urls=_url_list(reordered)))
    if different:
        findings.append(_finding("site-menu-consistency", "12.2.1", "different", "to-verify",
                                 urls=_url_list(different)))
    return findings


def _field_key(field: HtmlElement) -> str | None:
    name = field.get("name") or field.get("id")
    return f"{field.tag}:{(field.get('type') or '').lower()}:{name}" if name else None


@check("site-field-labels")
def field_labels(pages: Pages) -> list[Finding]:
    """11.3.2: a field with the same function keeps the same label across pages."""
    labels: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for url, doc in pages:
        for field in form_fields(doc):
            if (field.get("type") or "").lower() in ("radio", "checkbox"):
                continue  # options of one question legitimately carry different labels
            key = _field_key(field)
            label = _REQUIRED_MARK.sub("", doc.accessible_name(field)).strip(" :").lower()
            if key and label:
                labels[key][label].append(url)
    findings = []
    for key, variants in labels.items():
        if len(variants) > 1:
            names = " / ".join(f"« {bounded(v, 60)} »" for v in sorted(variants)[:5])
            urls = sorted({u for us in variants.values() for u in us})
            findings.append(_finding("site-field-labels", "11.3.2", "labels-differ",
                                     "to-verify", field=bounded(key.split(":")[-1], 60),
                                     labels=names, urls=_url_list(urls)))
    return findings


def _has_search(doc: PageDocument) -> bool:
    if doc.select("//body//*[@role='search'] | //body//search | //body//input[@type='search']"):
        return True
    return any(SEARCH_TEXT.search(doc.accessible_name(el) or "")
               for el in doc.css("form input, form button, a[href]"))


def _has_sitemap(doc: PageDocument) -> bool:
    return any(SITEMAP_TEXT.search(normalise_space(a.text_content()) or a.get("title") or "")
               for a in doc.css("a[href]"))


@check("site-navigation-reach")
def navigation_reach(pages: Pages) -> list[Finding]:
    """12.1.1, 12.4.1, 12.5.1: two navigation systems; search and site map on every page."""
    if len(pages) < 2:
        return []
    findings = []
    menus = {url: frozenset(main_menu(doc)) for url, doc in pages}
    usual = Counter(m for m in menus.values() if len(m) >= 3).most_common(1)
    # Pages sharing the usual main menu form one set of pages; others may be another set.
    same_set = {url for url, menu in menus.items() if usual and menu == usual[0][0]}
    systems = {"menu": bool(usual)}
    for test, name, present in (("12.5.1", "search", _has_search),
                                ("12.4.1", "sitemap", _has_sitemap)):
        having = {url for url, doc in pages if present(doc)}
        systems[name] = bool(having)
        missing = [url for url, _ in pages if url not in having]
        if not having or not missing:
            continue
        certain = [url for url in missing if url in same_set]
        doubtful = [url for url in missing if url not in same_set]
        for urls, kind in ((certain, "failure"), (doubtful, "to-verify")):
            if urls:
                findings.append(_finding("site-navigation-reach", test, f"{name}-missing",
                                         kind, urls=_url_list(urls)))
    if sum(systems.values()) < 2:
        found = ", ".join(k for k, v in systems.items() if v) or "-"
        findings.append(_finding("site-navigation-reach", "12.1.1", "too-few", "failure",
                                 found=found))
    return findings


@check("site-office-documents")
def office_documents(pages: Pages) -> list[Finding]:
    """13.3.1: each office document linked from the site is listed once for a human check."""
    documents: dict[str, list[str]] = defaultdict(list)
    for url, doc in pages:
        for link in doc.css("a[href]"):
            target = urldefrag(doc.absolute(link.get("href")))[0]
            if _OFFICE.search(target):
                documents[target].append(url)
    return [_finding("site-office-documents", "13.3.1", "document", "to-verify",
                     document=bounded(target, 300), urls=_url_list(sorted(set(urls))))
            for target, urls in sorted(documents.items())[:200]]


def site_findings(pages: Pages, strict: bool = False) -> dict[str, list[Finding]]:
    """Every site-wide finding, grouped by RGAA test, each held to its check's declaration."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for spec in site_checks():
        for finding in declared_site_findings(spec, spec.function(pages), strict):
            grouped[finding.test].append(finding)
    return dict(grouped)
