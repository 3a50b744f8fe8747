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
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc
from moneta_service.limits import ServerLimits
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


# --- 5. a stream's error result names the document's key, not its index in the client's request message ----------


@pytest.fixture(scope="module")
def small_server() -> Iterator[OpServer]:
    with op_server(Operating(limits=ServerLimits(max_text_bytes=100))) as started:
        yield started


#: (key, text, locale hint, the start of the error result; None: no error). Sent in this order, three documents
#: per request message, so the failing documents sit at index 1 and 2 of their message, never at their key.
KEYED_ERROR_CASES: list[tuple[str, str, str | None, str | None]] = [
    ("3", "It costs €5.", None, None),
    (
        "4",
        "It costs €5. " * 15,
        None,
        "the text of document '4' is 225 UTF-8 bytes, more than the server's limit",
    ),
    ("k-7", "It costs €5.", "not a locale!", "the locale_hint of document 'k-7' must be a BCP-47 locale"),
]


def test_stream_error_results_name_the_document_by_its_key(small_server: OpServer) -> None:
    documents = [StreamDocument(key, text, locale_hint=hint) for key, text, hint, _ in KEYED_ERROR_CASES]
    with DocumentStream(small_server.address, documents_per_message=3) as stream:
        results = {r.key: r for r in stream.results(documents)}
    for key, _, _, expected in KEYED_ERROR_CASES:
        error = results[key].error
        if expected is None:
            assert error is None
            assert results[key].mentions
        else:
            assert error is not None
            assert error.startswith(expected), error
            assert "documents[" not in error
            assert results[key].code == "INVALID_ARGUMENT"


def test_raw_grpc_callers_still_get_the_request_field(small_server: OpServer) -> None:
    """The server's message is about the request message a raw gRPC caller sent: it keeps the index."""
    request = pb.StreamExtractAmountsRequest(
        documents=[pb.Document(id="3", text="€5"), pb.Document(id="4", text="It costs €5. " * 15)]
    )
    with grpc.insecure_channel(small_server.address) as channel:
        stub = moneta_pb2_grpc.MonetaServiceStub(channel)
        [response] = list(stub.StreamExtractAmounts(iter([request]), timeout=60))
    assert response.results[1].error.message.startswith("documents[1].text is 225 UTF-8 bytes")
