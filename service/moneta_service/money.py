"""Exact money arithmetic: one decimal context, ISO 4217 minor units, half-even rounding.

Every multiplication or division of an amount or a rate in moneta runs in :data:`MONEY_CONTEXT` (38
significant digits, ``ROUND_HALF_EVEN``, invalid operations, division by zero and overflow trapped), so the
same inputs give the same digits everywhere. No float is ever involved.

Minor units (the number of decimal places of a currency: 2 for EUR, 0 for JPY, 3 for BHD) come from
ISO 4217 (List One, plus the historic codes of List Three) in :mod:`moneta_service.data.iso4217` — not from
CLDR, whose "fraction digits" differ for HUF, IDR, ISK-era data and others (ISO: HUF 2, IDR 2).
"""

from __future__ import annotations

import decimal
from decimal import Decimal

from moneta_service.data.iso4217 import CURRENT, HISTORIC

__all__ = [
    "MONEY_CONTEXT",
    "UnknownCurrencyError",
    "is_iso_code",
    "iso_name",
    "minor_unit",
    "quantize_minor",
]

#: The one decimal context for amounts and rates: 38 significant digits (as SQL DECIMAL(38, s) and
#: Parquet's widest decimal), banker's rounding, and every signal that would hide a wrong number trapped.
MONEY_CONTEXT = decimal.Context(
    prec=38,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.FloatOperation],
)


class UnknownCurrencyError(ValueError):
    """Raised for a string that is not an ISO 4217 alphabetic code (current or historic)."""


def _minor_unit_or_none(code: str) -> int | None:
    current = CURRENT.get(code)
    if current is not None:
        return current[2]
    historic = HISTORIC.get(code)
    if historic is not None:
        return historic[3]
    raise UnknownCurrencyError(f"{code!r} is not an ISO 4217 currency code")


def is_iso_code(code: str) -> bool:
    """Return whether ``code`` is an ISO 4217 alphabetic code, current (List One) or historic (List Three).

    >>> is_iso_code("EUR"), is_iso_code("DEM"), is_iso_code("XYZ"), is_iso_code("eur")
    (True, True, False, False)
    """
    return code in CURRENT or code in HISTORIC


def iso_name(code: str) -> str:
    """Return the ISO 4217 English name of ``code`` (``"Deutsche Mark"`` for DEM).

    :raise UnknownCurrencyError: ``code`` is not an ISO 4217 code.
    """
    if code in CURRENT:
        return CURRENT[code][0]
    if code in HISTORIC:
        return HISTORIC[code][0]
    raise UnknownCurrencyError(f"{code!r} is not an ISO 4217 currency code")


def minor_unit(code: str) -> int:
    """Return the ISO 4217 minor unit of ``code``: the number of decimal places of its amounts.

    Source: ISO 4217 List One (current codes); for historic codes the value of the last List One that listed
    them. Codes for which ISO gives "N.A." (XAU, XDR, XXX, ...) or no known value report 0.

    >>> minor_unit("EUR"), minor_unit("JPY"), minor_unit("BHD"), minor_unit("HUF"), minor_unit("ITL")
    (2, 0, 3, 2, 0)

    :raise UnknownCurrencyError: ``code`` (upper-case alphabetic code) is not an ISO 4217 code.
    """
    units = _minor_unit_or_none(code)
    return 0 if units is None else units


def quantize_minor(amount: Decimal, code: str) -> Decimal:
    """Round ``amount`` (major units) half-even to the ISO 4217 minor unit of ``code``.

    ``Decimal("95354600000.0000")`` in USD gives ``Decimal("95354600000.00")``; ``0.125`` EUR gives ``0.12``
    (half-even: ties go to the even digit). Currencies without an ISO minor unit ("N.A.") are returned
    unchanged. Runs in :data:`MONEY_CONTEXT`.

    >>> quantize_minor(Decimal("0.125"), "EUR"), quantize_minor(Decimal("0.135"), "EUR")
    (Decimal('0.12'), Decimal('0.14'))
    >>> quantize_minor(Decimal("1234.5"), "JPY")
    Decimal('1234')
    >>> quantize_minor(Decimal("-0.001"), "EUR")
    Decimal('0.00')

    :raise UnknownCurrencyError: ``code`` is not an ISO 4217 code.
    :raise decimal.InvalidOperation: the result would need more than 38 significant digits.
    """
    units = _minor_unit_or_none(code)
    if units is None:
        return amount
    rounded = amount.quantize(Decimal(1).scaleb(-units), context=MONEY_CONTEXT)
    return rounded if rounded else rounded.copy_abs()  # -0.001 EUR rounds to 0.00, not "-0.00"
