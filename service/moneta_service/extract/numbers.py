"""Numbers written with digits or words, read into exact :class:`~decimal.Decimal` values.

Digits: thousands separators ``,`` ``.`` ``'`` ``’`` and spaces (normal, no-break U+00A0, narrow no-break
U+202F, thin U+2009), Indian grouping (``1,00,00,000``), a decimal point or comma. Words: English cardinals
("eighty-nine", "one hundred and five"), "a"/"an", fractions "half", "quarter", "three quarters", and
"point" decimals. No float is ever used. Values over :data:`MAX_DIGITS` significant digits are refused
(``None``), so absurd input produces no mention instead of an exception.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, InvalidOperation
from typing import Final

from moneta_service.data.curated import TENS, UNITS

__all__ = ["MAX_DIGITS", "NUMBER_CONTEXT", "VULGAR_FRACTIONS", "parse_digits", "parse_words", "scaled"]

#: Largest number of significant digits an amount may have (the precision of the wire format).
MAX_DIGITS: Final[int] = 38
#: Largest power of ten an amount may reach: amounts are at most 10^18 (inclusive; 10^15 covers "lakh crore" and
#: "trillion" amounts).
MAX_EXPONENT: Final[int] = 18
#: The largest magnitude an amount may have, 10^MAX_EXPONENT.
MAX_AMOUNT: Final[Decimal] = Decimal(10) ** MAX_EXPONENT
#: Decimal context for the engine's arithmetic: wide enough that scaling a 38-digit number is exact.
NUMBER_CONTEXT: Final[Context] = Context(prec=80, Emax=999, Emin=-999)
_ONE: Final[Decimal] = Decimal(1)


def _vulgar_fractions() -> dict[str, Decimal]:
    """Vulgar fraction characters ("½" U+00BD, "¾", "⅛" …) -> their exact value, from the Unicode character
    database's ``<fraction>`` decompositions ("½" is ``<fraction> 0031 2044 0032``: 1/2). Only fractions with a
    terminating decimal are kept (halves, quarters, fifths, eighths, tenths; never "⅓"); no float is used."""
    out: dict[str, Decimal] = {}
    for code in (*range(0x00BC, 0x00BF), *range(0x2150, 0x215F)):
        char = chr(code)
        parts = unicodedata.decomposition(char).split(" ")
        if parts[0] != "<fraction>" or "2044" not in parts:
            continue
        slash = parts.index("2044")
        num = int("".join(chr(int(h, 16)) for h in parts[1:slash]))
        den = int("".join(chr(int(h, 16)) for h in parts[slash + 1 :]))
        rest = den
        for prime in (2, 5):
            while rest % prime == 0:
                rest //= prime
        if rest == 1:
            out[char] = Decimal(num) / Decimal(den)
    return out


#: Vulgar fraction character -> exact value ("½" 0.5, "¾" 0.75, "⅛" 0.125); see :func:`_vulgar_fractions`.
VULGAR_FRACTIONS: Final[dict[str, Decimal]] = _vulgar_fractions()

_SPACES: Final[str] = " \u00a0\u202f\u2009"
_SEPARATORS: Final[str] = ",.'’" + _SPACES
_ASCII_DIGITS: Final[str] = "0123456789"
_GROUP3: Final[re.Pattern[str]] = re.compile(
    r"\d{1,3}(?:(?P<sep>[,.'’ \u00a0\u202f\u2009])\d{3})(?:(?P=sep)\d{3})*"
)
_INDIAN: Final[re.Pattern[str]] = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}")


def _bounded(value: Decimal) -> Decimal | None:
    """Return ``value`` if finite, at most 10^18 and of at most 38 significant digits, else None."""
    if not value.is_finite() or (value.adjusted() >= MAX_EXPONENT and not _within(value)):
        return None
    digits = value.as_tuple().digits
    if len(digits) > MAX_DIGITS and len(value.normalize(NUMBER_CONTEXT).as_tuple().digits) > MAX_DIGITS:
        return None
    return value


def _within(value: Decimal) -> bool:
    """True when ``|value| <= 10^18`` (:data:`MAX_AMOUNT`); the exponent test settles all but 10^18 ≤ |v| < 10^19."""
    adjusted = value.adjusted()
    return adjusted < MAX_EXPONENT or (adjusted == MAX_EXPONENT and value.copy_abs() <= MAX_AMOUNT)


def parse_digits(token: str, *, comma_decimal: bool = False) -> Decimal | None:
    """Read a digit token ("1,234.50", "1.234.567,89", "1 234", "12,34,567.89") into a Decimal.

    :param token: digits with separators as the scanner found them (no sign, no letters).
    :param comma_decimal: the document writes decimal commas (Continental style), so a lone ``.`` followed
        by three digits groups thousands and a lone ``,`` is a decimal comma.
    :returns: the value, or ``None`` when the separators do not form a valid number or the value is
        outside the bounds (:data:`MAX_DIGITS`, :data:`MAX_EXPONENT`).

    >>> parse_digits("1,234.50")
    Decimal('1234.50')
    >>> parse_digits("1.234.567,89")
    Decimal('1234567.89')
    >>> parse_digits("1,00,00,000")
    Decimal('10000000')
    """
    if len(token) > 2 * MAX_DIGITS:
        return None
    if token.isdigit():
        if len(token) > MAX_DIGITS:
            return None
        value = Decimal(token)  # at most MAX_DIGITS digits: only the exponent bound remains to check
        return value if len(token) <= MAX_EXPONENT or _within(value) else None
    last_sep = len(token.rstrip(_ASCII_DIGITS)) - 1
    if last_sep < 0 or token[last_sep] not in _SEPARATORS:  # pragma: no cover - not a scanner token
        return None
    head, sep, tail = token[:last_sep], token[last_sep], token[last_sep + 1 :]
    integer: str
    fraction = ""
    if sep in ",." and (len(tail) != 3 or _is_decimal_by_shape(head, sep, comma_decimal)):
        # the last separator is the decimal mark; the head must be a plain or grouped integer
        integer = head
        fraction = tail
        if integer and not integer.isdigit():
            if not (_GROUP3.fullmatch(integer) or _INDIAN.fullmatch(integer)):
                return None
            if sep in integer:
                return None
            integer = integer.replace(integer[-4], "")  # a valid grouping has one separator, before 3 digits
    else:
        # the last separator groups thousands: the whole token must be a valid grouping
        if not (_GROUP3.fullmatch(token) or _INDIAN.fullmatch(token)):
            return None
        integer = token.replace(sep, "")  # a valid grouping repeats one separator (the last one)
    text = integer + ("." + fraction if fraction else "")
    if len(integer.lstrip("0")) + len(fraction) > MAX_DIGITS:
        return None
    try:
        value = Decimal(text)  # at most MAX_DIGITS digits (checked above): only the exponent bound remains
    except InvalidOperation:
        return None
    return value if value.is_finite() and (value.adjusted() < MAX_EXPONENT or _within(value)) else None


def _is_decimal_by_shape(head: str, sep: str, comma_decimal: bool) -> bool:
    """Decide whether a separator followed by exactly three digits is a decimal mark.

    The rule (documented in the README): if another, different separator appears earlier, the last one is
    the decimal mark ("1,234.567" is rare; "1.234,567" Continental); after a lone leading zero it is the decimal
    mark ("0,195"). Otherwise ``,`` groups thousands in
    English text unless the document uses decimal commas; a lone ``.`` + three digits is a decimal point in
    English text ("1.234 dlrs") unless the document uses decimal commas ("1.234 €" in a text that also has
    "3,5 €").
    """
    other = "," if sep == "." else "."
    if other in head:
        return True
    if sep in head:  # repeated separator: grouping
        return False
    if head == "0":
        return True  # "0,195", "0.125": nobody groups a leading zero, so the separator is the decimal mark
    if sep == ",":
        return comma_decimal
    return not comma_decimal


def scaled(value: Decimal, exponent: int) -> Decimal | None:
    """Return ``value × 10**exponent`` exactly, integral results without exponent; ``None`` out of bounds.

    >>> scaled(Decimal("1.5"), 9)
    Decimal('1500000000')
    """
    if exponent == 0:
        return value
    result = value.scaleb(exponent, NUMBER_CONTEXT)
    if result.adjusted() >= MAX_EXPONENT and not _within(result):
        return None
    if result == result.to_integral_value():
        # an integer of at most 10^18 has at most 19 digits: within MAX_DIGITS, no further test needed
        return result.quantize(_ONE, context=NUMBER_CONTEXT)
    return _bounded(result)


_SCALES: Final[dict[str, int]] = {
    "hundred": 2,
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
    "lakh": 5,
    "lakhs": 5,
    "crore": 7,
    "crores": 7,
    "dozen": -1,
    "mln": 6,
    "mn": 6,
    "bn": 9,
    "bln": 9,
}
_FRACTIONS: Final[dict[str, Decimal]] = {
    "half": Decimal("0.5"),
    "quarter": Decimal("0.25"),
    "quarters": Decimal("0.25"),
}
#: Ordinal fractions ("a fifth of a million", "two tenths of a billion"): exact only when the decimal expansion
#: terminates; "a third of a million" has no exact decimal, so the words give no number (``None``) rather than a
#: rounded or wrong amount. They count only before "of".
_ORDINAL_FRACTIONS: Final[dict[str, Decimal | None]] = {
    "fourth": Decimal("0.25"),
    "fourths": Decimal("0.25"),
    "fifth": Decimal("0.2"),
    "fifths": Decimal("0.2"),
    "eighth": Decimal("0.125"),
    "eighths": Decimal("0.125"),
    "tenth": Decimal("0.1"),
    "tenths": Decimal("0.1"),
    "third": None,
    "thirds": None,
    "sixth": None,
    "sixths": None,
    "seventh": None,
    "sevenths": None,
    "ninth": None,
    "ninths": None,
}
#: Ordinal fraction words (for the scanner's number-word list).
ORDINAL_FRACTION_WORDS: Final[tuple[str, ...]] = tuple(_ORDINAL_FRACTIONS)
#: Scale words of spelled-out numbers ("hundred", "thousand", "million", "lakh", "dozen" …).
SCALE_WORD_SET: Final[frozenset[str]] = frozenset(_SCALES)
#: The words "of" may follow inside one number ("a quarter of a million", "two fifths of a billion"): after
#: any other word "of" ends a number ("one of five hundred dollars" is not 600).
OF_FRACTION_WORDS: Final[frozenset[str]] = frozenset(_FRACTIONS) | frozenset(_ORDINAL_FRACTIONS)


def _joins(words: list[str], j: int, tail: int | None = None) -> bool:
    """True when ``words[j]`` ("and" or "of") may stand inside one English number.

    "of" only after a fraction word ("a quarter of a million"); "and" only after "hundred" or a scale word
    ("one hundred and twenty", "two thousand and five", "a million and a half") or before a fraction ("two and
    a half", "one and three quarters"), and only when what follows is smaller than the scale before it
    ("one hundred and two hundred", "one million and two million" are two numbers), and "a"/"an" after it
    only before a fraction ("five hundred and a thousand" is two numbers). Elsewhere it joins two
    numbers ("between two and three million", "one of five hundred").

    :param tail: power of ten of a scale word written right after the words (``6`` for "… two million"), if any.
    """
    prev = words[j - 1] if j > 0 else ""
    if words[j] == "of":
        return prev in OF_FRACTION_WORDS
    nxt = words[j + 1] if j + 1 < len(words) else ""
    after = words[j + 2] if j + 2 < len(words) else ""
    if nxt in ("a", "an") and after not in _FRACTIONS:
        return False  # "five hundred and a thousand": "a" starts a number of its own
    if prev == "hundred":
        return "hundred" not in words[j + 1 :]
    if prev in _SCALES and prev != "dozen":
        return max(largest_scale(words[j + 1 :]), -1 if tail is None else tail) < _SCALES[prev]
    return (
        nxt in _FRACTIONS
        or (nxt in ("a", "an") and after in _FRACTIONS)
        or (nxt in UNITS and after in _FRACTIONS)
    )


def spoken_hundreds(words: list[str]) -> list[str]:
    """Return ``words`` with "hundred" put back where speech leaves it out before a scale word: a digit word
    directly followed by a tens word or a teen ("one twenty-five million" → "one hundred twenty five million",
    "three fifty billion", "two fifteen thousand"). Only call it when a scale word of a thousand or more
    follows the run (written in ``words`` or right after them): without one, "one twenty-five" may be a price
    of 1.25 and "twelve fifty" 12.50, so :func:`parse_words` reads no number from such words.

    >>> spoken_hundreds("three fifty million".split())
    ['three', 'hundred', 'fifty', 'million']
    """
    out: list[str] = []
    for i, w in enumerate(words):
        out.append(w)
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if (
            w in UNITS
            and 0 < UNITS[w] < 10
            and (nxt in TENS or (nxt in UNITS and UNITS[nxt] >= 10))
            and (i == 0 or (words[i - 1] not in UNITS and words[i - 1] not in TENS))
        ):
            out.append("hundred")
    return out


def largest_scale(words: list[str]) -> int:
    """The largest power of ten among the scale words in ``words`` ("one million two hundred" → 6), else -1."""
    return max((_SCALES[w] for w in words if w in _SCALES), default=-1)


def run_break(words: list[str], tail: int | None = None) -> int:
    """Index of the last "and"/"of" in a run of number words that cannot be inside one number, else -1.

    The number read from the run starts after it: "between two and three million" → "three million",
    "one of five hundred" → "five hundred" (see :func:`_joins`; ``tail`` is the power of ten of a scale word
    right after the run).
    """
    for j in range(len(words) - 1, 0, -1):
        if words[j] in ("and", "of") and not _joins(words, j, tail):
            return j
    return -1


def parse_words(words: list[str]) -> Decimal | None:
    """Read English number words (lower case, hyphenated compounds already split) into a Decimal.

    Accepts "a"/"an" (one), cardinals, "hundred", scale words (thousand … trillion, lakh, crore),
    "and", "half"/"quarter(s)" ("half a million", "two and a half billion", "three quarters billion",
    "a quarter of a million") and "point" decimals ("one point three"). Returns ``None`` for sequences
    that are not a number.

    >>> parse_words("two and a half billion".split())
    Decimal('2500000000')
    >>> parse_words("eighty nine billion".split())
    Decimal('89000000000')
    """
    total = Decimal(0)
    group: Decimal | None = None
    multiplier: Decimal | None = None  # pending fraction ("half a million")
    last_scale: int | None = None
    least_scale: int | None = None  # smallest scale added to the total: later groups must use smaller ones
    seen_number = False
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        if w in _ORDINAL_FRACTIONS:
            ordinal = _ORDINAL_FRACTIONS[w]
            if ordinal is None or i + 1 >= n or words[i + 1] != "of":
                return None  # "a third of a million": no exact amount; "the fifth million": an ordinal
            if group is not None and (i == 0 or words[i - 1] not in ("a", "an")):  # "two fifths of"
                multiplier = group * ordinal
                group = None
            else:  # "a fifth of"
                multiplier = ordinal
                group = None
            seen_number = True
            i += 1
            continue
        if w in ("and", "of") and not _joins(words, i):
            return None  # "two and three", "one of five hundred": two numbers, not one
        if w == "and" and i + 2 < n and words[i + 1] in UNITS and words[i + 2] in _FRACTIONS:
            # "one and three quarters million": the fraction counts the units after "and"
            group = (group or Decimal(0)) + UNITS[words[i + 1]] * _FRACTIONS[words[i + 2]]
            seen_number = True
            i += 3
            continue
        if w in ("and", "of"):
            i += 1
            continue
        if w == "point":
            digits = []
            i += 1
            while i < n and words[i] in UNITS and UNITS[words[i]] < 10:
                digits.append(str(UNITS[words[i]]))
                i += 1
            if not digits:
                return None
            group = (group if group is not None else Decimal(0)) + Decimal("0." + "".join(digits))
            seen_number = True
            continue
        if w in ("a", "an"):
            nxt = words[i + 1] if i + 1 < n else ""
            if nxt in _FRACTIONS:
                frac = _FRACTIONS[nxt]
                if group is not None:  # "two and a half"
                    group = group + frac
                else:  # "a half", "a quarter (of a) million"
                    multiplier = frac
                i += 2
                seen_number = True
                continue
            if group is None:
                group = Decimal(1)
            seen_number = True
            i += 1
            continue
        if w in _FRACTIONS:
            frac = _FRACTIONS[w]
            if group is not None and words[i - 1] not in ("and",):  # "three quarters"
                multiplier = group * frac
                group = None
            elif (
                group is not None
            ):  # "one and half million" (the "a" left out): the fraction adds to the units
                group = group + frac
            else:
                multiplier = frac
            seen_number = True
            i += 1
            continue
        if w in UNITS or w in TENS:
            v = UNITS.get(w, TENS.get(w, 0))
            prev = words[i - 1] if i > 0 else ""
            if (prev in UNITS or prev in TENS) and not (prev in TENS and v < 10):
                return None  # "three fifty", "five six", "twelve fifty": spoken shorthand, not one number
            group = (group or Decimal(0)) + v
            seen_number = True
            last_scale = None
            i += 1
            continue
        if w in _SCALES:
            exp = _SCALES[w]
            if exp == -1:  # dozen
                group = (group or Decimal(1)) * 12
            elif exp == 2:
                if group is not None and group >= 100:
                    return None  # "one hundred and two hundred": two numbers
                group = (group or Decimal(1)) * 100
            elif (
                group is None
                and multiplier is None
                and last_scale is not None
                and least_scale is not None
                and words[i - 1] in _SCALES
                and exp > last_scale
            ):
                # "two thousand million", "five lakh crore": a bigger scale right after a scale multiplies
                total = total.scaleb(exp, NUMBER_CONTEXT)
                last_scale = exp
                least_scale += exp
            else:
                base: Decimal | None = (
                    group
                    if group is not None
                    else (Decimal(1) if multiplier is not None or seen_number else None)
                )
                if base is None:
                    if last_scale is not None:  # "lakh crore"
                        total = total.scaleb(exp, NUMBER_CONTEXT)
                        last_scale = exp
                        i += 1
                        continue
                    base = Decimal(1)
                if group is not None and least_scale is not None and exp >= least_scale:
                    return None  # "one million and two million": two numbers (scales only descend)
                if multiplier is not None:
                    base = base * multiplier
                    multiplier = None
                total += base.scaleb(exp, NUMBER_CONTEXT)
                group = None
                last_scale = exp
                least_scale = exp if least_scale is None else min(least_scale, exp)
            seen_number = True
            i += 1
            continue
        return None
    if not seen_number:
        return None
    if group is not None:
        total += group * multiplier if multiplier is not None else group
    elif multiplier is not None:
        # "a million and a half": the fraction is of the last scale word (1500000, not 1000000.5)
        total += multiplier.scaleb(last_scale, NUMBER_CONTEXT) if last_scale is not None else multiplier
    return _bounded(total)
