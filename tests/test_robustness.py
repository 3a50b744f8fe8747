"""Bad input and hostile environments outside the engine: one clear error (CLI exit 2 + one stderr line, gRPC
status, Python exception), never a traceback, a hang, a silently ignored option or silent loss of rows."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import zstandard
from moneta import InvalidArgumentError, MonetaClient
from moneta._codec import locale_hint_problem
from moneta.cli import main
from moneta_service.rates import RatesError
from moneta_service.rates.table import load_table

TEXT = "The council approved a €42 million budget and $3 million in grants.\n"


def moneta(
    *args: str, stdout: Any = subprocess.PIPE, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess (stdout may be a file, e.g. /dev/full)."""
    return subprocess.run(
        [sys.executable, "-m", "moneta", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_usage_error(result: subprocess.CompletedProcess[str], *needles: str, code: int = 2) -> None:
    """Exit ``code``, exactly one line on stderr, no traceback, the line names every needle."""
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def records(count: int) -> list[dict[str, Any]]:
    return [
        {"id": f"d{i}", "text": f"Aid of €{i} million was pledged.", "date": "2024-04-26"}
        for i in range(count)
    ]


def jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()


@pytest.fixture
def small_input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl_bytes([{"id": 1, "text": TEXT, "date": "2024-04-26"}, *records(2)]))
    return path


@pytest.fixture
def text_file(tmp_path: Path) -> str:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


# --- finding 1: batch outputs and inputs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "extra", "needle"),
    [
        ("{missing}/out.jsonl", [], "does not exist"),
        ("{dir}", ["--format", "jsonl"], "is a directory"),
        ("{dir}/x.duckdb", ["--format", "duckdb"], ""),  # control: a good output
        ("{missing}/pq", ["--format", "parquet"], "does not exist"),
        ("{tmp}/out.parquet", [], "-o {tmp}/out/ --format parquet"),
        ("{tmp}/out.csv", [], "--format csv"),
        ("-", ["--format", "parquet"], "not stdout"),
    ],
)
def test_batch_bad_outputs_are_refused_before_any_work(
    tmp_path: Path, small_input: Path, output: str, extra: list[str], needle: str
) -> None:
    (tmp_path / "adir").mkdir()
    names = {"missing": str(tmp_path / "no" / "such"), "dir": str(tmp_path / "adir"), "tmp": str(tmp_path)}
    result = moneta("batch", str(small_input), "-o", output.format(**names), "--no-progress", *extra)
    if not needle:
        assert result.returncode == 0, result.stderr
        return
    assert_usage_error(result, needle.format(**names))
    assert not (tmp_path / "no").exists()  # a missing parent chain is never created


def test_batch_parquet_creates_only_the_leaf_directory(tmp_path: Path, small_input: Path) -> None:
    result = moneta(
        "batch", str(small_input), "-o", str(tmp_path / "leaf"), "--format", "parquet", "--no-progress"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "leaf" / "mentions.parquet").is_file()


@pytest.mark.parametrize("summary", ["{tmp}/no/such/s.json", "{tmp}"])
def test_batch_bad_summary_path_is_refused_up_front(tmp_path: Path, small_input: Path, summary: str) -> None:
    out = tmp_path / "out.jsonl"
    result = moneta(
        "batch", str(small_input), "-o", str(out), "--summary", summary.format(tmp=tmp_path), "--no-progress"
    )
    assert_usage_error(result, "--summary")
    assert not out.exists()  # checked before the load: no output written


def _damaged(kind: str, data: bytes) -> bytes:
    if kind == "gz-truncated":
        return gzip.compress(data)[: len(gzip.compress(data)) * 2 // 3]
    if kind == "gz-corrupt":
        corrupt = bytearray(gzip.compress(data))
        corrupt[-6] ^= 0xFF  # the CRC-32 trailer: every row decompresses, the check fails at the end
        return bytes(corrupt)
    packed = zstandard.ZstdCompressor().compress(data)
    return packed[: len(packed) * 2 // 3]


@pytest.mark.parametrize(
    ("kind", "suffix"), [("gz-truncated", "gz"), ("gz-corrupt", "gz"), ("zst-truncated", "zst")]
)
def test_batch_damaged_compressed_input_keeps_rows_and_reports_the_damage(
    tmp_path: Path, kind: str, suffix: str
) -> None:
    rows = records(3000)
    source = tmp_path / f"in.jsonl.{suffix}"
    source.write_bytes(_damaged(kind, jsonl_bytes(rows)))
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out), "--no-progress")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    *good, last = lines
    assert [line["id"] for line in good] == [
        r["id"] for r in rows[: len(good)]
    ]  # rows before the damage kept
    assert all("mentions" in line for line in good)
    assert last["id"] is None
    assert "damaged or truncated compressed input" in last["error"]
    assert last["line"] == len(good) + 1


def test_batch_full_disk_on_stdout_is_one_line(small_input: Path) -> None:
    with open("/dev/full", "w") as full:
        result = moneta("batch", str(small_input), "-o", "-", "--no-progress", stdout=full)
    assert_usage_error(result, "No space left on device")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_extract_full_disk_on_stdout_is_one_line(text_file: str, fmt: str) -> None:
    with open("/dev/full", "w") as full:
        result = moneta(
            "extract", text_file, "--to", "USD", "--date", "2024-04-26", "--format", fmt, stdout=full
        )
    assert_usage_error(result, "cannot write standard output")


#: (command, after the input's path; stdout is closed: `moneta ... >&-`)
CLOSED_STDOUT_COMMANDS = [
    ("extract", ["extract", "INPUT"]),
    ("extract-json", ["extract", "INPUT", "--format", "json"]),
    ("convert", ["convert", "5", "EUR", "USD", "--date", "2024-04-26"]),
    ("rates", ["rates"]),
    ("batch", ["batch", "BATCH_INPUT", "-o", "-", "--no-progress"]),
]


def _with_stdout_closed(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real CLI with its standard output closed, as the shell's ``>&-`` leaves it."""
    return subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "moneta", *args],
        stderr=subprocess.PIPE, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "argv", [c[1] for c in CLOSED_STDOUT_COMMANDS], ids=[c[0] for c in CLOSED_STDOUT_COMMANDS]
)
def test_a_closed_stdout_is_one_line(text_file: str, small_input: Path, argv: list[str]) -> None:
    """It was ``internal error: AttributeError: 'NoneType' object has no attribute 'write'`` (exit 1)."""
    argv = [text_file if a == "INPUT" else str(small_input) if a == "BATCH_INPUT" else a for a in argv]
    result = _with_stdout_closed(*argv)
    assert result.stderr == "moneta: error: cannot write standard output: Bad file descriptor\n"
    assert result.returncode == 2


def test_a_closed_stdout_does_not_disturb_a_load_into_a_file(small_input: Path, tmp_path: Path) -> None:
    """Standard output is not written: the load goes on, and its output file (which could have taken the free
    descriptor 1) holds exactly the rows."""
    out = tmp_path / "out.jsonl"
    result = _with_stdout_closed("batch", str(small_input), "-o", str(out), "--no-progress")
    assert (result.returncode, result.stderr) == (0, "")
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "1",
        "d0",
        "d1",
    ]
    for flag in ("--version", "--help"):
        assert _with_stdout_closed(flag).returncode == 0


# --- finding 2: unreachable servers fail fast and touch no output ---------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_batch_unreachable_server_fails_fast_without_touching_the_output(
    tmp_path: Path, small_input: Path
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    # the hang guard (60 s) is far below the old 100 s of silent retries
    result = moneta(
        "batch", str(small_input), "-o", str(out), "--server", f"127.0.0.1:{_closed_port()}", timeout=60
    )
    assert_usage_error(result, "no moneta server answers")
    assert out.read_text(encoding="utf-8") == "precious\n"


def test_batch_one_dead_server_of_two_at_start_is_survived(
    tmp_path: Path, small_input: Path, moneta_server: str
) -> None:
    out = tmp_path / "out.jsonl"
    servers = f"{moneta_server},127.0.0.1:{_closed_port()}"
    result = moneta(
        "batch", str(small_input), "-o", str(out), "--server", servers, "--to", "USD", "--no-progress"
    )
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_batch_server_without_the_named_rate_source(
    tmp_path: Path, small_input: Path, moneta_server: str
) -> None:
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(small_input), "-o", str(out), "--server", moneta_server, "--rates", "nosuch")
    assert_usage_error(result, "nosuch")
    assert not out.exists()


# --- finding 3: CLI input checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["extract", "{text}", "--to", "ZZZ"], "'ZZZ' is not an ISO 4217"),
        (["extract", "{text}", "--to", "USD,ZZZ"], "'ZZZ' is not an ISO 4217"),
        (["convert", "5", "EUR", "ZZZ"], "TO: 'ZZZ'"),
        (["convert", "5", "ZZZ", "USD"], "FROM: 'ZZZ'"),
        (["batch", "{jsonl}", "-o", "{out}", "--to", "ZZZ"], "'ZZZ' is not an ISO 4217"),
        (["extract", "{text}", "--locale", "xx-YY"], "'xx-YY' is not a locale"),
        (["extract", "{text}", "--locale", "en-XX"], "unknown region"),
        (["extract", "{text}", "--locale", "AU"], "en-AU or und-AU"),
        (["batch", "{jsonl}", "-o", "{out}", "--rates", "nosuch"], "nosuch"),
        (["batch", "{jsonl}", "-o", "{out}", "--locale-column", "nosuch"], "no key 'nosuch'"),
        (["batch", "{csv}", "-o", "{out}", "--locale-column", "nosuch"], "no column 'nosuch'"),
        (["convert", "--5", "EUR", "USD"], "-- -5 FROM TO"),
        (["batch", "{jsonl}", "-o", "{out}", "--to", "USD,EUR,USD"], "--to: 'USD' is given more than once"),
        (["batch", "{jsonl}", "-o", "{out}", "--locale", ""], "--locale-column: empty"),
        (["batch", "{jsonl}", "-o", "{out}", "--text-column", " "], "--text-column: empty"),
        (["batch", "{jsonl}", "-o", "{out}", "--server", "127.0.0.1:99999"], "not a TCP port"),
        (["batch", "{jsonl}", "-o", "{out}", "--server", "127.0.0.1:5001,host"], "HOST:PORT"),
        (["batch", "{jsonl}", "-o", "{out}", "--tls"], "--tls needs --server"),
        (["extract", "{text}", "--to", "usd,USD", "--format", "table"], "'USD' is given more than once"),
        (["extract", "{text}", "--locale", ""], "--locale: empty"),
        (["extract", "{text}", "--server", "127.0.0.1:99999"], "not a TCP port"),
        (["convert", "5", "EUR", "USD", "--server", "127.0.0.1:99999"], "not a TCP port"),
        (["convert", "5", "EUR", "USD", "--tls-key", "k.pem"], "--tls-key needs --server"),
        (
            ["convert", "1e400", "EUR", "USD", "--date", "2024-04-26"],
            "(401 characters) EUR converted into USD needs 401 integer digits",
        ),
    ],
)
def test_cli_usage_errors_are_one_line_exit_2(
    tmp_path: Path, text_file: str, small_input: Path, argv: list[str], needle: str
) -> None:
    csv_input = tmp_path / "in.csv"
    csv_input.write_text("id,text\n1,€5 million\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    names = {"text": text_file, "jsonl": str(small_input), "csv": str(csv_input), "out": str(out)}
    extra = ["--no-progress"] if argv[0] == "batch" else []
    result = moneta(*(a.format(**names) for a in argv), *extra)
    assert_usage_error(result, needle)
    assert len(result.stderr) < 200
    assert not out.exists()


@pytest.mark.parametrize(
    "hint",
    [
        "en-AU",
        "en_AU",
        "EN-au",
        "und-AU",
        "de-AU",
        "zh-Hant-TW",
        "en",
        "en-US-u-cu-eur",
        "en-IN-x-foo",
        "en_AU_u_nu_latn",
    ],
)
def test_good_locale_hints_are_accepted(hint: str) -> None:
    assert locale_hint_problem(hint) is None


#: (hint with extension or private-use subtags, the same hint without them: both read money alike)
EXTENSION_HINTS = [
    ("en-NZ-u-cu-eur", "en-NZ"),
    ("en-AU-x-foo", "en-AU"),
    ("en-u-cu-cup", "en"),  # the -u- keyword's 'cu' is no region (Cuba)
    ("en_CA_x_a_b", "en_CA"),
]


@pytest.mark.parametrize(("hint", "core"), EXTENSION_HINTS, ids=[h for h, _ in EXTENSION_HINTS])
def test_extension_and_private_use_subtags_are_ignored(hint: str, core: str) -> None:
    from moneta_service.pipeline import extract_and_convert as extract

    text = "It cost $5, then A$7 and $9."
    currencies = [m.currency for m in extract(text, locale_hint=hint)]
    assert currencies == [m.currency for m in extract(text, locale_hint=core)]
    assert currencies != [m.currency for m in extract(text, locale_hint="en-JM")]  # a hint does change them


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        ("en--AU", "locale_hint must be a BCP-47 locale such as en-AU, got 'en--AU'"),
        ("en-XX", "locale_hint: 'en-XX' is not a locale CLDR knows (unknown region XX)"),
        ("en-US-u", "locale_hint: 'en-US-u' is not a well-formed BCP-47 locale"),
    ],
)
def test_server_locale_errors_keep_the_field_name(hint: str, message: str) -> None:
    from moneta_service.pipeline import validate_locale_hint

    with pytest.raises(ValueError, match="^" + re.escape(message)):
        validate_locale_hint(hint)


def test_real_code_not_quoted_stays_a_status_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "5", "EUR", "NGN", "--date", "2024-04-26"]) == 1
    assert "currency_not_quoted" in capsys.readouterr().out


def test_locale_hint_is_checked_by_the_server_too(moneta_server: str) -> None:
    with MonetaClient(moneta_server) as client:
        with pytest.raises(InvalidArgumentError) as caught:
            client.extract("It cost $5.", locale_hint="xx-YY")
        assert caught.value.reason == "INVALID_LOCALE_HINT"
        assert client.extract("It cost $5.", locale_hint="en_AU")[0].currency == "AUD"


def test_huge_amount_message_is_short_through_the_server(
    moneta_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["convert", "1e400", "EUR", "USD", "--date", "2024-04-26", "--server", moneta_server])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.splitlines()) == 1, err
    assert len(err) < 200, err
    assert "EUR converted into USD" in err


# --- finding 4: no "None" in human output -----------------------------------------------------------------------


def test_extract_table_without_date_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "usd.txt"
    path.write_text("It cost $5 and €3.", encoding="utf-8")
    main(["extract", str(path), "--to", "USD"])
    out = capsys.readouterr().out
    assert "None" not in out
    assert "5.00" in out  # USD into USD needs no date
    assert "note: #1 USD: date_missing" in out  # EUR into USD does, and the note says so


def test_rates_table_never_prints_none(capsys: pytest.CaptureFixture[str]) -> None:
    # ECB has a first date; a date outside it exercises the "date" line; nothing may print None
    main(["rates", "--date", "1990-01-01"])
    out = capsys.readouterr().out
    assert "None" not in out
    assert "first date: 1999-01-04" in out


# --- finding 5: the Python client refuses bad arguments with TypeError / ValueError -----------------------------


def test_client_argument_types(moneta_server: str) -> None:
    with MonetaClient(moneta_server) as client:
        one = client.extract(TEXT, targets="USD", date="2024-04-26")
        assert [c.currency for c in one[0].conversions] == ["USD"]
        assert one[0].conversions[0].requested_date == dt.date(2024, 4, 26)
        assert client.convert("5", "EUR", "USD", date="2024-04-26").amount == Decimal("5.36")
        with pytest.raises(TypeError, match="bytes"):
            client.extract(TEXT.encode(), targets=["USD"])  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="text must be str"):
            client.extract(None)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            client.extract(TEXT, date="26/04/2024")
        with pytest.raises(ValueError, match="lone surrogate at code point 3"):
            client.extract("It \ud800 cost $5.")
        with pytest.raises(TypeError, match="date"):
            client.extract(TEXT, date=20240426)  # type: ignore[arg-type]
        for bad in ("NaN", "Infinity", "abc"):
            with pytest.raises(ValueError, match="decimal"):
                client.convert(bad, "EUR", "USD")
        with pytest.raises(TypeError, match="float"):
            client.convert(1.5, "EUR", "USD")  # type: ignore[arg-type]


# --- finding 6: a table with two rates for one pair and date -----------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        (["2024-04-26,EUR,USD,1.07", "2024-04-26,EUR,USD,1.070"], None),  # identical repeat: accepted
        (
            ["2024-04-26,EUR,USD,1.07", "2024-04-26,EUR,USD,1.08"],
            "EUR/USD on 2024-04-26 (1.08; line 2 has 1.07)",
        ),
        (["2024-04-26,EUR,USD,1.07", "2024-04-26,USD,EUR,0.93"], None),  # another direction: another pair
    ],
)
def test_fx_table_conflicting_duplicates_are_refused(
    tmp_path: Path, rows: list[str], error: str | None
) -> None:
    path = tmp_path / "fx.csv"
    path.write_text("date,base,quote,rate\n" + "\n".join(rows) + "\n", encoding="utf-8")
    if error is None:
        load_table(path, fallback=None)
        return
    with pytest.raises(RatesError) as caught:
        load_table(path, fallback=None)
    assert error in str(caught.value)
    assert "line 3" in str(caught.value)


# --- finding 8: JSONL ids are always strings ---------------------------------------------------------------------


def test_batch_jsonl_ids_are_strings(tmp_path: Path, small_input: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert moneta("batch", str(small_input), "-o", str(out), "--no-progress").returncode == 0
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["1", "d0", "d1"]
