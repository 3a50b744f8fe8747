"""Live rates through forex-python (opt-in: ``--rates live``), Decimal only (``force_decimal=True``).

forex-python asks its own rates web service (its address is built into the library). Each fetch has a short
timeout (:data:`TIMEOUT_SECONDS`); answers are cached per base currency and day, so a batch asks once per day and
base. When the service cannot be reached the conversion reports ``source_unavailable`` — or, when the provider was
opened with ``fallback="ecb"``, the ECB reference rate (source ``ecb``) with a message saying live rates were
unavailable. After a failure the service is not asked again for :data:`RETRY_AFTER_SECONDS`, so a batch does not
wait for the timeout on every row.

A missing date means "the latest rates" (``requested_date`` stays empty, ``rate_date`` is the service's date);
a future date gives ``date_after_data``.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import replace
from decimal import Decimal
from typing import Any

from moneta.model import Conversion, ConversionStatus, RateCoverage

from moneta_service.rates.base import (
    LOOKBACK_DAYS,
    RateProvider,
    RateRow,
    failed,
    join_notes,
    open_request,
    same_currency,
    succeeded,
)

__all__ = ["RETRY_AFTER_SECONDS", "TIMEOUT_SECONDS", "LiveProvider", "LiveRatesUnavailable"]

#: How long one fetch of live rates may take before the source counts as unavailable.
TIMEOUT_SECONDS = 5.0
#: After a failed fetch, how long the source is reported unavailable without asking again.
RETRY_AFTER_SECONDS = 60.0


class LiveRatesUnavailable(Exception):
    """The live rates service could not be reached or gave an unusable answer."""


def _fetch(base: str, date: dt.date | None) -> tuple[dict[str, Decimal], dt.date | None]:
    """Ask forex-python for the rates of ``base`` on ``date`` (``None``: latest). Runs in a worker thread."""
    import simplejson  # type: ignore[import-untyped]
    from forex_python.converter import CurrencyRates

    class _DatedRates(CurrencyRates):  # type: ignore[misc]
        """forex-python's client, keeping the publication date the service answers with."""

        published: str | None = None

        def _decode_rates(self, response: Any, use_decimal: bool = False, date_str: str | None = None) -> Any:
            decoded = simplejson.loads(response.text, use_decimal=True)
            self.published = decoded.get("date") if isinstance(decoded, dict) else None
            return decoded.get("rates", {}) if isinstance(decoded, dict) else {}

    client = _DatedRates(force_decimal=True)
    raw = client.get_rates(base, date)
    if not isinstance(raw, dict):
        raise LiveRatesUnavailable("the live rates service gave no rates")
    rates: dict[str, Decimal] = {}
    for code, value in raw.items():
        if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
            raise LiveRatesUnavailable(f"the live rates service gave a non-decimal rate for {code}")
        rates[str(code).upper()] = value
    published: dt.date | None = None
    if client.published:
        try:
            published = dt.date.fromisoformat(str(client.published)[:10])
        except ValueError:
            published = None
    return rates, published


class LiveProvider:
    """Live rates from forex-python's service, cached per day; optional fallback to another provider.

    :param fallback: the provider to use when the service is unavailable (the ECB), or ``None``.
    :param timeout: seconds one fetch may take.
    """

    name = "live"

    def __init__(self, fallback: RateProvider | None = None, timeout: float = TIMEOUT_SECONDS) -> None:
        self._fallback = fallback
        self._timeout = timeout
        self._cache: dict[tuple[str, str], tuple[dict[str, Decimal], dt.date | None]] = {}
        self._down_until = 0.0
        self._down_reason = ""
        self._lock = threading.Lock()

    def _rates(self, base: str, date: dt.date | None) -> tuple[dict[str, Decimal], dt.date | None]:
        day_key = date.isoformat() if date is not None else f"latest@{dt.date.today().isoformat()}"
        key = (base, day_key)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            if time.monotonic() < self._down_until:
                raise LiveRatesUnavailable(self._down_reason)
        outcome: list[tuple[dict[str, Decimal], dt.date | None]] = []
        errors: list[BaseException] = []

        def work() -> None:
            try:
                outcome.append(_fetch(base, date))
            except Exception as exc:  # noqa: BLE001 - any network, HTTP or decoding failure of forex-python
                errors.append(exc)

        worker = threading.Thread(target=work, name="moneta-live-rates", daemon=True)
        worker.start()
        worker.join(self._timeout)
        if outcome:
            with self._lock:
                self._cache[key] = outcome[0]
            return outcome[0]
        reason = (
            f"live rates service did not answer within {self._timeout:g} s"
            if worker.is_alive()
            else f"live rates service unreachable ({type(errors[0]).__name__})"
            if errors
            else "live rates service gave no answer"
        )
        with self._lock:
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            self._down_reason = reason
        raise LiveRatesUnavailable(reason)

    def convert(
        self,
        amount: Decimal,
        source_currency: str,
        target_currency: str,
        date: dt.date | None,
        *,
        amount_max: Decimal | None = None,
    ) -> Conversion:
        """Convert at the live rate of ``date`` (``None``: latest); see the module docstring for statuses.

        :raise RatesError: ``amount`` or ``amount_max`` is not a finite Decimal, or too large.
        """
        source, target, bad = open_request(
            amount, amount_max, source_currency, target_currency, date, self.name
        )
        if bad is not None:
            return bad
        if source == target:
            return same_currency(amount, amount_max, target, date)
        if date is not None and date > dt.date.today():
            return failed(
                target, date, self.name, ConversionStatus.DATE_AFTER_DATA,
                f"{date} is a future date: no live rate exists yet", (source, target),
            )  # fmt: skip
        try:
            rates, published = self._rates(source, date)
        except LiveRatesUnavailable as exc:
            if self._fallback is None:
                return failed(
                    target, date, self.name, ConversionStatus.SOURCE_UNAVAILABLE,
                    f"{exc}; use --rates ecb, or --rates-fallback ecb to fall back to the ECB reference rates",
                    (source, target),
                )  # fmt: skip
            result = self._fallback.convert(amount, source, target, date, amount_max=amount_max)
            return replace(
                result, message=join_notes(f"{exc}; fell back to the {result.source} rates", result.message)
            )
        rate = rates.get(target)
        if rate is None:
            return failed(
                target, date, self.name, ConversionStatus.CURRENCY_NOT_QUOTED,
                f"the live rates service does not quote {source}/{target}", (source, target),
            )  # fmt: skip
        if date is not None and published is not None and (date - published).days > LOOKBACK_DAYS:
            return failed(
                target, date, self.name, ConversionStatus.NO_RATE_FOR_DATE,
                f"the live rates service's nearest rate is of {published}, more than 5 days before {date}",
                (source, target),
            )  # fmt: skip
        note = "" if published is None or published == date else f"live rate of {published}"
        return succeeded(
            amount, amount_max, rate, target=target, date=date, rate_date=published, source=self.name,
            path=(source, target), message=note,
        )  # fmt: skip

    def coverage(self) -> dict[str, tuple[RateCoverage, ...]]:
        """Live rates have no fixed coverage: the fallback's coverage if any, else nothing."""
        return self._fallback.coverage() if self._fallback is not None else {}

    def describe(self) -> RateCoverage:
        """``live`` with no fixed first date and today as the last date."""
        return RateCoverage(self.name, None, dt.date.today())

    def rates_on(self, date: dt.date | None) -> tuple[list[RateRow], ConversionStatus, str]:
        """The live rates per 1 EUR for ``date`` (``None``: latest), or ``source_unavailable``."""
        try:
            rates, published = self._rates("EUR", date)
        except LiveRatesUnavailable as exc:
            return [], ConversionStatus.SOURCE_UNAVAILABLE, str(exc)
        rows = [RateRow("EUR", code, rate, published, self.name) for code, rate in sorted(rates.items())]
        return rows, ConversionStatus.OK, ""
