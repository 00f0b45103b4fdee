"""Extradition cases: stages, outcomes and the deadlines their legal basis sets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from ncbdesk.domain.errors import InvalidTransition, ValidationFailed
from ncbdesk.domain.extradition import (
    TREATIES,
    CaseOutcome,
    Deadline,
    DeadlineStatus,
    Direction,
    ExtraditionCase,
    Stage,
    add_period,
    local_day,
)
from ncbdesk.domain.extradition_treaties import DeadlineRule, Party, Treaty


def case(basis: str = "ece", **kw: object) -> ExtraditionCase:
    c = ExtraditionCase(
        direction=Direction.INBOUND,
        person_name="Ruslan ALIEV",
        requesting_state="DE",
        requested_state="RU",
        legal_basis=basis,
        warrant_reference="AG Berlin 351 Gs 12/24",
    )
    for k, v in kw.items():
        setattr(c, k, v)
    c.validate("RU")
    return c


def by_key(c: ExtraditionCase, today: date) -> dict[str, Deadline]:
    return {d.key: d for d in c.deadlines(today)}


def due(c: ExtraditionCase, key: str, today: date | None = None) -> date:
    for d in c.deadlines(today or date(2000, 1, 1)):
        if d.key == key:
            return d.due
    raise AssertionError(f"no deadline {key}")


# -- counting days and months ---------------------------------------------------


@pytest.mark.parametrize(
    ("arrest", "may_release", "release"),
    [
        (date(2024, 2, 11), date(2024, 2, 29), date(2024, 3, 22)),  # leap day is a day
        (date(2023, 2, 11), date(2023, 3, 1), date(2023, 3, 23)),  # no 29 February
        (date(2024, 1, 31), date(2024, 2, 18), date(2024, 3, 11)),  # across a month end
        (date(2024, 12, 15), date(2025, 1, 2), date(2025, 1, 24)),  # across a year end
        (date(2024, 2, 29), date(2024, 3, 18), date(2024, 4, 9)),  # arrested on 29 February
    ],
)
def test_ece_article_16_periods_count_calendar_days(
    arrest: date, may_release: date, release: date
) -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, arrest, "officer")
    assert due(c, "ece.16.4.may_release") == may_release
    assert due(c, "ece.16.4.release") == release
    assert due(c, "tap.6.1.consent") == arrest + timedelta(days=10)


@pytest.mark.parametrize(
    ("arrest", "expected"),
    [
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year: the month's last day
        (date(2023, 1, 31), date(2023, 2, 28)),
        (date(2024, 3, 31), date(2024, 4, 30)),
        (date(2024, 12, 31), date(2025, 1, 31)),
        (date(2024, 2, 29), date(2024, 3, 29)),
        (date(2024, 1, 15), date(2024, 2, 15)),
    ],
)
def test_minsk_one_month_ends_on_the_same_day_or_the_months_last(
    arrest: date, expected: date
) -> None:
    c = case("cis-minsk-1993", requesting_state="KZ")
    c.record_stage(Stage.PROVISIONAL_ARREST, arrest, "officer")
    assert due(c, "minsk.62.1.release") == expected


def test_minsk_as_amended_in_1997_counts_forty_days() -> None:
    c = case("cis-minsk-1993-protocol-1997", requesting_state="KZ")
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 1, 31), "officer")
    assert due(c, "minsk.62.1.release") == date(2024, 3, 11)


def test_add_period_months_then_days() -> None:
    assert add_period(date(2024, 1, 31), months=1) == date(2024, 2, 29)
    assert add_period(date(2024, 1, 31), months=13) == date(2025, 2, 28)
    assert add_period(date(2024, 1, 31), days=1, months=1) == date(2024, 3, 1)


# -- time zones -----------------------------------------------------------------


def test_the_day_of_an_arrest_is_the_bureaus_day() -> None:
    moment = datetime(2024, 2, 28, 22, 30, tzinfo=UTC)
    assert local_day(moment, "Europe/Moscow") == date(2024, 2, 29)  # 01:30 on the 29th
    assert local_day(moment, "America/New_York") == date(2024, 2, 28)
    assert local_day(moment, "UTC") == date(2024, 2, 28)
    # The same arrest gives different due days depending on the bureau's zone.
    moscow, new_york = case(), case()
    moscow.record_stage(Stage.PROVISIONAL_ARREST, local_day(moment, "Europe/Moscow"), "o")
    new_york.record_stage(Stage.PROVISIONAL_ARREST, local_day(moment, "America/New_York"), "o")
    assert due(moscow, "ece.16.4.may_release") == date(2024, 3, 18)
    assert due(new_york, "ece.16.4.may_release") == date(2024, 3, 17)


def test_a_moment_with_an_offset_and_across_a_dst_change() -> None:
    # 31 March 2024 02:30 UTC: Berlin has just moved to summer time (04:30 local).
    assert local_day(datetime(2024, 3, 31, 2, 30, tzinfo=UTC), "Europe/Berlin") == date(2024, 3, 31)
    # 23:59 on 31 December at UTC-05:00 is already 1 January in Moscow.
    eve = datetime(2024, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5)))
    assert local_day(eve, "Europe/Moscow") == date(2025, 1, 1)
    assert local_day(eve, "Pacific/Honolulu") == date(2024, 12, 31)
    with pytest.raises(ValueError, match="time zone"):
        local_day(datetime(2024, 1, 1, 12, 0), "UTC")


# -- statuses ---------------------------------------------------------------------


def test_formal_request_in_time_meets_both_limits() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 1), "o")
    c.record_stage(Stage.FORMAL_REQUEST, date(2024, 3, 19), "o")  # day 18: still in time
    d = by_key(c, date(2024, 5, 1))
    assert d["ece.16.4.may_release"].status == DeadlineStatus.MET
    assert d["ece.16.4.release"].status == DeadlineStatus.MET


def test_formal_request_after_day_18_but_before_day_40() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 1), "o")
    c.record_stage(Stage.FORMAL_REQUEST, date(2024, 3, 20), "o")
    d = by_key(c, date(2024, 5, 1))
    assert d["ece.16.4.may_release"].status == DeadlineStatus.MISSED
    assert d["ece.16.4.release"].status == DeadlineStatus.MET


def test_no_formal_request_the_release_deadline_passes() -> None:
    c = case()
    c.record_stage(Stage.HIT, date(2024, 2, 28), "o")
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 2, 29), "o")
    on_day_40 = c.deadlines(date(2024, 4, 9))
    release = next(d for d in on_day_40 if d.key == "ece.16.4.release")
    assert release.status == DeadlineStatus.PENDING and release.days_left(date(2024, 4, 9)) == 0
    later = {d.key: d for d in c.deadlines(date(2024, 4, 10))}
    assert later["ece.16.4.release"].status == DeadlineStatus.PASSED
    assert later["ece.16.4.release"].days_left(date(2024, 4, 10)) == -1
    nxt = c.next_deadline(date(2024, 4, 10))
    assert nxt is not None and nxt.key == "tap.6.1.consent"  # the earliest overdue first


def test_consent_or_opposition_answers_the_protocols_ten_days_and_excludes_the_other() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 1), "o")
    c.record_stage(Stage.OPPOSITION, date(2024, 3, 12), "o")  # day 11: late
    d = by_key(c, date(2024, 3, 12))
    assert d["tap.6.1.consent"].status == DeadlineStatus.MISSED
    assert d["ece.16.4.release"].status == DeadlineStatus.PENDING
    with pytest.raises(ValidationFailed) as exc:
        c.record_stage(Stage.CONSENT, date(2024, 3, 13), "o")
    assert [e.field for e in exc.value.errors] == ["stage"]


def test_consent_starts_the_simplified_procedures_periods() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 2, 20), "o")
    c.record_stage(Stage.CONSENT, date(2024, 2, 27), "o")
    d = by_key(c, date(2024, 2, 27))
    assert d["tap.6.1.consent"].status == DeadlineStatus.MET
    assert d["tap.7.decision"].due == date(2024, 3, 18)
    c.record_stage(Stage.EXECUTIVE_DECISION, date(2024, 3, 10), "o")
    assert by_key(c, date(2024, 3, 10))["tap.7.decision"].status == DeadlineStatus.MET
    surrender = by_key(c, date(2024, 3, 10))["tap.9.surrender"]
    assert surrender.binding is False and surrender.due == date(2024, 3, 20)


def test_surrender_date_periods_of_article_18() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 1, 10), "o")
    c.record_stage(Stage.FORMAL_REQUEST, date(2024, 1, 20), "o")
    c.record_stage(Stage.EXECUTIVE_DECISION, date(2024, 2, 1), "o")
    c.record_stage(Stage.SURRENDER_DATE, date(2024, 2, 14), "o", today=date(2024, 2, 2))
    d = by_key(c, date(2024, 2, 2))
    assert "tap.9.surrender" not in d  # no consent: not the simplified procedure
    assert d["ece.18.4.may_release"].due == date(2024, 2, 29)
    assert d["ece.18.4.release"].due == date(2024, 3, 15)
    c.record_outcome(CaseOutcome.SURRENDERED, date(2024, 2, 14), "o", documents=["Act 7/24"])
    assert by_key(c, date(2024, 6, 1))["ece.18.4.release"].status == DeadlineStatus.MET
    assert c.date_of(Stage.SURRENDER) == date(2024, 2, 14)
    assert c.next_deadline(date(2024, 6, 1)) is None
    assert c.duration_days == 35


def test_a_case_closed_before_a_deadline_makes_it_moot() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 1), "o")
    c.record_outcome(CaseOutcome.WITHDRAWN, date(2024, 3, 5), "o", reason="warrant quashed")
    statuses = {d.key: d.status for d in c.deadlines(date(2024, 6, 1))}
    assert set(statuses.values()) == {DeadlineStatus.MOOT}


def test_released_after_the_limit_shows_it_passed() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 1), "o")
    c.record_outcome(CaseOutcome.RELEASED, date(2024, 4, 15), "o", reason="no request")
    d = by_key(c, date(2024, 6, 1))
    assert d["ece.16.4.release"].status == DeadlineStatus.PASSED
    assert c.current_stage == Stage.RELEASE


# -- the rules are data -------------------------------------------------------------


def test_a_new_treaty_is_data_only() -> None:
    book = {
        **TREATIES,
        "bilateral:ru-in": Treaty(
            id="bilateral:ru-in",
            title="Test treaty",
            rules=(
                DeadlineRule(
                    key="t.60",
                    name="Request within two months",
                    starts=Stage.PROVISIONAL_ARREST,
                    months=2,
                    answered_by=(Stage.FORMAL_REQUEST,),
                    party=Party.REQUESTING,
                    rule="art. 12",
                ),
            ),
        ),
    }
    c = case("bilateral:ru-in", requesting_state="IN")
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2023, 12, 31), "o")
    assert [(d.key, d.due) for d in c.deadlines(date(2024, 1, 1), book)] == [
        ("t.60", date(2024, 2, 29))
    ]
    assert c.deadlines(date(2024, 1, 1)) == []  # not in the stored book: no deadlines


def test_every_rule_names_its_source_and_starts_from_a_stage() -> None:
    for treaty in TREATIES.values():
        for r in treaty.rules:
            assert r.rule and ("art." in r.rule), r.key
            assert (r.days > 0) != (r.months > 0), r.key
            assert r.starts not in r.answered_by


# -- validation and lifecycle -------------------------------------------------------------


def test_validation_names_each_problem() -> None:
    c = ExtraditionCase(
        direction=Direction.INBOUND,
        person_name="  ",
        requesting_state="XX",
        requested_state="DE",
        legal_basis="hague",
    )
    with pytest.raises(ValidationFailed) as exc:
        c.validate("RU")
    assert {e.field for e in exc.value.errors} == {
        "person_name",
        "requesting_state",
        "requested_state",
        "legal_basis",
        "warrant_reference",
    }


def test_our_country_is_the_requested_state_inbound_and_the_requesting_one_outbound() -> None:
    out = ExtraditionCase(
        direction=Direction.OUTBOUND,
        person_name="A",
        requesting_state="ru",
        requested_state="tr",
        legal_basis="Bilateral:RU-TR",
        warrant_reference="W-1",
    )
    out.validate("RU")
    assert (out.requesting_state, out.requested_state, out.legal_basis) == (
        "RU",
        "TR",
        "bilateral:ru-tr",
    )
    assert out.deadlines(date(2024, 1, 1)) == []
    out.direction = Direction.INBOUND
    with pytest.raises(ValidationFailed) as exc:
        out.validate("RU")
    assert [e.field for e in exc.value.errors] == ["requested_state"]


def test_outcomes_close_the_case_and_refusal_needs_reasons() -> None:
    c = case()
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 1), "o")
    with pytest.raises(ValidationFailed):
        c.record_outcome(CaseOutcome.REFUSED, date(2024, 4, 1), "o", reason=" ")
    with pytest.raises(ValidationFailed):
        c.record_outcome(CaseOutcome.REFUSED, date(2024, 2, 1), "o", reason="Art. 3 ECE")
    c.record_outcome(CaseOutcome.REFUSED, date(2024, 4, 1), "o", reason="political offence")
    with pytest.raises(InvalidTransition):
        c.record_stage(Stage.APPEAL, date(2024, 4, 2), "o")
    with pytest.raises(InvalidTransition):
        c.record_outcome(CaseOutcome.RELEASED, date(2024, 4, 2), "o")


def test_stages_are_dated_sensibly_and_a_correction_replaces_the_date() -> None:
    c = case()
    c.record_stage(Stage.HIT, date(2024, 3, 1), "o")
    with pytest.raises(ValidationFailed):
        c.record_stage(Stage.HEARING, date(2024, 2, 1), "o")
    with pytest.raises(ValidationFailed):
        c.record_stage(Stage.HEARING, date(2024, 3, 9), "o", today=date(2024, 3, 8))
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 2), "o")
    c.record_stage(Stage.PROVISIONAL_ARREST, date(2024, 3, 3), "o", note="corrected")
    assert [e.stage for e in c.stages] == [Stage.HIT, Stage.PROVISIONAL_ARREST]
    assert c.date_of(Stage.PROVISIONAL_ARREST) == date(2024, 3, 3)
    assert c.current_stage == Stage.PROVISIONAL_ARREST
    assert c.opened_on == date(2024, 3, 1)
