"""Save a draft from the web UI: write its queue file, ingest it, or explain what is wrong.

Nothing is lost on a refusal: a new file is removed again and an edited file gets its
old content back, so the queue folder never keeps a file the database refused, and the
form is shown again with what the officer typed and the field at fault.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from social_assistant.clock import Clock
from social_assistant.db import Database
from social_assistant.db.models import Announcement, User
from social_assistant.permissions import Action, require
from social_assistant.planning.drafts import Draft, new_file_name
from social_assistant.queue.sync import QueueSync
from social_assistant.settings import Settings

MEDIA_FOLDER = "media/web"
MAX_MEDIA_BYTES = 15 * 1024 * 1024


class ComposeError(Exception):
    """A draft that cannot be queued, with the field at fault when known."""

    def __init__(self, message_id: str, message_en: str, field: str | None = None) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en
        self.field = field


@dataclass
class Composer:
    settings: Settings
    database: Database
    clock: Clock

    def save(self, draft: Draft, *, actor: User, announcement_id: int | None = None) -> int:
        """Queue a new announcement (or rewrite ``announcement_id``); its id."""
        require(actor, Action.COMPOSE)
        queue_dir = self.settings.queue_dir
        relpath = self._relpath(draft, announcement_id)
        path = queue_dir / relpath
        old = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = str(Path(relpath).parent)
        _write_atomically(path, draft.queue_file(self.settings.zone, folder).encode("utf-8"))
        report = QueueSync(self.settings, self.database, self.clock).run(
            [path], actor=actor.username
        )
        if report.rejected:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                _write_atomically(path, old)
            error = report.rejected[0]
            raise ComposeError(
                error.message_id, error.message_en, _form_field(error.field)
            ) from None
        done = report.created + report.updated + report.unchanged + report.renamed
        return done[0][1]

    def store_media(self, name: str, content: bytes) -> str:
        """Keep an uploaded file in the queue's media folder; its path in the queue."""
        if len(content) > MAX_MEDIA_BYTES:
            raise ComposeError(
                f"Berkas {name} terlalu besar (maksimal 15 MB).",
                f"File {name} is too large (at most 15 MB).",
                "media",
            )
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).name).strip("-.") or "media"
        digest = hashlib.sha256(content).hexdigest()[:12]
        relpath = f"{MEDIA_FOLDER}/{digest}-{safe}"
        target = self.settings.queue_dir / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            _write_atomically(target, content)
        return relpath

    def _relpath(self, draft: Draft, announcement_id: int | None) -> str:
        if announcement_id is None:
            return new_file_name(draft.title, self.clock.now())
        with self.database.session() as session:
            row = session.get(Announcement, announcement_id)
            if row is None:
                raise ComposeError(
                    f"Pengumuman #{announcement_id} tidak ada.",
                    f"Announcement #{announcement_id} does not exist.",
                )
            return row.source_path or new_file_name(draft.title, self.clock.now())


def _write_atomically(path: Path, content: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def _form_field(field: str | None) -> str | None:
    """``variants.x-sandbox`` -> ``variants``; ``channels[1]`` -> ``channels``."""
    if field is None:
        return None
    return re.split(r"[.\[]", field, maxsplit=1)[0]
