"""An officer's reply goes out through the publishing engine exactly once, over HTTP to
the emulator through the real tweepy and facebook-sdk, and answers the item."""

from __future__ import annotations

from datetime import timedelta

import pytest
from publishing_rig import DUE, Rig
from sqlmodel import select

from social_assistant.collecting.collector import Collector
from social_assistant.db.models import Aspiration, Publication, Reply, Role, User
from social_assistant.publishing.engine import spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.users import add_user
from social_assistant.workdays import calendar_for
from social_assistant.workspace import aspirations as ws

COMPLAINT = "lampu jalan di jl. pramuka mati sudah seminggu, tolong diperbaiki"
PLATFORMS = {"x": "x-sandbox", "facebook": "fb-sandbox"}


def _officer(rig: Rig) -> User:
    with rig.database.session() as session:
        return add_user(session, "rina", Role.RESPONDER, "rahasia-sekali-123", actor="test")


def _flagged(rig: Rig, emulator_url: str, platform: str) -> tuple[int, str]:
    """Publish a post, have a citizen answer it on ``platform``, collect and flag it."""
    rig.queue("lapor", "Sampaikan aspirasi Anda tentang penerangan jalan di sini.")
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == 2
    with rig.database.session() as session:
        posted = session.exec(select(Publication)).all()
    post_id = next(p.remote_id for p in posted if p.channel_id == _channel_id(rig, platform))
    rig.clock.advance(timedelta(minutes=5))
    citizen = rig.control.add_reply(platform, COMPLAINT, reply_to=post_id)
    collector = Collector(
        rig.settings,
        rig.database,
        rig.clock,
        spec_opener(channel_specs(rig.settings, emulator_url)),
    )
    collector.run_once()
    with rig.database.session() as session:
        reply = session.exec(select(Reply).where(Reply.platform_id == str(citizen["id"]))).one()
        item = session.exec(select(Aspiration).where(Aspiration.reply_id == reply.id)).one()
    assert item.id is not None
    return item.id, str(citizen["id"])


def _channel_id(rig: Rig, platform: str) -> int:
    from social_assistant.db.models import Channel

    with rig.database.session() as session:
        row = session.exec(select(Channel).where(Channel.name == PLATFORMS[platform])).one()
    assert row.id is not None
    return row.id


def _our_replies(rig: Rig, platform: str, parent: str) -> list[dict[str, object]]:
    return [p for p in rig.control.posts(platform) if p.get("reply_to") == parent]


def _reply(rig: Rig, item_id: int, officer: User, text: str) -> ws.ActionResult:
    with rig.database.session() as session:
        return ws.reply(
            session, item_id, text, actor=officer, now=rig.clock.now(), settings=rig.settings
        )


@pytest.mark.parametrize("platform", ["x", "facebook"])
def test_a_reply_is_sent_once_and_answers_the_item(
    rig: Rig, emulator_url: str, platform: str
) -> None:
    item_id, parent = _flagged(rig, emulator_url, platform)
    officer = _officer(rig)
    text = f"Terima kasih, laporan #{item_id} sudah kami teruskan ke DPUPR."
    queued = _reply(rig, item_id, officer, text)
    with pytest.raises(ws.WorkflowError, match="still queued"):
        _reply(rig, item_id, officer, text + " Mohon ditunggu.")
    assert rig.publisher.run_once() == 1
    assert rig.publisher.run_once() == 0
    sent = _our_replies(rig, platform, parent)
    assert len(sent) == 1 and sent[0]["text"] == text
    with rig.database.session() as session:
        view = ws.get_item(
            session, item_id, calendar=calendar_for(rig.settings), now=rig.clock.now()
        )
    assert view.status == "answered" and view.post is not None and view.post.title == "lapor"
    assert [(r.publication_id, r.status) for r in view.our_replies] == [
        (queued.publication_id, "published")
    ]
    assert view.our_replies[0].remote_id == sent[0]["id"]
    answered = [e for e in view.history if e.action == "aspiration.answered"]
    assert len(answered) == 1 and answered[0].actor == "rina"
    assert view.conversation and view.conversation[0].this


def test_x_reply_after_an_ambiguous_failure_is_reconciled_not_sent_twice(
    rig: Rig, emulator_url: str
) -> None:
    item_id, parent = _flagged(rig, emulator_url, "x")
    officer = _officer(rig)
    rig.control.set_faults(
        {
            "type": "error",
            "platform": "x",
            "method": "POST",
            "path": "/2/tweets",
            "commit": True,
            "status": 503,
        }
    )
    _reply(rig, item_id, officer, f"Laporan #{item_id} sedang kami tangani.")
    assert rig.publisher.run_once() == 1  # posted, but the answer was a 503
    assert len(_our_replies(rig, "x", parent)) == 1
    rig.clock.advance(timedelta(minutes=5))
    assert rig.publisher.run_once() == 1  # reconciliation finds it
    assert len(_our_replies(rig, "x", parent)) == 1
    with rig.database.session() as session:
        row = session.exec(select(Publication).where(Publication.aspiration_id == item_id)).one()
        item = session.get(Aspiration, item_id)
    assert row.status == "published" and "reconciled" in (row.last_error or "")
    assert item is not None and item.status == "answered"


def test_facebook_reply_after_an_ambiguous_failure_is_never_sent_twice(
    rig: Rig, emulator_url: str
) -> None:
    item_id, parent = _flagged(rig, emulator_url, "facebook")
    officer = _officer(rig)
    rig.control.set_faults(
        {"type": "error", "platform": "facebook", "method": "POST", "commit": True, "status": 500}
    )
    _reply(rig, item_id, officer, f"Laporan #{item_id} sedang kami tangani.")
    rig.publisher.run_once()
    rig.clock.advance(timedelta(minutes=5))
    rig.publisher.run_once()
    assert len(_our_replies(rig, "facebook", parent)) == 1
    with rig.database.session() as session:
        row = session.exec(select(Publication).where(Publication.aspiration_id == item_id)).one()
        item = session.get(Aspiration, item_id)
    assert row.status == "failed" and "by hand" in (row.last_error or "")
    assert item is not None and item.status == "new"  # not claimed as answered
