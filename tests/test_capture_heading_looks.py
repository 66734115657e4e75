"""Short lines drawn like headings, with a real Chromium: collect.js marks the computed bold
weight or big size (data-ra-look) and the 9.1.3 check reads it."""

from __future__ import annotations

import asyncio

import pytest

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.checks.registry import all_checks, run_check
from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab

pytestmark = pytest.mark.browser

PAGE = ("<!doctype html><html lang='fr'><head><title>t</title><style>.t{font-weight:700}"
        ".g{font-size:26px}</style></head><body><h1>Mairie</h1>"
        "<div id='a' class='t'>Horaires</div><p>Du lundi au vendredi de 9 h à 17 h, le samedi "
        "de 9 h à 12 h.</p>"
        "<div id='b' class='t'>Adresse</div><p>1 place de la Mairie, 75000 Paris, accès par la "
        "rue de la Gare.</p>"
        "<p id='c' class='g'>Bienvenue</p><p>Le site de la commune, ses services et ses actualités"
        " de la semaine.</p>"
        "<p id='d'>Une ligne ordinaire</p><p>Suivie d'un paragraphe ordinaire de la même taille "
        "que le reste.</p></body></html>")


@pytest.fixture(scope="module")
def document(browser_choice) -> PageDocument:
    async def capture(base: str):
        async with open_tab(browser_choice, screenshots=False) as tab:
            return await tab.capture(base + "/")

    with serve_routes({"/": Route(PAGE)}) as base:
        return PageDocument(asyncio.run(capture(base)))


def test_computed_looks_are_marked(document: PageDocument) -> None:
    looks = {i: document.by_id(i).get("data-ra-look") for i in "abcd"}
    assert looks == {"a": "bold", "b": "bold", "c": "big", "d": None}


def test_repeated_bold_lines_fail_9_1_3(document: PageDocument) -> None:
    spec = next(s for s in all_checks() if s.id == "headings")
    result = {r.test: r for r in run_check(spec, document, strict=True)}["9.1.3"]
    assert result.outcome.value == "failed"
    assert len(result.findings) == 2
