"""Fuzz target: reading numbers, the engine's digit and word readers and the wire's decimal strings.

For any token: :func:`moneta_service.extract.numbers.parse_digits` returns ``None`` or a finite Decimal within
the engine's bound (adjusted exponent at most ``MAX_EXPONENT`` = 18, so below 10^19; at most 38 significant
digits); ``_codec.decimal_from_proto``
returns a finite Decimal or raises ``CodecError``; ``moneta.cli._common.plain_decimal`` returns a Decimal or
raises ``ArgumentTypeError``. Never a float, never another exception. Run (time-boxed)::

    python tests/fuzz/fuzz_numbers.py -max_total_time=60
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from decimal import Decimal

from google.type import decimal_pb2
from moneta import _codec
from moneta.cli._common import plain_decimal
from moneta_service.extract import numbers, scanner


def _bounded(value: Decimal | None) -> None:
    """The engine's bound (``numbers._bounded``): finite, adjusted exponent <= MAX_EXPONENT, <= 38 digits."""
    if value is None:
        return
    assert isinstance(value, Decimal)
    assert value.is_finite()
    assert value.adjusted() <= numbers.MAX_EXPONENT, value
    assert len(value.normalize(numbers.NUMBER_CONTEXT).as_tuple().digits) <= numbers.MAX_DIGITS, value


#: What the scanner hands the digit reader: ASCII digits with separators (``scanner.DIGITS``, plus the
#: space-grouping characters the engine joins), starting and ending with a digit.
_DIGIT_ALPHABET = "0123456789" * 3 + ".,'’ \u00a0\u202f\u2009"
_WORDS = [*sorted(scanner.NUMBER_WORD_SET), "and", "of", "point", "zero", "seventeen", "ninety"]


def digit_token(data: bytes) -> str:
    """Map bytes onto a digit token of the scanner's shape ("" when none)."""
    token = "".join(_DIGIT_ALPHABET[b % len(_DIGIT_ALPHABET)] for b in data)
    start = next((i for i, ch in enumerate(token) if ch.isdigit()), len(token))
    return token[start:].rstrip(".,'’ \u00a0\u202f\u2009")


def number_words(data: bytes) -> list[str]:
    """Map bytes onto a run of English number words."""
    return [_WORDS[b % len(_WORDS)] for b in data[:24]]


def check_token(token: str, data: bytes = b"") -> None:
    """Read ``token`` (and the digit token and number words made of ``data``) every way moneta reads numbers."""
    digits = digit_token(data or token.encode("utf-8", "surrogatepass"))
    if digits:
        _bounded(numbers.parse_digits(digits))
        _bounded(numbers.parse_digits(digits, comma_decimal=True))
    _bounded(numbers.parse_words(number_words(data or token.encode("utf-8", "surrogatepass"))))
    try:
        value = _codec.decimal_from_proto(decimal_pb2.Decimal(value=token), "amount")
    except _codec.CodecError:
        pass
    else:
        assert isinstance(value, Decimal)
        assert value.is_finite()
    with contextlib.suppress(argparse.ArgumentTypeError):
        assert isinstance(plain_decimal(token), Decimal)


def TestOneInput(data: bytes) -> None:
    """Read one token from ``data`` (mostly digits and separators when the bytes are)."""
    check_token(data.decode("utf-8", "replace"), data)


def main() -> None:
    """Run under atheris (``pip install atheris``)."""
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

    atheris.instrument_all()  # coverage feedback for every loaded module (moneta included)
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
