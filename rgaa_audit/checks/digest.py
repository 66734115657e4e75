"""A page's site digest: the few parts of its DOM that site-wide checks compare.

Keeping every page's DOM until the end of a crawl would make memory grow with the number
of pages; a digest (title, navigation blocks, search, form fields, links) stays small and
is enough for the comparisons (same title, consistent menu, same field labelled alike,
search and site map reachable, documents offered).
"""

from __future__ import annotations

import copy

import lxml.html
from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument

MAX_LINKS = 400
MAX_FIELDS = 100
_BLOCKS = "//body//nav | //body//*[@role='navigation'] | //body//*[@role='search'] | //body//search"
_FIELDS = "//body//input | //body//select | //body//textarea | //body//button"


def _shallow(el: HtmlElement, name: str, text: str = "") -> HtmlElement:
    """A copy of the element without children, carrying its accessible name."""
    clone = lxml.html.Element(el.tag, dict(el.attrib))
    clone.set("data-ra-name", name)
    clone.text = text or None
    return clone


def site_digest(doc: PageDocument) -> str:
    """A small HTML document with what the site-wide checks need from this page."""
    root = lxml.html.document_fromstring("<html><head></head><body></body></html>")
    head, body = root.find("head"), root.find("body")
    title = doc.root.find(".//title")
    if title is not None:
        head.append(_shallow(title, "", title.text_content()))
    for block in doc.select(_BLOCKS)[:10]:
        kept = copy.deepcopy(block)
        kept.tail = None
        body.append(kept)
    form = lxml.html.Element("form")
    body.append(form)
    for field in doc.select(_FIELDS)[:MAX_FIELDS]:
        form.append(_shallow(field, doc.accessible_name(field)))
    for link in doc.css("a[href]")[:MAX_LINKS]:
        body.append(_shallow(link, doc.accessible_name(link), doc.text(link)))
    return "<!DOCTYPE html>" + lxml.html.tostring(root, encoding="unicode")
