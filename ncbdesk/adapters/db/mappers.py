"""Explicit row ↔ domain object mappers (STYLE 2: plain objects, mapped at the edge)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.notices import (
    AssessmentRecord,
    Decision,
    JudicialData,
    Notice,
    NoticeContext,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    Review,
    StatusChange,
)
from ncbdesk.domain.persons import (
    DocumentType,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    PhysicalDescription,
    Sex,
)
from ncbdesk.domain.scripts import Script
from ncbdesk.domain.security import Handling, HandlingCode


def aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; everything is stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def handling_from_row(row: Any) -> Handling:
    return Handling(
        codes=[HandlingCode(c) for c in (row.handling_codes or [])],
        restrictions=row.restrictions or "",
    )


def person_row(p: Person, search_text: str) -> dict[str, Any]:
    d = p.description
    return {
        "id": p.id,
        "external_id": p.external_id,
        "owner_bureau": p.owner_bureau,
        "sex": p.sex.value,
        "place_of_birth": p.place_of_birth,
        "description": {
            "height_cm": d.height_cm,
            "weight_kg": d.weight_kg,
            "eye_colour": d.eye_colour,
            "hair_colour": d.hair_colour,
            "distinguishing_marks": d.distinguishing_marks,
        },
        "notes": p.notes,
        "handling_codes": [c.value for c in p.handling.codes],
        "restrictions": p.handling.restrictions,
        "review_on": p.review_on,
        "search_text": search_text,
        "sort_name": p.primary_name.full.casefold()[:300],
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        "version": p.version,
    }


def person_children(p: Person) -> dict[str, list[dict[str, Any]]]:
    return {
        "names": [
            {
                "person_id": p.id,
                "position": i,
                "full": n.full,
                "kind": n.kind.value,
                "given": n.given,
                "family": n.family,
                "patronymic": n.patronymic,
                "script": (n.script or Script.OTHER).value,
                "scheme": n.scheme,
            }
            for i, n in enumerate(p.names)
        ],
        "birth_dates": [
            {"person_id": p.id, "position": i, "value": bd.iso()}
            for i, bd in enumerate(p.birth_dates)
        ],
        "nationalities": [
            {"person_id": p.id, "position": i, "country": c} for i, c in enumerate(p.nationalities)
        ],
        "documents": [
            {
                "person_id": p.id,
                "position": i,
                "type": doc.type.value,
                "number": doc.number,
                "number_norm": doc.normalised_number,
                "issuing_country": doc.issuing_country,
                "valid_from": doc.valid_from,
                "valid_until": doc.valid_until,
            }
            for i, doc in enumerate(p.documents)
        ],
    }


def person_from_rows(
    row: Any,
    names: list[Any],
    birth_dates: list[Any],
    nationalities: list[Any],
    documents: list[Any],
) -> Person:
    desc = row.description or {}
    return Person(
        id=row.id,
        external_id=row.external_id,
        owner_bureau=row.owner_bureau,
        sex=Sex(row.sex),
        place_of_birth=row.place_of_birth,
        description=PhysicalDescription(
            height_cm=desc.get("height_cm"),
            weight_kg=desc.get("weight_kg"),
            eye_colour=desc.get("eye_colour", ""),
            hair_colour=desc.get("hair_colour", ""),
            distinguishing_marks=desc.get("distinguishing_marks", ""),
        ),
        notes=row.notes,
        handling=handling_from_row(row),
        review_on=row.review_on,
        names=[
            PersonName(
                full=n.full,
                kind=NameKind(n.kind),
                given=n.given,
                family=n.family,
                patronymic=n.patronymic,
                script=Script(n.script),
                scheme=n.scheme,
            )
            for n in sorted(names, key=lambda r: r.position)
        ],
        birth_dates=[
            PartialDate.parse(b.value) for b in sorted(birth_dates, key=lambda r: r.position)
        ],
        nationalities=[c.country for c in sorted(nationalities, key=lambda r: r.position)],
        documents=[
            IdentityDocument(
                number=d.number,
                type=DocumentType(d.type),
                issuing_country=d.issuing_country,
                valid_from=d.valid_from,
                valid_until=d.valid_until,
            )
            for d in sorted(documents, key=lambda r: r.position)
        ],
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        version=row.version,
    )


def judicial_to_json(j: JudicialData | None) -> dict[str, Any] | None:
    if j is None:
        return None
    return {
        "offence": j.offence,
        "facts": j.facts,
        "legal_provisions": j.legal_provisions,
        "max_penalty_months": j.max_penalty_months,
        "sentence_imposed_months": j.sentence_imposed_months,
        "sentence_remaining_months": j.sentence_remaining_months,
        "warrant_reference": j.warrant_reference,
        "issuing_authority": j.issuing_authority,
        "warrant_date": j.warrant_date.isoformat() if j.warrant_date else None,
        "extradition_countries": list(j.extradition_countries),
    }


def judicial_from_json(data: dict[str, Any] | None) -> JudicialData | None:
    if data is None:
        return None
    warrant_date = data.get("warrant_date")
    return JudicialData(
        offence=data.get("offence", ""),
        facts=data.get("facts", ""),
        legal_provisions=data.get("legal_provisions", ""),
        max_penalty_months=data.get("max_penalty_months"),
        sentence_imposed_months=data.get("sentence_imposed_months"),
        sentence_remaining_months=data.get("sentence_remaining_months"),
        warrant_reference=data.get("warrant_reference", ""),
        issuing_authority=data.get("issuing_authority", ""),
        warrant_date=date.fromisoformat(warrant_date) if warrant_date else None,
        extradition_countries=list(data.get("extradition_countries", [])),
    )


def notice_row(n: Notice) -> dict[str, Any]:
    return {
        "id": n.id,
        "type": n.type.value,
        "kind": n.kind.value,
        "status": n.status.value,
        "owner_bureau": n.owner_bureau,
        "title": n.title,
        "summary": n.summary,
        "reference": n.reference or None,
        "recipient_countries": list(n.recipient_countries),
        "judicial": judicial_to_json(n.judicial),
        "handling_codes": [c.value for c in n.handling.codes],
        "restrictions": n.handling.restrictions,
        "context": {
            "person_status": n.context.person_status,
            "refugee_status_against_requester": n.context.refugee_status_against_requester,
            "requester_restrictions": n.context.requester_restrictions,
            "election_period": n.context.election_period,
        },
        "assessment": (
            {
                "risk": n.assessment.risk,
                "needs_review": n.assessment.needs_review,
                "reasons": list(n.assessment.reasons),
                "at": n.assessment.at.isoformat(),
            }
            if n.assessment
            else None
        ),
        "published_on": n.published_on,
        "valid_until": n.valid_until,
        "created_at": n.created_at,
        "updated_at": n.updated_at,
        "version": n.version,
    }


def _assessment(data: dict[str, Any] | None) -> AssessmentRecord | None:
    if not data:
        return None
    return AssessmentRecord(
        risk=data["risk"],
        needs_review=bool(data["needs_review"]),
        reasons=list(data.get("reasons", [])),
        at=aware(datetime.fromisoformat(data["at"])),
    )


def review_rows(n: Notice) -> list[dict[str, Any]]:
    return [
        {
            "notice_id": n.id,
            "position": i,
            "at": r.at,
            "by": r.by,
            "decision": r.decision.value,
            "reasons": r.reasons,
            "risk": r.risk,
        }
        for i, r in enumerate(n.reviews)
    ]


def notice_from_rows(
    row: Any, subjects: list[Any], history: list[Any], reviews: list[Any] | None = None
) -> Notice:
    ctx = row.context or {}
    return Notice(
        context=NoticeContext(
            person_status=ctx.get("person_status", ""),
            refugee_status_against_requester=bool(ctx.get("refugee_status_against_requester")),
            requester_restrictions=ctx.get("requester_restrictions", ""),
            election_period=bool(ctx.get("election_period")),
        ),
        assessment=_assessment(row.assessment),
        reviews=[
            Review(aware(r.at), r.by, Decision(r.decision), r.reasons, r.risk)
            for r in sorted(reviews or [], key=lambda r: r.position)
        ],
        id=row.id,
        type=NoticeType(row.type),
        kind=NoticeKind(row.kind),
        status=NoticeStatus(row.status),
        owner_bureau=row.owner_bureau,
        title=row.title,
        summary=row.summary,
        reference=row.reference or "",
        recipient_countries=list(row.recipient_countries or []),
        judicial=judicial_from_json(row.judicial),
        handling=handling_from_row(row),
        published_on=row.published_on,
        valid_until=row.valid_until,
        subject_ids=[s.person_id for s in sorted(subjects, key=lambda r: r.position)],
        history=[
            StatusChange(NoticeStatus(h.status), aware(h.at), h.by, h.reason)
            for h in sorted(history, key=lambda r: r.position)
        ],
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        version=row.version,
    )
