"""diff: rate change, criteria that changed, new and fixed findings, eco; escaped output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rgaa_audit.conclude.diff import diff_reports
from rgaa_audit.report.diff import render_diff_markdown, render_diff_text
from tests.test_baseline import FORM, HOME, finding, make_report, page

REPO = Path(__file__).resolve().parents[1]
ECO = {"requests": 5, "transfer_bytes": 10_000, "decoded_bytes": 10_000, "dom_elements": 80,
       "by_type": {}}


def old_and_new():
    old = make_report(page(HOME, [finding("1.1.1", "#logo", "axe:image-alt")], eco=ECO),
                      page(FORM, extra_c=("8.5", "11.1")))
    new = make_report(page(HOME, extra_c=("8.5", "1.1"), eco={**ECO, "requests": 7}),
                      page(FORM, [finding("11.1.1", "#nom",
                                          message="<script>alert(1)</script> | @team")]))
    return old, new


def test_diff_dict() -> None:
    old, new = old_and_new()
    changes = diff_reports(old, new)
    assert (changes["rate_before"], changes["rate_after"]) == (66.67, 66.67)
    assert changes["became_nc"] == ["11.1"] and changes["became_c"] == ["1.1"]
    assert [f["selector"] for f in changes["new"]] == ["#nom"]
    assert [f["selector"] for f in changes["fixed"]] == ["#logo"]
    assert changes["still_open"] == 0
    assert (changes["eco_before"]["requests"], changes["eco_after"]["requests"]) == (5, 7)


def test_text_and_markdown_renderings_escape_site_text() -> None:
    old, new = old_and_new()
    changes = diff_reports(old, new)
    text = render_diff_text(changes)
    assert "Devenus NC : 11.1" in text and "+ 11.1.1 /contact.html #nom" in text
    assert "- 1.1.1 / #logo" in text and "requêtes 5 → 7 (+2)" in text
    markdown = render_diff_markdown(new, changes)
    assert "Nouveaux" in markdown and "Corrigés" in markdown
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "\\| &#64;team" in markdown


def test_cli_diff(tmp_path: Path) -> None:
    old, new = old_and_new()
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "report.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")
    for fmt, expected in (("text", "Nouveaux constats : 1"), ("markdown", "### ")):
        result = subprocess.run(
            [sys.executable, str(REPO / "cli.py"), "diff", str(tmp_path / "old"),
             str(tmp_path / "new.json"), "--format", fmt], capture_output=True, text=True,
            timeout=60)
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout
    bad = subprocess.run([sys.executable, str(REPO / "cli.py"), "diff", str(tmp_path / "new.json"),
                          str(REPO / "pyproject.toml")], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
