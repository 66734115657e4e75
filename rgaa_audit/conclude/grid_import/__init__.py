"""Import an audit grid (ODS) filled by a person into manual verdicts.

`import_grid(path, referential, report)` reads any official layout (see `read.py`) and returns
the verdicts (`to_verdicts.py`); the CLI writes them as a verdicts file, atomically, only once
the whole grid has been read without error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rgaa_audit.conclude.grid_import.ods import MAX_BYTES, GridFileError, Workbook
from rgaa_audit.conclude.grid_import.read import Grid, read_grid
from rgaa_audit.conclude.grid_import.to_verdicts import Imported, grid_verdicts
from rgaa_audit.referential import Referential

__all__ = ["Grid", "GridFileError", "Imported", "import_grid", "load_grid"]


def load_grid(path: Path, referential: Referential) -> Grid:
    """The grid in the file at `path`, checked cell by cell."""
    where = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise GridFileError("grid.too_large", file=where, limit=MAX_BYTES // 1_000_000)
        data = path.read_bytes()
    except OSError as error:
        raise GridFileError("grid.unreadable", file=where,
                            detail=error.strerror or type(error).__name__) from None
    return read_grid(Workbook(data, where), set(referential.criteria))


def import_grid(path: Path, referential: Referential, report: dict[str, Any] | None = None,
                report_name: str = "") -> Imported:
    """The verdicts of the grid at `path`, its pages matched to `report`'s when given."""
    return grid_verdicts(load_grid(path, referential), report, report_name)
