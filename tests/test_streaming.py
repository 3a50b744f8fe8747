"""StreamExtractAmounts through real servers (subprocesses on free loopback ports), and ``moneta batch --server``.

Covers: per-document errors inside the stream (the stream goes on), the per-message limit, the client iterator
(results equal the in-process pipeline), ``moneta batch --server`` giving the in-process output byte for byte,
and three servers behind round_robin with one killed midway: every document still comes back exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.type import date_pb2
from moneta.streaming import DocumentStream, StreamDocument, channel_target
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc
from moneta_service.pipeline import extract_and_convert
from moneta_service.rates import open_provider

REPO = Path(__file__).resolve().parents[1]

from tests._helpers import start_batch_from_stdin

_READY = re.compile(r"^moneta: serving \S+ on (\S+)")


class Server:
    """``moneta serve --port 0`` in a subprocess, with ``options`` (such as a lower limit) after it."""

    def __init__(self, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moneta", "serve", "--port", "0", *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stderr is not None
        deadline = time.monotonic() + 120
        while True:
            line = self.process.stderr.readline()
            found = _READY.search(line)
            if found:
                self.address = found.group(1)
                break
            assert line or self.process.poll() is None, "the server exited before serving"
            assert time.monotonic() < deadline, "the server did not start"

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        if self.process.stderr is not None:
            self.process.stderr.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    started = Server()
    yield started
    started.kill()


TEXTS = [
    "The council approved a €42 million budget and about $3 million in grants.",
    "Nothing to see here.",
    "Revenue rose to £1.2bn from £980m, while costs stayed under CHF 40 million.",
]


def _expected(text: str, date: dt.date | None, targets: tuple[str, ...]) -> list[Any]:
    provider = open_provider("ecb") if targets else None
    return extract_and_convert(text, date=date, targets=targets, locale_hint=None, provider=provider)


def test_per_document_errors_keep_the_stream_going(server: Server) -> None:
    requests = [
        pb.StreamExtractAmountsRequest(
            documents=[
                pb.Document(
                    id="good", text=TEXTS[0], publication_date=date_pb2.Date(year=2024, month=4, day=26)
                ),
                pb.Document(id="", text=TEXTS[0]),
                pb.Document(
                    id="bad-date", text=TEXTS[0], publication_date=date_pb2.Date(year=2024, month=2, day=30)
                ),
                pb.Document(id="bad-hint", text=TEXTS[0], locale_hint="not a locale!"),
            ],
            target_currency_codes=["USD"],
        ),
        pb.StreamExtractAmountsRequest(documents=[pb.Document(id="after", text=TEXTS[2])]),
    ]
    with grpc.insecure_channel(server.address) as channel:
        stub = moneta_pb2_grpc.MonetaServiceStub(channel)
        responses = list(stub.StreamExtractAmounts(iter(requests), timeout=60))
    assert [[r.id for r in response.results] for response in responses] == [
        ["good", "", "bad-date", "bad-hint"],
        ["after"],
    ]
    first = responses[0].results
    assert not first[0].HasField("error")
    assert len(first[0].mentions) == len(_expected(TEXTS[0], dt.date(2024, 4, 26), ("USD",))) > 0
    for result in first[1:]:
        assert result.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
        assert result.error.message
        assert not result.mentions
    # each message names the field by its place in the request, as a stranger debugging a batch needs
    assert first[1].error.message.startswith("documents[1].id")
    assert first[2].error.message.startswith("documents[2].publication_date")
    assert first[3].error.message.startswith("documents[3].locale_hint")
    assert len(responses[1].results[0].mentions) == len(_expected(TEXTS[2], None, ()))


def test_a_repeated_id_in_one_message_gets_its_own_error(server: Server) -> None:
    """Results are matched by id: the second document with an id already in the message is refused alone."""
    request = pb.StreamExtractAmountsRequest(
        documents=[pb.Document(id="a", text=TEXTS[0]), pb.Document(id="a", text=TEXTS[2])]
    )
    with grpc.insecure_channel(server.address) as channel:
        stub = moneta_pb2_grpc.MonetaServiceStub(channel)
        (response,) = list(stub.StreamExtractAmounts(iter([request]), timeout=60))
    first, second = response.results
    assert not first.HasField("error")
    assert first.mentions
    assert second.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert second.error.message.startswith("documents[1].id 'a' repeats documents[0].id")
    assert not second.mentions


def test_too_many_documents_in_one_message_is_refused(server: Server) -> None:
    request = pb.StreamExtractAmountsRequest(
        documents=[pb.Document(id=str(i), text="x") for i in range(1001)]
    )
    with grpc.insecure_channel(server.address) as channel:
        stub = moneta_pb2_grpc.MonetaServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            list(stub.StreamExtractAmounts(iter([request]), timeout=60))
    error = caught.value
    assert isinstance(error, grpc.Call)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "1000" in (error.details() or "")


def test_client_iterator_matches_in_process(server: Server) -> None:
    documents = [
        StreamDocument(f"k{i}", TEXTS[i % len(TEXTS)], dt.date(2024, 4, 26) if i % 2 else None)
        for i in range(50)
    ]
    with DocumentStream([server.address], targets=("EUR",), documents_per_message=7) as stream:
        results = {r.key: r for r in stream.results(iter(documents))}
    assert sorted(results) == sorted(d.key for d in documents)
    for document in documents:
        assert results[document.key].error is None
        assert list(results[document.key].mentions) == _expected(document.text, document.date, ("EUR",))


#: Keys in the order they are sent, and the stream's settings: a repeat while its first document is still unanswered
#: (all in one message) or long after it was answered (one document per message, one message in flight).
REPEATED_KEYS = [
    pytest.param(["a", "b", "a", "c", "a"], {"documents_per_message": 32}, id="early-same-message"),
    pytest.param(
        ["a", "b", "c", "d", "e", "a", "f", "b"],
        {"documents_per_message": 1, "max_in_flight": 1},
        id="late-after-answer",
    ),
]


@pytest.mark.parametrize("caller", ["DocumentStream", "MonetaClient.extract_stream"])
@pytest.mark.parametrize(("keys", "settings"), REPEATED_KEYS)
def test_a_repeated_key_gets_an_error_result_never_silence(
    server: Server, keys: list[str], settings: dict[str, int], caller: str
) -> None:
    """Every document gets a result: the first of a key its mentions, each repeat an error of its own."""
    from moneta import MonetaClient

    documents = [StreamDocument(key, TEXTS[i % len(TEXTS)]) for i, key in enumerate(keys)]
    if caller == "DocumentStream":
        with DocumentStream(server.address, **settings) as stream:  # type: ignore[arg-type]
            results = list(stream.results(iter(documents)))
    else:
        with MonetaClient(server.address) as client:
            results = list(client.extract_stream(documents))
    assert len(results) == len(documents)
    firsts = {key: keys.index(key) for key in keys}
    good = {r.key: r for r in results if r.error is None}
    assert sorted(good) == sorted(firsts)
    for key, index in firsts.items():  # the mentions of the first document with the key, not of a repeat
        assert list(good[key].mentions) == _expected(TEXTS[index % len(TEXTS)], None, ())
    errors = [r for r in results if r.error is not None]
    repeated = [key for i, key in enumerate(keys) if firsts[key] != i]
    assert sorted(r.key for r in errors) == sorted(repeated)
    for error in errors:
        assert error.code == "INVALID_ARGUMENT"
        assert error.error == f"duplicate key {error.key!r}: only its first document was sent"
        assert not error.mentions


def test_an_error_raised_by_the_documents_reaches_the_caller(server: Server) -> None:
    """An exception of the caller's iterator is raised by results(), not lost in gRPC's request thread."""

    def documents() -> Iterator[StreamDocument]:
        yield StreamDocument("a", TEXTS[0])
        raise RuntimeError("the source broke")

    received: list[str] = []
    with DocumentStream(server.address) as stream:
        results = stream.results(documents())
        received.append(next(results).key)  # what was sent before the failure is still answered
        with pytest.raises(RuntimeError, match="the source broke"):
            next(results)
    assert received == ["a"]


@pytest.mark.parametrize(
    ("addresses", "target"),
    [
        (["127.0.0.1:1", "localhost:2"], ["ipv4:127.0.0.1:1,127.0.0.1:2"]),
        (["[::1]:1", "[::1]:2"], ["ipv6:[::1]:1,[::1]:2"]),
        (["dns:///moneta.default.svc:50051"], ["dns:///moneta.default.svc:50051"]),
        (["a.example:1", "b.example:2"], ["a.example:1", "b.example:2"]),
    ],
)
def test_channel_targets(addresses: list[str], target: list[str]) -> None:
    assert channel_target(addresses) == target


def _batch_input(count: int) -> list[str]:
    lines = []
    for i in range(count):
        text = TEXTS[i % len(TEXTS)] + f" Item {i} cost ${i + 1}."
        lines.append(json.dumps({"id": f"d{i}", "text": text, "date": "2024-04-26"}) + "\n")
    return lines


def test_batch_through_server_equals_in_process(server: Server, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(_batch_input(30)) + "{bad line\n", encoding="utf-8")
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    base = [sys.executable, "-m", "moneta", "batch", str(source), "--to", "USD,GBP", "--no-progress"]
    one = subprocess.run([*base, "-o", str(local)], capture_output=True, text=True, timeout=300, check=False)
    two = subprocess.run(
        [*base, "-o", str(remote), "--server", server.address],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (one.returncode, two.returncode) == (1, 1), two.stderr
    assert remote.read_bytes() == local.read_bytes()


def test_batch_over_several_servers_with_a_low_documents_limit(tmp_path: Path) -> None:
    """``moneta batch --server A,B`` against two servers started with ``--max-documents-per-message 5``: the
    concurrent batches all learn the limit (one stream lowering it must not leave another's refusal fatal),
    every row is loaded, and the output is the in-process load's."""
    servers = [Server("--max-documents-per-message", "5") for _ in range(2)]
    try:
        source = tmp_path / "in.jsonl"
        source.write_text("".join(_batch_input(200)), encoding="utf-8")
        local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
        base = [sys.executable, "-m", "moneta", "batch", str(source), "--no-progress"]
        subprocess.run([*base, "-o", str(local)], capture_output=True, timeout=300, check=True)
        addresses = ",".join(s.address for s in servers)
        load = subprocess.run(
            [*base, "-o", str(remote), "--server", addresses],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert (load.returncode, load.stderr) == (0, "")
        assert remote.read_bytes().count(b"\n") == 200
        assert remote.read_bytes() == local.read_bytes()
    finally:
        for started in servers:
            started.kill()


def test_a_load_whose_servers_are_gone_fails_every_later_batch_at_once() -> None:
    """After one batch's stream gives up (every server gone), the next batch of the load fails at once with the
    same StreamError instead of waiting out ``max_attempts × connect_timeout`` again (a load took ~180 s)."""
    from moneta.batch.inputs import InputRow
    from moneta.batch.process import Options, Remote
    from moneta.streaming import StreamError

    server = Server()
    remote = Remote(Options(servers=(server.address,)))
    try:
        server.kill()
        remote._stream._connect_timeout = 0.5  # the private knob: the CLI keeps DocumentStream's 20 s
        rows = [InputRow("in.jsonl", 1, "a", "a", "It cost $5.", None, None)]
        with pytest.raises(StreamError) as first:
            remote.process(rows)
        started = time.monotonic()
        with pytest.raises(StreamError) as second:
            remote.process(rows)
        assert time.monotonic() - started < 0.2
        assert str(second.value) == str(first.value)
        assert "accepted a connection" in str(second.value)
    finally:
        remote.close()
        server.kill()


@pytest.mark.slow
def test_killed_server_midway_every_document_exactly_once(tmp_path: Path) -> None:
    servers = [Server() for _ in range(3)]
    try:
        lines = _batch_input(300)
        local = tmp_path / "local.jsonl"
        source = tmp_path / "in.jsonl"
        source.write_text("".join(lines), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "moneta", "batch", str(source), "-o", str(local), "--no-progress"],
            capture_output=True,
            timeout=300,
            check=True,
        )
        remote = tmp_path / "remote.jsonl"
        addresses = ",".join(s.address for s in servers)
        load = start_batch_from_stdin(
            "-o", str(remote), "--server", addresses, "--batch-size", "10", "--no-progress"
        )
        assert load.stdin is not None
        load.stdin.write("".join(lines[:150]))
        load.stdin.flush()
        deadline = time.monotonic() + 120
        while not (remote.exists() and remote.read_bytes().count(b"\n") >= 30):
            assert load.poll() is None
            assert time.monotonic() < deadline
            time.sleep(0.05)
        servers[0].kill()  # midway: half the input is still to come
        _, stderr = load.communicate("".join(lines[150:]), timeout=300)
        assert load.returncode == 0, stderr
        assert remote.read_bytes() == local.read_bytes()
    finally:
        for started in servers:
            started.kill()


def test_unreachable_servers_end_in_stream_error_not_a_hang() -> None:
    import socket

    from moneta.streaming import StreamError

    with socket.socket() as placeholder:  # a port nothing listens on
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    stream = DocumentStream([f"127.0.0.1:{port}"], connect_timeout=0.5, max_attempts=2)
    with pytest.raises(StreamError, match="accepted a connection"):
        list(stream.results(iter([StreamDocument("a", "€5")])))
    stream.close()
