"""The DuckDB load path without pyarrow: CSV rows (moneta.batch.tables.csv_tables) read by DuckDB's read_csv.

The Arrow tables (:func:`moneta.batch.tables.arrow_tables`, the Spark path) are the reference: a DuckDB load of
the same outcomes must hold the same values, cell for cell, including the cells CSV makes hard (NULL against the
empty string, quotes, commas, line breaks, non-ASCII text, empty and non-empty lists, exact decimals).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from moneta.batch.inputs import InputRow
from moneta.batch.outputs import DuckDBSink
from moneta.batch.tables import (
    COLUMNS,
    TABLE_NAMES,
    AmountOutOfRange,
    DocumentOutcome,
    Versions,
    amount_text,
    arrow_tables,
    duckdb_ddl,
    schemas,
)
from moneta.model import Conversion, ConversionStatus, Mention, Qualifier

D = Decimal

AMOUNT_TEXTS = [
    (D("8.9E+10"), "89000000000"),
    (D("0.15"), "0.15"),
    (D(-3), "-3"),
    (D("-0.5"), "-0.5"),
    (D("9" * 28), "9" * 28),
    (D("0.0000000001"), "0.0000000001"),
    (D("1.23000000000000"), "1.2300000000"),  # zeros beyond the 10th place: exact, so kept
]

AMOUNT_REFUSED = [
    D("1" + "0" * 28),  # 29 integer digits
    D("-1" + "0" * 28),
    D("0.00000000001"),  # a digit beyond the 10th place
    D("1.000000000001"),
    D("Infinity"),
    D("NaN"),
]


@pytest.mark.parametrize(("value", "text"), AMOUNT_TEXTS, ids=[t for _, t in AMOUNT_TEXTS])
def test_amount_text_is_exact(value: Decimal, text: str) -> None:
    assert amount_text(value) == text
    assert D(text) == value


@pytest.mark.parametrize("value", AMOUNT_REFUSED, ids=[str(v) for v in AMOUNT_REFUSED])
def test_amount_text_never_rounds(value: Decimal) -> None:
    with pytest.raises(AmountOutOfRange):
        amount_text(value)


VERSIONS = Versions("9.9.9", "ecb@2024-04-26", dt.date(2024, 4, 26))
NO_RATES = Versions("9.9.9", None, None)


def _conversion(message: str, *, status: ConversionStatus = ConversionStatus.OK) -> Conversion:
    converted = status is ConversionStatus.OK
    return Conversion(
        currency="USD",
        amount=D("1.07") if converted else None,
        amount_unrounded=D("1.0714000000000000000000000000000001") if converted else None,
        rate=D("1.0714") if converted else None,
        requested_date=dt.date(2024, 4, 26),
        rate_date=dt.date(2024, 4, 26) if converted else None,
        source="ecb",
        path=("EUR", "USD") if converted else (),
        status=status,
        message=message,
        amount_max=D("2.14") if converted else None,
    )


def _outcomes() -> list[DocumentOutcome]:
    tricky = Mention(
        text='"€5", then\n€6 — ½',
        start=0,
        end=17,
        currency=None,
        amount=D("5"),
        amount_max=D("6.0000000000000"),
        qualifier=Qualifier.APPROXIMATE,
        currency_alternatives=("EUR", "XEU"),
        per_unit="",
        equivalent_of=0,
        currency_basis="",
        conversions=(_conversion(""), _conversion('no rate, "sorry"', status=ConversionStatus.DATE_MISSING)),
    )
    plain = Mention(text="$3", start=20, end=22, currency="USD", amount=D("3"))
    return [
        DocumentOutcome(
            InputRow('in "x",.jsonl', 1, 'id, "1"\n', 'id, "1"\n', "t", dt.date(2024, 4, 26), "en-AU"),
            mentions=(tricky, plain),
        ),
        DocumentOutcome(InputRow("in.jsonl", 2, None, None, None, None, None), error=""),
        DocumentOutcome(InputRow("in.jsonl", 3, "e", "e", "t", None, None), error='bad, "very"\nbad'),
        DocumentOutcome(
            InputRow("in.jsonl", 4, "e", "e", "t", None, None), error="duplicate", duplicate=True
        ),
        DocumentOutcome(InputRow("in.jsonl", 5, "empty", "empty", "", None, None), mentions=()),
    ]


def _duckdb_rows(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[Any, ...]]:
    return con.execute(f"SELECT * FROM {name}").fetchall()  # noqa: S608


def _arrow_rows(outcomes: list[DocumentOutcome], versions: Versions, name: str) -> list[tuple[Any, ...]]:
    table = arrow_tables(outcomes, versions)[name]
    return [tuple(row.values()) for row in table.to_pylist()]


@pytest.mark.parametrize("versions", [VERSIONS, NO_RATES], ids=["with rate data", "without"])
def test_duckdb_load_matches_the_arrow_tables(tmp_path: Path, versions: Versions) -> None:
    path = str(tmp_path / "w.duckdb")
    outcomes = _outcomes()
    sink = DuckDBSink(path)
    sink.write(outcomes, versions, new_rows=True)
    sink.close(complete=True)
    con = duckdb.connect(path, read_only=True)
    for name in TABLE_NAMES:
        expected = _arrow_rows(outcomes, versions, name)
        assert expected, name
        assert _duckdb_rows(con, name) == expected, name
    con.close()


def test_reload_replaces_rows_through_the_key_file(tmp_path: Path) -> None:
    path = str(tmp_path / "w.duckdb")
    outcomes = _outcomes()
    for _ in range(3):  # not fresh after the first: each load deletes the rows it replaces first
        sink = DuckDBSink(path)
        sink.write(outcomes, VERSIONS)
        sink.close(complete=True)
    con = duckdb.connect(path, read_only=True)
    for name in TABLE_NAMES:
        assert sorted(map(repr, _duckdb_rows(con, name))) == sorted(
            map(repr, _arrow_rows(outcomes, VERSIONS, name))
        ), name
    con.close()


def _huge() -> DocumentOutcome:
    huge = Mention(text="$1e30", start=0, end=5, currency="USD", amount=D("1E+30"))
    return DocumentOutcome(InputRow("in.jsonl", 9, "h", "h", "t", None, None), mentions=(huge,))


def test_an_amount_that_does_not_fit_fails_the_write_and_leaves_no_rows(tmp_path: Path) -> None:
    path = str(tmp_path / "w.duckdb")
    sink = DuckDBSink(path)
    with pytest.raises(AmountOutOfRange):
        sink.write([_outcomes()[0], _huge()], VERSIONS)
    sink.close(complete=True)
    con = duckdb.connect(path, read_only=True)
    assert all(not _duckdb_rows(con, name) for name in TABLE_NAMES)
    con.close()


def test_the_temporary_files_live_only_during_a_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    sink = DuckDBSink(str(tmp_path / "w.duckdb"))
    seen: list[list[str]] = []
    original = sink._load

    def load(*args: Any) -> None:
        seen.append(sorted(p.name for p in scratch.rglob("*.csv")))
        original(*args)

    monkeypatch.setattr(sink, "_load", load)
    sink.write(_outcomes(), VERSIONS, new_rows=True)
    assert seen == [["conversions.csv", "documents.csv", "errors.csv", "mentions.csv"]]
    assert list(scratch.iterdir()) == []  # removed once the batch is committed
    with pytest.raises(AmountOutOfRange):
        sink.write([_outcomes()[0], _huge()], VERSIONS)
    assert list(scratch.iterdir()) == []  # and when the write fails
    sink.close(complete=True)


def test_columns_define_the_ddl_and_the_arrow_schemas() -> None:
    arrow = schemas()
    assert list(arrow) == list(COLUMNS)
    for name, columns in COLUMNS.items():
        assert [(f.name, f.nullable) for f in arrow[name]] == [(c, nullable) for c, _, nullable in columns]
        con = duckdb.connect()
        con.execute(duckdb_ddl(name))
        described = con.execute(f"DESCRIBE {name}").fetchall()
        assert [(row[0], row[1], row[2]) for row in described] == [
            (c, sql, "YES" if nullable else "NO") for c, sql, nullable in columns
        ]


def test_a_duckdb_load_does_not_import_pyarrow_numpy_or_pandas(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "It cost $5."}\n', encoding="utf-8")
    code = (
        "import sys; from moneta.cli import main; code = main(['batch', sys.argv[1], '-o', sys.argv[2], "
        "'--no-progress']); print(code, *(m in sys.modules for m in ('pyarrow', 'numpy', 'pandas')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(source), str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["0", "False", "False", "False"]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("SELECT text, amount FROM mentions").fetchall() == [("$5", D(5))]
    con.close()


def test_a_cell_longer_than_duckdbs_default_line_limit_is_loaded(tmp_path: Path) -> None:
    huge_id = "x" * 2_500_000  # DuckDB's read_csv refuses rows over 2 MB unless told otherwise
    outcomes = [
        DocumentOutcome(InputRow("in.jsonl", 1, huge_id, huge_id, "t", None, None), mentions=()),
        DocumentOutcome(InputRow("in.jsonl", 2, "e", "e", "t", None, None), error="y" * 2_500_000),
    ]
    path = str(tmp_path / "w.duckdb")
    sink = DuckDBSink(path)
    sink.write(outcomes, VERSIONS, new_rows=True)
    sink.close(complete=True)
    con = duckdb.connect(path, read_only=True)
    assert con.execute("SELECT length(id) FROM documents ORDER BY line").fetchall() == [(2_500_000,), (1,)]
    assert con.execute("SELECT length(reason) FROM errors").fetchall() == [(2_500_000,)]
    con.close()
