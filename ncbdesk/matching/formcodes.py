"""Forms as arrays, for the compiled name alignment (name_kernels).

Each :class:`~.tokens.Form` the kernels meet is given a slot once: its four
spelling keys (fine, ascii, coarse, skeleton) as ASCII bytes in one blob, its
flags, equivalence group, first letters (two 64-bit masks over ASCII) and
bare form. Slots are never reused while the registry lives; when it holds
``MAX_FORMS`` the registry starts afresh (a new generation), and every form
takes a new slot when next met, so a server screening for months does not
grow without bound.

Thread-safe: slots are given under a lock, and a query reads the arrays it
was given with its slots (a registry that grows makes new arrays; the old
ones stay valid for a query still reading them).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from .name_kernels import F_INITIAL, F_UNSUPPORTED, F_VOWELLESS
from .tokens import Form

MAX_FORMS = 2_000_000
_START = 1 << 14


@dataclass
class Arrays:
    """The registry's arrays as one query reads them (see name_kernels)."""

    blob: np.ndarray  # uint8: the keys of every form, one after the other
    off: np.ndarray  # int64 (n, 5): where fine, ascii, coarse and skeleton start, and end
    flags: np.ndarray  # uint8: F_INITIAL, F_VOWELLESS, F_UNSUPPORTED
    group: np.ndarray  # int32: equivalence group, -1 for none
    firsts: np.ndarray  # uint64 (n, 2): the first letters, bits of ASCII codes 0-63, 64-127
    bare: np.ndarray  # int32: the slot of the form without a glued-on article, -1 for none
    jadj: np.ndarray  # int32: j letters typed minus J kept by the key (names._typed_consonants)
    n: int = 0
    used: int = 0  # bytes of blob in use


def _empty(forms: int, size: int) -> Arrays:
    return Arrays(
        blob=np.zeros(size, np.uint8),
        off=np.zeros((forms, 5), np.int64),
        flags=np.zeros(forms, np.uint8),
        group=np.full(forms, -1, np.int32),
        firsts=np.zeros((forms, 2), np.uint64),
        bare=np.full(forms, -1, np.int32),
        jadj=np.zeros(forms, np.int32),
    )


def _grown(a: Arrays, forms: int, size: int) -> Arrays:
    """A copy with room for ``forms`` forms and ``size`` bytes (the old one unchanged)."""
    b = _empty(max(forms, len(a.flags)), max(size, len(a.blob)))
    b.blob[: a.used] = a.blob[: a.used]
    for name in ("off", "flags", "group", "firsts", "bare", "jadj"):
        getattr(b, name)[: a.n] = getattr(a, name)[: a.n]
    b.n, b.used = a.n, a.used
    return b


@dataclass
class FormCodes:
    """The registry (one per process: see :data:`CODES`)."""

    # (generation, arrays), replaced as one: a query reads both at once.
    state: tuple[int, Arrays] = field(default_factory=lambda: (1, _empty(_START, 16 * _START)))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def slots(self, forms: list[Form]) -> tuple[list[int], Arrays]:
        """The slot of each form, and the arrays that hold them all."""
        gen, arrays = self.state
        tag = gen << 32
        out = [f.code - tag for f in forms]
        n = arrays.n
        if all(0 <= s < n for s in out):
            return out, arrays
        with self._lock:
            if self.state[1].n + 2 * len(forms) > MAX_FORMS:
                self.state = (self.state[0] + 1, _empty(_START, 16 * _START))
            out = [self._slot(f) for f in forms]
            return out, self.state[1]

    def _slot(self, f: Form) -> int:
        gen, a = self.state
        tag = gen << 32
        if 0 <= f.code - tag < a.n:
            return f.code - tag
        bare = -1
        flags = 0
        if f.bare is not None:
            bare = self._slot(f.bare)
            if f.bare.bare is not None:
                flags |= F_UNSUPPORTED
        keys = (f.fine, f.ascii, f.coarse, f.skeleton)
        firsts = {x[:1] for x in (f.ascii, f.fine) if x} | (
            set("yjie") if f.ascii[:1] in ("y", "j", "i") else set()
        )
        if f.han or not all(k.isascii() for k in keys) or not all(x.isascii() for x in firsts):
            flags |= F_UNSUPPORTED
            keys = ("", "", "", "")
            firsts = set()
        raw = "".join(keys).encode("ascii")
        a = self.state[1]  # the bare form's slot may have grown it
        if a.n == len(a.flags) or a.used + len(raw) > len(a.blob):
            a = _grown(a, 2 * len(a.flags), 2 * len(a.blob) + len(raw))
            self.state = (gen, a)
        s = a.n
        pos = a.used
        a.blob[pos : pos + len(raw)] = np.frombuffer(raw, np.uint8)
        for k, key in enumerate(keys):
            a.off[s, k] = pos
            pos += len(key)
        a.off[s, 4] = pos
        if f.initial:
            flags |= F_INITIAL
        if f.vowelless:
            flags |= F_VOWELLESS
        a.flags[s] = flags
        a.group[s] = f.group
        lo = hi = 0
        for x in firsts:
            c = ord(x)
            if c < 64:
                lo |= 1 << c
            else:
                hi |= 1 << (c - 64)
        a.firsts[s, 0] = lo
        a.firsts[s, 1] = hi
        a.bare[s] = bare
        a.jadj[s] = f.ascii.count("j") - f.fine.count("J")
        a.n = s + 1
        a.used = pos
        f.code = tag | s
        return s


CODES = FormCodes()
