"""The project configuration: `rgaa-audit.toml` or `[tool.rgaa-audit]` in pyproject.toml.

Looked up in the current folder unless a file is named. Every key and value is checked; a
wrong one raises `ConfigError` whose one-line message names the key. Crawl keys live in
`[crawl]` and are exactly the `CrawlSettings` field names: they are checked with the command
line's own option types when an option exists, else against the field's default type, then
by `crawl_settings`, so crawl fields added later work without a change here. Relative paths
are taken from the configuration file's folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from rgaa_audit import i18n
from rgaa_audit.cli.crawl_options import crawl_options, crawl_settings
from rgaa_audit.conclude.gates import LEVELS, Gate
from rgaa_audit.conclude.obligations import OBLIGATIONS
from rgaa_audit.conclude.waivers import Waiver
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.eco.budgets import GRADES, EcoBudget
from rgaa_audit.errors import LocalisedError
from rgaa_audit.referential import load_referential
from rgaa_audit.report.outputs import parse_formats
from rgaa_audit.report.statement.settings import (
    StatementSettings,
    StatementSettingsError,
    parse_statement,
)

CONFIG_FILE = "rgaa-audit.toml"
PYPROJECT = "pyproject.toml"
TOP_KEYS = frozenset({"start_url", "urls", "urls_file", "browser_path", "lang", "out",
                      "formats", "baseline", "verdicts", "crawl", "gates", "eco_budget", "waivers",
                      "statement", "history_db"})
GATE_KEYS = {"fail_under": "fail-under", "min_average_rate": "min-average-rate",
             "max_nc_criteria": "max-nc-criteria", "never_nc": "never-nc",
             "obligations": "obligations"}
ECO_KEYS = frozenset({"max_transfer_bytes", "max_requests", "max_dom_elements", "min_grade",
                      "level"})
WAIVER_KEYS = frozenset({"criterion", "reason", "expires"})


class ConfigError(LocalisedError, ValueError):
    """A wrong key or value in the configuration (one line, names the key).

    `problem` is a key of the `[config]` texts; `source` and `key` (the file and the wrong key)
    lead the line when given.
    """

    def __init__(self, problem: str, /, source: str = "", key: str = "", **params: Any) -> None:
        self.problem, self.source, self.where = problem, source, key
        super().__init__(f"config.{problem}", **params)

    def text(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        problem = super().text(lang)
        if not self.source:
            return problem
        if not self.where:
            return i18n.text("config.in_file", lang, source=self.source, problem=problem)
        return i18n.text("config.at_key", lang, source=self.source, key=self.where,
                         problem=problem)


@dataclass(frozen=True)
class Config:
    """What the configuration file asks for (None / empty = not set)."""

    path: Path | None = None
    start_url: str | None = None
    urls: tuple[str, ...] = ()
    browser_path: str | None = None
    lang: str | None = None
    out: Path | None = None
    formats: tuple[str, ...] | None = None
    baseline: Path | None = None
    verdicts: Path | None = None
    crawl: dict[str, Any] = field(default_factory=dict)
    gates: tuple[Gate, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    statement: StatementSettings | None = None  # None: no [statement] block
    history_db: str | bool | None = None  # a path or URL; False: record no history


# -- finding and reading the file --------------------------------------------------------------

def find_config(folder: Path) -> Path | None:
    """rgaa-audit.toml, else a pyproject.toml that has [tool.rgaa-audit], in `folder`."""
    candidate = folder / CONFIG_FILE
    if candidate.is_file():
        return candidate
    pyproject = folder / PYPROJECT
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return None
        if "rgaa-audit" in (data.get("tool") or {}):
            return pyproject
    return None


def load_config(path: Path | None = None, folder: Path | None = None) -> Config:
    """Read and check the configuration (`path`, or the one found in `folder`/cwd)."""
    if path is None:
        path = find_config(folder or Path.cwd())
        if path is None:
            return Config()
    if not path.is_file():
        raise ConfigError("missing_file", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"line (\d+), column (\d+)", str(error))
        line, column = where.groups() if where else ("?", "?")
        raise ConfigError("bad_toml", path.name, line=line, column=column) from None
    if path.name == PYPROJECT:
        data = (data.get("tool") or {}).get("rgaa-audit")
        if not isinstance(data, dict):
            raise ConfigError("no_section", path.name)
    return parse_config(data, path)


# -- checking values ----------------------------------------------------------------------

def _said(error: Exception) -> LocalisedError | str:
    """Another module's error as a parameter: said in the language asked if it can be."""
    return error if isinstance(error, LocalisedError) else str(error)


def _fail(source: str, key: str, problem: str, **params: Any) -> ConfigError:
    return ConfigError(problem, source, key, **params)


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Check a parsed TOML table; ConfigError names the first wrong key."""
    source = path.name if path else CONFIG_FILE
    base = path.parent if path else Path.cwd()
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise _fail(source, unknown[0], "unknown_key")
    start_url = _url(source, "start_url", data["start_url"]) if "start_url" in data else None
    urls = tuple(_url(source, f"urls[{i}]", u)
                 for i, u in enumerate(_list(source, "urls", data.get("urls", []))))
    if "urls_file" in data:
        urls += _urls_file(source, base / _str(source, "urls_file", data["urls_file"]))
    if start_url and urls:
        raise _fail(source, "urls", "start_url_or_urls")
    lang = data.get("lang")
    if lang is not None and lang not in ("fr", "en"):
        raise _fail(source, "lang", "bad_lang", value=repr(lang))
    formats = None
    if "formats" in data:
        raw = data["formats"]
        text = ",".join(_list(source, "formats", raw)) if isinstance(raw, list) else raw
        try:
            formats = parse_formats(_str(source, "formats", text))
        except ValueError as error:
            raise _fail(source, "formats", "bad_formats", detail=_said(error)) from None
    return Config(
        path=path,
        start_url=start_url,
        urls=urls,
        browser_path=_str(source, "browser_path", data["browser_path"])
        if "browser_path" in data else None,
        lang=lang,
        out=base / _str(source, "out", data["out"]) if "out" in data else None,
        formats=formats,
        baseline=base / _str(source, "baseline", data["baseline"]) if "baseline" in data
        else None,
        verdicts=base / _str(source, "verdicts", data["verdicts"]) if "verdicts" in data
        else None,
        crawl=check_crawl(_relative_to(base, _table(source, "crawl", data.get("crawl", {}))),
                          source),
        gates=_gates(source, _table(source, "gates", data.get("gates", {})),
                     _table(source, "eco_budget", data.get("eco_budget", {}))),
        waivers=_waivers(source, data.get("waivers", [])),
        statement=_statement(source, data["statement"]) if "statement" in data else None,
        history_db=_history_db(source, base, data["history_db"]) if "history_db" in data
        else None,
    )


def _history_db(source: str, base: Path, value: Any) -> str | bool:
    """`history_db`: false (record nothing), a URL, or a SQLite path relative to the file."""
    if value is False:
        return False
    text = _str(source, "history_db", value)
    return text if "://" in text else str(base / text)


def _statement(source: str, table: Any) -> StatementSettings:
    """The [statement] block (the déclaration d'accessibilité's organisation fields)."""
    try:
        return parse_statement(table)
    except StatementSettingsError as error:
        key = f"statement.{error.field}" if error.field else "statement"
        raise ConfigError(error.problem, source, key, **error.params) from None


def _str(source: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, key, "text_expected")
    return value


def _list(source: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(source, key, "list_expected")
    return value


def _table(source: str, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(source, key, "table_expected", table=f"[{key}]")
    return value


def _url(source: str, key: str, value: Any) -> str:
    text = _str(source, key, value)
    if not text.startswith(("http://", "https://")):
        raise _fail(source, key, "bad_url", value=repr(text[:80]))
    return text


def _urls_file(source: str, path: Path) -> tuple[str, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        raise _fail(source, "urls_file", "unreadable", path=str(path)) from None
    wanted = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return tuple(_url(source, f"urls_file:{i + 1}", u) for i, u in enumerate(wanted))


_CRAWL_PATHS = ("storage_state", "login_script", "urls_file")


def _relative_to(base: Path, crawl: dict[str, Any]) -> dict[str, Any]:
    """Paths of the [crawl] table are read from the config file's folder, like urls_file."""
    return {key: str(base / value) if key in _CRAWL_PATHS and isinstance(value, str)
            and not Path(value).is_absolute() else value
            for key, value in crawl.items()}


def _crawl_option_types() -> dict[str, click.Parameter]:
    holder = crawl_options(lambda **_: None)
    return {p.name: p for p in getattr(holder, "__click_params__", []) if p.name}


def check_crawl(table: dict[str, Any], source: str = CONFIG_FILE) -> dict[str, Any]:
    """The [crawl] values, each checked like its command-line option (or its field type)."""
    fields = {f.name: f for f in dataclasses.fields(CrawlSettings)}
    options = _crawl_option_types()
    checked: dict[str, Any] = {}
    for key, value in table.items():
        name = f"crawl.{key}"
        if key not in fields:
            raise _fail(source, name, "unknown_key_among", known=", ".join(fields))
        default = fields[key].default
        if isinstance(value, bool) != isinstance(default, bool) and default is not None:
            raise _fail(source, name, "bad_value", value=repr(value))
        option = options.get(key)
        try:
            if option is not None and option.multiple:
                values = value if isinstance(value, list) else [value]
                checked[key] = tuple(option.type.convert(v, option, None) for v in values)
            elif option is not None:
                checked[key] = option.type.convert(value, option, None)
            else:
                checked[key] = _like_default(value, default)
        except (click.BadParameter, TypeError, ValueError) as error:
            message = error.message if isinstance(error, click.BadParameter) else str(error)
            raise _fail(source, name, "bad_value_because", value=repr(value),
                        detail=message) from None
    try:
        crawl_settings(checked)
    except (TypeError, ValueError) as error:
        raise _fail(source, "crawl", "bad_crawl", detail=_said(error)) from None
    return checked


def _like_default(value: Any, default: Any) -> Any:
    """A value for a field without a command-line option: same kind as its default."""
    if isinstance(default, float) and isinstance(value, int | float):
        return float(value)
    if isinstance(default, tuple | list) and isinstance(value, list):
        return tuple(value)
    if default is None or type(value) is type(default):
        return value
    raise ValueError(f"{type(default).__name__} attendu")


def _level_and_value(source: str, key: str, raw: Any) -> tuple[Any, str]:
    if isinstance(raw, dict):
        extra = set(raw) - {"value", "level"}
        if extra or "value" not in raw:
            bad = sorted(extra)[0] if extra else "value"
            raise _fail(source, f"{key}.{bad}", "unknown_key" if extra else "missing_key")
        level = raw.get("level", "error")
        if level not in LEVELS:
            raise _fail(source, f"{key}.level", "bad_level", value=repr(level))
        return raw["value"], level
    return raw, "error"


def _number(source: str, key: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _fail(source, key, "bad_number", value=repr(value), low=f"{low:g}",
                    high=f"{high:g}")
    return value


def _criteria_ids(source: str, key: str, value: Any) -> tuple[str, ...]:
    known = load_referential().criteria
    ids = _list(source, key, value)
    for criterion in ids:
        if criterion not in known:
            raise _fail(source, key, "unknown_criterion", value=repr(criterion))
    return tuple(ids)


def _obligation_ids(source: str, key: str, value: Any) -> tuple[str, ...]:
    """`true` (every obligation), `false` (none) or a list of obligation ids."""
    if isinstance(value, bool):
        return OBLIGATIONS if value else ()
    ids = _list(source, key, value)
    for obligation in ids:
        if obligation not in OBLIGATIONS:
            raise _fail(source, key, "unknown_obligation", value=repr(obligation),
                        known=", ".join(OBLIGATIONS))
    return tuple(ids)


def _gates(source: str, table: dict[str, Any], eco: dict[str, Any]) -> tuple[Gate, ...]:
    gates = []
    for key, raw in table.items():
        name = f"gates.{key}"
        if key not in GATE_KEYS:
            raise _fail(source, name, "unknown_key_among", known=", ".join(GATE_KEYS))
        value, level = _level_and_value(source, name, raw)
        if key in ("fail_under", "min_average_rate"):
            value = float(_number(source, name, value, 0, 100))
        elif key == "obligations":
            value = _obligation_ids(source, name, value)
            if not value:
                continue
        elif key == "max_nc_criteria":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise _fail(source, name, "bad_count", value=repr(value))
        else:
            value = _criteria_ids(source, name, value)
        gates.append(Gate(GATE_KEYS[key], value, level))
    if eco:
        unknown = sorted(set(eco) - ECO_KEYS)
        if unknown:
            raise _fail(source, f"eco_budget.{unknown[0]}", "unknown_key")
        level = eco.get("level", "error")
        if level not in LEVELS:
            raise _fail(source, "eco_budget.level", "bad_level", value=repr(level))
        limits = {k: v for k, v in eco.items() if k != "level"}
        for key, value in limits.items():
            valid = (isinstance(value, str) if key == "min_grade"
                     else isinstance(value, int) and not isinstance(value, bool))
            if not valid:
                raise _fail(source, f"eco_budget.{key}", "bad_value", value=repr(value))
        try:
            budget = EcoBudget(**limits)
        except ValueError as error:
            key = "min_grade" if "grade" in str(error) else next(iter(limits))
            problem = "bad_grade" if key == "min_grade" else "negative"
            raise _fail(source, f"eco_budget.{key}", problem, grades=", ".join(GRADES)) from None
        gates.append(Gate("eco-budget", budget, level))
    return tuple(gates)


def _waivers(source: str, value: Any) -> tuple[Waiver, ...]:
    if not isinstance(value, list):
        raise _fail(source, "waivers", "tables_expected")
    waivers = []
    for index, item in enumerate(value):
        key = f"waivers[{index}]"
        if not isinstance(item, dict):
            raise _fail(source, key, "item_table_expected")
        unknown = sorted(set(item) - WAIVER_KEYS)
        if unknown:
            raise _fail(source, f"{key}.{unknown[0]}", "unknown_key")
        missing = sorted(WAIVER_KEYS - set(item))
        if missing:
            raise _fail(source, f"{key}.{missing[0]}", "missing_key")
        criterion = _criteria_ids(source, f"{key}.criterion", [item["criterion"]])[0]
        expires = item["expires"]
        if isinstance(expires, dt.datetime) or not isinstance(expires, dt.date):
            raise _fail(source, f"{key}.expires", "date_expected")
        waivers.append(Waiver(criterion, _str(source, f"{key}.reason", item["reason"]),
                              expires))
    return tuple(waivers)


STARTER = '''\
# Configuration de rgaa-audit (https://accessibilite.numerique.gouv.fr/methode/)
# Les options de la ligne de commande l'emportent sur ce fichier.
# Les chemins relatifs partent du dossier de ce fichier.

# Adresse de départ du parcours (même origine), ou bien une liste d'adresses fixes :
start_url = "http://127.0.0.1:8000/"
# urls = ["https://exemple.fr/", "https://exemple.fr/contact"]
# urls_file = "urls.txt"          # une adresse par ligne

# lang = "fr"                     # langue des rapports : fr ou en
# out = "rgaa-audit-report"       # dossier des rapports
# formats = ["json", "html", "sarif", "junit", "gitlab", "markdown"]
# browser_path = "/usr/bin/chromium"
# baseline = "rgaa-audit-baseline.json"   # seuls les nouveaux constats comptent

[crawl]
# Réglages du parcours : mêmes noms que les options --max-pages, --page-timeout…
max_pages = 50
# page_timeout = 30               # secondes par page
# concurrency = 2                 # onglets en parallèle, ou "auto" (un par cœur)

[gates]
# Seuils : un nombre (niveau « error », code de sortie 1) ou { value = …, level = "warn" }.
# fail_under = 75                 # taux global minimal (%)
# min_average_rate = { value = 80, level = "warn" }   # taux moyen minimal (%)
# max_nc_criteria = 10            # nombre maximal de critères non conformes
# never_nc = ["1.1", "11.1"]      # critères qui ne doivent jamais être non conformes
# obligations = true              # obligations déclaratives (mention, page accessibilité…)

# [eco_budget]
# Budget d'écoconception par page :
# max_transfer_bytes = 1048576
# max_requests = 40
# max_dom_elements = 600
# min_grade = "C"                 # note EcoIndex minimale
# level = "warn"

# Dérogations : le critère reste affiché, mais sort des seuils jusqu'à la date d'expiration.
# [[waivers]]
# criterion = "4.1"
# reason = "Transcriptions des vidéos commandées, livraison prévue"
# expires = 2030-06-30

# Déclaration d'accessibilité (`rgaa-audit statement RAPPORT`) : ce que seul l'organisme peut dire.
# Obligatoires : entity, site_name, site_url, auditor, schema_url, action_plan_url, et
# contact_email ou contact_form_url. Voir docs/statement.md.
# [statement]
# entity = "Mairie de Val-Fleuri-sur-Lène"          # nom de l'organisme
# services = "son site internet"                   # ce qu'il s'engage à rendre accessible
# site_name = "Portail de Val-Fleuri-sur-Lène"
# site_url = "https://www.val-fleuri.fr/"
# auditor = "interne"                              # « interne », ou le nom de la société d'audit
# schema_url = "https://www.val-fleuri.fr/accessibilite/schema-2025-2027"
# action_plan_url = "https://www.val-fleuri.fr/accessibilite/plan-2026"  # plan de l'année
# previous_results_url = "https://www.val-fleuri.fr/accessibilite/bilan-2025"
# contact_email = "accessibilite@val-fleuri.fr"
# contact_form_url = "https://www.val-fleuri.fr/contact"
# contact_page_url = "https://www.val-fleuri.fr/mairie/coordonnees"
# report_url = "https://www.val-fleuri.fr/accessibilite/rapport.html"   # résultats détaillés
# grid_url = "https://www.val-fleuri.fr/accessibilite/grille.ods"
# established_on = 2026-12-04                      # sinon : date de fin de l'audit
# updated_on = 2026-12-04
# average_rate = true                              # afficher aussi le taux moyen (facultatif)
# technologies = ["Drupal 10"]                     # ajoutées à celles détectées (HTML, CSS…)
# tools = ["Colour Contrast Analyser 3.5"]         # ajoutés à rgaa-audit, axe-core et Chromium
# test_environments = ["NVDA 2024.4 et Firefox 133 (Windows 11)", "VoiceOver et Safari (macOS 15)"]
# non_compliance = ["Le plan interactif sera remplacé par une liste des lieux en mars 2027."]
# arcom = false                     # Arcom dans les voies de recours (hors modèle officiel)
# Contenus non soumis à l'obligation (motif et alternative facultatifs) :
# exempt = [{ content = "Cartes IGN", reason = "Cartes en ligne", alternative = "Adresses" }]
'''
