"""moneta on Spark: the mentions (or conversions) of every document of a DataFrame, through ``mapInArrow``.

Example (``pip install '.[spark]'`` in the moneta checkout; every executor needs moneta installed too)::

    from pyspark.sql import SparkSession
    from moneta.spark import mentions

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    articles = spark.read.json("seeds/sample-articles.jsonl")          # columns id, text, date
    found = mentions(articles, targets=["EUR"])                        # the `mentions` table schema
    found.groupBy("currency").sum("amount").show()
    conversions(articles, targets=["EUR"]).where("status = 'ok'").groupBy("target_currency").sum("amount")

Each Arrow batch of the input is processed in the Python worker by the in-process engine (the same
:mod:`moneta_service.pipeline` path as ``moneta batch``), and comes back in the Arrow schemas of
:mod:`moneta.batch.tables` (``DECIMAL(38,10)`` amounts, ``array<string>`` alternatives), so Spark rows and
warehouse rows are the same. Input rows follow ``moneta batch``'s rules (id: string or integer; text: string;
date: DATE, timestamp (its UTC date) or ISO string). Rows that cannot be processed (no id, no text, a bad date,
a malformed locale hint, an amount that does not fit DECIMAL(38,10)) give no mention or conversion rows; each is
one row of :func:`errors` (the ``errors`` table schema, with the reason), so every input row ends up in one of
the two. :func:`documents` has one row for every input row, processed or not (its status and mention count),
as the ``documents`` table of ``moneta batch`` has. A repeated id follows ``moneta batch``'s rule: the first row
(in the DataFrame's order) that can be read is processed, the others are ``duplicate`` rows of :func:`documents`
and :func:`errors`; a row that cannot be read (no text, a bad date) is ``failed`` and claims no id (finding them
costs a pass of the reading rules and one shuffle of the id column).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

    from moneta.batch.process import InProcess, Options

__all__ = ["check_targets", "conversions", "documents", "errors", "mentions", "spark_schema"]

_PROCESSORS: dict[Options, InProcess] = {}


def spark_schema(table: str) -> Any:
    """Return the Spark ``StructType`` of a moneta table (``mentions``, ``conversions``, ...).

    :raise KeyError: for an unknown table name.
    """
    from pyspark.sql.pandas.types import from_arrow_schema

    from moneta.batch.tables import schemas

    return from_arrow_schema(schemas()[table])


def _processor(options: Options) -> InProcess:
    """One in-process engine per Python worker and options (Spark reuses its Python workers)."""
    from moneta.batch.process import InProcess

    processor = _PROCESSORS.get(options)
    if processor is None:
        processor = _PROCESSORS[options] = InProcess(options)
    return processor


#: The column :func:`_run` adds: the row's place in the input, for the first-wins rule of repeated ids.
_ORDER = "_moneta_order"
#: The column :func:`_run` adds: the order of the first readable row with the same id (equal to ``_ORDER``
#: for it).
_FIRST = "_moneta_first"
#: The column :func:`_mark_readable` adds: whether the row can be read (a row that cannot claims no id).
_READABLE = "_moneta_readable"


def _mark_readable(batches: Iterator[pa.RecordBatch], *, columns: Any) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function that adds :data:`_READABLE` to each row: whether ``moneta batch`` could
    read it (an id, a text, a readable date and locale hint). Only the reading rules run, not the engine."""
    import pyarrow as pa

    from moneta.batch.inputs import row_from_record

    for batch in batches:
        readable = [
            row_from_record(record, columns, "spark", line).error is None
            for line, record in enumerate(batch.to_pylist(), 1)
        ]
        yield pa.RecordBatch.from_arrays(
            [*batch.columns, pa.array(readable, pa.bool_())], names=[*batch.schema.names, _READABLE]
        )


def _map_batches(
    batches: Iterator[pa.RecordBatch], *, table: str, options: Options, columns: Any
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: input batches → rows of ``table`` (failed rows only reach ``errors``)."""
    from moneta import __version__
    from moneta.batch.inputs import row_from_record
    from moneta.batch.tables import DocumentOutcome, Versions, arrow_tables, check_fits

    processor = _processor(options)
    rate_version, rate_last = processor.rate_data()
    versions = Versions(__version__, rate_version, rate_last, options.signature())
    for batch in batches:
        records = batch.to_pylist()
        # 1-based, as moneta batch numbers Parquet rows (the position within this Arrow batch: use the id)
        rows = [row_from_record(record, columns, "spark", line) for line, record in enumerate(records, 1)]
        repeated = [r.get(_FIRST) is not None and r.get(_FIRST) != r.get(_ORDER) for r in records]
        processed = iter(
            processor.process(
                [r for r, again in zip(rows, repeated, strict=True) if r.error is None and not again]
            )
        )
        outcomes: list[DocumentOutcome] = []
        for row, again in zip(rows, repeated, strict=True):
            if again and row.error is None:  # the same rule as `moneta batch`: the first row with an id wins
                duplicate = (
                    f"duplicate id {row.id!r} (an earlier row of the DataFrame has it; the first wins)"
                )
                outcomes.append(DocumentOutcome(row, error=duplicate, duplicate=True))
                continue
            if row.error is not None:
                outcomes.append(DocumentOutcome(row, error=row.error))
                continue
            outcome = next(processed)
            if outcome.error is None and (reason := check_fits(outcome.mentions)) is not None:
                outcome = DocumentOutcome(row, error=reason)
            outcomes.append(outcome)
        yield from arrow_tables(outcomes, versions)[table].to_batches()


def check_targets(targets: object) -> tuple[str, ...]:
    """Return the target codes, upper-cased, refusing at once (before Spark runs) what ``--to`` refuses.

    A plain string is one code and lower case is read as upper case (``"usd"`` is USD), as for
    :class:`moneta.MonetaClient`; a code that is not ISO 4217 (``ZZZ``), which ``moneta batch --to`` and
    ``moneta extract --to`` refuse with exit 2, or a code given twice is a ``ValueError`` here rather than a
    column of ``unknown_currency`` rows. Source: :mod:`moneta_service.data.iso4217` (current and historic codes).

    :param targets: a sequence of ISO 4217 codes, or one code as a str.
    :returns: the codes, upper-cased, in order.
    :raise TypeError: ``targets`` is not a str or a sequence of str (the client's message).
    :raise ValueError: ``targets: 'ZZZ' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)``, or
        ``targets: 'USD' is given more than once; give each ISO 4217 code once``.

    >>> check_targets("usd"), check_targets(["EUR", "gbp"])
    (('USD',), ('EUR', 'GBP'))
    """
    from moneta_service.data.iso4217 import CURRENT, HISTORIC

    from moneta.client import _targets_arg

    codes = _targets_arg(targets)
    for index, code in enumerate(codes):
        if code not in CURRENT and code not in HISTORIC:
            raise ValueError(f"targets: {code!r} is not an ISO 4217 currency code (e.g. USD, EUR, GBP)")
        if code in codes[:index]:
            raise ValueError(f"targets: {code!r} is given more than once; give each ISO 4217 code once")
    return codes


def _run(
    df: DataFrame,
    table: str,
    *,
    id_column: str,
    text_column: str,
    date_column: str,
    locale_column: str | None,
    targets: Sequence[str],
    rates: str,
    fallback: str | None,
    default_date: dt.date | None,
) -> DataFrame:
    from moneta.batch.inputs import ColumnNames
    from moneta.batch.process import Options

    options = Options(check_targets(targets), rates, fallback, default_date)
    columns = ColumnNames(id_column, text_column, date_column, locale_column)
    wanted = [c for c in (id_column, text_column, date_column, locale_column) if c and c in df.columns]
    for needed in (id_column, text_column):
        if needed not in df.columns:
            raise ValueError(f"the DataFrame has no column {needed!r} (columns: {', '.join(df.columns)})")

    def function(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _map_batches(batches, table=table, options=options, columns=columns)

    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, StructField, StructType

    # repeated ids: each row learns the input order of the first row with its id that can be read (one shuffle
    # by id), as in `moneta batch`, where a row that fails when read (no text, a bad date) claims no id
    ordered = df.select(*wanted).withColumn(_ORDER, F.monotonically_increasing_id())

    def mark(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return _mark_readable(batches, columns=columns)

    readable = StructType([*ordered.schema.fields, StructField(_READABLE, BooleanType(), False)])
    checked = ordered.mapInArrow(mark, readable)
    first = F.min(F.when(F.col(_READABLE), F.col(_ORDER))).over(Window.partitionBy(F.col(id_column)))
    marked = checked.withColumn(_FIRST, F.when(F.col(id_column).isNotNull(), first)).drop(_READABLE)
    return marked.mapInArrow(function, spark_schema(table))


def mentions(
    df: DataFrame,
    *,
    id_column: str = "id",
    text_column: str = "text",
    date_column: str = "date",
    locale_column: str | None = None,
    targets: Sequence[str] = (),
    rates: str = "ecb",
    fallback: str | None = None,
    default_date: dt.date | None = None,
) -> DataFrame:
    """Return the mentions of every document of ``df`` as a DataFrame in the ``mentions`` table schema.

    :param df: documents, one per row, with an id and a text column (and optionally date and locale hint).
    :param targets: ISO 4217 codes; conversions are computed (and ``rate_data_version`` set) but the
        ``mentions`` rows do not hold them: use :func:`conversions` for those.
    :param rates: rate source spec on the executors (``ecb``, ``live`` or a path every executor can read).
    :param default_date: the date of documents without one.
    :returns: a DataFrame with columns document_id, mention_index, start, end, text, currency,
        amount (DECIMAL(38,10)), amount_max, qualifier, per_unit, currency_alternatives (array<string>),
        equivalent_of, currency_basis, moneta_version, rate_data_version; one row per mention.
    :raise ValueError: when ``df`` lacks the id or text column, or a target is not ISO 4217 or is given twice
        (:func:`check_targets`, before Spark runs anything).
    :raise TypeError: ``targets`` not a str or a sequence of str.
    """
    return _run(
        df,
        "mentions",
        id_column=id_column,
        text_column=text_column,
        date_column=date_column,
        locale_column=locale_column,
        targets=targets,
        rates=rates,
        fallback=fallback,
        default_date=default_date,
    )


def conversions(
    df: DataFrame,
    *,
    targets: Sequence[str],
    id_column: str = "id",
    text_column: str = "text",
    date_column: str = "date",
    locale_column: str | None = None,
    rates: str = "ecb",
    fallback: str | None = None,
    default_date: dt.date | None = None,
) -> DataFrame:
    """Return one row per mention and target currency, in the ``conversions`` table schema.

    Same parameters and errors as :func:`mentions` (``targets=["ZZZ"]`` is a ``ValueError`` at once, as
    ``moneta batch --to ZZZ`` is exit 2); join the two on (document_id, mention_index).
    """
    return _run(
        df,
        "conversions",
        id_column=id_column,
        text_column=text_column,
        date_column=date_column,
        locale_column=locale_column,
        targets=targets,
        rates=rates,
        fallback=fallback,
        default_date=default_date,
    )


def errors(
    df: DataFrame,
    *,
    id_column: str = "id",
    text_column: str = "text",
    date_column: str = "date",
    locale_column: str | None = None,
    targets: Sequence[str] = (),
    rates: str = "ecb",
    fallback: str | None = None,
    default_date: dt.date | None = None,
) -> DataFrame:
    """Return one row per input row that could not be processed, in the ``errors`` table schema.

    Same parameters as :func:`mentions` (pass the same ``targets``: a conversion too large for
    DECIMAL(38,10) fails its document). Columns: id (``None`` when the row has none), source (``"spark"``),
    line (the row's 1-based position within its Arrow batch, so use the id to find it), reason, moneta_version.
    A row is either here or in :func:`mentions`/:func:`conversions`, never both.
    """
    return _run(
        df,
        "errors",
        id_column=id_column,
        text_column=text_column,
        date_column=date_column,
        locale_column=locale_column,
        targets=targets,
        rates=rates,
        fallback=fallback,
        default_date=default_date,
    )


def documents(
    df: DataFrame,
    *,
    id_column: str = "id",
    text_column: str = "text",
    date_column: str = "date",
    locale_column: str | None = None,
    targets: Sequence[str] = (),
    rates: str = "ecb",
    fallback: str | None = None,
    default_date: dt.date | None = None,
) -> DataFrame:
    """Return one row for every input row, in the ``documents`` table schema (the one place every row is).

    Same parameters as :func:`mentions` (pass the same ``targets``: a conversion too large for
    DECIMAL(38,10) fails its document). Columns: id (``None`` when the row has none), source (``"spark"``),
    line (the row's 1-based position within its Arrow batch), date, locale_hint, mention_count (0 for a
    document without money and for a failed row), status (``ok``, or ``failed`` for a row that is also in
    :func:`errors`), moneta_version, rate_data_version, rate_data_last_date, load_options.
    """
    return _run(
        df,
        "documents",
        id_column=id_column,
        text_column=text_column,
        date_column=date_column,
        locale_column=locale_column,
        targets=targets,
        rates=rates,
        fallback=fallback,
        default_date=default_date,
    )
