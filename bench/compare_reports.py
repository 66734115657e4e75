"""Compare two rgaa-audit `report.json` files: same verdicts, same findings, same figures?

Used to prove that a restructuring changed no behaviour: run the demo before and after, then
`python bench/compare_reports.py before/report.json after/report.json`. Everything is compared
except what differs between two runs of the same code: timestamps, durations, the random port
of the local server (URLs are compared by path), memory and timing figures. Findings are
compared as multisets (order within a criterion does not matter). Prints one line per
difference and exits 1 if there is any, 0 otherwise.

Known run-to-run noise: Chromium sometimes requests the demo's favicon before the capture
ends, sometimes after, which moves that page's eco figures by one request; compare verdicts
alone with `--ignore '*.eco.*' --ignore 'summary.eco.*'`.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

# Keys whose values legitimately change from one run to the next, and the pages' fingerprints
# (hashes of their content for manual verdicts, tested on their own in test_page_fingerprints).
VOLATILE = re.compile(r"(^|_)(at|seconds|duration|elapsed|ms|mb|rss|pss|timings?|id|crops?"
                      r"|fingerprints)$")
ORIGIN = re.compile(r"https?://(127\.0\.0\.1|localhost):\d+")
FINDING_LISTS = {"findings", "to_verify", "site_findings", "evidence"}


def normalise(value: Any, *, messages: bool, keys: bool = True) -> Any:
    """The report with run-dependent parts removed and lists of findings made order-free."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if VOLATILE.search(key) or (not messages and key in {"message", "key", "params"}):
                continue
            if not keys and key in {"key", "params"}:
                continue
            item = normalise(item, messages=messages, keys=keys)
            if key in FINDING_LISTS and isinstance(item, list):
                item = sorted(json.dumps(i, sort_keys=True) for i in item)
            out[ORIGIN.sub("ORIGIN", key)] = item
        return out
    if isinstance(value, list):
        return [normalise(v, messages=messages, keys=keys) for v in value]
    if isinstance(value, str):
        return ORIGIN.sub("ORIGIN", value)
    return value


def differences(before: Any, after: Any, path: str = "") -> list[str]:
    """Human-readable differences between two normalised values."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for key in sorted(set(before) | set(after)):
            where = f"{path}.{key}" if path else key
            if key not in after:
                out.append(f"{where}: only before")
            elif key not in before:
                out.append(f"{where}: only after")
            else:
                out.extend(differences(before[key], after[key], where))
        return out
    if isinstance(before, list) and isinstance(after, list):
        if all(isinstance(v, str) for v in before + after) and before != after:
            gone, new = Counter(before) - Counter(after), Counter(after) - Counter(before)
            return ([f"{path}: only before {g}" for g in gone]
                    + [f"{path}: only after {n}" for n in new])
        if len(before) != len(after):
            return [f"{path}: {len(before)} items before, {len(after)} after"]
        out = []
        for index, (b, a) in enumerate(zip(before, after, strict=True)):
            out.extend(differences(b, a, f"{path}[{index}]"))
        return out
    return [] if before == after else [f"{path}: {before!r} -> {after!r}"]


def pages_by_path(report: dict[str, Any]) -> dict[str, Any]:
    """Pages keyed by their normalised URL, so crawl order does not matter."""
    report = dict(report)
    report["pages"] = {page.get("url", ""): page for page in report.get("pages", [])}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--ignore-messages", action="store_true",
                        help="do not compare finding texts (message, key, params)")
    parser.add_argument("--ignore-keys", action="store_true",
                        help="compare finding texts but not their message keys and parameters "
                             "(a report from before findings carried keys)")
    parser.add_argument("--ignore", action="append", default=[], metavar="PATTERN",
                        help="leave out differences whose dotted path matches this shell "
                             "pattern, e.g. '*.eco.*' (repeatable)")
    args = parser.parse_args(argv)
    reports = []
    for path in (args.before, args.after):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read a report: {error}", file=sys.stderr)
            return 2
        reports.append(normalise(pages_by_path(data), messages=not args.ignore_messages,
                                 keys=not args.ignore_keys))
    found = [d for d in differences(*reports)
             if not any(fnmatch.fnmatchcase(d.split(':')[0], p) for p in args.ignore)]
    for line in found:
        print(line)
    print(f"{len(found)} difference(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
