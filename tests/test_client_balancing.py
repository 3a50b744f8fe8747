"""The client over several servers: round_robin balancing, a lost server, and the streaming iterator.

Servers are real moneta servers (:class:`tests.conftest.ServerThread`) on free loopback ports.
"""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator

import pytest
from moneta import MonetaClient
from moneta.streaming import StreamDocument

from tests.conftest import ServerThread

TEXT = "The board approved a €42 million budget and about $3 million in grants."


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def two_servers() -> Iterator[tuple[ServerThread, ServerThread]]:
    first, second = ServerThread(), ServerThread()
    first.start()
    second.start()
    try:
        yield first, second
    finally:
        for server in (first, second):
            if server.thread.is_alive():
                server.stop()


def test_several_addresses_make_one_balanced_channel(two_servers: tuple[ServerThread, ServerThread]) -> None:
    first, second = two_servers
    addresses = [f"127.0.0.1:{first.port}", f"localhost:{second.port}"]
    with MonetaClient(addresses, timeout=10) as client:
        assert client.target == f"ipv4:127.0.0.1:{first.port},127.0.0.1:{second.port}"
        answers = {tuple(m.text for m in client.extract(TEXT)) for _ in range(20)}
    assert answers == {("€42 million", "$3 million")}


def test_calls_go_on_when_one_server_is_lost(two_servers: tuple[ServerThread, ServerThread]) -> None:
    first, second = two_servers
    addresses = [f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}", _closed_port()]
    with MonetaClient(addresses, timeout=10) as client:
        assert len(client.extract(TEXT)) == 2
        first.stop()
        results = [client.extract(TEXT) for _ in range(10)]
    assert all(len(mentions) == 2 for mentions in results)


def test_extract_stream_answers_every_document_once(two_servers: tuple[ServerThread, ServerThread]) -> None:
    first, second = two_servers
    documents = [
        StreamDocument(key=f"doc-{i}", text=f"Item {i} sold for ${i + 1} million.", date=dt.date(2024, 4, 26))
        for i in range(200)
    ] + [StreamDocument(key="bad", text="€5 million", locale_hint="xx-YY")]
    with MonetaClient([f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"], timeout=30) as client:
        results = list(client.extract_stream(documents, targets="USD"))
    by_key = {result.key: result for result in results}
    assert len(results) == len(by_key) == 201
    assert by_key["doc-7"].mentions[0].amount == 8000000
    assert by_key["doc-7"].mentions[0].conversions[0].status.value == "ok"
    assert by_key["bad"].error is not None
    assert by_key["bad"].mentions == ()


def test_extract_stream_repeated_key_gets_an_error(two_servers: tuple[ServerThread, ServerThread]) -> None:
    first, _ = two_servers
    documents = [
        StreamDocument(key="1", text="It cost $5."),
        StreamDocument(key="1", text="It cost €7."),
        StreamDocument(key="2", text="It cost £9."),
    ]
    with MonetaClient(f"127.0.0.1:{first.port}", timeout=30) as client:
        results = list(client.extract_stream(documents))
    assert [(r.key, r.code) for r in results if r.error] == [("1", "INVALID_ARGUMENT")]
    answered = {r.key: r.mentions[0].text for r in results if not r.error}
    assert answered == {"1": "$5", "2": "£9"}


def test_async_client_takes_several_addresses(two_servers: tuple[ServerThread, ServerThread]) -> None:
    import asyncio

    from moneta import AsyncMonetaClient

    first, second = two_servers

    async def run() -> list[str]:
        async with AsyncMonetaClient([f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"]) as client:
            assert client.target.startswith("ipv4:")
            return [m.text for m in await client.extract(TEXT)]

    assert asyncio.run(run()) == ["€42 million", "$3 million"]
