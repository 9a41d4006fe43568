"""Compose, approve (two-person rule), send back, cancel, export: through HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient
from publishing_rig import START
from sqlmodel import select
from web_rig import login

from social_assistant.db import Database
from social_assistant.db.models import Announcement, AuditEvent, Publication
from social_assistant.settings import Settings

WHEN = (START + timedelta(days=2)).astimezone().strftime("%Y-%m-%dT%H:%M")


def compose(client: TestClient, token: str, **fields: object) -> object:
    data: dict[str, object] = {
        "csrf_token": token,
        "title": "Vaksinasi gratis di Puskesmas",
        "body": "Vaksinasi gratis Sabtu ini. Info: https://dinkes.example.go.id/vaksin",
        "channels": ["x-sandbox", "fb-sandbox"],
        "when": "at",
        "publish_at": "2026-12-03T09:00",
        "tags": "#Sehat Kaltim",
        "approval": "on",
    }
    data.update(fields)
    return client.post("/announcements", data=data, follow_redirects=False)


def only(database: Database) -> Announcement:
    with database.session() as session:
        return session.exec(select(Announcement)).one()


def statuses(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(p.status for p in session.exec(select(Publication)).all())


def test_compose_writes_a_queue_file_and_waits_for_another_approver(
    new_client: Callable[[], TestClient], seeded: Database, settings: Settings
) -> None:
    editor = new_client()
    response = compose(editor, login(editor, "approver"))
    assert response.status_code == 303  # type: ignore[attr-defined]
    row = only(seeded)
    assert row.status == "pending_approval" and row.created_by == "approver"
    assert row.source_path and row.source_path.startswith("web/")
    written = (settings.queue_dir / row.source_path).read_text(encoding="utf-8")
    assert "publish_at: '2026-12-03T09:00:00+08:00'" in written
    assert statuses(seeded) == ["awaiting_approval", "awaiting_approval"]

    page = editor.get(f"/announcements/{row.id}").text
    assert "Teks memuat tautan https://dinkes.example.go.id/vaksin" in page
    assert f'action="/announcements/{row.id}/approve"' not in page  # not for the author
    refused = editor.post(
        f"/announcements/{row.id}/approve",
        data={"csrf_token": login(editor, "approver")},
    )
    assert "aturan dua orang" in refused.text
    assert only(seeded).status == "pending_approval"

    other = new_client()
    token = login(other, "approver2")
    other.post(f"/announcements/{row.id}/approve", data={"csrf_token": token})
    row = only(seeded)
    assert row.status == "approved" and row.approved_by == "approver2"
    assert statuses(seeded) == ["scheduled", "scheduled"]
    with seeded.session() as session:
        actions = [
            (e.action, e.actor)
            for e in session.exec(
                select(AuditEvent).where(AuditEvent.subject_type == "announcement")
            )
        ]
    assert ("announcement.queued", "approver") in actions
    assert ("announcement.approved", "approver2") in actions


def test_send_back_with_a_comment_then_the_edit_waits_again(
    new_client: Callable[[], TestClient], seeded: Database
) -> None:
    author = new_client()
    author_token = login(author, "editor")
    compose(author, author_token)
    row = only(seeded)
    reviewer = new_client()
    token = login(reviewer, "approver")
    reviewer.post(f"/announcements/{row.id}/return", data={"csrf_token": token, "comment": ""})
    assert only(seeded).status == "pending_approval"  # a comment is required
    reviewer.post(
        f"/announcements/{row.id}/return",
        data={"csrf_token": token, "comment": "Tautan salah, pakai situs resmi."},
    )
    assert only(seeded).status == "returned"
    assert "Tautan salah, pakai situs resmi." in author.get(f"/announcements/{row.id}").text
    response = author.post(
        f"/announcements/{row.id}/edit",
        data={
            "csrf_token": author_token,
            "title": "Vaksinasi gratis di Puskesmas",
            "body": "Vaksinasi gratis Sabtu ini di semua Puskesmas.",
            "channels": ["x-sandbox"],
            "when": "at",
            "publish_at": "2026-12-03T09:00",
            "approval": "on",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    row = only(seeded)
    assert (row.status, row.revision) == ("pending_approval", 2)
    assert statuses(seeded) == ["awaiting_approval", "cancelled"]


def test_a_refused_draft_keeps_what_the_officer_typed(
    app_client: TestClient, seeded: Database, settings: Settings
) -> None:
    token = login(app_client, "editor")
    response = compose(
        app_client, token, publish_at="2020-01-01T09:00", title="Judul yang harus tetap ada"
    )
    assert response.status_code == 422  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "publish_at" in text and "Judul yang harus tetap ada" in text
    assert "field-error" in text
    with seeded.session() as session:
        assert session.exec(select(Announcement)).first() is None
    assert not list((settings.queue_dir / "web").glob("*.md"))


def test_no_channel_chosen_names_the_field(app_client: TestClient) -> None:
    token = login(app_client, "editor")
    response = compose(app_client, token, channels=[])
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "channels" in response.text  # type: ignore[attr-defined]


def test_live_counts_use_the_x_weighted_length(app_client: TestClient) -> None:
    token = login(app_client, "editor")
    response = app_client.post(
        "/announcements/count",
        data={"body": "Halo 😀 https://example.com/a/very/long/path"},
        headers={"X-CSRF-Token": token},
    )
    # "Halo " (5) + emoji (2) + " " (1) + URL (23) = 31 on X; Facebook counts 43 characters.
    assert 'data-channel="x-sandbox">x-sandbox: 31/280' in response.text
    assert "fb-sandbox: 43/63206" in response.text


def test_export_and_cancel(app_client: TestClient, seeded: Database, settings: Settings) -> None:
    token = login(app_client, "editor")
    compose(app_client, token, approval="")
    row = only(seeded)
    assert row.status == "approved" and row.approved_by == "approval: none"
    exported = app_client.get(f"/announcements/{row.id}/export")
    assert exported.headers["content-disposition"].endswith('.md"')
    assert exported.text == (settings.queue_dir / (row.source_path or "")).read_text("utf-8")
    app_client.post(f"/announcements/{row.id}/cancel", data={"csrf_token": token})
    assert only(seeded).status == "cancelled"
    assert statuses(seeded) == ["cancelled", "cancelled"]


def test_calendar_shows_the_plan(app_client: TestClient, seeded: Database) -> None:
    token = login(app_client, "editor")
    compose(app_client, token)
    week = app_client.get("/announcements/calendar?view=week&day=2026-12-03").text
    assert 'data-day="2026-12-03"' in week and "Vaksinasi gratis di Puskesmas" in week
    month = app_client.get("/announcements/calendar?view=month&day=2026-12-03").text
    assert month.count("data-day=") == 35
