"""A small, silent static file server on 127.0.0.1 for the demo portal and for tests.

`serve_demo()` serves the bundled portal (`site/` next to this module);
`serve_directory(path)` serves any folder. Both are context managers that yield the
base URL (``http://127.0.0.1:PORT/``) of a threaded server on a free port, and stop it
on exit. Text responses are gzip-compressed when the client accepts it, as a real
web server would do, so that eco measurements on the demo are realistic.
"""

from __future__ import annotations

import gzip
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SITE_DIR = Path(__file__).resolve().parent / "site"
HOST = "127.0.0.1"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".webm": "video/webm",
    ".mp4": "video/mp4",
    ".pdf": "application/pdf",
}
COMPRESSIBLE = ("text/", "image/svg+xml", "application/json", "application/xml")
MIN_GZIP_BYTES = 256


def accepts_gzip(header: str | None) -> bool:
    """True when an Accept-Encoding header allows gzip (and does not refuse it with q=0)."""
    for part in (header or "").split(","):
        token, _, params = part.strip().partition(";")
        if token.strip().lower() not in ("gzip", "*"):
            continue
        quality = params.strip().lower()
        if quality.startswith("q="):
            try:
                return float(quality[2:]) > 0
            except ValueError:
                return False
        return True
    return False


class StaticHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of files under one folder, with exact types, gzip and no logging."""

    server_version = "rgaa-audit-demo"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """Stay silent: tests and demos must not spam stderr."""

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def _serve(self, with_body: bool) -> None:
        url_path = urlsplit(self.path).path
        file_path = Path(self.translate_path(self.path))  # drops query, blocks "..", decodes %xx
        if file_path.is_dir():
            if not url_path.endswith("/"):
                self._redirect(url_path + "/")
                return
            file_path = file_path / "index.html"
        if not file_path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return
        body = file_path.read_bytes()
        content_type = CONTENT_TYPES.get(file_path.suffix.lower(), "application/octet-stream")
        compress = (content_type.startswith(COMPRESSIBLE) and len(body) >= MIN_GZIP_BYTES
                    and accepts_gzip(self.headers.get("Accept-Encoding")))
        if compress:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        if content_type.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class QuietServer(ThreadingHTTPServer):
    """A threaded server whose worker threads never block interpreter exit."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore clients that hang up mid-response (browsers cancel requests often)."""


@contextmanager
def serve_directory(path: str | os.PathLike[str]) -> Iterator[str]:
    """Serve the folder `path` on 127.0.0.1, a free port; yield its base URL."""
    root = Path(path).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"not a folder: {root}")
    handler = partial(StaticHandler, directory=str(root))
    server = QuietServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="rgaa-demo-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve_demo() -> Iterator[str]:
    """Serve the bundled demo portal; yield its base URL (the home page is `index.html`)."""
    with serve_directory(SITE_DIR) as base_url:
        yield base_url
