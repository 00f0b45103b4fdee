"""Request statistics from kept totals, and the newest-first search, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select
from wanted import aliev_red_notice

from ncbdesk.adapters.db import requests_repo, requests_totals
from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.adapters.db.migrate import upgrade
from ncbdesk.adapters.db.requests_repo import request_row
from ncbdesk.adapters.db.tables import (
    request_handling_times,
    request_messages,
    request_totals,
    requests,
)
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.errors import PermissionDenied
from ncbdesk.domain.request_totals import BUCKETS, bucket_of
from ncbdesk.domain.requests import (
    Channel,
    Direction,
    Message,
    Request,
    RequestStatus,
    RequestType,
)
from ncbdesk.domain.security import Role
from ncbdesk.services import auth
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_stats as stats
from ncbdesk.services.context import Actor
from ncbdesk.services.requests_ports import RequestFilter, RequestPage

SYSTEM = Actor.system("RU")
DUTY = Actor("duty", "RU", frozenset({Role.DUTY_OFFICER}))
BOSS = Actor("boss", "RU", frozenset({Role.SUPERVISOR}))
ANALYST = Actor("analyst", "RU", frozenset({Role.ANALYST}))
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)


def incoming(**kw: Any) -> Request:
    base: dict[str, Any] = dict(
        direction=Direction.INCOMING,
        channel=Channel.I247,
        type=RequestType.IDENTITY_CHECK,
        subject="Установление личности: Нурбагандов Магомед",
        body="Просим проверить по учётам.",
        counterpart_country="KZ",
        received_at=T0,
    )
    base.update(kw)
    return Request(**base)


@pytest.fixture
def officers(engine: Engine) -> None:
    auth.create_user(
        SqlUnitOfWork(engine),
        SYSTEM,
        HASHER,
        "duty",
        "correct horse battery",
        {Role.DUTY_OFFICER},
        "RU",
    )


def snapshot(engine: Engine) -> tuple[list[Any], list[Any]]:
    with engine.connect() as conn:
        t = [tuple(r) for r in conn.execute(select(request_totals)) if any(r[5:])]
        h = [tuple(r) for r in conn.execute(select(request_handling_times)) if r[3]]
    return sorted(t), sorted(h)


def recounted(engine: Engine) -> tuple[list[Any], list[Any]]:
    """The totals a full recount gives (rolled back: nothing changes)."""
    with engine.connect() as conn:
        tx = conn.begin()
        requests_totals.rebuild(conn)
        t = [tuple(r) for r in conn.execute(select(request_totals))]
        h = [tuple(r) for r in conn.execute(select(request_handling_times))]
        tx.rollback()
    return sorted(t), sorted(h)


def step(uow: SqlUnitOfWork, rid: str, status: RequestStatus, at: datetime) -> None:
    if status == RequestStatus.ASSIGNED:
        svc.assign_request(uow, BOSS, rid, "duty", now=at)
    else:
        svc.change_status(uow, DUTY, rid, status, now=at)


def test_totals_follow_every_write_and_equal_a_recount(
    uow: SqlUnitOfWork, engine: Engine, officers: None
) -> None:
    a = svc.register_request(uow, DUTY, incoming())
    svc.import_requests(
        uow,
        DUTY,
        [
            incoming(received_at=T0 - timedelta(days=400)),
            incoming(counterpart_country=None, counterpart_agency="МВД России"),
        ],
    )
    assert snapshot(engine) == recounted(engine)
    before = stats.statistics(uow, ANALYST, 2026)
    assert before.annual is not None and before.annual.requests_received == 2
    assert before.annual.answered == 0 and before.median_handling_hours is None

    S = RequestStatus
    for status, hours in (
        (S.ASSIGNED, 1),
        (S.IN_PROGRESS, 2),
        (S.ANSWERED, 6.5),  # within the 24-hour deadline
        (S.CLOSED, 8),
        (S.REOPENED, 50),
        (S.IN_PROGRESS, 51),
        (S.ANSWERED, 60),  # the first answer still counts
        (S.CLOSED, 61),
    ):
        step(uow, a.id, status, T0 + timedelta(hours=hours))
        assert snapshot(engine) == recounted(engine), status
    s = stats.statistics(uow, ANALYST, 2026)
    assert s.annual is not None and s.annual.answered == 1 and s.annual.answered_in_time == 1
    assert (s.median_handling_hours, s.median_handling_upper_hours) == (6.0, 7.0)
    assert s.share_answered_in_time == 1.0
    march = s.months[2]
    assert (march.received, march.answered, march.in_time) == (2, 1, 1)
    # A message or an attachment changes no figure.
    svc.add_message(uow, DUTY, a.id, Message(Direction.INCOMING, "NCB Astana", "Спасибо"))
    assert snapshot(engine) == recounted(engine)


def test_months_are_counted_in_the_zone_asked(uow: SqlUnitOfWork) -> None:
    for at in (
        datetime(2026, 3, 31, 22, 30, tzinfo=UTC),  # 1 April 01:30 in Moscow
        datetime(2026, 4, 1, 2, 0, tzinfo=UTC),  # 31 March 22:00 in New York
        datetime(2026, 3, 31, 18, 10, tzinfo=UTC),  # 31 March 23:55 in Kathmandu (+5:45)
        datetime(2026, 3, 31, 18, 20, tzinfo=UTC),  # 1 April 00:05 in Kathmandu
        datetime(2025, 12, 31, 23, 0, tzinfo=UTC),  # 2026 in Moscow, 2025 in UTC
        datetime(2026, 3, 15, 12, 0, tzinfo=UTC),  # mid-month: March everywhere
    ):
        svc.register_request(uow, DUTY, incoming(received_at=at))

    def months(zone: str, year: int = 2026) -> dict[int, int]:
        s = stats.statistics(uow, ANALYST, year, zone)
        return {f.month: f.received for f in s.months if f.received}

    assert months("UTC") == {3: 4, 4: 1}
    assert months("UTC", 2025) == {12: 1}
    assert months("Europe/Moscow") == {1: 1, 3: 3, 4: 2}
    assert months("America/New_York") == {3: 5}
    assert months("Asia/Kathmandu") == {1: 1, 3: 2, 4: 3}
    with pytest.raises(PermissionDenied):
        stats.statistics(uow, DUTY, 2026)  # statistics are for analysts and supervisors


def test_the_median_is_read_to_its_bucket() -> None:
    assert BUCKETS[:3] == (0, 10, 20) and bucket_of(0) == 0 and bucket_of(9 * 60 + 59) == 0
    assert bucket_of(6 * 3600 + 1800) == 360 and bucket_of(3 * 86400) == 3 * 1440
    assert stats.median_bucket({60: 1, 360: 2, 1440 * 400: 1}) == (6.0, 7.0)
    assert stats.median_bucket({BUCKETS[-1]: 3}) == (BUCKETS[-1] / 60, None)
    assert stats.median_bucket({}) is None


def found(uow: SqlUnitOfWork, q: str, **kw: Any) -> list[str]:
    page = svc.list_requests(uow, DUTY, RequestFilter(text=q, **kw))
    return [r.id for r in page.items]


def test_search_is_script_and_accent_blind(uow: SqlUnitOfWork) -> None:
    cyr = svc.register_request(uow, DUTY, incoming(subject="Розыск: Цой Виктор"))
    lat = svc.register_request(
        uow,
        DUTY,
        incoming(
            subject="Wanted: Tsoy Viktor, passport",
            body="Délit d'État",
            received_at=T0 + timedelta(hours=1),
        ),
    )
    assert found(uow, "tsoy") == [lat.id, cyr.id]
    assert found(uow, "ЦОЙ") == [lat.id, cyr.id]
    assert found(uow, "delit") == found(uow, "DÉLIT") == found(uow, "делит") == [lat.id]
    assert found(uow, "виктор etat") == [lat.id]
    assert found(uow, "tsoy", direction=Direction.OUTGOING) == []
    assert found(uow, "zzzz") == []


def test_a_common_word_lists_the_newest_and_says_there_are_more(
    uow: SqlUnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Registered newest first: the search must order by receipt, not by entry.
    made = [
        svc.register_request(uow, DUTY, incoming(received_at=T0 - timedelta(hours=i)))
        for i in range(6)
    ]
    old = svc.register_request(uow, DUTY, incoming(received_at=T0 - timedelta(days=900)))
    page = svc.list_requests(uow, DUTY, RequestFilter(text="проверить"))
    assert isinstance(page, RequestPage) and page.total == 7 and not page.more
    monkeypatch.setattr(requests_repo, "MAX_TEXT_MATCHES", 4)
    page = svc.list_requests(uow, DUTY, RequestFilter(text="проверить"), 0, 2)
    assert isinstance(page, RequestPage) and page.more and page.total == 4
    assert [r.id for r in page.items] == [r.id for r in made[:2]]
    rest = svc.list_requests(uow, DUTY, RequestFilter(text="проверить"), 2, 10)
    assert [r.id for r in rest.items] == [r.id for r in made[2:4]]
    assert old.id not in {r.id for r in rest.items}
    filtered = svc.list_requests(
        uow, DUTY, RequestFilter(text="проверить", received_to=T0 - timedelta(days=1))
    )
    assert [r.id for r in filtered.items] == [old.id]


def test_migration_0007_fills_totals_and_search_from_existing_rows(fresh_url: str) -> None:
    engine = make_engine(fresh_url)
    try:
        upgrade(engine, "0006")
        answered = incoming(subject="Проверка паспорта Müller")
        answered.answered_at = T0 + timedelta(hours=3)
        answered.due_at = T0 + timedelta(hours=24)
        rows = [request_row(answered), request_row(incoming(received_at=T0 - timedelta(days=40)))]
        for row in rows:  # columns of migration 0009 (forwarding), not yet there
            for later in ("data_owner", "forwarded_from", "forward_permission"):
                del row[later]
        with engine.begin() as conn:  # written as 0006's code wrote them
            conn.execute(insert(requests), rows)
            conn.execute(
                insert(request_messages),
                [
                    {
                        "id": "m1",
                        "request_id": rows[1]["id"],
                        "direction": "incoming",
                        "author": "NCB Astana",
                        "sent_at": T0,
                        "subject": "",
                        "body": "Ответ: Цой",
                    }
                ],
            )
        upgrade(engine)
        assert snapshot(engine) == recounted(engine) != ([], [])
        uow = SqlUnitOfWork(engine)
        s = stats.statistics(uow, ANALYST, 2026)
        assert s.annual is not None and s.annual.requests_received == 2
        assert s.annual.answered == 1 and s.median_handling_hours == 3.0
        assert found(uow, "muller passport") == [rows[0]["id"]]
        assert found(uow, "tsoy") == [rows[1]["id"]]  # in a message
        assert found(uow, "проверить") == [rows[0]["id"], rows[1]["id"]]
    finally:
        engine.dispose()


def test_annual_figures_count_wanted_persons_found_and_extraditions(uow: SqlUnitOfWork) -> None:
    from ncbdesk.domain.dates import PartialDate
    from ncbdesk.domain.extradition import CaseOutcome, ExtraditionCase, Stage
    from ncbdesk.domain.extradition import Direction as CaseDirection
    from ncbdesk.domain.hits import ConfirmMethod
    from ncbdesk.domain.persons import Person, PersonName, utcnow
    from ncbdesk.services import extradition, hits

    officer = Actor("officer", "RU", frozenset({Role.CASE_OFFICER}))
    subject = Person("DE", [PersonName("Руслан Алиев", given="Руслан", family="Алиев")])
    subject.birth_dates = [PartialDate(1979, 3, 4)]
    notice = aliev_red_notice(subject.id)
    with uow:
        uow.persons.add(subject)
        uow.notices.add(notice)
        uow.commit()
    traveller = Person("RU", [PersonName("ALIEV RUSLAN")], birth_dates=[PartialDate(1979, 3, 4)])
    entity = {"id": "b-1", "schema": "Person", "properties": {"name": ["ALIEV RUSLAN"]}}
    view = hits.raise_hit(uow, DUTY, notice.id, subject.id, traveller, entity, "Pulkovo", "border")
    hits.confirm_hit(uow, DUTY, view.hit.id, [ConfirmMethod.DOCUMENT], "checked")

    def case(direction: CaseDirection, outcome: CaseOutcome) -> None:
        states = {"requested_state": "TR"} if direction == CaseDirection.OUTBOUND else {}
        c = ExtraditionCase(
            direction=direction,
            person_name="Ruslan ALIEV",
            requesting_state="" if states else "DE",
            requested_state="",
            legal_basis="ece",
            warrant_reference="W-1",
        )
        for k, v in states.items():
            setattr(c, k, v)
        arrest = [extradition.StageInput(Stage.PROVISIONAL_ARREST, date(2024, 1, 10), "", ())]
        made = extradition.create_case(uow, officer, c, arrest)
        extradition.record_outcome(uow, officer, made.id, outcome, date(2024, 3, 1), "done")

    case(CaseDirection.INBOUND, CaseOutcome.SURRENDERED)  # we surrendered someone: out
    case(CaseDirection.INBOUND, CaseOutcome.REFUSED)
    case(CaseDirection.OUTBOUND, CaseOutcome.SURRENDERED)  # someone was surrendered to us: in
    case(CaseDirection.OUTBOUND, CaseOutcome.SURRENDERED)

    now = stats.statistics(uow, ANALYST, utcnow().year)
    assert now.annual is not None and now.annual.wanted_persons_found == 1
    assert [(k.key, k.count) for k in now.hits_by_status] == [("confirmed", 1)]
    y2024 = stats.statistics(uow, BOSS, 2024)
    assert y2024.annual is not None
    assert (y2024.annual.extraditions_in, y2024.annual.extraditions_out) == (2, 1)
    assert y2024.annual.wanted_persons_found == 0
    table = stats.table(y2024, "extraditions")
    assert [r[:4] for r in table.rows] == [("out", 2, 2, 1), ("in", 2, 2, 2)]
