"""Enable or disable a channel (web UI and CLI), audited with who and why."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from social_assistant import audit
from social_assistant.db.models import Channel, User
from social_assistant.permissions import Action, require


class UnknownChannel(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(f"Unknown channel `{name}`.")
        self.message_id = f"Kanal `{name}` tidak dikenal."
        self.message_en = f"Unknown channel `{name}`."


def set_enabled(
    session: Session,
    name: str,
    enabled: bool,
    *,
    actor: User,
    now: datetime,
    reason: str | None = None,
) -> Channel:
    require(actor, Action.MANAGE_CHANNELS)
    row = session.exec(select(Channel).where(Channel.name == name)).first()
    if row is None:
        raise UnknownChannel(name)
    row.enabled = enabled
    row.disabled_reason = None if enabled else (reason or "disabled by an officer")
    row.disabled_at = None if enabled else now
    if enabled:
        row.paused_until = None
    audit.record(
        session,
        "channel.enabled" if enabled else "channel.disabled",
        actor=actor.username,
        subject_type="channel",
        subject_id=row.id,
        at=now,
        reason=row.disabled_reason,
    )
    return row
