"""moneta's domain model: the objects every interface (engine, gRPC, CLI, batch) speaks about.

These frozen dataclasses are the single source of truth for what a *mention* and a *conversion* are.
The engine (``moneta_service``) produces them, :mod:`moneta._codec` turns them into protobuf messages and
back, and :mod:`moneta.serialize` turns them into the JSON shape shown in the README. Nothing here imports
gRPC, the engine, rate data, DuckDB or pyarrow, so the thin client stays thin.

Units and conventions:

* Offsets (``start``, ``end``) are half-open ``[start, end)`` indices into the untouched input text, in
  Unicode **code points** (Python ``str`` indices) unless a caller asked for another
  :class:`OffsetEncoding` at the edge (gRPC request, CLI flag).
* Amounts are :class:`decimal.Decimal` in **major units** of the currency (``"0.15"`` for 15 cents).
  No float ever holds an amount or a rate.
* Currencies are ISO 4217 alphabetic codes, upper case (historic codes such as ``DEM`` included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "SAME_CURRENCY_SOURCE",
    "Conversion",
    "ConversionStatus",
    "CurrencyInfo",
    "Mention",
    "OffsetEncoding",
    "Qualifier",
    "RateCoverage",
]

#: The ``source`` of a conversion into the amount's own currency: rate 1 by definition, no rate source consulted
#: (so no ECB publication, table row or live quote is claimed, whatever the date).
SAME_CURRENCY_SOURCE = "identity"


class Qualifier(StrEnum):
    """How the text bounds the amount it states.

    ``exact`` is the default; the others come from words next to the amount ("nearly €8 billion" is
    ``approximate``; "more than $5m" is ``more_than``; "at least" / "no less than" is ``at_least``; "under" /
    "less than" is ``less_than``; "up to" / "at most" / "no more than" is ``at_most``).
    """

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"


class ConversionStatus(StrEnum):
    """The closed set of outcomes of one conversion (``CONVERSION_STATUS_*`` in the proto).

    * ``ok``: converted; ``rate``, ``rate_date`` and ``amount`` are set.
    * ``no_rate_for_date``: no publication on the requested date nor in the 5 calendar days before it, or the
      date is before the source's first date.
    * ``date_after_data``: the date is after the source's last publication (including future dates).
    * ``currency_not_quoted``: the source does not quote that currency on that date (e.g. NGN; RUB after
      2022-03-01 at the ECB).
    * ``unknown_currency``: not an ISO 4217 code moneta knows.
    * ``source_unavailable``: the rate source could not be reached (live rates without a network).
    * ``date_missing``: no date was given and none could be inferred.
    """

    OK = "ok"
    NO_RATE_FOR_DATE = "no_rate_for_date"
    DATE_AFTER_DATA = "date_after_data"
    CURRENCY_NOT_QUOTED = "currency_not_quoted"
    UNKNOWN_CURRENCY = "unknown_currency"
    SOURCE_UNAVAILABLE = "source_unavailable"
    DATE_MISSING = "date_missing"


class OffsetEncoding(StrEnum):
    """The unit in which ``start``/``end`` offsets are counted (as in Google's Natural Language API).

    ``code_points`` (the default) counts Unicode scalar values (Python ``str`` indices); ``utf16`` counts UTF-16
    code units (JavaScript, Java); ``utf8`` counts UTF-8 bytes (Go, Rust, C).
    """

    CODE_POINTS = "code_points"
    UTF16 = "utf16"
    UTF8 = "utf8"


@dataclass(frozen=True, slots=True)
class Conversion:
    """One amount converted into one target currency at a dated reference rate.

    :param currency: target ISO 4217 code.
    :param amount: converted amount rounded half-even to the target's ISO 4217 minor unit (major units), or
        ``None`` when ``status`` is not ``ok``.
    :param amount_unrounded: ``source amount × rate`` before rounding (decimal context of 38 digits).
    :param rate: units of the target currency for one unit of the source currency, or ``None``.
    :param requested_date: the date the caller asked for (the article's date), or ``None`` if missing.
    :param rate_date: the date of the publication actually used (may be up to 5 days before the requested
        date: weekends, TARGET holidays).
    :param source: rate source id: ``ecb`` (ECB euro reference rates), ``table`` (a user's FX table),
        ``live`` (forex-python), ``fixed`` (irrevocable euro conversion rates of legacy currencies), or
        ``identity`` (:data:`SAME_CURRENCY_SOURCE`: a currency into itself, rate 1, no source consulted).
    :param path: the currencies the conversion went through, e.g. ``("USD", "EUR", "GBP")``.
    :param status: outcome from a closed set; never an exception.
    :param message: human-readable explanation (empty for ``ok`` unless there is something to say).
    :param amount_max: the converted upper bound of a range, rounded like ``amount``; ``None`` otherwise.
    """

    currency: str
    amount: Decimal | None
    amount_unrounded: Decimal | None
    rate: Decimal | None
    requested_date: dt.date | None
    rate_date: dt.date | None
    source: str
    path: tuple[str, ...]
    status: ConversionStatus
    message: str = ""
    amount_max: Decimal | None = None
    amount_max_unrounded: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One monetary amount found in a text.

    :param text: the surface text, exactly ``input[start:end]``.
    :param start: half-open start offset (code points unless converted at the edge).
    :param end: half-open end offset.
    :param currency: ISO 4217 code, or ``None`` when the text gives no currency that can be resolved
        (e.g. "50 cents" with no other clue).
    :param currency_alternatives: other ISO codes the currency marker could mean (``$`` → CAD, AUD, …), in
        order of likelihood; empty when the marker is unambiguous.
    :param amount: exact amount in major units; the lower bound for a range.
    :param amount_max: the upper bound of a range, else ``None``.
    :param qualifier: how the text bounds the amount.
    :param per_unit: for per-unit prices ("$80 a barrel", "15 cents per share"): the unit (``barrel``,
        ``share``), else ``None``.
    :param equivalent_of: index (in the same result list) of the mention this one restates in another
        currency ("€89 billion ($95 billion)": the second has ``equivalent_of=0``), else ``None``.
    :param currency_basis: how the currency was determined: ``code`` (ISO code), ``symbol`` (an unambiguous
        symbol), ``name`` (a currency name), ``default`` (an ambiguous marker resolved to its default),
        ``hint`` (resolved by the request's locale hint), ``context`` (resolved by the same document),
        ``none`` (no currency).
    :param conversions: one :class:`Conversion` per requested target currency, in request order.
    """

    text: str
    start: int
    end: int
    currency: str | None
    amount: Decimal
    amount_max: Decimal | None = None
    qualifier: Qualifier = Qualifier.EXACT
    currency_alternatives: tuple[str, ...] = ()
    per_unit: str | None = None
    equivalent_of: int | None = None
    currency_basis: str = "code"
    conversions: tuple[Conversion, ...] = field(default=())


class _MentionSlots:
    """A mutable twin of :class:`Mention` with the same slots, used only by :func:`_new_mention`."""

    __slots__ = Mention.__slots__

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        currency: str | None,
        amount: Decimal,
        amount_max: Decimal | None,
        qualifier: Qualifier,
        currency_alternatives: tuple[str, ...],
        per_unit: str | None,
        equivalent_of: int | None,
        currency_basis: str,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.currency = currency
        self.amount = amount
        self.amount_max = amount_max
        self.qualifier = qualifier
        self.currency_alternatives = currency_alternatives
        self.per_unit = per_unit
        self.equivalent_of = equivalent_of
        self.currency_basis = currency_basis
        self.conversions = ()


def _new_mention(
    text: str,
    start: int,
    end: int,
    currency: str | None,
    amount: Decimal,
    amount_max: Decimal | None,
    qualifier: Qualifier,
    currency_alternatives: tuple[str, ...],
    per_unit: str | None,
    equivalent_of: int | None,
    currency_basis: str,
) -> Mention:
    """Build a :class:`Mention` (``conversions=()``) about 5× faster than its frozen dataclass ``__init__``.

    Private to the extraction engine, which builds one per amount found. The fields are stored in a twin
    class with the same slot layout, then the object's class is switched to :class:`Mention` (a documented
    Python operation for classes of compatible layout), so the result is an ordinary, frozen, equal and
    hashable ``Mention``: ``_new_mention(*args) == Mention(*args)``. No validation is done (as in ``Mention``).
    """
    obj = _MentionSlots(
        text,
        start,
        end,
        currency,
        amount,
        amount_max,
        qualifier,
        currency_alternatives,
        per_unit,
        equivalent_of,
        currency_basis,
    )
    object.__setattr__(obj, "__class__", Mention)
    return obj  # type: ignore[return-value]  # its class is Mention now


# Guard: the twin must fill every field of Mention (fails at import if a field is added to one only).
if _new_mention("", 0, 0, None, Decimal(0), None, Qualifier.EXACT, (), None, None, "") != Mention(
    "", 0, 0, None, Decimal(0), currency_basis=""
):  # pragma: no cover - only when the two classes drift apart
    raise RuntimeError("moneta.model._MentionSlots does not match Mention's fields")


@dataclass(frozen=True, slots=True)
class RateCoverage:
    """Which rate source can convert a currency, and over which dates (inclusive).

    :param source: the source id conversions carry (``ecb``, ``table``, ``live``, ``fixed``).
    :param name: the name a request gives in ``rate_source`` for it (``ecb``, ``live``, a table's name as the
        operator started the server with it), in ``rate_sources`` and in each currency's coverage alike (there
        the ``fixed`` rates are reached as ``ecb``); empty for a default source given as a path (reached by
        naming no source), and outside a server.
    """

    source: str
    first_date: dt.date | None
    last_date: dt.date | None
    name: str = ""


@dataclass(frozen=True, slots=True)
class CurrencyInfo:
    """One currency as :func:`ListCurrencies` describes it.

    :param code: ISO 4217 alphabetic code.
    :param name: English name (CLDR via Babel).
    :param symbols: symbols and short forms the engine recognises for it (CLDR plus curated forms).
    :param minor_unit: ISO 4217 minor unit (number of decimal places), e.g. 2 for EUR, 0 for JPY.
    :param coverage: the rate sources that can convert it, with their date ranges.
    """

    code: str
    name: str
    symbols: tuple[str, ...]
    minor_unit: int
    coverage: tuple[RateCoverage, ...] = ()
