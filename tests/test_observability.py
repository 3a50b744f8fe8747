"""Structured logs and Prometheus metrics (issue 7), through a real server on a free loopback port.

Logs: one JSON object per line with time, level, request id, method, duration and status code, and never the
article text or an amount unless payload logging is asked for. Metrics: request counts and latency histograms
per method and status, mentions, conversion statuses and in-flight calls, on their own HTTP port.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from moneta.client import InvalidArgumentError, MonetaClient
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc
from moneta_service.limits import ServerLimits
from moneta_service.logs import ACCESS_LOGGER, JsonFormatter
from moneta_service.operating import Operating

REPO = Path(__file__).resolve().parents[1]

from tests._opserver import OpServer, op_server

#: A text whose words and amounts must never reach the logs without the debug flag.
SECRET_TEXT = "Zanzibarian ministers pledged €47.25 million to the Quokka fund."
SECRET_PARTS = ("Zanzibarian", "Quokka", "47.25", "47250000", "€")


@pytest.fixture
def access_log() -> Iterator[io.StringIO]:
    """Capture the access log as JSON lines (as ``moneta serve --log-level info`` writes it)."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(ACCESS_LOGGER)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def _wait_for(predicate: object, what: str, timeout: float = 30.0) -> None:
    """Poll ``predicate()`` until true (server-side bookkeeping ends just after the client gets its answer)."""
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def _records(buffer: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


@pytest.fixture(scope="module")
def quiet_server() -> Iterator[OpServer]:
    with op_server(Operating(metrics_port=0)) as server:
        yield server


def _calls(address: str) -> None:
    with MonetaClient(address, timeout=30) as client:
        client.extract(SECRET_TEXT, targets=["USD"], date=dt.date(2024, 4, 26))
        client.extract(SECRET_TEXT)  # no targets
        with pytest.raises(InvalidArgumentError):
            client.extract(SECRET_TEXT, targets=["US"])  # not a code
        client.convert("47.25", "EUR", "USD", date=dt.date(2024, 4, 26))


def test_access_log_is_json_with_the_fields_and_no_payload(
    quiet_server: OpServer, access_log: io.StringIO
) -> None:
    _calls(quiet_server.address)
    _wait_for(lambda: len(_records(access_log)) >= 4, "four access-log records")
    records = [r for r in _records(access_log) if str(r["method"]).startswith("/moneta.v1.")]
    assert [(str(r["method"]).rsplit("/", 1)[-1], r["status_code"]) for r in records] == [
        ("ExtractAmounts", "OK"),
        ("ExtractAmounts", "OK"),
        ("ExtractAmounts", "INVALID_ARGUMENT"),
        ("ConvertAmount", "OK"),
    ]
    for record in records:
        for key in ("time", "level", "request_id", "method", "duration_ms", "status_code"):
            assert key in record, key
        assert isinstance(record["duration_ms"], float)
        assert str(record["time"]).endswith("Z")
    assert records[0]["mentions"] == 1
    assert records[0]["conversions"] == {"ok": 1}
    assert len({r["request_id"] for r in records}) == len(records)
    text = access_log.getvalue()
    for part in SECRET_PARTS:
        assert part not in text, part


def test_caller_request_id_is_logged_and_echoed(quiet_server: OpServer, access_log: io.StringIO) -> None:
    with grpc.insecure_channel(quiet_server.address) as channel:
        stub = moneta_pb2_grpc.MonetaServiceStub(channel)
        _, call = stub.ExtractAmounts.with_call(
            pb.ExtractAmountsRequest(text="€5"), metadata=(("x-request-id", "job-42.7"),), timeout=30
        )
        echoed = dict(call.initial_metadata())
        # a malformed id is replaced, never logged as given
        stub.ExtractAmounts(
            pb.ExtractAmountsRequest(text="€5"), metadata=(("x-request-id", "a b {}"),), timeout=30
        )
    assert echoed["x-request-id"] == "job-42.7"
    _wait_for(lambda: len(_records(access_log)) >= 2, "two access-log records")
    ids = [r["request_id"] for r in _records(access_log)]
    assert ids[0] == "job-42.7"
    assert ids[1] != "a b {}"
    assert len(str(ids[1])) == 32


def test_payload_logging_only_when_asked(access_log: io.StringIO) -> None:
    with (
        op_server(Operating(log_payloads=True)) as server,
        MonetaClient(server.address, timeout=30) as client,
    ):
        client.extract(SECRET_TEXT)
    _wait_for(lambda: len(_records(access_log)) >= 1, "one access-log record")
    [record] = [r for r in _records(access_log) if r["method"] == "/moneta.v1.MonetaService/ExtractAmounts"]
    assert record["request"][0]["text"] == SECRET_TEXT  # type: ignore[index]
    assert "Zanzibarian" in json.dumps(record["request"], ensure_ascii=False)
    assert record["response"][0]["mentions"][0]["text"] == "€47.25 million"  # type: ignore[index]


def test_malformed_request_is_one_access_log_record_even_with_payloads(access_log: io.StringIO) -> None:
    """Bytes that are not a valid request (here a text that is not UTF-8) are logged as INVALID_ARGUMENT, and the
    payload log says the request could not be read instead of failing."""
    number = pb.ExtractAmountsRequest.DESCRIPTOR.fields_by_name["text"].number
    raw = bytes([number << 3 | 2, 3]) + b"\xff\xfe5"
    with op_server(Operating(log_payloads=True)) as server, grpc.insecure_channel(server.address) as channel:
        with pytest.raises(grpc.RpcError) as caught:
            channel.unary_unary("/moneta.v1.MonetaService/ExtractAmounts", None, None)(raw, timeout=30)
        # the server is still answering
        ok = channel.unary_unary("/moneta.v1.MonetaService/ExtractAmounts", None, None)(
            pb.ExtractAmountsRequest(text="€5").SerializeToString(), timeout=30
        )
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert pb.ExtractAmountsResponse.FromString(ok).mentions[0].text == "€5"
    _wait_for(lambda: len(_records(access_log)) >= 2, "two access-log records")
    records = [r for r in _records(access_log) if r["method"] == "/moneta.v1.MonetaService/ExtractAmounts"]
    assert [r["status_code"] for r in records] == ["INVALID_ARGUMENT", "OK"]
    assert records[0]["request"] == [
        {"undecodable": "request is not a valid moneta.v1.ExtractAmountsRequest: String field had bad UTF-8"}
    ]


def test_json_formatter_keeps_a_traceback_on_one_line() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("moneta", logging.ERROR, "", 0, "failed %s", ("x",), sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "failed x"
    assert "ValueError: boom" in parsed["exc_info"]


# --- metrics ----------------------------------------------------------------------------------------------------


def scrape(port: int) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Fetch ``/metrics`` over HTTP and return ``{(sample name, labels): value}``."""
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as response:
        text = response.read().decode("utf-8")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_metrics_endpoint_counts_calls_mentions_and_statuses() -> None:
    with op_server(Operating(metrics_port=0)) as server:
        port = server.operating.bound_metrics_port
        assert port is not None
        _calls(server.address)

        def settled() -> bool:
            samples = scrape(port)
            return _value(samples, "moneta_rpc_in_flight", method="ConvertAmount") == 0 and (
                _value(samples, "moneta_rpc_requests_total", method="ConvertAmount", code="OK") == 1
            )

        _wait_for(settled, "the calls to be counted")
        samples = scrape(port)
    assert _value(samples, "moneta_rpc_requests_total", method="ExtractAmounts", code="OK") == 2
    assert _value(samples, "moneta_rpc_requests_total", method="ExtractAmounts", code="INVALID_ARGUMENT") == 1
    assert _value(samples, "moneta_rpc_duration_seconds_count", method="ExtractAmounts", code="OK") == 2
    assert (
        _value(samples, "moneta_rpc_duration_seconds_bucket", method="ExtractAmounts", code="OK", le="+Inf")
        == 2
    )
    assert _value(samples, "moneta_mentions_extracted_total", method="ExtractAmounts") == 2
    assert _value(samples, "moneta_conversions_total", status="ok") == 2  # one extracted, one ConvertAmount
    assert _value(samples, "moneta_rpc_in_flight", method="ExtractAmounts") == 0


def test_moneta_serve_says_which_port_metrics_port_0_picked() -> None:
    """``--metrics-port 0`` picks a free port; the line under the readiness line says which, and it serves."""
    import os
    import re
    import signal
    import subprocess

    process = subprocess.Popen(
        [sys.executable, "-m", "moneta", "serve", "--port", "0", "--metrics-port", "0", "--grace", "1"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stderr is not None
        ready = process.stderr.readline()
        assert ready.startswith("moneta: serving moneta.v1.MonetaService on 127.0.0.1:"), ready
        metrics = process.stderr.readline()
        found = re.fullmatch(r"moneta: metrics on http://127\.0\.0\.1:(\d+)/metrics\n", metrics)
        assert found is not None, metrics
        port = int(found.group(1))
        assert port != 0
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_metrics_are_off_by_default(quiet_server: OpServer) -> None:
    assert Operating().metrics_port is None
    assert Operating().observers()[-1].__class__.__name__ == "AccessLog"


@pytest.mark.parametrize(
    ("amount", "source", "reason"),
    [
        ("4725x.81", "EUR", "INVALID_DECIMAL"),  # not a decimal number: the message quotes it
        ("47258100000000000000000000000000000000000000", "EUR", None),  # too large to convert
    ],
    ids=["not-a-number", "too-large"],
)
def test_a_refused_request_is_logged_by_reason_without_its_amount(
    quiet_server: OpServer, amount: str, source: str, reason: str | None
) -> None:
    """Error messages quote the request (the amount); the server's log records name the reason only."""
    from google.type import date_pb2, decimal_pb2

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with grpc.insecure_channel(quiet_server.address) as channel:
            request = pb.ConvertAmountRequest(
                amount=decimal_pb2.Decimal(value=amount),
                source_currency_code=source,
                target_currency_code="USD",
                date=date_pb2.Date(year=2024, month=4, day=26),
            )
            with pytest.raises(grpc.RpcError) as refused:
                moneta_pb2_grpc.MonetaServiceStub(channel).ConvertAmount(request, timeout=30)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        _wait_for(lambda: "ConvertAmount" in buffer.getvalue(), "the call's log records")
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    text = buffer.getvalue()
    assert "4725" not in text
    assert "2581" not in text
    if reason is not None:
        assert reason in text


def test_a_call_cancelled_at_shutdown_logs_no_traceback() -> None:
    """grpcio logs a cancelled call's ``CancelledError`` with its traceback when the server stops: dropped."""
    import asyncio

    from moneta_service.logs import configure_logging

    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    stream = io.StringIO()
    try:
        configure_logging("WARNING", stream)
        for name, exc in (
            ("grpc._cython.cygrpc", asyncio.CancelledError()),
            ("moneta_service", ValueError("x")),
        ):
            try:
                raise exc
            except BaseException:
                logging.getLogger(name).exception("Exception not handled")
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["logger"] for line in lines] == ["moneta_service"]
    assert "ValueError" in lines[0]["exc_info"]


# --- calls that end by the client vanishing or a deadline: nothing stays in flight ---------------------------

#: A client in a subprocess that starts one call and keeps it running until it is killed: ``unary`` sends one
#: text slow to read (a worker-thread extraction of several seconds), ``stream`` streams documents forever.
_VANISHING_CLIENT = """
import itertools, sys
import grpc
from moneta.v1 import moneta_pb2 as pb, moneta_pb2_grpc
stub = moneta_pb2_grpc.MonetaServiceStub(
    grpc.insecure_channel(sys.argv[1], options=[("grpc.max_receive_message_length", -1)])
)
if sys.argv[2] == "unary":
    stub.ExtractAmounts(pb.ExtractAmountsRequest(text="$5 " * 300_000))
else:
    documents = (
        pb.StreamExtractAmountsRequest(documents=[pb.Document(id=str(i), text="$5 " * 20_000)])
        for i in itertools.count()
    )
    for _ in stub.StreamExtractAmounts(documents):
        pass
"""


def _in_flight(port: int) -> tuple[float, float]:
    samples = scrape(port)
    return (
        _value(samples, "moneta_rpc_in_flight", method="ExtractAmounts"),
        _value(samples, "moneta_rpc_in_flight", method="StreamExtractAmounts"),
    )


def _open_stream(stub: moneta_pb2_grpc.MonetaServiceStub) -> tuple[Any, Iterator[Any]]:
    """Open a stream, have one document answered, keep it open; return (the queue to close it, the responses)."""
    import queue

    requests: queue.Queue[pb.StreamExtractAmountsRequest | None] = queue.Queue()
    requests.put(pb.StreamExtractAmountsRequest(documents=[pb.Document(id="d", text="$5")]))
    responses: Iterator[Any] = iter(stub.StreamExtractAmounts(iter(requests.get, None), timeout=60))
    assert next(responses).results[0].id == "d"
    return requests, responses


def test_clients_killed_mid_call_leave_nothing_in_flight() -> None:
    """Clients killed with SIGKILL in the middle of ``ExtractAmounts`` and ``StreamExtractAmounts``: the gauge
    returns to 0, and the ``--max-concurrent-calls`` places are given back (all of them, and no more)."""
    import signal
    import subprocess

    limit = 4
    with op_server(Operating(metrics_port=0, limits=ServerLimits(max_concurrent_calls=limit))) as server:
        port = server.operating.bound_metrics_port
        assert port is not None
        clients = [
            subprocess.Popen([sys.executable, "-c", _VANISHING_CLIENT, server.address, mode], cwd=REPO)
            for mode in ("unary", "unary", "stream", "stream")
        ]
        try:
            _wait_for(lambda: _in_flight(port) == (2, 2), "the four calls to be in flight")
            for client in clients:
                client.send_signal(signal.SIGKILL)
                client.wait(timeout=30)
        finally:
            for client in clients:
                if client.poll() is None:
                    client.kill()
                    client.wait()
        _wait_for(lambda: _in_flight(port) == (0, 0), "the killed calls to leave moneta_rpc_in_flight")
        samples = scrape(port)
        assert _value(samples, "moneta_rpc_requests_total", method="ExtractAmounts", code="CANCELLED") == 2
        assert (
            _value(samples, "moneta_rpc_requests_total", method="StreamExtractAmounts", code="CANCELLED") == 2
        )
        with grpc.insecure_channel(server.address) as channel:
            stub = moneta_pb2_grpc.MonetaServiceStub(channel)
            held = [_open_stream(stub) for _ in range(limit)]  # every place is free again
            with pytest.raises(grpc.RpcError) as refused:  # and the count is exact: one more is refused
                stub.ExtractAmounts(pb.ExtractAmountsRequest(text="$5"), timeout=30)
            assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            for requests, responses in held:
                requests.put(None)
                assert list(responses) == []
        _wait_for(lambda: _in_flight(port) == (0, 0), "the held streams to end")


def test_a_call_whose_deadline_passes_before_it_starts_is_counted_as_ended() -> None:
    """A call cancelled while its handler is starting (its deadline passed while the server's event loop was
    busy) is counted as ended: before, ``moneta_rpc_in_flight`` kept it for good."""
    import asyncio

    async def busy(seconds: float) -> None:
        time.sleep(seconds)  # blocks the server's event loop, as a burst of work does  # noqa: ASYNC251

    with op_server(Operating(metrics_port=0)) as server:
        port = server.operating.bound_metrics_port
        assert port is not None
        with grpc.insecure_channel(server.address) as channel:
            stub = moneta_pb2_grpc.MonetaServiceStub(channel)
            for _ in range(3):
                blocked = asyncio.run_coroutine_threadsafe(busy(0.5), server.loop)
                time.sleep(0.05)
                request = pb.StreamExtractAmountsRequest(documents=[pb.Document(id="d", text="$5")])
                with pytest.raises(grpc.RpcError) as late:
                    list(stub.StreamExtractAmounts(iter([request]), timeout=0.2))
                assert late.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
                blocked.result(timeout=30)
        _wait_for(lambda: _in_flight(port) == (0, 0), "the late calls to leave moneta_rpc_in_flight")
        samples = scrape(port)
    ended = _value(
        samples, "moneta_rpc_requests_total", method="StreamExtractAmounts", code="DEADLINE_EXCEEDED"
    )
    assert ended == 3


def test_a_request_over_max_message_bytes_has_a_true_access_record(access_log: io.StringIO) -> None:
    """gRPC core refuses a request message over ``max_message_bytes`` (the client gets RESOURCE_EXHAUSTED)
    before moneta sees it: the stream is not logged OK, and the unary call, whose handler gRPC never calls, still
    has its one record. Both are CANCELLED, as the server knows them (README, Logs)."""
    with op_server(Operating(limits=ServerLimits(max_message_bytes=10_000))) as server:
        with grpc.insecure_channel(server.address) as channel:
            stub = moneta_pb2_grpc.MonetaServiceStub(channel)
            big = "$5 " * 5_000
            request = pb.StreamExtractAmountsRequest(documents=[pb.Document(id="big", text=big)])
            with pytest.raises(grpc.RpcError) as stream_refused:
                list(stub.StreamExtractAmounts(iter([request]), timeout=30))
            assert stream_refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            with pytest.raises(grpc.RpcError) as unary_refused:
                stub.ExtractAmounts(
                    pb.ExtractAmountsRequest(text=big), timeout=30, metadata=(("x-request-id", "too-big-1"),)
                )
            assert unary_refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            small = pb.StreamExtractAmountsRequest(documents=[pb.Document(id="small", text="$5")])
            assert len(list(stub.StreamExtractAmounts(iter([small]), timeout=30))) == 1

        def logged() -> list[tuple[object, object]]:
            return [
                (r["message"], r.get("request_id"))
                for r in _records(access_log)
                if str(r.get("method", "")).startswith("/moneta.")
            ]

        _wait_for(lambda: len(logged()) == 3, "three access records")
    assert logged() == [
        ("StreamExtractAmounts CANCELLED", logged()[0][1]),
        ("ExtractAmounts CANCELLED", "too-big-1"),
        ("StreamExtractAmounts OK", logged()[2][1]),
    ]
