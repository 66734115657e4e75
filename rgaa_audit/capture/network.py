"""Recording a page's requests from Chrome DevTools Protocol network events.

Requests made by iframes count too. Same-process iframes report on the page's own session;
cross-origin (out-of-process) iframes and workers are separate targets: the recorder asks
CDP to auto-attach to them (`Target.setAutoAttach`) and enables Network on each one. The
child sessions are driven through the page session (`Target.sendMessageToTarget`), because
Playwright's CDP session object does not expose flattened child sessions.

Cookies: the `*ExtraInfo` events carry the headers the network stack really sent and
received. Only whether a request carried a Cookie header, and whether a response tried to
set one, is kept: no cookie value is stored (the `set-cookie` header is dropped).

Minification: for the page's CSS and JS seen on the page session, the body is read once
(`Network.getResponseBody`, bounded by `BODY_MAX_BYTES` per file and `BODY_MAX_FILES` per
page), reduced on the spot to the share of its characters that are comments or redundant
white space, and thrown away.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from rgaa_audit.snapshot import NetworkEntry

_IGNORED_SCHEMES = ("data:", "blob:", "chrome-extension:", "about:")
# Never kept: cookies and credentials may pass in these (only booleans are recorded).
_COOKIE_HEADERS = ("set-cookie", "cookie", "authorization", "proxy-authorization",
                   "www-authenticate")
_BODY_TYPES = ("stylesheet", "script")
BODY_MAX_BYTES = 400_000
BODY_MAX_FILES = 20
_BLOCK_COMMENT = re.compile(r"/\*(?!!).*?\*/", re.DOTALL)
_LINE_COMMENT = re.compile(r"(?m)^[ \t]*//[^\n]*$")
_SPACE_RUN = re.compile(r"\s{2,}")


def slack_share(text: str) -> float:
    """Share of a CSS or JS text that minifying would remove: comments (not /*! licences */),
    whole-line // comments, and white space beyond one character per run. About 0 for
    minified code, 0.15 and more for hand-written code."""
    if not text:
        return 0.0
    squeezed = _BLOCK_COMMENT.sub("", text)
    squeezed = _LINE_COMMENT.sub("", squeezed)
    squeezed = _SPACE_RUN.sub(" ", squeezed)
    return round(max(len(text) - len(squeezed), 0) / len(text), 3)


@dataclass
class _Pending:
    url: str
    resource_type: str
    frame_id: str = ""
    status: int | None = None
    mime_type: str = ""
    protocol: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    from_cache: bool = False
    decoded_bytes: int = 0
    header_bytes: int = 0
    transfer_bytes: int = 0
    failed: bool = False
    done: bool = False
    sends_cookie: bool = False
    sets_cookie: bool = False
    slack: float | None = None
    child: bool = False


def wire_bytes(entry: _Pending, finished: int) -> int:
    """Bytes on the wire for a finished request: `loadingFinished`'s total, which for some
    resources (images) leaves the response headers out. When that total is no more than the
    body alone (Content-Length, or the decoded size of an uncompressed body), the header
    bytes seen with the response are added."""
    body = 0
    length = entry.headers.get("content-length", "")
    if length.isdigit():
        body = int(length)
    elif not entry.headers.get("content-encoding"):
        body = entry.decoded_bytes
    if entry.header_bytes and body and finished <= body:
        return finished + entry.header_bytes
    return finished


class NetworkRecorder:
    """Listens to one tab's CDP session and turns its events into `NetworkEntry` records.

    The HTTP cache is disabled so every page is measured as a first visit. Redirect hops
    become entries of their own. `reset()` starts a new page without a new session.
    """

    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}
        self._finished: list[_Pending] = []
        self.main_frame_id: str = ""
        self.child_targets = 0
        self._cdp: Any = None
        self._tasks: set[asyncio.Future[None]] = set()
        self._early_cookies: dict[str, tuple[bool, bool]] = {}  # extra info before the request
        self._done_by_id: dict[str, _Pending] = {}  # extra info may come after loadingFinished
        self._bodies = 0
        self._generation = 0
        self._handlers = {
            "Network.requestWillBeSent": self._on_request,
            "Network.requestWillBeSentExtraInfo": self._on_request_extra,
            "Network.responseReceived": self._on_response,
            "Network.responseReceivedExtraInfo": self._on_response_extra,
            "Network.dataReceived": self._on_data,
            "Network.loadingFinished": self._on_finished,
            "Network.loadingFailed": self._on_failed,
        }

    async def attach(self, cdp: Any) -> None:
        self._cdp = cdp
        for method, handler in self._handlers.items():
            cdp.on(method, handler)
        cdp.on("Target.attachedToTarget", self._on_attached)
        cdp.on("Target.receivedMessageFromTarget", self._on_child_message)
        await cdp.send("Network.enable")
        await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        await cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True,
                                                "flatten": False})

    # --- out-of-process iframes and workers ------------------------------------------------

    def _on_attached(self, event: dict[str, Any]) -> None:
        self.child_targets += 1
        task = asyncio.ensure_future(self._set_up_child(event["sessionId"]))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _set_up_child(self, session_id: str) -> None:
        """Network on (cache off) in the new target, then let it run."""
        steps = (("Network.enable", {}), ("Network.setCacheDisabled", {"cacheDisabled": True}),
                 ("Runtime.runIfWaitingForDebugger", {}))
        for number, (method, params) in enumerate(steps, 1):
            message = json.dumps({"id": number, "method": method, "params": params})
            with contextlib.suppress(Exception):  # the target may be gone already
                await self._cdp.send("Target.sendMessageToTarget",
                                     {"sessionId": session_id, "message": message})

    def _on_child_message(self, event: dict[str, Any]) -> None:
        text = event.get("message", "")
        if '"Network.' not in text[:200]:
            return
        with contextlib.suppress(ValueError, KeyError, TypeError):
            message = json.loads(text)
            method = message.get("method", "")
            if method == "Network.requestWillBeSent":
                self._on_request(message["params"], child=True)
                return
            handler = self._handlers.get(method)
            if handler is not None:
                handler(message["params"])

    def reset(self) -> None:
        self._pending.clear()
        self._finished.clear()
        self._early_cookies.clear()
        self._done_by_id.clear()
        self.main_frame_id = ""
        self.child_targets = 0
        self._bodies = 0
        self._generation += 1

    def _on_request(self, event: dict[str, Any], child: bool = False) -> None:
        url = event["request"]["url"]
        if url.startswith(_IGNORED_SCHEMES):
            return
        request_id = event["requestId"]
        redirect = event.get("redirectResponse")
        previous = self._pending.pop(request_id, None)
        if redirect and previous is not None:
            self._fill_response(previous, redirect)
            previous.transfer_bytes = int(redirect.get("encodedDataLength") or 0)
            previous.done = True
            self._finished.append(previous)
        if event.get("type") == "Document" and not self.main_frame_id:
            self.main_frame_id = event.get("frameId", "")
        entry = _Pending(
            url=url,
            resource_type=str(event.get("type", "Other")).lower(),
            frame_id=event.get("frameId", ""),
            child=child,
        )
        headers = event["request"].get("headers") or {}
        entry.sends_cookie = any(k.lower() == "cookie" for k in headers)
        early = self._early_cookies.pop(request_id, None)
        if early is not None:
            entry.sends_cookie = entry.sends_cookie or early[0]
            entry.sets_cookie = early[1]
        self._pending[request_id] = entry

    def _on_request_extra(self, event: dict[str, Any]) -> None:
        """The headers really sent: does the request carry a cookie? (value never kept)"""
        sent = any(str(k).lower() == "cookie" for k in (event.get("headers") or {}))
        sent = sent or any(not c.get("blockedReasons")
                           for c in event.get("associatedCookies") or ())
        if sent:
            self._mark_cookie(str(event.get("requestId", "")), sent=True)

    def _on_response_extra(self, event: dict[str, Any]) -> None:
        """The headers really received: does the response try to set a cookie?"""
        tries = any(str(k).lower() == "set-cookie" for k in (event.get("headers") or {}))
        if tries or event.get("blockedCookies"):
            self._mark_cookie(str(event.get("requestId", "")), sent=False)

    def _mark_cookie(self, request_id: str, *, sent: bool) -> None:
        """Flag the request (sent) or its response (set); extra info may arrive before the
        request or after it finished."""
        entry = self._pending.get(request_id) or self._done_by_id.get(request_id)
        if entry is not None:
            if sent:
                entry.sends_cookie = True
            else:
                entry.sets_cookie = True
        elif len(self._early_cookies) < 10_000:
            was_sent, was_set = self._early_cookies.get(request_id, (False, False))
            self._early_cookies[request_id] = (was_sent or sent, was_set or not sent)

    @staticmethod
    def _fill_response(entry: _Pending, response: dict[str, Any]) -> None:
        entry.status = response.get("status")
        entry.mime_type = response.get("mimeType", "")
        entry.protocol = response.get("protocol", "")
        headers = {k.lower(): str(v)[:500] for k, v in response.get("headers", {}).items()}
        if "set-cookie" in headers:
            entry.sets_cookie = True
        entry.headers = {k: v for k, v in headers.items() if k not in _COOKIE_HEADERS}
        entry.from_cache = bool(response.get("fromDiskCache") or response.get("fromPrefetchCache"))
        entry.header_bytes = int(response.get("encodedDataLength") or 0)

    def _on_response(self, event: dict[str, Any]) -> None:
        entry = self._pending.get(event["requestId"])
        if entry is not None:
            self._fill_response(entry, event["response"])

    def _on_data(self, event: dict[str, Any]) -> None:
        entry = self._pending.get(event["requestId"])
        if entry is not None:
            entry.decoded_bytes += int(event.get("dataLength") or 0)

    def _on_finished(self, event: dict[str, Any]) -> None:
        entry = self._pending.pop(event["requestId"], None)
        if entry is not None:
            entry.transfer_bytes = wire_bytes(entry, int(event.get("encodedDataLength") or 0))
            entry.done = True
            self._finished.append(entry)
            self._done_by_id[event["requestId"]] = entry
            self._maybe_read_body(event["requestId"], entry)

    def _maybe_read_body(self, request_id: str, entry: _Pending) -> None:
        """Start measuring a CSS or JS body's slack (page session only, bounded)."""
        if (self._cdp is None or entry.child or entry.resource_type not in _BODY_TYPES
                or entry.status is None or not 200 <= entry.status < 300
                or not 0 < entry.decoded_bytes <= BODY_MAX_BYTES
                or self._bodies >= BODY_MAX_FILES):
            return
        self._bodies += 1
        task = asyncio.ensure_future(self._read_body(request_id, entry, self._generation))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _read_body(self, request_id: str, entry: _Pending, generation: int) -> None:
        with contextlib.suppress(Exception):  # evicted, tab gone: the ratio stays unknown
            reply = await self._cdp.send("Network.getResponseBody", {"requestId": request_id})
            if reply.get("base64Encoded") or generation != self._generation:
                return
            entry.slack = slack_share(str(reply.get("body", ""))[:BODY_MAX_BYTES])

    async def settle(self, timeout_s: float = 2.0) -> None:
        """Wait (bounded) for body measurements still in flight."""
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=timeout_s)

    def _on_failed(self, event: dict[str, Any]) -> None:
        entry = self._pending.pop(event["requestId"], None)
        if entry is not None:
            entry.failed = True
            entry.done = True
            self._finished.append(entry)
            self._done_by_id[event["requestId"]] = entry

    def entries(self) -> tuple[NetworkEntry, ...]:
        """Every request seen since the last reset (those still in flight included)."""
        records = [*self._finished, *self._pending.values()]
        return tuple(
            NetworkEntry(
                url=r.url[:2000],
                resource_type=r.resource_type,
                status=r.status,
                mime_type=r.mime_type,
                transfer_bytes=r.transfer_bytes,
                decoded_bytes=r.decoded_bytes,
                protocol=r.protocol,
                from_cache=r.from_cache,
                failed=r.failed,
                headers=r.headers,
                frame_is_main=(not self.main_frame_id or r.frame_id == self.main_frame_id),
                sends_cookie=r.sends_cookie,
                sets_cookie=r.sets_cookie,
                slack=r.slack,
            )
            for r in records
        )
