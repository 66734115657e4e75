"""Reading `portfolio.toml`: the sites of a batch, checked like the configuration file.

    lang = "fr"                 # optional: the dashboard's and reports' language
    [defaults]                  # optional: settings every site starts from
    max_pages = 20
    [[site]]
    url = "https://www.commune.fr/"
    label = "Commune"           # optional: the dashboard's name for it (else its address)
    slug = "commune"            # optional: its folder under OUT/sites/ (else from the label)
    verdicts = "commune.verdicts.toml"   # optional: its manual verdicts
    formats = ["json", "html"]  # optional
    max_pages = 50              # any crawl setting of `rgaa-audit audit` ([crawl] names)

Crawl values go through the configuration's own checks (`cli/config.py`); a wrong key or value
is one line naming the file, the site (site[1] is the first [[site]]) and the key.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from rgaa_audit.batch.portfolio import Portfolio, SiteJob, default_slug, slugify, unique_slugs
from rgaa_audit.cli.config import ConfigError, _relative_to, check_crawl
from rgaa_audit.cli.crawl_options import CRAWL_FIELDS
from rgaa_audit.conclude.verdicts_file import load_verdicts
from rgaa_audit.errors import LocalisedError
from rgaa_audit.referential import load_referential
from rgaa_audit.report.outputs import parse_formats

TOP_KEYS = ("site", "defaults", "lang")
SITE_KEYS = ("url", "label", "slug", "verdicts", "formats")
CRAWL_KEYS = tuple(sorted(CRAWL_FIELDS - {"resume"}))  # a batch resumes on its own
LABEL_MAX = 200


class PortfolioError(ConfigError):
    """A wrong portfolio file: a `[batch]` text, with the file and the key leading the line."""

    def __init__(self, problem: str, /, source: str = "", key: str = "", **params: Any) -> None:
        self.problem, self.source, self.where = problem, source, key
        LocalisedError.__init__(self, f"batch.{problem}", **params)


def load_portfolio(path: Path) -> Portfolio:
    """Read and check a portfolio file; PortfolioError / ConfigError name the wrong place."""
    if not path.is_file():
        raise PortfolioError("missing_file", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"line (\d+), column (\d+)", str(error))
        line, column = where.groups() if where else ("?", "?")
        raise ConfigError("bad_toml", path.name, line=line, column=column) from None
    except (OSError, UnicodeDecodeError):
        raise ConfigError("unreadable", path.name, path=str(path)) from None
    return parse_portfolio(data, path)


def parse_portfolio(data: dict[str, Any], path: Path) -> Portfolio:
    """Check a parsed portfolio table."""
    source, base = path.name, path.parent
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        raise ConfigError("unknown_key_among", source, unknown[0], known=", ".join(TOP_KEYS))
    lang = data.get("lang")
    if lang is not None and lang not in ("fr", "en"):
        raise ConfigError("bad_lang", source, "lang", value=repr(lang))
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ConfigError("table_expected", source, "defaults", table="[defaults]")
    defaults = _site_values(source, "defaults", defaults, base, defaults=True)
    sites = data.get("site")
    if not isinstance(sites, list) or not sites:
        raise PortfolioError("no_site", source)
    jobs = []
    for number, table in enumerate(sites, start=1):
        where = f"site[{number}]"
        if not isinstance(table, dict):
            raise ConfigError("item_table_expected", source, where)
        values = _site_values(source, where, table, base, defaults=False)
        crawl = {**defaults.get("crawl", {}), **values.get("crawl", {})}
        job = SiteJob(index=number, url=values["url"],
                            label=values.get("label") or values["url"],
                            slug=values.get("slug") or default_slug(values["url"],
                                                                    values.get("label")),
                            crawl=crawl,
                            formats=values.get("formats") or defaults.get("formats")
                            or ("json", "html"),
                            verdicts=values.get("verdicts") or defaults.get("verdicts"))
        try:
            job.settings(resume=False)
        except (TypeError, ValueError) as error:  # the combination (defaults + site) refused
            detail = error if isinstance(error, LocalisedError) else str(error)
            raise ConfigError("bad_crawl", source, where, detail=detail) from None
        if job.verdicts:
            _check_verdicts(source, f"{where}.verdicts", Path(job.verdicts))
        jobs.append(job)
    given = [j.slug for j in jobs]
    explicit = [str(t.get("slug")) for t in sites if t.get("slug")]
    for slug in explicit:
        if explicit.count(slug) > 1:
            number = next(j.index for j in reversed(jobs) if j.slug == slug)
            raise PortfolioError("duplicate_slug", source, f"site[{number}].slug",
                                 value=repr(slug))
    slugs = unique_slugs(given)
    jobs = [SiteJob(j.index, j.url, j.label, s, j.crawl, j.formats, j.verdicts)
            for j, s in zip(jobs, slugs, strict=True)]
    return Portfolio(source=source, sites=tuple(jobs), lang=lang)


def _check_verdicts(source: str, where: str, path: Path) -> None:
    """The verdicts file exists and reads (its own errors name its line)."""
    if not path.is_file():
        raise ConfigError("unreadable", source, where, path=str(path))
    load_verdicts(path, load_referential())


def _site_values(source: str, where: str, table: dict[str, Any], base: Path, *,
                 defaults: bool) -> dict[str, Any]:
    """One [[site]] (or [defaults]) table checked: its own keys and its crawl settings."""
    own = SITE_KEYS[3:] if defaults else SITE_KEYS
    known = (*own, *CRAWL_KEYS)
    values: dict[str, Any] = {}
    crawl: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{where}.{key}"
        if key not in known:
            raise ConfigError("unknown_key_among", source, name,
                              known=", ".join((*own, "max_pages", "…")))
        if key in CRAWL_KEYS:
            crawl[key] = value
        elif key == "formats":
            text = ",".join(value) if isinstance(value, list) else value
            if not isinstance(text, str) or not text.strip():
                raise ConfigError("text_expected", source, name)
            try:
                formats = parse_formats(text)
            except ValueError as error:
                detail = error if isinstance(error, LocalisedError) else str(error)
                raise ConfigError("bad_formats", source, name, detail=detail) from None
            values[key] = formats if "json" in formats else ("json", *formats)
        else:
            if not isinstance(value, str) or not value.strip():
                raise ConfigError("text_expected", source, name)
            values[key] = value.strip()[:LABEL_MAX] if key == "label" else value
    if not defaults:
        if "url" not in values:
            raise ConfigError("missing_key", source, f"{where}.url")
        if not re.match(r"https?://[^/\s]+", values["url"]):
            raise ConfigError("bad_url", source, f"{where}.url", value=repr(values["url"][:80]))
        if "slug" in values and slugify(values["slug"]) != values["slug"]:
            raise PortfolioError("bad_slug", source, f"{where}.slug", value=repr(values["slug"]))
    if "verdicts" in values:
        values["verdicts"] = str(base / values["verdicts"])
    try:
        values["crawl"] = check_crawl(_relative_to(base, crawl), source)
    except ConfigError as error:
        key = error.where.removeprefix("crawl").lstrip(".")
        raise ConfigError(error.problem, source, f"{where}.{key}" if key else where,
                          **error.params) from None
    return values
