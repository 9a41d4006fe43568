"""The streaming Merkle root equals RFC 6962's recursive definition."""

from __future__ import annotations

import hashlib

from social_assistant.audit.merkle import MerkleTree, merkle_root


def _rfc6962(leaves: list[bytes]) -> bytes:
    """MTH from RFC 6962 section 2.1, as written there."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    split = 1
    while split * 2 < len(leaves):
        split *= 2
    left, right = _rfc6962(leaves[:split]), _rfc6962(leaves[split:])
    return hashlib.sha256(b"\x01" + left + right).digest()


def test_the_root_matches_rfc_6962_for_every_size() -> None:
    hashes = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(40)]
    for size in range(len(hashes) + 1):
        expected = _rfc6962([bytes.fromhex(h) for h in hashes[:size]]).hex()
        assert merkle_root(hashes[:size]) == expected


def test_the_tree_counts_its_leaves() -> None:
    tree = MerkleTree()
    for _ in range(5):
        tree.add("00" * 32)
    assert tree.size == 5
    assert tree.root() == merkle_root(["00" * 32] * 5)
