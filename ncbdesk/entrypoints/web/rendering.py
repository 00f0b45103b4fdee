"""What every page module shares: the template environment, paging, redirects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import jinja2
from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.countries import country_name
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormValues, error_id, field_id, values_from_pairs
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import Page

HERE = Path(__file__).parent

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
# Each page module declares the permission every route needs with deps.requires,
# as the API does; the services check again, and the data-owner rule is theirs.
SignedIn = Annotated[Actor, Depends(deps.signed_in)]
LoadedIndex = Annotated[ScreeningIndex | None, Depends(deps.loaded_index)]

# Fixed messages a redirect may ask the next page to show; user text is never echoed.
FLASH = {
    "created": "Saved.",
    "updated": "Changes saved.",
    "deleted": "Deleted.",
    "submitted": "Submitted for compliance review.",
    "published": "Published.",
    "refused": "Refused; the reasons are recorded.",
    "cancelled": "Cancelled.",
    "renewed": "Renewed for another five years.",
}


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    permission: Permission | None = None  # shown only to a caller holding it

    def shown_to(self, actor: Actor | None) -> bool:
        return self.permission is None or (actor is not None and actor.can(self.permission))

    def matches(self, path: str) -> bool:
        if self.href == "/":
            return path == "/"
        return path == self.href or path.startswith(self.href + "/")


def current_item(nav: tuple[NavItem, ...], path: str) -> NavItem | None:
    """The most specific entry for `path`: /notices/review is the queue, not Notices."""
    found = [item for item in nav if item.matches(path)]
    return max(found, key=lambda item: len(item.href), default=None)


def make_templates(nav: tuple[NavItem, ...], timezone: str) -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    tz = ZoneInfo(timezone)

    def local_time(value: datetime | None) -> str:
        if value is None:
            return ""
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")

    def iso_date(value: date | None) -> str:
        return value.isoformat() if value else ""

    def choices(members: Iterable[StrEnum]) -> list[tuple[str, str]]:
        return [(m.value, str(getattr(m, "label", m.value.replace("_", " ")))) for m in members]

    def country(code: str | None) -> str:
        return f"{country_name(code)} ({code})" if code else ""

    env.filters |= {
        "local_time": local_time,
        "iso_date": iso_date,
        "country": country,
        "choices": choices,
        "fid": field_id,
        "eid": error_id,
    }
    env.globals |= {
        "nav": nav,
        "timezone": timezone,
        "P": Permission,
        "current_nav": lambda path: current_item(nav, path),
    }
    return Jinja2Templates(env=env)


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any] | None = None,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    actor: Actor | None = None,
) -> Response:
    """Render a page; `may` tells it which actions to offer (the services still decide)."""
    templates: Jinja2Templates = request.app.state.templates
    ctx = {
        "flash": FLASH.get(request.query_params.get("done", ""), ""),
        "may": actor.permissions if actor else frozenset(),
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, ctx, status_code=status, headers=headers)


def see_other(url: str) -> RedirectResponse:
    """POST-redirect-GET: the browser follows with a GET, so reload never resubmits."""
    return RedirectResponse(url, status_code=303)


async def form_values(request: Request) -> FormValues:
    """The submitted form's text fields (a dependency, so the routes can stay sync)."""
    form = await request.form()
    return values_from_pairs(form.multi_items())


def url(path: str, params: Mapping[str, object]) -> str:
    """`path?query` with empty parameters left out, so URLs stay short and shareable."""
    query = urlencode({k: v for k, v in params.items() if v not in ("", None, 0)})
    return f"{path}?{query}" if query else path


@dataclass(frozen=True)
class Pager:
    total: int
    first: int  # 1-based number of the first row shown; 0 when none
    last: int
    prev_url: str
    next_url: str


def pager(path: str, params: Mapping[str, object], page: Page[Any]) -> Pager:
    shown = len(page.items)
    prev_url = next_url = ""
    if page.offset > 0:
        prev_url = url(path, {**params, "offset": max(0, page.offset - page.limit)})
    if page.offset + shown < page.total:
        next_url = url(path, {**params, "offset": page.offset + page.limit})
    first = page.offset + 1 if shown else 0
    return Pager(page.total, first, page.offset + shown, prev_url, next_url)
