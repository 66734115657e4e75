"""Command-line options that shape the crawl; each maps to a `CrawlSettings` field.

Kept apart from `cli.py` so the crawl's options grow in one place: an option's destination
name is the `CrawlSettings` field it sets (None = not given, the default or config applies).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import click

from rgaa_audit.crawl.crawler import CrawlSettings

CRAWL_OPTIONS: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
    click.option("--max-pages", "max_pages", type=click.IntRange(1, 100_000), default=None,
                 help="Nombre maximal de pages à auditer (50 par défaut)."),
    click.option("--page-timeout", "page_timeout", type=click.FloatRange(1, 600), default=None,
                 help="Délai maximal par page, en secondes (30 par défaut)."),
    click.option("--concurrency", "concurrency", type=click.IntRange(1, 16), default=None,
                 help="Nombre d'onglets qui auditent en parallèle (2 par défaut)."),
]


def crawl_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add every crawl option to a click command."""
    for option in reversed(CRAWL_OPTIONS):
        command = option(command)
    return command


CRAWL_FIELDS = frozenset(f.name for f in dataclasses.fields(CrawlSettings))


def split_crawl_options(options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Separate the given crawl options (non-None, known fields) from the other options."""
    crawl = {k: v for k, v in options.items() if k in CRAWL_FIELDS and v is not None}
    rest = {k: v for k, v in options.items() if k not in CRAWL_FIELDS}
    return crawl, rest


def crawl_settings(overrides: dict[str, Any], base: dict[str, Any] | None = None) -> CrawlSettings:
    """CrawlSettings from config values (`base`) overridden by command-line values."""
    values = {**(base or {}), **overrides}
    unknown = set(values) - CRAWL_FIELDS
    if unknown:
        raise ValueError(f"réglage de parcours inconnu : {', '.join(sorted(unknown))}")
    return CrawlSettings(**values)
