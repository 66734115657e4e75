"""CI end to end on the demo portal: gates, baseline, planted regression, and the shell steps
of the GitHub Action, the GitLab template and the example pipeline.

One copy of the demo site is served per module; the three gate runs share it in order
(first run, baseline run, regression run). The YAML steps are run as their CI would run them
(bash, the env the YAML declares, pointing at a loopback server) except the installation
steps (`id: install`, `before_script`), which need the network.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

from rgaa_audit.demo.server import SITE_DIR, serve_directory  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PLANTED_PAGE = "mentions-legales.html"
PLANTED = '<p><input type="text" id="planted-field" name="planted"></p>'


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd or REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the demo portal, served on 127.0.0.1 for the whole module."""
    root = tmp_path_factory.mktemp("site") / "www"
    shutil.copytree(SITE_DIR, root)
    with serve_directory(root) as base_url:
        yield root, base_url


@pytest.fixture(scope="module")
def first_run(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("first")
    result = cli("audit", site[1], "--out", str(out), "--fail-under", "100",
                 "--format", "json,sarif,gitlab,markdown")
    return out, result


def gate_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("rgaa-audit : seuil")]


def test_fail_under_100_exits_1_and_names_the_gate(first_run) -> None:
    out, result = first_run
    assert result.returncode == 1, result.stderr
    [line] = gate_lines(result.stderr)
    assert "fail-under non respecté" in line and "100,00 %" in line
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["gates"][0]["name"] == "fail-under" and not report["gates"][0]["passed"]
    assert (out / "report.sarif").is_file() and (out / "report.md").is_file()


@pytest.fixture(scope="module")
def baseline_file(first_run, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "rgaa-audit-baseline.json"
    result = cli("baseline", "save", str(first_run[0] / "report.json"), "--output", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_baseline_fingerprints_are_the_sarif_ones(first_run, baseline_file) -> None:
    saved = json.loads(baseline_file.read_text(encoding="utf-8"))
    ours = {fp for tests in saved["pages"].values() for entry in tests.values()
            for fp in entry["fingerprints"]}
    sarif = json.loads((first_run[0] / "report.sarif").read_text(encoding="utf-8"))
    theirs = {r["partialFingerprints"]["primaryLocationLineHash"]
              for run in sarif["runs"] for r in run["results"]}
    assert ours and theirs and (ours - {fp for fp in ours if fp in theirs}) <= site_only(saved)


def site_only(saved: dict) -> set[str]:
    return {fp for entry in saved["pages"].get("(site)", {}).values()
            for fp in entry["fingerprints"]}


def test_same_run_with_its_baseline_exits_0(site, baseline_file, tmp_path) -> None:
    result = cli("audit", site[1], "--out", str(tmp_path), "--fail-under", "100",
                 "--baseline", str(baseline_file), "--format", "json,markdown")
    assert result.returncode == 0, result.stderr
    assert "0 nouveau(x)" in result.stdout and "nouveau constat" not in result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["baseline"]["new"] == 0 and report["baseline"]["unchanged"] > 0
    marks = {f.get("baseline") for p in report["pages"] for v in p["criteria"].values()
             for f in v["findings"]}
    assert marks == {"unchanged"}
    assert "Toujours présents" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_planted_regression_exits_1_naming_only_the_new_finding(site, baseline_file,
                                                                tmp_path) -> None:
    root, base_url = site
    page = root / PLANTED_PAGE
    original = page.read_text(encoding="utf-8")
    assert "planted" not in original and "</main>" in original
    page.write_text(original.replace("</main>", PLANTED + "</main>", 1), encoding="utf-8")
    try:
        result = cli("audit", base_url, "--out", str(tmp_path), "--fail-under", "100",
                     "--baseline", str(baseline_file))
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stderr
    [line] = gate_lines(result.stderr)
    assert "fail-under non respecté" in line and "nouveaux constats seuls" in line
    new = [x for x in result.stderr.splitlines() if "nouveau constat" in x]
    assert new, result.stderr
    assert all(f"/{PLANTED_PAGE}" in x and "planted" in x for x in new), new
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["baseline"]["new"] == len(new)
    assert all(f["page"] == f"/{PLANTED_PAGE}" for f in report["baseline"]["new_findings"])
    assert {c.split(".")[0] for c in report["baseline"]["new_criteria"]} == {"11"}


# -- the CI files -----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_step(script: str, env: dict[str, str], cwd: Path, groups: list[int]
             ) -> subprocess.CompletedProcess:
    """Run one step as CI does (bash, errexit, pipefail); its process group is kept for cleanup."""
    proc = subprocess.Popen(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    groups.append(proc.pid)
    stdout, stderr = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.fixture
def process_groups():
    groups: list[int] = []
    yield groups
    for pid in groups:  # servers a step left running in the background (only ours)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGTERM)


def base_env(tmp_path: Path) -> dict[str, str]:
    return {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(tmp_path),
            "LANG": "C.UTF-8", "PYTHONPATH": str(REPO)}


_EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def github_expand(value: str, context: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        assert match.group(1) in context, f"expression non prévue : {match.group(1)}"
        return context[match.group(1)]
    return _EXPR.sub(one, str(value))


def test_github_action_steps(site, tmp_path, process_groups) -> None:
    action = yaml.safe_load((REPO / "ci" / "github" / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({"url": site[1], "fail-under": "100", "args": "--max-pages 3"})
    outputs, summary = tmp_path / "github_output", tmp_path / "step_summary"
    outputs.touch()
    summary.touch()
    context = {f"inputs.{k}": v for k, v in inputs.items()}
    context["runner.temp"] = str(tmp_path / "runner-temp")
    ran = []
    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        for line in outputs.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            context[f"steps.audit.outputs.{key}"] = value
        env = {**base_env(tmp_path), "GITHUB_OUTPUT": str(outputs),
               "GITHUB_STEP_SUMMARY": str(summary),
               **{k: github_expand(v, context) for k, v in (step.get("env") or {}).items()}}
        assert step.get("shell") == "bash"
        ran.append((step["id"], run_step(step["run"], env, tmp_path, process_groups)))
    assert [name for name, _ in ran] == ["audit", "gate"]
    audit, gate = ran[0][1], ran[1][1]
    assert audit.returncode == 0, audit.stderr  # the audit step records, the gate step fails
    assert "exit-code=1" in outputs.read_text(encoding="utf-8")
    assert gate.returncode == 1 and "code de sortie 1" in gate.stderr
    report_dir = tmp_path / "runner-temp" / "rgaa-audit-report"
    for name in ("report.html", "report.sarif", "report.json"):
        assert (report_dir / name).is_file()
    assert "Audit RGAA" in summary.read_text(encoding="utf-8")
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["pages_audited"] <= 3


def test_gitlab_template_script(site, tmp_path, process_groups) -> None:
    template = yaml.safe_load(
        (REPO / "ci" / "gitlab" / "rgaa-audit.gitlab-ci.yml").read_text(encoding="utf-8"))
    job = template[".rgaa-audit"]
    assert template["rgaa-audit"]["extends"] == ".rgaa-audit"
    reports = job["artifacts"]["reports"]
    assert reports == {"codequality": "rgaa-audit-report/report.gitlab.json",
                       "junit": "rgaa-audit-report/report.junit.xml"}
    variables = {k: str(v) for k, v in template["variables"].items()}
    variables.update({"RGAA_AUDIT_URL": site[1], "RGAA_AUDIT_ARGS": "--max-pages 3"})
    script = "\n".join(job["script"])
    result = run_step(script, {**base_env(tmp_path), **variables}, tmp_path, process_groups)
    assert result.returncode == 0, result.stderr
    for report in reports.values():
        assert (tmp_path / report).is_file()
    codequality = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert codequality and all("fingerprint" in issue for issue in codequality)
    assert "<testsuite" in (tmp_path / reports["junit"]).read_text(encoding="utf-8")
    variables["RGAA_AUDIT_FAIL_UNDER"] = "100"
    failing = run_step(script, {**base_env(tmp_path), **variables}, tmp_path, process_groups)
    assert failing.returncode == 1 and gate_lines(failing.stderr)


def test_example_pipeline_builds_serves_and_audits(tmp_path, process_groups) -> None:
    workflow = yaml.safe_load(
        (REPO / "ci" / "example" / "github-workflow.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["rgaa-audit"]
    workdir = tmp_path / "repo" / job["defaults"]["run"]["working-directory"]
    shutil.copytree(REPO / "ci" / "example", workdir)
    env = {**base_env(tmp_path), **{k: str(v) for k, v in job["env"].items()}}
    env["SITE_PORT"] = str(free_port())
    ran = []
    for step in job["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        result = run_step(step["run"], env, workdir, process_groups)
        ran.append(step["id"])
        assert result.returncode == 0, (step["id"], result.stdout, result.stderr)
    assert ran == ["build", "serve", "audit"]
    report = json.loads((workdir / "rgaa-audit-report" / "report.json").read_text(
        encoding="utf-8"))
    assert report["site"]["start_url"].startswith(f"http://127.0.0.1:{env['SITE_PORT']}/")
    assert report["summary"]["pages_audited"] >= 10
    assert {g["name"] for g in report["gates"]} == {"never-nc", "fail-under", "eco-budget"}
    assert (workdir / "rgaa-audit-report" / "report.junit.xml").is_file()
