"""Table loads commit several batches at once (issue 6): the rows are the same whatever the grouping.

A default load (batches of 64 committed together, no DELETEs into empty tables), a load with ``--batch-size 8``
(one transaction per 8 documents) and a re-run of the default load over the filled database (DELETEs, then
inserts) all end with exactly the same tables. The load never imports pandas (pyarrow would, on its first
conversion, only to look for pandas objects).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

from tests._helpers import duckdb_tables

MONETA_BATCH = [sys.executable, "-m", "moneta", "batch"]


def _records(count: int) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for i in range(count):
        text = (
            f"Lot {i} went for €{i + 2}.{i % 100:02d} million, or about ${i + 3} million, in {1990 + i % 30}."
        )
        record: dict[str, Any] = {"id": f"n{i:04d}", "text": text, "date": f"2024-0{1 + i % 9}-1{i % 10}"}
        if i % 71 == 3:
            record = {"id": f"n{i:04d}", "text": text, "date": "not a date"}  # a failed row
        records.append(record)
    records.append({"id": "n0001", "text": "a duplicate id"})
    return records


def _load(source: Path, output: Path, *flags: str) -> None:
    result = subprocess.run(
        [*MONETA_BATCH, str(source), "-o", str(output), "--to", "USD", "--no-progress", *flags],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # the bad date and the duplicate fail


def test_grouped_commits_equal_small_transactions_and_reruns(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _records(300)), encoding="utf-8")
    grouped, small = tmp_path / "grouped.duckdb", tmp_path / "small.duckdb"
    _load(source, grouped)
    _load(source, small, "--batch-size", "8")
    expected = duckdb_tables(small)
    assert len(expected["documents"]) == 301
    assert len(expected["errors"]) == 6
    assert duckdb_tables(grouped) == expected
    _load(source, grouped)  # a re-run replaces every row: no duplicates
    assert duckdb_tables(grouped) == expected
