"""The `rgaa-audit` command line.

Exit codes: 0 done; 1 done but a gate failed; 2 bad usage or fatal error (one line, no traceback).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from rgaa_audit import __version__
from rgaa_audit.capture.browser import BrowserNotFound, find_browser
from rgaa_audit.cli_crawl_options import crawl_options, crawl_settings, split_crawl_options
from rgaa_audit.cli_progress import make_progress
from rgaa_audit.crawl.crawler import CrawlSettings
from rgaa_audit.report.outputs import DEFAULT_FORMATS, parse_formats, write_outputs

EXIT_OK, EXIT_GATE, EXIT_FATAL = 0, 1, 2


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


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that audits pages."""
    options = [
        click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=Path("rgaa-audit-report"), show_default=True,
                     help="Dossier où écrire les rapports."),
        click.option("--browser-path", type=str, default=None,
                     help="Chemin de l'exécutable Chromium à utiliser."),
        click.option("--format", "formats", default=",".join(DEFAULT_FORMATS),
                     show_default=True,
                     help="Formats de sortie, séparés par des virgules : "
                          "json, html, sarif, junit, gitlab, markdown."),
        click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                     help="Langue des rapports."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _formats(text: str) -> tuple[str, ...]:
    try:
        formats = parse_formats(text)
    except ValueError as error:
        raise FatalError(str(error)) from None
    return formats if "json" in formats else ("json", *formats)


def _run(start_url: str | None, urls: list[str], out_dir: Path | None, settings: CrawlSettings,
         browser_path: str | None, lang: str) -> dict[str, Any]:
    from rgaa_audit.pipeline import AuditSettings, run_audit

    browser = find_browser(browser_path)
    progress = make_progress()
    with progress:
        return run_audit(browser, AuditSettings(settings, lang), progress, out_dir,
                         start_url=start_url, urls=urls)


def _finish(report: dict[str, Any], out_dir: Path, formats: tuple[str, ...], lang: str) -> int:
    """Write the outputs, print where they are and the headline figures; return the exit code."""
    paths = write_outputs(report, out_dir, formats, lang)
    summary = report["summary"]
    if not summary["pages_audited"]:
        first_error = next((p.get("error") for p in report["pages"] if p.get("error")), None)
        reason = first_error or "aucune page trouvée"
        raise FatalError(f"aucune page n'a pu être auditée : {reason}")
    rate = summary["global_rate"]
    click.echo(
        f"{summary['pages_audited']} page(s) auditée(s), "
        f"{summary['pages_failed']} en échec ; "
        f"taux global {'—' if rate is None else f'{rate:.2f} %'} "
        f"({summary['decided_criteria']} critères décidés, "
        f"{summary['untested_criteria']} non testés)")
    for path in paths:
        click.echo(f"  {path}")
    return EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rgaa-audit")
def cli() -> None:
    """Audit d'accessibilité (RGAA 4.1.2) et d'écoconception de sites web."""


@cli.command()
@click.argument("url")
@crawl_options
@common_options
@fatal_on_errors
def audit(url: str, out_dir: Path, browser_path: str | None, formats: str, lang: str,
          **options: Any) -> None:
    """Parcourt le site à partir de URL (même origine) et l'audite."""
    chosen = _formats(formats)
    crawl, _ = split_crawl_options(options)
    settings = crawl_settings(crawl)
    report = _run(check_url(url), [], out_dir, settings, browser_path, lang)
    sys.exit(_finish(report, out_dir, chosen, lang))


@cli.command()
@crawl_options
@common_options
@fatal_on_errors
def demo(out_dir: Path, browser_path: str | None, formats: str, lang: str,
         **options: Any) -> None:
    """Sert le portail de démonstration sur 127.0.0.1 et l'audite."""
    from rgaa_audit.demo.server import serve_demo

    chosen = _formats(formats)
    crawl, _ = split_crawl_options(options)
    settings = crawl_settings(crawl)
    with serve_demo() as base_url:
        click.echo(f"Portail de démonstration servi sur {base_url}", err=True)
        report = _run(base_url, [], out_dir, settings, browser_path, lang)
    sys.exit(_finish(report, out_dir, chosen, lang))


def _page_url(target: str) -> str:
    if target.startswith(("http://", "https://")):
        return check_url(target)
    path = Path(target)
    if not path.is_file():
        raise FatalError(f"fichier introuvable : {target}")
    return path.resolve().as_uri()


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json : liste JSON des résultats de page sur la sortie.")
@click.option("--page-timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True)
@click.option("--browser-path", type=str, default=None)
@fatal_on_errors
def page(targets: tuple[str, ...], output: str, page_timeout: float,
         browser_path: str | None) -> None:
    """Audite des pages isolées (fichiers locaux ou URL), sans parcourir le site."""
    urls = [_page_url(t) for t in targets]
    settings = CrawlSettings(len(urls), page_timeout, concurrency=1, follow_links=False)
    report = _run(None, urls, None, settings, browser_path, "fr")
    pages = report["pages"]
    if output == "json":
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
    sys.exit(EXIT_OK if any(p["status"] == "audited" for p in pages) else EXIT_FATAL)


@cli.command()
@click.argument("report_path", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier de sortie (par défaut, celui du rapport).")
@click.option("--format", "formats", default="html", show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def render(report_path: Path, out_dir: Path | None, formats: str, lang: str) -> None:
    """Produit d'autres formats à partir d'un report.json existant."""
    from rgaa_audit.store.files import load_report

    report = load_report(report_path)
    folder = out_dir or (report_path if report_path.is_dir() else report_path.parent)
    for path in write_outputs(report, folder, parse_formats(formats), lang):
        click.echo(str(path))


def main() -> None:
    """Entry point of the `rgaa-audit` command."""
    cli(prog_name="rgaa-audit")
