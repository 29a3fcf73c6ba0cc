"""A request body bigger than the upload limit is refused with 413 as it streams in.

A declared ``Content-Length`` above the limit is refused before a byte is read; a body
without one (chunked) is counted as it arrives and cut off when it passes the limit, so a
large upload never fills the disk or the memory first.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import InvalidInput

__all__ = ["BodyLimit", "BodyTooLarge"]


class BodyTooLarge(InvalidInput):
    """Raised from ``receive`` when the body passes the limit (no ValueError: parsers
    must not turn it into a 400)."""


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        mb = self.max_bytes / (1024 * 1024)
        body = {
            "errors": [
                {
                    "message": f"the request body is larger than the upload limit of {mb:g} MB",
                    "extensions": {"code": "PAYLOAD_TOO_LARGE", "limitBytes": self.max_bytes},
                }
            ]
        }
        data = json.dumps(body, ensure_ascii=False).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(data)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": data})
