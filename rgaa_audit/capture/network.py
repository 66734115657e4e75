"""Recording a page's requests from Chrome DevTools Protocol network events."""

from __future__ import annotations

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
    transfer_bytes: int = 0
    failed: bool = False
    done: bool = False


class NetworkRecorder:
    """Listens to one tab's CDP session and turns its events into `NetworkEntry` records.

    The HTTP cache is disabled so every page is measured as a first visit. Redirect hops
    become entries of their own. `reset()` starts a new page without a new session.
    """

    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}
        self._finished: list[_Pending] = []
        self.main_frame_id: str = ""

    async def attach(self, cdp: Any) -> None:
        cdp.on("Network.requestWillBeSent", self._on_request)
        cdp.on("Network.responseReceived", self._on_response)
        cdp.on("Network.dataReceived", self._on_data)
        cdp.on("Network.loadingFinished", self._on_finished)
        cdp.on("Network.loadingFailed", self._on_failed)
        await cdp.send("Network.enable")
        await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def reset(self) -> None:
        self._pending.clear()
        self._finished.clear()
        self.main_frame_id = ""

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
            entry.transfer_bytes = int(event.get("encodedDataLength") or 0)
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
