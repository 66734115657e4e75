"""The red-team corpus (tests/redteam: adversarial pages written from the RGAA text alone) as a
test: no false C, no false NA, no false NC beyond the listed known-wrong verdicts (each a strict
expected failure), and recall on the first corpus never below the measured level."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KNOWN_WRONG = REPO / "tests/redteam/known-wrong.toml"
RECALL_FLOOR = 0.83  # first corpus (batch s1): measured 68/81 = 0.840 on 3 Dec 2026
WRONG = ("false-C", "false-NA", "false-NC", "other")


def known_wrong() -> dict[tuple[str, str], str]:
    entries = tomllib.loads(KNOWN_WRONG.read_text("utf-8")).get("wrong", [])
    return {(e["file"], e["test"]): e["got"] for e in entries}


def test_known_wrong_entries_name_real_expectations() -> None:
    expected = tomllib.loads((REPO / "tests/redteam/expected.toml").read_text("utf-8"))["page"]
    keys = {(e["file"], e["test"]) for e in expected}
    missing = sorted(set(known_wrong()) - keys)
    assert missing == [], f"known-wrong.toml names no expectation: {missing}"


@pytest.mark.browser  # runs Chromium through the CLI, not through the browser fixture
def test_no_wrong_verdict_on_the_red_team_pages(tmp_path: Path) -> None:
    out = tmp_path / "redteam.json"
    run = subprocess.run([sys.executable, str(REPO / "bench/redteam.py"), "--out", str(out)],
                         capture_output=True, text=True, timeout=900, cwd=REPO)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    result = json.loads(out.read_text("utf-8"))
    known = known_wrong()
    wrong = {(r["file"], r["test"]): r for r in result["rows"] if r["verdict"] in WRONG}
    unexpected = [r for key, r in wrong.items() if known.get(key) != r["got"]]
    assert unexpected == [], "wrong verdicts not in known-wrong.toml:\n" + "\n".join(
        f"{r['file']} {r['test']}: expected {r['expected']}, got {r['got']}" for r in unexpected)
    fixed = sorted(key for key in known if key not in wrong)
    assert fixed == [], f"now right (remove from known-wrong.toml): {fixed}"
    old = result["totals"]["by_batch"]["s1"]
    assert old["recall"] >= RECALL_FLOOR, old
