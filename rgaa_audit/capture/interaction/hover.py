"""Content shown on hover or focus (10.13): can it be dismissed without moving pointer or focus,
hovered without disappearing, and does it stay until dismissed.

Not written yet: `probe` returns None and the runner records the probe as "absent".
"""

from __future__ import annotations

from typing import Any

from rgaa_audit.capture.interaction.runner import ProbeContext


async def probe(ctx: ProbeContext) -> dict[str, Any] | None:
    """The probe's facts (see runner.py), or None while it is not written."""
    return None
