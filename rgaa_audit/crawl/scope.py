"""What the crawl may visit: one origin, include/exclude patterns, depth, and query-string traps.

Patterns are matched against the URL's path plus query (``/actualites/2024?page=2``):
a pattern starting with ``re:`` is a Python regular expression searched in it; any other
pattern is a shell-style glob (``*``, ``?``, ``[...]``) that must match the whole of it
(``/actualites/*``). A URL must match one `include` pattern (when any is given) and no
`exclude` pattern.

Query strings: an endless calendar (``?month=…``) or a faceted search produces a new URL
per click. At most `max_variants_per_path` distinct query strings are followed per path;
the URLs beyond are recorded as out of scope with the reason, never fetched.
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rgaa_audit.crawl.urls import is_web, same_origin

REASON_SCHEME = "schéma non web"
REASON_ORIGIN = "autre origine"
REASON_EXCLUDED = "exclue par un motif"
REASON_NOT_INCLUDED = "hors des motifs inclus"
REASON_DEPTH = "profondeur maximale atteinte"
REASON_VARIANTS = "trop de variantes de paramètres pour ce chemin"


def _compile(pattern: str) -> re.Pattern[str]:
    """A regular expression to `search` with: globs are anchored at both ends."""
    if pattern.startswith("re:"):
        return re.compile(pattern[3:])
    return re.compile("^" + fnmatch.translate(pattern))


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@dataclass
class Scope:
    """Decides, URL by URL, whether the crawl may fetch it (and why not)."""

    start_url: str
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_depth: int | None = None
    max_variants_per_path: int = 10
    _include: list[re.Pattern[str]] = field(default_factory=list, repr=False)
    _exclude: list[re.Pattern[str]] = field(default_factory=list, repr=False)
    _variants: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set), repr=False)

    def __post_init__(self) -> None:
        self._include = [_compile(p) for p in self.include]
        self._exclude = [_compile(p) for p in self.exclude]

    def same_site(self, url: str) -> bool:
        return is_web(url) and same_origin(url, self.start_url)

    def matches(self, url: str) -> str | None:
        """None when the patterns allow `url`, else the reason it is left out."""
        target = _target(url)
        if self._include and not any(p.search(target) for p in self._include):
            return REASON_NOT_INCLUDED
        if any(p.search(target) for p in self._exclude):
            return REASON_EXCLUDED
        return None

    def refuse(self, url: str, depth: int = 0) -> str | None:
        """None when `url` (normalised, found at `depth`) may be queued, else why not.

        Counting query variants has a side effect: call it once per new URL.
        """
        if not is_web(url):
            return REASON_SCHEME
        if not same_origin(url, self.start_url):
            return REASON_ORIGIN
        reason = self.matches(url)
        if reason:
            return reason
        if self.max_depth is not None and depth > self.max_depth:
            return REASON_DEPTH
        parts = urlsplit(url)
        if parts.query:
            variants = self._variants[parts.path]
            if parts.query not in variants:
                if len(variants) >= self.max_variants_per_path:
                    return REASON_VARIANTS
                variants.add(parts.query)
        return None
