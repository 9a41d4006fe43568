"""The one error a notification sender raises."""

from __future__ import annotations


class DeliveryError(Exception):
    """Sending failed; ``permanent`` when retrying cannot help (4xx other than 429)."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent
