"""Recording a page's requests from Chrome DevTools Protocol network events.

Requests made by iframes count too. Same-process iframes report on the page's own session;
cross-origin (out-of-process) iframes and workers are separate targets: the recorder asks
CDP to auto-attach to them (`Target.setAutoAttach`) and enables Network on each one. The
child sessions are driven through the page session (`Target.sendMessageToTarget`), because
Playwright's CDP session object does not expose flattened child sessions.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

from rgaa_audit.snapshot import NetworkEntry

_IGNORED_SCHEMES = ("data:", "blob:", "chrome-extension:", "about:")


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
        self._handlers = {
            "Network.requestWillBeSent": self._on_request,
            "Network.responseReceived": self._on_response,
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
            handler = self._handlers.get(message.get("method", ""))
            if handler is not None:
                handler(message["params"])

    def reset(self) -> None:
        self._pending.clear()
        self._finished.clear()
        self.main_frame_id = ""
        self.child_targets = 0

    def _on_request(self, event: dict[str, Any]) -> None:
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
        self._pending[request_id] = _Pending(
            url=url,
            resource_type=str(event.get("type", "Other")).lower(),
            frame_id=event.get("frameId", ""),
        )

    @staticmethod
    def _fill_response(entry: _Pending, response: dict[str, Any]) -> None:
        entry.status = response.get("status")
        entry.mime_type = response.get("mimeType", "")
        entry.protocol = response.get("protocol", "")
        entry.headers = {k.lower(): str(v)[:500] for k, v in response.get("headers", {}).items()}
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

    def _on_failed(self, event: dict[str, Any]) -> None:
        entry = self._pending.pop(event["requestId"], None)
        if entry is not None:
            entry.failed = True
            entry.done = True
            self._finished.append(entry)

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
            )
            for r in records
        )
