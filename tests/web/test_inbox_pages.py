"""The inbox pages: citizen text is inert, search is literal, actions work and are audited."""

from __future__ import annotations

from fastapi.testclient import TestClient
from publishing_rig import START
from web_rig import login, seed_aspiration

from social_assistant.db import Database
from social_assistant.settings import Settings

HOSTILE = (
    'jalan rusak parah mohon diperbaiki <script>alert("xss")</script> '
    '<img src=x onerror="alert(1)"> "><b onmouseover=alert(2)>x</b> '
    "{{ 7*7 }} {% if 1 %}y{% endif %}"
)


def test_citizen_text_renders_inert(
    app_client: TestClient, seeded: Database, settings: Settings
) -> None:
    item = seed_aspiration(seeded, settings, HOSTILE, platform_id="66", now=START)
    login(app_client, "responder")
    for path in ("/inbox", f"/inbox/{item}"):
        html = app_client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<b onmouseover" not in html
        assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
        assert "{{ 7*7 }}" in html and "{% if 1 %}" in html  # not evaluated
        assert " 49 " not in html
    csp = app_client.get(f"/inbox/{item}").headers["content-security-policy"]
    assert "script-src 'self'" in csp


def test_search_is_literal_and_cannot_alter_sql(
    app_client: TestClient, seeded: Database, settings: Settings
) -> None:
    seed_aspiration(
        seeded,
        settings,
        "lampu jalan mati 100% gelap, mohon diperbaiki",
        platform_id="1",
        now=START,
    )
    seed_aspiration(
        seeded,
        settings,
        "jalan berlubang di km 5 mohon diperbaiki segera",
        platform_id="2",
        now=START,
    )
    login(app_client, "viewer")

    def found(term: str) -> int:
        response = app_client.get("/api/v1/aspirations", params={"q": term})
        assert response.status_code == 200, response.text
        return len(response.json()["items"])

    assert found("100%") == 1
    assert found("%") == 1  # only the text that contains a percent sign
    assert found("_") == 0
    assert found("' OR '1'='1") == 0
    assert found("x'); DROP TABLE aspirations; --") == 0
    assert found("jalan") == 2  # the table is still there
    html = app_client.get("/inbox", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html


def test_actions_from_the_item_page(
    app_client: TestClient, seeded: Database, settings: Settings
) -> None:
    item = seed_aspiration(
        seeded,
        settings,
        "jalan depan sekolah rusak parah, mohon diperbaiki",
        platform_id="5",
        now=START,
    )
    token = login(app_client, "responder")
    page = app_client.get(f"/inbox/{item}").text
    assert "dari 3 hari kerja" in page  # the working-day clock
    app_client.post(f"/inbox/{item}/ack", data={"csrf_token": token})
    app_client.post(
        f"/inbox/{item}/forward",
        data={"csrf_token": token, "agency": "DPUPR", "note": "Mohon dicek"},
    )
    again = app_client.get(f"/inbox/{item}").text
    assert "diteruskan" in again and "DPUPR" in again and "Mohon dicek" in again
    refused = app_client.post(f"/inbox/{item}/ack", data={"csrf_token": token})
    assert "flash error" in refused.text
    history = app_client.get(f"/inbox/{item}").text
    assert "aspiration.acknowledged" in history and "responder" in history
