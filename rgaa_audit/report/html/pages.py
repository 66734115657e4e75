"""The view of one audited (or failed, or skipped) page: address, rate, criteria, eco."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.report.html.criteria import (
    CriterionBlock,
    CriterionInfo,
    criterion_blocks,
    manual_blocks,
)
from rgaa_audit.report.html.crops import NO_CROPS, Crops
from rgaa_audit.report.html.eco import EcoView, eco_view
from rgaa_audit.report.html.sanitise import (
    SHORT_MAX,
    STATUSES,
    TITLE_MAX,
    as_mapping,
    as_number,
    as_status,
    cut,
    safe_href,
    shown_url,
)


@dataclass(frozen=True)
class PageView:
    """One page of the report."""

    number: int
    url: str
    href: str | None
    final_url: str
    final_href: str | None
    status: str
    http_status: str
    error: str
    title: str
    rate: float | None
    statuses: dict[str, str | None]
    counts: dict[str, int]
    failures: tuple[CriterionBlock, ...]
    to_verify: tuple[CriterionBlock, ...]
    eco: EcoView | None
    sample_reason: str = ""
    manual: tuple[CriterionBlock, ...] = ()

    @property
    def audited(self) -> bool:
        return self.status == "audited"

    @property
    def skipped(self) -> bool:
        return self.status == "skipped"


def page_view(
    number: int,
    raw: Mapping[str, Any],
    infos: Mapping[str, CriterionInfo],
    lang: str,
    crops: Crops = NO_CROPS,
    titles: Mapping[str, str] | None = None,
) -> PageView:
    """The view of one page of the document."""
    verdicts = as_mapping(raw.get("criteria"))
    statuses = {cid: as_status(as_mapping(verdicts.get(cid)).get("status")) for cid in infos}
    status = raw.get("status") if isinstance(raw.get("status"), str) else "crashed"
    rate = as_number(raw.get("rate"))
    http_status = raw.get("http_status")
    return PageView(
        number=number,
        url=shown_url(raw.get("url")),
        href=safe_href(raw.get("url")),
        final_url=shown_url(raw.get("final_url")) if raw.get("final_url") != raw.get("url") else "",
        final_href=safe_href(raw.get("final_url")),
        status=cut(status, SHORT_MAX),
        http_status=str(http_status) if isinstance(http_status, int) else "",
        error=cut(raw.get("error"), TITLE_MAX),
        title=cut(raw.get("title"), TITLE_MAX),
        rate=None if rate is None else max(0.0, min(100.0, rate)),
        statuses=statuses,
        counts={s: sum(1 for v in statuses.values() if v == s) for s in STATUSES},
        failures=criterion_blocks(verdicts, infos, "findings", only_nc=True, crops=crops,
                                  lang=lang),
        to_verify=criterion_blocks(verdicts, infos, "to_verify", only_nc=False, crops=crops,
                                   lang=lang),
        eco=eco_view(raw.get("eco"), lang, titles),
        sample_reason=cut(raw.get("sample_reason"), TITLE_MAX),
        manual=manual_blocks(verdicts, infos),
    )
