"""`rgaa-audit review OUT_DIR`: finish an audit by hand in a local web app.

Serves the review app (rgaa_audit/review/) on 127.0.0.1 with a random token in its URL, prints
that URL and opens it in the browser (unless --no-open). Each decision is written at once to
the verdicts file (OUT_DIR/verdicts.toml unless --verdicts names another one).
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from rgaa_audit import i18n
from rgaa_audit.cli.errors import FatalError, fatal_on_errors
from rgaa_audit.cli.language import set_language
from rgaa_audit.conclude.verdicts_file import VerdictsError
from rgaa_audit.store.files import REPORT_FILE

VERDICTS_FILE = "verdicts.toml"


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--verdicts", "verdicts_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Fichier de verdicts à lire et écrire "
                                 "(par défaut OUT_DIR/verdicts.toml, créé s'il manque).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port sur 127.0.0.1 (0 : un port libre).")
@click.option("--no-open", "no_open", is_flag=True, help="Ne pas ouvrir le navigateur.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def review(out_dir: Path, verdicts_path: Path | None, port: int, no_open: bool,
           lang: str) -> None:
    """Revue manuelle d'un audit dans une application web locale (127.0.0.1)."""
    from rgaa_audit.review.app import create_app, new_token
    from rgaa_audit.review.server import app_url, bind, serve
    from rgaa_audit.review.state import Review

    set_language(lang)
    if not (out_dir / REPORT_FILE).is_file():
        raise FatalError(i18n.text("review.cli.no_report", lang, path=out_dir))
    verdicts_path = verdicts_path or out_dir / VERDICTS_FILE
    try:
        state = Review(out_dir, verdicts_path)
    except VerdictsError as error:
        raise FatalError(error.text(lang)) from None
    if not state.pages:
        raise FatalError(i18n.text("review.cli.no_pages", lang, path=out_dir))
    token = new_token()
    sock = bind(port)
    url = app_url(sock, token)
    click.echo(i18n.text("review.cli.serving", lang, url=url))
    click.echo(i18n.text("review.cli.stop", lang, path=verdicts_path), err=True)
    if not no_open:
        webbrowser.open(url)
    try:
        serve(create_app(state, token, lang), sock)
    finally:
        sock.close()
