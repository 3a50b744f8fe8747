"""A user's own FX table (CSV or Parquet, columns date, base, quote, rate) preferred over the ECB, and the ECB's
own eurofxref files given as a path. Every table is written by the test into tmp_path."""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from moneta.model import ConversionStatus
from moneta_service.rates import RatesError, open_provider

D = dt.date
OK = ConversionStatus.OK


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Use an empty cache directory, so a `moneta rates update` run on this machine changes nothing here."""
    monkeypatch.setenv("MONETA_CACHE_DIR", str(tmp_path / "cache"))


TABLE_CSV = """date,base,quote,rate
2024-04-26,EUR,USD,1.0800
2024-04-25,EUR,USD,1.0750
1998-06-01,DEM,USD,0.5600
2024-04-26,USD,JPY,156.50
"""


@pytest.fixture
def table_csv(tmp_path: Path) -> Path:
    path = tmp_path / "fx.csv"
    path.write_text(TABLE_CSV, encoding="utf-8")
    return path


# (id, amount, source, target, date, status, amount, rate, rate_date, source id, path)
TABLE_CASES = [
    ("table-overrides-ecb", "89000000000", "EUR", "USD", D(2024, 4, 26), OK, "96120000000.00", "1.0800",
     D(2024, 4, 26), "table", ("EUR", "USD")),
    ("table-weekend", "100", "EUR", "USD", D(2024, 4, 28), OK, "108.00", "1.0800", D(2024, 4, 26), "table",
     ("EUR", "USD")),
    ("table-earlier-day", "100", "EUR", "USD", D(2024, 4, 25), OK, "107.50", "1.0750", D(2024, 4, 25), "table",
     ("EUR", "USD")),
    ("table-inverse-pair", "108", "USD", "EUR", D(2024, 4, 26), OK, "100.00", None, D(2024, 4, 26), "table",
     ("USD", "EUR")),
    ("table-covers-pre-1999-legacy", "100", "DEM", "USD", D(1998, 6, 1), OK, "56.00", "0.5600", D(1998, 6, 1),
     "table", ("DEM", "USD")),
    ("table-jpy", "10", "USD", "JPY", D(2024, 4, 26), OK, "1565", "156.50", D(2024, 4, 26), "table",
     ("USD", "JPY")),
    # the table's look-back is the ECB date policy's: its Friday rate serves the Monday, though the ECB has one
    ("table-lookback-before-ecb", "100", "EUR", "USD", D(2024, 4, 29), OK, "108.00", "1.0800", D(2024, 4, 26),
     "table", ("EUR", "USD")),
    # pairs or dates the table lacks go to the ECB
    ("ecb-after-the-lookback", "100", "EUR", "USD", D(2024, 5, 2), OK, "106.98", "1.0698", D(2024, 5, 2), "ecb",
     ("EUR", "USD")),
    ("ecb-for-missing-pair", "100", "EUR", "GBP", D(2024, 4, 26), OK, "85.64", "0.85643", D(2024, 4, 26), "ecb",
     ("EUR", "GBP")),
    ("ecb-for-missing-date", "100", "EUR", "USD", D(2024, 3, 1), OK, None, None, D(2024, 3, 1), "ecb",
     ("EUR", "USD")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "source", "target", "date", "status", "expected", "rate", "rate_date", "source_id", "path"),
    [case[1:] for case in TABLE_CASES],
    ids=[case[0] for case in TABLE_CASES],
)
def test_user_table(
    table_csv: Path,
    amount: str,
    source: str,
    target: str,
    date: dt.date,
    status: ConversionStatus,
    expected: str | None,
    rate: str | None,
    rate_date: dt.date,
    source_id: str,
    path: tuple[str, ...],
) -> None:
    provider = open_provider(str(table_csv))
    result = provider.convert(Decimal(amount), source, target, date)
    assert result.status == status, result.message
    assert result.source == source_id
    if expected is not None:
        assert str(result.amount) == expected
    if rate is not None:
        assert str(result.rate) == rate
    assert result.rate_date == rate_date
    assert result.path == path


def test_fallback_to_ecb_says_the_table_had_no_rate(table_csv: Path) -> None:
    result = open_provider(str(table_csv)).convert(Decimal(100), "EUR", "USD", D(2024, 3, 1))
    assert result.source == "ecb"
    assert "FX table" in result.message


def test_pre_1999_legacy_without_table_is_no_rate(table_csv: Path) -> None:
    result = open_provider("ecb").convert(Decimal(100), "DEM", "USD", D(1998, 6, 1))
    assert result.status is ConversionStatus.NO_RATE_FOR_DATE
    assert "1999-01-01" in result.message


def test_parquet_table(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "date": pa.array([D(2024, 4, 26)], pa.date32()),
            "base": ["EUR"],
            "quote": ["USD"],
            "rate": pa.array([Decimal("1.0900")], pa.decimal128(12, 6)),
        }
    )
    path = tmp_path / "fx.parquet"
    pq.write_table(table, path)
    provider = open_provider(str(path))
    result = provider.convert(Decimal(100), "EUR", "USD", D(2024, 4, 26))
    assert result.status is OK
    assert result.source == "table"
    assert result.amount == Decimal("109.00")
    described = provider.describe()
    assert (described.source, described.first_date, described.last_date) == (
        "table",
        D(2024, 4, 26),
        D(2024, 4, 26),
    )


def test_parquet_float_rates_are_refused(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "float.parquet"
    pq.write_table(
        pa.table(
            {"date": ["2024-04-26"], "base": ["EUR"], "quote": ["USD"], "rate": pa.array([1], pa.float64())}
        ),
        path,
    )
    with pytest.raises(RatesError, match="floating point"):
        open_provider(str(path))


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("day,from,to,value\n2024-04-26,EUR,USD,1.08\n", "missing column"),
        ("date,base,quote,rate\n2024-04-26,EUR,USD,abc\n", "bad rate"),
        ("date,base,quote,rate\n2024-04-26,EUR,USD,-1\n", "bad rate"),
        ("date,base,quote,rate\n2024-04-26,EUR,USD,1e400\n", "outside 1e-12 to 1e12"),
        # a bad date is worded as every command words one (moneta.dates)
        (
            "date,base,quote,rate\n26/04/2024,EUR,USD,1.08\n",
            "line 2: not a date in the form YYYY-MM-DD: '26/04/2024'",
        ),
        (
            "date,base,quote,rate\n2024-04-31,EUR,USD,1.08\n",
            "line 2: no such date: 2024-04-31 (day is out of range for month)",
        ),
        ("date,base,quote,rate\n2024-04-26,EURO,USD,1.08\n", "bad currency code"),
        ("date,base,quote,rate\n", "no rows"),
        # an empty or missing cell names its line and column (it said "bad rate None")
        ("date,base,quote,rate\n2024-04-26,EUR,USD,1.08\n2024-04-26,EUR,GBP,\n", "line 3: the rate cell is empty"),
        ("date,base,quote,rate\n2024-04-26,EUR,USD, \n", "line 2: the rate cell is empty"),
        ("date,base,quote,rate\n,EUR,USD,1.08\n", "line 2: the date cell is empty"),
        ("date,base,quote,rate\n2024-04-26,,USD,1.08\n", "line 2: the base cell is empty"),
        ("date,base,quote,rate\n2024-04-26,EUR,USD\n", "line 2: no rate cell (the row has fewer fields"),
        # an unquoted decimal comma splits the rate in two cells (it gave a silent rate of 1)
        ("date,base,quote,rate\n2024-04-26,EUR,USD,1,07\n", "line 2: 5 cells but the header has 4 (extra '07')"),
        # more digits than a Decimal of 38 significant digits keeps (it was kept, then printed as given)
        ("date,base,quote,rate\n2024-04-26,EUR,USD,1.15000000000000000000000000000000000000001\n",
         "has more than 38 significant digits"),
        # an underscore (Python's Decimal reads "1_07" as 107) and a repeated rate column (the second one won)
        ("date,base,quote,rate\n2024-04-26,EUR,USD,1_07\n", "line 2: bad rate '1_07'"),
        ("date,base,quote,rate,rate\n2024-04-26,EUR,USD,1.07,9\n", "column(s) rate appear twice in the header"),
        # a currency against itself (it said it "contradicts line 2", its own line)
        ("date,base,quote,rate\n2024-04-26,EUR,EUR,2\n", "line 2: EUR/EUR 2: a currency converts into itself at rate 1"),
        # a code that is no ISO 4217 code (the row was silently never used)
        ("date,base,quote,rate\n2024-04-26,EUR,USD,1.08\n2024-04-26,EUR,ZZZ,2\n",
         "line 3: 'ZZZ' (quote) is not an ISO 4217 currency code"),
        ("date,base,quote,rate\n2024-04-26,cnh,USD,0.14\n", "line 2: 'CNH' (base) is not an ISO 4217"),
        # a quote never closed, on the last line (it was read as the rate 1.1) or before more lines (the lines
        # after it were read into the rate), and text after a closing quote (it was joined to the cell)
        ('date,base,quote,rate\n2024-04-26,EUR,USD,"1.1\n', "line 2: a quote opened in it is never closed"),
        ('date,base,quote,rate\n2024-04-26,EUR,USD,"1.1', "line 2: a quote opened in it is never closed"),
        ('date,base,quote,rate\n2024-04-26,EUR,USD,"1.1\n2024-04-29,EUR,USD,1.2\n',
         "lines 2-3: a quote opened on line 2 is never closed (the rest of the file was read into it)"),
        ('date,base,quote,rate\n\n2024-04-26,EUR,USD,"1.1\n', "line 3: a quote opened in it is never closed"),
        ('date,base,quote,rate\n2024-04-26,EUR,USD,"1.1"x\n', "line 2: unreadable CSV (',' expected after '\"')"),
        ('date,base,"quote,rate\n', "line 1: a quote opened in it is never closed"),
        # a cell over the csv module's field limit (it was an internal error, exit 1, in every command)
        ("date,base,quote,rate\n2024-04-26,EUR,USD," + "1" * 200_000 + "\n",
         "line 2: a cell longer than 131072 characters (an FX table has columns date, base, quote, rate"),
        ("$5 " * 50_000, "line 1: a cell longer than 131072 characters"),
    ],
)  # fmt: skip
def test_bad_tables_raise_one_line_errors(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RatesError, match=re.escape(match)) as caught:
        open_provider(str(path))
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")


@pytest.mark.parametrize("limit", [131072, 2**31 - 1], ids=["csv-default", "raised-as-batch-does"])
def test_a_cell_over_the_field_limit_is_refused_whatever_the_process_limit(
    tmp_path: Path, limit: int
) -> None:
    """``moneta batch`` raises the csv module's (process-wide) field limit for its inputs; a table's overlong cell
    is refused with the same message there as in the other commands (it was "missing column(s)" there)."""
    path = tmp_path / "dense.txt"
    path.write_text("$5 " * 50_000, encoding="utf-8")
    before = csv.field_size_limit(limit)
    try:
        with pytest.raises(RatesError) as caught:
            open_provider(str(path))
    finally:
        csv.field_size_limit(before)
    assert str(caught.value) == (
        f"{path}: line 1: a cell longer than 131072 characters (an FX table has columns date, base, quote, "
        "rate: is this the right file?)"
    )


def test_a_parquet_table_with_a_null_cell_names_its_row(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "fx.parquet"
    table = {"date": ["2024-04-26", "2024-04-26"], "base": ["EUR", "EUR"], "quote": ["USD", "GBP"]}
    pq.write_table(pa.table({**table, "rate": ["1.08", None]}), path)
    with pytest.raises(RatesError, match="row 2: the rate cell is empty"):
        open_provider(str(path))


def test_a_currency_against_itself_at_rate_1_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "fx.csv"
    path.write_text("date,base,quote,rate\n2024-04-26,EUR,EUR,1\n2024-04-26,EUR,USD,1.08\n", encoding="utf-8")
    conversion = open_provider(str(path)).convert(Decimal(100), "EUR", "USD", D(2024, 4, 26))
    assert (conversion.source, conversion.amount) == ("table", Decimal("108.00"))


ECB_CSV = """Date,USD,JPY,GBP,
2024-04-26,1.0714,168.03,0.85643,
2024-04-25,1.0702,166.83,0.85773,
"""


def test_ecb_format_csv_and_zip_as_a_path(tmp_path: Path) -> None:
    import zipfile

    csv_path = tmp_path / "eurofxref-hist.csv"
    csv_path.write_text(ECB_CSV, encoding="utf-8")
    zip_path = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("eurofxref-hist.csv", ECB_CSV)
    for path in (csv_path, zip_path):
        provider = open_provider(str(path))
        result = provider.convert(Decimal(100), "USD", "GBP", D(2024, 4, 27))
        assert result.status is OK
        assert result.source == "ecb"
        assert result.rate_date == D(2024, 4, 26)
        assert result.path == ("USD", "EUR", "GBP")
        assert provider.describe().last_date == D(2024, 4, 26)
        after = provider.convert(Decimal(100), "EUR", "USD", D(2024, 4, 29))
        assert after.status is ConversionStatus.DATE_AFTER_DATA


def test_rates_on_lists_the_table_pairs(table_csv: Path) -> None:
    rows, status, _message = open_provider(str(table_csv)).rates_on(D(2024, 4, 27))
    assert status is OK
    assert {(row.base, row.quote, str(row.rate), row.rate_date) for row in rows} == {
        ("EUR", "USD", "1.0800", D(2024, 4, 26)),
        ("USD", "JPY", "156.50", D(2024, 4, 26)),
    }


# (id, day, status, words the message must hold) — the table's rows: 1998-06-01, then 2024-04-25 to 2024-04-26
RATES_ON_EDGES = [
    (
        "after-the-last",
        D(2024, 6, 3),
        ConversionStatus.DATE_AFTER_DATA,
        "after the FX table's last rate (2024-04-26)",
    ),
    (
        "in-a-gap",
        D(2024, 1, 2),
        ConversionStatus.NO_RATE_FOR_DATE,
        "has no rate on 2024-01-02 nor in the 5 days",
    ),
]


@pytest.mark.parametrize(
    ("day", "status", "words"), [c[1:] for c in RATES_ON_EDGES], ids=[c[0] for c in RATES_ON_EDGES]
)
def test_rates_on_outside_the_table_says_the_ecb_answers(
    table_csv: Path, day: dt.date, status: ConversionStatus, words: str
) -> None:
    """``moneta rates`` on a day the table lacks gives the status ``convert`` would, and says the ECB's
    reference rates answer conversions on that day (as ``convert`` does)."""
    provider = open_provider(str(table_csv))
    rows, got, message = provider.rates_on(day)
    assert (rows, got) == ([], status)
    assert words in message
    assert "use the ECB reference rates" in message
    assert provider.convert(Decimal(100), "EUR", "USD", day).source == "ecb"


def test_opening_the_same_source_twice_loads_once(table_csv: Path) -> None:
    from moneta_service.rates.ecb import EcbProvider

    assert open_provider(str(table_csv)) is open_provider(str(table_csv))
    first, second = open_provider("ecb"), open_provider("ecb")
    assert isinstance(first, EcbProvider)
    assert isinstance(second, EcbProvider)
    assert first.history is second.history


#: (id, table rows after the header, the error's message or None when the table loads)
INVERSE_CASES = [
    ("contradicting", "2024-04-26,EUR,USD,1.07\n2024-04-26,USD,EUR,0.5\n",
     ("fx.csv: line 3: USD/EUR 0.5 on 2024-04-26 contradicts line 2 (EUR/USD 1.07, whose inverse is 0.934579): "
     "the two directions of a pair must agree within 1%; keep one")),
    ("contradicting-inverse-first", "2024-04-26,USD,EUR,0.5\n2024-04-26,EUR,USD,1.07\n",
     ("fx.csv: line 3: EUR/USD 1.07 on 2024-04-26 contradicts line 2 (USD/EUR 0.5, whose inverse is 2): "
     "the two directions of a pair must agree within 1%; keep one")),
    ("rounded-inverse", "2024-04-26,EUR,USD,1.07\n2024-04-26,USD,EUR,0.9346\n", None),
    ("spread-under-1-percent", "2024-04-26,EUR,USD,1.0700\n2024-04-26,USD,EUR,0.9300\n", None),
    ("other-dates-do-not-contradict", "2024-04-25,EUR,USD,1.07\n2024-04-26,USD,EUR,0.5\n", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "message"), [c[1:] for c in INVERSE_CASES], ids=[c[0] for c in INVERSE_CASES]
)
def test_a_pairs_two_directions_on_one_date_must_agree(
    tmp_path: Path, rows: str, message: str | None
) -> None:
    path = tmp_path / "fx.csv"
    path.write_text("date,base,quote,rate\n" + rows, encoding="utf-8")
    if message is None:
        assert open_provider(str(path)).convert(Decimal(1), "EUR", "USD", D(2024, 4, 26)).source == "table"
        return
    with pytest.raises(RatesError) as caught:
        open_provider(str(path))
    assert str(caught.value) == f"{path.parent}/{message}"


def test_the_more_recent_direction_of_a_pair_wins(tmp_path: Path) -> None:
    path = tmp_path / "fx.csv"
    path.write_text(
        "date,base,quote,rate\n2024-04-25,EUR,USD,1.07\n2024-04-26,USD,EUR,0.8\n", encoding="utf-8"
    )
    provider = open_provider(str(path))
    newer = provider.convert(Decimal(100), "EUR", "USD", D(2024, 4, 26))
    assert (newer.rate_date, newer.amount, newer.path) == (D(2024, 4, 26), Decimal("125.00"), ("EUR", "USD"))
    older = provider.convert(Decimal(100), "EUR", "USD", D(2024, 4, 25))
    assert (older.rate_date, older.amount) == (D(2024, 4, 25), Decimal("107.00"))


FX87 = "date,base,quote,rate\n1987-05-04,USD,DEM,1.7950\n1987-05-04,GBP,USD,1.6520\n"
FX24 = "date,base,quote,rate\n2024-04-26,EUR,USD,1.0725\n"

#: (case id, table, source, target, date, status, message start, or None for a message without the table note)
TABLE_LACKS_PAIR_CASES = [
    (
        "legacy-cross-not-chained",
        FX87, "DEM", "GBP", D(1987, 5, 4), ConversionStatus.NO_RATE_FOR_DATE,
        ("the FX table fx.csv has no DEM/GBP rate, and cross rates go through the euro; DEM has no euro rate on "
        "1987-05-04: the euro started on 1999-01-01"),
    ),
    (
        "legacy-cross-other-way",
        FX87, "GBP", "DEM", D(1987, 5, 4), ConversionStatus.NO_RATE_FOR_DATE,
        ("the FX table fx.csv has no GBP/DEM rate, and cross rates go through the euro; 1987-05-04 is before the "
        "first ECB reference rate"),
    ),
    (
        "euro-pair-no-cross-clause",
        FX24, "NGN", "EUR", D(2024, 4, 26), ConversionStatus.CURRENCY_NOT_QUOTED,
        "the FX table fx.csv has no NGN/EUR rate; the ECB does not quote NGN",
    ),
    ("inverse-pair-from-the-table", FX87, "USD", "GBP", D(1987, 5, 4), ConversionStatus.OK, None),
    ("ecb-answers-no-note", FX87, "USD", "JPY", D(2024, 4, 26), ConversionStatus.OK, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("table", "source", "target", "date", "status", "message"),
    [c[1:] for c in TABLE_LACKS_PAIR_CASES],
    ids=[c[0] for c in TABLE_LACKS_PAIR_CASES],
)
def test_a_pair_neither_the_table_nor_the_ecb_has_names_the_table_and_the_pair(
    tmp_path: Path,
    table: str,
    source: str,
    target: str,
    date: dt.date,
    status: ConversionStatus,
    message: str | None,
) -> None:
    """Cross rates are not chained through the table's pairs; the refusal names the table and the pair."""
    path = tmp_path / "fx.csv"
    path.write_text(table, encoding="utf-8")
    result = open_provider(str(path)).convert(Decimal(100), source, target, date)
    assert result.status is status
    if message is None:
        assert "the FX table" not in result.message
        assert result.amount is not None
    else:
        assert result.message.startswith(message.replace("fx.csv", str(path)))  # the table as it was given
