"""Fingerprints of what an auditor judges on a page: its main content and its shared components.

A manual verdict is worth reusing on the next audit only while the page still shows what the
person judged. The report therefore keeps, per page, short fingerprints of
- `content`: the main content (the `main` landmark, else the body without header, footer and
  navigation), and
- `components`: the shared blocks reviewed once for the whole site (header, footer, main
  navigation, search, cookie banner), found by their landmark or their usual names.

A fingerprint covers structure and what users perceive or what assistive technologies read
(element names, text, roles, ARIA, alternatives, image sources without their query), not what
changes on every request (link targets' query strings, ids, nonces, inline styles), so two
visits of an unchanged page give the same value and a changed text or image does not.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument, normalise_space

_OUTSIDE_CONTENT = "not(ancestor::main) and not(ancestor::article) and not(ancestor::aside)"
COMPONENTS: dict[str, str] = {
    "header": f"//body//header[{_OUTSIDE_CONTENT}] | //body//*[@role='banner']",
    "footer": f"//body//footer[{_OUTSIDE_CONTENT}] | //body//*[@role='contentinfo']",
    "navigation": f"//body//nav[{_OUTSIDE_CONTENT}] | //body//*[@role='navigation']",
    "search": "//body//search | //body//*[@role='search']",
    "cookie-banner": (
        "//body//*[re:test(concat(@id, ' ', @class), "
        "'cookie|consent|rgpd|gdpr|tarteaucitron|didomi|axeptio|onetrust', 'i')]"
        "[not(ancestor::*[re:test(concat(@id, ' ', @class), "
        "'cookie|consent|rgpd|gdpr|tarteaucitron|didomi|axeptio|onetrust', 'i')])]"),
}
_NS = {"re": "http://exslt.org/regular-expressions"}
_KEPT_ATTRIBUTES = ("role", "alt", "title", "lang", "type", "name", "value", "placeholder",
                    "scope", "headers", "for", "tabindex", "hidden")
_SKIPPED = {"script", "style", "noscript", "template"}
MAX_NODES = 20_000  # a fingerprint reads at most this many elements of one block
_DIGITS = re.compile(r"\d{6,}")  # long numbers (timestamps, cache busters) are not content


def _source(value: str) -> str:
    parts = urlsplit(value)
    return _DIGITS.sub("#", parts.path)


def _signature(element: HtmlElement, out: list[str], budget: list[int]) -> None:
    if not isinstance(element.tag, str) or element.tag in _SKIPPED or budget[0] <= 0:
        return
    budget[0] -= 1
    attributes = [f"{k}={normalise_space(v)}" for k, v in sorted(element.attrib.items())
                  if k in _KEPT_ATTRIBUTES or k.startswith("aria-")]
    if element.get("src"):
        attributes.append(f"src={_source(element.get('src', ''))}")
    out.append(f"<{element.tag} {' '.join(attributes)}>")
    if element.text and element.text.strip():
        out.append(_DIGITS.sub("#", normalise_space(element.text)))
    for child in element:
        _signature(child, out, budget)
        if child.tail and child.tail.strip():
            out.append(_DIGITS.sub("#", normalise_space(child.tail)))
    out.append(f"</{element.tag}>")


def fingerprint(elements: list[HtmlElement]) -> str:
    """A short, stable fingerprint of some blocks of a page."""
    out: list[str] = []
    budget = [MAX_NODES]
    for element in elements:
        _signature(element, out, budget)
    return hashlib.sha256("\n".join(out).encode("utf-8")).hexdigest()[:20]


def _main_content(doc: PageDocument) -> list[HtmlElement]:
    main = doc.select("//body//main | //body//*[@role='main']")
    if main:
        return main[:1]
    body = doc.root.find("body")
    if body is None:
        return [doc.root]
    # The elements themselves, not id(): lxml proxies are only stable while referenced.
    shared = {e for name in ("header", "footer", "navigation")
              for e in doc.root.xpath(COMPONENTS[name], namespaces=_NS)}
    return [child for child in body if isinstance(child.tag, str) and child not in shared]


def page_fingerprints(doc: PageDocument) -> dict[str, object]:
    """The page's content fingerprint and one per shared component found on it."""
    components = {}
    for name, xpath in COMPONENTS.items():
        found = doc.root.xpath(xpath, namespaces=_NS)
        if found:
            components[name] = fingerprint(found)
    return {"content": fingerprint(_main_content(doc)), "components": components}
