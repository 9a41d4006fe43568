"""The triage taxonomy: a public contract shared by the CLI, the HTTP API and reports.

The names come from ``shared/BRIEF.md`` ("Triage taxonomy") and must not change.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a citizen's reply is."""

    COMPLAINT = "complaint"
    REQUEST = "request"
    SUGGESTION = "suggestion"
    QUESTION = "question"
    APPRECIATION = "appreciation"
    CHATTER = "chatter"
    SPAM = "spam"
    ABUSE = "abuse"

    @property
    def is_aspiration(self) -> bool:
        return self in ASPIRATION_KINDS


ASPIRATION_KINDS = frozenset({Kind.COMPLAINT, Kind.REQUEST, Kind.SUGGESTION, Kind.QUESTION})


class Category(StrEnum):
    """Who should answer an aspiration; ``none`` for non-aspirations."""

    INFRASTRUCTURE = "infrastructure"
    TRANSPORT = "transport"
    HEALTH = "health"
    EDUCATION = "education"
    SOCIAL_AID = "social_aid"
    ADMINISTRATION = "administration"
    ENVIRONMENT = "environment"
    UTILITIES = "utilities"
    SECURITY = "security"
    ECONOMY = "economy"
    PUBLIC_SERVICE = "public_service"
    NONE = "none"


ROUTABLE_CATEGORIES = tuple(c for c in Category if c is not Category.NONE)
