"""Property tests: no input crashes score, screen or search."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncbdesk.matching import NameInput, ScreeningIndex, Subject, score

from .conftest import LIST

_ix = ScreeningIndex.build(LIST)

text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0x0400, max_codepoint=0x10FF), max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=10),
    st.just("x" * 10_000),
    st.just("Ы-" * 3_000),
)
names = st.builds(NameInput, full=text, given=text, family=text, patronymic=text, middle=text)
subjects = st.builds(
    Subject,
    id=st.text(max_size=10),
    names=st.lists(names, max_size=3).map(tuple),
    birth_dates=st.lists(st.one_of(text, st.dates().map(str)), max_size=3).map(tuple),
    nationalities=st.lists(text, max_size=3).map(tuple),
    sex=st.one_of(st.none(), st.sampled_from(["male", "female", "", "x"])),
    documents=st.lists(text, max_size=2).map(tuple),
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(subjects, subjects)
def test_score_never_crashes(a: Subject, b: Subject) -> None:
    m = score(a, b)
    assert 0.0 <= m.score <= 1.0
    assert m.alert == (m.score >= 0.75)


@FAST
@given(subjects)
def test_screen_never_crashes(q: Subject) -> None:
    matches = _ix.screen(q, top_k=5)
    assert len(matches) <= 5
    assert all(0.0 <= m.score <= 1.0 for m in matches)


@FAST
@given(text)
def test_search_never_crashes(t: str) -> None:
    assert len(_ix.search(t)) <= 10


def test_huge_inputs_are_capped() -> None:
    huge = Subject(id="h", names=tuple(NameInput(full="Иван " * 5_000) for _ in range(100)),
                   birth_dates=("1970-01-01",) * 1_000)  # fmt: skip
    assert score(huge, huge).score > 0.9
    _ix.upsert(huge)
    assert _ix.search("Иван")[0].id == "h"
    _ix.remove("h")


def test_wrongly_typed_fields_are_ignored() -> None:
    junk = Subject(
        id=5,  # type: ignore[arg-type]
        names=(NameInput(full=["x"], given=None), NameInput(full="Ivan Petrov"), "junk"),  # type: ignore[arg-type]
        birth_dates=(19700101, None, "1970-01-01"),  # type: ignore[arg-type]
        nationalities=(None, 12, "ru"),  # type: ignore[arg-type]
        sex=3,  # type: ignore[arg-type]
        documents=(None, 123),  # type: ignore[arg-type]
    )
    assert score(junk, junk).score == 1.0
    ix = ScreeningIndex.build([junk])
    assert ix.screen(junk)[0].id == "5"


@FAST
@given(subjects, subjects)
def test_a_prepared_record_read_back_scores_as_the_subject_itself(a: Subject, b: Subject) -> None:
    # The index scores candidates from their stored prepared records; any
    # subject, lone surrogates and all, must come back scoring the same.
    from ncbdesk.matching.scoring import evaluate, prepare
    from ncbdesk.matching.store import decode_prepared, encode, encode_prepared, prepare_record

    stored = decode_prepared(encode_prepared(prepare_record(encode(b))))
    direct = prepare(b)
    assert stored.names == direct.names and stored.dates == direct.dates
    assert (stored.id, stored.nationalities, stored.sex, stored.documents) == (
        direct.id, direct.nationalities, direct.sex, direct.documents
    )  # fmt: skip
    q = prepare(a)
    assert evaluate(q, stored) == evaluate(q, direct)
