"""How a load gets mentions: in-process through :mod:`moneta_service.pipeline`, or through servers.

Both ways take a batch of readable :class:`~moneta.batch.inputs.InputRow` objects and return one
:class:`~moneta.batch.tables.DocumentOutcome` per row, in the same order, with a per-document ``error`` rather
than an exception when one document cannot be processed. The engine and the rate data are imported only when
an in-process processor starts; the remote processor needs only gRPC.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from moneta.batch.inputs import InputRow
from moneta.batch.tables import DocumentOutcome

__all__ = ["InProcess", "Options", "Remote", "process_in_worker", "start_worker"]


@dataclass(frozen=True, slots=True)
class Options:
    """What every document of a load is processed with.

    :param targets: ISO 4217 codes to convert every mention into.
    :param rates: the rate source spec (``ecb``, ``live`` or a table path), as ``moneta convert --rates``.
    :param fallback: a rate source to fall back to, or ``None``.
    :param default_date: the date of documents without one, or ``None`` (conversions say ``date_missing``).
    :param servers: gRPC addresses; empty for in-process.
    :param credentials: ``grpc.ChannelCredentials`` for TLS or mutual TLS with the servers
        (:func:`moneta.tls.channel_credentials`); ``None``: plaintext. Never set in-process (the options are
        pickled to worker processes, credentials are not picklable).
    :param timeout: with ``servers``, the deadline of one stream (one batch of documents), in seconds;
        ``None``: none.
    """

    targets: tuple[str, ...] = ()
    rates: str = "ecb"
    fallback: str | None = None
    default_date: dt.date | None = None
    servers: tuple[str, ...] = field(default=())
    credentials: Any = field(default=None, compare=False, repr=False)
    timeout: float | None = None

    def signature(self) -> str:
        """The options that shape a document's rows, as one string (``documents.load_options``): ``to=USD,GBP
        rates=ecb fallback= date=2024-04-26``. ``--resume`` skips only documents loaded with the same one, so
        resuming with other targets or another rate source reloads them instead of keeping stale rows."""
        return (
            f"to={','.join(self.targets)} rates={self.rates} fallback={self.fallback or ''} "
            f"date={self.default_date.isoformat() if self.default_date else ''}"
        )


class InProcess:
    """Mentions from the in-process engine and rate provider (one code path: the pipeline).

    Documents of any size are read (the engine runs in linear time); only ``--server`` loads meet the servers'
    text limit (1 MiB of UTF-8 by default), as a per-document error.

    :raise ValueError: (``RatesError``) from the constructor when the rate source spec is bad (checked even
        without targets).
    """

    def __init__(self, options: Options) -> None:
        from moneta_service import pipeline

        self.options = options
        self._pipeline = pipeline
        self._provider: Any = None
        if options.targets or options.rates != "ecb" or options.fallback:
            from moneta_service.rates import open_provider

            # opened even without targets when named, so that a bad --rates is refused up front
            provider = open_provider(options.rates, fallback=options.fallback)
            self._provider = provider if options.targets else None

    def rate_data(self) -> tuple[str | None, dt.date | None]:
        """Return (rate data version ``source@last date``, last date), or ``(None, None)`` without targets."""
        if self._provider is None:
            return None, None
        coverage = self._provider.describe()
        last = coverage.last_date
        return f"{coverage.source}@{last.isoformat() if last else 'unknown'}", last

    def process(self, rows: Sequence[InputRow]) -> list[DocumentOutcome]:
        """Return one outcome per row, in order."""
        outcomes: list[DocumentOutcome] = []
        for row in rows:
            assert (
                row.text is not None
            )  # in-process, texts of any size (the engine is linear); servers have limits
            try:
                mentions = self._pipeline.extract_and_convert(
                    row.text,
                    date=row.date or self.options.default_date,
                    targets=self.options.targets,
                    locale_hint=row.locale_hint,
                    provider=self._provider,
                )
            except ValueError as exc:  # InvalidInputError (a malformed locale hint): the document's fault
                outcomes.append(DocumentOutcome(row, error=str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the load
                outcomes.append(DocumentOutcome(row, error=f"internal error: {type(exc).__name__}: {exc}"))
                continue
            outcomes.append(DocumentOutcome(row, mentions=tuple(mentions)))
        return outcomes


# ---- worker processes (--workers N): one InProcess per process, created once --------------------------------

_WORKER: InProcess | None = None


def start_worker(options: Options, parent: int | None = None) -> None:
    """ProcessPoolExecutor initializer: open the engine and rate provider once in this process.

    :param parent: the loading process's pid. On Linux the worker asks the kernel for SIGTERM when its parent
        dies (``prctl(PR_SET_PDEATHSIG)``), so a load killed with SIGKILL leaves no workers behind; a worker
        whose parent is already gone exits at once.
    """
    global _WORKER
    if parent is not None:
        _die_with_parent(parent)
    _WORKER = InProcess(options)


def _die_with_parent(parent: int) -> None:
    import os
    import sys

    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # no prctl in this libc: the worker simply outlives a killed load
            return
    if os.getppid() != parent:
        os._exit(0)  # the parent died before the request above: nothing to work for


def process_in_worker(rows: Sequence[InputRow]) -> list[DocumentOutcome]:
    """Process ``rows`` in a worker process started with :func:`start_worker`."""
    assert _WORKER is not None, "start_worker was not run in this process"
    return _WORKER.process(rows)


class Remote:
    """Mentions from moneta servers through ``StreamExtractAmounts`` (see :mod:`moneta.streaming`).

    Each batch of the load goes out as one stream (several documents per message); results come back by key
    and are put back in input order. A server lost mid-stream is survived by
    :class:`moneta.streaming.DocumentStream`, which re-sends unanswered documents to another server. Once one
    batch's stream gives up (:class:`moneta.streaming.StreamError`: every server gone for ``max_attempts``
    connection attempts), later batches fail at once with the same error rather than each waiting out its
    own attempts, so losing every server ends the load after about one ``max_attempts × connect_timeout``.
    """

    def __init__(self, options: Options) -> None:
        from moneta.streaming import DocumentStream

        self.options = options
        self._stream = DocumentStream(
            list(options.servers),
            targets=options.targets,
            rate_source=options.rates,
            rate_fallback=options.fallback,
            default_date=options.default_date,
            credentials=options.credentials,
            timeout=options.timeout,
        )
        self._given_up: Exception | None = None  # the first StreamError of a batch: later batches end at once
        try:  # fail fast (a few seconds) when no server answers, and refuse a source no server serves
            self._rate_data = self._stream.rate_data(check_source=options.rates != "ecb")
        except BaseException:
            self._stream.close()
            raise

    def rate_data(self) -> tuple[str | None, dt.date | None]:
        """Return (rate data version, last date) as the server reports them, or ``(None, None)``."""
        if not self.options.targets:
            return None, None
        return self._rate_data

    def process(self, rows: Sequence[InputRow]) -> list[DocumentOutcome]:
        """Return one outcome per row, in order.

        :raise moneta.streaming.StreamError: the servers cannot be reached (or a stream ended with a
            non-retryable status); after a first one, every later call raises it again at once.
        """
        from moneta.streaming import StreamDocument, StreamError

        if not rows:
            return []
        if self._given_up is not None:
            raise StreamError(str(self._given_up))
        documents = []
        for number, row in enumerate(rows):
            assert row.text is not None
            documents.append(StreamDocument(str(number), row.text, row.date, row.locale_hint))
        try:
            answers = {result.key: result for result in self._stream.results(iter(documents))}
        except StreamError as exc:
            self._given_up = self._given_up or exc
            raise
        outcomes = []
        for number, row in enumerate(rows):
            result = answers[str(number)]
            if result.error is not None:
                outcomes.append(DocumentOutcome(row, error=_name_the_row(result.error, row, str(number))))
            else:
                outcomes.append(DocumentOutcome(row, mentions=tuple(result.mentions)))
        return outcomes

    def close(self) -> None:
        """Close the channels."""
        self._stream.close()


def _name_the_row(error: str, row: InputRow, key: str) -> str:
    """Return a stream result's ``error`` with the user's row named instead of the document's key.

    :class:`moneta.streaming.DocumentStream` names a document by the key this load gave it (its position in the
    batch: ``the text of document '8' is 2320038 UTF-8 bytes, more than the server's limit of 1048576
    (max_text_bytes)``), which means nothing to the user. A text over the server's size limit (an error only a
    server gives) names the row's id, file and line instead (``the text of id 'a9' (big.jsonl line 9) is …``)
    and says how to load it (a text whose request message the client did not send, as over the server's message
    limit, too). Any other error is one the in-process load gives too, and reads as it does there, without the
    document (``locale_hint: 'xx-YY' is not a locale CLDR knows; …``): the row's id, source and line are columns
    of the error row already, and a load's errors are the same with and without ``--server``.

    :param error: the error of the document's :class:`moneta.streaming.StreamResult`.
    :param row: the input row the document came from.
    :param key: the key the document was sent with.
    :return: the error reason for the ``errors`` table and the JSONL error line.
    """
    from moneta._quoting import quoted

    where = f"{row.source} line {row.line}"
    place = f"id {row.id!r} ({where})" if row.id is not None else where
    if "(max_text_bytes)" in error:
        return error.replace(f" of document {quoted(key)}", f" of {place}", 1) + (
            "; load it without --server (in-process texts have no size limit) "
            "or raise the server's --max-text-bytes"
        )
    if "(max_message_bytes)" in error:
        return error.replace(f" of document {quoted(key)}", f" of {place}", 1) + (
            "; load it without --server (in-process texts have no size limit) "
            "or raise the server's --max-message-bytes and --max-text-bytes"
        )
    # "the locale_hint of document '3': 'xx-YY' is …" -> "locale_hint: 'xx-YY' is …", as in-process
    return re.sub(rf"\bthe (\w+) of document {re.escape(quoted(key))}", r"\1", error, count=1)
