"""The aspiration workspace's public API, used by the web UI, the JSON API and the CLI.

Reading (the caller checks ``Action.VIEW``): :func:`list_items` (the inbox, keyset
pages) and :func:`get_item` (one item in full). Acting (each checks ``Action.RESPOND``
itself and writes an audit event): :func:`acknowledge`, :func:`forward`,
:func:`reply`, :func:`resolve`, :func:`dismiss`, :func:`dismiss_many`,
:func:`correct`. Canned replies: :func:`render_canned`. Errors: see
:mod:`social_assistant.workspace.errors`.
"""

from __future__ import annotations

from social_assistant.workspace.actions import (
    ActionResult,
    BulkResult,
    acknowledge,
    correct,
    dismiss,
    dismiss_many,
    forward,
    reply,
    resolve,
)
from social_assistant.workspace.canned import placeholders, render_canned
from social_assistant.workspace.clocks import Clock
from social_assistant.workspace.errors import (
    InvalidRequest,
    ItemNotFound,
    WorkflowError,
    WorkspaceError,
)
from social_assistant.workspace.inbox import OPEN, InboxFilter, InboxPage, InboxRow, list_items
from social_assistant.workspace.item import ItemView, get_item

__all__ = [
    "OPEN",
    "ActionResult",
    "BulkResult",
    "Clock",
    "InboxFilter",
    "InboxPage",
    "InboxRow",
    "InvalidRequest",
    "ItemNotFound",
    "ItemView",
    "WorkflowError",
    "WorkspaceError",
    "acknowledge",
    "correct",
    "dismiss",
    "dismiss_many",
    "forward",
    "get_item",
    "list_items",
    "placeholders",
    "render_canned",
    "reply",
    "resolve",
]
