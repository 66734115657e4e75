"""The declarative obligations, judged (the conclusion stage's half).

`assess(report)` reads the facts the check stage stored in `report["obligations"]` (see
checks/obligations.py) and the audit's summary, and says for each obligation "pass", "fail"
or "unknown", with a `[obligations]` text key and its parameters:

- `mention`: the home page shows one of the three legal mentions, in the legal words;
- `mention-result`: that mention agrees with this audit's result. Decided on exact counts
  (no NC: totalement; 2·C ≥ C + NC: partiellement; else non conforme). While NT criteria
  remain, only a claim no final result could give is a failure ("totalement" with an NC
  criterion, "partiellement" when even all NT turning C stays under 50 %); otherwise unknown;
- `accessibility-page`: a page of the site is the accessibility page;
- `link-everywhere`: every audited page links to it;
- `statement-sections`: it holds the mandatory sections (criteria/declaration/sections.toml);
- `statement-date`: the statement is dated, and less than three years old;
- `multi-year-plan`, `action-plan`: links to (or sections with) the schéma pluriannuel and
  the current year's plan d'actions;
- `contact`: a feedback contact (e-mail, form or contact link) in the statement.

The results are reported apart from the RGAA rates: they never change a criterion. The
`obligations` gate (conclude/gates.py) fails a build on the ones it names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rgaa_audit import i18n
from rgaa_audit.checks.obligations import LEVELS, load_rules
from rgaa_audit.declaration import sections
from rgaa_audit.model import bounded

OBLIGATIONS = ("mention", "mention-result", "accessibility-page", "link-everywhere",
               "statement-sections", "statement-date", "multi-year-plan", "action-plan",
               "contact")
PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
STATUSES = (PASS, FAIL, UNKNOWN)
MAX_LISTED = 10
_YEAR = re.compile(r"\b(20\d\d)\b")


@dataclass(frozen=True)
class ObligationResult:
    """One obligation: its id, pass / fail / unknown, and why (text key + parameters)."""

    id: str
    status: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        return obligation_text(self.key, self.params, lang)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "key": self.key, "params": self.params,
                "detail": self.text("fr")}


def level_of(conformant: int, failed: int) -> str | None:
    """The conformity state exact counts give (None when nothing is decided)."""
    if conformant + failed == 0:
        return None
    if failed == 0:
        return "full"
    return "partial" if 2 * conformant >= conformant + failed else "none"


def possible_levels(conformant: int, failed: int, untested: int) -> set[str]:
    """Every state the final result can still reach while `untested` criteria are NT."""
    return {level for extra in range(untested + 1)
            if (level := level_of(conformant + extra, failed + untested - extra))}


def _audit_date(report: Mapping[str, Any], today: dt.date | None) -> dt.date:
    site = report.get("site") or {}
    for name in ("finished_at", "started_at"):
        value = site.get(name) if isinstance(site, Mapping) else None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return today or dt.date.today()


def _short(value: Any, limit: int = 160) -> str:
    return bounded(str(value or ""), limit).replace("\n", " ")


def _mention(facts: Mapping[str, Any]) -> ObligationResult:
    mention = facts.get("mention") or {}
    levels = [lv for lv in mention.get("levels") or [] if lv in LEVELS]
    if len(levels) == 1:
        text = next((m.get("text") for m in mention.get("found") or []
                     if m.get("level") == levels[0]), "")
        return ObligationResult("mention", PASS, "obligations.mention_found",
                                {"level": levels[0], "text": _short(text)})
    if len(levels) > 1:
        return ObligationResult("mention", FAIL, "obligations.mention_several",
                                {"levels": levels})
    near = [_short(t) for t in mention.get("near") or []][:3]
    if near:
        return ObligationResult("mention", FAIL, "obligations.mention_wording",
                                {"texts": near})
    return ObligationResult("mention", FAIL, "obligations.mention_missing")


def _mention_result(facts: Mapping[str, Any], summary: Mapping[str, Any]) -> ObligationResult:
    levels = [lv for lv in (facts.get("mention") or {}).get("levels") or [] if lv in LEVELS]
    if len(levels) != 1:
        return ObligationResult("mention-result", UNKNOWN, "obligations.result_no_mention")
    claimed = levels[0]
    counts = summary.get("counts") or {}
    conformant, failed = int(counts.get("C") or 0), int(counts.get("NC") or 0)
    untested = int(counts.get("NT") or 0)
    rates = summary.get("rate_range") or {}
    params: dict[str, Any] = {"level": claimed, "rate": summary.get("global_rate"),
                              "low": rates.get("low"), "high": rates.get("high")}
    if not untested:
        found = level_of(conformant, failed)
        if found is None:
            return ObligationResult("mention-result", UNKNOWN, "obligations.result_nothing",
                                    params)
        params["audit"] = found
        if found == claimed:
            return ObligationResult("mention-result", PASS, "obligations.result_match", params)
        return ObligationResult("mention-result", FAIL, "obligations.result_differs", params)
    possible = possible_levels(conformant, failed, untested)
    if claimed in possible or (claimed == "none" and possible):
        return ObligationResult("mention-result", UNKNOWN, "obligations.result_provisional",
                                params)
    params["audit"] = "none" if "none" in possible else "partial"
    return ObligationResult("mention-result", FAIL, "obligations.result_impossible", params)


def _statement_results(facts: Mapping[str, Any], audit_date: dt.date) -> list[ObligationResult]:
    page = facts.get("accessibility_page")
    statement = facts.get("statement")
    pages_checked = int(facts.get("pages_checked") or 0)
    without = int(facts.get("pages_without_link_count") or 0)
    results = []
    if page:
        results.append(ObligationResult("accessibility-page", PASS, "obligations.page_found",
                                        {"url": _short(page, 300),
                                         "audited": bool(facts.get("accessibility_page_audited"))}))
    else:
        results.append(ObligationResult("accessibility-page", FAIL, "obligations.page_missing"))
    if not pages_checked:
        results.append(ObligationResult("link-everywhere", UNKNOWN, "obligations.no_pages"))
    elif without:
        listed = [_short(u, 200) for u in (facts.get("pages_without_link") or [])[:MAX_LISTED]]
        results.append(ObligationResult("link-everywhere", FAIL, "obligations.link_missing",
                                        {"count": without, "total": pages_checked,
                                         "pages": listed}))
    else:
        results.append(ObligationResult("link-everywhere", PASS, "obligations.link_everywhere",
                                        {"total": pages_checked}))
    if not isinstance(statement, Mapping):
        key = "obligations.no_statement" if page else "obligations.no_page"
        return results + [ObligationResult(o, FAIL, key) for o in OBLIGATIONS[4:]]
    results.append(_sections(statement))
    results.append(_date(statement, audit_date))
    plans = statement.get("plans") or {}
    for kind in ("multi-year", "action-plan"):
        found = [p for p in plans.get(kind) or [] if isinstance(p, Mapping)]
        oblig = "multi-year-plan" if kind == "multi-year" else kind
        if not found:
            results.append(ObligationResult(oblig, FAIL, "obligations.plan_missing"))
            continue
        first = found[0]
        params = {"text": _short(first.get("text")), "url": _short(first.get("url"), 300)}
        years = [int(y) for p in found for y in _YEAR.findall(str(p.get("text") or ""))]
        if kind == "action-plan" and years and max(years) < audit_date.year:
            params.update(year=max(years), current=audit_date.year)
            results.append(ObligationResult(oblig, FAIL, "obligations.plan_old", params))
        else:
            results.append(ObligationResult(oblig, PASS, "obligations.plan_found", params))
    contact = [c for c in statement.get("contact") or [] if isinstance(c, Mapping)]
    if contact:
        first = contact[0]
        results.append(ObligationResult("contact", PASS, "obligations.contact_found",
                                        {"kind": str(first.get("kind") or "link"),
                                         "text": _short(first.get("text")),
                                         "url": _short(first.get("url"), 300)}))
    else:
        results.append(ObligationResult("contact", FAIL, "obligations.contact_missing"))
    return results


def _sections(statement: Mapping[str, Any]) -> ObligationResult:
    found = statement.get("sections")
    if not isinstance(found, Mapping):
        return ObligationResult("statement-sections", UNKNOWN, "obligations.sections_unknown")
    mandatory = [s for s in statement.get("mandatory") or [] if isinstance(s, str)]
    conditional = [s for s in statement.get("conditional") or [] if isinstance(s, str)]
    missing = [s for s in mandatory if not found.get(s)]
    absent_conditional = [s for s in conditional if not found.get(s)]
    params = {"missing": missing[:20], "conditional": absent_conditional[:20],
              "count": len(mandatory) - len(missing), "total": len(mandatory)}
    if missing:
        return ObligationResult("statement-sections", FAIL, "obligations.sections_missing",
                                params)
    return ObligationResult("statement-sections", PASS, "obligations.sections_found", params)


def _date(statement: Mapping[str, Any], audit_date: dt.date) -> ObligationResult:
    dates = []
    for item in statement.get("dates") or []:
        try:
            dates.append((item.get("kind"), dt.date.fromisoformat(str(item.get("iso")))))
        except (ValueError, AttributeError):
            continue
    labelled = [d for kind, d in dates if kind in ("established", "updated")]
    if not labelled:
        if dates:
            return ObligationResult("statement-date", UNKNOWN, "obligations.date_unlabelled",
                                    {"date": max(d for _k, d in dates).isoformat()})
        return ObligationResult("statement-date", FAIL, "obligations.date_missing")
    latest = max(labelled)
    years = load_rules().limit("validity_years")
    try:
        limit = latest.replace(year=latest.year + years)
    except ValueError:  # 29 February
        limit = latest.replace(year=latest.year + years, day=28)
    params = {"date": latest.isoformat(), "years": years, "until": limit.isoformat()}
    if limit < audit_date:
        return ObligationResult("statement-date", FAIL, "obligations.date_old", params)
    return ObligationResult("statement-date", PASS, "obligations.date_found", params)


def assess(report: Mapping[str, Any], today: dt.date | None = None) -> tuple[ObligationResult, ...]:
    """Each obligation judged from the stored facts (() when the audit did not look for
    them: single pages, a report from an older version)."""
    facts = report.get("obligations")
    if not isinstance(facts, Mapping) or "mention" not in facts:
        return ()
    summary = report.get("summary") or {}
    results = [_mention(facts), _mention_result(facts, summary),
               *_statement_results(facts, _audit_date(report, today))]
    return tuple(results)


def stored_results(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The results as report.json keeps them (conclude's, else judged now from the facts)."""
    facts = report.get("obligations")
    stored = facts.get("results") if isinstance(facts, Mapping) else None
    if isinstance(stored, list) and all(isinstance(r, Mapping) for r in stored):
        return [dict(r) for r in stored if r.get("id") in OBLIGATIONS
                and r.get("status") in STATUSES][: len(OBLIGATIONS)]
    return [r.to_dict() for r in assess(report)]


# -- texts ------------------------------------------------------------------------------------

def _level_name(level: Any, lang: str) -> str:
    return i18n.text(f"obligations.level_{level}", lang) if level in LEVELS else "—"


def _section_name(section_id: str, lang: str) -> str:
    return next((s.heading(lang) for s in sections() if s.id == section_id),
                _short(section_id, 60))


def _rate(value: Any, lang: str) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "—"
    number = f"{value:.2f}"
    return (number.replace(".", ",") if lang == "fr" else number) + " %"


def obligation_name(obligation: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The obligation's short name in `lang`."""
    key = f"obligations.name_{obligation.replace('-', '_')}"
    return i18n.text(key, lang) if i18n.has(key) else _short(obligation, 60)


def obligation_text(key: str, params: Mapping[str, Any],
                    lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The sentence of a result's key and parameters in `lang` ("" for an unknown key)."""
    if not (isinstance(key, str) and key.startswith("obligations.") and i18n.has(key)):
        return ""
    values: dict[str, Any] = {name: _short(value) for name, value in params.items()
                              if isinstance(value, str | int | float)}
    for name in ("level", "audit"):
        if name in params:
            values[name] = _level_name(params[name], lang)
    if "levels" in params:
        values["levels"] = ", ".join(_level_name(lv, lang) for lv in params["levels"] or [])
    for name in ("rate", "low", "high"):
        if name in params:
            values[name] = _rate(params[name], lang)
    separator = i18n.text("obligations.separator", lang)
    for name in ("texts", "pages"):
        if name in params:
            values[name] = separator.join(f"« {_short(t, 200)} »" if name == "texts"
                                          else _short(t, 200) for t in params[name] or [])
    for name in ("missing", "conditional"):
        if name in params:
            values[name] = separator.join(_section_name(s, lang) for s in params[name] or [])
    if "kind" in params:
        values["kind"] = i18n.text(f"obligations.contact_{params['kind']}", lang) if params[
            "kind"] in ("mailto", "form", "link") else "—"
    if "audited" in params:
        values["audited"] = "" if params["audited"] else i18n.text("obligations.not_audited",
                                                                    lang)
    if key == "obligations.sections_found":
        values["conditional"] = (i18n.text("obligations.sections_conditional", lang,
                                           sections=values.get("conditional", ""))
                                 if params.get("conditional") else "")
    try:
        return i18n.text(key, lang, **values)
    except (KeyError, IndexError, ValueError):
        return ""
