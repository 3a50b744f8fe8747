"""``moneta convert AMOUNT FROM TO``: convert one amount at the reference rate of a date.

AMOUNT is read as a person types it (:func:`moneta.cli._common.parse_amount`, through price-parser): ``1234.50``,
``1,234.50``, ``1.234,50``, ``1 234,50``, ``€1,234.50``, ``12.5m``; a lone ``1,234`` is ambiguous and needs
``--decimal-separator``. Prints the conversion whatever its status (``--format json``: one conversion object, the
shape of :func:`moneta.serialize.conversion_to_dict`); exit code 1 when the status is not ``ok``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NoReturn

from moneta.cli._common import (
    add_rate_arguments,
    check_iso_codes,
    check_rates_for_server,
    currency_code,
    iso_date,
    output_errors,
    parse_amount,
    server_address,
    server_errors,
)
from moneta.cli._operating import (
    add_client_tls_arguments,
    add_timeout_argument,
    check_timeout_needs_server,
    check_tls_needs_server,
    client_credentials,
)
from moneta.model import SAME_CURRENCY_SOURCE, Conversion, ConversionStatus

__all__ = ["add_parser", "format_conversion", "run"]


def add_parser(subparsers: Any) -> None:
    """Register ``moneta convert`` and its options."""
    parser = subparsers.add_parser(
        "convert",
        help="convert one amount between two currencies at a dated reference rate",
        description="Convert AMOUNT (major units of FROM) into TO at the ECB reference rate of --date (or the "
        "latest publication in the 5 days before it). Exit 0 if converted, 1 if not (the status says why), "
        "2 for invalid input.",
    )
    parser.add_argument(
        "amount",
        metavar="AMOUNT",
        help="e.g. 89000000000, 12.50, 1,234.50, 1.234,50, '1 234,50', €1,234.50 or 12.5m",
    )
    parser.add_argument(
        "source", type=currency_code, metavar="FROM", help="ISO 4217 code of AMOUNT, e.g. EUR"
    )
    parser.add_argument(
        "target", type=currency_code, metavar="TO", help="ISO 4217 code to convert into, e.g. USD"
    )
    parser.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="date of the rate (required to convert)"
    )
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--decimal-separator",
        choices=(".", ","),
        default=None,
        metavar="SEP",
        help="'.' or ',': the decimal separator of AMOUNT when it is ambiguous (1,234 with ',' is 1.234)",
    )
    add_rate_arguments(parser)  # --rates, --rates-fallback
    parser.add_argument(
        "--server",
        type=server_address,
        metavar="HOST:PORT",
        help="use a moneta server instead of the in-process engine",
    )
    add_client_tls_arguments(parser)  # --tls, --tls-ca, --tls-cert, --tls-key (moneta.cli._operating)
    add_timeout_argument(parser, "30")
    parser.set_defaults(func=run)
    parser.__class__ = type("ConvertParser", (_NegativeAmountHint, type(parser)), {})


_DASHED_NUMBER = re.compile(r"--?[0-9.][0-9.,]*")


class _NegativeAmountHint(argparse.ArgumentParser):
    """Mixed into the ``convert`` parser: when the arguments hold a dashed number (``--5``, ``-5,0``) that
    argparse took for an option, the error says how to pass a negative amount (``moneta convert -- -5 EUR USD``).
    """

    _seen: Sequence[str] = ()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._seen = list(args) if args is not None else sys.argv[1:]
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        dashed = next((a for a in self._seen if _DASHED_NUMBER.fullmatch(a)), None)
        if dashed is not None:
            amount = "-" + dashed.lstrip("-")
            message = (
                f"{dashed!r} reads as an option; for a negative amount put -- before AMOUNT, after the "
                f"options: moneta convert [--date YYYY-MM-DD] -- {amount} FROM TO"
            )
        super().error(message)


def run(args: argparse.Namespace) -> int:
    """Run ``moneta convert``; return 0 when converted, 1 otherwise.

    :raises UsageError: an unreadable AMOUNT, a rate file given with ``--server``, a bad rate source.
    """
    check_rates_for_server(args.rates, args.server)
    check_tls_needs_server(args, args.server)
    check_timeout_needs_server(args, args.server)
    check_iso_codes([args.source], "FROM")
    check_iso_codes([args.target], "TO")
    args.amount = parse_amount(args.amount, currency=args.source, decimal_separator=args.decimal_separator)
    conversion = _convert_remote(args.server, args) if args.server else _convert_local(args)
    with output_errors():
        if args.format == "json":
            from moneta.serialize import conversion_to_dict, dumps

            sys.stdout.write(dumps(conversion_to_dict(conversion), indent=2) + "\n")
        else:
            sys.stdout.write(format_conversion(args.amount, args.source, conversion) + "\n")
    return 0 if conversion.status is ConversionStatus.OK else 1


def _convert_local(args: argparse.Namespace) -> Conversion:
    from moneta_service.pipeline import InvalidInputError, convert_amount
    from moneta_service.rates import RatesError, open_provider

    from moneta.cli import UsageError

    try:
        provider = open_provider(args.rates or "ecb", fallback=args.rates_fallback)
        return convert_amount(args.amount, args.source, args.target, date=args.date, provider=provider)
    except (InvalidInputError, RatesError) as exc:
        raise UsageError(str(exc).splitlines()[0]) from None


def _convert_remote(server: str, args: argparse.Namespace) -> Conversion:
    from moneta.client import DEFAULT_TIMEOUT, MonetaClient

    timeout = args.timeout if getattr(args, "timeout", None) is not None else DEFAULT_TIMEOUT
    credentials = client_credentials(args)
    with (
        server_errors(
            server, timeout, tls=credentials is not None, client_cert=bool(getattr(args, "tls_cert", None))
        ),
        MonetaClient(server, credentials=credentials, timeout=timeout) as client,
    ):
        return client.convert(
            args.amount,
            args.source,
            args.target,
            date=args.date,
            rate_source=args.rates,
            rate_fallback=args.rates_fallback,
        )


def format_conversion(amount: Decimal, source: str, conversion: Conversion) -> str:
    """Return the ``table`` text of one conversion: the result line, then the rate (or the status) line.

    >>> import datetime as dt
    >>> c = Conversion("USD", Decimal("107.14"), Decimal("107.1400"), Decimal("1.0714"), dt.date(2024, 4, 27),
    ...                dt.date(2024, 4, 26), "ecb", ("EUR", "USD"), ConversionStatus.OK)
    >>> print(format_conversion(Decimal("100"), "EUR", c))
    100 EUR = 107.14 USD
    rate: 1.0714 USD per EUR, ecb reference rate of 2024-04-26 (requested 2024-04-27), path EUR→USD
    """
    from moneta.serialize import decimal_to_str

    if conversion.status is not ConversionStatus.OK:
        head = f"{decimal_to_str(amount)} {source} → {conversion.currency}: not converted"
        return f"{head}\nstatus: {conversion.status.value}: {conversion.message}"
    line = f"{decimal_to_str(amount)} {source} = {decimal_to_str(conversion.amount)} {conversion.currency}"
    if conversion.source == SAME_CURRENCY_SOURCE:  # rate 1 by definition: no source, no publication to name
        return (
            f"{line}\nrate: 1 {conversion.currency} per {source}, the same currency (no rate source needed)"
        )
    rate = f"rate: {decimal_to_str(conversion.rate)} {conversion.currency} per {source}, " + (
        f"{conversion.source} reference rate of {conversion.rate_date}"
        if conversion.rate_date is not None
        else f"{conversion.source} rate"
    )
    if conversion.requested_date != conversion.rate_date:
        rate += f" (requested {conversion.requested_date})"
    if conversion.path:
        rate += f", path {'→'.join(conversion.path)}"
    if conversion.message:
        rate += f"\nnote: {conversion.message}"
    return f"{line}\n{rate}"
