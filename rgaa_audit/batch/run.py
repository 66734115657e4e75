"""One batch run: its identity, kept in OUT/batch.json so a killed batch resumes.

A run starts when no unfinished run of the same portfolio is found in the output folder; the
same command started again after a kill (`kill -9` included) finds it and goes on with it:
sites whose folder says done in this run are not audited again, a site interrupted half-way
resumes its crawl (batch/site.py). A finished run is never resumed: running the batch again
audits every site anew, and the history gets a new audit of each (the trend).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

from rgaa_audit.batch.portfolio import Portfolio
from rgaa_audit.batch.site import BatchContext
from rgaa_audit.store.files import write_json_atomic

STATE = "batch.json"


def portfolio_digest(portfolio: Portfolio) -> str:
    """What identifies a portfolio's content (its sites and their settings)."""
    text = json.dumps([s.to_dict() for s in portfolio.sites], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def read_state(out_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((out_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def open_run(out_dir: Path, portfolio: Portfolio, lang: str, db: str | None,
             browser_path: str | None) -> tuple[BatchContext, bool]:
    """The run to work on (an unfinished one of this portfolio, else a new one), and whether
    it is a resumed run."""
    out_dir = out_dir.resolve()
    digest = portfolio_digest(portfolio)
    state = read_state(out_dir)
    resumed = bool(state and not state.get("finished") and state.get("portfolio") == digest
                   and isinstance(state.get("run_id"), str))
    if resumed:
        run_id = str(state["run_id"])  # type: ignore[index]
    else:
        now = dt.datetime.now(dt.UTC)
        run_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"
        write_json_atomic(out_dir / STATE, {
            "run_id": run_id, "portfolio": digest, "source": portfolio.source,
            "started_at": now.isoformat(timespec="seconds"), "finished": False,
            "sites": [s.slug for s in portfolio.sites]})
    return BatchContext(str(out_dir), run_id, lang, db, browser_path), resumed


def close_run(context: BatchContext) -> None:
    """Mark the run finished: the next batch in this folder is a new run."""
    out_dir = Path(context.out_dir)
    state = read_state(out_dir) or {"run_id": context.run_id}
    state.update(finished=True,
                 finished_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    write_json_atomic(out_dir / STATE, state)
