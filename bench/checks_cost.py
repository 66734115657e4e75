"""How much the own checks cost next to axe-core, page by page, on the demo portal.

Usage: .venv/bin/python bench/checks_cost.py
Prints, per page, axe-core's in-browser run time, the in-page collector's time, and the
Python time of the own checks (+ decisions), then the ratio own checks / axe-core.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rgaa_audit.capture import tab as tab_module
from rgaa_audit.capture.browser import find_browser
from rgaa_audit.checks.axe import axe_results
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import run_page_checks
from rgaa_audit.crawl.crawler import run_capture
from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.decide.verdicts import decide_page
from rgaa_audit.demo.server import serve_demo
from rgaa_audit.model import PageStatus
from rgaa_audit.pipeline import CrawlBrowser
from rgaa_audit.referential import load_referential


def main() -> None:
    axe_times: list[float] = []  # one worker: in page order
    original = tab_module.Tab._run_axe

    async def timed_run_axe(world):
        started = time.perf_counter()
        result = await original(world)
        axe_times.append(time.perf_counter() - started)
        return result

    tab_module.Tab._run_axe = staticmethod(timed_run_axe)
    rows = []

    async def on_page(snapshot, _camera) -> None:
        if snapshot.status is not PageStatus.AUDITED:
            return
        started = time.perf_counter()
        doc = PageDocument(snapshot)
        results = axe_results(snapshot.axe) + run_page_checks(doc)
        decide_page(results, load_referential())
        own = time.perf_counter() - started
        rows.append((snapshot.final_url, axe_times[-1] if axe_times else float("nan"), own))

    load_referential()
    with serve_demo() as base:
        asyncio.run(run_capture(CrawlBrowser(find_browser()), CrawlSettings(50, 30, 1), on_page,
                                Progress(), base))
    print("| page | axe-core s | own checks s | ratio |")
    print("| --- | --: | --: | --: |")
    for url, axe, own in rows:
        print(f"| {url.split('/', 3)[-1] or '/'} | {axe:.3f} | {own:.3f} | {own / axe:.2f} |")
    total_axe = sum(r[1] for r in rows)
    total_own = sum(r[2] for r in rows)
    print(f"\n{len(rows)} pages: axe-core {total_axe:.2f} s, own checks {total_own:.2f} s, "
          f"ratio {total_own / total_axe:.2f} (median per page "
          f"{statistics.median(r[2] / r[1] for r in rows):.2f})")


if __name__ == "__main__":
    main()
