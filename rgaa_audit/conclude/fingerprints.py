"""Finding fingerprints, as the conclusion stage and the renderers import them.

The implementation lives in `rgaa_audit.store.fingerprints` (the history database records the
same fingerprints and the store stage may not import this one).
"""

from __future__ import annotations

from rgaa_audit.store.fingerprints import (
    finding_fingerprint,
    fingerprint,
    id_sort_key,
    normalise_selector,
    page_key,
    report_findings,
    valid_unicode,
)

__all__ = ["finding_fingerprint", "fingerprint", "id_sort_key", "normalise_selector",
           "page_key", "report_findings", "valid_unicode"]
