"""The Merkle tree hash of RFC 6962 (Certificate Transparency) over event hashes.

A checkpoint carries the root over one period's events, so whoever holds those events'
hashes (an open-data export, say) can check them against the signed checkpoint alone.
Leaves are ``SHA-256(0x00 || event hash)``, inner nodes ``SHA-256(0x01 || left || right)``,
and the root of no leaves is ``SHA-256("")``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


class MerkleTree:
    """Add event hashes in order, then ask for the root; keeps O(log n) nodes."""

    def __init__(self) -> None:
        self.size = 0
        # Perfect subtrees (leaf count, node), largest first: the binary digits of size.
        self._stack: list[tuple[int, bytes]] = []

    def add(self, event_hash: str) -> None:
        size, node = 1, _sha256(b"\x00" + bytes.fromhex(event_hash))
        while self._stack and self._stack[-1][0] == size:
            left_size, left = self._stack.pop()
            size, node = left_size + size, _sha256(b"\x01" + left + node)
        self._stack.append((size, node))
        self.size += 1

    def root(self) -> str:
        """The hex root (``SHA-256("")`` when empty)."""
        if not self._stack:
            return hashlib.sha256(b"").hexdigest()
        subtrees = [node for _, node in self._stack]
        root = subtrees.pop()
        while subtrees:
            root = _sha256(b"\x01" + subtrees.pop() + root)
        return root.hex()


def merkle_root(event_hashes: Iterable[str]) -> str:
    """The hex root over hex event hashes, in order."""
    tree = MerkleTree()
    for event_hash in event_hashes:
        tree.add(event_hash)
    return tree.root()


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
