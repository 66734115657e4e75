"""Own checks for forms (RGAA theme 11): labels, groups, buttons, required fields, autofill."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.names import labelledby_text
from rgaa_audit.checks.links import comparable, name_contains_visible
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check
from rgaa_audit.model import bounded

MAX_FINDINGS = 20
_FIELD_ROLES = ("textbox", "combobox", "listbox", "checkbox", "radio", "switch", "slider",
                "spinbutton", "searchbox")
_NOT_FIELDS = ("hidden", "submit", "reset", "button", "image")


def is_disabled(el: HtmlElement) -> bool:
    """Disabled by its own attribute or by a disabled fieldset (outside its first legend)."""
    if el.get("disabled") is not None:
        return True
    for ancestor in el.iterancestors("fieldset"):
        if ancestor.get("disabled") is not None:
            legend = next((c for c in ancestor if c.tag == "legend"), None)
            if legend is None or el not in legend.iterdescendants():
                return True
    return False


_GLOBAL_NAMING = ("aria-label", "aria-labelledby", "aria-describedby")


def _role_removed(el: HtmlElement) -> bool:
    """role none/presentation that the browser honours: only on an element that cannot
    take focus (a disabled field) and carries no global ARIA attribute."""
    if (el.get("role") or "").strip().lower() not in ("none", "presentation"):
        return False
    computed = el.get("data-ra-role")
    if computed is not None:
        return computed in ("none", "presentation", "generic", "")
    return is_disabled(el) and not any(el.get(a) for a in _GLOBAL_NAMING)


def form_fields(doc: PageDocument) -> list[HtmlElement]:
    """Every form field the user can fill, shown to assistive technologies."""
    fields = []
    for el in doc.select("//body//*[self::input or self::select or self::textarea or @role]"):
        if el.tag == "input" and (el.get("type") or "text").lower() in _NOT_FIELDS:
            continue
        if el.tag not in ("input", "select", "textarea") and el.get("role") not in _FIELD_ROLES:
            continue
        if not doc.is_hidden(el) and not _role_removed(el):
            fields.append(el)
    return fields


def _label_elements(doc: PageDocument, el: HtmlElement, labels_by_for: dict) -> list:
    # for= names the first element carrying the id: a later field sharing it is not labelled
    found = list(labels_by_for.get(el.get("id"), [])) \
        if el.get("id") and doc.by_id(el.get("id")) is el else []
    found.extend(a for a in el.iterancestors("label") if a not in found)
    return found


def _labels_by_for(doc: PageDocument) -> dict[str, list[HtmlElement]]:
    index: dict[str, list[HtmlElement]] = {}
    for label in doc.root.iter("label"):
        if label.get("for"):
            index.setdefault(label.get("for"), []).append(label)
    return index


@check("field-label")
def field_label(doc: PageDocument, ctx: CheckContext) -> None:
    """11.1.1 and 11.1.2: every field has a label; every label for= points to a field's id."""
    fields = form_fields(doc)
    labels_by_for = _labels_by_for(doc)
    count = 0
    for el in fields:
        labelled = (
            labelledby_text(doc, el)
            or normalise_space(el.get("aria-label"))
            or normalise_space(el.get("title"))
            or any(normalise_space(label.text_content()) or label.xpath(".//img[@alt!='']")
                   for label in _label_elements(doc, el, labels_by_for))
        )
        if not labelled and count < MAX_FINDINGS:
            key = "placeholder-only" if el.get("placeholder") else "no-label"
            ctx.fail("11.1.1", el, key)
            count += 1
    if fields and count == 0:
        ctx.passed("11.1.1")
    elif not doc.select("//body//*[self::input or self::select or self::textarea or @role]"):
        ctx.inapplicable("11.1.1")
    field_ids = {el.get("id") for el in fields if el.get("id")}
    known_ids = {el.get("id") for el in doc.select("//*[@id]")}
    broken = 0
    for target, labels in labels_by_for.items():
        if target not in known_ids:
            for label in labels:
                ctx.fail("11.1.2", label, "for-unknown", target=bounded(target, 80))
                broken += 1
        elif target not in field_ids:
            element = doc.by_id(target)
            if element is not None and element.tag in ("div", "span", "p", "fieldset"):
                ctx.fail("11.1.2", labels[0], "for-not-field", target=bounded(target, 80))
                broken += 1
    if labels_by_for and broken == 0:
        ctx.passed("11.1.2")
    elif not labels_by_for:
        ctx.inapplicable("11.1.2")


def _contains(name: str, visible: str) -> bool:
    """The name holds the visible text word for word (not inside a longer word). A visible
    text that is a symbol (one character once punctuation is dropped: "B", ">") need not
    appear: the name says its function (RGAA particular case of 11.2.5, also for 11.9.2)."""
    if len(comparable(visible).replace(" ", "")) <= 1:
        return True
    return name_contains_visible(name, visible)


@check("label-in-name")
def label_in_name(doc: PageDocument, ctx: CheckContext) -> None:
    """11.2.5: when a field has a visible label, its aria-label or aria-labelledby contains it."""
    fields = form_fields(doc)
    if not fields:
        ctx.inapplicable("11.2.5")
        return
    labels_by_for = _labels_by_for(doc)
    for el in fields:
        visible = normalise_space(" ".join(
            label.text_content() for label in _label_elements(doc, el, labels_by_for)
            if not doc.is_hidden(label)))
        if not visible:
            continue
        for source, name in (("aria-labelledby", labelledby_text(doc, el)),
                             ("aria-label", normalise_space(el.get("aria-label")))):
            if name:
                if not _contains(name, visible):
                    ctx.fail("11.2.5", el, "mismatch", source=source, name=bounded(name, 80),
                             visible=bounded(visible, 80))
                break
    ctx.passed("11.2.5")


def _group_name(doc: PageDocument, group: HtmlElement) -> str:
    if group.tag == "fieldset":
        legend = group.find("legend")
        if legend is not None and normalise_space(legend.text_content()):
            return normalise_space(legend.text_content())
    return labelledby_text(doc, group) or normalise_space(group.get("aria-label"))


def _grouping(el: HtmlElement) -> HtmlElement | None:
    for ancestor in el.iterancestors():
        if ancestor.tag == "fieldset" or ancestor.get("role") in ("group", "radiogroup"):
            return ancestor
        if ancestor.tag == "form":
            return None
    return None


@check("field-groups")
def field_groups(doc: PageDocument, ctx: CheckContext) -> None:
    """11.5.1, 11.6.1, 11.7.1: radio/checkbox sets are grouped, groups have a legend."""
    fields = form_fields(doc)
    if not fields:
        for test in ("11.5.1", "11.6.1", "11.7.1"):
            ctx.inapplicable(test)
        return
    # keyed by the form element itself: lxml proxies die, and an id() can then be reused
    sets: dict[tuple[HtmlElement | None, str], list[HtmlElement]] = {}
    for el in fields:
        kind = (el.get("type") or "").lower()
        if el.tag == "input" and kind in ("radio", "checkbox") and el.get("name"):
            form = next(el.iterancestors("form"), None)
            sets.setdefault((form, el.get("name")), []).append(el)
    for members in sets.values():
        if len(members) < 2:
            continue
        if all(_grouping(m) is None for m in members):
            described = all(m.get("title") or m.get("aria-label") or m.get("aria-labelledby")
                            or m.get("aria-describedby") for m in members)
            if not described:
                ctx.fail("11.5.1", members[0], "ungrouped", name=bounded(members[0].get("name"),
                                                                          60))
    groups = doc.select("//body//fieldset | //body//*[@role='group' or @role='radiogroup']")
    for group in groups:
        if doc.is_hidden(group) or not group.xpath(".//input | .//select | .//textarea"):
            continue
        name = _group_name(doc, group)
        if not name:
            ctx.fail("11.6.1", group, "no-legend")
        else:
            ctx.verify("11.7.1", group, "legend-relevant", legend=bounded(name, 80))
    ctx.passed("11.5.1")
    ctx.passed("11.6.1")
    if not groups:
        ctx.inapplicable("11.7.1")


_BUTTONS = ("button, input[type=submit], input[type=reset], input[type=button], "
            "input[type=image], [role=button]")


def _exposed_as_button(el: HtmlElement) -> bool:
    """Not turned into something else by its role (role=link), nor made presentational."""
    role = (el.get("role") or "").strip().lower()
    if role in ("none", "presentation"):
        return not _role_removed(el)
    return role in ("", "button")


def _in_form(doc: PageDocument, el: HtmlElement) -> bool:
    """Inside a <form> or role=form, or tied to a form by its form attribute."""
    owner = el.get("form")
    if owner and doc.by_id(owner) is not None and doc.by_id(owner).tag == "form":
        return True
    return any(a.tag == "form" or (a.get("role") or "").strip().lower() == "form"
               for a in el.iterancestors())


@check("form-buttons")
def form_buttons(doc: PageDocument, ctx: CheckContext) -> None:
    """11.9.1 and 11.9.2: form buttons have a name, and it contains their visible text.

    RGAA 11.9 covers the buttons of a form (<form> or role=form). A button outside any form
    may still belong to a form-like group that only a human can recognise: its problems are
    listed to verify, and the tests are never declared NA while such a button is shown."""
    buttons = [b for b in doc.css(_BUTTONS) if not doc.is_hidden(b) and _exposed_as_button(b)]
    has_form = bool(doc.select("//body//form | //body//*[@role='form']"))
    if not has_form and not buttons:
        ctx.inapplicable("11.9.1")
        ctx.inapplicable("11.9.2")
        return
    for button in buttons:
        in_form = _in_form(doc, button)
        suffix = "" if in_form else "-outside"
        name = doc.accessible_name(button)
        if button.tag == "input" and (button.get("type") or "").lower() in ("submit", "reset"):
            name = name or "default"  # the browser gives these a default name
        if not name:
            (ctx.fail if in_form else ctx.verify)("11.9.1", button, "no-name" + suffix)
            continue
        visible = normalise_space(button.get("value")) if button.tag == "input" else \
            normalise_space(button.text_content())
        if visible and (button.get("aria-label") or button.get("aria-labelledby")) and \
                not _contains(name, visible):
            (ctx.fail if in_form else ctx.verify)(
                "11.9.2", button, "mismatch" + suffix, name=bounded(name, 80),
                visible=bounded(visible, 80))
    if has_form:
        ctx.passed("11.9.1")
        ctx.passed("11.9.2")


_REQUIRED_MARK = re.compile(r"\*|obligatoire|requis|required|mandatory", re.IGNORECASE)


def _is_required(el: HtmlElement) -> bool:
    return el.get("required") is not None or el.get("aria-required") == "true"


_OPTIONAL_MARK = re.compile(r"\b(facultati(f|ve)s?|optionnel(le)?s?|optional)\b", re.IGNORECASE)


def _forms_exempt(doc: PageDocument, fields: list[HtmlElement],
                  labels_by_for: dict[str, list[HtmlElement]]) -> set[HtmlElement | None]:
    """The forms (None: fields outside any form) 11.10.1 and 11.10.2 do not apply to: a form
    of a single field, or one that marks its optional fields in their label or legend."""
    by_form: dict[HtmlElement | None, list[HtmlElement]] = {}
    for el in fields:
        by_form.setdefault(next(el.iterancestors("form"), None), []).append(el)
    exempt = set()
    for form, members in by_form.items():
        texts = [lab.text_content() for el in members
                 for lab in _label_elements(doc, el, labels_by_for)]
        texts += [legend.text_content() for el in members
                  for fieldset in el.iterancestors("fieldset")
                  for legend in fieldset.iterchildren("legend")]
        if len(members) == 1 or any(_OPTIONAL_MARK.search(t) for t in texts):
            exempt.add(form)
    return exempt


@check("required-fields")
def required_fields(doc: PageDocument, ctx: CheckContext) -> None:
    """11.10.1 and 11.10.2: required fields are flagged in their label and in the code."""
    fields = form_fields(doc)
    if not fields:
        ctx.inapplicable("11.10.1")
        ctx.inapplicable("11.10.2")
        return
    labels_by_for = _labels_by_for(doc)
    exempt = _forms_exempt(doc, fields, labels_by_for)
    required_seen = False
    for el in fields:
        label = normalise_space(" ".join(
            [lab.text_content() for lab in _label_elements(doc, el, labels_by_for)]
            + [labelledby_text(doc, el), el.get("aria-label") or "", el.get("title") or ""]))
        described = normalise_space(" ".join(
            doc.by_id(ref).text_content() for ref in (el.get("aria-describedby") or "").split()
            if doc.by_id(ref) is not None))
        marked = bool(_REQUIRED_MARK.search(label) or _REQUIRED_MARK.search(described))
        required = _is_required(el) and (el.get("type") or "").lower() != "search" and not any(
            a.get("role") == "search" or a.tag == "search" for a in el.iterancestors())
        if required and next(el.iterancestors("form"), None) in exempt:
            continue
        if required:
            required_seen = True
            if not marked:
                ctx.fail("11.10.2", el, "no-visible-mark")
        elif marked and "*" in label:
            ctx.verify("11.10.1", el, "star-without-attribute")
    if not required_seen:
        ctx.inapplicable("11.10.2")
    else:
        ctx.passed("11.10.2")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Autofill field names of HTML (input purposes of WCAG 2.1 section 7).
_PURPOSES = _word_set("""
name honorific-prefix given-name additional-name family-name honorific-suffix nickname
organization-title username new-password current-password organization street-address
address-line1 address-line2 address-line3 address-level4 address-level3 address-level2
address-level1 country country-name postal-code cc-name cc-given-name cc-additional-name
cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type transaction-currency
transaction-amount language bday bday-day bday-month bday-year sex url photo tel
tel-country-code tel-national tel-area-code tel-local tel-local-prefix tel-local-suffix
tel-extension email impp one-time-code
""")
_CONTACT_PURPOSES = frozenset({"tel", "tel-country-code", "tel-national", "tel-area-code",
                               "tel-local", "tel-local-prefix", "tel-local-suffix",
                               "tel-extension", "email", "impp"})

# What a field asks for, recognised from its type, name, id or label (first match wins).
_PERSONAL_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (purpose, re.compile(pattern, re.IGNORECASE)) for purpose, pattern in (
        ("email", r"\b(e-?mail|courriel|adresse[- ]?(électronique|mail))\b"),
        ("tel", r"\b(t[ée]l[ée]phone|phone|mobile|portable|t[ée]l\b)"),
        ("given-name", r"\b(pr[ée]nom|first[-_ ]?name|given[-_ ]?name|firstname)\b"),
        ("family-name", r"^\s*(votre\s+)?nom(\s+de\s+(famille|naissance|usage))?\s*[*:]?\s*"
                        r"(\(obligatoire\))?\s*$|\b(last[-_ ]?name|family[-_ ]?name|"
                        r"lastname|surname|nom[-_]?famille)\b"),
        ("postal-code", r"\b(code[-_ ]?postal|postal[-_ ]?code|zip[-_ ]?code|cp|codepostal)\b"),
        ("address-level2", r"^\s*(votre\s+)?(ville|commune|city)\s*[*:]?\s*$"),
        ("street-address", r"^\s*(votre\s+)?adresse(\s+postale)?\s*[*:]?\s*$|"
                           r"\b(street|address[-_ ]?line|adresse[-_]?postale)\b"),
        ("bday", r"\b(date[-_ ]?de[-_ ]?naissance|birth[-_ ]?date|birthday|bday|"
                 r"date[-_ ]?naissance)\b"),
        ("organization", r"^\s*(soci[ée]t[ée]|entreprise|organisme|organisation|company)"
                         r"\s*[*:]?\s*$"),
        ("username", r"\b(identifiant|username|login|user[-_ ]?name)\b"),
        ("current-password", r"\b(mot[-_ ]?de[-_ ]?passe|password|passwd)\b"),
    ))
# Labels saying the field is about another person than the user (RGAA 11.13 is about the
# user's own data): a partner, a child, a contact to warn, a recipient...
_SOMEONE_ELSE = re.compile(
    r"\b(friend|partner|spouse|child|children|kid|son|daughter|parent|mother|father|"
    r"guardian|colleague|recipient|beneficiary|emergency|someone|other person|another|"
    r"ami|amie|amis|conjoint|conjointe|époux|épouse|partenaire|enfant|enfants|fils|fille|"
    r"père|mère|tuteur|tutrice|collègue|destinataire|tiers|tierce|autre personne|"
    r"personne à (prévenir|contacter)|contact d'urgence|mandataire|représentant|"
    r"représentante)\b", re.IGNORECASE)
_SKIP_TYPES = ("checkbox", "radio", "file", "range", "color", "search", "submit", "hidden")


def personal_purpose(doc: PageDocument, el: HtmlElement, label: str) -> str | None:
    """The autofill purpose a field seems to ask for, or None for other fields."""
    kind = (el.get("type") or "text").lower()
    if el.tag not in ("input", "select", "textarea") or kind in _SKIP_TYPES:
        return None
    if el.get("role") == "searchbox" or next(el.iterancestors("search"), None) is not None:
        return None
    if any(a.get("role") == "search" for a in el.iterancestors()):
        return None
    if kind == "email":
        return "email"
    if kind == "tel":
        return "tel"
    if kind == "password":
        return "current-password"
    for value in (label, el.get("name") or "", el.get("id") or ""):
        for purpose, pattern in _PERSONAL_HINTS:
            if pattern.search(value.replace("_", " ")):
                return purpose
    return None


def autocomplete_purpose(value: str) -> str | None:
    """The field name of a valid autofill detail token list, or None when it is not valid."""
    tokens = value.lower().split()
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if tokens and tokens[0].startswith("section-"):
        tokens = tokens[1:]
    if tokens and tokens[0] in ("shipping", "billing"):
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[0] in ("home", "work", "mobile", "fax", "pager"):
        return tokens[1] if tokens[1] in _CONTACT_PURPOSES else None
    if len(tokens) == 1 and tokens[0] in _PURPOSES:
        return tokens[0]
    return None


def _compatible(expected: str, declared: str) -> bool:
    families = (expected.split("-")[0], declared.split("-")[0])
    return expected == declared or families[0] == families[1] or {expected, declared} <= {
        "name", "given-name", "family-name", "additional-name", "username", "nickname",
        "email"} or {expected, declared} <= {"street-address", "address-line1",
                                              "address-line2", "address-line3"} or (
        expected.endswith("password") and declared.endswith("password"))


@check("autocomplete")
def autocomplete(doc: PageDocument, ctx: CheckContext) -> None:
    """11.13.1: fields about the user carry a valid, fitting autocomplete token."""
    fields = form_fields(doc)
    if not fields:
        ctx.inapplicable("11.13.1")
        return
    labels_by_for = _labels_by_for(doc)
    personal = 0
    for el in fields:
        if is_disabled(el) or (el.get("aria-disabled") or "").strip().lower() == "true":
            continue  # nothing the user can fill in, nothing to autofill
        value = normalise_space(el.get("autocomplete"))
        declared = autocomplete_purpose(value) if value else None
        if value and value.lower() not in ("on", "off") and declared is None:
            ctx.fail("11.13.1", el, "invalid", value=bounded(value, 60))
            continue
        label = normalise_space(" ".join(
            lab.text_content() for lab in _label_elements(doc, el, labels_by_for))) or \
            normalise_space(el.get("aria-label") or el.get("title") or el.get("placeholder"))
        expected = personal_purpose(doc, el, label)
        if expected is None or _SOMEONE_ELSE.search(label):
            continue
        personal += 1
        if declared is None:
            ctx.fail("11.13.1", el, "missing", purpose=expected, value=bounded(value, 60))
        elif not _compatible(expected, declared):
            ctx.verify("11.13.1", el, "mismatch", purpose=expected, value=bounded(value, 60))
    if personal:
        ctx.passed("11.13.1")
