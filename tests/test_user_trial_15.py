"""Faults a new user reported (round 15): each test is one report, checked end to end.

Real servers on free loopback ports (:mod:`tests._opserver`) and the real CLI in subprocesses; nothing of
moneta's is mocked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from moneta import ClientClosedError, MonetaError
from moneta.streaming import DocumentStream, StreamDocument
from moneta_service.operating import Operating

from tests._opserver import OpServer, op_server


@pytest.fixture(scope="module")
def server() -> Iterator[OpServer]:
    with op_server(Operating()) as started:
        yield started


# --- 4. DocumentStream after close() raises ClientClosedError, as MonetaClient does --------------------------------

#: Each use of a DocumentStream, made after its close().
CLOSED_STREAM_CALLS: list[tuple[str, Callable[[DocumentStream], Any]]] = [
    ("results", lambda s: list(s.results([StreamDocument("a", "€5")]))),
    ("rate_data", lambda s: s.rate_data()),
]


@pytest.mark.parametrize("call", [pytest.param(c[1], id=c[0]) for c in CLOSED_STREAM_CALLS])
def test_a_document_stream_used_after_close_raises_client_closed_error(
    server: OpServer, call: Callable[[DocumentStream], Any]
) -> None:
    with DocumentStream(server.address) as stream:
        assert [r.key for r in stream.results([StreamDocument("a", "€5")])] == ["a"]  # open: it works
    with pytest.raises(ClientClosedError) as caught:
        call(stream)
    assert isinstance(caught.value, MonetaError)
    assert caught.value.code is grpc.StatusCode.FAILED_PRECONDITION
    assert caught.value.reason == "CLIENT_CLOSED"
    assert caught.value.message.startswith("this DocumentStream is closed")
