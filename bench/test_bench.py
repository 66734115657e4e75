"""Tests of the benchmark's own logic (no browser, no node): `pytest bench/test_bench.py`."""

from __future__ import annotations

import json
import re
import sys
from collections import deque
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure
import run

site = run._load_site_module()
LINK = re.compile(r'href="(/[^"#]*)"')


def crawl(root: Path) -> list[str]:
    """Breadth-first over the generated files, as the crawler would see them."""
    seen, queue = {"/"}, deque(["/"])
    while queue:
        path = queue.popleft()
        file = root / ("index.html" if path == "/" else path.lstrip("/"))
        for link in LINK.findall(file.read_text(encoding="utf-8")):
            if link.endswith(".html") or link == "/":
                assert (root / ("index.html" if link == "/" else link.lstrip("/"))).is_file(), link
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
    return sorted(seen)


@pytest.mark.parametrize("pages", [3, 21, 22, 50, 200])
def test_site_has_exactly_n_pages_all_reachable_from_home(tmp_path: Path, pages: int) -> None:
    layout = site.build_site(tmp_path, pages)
    html_files = sorted(tmp_path.rglob("*.html"))
    assert len(html_files) == len(layout.pages) == pages
    assert len(crawl(tmp_path)) == pages


def test_site_is_deterministic_and_seed_changes_it(tmp_path: Path) -> None:
    site.build_site(tmp_path / "a", 30)
    site.build_site(tmp_path / "b", 30)
    site.build_site(tmp_path / "c", 30, seed=7)
    a, b, c = (tmp_path / name for name in "abc")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert any((a / f).read_bytes() != (c / f).read_bytes() for f in files if (c / f).is_file())


def test_site_pages_have_realistic_content(tmp_path: Path) -> None:
    site.build_site(tmp_path, 40)
    pages = list((tmp_path / "pages").glob("*.html"))
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert sum(p.stat().st_size for p in pages) / len(pages) > 10_000
    for marker in ("<table", "<form", "<img", "<h2", '<nav id="menu"', "<footer"):
        assert marker in text
    assert list((tmp_path / "img").glob("*.jpg")) and list((tmp_path / "img").glob("*.png"))


def test_png_is_a_valid_png() -> None:
    import random

    data = site.png(16, 8, random.Random(1))
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def test_layout_refuses_too_small_sites() -> None:
    with pytest.raises(ValueError):
        site.layout(2)


def test_pa11y_counts_separates_tested_pages_from_errors(tmp_path: Path) -> None:
    report = {"total": 3, "results": {
        "http://h/a": [], "http://h/b": [{"code": "image-alt", "type": "error"}] * 2,
        "http://h/c": [{"message": "Protocol error (Target.closeTarget)"}]}}
    output = tmp_path / "out.json"
    output.write_text("Running Pa11y on 3 URLs:\n" + json.dumps(report) + "\n")
    assert run.pa11y_counts(output) == (2, 1, 2)
    output.write_text("no json here\n")
    assert run.pa11y_counts(output) == (0, 0, 0)


def test_rgaa_counts_reads_the_summary(tmp_path: Path) -> None:
    report = {"tool": {"axe_core": "4.12.1"},
              "summary": {"pages_audited": 7, "pages_failed": 2}}
    (tmp_path / "report.json").write_text(json.dumps(report))
    assert run.rgaa_counts(tmp_path) == (7, 2, "4.12.1")
    assert run.rgaa_counts(tmp_path / "missing") == (0, 0, "?")


def test_descendants_walks_the_whole_tree_only() -> None:
    parents = {1: 0, 10: 1, 11: 10, 12: 11, 13: 10, 20: 1}
    assert sorted(measure.descendants(10, parents)) == [11, 12, 13]
    assert measure.descendants(12, parents) == []


def test_run_measured_counts_cpu_of_orphaned_grandchildren() -> None:
    assert measure.become_subreaper()
    busy = "x=0\nfor i in range(3_000_000): x+=i"
    command = ["sh", "-c", f"({sys.executable} -c '{busy}' &); exit 0"]
    with open("/dev/null", "wb") as null:
        result = measure.run_measured(command, stdout=null, stderr=null, timeout_s=60)
    assert result.returncode == 0 and not result.timed_out
    assert result.cpu_s > 0.05  # the orphan's CPU, reaped here


def test_run_measured_kills_at_timeout() -> None:
    with open("/dev/null", "wb") as null:
        result = measure.run_measured(["sleep", "30"], stdout=null, stderr=null, timeout_s=0.5)
    assert result.timed_out and result.wall_s < 10


def test_markdown_shows_ratios_against_pa11y() -> None:
    def fake(tool: str, pages: int, wall: float, cpu: float, rss: float) -> dict:
        return {"tool": tool, "concurrency": 1, "pages_audited": pages, "pages_failed": 0,
                "wall_s": wall, "cpu_s": cpu, "peak_rss_mb": rss, "peak_pss_mb": rss / 2,
                "peak_processes": 5}

    text = run.markdown("t", [fake("rgaa-audit", 100, 50, 25, 500),
                              fake("pa11y-ci", 100, 100, 100, 1000)])
    assert "| rgaa-audit c=1 / pa11y-ci c=1 | 2.00 | 4.00 | 0.25 | 0.50 | 0.50 |" in text
    assert "pa11y-ci" not in run.markdown("t", [fake("rgaa-audit", 1, 1, 1, 1)])
