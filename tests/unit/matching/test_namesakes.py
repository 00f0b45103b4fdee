"""A name many list persons carry is weaker evidence (Prepared.namesakes)."""

from __future__ import annotations

from ncbdesk.matching import NameInput, ScreeningIndex, Subject
from ncbdesk.matching import weights as W
from ncbdesk.matching.scoring import Prepared, prepare, score_prepared

RECORD = Subject(
    id="r",
    names=(NameInput(given="Александр", family="Иванов"),),
    birth_dates=("1970-03-14",),
    nationalities=("RU",),
    documents=("45 07 123456",),
)


def _record(namesakes: int, dob: str = "1970-03-14") -> Prepared:
    p = prepare(Subject(**{**RECORD.__dict__, "birth_dates": (dob,)}))
    p.namesakes = namesakes
    return p


def _query(dob: str, documents: tuple[str, ...] = ()) -> Prepared:
    return prepare(
        Subject(
            id="q",
            names=(NameInput(full="Aleksandr Ivanov"),),
            birth_dates=(dob,) if dob else (),
            nationalities=("RU",),
            documents=documents,
        )
    )


def test_weak_date_support_does_not_lift_a_common_name() -> None:
    # A shared birth year or a one-digit date: enough for a name one record
    # carries, not for one 40 records carry.
    for q, rec in ((_query("1970"), "1970-03-14"), (_query("1970-03-14"), "1970"),
                   (_query("1970-03-14"), "1970-08-14")):  # fmt: skip
        assert score_prepared(q, _record(1, rec), W.DEFAULT_THRESHOLD).alert, (q.dates, rec)
        m = score_prepared(q, _record(40, rec), W.DEFAULT_THRESHOLD)
        assert not m.alert, (q.dates, rec, m)
        assert "name shared by 40 persons on the list: weaker evidence" in m.reasons
        assert m.features["namesakes"] < 0


def test_a_common_name_alone_does_not_alert() -> None:
    assert score_prepared(_query(""), _record(1), W.DEFAULT_THRESHOLD).alert
    assert not score_prepared(_query(""), _record(25), W.DEFAULT_THRESHOLD).alert


def test_strong_support_still_alerts_on_a_common_name() -> None:
    # Identical, one day apart, agreeing to the month, the same document.
    for q, rec in (
        (_query("1970-03-14"), "1970-03-14"),
        (_query("1970-03-15"), "1970-03-14"),
        (_query("1970-03"), "1970-03-14"),
        (_query("", ("4507123456",)), "1970-03-14"),
    ):
        m = score_prepared(q, _record(500, rec), W.DEFAULT_THRESHOLD)
        assert m.alert and "namesakes" not in m.features, (q.dates, rec, m)


def test_penalty_starts_at_the_common_count_grows_with_log_k_and_is_capped() -> None:
    q = _query("1970")

    def penalty(k: int) -> float:
        return -score_prepared(q, _record(k), 0.75).features.get("namesakes", 0.0)

    assert penalty(W.NAMESAKES_COMMON - 1) == 0.0
    assert 0 < penalty(W.NAMESAKES_COMMON) < penalty(40) < penalty(10_000) == W.NAMESAKES_CAP


def _ivanovs(n: int) -> list[Subject]:
    """``n`` list persons named Aleksandr Ivanov, each born in another year."""
    return [
        Subject(
            id=f"iv-{i}",
            names=(NameInput(given="Александр", family="Иванов"),),
            birth_dates=(f"{1940 + i}-03-14",),
        )
        for i in range(n)
    ]


def test_through_the_index_a_common_name_needs_more_than_a_year() -> None:
    name = (NameInput(full="Aleksandr Ivanov"),)
    year = Subject(id="q", names=name, birth_dates=("1960",))
    full = Subject(id="q", names=name, birth_dates=("1960-03-14",))
    k = W.NAMESAKES_COMMON + 5
    common = ScreeningIndex.build(_ivanovs(k))
    m = common.screen(year)[0]
    assert m.id == "iv-20" and not m.alert, m
    assert f"name shared by {k} persons on the list: weaker evidence" in m.reasons
    m = common.screen(full)[0]
    assert m.id == "iv-20" and m.alert, m
    # The same query against a list where few carry the name alerts on the year.
    rare = ScreeningIndex.build(_ivanovs(k)[15:25])
    m = rare.screen(year)[0]
    assert m.id == "iv-20" and m.alert, m


def test_name_alignments_shared_within_a_query_give_what_fresh_ones_give() -> None:
    """One memo for all of a query's candidates: equal writings share, others do not."""
    from ncbdesk.matching.scoring import evaluate, explain

    candidates = [
        prepare(Subject(id=str(i), names=(NameInput(given=g, family=f),), birth_dates=(d,)))
        for i, (g, f, d) in enumerate(
            [
                ("Александр", "Иванов", "1970-03-14"),
                ("Александр", "Иванов", "1981-01-02"),  # the same writing, another person
                ("Сергей", "Иванов", "1970-03-14"),
                ("Aleksandr", "Ivanova", "1970-03-14"),
                ("Александр", "Иванов", "1970-03-15"),
            ]
        )
    ]
    q = _query("1970-03-14")
    memo: dict = {}
    for c in candidates:
        shared, fresh = evaluate(q, c, memo), evaluate(q, c)
        assert explain(c.id, shared, 0.75) == explain(c.id, fresh, 0.75)
    assert len(memo) == 3  # Александр Иванов once, Сергей Иванов, Aleksandr Ivanova
