"""Errors a caller of the audit API can act on (a tampered log is a report, not an error).

``AuditError`` (a ``ValueError``) is the base of:

- ``CheckpointFormatError``: the checkpoint file is not a checkpoint; fix the file.
- ``SigningKeyError``: the key is not an Ed25519 key; fix the setting or key file.
- ``BrokenChainError``: the log fails verification, so no checkpoint is signed;
  investigate (its ``report`` says where).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from social_assistant.audit.verify import VerifyReport


class AuditError(ValueError):
    """The input to an audit operation is unusable; the message says which and why."""


class CheckpointFormatError(AuditError):
    """A checkpoint is not valid JSON or lacks a field (named in the message)."""


class SigningKeyError(AuditError):
    """A signing or public key cannot be read as an Ed25519 key."""


class BrokenChainError(AuditError):
    """The log fails verification, so it is not signed; ``report`` says where."""

    def __init__(self, report: VerifyReport) -> None:
        super().__init__(f"the audit log was not checkpointed: {report.problem}")
        self.report = report
