"""Rendering probes with a real Chromium: reflow at 320 px, text at 200 %, text spacing,
vertical text at 256 px; the viewport comes back; the checks turn the marks into verdicts."""

from __future__ import annotations

import asyncio

import pytest

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import all_checks, run_check
from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab

pytestmark = pytest.mark.browser

HEAD = ("<!doctype html><html lang='fr'><head><title>t</title>{style}</head>"
        "<body>{body}</body></html>")
BROKEN = HEAD.format(style="", body=(
    "<div id='large' style='width:900px'>Bloc de largeur fixe</div>"
    "<div id='coupe' style='height:24px;overflow:hidden;width:250px;font-size:1rem'>Court</div>"
    "<div id='serre' style='height:20px;line-height:20px;overflow:hidden;width:250px;"
    "font-size:16px'>Court</div>"
    "<p id='deborde' style='height:20px;line-height:20px;width:250px;font-size:16px;"
    "margin:0 0 40px'>Court</p>"
    "<span style='position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0)'>Texte masqué</span>"
    "<img src='/grande.png' alt='' style='width:600px;height:10px;display:block'>"))
FLUID = HEAD.format(style="<meta name='viewport' content='width=device-width'>", body=(
    "<main><h1>Titre</h1><p>Un paragraphe qui revient à la ligne comme il faut, sans "
    "largeur imposée ni hauteur fixe.</p>"
    "<span style='position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0)'>Texte masqué</span></main>"))
ONLY_IMAGE = HEAD.format(style="", body="<p>Texte</p><img src='/grande.png' alt='Plan' "
                                        "style='width:600px;height:10px;display:block'>")
VERTICAL = ("<!doctype html><html lang='ja' style='writing-mode:vertical-rl'><head><title>t"
            "</title></head><body><p style='{size}'>" + "縦書きの文章" * 40 + "</p></body></html>")
SITE = {"/casse": Route(BROKEN), "/fluide": Route(FLUID), "/image": Route(ONLY_IMAGE),
        "/vertical": Route(VERTICAL.format(size="height:600px")),
        "/vertical-souple": Route(VERTICAL.format(size="")),
        "/grande.png": Route(b"\x89PNG", content_type="image/png")}


async def _capture(choice, base: str) -> dict:
    async with open_tab(choice, screenshots=False) as tab:
        out = {}
        for path in ("/casse", "/fluide", "/image", "/vertical", "/vertical-souple"):
            out[path] = await tab.capture(base + path)
        out["viewport"] = tab.page.viewport_size
        return out


@pytest.fixture(scope="module")
def snapshots(browser_choice):
    with serve_routes(SITE) as base:
        return asyncio.run(_capture(browser_choice, base))


def outcomes(snapshot) -> dict[str, str]:
    doc = PageDocument(snapshot)
    specs = [s for s in all_checks() if s.family == "reflow"]
    return {r.test: r.outcome.value for spec in specs for r in run_check(spec, doc, strict=True)}


def marked(snapshot, attribute: str) -> dict[str, str]:
    root = PageDocument(snapshot).root
    return {el.get("id") or el.tag: el.get(attribute)
            for el in root.xpath(f"//body//*[@{attribute}]")}


def test_broken_page_is_marked_and_fails(snapshots) -> None:
    snapshot = snapshots["/casse"]
    assert marked(snapshot, "data-ra-reflow") == {"large": "overflow", "img": "exception"}
    assert marked(snapshot, "data-ra-zoom") == {"coupe": "clipped"}
    assert marked(snapshot, "data-ra-spacing") == {"serre": "clipped", "deborde": "overlap"}
    assert outcomes(snapshot) == {"10.11.1": "failed", "10.11.2": "inapplicable",
                                  "10.4.1": "failed", "10.12.1": "failed"}


def test_fluid_page_passes(snapshots) -> None:
    snapshot = snapshots["/fluide"]
    for attribute in ("data-ra-reflow", "data-ra-zoom", "data-ra-spacing"):
        assert marked(snapshot, attribute) == {}
    assert outcomes(snapshot) == {"10.11.1": "passed", "10.11.2": "inapplicable",
                                  "10.4.1": "passed", "10.12.1": "passed"}


def test_an_image_alone_is_left_to_a_human(snapshots) -> None:
    assert outcomes(snapshots["/image"])["10.11.1"] == "cant-tell"


def test_vertical_text_is_probed_at_256_px(snapshots) -> None:
    snapshot = snapshots["/vertical"]
    assert PageDocument(snapshot).root.get("data-ra-vertical") == "1"
    assert "vertical" in snapshot.collected["probes"]
    assert outcomes(snapshot)["10.11.2"] == "failed"
    assert outcomes(snapshots["/vertical-souple"])["10.11.2"] == "passed"


def test_viewport_is_restored_and_probes_are_cheap(snapshots) -> None:
    assert snapshots["viewport"] == {"width": 1280, "height": 900}
    for path in ("/casse", "/fluide"):
        snapshot = snapshots[path]
        assert snapshot.collected["viewport"] == {"width": 1280, "height": 900}
        probes = snapshot.collected["probes"]
        assert "error" not in probes and probes["ms"] < 2000
        # the page's own inline style is left as it was
        assert "font-size" not in (PageDocument(snapshot).root.get("style") or "")
