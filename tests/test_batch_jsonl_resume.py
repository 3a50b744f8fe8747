"""``moneta batch --resume`` into JSONL works by document id and checks the options, as into DuckDB.

Whatever the output held before, a resumed load ends with the bytes a clean run of its input writes: documents
the output holds with their mentions (same moneta version and load options) are skipped and their lines kept,
failed rows are tried again, lines of other inputs go. Resuming with other options is refused (exit 2, one line)
and leaves the output as it was. (A load killed midway and resumed: tests/test_batch_resume.py.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_batch import moneta, write_jsonl


def _docs(first: int, last: int, sign: str = "€") -> list[dict[str, Any]]:
    return [
        {"id": f"d{i}", "text": f"Lot {i} sold for {sign}{i}.25 million.", "date": "2024-04-26"}
        for i in range(first, last)
    ]


def _load(source: Path, out: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    summary = out.with_suffix(".summary.json")
    result = moneta("batch", str(source), "-o", str(out), "--no-progress", "--summary", str(summary), *extra)
    figures = json.loads(summary.read_text(encoding="utf-8")) if result.returncode in (0, 1) else {}
    return result.returncode, figures, result.stderr


#: (what the output held before: the records of an earlier load, and lines put in front of it by hand; the
#: documents the resumed load must skip)
BEFORE: list[tuple[str, list[dict[str, Any]], list[str], int]] = [
    ("another-input", _docs(900, 950, "$"), [], 0),  # the trial: its 50 lines made the load skip 50 rows
    ("a-foreign-line-first", _docs(0, 20), ['{"id":"zzz","mentions":[]}'], 20),  # the trial: d0 was dropped
    ("a-prefix", _docs(0, 40), [], 40),
    ("the-input-reordered", list(reversed(_docs(0, 60))), [], 60),
    ("a-later-part", _docs(30, 60), [], 30),
]


@pytest.mark.parametrize(
    ("records", "lines", "skipped"), [case[1:] for case in BEFORE], ids=[case[0] for case in BEFORE]
)
def test_resume_skips_by_id_and_ends_as_a_clean_run(
    tmp_path: Path, records: list[dict[str, Any]], lines: list[str], skipped: int
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", _docs(0, 60))
    clean = tmp_path / "clean.jsonl"
    assert _load(source, clean, "--to", "USD")[0] == 0
    out = tmp_path / "out.jsonl"
    assert _load(write_jsonl(tmp_path / "before.jsonl", records), out, "--to", "USD")[0] == 0
    out.write_text("".join(line + "\n" for line in lines) + out.read_text(encoding="utf-8"), encoding="utf-8")
    code, figures, stderr = _load(source, out, "--to", "USD", "--resume")
    assert code == 0, stderr
    assert (figures["skipped"], figures["loaded"]) == (skipped, 60 - skipped)
    assert out.read_bytes() == clean.read_bytes()


def test_resume_tries_a_failed_row_again(tmp_path: Path) -> None:
    """As into DuckDB: a row that failed (a bad date) and was fixed in the input loads; the others are kept."""
    records = _docs(0, 5)
    records[2] = {**records[2], "date": "soon"}
    source = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    assert _load(source, out)[0] == 1
    records[2]["date"] = "2024-04-26"
    write_jsonl(source, records)
    code, figures, stderr = _load(source, out, "--resume")
    assert code == 0, stderr
    assert (figures["loaded"], figures["skipped"], figures["failed"]) == (1, 4, 0)
    clean = tmp_path / "clean.jsonl"
    assert _load(source, clean)[0] == 0
    assert out.read_bytes() == clean.read_bytes()


#: (options of the first load, options of the resumed load, a word the refusal names)
OTHER_OPTIONS = [
    (["--to", "USD"], ["--to", "GBP"], "to=GBP"),
    (["--to", "USD"], [], "to= "),
    (["--to", "USD"], ["--to", "USD", "--default-date", "2024-04-26"], "date=2024-04-26"),
    (["--to", "USD"], ["--to", "USD", "--rates-fallback", "ecb"], "fallback=ecb"),
]


@pytest.mark.parametrize(("first", "then", "named"), OTHER_OPTIONS)
def test_resume_with_other_options_is_refused_and_touches_nothing(
    tmp_path: Path, first: list[str], then: list[str], named: str
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", _docs(0, 10))
    out = tmp_path / "out.jsonl"
    assert _load(source, out, *first)[0] == 0
    before = out.read_bytes()
    code, _, stderr = _load(source, out, *then, "--resume")
    assert code == 2
    [line] = stderr.splitlines()
    assert line.startswith(f"moneta: error: --resume: {out} was written with other options (to=USD ")
    assert named in line
    assert "run without --resume to rewrite it" in line
    assert out.read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("record", "has no record of the options it was written with"),
        ("line", "line 1 is not a line moneta batch writes"),
        ("mentions", "line 1 is not a line moneta batch writes"),
    ],
)
def test_resume_refuses_an_output_it_cannot_trust(tmp_path: Path, damage: str, message: str) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", _docs(0, 10))
    out = tmp_path / "out.jsonl"
    assert _load(source, out)[0] == 0
    if damage == "record":  # written by an earlier moneta, which kept no record of its options
        (tmp_path / ".out.jsonl.moneta").unlink()
    elif damage == "line":
        out.write_text("a note someone added\n" + out.read_text(encoding="utf-8"), encoding="utf-8")
    else:  # a document line whose mentions are no mention objects
        out.write_text('{"id":"d0","mentions":[1,2]}\n' + out.read_text(encoding="utf-8"), encoding="utf-8")
    before = out.read_bytes()
    code, _, stderr = _load(source, out, "--resume")
    assert code == 2
    assert len(stderr.splitlines()) == 1
    assert message in stderr
    assert out.read_bytes() == before


def test_resume_into_a_missing_or_empty_output_is_a_fresh_load(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", _docs(0, 10))
    clean = tmp_path / "clean.jsonl"
    assert _load(source, clean)[0] == 0
    missing = tmp_path / "missing.jsonl"
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    for out in (missing, empty):
        code, figures, stderr = _load(source, out, "--resume")
        assert code == 0, stderr
        assert figures["skipped"] == 0
        assert out.read_bytes() == clean.read_bytes()


def test_an_output_that_is_a_pipe_is_neither_read_for_resume_nor_given_a_record(tmp_path: Path) -> None:
    import os
    import threading

    source = write_jsonl(tmp_path / "in.jsonl", _docs(0, 10))
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, figures, stderr = _load(source, pipe, "--resume")
    reader.join(timeout=60)
    assert code == 0, stderr
    assert figures["skipped"] == 0
    assert received[0].count(b"\n") == 10
    assert not (tmp_path / ".pipe.jsonl.moneta").exists()
