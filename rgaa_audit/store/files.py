"""Writing results to disk so nothing already audited is ever lost.

- `pages.jsonl`: one page result per line, appended and flushed the moment it is decided;
- `report.json`: the whole result document, written at the end, atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

PAGES_LOG = "pages.jsonl"
REPORT_FILE = "report.json"
SCHEMA = "rgaa-audit/report/1"


def _readable_mode() -> int:
    """0o666 less the process umask: what an ordinary open() would have created."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class PagesLog:
    """Append-only log of page results."""

    def __init__(self, out_dir: Path, fresh: bool = True) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / PAGES_LOG
        if fresh and self.path.exists():
            self.path.unlink()

    @staticmethod
    def encode(page: dict[str, Any]) -> str:
        """A page result as one log line (without the newline)."""
        return json.dumps(page, ensure_ascii=False, separators=(",", ":"))

    def append(self, page: dict[str, Any]) -> None:
        self.append_line(self.encode(page))

    def append_line(self, line: str) -> None:
        """Append one already encoded page result, durably."""
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> list[dict[str, Any]]:
        """Every complete line; a half-written last line (after a crash) is skipped."""
        if not self.path.exists():
            return []
        pages = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                pages.append(json.loads(line))
            except json.JSONDecodeError:
                continue
        return pages


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file next to `path`, then rename it into place: the file
    is replaced whole, or left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _readable_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, data: Any) -> None:
    """`write_bytes_atomic` for a JSON document."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def write_text_atomic(path: Path, text: str) -> None:
    """`write_bytes_atomic` for a rendered text file (UTF-8)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def load_report(path: Path) -> dict[str, Any]:
    """Read a report.json (or the folder that holds one)."""
    if path.is_dir():
        path = path / REPORT_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{path}: not an rgaa-audit report (schema {data.get('schema')!r})")
    return data
