"""What an approver should look at before approving: personal data and links in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from social_assistant.triage.personal_data import find

_LINK = re.compile(r"https?://[^\s<>\"']+|\bwww\.[^\s<>\"']+", re.IGNORECASE)
_KIND_ID = {
    "nik": "NIK",
    "phone": "nomor telepon",
    "email": "alamat e-mail",
    "plate": "nomor polisi",
}
_KIND_EN = {
    "nik": "NIK",
    "phone": "phone number",
    "email": "e-mail address",
    "plate": "plate number",
}


@dataclass(frozen=True)
class Warning:
    where: str  # "body" or a channel name (its variant)
    kind: str  # nik, phone, email, plate, link
    excerpt: str
    message_id: str
    message_en: str


def check_text(text: str, where: str = "body") -> list[Warning]:
    """Personal data and links in ``text``; each with the excerpt that triggered it."""
    found: list[Warning] = []
    for match in find(text):
        excerpt = text[match.start : match.end]
        found.append(
            Warning(
                where,
                match.kind,
                excerpt,
                f"Teks memuat {_KIND_ID.get(match.kind, match.kind)}: “{excerpt}”. Pastikan "
                "ini boleh dipublikasikan.",
                f"The text contains a {_KIND_EN.get(match.kind, match.kind)}: “{excerpt}”. "
                "Make sure it may be published.",
            )
        )
    for link in _LINK.finditer(text):
        url = link.group(0).rstrip(".,;:)")
        found.append(
            Warning(
                where,
                "link",
                url,
                f"Teks memuat tautan {url}. Periksa alamatnya sebelum menyetujui.",
                f"The text contains the link {url}. Check the address before approving.",
            )
        )
    return found


def check_announcement(body: str, variants: dict[str, str]) -> list[Warning]:
    """Warnings for the body and every per-channel variant."""
    warnings = check_text(body)
    for channel, text in sorted(variants.items()):
        warnings.extend(check_text(text, channel))
    return warnings
