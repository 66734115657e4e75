"""The portfolio model: the sites of a batch, each with its own audit settings.

The file (`portfolio.toml`, one `[[site]]` table each) is read and checked by the command
line (`cli/portfolio.py`, with the configuration file's own checks); here are the checked
values, which travel to the workers as plain JSON (`to_dict` / `from_dict`).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from rgaa_audit.crawl.settings import CrawlSettings

SLUG_MAX = 60


@dataclass(frozen=True)
class SiteJob:
    """One site of the portfolio: where to start, what to call it, how to audit it."""

    index: int  # 1 for the first [[site]] of the file
    url: str
    label: str
    slug: str  # its folder under OUT/sites/, stable from one run to the next
    crawl: dict[str, Any] = field(default_factory=dict)  # checked CrawlSettings fields
    formats: tuple[str, ...] = ("json", "html")
    verdicts: str | None = None  # path of its manual verdicts file

    def settings(self, resume: bool) -> CrawlSettings:
        """Its crawl settings (`resume`: go on from its folder's crawl state)."""
        return CrawlSettings(**{**_tuples(self.crawl), "resume": resume})

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "url": self.url, "label": self.label, "slug": self.slug,
                "crawl": {k: _listed(v) for k, v in self.crawl.items()},
                "formats": list(self.formats), "verdicts": self.verdicts}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteJob:
        return cls(index=int(data["index"]), url=str(data["url"]), label=str(data["label"]),
                   slug=str(data["slug"]), crawl=dict(data.get("crawl") or {}),
                   formats=tuple(data.get("formats") or ("json", "html")),
                   verdicts=data.get("verdicts"))


@dataclass(frozen=True)
class Portfolio:
    """Every site of one portfolio file, in the file's order."""

    source: str  # the file's name, for messages
    sites: tuple[SiteJob, ...]
    lang: str | None = None


def _listed(value: Any) -> Any:
    return [_listed(v) for v in value] if isinstance(value, list | tuple) else value


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list | tuple) else value


def _tuples(crawl: dict[str, Any]) -> dict[str, Any]:
    """JSON lists back to the (nested) tuples CrawlSettings holds."""
    kinds = {f.name: f.default for f in dataclasses.fields(CrawlSettings)}
    return {k: _frozen(v) if isinstance(v, list | tuple)
            and isinstance(kinds.get(k), tuple | type(None)) else v for k, v in crawl.items()}


def slugify(text: str) -> str:
    """A folder name from a label or an address: ASCII letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:SLUG_MAX].strip("-")
    return slug or "site"


def default_slug(url: str, label: str | None) -> str:
    """The label's slug, else the address's host and path."""
    if label:
        return slugify(label)
    parts = urlsplit(url)
    return slugify(f"{parts.hostname or ''}{parts.path}")


def unique_slugs(slugs: list[str]) -> list[str]:
    """The same slugs, a number added to the second and later of a name (site, site-2…)."""
    seen: dict[str, int] = {}
    out = []
    for slug in slugs:
        count = seen.get(slug, 0) + 1
        seen[slug] = count
        out.append(slug if count == 1 else f"{slug}-{count}")
    return out
