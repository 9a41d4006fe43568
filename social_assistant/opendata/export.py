"""The open-data files: CSV (one row per aspiration) and JSON (rows plus the figures)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from sqlmodel import Session

from social_assistant.metrics import Period, compute_metrics, office_hours
from social_assistant.opendata.pseudonym import Pseudonymiser, open_data_key
from social_assistant.opendata.rows import FIELDS, public_rows
from social_assistant.settings import Settings

FORMAT = "social-assistant/open-data/v1"
NOTE = (
    "Warga disamarkan dengan HMAC-SHA256 berkunci; NIK, nomor telepon, e-mail, pelat "
    "nomor dan akun yang disebut disensor dari teks. Citizens are keyed-hash pseudonyms; "
    "personal data is masked."
)


def export_rows(
    session: Session, settings: Settings, period: Period, **filters: str | None
) -> list[dict[str, Any]]:
    pseudonyms = Pseudonymiser(open_data_key(settings))
    return list(public_rows(session, period, pseudonyms, office_hours(settings), **filters))


def export_csv(session: Session, settings: Settings, period: Period, **filters: str | None) -> str:
    """The aspirations of ``period`` as CSV text (UTF-8, header row, ``FIELDS`` order)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(session, settings, period, **filters):
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return out.getvalue()


def export_json(
    session: Session, settings: Settings, period: Period, *, now: datetime, **filters: str | None
) -> str:
    """The aspirations of ``period`` and its aggregated figures as one JSON document."""
    metrics = compute_metrics(session, settings, period, now=now, **filters)
    document = {
        "format": FORMAT,
        "note": NOTE,
        "figures": metrics.to_dict(),
        "fields": list(FIELDS),
        "aspirations": export_rows(session, settings, period, **filters),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
