"""Own checks for the presentation of information (RGAA theme 10).

Presentational tags and attributes, spacing used for layout, information given by CSS only,
colours declared without their pair, hidden content that should not be hidden.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.visibility import rendered_hidden
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import CheckContext, check

MAX_FINDINGS = 15
_PRESENTATION_TAGS = ("basefont", "big", "blink", "center", "font", "marquee", "s", "strike",
                      "tt")
_PRESENTATION_ATTRIBUTES = frozenset({
    "align", "alink", "background", "bgcolor", "border", "cellpadding", "cellspacing", "char",
    "charoff", "clear", "color", "compact", "frameborder", "hspace", "link", "marginheight",
    "marginwidth", "text", "valign", "vlink", "vspace",
})
# width/height stay allowed on embedded content; size on form fields (it sets their length).
_SIZED_ELEMENTS = frozenset({"img", "object", "embed", "canvas", "svg", "video", "iframe",
                             "source", "picture"})
_SIZE_ALLOWED = frozenset({"select", "input"})
# Attributes that only exist on given elements in current HTML (elsewhere they are unknown).
_ATTRIBUTE_OWNERS = {"text": {"body"}, "link": {"body"}, "alink": {"body"}, "vlink": {"body"},
                     "compact": {"ul", "ol", "dl", "menu", "dir"}}


_HTML5_DOCTYPE = re.compile(r"<!doctype\s+html\s*(system[^>]*)?>", re.IGNORECASE)


def _in_foreign_content(el: HtmlElement) -> bool:
    return any(a.tag in ("svg", "math") for a in el.iterancestors())


def _is_html5(doc: PageDocument) -> bool:
    doctype = (doc.snapshot.doctype or "").strip().lower()
    if doctype in ("html", "<!doctype html>"):
        return True
    return bool(_HTML5_DOCTYPE.search((doc.snapshot.served_html or "")[:2000]))


@check("presentational-markup")
def presentational_markup(doc: PageDocument, ctx: CheckContext) -> None:
    """10.1.1 and 10.1.2: no presentational element nor attribute in the generated code."""
    tags = [*_PRESENTATION_TAGS, *(() if _is_html5(doc) else ("u",))]
    elements = doc.select("//body//*[" + " or ".join(f"self::{t}" for t in tags) + "]")
    for el in elements[:MAX_FINDINGS]:
        ctx.fail("10.1.1", el, "tag", tag=el.tag)
    if not elements:
        ctx.passed("10.1.1")
    count = 0
    for el in doc.root.iter():
        if not isinstance(el.tag, str) or el.tag in ("svg", "math") or _in_foreign_content(el):
            continue
        for name in el.attrib:
            owners = _ATTRIBUTE_OWNERS.get(name)
            bad = (name in _PRESENTATION_ATTRIBUTES and (owners is None or el.tag in owners)) or (
                name in ("width", "height") and el.tag not in _SIZED_ELEMENTS) or (
                name == "size" and el.tag not in _SIZE_ALLOWED)
            if bad:
                if count < MAX_FINDINGS:
                    ctx.fail("10.1.2", el, "attribute", attribute=name, tag=el.tag)
                count += 1
    if count == 0:
        ctx.passed("10.1.2")


_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[A-Za-zÀ-ÿ] ){4,}[A-Za-zÀ-ÿ](?!\S)")
_NBSP_RUN = re.compile(r"\u00a0{3,}|(?:\u00a0 ){2,}\u00a0")


@check("spacing-layout")
def spacing_layout(doc: PageDocument, ctx: CheckContext) -> None:
    """10.1.3: spaces do not split the letters of words nor lay out text in columns."""
    body = doc.root.find("body")
    if body is None:
        return
    count = 0
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "pre", "code",
                                                    "textarea", "template"):
            continue
        if any(a.tag in ("pre", "code") for a in el.iterancestors()):
            continue
        own = (el.text or "") + "".join(c.tail or "" for c in el if isinstance(c.tag, str))
        key = ("letters" if _SPACED_LETTERS.search(own) else
               "nbsp" if _NBSP_RUN.search(own) else None)
        if key and count < MAX_FINDINGS:
            ctx.fail("10.1.3", el, key)
            count += 1
    if count == 0:
        ctx.passed("10.1.3")


_ICON_CLASS = re.compile(r"(^|\s)(fa[srbl]?|fa-[\w-]+|icon[\w-]*|glyphicon[\w-]*|bi-[\w-]+|"
                         r"ri-[\w-]+|dashicons[\w-]*|fr-icon[\w-]*)(\s|$)")
_BACKGROUND_IMAGE = re.compile(r"background(-image)?\s*:[^;]*url\(", re.IGNORECASE)


def _visible_content(doc: PageDocument, el: HtmlElement) -> bool:
    """True when the element shows text or an image that stays without CSS."""
    if el.text_content().strip():  # aria-hidden text still shows once CSS is off
        return True
    return bool(el.xpath(".//img[@src] | .//svg | .//input | .//object | .//canvas | .//video"))


@check("css-only-information")
def css_only_information(doc: PageDocument, ctx: CheckContext) -> None:
    """10.2.1: controls and images that show nothing once CSS is off (icon fonts, backgrounds)."""
    count = 0
    for control in doc.css("a[href], button, [role=button], [role=img]"):
        if doc.is_hidden(control) or _visible_content(doc, control) or count >= MAX_FINDINGS:
            continue
        if control.get("role") == "img" or control.tag not in ("a", "button"):
            own = control.get("style") or ""
            if _BACKGROUND_IMAGE.search(own):
                ctx.fail("10.2.1", control, "background-image")
                count += 1
            continue
        icons = [c for c in control.iterdescendants() if isinstance(c.tag, str)
                 and _ICON_CLASS.search(c.get("class") or "")]
        style = control.get("style") or ""
        if icons or _ICON_CLASS.search(control.get("class") or ""):
            ctx.fail("10.2.1", control, "icon-font")
            count += 1
        elif _BACKGROUND_IMAGE.search(style):
            ctx.fail("10.2.1", control, "background-image")
            count += 1
    if count == 0:
        ctx.passed("10.2.1")


_COLOR = re.compile(r"(^|;)\s*color\s*:", re.IGNORECASE)
_BACKGROUND = re.compile(r"(^|;)\s*background(-color)?\s*:", re.IGNORECASE)


def _declares(el: HtmlElement) -> tuple[bool, bool]:
    """(sets a text colour, sets a background colour) through style or old attributes."""
    style = el.get("style") or ""
    colour = bool(_COLOR.search(style)) or el.get("color") is not None or (
        el.tag == "body" and el.get("text") is not None)
    background = bool(_BACKGROUND.search(style)) or el.get("bgcolor") is not None
    return colour, background


@check("colour-pairs")
def colour_pairs(doc: PageDocument, ctx: CheckContext) -> None:
    """10.5.1 and 10.5.2: a text colour comes with a background colour and the reverse.

    Without the browser's computed styles only inline declarations are known: when the page
    has no style sheet they are all there is, so a missing pair is certain; otherwise the
    pair may sit in a style sheet and the element is left to a human.
    """
    has_sheets = bool(doc.select("//style | //link[contains(@rel, 'stylesheet')]"))
    declared = False
    count = 0
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        colour, background = _declares(el)
        if not (colour or background):
            continue
        declared = True
        chain = [_declares(a) for a in [el, *el.iterancestors()]]
        has_colour = any(c for c, _ in chain)
        has_background = any(b for _, b in chain)
        for test, missing in (("10.5.1", colour and not has_background),
                              ("10.5.2", background and not has_colour)):
            if missing and count < MAX_FINDINGS:
                count += 1
                if has_sheets:
                    ctx.verify(test, el, f"{test.replace('.', '-')}-check")
                else:
                    ctx.fail(test, el, f"{test.replace('.', '-')}-missing")
    if not has_sheets and not declared:
        ctx.inapplicable("10.5.1")
        ctx.inapplicable("10.5.2")
    elif not has_sheets:
        ctx.passed("10.5.1")
        ctx.passed("10.5.2")


_FOCUSABLE = ("a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
              "select:not([disabled]), textarea:not([disabled]), iframe, [tabindex], "
              "[contenteditable=true], summary")
MEANINGFUL_TEXT = 80


@check("hidden-content")
def hidden_content(doc: PageDocument, ctx: CheckContext) -> None:
    """10.8.1: content hidden from assistive technologies is meant to be ignored by them."""
    body = doc.root.find("body")
    if body is None:
        return
    if body.get("aria-hidden") == "true" or doc.root.get("aria-hidden") == "true":
        ctx.fail("10.8.1", body, "body-hidden")
    hidden_roots = doc.select("//body//*[@aria-hidden='true']")
    count = 0
    for root in hidden_roots:
        for el in root.cssselect(_FOCUSABLE):
            if el.get("tabindex", "").strip().startswith("-") or rendered_hidden(el):
                continue
            if count < MAX_FINDINGS:
                ctx.fail("10.8.1", el, "focusable-in-hidden")
            count += 1
            break
    reviewed = 0
    for root in hidden_roots:
        if any(a.get("aria-hidden") == "true" for a in root.iterancestors()):
            continue
        if len(doc.text(root)) >= MEANINGFUL_TEXT and reviewed < 5:
            ctx.verify("10.8.1", root, "text-hidden")
            reviewed += 1
    others = doc.select("//body//*[@hidden or @data-ra-hidden='1' or contains(@style, 'none')]")
    if not hidden_roots and not others and doc.rendered:
        ctx.inapplicable("10.8.1")
    elif count == 0:
        ctx.passed("10.8.1")


_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "details", "div", "dl",
                     "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                     "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul"})
MIN_BR_RUN = 2
_QUOTE_MARKS = re.compile(r"^\s*[«“„\"‘']|[»”\"’']\s*$|(^|\s)[—–-]\s*\S[^.]{0,80}$")
_INDENT_CLASS = re.compile(r"indent|retrait|alin[ée]a", re.IGNORECASE)
_FIELDS = "input:not([type=hidden]), select, textarea"
LONG_HEADING = 200
_SENTENCE_END = re.compile(r"[.!?…](\s|$)")


def _blank(text: str | None) -> bool:
    return not (text or "").replace("\u00a0", " ").strip()


def _br_runs(body: HtmlElement) -> list[HtmlElement]:
    """The first <br> of each run of at least two line breaks that stands between blocks
    (or a block and the edge of its container), with no text around: a vertical margin."""
    runs = []
    # only elements with two <br> children can hold a run: XPath finds them without a Python
    # walk over every element of the page
    for parent in body.xpath("descendant-or-self::*[br[2]]"):
        if not isinstance(parent.tag, str) or parent.tag in ("pre", "textarea", "script"):
            continue
        children = [c for c in parent if isinstance(c.tag, str)]
        i = 0
        while i < len(children):
            if children[i].tag != "br":
                i += 1
                continue
            j = i
            while j + 1 < len(children) and children[j + 1].tag == "br" and _blank(
                    children[j].tail) and children[j + 1].getprevious() is children[j]:
                j += 1
            first, last = children[i], children[j]
            before = first.getprevious()
            while before is not None and not isinstance(before.tag, str):
                before = before.getprevious()
            after = last.getnext()
            while after is not None and not isinstance(after.tag, str):
                after = after.getnext()
            gap_before = (before.tail if before is not None else parent.text)
            block_before = before is None or before.tag in _BLOCKS
            block_after = after is None or after.tag in _BLOCKS
            if (j - i + 1 >= MIN_BR_RUN and _blank(gap_before) and _blank(last.tail)
                    and block_before and block_after and (before is not None or after is not None)
                    and all(_blank(children[k].tail) for k in range(i, j + 1))):
                runs.append(first)
            i = j + 1
    return runs


def _quote_signals(doc: PageDocument, quote: HtmlElement) -> bool:
    if quote.get("cite") or quote.cssselect("cite, footer, figcaption, q"):
        return True
    parent = quote.getparent()
    if parent is not None and parent.tag == "figure" and parent.cssselect("figcaption"):
        return True
    return bool(_QUOTE_MARKS.search(doc.text(quote)))


@check("markup-for-spacing")
def markup_for_spacing(doc: PageDocument, ctx: CheckContext) -> None:
    """8.9.1: tags used only for their look: <br> runs between blocks for a margin, lists
    without items or blockquotes used to indent, headings holding whole paragraphs."""
    body = doc.root.find("body")
    if body is None:
        return
    count = 0
    for br in _br_runs(body):
        if count < MAX_FINDINGS and not doc.is_hidden(br.getparent()):
            ctx.fail("8.9.1", br.getparent(), "br-margin")
            count += 1
    for group in doc.css("ul, ol"):
        items = [c for c in group if isinstance(c.tag, str) and c.tag not in ("script",
                                                                               "template")]
        if (group.get("role") in (None, "") and items and not group.xpath(
                ".//li | .//*[@role='listitem']") and doc.text(group) and count < MAX_FINDINGS):
            ctx.fail("8.9.1", group, "list-indent", tag=group.tag)
            count += 1
    for quote in doc.css("blockquote")[:MAX_FINDINGS]:
        if quote.get("role") in ("presentation", "none") or doc.is_hidden(quote):
            continue
        own = [c for c in quote if isinstance(c.tag, str)]
        nested = bool(own) and all(c.tag == "blockquote" for c in own) and _blank(quote.text) \
            and all(_blank(c.tail) for c in own)
        if nested or quote.cssselect(_FIELDS) or _INDENT_CLASS.search(quote.get("class") or ""):
            ctx.fail("8.9.1", quote, "blockquote-indent")
        elif doc.text(quote) and not _quote_signals(doc, quote):
            ctx.verify("8.9.1", quote, "blockquote-check")
    for heading in doc.css("h1, h2, h3, h4, h5, h6")[:60]:
        text = doc.text(heading)
        if len(text) > LONG_HEADING and len(_SENTENCE_END.findall(text)) >= 2:
            ctx.verify("8.9.1", heading, "heading-paragraph")
    if _is_html5(doc):
        for el in doc.css("u")[:5]:
            if doc.text(el):
                ctx.verify("8.9.1", el, "u-check")
    ctx.passed("8.9.1")
