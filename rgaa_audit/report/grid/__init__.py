"""The official RGAA audit grid (ODS), filled from a report: `render_grid(report, lang)`."""

from __future__ import annotations

from rgaa_audit.report.grid.export import GridExportError, build_grid, render_grid

__all__ = ["GridExportError", "build_grid", "render_grid"]
