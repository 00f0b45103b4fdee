"""Rule families added after the blind holdout6 batch: consensual conduct
between adults, sorcery, reservist call-ups, minority languages, banned groups
in Arabic, Uzbek code articles, violence against an official (art. 318 of
the Russian code), refugees named in the plural, and things or staff *of* a
status holder."""

import pytest

from ncbdesk.domain.neutrality import Assessment, NeutralityInput, RiskLevel, assess


def codes(a: Assessment) -> set[str]:
    return {r.code for r in a.reasons}


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(offence="Sodomy", legal_provisions="Section 377 Penal Code"),
        NeutralityInput(offence="Gross indecency between men"),
        NeutralityInput(offence="Мужеложство", facts="Связь с партнёром длилась три года."),
        NeutralityInput(offence="Однополые отношения"),
        NeutralityInput(offence="Adultère"),
        NeutralityInput(offence="Adulterio"),
        NeutralityInput(offence="الزنا"),
        NeutralityInput(offence="Habitual debauchery", facts="Met men through a dating app."),
    ],
)
def test_consensual_conduct_between_adults_is_an_article_2_concern(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.needs_review
    assert "human_rights.private_conduct" in codes(a)
    assert "unrecognised.charge" not in codes(a)


@pytest.mark.parametrize(
    "case",
    [
        # forced sodomy is sexual violence, an ordinary crime
        NeutralityInput(offence="Forcible sodomy", facts="Raped a man at knifepoint."),
        # art. 132 of the Russian code names the act beside violence
        NeutralityInput(
            offence="Насильственные действия сексуального характера",
            legal_provisions="ч. 1 ст. 132 УК РФ",
            facts="Мужеложство с применением насилия в отношении потерпевшего.",
        ),
        NeutralityInput(offence="Rape", facts="Non-consensual intercourse with a woman."),
    ],
)
def test_sexual_violence_is_not_private_conduct(case: NeutralityInput) -> None:
    assert "human_rights.private_conduct" not in codes(assess(case))


@pytest.mark.parametrize(
    "offence", ["Practising witchcraft", "Колдовство", "Brujería", "Sorcellerie", "السحر"]
)
def test_sorcery_is_a_religious_offence(offence: str) -> None:
    a = assess(NeutralityInput(offence=offence))
    assert a.risk is RiskLevel.HIGH
    assert "religious.sorcery" in codes(a)


def test_a_political_witch_hunt_is_not_sorcery() -> None:
    a = assess(NeutralityInput(offence="Fraud", facts="His lawyer speaks of a witch hunt."))
    assert "religious.sorcery" not in codes(a)


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(offence="Failure to attend reservist exercises in 2022"),
        NeutralityInput(offence="Ignored the call-up for reserve training three times"),
        NeutralityInput(offence="Неявка на военные сборы", facts="Не явился на военные сборы."),
    ],
)
def test_reservist_call_ups_are_military(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.HIGH
    assert "military.draft_evasion" in codes(a)


def test_teaching_a_minority_language_is_racial() -> None:
    a = assess(NeutralityInput(offence="Taught the Amazigh language to village children"))
    assert a.needs_review
    assert "racial.racial_character" in codes(a)


def test_joining_a_banned_group_in_arabic() -> None:
    a = assess(NeutralityInput(offence="الانتماء إلى تنظيم محظور"))
    assert a.risk is RiskLevel.HIGH
    assert "political.banned_association" in codes(a)


def test_shaking_a_muslims_faith_is_proselytism() -> None:
    a = assess(NeutralityInput(offence="Ébranlement de la foi d'un musulman"))
    assert "religious.proselytism" in codes(a)


@pytest.mark.parametrize(
    ("provisions", "rule", "risk"),
    [
        ("ст. 216-2 УК Республики Узбекистан", "religious.proselytism", RiskLevel.HIGH),
        ("art. 244-2 Criminal Code of Uzbekistan", "religious.banned_group", RiskLevel.HIGH),
        ("ст. 158 ч. 3 УК РУз", "political.insult_official", RiskLevel.HIGH),
        ("ст. 168 УК Республики Узбекистан", "ordinary.fraud", RiskLevel.LOW),
    ],
)
def test_uzbek_code_articles(provisions: str, rule: str, risk: RiskLevel) -> None:
    a = assess(NeutralityInput(offence="", legal_provisions=provisions))
    assert rule in codes(a)
    assert a.risk is risk


def test_violence_against_an_official_is_ordinary_on_its_own() -> None:
    a = assess(
        NeutralityInput(
            offence="Применение насилия в отношении представителя власти",
            legal_provisions="ч. 1 ст. 318 УК РФ",
            facts="Толкнул инспектора ДПС при проверке документов.",
        )
    )
    assert a.risk is RiskLevel.LOW
    assert "ordinary.violence_official" in codes(a)


def test_violence_against_an_official_never_outweighs_a_protest() -> None:
    a = assess(
        NeutralityInput(
            offence="Применение насилия в отношении представителя власти",
            legal_provisions="ч. 1 ст. 318 УК РФ",
            facts="Толкнул полицейского, задерживавшего протестующих.",
        )
    )
    assert a.needs_review
    assert "predominance.violent_crime" not in codes(a)


@pytest.mark.parametrize(
    "facts", ["Ударил ножом соседа в подъезде.", "Нанёс ножевое ранение охраннику."]
)
def test_knife_wounds_are_recognised_as_violence(facts: str) -> None:
    a = assess(NeutralityInput(offence="Покушение", facts=facts))
    assert "ordinary.violence" in codes(a)
    assert "unrecognised.charge" not in codes(a)


@pytest.mark.parametrize(
    "facts",
    [
        "Transported refugees across the border in a lorry for money.",
        "Перевозил беженцев через границу за деньги.",
    ],
)
def test_refugees_in_the_plural_are_others(facts: str) -> None:
    a = assess(NeutralityInput(offence="Smuggling of migrants", facts=facts))
    assert "refugee.mentioned" not in codes(a)
    assert a.risk is RiskLevel.LOW


@pytest.mark.parametrize(
    "facts",
    [
        "Fraud in 2016; he is a recognised refugee in Norway.",
        "Мошенничество в 2016 году; получил статус беженца в Норвегии.",
        "Escroquerie; il est réfugié en France.",
    ],
)
def test_the_persons_own_refugee_status_is_singular(facts: str) -> None:
    a = assess(NeutralityInput(offence="Fraud", facts=facts))
    assert "refugee.mentioned" in codes(a)
    assert a.needs_review


def test_forged_papers_are_things_but_forged_evidence_is_a_warning() -> None:
    things = assess(NeutralityInput(offence="Forgery", facts="Sold forged asylum certificates."))
    assert "refugee.mentioned" not in codes(things)
    evidence = assess(
        NeutralityInput(offence="Fraud", facts="His lawyer says the police forged evidence.")
    )
    assert "context.political_circumstances" in codes(evidence)
    assert evidence.needs_review


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(
            offence="Drug trafficking", facts="Hid cocaine in the car of a former minister."
        ),
        NeutralityInput(
            offence="Контрабанда наркотиков", facts="Прятал кокаин в машине бывшего министра."
        ),
        NeutralityInput(
            offence="Drug trafficking",
            facts="Caught with heroin.",
            person_status="Chauffeur of a member of parliament",
        ),
        NeutralityInput(
            offence="Незаконный сбыт наркотиков",
            facts="Хранил гашиш.",
            person_status="водитель депутата",
        ),
        NeutralityInput(
            offence="Fraud",
            facts="Used the name of a member of parliament, who is not implicated.",
        ),
        NeutralityInput(
            offence="Мошенничество", facts="Ссылался на депутата, который к делу не причастен."
        ),
    ],
)
def test_things_staff_and_uninvolved_office_holders_are_not_the_persons_status(
    case: NeutralityInput,
) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.LOW, a.reason_texts()


def test_car_is_a_whole_word_not_the_start_of_career() -> None:
    a = assess(
        NeutralityInput(
            offence="Fraud", facts="Lied about his career of an opposition politician for years."
        )
    )
    assert "context.opposition" in codes(a)
