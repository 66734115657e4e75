"""Own checks on ARIA components (RGAA 7.1.1) where an axe-core rule was reviewed as serving
another test: a meter or a progress bar is no form field (11.1.1, where axe-core files its
name), but a component whose name the accessibility API must expose (7.1.1).

An element given role="progressbar" or role="meter" is a component its author builds for
assistive technologies, so a missing name fails 7.1.1. A native <progress> or <meter> may be
static, out of 7.1.1's scope (scripts only): without a name it is listed to verify.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import CheckContext, check

_ROLES = ("progressbar", "meter")
_NATIVE = ("progress", "meter")


def _role(el: HtmlElement) -> str:
    """The first token of the role attribute, lower-cased ("" without one)."""
    tokens = (el.get("role") or "").lower().split()
    return tokens[0] if tokens else ""


@check("aria-component-name")
def aria_component_name(doc: PageDocument, ctx: CheckContext) -> None:
    """7.1.1: every shown progress bar or meter has an accessible name.

    Its pass covers these components only: 7.1.1 is classed `semi`, so it never becomes C
    from it, and a page without them leaves the check silent (other components remain)."""
    seen = failed = False
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        role = _role(el)
        aria = role in _ROLES
        native = el.tag in _NATIVE and not role
        if not (aria or native) or doc.is_hidden(el):
            continue
        seen = True
        if doc.accessible_name(el):
            continue
        kind = role if aria else el.tag
        failed = True
        if aria:
            ctx.fail("7.1.1", el, "no-name", kind=kind)
        else:
            ctx.verify("7.1.1", el, "no-name-native", kind=kind)
    if seen and not failed:
        ctx.passed("7.1.1")
