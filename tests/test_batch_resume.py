"""A load killed by SIGKILL midway, then ``--resume``, ends with exactly the rows of a clean run.

The input goes through stdin so the test controls how far the killed load can get: it is fed all but the last
rows and the pipe stays open, so the load is certainly midway when it is killed (after some batches were
committed, which the test waits for by watching the output grow).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]

from tests._helpers import duckdb_tables, start_batch_from_stdin

pytestmark = pytest.mark.slow

CURRENCIES = ["€", "$", "£", "CHF ", "¥"]


def _records(count: int) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for i in range(count):
        sign = CURRENCIES[i % len(CURRENCIES)]
        text = f"Item {i} sold for {sign}{i + 1}.{i % 100:02d} million, up from about {sign}{i // 2 + 1} million."
        record: dict[str, Any] = {"id": f"doc-{i:05d}", "text": text, "date": f"2024-0{1 + i % 9}-1{i % 10}"}
        if i % 97 == 5:
            record = {"text": "no id here"}  # a failed row must be resumed exactly too
        records.append(record)
    records.append({"id": "doc-00001", "text": "a duplicate of an early id"})
    return records


def _lines(records: list[dict[str, Any]]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) + "\n" for r in records]


def _start(output: Path, *extra: str) -> subprocess.Popen[str]:
    return start_batch_from_stdin(
        "-o", str(output), "--to", "EUR", "--batch-size", "8", "--no-progress", *extra
    )


def _run(output: Path, lines: list[str], *extra: str) -> int:
    process = _start(output, *extra)
    _, stderr = process.communicate("".join(lines), timeout=600)
    assert process.returncode in (0, 1), stderr
    return process.returncode


def _kill_midway(output: Path, lines: list[str], grown: Path, *extra: str) -> str:
    """Kill the load with SIGKILL once ``grown`` has grown; return what was written on stderr (read to its end,
    which comes when every process holding it, the worker pool's resource tracker too, has exited)."""
    process = _start(output, *extra)
    assert process.stdin is not None
    process.stdin.write("".join(lines[:-40]))  # the end is held back: the load cannot finish
    process.stdin.flush()
    deadline = time.monotonic() + 300
    while not (grown.exists() and grown.stat().st_size > 4096):
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the load wrote nothing"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    process.stdin.close()
    stderr = ""
    if process.stderr is not None:
        stderr = process.stderr.read()
        process.stderr.close()
    return stderr


def test_duckdb_kill_then_resume_equals_clean_run(tmp_path: Path) -> None:
    lines = _lines(_records(400))
    clean = tmp_path / "clean.duckdb"
    assert _run(clean, lines) == 1  # the rows without id and the duplicate fail
    killed = tmp_path / "killed.duckdb"
    _kill_midway(killed, lines, grown=Path(f"{killed}.wal"))
    partial = duckdb_tables(killed)
    assert 0 < len(partial["documents"]) < len(lines)
    assert _run(killed, lines, "--resume") == 1
    assert duckdb_tables(killed) == duckdb_tables(clean)


def test_jsonl_kill_then_resume_equals_clean_run(tmp_path: Path) -> None:
    lines = _lines(_records(400))
    clean = tmp_path / "clean.jsonl"
    assert _run(clean, lines) == 1
    killed = tmp_path / "killed.jsonl"
    _kill_midway(killed, lines, grown=killed)
    written = killed.read_bytes().count(b"\n")
    assert 0 < written < len(lines)
    assert _run(killed, lines, "--resume") == 1
    assert killed.read_bytes() == clean.read_bytes()


def test_killed_parallel_load_resumes_without_a_python_warning(tmp_path: Path) -> None:
    """With ``--workers 2``, SIGKILL leaves the pool's semaphores to multiprocessing's resource tracker, which
    cleans them up; its "leaked semaphore objects" warning is not printed (a fresh user's report), and
    ``--resume`` ends with the rows of a clean run."""
    lines = _lines(_records(400))
    clean = tmp_path / "clean.jsonl"
    assert _run(clean, lines) == 1
    killed = tmp_path / "killed.jsonl"
    stderr = _kill_midway(killed, lines, killed, "--workers", "2")
    assert "Warning" not in stderr, stderr
    assert "warnings.warn" not in stderr, stderr
    assert _run(killed, lines, "--resume", "--workers", "2") == 1
    assert killed.read_bytes() == clean.read_bytes()
