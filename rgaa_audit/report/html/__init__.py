"""Render the stored result document (report.json) as one self-contained, accessible HTML file.

The renderer reads only the document: never the browser, never the pipeline. It first turns the
document into a small view (frozen dataclasses, every string from the site cut to a bound), then
lets Jinja2 (autoescape on) lay it out with the templates of `reports/templates/`. The file has
inline CSS, no script, no external font or link to load: it opens offline.

Robustness: unknown keys are ignored, missing optional keys shown as "not available", and a
criteria table that is missing or partial degrades to criterion ids alone.

One idea per module: `sanitise` (untrusted values, bounds, safe links), `messages` (finding
messages), `crops` (evidence crops), `criteria` (criteria and their findings), `pages` (one page),
`eco` (eco figures and sobriety checks of a page), `charts` (site-wide eco charts), `site` (the
site summary), `crawl` (crawl facts), `ci` (baseline, gates, waivers), `render` (templates).
"""

from rgaa_audit.report.html.crops import CROP_MAX_BYTES, CROPS_TOTAL_MAX, Crops
from rgaa_audit.report.html.eco import ECO_EVIDENCE_MAX
from rgaa_audit.report.html.render import render_html, write_html
from rgaa_audit.report.html.sanitise import LISTED_MAX, TITLE_MAX, safe_href

__all__ = [
    "CROPS_TOTAL_MAX",
    "CROP_MAX_BYTES",
    "ECO_EVIDENCE_MAX",
    "LISTED_MAX",
    "TITLE_MAX",
    "Crops",
    "render_html",
    "safe_href",
    "write_html",
]
