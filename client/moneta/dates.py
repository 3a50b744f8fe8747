"""One reading of an ISO 8601 calendar date (``YYYY-MM-DD``) for every command and the Python client.

Two kinds of bad date, each with one message wherever it is given (``--date``, ``--default-date``, the
client's ``date=``, a batch row's date cell):

* malformed: ``not a date in the form YYYY-MM-DD: '24-2-3'``;
* well-formed but impossible: ``no such date: 2024-02-30 (day is out of range for month)``.
"""

from __future__ import annotations

import datetime as dt
import re

from moneta._quoting import quoted

__all__ = ["DATE_FORM", "parse_iso_date"]

#: The form of a date: four-digit year, two-digit month and day (ISO 8601 calendar date, extended format).
DATE_FORM = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_iso_date(text: str) -> dt.date:
    """Return the date written ``YYYY-MM-DD`` in ``text`` (spaces around it are ignored).

    >>> parse_iso_date("2024-02-29")
    datetime.date(2024, 2, 29)

    :raises ValueError: ``not a date in the form YYYY-MM-DD: '...'`` when ``text`` is not in that form;
        ``no such date: 2024-02-30 (day is out of range for month)`` when it is but names no day of the
        (proleptic Gregorian) calendar.
    """
    stripped = text.strip()
    found = DATE_FORM.fullmatch(stripped)
    if found is None:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {quoted(text)}")
    year, month, day = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"no such date: {stripped} ({exc})") from None
