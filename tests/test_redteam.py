"""The red-team corpus (tests/redteam: adversarial pages written from the RGAA text alone) as a
test: no false C, no false NA, no false NC, and recall never below the measured level."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
RECALL_FLOOR = 0.83  # measured 68/81 = 0.840 on 3 Dec 2026 (docs/redteam.md)


def test_no_wrong_verdict_on_the_red_team_pages(tmp_path: Path) -> None:
    out = tmp_path / "redteam.json"
    run = subprocess.run([sys.executable, str(REPO / "bench/redteam.py"), "--out", str(out)],
                         capture_output=True, text=True, timeout=900, cwd=REPO)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    result = json.loads(out.read_text("utf-8"))
    wrong = [r for r in result["rows"] if r["verdict"] in ("false-C", "false-NA", "false-NC",
                                                           "other")]
    assert wrong == [], "\n".join(
        f"{r['file']} {r['test']}: expected {r['expected']}, got {r['got']}" for r in wrong)
    assert result["totals"]["recall"] >= RECALL_FLOOR
