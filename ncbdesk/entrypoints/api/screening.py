"""/api/v1/match (yente-compatible) and /api/v1/search.

`POST /match` takes and answers the shapes of OpenSanctions' yente `/match`
endpoint, so clients written for that screening API work here unchanged.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.ftm import person_from_ftm, person_to_ftm
from ncbdesk.domain.errors import FieldError, NcbError, ValidationFailed
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.persons import ERRORS
from ncbdesk.matching import DEFAULT_THRESHOLD, ScreeningIndex
from ncbdesk.services import hits as hits_svc
from ncbdesk.services import screening as svc
from ncbdesk.services.context import Actor

router = APIRouter(tags=["screening"])

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Caller = Annotated[Actor, Depends(deps.requires(Permission.SCREEN))]
Purpose = Annotated[
    str, Query(max_length=300, description="Why you screen: recorded in the audit trail.")
]
Index = Annotated[ScreeningIndex, Depends(deps.index)]

MAX_QUERIES = 100


class EntityQuery(BaseModel):
    """A FollowTheMoney entity to screen (yente's EntityExample)."""

    id: str | None = Field(None, max_length=200)
    schema_: str = Field("Person", alias="schema")
    properties: dict[str, Any] = Field(default_factory=dict)


class MatchRequest(BaseModel):
    queries: dict[str, EntityQuery] = Field(max_length=MAX_QUERIES)


class NoticeRef(BaseModel):
    id: str
    type: str
    status: str
    reference: str
    title: str


class FeatureExplanation(BaseModel):
    score: float
    detail: str


class ScoredEntity(BaseModel):
    """yente's ScoredEntityResponse, plus ncbdesk's readable reasons and notices."""

    id: str
    caption: str
    schema_: str = Field("Person", serialization_alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str] = Field(default_factory=list)
    target: bool
    score: float
    match: bool
    features: dict[str, float]
    explanations: dict[str, FeatureExplanation]
    reasons: list[str]
    notices: list[NoticeRef]


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntity]
    total: dict[str, Any]
    query: dict[str, Any]
    hits: list[str] = Field(
        default_factory=list,
        description="Ids of the pending hits raised for this query's alerts on persons with a "
        "published wanted or missing notice (see /api/v1/hits); an officer confirms or "
        "discards them.",
    )


class MatcherInfo(BaseModel):
    name: str
    threshold: float


class MatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: MatcherInfo
    limit: int


class SearchResponse(BaseModel):
    results: list[ScoredEntity]
    total: dict[str, Any]


def _scored(hit: svc.ScreeningHit) -> ScoredEntity:
    m = hit.match
    person = hit.person
    return ScoredEntity(
        id=m.id,
        caption=person.display_name if person else m.id,
        properties=person_to_ftm(person)["properties"] if person else {},
        datasets=[f"ncbdesk-{person.owner_bureau.lower()}"] if person else [],
        target=bool(hit.active_notices),
        score=round(m.score, 4),
        match=m.alert,
        features={k: round(v, 4) for k, v in m.features.items()},
        explanations={
            k: FeatureExplanation(score=round(v, 4), detail=_detail(k, m.reasons))
            for k, v in m.features.items()
        },
        reasons=list(m.reasons),
        notices=[
            NoticeRef(
                id=n.id,
                type=n.type.value,
                status=n.status.value,
                reference=n.reference,
                title=n.title,
            )
            for n in hit.notices
        ],
    )


def _detail(feature: str, reasons: tuple[str, ...]) -> str:
    head = feature.split("_")[0]
    return next((r for r in reasons if head in r.lower()), "")


@router.post("/match", response_model=MatchResponse, response_model_by_alias=True, responses=ERRORS)
def match(
    body: MatchRequest,
    uow: Uow,
    actor: Caller,
    index: Index,
    ctx: Annotated[deps.AppContext, Depends(deps.context)],
    limit: Annotated[int, Query(ge=1, le=svc.MAX_TOP_K)] = 5,
    threshold: Annotated[float, Query(ge=0.0, le=1.0)] = DEFAULT_THRESHOLD,
    purpose: Purpose = "",
) -> MatchResponse:
    """Screen each query entity; all queries are validated before any is screened."""
    persons = {}
    problems: list[FieldError] = []
    for key, q in body.queries.items():
        if q.schema_ not in ("Person", "LegalEntity", "Thing"):
            problems.append(FieldError(f"queries.{key}.schema", "only Person can be screened"))
            continue
        entity = {"id": q.id or key, "schema": "Person", "properties": q.properties}
        try:
            persons[key] = person_from_ftm(entity, ctx.settings.bureau)
        except NcbError as exc:
            problems.extend(FieldError(f"queries.{key}.{e.field}", e.message) for e in exc.errors)
    if problems:
        raise ValidationFailed("Some queries are not valid; none was screened.", problems)
    responses = {}
    for key, person in persons.items():
        hits = svc.screen_person(
            uow, index, actor, person, top_k=limit, threshold=threshold, purpose=purpose
        )
        query = {
            "id": body.queries[key].id or key,
            "schema": "Person",
            "properties": body.queries[key].properties,
        }
        raised = hits_svc.raise_alert_hits(uow, actor, query, [h.match for h in hits], "api")
        responses[key] = EntityMatches(
            results=[_scored(h) for h in hits],
            total={"value": len(hits), "relation": "eq"},
            query=query | {"id": body.queries[key].id},
            hits=[h.id for h in raised],
        )
    return MatchResponse(
        responses=responses,
        matcher=MatcherInfo(name="ncbdesk", threshold=threshold),
        limit=limit,
    )


@router.get("/search", response_model=SearchResponse, response_model_by_alias=True)
def search(
    uow: Uow,
    actor: Caller,
    index: Index,
    q: Annotated[str, Query(min_length=1, max_length=300, description="A name, any script.")],
    limit: Annotated[int, Query(ge=1, le=svc.MAX_TOP_K)] = 10,
    purpose: Purpose = "",
) -> SearchResponse:
    hits = svc.search_name(uow, index, actor, q, top_k=limit, purpose=purpose)
    return SearchResponse(
        results=[_scored(h) for h in hits], total={"value": len(hits), "relation": "eq"}
    )
