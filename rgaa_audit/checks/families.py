"""Every family of own checks, imported by name so that their `@check` functions register.

A family is a module `rgaa_audit/checks/<family>.py` paired with `criteria/checks/<family>.toml`;
page and site-wide checks alike (the data says which: `scope = "site"`). Adding a family
means adding its module here and its data file beside the others.
"""

from __future__ import annotations

from types import ModuleType

from rgaa_audit.checks import (
    aria,
    colours,
    consultation,
    controls,
    forms,
    frames,
    hover,
    images,
    keyboard,
    links,
    mandatory,
    media,
    motion,
    navigation,
    presentation,
    reflow,
    rendering,
    scripts,
    site,
    structure,
    tables,
)
from rgaa_audit.checks.registry import register_families

FAMILIES: dict[str, ModuleType] = {
    module.__name__.rsplit(".", 1)[-1]: module
    for module in (aria, colours, consultation, controls, forms, frames, hover, images, keyboard,
                   links, mandatory, media, motion, navigation, presentation, reflow, rendering,
                   scripts, site, structure, tables)
}
register_families(FAMILIES)
