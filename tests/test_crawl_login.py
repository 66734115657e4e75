"""Logins: the recorded login script (parsed, resolved, played), a storage-state file, secret
headers, and the promise that no credential reaches a report, the crawl state or stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from rgaa_audit.crawl.login import LoginError, LoginScript
from rgaa_audit.crawl.ports import Progress
from rgaa_audit.crawl.settings import CrawlSettings
from rgaa_audit.pipeline import AuditSettings, run_audit
from tests.support.login_site import serve_login_site

REPO = Path(__file__).resolve().parents[1]
USER = "agent.secret-7f3a"
PASSWORD = "mdp-Tr3s-S3cret!"
HEADER_VALUE = "jeton-entete-9c2e51"
SCRIPT = """
[[step]]
goto = "/connexion"
[[step]]
fill = { selector = "#id", value = "${RGAA_TEST_USER}" }
[[step]]
fill = { selector = "#mdp", value = "${RGAA_TEST_PASSWORD}" }
[[step]]
click = "button[type=submit]"
[[step]]
wait_for = "a[href='/espace/dossiers']"
"""
ENV = {"RGAA_TEST_USER": USER, "RGAA_TEST_PASSWORD": PASSWORD}


# -- the script, without a browser ----------------------------------------------------------

def test_script_is_parsed_and_resolved_from_the_environment() -> None:
    script = LoginScript.parse(SCRIPT + '[[step]]\npress = "Enter"\n'
                               '[[step]]\npress = { selector = "#mdp", key = "Tab" }\n')
    assert [s.action for s in script.steps] == ["goto", "fill", "fill", "click", "wait_for",
                                                "press", "press"]
    assert script.variables() == {"RGAA_TEST_USER", "RGAA_TEST_PASSWORD"}
    resolved = script.resolve(ENV)
    assert resolved.steps[1].value == USER and resolved.steps[2].value == PASSWORD
    assert script.steps[2].value == "${RGAA_TEST_PASSWORD}"  # the written form is kept apart
    assert resolved.steps[6].target == "#mdp" and resolved.steps[6].value == "Tab"
    assert set(resolved.secrets) == {USER, PASSWORD}
    assert resolved.mask(f"échec : {PASSWORD} / {USER}") == "échec : *** / ***"
    assert PASSWORD not in repr(resolved) and PASSWORD not in resolved.steps[2].describe()


def test_missing_variable_is_named_never_a_value() -> None:
    with pytest.raises(LoginError, match="RGAA_TEST_PASSWORD") as caught:
        LoginScript.parse(SCRIPT).resolve({"RGAA_TEST_USER": USER})
    assert USER not in str(caught.value)


@pytest.mark.parametrize("text", [
    "",
    "[[step]]\n",
    '[[step]]\ngoto = "/a"\nclick = "b"\n',
    '[[step]]\nhover = "#a"\n',
    '[[step]]\nfill = "#a"\n',
    '[[step]]\nfill = { selector = "#a" }\n',
    'other = 1\n[[step]]\ngoto = "/"\n',
    "[[step]\n",
])
def test_invalid_scripts_are_refused(text: str) -> None:
    with pytest.raises(LoginError):
        LoginScript.parse(text)


def test_script_may_not_leave_the_audited_origin() -> None:
    base = "http://127.0.0.1:8000/"
    LoginScript.parse('[[step]]\ngoto = "/connexion"\n[[step]]\ngoto = "http://127.0.0.1:8000/a"'
                      ).resolve({}).check_origin(base)
    for target in ("https://sso.example.org/login", "http://127.0.0.1:8001/", "//evil.test/"):
        with pytest.raises(LoginError, match="quitte le site"):
            LoginScript.parse(f'[[step]]\ngoto = "{target}"\n').resolve({}).check_origin(base)


def test_settings_store_the_script_path_only(tmp_path) -> None:
    script = tmp_path / "connexion.toml"
    script.write_text(SCRIPT)
    public = CrawlSettings(login_script=str(script)).public()
    assert public["login_script"] == str(script)
    assert PASSWORD not in json.dumps(public)


# -- in a browser ---------------------------------------------------------------------------

def _all_output(folder: Path) -> str:
    return "\n".join(path.read_bytes().decode("utf-8", "replace")
                     for path in folder.rglob("*") if path.is_file())


def _secrets_absent(text: str, site) -> None:
    for secret in (USER, PASSWORD, HEADER_VALUE, *site.tokens):
        assert secret not in text, f"secret {secret[:4]}… leaked"


@pytest.mark.browser
def test_login_script_opens_the_private_pages_and_leaks_nothing(tmp_path) -> None:
    script = tmp_path / "connexion.toml"
    script.write_text(SCRIPT)
    out = tmp_path / "out"
    with serve_login_site(USER, PASSWORD) as site:
        command = [sys.executable, str(REPO / "cli.py"), "audit", site.base + "/",
                   "--out", str(out), "--login-script", str(script), "--concurrency", "2",
                   "--exclude", "/deconnexion", "--header", f"X-Jeton: {HEADER_VALUE}",
                   "--recycle-after", "3", "--page-timeout", "10", "--format", "json,html,sarif"]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180,
                              env={**os.environ, **ENV})
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: the audit found failures
    report = json.loads((out / "report.json").read_text())
    statuses = {p["url"].removeprefix(site.base): (p["status"], p.get("title"))
                for p in report["pages"]}
    assert statuses["/espace/dossiers"] == ("audited", "Mes dossiers")
    assert statuses["/espace/profil"] == ("audited", "Profil")
    assert "/deconnexion" not in statuses and site.sessions  # never logged out
    assert {"/espace/dossiers", "/espace/profil"} <= set(site.private_hits)
    # each tab logged in at start, and again after each restart (every 3 pages)
    assert "recycle" in report["site"]["browser_restarts"]
    assert site.logins >= 2 * (1 + len(report["site"]["browser_restarts"]))
    assert site.failed_logins == 0
    assert report["site"]["settings"]["extra_headers"] == {"X-Jeton": "***"}
    _secrets_absent(_all_output(out) + done.stdout + done.stderr, site)


@pytest.mark.browser
def test_failed_login_stops_the_audit_with_a_masked_message(tmp_path) -> None:
    script = tmp_path / "connexion.toml"
    script.write_text(SCRIPT)
    out = tmp_path / "out"
    with serve_login_site(USER, "un-autre-mot-de-passe") as site:
        command = [sys.executable, str(REPO / "cli.py"), "audit", site.base + "/",
                   "--out", str(out), "--login-script", str(script), "--page-timeout", "3",
                   "--format", "json"]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120,
                              env={**os.environ, **ENV})
    assert done.returncode not in (0, 1)
    assert "connexion" in done.stderr and "étape 5" in done.stderr
    assert site.failed_logins >= 1 and not site.private_hits
    _secrets_absent(done.stdout + done.stderr + (_all_output(out) if out.exists() else ""), site)


@pytest.mark.browser
def test_secret_header_never_reaches_stderr_or_the_outputs(tmp_path) -> None:
    out = tmp_path / "out"
    with serve_login_site(USER, PASSWORD) as site:
        command = [sys.executable, str(REPO / "cli.py"), "audit", site.base + "/",
                   "--out", str(out), "--header", f"Authorization: Bearer {HEADER_VALUE}",
                   "--max-pages", "3", "--format", "json,html", "--page-timeout", "10"]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert json.loads((out / "report.json").read_text())["pages"]
    _secrets_absent(_all_output(out) + done.stdout + done.stderr, site)


@pytest.mark.browser
def test_storage_state_reaches_the_private_pages_and_the_sample_sees_them(
        browser_choice, tmp_path) -> None:
    out = tmp_path / "out"
    with serve_login_site(USER, PASSWORD) as site:
        data = urllib.parse.urlencode({"identifiant": USER, "mot_de_passe": PASSWORD}).encode()
        request = urllib.request.Request(site.base + "/connexion", data=data, method="POST")
        opener = urllib.request.build_opener(_NoRedirect())
        with pytest.raises(urllib.error.HTTPError) as answer:  # the 303 after login
            opener.open(request, timeout=10)
        token = answer.value.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
        state = tmp_path / "session.json"
        state.write_text(json.dumps({"cookies": [{
            "name": "session", "value": token, "domain": "127.0.0.1", "path": "/",
            "expires": -1, "httpOnly": True, "secure": False, "sameSite": "Lax"}],
            "origins": []}))
        settings = CrawlSettings(storage_state=str(state), sample="rgaa", max_pages=10,
                                 exclude=("/deconnexion",), page_timeout=10)
        report = run_audit(browser_choice, AuditSettings(settings), Progress(), out,
                           start_url=site.base + "/")
    statuses = {p["url"].removeprefix(site.base): p["status"] for p in report["pages"]}
    # found by the discovery pass only with the session cookie (else /espace -> /connexion)
    private = {path: status for path, status in statuses.items() if path.startswith("/espace/")}
    assert private and set(private.values()) == {"audited"}
    assert set(private) <= set(site.private_hits)  # served logged in, in the browser too
    assert site.logins == 1 and site.sessions == {token}
    _secrets_absent(_all_output(out), site)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.mark.browser
def test_ecoindex_fresh_contexts_reuse_the_session_of_one_login(
        browser_choice, tmp_path, monkeypatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    script = tmp_path / "connexion.toml"
    script.write_text(SCRIPT)
    with serve_login_site(USER, PASSWORD) as site:
        settings = CrawlSettings(login_script=str(script), eco_protocol="ecoindex", max_pages=2,
                                 concurrency=1, exclude=("/deconnexion",), page_timeout=40,
                                 use_sitemaps=False)
        report = run_audit(browser_choice, AuditSettings(settings), Progress(), tmp_path / "out",
                           start_url=site.base + "/espace")
    titles = {p["url"].removeprefix(site.base): p.get("title") for p in report["pages"]}
    assert titles == {"/espace": "Mon espace", "/espace/dossiers": "Mes dossiers"}
    assert site.logins == 1
