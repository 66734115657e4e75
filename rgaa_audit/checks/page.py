"""A parsed page as the own checks see it: the rendered DOM as an lxml tree, plus helpers.

The capture stage may annotate elements of the rendered DOM before serialising it
(`data-ra-hidden="1"` for elements not rendered, `data-ra-name` / `data-ra-role` for the
accessible name and role computed by Chromium). Without those annotations (saved HTML,
tests without a browser) the helpers fall back to what the markup alone tells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import Any, TypeVar, cast
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from rgaa_audit.checks.commons import names, visibility
from rgaa_audit.checks.commons.text import normalise_space, text_of
from rgaa_audit.snapshot import PageSnapshot

__all__ = ["ANNOTATION_PREFIX", "PageDocument", "normalise_space"]

T = TypeVar("T")
ANNOTATION_PREFIX = "data-ra-"
_ANNOTATIONS = re.compile(r'\s+data-ra-[a-z-]+="[^"]*"')


class PageDocument:
    """Read-only view of one captured page for the checks."""

    def __init__(self, snapshot: PageSnapshot) -> None:
        self.snapshot = snapshot
        self.url = snapshot.final_url or snapshot.url
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """What `compute()` returns, computed once per page and kept under `key` (for what
        several checks read: the images, links or tables of the page)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    @cached_property
    def root(self) -> lxml.html.HtmlElement:
        html = self.snapshot.dom_html or "<html></html>"
        try:
            return lxml.html.document_fromstring(html)
        except (etree.ParserError, ValueError):
            return lxml.html.document_fromstring("<html></html>")

    @property
    def rendered(self) -> bool:
        """True when the DOM carries the browser's annotations (visibility, names)."""
        return bool(self.snapshot.collected.get("annotated"))

    def select(self, xpath: str) -> list[lxml.html.HtmlElement]:
        """Elements matching an XPath expression over the rendered DOM."""
        return [el for el in self.root.xpath(xpath) if isinstance(el.tag, str)]

    def css(self, selector: str) -> list[lxml.html.HtmlElement]:
        """Elements matching a CSS selector (lxml's cssselect)."""
        return self.root.cssselect(selector)

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    # --- what an element is -------------------------------------------------------------

    def is_hidden(self, el: lxml.html.HtmlElement) -> bool:
        """True when the element is not rendered or hidden from assistive technologies."""
        return visibility.hidden(el)

    def text(self, el: lxml.html.HtmlElement) -> str:
        """Text content of an element as assistive technologies get it (hidden parts left
        out), white space normalised."""
        return text_of(el)

    def accessible_name(self, el: lxml.html.HtmlElement) -> str:
        """The accessible name: Chromium's when captured, else an approximation from markup."""
        return names.accessible_name(self, el)

    def label_text(self, field: lxml.html.HtmlElement) -> str:
        """Text of the <label> elements bound to a form field (for= or wrapping)."""
        texts = []
        field_id = field.get("id")
        if field_id:
            for label in self.root.iter("label"):
                if label.get("for") == field_id:
                    texts.append(self.text(label))
        for ancestor in field.iterancestors("label"):
            texts.append(self.text(ancestor))
        return normalise_space(" ".join(texts))

    @cached_property
    def _ids(self) -> dict[str, list[lxml.html.HtmlElement]]:
        index: dict[str, list[lxml.html.HtmlElement]] = {}
        for el in self.root.iter():
            if isinstance(el.tag, str) and el.get("id") is not None:
                index.setdefault(el.get("id"), []).append(el)
        return index

    def by_id(self, element_id: str) -> lxml.html.HtmlElement | None:
        """The first element with this id (index built once per page)."""
        found = self._ids.get(element_id)
        return found[0] if found else None

    # --- evidence -----------------------------------------------------------------------

    def selector(self, el: lxml.html.HtmlElement) -> str:
        """A CSS selector that points to the element (id when unique, else a path)."""
        parts = []
        node = el
        while node is not None and isinstance(node.tag, str):
            node_id = node.get("id")
            if (node_id and re.fullmatch(r"[A-Za-z][\w-]*", node_id)
                    and len(self._ids.get(node_id, ())) == 1):
                    parts.append(f"#{node_id}")
                    break
            parent = node.getparent()
            if parent is None:
                parts.append(node.tag)
                break
            siblings = [s for s in parent if s.tag == node.tag]
            if len(siblings) > 1:
                parts.append(f"{node.tag}:nth-of-type({siblings.index(node) + 1})")
            else:
                parts.append(node.tag)
            node = parent
        return " > ".join(reversed(parts))

    def snippet(self, el: lxml.html.HtmlElement, limit: int = 500) -> str:
        """The element's HTML, annotations removed, cut to `limit` characters."""
        html = lxml.html.tostring(el, encoding="unicode", with_tail=False)
        html = _ANNOTATIONS.sub("", html)
        return html if len(html) <= limit else html[: limit - 1] + "…"
