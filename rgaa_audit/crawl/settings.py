"""Crawl settings: how far and how fast to crawl, and what to send (each one a CLI option)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SECRET_FIELDS = ("extra_headers",)


def _header_pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """Headers from a dict, pairs, or "Name: value" strings (command line)."""
    if not value:
        return ()
    items = value.items() if isinstance(value, dict) else value
    pairs = []
    for item in items:
        if isinstance(item, str):
            name, sep, text = item.partition(":")
            if not sep or not name.strip():
                raise ValueError(f"en-tête invalide (attendu « Nom: valeur ») : {name[:40]!r}")
            pairs.append((name.strip(), text.strip()))
        else:
            name, text = item
            pairs.append((str(name), str(text)))
    return tuple(pairs)


@dataclass(frozen=True)
class CrawlSettings:
    """How far and how fast to crawl (each field is also a command-line option)."""

    max_pages: int = 50
    page_timeout: float = 30.0
    concurrency: int = 2
    follow_links: bool = True
    # scope (see crawl/scope.py for the pattern syntax)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_depth: int | None = None
    max_variants_per_path: int = 10
    urls_file: str | None = None
    use_sitemaps: bool = True
    # politeness
    ignore_robots: bool = False
    delay: float = 0.0  # seconds between two page loads on the audited host
    # robustness
    retry_delay: float = 1.0
    recycle_after: int = 500
    max_browser_memory_mb: int = 3000  # 0: no ceiling
    # logins: never written to a report or log (see `public_settings`)
    storage_state: str | None = None
    login_script: str | None = None  # TOML steps; ${NAME} read from the environment
    extra_headers: tuple[tuple[str, str], ...] = ()
    # resume and sample
    resume: bool = False
    sample: str | None = None
    pinned_urls: tuple[str, ...] = ()
    sample_seed: int = 0
    discover_pages: int = 500
    # measurement and evidence
    eco_protocol: str = "fast"  # "fast" | "ecoindex" (see capture/tab.py)
    max_crops_per_page: int = 10  # evidence crops of failed elements; 0: no screenshot
    idle_wait_ms: int = 1500  # after "load", wait at most this for the network to go quiet
    interaction_budget_ms: int = 5000  # interaction probes per page (capture/interaction); 0: off

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_headers", _header_pairs(self.extra_headers))
        for name in ("include", "exclude", "pinned_urls"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        if self.sample not in (None, "rgaa"):
            raise ValueError(f"échantillon inconnu : {self.sample!r} (attendu : rgaa)")
        if self.eco_protocol not in ("fast", "ecoindex"):
            raise ValueError(f"protocole de mesure inconnu : {self.eco_protocol!r} "
                             "(attendu : fast ou ecoindex)")

    def public(self) -> dict[str, Any]:
        """The settings as stored in a report: header values masked."""
        data = asdict(self)
        data["extra_headers"] = {name: "***" for name, _ in self.extra_headers}
        return data


def login_headers(settings: CrawlSettings) -> dict[str, str]:
    """The extra headers to send to the audited origin, as a dict."""
    return dict(settings.extra_headers)
