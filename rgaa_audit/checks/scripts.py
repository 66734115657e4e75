"""Own checks for scripts (RGAA theme 7) that markup can support.

Event handlers declared as attributes (onclick...) are visible in the DOM; listeners added
with addEventListener are not, so these checks only ever see part of the page's scripts.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded

MAX_FINDINGS = 10
_HANDLERS = ("onclick", "onmousedown", "onmouseup", "ondblclick")
_NATIVE = frozenset({"a", "button", "input", "select", "textarea", "summary", "label", "area",
                     "option", "details", "iframe", "video", "audio", "body", "html", "form"})
_FOCUSABLE_XPATH = (".//*[self::a[@href] or self::button or self::input or self::select or "
                    "self::textarea or self::summary or @tabindex >= 0]")
_WIDGET_ROLES = frozenset({"button", "link", "checkbox", "radio", "switch", "tab", "menuitem",
                           "menuitemcheckbox", "menuitemradio", "option", "slider",
                           "spinbutton", "combobox", "textbox", "searchbox", "treeitem"})


def _comparable(text: str) -> str:
    return normalise_space(re.sub(r"[^\w\s]", " ", text.casefold()))


def _focusable(el: HtmlElement) -> bool:
    if el.tag in ("button", "select", "textarea", "summary", "iframe"):
        return el.get("disabled") is None
    if el.tag == "input":
        return (el.get("type") or "").lower() != "hidden"
    if el.tag in ("a", "area") and el.get("href") is not None:
        return el.get("tabindex") is None or _tabindex(el) >= 0
    tabindex = el.get("tabindex")
    return tabindex is not None and _tabindex(el) >= 0


def _tabindex(el: HtmlElement) -> int:
    try:
        return int((el.get("tabindex") or "").strip())
    except ValueError:
        return -1


@check("handlers-keyboard")
def handlers_keyboard(doc: PageDocument, ctx: CheckContext) -> None:
    """7.3.1: an element with a click handler, or dressed as a control by its role, can be
    reached with the keyboard (or the same action exists on a control that can).
    7.4.1: lists that change the page when their value changes are listed."""
    names = {_comparable(doc.accessible_name(el)) for el in doc.select(
        "//body//*[self::a[@href] or self::button or self::input]") if _focusable(el)}
    hrefs = {el.get("href") for el in doc.css("a[href]")}
    reported = 0
    for el in doc.select("//body//*"):
        role = (el.get("role") or "").strip().split(" ")[0].lower()
        handler = next((h for h in _HANDLERS if el.get(h) is not None), None)
        if el.tag in _NATIVE and (handler or role not in ("button", "link")):
            continue
        if handler is None and role not in _WIDGET_ROLES:
            continue
        if _focusable(el) or el.xpath(_FOCUSABLE_XPATH) or doc.is_hidden(el):
            continue
        if el.get("aria-disabled") == "true":
            continue
        name = doc.accessible_name(el)
        code = el.get(handler) if handler else ""
        target = re.search(r"""location(?:\.href)?\s*=\s*['"]([^'"]+)""", code or "")
        if (name and _comparable(name) in names) or (target and target.group(1) in hrefs):
            ctx.verify("7.3.1", el, "equivalent-elsewhere", name=bounded(name, 80))
        elif reported < MAX_FINDINGS:
            ctx.fail("7.3.1", el, "not-focusable", what=handler or f'role="{role}"',
                     name=bounded(name or doc.text(el), 80))
            reported += 1
    if not reported:
        ctx.passed("7.3.1")  # attribute handlers and roles only: the table keeps 7.3.1 semi
    select_navigation(doc, ctx)


@check("widget-names")
def widget_names(doc: PageDocument, ctx: CheckContext) -> None:
    """7.1.3: a scripted component (ARIA widget role) has a name, and that name contains the
    text it shows."""
    reported = 0
    for el in doc.select("//body//*[@role]"):
        role = (el.get("role") or "").strip().split(" ")[0].lower()
        if role not in _WIDGET_ROLES or el.tag in ("input", "select", "textarea") \
                or doc.is_hidden(el) or reported >= MAX_FINDINGS:
            continue
        name = doc.accessible_name(el)
        visible = doc.text(el)
        if not name:
            ctx.fail("7.1.3", el, "no-name", role=role)
            reported += 1
        elif (el.get("aria-label") or el.get("aria-labelledby")) and len(_comparable(visible)) > 1 \
                and _comparable(visible) not in _comparable(name):
            ctx.fail("7.1.3", el, "name-misses-text", role=role, name=bounded(name, 80),
                     text=bounded(visible, 80))
            reported += 1
    if not reported:
        ctx.passed("7.1.3")  # relevance of names and roles stays a human call (table: manual)


@check("tabs-state")
def tabs_state(doc: PageDocument, ctx: CheckContext) -> None:
    """7.1.2: a tab list tells assistive technologies which tab is selected."""
    lists = [t for t in doc.select("//body//*[@role='tablist']") if not doc.is_hidden(t)]
    checked = 0
    failed = False
    for tablist in lists:
        tabs = [t for t in tablist.iter() if isinstance(t.tag, str) and t.get("role") == "tab"]
        if len(tabs) < 2:
            continue
        checked += 1
        if not any((t.get("aria-selected") or "").lower() == "true" for t in tabs):
            ctx.fail("7.1.2", tablist, "no-selected-tab", count=len(tabs))
            failed = True
    if checked and not failed:
        ctx.passed("7.1.2")  # the tab state only: the table keeps 7.1.2 semi


_CONTEXT_CHANGE = re.compile(r"location|\.submit\(|window\.open|navigate", re.IGNORECASE)


def select_navigation(doc: PageDocument, ctx: CheckContext) -> None:
    """7.4.1: a list whose change of value loads another page or submits a form is listed:
    the user must be warned beforehand (a human reads the text around)."""
    for select in doc.css("select[onchange]")[:MAX_FINDINGS]:
        if _CONTEXT_CHANGE.search(select.get("onchange") or ""):
            ctx.verify("7.4.1", select, "change-on-select",
                       name=bounded(doc.accessible_name(select), 80))
