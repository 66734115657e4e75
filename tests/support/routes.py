"""A tiny loopback server with scripted routes (status, type, body, delay), for browser tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Route:
    body: bytes | str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()
    require_header: tuple[str, str] | None = None  # (name, value) or 403


@contextmanager
def serve_routes(routes: dict[str, Route], hits: list[str] | None = None) -> Iterator[str]:
    """Serve `routes` (path -> Route) on 127.0.0.1; unknown paths give 404. Yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if hits is not None:
                hits.append(self.path)
            route = routes.get(path, Route("<!doctype html><title>404</title>", 404))
            if route.require_header and self.headers.get(route.require_header[0]) != \
                    route.require_header[1]:
                route = Route("<!doctype html><title>403</title>", 403)
            if route.delay:
                time.sleep(route.delay)
            body = route.body.encode() if isinstance(route.body, str) else route.body
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in route.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
