"""bench/compare_reports.py: run noise is ignored, a changed verdict or finding is not."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import compare_reports

REPORT = {
    "schema": 1,
    "site": {"start_url": "http://127.0.0.1:4100/", "started_at": "2026-12-03T10:00:00+00:00"},
    "pages": [
        {"url": "http://127.0.0.1:4100/a.html", "criteria": {"1.1": {
            "status": "NC", "tests": {"1.1.1": "NC"},
            "findings": [
                {"test": "1.1.1", "selector": "img", "message": "m1", "source": "axe:x",
                 "kind": "failure", "crop": "evidence/aa-1.jpg"},
                {"test": "1.1.1", "selector": "svg", "message": "m2", "source": "axe:x",
                 "kind": "failure"},
            ]}}},
    ],
}


def _run(tmp_path: Path, after: dict, *extra: str) -> tuple[int, str]:
    (tmp_path / "a.json").write_text(json.dumps(REPORT))
    (tmp_path / "b.json").write_text(json.dumps(after))
    return compare_reports.main([str(tmp_path / "a.json"), str(tmp_path / "b.json"), *extra]), ""


def test_port_timestamps_crops_and_finding_order_are_noise(tmp_path, capsys):
    after = json.loads(json.dumps(REPORT).replace("4100", "4200").replace("10:00", "11:00")
                       .replace("aa-1", "bb-1"))
    after["pages"][0]["criteria"]["1.1"]["findings"].reverse()
    assert _run(tmp_path, after)[0] == 0
    assert "0 difference(s)" in capsys.readouterr().out


def test_a_changed_status_or_finding_is_reported(tmp_path, capsys):
    after = copy.deepcopy(REPORT)
    after["pages"][0]["criteria"]["1.1"]["tests"]["1.1.1"] = "C"
    after["pages"][0]["criteria"]["1.1"]["findings"][1]["selector"] = "canvas"
    assert _run(tmp_path, after)[0] == 1
    out = capsys.readouterr().out
    assert "tests.1.1.1: 'NC' -> 'C'" in out and '"selector": "canvas"' in out
    assert "3 difference(s)" in out  # one gone, one new, one status


def test_messages_can_be_left_out_and_paths_ignored(tmp_path, capsys):
    after = copy.deepcopy(REPORT)
    after["pages"][0]["criteria"]["1.1"]["findings"][0]["message"] = "autre"
    assert _run(tmp_path, after)[0] == 1
    assert _run(tmp_path, after, "--ignore-messages")[0] == 0
    after["pages"][0]["criteria"]["1.1"]["status"] = "C"
    assert _run(tmp_path, after, "--ignore-messages", "--ignore", "*.status")[0] == 0
    keyed = copy.deepcopy(REPORT)
    keyed["pages"][0]["criteria"]["1.1"]["findings"][0].update(key="axe.x", params={"n": 1})
    assert _run(tmp_path, keyed)[0] == 1
    assert _run(tmp_path, keyed, "--ignore-keys")[0] == 0
    capsys.readouterr()


def test_unreadable_file_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "a.json").write_text("not json")
    assert compare_reports.main([str(tmp_path / "a.json"), str(tmp_path / "a.json")]) == 2
    assert "cannot read a report" in capsys.readouterr().err
