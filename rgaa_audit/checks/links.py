"""Own checks for links (RGAA theme 6): every link has a name, names make sense, and an
extra name (title, aria-label, aria-labelledby) repeats the visible text.

Links are sorted as the RGAA glossary does: text links, image links (images only, and
the clickable zones <area href> of an image map),
composite links (text and images) and SVG links (<a> inside <svg>). Whether a name is
explicit in its context is a human judgement: names that mean nothing alone ("lire la
suite") are listed with their context (enclosing sentence, paragraph, list item or table
cell, and the heading before them) for a human to judge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.names import labelledby_text, role_of
from rgaa_audit.checks.commons.visibility import not_rendered, out_of_scope
from rgaa_audit.checks.images import file_name_alternative, find_images
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check

CONTEXT_MAX = 200  # characters of a link's context quoted in a message
# Names that do not say where a link goes or what it does, in French and English.
VAGUE_NAMES = frozenset({
    "cliquez ici", "cliquer ici", "cliquez", "ici", "là", "en savoir plus", "savoir plus",
    "lire la suite", "la suite", "suite", "lire plus", "plus", "voir", "voir plus",
    "voir la suite", "voir tout", "tout voir", "plus d infos", "plus d information",
    "plus d informations", "infos", "détails", "détail", "en détail", "lien", "ce lien",
    "accéder", "découvrir", "en découvrir plus", "consulter", "continuer", "télécharger",
    "ouvrir", "page", "site", "cette page", "click here", "here", "read more", "more",
    "learn more", "link", "details", "this link", "continue", "download", "go", "suivant",
    "précédent", "next", "previous",
})
_IMAGE_TAGS = {"img", "svg", "canvas", "object", "embed"}
_SR_ONLY = re.compile(r"(sr-only|sr_only|visually-?hidden|screen-?reader|hidden-text|"
                      r"element-invisible|offscreen|a11y-hidden|visuallyhidden|fr-sr-only|"
                      r"invisible)", re.I)
_CONTEXT_TAGS = {"p", "li", "td", "th", "dd", "figcaption", "blockquote"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Link:
    """One link in scope: element, kind, accessible name and visible text."""

    element: HtmlElement
    kind: str  # text | image | composite | svg
    name: str
    visible_text: str


def _image_name(doc: PageDocument, node: HtmlElement) -> str:
    if (node.get("aria-hidden") or "").lower() == "true" or role_of(node) in ("presentation",
                                                                            "none"):
        return ""
    named = labelledby_text(doc, node) or normalise_space(node.get("aria-label"))
    if named:
        return named
    if node.tag == "img":
        return normalise_space(node.get("alt")) or normalise_space(node.get("title"))
    if node.tag == "svg":
        for child in node:
            if isinstance(child.tag, str) and child.tag.lower() == "title":
                return normalise_space(child.text_content())
    return normalise_space(node.get("title")) if node.tag in ("object", "embed") else ""


def _walk(doc: PageDocument, el: HtmlElement, for_name: bool) -> tuple[list[str], bool]:
    """Texts of a link's content and whether it holds an image.

    for_name: the text assistive technologies get (image alternatives, no aria-hidden
    parts); otherwise the text a sighted user sees (no image text, no screen-reader-only
    parts, but aria-hidden parts kept)."""
    parts: list[str] = []
    has_image = False

    def visit(node: HtmlElement) -> None:
        nonlocal has_image
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in ("script", "style", "template"):
                if not_rendered(child):
                    pass
                elif child.tag in _IMAGE_TAGS or role_of(child) == "img":
                    has_image = True
                    if for_name:
                        parts.append(" " + _image_name(doc, child) + " ")
                elif for_name and (child.get("aria-hidden") or "").lower() == "true":
                    pass
                elif for_name and normalise_space(child.get("aria-label")) \
                        and role_of(child) not in ("", "generic", "presentation", "none"):
                    parts.append(" " + normalise_space(child.get("aria-label")) + " ")
                elif not for_name and _SR_ONLY.search(child.get("class") or ""):
                    pass
                else:
                    visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    return parts, has_image


def accessible_link_name(doc: PageDocument, el: HtmlElement) -> str:
    """The link's name: Chromium's when captured, else labelledby, label, content, title."""
    computed = el.get("data-ra-name")
    if computed is not None:
        return meaningful(normalise_space(computed))
    if el.get("aria-labelledby"):
        labelled = labelledby_text(doc, el)
        if meaningful(labelled):
            return labelled
    if meaningful(normalise_space(el.get("aria-label"))):
        return normalise_space(el.get("aria-label"))
    parts, _ = _walk(doc, el, for_name=True)
    content = normalise_space(" ".join(parts))
    if el.tag == "area":
        content = normalise_space(el.get("alt"))
    if el.tag == "a" and _in_svg(el) and not content:
        content = normalise_space(el.get("xlink:title"))
    return meaningful(content) or meaningful(normalise_space(el.get("title")))


# Characters that draw nothing and say nothing: format controls (zero-width space, joiners,
# direction marks, soft hyphen), controls, and every kind of blank.
_SILENT = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp", "Mn"})


def meaningful(name: str) -> str:
    """The name, or "" when it holds only silent characters (a zero-width space is no name)."""
    return name if any(unicodedata.category(ch) not in _SILENT for ch in name) else ""


def focusable(el: HtmlElement) -> bool:
    """A link the keyboard reaches: href (or tabindex) and no negative tabindex."""
    tabindex = (el.get("tabindex") or "").strip()
    if tabindex.lstrip("-").isdigit():
        return int(tabindex) >= 0
    return el.get("href") is not None or el.get("xlink:href") is not None


def _in_svg(el: HtmlElement) -> bool:
    return any(a.tag == "svg" for a in el.iterancestors())


def find_links(doc: PageDocument) -> list[Link]:
    """Every link in scope, once per page."""
    return doc.memo("links", lambda: _find_links(doc))


def _find_links(doc: PageDocument) -> list[Link]:
    links = []
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        is_link = (el.tag == "a" and (el.get("href") is not None
                                      or el.get("xlink:href") is not None)) \
            or role_of(el) == "link"
        if not is_link or out_of_scope(el, keep_folded=True):
            continue
        if (el.get("aria-hidden") or "").lower() == "true":
            # still reached by Tab, and nothing in it could name it: a nameless link
            # (one with visible text is left to the ARIA checks, 7.1)
            parts, has_image = _walk(doc, el, for_name=True)
            if focusable(el) and not has_image and not meaningful(normalise_space(" ".join(parts))):
                links.append(Link(el, "text", "", ""))
            continue
        visible_parts, has_image = _walk(doc, el, for_name=False)
        visible = normalise_space(" ".join(visible_parts))
        if _in_svg(el):
            kind = "svg"
        elif has_image:
            kind = "composite" if visible else "image"
        else:
            kind = "text"
        links.append(Link(el, kind, accessible_link_name(doc, el), visible))
    # The clickable zones (<area href>) of an image map a shown image uses: image links.
    for image in find_images(doc)["area"]:
        area = image.element
        if area.get("href") is not None and (area.get("aria-hidden") or "").lower() != "true":
            links.append(Link(area, "image", accessible_link_name(doc, area), ""))
    return links


def comparable(text: str) -> str:
    """Lower case, punctuation removed, spaces collapsed: for comparing link texts."""
    text = unicodedata.normalize("NFC", text.casefold())
    return normalise_space(re.sub(r"[^\w\s]|_", " ", text))


def vague_name(name: str) -> bool:
    words = comparable(name)
    return not words or words in VAGUE_NAMES


def _short(text: str, limit: int = 80) -> str:
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- 6.2.1: every link has a name -------------------------------------------------------------

@check("link-has-name")
def link_has_name(doc: PageDocument, ctx: CheckContext) -> None:
    """6.2.1: each link has a name (text, image alternative or ARIA label)."""
    links = find_links(doc)
    if not links:
        ctx.inapplicable("6.2.1")
        return
    nameless = [link for link in links if not link.name]
    for link in nameless:
        key = "image-link-no-name" if link.kind == "image" else "no-name"
        ctx.fail("6.2.1", link.element, key, href=_short(link.element.get("href") or ""))
    if not nameless:
        ctx.passed("6.2.1")


# --- 6.1.1 to 6.1.4: names make sense ---------------------------------------------------------

def link_context(doc: PageDocument, el: HtmlElement) -> str:
    """The link's context as the RGAA defines it: enclosing block and the heading before."""
    parts = []
    for ancestor in el.iterancestors():
        if ancestor.tag in _CONTEXT_TAGS:
            text = doc.text(ancestor)
            if comparable(text) != comparable(doc.text(el)):
                parts.append(_short(text, CONTEXT_MAX))
            break
        if ancestor.tag in ("body", "main", "article", "section", "nav"):
            break
    heading = _heading_before(el)
    if heading is not None:
        parts.append(_short(doc.text(heading), CONTEXT_MAX))
    return " / ".join(p for p in parts if p)


def _heading_before(el: HtmlElement) -> HtmlElement | None:
    """The nearest heading before the element in document order (bounded walk)."""
    steps = 0
    node = el
    while node is not None and steps < 400:
        previous = node.getprevious()
        if previous is None:
            node = node.getparent()
            if node is not None and node.tag in _HEADINGS:
                return node
            steps += 1
            continue
        node = previous
        steps += 1
        if not isinstance(node.tag, str):
            continue
        if node.tag in _HEADINGS:
            return node
        inner = [h for h in node.iter(*_HEADINGS)]
        if inner:
            return inner[-1]
    return None


@check("link-explicit")
def link_explicit(doc: PageDocument, ctx: CheckContext) -> None:
    """6.1.1-6.1.4: names that say nothing alone, file names, and one name for several
    destinations are listed (file names fail: no context can explain them)."""
    links = find_links(doc)
    kind_tests = ctx.table("kinds")  # link kind -> test (criteria/checks/links.toml)
    cap = ctx.limit("max-to-verify")
    by_kind = {kind: [lnk for lnk in links if lnk.kind == kind] for kind in kind_tests}
    for kind, test in kind_tests.items():
        if not by_kind[kind]:
            ctx.inapplicable(test)
    listed = 0
    targets: dict[str, set[str]] = {}
    for link in links:
        if not link.name:
            continue  # judged by 6.2.1
        test = kind_tests[link.kind]
        if link.kind in ("image", "composite", "svg") and _file_name_in(link):
            ctx.fail(test, link.element, "file-name", name=_short(link.name))
            continue
        href = doc.absolute(link.element.get("href") or link.element.get("xlink:href") or "")
        targets.setdefault(comparable(link.name), set()).add(href)
        if vague_name(link.name) and listed < cap:
            listed += 1
            context = link_context(doc, link.element)
            if context:
                ctx.verify(test, link.element, "vague-with-context", name=_short(link.name),
                           context=context)
            else:
                ctx.verify(test, link.element, "vague-no-context", name=_short(link.name))
    reported: set[str] = set()
    for link in links:
        key = comparable(link.name)
        if not link.name or vague_name(link.name) or key in reported:
            continue
        if len(targets.get(key, ())) > 1 and listed < cap:
            listed += 1
            reported.add(key)
            ctx.verify(kind_tests[link.kind], link.element, "same-name-other-targets",
                       name=_short(link.name), count=len(targets[key]))


def _file_name_in(link: Link) -> bool:
    name = link.name
    if link.kind == "composite" and link.visible_text:
        name = normalise_space(name.replace(link.visible_text, ""))
    return bool(name) and file_name_alternative(name)


# --- 6.1.5: the name contains the visible text ------------------------------------------------

@check("link-name-contains-visible")
def link_name_contains_visible(doc: PageDocument, ctx: CheckContext) -> None:
    """6.1.5: a title, aria-label or aria-labelledby on a link repeats its visible text."""
    scoped = [lnk for lnk in find_links(doc) if lnk.kind != "svg" and _extra_names(doc, lnk)]
    if not scoped:
        ctx.inapplicable("6.1.5")
        return
    settled = True
    for link in scoped:
        if link.kind != "text":
            settled = False  # the text inside an image cannot be read from markup
        visible = comparable(link.visible_text)
        if not link.visible_text:
            continue
        if len(link.visible_text) > ctx.limit("visible-text-max") or len(visible) < 2 \
                or not re.search(r"[^\W\d_]", visible):
            settled = False
            ctx.verify("6.1.5", link.element, "symbol-or-long", text=_short(link.visible_text))
            continue
        for attribute, value in _extra_names(doc, link):
            if not name_contains_visible(value, link.visible_text):
                ctx.fail("6.1.5", link.element, "name-misses-visible", attribute=attribute,
                         value=_short(value), text=_short(link.visible_text))
    if settled:
        ctx.passed("6.1.5")


_ABBREVIATION = re.compile(r"(\w+)\.")
SHORTENED_MIN = 3  # a visible word this long may stand for a longer spoken word


def abbreviations(visible_text: str) -> frozenset[str]:
    """Words of a raw visible text written with a full stop after them ("Ave.", "M.")."""
    return frozenset(comparable(w) for w in _ABBREVIATION.findall(visible_text))


def contains_words(name: str, visible: str, shortened: frozenset[str] = frozenset()) -> bool:
    """True when `name` holds the words of `visible` in order and side by side, word for word.

    Lenient on purpose (no false NC): visible words split by markup ("A C T" for the
    spoken "ACT") and shortened words ("Ave." for "Avenue", or any visible word of three
    letters or more that starts the spoken one) are accepted. A visible word is never
    matched inside a longer spoken word otherwise ("It" is not "Italy", "justice" is not
    "just ice")."""
    if f" {visible} " in f" {name} ":
        return True
    shown, spoken = visible.split(), name.split()
    if not shown:
        return True
    return any(_aligned(shown, spoken[start:], shortened) for start in range(len(spoken)))


def name_contains_visible(name: str, visible: str) -> bool:
    """contains_words on raw texts; a hyphenated spoken word also counts joined up
    ("non-standard" holds "nonstandard")."""
    shown, shortened = comparable(visible), abbreviations(visible)
    return any(contains_words(comparable(candidate), shown, shortened)
               for candidate in (name, re.sub(r"(?<=\w)[-\u2010\u2011](?=\w)", "", name)))


def _aligned(shown: list[str], spoken: list[str], shortened: frozenset[str]) -> bool:
    i = 0
    for word in spoken:
        if i == len(shown):
            break
        joined, k = "", i
        while k < len(shown) and len(joined) < len(word):
            joined += shown[k]
            k += 1
        if joined == word:
            i = k
        elif word.startswith(shown[i]) and (len(shown[i]) >= SHORTENED_MIN
                                            or shown[i] in shortened):
            i += 1
        else:
            return False
    return i == len(shown)


def _extra_names(doc: PageDocument, link: Link) -> list[tuple[str, str]]:
    el = link.element
    names = []
    if el.get("aria-labelledby") and labelledby_text(doc, el):
        names.append(("aria-labelledby", labelledby_text(doc, el)))
    for attribute in ("aria-label", "title"):
        if el.get(attribute) is not None and normalise_space(el.get(attribute)):
            names.append((attribute, normalise_space(el.get(attribute))))
    return names
