"""Web latency: the group review page and the work queue under 20 concurrent clients, SQLite and PostgreSQL.

    python bench/web.py                        # 3 x 1,000 documents, SQLite and PostgreSQL
    python bench/web.py --docs 200 --db sqlite # smaller, one database
    CONVERGE_TEST_POSTGRES_URL=postgresql+psycopg://user@host/db python bench/web.py

A library of synthetic documents (one per topic per trust, about 700 words in 8 sections, with threshold,
time and role differences between trusts) is stored directly with converge.workflow.library.store_document, and
one match group per topic is written as rows: nothing is parsed. The app runs as a deployment runs it,
`converge serve --workers 3 --threads 4` (gunicorn, gthread workers; --workers 1 is one waitress process),
in a subprocess on loopback; 20 client threads with keep-alive http.client connections request each page a
bounded number of times. The baseline is a static file (/static/css/converge.css) from the same server in
the same run, so the ratio says how much the page's own work costs over serving bytes.

After the groups are written, the bench does what the queue consumers do after matching: compare every
group and store the comparison as data (`group_reviews`; no HTML is stored), timed, except a random set
of groups left uncompared. The server runs without a consumer (`--no-worker`). Group pages are then
measured twice: "warm" (the same 10 groups, opened before) and "first view" (every request a group no
consumer has compared: the request compares it, stores the comparison and renders the page). Every page
is rendered per request: there is no page cache.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TRUSTS = {
    "JPUH": "James Paget University Hospitals",
    "NNUH": "Norfolk and Norwich University Hospitals",
    "QEH": "The Queen Elizabeth Hospital King's Lynn",
}
PASSWORD = "bench-password-1"
WORDS = (
    "sepsis falls pressure ulcer thromboembolism transfusion hygiene insulin oxygen delirium chest drain "
    "tracheostomy catheter anaphylaxis hypoglycaemia epidural feeding identification restraint stroke "
    "asthma pneumonia fracture dementia seizure burns asthma bronchiolitis diabetes nutrition"
).split()
SPECIALTIES = ["Acute Medicine", "Surgery", "Paediatrics", "Maternity", "Critical Care", "Pharmacy"]
SECTIONS = [
    "Introduction",
    "Purpose",
    "Scope",
    "Definitions",
    "Duties and responsibilities",
    "Procedure",
    "Training",
    "Monitoring compliance",
]


def synthetic_document(trust: str, n: int, rng: random.Random):  # type: ignore[no-untyped-def]
    from converge.core.model import Block, BlockKind, Document, Section, SourceRef, make_document_id

    topic = f"{WORDS[n % len(WORDS)].capitalize()} {WORDS[(n * 7 + 3) % len(WORDS)]} care {n}"
    variant = list(TRUSTS).index(trust)
    news2 = (5, 5, 7)[variant]
    hours = ("1 hour", "1 hour", "3 hours")[variant]
    role = ("registrar", "FY1 doctor", "consultant")[variant]
    sections = []
    for k, heading in enumerate(SECTIONS):
        paragraphs = []
        for p in range(3):
            sentences = [
                f"Staff caring for patients with {topic.lower()} must follow step {k}.{p} of this document.",
                f"Escalate to the {role} when the NEWS2 score is {news2} or more.",
                f"Give the first treatment within {hours} and record it in the notes at {trust}.",
                f"Review the plan every {4 + (k + p + variant) % 3} hours and document the outcome clearly.",
            ]
            paragraphs.append(" ".join(sentences[: 3 + (p + n) % 2]))
        sections.append(
            Section(
                heading=heading,
                number=str(k + 1),
                level=1,
                blocks=tuple(Block(BlockKind.PARAGRAPH, t) for t in paragraphs),
            )
        )
    sha = uuid.UUID(int=rng.getrandbits(128)).hex * 2
    source = SourceRef(
        path=f"{trust}/{topic}.docx", media_type="application/docx", sha256=sha, parser="bench@1"
    )
    meta = {
        "specialty": SPECIALTIES[n % len(SPECIALTIES)],
        "reference": f"{trust}-{n:04d}",
        "version": "2.0",
        "review_date": f"20{24 + n % 4}-0{1 + n % 9}-01",
        "document_type": "policy",
    }
    return topic, Document(
        id=make_document_id(trust, sha),
        trust=trust,
        title=f"{topic} policy",
        source=source,
        sections=tuple(sections),
        meta=meta,
    )


def build_library(url: str, docs_per_trust: int) -> list[int]:
    """Store docs_per_trust documents per trust and one confirmed/in-review/proposed group per topic."""
    import converge.workflow.accounts
    from converge.store.migrate import upgrade
    from converge.store.models import GroupTransition, MatchGroupRow, MatchMember
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.accounts import create_user
    from converge.workflow.library import get_or_create_trust, store_document
    from converge.workflow.review import Status

    upgrade(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    rng = random.Random(7)
    statuses = [Status.PROPOSED, Status.CONFIRMED, Status.IN_REVIEW, Status.DRAFT_AGREED, Status.APPROVED]
    converge.workflow.accounts.HASH_METHOD = "pbkdf2:sha256:1000"  # sign-in is not what is measured
    with factory() as session, session.begin():
        trusts = {code: get_or_create_trust(session, code, name) for code, name in TRUSTS.items()}
        create_user(session, "bench", PASSWORD, "reviewer")
        for n in range(docs_per_trust):
            ids = []
            topic = ""
            for code, trust in trusts.items():
                topic, doc = synthetic_document(code, n, rng)
                store_document(session, trust, doc, original=None)
                ids.append(doc.id)
            status = statuses[n % len(statuses)]
            group = MatchGroupRow(
                status=status,
                confidence=round(0.6 + rng.random() * 0.4, 3),
                topic=f"{topic} policy",
                specialty=SPECIALTIES[n % len(SPECIALTIES)],
                members=[MatchMember(document_id=d, state="confirmed") for d in ids],
            )
            session.add(group)
            if n % 200 == 199:
                session.flush()
        session.flush()
        for g in session.query(MatchGroupRow):
            session.add(GroupTransition(group_id=g.id, from_status=None, to_status=g.status, actor="bench"))
        group_ids = [g.id for g in session.query(MatchGroupRow.id).order_by(MatchGroupRow.id)]
    engine.dispose()
    return group_ids


def after_matching(url: str, leave: set[int]) -> float:
    """What the consumers do once groups are saved: compare them (stored as data), but for `leave`."""
    from converge.store.models import MatchGroupRow
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.groups import diff_context_for, summarise_group

    engine = make_engine(url)
    t0 = time.perf_counter()
    with make_session_factory(engine)() as session, session.begin():
        context = diff_context_for(session)
        for group in session.query(MatchGroupRow).order_by(MatchGroupRow.id):
            if group.id not in leave:
                summarise_group(session, group, context)
    engine.dispose()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, folder: Path, workers: int, threads: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CONVERGE_SECRET_KEY": "bench"}
    command = [
        sys.executable,
        "-m",
        "converge",
        "serve",
        "--port",
        str(port),
        "--db",
        url,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--no-worker",  # no consumer: the groups left uncompared stay so until their first view
    ]
    proc = subprocess.Popen(command, cwd=folder, env=env, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/static/css/converge.css")
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def warm_up(port: int, cookie: str, paths: list[str], workers: int, time_limit: float) -> None:
    """Request each path several times per worker process, as a morning's use would before the measured load.

    Every worker keeps its own caches, and a keep-alive connection stays with one worker, so each request
    here opens a new connection: which worker accepts it varies, and after 8 per worker each has seen each
    path with near certainty.
    """
    load(port, cookie, paths * (8 * workers), 2 * workers, b"</html>", time_limit, keep_alive=False)


def sign_in(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/sign-in")
    resp = conn.getresponse()
    html = resp.read().decode()
    cookie = resp.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    body = f"username=bench&password={PASSWORD}&csrf_token={token}"
    conn.request(
        "POST",
        "/sign-in",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    resp = conn.getresponse()
    resp.read()
    if resp.status != 302:
        raise SystemExit(f"sign-in failed: {resp.status}")
    return resp.getheader("Set-Cookie", "").split(";")[0]


def load(
    port: int,
    cookie: str,
    paths: list[str],
    clients: int,
    must_contain: bytes,
    time_limit: float,
    keep_alive: bool = True,
) -> tuple[list[float], float]:
    """Request every path once, spread over `clients` threads; latencies in ms and the wall time."""
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(reversed(paths))
    errors: list[str] = []
    deadline = time.perf_counter() + time_limit

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            t0 = time.perf_counter()
            if not keep_alive:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request(
                "GET", path, headers={"Cookie": cookie, **({} if keep_alive else {"Connection": "close"})}
            )
            resp = conn.getresponse()
            body = resp.read()
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                if resp.status != 200 or must_contain not in body:
                    errors.append(f"{path}: {resp.status}")
                latencies.append(ms)

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    return latencies, wall


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(  # type: ignore[type-arg]
    db: str, url: str, docs: int, clients: int, requests: int, time_limit: float, workers: int, threads: int
) -> list[tuple]:
    t0 = time.perf_counter()
    group_ids = build_library(url, docs)
    print(
        f"[{db}] stored {docs * len(TRUSTS):,} documents and {len(group_ids):,} groups in "
        f"{time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    rng = random.Random(1)
    warm = rng.sample(group_ids, 10)
    fresh = [g for g in group_ids if g not in warm]
    rng.shuffle(fresh)
    fresh = fresh[: 20 + requests]  # never compared: each is a first view
    diffing = after_matching(url, set(fresh))
    compared = len(group_ids) - len(fresh)
    print(
        f"[{db}] after matching: compared {compared} groups in {diffing:.1f} s "
        f"({diffing / max(1, compared) * 1000:.0f} ms each); {len(fresh)} left for first views",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        proc, port = start_server(url, Path(folder), workers, threads)
        try:
            cookie = sign_in(port)
            warm_up(port, cookie, [f"/groups/{g}" for g in warm] + ["/"], workers, time_limit)
            scenarios = [
                ("static file (baseline)", ["/static/css/converge.css"] * requests, b"nhsuk"),
                ("queue page", ["/"] * requests, b"Match groups"),
                (
                    "group review (warm)",
                    [f"/groups/{warm[i % 10]}" for i in range(requests)],
                    b"Side by side",
                ),
                (
                    "group review (first view)",
                    [f"/groups/{g}" for g in fresh[20 : 20 + requests]],
                    b"Side by side",
                ),
            ]
            rows = []
            serial_fresh = [f"/groups/{g}" for g in fresh[:20]]  # one client alone, before the load
            for name, paths, marker in scenarios:
                # One client alone first: the page's own cost, without queueing behind 19 others.
                alone, _ = load(
                    port, cookie, serial_fresh if "first" in name else paths[:20], 1, marker, time_limit
                )
                latencies, wall = load(port, cookie, paths, clients, marker, time_limit)
                rows.append(
                    (
                        db,
                        name,
                        len(latencies),
                        pct(latencies, 50),
                        pct(latencies, 95),
                        statistics.fmean(latencies),
                        len(latencies) / wall,
                        pct(alone, 50),
                    )
                )
                print(
                    f"[{db}] {name}: {len(latencies)} requests in {wall:.1f} s; "
                    f"p50 {pct(latencies, 50):.0f} ms, p95 {pct(latencies, 95):.0f} ms; "
                    f"one client alone p50 {pct(alone, 50):.0f} ms",
                    flush=True,
                )
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)  # gunicorn lets its workers finish (graceful_timeout 30 s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return rows


def postgres_schema(base: str) -> tuple[str, object]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", (admin, schema)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="documents per trust (default 1000)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument(
        "--requests",
        type=int,
        default=1000,
        help="requests per page and database (first views: at most one per group not yet opened)",
    )
    ap.add_argument("--time-limit", type=float, default=120.0, help="seconds per page and database")
    ap.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--workers", type=int, default=3, help="server processes (gunicorn; 1 = waitress)")
    ap.add_argument("--threads", type=int, default=4, help="threads per server process")
    args = ap.parse_args()
    pg = os.environ.get("CONVERGE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        if args.db in ("sqlite", "both"):
            rows += run(
                "sqlite",
                f"sqlite:///{Path(folder) / 'bench.db'}",
                args.docs,
                args.clients,
                args.requests,
                args.time_limit,
                args.workers,
                args.threads,
            )
        if args.db in ("postgresql", "both"):
            url, (admin, schema) = postgres_schema(pg)
            try:
                rows += run(
                    "postgresql",
                    url,
                    args.docs,
                    args.clients,
                    args.requests,
                    args.time_limit,
                    args.workers,
                    args.threads,
                )
            finally:
                with admin.begin() as conn:  # type: ignore[attr-defined]
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()  # type: ignore[attr-defined]
    print()
    print(
        f"{args.docs:,} documents per trust x {len(TRUSTS)} trusts, {args.clients} concurrent clients, "
        + (
            f"gunicorn {args.workers} workers x {args.threads} threads"
            if args.workers > 1
            else f"waitress {args.threads} threads"
        )
        + ", loopback"
    )
    print(
        f"{'database':<11} {'page':<27} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'req/s':>7} "
        f"{'p95 / static p95':>17} {'1 client p50':>13}"
    )
    for db in dict.fromkeys(r[0] for r in rows):
        base = next(r for r in rows if r[0] == db and r[1].startswith("static"))
        for r in (r for r in rows if r[0] == db):
            print(
                f"{r[0]:<11} {r[1]:<27} {r[2]:>4} {r[3]:>8.1f} {r[4]:>8.1f} {r[5]:>8.1f} {r[6]:>7.1f} "
                f"{r[4] / base[4]:>16.1f}x {r[7]:>13.1f}"
            )
    print("\nAim (issue 6): p95 under 150 ms for the queue and the group review page.")


if __name__ == "__main__":
    main()
