"""What a check declares, as data: per RGAA test the outcomes it may give, the capture facts
it needs, its caps and thresholds, and whether it reads one page or compares pages.

A check's entry in `criteria/checks/<family>.toml` carries:
- `tests = [...]`: the RGAA tests it serves, in the order its results are listed;
- `decides = { "1.1.1" = ["NC", "C", "NA", "verify"], "1.1.2 1.1.3" = ["NA", "verify"] }`:
  per test (a key may name several tests separated by spaces), the outcomes the check may
  give: "NC" (`ctx.fail`), "C" (`ctx.passed`), "NA" (`ctx.inapplicable`), "verify"
  (`ctx.verify`: a human must judge). Every test of `tests` is declared exactly once;
- `facts = [...]`: the capture facts without which it cannot judge (default `["dom"]`);
- `limits = { ... }`: its caps and thresholds, read by the code through `ctx.limit(name)`;
- `tables.<name> = { <element kind> = "<test>", ... }`: which test speaks of which kind of
  element (a value may list several tests), read through `ctx.table(name)`; in data order;
- `scope = "site"` for the checks that compare pages (default `"page"`).

A check that serves no RGAA test (a sobriety check) is declared by `parse_single_declaration`:
`decides = [...]` lists its outcomes in its own vocabulary, `facts = [...]` is required, and
`when-missing = { <fact> = "<outcome>" }` may say which outcome a missing fact gives instead
of "cannot tell" (say, inapplicable when capture recorded no request).

The runner (`checks.registry`) enforces the declaration and the coverage table
(`checks.coverage`) is computed from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from rgaa_audit.checks.page import PageDocument

NC, C, NA, VERIFY = "NC", "C", "NA", "verify"
OUTCOMES = (NC, C, NA, VERIFY)
SCOPES = ("page", "site")


# Capture facts a check may need, and how to tell whether a page has them.
FACTS: Mapping[str, Callable[[PageDocument], bool]] = MappingProxyType({
    # the rendered DOM, serialised
    "dom": lambda d: bool(d.snapshot.dom_html.strip()),
    # the HTML as the server sent it
    "source-html": lambda d: bool(d.snapshot.served_html.strip()),
    # the browser's annotations on the DOM (visibility, computed names and roles)
    "rendered": lambda d: d.rendered,
    # the rendering probes that ran to the end (`data-ra-probes` on <html>)
    "probes": lambda d: bool((d.root.get("data-ra-probes") or "").split()),
    # the interaction probes ran (capture/interaction; each probe's own status in its facts)
    "interaction": lambda d: isinstance(d.snapshot.collected.get("interaction"), dict),
    # axe-core's results, and the network log
    "axe": lambda d: bool(d.snapshot.axe) and not d.snapshot.axe.get("error"),
    "network": lambda d: bool(d.snapshot.network),
    # the sobriety facts collect.js gathered (`collected["eco"]`)
    "eco": lambda d: isinstance(d.snapshot.collected.get("eco"), dict),
})


class DeclarationError(ValueError):
    """A check's declaration in data is malformed or disagrees with its tests."""


class UndeclaredOutcome(RuntimeError):
    """A check gave an outcome its declaration does not allow for that test."""


@dataclass(frozen=True)
class Declaration:
    """What one check may decide, needs and is bounded by."""

    decides: Mapping[str, frozenset[str]]
    facts: tuple[str, ...] = ("dom",)
    limits: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    scope: str = "page"
    tables: Mapping[str, Mapping[str, Any]] = field(
        default_factory=lambda: MappingProxyType({}))
    # fact -> the outcome its absence gives instead of "cannot tell" (sobriety checks only)
    when_missing: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def allows(self, test: str, outcome: str) -> bool:
        return outcome in self.decides.get(test, frozenset())

    def tests_with(self, outcome: str) -> frozenset[str]:
        """The tests for which this check may give `outcome`."""
        return frozenset(t for t, outcomes in self.decides.items() if outcome in outcomes)

    def missing_facts(self, doc: PageDocument) -> tuple[str, ...]:
        """The needed facts the captured page lacks."""
        return tuple(f for f in self.facts if not FACTS[f](doc))


def _outcomes(where: str, key: str, outcomes: Any, known: tuple[str, ...]) -> frozenset[str]:
    """A non-empty list of known outcomes."""
    if not isinstance(outcomes, list) or not outcomes:
        raise DeclarationError(f"{where}: decides {key!r} needs a non-empty list")
    unknown = set(outcomes) - set(known)
    if unknown:
        raise DeclarationError(f"{where}: unknown outcomes {sorted(unknown)}")
    return frozenset(outcomes)


def _facts(where: str, facts: Any) -> tuple[str, ...]:
    """A list of known capture facts."""
    if not isinstance(facts, list | tuple):
        raise DeclarationError(f"{where}: `facts` must be a list")
    unknown = set(facts) - set(FACTS)
    if unknown:
        raise DeclarationError(f"{where}: unknown facts {sorted(unknown)}")
    return tuple(facts)


def _limits(where: str, limits: Any, name: str = "limits") -> Mapping[str, Any]:
    if not isinstance(limits, Mapping):
        raise DeclarationError(f"{where}: `{name}` must be a table")
    return MappingProxyType(dict(limits))


def parse_declaration(check_id: str, tests: tuple[str, ...], meta: Mapping[str, Any]
                      ) -> Declaration:
    """The declaration of one check from its data entry; DeclarationError when malformed."""
    where = f"check {check_id}"
    raw = meta.get("decides")
    if not isinstance(raw, Mapping) or not raw:
        raise DeclarationError(f"{where}: no `decides` table")
    decides: dict[str, frozenset[str]] = {}
    for key, outcomes in raw.items():
        allowed = _outcomes(where, key, outcomes, OUTCOMES)
        for test in key.split():
            if test in decides:
                raise DeclarationError(f"{where}: test {test} declared twice")
            decides[test] = allowed
    if set(decides) != set(tests):
        extra, missing = set(decides) - set(tests), set(tests) - set(decides)
        raise DeclarationError(f"{where}: decides must name exactly its tests "
                               f"(not in tests: {sorted(extra)}, undeclared: {sorted(missing)})")
    facts = _facts(where, meta.get("facts", ("dom",)))
    scope = meta.get("scope", "page")
    if scope not in SCOPES:
        raise DeclarationError(f"{where}: scope must be one of {SCOPES}")
    limits = _limits(where, meta.get("limits", {}))
    tables = meta.get("tables", {})
    for name, table in tables.items():
        named = [t for value in table.values()
                 for t in ([value] if isinstance(value, str) else value)]
        if not set(named) <= set(tests):
            raise DeclarationError(f"{where}: table {name!r} names tests it does not serve "
                                   f"({sorted(set(named) - set(tests))})")
    return Declaration(MappingProxyType({t: decides[t] for t in tests}), facts, limits, scope,
                       MappingProxyType({k: MappingProxyType(dict(v))
                                         for k, v in tables.items()}))


def parse_single_declaration(check_id: str, meta: Mapping[str, Any],
                             outcomes: tuple[str, ...], limits_key: str = "limits"
                             ) -> Declaration:
    """The declaration of a check that serves no RGAA test: its outcomes (a list, in the
    vocabulary `outcomes`), its facts (required), its limits (under `limits_key`) and what a
    missing fact gives; keyed by the check's own id. DeclarationError when malformed."""
    where = f"check {check_id}"
    if "decides" not in meta:
        raise DeclarationError(f"{where}: no `decides` list")
    decides = _outcomes(where, check_id, meta["decides"], outcomes)
    if "facts" not in meta:
        raise DeclarationError(f"{where}: no `facts` list")
    facts = _facts(where, meta["facts"])
    when_missing = meta.get("when-missing", {})
    if not isinstance(when_missing, Mapping):
        raise DeclarationError(f"{where}: `when-missing` must be a table")
    for fact, outcome in when_missing.items():
        if fact not in facts:
            raise DeclarationError(f"{where}: when-missing names {fact!r}, not in its facts")
        if outcome not in decides:
            raise DeclarationError(f"{where}: when-missing gives {outcome!r}, "
                                   "an outcome it does not declare")
    return Declaration(MappingProxyType({check_id: decides}), facts,
                       _limits(where, meta.get(limits_key, {}), limits_key),
                       when_missing=MappingProxyType(dict(when_missing)))
