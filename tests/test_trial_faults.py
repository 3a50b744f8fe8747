"""Faults a fresh-user trial found: impossible dates, a missing warehouse extra, client deadlines.

* one message for a malformed date and one for an impossible one, from every command and the Python client;
* ``moneta batch`` without duckdb/pyarrow/zstandard: exit 2, one line naming the library and the extra, and
  nothing written (the missing library is simulated in a subprocess with ``sys.modules[name] = None``);
* a client timeout must be a finite number > 0; ``--timeout`` sets the CLI's deadline and is named when it passes.
"""

from __future__ import annotations

import math
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from moneta.cli import main
from moneta.client import AsyncMonetaClient, MonetaClient
from moneta.dates import parse_iso_date

IMPOSSIBLE = "no such date: 2024-02-30 (day is out of range for month)"
MALFORMED = "not a date in the form YYYY-MM-DD: '2024-2-3'"

#: (text, the date or the message of its ValueError)
DATE_CASES = [
    ("2024-02-29", "2024-02-29"),
    (" 2024-02-29 ", "2024-02-29"),
    ("2024-02-30", IMPOSSIBLE),
    ("2023-02-29", "no such date: 2023-02-29 (day is out of range for month)"),
    ("2024-13-01", "no such date: 2024-13-01 (month must be in 1..12)"),
    ("0000-01-01", "no such date: 0000-01-01 (year 0 is out of range)"),
    ("2024-2-3", MALFORMED),
    ("20240203", "not a date in the form YYYY-MM-DD: '20240203'"),
    ("2024-02-03T10:00", "not a date in the form YYYY-MM-DD: '2024-02-03T10:00'"),
    ("", "not a date in the form YYYY-MM-DD: ''"),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES, ids=[c[0] or "empty" for c in DATE_CASES])
def test_parse_iso_date(text: str, expected: str) -> None:
    if expected[0].isdigit():
        assert parse_iso_date(text).isoformat() == expected
    else:
        with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
            parse_iso_date(text)


#: (command line with DATE where the date goes)
DATE_COMMANDS = [
    ("extract", "-", "--date", "DATE"),
    ("convert", "5", "EUR", "USD", "--date", "DATE"),
    ("rates", "--date", "DATE"),
    ("batch", "in.jsonl", "-o", "out.jsonl", "--default-date", "DATE"),
]


@pytest.mark.parametrize("date", ["2024-02-30", "2024-2-3"])
@pytest.mark.parametrize("command", DATE_COMMANDS, ids=[c[0] for c in DATE_COMMANDS])
def test_every_command_words_a_bad_date_alike(
    command: tuple[str, ...], date: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text('{"id": 1, "text": "It cost $5."}\n', encoding="utf-8")
    try:
        code = main([date if arg == "DATE" else arg for arg in command])
    except SystemExit as exc:  # argparse's usage error
        code = exc.code  # type: ignore[assignment]
    err = capsys.readouterr().err
    expected = IMPOSSIBLE if date == "2024-02-30" else MALFORMED
    assert code == 2
    assert expected in err, err
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("date", ["2024-02-30", "2024-2-3"])
def test_the_client_words_a_bad_date_alike(date: str) -> None:
    expected = IMPOSSIBLE if date == "2024-02-30" else MALFORMED
    with MonetaClient("127.0.0.1:1") as client:  # refused before any call: no server needed
        with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
            client.extract("It cost $5.", date=date)
        with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
            client.convert("5", "EUR", "USD", date=date)


# --- the warehouse extra missing ---------------------------------------------------------------------------------

#: (case, the module hidden, the batch arguments after the input, the input's name, what stays unwritten)
MISSING_EXTRA_CASES = [
    ("duckdb-output", "duckdb", ["-o", "out.duckdb"], "in.jsonl", "out.duckdb", "duckdb output"),
    ("parquet-output", "duckdb", ["-o", "out", "--format", "parquet"], "in.jsonl", "out", "parquet output"),
    ("csv-output", "duckdb", ["-o", "out", "--format", "csv"], "in.jsonl", "out", "csv output"),
    ("zst-input", "zstandard", ["-o", "out.jsonl"], "in.jsonl.zst", "out.jsonl", "zstd input"),
    ("parquet-input", "pyarrow", ["-o", "out.jsonl"], "in.parquet", "out.jsonl", "Parquet input"),
]


@pytest.mark.parametrize(
    ("module", "flags", "input_name", "output", "what"),
    [c[1:] for c in MISSING_EXTRA_CASES],
    ids=[c[0] for c in MISSING_EXTRA_CASES],
)
def test_batch_without_the_warehouse_extra_is_one_line(
    tmp_path: Path, module: str, flags: list[str], input_name: str, output: str, what: str
) -> None:
    data = b'{"id": 1, "text": "It cost $5."}\n'
    if input_name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    if input_name.endswith(".parquet"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"id": ["1"], "text": ["It cost $5."]}), tmp_path / input_name)
    else:
        (tmp_path / input_name).write_bytes(data)
    hide = (
        f"import sys, runpy; sys.modules[{module!r}] = None; runpy.run_module('moneta', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", hide, "batch", input_name, *flags, "--no-progress"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    where = f" ({input_name})" if "input" in what else ""
    expected = (
        f"moneta: error: {what}{where} needs the {module} library, "
        "which is not installed: pip install '.[warehouse]' in the moneta checkout"
    )
    assert result.stderr.strip().splitlines() == [expected]
    assert not (tmp_path / output).exists()


# --- deadlines ------------------------------------------------------------------------------------------------------

BAD_TIMEOUTS = [0, 0.0, -1, math.nan, math.inf]


@pytest.mark.parametrize("timeout", BAD_TIMEOUTS, ids=[repr(t) for t in BAD_TIMEOUTS])
def test_client_refuses_a_timeout_that_is_not_a_finite_positive_number(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout must be a finite number of seconds > 0"):
        MonetaClient("127.0.0.1:1", timeout=timeout)
    with pytest.raises(ValueError, match="timeout must be a finite number of seconds > 0"):
        AsyncMonetaClient("127.0.0.1:1", timeout=timeout)
    with MonetaClient("127.0.0.1:1") as client:  # per call too, before the call (no server needed)
        with pytest.raises(ValueError, match="timeout must be a finite number of seconds > 0"):
            client.extract("It cost $5.", timeout=timeout)
        with pytest.raises(ValueError, match="timeout must be a finite number of seconds > 0"):
            client.convert("5", "EUR", "USD", timeout=timeout)


def test_client_timeout_none_is_the_default() -> None:
    with MonetaClient("127.0.0.1:1", timeout=7) as client:
        assert client.timeout == 7.0


#: (command line; SERVER is replaced by the address of a listener that accepts connections and never answers)
TIMEOUT_COMMANDS = [
    ("extract", "article.txt", "--server", "SERVER"),
    ("convert", "5", "EUR", "USD", "--date", "2024-03-01", "--server", "SERVER"),
]


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP listener that never speaks: every call to it waits until its deadline (no moneta code faked).

    (A real server answered a one-microsecond ConvertAmount in time now and then: the test was flaky.)
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.parametrize("command", TIMEOUT_COMMANDS, ids=[c[0] for c in TIMEOUT_COMMANDS])
def test_cli_deadline_passing_names_timeout(
    command: tuple[str, ...], silent_server: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("It cost $5. " * 20, encoding="utf-8")
    argv = [silent_server if arg == "SERVER" else arg for arg in command]
    code = main([*argv, "--timeout", "0.2"])
    err = capsys.readouterr().err
    assert code == 2
    expected = (
        f"moneta: error: server {silent_server}: no answer before the client's deadline of 0.2 s passed; "
        "give it longer with --timeout SECONDS"
    )
    assert err.strip().splitlines() == [expected]


@pytest.mark.parametrize("value", ["0", "-2", "nan", "inf", "soon"])
def test_cli_timeout_must_be_a_finite_positive_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["convert", "5", "EUR", "USD", "--server", "127.0.0.1:1", f"--timeout={value}"])
    assert caught.value.code == 2
    assert "--timeout" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", [("extract", "-"), ("convert", "5", "EUR", "USD"), ("batch", "-", "-o", "-")]
)
def test_cli_timeout_needs_server(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    code = main([*command, "--timeout", "5"])
    assert code == 2
    assert "--timeout needs --server" in capsys.readouterr().err
