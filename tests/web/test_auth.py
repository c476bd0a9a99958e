"""Sign-in, sign-out, CSRF and the rule that every page needs a signed-in user."""

import pytest

from tests.web.conftest import PASSWORD, csrf_token


@pytest.mark.parametrize("path", ["/", "/library/", "/library/JPUH", "/library/upload", "/reports/"])
def test_pages_need_sign_in(client, docs, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_sign_in_and_out(client, docs):
    token = csrf_token(client)
    response = client.post(
        "/sign-in", data={"username": "reviewer", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    token = csrf_token(client, "/")
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_without_saying_which_part(client, docs):
    token = csrf_token(client)
    response = client.post(
        "/sign-in", data={"username": "reviewer", "password": "nope-nope", "csrf_token": token}
    )
    assert response.status_code == 200
    assert "Username or password is not right" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_post_without_csrf_token_is_refused(client, docs):
    response = client.post("/sign-in", data={"username": "reviewer", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_open_redirect_after_sign_in_is_ignored(client, docs):
    token = csrf_token(client)
    response = client.post(
        "/sign-in?next=//evil.example/x",
        data={"username": "viewer", "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_pages_send_a_strict_content_security_policy(client, docs):
    csp = client.get("/sign-in").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
