"""The motion probe with a real Chromium: an endless animation and a rotating carousel are
found, a 2 s animation that stops is told apart, a still page shows no change."""

from __future__ import annotations

import asyncio

from rgaa_audit.checks.interaction import marked, probe_facts
from rgaa_audit.checks.page import PageDocument
from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab

HEAD = "<!doctype html><html lang='fr'><head><title>t</title><style>{}</style></head><body>"
ENDLESS = HEAD.format(
    "@keyframes defile{from{transform:translateX(0)}to{transform:translateX(-100%)}}"
    "#bandeau{animation:defile 4s linear infinite}"
    "@keyframes clignote{50%{opacity:0}}#alerte{animation:clignote 1s infinite}") + (
    "<p id='bandeau'>Dernières nouvelles</p><p id='alerte'>Promo</p></body></html>")
SHORT = HEAD.format("@keyframes entree{from{opacity:0}to{opacity:1}}"
                    "#titre{animation:entree 2s 1}") + "<h1 id='titre'>Bonjour</h1></body></html>"
CAROUSEL = HEAD.format("") + (
    "<div id='car'><p>Diapo 1</p></div><script>let n = 1; setInterval(() => {"
    "document.querySelector('#car p').textContent = 'Diapo ' + (++n % 3 + 1);}, 80);"
    "</script></body></html>")
STILL = HEAD.format("") + "<p>Rien ne bouge</p></body></html>"
SITE = {"/endless": Route(ENDLESS), "/short": Route(SHORT), "/carousel": Route(CAROUSEL),
        "/still": Route(STILL)}


async def _capture(choice, base, paths):
    async with open_tab(choice, screenshots=False) as tab:
        return [await tab.capture(base + path) for path in paths]


def test_motion_probe_tells_endless_from_short_and_still(browser_choice):
    with serve_routes(SITE) as base:
        endless, short, carousel, still = asyncio.run(_capture(
            browser_choice, base, ["/endless", "/short", "/carousel", "/still"]))
    doc = PageDocument(endless)
    facts = probe_facts(doc, "motion")
    assert facts is not None and facts["complete"]
    by_id = {marked(doc, a["target"]["x"]).get("id"): a for a in facts["animations"]}
    assert by_id["bandeau"]["infinite"] and by_id["bandeau"]["moves"]
    assert by_id["alerte"]["infinite"] and by_id["alerte"]["blinks"]
    assert not by_id["bandeau"]["blinks"]
    short_facts = probe_facts(PageDocument(short), "motion")
    assert [(a["infinite"], a["total_ms"]) for a in short_facts["animations"]] == [(False, 2000)]
    moving = probe_facts(PageDocument(carousel), "motion")
    assert moving["mutations"] >= 2 and any(c["element"]["tag"] == "p" for c in moving["changes"])
    calm = probe_facts(PageDocument(still), "motion")
    assert calm["animations"] == [] and calm["mutations"] == 0
    assert 250 <= calm["ms"] < 1000
