"""Open channels from the settings: live ones with their secrets, sandbox ones at the emulator."""

from __future__ import annotations

import zlib

from social_assistant.channels import ChannelSpec
from social_assistant.emulator.accounts import SANDBOX_PAGE_ID, SANDBOX_SECRETS, SANDBOX_X_USER_ID
from social_assistant.settings import CHANNEL_SECRETS, ChannelSettings, Settings, read_secret


def sandbox_secrets(channel: ChannelSettings) -> dict[str, str]:
    """Emulator tokens for a sandbox channel. Each X sandbox channel is its own account
    (an X access token starts with the account id), so rate limits are per channel."""
    secrets = dict(SANDBOX_SECRETS[channel.kind])
    if channel.kind == "x" and channel.name != "x-sandbox":
        account = int(SANDBOX_X_USER_ID) + 1 + zlib.crc32(channel.name.encode()) % 10**6
        secrets["access_token"] = f"{account}-sandbox-access-token"
    return secrets


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
        secrets = sandbox_secrets(channel)
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
