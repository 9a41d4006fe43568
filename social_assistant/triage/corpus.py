"""Labelled replies: the TSV format the triage is trained and evaluated on.

Columns: ``text``, ``kind``, ``category``, ``urgent`` (``1``/``0``), with a header row.
``kind`` and ``category`` use the public taxonomy names; ``category`` is ``none``
exactly for non-aspirations.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from social_assistant.taxonomy import Category, Kind
from social_assistant.triage.lexicons import read_data_text

COLUMNS = ("text", "kind", "category", "urgent")
TRAIN_FILE = "corpus_train.tsv"
HELDOUT_FILE = "corpus_heldout.tsv"


class CorpusError(ValueError):
    """A corpus file has a row that does not follow the format (names the file and line)."""


@dataclass(frozen=True, slots=True)
class LabelledReply:
    """One reply with its labels."""

    text: str
    kind: Kind
    category: Category
    urgent: bool = False

    @classmethod
    def parse(cls, row: dict[str, str], where: str) -> LabelledReply:
        """A reply from a TSV row; ``CorpusError`` naming ``where`` if a label is wrong."""
        try:
            kind = Kind(row["kind"].strip())
            category = Category((row.get("category") or "none").strip())
        except (KeyError, ValueError) as exc:
            raise CorpusError(f"{where}: unknown kind or category ({exc})") from exc
        if kind.is_aspiration == (category is Category.NONE):
            raise CorpusError(f"{where}: category must be 'none' exactly for non-aspirations")
        urgent = (row.get("urgent") or "0").strip().lower() in ("1", "true", "yes")
        return cls(row.get("text") or "", kind, category, urgent)


def parse_rows(lines: Iterable[str], source: str) -> Iterator[LabelledReply]:
    """Parse TSV lines (header first) into replies."""
    reader = csv.DictReader(lines, delimiter="\t")
    missing = {"text", "kind"} - set(reader.fieldnames or ())
    if missing:
        raise CorpusError(f"{source}: missing columns {sorted(missing)}")
    for row in reader:
        yield LabelledReply.parse(row, f"{source}:{reader.line_num}")


def read_corpus(path: Path) -> list[LabelledReply]:
    """Every reply in a TSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(parse_rows(handle, str(path)))


def bundled_corpus(name: str = TRAIN_FILE) -> list[LabelledReply]:
    """A corpus shipped in ``social_assistant/triage/data`` (train or held-out split)."""
    return list(parse_rows(read_data_text(name).splitlines(), name))


def write_corpus(path: Path, replies: Iterable[LabelledReply]) -> int:
    """Write replies as TSV; returns how many were written."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for reply in replies:
            text = " ".join(reply.text.split())
            writer.writerow((text, reply.kind.value, reply.category.value, int(reply.urgent)))
            count += 1
    return count
