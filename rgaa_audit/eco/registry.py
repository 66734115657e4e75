"""The registry of sobriety checks: metadata in criteria/eco/checks.toml, behaviour in code.

A check is a small pure function `(doc, limits) -> Verdict`, registered with
`@eco_check("<id>")`; `limits` are its thresholds from the data file. The runner turns
the verdict into an `EcoCheckResult` with bounded evidence and a message key (`eco.<id>.<outcome>`
of reports/i18n/<lang>.toml) with its parameters, rendered in any language by
`rgaa_audit.i18n.finding_text`.

Each entry declares, like the RGAA checks (`rgaa_audit.checks.declaration`, same parser), the
outcomes it may give (`decides`), the capture facts it reads (`facts`) and what a missing one
gives (`when-missing`, else "cannot tell" with `declarations.missing-facts`, without running the
check). The runner enforces them: an undeclared outcome raises `UndeclaredOutcome` under
`strict` (the tests); in an audit it becomes "cannot tell" with the crash finding.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rgaa_audit import i18n
from rgaa_audit.checks.declaration import Declaration, UndeclaredOutcome, parse_single_declaration
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.model import TEXT_MAX, Outcome, Params, bounded, bounded_params
from rgaa_audit.paths import data_dir
from rgaa_audit.registry import FunctionRegistry
from rgaa_audit.snapshot import PageSnapshot

MAX_EVIDENCE = 20
CRASH_KEY = "errors.check-crashed"  # the message of a check that raised
MISSING_FACTS_KEY = "declarations.missing-facts"  # a page lacks what a check reads
OUTCOMES = tuple(o.value for o in Outcome)  # the vocabulary of `decides`
RGESN_URL = ("https://ecoresponsable.numerique.gouv.fr/publications/"
             "referentiel-general-ecoconception/critere/{id}/")


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
class EcoCheckSpec(i18n.CheckTexts):
    """A sobriety check's metadata (from data) and function (from code)."""

    TEXT_PREFIX = "eco"  # not a field: no annotation
    id: str
    rgesn: tuple[str, ...]
    thresholds: Mapping[str, Any]
    function: EcoCheckFunction
    declaration: Declaration

    @property
    def rgesn_links(self) -> tuple[str, ...]:
        return tuple(RGESN_URL.format(id=rid) for rid in self.rgesn)

    def message_params(self, key: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """The values the message `key` names, thresholds included; '?' for a missing one."""
        names: set[str] = set()
        for lang in i18n.LANGUAGES:
            names |= i18n.parameters(i18n.catalogue(lang).get(self.message_key(key), ""))
        known = {**self.thresholds, **values}
        return {name: known.get(name, "?") for name in sorted(names)}

    def message(self, key: str, lang: str = i18n.DEFAULT_LANGUAGE, **values: Any) -> str:
        if key == "title" or not i18n.has(self.message_key(key)):
            return ""
        return i18n.text(self.message_key(key), lang, **self.message_params(key, values))


@dataclass(frozen=True)
class EcoCheckResult:
    """The outcome of one sobriety check on one page, ready to store."""

    check: str
    outcome: Outcome
    rgesn: tuple[str, ...]
    count: int
    evidence: tuple[Evidence, ...]
    key: str = ""  # "" when the check has no message for its outcome
    params: Params = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", bounded_params(self.params))

    def text(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        return i18n.finding_text(self, lang)

    @property
    def message_fr(self) -> str:
        return self.text("fr")

    @property
    def message_en(self) -> str:
        return self.text("en")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.check,
            "outcome": self.outcome.value,
            "rgesn": list(self.rgesn),
            "count": self.count,
            "evidence": [e.to_dict() for e in self.evidence],
            # The French text, for readers of report.json that predate keys.
            "message": {"fr": self.message_fr},
        }
        if self.key:
            data["key"] = self.key
            data["params"] = dict(self.params)
        return data


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
            rgesn=tuple(meta.get("rgesn", ())),
            thresholds=meta.get("thresholds", {}),
            function=function,
            declaration=parse_single_declaration(check_id, meta, OUTCOMES, "thresholds"),
        ))
    _REGISTRY.refuse_orphans(s.id for s in specs)
    return tuple(specs)


def _cant_tell(spec: EcoCheckSpec, key: str, **params: Any) -> EcoCheckResult:
    return EcoCheckResult(spec.id, Outcome.CANT_TELL, spec.rgesn, 0, (), key, params)


def _verdict(spec: EcoCheckSpec, doc: PageDocument) -> Verdict | EcoCheckResult:
    """The check's verdict, or the result that stands for it when the page lacks a fact."""
    missing = spec.declaration.missing_facts(doc)
    unhandled = [f for f in missing if f not in spec.declaration.when_missing]
    if unhandled:
        return _cant_tell(spec, MISSING_FACTS_KEY, check=spec.id, facts=", ".join(unhandled))
    if missing:
        return Verdict(Outcome(spec.declaration.when_missing[missing[0]]))
    return spec.function(doc, spec.thresholds)


def run_eco_check(spec: EcoCheckSpec, doc: PageDocument, strict: bool = False
                  ) -> EcoCheckResult:
    """Run one check; a check that crashes says 'cant-tell', never 'passed'. A page without
    a fact the check reads gives what its declaration says (else 'cant-tell') without running
    it; an outcome the declaration does not allow raises `UndeclaredOutcome` when `strict`,
    and is otherwise 'cant-tell' with the crash finding."""
    try:
        verdict = _verdict(spec, doc)
        if isinstance(verdict, EcoCheckResult):
            return verdict
        if not spec.declaration.allows(spec.id, verdict.outcome.value):
            raise UndeclaredOutcome(f"eco check {spec.id} gave {verdict.outcome.value}, "
                                    "which its declaration does not allow")
    except Exception as error:  # a broken check must not stop the audit
        if strict and isinstance(error, UndeclaredOutcome):
            raise
        return _cant_tell(spec, CRASH_KEY, check=spec.id, error=type(error).__name__)
    values = {"count": len(verdict.evidence), **verdict.values}
    key = verdict.outcome.value
    known = i18n.has(spec.message_key(key)) and key != "title"
    return EcoCheckResult(
        check=spec.id,
        outcome=verdict.outcome,
        rgesn=spec.rgesn,
        count=values["count"],
        evidence=verdict.evidence[:MAX_EVIDENCE],
        key=spec.message_key(key) if known else "",
        params=spec.message_params(key, values) if known else {},
    )


def run_eco_checks(snapshot: PageSnapshot | PageDocument, strict: bool = False
                   ) -> list[EcoCheckResult]:
    """Every sobriety check on one page (`strict`: an undeclared outcome raises)."""
    doc = snapshot if isinstance(snapshot, PageDocument) else PageDocument(snapshot)
    return [run_eco_check(spec, doc, strict) for spec in eco_check_specs()]
