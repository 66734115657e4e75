"""The HTML report says who decided each cell: manual, contested, to check again, transverse,
in the report's language only, with the auditor's words escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rgaa_audit.conclude.manual import apply_verdicts
from rgaa_audit.conclude.verdicts_file import SCHEMA, parse_verdicts
from rgaa_audit.referential import load_referential
from rgaa_audit.report.html import render_html

REF = load_referential()
SAMPLE = Path(__file__).resolve().parent / "fixtures/sample_report.json"
VERDICTS = f'''schema = "{SCHEMA}"
[[verdict]]
page = "/"
criterion = "1.1"
status = "C"
auditor = "Claire <b>Dupont</b>"
comment = "Espaceur <script>alert(1)</script> ignoré"
[[verdict]]
page = "/contact?b=2&a=1"
criterion = "11.2"
status = "NC"
impact = "blocking"
auditor = "Claire"
[[verdict]]
page = "transverse"
criterion = "12.6"
status = "C"
[[verdict]]
page = "/gone"
criterion = "1.1"
status = "C"
'''


@pytest.fixture(scope="module")
def merged() -> dict:
    report = json.loads(SAMPLE.read_text("utf-8"))
    return apply_verdicts(report, parse_verdicts(VERDICTS, "v.toml", REF), REF, "v.toml").report


def test_french_report_shows_provenance_escaped(merged) -> None:
    html = render_html(merged, "fr")
    assert "Décisions manuelles" in html and "Décidé à la main par Claire &lt;b&gt;Dupont" in html
    assert "contesté" in html and "impact bloquant" in html
    assert "verdict transverse, valable pour toutes les pages" in html
    assert "1 orphelin(s)" in html and "<script>alert(1)" not in html
    assert "Decided by hand" not in html


def test_english_report_speaks_english_only(merged) -> None:
    html = render_html(merged, "en")
    assert "Manual decisions" in html and "Decided by hand by Claire" in html
    assert "blocking impact" in html and "contested" in html
    for french in ("Décidé à la main", "Décisions manuelles", "contesté", "orphelin"):
        assert french not in html


def test_a_report_without_verdicts_shows_no_provenance() -> None:
    html = render_html(json.loads(SAMPLE.read_text("utf-8")), "fr")
    assert "Décisions manuelles" not in html and "Verdicts manuels" not in html


def test_markdown_summary_gives_the_verdicts_in_the_language_asked(merged) -> None:
    from rgaa_audit.report.markdown import render_markdown

    assert "Verdicts manuels (v.toml) : 4 appliqué(s), 1 contesté(s)" in render_markdown(merged)
    english = render_markdown(merged, "en")
    assert "Manual verdicts (v.toml): 4 applied, 1 contested" in english
    assert "appliqué" not in english
