"""Benchmark rgaa-audit against pa11y-ci on a generated site served on 127.0.0.1.

    .venv/bin/python bench/run.py              # 200 pages: rgaa-audit c=1, c=2 vs pa11y-ci c=1
    .venv/bin/python bench/run.py --scaling    # rgaa-audit alone at 50, 200 and 1,000 pages
    .venv/bin/python bench/run.py --demo       # rgaa-audit on the bundled demo portal, c=1 and 2
    .venv/bin/python bench/run.py --interactions  # 200 pages, interaction probes off vs on

Each tool runs as a subprocess, one at a time; see measure.py for what is counted.
Results go to bench/results/<timestamp>.json (tool outputs in bench/results/<timestamp>/)
and are printed as Markdown. Install pa11y-ci first (version pinned in bench/package.json):
`PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix bench`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

from measure import Measurement, become_subreaper, run_measured  # noqa: E402

from rgaa_audit import __version__ as RGAA_AUDIT_VERSION  # noqa: E402
from rgaa_audit.capture.browser import LAUNCH_ARGS, BrowserNotFound, find_browser  # noqa: E402
from rgaa_audit.demo.server import serve_directory  # noqa: E402


def _load_site_module() -> Any:
    """bench/site.py by path: `import site` would give the standard library's module."""
    spec = importlib.util.spec_from_file_location("bench_site", HERE / "site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


build_site = _load_site_module().build_site
RESULTS = HERE / "results"
SITES = HERE / "site"
PA11Y_BIN = HERE / "node_modules" / ".bin" / "pa11y-ci"


def _chromium() -> str:
    try:
        return str(find_browser().executable or "/usr/bin/chromium")
    except BrowserNotFound:
        return "/usr/bin/chromium"


# Both tools get the same browser and the same flags: rgaa-audit's own choice.
CHROMIUM = _chromium()
CHROME_ARGS = list(LAUNCH_ARGS)
PA11Y_CONCURRENCY = 1  # pa11y-ci 4 loses pages ("Protocol error (Target.closeTarget)") at 2
SECONDS_PER_PAGE_LIMIT = 15
SCALING_SIZES = (50, 200, 1000)


def _first_line(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (result.stdout.strip().splitlines() or ["?"])[0]


def _lines(command: list[str]) -> list[str]:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return result.stdout.splitlines()


def _package_version(name: str) -> str:
    for path in (HERE / "node_modules" / name / "package.json",
                 HERE / "node_modules" / "pa11y" / "node_modules" / name / "package.json"):
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8")).get("version", "?")
    return "not installed"


def machine() -> dict[str, Any]:
    """The facts that make figures comparable (or not) between machines."""
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_mb = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        memory_mb = int(meminfo.read_text().split()[1]) // 1024
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": memory_mb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": _first_line(["node", "--version"]),
        "chromium": _first_line([CHROMIUM, "--version"]),
        "rgaa_audit": RGAA_AUDIT_VERSION,
        "git_commit": _first_line(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        "git_dirty_files": len(_lines(["git", "-C", str(REPO), "status", "--porcelain",
                                       "--untracked-files=no", "rgaa_audit", "cli.py"])),
        "pa11y_ci": _package_version("pa11y-ci"),
        "pa11y": _package_version("pa11y"),
        "axe_core_in_pa11y": _package_version("axe-core"),
    }


def _timeout(pages: int) -> float:
    return 120 + pages * SECONDS_PER_PAGE_LIMIT


def _record(tool: str, concurrency: int, pages_asked: int, measured: Measurement,
            audited: int, failed: int, out: Path) -> dict[str, Any]:
    return {"tool": tool, "concurrency": concurrency, "pages_asked": pages_asked,
            "pages_audited": audited, "pages_failed": failed, "output": str(out),
            **asdict(measured), "cpu_s": measured.cpu_s}


def rgaa_counts(out: Path) -> tuple[int, int, str]:
    """(pages audited, pages failed, axe-core version) from rgaa-audit's report.json."""
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        summary = report["summary"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0, 0, "?"
    return (int(summary.get("pages_audited", 0)), int(summary.get("pages_failed", 0)),
            str(report.get("tool", {}).get("axe_core", "?")))


def run_rgaa(arguments: list[str], concurrency: int, pages: int, out: Path) -> dict[str, Any]:
    """`python cli.py <arguments> --concurrency C --out OUT`, measured."""
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(REPO / "cli.py"), *arguments,
               "--concurrency", str(concurrency), "--out", str(out)]
    print(f"… rgaa-audit c={concurrency}: {' '.join(command[1:])}", file=sys.stderr, flush=True)
    with open(out / "stdout.txt", "wb") as stdout, open(out / "stderr.txt", "wb") as stderr:
        measured = run_measured(command, stdout=stdout, stderr=stderr, cwd=REPO,
                                timeout_s=_timeout(pages))
    audited, failed, axe_core = rgaa_counts(out)
    record = _record("rgaa-audit", concurrency, pages, measured, audited, failed, out)
    record["axe_core"] = axe_core
    return record


def pa11y_counts(report_file: Path) -> tuple[int, int, int]:
    """(pages audited, pages failed, issues) from pa11y-ci's --json output.

    The JSON is the last line starting with "{" (the CLI reporter writes text before it).
    A page that could not be tested holds an error object (no "code") instead of issues.
    """
    try:
        lines = report_file.read_text(encoding="utf-8", errors="replace").splitlines()
        report = json.loads(next(line for line in reversed(lines) if line.startswith("{")))
    except (OSError, StopIteration, ValueError):
        return 0, 0, 0
    audited = failed = issues = 0
    for entries in report.get("results", {}).values():
        if any(isinstance(e, dict) and "code" not in e for e in entries):
            failed += 1
        else:
            audited += 1
            issues += len(entries)
    return audited, failed, issues


def run_pa11y(urls: list[str], out: Path) -> dict[str, Any]:
    """pa11y-ci (axe runner, Debian's Chromium) on `urls`, measured."""
    out.mkdir(parents=True, exist_ok=True)
    config = {
        "defaults": {
            "runners": ["axe"],
            "concurrency": PA11Y_CONCURRENCY,
            "timeout": 30_000,
            "chromeLaunchConfig": {"executablePath": CHROMIUM, "args": CHROME_ARGS},
        },
        "urls": urls,
    }
    config_file = out / "pa11y-ci.json"
    config_file.write_text(json.dumps(config, indent=1), encoding="utf-8")
    command = [str(PA11Y_BIN), "--config", str(config_file), "--json"]
    print(f"… pa11y-ci c={PA11Y_CONCURRENCY}: {' '.join(command)}", file=sys.stderr, flush=True)
    report_file = out / "pa11y-report.json"
    # A file, not a pipe: node cuts piped stdout at 64 KiB when it exits.
    with open(report_file, "wb") as stdout, open(out / "stderr.txt", "wb") as stderr:
        measured = run_measured(command, stdout=stdout, stderr=stderr, cwd=out,
                                timeout_s=_timeout(len(urls)))
    audited, failed, issues = pa11y_counts(report_file)
    record = _record("pa11y-ci", PA11Y_CONCURRENCY, len(urls), measured, audited, failed, out)
    record["issues"] = issues
    return record


def site_urls(base_url: str, pages: tuple[str, ...]) -> list[str]:
    return [base_url + path for path in pages]


def compare(pages: int, concurrencies: list[int], out: Path, with_pa11y: bool,
            sites: Path) -> list[dict]:
    site = build_site(sites / f"n{pages}", pages)
    runs = []
    with serve_directory(sites / f"n{pages}") as base_url:
        for concurrency in concurrencies:
            runs.append(run_rgaa(["audit", base_url, "--max-pages", str(pages)], concurrency,
                                 pages, out / f"rgaa-audit-n{pages}-c{concurrency}"))
        if with_pa11y:
            runs.append(run_pa11y(site_urls(base_url, site.pages), out / f"pa11y-ci-n{pages}"))
    return runs


def scaling(sizes: list[int], concurrency: int, out: Path, sites: Path) -> list[dict]:
    runs = []
    for pages in sizes:
        build_site(sites / f"n{pages}", pages)
        with serve_directory(sites / f"n{pages}") as base_url:
            runs.append(run_rgaa(["audit", base_url, "--max-pages", str(pages)], concurrency,
                                 pages, out / f"rgaa-audit-n{pages}-c{concurrency}"))
    return runs


def interactions(pages: int, concurrency: int, out: Path, sites: Path) -> list[dict]:
    """The same site with the interaction probes off (`--interaction-budget-ms 0`), then on
    (the default budget): what the probes add per page."""
    build_site(sites / f"n{pages}", pages)
    runs = []
    with serve_directory(sites / f"n{pages}") as base_url:
        for label, extra in (("rgaa-audit, probes off", ["--interaction-budget-ms", "0"]),
                             ("rgaa-audit", [])):
            run = run_rgaa(["audit", base_url, "--max-pages", str(pages), *extra], concurrency,
                           pages, out / f"rgaa-audit-n{pages}-c{concurrency}-{len(runs)}")
            run["tool"] = label
            runs.append(run)
    return runs


def probe_costs(out: Path) -> str:
    """Per probe: mean and max ms per page, and how often the budget ran out, from the
    probes-on run's report.json."""
    import statistics
    lines = ["", "| probe | pages | mean ms | max ms | budget ran out |", "|---|--:|--:|--:|--:|"]
    report = next(iter(sorted(out.glob("rgaa-audit-*-1/report.json"))), None)
    if report is None:
        return ""
    times: dict[str, list[int]] = {}
    exhausted: dict[str, int] = {}
    for page in json.loads(report.read_text(encoding="utf-8")).get("pages", []):
        # report.json keeps, per page, each probe's status and ms (pipeline.page_result)
        for name, facts in ((page.get("interaction") or {}).get("probes") or {}).items():
            times.setdefault(name, []).append(int(facts.get("ms", 0)))
            exhausted[name] = exhausted.get(name, 0) + (facts.get("status") == "budget")
    for name, values in times.items():
        lines.append(f"| {name} | {len(values)} | {statistics.mean(values):.0f} "
                     f"| {max(values)} | {exhausted[name]} |")
    return "\n".join(lines) + "\n" if times else ""


def demo(concurrencies: list[int], out: Path) -> list[dict]:
    return [run_rgaa(["demo"], c, 50, out / f"rgaa-audit-demo-c{c}") for c in concurrencies]


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


def derived(run: dict[str, Any]) -> dict[str, float]:
    pages = run["pages_audited"]
    return {
        "pages_per_s": pages / run["wall_s"] if run["wall_s"] else 0.0,
        "pages_per_cpu_s": pages / run["cpu_s"] if run["cpu_s"] else 0.0,
        "cpu_s_per_page": run["cpu_s"] / pages if pages else 0.0,
    }


def markdown(title: str, runs: list[dict[str, Any]]) -> str:
    """A Markdown table of the runs, then rgaa-audit / pa11y-ci ratios when both ran."""
    lines = [f"### {title}", "",
             "| tool | c | pages | failed | wall s | pages/s | CPU s | pages/CPU-s | CPU s/page "
             "| peak RSS MB | peak PSS MB | procs |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for run in runs:
        d = derived(run)
        lines.append(
            f"| {run['tool']} | {run['concurrency']} | {run['pages_audited']} "
            f"| {run['pages_failed']} | {run['wall_s']:.1f} | {d['pages_per_s']:.2f} "
            f"| {run['cpu_s']:.1f} | {d['pages_per_cpu_s']:.2f} | {d['cpu_s_per_page']:.2f} "
            f"| {run['peak_rss_mb']:.0f} | {run['peak_pss_mb']:.0f} | {run['peak_processes']} |")
    off = next((r for r in runs if r["tool"] == "rgaa-audit, probes off"), None)
    on = next((r for r in runs if r["tool"] == "rgaa-audit"), None)
    if off is not None and on is not None and off["pages_audited"] and on["pages_audited"]:
        added = derived(on)["cpu_s_per_page"] - derived(off)["cpu_s_per_page"]
        lines += ["", f"Interaction probes: {added:+.3f} CPU s per page "
                      f"({_ratio(derived(on)['cpu_s_per_page'], derived(off)['cpu_s_per_page'])}"
                      " × the CPU per page without them)."]
    reference = next((r for r in runs if r["tool"] == "pa11y-ci"), None)
    if reference is not None:
        ref = derived(reference)
        lines += ["", "| rgaa-audit / pa11y-ci | pages/s | pages/CPU-s | CPU s/page "
                      "| peak RSS | peak PSS |", "|---|--:|--:|--:|--:|--:|"]
        for run in runs:
            if run["tool"] != "rgaa-audit" or not run["pages_audited"]:
                continue
            d = derived(run)
            lines.append(
                f"| rgaa-audit c={run['concurrency']} / pa11y-ci c={reference['concurrency']} "
                f"| {_ratio(d['pages_per_s'], ref['pages_per_s'])} "
                f"| {_ratio(d['pages_per_cpu_s'], ref['pages_per_cpu_s'])} "
                f"| {_ratio(d['cpu_s_per_page'], ref['cpu_s_per_page'])} "
                f"| {_ratio(run['peak_rss_mb'], reference['peak_rss_mb'])} "
                f"| {_ratio(run['peak_pss_mb'], reference['peak_pss_mb'])} |")
    return "\n".join(lines) + "\n"


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description="rgaa-audit vs pa11y-ci on a generated site.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--scaling", action="store_true",
                      help="rgaa-audit alone at 50, 200 and 1,000 pages (see --sizes)")
    mode.add_argument("--interactions", action="store_true",
                      help="the generated site with the interaction probes off, then on")
    mode.add_argument("--demo", action="store_true",
                      help="rgaa-audit on the bundled demo portal at concurrency 1 and 2")
    parser.add_argument("--pages", type=int, default=200, help="site size of the comparison")
    parser.add_argument("--concurrency", default="1,2",
                        help="rgaa-audit concurrencies, comma-separated (scaling uses the last)")
    parser.add_argument("--sizes", default=",".join(map(str, SCALING_SIZES)))
    parser.add_argument("--no-pa11y", action="store_true", help="measure rgaa-audit only")
    args = parser.parse_args()
    concurrencies = _ints(args.concurrency)
    if not 3 <= args.pages <= 5000 or not concurrencies:
        parser.error("--pages must be within 3..5000 and --concurrency not empty")
    with_pa11y = not (args.no_pa11y or args.scaling or args.demo or args.interactions)
    if with_pa11y and not PA11Y_BIN.exists():
        parser.error("pa11y-ci is missing: PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix bench "
                     "(or pass --no-pa11y)")
    if not become_subreaper():
        print("warning: not a child subreaper, orphaned processes' CPU may be missed",
              file=sys.stderr)

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / stamp
    out.mkdir(parents=True, exist_ok=True)
    sites = SITES / stamp  # per run: two runs at once never delete each other's site
    started = time.monotonic()
    if args.demo:
        title, mode_name = "rgaa-audit on the demo portal", "demo"
        runs = demo(concurrencies, out)
    elif args.interactions:
        title = f"interaction probes on a {args.pages}-page generated site"
        mode_name = "interactions"
        runs = interactions(args.pages, concurrencies[-1], out, sites)
    elif args.scaling:
        title, mode_name = f"rgaa-audit scaling (concurrency {concurrencies[-1]})", "scaling"
        runs = scaling(_ints(args.sizes), concurrencies[-1], out, sites)
    else:
        title = f"{args.pages}-page generated site" + (", rgaa-audit vs pa11y-ci" * with_pa11y)
        mode_name = "compare"
        runs = compare(args.pages, concurrencies, out, with_pa11y, sites)
    result = {"mode": mode_name, "started": stamp, "machine": machine(),
              "total_s": time.monotonic() - started,
              "runs": [{**run, **derived(run)} for run in runs]}
    result_file = RESULTS / f"{stamp}.json"
    result_file.write_text(json.dumps(result, indent=1), encoding="utf-8")
    info = result["machine"]
    print(markdown(title, runs) + (probe_costs(out) if mode_name == "interactions" else ""))
    print(f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_mb']} MB; "
          f"{info['chromium']}; Python {info['python']}; node {info['node']}; "
          f"rgaa-audit {info['rgaa_audit']}; pa11y-ci {info['pa11y_ci']} "
          f"(pa11y {info['pa11y']}, axe-core {info['axe_core_in_pa11y']}); "
          f"commit {info['git_commit']} ({info['git_dirty_files']} modified files in rgaa_audit).")
    rgaa_axe = next((r["axe_core"] for r in runs if r.get("axe_core")), "?")
    print(f"axe-core in rgaa-audit: {rgaa_axe}.")
    print(f"Results: {result_file}")
    if os.environ.get("BENCH_KEEP_SITE") != "1":
        shutil.rmtree(sites, ignore_errors=True)
    return 0 if all(r["pages_audited"] and not r["timed_out"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
