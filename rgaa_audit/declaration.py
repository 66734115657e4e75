"""The accessibility statement's mandatory sections, read once from
`criteria/declaration/sections.toml`: the statement writer (report/statement) lays them out,
the obligations check (checks/obligations.py) looks for them on the site's own statement."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from rgaa_audit.paths import data_dir

FEEDS = ("config", "report", "verdicts", "run", "fixed")
LEGAL_ELEMENTS = ("", "conformity", "non-accessible", "contact", "recourse")


@dataclass(frozen=True)
class Section:
    """One heading of the official format, where its content comes from, and whether it is due."""

    id: str
    parent: str
    level: int
    heading_fr: str
    heading_en: str
    variants: tuple[str, ...]
    mandatory: bool
    when: str
    feeds: tuple[str, ...]
    fields: tuple[str, ...]
    legal: str

    def heading(self, lang: str = "fr") -> str:
        return self.heading_en if lang == "en" else self.heading_fr


@cache
def sections() -> tuple[Section, ...]:
    """Every section in the order of the official format."""
    path = data_dir("criteria") / "declaration" / "sections.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return tuple(
        Section(
            id=entry["id"], parent=entry["parent"], level=int(entry["level"]),
            heading_fr=entry["heading_fr"], heading_en=entry["heading_en"],
            variants=tuple(entry["variants"]), mandatory=bool(entry["mandatory"]),
            when=entry["when"], feeds=tuple(entry["feeds"]), fields=tuple(entry["fields"]),
            legal=entry["legal"],
        )
        for entry in raw["section"]
    )


def section(section_id: str) -> Section:
    """The section `section_id` (KeyError when unknown)."""
    for item in sections():
        if item.id == section_id:
            return item
    raise KeyError(section_id)
