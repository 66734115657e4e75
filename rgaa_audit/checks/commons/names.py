"""Roles and accessible names, the same way for every family.

Chromium's computed name (`data-ra-name`, when the page was captured in a browser) wins;
without it the name is approximated from the markup: aria-labelledby, aria-label, the alt
of an image, the label of a form field, the content, then the title.
"""

from __future__ import annotations

from typing import Protocol

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.text import normalise_space, text_of


class Ids(Protocol):
    """What the name computation needs from the page: elements by id, labels by field."""

    def by_id(self, element_id: str) -> HtmlElement | None: ...

    def label_text(self, field: HtmlElement) -> str: ...


def role_of(el: HtmlElement) -> str:
    """The first token of the role attribute, lower case."""
    tokens = (el.get("role") or "").lower().split()
    return tokens[0] if tokens else ""


def labelledby_text(page: Ids, el: HtmlElement) -> str:
    """Text of the elements aria-labelledby points to (empty when none resolves)."""
    texts = []
    for ref in (el.get("aria-labelledby") or "").split():
        target = page.by_id(ref)
        if target is not None:
            texts.append(normalise_space(target.get("aria-label")) or text_of(target))
    return normalise_space(" ".join(texts))


def accessible_name(page: Ids, el: HtmlElement) -> str:
    """The accessible name: Chromium's when captured, else an approximation from markup."""
    computed = el.get("data-ra-name")
    if computed is not None:
        return normalise_space(computed)
    if el.get("aria-labelledby"):
        labelled = labelledby_text(page, el)
        if labelled:
            return labelled
    if normalise_space(el.get("aria-label")):
        return normalise_space(el.get("aria-label"))
    tag = el.tag
    is_image = tag in ("img", "area") or (tag == "input" and el.get("type") == "image")
    if is_image and el.get("alt") is not None:
        return normalise_space(el.get("alt"))
    if tag in ("input", "select", "textarea"):
        label = page.label_text(el)
        if label:
            return label
        if tag == "input" and el.get("type") in ("submit", "reset", "button"):
            return normalise_space(el.get("value"))
    elif tag not in ("img", "area", "iframe", "svg"):
        text = text_of(el)
        if text:
            return text
    if tag == "svg":
        title = el.find("title")
        if title is not None and normalise_space(title.text):
            return normalise_space(title.text)
    return normalise_space(el.get("title"))
