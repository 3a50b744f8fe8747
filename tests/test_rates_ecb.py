"""ECB reference rates (embedded), legacy euro currencies and the date policy, against the ECB's published values.

The expected rates are the ECB euro foreign exchange reference rates as published (units per 1 EUR), e.g.
2024-04-26: USD 1.0714, GBP 0.85643, JPY 168.03; 1999-01-04 (first publication): USD 1.1789.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
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


@dataclass(frozen=True)
class Case:
    """One conversion and what it must give."""

    id: str
    amount: str
    source: str
    target: str
    date: dt.date | None
    status: ConversionStatus
    expected: str | None = None  # rounded amount
    rate: str | None = None
    rate_date: dt.date | None = None
    path: tuple[str, ...] = ()
    source_id: str = "ecb"


CASES = [
    # the seed article: 89 and 8 billion EUR on Friday 2024-04-26 at 1.0714
    Case("seed-89bn", "89000000000", "EUR", "USD", D(2024, 4, 26), OK, "95354600000.00", "1.0714",
         D(2024, 4, 26), ("EUR", "USD")),
    Case("seed-8bn", "8000000000", "EUR", "USD", D(2024, 4, 26), OK, "8571200000.00", "1.0714",
         D(2024, 4, 26), ("EUR", "USD")),
    Case("jpy-0-decimals", "1000", "EUR", "JPY", D(2024, 4, 26), OK, "168030", "168.03", D(2024, 4, 26),
         ("EUR", "JPY")),
    # weekend: Saturday and Sunday use Friday's publication
    Case("saturday", "100", "EUR", "USD", D(2024, 4, 27), OK, "107.14", "1.0714", D(2024, 4, 26), ("EUR", "USD")),
    Case("sunday", "100", "EUR", "USD", D(2024, 4, 28), OK, "107.14", "1.0714", D(2024, 4, 26), ("EUR", "USD")),
    # TARGET holidays: 25 and 26 December 2023 use Friday 22 December; 25 December 2024 uses 24 December
    Case("christmas-2023", "100", "EUR", "USD", D(2023, 12, 25), OK, "110.23", "1.1023", D(2023, 12, 22),
         ("EUR", "USD")),
    Case("boxing-day-2023", "100", "EUR", "GBP", D(2023, 12, 26), OK, "86.66", "0.8666", D(2023, 12, 22),
         ("EUR", "GBP")),
    Case("christmas-2024", "100", "EUR", "USD", D(2024, 12, 25), OK, "103.95", "1.0395", D(2024, 12, 24),
         ("EUR", "USD")),
    # first and last days of the data
    Case("first-day", "100", "EUR", "USD", D(1999, 1, 4), OK, "117.89", "1.1789", D(1999, 1, 4), ("EUR", "USD")),
    Case("last-day", "100", "EUR", "USD", D(2026, 10, 30), OK, "111.72", "1.1172", D(2026, 10, 30),
         ("EUR", "USD")),
    Case("inverse", "107.14", "USD", "EUR", D(2024, 4, 26), OK, "100.00", None, D(2024, 4, 26), ("USD", "EUR")),
    # before the data, after it, in the future
    Case("pre-1999", "100", "EUR", "USD", D(1998, 6, 1), ConversionStatus.NO_RATE_FOR_DATE),
    Case("new-year-1999", "100", "EUR", "USD", D(1999, 1, 1), ConversionStatus.NO_RATE_FOR_DATE),
    # the weekend right after the last publication (Friday 2026-10-30) can only have Friday's rate
    Case("weekend-after-last-day", "100", "EUR", "USD", D(2026, 11, 1), OK, "111.72", "1.1172", D(2026, 10, 30),
         ("EUR", "USD")),
    Case("after-data", "100", "EUR", "USD", D(2026, 11, 2), ConversionStatus.DATE_AFTER_DATA),
    Case("future", "100", "EUR", "USD", D(2031, 1, 1), ConversionStatus.DATE_AFTER_DATA),
    Case("no-date", "100", "EUR", "USD", None, ConversionStatus.DATE_MISSING),
    # currencies the ECB does not quote
    Case("ngn", "100", "EUR", "NGN", D(2024, 4, 26), ConversionStatus.CURRENCY_NOT_QUOTED),
    Case("rub-last-day", "100", "EUR", "RUB", D(2022, 3, 1), OK, "11720.10", "117.201", D(2022, 3, 1),
         ("EUR", "RUB")),
    Case("rub-after-suspension", "100", "EUR", "RUB", D(2022, 3, 2), ConversionStatus.CURRENCY_NOT_QUOTED),
    Case("not-iso", "100", "EUR", "XYZ", D(2024, 4, 26), ConversionStatus.UNKNOWN_CURRENCY),
    # a currency into itself: rate 1 from no source (identity), whatever the date and whether the ECB quotes it
    Case("same-currency", "12.345", "EUR", "EUR", None, OK, "12.34", "1", None, ("EUR",), "identity"),
    Case("same-before-data", "100", "USD", "USD", D(1990, 1, 1), OK, "100.00", "1", D(1990, 1, 1), ("USD",),
         "identity"),
    Case("same-not-quoted", "100", "NGN", "NGN", D(2024, 4, 26), OK, "100.00", "1", D(2024, 4, 26), ("NGN",),
         "identity"),
    Case("same-legacy", "100", "DEM", "DEM", D(2024, 4, 26), OK, "100.00", "1", D(2024, 4, 26), ("DEM",),
         "identity"),
    # legacy euro currencies: fixed rates (Council Regulation (EC) No 2866/98)
    Case("dem-to-eur", "50000000", "DEM", "EUR", D(2001, 3, 1), OK, "25564594.06", None, D(1999, 1, 1),
         ("DEM", "EUR"), "fixed"),
    Case("eur-to-frf", "100", "EUR", "FRF", D(2001, 3, 1), OK, "655.96", "6.55957", D(1999, 1, 1),
         ("EUR", "FRF"), "fixed"),
    Case("itl-0-decimals", "1", "EUR", "ITL", D(2000, 6, 1), OK, "1936", "1936.27", D(1999, 1, 1),
         ("EUR", "ITL"), "fixed"),
    Case("dem-to-frf", "1.95583", "DEM", "FRF", D(2001, 3, 1), OK, "6.56", None, D(1999, 1, 1),
         ("DEM", "EUR", "FRF"), "fixed"),
    Case("dem-to-usd", "195583", "DEM", "USD", D(2024, 4, 26), OK, "107140.00", None, D(2024, 4, 26),
         ("DEM", "EUR", "USD")),
    Case("dem-pre-1999", "100", "DEM", "EUR", D(1998, 12, 31), ConversionStatus.NO_RATE_FOR_DATE),
    Case("grd-before-joining", "100", "GRD", "EUR", D(2000, 6, 1), ConversionStatus.CURRENCY_NOT_QUOTED),
    Case("grd-after-joining", "340750", "GRD", "EUR", D(2001, 6, 1), OK, "1000.00", None, D(2001, 1, 1),
         ("GRD", "EUR"), "fixed"),
    # divide by the fixed rate (Council Regulation (EC) No 1103/97), never multiply by a rounded inverse:
    # 1.95583 DEM is exactly 1 EUR; 0.04889575 DEM is exactly 0.025 EUR, a tie rounded half-even to 0.02
    Case("dem-exact-division", "1.95583", "DEM", "EUR", D(2002, 1, 2), OK, "1.00", None, D(1999, 1, 1),
         ("DEM", "EUR"), "fixed"),
    Case("dem-half-cent-tie", "0.0488957500", "DEM", "EUR", D(2002, 1, 2), OK, "0.02", None, D(1999, 1, 1),
         ("DEM", "EUR"), "fixed"),
    Case("hrk-ecb-before-joining", "100", "EUR", "HRK", D(2022, 12, 30), OK, "753.65", "7.5365", D(2022, 12, 30),
         ("EUR", "HRK")),
    Case("hrk-fixed-after-joining", "100", "EUR", "HRK", D(2023, 6, 1), OK, "753.45", "7.53450", D(2023, 1, 1),
         ("EUR", "HRK"), "fixed"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_ecb_conversion(case: Case) -> None:
    provider = open_provider("ecb")
    result = provider.convert(Decimal(case.amount), case.source, case.target, case.date)
    assert result.status == case.status, result.message
    assert result.currency == case.target
    assert result.requested_date == case.date
    if case.status is not OK:
        assert result.amount is None
        assert result.rate is None
        assert result.message  # every gap says why
        return
    assert result.source == case.source_id
    assert str(result.amount) == case.expected
    if case.rate is not None:
        assert str(result.rate) == case.rate
    assert result.rate_date == case.rate_date
    assert result.path == case.path
    assert result.amount_unrounded is not None
    assert result.rate is not None
    # the unrounded amount is the exact product, up to the 38th significant digit
    exact = Fraction(Decimal(case.amount)) * Fraction(result.rate)
    assert abs(Fraction(result.amount_unrounded) - exact) <= abs(exact) / 10**36


def test_legacy_to_euro_divides_exactly() -> None:
    result = open_provider("ecb").convert(Decimal("0.04889575"), "DEM", "EUR", D(2002, 1, 2))
    assert result.amount_unrounded == Decimal("0.025")
    assert result.amount == Decimal("0.02")


def test_weekend_says_which_rate_date_was_used() -> None:
    result = open_provider("ecb").convert(Decimal(100), "EUR", "USD", D(2024, 4, 27))
    assert result.rate_date == D(2024, 4, 26)
    assert "2024-04-26" in result.message


def test_after_data_message_says_how_to_refresh() -> None:
    result = open_provider("ecb").convert(Decimal(100), "EUR", "USD", D(2031, 1, 1))
    assert "moneta rates update" in result.message


def test_triangulated_pair_checked_by_hand() -> None:
    # 2024-04-26: 1 EUR = 1.0714 USD and 1 EUR = 0.85643 GBP, so 1 USD = 0.85643 / 1.0714 GBP.
    # By hand: 1000 USD = 856.43 / 1.0714 GBP = 799.3559828262...; 1.0714 * 799.35 = 856.4236 (< 856.43) and
    # 1.0714 * 799.36 = 856.4343 (> 856.43), so the amount lies between 799.35 and 799.36; the remainder
    # 856.43 - 856.4236 = 0.0064 is 0.0064 / 1.0714 = 0.00597... above 799.35, so it rounds to 799.36.
    result = open_provider("ecb").convert(Decimal(1000), "USD", "GBP", D(2024, 4, 26))
    assert result.status is OK
    assert result.path == ("USD", "EUR", "GBP")
    assert result.amount == Decimal("799.36")
    assert result.rate is not None
    assert Fraction(result.rate) - Fraction(85643, 107140) < Fraction(1, 10**37)
    assert str(result.rate).startswith("0.799355982826")


def test_range_upper_bound_is_converted_too() -> None:
    result = open_provider("ecb").convert(
        Decimal(8000000000), "EUR", "USD", D(2024, 4, 26), amount_max=Decimal(9000000000)
    )
    assert result.amount == Decimal("8571200000.00")
    assert result.amount_max == Decimal("9642600000.00")
    assert result.amount_max_unrounded == Decimal("9642600000.0000")


def test_rub_message_names_the_quoted_period() -> None:
    result = open_provider("ecb").convert(Decimal(1), "EUR", "RUB", D(2023, 1, 2))
    assert result.status is ConversionStatus.CURRENCY_NOT_QUOTED
    assert "2022-03-01" in result.message


_ISK_PERIODS = "(quoted from 1999-01-04 to 2008-12-09 and from 2018-02-01 to 2026-10-30)"

#: (target, date, status, message or None): the ECB stopped quoting ISK from 2008-12-10 to 2018-01-31.
NOT_QUOTED_CASES = [
    ("ISK", D(2010, 6, 1), "the ECB does not quote ISK on 2010-06-01, which falls in a gap in its quotes "
     + _ISK_PERIODS),
    ("ISK", D(2008, 12, 10), "the ECB does not quote ISK on 2008-12-10, which falls in a gap in its quotes "
     + _ISK_PERIODS),
    ("ISK", D(2008, 12, 9), None),  # the last quote before the gap
    ("ISK", D(2018, 2, 1), None),  # the first quote after it
    ("RUB", D(2023, 1, 2), "the ECB does not quote RUB on 2023-01-02 (quoted from 2005-04-01 to 2022-03-01)"),
    # a Sunday: the requested date is named, the Friday publication used for it labelled as the fallback
    ("ISK", D(2008, 12, 14), ("the ECB does not quote ISK on 2008-12-14 (nor in the publication of 2008-12-12 "
     "used as its fallback), which falls in a gap in its quotes " + _ISK_PERIODS)),
    ("RUB", D(2023, 1, 1), ("the ECB does not quote RUB on 2023-01-01 (nor in the publication of 2022-12-30 used "
     "as its fallback) (quoted from 2005-04-01 to 2022-03-01)")),
]  # fmt: skip


@pytest.mark.parametrize(("target", "date", "message"), NOT_QUOTED_CASES, ids=lambda v: str(v)[:12])
def test_not_quoted_message_names_a_gap(target: str, date: dt.date, message: str | None) -> None:
    result = open_provider("ecb").convert(Decimal(100), "EUR", target, date)
    if message is None:
        assert result.status is OK
    else:
        assert result.status is ConversionStatus.CURRENCY_NOT_QUOTED
        assert result.message == message


def test_coverage_lists_each_period_of_a_currency_with_gaps() -> None:
    coverage = open_provider("ecb").coverage()
    assert [(c.source, c.first_date, c.last_date) for c in coverage["ISK"]] == [
        ("ecb", D(1999, 1, 4), D(2008, 12, 9)),
        ("ecb", D(2018, 2, 1), D(2026, 10, 30)),
    ]
    assert [(c.first_date, c.last_date) for c in coverage["USD"]] == [(D(1999, 1, 4), D(2026, 10, 30))]


def test_codes_are_normalised() -> None:
    result = open_provider("ecb").convert(Decimal(100), " eur", "usd ", D(2024, 4, 26))
    assert result.status is OK
    assert result.currency == "USD"


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity")])
def test_non_finite_amount_is_an_input_error(amount: Decimal) -> None:
    with pytest.raises(RatesError):
        open_provider("ecb").convert(amount, "EUR", "USD", D(2024, 4, 26))


def test_huge_amount_is_an_input_error_not_a_wrong_number() -> None:
    with pytest.raises(RatesError, match="38"):
        open_provider("ecb").convert(Decimal("1e40"), "EUR", "USD", D(2024, 4, 26))


def test_describe_and_coverage() -> None:
    provider = open_provider("ecb")
    described = provider.describe()
    assert described.source == "ecb"
    assert described.first_date == D(1999, 1, 4)
    assert described.last_date == D(2026, 10, 30)
    coverage = provider.coverage()
    assert coverage["RUB"][0].last_date == D(2022, 3, 1)
    assert coverage["USD"][0].first_date == D(1999, 1, 4)
    assert [(c.source, c.first_date, c.last_date) for c in coverage["DEM"]] == [
        ("fixed", D(1999, 1, 1), None)
    ]
    bgn = [(c.source, c.first_date) for c in coverage["BGN"]]
    assert bgn[0][0] == "ecb"
    assert bgn[1] == ("fixed", D(2026, 1, 1))
    assert coverage["BGN"][0].last_date is not None
    assert coverage["BGN"][0].last_date < D(2026, 1, 1)
    assert "NGN" not in coverage


def test_rates_on_a_holiday() -> None:
    rows, status, message = open_provider("ecb").rates_on(D(2023, 12, 25))
    assert status is OK
    by_quote = {row.quote: row for row in rows}
    assert by_quote["USD"].rate == Decimal("1.1023")
    assert by_quote["USD"].rate_date == D(2023, 12, 22)
    assert by_quote["DEM"].source == "fixed"
    assert "2023-12-22" in message


@pytest.mark.parametrize(
    ("spec", "fallback", "match"),
    [
        ("", None, "empty"),
        ("/no/such/file.csv", None, "not 'ecb'"),
        ("ecb", "yahoo", "fallback"),
    ],
)
def test_bad_specs_raise_rates_error(spec: str, fallback: str | None, match: str) -> None:
    with pytest.raises(RatesError, match=match):
        open_provider(spec, fallback=fallback)
