"""Ara's exchange CSV (`--format ara-csv`): the status grid of the State's manual audit tool.

Layout of Ara's own export (DISIC/Ara, audit-export.service.ts): a header row `Critères`,
`Éléments transverses`, then one column per audited page (its title, else its address); one
row per RGAA criterion ("1.1" … "13.12") holding C, NC, NA or NT. Comma-separated, UTF-8,
no comments, no addresses, no impact — the status grid only.

The transverse column holds what was judged for the site as a whole: cells decided by a
transverse manual verdict (worst status over the pages they cover), and criteria a check that
compares pages found failing (NC). Where nothing was judged transversally it is NA: every page
column carries its own status, so Ara's roll-up over the columns gives the same site status.
Page names come from the audited site: they are cut, and a leading = + - @ (a spreadsheet
formula) is neutralised with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from rgaa_audit.decide.verdicts import worst
from rgaa_audit.i18n import text
from rgaa_audit.model import Status, bounded
from rgaa_audit.referential import criterion_of, load_referential

NAME_MAX = 200
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(value: str) -> str:
    value = " ".join(value.split())
    return "'" + value if value.startswith(_FORMULA) else value


def _page_names(pages: list[dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for page in pages:
        name = bounded(" ".join(str(page.get("title") or "").split()), NAME_MAX) or bounded(
            str(page.get("final_url") or page.get("url") or ""), NAME_MAX)
        base, number = name, 2
        while name in names:  # Ara names pages freely; keep columns distinguishable
            name, number = f"{base} ({number})", number + 1
        names.append(name)
    return [_cell_text(n) for n in names]


def _transverse(criterion: str, pages: list[dict[str, Any]], site_failed: set[str]) -> str:
    if criterion in site_failed:
        return Status.NC.value
    judged = [Status(c["status"]) for p in pages
              if (c := (p.get("criteria") or {}).get(criterion)) and c.get("transverse")]
    return worst(judged).value if judged else Status.NA.value


def render_ara_csv(report: dict[str, Any], lang: str = "fr") -> str:
    """The CSV text (Ara's headers are French in every language)."""
    del lang  # the exchange format has fixed headers
    pages = [p for p in report.get("pages") or [] if p.get("status") == "audited"]
    site_failed = {criterion_of(test) for test, findings in
                   (report.get("site_findings") or {}).items()
                   if any(f.get("kind") == "failure" for f in findings)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([text("ara.criteria"), text("ara.transverse"), *_page_names(pages)])
    for criterion in load_referential().criteria:
        row = [criterion, _transverse(criterion, pages, site_failed)]
        for page in pages:
            cell = (page.get("criteria") or {}).get(criterion) or {}
            status = cell.get("status", Status.NT.value)
            row.append(status if status in ("C", "NC", "NA", "NT") else Status.NT.value)
        writer.writerow(row)
    return out.getvalue()
