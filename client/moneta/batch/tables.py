"""The warehouse tables of a load: ``mentions``, ``conversions``, ``documents`` and ``errors``.

:data:`COLUMNS` here is the single definition of the tables: DuckDB tables are created from it
(:func:`duckdb_ddl`) and loaded from the CSV rows of :func:`csv_tables`, the Parquet and CSV files are exported
from DuckDB, and the Arrow schemas (:func:`schemas`, for :func:`arrow_tables` and the Spark function of
:mod:`moneta.spark`) are built from it. pyarrow is imported inside the Arrow functions only, never at module
import, and a DuckDB load does not import it at all.

Amounts are ``DECIMAL(38,10)`` (:data:`AMOUNT_PRECISION`, :data:`AMOUNT_SCALE`): 28 digits before the
decimal point and 10 after, which holds every amount an article states (the engine keeps at most 38
significant digits) and every conversion rounded to an ISO 4217 minor unit (0 to 4 places). An amount that
does not fit exactly (more than 28 integer digits, or a non-zero digit beyond the 10th decimal place) is never
rounded or truncated: its document goes to ``errors`` with the reason. Exchange rates and unrounded
conversion results carry up to 38 significant digits (the 38-digit decimal context of
:mod:`moneta_service.money`), so they are kept exactly as decimal text (``VARCHAR``), like the JSON output;
cast them (``CAST(rate AS DECIMAL(38,18))``) where a rounded number is good enough.
"""

from __future__ import annotations

import datetime as dt
import importlib.abc
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal
from typing import TYPE_CHECKING, Any

from moneta.model import Mention
from moneta.serialize import decimal_to_str

if TYPE_CHECKING:
    import pyarrow as pa

    from moneta.batch.inputs import InputRow

__all__ = [
    "AMOUNT_PRECISION",
    "AMOUNT_SCALE",
    "AMOUNT_SQL",
    "COLUMNS",
    "CSV_NULL",
    "STAMP_COLUMNS",
    "TABLE_NAMES",
    "AmountOutOfRange",
    "DocumentOutcome",
    "Versions",
    "amount_text",
    "arrow_tables",
    "check_fits",
    "csv_tables",
    "duckdb_ddl",
    "fit_amount",
    "mention_rows",
    "schemas",
    "stamps",
]

#: DECIMAL precision and scale of every amount column.
AMOUNT_PRECISION = 38
AMOUNT_SCALE = 10
_QUANTUM = Decimal(1).scaleb(-AMOUNT_SCALE)
_MAX_ADJUSTED = AMOUNT_PRECISION - AMOUNT_SCALE - 1  # largest exponent of the leading digit
_CONTEXT = Context(prec=AMOUNT_PRECISION, rounding=ROUND_HALF_EVEN)

#: The tables of a load, in the order they are written.
TABLE_NAMES = ("documents", "errors", "mentions", "conversions")

#: documents.status values.
STATUS_OK = "ok"
STATUS_FAILED = "failed"
STATUS_DUPLICATE = "duplicate"


class AmountOutOfRange(ValueError):
    """An amount that DECIMAL(38,10) cannot hold exactly."""


def fit_amount(value: Decimal | None) -> Decimal | None:
    """Return ``value`` quantized to 10 decimal places, exactly, or ``None`` for ``None``.

    :raise AmountOutOfRange: when the value has more than 28 integer digits or a non-zero digit beyond the
        10th decimal place (it would be rounded), or is not finite.

    >>> fit_amount(Decimal("8.9E+10"))
    Decimal('89000000000.0000000000')
    """
    if value is None:
        return None
    if not value.is_finite():
        raise AmountOutOfRange(f"amount {value} is not a finite number")
    if value.is_zero():
        return Decimal(0).quantize(_QUANTUM, context=_CONTEXT)
    if value.adjusted() > _MAX_ADJUSTED:
        raise AmountOutOfRange(
            f"amount {decimal_to_str(value)} has more than {_MAX_ADJUSTED + 1} integer digits "
            f"(DECIMAL({AMOUNT_PRECISION},{AMOUNT_SCALE}))"
        )
    quantized = value.quantize(_QUANTUM, context=_CONTEXT)
    if quantized != value:
        raise AmountOutOfRange(
            f"amount {decimal_to_str(value)} has more than {AMOUNT_SCALE} decimal places "
            f"(DECIMAL({AMOUNT_PRECISION},{AMOUNT_SCALE}))"
        )
    return quantized


@dataclass(frozen=True, slots=True)
class Versions:
    """The versions stamped on every row: moneta's and the rate data's (``source@last date``, or ``None``)."""

    moneta: str
    rate_data: str | None
    rate_data_last_date: dt.date | None
    #: the options that shape a document's rows (documents.load_options; see ``Options.signature``)
    load_options: str = ""


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What became of one input row: its mentions, or why it failed, or that its id was a duplicate, or (``kept``)
    that ``--resume`` skipped it because the output already holds it (only for sinks that take such rows)."""

    row: InputRow
    mentions: tuple[Mention, ...] = ()
    error: str | None = None
    duplicate: bool = False
    kept: bool = False

    @property
    def status(self) -> str:
        """``ok``, ``failed`` or ``duplicate`` (documents.status)."""
        if self.duplicate:
            return STATUS_DUPLICATE
        return STATUS_FAILED if self.error is not None else STATUS_OK


#: The SQL type of every amount column.
AMOUNT_SQL = f"DECIMAL({AMOUNT_PRECISION},{AMOUNT_SCALE})"

_VERSION_COLUMNS = (("moneta_version", "VARCHAR", False), ("rate_data_version", "VARCHAR", True))

#: The columns of every table, in order: ``(name, DuckDB type, nullable)``. The one definition of the tables:
#: the DuckDB DDL (:func:`duckdb_ddl`), the Arrow schemas (:func:`schemas`) and the rows of :func:`csv_tables`
#: all follow it. Types: ``VARCHAR``, ``INTEGER`` (32 bits), ``BIGINT``, ``DATE``, :data:`AMOUNT_SQL`,
#: ``VARCHAR[]``.
COLUMNS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "mentions": (
        ("document_id", "VARCHAR", False),
        ("mention_index", "INTEGER", False),
        ("start", "BIGINT", False),
        ("end", "BIGINT", False),
        ("text", "VARCHAR", False),
        ("currency", "VARCHAR", True),
        ("amount", AMOUNT_SQL, False),
        ("amount_max", AMOUNT_SQL, True),
        ("qualifier", "VARCHAR", False),
        ("per_unit", "VARCHAR", True),
        ("currency_alternatives", "VARCHAR[]", False),
        ("equivalent_of", "INTEGER", True),
        ("currency_basis", "VARCHAR", False),
        *_VERSION_COLUMNS,
    ),
    "conversions": (
        ("document_id", "VARCHAR", False),
        ("mention_index", "INTEGER", False),
        ("target_currency", "VARCHAR", False),
        ("amount", AMOUNT_SQL, True),
        ("amount_max", AMOUNT_SQL, True),
        ("amount_unrounded", "VARCHAR", True),
        ("amount_max_unrounded", "VARCHAR", True),
        ("rate", "VARCHAR", True),
        ("requested_date", "DATE", True),
        ("rate_date", "DATE", True),
        ("source", "VARCHAR", False),
        ("path", "VARCHAR[]", False),
        ("status", "VARCHAR", False),
        ("message", "VARCHAR", False),
        *_VERSION_COLUMNS,
    ),
    "documents": (
        ("id", "VARCHAR", True),
        ("source", "VARCHAR", False),
        ("line", "BIGINT", False),
        ("date", "DATE", True),
        ("locale_hint", "VARCHAR", True),
        ("mention_count", "INTEGER", False),
        ("status", "VARCHAR", False),
        *_VERSION_COLUMNS,
        ("rate_data_last_date", "DATE", True),
        ("load_options", "VARCHAR", False),
    ),
    "errors": (
        ("id", "VARCHAR", True),
        ("source", "VARCHAR", False),
        ("line", "BIGINT", False),
        ("reason", "VARCHAR", False),
        ("moneta_version", "VARCHAR", False),
    ),
}

_SCHEMAS: dict[str, pa.Schema] = {}


def schemas() -> dict[str, pa.Schema]:
    """Return the Arrow schema of each table, by name (see the README's "Warehouse loads" for meanings).

    Built from :data:`COLUMNS` once per process and cached (a new dict each call; Arrow schemas are immutable).
    """
    if not _SCHEMAS:
        _SCHEMAS.update(_build_schemas())
    return dict(_SCHEMAS)


def _build_schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa

    arrow_types = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DATE": pa.date32(),
        AMOUNT_SQL: pa.decimal128(AMOUNT_PRECISION, AMOUNT_SCALE),
        "VARCHAR[]": pa.list_(pa.string()),
    }
    return {
        name: pa.schema(
            [pa.field(column, arrow_types[sql], nullable=nullable) for column, sql, nullable in columns]
        )
        for name, columns in COLUMNS.items()
    }


def duckdb_ddl(name: str) -> str:
    """Return ``CREATE TABLE IF NOT EXISTS`` for table ``name`` in DuckDB types, with its NOT NULL columns."""
    columns = ", ".join(
        f'"{column}" {sql}{"" if nullable else " NOT NULL"}' for column, sql, nullable in COLUMNS[name]
    )
    return f"CREATE TABLE IF NOT EXISTS {name} ({columns})"


def check_fits(mentions: Sequence[Mention]) -> str | None:
    """Return why some amount of ``mentions`` does not fit DECIMAL(38,10), or ``None`` when all fit."""
    try:
        for mention in mentions:
            fit_amount(mention.amount)
            fit_amount(mention.amount_max)
            for conversion in mention.conversions:
                fit_amount(conversion.amount)
                fit_amount(conversion.amount_max)
    except AmountOutOfRange as exc:
        return str(exc)
    return None


def mention_rows(document_id: str, mentions: Sequence[Mention], versions: Versions) -> list[dict[str, Any]]:
    """Return the ``mentions`` rows of one document (amounts must fit: see :func:`check_fits`)."""
    return [
        {
            "document_id": document_id,
            "mention_index": index,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "currency": m.currency,
            "amount": fit_amount(m.amount),
            "amount_max": fit_amount(m.amount_max),
            "qualifier": m.qualifier.value,
            "per_unit": m.per_unit,
            "currency_alternatives": list(m.currency_alternatives),
            "equivalent_of": m.equivalent_of,
            "currency_basis": m.currency_basis,
            "moneta_version": versions.moneta,
            "rate_data_version": versions.rate_data,
        }
        for index, m in enumerate(mentions)
    ]


def conversion_rows(
    document_id: str, mentions: Sequence[Mention], versions: Versions
) -> list[dict[str, Any]]:
    """Return the ``conversions`` rows of one document, one per mention and target currency."""
    rows: list[dict[str, Any]] = []
    for index, m in enumerate(mentions):
        for c in m.conversions:
            rows.append(
                {
                    "document_id": document_id,
                    "mention_index": index,
                    "target_currency": c.currency,
                    "amount": fit_amount(c.amount),
                    "amount_max": fit_amount(c.amount_max),
                    "amount_unrounded": decimal_to_str(c.amount_unrounded),
                    "amount_max_unrounded": decimal_to_str(c.amount_max_unrounded),
                    "rate": decimal_to_str(c.rate),
                    "requested_date": c.requested_date,
                    "rate_date": c.rate_date,
                    "source": c.source,
                    "path": list(c.path),
                    "status": c.status.value,
                    "message": c.message,
                    "moneta_version": versions.moneta,
                    "rate_data_version": versions.rate_data,
                }
            )
    return rows


def outcome_rows(outcomes: Sequence[DocumentOutcome], versions: Versions) -> dict[str, list[dict[str, Any]]]:
    """Return the rows of every table for ``outcomes``, by table name."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_NAMES}
    for outcome in outcomes:
        row = outcome.row
        tables["documents"].append(
            {
                "id": row.id,
                "source": row.source,
                "line": row.line,
                "date": row.date,
                "locale_hint": row.locale_hint,
                "mention_count": len(outcome.mentions),
                "status": outcome.status,
                "moneta_version": versions.moneta,
                "rate_data_version": versions.rate_data,
                "rate_data_last_date": versions.rate_data_last_date,
                "load_options": versions.load_options,
            }
        )
        if outcome.error is not None:
            tables["errors"].append(
                {
                    "id": row.id,
                    "source": row.source,
                    "line": row.line,
                    "reason": outcome.error,
                    "moneta_version": versions.moneta,
                }
            )
        elif row.id is not None:
            tables["mentions"].extend(mention_rows(row.id, outcome.mentions, versions))
            tables["conversions"].extend(conversion_rows(row.id, outcome.mentions, versions))
    return tables


class _CsvNull(int):
    """A NULL cell for :mod:`csv` writers with ``QUOTE_NONNUMERIC``: a number, so written unquoted, that prints
    as nothing. DuckDB's ``read_csv`` with ``allow_quoted_nulls = false`` reads that empty unquoted cell as NULL,
    and a quoted empty cell (``""``, how such a writer writes the empty string) as the empty string."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""

    __repr__ = __str__


#: The cell :func:`csv_tables` writes for NULL.
CSV_NULL: Any = _CsvNull()


def amount_text(value: Decimal) -> str:
    """Return ``value`` as plain decimal text that DECIMAL(38,10) holds exactly (DuckDB reads it unrounded).

    >>> amount_text(Decimal("8.9E+10")), amount_text(Decimal("1.50000000000000"))
    ('89000000000', '1.5000000000')

    :raise AmountOutOfRange: as :func:`fit_amount`, when the value does not fit exactly (never rounded).
    """
    text = format(value, "f")
    point = text.find(".")
    integer_digits = (point if point >= 0 else len(text)) - text.startswith("-")
    if (
        not value.is_finite()
        or integer_digits > _MAX_ADJUSTED + 1
        or (point >= 0 and len(text) - point - 1 > AMOUNT_SCALE)
    ):
        fitted = fit_amount(value)  # raises, unless only zeros lie beyond the 10th decimal place
        assert fitted is not None
        return format(fitted, "f")
    return text


#: The columns every row of a load shares (the versions stamped on it): the trailing columns of each table.
STAMP_COLUMNS = ("moneta_version", "rate_data_version", "rate_data_last_date", "load_options")


def stamps(name: str, versions: Versions) -> list[Any]:
    """Return the values of table ``name``'s :data:`STAMP_COLUMNS`, in column order (the same on every row)."""
    values = {
        "moneta_version": versions.moneta,
        "rate_data_version": versions.rate_data,
        "rate_data_last_date": versions.rate_data_last_date,
        "load_options": versions.load_options,
    }
    return [values[column] for column, _, _ in COLUMNS[name] if column in values]


_JSON_LISTS: dict[tuple[str, ...], str] = {}


def _json_list(items: tuple[str, ...]) -> str:
    """``items`` as a JSON array (cached: a load has few distinct lists of currency codes)."""
    text = _JSON_LISTS.get(items)
    if text is None:
        if len(_JSON_LISTS) >= 4096:
            _JSON_LISTS.clear()
        text = _JSON_LISTS[items] = json.dumps(list(items))
    return text


def csv_tables(
    outcomes: Sequence[DocumentOutcome], versions: Versions, writers: Mapping[str, Any]
) -> dict[str, int]:
    """Write the rows of every table for ``outcomes`` through ``writers`` and return the rows written per table.

    :param writers: a :func:`csv.writer` (``quoting=csv.QUOTE_NONNUMERIC``) per table name of
        :data:`TABLE_NAMES`. Each row has the columns of :data:`COLUMNS`, in order, except the trailing
        :data:`STAMP_COLUMNS` (the same on every row: see :func:`stamps`). Cells: text as ``str`` (quoted),
        integers as ``int``, NULL as :data:`CSV_NULL` (an empty unquoted cell), amounts as the plain decimal
        text of :func:`amount_text`, dates as ISO dates, lists (``VARCHAR[]``) as JSON arrays of strings.
    :raise AmountOutOfRange: when an amount does not fit DECIMAL(38,10) (see :func:`check_fits`).
    """
    null = CSV_NULL
    document_row = writers["documents"].writerow
    error_row = writers["errors"].writerow
    mention_row = writers["mentions"].writerow
    conversion_row = writers["conversions"].writerow
    counts = dict.fromkeys(TABLE_NAMES, 0)
    for outcome in outcomes:
        row = outcome.row
        row_id = null if row.id is None else row.id
        document_row(
            (
                row_id,
                row.source,
                row.line,
                null if row.date is None else row.date,
                null if row.locale_hint is None else row.locale_hint,
                len(outcome.mentions),
                outcome.status,
            )
        )
        counts["documents"] += 1
        if outcome.error is not None:
            error_row((row_id, row.source, row.line, outcome.error))
            counts["errors"] += 1
            continue
        if row.id is None:
            continue
        for index, m in enumerate(outcome.mentions):
            mention_row(
                (
                    row_id,
                    index,
                    m.start,
                    m.end,
                    m.text,
                    null if m.currency is None else m.currency,
                    amount_text(m.amount),
                    null if m.amount_max is None else amount_text(m.amount_max),
                    m.qualifier.value,
                    null if m.per_unit is None else m.per_unit,
                    _json_list(m.currency_alternatives),
                    null if m.equivalent_of is None else m.equivalent_of,
                    m.currency_basis,
                )
            )
            for c in m.conversions:
                conversion_row(
                    (
                        row_id,
                        index,
                        c.currency,
                        null if c.amount is None else amount_text(c.amount),
                        null if c.amount_max is None else amount_text(c.amount_max),
                        null if c.amount_unrounded is None else decimal_to_str(c.amount_unrounded),
                        null if c.amount_max_unrounded is None else decimal_to_str(c.amount_max_unrounded),
                        null if c.rate is None else decimal_to_str(c.rate),
                        null if c.requested_date is None else c.requested_date,
                        null if c.rate_date is None else c.rate_date,
                        c.source,
                        _json_list(c.path),
                        c.status.value,
                        c.message,
                    )
                )
            counts["conversions"] += len(m.conversions)
        counts["mentions"] += len(outcome.mentions)
    return counts


class _NoPandas(importlib.abc.MetaPathFinder):
    """An import finder that refuses ``pandas`` (see :func:`_skip_pandas_probe`)."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        if fullname == "pandas":
            raise ImportError("pandas is not needed by moneta's tables")


def _skip_pandas_probe() -> None:
    """Keep pyarrow from importing pandas (0.3–0.6 s) on its first conversion of a Python list.

    pyarrow's first ``pa.array``/``pa.table`` call tries ``import pandas`` once, only to recognise pandas
    objects among its inputs; the tables here are built from plain lists only. When pandas is not loaded yet,
    that one probe is made to find no pandas (an import finder refuses it during one tiny conversion); an
    explicit pandas call later (``Table.to_pandas``) still imports pandas as usual.
    """
    import pyarrow as pa

    if "pandas" in sys.modules or _PROBED:
        return
    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([0], type=pa.int8())
    finally:
        sys.meta_path.remove(finder)
        _PROBED.append(True)


_PROBED: list[bool] = []


def arrow_tables(outcomes: Sequence[DocumentOutcome], versions: Versions) -> dict[str, pa.Table]:
    """Return one Arrow table per table name for ``outcomes`` (columns built as lists; see :func:`schemas`).

    Amounts must fit DECIMAL(38,10) (see :func:`check_fits`); they are handed to Arrow as they are, and Arrow
    rescales them to 10 decimal places exactly (the same values as :func:`fit_amount`, at a fifth of the cost).

    :raise ValueError: (``pyarrow.ArrowInvalid``) when an amount does not fit; Arrow never rounds.
    """
    import pyarrow as pa

    _skip_pandas_probe()
    moneta, rate_data = versions.moneta, versions.rate_data
    documents: dict[str, list[Any]] = {
        "id": [],
        "source": [],
        "line": [],
        "date": [],
        "locale_hint": [],
        "mention_count": [],
        "status": [],
    }
    errors: dict[str, list[Any]] = {"id": [], "source": [], "line": [], "reason": []}
    mentions: dict[str, list[Any]] = {name: [] for name in _MENTION_COLUMNS}
    conversions: dict[str, list[Any]] = {name: [] for name in _CONVERSION_COLUMNS}
    for outcome in outcomes:
        row = outcome.row
        documents["id"].append(row.id)
        documents["source"].append(row.source)
        documents["line"].append(row.line)
        documents["date"].append(row.date)
        documents["locale_hint"].append(row.locale_hint)
        documents["mention_count"].append(len(outcome.mentions))
        documents["status"].append(outcome.status)
        if outcome.error is not None:
            errors["id"].append(row.id)
            errors["source"].append(row.source)
            errors["line"].append(row.line)
            errors["reason"].append(outcome.error)
        elif row.id is not None and outcome.mentions:
            _add_mentions(mentions, conversions, row.id, outcome.mentions)
    count = len(documents["id"])
    documents.update(
        moneta_version=[moneta] * count,
        rate_data_version=[rate_data] * count,
        rate_data_last_date=[versions.rate_data_last_date] * count,
        load_options=[versions.load_options] * count,
    )
    errors["moneta_version"] = [moneta] * len(errors["id"])
    for columns in (mentions, conversions):
        rows = len(columns["document_id"])
        columns["moneta_version"] = [moneta] * rows
        columns["rate_data_version"] = [rate_data] * rows
    built = {"documents": documents, "errors": errors, "mentions": mentions, "conversions": conversions}
    tables = {}
    for name, schema in schemas().items():
        columns = built[name]
        tables[name] = pa.Table.from_arrays(
            [pa.array(columns[f.name], type=f.type) for f in schema], schema=schema
        )
    return tables


_MENTION_COLUMNS = (
    "document_id",
    "mention_index",
    "start",
    "end",
    "text",
    "currency",
    "amount",
    "amount_max",
    "qualifier",
    "per_unit",
    "currency_alternatives",
    "equivalent_of",
    "currency_basis",
)
_CONVERSION_COLUMNS = (
    "document_id",
    "mention_index",
    "target_currency",
    "amount",
    "amount_max",
    "amount_unrounded",
    "amount_max_unrounded",
    "rate",
    "requested_date",
    "rate_date",
    "source",
    "path",
    "status",
    "message",
)


def _add_mentions(
    mentions: dict[str, list[Any]],
    conversions: dict[str, list[Any]],
    document_id: str,
    found: Sequence[Mention],
) -> None:
    """Append the ``mentions`` and ``conversions`` columns of one document's mentions."""
    m_id, m_index, m_start, m_end = (
        mentions["document_id"],
        mentions["mention_index"],
        mentions["start"],
        mentions["end"],
    )
    m_text, m_currency, m_amount, m_max = (
        mentions["text"],
        mentions["currency"],
        mentions["amount"],
        mentions["amount_max"],
    )
    m_qualifier, m_unit, m_alternatives, m_equivalent, m_basis = (
        mentions["qualifier"],
        mentions["per_unit"],
        mentions["currency_alternatives"],
        mentions["equivalent_of"],
        mentions["currency_basis"],
    )
    for index, m in enumerate(found):
        m_id.append(document_id)
        m_index.append(index)
        m_start.append(m.start)
        m_end.append(m.end)
        m_text.append(m.text)
        m_currency.append(m.currency)
        m_amount.append(m.amount)  # exact: pyarrow rescales to 10 places, or refuses (ArrowInvalid)
        m_max.append(m.amount_max)
        m_qualifier.append(m.qualifier.value)
        m_unit.append(m.per_unit)
        m_alternatives.append(list(m.currency_alternatives))
        m_equivalent.append(m.equivalent_of)
        m_basis.append(m.currency_basis)
        for c in m.conversions:
            conversions["document_id"].append(document_id)
            conversions["mention_index"].append(index)
            conversions["target_currency"].append(c.currency)
            conversions["amount"].append(c.amount)
            conversions["amount_max"].append(c.amount_max)
            conversions["amount_unrounded"].append(decimal_to_str(c.amount_unrounded))
            conversions["amount_max_unrounded"].append(decimal_to_str(c.amount_max_unrounded))
            conversions["rate"].append(decimal_to_str(c.rate))
            conversions["requested_date"].append(c.requested_date)
            conversions["rate_date"].append(c.rate_date)
            conversions["source"].append(c.source)
            conversions["path"].append(list(c.path))
            conversions["status"].append(c.status.value)
            conversions["message"].append(c.message)
