"""Send a notification as a JSON POST to a webhook."""

from __future__ import annotations

from typing import Any

import requests

from social_assistant.notify.errors import DeliveryError


def send_webhook(url: str, title: str, payload: dict[str, Any], timeout: float) -> None:
    try:
        response = requests.post(url, json={"title": title, **payload}, timeout=timeout)
    except requests.RequestException as exc:
        raise DeliveryError(
            f"webhook {url}: {exc.__class__.__name__}: {exc}", permanent=False
        ) from exc
    if response.status_code >= 400:
        permanent = 400 <= response.status_code < 500 and response.status_code != 429
        raise DeliveryError(
            f"webhook {url} answered HTTP {response.status_code}", permanent=permanent
        )
