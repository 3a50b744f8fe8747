"""`moneta rates update` (fresh ECB data stored in the cache dir, from a local file: no internet) and `moneta rates`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from moneta.cli import UsageError, _Parser, rates
from moneta.model import ConversionStatus
from moneta_service.rates import open_provider

D = dt.date

# A newer ECB history than the embedded one (which ends 2026-10-30), in the ECB's own format.
NEWER_HISTORY = """Date,USD,JPY,GBP,RUB,
2026-11-27,1.1250,176.10,0.8401,N/A,
2026-11-26,1.1234,175.90,0.8399,N/A,
2026-10-30,1.1172,175.68,0.8338,N/A,
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("MONETA_CACHE_DIR", str(directory))
    return directory


def run_cli(argv: list[str]) -> int:
    """Run `moneta rates ...` through the same argparse wiring as the root CLI."""
    parser = _Parser(prog="moneta")
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
    rates.add_parser(subparsers)
    args: argparse.Namespace = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_update_from_local_csv_is_used_by_ecb(
    cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "eurofxref-hist.csv"
    source.write_text(NEWER_HISTORY, encoding="utf-8")
    before = open_provider("ecb").convert(Decimal(100), "EUR", "USD", D(2026, 11, 27))
    assert before.status is ConversionStatus.DATE_AFTER_DATA
    assert "moneta rates update" in before.message

    assert run_cli(["rates", "update", "--from", str(source)]) == 0
    assert "2026-11-27" in capsys.readouterr().out
    assert (cache / "ecb" / "eurofxref-hist.zip").is_file()

    after = open_provider("ecb").convert(Decimal(100), "EUR", "USD", D(2026, 11, 28))
    assert after.status is ConversionStatus.OK
    assert after.rate == Decimal("1.1250")
    assert after.rate_date == D(2026, 11, 27)
    assert open_provider("ecb").describe().last_date == D(2026, 11, 27)

    assert run_cli(["rates", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["last_date"] == "2026-11-27"
    assert shown["first_date"] == "1999-01-04"  # a file that starts later is added to the history in use
    earlier = open_provider("ecb").convert(Decimal(100), "EUR", "USD", D(2024, 4, 26))
    assert (earlier.status, earlier.rate) == (ConversionStatus.OK, Decimal("1.0714"))
    assert {row["quote"]: row["rate"] for row in shown["rates"]}["USD"] == "1.1250"


def test_update_from_zip_file_url(cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("eurofxref-hist.csv", NEWER_HISTORY)
    assert run_cli(["rates", "update", "--from", source.as_uri()]) == 0
    assert open_provider("ecb").describe().last_date == D(2026, 11, 27)


def test_an_older_file_is_refused_and_never_shrinks_the_rates(cache: Path, tmp_path: Path) -> None:
    newer = tmp_path / "new.csv"
    newer.write_text("Date,USD,JPY,\n2026-11-27,1.1,160,\n2026-11-02,1.1,160,\n", encoding="utf-8")
    assert run_cli(["rates", "update", "--from", str(newer)]) == 0
    assert open_provider("ecb").describe().last_date == D(2026, 11, 27)
    for content, match in (
        ("Date,USD,\n2024-04-26,1.0714,\n", "ends on 2024-04-26, before the rates in use"),
        ("Date,USD,JPY,\n1998-11-29,1.1,160,\n", "before the ECB's first reference rates"),
        # a future publication would shadow every real update after it
        ("Date,USD,JPY,\n2031-11-27,1.1,160,\n2026-11-27,1.1,160,\n", "ends on 2031-11-27, after today"),
    ):
        older = tmp_path / "old.csv"
        older.write_text(content, encoding="utf-8")
        with pytest.raises(UsageError, match=match):
            run_cli(["rates", "update", "--from", str(older)])
        assert open_provider("ecb").describe().last_date == D(2026, 11, 27)  # the newer update is kept


def test_an_update_refuses_a_source_too_big_to_be_ecb_rates(cache: Path, tmp_path: Path) -> None:
    """A source larger than any ECB file ("/dev/zero", a zip bomb's input) is refused before it fills memory."""
    from moneta_service.rates import store

    big = tmp_path / "big.csv"
    big.write_bytes(b"Date,USD,\n" + b"0" * (store.MAX_SOURCE_BYTES + 1))
    with pytest.raises(UsageError, match="more than 64 MB: not an ECB rates file"):
        run_cli(["rates", "update", "--from", str(big)])
    with pytest.raises(UsageError, match="is not a valid URL"):
        run_cli(["rates", "update", "--from", "http://[::1"])
    assert not (cache / "ecb" / "eurofxref-hist.zip").exists()


def test_an_update_that_would_leave_a_gap_is_refused(cache: Path, tmp_path: Path) -> None:
    """A daily file weeks after the rates in use end (the embedded data ends 2026-10-30) would leave weeks with
    no rate that no later, newer-ending file could fill: refused, with the files that work named."""
    daily = tmp_path / "daily.csv"
    daily.write_text("Date,USD,JPY,\n2026-11-27,1.1,160,\n", encoding="utf-8")
    with pytest.raises(
        UsageError, match=r"more than 7 days after the rates in use end \(2026-10-30\): storing it"
    ):
        run_cli(["rates", "update", "--from", str(daily)])
    assert not (cache / "ecb" / "eurofxref-hist.zip").exists()
    assert open_provider("ecb").describe().last_date == D(2026, 10, 30)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("date,base,quote,rate\n2024-04-26,EUR,USD,1.08\n", "not an ECB eurofxref file"),
        ("Date,USD,\n2024-04-26,abc,\n", "bad rate"),
        ("Date,USD,\nyesterday,1.07,\n", "bad date"),
        # two publications for one day, and a split decimal comma (both were accepted silently)
        (
            "Date,USD,\n2026-11-27,1.2000,\n2026-11-27,1.3000,\n",
            "line 3: a second row for 2026-11-27 with other",
        ),
        ("Date,USD,\n2026-11-27,1,0842,\n", "line 2: 3 rates but the header names 1 currencies"),
        (
            "Date,USD,\n2026-11-27,1.1500000000000000000000000000000000000000001,\n",
            "more than 38 significant",
        ),
        # each of these was stored, then gave silently wrong rates or blocked every real update after it
        ("Date,USD,USD,\n2026-11-27,1.1,160,\n", "currency column USD appears twice in the header"),
        ("Date,USD,\n2026-11-27,1_2,\n", "bad rate '1_2' for USD on 2026-11-27"),
        ("Date,USD,JPY,\n2026-11-28,1.1,160,\n2026-11-27,1.1,160,\n", "a row for 2026-11-28, a Saturday"),
        ("Date,USD,JPY,\n2026-11-27,1.1,,\n", "the row for 2026-11-27 has an empty or missing rate"),
        ("Date,USD,JPY,\n2026-11-27,1.1\n", "the row for 2026-11-27 has an empty or missing rate"),
        ("Date,USD,JPY,\n2026-11-27,N/A,N/A,\n", "the row for 2026-11-27 has no rate at all"),
        ("Date,\n2026-11-27,\n", "the header names no currency"),
    ],
)
def test_update_refuses_bad_files(cache: Path, tmp_path: Path, content: str, match: str) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=match):
        run_cli(["rates", "update", "--from", str(source)])
    assert not (cache / "ecb" / "eurofxref-hist.zip").exists()


@pytest.mark.parametrize("source", ["", "  "])
def test_update_from_an_empty_source_is_refused_not_downloaded(cache: Path, source: str) -> None:
    with pytest.raises(UsageError, match="--from is empty: give a path or an http"):
        run_cli(["rates", "update", "--from", source])
    assert not (cache / "ecb" / "eurofxref-hist.zip").exists()


def test_update_missing_file_is_a_usage_error(cache: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        run_cli(["rates", "update", "--from", "/no/such/eurofxref-hist.zip"])


def test_rates_table_on_a_weekend(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["rates", "--date", "2024-04-27"]) == 0
    out = capsys.readouterr().out
    assert "last date: 2026-10-30" in out
    assert "first date: 1999-01-04" in out
    usd = next(line for line in out.splitlines() if line.startswith("EUR   USD"))
    assert "1.0714" in usd
    assert "2024-04-26" in usd


@pytest.mark.parametrize(
    ("day", "status"), [("2031-01-01", "date_after_data"), ("1998-12-31", "no_rate_for_date")]
)
def test_rates_outside_the_data_exit_1(
    cache: Path, capsys: pytest.CaptureFixture[str], day: str, status: str
) -> None:
    assert run_cli(["rates", "--date", day, "--format", "json"]) == 1
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == status
    assert shown["rates"] == []


def test_rates_bad_source_is_a_usage_error(cache: Path) -> None:
    with pytest.raises(UsageError, match="not 'ecb'"):
        run_cli(["rates", "--rates", "/no/such/table.csv"])


def test_rates_bad_date_exits_2(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        run_cli(["rates", "--date", "2024-02-30"])
    assert caught.value.code == 2
    assert "no such date: 2024-02-30 (day is out of range for month)" in capsys.readouterr().err


def test_root_cli_turns_rate_errors_into_exit_2(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from moneta.cli import main

    assert main(["rates", "update", "--from", "/no/such/eurofxref-hist.zip"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("moneta: error: ")
    assert err.count("\n") == 1  # one line, no traceback


@pytest.mark.parametrize("rate", ["1e400", "1e-400", "0.0000001", "2000000000"])
def test_an_absurd_rate_is_refused_with_its_currency_and_date(cache: Path, tmp_path: Path, rate: str) -> None:
    source = tmp_path / "fx.csv"
    source.write_text(f"Date,USD,\n2026-11-27,{rate},\n", encoding="utf-8")
    with pytest.raises(UsageError, match=f"{rate!r} for USD on 2026-11-27 is outside"):
        run_cli(["rates", "update", "--from", str(source)])
    assert not (cache / "ecb" / "eurofxref-hist.zip").exists()
