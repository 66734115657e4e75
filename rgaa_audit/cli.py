"""The `rgaa-audit` command line.

Exit codes: 0 done; 1 done but a gate failed; 2 bad usage or fatal error (one line, no traceback).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from rgaa_audit import __version__
from rgaa_audit.capture.browser import BrowserNotFound, find_browser
from rgaa_audit.cli_crawl_options import crawl_options, crawl_settings, split_crawl_options
from rgaa_audit.cli_progress import make_progress
from rgaa_audit.conclude.baseline import (
    DEFAULT_BASELINE_FILE,
    SITE_KEY,
    Baseline,
    Finding,
    load_baseline,
    save_baseline,
)
from rgaa_audit.conclude.conclusion import ConclusionSettings, conclude
from rgaa_audit.conclude.gates import Gate
from rgaa_audit.conclude.waivers import Waiver
from rgaa_audit.config import CONFIG_FILE, STARTER, Config, load_config
from rgaa_audit.crawl.crawler import CrawlSettings
from rgaa_audit.model import bounded
from rgaa_audit.report.outputs import DEFAULT_FORMATS, FORMATS, parse_formats, write_outputs
from rgaa_audit.store.files import REPORT_FILE, load_report, write_json_atomic, write_text_atomic

EXIT_OK, EXIT_GATE, EXIT_FATAL = 0, 1, 2
DEFAULT_OUT = "rgaa-audit-report"
MAX_NEW_LISTED = 20


class FatalError(click.ClickException):
    """A one-line error that ends the command with exit code 2."""

    exit_code = EXIT_FATAL

    def show(self, file: Any = None) -> None:
        click.echo(f"rgaa-audit : erreur : {self.format_message()}", err=True)


def fatal_on_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one-line errors, exit 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrowserNotFound as error:
            raise FatalError(str(error)) from None
        except KeyboardInterrupt:
            raise FatalError("interrompu ; les pages déjà auditées sont dans pages.jsonl") from None
        except (OSError, ValueError) as error:
            raise FatalError(str(error).splitlines()[0] if str(error) else repr(error)) from None

    return wrapper


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FatalError(f"URL invalide : {url!r} (attendu : http://… ou https://…)")
    return url


# -- options -------------------------------------------------------------------------------

def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Where and how to write the reports (defaults: the configuration, then built-in)."""
    options = [
        click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=None, help=f"Dossier où écrire les rapports ({DEFAULT_OUT})."),
        click.option("--browser-path", type=str, default=None,
                     help="Chemin de l'exécutable Chromium à utiliser."),
        click.option("--format", "formats", default=None,
                     help="Formats de sortie, séparés par des virgules : json, html, sarif, "
                          f"junit, gitlab, markdown ({','.join(DEFAULT_FORMATS)})."),
        click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
                     help="Langue des rapports (fr)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def gate_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Configuration file, gates and baseline: the same on audit, demo and page."""
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                     default=None, help="Fichier de configuration (par défaut : rgaa-audit.toml "
                                        "ou [tool.rgaa-audit] de pyproject.toml, s'ils existent)."),
        click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
                     help="Taux global minimal (%) ; en dessous, code de sortie 1."),
        click.option("--baseline", "baseline_path",
                     type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Fichier de référence : seuls les nouveaux constats comptent."),
        click.option("--exit-zero", is_flag=True, default=False,
                     help="Toujours sortir avec 0 quand l'audit a pu se faire (seuils affichés)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@dataclass(frozen=True)
class RunPlan:
    """What to do with a finished report: outputs, waivers, baseline and gates."""

    out_dir: Path | None
    formats: tuple[str, ...]
    lang: str
    browser_path: str | None
    gates: tuple[Gate, ...]
    waivers: tuple[Waiver, ...]
    baseline: Baseline | None
    baseline_file: str
    exit_zero: bool
    config: Config

    @property
    def conclusion_settings(self) -> ConclusionSettings:
        return ConclusionSettings(self.gates, self.waivers, self.baseline, self.baseline_file,
                                  self.exit_zero)


def _formats(text: str | None, config: Config) -> tuple[str, ...]:
    if text is None:
        formats = config.formats or DEFAULT_FORMATS
    else:
        try:
            formats = parse_formats(text)
        except ValueError as error:
            raise FatalError(str(error)) from None
    return formats if "json" in formats else ("json", *formats)


def _plan(config_path: Path | None, out_dir: Path | None, formats: str | None,
          lang: str | None, browser_path: str | None, fail_under: float | None,
          baseline_path: Path | None, exit_zero: bool) -> RunPlan:
    config = load_config(config_path)
    gates = tuple(g for g in config.gates if not (fail_under is not None
                                                   and g.name == "fail-under"))
    if fail_under is not None:
        gates = (Gate("fail-under", fail_under), *gates)
    baseline_file = baseline_path or config.baseline
    baseline = load_baseline(baseline_file) if baseline_file else None
    return RunPlan(
        out_dir=out_dir or config.out or Path(DEFAULT_OUT),
        formats=_formats(formats, config),
        lang=lang or config.lang or "fr",
        browser_path=browser_path or config.browser_path,
        gates=gates,
        waivers=config.waivers,
        baseline=baseline,
        baseline_file=str(baseline_file or ""),
        exit_zero=exit_zero,
        config=config,
    )


def _run(start_url: str | None, urls: list[str], out_dir: Path | None, settings: CrawlSettings,
         browser_path: str | None, lang: str) -> dict[str, Any]:
    from rgaa_audit.pipeline import AuditSettings, run_audit

    browser = find_browser(browser_path)
    progress = make_progress()
    with progress:
        return run_audit(browser, AuditSettings(settings, lang), progress, out_dir,
                         start_url=start_url, urls=urls)


# -- after the audit: waivers, baseline, outputs, gates ---------------------------------------

def _echo_summary(report: dict[str, Any], paths: list[Path]) -> None:
    summary = report["summary"]
    rate = summary["global_rate"]
    click.echo(
        f"{summary['pages_audited']} page(s) auditée(s), "
        f"{summary['pages_failed']} en échec ; "
        f"taux global {'—' if rate is None else f'{rate:.2f} %'} "
        f"({summary['decided_criteria']} critères décidés, "
        f"{summary['untested_criteria']} non testés)")
    for path in paths:
        click.echo(f"  {path}")


def _conclude(report: dict[str, Any], plan: RunPlan, *, write: bool = True,
              today: dt.date | None = None) -> int:
    """Conclude (waivers, baseline, gates), write the outputs, print the outcome; exit code."""
    conclusion = conclude(report, plan.conclusion_settings, today)
    for waiver in conclusion.expired:
        click.echo(f"rgaa-audit : attention : dérogation expirée le "
                   f"{waiver.expires.isoformat()} pour le critère {waiver.criterion} "
                   f"({waiver.reason[:80]}) : il compte de nouveau", err=True)
    report, comparison = conclusion.report, conclusion.comparison
    paths: list[Path] = []
    if write and plan.out_dir is not None:
        write_json_atomic(plan.out_dir / REPORT_FILE, report)
        paths = write_outputs(report, plan.out_dir, plan.formats, plan.lang)
        if comparison is not None and "markdown" in plan.formats:
            from rgaa_audit.report.markdown import render_markdown

            write_text_atomic(plan.out_dir / FORMATS["markdown"][0],
                              render_markdown(report, plan.lang, diff=conclusion.diff()))
    summary = report["summary"]
    if not summary["pages_audited"]:
        first_error = next((p.get("error") for p in report["pages"] if p.get("error")), None)
        reason = first_error or "aucune page trouvée"
        raise FatalError(f"aucune page n'a pu être auditée : {reason}")
    if write:
        _echo_summary(report, paths)
    if comparison is not None:
        click.echo(f"Référence {plan.baseline_file} : {len(comparison.new)} nouveau(x), "
                   f"{len(comparison.fixed)} corrigé(s), {len(comparison.unchanged)} inchangé(s)")
        for finding in comparison.new[:MAX_NEW_LISTED]:
            click.echo(f"rgaa-audit : nouveau constat : {_finding_line(finding)}", err=True)
        if len(comparison.new) > MAX_NEW_LISTED:
            click.echo(f"rgaa-audit : … et {len(comparison.new) - MAX_NEW_LISTED} autre(s) "
                       "nouveau(x) constat(s)", err=True)
    for outcome in conclusion.outcomes:
        click.echo(f"rgaa-audit : {outcome.line()}", err=not outcome.passed)
    return conclusion.exit_code


def _finding_line(finding: Finding) -> str:
    data = finding.to_dict()
    where = finding.page if finding.page != SITE_KEY else "site"
    return (f"{data['test']} {bounded(where, 100)} {bounded(data['selector'], 100)} "
            f"({data['source']}) — {bounded(data['message'], 160)}").replace("\n", " ")


# -- commands ------------------------------------------------------------------------------

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rgaa-audit")
def cli() -> None:
    """Audit d'accessibilité (RGAA 4.1.2) et d'écoconception de sites web."""


@cli.command()
@click.argument("url", required=False)
@crawl_options
@output_options
@gate_options
@fatal_on_errors
def audit(url: str | None, out_dir: Path | None, browser_path: str | None, formats: str | None,
          lang: str | None, config_path: Path | None, fail_under: float | None,
          baseline_path: Path | None, exit_zero: bool, **options: Any) -> None:
    """Parcourt le site à partir de URL (même origine) et l'audite.

    Sans URL : l'adresse de départ (start_url) ou la liste (urls) de la configuration.
    """
    plan = _plan(config_path, out_dir, formats, lang, browser_path, fail_under, baseline_path,
                 exit_zero)
    crawl, _ = split_crawl_options(options)
    settings = crawl_settings(crawl, plan.config.crawl)
    urls: list[str] = []
    if url is None and plan.config.urls:
        urls = list(plan.config.urls)
    elif url is None and not plan.config.start_url:
        raise FatalError("adresse manquante : donner URL ou start_url / urls dans la "
                         "configuration")
    start = check_url(url or plan.config.start_url) if not urls else None
    report = _run(start, urls, plan.out_dir, settings, plan.browser_path, plan.lang)
    sys.exit(_conclude(report, plan))


@cli.command()
@crawl_options
@output_options
@gate_options
@fatal_on_errors
def demo(out_dir: Path | None, browser_path: str | None, formats: str | None, lang: str | None,
         config_path: Path | None, fail_under: float | None, baseline_path: Path | None,
         exit_zero: bool, **options: Any) -> None:
    """Sert le portail de démonstration sur 127.0.0.1 et l'audite."""
    from rgaa_audit.demo.server import serve_demo

    plan = _plan(config_path, out_dir, formats, lang, browser_path, fail_under, baseline_path,
                 exit_zero)
    crawl, _ = split_crawl_options(options)
    settings = crawl_settings(crawl, plan.config.crawl)
    with serve_demo() as base_url:
        click.echo(f"Portail de démonstration servi sur {base_url}", err=True)
        report = _run(base_url, [], plan.out_dir, settings, plan.browser_path, plan.lang)
    sys.exit(_conclude(report, plan))


def _page_url(target: str) -> str:
    if target.startswith(("http://", "https://")):
        return check_url(target)
    path = Path(target)
    if not path.is_file():
        raise FatalError(f"fichier introuvable : {target}")
    return path.resolve().as_uri()


@cli.command()
@click.argument("targets", nargs=-1)
@click.option("--format", "output", default="text", show_default=True,
              help="text ou json : résultat sur la sortie standard. Avec --out : formats des "
                   "fichiers (json, html, sarif, junit, gitlab, markdown), résumé en texte.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier où écrire les rapports (sinon rien n'est écrit).")
@click.option("--page-timeout", type=click.FloatRange(1, 600), default=None,
              help="Délai maximal par page, en secondes (30).")
@click.option("--browser-path", type=str, default=None)
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None)
@gate_options
@fatal_on_errors
def page(targets: tuple[str, ...], output: str, out_dir: Path | None, page_timeout: float | None,
         browser_path: str | None, lang: str | None, config_path: Path | None,
         fail_under: float | None, baseline_path: Path | None, exit_zero: bool) -> None:
    """Audite des pages isolées (fichiers locaux ou URL), sans parcourir le site."""
    stdout_format = output.strip().lower()
    if out_dir is None and stdout_format not in ("text", "json"):
        raise FatalError(f"--format {output!r} : text ou json sans --out")
    file_formats = None if out_dir is None or stdout_format == "text" else output
    plan = _plan(config_path, out_dir, file_formats, lang, browser_path, fail_under,
                 baseline_path, exit_zero)
    if out_dir is None:
        plan = dataclasses.replace(plan, out_dir=None)
    urls = [_page_url(t) for t in targets] or list(plan.config.urls)
    if not urls:
        raise FatalError("aucune page à auditer : donner des fichiers ou des URL")
    timeout = page_timeout or plan.config.crawl.get("page_timeout", 30.0)
    settings = CrawlSettings(len(urls), timeout, concurrency=1, follow_links=False)
    report = _run(None, urls, plan.out_dir, settings, plan.browser_path, plan.lang)
    pages = report["pages"]
    if not any(p["status"] == "audited" for p in pages):
        first_error = next((p.get("error") for p in pages if p.get("error")), None)
        raise FatalError(f"aucune page n'a pu être auditée : {first_error or 'inconnue'}")
    if out_dir is None and stdout_format == "json":
        click.echo(json.dumps(pages, ensure_ascii=False, indent=1))
    else:
        for page_data in pages:
            rate = page_data.get("rate")
            nc = sorted(c for c, v in page_data.get("criteria", {}).items()
                        if v["status"] == "NC")
            click.echo(f"{page_data['url']} : {page_data['status']}"
                       + (f", taux {rate:.2f} %" if rate is not None else "")
                       + (f", NC : {' '.join(nc)}" if nc else "")
                       + (f" ({page_data['error']})" if page_data.get("error") else ""))
    sys.exit(_conclude(report, plan, write=out_dir is not None))


@cli.command()
@click.argument("report_path", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier de sortie (par défaut, celui du rapport).")
@click.option("--format", "formats", default="html", show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def render(report_path: Path, out_dir: Path | None, formats: str, lang: str) -> None:
    """Produit d'autres formats à partir d'un report.json existant."""
    report = load_report(report_path)
    folder = out_dir or (report_path if report_path.is_dir() else report_path.parent)
    for path in write_outputs(report, folder, parse_formats(formats), lang):
        click.echo(str(path))


@cli.command()
@click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(CONFIG_FILE), show_default=True)
@click.option("--force", is_flag=True, help="Remplacer un fichier existant.")
@fatal_on_errors
def init(output: Path, force: bool) -> None:
    """Écrit un fichier de configuration de départ, commenté."""
    if output.exists() and not force:
        raise FatalError(f"{output} existe déjà (--force pour le remplacer)")
    write_text_atomic(output, STARTER)
    click.echo(str(output))


@cli.group()
def baseline() -> None:
    """Fichier de référence : les constats déjà connus, pour ne bloquer que les nouveaux."""


@baseline.command("save")
@click.argument("report_path", type=click.Path(exists=True, path_type=Path))
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(DEFAULT_BASELINE_FILE), show_default=True)
@fatal_on_errors
def baseline_save(report_path: Path, output: Path) -> None:
    """Enregistre les constats de REPORT (report.json ou son dossier) comme référence."""
    saved = save_baseline(load_report(report_path), output)
    click.echo(f"{saved.total} constat(s) sur {len(saved.entries)} couple(s) page/test "
               f"enregistrés dans {output}")


@cli.command()
@click.argument("old_path", type=click.Path(exists=True, path_type=Path))
@click.argument("new_path", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def diff(old_path: Path, new_path: Path, output: str, lang: str) -> None:
    """Compare deux report.json : taux, critères, constats nouveaux et corrigés, écoconception."""
    from rgaa_audit.conclude.diff import diff_reports
    from rgaa_audit.report.diff import render_diff_markdown, render_diff_text

    old, new = load_report(old_path), load_report(new_path)
    changes = diff_reports(old, new)
    text = (render_diff_markdown(new, changes, lang) if output == "markdown"
            else render_diff_text(changes, lang))
    click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@click.option("--coverage", is_flag=True,
              help="Quels contrôles servent chaque test, et s'ils peuvent conclure C ou NC.")
@click.option("--markdown", is_flag=True, help="Sortie en Markdown (sinon, texte).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def criteria(coverage: bool, markdown: bool, lang: str) -> None:
    """Liste les critères RGAA (ou, avec --coverage, ce que l'outil sait en décider)."""
    if coverage:
        from rgaa_audit.coverage import coverage_markdown, coverage_text

        text = coverage_markdown(lang) if markdown else coverage_text(lang)
        click.echo(text, nl=not text.endswith("\n"))
        return
    from rgaa_audit.referential import load_referential

    for theme in load_referential().themes:
        click.echo(f"{theme.number}. {theme.title(lang)}")
        for item in theme.criteria:
            classes = "".join(t.automation[0].upper() for t in item.tests)
            title = item.title(lang)
            click.echo(f"  {item.id:<6} {item.level:<3} {title}  [{classes}]  {item.url}")


def main() -> None:
    """Entry point of the `rgaa-audit` command."""
    cli(prog_name="rgaa-audit")
