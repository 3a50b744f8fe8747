"""moneta batch reads a named pipe or a process substitution's ``/dev/fd/N`` as a stream (real FIFOs, real writers)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from moneta.cli import main

RECORDS = [
    {"id": "p1", "text": "The deal was worth €5 million.", "date": "2024-04-26"},
    {"id": "p2", "text": "No money here."},
]
JSONL = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS)
CSV = "id,text\np1,The deal was worth €5 million.\np2,No money here.\n"


class _Writer:
    """Writes ``data`` into a pipe from a thread (opening a FIFO for writing waits for its reader)."""

    def __init__(self, target: str | int, data: str) -> None:
        self._target = target
        self._data = data.encode("utf-8")
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def _write(self) -> None:
        fd = self._target if isinstance(self._target, int) else os.open(self._target, os.O_WRONLY)
        try:
            os.write(fd, self._data)
        finally:
            os.close(fd)

    def finished(self) -> bool:
        self._thread.join(timeout=30)
        return not self._thread.is_alive()


def _fifo(tmp_path: Path, name: str, data: str) -> Iterator[str]:
    path = tmp_path / name
    os.mkfifo(path)
    writer = _Writer(str(path), data)
    yield str(path)
    assert writer.finished(), "the load never read the pipe"


def _dev_fd(data: str) -> Iterator[str]:
    """A ``/dev/fd/N`` pipe, as ``<(cat in.jsonl)`` gives the command."""
    read_end, write_end = os.pipe()
    writer = _Writer(write_end, data)
    try:
        yield f"/dev/fd/{read_end}"
        assert writer.finished(), "the load never read the pipe"
    finally:
        os.close(read_end)


#: (case id, pipe name or None for /dev/fd/N, data written, extra arguments)
PIPE_CASES = [
    ("fifo-jsonl", "ff.jsonl", JSONL, []),
    ("fifo-csv", "ff.csv", CSV, []),
    ("fifo-no-suffix-is-jsonl", "ff", JSONL, []),
    ("fifo-no-suffix-input-format-csv", "ff", CSV, ["--input-format", "csv"]),
    ("dev-fd-is-jsonl", None, JSONL, []),
    ("dev-fd-input-format-csv", None, CSV, ["--input-format", "csv"]),
]


@pytest.mark.parametrize(
    ("name", "data", "extra"), [c[1:] for c in PIPE_CASES], ids=[c[0] for c in PIPE_CASES]
)
def test_a_pipe_is_read_as_a_stream_of_its_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str | None, data: str, extra: list[str]
) -> None:
    pipes = _fifo(tmp_path, name, data) if name is not None else _dev_fd(data)
    path = next(pipes)
    code = main(["batch", path, "-o", "-", "--no-progress", *extra])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["p1", "p2"]
    assert [m["text"] for m in lines[0]["mentions"]] == ["€5 million"]
    assert lines[1]["mentions"] == []
    next(pipes, None)  # the writer finished


#: (--input-format, the end of the one line for '-' in that format)
STDIN_FORMATS = [
    ("csv", ": for CSV on standard input name it /dev/stdin (moneta batch /dev/stdin --input-format csv ...)"),
    ("parquet", ", and a Parquet input must be a regular file (Parquet is read from its end): write it to a file first"),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "line"), STDIN_FORMATS, ids=[c[0] for c in STDIN_FORMATS])
def test_stdin_in_another_format_is_refused_saying_what_works(tmp_path: Path, fmt: str, line: str) -> None:
    """It said only "stdin input must be JSONL": '-' is JSONL, and /dev/stdin reads CSV as any stream does."""
    refused = subprocess.run(
        [sys.executable, "-m", "moneta", "batch", "-", "-o", "-", "--input-format", fmt, "--no-progress"],
        input=CSV, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    expected = f"moneta: error: '-' (standard input) is read as JSONL{line}\n"
    assert (refused.returncode, refused.stdout, refused.stderr) == (2, "", expected)
    if fmt == "csv":  # what the line suggests works
        advised = subprocess.run(
            [sys.executable, "-m", "moneta", "batch", "/dev/stdin", "-o", "-", "--input-format", "csv",
             "--no-progress"],
            input=CSV, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert (advised.returncode, advised.stderr) == (0, "")
        assert [json.loads(row)["id"] for row in advised.stdout.splitlines()] == ["p1", "p2"]


def test_a_parquet_pipe_is_refused_as_a_pipe_not_as_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "ff.parquet"
    os.mkfifo(path)  # no writer: the refusal comes before the pipe is opened
    code = main(["batch", str(path), "-o", "-", "--no-progress"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1
    assert "is a pipe" in err
    assert "Parquet input must be a regular file" in err
    assert "no such file" not in err


def test_resume_with_a_pipe_skips_what_the_output_holds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A pipe is read once per run: ``--resume`` works as for a file when the writer sends the input again."""
    out = tmp_path / "out.jsonl"
    summary = tmp_path / "run.json"
    for run in (1, 2):
        pipes = _fifo(tmp_path, f"run{run}.jsonl", JSONL)
        path = next(pipes)
        argv = ["batch", path, "-o", str(out), "--no-progress", "--summary", str(summary)]
        code = main([*argv, "--resume"] if run == 2 else argv)
        assert (code, capsys.readouterr().err) == (0, "")
        next(pipes, None)
        skipped = json.loads(summary.read_text(encoding="utf-8"))["skipped"]
        assert skipped == (0 if run == 1 else 2)
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["p1", "p2"]


NAMED_JSONL = '{"id": "n1", "text": "It cost $5.", "published": "2024-04-26", "lang": "en-US"}\n'
NAMED_CSV = "id,text,published,lang\nn1,It cost $5.,2024-04-26,en-US\n"

#: (case id, how the input arrives, its format, the column arguments, the column missing or None when all exist)
NAMED_COLUMN_CASES = [
    (f"{kind}-{fmt}-{column_id}", kind, fmt, args, missing)
    for kind, fmt in [
        ("file", "jsonl"),
        ("file", "csv"),
        ("fifo", "jsonl"),
        ("fifo", "csv"),
        ("dev-fd", "jsonl"),
        ("dev-fd", "csv"),
        ("stdin", "jsonl"),  # stdin is JSONL only
    ]
    for column_id, args, missing in [
        ("date-missing", ["--date-column", "pubdate"], "pubdate"),
        ("locale-missing", ["--locale-column", "locale"], "locale"),
        ("default-date-named-missing", ["--date-column", "date"], "date"),
        ("date-present", ["--date-column", "published"], None),
        ("locale-present", ["--locale-column", "lang"], None),
        ("default-date-absent-unnamed", [], None),  # the default `date` may be absent
    ]
]


@pytest.mark.parametrize(
    ("kind", "fmt", "args", "missing"),
    [c[1:] for c in NAMED_COLUMN_CASES],
    ids=[c[0] for c in NAMED_COLUMN_CASES],
)
def test_a_named_column_is_checked_in_files_and_streams_alike(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    kind: str,
    fmt: str,
    args: list[str],
    missing: str | None,
) -> None:
    """A --date-column or --locale-column the input lacks is exit 2 with one line, whether the input is a
    file or a stream (FIFO, ``/dev/fd/N``, stdin) and JSONL or CSV; a stream is read once, not twice."""
    data = NAMED_JSONL if fmt == "jsonl" else NAMED_CSV
    pipes: Iterator[str] | None = None
    if kind == "file":
        path = tmp_path / f"in.{fmt}"
        path.write_text(data, encoding="utf-8")
        source = str(path)
    elif kind == "fifo":
        pipes = _fifo(tmp_path, f"ff.{fmt}", data)
        source = next(pipes)
    elif kind == "dev-fd":
        pipes = _dev_fd(data)
        source = next(pipes)
    else:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
        source = "-"
    out = tmp_path / "out.jsonl"
    fmt_args = ["--input-format", "csv"] if kind == "dev-fd" and fmt == "csv" else []
    code = main(["batch", source, "-o", str(out), "--no-progress", "--to", "EUR", *fmt_args, *args])
    _, err = capsys.readouterr()
    if pipes is not None:
        next(pipes, None)  # the writer finished: the stream was read once
    if missing is None:
        assert (code, err) == (0, "")
        [line] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        [conversion] = line["mentions"][0]["conversions"]
        expected = "ok" if "published" in args else "date_missing"
        assert conversion["status"] == expected
        return
    assert code == 2
    assert err.count("\n") == 1
    assert f"'{missing}'" in err
    assert ("first record" if fmt == "jsonl" else "no column") in err
    assert not out.exists()  # nothing was written
