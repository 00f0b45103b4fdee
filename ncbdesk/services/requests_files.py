"""Attachments of requests: checked by content, stored under random keys, verified on read."""

from __future__ import annotations

from ncbdesk.domain.errors import NotFound
from ncbdesk.domain.requests import Attachment
from ncbdesk.domain.security import Permission
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
