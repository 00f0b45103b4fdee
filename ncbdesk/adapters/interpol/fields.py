"""Reading the fields of one JSON object, liberally, with every problem's path."""

from __future__ import annotations

import math
import re
from typing import Any

from ncbdesk.adapters.interpol import codes
from ncbdesk.domain.dates import PartialDate, PartialDateError
from ncbdesk.domain.errors import FieldError

_NUMBER = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(cm|m|kg)?\s*$", re.IGNORECASE)


class Fields:
    """Reads one JSON object's fields, noting each problem with its full path."""

    def __init__(self, obj: dict[str, Any], path: str, line: int | None) -> None:
        self.obj = obj
        self.path = path
        self.line = line
        self.errors: list[FieldError] = []

    def at(self, key: str) -> str:
        if not key:
            return self.path or "(record)"
        if key.startswith("["):
            return f"{self.path}{key}"
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, message: str) -> None:
        self.errors.append(FieldError(self.at(key), message, self.line))

    def has(self, key: str) -> bool:
        return self.obj.get(key) not in (None, "", [], {})

    def text(self, key: str) -> str:
        value = self.obj.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        self.error(key, f"expected text, got {kind_of(value)}")
        return ""

    def texts(self, key: str) -> list[str]:
        value = self.obj.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"expected a list of text, got {kind_of(value)}")
            return []
        out: list[str] = []
        for i, item in enumerate(value):
            if item is None:
                continue
            if not isinstance(item, str):
                self.error(f"{key}[{i}]", f"expected text, got {kind_of(item)}")
                continue
            if item.strip():
                out.append(item.strip())
        return out

    def number(self, key: str) -> tuple[float, str] | None:
        """(value, unit) with unit "" unless the text named one; None if absent."""
        value = self.obj.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.error(key, "expected a number, got true/false")
            return None
        if isinstance(value, int | float):
            if not math.isfinite(value):
                self.error(key, "expected a number")
                return None
            return float(value), ""
        if isinstance(value, str):
            m = _NUMBER.match(value)
            if m:
                return float(m.group(1).replace(",", ".")), (m.group(2) or "").lower()
            self.error(key, f"'{value[:40]}' is not a number")
            return None
        self.error(key, f"expected a number, got {kind_of(value)}")
        return None

    def date(self, key: str) -> PartialDate | None:
        raw = self.text(key)
        if not raw:
            return None
        try:
            return PartialDate.parse(raw)
        except PartialDateError as exc:
            self.error(key, str(exc))
            return None

    def objects(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        value = self.obj.get(key)
        if value is None:
            return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.error(key, f"expected a list of objects, got {kind_of(value)}")
            return []
        out: list[tuple[int, dict[str, Any]]] = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((i, item))
            elif item is not None:
                self.error(f"{key}[{i}]", f"expected an object, got {kind_of(item)}")
        return out

    def country(self, key: str, value: str) -> str | None:
        code = codes.country(value)
        if code is None:
            self.error(key, f"'{value[:20]}' is not a country code (ISO 3166 alpha-2)")
        return code

    def self_link(self) -> str:
        links = self.obj.get("_links")
        if not isinstance(links, dict):
            return ""
        own = links.get("self")
        href = own.get("href") if isinstance(own, dict) else None
        return href if isinstance(href, str) else ""


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
