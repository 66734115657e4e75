"""Scripted controls: elements with a control's look or role (pointer cursor, ARIA control role)
that are not native controls, tried with the keyboard and the pointer (7.3).

For each candidate mark.js found ("pointer", "handler", "widget"; at most MAX_TRIED a page):
can the keyboard reach it (tabIndex >= 0 on it or on an ancestor, or a focusable descendant)?
Focused, does Enter or Space (real key events) change the DOM? Does a real pointer click at its
centre? A click that changes the page while neither key does, or that acts on an element the
keyboard cannot reach, is a finding. A click that changed something is repeated to toggle back;
the page is not reloaded (its DOM was serialised before). Menus opening on hover only are not
tried yet.
"""

from __future__ import annotations

from typing import Any

from rgaa_audit.capture.interaction.runner import ProbeContext, script

MAX_TRIED = 30
SETTLE_MS = 60


async def _changes(ctx: ProbeContext, act) -> dict[str, Any]:
    """DOM changes an action causes (counted by controls.js's observer)."""
    await ctx.call(script("controls.js"), {"op": "watch"})
    await act()
    await ctx.page.wait_for_timeout(SETTLE_MS)
    taken = await ctx.call(script("controls.js"), {"op": "take"})
    return taken if isinstance(taken, dict) else {"changes": 0, "expanded": False}


async def _try(ctx: ProbeContext, index: int, look: dict[str, Any]) -> dict[str, Any] | None:
    source = script("controls.js")
    placed = await ctx.call(source, {"op": "focus", "i": index})
    if not isinstance(placed, dict) or not placed.get("hit"):
        return None  # covered or off-screen: a pointer cannot click it either
    keys: dict[str, int] = {}
    if look["reachable"] and placed.get("focused"):
        for key in ("Enter", "Space"):
            await ctx.call(source, {"op": "focus", "i": index})
            keys[key] = (await _changes(ctx, lambda k=key: ctx.page.keyboard.press(k)))["changes"]
            if keys[key]:
                break
            await ctx.page.keyboard.press("Escape")
    x, y = float(placed["x"]), float(placed["y"])
    click = await _changes(ctx, lambda: ctx.page.mouse.click(x, y))
    if click["changes"]:
        await ctx.page.mouse.click(x, y)  # toggle back as far as it goes
        await ctx.page.keyboard.press("Escape")
    return {"i": index, "tag": look["tag"], "role": look["role"], "text": look["text"],
            "html": look["html"], "reachable": bool(look["reachable"]),
            "focused": bool(placed.get("focused")), "keys": keys,
            "click": int(click["changes"]), "expanded": bool(click["expanded"])}


def _finding(tried: dict[str, Any]) -> str | None:
    if not tried["click"]:
        return None
    if not tried["reachable"] or not tried["focused"]:
        return "unreachable"
    if not any(tried["keys"].values()):
        return "keys-inert"
    return None


async def probe(ctx: ProbeContext) -> dict[str, Any] | None:
    """{tried: [...], findings: [...], candidates, complete} (see the module docstring)."""
    source = script("controls.js")
    indexes = ctx.candidates("pointer", "handler", "widget")
    tried: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    considered = 0
    complete = True
    for index in indexes:
        if ctx.expired or considered >= MAX_TRIED:
            complete = False
            break
        look = await ctx.call(source, {"op": "look", "i": index})
        if not isinstance(look, dict):
            continue
        considered += 1
        result = await _try(ctx, index, look)
        if result is None:
            continue
        tried.append(result)
        kind = _finding(result)
        if kind:
            findings.append({"i": index, "kind": kind, "tag": result["tag"],
                             "text": result["text"], "html": result["html"]})
    return {"candidates": considered, "tried": tried, "findings": findings,
            "complete": complete}
