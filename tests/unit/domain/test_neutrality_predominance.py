"""The predominance test as the screen applies it: violence outweighs words
about other people, never the person's own status, motive or timing."""

import pytest

from ncbdesk.domain.neutrality import Assessment, NeutralityInput, RiskLevel, assess


def codes(a: Assessment) -> set[str]:
    return {r.code for r in a.reasons}


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(offence="Grievous bodily harm", facts="Broke a blogger's nose in a queue."),
        NeutralityInput(offence="Умышленное убийство", facts="Задушил редактора из ревности."),
        NeutralityInput(offence="Arson", facts="Burned down a synagogue's rabbi's garage."),
        NeutralityInput(offence="Homicidio", facts="Mató a un periodista en un robo."),
    ],
)
def test_violent_crime_outweighs_others_named_in_the_facts(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.LOW
    assert "predominance.violent_crime" in codes(a)
    # the words are still quoted for whoever reads the assessment
    assert any("predominates" in text for text in a.reason_texts())


@pytest.mark.parametrize(
    "case",
    [
        # the person's own status is never outweighed
        NeutralityInput(
            offence="Grievous bodily harm", facts="Hit a man at a march.", person_status="Blogger"
        ),
        # a motive is never outweighed
        NeutralityInput(offence="Murder", facts="Politically motivated charges, says his lawyer."),
        # nor a human-rights concern
        NeutralityInput(offence="Murder of a journalist", facts="He faces the death penalty."),
        # nor refugee status
        NeutralityInput(
            offence="Assault",
            facts="Beat a reporter.",
            refugee_status_against_requester=True,
        ),
    ],
)
def test_violence_does_not_outweigh_the_persons_own_context(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.needs_review
    assert "predominance.violent_crime" not in codes(a)


def test_non_violent_crime_with_a_journalist_in_the_facts_still_goes_to_review() -> None:
    a = assess(
        NeutralityInput(
            offence="Fraud", facts="Rented out a journalist's flat without his consent."
        )
    )
    assert a.risk is RiskLevel.MEDIUM


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(offence="Tax evasion", facts="Charged a month after he announced a bid."),
        NeutralityInput(
            offence="Embezzlement", facts="The case followed his criticism of the mayor."
        ),
        NeutralityInput(
            offence="Fraud", facts="Indicted shortly after he defected to the opposition."
        ),
        NeutralityInput(
            offence="Растрата",
            facts="Дело возбуждено после того, как он раскритиковал губернатора.",
        ),
        NeutralityInput(
            offence="Уклонение от уплаты налогов",
            facts="Обвинение предъявлено после его выдвижения в губернаторы.",
        ),
    ],
)
def test_proceedings_after_a_political_act_go_to_review(case: NeutralityInput) -> None:
    a = assess(case)
    assert a.risk is RiskLevel.MEDIUM
    assert codes(a) & {"context.retaliation", "context.opposition"}


def test_a_former_minister_charged_with_embezzlement_is_reviewed() -> None:
    a = assess(
        NeutralityInput(
            offence="Embezzlement of public funds",
            facts="Diverted road-building money while in office.",
            person_status="Former minister of finance",
        )
    )
    assert a.risk is RiskLevel.MEDIUM
    assert "context.former_official" in codes(a)
    assert "predominance.review" in codes(a)


@pytest.mark.parametrize(
    "case",
    [
        NeutralityInput(offence="Fraud", facts="Filed a bogus asylum claim to draw benefits."),
        NeutralityInput(
            offence="Мошенничество",
            facts="Оформил фиктивное заявление о предоставлении убежища ради пособия.",
        ),
    ],
)
def test_a_forged_asylum_claim_is_the_object_not_the_persons_status(
    case: NeutralityInput,
) -> None:
    assert assess(case).risk is RiskLevel.LOW


@pytest.mark.parametrize(
    ("case", "code"),
    [
        (
            NeutralityInput(offence="Murder", facts="Punishable there by public execution."),
            "human_rights.death_penalty",
        ),
        (
            NeutralityInput(offence="Robbery", facts="Confessed after sleep deprivation."),
            "human_rights.torture",
        ),
        (
            NeutralityInput(offence="Разбой", facts="Признался после лишения сна."),
            "human_rights.torture",
        ),
        (
            NeutralityInput(offence="Кража", facts="Имеет временную защиту в Польше."),
            "refugee.mentioned",
        ),
        (
            NeutralityInput(offence="Desacato", facts="Criticó al ministro."),
            "political.insult_official",
        ),
    ],
)
def test_wording_added_after_the_holdouts(case: NeutralityInput, code: str) -> None:
    a = assess(case)
    assert a.needs_review
    assert code in codes(a)


def test_russian_traffic_offence_is_ordinary() -> None:
    a = assess(NeutralityInput(offence="Нарушение правил дорожного движения, повлёкшее смерть"))
    assert a.risk is RiskLevel.LOW
