"""Browser tests: the real app under waitress on loopback, driven by Debian's Chromium through Playwright.

Chromium is the distribution's package (never `playwright install`). In CI (CI=true) a missing browser is a
failure, not a skip. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from converge.web import create_app
from converge.web.db import dispose, session_factory
from converge.workflow.accounts import create_user
from converge.workflow.library import get_or_create_trust

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CONVERGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PASSWORD = "e2e-password-123"
USERS = {
    "admin": ("admin", None),
    "lead.jpuh": ("lead", "JPUH"),
    "lead.nnuh": ("lead", "NNUH"),
    "lead.qeh": ("lead", "QEH"),
    "reviewer": ("reviewer", None),
    "viewer": ("viewer", None),
}
TRUSTS = {
    "JPUH": "James Paget University Hospitals NHS Foundation Trust",
    "NNUH": "Norfolk and Norwich University Hospitals NHS Foundation Trust",
    "QEH": "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust",
}


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} (browser tests must run in CI)")
    pytest.skip(f"{what} (fails in CI)")


@dataclass
class LiveServer:
    url: str
    app: object


def _warm_up() -> None:
    """Load the difference engine's lexicons (drug names: several seconds, once per process) while the
    browser starts, as a long-running server would have done long before its first review."""
    from converge.core.diff import diff_documents
    from converge.core.model import Block, BlockKind, Document, Section, SourceRef

    def doc(trust: str, text: str) -> Document:
        source = SourceRef(path="warm.docx", media_type="application/docx", sha256=trust * 8, parser="warm@1")
        return Document(
            id=trust,
            trust=trust,
            title="Warm up",
            source=source,
            sections=(Section("Dose", "1", 1, (Block(BlockKind.PARAGRAPH, text),)),),
        )

    diff_documents(doc("A", "Give paracetamol 1 g orally."), doc("B", "Give amoxicillin 500 mg orally."))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a fresh SQLite database, served by waitress on a free loopback port."""
    from waitress import create_server

    import converge.workflow.accounts

    threading.Thread(target=_warm_up, name="e2e-warm-up", daemon=True).start()

    folder = tmp_path_factory.mktemp("e2e")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'converge.db'}",
            "SECRET_KEY": "e2e-secret",
        }
    )
    app.instance_path = str(folder / "instance")
    with app.app_context():
        factory = session_factory()
    cost, converge.workflow.accounts.HASH_METHOD = converge.workflow.accounts.HASH_METHOD, "pbkdf2:sha256:1000"
    with factory() as session, session.begin():  # cheap hashes: sign-ins are not what is under test
        for code, name in TRUSTS.items():
            get_or_create_trust(session, code, name)
        for username, (role, trust) in USERS.items():
            create_user(session, username, PASSWORD, role, trust=trust, display_name=username.title())
    converge.workflow.accounts.HASH_METHOD = cost
    # A real queue consumer, as `converge serve` starts one: uploads are parsed and matched there.
    worker = subprocess.Popen(
        [sys.executable, "-m", "converge", "worker", "--db", app.config["DATABASE_URL"]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="e2e-waitress", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.effective_port}", app)
    server.close()
    thread.join(timeout=5)
    worker.terminate()
    worker.wait(timeout=30)
    dispose(app)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or not shutil.which(CHROMIUM):
        _missing(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server: LiveServer) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


WCAG = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    """Every axe-core violation of the WCAG 2.0/2.1/2.2 A and AA rules on the current page, of any impact.

    axe is evaluated through the DevTools protocol, which runs in the page without being an inline script,
    so the page's CSP (script-src 'self') stays as it is in production.
    """
    if not AXE.exists():
        _missing(f"axe-core not installed at {AXE} (npm install in web/)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
        const only = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
        const r = await axe.run(document, only);
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""",
        WCAG,
    )


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$|/\?"))


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in"))


def wait_for_built_draft(page) -> None:  # type: ignore[no-untyped-def]
    """After "Build the draft": a queue consumer builds it while the page says so, then offers the new
    draft as a link (or, built before the page loaded, the page shows it at once)."""
    ready, current = page.locator("#draft-ready"), page.locator("#draft-current")
    ready.or_(current).first.wait_for(timeout=90_000)
    if ready.is_visible():
        ready.get_by_role("link").click()
    current.wait_for(timeout=30_000)
