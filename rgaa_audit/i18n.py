"""The one path every user-facing string takes: a key, its parameters, a language.

Texts live in one data file per language (`reports/i18n/fr.toml`, `reports/i18n/en.toml`),
nested tables flattened to dotted keys ("report.doc_title", "check.<id>.<key>", "cli.<key>").
Stages store keys and parameters; only renderers and the CLI turn them into sentences here.
French is the default language; a key missing in the language asked is an error in tests
(both files hold the same keys with the same parameters), and falls back to French at run time.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from functools import cache, partial
from typing import Any, ClassVar

from rgaa_audit.model import MESSAGE_MAX, bounded, bounded_params
from rgaa_audit.paths import data_dir

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
JOIN = "+"  # joins keys whose texts follow one another


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = str(value)
    return flat


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every text of one language, by dotted key."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (expected one of {', '.join(LANGUAGES)})")
    path = data_dir("reports") / "i18n" / f"{lang}.toml"
    return _flatten(tomllib.loads(path.read_text(encoding="utf-8")))


def language(lang: str | None) -> str:
    """The language asked if rgaa-audit speaks it, else French."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _template(key: str, lang: str) -> str | None:
    """The template of `key` in `lang`, French where `lang` lacks it; None if unknown.

    A key may join several keys with "+" ("axe.rule.region+axe.detail"): their templates
    follow one another, sharing the finding's parameters.
    """
    parts = []
    for part in key.split(JOIN):
        template = catalogue(lang).get(part)
        if template is None:
            template = catalogue(DEFAULT_LANGUAGE).get(part)
        if template is None:
            return None
        parts.append(template)
    return "".join(parts)


def has(key: str, lang: str = DEFAULT_LANGUAGE) -> bool:
    """Whether `key` (or every part of a "+"-joined key) has a text in `lang`."""
    return all(part in catalogue(language(lang)) for part in key.split(JOIN))


def text(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The text of `key` in `lang` with its parameters filled in (French if `lang` lacks it)."""
    template = _template(key, language(lang))
    if template is None:
        raise KeyError(f"no text for key {key!r}")
    return template.format(**params) if params else template


def table(prefix: str, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The texts under `prefix` ("report" -> {"doc_title": ...}), in `lang`, French for any
    key `lang` lacks: the labels of one renderer, as one dict."""
    start = prefix + "."
    texts = {k[len(start):]: v for k, v in catalogue(DEFAULT_LANGUAGE).items()
             if k.startswith(start)}
    texts.update((k[len(start):], v) for k, v in catalogue(language(lang)).items()
                 if k.startswith(start))
    return texts


def parameters(template: str) -> frozenset[str]:
    """The names a template expects ("{count} pages" -> {"count"})."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def finding_text(finding: Any, lang: str = DEFAULT_LANGUAGE, /) -> str:
    """The sentence of one finding (a `model.Finding` or its report.json dict) in `lang`.

    Every renderer goes through here: `from rgaa_audit.i18n import finding_text`. A finding
    that stores a message key and its parameters is rendered from the catalogue; one without
    (report.json schema 1), or whose key or parameters no longer fit the catalogue, shows the
    message it stored (French; a sobriety check's {"fr": ..., "en": ...} in `lang`).
    """
    lang = language(lang)
    get = finding.get if isinstance(finding, Mapping) else partial(getattr, finding)
    key = get("key", None)
    params = get("params", None)
    template = _template(key, lang) if isinstance(key, str) and key else None
    if template is not None:
        values = dict(bounded_params(params if isinstance(params, Mapping | tuple) else None))
        if parameters(template) <= values.keys():
            try:
                return bounded(template.format(**values), MESSAGE_MAX)
            except (KeyError, IndexError, ValueError, TypeError, AttributeError):
                pass
    stored = get("message", None)
    if isinstance(stored, Mapping):  # sobriety checks of schema-1 reports: one text per language
        stored = stored.get(lang) or stored.get(DEFAULT_LANGUAGE)
    return bounded(str(stored), MESSAGE_MAX) if stored else ""


class CheckTexts:
    """The texts of a check whose messages live under "<TEXT_PREFIX>.<id>.<key>" (mixed into
    the RGAA and sobriety check specs, which differ only by their prefix)."""

    TEXT_PREFIX: ClassVar[str]
    id: str

    def message_key(self, key: str) -> str:
        """The i18n key of one of this check's messages."""
        return f"{self.TEXT_PREFIX}.{self.id}.{key}"

    def title(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return text(self.message_key("title"), lang)

    @property
    def title_fr(self) -> str:
        return self.title("fr")

    @property
    def title_en(self) -> str:
        return self.title("en")
