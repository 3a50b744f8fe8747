"""Server limits (issue 7): each one refuses with a status and a message naming it; the CLI's ``--server`` mode
prints the server's message and exits 2. Real servers on free loopback ports."""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from moneta.cli import build_parser
from moneta.cli._operating import LIMIT_FLAGS
from moneta.client import InvalidArgumentError, MonetaClient, ResourceExhaustedError
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc
from moneta_service.errors import ServiceError
from moneta_service.limits import DEFAULT_LIMITS, ServerLimits, check_text
from moneta_service.operating import Operating, from_args

REPO = Path(__file__).resolve().parents[1]

from tests._opserver import OpServer, op_server

SMALL = ServerLimits(
    max_text_bytes=100,
    max_message_bytes=4096,
    max_targets=2,
    max_documents_per_message=3,
    max_concurrent_calls=50,
)


@pytest.fixture(scope="module")
def small() -> Iterator[OpServer]:
    with op_server(Operating(limits=SMALL)) as server:
        yield server


@pytest.fixture
def client(small: OpServer) -> Iterator[MonetaClient]:
    with MonetaClient(small.address, timeout=30) as c:
        yield c


# --- ExtractAmounts --------------------------------------------------------------------------------------------

LIMIT_CASES = [
    # (id, text, targets, reason, limit named in the message)
    ("ascii-over", "a" * 101, [], "TEXT_TOO_LONG", "max_text_bytes"),
    ("multibyte-over", "€" * 34, [], "TEXT_TOO_LONG", "max_text_bytes"),  # 34 code points, 102 bytes
    ("targets-over", "€5", ["USD", "GBP", "JPY"], "TOO_MANY_TARGETS", "max_targets"),
]


@pytest.mark.parametrize(
    ("text", "targets", "reason", "named"), [c[1:] for c in LIMIT_CASES], ids=[c[0] for c in LIMIT_CASES]
)
def test_beyond_a_limit_is_invalid_argument_naming_it(
    client: MonetaClient, text: str, targets: list[str], reason: str, named: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.extract(text, targets=targets)
    assert caught.value.reason == reason
    assert named in caught.value.message
    assert caught.value.metadata["limit"] in caught.value.message
    assert caught.value.field_violations, "a BadRequest field violation names the field"


@pytest.mark.parametrize(
    ("text", "targets"),
    [("a" * 100, []), ("€" * 33, []), ("It costs €5.", ["USD", "GBP"])],
    ids=["ascii-at-limit", "multibyte-at-limit", "targets-at-limit"],
)
def test_at_a_limit_is_served(client: MonetaClient, text: str, targets: list[str]) -> None:
    client.extract(text, targets=targets)  # no exception


def test_message_over_max_message_bytes_is_resource_exhausted(small: OpServer) -> None:
    channel = grpc.insecure_channel(small.address)
    stub = moneta_pb2_grpc.MonetaServiceStub(channel)
    with pytest.raises(grpc.RpcError) as caught:
        stub.ExtractAmounts(pb.ExtractAmountsRequest(text="x" * 5000), timeout=30)
    channel.close()
    assert caught.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "4096" in (caught.value.details() or "")


def test_client_maps_message_limit_to_resource_exhausted(client: MonetaClient) -> None:
    with pytest.raises(ResourceExhaustedError):
        client.extract("x" * 5000)


def test_default_text_limit_is_one_mib(moneta_server: str) -> None:
    """The shared default server refuses 1 MiB + 1 byte and names the limit."""
    with MonetaClient(moneta_server, timeout=60) as c, pytest.raises(InvalidArgumentError) as caught:
        c.extract("x" * ((1 << 20) + 1))
    assert caught.value.reason == "TEXT_TOO_LONG"
    assert str(1 << 20) in caught.value.message


# --- StreamExtractAmounts ------------------------------------------------------------------------------------


def _stream(
    address: str, messages: list[pb.StreamExtractAmountsRequest]
) -> list[pb.StreamExtractAmountsResponse]:
    with grpc.insecure_channel(address) as channel:
        stub = moneta_pb2_grpc.MonetaServiceStub(channel)
        return list(stub.StreamExtractAmounts(iter(messages), timeout=30))


def test_stream_too_many_documents_ends_the_call(small: OpServer) -> None:
    message = pb.StreamExtractAmountsRequest(documents=[pb.Document(id=str(i), text="€1") for i in range(4)])
    with pytest.raises(grpc.RpcError) as caught:
        _stream(small.address, [message])
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "max_documents_per_message" in (caught.value.details() or "")


def test_stream_client_adapts_to_a_lower_documents_limit(small: OpServer) -> None:
    """DocumentStream sends 32 documents a message by default; a server taking 3 refuses the first message, and
    the client sends every unanswered document again, 3 a message: each answered once, none lost."""
    from moneta.streaming import DocumentStream, StreamDocument

    documents = [StreamDocument(f"k{i}", f"It costs €{i + 1}.") for i in range(10)]
    with DocumentStream(small.address, max_attempts=2) as stream:
        results = list(stream.results(iter(documents)))
    assert sorted(r.key for r in results) == sorted(d.key for d in documents)
    assert all(r.error is None for r in results), [r.error for r in results if r.error]
    amounts = {r.key: [str(m.amount) for m in r.mentions] for r in results}
    assert amounts == {f"k{i}": [str(i + 1)] for i in range(10)}


def test_batch_server_with_a_lower_documents_limit_loads_every_row(small: OpServer, tmp_path: Path) -> None:
    """``moneta batch --server`` against ``--max-documents-per-message 3`` loads as the in-process load does."""
    source = tmp_path / "in.jsonl"
    source.write_text("".join(f'{{"id": "d{i}", "text": "It costs €{i}."}}\n' for i in range(8)), "utf-8")
    base = [sys.executable, "-m", "moneta", "batch", str(source), "--no-progress", "--batch-size", "5"]
    local = subprocess.run(
        [*base, "-o", str(tmp_path / "local.jsonl")], capture_output=True, text=True, timeout=300, check=False
    )
    remote = subprocess.run(
        [*base, "-o", str(tmp_path / "remote.jsonl"), "--server", small.address],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (local.returncode, remote.returncode) == (0, 0), remote.stderr
    assert (tmp_path / "remote.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_stream_too_many_targets_ends_the_call(small: OpServer) -> None:
    message = pb.StreamExtractAmountsRequest(
        documents=[pb.Document(id="a", text="€1")], target_currency_codes=["USD", "GBP", "JPY"]
    )
    with pytest.raises(grpc.RpcError) as caught:
        _stream(small.address, [message])
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "max_targets" in (caught.value.details() or "")


def test_stream_long_document_is_its_own_error_and_the_stream_goes_on(small: OpServer) -> None:
    message = pb.StreamExtractAmountsRequest(
        documents=[pb.Document(id="long", text="a" * 101), pb.Document(id="ok", text="It costs €5.")]
    )
    [response] = _stream(small.address, [message])
    long, ok = response.results
    assert long.HasField("error")
    assert long.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "100" in long.error.message
    assert "max_text_bytes" in long.error.message
    assert not ok.HasField("error")
    assert [m.text for m in ok.mentions] == ["€5"]
    info = error_details_pb2.ErrorInfo()
    assert long.error.details[0].Unpack(info)
    assert (info.reason, info.metadata["field"], info.metadata["size"]) == (
        "TEXT_TOO_LONG",
        "documents[0].text",
        "101",
    )


@pytest.mark.parametrize("method", ["ExtractAmounts", "StreamExtractAmounts"])
def test_text_limit_counts_bytes_in_both_rpcs(small: OpServer, method: str) -> None:
    """One check (limits.check_text) for both RPCs: 25 four-byte code points (100 bytes) pass, 26 do not, even
    though 26 code points are far under the limit of 100."""
    texts = {"at": "😀" * 25, "over": "😀" * 26}
    reasons: dict[str, str | None] = {}
    for key, text in texts.items():
        if method == "ExtractAmounts":
            with MonetaClient(small.address, timeout=30) as client:
                try:
                    client.extract(text)
                    reasons[key] = None
                except InvalidArgumentError as exc:
                    reasons[key] = exc.reason
        else:
            [response] = _stream(
                small.address, [pb.StreamExtractAmountsRequest(documents=[pb.Document(id=key, text=text)])]
            )
            [result] = response.results
            info = error_details_pb2.ErrorInfo()
            reasons[key] = (
                info.reason if result.error.details and result.error.details[0].Unpack(info) else None
            )
    assert reasons == {"at": None, "over": "TEXT_TOO_LONG"}


# --- the pieces ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [{"max_text_bytes": 0}, {"max_targets": -1}, {"max_message_bytes": True}, {"max_concurrent_calls": 0}],
)
def test_limits_must_be_positive(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="positive integer"):
        ServerLimits(**kwargs)


def test_check_text_counts_utf8_bytes_not_code_points() -> None:
    limits = ServerLimits(max_text_bytes=8)
    check_text("😀😀", "text", limits)  # 8 bytes: at the limit
    with pytest.raises(ServiceError, match="max_text_bytes"):
        check_text("😀😀a", "text", limits)


def test_cli_help_defaults_are_the_server_defaults() -> None:
    defaults = {flag: default for flag, default, _ in LIMIT_FLAGS}
    for field, value in (
        ("--max-text-bytes", DEFAULT_LIMITS.max_text_bytes),
        ("--max-message-bytes", DEFAULT_LIMITS.max_message_bytes),
        ("--max-targets", DEFAULT_LIMITS.max_targets),
        ("--max-documents-per-message", DEFAULT_LIMITS.max_documents_per_message),
        ("--max-concurrent-calls", DEFAULT_LIMITS.max_concurrent_calls),
    ):
        assert defaults[field] == value


def test_serve_flags_build_the_limits() -> None:
    args = build_parser().parse_args(["serve", "--max-text-bytes", "2048", "--max-targets", "3"])
    operating = from_args(args)
    assert operating.limits == ServerLimits(max_text_bytes=2048, max_targets=3)
    assert operating.tls is None
    assert operating.metrics_port is None


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["serve", "--max-text-bytes", "0"], "positive integer"),
        (["serve", "--max-targets", "many"], "positive integer"),
        (["serve", "--tls-cert", "x.pem"], "--tls-cert and --tls-key"),
        (["serve", "--tls-client-ca", "ca.pem"], "--tls-client-ca"),
        (["serve", "--metrics-port", "70000"], "between 0 and 65535"),
        (["serve", "--max-concurrent-calls", "99999999999999999999"], "at most 2147483647"),
        (["serve", "--max-message-bytes", str(1 << 31)], "at most 2147483647"),
        (["serve", "--grace", "-5"], "--grace"),
        (["serve", "--grace", "nan"], "finite number of seconds"),
        (["serve", "--grace", "soon"], "number of seconds"),
        (["serve", "--host", "192.0.2.1"], "cannot listen on 192.0.2.1:0"),  # TEST-NET-1: not this machine
        (["serve", "--host", "no-such-host.invalid"], "cannot listen on no-such-host.invalid:0"),
        (
            ["serve", "--metrics-port", "0", "--metrics-host", "192.0.2.1"],
            "cannot serve metrics on 192.0.2.1",
        ),
    ],
)
def test_bad_serve_flags_exit_2_with_one_line(argv: list[str], words: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "moneta", *argv, "--port", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # no traceback, no gRPC C-core log line
    assert lines[0].startswith("moneta: error: ")
    assert words in lines[0]


def _busy_port() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize("case", ["metrics-port-in-use", "metrics-port-is-the-grpc-port"])
def test_metrics_port_that_cannot_be_bound_exits_2_naming_it(case: str) -> None:
    """Refused before anything starts (in use), or once the gRPC port holds it: either way one line naming the
    port, and no "Exception ignored ... Event loop is closed" from a server left running."""
    with _busy_port() as busy:
        if case == "metrics-port-in-use":
            port, argv = busy.getsockname()[1], ["--port", "0"]
        else:
            port = _free_port()
            argv = ["--port", str(port)]
        result = subprocess.run(
            [sys.executable, "-m", "moneta", "serve", *argv, "--metrics-port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"moneta: error: cannot serve metrics on 127.0.0.1:{port} (--metrics-port): Address already in use\n"
    )


def test_serve_refuses_a_negative_grace() -> None:
    import asyncio

    from moneta_service.server import serve

    with pytest.raises(ValueError, match="grace"):
        asyncio.run(serve("127.0.0.1", 0, grace=-1.0))


def test_limits_flag_bound_is_the_server_bound() -> None:
    from moneta.cli._operating import MAX_LIMIT as CLI_MAX
    from moneta_service.limits import MAX_LIMIT

    assert CLI_MAX == MAX_LIMIT
    ServerLimits(max_message_bytes=MAX_LIMIT)  # at the bound: accepted
    with pytest.raises(ValueError, match="at most"):
        ServerLimits(max_concurrent_calls=MAX_LIMIT + 1)


def test_cli_server_mode_prints_the_limit_and_exits_2(small: OpServer, tmp_path: Path) -> None:
    text = tmp_path / "long.txt"
    text.write_text("It costs €5. " * 20, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "extract", str(text), "--server", small.address],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "max_text_bytes" in lines[0]
    assert "100" in lines[0]
    assert result.stdout == ""


def test_namespace_without_limit_flags_keeps_defaults() -> None:
    operating = from_args(
        argparse.Namespace(tls_cert=None, tls_key=None, tls_client_ca=None, log_debug_payloads=False,
                           metrics_port=None, metrics_host=None, host="127.0.0.1")
    )  # fmt: skip
    assert operating.limits == DEFAULT_LIMITS


def test_text_at_the_default_limit_gets_its_whole_answer(moneta_server: str) -> None:
    """A money-dense text just under 1 MiB answers with more than gRPC's default 4 MiB: the client takes it."""
    sentence = "Revenue rose to £1.2bn from £980m while costs stayed under $3.5 billion. "
    text = (
        (sentence * ((1 << 20) // len(sentence.encode()) + 1))
        .encode()[: (1 << 20) - 64]
        .decode("utf-8", "ignore")
    )
    with MonetaClient(moneta_server, timeout=300) as client:
        mentions = client.extract(text, targets=["USD"], date=dt.date(2024, 4, 26))
    assert len(mentions) >= 3 * (len(text) // len(sentence)) - 3
    assert all(len(m.conversions) == 1 for m in mentions)


def test_document_stream_keeps_messages_under_the_message_limit() -> None:
    """Twenty documents just under the default 1 MiB text limit (20 MiB in all, more than the default 16 MiB
    message limit) go through: the client splits its request messages by size, not only by count."""
    from moneta.streaming import DocumentStream, StreamDocument

    filler = "x" * ((1 << 20) - 100)
    documents = [StreamDocument(str(i), f"Item {i} cost €{i}. {filler}") for i in range(20)]
    with op_server() as server, DocumentStream([server.address], timeout=300) as stream:
        results = list(stream.results(iter(documents)))
    assert sorted(int(r.key) for r in results) == list(range(20))
    assert all(r.error is None for r in results), [r.error for r in results if r.error]
    assert all([m.text for m in r.mentions] == [f"€{r.key}"] for r in results)


# --- max_concurrent_calls -----------------------------------------------------------------------------------------


def test_calls_beyond_max_concurrent_calls_are_refused_but_health_is_answered() -> None:
    """One stream held open fills a limit of one: a second moneta call gets RESOURCE_EXHAUSTED naming the limit,
    while health checks and reflection stay answered (a busy server must pass its liveness probe)."""
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    release: list[bool] = []

    def requests() -> Iterator[pb.StreamExtractAmountsRequest]:
        yield pb.StreamExtractAmountsRequest(documents=[pb.Document(id="a", text="It cost €5.")])
        while not release:  # hold the call open until the checks below are done
            time.sleep(0.02)

    with op_server(Operating(limits=ServerLimits(max_concurrent_calls=1))) as server:
        with grpc.insecure_channel(server.address) as channel:
            stream = moneta_pb2_grpc.MonetaServiceStub(channel).StreamExtractAmounts(requests(), timeout=60)
            responses = iter(stream)
            assert next(responses).results[0].id == "a"  # the one call in flight
            try:
                with MonetaClient(server.address, timeout=30) as client:
                    with pytest.raises(ResourceExhaustedError) as caught:
                        client.extract("It costs €5.")
                    assert caught.value.reason == "TOO_MANY_CALLS"
                    assert "max_concurrent_calls" in caught.value.message
                for _ in range(3):
                    reply = health_pb2_grpc.HealthStub(channel).Check(
                        health_pb2.HealthCheckRequest(), timeout=10
                    )
                    assert reply.status == health_pb2.HealthCheckResponse.SERVING
                listed = reflection_pb2_grpc.ServerReflectionStub(channel).ServerReflectionInfo(
                    iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=10
                )
                names = {s.name for s in next(iter(listed)).list_services_response.service}
                assert "moneta.v1.MonetaService" in names
            finally:
                release.append(True)
            assert list(responses) == []
        with MonetaClient(server.address, timeout=30) as client:  # the slot is free again
            assert [m.text for m in client.extract("It costs €5.")] == ["€5"]
