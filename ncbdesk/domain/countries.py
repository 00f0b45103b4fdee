"""Country codes as a value type: clean, validate, name."""

from __future__ import annotations

from ncbdesk.domain.country_codes import COUNTRIES


def clean_country(value: str) -> str | None:
    """Return the upper-case ISO 3166-1 alpha-2 code, or None if it is not one."""
    code = value.strip().upper()
    return code if code in COUNTRIES else None


def country_name(code: str) -> str:
    return COUNTRIES.get(code.upper(), code)


def is_country(value: str) -> bool:
    return clean_country(value) is not None
