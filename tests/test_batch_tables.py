"""moneta.batch.tables and outputs: DECIMAL(38,10) rule, table rows, idempotent DuckDB writes, exports."""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from moneta.batch.inputs import InputRow
from moneta.batch.outputs import DirectorySink, DuckDBSink, JsonlSink, ResumeError
from moneta.batch.tables import AmountOutOfRange, DocumentOutcome, Versions, check_fits, fit_amount, schemas
from moneta.model import Conversion, ConversionStatus, Mention, Qualifier

FITS = [
    (Decimal(89000000000), "89000000000.0000000000"),
    (Decimal("8.9E+10"), "89000000000.0000000000"),
    (Decimal("0.15"), "0.1500000000"),
    (Decimal(-3), "-3.0000000000"),
    (Decimal(0), "0E-10"),
    (Decimal("9" * 28), "9" * 28 + ".0000000000"),
    (Decimal("0.0000000001"), "1E-10"),
    (Decimal("1.23000000000000"), "1.2300000000"),
]


@pytest.mark.parametrize(("value", "stored"), FITS, ids=[str(v) for v, _ in FITS])
def test_amounts_that_fit_are_kept_exactly(value: Decimal, stored: str) -> None:
    fitted = fit_amount(value)
    assert fitted == value
    assert str(fitted) == stored


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (Decimal("1" + "0" * 28), "integer digits"),
        (Decimal("1E+40"), "integer digits"),
        (Decimal("0.00000000001"), "decimal places"),
        (Decimal("1.12345678901"), "decimal places"),
        (Decimal("NaN"), "finite"),
    ],
)
def test_amounts_that_do_not_fit_are_refused(value: Decimal, reason: str) -> None:
    with pytest.raises(AmountOutOfRange, match=reason):
        fit_amount(value)


VERSIONS = Versions("9.9.9", "ecb@2024-04-26", dt.date(2024, 4, 26))


def _row(doc_id: str | None, line: int, source: str = "in.jsonl") -> InputRow:
    return InputRow(source, line, doc_id, doc_id, "text", dt.date(2024, 4, 26), None)


def _mention(amount: str, *, alternatives: tuple[str, ...] = ()) -> Mention:
    conversion = Conversion(
        currency="USD",
        amount=Decimal("1.07"),
        amount_unrounded=Decimal("1.0714000000000000000000000000000001"),
        rate=Decimal("1.0714"),
        requested_date=dt.date(2024, 4, 26),
        rate_date=dt.date(2024, 4, 26),
        source="ecb",
        path=("EUR", "USD"),
        status=ConversionStatus.OK,
    )
    return Mention(
        text=f"€{amount}",
        start=0,
        end=1 + len(amount),
        currency="EUR",
        amount=Decimal(amount),
        qualifier=Qualifier.APPROXIMATE,
        currency_alternatives=alternatives,
        conversions=(conversion,),
    )


def test_check_fits_names_the_amount() -> None:
    assert check_fits([_mention("1")]) is None
    reason = check_fits([_mention("1"), _mention("1" + "0" * 30)])
    assert reason is not None
    assert "1000000000000000000000000000000" in reason


def _outcomes() -> list[DocumentOutcome]:
    return [
        DocumentOutcome(_row("a", 1), mentions=(_mention("1"), _mention("2.5", alternatives=("CAD", "AUD")))),
        DocumentOutcome(_row(None, 2), error="invalid JSON"),
        DocumentOutcome(_row("a", 3), error="duplicate id 'a'", duplicate=True),
        DocumentOutcome(_row("b", 4), mentions=()),
    ]


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # type: ignore[index]  # noqa: S608
        for name in ("documents", "errors", "mentions", "conversions")
    }


def test_duckdb_rewrite_replaces_rows(tmp_path: Path) -> None:
    path = str(tmp_path / "w.duckdb")
    for _ in range(2):  # the second run must replace, not add
        sink = DuckDBSink(path)
        sink.write(_outcomes(), VERSIONS)
        sink.close(complete=True)
    con = duckdb.connect(path, read_only=True)
    assert _counts(con) == {"documents": 4, "errors": 2, "mentions": 2, "conversions": 2}
    assert con.execute("SELECT status FROM documents ORDER BY line").fetchall() == [
        ("ok",),
        ("failed",),
        ("duplicate",),
        ("ok",),
    ]
    amount_type = con.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'mentions' AND column_name = 'amount'"
    ).fetchone()
    assert amount_type == ("DECIMAL(38,10)",)
    assert con.execute(
        "SELECT amount, currency_alternatives FROM mentions ORDER BY mention_index"
    ).fetchall() == [
        (Decimal(1), []),
        (Decimal("2.5"), ["CAD", "AUD"]),
    ]
    assert con.execute("SELECT amount_unrounded FROM conversions LIMIT 1").fetchone() == (
        "1.0714000000000000000000000000000001",
    )
    con.close()


def test_duckdb_reload_of_one_document_replaces_only_its_rows(tmp_path: Path) -> None:
    path = str(tmp_path / "w.duckdb")
    sink = DuckDBSink(path)
    sink.write(_outcomes(), VERSIONS)
    sink.close(complete=True)
    sink = DuckDBSink(path)  # a second load (within one load, the rows of an id never replace each other)
    sink.write([DocumentOutcome(_row("a", 1, "other.jsonl"), mentions=(_mention("7"),))], VERSIONS)
    sink.close(complete=True)
    con = duckdb.connect(path, read_only=True)
    # a's two mentions and its duplicate row are replaced by the new load of a; b and the bad line stay
    assert _counts(con) == {"documents": 3, "errors": 1, "mentions": 1, "conversions": 1}
    assert con.execute("SELECT amount FROM mentions").fetchall() == [(Decimal(7),)]
    con.close()


def test_resume_state_is_per_moneta_version(tmp_path: Path) -> None:
    path = str(tmp_path / "w.duckdb")
    sink = DuckDBSink(path)
    sink.write(_outcomes(), VERSIONS)
    assert sink.start(VERSIONS, resume=True) == {"a", "b"}
    assert sink.start(Versions("1.0.0", "ecb@2024-04-26", dt.date(2024, 4, 26)), resume=True) == set()
    assert sink.start(VERSIONS, resume=False) == set()
    sink.close(complete=True)


@pytest.mark.parametrize("file_format", ["parquet", "csv"])
def test_directory_export(tmp_path: Path, file_format: str) -> None:
    out = tmp_path / "out"
    sink = DirectorySink(str(out), file_format)
    sink.write(_outcomes(), VERSIONS)
    sink.close(complete=True)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        f"{t}.{file_format}" for t in ("mentions", "conversions", "documents", "errors")
    )
    if file_format == "parquet":
        for name, declared in schemas().items():  # the declared schema, whatever the data holds
            assert pq.read_schema(out / f"{name}.parquet").remove_metadata().equals(declared), name
        table = pq.read_table(out / "mentions.parquet")
        assert table.schema.field("amount").type == schemas()["mentions"].field("amount").type
        assert table.column("currency_alternatives").to_pylist() == [[], ["CAD", "AUD"]]
    else:
        with open(out / "mentions.csv", encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert [r["currency_alternatives"] for r in rows] == ["", "CAD;AUD"]
        assert [Decimal(r["amount"]) for r in rows] == [Decimal(1), Decimal("2.5")]


def _jsonl_run(
    path: Path, outcomes: list[DocumentOutcome], *, resume: bool, complete: bool = True
) -> set[str]:
    """One load into the JSONL sink: the ids --resume skips; every row whose id is one of them is handed over as
    a kept row, as the load does."""
    sink = JsonlSink(str(path), resume=resume)
    skipped = sink.start(VERSIONS, resume=resume)
    sink.write(
        [
            DocumentOutcome(o.row, kept=True) if o.row.id in skipped and not o.duplicate else o
            for o in outcomes
        ],
        VERSIONS,
    )
    sink.close(complete=complete)
    return skipped


def test_jsonl_resume_drops_a_torn_line_and_keeps_lines_in_place(tmp_path: Path) -> None:
    clean = tmp_path / "clean.jsonl"
    _jsonl_run(clean, _outcomes(), resume=False)
    path = tmp_path / "out.jsonl"
    _jsonl_run(path, _outcomes()[:1], resume=False)
    with path.open("ab") as stream:
        stream.write(b'{"id":"b","men')  # a load killed mid-line
    assert _jsonl_run(path, _outcomes(), resume=True) == {"a"}
    assert path.read_bytes() == clean.read_bytes()


def test_jsonl_output_is_untouched_until_the_load_writes(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("the previous output\n", encoding="utf-8")
    sink = JsonlSink(str(path), resume=False)
    sink.start(VERSIONS, resume=False)
    sink.close(complete=False)  # a load that failed before writing anything
    assert path.read_text(encoding="utf-8") == "the previous output\n"
    sink = JsonlSink(str(path), resume=False)
    sink.start(VERSIONS, resume=False)
    sink.close(complete=True)  # a load of no rows
    assert path.read_bytes() == b""


def test_jsonl_resume_rewrites_an_output_that_does_not_match_its_input(tmp_path: Path) -> None:
    """An output whose lines are not in the input's order (or of rows not in it) is rewritten in input order;
    the kept lines are copied, not processed again."""
    path = tmp_path / "out.jsonl"
    foreign = DocumentOutcome(_row("z", 1, "other.jsonl"), mentions=())
    _jsonl_run(path, [foreign, _outcomes()[3], _outcomes()[0]], resume=False)
    written = path.read_bytes().splitlines(keepends=True)
    assert _jsonl_run(path, _outcomes(), resume=True) == {"z", "a", "b"}
    lines = path.read_bytes().splitlines(keepends=True)
    assert [lines[0], lines[3]] == [written[2], written[1]]  # a and b, copied in input order; z is gone
    assert len(lines) == 4
    assert not (tmp_path / ".out.jsonl.moneta-resume").exists()


def test_jsonl_resume_stopped_early_keeps_the_lines_it_did_not_reach(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    _jsonl_run(path, [_outcomes()[3], _outcomes()[0]], resume=False)  # b, then a
    before = set(path.read_bytes().splitlines(keepends=True))
    sink = JsonlSink(str(path), resume=True)
    assert sink.start(VERSIONS, resume=True) == {"a", "b"}
    sink.write([DocumentOutcome(_row("a", 1), kept=True)], VERSIONS)  # a first: the file is rewritten
    sink.close(complete=False)  # --max-errors: b was not reached
    assert set(path.read_bytes().splitlines(keepends=True)) == before


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (None, "has no record of the options"),
        ('{"moneta_version": "1.0.0", "load_options": ""}', "written by moneta 1.0.0, this is moneta 9.9.9"),
        ('{"moneta_version": "9.9.9", "load_options": "to=GBP"}', "written with other options (to=GBP;"),
    ],
    ids=["no-record", "other-version", "other-options"],
)
def test_jsonl_resume_refuses_an_output_of_other_options(
    tmp_path: Path, record: str | None, message: str
) -> None:
    path = tmp_path / "out.jsonl"
    _jsonl_run(path, _outcomes(), resume=False)
    before = path.read_bytes()
    marker = tmp_path / ".out.jsonl.moneta"
    if record is None:
        marker.unlink()
    else:
        marker.write_text(record, encoding="utf-8")
    sink = JsonlSink(str(path), resume=True)
    with pytest.raises(ResumeError, match=re.escape(message)):
        sink.start(VERSIONS, resume=True)
    sink.close(complete=False)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        "[1, 2]",
        '{"id": "a"}',
        '{"id": "a", "mentions": [], "extra": 1}',
        '{"id": 7, "mentions": []}',
    ],
)
def test_jsonl_resume_refuses_lines_moneta_does_not_write(tmp_path: Path, line: str) -> None:
    path = tmp_path / "out.jsonl"
    _jsonl_run(path, _outcomes(), resume=False)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(line + "\n")
    with pytest.raises(ResumeError, match="line 5 is not a line moneta batch writes"):
        JsonlSink(str(path), resume=True)


@pytest.mark.parametrize(
    ("raised", "reported"),
    [
        (duckdb.IOException("Could not write file: No space left on device"), OSError),
        (duckdb.TransactionException("Failed to commit: No space left on device"), OSError),
        (duckdb.InterruptException("Query interrupted"), KeyboardInterrupt),
        (RuntimeError("Query interrupted"), KeyboardInterrupt),  # DuckDB's Arrow scan, interrupted
        (RuntimeError("something else"), RuntimeError),
        (duckdb.ConstraintException("Duplicate key"), duckdb.ConstraintException),
    ],
    ids=["io", "disk-full-commit", "interrupted", "interrupted-arrow-scan", "runtime", "other"],
)
def test_duckdb_write_errors_reach_the_cli_as_plain_errors(raised: Exception, reported: type) -> None:
    """Disk full becomes OSError (one line, exit 2), Ctrl-C KeyboardInterrupt (exit 130), not "internal error"."""
    from moneta.batch.outputs import _plain_error

    assert type(_plain_error(raised)) is reported


def test_a_foreign_table_of_the_same_name_is_refused_before_any_change(tmp_path: Path) -> None:
    """A user's own ``mentions`` table in the target database: a clear error, and no table of ours is created."""
    path = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE mentions (x INTEGER)")
    con.close()
    with pytest.raises(ValueError, match="already has a table 'mentions' with other columns"):
        DuckDBSink(str(path))
    con = duckdb.connect(str(path))
    try:
        assert con.execute("SHOW TABLES").fetchall() == [("mentions",)]
    finally:
        con.close()


@pytest.mark.parametrize(("env", "want"), [(None, "244.1 MiB"), ("64MB", "61.0 MiB")])
def test_duckdb_keeps_a_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: str | None, want: str
) -> None:
    """DuckDB's buffer cache would grow with the tables up to 80 % of RAM; a load caps it (then DuckDB spills),
    256 MB unless MONETA_DUCKDB_MEMORY_LIMIT says otherwise."""
    from moneta.batch.outputs import DuckDBSink

    if env is None:
        monkeypatch.delenv("MONETA_DUCKDB_MEMORY_LIMIT", raising=False)
    else:
        monkeypatch.setenv("MONETA_DUCKDB_MEMORY_LIMIT", env)
    sink = DuckDBSink(str(tmp_path / "w.duckdb"))
    try:
        (limit,) = sink.connection.execute("SELECT current_setting('memory_limit')").fetchone()
    finally:
        sink.close(complete=True)
    assert limit == want  # DuckDB reports it in MiB: 256 MB is 244.1 MiB


@pytest.mark.parametrize("value", ["abc", "0", "1KB", "-1GB", "10 parsecs"])
def test_a_bad_duckdb_memory_limit_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """A value DuckDB would refuse with its own parser's words, take as "no limit" (-1GB) or run out of memory
    with (1KB) is refused first, naming the variable."""
    from moneta.batch.outputs import DuckDBSink

    monkeypatch.setenv("MONETA_DUCKDB_MEMORY_LIMIT", value)
    with pytest.raises(ValueError, match=r"MONETA_DUCKDB_MEMORY_LIMIT=.*give a size of at least 32MB"):
        DuckDBSink(str(tmp_path / "w.duckdb"))
