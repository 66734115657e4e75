"""Own checks for the structure of information (RGAA theme 9): headings, zones, lists, quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.emphasis import all_bold
from rgaa_audit.checks.commons.visibility import aria_hidden, rendered_hidden
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded

MAX_FINDINGS = 15
_HEADING_XPATH = ("//body//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or "
                  "self::h6 or @role='heading']")
# A page with this much text and no heading at all has no usable outline.
SUBSTANTIAL_TEXT = 1500
SUBSTANTIAL_BLOCKS = 6


def heading_level(el: HtmlElement) -> int | None:
    """The level of a heading: aria-level for role=heading, else the hN digit."""
    if el.get("role") == "heading":
        level = (el.get("aria-level") or "").strip()
        return int(level) if level.isdigit() and int(level) > 0 else None
    if el.get("role") in ("presentation", "none"):
        return None
    return int(el.tag[1]) if re.fullmatch(r"h[1-6]", el.tag) else None


_NOT_A_SECTION = frozenset({"a", "blockquote", "button", "caption", "dd", "dt", "figcaption",
                            "footer", "form", "header", "label", "legend", "li", "nav", "summary",
                            "table", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
_NOT_A_SECTION_ROLES = frozenset({"navigation", "menu", "menubar", "tablist", "tab", "listbox",
                                  "grid", "table", "row", "cell", "list", "listitem", "banner",
                                  "contentinfo", "button", "link"})
_WORDY = re.compile(r"[^\W\d_]{3}")
_INNER_BLOCKS = ("p", "div", "ul", "ol", "dl", "table", "section", "article", "img", "input",
                 "button", "select", "textarea", "a")
_FOLLOWING = frozenset({"p", "ul", "ol", "dl", "table", "div", "section"})
_HEADING_CLASS = re.compile(r"(^|[\s_-])(h[1-6]|heading|titre|title|intertitre|subtitle|"
                            r"sous-titre)($|[\s_-])", re.IGNORECASE)
_BIG_FONT = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)(px|em|rem)", re.IGNORECASE)
_SENTENCE_END = ".,;!?…"
MIN_FAKE_TEXT, MAX_FAKE_TEXT = 3, 80
MIN_FOLLOWING_TEXT = 40
MIN_CERTAIN_FAKES = 2


def _big(el: HtmlElement) -> bool:
    """An inline font size of at least 20px (or 1.25em/rem) on the element or its only child."""
    for node in [el, *[c for c in el if isinstance(c.tag, str)][:1]]:
        match = _BIG_FONT.search(node.get("style") or "")
        if match:
            size = float(match.group(1))
            if (match.group(2).lower() == "px" and size >= 20) or (
                    match.group(2).lower() != "px" and size >= 1.25):
                return True
    return False


def _fake_heading(doc: PageDocument, el: HtmlElement) -> str | None:
    """How a short standalone line looks like a heading without being one: "bold" (all its
    text in bold, by markup or computed weight, no closing punctuation, a longer block right
    after), "styled" (a big font, a heading-like class, or bold text closed by a colon)."""
    # the block test first: it stops at the first block inside, where text_content would
    # read the whole subtree of every wrapper <div>
    if el.get("role") or next(el.iterdescendants(*_INNER_BLOCKS), None) is not None:
        return None
    if len(el.text_content()) > 4 * MAX_FAKE_TEXT or doc.is_hidden(el):
        return None
    text = doc.text(el)
    if not MIN_FAKE_TEXT <= len(text) <= MAX_FAKE_TEXT:
        return None
    if not _WORDY.search(text) or sum(ch.isdigit() for ch in text) * 3 >= len(text):
        return None  # dates, prices, phone numbers
    if any(isinstance(a.tag, str) and (a.tag in _NOT_A_SECTION or (a.get("role") or "").strip()
                                       in _NOT_A_SECTION_ROLES) for a in el.iterancestors()):
        return None
    following = el.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if (following is None or following.tag not in _FOLLOWING or doc.is_hidden(following)
            or len(doc.text(following)) < max(MIN_FOLLOWING_TEXT, len(text) + 1)):
        return None
    links = sum(len(doc.text(a)) for a in following.iter("a"))
    navigation = links * 2 >= len(doc.text(following))  # a menu's group label, say
    closed = text[-1] in _SENTENCE_END
    look = (el.get("data-ra-look") or "").split()  # the browser's computed weight and size
    bold = all_bold(el) or "bold" in look
    if bold and not closed and text[-1] != ":" and not navigation:
        return "bold"
    if not closed and (bold or _big(el) or "big" in look
                       or _HEADING_CLASS.search(el.get("class") or "")):
        return "styled"
    return None


def _fake_headings(doc: PageDocument, ctx: CheckContext) -> bool:
    """9.1.3: lines drawn as headings without heading markup. Two or more bold lines that
    open a block of text are a certain failure; a single one, or a look given by a class or
    a font size, goes to a human. True when it reported a failure."""
    found = [(el, kind) for el in doc.select("//body//*[self::p or self::div]")
             if (kind := _fake_heading(doc, el))]
    certain = sum(kind == "bold" for _el, kind in found) >= MIN_CERTAIN_FAKES
    for el, kind in found[:MAX_FINDINGS]:
        if certain and kind == "bold":
            ctx.fail("9.1.3", el, "fake-heading", text=bounded(doc.text(el), 80))
        else:
            ctx.verify("9.1.3", el, "fake-heading-check", text=bounded(doc.text(el), 80))
    return certain


@check("headings")
def headings(doc: PageDocument, ctx: CheckContext) -> None:
    """9.1.1 to 9.1.3: headings have a level and content; lines drawn as headings use
    heading markup; a page without any heading has nothing for 9.1.1 and 9.1.2 to test."""
    body = doc.root.find("body")
    if body is None:
        return
    marked = doc.select(_HEADING_XPATH)
    found = [h for h in marked if not doc.is_hidden(h)]
    _fake_headings(doc, ctx)
    for heading in marked:
        if aria_hidden_only(heading) and normalise_space(heading.text_content()):
            ctx.verify("9.1.3", heading, "heading-aria-hidden")
    for heading in doc.select("//body//*[self::h1 or self::h2 or self::h3 or self::h4 or "
                              "self::h5 or self::h6][@role='presentation' or @role='none']"):
        if not doc.is_hidden(heading) and doc.text(heading):
            ctx.verify("9.1.3", heading, "heading-role-removed")
    if not marked:
        ctx.inapplicable("9.1.1")
        ctx.inapplicable("9.1.2")
        blocks = doc.select("//body//*[self::p or self::li or self::td or self::dd]")
        if len(doc.text(body)) >= SUBSTANTIAL_TEXT and len(blocks) >= SUBSTANTIAL_BLOCKS:
            ctx.verify("9.1.3", body, "no-heading")
        return
    if not found:
        return
    previous = 0
    for el in found:
        if el.get("role") == "heading" and heading_level(el) is None:
            ctx.fail("9.1.3", el, "no-level")
            continue
        if not doc.accessible_name(el):
            ctx.fail("9.1.2", el, "empty")
        level = heading_level(el)
        if level is None:
            continue
        if previous and level > previous + 1:
            ctx.verify("9.1.1", el, "skipped", level=level, previous=previous)
        previous = level
    ctx.passed("9.1.1")
    ctx.passed("9.1.2")
    ctx.passed("9.1.3")


def aria_hidden_only(el: HtmlElement) -> bool:
    """Rendered, but hidden from assistive technologies by aria-hidden (itself or above)."""
    return not rendered_hidden(el) and any(
        isinstance(n.tag, str) and aria_hidden(n) for n in [el, *el.iterancestors()])


def _landmark(doc: PageDocument, tag: str, role: str) -> list[HtmlElement]:
    return [el for el in doc.select(f"//body//{tag} | //body//*[@role='{role}']")
            if el.get("hidden") is None and el.get("data-ra-hidden") != "1"]


_LEGACY_DOCTYPE = re.compile(r"<!doctype\s+html\s+public\b", re.IGNORECASE)


def _legacy_doctype(doc: PageDocument) -> bool:
    """Whether the served source (else the DOM) declares an HTML 4 or XHTML document type."""
    source = (doc.snapshot.served_html or "")[:4000]
    found = _LEGACY_DOCTYPE.search(source) if source else None
    return found is not None or "public" in (doc.snapshot.doctype or "").lower()


@check("document-structure")
def document_structure(doc: PageDocument, ctx: CheckContext) -> None:
    """9.2.1: one visible <main>; header, nav and footer zones use their elements.

    RGAA: not applicable under a doctype other than HTML5's (a public HTML 4 / XHTML id);
    the extra <main> elements must carry `hidden` (a style alone is not enough)."""
    body = doc.root.find("body")
    if body is None or not doc.text(body):
        return
    if _legacy_doctype(doc):
        ctx.inapplicable("9.2.1")
        return
    mains = [el for el in doc.select("//body//main")
             if not any(n.get("hidden") is not None for n in [el, *el.iterancestors()])]
    role_mains = [el for el in doc.select("//body//*[@role='main']") if el.tag != "main"]
    if len(mains) > 1:
        for extra in mains[1:]:
            ctx.fail("9.2.1", extra, "several-main")
    if not mains:
        if role_mains:
            ctx.verify("9.2.1", role_mains[0], "role-main")
        else:
            ctx.fail("9.2.1", body, "no-main")
    if not _landmark(doc, "header", "banner"):
        ctx.verify("9.2.1", body, "no-header")
    if not _landmark(doc, "footer", "contentinfo"):
        ctx.verify("9.2.1", body, "no-footer")
    for nav in doc.select("//body//nav"):
        if not nav.cssselect("a[href], button, [role=link], [role=menuitem]"):
            ctx.fail("9.2.1", nav, "nav-without-links")
    if not _landmark(doc, "nav", "navigation"):
        groups = [ul for ul in doc.css("ul, ol") if len(ul.cssselect("a[href]")) >= 5]
        if groups:
            ctx.verify("9.2.1", groups[0], "links-not-nav")
    ctx.passed("9.2.1")


_BULLET = re.compile(r"^\s*([-–—•·*▪►›>✓✔]|&bull;)\s+\S")
_NUMBER = re.compile(r"^\s*(\d{1,2}|[a-z])\s*[.)]\s+\S", re.IGNORECASE)
MIN_ITEMS = 3


def _lines_of(doc: PageDocument, el: HtmlElement) -> list[str]:
    """Lines of text inside an element split at <br>."""
    lines, current = [], [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            current.append(child.tail or "")
            continue
        if child.tag == "br":
            lines.append(normalise_space("".join(current)))
            current = [child.tail or ""]
        else:
            current.append(doc.text(child) + " " + (child.tail or ""))
    lines.append(normalise_space("".join(current)))
    return [line for line in lines if line]


def _fake_list_kind(lines: list[str]) -> str | None:
    if len(lines) < MIN_ITEMS:
        return None
    if sum(bool(_BULLET.match(line)) for line in lines) >= MIN_ITEMS and _BULLET.match(
            lines[-1]):
        return "ul"
    numbered = [_NUMBER.match(line) for line in lines]
    markers = [m.group(1).lower() for m in numbered if m]
    if len(markers) >= MIN_ITEMS and markers[:2] in (["1", "2"], ["a", "b"]):
        return "ol"
    return None


_TRANSPARENT_ROLES = ("presentation", "none", "generic")


def _owned_children(group: HtmlElement) -> Iterator[HtmlElement]:
    """The element children a list owns, seen through wrappers that expose no role of their
    own (role presentation/none/generic, or a div/span without a role)."""
    for child in group:
        if not isinstance(child.tag, str) or child.tag in ("script", "template"):
            continue
        if _transparent(child):
            yield from _owned_children(child)
        else:
            yield child


def _transparent(el: HtmlElement) -> bool:
    role = (el.get("role") or "").strip().lower()
    return role in _TRANSPARENT_ROLES or (not role and el.tag in ("div", "span")
                                          and not el.get("aria-label"))


def _owning_parent(el: HtmlElement) -> HtmlElement | None:
    """The nearest ancestor that is not a wrapper with role presentation or none."""
    for ancestor in el.iterancestors():
        if (ancestor.get("role") or "").strip().lower() not in ("presentation", "none"):
            return ancestor
    return None


@check("lists")
def lists(doc: PageDocument, ctx: CheckContext) -> None:
    """9.3.1 to 9.3.3: text laid out as a list is marked up as one; list markup is well formed."""
    body = doc.root.find("body")
    if body is None:
        return
    reported = 0
    # Lines separated by <br> inside one block.
    for block in doc.select("//body//*[self::p or self::div or self::td or self::span][br]"):
        kind = _fake_list_kind(_lines_of(doc, block))
        if kind and reported < MAX_FINDINGS:
            ctx.fail("9.3.1" if kind == "ul" else "9.3.2", block, f"fake-{kind}")
            reported += 1
    # Runs of sibling paragraphs starting with a marker.
    for parent in doc.select("//body//*[p or div]"):
        run: list[HtmlElement] = []
        for child in [*parent, None]:
            if child is not None and child.tag in ("p", "div") and not child.xpath(
                    ".//ul | .//ol | .//p | .//div"):
                run.append(child)
                continue
            kind = _fake_list_kind([doc.text(c) for c in run])
            if kind and reported < MAX_FINDINGS:
                ctx.fail("9.3.1" if kind == "ul" else "9.3.2", run[0], f"fake-{kind}")
                reported += 1
            run = []
    for item in doc.select("//body//li"):
        parent = _owning_parent(item)
        if parent is None or (parent.tag not in ("ul", "ol", "menu")
                              and parent.get("role") != "list"):
            ctx.fail("9.3.1", item, "orphan-li")
    for group in doc.select("//body//*[@role='list']"):
        items = list(_owned_children(group))
        if items and not any(c.get("role") == "listitem" or c.tag == "li" for c in items):
            ctx.fail("9.3.1", group, "list-without-items")
    for dl in doc.select("//body//dl"):
        for child in dl:
            if isinstance(child.tag, str) and child.tag not in ("dt", "dd", "div", "script",
                                                               "template"):
                ctx.fail("9.3.3", child, "bad-dl-child", child=child.tag)
                break
    for test in ("9.3.1", "9.3.2", "9.3.3"):
        ctx.passed(test)


_SAYING = re.compile(
    r"\b(déclar\w*|affirm\w*|expliqu\w*|soulign\w*|précis\w*|indiqu\w*|rappel\w*|ajout\w*|"
    r"estim\w*|confi\w*|annonc\w*|témoign\w*|racont\w*|conclu\w*|dit|disait|selon [^:]{1,40}|"
    r"said|says|stated)\s*:\s*[«“\"]\s*([^»”\"]{20,})[»”\"]", re.IGNORECASE)
_LONG_QUOTE = re.compile(r"^[«“\"]\s*[^»”\"]{250,}[»”\"]\s*([-–—(].{0,80})?$")


@check("quotations")
def quotations(doc: PageDocument, ctx: CheckContext) -> None:
    """9.4.1 and 9.4.2: reported speech in running text uses <q>; long quotes use <blockquote>."""
    reported = 0
    for block in doc.select("//body//*[self::p or self::li or self::td or self::dd]"):
        if reported >= MAX_FINDINGS or block.xpath("ancestor-or-self::blockquote"):
            continue
        text = doc.text(block)
        if _LONG_QUOTE.match(text):
            ctx.verify("9.4.2", block, "long-quote")
            reported += 1
        elif _SAYING.search(text) and not block.cssselect("q"):
            ctx.fail("9.4.1", block, "quote-without-q")
            reported += 1
    for quote in doc.css("q, blockquote"):
        if not doc.text(quote):
            ctx.fail("9.4.1" if quote.tag == "q" else "9.4.2", quote, "empty-quote")
    for quote in doc.css("blockquote")[:MAX_FINDINGS]:
        if doc.text(quote):
            ctx.verify("9.4.2", quote, "check-blockquote")
    ctx.passed("9.4.1")
    ctx.passed("9.4.2")
