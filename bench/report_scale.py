"""Reports at scale: replicate the pages of a small real report.json to N pages, render the
HTML report, and measure the overview (bytes, elements, load time in headless Chromium).

    python bench/report_scale.py /tmp/rp-demo/report.json --pages 200 1000 --out /tmp/rp-scale

For each N, the folder `<out>/<N>` receives report.json (the synthetic document, every page
with a distinct URL), the evidence crops of the source folder and the HTML output written by
`write_outputs`; one line per N is printed: total HTML bytes, overview bytes, overview
elements, and the median of 3 load times (navigation start to load event) in Chromium.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from rgaa_audit.capture.browser import find_browser
from rgaa_audit.report.outputs import write_outputs

RUNS = 3


def synthetic_report(source: dict[str, Any], pages: int) -> dict[str, Any]:
    """`source` with its pages replicated (cyclically) to `pages` pages of distinct URLs."""
    report = copy.deepcopy(source)
    originals = source.get("pages") or []
    if not originals:
        raise SystemExit("the source report has no pages")
    replicated = []
    for n in range(pages):
        page = copy.deepcopy(originals[n % len(originals)])
        round_ = n // len(originals)
        if round_:
            for key in ("url", "final_url"):
                if isinstance(page.get(key), str):
                    sep = "&" if "?" in page[key] else "?"
                    page[key] = f"{page[key]}{sep}copy={round_}"
        replicated.append(page)
    report["pages"] = replicated
    summary = report.get("summary")
    if isinstance(summary, dict):
        audited = sum(1 for p in replicated if p.get("status") == "audited")
        summary["pages_audited"] = audited
        summary["pages_failed"] = len(replicated) - audited
    return report


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def measure_load(overview: Path) -> tuple[float, int]:
    """Median load time (ms, navigation start to load event end) over RUNS fresh pages and
    the number of elements of the overview."""
    from playwright.sync_api import sync_playwright

    choice = find_browser()
    times = []
    elements = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(choice.executable) if choice.executable else None)
        try:
            for _ in range(RUNS):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(overview.resolve().as_uri(), wait_until="load", timeout=120_000)
                timing = page.evaluate(
                    "() => { const e = performance.getEntriesByType('navigation')[0];"
                    " return e.loadEventEnd - e.startTime; }")
                times.append(float(timing))
                elements = int(page.evaluate("() => document.getElementsByTagName('*').length"))
                context.close()
        finally:
            browser.close()
    return statistics.median(times), elements


def run(source_path: Path, sizes: list[int], out: Path, lang: str) -> list[dict[str, Any]]:
    source = json.loads(source_path.read_text(encoding="utf-8"))
    evidence = source_path.parent / "evidence"
    rows = []
    for n in sizes:
        folder = out / str(n)
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        if evidence.is_dir():
            shutil.copytree(evidence, folder / "evidence")
        report = synthetic_report(source, n)
        (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), "utf-8")
        started = time.perf_counter()
        write_outputs(report, folder, ["html"], lang)
        render_s = time.perf_counter() - started
        overview = folder / "report.html"
        files = html_files(folder)
        load_ms, elements = measure_load(overview)
        row = {
            "pages": n,
            "render_s": round(render_s, 2),
            "html_files": len(files),
            "html_total_bytes": sum(f.stat().st_size for f in files),
            "overview_bytes": overview.stat().st_size,
            "overview_elements": elements,
            "overview_load_ms": round(load_ms),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a real (small) report.json")
    parser.add_argument("--pages", type=int, nargs="+", default=[50, 200, 1000])
    parser.add_argument("--out", type=Path, default=Path("/tmp/rp-scale"))
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args(argv)
    run(args.source, args.pages, args.out, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
