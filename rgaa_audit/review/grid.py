"""The grid of a review: which cells a filter shows, in which order, and how each is marked.

A filter keeps the cells to do (NT, those with elements to verify first), the contested ones or
the ones to check again (à revérifier), within one theme or one page. The same filter orders
the queue that the cell view walks with "next" and "previous".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from rgaa_audit.model import Status
from rgaa_audit.review.state import Review

SHOWS = ("all", "todo", "contested", "recheck")


@dataclass(frozen=True)
class Filter:
    """What the grid shows: `show` (one of SHOWS), one theme, one page (indexes)."""

    show: str = "all"
    theme: int | None = None
    page: int | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str], pages: int) -> Filter:
        show = query.get("show", "all")
        theme, page = _number(query.get("theme")), _number(query.get("page"))
        return cls(show if show in SHOWS else "all",
                   theme if theme is not None and 1 <= theme <= 13 else None,
                   page if page is not None and 0 <= page < pages else None)

    def query(self) -> str:
        """The filter as a query string ("" for the default), to carry it between views."""
        params = {"show": self.show if self.show != "all" else None,
                  "theme": self.theme, "page": self.page}
        kept = {k: v for k, v in params.items() if v is not None}
        return "?" + urlencode(kept) if kept else ""


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def has_items(cell: Mapping[str, Any]) -> bool:
    return bool(cell.get("findings") or cell.get("to_verify"))


def mark(cell: Mapping[str, Any]) -> str:
    """The provenance shown for a cell: recheck, contested, transverse (decided for a shared
    component), manual, items (NT with elements to verify) or automatic."""
    undecided = cell.get("status") == Status.NT.value
    if undecided and cell.get("recheck"):
        return "recheck"
    if cell.get("contested"):
        return "contested"
    if cell.get("source") == "manual" and cell.get("transverse"):
        return "transverse"
    if cell.get("source") == "manual":
        return "manual"
    if undecided and has_items(cell):
        return "items"
    return "automatic"


def shown(cell: Mapping[str, Any], show: str) -> bool:
    undecided = cell.get("status") == Status.NT.value
    if show == "todo":
        return undecided
    if show == "contested":
        return bool(cell.get("contested"))
    if show == "recheck":
        return undecided and bool(cell.get("recheck"))
    return True


@dataclass(frozen=True)
class Row:
    """One criterion's line of the grid: (page index, cell, shown by the filter) per page."""

    criterion: str
    cells: tuple[tuple[int, dict[str, Any], bool], ...]

    @property
    def urgent(self) -> bool:
        return any(s and c.get("status") == Status.NT.value and has_items(c)
                   for _, c, s in self.cells)


def rows(review: Review, flt: Filter) -> list[Row]:
    """The grid's lines for a filter: criteria in RGAA order; to do, those with elements to
    verify first; a filter other than "all" keeps only the lines with a cell it shows."""
    pages = [flt.page] if flt.page is not None else range(len(review.pages))
    result = []
    for criterion in review.criteria.values():
        if flt.theme is not None and criterion.theme != flt.theme:
            continue
        cells = tuple((i, c, shown(c, flt.show))
                      for i in pages for c in [review.cell(i, criterion.id)])
        if flt.show == "all" or any(s for _, _, s in cells):
            result.append(Row(criterion.id, cells))
    if flt.show == "todo":
        result.sort(key=lambda row: not row.urgent)
    return result


def queue(review: Review, flt: Filter) -> list[tuple[int, str]]:
    """The cells the filter shows, in the order "next" walks them (to do: elements first)."""
    grid = rows(review, flt)
    cells = [(i, row.criterion, c) for row in grid for i, c, s in row.cells if s]
    if flt.show == "todo":
        cells.sort(key=lambda item: not has_items(item[2]))
    return [(i, criterion) for i, criterion, _ in cells]


def neighbours(order: list[tuple[int, str]], current: tuple[int, str]
               ) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """(previous, next) around the current cell; outside the queue, its first cell is next."""
    if current not in order:
        return None, (order[0] if order else None)
    at = order.index(current)
    return (order[at - 1] if at > 0 else None, order[at + 1] if at + 1 < len(order) else None)
