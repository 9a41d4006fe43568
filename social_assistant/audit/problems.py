"""What a failed verification says: one constructor per kind of tampering, in two languages.

``kind`` is one of ``modified``, ``deleted``, ``inserted``, ``reordered``, ``rewritten``,
``truncated`` and ``bad_signature``; the CLI and API may branch on it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """The first thing wrong with the log: where it is and an English and Indonesian text."""

    kind: str
    seq: int | None
    event_id: int | None
    en: str
    id: str


def modified(seq: int, event_id: int) -> Problem:
    return Problem(
        "modified",
        seq,
        event_id,
        f"Event seq {seq} (id {event_id}) was modified: its content no longer matches its hash.",
        f"Peristiwa seq {seq} (id {event_id}) telah diubah: "
        "isinya tidak lagi cocok dengan hash-nya.",
    )


def not_a_number(event_id: int, seq: object) -> Problem:
    return Problem(
        "modified",
        None,
        event_id,
        f"Event id {event_id} was modified: its seq {seq!r} is not a number.",
        f"Peristiwa id {event_id} telah diubah: seq-nya {seq!r} bukan angka.",
    )


def deleted(first: int, found: int) -> Problem:
    """Events ``first`` to ``found - 1`` are missing; the next one present is ``found``."""
    last = found - 1
    which_en = f"Event seq {first} is" if first == last else f"Events seq {first} to {last} are"
    which_id = f"Peristiwa seq {first}" if first == last else f"Peristiwa seq {first} sampai {last}"
    if first == 1:
        where_en = f"the log starts at seq {found} instead of seq 1"
        where_id = f"log dimulai dari seq {found}, bukan seq 1"
    else:
        where_en = f"the chain jumps from seq {first - 1} to seq {found}"
        where_id = f"rantai melompat dari seq {first - 1} ke seq {found}"
    return Problem(
        "deleted",
        first,
        None,
        f"{which_en} missing (deleted): {where_en}.",
        f"{which_id} hilang (dihapus): {where_id}.",
    )


def duplicate(seq: int, event_id: int, other_id: int) -> Problem:
    return Problem(
        "inserted",
        seq,
        event_id,
        f"Seq {seq} appears twice (id {other_id} and id {event_id}): an event was inserted.",
        f"Nomor seq {seq} muncul dua kali (id {other_id} dan id {event_id}): "
        "ada peristiwa yang disisipkan.",
    )


def before_start(seq: int, event_id: int) -> Problem:
    return Problem(
        "inserted",
        seq,
        event_id,
        f"Event id {event_id} has seq {seq}, before the start of the log (seq 1): it was inserted.",
        f"Peristiwa id {event_id} bernomor seq {seq}, sebelum awal log (seq 1): "
        "peristiwa itu disisipkan.",
    )


def not_genesis(event_id: int) -> Problem:
    return Problem(
        "inserted",
        1,
        event_id,
        f"Event seq 1 (id {event_id}) does not start the chain: "
        "it was inserted in place of the first event.",
        f"Peristiwa seq 1 (id {event_id}) bukan awal rantai: "
        "peristiwa itu disisipkan menggantikan peristiwa pertama.",
    )


def forged(seq: int, event_id: int, claimed: int) -> Problem:
    """A self-consistent event that claims a predecessor another event already follows."""
    return Problem(
        "inserted",
        seq,
        event_id,
        f"Event seq {seq} (id {event_id}) was inserted: it claims to follow seq {claimed}, "
        f"which seq {claimed + 1} already follows.",
        f"Peristiwa seq {seq} (id {event_id}) disisipkan: peristiwa itu mengaku menyusul "
        f"seq {claimed}, padahal seq {claimed + 1} sudah menyusulnya.",
    )


def inserted_before(seq: int, event_id: int, claimed: int) -> Problem:
    """Event ``seq`` was written right after ``claimed``: the events between are intruders."""
    first, last = claimed + 1, seq - 1
    which_en = f"Event seq {first} was" if first == last else f"Events seq {first} to {last} were"
    which_id = f"Peristiwa seq {first}" if first == last else f"Peristiwa seq {first} sampai {last}"
    return Problem(
        "inserted",
        first,
        None,
        f"{which_en} inserted: seq {seq} (id {event_id}) was written right after seq {claimed}.",
        f"{which_id} disisipkan: seq {seq} (id {event_id}) semula ditulis tepat setelah "
        f"seq {claimed}.",
    )


def reordered(seq: int, event_id: int, later: int, later_id: int) -> Problem:
    return Problem(
        "reordered",
        seq,
        event_id,
        f"Events are out of order: seq {seq} (id {event_id}) was written after seq {later} "
        f"(id {later_id}); their seq values were swapped or changed.",
        f"Urutan peristiwa diubah: seq {seq} (id {event_id}) ditulis setelah seq {later} "
        f"(id {later_id}); nomor seq keduanya ditukar atau diubah.",
    )


def rewritten(prev: int, prev_id: int, seq: int) -> Problem:
    """Event ``seq`` is sound but points to a hash that no event has (any more)."""
    return Problem(
        "rewritten",
        prev,
        prev_id,
        f"Event seq {seq} no longer links to seq {prev} (id {prev_id}): seq {prev} was "
        f"rewritten (its hash recomputed) or seq {seq} was forged.",
        f"Peristiwa seq {seq} tidak lagi terhubung ke seq {prev} (id {prev_id}): seq {prev} "
        f"ditulis ulang (hash-nya dihitung ulang) atau seq {seq} dipalsukan.",
    )


def checkpoint_mismatch(seq: int, event_id: int, when: str) -> Problem:
    return Problem(
        "rewritten",
        seq,
        event_id,
        f"Event seq {seq} (id {event_id}) differs from the checkpoint of {when}: "
        f"the log was rewritten at or before seq {seq}.",
        f"Peristiwa seq {seq} (id {event_id}) berbeda dari checkpoint {when}: "
        f"log ditulis ulang pada atau sebelum seq {seq}.",
    )


def truncated(last: int, checkpoint_seq: int, when: str) -> Problem:
    return Problem(
        "truncated",
        last + 1,
        None,
        f"The log ends at seq {last} but the checkpoint of {when} recorded events up to "
        f"seq {checkpoint_seq}: the events after seq {last} were removed (truncated).",
        f"Log berakhir di seq {last}, padahal checkpoint {when} mencatat peristiwa sampai "
        f"seq {checkpoint_seq}: peristiwa setelah seq {last} telah dihapus (log dipotong).",
    )


def bad_signature() -> Problem:
    return Problem(
        "bad_signature",
        None,
        None,
        "The checkpoint's signature is not valid: it was not signed with this key, "
        "or it was changed after signing.",
        "Tanda tangan checkpoint tidak sah: checkpoint tidak ditandatangani dengan kunci ini, "
        "atau diubah setelah ditandatangani.",
    )
