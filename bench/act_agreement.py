"""Audit the W3C ACT Rules test cases and write docs/act-agreement.md.

Usage: .venv/bin/python bench/act_agreement.py [--update-baseline] [--corpus DIR]
The corpus is the local copy in ../shared/act-rules (next to the checkout) by default.
With --update-baseline, tests/act_baseline.toml is rewritten with the agreement reached.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rgaa_audit.act import (  # noqa: E402
    agreement,
    agreement_markdown,
    cases_to_run,
    load_corpus,
    load_mapping,
    mapped_rules,
    run_cases,
    write_baseline,
)
from rgaa_audit.capture.browser import find_browser  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "act-rules"
BASELINE = REPO / "tests" / "act_baseline.toml"
DOC = REPO / "docs" / "act-agreement.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--update-baseline", action="store_true")
    parser.add_argument("--output", type=Path, default=DOC)
    args = parser.parse_args(argv)
    if not (args.corpus / "testcases.json").is_file():
        print(f"no ACT corpus in {args.corpus}", file=sys.stderr)
        return 2
    rules_data, cases = load_corpus(args.corpus)
    mapping = load_mapping()
    rules = mapped_rules(rules_data, mapping)
    runnable = cases_to_run(cases, rules)
    started = time.monotonic()
    pages = run_cases(find_browser(), args.corpus, runnable)
    elapsed = time.monotonic() - started
    table = agreement(rules, cases, pages, mapping)
    note = (f"{len(runnable)} cases of {len(rules)} ACT rules audited "
            f"(corpus: W3C wcag-act-rules, as listed in shared/act-rules/SOURCE.txt).")
    args.output.write_text(agreement_markdown(table, note), encoding="utf-8")
    if args.update_baseline:
        write_baseline(BASELINE, table)
    found = sum(r.failed_found for r in table)
    total = sum(r.failed_total for r in table)
    false_nc = sum(len(r.false_nc) for r in table)
    print(f"{len(runnable)} cases in {elapsed:.0f} s: failed found {found}/{total}, "
          f"false NC {false_nc}; wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
