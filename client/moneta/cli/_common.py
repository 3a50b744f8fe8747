"""Argument types and helpers shared by ``moneta extract`` and ``moneta convert`` (no heavy imports)."""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import errno
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO, Final

from moneta._quoting import quoted
from moneta.cli import UsageError

__all__ = [
    "RATE_FALLBACKS",
    "add_rate_arguments",
    "check_iso_codes",
    "check_locale_hint",
    "check_rates_for_server",
    "code_list_problem",
    "currency_code",
    "currency_list",
    "iso_date",
    "output_errors",
    "parse_amount",
    "plain_decimal",
    "read_text",
    "read_text_chunks",
    "server_address",
    "server_addresses",
    "server_errors",
]

_CODE_RE = re.compile(r"[A-Za-z]{3}")
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def iso_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (an argparse type: a bad value is a usage error, exit code 2).

    The messages are :func:`moneta.dates.parse_iso_date`'s, shared by every command and the Python client.
    """
    from moneta.dates import parse_iso_date

    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def currency_code(text: str) -> str:
    """Parse one ISO 4217 code, upper-casing it (``usd`` → ``USD``)."""
    code = text.strip()
    if not _CODE_RE.fullmatch(code):
        raise argparse.ArgumentTypeError(
            f"not an ISO 4217 currency code (three letters such as USD): {text!r}"
        )
    return code.upper()


def check_iso_codes(codes: Sequence[str], flag: str) -> None:
    """Refuse codes that are not ISO 4217 (current List One or historic List Three, as the server knows them).

    ``ZZZ`` is a usage error (exit 2); a real code the rate source does not quote (``NGN``) is not: it gives a
    conversion whose status is ``currency_not_quoted`` (exit 1). A code given twice (``--to USD,usd``) is a
    usage error too: it would give two identical conversions and two columns of the same name in ``csv`` and
    ``table`` output. Source: :mod:`moneta_service.data.iso4217` (generated from the ISO 4217 lists); a plain
    dict module, cheap to import, no engine and no rate data.

    :raises UsageError: naming the first code that is not ISO 4217, or the first code given twice.
    """
    from moneta_service.data.iso4217 import CURRENT, HISTORIC

    seen: set[str] = set()
    for code in codes:
        upper = code.upper()
        if upper not in CURRENT and upper not in HISTORIC:
            raise UsageError(f"{flag}: {code!r} is not an ISO 4217 currency code (e.g. USD, EUR, GBP)")
        if upper in seen:
            raise UsageError(f"{flag}: {upper!r} is given more than once; give each ISO 4217 code once")
        seen.add(upper)


def check_locale_hint(hint: str | None, flag: str = "--locale") -> None:
    """Refuse a locale hint CLDR does not know (the server's rule: :func:`moneta._codec.locale_hint_problem`).

    ``None`` (the flag not given) passes; an empty or blank hint (``--locale ""``) is refused rather than
    read as no hint.

    :raises UsageError: ``--locale: 'xx-YY' is not a locale CLDR knows...`` (exit 2).
    """
    if hint is None:
        return
    if not hint.strip():
        raise UsageError(
            f"{flag}: empty; give a BCP-47 locale with a region such as en-AU, or leave {flag} out"
        )
    from moneta._codec import locale_hint_problem

    problem = locale_hint_problem(hint)
    if problem is not None:
        raise UsageError(f"{flag}: {problem}")


def code_list_problem(text: str) -> str | None:
    """Why ``text`` is not a list of codes separated by single commas (``USD,GBP``), or ``None`` when it is one.

    Empty (``""``) and an empty code anywhere (``"USD,"``, ``",USD"``, ``"USD,,GBP"``: a typo, never read as
    fewer codes) are refused; the codes themselves are checked elsewhere.

    >>> code_list_problem("USD, gbp") is None, code_list_problem("USD,,GBP")
    (True, "an empty code in 'USD,,GBP': give ISO 4217 codes separated by single commas, e.g. --to USD,GBP")
    """
    if not text.strip():
        return "give at least one ISO 4217 code, e.g. --to USD,GBP"
    if any(not part.strip() for part in text.split(",")):
        return f"an empty code in {text!r}: give ISO 4217 codes separated by single commas, e.g. --to USD,GBP"
    return None


def currency_list(text: str) -> list[str]:
    """Parse ``USD,GBP`` into ``["USD", "GBP"]`` (spaces allowed around commas; an argparse type).

    :raises argparse.ArgumentTypeError: empty, an empty code (``USD,``, ``,USD``, ``USD,,GBP``), or a code that
        is not three letters (usage error, exit 2).
    """
    problem = code_list_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return [currency_code(part.strip()) for part in text.split(",")]


#: gRPC target schemes (``dns:///moneta:50051``, ``ipv4:...``, ``unix:/path``): passed to gRPC as they are.
_TARGET_SCHEMES = ("dns:", "ipv4:", "ipv6:", "unix:", "unix-abstract:", "vsock:", "xds:")


def _check_address(text: str) -> str:
    """Check one server address ``HOST:PORT`` (``[::1]:50051`` for IPv6) and return it stripped.

    The port is a TCP port from 1 to 65535. A gRPC target with a scheme (``dns:///moneta:50051``) is returned
    as it is: gRPC resolves it.

    :raises argparse.ArgumentTypeError: no host, no port, or a port that is not 1-65535.
    """
    address = text.strip()
    scheme, _, rest = address.partition(":")
    if f"{scheme}:" in _TARGET_SCHEMES and not rest.isdigit():  # dns:///name:50051, not a host "dns" port 1
        return address
    if address.startswith("["):
        host, sep, port = address[1:].partition("]:")
    else:
        host, sep, port = address.rpartition(":")
    if not address or not sep or not host:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT (e.g. 127.0.0.1:50051), got {text!r}")
    if not (port.isascii() and port.isdigit()) or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"the port of {text!r} is not a TCP port (1 to 65535)")
    return address


def server_address(text: str) -> str:
    """Parse the one ``--server HOST:PORT`` of ``moneta extract`` and ``moneta convert`` (an argparse type; see
    :func:`_check_address`): a bad address is exit 2.

    Several comma-separated addresses (``h:1,h:2``) are refused here, with a hint: only ``moneta batch`` takes
    several; a gRPC target with a scheme (``dns:///name:50051``, ``ipv4:10.0.0.5:1,10.0.0.6:1``) is one target
    and passes.

    :raises argparse.ArgumentTypeError: not one address, no host, no port, or a port that is not 1-65535.
    """
    scheme = text.strip().partition(":")[0]
    if "," in text and f"{scheme}:" not in _TARGET_SCHEMES:
        raise argparse.ArgumentTypeError(
            f"takes one HOST:PORT, got {text!r}; for several servers give a gRPC target such as "
            "dns:///NAME:PORT, or load with moneta batch --server HOST:PORT,HOST:PORT"
        )
    return _check_address(text)


def server_addresses(text: str) -> str:
    """Parse one ``--server`` value of ``moneta batch``: comma-separated addresses (each as :func:`server_address`).

    :return: the addresses, checked, joined by commas.
    """
    addresses = [_check_address(part) for part in text.split(",") if part.strip()]
    if not addresses:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT (e.g. 127.0.0.1:50051), got {text!r}")
    return ",".join(addresses)


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


# --- amounts as people type them (moneta convert AMOUNT) ---------------------------------------------------

#: Characters people put between digit groups: comma, dot, apostrophe (Swiss ``1'234.50``), right single
#: quotation mark, space, no-break space (U+00A0), thin space (U+2009), narrow no-break space (U+202F, French).
_GROUPING = ",.'\u2019 \u00a0\u2009\u202f"
_SIGNS = "+\\-\u2212"  # a character class: plus, hyphen-minus, U+2212 MINUS SIGN
_AMOUNT_RE = re.compile(
    rf"(?P<sign>[{_SIGNS}])?[ \u00a0]*"
    rf"(?P<prefix>[^\d\s{_SIGNS}.,'\u2019]+)?[ \u00a0]*"
    rf"(?P<sign2>[{_SIGNS}])?[ \u00a0]*"
    rf"(?P<number>[0-9](?:[0-9{_GROUPING}]*[0-9])?)"
    r"(?P<tail>.*)",
    re.DOTALL,
)
_GROUP_SPLIT_RE = re.compile(f"[{_GROUPING}]")
_EXPONENT_RE = re.compile(r"[eE][+-]?[0-9]+")
_MAX_AMOUNT_CHARS = 100


def _amount_error(text: str, why: str) -> UsageError:
    return UsageError(f"not a decimal amount: {quoted(text)}: {why}")


def _scale_exponent(word: str) -> int | None:
    """The power of ten of a scale word or letter (``m`` → 6, ``bn`` → 9, ``million`` → 6), else ``None``.

    Source: the engine's scale tables (:mod:`moneta_service.data.curated`: ``SCALE_LETTERS`` are case-sensitive,
    ``SCALE_WORDS`` lower-case), so ``moneta convert 12.5m`` reads ``m`` as the engine reads ``€12.5m``.
    """
    from moneta_service.data.curated import SCALE_LETTERS, SCALE_WORDS

    return SCALE_LETTERS.get(word, SCALE_WORDS.get(word.lower()))


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit()).lstrip("0")


def _check_layout(text: str, number: str, amount: Decimal, decimal_separator: str | None) -> Decimal:
    """Check price-parser's reading of ``number`` against its layout; return the amount (maybe re-read).

    Every digit typed must be in the amount; the decimal separator (``.`` or ``,``) must come after every
    group separator; digit groups after the first have 3 digits (or 2, then 3: Indian ``12,34,567``). A lone
    ``.``/``,`` followed by exactly three digits (``1,234``) is ambiguous without ``--decimal-separator``.
    """
    exponent = amount.as_tuple().exponent
    fraction = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if _digits(number) != _digits(format(amount, "f")):
        raise _amount_error(text, "the digits do not read as one number")
    integer = number
    if fraction:
        separator = number[-(fraction + 1)]
        if separator not in ".," or not number[-fraction:].isdigit():
            raise _amount_error(text, "bad decimal part")
        if decimal_separator is not None and separator != decimal_separator:
            raise _amount_error(text, f"the decimal separator is {decimal_separator!r}, not {separator!r}")
        integer = number[: -(fraction + 1)]
    groups = _GROUP_SPLIT_RE.split(integer)
    if len(groups) == 1:
        return amount
    separators = {ch for ch in integer if not ch.isdigit()}
    spaces = set(" \u00a0\u2009\u202f")
    if len(separators - spaces) > 1 or (separators & spaces and separators - spaces):
        raise _amount_error(text, "mixed digit group separators")
    if fraction and number[-(fraction + 1)] in separators:
        raise _amount_error(text, "the same character separates digit groups and decimals")
    first, sizes = len(groups[0]), [len(group) for group in groups[1:]]
    western = 1 <= first <= 3 and all(size == 3 for size in sizes)
    indian = 1 <= first <= 2 and sizes[-1] == 3 and all(size == 2 for size in sizes[:-1])
    if not (western or indian):
        raise _amount_error(text, "digit groups after the first must have 3 digits (1,234,567)")
    lone = len(groups) == 2 and not fraction and next(iter(separators)) in ".,"
    if lone and decimal_separator is None:
        mark = next(iter(separators))
        if groups[0].strip("0") == "":  # 0.001, 0,500: cannot be digit grouping
            return Decimal(f"{groups[0]}.{groups[1]}")
        raise _amount_error(
            text,
            f"ambiguous: is {mark!r} a thousands separator or the decimal separator? write "
            f"{groups[0]}{groups[1]} or {groups[0]}.{groups[1]}, or give --decimal-separator",
        )
    return amount


def parse_amount(text: str, *, currency: str | None = None, decimal_separator: str | None = None) -> Decimal:
    """Read an amount as a person types it into :class:`~decimal.Decimal` (major units), never through float.

    Accepted: a plain decimal (``89000000000``, ``-12.50``, ``8.9e10``: the fast path, ``.`` is the decimal
    point); digit grouping and decimal comma in the common national layouts (``1,234.50``, ``1.234,50``,
    ``1 234,50`` with spaces or no-break spaces, Swiss ``1'234.50``, Indian ``12,34,567``), read by
    `price-parser <https://github.com/scrapinghub/price-parser>`_ (``Price.fromstring``, Decimal amounts; the
    last of ``.``/``,`` followed by 1, 2 or 4+ digits is the decimal separator) and then checked digit for digit;
    a scale word or letter after the number (``12.5m``, ``3 bn``, ``2 million``: the engine's scale tables); a
    currency symbol or code before or after it (``€1,234.50``, ``1 234,50 EUR``), which must belong to
    ``currency`` (the command's FROM) when given.

    :param text: the token as typed.
    :param currency: the ISO 4217 code the amount is in; a symbol or code in ``text`` must name it.
    :param decimal_separator: ``"."`` or ``","`` to say which one is the decimal separator (resolves ``1,234``).
    :return: the exact amount, e.g. ``Decimal("1234.50")`` for ``"€1,234.50"``; ``Decimal("12.5E+6")`` for
        ``"12.5m"``.
    :raises UsageError: anything else (garbage, ``12abc``, two numbers, mixed or misplaced separators, an
        ambiguous lone separator such as ``1,234``, a symbol of another currency), with one line saying why.
    """
    stripped = text.strip()
    if not stripped:
        raise _amount_error(text, "give digits such as 1234.50")
    if len(stripped) > _MAX_AMOUNT_CHARS:
        raise _amount_error(text, f"longer than {_MAX_AMOUNT_CHARS} characters")
    if "_" in stripped:  # Python's 5_000 is no amount people write, and no currency symbol has an underscore
        raise _amount_error(
            text, "'_' does not separate digit groups in an amount: write 5000, 5,000 or 5 000"
        )
    if decimal_separator in (None, ".") and _DECIMAL_RE.fullmatch(stripped):
        try:
            plain = Decimal(stripped)
        except (
            InvalidOperation
        ):  # an exponent beyond what decimal can hold at all ("1e-99999999999999999999")
            from moneta._codec import MAX_DECIMAL_EXPONENT

            raise _amount_error(text, f"the exponent is beyond ±{MAX_DECIMAL_EXPONENT}") from None
        exponent = plain.as_tuple().exponent
        assert isinstance(exponent, int)  # finite by the pattern
        if abs(exponent) > 100 or abs(plain.adjusted()) > 100:  # rare: only then load the wire's bound
            from moneta._codec import MAX_DECIMAL_EXPONENT

            if abs(exponent) > MAX_DECIMAL_EXPONENT or abs(plain.adjusted()) > MAX_DECIMAL_EXPONENT:
                # the bound of the wire (moneta._codec): "1e-999999" would print a megabyte of zeros
                raise _amount_error(text, f"the exponent is beyond ±{MAX_DECIMAL_EXPONENT}")
        return plain
    match = _AMOUNT_RE.fullmatch(stripped)
    if match is None:
        raise _amount_error(text, "give digits such as 1234.50, 1,234.50, 1.234,50 or 12.5m")
    if match["sign"] and match["sign2"]:
        raise _amount_error(text, "two signs")
    words = match["tail"].split()
    exponent = 0
    if words and (scale := _scale_exponent(words[0])) is not None:
        exponent = scale
        words = words[1:]
    if words and _EXPONENT_RE.fullmatch(words[0]) and (match["prefix"] or len(words) > 1):
        # "€1e4", "1e4 EUR": an exponent is the plain-decimal form (1e4, the fast path above), not one people write
        # beside a currency sign (nor one the engine reads in a text)
        raise _amount_error(
            text,
            f"an exponent ({words[0]!r}) cannot be used with a currency symbol or code: write "
            f"{match['number']}{words[0]} alone, or the digits in full with the symbol or code",
        )
    markers = [m for m in (match["prefix"], " ".join(words)) if m]
    if len(markers) > 1 or len(words) > 1:
        raise _amount_error(text, "give one number with at most one currency symbol or code")
    if markers:
        _check_marker(text, markers[0], currency)
    from price_parser import Price

    number = match["number"]
    price = Price.fromstring(number, decimal_separator=decimal_separator)
    if price.amount is None or price.amount_text is None:
        raise _amount_error(text, "give digits such as 1234.50")
    amount = _check_layout(text, number, price.amount, decimal_separator)
    if exponent:
        amount = Decimal(format(amount.scaleb(exponent), "f"))  # 12.5m -> 12500000, not 1.25E+7
    return -amount if (match["sign"] or match["sign2"] or "+") in "-\u2212" else amount


def _check_marker(text: str, marker: str, currency: str | None) -> None:
    """Accept a currency marker typed with the amount only if it names ``currency``: the ISO 4217 code itself,
    a symbol the engine recognises for it (CLDR via Babel, plus curated forms), or forex-python's symbol for it
    (``CurrencyCodes.get_symbol``: ``$`` for CAD too, as Canadians write it)."""
    if currency is None or marker.upper() == currency:
        return
    if marker.isascii() and marker.isalpha() and len(marker) == 3:
        from moneta_service.data.iso4217 import CURRENT, HISTORIC

        code = marker.upper()
        if code in CURRENT or code in HISTORIC:
            raise _amount_error(text, f"the amount says {code}, but FROM is {currency}")
        raise _amount_error(text, f"{marker!r} is not an ISO 4217 code or a currency symbol")
    from moneta_service.extract import currency_catalog

    symbols = {symbol for code, _name, forms in currency_catalog() if code == currency for symbol in forms}
    if marker in symbols:
        return
    from forex_python.converter import CurrencyCodes

    if CurrencyCodes().get_symbol(currency) == marker:
        return
    raise _amount_error(text, f"{marker!r} is not a symbol of {currency}")


# --- rate sources (--rates, --rates-fallback) ---------------------------------------------------------------

#: The rate sources a fallback may name (``--rates-fallback``): only the embedded ECB rates.
RATE_FALLBACKS = ("ecb",)

#: File name endings that mark a ``--rates`` value as a path (FX tables, ECB history files).
_RATE_FILE_SUFFIXES = (".csv", ".parquet", ".pq", ".zip", ".gz")


def add_rate_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--rates SRC`` (default: ``ecb``; with ``--server``: the server's default) and ``--rates-fallback``."""
    parser.add_argument(
        "--rates",
        metavar="SRC",
        default=None,
        help="rate source: ecb (default), live, or the path of a CSV/Parquet FX table or an ECB "
        "eurofxref-hist zip/CSV (with --server: the name of a source the server serves)",
    )
    parser.add_argument(
        "--rates-fallback",
        choices=RATE_FALLBACKS,
        default=None,
        help="fall back to these rates when --rates is unavailable (live rates without a network)",
    )


def check_rates_for_server(rates: str | None, server: str | None, flag: str = "--rates") -> None:
    """Refuse a client-side file as the rate source of a server call: a server serves only the sources it was
    started with (``moneta serve --rates``/``--table NAME=PATH``), and a request can only name them.

    A value is a path when it contains a path separator, ends in a rate-file suffix (``.csv``, ``.parquet``,
    ``.zip``...) or names an existing file.

    :raises UsageError: ``rates`` is a path and ``server`` is set (the message says whether the file exists).
    """
    if not server or not rates or rates in ("ecb", "live"):
        return
    looks_like_path = (
        "/" in rates
        or "\\" in rates
        or rates.lower().endswith(_RATE_FILE_SUFFIXES)
        or Path(rates).expanduser().is_file()
    )
    if looks_like_path:
        path = Path(rates).expanduser()
        if path.is_file() and os.access(path, os.R_OK):
            what = "is a file, but"
        elif path.exists():  # a directory, or a file this user cannot read
            what = "is a path that cannot be read as a file, and in any case"
        else:
            what = "does not exist (no such file), and in any case"
        raise UsageError(
            f"{flag} {rates!r} {what} --server uses the server's rate sources: give a source name "
            "(ecb, live, or a table the server was started with: moneta serve --table NAME=PATH)"
        )


def check_encoding(encoding: str) -> str:
    """Return the codec name Python knows ``encoding`` by (``latin-1`` → ``iso8859-1``), for ``--encoding``.

    :raises UsageError: an encoding Python does not know, or one that is not a text encoding (``base64``).
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(
            f"--encoding {encoding!r} is not an encoding Python knows (e.g. utf-8, latin-1, cp1252)"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise UsageError(f"--encoding {encoding!r} is not a text encoding")
    return info.name


def read_text(source: str, encoding: str = "utf-8") -> str:
    """Read a whole file (``-``: standard input) in ``encoding`` (default UTF-8), without newline translation
    (offsets stay exact).

    :raises UsageError: missing or unreadable file, or bytes that are not in ``encoding``.
    """
    name, stream = _open_binary(source)
    try:
        data = stream.read()
    except OSError as exc:
        raise UsageError(f"{name}: cannot read ({exc.strerror})") from None
    finally:
        if source != "-":
            stream.close()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _not_utf8(name, data, exc.start, exc.start, encoding) from None
    except UnicodeError as exc:  # "UTF-16 stream does not start with BOM"
        raise UsageError(
            f"{name}: not {encoding} text ({exc}); give the file's encoding with --encoding"
        ) from None


def _not_utf8(name: str, data: bytes, position: int, offset: int, encoding: str = "utf-8") -> UsageError:
    if codecs.lookup(encoding).name == "utf-8":
        hint = "convert it to UTF-8 first, or give its encoding with --encoding"
        label = "UTF-8"
    else:
        hint = "give the file's encoding with --encoding"
        label = encoding
    return UsageError(f"{name}: not {label} text (byte 0x{data[position]:02x} at offset {offset}); {hint}")


def _open_binary(source: str) -> tuple[str, BinaryIO]:
    """Return (name for messages, binary stream) of a file or ``-`` (standard input)."""
    name = "standard input" if source == "-" else source
    if source == "-":
        return name, sys.stdin.buffer
    try:
        if os.path.isdir(source):
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        return name, open(source, "rb")
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a directory, not a text file") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read ({exc.strerror})") from None


def _decoded_blocks(name: str, stream: BinaryIO, block_bytes: int, encoding: str = "utf-8") -> Iterator[str]:
    """Decode ``stream`` in ``encoding`` (default UTF-8) block by block (a character split between blocks is
    joined).

    :raises UsageError: a read error, or bytes that are not in ``encoding`` (with the byte and its offset).
    """
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    consumed = 0  # bytes given to the decoder so far
    while True:
        try:
            block = stream.read(block_bytes)
        except OSError as exc:
            raise UsageError(f"{name}: cannot read ({exc.strerror})") from None
        buffered = decoder.getstate()[0]
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            data = bytes(exc.object)
            raise _not_utf8(name, data, exc.start, consumed - len(buffered) + exc.start, encoding) from None
        except UnicodeError as exc:  # "UTF-16 stream does not start with BOM"
            raise UsageError(
                f"{name}: not {encoding} text ({exc}); give the file's encoding with --encoding"
            ) from None
        consumed += len(block)
        if text:
            yield text
        if not block:
            return


def cut_position(text: str, limit: int) -> int:
    """Return where to end a chunk of ``text`` (longer than ``limit``): the end of the chunk, ``<= limit + 2``.

    In order of preference, within the second half of the window ``text[:limit]``, then anywhere in it: just
    after the last paragraph break (a blank line), just after the last line break, just after the last space
    that does not separate two digits (``1 000 000`` stays whole); with no white space, the last place in its
    second half where no word or number goes on across ("xxxx|$123,456"). A window that is one word or number
    of ``limit`` code points is cut at ``limit``.
    """
    for low in (limit // 2, 1):
        best = -1
        for sep in ("\n\n", "\n\r\n", "\r\r"):
            found = text.rfind(sep, low, limit)
            if found >= 0:
                best = max(best, found + len(sep))
        if best > 0:
            return best
        # a line break or a space with no number or currency sign near it: one line break may stand for a space
        # inside an amount ("$5\nmillion"), and a space may part a number from its scale word or currency name
        # ("$5 million", "5 million US dollars", "€ 1 000 000")
        quiet = _quiet_break(text, low, limit)
        if quiet > 0:
            return quiet
        found = max(text.rfind("\n", low, limit), text.rfind("\r", low, limit))
        if found >= 0:
            return found + 2 if text.startswith("\r\n", found) else found + 1
        found = text.rfind(" ", low, limit)
        while found >= low and text[found - 1 : found].isdigit() and text[found + 1 : found + 2].isdigit():
            found = text.rfind(" ", low, found)
        if found >= low:
            return found + 1
    # no white space: the last place no word or number goes on across ("xxxx|$123,456", "$9,|$9")
    for i in range(limit - 1, max(limit // 2, 1) - 1, -1):
        if not (_continues(text[i - 1]) and (text[i].isalnum() or text[i] in _NUMBER_SEPARATORS)):
            return i
    return limit


#: Short lower-case words that are no currency code ("and | $5 million" may be cut; "usd | 50" may not).
_FUNCTION_WORDS: Final[frozenset[str]] = frozenset(
    {"and", "the", "was", "for", "but", "are", "or", "of", "to", "in", "at", "by", "is", "on", "a", "an"}
)
#: Code points either side of a break that must hold no digit or currency sign for a chunk to end there.
_QUIET_SPAN: Final[int] = 48
#: How many white-space positions :func:`_quiet_break` tries from the end of the window before giving up.
_QUIET_TRIES: Final[int] = 4096


def _quiet_break(text: str, low: int, limit: int) -> int:
    """The end of a chunk just after the last line break (else space) in ``text[low:limit]`` with no digit and
    no currency sign within :data:`_QUIET_SPAN` code points either side (so no amount, scale word or currency
    name of one amount lies on both sides of the cut); in number-dense text, after the last line break that ends
    a sentence, else the last line break or space that follows three words with neither, else the last space
    before a number or sign after a word with neither; 0 when none is found in :data:`_QUIET_TRIES` tries of
    each."""
    for sep in ("\n", " "):  # a line break first, as for any cut
        pos = limit
        for _ in range(_QUIET_TRIES):
            found = text.rfind(sep, low, pos)
            if found < low:
                break
            window = text[max(0, found - _QUIET_SPAN) : found + _QUIET_SPAN]
            if not any(c.isdigit() or unicodedata.category(c) == "Sc" for c in window):
                return found + 1
            pos = found
    # number-dense text: after three words with no digit or sign (an amount's scale word and currency name,
    # "5 million US dollars", end before them) and before no digit
    for sep in ("\n", " "):
        pos = limit
        for _ in range(_QUIET_TRIES):
            found = text.rfind(sep, low, pos)
            if found < low:
                break
            words = text[max(0, found - _QUIET_SPAN) : found].split()[-3:]
            if (sep == "\n" and text[max(0, found - 2) : found].rstrip("\r")[-1:] in (".", "!", "?")) or (
                len(words) == 3
                and not any(c.isdigit() or unicodedata.category(c) == "Sc" for w in words for c in w)
                and not text[found + 1 : found + 2].isdigit()
            ):
                return found + 1
            pos = found
    # digits every few words: just before a number or sign whose previous word has neither ("and | $5 million")
    pos = limit
    for _ in range(_QUIET_TRIES):
        found = text.rfind(" ", low, pos)
        if found < low:
            break
        nxt = text[found + 1 : found + 2]
        before = text[max(0, found - _QUIET_SPAN) : found].split()[-1:]
        word = before[0] if before else ""
        if (
            (nxt.isdigit() or (nxt and unicodedata.category(nxt) == "Sc"))
            and word.isalpha()
            and word.islower()
            # (a word, not a currency code or sign written in letters: "USD | 5", "usd | 50", "Rs | 5")
            and (len(word) > 3 or word in _FUNCTION_WORDS)
        ):
            return found + 1
        pos = found
    return 0


#: Separators inside a written number ("1,234.50", "1'234", "1’234").
_NUMBER_SEPARATORS: Final[frozenset[str]] = frozenset(".,'’")


def _continues(char: str) -> bool:
    """Whether a word or a number may go on after ``char``: a letter, a digit, a separator or a currency sign."""
    return char.isalnum() or char in _NUMBER_SEPARATORS or unicodedata.category(char) == "Sc"


def read_text_chunks(source: str, chunk_chars: int, encoding: str = "utf-8") -> Iterator[str]:
    """Read a file (``-``: standard input) in ``encoding`` (default UTF-8) in chunks of at most about
    ``chunk_chars`` code points.

    The chunks, joined, are exactly the text (no newline translation); a text of at most ``chunk_chars`` code
    points is one chunk, an empty text one empty chunk. Longer texts are cut by :func:`cut_position` (at a
    paragraph break, else a line break, else a space). Memory is bounded by a few chunks whatever the size of
    the input. A file (not standard input) is checked to be UTF-8 before the first chunk is returned, so bad
    bytes anywhere in it are refused before any output.

    :raises UsageError: missing or unreadable file, or bytes that are not UTF-8 (as :func:`read_text`).
    """
    name, stream = _open_binary(source)
    block_bytes = max(chunk_chars, 1 << 16)
    try:
        if source != "-" and stream.seekable():
            for _ in _decoded_blocks(name, stream, 1 << 20, encoding):
                pass
            stream.seek(0)
        pending = ""
        yielded = False
        for text in _decoded_blocks(name, stream, block_bytes, encoding):
            pending += text
            while len(pending) > chunk_chars:
                cut = cut_position(pending, chunk_chars)
                yield pending[:cut]
                yielded = True
                pending = pending[cut:]
        if pending or not yielded:
            yield pending
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


#: errno values of a write that failed for lack of room or a read-only target.
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


@contextmanager
def output_errors(name: str = "standard output") -> Iterator[None]:
    """Turn a failed write (disk full, quota, read-only file system) into a one-line usage error (exit 2).

    Standard output (``name`` ``"standard output"``) is flushed inside the block and, after a failure, pointed
    at ``/dev/null`` so that Python's flush at exit cannot print a second error. ``BrokenPipeError`` (``| head``)
    and other ``ConnectionError`` subclasses pass through unchanged.

    :raises UsageError: ``cannot write NAME: No space left on device``.
    """
    try:
        yield
        if name == "standard output":
            sys.stdout.flush()
    except ConnectionError:
        raise
    except OSError as exc:
        if name == "standard output" or exc.errno in _WRITE_ERRNOS:
            if name == "standard output":
                silence_stdout()
            raise UsageError(f"cannot write {name}: {exc.strerror or exc}") from None
        raise UsageError(f"input/output error: {exc.strerror or exc}") from None


def silence_stdout() -> None:
    """Point standard output's file descriptor at ``/dev/null`` after a write to it failed, so that Python's
    flush of what is left in ``sys.stdout``'s buffer at exit cannot print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test's StringIO): nothing to silence
        pass


def tls_hint(message: str, *, tls: bool, client_cert: bool) -> str:
    """Return a hint to add to a connection failure whose likely cause is TLS on one side only, or ``""``.

    gRPC's own messages do not say so: a plaintext client meeting a TLS port, and a TLS client refused by a
    mutual-TLS server, both see only "Socket closed"; a TLS client meeting a plaintext port sees
    "WRONG_VERSION_NUMBER".

    :param tls: the client used TLS (``--tls``, ``--tls-ca``...).
    :param client_cert: the client presented a certificate (``--tls-cert``).

    >>> tls_hint("ipv4:127.0.0.1:50051: Socket closed", tls=False, client_cert=False)
    ' (is the server using TLS? pass --tls-ca CA.pem, or --tls to trust the system roots)'
    >>> tls_hint("Failed to connect to remote host: Connection refused", tls=False, client_cert=False)
    ''
    """
    if "WRONG_VERSION_NUMBER" in message:
        return " (is the server plaintext? leave out --tls and --tls-ca)"
    if "CERTIFICATE_VERIFY_FAILED" in message:
        return " (the server's certificate is not signed by a CA this client trusts: check --tls-ca)"
    if "Socket closed" not in message:
        return ""
    if not tls:
        return " (is the server using TLS? pass --tls-ca CA.pem, or --tls to trust the system roots)"
    if not client_cert:
        return " (does the server require a client certificate? pass --tls-cert and --tls-key)"
    return " (does the server accept this client certificate? it must be signed by its --tls-client-ca)"


@contextmanager
def server_errors(
    target: str, timeout: float | None = None, *, tls: bool = False, client_cert: bool = False
) -> Iterator[None]:
    """Turn a failed call to a moneta server into a one-line usage error (exit code 2).

    :param timeout: the client's deadline in seconds (``--timeout``), named when it passes.
    :param tls: the client used TLS; with ``client_cert``, for the hint of :func:`tls_hint`.
    :param client_cert: the client presented a certificate (``--tls-cert``).
    """
    from moneta.client import DeadlineExceededError, MonetaError, UnavailableError

    try:
        yield
    except DeadlineExceededError:
        deadline = f"of {timeout:g} s " if timeout is not None else ""
        raise UsageError(
            f"server {target}: no answer before the client's deadline {deadline}passed; "
            "give it longer with --timeout SECONDS"
        ) from None
    except UnavailableError as exc:
        if exc.reason == "SHUTTING_DOWN":  # reached, but it stopped during the call: not "cannot reach"
            raise UsageError(
                f"the moneta server at {target} is shutting down: retry on another server"
            ) from None
        hint = tls_hint(exc.message, tls=tls, client_cert=client_cert)
        raise UsageError(f"cannot reach a moneta server at {target}: {exc.message}{hint}") from None
    except MonetaError as exc:
        raise UsageError(f"server {target}: {exc.message}") from None
