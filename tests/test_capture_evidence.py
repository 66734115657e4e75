"""Evidence crops: pure crop logic, then a real page with a failing image end to end."""

from __future__ import annotations

import asyncio
import io
import json

import pytest
from PIL import Image

from rgaa_audit.checks.page import PageDocument
from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.pipeline import AuditSettings, _Recorder, run_audit
from rgaa_audit.snapshot import PageSnapshot
from rgaa_audit.store.evidence import MAX_SIZE, crop_box, crop_jpeg, finding_rect, parse_rect
from rgaa_audit.store.files import PagesLog
from tests.support.routes import Route, serve_routes
from tests.support.tab import open_tab


def _png(colour: str, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


# --- pure logic ---------------------------------------------------------------------------

def test_rects_are_parsed_and_bad_ones_refused() -> None:
    assert parse_rect("10,20,30,40") == (10, 20, 30, 40)
    assert parse_rect([1, 2, 3.4, 4]) == (1, 2, 3, 4)
    assert parse_rect("1,2,0,4") is None and parse_rect("a,b,c,d") is None
    assert parse_rect("1,2,3") is None and parse_rect(None) is None


def test_crop_box_is_padded_and_kept_inside_the_image() -> None:
    assert crop_box((100, 100, 50, 20), (1280, 900)) == (92, 92, 158, 128)
    assert crop_box((0, 0, 50, 20), (1280, 900)) == (0, 0, 58, 28)
    assert crop_box((1270, 890, 50, 50), (1280, 900)) == (1262, 882, 1280, 900)
    assert crop_box((5000, 5000, 10, 10), (1280, 900)) is None


def test_big_elements_are_shrunk_to_the_maximum_size() -> None:
    image = Image.new("RGB", (1280, 2000), "blue")
    data = crop_jpeg(image, (0, 0, 1280, 1500))
    assert data is not None and data[:2] == b"\xff\xd8"
    with Image.open(io.BytesIO(data)) as crop:
        assert crop.width <= MAX_SIZE[0] and crop.height <= MAX_SIZE[1]


def test_own_findings_find_their_rect_through_the_selector() -> None:
    html = ("<html><body><img id='a' data-ra-rect='1,2,3,4'><p><img data-ra-rect='5,6,7,8'>"
            "</p></body></html>")
    doc = PageDocument(PageSnapshot.from_html(html))
    own = {"source": "rgaa-audit:x"}
    assert finding_rect({**own, "selector": "#a"}, doc, {}) == (1, 2, 3, 4)
    assert finding_rect({**own, "selector": "html > body > p > img"}, doc, {}) == (5, 6, 7, 8)
    assert finding_rect({**own, "selector": "html"}, doc, {}) is None
    assert finding_rect({**own, "selector": "p > img…"}, doc, {}) is None
    axe = {"source": "axe:image-alt", "selector": "img"}
    assert finding_rect(axe, doc, {"img": (9, 9, 9, 9)}) == (9, 9, 9, 9)


# --- a real page ------------------------------------------------------------------------------

PAGE = ("<!doctype html><html lang='fr'><head><title>Image</title></head><body><main>"
        "<h1>Photos</h1><p>Texte</p><div style='margin:1200px 0 0 200px'>"
        "<img src='/rouge.png' width='200' height='100'></div></main></body></html>")
SITE = {"/": Route(PAGE),
        "/rouge.png": Route(_png("#ff0000", (200, 100)), content_type="image/png")}


def _crops(report: dict) -> list[dict]:
    return [f for page in report["pages"] for v in page["criteria"].values()
            for f in v["findings"] if "crop" in f]


@pytest.mark.browser
def test_failing_image_gets_a_crop(browser_choice, tmp_path) -> None:
    with serve_routes(SITE) as base:
        settings = AuditSettings(CrawlSettings(max_pages=1, use_sitemaps=False))
        report = run_audit(browser_choice, settings, Progress(), tmp_path, start_url=base + "/")
    crops = [f for f in _crops(report) if f["test"] == "1.1.1"]
    assert crops, "the image without alt has no crop"
    path = tmp_path / crops[0]["crop"]
    assert crops[0]["crop"].startswith("evidence/") and path.is_file()
    assert path.read_bytes()[:2] == b"\xff\xd8" and path.stat().st_size < 60_000
    with Image.open(path) as crop:
        assert crop.width <= 600 and crop.height <= 300
        red, green, blue = crop.convert("RGB").getpixel((crop.width // 2, crop.height // 2))
        assert red > 200 and green < 60 and blue < 60  # it is the image, not somewhere else
    stored = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert _crops(stored)
    assert "screenshot" not in (tmp_path / "pages.jsonl").read_text(encoding="utf-8")


async def _snapshot_and_band(choice, url: str) -> tuple[PageSnapshot, bytes]:
    async with open_tab(choice) as tab:
        snapshot = await tab.capture(url)
        return snapshot, await tab.photograph(1150, 1350)


@pytest.mark.browser
def test_the_tab_photographs_a_band_below_the_fold(browser_choice) -> None:
    with serve_routes(SITE) as base:
        snapshot, band = asyncio.run(_snapshot_and_band(browser_choice, base + "/"))
    assert snapshot.status.value == "audited"
    with Image.open(io.BytesIO(band)) as picture:
        assert picture.size == (1280, 200)
        rect = parse_rect(PageDocument(snapshot).css("img")[0].get("data-ra-rect"))
        assert rect is not None
        x, y, w, h = rect
        red, green, blue = picture.convert("RGB").getpixel((x + w // 2, y + h // 2 - 1150))
        assert red > 200 and green < 60 and blue < 60  # the image, 1,150 px down the page


# --- the recorder asks for one band, and only when a failure has a box ------------------------

FAILING = ("<!doctype html><html lang='fr'><head><title>T</title></head><body><main><h1>T</h1>"
           "<img src='a.png' data-ra-rect='100,1000,200,100'>"
           "<img src='b.png' data-ra-rect='100,1400,200,100'></main></body></html>")
CLEAN = ("<!doctype html><html lang='fr'><head><title>T</title></head><body><main><h1>T</h1>"
         "<img src='a.png' alt='Plan' data-ra-rect='100,1000,200,100'></main></body></html>")


class FakeCamera:
    """Records the bands asked for and answers with a red page band."""

    def __init__(self) -> None:
        self.bands: list[tuple[int, int]] = []

    async def __call__(self, top: int, bottom: int) -> bytes:
        self.bands.append((top, bottom))
        out = io.BytesIO()
        Image.new("RGB", (1280, bottom - top), "#ff0000").save(out, "JPEG")
        return out.getvalue()


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_crop_limit_and_one_band_for_all_crops(tmp_path, limit) -> None:
    camera = FakeCamera()
    recorder = _Recorder(PagesLog(tmp_path), max_crops=limit)
    asyncio.run(recorder(PageSnapshot.from_html(FAILING), camera))
    files = list((tmp_path / "evidence").glob("*.jpg")) if (tmp_path / "evidence").exists() else []
    assert len(files) == limit
    assert len({f["crop"] for f in _crops({"pages": recorder.pages})}) == limit
    expected = {0: [], 1: [(992, 1108)], 2: [(992, 1508)]}[limit]
    assert camera.bands == expected


def test_a_page_without_boxed_failures_is_not_photographed(tmp_path) -> None:
    camera = FakeCamera()
    recorder = _Recorder(PagesLog(tmp_path), max_crops=10)
    asyncio.run(recorder(PageSnapshot.from_html(CLEAN), camera))
    assert camera.bands == [] and recorder.pages[0]["status"] == "audited"


def test_boxes_beyond_one_band_are_left_without_crop(tmp_path) -> None:
    far = FAILING.replace("100,1400,200,100", "100,9000,200,100")
    camera = FakeCamera()
    recorder = _Recorder(PagesLog(tmp_path), max_crops=10)
    asyncio.run(recorder(PageSnapshot.from_html(far), camera))
    assert camera.bands == [(992, 1108)]
    assert len(_crops({"pages": recorder.pages})) == 1


def test_a_camera_that_cannot_shoot_costs_no_crop_and_no_page(tmp_path) -> None:
    async def blind(_top: int, _bottom: int) -> bytes:
        return b""

    recorder = _Recorder(PagesLog(tmp_path), max_crops=10)
    asyncio.run(recorder(PageSnapshot.from_html(FAILING), blind))
    assert recorder.pages[0]["status"] == "audited" and not _crops({"pages": recorder.pages})
