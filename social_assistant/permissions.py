"""Who may do what: one table of roles and actions, used by the web UI, the API and the CLI.

The server checks every acting route and every acting CLI command against this table;
the UI only hides what a role cannot do, it never decides.
"""

from __future__ import annotations

from enum import StrEnum

from social_assistant.db.models import Role, User


class Action(StrEnum):
    VIEW = "view"  # dashboards, calendar, inbox, announcements (read-only)
    COMPOSE = "compose"  # write, edit, cancel, export announcements
    APPROVE = "approve"  # approve or send back someone else's announcement
    RESPOND = "respond"  # acknowledge, forward, reply, resolve, dismiss, correct triage
    MANAGE_CHANNELS = "manage_channels"  # enable, disable, check channels
    MANAGE_USERS = "manage_users"  # add, disable, reset passwords, API tokens
    VIEW_AUDIT = "view_audit"  # the audit trail


ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.EDITOR: frozenset({Action.VIEW, Action.COMPOSE, Action.VIEW_AUDIT}),
    Role.APPROVER: frozenset({Action.VIEW, Action.COMPOSE, Action.APPROVE, Action.VIEW_AUDIT}),
    Role.RESPONDER: frozenset({Action.VIEW, Action.RESPOND, Action.VIEW_AUDIT}),
    Role.VIEWER: frozenset({Action.VIEW}),
}

_ACTION_NAMES_ID = {
    Action.VIEW: "melihat",
    Action.COMPOSE: "menyusun pengumuman",
    Action.APPROVE: "menyetujui pengumuman",
    Action.RESPOND: "menindaklanjuti aspirasi",
    Action.MANAGE_CHANNELS: "mengelola kanal",
    Action.MANAGE_USERS: "mengelola pengguna",
    Action.VIEW_AUDIT: "melihat jejak audit",
}


class PermissionDenied(Exception):
    """The user's role may not do this (HTTP 403, CLI exit 1)."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


def allowed(role: str, action: Action) -> bool:
    try:
        return action in ROLE_ACTIONS[Role(role)]
    except ValueError:
        return False


def require(user: User | None, action: Action) -> User:
    """``user`` when it is active and its role may do ``action``; PermissionDenied otherwise."""
    if user is None or not user.active:
        raise PermissionDenied(
            "Anda harus masuk dengan akun aktif.", "An active user account is required."
        )
    if not allowed(user.role, action):
        raise PermissionDenied(
            f"Peran `{user.role}` tidak boleh {_ACTION_NAMES_ID[action]}.",
            f"Role `{user.role}` may not {action.value.replace('_', ' ')}.",
        )
    return user
