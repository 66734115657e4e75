"""A filled audit grid turned into manual verdicts (`rgaa-audit/verdicts/1`).

Every C, NC or NA cell of a used page sheet becomes a criterion-level verdict; NT cells give
none (not decided). Column F (*modifications à apporter*) gives the recommendation, minus the
failure lines rgaa-audit's own export wrote there ("• 1.1.1 …"); a `D` in column E gives a
dérogation whose justification, end date and alternative are read from column G; extra
columns become the comment. With the report the grid was made from (`--report`), pages are
matched to the report's by URL (exact, else the same scheme, host, path and query), each
verdict is stamped with the fingerprint of what was judged, and cells where the grid only
repeats what the checks decided, with nothing added, are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rgaa_audit import __version__
from rgaa_audit.conclude.grid_import.ods import GridFileError
from rgaa_audit.conclude.grid_import.read import Grid, GridCell, GridPage
from rgaa_audit.conclude.manual import judged_fingerprint
from rgaa_audit.conclude.verdicts_file import Derogation, ManualVerdict
from rgaa_audit.model import PageStatus

TOOL = f"rgaa-audit {__version__}"
_GENERATED = re.compile(r"^(•|…)")  # failure lines and "… et N autre(s)" of the export
_RECOMMENDATION = re.compile(r"^(recommandation|recommendation)\s*:\s*(.*)$", re.I | re.S)
_COMMENT = re.compile(r"^(commentaire|comment)\s*:\s*(.*)$", re.I | re.S)
_UNTIL = re.compile(r"^(jusqu'au|jusqu’au|until)\s+(\d{4}-\d{2}-\d{2})$", re.I)
_ALTERNATIVE = re.compile(r"^alternative\s*:\s*(.*)$", re.I | re.S)
_GLOB = re.compile(r"[*\[\]]")


@dataclass(frozen=True)
class Imported:
    """What an import found: the verdicts, the pages they name, the NT cells left open."""

    verdicts: tuple[ManualVerdict, ...]
    pages: int
    untested: int


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _normal(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}{path}?{parts.query}"


def _texts(cell: GridCell) -> tuple[str, str]:
    """(recommendation, comment) from column F and the extra columns."""
    recommendation, comment = [], []
    for line in cell.changes.splitlines():
        line = line.strip()
        if not line or _GENERATED.match(line):
            continue
        if found := _RECOMMENDATION.match(line):
            recommendation.append(found.group(2).strip())
        elif found := _COMMENT.match(line):
            comment.append(found.group(2).strip())
        else:
            recommendation.append(line)
    comment.extend(f"{label} : {value}" for label, value in cell.extra)
    return "\n".join(r for r in recommendation if r), "\n".join(c for c in comment if c)


def _derogation(text: str) -> Derogation:
    justification, until, alternative = [], "", ""
    for line in text.splitlines():
        line = line.strip()
        if found := _UNTIL.match(line):
            until = found.group(2)
        elif found := _ALTERNATIVE.match(line):
            alternative = found.group(1).strip()
        elif line:
            justification.append(line)
    return Derogation("\n".join(justification) or text.strip(), until, alternative)


def _report_pages(report: dict[str, Any]) -> tuple[dict[str, dict], dict[str, dict]]:
    exact, normal = {}, {}
    for page in report.get("pages") or []:
        if page.get("status") != PageStatus.AUDITED.value:
            continue
        for url in (page.get("url"), page.get("final_url")):
            if url:
                exact.setdefault(url, page)
                normal.setdefault(_normal(url), page)
    return exact, normal


def _page_name(grid: Grid, page: GridPage, report_page: dict[str, Any] | None) -> str:
    if report_page is not None:
        path = _path(report_page["url"])
        return path if not _GLOB.search(path) else report_page["url"]
    if not re.match(r"^https?://[^\s/]+", page.url) or len(page.url) > 2000:
        raise GridFileError("grid.bad_url", file=grid.where, row=page.row, url=page.url[:200])
    return page.url


def grid_verdicts(grid: Grid, report: dict[str, Any] | None = None,
                  report_name: str = "") -> Imported:
    """The verdicts a grid holds; pages matched to `report`'s when it is given."""
    exact, normal = _report_pages(report) if report is not None else ({}, {})
    seen: dict[str, int] = {}
    verdicts: list[ManualVerdict] = []
    untested = 0
    for page in grid.pages:
        key = _normal(page.url)
        if key in seen:
            raise GridFileError("grid.duplicate_url", file=grid.where, row=page.row,
                                url=page.url[:200], first=seen[key])
        seen[key] = page.row
        report_page = None
        if report is not None:
            report_page = exact.get(page.url) or normal.get(key)
            if report_page is None:
                raise GridFileError("grid.page_not_in_report", file=grid.where,
                                    sheet=page.sheet, url=page.url[:200], report=report_name)
        name = _page_name(grid, page, report_page)
        for cell in page.cells:
            if cell.status == "NT":
                untested += 1
                continue
            recommendation, comment = _texts(cell)
            derogation = _derogation(cell.comments) if cell.derogation else None
            fingerprint = ""
            if report_page is not None:
                automatic = (report_page.get("criteria") or {}).get(cell.criterion) or {}
                if (automatic.get("status") == cell.status and not recommendation
                        and not comment and derogation is None):
                    continue  # the grid repeats what the checks decided
                fingerprint = judged_fingerprint(report_page, cell.criterion)
            verdicts.append(ManualVerdict(
                page=name, criterion=cell.criterion, status=cell.status, comment=comment,
                recommendation=recommendation, auditor=grid.auditor, date=grid.date,
                derogation=derogation, fingerprint=fingerprint, tool=TOOL))
    return Imported(tuple(verdicts), len(grid.pages), untested)
