"""rgaa-audit's own JavaScript world in the audited page.

axe-core, the rendering probes and the collector run in an isolated world (the way browser
extensions run their content scripts): they share the page's DOM and styles but not its
JavaScript globals. A page that replaces `Set`, `Array.from` or `JSON` (old libraries do) can
no longer break axe-core, and the page's scripts never see ours.

axe-core is registered once per tab (CDP `Page.addScriptToEvaluateOnNewDocument` with a world
name), so Chromium loads it in each new document without it crossing the wire again; after a
page loads, `Page.createIsolatedWorld` with the same name returns that world's context.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError

WORLD_NAME = "rgaa-audit"


class ScriptError(PlaywrightError):
    """A script of ours threw inside the page."""


async def install(cdp: Any, source: str) -> None:
    """Have every new top-level document of the tab load `source` in rgaa-audit's world.

    Frames skip it: the checks read the top document only (a page with frames is partial)."""
    await cdp.send("Page.enable")  # without it, the script is not registered
    await cdp.send("Page.addScriptToEvaluateOnNewDocument", {
        "source": f"if (window.top === window) {{\n{source}\n}}", "worldName": WORLD_NAME})


# The one script rgaa-audit runs in the page's own world: closed shadow roots cannot be seen
# from any world afterwards, so the host of each one is marked when the page creates it (an
# attribute the collector counts, like its other data-ra-* marks). Nothing else is changed.
_CLOSED_SHADOW_MARK = """(() => {
  const proto = window.Element && Element.prototype, original = proto && proto.attachShadow;
  if (typeof original !== 'function') return;
  Object.defineProperty(proto, 'attachShadow', {configurable: true, writable: true,
    value: function attachShadow(init) {
      const root = original.call(this, init);
      if (init && init.mode === 'closed') this.setAttribute('data-ra-closed-shadow', '');
      return root;
    }});
})();"""


async def mark_closed_shadow_roots(cdp: Any) -> None:
    """Have every new document of the tab mark the hosts of the closed shadow roots it makes."""
    await cdp.send("Page.enable")
    await cdp.send("Page.addScriptToEvaluateOnNewDocument", {"source": _CLOSED_SHADOW_MARK})


class World:
    """rgaa-audit's world in the main frame of the page the tab shows now."""

    def __init__(self, cdp: Any) -> None:
        self.cdp = cdp
        self._context: int | None = None

    async def context_id(self) -> int:
        if self._context is None:
            tree = await self.cdp.send("Page.getFrameTree")
            created = await self.cdp.send("Page.createIsolatedWorld", {
                "frameId": tree["frameTree"]["frame"]["id"], "worldName": WORLD_NAME})
            self._context = int(created["executionContextId"])
        return self._context

    async def call(self, function_source: str, argument: Any = None) -> Any:
        """Call the JavaScript function `function_source` with one JSON argument; its result
        by value (promises awaited). ScriptError when it throws."""
        answer = await self.cdp.send("Runtime.callFunctionOn", {
            "functionDeclaration": function_source,
            "executionContextId": await self.context_id(),
            "arguments": [{"value": argument}],
            "awaitPromise": True,
            "returnByValue": True,
        })
        details = answer.get("exceptionDetails")
        if details:
            exception = details.get("exception") or {}
            text = exception.get("description") or details.get("text") or "exception"
            raise ScriptError(str(text).strip().splitlines()[0][:300])
        return (answer.get("result") or {}).get("value")
