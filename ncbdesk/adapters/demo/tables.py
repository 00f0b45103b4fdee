"""Shapes shared by the demo name tables."""

from __future__ import annotations

from dataclasses import dataclass


def split(words: str) -> tuple[str, ...]:
    """The tables are written as space-separated words to keep them compact."""
    return tuple(words.split())


@dataclass(frozen=True)
class NameTable:
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]


@dataclass(frozen=True)
class Spelled:
    """A name in its own script and the Latin spellings it is found under.

    `latin[0]` is the English-usage spelling, `latin[1]` the French-usage one,
    the rest other attested variants.
    """

    native: str
    latin: tuple[str, ...]


def spelled(rows: str) -> tuple[Spelled, ...]:
    """Parse lines of `native: Latin1, Latin2, ...`."""
    out = []
    for line in rows.strip().splitlines():
        native, _, latin = line.partition(":")
        out.append(Spelled(native.strip(), tuple(s.strip() for s in latin.split(","))))
    return tuple(out)
