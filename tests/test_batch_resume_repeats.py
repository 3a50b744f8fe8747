"""Repeated ids mixing failed and ok rows: ``--resume`` and re-runs into DuckDB and Parquet end with a clean run's rows.

A row that failed does not claim its id, so a later row with the same id still loads (README, Warehouse loads).
A resumed load skips the ok row the tables hold; its other rows of that id (failed, duplicate) are written again
and must replace only their own earlier rows, never the kept ok row and its mentions (the data loss of a fresh
user's report 18). For each input below the tables are compared with a clean run's after:

* ``--resume`` over a finished load;
* ``--resume`` over a truncated load, produced by loading a prefix of the input under the same file name (as a
  kill between two transactions leaves it), for every cut, so that a cut falls between any two rows of an id;
* a plain re-run over a finished load with ``--batch-size 1`` (each row its own transaction, so the rows of an id
  fall in different transactions of one load and must not delete each other).

The loads run the real CLI in-process (``moneta.cli.main``); failed rows make them exit 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from moneta.cli import main

from tests._helpers import BATCH_TABLES, duckdb_tables

#: A row whose amount does not fit DECIMAL(38,10): failed when processed (tables only).
TOO_FINE = {"text": "a fee of €0.000000000001", "date": "2024-04-26"}


def _row(doc_id: str, text: str | None, **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {"id": doc_id, "date": "2024-04-26", **extra}
    if text is not None:
        record["text"] = text
    return record


#: name -> (input records, the statuses of the clean run's ``x2`` rows in input order). A row that fails when
#: read claims no id; one that fails when processed (an amount too fine for the tables) does, as a loaded one.
CASES: dict[str, tuple[list[dict[str, Any]], list[str]]] = {
    "failed-then-ok (the report)": (
        [
            {"id": "x1", "text": "a $1"},
            {"id": "x2", "date": "2024-04-26"},
            {"id": "x2", "text": "dup $5", "date": "2024-04-26"},
            {"id": "x3", "text": "c $3"},
        ],
        ["failed", "ok"],
    ),
    "ok-then-failed": (
        [_row("x1", "a $1"), _row("x2", "b $5"), _row("x2", None), _row("x3", "c $3")],
        ["ok", "failed"],
    ),
    "failed-failed-ok-failed-duplicate": (
        [
            _row("x2", None),
            _row("x1", "a $1"),
            {"id": "x2", "text": "bad date $2", "date": "not a date"},
            _row("x2", "b €5 and £6"),
            _row("x2", None),
            _row("x2", "again $7"),
            _row("x3", "c $3"),
        ],
        ["failed", "failed", "ok", "failed", "duplicate"],
    ),
    "ok-duplicate-failed": (
        [_row("x2", "b $5"), _row("x2", "b again $6"), _row("x2", None), _row("x1", "a $1")],
        ["ok", "duplicate", "failed"],
    ),
    "processing-failure-claims-its-id": (
        [
            _row("x1", "a $1"),
            {"id": "x2", **TOO_FINE},
            _row("x2", "b $5"),
            _row("x2", None),
            _row("x3", "c $3"),
        ],
        ["failed", "duplicate", "failed"],
    ),
    "no-id-rows-between": (
        [_row("x2", None), {"text": "no id $9"}, _row("x2", "b $5"), {"text": "no id $9"}],
        ["failed", "ok"],
    ),
}


def _write(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _load(source: Path, output: Path, *flags: str) -> None:
    code = main(["batch", str(source), "-o", str(output), "--to", "EUR", "--no-progress", *flags])
    assert code in (0, 1)


def _tables(output: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the four tables (DuckDB file or Parquet directory), sorted by ``repr``."""
    if output.suffix == ".duckdb":
        return duckdb_tables(output)
    return {
        name: sorted(duckdb.execute(f"SELECT * FROM '{output / name}.parquet'").fetchall(), key=repr)  # noqa: S608
        for name in BATCH_TABLES
    }


def _statuses(tables: dict[str, list[tuple[Any, ...]]]) -> list[tuple[Any, ...]]:
    """(id, line, status) of each documents row, in input order."""
    return sorted(((row[0], row[2], row[6]) for row in tables["documents"]), key=lambda row: row[1])


@pytest.fixture(params=["duckdb", "parquet"])
def output_name(request: pytest.FixtureRequest) -> str:
    """The output of a load: a DuckDB file or a Parquet directory."""
    return "out.duckdb" if request.param == "duckdb" else "out.parquet"


def _flags(output_name: str, *extra: str) -> tuple[str, ...]:
    return (*extra, "--format", "parquet") if output_name.endswith(".parquet") else extra


@pytest.mark.parametrize(("records", "x2_statuses"), CASES.values(), ids=CASES.keys())
def test_resume_and_rerun_end_with_the_clean_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    records: list[dict[str, Any]],
    x2_statuses: list[str],
    output_name: str,
) -> None:
    # every load reads ./in.jsonl from its own directory, so documents.source and the reasons that name the
    # input are the same text in every run
    source, out = Path("in.jsonl"), Path(output_name)
    monkeypatch.chdir(_directory(tmp_path, "clean"))
    _write(source, records)
    _load(source, out, *_flags(output_name))
    clean = _tables(out)
    assert [status for doc_id, _, status in _statuses(clean) if doc_id == "x2"] == x2_statuses
    assert len(clean["documents"]) == len(records)

    _load(source, out, *_flags(output_name, "--resume"))
    assert _tables(out) == clean, "resume after a finished load"
    _load(source, out, *_flags(output_name, "--resume", "--batch-size", "1"))
    assert _tables(out) == clean, "resume in one-row transactions after a finished load"
    _load(source, out, *_flags(output_name, "--batch-size", "1"))
    assert _tables(out) == clean, "re-run in one-row transactions over a finished load"

    for cut in range(1, len(records)):
        for batch_flags in ((), ("--batch-size", "1")):
            monkeypatch.chdir(_directory(tmp_path, f"cut{cut}-{len(batch_flags)}"))
            _write(source, records[:cut])  # a load that stopped after `cut` rows
            _load(source, out, *_flags(output_name))
            _write(source, records)
            _load(source, out, *_flags(output_name, "--resume", *batch_flags))
            resumed = _tables(out)
            assert resumed == clean, (cut, batch_flags, _statuses(resumed), _statuses(clean))


def _directory(parent: Path, name: str) -> Path:
    directory = parent / name
    directory.mkdir()
    return directory
