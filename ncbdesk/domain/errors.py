"""The one error hierarchy of ncbdesk.

Every layer raises these; the entry points turn them into a JSON body (API), an
HTML page (web) or a message and exit code (CLI). The HTTP status belongs to the
class, so a handler never guesses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One thing wrong with one field: where (dotted path, optional line) and why."""

    field: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"field": self.field, "message": self.message}
        if self.line is not None:
            out["line"] = self.line
        return out

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.field}: {self.message}"


class NcbError(Exception):
    """Base of every error the system reports to a user."""

    status: int = 500
    code: str = "internal_error"

    def __init__(self, message: str, errors: Iterable[FieldError] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.errors: tuple[FieldError, ...] = tuple(errors)

    def as_dict(self) -> dict[str, object]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "details": [e.as_dict() for e in self.errors],
            }
        }


class ValidationFailed(NcbError):
    """Input broke a rule; `errors` says which field and why. Nothing was written."""

    status = 422
    code = "validation_error"


class NotFound(NcbError):
    status = 404
    code = "not_found"


class Conflict(NcbError):
    """The request clashes with the current state (stale version, duplicate key)."""

    status = 409
    code = "conflict"


class InvalidTransition(Conflict):
    """A lifecycle step that the record's current status does not allow."""

    code = "invalid_transition"


class NotAuthenticated(NcbError):
    status = 401
    code = "not_authenticated"


class PermissionDenied(NcbError):
    status = 403
    code = "permission_denied"


class PayloadTooLarge(NcbError):
    status = 413
    code = "payload_too_large"


class Problems:
    """Collects field errors so a validator can report all of them at once."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.items: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        path = f"{self.prefix}.{field}" if self.prefix and field else (self.prefix or field)
        self.items.append(FieldError(path, message))

    def extend(self, errors: Iterable[FieldError], prefix: str = "") -> None:
        for e in errors:
            path = f"{prefix}.{e.field}" if prefix else e.field
            self.items.append(FieldError(path, e.message, e.line))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, message: str = "The data is not valid.") -> None:
        if self.items:
            raise ValidationFailed(message, self.items)
