"""Text over background images and gradients with a real Chromium: collect.js measures the
text colour against a linear gradient under the text's lines; the 3.2 check reads it."""

from __future__ import annotations

import asyncio

import pytest

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import all_checks, run_check
from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab

pytestmark = pytest.mark.browser

PAGE = ("<!doctype html><html lang='fr'><head><title>t</title></head><body>"
        "<p id='blanc' style='color:#fff;font-size:14px;background:linear-gradient(90deg,#fff 0%,"
        "#fff 50%,#003 100%)'>Blanc sur blanc</p>"
        "<p id='sombre' style='color:#fff;font-size:16px;background:linear-gradient(to right,"
        "#000,#003)'>Blanc sur sombre</p>"
        "<p id='partiel' style='color:#fff;font-size:16px;width:400px;background:linear-gradient"
        "(90deg,#fff,#000)'>Un texte assez long pour couvrir toute la largeur du bloc là.</p>"
        "<div style='background:linear-gradient(#fff,#fff)'><h2 id='grand' style='color:#ccc;"
        "font-size:30px;font-weight:700'>Grand titre</h2></div>"
        "<p id='image' style='color:#fff;background:url(/fond.png)'>Sur une image</p>"
        "<p id='icone' style='color:#000;background:url(/fond.png) no-repeat left'>Icône</p>"
        "<div style='background:linear-gradient(#fff,#fff)'><div style='background:rgba(0,0,0,"
        ".8)'><p id='voile' style='color:#fff;margin:0'>Sur un voile sombre</p></div></div>"
        "<p id='clip' style='background:linear-gradient(90deg,#f00,#00f);-webkit-background-clip:"
        "text;background-clip:text;color:transparent'>Texte en dégradé</p>"
        "</body></html>")
SITE = {"/": Route(PAGE), "/fond.png": Route(b"\x89PNG", content_type="image/png")}


@pytest.fixture(scope="module")
def document(browser_choice) -> PageDocument:
    async def capture(base: str):
        async with open_tab(browser_choice, screenshots=False) as tab:
            return await tab.capture(base + "/")

    with serve_routes(SITE) as base:
        return PageDocument(asyncio.run(capture(base)))


def results(document: PageDocument) -> dict:
    spec = next(s for s in all_checks() if s.id == "text-over-background")
    return {r.test: r for r in run_check(spec, document, strict=True)}


def marks(document: PageDocument, el_id: str) -> dict[str, str]:
    el = document.by_id(el_id)
    assert el is not None
    return {k: v for k, v in el.attrib.items() if k.startswith("data-ra-text")}


def test_gradient_contrast_is_measured_under_the_text(document: PageDocument) -> None:
    assert marks(document, "blanc")["data-ra-text-contrast"] == "1.00,1.00"
    assert marks(document, "blanc")["data-ra-text-font"] == "14,400"
    low, high = map(float, marks(document, "sombre")["data-ra-text-contrast"].split(","))
    assert low > 19 and high <= 21
    low, high = map(float, marks(document, "partiel")["data-ra-text-contrast"].split(","))
    assert low < 1.5 and high > 10
    assert marks(document, "grand")["data-ra-text-font"] == "30,700"


def test_translucent_veils_count_and_gradient_text_is_not_measured(document) -> None:
    low, _high = map(float, marks(document, "voile")["data-ra-text-contrast"].split(","))
    assert low > 10  # white over 80 % black laid on white
    assert "data-ra-text-contrast" not in marks(document, "clip")
    assert marks(document, "clip")["data-ra-text-bg"] == "gradient"


def test_images_are_marked_and_icons_left_out(document: PageDocument) -> None:
    assert marks(document, "image") == {"data-ra-text-bg": "image", "data-ra-text-font": "16,400"}
    assert marks(document, "icone") == {}


def test_the_check_fails_only_where_every_part_is_too_weak(document: PageDocument) -> None:
    found = results(document)
    failed = {f.selector for f in found["3.2.1"].findings}
    assert found["3.2.1"].outcome.value == "failed"
    assert any("blanc" in s for s in failed) and not any("sombre" in s or "partiel" in s
                                                         for s in failed)
    assert found["3.2.4"].outcome.value == "failed"  # #ccc on white, 30px bold
    fresh = PageDocument(document.snapshot)
    white = fresh.by_id("blanc")
    white.getparent().remove(white)
    found = results(fresh)
    assert found["3.2.1"].outcome.value == "cant-tell"
    verify = {f.selector for f in found["3.2.1"].findings}
    assert any("partiel" in s for s in verify) and any("image" in s for s in verify)
