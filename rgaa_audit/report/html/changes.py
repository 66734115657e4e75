"""The HTML view of `changes`: what changed since the previous recorded audit of the site.

Read from the stored document only (report.json's `changes` block, written by the command
line from the history database); absent block, no section. Values are cut and escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.i18n import table
from rgaa_audit.report import i18n
from rgaa_audit.report.html.sanitise import SHORT_MAX, as_mapping, cut

MAX_SHOWN = 30


@dataclass(frozen=True)
class ChangedFinding:
    page: str
    test: str
    source: str


@dataclass(frozen=True)
class ChangesView:
    """The section's texts and figures, formatted."""

    texts: Mapping[str, str]
    previous_date: str
    previous_iso: str
    rates: tuple[tuple[str, str, str, str], ...]  # (label, before, after, direction)
    became_nc: tuple[str, ...]
    became_c: tuple[str, ...]
    new_count: int
    fixed_count: int
    new: tuple[ChangedFinding, ...]
    fixed: tuple[ChangedFinding, ...]


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _direction(before: float | None, after: float | None) -> str:
    if before is None or after is None or abs(after - before) < 0.005:
        return "same"
    return "up" if after > before else "down"


def _findings(items: Any) -> tuple[ChangedFinding, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(ChangedFinding(cut(i.get("page"), 200), cut(i.get("test"), 12),
                                cut(i.get("source"), SHORT_MAX))
                 for i in items[:MAX_SHOWN] if isinstance(i, Mapping))


def _criteria(items: Any) -> tuple[str, ...]:
    return tuple(cut(c, 8) for c in items[:106] if isinstance(c, str)) if isinstance(
        items, list) else ()


def changes_view(report: Mapping[str, Any], lang: str = "fr") -> ChangesView | None:
    """The view of the document's `changes` block, None when there is none."""
    changes = as_mapping(report.get("changes"))
    if not changes:
        return None
    texts = table("history-report", lang)
    previous = as_mapping(changes.get("previous"))
    started = cut(previous.get("started_at"), 32)

    def rate(value: float | None) -> str:
        return i18n.format_rate(value, lang) if value is not None else "—"

    def number(value: float | None) -> str:
        return i18n.format_number(value, lang, 1) if value is not None else "—"

    rows = []
    for label, before_key, after_key, fmt in (
            ("global_rate", "rate_before", "rate_after", rate),
            ("average_rate", "average_before", "average_after", rate),
            ("ecoindex", "ecoindex_before", "ecoindex_after", number)):
        before, after = _num(changes.get(before_key)), _num(changes.get(after_key))
        rows.append((texts[label], fmt(before), fmt(after), _direction(before, after)))
    count = changes.get("new_count")
    fixed = changes.get("fixed_count")
    return ChangesView(
        texts=texts, previous_date=started.replace("T", " ")[:16] + " UTC", previous_iso=started,
        rates=tuple(rows), became_nc=_criteria(changes.get("became_nc")),
        became_c=_criteria(changes.get("became_c")),
        new_count=count if isinstance(count, int) else 0,
        fixed_count=fixed if isinstance(fixed, int) else 0,
        new=_findings(changes.get("new")), fixed=_findings(changes.get("fixed")))
