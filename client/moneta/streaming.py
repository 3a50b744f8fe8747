"""Client side of ``StreamExtractAmounts``: an iterator of results that survives the loss of a server.

:class:`DocumentStream` sends documents (several per request message) over one bidirectional stream and
yields one :class:`StreamResult` per document, in the order answers arrive. It keeps every document that has
not been answered yet; when the stream breaks (a server killed, a connection reset: ``UNAVAILABLE``,
``CANCELLED``, ``INTERNAL``, ``UNKNOWN``, ``DEADLINE_EXCEEDED``, ``RESOURCE_EXHAUSTED``) it opens a new stream —
on another server when there is one — re-sends those documents, and drops any answer for a document already
answered, so every document is answered exactly once.

Servers: one address (``host:port``), a DNS name (``dns:///moneta.default.svc:50051``, every address it
resolves to), or several addresses; the channel balances calls with gRPC's ``round_robin`` policy. Several
``host:port`` addresses are given to gRPC as one ``ipv4:``/``ipv6:`` target when they are IP literals (or
``localhost``); otherwise each gets its own channel and a broken stream moves to the next one.

Flow control: at most ``max_in_flight`` request messages are sent ahead of the answers; the document
iterator is consumed lazily (a load's memory stays flat).

Only gRPC (with its health-checking stubs), protobuf and :mod:`moneta._codec` are imported: no engine, no rate data.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Self

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from moneta import _codec
from moneta._quoting import quoted
from moneta.model import Mention, OffsetEncoding
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc

__all__ = ["DocumentStream", "StreamDocument", "StreamError", "StreamResult", "channel_target"]

#: Status codes after which the unanswered documents are re-sent on a new stream.
RETRYABLE = frozenset(
    {
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.CANCELLED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.UNKNOWN,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.StatusCode.ABORTED,
    }
)

#: Seconds :meth:`DocumentStream.rate_data` (a load's start-up check) keeps trying before it gives up on
#: servers that do not answer.
STARTUP_TIMEOUT = 5.0

_ROUND_ROBIN = '{"loadBalancingConfig": [{"round_robin": {}}]}'


class StreamError(ConnectionError):
    """The stream cannot go on: every server failed ``max_attempts`` times in a row, or a non-retryable status."""


@dataclass(frozen=True, slots=True)
class StreamDocument:
    """One document to send: ``key`` (unique within the stream, echoed back), text, date, locale hint.

    Checked when built, before anything is sent: ``key`` a non-empty str; ``text`` a str of valid Unicode (the
    wire is UTF-8, so no lone surrogate); ``date`` a ``datetime.date`` or an ISO ``YYYY-MM-DD`` string (kept
    as a date); ``locale_hint`` a str or None.

    :raises TypeError: an argument of the wrong type.
    :raises ValueError: an empty key, a lone surrogate in the text, a malformed date string.
    """

    key: str
    text: str
    date: dt.date | None = None
    locale_hint: str | None = None

    def __post_init__(self) -> None:
        from moneta.client import _date_arg

        if not isinstance(self.key, str):
            raise TypeError(f"key must be a str, not {type(self.key).__name__}")
        if not self.key:
            raise ValueError("key must not be empty")
        if not isinstance(self.text, str):
            raise TypeError(f"text must be a str, not {type(self.text).__name__}")
        try:
            self.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"text is not valid Unicode: a lone surrogate at code point {exc.start}"
            ) from None
        if self.locale_hint is not None and not isinstance(self.locale_hint, str):
            raise TypeError(f"locale_hint must be a str or None, not {type(self.locale_hint).__name__}")
        object.__setattr__(self, "date", _date_arg(self.date))


@dataclass(frozen=True, slots=True)
class StreamResult:
    """The answer for one document: its mentions, or ``error`` and ``code`` (the status's message and code name).

    ``error`` names the document by its key (``the text of document '4' is 207 UTF-8 bytes, more than the
    server's limit of 100 (max_text_bytes)``), not by its place in a request message, which the server's own
    message gives (``documents[1].text …``) but which is this client's batching.
    """

    key: str
    mentions: tuple[Mention, ...] = ()
    error: str | None = None
    code: str | None = None


#: Bytes after which a request message takes no more documents (a message is also never built beyond the
#: server's message limit, :attr:`DocumentStream.max_message_bytes`): several small documents share a message.
MESSAGE_TEXT_BUDGET = 4 << 20

#: gRPC's refusal of a request message over the server's ``--max-message-bytes`` (``RESOURCE_EXHAUSTED``).
_MESSAGE_TOO_LARGE = re.compile(r"Received message larger than max \((\d+) vs\. (\d+)\)")


def _text_bytes(document: StreamDocument) -> int:
    return len(document.text.encode("utf-8", "surrogatepass"))


def _varint_size(value: int) -> int:
    return max(1, (value.bit_length() + 6) // 7)


def _field_size(payload: int) -> int:
    """Bytes of a length-delimited protobuf field (tag below 16) whose payload is ``payload`` bytes."""
    return 1 + _varint_size(payload) + payload


def _split_host_port(address: str) -> tuple[str, str] | None:
    if address.startswith("["):
        host, _, port = address[1:].partition("]:")
        return (host, port) if port else None
    host, sep, port = address.rpartition(":")
    return (host, port) if sep and host else None


def channel_target(addresses: Sequence[str]) -> list[str]:
    """Return the channel targets for ``addresses``: one ``ipv4:``/``ipv6:`` target when they are IP literals.

    >>> channel_target(["127.0.0.1:5001", "localhost:5002"])
    ['ipv4:127.0.0.1:5001,127.0.0.1:5002']
    >>> channel_target(["dns:///moneta:50051"])
    ['dns:///moneta:50051']
    """
    if len(addresses) <= 1:
        return list(addresses)
    families: set[int] = set()
    parts: list[str] = []
    for address in addresses:
        split = _split_host_port(address)
        if split is None:
            return list(addresses)
        host, port = split
        if host == "localhost":
            host = "127.0.0.1"
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return list(addresses)
        families.add(ip.version)
        parts.append(f"[{ip}]:{port}" if ip.version == 6 else f"{ip}:{port}")
    if len(families) != 1:
        return list(addresses)
    return [f"ipv{families.pop()}:{','.join(parts)}"]


class DocumentStream:
    """Send documents over ``StreamExtractAmounts`` and iterate over their results (see the module docstring).

    :param addresses: one server address as a plain string (``"host:port"`` or a gRPC target such as
        ``"dns:///moneta:50051"``), or a list of them (see the module docstring), as :class:`moneta.MonetaClient`.
    :param targets: ISO 4217 codes to convert every mention into: a list or tuple (in the order of the
        conversions; a set is refused), or one code as a plain string (``"USD"``, never split into letters).
    :param rate_source: the server's rate source name (``ecb``, ``live`` or a table name), or ``None``.
    :param rate_fallback: a source to fall back to, or ``None``.
    :param default_date: the date of documents without one.
    :param offset_encoding: the unit of the offsets in the results.
    :param documents_per_message: documents per request message (at most 1000); lowered to a server's own
        limit when it refuses a message as ``TOO_MANY_DOCUMENTS`` (``moneta serve --max-documents-per-message``),
        whose unanswered documents are then sent again in smaller messages.
    :param max_in_flight: request messages sent ahead of their answers.
    :param max_attempts: streams opened in a row without any answer before :class:`StreamError`.
    :param timeout: deadline of one stream, in seconds (``None``: none).
    :param connect_timeout: seconds to wait for a server to accept a connection before an attempt counts as
        failed (so unreachable servers end in :class:`StreamError`, never a hang).
    :param credentials: channel credentials for TLS or mutual TLS (:func:`moneta.tls.channel_credentials`);
        ``None``: plaintext.
    :param max_message_bytes: the servers' request message limit in bytes (``moneta serve
        --max-message-bytes``, 16 MiB by default), when known: a document whose request message alone would be
        larger is not sent and gets an error result of its own (code ``RESOURCE_EXHAUSTED``) naming the limit,
        and no message is built beyond it. ``None`` (the default): learnt from the server, whose gRPC refuses an
        oversized message for the whole stream ("Received message larger than max (N vs. M)"); the stream then
        sends its unanswered documents again under that limit, the oversized one refused as above, and keeps the
        limit for the rest of its calls.
    :raises TypeError: ``addresses`` (or one of them) or ``targets`` (or one code) of the wrong type, or
        ``max_message_bytes`` not an int.
    :raises ValueError: no address, or an empty one; ``max_message_bytes`` below 1.
    """

    def __init__(
        self,
        addresses: str | Sequence[str],
        *,
        targets: str | Sequence[str] = (),
        rate_source: str | None = None,
        rate_fallback: str | None = None,
        default_date: dt.date | None = None,
        offset_encoding: OffsetEncoding = OffsetEncoding.CODE_POINTS,
        documents_per_message: int = 32,
        max_in_flight: int = 4,
        max_attempts: int = 5,
        timeout: float | None = None,
        connect_timeout: float = 20.0,
        credentials: grpc.ChannelCredentials | None = None,
        max_message_bytes: int | None = None,
    ) -> None:
        from moneta.client import _addresses_arg, _offset_encoding_arg, _targets_arg

        if max_message_bytes is not None:
            if isinstance(max_message_bytes, bool) or not isinstance(max_message_bytes, int):
                raise TypeError(f"max_message_bytes must be an int, not {type(max_message_bytes).__name__}")
            if max_message_bytes < 1:
                raise ValueError(f"max_message_bytes must be at least 1, not {max_message_bytes}")

        addresses = _addresses_arg(addresses, "addresses")  # one str is one address, as MonetaClient takes it
        offset_encoding = _offset_encoding_arg(offset_encoding)
        targets = _targets_arg(targets)
        self._targets = list(channel_target(addresses))
        options = [
            ("grpc.service_config", _ROUND_ROBIN),
            ("grpc.enable_retries", 1),
            ("grpc.max_receive_message_length", 1 << 30),  # answers for big documents exceed gRPC's 4 MiB
        ]
        self._channels = [  # TLS / mutual TLS when given credentials (moneta.tls.channel_credentials)
            grpc.insecure_channel(t, options=options)
            if credentials is None
            else grpc.secure_channel(t, credentials, options=options)
            for t in self._targets
        ]
        self._stubs = [moneta_pb2_grpc.MonetaServiceStub(c) for c in self._channels]
        self._next = 0
        self._shared: dict[str, Any] = {"target_currency_codes": list(targets)}
        if rate_source:
            self._shared["rate_source"] = rate_source
        if rate_fallback:
            self._shared["rate_fallback"] = rate_fallback
        if default_date is not None:
            self._shared["default_date"] = _codec.date_to_proto(default_date)
        if offset_encoding is not OffsetEncoding.CODE_POINTS:
            self._shared["offset_encoding"] = _codec.offset_encoding_to_proto(offset_encoding)
        self._per_message = max(1, min(documents_per_message, 1000))
        self._max_in_flight = max(1, max_in_flight)
        self._max_attempts = max(1, max_attempts)
        self._timeout = timeout
        self._connect_timeout = connect_timeout
        self._rate_source = rate_source
        self._closed = False
        #: The servers' request message limit (given, or learnt from a refusal); ``None`` while unknown.
        self.max_message_bytes = max_message_bytes
        #: The servers' text limit, learnt from a ``TEXT_TOO_LONG`` result; ``None`` while unknown.
        self.max_text_bytes: int | None = None

    def close(self) -> None:
        """Close every channel; later calls raise :class:`moneta.ClientClosedError`. Closing twice is harmless."""
        self._closed = True
        for channel in self._channels:
            channel.close()

    def _check_open(self) -> None:
        """:raises moneta.ClientClosedError: after :meth:`close` (as :class:`moneta.MonetaClient` raises it)."""
        if self._closed:
            from moneta.client import ClientClosedError

            raise ClientClosedError(type(self).__name__)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rate_data(
        self, *, check_source: bool = False, startup_timeout: float | None = None
    ) -> tuple[str | None, dt.date | None]:
        """Return the server's rate data version (``source@last date``) and last date, from ListCurrencies.

        Also the start-up check of a load: the call does not wait for a server that refuses connections (a
        closed port answers ``UNAVAILABLE`` at once); it is retried for at most ``startup_timeout`` seconds
        (:data:`STARTUP_TIMEOUT` by default) on every channel, so an unreachable server fails in seconds
        rather than after ``max_attempts × connect_timeout``. Losing a server later, mid-stream, is still
        survived by :meth:`results`.

        :param check_source: refuse a ``rate_source`` the answering server does not serve.
        :raise StreamError: when no server answers in time, or (``check_source``) the source is not served.
        :raise moneta.ClientClosedError: the stream was closed (:meth:`close`, or the end of its ``with`` block).
        """
        self._check_open()
        budget = STARTUP_TIMEOUT if startup_timeout is None else startup_timeout
        deadline = time.monotonic() + budget
        last_error: grpc.RpcError | None = None
        response: pb.ListCurrenciesResponse | None = None
        while response is None:
            for stub in self._stubs:
                remaining = deadline - time.monotonic()
                try:
                    response = stub.ListCurrencies(
                        pb.ListCurrenciesRequest(), timeout=max(remaining, 0.5) + 30, wait_for_ready=False
                    )
                    break
                except grpc.RpcError as exc:
                    last_error = exc
                    code = exc.code() if isinstance(exc, grpc.Call) else None
                    if code is not grpc.StatusCode.UNAVAILABLE:
                        raise StreamError(f"moneta server refused ListCurrencies: {_describe(exc)}") from None
            if response is None:
                if time.monotonic() >= deadline:
                    targets = ", ".join(self._targets)
                    raise StreamError(
                        f"no moneta server answers at {_short(targets)} (tried for {budget:g} s): "
                        f"{_describe(last_error)}"
                    )
                time.sleep(0.25)
        wanted = self._rate_source or "ecb"
        sources = list(response.rate_sources)
        # (a server before moneta.v1 RateCoverage.name gave only the source id)
        if check_source and sources and all((s.name or s.source) != wanted for s in sources):
            served = ", ".join(s.name or s.source for s in sources if s.name or s.source != "table")
            raise StreamError(f"the server has no rate source {wanted!r} (it serves: {served})")
        chosen = next((s for s in sources if (s.name or s.source) == wanted), sources[0] if sources else None)
        if chosen is None:
            return None, None
        last = _codec.date_from_proto(chosen.last_date, "last_date") if chosen.HasField("last_date") else None
        return f"{chosen.source}@{last.isoformat() if last else 'unknown'}", last

    def _refusal(self, document: StreamDocument, message_bytes: int) -> StreamResult | None:
        """The error result of a document over a known limit of the servers (not sent), else ``None``.

        :param message_bytes: the size of a request message carrying this document alone.
        """
        text_limit, message_limit = self.max_text_bytes, self.max_message_bytes
        over_text = text_limit is not None and len(document.text) > text_limit // 4
        over_message = message_limit is not None and message_bytes > message_limit
        if not over_text and not over_message:
            return None
        size = _text_bytes(document)
        name = f"the text of document {quoted(document.key)} is {size} UTF-8 bytes"
        if text_limit is not None and size > text_limit:  # the server's own TEXT_TOO_LONG message
            return StreamResult(
                document.key,
                error=f"{name}, more than the server's limit of {text_limit} (max_text_bytes)",
                code=grpc.StatusCode.INVALID_ARGUMENT.name,
            )
        if not over_message:
            return None
        return StreamResult(
            document.key,
            error=f"{name}: a request message carrying it would be {message_bytes} bytes, more than the "
            f"server's message limit of {message_limit} (max_message_bytes); it was not sent",
            code=grpc.StatusCode.RESOURCE_EXHAUSTED.name,
        )

    def _document_proto(self, document: StreamDocument, *, text: bool = True) -> pb.Document:
        message = pb.Document(id=document.key, text=document.text if text else "")
        if document.date is not None:
            message.publication_date.CopyFrom(_codec.date_to_proto(document.date))
        if document.locale_hint:
            message.locale_hint = document.locale_hint
        return message

    def results(self, documents: Iterable[StreamDocument]) -> Iterator[StreamResult]:
        """Send ``documents`` and yield one result per document, each exactly once (in arrival order).

        Keys identify documents: a document whose key was already given in this call (whether that first
        document is still waiting for its answer or was answered long ago) is not sent; it gets an error result
        of its own (``code`` ``INVALID_ARGUMENT``, ``error`` ``duplicate key 'k': only its first document was
        sent``) after the other results, as :meth:`moneta.MonetaClient.extract_stream` does. The keys of the
        call are remembered until it ends (a set of strings that grows with the stream).

        :raise StreamError: when the servers stay unreachable, or a stream ends with a non-retryable status.
        :raise moneta.ClientClosedError: the stream was closed (:meth:`close`, or the end of its ``with`` block)
            before the iteration started or while it went on; nothing more is sent.
        :raise Exception: whatever ``documents`` raises while it is iterated (in the request thread), re-raised
            here rather than lost in gRPC's request thread; so is a ``TypeError`` for an item that is not a
            :class:`StreamDocument`.
        """
        source = iter(documents)
        lock = threading.Lock()
        pending: dict[str, StreamDocument] = {}  # sent (or about to be), not answered yet
        seen: set[str] = set()  # every key taken in this call
        repeats: list[str] = []  # keys given again: answered with an error result at the end
        refused: list[
            StreamResult
        ] = []  # documents over a known limit of the servers: error results, not sent
        problem: list[BaseException] = []  # an exception of ``documents`` (raised in gRPC's request thread)
        exhausted = threading.Event()
        failures = 0
        while True:
            if problem:
                raise problem[0]
            self._check_open()  # each round opens a call: never on a closed channel (grpc's raw ValueError)
            with lock:
                resend = list(pending.values())
                ready, refused[:] = list(refused), []
            yield from ready
            if not resend and exhausted.is_set():
                for key in repeats:  # every document gets a result: a repeated key an error of its own
                    yield StreamResult(
                        key=key,
                        error=f"duplicate key {key!r}: only its first document was sent",
                        code=grpc.StatusCode.INVALID_ARGUMENT.name,
                    )
                return
            stop = threading.Event()
            window = threading.Semaphore(self._max_in_flight)
            # the most documents one message of this round carried: a TOO_MANY_DOCUMENTS refusal below it is
            # learnt and survived even when another results() call on this stream already lowered the limit
            largest = [0]

            def requests(
                resend: list[StreamDocument] = resend,
                stop: threading.Event = stop,
                window: threading.Semaphore = window,
                largest: list[int] = largest,
            ) -> Iterator[pb.StreamExtractAmountsRequest]:
                queue = iter(resend)
                shared = pb.StreamExtractAmountsRequest(**self._shared).ByteSize()
                carried: list[
                    tuple[pb.Document, int]
                ] = []  # taken, but over the message limit with the batch

                def take() -> StreamDocument | None:
                    """The next document to send: an unanswered one, else a new one of ``documents``."""
                    for document in queue:
                        return document
                    while not exhausted.is_set():
                        try:
                            document = next(source)
                            if not isinstance(document, StreamDocument):
                                raise TypeError(
                                    f"documents must be StreamDocument objects, not {type(document).__name__}"
                                )
                        except StopIteration:
                            exhausted.set()
                            return None
                        except BaseException as exc:  # noqa: BLE001 - re-raised by results(), not lost in gRPC's thread
                            problem.append(exc)
                            exhausted.set()  # what was read before is still sent and answered
                            return None
                        with lock:
                            if document.key in seen:
                                repeats.append(document.key)
                                continue
                            seen.add(document.key)
                            pending[document.key] = document
                        return document
                    return None

                while not stop.is_set():
                    # the window first, then the message: its documents meet the limits known when it is sent
                    while not window.acquire(timeout=0.1):
                        if stop.is_set():
                            return
                    batch: list[pb.Document] = []
                    size = shared  # bytes of the request message: kept under the server's message limit
                    while len(batch) < self._per_message and size - shared < MESSAGE_TEXT_BUDGET:
                        if carried:
                            message, entry = carried.pop()
                        else:
                            document = take()
                            if document is None:
                                break
                            bare = self._document_proto(document, text=False).ByteSize()
                            text_bytes = _text_bytes(document) if document.text else 0
                            entry = _field_size(bare + (_field_size(text_bytes) if text_bytes else 0))
                            refusal = self._refusal(document, shared + entry)
                            if refusal is not None:  # over a known limit: an error result, never sent
                                with lock:
                                    pending.pop(document.key, None)
                                    refused.append(refusal)
                                continue
                            message = self._document_proto(document)
                        limit = self.max_message_bytes
                        if batch and limit is not None and size + entry > limit:
                            carried.append((message, entry))  # the first of the next message
                            break
                        batch.append(message)
                        size += entry
                    if not batch:
                        return
                    largest[0] = max(largest[0], len(batch))
                    yield pb.StreamExtractAmountsRequest(documents=batch, **self._shared)

            index = self._next % len(self._stubs)
            stub = self._stubs[index]
            answered = 0
            if not _reachable(self._channels[index], self._connect_timeout):
                failures += 1
                if failures >= self._max_attempts:
                    raise StreamError(
                        f"no moneta server at {self._targets[index]} accepted a connection "
                        f"({failures} attempts of {self._connect_timeout:g} s)"
                    ) from None
                self._next += 1
                continue
            call = stub.StreamExtractAmounts(requests(), timeout=self._timeout, wait_for_ready=True)
            try:
                for response in call:
                    for result in response.results:
                        limit = _text_limit(result)
                        if limit is not None:  # the servers' text limit: later texts over it are not sent
                            self.max_text_bytes = limit
                    window.release()  # (after learning a limit, so the next message meets it)
                    for result in response.results:
                        with lock:
                            if pending.pop(result.id, None) is None:
                                continue  # a duplicate answer (a re-sent document answered twice)
                        answered += 1
                        yield _result_from_proto(result)
                    with lock:
                        ready, refused[:] = list(refused), []
                    answered += len(ready)
                    yield from ready
            except grpc.RpcError as exc:
                code = exc.code() if isinstance(exc, grpc.Call) else None
                limit = _documents_limit(exc) if code is grpc.StatusCode.INVALID_ARGUMENT else None
                if limit is not None and limit < max(largest[0], self._per_message):
                    # a server started with a lower --max-documents-per-message refused a message before
                    # answering it: send the unanswered documents again in messages it takes. The refused
                    # message may predate a lower limit that a concurrent results() call (moneta batch
                    # --server runs several) learnt meanwhile, so the test is against what was sent too.
                    self._per_message = min(self._per_message, limit)
                    continue
                too_large = _MESSAGE_TOO_LARGE.search(str(exc.details() or "")) if code else None
                if too_large is not None and (
                    self.max_message_bytes is None or int(too_large.group(2)) < self.max_message_bytes
                ):
                    # gRPC refused a message over the server's --max-message-bytes for the whole stream: send
                    # the unanswered documents again in messages under it, refusing each one that alone is over
                    self.max_message_bytes = int(too_large.group(2))
                    continue
                if code not in RETRYABLE:
                    raise StreamError(f"StreamExtractAmounts failed: {_describe(exc)}") from None
                failures = 0 if answered else failures + 1
                if failures >= self._max_attempts:
                    raise StreamError(
                        f"StreamExtractAmounts failed {failures} times in a row: {_describe(exc)}"
                    ) from None
                self._next += 1  # with several channels, move to the next server
                continue
            finally:
                stop.set()
                call.cancel()  # type: ignore[no-untyped-call]
            # the stream ended normally; documents still pending (if any) are re-sent on the next round
            failures = 0 if answered else failures + 1
            if failures >= self._max_attempts:
                raise StreamError(f"StreamExtractAmounts ended {failures} times without answering")


def _documents_limit(exc: grpc.RpcError) -> int | None:
    """The server's documents-per-message limit when ``exc`` is its ``TOO_MANY_DOCUMENTS`` refusal (read from
    the ``google.rpc.ErrorInfo`` metadata ``limit``), else ``None``."""
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    try:
        status = rpc_status.from_call(exc)  # type: ignore[arg-type]  # a failed call is a grpc.Call
    except (ValueError, AttributeError):
        return None
    for detail in status.details if status is not None else ():
        info = error_details_pb2.ErrorInfo()
        if detail.Is(info.DESCRIPTOR) and detail.Unpack(info) and info.reason == "TOO_MANY_DOCUMENTS":
            limit = info.metadata.get("limit", "")
            return int(limit) if limit.isdigit() and int(limit) >= 1 else None
    return None


#: A request field as the server names it in a per-document error: the document's place in one request message
#: (``documents[1].text``), which is this client's own batching and means nothing to the caller.
_MESSAGE_FIELD = re.compile(r"\bdocuments\[\d+\]\.(\w+)")


def _name_the_document(message: str, key: str) -> str:
    """Return the server's per-document error ``message`` with the document named by its key instead of by its
    index in the request message the client built.

    >>> _name_the_document("documents[1].text is 207 UTF-8 bytes, more than the server's limit of 100 "
    ...                    "(max_text_bytes)", "4")
    "the text of document '4' is 207 UTF-8 bytes, more than the server's limit of 100 (max_text_bytes)"
    >>> _name_the_document("documents[0].locale_hint must be a BCP-47 locale such as en-AU, got 'x!'", "k")
    "the locale_hint of document 'k' must be a BCP-47 locale such as en-AU, got 'x!'"
    """
    return _MESSAGE_FIELD.sub(
        lambda match: f"the {match.group(1)} of document {quoted(key)}", message, count=1
    )


def _text_limit(result: pb.DocumentResult) -> int | None:
    """The server's text limit when ``result`` is its ``TEXT_TOO_LONG`` error (``ErrorInfo`` metadata
    ``limit``), else ``None``."""
    from google.rpc import error_details_pb2

    if not result.HasField("error") or not result.error.details:
        return None
    for detail in result.error.details:
        info = error_details_pb2.ErrorInfo()
        if detail.Is(info.DESCRIPTOR) and detail.Unpack(info) and info.reason == "TEXT_TOO_LONG":
            limit = info.metadata.get("limit", "")
            return int(limit) if limit.isdigit() and int(limit) >= 1 else None
    return None


def _result_from_proto(result: pb.DocumentResult) -> StreamResult:
    if result.HasField("error") and result.error.code != 0:
        code = grpc.StatusCode.UNKNOWN.name
        for status in grpc.StatusCode:
            if status.value[0] == result.error.code:
                code = status.name
                break
        return StreamResult(result.id, error=_name_the_document(result.error.message, result.id), code=code)
    mentions = tuple(
        _codec.mention_from_proto(m, f"results[{result.id}].mentions[{i}]")
        for i, m in enumerate(result.mentions)
    )
    return StreamResult(result.id, mentions=mentions)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(exc: grpc.RpcError | None) -> str:
    if exc is None:
        return "no server"
    if isinstance(exc, grpc.Call):
        return f"{exc.code().name}: {_short(str(exc.details()).splitlines()[0] if exc.details() else '')}"
    return str(exc)


def _reachable(channel: grpc.Channel, timeout: float) -> bool:
    """Whether a server answers on ``channel`` within ``timeout`` seconds: one health check
    (``grpc.health.v1``) that waits for the connection. Used instead of ``grpc.channel_ready_future``, whose
    connectivity-polling thread may raise "Channel closed!" on stderr when the channel is closed soon after
    (grpcio 1.85). Any answer, even UNIMPLEMENTED from a server without health checking, means reachable."""
    try:
        health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service=""), timeout=timeout, wait_for_ready=True
        )
    except grpc.RpcError as exc:
        code = exc.code() if isinstance(exc, grpc.Call) else None
        return code not in (grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNAVAILABLE)
    return True
