"""The ports the request services depend on: the repository and file storage."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from ncbdesk.domain.requests import (
    Attachment,
    Direction,
    Message,
    Request,
    RequestHit,
    RequestStatus,
    RequestType,
)
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.services.ports import Page


@dataclass(frozen=True)
class RequestFilter:
    text: str = ""  # full text over the request and its messages
    type: RequestType | None = None
    status: RequestStatus | None = None
    statuses: frozenset[RequestStatus] = frozenset()  # any of these
    direction: Direction | None = None
    country: str = ""
    assignee: str = ""
    queue: str = ""
    received_from: datetime | None = None
    received_to: datetime | None = None  # exclusive
    due_before: datetime | None = None  # due before this moment (overdue, due soon)
    due_from: datetime | None = None  # due at or after this moment (due soon)
    escalated: bool | None = None
    owner_bureau: str = ""
    forwarded_from: str = ""  # the copies that pass this request on


class RequestOrder:
    RECEIVED_DESC = "received_desc"  # lists: newest first
    DUE_ASC = "due_asc"  # queues: most urgent first


@dataclass(frozen=True)
class KeyCount:
    key: str
    count: int


@dataclass(frozen=True)
class MonthCount:
    month: int  # 1–12
    key: str
    count: int


@dataclass(frozen=True)
class RequestPage(Page[Request]):
    """A page of a full-text search: `total` counts at most the newest matches the
    repository lists, and `more` says that more matched."""

    more: bool = False


@dataclass(frozen=True)
class RawRequestStats:
    """What the repository counts for a year (months in the bureau's zone); the
    service shapes it for people."""

    by_type: Sequence[tuple[int, str, int]] = ()  # (month, type, received)
    by_direction: Sequence[tuple[int, str, int, int, int, int]] = ()
    # (month, direction, received, answered, answered with a deadline, in time)
    by_country: Sequence[tuple[int, str, int]] = ()  # (month, country, received)
    handled: Sequence[tuple[int, int, int]] = ()  # (month, bucket's lower minutes, how many)
    notices_by_type: dict[str, int] = field(default_factory=dict)
    notices_by_status: dict[str, int] = field(default_factory=dict)
    hits_by_status: dict[str, int] = field(default_factory=dict)  # raised in the year
    request_hits: int = 0  # possible hits shown on requests registered in the year
    wanted_found: int = 0  # hits on wanted-person notices confirmed in the year


class RequestRepository(Protocol):
    def add(self, request: Request) -> None: ...
    def add_many(self, batch: Sequence[Request]) -> None: ...
    def get(self, request_id: str) -> Request | None:
        """The request with its messages, attachments and hits."""
        ...

    def update(self, request: Request) -> None:
        """Write the request row; `request.version` was bumped; Conflict when stale."""
        ...

    def add_message(self, request_id: str, message: Message) -> None: ...
    def add_attachment(self, request_id: str, attachment: Attachment) -> None: ...
    def get_attachment(self, request_id: str, attachment_id: str) -> Attachment | None: ...
    def add_hits(self, request_id: str, hits: Sequence[RequestHit]) -> None: ...
    def list(
        self,
        filter: RequestFilter,
        offset: int,
        limit: int,
        order: str = RequestOrder.RECEIVED_DESC,
    ) -> Page[Request]:
        """Requests without their threads, for lists and queues."""
        ...

    def rules(self) -> builtins.list[RoutingRule]: ...
    def get_rule(self, rule_id: str) -> RoutingRule | None: ...
    def add_rule(self, rule: RoutingRule) -> None: ...
    def update_rule(self, rule: RoutingRule) -> None: ...
    def delete_rule(self, rule_id: str) -> None: ...
    def statistics(self, year: int, zone: str = "UTC") -> RawRequestStats: ...


class StoragePort(Protocol):
    """Where attachment bytes live (ncbdesk.adapters.storage.FolderStorage)."""

    def put(self, data: bytes) -> str: ...
    def get(self, key: str, sha256: str | None = None) -> bytes: ...
    def delete(self, key: str) -> None: ...
