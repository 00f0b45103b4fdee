"""Attachments of requests: checked by content, stored under random keys, verified on read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ncbdesk.domain.errors import NcbError, NotFound
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import Attachment, Direction, Message, RequestStatus
from ncbdesk.domain.requests_files import check_file
from ncbdesk.domain.security import Permission
from ncbdesk.services import requests_core as core
from ncbdesk.services.access import authorize, check_owner, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.requests import RegistryConfig, make_attachment
from ncbdesk.services.requests_ports import StoragePort


def add_attachment(
    uow: UnitOfWork,
    actor: Actor,
    storage: StoragePort,
    request_id: str,
    file_name: str,
    data: bytes,
    config: RegistryConfig | None = None,
    message_id: str | None = None,
) -> Attachment:
    """Attach a file to a request (or one of its messages)."""
    authorize(uow, actor, Permission.REQUEST_WRITE, "request.attach", "request", request_id)
    config = config or RegistryConfig()
    with uow:
        request = uow.requests.get(request_id)
        if request is None:
            raise NotFound(f"No request with id {request_id}.")
        check_owner(uow, actor, request.owner_bureau, "request.attach", "request", request_id)
        if message_id is not None and message_id not in {m.id for m in request.messages}:
            raise NotFound(f"The request has no message with id {message_id}.")
        attachment = make_attachment(
            storage, data, file_name, config.attachment_max_bytes, actor.username
        )
        attachment.message_id = message_id
        try:
            uow.requests.add_attachment(request_id, attachment)
            uow.commit()
        except BaseException:
            storage.delete(attachment.storage_key)
            raise
    record(
        uow,
        actor,
        "request.attach",
        "request",
        request_id,
        attachment=attachment.id,
        sha256=attachment.sha256,
        size=attachment.size,
    )
    return attachment


def get_attachment(
    uow: UnitOfWork, actor: Actor, storage: StoragePort, request_id: str, attachment_id: str
) -> tuple[Attachment, bytes]:
    """The attachment and its bytes, refused if they no longer match the checksum."""
    authorize(uow, actor, Permission.REQUEST_READ, "request.download", "request", request_id)
    with uow:
        attachment = uow.requests.get_attachment(request_id, attachment_id)
    if attachment is None:
        raise NotFound(f"The request has no attachment with id {attachment_id}.")
    data = storage.get(attachment.storage_key, attachment.sha256)
    record(uow, actor, "request.download", "request", request_id, attachment=attachment_id)
    return attachment, data


def add_message_with_files(
    uow: UnitOfWork,
    actor: Actor,
    storage: StoragePort,
    request_id: str,
    message: Message,
    files: Sequence[tuple[str, bytes]] = (),
    config: RegistryConfig | None = None,
    now: datetime | None = None,
) -> tuple[Message, list[Attachment]]:
    """A message and its files, all or nothing: a bad file writes no message.

    Files are checked (size, type by content) before anything is written, and
    stored bytes are removed again if the transaction fails.
    """
    authorize(uow, actor, Permission.REQUEST_WRITE, "request.message", "request", request_id)
    config = config or RegistryConfig()
    now = now or utcnow()
    p = message.problems()
    for i, (name, data) in enumerate(files):
        try:
            check_file(data, name, config.attachment_max_bytes)
        except NcbError as exc:
            p.add(f"files[{i}]", exc.message)  # names the file and the limit or type
    p.raise_if_any("The message is not valid; nothing was added.")
    stored: list[Attachment] = []
    try:
        with uow:
            request = core.load_for_change(uow, actor, request_id, "request.message", None)
            uow.requests.add_message(request_id, message)
            for name, data in files:
                a = make_attachment(
                    storage, data, name, config.attachment_max_bytes, actor.username
                )
                a.message_id = message.id
                stored.append(a)
                uow.requests.add_attachment(request_id, a)
            if (
                message.direction == Direction.INCOMING
                and request.status == RequestStatus.AWAITING_REPLY
            ):
                request.move_to(RequestStatus.IN_PROGRESS, actor.username, now, "reply received")
            core.save(uow, request, now)
    except BaseException:
        for a in stored:
            storage.delete(a.storage_key)
        raise
    record(uow, actor, "request.message", "request", request_id, direction=message.direction.value)
    for a in stored:
        record(
            uow,
            actor,
            "request.attach",
            "request",
            request_id,
            attachment=a.id,
            sha256=a.sha256,
            size=a.size,
        )
    return message, stored
