"""How the practice app is served: uvicorn with limits that keep one client from locking out the rest.

* ``HEADER_SECONDS``: a connection must finish its request line and headers within this (uvicorn has
  no such timeout of its own: a client that opens connections and sends half a request holds them
  forever); ``KEEP_ALIVE_SECONDS`` for an idle kept-alive connection (uvicorn's ``timeout_keep_alive``);
* ``MAX_CONNECTIONS``: uvicorn's ``limit_concurrency``, high enough that a few dozen half-open
  connections do not turn every other visitor away with 503 while they wait out their timeout;
* ``MAX_HEADER_BYTES``: h11's bound on an incomplete request head;
* the body's own time bound is the guard's (``safety.BODY_SECONDS``), the work's is the pool's.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_SECONDS = 10.0
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 512
MAX_HEADER_BYTES = 16 * 1024
WORKERS = 2  # checking processes (the pool's size)


class TimedH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head does not arrive in time."""

    header_seconds = HEADER_SECONDS
    _head_timer: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.header_seconds, self._head_timeout)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timeout(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request's head: the same bound (the keep-alive timer ends an idle wait sooner)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def config(app: Any, *, header_seconds: float = HEADER_SECONDS) -> uvicorn.Config:
    """The uvicorn configuration of ``dlprep practice``."""
    protocol = type("TimedH11", (TimedH11,), {"header_seconds": header_seconds})
    return uvicorn.Config(app, http=protocol, log_level="warning", access_log=False, server_header=False,
                          limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=KEEP_ALIVE_SECONDS,
                          h11_max_incomplete_event_size=MAX_HEADER_BYTES, lifespan="on")


def listen(host: str, port: int) -> socket.socket:
    """A bound listening socket (port 0: any free port); OSError when the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # proto set: asyncio then turns Nagle off
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock
