"""Choosing rate sources (issue 4): ``--rates``/``--rates-fallback`` on ``convert``, ``extract`` and ``batch``, the
same as request fields for a server that serves only the sources it was started with, a client-side file with
``--server`` refused, and the data's last date shown wherever a conversion's date range matters (``moneta rates``,
``ListCurrencies``, the server's start-up log, each batch ``documents`` row), with ``date_after_data`` past it.

Live rates run without the internet: forex-python's HTTP calls are intercepted at the requests transport (the
third-party layer below it), as in ``tests/test_rates_live.py``. Servers are real, on free loopback ports.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import grpc
import pytest
import requests
from moneta import MonetaClient
from moneta.cli import main
from moneta.client import InvalidArgumentError
from moneta.model import ConversionStatus, RateCoverage
from moneta_service.pipeline import RateSources, log_rate_data
from moneta_service.rates import open_provider

D = dt.date

# A newer ECB history than the embedded one (which ends 2026-10-30), in the ECB's own format.
NEWER_HISTORY = (
    "Date,USD,GBP,\n2026-11-27,1.1250,0.8401,\n2026-11-26,1.1234,0.8399,\n2026-10-30,1.1172,0.8338,\n"
)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("MONETA_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every HTTP request fails as it does without a network; returns the URLs asked for."""
    asked: list[str] = []

    def send(self: Any, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        asked.append(str(request.url))
        raise requests.exceptions.ConnectionError("network is unreachable")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    # each test starts with a fresh live provider (the cached one remembers an outage for a minute)
    from moneta_service import rates

    monkeypatch.setattr(rates, "_PROVIDERS", {})
    return asked


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "fx.csv"
    path.write_text(
        "date,base,quote,rate\n2024-04-26,EUR,USD,1.1\n2024-04-29,EUR,USD,1.2\n", encoding="utf-8"
    )
    return path


@contextmanager
def serving(sources: RateSources) -> Iterator[str]:
    """A real moneta server serving ``sources`` on a free loopback port, in a background event loop."""
    from moneta_service.server import MonetaServer, create_server

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> MonetaServer:
        server, _port = create_server("127.0.0.1:0", sources=sources)
        await server.start()
        return server

    server = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=120)
    try:
        yield f"127.0.0.1:{server.port}"
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(0), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        loop.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- a client-side file with --server is a usage error ----------------------------------------------------------

PATH_WITH_SERVER = [
    ("convert", ["convert", "100", "EUR", "USD", "--date", "2024-04-26"]),
    ("extract", ["extract", "-", "--to", "USD"]),
    ("batch", ["batch", "-", "-o", "-", "--to", "USD"]),
]


#: (a --rates path, or TABLE / DIRECTORY for an existing file / directory, and what the line says about it)
RATE_PATHS = [
    ("TABLE", "is a file, but --server"),
    ("fx.csv", "'fx.csv' does not exist (no such file)"),
    ("rates/eurofxref-hist.zip", "does not exist (no such file)"),
    ("/tmp/no-such-dir-moneta/x.csv", "does not exist (no such file)"),
    ("DIRECTORY", "is a path that cannot be read as a file"),
]


@pytest.mark.parametrize(("command", "argv"), PATH_WITH_SERVER, ids=[c for c, _ in PATH_WITH_SERVER])
@pytest.mark.parametrize(("spec", "says"), RATE_PATHS, ids=[s for s, _ in RATE_PATHS])
def test_a_rate_file_with_server_is_a_usage_error(
    command: str,
    argv: list[str],
    spec: str,
    says: str,
    table: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rates = {"TABLE": str(table), "DIRECTORY": f"{tmp_path}/"}.get(spec, spec)
    # port 1: nothing listens there, so a connection attempt would give another message
    code, out, err = run(capsys, *argv, "--rates", rates, "--server", "127.0.0.1:1")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--server uses the server's rate sources" in err
    assert "moneta serve --table NAME=PATH" in err
    assert says in err


def test_a_source_name_with_server_goes_to_the_server(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "convert", "1", "EUR", "USD", "--rates", "mine", "--server", "127.0.0.1:1")
    assert code == 2
    assert "cannot reach a moneta server" in err  # not refused on the client side


# --- --rates live --rates-fallback ecb, in-process, on every command --------------------------------------------


def test_convert_live_falls_back_to_ecb_only_when_asked(
    offline: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["convert", "100", "EUR", "USD", "--date", "2024-04-26", "--format", "json", "--rates", "live"]
    code, out, _ = run(capsys, *base)
    assert code == 1
    assert json.loads(out)["status"] == "source_unavailable"
    code, out, _ = run(capsys, *base, "--rates-fallback", "ecb")
    assert code == 0
    fallen = json.loads(out)
    assert (fallen["status"], fallen["source"], fallen["rate"]) == ("ok", "ecb", "1.0714")
    assert "live" in fallen["message"]
    assert offline  # forex-python did try its service


def test_extract_live_falls_back_to_ecb(offline: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "extract", "-", "--to", "USD", "--date", "2024-04-26", "--format", "json",
        "--rates", "live", "--rates-fallback", "ecb",
    )  # fmt: skip
    assert code == 0, out
    (mention,) = json.loads(out)["mentions"]
    assert (mention["conversions"][0]["source"], mention["conversions"][0]["amount"]) == ("ecb", "5.36")


@pytest.fixture
def stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = "It costs €5.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture(autouse=True)
def _stdin(stdin_text: None) -> None:
    """Every command here that reads standard input reads one short sentence."""


def test_batch_live_falls_back_to_ecb_and_documents_rows_give_the_data_end(
    offline: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "It costs €5.", "date": "2024-04-26"}) + "\n", "utf-8")
    out = tmp_path / "out.duckdb"
    argv = ["batch", str(source), "-o", str(out), "--to", "USD", "--no-progress"]
    assert main([*argv, "--rates", "live", "--rates-fallback", "ecb"]) == 0
    with duckdb.connect(str(out), read_only=True) as con:
        assert con.execute("SELECT source, status FROM conversions").fetchall() == [("ecb", "ok")]
    assert main([*argv, "--rates", "ecb"]) == 0
    with duckdb.connect(str(out), read_only=True) as con:
        rows = con.execute("SELECT rate_data_version, rate_data_last_date FROM documents").fetchall()
    assert rows == [("ecb@2026-10-30", D(2026, 10, 30))]


def test_a_fallback_other_than_ecb_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["convert", "1", "EUR", "USD"], ["extract", "-"], ["batch", "-", "-o", "-"]):
        with pytest.raises(SystemExit) as caught:  # argparse: exit 2 with one line
            main([*command, "--rates-fallback", "table"])
        assert caught.value.code == 2, command
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1
        assert "--rates-fallback: invalid choice: 'table'" in err


# --- the server serves only the sources it was started with -----------------------------------------------------


def test_a_default_server_does_not_serve_live(capsys: pytest.CaptureFixture[str]) -> None:
    assert RateSources().names() == ["ecb"]
    with serving(RateSources()) as address, MonetaClient(address) as client:
        with pytest.raises(InvalidArgumentError) as caught:
            client.convert("1", "EUR", "USD", date=D(2024, 4, 26), rate_source="live")
        assert caught.value.reason == "UNKNOWN_RATE_SOURCE"
        assert "use one of ecb" in caught.value.message
        # the CLI passes the names through; a refused name is one line, exit 2
        code, _out, err = run(capsys, "convert", "1", "EUR", "USD", "--rates", "live", "--server", address)
        assert (code, len(err.strip().splitlines())) == (2, 1)
        assert "is not served here" in err


def test_a_table_name_as_fallback_is_refused_without_its_path(table: Path) -> None:
    """The only fallback is the ECB; naming a served table there is refused by name, never showing its path."""
    with (
        serving(RateSources(tables={"fx": str(table)})) as address,
        MonetaClient(address) as client,
        pytest.raises(InvalidArgumentError) as caught,
    ):
        client.convert("1", "EUR", "USD", date=D(2024, 4, 26), rate_source="fx", rate_fallback="fx")
    assert caught.value.reason == "INVALID_RATE_SOURCE"
    assert caught.value.message == "rate_fallback 'fx' is not a fallback; the only fallback is 'ecb'"
    assert str(table) not in caught.value.message
    assert caught.value.metadata["field"] == "rate_fallback"


def test_a_live_server_with_fallback_field(offline: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    sources = RateSources(default="live")
    assert sources.names() == ["ecb", "live"]
    with serving(sources) as address, MonetaClient(address) as client:
        down = client.convert("100", "EUR", "USD", date=D(2024, 4, 26))
        assert down.status is ConversionStatus.SOURCE_UNAVAILABLE
        fallen = client.convert("100", "EUR", "USD", date=D(2024, 4, 26), rate_fallback="ecb")
        assert (fallen.status, fallen.source, fallen.amount) == (
            ConversionStatus.OK,
            "ecb",
            Decimal("107.14"),
        )
        (mention,) = client.extract("It costs €5.", date=D(2024, 4, 26), targets=["USD"], rate_fallback="ecb")
        assert mention.conversions[0].source == "ecb"
        listed = [(s.source, s.last_date) for s in client_rate_sources(address)]
        assert [source for source, _ in listed] == ["live", "ecb"]
        code, out, _ = run(
            capsys, "convert", "100", "EUR", "USD", "--date", "2024-04-26", "--format", "json",
            "--server", address, "--rates", "live", "--rates-fallback", "ecb",
        )  # fmt: skip
        assert code == 0
        assert json.loads(out)["source"] == "ecb"


def client_rate_sources(address: str) -> list[RateCoverage]:
    from moneta import _codec
    from moneta.v1 import moneta_pb2 as pb
    from moneta.v1 import moneta_pb2_grpc

    with grpc.insecure_channel(address) as channel:
        response = moneta_pb2_grpc.MonetaServiceStub(channel).ListCurrencies(
            pb.ListCurrenciesRequest(), timeout=60
        )
    return [
        RateCoverage(
            s.source,
            _codec.date_from_proto(s.first_date, "first_date") if s.HasField("first_date") else None,
            _codec.date_from_proto(s.last_date, "last_date") if s.HasField("last_date") else None,
            s.name,
        )
        for s in response.rate_sources
    ]


# --- ListCurrencies: every source that can convert a currency, with its dates ------------------------------------


def test_list_currencies_gives_each_source_and_its_dates(table: Path) -> None:
    with serving(RateSources(tables={"mine": str(table)})) as address, MonetaClient(address) as client:
        currencies = {c.code: c for c in client.list_currencies()}
        sources = client_rate_sources(address)
    ecb_last = open_provider("ecb").describe().last_date
    # each entry named as a request reaches it (rate_source), as rate_sources are: the table by its served name
    assert currencies["USD"].coverage == (
        RateCoverage("ecb", D(1999, 1, 4), ecb_last, "ecb"),
        RateCoverage("table", D(2024, 4, 26), D(2024, 4, 29), "mine"),
    )
    assert currencies["GBP"].coverage == (RateCoverage("ecb", D(1999, 1, 4), ecb_last, "ecb"),)
    assert currencies["DEM"].coverage == (RateCoverage("fixed", D(1999, 1, 1), None, "ecb"),)  # open-ended
    assert currencies["ISK"].coverage == (  # the ECB's gap is no covered range
        RateCoverage("ecb", D(1999, 1, 4), D(2008, 12, 9), "ecb"),
        RateCoverage("ecb", D(2018, 2, 1), ecb_last, "ecb"),
    )
    assert currencies["RUB"].coverage[0].last_date == D(2022, 3, 1)  # the ECB stopped quoting it
    assert currencies["NGN"].coverage == ()  # known to the engine, no source converts it
    assert [(s.name, s.source, s.last_date) for s in sources] == [
        ("ecb", "ecb", ecb_last),
        ("mine", "table", D(2024, 4, 29)),  # the name a request uses, and the source id conversions carry
    ]


def test_batch_server_takes_a_table_by_its_name(
    table: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text('{"id": "a", "text": "It costs €100.", "date": "2024-04-26"}\n', encoding="utf-8")
    with serving(RateSources(tables={"mine": str(table)})) as address:
        code, _, err = run(
            capsys, "batch", str(data), "-o", str(tmp_path / "out.jsonl"), "--server", address,
            "--rates", "mine", "--to", "USD", "--no-progress",
        )  # fmt: skip
        assert code == 0, err
        (row,) = [
            json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        (conversion,) = row["mentions"][0]["conversions"]
        assert (conversion["source"], conversion["rate"]) == ("table", "1.1")
        code, _, err = run(
            capsys, "batch", str(data), "-o", str(tmp_path / "out2.jsonl"), "--server", address,
            "--rates", "table", "--to", "USD", "--no-progress",
        )  # fmt: skip
    assert code == 2
    assert "no rate source 'table' (it serves: ecb, mine)" in err


def test_a_servers_conversion_messages_name_its_table_not_its_path(table: Path) -> None:
    """A request knows a table by the name the operator gave it; the server's file paths stay private."""
    sources = RateSources(default=str(table), tables={"mine": str(table)})
    with serving(sources) as address, MonetaClient(address) as client:
        named = client.convert("100", "EUR", "USD", date=D(2024, 6, 3), rate_source="mine")
        default = client.convert("100", "EUR", "USD", date=D(2024, 6, 3))
        gbp = client.convert("100", "EUR", "GBP", date=D(2024, 4, 26), rate_source="mine")
    assert named.source == "ecb"  # after the table's last rate: the ECB answers, and the message says why
    assert "the FX table 'mine' has no EUR/USD rate on 2024-06-03" in named.message
    assert "the FX table served as the default has no EUR/USD rate" in default.message
    assert gbp.source == "ecb"  # a pair the table lacks: no note about the table at all
    for conversion in (named, default, gbp):
        assert str(table) not in conversion.message
        assert table.name not in conversion.message


def test_a_stale_tables_start_up_line_says_the_ecb_answers_later_dates(
    table: Path, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("test.rates.startup.table")
    caplog.set_level(logging.INFO, logger=logger.name)
    log_rate_data(RateSources(tables={"mine": str(table)}), logger, today=D(2024, 6, 3))
    line = caplog.records[-1].getMessage()
    assert line.startswith(f"rate data table mine ({table}): 2024-04-26 to 2024-04-29 (35 days old: ")
    assert "later dates use the ECB reference rates where the ECB has the pair" in line
    assert "give the server a newer table" in line


# --- the data's last date: start-up log, ListCurrencies, date_after_data with how to refresh -------------------


def test_start_up_log_gives_each_sources_dates(table: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="moneta_service.server")
    with serving(RateSources(tables={"mine": str(table)})):
        pass
    records = [r for r in caplog.records if r.getMessage().startswith("rate data ")]
    ecb_last = open_provider("ecb").describe().last_date
    assert ecb_last is not None
    assert [(r.rate_source, r.last_date) for r in records] == [  # type: ignore[attr-defined]
        ("ecb", ecb_last.isoformat()),
        ("table", "2024-04-29"),
    ]
    assert records[0].getMessage().startswith(f"rate data ecb: 1999-01-04 to {ecb_last}")
    assert records[1].getMessage().startswith(f"rate data table mine ({table}): 2024-")


def test_stale_data_says_how_to_refresh(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.rates.startup")
    caplog.set_level(logging.INFO, logger=logger.name)
    last = open_provider("ecb").describe().last_date
    assert last is not None
    log_rate_data(RateSources(), logger, today=last + dt.timedelta(days=3))
    log_rate_data(RateSources(), logger, today=last + dt.timedelta(days=30))
    fresh, stale = (r.getMessage() for r in caplog.records)
    assert "moneta rates update" not in fresh
    assert "30 days old" in stale
    assert "date_after_data" in stale
    assert "moneta rates update" in stale


def test_an_update_moves_the_last_date_everywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day = D(2026, 11, 27)
    with serving(RateSources()) as address, MonetaClient(address) as client:
        before = client.convert("100", "EUR", "USD", date=day)
        assert before.status is ConversionStatus.DATE_AFTER_DATA
        assert "after the last ECB reference rate in the data (2026-10-30)" in before.message
        assert "moneta rates update" in before.message
        history = tmp_path / "eurofxref-hist.csv"
        history.write_text(NEWER_HISTORY, encoding="utf-8")
        assert main(["rates", "update", "--from", str(history)]) == 0
        after = client.convert("100", "EUR", "USD", date=day)  # the same server, no restart
        assert (after.status, after.rate) == (ConversionStatus.OK, Decimal("1.1250"))
        assert {c.code: c for c in client.list_currencies()}["USD"].coverage[0].last_date == day
        assert client_rate_sources(address)[0].last_date == day
    capsys.readouterr()
    assert main(["rates", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["last_date"] == "2026-11-27"


# --- a user table's own dates: after its last rate for a pair is date_after_data (unless the ECB has it) ----------

TABLE_GAPS = [
    # (pair, date, status, words)
    (("USD", "NGN"), D(2024, 4, 29), ConversionStatus.OK, "no table rate on 2024-04-29"),
    (("USD", "NGN"), D(2024, 5, 20), ConversionStatus.DATE_AFTER_DATA, "add newer rows to the table"),
    (("NGN", "USD"), D(2024, 5, 20), ConversionStatus.DATE_AFTER_DATA, "after the last NGN/USD rate"),
    (("USD", "NGN"), D(2024, 1, 2), ConversionStatus.NO_RATE_FOR_DATE, "before the first USD/NGN rate"),
    (("USD", "NGN"), D(2024, 4, 12), ConversionStatus.NO_RATE_FOR_DATE, "nor in the 5 days before it"),
    (("EUR", "USD"), D(2024, 5, 20), ConversionStatus.OK, "has no EUR/USD rate"),  # the ECB answers
    (("EUR", "USD"), D(2026, 11, 20), ConversionStatus.DATE_AFTER_DATA, "moneta rates update"),
]


@pytest.mark.parametrize(("pair", "date", "status", "words"), TABLE_GAPS)
def test_a_table_reports_its_own_date_range(
    tmp_path: Path, pair: tuple[str, str], date: dt.date, status: ConversionStatus, words: str
) -> None:
    path = tmp_path / "ngn.csv"
    path.write_text(
        "date,base,quote,rate\n2024-04-05,USD,NGN,1290\n2024-04-26,USD,NGN,1300.5\n2024-04-26,EUR,USD,1.1\n",
        encoding="utf-8",
    )
    conversion = open_provider(str(path)).convert(Decimal(100), *pair, date)
    assert conversion.status is status, conversion.message
    assert words in conversion.message
