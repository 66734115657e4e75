"""The statement as one self-contained HTML page: inline CSS, no script, no outside resource.

Built to pass RGAA itself: language declared (and marked on French spans of a translation),
a title, header / navigation / main / footer regions, a skip link and a table of contents (two
ways to reach each section), headings in order, explicit links, visible focus, readable at
320 px and at 200 % text, dark-on-light contrast above 7:1. Every text is escaped; links other
than http(s) and mailto are shown as text. A draft's banner is fixed when printed, so it
appears on every sheet.
"""

from __future__ import annotations

from html import escape

from rgaa_audit import i18n
from rgaa_audit.report.statement.document import (
    Block,
    Document,
    Heading,
    Inline,
    Items,
    Link,
    Para,
    Section,
    Strong,
    Text,
)

CSS = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
 font-size:1rem;line-height:1.55;color:#1b1b1b;background:#fff}
a{color:#0b3d91;text-decoration:underline;overflow-wrap:anywhere}
a:hover{text-decoration-thickness:.15em}
a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;background:#fff3b0}
.skip{position:absolute;left:.5rem;top:-3rem;padding:.5rem 1rem;background:#fff;
 border:2px solid #1b1b1b}
.skip:focus{top:.5rem}
header,main,footer,nav{display:block;max-width:48rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem;border-bottom:1px solid #6a6a6a}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.45rem;margin:2.2rem 0 .6rem;padding-top:.4rem;border-top:1px solid #cecece}
h3{font-size:1.2rem;margin:1.6rem 0 .5rem}
h4{font-size:1.05rem;margin:1.3rem 0 .4rem}
.official{display:block;font-size:.85em;font-weight:normal;color:#3a3a3a}
p,li{max-width:44rem;overflow-wrap:break-word}
li{margin:.25rem 0}
.notice{border-left:.35rem solid #b34000;background:#fff4ec;padding:.6rem .9rem}
.address{margin-left:1.5rem}
nav h2{border-top:0;margin-top:1rem;font-size:1.1rem}
nav ol{padding-left:1.2rem}
footer{margin-top:3rem;padding-bottom:2rem;border-top:1px solid #6a6a6a;font-size:.9rem;
 color:#3a3a3a}
@media print{
 .skip,nav{display:none}
 a{color:#000}
 .draft{position:fixed;top:0;left:0;right:0;margin:0;background:#fff;border:2px solid #000}
 body.is-draft{padding-top:3.5rem}
}
"""

_SCHEMES = ("http://", "https://", "mailto:")
_TAGS = {1: "h1", 2: "h2", 3: "h3", 4: "h4"}


def _inline(part: Inline) -> str:
    if isinstance(part, Strong):
        return f"<strong>{escape(part.text)}</strong>"
    if isinstance(part, Link):
        if not part.href.startswith(_SCHEMES):
            return escape(part.text)
        return f'<a href="{escape(part.href, quote=True)}">{escape(part.text)}</a>'
    assert isinstance(part, Text)
    if part.lang:
        return f'<span lang="{escape(part.lang)}">{escape(part.text)}</span>'
    return escape(part.text)


def _inlines(parts: tuple[Inline, ...]) -> str:
    return "".join(_inline(p) for p in parts)


def _block(block: Block, draft: bool = False) -> str:
    if isinstance(block, Items):
        rows = "".join(f"<li>{_inlines(row)}</li>" for row in block.items)
        return f"<ul>{rows}</ul>"
    assert isinstance(block, Para)
    if block.kind == "address":
        return f'<p class="address">{"<br>".join(_inline(p) for p in block.parts)}</p>'
    classes = " ".join(c for c in ("notice" if block.kind == "notice" else "",
                                   "draft" if draft else "") if c)
    attribute = f' class="{classes}"' if classes else ""
    return f"<p{attribute}>{_inlines(block.parts)}</p>"


def _heading(section: Section, lang: str) -> str:
    heading: Heading = section.heading
    tag = _TAGS[section.level]
    french = (f' <span class="official" lang="fr">{escape(heading.french)}</span>'
              if heading.french and lang != "fr" else "")
    return f'<{tag} id="{escape(section.id)}">{escape(heading.text)}{french}</{tag}>'


def render_html(document: Document) -> str:
    """The whole page."""
    lang = document.lang
    t = lambda key: escape(i18n.text(f"statement.{key}", lang))  # noqa: E731
    preamble = next(s for s in document.sections if s.id == "preamble")
    rest = [s for s in document.sections if s.id != "preamble"]
    banners = "".join(_block(b, draft=document.draft and i == 0)
                      for i, b in enumerate(document.banners))
    toc = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.heading.text)}</a></li>'
                  for s in rest if s.level == 2)
    body = []
    for section in rest:
        body.append(_heading(section, lang))
        body.extend(_block(b) for b in section.blocks)
    intro = "".join(_block(b) for b in preamble.blocks)
    footer = "".join(_block(b) for b in document.footer)
    body_class = ' class="is-draft"' if document.draft else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body{body_class}>\n"
        f'<a class="skip" href="#contenu">{t("skip")}</a>\n'
        f"<header>\n{banners}<h1>{escape(document.title)}</h1>\n</header>\n"
        f'<nav aria-labelledby="sommaire"><h2 id="sommaire">{t("toc")}</h2>'
        f"<ol>{toc}</ol></nav>\n"
        f'<main id="contenu" tabindex="-1">\n{intro}\n' + "\n".join(body) + "\n</main>\n"
        f"<footer>\n{footer}\n</footer>\n</body>\n</html>\n"
    )
