"""Ed25519 keys load from the forms an operator has at hand, and nothing else."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from social_assistant.audit.errors import SigningKeyError
from social_assistant.audit.keys import generate_signing_key, load_public_key, load_signing_key

_NO_PASSWORD = serialization.NoEncryption()


def _public_base64(private: Ed25519PrivateKey) -> str:
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode()


def test_a_signing_key_loads_from_pem_openssh_base64_and_raw() -> None:
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, _NO_PASSWORD
    )
    openssh = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, _NO_PASSWORD
    )
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, _NO_PASSWORD
    )
    as_text = base64.b64encode(raw).decode()
    forms: list[str | bytes] = [pem, pem.decode(), openssh, raw, as_text, as_text + "\n"]
    for form in forms:
        assert load_signing_key(form).public_key.to_base64() == _public_base64(private)


def test_keygen_output_loads_back() -> None:
    key = generate_signing_key()
    assert load_signing_key(key.to_pem()).public_key == key.public_key


def test_a_signature_verifies_with_the_public_key_in_every_form() -> None:
    private = Ed25519PrivateKey.generate()
    signature = load_signing_key(
        private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, _NO_PASSWORD
        )
    ).sign(b"checkpoint")
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for form in (_public_base64(private), public_pem):
        public = load_public_key(form)
        assert public.verify(signature, b"checkpoint")
        assert not public.verify(signature, b"checkpoint!")


def test_the_secret_is_never_printed() -> None:
    key = generate_signing_key()
    assert repr(key) == f"SigningKey(public={key.public_key.to_base64()!r})"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("bukan kunci", "base64"),
        (base64.b64encode(b"short").decode(), "32 key bytes"),
        ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "cannot be read"),
    ],
)
def test_a_bad_key_is_a_clear_error(data: str, message: str) -> None:
    with pytest.raises(SigningKeyError, match=message):
        load_signing_key(data)


def test_a_key_of_another_kind_is_refused() -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pem = other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, _NO_PASSWORD
    )
    with pytest.raises(SigningKeyError, match="RSA, not Ed25519"):
        load_signing_key(pem)
