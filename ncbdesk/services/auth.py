"""Accounts, sign-in, sessions and API tokens.

Passwords are hashed by the PasswordHasher port (Argon2id in adapters). Session
ids and API tokens are random 256-bit values shown once and stored only as
SHA-256 hashes: a copy of the database lets no one sign in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from ncbdesk.domain.audit import Outcome
from ncbdesk.domain.errors import NotAuthenticated, NotFound, Problems, ValidationFailed
from ncbdesk.domain.persons import new_id, utcnow
from ncbdesk.domain.security import Permission, Role
from ncbdesk.domain.users import User, password_problems
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import SessionRecord, TokenRecord, UnitOfWork

TOKEN_PREFIX = "ncb_"  # noqa: S105 - a public marker, not a secret


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str, password: str) -> bool: ...


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def actor_for(user: User, source: str, roles: frozenset[Role] | None = None) -> Actor:
    return Actor(
        username=user.username,
        bureau=user.bureau,
        roles=frozenset(user.roles) if roles is None else roles,
        user_id=user.id,
        source=source,
        via_token=roles is not None,
    )


def create_user(
    uow: UnitOfWork,
    actor: Actor,
    hasher: PasswordHasher,
    username: str,
    password: str,
    roles: set[Role],
    bureau: str,
    display_name: str = "",
) -> User:
    """Create an account. The first account may be created by the system actor only."""
    authorize(uow, actor, Permission.USER_MANAGE, "user.create", "user")
    user = User(username=username.strip().lower(), bureau=bureau, roles=set(roles))
    user.display_name = display_name or user.username
    problems = Problems()
    try:
        user.validate()
    except ValidationFailed as exc:
        problems.extend(exc.errors)
    problems.extend(password_problems(password, user.username).items)
    problems.raise_if_any("The account is not valid.")
    user.password_hash = hasher.hash(password)
    with uow:
        if uow.users.by_username(user.username) is not None:
            problems.add("username", f"'{user.username}' is taken")
            problems.raise_if_any("The account is not valid.")
        uow.users.add(user)
        uow.commit()
    record(uow, actor, "user.create", "user", user.id, username=user.username,
           roles=sorted(r.value for r in roles))  # fmt: skip
    return user


def sign_in(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    username: str,
    password: str,
    source: str,
    policy: SessionPolicy,
    now: datetime | None = None,
) -> tuple[str, SessionRecord, User]:
    """Check the password and open a session; returns (cookie value, session, user).

    Five failures in a row lock the account for 15 minutes (domain.users); the
    answer never says whether the username exists.
    """
    now = now or utcnow()
    name = username.strip().lower()[:40]
    refused = NotAuthenticated("Wrong username or password, or the account is locked.")
    with uow:
        user = uow.users.by_username(name)
        if user is None or not user.active:
            hasher.verify(_DUMMY_HASH.get(hasher), password)  # same work either way
            uow.rollback()
            _audit_login(uow, name, "", source, Outcome.REFUSED, "unknown or inactive account")
            raise refused
        if user.is_locked(now):
            _audit_login(uow, name, user.bureau, source, Outcome.REFUSED, "account locked")
            raise refused
        if not hasher.verify(user.password_hash, password):
            user.record_failure(now)
            uow.users.update(user)
            uow.commit()
            reason = "account locked" if user.locked_until else "wrong password"
            _audit_login(uow, name, user.bureau, source, Outcome.REFUSED, reason)
            raise refused
        user.record_success()
        uow.users.update(user)
        cookie = secrets.token_urlsafe(32)
        session = SessionRecord(
            id_hash=digest(cookie),
            user_id=user.id,
            csrf=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + policy.absolute,
            source=source[:100],
        )
        uow.sessions.add(session)
        uow.commit()
    _audit_login(uow, name, user.bureau, source, Outcome.OK, "")
    return cookie, session, user


class _DummyHash:
    """A real hash of a random password, so unknown users cost as much as known ones."""

    def __init__(self) -> None:
        self._cache: dict[int, str] = {}

    def get(self, hasher: PasswordHasher) -> str:
        key = id(hasher)
        if key not in self._cache:
            self._cache[key] = hasher.hash(secrets.token_urlsafe(16))
        return self._cache[key]


_DUMMY_HASH = _DummyHash()


def _audit_login(
    uow: UnitOfWork, username: str, bureau: str, source: str, outcome: Outcome, reason: str
) -> None:
    who = Actor(username or "(unknown)", bureau or "--", source=source)
    record(uow, who, "login", "user", username, outcome=outcome, reason=reason)


def resolve_session(
    uow: UnitOfWork, cookie: str, source: str, policy: SessionPolicy, now: datetime | None = None
) -> tuple[Actor, SessionRecord]:
    """The actor behind a session cookie; expired sessions are ended."""
    now = now or utcnow()
    with uow:
        session = uow.sessions.get(digest(cookie))
        if session is None:
            raise NotAuthenticated("Please sign in.")
        if now >= session.expires_at or now - session.last_seen_at >= policy.idle:
            uow.sessions.delete(session.id_hash)
            uow.commit()
            raise NotAuthenticated("Your session has expired; please sign in again.")
        user = uow.users.get(session.user_id)
        if user is None or not user.active:
            raise NotAuthenticated("Please sign in.")
        # Write the last-seen time at most once a minute: reads stay reads.
        if now - session.last_seen_at > timedelta(minutes=1):
            uow.sessions.touch(session.id_hash, now)
            uow.commit()
            session = replace(session, last_seen_at=now)
    return actor_for(user, source), session


def sign_out(uow: UnitOfWork, actor: Actor, cookie: str) -> None:
    with uow:
        uow.sessions.delete(digest(cookie))
        uow.commit()
    record(uow, actor, "logout", "user", actor.user_id)


def create_token(
    uow: UnitOfWork,
    actor: Actor,
    username: str,
    name: str = "",
    expires_in: timedelta | None = None,
    roles: set[Role] | None = None,
    now: datetime | None = None,
) -> tuple[str, TokenRecord]:
    """A new API token for `username`, scoped to `roles` (default: all the user's).

    The token is returned once; only its hash is stored.
    """
    authorize(uow, actor, Permission.USER_MANAGE, "token.create", "user")
    now = now or utcnow()
    with uow:
        user = uow.users.by_username(username.strip().lower())
        if user is None:
            raise NotFound(f"No user '{username}'.")
        scoped = set(user.roles) if roles is None else set(roles)
        if not scoped or not scoped <= user.roles:
            extra = ", ".join(sorted(r.value for r in scoped - user.roles)) or "none"
            raise _role_error(extra)
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = TokenRecord(
            id=new_id(),
            user_id=user.id,
            token_hash=digest(secret),
            name=name or f"token for {user.username}",
            roles=frozenset(scoped),
            created_at=now,
            expires_at=now + expires_in if expires_in else None,
        )
        uow.tokens.add(token)
        uow.commit()
    record(uow, actor, "token.create", "token", token.id, user=user.username,
           expires_at=str(token.expires_at))  # fmt: skip
    return secret, token


def _role_error(extra: str) -> ValidationFailed:
    p = Problems()
    p.add("roles", f"the user does not hold: {extra}")
    return ValidationFailed("A token's roles must be some of its user's roles.", p.items)


def resolve_token(uow: UnitOfWork, secret: str, source: str, now: datetime | None = None) -> Actor:
    now = now or utcnow()
    refused = NotAuthenticated("The API token is not valid, has expired or was revoked.")
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        raise refused
    with uow:
        token = uow.tokens.by_hash(digest(secret))
        if token is None or token.revoked_at is not None:
            raise refused
        if token.expires_at is not None and now >= token.expires_at:
            raise refused
        user = uow.users.get(token.user_id)
        if user is None or not user.active:
            raise refused
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
            uow.tokens.touch(token.id, now)
            uow.commit()
    # A token never carries more than its user holds now.
    return actor_for(user, source, roles=frozenset(token.roles & user.roles))


def revoke_token(uow: UnitOfWork, actor: Actor, token_id: str) -> None:
    authorize(uow, actor, Permission.USER_MANAGE, "token.revoke", "token", token_id)
    with uow:
        if uow.tokens.get(token_id) is None:
            raise NotFound(f"No token {token_id}.")
        uow.tokens.revoke(token_id, utcnow())
        uow.commit()
    record(uow, actor, "token.revoke", "token", token_id)
