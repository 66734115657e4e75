"""The RGAA criteria table, read from the data files in `criteria/rgaa/*.toml`.

Each theme file holds its criteria with their level, WCAG references, own-words titles,
official link, and per test an automation class:
- `auto`: a check can prove C and NC;
- `semi`: a check can prove NC or flag elements for a human;
- `manual`: only a human can decide.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rgaa_audit.paths import data_dir

AUTOMATION_CLASSES = ("auto", "semi", "manual")
OFFICIAL_BASE = "https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/"


@dataclass(frozen=True)
class RgaaTest:
    """One RGAA test (e.g. 1.1.1) and how far a tool can decide it."""

    id: str
    criterion: str
    automation: str
    summary_fr: str = ""
    summary_en: str = ""


@dataclass(frozen=True)
class Criterion:
    """One RGAA criterion (e.g. 1.1) with its tests."""

    id: str
    theme: int
    level: str
    wcag: tuple[str, ...]
    title_fr: str
    title_en: str
    url: str
    tests: tuple[RgaaTest, ...]
    guidance_fr: str = ""
    guidance_en: str = ""

    def title(self, lang: str = "fr") -> str:
        return self.title_en if lang == "en" and self.title_en else self.title_fr


@dataclass(frozen=True)
class Theme:
    """One of the 13 RGAA themes."""

    number: int
    title_fr: str
    title_en: str
    criteria: tuple[Criterion, ...]

    def title(self, lang: str = "fr") -> str:
        return self.title_en if lang == "en" and self.title_en else self.title_fr


@dataclass(frozen=True)
class Referential:
    """The whole table: themes, criteria and tests, indexed by id."""

    themes: tuple[Theme, ...]

    @property
    def criteria(self) -> dict[str, Criterion]:
        return {c.id: c for t in self.themes for c in t.criteria}

    @property
    def tests(self) -> dict[str, RgaaTest]:
        return {test.id: test for c in self.criteria.values() for test in c.tests}


def criterion_of(test_id: str) -> str:
    """'1.1.3' -> '1.1'."""
    return ".".join(test_id.split(".")[:2])


def sort_key(identifier: str) -> tuple[int, ...]:
    """Numeric sort key for '10.2' or '1.1.3'."""
    return tuple(int(part) for part in identifier.split("."))


def _read_theme(path: Path) -> Theme:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    theme = data["theme"]
    criteria = []
    for raw in data.get("criterion", []):
        tests = tuple(
            RgaaTest(
                id=t["id"],
                criterion=raw["id"],
                automation=t["automation"],
                summary_fr=t.get("summary_fr", ""),
                summary_en=t.get("summary_en", ""),
            )
            for t in raw.get("test", [])
        )
        for test in tests:
            if test.automation not in AUTOMATION_CLASSES:
                raise ValueError(f"{path.name}: test {test.id}: bad automation {test.automation!r}")
        criteria.append(
            Criterion(
                id=raw["id"],
                theme=theme["number"],
                level=raw["level"],
                wcag=tuple(raw.get("wcag", [])),
                title_fr=raw["title_fr"],
                title_en=raw.get("title_en", ""),
                url=raw.get("url") or OFFICIAL_BASE + "#" + raw["id"],
                tests=tests,
                guidance_fr=raw.get("guidance_fr", ""),
                guidance_en=raw.get("guidance_en", ""),
            )
        )
    criteria.sort(key=lambda c: sort_key(c.id))
    return Theme(theme["number"], theme["title_fr"], theme.get("title_en", ""), tuple(criteria))


@cache
def load_referential(folder: Path | None = None) -> Referential:
    """Read every theme file of the criteria table (cached)."""
    folder = folder or data_dir("criteria") / "rgaa"
    themes = sorted((_read_theme(p) for p in folder.glob("*.toml")), key=lambda t: t.number)
    return Referential(tuple(themes))
