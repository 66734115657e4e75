"""Rendering probes: the page at 320 px wide, with text doubled and spaced, and (vertical
text only) at 256 px high. Runs after axe-core and before collect.js, so the marks probes.js
writes are serialised with the DOM; the viewport is always restored.

Cost: one relayout per viewport state (two, three with vertical text) plus two style changes
in the "text" step; each step is one `evaluate` bounded in time inside the page.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from rgaa_audit.capture.world import World

HERE = Path(__file__).parent
REFLOW_WIDTH = 320
REFLOW_HEIGHT = 256


@cache
def probes_source() -> str:
    return (HERE / "probes.js").read_text(encoding="utf-8")


async def _at_size(page: Page, world: World, size: dict[str, int], step: str,
                   original: dict[str, int]) -> dict[str, Any]:
    try:
        await page.set_viewport_size(size)
        return await world.call(probes_source(), step)
    finally:
        await page.set_viewport_size(original)


async def run_probes(page: Page, world: World) -> dict[str, Any]:
    """Run every probe on the loaded page (scripts in rgaa-audit's `world`); facts (counts,
    timings, errors) for `collected`."""
    started = time.perf_counter()
    original = page.viewport_size or {"width": 1280, "height": 900}
    facts: dict[str, Any] = {}
    try:
        facts["reflow"] = await _at_size(
            page, world, {"width": REFLOW_WIDTH, "height": original["height"]}, "reflow", original)
        facts["text"] = await world.call(probes_source(), "text")
        if facts["text"].get("vertical"):
            facts["vertical"] = await _at_size(
                page, world, {"width": original["width"], "height": REFLOW_HEIGHT}, "vertical",
                original)
    except PlaywrightError as error:
        facts["error"] = str(error).strip().splitlines()[0][:300] if str(error).strip() else "?"
    facts["ms"] = round((time.perf_counter() - started) * 1000)
    return facts
