"""ScreeningIndex: retrieval, ranking, changes, and save/load through mmap."""

from __future__ import annotations

import mmap
import threading
from pathlib import Path

import numpy as np
import pytest

from ncbdesk.matching import NameInput, ScreeningIndex, Subject

from .conftest import IVANOV, KOLOKOLTSEV, LIST, query


def test_screen_finds_the_person_first(index: ScreeningIndex) -> None:
    matches = index.screen(query("KOLOKOLTCEV Vladimir", "1961-05-11"))
    assert matches[0].id == KOLOKOLTSEV.id and matches[0].alert
    assert matches[0].reasons


def test_screen_returns_top_k_whatever_the_score(index: ScreeningIndex) -> None:
    matches = index.screen(query("Vladimir Ivanov", "1999-01-01"), top_k=3)
    assert 1 <= len(matches) <= 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert not any(m.alert for m in matches)


def test_threshold_overrides_default(index: ScreeningIndex) -> None:
    q = query("Sergey Ivanov", "1970-01-01")
    assert index.screen(q, threshold=0.5)[0].alert
    assert not index.screen(q, threshold=1.01)[0].alert


def test_search_free_text(index: ScreeningIndex) -> None:
    assert index.search("Мухаммад Рашид")[0].id == "ar-1"
    assert index.search("") == []


def test_upsert_and_remove() -> None:
    ix = ScreeningIndex.build(LIST)
    assert len(ix) == len(LIST)
    ix.remove(IVANOV.id)
    assert len(ix) == len(LIST) - 1
    assert all(m.id != IVANOV.id for m in ix.search("Sergey Ivanov"))
    renamed = Subject(id=IVANOV.id, names=(NameInput(full="Sergey Petrov"),), birth_dates=("1970",))
    ix.upsert(renamed)
    assert len(ix) == len(LIST)
    assert ix.search("Sergey Petrov")[0].id == IVANOV.id
    ix.upsert(Subject(id="new", names=(NameInput(full="Sergey Petrov"),)))
    assert {m.id for m in ix.search("Sergey Petrov")[:2]} == {IVANOV.id, "new"}
    ix.remove("new")
    ix.remove("unknown id")
    assert [m.id for m in ix.search("Sergey Petrov")][:1] == [IVANOV.id]


def _mapped(a: np.ndarray) -> bool:
    """True if the array's memory is a file mapping (shared between processes)."""
    base: object = a
    while base is not None:
        if isinstance(base, mmap.mmap):
            return True
        base = getattr(base, "base", None)
    return False


def test_save_and_load_roundtrip_with_mmap(tmp_path: Path, index: ScreeningIndex) -> None:
    index.save(tmp_path)
    loaded = ScreeningIndex.load(tmp_path)
    assert _mapped(loaded._a["postings"])
    assert len(loaded) == len(index)
    q = query("Giorgi Beridze", "1975-01-20")
    assert [(m.id, m.score) for m in loaded.screen(q)] == [(m.id, m.score) for m in index.screen(q)]
    in_memory = ScreeningIndex.load(tmp_path, mmap=False)
    assert not _mapped(in_memory._a["postings"])


def test_save_folds_in_changes_without_breaking_open_readers(tmp_path: Path) -> None:
    ScreeningIndex.build(LIST).save(tmp_path)
    reader = ScreeningIndex.load(tmp_path)
    writer = ScreeningIndex.load(tmp_path)
    writer.remove(KOLOKOLTSEV.id)
    writer.upsert(Subject(id="new", names=(NameInput(full="Anna Petrova"),)))
    writer.save(tmp_path)
    assert reader.search("Vladimir Kolokoltsev")[0].id == KOLOKOLTSEV.id  # old pages still valid
    fresh = ScreeningIndex.load(tmp_path)
    assert len(fresh) == len(LIST)
    assert fresh.search("Anna Petrova")[0].id == "new"
    assert all(m.id != KOLOKOLTSEV.id for m in fresh.search("Vladimir Kolokoltsev"))


def test_empty_index() -> None:
    ix = ScreeningIndex.build([])
    assert len(ix) == 0
    assert ix.search("anyone") == []


def test_progress_is_reported() -> None:
    seen: list[int] = []
    ScreeningIndex.build(LIST, progress=seen.append)
    assert seen[-1] == len(LIST)


def test_retrieval_finds_what_brute_force_scoring_finds() -> None:
    """The index must not lose the best match that scoring every record would find."""
    from itertools import product

    from ncbdesk.matching import score

    given = ["Иван", "Сергей", "Магомед", "Анна", "Олег", "Юрий"]
    family = ["Иванов", "Петров", "Магомедов", "Колокольцев", "Щукин", "Хачатрян", "Ёжиков"]
    people = [
        Subject(
            id=f"s{i}",
            names=(NameInput(given=g, family=f),),
            birth_dates=(f"19{60 + i % 30}-0{1 + i % 9}-1{i % 9}",),
        )
        for i, (g, f) in enumerate(product(given, family))
    ]
    ix = ScreeningIndex.build(people)
    for text, dob in (("Iurii Kolokoltsev", "1979-04-13"), ("Magomed Shchukin", ""),
                      ("Ezhikov Sergei", "1973-08-17"), ("Anna Khachatrian", "1975")):  # fmt: skip
        q = query(text, dob)
        best = max(people, key=lambda s: score(q, s).score)
        assert ix.screen(q, top_k=3)[0].score == score(q, best).score, text


def test_build_in_worker_processes_gives_the_same_index(monkeypatch: pytest.MonkeyPatch) -> None:
    import ncbdesk.matching.index as index_module

    subjects = [
        Subject(id=f"{s.id}-{i}", names=s.names, birth_dates=s.birth_dates,
                nationalities=s.nationalities, documents=s.documents)
        for i in range(6) for s in LIST
    ]  # fmt: skip
    monkeypatch.setattr(index_module, "BUILD_CHUNK", 5)
    monkeypatch.setattr(index_module, "PARALLEL_MIN", 20)
    seen: list[int] = []
    parallel = ScreeningIndex.build(subjects, progress=seen.append, workers=2)
    serial = ScreeningIndex.build(subjects, workers=1)
    if threading.active_count() == 1:  # otherwise the build rightly stays in-process
        assert parallel.build_processes == 2
    assert serial.build_processes == 1
    assert seen[-1] == len(subjects) and seen == sorted(seen)
    for name in index_module._ARRAYS:
        assert np.array_equal(parallel._a[name], serial._a[name]), name
    q = query("Колокольцев Владимир", "1961-05-11")
    assert [m.id for m in parallel.screen(q)] == [m.id for m in serial.screen(q)]


def test_a_loaded_index_holds_the_forms_of_its_list_tokens(tmp_path: Path, index: ScreeningIndex):
    from ncbdesk.matching.scoring import prepare
    from ncbdesk.matching.tokens import Form

    index.save(tmp_path)
    table = ScreeningIndex.load(tmp_path)._forms
    forms = [part.form for s in LIST for name in prepare(s).names for part in name]
    forms += [f.bare for f in forms if f.bare is not None]
    assert len(forms) > 20 and len(table) == len({f.orig for f in forms})
    for f in forms:
        # As computed from scratch (transliteration and keys), not from a cache.
        assert table.lookup(f.orig) == Form(f.orig).fields(), f.orig
    assert table.lookup("Zzyzxwvq") is None


def test_warm_makes_every_list_token_form_before_a_query_needs_it(
    tmp_path: Path, index: ScreeningIndex
):
    from ncbdesk.matching import tokens

    index.save(tmp_path)
    loaded = ScreeningIndex.load(tmp_path)
    stored = list(loaded._forms.tokens())
    assert len(stored) == len(loaded._forms) and "Zzyzxwvq" not in stored
    tokens._form.cache_clear()  # as in a process that has just started
    assert loaded.warm() == len(stored)
    misses = tokens._form.cache_info().misses
    for token in stored:
        assert tokens.form(token).fields() == loaded._forms.lookup(token)
    assert tokens._form.cache_info().misses == misses, "every form was made by warm()"


def test_each_record_knows_how_many_list_records_share_its_whole_name() -> None:
    def person(pid: str, given: str, family: str, patronymic: str = "") -> Subject:
        return Subject(
            id=pid, names=(NameInput(given=given, family=family, patronymic=patronymic),)
        )

    ix = ScreeningIndex.build(
        [
            person("a", "Иван", "Петров", "Сергеевич"),
            person("b", "Ivan", "Petrov"),  # another script, no patronymic: same name
            person("c", "Petrov", "Ivan"),  # the parts swapped: same name
            person("d", "Иван", "Петрова"),  # a woman's family name: another name
        ]
    )
    counts = {ix._prepared(row).id: ix._prepared(row).namesakes for row in range(len(ix))}
    assert counts == {"a": 3, "b": 3, "c": 3, "d": 1}
    ix.upsert(person("a", "Ivan", "Petrov"))  # a changed record is not its own namesake
    ix.upsert(person("e", "Ivan", "Petrov"))
    assert ix._delta["a"][1].namesakes == 3 and ix._delta["e"][1].namesakes == 4


def test_strangers_born_on_the_query_date_do_not_crowd_out_the_named_person() -> None:
    # A date finds no one by itself: it ranks the persons a name found (at
    # 1,000,000 list persons ~45 strangers share each birth date).
    from ncbdesk.matching.blocking import subject_keys
    from ncbdesk.matching.scoring import prepare

    strangers = [
        Subject(
            id=f"s{i}", names=(NameInput(given=g, family="Orlov"),), birth_dates=("1977-10-25",)
        )
        for i, g in enumerate(("Anna", "Oleg", "Pavel", "Irina"))
    ]
    person = Subject(
        id="p", names=(NameInput(given="Elçin", family="Hüseynov"),), birth_dates=("1977-12-25",)
    )
    ix = ScreeningIndex.build([*strangers, person])
    q = query("HUSEYNOV Elcin", "1977-10-25")
    rows = ix._retrieve(subject_keys(prepare(q), query=True), 10)
    assert [ix._prepared(int(r)).id for r in rows] == ["p"]
    assert ix.screen(q)[0].id == "p" and ix.screen(q)[0].alert
    dates_only = subject_keys(
        prepare(Subject(id="q", names=(), birth_dates=("1977-10-25",))), query=True
    )
    assert len(ix._retrieve(dates_only, 10)) == 5, "with no name, the date finds rows"


def test_a_name_written_without_its_diacritics_shares_keys_with_it() -> None:
    from ncbdesk.matching.blocking import form_keys
    from ncbdesk.matching.tokens import form

    for marked, plain in (("Elçin", "Elcin"), ("Şükrü", "Sukru"), ("Çelik", "Celik"),
                          ("Əliyev", "Eliyev"), ("Yılmaz", "Yilmaz")):  # fmt: skip
        shared = set(form_keys(form(marked))) & set(form_keys(form(plain)))
        assert any(k[0] == "s" for k in shared), (marked, plain)


def test_changed_records_are_found_as_the_base_rows_are() -> None:
    ix = ScreeningIndex.build(LIST)
    ix.upsert(Subject(id="born-same-day", names=(NameInput(full="Zoe Quark"),),
                      birth_dates=("1961-05-11",)))  # fmt: skip
    ix.upsert(Subject(id="namesake", names=(NameInput(full="Vladimir Kolokoltsev"),)))
    ids = [m.id for m in ix.screen(query("KOLOKOLTCEV Vladimir", "1961-05-11"), top_k=20)]
    assert "namesake" in ids and "born-same-day" not in ids


def test_the_caches_are_handed_to_the_permanent_generation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every SETTLE_EVERY queries, what the collector tracks is frozen (never rescanned)."""
    import gc

    import ncbdesk.matching.index as index_module

    monkeypatch.setattr(index_module, "SETTLE_EVERY", 3)
    index = ScreeningIndex.build(LIST)
    gc.unfreeze()
    try:
        index.screen(query("Sergey Ivanov", "1970-01-01"))
        index.screen(query("Sergey Ivanov", "1970-01-01"))
        assert gc.get_freeze_count() == 0
        matches = index.screen(query("KOLOKOLTCEV Vladimir", "1961-05-11"))
        assert gc.get_freeze_count() > 0
        assert matches[0].id == KOLOKOLTSEV.id  # the answer is not disturbed
    finally:
        gc.unfreeze()


def test_what_was_frozen_alive_and_died_in_a_cycle_is_collected_at_the_full_collection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every FULL_EVERY hand-overs everything is unfrozen and collected: no cycle leaks for good."""
    import gc
    import weakref

    import ncbdesk.matching.index as index_module

    monkeypatch.setattr(index_module, "SETTLE_EVERY", 1)
    monkeypatch.setattr(index_module, "FULL_EVERY", 3)
    monkeypatch.setattr(index_module, "_settled", 0)
    index = ScreeningIndex.build(LIST)

    class Request:  # a server's request object, say, in a reference cycle
        loop: object

    alive = Request()
    alive.loop = alive
    ref = weakref.ref(alive)
    gc.unfreeze()
    try:
        index.screen(query("Sergey Ivanov", "1970-01-01"))  # frozen while alive
        del alive
        index.screen(query("Sergey Ivanov", "1970-01-01"))
        gc.collect()
        assert ref() is not None  # frozen garbage: out of the collector's reach
        index.screen(query("Sergey Ivanov", "1970-01-01"))  # the full collection
        assert ref() is None
    finally:
        gc.unfreeze()
