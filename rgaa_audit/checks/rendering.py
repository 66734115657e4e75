"""Own checks that read how the page is rendered: focus visibility (10.7.1), text spacing
locked by inline styles (10.12.1), where labels sit around their fields (11.4.2, 11.4.3),
option groups (11.8.2, 11.8.3) and ASCII art (13.5.1, 13.6.1).

Browser facts arrive as attributes written by the capture stage (collect.js):
`data-ra-focus="none|visible"` on the elements whose focus was probed, with
`data-ra-focus-probed="all|some"` on <body>; `data-ra-label-pos` on labelled fields.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded

MAX_FINDINGS = 10


@check("focus-visible")
def focus_visible(doc: PageDocument, ctx: CheckContext) -> None:
    """10.7.1: focusing an element changes something on screen (outline, shadow, colours,
    underline, position...). Nothing changing at all proves the focus is invisible."""
    probed = doc.select("//body//*[@data-ra-focus]")
    invisible = [el for el in probed if el.get("data-ra-focus") == "none"]
    for el in invisible[:MAX_FINDINGS]:
        ctx.fail("10.7.1", el, "no-change", name=bounded(doc.accessible_name(el), 80))
    if len(invisible) > MAX_FINDINGS:
        ctx.fail("10.7.1", None, "more", count=len(invisible) - MAX_FINDINGS)
    body = doc.root.find("body")
    if probed and not invisible and body is not None \
            and body.get("data-ra-focus-probed") == "all":
        ctx.passed("10.7.1")  # a change is not always a visible one: the table keeps it semi


# --- 10.12.1: spacing the user cannot override ------------------------------------------------

# Minimum spacing a user may ask for, in multiples of the font size.
_SPACING_MINIMUM = {"line-height": 1.5, "letter-spacing": 0.12, "word-spacing": 0.16}
_NORMAL = {"line-height": 1.2, "letter-spacing": 0.0, "word-spacing": 0.0}
_LENGTH = re.compile(r"^(-?[\d.]+)(em|rem|%|px)?$")


def _spacing_in_em(prop: str, value: str) -> float | None:
    """The value as a multiple of the font size, or None when it depends on the font size."""
    value = value.strip().lower()
    if value == "normal":
        return _NORMAL[prop]
    match = _LENGTH.match(value)
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit in ("em", "rem") or (unit is None and prop == "line-height"):
        return number
    if unit == "%":
        return number / 100
    if number == 0:
        return 0.0
    return None


def important_spacing(style: str) -> list[tuple[str, str, float | None]]:
    """Inline `!important` spacing declarations: (property, value, value in em or None)."""
    found = []
    for declaration in style.split(";"):
        if ":" not in declaration or "!important" not in declaration.lower():
            continue
        prop, value = declaration.split(":", 1)
        prop = prop.strip().lower()
        if prop in _SPACING_MINIMUM:
            value = re.sub(r"!\s*important", "", value, flags=re.IGNORECASE).strip()
            found.append((prop, value, _spacing_in_em(prop, value)))
    return found


@check("text-spacing-override")
def text_spacing_override(doc: PageDocument, ctx: CheckContext) -> None:
    """10.12.1: an inline `!important` line-height, letter-spacing or word-spacing below what
    a user may need cannot be overridden by the user's own styles."""
    bad = 0
    for el in doc.select("//body//*[@style]"):
        declarations = important_spacing(el.get("style") or "")
        if not declarations or not doc.text(el) or doc.is_hidden(el):
            continue
        for prop, value, em in declarations:
            if bad >= MAX_FINDINGS:
                break
            if em is None:
                ctx.verify("10.12.1", el, "locked-unknown", prop=prop, value=bounded(value, 40))
            elif em < _SPACING_MINIMUM[prop]:
                ctx.fail("10.12.1", el, "locked", prop=prop, value=bounded(value, 40),
                         minimum=_SPACING_MINIMUM[prop])
                bad += 1
    ctx.passed("10.12.1")  # inline styles only: the criteria table keeps 10.12.1 semi


# --- 11.4.2 / 11.4.3: label placement ----------------------------------------------------------

_TICKABLE = frozenset({"checkbox", "radio"})


@check("label-placement")
def label_placement(doc: PageDocument, ctx: CheckContext) -> None:
    """11.4.2: a field's label sits above or left of it; 11.4.3: a checkbox's or radio's
    label sits right of it or below (left-to-right text)."""
    fields = doc.select("//body//*[@data-ra-label-pos]")
    seen = {"11.4.2": False, "11.4.3": False}
    wrong = {"11.4.2": 0, "11.4.3": 0}
    for field in fields:
        if doc.is_hidden(field):
            continue
        tickable = field.tag == "input" and (field.get("type") or "").lower() in _TICKABLE
        test = "11.4.3" if tickable else "11.4.2"
        seen[test] = True
        shown = position = field.get("data-ra-label-pos") or ""
        if _right_to_left(field):  # RGAA mirrors the sides for right-to-left labels
            position = _MIRROR.get(position, position)
        misplaced = position in ("left", "above") if tickable else position in ("right", "below")
        if position == "overlap" or position.endswith("-aside"):
            ctx.verify(test, field, "unclear", position=position)
        elif misplaced and wrong[test] < MAX_FINDINGS:
            ctx.fail(test, field, "misplaced-tick" if tickable else "misplaced-field",
                     position=_POSITION_FR.get(shown, shown))
            wrong[test] += 1
    for test, any_seen in seen.items():
        if any_seen and not wrong[test]:
            ctx.passed(test)


_MIRROR = {"left": "right", "right": "left"}


def _right_to_left(el: HtmlElement) -> bool:
    """Whether the nearest dir attribute (the element's or an ancestor's) says rtl."""
    for node in [el, *el.iterancestors()]:
        value = (node.get("dir") or "").strip().lower()
        if value in ("rtl", "ltr"):
            return value == "rtl"
    return False


_POSITION_FR = {"left": "à gauche", "right": "à droite", "above": "au-dessus",
                "below": "au-dessous"}


# --- 11.8.2 / 11.8.3: option groups ------------------------------------------------------------

@check("option-groups")
def option_groups(doc: PageDocument, ctx: CheckContext) -> None:
    """11.8.2: each <optgroup> has a label attribute; 11.8.3: that label says something."""
    groups = [g for g in doc.css("select optgroup") if not doc.is_hidden(g)]
    if not groups:
        ctx.inapplicable("11.8.2")
        ctx.inapplicable("11.8.3")
        return
    labelled = []
    for group in groups:
        label = group.get("label")
        if label is None:
            ctx.fail("11.8.2", group, "no-label")
        elif not normalise_space(label):
            ctx.fail("11.8.3", group, "empty-label")
        else:
            labelled.append(group)
    if not any(g.get("label") is None for g in groups):
        ctx.passed("11.8.2")
    for group in labelled[:MAX_FINDINGS]:
        ctx.verify("11.8.3", group, "label-relevant", label=bounded(group.get("label"), 80))
    if not labelled and all(g.get("label") is None for g in groups):
        ctx.inapplicable("11.8.3")


# --- 13.5.1 / 13.6.1: ASCII art and emoticons ------------------------------------------------

_EMOTICON = re.compile(r"(?<![\w:/])(?::-?[()DPp]|;-?\)|\^\^|<3|xD|:'\()(?![\w/])")


def _is_ascii_art(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 3:
        return False
    visible = re.sub(r"\s", "", text)
    symbols = sum(1 for c in visible if not c.isalnum())
    return len(visible) >= 20 and symbols / len(visible) >= 0.7


def _has_alternative(doc: PageDocument, el: HtmlElement) -> str:
    for node in [el, *el.iterancestors()]:
        for attribute in ("title", "aria-label"):
            if normalise_space(node.get(attribute)):
                return normalise_space(node.get(attribute))
        if node.get("aria-labelledby"):
            return doc.accessible_name(node)
        if node.tag == "figure":
            caption = node.find("figcaption")
            if caption is not None and doc.text(caption):
                return doc.text(caption)
    return ""


@check("cryptic-content")
def cryptic_content(doc: PageDocument, ctx: CheckContext) -> None:
    """13.5.1: ASCII art comes with a title or a definition; 13.6.1: that alternative is
    relevant. Text emoticons are listed for a human to judge."""
    failed = 0
    for pre in doc.select("//body//pre"):
        if doc.is_hidden(pre) or not _is_ascii_art(pre.text_content()):
            continue
        alternative = _has_alternative(doc, pre)
        if alternative:
            ctx.verify("13.6.1", pre, "art-alternative", text=bounded(alternative, 80))
        else:
            if failed < MAX_FINDINGS:
                ctx.fail("13.5.1", pre, "art-without-alternative")
            failed += 1
    emoticons = 0
    for el in doc.select("//body//*[self::p or self::li or self::td or self::span or "
                         "self::div or self::blockquote]"):
        own = (el.text or "") + " ".join(c.tail or "" for c in el)
        found = _EMOTICON.search(own)
        if found is None or doc.is_hidden(el) or emoticons >= MAX_FINDINGS:
            continue
        emoticons += 1
        if _has_alternative(doc, el):
            ctx.verify("13.6.1", el, "emoticon-alternative", text=found.group(0))
        else:
            ctx.verify("13.5.1", el, "emoticon", text=found.group(0))
    if not failed and not emoticons:
        ctx.passed("13.5.1")  # ASCII art and emoticons only: the table keeps 13.5.1 semi


# --- 11.1.3 / 11.2.2-11.2.4: labels that are not visible, names that say nothing -------------

_NAMED_FIELDS = ("//body//*[self::input[not(@type) or not(contains('hidden submit button reset "
                 "image', translate(@type, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                 "'abcdefghijklmnopqrstuvwxyz')))] or self::select or self::textarea]")
_GENERIC_NAMES = frozenset({
    "champ", "champ de saisie", "saisie", "zone de saisie", "zone de texte", "texte", "text",
    "input", "field", "textbox", "textarea", "select", "liste", "liste déroulante", "valeur",
    "value", "entrée", "formulaire", "form", "label", "étiquette", "title", "titre", "null",
    "undefined", "none",
})
_TECHNICAL_NAME = re.compile(r"^(?:[a-z]+(?:[_.][a-z0-9]+)+|(?:input|field|champ|txt|tb|fld|"
                             r"edit|ctl)[-_ ]?\d+|[a-z]+[A-Z][A-Za-z0-9]*)$")


def meaningless_name(text: str) -> bool:
    """A name that cannot tell a user what to type: a generic word or a technical id."""
    text = normalise_space(text)
    return bool(text) and (text.casefold().strip(" :*") in _GENERIC_NAMES
                           or bool(_TECHNICAL_NAME.match(text)))


def _adjacent_text(doc: PageDocument, field: HtmlElement) -> str:
    """Visible text or a button right next to the field (siblings, then the parent's text)."""
    for sibling in (field.getprevious(), field.getnext()):
        if sibling is not None and isinstance(sibling.tag, str) and not doc.is_hidden(sibling):
            text = doc.text(sibling) or normalise_space(sibling.get("value"))
            if text:
                return text
    parent = field.getparent()
    if parent is not None and parent.tag != "body":
        own = normalise_space((parent.text or "") + " ".join(c.tail or "" for c in parent))
        if own:
            return own
    return ""


@check("field-names")
def field_names(doc: PageDocument, ctx: CheckContext) -> None:
    """11.1.3: a field labelled only by aria-label has a title or visible text beside it;
    11.2.2-11.2.4: a title, aria-label or aria-labelledby text that is a generic word or a
    technical id cannot tell the field's purpose."""
    fields = [f for f in doc.select(_NAMED_FIELDS) if not doc.is_hidden(f)]
    seen = {"11.2.2": False, "11.2.3": False, "11.2.4": False}
    reported = 0
    for field in fields:
        title = normalise_space(field.get("title"))
        aria_label = normalise_space(field.get("aria-label"))
        labelledby = field.get("aria-labelledby")
        sources = [("11.2.2", title, field.get("title") is not None),
                   ("11.2.3", aria_label, field.get("aria-label") is not None)]
        if labelledby:
            texts = [doc.text(t) for ref in labelledby.split()
                     if (t := doc.by_id(ref)) is not None]
            sources.append(("11.2.4", normalise_space(" ".join(texts)), True))
        for test, text, present in sources:
            seen[test] = seen[test] or present
            if text and meaningless_name(text) and reported < MAX_FINDINGS:
                ctx.fail(test, field, "meaningless-name", text=bounded(text, 60))
                reported += 1
        if aria_label and not labelledby and not doc.label_text(field) and not title \
                and not _adjacent_text(doc, field) and reported < MAX_FINDINGS:
            ctx.fail("11.1.3", field, "invisible-label", text=bounded(aria_label, 60))
            reported += 1
    for test, present in seen.items():
        if not present:
            ctx.inapplicable(test)
