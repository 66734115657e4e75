"""criteria/declaration/sections.toml: the statement's mandatory format as data, checked against
the official text (../shared/rgaa/declaration/declaration-accessibilite.md)."""

from __future__ import annotations

import re

from rgaa_audit.declaration import FEEDS, LEGAL_ELEMENTS, section, sections
from tests.conftest import SHARED

OFFICIAL = SHARED / "rgaa" / "declaration" / "declaration-accessibilite.md"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("-", " ")).strip().lower()


def _format_headings() -> list[str]:
    """The headings of the mandatory format (after 'adopte obligatoirement ce format')."""
    text = OFFICIAL.read_text(encoding="utf-8")
    tail = text.split("adopte obligatoirement ce format", 1)[1]
    return [line.lstrip("#").strip() for line in tail.splitlines() if line.startswith("#")]


def test_every_official_heading_has_a_section() -> None:
    ours = [_norm(s.heading_fr) for s in sections()]
    headings = _format_headings()
    assert len(headings) >= 12
    for heading in headings:
        fixed = _norm(heading.split("[", 1)[0])   # "… pour la réalisation [Du site web / …]"
        assert any(mine.startswith(fixed) for mine in ours), heading


def test_headings_are_the_official_ones_in_order() -> None:
    headings = [_norm(h.split("[", 1)[0]) for h in _format_headings()]
    ours = [_norm(s.heading_fr) for s in sections() if s.id != "preamble"]
    assert len(ours) == len(headings)
    for official, mine in zip(headings, ours, strict=True):
        assert mine.startswith(official), (official, mine)


def test_structure_is_consistent() -> None:
    items = sections()
    ids = [s.id for s in items]
    assert len(ids) == len(set(ids))
    for item in items:
        assert item.heading_fr and item.heading_en
        assert set(item.feeds) <= set(FEEDS) and item.feeds
        assert item.legal in LEGAL_ELEMENTS
        if item.parent:
            parent = section(item.parent)
            assert ids.index(parent.id) < ids.index(item.id)
            assert parent.level < item.level
        else:
            assert item.level in (1, 2)
    # the four legal elements of the statement are all carried by some section
    assert {s.legal for s in items} >= set(LEGAL_ELEMENTS) - {""}
    assert all(s.mandatory for s in items)
