"""The scripted-controls probe with a real Chromium: controls the pointer can use and the
keyboard cannot are found; controls built correctly are not."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab

pytestmark = pytest.mark.browser

HEAD = "<!doctype html><html lang='fr'><head><title>t</title></head><body>"
BAD = HEAD + (
    "<div id='a' style='cursor:pointer' onclick=\"this.textContent='ouvert'\">Ouvrir</div>"
    "<span id='b' role='button' tabindex='0'>Basculer</span><p id='out'></p>"
    "<script>document.getElementById('b').addEventListener('click',"
    " () => { document.getElementById('out').textContent += 'x'; });</script>"
    "</body></html>")
GOOD = HEAD + (
    "<div id='c' role='button' tabindex='0'>Basculer</div><p id='out'></p>"
    "<button id='n' onclick=\"this.textContent='ok'\">Natif</button>"
    "<span id='d' role='button' tabindex='0' aria-expanded='false'>Plus</span>"
    "<div id='panel' hidden>Contenu</div>"
    "<script>"
    "const c = document.getElementById('c');"
    "const act = () => { document.getElementById('out').textContent += 'x'; };"
    "c.addEventListener('click', act);"
    "c.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') act(); });"
    "const d = document.getElementById('d'), p = document.getElementById('panel');"
    "const tog = () => { const o = d.getAttribute('aria-expanded') === 'true';"
    " d.setAttribute('aria-expanded', String(!o)); p.hidden = o; };"
    "d.addEventListener('click', tog);"
    "d.addEventListener('keydown', (e) => { if (e.key === 'Enter') tog(); });"
    "</script></body></html>")


async def _probe(choice, url):
    async with open_tab(choice, screenshots=False) as tab:
        snapshot = await tab.capture(url)
    return snapshot.collected["interaction"]["probes"]["controls"]


def _run(choice, page):
    with serve_routes({"/page": Route(page)}) as base:
        return asyncio.run(_probe(choice, base + "/page"))


def test_pointer_only_controls_are_found(browser_choice):
    facts = _run(browser_choice, BAD)
    assert facts["status"] == "done" and facts["complete"]
    found = {f["kind"]: f for f in facts["findings"]}
    assert set(found) == {"unreachable", "keys-inert"}, facts
    assert 'id="a"' in found["unreachable"]["html"]
    assert 'id="b"' in found["keys-inert"]["html"]


def test_controls_built_correctly_are_not_found(browser_choice):
    facts = _run(browser_choice, GOOD)
    assert facts["status"] == "done" and facts["complete"]
    assert facts["findings"] == []
    assert len(facts["tried"]) == 2  # the native button is not a candidate
    assert all(t["click"] and any(t["keys"].values()) for t in facts["tried"])
