"""The review app in a real Chromium: cells decided by mouse and by keyboard, saved to the
verdicts file at once, still there after a reload, rates changing on the page; bulk decisions
by keyboard; the app without JavaScript; 320 px reflow; and rgaa-audit's own audit of the
app's views, which must find no non-compliant criterion.

Run as a script, it also takes the screenshots of docs/review/ and counts the keystrokes of a
full review of an audit folder (see docs/review.md):
    .venv/bin/python -m tests.test_review_browser screenshots OUT_DIR docs/review
    .venv/bin/python -m tests.test_review_browser keystrokes OUT_DIR [SCRATCH_VERDICTS_FILE]
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from rgaa_audit.capture.browser import LAUNCH_ARGS, find_browser
from rgaa_audit.conclude.verdicts_file import load_verdicts
from rgaa_audit.referential import load_referential
from rgaa_audit.review.app import create_app
from rgaa_audit.review.server import running
from rgaa_audit.review.state import Decision, Review
from tests.test_review_app import _with_components, make_out_dir

REF = load_referential()
REPO = Path(__file__).resolve().parents[1]
TOKEN = "browser-test-token"


@contextlib.contextmanager
def chromium(choice) -> Iterator[Browser]:
    executable = str(choice.executable) if choice.executable else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser(browser_choice):
    with chromium(browser_choice) as browser:
        yield browser


@pytest.fixture
def app(tmp_path):
    """(base URL, Review, verdicts file) of an app serving a fresh three-page audit."""
    verdicts = tmp_path / "verdicts.toml"
    review = Review(make_out_dir(tmp_path / "audit"), verdicts)
    with running(create_app(review, TOKEN), TOKEN) as url:
        yield url, review, verdicts


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def _saved(verdicts: Path) -> dict[tuple[str, str], str]:
    return {(v.page, v.criterion): v.status for v in load_verdicts(verdicts, REF)}


def test_decide_a_cell_with_the_mouse_and_see_it_after_a_reload(app, page):
    url, _, verdicts = app
    page.goto(url + "cell/2/1.1")
    average = page.locator('[data-progress="average"]')
    decided = page.locator('[data-progress="decided"]')
    expect(average).to_have_text("83,33\u00a0%")
    before = int(decided.inner_text())
    page.get_by_label("Non conforme (NC)").click()
    page.get_by_label("Commentaire").fill("Le formulaire n'a pas d'étiquettes.")
    page.get_by_label("Impact (pour une non-conformité)").select_option("blocking")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("#announce")).to_have_text("Décision enregistrée dans le fichier de "
                                                   "verdicts.")
    expect(average).to_have_text("66,67\u00a0%")  # the contact page falls from 100 % to 50 %
    assert int(decided.inner_text()) == before + 1
    expect(page.locator("#current")).to_contain_text("Non conforme – décision manuelle")
    verdict = next(iter(load_verdicts(verdicts, REF)))
    assert (verdict.page, verdict.criterion, verdict.status, verdict.impact, verdict.comment) == (
        "/contact.html", "1.1", "NC", "blocking", "Le formulaire n'a pas d'étiquettes.")
    page.reload()
    expect(page.get_by_label("Non conforme (NC)")).to_be_checked()
    expect(page.get_by_label("Commentaire")).to_have_value("Le formulaire n'a pas d'étiquettes.")
    expect(average).to_have_text("66,67\u00a0%")


@pytest.fixture
def shared_app(tmp_path):
    """The app over the three-page audit where P1 and P2 share a header P3 lacks."""
    verdicts = tmp_path / "verdicts.toml"
    review = Review(_with_components(make_out_dir(tmp_path / "audit")), verdicts)
    with running(create_app(review, TOKEN), TOKEN) as url:
        yield url, review, verdicts


def test_decide_a_transverse_cell_with_the_mouse(shared_app, page):
    url, _, verdicts = shared_app
    page.goto(url + "cell/0/12.6")
    page.get_by_label("Non conforme (NC)").click()
    page.get_by_label("le composant partagé « en-tête »").click()
    page.get_by_label("Commentaire").fill("Le bandeau n'est pas une région banner.")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("#announce")).to_have_text(
        "Décision transverse enregistrée pour « en-tête » : 2 page(s) décidée(s) ; "
        "0 gardent leur propre décision.")
    expect(page.locator("#current")).to_contain_text(
        "Non conforme – décision transverse (composant « en-tête »)")
    page.goto(url)
    cells = page.locator("td", has_text="12.6, P")
    for label in ("P1", "P2"):
        expect(page.locator("td", has_text=f"12.6, {label}, décision transverse "
                            "(composant « en-tête »)")).to_have_count(1)
    expect(page.locator("td", has_text="12.6, P3, décision transverse")).to_have_count(0)
    assert cells.count() == 3
    page.reload()
    expect(page.locator("td", has_text="12.6, P2, décision transverse")).to_have_count(1)
    saved = list(load_verdicts(verdicts, REF))
    assert [(v.page, v.component, v.criterion, v.status, v.fingerprint) for v in saved] == [
        ("transverse", "header", "12.6", "NC", "component:aaaa1111")]


def test_decide_a_transverse_cell_with_the_keyboard(shared_app, page):
    url, review, verdicts = shared_app
    page.goto(url + "cell/0/12.6")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("c")
    page.keyboard.press("t")
    expect(page.locator('input[name="scope"][value="component:header"]')).to_be_checked()
    with page.expect_navigation():
        page.keyboard.press("s")
    saved = list(load_verdicts(verdicts, REF))
    assert [(v.page, v.component, v.status) for v in saved] == [("transverse", "header", "C")]
    assert [review.cell(i, "12.6")["status"] for i in range(3)] == ["C", "C", "NT"]


def test_decide_cells_with_the_keyboard(app, page):
    url, review, verdicts = app
    page.goto(url + "cell/0/1.1?show=todo")
    page.keyboard.press("c")
    expect(page.get_by_label("Conforme (C)")).to_be_checked()
    page.keyboard.press("s")  # save and go to the next cell to decide
    page.wait_for_url(lambda u: "/cell/" in u and "/cell/0/1.1?" not in u)
    assert page.url.endswith("?show=todo")
    assert _saved(verdicts) == {("/", "1.1"): "C"}
    second = page.url
    page.keyboard.press("n")
    page.keyboard.press("s")
    page.wait_for_url(lambda u: u != second)
    assert sorted(_saved(verdicts).values()) == ["C", "NC"]
    page.goto(url + "cell/0/1.1?show=todo")  # reload: the decision is still there
    expect(page.get_by_label("Conforme (C)")).to_be_checked()
    # shortcuts never fire while typing
    comment = page.get_by_label("Commentaire")
    comment.click()
    page.keyboard.type("na js?")
    expect(comment).to_have_value("na js?")
    expect(page.get_by_label("Conforme (C)")).to_be_checked()
    assert page.url.endswith("/cell/0/1.1?show=todo")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_focused()
    page.keyboard.press("g")
    page.wait_for_url(f"{url}?show=todo")
    assert review.progress()["decided"] == 3 + 1 + 2  # 8.5 ×3, 1.1 NC, and two decisions


def test_bulk_decision_by_keyboard_asks_before_changing_a_decided_cell(app, page):
    url, _, verdicts = app
    page.goto(url + "criterion/1.1")
    page.keyboard.press("a")
    page.keyboard.press("s")
    confirm = page.locator("#confirm")
    expect(confirm).to_be_focused()
    expect(confirm).to_contain_text("1 cellule(s) déjà décidée(s) changeraient")
    assert not verdicts.exists()
    page.keyboard.press("u")  # decide the untested cells only
    expect(page.get_by_role("status").first).to_have_text("2 cellule(s) décidée(s) et "
                                                          "enregistrée(s).")
    assert _saved(verdicts) == {("/", "1.1"): "NA", ("/contact.html", "1.1"): "NA"}
    page.wait_for_load_state("load")  # the shortcuts' script runs once the page is parsed
    page.keyboard.press("j")
    page.wait_for_url(url + "criterion/1.2")


def test_the_form_works_without_javascript(app, browser):
    url, _, verdicts = app
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(url + "cell/2/1.1")
        tab.get_by_label("Non applicable (NA)").check()
        tab.get_by_role("button", name="Enregistrer et passer à la suivante").click()
        tab.wait_for_url("**saved=1")
        expect(tab.locator("p.saved")).to_be_visible()
        assert _saved(verdicts) == {("/contact.html", "1.1"): "NA"}
        tab.goto(url + "criterion/2.1")
        tab.get_by_label("Non applicable (NA)").check()
        tab.get_by_label("laisser P2 de côté").check()
        tab.get_by_role("button", name="Appliquer").click()
        tab.wait_for_url("**done=2")
        assert {k for k in _saved(verdicts) if k[1] == "2.1"} == {("/", "2.1"),
                                                                   ("/contact.html", "2.1")}
    finally:
        context.close()


def test_every_view_reflows_at_320_px(app, browser):
    url, _, _ = app
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    try:
        for path in ("", "?show=todo", "cell/0/1.1", "cell/1/1.1", "criterion/1.1"):
            tab.goto(url + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, (path, width)
    finally:
        context.close()


def test_the_transverse_control_reflows_at_320_px(shared_app, browser):
    url, review, _ = shared_app
    review.decide(1, "12.6", Decision(status="C"))  # so the precedence note shows
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    try:
        tab.goto(url + "cell/0/12.6")
        expect(tab.locator("fieldset.shared")).to_be_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_rgaa_audit_finds_no_nc_in_the_app(app, browser_choice):
    url, _, _ = app
    _assert_no_nc(url, ["", "?show=todo", "cell/0/1.1", "cell/1/1.1", "criterion/1.1"],
                  browser_choice)


def test_rgaa_audit_finds_no_nc_in_the_transverse_views(shared_app, browser_choice):
    url, review, _ = shared_app
    review.decide_shared(0, "12.6", "header", Decision(status="C"))
    review.decide(1, "1.1", Decision(status="NC", impact="major"))
    _assert_no_nc(url, ["", "cell/0/12.6", "cell/2/12.6", "cell/1/1.1"], browser_choice)


def _assert_no_nc(url: str, paths: list[str], browser_choice) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "cli.py"), "page", *[url + p for p in paths],
         "--format", "json", "--browser-path", str(browser_choice.executable or "")]
        if browser_choice.executable else
        [sys.executable, str(REPO / "cli.py"), "page", *[url + p for p in paths],
         "--format", "json"],
        capture_output=True, text=True, cwd=REPO, timeout=300)
    pages = json.loads(result.stdout)
    assert [p["status"] for p in pages] == ["audited"] * len(paths), result.stderr[-2000:]
    failures = {(p["url"], cid): [f["message"] for f in cell["findings"]]
                for p in pages for cid, cell in p["criteria"].items() if cell["status"] == "NC"}
    assert failures == {}


# --- screenshots and keystrokes (run as a script) ------------------------------------------


def screenshots(out_dir: Path, folder: Path, verdicts: Path) -> list[Path]:
    """The grid and a cell view at 1280 and 320 px wide, as PNG files in `folder`."""
    review = Review(out_dir, verdicts)
    with running(create_app(review, TOKEN), TOKEN) as url, chromium(find_browser()) as browser:
        order = [(i, c) for c in REF.criteria for i in range(len(review.pages))
                 if review.raw_cell(i, c).get("to_verify") and "crop" in json.dumps(
                     review.raw_cell(i, c))]
        index, criterion = order[0] if order else (0, "1.1")
        shots = []
        folder.mkdir(parents=True, exist_ok=True)
        for width in (1280, 320):
            context = browser.new_context(viewport={"width": width, "height": 900})
            tab = context.new_page()
            for name, path in (("grid", "?show=todo"), ("cell", f"cell/{index}/{criterion}"),
                               ("bulk", f"criterion/{criterion}")):
                tab.goto(url + path)
                target = folder / f"{name}-{width}.png"
                height = min(tab.evaluate("document.documentElement.scrollHeight"), 2400)
                tab.screenshot(path=str(target), full_page=True,
                               clip={"x": 0, "y": 0, "width": width, "height": height})
                shots.append(target)
            context.close()
    return shots


def count_keystrokes(out_dir: Path, verdicts: Path) -> dict[str, int]:
    """Review a whole audit with the keyboard only; the keys pressed, criterion by criterion.

    From the grid, `j` opens the first cell and `b` its criterion's bulk view; then for each
    criterion with an untested cell: a status key and `s` (and `u` when decided cells would
    change: only the untested ones are decided), then `j` to the next criterion. The status
    is NA where the checks listed no element on any page, else C: the judgement is the
    auditor's; the count measures what the app asks of the hands.
    """
    review = Review(out_dir, verdicts)
    keys: dict[str, int] = {"navigation": 0, "status": 0, "save": 0, "confirm": 0}
    with running(create_app(review, TOKEN), TOKEN) as url, chromium(find_browser()) as browser:
        tab = browser.new_page()
        tab.goto(url)

        def press(key: str, kind: str, navigates: bool = True) -> None:
            keys[kind] += 1
            if navigates:
                with tab.expect_navigation():
                    tab.keyboard.press(key)
            else:
                tab.keyboard.press(key)

        press("j", "navigation")
        tab.wait_for_url("**/cell/**")
        press("b", "navigation")
        tab.wait_for_url("**/criterion/**")
        for position, criterion in enumerate(REF.criteria):
            tab.wait_for_url(f"**/criterion/{criterion}*")
            untested = [i for i in range(len(review.pages))
                        if review.cell(i, criterion)["status"] == "NT"]
            if untested:
                empty = all(not review.raw_cell(i, criterion).get("findings")
                            and not review.raw_cell(i, criterion).get("to_verify")
                            for i in range(len(review.pages)))
                press("a" if empty else "c", "status", navigates=False)
                press("s", "save")
                if tab.locator("#confirm").count():
                    press("u", "confirm")
                tab.wait_for_url(f"**/criterion/{criterion}?done=*")
            if position + 1 < len(REF.criteria):
                press("j", "navigation")
        keys["total"] = sum(keys.values())
        keys["untested_left"] = review.progress()["untested"]
        keys["cells"] = review.progress()["total"]
    return keys


if __name__ == "__main__":
    command, out = sys.argv[1], Path(sys.argv[2])
    scratch = Path(sys.argv[3] if len(sys.argv) > 3 else "/tmp/review-keystrokes.toml")
    if command == "screenshots":
        for shot in screenshots(out, Path(sys.argv[3]), out / "verdicts.toml"):
            print(shot)
    else:
        scratch.unlink(missing_ok=True)
        print(json.dumps(count_keystrokes(out, scratch)))
