"""Non-conformities said for people: RGAA criteria grouped by what a visitor meets.

A statement lists what does not work, not criterion numbers. Each group below gathers the
criteria a visitor would feel as one problem; its sentence is `statement.issue.<group>` in
reports/i18n/<lang>.toml. Every RGAA 4.1.2 criterion belongs to exactly one group (a test
checks it against the referential).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.referential import sort_key

GROUPS: dict[str, tuple[str, ...]] = {
    "image-alternative": ("1.1", "1.3"),
    "decorative-image": ("1.2",),
    "captcha": ("1.4", "1.5"),
    "complex-image": ("1.6", "1.7"),
    "text-image": ("1.8",),
    "image-caption": ("1.9",),
    "frame-title": ("2.1", "2.2"),
    "colour-only": ("3.1",),
    "text-contrast": ("3.2",),
    "ui-contrast": ("3.3",),
    "media-transcript": ("4.1", "4.2"),
    "media-captions": ("4.3", "4.4"),
    "media-audio-description": ("4.5", "4.6"),
    "media-identified": ("4.7",),
    "non-temporal-media": ("4.8", "4.9"),
    "auto-sound": ("4.10",),
    "media-controls": ("4.11", "4.12", "4.13"),
    "table-title": ("5.1", "5.2", "5.4", "5.5"),
    "table-headers": ("5.6", "5.7"),
    "layout-table": ("5.3", "5.8"),
    "link-purpose": ("6.1",),
    "link-empty": ("6.2",),
    "widget-assistive": ("7.1", "7.2"),
    "widget-keyboard": ("7.3",),
    "context-change": ("7.4",),
    "status-message": ("7.5",),
    "code-validity": ("8.1", "8.2"),
    "language": ("8.3", "8.4", "8.7", "8.8"),
    "page-title": ("8.5", "8.6"),
    "presentational-tags": ("8.9",),
    "reading-direction": ("8.10",),
    "headings": ("9.1",),
    "page-regions": ("9.2",),
    "lists": ("9.3",),
    "quotations": ("9.4",),
    "without-styles": ("10.1", "10.2", "10.3"),
    "text-zoom": ("10.4",),
    "colour-declared": ("10.5",),
    "link-distinct": ("10.6",),
    "focus-visible": ("10.7",),
    "hidden-content": ("10.8",),
    "shape-position": ("10.9", "10.10"),
    "reflow": ("10.11",),
    "text-spacing": ("10.12",),
    "hover-content": ("10.13", "10.14"),
    "field-labels": ("11.1", "11.2", "11.3", "11.4"),
    "field-groups": ("11.5", "11.6", "11.7", "11.8"),
    "button-labels": ("11.9",),
    "input-errors": ("11.10", "11.11"),
    "data-review": ("11.12",),
    "autofill": ("11.13",),
    "navigation-ways": ("12.1", "12.3", "12.4", "12.5"),
    "menu-consistency": ("12.2",),
    "skip-areas": ("12.6", "12.7"),
    "tab-order": ("12.8",),
    "keyboard-trap": ("12.9",),
    "shortcuts": ("12.10",),
    "revealed-keyboard": ("12.11",),
    "time-limits": ("13.1",),
    "new-window": ("13.2",),
    "documents": ("13.3", "13.4"),
    "cryptic-content": ("13.5", "13.6"),
    "flashing": ("13.7",),
    "moving-content": ("13.8",),
    "orientation": ("13.9",),
    "gestures": ("13.10", "13.11", "13.12"),
}
GROUP_OF: dict[str, str] = {c: g for g, criteria in GROUPS.items() for c in criteria}
PAGES_LISTED = 6


@dataclass(frozen=True)
class Issue:
    """One problem a visitor meets: its group, the criteria behind it, where it is met.

    `pages` are page labels (titles, else addresses) in audit order; `site_wide` is true when a
    check comparing pages found it (it concerns the site as a whole)."""

    group: str
    criteria: tuple[str, ...]
    pages: tuple[str, ...]
    site_wide: bool = False


def issues(site_statuses: Mapping[str, str], pages: Iterable[tuple[str, Mapping[str, Any]]],
           site_nc: Iterable[str] = ()) -> tuple[Issue, ...]:
    """The NC criteria of the sample grouped into issues, in RGAA order.

    `pages` yields (label, criteria cells) for each audited page; `site_nc` the criteria made NC
    by a check that compares pages."""
    nc = sorted((c for c, s in site_statuses.items() if s == "NC"), key=sort_key)
    site_nc = set(site_nc)
    pages = list(pages)
    found: dict[str, tuple[list[str], list[str]]] = {}
    for criterion in nc:
        group = GROUP_OF.get(criterion, criterion)
        criteria, where = found.setdefault(group, ([], []))
        criteria.append(criterion)
        for label, cells in pages:
            if (cells.get(criterion) or {}).get("status") == "NC" and label not in where:
                where.append(label)
    return tuple(Issue(group, tuple(criteria), tuple(where),
                       site_wide=any(c in site_nc for c in criteria))
                 for group, (criteria, where) in found.items())
