"""Finding messages: how a stored finding becomes the text the report shows.

Page and site findings store a message key and its parameters, rendered in the report's
language by `rgaa_audit.i18n.finding_text`, and so do sobriety check results; a finding without
key, from a schema-1 report, shows its stored text. Either way the text shown is cleaned and
cut to MESSAGE_MAX.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rgaa_audit.checks.conditions import condition
from rgaa_audit.i18n import DEFAULT_LANGUAGE, finding_text, table
from rgaa_audit.report.html.sanitise import MESSAGE_MAX, cut


def finding_message(finding: Mapping[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    """The message of a page or site finding in `lang`, bounded."""
    return cut(finding_text(finding, lang), MESSAGE_MAX)


def condition_line(finding: Mapping[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    """"Condition not met: <its text>" for a failure naming a known condition of its test
    (criteria/conditions), in `lang`; "" otherwise (older reports, items to verify)."""
    test, condition_id = finding.get("test"), finding.get("condition")
    if (finding.get("kind", "failure") != "failure" or not isinstance(test, str)
            or not isinstance(condition_id, str) or not condition_id):
        return ""
    found = condition(test, condition_id)
    if found is None:
        return ""
    sep = ": " if lang == "en" else " : "
    return cut(f"{table('conditions', lang)['failed_condition']}{sep}{found.text(lang)}",
               MESSAGE_MAX)


def eco_message(check: Mapping[str, Any], lang: str) -> str:
    """The message of a sobriety check in `lang`, bounded (schema-1 reports stored one text
    per language: the one in `lang`, else French)."""
    return cut(finding_text(check, lang), MESSAGE_MAX)
