"""Plain HTTP GETs outside the browser (robots.txt, sitemaps, the sample's discovery pass).

Bounded in size and time, honest user agent, the login headers sent to the audited origin only.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from rgaa_audit import __version__

USER_AGENT = f"rgaa-audit/{__version__} (+https://pypi.org/project/rgaa-audit/)"
MAX_BYTES = 10_000_000


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    error: str = ""


class _NoCrossOriginRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects on the same host only, so login headers never leave the origin."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and new.host != req.host:
            return None
        return new


_OPENER = urllib.request.build_opener(_NoCrossOriginRedirect())


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 15.0,
          max_bytes: int = MAX_BYTES) -> Fetched:
    """GET `url`; never raises: a failure comes back with status 0 and `error` set."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            return Fetched(response.url, response.status,
                           response.headers.get("Content-Type", ""), body[:max_bytes])
    except urllib.error.HTTPError as error:
        return Fetched(url, error.code, error.headers.get("Content-Type", "") if error.headers
                       else "", b"", f"HTTP {error.code}")
    except (OSError, ValueError) as error:
        return Fetched(url, 0, "", b"", f"{type(error).__name__}: {str(error)[:200]}")
