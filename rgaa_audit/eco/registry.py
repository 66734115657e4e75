"""The registry of sobriety checks: metadata in criteria/eco/checks.toml, behaviour in code.

A check is a small pure function `(doc, limits) -> Verdict`, registered with
`@eco_check("<id>")`; `limits` are its thresholds from the data file. The runner turns
the verdict into an `EcoCheckResult` with bounded evidence and messages in both languages.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.model import TEXT_MAX, Outcome, bounded
from rgaa_audit.paths import data_dir
from rgaa_audit.registry import FunctionRegistry
from rgaa_audit.snapshot import PageSnapshot

MAX_EVIDENCE = 20
RGESN_URL = ("https://ecoresponsable.numerique.gouv.fr/publications/"
             "referentiel-general-ecoconception/critere/{id}/")


class _OrUnknown(dict):
    """Message values where a missing name shows as '?' instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"


_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Evidence:
    """One resource or element a check points to: a URL or selector, and a short detail."""

    target: str
    detail: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "target", bounded(self.target, TEXT_MAX))
        object.__setattr__(self, "detail", bounded(self.detail, TEXT_MAX))

    def to_dict(self) -> dict[str, str]:
        return {"target": self.target, "detail": self.detail}


@dataclass(frozen=True)
class Verdict:
    """What a check function decided: outcome, evidence, numbers for the message."""

    outcome: Outcome
    evidence: tuple[Evidence, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)


EcoCheckFunction = Callable[[PageDocument, Mapping[str, Any]], Verdict]
_REGISTRY: FunctionRegistry[EcoCheckFunction] = FunctionRegistry("eco check")
eco_check = _REGISTRY.register  # @eco_check("<id>"): register under its metadata id


@dataclass(frozen=True)
class EcoCheckSpec:
    """A sobriety check's metadata (from data) and function (from code)."""

    id: str
    title_fr: str
    title_en: str
    rgesn: tuple[str, ...]
    thresholds: Mapping[str, Any]
    messages: Mapping[str, Mapping[str, str]]
    function: EcoCheckFunction

    @property
    def rgesn_links(self) -> tuple[str, ...]:
        return tuple(RGESN_URL.format(id=rid) for rid in self.rgesn)

    def message(self, key: str, lang: str = "fr", **values: Any) -> str:
        texts = self.messages.get(key)
        if texts is None:
            return ""
        template = texts.get(lang) or texts["fr"]
        return _FORMATTER.vformat(template, (), _OrUnknown({**self.thresholds, **values}))


@dataclass(frozen=True)
class EcoCheckResult:
    """The outcome of one sobriety check on one page, ready to store."""

    check: str
    outcome: Outcome
    rgesn: tuple[str, ...]
    count: int
    evidence: tuple[Evidence, ...]
    message_fr: str
    message_en: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.check,
            "outcome": self.outcome.value,
            "rgesn": list(self.rgesn),
            "count": self.count,
            "evidence": [e.to_dict() for e in self.evidence],
            "message": {"fr": self.message_fr, "en": self.message_en},
        }


@cache
def eco_check_specs() -> tuple[EcoCheckSpec, ...]:
    """Every sobriety check, in data-file order."""
    path = data_dir("criteria") / "eco" / "checks.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    specs = []
    for check_id, meta in data.items():
        function = _REGISTRY.function(check_id, "criteria/eco/checks.toml")
        specs.append(EcoCheckSpec(
            id=check_id,
            title_fr=meta["title_fr"],
            title_en=meta["title_en"],
            rgesn=tuple(meta.get("rgesn", ())),
            thresholds=meta.get("thresholds", {}),
            messages=meta.get("messages", {}),
            function=function,
        ))
    _REGISTRY.refuse_orphans(s.id for s in specs)
    return tuple(specs)


def run_eco_check(spec: EcoCheckSpec, doc: PageDocument) -> EcoCheckResult:
    """Run one check; a check that crashes says 'cant-tell', never 'passed'."""
    try:
        verdict = spec.function(doc, spec.thresholds)
    except Exception as error:  # a broken check must not stop the audit
        reason = f"{type(error).__name__}"
        return EcoCheckResult(spec.id, Outcome.CANT_TELL, spec.rgesn, 0, (),
                              f"erreur interne du contrôle {spec.id} : {reason}",
                              f"internal error in check {spec.id}: {reason}")
    values = {"count": len(verdict.evidence), **verdict.values}
    key = verdict.outcome.value
    return EcoCheckResult(
        check=spec.id,
        outcome=verdict.outcome,
        rgesn=spec.rgesn,
        count=values["count"],
        evidence=verdict.evidence[:MAX_EVIDENCE],
        message_fr=spec.message(key, "fr", **values),
        message_en=spec.message(key, "en", **values),
    )


def run_eco_checks(snapshot: PageSnapshot | PageDocument) -> list[EcoCheckResult]:
    """Every sobriety check on one page."""
    doc = snapshot if isinstance(snapshot, PageDocument) else PageDocument(snapshot)
    return [run_eco_check(spec, doc) for spec in eco_check_specs()]
