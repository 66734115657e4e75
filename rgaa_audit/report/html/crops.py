"""Evidence crops: the JPEG files of the report folder, inlined as data: URIs under a budget."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

CROP_MAX_BYTES = 200_000
CROPS_TOTAL_MAX = 8_000_000
_CROP_PATH = re.compile(r"^evidence/[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.jpe?g$")


class Crops:
    """Evidence crops read from the report folder and inlined as data: URIs.

    Only `evidence/<name>.jpg` files inside `base_dir`, each up to CROP_MAX_BYTES and starting
    like a JPEG, and no more than CROPS_TOTAL_MAX characters of URIs in the whole report: it
    stays one file of bounded size, and a hostile path in the document reaches no other file.
    """

    def __init__(self, base_dir: str | Path | None) -> None:
        self.base = Path(base_dir).resolve() if base_dir is not None else None
        self.spent = 0
        self.cache: dict[str, str] = {}

    def uri(self, value: Any) -> str:
        if self.base is None or not isinstance(value, str) or not _CROP_PATH.match(value):
            return ""
        if value in self.cache:
            return self._spend(self.cache[value])
        path = (self.base / value).resolve()
        try:
            if path.parent != (self.base / "evidence").resolve() or not path.is_file():
                return ""
            if path.stat().st_size > CROP_MAX_BYTES:
                return ""
            data = path.read_bytes()
        except OSError:
            return ""
        if not data.startswith(b"\xff\xd8\xff"):
            return ""
        self.cache[value] = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
        return self._spend(self.cache[value])

    def _spend(self, uri: str) -> str:
        """The URI while the report's budget for crops allows one more copy, else ""."""
        if self.spent + len(uri) > CROPS_TOTAL_MAX:
            return ""
        self.spent += len(uri)
        return uri


NO_CROPS = Crops(None)
