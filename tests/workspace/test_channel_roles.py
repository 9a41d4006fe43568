"""`channels enable|disable` act as a named user and follow the role table."""

from __future__ import annotations

import pytest
from sqlmodel import select
from workspace.office import ROLES, Office

from social_assistant.db.models import AuditEvent, Channel
from social_assistant.permissions import Action, allowed


def _enabled(office: Office) -> bool:
    with office.database.session() as session:
        return session.exec(select(Channel).where(Channel.name == "fb-sandbox")).one().enabled


@pytest.mark.parametrize("role", ROLES)
def test_only_channel_managers_switch_channels(office: Office, role: str) -> None:
    result = office.cli(
        "channels", "disable", "fb-sandbox", "--reason", "token bocor", as_user=role
    )
    if allowed(role, Action.MANAGE_CHANNELS):
        assert result.exit_code == 0, result.output
        assert not _enabled(office)
        with office.database.session() as session:
            event = session.exec(
                select(AuditEvent).where(AuditEvent.action == "channel.disabled")
            ).one()
        assert (event.actor, event.data["reason"]) == (role, "token bocor")
        assert office.cli("channels", "enable", "fb-sandbox", as_user=role).exit_code == 0
        assert _enabled(office)
    else:
        assert result.exit_code == 1
        assert f"Peran `{role}` tidak boleh mengelola kanal" in result.stderr
        assert _enabled(office)


def test_who_acts_must_be_said(office: Office) -> None:
    result = office.cli("channels", "disable", "fb-sandbox")
    assert result.exit_code == 1 and "--as" in result.stderr
    unknown = office.cli("channels", "disable", "tidak-ada", as_user="admin")
    assert unknown.exit_code == 1 and "Kanal `tidak-ada` tidak dikenal" in unknown.stderr
