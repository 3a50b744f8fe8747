"""Thin Python clients of a moneta server: :class:`MonetaClient` (blocking) and :class:`AsyncMonetaClient` (asyncio).

They need only grpcio, protobuf and googleapis-common-protos, and speak :mod:`moneta.model` objects::

    from moneta import MonetaClient

    with MonetaClient("localhost:50051") as client:
        for mention in client.extract("It costs €89 billion.", targets=["USD"], date=dt.date(2024, 4, 26)):
            print(mention.text, mention.amount, mention.conversions[0].amount)

Every call has a deadline (``timeout`` seconds, :data:`DEFAULT_TIMEOUT` unless given); the channel retries a call
only when the server is ``UNAVAILABLE`` (a gRPC service-config ``retryPolicy``: at most 4 attempts, exponential
backoff), never after the server has answered. A failed call raises a :class:`MonetaError` subclass carrying the
status code, the message, and the ``google.rpc.ErrorInfo`` / ``BadRequest`` details the server attached.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from types import TracebackType
from typing import Any, Self

import grpc
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from moneta import _codec
from moneta._quoting import quoted
from moneta.dates import parse_iso_date
from moneta.model import Conversion, CurrencyInfo, Mention, OffsetEncoding
from moneta.streaming import DocumentStream, StreamDocument, StreamResult, channel_target
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncMonetaClient",
    "ClientClosedError",
    "DeadlineExceededError",
    "InvalidArgumentError",
    "MonetaClient",
    "MonetaError",
    "ResourceExhaustedError",
    "UnavailableError",
]

#: Seconds a call may take unless the caller gives another ``timeout``.
DEFAULT_TIMEOUT = 30.0

_SERVICE = "moneta.v1.MonetaService"

#: The channel's service config: retry only UNAVAILABLE (the server was not reached or is restarting).
SERVICE_CONFIG = json.dumps(
    {
        "loadBalancingConfig": [{"round_robin": {}}],
        "methodConfig": [
            {
                "name": [{"service": _SERVICE}],
                "retryPolicy": {
                    "maxAttempts": 4,
                    "initialBackoff": "0.1s",
                    "maxBackoff": "2s",
                    "backoffMultiplier": 2,
                    "retryableStatusCodes": ["UNAVAILABLE"],
                },
            }
        ],
    }
)


class MonetaError(Exception):
    """A failed moneta call.

    :ivar code: the gRPC status code.
    :ivar message: the server's one-line message.
    :ivar reason: ``ErrorInfo.reason`` (e.g. ``INVALID_CURRENCY_CODE``), or ``None`` without rich details.
    :ivar domain: ``ErrorInfo.domain`` (``moneta.dev`` for moneta's own errors).
    :ivar metadata: ``ErrorInfo.metadata``.
    :ivar field_violations: ``(field, description)`` pairs from ``google.rpc.BadRequest``.
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        *,
        reason: str | None = None,
        domain: str | None = None,
        metadata: dict[str, str] | None = None,
        field_violations: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.metadata = dict(metadata or {})
        self.field_violations = tuple(field_violations)

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}"


class InvalidArgumentError(MonetaError):
    """The request was invalid (``INVALID_ARGUMENT``): see :attr:`reason` and :attr:`field_violations`."""


class ResourceExhaustedError(MonetaError):
    """The request went beyond one of the server's limits (``RESOURCE_EXHAUSTED``)."""


class UnavailableError(MonetaError):
    """The server could not be reached, even after retries (``UNAVAILABLE``)."""


class DeadlineExceededError(MonetaError):
    """The call did not finish before its deadline (``DEADLINE_EXCEEDED``)."""


class ClientClosedError(MonetaError):
    """A call on a client after its :meth:`~MonetaClient.close` (or the end of its ``with`` block); ``code`` is
    ``FAILED_PRECONDITION``. Nothing was sent: open a new client."""

    def __init__(self, client: str) -> None:
        super().__init__(
            grpc.StatusCode.FAILED_PRECONDITION,
            f"this {client} is closed (close() was called, or its with block ended): create a new {client} "
            "to call the server again",
            reason="CLIENT_CLOSED",
        )


_ERROR_TYPES: dict[grpc.StatusCode, type[MonetaError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    grpc.StatusCode.UNAVAILABLE: UnavailableError,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceededError,
}


def _error(code: grpc.StatusCode, details: str | None, status: status_pb2.Status | None) -> MonetaError:
    """Build the typed exception of a failed call from its code, details and rich status (if any)."""
    kwargs: dict[str, Any] = {}
    if status is not None:
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            bad = error_details_pb2.BadRequest()
            if detail.Is(info.DESCRIPTOR):
                detail.Unpack(info)
                kwargs.update(reason=info.reason, domain=info.domain, metadata=dict(info.metadata))
            elif detail.Is(bad.DESCRIPTOR):
                detail.Unpack(bad)
                kwargs["field_violations"] = [(v.field, v.description) for v in bad.field_violations]
    return _ERROR_TYPES.get(code, MonetaError)(code, details or code.name.lower(), **kwargs)


def _error_from_call(call: Any) -> MonetaError:
    try:
        status = rpc_status.from_call(call)
    except ValueError:  # code or message in the details do not match the call's: keep the plain status
        status = None
    return _error(call.code(), call.details(), status)


#: The largest response a client accepts, in bytes: a 1 MiB money-dense text converted into several currencies
#: answers with tens of MB, beyond gRPC's default of 4 MiB (the server's limits bound requests, not answers).
MAX_RESPONSE_BYTES = 1 << 30


def _options(options: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [
        ("grpc.enable_retries", 1),
        ("grpc.service_config", SERVICE_CONFIG),
        ("grpc.max_receive_message_length", MAX_RESPONSE_BYTES),
        *options,
    ]


def _amount(value: object) -> Decimal:
    """Return ``value`` as a finite Decimal, by the rules of the wire (:func:`moneta._codec.decimal_from_text`,
    as the server reads a request): text is ASCII digits with an optional sign, ``.`` and exponent (surrounding
    white space ignored, as the CLI does), so ``"5_000"`` and ``"٥"`` (Arabic-Indic five), which Python's
    ``Decimal`` would read, are refused as the server and the CLI refuse them; an exponent beyond ±1000 is refused
    before its plain notation is built (``"1e20000000"`` would be 20 MB on the wire). Floats are refused (they
    cannot hold most decimal amounts exactly).

    :raises TypeError: not a Decimal, str or int (a float, bytes, None...).
    :raises ValueError: not a decimal (``"abc"``, ``"5_000"``, ``"1,234.50"``), NaN/Infinity, or out of range.
    """
    if isinstance(value, float | bool) or not isinstance(value, Decimal | str | int):
        raise TypeError(f"amounts are Decimal, str or int, never {type(value).__name__}")
    try:
        if isinstance(value, str):
            return _codec.decimal_from_text(value.strip(), "amount")
        amount = value if isinstance(value, Decimal) else Decimal(value)
        if not amount.is_finite():
            raise ValueError(f"amount must be a finite decimal, not {quoted(str(value))}")
        _codec.check_decimal_range(amount, "amount")
    except _codec.CodecError as exc:  # a plain ValueError for callers, with the wire's message
        hint = (
            " (digits, an optional sign, '.' and exponent, such as '1234.50')"
            if "not a decimal" in exc.message
            else ""
        )
        raise ValueError(exc.message + hint) from None
    return amount


# Invalid arguments are refused before any call, with the built-in exceptions: TypeError for a wrong type
# (bytes or None as text, a float amount), ValueError for a bad value (an amount NaN, a date string that is not
# YYYY-MM-DD). A request the server refuses raises InvalidArgumentError (a MonetaError).


def _text_arg(text: object) -> str:
    if isinstance(text, bytes | bytearray):
        raise TypeError("text must be str, not bytes: decode it first (e.g. data.decode('utf-8'))")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    try:
        text.encode("utf-8")  # the wire is UTF-8: a lone surrogate cannot be sent
    except UnicodeEncodeError as exc:
        raise ValueError(f"text is not valid Unicode: a lone surrogate at code point {exc.start}") from None
    return text


def _date_arg(date: object) -> dt.date | None:
    """Accept a date (a datetime gives its date), an ISO ``YYYY-MM-DD`` string, or None."""
    if date is None:
        return None
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    if isinstance(date, str):
        return parse_iso_date(date)  # ValueError: malformed, or no such date (moneta.dates: one message)
    raise TypeError(f"date must be a datetime.date or a 'YYYY-MM-DD' string, not {type(date).__name__}")


def _timeout_arg(timeout: object, default: float | None = None) -> float:
    """Return a deadline in seconds: ``timeout``, or ``default`` when it is ``None``.

    0 is not "the default" (only ``None`` is): a deadline must be a finite number of seconds > 0.

    :raises TypeError: not an int or float (a str, a bool, a Decimal).
    :raises ValueError: 0, negative, NaN or infinite.
    """
    if timeout is None and default is not None:
        return default
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(f"timeout must be a number of seconds (int or float), not {type(timeout).__name__}")
    if not math.isfinite(timeout) or timeout <= 0:
        raise ValueError(f"timeout must be a finite number of seconds > 0, not {timeout!r}")
    return float(timeout)


def _offset_encoding_arg(encoding: object) -> OffsetEncoding:
    """Accept an :class:`OffsetEncoding`, or its value or name as text in any case (``"utf16"``, ``"UTF16"``).

    :raises TypeError: not an OffsetEncoding or str (``7``, ``None``).
    :raises ValueError: a str that names no encoding.
    """
    if isinstance(encoding, OffsetEncoding):
        return encoding
    known = ", ".join(f"OffsetEncoding.{e.name}" for e in OffsetEncoding)
    if not isinstance(encoding, str):
        raise TypeError(f"offset_encoding must be one of {known}, not {type(encoding).__name__}")
    wanted = encoding.strip().lower()
    for member in OffsetEncoding:
        if wanted in (member.value, member.name.lower()):
            return member
    raise ValueError(
        f"offset_encoding must be one of {known} (or 'code_points', 'utf16', 'utf8'), not {quoted(encoding)}"
    )


def _addresses_arg(target: object, name: str = "target") -> tuple[str, ...]:
    """Accept one server address (``"host:port"`` or a gRPC target such as ``"dns:///moneta:50051"``), never
    split into characters, or a list or tuple (any sequence) of them.

    :param name: the argument's name in messages (``target``, ``addresses``).
    :raises TypeError: not a str or a sequence of str (``123``, bytes, a set, an item that is not a str).
    :raises ValueError: no address, or an empty (or blank) one.
    """
    if isinstance(target, str):
        addresses: tuple[object, ...] = (target,)
    elif isinstance(target, bytes | bytearray) or not isinstance(target, Sequence):
        raise TypeError(
            f"{name} must be a 'host:port' str or a list or tuple of them, not {type(target).__name__}"
        )
    else:
        addresses = tuple(target)
    if not addresses:
        raise ValueError("no server address")
    for address in addresses:
        if not isinstance(address, str):
            raise TypeError(f"each server address must be a str, not {type(address).__name__}")
        if not address.strip():
            raise ValueError("a server address must not be empty")
    return tuple(str(address) for address in addresses)


def _code_arg(code: object, name: str) -> str:
    """An ISO 4217 code argument, upper-cased as the CLI does ("usd" is USD).

    :raises TypeError: not a str.
    :raises ValueError: empty (or only spaces), as the CLI's ``--to ""`` is refused.
    """
    if not isinstance(code, str):
        raise TypeError(f"{name} must be an ISO 4217 code as str, not {type(code).__name__}")
    if not code.strip():
        raise ValueError(f"{name} must be an ISO 4217 code such as USD, not the empty code {code!r}")
    return code.upper() if code.isascii() else code


def _targets_arg(targets: object) -> tuple[str, ...]:
    """Accept a sequence of codes (a list or tuple: conversions come in its order), or one code as a plain
    string (``"USD"``, never split into letters).

    >>> _targets_arg(["usd", "GBP"])
    ('USD', 'GBP')
    >>> _targets_arg({"USD", "GBP"})
    Traceback (most recent call last):
    TypeError: targets must be a list or tuple of ISO 4217 codes (conversions come in its order), not set
    >>> _targets_arg(["USD", ""])
    Traceback (most recent call last):
    ValueError: targets[1] must be an ISO 4217 code such as USD, not the empty code ''
    """
    if isinstance(targets, str):
        return (_code_arg(targets, "targets"),)
    if isinstance(targets, bytes | bytearray) or not isinstance(targets, Sequence):
        raise TypeError(
            "targets must be a list or tuple of ISO 4217 codes (conversions come in its order), "
            f"not {type(targets).__name__}"
        )
    return tuple(_code_arg(code, f"targets[{i}]") for i, code in enumerate(targets))


def _optional_str(value: object, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be str or None, not {type(value).__name__}")
    return value


def _extract_request(
    text: str,
    date: dt.date | str | None,
    targets: Sequence[str],
    offset_encoding: OffsetEncoding,
    locale_hint: str | None,
    rate_source: str | None,
    rate_fallback: str | None,
) -> pb.ExtractAmountsRequest:
    return _codec.extract_query_to_proto(
        _codec.ExtractQuery(
            text=_text_arg(text),
            publication_date=_date_arg(date),
            target_currency_codes=_targets_arg(targets),
            offset_encoding=_offset_encoding_arg(offset_encoding),
            locale_hint=_optional_str(locale_hint, "locale_hint"),
            rate_source=_optional_str(rate_source, "rate_source"),
            rate_fallback=_optional_str(rate_fallback, "rate_fallback"),
        )
    )


def _convert_request(
    amount: Decimal | str | int,
    source_currency_code: str,
    target_currency_code: str,
    date: dt.date | str | None,
    rate_source: str | None,
    rate_fallback: str | None,
) -> pb.ConvertAmountRequest:
    return _codec.convert_query_to_proto(
        _codec.ConvertQuery(
            amount=_amount(amount),
            source_currency_code=_code_arg(source_currency_code, "source_currency_code"),
            target_currency_code=_code_arg(target_currency_code, "target_currency_code"),
            date=_date_arg(date),
            rate_source=_optional_str(rate_source, "rate_source"),
            rate_fallback=_optional_str(rate_fallback, "rate_fallback"),
        )
    )


def _connection(
    target: str | Sequence[str],
    credentials: grpc.ChannelCredentials | None,
    tls: tuple[str | None, str | None, str | None],
) -> tuple[tuple[str, ...], str, grpc.ChannelCredentials | None]:
    """Return (addresses, channel target, credentials) for both clients.

    Several ``host:port`` addresses become one ``ipv4:``/``ipv6:`` target balanced with ``round_robin``
    (:func:`moneta.streaming.channel_target`); PEM files ``tls = (ca, cert, key)`` become TLS credentials unless
    ``credentials`` is given.

    :raises TypeError: ``target`` not a str or a list of str.
    :raises ValueError: no address, or an empty one.
    :raises moneta.tls.TLSConfigError: a TLS file is missing or not PEM, or a certificate without its key.
    """
    addresses = _addresses_arg(target)
    if credentials is None and any(tls):  # TLS / mutual TLS from PEM files
        from moneta.tls import channel_credentials

        credentials = channel_credentials(*tls, names=("tls_ca", "tls_cert", "tls_key"))
    return addresses, channel_target(addresses)[0], credentials


class MonetaClient:
    """A blocking client of ``moneta.v1.MonetaService``; use it as a context manager (or call :meth:`close`).

    :param target: the server's ``host:port`` (any gRPC target string, e.g. ``dns:///moneta:50051`` for every
        address a name resolves to), or several ``host:port`` addresses; calls are balanced over them with
        gRPC's ``round_robin`` policy.
    :param timeout: the default deadline of every call, in seconds: a finite number > 0.
    :param credentials: channel credentials for TLS; ``None`` for a plaintext channel.
    :param options: extra gRPC channel arguments.
    :param tls_ca: PEM file of the CA that signed the server's certificate: TLS (unless ``credentials``).
    :param tls_cert: PEM file of this client's certificate, for mutual TLS (with ``tls_key``).
    :param tls_key: PEM file of this client's private key, for mutual TLS (with ``tls_cert``).
    :raises moneta.tls.TLSConfigError: a TLS file is missing or not PEM, or a certificate without its key.
    :raises ValueError: ``timeout`` 0, negative, NaN or infinite; no address, or an empty one.
    :raises TypeError: ``timeout`` not a number; ``target`` not a str or a list of str.
    """

    def __init__(
        self,
        target: str | Sequence[str] = "localhost:50051",
        *,
        timeout: float = DEFAULT_TIMEOUT,
        credentials: grpc.ChannelCredentials | None = None,
        options: Sequence[tuple[str, Any]] = (),
        tls_ca: str | None = None,
        tls_cert: str | None = None,
        tls_key: str | None = None,
    ) -> None:
        self.addresses, self.target, credentials = _connection(
            target, credentials, (tls_ca, tls_cert, tls_key)
        )
        self.timeout = _timeout_arg(timeout)
        self._credentials = credentials
        if credentials is None:
            self.channel = grpc.insecure_channel(self.target, options=_options(options))
        else:
            self.channel = grpc.secure_channel(self.target, credentials, options=_options(options))
        self._stub = moneta_pb2_grpc.MonetaServiceStub(self.channel)
        self._closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the channel; later calls raise :class:`ClientClosedError`. Closing twice is harmless."""
        self._closed = True
        self.channel.close()

    def _check_open(self) -> None:
        """:raises ClientClosedError: after :meth:`close`."""
        if self._closed:
            raise ClientClosedError(type(self).__name__)

    def extract(
        self,
        text: str,
        *,
        date: dt.date | str | None = None,
        targets: Sequence[str] = (),
        offset_encoding: OffsetEncoding = OffsetEncoding.CODE_POINTS,
        locale_hint: str | None = None,
        rate_source: str | None = None,
        rate_fallback: str | None = None,
        timeout: float | None = None,
    ) -> list[Mention]:
        """Find every monetary amount in ``text`` (``ExtractAmounts``).

        :param date: the publication date, the date of the reference rates used for conversions (a
            ``datetime.date`` or a ``"YYYY-MM-DD"`` string).
        :param targets: ISO 4217 codes to convert every mention into, a list or tuple in the order of the
            conversions (one code may be a plain str).
        :param offset_encoding: the unit of the returned ``start``/``end``.
        :param locale_hint: a BCP-47 locale or market (``en-AU``) for ambiguous symbols such as ``$``.
        :param rate_source: ``ecb`` (the server's default), ``live`` or a table the server was started with.
        :param rate_fallback: a source to fall back to when ``rate_source`` is unavailable (``ecb``).
        :param timeout: this call's deadline in seconds, a finite number > 0 (``None``: the client's).
        :returns: the mentions in text order, each with one conversion per target.
        :raises TypeError: before any call: ``text`` not a str (bytes, None), ``targets`` not codes or not a
            list or tuple (a set has no order), ``offset_encoding`` not an :class:`OffsetEncoding` (or its name).
        :raises ValueError: before any call: an empty code in ``targets`` (``""``, ``["USD", ""]``), ``date``
            a string that is not ``YYYY-MM-DD`` or no such date,
            ``timeout`` not a finite number > 0, ``offset_encoding`` a str that names no encoding.
        :raises MonetaError: the call failed (:class:`InvalidArgumentError` for a bad request;
            :class:`ClientClosedError` after :meth:`close`).
        """
        request = _extract_request(
            text, date, targets, offset_encoding, locale_hint, rate_source, rate_fallback
        )
        self._check_open()
        try:
            response = self._stub.ExtractAmounts(request, timeout=_timeout_arg(timeout, self.timeout))
        except grpc.RpcError as exc:
            raise _error_from_call(exc) from None
        return _codec.mentions_from_proto(response.mentions)

    def convert(
        self,
        amount: Decimal | str | int,
        source_currency_code: str,
        target_currency_code: str,
        *,
        date: dt.date | str | None = None,
        rate_source: str | None = None,
        rate_fallback: str | None = None,
        timeout: float | None = None,
    ) -> Conversion:
        """Convert ``amount`` (major units) at the reference rate of ``date`` (``ConvertAmount``).

        :returns: the conversion whatever its status (check :attr:`Conversion.status`).
        :raises TypeError: before any call: a float (or other non-decimal type) amount, a code not a str.
        :raises ValueError: before any call: an amount that is not a finite decimal in plain digits
            (``"abc"``, ``"NaN"``, ``"5_000"``, ``"1,234.50"``: the server's grammar) or whose exponent is beyond
            ±1000, a ``date`` string that is not ``YYYY-MM-DD``.
        :raises MonetaError: the call failed (:class:`InvalidArgumentError` for a malformed code or amount;
            :class:`ClientClosedError` after :meth:`close`).
        """
        request = _convert_request(
            amount, source_currency_code, target_currency_code, date, rate_source, rate_fallback
        )
        self._check_open()
        try:
            response = self._stub.ConvertAmount(request, timeout=_timeout_arg(timeout, self.timeout))
        except grpc.RpcError as exc:
            raise _error_from_call(exc) from None
        return _codec.conversion_from_proto(response.conversion)

    def extract_stream(
        self,
        documents: Iterable[StreamDocument],
        *,
        targets: object = (),
        rate_source: str | None = None,
        rate_fallback: str | None = None,
        default_date: dt.date | str | None = None,
        offset_encoding: OffsetEncoding = OffsetEncoding.CODE_POINTS,
        max_message_bytes: int | None = None,
    ) -> Iterator[StreamResult]:
        """Extract from many documents over ``StreamExtractAmounts``; yield one result per document.

        Documents are :class:`moneta.streaming.StreamDocument` (``key``, ``text``, ``date``, ``locale_hint``),
        consumed lazily and sent several per message with flow control. Results come in arrival order, each
        document exactly once: when a server is lost mid-stream the unanswered documents are re-sent (to
        another of this client's addresses when there is one) and duplicate answers are dropped. A document
        the server cannot process gets a result with ``error`` and ``code``; the stream goes on. So does a
        document whose request message would exceed the server's message limit (``max_message_bytes`` when
        given, else learnt from the server's refusal, as :class:`moneta.streaming.DocumentStream` does): it is not
        sent, and its result's ``error`` (code ``RESOURCE_EXHAUSTED``) names the limit.

        :raises moneta.streaming.StreamError: the servers stay unreachable, or a non-retryable status.
        :raises ClientClosedError: the client was closed (when the iteration starts).
        A repeated key gets one error result (code ``INVALID_ARGUMENT``) after the others; only its first document
        is sent.
        """
        self._check_open()
        stream = DocumentStream(
            self.addresses,
            targets=_targets_arg(targets),
            rate_source=rate_source,
            rate_fallback=rate_fallback,
            default_date=_date_arg(default_date),
            offset_encoding=_offset_encoding_arg(offset_encoding),
            credentials=self._credentials,
            max_message_bytes=max_message_bytes,
        )
        with stream:  # a repeated key gets an error result of its own (DocumentStream.results)
            yield from stream.results(documents)

    def list_currencies(self, *, timeout: float | None = None) -> list[CurrencyInfo]:
        """Return every currency the server knows, with its minor unit and rate coverage (``ListCurrencies``).

        :raises MonetaError: the call failed (:class:`ClientClosedError` after :meth:`close`).
        """
        self._check_open()
        try:
            response = self._stub.ListCurrencies(
                pb.ListCurrenciesRequest(), timeout=_timeout_arg(timeout, self.timeout)
            )
        except grpc.RpcError as exc:
            raise _error_from_call(exc) from None
        return [_codec.currency_from_proto(c, f"currencies[{i}]") for i, c in enumerate(response.currencies)]


class AsyncMonetaClient:
    """The asyncio twin of :class:`MonetaClient` for single calls; use ``async with``.

    Its methods, each awaited: :meth:`extract`, :meth:`convert`, :meth:`list_currencies` and :meth:`close`.
    It has no ``extract_stream``: stream many documents with :meth:`MonetaClient.extract_stream` or
    :class:`moneta.streaming.DocumentStream` (blocking; from asyncio, in a thread with ``asyncio.to_thread``).

    :param target: the server's ``host:port`` (any gRPC target string), or several ``host:port`` addresses
        balanced with ``round_robin``, as for :class:`MonetaClient`.
    :param timeout: the default deadline of every call, in seconds: a finite number > 0.
    :param credentials: channel credentials for TLS; ``None`` for a plaintext channel.
    :param options: extra gRPC channel arguments.
    :param tls_ca: PEM file of the CA that signed the server's certificate: TLS (unless ``credentials``).
    :param tls_cert: PEM file of this client's certificate, for mutual TLS (with ``tls_key``).
    :param tls_key: PEM file of this client's private key, for mutual TLS (with ``tls_cert``).
    :raises moneta.tls.TLSConfigError: a TLS file is missing or not PEM, or a certificate without its key.
    :raises ValueError: ``timeout`` 0, negative, NaN or infinite; no address, or an empty one.
    :raises TypeError: ``timeout`` not a number; ``target`` not a str or a list of str.
    """

    def __init__(
        self,
        target: str | Sequence[str] = "localhost:50051",
        *,
        timeout: float = DEFAULT_TIMEOUT,
        credentials: grpc.ChannelCredentials | None = None,
        options: Sequence[tuple[str, Any]] = (),
        tls_ca: str | None = None,
        tls_cert: str | None = None,
        tls_key: str | None = None,
    ) -> None:
        self.addresses, self.target, credentials = _connection(
            target, credentials, (tls_ca, tls_cert, tls_key)
        )
        self.timeout = _timeout_arg(timeout)
        if credentials is None:
            self.channel = grpc.aio.insecure_channel(self.target, options=_options(options))
        else:
            self.channel = grpc.aio.secure_channel(self.target, credentials, options=_options(options))
        self._stub = moneta_pb2_grpc.MonetaServiceStub(self.channel)
        self._closed = False

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the channel; later calls raise :class:`ClientClosedError`. Closing twice is harmless."""
        self._closed = True
        await self.channel.close(None)

    async def _call(self, method: Any, request: Any, timeout: float | None) -> Any:
        timeout = _timeout_arg(timeout, self.timeout)
        if self._closed:
            raise ClientClosedError(type(self).__name__)
        call = method(request, timeout=timeout)
        try:
            return await call
        except grpc.aio.AioRpcError:
            try:
                status = await rpc_status.aio.from_call(call)  # type: ignore[attr-defined]  # not in grpc-stubs
            except ValueError:
                status = None
            raise _error(await call.code(), await call.details(), status) from None

    async def extract(
        self,
        text: str,
        *,
        date: dt.date | str | None = None,
        targets: Sequence[str] = (),
        offset_encoding: OffsetEncoding = OffsetEncoding.CODE_POINTS,
        locale_hint: str | None = None,
        rate_source: str | None = None,
        rate_fallback: str | None = None,
        timeout: float | None = None,
    ) -> list[Mention]:
        """Find every monetary amount in ``text``; see :meth:`MonetaClient.extract`."""
        request = _extract_request(
            text, date, targets, offset_encoding, locale_hint, rate_source, rate_fallback
        )
        response: pb.ExtractAmountsResponse = await self._call(self._stub.ExtractAmounts, request, timeout)
        return _codec.mentions_from_proto(response.mentions)

    async def convert(
        self,
        amount: Decimal | str | int,
        source_currency_code: str,
        target_currency_code: str,
        *,
        date: dt.date | str | None = None,
        rate_source: str | None = None,
        rate_fallback: str | None = None,
        timeout: float | None = None,
    ) -> Conversion:
        """Convert one amount; see :meth:`MonetaClient.convert`."""
        request = _convert_request(
            amount, source_currency_code, target_currency_code, date, rate_source, rate_fallback
        )
        response: pb.ConvertAmountResponse = await self._call(self._stub.ConvertAmount, request, timeout)
        return _codec.conversion_from_proto(response.conversion)

    async def list_currencies(self, *, timeout: float | None = None) -> list[CurrencyInfo]:
        """Return every currency the server knows; see :meth:`MonetaClient.list_currencies`."""
        response: pb.ListCurrenciesResponse = await self._call(
            self._stub.ListCurrencies, pb.ListCurrenciesRequest(), timeout
        )
        return [_codec.currency_from_proto(c, f"currencies[{i}]") for i, c in enumerate(response.currencies)]
