"""Routing rules: conditions, priority order, first match wins."""

from __future__ import annotations

import pytest

from ncbdesk.domain.errors import ValidationFailed
from ncbdesk.domain.requests import Channel, Direction, Request, RequestType
from ncbdesk.domain.requests_routing import RoutingRule, route


def req(**kw: object) -> Request:
    base: dict[str, object] = dict(
        direction=Direction.INCOMING,
        channel=Channel.I247,
        type=RequestType.INFORMATION,
        subject="Запрос о розыске: Нурбагандов",
        counterpart_country="KZ",
    )
    base.update(kw)
    return Request(**base)  # type: ignore[arg-type]


def test_each_condition_narrows() -> None:
    assert RoutingRule("t", type=RequestType.INFORMATION, queue="q").matches(req())
    assert not RoutingRule("t", type=RequestType.EXTRADITION, queue="q").matches(req())
    assert RoutingRule("c", country="KZ", queue="q").matches(req())
    assert not RoutingRule("c", country="UZ", queue="q").matches(req())
    agency = req(counterpart_country=None, counterpart_agency="ФСБ России, Управление")
    assert RoutingRule("a", agency="фсб", queue="q").matches(agency)
    assert not RoutingRule("a", agency="мвд", queue="q").matches(agency)


def test_words_in_the_subject_case_blind_any_script() -> None:
    assert RoutingRule("w", words=["РОЗЫСКЕ"], queue="q").matches(req())
    assert RoutingRule("w", words=["terror", "розыске"], queue="q").matches(req())
    assert not RoutingRule("w", words=["terror"], queue="q").matches(req())
    # A word matches a whole word, not part of one.
    assert not RoutingRule("w", words=["розыск"], queue="q").matches(req())
    # A phrase needs all its words.
    assert RoutingRule("w", words=["запрос нурбагандов"], queue="q").matches(req())


def test_first_match_by_priority_wins_inactive_skipped() -> None:
    broad = RoutingRule("broad", priority=100, queue="general")
    narrow = RoutingRule("narrow", priority=10, country="KZ", queue="central-asia")
    off = RoutingRule("off", priority=1, queue="nobody", active=False)
    chosen = route([broad, narrow, off], req())
    assert chosen is narrow
    assert route([broad, narrow, off], req(counterpart_country="FR")) is broad
    assert route([narrow], req(counterpart_country="FR")) is None


def test_a_rule_must_send_somewhere_and_name_real_countries() -> None:
    with pytest.raises(ValidationFailed) as err:
        RoutingRule("", country="XX").validate()
    assert {e.field for e in err.value.errors} == {"name", "queue", "country"}
    ok = RoutingRule(" Kazakhstan ", country="kz", assignee=" ivanov ")
    ok.validate()
    assert (ok.name, ok.country, ok.assignee) == ("Kazakhstan", "KZ", "ivanov")
