"""Criteria views: the RGAA themes and criteria shown, and the findings listed under them.

Covers the criteria table of the report, the per-page blocks of a criterion (failures and
items to verify, with their waiver) and the site-wide findings grouped by RGAA test.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rgaa_audit.i18n import DEFAULT_LANGUAGE
from rgaa_audit.referential import Referential, sort_key
from rgaa_audit.report import i18n
from rgaa_audit.report.html.crops import NO_CROPS, Crops
from rgaa_audit.report.html.messages import condition_line, finding_message
from rgaa_audit.report.html.sanitise import (
    CRITERION_ID,
    SELECTOR_MAX,
    SHORT_MAX,
    SNIPPET_MAX,
    TITLE_MAX,
    as_mapping,
    as_status,
    cut,
    page_records,
)
from rgaa_audit.report.labels import official_url

FINDINGS_PER_CRITERION = 50
SITE_TESTS_MAX = 60
_TEST_ID = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}$")
BASELINE_MARKS = ("new", "unchanged")


@dataclass(frozen=True)
class CriterionInfo:
    """One criterion as the report names it: id, title (may be empty) and official link."""

    id: str
    theme: int
    title: str
    url: str

    @property
    def anchor(self) -> str:
        return self.id.replace(".", "-")


@dataclass(frozen=True)
class ThemeInfo:
    """One theme with the criteria the report shows under it."""

    number: int
    title: str
    criteria: tuple[CriterionInfo, ...]


@dataclass(frozen=True)
class FindingView:
    """One flagged element, every field bounded."""

    test: str
    message: str
    selector: str
    snippet: str
    source: str
    baseline: str = ""  # "new" or "unchanged" against the CI baseline, else ""
    crop: str = ""  # data: URI of the evidence crop, else ""
    condition: str = ""  # "Condition not met: ..." for a failure naming its condition


@dataclass(frozen=True)
class CriterionBlock:
    """A criterion of one page with the elements shown under it."""

    info: CriterionInfo
    status: str
    findings: tuple[FindingView, ...]
    hidden: int
    waived_reason: str = ""
    waived_expires: str = ""
    provenance: Provenance | None = None

    @property
    def waived(self) -> bool:
        return bool(self.waived_reason or self.waived_expires)


@dataclass(frozen=True)
class Provenance:
    """Who decided a cell when it was not the checks alone (manual verdicts applied)."""

    manual: bool
    decided_by: str
    automatic_status: str
    contested: bool
    comment: str
    impact: str
    recheck_status: str = ""  # the old verdict's status when what it judged changed
    recheck_by: str = ""
    transverse: str = ""  # the shared component a transverse verdict judged ("*": any)


def provenance(verdict: Mapping[str, Any]) -> Provenance | None:
    """The cell's provenance, or None for a cell the checks alone decided."""
    manual = verdict.get("source") == "manual"
    rechecks = verdict.get("recheck")
    recheck = as_mapping(as_mapping(rechecks[0]).get("verdict")) if isinstance(
        rechecks, list) and rechecks else {}
    if not manual and not recheck:
        return None
    record = as_mapping(verdict.get("manual"))
    if not record and isinstance(verdict.get("manual_tests"), Mapping):
        record = as_mapping(next(iter(verdict["manual_tests"].values()), {}))
    impact = record.get("impact")
    return Provenance(
        manual=manual,
        decided_by=cut(verdict.get("decided_by"), SHORT_MAX),
        automatic_status=as_status(verdict.get("automatic_status")) or "",
        contested=verdict.get("contested") is True,
        comment=cut(record.get("comment"), TITLE_MAX),
        impact=impact if impact in ("minor", "major", "blocking") else "",
        recheck_status=as_status(recheck.get("status")) or "",
        recheck_by=cut(recheck.get("auditor"), SHORT_MAX),
        transverse=("*" if transverse is True else cut(transverse, SHORT_MAX))
        if (transverse := verdict.get("transverse")) else "",
    )


@dataclass(frozen=True)
class SiteGroup:
    """The site-wide findings of one RGAA test (checks that compare pages)."""

    info: CriterionInfo
    test: str
    findings: tuple[FindingView, ...]
    hidden: int


def criteria_table(
    report: Mapping[str, Any], lang: str, referential: Referential | None
) -> tuple[ThemeInfo, ...]:
    """Themes and criteria to show: the table's, plus any id the document holds that it lacks."""
    t = i18n.strings(lang)
    known = referential.criteria if referential else {}
    theme_titles = {th.number: th.title(lang) for th in referential.themes} if referential else {}
    ids = set(known)
    ids.update(k for k in as_mapping(as_mapping(report.get("summary")).get("criteria")))
    for page in page_records(report):
        ids.update(as_mapping(page.get("criteria")))
    ids = {i for i in ids if isinstance(i, str) and CRITERION_ID.match(i)}
    by_theme: dict[int, list[CriterionInfo]] = {}
    for cid in sorted(ids, key=sort_key):
        crit = known.get(cid)
        theme = int(cid.split(".")[0])
        info = CriterionInfo(
            id=cid,
            theme=theme,
            title=crit.title(lang) if crit else "",
            url=official_url(cid, crit),
        )
        by_theme.setdefault(theme, []).append(info)
    return tuple(
        ThemeInfo(n, theme_titles.get(n) or t["theme"].format(n=n), tuple(crits))
        for n, crits in sorted(by_theme.items())
    )


def finding_view(raw: Any, crops: Crops = NO_CROPS, lang: str = DEFAULT_LANGUAGE) -> FindingView:
    data = as_mapping(raw)
    mark = data.get("baseline")
    return FindingView(
        test=cut(data.get("test"), SHORT_MAX),
        message=finding_message(data, lang),
        selector=cut(data.get("selector"), SELECTOR_MAX),
        snippet=cut(data.get("snippet"), SNIPPET_MAX),
        source=cut(data.get("source"), SHORT_MAX),
        baseline=mark if mark in BASELINE_MARKS else "",
        crop=crops.uri(data.get("crop")),
        condition=condition_line(data, lang),
    )


def criterion_blocks(
    verdicts: Mapping[str, Any],
    infos: Mapping[str, CriterionInfo],
    key: str,
    only_nc: bool,
    crops: Crops = NO_CROPS,
    lang: str = DEFAULT_LANGUAGE,
) -> tuple[CriterionBlock, ...]:
    blocks = []
    for cid, info in infos.items():
        verdict = as_mapping(verdicts.get(cid))
        status = as_status(verdict.get("status"))
        items = verdict.get(key)
        items = items if isinstance(items, list) else []
        if only_nc and status != "NC":
            continue
        if not only_nc and not items:
            continue
        shown = tuple(finding_view(f, crops, lang) for f in items[:FINDINGS_PER_CRITERION])
        waived = verdict.get("waived")
        reason, expires = "", ""
        if isinstance(waived, Mapping):
            reason = cut(waived.get("reason"), TITLE_MAX) or "—"
            expires = cut(waived.get("expires"), SHORT_MAX)
        elif waived:
            reason = "—"
        blocks.append(
            CriterionBlock(info, status or "", shown, len(items) - len(shown), reason, expires,
                           provenance(verdict))
        )
    return tuple(blocks)


def manual_blocks(verdicts: Mapping[str, Any],
                  infos: Mapping[str, CriterionInfo]) -> tuple[CriterionBlock, ...]:
    """The cells of one page that a person decided, or whose verdict must be checked again."""
    blocks = []
    for cid, info in infos.items():
        verdict = as_mapping(verdicts.get(cid))
        origin = provenance(verdict)
        if origin is not None:
            blocks.append(CriterionBlock(info, as_status(verdict.get("status")) or "", (), 0,
                                         provenance=origin))
    return tuple(blocks)


def criterion_info(cid: str, infos: Mapping[str, CriterionInfo]) -> CriterionInfo:
    if cid in infos:
        return infos[cid]
    return CriterionInfo(cid, int(cid.split(".")[0]), "", official_url(cid))


def site_groups(
    report: Mapping[str, Any],
    infos: Mapping[str, CriterionInfo],
    crops: Crops = NO_CROPS,
    lang: str = DEFAULT_LANGUAGE,
) -> tuple[tuple[SiteGroup, ...], tuple[SiteGroup, ...]]:
    """Site-wide findings by test: (failures, items to verify), in RGAA order."""
    failures: list[SiteGroup] = []
    to_verify: list[SiteGroup] = []
    raw = as_mapping(report.get("site_findings"))
    tests = sorted((t for t in raw if isinstance(t, str) and _TEST_ID.match(t)), key=sort_key)
    for test in tests[:SITE_TESTS_MAX]:
        items = raw.get(test)
        items = [f for f in items if isinstance(f, Mapping)] if isinstance(items, list) else []
        info = criterion_info(test.rsplit(".", 1)[0], infos)
        for wanted, out in (("failure", failures), ("to-verify", to_verify)):
            chosen = [f for f in items if (f.get("kind") == "to-verify") == (wanted != "failure")]
            if chosen:
                shown = tuple(finding_view(f, crops, lang)
                              for f in chosen[:FINDINGS_PER_CRITERION])
                out.append(SiteGroup(info, cut(test, 10), shown, len(chosen) - len(shown)))
    return tuple(failures), tuple(to_verify)
