"""``moneta extract`` on texts larger than a chunk (issue 7): chunked extraction, streamed output.

A text of many paragraphs whose amounts need no context from other paragraphs gives, extracted in small chunks
(the internal ``chunk_chars`` parameter), exactly the output of one extraction of the whole text, in every format
and offset unit; chunk cuts fall at paragraph breaks, else line breaks, else spaces, never inside a number.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from moneta.cli import build_parser
from moneta.cli._common import cut_position, read_text_chunks
from moneta.cli.extract import run, write_mentions
from moneta.offsets import convert_offsets
from moneta_service.pipeline import extract_and_convert
from moneta_service.rates import open_provider

SENTENCES = [
    "The company paid €{a} million for the plant in {y}.",
    "Revenue rose to ${a} billion (€{b} billion), the report said.",
    "Tickets cost between £{c} and £{d}, about 20 % more than before.",
    "A ✓ marked 😀 note: ¥{a},000 was spent on 1 000 000 leaflets.",
    "Nothing here but the year {y} and {c} people.",
    "Shares fell to CHF {c}.50 each, after a drop of {a} percent.",
]


def _paragraphs(count: int) -> list[str]:
    paragraphs = []
    for i in range(count):
        values = {"a": 3 + i % 17, "b": 2 + i % 13, "c": 10 + i % 7, "d": 20 + i % 9, "y": 1990 + i % 30}
        paragraphs.append(" ".join(s.format(**values) for s in SENTENCES[i % 3 : i % 3 + 3]))
    return paragraphs


def _text(count: int = 60, breaks: str = "\n\n") -> str:
    return breaks.join(_paragraphs(count)) + "\n"


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["extract", *argv])


def _run(path: Path, chunk_chars: int, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = run(_args(str(path), *argv), chunk_chars=chunk_chars)
    return code, capsys.readouterr().out


def _whole(text: str, fmt: str, offsets: str, *targets: str, date: str | None = None) -> str:
    """The output of one extraction of the whole text (the pre-chunking path)."""
    import datetime as dt

    from moneta.model import OffsetEncoding

    provider = open_provider("ecb") if targets else None
    mentions = extract_and_convert(
        text,
        date=dt.date.fromisoformat(date) if date else None,
        targets=list(targets),
        locale_hint=None,
        provider=provider,
    )
    out = io.StringIO()
    write_mentions(convert_offsets(text, mentions, OffsetEncoding(offsets)), list(targets), fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
@pytest.mark.parametrize("offsets", ["code_points", "utf16", "utf8"])
def test_chunked_output_equals_one_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, offsets: str
) -> None:
    text = _text()
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8", newline="")
    argv = ("--format", fmt, "--offsets", offsets, "--to", "USD", "--date", "2024-04-26")
    code, out = _run(path, 700, *argv, capsys=capsys)
    assert len(list(read_text_chunks(str(path), 700))) > 10  # really several chunks
    assert code == 0
    assert out == _whole(text, fmt, offsets, "USD", date="2024-04-26")


def test_chunked_json_keeps_offsets_and_restatement_indexes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _text()
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8", newline="")
    _, out = _run(path, 500, "--format", "json", capsys=capsys)
    mentions = json.loads(out)["mentions"]
    assert len(mentions) > 100
    for mention in mentions:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        if mention["equivalent_of"] is not None:  # "$5 billion (€4 billion)": an index into the whole list
            restated = mentions[mention["equivalent_of"]]
            assert 0 < mention["start"] - restated["start"] < 40
    assert any(m["equivalent_of"] is not None and m["equivalent_of"] > 20 for m in mentions)


def test_chunked_table_numbers_rows_across_chunks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _text(20)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8", newline="")
    _, chunked = _run(path, 400, capsys=capsys)
    count = len(json.loads(_whole(text, "json", "code_points"))["mentions"])
    numbers = [
        line.split()[0] for line in chunked.splitlines() if line.split()[:1] and line.split()[0].isdigit()
    ]
    assert numbers == [str(i) for i in range(count)]
    assert chunked.count("CURRENCY") > 3  # one table per chunk


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_small_text_is_one_chunk_with_todays_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    text = _text(3)
    path = tmp_path / "small.txt"
    path.write_text(text, encoding="utf-8", newline="")
    _, out = _run(path, 1 << 20, "--format", fmt, capsys=capsys)
    assert out == _whole(text, fmt, "code_points")


@pytest.mark.parametrize("breaks", ["\n\n", "\r\n\r\n", "\n", " "])
def test_chunks_join_to_the_text_and_cut_between_words(tmp_path: Path, breaks: str) -> None:
    text = _text(40, breaks)
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode("utf-8"))
    chunks = list(read_text_chunks(str(path), 300))
    assert "".join(chunks) == text
    assert len(chunks) > 5
    for chunk in chunks[:-1]:
        assert len(chunk) <= 302
        assert chunk[-1].isspace()  # never inside a word or number
        if breaks != " ":
            assert chunk.endswith(breaks)  # the best break available in the window


@pytest.mark.parametrize(
    "unit",
    [
        "Rs 824 crore ",  # a sign that could pair with the number before or after it: no quiet place to cut
        "EUR 5 EUR 6 ",
        "$5 million $6 ",
        "about €5bn, or ",
        "Rs 1,200-1,500 crore and Rs ",
    ],
)
@pytest.mark.parametrize("chunk_chars", [97, 400, 1000])
def test_dense_runs_with_no_quiet_cut_equal_one_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], unit: str, chunk_chars: int
) -> None:
    """A run of amounts with no quiet place to cut (found by a fresh-user trial: "Rs 824 crore" repeated past one
    chunk lost amounts and paired signs with the wrong numbers) reads as one extraction of the whole text."""
    path = tmp_path / "dense.txt"
    path.write_text(unit * (4000 // len(unit)), encoding="utf-8")
    assert len(list(read_text_chunks(str(path), chunk_chars))) > 3
    _, chunked = _run(path, chunk_chars, "--format", "jsonl", "--offsets", "utf8", capsys=capsys)
    assert chunked == _whole(path.read_text(encoding="utf-8"), "jsonl", "utf8")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("aaaa bbbb cc\n\ndd\neeee ffff", 20, "aaaa bbbb cc\n\n"),  # a paragraph break
        ("aaaa bbbb cc\ndd eeee ffff", 20, "aaaa bbbb cc\n"),  # else a line break
        ("aaaa bbbb\r\ncccc dddd", 16, "aaaa bbbb\r\n"),  # CR LF kept together
        ("aa\n\nbbbb cccc dddd", 16, "aa\n\nbbbb cccc "),  # a break in the first half only: a space
        ("aaaa bbbb cccc dddd", 12, "aaaa bbbb "),  # else a space
        ("x 12 1 000 000 y", 12, "x "),  # not a space between digit groups ("12 1" neither)
        ("abcdefghijkl", 5, "abcde"),  # one long word: cut at the limit
        ("xxxxxxx$123,456yyy", 12, "xxxxxxx"),  # no white space: before the sign, never inside the number
        ("$9,$9,$9,$9,", 10, "$9,$9,$9,"),  # after a separator, before the next sign
    ],
)
def test_cut_position(text: str, limit: int, expected: str) -> None:
    assert text[: cut_position(text, limit)] == expected


def test_empty_input_is_one_empty_chunk(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert list(read_text_chunks(str(path), 10)) == [""]


def test_bad_utf8_late_in_a_big_file_is_refused_before_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from moneta.cli import UsageError

    data = _text().encode("utf-8") + b"\xff tail"
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(UsageError, match=f"byte 0xff at offset {len(data) - 6}"):
        run(_args(str(path), "--format", "jsonl"), chunk_chars=300)
    assert capsys.readouterr().out == ""


def test_bad_utf8_on_stdin_names_its_offset() -> None:
    data = b"A" * 100_000 + "€".encode() + b"\xc3(" + b" more"
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "extract", "-", "--format", "jsonl"],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert b"byte 0xc3 at offset 100003" in result.stderr


def _peak_rss_mb(path: Path) -> float:
    code = (
        "import resource, runpy, sys; sys.argv = ['moneta', 'extract', sys.argv[1], '--format', 'jsonl'];"
        "from moneta.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        # the peak of this process's own image: VmHWM (ru_maxrss would keep the forked pytest parent's peak,
        # which Linux carries across exec)
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "print(int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
        check=True,
    )
    return float(result.stderr.strip().splitlines()[-1])


def _big_file(path: Path, megabytes: int) -> Path:
    block = _text(200)
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < megabytes << 20:
            out.write(block)
            written += len(block)
    return path


@pytest.mark.slow
def test_memory_of_a_big_text_stays_bounded(tmp_path: Path) -> None:
    """A 12 MiB text (12 chunks) peaks at far less than the text's own size times the old factor (~60x)."""
    peak = _peak_rss_mb(_big_file(tmp_path / "big.txt", 12))
    assert peak < 400, f"peak RSS {peak:.0f} MB"


#: Amounts whose parts a naive cut at the last space would part ("$5 | million"); each is tried with the chunk
#: limit falling at every position inside it.
SPLITTABLE_AMOUNTS = [
    "$5 million",
    "5 million US dollars",
    "€ 1 000 000",
    "USD 5 million",
    "5 euros",
    "$5\nmillion",
]


@pytest.mark.parametrize("amount", SPLITTABLE_AMOUNTS)
@pytest.mark.parametrize("filler", ["x ", "word and 7 "])
def test_chunks_never_part_an_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], amount: str, filler: str
) -> None:
    lead = filler * 30
    for inside in range(1, len(amount)):
        text = lead + amount + " " + filler * 5
        path = tmp_path / "t.txt"
        path.write_text(text, encoding="utf-8", newline="")
        limit = len(lead) + inside
        assert cut_position(text, limit) <= len(lead) or cut_position(text, limit) >= len(lead) + len(amount)
        _, chunked = _run(path, limit, "--format", "jsonl", capsys=capsys)
        assert chunked == _whole(text, "jsonl", "code_points"), (amount, inside)


# Dense lists with no quiet place to cut (a trial found "Rs 824 crore" read as Rs 824 at a cut): each chunk is
# read with its neighbours' edges, so an amount across a cut is read whole, once.
DENSE_LISTS = [
    ", ".join(f"Rs {i % 900 + 100} crore" for i in range(400)),
    ", ".join(f"R{i % 900 + 100} billion" for i in range(400)),
    ", ".join(f"EUR {i % 900 + 100} million" for i in range(400)),
    "Rupees One Lakh Forty Thousand Only " * 150,
    "One Thousand Two Hundred Fifty and 00/100 DOLLARS " * 120,
    "not a penny more " * 300,
]


@pytest.mark.parametrize("text", DENSE_LISTS, ids=lambda t: t[:20])
@pytest.mark.parametrize("chunk_chars", [997, 1531])
def test_dense_lists_read_whole_across_cuts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, chunk_chars: int
) -> None:
    path = tmp_path / "dense.txt"
    path.write_text(text, encoding="utf-8", newline="")
    assert len(list(read_text_chunks(str(path), chunk_chars))) > 3  # really several chunks
    _, chunked = _run(path, chunk_chars, "--format", "jsonl", capsys=capsys)
    assert chunked == _whole(text, "jsonl", "code_points")
