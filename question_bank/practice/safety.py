"""The practice server's guard, in front of every route (pure ASGI, so it sees the raw request):

* Host allow-list (127.0.0.1, localhost, [::1] and the --host given): a page on another site that
  rebinds its DNS name to 127.0.0.1 sends its own name as Host and is refused (DNS rebinding);
* Origin: only the page's own (``http://`` + the Host it was loaded from, port included), so another
  local site (``http://localhost:3000``) cannot post answers or read replies (403);
* request bodies: at most 64 KB, counted as they arrive, so a chunked body without Content-Length is
  cut off too (413), and all of it within BODY_SECONDS, so a request that declares more body than it
  sends is not held open (408); POST bodies must be JSON (415) and nest at most 32 deep (400), so the JSON
  parser never recurses on hostile input;
* responses get a strict Content-Security-Policy (the page is self-contained: no CDN, no inline
  script; inline styles are allowed because the vendored math keyboard, MathLive, styles its shadow DOM), nosniff, no framing, no referrer.

Every refusal is a JSON body ``{"error": message, "status": code}``.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Awaitable, Callable

MAX_BODY = 64 * 1024
MAX_JSON_DEPTH = 32
BODY_SECONDS = 10.0  # the whole body of a request must arrive within this
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def error_body(status: int, message: str, **extra: Any) -> bytes:
    return json.dumps({"error": message, "status": status, **extra}, ensure_ascii=False).encode()


async def send_error(send: Send, status: int, message: str) -> None:
    body = error_body(status, message)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


def host_name(value: str) -> str:
    """``"127.0.0.1:8000"`` → ``"127.0.0.1"``; ``"[::1]:8000"`` → ``"[::1]"``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def json_depth(body: bytes) -> int:
    """The deepest nesting of ``[``/``{`` outside strings (a linear scan, no recursion).

    >>> json_depth(b'{"a": [1, {"b": "[[["}]}')
    3
    """
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


class Guard:
    """ASGI middleware applying the checks above before the app sees the request."""

    def __init__(self, app: Callable[..., Awaitable[None]], allowed_hosts: tuple[str, ...],
                 body_seconds: float | None = None) -> None:
        self.app = app
        self.allowed = {host_name(h) for h in (*LOCAL_HOSTS, *allowed_hosts)}
        self.body_seconds = BODY_SECONDS if body_seconds is None else body_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = host_name(headers.get("host", ""))
        if host not in self.allowed:
            await send_error(send, 400, f"Host '{host[:60]}' is not allowed; open the page at http://127.0.0.1 (or the --host given)")
            return
        origin = headers.get("origin")
        if origin is not None and origin.strip().lower().rstrip("/") != "http://" + headers.get("host", "").strip().lower():
            await send_error(send, 403, "cross-site requests are not allowed")  # "null" (sandboxed frames) too
            return
        declared = headers.get("content-length")
        if declared is not None and not declared.strip().isdigit():
            await send_error(send, 400, "malformed Content-Length")
            return
        if declared is not None and int(declared) > MAX_BODY:
            await send_error(send, 413, f"request body too large: the limit is {MAX_BODY // 1024} KB")
            return
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, _secured(send, scope["path"]))
            return
        body = bytearray()
        end = time.monotonic() + self.body_seconds
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(end - time.monotonic(), 0.001))
            except asyncio.TimeoutError:
                await send_error(send, 408, f"the request body did not arrive within {self.body_seconds:g} s")
                return
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > MAX_BODY:
                await send_error(send, 413, f"request body too large: the limit is {MAX_BODY // 1024} KB")
                return
            if not message.get("more_body", False):
                break
        if not headers.get("content-type", "").split(";")[0].strip().lower() == "application/json":
            await send_error(send, 415, "the body must be JSON (Content-Type: application/json)")
            return
        if json_depth(bytes(body)) > MAX_JSON_DEPTH:
            await send_error(send, 400, f"JSON nested too deeply (at most {MAX_JSON_DEPTH} levels)")
            return
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, _secured(send, scope["path"]))


def _secured(send: Send, path: str) -> Send:
    """Add the security headers; the strict CSP everywhere but the Swagger UI page (inline script)."""
    extra = list(HEADERS)
    if not path.startswith(("/docs", "/redoc")):
        extra.append((b"content-security-policy", CSP.encode()))

    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped
