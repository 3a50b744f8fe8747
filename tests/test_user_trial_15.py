"""Faults a new user reported (round 15): each test is one report, checked end to end.

Real servers on free loopback ports (:mod:`tests._opserver`) and the real CLI in subprocesses; nothing of
moneta's is mocked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
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
from tests.test_batch import moneta  # the real CLI in a subprocess


@pytest.fixture(scope="module")
def server() -> Iterator[OpServer]:
    with op_server(Operating()) as started:
        yield started


# --- 1. a document over the servers' message limit is an error result of its own; the load goes on ----------------

#: A line with one amount, 15 UTF-8 bytes.
LINE = "It costs €5. "


@pytest.fixture(scope="module")
def tight_server() -> Iterator[OpServer]:
    """A server whose gRPC refuses request messages over 8 KiB (``--max-message-bytes 8192``)."""
    with op_server(Operating(limits=ServerLimits(max_message_bytes=8192))) as started:
        yield started


@pytest.fixture(scope="module")
def tight_small_server() -> Iterator[OpServer]:
    """``--max-message-bytes 8192 --max-text-bytes 100``."""
    with op_server(Operating(limits=ServerLimits(max_message_bytes=8192, max_text_bytes=100))) as started:
        yield started


#: (case, the server fixture, DocumentStream settings (no max_message_bytes: learnt from the server), documents
#: as (key, repeats of LINE), and per key the start of its error (None: its mentions)), sent in this order.
OVERSIZED_CASES: list[tuple[str, str, dict[str, int], list[tuple[str, int]], dict[str, str | None]]] = [
    (
        "learnt-from-the-refusal",
        "tight_server",
        {},
        [("a", 1), ("huge", 700), ("b", 1)],
        {
            "a": None,
            "huge": "the text of document 'huge' is 10500 UTF-8 bytes: a request message carrying it would be "
            "10512 bytes, more than the server's message limit of 8192 (max_message_bytes); it was not sent",
            "b": None,
        },
    ),
    (
        "known-up-front",
        "tight_server",
        {"max_message_bytes": 8192},
        [("a", 1), ("huge", 700), ("b", 1)],
        {"a": None, "huge": "the text of document 'huge' is 10500 UTF-8 bytes: a request message", "b": None},
    ),
    (
        # each fits a message alone, not together: sent in two messages, both answered
        "two-that-fit-apart",
        "tight_server",
        {},
        [("half1", 300), ("half2", 300)],
        {"half1": None, "half2": None},
    ),
    (
        # the text limit, learnt from the server's TEXT_TOO_LONG, is the one a later huge text is told about
        "text-limit-learnt",
        "tight_small_server",
        {"documents_per_message": 1, "max_in_flight": 1},  # one at a time: the limit is known before "huge"
        [("long", 10), ("huge", 700), ("c", 1)],
        {
            "long": "the text of document 'long' is 150 UTF-8 bytes, more than the server's limit of 100 "
            "(max_text_bytes)",
            "huge": "the text of document 'huge' is 10500 UTF-8 bytes, more than the server's limit of 100 "
            "(max_text_bytes)",
            "c": None,
        },
    ),
]


@pytest.mark.parametrize(
    ("server_name", "settings", "documents", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in OVERSIZED_CASES],
)
def test_a_document_over_the_message_limit_fails_alone(
    request: pytest.FixtureRequest,
    server_name: str,
    settings: dict[str, int],
    documents: list[tuple[str, int]],
    expected: dict[str, str | None],
) -> None:
    address = request.getfixturevalue(server_name).address
    sent = [StreamDocument(key, LINE * count) for key, count in documents]
    with DocumentStream(address, **settings) as stream:  # type: ignore[arg-type]
        results = list(stream.results(sent))
    assert sorted(r.key for r in results) == sorted(expected)  # each document exactly once
    for result in results:
        wanted = expected[result.key]
        if wanted is None:
            assert result.error is None, result.error
            assert [m.text for m in result.mentions] == ["€5"] * dict(documents)[result.key]
        else:
            assert result.error is not None
            assert result.error.startswith(wanted), result.error
            assert result.code in ("RESOURCE_EXHAUSTED", "INVALID_ARGUMENT")


def test_batch_over_server_loads_the_rows_around_a_text_over_the_message_limit(tmp_path: Path) -> None:
    """The user's load: "$1", a 20,000,000-character text, "$8" against a default server (16 MiB messages): the
    big row is an error row naming the limit, the others load; a 2 MiB row keeps its text-limit error row."""
    source = tmp_path / "huge20.jsonl"
    records = [
        {"id": "one", "text": "It costs $1."},
        {"id": "huge", "text": "x" * 20_000_000},
        {"id": "two-mib", "text": "y" * (2 << 20)},
        {"id": "eight", "text": "It costs $8."},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with op_server(Operating()) as server:
        jsonl = moneta("batch", str(source), "-o", str(tmp_path / "h20.jsonl"), "--server", server.address,
                       "--no-progress")  # fmt: skip
        duck = moneta("batch", str(source), "-o", str(tmp_path / "h20.duckdb"), "--server", server.address,
                      "--no-progress")  # fmt: skip
    assert jsonl.returncode == 1, jsonl.stderr
    assert duck.returncode == 1, duck.stderr
    lines = [json.loads(line) for line in (tmp_path / "h20.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["one", "huge", "two-mib", "eight"]
    assert [m["amount"] for m in lines[0]["mentions"]] == ["1"]
    assert [m["amount"] for m in lines[3]["mentions"]] == ["8"]
    assert lines[1]["error"].startswith(
        f"the text of id 'huge' ({source} line 2) is 20000000 UTF-8 bytes: a request message carrying it"
    )
    assert "more than the server's message limit of 16777216 (max_message_bytes)" in lines[1]["error"]
    assert lines[2]["error"].startswith(f"the text of id 'two-mib' ({source} line 3) is 2097152 UTF-8 bytes")
    assert "1048576 (max_text_bytes)" in lines[2]["error"]
    import duckdb

    with duckdb.connect(str(tmp_path / "h20.duckdb"), read_only=True) as con:
        statuses = con.sql("SELECT id, status FROM documents ORDER BY line").fetchall()
        reasons = dict(con.sql("SELECT id, reason FROM errors").fetchall())
    assert statuses == [("one", "ok"), ("huge", "failed"), ("two-mib", "failed"), ("eight", "ok")]
    assert reasons == {"huge": lines[1]["error"], "two-mib": lines[2]["error"]}


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


# --- 2. an output name that says compression is refused (outputs are written uncompressed) -------------------------

#: (output name, extra arguments): each is exit 2 with one line, and nothing is written.
#: (output name, extra arguments, the advice the refusal ends with: it fits the format and the compression)
COMPRESSED_OUTPUTS: list[tuple[str, list[str], str]] = [
    ("x.jsonl.gz", ["--format", "jsonl"], "pipe it: -o - | gzip > {out}/x.jsonl.gz"),
    ("x.jsonl.gz", [], "pipe it: -o - | gzip > {out}/x.jsonl.gz"),
    ("x.ndjson.zst", [], "pipe it: -o - | zstd > {out}/x.ndjson.zst"),
    ("x.duckdb.gz", ["--format", "duckdb"], "write -o {out}/x.duckdb (DuckDB compresses its tables itself"),
    (
        "out.csv.xz",
        ["--format", "csv"],
        "write -o {out}/out.csv --format csv (a directory), then xz its files",
    ),
    ("x.parquet.zst", [], "write -o {out}/x.parquet --format parquet (a directory; Parquet compresses"),
    ("x.gz", ["--format", "parquet"], "write -o {out}/x --format parquet (a directory; Parquet compresses"),
    ("x.bz2", [], "write it uncompressed and compress it afterwards (JSONL can be piped: -o - | bzip2 >"),
]


@pytest.mark.parametrize(
    ("name", "extra", "hint"),
    COMPRESSED_OUTPUTS,
    ids=[f"{n} {' '.join(e)}" for n, e, _ in COMPRESSED_OUTPUTS],
)
def test_a_compressed_output_name_is_refused(tmp_path: Path, name: str, extra: list[str], hint: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "It costs $5."}\n', encoding="utf-8")
    result = moneta("batch", str(source), "-o", str(tmp_path / name), *extra, "--no-progress")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "compression" in lines[0]
    assert "writes uncompressed output" in lines[0]
    assert hint.format(out=tmp_path) in lines[0]
    assert "gzip" not in lines[0] or name.endswith(".gz")  # the advice names the suffix's own tool
    assert not (tmp_path / name).exists()


# --- 7. a directory input's skipped entries are counted in one notice line; the exit code is unchanged -------------

#: (extra arguments, the notice's start, rows loaded). The directory holds a.jsonl, notes.txt,
#: sub/ (with b.jsonl) and .hidden.
DIRECTORY_CASES: list[tuple[list[str], str, int]] = [
    ([], "moneta batch: skipped 2 entries of input directories", 1),
    (
        ["--input-format", "jsonl"],
        "moneta batch: skipped 1 entry of input directories",
        2,
    ),  # notes.txt is read
]


@pytest.mark.parametrize(("extra", "notice", "rows"), DIRECTORY_CASES)
def test_a_directory_input_says_what_it_skipped(
    tmp_path: Path, extra: list[str], notice: str, rows: int
) -> None:
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text('{"id": 1, "text": "It costs $5."}\n', encoding="utf-8")
    (folder / "sub" / "b.jsonl").write_text('{"id": 2, "text": "It costs $6."}\n', encoding="utf-8")
    (folder / "notes.txt").write_text('{"id": 3, "text": "It costs $7."}\n', encoding="utf-8")
    (folder / ".hidden").write_text("not read\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(folder), "-o", str(out), "--no-progress", *extra)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(notice), lines[0]
    assert len(out.read_text(encoding="utf-8").splitlines()) == rows
