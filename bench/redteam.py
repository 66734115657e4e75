"""Red-team measurement: runs rgaa-audit on tests/redteam/pages and compares with expected.toml.

    .venv/bin/python bench/redteam.py [--out redteam-results.json] [--only SUBSTRING]

All pages go to one `cli.py page` call (one browser, reused). Exit 0 unless the tool crashes.
Wrong verdicts: false C (C on a failing page), false NA (NA where the content exists or the page
fails), false NC (NC on a passing / not-applicable page). Missed NC: NT on a failing page.
"""
import argparse
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RT = ROOT / "tests" / "redteam"


def classify(expected, got, acceptable):
    if got == expected:
        return "ok"
    if got in acceptable:
        return "missed-nc" if (expected == "NC" and got == "NT") else "ok-acceptable"
    if got == "NT":
        return "missed-nc" if expected == "NC" else "ok-acceptable"
    if got == "C":
        return "false-C"
    if got == "NA":
        return "false-NA"
    if got == "NC":
        return "false-NC"
    return "other"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="redteam-results.json")
    ap.add_argument("--only", default="")
    ap.add_argument("--page-timeout", default="30")
    a = ap.parse_args()
    exp = tomllib.loads((RT / "expected.toml").read_text(encoding="utf-8"))["page"]
    exp = [e for e in exp if a.only in e["file"]]
    files = sorted({e["file"] for e in exp})
    paths = [str(RT / "pages" / f) for f in files]
    cmd = [sys.executable, str(ROOT / "cli.py"), "page", *paths, "--format", "json",
           "--concurrency", "2", "--page-timeout", a.page_timeout, "--exit-zero"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    try:
        results = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(proc.stderr[-4000:])
        print("rgaa-audit crashed (no JSON on stdout), exit", proc.returncode)
        return 2
    by_file = {}
    for r in results:
        by_file[Path(r.get("url", "")).name] = r
    rows, counts = [], {}
    for e in exp:
        r = by_file.get(e["file"])
        crit = ".".join(e["test"].split(".")[:2])
        if r is None or r.get("status") != "audited":
            got, cst = "missing:" + (r.get("status") if r else "none"), "-"
        else:
            c = r["criteria"].get(crit, {})
            got, cst = c.get("tests", {}).get(e["test"], "?"), c.get("status", "?")
        verdict = classify(e["status"], got, e.get("acceptable", []))
        counts[verdict] = counts.get(verdict, 0) + 1
        rows.append({"file": e["file"], "test": e["test"], "expected": e["status"], "got": got,
                     "criterion": crit, "criterion_status": cst, "verdict": verdict, "reason": e["reason"],
                     "batch": e.get("batch", "s1")})
    w = max(len(r["file"]) for r in rows)
    print(f"{'page':<{w}}  test    exp got  crit  verdict")
    for r in rows:
        mark = "" if r["verdict"].startswith("ok") else "  <--"
        print(f"{r['file']:<{w}}  {r['test']:<7} {r['expected']:<3} {r['got']:<4} {r['criterion_status']:<5} {r['verdict']}{mark}")
    failing = [r for r in rows if r["expected"] == "NC"]
    found = [r for r in failing if r["got"] == "NC"]
    totals = {
        "expectations": len(rows), "pages": len(files),
        "false_C": counts.get("false-C", 0), "false_NA": counts.get("false-NA", 0),
        "false_NC": counts.get("false-NC", 0), "missed_NC": counts.get("missed-nc", 0),
        "failing_expectations": len(failing), "nc_found": len(found),
        "recall": round(len(found) / len(failing), 3) if failing else None,
        "ok": counts.get("ok", 0), "ok_acceptable": counts.get("ok-acceptable", 0),
        "other": counts.get("other", 0),
    }
    by_batch = {}
    for b in sorted({r["batch"] for r in rows}):
        fb = [r for r in failing if r["batch"] == b]
        nb = [r for r in fb if r["got"] == "NC"]
        by_batch[b] = {"failing_expectations": len(fb), "nc_found": len(nb),
                       "recall": round(len(nb) / len(fb), 3) if fb else None}
    totals["by_batch"] = by_batch
    print("\n" + "  ".join(f"{k}={v}" for k, v in totals.items()))
    Path(a.out).write_text(json.dumps({"totals": totals, "rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    print("written", a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
