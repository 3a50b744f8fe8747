"""Faults a new user reported (the client-fixes round): each test is one report, checked end to end.

Real CLI processes and real servers on free loopback ports; nothing of moneta's is mocked.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from moneta.batch.tables import AMOUNT_SQL, COLUMNS
from moneta.streaming import DocumentStream, StreamDocument
from moneta_service.limits import ServerLimits
from moneta_service.operating import Operating
from moneta_service.pipeline import convert_amount, extract_and_convert

from tests._opserver import OpServer, op_server
from tests.test_batch import moneta  # the real CLI in a subprocess

REPO = Path(__file__).resolve().parent.parent


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- 1. batch --server: a text over the server's limit is an error row naming the user's row ---------------------


@pytest.fixture(scope="module")
def small_server() -> Iterator[OpServer]:
    with op_server(Operating(limits=ServerLimits(max_text_bytes=200))) as server:
        yield server


def test_batch_over_server_names_the_row_of_a_text_over_the_limit(
    small_server: OpServer, tmp_path: Path
) -> None:
    source = tmp_path / "articles.jsonl"
    records = [
        {"id": "short", "text": "It costs €5."},
        {"id": "long-one", "text": "It costs €5. " * 30},  # 450 UTF-8 bytes, over the 200 allowed
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out), "--server", small_server.address, "--no-progress")
    assert result.returncode == 1, result.stderr
    short, long = read_jsonl(out)
    assert short["id"] == "short"
    assert short["mentions"]
    error = long["error"]
    assert "documents[" not in error
    assert error.startswith(f"the text of id 'long-one' ({source} line 2) is 450 UTF-8 bytes"), error
    assert "200 (max_text_bytes)" in error
    assert "without --server" in error


# --- 3. the in-process Python API checks its arguments up front -------------------------------------------------

D = dt.date(2024, 4, 26)

#: (id, keyword arguments of extract_and_convert beside the text, exception type, message pattern)
EXTRACT_ARG_CASES: list[tuple[str, dict[str, Any], type[Exception], str]] = [
    (
        "date-str",
        {"date": "2024-04-26"},
        TypeError,
        r"^date must be a datetime\.date or None, not the str '2024-04-26'",
    ),
    (
        "date-datetime",
        {"date": dt.datetime(2024, 4, 26, 12)},
        TypeError,
        r"^date must be a datetime\.date, not a datetime",
    ),
    ("date-int", {"date": 20240426}, TypeError, r"^date must be a datetime\.date or None, not int$"),
    ("targets-str", {"targets": "USD"}, TypeError, r"not the str 'USD': write targets=\['USD'\]$"),
    (
        "targets-bytes",
        {"targets": b"USD"},
        TypeError,
        r"^targets must be a list of ISO 4217 codes, not bytes$",
    ),
    (
        "targets-int-element",
        {"targets": ["USD", 5]},
        TypeError,
        r"^targets\[1\] must be an ISO 4217 code \(str\), not int$",
    ),
    (
        "targets-lower",
        {"targets": ["usd"]},
        ValueError,
        r"^target_currency_codes\[0\] must be an ISO 4217 code",
    ),
    ("locale-int", {"locale_hint": 5}, TypeError, r"^locale_hint must be a str or None, not int$"),
    ("provider-str", {"provider": "ecb"}, TypeError, r"^provider must be a rate provider or None, not str"),
]


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"), [c[1:] for c in EXTRACT_ARG_CASES], ids=[c[0] for c in EXTRACT_ARG_CASES]
)
def test_extract_and_convert_refuses_bad_arguments(
    kwargs: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    arguments: dict[str, Any] = {"date": D, "targets": ["USD"], **kwargs}
    with pytest.raises(error, match=pattern):
        extract_and_convert("It cost €5.", **arguments)


def test_extract_and_convert_refuses_bytes_text() -> None:
    with pytest.raises(TypeError, match=r"^text must be a str, not bytes$"):
        extract_and_convert(b"It cost \xe2\x82\xac5.")  # type: ignore[arg-type]


#: (id, amount, source, target, date, exception type, message pattern)
CONVERT_ARG_CASES: list[tuple[str, Any, Any, Any, Any, type[Exception], str]] = [
    ("float", 5.1, "EUR", "USD", D, TypeError, r"never a float\), not float 5\.1: write Decimal\('5\.1'\)$"),
    ("str", "5", "EUR", "USD", D, TypeError, r"not str '5': write Decimal\('5'\)$"),
    ("int", 5, "EUR", "USD", D, TypeError, r"not int 5: write Decimal\('5'\)$"),
    ("nan", Decimal("NaN"), "EUR", "USD", D, ValueError, r"^amount must be a finite decimal"),
    (
        "code-none",
        Decimal(5),
        None,
        "USD",
        D,
        TypeError,
        r"^source_currency_code must be an ISO 4217 code \(str\)",
    ),
    (
        "code-lower",
        Decimal(5),
        "EUR",
        "usd",
        D,
        ValueError,
        r"^target_currency_code must be an ISO 4217 code",
    ),
    (
        "date-str",
        Decimal(5),
        "EUR",
        "USD",
        "2024-04-26",
        TypeError,
        r"^date must be a datetime\.date or None",
    ),
]


@pytest.mark.parametrize(
    ("amount", "source", "target", "date", "error", "pattern"),
    [c[1:] for c in CONVERT_ARG_CASES],
    ids=[c[0] for c in CONVERT_ARG_CASES],
)
def test_convert_amount_refuses_bad_arguments(
    amount: Any, source: Any, target: Any, date: Any, error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        convert_amount(amount, source, target, date=date)


def test_in_process_api_defaults_and_result() -> None:
    (mention,) = extract_and_convert("It cost €89 billion.", date=D, targets=("USD",))
    assert mention.amount == Decimal(89000000000)
    assert mention.conversions[0].amount == Decimal("95354600000.00")
    assert extract_and_convert("It cost €5.")[0].conversions == ()  # no targets, no conversions
    conversion = convert_amount(Decimal(89000000000), "EUR", "USD", date=D)
    assert conversion.rate == Decimal("1.0714")
    assert conversion.amount == Decimal("95354600000.00")


def test_readme_in_process_example_runs_and_prints_what_the_readme_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### In-process, without a server", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    printed = section.split("```text\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    assert capsys.readouterr().out == printed


# --- 4. a JSONL input that starts with a UTF-8 byte order mark loads like the same CSV --------------------------


@pytest.mark.parametrize("via_stdin", [False, True], ids=["file", "stdin"])
def test_jsonl_with_a_byte_order_mark_loads_its_first_row(tmp_path: Path, via_stdin: bool) -> None:
    records = [{"id": "a", "text": "It cost €5."}, {"id": "b", "text": "It cost $7."}]
    data = "\ufeff" + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    source = tmp_path / "bom.jsonl"
    source.write_text(data, encoding="utf-8")
    assert source.read_bytes().startswith(b"\xef\xbb\xbf")
    out = tmp_path / "out.jsonl"
    if via_stdin:
        result = moneta("batch", "-", "-o", str(out), "--no-progress", stdin=data)
    else:
        result = moneta("batch", str(source), "-o", str(out), "--no-progress")
    assert result.returncode == 0, result.stderr
    lines = read_jsonl(out)
    assert [line["id"] for line in lines] == ["a", "b"]
    assert [line["mentions"][0]["amount"] for line in lines] == ["5", "7"]


def test_a_byte_order_mark_only_at_the_start_of_a_jsonl_file(tmp_path: Path) -> None:
    source = tmp_path / "mid.jsonl"
    source.write_text('{"id": "a", "text": "x"}\n\ufeff{"id": "b", "text": "y"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out), "--no-progress")
    assert result.returncode == 1
    first, second = read_jsonl(out)
    assert first == {"id": "a", "mentions": []}
    assert second["error"].startswith("invalid JSON")


# --- 5. JSONL output: an error line names its input file -----------------------------------------------------


def test_jsonl_error_lines_name_their_source(tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    second = tmp_path / "second.jsonl"
    first.write_text('{"text": "no id: €5"}\n', encoding="utf-8")
    second.write_text('{"text": "no id either: €6"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(first), str(second), "-o", str(out), "--no-progress")
    assert result.returncode == 1
    lines = read_jsonl(out)
    assert [(line["id"], line["source"], line["line"]) for line in lines] == [
        (None, str(first), 1),
        (None, str(second), 1),
    ]
    assert list(lines[0]) == ["id", "source", "line", "error"]


# --- 6. DocumentStream takes one address as a plain string, like MonetaClient ----------------------------------


def test_document_stream_takes_one_address_and_one_target_as_plain_strings(moneta_server: str) -> None:
    with DocumentStream(moneta_server, targets="USD", max_attempts=1, connect_timeout=5) as stream:
        docs = iter([StreamDocument("a", "It cost €89 billion.", dt.date(2024, 4, 26))])
        (result,) = list(stream.results(docs))
    assert result.error is None
    (mention,) = result.mentions
    assert [c.currency for c in mention.conversions] == ["USD"]
    assert mention.conversions[0].amount == Decimal("95354600000.00")


#: (id, addresses, exception type, message pattern)
STREAM_ADDRESS_CASES: list[tuple[str, Any, type[Exception], str]] = [
    (
        "bytes",
        b"127.0.0.1:1",
        TypeError,
        r"^addresses must be a 'host:port' str or a list or tuple of them, not bytes$",
    ),
    ("int", 50051, TypeError, r"^addresses must be a 'host:port' str or a list or tuple of them, not int$"),
    ("list-of-int", [50051], TypeError, r"^each server address must be a str, not int$"),
    ("empty-str", "", ValueError, r"^a server address must not be empty$"),
    ("empty-list", [], ValueError, r"^no server address$"),
]


@pytest.mark.parametrize(
    ("addresses", "error", "pattern"),
    [c[1:] for c in STREAM_ADDRESS_CASES],
    ids=[c[0] for c in STREAM_ADDRESS_CASES],
)
def test_document_stream_refuses_bad_addresses_at_once(
    addresses: Any, error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        DocumentStream(addresses)


# --- 7. the client's error classes are exported from moneta -----------------------------------------------------

ERROR_NAMES = [
    "MonetaError",
    "InvalidArgumentError",
    "ResourceExhaustedError",
    "UnavailableError",
    "DeadlineExceededError",
]


@pytest.mark.parametrize("name", ERROR_NAMES)
def test_client_errors_are_exported_from_moneta(name: str) -> None:
    import moneta
    import moneta.client

    assert name in moneta.__all__
    exported = getattr(moneta, name)
    assert exported is getattr(moneta.client, name)
    assert issubclass(exported, moneta.MonetaError)


def test_every_name_in_moneta_all_resolves_and_import_stays_thin() -> None:
    code = (
        "import sys, moneta\n"
        "assert 'grpc' not in sys.modules, 'import moneta loaded grpc'\n"
        "from moneta import UnavailableError, DeadlineExceededError, ResourceExhaustedError\n"
        "print(sorted(n for n in moneta.__all__ if getattr(moneta, n, None) is None))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"


# --- 8. an empty CSV input says it is empty ----------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n\n"], ids=["zero-bytes", "blank-lines"])
def test_an_empty_csv_input_says_it_is_empty(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "empty.csv"
    source.write_bytes(content)
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out), "--no-progress")
    assert result.returncode == 2
    expected = (
        f"moneta: error: {source}: the file is empty: a CSV input needs a header line naming its columns "
        "(such as id,text,date)"
    )
    assert result.stderr.splitlines() == [expected]
    assert not out.exists()


@pytest.mark.parametrize("lead", [b"\n", b"\n\r\n  \n"], ids=["one-blank-line", "blank-and-space-lines"])
def test_blank_lines_before_a_csv_header_are_skipped(tmp_path: Path, lead: bytes) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(lead + b'id,text\n1,"It cost $5."\n4,a,b\n')
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out), "--no-progress")
    assert result.returncode == 1, result.stderr  # one row failed (the second), not the file
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["1", "4"]
    assert [m["text"] for m in rows[0]["mentions"]] == ["$5"]
    # the error names the file's own line, blank lines counted
    assert rows[1]["line"] == lead.count(b"\n") + 3
    assert "3 fields where the header has 2" in rows[1]["error"]


# --- 9. the README's recipe reads the CSV tables back with exact types -------------------------------------------


def test_readme_csv_read_back_recipe_gives_exact_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = moneta(
        "batch",
        str(REPO / "seeds" / "sample-articles.jsonl"),
        "-o",
        str(tmp_path / "out"),
        "--format",
        "csv",
        "--to",
        "EUR,USD",
        "--no-progress",
    )
    assert result.returncode == 0, result.stderr
    section = (REPO / "README.md").read_text(encoding="utf-8").split("**Reading the CSV tables back.**", 1)[1]
    duckdb_code, pandas_code = section.split("```python\n")[1:3]
    monkeypatch.chdir(tmp_path)
    found: dict[str, Any] = {}
    exec(duckdb_code.split("```", 1)[0], found)  # noqa: S102 - the README's own recipe
    exec(pandas_code.split("```", 1)[0], found)  # noqa: S102
    columns = dict(zip(found["conversions"].columns, found["conversions"].types, strict=True))
    assert str(columns["amount"]) == "DECIMAL(38,10)"
    assert str(columns["rate"]) == "VARCHAR"
    assert str(columns["path_list"]) == "VARCHAR[]"
    assert (
        str(dict(zip(found["mentions"].columns, found["mentions"].types, strict=True))["amount"])
        == "DECIMAL(38,10)"
    )

    # a quoted empty string stays an empty string (DuckDB reads it as NULL unless told not to), NULL stays NULL
    def count(table: str, where: str) -> int:
        return int(found[table].filter(where).aggregate("count(*)").fetchall()[0][0])

    assert count("conversions", "message IS NULL") == 0
    assert count("conversions", "message = ''") > 0
    assert count("conversions", "amount_max IS NULL") > 0
    assert count("mentions", "currency_alternatives IS NULL") == 0
    assert count("mentions", "currency_alternatives = ''") > 0
    assert count("mentions", "amount_max IS NULL") > 0
    df = found["df"]
    ok = df[df["status"] == "ok"]
    assert all(isinstance(value, Decimal) for value in ok["amount"])
    assert all(isinstance(value, Decimal) for value in ok["rate"])
    assert ok["path"].str.contains(";").any()


#: How the recipe must read a column of each type the tables define (lists are ;-joined text in CSV).
_READ_AS = {
    AMOUNT_SQL: {"DECIMAL(38,10)"},
    "DATE": {"DATE"},
    "INTEGER": {"INTEGER", "BIGINT"},
    "BIGINT": {"BIGINT"},
    "VARCHAR": {"VARCHAR"},
    "VARCHAR[]": {"VARCHAR"},
}


@pytest.mark.parametrize("table", ["mentions", "conversions"])
def test_readme_csv_recipe_types_columns_that_are_empty_in_every_row(
    table: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A load whose CSV columns hold no value at all (no mention restates another: ``equivalent_of``; no document
    has a date: ``requested_date``, ``rate_date``), which DuckDB would otherwise guess to be VARCHAR."""
    source = tmp_path / "plain.jsonl"
    source.write_text(
        '{"id": "a", "text": "It cost €5 and $7."}\n{"id": "b", "text": "Prices rose to £12 million."}\n',
        encoding="utf-8",
    )
    result = moneta(
        "batch", str(source), "-o", str(tmp_path / "out"), "--format", "csv", "--to", "USD", "--no-progress"
    )
    assert result.returncode == 0, result.stderr
    section = (REPO / "README.md").read_text(encoding="utf-8").split("**Reading the CSV tables back.**", 1)[1]
    monkeypatch.chdir(tmp_path)
    found: dict[str, Any] = {}
    exec(section.split("```python\n")[1].split("```", 1)[0], found)  # noqa: S102 - the README's own recipe
    relation = found[table]
    read = dict(zip(relation.columns, map(str, relation.types), strict=False))
    empty = {"mentions": ["equivalent_of"], "conversions": ["requested_date", "rate_date"]}[table]
    for column in empty:  # the case this test is about: not one value in the column
        assert relation.filter(f"{column} IS NOT NULL").aggregate("count(*)").fetchall() == [(0,)], column
    wrong = {
        name: (read[name], sql_type)
        for name, sql_type, _nullable in COLUMNS[table]
        if read[name] not in _READ_AS[sql_type]
    }
    assert wrong == {}
