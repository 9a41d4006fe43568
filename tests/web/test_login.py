"""Logging in: sessions, CSRF, throttling, language."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from publishing_rig import SharedClock
from web_rig import PASSWORD, csrf_of, login


def test_pages_need_a_login(app_client: TestClient) -> None:
    response = app_client.get("/inbox?status=new", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/inbox%3Fstatus%3Dnew"


def test_login_sets_a_signed_httponly_samesite_cookie(app_client: TestClient) -> None:
    token = csrf_of(app_client.get("/login").text)
    response = app_client.post(
        "/login",
        data={"username": "viewer", "password": PASSWORD, "csrf_token": token, "next": "/inbox"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/inbox"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=43200" in cookie
    assert "viewer" in app_client.get("/").text


def test_a_forged_or_tampered_cookie_is_no_session(app_client: TestClient) -> None:
    login(app_client, "admin")
    value = app_client.cookies["sa_session"]
    app_client.cookies.clear()
    app_client.cookies.set("sa_session", value[:-3] + ("AAA" if value[-3:] != "AAA" else "BBB"))
    assert app_client.get("/", follow_redirects=False).status_code == 303


def test_the_session_expires(app_client: TestClient, clock: SharedClock) -> None:
    login(app_client, "admin")
    assert app_client.get("/", follow_redirects=False).status_code == 200
    # itsdangerous checks the age against the real time, so age the cookie instead.
    from itsdangerous import URLSafeTimedSerializer

    web = app_client.app.state.web  # type: ignore[attr-defined]
    data = web.codec.loads(app_client.cookies["sa_session"])
    old = URLSafeTimedSerializer(web.codec._serializer.secret_key, salt="social-assistant-session")
    import time
    from unittest import mock

    with mock.patch("itsdangerous.timed.time.time", return_value=time.time() - 13 * 3600):
        stale = old.dumps(data)
    app_client.cookies.clear()
    app_client.cookies.set("sa_session", stale)
    assert app_client.get("/", follow_redirects=False).status_code == 303


def test_login_without_csrf_token_is_refused(app_client: TestClient) -> None:
    app_client.get("/login")
    response = app_client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 403


def test_wrong_password_then_throttled_even_with_the_right_one(
    app_client: TestClient, clock: SharedClock
) -> None:
    token = csrf_of(app_client.get("/login").text)
    for _ in range(5):
        response = app_client.post(
            "/login", data={"username": "editor", "password": "salah-salah", "csrf_token": token}
        )
        assert response.status_code == 401
        assert "Nama pengguna atau kata sandi salah" in response.text
    response = app_client.post(
        "/login", data={"username": "editor", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 429
    assert "Coba lagi dalam 15 menit" in response.text
    clock.advance(timedelta(minutes=16))
    login(app_client, "editor")


def test_logout_needs_csrf_and_ends_the_session(app_client: TestClient) -> None:
    token = login(app_client, "viewer")
    assert app_client.post("/logout", follow_redirects=False).status_code == 403
    app_client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert app_client.get("/", follow_redirects=False).status_code == 303


def test_english_is_one_click_away(app_client: TestClient) -> None:
    login(app_client, "viewer")
    assert "Kotak aspirasi" in app_client.get("/").text
    app_client.get("/lang/en")
    assert "Aspiration inbox" in app_client.get("/").text


def test_open_redirect_after_login_is_refused(app_client: TestClient) -> None:
    token = csrf_of(app_client.get("/login").text)
    response = app_client.post(
        "/login",
        data={
            "username": "viewer",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"
