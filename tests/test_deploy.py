"""The production deployment runs as documented: the README's commands, the systemd units in deploy/ and
the settings file they read, against SQLite and PostgreSQL on this machine.

Units cannot be started here (no systemd as PID 1), so each test runs a unit's own command line, with its
environment file and working directory, after moving its paths into a temporary folder; the units
themselves are checked by `systemd-analyze verify` where that tool exists.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.net import free_port, http_get

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())
VENV_BIN = "/opt/converge/venv/bin/"
BIN = str(Path(sys.executable).parent) + "/"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="systemd and gunicorn are POSIX only")


def unit(name: str) -> dict[str, list[str]]:
    """A unit file's `Section.Key` -> values (comments and blank lines dropped)."""
    entries: dict[str, list[str]] = {}
    section = ""
    for line in (DEPLOY / "systemd" / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        entries.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return entries


def command(value: str, paths: dict[str, str]) -> list[str]:
    """An Exec line as systemd runs it ("%%" and "$$" unescaped), with its paths moved."""
    for old, new in {**paths, VENV_BIN: BIN}.items():
        value = value.replace(old, new)
    return shlex.split(value.replace("%%", "%").replace("$$", "$"))


def settings_file() -> dict[str, str]:
    """deploy/converge.env.example as systemd's EnvironmentFile reads it."""
    values = {}
    for line in (DEPLOY / "converge.env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def readme_production_commands() -> list[str]:
    """The command lines of the README's production block, comments removed."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Production") :]
    block = section[section.index("```sh") + 5 : section.index("```", section.index("```sh") + 5)]
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.strip().splitlines()]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    for path in UNITS:
        (tmp_path / path.name).write_text(path.read_text().replace(VENV_BIN, BIN))
    result = subprocess.run(
        ["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Unknown keys and bad values are only warnings: any output at all is a fault in a unit.
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stderr


def test_the_units_run_the_readme_commands_with_the_settings_file() -> None:
    readme = readme_production_commands()
    web = command(unit("converge-web.service")["Service.ExecStart"][0], {})
    worker = command(unit("converge-worker.service")["Service.ExecStart"][0], {})
    assert [BIN + "gunicorn", *shlex.split(next(c for c in readme if c.startswith("gunicorn ")))[1:]] == web
    assert [BIN + "converge", "worker"] == worker and "converge worker" in readme
    for name in ("converge-web.service", "converge-worker.service", "converge-backup.service"):
        service = unit(name)
        assert service["Service.EnvironmentFile"] == ["/etc/converge/converge.env"], name
        assert service["Service.User"] == ["converge"] and service["Service.WorkingDirectory"], name
    assert unit("converge-backup.timer")["Install.WantedBy"] == ["timers.target"]
    # Every variable the README exports and the settings file sets is documented.
    docs = (ROOT / "docs" / "settings.md").read_text() + (ROOT / "docs" / "deployment.md").read_text()
    exported = {w.split("=")[0] for c in readme if c.startswith("export ") for w in shlex.split(c)[1:]}
    for name in exported | set(settings_file()):
        assert name in docs or name.removeprefix("CONVERGE_") in docs, name


def test_the_settings_file_reads_the_same_in_sh_as_in_systemd(tmp_path: Path) -> None:
    """The deployment guide runs commands with `set -a; . converge.env`: the same values as the units."""
    env = {"PATH": os.environ["PATH"]}
    printed = subprocess.run(
        ["sh", "-c", f'set -a; . "{DEPLOY / "converge.env.example"}"; env'],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    from_sh = dict(line.split("=", 1) for line in printed.splitlines() if line.startswith("CONVERGE_"))
    assert from_sh == settings_file()
    assert "CONVERGE_SECRET_KEY" not in from_sh  # never a shared example key: set one, or one is made


@pytest.fixture
def web_server(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """converge-web.service's command, as the README gives it, with deploy/converge.env.example's settings
    (database and address moved here); yields (port, process)."""
    port = free_port()
    service = unit("converge-web.service")
    env = {**os.environ, **settings_file()}
    env.update(CONVERGE_DATABASE_URL=db_url, CONVERGE_BIND=f"127.0.0.1:{port}", CONVERGE_WEB_WORKERS="2")
    for assignment in service["Service.Environment"]:
        key, _, value = assignment.partition("=")
        env[key] = value.replace("/var/lib/converge", str(tmp_path))
    gunicorn = shlex.split(next(c for c in readme_production_commands() if c.startswith("gunicorn ")))
    proc = subprocess.Popen(
        [BIN + "gunicorn", *gunicorn[1:]],
        cwd=tmp_path,  # WorkingDirectory
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 90
        while time.time() < deadline and proc.poll() is None:
            try:
                if http_get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        yield port, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def test_the_web_unit_serves_behind_https_with_health_checks_and_logs(web_server, tmp_path: Path) -> None:
    port, proc = web_server
    assert proc.poll() is None, proc.communicate()[1].decode()
    status, _, body = http_get(port, "/readyz")
    assert status == 200, body
    assert b'"database":{"detail":"schema at' in body
    status, headers, _ = http_get(port, "/sign-in")
    # CONVERGE_SESSION_COOKIE_SECURE=true from the settings file: the session cookie is HTTPS-only.
    assert status == 200 and "Secure" in headers["set-cookie"] and "HttpOnly" in headers["set-cookie"]
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0  # made once, by the master
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert re.search(rb'"GET /readyz HTTP/1.1" 200 ', out), out  # access log on standard output
    assert err.count(b"Booting worker") == 2 and b"[INFO]" in err  # server messages on standard error


def test_the_backup_unit_writes_a_dated_backup_and_prunes_old_ones(tmp_path: Path) -> None:
    service = unit("converge-backup.service")
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "converge-2020-01-01T0230.backup"
    old.write_bytes(b"old")
    os.utime(old, (time.time() - 40 * 86400,) * 2)
    env = {**os.environ, **settings_file(), "CONVERGE_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"}
    subprocess.run([BIN + "converge", "init-db"], env=env, cwd=tmp_path, check=True, capture_output=True)
    paths = {"/var/backups/converge": str(backups)}
    for key in ("Service.ExecStart", "Service.ExecStartPost"):
        subprocess.run(command(service[key][0], paths), env=env, cwd=tmp_path, check=True, timeout=120)
    made = [p.name for p in backups.iterdir()]
    assert len(made) == 1 and re.fullmatch(r"converge-\d{4}-\d\d-\d\dT\d{4}\.backup", made[0]), made
    with gzip.open(backups / made[0], "rt") as backup:
        assert "revision" in backup.readline()


NGINX = os.environ.get("CONVERGE_TEST_NGINX") or shutil.which("nginx")


def _nginx_site(tls_port: int, plain_port: int, upstream: int, cert: Path, key: Path) -> str:
    """The deployment guide's nginx site, its ports and certificate moved here (each one must be found)."""
    guide = (ROOT / "docs" / "deployment.md").read_text()
    start = guide.index("```nginx") + len("```nginx")
    site = guide[start : guide.index("```", start)]
    for old, new in {
        "listen 443 ssl;": f"listen 127.0.0.1:{tls_port} ssl;",
        "listen 80;": f"listen 127.0.0.1:{plain_port};",
        "/etc/ssl/certs/converge.pem": str(cert),
        "/etc/ssl/private/converge.key": str(key),
        "http://127.0.0.1:8000": f"http://127.0.0.1:{upstream}",
    }.items():
        assert old in site, old
        site = site.replace(old, new)
    return site


def _https(port: int, method: str, path: str, headers: dict[str, str], body: str | None = None):  # type: ignore[no-untyped-def]
    import ssl

    conn = http.client.HTTPSConnection(
        "127.0.0.1", port, timeout=10, context=ssl._create_unverified_context()
    )
    try:
        conn.request(method, path, body=body, headers={"Host": "converge.example.nhs.uk", **headers})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def test_sign_in_through_the_guides_https_proxy(web_server, db_url: str, tmp_path: Path) -> None:
    """The guide's nginx site in front of the web unit: HTTP redirects to HTTPS, and a person signs in over
    HTTPS (Secure cookie, the proxy's headers believed, the CSRF check's Referer on the proxy's host)."""
    if NGINX is None:
        message = "nginx is missing (`make system` installs nginx-light; CONVERGE_TEST_NGINX may name one)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    port, proc = web_server
    env = {**os.environ, "CONVERGE_NEW_PASSWORD": "a-long-test-password"}
    subprocess.run(
        [BIN + "converge", "user", "add", "admin", "--role", "admin", "--db", db_url],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    cert, key = tmp_path / "converge.pem", tmp_path / "converge.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=converge.example.nhs.uk",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    tls_port, plain_port = free_port(), free_port()
    temp = tmp_path / "nginx-temp"
    temp.mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {tmp_path / 'nginx.pid'};\nerror_log stderr;\nevents {{}}\nhttp {{\naccess_log off;\n"
        + "".join(
            f"{kind}_temp_path {temp / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + _nginx_site(tls_port, plain_port, port, cert, key)
        + "}\n"
    )
    nginx = [NGINX, "-p", str(tmp_path), "-c", str(conf), "-e", "stderr"]
    checked = subprocess.run([*nginx, "-t"], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0 and "[warn]" not in checked.stderr, checked.stderr
    server = subprocess.Popen([*nginx, "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 30
        while True:
            try:
                status, headers, page = _https(tls_port, "GET", "/sign-in", {})
                break
            except OSError:
                assert time.time() < deadline and server.poll() is None
                time.sleep(0.2)
        plain = http.client.HTTPConnection("127.0.0.1", plain_port, timeout=10)
        plain.request("GET", "/sign-in", headers={"Host": "converge.example.nhs.uk"})
        redirect = plain.getresponse()
        assert redirect.status == 301
        assert redirect.getheader("Location") == "https://converge.example.nhs.uk/sign-in"
        plain.close()

        assert status == 200 and "Secure" in headers["set-cookie"]
        cookie = headers["set-cookie"].split(";", 1)[0]
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', page
        )
        assert token
        from urllib.parse import urlencode

        form = urlencode({"username": "admin", "password": "a-long-test-password", "csrf_token": token[1]})
        post = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        # The app sees HTTPS through the proxy, so a form posted without a Referer is refused...
        assert _https(tls_port, "POST", "/sign-in", post, form)[0] == 400
        # ...and a browser's same-origin Referer on the proxy's host signs in.
        referer = {"Referer": "https://converge.example.nhs.uk/sign-in"}
        status, headers, _ = _https(tls_port, "POST", "/sign-in", {**post, **referer}, form)
        assert status == 302 and "Secure" in headers["set-cookie"], status
        signed_in = {"Cookie": headers["set-cookie"].split(";", 1)[0]}
        status, _, home = _https(tls_port, "GET", "/", signed_in)
        assert status == 200 and "Sign out" in home
    finally:
        server.terminate()
        server.communicate(timeout=30)
