"""The bundled demo portal, its expectations file and its static server (no browser)."""

from __future__ import annotations

import gzip
import http.client
import re
import tomllib
import urllib.error
import urllib.request
from collections import deque
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import axe_playwright_python
import lxml.html
import pytest

from rgaa_audit.demo.server import SITE_DIR, accepts_gzip, serve_demo, serve_directory

EXPECTED = SITE_DIR.parent / "expected.toml"
CHECKS_DIR = Path(__file__).resolve().parents[1] / "criteria" / "checks"
AXE_JS = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
BASE = "http://demo.invalid/"  # a stand-in origin to resolve links; never contacted

# Attributes that make the browser fetch something, and the anchors/forms a visitor follows.
FETCHED = {"img": ("src",), "script": ("src",), "link": ("href",), "iframe": ("src",),
           "source": ("src",), "video": ("src", "poster"), "track": ("src",),
           "input": ("src",), "audio": ("src",)}
FOLLOWED = {"a": ("href",), "form": ("action",)}


def html_pages() -> list[Path]:
    return sorted(SITE_DIR.glob("*.html"))


@cache
def parse(name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((SITE_DIR / name).read_bytes())


def references(name: str, kinds: dict[str, tuple[str, ...]]) -> list[str]:
    """Absolute URLs (against BASE) that page `name` refers to through `kinds`."""
    found = []
    for tag, attributes in kinds.items():
        for element in parse(name).iter(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if value is not None:
                    found.append(urljoin(BASE + name, value.strip()))
    return found


def local_file(url: str) -> Path | None:
    """The site file an URL on BASE points to, or None when it leaves the site."""
    if not url.startswith(BASE):
        return None
    path = urlsplit(url).path.removeprefix("/") or "index.html"
    return SITE_DIR / path


def reachable_from_home() -> set[str]:
    """Page names reachable from index.html by following <a href> links only."""
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        for url in references(queue.popleft(), {"a": ("href",)}):
            target = local_file(url)
            if target is not None and target.suffix == ".html" and target.name not in seen:
                seen.add(target.name)
                queue.append(target.name)
    return seen


@cache
def expected() -> dict:
    with EXPECTED.open("rb") as handle:
        return tomllib.load(handle)


@cache
def axe_rgaa_tags() -> dict[str, set[str]]:
    """axe rule id -> its RGAA-x.y.z tags, read from the bundled axe.min.js."""
    source = AXE_JS.read_text(encoding="utf-8")
    rules: dict[str, set[str]] = {}
    for match in re.finditer(r'\{id:"([a-z0-9-]+)",[^{}]*?tags:\[([^\]]*)\]', source):
        tags = {tag.strip('"') for tag in match.group(2).split(",")}
        rules[match.group(1)] = {tag.removeprefix("RGAA-") for tag in tags
                                 if tag.startswith("RGAA-")}
    return rules


@cache
def own_check_tests() -> dict[str, set[str]]:
    """Own check id -> the RGAA tests it serves, from criteria/checks/*.toml."""
    served: dict[str, set[str]] = {}
    for path in CHECKS_DIR.glob("*.toml"):
        with path.open("rb") as handle:
            for check_id, spec in tomllib.load(handle).items():
                if isinstance(spec, dict):
                    served[check_id] = set(spec.get("tests", ()))
    return served


# --- the site -------------------------------------------------------------------------------

@pytest.mark.parametrize("page", html_pages(), ids=lambda p: p.name)
def test_every_reference_resolves_to_a_site_file(page: Path) -> None:
    broken = []
    for url in references(page.name, FETCHED | FOLLOWED):
        target = local_file(url)
        assert target is not None, f"{page.name} refers outside the site: {url}"
        if not target.is_file():
            broken.append(url.removeprefix(BASE))
    assert not broken, f"{page.name}: missing files {broken}"


@pytest.mark.parametrize("page", html_pages(), ids=lambda p: p.name)
def test_every_fragment_link_has_a_target(page: Path) -> None:
    for url in references(page.name, {"a": ("href",)}):
        fragment = urlsplit(url).fragment
        target = local_file(url)
        if fragment and target is not None and target.suffix == ".html":
            ids = set(parse(target.name).xpath("//@id"))
            assert fragment in ids, f"{page.name}: #{fragment} not found in {target.name}"


def test_the_site_has_16_to_18_pages_all_reachable_from_home() -> None:
    pages = {page.name for page in html_pages()}
    assert 16 <= len(pages) <= 18
    assert reachable_from_home() == pages


def test_the_site_makes_no_external_request() -> None:
    for page in html_pages():
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href|action|poster)\s*=\s*["']?(https?:)?//""", text), page
    for asset in SITE_DIR.rglob("*"):
        if asset.suffix in (".css", ".js"):
            text = asset.read_text(encoding="utf-8")
            assert not re.search(r"https?://|url\(\s*['\"]?//", text), asset


def test_the_site_stays_small_but_has_one_heavy_page() -> None:
    total = sum(path.stat().st_size for path in SITE_DIR.rglob("*") if path.is_file())
    assert total < 4_000_000
    heavy = sum((SITE_DIR / url.removeprefix(BASE)).stat().st_size
                for url in references("patrimoine.html", {"img": ("src",)}))
    assert 1_000_000 <= heavy <= 3_000_000


def test_every_page_loads_the_shared_stylesheet_and_the_cookie_banner() -> None:
    for page in html_pages():
        assets = {url.removeprefix(BASE) for url in references(page.name, FETCHED)}
        assert {"css/site.css", "js/cookies.js"} <= assets, page.name
    assert len(list(SITE_DIR.rglob("*.css"))) == 1


def test_simple_planted_defects_stay_on_their_own_pages() -> None:
    """Doctype, lang and duplicate titles: planted once, absent everywhere else."""
    no_doctype = {p.name for p in html_pages()
                  if not p.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype")}
    assert no_doctype == {"aide.html"}
    no_lang = {p.name for p in html_pages() if not parse(p.name).get("lang")}
    assert no_lang == {"mentions-legales.html"}
    titles: dict[str, list[str]] = {}
    for page in html_pages():
        titles.setdefault(parse(page.name).findtext(".//title").strip(), []).append(page.name)
    assert [sorted(names) for names in titles.values() if len(names) > 1] == [
        ["actualites.html", "agenda.html"]]


# --- expected.toml --------------------------------------------------------------------------

def test_expected_pages_exist_and_entries_are_well_formed() -> None:
    data = expected()
    assert data["defect"] and data["clean"]
    for defect in data["defect"]:
        assert (SITE_DIR / defect["page"]).is_file(), defect
        assert defect["status"] == "NC"
        assert defect["test"].startswith(defect["criterion"] + "."), defect
        assert defect["why"].strip()
        assert re.fullmatch(r"(axe|own|pending):[a-z0-9-]+", defect["detected_by"]), defect
    for clean in data["clean"]:
        assert (SITE_DIR / clean["page"]).is_file(), clean
        assert all(re.fullmatch(r"\d{1,2}\.\d{1,2}", c) for c in clean["criteria"]), clean
    assert {clean["page"] for clean in data["clean"]} == {page.name for page in html_pages()}


def test_axe_and_own_detectors_really_serve_the_expected_test() -> None:
    tags, own = axe_rgaa_tags(), own_check_tests()
    assert tags["image-alt"] == {"1.1.1"}  # the parser itself reads axe.min.js correctly
    for defect in expected()["defect"]:
        source, _, name = defect["detected_by"].partition(":")
        if source == "axe":
            assert defect["test"] in tags.get(name, set()), defect
        elif source == "own":
            assert defect["test"] in own.get(name, set()), defect


def test_clean_criteria_never_contradict_a_planted_defect() -> None:
    defects = {(d["page"], d["criterion"]) for d in expected()["defect"]}
    for clean in expected()["clean"]:
        overlap = {c for c in clean["criteria"] if (clean["page"], c) in defects}
        assert not overlap, f"{clean['page']}: {overlap} listed as clean and as defect"


# --- the server -----------------------------------------------------------------------------

def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_server_binds_to_loopback_and_serves_pages_with_their_type() -> None:
    with serve_demo() as base:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", base)
        status, headers, body = fetch(base + "index.html")
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert body == (SITE_DIR / "index.html").read_bytes()
        assert fetch(base)[2] == body  # the folder serves its index.html
        assert fetch(base + "recherche.html?q=piscine")[0] == 200
        assert fetch(base + "css/site.css")[1]["Content-Type"] == "text/css; charset=utf-8"
        assert fetch(base + "img/actu-marche.jpg")[1]["Content-Type"] == "image/jpeg"
        assert fetch(base + "media/conseil-municipal.webm")[1]["Content-Type"] == "video/webm"


def test_server_answers_404_for_missing_files_and_paths_outside_the_site() -> None:
    with serve_demo() as base:
        assert fetch(base + "nulle-part.html")[0] == 404
        port = int(urlsplit(base).port or 0)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/../server.py")
        assert connection.getresponse().status == 404
        connection.close()


def test_server_gzips_text_only_when_the_client_accepts_it() -> None:
    with serve_demo() as base:
        plain = (SITE_DIR / "index.html").read_bytes()
        status, headers, body = fetch(base + "index.html", {"Accept-Encoding": "gzip, br"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert int(headers["Content-Length"]) == len(body) < len(plain)
        assert gzip.decompress(body) == plain
        assert "Content-Encoding" not in fetch(base + "index.html")[1]
        refused = fetch(base + "index.html", {"Accept-Encoding": "gzip;q=0"})[1]
        assert "Content-Encoding" not in refused
        image = fetch(base + "img/actu-marche.jpg", {"Accept-Encoding": "gzip"})[1]
        assert "Content-Encoding" not in image


def test_server_handles_head_and_redirects_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("<!DOCTYPE html><title>t</title>x")
    with serve_directory(tmp_path) as base:
        request = urllib.request.Request(base + "sub/index.html", method="HEAD")
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200 and response.read() == b""
        connection = http.client.HTTPConnection("127.0.0.1", int(urlsplit(base).port or 0))
        connection.request("GET", "/sub")
        response = connection.getresponse()
        assert (response.status, response.getheader("Location")) == (301, "/sub/")
        connection.close()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "sub/index.html", timeout=2)  # stopped on exit


def test_serve_directory_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError), serve_directory(tmp_path / "absent"):
        pass


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True),
    ("gzip;q=0", False), ("br", False), ("", False), (None, False), ("gzip;q=x", False),
])
def test_accepts_gzip(header: str | None, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted
