"""Send a notification as a JSON POST. The only sender today; e-mail is an open issue."""

from __future__ import annotations

from typing import Any

import requests


class DeliveryError(Exception):
    """Sending failed; ``permanent`` when retrying cannot help (4xx other than 429)."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


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
