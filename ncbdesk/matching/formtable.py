"""Token forms computed when the index is built, stored beside it.

Computing a :class:`~.tokens.Form` (ICU transliteration, spelling keys) costs
~70 µs. A process that loads a saved index starts with no form cached, and at
1,000,000 list persons a query met ~6 list spellings it had not seen yet
(benchmarks/screening_speed.py, 2026-11-30): ~400 µs of a 2.3 ms query. The
build computes every list token's form anyway; the index keeps their fields
and a loading process makes a form from them in a few µs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress

import numpy as np
import orjson

from .blocking import key_hash
from .scoring import Prepared
from .tokens import Form, StoredForm

ARRAYS = ("form_hashes", "form_ptr", "form_blob")


def encode_forms(p: Prepared, sent: set[str]) -> list[bytes]:
    """The stored fields of the record's forms not in ``sent`` (which gains them)."""
    out: list[bytes] = []
    for name in p.names:
        for part in name:
            f: Form | None = part.form
            while f is not None and f.orig not in sent:
                sent.add(f.orig)
                with suppress(TypeError):  # lone surrogates: computed when needed instead
                    out.append(orjson.dumps(f.fields()))
                f = f.bare
    return out


def table_arrays(entries: Iterable[bytes]) -> dict[str, np.ndarray]:
    """The table's arrays: entries sorted by the hash of their token."""
    items = sorted((key_hash(orjson.loads(e)[0]), e) for e in entries)
    hashes = np.fromiter((h for h, _ in items), dtype=np.uint64, count=len(items))
    ptr = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum([len(e) for _, e in items], out=ptr[1:])
    blob = np.frombuffer(b"".join(e for _, e in items), dtype=np.uint8)
    return {"form_hashes": hashes, "form_ptr": ptr, "form_blob": blob}


class FormTable:
    """Stored forms looked up by token (a :class:`~.tokens.FormSource`)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self._hashes = arrays["form_hashes"]
        self._ptr = arrays["form_ptr"]
        self._blob = arrays["form_blob"]

    def __len__(self) -> int:
        return len(self._hashes)

    def tokens(self) -> Iterator[str]:
        """Every stored token, in the table's order (by hash: no order of the list's)."""
        ptr = self._ptr
        blob = self._blob
        for i in range(len(self._hashes)):
            yield orjson.loads(blob[int(ptr[i]) : int(ptr[i + 1])].tobytes())[0]

    def lookup(self, token: str) -> StoredForm | None:
        """The stored fields of ``token``; ``None`` if the list never wrote it."""
        h = key_hash(token)
        i = int(np.searchsorted(self._hashes, np.uint64(h)))
        # Equal hashes of two tokens: only one is found, the other computed.
        if i == len(self._hashes) or int(self._hashes[i]) != h:
            return None
        fields = orjson.loads(self._blob[int(self._ptr[i]) : int(self._ptr[i + 1])].tobytes())
        if fields[0] != token:
            return None
        orig, ascii_, fine, coarse, skeleton, vowelless, initial, group = fields
        return (orig, ascii_, fine, coarse, skeleton, vowelless, initial, group)
