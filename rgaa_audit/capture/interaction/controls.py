"""Scripted controls: elements with pointer handlers and a control's look that the keyboard cannot
reach or activate (7.3); menus and disclosures that open on hover or click only.

Not written yet: `probe` returns None and the runner records the probe as "absent".
"""

from __future__ import annotations

from typing import Any

from rgaa_audit.capture.interaction.runner import ProbeContext


async def probe(ctx: ProbeContext) -> dict[str, Any] | None:
    """The probe's facts (see runner.py), or None while it is not written."""
    return None
