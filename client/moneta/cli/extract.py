"""``moneta extract``: find, normalise and convert the monetary amounts of one text.

Without ``--server`` the engine runs in this process; with ``--server HOST:PORT`` a moneta server does the work.
Both give the same :mod:`moneta.model` objects, printed by the same writers through :mod:`moneta.serialize`, so
the output is byte for byte the same either way.

Formats: ``table`` (for people; a ``PER`` column when a mention is a per-unit price), ``json`` (one object ``{"mentions": [...]}``, indented), ``jsonl`` (one mention
per line), ``csv`` (one row per mention, four columns per target currency). Exit code 1 when any conversion's
status is not ``ok``.

Texts of any size: in-process, a text longer than :data:`CHUNK_CHARS` code points is read and extracted chunk by
chunk (cut at a paragraph break, else a line break, else a space: :func:`moneta.cli._common.cut_position`; each
chunk is read with :data:`CONTEXT_CHARS` code points of its neighbours on each side, and keeps the amounts that
start in it, so an amount across a cut is read whole, once), with
offsets counted from the start of the whole input and ``equivalent_of`` indexes into the whole output, and the
output is written as each chunk is done (``json`` too: the same bytes as one ``{"mentions": [...]}`` object).
Memory stays bounded by a few chunks and their mentions; time is linear in the input. Choices that depend on the
rest of the document (an ambiguous ``$`` resolved by "Australian dollars" elsewhere, decimal-comma detection)
see only their own chunk for such texts. A text of at most one chunk gives exactly the output of one call.
With ``--server`` the whole text goes in one request (the server's limit applies, 1 MiB by default).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TextIO

from moneta.cli._common import (
    add_rate_arguments,
    check_encoding,
    check_iso_codes,
    check_locale_hint,
    check_rates_for_server,
    currency_list,
    iso_date,
    output_errors,
    read_text,
    read_text_chunks,
    server_address,
    server_errors,
)
from moneta.cli._operating import (
    add_client_tls_arguments,
    add_timeout_argument,
    check_timeout_needs_server,
    check_tls_needs_server,
    client_credentials,
)
from moneta.model import Conversion, ConversionStatus, Mention, OffsetEncoding

__all__ = ["CHUNK_CHARS", "FORMATS", "add_parser", "run", "write_mentions"]

#: In-process, texts longer than this many code points are extracted in chunks of about this size.
CHUNK_CHARS = 1 << 18

FORMATS = ("table", "json", "jsonl", "csv")


def add_parser(subparsers: Any) -> None:
    """Register ``moneta extract`` and its options."""
    parser = subparsers.add_parser(
        "extract",
        help="find the monetary amounts in a text and convert them",
        description="Find every monetary amount in a text (a file, or - for standard input), normalised and "
        "converted at the ECB reference rates of --date. Exit 0 if all went well, 1 if a conversion "
        "is not ok, 2 for invalid input.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE|-",
        help="text file (default: stdin), UTF-8 unless --encoding",
    )
    parser.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help="the input's text encoding, any Python codec (default: utf-8; e.g. latin-1, cp1252, utf-16)",
    )
    parser.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="publication date: the rates' date"
    )
    parser.add_argument(
        "--to",
        type=currency_list,
        default=[],
        metavar="USD,GBP",
        help="ISO 4217 codes to convert every amount into",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument(
        "--server",
        type=server_address,
        metavar="HOST:PORT",
        help="use a moneta server instead of the in-process engine",
    )
    parser.add_argument(
        "--locale",
        metavar="HINT",
        help="BCP-47 locale with a region for ambiguous '$' (en-AU or en_AU; a bare region as und-AU)",
    )
    add_rate_arguments(parser)  # --rates, --rates-fallback
    parser.add_argument(
        "--offsets",
        choices=[e.value for e in OffsetEncoding],
        default=OffsetEncoding.CODE_POINTS.value,
        help="unit of start/end: code_points (default), utf16 or utf8",
    )
    add_client_tls_arguments(parser)  # --tls, --tls-ca, --tls-cert, --tls-key (moneta.cli._operating)
    add_timeout_argument(parser, "30")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, *, chunk_chars: int = CHUNK_CHARS) -> int:
    """Run ``moneta extract``; return 0, or 1 when a conversion's status is not ``ok``.

    :param chunk_chars: in-process, the chunk size in code points (see the module docstring; tests make it
        small).
    """
    check_rates_for_server(args.rates, args.server)
    check_tls_needs_server(args, args.server)
    check_timeout_needs_server(args, args.server)
    targets: list[str] = args.to
    check_iso_codes(targets, "--to")
    check_locale_hint(args.locale)
    args.encoding = check_encoding(args.encoding)
    encoding = OffsetEncoding(args.offsets)
    if not args.server:
        return _run_local(args, targets, encoding, chunk_chars)
    text = read_text(args.file, args.encoding)
    mentions = _extract_remote(args.server, text, args, targets, encoding)
    with output_errors():
        write_mentions(mentions, targets, args.format, sys.stdout)
    _hint_date(_date_missing(mentions))
    return 1 if any(c.status is not ConversionStatus.OK for m in mentions for c in m.conversions) else 0


def _date_missing(mentions: Iterable[Mention]) -> bool:
    return any(c.status is ConversionStatus.DATE_MISSING for m in mentions for c in m.conversions)


def _hint_date(missing: bool) -> None:
    """After the output: when conversions failed for want of a date (``--to`` without ``--date``), say so in one
    line on stderr, so that the exit code 1 is explained outside the table's cells."""
    if missing:
        print(
            "moneta: no --date given, so no amount was converted into another currency (status date_missing): "
            "conversions use the rates of the text's publication date, --date YYYY-MM-DD",
            file=sys.stderr,
        )


def _run_local(
    args: argparse.Namespace, targets: list[str], encoding: OffsetEncoding, chunk_chars: int
) -> int:
    """Extract in-process chunk by chunk, writing each chunk's mentions as soon as they are found."""
    from moneta_service.pipeline import InvalidInputError, extract_and_convert
    from moneta_service.rates import RatesError, open_provider

    from moneta.cli import UsageError
    from moneta.offsets import convert_offsets

    try:
        wanted = targets or args.rates or args.rates_fallback
        provider = open_provider(args.rates or "ecb", fallback=args.rates_fallback) if wanted else None
    except RatesError as exc:
        raise UsageError(str(exc).splitlines()[0]) from None

    def found() -> Iterator[list[Mention]]:
        offset = 0  # offset of the chunk in the whole input, in the unit of ``encoding``
        start = 0  # offset of the chunk in the whole input, in code points
        written_to = 0  # code point where the last mention written so far ends
        count = 0  # mentions before the chunk
        boundary = 0  # code point where the next window starts (see _next_boundary)
        previous = ""  # the chunk before this one
        for chunk, right in _with_next(read_text_chunks(args.file, chunk_chars, args.encoding)):
            if boundary >= start:  # an amount of the chunk before ran across the cut: read on after it
                left, head = "", chunk[boundary - start :]
                window_offset = offset + _length(chunk[: boundary - start], encoding)
            else:  # the chunk read with the tail of the one before, from where an amount of it ended
                left, head = previous[len(previous) - (start - boundary) :], chunk
                window_offset = offset - _length(left, encoding)
            window = left + head + right  # the chunk read with its neighbours' edges
            try:
                mentions = extract_and_convert(
                    window, date=args.date, targets=targets, locale_hint=args.locale, provider=provider
                )
            except (InvalidInputError, RatesError) as exc:
                raise UsageError(str(exc).splitlines()[0]) from None
            end = start + len(chunk)
            kept = _own_mentions(mentions, max(start, written_to) - boundary, end - boundary)
            if kept:
                written_to = max(written_to, boundary + max(m.end for m in kept))
            yield _shift(convert_offsets(window, kept, encoding), window_offset, count)
            boundary = _next_boundary([boundary + m.end for m in kept], start, end, written_to)
            previous = chunk
            offset += _length(chunk, encoding)
            start = end
            count += len(kept)

    chunks = found()
    first = next(chunks)  # before any output: bad input or rates fail with nothing written
    failed = _any_failed(first)
    missing = _date_missing(first)
    second = next(chunks, None)
    with output_errors():
        if second is None:  # one chunk: exactly the output of one call
            write_mentions(first, targets, args.format, sys.stdout)
        else:
            writer = _StreamWriter(targets, args.format, sys.stdout)
            writer.add(first)
            writer.add(second)
            failed = failed or _any_failed(second)
            missing = missing or _date_missing(second)
            del first, second
            trim = _malloc_trim()
            for mentions in chunks:
                writer.add(mentions)
                failed = failed or _any_failed(mentions)
                missing = missing or _date_missing(mentions)
                trim()
            writer.finish()
    _hint_date(missing)
    return 1 if failed else 0


#: Code points of each neighbouring chunk read with a chunk (a hedge before an amount, its scale word or currency
#: name after it): an amount across a cut is read whole, once, in the chunk where it starts.
CONTEXT_CHARS = 512


def _with_next(chunks: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Yield ``(chunk, right)`` for each chunk: ``right`` is the first :data:`CONTEXT_CHARS` code points of the
    chunk after it (empty for the last)."""
    pending = iter(chunks)
    chunk = next(pending, None)
    while chunk is not None:
        following = next(pending, None)
        yield chunk, (following or "")[:CONTEXT_CHARS]
        chunk = following


def _next_boundary(ends: list[int], start: int, end: int, written_to: int) -> int:
    """Where the window of the chunk after ``[start, end)`` starts (code points of the whole input).

    The engine reads a text from left to right, and in a run such as "Rs 824 crore Rs 824 crore" where a sign
    may belong to the number before or after it, a window that starts in the middle of the run would pair them
    otherwise than the whole text does. So the next window starts where an amount of this chunk ended (``ends``:
    the ends of the mentions kept from this chunk), the earliest such end within :data:`CONTEXT_CHARS` code
    points of the cut (as much context as can be read the same way), or after an amount that ran across the
    cut (``written_to``); with no amount near the cut, :data:`CONTEXT_CHARS` before it."""
    if written_to > end:
        return written_to
    floor = max(start, end - CONTEXT_CHARS)
    near = [e for e in ends if e >= floor]
    return min(near) if near else floor


def _own_mentions(mentions: list[Mention], low: int, high: int) -> list[Mention]:
    """The mentions of a window that start in ``[low, high)`` (code points: the chunk itself, after what earlier
    chunks wrote), with ``equivalent_of`` renumbered among them (``None`` where the original is not among them)."""
    import dataclasses

    kept = [i for i, m in enumerate(mentions) if low <= m.start < high]
    index = {i: k for k, i in enumerate(kept)}
    out: list[Mention] = []
    for i in kept:
        mention = mentions[i]
        if mention.equivalent_of is not None:
            mention = dataclasses.replace(mention, equivalent_of=index.get(mention.equivalent_of))
        out.append(mention)
    return out


def _malloc_trim() -> Callable[[], object]:
    """Return a function that hands the C heap's free memory back to the system (glibc), else does nothing.

    Each chunk allocates a few strings of chunk size; glibc raises its mmap threshold once such blocks are
    freed and then serves them from the heap, where they fragment it: without a trim after each chunk the peak
    RSS grows with the input (measured: 105 MB for 50 MB of text against 55 MB for 10 MB).
    """
    import ctypes

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return lambda: None
    return lambda: trim(0)


def _any_failed(mentions: Iterable[Mention]) -> bool:
    return any(c.status is not ConversionStatus.OK for m in mentions for c in m.conversions)


def _length(text: str, encoding: OffsetEncoding) -> int:
    """Length of ``text`` in ``encoding``'s unit (code points, UTF-16 code units or UTF-8 bytes)."""
    if encoding is OffsetEncoding.UTF16:
        return len(text.encode("utf-16-le", errors="surrogatepass")) // 2
    if encoding is OffsetEncoding.UTF8:
        return len(text.encode("utf-8", errors="surrogatepass"))
    return len(text)


def _shift(mentions: list[Mention], offset: int, count: int) -> list[Mention]:
    """Move a chunk's mentions to whole-input offsets (``+ offset``) and indexes (``equivalent_of + count``)."""
    if not offset and not count:
        return mentions
    import dataclasses

    return [
        dataclasses.replace(
            m,
            start=m.start + offset,
            end=m.end + offset,
            equivalent_of=None if m.equivalent_of is None else m.equivalent_of + count,
        )
        for m in mentions
    ]


class _StreamWriter:
    """Writes mentions chunk by chunk in a format of :data:`FORMATS`.

    ``json``, ``jsonl`` and ``csv`` give exactly the bytes :func:`write_mentions` gives for all the mentions at
    once; ``table`` writes one table per chunk that has mentions (rows numbered across the whole input, each
    followed by its notes; a rate note is not repeated), separated by blank lines.
    """

    def __init__(self, targets: Sequence[str], fmt: str, out: TextIO) -> None:
        self.targets = targets
        self.fmt = fmt
        self.out = out
        self.count = 0
        self.rate_notes: set[str] = set()  # table: rate notes already written (few: one per rate used)
        self.csv: Any = None
        if fmt == "csv":
            self.csv = csv.writer(out, lineterminator="\n")
            self.csv.writerow(_csv_header(targets))

    def add(self, mentions: Sequence[Mention]) -> None:
        """Write the next mentions (their offsets and indexes already for the whole input)."""
        from moneta.serialize import dumps, mention_to_dict

        out = self.out
        if self.fmt == "json":
            for mention in mentions:
                body = dumps(mention_to_dict(mention), indent=2).replace("\n", "\n    ")
                out.write(('{\n  "mentions": [\n    ' if self.count == 0 else ",\n    ") + body)
                self.count += 1
        elif self.fmt == "jsonl":
            out.writelines(dumps(mention_to_dict(mention)) + "\n" for mention in mentions)
        elif self.fmt == "csv":
            self.csv.writerows(_csv_row(mention) for mention in mentions)
        elif mentions:
            rows, notes = _table_rows(mentions, self.count)
            if self.count:
                out.write("\n")
            _render_table(self.targets, rows, out, header=True)
            notes = [n for n in notes if n not in self.rate_notes]
            self.rate_notes.update(n for n in notes if n.startswith("rate: "))
            if notes:
                out.write("\n")
                out.writelines(note + "\n" for note in notes)
        self.count += len(mentions) if self.fmt != "json" else 0

    def finish(self) -> None:
        """End the output (the closing brackets of ``json``; the notes of ``table``)."""
        if self.fmt == "json":
            self.out.write('{\n  "mentions": []\n}\n' if self.count == 0 else "\n  ]\n}\n")
        elif self.fmt == "table" and self.count == 0:
            self.out.write("no monetary amounts found\n")


def _extract_remote(
    server: str, text: str, args: argparse.Namespace, targets: list[str], encoding: OffsetEncoding
) -> list[Mention]:
    from moneta.client import DEFAULT_TIMEOUT, MonetaClient

    timeout = args.timeout if getattr(args, "timeout", None) is not None else DEFAULT_TIMEOUT
    credentials = client_credentials(args)
    with (
        server_errors(
            server, timeout, tls=credentials is not None, client_cert=bool(getattr(args, "tls_cert", None))
        ),
        MonetaClient(server, credentials=credentials, timeout=timeout) as client,
    ):
        return client.extract(
            text,
            date=args.date,
            targets=targets,
            offset_encoding=encoding,
            locale_hint=args.locale,
            rate_source=args.rates,
            rate_fallback=args.rates_fallback,
        )


# --- writers -------------------------------------------------------------------------------------------------


def write_mentions(mentions: Sequence[Mention], targets: Sequence[str], fmt: str, out: TextIO) -> None:
    """Write ``mentions`` in format ``fmt`` (``table``, ``json``, ``jsonl`` or ``csv``) to ``out``.

    :param targets: the requested target currencies (column order of ``csv`` and ``table``).
    """
    from moneta.serialize import dumps, mention_to_dict, mentions_to_dict

    if fmt == "json":
        out.write(dumps(mentions_to_dict(mentions), indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(dumps(mention_to_dict(mention)) + "\n" for mention in mentions)
    elif fmt == "csv":
        _write_csv(mentions, targets, out)
    else:
        _write_table(mentions, targets, out)


_CSV_COLUMNS = (
    "text",
    "start",
    "end",
    "currency",
    "currency_alternatives",
    "amount",
    "amount_max",
    "qualifier",
    "per_unit",
    "equivalent_of",
    "currency_basis",
)
_CSV_CONVERSION_COLUMNS = ("amount", "amount_max", "rate", "rate_date", "status")


def _write_csv(mentions: Sequence[Mention], targets: Sequence[str], out: TextIO) -> None:
    """One row per mention; for each target ``<CODE>_amount, <CODE>_amount_max, <CODE>_rate, <CODE>_rate_date,
    <CODE>_status``; ``currency_alternatives`` joined with ``;`` as in the batch CSV tables."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_csv_header(targets))
    writer.writerows(_csv_row(mention) for mention in mentions)


def _csv_header(targets: Sequence[str]) -> list[str]:
    return [*_CSV_COLUMNS, *(f"{t}_{c}" for t in targets for c in _CSV_CONVERSION_COLUMNS)]


def _csv_row(mention: Mention) -> list[Any]:
    from moneta.serialize import mention_to_dict

    row = mention_to_dict(mention)
    cells: list[Any] = [row[c] for c in _CSV_COLUMNS]
    cells[_CSV_COLUMNS.index("currency_alternatives")] = ";".join(row["currency_alternatives"])
    for conversion in row["conversions"]:
        cells += [conversion[c] for c in _CSV_CONVERSION_COLUMNS]
    return ["" if c is None else c for c in cells]


def _rate_for_people(conversion: Conversion) -> str:
    """The rate as the table's footer shows it: exact when it has at most 10 significant digits (a reference
    rate such as 1.0714), else rounded to 6 significant digits and marked "≈", with the currencies of a cross
    rate's path ("≈1.25101 via EUR"); the JSON, CSV and batch outputs keep every digit."""
    from moneta.serialize import decimal_to_str

    rate = conversion.rate
    if rate is None:
        return "?"
    if len(rate.as_tuple().digits) <= 10:
        return decimal_to_str(rate) or "?"
    shown = rate.quantize(Decimal(1).scaleb(rate.adjusted() - 5))
    via = conversion.path[1:-1]
    return f"≈{decimal_to_str(shown)}" + (f" via {'/'.join(via)}" if via else "")


def _cell(text: str) -> str:
    """Make one table cell: control characters (newlines, tabs) shown as spaces."""
    return "".join(" " if ch.isspace() or not ch.isprintable() else ch for ch in text)


def _write_table(mentions: Sequence[Mention], targets: Sequence[str], out: TextIO) -> None:
    """A plain-text table for people: one row per mention, one column per target, then the rates used."""
    if not mentions:
        out.write("no monetary amounts found\n")
        return
    rows, notes = _table_rows(mentions, 0)
    _render_table(targets, rows, out, header=True)
    if notes:
        out.write("\n")
        out.writelines(note + "\n" for note in notes)


def _table_rows(mentions: Sequence[Mention], first_index: int) -> tuple[list[list[str]], list[str]]:
    """Return the table rows of ``mentions`` (numbered from ``first_index``) and their notes, without repeats."""
    from moneta.serialize import decimal_to_str

    rows: list[list[str]] = []
    notes: dict[str, None] = {}  # in first-seen order
    for index, mention in enumerate(mentions, first_index):
        amount = decimal_to_str(mention.amount) or ""
        if mention.amount_max is not None:
            amount += f"–{decimal_to_str(mention.amount_max)}"
        row = [
            str(index),
            _cell(mention.text),
            str(mention.start),
            str(mention.end),
            mention.currency or "?",
            amount,
            mention.qualifier.value,
            _cell(mention.per_unit or ""),
        ]
        for conversion in mention.conversions:
            if conversion.status is ConversionStatus.OK:
                value = decimal_to_str(conversion.amount) or ""
                if conversion.amount_max is not None:
                    value += f"–{decimal_to_str(conversion.amount_max)}"
                row.append(value)
                if mention.currency == conversion.currency:
                    continue  # "USD→USD 1" tells a reader nothing
                note = (
                    f"rate: {mention.currency}→{conversion.currency} {_rate_for_people(conversion)} "
                    f"({conversion.source} rate of {conversion.rate_date or 'no date given'}"
                    + (
                        f", for {conversion.requested_date}"
                        if conversion.requested_date != conversion.rate_date
                        else ""
                    )
                    + ")"
                )
            else:
                row.append(conversion.status.value)
                note = f"note: #{index} {conversion.currency}: {conversion.status.value}: {_cell(conversion.message)}"
            notes[note] = None
        rows.append(row)
    return rows, list(notes)


def _render_table(targets: Sequence[str], rows: list[list[str]], out: TextIO, *, header: bool) -> None:
    """Write ``rows`` aligned on their widths (and the header's), with the header line when ``header``.

    The ``PER`` column (a per-unit price's unit: "barrel" for "$80 a barrel") is shown only when a row has one.
    """
    head = ["#", "TEXT", "START", "END", "CURRENCY", "AMOUNT", "QUALIFIER", "PER", *targets]
    if not any(r[7] for r in rows):
        head.pop(7)
        rows = [r[:7] + r[8:] for r in rows]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    right = {0, 2, 3, 5, *range(len(head) - len(targets), len(head))}
    for r in [head, *rows] if header else rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")
