"""Refuse request bodies over the configured size before they are read in full.

Two limits: ordinary bodies (JSON, forms) get `max_bytes`; multipart uploads get
`upload_max_bytes`, which leaves room for the largest file a route accepts. Each
upload route then checks its own file limit and says which field is too large;
Starlette's form parser keeps every non-file part of a multipart body under 1 MB.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ncbdesk.adapters.batch_files import MAX_BYTES as BATCH_FILE_MAX_BYTES
from ncbdesk.settings import Settings

# Room in a multipart body for its framing and the form's other fields.
MULTIPART_OVERHEAD_BYTES = 256 * 1024


def upload_body_limit(settings: Settings) -> int:
    """The largest multipart body: the largest file any upload route takes, plus framing."""
    largest_file = max(settings.attachment_max_bytes, BATCH_FILE_MAX_BYTES)
    return max(settings.max_body_bytes, largest_file + MULTIPART_OVERHEAD_BYTES)


class BodySizeLimit:
    """Pure ASGI middleware: 413 on a large Content-Length, or once streaming passes it."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = max(max_bytes, upload_max_bytes or 0)

    def limit_for(self, headers: dict[bytes, bytes]) -> int:
        content_type = headers.get(b"content-type", b"").split(b";", 1)[0].strip().lower()
        return self.upload_max_bytes if content_type == b"multipart/form-data" else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        limit = self.limit_for(headers)
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await self._refuse(send, limit)
            return
        if length is not None:
            # The declared length is within the limit; the server stops at it.
            await self.app(scope, receive, send)
            return
        # No length declared (chunked): read the body first, up to the limit,
        # so a refusal is a clean 413 before any handler has seen a byte.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                await self._refuse(send, limit)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replay: list[Message] = [
            {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        ]

        async def replay_receive() -> Message:
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replay_receive, send)

    async def _refuse(self, send: Send, limit: int) -> None:
        body: dict[str, Any] = {
            "error": {
                "code": "payload_too_large",
                "message": f"The request body is larger than {limit} bytes.",
                "details": [{"field": "body", "message": f"at most {limit} bytes"}],
            }
        }
        data = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(data)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": data})
