"""An element's text content as assistive technologies get it, white space normalised.

The descendants that are hidden (`visibility.hidden`: not rendered, or aria-hidden) give no
text, nor do script, style and template; an image gives its alt text. The element itself is
read even when hidden (an aria-labelledby target may be).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.visibility import aria_hidden, not_rendered

_SPACES = re.compile(r"\s+")
_SILENT = frozenset({"script", "style", "template"})


def normalise_space(text: str | None) -> str:
    """Collapse runs of white space and trim."""
    return _SPACES.sub(" ", text or "").strip()


def text_of(el: HtmlElement) -> str:
    """The text content of `el` without its hidden parts."""
    parts: list[str] = []
    if el.text and el.tag not in _SILENT:
        parts.append(el.text)
    for child in el:
        _collect(child, parts)
    return normalise_space(" ".join(parts))


def _collect(node: HtmlElement, parts: list[str]) -> None:
    if isinstance(node.tag, str):
        if node.tag in _SILENT or aria_hidden(node) or not_rendered(node):
            pass
        else:
            if node.tag == "img" and node.get("alt"):
                parts.append(" " + node.get("alt") + " ")
            if node.text:
                parts.append(node.text)
            for child in node:
                _collect(child, parts)
    if node.tail:
        parts.append(node.tail)
