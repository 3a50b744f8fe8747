"""Shared fixtures: a real moneta gRPC server on a free loopback port, running in a background thread.

``moneta_server`` (session scope) yields its ``"127.0.0.1:PORT"`` address once health reports SERVING; tests
talk to it with :class:`moneta.MonetaClient` (or raw stubs) exactly as callers do. Nothing is mocked.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class ServerThread:
    """A moneta server (:func:`moneta_service.server.create_server`) on its own event loop in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="moneta-test-server", daemon=True)
        self.server: object | None = None
        self.port = 0

    async def _start(self) -> int:
        from moneta_service.server import create_server

        server, port = create_server("127.0.0.1:0")
        await server.start()
        self.server = server
        return port

    async def _stop(self) -> None:
        from moneta_service.server import MonetaServer

        assert isinstance(self.server, MonetaServer)
        await self.server.stop(1.0)

    def start(self) -> str:
        self.thread.start()
        self.port = asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=120)
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def moneta_server() -> Iterator[str]:
    """The ``host:port`` of a started moneta server (health SERVING), shared by the session's tests."""
    server = ServerThread()
    address = server.start()
    try:
        yield address
    finally:
        server.stop()


# --- Hypothesis profiles (tests/test_properties.py; issue 7) ----------------------------------------------------
# "ci" (default): a few thousand examples in all, derandomized so CI is reproducible.
# "stress": 120,000 examples in all (4 properties x 30,000): `HYPOTHESIS_PROFILE=stress pytest tests/test_properties.py`.
def _register_hypothesis_profiles() -> None:
    import os

    from hypothesis import HealthCheck, settings

    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    settings.register_profile(
        "ci", max_examples=800, deadline=None, derandomize=True, suppress_health_check=quiet
    )
    settings.register_profile("stress", max_examples=30_000, deadline=None, suppress_health_check=quiet)
    settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=quiet)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_register_hypothesis_profiles()
