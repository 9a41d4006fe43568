"""Every route checks the role on the server, every state change needs the CSRF token,
and every route of the app is in this matrix (a new route without a row fails here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from publishing_rig import START
from web_rig import ROLES, login, seed_aspiration

from social_assistant.db import Database
from social_assistant.db.models import Role, User
from social_assistant.permissions import ROLE_ACTIONS, Action
from social_assistant.settings import Settings
from social_assistant.web.tokens import create_token

# (method, path) -> the action it needs; None: open to anyone (login page, public page).
MATRIX: dict[tuple[str, str], Action | None] = {
    ("GET", "/login"): None,
    ("POST", "/login"): None,
    ("POST", "/logout"): None,
    ("GET", "/lang/{code}"): None,
    ("GET", "/"): Action.VIEW,
    ("GET", "/announcements"): Action.VIEW,
    ("GET", "/announcements/calendar"): Action.VIEW,
    ("GET", "/announcements/new"): Action.COMPOSE,
    ("POST", "/announcements/count"): Action.COMPOSE,
    ("POST", "/announcements"): Action.COMPOSE,
    ("GET", "/announcements/{announcement_id}"): Action.VIEW,
    ("GET", "/announcements/{announcement_id}/edit"): Action.COMPOSE,
    ("POST", "/announcements/{announcement_id}/edit"): Action.COMPOSE,
    ("POST", "/announcements/{announcement_id}/approve"): Action.APPROVE,
    ("POST", "/announcements/{announcement_id}/return"): Action.APPROVE,
    ("POST", "/announcements/{announcement_id}/cancel"): Action.COMPOSE,
    ("GET", "/announcements/{announcement_id}/export"): Action.VIEW,
    ("GET", "/inbox"): Action.VIEW,
    ("GET", "/inbox/{item_id}"): Action.VIEW,
    ("POST", "/inbox/{item_id}/ack"): Action.RESPOND,
    ("POST", "/inbox/{item_id}/forward"): Action.RESPOND,
    ("POST", "/inbox/{item_id}/reply"): Action.RESPOND,
    ("POST", "/inbox/{item_id}/resolve"): Action.RESPOND,
    ("POST", "/inbox/{item_id}/dismiss"): Action.RESPOND,
    ("POST", "/inbox/{item_id}/correct"): Action.RESPOND,
    ("POST", "/inbox/bulk-dismiss"): Action.RESPOND,
    ("GET", "/channels"): Action.MANAGE_CHANNELS,
    ("POST", "/channels/{name}/{verb}"): Action.MANAGE_CHANNELS,
    ("GET", "/audit"): Action.VIEW_AUDIT,
    ("GET", "/users"): Action.MANAGE_USERS,
    ("POST", "/users"): Action.MANAGE_USERS,
    ("POST", "/users/{username}/disable"): Action.MANAGE_USERS,
    ("POST", "/users/{username}/reset-password"): Action.MANAGE_USERS,
    ("GET", "/account"): Action.VIEW,
    ("POST", "/account/tokens"): Action.VIEW,
    ("POST", "/account/tokens/{token_id}/revoke"): Action.VIEW,
    ("GET", "/api/v1/me"): Action.VIEW,
    ("GET", "/api/v1/aspirations"): Action.VIEW,
    ("GET", "/api/v1/aspirations/{item_id}"): Action.VIEW,
    ("POST", "/api/v1/aspirations/{item_id}/ack"): Action.RESPOND,
    ("POST", "/api/v1/aspirations/{item_id}/forward"): Action.RESPOND,
    ("POST", "/api/v1/aspirations/{item_id}/reply"): Action.RESPOND,
    ("POST", "/api/v1/aspirations/{item_id}/resolve"): Action.RESPOND,
    ("POST", "/api/v1/aspirations/{item_id}/dismiss"): Action.RESPOND,
    ("POST", "/api/v1/aspirations/{item_id}/correct"): Action.RESPOND,
    ("POST", "/api/v1/aspirations/dismiss"): Action.RESPOND,
    ("GET", "/api/v1/announcements"): Action.VIEW,
    ("GET", "/api/v1/announcements/{announcement_id}"): Action.VIEW,
    ("POST", "/api/v1/announcements"): Action.COMPOSE,
    ("POST", "/api/v1/announcements/{announcement_id}/approve"): Action.APPROVE,
    ("POST", "/api/v1/announcements/{announcement_id}/return"): Action.APPROVE,
    ("POST", "/api/v1/announcements/{announcement_id}/cancel"): Action.COMPOSE,
    # Public, or authenticated another way.
    ("GET", "/publik"): None,
    ("GET", "/publik/data.csv"): None,
    ("GET", "/publik/data.json"): None,
    ("GET", "/metrics"): None,
    ("GET", "/webhooks/facebook"): None,
    ("POST", "/webhooks/facebook"): None,
}
FRAMEWORK = {"/api/openapi.json", "/api/docs", "/docs/oauth2-redirect", "/static"}
# Bodies that pass validation, so the role check (not the schema) decides.
JSON_BODIES: dict[str, dict[str, Any]] = {
    "/forward": {"agency": "DPUPR", "note": "mohon ditindaklanjuti"},
    "/reply": {"text": "Terima kasih, laporan sudah kami teruskan."},
    "/resolve": {"note": ""},
    "/dismiss": {"reason": "spam"},
    "/correct": {"category": "infrastructure"},
    "/return": {"comment": "perbaiki tautan"},
}
FORM_FIELDS: dict[str, dict[str, Any]] = {
    "/forward": {"agency": "DPUPR"},
    "/reply": {"text": "Terima kasih."},
    "/dismiss": {"reason": "spam"},
    "/return": {"comment": "perbaiki"},
    "/users": {"username": "baru", "role": "viewer", "password": "kata-sandi-baru-1"},
    "/login": {"username": "x", "password": "y"},
}


def _paths(app: Any) -> set[tuple[str, str]]:
    found = set()
    for route in iter_route_contexts(app.routes):
        if route.path in FRAMEWORK:
            continue
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, route.path))
    return found


def _concrete(path: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    return path


@pytest.fixture
def ids(seeded: Database, settings: Settings) -> dict[str, str]:
    item = seed_aspiration(
        seeded,
        settings,
        "jalan di depan pasar rusak parah, mohon diperbaiki",
        platform_id="9001",
        now=START,
    )
    return {
        "item_id": str(item),
        "announcement_id": "999",
        "name": "x-sandbox",
        "verb": "disable",
        "username": "viewer",
        "token_id": "999",
        "code": "en",
    }


def test_every_route_is_in_the_matrix(app_client: TestClient) -> None:
    assert _paths(app_client.app) == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_what_it_may_not_do(
    new_client: Callable[[], TestClient], role: str, ids: dict[str, str]
) -> None:
    client = new_client()
    token = login(client, role)
    allowed = ROLE_ACTIONS[Role(role)]
    for (method, template), action in sorted(MATRIX.items(), key=lambda kv: kv[0][1]):
        if action is None or template in ("/logout",):
            continue
        path = _concrete(template, ids)
        tail = "/" + template.rsplit("/", 1)[-1]
        if method == "GET":
            response = client.get(path, follow_redirects=False)
        elif template.startswith("/api/"):
            body = JSON_BODIES.get(tail, {})
            if template == "/api/v1/announcements":
                body = {"title": "t", "body": "b", "channels": ["x-sandbox"]}
            if template == "/api/v1/aspirations/dismiss":
                body = {"ids": [int(ids["item_id"])]}
            response = client.post(
                path, json=body, headers={"X-CSRF-Token": token}, follow_redirects=False
            )
        else:
            data = {"csrf_token": token, **FORM_FIELDS.get(tail, {})}
            response = client.post(path, data=data, follow_redirects=False)
        if action in allowed:
            assert response.status_code != 403, (role, method, path, response.text[:300])
        else:
            assert response.status_code == 403, (role, method, path, response.status_code)


def test_state_changes_without_the_csrf_token_are_refused(
    app_client: TestClient, ids: dict[str, str]
) -> None:
    login(app_client, "admin")
    for (method, template), _action in MATRIX.items():
        if method != "POST" or template.startswith("/webhooks/"):
            continue
        path = _concrete(template, ids)
        response = app_client.post(path, data={"reason": "x"}, follow_redirects=False)
        assert response.status_code == 403, (path, response.status_code)
        wrong = app_client.post(path, data={"csrf_token": "forged"}, follow_redirects=False)
        assert wrong.status_code == 403, (path, wrong.status_code)
    # Nothing changed: the item is still new, the channel still enabled.
    assert '"status": "new"' in app_client.get(
        f"/api/v1/aspirations/{ids['item_id']}"
    ).text.replace('":"', '": "')


def test_bearer_tokens_need_no_csrf_and_keep_the_role(
    app_client: TestClient, seeded: Database, ids: dict[str, str]
) -> None:
    from sqlmodel import select

    with seeded.session() as session:
        viewer = session.exec(select(User).where(User.username == "viewer")).one()
        responder = session.exec(select(User).where(User.username == "responder")).one()
        _, viewer_token = create_token(session, viewer, "script", actor=viewer, now=START)
        _, responder_token = create_token(session, responder, "script", actor=responder, now=START)
    app_client.cookies.clear()
    item = ids["item_id"]
    denied = app_client.post(
        f"/api/v1/aspirations/{item}/ack", headers={"Authorization": f"Bearer {viewer_token}"}
    )
    assert denied.status_code == 403
    done = app_client.post(
        f"/api/v1/aspirations/{item}/ack", headers={"Authorization": f"Bearer {responder_token}"}
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "acknowledged"
    again = app_client.post(
        f"/api/v1/aspirations/{item}/ack", headers={"Authorization": f"Bearer {responder_token}"}
    )
    assert again.status_code == 409
    bogus = app_client.get("/api/v1/me", headers={"Authorization": "Bearer sa_nope"})
    assert bogus.status_code == 403
    assert app_client.get("/api/v1/me").status_code == 401
    schema = app_client.get("/api/openapi.json").json()
    assert "/api/v1/aspirations/{item_id}/forward" in schema["paths"]
