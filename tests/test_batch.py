"""``moneta batch`` end to end: the issue-2 JSONL form, warehouse tables, re-runs, exit codes, summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest
from moneta.serialize import mention_to_dict
from moneta_service.pipeline import extract_and_convert
from moneta_service.rates import open_provider

from tests._helpers import run_with_reader_gone

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "seeds" / "sample-articles.jsonl"

GOOD: list[dict[str, Any]] = [
    {
        "id": "g1",
        "text": "The council approved a €42 million budget and about $3 million in grants.",
        "date": "2024-04-26",
    },
    {"id": "g2", "text": "No money is mentioned here at all.", "date": "2024-04-26"},
    {"id": 3, "text": "Revenue rose to £1.2bn from £980m.", "date": "2024-04-27"},
    {"id": "g4", "text": "It cost nearly ¥5,000 without a date."},
]


def moneta(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "moneta", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def write_jsonl(path: Path, records: Sequence[dict[str, Any] | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def expected_line(record: dict[str, Any], targets: Sequence[str] = ()) -> dict[str, Any]:
    import datetime as dt

    date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
    provider = open_provider("ecb") if targets else None
    mentions = extract_and_convert(
        record["text"], date=date, targets=targets, locale_hint=None, provider=provider
    )
    return {"id": str(record["id"]), "mentions": [mention_to_dict(m) for m in mentions]}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_form_of_issue_2(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", GOOD)
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out), "--to", "USD")
    assert result.returncode == 0, result.stderr
    assert read_jsonl(out) == [expected_line(r, ["USD"]) for r in GOOD]
    assert any(line["mentions"] for line in read_jsonl(out))


def test_jsonl_bad_lines_give_error_lines_and_exit_1(tmp_path: Path) -> None:
    records: list[dict[str, Any] | str] = [
        GOOD[0],
        "{this is not json",
        {"text": "a line without an id: €5"},
        {"id": "g1", "text": "a duplicate id: €6"},
        {"id": "bad-date", "text": "€7", "date": "last Tuesday"},
        GOOD[1],
    ]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out))
    assert result.returncode == 1
    lines = read_jsonl(out)
    assert len(lines) == len(records)
    assert lines[0] == expected_line(GOOD[0])
    assert lines[5] == expected_line(GOOD[1])
    assert [(line["id"], line.get("line")) for line in lines[1:5]] == [
        (None, 2),
        (None, 3),
        ("g1", 4),
        ("bad-date", 5),
    ]
    assert all(isinstance(line["error"], str) and line["error"] for line in lines[1:5])
    assert "duplicate id" in lines[3]["error"]
    assert all("mentions" not in line for line in lines[1:5])


def test_stdin_to_stdout(tmp_path: Path) -> None:
    text = "\n".join(json.dumps(r) for r in GOOD[:2]) + "\n"
    result = moneta("batch", "-", "-o", "-", "--no-progress", stdin=text)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [expected_line(r) for r in GOOD[:2]]


#: (case, extra arguments: SERVER is the test server's address)
PIPE_LOADS = [("in-process", []), ("workers", ["--workers", "2"]), ("server", ["--server", "SERVER"])]


@pytest.mark.parametrize("extra", [c[1] for c in PIPE_LOADS], ids=[c[0] for c in PIPE_LOADS])
def test_a_reader_that_goes_away_stops_the_load_with_exit_2(
    tmp_path: Path, extra: list[str], moneta_server: str
) -> None:
    """`moneta batch in.jsonl -o - --summary s.json | head -c 100`: the rows after those written were never
    loaded, so the load is not a success (it exited 0, silently, with no summary): one line saying after how many
    rows the output closed, exit 2, and the summary written with ``stopped``. (`moneta extract | head` stays
    quiet: nothing depends on its exit code.)"""
    filler = "The board also approved $12 million for roads and €3 million for schools. " * 8
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": filler} for i in range(3000)])
    summary = tmp_path / "s.json"
    args = [moneta_server if a == "SERVER" else a for a in extra]
    code, stderr = run_with_reader_gone(
        ["batch", str(source), "-o", "-", "--no-progress", "--summary", str(summary), *args]
    )
    assert code == 2, stderr
    written = json.loads(summary.read_text(encoding="utf-8"))
    assert 0 < written["loaded"] < 3000
    assert written["stopped"] == (
        f"standard output closed after {written['loaded']} rows (its reader exited): the rest of the input was not "
        "loaded"
    )
    assert stderr == f"moneta: error: {written['stopped']}\n"


def _table(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def test_duckdb_load_of_the_sample_is_idempotent(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    summary = tmp_path / "summary.json"
    args = ("batch", str(SAMPLE), "-o", str(warehouse), "--to", "EUR,USD", "--summary", str(summary))
    first = moneta(*args)
    assert first.returncode == 0, first.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    snapshot = {
        t: sorted(_table(con, f"SELECT * FROM {t}"), key=repr)  # noqa: S608
        for t in ("documents", "errors", "mentions", "conversions")
    }
    con.close()
    records = read_jsonl(SAMPLE)
    assert len(snapshot["documents"]) == len(records)
    assert snapshot["errors"] == []
    expected_mentions = sum(len(expected_line(r)["mentions"]) for r in records)
    assert len(snapshot["mentions"]) == expected_mentions > 0
    assert len(snapshot["conversions"]) == 2 * expected_mentions
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert (data["rows_read"], data["loaded"], data["failed"], data["mentions"]) == (
        len(records),
        len(records),
        0,
        expected_mentions,
    )
    assert data["rate_data_version"].startswith("ecb@")

    second = moneta(*args)  # a re-run replaces the rows: same tables, no duplicates
    assert second.returncode == 0, second.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    again = {t: sorted(_table(con, f"SELECT * FROM {t}"), key=repr) for t in snapshot}  # noqa: S608
    by_currency = _table(
        con,
        "SELECT m.currency, sum(c.amount) FROM mentions m JOIN conversions c USING (document_id, mention_index) "
        "WHERE c.target_currency = 'EUR' AND c.status = 'ok' GROUP BY ALL ORDER BY 1",
    )
    undated = _table(
        con,
        "SELECT DISTINCT c.status FROM conversions c JOIN documents d ON d.id = c.document_id "
        "WHERE d.date IS NULL AND c.target_currency = 'USD'",
    )
    con.close()
    assert again == snapshot
    assert ("EUR",) in {(row[0],) for row in by_currency}
    assert undated == [("date_missing",)]


@pytest.mark.parametrize("file_format", ["parquet", "csv"])
def test_directory_outputs(tmp_path: Path, file_format: str) -> None:
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    source = write_jsonl(tmp_path / "in.jsonl", [*GOOD, "{broken"])
    result = moneta("batch", str(source), "-o", str(out), "--format", file_format, "--to", "USD")
    assert result.returncode == 1
    tables = {}
    for name in ("mentions", "conversions", "documents", "errors"):
        path = out / f"{name}.{file_format}"
        tables[name] = pq.read_table(path) if file_format == "parquet" else pacsv.read_csv(path)
    assert tables["documents"].num_rows == len(GOOD) + 1
    assert tables["errors"].num_rows == 1
    assert tables["errors"].column("line").to_pylist() == [len(GOOD) + 1]
    expected = sum(len(expected_line(r)["mentions"]) for r in GOOD)
    assert tables["mentions"].num_rows == expected
    assert tables["conversions"].num_rows == expected


def test_max_errors_stops_the_load(tmp_path: Path) -> None:
    records: list[dict[str, Any] | str] = ["{bad", "{bad", *GOOD]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    summary = tmp_path / "s.json"
    result = moneta(
        "batch",
        str(source),
        "-o",
        str(tmp_path / "w.duckdb"),
        "--max-errors",
        "1",
        "--batch-size",
        "1",
        "--summary",
        str(summary),
    )
    assert result.returncode == 1
    assert "max-errors" in result.stderr
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["failed"] == 2
    assert data["loaded"] == 0
    assert data["stopped"]


def test_resume_after_max_errors_retries_the_failed_rows(tmp_path: Path) -> None:
    """--resume tries failed rows again, so it stops where the first run stopped until the rows are fixed or
    --max-errors is raised (the README says so; the stop line says how to go on)."""
    source = write_jsonl(tmp_path / "in.jsonl", ["{bad", "{bad", *GOOD])
    out, summary = tmp_path / "w.duckdb", tmp_path / "s.json"
    base = ("batch", str(source), "-o", str(out), "--batch-size", "1", "--summary", str(summary))
    counts = []
    for extra in ((), ("--resume",), ("--resume",)):
        result = moneta(*base, "--max-errors", "1", *extra)
        assert result.returncode == 1
        assert "--resume tries failed rows again" in result.stderr
        assert "raise --max-errors" in result.stderr
        data = json.loads(summary.read_text(encoding="utf-8"))
        counts.append((data["failed"], data["loaded"], data["skipped"]))
    assert counts == [(2, 0, 0)] * 3  # the same place every time
    result = moneta(*base, "--max-errors", "5", "--resume")
    assert result.returncode == 1  # the two bad rows still fail, but the load goes on past them
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert (data["failed"], data["loaded"], data["stopped"]) == (2, len(GOOD), None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.jsonl", "-o", "out.jsonl"), "no such file"),
        (("in.jsonl", "-o", "out.jsonl", "--to", "EURO"), "ISO 4217"),
        (("in.jsonl", "-o", "out.jsonl", "--default-date", "26/04/2024"), "default-date"),
        (("in.jsonl", "-o", "out.txt"), "output format"),
        (("in.jsonl", "-o", "-", "--format", "duckdb"), "needs a path"),
        (("in.jsonl", "-o", "out.jsonl", "--workers", "0"), "at least 1"),
        (("in.jsonl", "-o", "-", "--resume"), "--resume needs an output file"),
        (("in.jsonl", "-o", "out.jsonl", "--to", "USD", "--rates", "no-such-table.csv"), "rate source"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "in.jsonl", GOOD[:1])
    result = moneta("batch", *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_amount_beyond_decimal_38_10_goes_to_errors(tmp_path: Path) -> None:
    huge = {"id": "huge", "text": "The network charges a fee of €0.000000000001 per call."}
    source = write_jsonl(tmp_path / "in.jsonl", [GOOD[0], huge])
    warehouse = tmp_path / "w.duckdb"
    result = moneta("batch", str(source), "-o", str(warehouse))
    assert expected_line(huge)["mentions"][0]["amount"] == "0.000000000001"  # 12 decimal places
    con = duckdb.connect(str(warehouse), read_only=True)
    errors = _table(con, "SELECT id, reason FROM errors")
    statuses = _table(con, "SELECT id, status FROM documents ORDER BY line")
    con.close()
    assert result.returncode == 1
    assert [e[0] for e in errors] == ["huge"]
    assert "DECIMAL(38,10)" in errors[0][1]
    assert statuses == [("g1", "ok"), ("huge", "failed")]


def test_lone_surrogates_are_error_rows_and_the_load_goes_on(tmp_path: Path) -> None:
    bad_id = '{"id": "\\udc80", "text": "It cost $5."}'
    bad_text = '{"id": "s2", "text": "It cost \\ud83d $6."}'
    source = write_jsonl(tmp_path / "in.jsonl", [GOOD[0], bad_id, bad_text, GOOD[1]])
    warehouse = tmp_path / "w.duckdb"
    result = moneta("batch", str(source), "-o", str(warehouse))
    con = duckdb.connect(str(warehouse), read_only=True)
    errors = _table(con, "SELECT id, line, reason FROM errors ORDER BY line")
    statuses = _table(con, "SELECT id, status FROM documents ORDER BY line")
    con.close()
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert [(e[0], e[1]) for e in errors] == [(None, 2), ("s2", 3)]
    assert all("lone surrogate" in e[2] for e in errors)
    assert statuses == [("g1", "ok"), (None, "failed"), ("s2", "failed"), ("g2", "ok")]


def test_workers_give_the_same_output(tmp_path: Path) -> None:
    records = [{**GOOD[i % len(GOOD)], "id": f"w{i}"} for i in range(40)]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert moneta("batch", str(source), "-o", str(one), "--batch-size", "4").returncode == 0
    assert moneta("batch", str(source), "-o", str(two), "--batch-size", "4", "--workers", "2").returncode == 0
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize("link", ["same-path", "symlink", "hardlink"])
def test_output_that_is_an_input_is_refused(tmp_path: Path, link: str) -> None:
    """Also through a symbolic or hard link: the load must never truncate its own input."""
    source = write_jsonl(tmp_path / "in.jsonl", GOOD)
    before = source.read_bytes()
    output = source
    if link == "symlink":
        output = tmp_path / "out.jsonl"
        output.symlink_to(source)
    elif link == "hardlink":
        output = tmp_path / "out.jsonl"
        os.link(source, output)
    result = moneta("batch", str(source), "-o", str(output))
    assert result.returncode == 2
    assert "is one of the inputs" in result.stderr
    assert source.read_bytes() == before


def test_parquet_input_with_named_columns_into_csv(tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "article": [str(r["id"]) for r in GOOD],
            "body": [r["text"] for r in GOOD],
            "published": [dt.date.fromisoformat(r["date"]) if r.get("date") else None for r in GOOD],
        }
    )
    pq.write_table(table, tmp_path / "in.parquet")
    out = tmp_path / "out"
    result = moneta(
        "batch",
        str(tmp_path / "in.parquet"),
        "-o",
        str(out),
        "--format",
        "csv",
        "--id-column",
        "article",
        "--text-column",
        "body",
        "--date-column",
        "published",
        "--to",
        "EUR",
    )
    assert result.returncode == 0, result.stderr
    documents = pacsv.read_csv(out / "documents.csv")
    assert sorted(documents.column("id").cast(pa.string()).to_pylist()) == sorted(str(r["id"]) for r in GOOD)
    mentions = pacsv.read_csv(out / "mentions.csv")
    assert mentions.num_rows == sum(len(expected_line(r)["mentions"]) for r in GOOD)


def test_in_process_documents_of_any_size(tmp_path: Path) -> None:
    """A document above the servers' 1 MiB limit is read in-process, to its last amount."""
    filler = "Shares of 2024 vintage traded in 12 lots. " * 40_000  # about 1.7 MB, no money
    record = {"id": "big", "text": filler + "The deal was worth $5 million.", "date": "2024-04-26"}
    src = write_jsonl(tmp_path / "in.jsonl", [record])
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(src), "-o", str(out), "--no-progress")
    assert result.returncode == 0, result.stderr
    [line] = read_jsonl(out)
    assert [m["text"] for m in line["mentions"]] == ["$5 million"]
    assert line["mentions"][0]["start"] == len(filler) + len("The deal was worth ")


def _children(pid: int) -> list[int]:
    """The pids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_workers_exit_when_the_load_is_killed(tmp_path: Path) -> None:
    """SIGKILL on a --workers load leaves no worker process behind (they used to live on, blocked on a pipe)."""
    import signal
    import time

    records = [{"id": f"k{i}", "text": "Revenue rose to £1.2bn from £980m. " * 20} for i in range(20_000)]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    load = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "moneta",
            "batch",
            str(source),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--workers",
            "2",
            "--batch-size",
            "16",
            "--no-progress",
        ],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:  # the pool's workers (and its tracker)
            workers = _children(load.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the load never started its workers"
    finally:
        load.send_signal(signal.SIGKILL)
        load.wait()
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    for pid in alive:  # leave nothing behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def test_a_json_line_nested_too_deeply_is_one_error_row(tmp_path: Path) -> None:
    """json's parser gives up on thousands of nested brackets: that line is an error row, the load goes on."""
    deep = '{"id": "deep", "text": "€1", "meta": ' + "[" * 5000 + "]" * 5000 + "}"
    source = write_jsonl(tmp_path / "in.jsonl", [GOOD[0], deep, GOOD[1]])
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out))
    assert result.returncode == 1
    lines = read_jsonl(out)
    assert lines[0] == expected_line(GOOD[0])
    assert lines[1] == {
        "id": None,
        "source": str(source),
        "line": 2,
        "error": "invalid JSON: nested too deeply to read",
    }
    assert lines[2] == expected_line(GOOD[1])


def test_an_input_inside_a_table_directory_output_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    source = write_jsonl(tmp_path / "in.jsonl", GOOD)
    assert moneta("batch", str(source), "-o", str(out), "--format", "csv").returncode == 0
    mentions_csv = out / "mentions.csv"
    before = mentions_csv.read_bytes()
    result = moneta(
        "batch", str(mentions_csv), "--id-column", "document_id", "-o", str(out), "--format", "csv"
    )
    assert result.returncode == 2
    assert "is one of the inputs" in result.stderr
    assert mentions_csv.read_bytes() == before


def test_resume_tries_a_failed_row_again(tmp_path: Path) -> None:
    """A row that failed (a bad date) and was fixed in the input loads on --resume; loaded rows are skipped."""
    out = tmp_path / "out.duckdb"
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": "€5", "date": "soon"}, GOOD[0]])
    assert moneta("batch", str(source), "-o", str(out)).returncode == 1
    write_jsonl(source, [{"id": "x", "text": "€5", "date": "2024-04-26"}, GOOD[0]])
    summary = tmp_path / "summary.json"
    result = moneta("batch", str(source), "-o", str(out), "--resume", "--summary", str(summary))
    assert result.returncode == 0
    figures = json.loads(summary.read_text(encoding="utf-8"))
    assert (figures["loaded"], figures["skipped"], figures["failed"]) == (1, 1, 0)
    import duckdb

    with duckdb.connect(str(out), read_only=True) as con:
        assert con.execute("SELECT id, status FROM documents ORDER BY id").fetchall() == [
            ("g1", "ok"),
            ("x", "ok"),
        ]
        assert con.execute("SELECT count(*) FROM errors").fetchone() == (0,)
