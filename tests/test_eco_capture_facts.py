"""The capture facts the new sobriety checks read, without a browser: the minification
ratio, the cookie booleans from synthetic CDP events, and hostile collector output."""

from __future__ import annotations

import asyncio
import dataclasses

from rgaa_audit.capture.network import (
    BODY_MAX_BYTES,
    BODY_MAX_FILES,
    NetworkRecorder,
    slack_share,
)
from rgaa_audit.eco.registry import MAX_EVIDENCE, run_eco_checks
from rgaa_audit.model import Outcome
from rgaa_audit.snapshot import NetworkEntry, PageSnapshot

PAGE = "https://www.example.gouv.fr/"


# --- minification ratio -----------------------------------------------------------------------

def test_minified_code_has_almost_no_slack() -> None:
    assert slack_share("a{color:red}b{margin:0}" * 50) == 0.0
    assert slack_share("/*! licence MIT */var a=1;function f(b){return b+a}" * 20) == 0.0
    assert slack_share("") == 0.0


def test_comments_and_indentation_are_slack() -> None:
    css = "/* titre */\nh1 {\n    margin: 0;\n    color: red;\n}\n\n" * 30
    js = "// somme\nfunction somme(a, b) {\n    return a + b;\n}\n\n" * 30
    assert slack_share(css) > 0.3
    assert 0.15 < slack_share(js) < 0.6


def test_urls_in_strings_are_not_line_comments() -> None:
    code = "var u='https://exemple.fr/a';var v='http://b.fr';" * 40
    assert slack_share(code) == 0.0


# --- cookie booleans from CDP events ----------------------------------------------------------

def _request(request_id: str, url: str, kind: str = "Stylesheet", headers=None) -> dict:
    return {"requestId": request_id, "type": kind, "frameId": "F",
            "request": {"url": url, "headers": headers or {}}}


def _response(request_id: str, headers: dict) -> dict:
    return {"requestId": request_id,
            "response": {"status": 200, "mimeType": "text/css", "protocol": "http/1.1",
                         "headers": headers, "encodedDataLength": 100}}


def _finish(recorder: NetworkRecorder, request_id: str) -> None:
    recorder._on_finished({"requestId": request_id, "encodedDataLength": 500})


def test_cookie_sent_is_a_boolean_whatever_the_event_order() -> None:
    recorder = NetworkRecorder()
    recorder._on_request(_request("1", PAGE + "a.css"))
    recorder._on_request_extra({"requestId": "1", "headers": {"Cookie": "sid=SECRET1"}})
    recorder._on_request_extra({"requestId": "2", "headers": {"cookie": "sid=SECRET2"}})
    recorder._on_request(_request("2", PAGE + "b.js", "Script"))  # extra info came first
    recorder._on_request(_request("3", PAGE + "c.png", "Image"))
    recorder._on_request_extra({"requestId": "3", "headers": {"Accept": "*/*"},
                                "associatedCookies": [{"blockedReasons": ["SameSiteLax"],
                                                       "cookie": {"value": "SECRET3"}}]})
    for request_id in "123":
        _finish(recorder, request_id)
    sent = {e.url.rsplit("/", 1)[-1]: e.sends_cookie for e in recorder.entries()}
    assert sent == {"a.css": True, "b.js": True, "c.png": False}
    assert "SECRET" not in repr(recorder.entries())


def test_cookie_set_is_seen_in_either_event_and_never_stored() -> None:
    recorder = NetworkRecorder()
    recorder._on_request(_request("1", "https://pixel.example.com/p.gif", "Image"))
    recorder._on_response(_response("1", {"Set-Cookie": "id=SECRET4", "Content-Type": "x"}))
    recorder._on_request(_request("2", "https://other.example.com/q.gif", "Image"))
    recorder._on_response(_response("2", {"Content-Type": "image/gif"}))
    _finish(recorder, "2")
    recorder._on_response_extra({"requestId": "2", "headers": {"set-cookie": "id=SECRET5"}})
    recorder._on_request(_request("3", "https://quiet.example.com/r.gif", "Image"))
    recorder._on_response(_response("3", {"Content-Type": "image/gif"}))
    entries = {e.url.rsplit("/", 1)[-1]: e for e in recorder.entries()}
    assert entries["p.gif"].sets_cookie and entries["q.gif"].sets_cookie
    assert not entries["r.gif"].sets_cookie
    assert "set-cookie" not in entries["p.gif"].headers
    assert entries["p.gif"].headers["content-type"] == "x"
    assert "SECRET" not in repr(recorder.entries())


def test_reset_forgets_cookie_facts() -> None:
    recorder = NetworkRecorder()
    recorder._on_request_extra({"requestId": "9", "headers": {"Cookie": "a=b"}})
    recorder.reset()
    recorder._on_request(_request("9", PAGE + "a.css"))
    assert not recorder.entries()[0].sends_cookie


def test_snapshots_without_the_new_fields_still_load() -> None:
    old = {"url": PAGE, "resource_type": "document", "status": 200}
    entry = NetworkEntry(**old)
    assert (entry.sends_cookie, entry.sets_cookie, entry.slack) == (False, False, None)


# --- hostile collector output -----------------------------------------------------------------

def test_hostile_facts_neither_crash_nor_flood() -> None:
    long_url = PAGE + "<script>alert(1)</script>" + "x" * 5000
    garbage_images = [{"src": long_url + str(i), "nw": 10**12, "nh": "9" if i % 2 else 900,
                       "w": 1, "h": True if i % 2 else 1, "top": 10**15, "lazy": "yes",
                       "visible": True} for i in range(5000)]
    garbage_images.append({"src": PAGE, "top": float("nan"), "nw": float("inf"), "w": -5})
    garbage_images += [None, 3, "img", {"src": 5}, {"src": ""}]
    collected = {
        "viewport": {"height": "900"},
        "eco": {"images": garbage_images, "shownUrls": [None, 7, PAGE + "autre.jpg"] * 100,
                "unreadableCss": "not a list", "complete": "true",
                "fonts": [{"family": ["x"], "weight": None}] * 3000 + ["bad"]},
    }
    network = tuple(NetworkEntry(long_url + str(i), "image", 200, "image/jpeg", 90000)
                    for i in range(300))
    snapshot = dataclasses.replace(PageSnapshot.from_html("<p>x</p>", PAGE), network=network,
                                   collected=collected)
    results = {r.check: r for r in run_eco_checks(snapshot, strict=True)}
    for result in results.values():
        assert result.outcome is not Outcome.CANT_TELL or "internal" not in result.message_en, \
            (result.check, result.message_en)
        assert len(result.evidence) <= MAX_EVIDENCE
        assert all(len(e.target) <= 300 and len(e.detail) <= 300 for e in result.evidence)
        assert "<script>" not in result.message_fr + result.message_en
    assert results["oversized-images"].outcome is Outcome.FAILED
    assert results["lazy-images"].outcome is Outcome.FAILED  # "yes" is not lazy
    # "complete" must be the boolean true: a string does not vouch for the whole page
    assert results["unused-images"].outcome is Outcome.CANT_TELL


def test_a_collector_returning_nonsense_gives_no_pass() -> None:
    network = (NetworkEntry(PAGE + "a.jpg", "image", 200, "image/jpeg", 90000),)
    snapshot = dataclasses.replace(PageSnapshot.from_html("<p>x</p>", PAGE), network=network,
                                   collected={"eco": "nonsense"})
    results = {r.check: r.outcome for r in run_eco_checks(snapshot, strict=True)}
    assert results["unused-images"] is Outcome.CANT_TELL
    assert results["oversized-images"] is Outcome.INAPPLICABLE


# --- bodies read for the slack, bounded -------------------------------------------------------

class FakeSession:
    """A CDP session answering Network.getResponseBody from a dict of bodies."""

    def __init__(self, bodies: dict[str, tuple[str, bool]]) -> None:
        self.bodies = bodies
        self.asked: list[str] = []

    async def send(self, method: str, params: dict) -> dict:
        assert method == "Network.getResponseBody"
        self.asked.append(params["requestId"])
        body, encoded = self.bodies[params["requestId"]]
        return {"body": body, "base64Encoded": encoded}


def _load(recorder: NetworkRecorder, request_id: str, name: str, kind: str, size: int,
          child: bool = False) -> None:
    recorder._on_request(_request(request_id, PAGE + name, kind), child=child)
    recorder._on_response(_response(request_id, {"Content-Type": "text/css"}))
    recorder._on_data({"requestId": request_id, "dataLength": size})
    _finish(recorder, request_id)


def test_slack_is_measured_on_bounded_css_and_js_bodies() -> None:
    verbose = "/* note */\nmain {\n    margin: 0;\n}\n\n" * 100
    bodies = {str(i): ("a{b:c}" * 100, False) for i in range(40)}
    bodies.update({"v": (verbose, False), "b": ("AAAA", True)})

    async def scenario() -> tuple[dict, list[str]]:
        recorder = NetworkRecorder()
        recorder._cdp = FakeSession(bodies)
        _load(recorder, "v", "verbose.css", "Stylesheet", len(verbose))
        _load(recorder, "b", "binary.js", "Script", 4)
        _load(recorder, "big", "huge.js", "Script", BODY_MAX_BYTES + 1)
        _load(recorder, "img", "a.png", "Image", 500)
        _load(recorder, "kid", "frame.js", "Script", 500, child=True)
        for i in range(40):
            _load(recorder, str(i), f"f{i}.css", "Stylesheet", 600)
        await recorder.settle()
        slack = {e.url.rsplit("/", 1)[-1]: e.slack for e in recorder.entries()}
        return slack, recorder._cdp.asked

    slack, asked = asyncio.run(scenario())
    assert slack["verbose.css"] > 0.3
    assert slack["binary.js"] is None  # base64 bodies are not text
    assert slack["huge.js"] is None and slack["a.png"] is None and slack["frame.js"] is None
    assert len(asked) == BODY_MAX_FILES and "big" not in asked and "kid" not in asked
    assert "note" not in repr(slack)
