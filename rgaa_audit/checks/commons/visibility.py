"""Whether an element is rendered, and whether assistive technologies get it.

One rule for every family, the accessible-name computation's: a node is hidden when it is not
rendered (`hidden` attribute, inline `display: none` or `visibility: hidden`, or, when the
page was captured in a browser, `data-ra-hidden="1"`, which covers style sheets too) or when
it carries `aria-hidden="true"`; a hidden ancestor hides its whole subtree.
"""

from __future__ import annotations

from lxml.html import HtmlElement


def not_rendered(node: HtmlElement) -> bool:
    """This node itself is not rendered (its ancestors aside)."""
    if node.get("data-ra-hidden") == "1" or node.get("hidden") is not None:
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def aria_hidden(node: HtmlElement) -> bool:
    """This node carries aria-hidden="true"."""
    return (node.get("aria-hidden") or "").strip().lower() == "true"


def rendered_hidden(el: HtmlElement) -> bool:
    """The element or one of its ancestors is not rendered (so not focusable either)."""
    return any(isinstance(n.tag, str) and not_rendered(n) for n in [el, *el.iterancestors()])


def hidden(el: HtmlElement) -> bool:
    """Not rendered, or hidden from assistive technologies (itself or an ancestor)."""
    return any(isinstance(n.tag, str) and (not_rendered(n) or aria_hidden(n))
               for n in [el, *el.iterancestors()])


def folded(node: HtmlElement) -> bool:
    """Hidden only because a closed <details> folds it: one click on its summary shows it."""
    return node.get("data-ra-folded") == "1" and node.get("hidden") is None


def out_of_scope(el: HtmlElement, keep_folded: bool = False) -> bool:
    """Not rendered, inside a template or noscript, or inside content hidden from assistive
    technologies (the element's own aria-hidden aside: an image marked so is still judged).
    `keep_folded`: content a closed <details> folds is content of the page all the same."""
    for depth, node in enumerate([el, *el.iterancestors()]):
        if not isinstance(node.tag, str):
            continue
        if node.tag in ("template", "noscript"):
            return True
        if not_rendered(node) and not (keep_folded and folded(node)):
            return True
        if depth > 0 and aria_hidden(node):
            return True
    return False
