"""The wheel carries the data folders: build it, install it in a fresh venv, run it."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGE = ("<!DOCTYPE html><html lang='fr'><head><title>Accueil</title></head>"
        "<body><main><h1>Bienvenue</h1><p>Texte.</p></main></body></html>")

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True, timeout=600)
    return next(dist.glob("rgaa_audit-*.whl"))


def test_wheel_ships_the_data_folders(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert sum(n.startswith("rgaa_audit/_data/criteria/rgaa/") for n in names) == 13
    assert any(n.startswith("rgaa_audit/_data/reports/templates/") for n in names)
    assert "rgaa_audit/_data/criteria/axe.toml" in names
    assert any(n.startswith("rgaa_audit/demo/site/") for n in names)


def test_installed_wheel_runs(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, capture_output=True, timeout=900)
    version = subprocess.run([str(bin_dir / "rgaa-audit"), "--version"], capture_output=True,
                             text=True, check=True, cwd=tmp_path)
    assert "rgaa-audit" in version.stdout
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    result = subprocess.run([str(bin_dir / "rgaa-audit"), "page", str(saved), "--format", "json"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)
    assert pages[0]["status"] == "audited" and len(pages[0]["criteria"]) == 106
