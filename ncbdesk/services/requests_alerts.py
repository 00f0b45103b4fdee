"""An incoming request about a wanted or missing person raises hits.

Registering an incoming request screens the persons it is about (requests_core
`screen`). An alert on a person who is the subject of a published wanted or
missing notice is more than a possible hit shown on the request: it becomes a
pending hit in the hit queue (`hits.raise_alert_hits`, source "request"), where
an officer confirms or discards it and the notice's owner is told.
"""

from __future__ import annotations

from collections.abc import Sequence

from ncbdesk.domain.hits import PossibleHit
from ncbdesk.domain.notices import WANTED_OR_MISSING
from ncbdesk.domain.persons import person_to_ftm
from ncbdesk.domain.requests import Request
from ncbdesk.domain.security import Permission
from ncbdesk.services import hits as hit_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, UnitOfWork
from ncbdesk.services.requests_core import Screened

SOURCE = "request"


def where_from(request: Request) -> str:
    """The hit's "where": the request that asked, as the desk names it."""
    ref = request.reference or request.id
    return f"Incoming request {ref} from {request.counterpart}"


def raise_request_hits(
    uow: UnitOfWork, actor: Actor, request: Request, screened: Sequence[Screened]
) -> list[PossibleHit]:
    """Raise pending hits from the alerts of a registered request's persons.

    Call after the request is committed. An actor who may register requests but
    not screen (no such role today) leaves the possible hits on the request only.
    """
    if not screened or not actor.can(Permission.SCREEN):
        return []
    raised: list[PossibleHit] = []
    for s in screened:
        with uow:
            person = uow.persons.get(s.person_id)
        if person is None:
            continue
        raised += hit_svc.raise_alert_hits(
            uow,
            actor,
            person_to_ftm(person),
            s.alerts,
            SOURCE,
            where_from(request),
            person_id=person.id,
        )
    return raised


def hits_for_request(uow: UnitOfWork, request: Request) -> list[PossibleHit]:
    """The hits in the queue raised about this request's persons (call inside `with uow`).

    Found from the possible hits the request keeps: the notices of each person
    matched, and on them the hits raised from a request about the person asked for.
    """
    asked = set(request.person_ids)
    found: dict[str, PossibleHit] = {}
    for matched in {h.person_id for h in request.hits}:
        notices = uow.notices.list(NoticeFilter(subject_id=matched), 0, 100).items
        for notice in notices:
            if notice.type not in WANTED_OR_MISSING:
                continue
            for h in uow.hits.for_notice(notice.id):
                if h.source == SOURCE and h.person_id in asked and h.subject_id == matched:
                    found[h.id] = h
    return sorted(found.values(), key=lambda h: (-h.score, h.id))
