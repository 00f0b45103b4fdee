"""Argon2id password hashing (RFC 9106; OWASP's first choice for passwords)."""

from __future__ import annotations

from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2Hasher:
    """The PasswordHasher port over argon2-cffi's defaults (Argon2id, RFC 9106 low-memory)."""

    def __init__(self, time_cost: int = 3, memory_cost_kib: int = 65536) -> None:
        # 3 passes over 64 MiB: argon2-cffi's defaults (RFC 9106 second recommendation).
        # Tests may pass cheaper values; the algorithm stays the same.
        self._ph = _Argon2(time_cost=time_cost, memory_cost=memory_cost_kib)

    def hash(self, password: str) -> str:
        return str(self._ph.hash(password))

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return bool(self._ph.verify(password_hash, password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
