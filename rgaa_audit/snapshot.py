"""The artifacts captured from one page, once: what every later stage reads.

Capture fills a `PageSnapshot` from the browser; checks, decisions and eco figures
read it and never the browser. Snapshots round-trip through JSON so audits can be
re-run or tested without Chromium.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from rgaa_audit.model import PageStatus

# A tab still showing the captured page, lent for evidence: (top, bottom) in document CSS
# pixels -> JPEG of that full-width band (b"" when it cannot).
Camera = Callable[[int, int], Awaitable[bytes]]


@dataclass(frozen=True)
class NetworkEntry:
    """One request the page made, as the browser's network events reported it."""

    url: str
    resource_type: str
    status: int | None = None
    mime_type: str = ""
    transfer_bytes: int = 0  # on the wire: compressed body + headers
    decoded_bytes: int = 0  # body after decompression
    protocol: str = ""
    from_cache: bool = False
    failed: bool = False
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names, no cookies
    frame_is_main: bool = True
    sends_cookie: bool = False  # the request carried a Cookie header (value never kept)
    sets_cookie: bool = False  # the response tried to set a cookie (value never kept)
    slack: float | None = None  # CSS/JS: share of comments and extra white space, if read


@dataclass(frozen=True)
class PageSnapshot:
    """What capture saw on one URL."""

    url: str
    final_url: str
    status: PageStatus
    http_status: int | None = None
    content_type: str = ""
    error: str | None = None
    title: str = ""
    served_html: str = ""
    dom_html: str = ""
    doctype: str | None = None
    axe: dict[str, Any] = field(default_factory=dict)
    network: tuple[NetworkEntry, ...] = ()
    dom_elements: int = 0
    collected: dict[str, Any] = field(default_factory=dict)
    links: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageSnapshot:
        values = dict(data)
        values["status"] = PageStatus(values["status"])
        values["network"] = tuple(NetworkEntry(**e) for e in values.get("network", ()))
        values["links"] = tuple(values.get("links", ()))
        return cls(**values)

    @classmethod
    def from_html(cls, html: str, url: str = "http://localhost/page.html") -> PageSnapshot:
        """A snapshot of saved HTML without a browser (used by tests and `page FILE`)."""
        doctype = "html" if html.lstrip()[:9].lower() == "<!doctype" else None
        return cls(
            url=url,
            final_url=url,
            status=PageStatus.AUDITED,
            http_status=200,
            content_type="text/html",
            served_html=html,
            dom_html=html,
            doctype=doctype,
        )
