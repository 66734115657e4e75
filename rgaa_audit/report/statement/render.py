"""The statement's two files, rendered together before anything is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rgaa_audit.report.statement.content import build_document
from rgaa_audit.report.statement.html import render_html
from rgaa_audit.report.statement.markdown import render_markdown
from rgaa_audit.report.statement.settings import StatementSettings

BASENAME = "declaration-accessibilite"


def file_names(lang: str) -> tuple[str, str]:
    """declaration-accessibilite.html/.md in French; .en.html/.en.md for the translation."""
    stem = BASENAME if lang == "fr" else f"{BASENAME}.{lang}"
    return f"{stem}.html", f"{stem}.md"


def render_statement(report: dict[str, Any], settings: StatementSettings, lang: str = "fr",
                     draft: bool = False, today: dt.date | None = None) -> dict[str, str]:
    """{file name: text} for the HTML page and the Markdown file of the statement."""
    document = build_document(report, settings.require(), lang, draft, today)
    html_name, markdown_name = file_names(document.lang)
    return {html_name: render_html(document), markdown_name: render_markdown(document)}
