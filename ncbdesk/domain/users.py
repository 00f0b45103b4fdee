"""Accounts: users with roles, working for one bureau."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.errors import Problems
from ncbdesk.domain.persons import new_id, utcnow
from ncbdesk.domain.security import Permission, Role, permissions_of

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 12  # NIST SP 800-63B asks for at least 8; a police system asks for more
# Lockout after repeated failures (NIST SP 800-63B §5.2.2 limits failed attempts).
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


@dataclass
class User:
    username: str
    bureau: str
    roles: set[Role]
    password_hash: str = ""
    display_name: str = ""
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.roles)

    def validate(self) -> None:
        p = Problems()
        if not USERNAME.match(self.username):
            p.add(
                "username",
                "2–40 characters: lower-case letters, digits, dot, dash or underscore, "
                "starting with a letter",
            )
        code = clean_country(self.bureau)
        if code is None:
            p.add("bureau", f"'{self.bureau}' is not an ISO 3166 country code")
        else:
            self.bureau = code
        if not self.roles:
            p.add("roles", "a user needs at least one role")
        p.raise_if_any("The account is not valid.")

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def record_failure(self, now: datetime) -> None:
        self.failed_logins += 1
        if self.failed_logins >= MAX_FAILURES:
            self.locked_until = now + LOCKOUT
            self.failed_logins = 0

    def record_success(self) -> None:
        self.failed_logins = 0
        self.locked_until = None


def password_problems(password: str, username: str) -> Problems:
    p = Problems()
    if len(password) < MIN_PASSWORD:
        p.add("password", f"at least {MIN_PASSWORD} characters")
    if username and username.lower() in password.lower():
        p.add("password", "must not contain the username")
    if len(password) > 1024:
        p.add("password", "at most 1024 characters")
    return p
