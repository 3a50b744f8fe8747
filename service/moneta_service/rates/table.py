"""A user's own FX table: CSV or Parquet with columns ``date, base, quote, rate``.

``rate`` is the number of units of ``quote`` for one unit of ``base`` (as the ECB quotes ``EUR -> USD``), a
decimal string (CSV) or a decimal/string column (Parquet; a floating-point column is refused: no float touches
a rate). ``date`` is ISO 8601 (``2024-04-26``) or a Parquet date column. Codes are ISO 4217 alphabetic codes.
A pair may have one rate per date: a file with two different rates for the same pair and date is refused
(the message names the pair, the date and both lines); a repeated identical row is accepted. Every row must
have its four cells (an empty one is refused, naming the line and the column), ISO 4217 codes (current or
historic: ``ZZZ`` is refused, naming the line) and two different currencies (``EUR,EUR`` is ignored with rate 1,
which it always is, and refused with any other). A table may give
both directions of a pair on one date (``EUR,USD,1.07`` and ``USD,EUR,0.9346``) only when they agree: one rate
times the other must be within :data:`INVERSE_TOLERANCE` (1 %) of 1, which leaves room for rounding and a
spread; ``1.07`` and ``0.5`` are refused, naming both lines.

Conversions prefer the table wherever it has the pair, directly or inverted (``1 / rate``), on the requested
date or the latest date in the 5 calendar days before it (the same look-back as the ECB date policy, so the
table's Friday rate serves the weekend and the days after it up to five, even where the ECB has a newer rate;
source ``table``, ``path`` = the two codes, and the message names the day used); when both directions are stored
the more recent rate wins (the direct one on the same day). Otherwise the ECB reference rates answer (source
``ecb``), and the message says the table had no rate. Cross rates are never chained through the table's other
pairs (``USD/DEM`` and ``GBP/USD`` give no ``DEM/GBP``): when the fallback cannot convert a pair the table lacks,
its status stands and the message first names the table and the pair (``the FX table fx87.csv has no DEM/GBP
rate, and cross rates go through the euro; DEM has no euro rate on 1987-05-04: ...``). When neither can
convert a pair the table holds, the status is the table's: ``date_after_data`` after the table's last rate for the
pair (the message says to add newer rows), ``no_rate_for_date`` before its first rate or in a gap of more than 5 days.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from moneta.model import Conversion, ConversionStatus, RateCoverage

from moneta_service.money import MONEY_CONTEXT, is_iso_code
from moneta_service.rates.base import (
    LOOKBACK_DAYS,
    RateProvider,
    RateRow,
    RatesError,
    failed,
    join_notes,
    normalise_code,
    open_request,
    same_currency,
    succeeded,
)
from moneta_service.rates.history import MAX_RATE_DIGITS

__all__ = ["INVERSE_TOLERANCE", "TableProvider", "is_ecb_file", "load_table"]

_COLUMNS = ("date", "base", "quote", "rate")

#: How far from 1 the product of a pair's two stored directions on one date may be (``EUR/USD × USD/EUR``):
#: 1 % allows rounded inverses and a bid/ask spread; beyond it the two rows contradict each other.
INVERSE_TOLERANCE = Decimal("0.01")


def is_ecb_file(path: Path) -> bool:
    """Return whether ``path`` is an ECB ``eurofxref`` file (a zip, or a CSV whose header starts with ``Date``)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise RatesError(f"{path}: cannot read ({exc.strerror})") from None
    if head.startswith(b"PK\x03\x04"):
        return path.suffix.lower() == ".zip"
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"Date")


#: The value of the cells a CSV row is short of (``csv.DictReader``'s ``restval``), told apart from empty ones.
_MISSING: Any = object()


def _cell(row: dict[str, Any], column: str, origin: str, where: str) -> Any:
    """The ``column`` cell of a row, refused when it is missing or empty, naming the line/row and the column.

    :raise RatesError: ``fx.csv: line 3: the rate cell is empty`` (or null in Parquet, or missing: a CSV row with
        fewer fields than the header).
    """
    value = row.get(column)
    if value is _MISSING:
        raise RatesError(f"{origin}: {where}: no {column} cell (the row has fewer fields than the header)")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RatesError(f"{origin}: {where}: the {column} cell is empty; give date, base, quote and rate")
    return value


def _code(value: Any, origin: str, where: str, column: str) -> str:
    """An ISO 4217 code (current or historic, :func:`moneta_service.money.is_iso_code`) from a table cell.

    :raise RatesError: not three letters, or three letters that are no ISO 4217 code (``ZZZ``): such a row could
        never be used, so it is refused rather than silently ignored.
    """
    text = normalise_code(str(value))
    if not (len(text) == 3 and text.isascii() and text.isalpha()):
        raise RatesError(f"{origin}: {where}: bad currency code {_shown(value)} in the {column} column")
    if not is_iso_code(text):
        raise RatesError(
            f"{origin}: {where}: {text!r} ({column}) is not an ISO 4217 currency code; moneta converts ISO 4217 "
            "currencies only: fix or remove the row"
        )
    return text


def _shown(value: Any) -> str:
    """A cell as a message shows it: its text in quotes (bytes and Decimals as text), at most 40 characters."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).strip()
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _rate(value: Any, origin: str, where: str) -> Decimal:
    if isinstance(value, float):
        raise RatesError(
            f"{origin}: {where}: the rate column is floating point; store rates as decimals or text"
        )
    try:
        text = str(value).strip() if not isinstance(value, Decimal) else ""
        if "_" in text:  # (Python's Decimal reads "1_07" as 107)
            raise InvalidOperation
        rate = value if isinstance(value, Decimal) else Decimal(text)
    except InvalidOperation:
        raise RatesError(f"{origin}: {where}: bad rate {_shown(value)}") from None
    if not rate.is_finite() or rate <= 0:
        raise RatesError(f"{origin}: {where}: bad rate {_shown(value)} (must be a positive number)")
    if not _RATE_FLOOR <= rate <= _RATE_CEILING:
        # no pair of currencies is that far apart; such a rate would overflow 38-digit decimal conversions
        raise RatesError(f"{origin}: {where}: rate {_shown(value)} is outside 1e-12 to 1e12")
    if len(rate.as_tuple().digits) > MAX_RATE_DIGITS:
        raise RatesError(
            f"{origin}: {where}: rate {_shown(value)} has more than {MAX_RATE_DIGITS} significant digits "
            "(the decimal arithmetic of conversions keeps 38)"
        )
    return rate


#: The widest rate between two currencies a table may hold (any pair, either way round).
_RATE_FLOOR = Decimal("1e-12")
_RATE_CEILING = Decimal("1e12")


def _date(value: Any, origin: str, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    from moneta.dates import parse_iso_date

    try:  # worded as every command words a bad date: malformed, or no such day
        return parse_iso_date(text if len(text) <= 40 else text[:40] + "…")
    except ValueError as exc:
        raise RatesError(f"{origin}: {where}: {exc}") from None


def _csv_rows(path: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """The rows of a CSV FX table: ``("line N", {column: cell})``, with the header's names stripped and lower
    case; a row short of the header's cells has :data:`_MISSING` in the cells it lacks.

    The CSV is read strictly (:mod:`csv` ``strict``): a quote that is never closed, even on the last line, or text
    after a closing quote is refused rather than read into a rate, and so is a cell longer than
    :data:`_MAX_CELL_CHARS` (the :mod:`csv` module's default field limit, checked here too, since ``moneta batch``
    raises that limit for its own inputs: the same table gets the same message in every command).

    :raise RatesError: one line naming the file and, where the fault is in a record, its line(s): the file is
        not UTF-8, not readable as CSV, its header repeats or lacks a column, or a row has more cells than the
        header.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RatesError(f"{path}: cannot read as UTF-8 text ({exc})") from None
    # a plain reader, not a DictReader, so that each next() reads exactly one record (a blank line is one of
    # its own) and the line where a record starts is known when it turns out to be unreadable
    reader = csv.reader(io.StringIO(text), strict=True)
    start = 1  # the line where the next record starts
    try:
        header: list[str] = []
        for header in reader:
            if header:
                break
            start = reader.line_num + 1
        _check_cell_sizes(header)
        fields = [name.strip().lower() for name in header]
        repeated = sorted({name for name in fields if name in _COLUMNS and fields.count(name) > 1})
        if repeated:
            raise RatesError(f"{path}: column(s) {', '.join(repeated)} appear twice in the header: keep one")
        missing = [column for column in _COLUMNS if column not in fields]
        if missing:
            raise RatesError(f"{path}: missing column(s) {', '.join(missing)} (need date, base, quote, rate)")
        start = reader.line_num + 1
        for cells in reader:
            if cells:
                _check_cell_sizes(cells)
                if len(cells) > len(fields):
                    raise RatesError(
                        f"{path}: line {reader.line_num}: {len(cells)} cells but the header has {len(fields)} "
                        f"(extra {', '.join(repr(cell) for cell in cells[len(fields) : len(fields) + 3])}); "
                        "write rates with a decimal point (1.07, not 1,07)"
                    )
                row: dict[str, Any] = dict.fromkeys(fields, _MISSING)
                row.update(zip(fields, cells, strict=False))
                yield f"line {reader.line_num}", row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise RatesError(f"{path}: {_unreadable_csv(exc, start, reader.line_num)}") from None


#: The longest cell an FX table may have, in characters: the :mod:`csv` module's default field limit (a table's
#: cells are dates, codes and rates; a longer one means the file is not an FX table).
_MAX_CELL_CHARS = 131072


def _check_cell_sizes(cells: list[str]) -> None:
    """Refuse a record with a cell longer than :data:`_MAX_CELL_CHARS` (worded as when :mod:`csv` refuses it).

    :raise csv.Error: ``field larger than field limit``, for :func:`_unreadable_csv` to word.
    """
    if any(len(cell) > _MAX_CELL_CHARS for cell in cells):
        raise csv.Error(f"field larger than field limit ({_MAX_CELL_CHARS})")


def _unreadable_csv(exc: csv.Error, start: int, end: int) -> str:
    """Why a CSV record from line ``start`` to line ``end`` cannot be read, for a :class:`RatesError`."""
    lines = f"line {start}" if end <= start else f"lines {start}-{end}"
    reason = str(exc)
    if "field limit" in reason:
        return (
            f"{lines}: a cell longer than {_MAX_CELL_CHARS} characters (an FX table has columns date, base, "
            "quote, rate: is this the right file?)"
        )
    if "end of data" in reason:
        if end <= start:
            return f"{lines}: a quote opened in it is never closed"
        return (
            f"{lines}: a quote opened on line {start} is never closed (the rest of the file was read into it)"
        )
    return f"{lines}: unreadable CSV ({reason})"


def _parquet_rows(path: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise RatesError(
            "reading a Parquet FX table needs pyarrow (pip install '.[warehouse]' in the moneta checkout)"
        ) from None
    try:
        table = pq.read_table(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for unreadable files
        from moneta._quoting import one_line

        raise RatesError(f"{path}: not a readable Parquet file ({one_line(str(exc))})") from None
    lowered = [name.lower() for name in table.column_names]
    repeated = sorted({name for name in lowered if name in _COLUMNS and lowered.count(name) > 1})
    if repeated:
        raise RatesError(f"{path}: column(s) {', '.join(repeated)} appear twice: keep one")
    names = {name.lower(): name for name in table.column_names}
    missing = [column for column in _COLUMNS if column not in names]
    if missing:
        raise RatesError(f"{path}: missing column(s) {', '.join(missing)} (need date, base, quote, rate)")
    import pyarrow as pa

    rate_type = table.schema.field(names["rate"]).type
    if pa.types.is_floating(rate_type):
        raise RatesError(f"{path}: the rate column is floating point; store rates as decimals or text")
    columns = {column: table.column(names[column]).to_pylist() for column in _COLUMNS}
    for index in range(table.num_rows):
        yield f"row {index + 1}", {column: columns[column][index] for column in _COLUMNS}


class TableProvider:
    """Rates from a user's FX table, falling back to another provider (the ECB) for pairs it lacks.

    :param rates: ``(base, quote)`` -> ascending list of ``(date, rate)``.
    :param origin: the table's path (for load errors, and for conversion messages until relabelled).
    :param fallback: the provider answering pairs or dates the table lacks (``None``: report a status).

    ``label`` names the table in conversion messages: its path by default; a server relabels the tables it
    serves with the names requests use (:meth:`relabelled`), so no message shows the server's file paths.
    """

    name = "table"

    def __init__(
        self,
        rates: dict[tuple[str, str], list[tuple[dt.date, Decimal]]],
        origin: str,
        fallback: RateProvider | None,
    ) -> None:
        if not rates:
            raise RatesError(f"{origin}: the FX table has no rows")
        self.origin = origin
        self.label = origin
        self._rates = rates
        self._dates = {pair: [day for day, _rate in rows] for pair, rows in rates.items()}
        self._fallback = fallback

    def relabelled(self, label: str) -> TableProvider:
        """Return a copy of this provider (sharing its rates and fallback) whose conversion messages name the
        table ``label`` (e.g. ``'mine'``, the name a server's requests use) instead of its path."""
        copy = TableProvider.__new__(TableProvider)
        copy.__dict__.update(self.__dict__)
        copy.label = label
        return copy

    def _lookup(
        self, base: str, quote: str, date: dt.date
    ) -> tuple[Decimal, dt.date, tuple[Decimal, Decimal]] | None:
        """The table's rate for ``base -> quote`` on ``date`` or up to 5 days before, from the direct or the
        inverted pair, whichever has the more recent rate (the direct one on the same day):
        ``(rate, rate date, (numerator, denominator))``; an inverted pair's rate is ``1 / stored rate``."""
        best: tuple[Decimal, dt.date, tuple[Decimal, Decimal]] | None = None
        for pair, inverted in (((base, quote), False), ((quote, base), True)):
            dates = self._dates.get(pair)
            if dates is None:
                continue
            index = bisect.bisect_right(dates, date)
            if index == 0:
                continue
            day, rate = self._rates[pair][index - 1]
            if (date - day).days > LOOKBACK_DAYS or (best is not None and best[1] >= day):
                continue
            if inverted:
                best = MONEY_CONTEXT.divide(Decimal(1), rate), day, (Decimal(1), rate)
            else:
                best = rate, day, (rate, Decimal(1))
        return best

    def convert(
        self,
        amount: Decimal,
        source_currency: str,
        target_currency: str,
        date: dt.date | None,
        *,
        amount_max: Decimal | None = None,
    ) -> Conversion:
        """Convert at the table's rate for the pair (or its inverse) on ``date`` or up to 5 days before;
        otherwise delegate to the fallback provider (the ECB), saying so in the message.

        :raise RatesError: ``amount`` or ``amount_max`` is not a finite Decimal, or too large.
        """
        source, target, bad = open_request(
            amount, amount_max, source_currency, target_currency, date, self.name
        )
        if bad is not None:
            return bad
        if (
            source == target
        ):  # rate 1, whatever the table holds (its own rows of a currency against itself are 1)
            return same_currency(amount, amount_max, target, date)
        if date is not None:
            found = self._lookup(source, target, date)
            if found is not None:
                rate, rate_date, ratio = found
                note = "" if rate_date == date else f"no table rate on {date}; used the rate of {rate_date}"
                return succeeded(
                    amount, amount_max, rate, target=target, date=date, rate_date=rate_date, source=self.name,
                    path=(source, target), message=note, ratio=ratio,
                )  # fmt: skip
        if self._fallback is None:
            return failed(
                target, date, self.name, ConversionStatus.NO_RATE_FOR_DATE,
                f"the FX table has no {source}/{target} rate on {date} nor in the 5 days before it",
            )  # fmt: skip
        result = self._fallback.convert(amount, source, target, date, amount_max=amount_max)
        if date is None or source == target:
            return result
        if not any(pair in self._rates for pair in self._pairs(source, target)):
            if result.status is ConversionStatus.OK:
                return result
            # neither the table nor the fallback: say that the table lacks the pair, and that a cross rate is
            # never chained through the table's other pairs (fx87.csv's USD/DEM and GBP/USD give no DEM/GBP)
            cross = "" if "EUR" in (source, target) else ", and cross rates go through the euro"
            note = f"the FX table {self.label} has no {source}/{target} rate{cross}"
            return replace(result, message=join_notes(note, result.message))
        note = (
            f"the FX table {self.label} has no {source}/{target} rate on {date} nor in the 5 days before it"
        )
        if result.status is not ConversionStatus.OK:  # neither the table nor the fallback: the table's status
            status, note = self._gap(source, target, date)
            return replace(result, status=status, message=join_notes(note, result.message))
        return replace(result, message=join_notes(note, result.message))

    def _gap(self, source: str, target: str, date: dt.date) -> tuple[ConversionStatus, str]:
        """Why the table has no rate for a pair it holds on ``date``: after its last date for the pair
        (``date_after_data``, saying to add newer rows), or before its first / in a gap (``no_rate_for_date``)."""
        dates = sorted(day for pair in self._pairs(source, target) for day in self._dates.get(pair, ()))
        pair = f"{source}/{target}"
        if date > dates[-1]:
            return (
                ConversionStatus.DATE_AFTER_DATA,
                (
                    f"{date} is after the last {pair} rate of the FX table {self.label} ({dates[-1]}); "
                    "add newer rows to the table"
                ),
            )
        if date < dates[0]:
            return (
                ConversionStatus.NO_RATE_FOR_DATE,
                f"{date} is before the first {pair} rate of the FX table {self.label} ({dates[0]})",
            )
        return (
            ConversionStatus.NO_RATE_FOR_DATE,
            f"the FX table {self.label} has no {pair} rate on {date} nor in the 5 days before it",
        )

    @staticmethod
    def _pairs(source: str, target: str) -> tuple[tuple[str, str], tuple[str, str]]:
        return (source, target), (target, source)

    def coverage(self) -> dict[str, tuple[RateCoverage, ...]]:
        """Per currency: the table's dates where the table has it, then the fallback's coverage (pairs and dates
        the table lacks go to the fallback)."""
        result = dict(self._fallback.coverage()) if self._fallback is not None else {}
        spans: dict[str, tuple[dt.date, dt.date]] = {}
        for (base, quote), dates in self._dates.items():
            for code in (base, quote):
                first, last = spans.get(code, (dates[0], dates[-1]))
                spans[code] = (min(first, dates[0]), max(last, dates[-1]))
        for code, (first, last) in spans.items():
            result[code] = (RateCoverage(self.name, first, last), *result.get(code, ()))
        return result

    def describe(self) -> RateCoverage:
        """``table`` with the first and last dates of the table's rows."""
        first = min(dates[0] for dates in self._dates.values())
        last = max(dates[-1] for dates in self._dates.values())
        return RateCoverage(self.name, first, last)

    def rates_on(self, date: dt.date | None) -> tuple[list[RateRow], ConversionStatus, str]:
        """The table's rates used on ``date`` (``None``: the table's last date), each pair as stored, with the
        status (``date_after_data`` after the table's last date, ``no_rate_for_date`` before its first or in a gap;
        the message says the ECB answers conversions on such a day when the table has the ECB as fallback)."""
        day = self.describe().last_date if date is None else date
        assert day is not None
        rows: list[RateRow] = []
        for base, quote in sorted(self._rates):
            dates = self._dates[(base, quote)]
            index = bisect.bisect_right(dates, day)
            if index and (day - dates[index - 1]).days <= LOOKBACK_DAYS:
                rate_date, rate = self._rates[(base, quote)][index - 1]
                rows.append(RateRow(base, quote, rate, rate_date, self.name))
        if not rows:
            first, last = self.describe().first_date, self.describe().last_date
            assert first is not None
            assert last is not None
            then = (
                "; conversions on that day use the ECB reference rates where the ECB has the pair"
                if self._fallback is not None
                else ""
            )
            if day > last:
                return (
                    rows,
                    ConversionStatus.DATE_AFTER_DATA,
                    f"{day} is after the FX table's last rate ({last}){then}; add newer rows to the table",
                )
            if day < first:
                why = f"{day} is before the FX table's first rate ({first})"
            else:
                why = f"the FX table has no rate on {day} nor in the 5 days before it"
            return rows, ConversionStatus.NO_RATE_FOR_DATE, why + then
        return rows, ConversionStatus.OK, ""


def load_table(path: Path, *, fallback: RateProvider | None) -> TableProvider:
    """Read a user FX table (``.parquet``/``.pq`` as Parquet, anything else as CSV) into a :class:`TableProvider`.

    :raise RatesError: unreadable file, missing columns, an empty cell, a bad date, code (not ISO 4217) or rate,
        a currency against itself at a rate other than 1, two different rates for
        the same pair and date (naming the line/row; identical repeats are accepted), or a pair's two
        directions on one date that contradict each other (see :data:`INVERSE_TOLERANCE`; naming both lines).
    """
    origin = str(path)
    parquet = path.suffix.lower() in {".parquet", ".pq"}
    if not parquet:
        with path.open("rb") as handle:
            parquet = handle.read(4) == b"PAR1"
    rows = _parquet_rows(path) if parquet else _csv_rows(path)
    collected: dict[tuple[str, str], dict[dt.date, Decimal]] = defaultdict(dict)
    first_at: dict[tuple[str, str, dt.date], str] = {}
    for where, row in rows:
        if all(row.get(column) in (None, "", _MISSING) for column in _COLUMNS):
            continue
        base = _code(_cell(row, "base", origin, where), origin, where, "base")
        quote = _code(_cell(row, "quote", origin, where), origin, where, "quote")
        date = _date(_cell(row, "date", origin, where), origin, where)
        rate = _rate(_cell(row, "rate", origin, where), origin, where)
        if base == quote:  # a currency into itself is always rate 1: such a row is never used
            if rate == 1:
                continue
            raise RatesError(
                f"{origin}: {where}: {base}/{quote} {rate}: a currency converts into itself at rate 1; fix or "
                "remove the row"
            )
        known = collected[(base, quote)].get(date)
        if known is not None and known != rate:  # an identical repeat (1.07 and 1.070) is harmless
            raise RatesError(
                f"{origin}: {where}: a second, different rate for {base}/{quote} on {date.isoformat()} "
                f"({rate}; {first_at[(base, quote, date)]} has {known}): keep one"
            )
        if known is None:
            first_at[(base, quote, date)] = where
            collected[(base, quote)][date] = rate
    _check_inverses(collected, first_at, origin)
    rates = {pair: sorted(by_date.items()) for pair, by_date in collected.items()}
    return TableProvider(rates, origin, fallback)


def _check_inverses(
    collected: dict[tuple[str, str], dict[dt.date, Decimal]],
    first_at: dict[tuple[str, str, dt.date], str],
    origin: str,
) -> None:
    """Refuse a table whose rows for ``A/B`` and ``B/A`` on one date contradict each other: their product is
    more than :data:`INVERSE_TOLERANCE` away from 1 (the table would convert each way at a different rate).

    :raise RatesError: naming both rows, e.g. ``fx.csv: line 3: USD/EUR 0.5 on 2024-04-26 contradicts line 2
        (EUR/USD 1.07, whose inverse is 0.934579...): the two directions of a pair must agree within 1%; keep
        one``.
    """
    for (base, quote), by_date in collected.items():
        if (base, quote) > (quote, base):
            continue  # each unordered pair once
        inverse = collected.get((quote, base))
        if not inverse:
            continue
        for date, rate in by_date.items():
            other = inverse.get(date)
            if other is None:
                continue
            product = MONEY_CONTEXT.multiply(rate, other)
            if abs(product - 1) <= INVERSE_TOLERANCE:
                continue
            here, there = first_at[(base, quote, date)], first_at[(quote, base, date)]
            rows = sorted(
                [(here, base, quote, rate), (there, quote, base, other)], key=lambda r: _position(r[0])
            )
            (where_a, a_base, a_quote, a_rate), (where_b, b_base, b_quote, b_rate) = rows
            shown = MONEY_CONTEXT.divide(Decimal(1), a_rate).quantize(Decimal("1e-6"), context=MONEY_CONTEXT)
            raise RatesError(
                f"{origin}: {where_b}: {b_base}/{b_quote} {b_rate} on {date.isoformat()} contradicts {where_a} "
                f"({a_base}/{a_quote} {a_rate}, whose inverse is {shown.normalize():f}): the two directions of a "
                f"pair must agree within {(INVERSE_TOLERANCE * 100).normalize():f}%; keep one"
            )


def _position(where: str) -> int:
    """The number of a ``line N`` / ``row N`` location, for ordering two rows."""
    return int(where.rsplit(" ", 1)[1])
