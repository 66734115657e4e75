"""The verdicts file: an auditor's manual verdicts, read, validated and written back.

A plain TOML file that teams commit beside their baseline (`rgaa-audit/verdicts/1`):

    schema = "rgaa-audit/verdicts/1"

    [[verdict]]
    page = "https://www.example.fr/contact"   # a URL, a path ("/contact"), a glob, or "transverse"
    criterion = "11.1"                        # or test = "11.1.1"
    status = "NC"                             # C, NC or NA
    comment = "Le champ Nom n'a pas d'étiquette visible."

Optional: `component` (transverse verdicts only: the shared component judged, such as
"header"), `impact` (minor, major, blocking; NC only), `recommendation`, `auditor`, `date`
(YYYY-MM-DD), `derogation = { justification, until, alternative }`, and what rgaa-audit writes
itself: `fingerprint` (of what was judged) and `tool` (the version that recorded it).

Reading checks everything a person can get wrong and says where, as one line
`FILE:LINE: what is wrong`. Writing sorts the verdicts (page, then criterion and test in RGAA
order), always lays them out the same way, and replaces the file atomically, so a crash never
leaves half a file and two saves of the same verdicts give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from rgaa_audit import i18n
from rgaa_audit.referential import Referential, criterion_of, sort_key
from rgaa_audit.store.files import write_text_atomic

SCHEMA = "rgaa-audit/verdicts/1"
TRANSVERSE = "transverse"
STATUSES = ("C", "NC", "NA")
IMPACTS = ("minor", "major", "blocking")
FILE_MAX_BYTES = 20_000_000
TEXT_MAX = 10_000  # a comment or recommendation longer than this is not a verdict any more
_HEADER = re.compile(r"^\s*\[\[\s*verdict\s*\]\]\s*(#.*)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOP_KEYS = {"schema", "verdict"}
_TEXT_KEYS = ("comment", "impact", "recommendation", "auditor", "date", "fingerprint", "tool")
_KEYS = {"page", "criterion", "test", "component", "status", "derogation", *_TEXT_KEYS}
_DEROGATION_KEYS = ("justification", "until", "alternative")
_FILE_COMMENT = (
    "# Verdicts manuels rgaa-audit (manual verdicts): un bloc par page (ou motif d'URL, ou\n"
    "# \"transverse\") et par critère (ou test). Écrit par `rgaa-audit review` ; modifiable\n"
    "# à la main, le fichier est vérifié à chaque lecture.\n"
)


class VerdictsError(ValueError):
    """A verdicts file that cannot be used: the file, the line to fix, and what is wrong.

    The reason is a key of the `[verdicts]` texts and its parameters, so the CLI says it in
    the language asked (`text(lang)`); `str()` gives the French line.
    """

    def __init__(self, where: str, line: int | None, reason: str, **params: Any) -> None:
        self.where, self.line, self.reason, self.params = where, line, reason, params
        super().__init__(self.text())

    def text(self, lang: str = "fr") -> str:
        place = f"{self.where}:{self.line}" if self.line else self.where
        return f"{place}: {i18n.text(f'verdicts.{self.reason}', lang, **self.params)}"


@dataclass(frozen=True)
class Derogation:
    """Content exempted from a criterion on a page, why, until when, and its alternative."""

    justification: str
    until: str = ""
    alternative: str = ""


@dataclass(frozen=True)
class ManualVerdict:
    """One person's decision on one criterion (or test) for a page, a set of pages or all."""

    page: str
    criterion: str
    status: str
    test: str = ""
    component: str = ""
    comment: str = ""
    impact: str = ""
    recommendation: str = ""
    auditor: str = ""
    date: str = ""
    derogation: Derogation | None = None
    fingerprint: str = ""
    tool: str = ""
    line: int = field(default=0, compare=False)

    @property
    def target(self) -> str:
        """The test if the verdict is about one test, else the criterion."""
        return self.test or self.criterion

    @property
    def key(self) -> tuple[str, str]:
        """What a verdict is about: two verdicts with the same key contradict each other."""
        page = f"{self.page}:{self.component}" if self.component else self.page
        return (page, self.target)

    @property
    def transverse(self) -> bool:
        return self.page == TRANSVERSE

    @property
    def is_glob(self) -> bool:
        return not self.transverse and any(c in self.page for c in "*?[")

    def applies_to(self, url: str) -> bool:
        """Whether this verdict names the page at `url` (transverse ones match by component).

        A page written as a path ("/contact", "/actualites/*") names that path on the audited
        site whatever its origin, so verdicts survive a change of host or port.
        """
        if self.transverse:
            return False
        if self.page.startswith("/"):
            parts = urlsplit(url)
            url = parts.path + (f"?{parts.query}" if parts.query else "")
        if self.is_glob:
            return fnmatch.fnmatchcase(url, self.page)
        return url == self.page


@dataclass(frozen=True)
class Verdicts:
    """Every manual verdict of an audit, in the file's order."""

    verdicts: tuple[ManualVerdict, ...] = ()

    def __iter__(self):
        return iter(self.verdicts)

    def __len__(self) -> int:
        return len(self.verdicts)

    def for_page(self, url: str) -> tuple[ManualVerdict, ...]:
        """Verdicts naming this page exactly or through a glob (exact ones first)."""
        exact = [v for v in self.verdicts if not v.is_glob and v.applies_to(url)]
        globs = [v for v in self.verdicts if v.is_glob and v.applies_to(url)]
        return (*exact, *globs)

    def transverse(self) -> tuple[ManualVerdict, ...]:
        return tuple(v for v in self.verdicts if v.transverse)

    def upsert(self, verdict: ManualVerdict) -> tuple[Verdicts, ManualVerdict | None]:
        """These verdicts with `verdict` added or replacing the one with its key (returned)."""
        kept, replaced = [], None
        for existing in self.verdicts:
            if existing.key == verdict.key:
                replaced = existing
            else:
                kept.append(existing)
        return Verdicts((*kept, verdict)), replaced

    def remove(self, key: tuple[str, str]) -> Verdicts:
        """These verdicts without the one with this key."""
        return Verdicts(tuple(v for v in self.verdicts if v.key != key))


# --- reading -------------------------------------------------------------------------------


def _verdict_lines(text: str) -> list[int]:
    """The line number (1-based) of each `[[verdict]]` header, in order."""
    return [n for n, line in enumerate(text.splitlines(), 1) if _HEADER.match(line)]


def _key_line(text: str, start: int, key: str) -> int:
    """The line of `key = ` in the table whose header is on line `start`, else `start`."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    lines = text.splitlines()
    for index in range(start, len(lines)):  # lines[start] is the line after the header
        if lines[index].lstrip().startswith("["):
            break
        if pattern.match(lines[index]):
            return index + 1
    return start


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return None


def _read_one(raw: Any, number: int, where: str, text: str, line: int,
              referential: Referential) -> ManualVerdict:
    def fail(reason: str, key: str | None = None, **params: Any) -> VerdictsError:
        at = _key_line(text, line, key) if key else line
        return VerdictsError(where, at, reason, number=number, **params)

    if not isinstance(raw, Mapping):
        raise fail("not_a_table")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise fail("unknown_key", unknown[0], name=unknown[0], known=", ".join(sorted(_KEYS)))
    values: dict[str, Any] = {}
    for key in ("page", "criterion", "test", "component", "status", *_TEXT_KEYS):
        if key not in raw:
            continue
        value = _text(raw[key])
        if value is None:
            raise fail("not_text", key, name=key)
        if len(value) > TEXT_MAX:
            raise fail("too_long", key, name=key, limit=TEXT_MAX)
        values[key] = value.strip()
    page = values.get("page", "")
    if not page:
        raise fail("no_page")
    if page != TRANSVERSE and not re.match(r"^(https?://[^\s/]+|/)", page):
        raise fail("bad_page", "page", page=page)
    test, criterion = values.get("test", ""), values.get("criterion", "")
    if not test and not criterion:
        raise fail("no_criterion")
    if test:
        if test not in referential.tests:
            raise fail("unknown_test", "test", test=test)
        if criterion and criterion != criterion_of(test):
            raise fail("test_outside_criterion", "criterion", test=test, criterion=criterion)
        criterion = criterion_of(test)
    elif criterion not in referential.criteria:
        raise fail("unknown_criterion", "criterion", criterion=criterion)
    component = values.get("component", "")
    if component and page != TRANSVERSE:
        raise fail("component_not_transverse", "component")
    status = values.get("status", "")
    if status not in STATUSES:
        raise fail("bad_status", "status", status=status)
    impact = values.get("impact", "")
    if impact and impact not in IMPACTS:
        raise fail("bad_impact", "impact", impact=impact)
    if impact and status != "NC":
        raise fail("impact_without_nc", "impact")
    date = values.get("date", "")
    if date and not _DATE.match(date):
        raise fail("bad_date", "date", date=date)
    derogation = None
    if "derogation" in raw:
        derogation = _read_derogation(raw["derogation"], fail)
    return ManualVerdict(
        page=page, criterion=criterion, test=test, component=component, status=status,
        comment=values.get("comment", ""), impact=impact,
        recommendation=values.get("recommendation", ""), auditor=values.get("auditor", ""),
        date=date, derogation=derogation, fingerprint=values.get("fingerprint", ""),
        tool=values.get("tool", ""), line=line,
    )


def _read_derogation(raw: Any, fail) -> Derogation:
    if not isinstance(raw, Mapping):
        raise fail("derogation_not_table", "derogation")
    unknown = sorted(set(raw) - set(_DEROGATION_KEYS))
    if unknown:
        raise fail("derogation_unknown_key", "derogation", name=unknown[0])
    parts = {}
    for key in _DEROGATION_KEYS:
        value = _text(raw.get(key, ""))
        if value is None or len(value) > TEXT_MAX:
            raise fail("derogation_not_text", "derogation", name=key, limit=TEXT_MAX)
        parts[key] = value.strip()
    if not parts["justification"]:
        raise fail("derogation_no_justification", "derogation")
    if parts["until"] and not _DATE.match(parts["until"]):
        raise fail("bad_date", "derogation", date=parts["until"])
    return Derogation(**parts)


def parse_verdicts(text: str, where: str, referential: Referential) -> Verdicts:
    """Verdicts from the text of a verdicts file; `where` names the file in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        raise VerdictsError(where, int(found.group(1)) if found else 1, "not_toml",
                            detail=str(error).split(" (at ")[0]) from None
    schema = data.get("schema")
    if schema != SCHEMA:
        raise VerdictsError(where, _key_line(text, 0, "schema") or 1, "bad_schema",
                            expected=SCHEMA, found=repr(schema))
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise VerdictsError(where, _key_line(text, 0, unknown[0]) or 1, "unknown_top_key",
                            name=unknown[0])
    raws = data.get("verdict", [])
    if not isinstance(raws, list):
        raise VerdictsError(where, _key_line(text, 0, "verdict") or 1, "verdict_not_tables")
    lines = _verdict_lines(text)
    verdicts: list[ManualVerdict] = []
    seen: dict[tuple[str, str], ManualVerdict] = {}
    for index, raw in enumerate(raws):
        line = lines[index] if index < len(lines) else 1
        verdict = _read_one(raw, index + 1, where, text, line, referential)
        if verdict.key in seen:
            raise VerdictsError(where, line, "duplicate", number=index + 1,
                                first=seen[verdict.key].line, page=verdict.page,
                                target=verdict.target)
        seen[verdict.key] = verdict
        verdicts.append(verdict)
    return Verdicts(tuple(verdicts))


def load_verdicts(path: Path, referential: Referential) -> Verdicts:
    """The verdicts of a file; a file that does not exist yet holds none."""
    where = str(path)
    if not path.exists():
        return Verdicts()
    if not path.is_file():
        raise VerdictsError(where, None, "not_a_file")
    if path.stat().st_size > FILE_MAX_BYTES:
        raise VerdictsError(where, None, "too_large", limit=FILE_MAX_BYTES // 1_000_000)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise VerdictsError(where, 1, "not_utf8") from None
    except OSError as error:
        raise VerdictsError(where, None, "unreadable", detail=error.strerror or "") from None
    return parse_verdicts(text, where, referential)


# --- writing -------------------------------------------------------------------------------


def _value(value: Any) -> str:
    """A TOML value, encoded by tomli-w."""
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _order(verdict: ManualVerdict) -> tuple[Any, ...]:
    return (verdict.page != TRANSVERSE, verdict.page, verdict.component,
            sort_key(verdict.criterion), sort_key(verdict.test) if verdict.test else ())


def dump_verdicts(verdicts: Iterable[ManualVerdict]) -> str:
    """The text of a verdicts file: sorted, every verdict laid out the same way."""
    out = [_FILE_COMMENT, f"schema = {_value(SCHEMA)}\n"]
    for verdict in sorted(verdicts, key=_order):
        out.append("\n[[verdict]]\n")
        out.append(f"page = {_value(verdict.page)}\n")
        out.append(f"criterion = {_value(verdict.criterion)}\n")
        if verdict.test:
            out.append(f"test = {_value(verdict.test)}\n")
        if verdict.component:
            out.append(f"component = {_value(verdict.component)}\n")
        out.append(f"status = {_value(verdict.status)}\n")
        for key in _TEXT_KEYS:
            value = getattr(verdict, key)
            if value:
                out.append(f"{key} = {_value(value)}\n")
        if verdict.derogation is not None:
            parts = [f"{k} = {_value(getattr(verdict.derogation, k))}"
                     for k in _DEROGATION_KEYS if getattr(verdict.derogation, k)]
            out.append(f"derogation = {{ {', '.join(parts)} }}\n")
    return "".join(out)


def write_verdicts(path: Path, verdicts: Iterable[ManualVerdict]) -> None:
    """Replace the verdicts file atomically (the old file stays whole until the new one is)."""
    write_text_atomic(path, dump_verdicts(verdicts))


def stamped(verdict: ManualVerdict, *, fingerprint: str, tool: str) -> ManualVerdict:
    """The verdict with what rgaa-audit records itself: what was judged, and by which version."""
    return replace(verdict, fingerprint=fingerprint, tool=tool)
