"""What the workspace refuses, in Indonesian for officers and English for logs.

::

    WorkspaceError        any refusal; ``message_id`` (Indonesian) and ``message_en``
    ├── ItemNotFound      no aspiration with that number (HTTP 404, CLI exit 1)
    ├── WorkflowError     the item's status does not allow the action (HTTP 409)
    └── InvalidRequest    the request itself is wrong: an unknown agency, an empty
                          reason, personal data in a reply, a bad cursor (HTTP 400)

Permission refusals are :class:`social_assistant.permissions.PermissionDenied`.
"""

from __future__ import annotations


class WorkspaceError(Exception):
    """A refusal told to the officer in one sentence."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


class ItemNotFound(WorkspaceError):
    """There is no aspiration with this number."""

    def __init__(self, aspiration_id: int) -> None:
        super().__init__(
            f"Aspirasi #{aspiration_id} tidak ditemukan.",
            f"Aspiration #{aspiration_id} does not exist.",
        )


class WorkflowError(WorkspaceError):
    """The action is not allowed in the item's current status."""


class InvalidRequest(WorkspaceError):
    """The action's input is wrong; the message says which part."""
