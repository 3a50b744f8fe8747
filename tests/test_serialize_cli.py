"""The README's claim about :mod:`moneta.serialize` (The JSON shape), checked against the real CLI.

``dumps(mentions_to_dict(mentions), indent=2) + "\\n"`` is byte for byte what ``moneta extract --format json``
prints, and ``dumps(mention_to_dict(mention))`` is one line of ``--format jsonl``, for texts with and without
mentions, conversions and non-ASCII text.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from moneta.serialize import dumps, mention_to_dict, mentions_to_dict
from moneta_service.pipeline import extract_and_convert

#: (text, --to targets): each is extracted in-process and through the CLI at 2024-04-26.
CASES = [
    ("a €89 billion aid bill", ()),
    ("a €89 billion aid bill and about $3 million in grants", ("USD", "GBP")),
    ("Le loyer est de 1 200 € par mois, soit près de ¥190,000.", ("EUR",)),
    ("No money is mentioned here.", ()),
]
DATE = dt.date(2024, 4, 26)


def _cli(text: str, targets: tuple[str, ...], fmt: str) -> bytes:
    to = ["--to", ",".join(targets)] if targets else []
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "extract", "-", "--date", DATE.isoformat(), "--format", fmt, *to],
        input=text.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(("text", "targets"), CASES, ids=[text[:24] for text, _ in CASES])
def test_dumps_gives_what_the_cli_prints(text: str, targets: tuple[str, ...]) -> None:
    mentions = extract_and_convert(text, date=DATE, targets=targets)
    printed = _cli(text, targets, "json")
    assert printed == (dumps(mentions_to_dict(mentions), indent=2) + "\n").encode("utf-8")
    assert printed != (dumps(mentions_to_dict(mentions)) + "\n").encode("utf-8")  # the compact form is not it
    lines = b"".join((dumps(mention_to_dict(m)) + "\n").encode("utf-8") for m in mentions)
    assert _cli(text, targets, "jsonl") == lines
