"""The interaction probes' frame with a real Chromium: candidates marked before the DOM is
serialised, every probe recorded with a status, the time budget, and the guard that keeps a
probe on the page (navigations, form sends, popups and POST requests are aborted)."""

from __future__ import annotations

import asyncio

import pytest

from rgaa_audit.capture.interaction import PROBE_NAMES, keyboard
from rgaa_audit.checks.interaction import marked, probe_facts
from rgaa_audit.checks.page import PageDocument
from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab

pytestmark = pytest.mark.browser

PAGE = ("<!doctype html><html lang='fr'><head><title>t</title>"
        "<style>.menu:hover ul{display:block}</style></head><body>"
        "<a id='loin' href='/ailleurs'>Ailleurs</a>"
        "<form id='f' action='/envoi'><input name='q' aria-label='q'>"
        "<button>Envoyer</button></form>"
        "<div class='menu'>Menu<ul style='display:none'><li>Un</li></ul></div>"
        "<span id='faux' style='cursor:pointer' onclick='this.textContent=1'>Faux bouton</span>"
        "<p>Texte</p></body></html>")
SITE = {"/page": Route(PAGE), "/ailleurs": Route("<p>ailleurs</p>"),
        "/envoi": Route("<p>envoyé</p>"), "/popup": Route("<p>popup</p>")}


async def _leave(ctx):
    """A probe that tries every way out of the page."""
    await ctx.page.click("#loin")
    await ctx.page.evaluate("document.getElementById('f').submit()")
    await ctx.page.evaluate("window.open('/popup')")
    await ctx.page.evaluate("fetch('/envoi', {method: 'POST', body: 'x'}).catch(() => 0)")
    await ctx.page.wait_for_timeout(300)
    return {"url": ctx.page.url, "text": await ctx.page.inner_text("body")}


async def _slow(ctx):
    await asyncio.sleep(10)
    return {}


async def _capture(choice, base, probe, budget_ms=5000):
    async with open_tab(choice, screenshots=False, interaction_budget_ms=budget_ms) as tab:
        original = keyboard.probe
        keyboard.probe = probe
        try:
            snapshot = await tab.capture(base + "/page")
            pages = len(tab.context.pages)
        finally:
            keyboard.probe = original
        return snapshot, pages


def test_guard_keeps_the_probe_on_the_page(browser_choice):
    hits: list[str] = []
    with serve_routes(SITE, hits) as base:
        snapshot, pages = asyncio.run(_capture(browser_choice, base, _leave))
    facts = snapshot.collected["interaction"]
    walk = facts["probes"]["keyboard"]
    assert walk["status"] == "done"
    assert walk["url"] == base + "/page" and "Faux bouton" in walk["text"]
    assert "/ailleurs" not in hits and not any(h.startswith("/envoi") for h in hits)
    assert facts["aborted_requests"] >= 3  # link, form, POST (the popup is closed)
    assert pages == 1
    assert set(facts["probes"]) == set(PROBE_NAMES)


def test_candidates_are_marked_in_the_serialised_dom(browser_choice):
    with serve_routes(SITE) as base:
        snapshot, _ = asyncio.run(_capture(browser_choice, base, _leave))
    doc = PageDocument(snapshot)
    kinds = snapshot.collected["interaction"]
    assert kinds["candidates"] >= 5
    tags = {marked(doc, i).get("id") or marked(doc, i).tag
            for i in range(kinds["candidates"]) if marked(doc, i) is not None}
    assert {"loin", "faux"} <= tags and "div" in tags  # the :hover rule's subject
    assert 'data-ra-x' not in doc.snippet(doc.select("//a")[0])
    assert probe_facts(doc, "keyboard") is not None and probe_facts(doc, "hover") is None


def test_budget_stops_a_slow_probe(browser_choice):
    with serve_routes(SITE) as base:
        snapshot, _ = asyncio.run(_capture(browser_choice, base, _slow, budget_ms=600))
    probes = snapshot.collected["interaction"]["probes"]
    assert probes["keyboard"]["status"] == "budget"
    assert probes["keyboard"]["ms"] < 2000
    assert all(probes[name]["status"] in ("budget", "absent")
               or probes[name].get("complete") is False for name in PROBE_NAMES)
    assert probe_facts(PageDocument(snapshot), "keyboard") is None


def test_no_probe_when_the_budget_is_zero(browser_choice):
    with serve_routes(SITE) as base:
        snapshot, _ = asyncio.run(_capture(browser_choice, base, _leave, budget_ms=0))
    assert "interaction" not in snapshot.collected
    assert "data-ra-x" not in snapshot.dom_html


async def _push_state(ctx):
    """A probe whose action changes the URL through the history API (no navigation)."""
    await ctx.page.evaluate("history.pushState({}, '', '/etat-2')")
    return {}


def test_a_url_changed_by_the_history_api_is_recorded(browser_choice):
    hits: list[str] = []
    with serve_routes(SITE, hits) as base:
        snapshot, _ = asyncio.run(_capture(browser_choice, base, _push_state))
    facts = snapshot.collected["interaction"]
    assert facts["navigated"] == base + "/etat-2"
    assert "/etat-2" not in hits  # the page itself stayed: nothing was requested
