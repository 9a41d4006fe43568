"""Open channels from the settings: live ones with their secrets, sandbox ones at the emulator."""

from __future__ import annotations

from collections.abc import Mapping

from social_assistant.channels import ChannelSpec
from social_assistant.settings import CHANNEL_SECRETS, ChannelSettings, Settings, read_secret

# What sandbox channels send to the emulator. X access tokens start with the account id.
SANDBOX_SECRETS: Mapping[str, Mapping[str, str]] = {
    "x": {
        "api_key": "sandbox-api-key",
        "api_secret": "sandbox-api-secret",
        "access_token": "1000000000000000001-sandbox",
        "access_token_secret": "sandbox-access-secret",
    },
    "facebook": {"page_token": "sandbox-page-token"},
}
SANDBOX_PAGE_ID = "100000000000001"


class SandboxUnavailable(Exception):
    """A sandbox channel is configured but no emulator address is known."""


def channel_specs(settings: Settings, emulator_url: str | None) -> dict[str, ChannelSpec]:
    """A spec per configured channel, by name."""
    return {c.name: channel_spec(settings, c, emulator_url) for c in settings.channels}


def channel_spec(
    settings: Settings, channel: ChannelSettings, emulator_url: str | None
) -> ChannelSpec:
    base_url, page_id = None, channel.page_id
    if channel.sandbox:
        if not emulator_url:
            raise SandboxUnavailable(channel.name)
        base_url, page_id = emulator_url, channel.page_id or SANDBOX_PAGE_ID
        secrets = dict(SANDBOX_SECRETS[channel.kind])
    else:
        secrets = _live_secrets(channel)
    return ChannelSpec(
        name=channel.name,
        kind=channel.kind,
        base_url=base_url,
        secrets=secrets,
        page_id=page_id,
        graph_version=settings.publishing.graph_version,
        timeout=settings.publishing.timeout_seconds,
    )


def _live_secrets(channel: ChannelSettings) -> dict[str, str]:
    """The channel's secrets that are set; the adapter names any that is missing."""
    ref = (channel.credentials or "").upper()
    keys = (
        (*CHANNEL_SECRETS[channel.kind], "USER_TOKEN")
        if channel.kind == "x"
        else (CHANNEL_SECRETS[channel.kind])
    )
    found: dict[str, str] = {}
    for key in keys:
        value = read_secret(f"CRED_{ref}_{key}")
        if value is not None:
            found[key.lower()] = value.get_secret_value()
    return found
