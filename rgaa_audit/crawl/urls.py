"""URL normalisation and scope: what counts as the same page, and what is in the audit."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
DOCUMENT_EXTENSIONS = (
    ".pdf", ".doc", ".docx", ".odt", ".ods", ".odp", ".xls", ".xlsx", ".ppt", ".pptx", ".rtf",
    ".zip", ".gz", ".tar", ".rar", ".7z", ".csv", ".txt", ".xml", ".json", ".epub",
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico",
    ".mp3", ".mp4", ".webm", ".ogg", ".avi", ".mov", ".exe", ".dmg", ".apk",
)


def normalise(url: str) -> str:
    """Canonical form: lower-case scheme and host, default port dropped, fragment dropped,
    empty path as "/". Trailing slashes are kept: /a and /a/ may be different pages."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the default port made explicit."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)


def same_origin(url: str, reference: str) -> bool:
    return origin(url) == origin(reference)


def is_web(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")


def looks_like_document(url: str) -> bool:
    """True for links whose path ends like a downloadable file (not rendered as a page)."""
    return urlsplit(url).path.lower().endswith(DOCUMENT_EXTENSIONS)
