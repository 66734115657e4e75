"""Motion and time: moving, blinking or auto-updating content lasting more than 5 s without a
control (13.8), content that changes without user action (13.7), single-character shortcuts
(12.10).

Not written yet: `probe` returns None and the runner records the probe as "absent".
"""

from __future__ import annotations

from typing import Any

from rgaa_audit.capture.interaction.runner import ProbeContext


async def probe(ctx: ProbeContext) -> dict[str, Any] | None:
    """The probe's facts (see runner.py), or None while it is not written."""
    return None
