"""The atheris fuzz targets of ``tests/fuzz/`` stay runnable: each one-input function runs here on a fixed set
of seeds and deterministic random inputs (a few seconds; the real fuzzing is time-boxed and run by hand, see
``tests/fuzz/README.md``)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from moneta.v1 import moneta_pb2 as pb

REPO = Path(__file__).resolve().parents[1]

from tests.fuzz import fuzz_numbers, fuzz_offsets, fuzz_request_validation

SEEDS: list[bytes] = [
    b"",
    b"\x00",
    b"\x00"
    + pb.ExtractAmountsRequest(text="€5", target_currency_codes=["USD", "usd", ""]).SerializeToString(),
    b"\x00" + pb.ExtractAmountsRequest(text="x" * 5000, locale_hint="en-AU").SerializeToString(),
    b"\x01"
    + pb.ConvertAmountRequest(source_currency_code="EUR", target_currency_code="USD").SerializeToString(),
    b"\x02"
    + pb.StreamExtractAmountsRequest(
        documents=[pb.Document(id=str(i)) for i in range(9)]
    ).SerializeToString(),
    "1,234.50 €5 😀 \ud800".encode("utf-8", "surrogatepass"),
    b"9" * 600,
    b"1e400",
    b"\xff\xfe\xfd",
]


def _random_inputs(count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [bytes(rng.randrange(256) for _ in range(rng.randrange(64))) for _ in range(count)]


@pytest.mark.parametrize(
    "target",
    [fuzz_request_validation.TestOneInput, fuzz_offsets.TestOneInput, fuzz_numbers.TestOneInput],
    ids=["request-validation", "offsets", "numbers"],
)
def test_fuzz_target_runs_on_seeds(target: Callable[[bytes], None]) -> None:
    inputs = SEEDS + _random_inputs(400, seed=7)
    for data in inputs:
        target(data)  # raises on a finding
    assert len(inputs) == 410
