"""Keyboard walk: Tab and Shift+Tab through the page with real key events; focus stops, visibility,
traps (12.9) and focus order (12.8).

Not written yet: `probe` returns None and the runner records the probe as "absent".
"""

from __future__ import annotations

from typing import Any

from rgaa_audit.capture.interaction.runner import ProbeContext


async def probe(ctx: ProbeContext) -> dict[str, Any] | None:
    """The probe's facts (see runner.py), or None while it is not written."""
    return None
