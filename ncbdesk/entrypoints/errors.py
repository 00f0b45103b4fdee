"""One error handler for the whole app: JSON for the API, an HTML page for people.

The status comes from the exception's class (ncbdesk.domain.errors), so a new
error type needs no change here.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ncbdesk.domain.errors import FieldError, NcbError, ValidationFailed

log = logging.getLogger("ncbdesk")

_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path in ("/healthz", "/openapi.json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _field_path(loc: tuple[Any, ...]) -> str:
    """("body", "names", 0, "full") → "names[0].full"."""
    parts = [p for p in loc if p not in ("body", "query", "path")]
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out or "body"


def validation_from_pydantic(errors: list[dict[str, Any]]) -> ValidationFailed:
    details = []
    for e in errors:
        msg = str(e.get("msg", "invalid"))
        loc = tuple(e.get("loc", ()))
        if e.get("type") == "json_invalid":
            ctx = e.get("ctx") or {}
            at = f" at character {loc[1]}" if len(loc) > 1 else ""
            details.append(FieldError("body", f"malformed JSON{at}: {ctx.get('error', msg)}"))
            continue
        details.append(FieldError(_field_path(loc), msg))
    return ValidationFailed("The request is not valid.", details)


def render(request: Request, exc: NcbError) -> Response:
    if wants_json(request):
        return JSONResponse(exc.as_dict(), status_code=exc.status)
    templates = getattr(request.app.state, "templates", None)
    if templates is None:
        return HTMLResponse(f"<h1>{exc.status}</h1><p>{exc.message}</p>", status_code=exc.status)
    return templates.TemplateResponse(
        request, "error.html", {"error": exc, "status": exc.status}, status_code=exc.status
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(NcbError)
    async def _ncb(request: Request, exc: NcbError) -> Response:
        return render(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return render(request, validation_from_pydantic(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        err = NcbError(str(exc.detail))
        err.status = exc.status_code
        err.code = _HTTP_CODES.get(exc.status_code, "http_error")
        return render(request, err)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return render(request, NcbError("Internal error; it has been logged."))
