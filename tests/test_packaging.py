"""The built wheel is a working service: installed outside the checkout, `converge serve` shows styled pages.

The sdist and wheel are built offline (`python -m build --no-isolation`, the backend from this environment)
with no npm on PATH, the wheel from the sdist as a release would be. The wheel goes into a fresh virtualenv
in a temporary folder with --no-deps; its dependencies are read from this test environment through a .pth
line placed after the new environment's own site-packages (a venv made from a venv would see only the base
interpreter's packages with --system-site-packages), so the wheel's own `converge` is the one imported.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import sysconfig
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.net import free_port, http_get

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
ASSETS = ("nhsuk-frontend.min.css", "nhsuk-frontend.min.js", "LICENSE.txt", "images/favicon.svg")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX virtualenv layout")


def _env_without_checkout() -> dict[str, str]:
    """This environment minus anything that points Python at the checkout; no npm on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}/usr/bin{os.pathsep}/bin"
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not (Path(p) / "npm").exists())
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        env=_env_without_checkout(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Building wheel from sdist" in result.stdout + result.stderr
    return {"wheel": next(out.glob("converge-*.whl")), "sdist": next(out.glob("converge-*.tar.gz"))}


def test_the_wheel_and_sdist_carry_the_frontend_assets_and_their_licence(dist: dict[str, Path]) -> None:
    wheel = set(zipfile.ZipFile(dist["wheel"]).namelist())
    sdist = set(tarfile.open(dist["sdist"]).getnames())
    for name in ASSETS:
        assert f"converge/web/static/vendor/nhsuk/{name}" in wheel, name
        assert f"converge-{VERSION}/src/converge/web/static/vendor/nhsuk/{name}" in sdist, name
    licence = zipfile.ZipFile(dist["wheel"]).read("converge/web/static/vendor/nhsuk/LICENSE.txt").decode()
    assert "NHS.UK frontend" in licence and "MIT License" in licence
    assert not any("node_modules" in n or n.endswith(".pyc") for n in wheel | sdist)
    assert not any(
        n.startswith(f"converge-{VERSION}/tests/") for n in sdist
    )  # the sdist builds; no test data


def test_an_sdist_without_the_assets_and_without_npm_refuses_to_build(
    dist: dict[str, Path], tmp_path: Path
) -> None:
    with tarfile.open(dist["sdist"]) as archive:
        archive.extractall(tmp_path, filter="data")
    source = tmp_path / f"converge-{VERSION}"
    vendor = source / "src" / "converge" / "web" / "static" / "vendor"
    for path in sorted(vendor.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "out"), "."],
        cwd=source,
        env=_env_without_checkout(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Refusing to build a package whose pages would have no styles" in result.stdout + result.stderr
    assert not list((tmp_path / "out").glob("*.whl")) if (tmp_path / "out").exists() else True


def test_the_installed_wheel_serves_styled_pages_outside_the_checkout(
    dist: dict[str, Path], tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Dependencies from the test environment, after the new environment's own packages.
    (Path(purelib) / "zz_test_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = _env_without_checkout()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(dist["wheel"]),
        ],
        env=env,
        check=True,
        timeout=300,
    )
    run = tmp_path / "run"
    run.mkdir()
    where = subprocess.run(
        [python, "-c", "import converge; print(converge.__file__)"],
        cwd=run,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)), where  # the wheel's copy, not the checkout's
    version = subprocess.run(
        [venv / "bin" / "converge", "--version"], cwd=run, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert version.strip() == f"converge, version {VERSION}"

    port = free_port()
    server = subprocess.Popen(
        [venv / "bin" / "converge", "serve", "--port", str(port), "--db", f"sqlite:///{run / 'converge.db'}"],
        cwd=run,
        env={**env, "CONVERGE_SECRET_KEY": "test-secret"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline, status, page = time.time() + 90, None, b""
        while time.time() < deadline and status != 200:
            try:
                status, _, page = http_get(port, "/sign-in")
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.3)
        assert status == 200, server.stdout.read().decode() if server.poll() is not None else status
        html = page.decode()
        assets = re.findall(r'<(?:link[^>]*href|script[^>]*src)="(/static/[^"]+)"', html)
        stylesheet = next(a for a in assets if a.endswith("nhsuk-frontend.min.css"))
        for path in assets:
            status, headers, body = http_get(port, path)
            assert status == 200 and body, path
        status, headers, css = http_get(port, stylesheet)
        assert headers["content-type"].startswith("text/css") and b".nhsuk-header" in css
        assert http_get(port, "/healthz")[0] == 200 and http_get(port, "/readyz")[0] == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)


def test_version_comes_from_the_installed_package_metadata() -> None:
    from importlib.metadata import version

    from click.testing import CliRunner

    from converge.cli.main import cli

    result = CliRunner().invoke(cli, ["--version"], prog_name="converge")
    assert result.exit_code == 0 and result.output.strip() == f"converge, version {version('converge')}"


def test_the_changelog_has_an_entry_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(rf"^## \[{re.escape(VERSION)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M), VERSION
    assert changelog.index("## [Unreleased]") < changelog.index(f"## [{VERSION}]")
