"""One typed settings object, read once from the environment and passed in.

Every setting is declared here with its type, default and help text; the README
table is checked against this list by a test, so none goes undocumented.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.errors import FieldError, ValidationFailed

PREFIX = "NCBDESK_"


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(
        default=Path("var"),
        metadata=_help("Folder for the SQLite database, attachments and the screening index."),
    )
    database_url: str = field(
        default="",
        metadata=_help(
            "SQLAlchemy URL; empty means SQLite at DATA_DIR/ncbdesk.db. "
            "PostgreSQL: postgresql+psycopg://user@host:5432/db"
        ),
    )
    bureau: str = field(
        default="RU",
        metadata=_help("ISO 3166 code of this bureau's country: the owner of records it creates."),
    )
    timezone: str = field(
        default="UTC", metadata=_help("IANA time zone in which the bureau's pages show times.")
    )
    host: str = field(default="127.0.0.1", metadata=_help("Address `ncbdesk serve` listens on."))
    port: int = field(default=8000, metadata=_help("Port `ncbdesk serve` listens on."))
    demo: bool = field(
        default=False,
        metadata=_help("Load demo data into an empty database at start (`make run` sets it)."),
    )
    demo_persons: int = field(default=5000, metadata=_help("How many demo persons to generate."))
    max_body_bytes: int = field(
        default=2 * 1024 * 1024,
        metadata=_help(
            "Largest request body the web server accepts, in bytes; file uploads "
            "(multipart) may be as large as the largest file limit plus 256 KiB."
        ),
    )
    page_size_max: int = field(default=200, metadata=_help("Largest page a list endpoint returns."))
    session_idle_minutes: int = field(
        default=30, metadata=_help("A browser session ends after this many idle minutes.")
    )
    session_hours: int = field(
        default=12, metadata=_help("A browser session ends this many hours after sign-in.")
    )
    log_level: str = field(
        default="info", metadata=_help("Log level: debug, info, warning or error.")
    )
    attachment_max_bytes: int = field(
        default=10 * 1024 * 1024,
        metadata=_help("Largest attachment of a request, in bytes."),
    )
    eml_max_bytes: int = field(
        default=25 * 1024 * 1024,
        metadata=_help("Largest e-mail (.eml) file `ncbdesk requests import` reads, in bytes."),
    )
    request_deadline_hours: str = field(
        default="",
        metadata=_help(
            "Deadline overrides as type:priority=hours, comma-separated (* for every type); "
            "defaults: 24 hours, 12 when urgent."
        ),
    )
    request_due_soon_hours: int = field(
        default=4, metadata=_help("How far ahead the 'due soon' lists of requests look, in hours.")
    )
    subject_request_days: int = field(
        default=30,
        metadata=_help(
            "Days a person's access, correction or deletion request has for its answer "
            "(one month is common in data-protection law)."
        ),
    )

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'ncbdesk.db').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @classmethod
    def help(cls) -> dict[str, str]:
        """Environment variable name → help text, for docs and `ncbdesk config`."""
        return {PREFIX + f.name.upper(): f.metadata["help"] for f in fields(cls)}

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read NCBDESK_* variables; fail loudly, naming the variable, on a bad value."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        for f in fields(cls):
            key = PREFIX + f.name.upper()
            if f.name in overrides:
                values[f.name] = overrides[f.name]
                continue
            raw = env.get(key)
            if raw is None or raw == "":
                continue
            try:
                values[f.name] = _convert(f.default, raw)
            except ValueError as exc:
                errors.append(FieldError(key, str(exc)))
        settings = cls(**values)
        errors.extend(settings._problems())
        if errors:
            raise ValidationFailed("The configuration is not valid.", errors)
        return settings

    def _problems(self) -> list[FieldError]:
        errors = []
        if clean_country(self.bureau) is None:
            errors.append(FieldError(PREFIX + "BUREAU", f"'{self.bureau}' is not a country code"))
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            errors.append(FieldError(PREFIX + "TIMEZONE", f"unknown time zone '{self.timezone}'"))
        if not 1 <= self.port <= 65535:
            errors.append(FieldError(PREFIX + "PORT", "must be between 1 and 65535"))
        if self.request_deadline_hours:
            from ncbdesk.domain.requests_deadlines import DeadlinePolicy

            try:
                DeadlinePolicy.parse(self.request_deadline_hours)
            except ValidationFailed as exc:
                errors.extend(
                    FieldError(PREFIX + "REQUEST_DEADLINE_HOURS", e.message) for e in exc.errors
                )
        if not 1 <= self.subject_request_days <= 366:
            errors.append(FieldError(PREFIX + "SUBJECT_REQUEST_DAYS", "must be between 1 and 366"))
        if self.log_level not in ("debug", "info", "warning", "error"):
            errors.append(FieldError(PREFIX + "LOG_LEVEL", "must be debug, info, warning or error"))
        return errors


def _convert(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"'{raw}' is not a boolean (use true or false)")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"'{raw}' is not a whole number") from None
    if isinstance(default, Path):
        return Path(raw)
    return raw
