"""``moneta batch``: load documents (JSONL, CSV, Parquet) into JSONL, DuckDB, Parquet or CSV tables.

Thin: argument parsing and exit codes only; the work is in :mod:`moneta.batch` (imported inside :func:`run`).
Exit codes: 0 every row loaded; 1 some rows failed (or ``--max-errors`` stopped the load; a damaged
``.gz``/``.zst`` input is one failed row, a Parquet file that cannot be read one failed row per lost row, or one
for the file); 2 usage or input errors, unreachable servers, an output that cannot be written, a ``--resume``
with other options than the output was written with (one line on stderr; checked before the output is created
or changed whenever possible).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from moneta.cli import UsageError
from moneta.cli._common import server_addresses, silence_stdout, tls_hint
from moneta.cli._operating import (
    add_client_tls_arguments,
    add_timeout_argument,
    check_timeout_needs_server,
    check_tls_needs_server,
    client_credentials,
)

if TYPE_CHECKING:
    from moneta.batch.load import LoadSummary

__all__ = ["add_parser", "run"]

_CODE = re.compile(r"[A-Z]{3}")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``moneta batch`` and its arguments."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "batch",
        help="load documents into JSONL, DuckDB, Parquet or CSV tables",
        description=(
            "Find the amounts of many documents. Inputs: JSONL (also .gz/.zst), CSV, Parquet, a directory or "
            "glob of them, or - for JSONL on stdin. Output by -o: out.jsonl (one line per document), "
            "warehouse.duckdb, or a directory with --format parquet|csv (tables mentions, conversions, "
            "documents, errors). Exit 0 all rows loaded, 1 some failed, 2 usage error."
        ),
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, directories, globs, named pipes, or - (stdin)"
    )
    parser.add_argument(
        "-o", "--output", required=True, help="out.jsonl, warehouse.duckdb, a directory, or -"
    )
    parser.add_argument("--format", choices=("jsonl", "duckdb", "parquet", "csv"), help="output format")
    parser.add_argument(
        "--input-format", choices=("jsonl", "csv", "parquet"), help="input format (default: name)"
    )
    parser.add_argument("--id-column", default="id", help="column of the document id (default: id)")
    parser.add_argument("--text-column", default="text", help="column of the text (default: text)")
    parser.add_argument(
        "--date-column", help="column of the publication date (default: date, which may be absent)"
    )
    parser.add_argument(
        "--locale-column",
        help="column of a BCP-47 locale hint (default: none); must be in every CSV/Parquet header and in the "
        "first record of each JSONL file",
    )
    parser.add_argument("--to", default=None, help="ISO 4217 codes to convert into, e.g. USD,EUR")
    parser.add_argument("--rates", default="ecb", help="rate source: ecb (default), live, or a table file")
    parser.add_argument(
        "--rates-fallback", choices=("ecb",), help="fall back to the ECB rates when --rates is unavailable"
    )
    parser.add_argument("--default-date", help="date (YYYY-MM-DD) of documents without one")
    parser.add_argument("--resume", action="store_true", help="skip documents the output already holds")
    parser.add_argument("--max-errors", type=int, metavar="N", help="stop once more than N rows failed")
    parser.add_argument("--summary", metavar="FILE", help="write a JSON run summary to FILE")
    parser.add_argument(
        "--workers", type=int, metavar="N", help="engine processes (in-process loads only; default 1)"
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="documents per batch, each written in one transaction (default: batches of 64, committed "
        "together up to 2048 documents or 4 Mi code points of text)",
    )
    parser.add_argument(
        "--server",
        action="append",
        default=[],
        type=server_addresses,
        metavar="HOST:PORT",
        help="use moneta servers (repeat or comma-separate for several; dns:///name for a DNS name)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress output on stderr")
    add_client_tls_arguments(parser)  # --tls, --tls-ca, --tls-cert, --tls-key (moneta.cli._operating)
    add_timeout_argument(parser, "none; per batch of documents")
    parser.set_defaults(func=run)
    return parser


def _targets(text: str | None) -> tuple[str, ...]:
    """The ``--to`` codes (none when the flag is not given).

    :raises UsageError: ``--to ""``, an empty code (``USD,``, ``USD,,GBP``), or a code that is not ISO 4217.
    """
    from moneta.cli._common import check_iso_codes, code_list_problem

    if text is None:
        return ()
    problem = code_list_problem(text)
    if problem is not None:
        raise UsageError(f"--to: {problem}")
    codes = tuple(code.strip().upper() for code in text.split(","))
    for code in codes:
        if not _CODE.fullmatch(code):
            raise UsageError(f"--to: {code!r} is not an ISO 4217 code")
    check_iso_codes(codes, "--to")
    return codes


def _check_summary_path(path: str) -> None:
    """Refuse, before any work, a ``--summary`` file that cannot be written (a directory, a missing directory)."""
    if os.path.isdir(path):
        raise UsageError(f"--summary {path!r} is a directory; give a file name")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise UsageError(f"--summary {path!r}: directory {parent!r} does not exist")
    if not os.access(path if os.path.exists(path) else parent, os.W_OK):
        raise UsageError(f"--summary {path!r}: permission denied")


#: The library each need takes, all from the ``warehouse`` extra (pyproject.toml). The hint installs the extra
#: from the checkout: moneta is not on PyPI, where a package of that name is another project.
_WAREHOUSE_EXTRA = "pip install '.[warehouse]' in the moneta checkout"


def _same_file(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` name the same file: the same path, or the same file through a symbolic or
    hard link (same device and inode), so a load never truncates its own input."""
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # the output does not exist yet (or cannot be read): it is no input
        return False


def _check_libraries(output_format: str, paths: list[str], formats: list[str]) -> None:
    """Refuse, before anything is read or written, a load whose output or inputs need a library of the
    ``warehouse`` extra that is not installed: DuckDB, Parquet and CSV outputs need duckdb (the tables are
    staged in DuckDB), Parquet inputs pyarrow, ``.zst`` inputs zstandard.

    :raises moneta.cli.UsageError: ``duckdb output needs the duckdb library, which is not installed: pip
        install '.[warehouse]' in the moneta checkout``.
    """
    import importlib

    needs: dict[str, str] = {}
    if output_format != "jsonl":
        needs.setdefault("duckdb", f"{output_format} output")
    for path, fmt in zip(paths, formats, strict=True):
        if fmt == "parquet":
            needs.setdefault("pyarrow", f"Parquet input ({path})")
        if path.lower().endswith((".zst", ".zstd")):
            needs.setdefault("zstandard", f"zstd input ({path})")
    for module, what in needs.items():
        try:
            importlib.import_module(module)
        except ImportError:
            raise UsageError(
                f"{what} needs the {module} library, which is not installed: {_WAREHOUSE_EXTRA}"
            ) from None


def run(args: argparse.Namespace) -> int:
    """Run ``moneta batch``; return 0 (all loaded), 1 (some rows failed) or raise UsageError (exit 2).

    Everything that can be checked before the load is checked before the output is created or truncated: the
    arguments, the inputs and their named columns, the output and ``--summary`` paths, the rate source, and
    (with ``--server``) that a server answers. A damaged compressed input (``.gz``/``.zst``) ends that file
    with an error row, a damaged Parquet input gives error rows (exit 1); an output that cannot be written
    (disk full) is a one-line error (exit 2), and so is an output pipe whose reader exits (``-o - | head``: the
    rows after it were not loaded; ``--summary`` is still written, its ``stopped`` saying so).
    """
    from moneta.batch.inputs import DEFAULT_DATE_COLUMN, ColumnNames, InputError, InputSet
    from moneta.batch.load import (
        OutputClosedError,
        Progress,
        SetupError,
        open_processor,
        parse_default_date,
        run_load,
    )
    from moneta.batch.outputs import ResumeError, check_output, open_sink, output_format_of
    from moneta.batch.process import Options
    from moneta.cli._common import output_errors

    if args.workers is not None and args.server:
        raise UsageError(
            "--workers needs an in-process load (it runs the engine in processes on this machine); with --server "
            "the servers do the work: leave out --workers, or give more servers"
        )
    if args.workers is None:
        args.workers = 1
    if args.workers < 1 or (args.batch_size is not None and args.batch_size < 1):
        raise UsageError("--workers and --batch-size must be at least 1")
    if args.max_errors is not None and args.max_errors < 0:
        raise UsageError("--max-errors must be 0 or more")
    if args.resume and args.output == "-":
        raise UsageError(
            "--resume needs an output file or directory to resume; -o - writes to standard output"
        )
    for flag, column in (
        ("--id-column", args.id_column),
        ("--text-column", args.text_column),
        ("--date-column", args.date_column),
        ("--locale-column", args.locale_column),
    ):
        if column is not None and not column.strip():
            raise UsageError(f"{flag}: empty; give a column name, or leave {flag} out")
    servers = tuple(s.strip() for spec in args.server for s in spec.split(",") if s.strip())
    from moneta.cli._common import check_rates_for_server

    check_rates_for_server(args.rates, ",".join(servers))  # a rate file cannot go to a server (exit 2)
    check_tls_needs_server(args, servers)
    check_timeout_needs_server(args, servers)
    credentials = client_credentials(args) if servers else None  # unusable TLS files: exit 2
    try:
        options = Options(
            targets=_targets(args.to),
            rates=args.rates,
            fallback=args.rates_fallback,
            default_date=parse_default_date(args.default_date),
            servers=servers,
            credentials=credentials,
            timeout=getattr(args, "timeout", None),
        )
        columns = ColumnNames(
            args.id_column,
            args.text_column,
            args.date_column or DEFAULT_DATE_COLUMN,
            args.locale_column,
            date_named=args.date_column is not None,  # named, even as ``date``: it must exist
        )
        inputs = InputSet(args.inputs, input_format=args.input_format, columns=columns)
        output_format = output_format_of(args.output, args.format)
        _check_libraries(output_format, inputs.paths, inputs.formats)
        inputs.check_columns()
        if args.output != "-" and any(_same_file(p, args.output) for p in inputs.paths if p != "-"):
            raise UsageError(f"the output {args.output!r} is one of the inputs")
        if output_format in ("parquet", "csv"):  # a directory of tables: none of its files may be an input
            from moneta.batch.tables import TABLE_NAMES

            written = [os.path.join(args.output, f"{name}.{output_format}") for name in TABLE_NAMES]
            clash = next((w for w in written for p in inputs.paths if p != "-" and _same_file(p, w)), None)
            if clash is not None:
                raise UsageError(f"the output table {clash!r} is one of the inputs")
        check_output(args.output, output_format)
        if args.summary:
            _check_summary_path(args.summary)
        processor = open_processor(options)  # before the sink: a load that cannot start touches no output
    except (InputError, SetupError, ValueError) as exc:
        hint = ""
        if isinstance(exc, SetupError) and servers:  # no server answered: TLS on one side only?
            hint = tls_hint(
                str(exc), tls=credentials is not None, client_cert=bool(getattr(args, "tls_cert", None))
            )
        raise UsageError(f"{exc}{hint}") from None
    try:
        sink = open_sink(args.output, output_format, resume=args.resume)
    except ValueError as exc:
        if hasattr(processor, "close"):
            processor.close()
        raise UsageError(str(exc)) from None
    if inputs.skipped:  # a notice, not an error: the load goes on and its exit code is unchanged
        print(
            f"moneta batch: skipped {len(inputs.skipped)} "
            f"{'entry' if len(inputs.skipped) == 1 else 'entries'} of input directories (subdirectories, or "
            "files named as no input format: .jsonl, .ndjson, .json or .csv, each also .gz/.zst, .parquet, .pq; "
            f"--input-format reads every file), e.g. {inputs.skipped[0]!r}",
            file=sys.stderr,
        )
    progress = None
    if not args.no_progress:
        progress = Progress(inputs.total_bytes, inputs.bytes_done)
    try:
        with output_errors(args.output if args.output != "-" else "standard output"):
            summary = run_load(
                inputs,
                sink,
                options,
                resume=args.resume,
                max_errors=args.max_errors,
                workers=args.workers,
                batch_size=args.batch_size,
                check_decimal=output_format != "jsonl",
                progress=progress,
                output=args.output,
                output_format=output_format,
                processor=processor,
            )
    except (InputError, SetupError, ResumeError) as exc:
        raise UsageError(str(exc)) from None
    except OutputClosedError as exc:  # `moneta batch ... -o - | head`: not every row was loaded, so exit 2
        if args.output == "-":  # its buffer's rest cannot be written: keep Python's flush at exit quiet
            silence_stdout()
        if args.summary:
            _write_summary(args.summary, exc.summary)
        raise UsageError(str(exc)) from None
    except ConnectionError as exc:  # moneta.streaming.StreamError: the servers cannot be reached
        if getattr(args, "timeout", None) is not None and "DEADLINE_EXCEEDED" in str(
            exc
        ):  # the status name (streaming._describe)
            raise UsageError(
                f"{exc}: no answer before the client's deadline of {args.timeout:g} s passed; "
                "give it longer with --timeout SECONDS"
            ) from None
        raise UsageError(str(exc)) from None
    if args.summary:
        _write_summary(args.summary, summary)
    if summary.stopped:
        print(f"moneta batch: stopped: {summary.stopped}", file=sys.stderr)
    return 1 if summary.failed or summary.stopped else 0


def _write_summary(path: str, summary: LoadSummary) -> None:
    """Write ``--summary`` ``path``: the load's summary as indented JSON.

    :raises UsageError: the file cannot be written (disk full...).
    """
    from moneta.cli._common import output_errors

    with output_errors(path), open(path, "w", encoding="utf-8") as stream:
        json.dump(summary.to_json(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
