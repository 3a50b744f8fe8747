"""Faults a new user reported (the client-fixes round): each test is one report, checked end to end.

Real CLI processes and real servers on free loopback ports; nothing of moneta's is mocked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from moneta_service.limits import ServerLimits
from moneta_service.operating import Operating

from tests._opserver import OpServer, op_server


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


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- 1. batch --server: a text over the server's limit is an error row naming the user's row ---------------------


@pytest.fixture(scope="module")
def small_server() -> Iterator[OpServer]:
    with op_server(Operating(limits=ServerLimits(max_text_bytes=200))) as server:
        yield server


def test_batch_over_server_names_the_row_of_a_text_over_the_limit(
    small_server: OpServer, tmp_path: Path
) -> None:
    source = tmp_path / "articles.jsonl"
    records = [
        {"id": "short", "text": "It costs €5."},
        {"id": "long-one", "text": "It costs €5. " * 30},  # 450 UTF-8 bytes, over the 200 allowed
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = moneta("batch", str(source), "-o", str(out), "--server", small_server.address, "--no-progress")
    assert result.returncode == 1, result.stderr
    short, long = read_jsonl(out)
    assert short["id"] == "short"
    assert short["mentions"]
    error = long["error"]
    assert "documents[" not in error
    assert error.startswith(f"the text of id 'long-one' ({source} line 2) is 450 UTF-8 bytes"), error
    assert "200 (max_text_bytes)" in error
    assert "without --server" in error
