"""Fill the official RGAA 4.1.2 audit grid (DINUM template, shipped unchanged) from a report.

What is written, and only there: `Échantillon` B3:B6 (date, auditor, context, site) and one
row per page (title, URL); in each page sheet `Pnn` the cells D (status C/NC/NA/NT),
E (dérogation D/N), F (modifications à apporter: the findings and the recommendation) and
G (dérogation comments). Page sheets beyond the sample are set all NA, as the grid's
instructions ask, so that its own rates compute. More than 20 pages: the workbook is extended
(`extend.py`). Every formula is then computed again and its value stored (`formula.py`).

A criterion that the checks comparing pages found failing site-wide (same title on several
pages...) is NC over the sample in rgaa-audit; the grid only knows page cells, so that NC is
written on the pages the finding names (the first audited page when it names none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rgaa_audit.conclude.grid_import.ods import Sheet, Workbook, clean_text, set_text
from rgaa_audit.errors import LocalisedError
from rgaa_audit.i18n import finding_text, text
from rgaa_audit.model import PageStatus
from rgaa_audit.paths import data_dir
from rgaa_audit.referential import criterion_of
from rgaa_audit.report.grid.extend import extend_pages
from rgaa_audit.report.grid.formula import recalculate

TEMPLATE = "rgaa4.1.2.modele-de-grille-d-audit.ods"
TEMPLATE_PAGES = 20
SAMPLE_SHEET = "Échantillon"
FIRST_PAGE_ROW = 8  # row 9: P01
HEADER_ROW = 2  # row 3 of a page sheet
STATUS, DEROGATION, CHANGES, COMMENTS = 3, 4, 5, 6  # columns D, E, F, G
CELL_MAX = 4000  # characters in one cell of the grid
ITEMS_MAX = 25  # findings listed in one cell
TITLE_MAX, URL_MAX = 300, 2000
STATUSES = ("C", "NC", "NA", "NT")


class GridExportError(LocalisedError, ValueError):
    """A report the grid cannot be written from."""


def template_path():
    return data_dir("reports") / "templates" / "grid" / TEMPLATE


def page_sheet_name(number: int) -> str:
    return f"P{number:02d}"


@dataclass(frozen=True)
class GridPage:
    """One page of the sample as the grid shows it."""

    url: str
    title: str
    statuses: dict[str, str]
    changes: dict[str, str]
    derogations: dict[str, str]
    comments: dict[str, str]


def criterion_rows(sheet: Sheet) -> dict[str, int]:
    """Criterion id -> row of a page sheet, read from its column B ("1.1" ... "13.12")."""
    rows = {}
    for row in range(HEADER_ROW + 1, HEADER_ROW + 140):
        value = sheet.text(row, 1).strip()
        if value and value[0].isdigit():
            rows[value] = row
    return rows


def _lines(items: Iterable[str]) -> str:
    kept = [i for i in items if i]
    return clean_text("\n".join(kept), CELL_MAX)


def _changes(cell: dict[str, Any], lang: str, extra: list[str]) -> str:
    findings = [f for f in cell.get("findings", []) if f.get("kind", "failure") == "failure"]
    lines = []
    for finding in findings[:ITEMS_MAX]:
        message = finding_text(finding, lang)
        selector = finding.get("selector", "")
        lines.append(f"• {finding.get('test', '')} {message}" + (f" ({selector})"
                                                               if selector else ""))
    if len(findings) > ITEMS_MAX:
        lines.append(text("grid.more_findings", lang, count=len(findings) - ITEMS_MAX))
    lines.extend(extra)
    manual = cell.get("manual") or {}
    for record in (manual, *(cell.get("manual_tests") or {}).values()):
        if record.get("comment"):
            lines.append(text("grid.comment", lang, text=record["comment"]))
        if record.get("recommendation"):
            lines.append(text("grid.recommendation", lang, text=record["recommendation"]))
    return _lines(lines)


def _derogation(cell: dict[str, Any], lang: str) -> str:
    records = [cell.get("manual") or {}, *(cell.get("manual_tests") or {}).values()]
    for record in records:
        derogation = record.get("derogation")
        if derogation:
            parts = [derogation.get("justification", "")]
            if derogation.get("until"):
                parts.append(text("grid.derogation_until", lang, date=derogation["until"]))
            if derogation.get("alternative"):
                parts.append(text("grid.derogation_alternative", lang,
                                  text=derogation["alternative"]))
            return _lines(parts)
    return ""


def _site_failures(report: dict[str, Any], pages: list[dict[str, Any]],
                   lang: str) -> dict[tuple[int, str], list[str]]:
    """(page index, criterion) -> the site-wide failures to write there."""
    marks: dict[tuple[int, str], list[str]] = {}
    for test, findings in (report.get("site_findings") or {}).items():
        for finding in findings:
            if finding.get("kind") != "failure":
                continue
            named = str((finding.get("params") or {}).get("urls", "")).split(", ")
            indexes = [i for i, p in enumerate(pages)
                       if {p.get("url"), p.get("final_url")} & set(named)] or [0]
            line = text("grid.site_failure", lang, test=test, text=finding_text(finding, lang))
            for index in indexes:
                marks.setdefault((index, criterion_of(test)), []).append(line)
    return marks


def grid_pages(report: dict[str, Any], lang: str) -> list[GridPage]:
    """The audited pages of a report as the grid's page sheets."""
    audited = [p for p in report.get("pages") or [] if p.get("status") == PageStatus.AUDITED.value]
    site = _site_failures(report, audited, lang) if audited else {}
    result = []
    for index, page in enumerate(audited):
        statuses, changes, derogations, comments = {}, {}, {}, {}
        for criterion, cell in (page.get("criteria") or {}).items():
            status = cell.get("status", "NT")
            extra = site.get((index, criterion), [])
            if extra:
                status = "NC"
            statuses[criterion] = status if status in STATUSES else "NT"
            changes[criterion] = _changes(cell, lang, extra)
            comment = _derogation(cell, lang)
            if comment:
                derogations[criterion] = "D"
                comments[criterion] = comment
        result.append(GridPage(
            url=clean_text(page.get("final_url") or page.get("url", ""), URL_MAX),
            title=clean_text(page.get("title", ""), TITLE_MAX), statuses=statuses,
            changes=changes, derogations=derogations, comments=comments))
    return result


def _auditors(report: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for page in report.get("pages") or []:
        for cell in (page.get("criteria") or {}).values():
            name = cell.get("decided_by")
            if cell.get("source") not in (None, "automatic") and name and name not in names:
                names.append(name)
    return names


def _date(report: dict[str, Any]) -> str:
    stamp = (report.get("site") or {}).get("finished_at") or ""
    try:
        return dt.datetime.fromisoformat(stamp).strftime("%d/%m/%Y")
    except ValueError:
        return ""


def _fill_sample(workbook: Workbook, report: dict[str, Any], pages: list[GridPage],
                 slots: int, lang: str) -> None:
    sheet = workbook.sheet(SAMPLE_SHEET)
    tool = report.get("tool") or {}
    version = clean_text(str(tool.get("version", "")), 40)
    auditors = _auditors(report)
    manual = (report.get("manual") or {}).get("applied", 0)
    site = report.get("site") or {}
    host = urlsplit(site.get("start_url", "")).hostname or ""
    values = {
        2: _date(report),
        3: clean_text(", ".join(auditors) if auditors else
                      text("grid.auditor_tool", lang, version=version), TITLE_MAX),
        4: text("grid.context_manual" if manual else "grid.context_auto", lang,
                version=version, count=manual),
        5: clean_text(host, TITLE_MAX),
    }
    for row, value in values.items():
        set_text(sheet.cell(row, 1), value)
    for number in range(slots):
        row = FIRST_PAGE_ROW + number
        page = pages[number] if number < len(pages) else None
        set_text(sheet.cell(row, 0), page_sheet_name(number + 1))
        set_text(sheet.cell(row, 1), page.title if page else "")
        set_text(sheet.cell(row, 2), page.url if page else "")


def _fill_page(sheet: Sheet, rows: dict[str, int], page: GridPage | None) -> None:
    for criterion, row in rows.items():
        if page is None:
            status, derogation, changes, comment = "NA", "N", "", ""
        else:
            status = page.statuses.get(criterion, "NT")
            derogation = page.derogations.get(criterion, "N")
            changes = page.changes.get(criterion, "")
            comment = page.comments.get(criterion, "")
        set_text(sheet.cell(row, STATUS), status)
        set_text(sheet.cell(row, DEROGATION), derogation)
        set_text(sheet.cell(row, CHANGES), changes)
        set_text(sheet.cell(row, COMMENTS), comment)


def build_grid(report: dict[str, Any], lang: str = "fr") -> Workbook:
    """The template filled from the report, every formula's value computed again."""
    pages = grid_pages(report, lang)
    if not pages:
        raise GridExportError("grid.no_pages")
    path = template_path()
    workbook = Workbook(path.read_bytes(), str(path))
    slots = max(TEMPLATE_PAGES, len(pages))
    if len(pages) > TEMPLATE_PAGES:
        extend_pages(workbook, len(pages), TEMPLATE_PAGES)
    rows = criterion_rows(workbook.sheet(page_sheet_name(1)))
    _fill_sample(workbook, report, pages, slots, lang)
    for number in range(slots):
        sheet = workbook.sheet(page_sheet_name(number + 1))
        _fill_page(sheet, rows, pages[number] if number < len(pages) else None)
    recalculate(workbook)
    return workbook


def render_grid(report: dict[str, Any], lang: str = "fr") -> bytes:
    """The filled grid as the bytes of an .ods file."""
    return build_grid(report, lang).to_bytes()
