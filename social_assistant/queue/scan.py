"""Find the queue files in a content queue folder."""

from __future__ import annotations

import os
from pathlib import Path

SKIPPED_DIR = "media"


def scan_queue(queue_dir: Path) -> list[Path]:
    """Every ``*.md`` file under ``queue_dir``, sorted by relative path.

    Skipped: ``README.md``, files and folders whose names start with ``.`` or ``_``
    (hidden files, drafts, archives), and anything inside a folder named ``media``.
    """
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(queue_dir):
        dirs[:] = [name for name in dirs if not _skipped(name) and name != SKIPPED_DIR]
        for name in files:
            if name.endswith(".md") and not _skipped(name) and name.lower() != "readme.md":
                path = Path(folder, name)
                found.append((path.relative_to(queue_dir).as_posix(), path))
    return [path for _, path in sorted(found)]


def _skipped(name: str) -> bool:
    return name.startswith((".", "_"))
