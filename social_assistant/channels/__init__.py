"""Channel adapters: one module per platform, found by convention.

A module in this package that defines ``KIND = "<kind>"`` and ``CHANNEL_CLASS`` (a
:class:`Channel` subclass) is a channel; nothing else needs editing to add one. Modules
whose names start with ``_``, and ``base``, are skipped.
"""

from __future__ import annotations

import importlib
import pkgutil

from social_assistant.channels.base import (
    AmbiguousError,
    Channel,
    ChannelError,
    ChannelSpec,
    CredentialsError,
    DuplicatePost,
    OutgoingPost,
    PermanentError,
    PostResult,
    RateLimited,
    RateState,
    RemotePost,
    RemoteReply,
)

__all__ = [
    "AmbiguousError",
    "Channel",
    "ChannelError",
    "ChannelSpec",
    "CredentialsError",
    "DuplicatePost",
    "OutgoingPost",
    "PermanentError",
    "PostResult",
    "RateLimited",
    "RateState",
    "RemotePost",
    "RemoteReply",
    "channel_kinds",
    "open_channel",
]


def channel_kinds() -> dict[str, type[Channel]]:
    """Every channel kind in this package, by ``KIND`` (sorted)."""
    found: dict[str, type[Channel]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        name = module_info.name
        if name.startswith("_") or name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        kind, cls = getattr(module, "KIND", None), getattr(module, "CHANNEL_CLASS", None)
        if isinstance(kind, str) and isinstance(cls, type) and issubclass(cls, Channel):
            found[kind] = cls
    return dict(sorted(found.items()))


def open_channel(spec: ChannelSpec) -> Channel:
    """A ready channel for ``spec`` (raises PermanentError for an unknown kind or secret)."""
    kinds = channel_kinds()
    if spec.kind not in kinds:
        raise PermanentError(
            f"channel {spec.name!r}: unknown kind {spec.kind!r} (known: {', '.join(kinds)})"
        )
    return kinds[spec.kind](spec)
