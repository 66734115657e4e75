"""More than 20 pages: the grid extended with page sheets and calculation-base columns."""

from __future__ import annotations

from rgaa_audit.conclude.grid_import.ods import Workbook
from rgaa_audit.errors import LocalisedError


class GridExtendError(LocalisedError, ValueError):
    """A sample the grid cannot hold."""


def extend_pages(workbook: Workbook, pages: int, present: int) -> None:
    """Add page sheets P21... and their BaseDeCalcul columns (not yet: refused)."""
    raise GridExtendError("grid.too_many_pages", pages=pages, limit=present)
