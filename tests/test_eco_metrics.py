"""Page figures from synthetic snapshots: totals, types, domains, protocol, EcoIndex, SWD."""

from __future__ import annotations

import dataclasses

import pytest

from rgaa_audit.eco import page_eco
from rgaa_audit.eco.metrics import count_dom_elements, eco_metrics
from rgaa_audit.eco.resources import (
    is_third_party,
    protocol_label,
    registrable_domain,
    type_group,
)
from rgaa_audit.eco.swd import co2_grams
from rgaa_audit.model import EcoMetrics
from rgaa_audit.snapshot import NetworkEntry, PageSnapshot

PAGE = "https://www.mairie.gouv.fr/accueil"


def snapshot(entries: list[NetworkEntry], html: str = "", dom: int = 0) -> PageSnapshot:
    base = PageSnapshot.from_html(html, PAGE)
    return dataclasses.replace(base, network=tuple(entries), dom_elements=dom)


ENTRIES = [
    NetworkEntry(PAGE, "document", 200, "text/html", 10_000, 40_000, "h2"),
    NetworkEntry("https://static.mairie.gouv.fr/s.css", "stylesheet", 200, "text/css",
                 5_000, 20_000, "h2"),
    NetworkEntry("https://www.mairie.gouv.fr/a.js", "script", 200, "text/javascript",
                 20_000, 60_000, "h2"),
    NetworkEntry("https://www.mairie.gouv.fr/b.js", "script", 200, "text/javascript",
                 30_000, 90_000, "h2"),
    NetworkEntry("https://www.mairie.gouv.fr/p.webp", "image", 200, "image/webp",
                 100_000, 100_000, "h2"),
    NetworkEntry("https://fonts.gstatic.com/m.woff2", "font", 200, "font/woff2",
                 25_000, 25_000, "h3"),
    NetworkEntry("https://www.interieur.gouv.fr/api", "fetch", 200, "application/json",
                 2_000, 8_000, "http/1.1"),
    NetworkEntry("https://www.mairie.gouv.fr/x", "other", 200, "video/mp4", 8_000, 8_000, "h2"),
]


def test_totals_and_types() -> None:
    m = eco_metrics(snapshot(ENTRIES, dom=240))
    assert (m.requests, m.transfer_bytes, m.decoded_bytes) == (8, 200_000, 351_000)
    assert m.dom_elements == 240
    assert m.by_type["js"] == {"requests": 2, "transfer_bytes": 50_000, "decoded_bytes": 150_000}
    assert list(m.by_type) == ["html", "css", "js", "image", "font", "media", "xhr"]
    assert m.by_type["media"]["requests"] == 1  # "other" with a video MIME type


def test_first_and_third_party_by_registrable_domain() -> None:
    m = eco_metrics(snapshot(ENTRIES))
    # gouv.fr is a public suffix: interieur.gouv.fr is another party than mairie.gouv.fr.
    assert m.extra["third_party"]["requests"] == 2
    assert m.extra["third_party"]["transfer_bytes"] == 27_000
    assert m.extra["first_party"]["requests"] == 6
    domains = m.extra["by_domain"]
    assert domains["static.mairie.gouv.fr"]["third_party"] is False
    assert domains["fonts.gstatic.com"] == {"requests": 1, "transfer_bytes": 25_000,
                                            "third_party": True}
    assert next(iter(domains)) == "www.mairie.gouv.fr"  # heaviest first


def test_protocol_and_ecoindex_and_co2() -> None:
    m = eco_metrics(snapshot(ENTRIES, dom=240))
    assert m.extra["protocol"] == "HTTP/2"
    assert m.extra["protocols"] == {"HTTP/1.1": 1, "HTTP/2": 6, "HTTP/3": 1}
    # 240 elements → 4 + 7/65 = 4.108; 8 requests → 1 + 6/13 = 1.462; 200 kB →
    # 2 + 55.3/174.83 = 2.316; weighted 17.562; 100 − 5 × 17.562 / 6 = 85.4 → 85 → A
    assert m.extra["ecoindex"]["score"] == 85
    assert m.extra["ecoindex"]["grade"] == "A"
    # SWD v4: 200 000 bytes = 0.0002 GB × 0.3 kWh/GB × 494 g/kWh = 0.0296 g
    assert m.extra["co2_g"] == pytest.approx(200_000 / 1e9 * 0.3 * 494, abs=1e-4)
    assert m.extra["co2_model"] == "swd-v4"


def test_swd_v4_one_gigabyte() -> None:
    """SWD v4: 0.3 kWh per GB (0.055+0.059+0.080 use, 0.012+0.013+0.081 embodied) × 494 g/kWh."""
    assert co2_grams(1_000_000_000) == pytest.approx(148.2)
    assert co2_grams(0) == 0


def test_empty_snapshot_has_zero_figures_and_round_trips() -> None:
    m = eco_metrics(snapshot([]))
    assert (m.requests, m.transfer_bytes, m.by_type) == (0, 0, {})
    assert m.extra["ecoindex"]["score"] == 100
    assert EcoMetrics.from_dict(m.to_dict()) == m


def test_dom_count_ignores_svg_descendants_and_falls_back_to_html() -> None:
    html = ("<html><body><svg><g><path/><path/></g></svg><p>a</p>"
            "<div><span>b</span></div></body></html>")
    assert count_dom_elements(html) == 6  # html, body, svg, p, div, span
    assert eco_metrics(snapshot([], html)).dom_elements == 6
    assert eco_metrics(snapshot([], html, dom=900)).dom_elements == 900
    assert count_dom_elements("") == 0


def test_page_eco_adds_checks() -> None:
    eco = page_eco(snapshot(ENTRIES, "<html><body><embed src='a'></body></html>")).to_dict()
    by_id = {c["id"]: c for c in eco["checks"]}
    assert by_id["plugins"]["outcome"] == "failed"
    assert by_id["http1"]["outcome"] == "passed"  # the HTTP/1.1 call is a third party
    assert eco["ecoindex"]["grade"] in "ABCDEFG"


@pytest.mark.parametrize(("host", "domain"), [
    ("www.interieur.gouv.fr", "interieur.gouv.fr"),
    ("a.b.service-public.fr", "service-public.fr"),
    ("user.github.io", "user.github.io"),
    ("127.0.0.1", "127.0.0.1"),
    ("localhost", "localhost"),
    ("WWW.Example.COM.", "example.com"),
])
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


def test_third_party_rule() -> None:
    assert not is_third_party("https://cdn.mairie.gouv.fr/x", PAGE)
    assert is_third_party("https://www.gouv.fr/x", PAGE)
    assert is_third_party("https://mairie.gouv.fr.evil.com/x", PAGE)


@pytest.mark.parametrize(("raw", "label"), [("h2", "HTTP/2"), ("h3", "HTTP/3"),
                                            ("http/1.1", "HTTP/1.1"), ("", "")])
def test_protocol_label(raw: str, label: str) -> None:
    assert protocol_label(raw) == label


def test_type_group_from_mime_when_type_is_other() -> None:
    assert type_group(NetworkEntry("u", "other", mime_type="image/png")) == "image"
    assert type_group(NetworkEntry("u", "websocket")) == "other"
    assert type_group(NetworkEntry("u", "xhr")) == "xhr"


def test_page_eco_fits_the_report_schema_and_is_json() -> None:
    import json
    from pathlib import Path

    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).parent.parent / "reports" / "schemas" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    eco = page_eco(snapshot(ENTRIES, "<html><body><p>x</p></body></html>")).to_dict()
    eco_schema = {**schema["$defs"]["eco"], "$defs": schema["$defs"]}
    jsonschema.validate(json.loads(json.dumps(eco)), eco_schema)
