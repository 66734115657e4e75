"""What the statement says, from the stored report (manual verdicts merged), the `[statement]`
settings and the time of writing; laid out section by section as the official format asks
(`criteria/declaration/sections.toml`).

The state comes from exact counts of the site-wide criterion statuses: *totalement* when every
applicable criterion is C, *partiellement* when C is at least half of them (2·C ≥ C + NC), else
*non conforme*. An audit that leaves any criterion NT, or that does not cover the 106 criteria,
is no valid audit result: the statement says it is incomplete, states *non conforme* and no rate
— unless it is a draft, which shows the provisional figures and says so at the top of the page
and, printed, on every sheet. The rate is shown to one decimal, never rounded into the next
state (99.96 % is not "100 %").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from rgaa_audit import i18n
from rgaa_audit.model import bounded
from rgaa_audit.referential import load_referential, sort_key
from rgaa_audit.report.statement.document import (
    Document,
    Heading,
    Items,
    Link,
    Para,
    Section,
    Strong,
    Text,
    items,
    para,
)
from rgaa_audit.report.statement.issues import PAGES_LISTED, issues
from rgaa_audit.report.statement.sections import section, sections
from rgaa_audit.report.statement.settings import StatementSettings
from rgaa_audit.report.statement.technologies import detect, merged

LABEL_MAX = 200
CRITERIA_COUNT = 106
DEFENSEUR_MESSAGE = "https://www.defenseurdesdroits.fr/nous-contacter-355"
DEFENSEUR_DELEGATES = "https://www.defenseurdesdroits.fr/carte-des-delegues"
ARCOM_URL = ("https://www.arcom.fr/nous-connaitre/nos-missions/garantir-le-pluralisme-et-la-"
             "cohesion-sociale/les-droits-des-personnes-handicapees/accessibilite-des-sites-et-"
             "des-services-numeriques")
SOURCE_URL = "https://accessibilite.numerique.gouv.fr/obligations/declaration-accessibilite/"


@dataclass(frozen=True)
class Figures:
    """The counts behind the state, and whether they make a valid audit result."""

    conformant: int
    failed: int
    not_applicable: int
    untested: int
    criteria: int
    average: float | None

    @property
    def applicable(self) -> int:
        return self.conformant + self.failed

    @property
    def complete(self) -> bool:
        return self.untested == 0 and self.criteria >= CRITERIA_COUNT and self.applicable > 0

    @property
    def state(self) -> str:
        """total, partial or none, from exact counts."""
        if self.applicable == 0:
            return "none"
        if self.conformant == self.applicable:
            return "total"
        return "partial" if 2 * self.conformant >= self.applicable else "none"

    @property
    def rate(self) -> float | None:
        """C / (C + NC) in %, to one decimal, kept inside its state's band."""
        if not self.applicable:
            return None
        exact = Fraction(100 * self.conformant, self.applicable)
        shown = math.floor(exact * 10 + Fraction(1, 2)) / 10  # exact half-up, one decimal
        if self.conformant < self.applicable and shown >= 100:
            shown = 99.9
        if 2 * self.conformant < self.applicable and shown >= 50:
            shown = math.floor(exact * 10) / 10  # 49.96 stays below 50
        return shown


def figures(report: dict[str, Any]) -> Figures:
    summary = report.get("summary") or {}
    statuses = list((summary.get("criteria") or {}).values())
    return Figures(statuses.count("C"), statuses.count("NC"), statuses.count("NA"),
                   statuses.count("NT"), len(statuses), summary.get("average_rate"))


def format_rate(value: float, lang: str) -> str:
    """62.5 -> '62,5 %' (fr) or '62.5%' (en), always one decimal."""
    text = f"{value:.1f}"
    return f"{text}%" if lang == "en" else f"{text.replace('.', ',')}\u202f%"


def format_date(value: dt.date, lang: str) -> str:
    months = i18n.text("statement.months", lang).split("|")
    day = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    if lang == "en":
        return f"{value.day} {months[value.month - 1]} {value.year}"
    return f"{day} {months[value.month - 1]} {value.year}"


def _date_of(text: Any) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(str(text)).date()
    except ValueError:
        return None


def _label(page: dict[str, Any]) -> str:
    title = " ".join(str(page.get("title") or "").split())
    return bounded(title or str(page.get("final_url") or page.get("url") or ""), LABEL_MAX)


_SEPARATORS = re.compile(r"\s+[–—|·-]\s+")


def short_labels(labels: list[str]) -> dict[str, str]:
    """Page labels without the site-name tail all titles share ("Contact – Ville" -> "Contact")."""
    cuts = {}
    for label in labels:
        matches = list(_SEPARATORS.finditer(label))
        last = matches[-1] if matches else None
        if last is None or last.start() == 0:
            return {label: label for label in labels}
        cuts[label] = (label[: last.start()], label[last.end():])
    if len(labels) < 2 or len({tail for _, tail in cuts.values()}) != 1:
        return {label: label for label in labels}
    return {label: head for label, (head, _) in cuts.items()}


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _audited(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in report.get("pages") or [] if p.get("status") == "audited"]


@dataclass(frozen=True)
class Derogation:
    content: str
    justification: str
    until: str
    alternative: str
    pages: tuple[str, ...]


def derogations(report: dict[str, Any]) -> tuple[Derogation, ...]:
    """Dérogations recorded with the manual verdicts, grouped by what they say."""
    found: dict[tuple[str, str, str, str], list[str]] = {}
    for page in _audited(report):
        for criterion in sorted(page.get("criteria") or {}, key=sort_key):
            cell = page["criteria"][criterion]
            records = [cell.get("manual") or {}, *(cell.get("manual_tests") or {}).values()]
            for record in records:
                waiver = record.get("derogation") if isinstance(record, dict) else None
                if not isinstance(waiver, dict) or not waiver.get("justification"):
                    continue
                content = bounded(str(record.get("comment") or ""), 1000)
                key = (content, bounded(str(waiver.get("justification", "")), 1000),
                       bounded(str(waiver.get("until", "")), 40),
                       bounded(str(waiver.get("alternative", "")), 1000))
                where = found.setdefault(key, [])
                if _label(page) not in where:
                    where.append(_label(page))
    return tuple(Derogation(*key, tuple(pages)) for key, pages in found.items())


class _Writer:
    """Builds the Document in one language."""

    def __init__(self, report: dict[str, Any], settings: StatementSettings, lang: str,
                 draft: bool, today: dt.date) -> None:
        self.report, self.settings, self.lang, self.draft = report, settings, lang, draft
        self.today = today
        self.figures = figures(report)

    def t(self, key: str, **params: Any) -> str:
        return i18n.text(f"statement.{key}", self.lang, **params)

    def heading(self, section_id: str) -> Heading:
        item = section(section_id)
        if self.lang == "fr":
            return Heading(item.heading_fr)
        return Heading(item.heading_en, item.heading_fr)

    # -- sections -------------------------------------------------------------------------
    def preamble(self) -> tuple[Para, ...]:
        s = self.settings
        services = s.services or self.t("default_services")
        strategy: list[Any] = [self.t("strategy_intro"), " "]
        links = [Link(self.t("schema_link"), s.schema_url),
                 Link(self.t("action_plan_link"), s.action_plan_url)]
        if s.previous_results_url:
            links.append(Link(self.t("previous_results_link"), s.previous_results_url))
        for index, link in enumerate(links):
            if index:
                strategy.append(self.t("and") if index == len(links) - 1 else ", ")
            strategy.append(link)
        strategy.append(".")
        return (
            para(self.t("commitment", entity=s.entity, services=services)),
            para(*strategy),
            para(self.t("applies_to"), " ", Link(s.site_name, s.site_url), "."),
        )

    def state_text(self) -> str:
        if not self.figures.complete and not self.draft:
            return self.t("state.none")
        return self.t(f"state.{self.figures.state}")

    def conformity(self) -> tuple[Para, ...]:
        s, f = self.settings, self.figures
        blocks = [para(Link(s.site_name, s.site_url), " ", self.t("is"), " ",
                       Strong(self.state_text()), " ", self.t("with_rgaa"))]
        if not f.complete:
            key = "incomplete_draft" if self.draft else "incomplete"
            blocks.append(para(self.t(key, untested=f.untested, total=f.criteria or
                                      CRITERIA_COUNT), kind="notice"))
        return tuple(blocks)

    def results(self) -> tuple[Any, ...]:
        s, f = self.settings, self.figures
        who = self.t("by_internal") if s.internal_audit else self.t("by_company",
                                                                      company=s.auditor)
        blocks: list[Any] = [para(self.t("results_intro", who=who))]
        lines: list[tuple[Any, ...]] = []
        if f.complete or self.draft:
            rate = f.rate
            if rate is not None:
                lines.append((Strong(format_rate(rate, self.lang)), " ",
                              self.t("rate_line", c=f.conformant, applicable=f.applicable)))
            if s.average_rate and f.average is not None:
                lines.append((self.t("average_line"), " ",
                              Strong(format_rate(float(f.average), self.lang)), "."))
        else:
            lines.append((self.t("no_rate"),))
        lines.append((self.t("counts_line", c=f.conformant, nc=f.failed, na=f.not_applicable,
                             nt=f.untested),))
        if s.report_url:
            lines.append((Link(self.t("report_link"), s.report_url),))
        if s.grid_url:
            lines.append((Link(self.t("grid_link"), s.grid_url),))
        blocks.append(items(*lines))
        return tuple(blocks)

    def non_accessible(self) -> tuple[Para, ...]:
        return (para(self.t("non_accessible_intro")),)

    def non_compliance(self) -> tuple[Any, ...]:
        summary = self.report.get("summary") or {}
        audited = _audited(self.report)
        short = short_labels([_label(p) for p in audited])
        pages = [(short[_label(p)], p.get("criteria") or {}) for p in audited]
        found = issues(summary.get("criteria") or {}, pages, summary.get("site_nc_criteria") or ())
        rows: list[tuple[Any, ...]] = []
        for issue in found:
            sentence = self.t(f"issue.{issue.group}") if i18n.has(
                f"statement.issue.{issue.group}", self.lang) else self.t("issue_fallback")
            where = list(issue.pages[:PAGES_LISTED])
            more = len(issue.pages) - len(where)
            if where:
                place = ", ".join(where) + (self.t("and_more", count=more) if more else "")
                sentence += " " + self.t("where", pages=place)
            elif issue.site_wide:
                sentence += " " + self.t("site_wide")
            rows.append((sentence,))
        rows += [(text,) for text in self.settings.non_compliance]
        if not rows:
            none = "no_nc" if self.figures.complete else "no_nc_yet"
            return (para(self.t(none)),)
        return (items(*rows),)

    def derogations(self) -> tuple[Any, ...]:
        found = derogations(self.report)
        if not found:
            return (para(self.t("no_derogation")),)
        rows = []
        for item in found:
            parts: list[Any] = [_sentence(item.content) if item.content
                                else self.t("derogation_content_missing")]
            pages = ", ".join(item.pages[:PAGES_LISTED])
            parts.append(" " + self.t("derogation_where", pages=pages))
            parts.append(" " + self.t("derogation_why", justification=item.justification))
            parts.append(" " + (self.t("derogation_until", until=item.until) if item.until
                                else self.t("derogation_no_until")))
            parts.append(" " + (self.t("derogation_alternative", alternative=item.alternative)
                                if item.alternative else self.t("derogation_no_alternative")))
            rows.append(tuple(parts))
        return (items(*rows),)

    def exempt(self) -> tuple[Any, ...]:
        if not self.settings.exempt:
            return (para(self.t("no_exempt")),)
        rows = []
        for item in self.settings.exempt:
            parts: list[Any] = [_sentence(item.content)]
            if item.reason:
                parts.append(" " + self.t("exempt_reason", reason=item.reason))
            if item.alternative:
                parts.append(" " + self.t("exempt_alternative", alternative=item.alternative))
            rows.append(tuple(parts))
        return (items(*rows),)

    def establishment(self) -> tuple[Para, ...]:
        s = self.settings
        finished = _date_of((self.report.get("site") or {}).get("finished_at"))
        established = s.established_on or finished or self.today
        text = self.t("established", date=format_date(established, self.lang))
        if s.updated_on and s.updated_on != established:
            text += " " + self.t("updated", date=format_date(s.updated_on, self.lang))
        audited = finished and self.t("audit_date", date=format_date(finished, self.lang))
        return (para(text + (" " + audited if audited else "")),)

    def technologies(self) -> tuple[Items]:
        names = merged(detect(self.report), self.settings.technologies)
        shown = [self.t(f"tech.{n}") if i18n.has(f"statement.tech.{n}", self.lang) else n
                 for n in names]
        return (items(*shown) if shown else items(self.t("no_technology")),)

    def environment(self) -> tuple[Any, ...]:
        tool = self.report.get("tool") or {}
        rows: list[Any] = list(self.settings.test_environments)
        browser = tool.get("browser") or self.t("unknown_browser")
        rows.append(self.t("automated_environment", browser=browser))
        blocks: list[Any] = [para(self.t("environment_intro")), items(*rows)]
        if not self.settings.test_environments:
            blocks.append(para(self.t("no_assistive_combination"), kind="notice"))
        return tuple(blocks)

    def tools(self) -> tuple[Items]:
        tool = self.report.get("tool") or {}
        rows = [self.t("tool_rgaa_audit", version=tool.get("version") or "?")]
        if tool.get("axe_core"):
            rows.append(self.t("tool_axe", version=tool["axe_core"]))
        if tool.get("browser"):
            rows.append(self.t("tool_browser", browser=tool["browser"]))
        rows += list(self.settings.tools)
        return (items(*rows),)

    def pages(self) -> tuple[Any, ...]:
        rows = []
        for page in _audited(self.report):
            url = str(page.get("final_url") or page.get("url") or "")
            label = _label(page)
            if not url.startswith(("http://", "https://")):
                rows.append((label,))
            elif label == url:
                rows.append((Link(url, url),))
            else:  # the address is the link text: two pages may share a title
                rows.append((label, " – ", Link(url, url)))
        return (items(*rows) if rows else para(self.t("no_pages")),)

    def contact(self) -> tuple[Any, ...]:
        s = self.settings
        rows: list[tuple[Any, ...]] = []
        if s.contact_form_url:
            rows.append((self.t("send_message"), " ",
                         Link(s.contact_form_url, s.contact_form_url)))
        if s.contact_email:
            rows.append((self.t("write_to"), " ",
                         Link(s.contact_email, f"mailto:{s.contact_email}")))
        if s.contact_page_url:
            rows.append((self.t("contact_entity", entity=s.entity), " ",
                         Link(s.contact_page_url, s.contact_page_url)))
        return (para(self.t("contact_intro", site=s.site_name)), items(*rows),
                para(self.t("contact_delay")))

    def recourse(self) -> tuple[Any, ...]:
        blocks: list[Any] = [
            para(self.t("recourse_case")),
            para(self.t("recourse_situation")),
            items((self.t("recourse_message"), " ", Link(DEFENSEUR_MESSAGE, DEFENSEUR_MESSAGE)),
                  (self.t("recourse_delegate"), " ", Link(DEFENSEUR_DELEGATES,
                                                           DEFENSEUR_DELEGATES)),
                  (self.t("recourse_post"),)),
            Para((Text("Défenseur des droits"), Text("Libre réponse 71120"),
                  Text("75342 Paris CEDEX 07")), kind="address"),
        ]
        if self.settings.arcom:
            blocks.append(para(self.t("recourse_arcom"), " ", Link("Arcom", ARCOM_URL), "."))
            blocks.append(para(self.t("recourse_arcom_note"), kind="notice"))
        return tuple(blocks)

    # -- the whole ------------------------------------------------------------------------
    def document(self) -> Document:
        builders = {
            "preamble": self.preamble, "conformity": self.conformity, "results": self.results,
            "non-accessible": self.non_accessible, "non-compliance": self.non_compliance,
            "derogations": self.derogations, "exempt": self.exempt,
            "establishment": self.establishment, "technologies": self.technologies,
            "test-environment": self.environment, "tools": self.tools, "pages": self.pages,
            "contact": self.contact, "recourse": self.recourse,
        }
        built = tuple(Section(item.id, item.level, self.heading(item.id), builders[item.id]())
                      for item in sections())
        banners: list[Para] = []
        if self.draft:
            banners.append(para(Strong(self.t("draft_banner")), kind="notice"))
        if self.lang != "fr":
            banners.append(para(self.t("translation_banner"), kind="notice"))
        title = self.t("title", site=self.settings.site_name)
        if self.draft:
            title = self.t("draft_title", title=title)
        footer = (para(self.t("generated", version=(self.report.get("tool") or {}).get(
                      "version", "?"), date=format_date(self.today, self.lang))),
                  para(self.t("attribution"), " ", Link(SOURCE_URL, SOURCE_URL)))
        return Document(self.lang, title, tuple(banners), built, footer, self.draft)


def build_document(report: dict[str, Any], settings: StatementSettings, lang: str = "fr",
                   draft: bool = False, today: dt.date | None = None) -> Document:
    """The statement of `report` (manual verdicts already merged) in `lang`."""
    load_referential()
    return _Writer(report, settings, i18n.language(lang), draft,
                   today or dt.date.today()).document()
