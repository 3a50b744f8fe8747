"""The rate-provider interface and the helpers every provider uses to build :class:`~moneta.model.Conversion`.

A provider answers ``convert(amount, source_currency, target_currency, date)`` with a :class:`Conversion`
whose ``status`` says what happened; it raises only for invalid input (an amount that is not a finite
Decimal). Data gaps (a date before the data, after it, a currency not quoted) are statuses, never exceptions.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from moneta.model import SAME_CURRENCY_SOURCE, Conversion, ConversionStatus, RateCoverage

from moneta_service.money import MONEY_CONTEXT, is_iso_code, quantize_minor

__all__ = [
    "LOOKBACK_DAYS",
    "SAME_CURRENCY_MESSAGE",
    "RateProvider",
    "RateRow",
    "RatesError",
    "failed",
    "join_notes",
    "normalise_code",
    "open_request",
    "same_currency",
    "short_decimal",
    "succeeded",
]

#: How many calendar days before the requested date a publication may be used (weekends, TARGET holidays).
LOOKBACK_DAYS = 5


class RatesError(ValueError):
    """A bad rate-source spec, an unreadable or malformed rate file, or an invalid amount (one-line message).

    The CLI turns it into exit code 2, the server into ``INVALID_ARGUMENT``.
    """


@dataclass(frozen=True, slots=True)
class RateRow:
    """One published rate: ``rate`` units of ``quote`` for one unit of ``base``, published on ``rate_date``."""

    base: str
    quote: str
    rate: Decimal
    rate_date: dt.date | None
    source: str


class RateProvider(Protocol):
    """A source of dated exchange rates (ECB reference rates, a user's FX table, live rates).

    ``name`` is the source id reported in :attr:`Conversion.source` (``ecb``, ``table``, ``live``).
    """

    name: str

    def convert(
        self,
        amount: Decimal,
        source_currency: str,
        target_currency: str,
        date: dt.date | None,
        *,
        amount_max: Decimal | None = None,
    ) -> Conversion:
        """Convert ``amount`` (major units of ``source_currency``) into ``target_currency`` at ``date``'s rate.

        :raise RatesError: ``amount`` is not a finite Decimal or too large for 38-digit arithmetic.
        """
        ...

    def coverage(self) -> dict[str, tuple[RateCoverage, ...]]:
        """Per ISO 4217 code: each source that can convert it, with its first and last date (inclusive), in the
        order the provider tries them (e.g. BGN: ``ecb`` over the dates the ECB quoted it, then ``fixed``)."""
        ...

    def describe(self) -> RateCoverage:
        """The source id with the first and last date of its data overall."""
        ...

    def rates_on(self, date: dt.date | None) -> tuple[list[RateRow], ConversionStatus, str]:
        """The rates the source would use on ``date`` (``None``: its last date), with a status and message."""
        ...


def normalise_code(code: str) -> str:
    """Return ``code`` stripped and upper-cased (``" usd"`` → ``"USD"``)."""
    return code.strip().upper()


def check_amount(amount: Decimal, what: str = "amount") -> None:
    """Raise :class:`RatesError` unless ``amount`` is a finite :class:`Decimal`."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise RatesError(f"{what} must be a finite decimal number, got {amount!r}")


def failed(
    target: str,
    date: dt.date | None,
    source: str,
    status: ConversionStatus,
    message: str,
    path: tuple[str, ...] = (),
) -> Conversion:
    """Return a conversion that did not happen: no amount, no rate, ``status`` and ``message`` set."""
    return Conversion(
        currency=target,
        amount=None,
        amount_unrounded=None,
        rate=None,
        requested_date=date,
        rate_date=None,
        source=source,
        path=path,
        status=status,
        message=message,
    )


def unknown_currency(codes: tuple[str, str], date: dt.date | None, source: str) -> Conversion | None:
    """Return an ``unknown_currency`` conversion if either code is not ISO 4217, else ``None``."""
    for code in codes:
        if not is_iso_code(code):
            return failed(
                codes[1],
                date,
                source,
                ConversionStatus.UNKNOWN_CURRENCY,
                f"{code!r} is not an ISO 4217 currency code",
            )
    return None


def open_request(
    amount: Decimal,
    amount_max: Decimal | None,
    source_currency: str,
    target_currency: str,
    date: dt.date | None,
    source: str,
) -> tuple[str, str, Conversion | None]:
    """Check and normalise a ``convert`` request, as every provider does first.

    :param amount: the amount in major units of ``source_currency``; ``amount_max`` the top of a range or ``None``.
    :param source_currency: the code asked from, any case and surrounding spaces; ``target_currency`` likewise.
    :param date: the requested rate date (``None``: not given).
    :param source: the provider's source id (``ecb``, ``table``, ``live``) for a refused conversion.
    :return: ``(source code, target code, refusal)``: the codes stripped and upper-cased, and an
        ``unknown_currency`` conversion when either is not an ISO 4217 code (else ``None``).
    :raise RatesError: ``amount`` or ``amount_max`` is not a finite Decimal.
    """
    check_amount(amount)
    if amount_max is not None:
        check_amount(amount_max, "amount_max")
    source_code = normalise_code(source_currency)
    target_code = normalise_code(target_currency)
    return source_code, target_code, unknown_currency((source_code, target_code), date, source)


def same_currency(amount: Decimal, amount_max: Decimal | None, code: str, date: dt.date | None) -> Conversion:
    """Return the ``ok`` conversion of ``amount`` (and ``amount_max``; major units) of ``code`` into itself:
    rate 1, rounded to the ISO 4217 minor unit, ``rate_date`` = ``date`` (the requested date: no publication is
    used), ``source`` ``identity`` (:data:`moneta.model.SAME_CURRENCY_SOURCE`: no rate source is consulted, so
    none is claimed), ``path = (code,)``, message ``same currency: rate 1, no rate source needed``.

    :raise RatesError: the amount does not fit 38 significant digits.
    """
    return succeeded(
        amount, amount_max, Decimal(1), target=code, date=date, rate_date=date, source=SAME_CURRENCY_SOURCE,
        path=(code,), message=SAME_CURRENCY_MESSAGE,
    )  # fmt: skip


#: The message of a conversion into the amount's own currency.
SAME_CURRENCY_MESSAGE = "same currency: rate 1, no rate source needed"


def join_notes(first: str, second: str) -> str:
    """Return two message parts joined by ``"; "``, or the non-empty one alone (``""`` when both are empty).

    >>> join_notes("no ECB publication on 2024-04-27", ""), join_notes("a", "b")
    ('no ECB publication on 2024-04-27', 'a; b')
    """
    return f"{first}; {second}" if first and second else first or second


def short_decimal(value: Decimal, limit: int = 44) -> str:
    """Return ``value`` as text short enough for a one-line message, never rounded: plain notation up to
    ``limit`` characters (money is written in plain notation everywhere), else its first 20 characters with the
    whole length said, so that an error line never spells out hundreds of digits nor shows another number.

    >>> short_decimal(Decimal("12.50")), short_decimal(Decimal("9" * 41)) == "9" * 41
    ('12.50', True)
    >>> short_decimal(Decimal("1E+400"))
    '10000000000000000000… (401 characters)'
    """
    plain = format(value, "f") if value.is_finite() else str(value)
    if len(plain) <= limit:
        return plain
    return f"{plain[:20]}… ({len(plain)} characters)"


def _too_large(value: Decimal, origin: str, target: str, product: Decimal | None) -> str:
    """Why ``value`` (major units of ``origin``) cannot be converted into ``target``: its converted amount, rounded
    to the target's ISO 4217 minor unit, needs more than the 38 significant digits of :data:`MONEY_CONTEXT`
    (``amount 9999… EUR converted into USD needs 42 integer digits; 38-digit arithmetic leaves 36 beside USD's 2
    decimals``)."""
    amount = f"amount {short_decimal(value)}{origin} converted into {target}"
    places = _minor_places(target)
    if product is None or not product.is_finite() or product.adjusted() < 0 or places is None:
        return f"{amount} does not fit 38-digit decimal arithmetic"
    return (
        f"{amount} needs {product.adjusted() + 1} integer digits; 38-digit arithmetic leaves {38 - places} "
        f"beside {target}'s {places} decimal{'s' if places != 1 else ''}"
    )


def _minor_places(code: str) -> int | None:
    from moneta_service.money import UnknownCurrencyError, minor_unit

    try:
        return minor_unit(code)
    except UnknownCurrencyError:
        return None


def succeeded(
    amount: Decimal,
    amount_max: Decimal | None,
    rate: Decimal,
    *,
    target: str,
    date: dt.date | None,
    rate_date: dt.date | None,
    source: str,
    path: tuple[str, ...],
    message: str = "",
    ratio: tuple[Decimal, Decimal] | None = None,
) -> Conversion:
    """Return an ``ok`` conversion: ``amount × rate`` in :data:`MONEY_CONTEXT`, rounded half-even to the
    target's ISO 4217 minor unit; the same for ``amount_max`` (ranges).

    :param ratio: for a rate that is a quotient (cross rates, inverted rates, legacy currency -> euro):
        ``(numerator, denominator)``. The unrounded amount is then ``amount × numerator / denominator`` with a
        single rounding at 38 digits (so 340750 GRD / 340.750 is exactly 1000 EUR, as Council Regulation
        (EC) No 1103/97 requires: divide by the conversion rate, never multiply by an inverse), while ``rate``
        (``numerator / denominator`` at 38 digits) is reported.
    :raise RatesError: the product does not fit 38 significant digits.
    """

    def apply(value: Decimal) -> tuple[Decimal, Decimal]:
        """(unrounded, rounded) conversion of ``value``; a zero is never negative ("-0" gives "0.0000")."""
        product: Decimal | None = None
        try:
            if ratio is None:
                product = MONEY_CONTEXT.multiply(value, rate)
            else:
                product = MONEY_CONTEXT.divide(MONEY_CONTEXT.multiply(value, ratio[0]), ratio[1])
            rounded = quantize_minor(product, target)
        except decimal.DecimalException as exc:
            raise RatesError(_too_large(value, f" {path[0]}" if path else "", target, product)) from exc
        return (product if product else product.copy_abs()), rounded

    unrounded, rounded = apply(amount)
    max_unrounded, max_rounded = (None, None) if amount_max is None else apply(amount_max)
    return Conversion(
        currency=target,
        amount=rounded,
        amount_unrounded=unrounded,
        rate=rate,
        requested_date=date,
        rate_date=rate_date,
        source=source,
        path=path,
        status=ConversionStatus.OK,
        message=message,
        amount_max=max_rounded,
        amount_max_unrounded=max_unrounded,
    )
