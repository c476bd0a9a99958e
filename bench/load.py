"""Load: 50 simulated reviewers for 2 minutes against `converge serve --workers 2` on PostgreSQL.

    python bench/load.py                                  # 50 reviewers, 120 s, PostgreSQL
    python bench/load.py --reviewers 20 --seconds 30      # shorter
    CONVERGE_TEST_POSTGRES_URL=postgresql+psycopg://user@host/db python bench/load.py

The library is bench/web.py's synthetic one (documents stored directly, one group per topic, diffed and
rendered ahead as `converge match` does), in a fresh PostgreSQL schema dropped afterwards. Each simulated
reviewer signs in as their own account, then until the time is up repeats what a reviewer does, with a
think time between steps: open the work queue, open a group, its history, a trust's library, the reports,
and on groups in review post a comment or a decision on a difference (forms carry the revision they were
read at, so a group changed meanwhile answers 409, which the reviewer would reload: counted, not an
error). Every loop is bounded by the time limit and stops by itself; traffic goes to 127.0.0.1 only.

Printed: requests, errors (anything but the expected answer: 5xx, refused, wrong page; target 0), 409s,
and per page the count, median and 95th percentile latency.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
_spec = importlib.util.spec_from_file_location("bench_web", ROOT / "bench" / "web.py")
webbench = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(webbench)  # type: ignore[union-attr]

PASSWORD = "load-password-1"


class Reviewer:
    """One person's browser: a keep-alive connection, their cookie, the last CSRF token seen."""

    def __init__(self, port: int, name: str, record) -> None:  # type: ignore[no-untyped-def]
        self.port, self.name, self.record = port, name, record
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = ""
        self.token = ""

    def request(self, page: str, method: str, path: str, form: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        t0 = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                # The server closes a keep-alive connection left idle (the think time); a browser then
                # sends the request again on a new one, and so does this reviewer, once.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    self.record(page, (time.perf_counter() - t0) * 1000, f"{type(exc).__name__}")
                    return None, b""
                t0 = time.perf_counter()
        ms = (time.perf_counter() - t0) * 1000
        cookie = resp.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        match = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', data)
        if match:
            self.token = match.group(1).decode()
        return (resp.status, ms), data

    def get(self, page: str, path: str, must: bytes = b"</html>") -> bytes:
        answer, data = self.request(page, "GET", path)
        if answer is not None:
            status, ms = answer
            self.record(page, ms, None if status == 200 and must in data else f"{status}")
        return data

    def post(self, page: str, path: str, form: dict[str, str]) -> None:
        answer, _ = self.request(page, "POST", path, {**form, "csrf_token": self.token})
        if answer is not None:
            status, ms = answer
            outcome = None if status in (302, 303) else ("conflict" if status == 409 else f"{status}")
            self.record(page, ms, outcome)

    def sign_in(self) -> None:
        self.get("sign-in form", "/sign-in")
        self.post("sign in", "/sign-in", {"username": self.name, "password": PASSWORD})


def reviewer_loop(
    reviewer: Reviewer, groups: list[int], trusts: list[str], deadline: float, seed: int
) -> None:
    rng = random.Random(seed)
    reviewer.sign_in()
    while time.monotonic() < deadline:
        step = rng.random()
        if step < 0.25:
            reviewer.get("queue", "/?sort=" + rng.choice(["significant", "updated", "topic"]))
        elif step < 0.65:
            gid = rng.choice(groups)
            html = reviewer.get("group", f"/groups/{gid}")
            revision = re.search(rb'name="revision" value="(\d+)"', html)
            keys = re.findall(rb'id="d-([0-9a-f-]+)"', html)
            if revision and b"cv-diff" in html and rng.random() < 0.5:
                time.sleep(rng.uniform(1, 3))  # reading the difference before deciding
                form = {"revision": revision.group(1).decode()}
                if keys and b'name="decision"' in html and rng.random() < 0.5:
                    form |= {"change_key": rng.choice(keys).decode(), "decision": "defer", "reason": "load"}
                    reviewer.post("decision (POST)", f"/groups/{gid}/decisions", form)
                else:
                    form |= {"text": f"Checked by {reviewer.name}"}
                    reviewer.post("comment (POST)", f"/groups/{gid}/comments", form)
        elif step < 0.75:
            reviewer.get("history", f"/groups/{rng.choice(groups)}/history")
        elif step < 0.9:
            reviewer.get("library", f"/library/{rng.choice(trusts)}")
        else:
            reviewer.get("reports", "/reports/")
        time.sleep(rng.uniform(1, 3))  # think time


def add_reviewers(url: str, n: int) -> list[str]:
    import converge.workflow.accounts
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.accounts import create_user

    converge.workflow.accounts.HASH_METHOD = "pbkdf2:sha256:1000"  # sign-in cost is not what is measured
    engine = make_engine(url)
    names = [f"reviewer{i:02d}" for i in range(1, n + 1)]
    with make_session_factory(engine)() as session, session.begin():
        for name in names:
            create_user(session, name, PASSWORD, "reviewer")
    engine.dispose()
    return names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reviewers", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--docs", type=int, default=200, help="documents per trust (default 200)")
    ap.add_argument("--workers", type=int, default=2, help="server processes (default 2)")
    ap.add_argument("--threads", type=int, default=8, help="threads per server process")
    args = ap.parse_args()

    base = os.environ.get("CONVERGE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")
    url, (admin, schema) = webbench.postgres_schema(base)
    proc = None
    try:
        t0 = time.perf_counter()
        groups = webbench.build_library(url, args.docs)
        webbench.after_matching(url)
        names = add_reviewers(url, args.reviewers)
        built = time.perf_counter() - t0
        print(f"library: {args.docs} documents x 3 trusts, {len(groups)} groups ({built:.0f} s)")
        with tempfile.TemporaryDirectory() as folder:
            proc, port = webbench.start_server(url, Path(folder), args.workers, args.threads)
            samples: dict[str, list[float]] = defaultdict(list)
            errors: dict[str, list[str]] = defaultdict(list)
            conflicts: dict[str, int] = defaultdict(int)
            lock = threading.Lock()

            def record(page: str, ms: float, outcome: str | None) -> None:
                with lock:
                    samples[page].append(ms)
                    if outcome == "conflict":
                        conflicts[page] += 1
                    elif outcome is not None:
                        errors[page].append(outcome)

            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(
                    target=reviewer_loop,
                    args=(Reviewer(port, name, record), groups, list(webbench.TRUSTS), deadline, i),
                )
                for i, name in enumerate(names)
            ]
            start = time.perf_counter()
            for t in threads:
                t.start()
                time.sleep(0.05)  # people do not all sign in in the same millisecond
            for t in threads:
                t.join(args.seconds + 120)
            wall = time.perf_counter() - start
            proc.terminate()
            proc.wait(30)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
        with admin.begin() as conn:  # type: ignore[attr-defined]
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()  # type: ignore[attr-defined]

    total = sum(len(v) for v in samples.values())
    n_errors = sum(len(v) for v in errors.values())
    print(
        f"{args.reviewers} reviewers, {args.seconds:.0f} s, `converge serve --workers {args.workers} "
        f"--threads {args.threads}` on PostgreSQL: {total} requests in {wall:.0f} s "
        f"({total / wall:.1f}/s), errors {n_errors}, conflicts (409, reload) {sum(conflicts.values())}"
    )
    print(f"{'page':<18}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'errors':>8}{'409':>6}")
    for page in sorted(samples):
        values = sorted(samples[page])
        p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
        print(
            f"{page:<18}{len(values):>9}{statistics.median(values):>11.0f}{p95:>9.0f}"
            f"{len(errors[page]):>8}{conflicts[page]:>6}"
        )
    for page, found in errors.items():
        if found:
            print(f"errors on {page}: {sorted(set(found))[:5]}")
    sys.exit(1 if n_errors else 0)


if __name__ == "__main__":
    main()
