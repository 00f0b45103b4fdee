"""Accounts, sign-in, sessions, tokens and the audit chain on real databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.db.security_repos import SqlAuditLog
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.errors import NotAuthenticated, PermissionDenied, ValidationFailed
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.security import Permission, Role
from ncbdesk.services import auth
from ncbdesk.services.audit import verify
from ncbdesk.services.context import Actor

# Real Argon2id at a low cost, so the suite stays quick.
HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
SYSTEM = Actor.system("RU")
POLICY = auth.SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=12))
PASSWORD = "correct horse battery"


def make_user(engine: Engine, username: str = "ivanov", *roles: Role) -> None:
    auth.create_user(
        SqlUnitOfWork(engine),
        SYSTEM,
        HASHER,
        username,
        PASSWORD,
        set(roles or {Role.DUTY_OFFICER}),
        "RU",
    )


def test_password_is_stored_as_argon2id(engine: Engine) -> None:
    make_user(engine)
    with SqlUnitOfWork(engine) as uow:
        user = uow.users.by_username("ivanov")
    assert user is not None and user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_account_rules(engine: Engine) -> None:
    with pytest.raises(ValidationFailed) as exc:
        auth.create_user(SqlUnitOfWork(engine), SYSTEM, HASHER, "Bad Name", "short", set(), "XX")
    assert {e.field for e in exc.value.errors} == {"username", "bureau", "roles", "password"}
    make_user(engine)
    with pytest.raises(ValidationFailed, match="not valid") as exc:
        make_user(engine)
    assert exc.value.errors[0].message == "'ivanov' is taken"


def test_only_administrators_create_accounts(engine: Engine) -> None:
    officer = Actor("o", "RU", frozenset({Role.SUPERVISOR}))
    with pytest.raises(PermissionDenied):
        auth.create_user(
            SqlUnitOfWork(engine), officer, HASHER, "x.y", PASSWORD, {Role.ANALYST}, "RU"
        )


def test_sign_in_session_and_sign_out(engine: Engine) -> None:
    make_user(engine)
    cookie, session, _user = auth.sign_in(
        SqlUnitOfWork(engine), HASHER, "IVANOV", PASSWORD, "10.0.0.1", POLICY
    )
    actor, _ = auth.resolve_session(SqlUnitOfWork(engine), cookie, "10.0.0.1", POLICY)
    assert actor.username == "ivanov" and actor.can(Permission.PERSON_WRITE)
    with SqlUnitOfWork(engine) as uow:
        stored = uow.sessions.get(session.id_hash)
    assert stored is not None and stored.id_hash != cookie  # only the hash is kept
    auth.sign_out(SqlUnitOfWork(engine), actor, cookie)
    with pytest.raises(NotAuthenticated):
        auth.resolve_session(SqlUnitOfWork(engine), cookie, "10.0.0.1", POLICY)


def test_idle_and_absolute_expiry(engine: Engine) -> None:
    make_user(engine)
    t0 = utcnow()
    cookie, _, _ = auth.sign_in(
        SqlUnitOfWork(engine), HASHER, "ivanov", PASSWORD, "x", POLICY, now=t0
    )
    auth.resolve_session(SqlUnitOfWork(engine), cookie, "x", POLICY, now=t0 + timedelta(minutes=29))
    with pytest.raises(NotAuthenticated, match="expired"):
        auth.resolve_session(
            SqlUnitOfWork(engine), cookie, "x", POLICY, now=t0 + timedelta(minutes=61)
        )
    cookie, _, _ = auth.sign_in(
        SqlUnitOfWork(engine), HASHER, "ivanov", PASSWORD, "x", POLICY, now=t0
    )
    now = t0
    for _ in range(25):  # active every 29 minutes, still ends at 12 hours
        now += timedelta(minutes=29)
        if now - t0 >= timedelta(hours=12):
            break
        auth.resolve_session(SqlUnitOfWork(engine), cookie, "x", POLICY, now=now)
    with pytest.raises(NotAuthenticated):
        auth.resolve_session(
            SqlUnitOfWork(engine), cookie, "x", POLICY, now=t0 + timedelta(hours=12)
        )


def test_lockout_after_five_failures(engine: Engine) -> None:
    make_user(engine)
    t0 = utcnow()
    for _ in range(5):
        with pytest.raises(NotAuthenticated):
            auth.sign_in(
                SqlUnitOfWork(engine), HASHER, "ivanov", "wrong password!", "x", POLICY, now=t0
            )
    # Locked: even the right password is refused, with the same message.
    with pytest.raises(NotAuthenticated, match="Wrong username or password"):
        auth.sign_in(SqlUnitOfWork(engine), HASHER, "ivanov", PASSWORD, "x", POLICY, now=t0)
    auth.sign_in(
        SqlUnitOfWork(engine),
        HASHER,
        "ivanov",
        PASSWORD,
        "x",
        POLICY,
        now=t0 + timedelta(minutes=16),
    )
    log = SqlAuditLog(engine)
    outcomes = [(e.action, e.outcome.value) for e in log.iter_all() if e.action == "login"]
    assert outcomes == [("login", "refused")] * 6 + [("login", "ok")]


def test_tokens_scoped_expiring_revocable(engine: Engine) -> None:
    make_user(engine, "border.api", Role.DUTY_OFFICER, Role.ANALYST)
    secret, token = auth.create_token(
        SqlUnitOfWork(engine),
        SYSTEM,
        "border.api",
        roles={Role.ANALYST},
        expires_in=timedelta(days=30),
    )
    assert secret.startswith("ncb_")
    with SqlUnitOfWork(engine) as uow:
        stored = uow.tokens.get(token.id)
    assert stored is not None and secret not in stored.token_hash
    actor = auth.resolve_token(SqlUnitOfWork(engine), secret, "x")
    assert actor.roles == {Role.ANALYST} and actor.via_token
    assert not actor.can(Permission.PERSON_WRITE)
    with pytest.raises(NotAuthenticated):
        auth.resolve_token(SqlUnitOfWork(engine), secret, "x", now=utcnow() + timedelta(days=31))
    auth.revoke_token(SqlUnitOfWork(engine), SYSTEM, token.id)
    with pytest.raises(NotAuthenticated):
        auth.resolve_token(SqlUnitOfWork(engine), secret, "x")
    with pytest.raises(ValidationFailed, match="some of its user's roles"):
        auth.create_token(SqlUnitOfWork(engine), SYSTEM, "border.api", roles={Role.SUPERVISOR})


def test_audit_chain_is_intact_after_real_work(engine: Engine) -> None:
    make_user(engine)
    for _ in range(3):
        auth.sign_in(SqlUnitOfWork(engine), HASHER, "ivanov", PASSWORD, "x", POLICY)
    count, problems = verify(SqlAuditLog(engine))
    assert count == 4 and problems == []
