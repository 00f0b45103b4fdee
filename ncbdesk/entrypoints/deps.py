"""What the API and web routes share: the app context, the caller, permissions.

Every route declares what it needs with `requires(Permission.X)` (or `public`);
a test walks the app's routes and fails on any route without a declaration.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from fastapi import Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.index_store import IndexStore
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.errors import NotAuthenticated, PermissionDenied
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, LoginThrottle
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import auth
from ncbdesk.services.access import authorize
from ncbdesk.services.context import Actor
from ncbdesk.settings import Settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class AppContext:
    """Built once in create_app(); holds what lives as long as the process."""

    settings: Settings
    engine: Engine
    index_store: IndexStore
    hasher: Argon2Hasher = field(default_factory=Argon2Hasher)
    throttle: LoginThrottle = field(default_factory=LoginThrottle)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    @property
    def session_policy(self) -> auth.SessionPolicy:
        return auth.SessionPolicy(
            idle=timedelta(minutes=self.settings.session_idle_minutes),
            absolute=timedelta(hours=self.settings.session_hours),
        )


def context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def uow(request: Request) -> SqlUnitOfWork:
    return context(request).uow()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _resolve(request: Request) -> Actor:
    ctx = context(request)
    source = client_address(request)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise NotAuthenticated("Send the API token as 'Authorization: Bearer <token>'.")
        return auth.resolve_token(ctx.uow(), secret.strip(), source)
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise NotAuthenticated("Please sign in, or send an API token.")
    actor, session = auth.resolve_session(ctx.uow(), cookie, source, ctx.session_policy)
    request.state.csrf = session.csrf
    request.state.session_cookie = cookie
    return actor


async def _check_csrf(request: Request) -> None:
    """A browser session's unsafe request must carry the session's CSRF token."""
    expected: str | None = getattr(request.state, "csrf", None)
    if expected is None or request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(CSRF_FIELD, "")
        sent = value if isinstance(value, str) else ""
    if not sent or not hmac.compare_digest(sent, expected):
        raise PermissionDenied("The form has expired or did not come from this site; reload it.")


async def actor(request: Request) -> Actor:
    """The authenticated caller (API token or browser session); 401 otherwise."""
    cached: Actor | None = getattr(request.state, "actor", None)
    if cached is not None:
        return cached
    found = await run_in_threadpool(_resolve, request)
    await _check_csrf(request)
    request.state.actor = found
    return found


def requires(permission: Permission) -> Callable[[Request], Awaitable[Actor]]:
    """A route dependency: the caller, once their roles allow `permission`."""

    async def dependency(request: Request) -> Actor:
        who = await actor(request)
        await run_in_threadpool(
            authorize, context(request).uow(), who, permission, f"http.{request.method.lower()}",
            "route", request.url.path,
        )  # fmt: skip
        return who

    dependency.__ncb_permission__ = permission  # type: ignore[attr-defined]
    dependency.__name__ = f"requires_{permission.name.lower()}"
    return dependency


async def public(request: Request) -> None:
    """Marks a route that needs no sign-in (health check, sign-in page, assets)."""


public.__ncb_public__ = True  # type: ignore[attr-defined]


async def signed_in(request: Request) -> Actor:
    """Any signed-in caller, whatever their roles (their own session, sign-out)."""
    return await actor(request)


signed_in.__ncb_permission__ = "signed-in"  # type: ignore[attr-defined]


def index(request: Request) -> ScreeningIndex:
    """The screening index, loaded or built on first use."""
    return context(request).index_store.get()


def loaded_index(request: Request) -> ScreeningIndex | None:
    """The index only if loaded: changes to persons keep it in step."""
    return context(request).index_store.loaded
