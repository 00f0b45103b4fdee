"""Server-rendered pages (Jinja2 + htmx). Installed by create_app().

The navigation is `NAV`, in one place: a page module adds its router to
`ROUTERS` and its entry to `NAV`.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from ncbdesk.domain.notices import NoticeStatus, NoticeType
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints.web import (
    audit,
    extradition,
    hits,
    notice_lifecycle,
    notices,
    persons,
    requests,
    requests_detail,
    requests_form,
    requests_rules,
    review,
    rights,
    screening,
    screening_batch,
    signin,
    statistics,
)
from ncbdesk.entrypoints.web.rendering import HERE, NavItem, SignedIn, Uow, make_templates, render
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as person_svc

NAV: tuple[NavItem, ...] = (
    NavItem("Home", "/"),
    NavItem("Persons", "/persons", Permission.PERSON_READ),
    NavItem("Notices", "/notices", Permission.NOTICE_READ),
    NavItem("Review queue", "/notices/review", Permission.NOTICE_REVIEW),
    NavItem("Renewals due", "/notices/due", Permission.NOTICE_WRITE),
    NavItem("Screening", "/screening", Permission.SCREEN),
    NavItem("Hits", "/hits", Permission.NOTICE_READ),
    NavItem("Extradition", "/extradition", Permission.EXTRADITION_READ),
    NavItem("Requests", "/requests", Permission.REQUEST_READ),
    NavItem("My queue", "/requests/mine", Permission.REQUEST_READ),
    NavItem("Requests due", "/requests/due", Permission.REQUEST_READ),
    NavItem("Routing rules", "/requests/rules", Permission.RULES_MANAGE),
    NavItem("Review due", "/review-due", Permission.RETENTION_MANAGE),
    NavItem("Data-subject requests", "/rights", Permission.RETENTION_MANAGE),
    NavItem("Statistics", "/statistics", Permission.STATS_READ),
    NavItem("Audit", "/audit", Permission.AUDIT_READ),
)

home_router = APIRouter(include_in_schema=False)
ROUTERS: tuple[APIRouter, ...] = (
    signin.router,
    home_router,
    persons.router,
    notice_lifecycle.router,  # before notices: /notices/review is not a notice id
    notices.router,
    requests_rules.router,  # before requests_detail: /requests/rules is not a request id
    requests.router,
    requests_form.router,
    requests_detail.router,
    screening_batch.router,
    screening.router,
    hits.router,
    extradition.router,
    review.router,
    rights.router,
    statistics.router,
    audit.router,
)


@home_router.get("/")
def home(request: Request, uow: Uow, actor: SignedIn) -> Response:
    """Counts of what the caller may read; a role allowed neither sees the search only.

    Counts reveal no personal data, so the home page writes no audit entry.
    """
    persons_total = None
    if actor.can(Permission.PERSON_READ):
        persons_total = person_svc.count_persons(uow, actor)
    by_status: list[tuple[NoticeStatus, int]] = []
    by_type: list[tuple[NoticeType, int]] = []
    notices_total = None
    if actor.can(Permission.NOTICE_READ):
        counts = notice_svc.count_notices(uow, actor)
        notices_total = counts.total
        by_status = list(counts.by_status.items())
        by_type = list(counts.by_type.items())
    return render(
        request,
        "home.html",
        {
            "persons_total": persons_total,
            "notices_total": notices_total,
            "by_status": by_status,
            "by_type": by_type,
        },
        actor=actor,
    )


def install(app: FastAPI) -> None:
    settings = app.state.ctx.settings
    app.state.templates = make_templates(NAV, settings.timezone)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    signin.install_redirect(app)
