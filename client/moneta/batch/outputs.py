"""Where a load writes: a JSONL file, a DuckDB database, or a directory of Parquet or CSV files.

Every sink takes :class:`~moneta.batch.tables.DocumentOutcome` batches in input order and makes each batch
durable before the next one is written, so a load killed at any point (even by SIGKILL) leaves whole batches
behind and ``--resume`` can go on from there:

* **JSONL** (``-o out.jsonl`` or ``-o -`` for stdout): one line per input row, in input order, exactly
  ``{"id": ..., "mentions": [...]}`` (the mention objects of :func:`moneta.serialize.mention_to_dict`), or
  ``{"id": ... or null, "source": "in.jsonl", "line": N, "error": "..."}`` for a row that failed (``source``
  the input file, ``-`` for stdin, as in the tables); ``id`` is always a string (an
  integer id in the input is written as its decimal text, as in the tables). A run rewrites the file (opened
  only once the load writes, so a load that fails first leaves it untouched); ``--resume`` skips, by id, the
  documents the file holds with their mentions, written by the same moneta version with the same load options
  (recorded in ``.<name>.moneta`` beside it; other options are refused), and ends with the lines a clean run
  gives (see :class:`JsonlSink`).
* **DuckDB** (``-o warehouse.duckdb``): the tables of :mod:`moneta.batch.tables`, each batch in one
  transaction that first deletes the rows of the documents it loads (so re-running a load replaces them, no
  duplicates) and then inserts them; when the tables were empty when the load began, there is nothing to
  replace and the deletes are skipped. The first row of an id that a load writes, whatever its status,
  deletes every row of that id; the load's later rows of that id, and every row of an id ``--resume`` keeps,
  delete only the row at their own (source, line), so the rows of one id never delete each other across
  transactions and a resumed failed or duplicate row never deletes the kept ok row. ``--resume`` skips
  documents already in ``documents`` with status ``ok``, the same moneta version and the same load options.
* **Parquet / CSV** (``-o out/ --format parquet|csv``): loaded exactly like DuckDB into a staging database
  ``out/.moneta/staging.duckdb`` (it keeps the directory's state between runs, for re-runs and ``--resume``),
  then exported to ``out/<table>.parquet`` or ``out/<table>.csv`` when the load ends (written to a temporary
  name and renamed, so readers never see half a file). In CSV, list columns are ``;``-joined text.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from moneta.batch.tables import TABLE_NAMES, DocumentOutcome, Versions
from moneta.serialize import dumps, mention_to_dict

__all__ = [
    "OUTPUT_FORMATS",
    "DirectorySink",
    "DuckDBSink",
    "JsonlSink",
    "ResumeError",
    "Sink",
    "check_output",
    "open_sink",
    "output_format_of",
]

#: The output formats ``--format`` accepts.
OUTPUT_FORMATS = ("jsonl", "duckdb", "parquet", "csv")


class Sink(Protocol):
    """A destination of document outcomes.

    ``groups_batches``: whether the load may hand it several batches at once (fewer, larger transactions).
    ``takes_kept_rows``: whether the load hands it the rows ``--resume`` skips too, as outcomes with ``kept``
    set, in input order (the JSONL sink keeps their lines in place).
    """

    groups_batches: bool
    takes_kept_rows: bool

    def start(self, versions: Versions, *, resume: bool) -> set[str]:
        """Begin a load stamped with ``versions``; return the ids of the documents ``--resume`` skips (none
        without ``resume``): those the output holds loaded fine by this moneta version with these
        ``versions.load_options`` (:meth:`moneta.batch.process.Options.signature`).

        :raise ResumeError: ``--resume`` cannot go on with this output.
        """
        ...

    def write(
        self, outcomes: Sequence[DocumentOutcome], versions: Versions, *, new_rows: bool = False
    ) -> None:
        """Write one batch durably (all or nothing).

        :param new_rows: the caller guarantees that no row of ``outcomes`` (no whole document id, no input
            source and line) was written to this sink before, since it was opened (true within one load: ids
            are unique within a load). A table sink that was empty when opened then has nothing to replace.
        """
        ...

    def close(self, *, complete: bool) -> None:
        """Finish the output (``complete`` is false when the load stopped early)."""
        ...


#: The output format each file name suffix says.
_SUFFIX_FORMATS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".jsonl", ".ndjson"), "jsonl"),
    ((".duckdb", ".db"), "duckdb"),
    ((".parquet", ".pq"), "parquet"),
    ((".csv",), "csv"),
)


#: Compression suffixes an output name may not have (outputs are written uncompressed), with the tool each names.
_COMPRESSED_SUFFIXES = {".gz": "gzip", ".zst": "zstd", ".bz2": "bzip2", ".xz": "xz"}


def _compressed_output_hint(path: str, suffix: str, requested: str | None) -> str:
    """The advice for a refused compressed output name, fitted to its format and its compression suffix.

    >>> _compressed_output_hint("x.jsonl.zst", ".zst", None)
    'pipe it: -o - | zstd > x.jsonl.zst'
    >>> _compressed_output_hint("x.parquet.zst", ".zst", None)
    'write -o x.parquet --format parquet (a directory; Parquet compresses its columns itself)'
    >>> _compressed_output_hint("x.gz", ".gz", "parquet")
    'write -o x --format parquet (a directory; Parquet compresses its columns itself)'
    >>> _compressed_output_hint("x.gz", ".gz", None)
    'write it uncompressed and compress it afterwards (JSONL can be piped: -o - | gzip > x.gz)'
    """
    stem = path.rstrip("/")[: -len(suffix)] or "out"
    lower = stem.lower()
    said = next((fmt for suffixes, fmt in _SUFFIX_FORMATS if lower.endswith(suffixes)), None)
    output_format = requested or said
    tool = _COMPRESSED_SUFFIXES[suffix]
    if output_format == "jsonl":
        return f"pipe it: -o - | {tool} > {path}"
    if output_format == "duckdb":
        return f"write -o {stem} (DuckDB compresses its tables itself; {tool} the file afterwards to ship it)"
    if output_format == "parquet":
        return f"write -o {stem} --format parquet (a directory; Parquet compresses its columns itself)"
    if output_format == "csv":
        return f"write -o {stem} --format csv (a directory), then {tool} its files"
    return f"write it uncompressed and compress it afterwards (JSONL can be piped: -o - | {tool} > {path})"


def output_format_of(path: str, requested: str | None) -> str:
    """Return the output format: ``requested``, else from the name (``.jsonl``/``-``, ``.duckdb``/``.db``).

    A name whose suffix says another format than ``requested`` is refused (``-o x.jsonl --format duckdb``
    would write a DuckDB database named ``x.jsonl``); a suffix that agrees is fine (``-o out.parquet --format
    parquet`` is a directory of that name, as Spark writes), and so is a name without a known suffix.

    A name with a compression suffix (``x.jsonl.gz``, ``.zst``, ``.bz2``, ``.xz``) is refused whatever the
    format: no output is written compressed, and plain JSONL under a ``.gz`` name could not be read back.

    :raise ValueError: when no format is given and the name says nothing, the name contradicts ``requested``, or
        it says a compression.
    """
    lower = path.lower()
    compressed = next((s for s in _COMPRESSED_SUFFIXES if lower.rstrip("/").endswith(s)), None)
    if compressed is not None:
        hint = _compressed_output_hint(path, compressed, requested if requested in OUTPUT_FORMATS else None)
        raise ValueError(
            f"the output name {path!r} says {compressed} compression, but moneta batch writes uncompressed "
            f"output: {hint}"
        )
    if requested is not None:
        if requested not in OUTPUT_FORMATS:
            raise ValueError(f"unknown output format {requested!r} (choose {', '.join(OUTPUT_FORMATS)})")
        said = next((fmt for suffixes, fmt in _SUFFIX_FORMATS if lower.rstrip("/").endswith(suffixes)), None)
        if said is not None and said != requested:
            raise ValueError(
                f"the output name {path!r} says {said} but --format is {requested}: rename the output or "
                "change --format"
            )
        return requested
    if path == "-" or lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith((".duckdb", ".db")):
        return "duckdb"
    for table_format, suffixes in (("parquet", (".parquet", ".pq")), ("csv", (".csv",))):
        if lower.endswith(suffixes):
            stem = path[: path.rfind(".")] or "out"
            raise ValueError(
                f"{table_format} output is a directory of tables ({', '.join(TABLE_NAMES)}), not one file: "
                f"use -o {stem}/ --format {table_format}"
            )
    raise ValueError(f"cannot tell the output format of {path!r}; use --format jsonl|duckdb|parquet|csv")


def check_output(path: str, output_format: str) -> None:
    """Check, before any work, that ``path`` can take ``output_format`` output; create or touch nothing.

    JSONL and DuckDB outputs are files whose directory must exist; Parquet and CSV outputs are a directory,
    created by the load when missing, whose parent must exist (a missing chain of directories is refused rather
    than created: it is usually a typo).

    :raise ValueError: with a one-line message: stdout for a table format, a directory where a file is needed
        (or the reverse), a missing parent directory, no write permission.
    """
    if path == "-":
        if output_format != "jsonl":
            raise ValueError(f"{output_format} output needs a path, not stdout")
        return
    parent = os.path.dirname(os.path.abspath(path))
    if output_format in ("jsonl", "duckdb"):
        if os.path.isdir(path):
            raise ValueError(f"{path!r} is a directory; {output_format} output goes to a file")
        where = parent
    else:
        if os.path.exists(path) and not os.path.isdir(path):
            raise ValueError(f"{output_format} output goes to a directory; {path!r} is a file")
        where = path if os.path.isdir(path) else parent
    if not os.path.isdir(where):
        raise ValueError(f"cannot write {path!r}: directory {where!r} does not exist")
    target = path if os.path.exists(path) and output_format in ("jsonl", "duckdb") else where
    if not os.access(target, os.W_OK):
        raise ValueError(f"cannot write {path!r}: permission denied")


def outcome_to_json(outcome: DocumentOutcome) -> dict[str, Any]:
    """Return the JSONL object of one outcome (the issue-2 form; errors carry ``source`` and ``line``).

    ``id`` is always a JSON string (an input id ``7`` comes out as ``"7"``), or ``null`` for a row without a
    readable id: the same text as the ``id``/``document_id`` columns of the tables, so JSONL and table outputs
    of one input agree.
    """
    row = outcome.row
    if outcome.error is not None:
        return {"id": row.id, "source": row.source, "line": row.line, "error": outcome.error}
    return {"id": row.id, "mentions": [mention_to_dict(m) for m in outcome.mentions]}


class ResumeError(ValueError):
    """``--resume`` cannot go on with this output (one-line message): it was written with other options or by
    another moneta version, or it holds lines that ``moneta batch`` does not write."""


#: The keys of the two kinds of line a JSONL output holds (:func:`outcome_to_json`).
_OK_KEYS = frozenset({"id", "mentions"})
#: The keys of a mention object as :func:`moneta.serialize.mention_to_dict` writes it.
_MENTION_KEYS = frozenset(
    {"text", "start", "end", "currency", "currency_alternatives", "amount", "amount_max", "qualifier"}
    | {"per_unit", "equivalent_of", "currency_basis", "conversions"}
)
_ERROR_KEYS = frozenset({"id", "source", "line", "error"})


@dataclass
class _Written:
    """What an existing JSONL output holds, for ``--resume`` (see :func:`_read_written`).

    :ivar loaded: the id of each document written with its mentions → (byte offset, byte length) of its line.
    :ivar lines: the number of complete lines.
    :ivar end: the byte offset after the last complete line (a torn line after it is dropped).
    """

    loaded: dict[str, tuple[int, int]] = field(default_factory=dict)
    lines: int = 0
    end: int = 0


def _read_written(path: str) -> _Written:
    """Index the complete lines of the JSONL output ``path``: the documents loaded fine (by id) and where.

    :raise ResumeError: a complete line that is not a line ``moneta batch`` writes (not JSON, or another
        object), naming the line.
    """
    written = _Written()
    with open(path, "rb") as stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break  # a torn last line (a load killed mid-write): not written, dropped
            written.lines += 1
            record: Any = None
            with contextlib.suppress(ValueError, RecursionError):
                record = json.loads(line)
            keys = frozenset(record) if isinstance(record, dict) else frozenset()
            doc_id = record.get("id") if isinstance(record, dict) else None
            if (
                keys == _OK_KEYS
                and isinstance(doc_id, str)
                and isinstance(record["mentions"], list)
                # (each mention an object with the keys moneta writes: "[1, 2]" is no output of moneta batch)
                and all(isinstance(m, dict) and frozenset(m) == _MENTION_KEYS for m in record["mentions"])
            ):
                written.loaded.setdefault(doc_id, (written.end, len(line)))
            elif keys != _ERROR_KEYS or not (doc_id is None or isinstance(doc_id, str)):
                raise ResumeError(
                    f"--resume: {path} line {written.lines} is not a line moneta batch writes "
                    "(an object with id and mentions, or id, source, line and error): resume only into a "
                    "moneta batch output, or run without --resume to rewrite the file"
                )
            written.end += len(line)
    return written


def _record_path(path: str) -> str:
    """The file beside a JSONL output that records the versions and options it was written with."""
    directory, name = os.path.split(os.path.abspath(path))
    return os.path.join(directory, f".{name}.moneta")


def _read_record(path: str) -> dict[str, Any] | None:
    try:
        with open(_record_path(path), encoding="utf-8") as stream:
            record = json.load(stream)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _write_record(path: str, versions: Versions) -> None:
    """Record, beside the JSONL output ``path``, the moneta version and load options it is written with (for
    ``--resume``); written to a temporary name and renamed, so it is never half written."""
    record = _record_path(path)
    temporary = record + ".tmp"
    with open(temporary, "w", encoding="utf-8") as stream:
        json.dump({"moneta_version": versions.moneta, "load_options": versions.load_options}, stream)
        stream.write("\n")
    os.replace(temporary, record)


class JsonlSink:
    """One JSON line per input row, in input order (see the module docstring).

    The output file is opened for writing only when the load writes its first rows (or ends without any), so a
    load that fails before that leaves an existing output untouched. Beside it, ``.<name>.moneta`` records the
    moneta version and load options (:meth:`moneta.batch.process.Options.signature`) it was written with.

    With ``resume``, the documents the output already holds with their mentions are skipped by id (those of
    the same moneta version and load options: other options are refused, :class:`ResumeError`), and the file
    ends as a clean run of this input would write it: the kept lines stay where the input puts their rows, a
    row that failed is tried again (its old error line replaced), and lines of rows that are not in this input
    are dropped. While the output still matches the input line for line (a load that was killed), it is only
    appended to. Where it does not (the input changed), it is rewritten into ``.<name>.moneta-resume`` beside it
    and renamed over it when the load ends (a load stopped early then keeps, after its rows, every kept line
    it did not reach).
    """

    groups_batches = False  # each batch's lines are written and flushed as soon as it is processed
    takes_kept_rows = True  # --resume hands over the rows it skips, in input order (kept lines stay in place)

    def __init__(self, path: str, *, resume: bool) -> None:
        self.path = path
        self._versions: Versions | None = None
        self._written: _Written | None = None  # with --resume: what the existing output holds
        self._mode = "idle"  # then "append", "compare" (resume: matching the old lines) or "rebuild"
        self._out: IO[bytes] | None = None
        self._old: IO[bytes] | None = None  # the existing output, read while comparing or rebuilding
        self._position = 0  # compare, rebuild: the old lines before this byte offset are matched or copied
        if path == "-" or not (resume and os.path.isfile(path)):  # a device or a pipe: nothing to resume
            return
        try:
            written = _read_written(path)
        except OSError as exc:
            raise ValueError(f"cannot read {path!r} to resume: {exc.strerror}") from None
        if written.lines:
            self._written = written

    def start(self, versions: Versions, *, resume: bool) -> set[str]:
        """Begin the load; with ``resume``, return the ids of the documents the output holds with mentions.

        :raise ResumeError: the output was written by another moneta version or with other load options, or
            has no record of them.
        """
        self._versions = versions
        if not resume or self._written is None:
            return set()
        record = _read_record(self.path)
        if record is None:
            raise ResumeError(
                f"--resume: {self.path} has no record of the options it was written with (no "
                f"{os.path.basename(_record_path(self.path))} beside it): run without --resume to rewrite it"
            )
        if record.get("moneta_version") != versions.moneta:
            raise ResumeError(
                f"--resume: {self.path} was written by moneta {record.get('moneta_version')}, this is moneta "
                f"{versions.moneta}: run without --resume to rewrite it"
            )
        if record.get("load_options") != versions.load_options:
            raise ResumeError(
                f"--resume: {self.path} was written with other options ({record.get('load_options')}; this "
                f"load: {versions.load_options}): resume with the same --to, --rates, --rates-fallback and "
                "--default-date, or run without --resume to rewrite it"
            )
        return set(self._written.loaded)

    def _begin(self) -> None:
        """Open the output for this load: go on from what ``--resume`` keeps, else rewrite it."""
        assert self._versions is not None, "start() first"
        if self._written is not None:
            self._old = open(self.path, "rb")  # noqa: SIM115 - closed in close()
            self._mode = "compare"
            return
        if os.path.isfile(self.path) or not os.path.exists(self.path):  # not beside /dev/null or a pipe
            _write_record(self.path, self._versions)
        self._out = open(self.path, "wb")  # noqa: SIM115 - closed in close()
        self._mode = "append"

    def write(
        self, outcomes: Sequence[DocumentOutcome], versions: Versions, *, new_rows: bool = False
    ) -> None:
        if self.path == "-":
            sys.stdout.write("".join(dumps(outcome_to_json(o)) + "\n" for o in outcomes if not o.kept))
            sys.stdout.flush()
            return
        if self._mode == "idle":
            self._begin()
        for outcome in outcomes:
            if outcome.kept:
                assert outcome.row.id is not None
                self._keep(outcome.row.id)
            else:
                self._add((dumps(outcome_to_json(outcome)) + "\n").encode("utf-8"))
        if self._out is not None:
            self._out.flush()

    def _keep(self, doc_id: str) -> None:
        """The line of a document the output already holds, in this place of the input order."""
        assert self._written is not None
        offset, length = self._written.loaded.pop(doc_id)
        if self._mode == "compare" and offset == self._position:
            self._position += length
            return
        if self._mode == "append":  # (cannot happen: every kept line is matched before appending starts)
            assert self._out is not None
            self._out.seek(offset)
            line = self._out.read(length)
            self._out.seek(0, os.SEEK_END)
            self._out.write(line)
            return
        self._rebuild()
        assert self._out is not None
        assert self._old is not None
        self._old.seek(offset)
        self._out.write(self._old.read(length))

    def _add(self, line: bytes) -> None:
        """A line written by this load."""
        if self._mode == "compare":
            assert self._written is not None
            assert self._old is not None
            if self._position >= self._written.end:  # every old line matched: append from here
                self._old.close()
                self._old = None
                self._out = open(self.path, "r+b")  # noqa: SIM115 - closed in close()
                self._out.truncate(self._written.end)  # a torn last line goes
                self._out.seek(self._written.end)
                self._mode = "append"
            else:
                self._old.seek(self._position)
                if self._old.readline() == line:  # the same line as the old run wrote (a failed row, again)
                    self._position += len(line)
                    return
                self._rebuild()
        assert self._out is not None
        self._out.write(line)

    def _rebuild(self) -> None:
        """Stop matching the old lines: write the output anew (beside it), starting with the lines matched."""
        if self._mode == "rebuild":
            return
        assert self._old is not None
        self._out = open(_rebuild_path(self.path), "wb")  # noqa: SIM115 - closed in close()
        self._old.seek(0)
        left = self._position
        while left:
            chunk = self._old.read(min(left, 1 << 20))
            self._out.write(chunk)
            left -= len(chunk)
        self._mode = "rebuild"

    def close(self, *, complete: bool) -> None:
        """Finish the output. A load that ends (``complete``) leaves exactly its lines; one that stopped early
        (``--max-errors``, an error) keeps the lines ``--resume`` can still use, and one that wrote nothing
        leaves an existing output untouched."""
        if self.path == "-":
            return
        try:
            if self._mode == "idle" and complete:
                self._begin()
            if self._mode == "compare" and complete:  # old lines not reached belong to no row of this input
                assert self._old is not None
                assert self._written is not None
                self._old.close()
                self._old = None
                with open(self.path, "r+b") as output:
                    output.truncate(self._position)
            elif self._mode == "rebuild":
                self._finish_rebuild(complete)
        finally:
            for stream in (self._out, self._old):
                if stream is not None:
                    stream.close()
            self._out = self._old = None

    def _finish_rebuild(self, complete: bool) -> None:
        assert self._out is not None
        assert self._old is not None
        assert self._written is not None
        try:
            if not complete:  # the kept lines this load did not reach stay, after its own
                for offset, length in sorted(self._written.loaded.values()):
                    self._old.seek(offset)
                    self._out.write(self._old.read(length))
            self._out.flush()
            os.fsync(self._out.fileno())
            self._out.close()
            os.replace(_rebuild_path(self.path), self.path)
        except BaseException:
            self._out.close()
            with contextlib.suppress(OSError):
                os.remove(_rebuild_path(self.path))
            raise


def _rebuild_path(path: str) -> str:
    """Where a resumed JSONL output that no longer matches its input is rewritten (renamed over it at the end)."""
    directory, name = os.path.split(os.path.abspath(path))
    return os.path.join(directory, f".{name}.moneta-resume")


_KEYS_SQL = """
CREATE TEMP TABLE IF NOT EXISTS load_keys (id VARCHAR, source VARCHAR, line BIGINT, whole BOOLEAN);
"""
_KEY_COLUMNS = (("id", "VARCHAR"), ("source", "VARCHAR"), ("line", "BIGINT"), ("whole", "BOOLEAN"))


def _read_csv(path: str, columns: Sequence[tuple[str, str]]) -> str:
    """The ``read_csv`` call that reads a file written with ``csv.QUOTE_NONNUMERIC`` (see
    :func:`moneta.batch.tables.csv_tables`): no header, no type guessing, an empty unquoted cell is NULL and a
    quoted one the empty string; list columns arrive as JSON text (decoded by :func:`_insert_sql`). A row may be
    as long as the whole file (DuckDB's default limit of 2 MB per row would refuse a huge id or reason)."""
    types = ", ".join(
        f"'c{i}': '{'VARCHAR' if sql.endswith('[]') else sql}'" for i, (_, sql) in enumerate(columns)
    )
    longest = max(_DUCKDB_MAX_LINE_SIZE, os.path.getsize(path) + 1)
    return (
        f"read_csv('{_sql_string(path)}', header = false, auto_detect = false, delim = ',', quote = '\"', "
        f"escape = '\"', allow_quoted_nulls = false, max_line_size = {longest}, columns = {{{types}}})"
    )


def _csv_path(directory: str, table: str) -> str:
    return os.path.join(directory, f"{table}.csv")


#: DuckDB's default ``max_line_size`` of ``read_csv`` (bytes).
_DUCKDB_MAX_LINE_SIZE = 2_000_000


def _insert_sql(
    table: str, path: str, columns: Sequence[tuple[str, str]], constants: Sequence[str] = ()
) -> str:
    """``INSERT INTO table (columns) SELECT ... FROM read_csv(path)``: the file holds every column but the
    trailing ``constants`` (given as parameters, ``?``, one per constant column); lists are decoded from JSON."""
    names = ", ".join(_quote(name) for name, _ in columns)
    read = [(name, sql) for name, sql in columns if name not in constants]
    cells = [
        f"from_json(c{i}, '[\"VARCHAR\"]')" if sql == "VARCHAR[]" else f"c{i}"
        for i, (_, sql) in enumerate(read)
    ]
    cells += ["?"] * (len(columns) - len(read))
    return f"INSERT INTO {table} ({names}) SELECT {', '.join(cells)} FROM {_read_csv(path, read)}"  # noqa: S608


class DuckDBSink:
    """The four tables in a DuckDB database file (see the module docstring).

    Each batch's rows reach DuckDB as CSV files in a private temporary directory (written by
    :func:`moneta.batch.tables.csv_tables`, read by DuckDB's ``read_csv``: decimals as exact text, NULLs kept
    apart from empty strings, the version stamps as parameters) that lives only while :meth:`write` runs (a
    load killed during a write may leave that one directory in the system's temporary directory). Per row that
    costs about what building Arrow tables costs, without importing pyarrow (and numpy: about 0.15 s of CPU per
    load) or holding the batch twice in memory.
    """

    groups_batches = True
    takes_kept_rows = False

    def __init__(self, path: str) -> None:
        import duckdb

        from moneta.batch.tables import COLUMNS, STAMP_COLUMNS, duckdb_ddl

        self.path = path
        try:
            self._con = duckdb.connect(path, config=_duckdb_config())
        except duckdb.Error as exc:
            raise ValueError(f"cannot open DuckDB database {path!r}: {exc}") from None
        for name in COLUMNS:  # a table of another shape under one of our names: refused before any change
            have = [
                r[0]
                for r in self._con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "AND table_schema = current_schema() ORDER BY ordinal_position",
                    [name],
                ).fetchall()
            ]
            want = [c for c, _, _ in COLUMNS[name]]
            if have and have != want:
                self._con.close()
                raise ValueError(
                    f"DuckDB database {path!r} already has a table {name!r} with other columns "
                    f"({', '.join(have[:8])}): load into another file"
                )
        for name in COLUMNS:
            self._con.execute(duckdb_ddl(name))
        self._con.execute(_KEYS_SQL)
        # Tables empty when opened hold no row that a batch of new rows (see Sink.write) could replace, so
        # such batches skip the DELETEs. Any row committed before a crash makes the next run (re-run or
        # --resume) start non-empty, so it deletes as usual.
        self._fresh = not any(
            self._con.execute(f"SELECT EXISTS (SELECT 1 FROM {name})").fetchone()[0]  # type: ignore[index]  # noqa: S608
            for name in TABLE_NAMES
        )
        self._columns: dict[str, Sequence[tuple[str, str]]] = {
            name: [(c, sql) for c, sql, _ in COLUMNS[name]] for name in TABLE_NAMES
        }
        self._columns["load_keys"] = _KEY_COLUMNS
        self._constants = STAMP_COLUMNS
        # The ids whose rows this load owns, so that no later row of theirs deletes them by id: the ids
        # ``--resume`` keeps (their ok row stays; start()) and the ids of rows this load has written (its rows
        # of an id may fall in several transactions). A row of such an id replaces only the row at its own
        # (source, line). Tracked only while batches replace rows (tables not empty when opened).
        self._kept: set[str] = set()
        self._written: set[str] = set()

    def _insert(self, name: str, directory: str) -> str:
        """The INSERT of table ``name`` from its CSV file in ``directory`` (written by :meth:`_stage`)."""
        return _insert_sql(name, _csv_path(directory, name), self._columns[name], self._constants)

    def start(self, versions: Versions, *, resume: bool) -> set[str]:
        self._kept = self.loaded_ids(versions.moneta, versions.load_options) if resume else set()
        self._written = set()  # a new load: no id of it written yet
        return self._kept

    def loaded_ids(self, moneta_version: str, load_options: str = "") -> set[str]:
        """The ids of the documents loaded fine by ``moneta_version`` with ``load_options``."""
        rows = self._con.execute(
            # only documents loaded fine with the same options are skipped: a row that failed is tried again
            # (its input may be fixed), and one loaded with other targets or rates is reloaded
            "SELECT id FROM documents WHERE moneta_version = ? AND load_options = ? AND status = 'ok' "
            "AND id IS NOT NULL",
            [moneta_version, load_options],
        ).fetchall()
        return {r[0] for r in rows}

    def _stage(
        self, outcomes: Sequence[DocumentOutcome], versions: Versions, keys: bool, directory: str
    ) -> dict[str, int]:
        """Write the batch's CSV files (and the ``load_keys`` file when ``keys``) into ``directory``; return
        the rows written per table."""
        from moneta.batch.tables import CSV_NULL, csv_tables

        streams = {
            name: open(_csv_path(directory, name), "w", encoding="utf-8", newline="")  # noqa: SIM115
            for name in TABLE_NAMES
        }
        try:
            writers = {
                name: csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
                for name, stream in streams.items()
            }
            counts = csv_tables(outcomes, versions, writers)
        finally:
            for stream in streams.values():
                stream.close()
        if keys:
            with open(_csv_path(directory, "load_keys"), "w", encoding="utf-8", newline="") as stream:
                csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows(
                    (
                        CSV_NULL if o.row.id is None else o.row.id,
                        o.row.source,
                        o.row.line,
                        "true" if self._replaces_id(o.row.id) else "false",
                    )
                    for o in outcomes
                )
        return counts

    def _replaces_id(self, doc_id: str | None) -> bool:
        """Whether a row of ``doc_id`` replaces every row of that id (the first row of the id this load writes,
        whatever its status, when ``--resume`` keeps none of it), rather than only the row at its own
        (source, line). Called once per row written, in input order."""
        if doc_id is None or doc_id in self._kept or doc_id in self._written:
            return False
        self._written.add(doc_id)
        return True

    def write(
        self, outcomes: Sequence[DocumentOutcome], versions: Versions, *, new_rows: bool = False
    ) -> None:
        replace = not (new_rows and self._fresh)  # else no row of this batch can be in the tables yet
        directory = tempfile.mkdtemp(prefix="moneta-batch-")
        try:
            counts = self._stage(outcomes, versions, replace, directory)
            self._load(counts, versions, replace, directory)
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    def _load(self, counts: dict[str, int], versions: Versions, replace: bool, directory: str) -> None:
        """Load the staged batch in one transaction (deleting the rows it replaces first when ``replace``)."""
        from moneta.batch.tables import stamps

        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                con.execute("DELETE FROM load_keys")
                con.execute(self._insert("load_keys", directory))
                for table, id_column in (("mentions", "document_id"), ("conversions", "document_id")):
                    con.execute(
                        f"DELETE FROM {table} WHERE {id_column} IN (SELECT id FROM load_keys WHERE whole)"  # noqa: S608
                    )
                for table in ("documents", "errors"):
                    con.execute(
                        f"DELETE FROM {table} t WHERE t.id IN (SELECT id FROM load_keys WHERE whole) "  # noqa: S608
                        "OR EXISTS (SELECT 1 FROM load_keys k WHERE NOT k.whole AND k.source = t.source "
                        "AND k.line = t.line AND k.id IS NOT DISTINCT FROM t.id)"
                    )
            for name in TABLE_NAMES:
                if counts[name]:
                    con.execute(self._insert(name, directory), stamps(name, versions))
            con.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(Exception):  # a failed COMMIT has already ended the transaction
                con.execute("ROLLBACK")
            plain = _plain_error(exc)
            if plain is exc:
                raise
            raise plain from exc

    def close(self, *, complete: bool) -> None:
        try:
            self._con.execute("CHECKPOINT")
        except BaseException as exc:
            plain = _plain_error(exc)
            if plain is exc:
                raise
            raise plain from exc
        finally:
            self._con.close()

    @property
    def connection(self) -> Any:
        """The open DuckDB connection (for the directory sink's export)."""
        return self._con


#: DuckDB's memory limit for a load (its buffer pool; beyond it DuckDB spills to a temporary directory beside
#: the database): a load's memory stays flat whatever its size, instead of DuckDB's default of 80 % of RAM.
#: ``MONETA_DUCKDB_MEMORY_LIMIT`` (a DuckDB size such as ``1GB``) overrides it.
DUCKDB_MEMORY_LIMIT = "256MB"


_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*", re.IGNORECASE)
_SIZE_UNITS = {
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}
#: The smallest memory limit a load accepts: below it DuckDB cannot hold one batch.
_MIN_MEMORY_BYTES = 32 * 10**6


def _duckdb_config() -> dict[str, str | bool | int | float | list[str]]:
    """The DuckDB settings of a load's connection: the memory limit (:data:`DUCKDB_MEMORY_LIMIT`).

    :raise ValueError: ``MONETA_DUCKDB_MEMORY_LIMIT`` is not a size of at least 32 MB ("256MB", "1.5GB", "2GiB").
    """
    value = os.environ.get("MONETA_DUCKDB_MEMORY_LIMIT") or DUCKDB_MEMORY_LIMIT
    size = _SIZE.fullmatch(value)
    if size is None or float(size.group(1)) * _SIZE_UNITS[size.group(2).lower()] < _MIN_MEMORY_BYTES:
        raise ValueError(
            f"MONETA_DUCKDB_MEMORY_LIMIT={value[:40]!r}: give a size of at least 32MB, such as 256MB or 1GB"
        )
    return {"memory_limit": value.strip()}


def _plain_error(exc: BaseException) -> BaseException:
    """DuckDB's errors as the CLI reports them: an interrupted query (Ctrl-C) as ``KeyboardInterrupt`` (exit
    130), a failed write (disk full, I/O) as ``OSError`` (one line, exit 2); anything else unchanged."""
    import duckdb

    if isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and str(exc).startswith("Query interrupted")
    ):
        return KeyboardInterrupt()  # (DuckDB's Arrow scan reports an interruption as a plain RuntimeError)
    if isinstance(exc, duckdb.IOException) or (
        isinstance(exc, duckdb.Error) and "No space left on device" in str(exc)
    ):
        return OSError(str(exc).splitlines()[0])
    return exc


class DirectorySink:
    """Parquet or CSV files, one per table, through a DuckDB staging database (see the module docstring)."""

    groups_batches = True
    takes_kept_rows = False

    def __init__(self, directory: str, file_format: str) -> None:
        self.directory = directory
        self.file_format = file_format
        try:  # the leaf directory only: a missing parent is refused (check_output), never created
            if not os.path.isdir(directory):
                os.mkdir(directory)
            os.makedirs(os.path.join(directory, ".moneta"), exist_ok=True)
        except OSError as exc:
            raise ValueError(f"cannot create the output directory {directory!r}: {exc.strerror}") from None
        self._staging = DuckDBSink(os.path.join(directory, ".moneta", "staging.duckdb"))

    def start(self, versions: Versions, *, resume: bool) -> set[str]:
        return self._staging.start(versions, resume=resume)

    def write(
        self, outcomes: Sequence[DocumentOutcome], versions: Versions, *, new_rows: bool = False
    ) -> None:
        self._staging.write(outcomes, versions, new_rows=new_rows)

    def close(self, *, complete: bool) -> None:
        from moneta.batch.tables import COLUMNS

        con = self._staging.connection
        for name, columns in COLUMNS.items():
            final = os.path.join(self.directory, f"{name}.{self.file_format}")
            temporary = final + ".tmp"
            if self.file_format == "parquet":
                _export_parquet(con, name, temporary)
                os.replace(temporary, final)
                continue
            else:
                cells = [
                    f"array_to_string({_quote(column)}, ';') AS {_quote(column)}"
                    if sql.endswith("[]")
                    else _quote(column)
                    for column, sql, _ in columns
                ]
                select = f"SELECT {', '.join(cells)} FROM {name} ORDER BY ALL"  # noqa: S608
                options = "(FORMAT csv, HEADER true)"
            try:
                con.execute(f"COPY ({select}) TO '{_sql_string(temporary)}' {options}")
            except BaseException as exc:
                plain = _plain_error(exc)
                if plain is exc:
                    raise
                raise plain from exc
            os.replace(temporary, final)
        self._staging.close(complete=complete)


#: Rows per Arrow record batch of a Parquet export (bounded memory for tables of any size).
_EXPORT_BATCH_ROWS = 65_536


def _export_parquet(con: Any, name: str, path: str) -> None:
    """Write table ``name`` of the staging database to ``path`` as Parquet (zstd) with the table's declared
    Arrow schema (:func:`moneta.batch.tables.schemas`), streamed in record batches: every load's files then
    have the same column types and nullability whatever the data (DuckDB's own COPY marks a column that
    happens to hold no NULL as required, so two loads' files would disagree)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from moneta.batch.tables import schemas

    schema = schemas()[name]
    select = f"SELECT * FROM {name} ORDER BY ALL"  # noqa: S608
    try:
        relation = con.sql(select)
        # (to_arrow_reader: DuckDB 1.4 on; fetch_record_batch before, deprecated since)
        stream = getattr(relation, "to_arrow_reader", None) or relation.fetch_record_batch
        reader = stream(_EXPORT_BATCH_ROWS)
        with pq.ParquetWriter(path, schema, compression="zstd") as writer:
            for batch in reader:
                writer.write_table(pa.Table.from_batches([batch]).cast(schema))
    except BaseException as exc:
        plain = _plain_error(exc)
        if plain is exc:
            raise
        raise plain from exc


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


def open_sink(path: str, output_format: str, *, resume: bool) -> Sink:
    """Open the sink for ``path`` in ``output_format`` (see :data:`OUTPUT_FORMATS`).

    :raise ValueError: when the output cannot be opened (one-line message; see :func:`check_output`).
    """
    check_output(path, output_format)
    if output_format == "jsonl":
        return JsonlSink(path, resume=resume)
    if output_format == "duckdb":
        return DuckDBSink(path)
    return DirectorySink(path, output_format)
