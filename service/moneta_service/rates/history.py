"""The ECB euro foreign exchange reference rates history (``eurofxref-hist``), indexed once and parsed lazily.

Format (ECB, https://www.ecb.europa.eu/stats/eurofxref/): a CSV whose header is ``Date,USD,JPY,...`` and whose
rows are ``2024-04-26,1.0714,168.08,...`` (units of the currency per 1 EUR; ``N/A`` or empty where the ECB did not
quote it that day), newest first, optionally zipped (``eurofxref-hist.zip``). The one-day file
(``eurofxref.csv``: ``30 October 2026, 1.1172, ...``) is read too.

Loading indexes the raw lines by date only (no number is parsed), so it costs a few tens of milliseconds; the
quotes of a date are parsed into :class:`~decimal.Decimal` on first use and cached.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import threading
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from moneta_service.rates.base import LOOKBACK_DAYS, RatesError

__all__ = ["EcbHistory", "load_history", "parse_history"]

_MISSING = {"", "N/A", "NA", "-"}


def _parse_date(text: str) -> dt.date:
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return dt.datetime.strptime(text, "%d %B %Y").date()


class EcbHistory:
    """Daily ECB reference rates (units of currency per 1 EUR) by publication date.

    :param columns: the currency codes of the CSV header, in order.
    :param lines: publication date -> the raw CSV line of that date.
    :param origin: where the data came from (a path), for messages.
    """

    def __init__(self, columns: list[str], lines: dict[dt.date, str], origin: str) -> None:
        if not lines:
            raise RatesError(f"{origin}: no dated rows")
        self.columns = columns
        self.origin = origin
        self._lines = lines
        self.dates: list[dt.date] = sorted(lines)
        self._parsed: dict[dt.date, dict[str, Decimal]] = {}
        self._coverage: dict[str, tuple[dt.date, dt.date]] | None = None
        self._periods: dict[str, tuple[tuple[dt.date, dt.date], ...]] | None = None
        self._lock = threading.Lock()

    @property
    def first_date(self) -> dt.date:
        """The first publication date in the data."""
        return self.dates[0]

    @property
    def last_date(self) -> dt.date:
        """The last publication date in the data."""
        return self.dates[-1]

    def covers(self, date: dt.date) -> bool:
        """Return whether ``date`` is within the data: on or before its last publication, or a Saturday or
        Sunday right after it (the ECB publishes on TARGET working days only, so no later publication can
        exist for that weekend)."""
        if date <= self.last_date:
            return True
        gap = (date - self.last_date).days
        return gap <= 2 and all(
            (self.last_date + dt.timedelta(days=offset)).weekday() >= 5 for offset in range(1, gap + 1)
        )

    def publication_for(self, date: dt.date) -> dt.date | None:
        """Return the publication date on ``date`` or the latest in the 5 calendar days before it, else ``None``."""
        index = bisect.bisect_right(self.dates, date)
        if index == 0:
            return None
        found = self.dates[index - 1]
        return found if (date - found).days <= LOOKBACK_DAYS else None

    def quotes(self, date: dt.date) -> dict[str, Decimal]:
        """Return the rates published on ``date`` (a publication date): code -> units per 1 EUR.

        Currencies not quoted that day are absent. :raise KeyError: no publication on ``date``.
        """
        parsed = self._parsed.get(date)
        if parsed is not None:
            return parsed
        line = self._lines[date]
        values = line.split(",")[1:]
        result: dict[str, Decimal] = {}
        for code, raw in zip(self.columns, values, strict=False):
            text = raw.strip()
            if text in _MISSING or not code:
                continue
            try:
                if "_" in text:  # (Python's Decimal reads "1_2" as 12)
                    raise InvalidOperation
                rate = Decimal(text)
            except InvalidOperation:
                raise RatesError(f"{self.origin}: bad rate {text[:40]!r} for {code} on {date}") from None
            if not rate.is_finite() or rate <= 0:
                raise RatesError(f"{self.origin}: bad rate {text!r} for {code} on {date}")
            if not _RATE_FLOOR <= rate <= _RATE_CEILING:
                raise RatesError(
                    f"{self.origin}: rate {text!r} for {code} on {date} is outside {_RATE_FLOOR}-{_RATE_CEILING}"
                    " units per euro (no currency the ECB quotes comes near either bound)"
                )
            if len(rate.as_tuple().digits) > MAX_RATE_DIGITS:
                raise RatesError(
                    f"{self.origin}: rate {text!r} for {code} on {date} has more than {MAX_RATE_DIGITS} "
                    "significant digits (the decimal arithmetic of conversions keeps 38)"
                )
            result[code] = rate
        with self._lock:
            self._parsed[date] = result
        return result

    def merged_onto(self, older: EcbHistory) -> str:
        """Return the ECB CSV text of ``older``'s publications before this history's first date followed by
        this history's own (the union of both headers' currencies): a daily or 90-day ECB file added to the
        history in use, instead of replacing it."""
        columns = [c for c in older.columns if c] + [c for c in self.columns if c and c not in older.columns]
        out = ["Date," + ",".join(columns)]
        for source, dates in (
            (older, [d for d in older.dates if d < self.first_date]),
            (self, self.dates),
        ):
            index = {code: i for i, code in enumerate(source.columns)}
            for date in dates:
                values = source._lines[date].split(",")[1:]
                cells = [
                    values[index[c]].strip() if c in index and index[c] < len(values) else "" for c in columns
                ]
                out.append(date.isoformat() + "," + ",".join(cells))
        return "\n".join(out) + "\n"

    def validate(self) -> None:
        """Parse every rate of every date (for files given by a user or downloaded).

        :raise RatesError: a rate is not a positive decimal number (naming the currency and date).
        """
        for date in self.dates:
            self.quotes(date)

    def validate_publications(self) -> None:
        """Check the rows of a file given to ``rates update`` the way the ECB writes them: a publication on a
        business day (never a Saturday or Sunday), one rate or ``N/A`` under every currency of the header, and
        at least one rate (the ECB never publishes a day without one).

        :raise RatesError: naming the date and what is wrong.
        """
        named = [index for index, code in enumerate(self.columns) if code]
        if not named:
            raise RatesError(f"{self.origin}: the header names no currency")
        for date in self.dates:
            if date.weekday() >= 5:
                raise RatesError(
                    f"{self.origin}: a row for {date}, a {date:%A}: the ECB publishes on business days only"
                )
            values = self._lines[date].split(",")[1:]
            cells = [values[index].strip() if index < len(values) else None for index in named]
            if any(cell is None or cell == "" for cell in cells):
                raise RatesError(
                    f"{self.origin}: the row for {date} has an empty or missing rate (the ECB writes N/A for a "
                    "currency it does not quote)"
                )
            if all(cell in _MISSING for cell in cells):
                raise RatesError(f"{self.origin}: the row for {date} has no rate at all")

    def coverage(self) -> dict[str, tuple[dt.date, dt.date]]:
        """Per currency code: the first and last publication date quoting it (scans the data once, cached)."""
        if self._coverage is not None:
            return self._coverage
        spans: dict[str, tuple[dt.date, dt.date]] = {}
        for date in self.dates:
            values = self._lines[date].split(",")[1:]
            for code, raw in zip(self.columns, values, strict=False):
                if not code or raw.strip() in _MISSING:
                    continue
                first_last = spans.get(code)
                spans[code] = (date, date) if first_last is None else (first_last[0], date)
        self._coverage = spans
        return spans

    def periods(self) -> dict[str, tuple[tuple[dt.date, dt.date], ...]]:
        """Per currency code: the periods in which every publication quotes it, as ``(first, last)`` publication
        dates in date order (scans the data once, cached). A currency the ECB stopped quoting for a while has
        more than one: ISK ``(1999-01-04, 2008-12-09)`` and ``(2018-02-01, …)``; most have one, equal to
        :meth:`coverage`'s span."""
        if self._periods is not None:
            return self._periods
        runs: dict[str, list[tuple[dt.date, dt.date]]] = {}
        last_quoted: dict[str, dt.date] = {}  # the publication of each code's run so far
        previous: dt.date | None = None
        for date in self.dates:
            values = self._lines[date].split(",")[1:]
            for code, raw in zip(self.columns, values, strict=False):
                if not code or raw.strip() in _MISSING:
                    continue
                code_runs = runs.setdefault(code, [])
                if code_runs and last_quoted.get(code) == previous:  # quoted in the publication before too
                    code_runs[-1] = (code_runs[-1][0], date)
                else:
                    code_runs.append((date, date))
                last_quoted[code] = date
            previous = date
        self._periods = {code: tuple(found) for code, found in runs.items()}
        return self._periods


#: The widest rates a reference-rate file may hold, units per 1 EUR: the ECB's quotes run from about 0.3 (KWD
#: in other sources; GBP 0.8) to about 20,000 (IDR, and ISK, KRW below it), so anything outside 10^-6-10^9 is a
#: corrupt file, not a currency (and would make conversions overflow 38-digit decimal arithmetic).
_RATE_FLOOR: Final[Decimal] = Decimal("0.000001")
_RATE_CEILING: Final[Decimal] = Decimal(1_000_000_000)


#: The largest CSV a rates zip may hold, in bytes (the ECB's full history unzips to about 2 MB).
MAX_UNZIPPED_BYTES: Final[int] = 64 * 1024 * 1024
#: The most significant digits a stored rate may have: conversions compute in 38-digit decimal arithmetic
#: (``moneta_service.money.MONEY_CONTEXT``), so a longer rate would be silently rounded.
MAX_RATE_DIGITS: Final[int] = 38


def parse_history(text: str, origin: str) -> EcbHistory:
    """Index ECB CSV ``text`` (header ``Date,USD,...``) by date.

    :raise RatesError: the text is not in the ECB format (one line naming ``origin``): a bad header or date, two
        different rows for one date (identical repeats are accepted), or a row with more rates than the header
        names currencies.
    """
    rows = text.splitlines()
    if not rows:
        raise RatesError(f"{origin}: empty file")
    header = [cell.strip() for cell in rows[0].split(",")]
    if header[0].lstrip("\ufeff") != "Date":
        raise RatesError(f"{origin}: not an ECB eurofxref file (the header must start with 'Date')")
    columns = header[1:]
    for index, code in enumerate(columns):
        if code and not (len(code) == 3 and code.isalpha() and code.isupper()):
            raise RatesError(f"{origin}: bad currency column {code[:20]!r} in the header")
        if code and code in columns[:index]:
            raise RatesError(f"{origin}: currency column {code} appears twice in the header")
    lines: dict[dt.date, str] = {}
    line_of: dict[dt.date, int] = {}
    for number, line in enumerate(rows[1:], start=2):
        if not line.strip():
            continue
        head = line.split(",", 1)[0]
        try:
            date = _parse_date(head)
        except ValueError:
            raise RatesError(f"{origin}: line {number}: bad date {head[:40]!r}") from None
        known = lines.get(date)
        if known is not None and known.rstrip(", ") != line.rstrip(", "):
            # two publications for one day: which is right cannot be told (a repeated identical line is harmless)
            raise RatesError(
                f"{origin}: line {number}: a second row for {date} with other rates than line {line_of[date]}: "
                "keep one"
            )
        if known is None:
            lines[date], line_of[date] = line, number
        values = line.split(",")[1:]
        if any(
            cell.strip() and (index >= len(columns) or not columns[index])
            for index, cell in enumerate(values)
        ):
            raise RatesError(
                f"{origin}: line {number}: {len(values)} rates but the header names {sum(map(bool, columns))} "
                "currencies "
                "(a decimal comma? the ECB format writes 1.0842)"
            )
    return EcbHistory(columns, lines, origin)


def read_history_bytes(data: bytes, origin: str) -> EcbHistory:
    """Parse an ECB history given as the bytes of a zip (``eurofxref-hist.zip``) or of a CSV file."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = [name for name in archive.namelist() if name.lower().endswith(".csv")]
                if not names:
                    raise RatesError(f"{origin}: the zip holds no CSV file")
                if len(names) > 1:
                    raise RatesError(f"{origin}: the zip holds {len(names)} CSV files; an ECB zip holds one")
                if archive.getinfo(names[0]).file_size > MAX_UNZIPPED_BYTES:
                    # (read before unzipping: a zip bomb would fill memory)
                    raise RatesError(f"{origin}: the CSV in the zip is larger than any ECB rates file")
                data = archive.read(names[0])
        except zipfile.BadZipFile as exc:
            raise RatesError(f"{origin}: not a readable zip file ({exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RatesError(f"{origin}: not UTF-8 text") from None
    return parse_history(text, origin)


_CACHE: dict[tuple[str, int, int], EcbHistory] = {}
_CACHE_LOCK = threading.Lock()


def load_history(path: Path) -> EcbHistory:
    """Load (once per file version: path, size and modification time) an ECB history zip or CSV.

    :raise RatesError: the file cannot be read or is not in the ECB format.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise RatesError(f"{path}: cannot read ({exc.strerror})") from None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RatesError(f"{path}: cannot read ({exc.strerror})") from None
        history = read_history_bytes(data, str(path))
        _CACHE[key] = history
        return history
