"""Own checks for the mandatory elements of a page (RGAA theme 8).

Doctype, markup validity, languages, title, misused semantics, reading direction.
"""

from __future__ import annotations

import re

import html5lib
from lxml.html import HtmlElement

from rgaa_audit.checks.commons.visibility import not_rendered
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded


@check("doctype-present")
def doctype_present(doc: PageDocument, ctx: CheckContext) -> None:
    """8.1.1: the page declares a document type."""
    if doc.snapshot.doctype:
        ctx.passed("8.1.1")
    else:
        ctx.fail("8.1.1", doc.root, "missing")


@check("lang-present")
def lang_present(doc: PageDocument, ctx: CheckContext) -> None:
    """8.3.1: the default language is given on <html>, or on a parent of every text.

    RGAA's conditions: `lang` (and/or `xml:lang`) on <html>, or on each element of the body
    holding text, an ancestor's counting (`lang` on <body> covers the whole body). `xml:lang`
    alone counts under an XHTML document type only: an HTML5 page needs `lang` (the test
    method; ACT rule b5c3f8 agrees).
    """
    xhtml = _is_xhtml(doc)
    if _language_of(doc.root, xhtml):
        ctx.passed("8.3.1")
        return
    body = doc.root.find("body")
    if body is None or not doc.text(body):
        ctx.fail("8.3.1", doc.root, "missing")
        return
    holders = [el for el in body.iter() if isinstance(el.tag, str)
               and el.tag not in _NO_TEXT and _own_text(el)]
    unlabelled = next((el for el in holders if not _language_above(el, xhtml)), None)
    if unlabelled is not None:
        ctx.fail("8.3.1", doc.root, "missing")
    else:
        ctx.passed("8.3.1")


_NO_TEXT = frozenset({"script", "style", "template", "noscript", "html"})


def _own_text(el: HtmlElement) -> bool:
    """Whether the element itself holds text (its text or its children's tails)."""
    return bool((el.text or "").strip()) or any(
        (child.tail or "").strip() for child in el if isinstance(child.tag, str))


def _is_xhtml(doc: PageDocument) -> bool:
    """Whether the page declares an XHTML document type (in the served source, else the DOM)."""
    found = _DOCTYPE.search((doc.snapshot.served_html or "")[:4000])
    declared = found.group(0) if found else doc.snapshot.doctype or ""
    return "xhtml" in declared.lower()


def _language_of(el: HtmlElement, xhtml: bool) -> str:
    """The language the element itself declares (`xml:lang` only in XHTML)."""
    return normalise_space(el.get("lang") or (el.get("xml:lang") if xhtml else ""))


def _language_above(el: HtmlElement, xhtml: bool) -> bool:
    """Whether the element or one of its ancestors declares a language."""
    node: HtmlElement | None = el
    while node is not None:
        if _language_of(node, xhtml):
            return True
        node = node.getparent()
    return False


@check("title-present")
def title_present(doc: PageDocument, ctx: CheckContext) -> None:
    """8.5.1: the page has a non-empty <title> in its head.

    A <title> only in the body is still shown by browsers and passes WCAG's reading (ACT rule
    2779a5), while RGAA places the page title in the head: a person decides (never C)."""
    title = doc.root.find("head/title")
    if title is not None and normalise_space(title.text_content()):
        ctx.passed("8.5.1")
        return
    stray = doc.root.find("body//title")
    if title is None and stray is not None and stray.getparent().tag != "svg" \
            and not any(a.tag == "svg" for a in stray.iterancestors()):
        ctx.verify("8.5.1", stray, "in-body")
    else:
        ctx.fail("8.5.1", title if title is not None else doc.root, "missing")


# --- doctype, markup validity ---------------------------------------------------------------

_DOCTYPE = re.compile(r"<!doctype\s+([^\s>]+)([^>]*)>", re.IGNORECASE)
_HTML_START = re.compile(r"<html[\s>]", re.IGNORECASE)
_LEADING_NOISE = re.compile(r"^(\ufeff|\s|<!--.*?-->|<\?xml[^>]*\?>)*", re.DOTALL)
_KNOWN_PUBLIC_IDS = re.compile(r'public\s+"-//w3c//dtd (x?html|html) [^"]*"', re.IGNORECASE)


@check("doctype-valid")
def doctype_valid(doc: PageDocument, ctx: CheckContext) -> None:
    """8.1.2 and 8.1.3: the served doctype names HTML and comes first, before <html>."""
    served = doc.snapshot.served_html or ""
    found = _DOCTYPE.search(served)
    if found is None:
        if served:
            ctx.inapplicable("8.1.2")
            ctx.inapplicable("8.1.3")
        return
    declaration = bounded(found.group(0), 200)
    html_start = _HTML_START.search(served)
    before = served[: found.start()]
    if (html_start is not None and html_start.start() < found.start()) or _LEADING_NOISE.sub(
            "", before):
        ctx.fail("8.1.3", None, "misplaced", declaration=declaration)
    elif _later_doctypes(doc):
        # The browser drops a second declaration: only the served source shows it.
        ctx.fail("8.1.3", None, "duplicated", declaration=declaration)
    else:
        ctx.passed("8.1.3")
    rest = found.group(2).strip()
    if found.group(1).lower() != "html":
        ctx.fail("8.1.2", None, "invalid", declaration=declaration)
    elif not rest or rest.lower().startswith("system") or _KNOWN_PUBLIC_IDS.match(rest):
        ctx.passed("8.1.2")
    else:
        ctx.verify("8.1.2", None, "unusual", declaration=declaration)


ParseErrors = list[tuple[tuple[int, int], str, object]]


def _served_parse_errors(doc: PageDocument) -> ParseErrors | None:
    """The HTML5 parse errors of the served source, parsed once per page (None: no source,
    or the parser failed, which says nothing about the page)."""
    def parse() -> ParseErrors | None:
        served = doc.snapshot.served_html or ""
        if not served:
            return None
        parser = html5lib.HTMLParser(strict=False)
        try:
            parser.parse(served, scripting=True)  # as the audit browser: scripts on
        except Exception:
            return None
        return list(parser.errors)
    return doc.memo("served-parse-errors", parse)


def _later_doctypes(doc: PageDocument) -> int:
    """How many document type declarations the served source holds after the first one."""
    errors = _served_parse_errors(doc) or []
    return sum(1 for _, code, _ in errors if code == "unexpected-doctype")


# Parse errors about the doctype belong to 8.1; the others are markup errors.
_IGNORED_PARSE_ERRORS = frozenset({
    "expected-doctype-but-got-start-tag", "expected-doctype-but-got-chars",
    "expected-doctype-but-got-eof", "unknown-doctype", "non-html-root", "unexpected-doctype",
})
_INTERACTIVE = "a[href], button, input:not([type=hidden]), select, textarea, iframe, " \
               "embed, label, details, audio[controls], video[controls]"
MAX_FINDINGS = 15


def _source_line(source: str, line: int, column: int) -> str:
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1]
    start = max(0, column - 60)
    return bounded(text[start: column + 60].strip(), 140)


@check("markup-valid")
def markup_valid(doc: PageDocument, ctx: CheckContext) -> None:
    """8.2.1: ids unique, no interactive element inside another, no HTML parse error."""
    seen: dict[str, HtmlElement] = {}
    reported: set[str] = set()
    for el in doc.select("//*[@id]"):
        value = el.get("id")
        if value in seen and value not in reported and len(reported) < MAX_FINDINGS:
            reported.add(value)
            ctx.fail("8.2.1", el, "duplicate-id", id=bounded(value, 80))
        seen.setdefault(value, el)
    interactive = set(doc.css(_INTERACTIVE))
    nested = 0
    for outer in doc.css("a[href], button"):
        inner = next((d for d in outer.iterdescendants() if d in interactive), None)
        if inner is not None:
            if nested < MAX_FINDINGS:
                ctx.fail("8.2.1", inner, "nested-interactive", inner=inner.tag, outer=outer.tag)
            nested += 1
    strays = 0
    for item in doc.select("//body//li"):
        parent = item.getparent()
        if parent is not None and parent.tag not in ("ul", "ol", "menu", "template") \
                and strays < MAX_FINDINGS:
            # The browser keeps an <li> where it was written: only its parent tells.
            ctx.fail("8.2.1", item, "li-outside-list", parent=parent.tag)
            strays += 1
    for parent in doc.css("ul, ol"):
        stray = next((c for c in parent if isinstance(c.tag, str)
                      and c.tag not in ("li", "script", "template")), None)
        if stray is not None:
            ctx.fail("8.2.1", stray, "bad-child", child=stray.tag, parent=parent.tag)
    served = doc.snapshot.served_html or ""
    parsed = _served_parse_errors(doc)
    if parsed is None:
        return
    errors = [e for e in parsed if e[1] not in _IGNORED_PARSE_ERRORS]
    for (line, column), code, _values in errors[:MAX_FINDINGS]:
        ctx.fail("8.2.1", None, "parse-error", code=code, line=line, column=column,
                 source=_source_line(served, line, column))
    if len(errors) > MAX_FINDINGS:
        ctx.fail("8.2.1", None, "more-errors", count=len(errors) - MAX_FINDINGS)
    # Attribute values and most content models are not validated here: 8.2.1 stays semi.
    ctx.passed("8.2.1")


# --- languages --------------------------------------------------------------------------------

def word_set(text: str) -> frozenset[str]:
    """A set of words written as white-space separated data."""
    return frozenset(text.split())


# ISO 639-1 two-letter codes (plus a few frequent three-letter ISO 639-2/3 codes).
_LANGUAGES = word_set("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
fil gsw haw yue cmn wuu hak nan ast ckb kab rcf gcf gcr pcd pro frp lad mul und zxx
""")
_RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "ku"})
_BCP47 = re.compile(
    r"^(?P<primary>[a-z]{2,3})(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?"
    r"(-([a-z\d]{5,8}|\d[a-z\d]{3}))*(-[a-wy-z\d](-[a-z\d]{2,8})+)*(-x(-[a-z\d]{1,8})+)?$"
)


def language_code_problem(value: str) -> str | None:
    """Why a lang value is not a valid language code, or None when it is valid."""
    code = value.strip().lower()
    if not code:
        return "empty"
    match = _BCP47.match(code)
    if match is None:
        return "syntax"
    if match.group("primary") not in _LANGUAGES:
        return "unknown"
    return None


def primary_language(value: str | None) -> str:
    return (value or "").strip().lower().split("-")[0]


@check("lang-valid")
def lang_valid(doc: PageDocument, ctx: CheckContext) -> None:
    """8.4.1: the default language code is a well-formed tag naming a known language."""
    for attribute in ("lang", "xml:lang"):
        value = doc.root.get(attribute)
        if value is None:
            continue
        problem = language_code_problem(value)
        if problem is not None:
            ctx.fail("8.4.1", doc.root, f"invalid-{problem}", value=bounded(value, 40))
    lang, xml_lang = doc.root.get("lang"), doc.root.get("xml:lang")
    if lang and xml_lang and primary_language(lang) != primary_language(xml_lang):
        ctx.fail("8.4.1", doc.root, "mismatch", code=bounded(lang, 40),
                 xml_lang=bounded(xml_lang, 40))
    if normalise_space(lang or xml_lang):
        ctx.passed("8.4.1")
        body = doc.root.find("body")
        declared = primary_language(lang or xml_lang)
        guessed = guess_language(own_language_text(body)) if body is not None else None
        if guessed and declared in _LANGUAGES and guessed != declared:
            ctx.verify("8.4.1", doc.root, "text-language", code=bounded(lang or xml_lang, 40),
                       guessed=guessed)


# Very frequent English words that almost never occur in French running text.
_ENGLISH_WORDS = word_set("""
the and of to is are was were with this that for from have has will would should which
your you our their they we it its be been not but or on at by an as can more about all
""")
_FRENCH_WORDS = word_set("""
le la les des du de et est sont une un pour dans sur avec par que qui pas vous nous leur
aux au ce cette ces son sa ses il elle ont été sera plus
""")
_WORD = re.compile(r"[a-zà-ÿ']+")


def looks_english(text: str) -> bool:
    """True for a passage whose common words are mostly English and hardly French."""
    words = _WORD.findall(text.lower())
    if len(words) < 12:
        return False
    english = sum(w in _ENGLISH_WORDS for w in words)
    french = sum(w in _FRENCH_WORDS for w in words)
    return english >= 0.2 * len(words) and french <= 0.05 * len(words)


def guess_language(text: str) -> str | None:
    """"en" or "fr" for a passage whose common words clearly give one of them, else None."""
    words = _WORD.findall(text.lower())
    if len(words) < 12:
        return None
    english = sum(w in _ENGLISH_WORDS for w in words)
    french = sum(w in _FRENCH_WORDS for w in words)
    if english >= 0.2 * len(words) and french <= 0.05 * len(words):
        return "en"
    if french >= 0.2 * len(words) and english <= 0.05 * len(words):
        return "fr"
    return None


def _declared_language(el: HtmlElement) -> str:
    for node in [el, *el.iterancestors()]:
        value = node.get("lang") or node.get("xml:lang")
        if value is not None:
            return primary_language(value)
    return ""


_NO_TEXT_TAGS = frozenset({"script", "style", "template", "noscript"})


def own_language_text(el: HtmlElement) -> str:
    """The rendered text whose language `el`'s lang gives: nested elements carrying their
    own lang, hidden parts and scripts left out; image alternatives kept."""
    if any(not_rendered(n) for n in [el, *el.iterancestors()] if isinstance(n.tag, str)):
        return ""
    parts: list[str] = []

    def visit(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _NO_TEXT_TAGS \
                    and not not_rendered(child) and child.get("lang") is None \
                    and child.get("xml:lang") is None:
                if child.tag == "img":
                    parts.append(" " + (child.get("alt") or "") + " ")
                else:
                    visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    return normalise_space(" ".join(parts))


def _lang_mismatch(el: HtmlElement) -> bool:
    lang, xml_lang = el.get("lang"), el.get("xml:lang")
    return bool(lang and xml_lang) and primary_language(lang) != primary_language(xml_lang)


@check("lang-changes")
def lang_changes(doc: PageDocument, ctx: CheckContext) -> None:
    """8.7.1 and 8.8.1: language changes are marked, and their codes are valid.

    A code is judged only where it governs text: an element whose own text (not hidden,
    not under a nested element with its own lang) is empty says nothing to anyone."""
    # lxml's HTML parser keeps `xml:lang` as a plain attribute name: `@xml:lang` never matches
    marked = [el for el in doc.select("//body//*[@lang or @*[name()='xml:lang']]")]
    for el in marked:
        value = el.get("lang") if el.get("lang") is not None else el.get("xml:lang")
        problem = language_code_problem(value)
        text = own_language_text(el)
        if problem is None:
            guessed = guess_language(text)
            if guessed and guessed != primary_language(value):
                ctx.verify("8.8.1", el, "text-language", code=bounded(value, 40),
                           guessed=guessed)
        if (problem is None and not _lang_mismatch(el)) or not text:
            continue
        if problem is None:
            ctx.fail("8.8.1", el, "mismatch", code=bounded(el.get("lang"), 40),
                     xml_lang=bounded(el.get("xml:lang"), 40))
        else:
            ctx.fail("8.8.1", el, f"invalid-{problem}", value=bounded(value, 40))
    if marked:
        ctx.passed("8.8.1")
    flagged = 0
    for block in doc.select("//body//*[self::p or self::li or self::blockquote or self::td "
                            "or self::dd or self::figcaption or self::h1 or self::h2 or "
                            "self::h3 or self::h4]"):
        if flagged >= 5 or doc.is_hidden(block):
            continue
        if _declared_language(block) != "en" and looks_english(doc.text(block)):
            ctx.verify("8.7.1", block, "foreign-passage")
            flagged += 1


# --- title, presentational markup, reading direction -----------------------------------------

_MEANINGLESS_TITLES = frozenset({
    "document", "untitled", "untitled document", "sans titre", "page sans titre",
    "document sans titre", "nouvelle page", "new page", "new document", "titre", "title",
    "page title", "titre de la page", "index", "index.html", "index.php", "default", "test",
    "my site", "mon site", "react app", "vite app", "home page", "site title", "page",
})
_TERSE_TITLES = frozenset({"accueil", "home", "bienvenue", "welcome", "page d'accueil"})


@check("title-relevant")
def title_relevant(doc: PageDocument, ctx: CheckContext) -> None:
    """8.6.1: a placeholder title fails; a one-word home title and any other title are to check."""
    title = doc.root.find(".//title")
    text = normalise_space(title.text_content()) if title is not None else ""
    if not text:
        ctx.inapplicable("8.6.1")
        return
    key = text.lower().strip(" -|:")
    if key in _MEANINGLESS_TITLES:
        ctx.fail("8.6.1", title, "meaningless", title=bounded(text, 120))
    elif key in _TERSE_TITLES:
        ctx.verify("8.6.1", title, "terse", title=bounded(text, 120))
    else:
        ctx.verify("8.6.1", title, "check", title=bounded(text, 120))


def _is_empty_block(doc: PageDocument, el: HtmlElement) -> bool:
    if doc.text(el).replace("\u00a0", "").strip():
        return False
    return not any(isinstance(c.tag, str) and c.tag not in ("br",) for c in el.iter()
                   if c is not el)


@check("semantic-misuse")
def semantic_misuse(doc: PageDocument, ctx: CheckContext) -> None:
    """8.9.1: empty paragraphs, <br> runs standing for paragraphs, headings stripped of role."""
    body = doc.root.find("body")
    if body is None:
        return
    empty = [p for p in body.iter("p") if p.get("role") not in ("presentation", "none")
             and _is_empty_block(doc, p) and not doc.is_hidden(p)]
    for p in empty[:MAX_FINDINGS]:
        ctx.fail("8.9.1", p, "empty-paragraph")
    for heading in doc.select("//body//*[self::h1 or self::h2 or self::h3 or self::h4 or "
                              "self::h5 or self::h6][@role='presentation' or @role='none']"):
        ctx.fail("8.9.1", heading, "heading-role-removed")
    runs = 0
    for br in body.iter("br"):
        following = br.getnext()
        if (following is not None and following.tag == "br" and not (br.tail or "").strip()
                and (br.getparent().text or "").strip() and (following.tail or "").strip()):
            if runs < MAX_FINDINGS:
                ctx.fail("8.9.1", br.getparent(), "br-paragraphs")
            runs += 1
    # Only what this check can see was examined: the criteria table keeps 8.9.1 manual.
    ctx.passed("8.9.1")


_RTL_TEXT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]{3,}")


@check("dir-valid")
def dir_valid(doc: PageDocument, ctx: CheckContext) -> None:
    """8.10.1 and 8.10.2: right-to-left text sits in an element with dir; dir values are valid."""
    with_dir = doc.select("//*[@dir]")
    for el in with_dir:
        value = (el.get("dir") or "").strip().lower()
        if value not in ("ltr", "rtl", "auto"):
            ctx.fail("8.10.2", el, "invalid", value=bounded(el.get("dir"), 40))
        elif value == "auto":
            ctx.verify("8.10.2", el, "auto")
    default_rtl = primary_language(doc.root.get("lang")) in _RTL_LANGUAGES
    body = doc.root.find("body")
    rtl_found = False
    flagged = 0
    if body is not None and not default_rtl:
        for el in body.iter():
            if not isinstance(el.tag, str) or el.tag in ("script", "style", "template"):
                continue
            own = (el.text or "") + " ".join(c.tail or "" for c in el)
            if not _RTL_TEXT.search(own):
                continue
            rtl_found = True
            if not any(n.get("dir") for n in [el, *el.iterancestors()]) and flagged < 10:
                ctx.fail("8.10.1", el, "rtl-without-dir")
                flagged += 1
    if body is not None and not default_rtl:
        if not rtl_found:
            ctx.inapplicable("8.10.1")
        elif not flagged:
            ctx.passed("8.10.1")
    if with_dir:
        ctx.passed("8.10.2")
    elif not rtl_found and not default_rtl:
        ctx.inapplicable("8.10.2")
