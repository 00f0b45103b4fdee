"""Demo hits and extradition cases: a queue and a board a newcomer can work with."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from ncbdesk.adapters.demo import DemoData, generate_demo
from ncbdesk.adapters.demo.extradition import demo_casework
from ncbdesk.domain.extradition import CaseOutcome, DeadlineStatus, Direction
from ncbdesk.domain.hits import HitStatus

TODAY = date(2026, 3, 1)  # the day after a February of 28 days


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate_demo(2000, seed=1, bureau="RU")


def test_pending_border_hits_on_foreign_notices_with_the_engines_reasons(demo: DemoData) -> None:
    work = demo_casework(demo.persons, demo.notices, "RU", TODAY)
    notices = {n.id: n for n in demo.notices}
    assert len(work.hits) == 4
    for hit in work.hits:
        assert hit.status == HitStatus.PENDING and hit.source == "border"
        assert notices[hit.notice_id].owner_bureau != "RU"
        assert hit.subject_id in notices[hit.notice_id].subject_ids
        assert hit.reasons and 0 < hit.score <= 1
        assert hit.query["properties"]["name"][0].isascii()
    assert {notices[h.notice_id].type.value for h in work.hits} == {"red", "yellow"}


def test_cases_cover_the_board(demo: DemoData) -> None:
    work = demo_casework(demo.persons, demo.notices, "RU", TODAY)
    cases = work.cases
    assert Counter(c.direction for c in cases) == {Direction.INBOUND: 7, Direction.OUTBOUND: 2}
    for c in cases:
        c.validate("RU")  # the bureau's own rules, both directions
        assert c.owner_bureau == "RU"
    open_ = [c for c in cases if not c.closed]
    assert len({c.current_stage for c in open_}) >= 5
    statuses = [d.status for c in open_ for d in c.deadlines(TODAY)]
    assert DeadlineStatus.PASSED in statuses and DeadlineStatus.PENDING in statuses
    closed = [c for c in cases if c.closed]
    assert [c.outcome for c in closed] == [CaseOutcome.SURRENDERED]
    assert closed[0].duration_days == 64
    bases = {c.requesting_state: c.legal_basis for c in cases if c.direction == Direction.INBOUND}
    assert "cis-minsk-1993-protocol-1997" in bases.values() and "ece" in bases.values()
    for country, basis in bases.items():
        if country in {"KZ", "UZ", "KG", "TJ", "BY", "AM", "AZ", "MD"}:
            assert basis == "cis-minsk-1993-protocol-1997"


def test_the_same_day_gives_the_same_casework(demo: DemoData) -> None:
    first = demo_casework(demo.persons, demo.notices, "RU", TODAY)
    second = demo_casework(demo.persons, demo.notices, "RU", TODAY)
    key = [(c.person_id, c.legal_basis, [(e.stage, e.on) for e in c.stages]) for c in first.cases]
    assert key == [
        (c.person_id, c.legal_basis, [(e.stage, e.on) for e in c.stages]) for c in second.cases
    ]
    assert [h.subject_id for h in first.hits] == [h.subject_id for h in second.hits]
