"""Damaged inputs never cost a load the rows it can read, nor an output it has not started to write.

* A Parquet file whose footer cannot be read is one error row naming the file; a row group with a damaged data
  page gives one error row per row it loses (with its id when the id column still reads); the other row groups
  and the other inputs load, and the exit code is 1 (a failed row), not 2.
* A load that cannot start (a CSV header that is not UTF-8 behind a good input) leaves an existing output as
  it was.
* Every error on stderr is one line, even where a library's message spans several (pyarrow's do).

The damaged files are made here: written with pyarrow, then bytes overwritten in a data page (the footer kept).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from moneta._quoting import one_line
from moneta.batch.inputs import ColumnNames, InputRow, InputSet

from tests.test_batch import moneta

ROWS_PER_GROUP = 50


def _table(prefix: str, count: int) -> pa.Table:
    return pa.table(
        {
            "id": [f"{prefix}{i}" for i in range(count)],
            "text": [f"Item {i} costs €{i + 1}.50 in the shop." for i in range(count)],
            "date": ["2024-04-26"] * count,
        }
    )


def _write(path: Path, prefix: str = "r", count: int = 3 * ROWS_PER_GROUP) -> Path:
    pq.write_table(_table(prefix, count), path, row_group_size=ROWS_PER_GROUP, compression="none")
    return path


def _overwrite(path: Path, offset: int, length: int = 24) -> None:
    data = bytearray(path.read_bytes())
    data[offset : offset + length] = b"\xff" * length
    path.write_bytes(bytes(data))


def _page_offset(path: Path, group: int, column: str) -> int:
    metadata = pq.ParquetFile(path).metadata
    names = [metadata.schema.column(i).name for i in range(metadata.num_columns)]
    chunk = metadata.row_group(group).column(names.index(column))
    return int(chunk.dictionary_page_offset or chunk.data_page_offset)


def _damaged_text_page(path: Path) -> Path:
    """The text column's first page of the middle row group overwritten: its id column still reads."""
    _write(path)
    _overwrite(path, _page_offset(path, 1, "text"))
    return path


def _damaged_id_and_text_pages(path: Path) -> Path:
    _write(path)
    _overwrite(path, _page_offset(path, 1, "text"))
    _overwrite(path, _page_offset(path, 1, "id"))
    return path


def _not_parquet(path: Path) -> Path:
    path.write_bytes(b"this is not a Parquet file\n" * 4)
    return path


def _bad_footer(path: Path) -> Path:
    """Parquet's magic bytes around a footer that does not decode: pyarrow's message ends with a line break."""
    path.write_bytes(b"PAR1" + b"\x00" * 50 + b"\x10\x00\x00\x00PAR1")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _invalid_utf8_cell(path: Path) -> Path:
    """Row 2's text is not UTF-8 (Parquet does not check string columns): only that row fails."""
    offsets = pa.py_buffer(bytes([0, 0, 0, 0, 3, 0, 0, 0, 6, 0, 0, 0, 9, 0, 0, 0]))
    text = pa.Array.from_buffers(
        pa.string(), 3, [None, offsets, pa.py_buffer(b"\xe2\x82\xac\xff5 \xe2\x82\xac")]
    )
    pq.write_table(pa.table({"id": ["u1", "u2", "u3"], "text": text}), path)
    return path


#: (how the file is damaged, rows read, error rows, (line, id, start of the reason) of the first error row)
DAMAGE: list[tuple[str, Any, int, int, tuple[int, str | None, str]]] = [
    (
        "text-page",
        _damaged_text_page,
        150,
        50,
        (51, "r50", "unreadable Parquet data in row group 1 (rows 51-100): "),
    ),
    (
        "id-and-text-pages",
        _damaged_id_and_text_pages,
        150,
        50,  # one error row per lost row, without an id (the id column does not read either)
        (51, None, "unreadable Parquet data in row group 1 (rows 51-100): "),
    ),
    ("not-parquet", _not_parquet, 1, 1, (1, None, "unreadable Parquet file: Parquet magic bytes not found")),
    ("bad-footer", _bad_footer, 1, 1, (1, None, "unreadable Parquet file: Couldn't deserialize thrift")),
    ("empty", _empty, 1, 1, (1, None, "unreadable Parquet file: Parquet file size is 0 bytes")),
    ("invalid-utf8-cell", _invalid_utf8_cell, 3, 1, (2, "u2", "invalid UTF-8 (byte 0xff) in column 'text'")),
]


@pytest.mark.parametrize(
    ("make", "read", "failed", "first"), [case[1:] for case in DAMAGE], ids=[case[0] for case in DAMAGE]
)
def test_a_damaged_parquet_file_gives_error_rows_and_keeps_what_reads(
    tmp_path: Path, make: Any, read: int, failed: int, first: tuple[int, str | None, str]
) -> None:
    path = make(tmp_path / "in.parquet")
    inputs = InputSet([str(path)], input_format=None, columns=ColumnNames())
    inputs.check_columns()  # a damaged file is no reason to refuse the load up front
    rows = list(inputs.rows())
    errors = [row for row in rows if row.error is not None]
    assert (len(rows), len(errors)) == (read, failed)
    line, doc_id, reason = first
    assert (errors[0].source, errors[0].line, errors[0].id) == (str(path), line, doc_id)
    assert (errors[0].error or "").startswith(reason), errors[0].error
    assert all("\n" not in (row.error or "") for row in rows)
    lines = [row.line for row in rows]
    assert lines == sorted(set(lines))  # in input order, none twice


def test_the_rows_of_a_damaged_row_group_each_keep_their_id(tmp_path: Path) -> None:
    rows = list(
        InputSet(
            [str(_damaged_text_page(tmp_path / "in.parquet"))], input_format=None, columns=ColumnNames()
        ).rows()
    )
    good: list[InputRow] = [row for row in rows if row.error is None]
    assert [row.id for row in good] == [f"r{i}" for i in (*range(50), *range(100, 150))]
    assert [row.id for row in rows if row.error is not None] == [f"r{i}" for i in range(50, 100)]


def _previous_output(path: Path) -> bytes:
    path.write_text("".join(f'{{"id":"p{i}","mentions":[]}}\n' for i in range(6)), encoding="utf-8")
    return path.read_bytes()


@pytest.mark.parametrize("damage", [_damaged_text_page, _not_parquet, _bad_footer], ids=lambda f: f.__name__)
def test_batch_goes_on_past_a_damaged_parquet_input_into_jsonl(tmp_path: Path, damage: Any) -> None:
    good = _write(tmp_path / "good.parquet", "g", 6)
    corrupt = damage(tmp_path / "corrupt.parquet")
    out = tmp_path / "prev.jsonl"
    _previous_output(out)
    summary = tmp_path / "summary.json"
    result = moneta(
        "batch", str(good), str(corrupt), "-o", str(out), "--no-progress", "--summary", str(summary)
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines[:6]] == [f"g{i}" for i in range(6)]
    assert all("mentions" in line for line in lines[:6])
    failed = [line for line in lines if "error" in line]
    assert failed
    assert all(line["source"] == str(corrupt) for line in failed)
    figures = json.loads(summary.read_text(encoding="utf-8"))
    assert figures["rows_read"] == len(lines) == figures["loaded"] + figures["failed"]


def test_batch_goes_on_past_a_damaged_parquet_input_into_duckdb(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.parquet", "g", 6)
    corrupt = _damaged_text_page(tmp_path / "corrupt.parquet")
    garbage = _not_parquet(tmp_path / "garbage.parquet")
    out = tmp_path / "w.duckdb"
    result = moneta("batch", str(good), str(corrupt), str(garbage), "-o", str(out), "--no-progress")
    assert result.returncode == 1, result.stderr
    with duckdb.connect(str(out), read_only=True) as con:
        ok = con.execute("SELECT count(*) FROM documents WHERE status = 'ok' AND source = ?", [str(good)])
        assert ok.fetchone() == (6,)
        by_file = dict(con.execute("SELECT source, count(*) FROM errors GROUP BY source").fetchall())
        assert by_file == {str(corrupt): 50, str(garbage): 1}
        reasons = con.execute("SELECT reason FROM errors WHERE source = ?", [str(garbage)]).fetchall()
        assert reasons[0][0].startswith("unreadable Parquet file: ")
        total = con.execute("SELECT count(*) FROM documents").fetchone()
        assert total == (6 + 150 + 1,)  # every row of the inputs: loaded or an error row


def test_a_load_that_cannot_start_leaves_the_output_untouched(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.parquet", "g", 6)
    bad_header = tmp_path / "bad.csv"
    bad_header.write_bytes(b"id,te\xffxt\n1,costs $5\n")
    out = tmp_path / "prev.jsonl"
    before = _previous_output(out)
    result = moneta("batch", str(good), str(bad_header), "-o", str(out), "--no-progress")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"moneta: error: {bad_header}: invalid UTF-8 in the header"]
    assert out.read_bytes() == before


def test_a_library_message_of_several_lines_is_one_line_on_stderr(tmp_path: Path) -> None:
    """pyarrow's message for a bad footer ends with a line break; as the --rates table of a load it is the one
    line of a usage error."""
    table = _bad_footer(tmp_path / "fx.parquet")
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "€5"}\n', encoding="utf-8")
    result = moneta("batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--rates", str(table))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Couldn't deserialize thrift" in result.stderr


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("plain", "plain"),
        ("first\nsecond\n", "first; second"),
        ("  indented\n\n\nafter blank lines  \n", "indented; after blank lines"),
        ("a control \x0f character", "a control \\x0f character"),
        ("a\ttab", "a tab"),
    ],
)
def test_one_line(text: str, line: str) -> None:
    assert one_line(text) == line


def test_a_truncated_one_frame_zst_loads_the_rows_before_the_cut(tmp_path: Path) -> None:
    """A ``.zst`` written as one frame and cut in half: the rows before the cut load (not none), then one error row
    names the truncation, and the exit code is 1."""
    import zstandard

    count = 2000
    lines = "".join(
        json.dumps({"id": f"z{i}", "text": f"Item {i} costs €{i + 1}.50. " + "filler " * 30}) + "\n"
        for i in range(count)
    ).encode()
    data = zstandard.ZstdCompressor().compress(lines)  # one frame
    source = tmp_path / "in.jsonl.zst"
    source.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out.jsonl"
    run = moneta("batch", str(source), "-o", str(out), "--no-progress")
    assert run.returncode == 1, run.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    loaded, errors = records[:-1], records[-1]
    assert 0 < len(loaded) < count
    assert [r["id"] for r in loaded] == [f"z{i}" for i in range(len(loaded))]
    assert all("error" not in r for r in loaded)
    assert errors["id"] is None
    assert errors["line"] == len(loaded) + 1
    assert "the zstd data ends inside a frame (truncated file)" in errors["error"]
