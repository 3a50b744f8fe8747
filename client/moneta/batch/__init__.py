"""Warehouse loads: ``moneta batch`` reads documents, finds their mentions and writes tables.

Modules (none of them imports DuckDB, pyarrow or the engine at import time; each loads what it needs when a
load starts, so ``import moneta`` stays thin):

* :mod:`moneta.batch.inputs`: readers for JSONL (plain, ``.gz``, ``.zst``), CSV, Parquet, a directory or a
  glob of such files, and stdin; the rule that turns a date or timestamp cell into the ECB day used.
* :mod:`moneta.batch.process`: the two ways to get mentions: in-process (:mod:`moneta_service.pipeline`) or
  through a server's ``StreamExtractAmounts`` RPC.
* :mod:`moneta.batch.tables`: the ``mentions``, ``conversions``, ``documents`` and ``errors`` tables (their
  columns, DuckDB DDL, CSV rows for DuckDB, Arrow schemas and tables for Spark) and the DECIMAL(38,10) rule for
  amounts.
* :mod:`moneta.batch.outputs`: the sinks: JSONL (one line per document), DuckDB, and Parquet/CSV directories
  (loaded through a DuckDB staging file so that re-runs and ``--resume`` behave the same everywhere).
* :mod:`moneta.batch.load`: the load loop (bounded batches, duplicate ids, ``--resume``, ``--max-errors``,
  ``--workers``, progress, run summary).
"""
