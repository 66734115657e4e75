"""Runs the interaction probes in the tab that captured the page, within a time budget.

`mark_candidates` runs before collect.js (it marks the elements the probes will refer to);
`run_interactions` runs after it, each probe in turn (PROBE_NAMES: motion first, since it only
watches, then the keyboard walk, scripted controls and hover/focus), the page put back in a
neutral state after each probe that touched it (Escape, pointer and focus moved away,
scrolled to the top; a probe module that only watches says `TOUCHES = False`).

Each probe is `async def probe(ctx: ProbeContext) -> dict | None` in the module of its name;
None means "not written yet". Its facts are recorded as
`{"status": "done" | "budget" | "error" | "absent", "ms": …, …facts}`: "budget" when the time
ran out before or during the probe (the checks then say nothing: cannot tell), "error" with
a one-line reason. A probe checks `ctx.expired` between steps and returns what it has with
`"complete": False` when it stops early.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from rgaa_audit.capture.world import World

HERE = Path(__file__).parent
PROBE_NAMES = ("motion", "keyboard", "controls", "hover")
DEFAULT_BUDGET_MS = 5000
MAX_CANDIDATES = 800
_NEUTRAL = """() => {
  const active = document.activeElement;
  if (active && active !== document.body && active.blur) active.blur();
  window.scrollTo(0, 0);
  return location.href;
}"""


@cache
def script(name: str) -> str:
    """The JavaScript source of one of the probes' scripts (a file beside this module)."""
    return (HERE / name).read_text(encoding="utf-8")


@dataclass
class ProbeContext:
    """What a probe may use: the page (real key and pointer events), rgaa-audit's world, the
    tab's CDP session, the candidates mark.js found and the time left."""

    page: Page
    world: World
    cdp: Any
    deadline: float  # time.monotonic() when the budget runs out
    kinds: dict[str, list[str]] = field(default_factory=dict)  # "N" -> kinds of candidate N

    def remaining_s(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def candidates(self, *kinds: str) -> list[int]:
        """Indexes of the marked candidates of any of `kinds` (all when none given)."""
        return sorted(int(i) for i, found in self.kinds.items()
                      if not kinds or any(k in found for k in kinds))

    async def call(self, source: str, argument: Any = None) -> Any:
        """world.call bounded by the time left (TimeoutError when it runs out)."""
        return await asyncio.wait_for(self.world.call(source, argument),
                                      max(0.05, self.remaining_s()))


@cache
def mark_source() -> str:
    """mark.js with each probe's own `mark-<probe>.js` function in place of /*EXTRAS*/."""
    extras = [script(f"mark-{name}.js").strip().rstrip(";") for name in PROBE_NAMES
              if (HERE / f"mark-{name}.js").is_file()]
    return script("mark.js").replace("/*EXTRAS*/", ",\n".join(extras))


async def mark_candidates(world: World, max_candidates: int = MAX_CANDIDATES) -> dict[str, Any]:
    """Mark the candidates (`data-ra-x`) before the DOM is serialised; {count, capped, kinds}."""
    try:
        marked = await world.call(mark_source(), {"max": max_candidates})
    except PlaywrightError as error:
        return {"count": 0, "capped": False, "kinds": {}, "error": _one_line(error)}
    return marked if isinstance(marked, dict) else {"count": 0, "capped": False, "kinds": {}}


async def _neutral(page: Page, world: World) -> str:
    """Escape, pointer to a corner, focus dropped, top of the page; the URL it shows."""
    with contextlib.suppress(PlaywrightError, TimeoutError):
        await asyncio.wait_for(page.keyboard.press("Escape"), 1)
        await asyncio.wait_for(page.mouse.move(0, 0), 1)
        return str(await asyncio.wait_for(world.call(_NEUTRAL), 1))
    return page.url


def _one_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


async def run_interactions(page: Page, world: World, cdp: Any, marked: dict[str, Any],
                           budget_ms: int = DEFAULT_BUDGET_MS,
                           names: tuple[str, ...] = PROBE_NAMES) -> dict[str, Any]:
    """Run the probes on the captured page; the facts for `collected["interaction"]`."""
    started = time.monotonic()
    ctx = ProbeContext(page, world, cdp, started + budget_ms / 1000,
                       dict(marked.get("kinds") or {}))
    start_url = _without_fragment(page.url)
    probes: dict[str, dict[str, Any]] = {}
    facts: dict[str, Any] = {"budget_ms": budget_ms, "candidates": int(marked.get("count", 0)),
                             "capped": bool(marked.get("capped")), "probes": probes}
    touched = False  # the last probe that ran pressed keys or moved the pointer
    for name in names:
        module = import_module(f"rgaa_audit.capture.interaction.{name}")
        probe = getattr(module, "probe", None)
        if probe is None:
            probes[name] = {"status": "absent"}
            continue
        if touched:
            await _neutral(page, world)
            touched = False
        if ctx.expired:
            probes[name] = {"status": "budget", "ms": 0}
            continue
        begun = time.monotonic()
        try:
            result = await asyncio.wait_for(probe(ctx), max(0.05, ctx.remaining_s()))
            probes[name] = ({"status": "absent"} if result is None
                            else {"status": "done", **result})
            touched = result is not None and getattr(module, "TOUCHES", True)
        except TimeoutError:
            probes[name] = {"status": "budget"}
            touched = True
        except PlaywrightError as error:
            probes[name] = {"status": "error", "error": _one_line(error)}
            touched = True
        probes[name]["ms"] = round((time.monotonic() - begun) * 1000)
        if _without_fragment(page.url) != start_url:
            facts["navigated"] = page.url[:2000]  # history API: the page itself is still there
    if touched:  # leave the page as captured for the evidence pictures taken later
        await _neutral(page, world)
    facts["ms"] = round((time.monotonic() - started) * 1000)
    return facts
