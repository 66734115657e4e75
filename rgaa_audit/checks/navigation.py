"""Own checks for navigation as one page shows it (RGAA theme 12).

Skip links, zones that can be reached, navigation systems present, tab order.
Cross-page consistency lives in `rgaa_audit.checks.site`.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.visibility import rendered_hidden
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check

FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, iframe, summary, "
             "[tabindex], [contenteditable=true]")
SKIP_LINK_WINDOW = 5  # a skip link must be among the first focusable elements
LINKS_BEFORE_MAIN = 5  # fewer links before the content make a skip link optional
SEARCH_TEXT = re.compile(r"\b(recherche[rz]?|search|rechercher)\b", re.IGNORECASE)
SITEMAP_TEXT = re.compile(r"\b(plan\s+du\s+site|plan\s+de\s+site|site\s*map|sitemap)\b",
                           re.IGNORECASE)


def focusables(doc: PageDocument) -> list[HtmlElement]:
    """Elements in the tab sequence, in document order."""
    found = []
    for el in doc.css(FOCUSABLE):
        tabindex = (el.get("tabindex") or "").strip()
        if tabindex.lstrip("-").isdigit() and int(tabindex) < 0:
            continue
        if el.get("disabled") is not None or el.get("data-ra-hidden") == "1":
            continue
        if el.tag != "a" and el.get("tabindex") is None and el.tag not in (
                "button", "input", "select", "textarea", "iframe", "summary"):
            continue
        if not rendered_hidden(el):
            found.append(el)
    return found


def main_zone(doc: PageDocument) -> HtmlElement | None:
    for el in doc.select("//body//main | //body//*[@role='main']"):
        if not doc.is_hidden(el):
            return el
    return None


def _target(doc: PageDocument, href: str) -> HtmlElement | None:
    fragment = href[1:]
    if not fragment:
        return None
    found = doc.by_id(fragment)
    if found is None:
        named = doc.root.xpath("//a[@name=$v]", v=fragment)
        found = named[0] if named else None
    return found


@check("skip-link")
def skip_link(doc: PageDocument, ctx: CheckContext) -> None:
    """12.7.1: a link among the first focusable elements leads to the main content."""
    sequence = focusables(doc)
    main = main_zone(doc)
    in_page = [el for el in sequence[:SKIP_LINK_WINDOW]
               if el.tag == "a" and (el.get("href") or "").startswith("#")
               and len(el.get("href")) > 1]
    for link in in_page:
        target = _target(doc, link.get("href"))
        if target is None:
            continue
        if main is None or target is main or main in target.iterancestors() or (
                target in main.iterancestors() and target.tag != "body") or (
                main.getprevious() is target):
            ctx.passed("12.7.1")
            return
        ctx.verify("12.7.1", link, "target-elsewhere")
        return
    if in_page:
        ctx.fail("12.7.1", in_page[0], "broken-target", href=in_page[0].get("href")[:80])
        return
    before_main = sequence
    if main is not None:
        before_main = [el for el in sequence if _precedes(el, main)]
    has_navigation = bool(doc.select("//body//nav | //body//header | //body//*[@role="
                                     "'navigation' or @role='banner']"))
    if len(before_main) >= LINKS_BEFORE_MAIN and (has_navigation or main is not None):
        ctx.fail("12.7.1", sequence[0], "missing", count=len(before_main))
    elif not sequence:
        ctx.inapplicable("12.7.1")


def _precedes(el: HtmlElement, other: HtmlElement) -> bool:
    """True when el comes before other in document order and is not inside it."""
    if other in el.iterancestors():
        return False
    for node in other.itersiblings(preceding=True):
        if node is el or el in node.iterdescendants():
            return True
    parent = other.getparent()
    return parent is not None and _precedes(el, parent)


@check("navigation-systems")
def navigation_systems(doc: PageDocument, ctx: CheckContext) -> None:
    """12.1.1 as one page shows it: a menu, a search engine or a site map, two at least."""
    links = doc.css("a[href]")
    if not links:
        return
    menu = any(len(nav.cssselect("a[href]")) >= 3 for nav in doc.select(
        "//body//nav | //body//*[@role='navigation']"))
    search = bool(doc.select("//body//*[@role='search'] | //body//search | "
                             "//body//input[@type='search']")) or any(
        SEARCH_TEXT.search(doc.accessible_name(el) or "") for el in doc.css(
            "form input, form button, a[href]"))
    sitemap = any(SITEMAP_TEXT.search(normalise_space(a.text_content()) or a.get("title") or "")
                  for a in links)
    systems = [name for name, present in (("menu", menu), ("search", search),
                                          ("sitemap", sitemap)) if present]
    if len(systems) >= 2:
        ctx.passed("12.1.1")
    elif systems:
        ctx.verify("12.1.1", None, "only-one", found=systems[0])
    elif not any(len(group.cssselect("a[href]")) >= 3 for group in doc.css("ul, ol")):
        ctx.fail("12.1.1", None, "none")


@check("zones-reachable")
def zones_reachable(doc: PageDocument, ctx: CheckContext) -> None:
    """12.6.1: the main content zone can be reached (landmark, heading or skip link)."""
    body = doc.root.find("body")
    if body is None or not doc.text(body):
        return
    if main_zone(doc) is not None:
        ctx.passed("12.6.1")
        return
    headings = doc.select("//body//*[self::h1 or self::h2 or self::h3 or @role='heading']")
    skip = [a for a in focusables(doc)[:SKIP_LINK_WINDOW]
            if a.tag == "a" and (a.get("href") or "").startswith("#")
            and _target(doc, a.get("href")) is not None]
    if headings or skip:
        ctx.verify("12.6.1", body, "no-landmark")
    else:
        ctx.fail("12.6.1", body, "unreachable")


@check("tab-order")
def tab_order(doc: PageDocument, ctx: CheckContext) -> None:
    """12.8.1: positive tabindex values do not send focus away from the document order."""
    sequence = focusables(doc)
    if not sequence:
        ctx.inapplicable("12.8.1")
        return
    positive = [el for el in sequence if (el.get("tabindex") or "").strip().isdigit()
                and int(el.get("tabindex").strip()) > 0]
    if not positive:
        return
    ordered = sorted(positive, key=lambda el: int(el.get("tabindex").strip()))
    # Positive tabindex elements come first; harmless only if they already are the first
    # elements of the document, in the same order.
    if ordered == sequence[: len(ordered)]:
        ctx.verify("12.8.1", positive[0], "positive-harmless")
        return
    for el in positive[:10]:
        ctx.fail("12.8.1", el, "positive", value=el.get("tabindex").strip())
