"""Command-line options that shape the crawl; each maps to a `CrawlSettings` field.

Kept apart from the commands so the crawl's options grow in one place: an option's destination
name is the `CrawlSettings` field it sets (None = not given, the default or config applies).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import click

from rgaa_audit.cli.language import say
from rgaa_audit.crawl.concurrency import MAX_TABS, auto_concurrency
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.errors import LocalisedError


def _none_if_empty(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
    """Repeatable options: not given means None (the config or default applies)."""
    return tuple(value) if value else None


def _flag(*names: str, dest: str, help: str) -> Callable[[Callable[..., Any]], Any]:
    return click.option(*names, dest, is_flag=True, default=None, flag_value=True, help=help)


class Concurrency(click.ParamType):
    """Tabs in parallel: a number from 1 to 16, or "auto" (crawl/concurrency.py decides)."""

    name = "1-16|auto"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, str) and value.strip().lower() == "auto":
            return auto_concurrency()
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        exact = str(number) == str(value).strip()
        if isinstance(value, bool) or not exact or not 1 <= number <= MAX_TABS:
            self.fail(say("bad_concurrency", value=repr(value), max=MAX_TABS), param, ctx)
        return number


CRAWL_OPTIONS: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
    click.option("--max-pages", "max_pages", type=click.IntRange(1, 100_000), default=None,
                 help="Nombre maximal de pages à auditer (50 par défaut)."),
    click.option("--page-timeout", "page_timeout", type=click.FloatRange(1, 600), default=None,
                 help="Délai maximal par page, en secondes (30 par défaut)."),
    click.option("--concurrency", "concurrency", type=Concurrency(), default=None,
                 help="Nombre d'onglets qui auditent en parallèle (2 par défaut), de 1 à 16, "
                      "ou auto : un par cœur de processeur, moins si la mémoire libre ne "
                      "suffit pas."),
    click.option("--include", "include", multiple=True, callback=_none_if_empty,
                 help="Motif des adresses à auditer (chemin + requête) : glob (/actus/*) ou "
                      "expression régulière préfixée par re: ; répétable."),
    click.option("--exclude", "exclude", multiple=True, callback=_none_if_empty,
                 help="Motif des adresses à ne pas auditer (même syntaxe) ; répétable."),
    click.option("--max-depth", "max_depth", type=click.IntRange(0, 1000), default=None,
                 help="Profondeur maximale de liens depuis la page de départ."),
    click.option("--max-variants-per-path", "max_variants_per_path",
                 type=click.IntRange(1, 10_000), default=None,
                 help="Variantes de paramètres (?…) suivies par chemin (10 par défaut)."),
    click.option("--urls-file", "urls_file", type=click.Path(exists=True, dir_okay=False),
                 default=None, help="Fichier d'adresses à auditer, une par ligne."),
    click.option("--sitemaps/--no-sitemaps", "use_sitemaps", default=None,
                 help="Lire sitemap.xml (indiqué par robots.txt, sinon /sitemap.xml)."),
    _flag("--ignore-robots", dest="ignore_robots",
          help="Ne pas respecter robots.txt (seulement avec l'accord du site)."),
    click.option("--delay", "delay", type=click.FloatRange(0, 60), default=None,
                 help="Secondes minimales entre deux pages chargées sur le site (0 par défaut ; "
                      "le Crawl-delay de robots.txt s'applique s'il est plus grand)."),
    click.option("--retry-delay", "retry_delay", type=click.FloatRange(0, 60), default=None,
                 help="Attente avant de retenter une page en échec (1 s par défaut)."),
    click.option("--recycle-after", "recycle_after", type=click.IntRange(1, 1_000_000),
                 default=None, help="Relancer le navigateur toutes les N pages (500)."),
    click.option("--max-browser-memory-mb", "max_browser_memory_mb",
                 type=click.IntRange(0, 1_000_000), default=None,
                 help="Mémoire (Mio) au-delà de laquelle le navigateur est relancé (0 : jamais)."),
    click.option("--storage-state", "storage_state", type=click.Path(exists=True, dir_okay=False),
                 default=None, help="Fichier d'état de session Playwright (cookies de connexion)."),
    click.option("--login-script", "login_script",
                 type=click.Path(exists=True, dir_okay=False), default=None,
                 help="Script de connexion TOML ([[step]] goto, fill, click, wait_for, press) "
                      "joué avant l'audit dans chaque contexte ; ${NOM} lit la variable "
                      "d'environnement NOM (identifiants jamais écrits)."),
    click.option("--header", "extra_headers", multiple=True, callback=_none_if_empty,
                 help="En-tête « Nom: valeur » envoyé au site audité seulement ; répétable ; "
                      "jamais écrit dans les rapports."),
    _flag("--resume", dest="resume",
          help="Reprendre un audit interrompu à partir du dossier de sortie."),
    click.option("--sample", "sample", type=click.Choice(["rgaa"]), default=None,
                 help="rgaa : auditer l'échantillon exigé par la méthode RGAA."),
    click.option("--pin", "pinned_urls", multiple=True, callback=_none_if_empty,
                 help="Adresse à inclure dans l'échantillon ; répétable."),
    click.option("--sample-seed", "sample_seed", type=int, default=None,
                 help="Graine du tirage aléatoire de l'échantillon (0 par défaut)."),
    click.option("--discover-pages", "discover_pages", type=click.IntRange(1, 100_000),
                 default=None, help="Pages parcourues pour choisir l'échantillon (500)."),
    click.option("--eco-protocol", "eco_protocol", type=click.Choice(["fast", "ecoindex"]),
                 default=None,
                 help="Mesure écologique : fast (chargement, réseau calme ; par défaut) ou "
                      "ecoindex (protocole EcoIndex publié : 1920×1080, cache vide, attente, "
                      "défilement ; environ 6 s de plus par page)."),
    click.option("--max-crops-per-page", "max_crops_per_page", type=click.IntRange(0, 100),
                 default=None,
                 help="Vignettes d'éléments en échec gardées par page (10 par défaut ; "
                      "0 : aucune capture d'écran)."),
    click.option("--idle-wait-ms", "idle_wait_ms", type=click.IntRange(0, 60_000), default=None,
                 help="Après le chargement, attente maximale du calme réseau, en ms "
                      "(1500 par défaut ; 0 : aucune)."),
    click.option("--interaction-budget-ms", "interaction_budget_ms",
                 type=click.IntRange(0, 60_000), default=None,
                 help="Temps maximal par page des sondes d'interaction (clavier, survol, "
                      "mouvement), en ms (5000 par défaut ; 0 : aucune sonde)."),
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


class UnknownCrawlSetting(LocalisedError, ValueError):
    """A crawl setting that does not exist (a `[config]` text)."""

    def __init__(self, problem: str, /, **params: Any) -> None:
        super().__init__(f"config.{problem}", **params)


def crawl_settings(overrides: dict[str, Any], base: dict[str, Any] | None = None) -> CrawlSettings:
    """CrawlSettings from config values (`base`) overridden by command-line values."""
    values = {**(base or {}), **overrides}
    unknown = set(values) - CRAWL_FIELDS
    if unknown:
        raise UnknownCrawlSetting("unknown_crawl_setting", names=", ".join(sorted(unknown)))
    return CrawlSettings(**values)
