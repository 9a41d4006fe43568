"""Channels are found by convention, and a spec never shows its secrets."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import social_assistant.channels as channels
from social_assistant.channels import ChannelSpec, PermanentError, channel_kinds, open_channel

NEW_CHANNEL = '''
from social_assistant.channels.base import Channel

KIND = "sms"


class SmsChannel(Channel):
    kind = KIND
    publish = recent_posts = fetch_replies = reply = check = rate_state = None


CHANNEL_CLASS = SmsChannel
'''


@pytest.fixture
def plugin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder searched as part of the channels package during the test."""
    monkeypatch.setattr(channels, "__path__", [*channels.__path__, str(tmp_path)])
    yield tmp_path
    for path in tmp_path.glob("*.py"):
        sys.modules.pop(f"social_assistant.channels.{path.stem}", None)


def test_a_dropped_in_module_is_a_channel_kind(plugin_dir: Path) -> None:
    (plugin_dir / "sms.py").write_text(NEW_CHANNEL)
    (plugin_dir / "_draft.py").write_text(NEW_CHANNEL.replace('"sms"', '"draft"'))

    kinds = channel_kinds()

    assert sorted(kinds) == ["facebook", "sms", "x"]
    assert kinds["sms"].__name__ == "SmsChannel"


def test_unknown_kind_is_a_permanent_error() -> None:
    with pytest.raises(PermanentError, match="unknown kind 'mastodon'"):
        open_channel(ChannelSpec("toot", "mastodon"))


def test_missing_secret_names_the_channel_and_key() -> None:
    with pytest.raises(PermanentError, match=r"'kominfo-x'.*'api_secret'"):
        open_channel(ChannelSpec("kominfo-x", "x", secrets={"api_key": "k"}))


def test_repr_masks_secrets() -> None:
    spec = ChannelSpec("fb", "facebook", secrets={"page_token": "EAAG-very-secret"},
                       page_id="1")

    assert "EAAG" not in repr(spec) and "page_token" in repr(spec)
    assert "EAAG" not in str(spec)
