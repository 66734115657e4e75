"""Lay the views out with the Jinja2 templates of `reports/templates/` into one HTML file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from rgaa_audit import RGAA_VERSION
from rgaa_audit.paths import data_dir
from rgaa_audit.referential import Referential
from rgaa_audit.report import i18n
from rgaa_audit.report.html.changes import changes_view
from rgaa_audit.report.html.charts import eco_site_view
from rgaa_audit.report.html.ci import ci_view
from rgaa_audit.report.html.crawl import crawl_view
from rgaa_audit.report.html.criteria import criteria_table, site_groups
from rgaa_audit.report.html.crops import Crops
from rgaa_audit.report.html.eco import ECO_OUTCOMES, spec_titles
from rgaa_audit.report.html.obligations import obligations_view
from rgaa_audit.report.html.pages import page_view
from rgaa_audit.report.html.sanitise import SHORT_MAX, STATUSES, as_mapping, cut, page_records
from rgaa_audit.report.html.site import site_view
from rgaa_audit.report.labels import safe_referential


def _environment() -> jinja2.Environment:
    folder = data_dir("reports")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["css"] = Markup((folder / "assets" / "report.css").read_text(encoding="utf-8"))
    return env


def render_html(
    report: Mapping[str, Any],
    lang: str = "fr",
    referential: Referential | None = None,
    base_dir: str | Path | None = None,
) -> str:
    """The HTML report of a result document, in French (default) or English.

    `base_dir` is the report folder: evidence crops (`"crop": "evidence/<file>.jpg"`) found
    there are embedded; without it, no file is read."""
    lang = lang if lang in i18n.LANGUAGES else "fr"
    t = i18n.strings(lang)
    themes = criteria_table(report, lang, referential or safe_referential())
    infos = {c.id: c for th in themes for c in th.criteria}
    crops = Crops(base_dir)
    titles = spec_titles(lang)
    pages = [
        page_view(n, raw, infos, lang, crops, titles)
        for n, raw in enumerate(page_records(report), start=1)
    ]
    site = site_view(report, pages, infos, lang)
    site_failures, site_to_verify = site_groups(report, infos, crops, lang)
    site_nc = as_mapping(report.get("summary")).get("site_nc_criteria")
    site_nc = {c for c in site_nc if isinstance(c, str)} if isinstance(site_nc, list) else set()
    tool = as_mapping(report.get("tool"))
    conformance = site.conformance and (t.get(f"conf_{site.conformance}") or cut(site.conformance))

    def rate(value: float | None) -> str:
        return i18n.format_rate(value, lang) if value is not None else t["not_available"]

    def number(value: float | None, decimals: int = 0) -> str:
        return i18n.format_number(value, lang, decimals) if value is not None else "—"

    def size(value: float | None) -> str:
        return i18n.format_bytes(value, lang) if value is not None else "—"

    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            lang=lang,
            t=t,
            rgaa_version=cut(report.get("rgaa_version") or RGAA_VERSION, 20),
            tool_name=cut(tool.get("name") or "rgaa-audit", SHORT_MAX),
            tool_version=cut(tool.get("version"), SHORT_MAX),
            axe_version=cut(tool.get("axe_core"), SHORT_MAX),
            browser=cut(tool.get("browser"), SHORT_MAX),
            site=site,
            conformance=conformance,
            themes=themes,
            pages=pages,
            audited=[p for p in pages if p.audited],
            failed=[p for p in pages if not p.audited and not p.skipped],
            skipped=[p for p in pages if p.skipped],
            site_failures=site_failures,
            site_to_verify=site_to_verify,
            site_nc=site_nc | {g.info.id for g in site_failures},
            crawl=crawl_view(report, lang),
            ci=ci_view(report, lang),
            obligations=obligations_view(report, lang),
            changes=changes_view(report, lang),
            eco_site=eco_site_view(report, pages, lang, titles),
            outcomes=ECO_OUTCOMES,
            statuses=STATUSES,
            rate=rate,
            number=number,
            size=size,
        )
    )


def write_html(
    report: Mapping[str, Any],
    path: str | Path,
    lang: str = "fr",
    referential: Referential | None = None,
    base_dir: str | Path | None = None,
) -> Path:
    """Write the HTML report to `path` (UTF-8) and return the path; crops are read from
    `base_dir` when given."""
    target = Path(path)
    target.write_text(render_html(report, lang, referential, base_dir), encoding="utf-8")
    return target
