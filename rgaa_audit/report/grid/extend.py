"""More than 20 pages: the 4.1.2 grid extended the way its instructions ask.

The grid's *Mode d'emploi* says that a bigger sample needs more page sheets *and* the
calculation base extended by hand. Done here, for N pages (N - 20 = k):
- sheets P21…PN are copies of P20 (title formula pointing at their own sample row,
  conditional formats and validations renamed to the sheet);
- `Échantillon` gets rows P21…PN under P20, styled like it;
- `BaseDeCalcul` gets k columns after W (P20), copies of W pointing at the new sheets; every
  reference to a column right of W moves k columns right (in every sheet: the counts
  X…AA, the aggregated status AB, Synthèse's references), and every range ending at W (the
  COUNTIF over the pages, the AVERAGEIF of the page rates) now ends at the last page.
The RGAA 4.1 40-page template is not used: it is an older RGAA version, and its Synthèse
averages only the first 20 pages' rates (see AUDITOR-WORKFLOW.md 1.8).
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from rgaa_audit.conclude.grid_import.ods import (
    CELL,
    COLS_REPEATED,
    COVERED,
    ROW,
    T,
    Workbook,
    column_index,
    column_name,
    set_text,
)
from rgaa_audit.errors import LocalisedError

MAX_PAGES = 200
CALCULATION = "BaseDeCalcul"
SAMPLE = "Échantillon"
LAST_PAGE_COLUMN = column_index("W")  # P20 in BaseDeCalcul
FIRST_SAMPLE_ROW = 8  # 0-based row of P01 in Échantillon
_REF = re.compile(r"\[([^\]]*)\]")
_PART = re.compile(r"^(?P<d1>\$?)(?P<sheet>'(?:[^']|'')*'|[^.']*)?\.(?P<d2>\$?)(?P<col>[A-Z]{1,3})"
                   r"(?P<d3>\$?)(?P<row>\d+)$")


class GridExtendError(LocalisedError, ValueError):
    """A sample the grid cannot hold."""


def _sheet_name(raw: str | None) -> str | None:
    if not raw:
        return None
    return raw[1:-1].replace("''", "'") if raw.startswith("'") else raw


def shift_references(formula: str, here: str, extra: int) -> str:
    """`formula` (written in sheet `here`) with BaseDeCalcul's columns right of W moved
    `extra` columns right, and ranges ending at W ending `extra` columns further."""

    def fix(match: re.Match[str]) -> str:
        parts = match.group(1).split(":")
        found = [_PART.match(p) for p in parts]
        if not all(found) or len(parts) > 2:
            return match.group(0)
        sheets, sheet = [], here
        for part in found:
            sheet = _sheet_name(part.group("sheet")) or sheet
            sheets.append(sheet)
        columns = [column_index(p.group("col")) for p in found]
        new = [c + extra if s == CALCULATION and c > LAST_PAGE_COLUMN else c
               for c, s in zip(columns, sheets, strict=True)]
        if (len(parts) == 2 and sheets[1] == CALCULATION and columns[1] == LAST_PAGE_COLUMN
                and columns[0] < LAST_PAGE_COLUMN):
            new[1] += extra
        rebuilt = [f"{p.group('d1')}{p.group('sheet') or ''}.{p.group('d2')}{column_name(c)}"
                   f"{p.group('d3')}{p.group('row')}" for p, c in zip(found, new, strict=True)]
        return "[" + ":".join(rebuilt) + "]"

    return _REF.sub(fix, formula)


def _shift_workbook(workbook: Workbook, extra: int) -> None:
    for name, sheet in workbook.sheets.items():
        for cell in sheet.element.iter(CELL):
            formula = cell.get(f"{T}formula")
            if formula and "[" in formula:
                cell.set(f"{T}formula", shift_references(formula, name, extra))
    for element in workbook.root.iter(f"{T}database-range"):
        address = element.get(f"{T}target-range-address", "")
        if address.startswith(f"{CALCULATION}."):
            first, _, last = address.partition(":")
            parts = [p.split(".", 1)[1] for p in (first, last) if p]
            shifted = []
            for part in parts:
                column = re.match(r"\$?([A-Z]+)", part).group(1)
                index = column_index(column)
                if index > LAST_PAGE_COLUMN:
                    part = part.replace(column, column_name(index + extra), 1)
                shifted.append(f"{CALCULATION}.{part}")
            element.set(f"{T}target-range-address", ":".join(shifted))


def _new_column_cell(cell: etree._Element, number: int, column: str) -> etree._Element:
    """A copy of BaseDeCalcul's P20 cell for page `number` in `column`."""
    new = copy.deepcopy(cell)
    new.attrib.pop(COLS_REPEATED, None)
    formula = new.get(f"{T}formula")
    name = f"P{number:02d}"
    if formula:
        formula = formula.replace("[P20.", f"[{name}.").replace("[$P20.", f"[${name}.")
        formula = re.sub(r"(?<=[\[:])\.(\$?)W(?=\$?\d)", rf".\g<1>{column}", formula)
        new.set(f"{T}formula", formula)
    elif "".join(new.itertext()).strip() == "P20":
        set_text(new, name)
    return new


def _extend_calculation(workbook: Workbook, pages: int) -> None:
    table = workbook.sheet(CALCULATION).element
    extra = pages - 20
    start = 0
    for column in list(table.iter(f"{T}table-column")):
        count = int(column.get(COLS_REPEATED, "1"))
        if start <= LAST_PAGE_COLUMN < start + count:
            if count > 1:
                column.set(COLS_REPEATED, str(count + extra))
            else:
                for _ in range(extra):
                    column.addnext(copy.deepcopy(column))
            break
        start += count
    for row in table.iter(ROW):
        start = 0
        for cell in list(row):
            if cell.tag not in (CELL, COVERED):
                continue
            count = int(cell.get(COLS_REPEATED, "1"))
            if start <= LAST_PAGE_COLUMN < start + count:
                empty = cell.get(f"{T}formula") is None and not "".join(cell.itertext())
                if count > 1 and empty:
                    cell.set(COLS_REPEATED, str(count + extra))
                    break
                if count > 1:  # split so that the P20 cell stands alone
                    offset = LAST_PAGE_COLUMN - start
                    cell = _split_cell(cell, offset)
                anchor = cell
                for number in range(21, pages + 1):
                    letter = column_name(LAST_PAGE_COLUMN + number - 20)
                    new = _new_column_cell(cell, number, letter)
                    anchor.addnext(new)
                    anchor = new
                break
            start += count


def _split_cell(cell: etree._Element, offset: int) -> etree._Element:
    count = int(cell.get(COLS_REPEATED, "1"))
    pieces = []
    for size in (offset, 1, count - offset - 1):
        if size > 0:
            piece = copy.deepcopy(cell)
            piece.attrib.pop(COLS_REPEATED, None)
            if size > 1:
                piece.set(COLS_REPEATED, str(size))
            pieces.append((size, piece))
    for _, piece in reversed(pieces):
        cell.addnext(piece)
    cell.getparent().remove(cell)
    return [p for s, p in pieces][0 if offset == 0 else 1]


def _rename(element: etree._Element, old: str, new: str) -> None:
    for node in element.iter():
        for attr, value in node.attrib.items():
            if f"{old}." in value and attr != f"{T}formula":
                node.set(attr, value.replace(f"{old}.", f"{new}."))


def _add_page_sheets(workbook: Workbook, pages: int) -> None:
    last = workbook.sheet("P20").element
    anchor = last
    for number in range(21, pages + 1):
        name = f"P{number:02d}"
        sheet = copy.deepcopy(last)
        sheet.set(f"{T}name", name)
        _rename(sheet, "P20", name)
        row = FIRST_SAMPLE_ROW + number  # 1-based row of this page in Échantillon
        for cell in sheet.iter(CELL):
            formula = cell.get(f"{T}formula")
            if formula and f"{SAMPLE}." in formula:
                cell.set(f"{T}formula", re.sub(rf"(\[\$?{SAMPLE}\.\$?[A-Z]+\$?)28\]",
                                               rf"\g<1>{row}]", formula))
        anchor.addnext(sheet)
        anchor = sheet


def _extend_sample(workbook: Workbook, pages: int) -> None:
    sheet = workbook.sheet(SAMPLE)
    model = [sheet.cell(FIRST_SAMPLE_ROW + 19, c) for c in range(3)]
    for number in range(21, pages + 1):
        for col, source in enumerate(model):
            cell = sheet.cell(FIRST_SAMPLE_ROW + number - 1, col)
            style = source.get(f"{T}style-name")
            if style:
                cell.set(f"{T}style-name", style)
            set_text(cell, f"P{number:02d}" if col == 0 else "")


def extend_pages(workbook: Workbook, pages: int, present: int) -> None:
    """Make the 20-page grid hold `pages` pages (sheets, sample rows, calculation base)."""
    if pages > MAX_PAGES:
        raise GridExtendError("grid.too_many_pages", pages=pages, limit=MAX_PAGES)
    if present != 20 or "P20" not in workbook.sheets or "P21" in workbook.sheets:
        raise GridExtendError("grid.too_many_pages", pages=pages, limit=present)
    _shift_workbook(workbook, pages - 20)
    _extend_calculation(workbook, pages)
    _add_page_sheets(workbook, pages)
    _extend_sample(workbook, pages)
    workbook.refresh()
