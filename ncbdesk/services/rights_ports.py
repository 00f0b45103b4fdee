"""The ports the retention and data-subject services need beyond the common unit of work."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from ncbdesk.domain.rights import SubjectRequest
from ncbdesk.services.ports import Page, UnitOfWork


class SubjectRequestRepository(Protocol):
    def add(self, request: SubjectRequest) -> None: ...
    def get(self, request_id: str) -> SubjectRequest | None: ...
    def update(self, request: SubjectRequest) -> None:
        """Store at version + 1; Conflict when someone saved it meanwhile."""

    def list(
        self, bureau: str, open_only: bool, offset: int, limit: int
    ) -> Page[SubjectRequest]: ...


class RetentionQueries(Protocol):
    def persons_due(self, owner: str, until: date, offset: int, limit: int) -> Page[str]:
        """Ids of `owner`'s persons whose review date is on or before `until`, soonest first."""


class RightsUnitOfWork(UnitOfWork, Protocol):
    @property
    def subject_requests(self) -> SubjectRequestRepository: ...
    @property
    def retention(self) -> RetentionQueries: ...


__all__ = ["RetentionQueries", "RightsUnitOfWork", "SubjectRequestRepository"]
