"""Finding messages: how the message stored with a finding becomes the text the report shows.

Page and site findings store one text; sobriety checks store one text per language. Either way
the text shown is cleaned and cut to MESSAGE_MAX.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rgaa_audit.report.html.sanitise import MESSAGE_MAX, cut


def finding_message(finding: Mapping[str, Any]) -> str:
    """The message of a page or site finding, bounded."""
    return cut(finding.get("message"), MESSAGE_MAX)


def eco_message(message: Any, lang: str) -> str:
    """The message of a sobriety check in `lang` (French when that language is missing)."""
    if isinstance(message, Mapping):
        message = message.get(lang) or message.get("fr")
    return cut(message, MESSAGE_MAX)
