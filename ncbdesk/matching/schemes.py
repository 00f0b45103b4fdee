"""Name the romanisation scheme that turns a Cyrillic name into a Latin one.

Used only to explain a match ("ICAO Doc 9303 and MVD 1997 spelling of
Колокольцев"); matching itself never depends on it. iuliia holds the published
scheme tables; it is imported on first use.
"""

from __future__ import annotations

from functools import lru_cache

from .translit import script_of

# iuliia schema name -> how officers know it.
SCHEMES: tuple[tuple[str, str], ...] = (
    ("ICAO_DOC_9303", "ICAO Doc 9303"),
    ("MVD_310", "MVD 1997"),
    ("MVD_782", "MVD 2000"),
    ("GOST_52535", "GOST R 52535.1"),
    ("BGN_PCGN", "BGN/PCGN"),
    ("GOST_779", "GOST 7.79"),
    ("GOST_779_ALT", "GOST 7.79 (Latin-only)"),
    ("SCIENTIFIC", "scholarly"),
    ("ISO_9_1968", "ISO 9:1968"),
    ("ALA_LC", "ALA-LC"),
    ("MVD_310_FR", "French (MVD 1997 French)"),
    ("WIKIPEDIA", "Wikipedia"),
    ("YANDEX_MONEY", "bank card"),
)


def _simple(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


@lru_cache(maxsize=20_000)
def _spellings(cyrillic: str) -> tuple[tuple[str, str], ...]:
    try:
        import iuliia
    except ImportError:  # explanation degrades to the generic wording
        return ()
    out: list[tuple[str, str]] = []
    for attr, label in SCHEMES:
        schema = getattr(iuliia, attr, None)
        if schema is not None:
            out.append((label, _simple(schema.translate(cyrillic))))
    return tuple(out)


@lru_cache(maxsize=50_000)
def scheme_note(a: str, b: str) -> str:
    """ "'X' is the <scheme> spelling of 'Y'" when one side is Cyrillic, else ""."""
    if script_of(a) == "Cyrillic" and not script_of(b):
        cyr, lat = a, b
    elif script_of(b) == "Cyrillic" and not script_of(a):
        cyr, lat = b, a
    else:
        return ""
    target = _simple(lat)
    labels = [label for label, spelled in _spellings(cyr[:48]) if spelled == target]
    if not labels:
        return ""
    if len(labels) > 3:
        labels = [*labels[:3], "others"]
    names = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    return f"'{lat}' is the {names} spelling of '{cyr}'"
