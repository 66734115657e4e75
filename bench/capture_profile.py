"""Where a page's CPU goes during capture: CPU seconds per step, per process kind.

Captures N pages of the generated benchmark site with one `Tab` (the crawler's own code, not
a copy) and charges the CPU time of this process and of every process below it (Playwright's
driver, each Chromium process) to the capture step running at that moment. Steps are found by
wrapping the calls `Tab._capture` makes (navigation, network wait, axe-core, probes,
collector) and the evidence `photograph`, which the audit calls for pages with failures only.

    .venv/bin/python bench/capture_profile.py --pages 40

Prints CPU seconds per page for each step and for each process kind (renderer, browser, GPU,
utility, driver, Python). Python's checks, decisions and report writing are not in it: see
`bench/checks_cost.py` and `bench/run.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from importlib import import_module
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from measure import parent_map  # noqa: E402
from playwright.async_api import Page, async_playwright  # noqa: E402

from rgaa_audit.capture import tab as tab_module  # noqa: E402
from rgaa_audit.capture import world as world_module  # noqa: E402
from rgaa_audit.capture.browser import LAUNCH_ARGS, find_browser  # noqa: E402
from rgaa_audit.capture.interaction import runner as runner_module  # noqa: E402
from rgaa_audit.capture.interaction.runner import PROBE_NAMES  # noqa: E402
from rgaa_audit.demo.server import serve_directory  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
WARM_UP_PAGES = 3
SCRIPT_STEPS = {"run_axe.js": "axe-core", "probes.js": "probes", "collect.js": "collector"}


def process_kind(pid: int) -> str:
    try:
        # Chromium rewrites its helpers' command lines as one space-separated string
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
    except OSError:
        return "?"
    for argument in arguments:
        if argument.startswith(b"--type="):
            return "chromium " + argument[7:].decode(errors="replace")
    program = arguments[0].decode(errors="replace")
    if "chromium" in program or "chrome" in program:
        return "chromium browser"
    if program.endswith("node"):
        return "playwright driver"
    return "python" if pid == os.getpid() else Path(program).name


def tree_cpu() -> dict[str, float]:
    """CPU seconds so far of this process and its live descendants, by process kind."""
    parents = parent_map()
    children: dict[int, list[int]] = defaultdict(list)
    for pid, parent in parents.items():
        children[parent].append(pid)
    totals: dict[str, float] = defaultdict(float)
    stack = [os.getpid()]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        totals[process_kind(pid)] += (int(fields[11]) + int(fields[12])) / TICKS
    return totals


class Ledger:
    """CPU charged to steps and to process kinds.

    Steps nest (the interaction probes call the page's scripts): a step is charged what it
    spent minus what the steps inside it were charged."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = defaultdict(float)
        self.kinds: dict[str, float] = defaultdict(float)
        self.recording = False
        self._inner: list[float] = []  # per open step: CPU charged to the steps inside it

    @property
    def inside(self) -> bool:
        """A step is being charged (a script it calls belongs to it)."""
        return bool(self._inner)

    async def charge(self, step: str, call: Awaitable[Any]) -> Any:
        before = tree_cpu()
        self._inner.append(0.0)
        try:
            return await call
        finally:
            inner = self._inner.pop()
            if self.recording:
                after = tree_cpu()
                spent_total = 0.0
                for kind, seconds in after.items():
                    spent = seconds - before.get(kind, 0.0)
                    spent_total += spent
                    if not self._inner:
                        self.kinds[kind] += spent
                self.steps[step] += spent_total - inner
                if self._inner:
                    self._inner[-1] += spent_total


def instrument(ledger: Ledger) -> None:
    """Wrap the capture steps so that each charges its CPU to the ledger."""

    def wrap(owner: Any, name: str, step: Callable[..., str | None]) -> None:
        original = getattr(owner, name)

        async def charged(*args: Any, **kwargs: Any) -> Any:
            name = step(*args, **kwargs)
            if name is None:  # a script called by a step already charged
                return await original(*args, **kwargs)
            return await ledger.charge(name, original(*args, **kwargs))

        setattr(owner, name, charged)

    wrap(Page, "goto", lambda *a, **k: "navigation (load)")
    wrap(tab_module.Tab, "_settle", lambda *a, **k: "network idle wait")
    wrap(tab_module.Tab, "photograph", lambda *a, **k: "evidence picture")
    wrap(tab_module.NetworkRecorder, "settle", lambda *a, **k: "network settle + bodies")
    wrap(world_module.World, "call", lambda _self, source, *a, **k: None if ledger.inside else next(
        (step for script, step in SCRIPT_STEPS.items()
         if source == tab_module._script(script)), "probes"))
    wrap(Page, "set_viewport_size", lambda *a, **k: "probes (viewport)")
    wrap(tab_module, "mark_candidates", lambda *a, **k: "interaction: marking")
    for name in PROBE_NAMES:
        module = import_module(f"rgaa_audit.capture.interaction.{name}")
        if getattr(module, "probe", None) is not None:
            wrap(module, "probe", lambda *a, _n=name, **k: f"interaction: {_n}")
    wrap(runner_module, "_neutral", lambda *a, **k: "interaction: neutral reset")


async def profile(pages: int, photograph: bool) -> tuple[Ledger, float, float, int]:
    build_site = _site_builder()
    ledger = Ledger()
    instrument(ledger)
    with tempfile.TemporaryDirectory() as folder:
        layout = build_site(Path(folder), max(pages + WARM_UP_PAGES, 3))
        with serve_directory(folder) as base:
            urls = [base + path for path in layout.pages][: pages + WARM_UP_PAGES]
            async with async_playwright() as playwright:
                choice = find_browser()
                browser = await playwright.chromium.launch(
                    executable_path=str(choice.executable) if choice.executable else None,
                    args=list(LAUNCH_ARGS))
                tab = tab_module.Tab(browser, 30)
                await tab.open()
                for url in urls[:WARM_UP_PAGES]:
                    await tab.capture(url)
                ledger.recording = True
                start_cpu, start_wall = sum(tree_cpu().values()), time.monotonic()
                for url in urls[WARM_UP_PAGES:]:
                    await tab.capture(url)
                    if photograph:
                        await tab.photograph(0, 900)
                total = sum(tree_cpu().values()) - start_cpu
                wall = time.monotonic() - start_wall
                await browser.close()
    return ledger, total, wall, len(urls) - WARM_UP_PAGES


def _site_builder() -> Callable[..., Any]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_site", HERE / "site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_site"] = module
    spec.loader.exec_module(module)
    return module.build_site


def main() -> int:
    parser = argparse.ArgumentParser(description="CPU per capture step, per process kind.")
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--photograph", action="store_true",
                        help="also take one evidence picture (first 900 px) of every page")
    args = parser.parse_args()
    ledger, total, wall, pages = asyncio.run(profile(args.pages, args.photograph))
    print(f"{pages} pages, {wall:.1f} s wall, {total:.2f} CPU s = {total / pages:.3f} CPU s/page")
    print("\n| step | CPU s/page |\n|---|--:|")
    for step, seconds in sorted(ledger.steps.items(), key=lambda item: -item[1]):
        print(f"| {step} | {seconds / pages:.3f} |")
    print(f"| (between steps) | {(total - sum(ledger.steps.values())) / pages:.3f} |")
    print("\n| process | CPU s/page |\n|---|--:|")
    for kind, seconds in sorted(ledger.kinds.items(), key=lambda item: -item[1]):
        if seconds / pages >= 0.001:
            print(f"| {kind} | {seconds / pages:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
