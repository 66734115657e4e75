"""One rule for visibility, text and names, shared by every check family (checks/commons)."""

from __future__ import annotations

import lxml.html

from rgaa_audit.checks.commons.names import accessible_name, labelledby_text, role_of
from rgaa_audit.checks.commons.text import text_of
from rgaa_audit.checks.commons.visibility import (
    hidden,
    not_rendered,
    out_of_scope,
    rendered_hidden,
)
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.snapshot import PageSnapshot


def _doc(body: str) -> PageDocument:
    return PageDocument(PageSnapshot.from_html(
        f"<!DOCTYPE html><html lang='fr'><body>{body}</body></html>"))


def _el(doc: PageDocument, element_id: str) -> lxml.html.HtmlElement:
    found = doc.by_id(element_id)
    assert found is not None
    return found


def test_hidden_parts_give_no_text() -> None:
    doc = _doc("<p id='p'>Horaires <span hidden>caché</span><span style='display: none'>"
               "non</span><span data-ra-hidden='1'>rien</span><span aria-hidden='true'>"
               "<b>★</b></span><!-- note --><img src='a.png' alt='de la mairie'>"
               "<script>x()</script> ici</p>")
    assert text_of(_el(doc, "p")) == doc.text(_el(doc, "p")) == "Horaires de la mairie ici"


def test_visibility_rules() -> None:
    doc = _doc("<div id='a' aria-hidden='TRUE'><img id='i' src='x.png'></div>"
               "<div style='visibility:hidden'><a id='l' href='/'>x</a></div>"
               "<img id='own' src='y.png' aria-hidden='true'><template><p id='t'>x</p>"
               "</template>")
    image, link, own = _el(doc, "i"), _el(doc, "l"), _el(doc, "own")
    assert hidden(image) and not rendered_hidden(image) and out_of_scope(image)
    assert hidden(link) and rendered_hidden(link) and not not_rendered(link)
    assert hidden(own) and not out_of_scope(own)  # its own aria-hidden: still an image
    assert doc.is_hidden(image) and doc.is_hidden(link)


def test_names_from_markup_and_from_chromium() -> None:
    doc = _doc("<span id='l' hidden>Rechercher</span><input id='q' aria-labelledby='l'>"
               "<button id='b' role='Button Link'><span aria-hidden='true'>✕</span>Fermer"
               "</button><a id='c' href='/' data-ra-name=' Accueil '>x</a>")
    assert labelledby_text(doc, _el(doc, "q")) == "Rechercher"  # a hidden target is read
    assert accessible_name(doc, _el(doc, "q")) == doc.accessible_name(_el(doc, "q"))
    assert accessible_name(doc, _el(doc, "b")) == "Fermer" and role_of(_el(doc, "b")) == "button"
    assert accessible_name(doc, _el(doc, "c")) == "Accueil"
