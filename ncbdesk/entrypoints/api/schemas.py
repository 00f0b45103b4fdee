"""The API's wire format. Not domain objects: built by explicit from_domain()/to_domain()."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ncbdesk.domain.dates import PartialDate, PartialDateError
from ncbdesk.domain.errors import Problems, ValidationFailed
from ncbdesk.domain.hits import PossibleHit
from ncbdesk.domain.notices import (
    CancelReason,
    Decision,
    JudicialData,
    Notice,
    NoticeContext,
    NoticeKind,
    NoticeStatus,
    NoticeType,
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

T = TypeVar("T")

_strict = ConfigDict(extra="forbid")


class NameSchema(BaseModel):
    model_config = _strict
    full: str = Field("", max_length=1000, description="The name as written, in its own script.")
    kind: NameKind = NameKind.PRIMARY
    given: str = Field("", max_length=1000)
    family: str = Field("", max_length=1000)
    patronymic: str = Field("", max_length=1000)
    scheme: str = Field("", max_length=100, description="Transliteration scheme, if any.")


class NameOut(NameSchema):
    model_config = ConfigDict(extra="ignore")
    script: Script
    dir: str

    @classmethod
    def from_domain(cls, n: PersonName) -> NameOut:
        return cls(
            full=n.full,
            kind=n.kind,
            given=n.given,
            family=n.family,
            patronymic=n.patronymic,
            scheme=n.scheme,
            script=n.script or Script.OTHER,
            dir=n.dir,
        )


class DocumentSchema(BaseModel):
    model_config = _strict
    number: str = Field(max_length=200)
    type: DocumentType = DocumentType.PASSPORT
    issuing_country: str | None = Field(None, max_length=10)
    valid_from: date | None = None
    valid_until: date | None = None


class DescriptionSchema(BaseModel):
    model_config = _strict
    height_cm: int | None = None
    weight_kg: int | None = None
    eye_colour: str = Field("", max_length=100)
    hair_colour: str = Field("", max_length=100)
    distinguishing_marks: str = Field("", max_length=5000)


class HandlingSchema(BaseModel):
    """The owner's restrictions (Europol-style handling codes H0, H1, H2)."""

    model_config = _strict
    codes: list[HandlingCode] = Field(default_factory=list, max_length=3)
    restrictions: str = Field("", max_length=4000, description="The text of H2 restrictions.")

    def to_domain(self) -> Handling:
        return Handling(codes=list(dict.fromkeys(self.codes)), restrictions=self.restrictions)

    @classmethod
    def from_domain(cls, h: Handling) -> HandlingSchema:
        return cls(codes=list(h.codes), restrictions=h.restrictions)


class PersonIn(BaseModel):
    """A person as a client sends it. Dates of birth: "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""

    model_config = _strict
    names: list[NameSchema] = Field(min_length=1, max_length=100)
    birth_dates: list[str] = Field(default_factory=list, max_length=20)
    place_of_birth: str = Field("", max_length=1000)
    nationalities: list[str] = Field(default_factory=list, max_length=20)
    sex: Sex = Sex.UNKNOWN
    documents: list[DocumentSchema] = Field(default_factory=list, max_length=50)
    description: DescriptionSchema = Field(default_factory=lambda: DescriptionSchema())
    notes: str = Field("", max_length=10000)
    handling: HandlingSchema | None = Field(
        None, description="Handling codes; left out on update, the stored ones stay."
    )
    owner_bureau: str | None = Field(
        None, max_length=10, description="Defaults to this bureau; only on create."
    )
    version: int | None = Field(None, description="On update: the version you edited.")

    def to_domain(self, default_owner: str) -> Person:
        p = Problems()
        dates: list[PartialDate] = []
        for i, raw in enumerate(self.birth_dates):
            try:
                dates.append(PartialDate.parse(raw))
            except PartialDateError as exc:
                p.add(f"birth_dates[{i}]", str(exc))
        person = Person(
            owner_bureau=self.owner_bureau or default_owner,
            names=[
                PersonName(
                    full=n.full,
                    kind=n.kind,
                    given=n.given,
                    family=n.family,
                    patronymic=n.patronymic,
                    scheme=n.scheme,
                )
                for n in self.names
            ],
            birth_dates=dates,
            place_of_birth=self.place_of_birth,
            nationalities=list(self.nationalities),
            sex=self.sex,
            documents=[IdentityDocument(**d.model_dump()) for d in self.documents],
            description=PhysicalDescription(**self.description.model_dump()),
            notes=self.notes,
            handling=self.handling.to_domain() if self.handling else Handling(),
        )
        # Report date problems together with the domain's own, in one answer.
        try:
            person.validate()
        except ValidationFailed as exc:
            p.extend(exc.errors)
        p.raise_if_any("The person record is not valid.")
        return person


class PersonOut(BaseModel):
    id: str
    external_id: str | None
    owner_bureau: str
    display_name: str
    names: list[NameOut]
    birth_dates: list[str]
    place_of_birth: str
    nationalities: list[str]
    sex: Sex
    documents: list[DocumentSchema]
    description: DescriptionSchema
    notes: str
    handling: HandlingSchema
    handling_labels: list[str]
    review_on: date | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def from_domain(cls, p: Person) -> PersonOut:
        return cls(
            id=p.id,
            external_id=p.external_id,
            owner_bureau=p.owner_bureau,
            display_name=p.display_name,
            names=[NameOut.from_domain(n) for n in p.names],
            birth_dates=[d.iso() for d in p.birth_dates],
            place_of_birth=p.place_of_birth,
            nationalities=list(p.nationalities),
            sex=p.sex,
            documents=[
                DocumentSchema(
                    number=d.number,
                    type=d.type,
                    issuing_country=d.issuing_country,
                    valid_from=d.valid_from,
                    valid_until=d.valid_until,
                )
                for d in p.documents
            ],
            description=DescriptionSchema(
                height_cm=p.description.height_cm,
                weight_kg=p.description.weight_kg,
                eye_colour=p.description.eye_colour,
                hair_colour=p.description.hair_colour,
                distinguishing_marks=p.description.distinguishing_marks,
            ),
            notes=p.notes,
            handling=HandlingSchema.from_domain(p.handling),
            handling_labels=p.handling.labels(),
            review_on=p.review_on,
            created_at=p.created_at,
            updated_at=p.updated_at,
            version=p.version,
        )


class JudicialSchema(BaseModel):
    model_config = _strict
    offence: str = Field("", max_length=5000)
    facts: str = Field("", max_length=20000)
    legal_provisions: str = Field("", max_length=5000)
    max_penalty_months: int | None = None
    sentence_imposed_months: int | None = None
    sentence_remaining_months: int | None = None
    warrant_reference: str = Field("", max_length=200)
    issuing_authority: str = Field("", max_length=500)
    warrant_date: date | None = None
    extradition_countries: list[str] = Field(default_factory=list, max_length=250)

    def to_domain(self) -> JudicialData:
        return JudicialData(**self.model_dump())

    @classmethod
    def from_domain(cls, j: JudicialData) -> JudicialSchema:
        return cls(
            offence=j.offence,
            facts=j.facts,
            legal_provisions=j.legal_provisions,
            max_penalty_months=j.max_penalty_months,
            sentence_imposed_months=j.sentence_imposed_months,
            sentence_remaining_months=j.sentence_remaining_months,
            warrant_reference=j.warrant_reference,
            issuing_authority=j.issuing_authority,
            warrant_date=j.warrant_date,
            extradition_countries=list(j.extradition_countries),
        )


class ContextSchema(BaseModel):
    """What the Article 3 assessment reads beside the judicial data."""

    model_config = _strict
    person_status: str = Field("", max_length=2000, description="Profession or standing.")
    refugee_status_against_requester: bool = False
    requester_restrictions: str = Field("", max_length=2000)
    election_period: bool = False


class AssessmentOut(BaseModel):
    risk: str
    needs_review: bool
    reasons: list[str]
    at: datetime


class ReviewOut(BaseModel):
    at: datetime
    by: str
    decision: Decision
    reasons: str
    risk: str


class DecisionIn(BaseModel):
    model_config = _strict
    decision: Decision
    reasons: str = Field(max_length=10000)


class RenewIn(BaseModel):
    model_config = _strict
    reasons: str = Field(max_length=10000)


class CancelIn(BaseModel):
    model_config = _strict
    reason: CancelReason
    details: str = Field("", max_length=5000)


class NoticeIn(BaseModel):
    model_config = _strict
    type: NoticeType
    kind: NoticeKind = NoticeKind.NOTICE
    title: str = Field(max_length=1000)
    summary: str = Field("", max_length=10000)
    reference: str = Field("", max_length=100)
    subject_ids: list[str] = Field(default_factory=list, max_length=50)
    recipient_countries: list[str] = Field(default_factory=list, max_length=250)
    judicial: JudicialSchema | None = None
    context: ContextSchema = Field(default_factory=lambda: ContextSchema())
    handling: HandlingSchema | None = None
    owner_bureau: str | None = Field(None, max_length=10)
    version: int | None = None

    def to_domain(self, default_owner: str) -> Notice:
        return Notice(
            type=self.type,
            kind=self.kind,
            owner_bureau=self.owner_bureau or default_owner,
            title=self.title,
            summary=self.summary,
            reference=self.reference.strip(),
            subject_ids=list(self.subject_ids),
            recipient_countries=list(self.recipient_countries),
            judicial=self.judicial.to_domain() if self.judicial else None,
            context=NoticeContext(**self.context.model_dump()),
            handling=self.handling.to_domain() if self.handling else Handling(),
        )


class StatusChangeOut(BaseModel):
    status: NoticeStatus
    at: datetime
    by: str
    reason: str


class NoticeOut(BaseModel):
    id: str
    type: NoticeType
    type_label: str
    kind: NoticeKind
    status: NoticeStatus
    owner_bureau: str
    title: str
    summary: str
    reference: str
    subject_ids: list[str]
    recipient_countries: list[str]
    judicial: JudicialSchema | None
    context: ContextSchema
    handling: HandlingSchema
    handling_labels: list[str]
    assessment: AssessmentOut | None
    needs_legal_review: bool
    reviews: list[ReviewOut]
    published_on: date | None
    valid_until: date | None
    review_due_on: date | None
    history: list[StatusChangeOut]
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def from_domain(cls, n: Notice) -> NoticeOut:
        return cls(
            id=n.id,
            type=n.type,
            type_label=n.type.label,
            kind=n.kind,
            status=n.status,
            owner_bureau=n.owner_bureau,
            title=n.title,
            summary=n.summary,
            reference=n.reference,
            subject_ids=list(n.subject_ids),
            recipient_countries=list(n.recipient_countries),
            judicial=JudicialSchema.from_domain(n.judicial) if n.judicial else None,
            context=ContextSchema(
                person_status=n.context.person_status,
                refugee_status_against_requester=n.context.refugee_status_against_requester,
                requester_restrictions=n.context.requester_restrictions,
                election_period=n.context.election_period,
            ),
            handling=HandlingSchema.from_domain(n.handling),
            handling_labels=n.handling.labels(),
            assessment=(
                AssessmentOut(
                    risk=n.assessment.risk,
                    needs_review=n.assessment.needs_review,
                    reasons=list(n.assessment.reasons),
                    at=n.assessment.at,
                )
                if n.assessment
                else None
            ),
            needs_legal_review=n.needs_legal_review,
            reviews=[
                ReviewOut(at=r.at, by=r.by, decision=r.decision, reasons=r.reasons, risk=r.risk)
                for r in n.reviews
            ],
            published_on=n.published_on,
            valid_until=n.valid_until,
            review_due_on=n.review_due_on,
            history=[
                StatusChangeOut(status=h.status, at=h.at, by=h.by, reason=h.reason)
                for h in n.history
            ],
            created_at=n.created_at,
            updated_at=n.updated_at,
            version=n.version,
        )


class PageOut(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


class ErrorDetail(BaseModel):
    field: str
    message: str
    line: int | None = None


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorOut(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorBody


class Health(BaseModel):
    status: str
    database: str
    persons: int
    notices: int


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


class PossibleHitOut(BaseModel):
    id: str
    notice_id: str
    subject_id: str
    person_id: str
    score: float
    reasons: list[str]
    source: str
    status: str
    created_at: datetime

    @classmethod
    def from_domain(cls, h: PossibleHit) -> PossibleHitOut:
        return cls(
            id=h.id,
            notice_id=h.notice_id,
            subject_id=h.subject_id,
            person_id=h.person_id,
            score=round(h.score, 4),
            reasons=list(h.reasons),
            source=h.source,
            status=h.status.value,
            created_at=h.created_at,
        )
