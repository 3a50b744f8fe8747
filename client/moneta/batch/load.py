"""The load loop of ``moneta batch``: read rows, process them in bounded batches, write every outcome.

Every input row ends up as exactly one outcome, written in input order:

* an unreadable row (bad JSON, no id, no text, bad date) → ``failed`` with the reason;
* a row whose id was already seen in this load → ``duplicate`` (the first one wins), with the line of the
  first one in the reason;
* with ``--resume``, a row whose document the output already holds loaded fine (by id, same moneta version and
  load options) → skipped, not processed again (the JSONL sink keeps its line in place);
* otherwise its mentions, or ``failed`` when the document cannot be processed or (for tables) an amount does
  not fit DECIMAL(38,10).

Rows are processed in batches of ``batch_size`` documents (default :data:`PROCESS_ROWS`). The table sinks
(DuckDB, Parquet, CSV) commit consecutive batches together, one transaction per at most
:data:`COMMIT_ROWS` documents and :data:`COMMIT_TEXT_CHARS` code points of text, unless ``batch_size`` is
given, when each batch is its own transaction (as the JSONL sink always writes it).

Memory stays flat as the input grows: rows are read lazily, at most ``batch_size × (2 × workers + 1)`` rows
are in flight plus at most one commit group, and only the set of ids seen so far (needed to find duplicates)
grows with the input.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import asdict, dataclass, field
from typing import IO, Any, Protocol

from moneta.batch.inputs import InputRow, InputSet
from moneta.batch.outputs import Sink
from moneta.batch.process import Options
from moneta.batch.tables import DocumentOutcome, Versions, check_fits

__all__ = [
    "COMMIT_ROWS",
    "COMMIT_TEXT_CHARS",
    "PROCESS_ROWS",
    "LoadSummary",
    "Progress",
    "SetupError",
    "open_processor",
    "parse_default_date",
    "run_load",
]

#: Documents processed together when ``--batch-size`` is not given (also the unit sent to a worker process
#: or a server stream).
PROCESS_ROWS = 64
#: Most documents, and most code points of text, in one transaction of a table sink without ``--batch-size``.
COMMIT_ROWS = 2048
COMMIT_TEXT_CHARS = 4 << 20


class SetupError(ValueError):
    """The load cannot start: the rate source or the servers cannot be opened (one-line message)."""


class OutputClosedError(Exception):
    """The load's output, a pipe (``-o - | head``, a named pipe), closed mid-load: its reader exited.

    The load stopped there, so it is not complete: the message (``str()``) says after how many rows.

    :param summary: the load's summary up to the stop, its ``stopped`` saying why (for ``--summary``).
    """

    def __init__(self, summary: LoadSummary) -> None:
        super().__init__(summary.stopped)
        self.summary = summary


@dataclass
class LoadSummary:
    """The run summary ``--summary FILE`` writes as JSON.

    :param rows_read: input rows read (including skipped, failed and duplicate ones).
    :param loaded: documents written with their mentions.
    :param failed: rows written as failures (unreadable rows, duplicates, documents that failed).
    :param duplicates: rows whose id was already seen (counted in ``failed`` too).
    :param skipped: rows skipped by ``--resume`` because the output already holds them.
    :param mentions: mentions written.
    :param seconds: wall-clock time of the load.
    :param stopped: why the load stopped before the end of its input (``--max-errors``, or its output pipe
        closing: :class:`OutputClosedError`), or ``None``.
    """

    rows_read: int = 0
    loaded: int = 0
    failed: int = 0
    duplicates: int = 0
    skipped: int = 0
    mentions: int = 0
    seconds: float = 0.0
    moneta_version: str = ""
    rate_data_version: str | None = None
    output: str = ""
    output_format: str = ""
    stopped: str | None = None
    errors_sample: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the summary as a JSON-ready dict."""
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


class Processor(Protocol):
    """In-process or remote processing of a batch of readable rows."""

    def process(self, rows: Sequence[InputRow]) -> list[DocumentOutcome]: ...


class Progress:
    """Progress on stderr: a bar with rate and ETA on a terminal, a plain line every ``interval`` s otherwise.

    :param total_bytes: input size on disk (0 when unknown, e.g. stdin: no ETA then).
    :param bytes_done: returns the input bytes consumed so far.
    """

    def __init__(
        self,
        total_bytes: int,
        bytes_done: Callable[[], int],
        *,
        stream: IO[str] | None = None,
        interval: float = 10.0,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.total_bytes = total_bytes
        self.bytes_done = bytes_done
        self.interval = 0.2 if self.tty else interval
        self.started = time.monotonic()
        self._last = self.started

    def update(self, summary: LoadSummary, *, final: bool = False) -> None:
        """Show the state after a batch (at most every ``interval`` seconds unless ``final``)."""
        now = time.monotonic()
        if not final and now - self._last < self.interval:
            return
        self._last = now
        elapsed = max(now - self.started, 1e-9)
        rate = summary.rows_read / elapsed
        fraction = min(self.bytes_done() / self.total_bytes, 1.0) if self.total_bytes else None
        eta = ""
        if fraction is not None and fraction > 0 and not final:
            eta = f" ETA {_clock(elapsed * (1 - fraction) / fraction)}"
        counts = f"{summary.rows_read} rows, {summary.failed} failed, {summary.mentions} mentions, {rate:.0f} rows/s"
        if self.tty:
            bar = ""
            if fraction is not None:
                filled = int(fraction * 30)
                bar = f"[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} "
            self.stream.write(f"\r{bar}{counts}{eta}\x1b[K" + ("\n" if final else ""))
        else:
            percent = f"{fraction:.0%} " if fraction is not None else ""
            self.stream.write(f"moneta batch: {percent}{counts}{eta}{' (done)' if final else ''}\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@dataclass
class _Batch:
    """Outcomes decided without processing (None where a row awaits processing) and the rows to process."""

    slots: list[DocumentOutcome | None] = field(default_factory=list)
    pending: list[InputRow] = field(default_factory=list)


def _merge(batch: _Batch, processed: list[DocumentOutcome], check_decimal: bool) -> list[DocumentOutcome]:
    results = iter(processed)
    merged: list[DocumentOutcome] = []
    for slot in batch.slots:
        outcome = slot if slot is not None else next(results)
        if check_decimal and outcome.error is None:
            reason = check_fits(outcome.mentions)
            if reason is not None:
                outcome = DocumentOutcome(outcome.row, error=reason)
        merged.append(outcome)
    return merged


def _batches(
    rows: Iterator[InputRow],
    summary: LoadSummary,
    *,
    loaded_ids: set[str],
    keep_rows: bool,
    batch_size: int,
) -> Iterator[_Batch]:
    """Group rows into batches, deciding duplicates and resume skips in input order.

    :param loaded_ids: the ids ``--resume`` skips (the first row of each such id; a later one is a duplicate).
    :param keep_rows: hand the skipped rows on as ``kept`` outcomes (for a sink that keeps them in place).
    """
    first_seen: dict[str, tuple[str, int]] = {}
    batch = _Batch()
    for row in rows:
        summary.rows_read += 1
        if row.error is not None:
            batch.slots.append(DocumentOutcome(row, error=row.error))
        elif row.id in first_seen:
            source, line = first_seen[row.id]
            reason = f"duplicate id {row.id!r} (first at {source} line {line}; the first wins)"
            batch.slots.append(DocumentOutcome(row, error=reason, duplicate=True))
        else:
            assert row.id is not None
            first_seen[row.id] = (row.source, row.line)
            if row.id in loaded_ids:  # --resume: the output already holds this document
                summary.skipped += 1
                if not keep_rows:
                    continue
                batch.slots.append(DocumentOutcome(row, kept=True))
            else:
                batch.slots.append(None)
                batch.pending.append(row)
        if len(batch.slots) >= batch_size:
            yield batch
            batch = _Batch()
    if batch.slots:
        yield batch


def open_processor(options: Options) -> Any:
    """Open the in-process engine and rate source, or connect to the servers, before any output is touched.

    :param options: the load's options (``servers`` empty: in-process).
    :returns: an ``InProcess`` or ``Remote`` processor of :mod:`moneta.batch.process` (close a ``Remote`` one).
    :raise SetupError: the rate source cannot be opened, or no server answers within a few seconds.
    """
    try:
        if options.servers:
            from moneta.batch.process import Remote

            return Remote(options)
        from moneta.batch.process import InProcess

        return InProcess(options)
    except (ValueError, ConnectionError) as exc:  # RatesError; StreamError (servers unreachable)
        raise SetupError(str(exc)) from None


def run_load(
    inputs: InputSet,
    sink: Sink,
    options: Options,
    *,
    resume: bool = False,
    max_errors: int | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    check_decimal: bool = True,
    progress: Progress | None = None,
    output: str = "",
    output_format: str = "",
    processor: Any = None,
) -> LoadSummary:
    """Run one load from ``inputs`` into ``sink`` and return its summary (the sink is closed).

    :param options: targets, rates, default date and servers (empty: in-process).
    :param resume: skip what the output already holds (see :mod:`moneta.batch.outputs`).
    :raise moneta.batch.outputs.ResumeError: ``resume`` and the output cannot be resumed (other options).
    :param max_errors: stop after the batch in which the number of failed rows first exceeds this.
    :param workers: processes for in-process extraction (1: in this process).
    :param batch_size: documents per batch, each batch one transaction; ``None``: batches of
        :data:`PROCESS_ROWS`, committed together up to :data:`COMMIT_ROWS` documents and
        :data:`COMMIT_TEXT_CHARS` code points of text by sinks whose ``groups_batches`` is true.
    :param check_decimal: route documents whose amounts do not fit DECIMAL(38,10) to errors (tables).
    :param processor: a processor from :func:`open_processor` (opened before the sink, so that a load that
        cannot start leaves the output untouched); ``None``: open one here.
    :raise SetupError: when the rate source or the servers cannot be opened.
    :raise InputError: when an input file turns out unreadable as a whole.
    :raise OutputClosedError: the output is a pipe whose reader exited (``BrokenPipeError``), with the summary.
    """
    from moneta import __version__

    started = time.monotonic()
    summary = LoadSummary(moneta_version=__version__, output=output, output_format=output_format)
    if processor is None:
        try:
            processor = open_processor(options)
        except SetupError:
            sink.close(complete=False)
            raise
    rate_version, rate_last = processor.rate_data()
    versions = Versions(__version__, rate_version, rate_last, options.signature())
    summary.rate_data_version = rate_version
    try:
        loaded_ids = sink.start(versions, resume=resume)
    except BaseException:  # ResumeError: the output cannot be resumed; it is left untouched
        if options.servers:
            processor.close()
        sink.close(complete=False)
        raise
    batches = _batches(
        inputs.rows(),
        summary,
        loaded_ids=loaded_ids,
        keep_rows=sink.takes_kept_rows,
        batch_size=batch_size or PROCESS_ROWS,
    )
    group = batch_size is None and sink.groups_batches
    held: list[DocumentOutcome] = []  # processed, not yet written (one commit group at most)
    held_chars = 0

    def flush() -> None:
        nonlocal held_chars
        if held:
            sink.write(held, versions, new_rows=True)  # each input row is written once per load
            held.clear()
            held_chars = 0

    def write(outcomes: list[DocumentOutcome]) -> bool:
        nonlocal held_chars
        held.extend(outcomes)
        held_chars += sum(len(o.row.text or "") for o in outcomes)
        if not group or len(held) >= COMMIT_ROWS or held_chars >= COMMIT_TEXT_CHARS:
            flush()
        for outcome in outcomes:
            if outcome.kept:  # counted as skipped when read
                continue
            if outcome.error is not None:
                summary.failed += 1
                summary.duplicates += outcome.duplicate
                if len(summary.errors_sample) < 20:
                    row = outcome.row
                    summary.errors_sample.append(
                        {"id": row.id, "source": row.source, "line": row.line, "reason": outcome.error}
                    )
            else:
                summary.loaded += 1
                summary.mentions += len(outcome.mentions)
        if progress is not None:
            progress.update(summary)
        if max_errors is not None and summary.failed > max_errors:
            summary.stopped = (
                f"more than {max_errors} failed rows (--max-errors); --resume tries failed rows again, so fix "
                "them or raise --max-errors to go on"
            )
            return False
        return True

    complete = True
    try:
        if options.servers:
            # one stream per batch; several batches in flight so that every server has work (round_robin)
            from concurrent.futures import ThreadPoolExecutor

            threads = max(workers, 2 * len(options.servers))
            with ThreadPoolExecutor(threads, thread_name_prefix="moneta-batch") as pool:
                complete = _run_ordered(batches, pool, processor.process, threads, check_decimal, write)
        elif workers > 1:
            complete = _run_parallel(batches, options, workers, check_decimal, write)
        else:
            for batch in batches:
                processed = processor.process(batch.pending) if batch.pending else []
                if not write(_merge(batch, processed, check_decimal)):
                    complete = False
                    break
        flush()  # the last group, or the rows up to a --max-errors stop
    except BrokenPipeError:  # `-o - | head`: the rows after those written were never loaded
        complete = False
        shown = "standard output" if output in ("", "-") else output
        written = summary.loaded + summary.failed
        summary.stopped = (
            f"{shown} closed after {written} row{'' if written == 1 else 's'} (its reader exited): the rest of "
            "the input was not loaded"
        )
        summary.seconds = time.monotonic() - started
        raise OutputClosedError(summary) from None
    except BaseException:
        complete = False  # the sink keeps what it has, as after a --max-errors stop
        raise
    finally:
        if options.servers:
            processor.close()
        sink.close(complete=complete)
    summary.seconds = time.monotonic() - started
    if progress is not None:
        progress.update(summary, final=True)
    return summary


def _run_parallel(
    batches: Iterator[_Batch],
    options: Options,
    workers: int,
    check_decimal: bool,
    write: Callable[[list[DocumentOutcome]], bool],
) -> bool:
    """Process batches in ``workers`` processes, writing results in input order; return False if stopped."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from moneta.batch.process import process_in_worker, start_worker

    context = multiprocessing.get_context("spawn")
    # multiprocessing's resource tracker (a process of its own, which inherits this environment) warns about
    # "leaked semaphore objects" when the batch is killed with SIGKILL; the tracker cleans them up itself and
    # `--resume` goes on, so its warning and source line on stderr would be noise (a fresh user's report)
    warning = "ignore::UserWarning:multiprocessing.resource_tracker"
    if warning not in os.environ.get("PYTHONWARNINGS", ""):
        os.environ["PYTHONWARNINGS"] = ",".join(filter(None, (os.environ.get("PYTHONWARNINGS"), warning)))
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_worker, initargs=(options, os.getpid())
    ) as pool:
        return _run_ordered(batches, pool, process_in_worker, workers, check_decimal, write)


def _run_ordered(
    batches: Iterator[_Batch],
    pool: Executor,
    process: Callable[[Sequence[InputRow]], list[DocumentOutcome]],
    workers: int,
    check_decimal: bool,
    write: Callable[[list[DocumentOutcome]], bool],
) -> bool:
    """Run ``process`` on batches in ``pool`` (at most ``2 × workers`` in flight), writing in input order."""
    in_flight: deque[tuple[_Batch, Future[list[DocumentOutcome]]]] = deque()
    try:
        for batch in batches:
            in_flight.append((batch, pool.submit(process, batch.pending)))
            while len(in_flight) > 2 * workers:
                done, future = in_flight.popleft()
                if not write(_merge(done, future.result(), check_decimal)):
                    return False
        while in_flight:
            done, future = in_flight.popleft()
            if not write(_merge(done, future.result(), check_decimal)):
                return False
    finally:
        for _, future in in_flight:
            future.cancel()
    return True


def parse_default_date(text: str | None) -> dt.date | None:
    """Return ``--default-date`` as a date (``None`` when absent).

    :raise ValueError: when it is not ``YYYY-MM-DD`` or no such date (:func:`moneta.dates.parse_iso_date`).
    """
    if text is None:
        return None
    from moneta.dates import parse_iso_date

    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise ValueError(f"--default-date: {exc}") from None
