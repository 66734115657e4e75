"""An OpenDocument spreadsheet edited in place: its tables, cells read and written by position.

The file is a zip; only `content.xml` is parsed (lxml) and rewritten, every other member is
copied byte for byte, so styles, validations, conditional formats and settings of the template
stay as they were. Rows and cells that the format stores once with a repeat count are split
only where a cell is written.

It lives with the grid import (conclude stage) because reading a grid needs it; the export
(report stage, above) writes with it too.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from rgaa_audit.errors import LocalisedError

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
}
T, OFF, TXT, CALC = (f"{{{NS[k]}}}" for k in ("table", "office", "text", "calcext"))
ROW, CELL, COVERED = f"{T}table-row", f"{T}table-cell", f"{T}covered-table-cell"
ROWS_REPEATED, COLS_REPEATED = f"{T}number-rows-repeated", f"{T}number-columns-repeated"
MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_BYTES = 50_000_000  # a grid is ~0.2-0.5 MB; more is not a grid
MAX_CONTENT = 200_000_000  # content.xml once unzipped
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_VALUE_ATTRS = (f"{OFF}value", f"{OFF}string-value", f"{OFF}boolean-value", f"{OFF}date-value",
                f"{OFF}time-value", f"{OFF}currency")


class GridFileError(LocalisedError, ValueError):
    """A file that cannot be read as an OpenDocument spreadsheet (where, and why)."""


def column_name(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    name, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def column_index(name: str) -> int:
    """'A' -> 0, 'AB' -> 27."""
    index = 0
    for char in name.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def clean_text(text: str, limit: int) -> str:
    """Text safe in XML (control characters dropped) and at most `limit` characters."""
    text = _XML_BAD.sub("", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _repeat(element: etree._Element, attr: str) -> int:
    try:
        return max(1, int(element.get(attr, "1")))
    except ValueError:
        return 1


def split_repeated(element: etree._Element, attr: str, offset: int) -> etree._Element:
    """Split a repeated element so that repetition `offset` stands alone; return it."""
    count = _repeat(element, attr)
    if count == 1:
        return element
    parent = element.getparent()
    position = parent.index(element)
    pieces = []
    for size in (offset, 1, count - offset - 1):
        if size <= 0:
            pieces.append(None)
            continue
        piece = copy.deepcopy(element)
        if size == 1:
            piece.attrib.pop(attr, None)
        else:
            piece.set(attr, str(size))
        pieces.append(piece)
    parent.remove(element)
    for piece in reversed([p for p in pieces if p is not None]):
        parent.insert(position, piece)
    return pieces[1]


def cell_text(cell: etree._Element) -> str:
    """The displayed text of a cell: its paragraphs joined by new lines."""
    paragraphs = cell.findall(f"{TXT}p")
    return "\n".join("".join(p.itertext()) for p in paragraphs)


def cell_value(cell: etree._Element | None) -> Any:
    """What a formula sees in a cell: a float, a text, a bool, or None when empty."""
    if cell is None:
        return None
    kind = cell.get(f"{OFF}value-type")
    if kind in ("float", "percentage", "currency"):
        try:
            return float(cell.get(f"{OFF}value", "0"))
        except ValueError:
            return 0.0
    if kind == "boolean":
        return cell.get(f"{OFF}boolean-value") == "true"
    if kind == "string":
        value = cell.get(f"{OFF}string-value")
        return value if value is not None else cell_text(cell)
    text = cell_text(cell)
    return text or None


def _clear_value(cell: etree._Element) -> None:
    for attr in (*_VALUE_ATTRS, f"{OFF}value-type", f"{CALC}value-type"):
        cell.attrib.pop(attr, None)
    for child in list(cell):
        if child.tag == f"{TXT}p":
            cell.remove(child)


def _paragraphs(cell: etree._Element, text: str) -> None:
    for line in text.split("\n"):
        paragraph = etree.SubElement(cell, f"{TXT}p")
        paragraph.text = line
        # keep paragraphs before annotations or other children LibreOffice expects after
        cell.remove(paragraph)
        cell.insert(len(cell.findall(f"{TXT}p")), paragraph)


def set_text(cell: etree._Element, text: str) -> None:
    """Make the cell hold `text` (a string cell); empty text empties the cell."""
    _clear_value(cell)
    if text:
        cell.set(f"{OFF}value-type", "string")
        cell.set(f"{CALC}value-type", "string")
        _paragraphs(cell, text)


def set_cached(cell: etree._Element, value: Any, shown: str) -> None:
    """Store a formula's last computed value (keeping the formula): a number or a text."""
    _clear_value(cell)
    if isinstance(value, bool):
        cell.set(f"{OFF}value-type", "boolean")
        cell.set(f"{CALC}value-type", "boolean")
        cell.set(f"{OFF}boolean-value", "true" if value else "false")
    elif isinstance(value, int | float):
        cell.set(f"{OFF}value-type", "float")
        cell.set(f"{CALC}value-type", "float")
        cell.set(f"{OFF}value", repr(float(value)).removesuffix(".0"))
    else:
        cell.set(f"{OFF}value-type", "string")
        cell.set(f"{CALC}value-type", "string")
        cell.set(f"{OFF}string-value", value)
    _paragraphs(cell, shown)


class Sheet:
    """One table of the workbook, addressed by 0-based row and column."""

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self.name = element.get(f"{T}name", "")

    def _rows(self) -> Iterator[tuple[int, int, etree._Element]]:
        start = 0
        for row in self.element.iter(ROW):
            count = _repeat(row, ROWS_REPEATED)
            yield start, count, row
            start += count

    @staticmethod
    def _cells(row: etree._Element) -> Iterator[tuple[int, int, etree._Element]]:
        start = 0
        for cell in row:
            if cell.tag not in (CELL, COVERED):
                continue
            count = _repeat(cell, COLS_REPEATED)
            yield start, count, cell
            start += count

    def get(self, row: int, col: int) -> etree._Element | None:
        """The cell at (row, col) without changing the document (None beyond the table)."""
        for start, count, element in self._rows():
            if start <= row < start + count:
                for cstart, ccount, cell in self._cells(element):
                    if cstart <= col < cstart + ccount:
                        return cell
                return None
        return None

    def cell(self, row: int, col: int) -> etree._Element:
        """The cell at (row, col), split out of any repetition so it can be written."""
        for start, count, element in self._rows():
            if start <= row < start + count:
                element = split_repeated(element, ROWS_REPEATED, row - start)
                for cstart, ccount, cell in self._cells(element):
                    if cstart <= col < cstart + ccount:
                        return split_repeated(cell, COLS_REPEATED, col - cstart)
                raise IndexError(f"{self.name}: no column {col} in row {row}")
        raise IndexError(f"{self.name}: no row {row}")

    def text(self, row: int, col: int) -> str:
        cell = self.get(row, col)
        return "" if cell is None else cell_text(cell)

    def used(self, max_rows: int = 2000, max_cols: int = 200) -> Iterator[
            tuple[int, int, etree._Element]]:
        """Every cell holding something (value or formula), with its position, unsplit."""
        for start, count, row in self._rows():
            if start >= max_rows:
                break
            for cstart, ccount, cell in self._cells(row):
                if cstart >= max_cols:
                    break
                if cell.get(f"{T}formula") is None and cell.get(f"{OFF}value-type") is None \
                        and not cell_text(cell):
                    continue
                for r in range(start, min(start + count, max_rows)):
                    for c in range(cstart, min(cstart + ccount, max_cols)):
                        yield r, c, cell


class Workbook:
    """An ODS file held in memory: its members, and its parsed content."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        if len(data) > MAX_BYTES:
            raise GridFileError("grid.too_large", file=where, limit=MAX_BYTES // 1_000_000)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            self.members = [(info, archive.read(info.filename))
                            for info in archive.infolist()
                            if info.file_size <= MAX_CONTENT]
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
            raise GridFileError("grid.not_ods", file=where) from None
        names = {info.filename: body for info, body in self.members}
        if names.get("mimetype", b"").strip() != MIMETYPE or "content.xml" not in names:
            raise GridFileError("grid.not_ods", file=where)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        try:
            self.root = etree.fromstring(names["content.xml"], parser)
        except etree.XMLSyntaxError:
            raise GridFileError("grid.not_ods", file=where) from None
        self.sheets = {s.name: s for s in (Sheet(e) for e in self.root.iter(f"{T}table"))}

    def sheet(self, name: str) -> Sheet:
        return self.sheets[name]

    def refresh(self) -> None:
        """Index the tables again (after sheets were added)."""
        self.sheets = {s.name: s for s in (Sheet(e) for e in self.root.iter(f"{T}table"))}

    def to_bytes(self) -> bytes:
        """The spreadsheet as a file: mimetype first and stored, the rest as they were."""
        content = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for info, body in self.members:
                if info.filename == "content.xml":
                    body = content
                if info.filename == "mimetype":
                    archive.writestr(zipfile.ZipInfo("mimetype", info.date_time), body,
                                     compress_type=zipfile.ZIP_STORED)
                else:
                    archive.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()
