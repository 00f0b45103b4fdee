"""Every route declares what it needs: a permission, signed-in, or public."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

# Routes FastAPI or Starlette add themselves, with no handler of ours.
FRAMEWORK = {"/openapi.json"}


def declarations(dep: Dependant) -> set[str]:
    found: set[str] = set()
    call = dep.call
    if call is not None:
        if getattr(call, "__ncb_public__", False):
            found.add("public")
        permission = getattr(call, "__ncb_permission__", None)
        if permission is not None:
            found.add(str(permission))
    for sub in dep.dependencies:
        found |= declarations(sub)
    return found


def api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (FastAPI keeps them nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        nested = getattr(getattr(route, "original_router", None), "routes", None)
        if nested is not None:
            yield from api_routes(nested)


def test_every_route_declares_its_permission(app: FastAPI) -> None:
    undeclared = []
    checked = 0
    for route in api_routes(app.routes):
        if route.path in FRAMEWORK:
            continue
        checked += 1
        if not declarations(route.dependant):
            undeclared.append(f"{sorted(route.methods)} {route.path}")
    assert checked > 20
    assert undeclared == []


def test_public_routes_are_few_and_known(app: FastAPI) -> None:
    public = sorted(
        route.path for route in api_routes(app.routes) if "public" in declarations(route.dependant)
    )
    assert set(public) <= {"/healthz", "/login", "/logout", "/docs", "/memorial"}
