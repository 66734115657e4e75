"""UI strings of the HTML report and locale-aware number formatting.

The labels are data: the [report] table of `reports/i18n/<lang>.toml`, read through
`rgaa_audit.i18n`; a test checks that French and English hold the same keys with the same
parameters. What stays here is code: number, rate, byte and duration formatting and plurals.
"""

from __future__ import annotations

import math

from rgaa_audit.i18n import LANGUAGES, table

NNBSP = "\u202f"  # narrow no-break space: French thousands separator and before "%"

# The labels live in the [report] table of reports/i18n/<lang>.toml.
STRINGS: dict[str, dict[str, str]] = {lang: table("report", lang) for lang in LANGUAGES}


def strings(lang: str) -> dict[str, str]:
    """The UI strings of `lang`, French when the language is unknown."""
    return STRINGS.get(lang, STRINGS["fr"])


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """12345.6 -> '12 345,6' (fr) or '12,345.6' (en); trailing ',0' dropped."""
    text = f"{value:,.{decimals}f}"
    if decimals and text.endswith("." + "0" * decimals):
        text = text[: -(decimals + 1)]
    if lang == "en":
        return text
    return text.replace(",", NNBSP).replace(".", ",")


def format_rate(value: float, lang: str) -> str:
    """62.5 -> '62,5 %' (fr) or '62.5%' (en)."""
    number = format_number(value, lang, 1)
    return f"{number}%" if lang == "en" else f"{number}{NNBSP}%"


def format_bytes(value: float, lang: str) -> str:
    """1234567 -> '1,2 Mo' (fr) or '1.2 MB' (en), with powers of 1000."""
    units = strings(lang)["bytes_units"].split("|")
    exponent = 0 if value < 1000 else min(int(math.log(value, 1000)), len(units) - 1)
    scaled = value / 1000**exponent
    decimals = 0 if exponent == 0 or scaled >= 100 else 1
    return f"{format_number(scaled, lang, decimals)}\u00a0{units[exponent]}"
