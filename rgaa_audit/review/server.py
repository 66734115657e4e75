"""Serving the review app with uvicorn on 127.0.0.1: in the foreground, or in a thread.

The socket is bound before serving, so the URL (with its port, even a random one, and the
token) is known and printed before the first request can arrive.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn
from starlette.types import ASGIApp

HOST = "127.0.0.1"


def bind(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 (port 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    return sock


def app_url(sock: socket.socket, token: str) -> str:
    return f"http://{HOST}:{sock.getsockname()[1]}/{token}/"


def make_server(app: ASGIApp) -> uvicorn.Server:
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config)


def serve(app: ASGIApp, sock: socket.socket) -> None:
    """Serve until interrupted (Ctrl+C)."""
    make_server(app).run(sockets=[sock])


@contextlib.contextmanager
def running(app: ASGIApp, token: str, port: int = 0) -> Iterator[str]:
    """Serve the app in a thread while the block runs; yields its URL."""
    sock = bind(port)
    server = make_server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield app_url(sock, token)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
