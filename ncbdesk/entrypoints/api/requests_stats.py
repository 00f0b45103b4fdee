"""/api/v1/statistics: the bureau's figures for a year, as JSON and as CSV."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.errors import Problems
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.persons import ERRORS
from ncbdesk.services import requests_stats as stats_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.requests_ports import KeyCount, MonthCount

router = APIRouter(tags=["statistics"])

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Analyst = Annotated[Actor, Depends(deps.requires(Permission.STATS_READ))]
Year = Annotated[int, Query(ge=1900, le=2200, description="Calendar year.")]
Zone = Annotated[
    str, Query(max_length=64, description="Time zone of the months (IANA name); UTC if left out.")
]


class MonthCountOut(BaseModel):
    month: int
    key: str
    count: int


class KeyCountOut(BaseModel):
    key: str
    count: int


class AnnualOut(BaseModel):
    year: int
    requests_received: int
    incoming: int
    outgoing: int
    answered: int
    answered_in_time: int
    wanted_persons_found: int
    extraditions_in: int | None
    extraditions_out: int | None


class StatisticsOut(BaseModel):
    year: int
    by_month_type: list[MonthCountOut]
    by_month_direction: list[MonthCountOut]
    by_month_country: list[MonthCountOut]
    by_type: list[KeyCountOut]
    by_country: list[KeyCountOut]
    zone: str
    median_handling_hours: float | None = Field(
        description="Start of the histogram bucket holding the median (hours)."
    )
    median_handling_upper_hours: float | None = Field(
        description="End of that bucket; null for the last, open one (a year or more)."
    )
    share_answered_in_time: float | None
    notices_by_type: list[KeyCountOut]
    notices_by_status: list[KeyCountOut]
    hits_by_status: list[KeyCountOut]
    possible_hits: int
    annual: AnnualOut | None

    @classmethod
    def from_domain(cls, s: stats_svc.Statistics) -> StatisticsOut:
        def months(rows: list[MonthCount]) -> list[MonthCountOut]:
            return [MonthCountOut(month=m.month, key=m.key, count=m.count) for m in rows]

        def keys(rows: list[KeyCount]) -> list[KeyCountOut]:
            return [KeyCountOut(key=k.key, count=k.count) for k in rows]

        return cls(
            year=s.year,
            by_month_type=months(s.by_month_type),
            by_month_direction=months(s.by_month_direction),
            by_month_country=months(s.by_month_country),
            by_type=keys(s.by_type),
            by_country=keys(s.by_country),
            zone=s.zone,
            median_handling_hours=s.median_handling_hours,
            median_handling_upper_hours=s.median_handling_upper_hours,
            share_answered_in_time=s.share_answered_in_time,
            notices_by_type=keys(s.notices_by_type),
            notices_by_status=keys(s.notices_by_status),
            hits_by_status=keys(s.hits_by_status),
            possible_hits=s.possible_hits,
            annual=AnnualOut(**vars(s.annual)) if s.annual else None,
        )


def _zone(zone: str) -> str:
    zone = zone.strip() or "UTC"
    if zone != "UTC" and zone not in available_timezones():
        p = Problems()
        p.add("zone", f"'{zone[:40]}' is not a time zone (e.g. Europe/Moscow)")
        p.raise_if_any("The query is not valid.")
    return zone


@router.get("/statistics", response_model=StatisticsOut, responses=ERRORS)
def statistics(uow: Uow, actor: Analyst, year: Year, zone: Zone = "") -> StatisticsOut:
    return StatisticsOut.from_domain(stats_svc.statistics(uow, actor, year, _zone(zone)))


@router.get(
    "/statistics.csv",
    response_class=Response,
    responses=ERRORS | {200: {"content": {"text/csv": {}}}},
)
def statistics_csv(uow: Uow, actor: Analyst, year: Year, zone: Zone = "") -> Response:
    body = stats_svc.to_csv(stats_svc.statistics(uow, actor, year, _zone(zone)))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="ncbdesk-statistics-{year}.csv"'},
    )
