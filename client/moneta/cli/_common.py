"""Argument types and helpers shared by ``moneta extract`` and ``moneta convert`` (no heavy imports)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path

from moneta.cli import UsageError

__all__ = [
    "currency_code",
    "currency_list",
    "iso_date",
    "plain_decimal",
    "read_text",
    "server_errors",
]

_CODE_RE = re.compile(r"[A-Za-z]{3}")
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def iso_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (an argparse type: a bad value is a usage error, exit code 2)."""
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def currency_code(text: str) -> str:
    """Parse one ISO 4217 code, upper-casing it (``usd`` → ``USD``)."""
    code = text.strip()
    if not _CODE_RE.fullmatch(code):
        raise argparse.ArgumentTypeError(
            f"not an ISO 4217 currency code (three letters such as USD): {text!r}"
        )
    return code.upper()


def currency_list(text: str) -> list[str]:
    """Parse ``USD,GBP`` into ``["USD", "GBP"]`` (spaces allowed around commas)."""
    parts = [p for p in (part.strip() for part in text.split(",")) if p]
    if not parts:
        raise argparse.ArgumentTypeError("give at least one ISO 4217 code, e.g. --to USD,GBP")
    return [currency_code(p) for p in parts]


def plain_decimal(text: str) -> Decimal:
    """Parse an amount such as ``89000000000``, ``12.50`` or ``8.9e10`` exactly (never through float)."""
    if not _DECIMAL_RE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(
            f"not a decimal amount (digits, optional '.', no separators): {text!r}"
        )
    try:
        return Decimal(text.strip())
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise argparse.ArgumentTypeError(f"not a decimal amount: {text!r}") from None


def read_text(source: str) -> str:
    """Read a whole file (``-``: standard input) as UTF-8, without newline translation (offsets stay exact).

    :raises UsageError: missing or unreadable file, or bytes that are not UTF-8.
    """
    name = "standard input" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a directory, not a text file") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8 first"
        ) from None


@contextmanager
def server_errors(target: str) -> Iterator[None]:
    """Turn a failed call to a moneta server into a one-line usage error (exit code 2)."""
    from moneta.client import MonetaError, UnavailableError

    try:
        yield
    except UnavailableError as exc:
        raise UsageError(f"cannot reach a moneta server at {target}: {exc.message}") from None
    except MonetaError as exc:
        raise UsageError(f"server {target}: {exc.message}") from None
