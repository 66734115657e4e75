"""Decoding served HTML: response charset, then byte-order mark or <meta charset>, else UTF-8."""

from __future__ import annotations

import codecs
import re

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(body: bytes, content_type: str = "") -> str:
    """Served HTML as text: the charset of the Content-Type header, else a byte-order mark or
    the `<meta charset>` of the first 4 KiB, else UTF-8; undecodable bytes are replaced.
    A `<meta>` naming UTF-16 means UTF-8, as in the HTML standard."""
    header = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.I)
    encoding = _codec(header.group(1) if header else None)
    if encoding is None:
        for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
            if body.startswith(bom):
                encoding = name
                break
    if encoding is None:
        meta = META_CHARSET.search(body[:4096])
        encoding = _codec(meta.group(1).decode("ascii") if meta else None)
        if encoding and encoding.startswith("utf-16"):
            encoding = "utf-8"
    return body.decode(encoding or "utf-8", errors="replace")
