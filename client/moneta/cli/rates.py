"""``moneta rates``: show the rates a source would use on a day; ``moneta rates update``: fetch newer ECB rates.

Usage::

    moneta rates [--rates ecb|live|PATH] [--date YYYY-MM-DD] [--format table|json]
    moneta rates update [--from PATH|URL]

``moneta rates`` prints the source, its first and last dates, and the rates it would use on ``--date`` (default:
its last date). ``moneta rates update`` downloads the ECB's ``eurofxref-hist.zip`` (or reads ``--from``, a local
zip/CSV or an http(s) URL) and stores it in the cache directory (``$MONETA_CACHE_DIR`` or the platform's user
cache dir); the ``ecb`` source uses it from then on. Exit codes: 0 ok, 1 no rates for that date, 2 bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from typing import Any

from moneta.cli import UsageError

__all__ = ["add_parser", "run"]


def _date(text: str) -> dt.date:
    from moneta.cli._common import iso_date  # the messages every command shares (moneta.dates)

    return iso_date(text)


def add_parser(subparsers: Any) -> None:
    """Register ``rates`` (and its ``update`` subcommand) on the root parser's ``subparsers``."""
    parser = subparsers.add_parser(
        "rates",
        help="show the exchange rates a source uses on a day; 'rates update' fetches newer ECB rates",
        description="Show the rates a source would use on a day, and the source's first and last dates.",
    )
    parser.add_argument(
        "--rates", default="ecb", metavar="SRC", help="rate source: ecb (default), live, or a PATH"
    )
    parser.add_argument(
        "--date", type=_date, default=None, help="the day (YYYY-MM-DD; default: the source's last date)"
    )
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--server",
        default=None,
        metavar="HOST:PORT",
        help=argparse.SUPPRESS,  # refused with a reason below instead of argparse's "invalid choice"
    )
    parser.set_defaults(func=run)
    commands = parser.add_subparsers(dest="rates_command", metavar="update", parser_class=type(parser))
    update = commands.add_parser(
        "update",
        help="store a newer ECB rates history in the cache directory",
        description="Download (or read) an ECB eurofxref-hist zip/CSV and store it for the 'ecb' source.",
    )
    update.add_argument(
        "--from", dest="source", default=None, metavar="PATH|URL",
        help="a local eurofxref-hist zip/CSV or an http(s) URL (default, when left out: the ECB's "
        "eurofxref-hist.zip; an empty value is refused)",
    )  # fmt: skip
    update.set_defaults(func=run_update)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def run(args: argparse.Namespace) -> int:
    """List the rates of ``args.rates`` on ``args.date``. Returns 0, or 1 when the source has no rate that day."""
    from moneta_service.rates import RatesError, open_provider

    if args.server is not None:
        raise UsageError(
            "moneta rates reads the rate data of this installation and has no --server mode "
            "(a server's rate coverage is in its ListCurrencies RPC)"
        )
    try:
        provider = open_provider(args.rates)
        described = provider.describe()
        rows, status, message = provider.rates_on(args.date)
    except RatesError as exc:
        raise UsageError(str(exc)) from None
    day = args.date or described.last_date
    if status.value == "source_unavailable":
        # a source that could not be reached has no known last date (live rates describe today as theirs)
        described = dataclasses.replace(described, last_date=None)
        day = args.date
    from moneta.cli._common import output_errors

    with output_errors():
        if args.format == "json":
            document = {
                "source": described.source,
                "first_date": _iso(described.first_date),
                "last_date": _iso(described.last_date),
                "date": _iso(day),
                "status": status.value,
                "message": message,
                "rates": [
                    {
                        "base": row.base,
                        "quote": row.quote,
                        "rate": format(row.rate, "f"),
                        "rate_date": _iso(row.rate_date),
                        "source": row.source,
                    }
                    for row in rows
                ],
            }
            print(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            print(
                f"source: {described.source}  first date: {_iso(described.first_date) or 'unknown'}  "
                f"last date: {_iso(described.last_date) or 'unknown'}"
            )
            print(
                f"date: {_iso(day) or 'unknown'}  status: {status.value}"
                + (f"  ({message})" if message else "")
            )
            if rows:
                print(f"{'base':<5} {'quote':<5} {'rate':>20}  {'rate date':<10}  source")
                for row in rows:
                    print(
                        f"{row.base:<5} {row.quote:<5} {format(row.rate, 'f'):>20}  {_iso(row.rate_date) or '':<10}  {row.source}"
                    )
    if status.value != "ok":
        print(f"moneta: {message}", file=sys.stderr)
        return 1
    return 0


def run_update(args: argparse.Namespace) -> int:
    """Store a newer ECB history (``args.source`` or the ECB's URL) in the cache directory. Returns 0."""
    from moneta_service.rates import RatesError
    from moneta_service.rates.store import update_history

    try:
        history, stored = update_history(args.source)
    except RatesError as exc:
        raise UsageError(str(exc)) from None
    print(
        f"stored ECB reference rates {history.first_date} to {history.last_date} "
        f"({len(history.dates)} publication{'' if len(history.dates) == 1 else 's'}) in {stored}"
    )
    return 0
