"""Whether a passage of text is drawn in bold by its markup alone (<b>, <strong> or an inline
font-weight), which the tables and headings checks read as a header or heading look."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.IGNORECASE)
BOLD_TAGS = ("b", "strong")


def is_bold(el: HtmlElement) -> bool:
    """The element itself sets bold text: <b>, <strong>, or an inline bold font-weight."""
    return el.tag in BOLD_TAGS or bool(BOLD_STYLE.search(el.get("style") or ""))


def _filled(el: HtmlElement) -> bool:
    return bool(el.text_content().strip())


def all_bold(el: HtmlElement) -> bool:
    """Every piece of the element's text sits inside bold markup (its own included)."""
    if is_bold(el):
        return True
    if (el.text or "").strip():
        return False
    for child in el:
        if (child.tail or "").strip():
            return False
        if isinstance(child.tag, str) and _filled(child) and not all_bold(child):
            return False
    return True
