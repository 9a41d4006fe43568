"""The one error a queue file can raise: what is wrong, where, and what to do about it."""

from __future__ import annotations

import os
from pathlib import Path


class QueueFileError(Exception):
    """One problem with one queue file, told to an officer (Indonesian) and to the log (English).

    ``line`` is the 1-based line in the file when known; ``field`` is the front-matter
    key at fault (``"publish_at"``, ``"channels[1]"``, ``"variants.x-kominfo"``) or None
    for a problem with the whole file. Both messages say what is wrong and what to do.
    """

    def __init__(
        self,
        path: Path,
        message_id: str,
        message_en: str,
        *,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message_en)
        self.path = path
        self.line = line
        self.field = field
        self.message_id = message_id
        self.message_en = message_en

    def officer_text(self, base: Path | None = None) -> str:
        """The message for officers, e.g. ``content_queue/a.md:4: kolom `title`: ...``."""
        return self._format(base, "kolom", self.message_id)

    def log_text(self, base: Path | None = None) -> str:
        """The same message in English, for logs."""
        return self._format(base, "field", self.message_en)

    def __str__(self) -> str:
        return self.log_text()

    def _format(self, base: Path | None, field_word: str, message: str) -> str:
        where = _shown_path(self.path, base)
        if self.line is not None:
            where = f"{where}:{self.line}"
        if self.field is not None:
            return f"{where}: {field_word} `{self.field}`: {message}"
        return f"{where}: {message}"


def _shown_path(path: Path, base: Path | None) -> str:
    """``path`` relative to ``base`` when it lies inside it, else as given (posix style)."""
    if base is not None:
        try:
            relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(base))
        except ValueError:
            pass
        else:
            return relative.as_posix()
    return path.as_posix()
