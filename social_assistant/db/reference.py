"""Mirror the configured channels and agencies into their tables."""

from __future__ import annotations

from sqlmodel import Session, select

from social_assistant import audit
from social_assistant.db.models import Agency, Channel
from social_assistant.settings import Settings


def sync_reference_data(session: Session, settings: Settings) -> None:
    """Insert configured channels and agencies that are missing; update changed details.

    Rows are never deleted: old publications and aspirations keep pointing at them. A
    channel's enabled state is operational data (an officer re-enables it), so a channel
    disabled in the database stays disabled until `channels enable`.
    """
    channels = {c.name: c for c in session.exec(select(Channel)).all()}
    for configured in settings.channels:
        row = channels.get(configured.name)
        if row is None:
            row = Channel(name=configured.name, kind=configured.kind)
            session.add(row)
            session.flush()
            audit.record(
                session,
                "channel.added",
                actor="system",
                subject_type="channel",
                subject_id=row.id,
                name=row.name,
                kind=row.kind,
            )
        elif row.kind != configured.kind:
            audit.record(
                session,
                "channel.kind_changed",
                actor="system",
                subject_type="channel",
                subject_id=row.id,
                old=row.kind,
                new=configured.kind,
            )
            row.kind = configured.kind
    agencies = {a.code: a for a in session.exec(select(Agency)).all()}
    for wanted in settings.agencies:
        agency = agencies.get(wanted.code)
        if agency is None:
            agency = Agency(code=wanted.code, name=wanted.name)
            session.add(agency)
        agency.name = wanted.name
        agency.contact_email = wanted.contact_email
        agency.contact_webhook = wanted.contact_webhook
    session.flush()
