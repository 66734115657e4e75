"""The public result model: frozen dataclasses, each with `to_dict` / `from_dict`.

Stages pass these values forward; renderers read their dict form from report.json.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SNIPPET_MAX = 500
TEXT_MAX = 300
URL_MAX = 2000
MESSAGE_MAX = 1000
PARAMS_MAX = 12  # parameters kept per finding
PARAM_MAX = 1000  # characters kept per text parameter (site text is untrusted)
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")

ParamValue = str | int | float
Params = tuple[tuple[str, ParamValue], ...]


def bounded(text: str | None, limit: int = TEXT_MAX) -> str:
    """Cut untrusted text taken from a site to `limit` characters (ellipsis added)."""
    if not text:
        return ""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bounded_params(values: Mapping[str, Any] | Params | None) -> Params:
    """A finding's message parameters, bounded: at most PARAMS_MAX, each name a short
    identifier, each value an int, a finite float or a text of at most PARAM_MAX characters
    (anything else becomes its bounded text)."""
    items = values.items() if isinstance(values, Mapping) else (values or ())
    kept: list[tuple[str, ParamValue]] = []
    for item in items:
        if len(kept) == PARAMS_MAX:
            break
        if not (isinstance(item, tuple) and len(item) == 2):
            continue
        name, value = item
        if not isinstance(name, str) or not _PARAM_NAME.fullmatch(name):
            continue
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            value = bounded(str(value), PARAM_MAX)
        elif isinstance(value, float) and not math.isfinite(value):
            value = str(value)
        elif isinstance(value, str):
            value = bounded(value, PARAM_MAX)
        kept.append((name, value))
    return tuple(kept)


class LoginError(ValueError):
    """The login script is invalid or could not be played (message free of secrets).

    Shared by the crawl, which reads the script, and capture, which plays it in a tab."""


class Status(StrEnum):
    """RGAA status of a test or criterion: C, NC, NA (not applicable), NT (not tested)."""

    C = "C"
    NC = "NC"
    NA = "NA"
    NT = "NT"


class Outcome(StrEnum):
    """What one check said about one RGAA test on one page (axe-core's four outcomes)."""

    PASSED = "passed"
    FAILED = "failed"
    CANT_TELL = "cant-tell"  # a human must look (axe "incomplete")
    INAPPLICABLE = "inapplicable"


class PageStatus(StrEnum):
    """How the audit of one URL ended."""

    AUDITED = "audited"
    HTTP_ERROR = "http-error"
    TIMEOUT = "timeout"
    NOT_HTML = "not-html"
    CRASHED = "crashed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Finding:
    """One element a check flagged: a failure (evidence of NC) or an item a human must verify."""

    test: str
    selector: str
    snippet: str
    message: str
    source: str  # "axe:<rule-id>" or "rgaa-audit:<check-id>"
    kind: str = "failure"  # "failure" | "to-verify"
    # The message as data: its i18n key ("check.<id>.<key>", "axe.<rule>"...) and parameters,
    # rendered in the reader's language by rgaa_audit.i18n.finding_text. `message` keeps the
    # French text for readers of report.json that predate keys; "" for such old findings.
    key: str = ""
    params: Params = ()
    # The id of the condition of the test this failure reports (criteria/conditions/*.toml,
    # set by the check runner from the message key); "" when none is recorded.
    condition: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "snippet", bounded(self.snippet, SNIPPET_MAX))
        object.__setattr__(self, "selector", bounded(self.selector, TEXT_MAX))
        object.__setattr__(self, "message", bounded(self.message, MESSAGE_MAX))
        object.__setattr__(self, "key", bounded(self.key, TEXT_MAX))
        object.__setattr__(self, "params", bounded_params(self.params))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "test": self.test,
            "selector": self.selector,
            "snippet": self.snippet,
            "message": self.message,
            "source": self.source,
            "kind": self.kind,
        }
        if self.key:
            data["key"] = self.key
            data["params"] = dict(self.params)
        if self.condition:
            data["condition"] = self.condition
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        key = data.get("key")
        params = data.get("params")
        return cls(
            test=data["test"],
            selector=data.get("selector", ""),
            snippet=data.get("snippet", ""),
            message=data.get("message", ""),
            source=data.get("source", ""),
            kind=data.get("kind", "failure"),
            key=key if isinstance(key, str) else "",
            params=bounded_params(params if isinstance(params, Mapping) else None),
            condition=bounded(data["condition"], TEXT_MAX)
            if isinstance(data.get("condition"), str) else "",
        )


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check (own or axe rule) for one RGAA test on one page."""

    source: str
    test: str
    outcome: Outcome
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class CriterionVerdict:
    """A criterion on one page: its status, its tests' statuses, and the evidence."""

    criterion: str
    status: Status
    tests: dict[str, Status]
    findings: tuple[Finding, ...] = ()
    to_verify: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "tests": {test: status.value for test, status in self.tests.items()},
            "findings": [f.to_dict() for f in self.findings],
            "to_verify": [f.to_dict() for f in self.to_verify],
        }

    @classmethod
    def from_dict(cls, criterion: str, data: dict[str, Any]) -> CriterionVerdict:
        return cls(
            criterion=criterion,
            status=Status(data["status"]),
            tests={test: Status(s) for test, s in data.get("tests", {}).items()},
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", [])),
            to_verify=tuple(Finding.from_dict(f) for f in data.get("to_verify", [])),
        )


@dataclass(frozen=True)
class EcoMetrics:
    """Sobriety figures of one page, measured on a first visit (empty HTTP cache)."""

    requests: int = 0
    transfer_bytes: int = 0
    decoded_bytes: int = 0
    dom_elements: int = 0
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "requests": self.requests,
            "transfer_bytes": self.transfer_bytes,
            "decoded_bytes": self.decoded_bytes,
            "dom_elements": self.dom_elements,
            "by_type": self.by_type,
        }
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> EcoMetrics | None:
        if data is None:
            return None
        known = {"requests", "transfer_bytes", "decoded_bytes", "dom_elements", "by_type"}
        return cls(
            requests=data.get("requests", 0),
            transfer_bytes=data.get("transfer_bytes", 0),
            decoded_bytes=data.get("decoded_bytes", 0),
            dom_elements=data.get("dom_elements", 0),
            by_type=data.get("by_type", {}),
            extra={k: v for k, v in data.items() if k not in known},
        )


@dataclass(frozen=True)
class PageResult:
    """Everything decided about one URL. `criteria` is empty unless the page was audited."""

    url: str
    final_url: str
    status: PageStatus
    http_status: int | None = None
    error: str | None = None
    title: str = ""
    rate: float | None = None
    criteria: dict[str, CriterionVerdict] = field(default_factory=dict)
    eco: EcoMetrics | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "url": bounded(self.url, URL_MAX),
            "final_url": bounded(self.final_url, URL_MAX),
            "status": self.status.value,
            "http_status": self.http_status,
            "error": bounded(self.error, TEXT_MAX) if self.error else None,
            "title": bounded(self.title),
            "rate": self.rate,
            "criteria": {cid: v.to_dict() for cid, v in self.criteria.items()},
            "eco": self.eco.to_dict() if self.eco else None,
        }
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageResult:
        known = {"url", "final_url", "status", "http_status", "error", "title", "rate",
                 "criteria", "eco"}
        return cls(
            url=data["url"],
            final_url=data.get("final_url") or data["url"],
            status=PageStatus(data["status"]),
            http_status=data.get("http_status"),
            error=data.get("error"),
            title=data.get("title") or "",
            rate=data.get("rate"),
            criteria={
                cid: CriterionVerdict.from_dict(cid, v)
                for cid, v in (data.get("criteria") or {}).items()
            },
            eco=EcoMetrics.from_dict(data.get("eco")),
            extra={k: v for k, v in data.items() if k not in known},
        )
