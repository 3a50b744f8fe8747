"""ECB euro reference rates, with the fixed euro conversion rates of the legacy euro-area currencies.

Date policy: the rate of the requested date, or of the latest ECB publication in the 5 calendar days before it
(weekends, TARGET holidays such as 25 December); ``rate_date`` says which. A date before the data's first
publication, or with no publication in those 5 days, gives ``no_rate_for_date``; a date after the data's last
publication (including any future date) gives ``date_after_data``, never the latest rate — except the Saturday
and Sunday right after a last publication on a Friday, for which the ECB cannot have published anything newer.

Cross rates are triangulated through the euro: ``USD -> GBP`` is ``GBP per EUR / USD per EUR`` on the same
publication date, computed in :data:`~moneta_service.money.MONEY_CONTEXT` (38 digits, half-even), with
``path = ("USD", "EUR", "GBP")``.

Legacy euro currencies (DEM, FRF, ITL, ..., HRK, BGN) convert to EUR at their irrevocably fixed rate
(:mod:`moneta_service.data.legacy_euro`) from their euro adoption date on; crosses such as DEM -> USD go
DEM -> EUR (fixed) -> USD (ECB). Before its adoption date a later joiner converts at the ECB's market rate
while the ECB quoted it (CYP in 2005); a date before 1999-01-01 gives ``no_rate_for_date``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from moneta.model import Conversion, ConversionStatus, RateCoverage

from moneta_service.data.legacy_euro import FIXED_EURO_RATES
from moneta_service.money import MONEY_CONTEXT
from moneta_service.rates.base import RateRow, failed, join_notes, open_request, same_currency, succeeded
from moneta_service.rates.history import EcbHistory

__all__ = ["FIXED_SOURCE", "EcbProvider", "fixed_rate"]

#: Source id of the fixed legacy euro conversion rates.
FIXED_SOURCE = "fixed"

#: The date the euro was introduced (as book money): no euro rate exists before it.
EURO_START = dt.date(1999, 1, 1)

_REFRESH_HINT = "run `moneta rates update` to fetch newer ECB rates"


def fixed_rate(code: str, date: dt.date) -> tuple[Decimal, dt.date, str] | None:
    """Return ``(units of code per 1 EUR, date from which it applies, regulation)`` if ``code`` is a legacy euro
    currency whose fixed rate applies on ``date``, else ``None``."""
    row = FIXED_EURO_RATES.get(code)
    if row is None or date < row[1]:
        return None
    return Decimal(row[0]), row[1], row[2]


@dataclass(frozen=True, slots=True)
class _Leg:
    """How one currency relates to the euro on a date: ``per_eur`` units per 1 EUR."""

    per_eur: Decimal
    kind: str  # "eur", "fixed" or "market"
    note: str = ""


class EcbProvider:
    """Converts with ECB euro reference rates (and the fixed legacy euro rates).

    :param history: a callable returning the :class:`EcbHistory` to use (called on first use: lazy loading).
    :param name: the source id reported in conversions (``ecb``).
    """

    def __init__(self, history: Callable[[], EcbHistory], name: str = "ecb") -> None:
        self.name = name
        self._history_factory = history
        self._history: EcbHistory | None = None

    @property
    def history(self) -> EcbHistory:
        """The ECB history in use (loaded on first access)."""
        if self._history is None:
            self._history = self._history_factory()
        return self._history

    # -- the provider interface -------------------------------------------------------------------------

    def convert(
        self,
        amount: Decimal,
        source_currency: str,
        target_currency: str,
        date: dt.date | None,
        *,
        amount_max: Decimal | None = None,
    ) -> Conversion:
        """Convert ``amount`` (major units) of ``source_currency`` into ``target_currency`` at the ECB
        reference rate of ``date`` (see the module docstring for the date policy and statuses).

        :raise RatesError: ``amount`` or ``amount_max`` is not a finite Decimal, or too large.
        """
        source, target, bad = open_request(
            amount, amount_max, source_currency, target_currency, date, self.name
        )
        if bad is not None:
            return bad
        if source == target:
            return same_currency(amount, amount_max, target, date)
        if date is None:
            return failed(
                target, None, self.name, ConversionStatus.DATE_MISSING,
                "no date given: a reference rate needs the date of the amount (e.g. the article's date)",
            )  # fmt: skip
        path = (source, target) if "EUR" in (source, target) else (source, "EUR", target)
        legs: list[_Leg] = []
        rate_date: dt.date | None = None
        for code in (source, target):
            leg = self._fixed_leg(code, date)
            if leg is None and code in FIXED_EURO_RATES and date < EURO_START:
                return failed(
                    target, date, self.name, ConversionStatus.NO_RATE_FOR_DATE,
                    f"{code} has no euro rate on {date}: the euro started on {EURO_START}, and {code}'s fixed "
                    f"rate applies from {FIXED_EURO_RATES[code][1]}", path,
                )  # fmt: skip
            if leg is None:
                if rate_date is None:
                    publication = self._publication(date, target, path)
                    if isinstance(publication, Conversion):
                        return publication
                    rate_date = publication
                quoted = self._market_leg(code, date, rate_date, target, path)
                if isinstance(quoted, Conversion):
                    return quoted
                leg = quoted
            legs.append(leg)
        ratio = (legs[1].per_eur, legs[0].per_eur)
        rate = legs[1].per_eur if legs[0].per_eur == 1 else MONEY_CONTEXT.divide(*ratio)
        notes = [leg.note for leg in legs if leg.note]
        if rate_date is None:  # fixed rates only (DEM -> EUR, DEM -> FRF)
            adopted = max(
                fixed[1] for code in (source, target) if (fixed := fixed_rate(code, date)) is not None
            )
            return succeeded(
                amount, amount_max, rate, target=target, date=date, rate_date=adopted, source=FIXED_SOURCE,
                path=path, message="; ".join(notes), ratio=ratio,
            )  # fmt: skip
        message = "; ".join(notes)
        if rate_date != date:
            message = join_notes(f"no ECB publication on {date}; used the rate of {rate_date}", message)
        return succeeded(
            amount, amount_max, rate, target=target, date=date, rate_date=rate_date, source=self.name,
            path=path, message=message, ratio=ratio,
        )  # fmt: skip

    def coverage(self) -> dict[str, tuple[RateCoverage, ...]]:
        """Per currency: ``ecb`` with the first and last dates the ECB quoted it (EUR: the whole data), once per
        period when the ECB stopped quoting it for a while (ISK: 1999-01-04 to 2008-12-09, then 2018-02-01 on), and for
        the legacy euro currencies ``fixed`` from the adoption date on (open-ended), after the ECB's span for a
        later joiner the ECB quoted before (BGN: ``ecb`` 2000-07-19 to 2025-12-31, then ``fixed`` from
        2026-01-01)."""
        history = self.history
        result: dict[str, tuple[RateCoverage, ...]] = {  # one entry per period when the ECB paused (ISK)
            code: tuple(RateCoverage(self.name, first, last) for first, last in periods)
            for code, periods in history.periods().items()
        }
        result["EUR"] = (RateCoverage(self.name, history.first_date, history.last_date),)
        for code, (_rate, adopted, _regulation) in FIXED_EURO_RATES.items():
            result[code] = (*result.get(code, ()), RateCoverage(FIXED_SOURCE, adopted, None))
        return result

    def describe(self) -> RateCoverage:
        """The source id with the first and last ECB publication dates of the data in use."""
        history = self.history
        return RateCoverage(self.name, history.first_date, history.last_date)

    def rates_on(self, date: dt.date | None) -> tuple[list[RateRow], ConversionStatus, str]:
        """The ECB rates (per 1 EUR) used for ``date`` (``None``: the last publication), then the fixed rates
        of the legacy euro currencies applying that day."""
        history = self.history
        day = history.last_date if date is None else date
        publication = self._publication(day, "EUR", ())
        if isinstance(publication, Conversion):
            return [], publication.status, publication.message
        rows = [
            RateRow("EUR", code, rate, publication, self.name)
            for code, rate in sorted(history.quotes(publication).items())
        ]
        for code in sorted(FIXED_EURO_RATES):
            fixed = fixed_rate(code, day)
            if fixed is not None:
                rows.append(RateRow("EUR", code, fixed[0], fixed[1], FIXED_SOURCE))
        message = "" if publication == day else f"no ECB publication on {day}; used the rate of {publication}"
        return rows, ConversionStatus.OK, message

    # -- helpers ------------------------------------------------------------------------------------------

    def _fixed_leg(self, code: str, date: dt.date) -> _Leg | None:
        if code == "EUR":
            return _Leg(Decimal(1), "eur")
        fixed = fixed_rate(code, date)
        if fixed is None:
            return None
        rate, adopted, regulation = fixed
        return _Leg(
            rate,
            "fixed",
            f"{code} at the fixed euro rate 1 EUR = {rate} {code} ({regulation}, from {adopted})",
        )

    def _publication(self, date: dt.date, target: str, path: tuple[str, ...]) -> dt.date | Conversion:
        history = self.history
        if date < history.first_date:
            return failed(
                target, date, self.name, ConversionStatus.NO_RATE_FOR_DATE,
                f"{date} is before the first ECB reference rate in the data ({history.first_date})", path,
            )  # fmt: skip
        if not history.covers(date):
            future = " (a future date)" if date > dt.date.today() else ""
            return failed(
                target, date, self.name, ConversionStatus.DATE_AFTER_DATA,
                f"{date}{future} is after the last ECB reference rate in the data ({history.last_date}); "
                f"{_REFRESH_HINT}", path,
            )  # fmt: skip
        publication = history.publication_for(date)
        if publication is None:
            return failed(
                target, date, self.name, ConversionStatus.NO_RATE_FOR_DATE,
                f"no ECB publication on {date} nor in the 5 calendar days before it", path,
            )  # fmt: skip
        return publication

    def _market_leg(
        self, code: str, date: dt.date, rate_date: dt.date, target: str, path: tuple[str, ...]
    ) -> _Leg | Conversion:
        quotes = self.history.quotes(rate_date)
        rate = quotes.get(code)
        if rate is not None:
            return _Leg(rate, "market")
        row = FIXED_EURO_RATES.get(code)
        if row is not None and date < row[1]:
            return failed(
                target, date, self.name, ConversionStatus.CURRENCY_NOT_QUOTED,
                f"the ECB did not quote {code} on {date}{_fallback(date, rate_date)}; its fixed euro rate applies "
                f"from {row[1]}", path,
            )  # fmt: skip
        return failed(
            target, date, self.name, ConversionStatus.CURRENCY_NOT_QUOTED,
            _not_quoted(code, date, rate_date, self.history.periods().get(code, ())), path,
        )  # fmt: skip


def _fallback(date: dt.date, rate_date: dt.date) -> str:
    """The words naming the publication used for ``date`` when it is an earlier one (a weekend, a holiday)."""
    return "" if rate_date == date else f" (nor in the publication of {rate_date} used as its fallback)"


def _not_quoted(
    code: str, date: dt.date, rate_date: dt.date, periods: tuple[tuple[dt.date, dt.date], ...]
) -> str:
    """The message of a ``currency_not_quoted`` conversion: the requested ``date`` (and the earlier publication
    used for it, ``rate_date``, labelled as the fallback), the periods the ECB quoted ``code`` in, and, for a
    publication between two of them, the gap it falls in.

    >>> day = dt.date
    >>> isk = ((day(1999, 1, 4), day(2008, 12, 9)), (day(2018, 2, 1), day(2026, 10, 30)))
    >>> _not_quoted("ISK", day(2010, 6, 1), day(2010, 6, 1), isk)
    'the ECB does not quote ISK on 2010-06-01, which falls in a gap in its quotes (quoted from 1999-01-04 to 2008-12-09 and from 2018-02-01 to 2026-10-30)'
    >>> _not_quoted("ISK", day(2008, 12, 14), day(2008, 12, 12), isk)
    'the ECB does not quote ISK on 2008-12-14 (nor in the publication of 2008-12-12 used as its fallback), which falls in a gap in its quotes (quoted from 1999-01-04 to 2008-12-09 and from 2018-02-01 to 2026-10-30)'
    >>> _not_quoted("RUB", day(2023, 1, 2), day(2023, 1, 2), ((day(1999, 1, 4), day(2022, 3, 1)),))
    'the ECB does not quote RUB on 2023-01-02 (quoted from 1999-01-04 to 2022-03-01)'
    >>> _not_quoted("NGN", day(2023, 1, 2), day(2023, 1, 2), ())
    'the ECB does not quote NGN on 2023-01-02'
    """
    message = f"the ECB does not quote {code} on {date}{_fallback(date, rate_date)}"
    if not periods:
        return message
    if any(before[1] < rate_date < after[0] for before, after in itertools.pairwise(periods)):
        message += ", which falls in a gap in its quotes"
    return message + " (quoted " + " and ".join(f"from {first} to {last}" for first, last in periods) + ")"
