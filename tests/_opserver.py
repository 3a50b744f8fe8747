"""A moneta server with chosen operating settings (limits, TLS, logs, metrics) on a free loopback port, on its
own event loop in a daemon thread: the real server, as ``moneta serve`` builds it (nothing mocked)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moneta_service.operating import Operating
from moneta_service.server import MonetaServer, create_server


class OpServer:
    """A started server; :attr:`address` is ``127.0.0.1:PORT`` (or ``localhost:PORT`` for TLS)."""

    def __init__(self, operating: Operating, host: str = "127.0.0.1") -> None:
        self.operating = operating
        self.host = host
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="moneta-op-server", daemon=True)
        self.server: MonetaServer | None = None
        self.port = 0

    async def _start(self) -> int:
        server, port = create_server("127.0.0.1:0", operating=self.operating)
        await server.start()
        self.operating.start_metrics()
        self.server = server
        return port

    def run(self, coroutine: Any, timeout: float = 60) -> Any:
        """Run ``coroutine`` on the server's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=timeout)

    def start(self) -> str:
        self.thread.start()
        self.port = self.run(self._start(), timeout=120)
        return self.address

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def stop(self, grace: float = 1.0) -> None:
        assert self.server is not None
        self.run(self.server.stop(grace), timeout=30)
        self.operating.stop_metrics()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)


@contextmanager
def op_server(operating: Operating | None = None, host: str = "127.0.0.1") -> Iterator[OpServer]:
    """Start a server with ``operating`` (default settings if ``None``), yield it, stop it."""
    server = OpServer(operating or Operating(), host)
    server.start()
    try:
        yield server
    finally:
        server.stop()
