"""The comparison of two reports (`conclude/diff.py`) as plain text or Markdown.

Both renderings escape and cut all text that comes from the audited site.
"""

from __future__ import annotations

from typing import Any

from rgaa_audit import i18n
from rgaa_audit.model import bounded
from rgaa_audit.report.markdown import esc, rate, render_markdown

MAX_LISTED = 20


def _change(before: Any, after: Any) -> str:
    if isinstance(before, int | float) and isinstance(after, int | float):
        delta = after - before
        return f"{before} → {after} ({'+' if delta >= 0 else ''}{round(delta, 2)})"
    return f"{'—' if before is None else before} → {'—' if after is None else after}"


_KEYS = ("rate", "average", "became_nc", "became_c", "new", "fixed", "open", "eco",
         "transfer_bytes", "requests", "grade", "pages_over_budget", "more", "criteria")


def _texts(lang: str) -> dict[str, str]:
    """The `[diff]` texts in `lang` ("more" keeps its {n} to fill)."""
    return {key: i18n.text(f"diff.{key}", lang) for key in _KEYS}


def _plain(value: Any, limit: int = 120) -> str:
    return bounded(str(value or ""), limit).replace("\n", " ").replace("\r", " ")


def _finding_text(item: dict[str, Any]) -> str:
    parts = [_plain(item.get("test"), 12), _plain(item.get("page") or item.get("url"), 100),
             _plain(item.get("selector"), 100), _plain(item.get("message"), 160)]
    return " ".join(p for p in parts if p)


def render_diff_text(diff: dict[str, Any], lang: str = "fr") -> str:
    """Plain-text comparison, one fact per line."""
    text = _texts(lang)
    lines = [f"{text['rate']} : {_change(diff['rate_before'], diff['rate_after'])}",
             f"{text['average']} : {_change(diff['average_before'], diff['average_after'])}",
             f"{text['became_nc']} : {' '.join(diff['became_nc']) or '—'}",
             f"{text['became_c']} : {' '.join(diff['became_c']) or '—'}",
             f"{text['new']} : {len(diff['new'])} ; {text['fixed']} : {len(diff['fixed'])} ; "
             f"{text['open']} : {diff['still_open']}"]
    for key in ("new", "fixed"):
        for item in diff[key][:MAX_LISTED]:
            lines.append(f"  {'+' if key == 'new' else '-'} {_finding_text(item)}")
        if len(diff[key]) > MAX_LISTED:
            lines.append("  " + text["more"].format(n=len(diff[key]) - MAX_LISTED))
    eco = [f"{text[k]} {_change(diff['eco_before'].get(k), diff['eco_after'].get(k))}"
           for k in ("transfer_bytes", "requests", "grade", "pages_over_budget")]
    lines.append(f"{text['eco']} : " + " ; ".join(eco))
    return "\n".join(lines) + "\n"


def render_diff_markdown(new: dict[str, Any], diff: dict[str, Any], lang: str = "fr") -> str:
    """The Markdown summary of `new` with the comparison, plus criteria and eco changes."""
    text = _texts(lang)
    lines = [render_markdown(new, lang, diff=diff).rstrip("\n"), "", f"### {text['criteria']}",
             "", f"- {text['became_nc']} : {esc(' '.join(diff['became_nc'])) or '—'}",
             f"- {text['became_c']} : {esc(' '.join(diff['became_c'])) or '—'}",
             f"- {text['average']} : {rate(diff['average_before'], lang)} → "
             f"{rate(diff['average_after'], lang)}", "", f"### {text['eco']}", ""]
    for key in ("transfer_bytes", "requests", "grade", "pages_over_budget"):
        lines.append(f"- {text[key]} : "
                     f"{esc(_change(diff['eco_before'].get(key), diff['eco_after'].get(key)))}")
    return "\n".join(lines) + "\n"
