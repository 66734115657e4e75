"""Variants of the demo portal that break one declarative obligation each, for tests and demos.

The bundled portal (`site/`) meets every obligation: the footer of every page carries
"Accessibilité : partiellement conforme" as a link to `accessibilite.html`, whose statement
follows the mandatory format (dated, with the multi-year plan, the 2026 action plan and a
contact). `build_variant(name, folder)` copies the portal into `folder` and applies the
variant's edits (plain text replacements, each checked to apply), so
`serve_directory(folder)` serves it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from rgaa_audit.demo.server import SITE_DIR

MENTION = "Accessibilité : partiellement conforme"
_ALL_PAGES = "*"


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new` in `page` ("*": every HTML page); `old` must be found."""

    page: str
    old: str
    new: str


@dataclass(frozen=True)
class Variant:
    """A named set of edits and the obligations it is meant to break."""

    name: str
    breaks: tuple[str, ...]
    edits: tuple[Edit, ...]
    renames: tuple[tuple[str, str], ...] = ()  # (old file, new file), links rewritten


_STATEMENT_START = "<h1>Déclaration d'accessibilité</h1>"
_BARE = ("<h1>Déclaration d'accessibilité</h1>\n    <p>Notre site est en cours de mise en "
         "conformité.</p>\n  </main>")

VARIANTS = {v.name: v for v in (
    Variant("correct", (), ()),
    # No mention on the home page: the footer link only says "Accessibilité".
    Variant("no-mention", ("mention",),
            (Edit("index.html", f">{MENTION}<", ">Accessibilité<"),)),
    # The mention claims more than the audit can give (the portal has NC criteria).
    Variant("claims-full", ("mention-result",),
            (Edit("index.html", MENTION, "Accessibilité : totalement conforme"),)),
    # A mention in other words than the legal ones.
    Variant("other-wording", ("mention",),
            (Edit("index.html", MENTION, "Accessibilité : site conforme en partie"),)),
    # Two pages lose their footer link to the accessibility page.
    Variant("no-link", ("link-everywhere",), (
        Edit("contact.html", f'<li><a href="accessibilite.html">{MENTION}</a></li>', ""),
        Edit("agenda.html", f'<li><a href="accessibilite.html">{MENTION}</a></li>', ""),
    )),
    # The accessibility page holds one sentence: no sections, date, plans nor contact; and it
    # sits at an address that says nothing, so a breadth-first crawl reaches it late.
    Variant("bare-statement",
            ("statement-sections", "statement-date", "multi-year-plan", "action-plan",
             "contact"),
            (Edit("accessibilite.html", _STATEMENT_START, _BARE + "<!--"),
             Edit("accessibilite.html", "</main>\n  <footer", "-->\n  <footer")),
            renames=(("accessibilite.html", "page-17.html"),)),
    # A statement last dated long ago, with last year's action plan.
    Variant("stale-statement", ("statement-date", "action-plan"), (
        Edit("accessibilite.html", "Elle a été mise à jour le 1er décembre 2026.", ""),
        Edit("accessibilite.html", "établie le 2 avril 2025", "établie le 2 avril 2019"),
        Edit("accessibilite.html", "plan d'actions 2026", "plan d'actions 2019"),
        Edit("accessibilite.html", "Plan d'actions 2026", "Plan d'actions 2019"),
    )),
)}


def build_variant(name: str, folder: Path) -> Path:
    """Copy the demo portal into `folder` (created, must be empty or absent) with the
    variant's edits; returns `folder`. KeyError for an unknown name, ValueError when an edit
    no longer applies (the portal changed)."""
    variant = VARIANTS[name]
    shutil.copytree(SITE_DIR, folder, dirs_exist_ok=True)
    for edit in variant.edits:
        pages = sorted(folder.glob("*.html")) if edit.page == _ALL_PAGES else [folder / edit.page]
        for page in pages:
            text = page.read_text(encoding="utf-8")
            if edit.old not in text:
                raise ValueError(f"{name}: {page.name}: text to replace not found: {edit.old!r}")
            page.write_text(text.replace(edit.old, edit.new), encoding="utf-8")
    for old, new in variant.renames:
        (folder / old).rename(folder / new)
        for page in folder.glob("*.html"):
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace(f'href="{old}"', f'href="{new}"'), encoding="utf-8")
    return folder
