"""The ``moneta`` command line: every output format, exit codes 0/1/2 with one-line errors, and help everywhere."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from moneta.cli import COMMAND_MODULES, main

from tests._helpers import run_with_reader_gone

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "seeds" / "blinken-xi-2024-04-26.txt")
SEED_JSONL = str(ROOT / "seeds" / "sample-articles.jsonl")
TEXT = "The deal was worth €5 million in 2023, about 2.5bn euros less than the £3 billion first hoped for.\n"


@pytest.fixture
def text_file(tmp_path: Path) -> str:
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- formats -----------------------------------------------------------------------------------------------


def _json_mentions(capsys: pytest.CaptureFixture[str], text_file: str) -> list[dict[str, Any]]:
    code, out, _ = _run(
        capsys, "extract", text_file, "--to", "USD,gbp", "--date", "2024-04-26", "--format", "json"
    )
    assert code == 0
    mentions: list[dict[str, Any]] = json.loads(out)["mentions"]
    return mentions


def test_json_format(capsys: pytest.CaptureFixture[str], text_file: str) -> None:
    mentions = _json_mentions(capsys, text_file)
    assert [(m["text"], m["currency"], m["amount"]) for m in mentions] == [
        ("€5 million", "EUR", "5000000"),
        ("2.5bn euros", "EUR", "2500000000"),
        ("£3 billion", "GBP", "3000000000"),
    ]
    assert mentions[1]["qualifier"] == "approximate"
    for m in mentions:
        assert TEXT[m["start"] : m["end"]] == m["text"]
        assert [c["currency"] for c in m["conversions"]] == ["USD", "GBP"]
        assert {c["status"] for c in m["conversions"]} == {"ok"}


def test_jsonl_format(capsys: pytest.CaptureFixture[str], text_file: str) -> None:
    mentions = _json_mentions(capsys, text_file)
    code, out, _ = _run(
        capsys, "extract", text_file, "--to", "USD,GBP", "--date", "2024-04-26", "--format", "jsonl"
    )
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == mentions


def test_csv_format(capsys: pytest.CaptureFixture[str], text_file: str) -> None:
    mentions = _json_mentions(capsys, text_file)
    code, out, _ = _run(
        capsys, "extract", text_file, "--to", "USD,GBP", "--date", "2024-04-26", "--format", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["text"] for r in rows] == [m["text"] for m in mentions]
    assert [r["USD_amount"] for r in rows] == [m["conversions"][0]["amount"] for m in mentions]
    assert [r["GBP_rate_date"] for r in rows] == ["2024-04-26"] * 3
    assert rows[0]["amount_max"] == ""  # None is an empty cell


def test_csv_keeps_a_converted_upper_bound_and_joins_alternatives_with_semicolons(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "range.txt"
    path.write_text("It cost €5-€7 and $4.", encoding="utf-8")
    code, out, _ = _run(
        capsys, "extract", str(path), "--to", "USD", "--date", "2024-04-26", "--format", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert (rows[0]["USD_amount"], rows[0]["USD_amount_max"]) == ("5.36", "7.50")
    assert rows[1]["currency_alternatives"].split(";")[:2] == ["CAD", "AUD"]


def test_table_format(capsys: pytest.CaptureFixture[str], text_file: str) -> None:
    code, out, _ = _run(capsys, "extract", text_file, "--to", "USD", "--date", "2024-04-27")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["#", "TEXT", "START", "END", "CURRENCY", "AMOUNT", "QUALIFIER", "USD"]
    assert lines[1].split()[:3] == ["0", "€5", "million"]
    assert "rate: EUR→USD 1.0714 (ecb rate of 2024-04-26, for 2024-04-27)" in lines


def test_table_footer_rounds_cross_rates_and_skips_identity(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("It cost $5 and £3 and €2.", encoding="utf-8")
    code, out, _ = _run(capsys, "extract", str(path), "--to", "USD", "--date", "2024-04-26")
    assert code == 0
    notes = [line for line in out.splitlines() if line.startswith("rate: ")]
    assert notes == [
        "rate: GBP→USD ≈1.25101 via EUR (ecb rate of 2024-04-26)",
        "rate: EUR→USD 1.0714 (ecb rate of 2024-04-26)",
    ]


def test_table_per_unit_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "per.txt"
    path.write_text("Brent fetched $80 a barrel; the fine was €5 million.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "extract", str(path))
    assert code == 0
    head, first, second = out.splitlines()
    assert head.split() == ["#", "TEXT", "START", "END", "CURRENCY", "AMOUNT", "QUALIFIER", "PER"]
    assert first.split()[-1] == "barrel"
    assert second.split()[-1] == "exact"  # no unit: the cell is empty


def test_table_without_amounts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "none.txt"
    path.write_text("Nothing to see in 2024.\n", encoding="utf-8")
    assert _run(capsys, "extract", str(path)) == (0, "no monetary amounts found\n", "")


def test_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8")), encoding="utf-8"))
    code, out, _ = _run(capsys, "extract", "-", "--format", "jsonl")
    assert code == 0
    assert len(out.splitlines()) == 3


@pytest.mark.parametrize(("offsets", "codec", "unit"), [("utf8", "utf-8", 1), ("utf16", "utf-16-le", 2)])
def test_offsets_option(
    capsys: pytest.CaptureFixture[str], text_file: str, offsets: str, codec: str, unit: int
) -> None:
    code, out, _ = _run(capsys, "extract", text_file, "--format", "jsonl", "--offsets", offsets)
    assert code == 0
    data = TEXT.encode(codec)
    for line in out.splitlines():
        m = json.loads(line)
        assert data[m["start"] * unit : m["end"] * unit].decode(codec) == m["text"]


# --- exit codes ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["extract", SEED, "--to", "USD", "--date", "2024-04-26"], 0),
        (["extract", SEED], 0),
        (["extract", SEED, "--to", "USD"], 1),  # no date: date_missing (and a hint on stderr: below)
        (["extract", SEED, "--to", "NGN", "--date", "2024-04-26"], 1),  # currency_not_quoted (XYZ: exit 2)
        (["extract", SEED, "--to", "USD", "--date", "1990-01-02"], 1),  # before the ECB data
        (["convert", "100", "EUR", "USD", "--date", "2024-04-27"], 0),
        (["convert", "100", "eur", "usd", "--date", "2024-04-26", "--format", "json"], 0),
        (["convert", "100", "EUR", "USD"], 1),
        (["convert", "100", "EUR", "NGN", "--date", "2024-04-26", "--format", "json"], 1),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
)
def test_exit_codes_0_and_1(capsys: pytest.CaptureFixture[str], argv: list[str], code: int) -> None:
    result, out, err = _run(capsys, *argv)
    assert result == code
    assert out
    if argv[:1] == ["extract"] and "--to" in argv and "--date" not in argv:
        assert err == NO_DATE_HINT + "\n"
    else:
        assert err == ""


NO_DATE_HINT = (
    "moneta: no --date given, so no amount was converted into another currency (status date_missing): "
    "conversions use the rates of the "
    "text's publication date, --date YYYY-MM-DD"
)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
@pytest.mark.parametrize("where", ["in-process", "server"])
def test_to_without_date_says_why_on_stderr(
    capsys: pytest.CaptureFixture[str], moneta_server: str, fmt: str, where: str
) -> None:
    """``--to`` without ``--date`` exits 1 with date_missing conversions; one line on stderr says why (the
    table's cells alone did not)."""
    server = ["--server", moneta_server] if where == "server" else []
    result, out, err = _run(capsys, "extract", SEED, "--to", "USD", "--format", fmt, *server)
    assert result == 1
    assert "date_missing" in out
    assert err.splitlines() == [NO_DATE_HINT]
    result, _, err = _run(
        capsys, "extract", SEED, "--to", "USD", "--date", "2024-04-26", "--format", fmt, *server
    )
    assert (result, err) == (0, "")


def test_convert_json_is_printed_whatever_the_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "convert", "5", "EUR", "USD", "--format", "json")
    conversion = json.loads(out)
    assert code == 1
    assert (conversion["status"], conversion["amount"], conversion["currency"]) == (
        "date_missing",
        None,
        "USD",
    )
    assert conversion["message"]


#: A currency into itself needs no rate source: whatever the date (before the ECB data, a currency it never
#: quotes, a legacy currency, none), it is rate 1 from source "identity", and the table names no publication.
SAME_CURRENCY = [
    ("usd-1990", ["100", "USD", "USD", "--date", "1990-01-01"], "1990-01-01"),
    ("ngn-no-date", ["100", "NGN", "NGN"], None),
    ("dem-2024", ["100", "DEM", "DEM", "--date", "2024-04-26"], "2024-04-26"),
]


@pytest.mark.parametrize(("argv", "day"), [pytest.param(r[1], r[2], id=r[0]) for r in SAME_CURRENCY])
def test_convert_same_currency_claims_no_source(
    capsys: pytest.CaptureFixture[str], argv: list[str], day: str | None
) -> None:
    code, out, _ = _run(capsys, "convert", *argv, "--format", "json")
    conversion = json.loads(out)
    assert code == 0
    assert (conversion["status"], conversion["rate"], conversion["source"]) == ("ok", "1", "identity")
    assert conversion["amount"] == "100.00"
    assert (conversion["requested_date"], conversion["rate_date"]) == (day, day)
    assert conversion["message"] == "same currency: rate 1, no rate source needed"
    code, out, _ = _run(capsys, "convert", *argv)
    code_ = argv[1]
    assert out.splitlines() == [
        f"100 {code_} = 100.00 {code_}",
        f"rate: 1 {code_} per {code_}, the same currency (no rate source needed)",
    ]


def _not_utf8(tmp_path: Path) -> str:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Prix: 5 € ou 4 £, déjà".encode("cp1252"))
    return str(path)


USAGE_ERRORS: list[tuple[str, list[str], str]] = [
    ("bad-date", ["extract", SEED, "--date", "2024-13-01"], "no such date: 2024-13-01"),
    ("malformed-date", ["extract", SEED, "--date", "2024-1-1"], "YYYY-MM-DD"),
    ("bad-date-form", ["extract", SEED, "--date", "26/04/2024"], "YYYY-MM-DD"),
    ("bad-target", ["extract", SEED, "--to", "USD,US"], "ISO 4217"),
    ("bad-offsets", ["extract", SEED, "--offsets", "bytes"], "--offsets"),
    ("bad-format", ["extract", SEED, "--format", "xml"], "--format"),
    ("missing-file", ["extract", "no/such/file.txt"], "no such file"),
    ("directory", ["extract", str(ROOT)], "directory"),
    ("not-utf8", ["extract", "NOT_UTF8"], "not UTF-8"),
    ("rates-server", ["rates", "--server", "127.0.0.1:1"], "no --server mode"),
    ("serve-table-builtin-name", ["serve", "--port", "0", "--table", "live=fx.csv"], "built-in rate source"),
    ("serve-table-twice", ["serve", "--port", "0", "--table", "a=x.csv", "--table", "a=y.csv"], "twice: a"),
    (
        "bad-rates",
        ["extract", SEED, "--to", "USD", "--date", "2024-04-26", "--rates", "/no/such.csv"],
        "rate source",
    ),
    ("bad-locale", ["extract", SEED, "--locale", "en AU"], "BCP-47"),
    ("unknown-locale", ["extract", SEED, "--locale", "xx-YY"], "not a locale CLDR knows"),
    ("bare-region-locale", ["extract", SEED, "--locale", "AU"], "en-AU"),
    (
        "empty-subtag-locale",
        ["extract", SEED, "--locale", "en--AU"],
        "--locale: 'en--AU' is not a well-formed BCP-47",
    ),
    (
        "unknown-region-locale",
        ["extract", SEED, "--locale", "en-XX"],
        "--locale: 'en-XX' is not a locale CLDR knows (unknown region XX)",
    ),
    (
        "extension-without-subtags",
        ["extract", SEED, "--locale", "en-US-u"],
        "--locale: 'en-US-u' is not a well-formed",
    ),
    ("not-iso-target", ["extract", SEED, "--to", "XYZ", "--date", "2024-04-26"], "not an ISO 4217"),
    ("convert-not-iso-target", ["convert", "5", "EUR", "XYZ"], "not an ISO 4217"),
    ("convert-dashed-amount", ["convert", "--5", "EUR", "USD"], "moneta convert [--date YYYY-MM-DD] -- -5"),
    ("convert-amount-separator", ["convert", "1,000", "EUR", "USD"], "decimal"),
    ("convert-nan", ["convert", "NaN", "EUR", "USD"], "decimal"),
    ("convert-bad-code", ["convert", "5", "EURO", "USD"], "ISO 4217"),
    ("convert-missing-arg", ["convert", "5", "EUR"], "required"),
    ("no-command", [], "required"),
    ("unknown-command", ["frobnicate"], "invalid choice"),
    ("unknown-option-before-command", ["--nope"], "unrecognized option '--nope' before the command"),
    ("unknown-option-then-command", ["--nope", "extract", SEED], "unrecognized option '--nope'"),
    ("serve-bad-port", ["serve", "--port", "70000"], "--port"),
    ("serve-bad-rates", ["serve", "--port", "0", "--rates", "/no/such.csv"], "rate source"),
    (
        "serve-bad-table",
        ["serve", "--port", "0", "--table", "mine=/no/such.csv"],
        "--table mine=/no/such.csv: rate source",
    ),
    ("serve-table-syntax", ["serve", "--table", "mine"], "NAME=PATH"),
    ("repeated-target", ["extract", SEED, "--to", "USD,GBP,usd", "--format", "csv"], "'USD' is given more"),
    ("empty-target", ["extract", SEED, "--to", ""], "give at least one ISO 4217 code"),
    ("empty-code-last", ["extract", SEED, "--to", "USD,"], "an empty code in 'USD,'"),
    ("empty-code-first", ["extract", SEED, "--to", ",USD"], "an empty code in ',USD'"),
    ("empty-code-between", ["extract", SEED, "--to", "USD,,GBP"], "an empty code in 'USD,,GBP'"),
    ("blank-code", ["extract", SEED, "--to", "USD, ,GBP"], "an empty code in 'USD, ,GBP'"),
    (
        "batch-workers-with-server",
        ["batch", SEED_JSONL, "-o", "-", "--server", "127.0.0.1:1", "--workers", "2"],
        "--workers needs an in-process load",
    ),
    (
        "batch-suffix-jsonl-format-duckdb",
        ["batch", SEED_JSONL, "-o", "no-such-dir/x.jsonl", "--format", "duckdb"],
        "the output name 'no-such-dir/x.jsonl' says jsonl but --format is duckdb",
    ),
    (
        "batch-suffix-duckdb-format-jsonl",
        ["batch", SEED_JSONL, "-o", "no-such-dir/x.duckdb", "--format", "jsonl"],
        "says duckdb but --format is jsonl",
    ),
    (
        "batch-suffix-csv-format-parquet",
        ["batch", SEED_JSONL, "-o", "no-such-dir/out.csv/", "--format", "parquet"],
        "says csv but --format is parquet",
    ),
    ("batch-empty-target", ["batch", SEED_JSONL, "-o", "-", "--to", ""], "--to: give at least one ISO 4217"),
    (
        "batch-empty-code-last",
        ["batch", SEED_JSONL, "-o", "-", "--to", "USD,"],
        "--to: an empty code in 'USD,'",
    ),
    ("batch-empty-code-first", ["batch", SEED_JSONL, "-o", "-", "--to", ",USD"], "an empty code in ',USD'"),
    ("batch-empty-code-between", ["batch", SEED_JSONL, "-o", "-", "--to", "USD,,GBP"], "an empty code"),
    ("empty-locale", ["extract", SEED, "--locale", ""], "--locale: empty"),
    ("blank-locale", ["extract", SEED, "--locale", " "], "--locale: empty"),
    ("server-port-too-big", ["extract", SEED, "--server", "127.0.0.1:99999"], "not a TCP port (1 to 65535)"),
    ("server-port-zero", ["extract", SEED, "--server", "127.0.0.1:0"], "not a TCP port"),
    ("server-no-port", ["extract", SEED, "--server", "localhost"], "HOST:PORT"),
    ("server-empty", ["extract", SEED, "--server", ""], "HOST:PORT"),
    (
        "extract-two-servers",
        ["extract", SEED, "--server", "h:1,h:2"],
        "--server: takes one HOST:PORT, got 'h:1,h:2'",
    ),
    ("convert-two-servers", ["convert", "5", "EUR", "USD", "--server", "h:1,h:2"], "takes one HOST:PORT"),
    ("extract-server-trailing-comma", ["extract", SEED, "--server", "h:1,"], "takes one HOST:PORT"),
    ("convert-server-bad-port", ["convert", "5", "EUR", "USD", "--server", "[::1]:65536"], "not a TCP port"),
    ("tls-without-server", ["extract", SEED, "--tls"], "--tls needs --server"),
    ("tls-files-without-server", ["extract", SEED, "--tls-cert", "c", "--tls-key", "k"], "need --server"),
    (
        "convert-tls-without-server",
        ["convert", "5", "EUR", "USD", "--tls-ca", "ca.pem"],
        "--tls-ca needs --server",
    ),
]


@pytest.mark.parametrize(("argv", "words"), [pytest.param(r[1], r[2], id=r[0]) for r in USAGE_ERRORS])
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, argv: list[str], words: str) -> None:
    argv = [_not_utf8(tmp_path) if a == "NOT_UTF8" else a for a in argv]
    result = subprocess.run(
        [sys.executable, "-m", "moneta", *argv], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("moneta")
    assert words in lines[0]


#: (case, the FX table's content, what the one line says after the table's path)
BAD_TABLES = [
    # a cell over the csv module's field limit was an internal error (exit 1) in all but batch
    ("overlong-cell", "$5 " * 50_000, "line 1: a cell longer than 131072 characters"),
    # a quote never closed on the last line was read as the rate 1.1
    ("unclosed-quote", 'date,base,quote,rate\n2024-04-26,EUR,USD,"1.1\n', "line 2: a quote opened in it is never closed"),
]  # fmt: skip

#: (command; TABLE is the table's path)
TABLE_COMMANDS = [
    ("extract", "article.txt", "--rates", "TABLE"),
    ("convert", "5", "EUR", "USD", "--date", "2024-04-26", "--rates", "TABLE"),
    ("rates", "--rates", "TABLE"),
    ("batch", "in.jsonl", "-o", "out.jsonl", "--rates", "TABLE", "--no-progress"),
    ("serve", "--port", "0", "--rates", "TABLE"),
    ("serve", "--port", "0", "--table", "mine=TABLE"),
]


@pytest.mark.parametrize(
    "command", TABLE_COMMANDS, ids=["extract", "convert", "rates", "batch", "serve", "table"]
)
@pytest.mark.parametrize(("content", "words"), [c[1:] for c in BAD_TABLES], ids=[c[0] for c in BAD_TABLES])
def test_an_unreadable_fx_table_is_one_line_in_every_command(
    tmp_path: Path, command: tuple[str, ...], content: str, words: str
) -> None:
    (tmp_path / "fx.csv").write_text(content, encoding="utf-8")
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text('{"id": 1, "text": "It cost $5."}\n', encoding="utf-8")
    argv = [arg.replace("TABLE", "fx.csv") for arg in command]
    result = subprocess.run(
        [sys.executable, "-m", "moneta", *argv],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("moneta: error: ")
    assert f"fx.csv: {words}" in lines[0]
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("x.jsonl", "jsonl"), ("x.duckdb", "duckdb"), ("out.parquet", "parquet"), ("tables", "csv")],
)
def test_batch_output_name_agreeing_with_format_is_accepted(tmp_path: Path, name: str, fmt: str) -> None:
    """Only a suffix that says another format is refused: one that agrees, or none, loads."""
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "batch", SEED_JSONL, "-o", str(tmp_path / name), "--format", fmt],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).exists()


@pytest.mark.parametrize(
    "address", ["127.0.0.1:50051", "localhost:1", "[::1]:65535", "moneta.internal:443", "dns:///moneta:50051"]
)
def test_server_addresses_are_accepted_as_given(address: str) -> None:
    from moneta.cli._common import server_address, server_addresses

    assert server_address(address) == address
    assert server_addresses(f"{address}, {address}") == f"{address},{address}"


def test_server_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], moneta_server: str) -> None:
    code, out, err = _run(
        capsys, "extract", SEED, "--server", moneta_server, "--to", "USD", "--rates", "nosuch"
    )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "'nosuch' is not served here" in err


def test_serve_on_a_port_in_use_exits_2() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "moneta", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == f"moneta: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_extract_into_a_pipe_whose_reader_exits_stays_quiet(tmp_path: Path) -> None:
    """`moneta extract big.txt | head`: exit 0 and nothing on stderr (unlike `moneta batch -o - | head`, whose
    exit code says whether every row was loaded)."""
    article = tmp_path / "big.txt"
    article.write_text("It cost $5 and €7. " * 200_000, encoding="utf-8")
    assert run_with_reader_gone(["extract", str(article), "--format", "jsonl"]) == (0, "")


def test_unreachable_server_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, out, err = _run(capsys, "convert", "5", "EUR", "USD", "--server", f"127.0.0.1:{port}")
    assert (code, out) == (2, "")
    assert err.startswith(f"moneta: error: cannot reach a moneta server at 127.0.0.1:{port}")


def test_convert_through_a_server_matches_in_process(
    capsys: pytest.CaptureFixture[str], moneta_server: str
) -> None:
    argv = ["convert", "89000000000", "EUR", "USD", "--date", "2024-04-26", "--format", "json"]
    local = _run(capsys, *argv)
    remote = _run(capsys, *argv, "--server", moneta_server)
    assert local == remote
    assert json.loads(local[1])["amount"] == "95354600000.00"


# --- help ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMAND_MODULES)
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert out.startswith(f"usage: moneta {command}")
    assert len(out.splitlines()) > 3


def test_root_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert all(name in out for name in COMMAND_MODULES)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("moneta ")
