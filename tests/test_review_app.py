"""The review app over HTTP (Starlette's test client): who may ask, what a decision writes
to the verdicts file, bulk decisions with exceptions and confirmation, and bad input."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx2
    from starlette.testclient import TestClient

from rgaa_audit.conclude.manual import judged_fingerprint
from rgaa_audit.conclude.verdicts_file import SCHEMA, VerdictsError, load_verdicts
from rgaa_audit.referential import load_referential
from rgaa_audit.review.app import create_app
from rgaa_audit.review.grid import Filter, queue
from rgaa_audit.review.state import Review

REF = load_referential()
SITE = "http://127.0.0.1:8000"
TOKEN = "secret-token-for-tests"


def _jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (120, 40), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


JPEG = _jpeg()
LOGO = {"test": "1.1.1", "selector": "header > img", "snippet": "<img src=logo.svg alt=''>",
        "message": "Image marquée décorative : confirmer.", "source": "rgaa-audit:x",
        "kind": "to-verify", "crop": "evidence/p1-1.jpg"}
HOSTILE = {"test": "1.1.1", "selector": "main > img", "kind": "failure", "source": "axe:x",
           "snippet": "<img src=x onerror=alert(1)><script>alert('snippet')</script>",
           "message": "<b>alt</b> absent <script>alert('message')</script>"}


def _cells(**special) -> dict:
    criteria = {c.id: {"status": "NT", "tests": {t.id: "NT" for t in c.tests}, "findings": [],
                       "to_verify": []} for c in REF.criteria.values()}
    for criterion, cell in special.items():
        criteria[criterion.replace("_", ".")] = cell
    return criteria


def make_out_dir(folder: Path) -> Path:
    """An audit folder with three pages: a home page with an image to verify (and its crop),
    a news page whose title and image are hostile, and a contact page; 8.5 decided C."""
    decided = {"status": "C", "tests": {"8.5.1": "C"}, "findings": [], "to_verify": []}
    pages = [
        ("/", "Accueil", _cells(**{"1_1": {"status": "NT", "tests": {"1.1.1": "NT"},
                                           "findings": [], "to_verify": [LOGO]},
                                   "8_5": decided})),
        ("/actualites/une.html", "<script>alert('title')</script> Actualité",
         _cells(**{"1_1": {"status": "NC", "tests": {"1.1.1": "NC"}, "findings": [HOSTILE],
                           "to_verify": []}, "8_5": decided})),
        ("/contact.html", "Contact", _cells(**{"8_5": decided})),
    ]
    report = {
        "schema": "rgaa-audit/report/1", "tool": {"version": "0.1.0"}, "lang": "fr",
        "site": SITE, "site_findings": {}, "summary": {},
        "pages": [{"url": SITE + path, "final_url": SITE + path, "status": "audited",
                   "http_status": 200, "error": None, "title": title, "rate": None,
                   "criteria": criteria} for path, title, criteria in pages],
    }
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    (folder / "evidence" / "p1-1.jpg").write_bytes(JPEG)
    (folder / "secret.jpg").write_bytes(JPEG)
    (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


@pytest.fixture
def setup(tmp_path):
    out = make_out_dir(tmp_path / "audit")
    verdicts = tmp_path / "verdicts.toml"
    review = Review(out, verdicts)
    client = TestClient(create_app(review, TOKEN), base_url="http://127.0.0.1:8765")
    return review, client, verdicts


def _post(client, path, data, json_answer=False, **headers):
    if json_answer:
        headers["accept"] = "application/json"
    return client.post(f"/{TOKEN}{path}", data=data, headers=headers, follow_redirects=False)


# --- who may ask ---------------------------------------------------------------------------


def test_every_request_needs_the_token(setup):
    _, client, verdicts = setup
    assert client.get(f"/{TOKEN}/").status_code == 200
    for path in ("/", "/static/review.css", "/wrong/", f"/{TOKEN}x/", f"/{TOKEN[:-1]}/",
                 "/cell/0/1.1", "/evidence/p1-1.jpg"):
        assert client.get(path).status_code == 403, path
    answer = client.post("/cell/0/1.1", data={"status": "C"})
    assert answer.status_code == 403 and not verdicts.exists()


def test_other_hosts_and_origins_are_refused(setup):
    _, client, verdicts = setup
    assert client.get(f"/{TOKEN}/", headers={"host": "localhost:8765"}).status_code == 200
    for host in ("evil.example", "evil.example:8765", "127.0.0.1.evil.example", "0.0.0.0"):
        assert client.get(f"/{TOKEN}/", headers={"host": host}).status_code == 403, host
    answer = _post(client, "/cell/0/1.1", {"status": "C"}, origin="http://evil.example")
    assert answer.status_code == 403 and not verdicts.exists()
    answer = _post(client, "/cell/0/1.1", {"status": "C"}, origin="null")
    assert answer.status_code == 403 and not verdicts.exists()
    assert _post(client, "/cell/0/1.1", {"status": "C"},
                 origin="http://127.0.0.1:8765").status_code == 303


def test_pages_send_no_referrer_outside_and_allow_no_outside_script(setup):
    _, client, _ = setup
    headers = client.get(f"/{TOKEN}/").headers
    assert headers["referrer-policy"] == "same-origin"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"


# --- one decision --------------------------------------------------------------------------


def test_a_decision_is_written_to_the_file_at_once(setup):
    review, client, verdicts = setup
    answer = _post(client, "/cell/0/1.1", {
        "status": "NC", "comment": "Le logo porte le nom de la ville.", "impact": "major",
        "recommendation": "Donner alt=\"Val-Fleuri\".", "auditor": "A. Martin",
        "justification": "", "until": "", "alternative": "", "after": "stay"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/{TOKEN}/cell/0/1.1?saved=1"
    saved = load_verdicts(verdicts, REF).verdicts
    assert len(saved) == 1
    verdict = saved[0]
    assert (verdict.page, verdict.criterion, verdict.status, verdict.impact) == (
        "/", "1.1", "NC", "major")
    assert verdict.comment == "Le logo porte le nom de la ville."
    assert verdict.auditor == "A. Martin" and verdict.tool.startswith("rgaa-audit ")
    assert verdict.fingerprint == judged_fingerprint(review.pages[0], "1.1")
    assert verdict.fingerprint.startswith("items:")
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", verdict.date)
    text = verdicts.read_text(encoding="utf-8")
    assert text.count("[[verdict]]") == 1 and f'schema = "{SCHEMA}"' in text
    page = client.get(f"/{TOKEN}/cell/0/1.1").text
    assert "Le logo porte le nom de la ville." in page and 'value="NC" data-key="n" checked' in page


def test_a_json_answer_gives_the_cell_and_the_new_rates(setup):
    review, client, _ = setup
    before = review.progress()
    answer = _post(client, "/cell/1/2.1", {"status": "C", "after": "next"}, json_answer=True)
    data = answer.json()
    assert answer.status_code == 200 and data["ok"] is True
    assert data["cell"] == {"status": "C", "mark": "manual"}
    assert data["progress"]["decided"] == before["decided"] + 1
    assert (before["average_rate"], data["progress"]["average_rate"]) == (83.33, 88.89)
    assert "Cellules décidées" in data["progress_html"]
    assert data["next"].startswith(f"/{TOKEN}/cell/")


def test_a_saved_decision_replaces_the_previous_one_and_can_be_removed(setup):
    _, client, verdicts = setup
    _post(client, "/cell/2/1.1", {"status": "C", "comment": "premier"})
    _post(client, "/cell/2/1.1", {"status": "NA", "comment": "second", "impact": "major"})
    saved = load_verdicts(verdicts, REF).verdicts
    assert [(v.status, v.comment, v.impact) for v in saved] == [("NA", "second", "")]
    _post(client, "/cell/2/1.1", {"action": "clear"})
    assert load_verdicts(verdicts, REF).verdicts == ()


def test_without_javascript_save_and_next_goes_to_the_next_cell_of_the_filter(setup):
    review, client, _ = setup
    flt = Filter(show="todo")
    order = queue(review, flt)
    assert order[0] == (0, "1.1")  # the cell with an element to verify comes first
    answer = _post(client, f"/cell/0/1.1{flt.query()}", {"status": "C", "after": "next"})
    index, criterion = order[1]
    assert answer.headers["location"] == f"/{TOKEN}/cell/{index}/{criterion}?show=todo&saved=1"


def test_a_bad_decision_is_refused_and_nothing_is_written(setup):
    _, client, verdicts = setup
    for data, message in [
        ({"status": "NT"}, "Choisissez un statut"),
        ({"status": "NC", "impact": "huge"}, "Impact inconnu"),
        ({"status": "NA", "justification": "Trop cher", "until": "31/12/2026"}, "AAAA-MM-JJ"),
        ({"status": "NA", "alternative": "PDF"}, "justification"),
    ]:
        answer = _post(client, "/cell/0/1.1", data)
        assert answer.status_code == 400 and message in answer.text, data
        json_answer = _post(client, "/cell/0/1.1", data, json_answer=True)
        assert json_answer.status_code == 400 and message in json_answer.json()["error"]
    assert not verdicts.exists()
    assert client.get(f"/{TOKEN}/cell/9/1.1").status_code == 404
    assert client.get(f"/{TOKEN}/cell/0/99.1").status_code == 404


def test_a_derogation_is_saved_with_its_parts(setup):
    _, client, verdicts = setup
    _post(client, "/cell/1/1.1", {"status": "NA", "justification": "Archive 2010",
                                  "until": "2027-06-30", "alternative": "Version texte"})
    verdict = load_verdicts(verdicts, REF).verdicts[0]
    assert verdict.derogation is not None
    assert (verdict.derogation.justification, verdict.derogation.until,
            verdict.derogation.alternative) == ("Archive 2010", "2027-06-30", "Version texte")


# --- bulk decisions ------------------------------------------------------------------------


def test_bulk_on_every_page_with_an_exception(setup):
    review, client, verdicts = setup
    answer = _post(client, "/criterion/2.1", {"status": "NA", "scope": "all", "except": "1",
                                              "comment": "Aucun cadre."})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/{TOKEN}/criterion/2.1?done=2"
    saved = load_verdicts(verdicts, REF).verdicts
    assert sorted(v.page for v in saved) == ["/", "/contact.html"]
    assert {(v.status, v.comment) for v in saved} == {("NA", "Aucun cadre.")}
    assert review.cell(1, "2.1")["status"] == "NT"
    assert "2 cellule(s) décidée(s)" in client.get(answer.headers["location"]).text


def test_bulk_never_replaces_a_decided_cell_without_confirmation(setup):
    review, client, verdicts = setup
    data = {"status": "C", "scope": "all"}
    answer = _post(client, "/criterion/1.1", data)
    # page 2 is NC by the checks: it would change, so nothing is done before confirming
    assert answer.status_code == 409 and not verdicts.exists()
    assert "1 cellule(s) déjà décidée(s) changeraient" in answer.text
    assert _post(client, "/criterion/1.1", data, json_answer=True).json() == {
        "ok": False, "confirm": 1}
    _post(client, "/criterion/1.1", {**data, "confirm": "skip"})
    assert sorted(v.page for v in load_verdicts(verdicts, REF)) == ["/", "/contact.html"]
    assert review.cell(1, "1.1")["status"] == "NC"
    # a manual decision counts as decided too
    _post(client, "/cell/0/1.1", {"status": "NC"})
    answer = _post(client, "/criterion/1.1", {**data, "status": "NA"})
    assert answer.status_code == 409 and "3 cellule(s) déjà décidée(s)" in answer.text
    _post(client, "/criterion/1.1", {**data, "status": "NA", "confirm": "replace"})
    saved = load_verdicts(verdicts, REF).verdicts
    assert sorted((v.page, v.status) for v in saved) == [
        ("/", "NA"), ("/actualites/une.html", "NA"), ("/contact.html", "NA")]
    assert review.cell(1, "1.1")["contested"] is True


def test_bulk_same_status_leaves_decided_cells_alone(setup):
    _, client, verdicts = setup
    answer = _post(client, "/criterion/8.5", {"status": "C", "scope": "all"})
    assert answer.headers["location"].endswith("done=0") and not verdicts.exists()


def test_bulk_on_pages_matching_a_glob_or_without_elements(setup):
    _, client, verdicts = setup
    _post(client, "/criterion/5.1", {"status": "NA", "scope": "glob", "glob": "/actualites/*"})
    assert [v.page for v in load_verdicts(verdicts, REF)] == ["/actualites/une.html"]
    _post(client, "/criterion/1.1", {"status": "NA", "scope": "empty"})
    by_criterion = {(v.page, v.criterion) for v in load_verdicts(verdicts, REF)}
    assert ("/contact.html", "1.1") in by_criterion and ("/", "1.1") not in by_criterion
    answer = _post(client, "/criterion/5.1", {"status": "NA", "scope": "glob", "glob": " "})
    assert answer.status_code == 400 and "motif" in answer.text


# --- files, bad input, escaping, language --------------------------------------------------


def test_a_bad_verdicts_file_is_one_clear_error(tmp_path):
    out = make_out_dir(tmp_path / "audit")
    bad = tmp_path / "verdicts.toml"
    bad.write_text(f'schema = "{SCHEMA}"\n\n[[verdict]]\npage = "/"\ncriterion = "99.1"\n'
                   'status = "C"\n', encoding="utf-8")
    with pytest.raises(VerdictsError) as error:
        Review(out, bad)
    assert error.value.text("en") == f'{bad}:5: verdict 1: "99.1" is not an RGAA 4.1.2 criterion'


def test_a_file_broken_while_the_app_runs_is_never_written_over(setup):
    _, client, verdicts = setup
    _post(client, "/cell/0/1.1", {"status": "C"})
    broken = verdicts.read_text(encoding="utf-8").replace('status = "C"', 'status = "OK"')
    verdicts.write_text(broken, encoding="utf-8")
    page = client.get(f"/{TOKEN}/")
    assert "ne se lit plus" in page.text and 'status \\"OK\\"' not in page.text
    answer = _post(client, "/cell/2/1.1", {"status": "NA"})
    assert answer.status_code == 400 and "ne se lit plus" in answer.text
    assert verdicts.read_text(encoding="utf-8") == broken
    verdicts.write_text(broken.replace('"OK"', '"NC"'), encoding="utf-8")
    assert _post(client, "/cell/2/1.1", {"status": "NA"}).status_code == 303
    assert sorted(v.status for v in load_verdicts(verdicts, REF)) == ["NA", "NC"]


def test_everything_from_the_audited_site_is_escaped(setup):
    _, client, _ = setup
    for path in ("/", "/cell/1/1.1", "/criterion/1.1", "/?show=contested"):
        html = client.get(f"/{TOKEN}{path}").text
        assert "<script>" not in html and "onerror=alert" not in html.replace(
            "onerror=alert(1)&gt;", ""), path
    cell = client.get(f"/{TOKEN}/cell/1/1.1").text
    assert "&lt;script&gt;alert(&#39;snippet&#39;)&lt;/script&gt;" in cell
    assert "&lt;b&gt;alt&lt;/b&gt; absent" in cell


def test_crops_come_from_the_evidence_folder_only(setup):
    _, client, _ = setup
    cell = client.get(f"/{TOKEN}/cell/0/1.1").text
    assert f'src="/{TOKEN}/evidence/p1-1.jpg" alt="Capture de l&#39;élément header &gt; img' in cell
    answer = client.get(f"/{TOKEN}/evidence/p1-1.jpg")
    assert answer.status_code == 200 and answer.content == JPEG
    assert answer.headers["content-type"] == "image/jpeg"
    for name in ("..%2Fsecret.jpg", "%2E%2E%2Fsecret.jpg", "..%2F..%2Freport.json",
                 "p1-1.png", ".hidden.jpg"):
        assert client.get(f"/{TOKEN}/evidence/{name}").status_code == 404, name
    assert client.get(f"/{TOKEN}/static/../app.py").status_code in (403, 404)
    assert client.get(f"/{TOKEN}/static/app.py").status_code == 404


def test_the_app_speaks_the_language_asked_entirely(tmp_path):
    out = make_out_dir(tmp_path / "audit")
    review = Review(out, tmp_path / "v.toml")
    client = TestClient(create_app(review, TOKEN, "en"), base_url="http://127.0.0.1")
    for path in ("/", "/cell/0/1.1", "/criterion/1.1"):
        html = client.get(f"/{TOKEN}{path}").text
        assert '<html lang="en">' in html
        for french in ("Grille", "Critère", "Enregistrer", "Statut", "Conforme", "décid"):
            assert french not in html, (path, french)
    assert "Informative images have a text alternative" in client.get(
        f"/{TOKEN}/cell/0/1.1").text


def test_filters_keep_the_cells_asked(setup):
    _, client, _ = setup
    todo = client.get(f"/{TOKEN}/?show=todo").text
    assert "8.5</a></th>" not in todo and "1.1</a></th>" in todo
    _post(client, "/cell/1/1.1", {"status": "C"})
    contested = client.get(f"/{TOKEN}/?show=contested").text
    assert contested.count('<th scope="row">') == 1 and "1.1</a></th>" in contested
    theme = client.get(f"/{TOKEN}/?theme=2").text
    assert theme.count('<th scope="row">') == 2
    one_page = client.get(f"/{TOKEN}/?page=2").text
    assert one_page.count("<td") == len(REF.criteria)


def test_deciding_every_cell_makes_the_audit_complete(setup):
    review, client, verdicts = setup
    for criterion in REF.criteria:
        _post(client, f"/criterion/{criterion}", {"status": "NA", "scope": "all",
                                                  "confirm": "skip"})
    progress = review.progress()
    assert progress["untested"] == 0 and progress["decided"] == progress["total"] == 3 * 106
    assert progress["complete"] is True and progress["provisional"] is False
    assert "complet" in client.get(f"/{TOKEN}/").text
    assert len(load_verdicts(verdicts, REF)) == 3 * 106 - 3 - 1  # 8.5 C ×3, 1.1 NC on page 2


def test_a_verdict_whose_page_changed_is_shown_to_check_again(tmp_path):
    out = make_out_dir(tmp_path / "audit")
    verdicts = tmp_path / "verdicts.toml"
    verdicts.write_text(f'schema = "{SCHEMA}"\n\n[[verdict]]\npage = "/"\ncriterion = "1.1"\n'
                        'status = "C"\ncomment = "Logo décoratif."\ndate = "2026-01-15"\n'
                        'fingerprint = "items:0123456789abcdef0123"\n', encoding="utf-8")
    review = Review(out, verdicts)
    client = TestClient(create_app(review, TOKEN), base_url="http://127.0.0.1")
    assert review.cell(0, "1.1")["status"] == "NT"
    recheck = client.get(f"/{TOKEN}/?show=recheck").text
    assert recheck.count('<th scope="row">') == 1 and "à revérifier" in recheck
    cell = client.get(f"/{TOKEN}/cell/0/1.1").text
    assert "Une décision précédente (C, du 2026-01-15) ne vaut plus" in cell
    assert "Logo décoratif." in cell
    _post(client, "/cell/0/1.1", {"status": "C", "comment": "Logo décoratif."})
    verdict = load_verdicts(verdicts, REF).verdicts[0]
    assert verdict.fingerprint == judged_fingerprint(review.pages[0], "1.1")
    assert review.cell(0, "1.1")["status"] == "C" and "recheck" not in review.cell(0, "1.1")


# --- transverse decisions: one verdict for a shared component ------------------------------

def _with_components(folder: Path) -> Path:
    """The audit folder where P1 and P2 share one header and P3 has another; all share one
    footer."""
    report_file = folder / "report.json"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    headers = ["aaaa1111", "aaaa1111", "bbbb2222"]
    for page, header in zip(report["pages"], headers, strict=True):
        page["fingerprints"] = {"content": "c0ffee",
                                "components": {"header": header, "footer": "f00t"}}
    report_file.write_text(json.dumps(report), encoding="utf-8")
    return folder


@pytest.fixture
def shared(tmp_path):
    out = _with_components(make_out_dir(tmp_path / "audit"))
    verdicts = tmp_path / "verdicts.toml"
    review = Review(out, verdicts)
    client = TestClient(create_app(review, TOKEN), base_url="http://127.0.0.1:8765")
    return review, client, verdicts


def test_the_cell_offers_to_decide_for_each_shared_component(shared):
    _, client, _ = shared
    page = client.get(f"/{TOKEN}/cell/0/12.6").text
    assert 'name="scope" value="page" checked' in page
    assert 'value="component:header"' in page and 'value="component:footer"' in page
    assert "« en-tête », identique sur 2 page(s) : P1, P2" in page
    assert "Sur 1 autre(s) page(s) (P3), ce composant est différent" in page
    assert "« pied de page », identique sur 3 page(s) : P1, P2, P3" in page
    plain = Review(make_out_dir(shared[0].out_dir.parent / "plain"),
                   shared[0].out_dir.parent / "plain.toml")
    other = TestClient(create_app(plain, TOKEN), base_url="http://127.0.0.1:8765")
    assert 'name="scope"' not in other.get(f"/{TOKEN}/cell/0/12.6").text


def test_a_transverse_decision_writes_one_verdict_for_the_identical_component(shared):
    review, client, verdicts = shared
    answer = _post(client, "/cell/0/12.6", {
        "status": "NC", "scope": "component:header", "comment": "Le bandeau n'est pas une "
        "région banner.", "impact": "major", "auditor": "A. Martin", "after": "stay"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/{TOKEN}/cell/0/12.6?saved=shared-header"
    saved = load_verdicts(verdicts, REF).verdicts
    assert len(saved) == 1
    verdict = saved[0]
    assert (verdict.page, verdict.component, verdict.criterion, verdict.status) == (
        "transverse", "header", "12.6", "NC")
    assert verdict.fingerprint == "component:aaaa1111"
    assert (verdict.impact, verdict.auditor) == ("major", "A. Martin")
    assert verdict.tool.startswith("rgaa-audit ") and verdict.comment.startswith("Le bandeau")
    # P1 and P2 (identical header) are decided, by the transverse verdict; P3 stays NT
    assert [review.cell(i, "12.6")["status"] for i in range(3)] == ["NC", "NC", "NT"]
    assert [review.cell(i, "12.6").get("transverse") for i in range(3)] == [
        "header", "header", None]
    grid = client.get(f"/{TOKEN}/").text
    assert grid.count("12.6, P1, décision transverse (composant « en-tête »)") == 1
    assert grid.count("12.6, P2, décision transverse (composant « en-tête »)") == 1
    assert "12.6, P3, décision transverse" not in grid
    shown = client.get(answer.headers["location"]).text
    assert "Décision transverse enregistrée pour « en-tête » : 2 page(s) décidée(s)" in shown
    third = client.get(f"/{TOKEN}/cell/1/12.6").text
    assert "Décidé une fois pour le composant partagé « en-tête »" in third
    assert "Retirer la décision transverse" in third


def test_a_page_verdict_keeps_precedence_and_the_app_says_how_many(shared):
    review, client, verdicts = shared
    _post(client, "/cell/1/12.6", {"status": "C", "comment": "vu sur la page"})
    page = client.get(f"/{TOKEN}/cell/0/12.6").text
    assert ("Pages ayant déjà leur propre décision (page ou motif) pour ce critère : 1 (P2) ; "
            "elle garde la priorité sur la décision transverse.") in page
    answer = _post(client, "/cell/0/12.6", {"status": "NC", "scope": "component:header"},
                   json_answer=True)
    data = answer.json()
    assert data["ok"] is True
    assert data["message"] == ("Décision transverse enregistrée pour « en-tête » : "
                               "1 page(s) décidée(s) ; 1 gardent leur propre décision.")
    saved = load_verdicts(verdicts, REF).verdicts
    assert sorted((v.page, v.status) for v in saved) == [
        ("/actualites/une.html", "C"), ("transverse", "NC")]
    assert [review.cell(i, "12.6")["status"] for i in range(3)] == ["NC", "C", "NT"]
    assert review.cell(1, "12.6").get("transverse") is None


def test_a_second_transverse_decision_replaces_the_first_and_says_so(shared):
    review, client, verdicts = shared
    _post(client, "/cell/0/12.6", {"status": "NC", "scope": "component:header"})
    page = client.get(f"/{TOKEN}/cell/2/12.6").text
    assert "Remplace la décision transverse NC du" in page
    _post(client, "/cell/2/12.6", {"status": "C", "scope": "component:header"})
    saved = load_verdicts(verdicts, REF).verdicts
    assert [(v.component, v.status, v.fingerprint) for v in saved] == [
        ("header", "C", "component:bbbb2222")]
    assert [review.cell(i, "12.6")["status"] for i in range(3)] == ["NT", "NT", "C"]
    _post(client, "/cell/2/12.6", {"action": "clear-component:header"})
    assert load_verdicts(verdicts, REF).verdicts == ()


def test_a_component_the_page_lacks_is_refused(shared):
    _, client, verdicts = shared
    answer = _post(client, "/cell/0/12.6", {"status": "C", "scope": "component:search"})
    assert answer.status_code == 400
    assert "Ce composant partagé n&#39;est pas sur cette page." in answer.text
    assert not verdicts.exists()


def test_the_transverse_control_speaks_english_entirely(tmp_path):
    review = Review(_with_components(make_out_dir(tmp_path / "audit")), tmp_path / "v.toml")
    client = TestClient(create_app(review, TOKEN, "en"), base_url="http://127.0.0.1")
    _post(client, "/cell/0/12.6", {"status": "C", "scope": "component:header"})
    for path in ("/", "/cell/0/12.6", "/cell/2/12.6"):
        html = client.get(f"/{TOKEN}{path}").text
        for french in ("Décider pour", "composant", "transverse (", "identique", "décid",
                       "en-tête", "pied de page"):
            assert french not in html, (path, french)
    html = client.get(f"/{TOKEN}/cell/0/12.6").text
    assert "the shared component “header”, identical on 2 page(s): P1, P2" in html
    assert "Decided once for the shared component “header”, identical on this page." in html
