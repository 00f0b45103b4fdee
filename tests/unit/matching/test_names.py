"""Names compared part by part: order, patronymics, compounds, particles, initials."""

from __future__ import annotations

from ncbdesk.matching import NameInput, Subject, score

from .conftest import ABDULRAHMAN, ALIYEV, IVANOV, KOLOKOLTSEV, RASHID, query


def test_order_and_fields_do_not_matter() -> None:
    for q in (
        query("KOLOKOLTSEV Vladimir Aleksandrovich", "1961-05-11"),
        query("Vladimir Aleksandrovich Kolokoltsev", "1961-05-11"),
        query(given="Kolokoltsev", family="Vladimir", dob="1961-05-11"),
    ):
        assert score(q, KOLOKOLTSEV).alert, q


def test_patronymic_is_optional() -> None:
    m = score(query("Vladimir Kolokoltsev", "1961-05-11"), KOLOKOLTSEV)
    assert m.alert and m.features["name"] > 0.9


def test_different_given_name_is_a_relative_not_a_hit() -> None:
    m = score(query("Petr Aleksandrovich Kolokoltsev", "1961-05-11"), KOLOKOLTSEV)
    assert not m.alert
    assert any("not in the query" in r or "not in this record" in r for r in m.reasons)


def test_compound_name_spaced_hyphenated_or_joined() -> None:
    for family in ("Abdul Rahman", "Abdul-Rahman", "Abdulrahman", "Abdel Rahman"):
        m = score(query(given="Khaled", family=family, dob="1990-07-07"), ABDULRAHMAN)
        assert m.alert, (family, m)


def test_particles_are_ignored() -> None:
    assert score(query("Mohammed bin Abdullah El-Rashid", "1980-03-02"), RASHID).alert
    assert score(query("Mohammed Abdullah Alrashid", "1980-03-02"), RASHID).score > 0.6


def test_initials_match_the_names_they_abbreviate() -> None:
    assert score(query("V. A. Kolokoltsev", "1961-05-11"), KOLOKOLTSEV).alert
    assert not score(query("P. Kolokoltsev", "1961-05-11"), KOLOKOLTSEV).alert


def test_diacritics_stripped() -> None:
    assert score(query("Elcin Aliyev", "1979-04-04"), ALIYEV).alert


def test_one_letter_typo() -> None:
    m = score(query("Sergei Ivonov", "1970-01-01"), IVANOV)
    assert m.alert, m


def test_namesake_born_years_apart_is_not_alerted() -> None:
    m = score(query("Sergey Ivanov", "1985-06-01"), IVANOV)
    assert not m.alert
    assert any("years apart" in r for r in m.reasons)


def test_stranger_is_not_alerted() -> None:
    assert score(query("John Smith", "1970-01-01"), IVANOV).score < 0.5


def test_aliases_are_all_considered() -> None:
    person = Subject(
        id="x", names=(NameInput(full="Nobody Special"), NameInput(full="Sergey Ivanov"))
    )
    assert score(query("Sergey Ivanov"), person).features["name"] == 1.0


def test_glued_article_and_abd_al_compounds() -> None:
    assert score(query("Mohammed Abdullah Alrashid", "1980-03-02"), RASHID).alert
    arabic = Subject(id="a", names=(NameInput(full="خالد عبدالرحمن"),), birth_dates=("1990-07-07",))
    m = score(query(given="Khaled", family="Abdulrahman", dob="1990-07-07"), arabic)
    assert m.alert, m


def test_different_patronymic_contradicts_across_aliases() -> None:
    person = Subject(
        id="p",
        names=(
            NameInput(family="Иванов", given="Сергей", patronymic="Петрович"),
            NameInput(family="Ivanov", given="Sergei"),  # passport form, no patronymic
        ),
        birth_dates=("1970-01-01",),
    )
    same = score(query("Sergei Petrovich Ivanov", "1970-01-01"), person)
    other = score(query("Sergei Nikolaevich Ivanov", "1970-01-01"), person)
    assert other.score < same.score
    assert any("patronymic differs" in r for r in other.reasons)


def test_full_name_with_its_parts_is_one_writing() -> None:
    both = NameInput(
        full="Колокольцев Владимир Александрович",
        family="Колокольцев",
        given="Владимир",
        patronymic="Александрович",
    )
    record = Subject(id="r", names=(both,), birth_dates=("1961-05-11",))
    assert score(record, record).features["name"] == 1.0
    assert score(record, KOLOKOLTSEV).features["name"] == 1.0
    # The parts' roles survive: a different patronymic is a patronymic conflict.
    other = NameInput(full="Kolokoltsev Vladimir Petrovich", family="Kolokoltsev",
                      given="Vladimir", patronymic="Petrovich")  # fmt: skip
    m = score(Subject(id="q", names=(other,), birth_dates=("1961-05-11",)), record)
    assert any("patronymic differs" in r for r in m.reasons), m.reasons


def test_full_name_and_unrelated_parts_are_two_writings() -> None:
    # Free text and split fields that share nothing: both are kept, so each
    # matches on its own instead of being merged into one long name.
    two = NameInput(full="Sergey Ivanov", given="Khaled", family="Abd al-Rahman")
    record = Subject(id="r", names=(two,))
    assert score(query("Sergey Ivanov"), record).features["name"] == 1.0
    assert score(query(given="Khaled", family="Abd al-Rahman"), record).features["name"] == 1.0


def test_typo_inside_a_digraph_is_one_typo() -> None:
    record = Subject(id="p", names=(NameInput(given="Дмитро", family="Панченко"),),
                     birth_dates=("1980-12-24",))  # fmt: skip
    m = score(query(given="Dmytro", family="Pancehnko", dob="1980-12-24"), record)
    assert m.alert, m
    assert any("one-letter difference" in r for r in m.reasons)


def test_masculine_and_feminine_forms_are_relatives_not_a_hit() -> None:
    brother = Subject(id="p", names=(NameInput(given="Александр", family="Богданов"),),
                      birth_dates=("1953",))  # fmt: skip
    m = score(query(given="Aleksandra", family="Bogdanova", dob="1953-08-07"), brother)
    assert not m.alert, m
    assert any("masculine and feminine" in r for r in m.reasons)
    assert score(query(given="Aleksandr", family="Bogdanov", dob="1953-08-07"), brother).alert


def test_given_name_found_only_as_the_records_middle_name_is_a_conflict() -> None:
    record = Subject(
        id="p", names=(NameInput(given="Muhammad", middle="Ibrahim", family="Haddad"),)
    )
    son = score(query(given="Ibrahim", family="Haddad"), record)
    assert son.features["name"] < 0.7, son
    assert score(query(given="Muhammad", family="Haddad"), record).features["name"] > 0.95


def _sim(a: str, b: str) -> float:
    from ncbdesk.matching.names import token_similarity
    from ncbdesk.matching.tokens import form

    return token_similarity(form(a), form(b))[0]


def test_maghreb_persian_and_egyptian_spellings_of_arabic_names_meet() -> None:
    # French "ch" for ش, e/a vowels, a silent final h (ة), Egyptian gg for جّ.
    # Names chosen outside the quality benchmark's spelling lists.
    for a, b in (
        ("Achraf", "Ashraf"),
        ("Chérif", "Sharif"),
        ("Chérif", "شريف"),
        ("Jamilah", "Jamila"),
        ("Jamilah", "جميلة"),
        ("Sajjad", "Saggad"),
        ("Saggad", "سجاد"),
        ("Masoumeh", "Masuma"),
    ):
        assert _sim(a, b) >= 0.85, (a, b)


def test_a_j_the_key_reads_as_a_vowel_still_counts_in_a_short_name() -> None:
    # Weijun and Wen share the key skeleton "vn" (the j of wei-jun folds into
    # a vowel and drops out); Huijun and Xin are one cheap vowel apart on
    # their keys. Seen as a false alert: "Weijun Jiang" vs "Wen Jiang".
    for a, b in (("Weijun", "Wen"), ("Huijun", "Xin"), ("Wenjie", "Wen"), ("Jun", "Yin")):
        assert _sim(a, b) < 0.6, (a, b)
    # The short-skeleton variants the rule exists for still meet.
    for a, b in (("Majid", "Maged"), ("Laila", "Leila"), ("Nur", "Noor"), ("Adil", "Adel")):
        assert _sim(a, b) >= 0.88, (a, b)
    # A long skeleton keeps the old rule: German schemes write й as j.
    assert _sim("Fajsullaew", "Fayzullayev") >= 0.9


def test_arabic_spelling_rules_keep_russian_names_apart() -> None:
    assert _sim("Shakh", "Shah") >= 0.9  # х written kh or h: one spelling
    assert _sim("Orlov", "Orel") == 0.0
    assert _sim("Chekhov", "Chekhova") < 0.7  # still a relative, not a variant


def test_arabic_spellings_are_retrieved_by_the_index() -> None:
    from ncbdesk.matching import ScreeningIndex

    listed = Subject(id="h", names=(NameInput(given="Ashraf", family="Al-Saggad"),))
    others = [
        Subject(id=f"x{i}", names=(NameInput(given=g, family="Hadad"),))
        for i, g in enumerate(("Omar", "Ali", "Samir", "Nabil"))
    ]
    index = ScreeningIndex.build([listed, *others])
    top = index.screen(Subject(id="q", names=(NameInput(full="Achraf Sajjad"),)), top_k=1)
    assert top and top[0].id == "h" and top[0].features["name"] > 0.85


def test_pinyin_against_han_is_read_as_pinyin() -> None:
    # The Russian folds (x = kh = h, j = y) would make Xiao 浩 (hao) and Jun
    # 尹 (yin); in pinyin those are other syllables, other names.
    xia = Subject(id="zh-2", names=(NameInput(full="夏俊浩"),), birth_dates=("1959-07-05",))
    m = score(query("XIAO Junhua", "1959-07-03"), xia)
    assert not m.alert and m.features["name"] < 0.5, m
    yin = Subject(id="zh-3", names=(NameInput(full="尹浩"),), birth_dates=("1984-10-15",))
    assert score(query("Xiao Jun", "1984-10-15"), yin).features["name"] == 0.0
    # Same pinyin, in any order or case, with ü written v or u, still meets.
    assert score(query("XIA Junhao", "1959-07-05"), xia).features["name"] == 1.0
    lv = Subject(id="zh-4", names=(NameInput(full="吕伟"),), birth_dates=("1970-01-01",))
    assert score(query("Lv Wei", "1970-01-01"), lv).alert


def test_different_fathers_name_in_the_middle_contradicts() -> None:
    # A Latin-only record keeps the Arabic nasab (Osman bin Nabil) as a
    # middle name; a query naming another father is another man.
    rec = Subject(
        id="ar-3",
        names=(NameInput(given="Osman", middle="Nabil", family="Al-Masri"),),
        birth_dates=("1966-06-16",),
    )
    other = score(query(given="Osman", patronymic="Ebrahim", family="Al-Masri",
                        dob="1966-06-19"), rec)  # fmt: skip
    assert not other.alert, other
    assert "father's or middle name differs ('Ebrahim' vs 'Nabil')" in other.reasons
    same = score(query(given="Osman", patronymic="Nabeel", family="Al-Masri",
                       dob="1966-06-19"), rec)  # fmt: skip
    assert same.alert and not any("differs ('" in r for r in same.reasons), same
