"""ISO 4217 minor units and half-even rounding (service/moneta_service/money.py)."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from moneta_service.money import (
    MONEY_CONTEXT,
    UnknownCurrencyError,
    is_iso_code,
    iso_name,
    minor_unit,
    quantize_minor,
)

# (code, ISO 4217 minor unit). HUF, IDR, COP and ALL are where CLDR's fraction digits (0) differ from ISO (2).
MINOR_UNITS = [
    ("EUR", 2),
    ("USD", 2),
    ("JPY", 0),
    ("KRW", 0),
    ("ISK", 0),
    ("BHD", 3),
    ("KWD", 3),
    ("CLF", 4),
    ("HUF", 2),
    ("IDR", 2),
    ("COP", 2),
    ("ALL", 2),
    # historic codes (ISO 4217 List Three; minor units of the last List One that listed them)
    ("DEM", 2),
    ("FRF", 2),
    ("ITL", 0),
    ("ESP", 0),
    ("BEF", 0),
    ("GRD", 0),
    ("HRK", 2),
    ("BGN", 2),
]


@pytest.mark.parametrize(("code", "units"), MINOR_UNITS)
def test_minor_unit_is_iso_4217(code: str, units: int) -> None:
    assert minor_unit(code) == units


def test_iso_differs_from_cldr_for_huf_and_idr() -> None:
    from babel.numbers import get_currency_precision

    for code in ("HUF", "IDR"):
        assert minor_unit(code) == 2
        assert get_currency_precision(code) != minor_unit(code)  # the reason we use ISO data, not CLDR


# (amount, currency, rounded half-even to the ISO minor unit)
ROUNDING = [
    ("95354600000.0000", "USD", "95354600000.00"),
    ("0.125", "EUR", "0.12"),  # tie: to even
    ("0.135", "EUR", "0.14"),  # tie: to even
    ("0.1251", "EUR", "0.13"),
    ("-0.125", "EUR", "-0.12"),
    ("1234.5", "JPY", "1234"),
    ("1235.5", "JPY", "1236"),
    ("1.23456", "BHD", "1.235"),  # not a tie: 1.23456 -> 1.235
    ("1.2345", "BHD", "1.234"),  # tie -> even
    ("199.995", "HUF", "200.00"),
    ("1936.5", "ITL", "1936"),
    ("12", "USD", "12.00"),
    ("-0.001", "EUR", "0.00"),  # a negative amount that rounds to zero has no sign
    ("-0", "JPY", "0"),
]


@pytest.mark.parametrize(("amount", "code", "expected"), ROUNDING)
def test_quantize_minor_half_even(amount: str, code: str, expected: str) -> None:
    result = quantize_minor(Decimal(amount), code)
    assert str(result) == expected


def test_unknown_code_raises() -> None:
    with pytest.raises(UnknownCurrencyError, match="XYZ"):
        minor_unit("XYZ")
    with pytest.raises(UnknownCurrencyError):
        quantize_minor(Decimal(1), "ABC")
    assert not is_iso_code("XYZ")
    assert is_iso_code("DEM")
    assert iso_name("DEM") == "Deutsche Mark"


def test_no_minor_unit_codes_are_not_rounded() -> None:
    # ISO gives "N.A." for gold (XAU): nothing to round to
    assert quantize_minor(Decimal("1.23456789"), "XAU") == Decimal("1.23456789")
    assert minor_unit("XAU") == 0


def test_context_is_38_digits_half_even_and_traps_floats() -> None:
    assert MONEY_CONTEXT.prec == 38
    assert MONEY_CONTEXT.rounding == decimal.ROUND_HALF_EVEN
    assert str(MONEY_CONTEXT.divide(Decimal(1), Decimal(3))) == "0." + "3" * 38
    with pytest.raises(decimal.FloatOperation):
        MONEY_CONTEXT.create_decimal(1.5)
    with pytest.raises(decimal.DivisionByZero):
        MONEY_CONTEXT.divide(Decimal(1), Decimal(0))
    with pytest.raises(decimal.InvalidOperation):
        quantize_minor(Decimal("1e40"), "USD")  # would need more than 38 digits
