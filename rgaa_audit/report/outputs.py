"""Which renderer writes which file: every output is rendered from the stored report only."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rgaa_audit.errors import LocalisedError
from rgaa_audit.report import ara_csv, gitlab, grid, html, junit, markdown, sarif
from rgaa_audit.report.grid.atomic import write_bytes_atomic
from rgaa_audit.store.files import write_text_atomic

# format -> (file name, module, render function taking (report, lang) and returning text)
FORMATS: dict[str, tuple[str, str, str]] = {
    "json": ("report.json", "", ""),
    "html": ("report.html", "rgaa_audit.report.html", "render_html"),
    "sarif": ("report.sarif", "rgaa_audit.report.sarif", "render_sarif"),
    "junit": ("report.junit.xml", "rgaa_audit.report.junit", "render_junit"),
    "gitlab": ("report.gitlab.json", "rgaa_audit.report.gitlab", "render_gitlab"),
    "markdown": ("report.md", "rgaa_audit.report.markdown", "render_markdown"),
    "grid": ("grille-audit.ods", "rgaa_audit.report.grid", "render_grid"),  # bytes
    "ara-csv": ("report.ara.csv", "rgaa_audit.report.ara_csv", "render_ara_csv"),
}
DEFAULT_FORMATS = ("json", "html")
# The renderer modules, imported by name above (never loaded from a computed name).
_MODULES = {module.__name__: module
            for module in (html, sarif, junit, gitlab, markdown, grid, ara_csv)}


class UnknownFormat(LocalisedError, ValueError):
    """A format name rgaa-audit does not write."""


def parse_formats(text: str) -> tuple[str, ...]:
    """'json,html' -> ('json', 'html'); raises ValueError naming an unknown format."""
    parts = (part.strip().lower() for part in text.split(","))
    formats = tuple(dict.fromkeys(part for part in parts if part))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        known = ", ".join(FORMATS)
        raise UnknownFormat("outputs.unknown_format", formats=", ".join(unknown), known=known)
    return formats


def renderer(fmt: str) -> Callable[..., str | bytes]:
    _, module, function = FORMATS[fmt]
    if not module:
        return lambda report, lang="fr": json.dumps(report, ensure_ascii=False, indent=1)
    return getattr(_MODULES[module], function)


def write_outputs(report: dict[str, Any], out_dir: Path, formats: Iterable[str],
                  lang: str = "fr") -> list[Path]:
    """Render each format into `out_dir`; returns the written paths."""
    written = []
    for fmt in formats:
        path = out_dir / FORMATS[fmt][0]
        if fmt == "html":  # evidence crops are read from the report folder
            write_text_atomic(path, renderer(fmt)(report, lang=lang, base_dir=out_dir))
        elif fmt != "json" or not path.exists():
            rendered = renderer(fmt)(report, lang=lang)
            if isinstance(rendered, bytes):  # binary outputs (the ODS grid)
                write_bytes_atomic(path, rendered)
            else:
                write_text_atomic(path, rendered)
        written.append(path)
    return written
