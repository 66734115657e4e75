"""Crawl facts besides the pages: kinds of page not found, URLs left out, documents, restarts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.report import i18n
from rgaa_audit.report.html.sanitise import (
    LISTED_MAX,
    SHORT_MAX,
    TITLE_MAX,
    as_count,
    as_mapping,
    cut,
    safe_href,
    shown_url,
)


@dataclass(frozen=True)
class MissingPage:
    """A kind of page the RGAA sample looked for and did not find."""

    kind: str
    label: str
    required_by_law: bool


@dataclass(frozen=True)
class CrawlView:
    """What the crawl noticed besides the pages: missing kinds, URLs left out, documents."""

    missing: tuple[MissingPage, ...]
    out_of_scope: tuple[tuple[str, str], ...]  # (shown URL, reason)
    out_of_scope_total: int
    documents: tuple[tuple[str, str | None], ...]  # (shown URL, safe href)
    documents_total: int
    browser_restarts: int | None

    @property
    def missing_by_law(self) -> tuple[MissingPage, ...]:
        return tuple(m for m in self.missing if m.required_by_law)

    @property
    def empty(self) -> bool:
        return not (self.missing or self.out_of_scope_total or self.documents_total
                    or self.browser_restarts)


def crawl_view(report: Mapping[str, Any], lang: str) -> CrawlView:
    """Missing kinds of page, URLs left out of scope, documents and browser restarts."""
    t = i18n.strings(lang)
    site = as_mapping(report.get("site"))
    missing = []
    raw_missing = site.get("missing_required_pages")
    for item in raw_missing[:LISTED_MAX] if isinstance(raw_missing, list) else []:
        item = as_mapping(item)
        label = item.get("label_en" if lang == "en" else "label_fr") or item.get("kind")
        if label:
            missing.append(
                MissingPage(
                    kind=cut(item.get("kind"), SHORT_MAX),
                    label=cut(label, TITLE_MAX),
                    required_by_law=item.get("required_by_law") is True,
                )
            )
    missing.sort(key=lambda m: not m.required_by_law)
    reasons = as_mapping(site.get("out_of_scope_reasons"))
    listed = site.get("out_of_scope")
    urls = list(reasons) or (list(listed) if isinstance(listed, list) else [])
    out = []
    for url in urls[:LISTED_MAX]:
        reason = reasons.get(url)
        shown_reason = t.get(f"reason_{reason}") if isinstance(reason, str) else None
        out.append((shown_url(url), shown_reason or cut(reason, SHORT_MAX)))
    documents = site.get("documents")
    documents = documents if isinstance(documents, list) else []
    docs = []
    for doc in documents[:LISTED_MAX]:
        url = doc.get("url") if isinstance(doc, Mapping) else doc
        docs.append((shown_url(url), safe_href(url)))
    return CrawlView(
        missing=tuple(missing),
        out_of_scope=tuple(out),
        out_of_scope_total=len(urls),
        documents=tuple(docs),
        documents_total=len(documents),
        browser_restarts=as_count(site.get("browser_restarts")),
    )
