"""``moneta extract``: find, normalise and convert the monetary amounts of one text.

Without ``--server`` the engine runs in this process; with ``--server HOST:PORT`` a moneta server does the work.
Both give the same :mod:`moneta.model` objects, printed by the same writers through :mod:`moneta.serialize`, so
the output is byte for byte the same either way.

Formats: ``table`` (for people), ``json`` (one object ``{"mentions": [...]}``, indented), ``jsonl`` (one mention
per line), ``csv`` (one row per mention, four columns per target currency). Exit code 1 when any conversion's
status is not ``ok``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from moneta.cli._common import (
    add_rate_arguments,
    check_iso_codes,
    check_locale_hint,
    check_rates_for_server,
    currency_list,
    iso_date,
    output_errors,
    read_text,
    server_errors,
)
from moneta.cli._operating import add_client_tls_arguments, client_credentials
from moneta.model import ConversionStatus, Mention, OffsetEncoding

__all__ = ["FORMATS", "add_parser", "run", "write_mentions"]

FORMATS = ("table", "json", "jsonl", "csv")


def add_parser(subparsers: Any) -> None:
    """Register ``moneta extract`` and its options."""
    parser = subparsers.add_parser(
        "extract",
        help="find the monetary amounts in a text and convert them",
        description="Find every monetary amount in a text (a file, or - for standard input), normalised and "
        "converted at the ECB reference rates of --date. Exit 0 if all went well, 1 if a conversion "
        "is not ok, 2 for invalid input.",
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE|-", help="UTF-8 text file (default: stdin)"
    )
    parser.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="publication date: the rates' date"
    )
    parser.add_argument(
        "--to",
        type=currency_list,
        default=[],
        metavar="USD,GBP",
        help="ISO 4217 codes to convert every amount into",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument(
        "--server", metavar="HOST:PORT", help="use a moneta server instead of the in-process engine"
    )
    parser.add_argument(
        "--locale",
        metavar="HINT",
        help="BCP-47 locale with a region for ambiguous '$' (en-AU or en_AU; a bare region as und-AU)",
    )
    add_rate_arguments(parser)  # --rates, --rates-fallback
    parser.add_argument(
        "--offsets",
        choices=[e.value for e in OffsetEncoding],
        default=OffsetEncoding.CODE_POINTS.value,
        help="unit of start/end: code_points (default), utf16 or utf8",
    )
    add_client_tls_arguments(parser)  # --tls, --tls-ca, --tls-cert, --tls-key (moneta.cli._operating)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``moneta extract``; return 0, or 1 when a conversion's status is not ``ok``."""
    check_rates_for_server(args.rates, args.server)
    targets: list[str] = args.to
    check_iso_codes(targets, "--to")
    check_locale_hint(args.locale)
    text = read_text(args.file)
    encoding = OffsetEncoding(args.offsets)
    if args.server:
        mentions = _extract_remote(args.server, text, args, targets, encoding)
    else:
        mentions = _extract_local(text, args, targets, encoding)
    with output_errors():
        write_mentions(mentions, targets, args.format, sys.stdout)
    return 1 if any(c.status is not ConversionStatus.OK for m in mentions for c in m.conversions) else 0


def _extract_local(
    text: str, args: argparse.Namespace, targets: list[str], encoding: OffsetEncoding
) -> list[Mention]:
    from moneta_service.pipeline import InvalidInputError, extract_and_convert
    from moneta_service.rates import RatesError, open_provider

    from moneta.cli import UsageError
    from moneta.offsets import convert_offsets

    try:
        wanted = targets or args.rates or args.rates_fallback
        provider = open_provider(args.rates or "ecb", fallback=args.rates_fallback) if wanted else None
        mentions = extract_and_convert(
            text, date=args.date, targets=targets, locale_hint=args.locale, provider=provider
        )
    except (InvalidInputError, RatesError) as exc:
        raise UsageError(str(exc).splitlines()[0]) from None
    return convert_offsets(text, mentions, encoding)


def _extract_remote(
    server: str, text: str, args: argparse.Namespace, targets: list[str], encoding: OffsetEncoding
) -> list[Mention]:
    from moneta.client import MonetaClient

    with server_errors(server), MonetaClient(server, credentials=client_credentials(args)) as client:
        return client.extract(
            text,
            date=args.date,
            targets=targets,
            offset_encoding=encoding,
            locale_hint=args.locale,
            rate_source=args.rates,
            rate_fallback=args.rates_fallback,
        )


# --- writers -------------------------------------------------------------------------------------------------


def write_mentions(mentions: Sequence[Mention], targets: Sequence[str], fmt: str, out: TextIO) -> None:
    """Write ``mentions`` in format ``fmt`` (``table``, ``json``, ``jsonl`` or ``csv``) to ``out``.

    :param targets: the requested target currencies (column order of ``csv`` and ``table``).
    """
    from moneta.serialize import dumps, mention_to_dict, mentions_to_dict

    if fmt == "json":
        out.write(dumps(mentions_to_dict(mentions), indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(dumps(mention_to_dict(mention)) + "\n" for mention in mentions)
    elif fmt == "csv":
        _write_csv(mentions, targets, out)
    else:
        _write_table(mentions, targets, out)


_CSV_COLUMNS = (
    "text",
    "start",
    "end",
    "currency",
    "currency_alternatives",
    "amount",
    "amount_max",
    "qualifier",
    "per_unit",
    "equivalent_of",
    "currency_basis",
)
_CSV_CONVERSION_COLUMNS = ("amount", "rate", "rate_date", "status")


def _write_csv(mentions: Sequence[Mention], targets: Sequence[str], out: TextIO) -> None:
    """One row per mention; for each target ``<CODE>_amount, <CODE>_rate, <CODE>_rate_date, <CODE>_status``."""
    from moneta.serialize import mention_to_dict

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*_CSV_COLUMNS, *(f"{t}_{c}" for t in targets for c in _CSV_CONVERSION_COLUMNS)])
    for mention in mentions:
        row = mention_to_dict(mention)
        cells: list[Any] = [row[c] for c in _CSV_COLUMNS]
        cells[_CSV_COLUMNS.index("currency_alternatives")] = " ".join(row["currency_alternatives"])
        for conversion in row["conversions"]:
            cells += [conversion[c] for c in _CSV_CONVERSION_COLUMNS]
        writer.writerow(["" if c is None else c for c in cells])


def _cell(text: str) -> str:
    """Make one table cell: control characters (newlines, tabs) shown as spaces."""
    return "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in text)


def _write_table(mentions: Sequence[Mention], targets: Sequence[str], out: TextIO) -> None:
    """A plain-text table for people: one row per mention, one column per target, then the rates used."""
    from moneta.serialize import decimal_to_str

    if not mentions:
        out.write("no monetary amounts found\n")
        return
    header = ["#", "TEXT", "START", "END", "CURRENCY", "AMOUNT", "QUALIFIER", *targets]
    rows: list[list[str]] = []
    notes: list[str] = []
    for index, mention in enumerate(mentions):
        amount = decimal_to_str(mention.amount) or ""
        if mention.amount_max is not None:
            amount += f"–{decimal_to_str(mention.amount_max)}"
        row = [
            str(index),
            _cell(mention.text),
            str(mention.start),
            str(mention.end),
            mention.currency or "?",
            amount,
            mention.qualifier.value,
        ]
        for conversion in mention.conversions:
            if conversion.status is ConversionStatus.OK:
                value = decimal_to_str(conversion.amount) or ""
                if conversion.amount_max is not None:
                    value += f"–{decimal_to_str(conversion.amount_max)}"
                row.append(value)
                note = (
                    f"rate: {mention.currency}→{conversion.currency} {decimal_to_str(conversion.rate)} "
                    f"({conversion.source} rate of {conversion.rate_date or 'no date given'}"
                    + (
                        f", for {conversion.requested_date}"
                        if conversion.requested_date != conversion.rate_date
                        else ""
                    )
                    + ")"
                )
            else:
                row.append(conversion.status.value)
                note = f"note: #{index} {conversion.currency}: {conversion.status.value}: {_cell(conversion.message)}"
            if note not in notes:
                notes.append(note)
        rows.append(row)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {0, 2, 3, 5, *range(7, len(header))}
    for r in [header, *rows]:
        cells = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    if notes:
        out.write("\n")
        for note in notes:
            out.write(note + "\n")
