"""Labels the reports give a criterion or a test: own-words title, summary, official link.

They come from the criteria table when it is there; without it (missing or being written) every
renderer degrades the same way: the bare id and the anchor on the official method page.
"""

from __future__ import annotations

from rgaa_audit.referential import (
    OFFICIAL_BASE,
    Criterion,
    Referential,
    criterion_of,
    load_referential,
)


def safe_referential() -> Referential | None:
    """The criteria table, or None while it is missing or broken."""
    try:
        return load_referential()
    except (OSError, ValueError, KeyError, TypeError):
        return None


def known_criterion(criterion_id: str) -> Criterion | None:
    referential = safe_referential()
    return referential.criteria.get(criterion_id) if referential else None


def official_url(criterion_id: str, criterion: Criterion | None = None) -> str:
    """Official page of a criterion (the anchor on the official method page without one)."""
    return (criterion.url if criterion else "") or f"{OFFICIAL_BASE}#{criterion_id}"


def criterion_title(criterion_id: str, lang: str = "fr") -> str:
    """Own-words title of a criterion, or "" when the criteria table does not have it."""
    criterion = known_criterion(criterion_id)
    return criterion.title(lang) if criterion else ""


def criterion_url(criterion_id: str) -> str:
    """Official page of a criterion, from the table when it has it."""
    return official_url(criterion_id, known_criterion(criterion_id))


def test_summary(test_id: str, lang: str = "fr") -> str:
    """Own-words summary of a test, or "" when the criteria table does not have it."""
    criterion = known_criterion(criterion_of(test_id))
    for test in criterion.tests if criterion else ():
        if test.id == test_id:
            return test.summary_en if lang == "en" and test.summary_en else test.summary_fr
    return ""
