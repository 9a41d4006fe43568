"""Send a notification as a plain-text e-mail through the configured SMTP server."""

from __future__ import annotations

import json
import smtplib
from email.message import EmailMessage
from typing import Any

from social_assistant.notify.errors import DeliveryError
from social_assistant.settings import NotifySettings, read_secret

# The server refused the message itself: sending it again cannot help.
_PERMANENT = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
)


def send_email(
    recipients: str, title: str, payload: dict[str, Any], settings: NotifySettings
) -> None:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = recipients
    message["Subject"] = title
    message.set_content(_body(payload))
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.timeout_seconds
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username:
                password = read_secret("SMTP_PASSWORD")
                smtp.login(settings.smtp_username, password.get_secret_value() if password else "")
            smtp.send_message(message)
    except _PERMANENT as exc:
        raise DeliveryError(f"SMTP {settings.smtp_host}: {exc}", permanent=True) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(
            f"SMTP {settings.smtp_host}:{settings.smtp_port}: {exc.__class__.__name__}: {exc}",
            permanent=False,
        ) from exc


def _body(payload: dict[str, Any]) -> str:
    lines = [
        f"{key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}"
        for key, value in payload.items()
    ]
    return "\n".join(lines) + "\n"
