"""Table-driven engine tests on held-out style sentences: each row of ``tests/cases/extract_heldout.jsonl``.

The rows are our own sentences, written in the styles moneta is judged on (1987 newswire, 2004-5 BBC
business, 2019-20 Wikinews, modern financial news) by an accuracy review that had not seen the engine's
tests. The row format and the comparison are those of ``tests/test_extract_cases.py`` (``text``, optional
``locale_hint``, ``expect``\\ ed mentions in order, optional ``per_unit`` / ``equivalent_of``). A row with
``xfail`` is a known fault; its reason names the *kind* of fault, so a general fix makes several rows pass
at once, and the strict mark then fails the suite until the mark is removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from moneta_service.extract import extract

from tests.test_extract_cases import _actual, _expected

HELDOUT_FILE = Path(__file__).parent / "cases" / "extract_heldout.jsonl"


def _rows() -> list[dict[str, Any]]:
    lines = HELDOUT_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _load() -> list[Any]:
    params = []
    for row in _rows():
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        params.append(pytest.param(row, id=row["id"], marks=marks))
    return params


def test_heldout_ids_are_unique() -> None:
    ids = [row["id"] for row in _rows()]
    assert len(ids) == len(set(ids))


def test_heldout_expected_spans_are_in_text() -> None:
    for row in _rows():
        pos = 0
        for e in row["expect"]:
            found = row["text"].find(e["text"], pos)
            assert found >= 0, (row["id"], e["text"])
            pos = found + len(e["text"])


@pytest.mark.parametrize("row", _load())
def test_extract_heldout(row: dict[str, Any]) -> None:
    text = row["text"]
    mentions = extract(text, locale_hint=row.get("locale_hint"))
    for m in mentions:
        assert text[m.start : m.end] == m.text
    got = [_actual(m, set(e)) for m, e in zip(mentions, row["expect"], strict=False)]
    want = [_expected(e) for e in row["expect"]]
    assert len(mentions) == len(want), [m.text for m in mentions]
    assert got == want
