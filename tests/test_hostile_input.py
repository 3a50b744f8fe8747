"""Hostile and odd input (issue 7), table-driven: the engine and the pipeline never raise, offsets stay exact in
code points, UTF-16 and UTF-8, and absurd numbers give a bounded result or no mention (never a float, an
overflow or an exception). Files that are not UTF-8 get a clear error from ``moneta extract`` and ``moneta
batch``. Rows the engine gets wrong today are ``xfail(strict=True)`` with the reason (for the engine's owner).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from moneta.model import Mention, OffsetEncoding
from moneta.offsets import convert_offsets
from moneta_service.extract import extract, numbers
from moneta_service.pipeline import extract_and_convert
from moneta_service.rates import open_provider

#: The documented bound of an amount (``moneta_service.extract.numbers``): adjusted exponent at most 18 (below
#: 10^19) and at most 38 significant digits (the wire's precision); beyond it the engine reports no mention.
MAX_EXPONENT = numbers.MAX_EXPONENT
MAX_DIGITS = numbers.MAX_DIGITS


@dataclass(frozen=True)
class Case:
    """One hostile text; ``expected`` = the ``(mention text, currency, amount)`` triples, or ``None`` for "any
    bounded result" (only the invariants are checked)."""

    id: str
    text: str
    expected: tuple[tuple[str, str | None, str], ...] | None
    xfail: str | None = None


CASES = [
    # empty and blank
    Case("empty", "", ()),
    Case("whitespace-only", "  \n\t \r\n\u00a0\u2003 ", ()),
    Case("newlines-around", "\n\n€5\n\n", (("€5", "EUR", "5"),)),
    # control characters
    Case("nul-bytes-between", "€5\x00€6", (("€5", "EUR", "5"), ("€6", "EUR", "6"))),
    Case("nul-prefix", "\x00" * 10 + "$3", (("$3", "USD", "3"),)),
    Case("bell-and-escape", "\x07Alert\x1b: it cost €5.", (("€5", "EUR", "5"),)),
    Case(
        "ansi-colour-codes",
        "Price: \x1b[31m€5\x1b[0m today",
        (("€5", "EUR", "5"),),
    ),
    Case("c1-controls", "\x85\x9b€5\x9c", (("€5", "EUR", "5"),)),
    # zero-width, bidi and combining marks
    Case("bidi-marks-around", "\u200e€5\u200f million", (("€5", "EUR", "5"),)),
    Case("bidi-override-around", "\u202e€5 million\u202c", (("€5 million", "EUR", "5000000"),)),
    Case("zero-width-joiner-emoji-before", "👨\u200d👩\u200d👧 paid €20 for 🍕🍕", (("€20", "EUR", "20"),)),
    Case(
        "zero-width-space-inside",
        "It costs €\u200b5 today",
        (("€\u200b5", "EUR", "5"),),
    ),
    Case("bom-first", "\ufeffThe fee is $12.", (("$12", "USD", "12"),)),
    Case("combining-before", "Cafe\u0301 costs €5", (("€5", "EUR", "5"),)),
    Case("combining-on-digit", "€5\u0301 each", None),
    # emoji and astral characters (offsets differ in every encoding)
    Case("emoji-around", "🎉 Prize: $1,000 🎉", (("$1,000", "USD", "1000"),)),
    Case("astral-math-digits", "𝟓 dollars and €7", None),
    # mixed scripts
    Case(
        "mixed-scripts",
        "Цена €5, 价格 ¥100, السعر $3",
        (("€5", "EUR", "5"), ("¥100", "JPY", "100"), ("$3", "USD", "3")),
    ),
    Case("arabic-indic-digits", "السعر ٥ دولار و €7", None),
    # very long lines
    Case("long-line-then-amount", "x" * 200_000 + " €5", (("€5", "EUR", "5"),)),
    Case("long-word-runs", "money " * 30_000 + "$3", (("$3", "USD", "3"),)),
    Case("long-digit-run", "1" * 100_000, None),
    Case("long-sign-run", "$" * 100_000, None),
    # a negation test once indexed past the start of a short sentence (ValueError)
    Case("no-noun-below-at-start", "No fee below $5 applies.", (("$5", "USD", "5"),)),
    Case("no-alone-before-over", "no over £5", None),
    # runs that once cost time quadratic in their length or overflowed the stack (read in bounded steps)
    Case("spaced-digit-run", "1 " * 50_000, None),
    Case("spaced-group-run", "123 " * 25_000, None),
    Case("sign-number-chain", "10 $ " * 20_000, None),
    Case("sign-spaced-chain", "$ 1 " * 20_000, None),
    # runs of amounts that are no money, each set aside (once a quadratic list filter)
    Case("face-value-run", "at 70 cents on the dollar, up from 64 cents. " * 20_000, ()),
    Case("per-one-dollar-run", "N1,351.30/$1 " * 20_000, None),
    # a "$" and one digit on one long line, each once checked against the whole line for code (quadratic: 12 KB
    # took 21 s)
    Case("dollar-digit-line-run", "$5 " * 20_000, None),
    Case("dollar-digit-range-line-run", "$5-$10 and " * 5_000, None),
    Case("tote-price-run", "The favourite shortened from $8 to $4.60 on the TAB. " * 10_000, ()),
    # a whole-text check per mention, a list scan per amount (once quadratic: 100 KB of "marks" took 26 s)
    Case("marks-run", "paid 2.90 marks per share " * 4_000, None),
    Case("pounds-weight-run", "collected 3,450 pounds of food for $1,080; " * 3_000, None),
    Case("comma-head-run", "wrote off 1 billion, 500 million euros. " * 5_000, None),
    Case("sums-in-words-run", "pay Naira One Million, Two Hundred Thousand only; " * 3_000, None),
    Case("letter-sign-families-run", "Zambia's K94.1 billion; Malawi's MK2.1 trillion. " * 4_000, None),
    # absurd numbers: bounded or nothing
    Case("exponent-1e400", "€1e400", None),
    Case("exponent-words", "1e400 dollars", None),
    Case("500-digits", "$" + "9" * 500, None),
    Case("quintillion-trillion", "$999,999,999,999,999,999 trillion", None),
    Case("tiny-cents", "0.0000001 cents", None),
    Case("tiny-euros", "€0.0000001", None),
    Case("scale-stack", "$1" + "0" * 40 + " trillion trillion", None),
    Case("range-to-300-digits", "between $1 and $" + "9" * 300, None),
    Case("separator-chain", "€" + "1," * 300 + "5", None),
    Case("space-grouped-monster", "€ " + " 000" * 40, None),
    Case("dots-chain", "$5.5.5.5", None),
    Case("negative", "$-5 and -€3", None),
    Case("lone-surrogate", "$\ud800 5 and €\udfff7", None),
]


def _params() -> list[object]:
    return [
        pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
        for c in CASES
    ]


def _check_invariants(text: str, mentions: list[Mention]) -> None:
    previous_start = -1
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_start, "mentions in text order"
        previous_start = mention.start
        for value in (mention.amount, mention.amount_max):
            if value is None:
                continue
            assert isinstance(value, Decimal)
            assert value.is_finite()
            assert value.adjusted() <= MAX_EXPONENT, value
            assert len(value.normalize(numbers.NUMBER_CONTEXT).as_tuple().digits) <= MAX_DIGITS, value
    # offsets round-trip through UTF-16 and UTF-8
    for encoding, codec, width in ((OffsetEncoding.UTF16, "utf-16-le", 2), (OffsetEncoding.UTF8, "utf-8", 1)):
        data = text.encode(codec, "surrogatepass")
        for mention, converted in zip(mentions, convert_offsets(text, mentions, encoding), strict=True):
            piece = data[converted.start * width : converted.end * width]
            assert piece.decode(codec, "surrogatepass") == mention.text


@pytest.mark.parametrize("case", _params())
def test_engine_on_hostile_text(case: Case) -> None:
    mentions = extract(case.text)
    _check_invariants(case.text, mentions)
    assert extract(case.text) == mentions, "deterministic"
    if case.expected is not None:
        assert [(m.text, m.currency, str(m.amount)) for m in mentions] == list(case.expected)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.expected is None or c.xfail is None], ids=lambda c: c.id
)
def test_conversion_of_hostile_text_never_raises(case: Case) -> None:
    """Whatever the amounts, conversions are statuses with bounded decimals, never exceptions."""
    mentions = extract_and_convert(
        case.text,
        date=dt.date(2024, 4, 26),
        targets=["USD", "JPY"],
        locale_hint=None,
        provider=open_provider("ecb"),
    )
    for mention in mentions:
        assert len(mention.conversions) == 2
        for conversion in mention.conversions:
            for value in (conversion.amount, conversion.rate, conversion.amount_max):
                assert value is None or (isinstance(value, Decimal) and value.is_finite())


# --- files that are not UTF-8 ----------------------------------------------------------------------------------


def _moneta(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "moneta", *argv], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.parametrize(
    "data",
    [b"It cost \xe9 5 EUR", b"\xff\xfeI\x00t\x00", b"\x80\x81\x82", "caf\u00e9 €5".encode("cp1252")],
    ids=["latin-1", "utf-16-bom", "continuation-bytes", "cp1252"],
)
def test_extract_non_utf8_file_exits_2_with_one_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    result = _moneta("extract", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "UTF-8" in lines[0]
    assert "article.txt" in lines[0]
    assert result.stdout == ""


#: (bytes of a file, its --encoding, the mentions' texts, their code point starts)
ENCODED_FILES = [
    ("caf\u00e9 \u00a35, then \u00a312 million".encode("latin-1"), "latin-1", ["£5", "£12 million"], [5, 14]),
    ("caf\u00e9 €5".encode("cp1252"), "cp1252", ["€5"], [5]),
    ("caf\u00e9 €5".encode("utf-16"), "utf-16", ["€5"], [5]),
]


@pytest.mark.parametrize(
    ("data", "encoding", "texts", "starts"), ENCODED_FILES, ids=[c[1] for c in ENCODED_FILES]
)
def test_extract_reads_other_encodings_when_told(
    tmp_path: Path, data: bytes, encoding: str, texts: list[str], starts: list[int]
) -> None:
    """--encoding decodes the file; offsets index the decoded text (code points)."""
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    result = _moneta("extract", str(path), "--encoding", encoding, "--format", "json")
    assert result.returncode == 0, result.stderr
    mentions = json.loads(result.stdout)["mentions"]
    assert [m["text"] for m in mentions] == texts
    assert [m["start"] for m in mentions] == starts


@pytest.mark.parametrize("encoding", ["no-such-codec", "base64"])
def test_extract_refuses_an_unknown_or_binary_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text("It cost €5.", encoding="utf-8")
    result = _moneta("extract", str(path), "--encoding", encoding)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--encoding" in result.stderr


@pytest.mark.parametrize("stdin", [False, True])
def test_extract_refuses_utf16_without_a_byte_order_mark(tmp_path: Path, stdin: bool) -> None:
    path = tmp_path / "article.txt"
    path.write_text("It cost €5.", encoding="utf-8")  # 13 bytes and no BOM: not UTF-16 as Python reads it
    if stdin:
        with open(path, "rb") as data:
            result = subprocess.run(
                [sys.executable, "-m", "moneta", "extract", "--encoding", "utf-16"],
                stdin=data,
                capture_output=True,
                text=True,
                check=False,
            )
    else:
        result = _moneta("extract", str(path), "--encoding", "utf-16")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "not utf-16 text (UTF-16 stream does not start with BOM)" in result.stderr


def test_batch_non_utf8_jsonl_row_is_an_error_row_and_the_rest_loads(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"id":"bad","text":"It cost \xe9 \xe2\x82\xac5."}\n' + '{"id":"good","text":"Fine: €7."}\n'.encode()
    )
    out = tmp_path / "out.jsonl"
    result = _moneta("batch", str(source), "-o", str(out), "--no-progress")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = [r for r in rows if "error" in r]
    good = [r for r in rows if r.get("id") == "good"]
    assert len(errors) == 1
    assert "UTF-8" in errors[0]["error"]
    assert [m["text"] for m in good[0]["mentions"]] == ["€7"]


def test_batch_non_utf8_csv_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,text\na,caf\xe9 \xe2\x82\xac5\n")
    result = _moneta("batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--no-progress")
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    assert "UTF-8" in result.stderr or "UTF-8" in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
