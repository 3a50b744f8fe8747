"""Helpers shared by the CLI and ``moneta batch`` tests (loads into DuckDB, loads fed through stdin, a reader of
stdout that goes away)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

#: The tables of a ``moneta batch`` load, in the order they are compared.
BATCH_TABLES = ("documents", "errors", "mentions", "conversions")


def duckdb_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of each of :data:`BATCH_TABLES` in the DuckDB file ``path`` (opened read-only), sorted by
    ``repr`` so that two loads compare equal whatever their insertion order.

    :raise duckdb.Error: ``path`` is not a DuckDB database or lacks one of the tables.
    """
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)  # noqa: S608
            for name in BATCH_TABLES
        }
    finally:
        con.close()


def start_batch_from_stdin(*args: str) -> subprocess.Popen[str]:
    """Start ``moneta batch - ARGS`` in a subprocess reading its documents (JSON lines) from a text stdin pipe.

    stdout is discarded; stderr is a text pipe (for assertion messages). The caller writes to ``stdin``, closes
    or kills the process, and waits for it.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "moneta", "batch", "-", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_with_reader_gone(argv: list[str], read: int = 100) -> tuple[int, str]:
    """Run ``python -m moneta ARGV`` with stdout a pipe whose reader takes ``read`` bytes and closes it (as
    ``| head -c 100`` does); return the exit code and stderr (decoded). Waits at most 300 seconds.

    :raise AssertionError: the command wrote fewer than ``read`` bytes before closing its output.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "moneta", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stderr is not None
    assert len(process.stdout.read(read)) == read
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    return process.wait(timeout=300), stderr
