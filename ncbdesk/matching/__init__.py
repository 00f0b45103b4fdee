"""The screening engine: normalise → transliterate → index → score → explain.

Pure Python and numpy: no database, no web framework. See DESIGN.md §1
("Names") and §4 (performance).
"""

from .index import ScreeningIndex
from .model import Match, NameInput, Subject
from .scoring import score
from .weights import DEFAULT_THRESHOLD

__all__ = ["DEFAULT_THRESHOLD", "Match", "NameInput", "ScreeningIndex", "Subject", "score"]
