"""Former home of the coverage table, now `rgaa_audit.checks.coverage` (kept for old imports)."""

from rgaa_audit.checks.coverage import *  # noqa: F403
from rgaa_audit.checks.coverage import coverage_rows  # noqa: F401  (tests/test_act_corpus.py)
