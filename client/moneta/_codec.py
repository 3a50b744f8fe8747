"""The one converter between ``moneta.v1`` protobuf messages and :mod:`moneta.model` objects.

Nothing else in moneta touches a protobuf message field by field: the servicers, the clients and the batch
stream call these functions, so a field added to the proto is added here once. Conventions (see the proto):

* amounts and rates are ``google.type.Decimal`` strings. We write plain decimal notation (``format(d, "f")``,
  the same text as :func:`moneta.serialize.decimal_to_str`) and read the full ``google.type.Decimal`` grammar
  (sign, optional fraction, optional exponent), rejecting NaN, Infinity and values whose plain notation
  would be absurdly long (exponent beyond :data:`MAX_DECIMAL_EXPONENT`);
* civil dates are ``google.type.Date``; an unset message (or all-zero fields) means "no date"; a partial date
  (year only, year and month) is rejected because conversions need a day;
* enums map one to one (``Qualifier.APPROXIMATE`` <-> ``QUALIFIER_APPROXIMATE``); an ``*_UNSPECIFIED`` qualifier
  reads as ``exact`` and an unspecified offset encoding as code points, as the proto documents.

Decoding errors raise :class:`CodecError` (a :class:`ValueError`) naming the request field, a stable
UPPER_SNAKE reason and a one-line message; the server turns it into ``INVALID_ARGUMENT``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, MutableSequence, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from google.type import date_pb2, decimal_pb2

from moneta._quoting import quoted
from moneta.model import (
    Conversion,
    ConversionStatus,
    CurrencyInfo,
    Mention,
    OffsetEncoding,
    Qualifier,
    RateCoverage,
)
from moneta.v1 import moneta_pb2 as pb

__all__ = [
    "MAX_DECIMAL_EXPONENT",
    "CodecError",
    "ConvertQuery",
    "ExtractQuery",
    "add_mentions",
    "check_decimal_range",
    "conversion_from_proto",
    "conversion_to_proto",
    "convert_query_from_proto",
    "convert_query_to_proto",
    "currency_from_proto",
    "currency_to_proto",
    "date_from_proto",
    "date_to_proto",
    "decimal_from_proto",
    "decimal_from_text",
    "decimal_to_proto",
    "extract_query_from_proto",
    "extract_query_to_proto",
    "mention_from_proto",
    "mention_to_proto",
    "mentions_from_proto",
    "mentions_to_proto",
    "offset_encoding_from_proto",
    "offset_encoding_to_proto",
    "rate_coverage_from_proto",
    "rate_coverage_to_proto",
]

#: The largest decimal exponent (either sign) accepted on the wire: ``1E+1000`` is refused, because its plain
#: notation is a thousand digits long. Real amounts and rates are nowhere near it.
MAX_DECIMAL_EXPONENT = 1000

# The google.type.Decimal grammar (google/type/decimal.proto): [sign] significand [exponent].
_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


class CodecError(ValueError):
    """A protobuf message that cannot be read as a moneta value.

    :param field: the field path in the request, e.g. ``"publication_date"`` or ``"amount"``.
    :param reason: a stable UPPER_SNAKE reason for ``google.rpc.ErrorInfo`` (``INVALID_DECIMAL``, ``INVALID_DATE``,
        ``INVALID_OFFSET_ENCODING``, ...).
    :param message: one line of English saying what is wrong.
    :param value: the offending value as the message shows it; ``ErrorInfo`` metadata repeats its first 40
        characters as ``value`` (AIP-193: the metadata repeats the dynamic parts of the message).
    """

    def __init__(self, field: str, reason: str, message: str, value: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason
        self.message = message
        #: lowerCamel ``ErrorInfo`` metadata beyond ``field``: the value, cut to 40 characters as elsewhere.
        self.metadata: dict[str, str] = {} if value is None else {"value": value[:40]}


# --- scalars -------------------------------------------------------------------------------------------------


def decimal_to_proto(value: Decimal) -> decimal_pb2.Decimal:
    """Return ``value`` as a ``google.type.Decimal`` in plain notation (``Decimal("8.9E+10")`` → ``"89000000000"``).

    :raises CodecError: for NaN or Infinity (reason ``INVALID_DECIMAL``).
    """
    if not value.is_finite():
        raise CodecError("amount", "INVALID_DECIMAL", f"not a finite decimal: {value}")
    return decimal_pb2.Decimal(value=format(value, "f"))


def decimal_from_proto(message: decimal_pb2.Decimal, field: str) -> Decimal:
    """Read a ``google.type.Decimal`` string into a :class:`~decimal.Decimal` (exact, no float).

    >>> decimal_from_proto(decimal_pb2.Decimal(value="1.0714"), "rate")
    Decimal('1.0714')

    :param field: the field path used in errors.
    :raises CodecError: ``EMPTY_DECIMAL`` for an empty string, ``INVALID_DECIMAL`` for text outside the grammar
        (NaN and Infinity included) or an exponent beyond :data:`MAX_DECIMAL_EXPONENT`.
    """
    return decimal_from_text(message.value, field)


def decimal_from_text(text: str, field: str) -> Decimal:
    """Read decimal text in the ``google.type.Decimal`` grammar (ASCII digits, an optional sign, ``.`` and
    exponent: no digit group separators, no other digits) into a :class:`~decimal.Decimal`, exactly: the rule
    of the wire, which the server applies to a request and the Python client to an amount given as text.

    >>> decimal_from_text("-12.50", "amount"), decimal_from_text("8.9e10", "amount")
    (Decimal('-12.50'), Decimal('8.9E+10'))

    :param field: the field path used in errors.
    :raises CodecError: ``EMPTY_DECIMAL`` for an empty string, ``INVALID_DECIMAL`` for text outside the grammar
        (``5_000``, ``٥``, NaN and Infinity included) or an exponent beyond :data:`MAX_DECIMAL_EXPONENT`.
    """
    if not text:
        raise CodecError(field, "EMPTY_DECIMAL", f"{field} is empty: give a decimal string such as '12.50'")
    if not _DECIMAL_RE.fullmatch(text):
        raise CodecError(field, "INVALID_DECIMAL", f"{field} is not a decimal number: {quoted(text)}", text)
    try:
        value = Decimal(text)
    except (
        InvalidOperation
    ) as exc:  # an exponent beyond what decimal holds at all ("1e-99999999999999999999")
        raise CodecError(field, "INVALID_DECIMAL", f"{field} is out of range: {quoted(text)}", text) from exc
    check_decimal_range(value, field, text)
    return value


def check_decimal_range(value: Decimal, field: str, shown: str | None = None) -> None:
    """Refuse a finite decimal whose exponent (or leading digit's) is beyond ±:data:`MAX_DECIMAL_EXPONENT`: its
    plain notation, the form amounts take on the wire, would be absurdly long (``1e20000000`` is 20 MB).

    :param shown: the value as the caller gave it, for the message (default: ``str(value)``).
    :raises CodecError: ``INVALID_DECIMAL``, ``{field} is out of range: '1e20000000' (... beyond ±1000)``.
    """
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int), "finite decimals only"
    if abs(exponent) > MAX_DECIMAL_EXPONENT or abs(value.adjusted()) > MAX_DECIMAL_EXPONENT:
        raise CodecError(
            field,
            "INVALID_DECIMAL",
            f"{field} is out of range: {quoted(str(value) if shown is None else shown)} (its digits reach beyond "
            f"10^±{MAX_DECIMAL_EXPONENT}: too many before or after the decimal point)",
            str(value) if shown is None else shown,
        )


def _optional_decimal(parent: object, name: str, field: str) -> Decimal | None:
    if not parent.HasField(name):  # type: ignore[attr-defined]
        return None
    return decimal_from_proto(getattr(parent, name), field)


def date_to_proto(value: dt.date) -> date_pb2.Date:
    """Return a full ``google.type.Date`` for ``value``."""
    return date_pb2.Date(year=value.year, month=value.month, day=value.day)


def date_from_proto(message: date_pb2.Date | None, field: str) -> dt.date | None:
    """Read a ``google.type.Date``; ``None`` when it is unset or all zero.

    :param field: the field path used in errors.
    :raises CodecError: ``INVALID_DATE`` for a partial date (a zero day or month) or one that does not exist
        (``2024-02-30``).
    """
    if message is None or (message.year == 0 and message.month == 0 and message.day == 0):
        return None
    shown = f"{message.year:04d}-{message.month:02d}-{message.day:02d}"
    if message.year == 0 or message.month == 0 or message.day == 0:
        raise CodecError(
            field, "INVALID_DATE", f"{field} must be a full date (year, month and day), got {shown}", shown
        )
    try:
        return dt.date(message.year, message.month, message.day)
    except ValueError as exc:
        raise CodecError(field, "INVALID_DATE", f"{field} is not a valid date: {shown}", shown) from exc


def _optional_date(parent: object, name: str, field: str) -> dt.date | None:
    if not parent.HasField(name):  # type: ignore[attr-defined]
        return None
    return date_from_proto(getattr(parent, name), field)


# --- enums ---------------------------------------------------------------------------------------------------

_QUALIFIER_TO_PB = {q: pb.Qualifier.Value(f"QUALIFIER_{q.name}") for q in Qualifier}
_QUALIFIER_FROM_PB = {v: k for k, v in _QUALIFIER_TO_PB.items()}
_STATUS_TO_PB = {s: pb.ConversionStatus.Value(f"CONVERSION_STATUS_{s.name}") for s in ConversionStatus}
_STATUS_FROM_PB = {v: k for k, v in _STATUS_TO_PB.items()}
_ENCODING_TO_PB = {e: pb.OffsetEncoding.Value(f"OFFSET_ENCODING_{e.name}") for e in OffsetEncoding}
_ENCODING_FROM_PB = {v: k for k, v in _ENCODING_TO_PB.items()}


def offset_encoding_to_proto(encoding: OffsetEncoding) -> pb.OffsetEncoding.ValueType:
    """Return the ``OFFSET_ENCODING_*`` value of ``encoding``."""
    return _ENCODING_TO_PB[encoding]


def offset_encoding_from_proto(value: int, field: str = "offset_encoding") -> OffsetEncoding:
    """Read an ``OFFSET_ENCODING_*`` value; unspecified (0) means code points.

    :raises CodecError: ``INVALID_OFFSET_ENCODING`` for a number the contract does not define.
    """
    if value == pb.OFFSET_ENCODING_UNSPECIFIED:
        return OffsetEncoding.CODE_POINTS
    try:
        return _ENCODING_FROM_PB[value]  # type: ignore[index]
    except KeyError:
        known = ", ".join(f"{pb.OffsetEncoding.Name(v)} ({v})" for v in sorted(_ENCODING_FROM_PB))
        raise CodecError(
            field, "INVALID_OFFSET_ENCODING", f"unknown {field} {value}; use one of {known}"
        ) from None


def _qualifier_from_proto(value: int, field: str) -> Qualifier:
    if value == pb.QUALIFIER_UNSPECIFIED:
        return Qualifier.EXACT
    try:
        return _QUALIFIER_FROM_PB[value]  # type: ignore[index]
    except KeyError:
        raise CodecError(field, "INVALID_QUALIFIER", f"unknown {field} {value}") from None


def _status_from_proto(value: int, field: str) -> ConversionStatus:
    try:
        return _STATUS_FROM_PB[value]  # type: ignore[index]
    except KeyError:
        raise CodecError(field, "INVALID_CONVERSION_STATUS", f"unknown {field} {value}") from None


# --- domain objects ------------------------------------------------------------------------------------------


def conversion_to_proto(conversion: Conversion) -> pb.Conversion:
    """Return the ``moneta.v1.Conversion`` message of ``conversion`` (absent values stay unset)."""
    message = pb.Conversion(
        currency=conversion.currency,
        source=conversion.source,
        path=list(conversion.path),
        status=_STATUS_TO_PB[conversion.status],
        message=conversion.message,
    )
    for name in ("amount", "amount_unrounded", "rate", "amount_max", "amount_max_unrounded"):
        value: Decimal | None = getattr(conversion, name)
        if value is not None:
            getattr(message, name).CopyFrom(decimal_to_proto(value))
    if conversion.requested_date is not None:
        message.requested_date.CopyFrom(date_to_proto(conversion.requested_date))
    if conversion.rate_date is not None:
        message.rate_date.CopyFrom(date_to_proto(conversion.rate_date))
    return message


def conversion_from_proto(message: pb.Conversion, field: str = "conversion") -> Conversion:
    """Return the :class:`~moneta.model.Conversion` of a ``moneta.v1.Conversion`` message.

    :raises CodecError: for a malformed decimal, date or status.
    """
    return Conversion(
        currency=message.currency,
        amount=_optional_decimal(message, "amount", f"{field}.amount"),
        amount_unrounded=_optional_decimal(message, "amount_unrounded", f"{field}.amount_unrounded"),
        rate=_optional_decimal(message, "rate", f"{field}.rate"),
        requested_date=_optional_date(message, "requested_date", f"{field}.requested_date"),
        rate_date=_optional_date(message, "rate_date", f"{field}.rate_date"),
        source=message.source,
        path=tuple(message.path),
        status=_status_from_proto(message.status, f"{field}.status"),
        message=message.message,
        amount_max=_optional_decimal(message, "amount_max", f"{field}.amount_max"),
        amount_max_unrounded=_optional_decimal(
            message, "amount_max_unrounded", f"{field}.amount_max_unrounded"
        ),
    )


def mention_to_proto(mention: Mention) -> pb.Mention:
    """Return the ``moneta.v1.Mention`` message of ``mention`` (offsets copied as they are).

    :raises CodecError: for a non-finite amount (reason ``INVALID_DECIMAL``).
    """
    message = pb.Mention()
    _fill_mention(message, mention)
    return message


def add_mentions(field: MutableSequence[pb.Mention], mentions: Iterable[Mention]) -> None:
    """Append the message of each of ``mentions``, in order, to ``field`` (a repeated ``moneta.v1.Mention`` field).

    The same messages as :func:`mention_to_proto`, built in place (``field.add()``) instead of built apart and
    copied in, which is what ``Message(mentions=[...])`` does: the cheap way to fill a response.

    :raises CodecError: for a non-finite amount (``field`` may then hold the mentions before it).
    """
    add = field.add  # type: ignore[attr-defined]  # a RepeatedCompositeFieldContainer
    for mention in mentions:
        _fill_mention(add(), mention)


def _decimal_text(value: Decimal) -> str:
    """The ``google.type.Decimal`` text of ``value`` (as :func:`decimal_to_proto`)."""
    if not value.is_finite():
        raise CodecError("amount", "INVALID_DECIMAL", f"not a finite decimal: {value}")
    return format(value, "f")


def _fill_mention(message: pb.Mention, mention: Mention) -> None:
    """Set the fields of an empty ``message`` from ``mention`` (absent values stay unset)."""
    message.text = mention.text
    message.start = mention.start
    message.end = mention.end
    message.amount.value = _decimal_text(mention.amount)
    message.qualifier = _QUALIFIER_TO_PB[mention.qualifier]
    message.currency_basis = mention.currency_basis
    if mention.currency_alternatives:
        message.currency_alternatives.extend(mention.currency_alternatives)
    if mention.currency is not None:
        message.currency = mention.currency
    if mention.amount_max is not None:
        message.amount_max.value = _decimal_text(mention.amount_max)
    if mention.per_unit is not None:
        message.per_unit = mention.per_unit
    if mention.equivalent_of is not None:
        message.equivalent_of = mention.equivalent_of
    if mention.conversions:
        message.conversions.extend(conversion_to_proto(c) for c in mention.conversions)


def mention_from_proto(message: pb.Mention, field: str = "mention") -> Mention:
    """Return the :class:`~moneta.model.Mention` of a ``moneta.v1.Mention`` message.

    :raises CodecError: for a malformed decimal, date or enum value.
    """
    return Mention(
        text=message.text,
        start=message.start,
        end=message.end,
        currency=message.currency if message.HasField("currency") else None,
        amount=decimal_from_proto(message.amount, f"{field}.amount"),
        amount_max=_optional_decimal(message, "amount_max", f"{field}.amount_max"),
        qualifier=_qualifier_from_proto(message.qualifier, f"{field}.qualifier"),
        currency_alternatives=tuple(message.currency_alternatives),
        per_unit=message.per_unit if message.HasField("per_unit") else None,
        equivalent_of=message.equivalent_of if message.HasField("equivalent_of") else None,
        currency_basis=message.currency_basis,
        conversions=tuple(
            conversion_from_proto(c, f"{field}.conversions[{i}]") for i, c in enumerate(message.conversions)
        ),
    )


def rate_coverage_to_proto(coverage: RateCoverage) -> pb.RateCoverage:
    """Return the ``moneta.v1.RateCoverage`` message of ``coverage``."""
    message = pb.RateCoverage(source=coverage.source, name=coverage.name)
    if coverage.first_date is not None:
        message.first_date.CopyFrom(date_to_proto(coverage.first_date))
    if coverage.last_date is not None:
        message.last_date.CopyFrom(date_to_proto(coverage.last_date))
    return message


def rate_coverage_from_proto(message: pb.RateCoverage, field: str = "rate_coverage") -> RateCoverage:
    """Return the :class:`~moneta.model.RateCoverage` of a ``moneta.v1.RateCoverage`` message."""
    return RateCoverage(
        source=message.source,
        first_date=_optional_date(message, "first_date", f"{field}.first_date"),
        last_date=_optional_date(message, "last_date", f"{field}.last_date"),
        name=message.name,
    )


def currency_to_proto(info: CurrencyInfo) -> pb.Currency:
    """Return the ``moneta.v1.Currency`` message of ``info``."""
    return pb.Currency(
        code=info.code,
        name=info.name,
        symbols=list(info.symbols),
        minor_unit=info.minor_unit,
        coverage=[rate_coverage_to_proto(c) for c in info.coverage],
    )


def currency_from_proto(message: pb.Currency, field: str = "currency") -> CurrencyInfo:
    """Return the :class:`~moneta.model.CurrencyInfo` of a ``moneta.v1.Currency`` message."""
    return CurrencyInfo(
        code=message.code,
        name=message.name,
        symbols=tuple(message.symbols),
        minor_unit=message.minor_unit,
        coverage=tuple(
            rate_coverage_from_proto(c, f"{field}.coverage[{i}]") for i, c in enumerate(message.coverage)
        ),
    )


# --- requests ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExtractQuery:
    """The parameters of one ``ExtractAmounts`` call, as Python values.

    :param text: the text to search.
    :param publication_date: the date at which amounts are converted, or ``None``.
    :param target_currency_codes: ISO 4217 codes to convert into, in output order (not validated here).
    :param offset_encoding: the unit of the returned offsets.
    :param locale_hint: a BCP-47 locale or market hint, or ``None``.
    :param rate_source: the rate source name, or ``None`` for the server's default.
    :param rate_fallback: the fallback source name, or ``None``.
    """

    text: str
    publication_date: dt.date | None = None
    target_currency_codes: tuple[str, ...] = ()
    offset_encoding: OffsetEncoding = OffsetEncoding.CODE_POINTS
    locale_hint: str | None = None
    rate_source: str | None = None
    rate_fallback: str | None = None


@dataclass(frozen=True, slots=True)
class ConvertQuery:
    """The parameters of one ``ConvertAmount`` call, as Python values.

    :param amount: the amount in major units of ``source_currency_code``.
    :param source_currency_code: ISO 4217 code of the amount (not validated here).
    :param target_currency_code: ISO 4217 code to convert into (not validated here).
    :param date: the date of the rate, or ``None`` (the conversion then says ``date_missing``).
    :param rate_source: the rate source name, or ``None`` for the server's default.
    :param rate_fallback: the fallback source name, or ``None``.
    """

    amount: Decimal
    source_currency_code: str
    target_currency_code: str
    date: dt.date | None = None
    rate_source: str | None = None
    rate_fallback: str | None = None


def extract_query_to_proto(query: ExtractQuery) -> pb.ExtractAmountsRequest:
    """Return the ``ExtractAmountsRequest`` of ``query``."""
    message = pb.ExtractAmountsRequest(
        text=query.text,
        target_currency_codes=list(query.target_currency_codes),
        offset_encoding=offset_encoding_to_proto(query.offset_encoding),
        locale_hint=query.locale_hint or "",
        rate_source=query.rate_source or "",
        rate_fallback=query.rate_fallback or "",
    )
    if query.publication_date is not None:
        message.publication_date.CopyFrom(date_to_proto(query.publication_date))
    return message


def extract_query_from_proto(message: pb.ExtractAmountsRequest) -> ExtractQuery:
    """Read an ``ExtractAmountsRequest``; empty strings become ``None``.

    :raises CodecError: for a malformed ``publication_date`` or an unknown ``offset_encoding``.
    """
    return ExtractQuery(
        text=message.text,
        publication_date=_optional_date(message, "publication_date", "publication_date"),
        target_currency_codes=tuple(message.target_currency_codes),
        offset_encoding=offset_encoding_from_proto(message.offset_encoding),
        locale_hint=message.locale_hint or None,
        rate_source=message.rate_source or None,
        rate_fallback=message.rate_fallback or None,
    )


def convert_query_to_proto(query: ConvertQuery) -> pb.ConvertAmountRequest:
    """Return the ``ConvertAmountRequest`` of ``query``.

    :raises CodecError: for a non-finite amount.
    """
    message = pb.ConvertAmountRequest(
        amount=decimal_to_proto(query.amount),
        source_currency_code=query.source_currency_code,
        target_currency_code=query.target_currency_code,
        rate_source=query.rate_source or "",
        rate_fallback=query.rate_fallback or "",
    )
    if query.date is not None:
        message.date.CopyFrom(date_to_proto(query.date))
    return message


def convert_query_from_proto(message: pb.ConvertAmountRequest) -> ConvertQuery:
    """Read a ``ConvertAmountRequest``.

    :raises CodecError: ``EMPTY_DECIMAL`` when ``amount`` is missing or empty, ``INVALID_DECIMAL`` when it is not a
        decimal, ``INVALID_DATE`` for a malformed ``date``.
    """
    return ConvertQuery(
        amount=decimal_from_proto(message.amount, "amount"),
        source_currency_code=message.source_currency_code,
        target_currency_code=message.target_currency_code,
        date=_optional_date(message, "date", "date"),
        rate_source=message.rate_source or None,
        rate_fallback=message.rate_fallback or None,
    )


def mentions_to_proto(mentions: Iterable[Mention]) -> list[pb.Mention]:
    """Return the messages of ``mentions``, in order."""
    return [mention_to_proto(m) for m in mentions]


def mentions_from_proto(messages: Sequence[pb.Mention]) -> list[Mention]:
    """Return the mentions of ``messages``, in order (errors name ``mentions[i]``)."""
    return [mention_from_proto(m, f"mentions[{i}]") for i, m in enumerate(messages)]


# --- locale hints ----------------------------------------------------------------------------------------------


#: One BCP-47 subtag: 1 to 8 letters or digits.
_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")


def _subtags(hint: str) -> list[str]:
    return re.split(r"[-_]", hint)


def _singleton_at(parts: Sequence[str]) -> int | None:
    """The index of the first singleton (``u``, ``t``, ``x`` …: an extension or private use) after the language."""
    return next((i for i, part in enumerate(parts) if i > 0 and len(part) == 1), None)


def locale_hint_core(hint: str) -> str:
    """Return ``hint`` without its extension and private-use subtags (from the first singleton on), which moneta
    ignores; a hint without them comes back unchanged.

    :param hint: a hint :func:`locale_hint_problem` accepts.
    :returns: the language, script, region and variants of ``hint``.

    >>> locale_hint_core("en-US-u-cu-eur"), locale_hint_core("en_IN_x_foo"), locale_hint_core("en_AU")
    ('en-US', 'en-IN', 'en_AU')
    """
    parts = _subtags(hint)
    cut = _singleton_at(parts)
    return hint if cut is None else "-".join(parts[:cut])


def locale_hint_problem(hint: str) -> str | None:
    """Return why ``hint`` is not a usable locale hint, or ``None`` when it is (the CLI and the server both ask).

    Accepted: a locale CLDR knows (through Babel's ``Locale.parse``), written with ``-`` or ``_`` (``en-AU``,
    ``en_AU``, ``zh-Hant-TW``, ``en``, ``und-AU``), or a known language with a known CLDR territory that CLDR has
    no locale for (``de-AU``: a market hint). Extension and private-use subtags (``en-US-u-cu-eur``,
    ``en-IN-x-foo``: everything from the first one-character subtag on) are allowed and ignored, so the
    ``-u-cu-`` currency keyword is no currency hint (:func:`locale_hint_core` drops them). Refused: a tag that is
    not well-formed (an empty subtag as in ``en--AU``, a space, a subtag longer than 8 characters), unknown
    languages or regions (``xx-YY``, ``en-XX``), and a bare region such as ``AU`` (the engine reads the region
    after the language, so ``AU`` alone would silently do nothing: write ``en-AU`` or ``und-AU``). Babel is
    imported here only, never when ``moneta`` is imported.

    :param hint: the hint as given (not empty).
    :returns: a one-line reason, or ``None``.

    >>> locale_hint_problem("en-US-u-cu-eur") is None
    True
    >>> locale_hint_problem("en--AU")
    "'en--AU' is not a well-formed BCP-47 locale (subtags of 1 to 8 letters or digits joined by - or _); give one such as en-AU"
    >>> locale_hint_problem("en-XX")
    "'en-XX' is not a locale CLDR knows (unknown region XX); give a BCP-47 locale such as en-AU"
    """
    from babel import Locale, UnknownLocaleError

    shown = quoted(hint)
    parts = _subtags(hint)
    cut = _singleton_at(parts)
    if not all(_SUBTAG.fullmatch(part) for part in parts) or cut == len(parts) - 1:
        return (
            f"{shown} is not a well-formed BCP-47 locale (subtags of 1 to 8 letters or digits joined by - or _); "
            "give one such as en-AU"
        )
    if cut is not None:
        parts = parts[:cut]
    tag = "_".join(parts)
    if len(parts) == 1 and len(tag) == 2 and tag.isalpha() and tag.isupper():
        return (
            f"{shown} is a region, not a locale: give a language and the region, e.g. en-{tag} or und-{tag}"
        )
    try:
        Locale.parse(tag)
        return None
    except (UnknownLocaleError, ValueError, TypeError):
        pass
    try:
        Locale.parse(parts[0])
    except (UnknownLocaleError, ValueError, TypeError):
        return f"{shown} is not a locale CLDR knows; give a BCP-47 locale such as en-AU"
    regions = [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
    territories = Locale("en").territories
    unknown = [r for r in regions if r not in territories]
    if len(parts) <= 3 and regions and not unknown:
        return None
    if unknown:
        return (
            f"{shown} is not a locale CLDR knows (unknown region {', '.join(unknown)}); "
            "give a BCP-47 locale such as en-AU"
        )
    return (
        f"{shown} is not a locale CLDR knows (its language is known, but not with these subtags); "
        "give a BCP-47 locale such as en-AU"
    )
