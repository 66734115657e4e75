"""`rgaa-audit history`: the trends of the recorded audits, and importing old reports.

    rgaa-audit history [SITE] [--db URL] [--out DIR] [--lang en]
    rgaa-audit history import REPORT.json|FOLDER... [--db URL]

The first prints one table per site (date, global and average rates, decided and NC criteria,
median EcoIndex, pages) and writes DIR/history.html with the same figures as charts; the second
records report.json files (a folder is searched for them) into the history, idempotently.
"""

from __future__ import annotations

from pathlib import Path

import click

from rgaa_audit import i18n
from rgaa_audit.cli.errors import FatalError, fatal_on_errors
from rgaa_audit.cli.language import language, set_language
from rgaa_audit.report import i18n as report_i18n
from rgaa_audit.report.history import render_trends
from rgaa_audit.store.files import REPORT_FILE, write_text_atomic
from rgaa_audit.store.history import AuditRow, History, open_history, record_report
from rgaa_audit.store.history.db import shown

DEFAULT_OUT = "rgaa-audit-history"
HTML_FILE = "history.html"
MAX_IMPORTED = 100_000


def _say(key: str, /, **params: object) -> str:
    return i18n.text(f"history.{key}", language(), **params)


def _rate(value: float | None) -> str:
    return report_i18n.format_rate(value, language()) if value is not None else "—"


def _table(rows: list[AuditRow]) -> str:
    lang = language()
    header = [_say(k) for k in ("col_date", "col_global", "col_average", "col_decided",
                                "col_nc", "col_eco", "col_pages")]
    lines: list[list[str]] = []
    for r in rows:
        eco = ("—" if r.ecoindex_median is None
               else report_i18n.format_number(r.ecoindex_median, lang, 1)
               + (f" {r.ecoindex_grade}" if r.ecoindex_grade else ""))
        lines.append([r.started_at.strftime("%Y-%m-%d %H:%M"), _rate(r.global_rate),
                      _rate(r.average_rate), str(r.decided_criteria), str(r.nc_criteria), eco,
                      str(r.pages_audited)])
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(len(header))]
    out = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                     for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
           for row in [header, *lines]]
    return "\n".join(out)


def _reports(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.rglob(REPORT_FILE))
            if not inside:
                raise FatalError(_say("nothing_found", path=str(path)))
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise FatalError(_say("bad_report", file=str(path), reason="?"))
    return found[:MAX_IMPORTED]


def _import(history: History, paths: tuple[Path, ...]) -> None:
    reports = _reports(paths)
    for report in reports:
        audit_id = record_report(history, report)
        click.echo(_say("imported", file=str(report), id=audit_id))
    click.echo(_say("import_summary", count=len(reports), db=shown(history.url),
                    audits=len(history.audits())))


def _trends(history: History, site: str | None, out_dir: Path) -> None:
    rows = history.audits(site)
    db = shown(history.url)
    if not rows:
        click.echo(_say("no_audits_site", site=site, db=db) if site else _say("no_audits", db=db))
    by_site: dict[str, list[AuditRow]] = {}
    for row in rows:
        by_site.setdefault(row.site, []).append(row)
    for name, audits in by_site.items():
        click.echo(_say("site_line", site=name, count=len(audits)))
        click.echo(_table(audits))
        click.echo()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / HTML_FILE
    write_text_atomic(target, render_trends(rows, language(), site))
    click.echo(_say("written", path=str(target)))


@click.command(context_settings={"ignore_unknown_options": False})
@click.argument("words", nargs=-1)
@click.option("--db", "db", metavar="PATH|URL", default=None,
              help="Base d'historique : fichier SQLite ou URL (postgresql://…) ; "
                   "défaut $RGAA_AUDIT_DB, sinon le fichier de l'utilisateur.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_OUT, show_default=True, help="Dossier de la page d'évolution.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@fatal_on_errors
def history(words: tuple[str, ...], db: str | None, out_dir: Path, lang: str) -> None:
    """Évolution des audits enregistrés (tableau et page HTML), ou import de rapports.

    \b
    rgaa-audit history [SITE]                      tableau par site et DIR/history.html
    rgaa-audit history import REPORT.json|DOSSIER  enregistre d'anciens rapports
    """
    set_language(lang)
    importing = bool(words) and words[0] == "import"
    if importing and len(words) < 2:
        raise click.UsageError("history import REPORT.json|FOLDER...")
    if not importing and len(words) > 1:
        raise click.UsageError("history [SITE]")
    with open_history(db) as handle:
        if importing:
            _import(handle, tuple(Path(w) for w in words[1:]))
        else:
            _trends(handle, words[0] if words else None, out_dir)
