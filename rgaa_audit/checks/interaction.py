"""Reading the interaction probes' facts (capture/interaction) from a page's snapshot.

`collected["interaction"]["probes"][name]` holds one probe's facts with its status; a check
decides from a probe only when it is "done" (the budget did not run out, nothing failed) and
says nothing otherwise: cannot tell. Elements are referred to by the `data-ra-x` index
mark.js gave them before the DOM was serialised; `marked` finds them in the DOM checks read.
"""

from __future__ import annotations

from typing import Any

from lxml.html import HtmlElement

from rgaa_audit.checks.page import PageDocument


def interaction(doc: PageDocument) -> dict[str, Any] | None:
    """The interaction facts of the page, if the probes ran."""
    facts = doc.snapshot.collected.get("interaction")
    return facts if isinstance(facts, dict) else None


def probe_facts(doc: PageDocument, name: str) -> dict[str, Any] | None:
    """The facts of probe `name` when it ran to its end; None when it did not run, ran out of
    time or failed (a check then decides nothing from it)."""
    facts = interaction(doc)
    probe = ((facts or {}).get("probes") or {}).get(name)
    if not isinstance(probe, dict) or probe.get("status") != "done":
        return None
    return probe


def marked(doc: PageDocument, index: Any) -> HtmlElement | None:
    """The element mark.js gave index `index`, if the serialised DOM has it."""
    try:
        number = int(index)
    except (TypeError, ValueError):
        return None
    found = doc.select(f'//*[@data-ra-x="{number}"]')
    return found[0] if found else None
