"""The Facebook webhook router served by uvicorn, fed by the emulator's signed events."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx
from publishing_rig import DUE, Rig
from sqlmodel import col, select

from social_assistant.db.models import Aspiration, AuditEvent, Publication, RejectedPayload, Reply


def publish_fb(rig: Rig) -> Publication:
    rig.queue("fb", "Pendaftaran beasiswa daerah dibuka hari ini.", "[fb-sandbox]")
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == 1
    (post,) = rig.rows()
    assert post.remote_id
    return post


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def replies(rig: Rig) -> list[Reply]:
    with rig.database.session() as session:
        return list(session.exec(select(Reply).order_by(col(Reply.id))).all())


def actions(rig: Rig) -> list[str]:
    with rig.database.session() as session:
        return list(session.exec(select(AuditEvent.action).order_by(col(AuditEvent.seq))).all())


def event(comment_id: str, post_id: str, verb: str, message: str = "") -> dict[str, Any]:
    value = {
        "from": {"id": "6100000000000042", "name": "Warga"},
        "post_id": post_id,
        "comment_id": comment_id,
        "parent_id": post_id,
        "created_time": 1796083200,
        "item": "comment",
        "verb": verb,
        "message": message,
    }
    return {"field": "feed", "value": value}


def test_the_verify_handshake(webhook_url: str, webhook_secrets: tuple[str, str]) -> None:
    _, token = webhook_secrets
    ok = httpx.get(
        webhook_url,
        params={"hub.mode": "subscribe", "hub.challenge": "8812", "hub.verify_token": token},
    )
    wrong = httpx.get(
        webhook_url,
        params={"hub.mode": "subscribe", "hub.challenge": "8812", "hub.verify_token": "tebakan"},
    )
    no_mode = httpx.get(webhook_url, params={"hub.challenge": "8812", "hub.verify_token": token})

    assert (ok.status_code, ok.text) == (200, "8812")
    assert wrong.status_code == 403 and "8812" not in wrong.text
    assert no_mode.status_code == 403


def test_a_wrong_or_missing_signature_is_refused(
    rig: Rig, webhook_url: str, webhook_secrets: tuple[str, str]
) -> None:
    post = publish_fb(rig)
    assert post.remote_id
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": post.remote_id.partition("_")[0],
                    "time": 1796083200,
                    "changes": [
                        event(f"{post.remote_id}9_1", post.remote_id, "add", "Jalan rusak")
                    ],
                }
            ],
        }
    )
    secret, _ = webhook_secrets

    wrong = httpx.post(
        webhook_url,
        content=body,
        headers={"X-Hub-Signature-256": sign("bukan-rahasianya", body.encode())},
    )
    missing = httpx.post(webhook_url, content=body)
    tampered = httpx.post(
        webhook_url,
        content=body.replace("Jalan", "Jembatan"),
        headers={"X-Hub-Signature-256": sign(secret, body.encode())},
    )

    assert [r.status_code for r in (wrong, missing, tampered)] == [403, 403, 403]
    assert replies(rig) == []
    good = httpx.post(
        webhook_url, content=body, headers={"X-Hub-Signature-256": sign(secret, body.encode())}
    )
    assert good.status_code == 200 and good.json()["stored"] == 1


def test_comments_edits_and_deletions_pushed_by_the_emulator(
    rig: Rig, webhook_url: str, webhook_secrets: tuple[str, str]
) -> None:
    post = publish_fb(rig)
    assert post.remote_id
    secret, token = webhook_secrets
    assert not rig.control.subscribe_webhook(webhook_url, secret, "tebakan")
    assert rig.control.subscribe_webhook(webhook_url, secret, token)
    complaint = rig.control.add_reply(
        "facebook", "Jalan di depan SDN 12 rusak parah, mohon segera diperbaiki", post.remote_id
    )
    thanks = rig.control.add_reply("facebook", "Mantap pak, semoga amanah", post.remote_id, 1)

    assert rig.control.deliver_webhooks() == [200, 200]
    rows = replies(rig)
    assert [r.platform_id for r in rows] == [complaint["id"], thanks["id"]]
    assert {r.publication_id for r in rows} == {post.id}
    with rig.database.session() as session:
        flagged = session.exec(select(Aspiration.reply_id)).all()
    assert rows[0].id in flagged  # triaged like a polled reply

    rig.control.edit_reply(
        "facebook", complaint["id"], "Jalan di depan SDN 12 rusak, sudah 3 bulan"
    )
    rig.control.delete_reply("facebook", thanks["id"])
    assert rig.control.deliver_webhooks() == [200, 200]

    edited, deleted = replies(rig)
    assert edited.text.endswith("sudah 3 bulan") and edited.text_history[0]["text"] == rows[0].text
    assert deleted.deleted_at is not None and deleted.text == rows[1].text  # kept, marked
    assert actions(rig)[-2:] == ["reply.edited", "reply.deleted"]


def test_a_malformed_change_is_kept_raw_and_the_rest_taken_in(
    rig: Rig, webhook_url: str, webhook_secrets: tuple[str, str]
) -> None:
    post = publish_fb(rig)
    assert post.remote_id
    secret, token = webhook_secrets
    assert rig.control.subscribe_webhook(webhook_url, secret, token)
    bad = {
        "field": "feed",
        "value": {
            "item": "comment",
            "verb": "add",
            "post_id": post.remote_id,
            "comment_id": 12345,
            "message": "angka bukan teks",
        },
    }
    good = event(
        f"{post.remote_id.partition('_')[2]}_77",
        post.remote_id,
        "add",
        "Kapan pendaftarannya ditutup min?",
    )
    body = {
        "object": "page",
        "entry": [
            {"id": post.remote_id.partition("_")[0], "time": 1796083200, "changes": [bad, good]}
        ],
    }

    assert rig.control.deliver_webhooks(json.dumps(body)) == [200]
    assert rig.control.deliver_webhooks("{not json") == [200]

    assert [r.text for r in replies(rig)] == ["Kapan pendaftarannya ditutup min?"]
    with rig.database.session() as session:
        rejected = session.exec(select(RejectedPayload).order_by(col(RejectedPayload.id))).all()
    assert [r.source for r in rejected] == ["facebook_webhook", "facebook_webhook"]
    assert "comment_id" in rejected[0].reason and '"comment_id": 12345' in rejected[0].raw
    assert rejected[1].raw == "{not json" and "not JSON" in rejected[1].reason
