"""The one path from text (or one amount) to converted mentions, shared by every interface.

The CLI in-process, the gRPC servicers, ``moneta batch`` and ``ConvertAmount`` all call these functions, so a
mention is found and converted the same way everywhere:

1. :func:`moneta_service.extract.extract` finds the mentions (code point offsets, no conversions);
2. for each mention and each target currency, in request order, the rate provider's ``convert`` gives one
   :class:`~moneta.model.Conversion` (whatever its status: gaps in the rate data are statuses, not exceptions).

Nothing here imports gRPC or protobuf. Request values that cannot be served at all (a malformed currency code, a
malformed locale hint) raise :class:`InvalidInputError`, which the server turns into ``INVALID_ARGUMENT`` and
the CLI into exit code 2.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from moneta._quoting import quoted
from moneta.model import Conversion, ConversionStatus, CurrencyInfo, Mention, RateCoverage

if TYPE_CHECKING:
    from moneta_service.rates import RateProvider

__all__ = [
    "InvalidInputError",
    "RateSources",
    "convert_amount",
    "currencies",
    "extract_and_convert",
    "log_rate_data",
    "validate_currency_code",
    "validate_locale_hint",
]

_CURRENCY_CODE_RE = re.compile(r"[A-Z]{3}")
# BCP-47 language tag or a bare region/market: "en", "en-AU", "de_CH", "zh-Hant-HK", "AU". Checked loosely on
# shape (the engine decides what a hint means); the point is to refuse garbage with a clear message.
_LOCALE_HINT_RE = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")


class InvalidInputError(ValueError):
    """A request value that moneta cannot work with (server: ``INVALID_ARGUMENT``; CLI: exit code 2).

    :param field: the request field at fault, e.g. ``"target_currency_codes[1]"``.
    :param reason: a stable UPPER_SNAKE reason (``INVALID_CURRENCY_CODE``, ``INVALID_LOCALE_HINT``, ...).
    :param message: one line of English that says what is wrong and repeats the offending value.
    :param metadata: the dynamic parts of the message, lowerCamel keys (for ``google.rpc.ErrorInfo``).
    """

    def __init__(
        self, field: str, reason: str, message: str, metadata: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason
        self.message = message
        self.metadata: dict[str, str] = dict(metadata or {})


def validate_currency_code(code: str, field: str) -> str:
    """Return ``code`` if it has the shape of an ISO 4217 alphabetic code (three upper-case ASCII letters).

    Whether the code exists is not checked here: a well-formed unknown code gives a conversion with status
    ``unknown_currency``, as the contract says.

    >>> validate_currency_code("USD", "target_currency_codes[0]")
    'USD'

    :raises InvalidInputError: reason ``INVALID_CURRENCY_CODE`` otherwise (``"usd"``, ``"US"``, ``"€"``, ``""``).
    :raises TypeError: ``code`` is not a str.
    """
    if not isinstance(code, str):
        raise TypeError(f"{field} must be an ISO 4217 code (str), not {type(code).__name__}")
    if not _CURRENCY_CODE_RE.fullmatch(code):
        raise InvalidInputError(
            field,
            "INVALID_CURRENCY_CODE",
            f"{field} must be an ISO 4217 code of three upper-case letters such as USD, got {code[:20]!r}",
            {"field": field, "value": code[:20]},
        )
    return code


def validate_locale_hint(hint: str | None, field: str = "locale_hint") -> str | None:
    """Return ``hint`` (or ``None``) if it is a BCP-47 locale CLDR knows, such as ``en-AU`` or ``en_AU``.

    The rule is :func:`moneta._codec.locale_hint_problem` (Babel/CLDR; a bare region such as ``AU`` is refused).
    Extension and private-use subtags are dropped from the hint returned (``en-US-u-cu-eur`` → ``en-US``).

    :raises InvalidInputError: reason ``INVALID_LOCALE_HINT`` otherwise.
    """
    if hint is None or hint == "":
        return None
    if len(hint) > 35 or not _LOCALE_HINT_RE.fullmatch(hint):
        raise InvalidInputError(
            field,
            "INVALID_LOCALE_HINT",
            f"{field} must be a BCP-47 locale such as en-AU, got {quoted(hint)}",
            {"field": field, "value": hint[:40]},
        )
    from moneta._codec import locale_hint_core, locale_hint_problem  # CLDR via Babel: the CLI's --locale rule

    problem = locale_hint_problem(hint)
    if problem is not None:
        raise InvalidInputError(
            field, "INVALID_LOCALE_HINT", f"{field}: {problem}", {"field": field, "value": hint[:40]}
        )
    return locale_hint_core(hint)  # extension and private-use subtags (en-US-u-cu-eur) are ignored


class RateSources:
    """The rate sources one server (or one run) serves, by the names requests use in ``rate_source``.

    A server serves only the sources it was started with: ``ecb`` (the embedded ECB reference rates: no network;
    always served, as the default and as the only fallback), ``live`` (forex-python, needs the network) only when
    it is the default (``moneta serve --rates live``), and each table the server was started with (``moneta serve
    --table NAME=PATH``). An empty name means the default source. A request can never name a file path: only the
    operator chooses files.

    :param default: the spec of the default source, as :func:`moneta_service.rates.open_provider` takes it
        (``ecb``, ``live`` or a path).
    :param tables: ``{name: path}`` of the user rate tables (CSV/Parquet, or an ECB history file).
    """

    BUILTIN = ("ecb", "live")

    def __init__(self, default: str = "ecb", tables: Mapping[str, str] | None = None) -> None:
        self.default = default
        self.tables: dict[str, str] = dict(tables or {})
        self._relabelled: dict[str, tuple[RateProvider, RateProvider]] = {}

    def names(self) -> list[str]:
        """Return the names a request may use: ``ecb``, ``live`` when it is the default, then the tables."""
        builtin = [name for name in self.BUILTIN if name == "ecb" or name == self.default]
        return [*builtin, *sorted(n for n in self.tables if n not in self.BUILTIN)]

    def spec(self, name: str | None, field: str = "rate_source") -> str:
        """Return the ``open_provider`` spec for ``name`` (``None`` or empty: the default source).

        :raises InvalidInputError: ``UNKNOWN_RATE_SOURCE`` for a name this server does not serve.
        """
        if not name:
            return self.default
        if name in self.tables:
            return self.tables[name]
        if name in self.names():
            return name
        raise InvalidInputError(
            field,
            "UNKNOWN_RATE_SOURCE",
            f"{field} {quoted(name)} is not served here; use one of {', '.join(self.names())}",
            {"field": field, "value": name[:40]},
        )

    def provider(self, rate_source: str | None = None, rate_fallback: str | None = None) -> RateProvider:
        """Open (or reuse: ``open_provider`` caches) the provider for a request's source and fallback.

        :raises InvalidInputError: for an unknown source name (``UNKNOWN_RATE_SOURCE``) or a fallback other than
            ``ecb`` (``INVALID_RATE_SOURCE``, field ``rate_fallback``).
        :raises moneta_service.rates.RatesError: when the operator's file cannot be read.
        """
        from moneta_service.rates import open_provider
        from moneta_service.rates.table import TableProvider

        spec = self.spec(rate_source, "rate_source")
        if rate_fallback and rate_fallback != "ecb":
            # (never resolved to a table's path first: the message would show the server's file path)
            raise InvalidInputError(
                "rate_fallback",
                "INVALID_RATE_SOURCE",
                f"rate_fallback {quoted(rate_fallback)} is not a fallback; the only fallback is 'ecb'",
                {"field": "rate_fallback", "value": rate_fallback[:40]},
            )
        fallback = self.spec(rate_fallback, "rate_fallback") if rate_fallback else None
        provider = open_provider(spec, fallback=fallback)
        if not isinstance(provider, TableProvider):
            return provider
        # Conversion messages name a served table as requests do, never by the server's file path.
        name = rate_source if rate_source else None
        label = f"'{name}'" if name else "served as the default"
        cached = self._relabelled.get(label)
        if cached is None or cached[0] is not provider:  # first use, or the file changed and was re-read
            cached = (provider, provider.relabelled(label))
            self._relabelled[label] = cached
        return cached[1]

    def named_providers(self) -> list[tuple[str, RateProvider]]:
        """Return ``(name, provider)`` of every source served, in :meth:`providers` order: the name a request
        gives in ``rate_source`` (``ecb``, ``live``, a table's name; ``""`` for a default given as a path,
        which a request reaches by naming no source)."""
        default = self.default if self.default in self.BUILTIN else ""
        names = [default, *(["ecb"] if self.default != "ecb" else []), *sorted(self.tables)]
        return list(zip(names, self.providers(), strict=True))

    def providers(self) -> list[RateProvider]:
        """Return the provider of every source served: the default first, then ``ecb`` (unless it is the
        default), then the tables by name. Each is opened once (``open_provider`` caches)."""
        opened = [self.provider()]
        if self.default != "ecb":
            opened.append(self.provider("ecb"))
        opened.extend(self.provider(name) for name in sorted(self.tables))
        return opened


#: Rate data whose last date is more than this many days before today is reported as stale at start-up.
STALE_AFTER_DAYS = 7


def log_rate_data(sources: RateSources, logger: logging.Logger, today: dt.date | None = None) -> list[str]:
    """Log the first and last date of every source served, one ``INFO`` record each (the server's start-up log),
    and return the messages (``moneta serve`` prints them under its ready line, visible at any log level).

    The message reads ``rate data ecb: 1999-01-04 to 2026-10-30`` (a table: ``rate data table mine (fx.csv): …``;
    a default given as a path: ``rate data table fx.csv (default): …``); when the data ends more than
    :data:`STALE_AFTER_DAYS` days before ``today`` (default: today) it goes on to say what later dates get
    (``date_after_data``; for a table, the ECB's rate where the ECB has the pair) and how to refresh. Fields: ``rate_source``, ``first_date``, ``last_date`` (ISO dates or
    null), ``stale`` (bool). (INFO, not WARNING: a record before the ready line would precede it on stderr.)
    """
    today = today or dt.date.today()
    messages: list[str] = []
    labels = [
        sources.default if sources.default in RateSources.BUILTIN else f"table {sources.default} (default)",
        *(["ecb"] if sources.default != "ecb" else []),
        *(f"table {name} ({sources.tables[name]})" for name in sorted(sources.tables)),
    ]
    for label, provider in zip(labels, sources.providers(), strict=True):
        described = provider.describe()
        first, last = described.first_date, described.last_date
        stale = last is not None and (today - last).days > STALE_AFTER_DAYS
        message = f"rate data {label}: {first or 'open'} to {last or 'open'}"
        if stale and last is not None:
            if described.source == "ecb":
                later = "later dates get date_after_data; run `moneta rates update` as the server's user"
            elif described.source == "table":
                later = (
                    "later dates use the ECB reference rates where the ECB has the pair, else get "
                    "date_after_data; give the server a newer table"
                )
            else:
                later = "later dates get date_after_data; give the server newer rate data"
            message += f" ({(today - last).days} days old: {later})"
        extra = {
            "rate_source": described.source,
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
            "stale": stale,
        }
        logger.info("%s", message, extra=extra)
        messages.append(message)
    return messages


def _default_provider() -> RateProvider:
    from moneta_service.rates import open_provider

    return open_provider("ecb")


def _check_date(date: object) -> dt.date | None:
    """Return ``date`` if it is a ``datetime.date`` (not a datetime) or ``None``.

    :raises TypeError: anything else, with what to pass instead.
    """
    if date is None or (isinstance(date, dt.date) and not isinstance(date, dt.datetime)):
        return date
    if isinstance(date, dt.datetime):
        raise TypeError(
            f"date must be a datetime.date, not a datetime ({date.isoformat()}): pass the day you mean, "
            "e.g. its .date() (moneta batch takes the UTC day of a timestamp)"
        )
    if isinstance(date, str):
        raise TypeError(
            f"date must be a datetime.date or None, not the str {quoted(date)}: "
            "parse it first, e.g. moneta.dates.parse_iso_date('2024-04-26')"
        )
    raise TypeError(f"date must be a datetime.date or None, not {type(date).__name__}")


def _check_targets(targets: object) -> Sequence[str]:
    """Return ``targets`` if it is a sequence (list, tuple) of str; a plain str is refused, not split into letters.

    :raises TypeError: a str, bytes, a non-sequence, or an element that is not a str.
    """
    if isinstance(targets, str):
        raise TypeError(
            f"targets must be a list of ISO 4217 codes, not the str {quoted(targets)}: "
            f"write targets=[{targets!r}]"
        )
    if isinstance(targets, bytes | bytearray) or not isinstance(targets, Sequence):
        raise TypeError(f"targets must be a list of ISO 4217 codes, not {type(targets).__name__}")
    for i, code in enumerate(targets):
        if not isinstance(code, str):
            raise TypeError(f"targets[{i}] must be an ISO 4217 code (str), not {type(code).__name__}")
    return targets


def _check_provider(provider: object) -> None:
    """Refuse a ``provider`` that is neither ``None`` nor a rate provider (something with ``convert``).

    :raises TypeError: e.g. a source name given as a str.
    """
    if provider is not None and not callable(getattr(provider, "convert", None)):
        raise TypeError(
            f"provider must be a rate provider or None, not {type(provider).__name__}: "
            "open one with moneta_service.rates.open_provider('ecb') (or a table path)"
        )


def extract_and_convert(
    text: str,
    *,
    date: dt.date | None = None,
    targets: Sequence[str] = (),
    locale_hint: str | None = None,
    provider: RateProvider | None = None,
) -> list[Mention]:
    """Find every monetary amount in ``text`` and convert each into every target currency.

    The in-process Python API (no server): ``extract_and_convert("It cost €5.", date=datetime.date(2024, 4,
    26), targets=["USD"])``. Every argument is checked before any work.

    :param text: the text, untouched (offsets index it in code points).
    :param date: the publication date (a ``datetime.date``, the day as the caller means it): the date of the
        reference rates used; ``None`` gives conversions with status ``date_missing``.
    :param targets: a list (or tuple) of ISO 4217 codes, in the order the conversions are returned; each is
        checked with :func:`validate_currency_code` (field ``target_currency_codes[i]``). Empty: no conversions.
    :param locale_hint: a BCP-47 locale or market hint for ambiguous symbols (``en-AU``), or ``None``.
    :param provider: the rate provider (:func:`moneta_service.rates.open_provider`); ``None`` opens the
        embedded ECB rates when there are targets.
    :returns: the mentions in text order with ``conversions`` filled (one per target; none without targets).
    :raises TypeError: ``text`` not a str; ``date`` not a ``datetime.date`` or ``None`` (a ``"2024-04-26"``
        string or a datetime); ``targets`` a plain str (``"USD"``: write ``["USD"]``) or not a sequence of str;
        ``locale_hint`` not a str or ``None``; ``provider`` not a rate provider.
    :raises InvalidInputError: (a ``ValueError``) for a malformed or repeated target code
        (``DUPLICATE_TARGET``) or locale hint.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    date = _check_date(date)
    targets = _check_targets(targets)
    if locale_hint is not None and not isinstance(locale_hint, str):
        raise TypeError(f"locale_hint must be a str or None, not {type(locale_hint).__name__}")
    _check_provider(provider)
    codes = [validate_currency_code(code, f"target_currency_codes[{i}]") for i, code in enumerate(targets)]
    for i, code in enumerate(codes):
        if code in codes[:i]:
            raise InvalidInputError(
                f"target_currency_codes[{i}]",
                "DUPLICATE_TARGET",
                f"target_currency_codes lists {code} twice (at {codes.index(code)} and {i}): give each code once",
                {"code": code},
            )
    hint = validate_locale_hint(locale_hint)
    from moneta_service.extract import extract

    mentions = extract(text, locale_hint=hint)
    if not codes:
        return list(mentions)
    rates = provider if provider is not None else _default_provider()
    return [dataclasses.replace(m, conversions=_convert_mention(m, codes, date, rates)) for m in mentions]


def _convert_mention(
    mention: Mention, targets: Sequence[str], date: dt.date | None, provider: RateProvider
) -> tuple[Conversion, ...]:
    if mention.currency is None:
        from moneta_service.rates.base import failed

        unresolved = "the mention has no currency that can be resolved, so it cannot be converted"
        return tuple(
            failed(t, date, provider.name, ConversionStatus.UNKNOWN_CURRENCY, unresolved) for t in targets
        )
    return tuple(
        provider.convert(mention.amount, mention.currency, target, date, amount_max=mention.amount_max)
        for target in targets
    )


def convert_amount(
    amount: Decimal,
    source_currency_code: str,
    target_currency_code: str,
    *,
    date: dt.date | None = None,
    provider: RateProvider | None = None,
) -> Conversion:
    """Convert one amount (major units) at the reference rate of ``date``; the path of ``ConvertAmount``.

    The in-process Python API: ``convert_amount(Decimal("5.10"), "EUR", "USD", date=datetime.date(2024, 4,
    26))``. Every argument is checked before any work.

    :param amount: the amount in major units of ``source_currency_code``, a ``decimal.Decimal`` (never a float:
        ``5.1`` is not exactly 5.1; nor a str: write ``Decimal("5.1")``).
    :param source_currency_code: the ISO 4217 code of the amount (``EUR``).
    :param target_currency_code: the ISO 4217 code to convert into (``USD``).
    :param date: the day whose reference rate is used (a ``datetime.date``); ``None`` gives ``date_missing``.
    :param provider: the rate provider (:func:`moneta_service.rates.open_provider`); ``None``: the embedded ECB
        rates.
    :returns: the conversion, whatever its status (``date_missing`` without a date, ``unknown_currency`` for a
        well-formed code that is not ISO 4217, ...).
    :raises TypeError: ``amount`` not a ``Decimal`` (a float, int or str); a code not a str; ``date`` not a
        ``datetime.date`` or ``None``; ``provider`` not a rate provider.
    :raises InvalidInputError: (a ``ValueError``) ``INVALID_CURRENCY_CODE`` for a malformed code,
        ``INVALID_AMOUNT`` for a non-finite amount, ``AMOUNT_OUT_OF_RANGE`` when the converted amount does not
        fit 38 significant digits.
    """
    if not isinstance(amount, Decimal):
        shown = (
            f"{type(amount).__name__} {amount!r}"
            if isinstance(amount, int | float | str)
            else type(amount).__name__
        )
        hint = f": write Decimal({str(amount)!r})" if isinstance(amount, int | float | str) else ""
        raise TypeError(f"amount must be a decimal.Decimal (money is never a float), not {shown}{hint}")
    date = _check_date(date)
    _check_provider(provider)
    validate_currency_code(source_currency_code, "source_currency_code")
    validate_currency_code(target_currency_code, "target_currency_code")
    if not amount.is_finite():
        raise InvalidInputError(
            "amount",
            "INVALID_AMOUNT",
            f"amount must be a finite decimal, got {amount}",
            {"value": str(amount)},
        )
    from moneta_service.rates import RatesError
    from moneta_service.rates.base import short_decimal

    rates = provider if provider is not None else _default_provider()
    try:
        return rates.convert(amount, source_currency_code, target_currency_code, date)
    except RatesError as exc:  # the amount does not fit 38-digit arithmetic once converted
        raise InvalidInputError(
            "amount",
            "AMOUNT_OUT_OF_RANGE",
            str(exc).splitlines()[0],
            # as the message shows it: the plain digits, or their first 20 and the length ("10000000000000000000…
            # (401 characters)"), never hundreds of digits (the server gives the request's own text instead)
            {"value": short_decimal(amount)},
        ) from None


def currencies(
    provider: RateProvider | None, *others: RateProvider, names: Sequence[str] | None = None
) -> list[CurrencyInfo]:
    """Return every currency moneta knows, sorted by code: the engine's catalogue plus the providers' codes.

    Names and symbols come from the engine's catalogue (CLDR via Babel, plus curated forms), or the ISO 4217
    name for a code only the rate data knows; minor units from ISO 4217 (:func:`moneta_service.money.minor_unit`).
    ``coverage`` lists, for each currency, every source that can convert it with its first and last date (from
    each provider's ``coverage()``: ``ecb``, ``fixed`` for the legacy euro currencies, ``table`` for a user's
    table), ``provider`` first, then ``others`` in order, without repeats; empty without a provider.

    :param names: the name a request gives in ``rate_source`` for ``provider`` and each of ``others``, in order
        (a server's :meth:`RateSources.named_providers`). Each coverage entry then carries the name that reaches
        it: a provider's own entries its name (a table's ``table`` entries the operator's ``mine``), the ECB
        entries of a fallback (``ecb``, ``fixed``) ``ecb``. ``None``: entries keep an empty name.
    """
    from moneta_service.extract import currency_catalog
    from moneta_service.money import UnknownCurrencyError, iso_name, minor_unit

    catalog: dict[str, tuple[str, tuple[str, ...]]] = {
        code: (name, tuple(symbols)) for code, name, symbols in currency_catalog()
    }
    coverage: dict[str, list[RateCoverage]] = {}
    sources = (provider, *others) if provider is not None else others
    if names is not None and len(names) != len(sources):
        raise ValueError(f"{len(names)} names for {len(sources)} rate providers")
    for index, source in enumerate(sources):
        for code, spans in source.coverage().items():
            known = coverage.setdefault(code, [])
            for covered in spans:
                if names is not None:
                    own = covered.source == source.name  # else a fallback's entry: the ECB's
                    named = names[index] if own else ("ecb" if covered.source in ("ecb", "fixed") else "")
                    covered = dataclasses.replace(covered, name=named)
                if covered not in known:
                    known.append(covered)
    result: list[CurrencyInfo] = []
    for code in sorted(set(catalog) | set(coverage)):
        try:
            units = minor_unit(code)
            name = catalog[code][0] if code in catalog else iso_name(code)
        except UnknownCurrencyError:
            units, name = 0, catalog.get(code, (code, ()))[0]
        result.append(
            CurrencyInfo(
                code=code,
                name=name,
                symbols=catalog.get(code, ("", ()))[1],
                minor_unit=units,
                coverage=tuple(coverage.get(code, ())),
            )
        )
    return result
