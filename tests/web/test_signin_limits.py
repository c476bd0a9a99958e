"""Sign-in resists guessing (per account and per address), sessions end on the server, pages are not kept."""

from __future__ import annotations

from converge.workflow.accounts import set_password, unlock_user
from tests.web.conftest import PASSWORD, csrf_token, session_factory_of


def attempt(client, username: str, password: str, address: str = "192.0.2.1"):  # type: ignore[no-untyped-def]
    token = csrf_token(client)
    return client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_thirty_wrong_passwords_lock_the_account_until_an_admin_unlocks_it(app, client, docs):
    texts = []
    for i in range(30):  # from many addresses, so only the per-account limit can stop them
        response = attempt(client, "reviewer", f"wrong-guess-{i}", address=f"198.51.100.{i}")
        assert response.status_code == 200
        texts.append(response.get_data(as_text=True))
    assert all("not right" in t for t in texts[:9])
    assert all("locked" in t for t in texts[10:])
    assert client.get("/").status_code == 302
    # The right password is refused while the account is locked.
    response = attempt(client, "reviewer", PASSWORD, address="203.0.113.9")
    assert response.status_code == 200 and "locked" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    with session_factory_of(app)() as session, session.begin():
        unlock_user(session, "reviewer")
    assert attempt(client, "reviewer", PASSWORD, address="203.0.113.9").status_code == 302
    assert client.get("/").status_code == 200


def test_one_address_guessing_many_accounts_is_throttled(app, client, docs):
    statuses = [
        attempt(client, f"user{i}", "wrong-guess", address="192.0.2.50").status_code for i in range(30)
    ]
    assert statuses[:20] == [200] * 20 and statuses[20:] == [429] * 10
    # Even a right password is refused from that address for a while; another address is not affected.
    assert attempt(client, "admin", PASSWORD, address="192.0.2.50").status_code == 429
    assert attempt(client, "admin", PASSWORD, address="192.0.2.51").status_code == 302


def test_a_copied_cookie_is_refused_after_sign_out(app, client, docs):
    assert attempt(client, "reviewer", PASSWORD).status_code == 302
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/").status_code == 200
    token = csrf_token(client, "/")
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302
    response = copy.get("/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_password_change_ends_the_sessions_signed_in_with_the_old_one(app, client, docs):
    assert attempt(client, "reviewer", PASSWORD).status_code == 302
    assert client.get("/").status_code == 200
    with session_factory_of(app)() as session, session.begin():
        set_password(session, "reviewer", "a-new-long-password")
    assert client.get("/").status_code == 302
    assert attempt(client, "reviewer", "a-new-long-password").status_code == 302
    assert client.get("/").status_code == 200


def test_signed_in_pages_are_not_stored(app, client, docs):
    assert attempt(client, "reviewer", PASSWORD).status_code == 302
    for path in ("/", "/library/", "/reports/"):
        assert client.get(path).headers["Cache-Control"] == "no-store"
