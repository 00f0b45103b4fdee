"""Sign-in and sign-out pages, and the redirect to sign-in for a browser without a session.

The session cookie is HttpOnly and SameSite=Strict (never sent on a cross-site
request), Secure when the request came over HTTPS. A pre-session token in its own
SameSite=Strict cookie guards the sign-in form itself (login CSRF: a page on
another site cannot sign the browser into an account of its choosing).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import RedirectResponse, Response

from ncbdesk.domain.errors import NotAuthenticated
from ncbdesk.entrypoints import deps, errors
from ncbdesk.entrypoints.security import CSRF_FIELD, SESSION_COOKIE
from ncbdesk.entrypoints.web.forms import FormValues
from ncbdesk.entrypoints.web.rendering import SignedIn, form_values, render, see_other
from ncbdesk.services import auth

router = APIRouter(include_in_schema=False)

LOGIN_CSRF_COOKIE = "ncbdesk_login_csrf"
# One message for every refusal: it never says whether the account exists.
REFUSED = "Wrong username or password, or the account is locked."
THROTTLED = "Too many failed sign-ins from this address; wait a few minutes and try again."
Form = Annotated[FormValues, Depends(form_values)]


def local_path(target: str) -> str:
    """`target` if it is a path on this site, else "/": `next` must not lead elsewhere."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(ord(ch) < 0x20 or ch == "\\" for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path.startswith(("/login", "/logout")):
        return "/"
    return target


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def _form(
    request: Request, next_url: str, username: str = "", error: str = "", status: int = 200
) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        "signin.html",
        {"next": next_url, "username": username, "error": error, "login_csrf": token},
        status=status,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        path="/login",
        httponly=True,
        samesite="strict",
        secure=_is_https(request),
    )
    return response


@router.get("/login", dependencies=[Depends(deps.public)])
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/") -> Response:
    return _form(request, local_path(next))


@router.post("/login", dependencies=[Depends(deps.public)])
def login(request: Request, values: Form) -> Response:
    ctx = deps.context(request)
    source = deps.client_address(request)
    next_url = local_path(values.get("next", "/"))
    username = values.get("username", "")[:100]
    sent = values.get(CSRF_FIELD, "")
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        message = "The sign-in form has expired or did not come from this site; try again."
        return _form(request, next_url, username, message, status=403)
    if not ctx.throttle.allowed(source):
        return _form(request, next_url, username, THROTTLED, status=429)
    try:
        cookie, _, _ = auth.sign_in(
            ctx.uow(), ctx.hasher, username, values.get("password", ""), source,
            ctx.session_policy,
        )  # fmt: skip
    except NotAuthenticated:
        ctx.throttle.failed(source)
        return _form(request, next_url, username, REFUSED, status=401)
    response = see_other(next_url)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(ctx.session_policy.absolute.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=_is_https(request),
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, actor: SignedIn) -> Response:
    """End the browser session (a token caller has none; the cookie is cleared anyway)."""
    cookie: str | None = getattr(request.state, "session_cookie", None)
    if cookie:
        auth.sign_out(deps.context(request).uow(), actor, cookie)
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def _same_site_referer(request: Request) -> str:
    parts = urlsplit(request.headers.get("referer", ""))
    if parts.netloc != request.url.netloc or not parts.path:
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _to_sign_in(request: Request, exc: NotAuthenticated) -> Response:
    """A browser without a session goes to the sign-in page and comes back after."""
    if errors.wants_json(request):
        return errors.render(request, exc)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method not in ("GET", "HEAD"):
        # A form posted after the session ended: come back to the page it was on.
        here = _same_site_referer(request)
    target = "/login?next=" + quote(local_path(here), safe="/")
    if request.headers.get("hx-request") == "true":
        # htmx swaps fragments: ask it to load the sign-in page as a whole page.
        return Response(status_code=401, headers={"HX-Redirect": target})
    response = RedirectResponse(target, status_code=303)
    if request.cookies.get(SESSION_COOKIE):  # an expired or ended session
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def install_redirect(app: FastAPI) -> None:
    async def handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NotAuthenticated)
        return _to_sign_in(request, exc)

    app.add_exception_handler(NotAuthenticated, handler)
