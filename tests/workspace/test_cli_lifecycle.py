"""The whole life of an aspiration through the CLI, on a real database, with the reply
sent by ``run --once`` to the emulator over HTTP and the disposition to a webhook."""

from __future__ import annotations

from sqlmodel import col, select
from workspace.office import COMPLAINT, Office, Receiver

from social_assistant.clock import SystemClock
from social_assistant.db.models import AuditEvent, Publication
from social_assistant.emulator import EmulatorClient
from social_assistant.notify.dispatcher import Dispatcher


def _events(office: Office, item_id: int) -> list[AuditEvent]:
    with office.database.session() as session:
        query = (
            select(AuditEvent)
            .where(col(AuditEvent.subject_type) == "aspiration")
            .where(col(AuditEvent.subject_id) == str(item_id))
            .order_by(col(AuditEvent.seq))
        )
        return list(session.exec(query).all())


def test_new_to_resolved_through_the_cli_each_step_audited_with_who_and_when(
    office: Office, live_control: EmulatorClient, receiver: Receiver
) -> None:
    citizen = live_control.add_reply("x", COMPLAINT)
    item_id = office.flag(COMPLAINT, platform_id=str(citizen["id"]))

    listed = office.json("aspirations", "list", "--status", "new", as_user="viewer")
    assert [row["id"] for row in listed["items"]] == [item_id]
    row = listed["items"][0]
    assert row["kind"] == "complaint" and row["agency"] == "DPUPR" and row["channel"] == "x-sandbox"
    assert row["clock"]["step"] == "acknowledge" and row["clock"]["allowed"] == 3
    assert listed["next_cursor"] is None

    assert office.json("aspirations", "ack", str(item_id), as_user="responder")["status"] == (
        "acknowledged"
    )
    forwarded = office.json(
        "aspirations",
        "forward",
        str(item_id),
        "DPUPR",
        "--note",
        "cek lokasi, hub 081234567890",
        as_user="responder",
    )
    assert forwarded["status"] == "forwarded" and forwarded["notified"]
    assert Dispatcher(office.database, SystemClock(), office.settings.notify).run_once() == 1
    (sent,) = receiver.received
    assert sent["aspiration_id"] == item_id and sent["agency"] == "DPUPR"
    assert "081234567890" not in str(sent) and "jalan rusak" in sent["text"]

    queued = office.json(
        "aspirations",
        "reply",
        str(item_id),
        f"Terima kasih, laporan #{item_id} sudah kami teruskan ke DPUPR.",
        as_user="responder",
    )
    assert queued["status"] == "forwarded" and queued["publication_id"]
    for _ in range(2):  # the second run finds nothing to send
        ran = office.cli("run", "--once")
        assert ran.exit_code == 0, ran.output
    replies = [p for p in live_control.posts("x") if p.get("reply_to") == str(citizen["id"])]
    assert len(replies) == 1 and "laporan #" in replies[0]["text"]
    shown = office.json("aspirations", "show", str(item_id), as_user="viewer")
    assert shown["status"] == "answered"
    assert [r["status"] for r in shown["our_replies"]] == ["published"]
    assert shown["our_replies"][0]["remote_id"] == replies[0]["id"]

    resolved = office.json(
        "aspirations", "resolve", str(item_id), "--note", "sudah ditambal", as_user="responder"
    )
    assert resolved["status"] == "resolved"

    events = _events(office, item_id)
    assert [e.action for e in events] == [
        "aspiration.flagged",
        "aspiration.acknowledged",
        "aspiration.forwarded",
        "aspiration.reply_queued",
        "aspiration.answered",
        "aspiration.resolved",
    ]
    assert all(e.actor == "responder" for e in events[1:])
    assert all(e.occurred_at is not None for e in events)
    assert events[2].data["agency"] == "DPUPR" and events[5].data["to"] == "resolved"
    history = [h["action"] for h in shown["history"]]  # the item's and its reply's events
    assert [a for a in history if a.startswith("aspiration.")] == [e.action for e in events[:5]]
    assert "publication.sending" in history and "publication.published" in history
    assert office.cli("audit", "verify").exit_code == 0
    with office.database.session() as session:
        row_ = session.exec(select(Publication).where(Publication.aspiration_id == item_id)).one()
    assert row_.in_reply_to == str(citizen["id"]) and row_.announcement_id is None


def test_invalid_transitions_are_refused_naming_the_item_and_its_status(office: Office) -> None:
    item_id = office.flag()
    refused = office.cli("aspirations", "resolve", str(item_id), as_user="responder")
    assert refused.exit_code == 1
    assert f"Aspirasi #{item_id} berstatus `new`" in refused.stderr
    assert office.cli("aspirations", "ack", str(item_id), as_user="responder").exit_code == 0
    again = office.cli("aspirations", "ack", str(item_id), as_user="responder")
    assert again.exit_code == 1 and "`acknowledged`" in again.stderr
    assert (
        office.cli(
            "aspirations",
            "dismiss",
            str(item_id),
            "--reason",
            "bukan aspirasi",
            as_user="responder",
        ).exit_code
        == 0
    )
    for args in (["ack"], ["forward", "DPUPR"], ["reply", "Terima kasih."], ["resolve"]):
        closed = office.cli("aspirations", args[0], str(item_id), *args[1:], as_user="responder")
        assert closed.exit_code == 1 and "`dismissed`" in closed.stderr, args
    missing = office.cli("aspirations", "ack", "99999", as_user="responder")
    assert missing.exit_code == 1 and "#99999 tidak ditemukan" in missing.stderr
    unknown = office.cli("aspirations", "forward", str(office.flag()), "NOPE", as_user="responder")
    assert unknown.exit_code == 1 and "`NOPE` tidak dikenal" in unknown.stderr
    actions = [e.action for e in _events(office, item_id)]
    assert actions == ["aspiration.flagged", "aspiration.acknowledged", "aspiration.dismissed"]


def test_a_reply_with_personal_data_is_refused_and_nothing_is_queued(office: Office) -> None:
    item_id = office.flag()
    refused = office.cli(
        "aspirations",
        "reply",
        str(item_id),
        "Hubungi kami di 081234567890 ya",
        as_user="responder",
    )
    assert refused.exit_code == 1 and "data pribadi (nomor telepon)" in refused.stderr
    with office.database.session() as session:
        assert session.exec(select(Publication)).all() == []


def test_canned_reply_fills_its_placeholders(office: Office) -> None:
    item_id = office.flag(handle="budi_smd")
    office.cli("aspirations", "forward", str(item_id), "DPUPR", as_user="responder")
    queued = office.json(
        "aspirations", "reply", str(item_id), "--canned", "diteruskan", as_user="responder"
    )
    with office.database.session() as session:
        row = session.get(Publication, queued["publication_id"])
    assert row is not None
    assert row.text.startswith(f"Terima kasih @budi_smd. Aspirasi #{item_id} sudah kami teruskan")
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in row.text and "{" not in row.text
    unknown = office.cli(
        "aspirations", "reply", str(item_id), "--canned", "nope", as_user="responder"
    )
    assert unknown.exit_code == 1 and "canned_replies" in unknown.stderr


def test_bulk_dismiss_reports_what_it_could_not_dismiss(office: Office) -> None:
    first, second, third = office.flag(), office.flag(), office.flag()
    office.cli("aspirations", "ack", str(second), as_user="responder")
    office.cli("aspirations", "resolve", str(second), as_user="responder")
    result = office.cli(
        "aspirations",
        "dismiss",
        str(first),
        str(second),
        str(third),
        "--reason",
        "spam judol",
        "--json",
        as_user="responder",
    )
    assert result.exit_code == 1
    import json

    data = json.loads(result.stdout)
    assert data["dismissed"] == [first, third]
    assert [r["id"] for r in data["refused"]] == [second]
    no_reason = office.cli("aspirations", "dismiss", str(first), as_user="responder")
    assert no_reason.exit_code == 1 and "Alasan wajib" in no_reason.stderr
