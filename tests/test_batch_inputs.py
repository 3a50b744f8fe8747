"""moneta.batch.inputs: the date rule, row errors, and every input format (JSONL plain/gz/zst, CSV, Parquet)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from moneta.batch.inputs import ColumnNames, InputError, InputSet, parse_date_cell, row_from_record

UTC = dt.UTC
PLUS2 = dt.timezone(dt.timedelta(hours=2))

DATE_CASES = [
    ("2024-04-26", dt.date(2024, 4, 26)),
    (" 2024-04-26 ", dt.date(2024, 4, 26)),
    ("2024-04-26T23:30:00+02:00", dt.date(2024, 4, 26)),
    ("2024-04-26T01:00:00+05:00", dt.date(2024, 4, 25)),
    ("2024-04-26T23:30:00Z", dt.date(2024, 4, 26)),
    ("2024-04-26T23:30:00-02:00", dt.date(2024, 4, 27)),
    ("2024-04-26T10:00:00", dt.date(2024, 4, 26)),
    (dt.date(2024, 1, 2), dt.date(2024, 1, 2)),
    (dt.datetime(2024, 1, 2, 1, 0, tzinfo=PLUS2), dt.date(2024, 1, 1)),
    (dt.datetime(2024, 1, 2, 23, 0), dt.date(2024, 1, 2)),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("cell", "expected"), DATE_CASES, ids=[repr(c[0]) for c in DATE_CASES])
def test_date_rule(cell: object, expected: dt.date | None) -> None:
    assert parse_date_cell(cell) == expected


@pytest.mark.parametrize("cell", ["26/04/2024", "yesterday", "2024-02-30", 20240426, 1.5, ["2024-04-26"]])
def test_bad_dates_raise_value_error(cell: object) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date_cell(cell)


#: (a JSONL line, the reason of its error row: json's message and the column within the line)
BAD_JSON_CASES = [
    ('{"id": 2, "text": "broken json', "invalid JSON: Unterminated string starting at: column 19"),
    ("{not json", "invalid JSON: Expecting property name enclosed in double quotes: column 2"),
    ('{"id": 1,}', "invalid JSON: Expecting property name enclosed in double quotes: column 10"),
    ('{"id": 1, "text": "a"} trailing', "invalid JSON: Extra data: column 24"),
    ('{"id": 1, "text": "tab\there"}', "invalid JSON: Invalid control character at: column 23"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_JSON_CASES, ids=[c[0] for c in BAD_JSON_CASES])
def test_invalid_json_reason_says_what_and_where(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "fine"}\n' + line + "\n", encoding="utf-8")
    assert _rows(path)[1] == (2, None, reason)


LINES = [
    '{"id": "a", "text": "Paid €5.", "date": "2024-04-26"}',
    "",
    "{not json",
    '{"text": "no id"}',
    '{"id": 7, "text": "an integer id"}',
    '{"id": "b", "text": 42}',
    '{"id": "c", "text": "bad date", "date": "someday"}',
    "[1, 2]",
    '{"id": true, "text": "boolean id"}',
    '{"id": "\\udc80", "text": "a lone surrogate in the id"}',
    '{"id": "d", "text": "a lone \\ud83d surrogate in the text"}',
]


def _rows(path: Path) -> list[tuple[int, str | None, str | None]]:
    inputs = InputSet([str(path)], input_format=None, columns=ColumnNames())
    return [(r.line, r.id, r.error) for r in inputs.rows()]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_rows_and_row_errors(tmp_path: Path, suffix: str) -> None:
    data = ("\n".join(LINES) + "\n").encode()
    if suffix.endswith(".gz"):
        data = gzip.compress(data)
    elif suffix.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"in{suffix}"
    path.write_bytes(data)
    rows = _rows(path)
    assert [(line, doc_id) for line, doc_id, _ in rows] == [
        (1, "a"),
        (3, None),
        (4, None),
        (5, "7"),
        (6, "b"),
        (7, "c"),
        (8, None),
        (9, None),
        (10, None),
        (11, "d"),
    ]
    errors = {line: error for line, _, error in rows}
    assert errors[1] is None
    assert errors[5] is None
    assert errors[3] is not None
    assert errors[3].startswith("invalid JSON")
    assert errors[4] == "missing id (column 'id')"
    assert errors[6] == "text must be a string, not a number"  # JSON's names, not Python's ("not int")
    assert errors[7] is not None
    assert "someday" in errors[7]
    assert errors[8] == "a line must be a JSON object, not an array"
    assert errors[9] == "id must be a non-empty string or an integer, not a boolean (true)"
    assert errors[10] == "id is not valid Unicode (a lone surrogate)"
    assert errors[11] == "text is not valid Unicode: a lone surrogate at code point 7"


#: (a JSONL line, the reason of its error row: what the line holds in JSON's words; it said NoneType, int, True)
JSON_KINDS = [
    ("null", "a line must be a JSON object, not null"),
    ("true", "a line must be a JSON object, not a boolean"),
    ("5", "a line must be a JSON object, not a number"),
    ('"a text"', "a line must be a JSON object, not a string"),
    ('["a", 1]', "a line must be a JSON object, not an array"),
    ('{"id": "a", "text": 5.5}', "text must be a string, not a number"),
    ('{"id": "a", "text": false}', "text must be a string, not a boolean"),
    ('{"id": "a", "text": ["x"]}', "text must be a string, not an array"),
    ('{"id": "a", "text": {"x": 1}}', "text must be a string, not an object"),
    ('{"id": true, "text": "x"}', "id must be a non-empty string or an integer, not a boolean (true)"),
    ('{"id": 1.5, "text": "x"}', "id must be a non-empty string or an integer, not a number (1.5)"),
    ('{"id": "", "text": "x"}', "id must be a non-empty string or an integer, not an empty string"),
    ('{"id": " ", "text": "x"}', "id must be a non-empty string or an integer, not a blank string"),
    ('{"id": {"n": 1}, "text": "x"}', "id must be a non-empty string or an integer, not an object"),
    ('{"id": "a", "text": "x", "date": true}', "date must be an ISO 8601 string, a DATE or a timestamp, not a boolean"),
]  # fmt: skip


def test_error_rows_name_json_kinds(tmp_path: Path) -> None:
    path = tmp_path / "kinds.jsonl"
    path.write_text("".join(line + "\n" for line, _ in JSON_KINDS), encoding="utf-8")
    assert [error for _, _, error in _rows(path)] == [reason for _, reason in JSON_KINDS]


def test_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        'doc,body,published\nx1,"Cost: $3, or so",2024-04-26T01:00:00+05:00\nx2,"Line one\nline two",\n',
        encoding="utf-8",
    )
    columns = ColumnNames(id="doc", text="body", date="published")
    rows = list(InputSet([str(path)], input_format=None, columns=columns).rows())
    assert [(r.id, r.text, r.date, r.line) for r in rows] == [
        ("x1", "Cost: $3, or so", dt.date(2024, 4, 25), 2),
        ("x2", "Line one\nline two", None, 4),
    ]


def test_csv_field_of_several_mb_is_read(tmp_path: Path) -> None:
    """A document's text in one CSV field may be far above the csv module's default 128 KiB field limit."""
    text = "It cost €5 million. " * 200_000  # 4 MB
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\nbig,"{text}"\nnext,"€1"\n', encoding="utf-8")
    rows = list(InputSet([str(path)], input_format=None, columns=ColumnNames()).rows())
    assert [(r.id, r.error, len(r.text or "")) for r in rows] == [("big", None, len(text)), ("next", None, 2)]


def test_csv_bytes_that_are_not_utf8_make_one_error_row(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,text\nx1,It cost $3.\nx2,caf\xe9 at $4\nx3,It cost $5.\n")
    rows = list(InputSet([str(path)], input_format=None, columns=ColumnNames()).rows())
    assert [(r.id, r.text, r.error) for r in rows] == [
        ("x1", "It cost $3.", None),
        ("x2", None, "invalid UTF-8 (byte 0xe9) in column 'text'"),
        ("x3", "It cost $5.", None),
    ]


def test_jsonl_bytes_that_are_not_utf8_make_one_error_row_with_its_id(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": "a1", "text": "It cost \xff $5"}\n{"id": 7, "text": "ok $3"}\n'
        b'{"text": "x\xfe", "id": 9}\n{"text": "\xfe \xff broken\n'
    )
    rows = list(InputSet([str(path)], input_format=None, columns=ColumnNames()).rows())
    assert [(r.id, r.raw_id, r.text, r.error) for r in rows] == [
        ("a1", "a1", None, "invalid UTF-8 (byte 0xff at byte 31 of the line)"),
        ("7", 7, "ok $3", None),
        ("9", 9, None, "invalid UTF-8 (byte 0xfe at byte 12 of the line)"),
        (None, None, None, "invalid UTF-8 (byte 0xfe at byte 11 of the line)"),
    ]


CSV_DAMAGE = [
    # (file body after the header, [(id, error words or None)])
    (
        'a,It cost $1.\nb,"closed"x $2\nc,It cost $3.\n',
        [("a", None), (None, "',' expected after"), ("c", None)],
    ),
    (
        'a,It cost $1.\nb,"never closed $2.\nc,It cost $3.\nd,It cost $4.\n',
        [("a", None), (None, "never closed")],
    ),
    (  # a stray quote joins the next line into the bad record: the error names both lines
        'a,It cost $1.\nb,"stray $2.\nc,"after" $3.\nd,It cost $4.\n',
        [("a", None), (None, "lines 3-4"), ("d", None)],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CSV_DAMAGE)
def test_csv_malformed_records_are_error_rows(
    tmp_path: Path, body: str, expected: list[tuple[str | None, str | None]]
) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,text\n" + body, encoding="utf-8")
    rows = list(InputSet([str(path)], input_format=None, columns=ColumnNames()).rows())
    assert [r.id for r in rows] == [doc_id for doc_id, _ in expected]
    for row, (_, words) in zip(rows, expected, strict=True):
        if words is None:
            assert row.error is None
        else:
            assert row.error is not None
            assert words in row.error
            assert row.line == 3


def test_csv_header_that_is_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,te\xffxt\nx,y\n")
    with pytest.raises(InputError, match="invalid UTF-8 in the header"):
        list(InputSet([str(path)], input_format=None, columns=ColumnNames()).rows())


def test_csv_missing_column_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("name,body\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'id'"):
        list(InputSet([str(path)], input_format=None, columns=ColumnNames(text="body")).rows())


#: (a CSV record under the header "id,text,date", the error of its row or None)
RAGGED_CSV_CASES = [
    ("a,It cost €5.,2024-04-26", None),
    ("b,It cost €5,000 in all.,2024-04-26", "CSV record has 4 fields where the header has 3"),
    ("c,It cost €5.", "CSV record has 2 fields where the header has 3"),
    ('d,"It cost €5,000 in all.",2024-04-26', None),
    ("e,It cost €5.,", None),
]


@pytest.mark.parametrize(("record", "error"), RAGGED_CSV_CASES, ids=[c[0][:1] for c in RAGGED_CSV_CASES])
def test_csv_record_with_other_field_count_is_an_error_row(
    tmp_path: Path, record: str, error: str | None
) -> None:
    """A record whose fields do not line up with the header is an error row (it loaded a truncated text)."""
    path = tmp_path / "in.csv"
    path.write_text("id,text,date\n" + record + "\nz,Then €1.,2024-04-26\n", encoding="utf-8")
    rows = _rows(path)
    assert [(line, rid) for line, rid, _ in rows] == [(2, record[0]), (3, "z")]
    if error is None:
        assert rows[0][2] is None
    else:
        assert rows[0][2] is not None
        assert rows[0][2].startswith(error)
    assert rows[1][2] is None


@pytest.mark.parametrize("header", ["id,text,text", "id,id,text,date", "id,text,date,date"])
def test_csv_header_with_a_read_column_twice_is_refused(tmp_path: Path, header: str) -> None:
    path = tmp_path / "in.csv"
    path.write_text(header + "\n" + ",".join("x" * len(header.split(","))) + "\n", encoding="utf-8")
    inputs = InputSet([str(path)], input_format=None, columns=ColumnNames())
    with pytest.raises(InputError, match="appears 2 times"):
        inputs.check_columns()
    with pytest.raises(InputError, match="appears 2 times"):
        list(inputs.rows())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("in.csv", "id,text,published\nx,€5,2024-04-26\n"),
        ("in.jsonl", '{"id": "x", "text": "€5", "published": null}\n'),
    ],
)
def test_a_named_date_column_must_exist(tmp_path: Path, name: str, content: str) -> None:
    """A misspelt --date-column is refused before the load (it silently gave every conversion date_missing)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    InputSet([str(path)], input_format=None, columns=ColumnNames()).check_columns()  # no "date": fine
    InputSet([str(path)], input_format=None, columns=ColumnNames(date="published")).check_columns()
    with pytest.raises(InputError, match="pubished"):
        InputSet([str(path)], input_format=None, columns=ColumnNames(date="pubished")).check_columns()


def test_parquet_dates_and_timestamps(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": ["p1", "p2", "p3"],
            "text": ["€1", "€2", "€3"],
            "date": pa.array(
                [dt.datetime(2024, 4, 26, 1, 0), None, dt.datetime(2024, 4, 26, 23, 0)],
                pa.timestamp("us", tz="Asia/Kolkata"),
            ),
            "lang": ["en-IE", None, "de-DE"],
        }
    )
    path = tmp_path / "in.parquet"
    pq.write_table(table, path)
    columns = ColumnNames(locale_hint="lang")
    rows = list(InputSet([str(path)], input_format=None, columns=columns).rows())
    # naive datetimes given to pyarrow with a tz are UTC instants: their UTC dates stay
    assert [(r.id, r.date, r.locale_hint, r.line) for r in rows] == [
        ("p1", dt.date(2024, 4, 26), "en-IE", 1),
        ("p2", None, None, 2),
        ("p3", dt.date(2024, 4, 26), "de-DE", 3),
    ]


def test_directory_and_glob_in_name_order(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl", "notes.txt"):
        (tmp_path / name).write_text(json.dumps({"id": name, "text": "x"}) + "\n", encoding="utf-8")
    by_dir = [r.id for r in InputSet([str(tmp_path)], input_format=None, columns=ColumnNames()).rows()]
    by_glob = [
        r.id for r in InputSet([str(tmp_path / "*.jsonl")], input_format=None, columns=ColumnNames()).rows()
    ]
    assert by_dir == by_glob == ["a.jsonl", "b.jsonl"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("missing.jsonl", "no such file"),
        ("*.nothing", "no file matches"),
        ("data.txt", "cannot tell the format"),
    ],
)
def test_input_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        InputSet([spec], input_format=None, columns=ColumnNames())


@pytest.mark.parametrize(
    ("columns", "flag"),
    [(ColumnNames(date="published"), "--date-column"), (ColumnNames(text="body"), "--text-column")],
)
def test_named_jsonl_keys_are_checked_past_lines_that_are_no_object(
    tmp_path: Path, columns: ColumnNames, flag: str
) -> None:
    """A first line that is no JSON object (a header string) does not switch the check of named keys off."""
    path = tmp_path / "in.jsonl"
    path.write_text('"header"\n{"id": "a", "text": "€5", "date": "2024-04-26"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=flag):
        InputSet([str(path)], input_format=None, columns=columns).check_columns()
    InputSet([str(path)], input_format=None, columns=ColumnNames()).check_columns()  # the defaults: fine


@pytest.mark.parametrize(
    ("record", "date"),
    [
        ({"id": "b", "text": 42, "date": "2024-04-26"}, dt.date(2024, 4, 26)),
        ({"id": "b", "date": "2024-04-26T23:30:00+02:00"}, dt.date(2024, 4, 26)),
        ({"text": "no id", "date": "2024-04-26"}, dt.date(2024, 4, 26)),
        ({"id": "c", "text": "bad date", "date": "someday"}, None),
    ],
)
def test_a_failed_row_keeps_a_readable_date(record: dict[str, object], date: dt.date | None) -> None:
    row = row_from_record(record, ColumnNames(), "in.jsonl", 1)
    assert row.error is not None
    assert (row.text, row.date) == (None, date)


@pytest.mark.parametrize("cell", ["2024-2-3", "26/04/2024", "yesterday"])
def test_bad_date_cells_are_worded_as_every_command_words_them(cell: str) -> None:
    """A malformed date cell reads as the CLI's bad dates do (moneta.dates), naming the timestamp it may also be."""
    with pytest.raises(
        ValueError, match=r"^not a date in the form YYYY-MM-DD \(or an ISO 8601 timestamp\): '"
    ):
        parse_date_cell(cell)
