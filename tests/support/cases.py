"""Reading the TOML case files that drive the per-check tests (RGAA and eco alike)."""

from __future__ import annotations

import tomllib
from pathlib import Path


def load_cases(folder: Path) -> list[dict]:
    """Every `[[case]]` of every TOML file in `folder`, tagged with its file name."""
    cases = []
    for path in sorted(folder.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            cases.append({**case, "file": path.name})
    return cases
