"""What the sobriety checks share: outcomes, evidence about a request, sizes, verdicts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rgaa_audit.eco.registry import Evidence, Verdict
from rgaa_audit.model import Outcome
from rgaa_audit.snapshot import NetworkEntry

PASSED = Outcome.PASSED
FAILED = Outcome.FAILED
NO_NETWORK = Verdict(Outcome.INAPPLICABLE)


def succeeded(entry: NetworkEntry) -> bool:
    return not entry.failed and entry.status is not None and 200 <= entry.status < 300


def wire_bytes(entry: NetworkEntry) -> int:
    return entry.transfer_bytes or entry.decoded_bytes


def about(entry: NetworkEntry, detail: str) -> Evidence:
    return Evidence(entry.url, detail)


def verdict_of(failures: Iterable[Evidence], **values: Any) -> Verdict:
    """Failed with the evidence when there is any, else passed."""
    evidence = tuple(failures)
    return Verdict(FAILED if evidence else PASSED, evidence, values)


def kb(size: int) -> str:
    return f"{size / 1000:.1f} kB"
