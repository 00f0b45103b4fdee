"""Value objects of the screening engine: what goes in (Subject) and out (Match)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NameInput:
    """One way a person's name was recorded.

    Any field may be empty. ``full`` may hold a whole name as free text in any
    order ("IVANOV Ivan Ivanovich", "Ivan Ivanov"); the split fields are used
    when the sending system recorded them separately.
    """

    full: str = ""
    given: str = ""
    family: str = ""
    patronymic: str = ""
    middle: str = ""


@dataclass(frozen=True)
class Subject:
    """A person as one system recorded them: the query or a list entry."""

    id: str
    names: tuple[NameInput, ...]
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    sex: str | None = None
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """The engine's verdict on one candidate, with the reasons behind it.

    ``score`` is in 0..1; ``alert`` is ``score >= threshold``; ``features``
    holds each contribution to the score by name so callers can show or log
    them.
    """

    id: str
    score: float
    alert: bool
    reasons: tuple[str, ...]
    features: dict[str, float] = field(default_factory=dict)
