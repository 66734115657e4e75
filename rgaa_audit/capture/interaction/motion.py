"""Motion and time (issue 15, part 4): what moves, blinks or changes on the untouched page.

The probe runs first, before any interaction. It lists the page's running animations
(`document.getAnimations()`: CSS animations, transitions, Web Animations) with their target,
duration, iterations and the properties they animate (movement: transform, position; blinking:
opacity, visibility, colour), then watches the DOM for a short, bounded window (a
MutationObserver: text, children, class/style/src changes made without user action) for 13.8
(moving, blinking or automatically updated content) and 13.7.

Not covered yet: animated images (GIF, APNG: decoding needed), single-character shortcuts
(12.10) and the checks that decide from these facts (rgaa_audit/checks/motion.py is empty:
no verdict depends on this probe yet).
"""

from __future__ import annotations

from typing import Any

from rgaa_audit.capture.interaction.runner import ProbeContext, script

TOUCHES = False  # it only watches: no neutral reset after it (runner.py)
WATCH_MS = 300  # short: the whole budget for every probe is 5 s per page


async def probe(ctx: ProbeContext) -> dict[str, Any] | None:
    """The motion facts: {animations, changes, mutations, watched_ms, marquees, complete}."""
    watch = int(min(WATCH_MS, max(0.0, ctx.remaining_s() - 0.5) * 1000))
    facts = await ctx.call(script("motion.js"), {"watch_ms": watch})
    if not isinstance(facts, dict):
        return {"animations": [], "changes": [], "complete": False}
    return {**facts, "complete": watch == WATCH_MS}
