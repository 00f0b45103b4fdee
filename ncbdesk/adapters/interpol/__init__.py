"""INTERPOL's public notice JSON (ws-public.interpol.int/notices/v1): red, yellow, UN.

`parse_interpol_file` reads a list page, a detail record or JSON lines of them
into (Person, Notice) pairs that have passed validation, and names every
problem by line and field path. `ncbdesk.services.interpol_import` stores them.
"""

from ncbdesk.adapters.interpol.files import InterpolParse, parse_interpol_file
from ncbdesk.adapters.interpol.record import (
    EXTERNAL_ID_PREFIX,
    InterpolRecord,
    external_id,
    record_from_json,
)

__all__ = [
    "EXTERNAL_ID_PREFIX",
    "InterpolParse",
    "InterpolRecord",
    "external_id",
    "parse_interpol_file",
    "record_from_json",
]
