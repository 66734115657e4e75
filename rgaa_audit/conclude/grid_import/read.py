"""Read an audit grid a person filled: its sample, and each page sheet's cells.

Tolerant of every official layout (2021 and 2023 RGAA 4.1 files, the 2026 RGAA 4.1.2 file,
20 and 40 pages) and of what teams add: the sample's header row and the page sheets' columns
are found by their labels ("URL", "Statut", "Dérogation"...), not by position; criteria by
their id in the "Critère" column, not by row; extra columns are kept as comments. Anything a
person can get wrong (a status other than C/NC/NA/NT, a dérogation other than D/N, a D
without its comment, a page with statuses but no URL, a criterion missing or unknown) is one
`GridFileError` naming the file, the sheet and the cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from rgaa_audit.conclude.grid_import.ods import GridFileError, Sheet, Workbook, column_name

SAMPLE_SHEETS = ("Échantillon", "Echantillon")
PAGE_SHEET = re.compile(r"^P(\d{2,3})$")
STATUSES = ("C", "NC", "NA", "NT")
DEROGATIONS = ("D", "N")
TEXT_MAX = 10_000
TEMPLATE_HOSTS = {"www.site.fr"}  # the official template's example URLs
HEADER_SEARCH = 12  # rows searched for a header row
ROWS_MAX = 400
# column role -> the labels that name it (compared without case, accents or spaces)
COLUMNS = {
    "criterion": ("critere", "criterion"),
    "status": ("statut", "status"),
    "derogation": ("derogation",),
    "changes": ("modificationsaapporter", "modificationsapporter", "recommandations"),
    "comments": ("commentairesencasdederogations", "commentairesencasdederogation",
                 "commentaires"),
}
_KNOWN_LABELS = {"thematique", "recommandation", "critere", "statut", "derogation"}
_PLACEHOLDERS = {"", "jj/mm/aaaa", "prenom nom", "nom prenom", "nom du site", "lesite"}


def _key(text: str) -> str:
    """'Modifications à apporter' -> 'modificationsaapporter'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _bounded(text: str) -> str:
    text = text.strip()
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"


@dataclass(frozen=True)
class GridCell:
    """One criterion on one page sheet, as the person left it."""

    criterion: str
    status: str
    derogation: bool
    changes: str
    comments: str
    extra: tuple[tuple[str, str], ...]
    address: str


@dataclass(frozen=True)
class GridPage:
    """One page of the sample: its sheet, its row in the sample, title, URL and cells."""

    sheet: str
    row: int
    title: str
    url: str
    cells: tuple[GridCell, ...]

    @property
    def unused(self) -> bool:
        """A template page sheet left out of the sample: every criterion NA, and no URL or
        still the template's example one."""
        example = not self.url or urlsplit(self.url).hostname in TEMPLATE_HOSTS
        return example and all(c.status == "NA" for c in self.cells)


@dataclass(frozen=True)
class Grid:
    """What an audit grid says."""

    where: str
    auditor: str
    date: str  # YYYY-MM-DD, or ""
    pages: tuple[GridPage, ...]


def _sample_values(sheet: Sheet) -> dict[str, str]:
    """Date, auditor and site, whether written 'label | value' or 'Label : value'."""
    values: dict[str, str] = {}
    for row in range(0, HEADER_SEARCH):
        label, value = sheet.text(row, 0).strip(), sheet.text(row, 1).strip()
        if ":" in label and not value:
            label, _, value = label.partition(":")
        key = _key(label)
        for name, prefixes in (("date", ("date",)), ("auditor", ("auditeur", "auditrice")),
                               ("site", ("site",))):
            if key.startswith(prefixes) and name not in values:
                values[name] = value.strip()
    return values


def _iso_date(text: str) -> str:
    found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    if found:
        day, month, year = (int(g) for g in found.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    found = re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip())
    return found.group() if found else ""


def _sample_rows(sheet: Sheet, where: str) -> dict[str, tuple[int, str, str]]:
    """Page sheet name -> (row number, title, URL), from the sample's table."""
    header = None
    for row in range(HEADER_SEARCH):
        labels = {_key(sheet.text(row, c)): c for c in range(8)}
        if "url" in labels:
            header = row, labels
            break
    if header is None:
        raise GridFileError("grid.no_header", file=where, sheet=sheet.name, label="URL")
    row, labels = header
    url_col = labels["url"]
    title_col = next((c for k, c in labels.items() if k.startswith("titre")), url_col - 1)
    page_col = next((c for k, c in labels.items() if k.startswith(("npage", "page"))), 0)
    pages = {}
    for number in range(row + 1, row + 1 + ROWS_MAX):
        name = sheet.text(number, page_col).strip().upper()
        if not name:
            if not sheet.text(number, url_col).strip():
                break
            continue
        pages[name] = (number + 1, _bounded(sheet.text(number, title_col)),
                       sheet.text(number, url_col).strip())
    return pages


def _columns(sheet: Sheet, where: str) -> tuple[int, dict[str, int], dict[int, str]]:
    """The header row of a page sheet, the column of each role, the extra columns."""
    for row in range(HEADER_SEARCH):
        labels = {c: sheet.text(row, c).strip() for c in range(30)}
        keys = {_key(t): c for c, t in labels.items() if t}
        roles = {}
        for role, names in COLUMNS.items():
            found = next((keys[n] for n in names if n in keys), None)
            if found is not None:
                roles[role] = found
        if "criterion" in roles and "status" in roles:
            used = set(roles.values())
            extra = {c: t for c, t in labels.items()
                     if t and c not in used and _key(t) not in _KNOWN_LABELS}
            return row, roles, extra
    missing = "Statut" if any(_key(sheet.text(r, c)) == "critere" for r in range(HEADER_SEARCH)
                              for c in range(10)) else "Critère"
    raise GridFileError("grid.no_header", file=where, sheet=sheet.name, label=missing)


def _page_cells(sheet: Sheet, where: str, known: set[str]) -> tuple[GridCell, ...]:
    header, roles, extra = _columns(sheet, where)
    cells: dict[str, GridCell] = {}
    for row in range(header + 1, header + 1 + ROWS_MAX):
        criterion = sheet.text(row, roles["criterion"]).strip()
        if not criterion:
            continue
        address = f"{column_name(roles['status'])}{row + 1}"
        if criterion not in known:
            if re.fullmatch(r"\d+\.\d+", criterion):
                raise GridFileError("grid.unknown_criterion", file=where, sheet=sheet.name,
                                    cell=f"{column_name(roles['criterion'])}{row + 1}",
                                    criterion=criterion)
            continue  # a note or a subtotal line under the table
        status = sheet.text(row, roles["status"]).strip().upper() or "NT"
        if status not in STATUSES:
            raise GridFileError("grid.bad_status", file=where, sheet=sheet.name, cell=address,
                                status=status[:20])
        derogation = ""
        if "derogation" in roles:
            derogation = sheet.text(row, roles["derogation"]).strip().upper()
            if derogation and derogation not in DEROGATIONS:
                raise GridFileError(
                    "grid.bad_derogation", file=where, sheet=sheet.name,
                    cell=f"{column_name(roles['derogation'])}{row + 1}", value=derogation[:20])
        comments = _bounded(sheet.text(row, roles["comments"])) if "comments" in roles else ""
        if derogation == "D" and not comments:
            raise GridFileError("grid.derogation_without_comment", file=where,
                                sheet=sheet.name,
                                cell=f"{column_name(roles['derogation'])}{row + 1}")
        changes = _bounded(sheet.text(row, roles["changes"])) if "changes" in roles else ""
        notes = tuple((label, _bounded(sheet.text(row, col))) for col, label in extra.items()
                      if sheet.text(row, col).strip())
        cells[criterion] = GridCell(criterion, status, derogation == "D", changes, comments,
                                    notes, address)
    missing = sorted(known - set(cells), key=lambda c: tuple(int(p) for p in c.split(".")))
    if missing:
        raise GridFileError("grid.missing_criteria", file=where, sheet=sheet.name,
                            count=len(missing), first=missing[0])
    return tuple(cells.values())


def read_grid(workbook: Workbook, criteria: set[str]) -> Grid:
    """The sample and every used page sheet of a grid; `criteria` are the RGAA ids."""
    where = workbook.where
    sample_name = next((n for n in SAMPLE_SHEETS if n in workbook.sheets), None)
    if sample_name is None:
        raise GridFileError("grid.not_grid", file=where, sheet=SAMPLE_SHEETS[0])
    sample = workbook.sheet(sample_name)
    rows = _sample_rows(sample, where)
    names = sorted((n for n in workbook.sheets if PAGE_SHEET.match(n)),
                   key=lambda n: int(n[1:]))
    if not names:
        raise GridFileError("grid.no_page_sheets", file=where)
    pages = []
    for name in names:
        row, title, url = rows.get(name, (0, "", ""))
        page = GridPage(name, row, title, url,
                        _page_cells(workbook.sheet(name), where, criteria))
        if page.unused:
            continue
        if not url:
            raise GridFileError("grid.no_url", file=where, row=row or "?", sheet=name)
        pages.append(page)
    values = _sample_values(sample)
    auditor = values.get("auditor", "")
    if _key(auditor) in {_key(p) for p in _PLACEHOLDERS} or "rgaa-audit" in auditor:
        auditor = ""
    return Grid(where, _bounded(auditor)[:200], _iso_date(values.get("date", "")), tuple(pages))
