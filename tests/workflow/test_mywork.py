"""What is waiting for whom, on SQLite and PostgreSQL: groups to confirm, differences to decide, drafts to
agree and sign-offs, each in the person's scope; notifications of followed groups (and their mail)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from email import message_from_bytes

import pytest

from converge.store.models import GroupTransition, MatchGroupRow, MatchMember, User
from converge.workflow.accounts import create_user
from converge.workflow.actors import Actor
from converge.workflow.comparison.stored import compute_review
from converge.workflow.comparison.summary import summarise_group
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.mywork import my_work
from converge.workflow.notify import (
    MailSettings,
    follow,
    install,
    mark_read,
    notifications,
    send_pending,
    unfollow,
    unread_count,
)
from converge.workflow.review import add_comment, record_decision, sign_off, transition
from converge.workflow.signoff import STRICT
from tests.web.conftest import make_doc

JPUH = Actor("lead.jpuh", "lead", "JPUH")
NNUH = Actor("lead.nnuh", "lead", "NNUH")
QEH = Actor("lead.qeh", "lead", "QEH")
REVIEWER = Actor("dr.reviewer", "reviewer")
CARDIO = Actor("dr.heart", "reviewer", specialty="Cardiology")


@pytest.fixture
def groups(session_factory) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Two three-trust groups (sepsis: Acute Medicine; falls: none) and a JPUH-NNUH one, all proposed."""
    install()
    out = {}
    with session_factory() as session, session.begin():
        trusts = {c: get_or_create_trust(session, c) for c in ("JPUH", "NNUH", "QEH")}
        for name, role, trust in (
            ("lead.jpuh", "lead", "JPUH"),
            ("lead.nnuh", "lead", "NNUH"),
            ("lead.qeh", "lead", "QEH"),
            ("dr.reviewer", "reviewer", None),
            ("dr.heart", "reviewer", None),
        ):
            user = create_user(session, name, "a-long-password-1", role, trust=trust)
            user.email = f"{name}@example.nhs.uk"
            if name == "dr.heart":
                user.specialty = "Cardiology"
        for topic, codes, specialty, conf in (
            ("Sepsis", ("JPUH", "NNUH", "QEH"), "Acute Medicine", 0.9),
            ("Falls", ("JPUH", "NNUH", "QEH"), None, 0.7),
            ("Potassium", ("JPUH", "NNUH"), "Acute Medicine", 0.8),
        ):
            ids = []
            for code in codes:
                value = "7" if code == "QEH" else ("5" if code == "JPUH" else "6")
                sha = (code + topic * 20)[:64].lower()
                doc = make_doc(code, topic, f"Screen when NEWS2 is {value} or more.", sha=sha)
                store_document(session, trusts[code], doc, None)
                ids.append(doc.id)
            group = MatchGroupRow(
                status="proposed",
                topic=topic,
                specialty=specialty,
                confidence=conf,
                members=[MatchMember(document_id=i) for i in ids],
            )
            session.add(group)
            session.flush()
            summarise_group(session, group)
            out[topic] = group.id
    return out


def _keys(session, group_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    data = compute_review(session, session.get(MatchGroupRow, group_id))
    return [d.key for d in data.differences if d.significant]


def _uid(session, name: str) -> int:  # type: ignore[no-untyped-def]
    return session.query(User).filter_by(username=name).one().id


def test_each_person_sees_the_work_their_role_and_scope_ask(session_factory, groups) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        qeh = my_work(session, QEH, STRICT)
        assert [i.topic for i in qeh.to_confirm] == ["Sepsis", "Falls"]  # QEH holds no potassium document
        assert qeh.to_confirm_total == 2 and not qeh.to_decide
        jpuh = my_work(session, JPUH, STRICT).to_confirm
        assert [i.topic for i in jpuh] == ["Sepsis", "Potassium", "Falls"]  # most confident first
        assert my_work(session, REVIEWER, STRICT).total == 0  # nothing confirmed yet: nothing to decide
        transition(session, groups["Sepsis"], "confirmed", JPUH)
        transition(session, groups["Falls"], "confirmed", JPUH)
    with session_factory() as session, session.begin():
        decide = my_work(session, REVIEWER, STRICT).to_decide
        assert {i.topic for i in decide} == {"Sepsis", "Falls"}
        sepsis = next(i for i in decide if i.topic == "Sepsis")
        assert sepsis.open == sepsis.significant and sepsis.significant >= 1
        # A cardiology reviewer decides cardiology groups and groups of no specialty only.
        assert [i.topic for i in my_work(session, CARDIO, STRICT).to_decide] == ["Falls"]
        assert [i.topic for i in my_work(session, QEH, STRICT).to_confirm] == []
        for key in _keys(session, groups["Sepsis"]):
            record_decision(session, groups["Sepsis"], key, "adopt", REVIEWER, adopted_trust="JPUH")
    with session_factory() as session, session.begin():
        work = my_work(session, REVIEWER, STRICT)
        assert [i.topic for i in work.to_decide] == ["Falls"]
        assert [i.topic for i in work.to_agree] == ["Sepsis"]
        group = session.get(MatchGroupRow, groups["Sepsis"])
        group.status = "draft_agreed"  # as a reviewer agreeing the built draft would leave it
        session.add(
            GroupTransition(
                group_id=group.id, from_status="in_review", to_status="draft_agreed", actor="dr.reviewer"
            )
        )
    with session_factory() as session, session.begin():
        for lead in (JPUH, NNUH, QEH):
            assert [i.topic for i in my_work(session, lead, STRICT).signoffs] == ["Sepsis"]
        sign_off(session, groups["Sepsis"], NNUH, STRICT)
    with session_factory() as session, session.begin():
        assert my_work(session, NNUH, STRICT).signoffs == []
        (waiting,) = my_work(session, QEH, STRICT).signoffs
        assert "QEH's sign-off" in waiting.note and "JPUH" in waiting.note
        assert my_work(session, REVIEWER, STRICT).signoffs == []


def test_followers_are_told_of_decisions_comments_and_moves_by_others(session_factory, groups) -> None:  # type: ignore[no-untyped-def]
    gid = groups["Sepsis"]
    with session_factory() as session, session.begin():
        transition(session, gid, "confirmed", JPUH)  # JPUH's lead now follows the group
        lead, reviewer = _uid(session, "lead.jpuh"), _uid(session, "dr.reviewer")
        follow(session, _uid(session, "lead.qeh"), gid)
    with session_factory() as session, session.begin():
        assert unread_count(session, lead) == 0  # nobody is told of their own move
        key = _keys(session, gid)[0]
        record_decision(session, gid, key, "adopt", REVIEWER, adopted_trust="NNUH", significant=True)
    with session_factory() as session, session.begin():
        texts = [n.text for n in notifications(session, lead)]
        decided = [t for t in texts if "dr.reviewer decided a significant difference" in t]
        assert decided and "adopt NNUH's text" in decided[0]
        assert any("moved “Sepsis” to In review" in t for t in texts)  # the first decision opened the review
        assert unread_count(session, _uid(session, "lead.qeh")) == unread_count(session, lead) > 0
        assert unread_count(session, reviewer) == 0
        add_comment(session, gid, JPUH, "Our pharmacists agree with NNUH.")
    with session_factory() as session, session.begin():
        (note,) = [n for n in notifications(session, reviewer)]  # the reviewer follows since deciding
        assert note.kind == "comment" and "Our pharmacists agree" in note.text
        assert mark_read(session, reviewer) == 1 and unread_count(session, reviewer) == 0
        unfollow(session, reviewer, gid)
        add_comment(session, gid, JPUH, "One more thing.")
    with session_factory() as session:
        assert unread_count(session, reviewer) == 0  # unfollowed: not told


class _SMTPCatcher:
    """A minimal SMTP server on loopback that keeps what it is sent (enough for smtplib's client)."""

    def __init__(self) -> None:
        import socketserver

        self.messages: list[tuple[str, list[str], bytes]] = []
        catcher = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 test ESMTP\r\n")
                sender, rcpts = "", []
                while line := self.rfile.readline():
                    cmd = line.decode().strip()
                    verb = cmd.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.wfile.write(b"250 test\r\n")
                    elif verb == "MAIL":
                        sender, rcpts = cmd.split(":", 1)[1].strip(" <>"), []
                        self.wfile.write(b"250 ok\r\n")
                    elif verb == "RCPT":
                        rcpts.append(cmd.split(":", 1)[1].strip(" <>"))
                        self.wfile.write(b"250 ok\r\n")
                    elif verb == "DATA":
                        self.wfile.write(b"354 go\r\n")
                        body = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            body += chunk
                        catcher.messages.append((sender, rcpts, body))
                        self.wfile.write(b"250 queued\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _SMTPCatcher:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def smtp() -> Iterator[_SMTPCatcher]:
    with _SMTPCatcher() as catcher:
        yield catcher


def test_notifications_are_mailed_once_when_smtp_is_set(session_factory, groups, smtp) -> None:  # type: ignore[no-untyped-def]
    gid = groups["Falls"]
    with session_factory() as session, session.begin():
        follow(session, _uid(session, "lead.nnuh"), gid)
        transition(session, gid, "confirmed", JPUH)
        assert send_pending(session, MailSettings()) == 0  # no host: mail is off by default
    mail = MailSettings(
        host="127.0.0.1", port=smtp.port, sender="converge@trust.nhs.uk", base_url="https://cv"
    )
    with session_factory() as session, session.begin():
        assert send_pending(session, mail) == 1
    with session_factory() as session, session.begin():
        assert send_pending(session, mail) == 0  # each notification is mailed once
    ((sender, rcpts, body),) = smtp.messages
    assert sender == "converge@trust.nhs.uk" and rcpts == ["lead.nnuh@example.nhs.uk"]
    msg = message_from_bytes(body)
    assert msg["Subject"] == "Converge: Falls"
    text = msg.get_payload(decode=True).decode()
    assert "lead.jpuh moved “Falls” to Confirmed" in text and f"https://cv/groups/{gid}" in text
