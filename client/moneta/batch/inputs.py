"""Readers of batch input: JSONL (plain, gzip, zstd), CSV, Parquet, directories, globs and stdin.

Every reader yields :class:`InputRow` objects in input order, one per data row, never raising for a bad
row: a row that cannot be read (invalid JSON, missing id or text, unreadable date) comes back with
``error`` set, so the load can record it in ``errors`` and go on. Only problems with the input as a whole
(a missing file, an unknown format, a missing named column) raise :class:`InputError`.

A compressed JSONL or CSV input (``.gz``, ``.zst``) that turns out damaged or truncated part-way keeps every
row read before the damage; the damage itself becomes one error row (no id, the line where reading stopped,
reason ``damaged or truncated compressed input at line N: ...``), and the rest of that file is skipped (the
load goes on with the next input and exits 1, as for any failed row).

A Parquet input is read row group by row group. A file whose footer cannot be read (not Parquet, truncated) is
one error row (no id, line 1, ``unreadable Parquet file: ...; none of its rows were read``); a row group with a
damaged data page gives one error row per row it loses (``unreadable Parquet data in row group G (rows A-B):
...``), with each row's id when the id column still reads, and the rows of the other row groups load.

Which file format a path has is decided by its name (``.jsonl``, ``.ndjson``, ``.json``, ``.csv``,
``.parquet``, each optionally followed by ``.gz`` or ``.zst``/``.zstd`` for JSONL and CSV) unless the
caller names a format. A directory means every such file inside it (not recursive), in name order; a path
with ``*``, ``?`` or ``[`` is a glob, expanded in name order; ``-`` is JSONL on stdin.

A named pipe (``mkfifo``) or a shell's process substitution (``<(zcat in.jsonl.gz)``, a ``/dev/fd/N`` name) is
read once, as a stream: its format comes from its name's suffix or ``--input-format``, and a name without a known
suffix (``/dev/fd/63``) is JSONL, as stdin is. Its columns (a CSV header, a JSONL stream's first record) are
checked when the load reads them (looking ahead would consume the stream), and a Parquet pipe is refused: Parquet is read from the end of the file, so it must be
a regular file.

The date rule (which ECB day a document's amounts are converted at):

* a DATE cell (Parquet ``date32``) or an ISO 8601 date string ``YYYY-MM-DD``: that day;
* a timestamp with a time zone (Parquet ``timestamp[.., tz]``, or a string such as
  ``2024-04-26T23:30:00+02:00`` or ``...Z``): its **UTC** date (``2024-04-26T23:30:00+02:00`` → 2024-04-26,
  ``2024-04-26T01:00:00+05:00`` → 2024-04-25);
* a timestamp without a time zone: taken as UTC, so its own date;
* empty, ``null`` or missing: no date (the load's ``--default-date``, else conversions say ``date_missing``);
* anything else (numbers, free text): a row error.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import glob
import gzip
import io
import itertools
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import IO, Any, Final

from moneta._quoting import quoted
from moneta.dates import DATE_FORM, parse_iso_date

__all__ = [
    "DEFAULT_DATE_COLUMN",
    "INPUT_FORMATS",
    "ColumnNames",
    "InputError",
    "InputRow",
    "InputSet",
    "is_pipe",
    "parse_date_cell",
    "row_from_record",
]

#: The input formats ``--input-format`` accepts.
INPUT_FORMATS = ("jsonl", "csv", "parquet")

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_COMPRESSIONS = ("", ".gz", ".zst", ".zstd")

# CSV fields of any size: a document's text may be tens of MB (the csv module's default limit is 128 KiB)
csv.field_size_limit(2**31 - 1)


class InputError(ValueError):
    """The input as a whole cannot be used (a missing file, an unknown format, a missing named column)."""


#: The date column a load reads when present; a ``--date-column`` other than it must exist.
DEFAULT_DATE_COLUMN: Final[str] = "date"


@dataclass(frozen=True, slots=True)
class ColumnNames:
    """Which input columns (JSON keys, CSV headers, Parquet columns) hold the document's fields."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    locale_hint: str | None = None
    #: Whether the caller named the date column (``--date-column``, even as ``date``): a named column must
    #: exist, while the default ``date`` may be absent.
    date_named: bool = False

    @property
    def required_date(self) -> str | None:
        """The date column the inputs must have: a named one, or any other than ``date``; else ``None``."""
        return self.date if self.date_named or self.date != DEFAULT_DATE_COLUMN else None


def _id_of_damaged_line(raw_line: bytes, id_column: str) -> tuple[str | None, str | int | None]:
    """The document id of a JSONL line that is not UTF-8, when the rest of the line is a JSON object whose id
    is readable (the bad bytes elsewhere, in the text): ``(id as text, id as given)``, else ``(None, None)``."""
    try:
        record = json.loads(raw_line.decode("utf-8", "replace").rstrip("\r\n"))
    except (json.JSONDecodeError, RecursionError):
        return None, None
    raw_id = record.get(id_column) if isinstance(record, dict) else None
    if isinstance(raw_id, str) and raw_id.strip() and "\ufffd" not in raw_id:
        return raw_id, raw_id
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        return str(raw_id), raw_id
    return None, None


@dataclass(frozen=True, slots=True)
class InputRow:
    """One input row.

    :param source: the file it came from (``-`` for stdin).
    :param line: 1-based position: the physical line for JSONL, the line where the record ends for CSV
        (the header is line 1), the row number for Parquet.
    :param id: the document id as text, or ``None`` when the row has no readable id.
    :param raw_id: the id exactly as the input gave it (a JSON string or integer), echoed in JSONL output.
    :param text: the document text, or ``None`` when unreadable.
    :param date: the ECB day of the document (see the module's date rule), or ``None``.
    :param locale_hint: a BCP-47 hint, or ``None``.
    :param error: why the row cannot be processed, or ``None``.
    """

    source: str
    line: int
    id: str | None
    raw_id: str | int | None
    text: str | None
    date: dt.date | None
    locale_hint: str | None
    error: str | None = None


def parse_date_cell(value: object) -> dt.date | None:
    """Return the ECB day a date or timestamp cell stands for (see the module docstring), or ``None`` if empty.

    :raise ValueError: with a one-line message when the cell is neither a date nor a timestamp.

    >>> parse_date_cell("2024-04-26")
    datetime.date(2024, 4, 26)
    >>> parse_date_cell("2024-04-26T01:00:00+05:00")
    datetime.date(2024, 4, 25)
    >>> parse_date_cell("") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.astimezone(dt.UTC).date()
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if DATE_FORM.fullmatch(text):  # a calendar date: the shared messages (moneta.dates)
            return parse_iso_date(text)
        try:
            stamp = dt.datetime.fromisoformat(text)
        except ValueError:
            # (worded as every command words a bad date, moneta.dates; a cell may also hold a timestamp)
            raise ValueError(
                f"not a date in the form YYYY-MM-DD (or an ISO 8601 timestamp): {quoted(value)}"
            ) from None
        return parse_date_cell(stamp)
    raise ValueError(f"date must be an ISO 8601 string, a DATE or a timestamp, not {_json_kind(value)}")


def _json_kind(value: Any) -> str:
    """What a cell holds, in JSON's words, for an error row (``text must be a string, not a number``): ``null``,
    ``a boolean``, ``a number``, ``a string``, ``an array``, ``an object``; a Parquet cell of another type by what it
    holds (``binary data``, ``a date``, ``a timestamp``), never a Python type name (``NoneType``, ``int``).

    >>> _json_kind(None), _json_kind(True), _json_kind(7), _json_kind([1]), _json_kind({})
    ('null', 'a boolean', 'a number', 'an array', 'an object')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, bytes | bytearray):
        return "binary data"
    if isinstance(value, dt.datetime):
        return "a timestamp"
    if isinstance(value, dt.date):
        return "a date"
    return f"a {type(value).__name__} value"


#: A lone surrogate (U+D800-U+DFFF), which JSON's "\udc80" escapes can put into a Python str but UTF-8 cannot
#: carry: such a cell makes its row an error instead of failing the output writer.
_SURROGATE: Final[re.Pattern[str]] = re.compile("[\ud800-\udfff]")


def row_from_record(record: dict[str, Any], columns: ColumnNames, source: str, line: int) -> InputRow:
    """Build an :class:`InputRow` from one record (a JSON object, CSV row, Arrow row), never raising.

    :param record: the cells by column name.
    :param columns: which columns hold id, text, date and locale hint.
    :returns: the row, with ``error`` set when the id, text, date or locale hint is unreadable (a failed row
        keeps its date when the date itself reads).
    """
    raw_id = record.get(columns.id)
    doc_id: str | None
    if isinstance(raw_id, bool) or raw_id is None:
        doc_id = None
    elif isinstance(raw_id, int):
        doc_id = str(raw_id)
    elif isinstance(raw_id, str) and raw_id.strip():
        doc_id = raw_id
    else:
        doc_id = None
    if doc_id is not None and _SURROGATE.search(doc_id) is not None:
        # a JSON "\udc80" escape: no output format can store it, so the row is an error without its id
        return InputRow(
            source, line, None, None, None, None, None, "id is not valid Unicode (a lone surrogate)"
        )
    keep_raw: str | int | None = raw_id if doc_id is not None and isinstance(raw_id, str | int) else None

    def bad(reason: str) -> InputRow:
        # the row's date is kept when it reads, so the documents table dates the failed row too
        try:
            readable_date = parse_date_cell(record.get(columns.date))
        except ValueError:
            readable_date = None
        return InputRow(source, line, doc_id, keep_raw, None, readable_date, None, reason)

    if doc_id is None:
        if raw_id is None:
            return bad(f"missing id (column {columns.id!r})")
        if isinstance(raw_id, str):
            what = "an empty string" if not raw_id else "a blank string"
        elif isinstance(raw_id, bool | float):  # the value as JSON writes it: true, 1.5
            what = f"{_json_kind(raw_id)} ({json.dumps(raw_id)})"
        else:
            what = _json_kind(raw_id)
        return bad(f"id must be a non-empty string or an integer, not {what}")
    text = record.get(columns.text)
    if text is None:
        return bad(f"missing text (column {columns.text!r})")
    if not isinstance(text, str):
        return bad(f"text must be a string, not {_json_kind(text)}")
    if (surrogate := _SURROGATE.search(text)) is not None:
        return bad(f"text is not valid Unicode: a lone surrogate at code point {surrogate.start()}")
    try:
        date = parse_date_cell(record.get(columns.date))
    except ValueError as exc:
        return bad(str(exc))
    locale: str | None = None
    if columns.locale_hint is not None:
        raw_locale = record.get(columns.locale_hint)
        if raw_locale is not None and not isinstance(raw_locale, str):
            return bad(f"locale hint must be a string, not {_json_kind(raw_locale)}")
        if raw_locale and _SURROGATE.search(raw_locale) is not None:
            return bad("locale hint is not valid Unicode (a lone surrogate)")
        locale = raw_locale or None
    return InputRow(source, line, doc_id, keep_raw, text, date, locale)


class _Counted(io.RawIOBase):
    """A binary reader that counts the compressed bytes consumed, for the progress bar's ETA."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.consumed += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_binary(path: str, counter: list[_Counted]) -> Any:
    """Open ``path`` for reading, decompressing ``.gz`` and ``.zst``; record the raw reader in ``counter``."""
    raw = _Counted(open(path, "rb"))  # noqa: SIM115 - closed by the caller through the wrapper
    counter.append(raw)
    buffered = io.BufferedReader(raw, buffer_size=1 << 16)
    lower = path.lower()
    if lower.endswith(".gz"):
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    if lower.endswith((".zst", ".zstd")):
        return io.BufferedReader(_ZstdReader(buffered), buffer_size=1 << 16)
    return buffered


class _ZstdReader(io.RawIOBase):
    """Decompress a zstd stream (one or more frames), raising ``zstandard.ZstdError`` when it is truncated.

    ``zstandard``'s ``stream_reader`` returns a clean end of file for a frame cut short (silent loss); a
    ``decompressobj`` tells whether the last frame was complete (``eof``), so a truncated file is reported.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self._zstd = zstandard
        self._raw = raw
        self._decompressor = zstandard.ZstdDecompressor()
        self._frame = self._decompressor.decompressobj()
        self._in_frame = False
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            chunk = self._raw.read(1 << 16)
            if not chunk:
                self._done = True
                if self._in_frame:
                    raise self._zstd.ZstdError("the zstd data ends inside a frame (truncated file)")
                break
            self._feed(chunk)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _feed(self, chunk: bytes) -> None:
        while chunk:
            self._in_frame = True
            self._pending += self._frame.decompress(chunk)
            if not self._frame.eof:
                return
            self._in_frame = False
            chunk = self._frame.unused_data
            self._frame = self._decompressor.decompressobj()

    def close(self) -> None:
        self._raw.close()
        super().close()


def detect_format(path: str) -> str:
    """Return ``jsonl``, ``csv`` or ``parquet`` from a file name.

    :raise InputError: when the name has none of the known suffixes.
    """
    lower = path.lower()
    for compression in _COMPRESSIONS:
        if any(lower.endswith(s + compression) for s in _JSONL_SUFFIXES):
            return "jsonl"
        if lower.endswith(".csv" + compression):
            return "csv"
    if lower.endswith((".parquet", ".pq")):
        return "parquet"
    raise InputError(f"cannot tell the format of {path!r} from its name; use --input-format")


class InputSet:
    """The files (or stdin) of one load, read row by row with bounded memory.

    :param specs: paths, directories, globs, named pipes, or ``-`` for stdin (JSONL only).
    :param input_format: ``jsonl``, ``csv`` or ``parquet``, or ``None`` to decide by file name.
    :param columns: which columns hold id, text, date and locale hint.
    :raise InputError: when a path does not exist, a glob or directory matches nothing, or a format is
        unknown.
    """

    def __init__(self, specs: Sequence[str], *, input_format: str | None, columns: ColumnNames) -> None:
        if input_format is not None and input_format not in INPUT_FORMATS:
            raise InputError(f"unknown input format {input_format!r} (choose {', '.join(INPUT_FORMATS)})")
        self.columns = columns
        self.input_format = input_format
        self.paths: list[str] = []
        #: Entries of input directories that are not read: subdirectories, and (without ``input_format``) files
        #: whose suffix names no input format. Hidden entries (``.name``) are neither read nor listed.
        self.skipped: list[str] = []
        for spec in specs:
            self.paths.extend(self._expand(spec))
        if not self.paths:
            raise InputError("no input files")
        self.formats = [self._format_of(p) for p in self.paths]
        stdin_format = self.formats[self.paths.index("-")] if "-" in self.paths else "jsonl"
        if stdin_format == "csv":  # '-' is read as JSONL; the same stream by name is read as any stream is
            raise InputError(
                "'-' (standard input) is read as JSONL: for CSV on standard input name it /dev/stdin "
                "(moneta batch /dev/stdin --input-format csv ...)"
            )
        if stdin_format != "jsonl":
            raise InputError(
                "'-' (standard input) is read as JSONL, and a Parquet input must be a regular file (Parquet is read "
                "from its end): write it to a file first"
            )
        for path, fmt in zip(self.paths, self.formats, strict=True):
            if fmt == "parquet" and is_pipe(path):
                raise InputError(
                    f"{path!r} is a pipe, and a Parquet input must be a regular file (Parquet is read from its "
                    "end): write it to a file first, or pipe JSONL or CSV"
                )
        self.total_bytes = sum(os.path.getsize(p) for p in self.paths if p != "-")
        self._done_bytes = 0
        self._counters: list[_Counted] = []
        self._parquet_progress = 0

    def _expand(self, spec: str) -> list[str]:
        if spec == "-":
            return ["-"]
        if os.path.isdir(spec):
            entries = sorted(
                os.path.join(spec, name) for name in os.listdir(spec) if not name.startswith(".")
            )
            found = [p for p in entries if os.path.isfile(p)]
            if self.input_format is None:
                found = [p for p in found if _known(p)]
            self.skipped.extend(p for p in entries if p not in set(found))
            if not found:
                raise InputError(f"directory {spec!r} holds no JSONL, CSV or Parquet files")
            return found
        if any(ch in spec for ch in "*?["):
            matched = sorted(p for p in glob.glob(spec) if os.path.isfile(p))
            if not matched:
                raise InputError(f"no file matches {spec!r}")
            return matched
        if os.path.isfile(spec) or is_pipe(spec):
            return [spec]
        if os.path.exists(spec):
            raise InputError(f"not a file, directory or pipe: {spec!r}")
        raise InputError(f"no such file: {spec!r}")

    def _format_of(self, path: str) -> str:
        if self.input_format is not None:
            return self.input_format
        if path == "-" or (is_pipe(path) and not _known(path)):
            return "jsonl"  # a stream whose name says no format (``/dev/fd/63``) is JSONL, as stdin is
        return detect_format(path)

    def bytes_done(self) -> int:
        """Return how many input bytes (compressed, as on disk) have been consumed so far."""
        current = sum(c.consumed for c in self._counters)
        return self._done_bytes + current + self._parquet_progress

    def rows(self) -> Iterator[InputRow]:
        """Yield every row of every input, in order."""
        for path, fmt in zip(self.paths, self.formats, strict=True):
            if fmt == "jsonl":
                yield from self._jsonl(path)
            elif fmt == "csv":
                yield from self._csv(path)
            else:
                yield from self._parquet(path)
            if path != "-":
                self._done_bytes += os.path.getsize(path)
            self._counters.clear()
            self._parquet_progress = 0

    def _jsonl(self, path: str) -> Iterator[InputRow]:
        stream: IO[bytes]
        stream = sys.stdin.buffer if path == "-" else _open_binary(path, self._counters)
        source = path
        line_no = 0
        # a stream is read once, so its first record is checked here, as check_columns checks a file's
        first_unchecked = path == "-" or is_pipe(path)
        lines = _undamaged(stream, path)
        try:
            for line_no, raw_line in enumerate(lines, start=1):
                if isinstance(raw_line, _Damage):
                    yield _damage_row(source, line_no, raw_line)
                    return
                if line_no == 1 and raw_line.startswith(codecs.BOM_UTF8):
                    raw_line = raw_line[len(codecs.BOM_UTF8) :]  # a byte order mark starting the file, as CSV
                if not raw_line.strip():
                    continue  # blank lines are not rows
                try:
                    line = raw_line.decode("utf-8")
                except UnicodeDecodeError as exc:
                    reason = f"invalid UTF-8 (byte 0x{raw_line[exc.start]:02x} at byte {exc.start + 1} of the line)"
                    doc_id, raw_id = _id_of_damaged_line(raw_line, self.columns.id)
                    yield InputRow(source, line_no, doc_id, raw_id, None, None, None, reason)
                    continue
                try:
                    # without the line break: an unterminated string is reported as such, not as "\n" in it
                    record = json.loads(line.rstrip("\r\n"))
                except json.JSONDecodeError as exc:  # json's reason and where: the column within the line
                    reason = f"invalid JSON: {exc.msg}: column {exc.colno}"
                    yield InputRow(source, line_no, None, None, None, None, None, reason)
                    continue
                except RecursionError:  # "[[[[…" thousands deep: json's C parser gives up, the load goes on
                    reason = "invalid JSON: nested too deeply to read"
                    yield InputRow(source, line_no, None, None, None, None, None, reason)
                    continue
                if not isinstance(record, dict):
                    reason = f"a line must be a JSON object, not {_json_kind(record)}"
                    yield InputRow(source, line_no, None, None, None, None, None, reason)
                    continue
                if first_unchecked:
                    first_unchecked = False
                    if line_no <= _FIRST_OBJECT_LINES:  # as far as check_columns looks into a file
                        self._check_first_record(source, record)
                yield row_from_record(record, self.columns, source, line_no)
        finally:
            if path != "-":
                stream.close()

    def _csv(self, path: str) -> Iterator[InputRow]:
        binary = _open_binary(path, self._counters)
        # bytes that are not UTF-8 are decoded to U+DC80-U+DCFF (surrogateescape), so one bad row becomes an
        # error row and the rows after it still load (as with JSONL), instead of the file failing midway
        text = codecs.getreader("utf-8-sig")(binary, "surrogateescape")
        # strict: a quote left open (or text after a closing quote) is an error, not a field that silently
        # swallows every following line up to the end of the file
        counted = _LineCounter(text)
        # blank lines before the header (an export that starts with an empty line) are skipped; ``skipped``
        # turns the reader's line numbers back into the file's
        skipped, first = _skip_blank_lines(counted)
        reader = csv.DictReader(itertools.chain(first, counted), strict=True)
        try:
            fields = reader.fieldnames or []
            record_start = reader.line_num + skipped + 1  # the line where the next record starts
            if any(_SURROGATE.search(name) for name in fields):
                raise InputError(f"{path}: invalid UTF-8 in the header")
            _check_not_empty(path, fields)
            self._check_header(path, fields)
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    # one malformed record is one error row; reading goes on with the next line (a quote left
                    # open runs to the end of the file, so nothing follows it)
                    lines = (
                        f"line {record_start}"
                        if counted.lines <= record_start
                        else f"lines {record_start}-{counted.lines}"  # a stray quote joined lines into it
                    )
                    reason = f"unreadable CSV record from {lines}: {exc}"
                    if "end of data" in str(exc):
                        reason += (
                            " (a quote opened in it is never closed: the rest of the file was read into it)"
                        )
                    yield InputRow(path, record_start, None, None, None, None, None, reason)
                    record_start = counted.lines + 1
                    continue
                row = dict(record)
                extra = row.pop(None, None)  # fields beyond the header (DictReader's restkey)
                missing = sum(1 for v in row.values() if v is None)  # fields short of it (restval)
                bad = next(
                    (k for k, v in row.items() if isinstance(v, str) and _SURROGATE.search(v) is not None),
                    None,
                )
                parsed = row_from_record(row, self.columns, path, reader.line_num + skipped)
                if bad is not None:
                    byte = ord(_SURROGATE.search(row[bad]).group()) - 0xDC00  # type: ignore[union-attr]
                    reason = f"invalid UTF-8 (byte 0x{byte:02x}) in column {bad!r}"
                    parsed = replace(parsed, text=None, date=None, locale_hint=None, error=reason)
                elif extra or missing:  # the fields are not where the header says: no cell can be trusted
                    count = len(fields) + len(extra or ()) - missing
                    reason = (
                        f"CSV record has {count} fields where the header has {len(fields)} "
                        "(a field with a comma or line break that is not quoted?)"
                    )
                    parsed = replace(parsed, text=None, date=None, locale_hint=None, error=reason)
                yield parsed
                record_start = reader.line_num + skipped + 1
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: invalid UTF-8 ({exc.reason})") from None
        except csv.Error as exc:  # the header
            raise InputError(f"{path}: unreadable CSV ({exc})") from None
        except _DAMAGE_ERRORS as exc:
            if not _is_damage(exc):
                raise
            yield _damage_row(path, reader.line_num + skipped + 1, _Damage(exc))
        finally:
            binary.close()

    def _needed_columns(self) -> list[str]:
        """The columns every CSV/Parquet input must have: id, text, and the ``--locale-column`` when named."""
        needed = [self.columns.id, self.columns.text]
        if self.columns.required_date is not None:  # a --date-column named on purpose must exist
            needed.append(self.columns.required_date)
        if self.columns.locale_hint is not None:
            needed.append(self.columns.locale_hint)
        return needed

    def _check_header(self, path: str, names: Sequence[str]) -> None:
        """Refuse a CSV header or Parquet schema without a column the load reads, or with one of them twice.

        :raise InputError: naming the file and the column (and the columns it has, when one is missing).
        """
        for needed in self._needed_columns():
            if needed not in names:
                raise InputError(f"{path}: no column {needed!r} (columns: {', '.join(names)})")
        read = (self.columns.id, self.columns.text, self.columns.date, self.columns.locale_hint)
        for column in dict.fromkeys(c for c in read if c is not None):  # every column the load reads
            if names.count(column) > 1:
                raise InputError(
                    f"{path}: column {column!r} appears {names.count(column)} times: which one holds it is unclear"
                )

    def check_columns(self) -> None:
        """Check, before a load starts, that each input has the columns the load names.

        CSV (the header) and Parquet (the schema) inputs must have the id and text columns, and the
        ``--locale-column`` and ``--date-column`` when named (even as ``date``); for JSONL files the first JSON
        object must have those named keys (rows may set them to null), and for a JSONL stream (stdin, a pipe)
        the load checks its first object as it reads it. Damage (a damaged
        compressed file, a Parquet file whose footer cannot be read) and bad rows are not looked at here: they
        become error rows during the load.

        :raise InputError: naming the file, the missing column and the columns it has.
        """
        for path, fmt in zip(self.paths, self.formats, strict=True):
            if path == "-" or is_pipe(path):
                continue  # a stream is read once: its columns are checked when the load reads them
            if fmt == "parquet":
                import pyarrow.parquet as pq

                try:
                    names = pq.read_schema(path).names
                except _parquet_errors():
                    continue  # a damaged file: an error row of the load itself, which goes on with the others
            elif fmt == "csv":
                names = self._csv_header(path)
                if names is None:
                    continue
                _check_not_empty(path, names)
            else:
                named = self._named_keys()
                if not named:
                    continue
                first = self._first_json_object(path)
                if first is None:
                    continue
                self._check_first_record(path, first)
                continue  # JSONL: the id and text keys are checked row by row
            self._check_header(path, names)

    def _named_keys(self) -> list[tuple[str, str]]:
        """The keys a JSONL input's first record must have, each with the flag that named it."""
        return [
            (key, flag)
            for key, flag in (
                (self.columns.locale_hint, "--locale-column"),
                (self.columns.required_date, "--date-column"),
                # a misspelt --id-column/--text-column made every row an error row
                (self.columns.id if self.columns.id != "id" else None, "--id-column"),
                (self.columns.text if self.columns.text != "text" else None, "--text-column"),
            )
            if key is not None
        ]

    def _check_first_record(self, path: str, first: dict[str, Any]) -> None:
        """Refuse a JSONL input whose first record lacks a key the load names.

        :raise InputError: naming the input, the key, the flag that named it and the record's keys.
        """
        for key, flag in self._named_keys():
            if key not in first:
                raise InputError(
                    f"{path}: no key {key!r} ({flag}) in the first record (keys: {', '.join(list(first)[:20])})"
                )

    def _csv_header(self, path: str) -> list[str] | None:
        """The header of a CSV input (``[]`` for an empty file), or ``None`` when the load itself must tell
        (a damaged compressed file: the rows before the damage are kept; a quoted header cell spanning lines).

        :raise InputError: the header line is not UTF-8 (checked here, before any output is written).
        """
        try:
            with _open_binary(path, []) as binary:
                line = binary.readline().removeprefix(codecs.BOM_UTF8)
                for _ in range(_BLANK_LINES_BEFORE_HEADER):  # blank lines before the header are skipped
                    if line.strip() or not line:
                        break
                    line = binary.readline()
        except _DAMAGE_ERRORS:
            return None  # reported by the load itself, with the rows read before the damage
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}: invalid UTF-8 in the header") from None
        try:
            return next(csv.reader([text], strict=True), [])
        except csv.Error:
            return None

    def _first_json_object(self, path: str) -> dict[str, Any] | None:
        """The first JSON object among the first :data:`_FIRST_OBJECT_LINES` lines of a JSONL file, or None
        (lines that are no object, or no JSON, are row errors of the load)."""
        try:
            with _open_binary(path, []) as binary:
                for count, raw_line in enumerate(binary):
                    if count >= _FIRST_OBJECT_LINES:
                        break
                    if not raw_line.strip():
                        continue
                    try:
                        record = json.loads(raw_line)
                    except (ValueError, RecursionError):
                        continue
                    if isinstance(record, dict):
                        return record
        except _FIRST_RECORD_ERRORS:
            return None  # an unreadable file is reported by the load itself
        return None

    def _parquet(self, path: str) -> Iterator[InputRow]:
        """The rows of a Parquet file, read row group by row group.

        A file whose footer cannot be read is one error row (line 1, nothing of it read); a row group whose data
        cannot be read (a damaged page, a checksum that does not match) gives one error row per row it loses,
        with the row's id when the id column itself still reads (else one error row for the rest of the group),
        and reading goes on with the next row group.
        """
        import pyarrow.parquet as pq

        errors = _parquet_errors()
        try:
            # a page checksum written by the writer (optional in Parquet) is checked: damage is then caught
            parquet = pq.ParquetFile(path, page_checksum_verification=True)
            names = parquet.schema_arrow.names
            metadata = parquet.metadata
        except errors as exc:
            reason = f"unreadable Parquet file: {_parquet_detail(exc)}; none of its rows were read"
            yield InputRow(path, 1, None, None, None, None, None, reason)
            return
        for needed in self._needed_columns():
            if needed not in names:
                raise InputError(f"{path}: no column {needed!r} (columns: {', '.join(names)})")
        wanted = [self.columns.id, self.columns.text]
        for optional in (self.columns.date, self.columns.locale_hint):
            if optional is not None and optional in names:
                wanted.append(optional)
        size = os.path.getsize(path)
        total_rows = max(metadata.num_rows, 1)
        line = 0  # rows of the file read (or given up) so far
        for group in range(metadata.num_row_groups):
            end = line + metadata.row_group(group).num_rows
            batches = parquet.iter_batches(batch_size=1024, row_groups=[group], columns=wanted)
            detail = "the row group holds fewer rows than the file's footer says"
            while line < end:
                try:
                    batch = next(batches)
                except StopIteration:
                    break
                except errors as exc:
                    detail = _parquet_detail(exc)
                    break
                for record in _arrow_records(batch, path, line, self.columns):
                    line += 1
                    yield record
            if line < end:  # the rest of this row group cannot be read: each of its rows is an error row
                yield from self._lost_parquet_rows(parquet, path, (group, line, end), detail, errors)
                line = end
            self._parquet_progress = size * line // total_rows

    def _lost_parquet_rows(
        self,
        parquet: Any,
        path: str,
        lost: tuple[int, int, int],
        detail: str,
        errors: tuple[type[BaseException], ...],
    ) -> Iterator[InputRow]:
        """The error rows of the rows of a Parquet file whose data could not be read, ``lost = (row group, first,
        end)`` (rows ``first`` to ``end``, 0-based, end excluded, all in that row group): one per row, with its
        id when the id column still reads, without one when even the id column fails."""
        group, first, end = lost
        reason = (
            f"unreadable Parquet data in row group {group} (rows {first + 1}-{end}): {detail}; "
            "the row was not read"
        )
        start = end - parquet.metadata.row_group(group).num_rows  # the group's first row
        position = start
        try:
            for batch in parquet.iter_batches(batch_size=1024, row_groups=[group], columns=[self.columns.id]):
                for value in batch.column(0).to_pylist():
                    position += 1
                    if first < position <= end:
                        cells = {self.columns.id: value, self.columns.text: ""}
                        row = row_from_record(cells, self.columns, path, position)
                        yield InputRow(path, position, row.id, row.raw_id, None, None, None, reason)
        except errors:  # (UnicodeDecodeError is a ValueError) the rest of the rows get one error row
            pass
        # the rows whose id does not read either: one error row each, without an id (every input row is counted)
        for lost_row in range(max(position, first), end):
            yield InputRow(path, lost_row + 1, None, None, None, None, None, reason)


def _parquet_errors() -> tuple[type[BaseException], ...]:
    """What pyarrow raises for a damaged Parquet file: ``OSError`` (``Couldn't deserialize thrift``),
    ``ArrowInvalid`` (a ``ValueError``: bad magic bytes, a short file), other ``ArrowException`` errors."""
    errors: list[type[BaseException]] = [OSError, ValueError]
    try:
        import pyarrow

        errors.append(pyarrow.ArrowException)
    except ImportError:  # pragma: no cover - pyarrow is in the warehouse extra (checked before a load)
        pass
    return tuple(errors)


def _parquet_detail(exc: BaseException) -> str:
    """pyarrow's reason as one short line (its messages can span lines and hold control characters)."""
    from moneta._quoting import one_line

    return one_line(str(exc))[:200].rstrip(" .") or type(exc).__name__


def _arrow_records(batch: Any, path: str, line: int, columns: ColumnNames) -> Iterator[InputRow]:
    """The rows of an Arrow record batch whose first row is row ``line + 1`` of ``path``.

    A string cell that is not UTF-8 (Parquet does not check) makes only its own row an error row (the id kept
    when it reads), as invalid UTF-8 in a CSV or JSONL row does.
    """
    try:
        records = batch.to_pylist()
    except UnicodeDecodeError:
        records = None
    if records is not None:
        for offset, record in enumerate(records, start=1):
            yield row_from_record(record, columns, path, line + offset)
        return
    names = batch.schema.names
    for index in range(batch.num_rows):
        cells: dict[str, Any] = {}
        bad: tuple[str, int] | None = None
        for position, name in enumerate(names):
            try:
                cells[name] = batch.column(position)[index].as_py()
            except UnicodeDecodeError as exc:
                cells[name] = None
                if bad is None:
                    bad = (name, exc.object[exc.start])
        row = row_from_record(cells, columns, path, line + index + 1)
        if bad is not None:
            reason = f"invalid UTF-8 (byte 0x{bad[1]:02x}) in column {bad[0]!r}"
            row = replace(row, text=None, date=None, locale_hint=None, error=reason)
        yield row


def _check_not_empty(path: str, header: Sequence[str]) -> None:
    """Refuse a CSV input without a header line: an empty file (0 bytes, or only blank lines), which would
    otherwise be reported as missing its id column among no columns.

    :raise InputError: ``in.csv: the file is empty: a CSV input needs a header line naming its columns ...``.
    """
    if not header:
        raise InputError(
            f"{path}: the file is empty: a CSV input needs a header line naming its columns (such as id,text,date)"
        )


def _damage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [EOFError, zlib.error, gzip.BadGzipFile]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:  # pragma: no cover - zstandard is in the warehouse extra
        pass
    return tuple(errors)


#: What a damaged or truncated ``.gz``/``.zst`` input raises mid-read (gzip: ``EOFError`` when truncated,
#: ``BadGzipFile``/``zlib.error`` when corrupt; zstandard: ``ZstdError``).
_DAMAGE_ERRORS = _damage_errors()


_FIRST_RECORD_ERRORS: tuple[type[BaseException], ...] = (ValueError, RecursionError, *_DAMAGE_ERRORS)
#: How many lines of a JSONL file :meth:`InputSet.check_columns` reads looking for its first JSON object.
_FIRST_OBJECT_LINES = 100


def _is_damage(exc: BaseException) -> bool:
    return isinstance(exc, _DAMAGE_ERRORS)


@dataclass(frozen=True, slots=True)
class _Damage:
    """Stands in for the line at which a compressed input turned out damaged."""

    error: BaseException


def _undamaged(stream: IO[bytes], path: str) -> Iterator[bytes | _Damage]:
    """Yield the lines of ``stream``, then a :class:`_Damage` (and stop) if decompression fails."""
    iterator = iter(stream)
    while True:
        try:
            line = next(iterator)
        except StopIteration:
            return
        except _DAMAGE_ERRORS as exc:
            yield _Damage(exc)
            return
        yield line


#: Blank lines skipped before a CSV header at most; a file of more blank lines than that is reported empty.
_BLANK_LINES_BEFORE_HEADER = 1000


def _skip_blank_lines(lines: _LineCounter) -> tuple[int, list[str]]:
    """Skip the blank (empty or whitespace-only) lines at the start of a CSV input, at most
    :data:`_BLANK_LINES_BEFORE_HEADER`: returns (lines skipped, ``[first other line]`` or ``[]`` at the end)."""
    skipped = 0
    for line in lines:
        if line.strip() or skipped >= _BLANK_LINES_BEFORE_HEADER:
            return skipped, [line]
        skipped += 1
    return skipped, []


class _LineCounter:
    """Iterate the lines of a text stream, counting them: after a malformed CSV record (which ``csv`` reports
    without a reliable line number) the count says how far the reader got."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.lines = 0

    def __iter__(self) -> _LineCounter:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.lines += 1
        return line


def _damage_row(source: str, line: int, damage: _Damage) -> InputRow:
    """The error row that ends a damaged compressed input: the rows before it were read and are kept."""
    detail = str(damage.error).splitlines()[0] if str(damage.error) else type(damage.error).__name__
    reason = (
        f"damaged or truncated compressed input at line {line}: {detail[:120]}; "
        "the rest of this file was not read"
    )
    return InputRow(source, line, None, None, None, None, None, reason)


def is_pipe(path: str) -> bool:
    """Whether ``path`` is a named pipe (``mkfifo``) or a process substitution's ``/dev/fd/N`` pipe.

    :param path: an input path (``-`` is stdin, not counted here).
    :return: ``True`` for a FIFO; ``False`` for anything else, or a path that cannot be looked at.

    >>> is_pipe("-")
    False
    """
    if path == "-":
        return False
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _known(path: str) -> bool:
    try:
        detect_format(path)
    except InputError:
        return False
    return True
