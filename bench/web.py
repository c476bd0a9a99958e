"""Web latency: the work queue and a group's review page under 20 concurrent clients, SQLite and PostgreSQL.

    python bench/web.py                          # 3 x 300 generated documents, SQLite and PostgreSQL
    python bench/web.py --docs 1000 --db postgresql
    CONVERGE_TEST_POSTGRES_URL=postgresql+psycopg://user@host/db python bench/web.py

What a deployment runs, from files to pages:

1. A corpus is generated with corpora/generate.py (DOCX only; cached under --cache) and each trust's folder
   is loaded with `converge ingest --trust CODE FOLDER --no-match`: every document is parsed from its file.
2. `converge match --full` groups the documents (the real matcher) and compares every group it saved.
   A random set of groups then has its stored comparison removed: those are groups no consumer has compared
   yet, and each is opened once, as a "first view": the request compares the group and stores it when its
   worker has a comparison slot free (converge.web.comparing), else the page comes at once without the
   comparison and the client then does what static/js/comparing.js does (asks every second, reloads when
   ready). Both are timed: to the first page, and to the page showing the differences.
   Groups are moved along the workflow as reviewers would have moved them (most in review, some confirmed,
   a few agreed or approved), each move recorded as a transition, so decisions can be recorded.
3. The server is `converge serve --workers 2 --threads 6` (gunicorn, the settings of
   converge.web.gunicorn_conf) with its queue consumer, in a subprocess on loopback, as `make run` starts it.
4. 20 client threads with keep-alive connections request each page a bounded number of times: the queue,
   the same 10 groups (warm: opened before), and groups never compared (first view). Then the same reads
   with writes going on: 4 of the 20 clients record decisions, comment and upload documents (parsed and
   matched by the consumer) while 16 read the queue and group pages. A writer first opens the group it
   writes to (any group in review, mostly not warm): those pages are timed apart ("group before a write").
   That run makes --write-rounds (default 3) times as many requests as the reads alone, so that its p95
   rests on some 60 writes and 1,900 reads rather than 20 and 640.
   The clients run on the same 2 cores as the server, and their own CPU is printed for each scenario
   (this process's and its client processes'). By default every client is a thread of this one process:
   then a response that has arrived waits for the GIL, behind other clients reading and parsing theirs,
   before it is timed, and the time measured is partly the client's. `--client-processes 4` spreads the
   20 clients over 4 processes of 5 threads (a writer in each), so that a timing waits on the server and
   on the machine's cores, not on this process's GIL; it is not cheaper for the machine (the same work,
   in more processes), so compare runs with the same setting only.

Each page's p50 / p95 / max is printed with its ratio to a static file served by the same server in the same
run (the baseline: what serving bytes costs on this machine at this moment), and, measured in-process with
Flask's test client, how many SQL statements the page runs (its second request: the queue kept under its
data version, a group's page under the group's, which only a change to what that page shows changes,
converge.web.ttl; after such a change the page reads everything again). The machine may be shared: the CPU time of the server's processes is printed too.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, delete, event, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PASSWORD = "bench-password-1"
TRUSTS = ("JPUH", "NNUH", "QEH")
WRITERS = 4  # of the clients, in the run with writes


# --- the library: generated files, ingested and matched by the real commands ----------------------------


def corpus(cache: Path, docs: int) -> Path:
    """A generated corpus of docs per trust (DOCX), made once and kept in `cache`."""
    folder = cache / f"gen{docs}"
    if not (folder / "truth.json").exists():
        command = [
            sys.executable,
            str(ROOT / "corpora" / "generate.py"),
            "--trusts",
            "3",
            "--docs",
            str(docs),
        ]
        command += ["--pdf-share", "0", "--jobs", "2", "--out", str(folder)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return folder


def converge(*args: str, cwd: Path) -> float:
    """Run one converge command to the end; its CPU seconds."""
    before = os.times()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "converge", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if done.returncode not in (0, 2):  # 2: some files rejected, each with its reason
        raise SystemExit(f"converge {args[0]} failed: {done.stderr.decode()[-2000:]}")
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def build_library(url: str, folder: Path, cwd: Path, label: str) -> None:
    for code in TRUSTS:
        t0 = time.perf_counter()
        cpu = converge(
            "ingest",
            "--db",
            url,
            "--trust",
            code,
            "--create-trust",
            "--no-match",
            str(folder / code),
            cwd=cwd,
        )
        print(
            f"[{label}] converge ingest {code}: {time.perf_counter() - t0:.0f} s ({cpu:.0f} s CPU)",
            flush=True,
        )
    t0 = time.perf_counter()
    cpu = converge("match", "--full", "--db", url, cwd=cwd)
    print(f"[{label}] converge match --full: {time.perf_counter() - t0:.0f} s ({cpu:.0f} s CPU)", flush=True)


@dataclass
class Library:
    warm: list[int]
    fresh: list[int]  # comparisons removed: each a first view
    decidable: list[int]  # in review: decisions and comments go here


def prepare(url: str, fresh_count: int) -> Library:
    """Users, workflow states and groups left uncompared, as a review in progress would have them."""
    import converge.workflow.accounts
    from converge.store.models import GroupReview, GroupTransition, MatchGroupRow
    from converge.store.session import make_engine, make_session_factory
    from converge.workflow.accounts import create_user
    from converge.workflow.status import Status

    engine = make_engine(url)
    rng = random.Random(7)
    converge.workflow.accounts.HASH_METHOD = "pbkdf2:sha256:1000"  # sign-in is not what is measured
    with make_session_factory(engine)() as session, session.begin():
        create_user(session, "bench", PASSWORD, "reviewer")
        create_user(session, "lead", PASSWORD, "lead", trust="JPUH")
        groups = session.scalars(
            select(MatchGroupRow).where(MatchGroupRow.status != Status.SUPERSEDED).order_by(MatchGroupRow.id)
        ).all()
        multi = [g for g in groups if len(g.members) > 1]
        path = [Status.CONFIRMED, Status.IN_REVIEW, Status.IN_REVIEW, Status.IN_REVIEW, Status.DRAFT_AGREED]
        for n, g in enumerate(multi):
            to = path[n % len(path)]
            session.add(GroupTransition(group_id=g.id, from_status=g.status, to_status=to, actor="bench"))
            g.status = to
        ids = [g.id for g in multi]
        rng.shuffle(ids)
        warm, fresh = ids[:10], ids[10 : 10 + fresh_count]
        session.execute(delete(GroupReview).where(GroupReview.group_id.in_(fresh)))
        in_review = {g.id for g in multi if g.status == Status.IN_REVIEW}
        decidable = [i for i in ids if i in in_review and i not in fresh]
    engine.dispose()
    return Library(warm, fresh, decidable)


# --- SQL statements per page, in-process -----------------------------------------------------------------


def sql_counts(url: str, lib: Library) -> dict[str, int]:
    """How many SQL statements each page runs (Flask's test client; the second request of each page)."""
    from converge.web import create_app
    from converge.web.db import dispose

    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "AUTO_MIGRATE": False,
            "CACHE_SECONDS": 5,
            "WTF_CSRF_ENABLED": False,
        }
    )
    count = [0]
    for name in ("engine", "reader"):  # the app's two pools: writes, and GET pages' reads
        engine = app.extensions["converge"].get(name)
        if engine is not None:
            event.listen(engine, "before_cursor_execute", lambda *a: count.__setitem__(0, count[0] + 1))
    client = app.test_client()
    client.post("/sign-in", data={"username": "bench", "password": PASSWORD})
    out = {}
    pages = {"queue page": "/", "group review (warm)": f"/groups/{lib.warm[0]}"}
    for name, path in pages.items():
        client.get(path)
        count[0] = 0
        client.get(path)
        out[name] = count[0]
    dispose(app)
    return out


# --- the server and its clients --------------------------------------------------------------------------


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
    ]
    proc = subprocess.Popen(command, cwd=folder, env=env, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 90
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


def server_cpu(proc: subprocess.Popen[bytes], consumer_only: bool = False) -> float:
    """CPU seconds of the server's process group so far (gunicorn master, workers, consumer and its parsing
    subprocesses), or of its queue consumer process (`converge worker`) only."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if consumer_only and b"worker" not in (stat.parent / "cmdline").read_bytes().split(b"\0"):
                continue
        except OSError:
            continue
        if int(fields[2]) == proc.pid:  # field 5 of /proc/N/stat: the process group
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def sign_in(port: int, username: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/sign-in")
    resp = conn.getresponse()
    html = resp.read().decode()
    cookie = resp.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    body = f"username={username}&password={PASSWORD}&csrf_token={token}"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    conn.request("POST", "/sign-in", body=body, headers=headers)
    resp = conn.getresponse()
    resp.read()
    if resp.status != 302:
        raise SystemExit(f"sign-in failed: {resp.status}")
    return resp.getheader("Set-Cookie", "").split(";")[0]


@dataclass
class Timings:
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, ms: float) -> None:
        with self.lock:
            self.by_page.setdefault(page, []).append(ms)


class Client:
    """One keep-alive connection, signed in."""

    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie = port, cookie
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(
        self, method: str, path: str, body: bytes | None = None, ctype: str = ""
    ) -> tuple[int, bytes]:
        headers = {"Cookie": self.cookie, **({"Content-Type": ctype} if ctype else {})}
        try:
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.HTTPException, OSError):  # a worker closed the connection: open another
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.conn.request(method, path, body=body, headers=headers)
            resp = self.conn.getresponse()
        return resp.status, resp.read()

    def timed(self, t: Timings, page: str, path: str, marker: bytes) -> bytes:
        t0 = time.perf_counter()
        status, body = self.request("GET", path)
        t.add(page, (time.perf_counter() - t0) * 1000)
        if status != 200 or marker not in body:
            t.errors.append(f"{path}: {status}")
        return body


CLIENT_CPU: list[tuple[str, float, float]] = []  # (scenario, client CPU seconds, wall seconds), printed at the end


def run_clients(
    clients: int, work: Callable[[int], None], t: Timings, procs: int, share: Callable[[int, int], None], name: str
) -> float:
    """Run `work(n)` for every client n, as threads of this process (procs 1) or spread over `procs` forked
    processes, each with clients n = p, p + procs, ...; `share(p, procs)` cuts the state `work` reads to
    process p's part before its threads start, and each process sends its timings back into `t`. The CPU
    the clients used (this process and the client processes) is kept in CLIENT_CPU: a client that takes a
    core of its own waits for it, and for the GIL, while its requests are timed."""
    start, cpu0 = time.perf_counter(), _client_cpu()
    if procs <= 1:
        _threads(range(clients), work)
    else:
        ctx = multiprocessing.get_context("fork")  # the closures and their state go with the fork
        pipes, children = [], []
        for p in range(procs):
            here, there = ctx.Pipe(duplex=False)
            child = ctx.Process(target=_client_process, args=(p, procs, clients, work, t, share, there))
            child.start()
            pipes.append(here)
            children.append(child)
        for here, child in zip(pipes, children, strict=True):
            by_page, errors = here.recv()
            child.join()
            for page, values in by_page.items():
                t.by_page.setdefault(page, []).extend(values)
            t.errors.extend(errors)
    wall = time.perf_counter() - start
    CLIENT_CPU.append((name, _client_cpu() - cpu0, wall))
    return wall


def _threads(ns: Sequence[int], work: Callable[[int], None]) -> None:
    threads = [threading.Thread(target=work, args=(n,)) for n in ns]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


def _client_process(p, procs, clients, work, t, share, pipe):  # type: ignore[no-untyped-def]
    share(p, procs)
    _threads(range(p, clients, procs), work)
    pipe.send((t.by_page, t.errors))
    pipe.close()


def _client_cpu() -> float:
    """CPU seconds of this process and of its client processes that have ended (the server is still
    running, so not among them; the converge commands of the set-up end before a scenario starts)."""
    own, ended = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime


READS = {  # page -> marker its HTML must hold
    "static file (baseline)": b"nhsuk",
    "queue page": b"Match groups",
    "group review (warm)": b"Side by side",
    "group review (first view)": b"Documents in this group",  # the group's page, compared or not (below)
}
SHOWN = "first view: differences shown"
POLL_SECONDS = 1.0  # as static/js/comparing.js asks


def first_view(c: Client, t: Timings, path: str) -> None:
    """A group never compared, opened as a browser would: its page (compared in the request when the worker
    has a comparison slot free, else shown without the comparison), then, for a page saying it is being
    compared, what comparing.js does: ask /comparison every POLL_SECONDS until ready, then load the page
    again. Both times are kept: to the first page, and to the page showing the differences."""
    t0 = time.perf_counter()
    body = c.timed(t, "group review (first view)", path, READS["group review (first view)"])
    while b'id="comparing"' in body:
        time.sleep(POLL_SECONDS)
        status, answer = c.request("GET", f"{path}/comparison")
        if status != 200:
            t.errors.append(f"{path}/comparison: {status}")
            return
        if b'"ready":true' in answer.replace(b" ", b""):
            body = c.request("GET", path)[1]
    if b"Side by side" not in body:
        t.errors.append(f"{path}: no comparison shown")
    t.add(SHOWN, (time.perf_counter() - t0) * 1000)


def read_scenario(
    port: int, cookies: list[str], page: str, paths: Sequence[str], clients: int, procs: int = 1
) -> Timings:
    t = Timings()
    todo = list(reversed(paths))
    lock = threading.Lock()

    def share(p: int, procs: int) -> None:
        todo[:] = todo[p::procs]

    def work(n: int) -> None:
        c = Client(port, cookies[n % len(cookies)])
        while True:
            with lock:
                if not todo:
                    return
                path = todo.pop()
            if "first" in page:
                first_view(c, t, path)
            else:
                c.timed(t, page, path, READS[page])

    run_clients(clients, work, t, procs, share, page)
    return t


def _form(html: bytes, name: str) -> str:
    found = re.search(rb'name="' + name.encode() + rb'"[^>]*value="([^"]*)"', html)
    return found.group(1).decode() if found else ""


def write_once(c: Client, lead: Client, t: Timings, lib: Library, rng: random.Random, n: int) -> None:
    """One reviewer's write: a decision, a comment, or (a lead) an upload of one document."""
    from urllib.parse import urlencode

    kind = ("decision", "comment", "decision", "upload")[n % 4]
    if kind == "upload":
        data = make_docx(rng)
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{lead.csrf}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="trust"\r\n\r\nJPUH\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="bench-{n}.docx"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        t0 = time.perf_counter()
        status, _ = lead.request("POST", "/library/upload", body, f"multipart/form-data; boundary={boundary}")
        t.add("write: upload", (time.perf_counter() - t0) * 1000)
        if status != 302:
            t.errors.append(f"upload: {status}")
        return
    gid = rng.choice(lib.decidable)
    # Any group in review, most never opened before nor kept: timed apart from the readers' warm pages.
    html = c.timed(t, "group before a write", f"/groups/{gid}", b"Side by side")
    # Each difference's key and the trusts it is between (a decision adopts one of them).
    keys = re.findall(rb'data-key="([^"]+)" data-trusts="([^"]+)"', html)
    fields = {"csrf_token": _form(html, "csrf_token"), "revision": _form(html, "revision")}
    if kind == "decision" and keys:
        fields |= {
            "seen_decision": _form(html, "seen_decision"),
            "change_key": (chosen := rng.choice(keys))[0].decode(),
            "decision": f"adopt:{rng.choice(chosen[1].decode().split())}",
            "reason": "bench",
        }
        path = f"/groups/{gid}/decisions"
    else:
        fields |= {"text": f"bench comment {n}"}
        path = f"/groups/{gid}/comments"
    t0 = time.perf_counter()
    status, _ = c.request("POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded")
    t.add(f"write: {kind}", (time.perf_counter() - t0) * 1000)
    if status not in (302, 409):  # 409: two people decided one difference at once, shown as a choice
        t.errors.append(f"{path}: {status}")


def make_docx(rng: random.Random) -> bytes:
    import io

    from docx import Document

    doc = Document()
    topic = f"Bench upload {uuid.UUID(int=rng.getrandbits(128)).hex[:8]}"
    doc.add_heading(f"{topic} policy", 0)
    for k, heading in enumerate(("Purpose", "Scope", "Procedure", "Monitoring")):
        doc.add_heading(heading, 1)
        doc.add_paragraph(f"Staff must escalate to the registrar when the NEWS2 score is {5 + k} or more.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def mixed_scenario(
    port: int,
    cookies: list[str],
    lead_cookie: str,
    lib: Library,
    requests: int,
    clients: int,
    procs: int = 1,
    rounds: int = 1,
) -> Timings:
    """Readers on the queue and warm group pages while WRITERS clients decide, comment and upload (clients
    0 to WRITERS - 1: in several client processes, spread over them); `rounds` times the reads' requests."""
    t = Timings()
    total = requests * 2 * rounds
    left = [total]
    lock = threading.Lock()

    def share(p: int, procs: int) -> None:
        left[0] = len(range(p, total, procs))

    def work(n: int) -> None:
        rng = random.Random(n)
        c = Client(port, cookies[n % len(cookies)])
        lead = Client(port, lead_cookie)
        lead.csrf = _form(lead.request("GET", "/library/upload")[1], "csrf_token")  # type: ignore[attr-defined]
        i = 0
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            i += 1
            if n < WRITERS:
                write_once(c, lead, t, lib, rng, i)
            elif i % 2:
                c.timed(t, "queue page", "/", READS["queue page"])
            else:
                c.timed(t, "group review (warm)", f"/groups/{lib.warm[i % 10]}", READS["group review (warm)"])

    run_clients(clients, work, t, procs, share, "with writes")
    return t


# --- one database --------------------------------------------------------------------------------------


def pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(db: str, url: str, args: argparse.Namespace, folder: Path) -> list[tuple]:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as cwd:
        build_library(url, folder, Path(cwd), db)
        lib = prepare(url, args.first_views + 20)
        if args.keep is not None and url.startswith("sqlite:///"):  # to profile a page against afterwards
            shutil.copyfile(url.removeprefix("sqlite:///"), args.keep)
        counts = sql_counts(url, lib)
        proc, port = start_server(url, Path(cwd), args.workers, args.threads)
        try:
            return serve_and_load(db, url, lib, counts, proc, port, args)
        finally:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()


def serve_and_load(db, url, lib, counts, proc, port, args):  # type: ignore[no-untyped-def]
    cookies = [sign_in(port, "bench") for _ in range(4)]
    lead_cookie = sign_in(port, "lead")
    warm_paths = [f"/groups/{g}" for g in lib.warm] + ["/"]
    read_scenario(port, cookies, "group review (warm)", warm_paths * (8 * args.workers), 2 * args.workers)
    n = args.requests
    plan = {
        "static file (baseline)": ["/static/css/converge.css"] * n,
        "queue page": ["/"] * n,
        "group review (warm)": [f"/groups/{lib.warm[i % 10]}" for i in range(n)],
        "group review (first view)": [f"/groups/{g}" for g in lib.fresh[20:]],
    }
    rows = []
    for page, paths in plan.items():
        alone = read_scenario(
            port,
            cookies,
            page,
            paths[:20] if "first" not in page else [f"/groups/{g}" for g in lib.fresh[:20]],
            1,
        )
        cpu0 = server_cpu(proc)
        t = read_scenario(port, cookies, page, paths, args.clients, args.client_processes)
        if t.errors:
            raise SystemExit(f"{len(t.errors)} failed requests, e.g. {t.errors[:3]}")
        rows.append(
            row(
                db,
                page,
                "reads",
                t.by_page[page],
                pct(alone.by_page[page], 50),
                counts.get(page),
                server_cpu(proc) - cpu0,
            )
        )
        print(f"[{db}] {page}: p50 {rows[-1][4]:.0f} ms, p95 {rows[-1][5]:.0f} ms", flush=True)
        if "first" in page:
            rows.append(row(db, SHOWN, "reads", t.by_page[SHOWN], pct(alone.by_page[SHOWN], 50), None, rows[-1][9]))
            print(f"[{db}] {SHOWN}: p50 {rows[-1][4]:.0f} ms, p95 {rows[-1][5]:.0f} ms", flush=True)
    cpu0, consumer0, start = server_cpu(proc), server_cpu(proc, consumer_only=True), time.perf_counter()
    t = mixed_scenario(port, cookies, lead_cookie, lib, n, args.clients, args.client_processes, args.write_rounds)
    cpu, consumer = server_cpu(proc) - cpu0, server_cpu(proc, consumer_only=True) - consumer0
    print(
        f"[{db}] the run with writes: {time.perf_counter() - start:.1f} s; server CPU {cpu:.1f} s, of which "
        f"the queue consumer process's (matching, comparing; not its parsing subprocesses) {consumer:.1f} s",
        flush=True,
    )
    if t.errors:
        print(f"[{db}] {len(t.errors)} failed requests with writes, e.g. {t.errors[:3]}", flush=True)
    for page, values in t.by_page.items():
        rows.append(row(db, page, "with writes", values, None, counts.get(page), cpu))
        print(f"[{db}] {page} with writes: p50 {rows[-1][4]:.0f} ms, p95 {rows[-1][5]:.0f} ms", flush=True)
    return rows


def row(db, page, mode, values, alone, sql, cpu):  # type: ignore[no-untyped-def]
    return (db, page, mode, len(values), pct(values, 50), pct(values, 95), max(values), alone, sql, cpu)


def postgres_schema(base: str) -> tuple[str, object]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", (admin, schema)


def report(rows: list[tuple], args: argparse.Namespace) -> None:  # type: ignore[type-arg]
    print(
        f"\n{args.docs:,} generated documents per trust x 3 trusts, parsed by `converge ingest`, grouped by "
        f"`converge match --full`; {args.clients} clients; `converge serve --workers {args.workers} "
        f"--threads {args.threads}` (gunicorn) with its queue consumer; loopback"
    )
    print(
        f"{'database':<11} {'page':<27} {'mode':<12} {'n':>5} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'p95/static':>10} {'1 client p50':>12} {'SQL':>4} {'server CPU s':>12}"
    )
    for db in dict.fromkeys(r[0] for r in rows):
        base = next(r for r in rows if r[0] == db and r[1].startswith("static"))
        for r in (r for r in rows if r[0] == db):
            alone = f"{r[7]:.0f}" if r[7] is not None else "-"
            sql = str(r[8]) if r[8] is not None else "-"
            print(
                f"{r[0]:<11} {r[1]:<27} {r[2]:<12} {r[3]:>5} {r[4]:>7.0f} {r[5]:>7.0f} {r[6]:>7.0f} "
                f"{r[5] / base[5]:>9.1f}x {alone:>12} {sql:>4} {r[9]:>12.1f}"
            )
    print(f"\nclients' own CPU ({args.client_processes} client process(es); 2 cores shared with the server):")
    for name, cpu, wall in CLIENT_CPU:
        if wall >= 1.0:  # (the one-client runs and the warm-up are short)
            print(f"  {name:<27} {cpu:6.1f} s CPU in {wall:6.1f} s: {cpu / wall:4.2f} of a core")
    print(
        "\nAim (issue 17): warm queue and group pages p95 under 150 ms, 20 clients, on PostgreSQL; a first "
        "view of a group not yet compared under 500 ms."
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300, help="documents per trust (default 300)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400, help="requests per page (first views: one a group)")
    ap.add_argument("--first-views", type=int, default=60, help="groups left uncompared, each opened once")
    ap.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    # converge.web.gunicorn_conf's defaults
    ap.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    ap.add_argument("--threads", type=int, default=6, help="threads per worker process")
    ap.add_argument(
        "--client-processes",
        type=int,
        default=1,
        help="processes the clients are spread over (default 1: every client a thread of this process)",
    )
    ap.add_argument(
        "--write-rounds",
        type=int,
        default=3,
        help="the run with writes makes this many times --requests x 2 requests (default 3: at 1 it lasted "
        "2-4 s, some 20 writes, and its p95 moved by tens of ms from run to run)",
    )
    ap.add_argument("--keep", type=Path, help="copy the SQLite database here once prepared")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "converge-bench-web")
    args = ap.parse_args()
    pg = os.environ.get("CONVERGE_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test")
    folder = corpus(args.cache, args.docs)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        if args.db in ("sqlite", "both"):
            rows += measure("sqlite", f"sqlite:///{Path(scratch) / 'bench.db'}", args, folder)
        if args.db in ("postgresql", "both"):
            url, (admin, schema) = postgres_schema(pg)
            try:
                rows += measure("postgresql", url, args, folder)
            finally:
                with admin.begin() as conn:  # type: ignore[attr-defined]
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()  # type: ignore[attr-defined]
    report(rows, args)


if __name__ == "__main__":
    main()
