"""Sobriety checks on web fonts: number of files, and families, variants and weight."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.eco.checks.common import (
    FAILED,
    NO_NETWORK,
    PASSED,
    about,
    kb,
    wire_bytes,
)
from rgaa_audit.eco.checks.facts import (
    eco_facts,
    fact_list,
    fact_text,
)
from rgaa_audit.eco.registry import Verdict, eco_check
from rgaa_audit.eco.resources import (
    type_group,
)
from rgaa_audit.model import Outcome


@eco_check("font-files")
def font_files(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """At most `max_font_files` font files are downloaded."""
    if not doc.snapshot.network:
        return NO_NETWORK
    fonts = [e for e in doc.snapshot.network if type_group(e) == "font" and not e.failed]
    failed = len(fonts) > limits["max_font_files"]
    evidence = tuple(about(e, kb(e.transfer_bytes)) for e in fonts) if failed else ()
    return Verdict(FAILED if failed else PASSED, evidence, {"actual": len(fonts)})


@eco_check("font-budget")
def font_budget(doc: PageDocument, limits: Mapping[str, Any]) -> Verdict:
    """Web fonts stay within `max_families` families and `max_variants` variants, or else
    weigh at most `max_font_bytes` in all (either condition is enough)."""
    files = [e for e in doc.snapshot.network if type_group(e) == "font" and not e.failed]
    facts = eco_facts(doc)
    faces = [f for f in fact_list(facts, "fonts") if isinstance(f, dict)] if facts else []
    if not files and not faces:
        return Verdict(PASSED, (), {"families": 0, "variants": 0, "font_kb": 0,
                                    "max_font_kb": round(limits["max_font_bytes"] / 1000)})
    families = {fact_text(f.get("family"), 100).strip().lower() for f in faces}
    variants = {(fact_text(f.get("family"), 100).strip().lower(), fact_text(f.get("weight"), 20),
                 fact_text(f.get("style"), 20)) for f in faces}
    weight = sum(wire_bytes(e) for e in files)
    values = {"families": len(families), "variants": len(variants),
              "font_kb": round(weight / 1000),
              "max_font_kb": round(limits["max_font_bytes"] / 1000)}
    light = weight <= limits["max_font_bytes"]
    if facts is None:
        return Verdict(PASSED if light else Outcome.CANT_TELL, (), values)
    few = len(families) <= limits["max_families"] and len(variants) <= limits["max_variants"]
    if few or light:
        return Verdict(PASSED, (), values)
    heaviest = sorted(files, key=lambda e: -wire_bytes(e))
    return Verdict(FAILED, tuple(about(e, kb(wire_bytes(e))) for e in heaviest), values)
