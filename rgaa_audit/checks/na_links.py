"""Parent -> child NA links, as data (`criteria/na-links.toml`): when every parent test of a
link was proved NA by an own check (nothing of the kind on a complete snapshot), its child
tests are NA too, the way auditors reason (no image: the tests about image alternatives are
NA). The decide stage applies them (`decide.verdicts`) to children that have no other result.

    [[link]]
    id = "no-image"                  # kebab-case, unique
    parents = ["1.1.1", ...]         # all must be NA, proved by own checks
    children = ["1.2.1", ...]        # then these are NA unless something else was said
    fr = "..."; en = "..."           # the reason, own words
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rgaa_audit.paths import data_dir

_TEST_ID = re.compile(r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$")
_LINK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_PREFIX = "rgaa-audit:na-link/"  # the source of the NA results a link adds


class NaLinksError(ValueError):
    """criteria/na-links.toml is malformed (the message names the place)."""


@dataclass(frozen=True)
class NaLink:
    """Parents all proved NA -> children NA."""

    id: str
    parents: tuple[str, ...]
    children: tuple[str, ...]
    fr: str
    en: str

    def reason(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr

    @property
    def source(self) -> str:
        return SOURCE_PREFIX + self.id


def _tests(where: str, raw: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = raw.get(name)
    if (not isinstance(value, list) or not value
            or not all(isinstance(t, str) and _TEST_ID.match(t) for t in value)
            or len(set(value)) != len(value)):
        raise NaLinksError(f"{where}: `{name}` must be a non-empty list of distinct test ids")
    return tuple(value)


def parse_na_links(name: str, data: Mapping[str, Any]) -> tuple[NaLink, ...]:
    """The links of one file; NaLinksError when malformed."""
    raw_links = data.get("link")
    if set(data) - {"link"} or not isinstance(raw_links, list):
        raise NaLinksError(f"{name}: only [[link]] tables are allowed")
    links: list[NaLink] = []
    for number, raw in enumerate(raw_links, 1):
        where = f"{name}: link {number}"
        if not isinstance(raw, Mapping):
            raise NaLinksError(f"{where}: must be a table")
        unknown = set(raw) - {"id", "parents", "children", "fr", "en"}
        if unknown:
            raise NaLinksError(f"{where}: unknown fields {sorted(unknown)}")
        link_id = raw.get("id")
        if not isinstance(link_id, str) or not _LINK_ID.match(link_id):
            raise NaLinksError(f"{where}: id must be kebab-case")
        if any(link.id == link_id for link in links):
            raise NaLinksError(f"{where}: id {link_id!r} repeats")
        texts = [raw.get(lang) for lang in ("fr", "en")]
        if not all(isinstance(t, str) and t.strip() for t in texts):
            raise NaLinksError(f"{where}: `fr` and `en` reasons are required")
        parents, children = _tests(where, raw, "parents"), _tests(where, raw, "children")
        if set(parents) & set(children):
            raise NaLinksError(f"{where}: a test cannot be its own parent")
        links.append(NaLink(link_id, parents, children, texts[0].strip(), texts[1].strip()))
    return tuple(links)


def na_links_file() -> Path:
    return data_dir("criteria") / "na-links.toml"


def load_na_links(path: Path | None = None) -> tuple[NaLink, ...]:
    """Every NA link, in data order (criteria/na-links.toml by default; none if absent)."""
    if path is None:
        return _default_links()
    if not path.is_file():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise NaLinksError(f"criteria/{path.name}: {error}") from None
    return parse_na_links(f"criteria/{path.name}", data)


@cache
def _default_links() -> tuple[NaLink, ...]:
    return load_na_links(na_links_file())
