"""The browser facts collect.js gathers under `collected["eco"]`, validated and bounded.

They come from the audited page, so every value is checked before a sobriety check uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.checks.page import PageDocument

_MAX_FACTS = 1000  # items read from any list the page's collector returned
URL_MAX = 2000


@dataclass(frozen=True)
class ShownImage:
    """One <img> as the browser rendered it; sizes in device pixels."""

    url: str
    natural_width: int
    natural_height: int
    shown_width: int
    shown_height: int
    top: int
    lazy: bool
    visible: bool

    @property
    def ratio(self) -> float:
        """Natural area over shown area (0 when either is unknown)."""
        shown = self.shown_width * self.shown_height
        natural = self.natural_width * self.natural_height
        return natural / shown if shown and natural else 0.0


def fact_count(value: Any) -> int:
    """A non-negative int from untrusted data (anything else counts as 0)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return 0
    return max(0, min(int(value), 10**9))


def fact_text(value: Any, limit: int = URL_MAX) -> str:
    return value[:limit] if isinstance(value, str) else ""


def eco_facts(doc: PageDocument) -> Mapping[str, Any] | None:
    facts = doc.snapshot.collected.get("eco")
    return facts if isinstance(facts, dict) else None


def fact_list(facts: Mapping[str, Any], key: str) -> list[Any]:
    items = facts.get(key)
    return list(items[:_MAX_FACTS]) if isinstance(items, list) else []


def shown_images(facts: Mapping[str, Any]) -> list[ShownImage]:
    """The collector's <img> records, validated."""
    images = []
    for item in fact_list(facts, "images"):
        if not isinstance(item, dict) or not fact_text(item.get("src")):
            continue
        images.append(ShownImage(
            url=fact_text(item["src"]), natural_width=fact_count(item.get("nw")),
            natural_height=fact_count(item.get("nh")), shown_width=fact_count(item.get("w")),
            shown_height=fact_count(item.get("h")), top=fact_count(item.get("top")),
            lazy=item.get("lazy") is True, visible=item.get("visible") is True))
    return images
