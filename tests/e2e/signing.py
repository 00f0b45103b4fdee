"""Accounts for the end-to-end tests: a new user per call, one known password."""

from __future__ import annotations

import itertools
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.security import Role
from ncbdesk.services import auth
from ncbdesk.services.context import Actor

# Real Argon2id at a low cost, so the suite stays quick.
HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
PASSWORD = "correct horse battery"
_USERS = itertools.count()


def add_user(app: FastAPI, *roles: Role, bureau: str = "RU") -> str:
    """A new account with `roles`; returns its username (the password is PASSWORD)."""
    name = f"officer{next(_USERS)}"
    ctx = app.state.ctx
    auth.create_user(ctx.uow(), Actor.system(bureau), HASHER, name, PASSWORD, set(roles), bureau)
    return name


_LOGIN_TOKEN = re.compile(r'<input type="hidden" name="csrf_token" value="([A-Za-z0-9_-]+)">')


def login_form_token(client: TestClient) -> str:
    """The sign-in form's own CSRF token (its cookie is now in the client)."""
    found = _LOGIN_TOKEN.search(client.get("/login").text)
    assert found, "the sign-in form has no CSRF token"
    return found[1]
