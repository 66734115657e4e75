"""Storing results: append-only page log, atomic report, nothing lost on a crash."""

from __future__ import annotations

import json
import stat

from rgaa_audit.model import CriterionVerdict, EcoMetrics, Finding, PageResult, PageStatus, Status
from rgaa_audit.store.files import PagesLog, load_report, write_json_atomic


def test_pages_log_appends_and_skips_a_half_written_line(tmp_path) -> None:
    log = PagesLog(tmp_path)
    log.append({"url": "a"})
    log.append({"url": "b"})
    with log.path.open("a", encoding="utf-8") as handle:
        handle.write('{"url": "c", "trunc')  # a crash in the middle of a write
    assert [p["url"] for p in PagesLog(tmp_path, fresh=False).read()] == ["a", "b"]


def test_report_is_written_atomically_and_readable(tmp_path) -> None:
    target = tmp_path / "report.json"
    write_json_atomic(target, {"schema": "rgaa-audit/report/1", "pages": []})
    assert load_report(tmp_path)["pages"] == []
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # group/others can read it
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_page_result_round_trips_through_its_dict_form() -> None:
    finding = Finding("1.1.1", "img", "<img src=x>", "message", "axe:image-alt")
    page = PageResult(
        url="http://x/", final_url="http://x/", status=PageStatus.AUDITED, http_status=200,
        title="t", rate=50.0,
        criteria={"1.1": CriterionVerdict("1.1", Status.NC, {"1.1.1": Status.NC}, (finding,))},
        eco=EcoMetrics(requests=3, transfer_bytes=10, extra={"ecoindex": {"score": 90}}),
        extra={"sample_reason": "accueil"},
    )
    data = json.loads(json.dumps(page.to_dict()))
    assert PageResult.from_dict(data) == page


def test_untrusted_text_is_bounded() -> None:
    finding = Finding("1.1.1", "x" * 5000, "<p>" + "y" * 5000, "m", "s")
    assert len(finding.snippet) == 500 and len(finding.selector) <= 300
    page = PageResult(url="http://x/" + "a" * 5000, final_url="http://x/",
                      status=PageStatus.AUDITED, title="t" * 5000)
    data = page.to_dict()
    assert len(data["url"]) <= 2000 and len(data["title"]) <= 300
