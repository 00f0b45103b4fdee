"""Attachment storage: a folder under DATA_DIR/attachments, addressed by random keys.

A key is 32 random hex digits; the file lives at `attachments/ab/abcdef…`. No
name a user supplied ever reaches the file system, and `get` checks a key's
shape before building a path, so a forged key cannot leave the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from pathlib import Path

from ncbdesk.domain.errors import Conflict, NotFound

_KEY = re.compile(r"^[0-9a-f]{32}$")


class FolderStorage:
    """The default storage port: files in a folder, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise NotFound("No stored file with that key.")
        return self.root / key[:2] / key

    def put(self, data: bytes) -> str:
        """Store `data`; return its new key."""
        key = secrets.token_hex(16)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{key}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return key

    def get(self, key: str, sha256: str | None = None) -> bytes:
        """The stored bytes; with `sha256`, refuse them if they no longer match."""
        try:
            data = self._path(key).read_bytes()
        except FileNotFoundError:
            raise NotFound("The stored file is missing.") from None
        if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
            raise Conflict("The stored file does not match its checksum; it was altered.")
        return data

    def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(key).unlink()
