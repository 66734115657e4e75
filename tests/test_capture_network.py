"""Network completeness and DOM counts with a real Chromium: iframes (same-origin and
out-of-process) count, byte totals match what the servers sent, both eco protocols."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from rgaa_audit.pipeline import page_result
from tests.support.tab import open_tab

pytestmark = pytest.mark.browser

CSS = "main{color:#111}\n" * 300
FRAME = "<!doctype html><html lang='fr'><title>cadre</title><img src='/pic.png' alt='p'></html>"
SHADOW = ("<div id='hote'></div><script>const r = document.getElementById('hote')"
          ".attachShadow({mode: 'open'}); r.innerHTML = '<p>a</p><p>b</p><span>c</span>';</script>")


class CountingServer:
    """Serves fixed routes on 127.0.0.1 and counts every byte it writes (headers included)."""

    def __init__(self, routes: dict[str, tuple[str, bytes]]) -> None:
        self.routes = routes
        self.sent = 0
        self.lock = threading.Lock()

    @contextmanager
    def serve(self) -> Iterator[int]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:
                found = owner.routes.get(urlsplit(self.path).path)
                status, (kind, body) = ("200 OK", found) if found else \
                    ("404 Not Found", ("text/plain", b"absent"))
                head = (f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n").encode()
                self.wfile.write(head + body)
                with owner.lock:
                    owner.sent += len(head) + len(body)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield server.server_address[1]
        finally:
            server.shutdown()
            server.server_close()


def _html(body: str) -> tuple[str, bytes]:
    page = ("<!doctype html><html lang='fr'><head><title>t</title>"
            "<link rel='stylesheet' href='/style.css'></head><body><main>" + body +
            "</main></body></html>")
    return "text/html; charset=utf-8", page.encode()


async def _capture_all(choice, first: int, other: int,
                       servers: list[CountingServer], protocol: str) -> list[tuple]:
    async with open_tab(choice, eco_protocol=protocol, screenshots=False) as tab:
        results = []
        for path in ("/un", "/deux"):
            for server in servers:
                server.sent = 0
            snapshot = await tab.capture(f"http://127.0.0.1:{first}{path}")
            await asyncio.sleep(0.3)  # late favicon requests land in the counts
            results.append((snapshot, sum(s.sent for s in servers)))
        return results


@pytest.fixture(scope="module", params=["fast", "ecoindex"])
def captured(request, browser_choice):
    remote = CountingServer({"/cadre": ("text/html", FRAME.encode()),
                             "/pic.png": ("image/png", b"\x89PNG" + b"r" * 700)})
    local = CountingServer({})
    with remote.serve() as other, local.serve() as first:
        frames = (f"<iframe src='/cadre' title='a'></iframe>"
                  f"<iframe src='http://localhost:{other}/cadre' title='b'></iframe>")
        local.routes.update({
            "/un": _html(frames + SHADOW),
            "/deux": _html("<p>Deuxième page, même feuille de style</p>"),
            "/cadre": ("text/html", FRAME.encode()),
            "/pic.png": ("image/png", b"\x89PNG" + b"l" * 300),
            "/style.css": ("text/css", CSS.encode()),
        })
        results = asyncio.run(_capture_all(browser_choice, first, other, [local, remote],
                                           request.param))
    return request.param, other, results


def test_out_of_process_iframe_requests_are_recorded(captured) -> None:
    _, other, results = captured
    snapshot, _ = results[0]
    urls = [e.url for e in snapshot.network]
    assert f"http://localhost:{other}/cadre" in urls
    assert f"http://localhost:{other}/pic.png" in urls  # requested inside the other process
    assert any(u.endswith("/cadre") and "127.0.0.1" in u for u in urls)
    remote_image = next(e for e in snapshot.network if e.url.endswith(f"{other}/pic.png"))
    assert remote_image.decoded_bytes == 704 and not remote_image.frame_is_main
    assert snapshot.collected["child_targets"] >= 1


def test_byte_totals_match_what_the_servers_sent(captured) -> None:
    _, _, results = captured
    for snapshot, sent in results:
        measured = sum(e.transfer_bytes for e in snapshot.network)
        assert abs(measured - sent) <= max(64, sent // 50), (snapshot.url, measured, sent)
    second, _ = results[1]
    css = [e for e in second.network if e.url.endswith("/style.css")]
    assert css and css[0].transfer_bytes > len(CSS) and not css[0].from_cache


def test_dom_counts_main_document_and_deep(captured) -> None:
    _, _, results = captured
    snapshot, _ = results[0]
    # html head title link body main iframe iframe div script = 10; shadow root: 3;
    # same-origin frame: html head title body img = 5; the cross-origin frame is not readable.
    assert snapshot.dom_elements == 10
    assert snapshot.collected["domElementsDeep"] == 10 + 3 + 5


def test_eco_block_says_which_protocol_and_counts_deep(captured) -> None:
    protocol, _, results = captured
    snapshot, _ = results[0]
    eco = page_result(snapshot).to_dict()["eco"]
    assert eco["protocol_used"] == protocol
    assert eco["dom_elements"] == 10 and eco["dom_elements_deep"] == 18
    expected = {"fast": 1280, "ecoindex": 1920}[protocol]
    assert snapshot.collected["viewport"]["width"] == expected
