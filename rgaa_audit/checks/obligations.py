"""The declarative obligations, as facts found on pages (the check stage's half).

The law asks more of a public site than its RGAA criteria: the home page shows one mention
"Accessibilité : totalement / partiellement / non conforme"; an accessibility page is reached
from every page; it holds the statement in the mandatory format (with its date), links to
the multi-year plan and the current year's action plan, and a feedback contact.

This module only reads pages. `page_facts(doc)` notes, per audited page, the mentions, the
links that lead to an accessibility page and, on a page that looks like a statement, its
headings, dates, plan links and contact; the pipeline keeps them with the page result
(`page["obligations"]`). `site_obligations(pages, home_url)` puts the pages' facts together
into `report["obligations"]`: the home page's mention, which page is the accessibility page,
the pages that do not link to it, and the statement's sections matched against the official
format (`criteria/declaration/sections.toml`). Whether the mention matches the audit's result
can only be said once rates exist: that is the conclusion stage's half
(`conclude/obligations.py`).

Patterns are data (`criteria/obligations.toml`). Everything read from the site is untrusted:
texts are cut to `limits.max_text`, lists to their limits.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urldefrag, urlsplit

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.declaration import Section
from rgaa_audit.declaration import sections as official_sections
from rgaa_audit.model import bounded
from rgaa_audit.paths import data_dir

LEVELS = ("full", "partial", "none")
PLAN_KINDS = ("multi-year", "action-plan")
_PLAIN = str.maketrans({"à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e",
                        "î": "i", "ï": "i", "ô": "o", "ö": "o", "ù": "u", "û": "u", "ü": "u",
                        "ç": "c", "ÿ": "y", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
                        "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_SPACES = re.compile(r"\s+")
# The state a statement declares ("… est partiellement conforme avec le RGAA").
_DECLARED = {
    "full": re.compile(r"\btotalement conforme\b|\bfully (?:compliant|conformant)\b"),
    "partial": re.compile(r"\bpartiellement conforme\b|\bpartially (?:compliant|conformant)\b"),
    "none": re.compile(r"\bnon conforme\b|\bnot (?:compliant|conformant)\b"),
}


def plain(text: str | None) -> str:
    """Lower case, French accents removed, apostrophes straight, spaces collapsed."""
    lowered = (text or "").lower().replace("œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", lowered.translate(_PLAIN)).strip()


class ObligationsDataError(ValueError):
    """criteria/obligations.toml is malformed; names the file and key."""


def _patterns(raw: Any, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise ObligationsDataError(
            f"criteria/obligations.toml : {where} : liste de motifs attendue")
    try:
        return tuple(re.compile(p) for p in raw)
    except re.error as error:
        raise ObligationsDataError(
            f"criteria/obligations.toml : {where} : motif invalide ({error})") from None


@dataclass(frozen=True)
class Rules:
    """The detection data of criteria/obligations.toml, compiled."""

    levels: Mapping[str, tuple[re.Pattern[str], ...]]
    near: tuple[re.Pattern[str], ...]
    link_texts: tuple[re.Pattern[str], ...]
    link_paths: tuple[str, ...]
    titles: tuple[re.Pattern[str], ...]
    established: tuple[re.Pattern[str], ...]
    updated: tuple[re.Pattern[str], ...]
    months: Mapping[str, int]
    lead_window: int
    plans: Mapping[str, tuple[re.Pattern[str], ...]]
    contact: tuple[re.Pattern[str], ...]
    limits: Mapping[str, int]

    def limit(self, name: str) -> int:
        return int(self.limits[name])


def parse_rules(data: Mapping[str, Any]) -> Rules:
    """Rules from the parsed TOML (ObligationsDataError names a wrong key)."""
    try:
        mention, statement = data["mention"], data["statement"]
        months = {m: i + 1 for i, m in enumerate(statement["months_fr"])}
        months.update({m: i + 1 for i, m in enumerate(statement["months_en"])})
        limits = {k: int(v) for k, v in data["limits"].items()}
        return Rules(
            levels={level: _patterns(mention["levels"][level], f"mention.levels.{level}")
                    for level in LEVELS},
            near=_patterns(mention["near"], "mention.near"),
            link_texts=_patterns(data["accessibility-link"]["texts"], "accessibility-link.texts"),
            link_paths=tuple(str(p) for p in data["accessibility-link"]["paths"]),
            titles=_patterns(statement["titles"], "statement.titles"),
            established=_patterns(statement["established"], "statement.established"),
            updated=_patterns(statement["updated"], "statement.updated"),
            months=months,
            lead_window=int(statement["lead_window"]),
            plans={kind: _patterns(data["plans"][kind], f"plans.{kind}") for kind in PLAN_KINDS},
            contact=_patterns(data["contact"]["texts"], "contact.texts"),
            limits=limits,
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, ObligationsDataError):
            raise
        raise ObligationsDataError(f"criteria/obligations.toml : clé manquante ou invalide "
                                   f"({error})") from None


@cache
def load_rules() -> Rules:
    """The rules of criteria/obligations.toml (read once)."""
    path = data_dir("criteria") / "obligations.toml"
    try:
        return parse_rules(tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as error:
        raise ObligationsDataError(f"criteria/obligations.toml : {error}") from None


# -- the statement's official sections --------------------------------------------------------

@cache
def section_names(section: Section) -> tuple[str, ...]:
    """The section's headings in plain text: French, its variants, English."""
    names = (section.heading_fr, *section.variants, section.heading_en)
    return tuple(dict.fromkeys(plain(n) for n in names if n))


@cache
def _official_names() -> frozenset[str]:
    return frozenset(name for s in official_sections() for name in section_names(s))


# -- one page ---------------------------------------------------------------------------------

def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def page_key(url: str) -> str:
    """A URL compared as a page: no fragment, no trailing slash, no index file."""
    base = urldefrag(url)[0]
    for index in ("index.html", "index.htm", "index.php"):
        if base.endswith("/" + index):
            base = base[: -len(index)]
    return base.rstrip("/")


def _search(patterns: Iterable[re.Pattern[str]], text: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.search(text))), None)


def _mention_level(rules: Rules, text: str) -> str | None:
    return next((level for level in LEVELS if _search(rules.levels[level], text)), None)


def _anchor_elements(doc: PageDocument, rules: Rules) -> list[Any]:
    """The page's visible links with an address worth following (bounded)."""
    def kept() -> list[Any]:
        found = []
        for anchor in doc.css("a[href]")[: rules.limit("max_links")]:
            href = (anchor.get("href") or "").strip()
            if (href and not href.lower().startswith(("javascript:", "data:"))
                    and not doc.is_hidden(anchor)):
                found.append(anchor)
        return found
    return doc.memo("obligations-anchors", kept)


def _anchors(doc: PageDocument, rules: Rules) -> list[tuple[str, str, str]]:
    """(absolute URL, text as shown, plain text) of the page's visible links."""
    found = []
    for anchor in _anchor_elements(doc, rules):
        shown = doc.text(anchor) or doc.accessible_name(anchor)
        found.append((doc.absolute(anchor.get("href").strip()), shown, plain(shown)))
    return found


def _accessibility_links(doc: PageDocument, rules: Rules,
                         anchors: Sequence[tuple[str, str, str]]) -> list[dict[str, str]]:
    here, host = page_key(doc.url), _host(doc.url)
    kept: list[dict[str, str]] = []
    seen: set[str] = set()
    for url, shown, text in anchors:
        if not url.startswith(("http://", "https://")) or _host(url) != host:
            continue
        path = plain(urlsplit(url).path)
        if not (_search(rules.link_texts, text) or any(p in path for p in rules.link_paths)):
            continue
        key = page_key(url)
        if key == here or key in seen:
            continue
        seen.add(key)
        kept.append({"url": bounded(urldefrag(url)[0], 500),
                     "text": bounded(shown, rules.limit("max_text"))})
        if len(kept) >= rules.limit("max_kept_links"):
            break
    return kept


def _mentions(doc: PageDocument, rules: Rules, body_text: str,
              anchors: Sequence[tuple[str, str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """The exact mentions (level, text, link when one carries it) and the near ones."""
    limit, cut = rules.limit("max_mentions"), rules.limit("max_text")
    linked = {}
    for url, shown, text in anchors:
        level = _mention_level(rules, text)
        if level and text not in linked:
            linked[text] = (level, shown, url)
    exact = [(level, m) for level in LEVELS for p in rules.levels[level]
             for m in p.finditer(body_text)]
    mentions: list[dict[str, str]] = []
    for level, match in exact[:limit]:
        shown, link = next(((sh, u) for t, (lv, sh, u) in linked.items()
                            if lv == level and match.group(0) in t), (match.group(0), ""))
        mentions.append({"level": level, "text": bounded(shown, cut),
                         "link": bounded(urldefrag(link)[0], 500)})
    near: list[str] = []
    exact_spans = [(m.start(), m.end()) for _level, m in exact]
    for pattern in rules.near:
        for match in pattern.finditer(body_text):
            if any(s <= match.start() < e or match.start() <= s < match.end()
                   for s, e in exact_spans):
                continue
            start = max(0, match.start() - 20)
            snippet = body_text[start: match.end() + 20].strip()
            if len(near) < limit and snippet not in near:
                near.append(bounded(snippet, cut))
    return mentions, near


def _looks_like_statement(doc: PageDocument, rules: Rules, headings: Sequence[str]) -> bool:
    title = doc.root.find(".//title")
    candidates = [plain(title.text_content()) if title is not None else "",
                  *(plain(h) for h in headings[:2])]
    if any(_search(rules.titles, c) for c in candidates if c):
        return True
    official = _official_names()
    return sum(plain(h) in official for h in headings) >= 2


def _dates(rules: Rules, text: str) -> list[dict[str, str]]:
    """Dates in the text, each with what leads it (established / updated / other)."""
    months = "|".join(sorted(rules.months, key=len, reverse=True))
    date = re.compile(rf"\b(\d{{1,2}})(?:er)? ({months}) (\d{{4}})\b"
                      rf"|\b({months}) (\d{{1,2}}),? (\d{{4}})\b"
                      r"|\b(\d{1,2})/(\d{1,2})/(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
    found: list[dict[str, str]] = []
    for match in date.finditer(text):
        g = match.groups()
        try:
            if g[0]:
                day, month, year = int(g[0]), rules.months[g[1]], int(g[2])
            elif g[3]:
                day, month, year = int(g[4]), rules.months[g[3]], int(g[5])
            elif g[6]:
                day, month, year = int(g[6]), int(g[7]), int(g[8])
            else:
                day, month, year = int(g[11]), int(g[10]), int(g[9])
            iso = dt.date(year, month, day).isoformat()
        except (ValueError, KeyError):
            continue
        before = text[max(0, match.start() - rules.lead_window): match.start()]
        kind = ("updated" if _search(rules.updated, before)
                else "established" if _search(rules.established, before) else "other")
        found.append({"kind": kind, "text": bounded(match.group(0), 40), "iso": iso})
        if len(found) >= 20:
            break
    return found


def _statement(doc: PageDocument, rules: Rules, body_text: str, headings: list[str],
               anchors: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    cut = rules.limit("max_text")
    plans: dict[str, list[dict[str, str]]] = {kind: [] for kind in PLAN_KINDS}
    contact: list[dict[str, str]] = []
    for url, shown, text in anchors:
        for kind in PLAN_KINDS:
            if _search(rules.plans[kind], text) and len(plans[kind]) < 5:
                plans[kind].append({"url": bounded(url, 500), "text": bounded(shown, cut),
                                    "kind": "link"})
        if len(contact) < 5 and (url.lower().startswith("mailto:")
                                 or _search(rules.contact, text)):
            contact.append({"url": bounded(url, 500), "text": bounded(shown, cut),
                            "kind": "mailto" if url.lower().startswith("mailto:") else "link"})
    for heading in headings:
        for kind in PLAN_KINDS:
            if _search(rules.plans[kind], plain(heading)) and len(plans[kind]) < 5:
                plans[kind].append({"url": "", "text": bounded(heading, cut), "kind": "heading"})
    forms = [f for f in doc.css("form") if f.cssselect("textarea") and not doc.is_hidden(f)]
    if forms and len(contact) < 5:
        contact.append({"url": bounded(doc.absolute(forms[0].get("action") or ""), 500),
                        "text": "", "kind": "form"})
    declared = next((lv for lv in LEVELS if _DECLARED[lv].search(body_text)), "")
    return {
        "headings": [bounded(h, cut) for h in headings[: rules.limit("max_headings")]],
        "dates": _dates(rules, body_text),
        "plans": plans,
        "contact": contact,
        "declared_level": declared,
    }


def page_facts(doc: PageDocument, rules: Rules | None = None) -> dict[str, Any]:
    """What one audited page tells about the obligations (JSON-able and bounded)."""
    rules = rules or load_rules()
    body = doc.root.find("body")
    body_text = plain(doc.text(body))[:200_000] if body is not None else ""
    anchors = _anchors(doc, rules)
    mentions, near = _mentions(doc, rules, body_text, anchors)
    facts: dict[str, Any] = {"mentions": mentions, "near": near,
                             "links": _accessibility_links(doc, rules, anchors)}
    headings = [doc.text(h) for h in doc.select("//body//*[self::h1 or self::h2 or self::h3 or "
                                                "self::h4 or self::h5 or self::h6 or "
                                                "@role='heading']")
                if not doc.is_hidden(h)]
    headings = [h for h in headings if h][: rules.limit("max_headings")]
    if _looks_like_statement(doc, rules, headings):
        # The statement's own links: those of the main content when the page marks it.
        main = doc.select("//body//main | //body//*[@role='main']")
        inside = ({id(a) for a in main[0].iter("a")} if main else None)
        own = ([a for a, el in zip(anchors, _anchor_elements(doc, rules), strict=True)
                if id(el) in inside] if inside is not None else anchors)
        facts["statement"] = _statement(doc, rules, body_text, headings, own)
    return facts


# -- the site ---------------------------------------------------------------------------------

def match_sections(headings: Iterable[str],
                   sections: Sequence[Section] | None = None) -> dict[str, str]:
    """Official section id -> the statement's heading that carries it ("" when none does).

    A heading carries a section when, in plain text, it is one of the section's names or
    starts with one (so "Résultats des tests" and "Résultat des tests : audit de 2025" count),
    or is the start of one, long enough ("Établissement de cette déclaration")."""
    sections = official_sections() if sections is None else sections
    plain_headings = [(plain(h), h) for h in headings]
    found: dict[str, str] = {}
    for section in sections:
        found[section.id] = next(
            (shown for text, shown in plain_headings
             if any(text == name or text.startswith(name)
                    or (name.startswith(text) and len(text) >= 0.6 * len(name))
                    for name in section_names(section))), "")
    return found


def _home(pages: Sequence[tuple[str, Mapping[str, Any]]], home_url: str | None) -> str | None:
    if not pages:
        return None
    if home_url:
        wanted = page_key(home_url)
        for url, _facts in pages:
            if page_key(url) == wanted:
                return url
    return pages[0][0]


def site_obligations(pages: Sequence[tuple[str, Mapping[str, Any]]], home_url: str | None,
                     fetched: tuple[str, Mapping[str, Any]] | None = None,
                     rules: Rules | None = None,
                     sections: Sequence[Section] | None = None) -> dict[str, Any]:
    """The site's obligation facts from each audited page's facts: `pages` are (final URL,
    page facts) in audit order; `fetched` is the accessibility page read outside the sample
    (plain HTTP) when the audit did not include it."""
    rules = rules or load_rules()
    sections = official_sections() if sections is None else sections
    home = _home(pages, home_url)
    by_key = {page_key(url): (url, facts) for url, facts in pages}
    home_facts = by_key.get(page_key(home), (home, {}))[1] if home else {}
    levels = sorted({m.get("level") for m in home_facts.get("mentions") or []
                     if m.get("level") in LEVELS}, key=LEVELS.index)
    targets = Counter(page_key(link["url"]) for _url, facts in pages
                      for link in facts.get("links") or [] if isinstance(link, Mapping))
    linked_from_home = [page_key(link["url"]) for link in home_facts.get("links") or []]
    statements = [page_key(url) for url, facts in pages if facts.get("statement")]
    accessibility = next((key for key in linked_from_home if key in statements), None)
    accessibility = accessibility or next((key for key, _n in targets.most_common()
                                           if key in statements), None)
    accessibility = accessibility or (linked_from_home[0] if linked_from_home else None)
    accessibility = accessibility or (targets.most_common(1)[0][0] if targets else None)
    accessibility = accessibility or (statements[0] if statements else None)
    if fetched is not None and accessibility is None:
        accessibility = page_key(fetched[0])
    without = []
    for url, facts in pages:
        keys = {page_key(link["url"]) for link in facts.get("links") or []}
        if page_key(url) == accessibility:
            continue
        if (accessibility not in keys) if accessibility else not keys:
            without.append(url)
    statement: dict[str, Any] | None = None
    page_url = ""
    if accessibility and accessibility in by_key:
        page_url, facts = by_key[accessibility]
        statement = dict(facts["statement"]) if facts.get("statement") else None
        audited = True
    elif fetched is not None and page_key(fetched[0]) == accessibility:
        page_url = fetched[0]
        statement = dict(fetched[1]["statement"]) if fetched[1].get("statement") else None
        audited = False
    else:
        audited = False
    if statement is not None:
        statement["sections"] = (match_sections(statement.get("headings") or [], sections)
                                 if sections else None)
        statement["mandatory"] = [s.id for s in sections if s.mandatory and s.when == "always"]
        statement["conditional"] = [s.id for s in sections if s.mandatory and s.when != "always"]
    listed = rules.limit("max_listed_pages")
    return {
        "home": bounded(home, 500) if home else None,
        "pages_checked": len(pages),
        "mention": {
            "levels": levels,
            "found": [dict(m) for m in (home_facts.get("mentions") or [])][
                : rules.limit("max_mentions")],
            "near": list(home_facts.get("near") or [])[: rules.limit("max_mentions")],
        },
        "accessibility_page": bounded(page_url or (next(
            (link["url"] for _u, f in pages for link in f.get("links") or []
             if page_key(link["url"]) == accessibility), "")), 500) or None,
        "accessibility_page_audited": audited,
        "pages_without_link": [bounded(u, 500) for u in without[:listed]],
        "pages_without_link_count": len(without),
        "statement": statement,
    }
