"""A load's bad rows give the same ``errors`` table in-process and with ``--server`` (README, *Streaming over gRPC
and several servers*: the same output either way, except for a text over the server's size limit).

The server names a bad field by its place in the request (``documents[0].locale_hint``) and the stream by the key
the load gave the document; neither may reach the table: the row's id, source and line are columns of their own.
A real server on a free loopback port answers; the CLI runs in-process through ``moneta.cli.main``.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from moneta.cli import main

#: (input line, the reason the errors table gives for it; None: the row loads). Every kind of bad row a load can
#: meet, the ones the server checks (locale hints) and the ones the client checks before sending (dates, text,
#: ids, JSON). An unknown --to code is not a row's error: the whole load is refused before it starts.
ROWS: list[tuple[str, str | None]] = [
    ('{"id": "ok", "text": "It cost €5.", "date": "2024-03-01", "locale": "en-GB"}', None),
    (
        '{"id": "unknown-locale", "text": "It cost €5.", "locale": "xx-YY"}',
        "locale_hint: 'xx-YY' is not a locale CLDR knows; give a BCP-47 locale such as en-AU",
    ),
    (
        '{"id": "unknown-region", "text": "It cost €5.", "locale": "en-XX"}',
        "locale_hint: 'en-XX' is not a locale CLDR knows (unknown region XX); give a BCP-47 locale such as en-AU",
    ),
    (
        '{"id": "malformed-locale", "text": "It cost €5.", "locale": "x!"}',
        "locale_hint must be a BCP-47 locale such as en-AU, got 'x!'",
    ),
    (
        '{"id": "int-locale", "text": "It cost €5.", "locale": 5}',
        "locale hint must be a string, not a number",
    ),
    (
        '{"id": "no-such-date", "text": "It cost €5.", "date": "2024-13-45"}',
        "no such date: 2024-13-45 (month must be in 1..12)",
    ),
    (
        '{"id": "int-date", "text": "It cost €5.", "date": 20240101}',
        "date must be an ISO 8601 string, a DATE or a timestamp, not a number",
    ),
    ('{"id": "no-text"}', "missing text (column 'text')"),
    ('{"id": "ok", "text": "again"}', "duplicate id 'ok' (first at bad.jsonl line 1; the first wins)"),
    ("not json", "invalid JSON: Expecting value: column 1"),
]


def _errors(tmp_path: Path, name: str, *extra: str) -> list[tuple[object, ...]]:
    source = tmp_path / "bad.jsonl"
    source.write_text("".join(line + "\n" for line, _ in ROWS), encoding="utf-8")
    out = tmp_path / f"{name}.duckdb"
    argv = ["batch", "bad.jsonl", "-o", str(out), "--to", "EUR", "--locale-column", "locale", "--no-progress"]
    assert main([*argv, *extra]) == 1  # some rows failed
    with duckdb.connect(str(out), read_only=True) as con:
        return con.execute("SELECT id, source, line, reason FROM errors ORDER BY line").fetchall()


def test_bad_rows_give_the_same_errors_table_with_and_without_a_server(
    moneta_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the source column holds the input as given
    expected = [
        (None if line == "not json" else json.loads(line)["id"], "bad.jsonl", number, reason)
        for number, (line, reason) in enumerate(ROWS, start=1)
        if reason is not None
    ]
    in_process = _errors(tmp_path, "local")
    assert in_process == expected
    assert _errors(tmp_path, "remote", "--server", moneta_server) == in_process
