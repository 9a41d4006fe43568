"""Ed25519 keys for checkpoints; the only module that imports ``cryptography``.

A signing key is read from PEM (PKCS#8, or OpenSSH as made by ``ssh-keygen -t
ed25519``), from base64 of the 32 raw bytes, or from the raw bytes themselves. A public
key travels as base64 of its 32 raw bytes (the form printed by ``audit keygen`` and
published for citizens), or PEM.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from social_assistant.audit.errors import SigningKeyError

_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class PublicKey:
    """An Ed25519 public key that checks checkpoint signatures."""

    def __init__(self, key: Ed25519PublicKey) -> None:
        self._key = key

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            self._key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def to_base64(self) -> str:
        return base64.b64encode(self._key.public_bytes(*_RAW)).decode("ascii")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and other.to_base64() == self.to_base64()

    def __hash__(self) -> int:
        return hash(self.to_base64())

    def __repr__(self) -> str:
        return f"PublicKey({self.to_base64()!r})"


class SigningKey:
    """An Ed25519 private key that signs checkpoints; never shown when printed."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    @property
    def public_key(self) -> PublicKey:
        return PublicKey(self._key.public_key())

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)

    def to_pem(self) -> bytes:
        """Unencrypted PKCS#8 PEM, for a key file readable by the service only."""
        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def __repr__(self) -> str:
        return f"SigningKey(public={self.public_key.to_base64()!r})"


def generate_signing_key() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


def load_signing_key(data: str | bytes) -> SigningKey:
    """Read a signing key from PEM, base64 or raw bytes; :class:`SigningKeyError` if not."""
    raw = data.encode() if isinstance(data, str) else data
    try:
        if raw.lstrip().startswith(b"-----BEGIN OPENSSH"):
            key: object = serialization.load_ssh_private_key(raw.strip(), password=None)
        elif raw.lstrip().startswith(b"-----BEGIN"):
            key = serialization.load_pem_private_key(raw.strip(), password=None)
        else:
            key = Ed25519PrivateKey.from_private_bytes(_raw_32(data))
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise SigningKeyError(f"the audit signing key cannot be read: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"the audit signing key is {_kind(key)}, not Ed25519")
    return SigningKey(key)


def load_public_key(data: str | bytes) -> PublicKey:
    """Read a public key from base64 of its raw bytes, PEM, or raw bytes."""
    raw = data.encode() if isinstance(data, str) else data
    try:
        if raw.lstrip().startswith(b"-----BEGIN"):
            key: object = serialization.load_pem_public_key(raw.strip())
        else:
            key = Ed25519PublicKey.from_public_bytes(_raw_32(data))
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise SigningKeyError(f"the audit public key cannot be read: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError(f"the audit public key is {_kind(key)}, not Ed25519")
    return PublicKey(key)


def _raw_32(data: str | bytes) -> bytes:
    """The 32 key bytes, given raw or as base64 text."""
    if isinstance(data, bytes) and len(data) == 32:
        return data
    text = data if isinstance(data, str) else data.decode("ascii", "replace")
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except binascii.Error as exc:
        raise ValueError("expected PEM, or base64 of the 32 key bytes") from exc
    if len(raw) != 32:
        raise ValueError(f"expected 32 key bytes, the base64 text holds {len(raw)}")
    return raw


def _kind(key: object) -> str:
    return type(key).__name__.removeprefix("_").replace("PrivateKey", "").replace("PublicKey", "")
