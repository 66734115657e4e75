"""rgaa-audit's scripts run in their own world: a page that breaks JavaScript built-ins or
defines `axe` itself is still audited, and its scripts never see ours."""

from __future__ import annotations

import asyncio

import pytest

from rgaa_audit.model import PageStatus
from rgaa_audit.pipeline import page_result
from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab

pytestmark = pytest.mark.browser

HOSTILE = (
    "<!doctype html><html lang='fr'><head><title>Vieux site</title><script>"
    # what old libraries and broken polyfills do to the page's globals
    "window.Set = function () {}; window.Map = function () {};"
    "Array.from = function () { return []; };"
    "JSON.stringify = function () { return '{}'; };"
    "window.axe = {run: function () { throw new Error('pas le bon axe'); }};"
    "</script></head><body><main><h1>Accueil</h1>"
    "<img src='/plan.png'><a href='/contact'>Contact</a>"
    "<p id='seen'></p>"
    "<script>document.getElementById('seen').textContent ="
    " typeof window.axe.configure === 'function' ? 'axe-visible' : 'axe-hidden';</script>"
    "</main></body></html>")
SITE = {"/": Route(HOSTILE), "/plan.png": Route(b"\x89PNG", content_type="image/png")}


async def _capture(choice, url: str):
    async with open_tab(choice) as tab:
        first = await tab.capture(url)
        second = await tab.capture(url)  # the world comes back with each new document
        return first, second


def test_a_page_that_breaks_builtins_is_still_audited(browser_choice) -> None:
    with serve_routes(SITE) as base:
        snapshots = asyncio.run(_capture(browser_choice, base + "/"))
    for snapshot in snapshots:
        assert snapshot.status is PageStatus.AUDITED
        assert "error" not in snapshot.axe, snapshot.axe.get("error")
        assert snapshot.axe["version"].startswith("4.")
        assert "image-alt" in {rule["id"] for rule in snapshot.axe["violations"]}
        assert snapshot.collected.get("annotated") is True  # accessible names from axe-core
        assert 'data-ra-name="Contact"' in snapshot.dom_html
        assert "axe-hidden" in snapshot.dom_html  # the page's scripts never saw ours
        assert snapshot.links and snapshot.links[0].endswith("/contact")
        assert page_result(snapshot).criteria["1.1"].status.value == "NC"
