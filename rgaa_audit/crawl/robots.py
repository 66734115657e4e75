"""robots.txt, read with Protego under the user-agent token `rgaa-audit`."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from protego import Protego

from rgaa_audit.crawl.fetch import Fetched

AGENT_TOKEN = "rgaa-audit"
MAX_ROBOTS_BYTES = 500_000


@dataclass
class Robots:
    """The rules of one origin. A missing or unreadable robots.txt allows everything
    (4xx); a server error (5xx) disallows everything, as RFC 9309 asks."""

    parser: Protego | None = None
    deny_all: bool = False
    sitemaps: list[str] = field(default_factory=list)

    @classmethod
    def from_response(cls, response: Fetched) -> Robots:
        if response.status >= 500:
            return cls(deny_all=True)
        if response.status != 200:
            return cls()
        text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        parser = Protego.parse(text)
        return cls(parser=parser, sitemaps=[s for s in parser.sitemaps][:50])

    def allowed(self, url: str) -> bool:
        if self.deny_all:
            return False
        return self.parser is None or self.parser.can_fetch(url, AGENT_TOKEN)

    @property
    def delay(self) -> float | None:
        """Crawl-delay (or 1 / request-rate) for our token, if the site asks for one."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(AGENT_TOKEN)
        if delay:
            return float(delay)
        rate = self.parser.request_rate(AGENT_TOKEN)
        if rate and rate.requests:
            return rate.seconds / rate.requests
        return None


def robots_url(origin_url: str) -> str:
    return urljoin(origin_url, "/robots.txt")
