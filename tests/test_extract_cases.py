"""Table-driven engine tests: every row of ``tests/cases/extract_cases.jsonl`` is one case.

A row gives ``text``, an optional ``locale_hint`` and the ``expect``\\ ed mentions in order; each expected
mention states ``text``, ``currency``, ``amount``, ``amount_max`` and ``qualifier`` and may state
``per_unit``, ``equivalent_of``, ``currency_basis`` and ``currency_alternatives``. A row with ``xfail`` is a
known gap (strict: the row fails the suite once the engine handles it, so it must be moved). The sentences
are our own, written for these tests.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from moneta_service.extract import extract

CASES_FILE = Path(__file__).parent / "cases" / "extract_cases.jsonl"


def _load() -> list[Any]:
    rows = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    params = []
    for row in rows:
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        params.append(pytest.param(row, id=row["id"], marks=marks))
    return params


def _actual(m: Any, keys: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": m.text,
        "currency": m.currency,
        "amount": m.amount,
        "amount_max": m.amount_max,
        "qualifier": m.qualifier.value,
    }
    if "per_unit" in keys:
        out["per_unit"] = m.per_unit
    if "equivalent_of" in keys:
        out["equivalent_of"] = m.equivalent_of
    if "currency_basis" in keys:
        out["currency_basis"] = m.currency_basis
    if "currency_alternatives" in keys:
        out["currency_alternatives"] = list(m.currency_alternatives)
    return out


def _expected(e: dict[str, Any]) -> dict[str, Any]:
    out = dict(e)
    out["amount"] = Decimal(e["amount"])
    out["amount_max"] = None if e["amount_max"] is None else Decimal(e["amount_max"])
    return out


def test_case_ids_are_unique() -> None:
    ids = [json.loads(x)["id"] for x in CASES_FILE.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", _load())
def test_extract_case(row: dict[str, Any]) -> None:
    text = row["text"]
    mentions = extract(text, locale_hint=row.get("locale_hint"))
    for m in mentions:
        assert text[m.start : m.end] == m.text
    got = [_actual(m, set(e)) for m, e in zip(mentions, row["expect"], strict=False)]
    want = [_expected(e) for e in row["expect"]]
    assert len(mentions) == len(want), [m.text for m in mentions]
    assert got == want
