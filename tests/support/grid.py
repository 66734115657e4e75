"""Shared by the grid tests: the demo report (stored), a verdict on every cell it left NT,
an independent reader (python-calamine) and LibreOffice's headless recalculation."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rgaa_audit.conclude.manual import apply_verdicts
from rgaa_audit.conclude.verdicts_file import Derogation, ManualVerdict, Verdicts
from rgaa_audit.referential import load_referential

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "grid" / "demo_report.json.gz"
REF = load_referential()
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def demo_report() -> dict[str, Any]:
    """The demo audit (18 pages) as rgaa-audit stored it, eco figures left out."""
    return json.loads(gzip.decompress(FIXTURE.read_bytes()))


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def completing_verdicts(report: dict[str, Any]) -> Verdicts:
    """What an auditor finishing the demo records: a verdict on every NT cell, one
    dérogation (the map on carte.html, criterion 1.6) with its justification."""
    verdicts = []
    for page in report["pages"]:
        if page["status"] != "audited":
            continue
        path = path_of(page["url"])
        for criterion, cell in page["criteria"].items():
            if cell["status"] != "NT":
                continue
            status = "NC" if cell["to_verify"] and criterion.startswith("1.") else "C"
            if not cell["to_verify"] and criterion.startswith("4."):
                status = "NA"
            derogation = None
            if criterion == "1.6" and path == "/carte.html":
                derogation = Derogation("Carte fournie par un tiers", "2027-06-30",
                                        "Plan accessible en PDF")
                status = "NA"  # derogated content with an accessible alternative
            verdicts.append(ManualVerdict(
                page=path, criterion=criterion, status=status, auditor="Claire Test",
                impact="minor" if status == "NC" else "", derogation=derogation,
                recommendation="Décrire l'image" if status == "NC" else ""))
    return Verdicts(tuple(verdicts))


def completed_demo() -> dict[str, Any]:
    report = demo_report()
    return apply_verdicts(report, completing_verdicts(report), REF, "verdicts.toml").report


def read_sheets(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cached values, read by python-calamine (not by rgaa-audit's code)."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def cell(sheets: dict[str, list[list[Any]]], sheet: str, row: int, col: int) -> Any:
    """1-based row and column, '' beyond the data."""
    rows = sheets[sheet]
    if row > len(rows) or col > len(rows[row - 1]):
        return ""
    return rows[row - 1][col - 1]


def recalculated(path: Path, work: Path) -> Path:
    """The grid after LibreOffice loaded it recalculating every formula, saved again."""
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE, "utf-8")
    out = work / "recalculated"
    env = {**os.environ, "HOME": str(work)}
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", "ods", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=300, env=env)
    return out / path.name


def percent(text: str) -> float:
    """'82.1052631578947%' (or with a decimal comma) -> 82.1052631578947."""
    return float(str(text).rstrip("%").replace(",", "."))
