"""Own checks for images (RGAA theme 1): alternatives, decorative images, captions.

Every kind of image the RGAA names is found once per page (`find_images`) and sorted by
kind: `img` (<img> and role="img"), `area`, `input` (type="image"), `svg`, `object`,
`embed` (type="image/…") and `canvas`. Each RGAA test speaks of one kind, so the checks
map kinds to test ids with small tables, given in data (`tables` in criteria/checks/images.toml,
like their caps, `limits`).

Whether an image is informative or decorative is a human judgement; the checks only fail
where every reading of the markup leads to a non-conformity (for instance an <img> with no
alt attribute at all is neither a proper decorative image nor an informative one with an
alternative), and otherwise list the element for a human to verify.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from lxml.html import HtmlElement

from rgaa_audit.checks.commons.names import labelledby_text, role_of
from rgaa_audit.checks.commons.visibility import aria_hidden, out_of_scope
from rgaa_audit.checks.page import PageDocument, normalise_space
from rgaa_audit.checks.registry import CheckContext, check

KINDS = ("img", "area", "input", "svg", "object", "embed", "canvas")

_PRESENTATIONAL = {"presentation", "none"}
_SVG_DRAWABLE = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
                 "image", "use", "foreignobject"}
_SVG_NON_RENDERED = {"defs", "symbol", "clippath", "mask", "pattern", "lineargradient",
                     "radialgradient", "filter", "marker"}
_IMAGE_FILE = re.compile(r"^[\w\-. ()%]+\.(jpe?g|png|gif|svg|webp|avif|bmp|tiff?|ico)$", re.I)
_URL_LIKE = re.compile(r"^(https?://|www\.)\S+$", re.I)
# Alternatives that name the medium, not the content: never a relevant alternative.
PLACEHOLDER_WORDS = frozenset({
    "image", "img", "images", "photo", "photos", "picture", "pic", "icon", "icone", "icône",
    "logo", "graphic", "graphique", "spacer", "alt", "null", "undefined", "none", "untitled",
    "sans titre", "texte alternatif", "alternative", "alt text", "banner", "bannière",
    "bandeau", "illustration", "visuel", "vignette", "thumbnail", "placeholder", "dsc", "photo 1",
    "image 1",
})
_CAPTCHA = re.compile(r"captcha", re.I)
_TEXT_IMAGE_HINT = re.compile(r"(banner|banniere|bandeau|slogan|titre|title|texte|text|"
                              r"bouton|button|btn|headline|accroche)", re.I)


@dataclass(frozen=True)
class Image:
    """One image of the page, its kind and what the markup says about it."""

    element: HtmlElement
    kind: str
    alternative: str  # the text alternative the markup gives (empty when none)
    decorative: bool  # the markup marks it as decorative (alt="", aria-hidden, role=none)
    in_control: bool  # inside a link or a button (its alternative is then the control's name)


# --- finding images -----------------------------------------------------------------------

def text_attributes(doc: PageDocument, el: HtmlElement) -> str:
    """Text given by aria-labelledby, aria-label or title (what a decorative image must lack)."""
    return (labelledby_text(doc, el) or normalise_space(el.get("aria-label"))
            or normalise_space(el.get("title")))


def svg_title(el: HtmlElement) -> str:
    for child in el:
        if isinstance(child.tag, str) and child.tag.lower() == "title":
            return normalise_space(child.text_content())
    return ""


def _svg_draws(el: HtmlElement) -> bool:
    """True when the svg holds something drawn (not only a sprite of symbols or defs)."""
    for node in el.iterdescendants():
        if not isinstance(node.tag, str) or node.tag.lower() not in _SVG_DRAWABLE:
            continue
        if not any(isinstance(a.tag, str) and a.tag.lower() in _SVG_NON_RENDERED
                   for a in node.iterancestors()):
            return True
    return False


def _fallback_text(doc: PageDocument, el: HtmlElement) -> str:
    return doc.text(el)


def _alternative(doc: PageDocument, el: HtmlElement, kind: str) -> str:
    """The alternative the markup (or Chromium, when captured) gives to an image."""
    # Chromium names an unlabelled <input type=image> "Submit" itself: only markup counts there.
    if kind in ("img", "area") and el.get("data-ra-name") is not None and el.tag != "svg":
        return normalise_space(el.get("data-ra-name"))
    labelled = labelledby_text(doc, el) if el.get("aria-labelledby") else ""
    if labelled:
        return labelled
    label = normalise_space(el.get("aria-label"))
    if label:
        return label
    if kind == "svg":
        return svg_title(el)
    if kind == "area":
        return normalise_space(el.get("alt"))
    if el.tag in ("img", "input"):
        alt = normalise_space(el.get("alt"))
        if alt:
            return alt
    return normalise_space(el.get("title"))


def _is_decorative(el: HtmlElement, kind: str) -> bool:
    if aria_hidden(el) or role_of(el) in _PRESENTATIONAL:
        return True
    if kind in ("img", "area") and el.tag in ("img", "area"):
        alt = el.get("alt")
        return alt is not None and not alt.strip()
    return False


def _in_control(el: HtmlElement) -> bool:
    for node in el.iterancestors():
        if node.tag == "a" and node.get("href") is not None:
            return True
        if node.tag == "button" or role_of(node) in ("link", "button"):
            return True
    return False


def _kind(el: HtmlElement) -> str | None:
    tag = el.tag
    if tag == "svg":
        return "svg" if not any(a.tag == "svg" for a in el.iterancestors()) else None
    if tag == "canvas":
        return "canvas"
    if tag == "object":
        return "object" if (el.get("type") or "").lower().startswith("image/") else None
    if tag == "embed":
        return "embed" if (el.get("type") or "").lower().startswith("image/") else None
    if tag == "input":
        return "input" if (el.get("type") or "").lower() == "image" else None
    if tag == "img" or role_of(el) == "img":
        return "img"
    return None


def _mapped_areas(doc: PageDocument, images: list[HtmlElement]) -> list[HtmlElement]:
    """The <area> elements of the maps that a rendered image uses."""
    names = {(img.get("usemap") or "").lstrip("#") for img in images if img.get("usemap")}
    areas = []
    for map_el in doc.root.iter("map"):
        if (map_el.get("name") in names or map_el.get("id") in names) and names:
            areas.extend(a for a in map_el.iter("area") if not _area_hidden(a))
    return areas


def _area_hidden(area: HtmlElement) -> bool:
    return any(isinstance(n.tag, str) and (n.get("hidden") is not None
                                           or (n.tag != "area" and aria_hidden(n)))
               for n in area.iterancestors())


def find_images(doc: PageDocument) -> dict[str, list[Image]]:
    """Every image of the page in scope, grouped by kind (computed once per page)."""
    return doc.memo("images", lambda: _find_images(doc))


def _find_images(doc: PageDocument) -> dict[str, list[Image]]:
    found: dict[str, list[Image]] = {kind: [] for kind in KINDS}
    imgs: list[HtmlElement] = []
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        kind = _kind(el)
        if kind is None or out_of_scope(el):
            continue
        if kind == "svg" and role_of(el) != "img" and not _svg_draws(el):
            continue
        if kind == "svg" and role_of(el) not in ("", "img", *_PRESENTATIONAL):
            continue  # an svg given a widget role is a control, not an image
        if el.tag == "img":
            imgs.append(el)
        found[kind].append(Image(el, kind, _alternative(doc, el, kind),
                                 _is_decorative(el, kind), _in_control(el)))
    for area in _mapped_areas(doc, imgs):
        found["area"].append(Image(area, "area", _alternative(doc, area, "area"),
                                   _is_decorative(area, "area"), area.get("href") is not None))
    return found


def _limited(items: Iterable[Image], ctx: CheckContext) -> list[Image]:
    """The first items, up to the check's `max-to-verify` (keeps reports readable)."""
    return list(items)[:ctx.limit("max-to-verify")]


def _close_to(text: str, limit: int = 80) -> str:
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- 1.1: informative images have an alternative --------------------------------------------

@check("image-has-alternative")
def image_has_alternative(doc: PageDocument, ctx: CheckContext) -> None:
    """1.1.x: each image either has a text alternative or is marked decorative."""
    images = find_images(doc)
    for kind, test in ctx.table("alternative").items():
        items = images[kind]
        if not items:
            ctx.inapplicable(test)
            continue
        settled = True
        to_confirm = []
        for image in items:
            outcome = _alternative_outcome(doc, image)
            if outcome is None:
                continue
            settled = False
            verdict, key = outcome
            if verdict == "fail":
                ctx.fail(test, image.element, key)
            elif verdict == "confirm":
                to_confirm.append(image)
            else:
                ctx.verify(test, image.element, key)
        for image in _limited(to_confirm, ctx):
            ctx.verify(test, image.element, "confirm-decorative")
        if settled:
            ctx.passed(test)
    server_image_map(doc, ctx)


def _alternative_outcome(doc: PageDocument, image: Image) -> tuple[str, str] | None:
    """None when the image has its alternative; else (fail|verify|confirm, message key)."""
    el, kind = image.element, image.kind
    if kind == "img":
        if image.alternative:
            if el.tag != "img" and not (el.get("aria-label") or el.get("aria-labelledby")):
                return "verify", "role-img-title-only"
            return None
        if image.decorative:
            return "confirm", "confirm-decorative"
        if el.tag == "img":
            return "fail", "img-no-alt"
        return "fail", "role-img-no-name"
    if kind == "area":
        if image.alternative:
            return None
        if el.get("href") is not None:
            return "fail", "area-link-no-alt"
        if image.decorative:
            return "confirm", "confirm-decorative"
        return "fail", "area-no-alt"
    if kind == "input":
        return None if image.alternative else ("fail", "input-image-no-alt")
    if kind == "svg":
        return _svg_outcome(image)
    if kind == "canvas":
        if aria_hidden(el):
            return "confirm", "confirm-decorative"
        if role_of(el) == "img":
            has_name = el.get("aria-label", "").strip() or (
                el.get("aria-labelledby") and labelledby_text(doc, el))
            return None if has_name else ("fail", "canvas-role-img-no-name")
        if _fallback_text(doc, el):
            return None
        return "verify", "canvas-no-alternative"
    # object and embed: role="img" with a name, else maybe an adjacent link: a human looks.
    if aria_hidden(el):
        return "confirm", "confirm-decorative"
    if role_of(el) == "img" and image.alternative:
        return None
    return "verify", "object-no-alternative"


def _svg_outcome(image: Image) -> tuple[str, str] | None:
    el = image.element
    if aria_hidden(el):
        return "confirm", "confirm-decorative"
    if role_of(el) == "img":
        return None if image.alternative else ("fail", "svg-role-img-no-name")
    if image.alternative:
        if image.in_control:
            return "verify", "svg-in-control-no-role"
        return "fail", "svg-name-without-role"
    # Neither role="img" nor aria-hidden="true": the decorative case is judged by 1.2.4.
    return "confirm", "confirm-decorative"


# --- 1.1.4: server-side image maps (reported by image-has-alternative) ---------------------

def server_image_map(doc: PageDocument, ctx: CheckContext) -> None:
    """1.1.4: a server-side image map needs another way to reach the same places."""
    maps = [img.element for img in find_images(doc)["img"]
            if img.element.tag == "img" and img.element.get("ismap") is not None]
    if not maps:
        ctx.inapplicable("1.1.4")
        return
    for el in maps:
        in_link = any(a.tag == "a" and a.get("href") is not None for a in el.iterancestors())
        if in_link:
            ctx.verify("1.1.4", el, "server-map")


# --- 1.2: decorative images are ignored -----------------------------------------------------

@check("decorative-image-silent")
def decorative_image_silent(doc: PageDocument, ctx: CheckContext) -> None:
    """1.2.x: an image marked decorative exposes no text to assistive technologies."""
    images = find_images(doc)
    for kind, test in ctx.table("decorative").items():
        items = [i for i in images[kind]
                 if not (kind == "area" and i.element.get("href") is not None)
                 and not (kind == "img" and i.element.tag != "img")
                 and not _has_caption(i.element)]
        if not items:
            ctx.inapplicable(test)
            continue
        clean = True
        for image in items:
            verdict = _decorative_outcome(doc, image)
            if verdict is None:
                if not (image.decorative or (kind == "svg" and aria_hidden(image.element))):
                    clean = False  # informative, or decorative in a way a human must judge
                continue
            clean = False
            kind_of_verdict, key = verdict
            (ctx.fail if kind_of_verdict == "fail" else ctx.verify)(
                test, image.element, key, text=_close_to(text_attributes(doc, image.element)
                                                         or doc.text(image.element)))
        if clean:
            ctx.passed(test)


def _decorative_outcome(doc: PageDocument, image: Image) -> tuple[str, str] | None:
    el, kind = image.element, image.kind
    if kind == "svg":
        return _decorative_svg_outcome(doc, image)
    if kind in ("object", "embed", "canvas"):
        if not aria_hidden(el):
            return None
        if text_attributes(doc, el) or (kind != "embed" and doc.text(el)):
            return "fail", "hidden-with-text"
        return None
    if not image.decorative:
        return None
    text = text_attributes(doc, el)
    if not text:
        return None
    if aria_hidden(el):
        return "fail", "hidden-with-text"
    return "verify", "decorative-with-text"


def _decorative_svg_outcome(doc: PageDocument, image: Image) -> tuple[str, str] | None:
    el = image.element
    if aria_hidden(el):
        if _svg_texts(doc, el):
            return "fail", "hidden-svg-with-text"
        return None
    if role_of(el) == "img" or image.alternative:
        return None  # informative: judged by 1.1.5
    # No name and not hidden. role="none" already keeps it out of the accessibility tree,
    # though the RGAA asks for aria-hidden: a human confirms. Without any role it is exposed.
    if role_of(el) in _PRESENTATIONAL:
        return "verify", "svg-presentation-not-hidden"
    if _svg_inner_content(el):
        return "verify", "svg-inner-content"
    return "fail", "svg-not-hidden"


def _svg_inner_content(el: HtmlElement) -> bool:
    """True when parts of the svg speak for themselves: links, text, named or roled shapes."""
    for node in el.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        if node.tag.lower() in ("a", "text", "foreignobject") or node.get("role") \
                or node.get("aria-label") or node.get("aria-labelledby") \
                or node.get("tabindex") is not None:
            return True
    return False


def _svg_texts(doc: PageDocument, el: HtmlElement) -> str:
    """Any text an svg still carries: title/desc, title attributes, ARIA names."""
    if text_attributes(doc, el):
        return text_attributes(doc, el)
    for node in el.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        if node.tag.lower() in ("title", "desc") and normalise_space(node.text_content()):
            return normalise_space(node.text_content())
        if normalise_space(node.get("title")) or normalise_space(node.get("aria-label")):
            return normalise_space(node.get("title") or node.get("aria-label"))
    return ""


def _has_caption(el: HtmlElement) -> bool:
    figure = _figure_of(el)
    return figure is not None and _figcaption(figure) is not None


# --- 1.3: alternatives are relevant and short -----------------------------------------------

def placeholder_alternative(text: str) -> bool:
    """True when the text names the medium ('image', 'logo'…) rather than the content."""
    words = normalise_space(re.sub(r"[^\w\s]", " ", text.casefold()))
    return words in PLACEHOLDER_WORDS or bool(re.fullmatch(r"(img|dsc|image|photo)[\s_-]?\d+",
                                                            words))


def file_name_alternative(text: str, src: str = "") -> bool:
    """True when the text is a file name (or the image's own file name)."""
    text = text.strip()
    if _IMAGE_FILE.match(text):
        return True
    base = urlparse(src).path.rsplit("/", 1)[-1] if src else ""
    return bool(base) and text.casefold() == base.casefold()


def is_captcha(el: HtmlElement) -> bool:
    for node in [el, *list(el.iterancestors())[:3]]:
        values = " ".join(node.get(a) or "" for a in ("src", "alt", "id", "class", "name",
                                                      "title", "aria-label"))
        if _CAPTCHA.search(values):
            return True
    return False


def _only_content_of_control(doc: PageDocument, image: Image) -> bool:
    if not image.in_control:
        return False
    for node in image.element.iterancestors():
        if (node.tag == "a" and node.get("href") is not None) or node.tag == "button" \
                or role_of(node) in ("link", "button"):
            others = normalise_space(doc.text(node).replace(image.alternative, "", 1))
            return not others
    return False


@check("image-alternative-relevant")
def image_alternative_relevant(doc: PageDocument, ctx: CheckContext) -> None:
    """1.3.x: alternatives that cannot be relevant fail; suspicious ones go to a human.

    The same check lists the images whose alternative calls for a particular judgement:
    captchas (1.4.x, 1.5.x) and images that seem to show text (1.8.x).
    """
    _relevance(doc, ctx)
    captcha_image(doc, ctx)
    image_of_text(doc, ctx)


def _relevance(doc: PageDocument, ctx: CheckContext) -> None:
    images = find_images(doc)
    all_named: list[Image] = []
    for kind, test in ctx.table("relevance").items():
        named = [i for i in images[kind] if i.alternative and not i.decorative
                 and not is_captcha(i.element)]
        all_named.extend(named)
        if not named:
            ctx.inapplicable(test)
            continue
        for image in named:
            if _only_content_of_control(doc, image) and kind != "input":
                continue  # the alternative is the link's or button's name: themes 6 and 11
            text = image.alternative
            values = {"text": _close_to(text)}
            if file_name_alternative(text, image.element.get("src") or ""):
                ctx.fail(test, image.element, "file-name", **values)
            elif placeholder_alternative(text):
                ctx.fail(test, image.element, "placeholder", **values)
            elif _URL_LIKE.match(text):
                ctx.verify(test, image.element, "url", **values)
    if not images["canvas"]:
        ctx.inapplicable("1.3.8")
    if not all_named:
        ctx.inapplicable("1.3.9")
        return
    long_ones = [i for i in all_named if len(i.alternative) > ctx.limit("alt-max-length")]
    for image in _limited(long_ones, ctx):
        ctx.verify("1.3.9", image.element, "too-long", length=len(image.alternative))
    if not long_ones:
        ctx.passed("1.3.9")


# --- 1.4, 1.5: captchas (reported by image-alternative-relevant) --------------------------

def captcha_image(doc: PageDocument, ctx: CheckContext) -> None:
    """1.4.x and 1.5.x: images that look like a captcha are listed for a human."""
    images = find_images(doc)
    for kind, test in ctx.table("captcha").items():
        if not images[kind]:
            ctx.inapplicable(test)
            continue
        for image in _limited((i for i in images[kind] if is_captcha(i.element)), ctx):
            if image.alternative:
                ctx.verify(test, image.element, "captcha-alternative",
                           text=_close_to(image.alternative))
    others = [i for kind in KINDS if kind != "input" for i in images[kind]]
    if not others:
        ctx.inapplicable("1.5.1")
    for image in _limited((i for i in others if is_captcha(i.element)), ctx):
        ctx.verify("1.5.1", image.element, "captcha-other-way")
    if not images["input"]:
        ctx.inapplicable("1.5.2")
    for image in _limited((i for i in images["input"] if is_captcha(i.element)), ctx):
        ctx.verify("1.5.2", image.element, "captcha-other-way")


# --- 1.6, 1.7: detailed descriptions --------------------------------------------------------

@check("image-long-description")
def image_long_description(doc: PageDocument, ctx: CheckContext) -> None:
    """1.6.x, 1.7.x: detailed descriptions exist where referenced and resolve."""
    images = find_images(doc)
    for kind, (need_test, relevant_test) in ctx.table("description").items():
        if not images[kind]:
            ctx.inapplicable(need_test)
            ctx.inapplicable(relevant_test)
            continue
        for image in _limited((i for i in images[kind] if i.element.get("longdesc")), ctx):
            ctx.verify(relevant_test, image.element, "longdesc",
                       url=_close_to(image.element.get("longdesc") or ""))
    if not images["svg"]:
        ctx.inapplicable("1.6.6")
    if not images["canvas"]:
        ctx.inapplicable("1.6.8")
    if not images["img"] or all(i.element.get("role", "").lower() != "img"
                                for i in images["img"]):
        ctx.inapplicable("1.6.10")
    described = [i for kind in KINDS for i in images[kind]
                 if normalise_space(i.element.get("aria-describedby"))]
    if not described:
        ctx.inapplicable("1.6.9")
    for image in described:
        refs = (image.element.get("aria-describedby") or "").split()
        missing = [r for r in refs if doc.by_id(r) is None]
        if missing:
            ctx.fail("1.6.9", image.element, "describedby-broken",
                     ids=_close_to(" ".join(missing)))
        else:
            ctx.verify("1.6.9", image.element, "describedby-check")


# --- 1.8: images of text (reported by image-alternative-relevant) --------------------------

def image_of_text(doc: PageDocument, ctx: CheckContext) -> None:
    """1.8.x: images whose file name or alternative suggests text are listed for a human."""
    images = find_images(doc)
    for kind, test in ctx.table("text-image").items():
        if not images[kind]:
            ctx.inapplicable(test)
            continue
        if kind == "svg":
            continue  # svg text is real text; only embedded bitmaps would matter
        suspects = [i for i in images[kind] if not i.decorative and not is_captcha(i.element)
                    and (kind == "input" or _suggests_text(i))]
        for image in _limited(suspects, ctx):
            ctx.verify(test, image.element, "image-of-text",
                       text=_close_to(image.alternative or image.element.get("src") or ""))


def _suggests_text(image: Image) -> bool:
    el = image.element
    source = " ".join(el.get(a) or "" for a in ("src", "data", "class", "id"))
    return bool(_TEXT_IMAGE_HINT.search(source)) or len(image.alternative.split()) >= 6


# --- 1.9: captions are linked to their image -------------------------------------------------

def _figure_of(el: HtmlElement) -> HtmlElement | None:
    for node in el.iterancestors():
        if node.tag == "figure":
            return node
    return None


def _figcaption(figure: HtmlElement) -> HtmlElement | None:
    for child in figure:
        if child.tag == "figcaption":
            return child
    return None


@check("figure-caption-linked")
def figure_caption_linked(doc: PageDocument, ctx: CheckContext) -> None:
    """1.9.x: a captioned image sits in a <figure> with role figure/group and an aria-label
    that repeats the <figcaption>."""
    images = find_images(doc)
    seen: set[HtmlElement] = set()  # the elements themselves: an id() of a proxy is reused
    for kind, test in ctx.table("caption").items():
        items = images[kind]
        if not items and not (test == "1.9.1" and (images["img"] or images["input"])):
            ctx.inapplicable(test)
            continue
        for image in items:
            figure = _figure_of(image.element)
            if figure is None or figure in seen:
                continue
            caption = _figcaption(figure)
            if caption is None or out_of_scope(caption) or not doc.text(caption):
                continue
            seen.add(figure)
            _judge_figure(doc, ctx, test, figure, doc.text(caption))


def _judge_figure(doc: PageDocument, ctx: CheckContext, test: str, figure: HtmlElement,
                  caption: str) -> None:
    if role_of(figure) not in ("figure", "group"):
        ctx.fail(test, figure, "figure-no-role")
    label = normalise_space(figure.get("aria-label"))
    if not label:
        ctx.fail(test, figure, "figure-no-label", caption=_close_to(caption))
    elif _comparable(label) != _comparable(caption):
        ctx.verify(test, figure, "figure-label-differs", label=_close_to(label),
                   caption=_close_to(caption))


def _comparable(text: str) -> str:
    return normalise_space(re.sub(r"[^\w\s]", " ", text.casefold()))
