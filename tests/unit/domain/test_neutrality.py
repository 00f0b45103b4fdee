"""Behaviour of the Article 3 / human-rights screening (ncbdesk.domain.neutrality)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncbdesk.domain.neutrality import (
    ALL_RULES,
    Assessment,
    NeutralityInput,
    RiskLevel,
    assess,
    assessment_to_json,
)
from ncbdesk.domain.neutrality_codes import ARTICLES, find_articles


def codes(a: Assessment) -> set[str]:
    return {r.code for r in a.reasons}


# --- pure offences, English and Russian -------------------------------------

PURE = [
    ("political.insult_official", NeutralityInput(offence="Insulting the head of state")),
    ("political.insult_official", NeutralityInput(offence="Оскорбление Президента")),
    (
        "political.assembly",
        NeutralityInput(offence="Organising an unauthorised rally in the city centre"),
    ),
    (
        "political.assembly",
        NeutralityInput(offence="Участие в несанкционированном митинге"),
    ),
    (
        "political.discredit_fake_news",
        NeutralityInput(offence="Публичные действия, направленные на дискредитацию армии"),
    ),
    (
        "political.discredit_fake_news",
        NeutralityInput(offence="Spreading fake news about the armed forces"),
    ),
    (
        "political.extremism_speech",
        NeutralityInput(offence="Призывы к экстремистской деятельности"),
    ),
    ("political.treason_espionage", NeutralityInput(offence="High treason")),
    ("political.separatism", NeutralityInput(offence="Public calls for separatism")),
    ("military.desertion", NeutralityInput(offence="Desertion from his regiment")),
    ("military.desertion", NeutralityInput(offence="Дезертирство")),
    ("military.draft_evasion", NeutralityInput(offence="Draft evasion")),
    (
        "military.draft_evasion",
        NeutralityInput(offence="Уклонение от призыва на военную службу"),
    ),
    ("military.insubordination", NeutralityInput(offence="Неисполнение приказа командира")),
    ("religious.blasphemy", NeutralityInput(offence="Blasphemy against the Prophet")),
    ("religious.blasphemy", NeutralityInput(offence="Оскорбление чувств верующих")),
    ("religious.blasphemy", NeutralityInput(offence="Богохульство")),
    ("religious.apostasy", NeutralityInput(offence="Apostasy")),
    ("religious.proselytism", NeutralityInput(offence="Illegal missionary activity")),
    (
        "religious.banned_group",
        NeutralityInput(offence="Participation in the activities of Jehovah's Witnesses"),
    ),
    (
        "religious.banned_group",
        NeutralityInput(offence="Организация деятельности Свидетелей Иеговы"),
    ),
    (
        "racial.racial_character",
        NeutralityInput(offence="Unlawful interracial marriage"),
    ),
    (
        "racial.racial_character",
        NeutralityInput(facts="Разыскивается за принадлежность к этнической группе меньшинства"),
    ),
]


@pytest.mark.parametrize(("code", "case"), PURE)
def test_pure_offences_are_high_with_their_reason(code: str, case: NeutralityInput) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.HIGH
    assert a.needs_review
    assert code in codes(a)


# --- articles of known codes -------------------------------------------------


@pytest.mark.parametrize(
    ("provisions", "code"),
    [
        ("ч. 2 ст. 212 УК РФ", "political.public_order"),
        ("ст. 280.3 УК РФ", "political.discredit_fake_news"),
        (
            "Article 280.3 of the Criminal Code of the Russian Federation",
            "political.discredit_fake_news",
        ),
        ("ст. 207.3 ч. 2 УК РФ", "political.discredit_fake_news"),
        ("ст. 319 УК РФ", "political.insult_official"),
        ("ст. 338 УК РФ", "military.desertion"),
        ("ч. 1 ст. 148 УК РФ", "religious.blasphemy"),
        ("ст. 342 Уголовного кодекса Республики Беларусь", "political.assembly"),
        ("ст. 368 УК РБ", "political.insult_official"),
        ("Article 299 of the Turkish Penal Code", "political.insult_official"),
        ("TCK madde 301", "political.defame_state"),
    ],
)
def test_articles_of_known_codes_are_read(provisions: str, code: str) -> None:
    a = assess(NeutralityInput(legal_provisions=provisions))
    assert code in codes(a)
    assert a.needs_review


def test_article_number_depends_on_the_code() -> None:
    # Art. 282 is incitement in the Russian code but money laundering in the Turkish one.
    russian = assess(NeutralityInput(legal_provisions="ст. 282 УК РФ"))
    turkish = assess(NeutralityInput(legal_provisions="Article 282 of the Turkish Penal Code"))
    assert russian.risk is RiskLevel.HIGH
    assert turkish.risk is RiskLevel.LOW
    assert "ordinary.money_laundering" in codes(turkish)


def test_article_without_a_code_is_not_guessed() -> None:
    a = assess(NeutralityInput(legal_provisions="Article 319"))
    assert "political.insult_official" not in codes(a)
    assert codes(a) == {"unrecognised.charge"}


def test_an_unrecognised_charge_is_not_low() -> None:
    a = assess(NeutralityInput(offence="Offence against the constitutional foundations"))
    assert a.risk is RiskLevel.MEDIUM
    assert codes(a) == {"unrecognised.charge"}


def test_an_ordinary_crime_described_only_in_the_facts_is_recognised() -> None:
    a = assess(NeutralityInput(offence="Article 105", facts="He stabbed a neighbour to death."))
    assert a.risk is RiskLevel.LOW


# --- predominance -------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(
            offence="Large-scale fraud", person_status="Leader of the opposition party"
        ),
        NeutralityInput(offence="Tax evasion", person_status="Investigative journalist"),
        NeutralityInput(
            offence="Мошенничество в особо крупном размере", person_status="оппозиционный политик"
        ),
        NeutralityInput(offence="Уклонение от уплаты налогов", person_status="журналист"),
        NeutralityInput(offence="Embezzlement", person_status="former prime minister"),
        NeutralityInput(offence="Drug possession", person_status="human rights activist"),
    ],
)
def test_ordinary_crime_in_political_context_is_medium(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.MEDIUM
    assert a.needs_review
    assert "predominance.review" in codes(a)


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(offence="Murder", legal_provisions="ст. 105 УК РФ"),
        NeutralityInput(offence="Fraud and money laundering"),
        NeutralityInput(offence="Незаконный сбыт наркотических средств"),
        NeutralityInput(offence="Armed robbery of a jewellery shop"),
        NeutralityInput(offence="Изнасилование"),
        NeutralityInput(offence="Human trafficking for sexual exploitation"),
        NeutralityInput(offence="Terrorist bombing of a market that killed civilians"),
    ],
)
def test_ordinary_crimes_are_low(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.LOW
    assert not a.needs_review
    assert any(r.category == "ordinary" for r in a.reasons)


def test_pure_offence_charged_with_an_ordinary_crime_is_medium() -> None:
    a = assess(NeutralityInput(offence="Desertion and murder of a fellow soldier"))
    assert a.risk is RiskLevel.MEDIUM
    assert {"military.desertion", "ordinary.homicide", "predominance.review"} <= codes(a)


def test_political_facts_behind_an_ordinary_label_are_flagged() -> None:
    a = assess(
        NeutralityInput(
            offence="Hooliganism",
            facts="He took part in an unauthorised protest outside the parliament.",
        )
    )
    assert a.risk is RiskLevel.MEDIUM


# --- traps ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(offence="Illegal assembly of explosive devices"),
        NeutralityInput(offence="Fraud against the Salvation Army charity"),
        NeutralityInput(offence="Fraud", facts="Funds were moved through a third party."),
        NeutralityInput(offence="Сбыт крупной партии наркотиков"),
        NeutralityInput(offence="Murder", facts="He killed a journalist outside her home."),
        NeutralityInput(offence="Robbery", person_status="He is not a journalist."),
        NeutralityInput(offence="Fraud", facts="No political motive has been alleged."),
        NeutralityInput(
            offence="Money laundering", facts="Client was a politically exposed person."
        ),
        NeutralityInput(
            offence="Fraud", facts="He lodged an opposition to the extradition request."
        ),
        NeutralityInput(offence="Мошенничество", person_status="кандидат экономических наук"),
        NeutralityInput(offence="Fraud", facts="He fled to the desert after the robbery."),
    ],
)
def test_political_looking_words_in_ordinary_cases_are_not_flagged(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.LOW, a.reason_texts()


# --- refugee rule and flags ------------------------------------------------------


def test_refugee_status_against_requester_is_high_even_for_ordinary_crime() -> None:
    a = assess(NeutralityInput(offence="Fraud", refugee_status_against_requester=True))
    assert a.risk is RiskLevel.HIGH
    assert "refugee.status_against_requester" in codes(a)


def test_refugee_status_in_text_is_medium_for_verification() -> None:
    a = assess(NeutralityInput(offence="Fraud", facts="Он получил статус беженца в Германии."))
    assert a.risk is RiskLevel.MEDIUM
    assert "refugee.mentioned" in codes(a)


def test_election_period_flag_puts_a_case_under_review() -> None:
    a = assess(NeutralityInput(offence="Bribery", election_period=True))
    assert a.risk is RiskLevel.MEDIUM
    assert "context.election_period" in codes(a)


# --- Article 2 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "code"),
    [
        (
            NeutralityInput(offence="Murder", facts="The offence is punishable by death."),
            "human_rights.death_penalty",
        ),
        (
            NeutralityInput(offence="Убийство", facts="Грозит смертная казнь."),
            "human_rights.death_penalty",
        ),
        (
            NeutralityInput(offence="Robbery", facts="His confession was obtained under torture."),
            "human_rights.torture",
        ),
        (
            NeutralityInput(offence="Fraud", facts="He was convicted in absentia in 2019."),
            "human_rights.in_absentia",
        ),
        (NeutralityInput(offence="Кража", facts="Осужден заочно."), "human_rights.in_absentia"),
        (
            NeutralityInput(offence="Theft", facts="Sentenced to 100 lashes."),
            "human_rights.disproportionate",
        ),
    ],
)
def test_human_rights_concerns_are_medium(case: NeutralityInput, code: str) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.MEDIUM
    assert code in codes(a)


def test_russian_arrest_in_absentia_is_routine_not_a_concern() -> None:
    a = assess(NeutralityInput(offence="Мошенничество", facts="Заочно арестован судом."))
    assert a.risk is RiskLevel.LOW


# --- reasons and contract -------------------------------------------------------------


def test_empty_input_is_low_and_says_so() -> None:
    a = assess(NeutralityInput())
    assert a.risk is RiskLevel.LOW
    assert not a.needs_review
    assert a.reasons and a.reasons[0].code == "none.no_indicator"


def test_reasons_quote_the_original_words_and_cite_a_source() -> None:
    a = assess(NeutralityInput(offence="Оскорбление Президента Республики"))
    reason = next(r for r in a.reasons if r.code == "political.insult_official")
    assert reason.evidence == "Оскорбление Президента"
    assert "Оскорбление Президента" in reason.text
    assert "art. 3" in reason.source
    assert reason.category == "political"


def test_json_contract_line() -> None:
    a = assess(NeutralityInput(offence="Desertion"))
    line = assessment_to_json("REQ-1", a)
    assert line == {
        "id": "REQ-1",
        "risk": "high",
        "needs_review": True,
        "reasons": a.reason_texts(),
    }
    assert all(isinstance(t, str) and t for t in line["reasons"])  # type: ignore[union-attr]


# --- other working languages and regressions -------------------------------------


@pytest.mark.parametrize(
    ("case", "code"),
    [
        (NeutralityInput(offence="Outrage au chef de l'État"), "political.insult_official"),
        (NeutralityInput(offence="Désertion"), "military.desertion"),
        (NeutralityInput(offence="Injurias al presidente"), "political.insult_official"),
        (NeutralityInput(offence="Blasfemia"), "religious.blasphemy"),
        (NeutralityInput(offence="إهانة رئيس الدولة"), "political.insult_official"),
        (NeutralityInput(offence="ازدراء الأديان"), "religious.blasphemy"),
        (NeutralityInput(offence="المشاركة في مظاهرة"), "political.assembly"),
    ],
)
def test_french_spanish_arabic_keywords(case: NeutralityInput, code: str) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.HIGH
    assert code in codes(a)


def test_arabic_context_word_with_article_and_suffix() -> None:
    a = assess(NeutralityInput(offence="الاحتيال", person_status="الصحفيين"))
    assert "context.journalist" in codes(a)
    assert a.risk is RiskLevel.MEDIUM


def test_violent_robbery_is_not_a_torture_allegation() -> None:
    a = assess(
        NeutralityInput(
            offence="Грабёж с применением насилия", legal_provisions="п. «г» ч. 2 ст. 161 УК РФ"
        )
    )
    assert a.risk is RiskLevel.LOW


def test_denial_written_after_the_finding_is_respected() -> None:
    a = assess(
        NeutralityInput(offence="Мошенничество", facts="Политических мотивов не усматривается.")
    )
    assert a.risk is RiskLevel.LOW


def test_pretending_to_be_a_journalist_is_not_being_one() -> None:
    a = assess(
        NeutralityInput(offence="Fraud", facts="Posed as a journalist to reach wealthy victims.")
    )
    assert a.risk is RiskLevel.LOW


def test_accents_and_yo_are_folded() -> None:
    assert "political.assembly" in codes(
        assess(NeutralityInput(offence="manifestation non autorisée"))
    )
    assert "military.desertion" in codes(
        assess(NeutralityInput(offence="Дезертирство, ушёл из части"))
    )


def test_many_hits_of_one_rule_make_one_reason_quoting_each() -> None:
    a = assess(NeutralityInput(offence="Desertion", facts="A deserter; desertion in wartime."))
    reasons = [r for r in a.reasons if r.code == "military.desertion"]
    assert len(reasons) == 1
    assert "Desertion" in reasons[0].evidence and "deserter" in reasons[0].evidence


# --- properties and article parsing ------------------------------------------------

_WORDS = [
    *"abcdefghijklmnopqrstuvwxyz .,;:()«»-/'\n0123456789ёЁйЙ",
    *"абвгдежзиклмнопрстуфхцчшщыэюя",
    "ст. ",
    "УК РФ",
    "art. ",
    "protest ",
    "митинг ",
    "journalist ",
    "not ",
    "не ",
    "فيديو ",
]
_text = st.lists(st.sampled_from(_WORDS), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    offence=_text,
    provisions=_text,
    facts=_text,
    status=_text,
    refugee=st.booleans(),
    election=st.booleans(),
)
def test_any_input_gives_a_consistent_assessment(
    offence: str, provisions: str, facts: str, status: str, refugee: bool, election: bool
) -> None:
    a = assess(
        NeutralityInput(
            offence=offence,
            legal_provisions=provisions,
            facts=facts,
            person_status=status,
            refugee_status_against_requester=refugee,
            election_period=election,
        )
    )
    assert a.needs_review == (a.risk is not RiskLevel.LOW)
    assert a.reasons
    assert all(r.text and r.source for r in a.reasons)
    if refugee:
        assert a.risk is RiskLevel.HIGH
    elif election:
        assert a.risk is not RiskLevel.LOW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ч. 2 ст. 212 УК РФ", [("RU", "212")]),
        ("ст. 280.3, ч. 1 ст. 207.3 УК РФ", [("RU", "280.3"), ("RU", "207.3")]),
        ("ст. 280³ УК РФ", [("RU", "280.3")]),
        ("ст. 361-1 УК РБ", [("BY", "361.1")]),
        ("arts. 280 and 282 of the Russian Criminal Code", [("RU", "280"), ("RU", "282")]),
        ("ст. 159.4 УК РФ", [("RU", "159")]),  # sub-article falls back to its base
        ("TCK madde 216/3", [("TR", "216")]),  # /3 is a paragraph, not an article
        ("Article 212 part 2 of the Criminal Code of the Russian Federation", [("RU", "212")]),
        ("ст. 319 УК РФ; Article 299 Turkish Penal Code", [("RU", "319"), ("TR", "299")]),
        ("Article 319", []),
    ],
)
def test_find_articles(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(h.article.code, h.article.article) for h in find_articles(text)]
    assert found == expected


def test_every_article_maps_to_a_known_rule() -> None:
    known = {r.code for r in ALL_RULES}
    assert {a.rule for a in ARTICLES.values()} <= known
