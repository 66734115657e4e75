"""Recording one stored report.json into the history, idempotently.

The output folder stays the archive unit: everything recorded is read from its report.json.
Identity: one audit per (site, audit_key), where site is the origin of the start address
(scheme://host[:port]) and audit_key is, unless the caller gives its own key (a batch task id),
the SHA-256 of the report's `site.started_at`, `site.start_url` and `site.settings`. The
report's folder is deliberately not part of it: the same folder copied or moved elsewhere and
imported again is the same audit. Recording the same audit again returns the same id; when the
file changed meanwhile (manual verdicts applied, re-rendered), the rows are replaced in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rgaa_audit.store.fingerprints import finding_fingerprint
from rgaa_audit.store.history.db import HistoryError
from rgaa_audit.store.history.models import Audit, Cell, FindingRow, Page, SiteCriterion

SCHEMA_PREFIX = "rgaa-audit/report/"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PROVENANCE = {"automatic": "auto", "manual": "manual", "imported": "imported"}


def site_of(url: str) -> str:
    """The origin of `url`: 'HTTPS://Www.X.fr:443/a' -> 'https://www.x.fr'."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "https").lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    return f"{scheme}://{host}"


def utc(text: Any) -> dt.datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _count(value: Any) -> int:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else 0


def _safe_settings(settings: Any) -> dict[str, Any]:
    """The audit settings, header values hidden (they may carry credentials)."""
    if not isinstance(settings, dict):
        return {}
    safe = dict(settings)
    headers = safe.get("extra_headers")
    if isinstance(headers, dict):
        safe["extra_headers"] = {str(name): "…" for name in headers}
    return safe


def read_report(path: Path) -> tuple[dict[str, Any], str]:
    """The report document at `path` and the SHA-256 of its bytes, or a HistoryError."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise HistoryError("history.bad_report", file=str(path),
                           reason=error.strerror or str(error)) from None
    try:
        report = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HistoryError("history.bad_report", file=str(path), reason=str(error)[:200]) from None
    if (not isinstance(report, dict) or not str(report.get("schema", "")).startswith(SCHEMA_PREFIX)
            or not isinstance(report.get("site"), dict)
            or not isinstance(report.get("summary"), dict)
            or not isinstance(report.get("pages"), list)):
        raise HistoryError("history.not_a_report", file=str(path))
    return report, hashlib.sha256(data).hexdigest()


def audit_identity(report: dict[str, Any]) -> tuple[str, str]:
    """(site, audit_key) of a report document, as described in the module docstring."""
    site = report["site"]
    start = str(site.get("start_url") or "")
    if not start:
        first = next((p for p in report["pages"] if isinstance(p, dict) and p.get("url")), {})
        start = str(first.get("url", ""))
    payload = json.dumps([str(site.get("started_at", "")), start, site.get("settings") or {}],
                         sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return site_of(start), hashlib.sha256(payload.encode("utf-8", "replace")).hexdigest()


def _audit_values(report: dict[str, Any], path: Path, digest: str) -> dict[str, Any]:
    site, summary, tool = report["site"], report["summary"], report.get("tool") or {}
    counts = summary.get("counts") or {}
    eco = summary.get("eco") or {}
    medians = eco.get("medians") or {}
    start = str(site.get("start_url") or "")
    started = utc(site.get("started_at"))
    return {
        "content_digest": digest,
        "started_at": started or dt.datetime(1970, 1, 1),
        "finished_at": utc(site.get("finished_at")),
        "recorded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
        "start_url": start,
        "report_path": str(path.resolve()),
        "lang": str(report.get("lang", ""))[:8],
        "rgaa_version": str(report.get("rgaa_version", ""))[:16],
        "tool_version": str(tool.get("version", ""))[:40],
        "axe_core_version": str(tool.get("axe_core", ""))[:40],
        "browser": str(tool.get("browser", ""))[:120],
        "settings": _safe_settings(site.get("settings")),
        "pages_audited": _count(summary.get("pages_audited")),
        "pages_failed": _count(summary.get("pages_failed")),
        "pages_skipped": _count(summary.get("pages_skipped")),
        "global_rate": _number(summary.get("global_rate")),
        "average_rate": _number(summary.get("average_rate")),
        "conformance": str(summary.get("conformance", ""))[:40],
        "provisional": bool(summary.get("provisional")),
        "decided_criteria": _count(summary.get("decided_criteria")),
        "c_criteria": _count(counts.get("C")),
        "nc_criteria": _count(counts.get("NC")),
        "na_criteria": _count(counts.get("NA")),
        "nt_criteria": _count(counts.get("NT")),
        "ecoindex_median": _number(medians.get("ecoindex")),
        "ecoindex_grade": (str(eco["ecoindex_grade_of_median"])[:2]
                           if eco.get("ecoindex_grade_of_median") else None),
        "transfer_bytes_median": _number(medians.get("transfer_bytes")),
        "requests_median": _number(medians.get("requests")),
        "dom_elements_median": _number(medians.get("dom_elements")),
        "obligations": report.get("obligations") if isinstance(report.get("obligations"),
                                                                dict) else None,
    }


def _page_values(audit_id: int, position: int, page: dict[str, Any]) -> dict[str, Any]:
    eco = page.get("eco") if isinstance(page.get("eco"), dict) else {}
    ecoindex = eco.get("ecoindex") if isinstance(eco.get("ecoindex"), dict) else {}
    http = page.get("http_status")
    transfer = eco.get("transfer_bytes")
    return {"audit_id": audit_id, "position": position, "url": str(page.get("url", "")),
            "final_url": str(page["final_url"]) if page.get("final_url") else None,
            "status": str(page.get("status", ""))[:20],
            "http_status": http if isinstance(http, int) else None,
            "rate": _number(page.get("rate")), "ecoindex": _number(ecoindex.get("score")),
            "transfer_bytes": transfer if isinstance(transfer, int) else None}


def _children(session: Session, audit_id: int, report: dict[str, Any]) -> None:
    pages = [p for p in report["pages"] if isinstance(p, dict)]
    rows = [_page_values(audit_id, i, p) for i, p in enumerate(pages)]
    page_ids: list[int] = []
    if rows:
        page_ids = list(session.scalars(
            insert(Page).returning(Page.id, sort_by_parameter_order=True), rows))
    cells: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for page_id, page in zip(page_ids, pages, strict=True):
        criteria = page.get("criteria") if isinstance(page.get("criteria"), dict) else {}
        url = str(page.get("url", ""))
        for criterion, verdict in criteria.items():
            if not isinstance(verdict, dict):
                continue
            cells.append({"page_id": page_id, "criterion": str(criterion)[:8],
                          "status": str(verdict.get("status", ""))[:2],
                          "provenance": _PROVENANCE.get(str(verdict.get("source", "automatic")),
                                                        "auto")})
            if page.get("status") != "audited":
                continue
            for kind, key in (("failure", "findings"), ("to_verify", "to_verify")):
                for finding in verdict.get(key) or []:
                    if isinstance(finding, dict):
                        findings.append({
                            "audit_id": audit_id, "page_url": url,
                            "criterion": str(criterion)[:8],
                            "test": str(finding.get("test", ""))[:12],
                            "source": str(finding.get("source", ""))[:120], "kind": kind,
                            "fingerprint": finding_fingerprint(url, finding)})
    if cells:
        session.execute(insert(Cell), cells)
    if findings:
        session.execute(insert(FindingRow), findings)
    statuses = report["summary"].get("criteria") or {}
    if isinstance(statuses, dict) and statuses:
        session.execute(insert(SiteCriterion), [
            {"audit_id": audit_id, "criterion": str(c)[:8], "status": str(s)[:2]}
            for c, s in statuses.items()])


def _clear_children(session: Session, audit_id: int) -> None:
    page_ids = select(Page.id).where(Page.audit_id == audit_id).scalar_subquery()
    session.execute(delete(Cell).where(Cell.page_id.in_(page_ids)))
    for table in (Page, FindingRow, SiteCriterion):
        session.execute(delete(table).where(table.audit_id == audit_id))


def record_document(session: Session, report: dict[str, Any], path: Path, digest: str,
                    key: str | None = None) -> int:
    """Record `report` (read from `path`) in the session's database; the audit id."""
    site, audit_key = audit_identity(report)
    if key:
        audit_key = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    values = _audit_values(report, path, digest)
    existing = session.execute(select(Audit.id, Audit.content_digest).where(
        Audit.site == site, Audit.audit_key == audit_key)).first()
    if existing is not None:
        if existing.content_digest == digest:
            return int(existing.id)
        _clear_children(session, existing.id)
        session.query(Audit).filter(Audit.id == existing.id).update(values)
        _children(session, existing.id, report)
        session.commit()
        return int(existing.id)
    try:
        audit_id = session.scalar(insert(Audit).returning(Audit.id).values(
            site=site, audit_key=audit_key, **values))
        assert audit_id is not None
        _children(session, audit_id, report)
        session.commit()
    except IntegrityError:
        # Another worker recorded the same audit meanwhile (a task delivered twice).
        session.rollback()
        again = session.scalar(select(Audit.id).where(Audit.site == site,
                                                      Audit.audit_key == audit_key))
        if again is None:
            raise
        return int(again)
    return int(audit_id)
