"""Page fingerprints: stable across visits of an unchanged page, changed by what users perceive."""

from __future__ import annotations

from rgaa_audit.checks.components import page_fingerprints
from rgaa_audit.checks.page import PageDocument
from rgaa_audit.model import PageStatus
from rgaa_audit.snapshot import PageSnapshot

PAGE = """<html><body>
<header><a href="/?s={token}"><img src="/logo.png?v={token}" alt="Mairie"></a></header>
<nav aria-label="Menu"><a href="/a">Actualités</a></nav>
<div id="tarteaucitronRoot"><button>Accepter</button><div class="cookie-text">Cookies</div></div>
<main id="m{token}"><h1>{title}</h1><p style="color:red">Horaires <b>9h</b></p>
<img src="/photo.jpg" alt="{alt}"><script>var t = {token};</script></main>
<footer><p>Mentions</p></footer>
</body></html>"""


def _prints(token="1733222400123", title="Contact", alt="La mairie", html=PAGE):
    doc = PageDocument(PageSnapshot("u", "u", PageStatus.AUDITED,
                                    dom_html=html.format(token=token, title=title, alt=alt)))
    return page_fingerprints(doc)


def test_every_shared_component_is_found():
    assert set(_prints()["components"]) == {"header", "footer", "navigation", "cookie-banner"}


def test_tokens_query_strings_ids_styles_and_scripts_do_not_change_anything():
    assert _prints(token="1733222400123") == _prints(token="1733222999999")


def test_changed_text_or_alternative_changes_the_content_but_not_the_components():
    base = _prints()
    retitled, realt = _prints(title="Nous écrire"), _prints(alt="Photo")
    assert retitled["content"] != base["content"] != realt["content"]
    assert retitled["components"] == base["components"] == realt["components"]


def test_a_changed_header_changes_only_the_header():
    base = _prints()
    other = _prints(html=PAGE.replace('alt="Mairie"', 'alt="Accueil"'))
    assert other["components"]["header"] != base["components"]["header"]
    assert other["components"]["footer"] == base["components"]["footer"]
    assert other["content"] == base["content"]


def test_without_main_the_content_is_the_body_less_its_shared_blocks():
    html = PAGE.replace("<main", "<div").replace("</main>", "</div>")
    base = _prints(html=html)
    assert _prints(html=html.replace("Mentions", "Légal"))["content"] == base["content"]
    assert _prints(html=html, title="Autre")["content"] != base["content"]
