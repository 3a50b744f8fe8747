"""Fuzz target: offset conversion (code points → UTF-16 code units / UTF-8 bytes) on engine output.

For any text, every mention's converted span slices the encoded text to exactly the mention's text, and
:func:`moneta.offsets.offset_map` is monotone and agrees with the encoded lengths. Run (time-boxed)::

    python tests/fuzz/fuzz_offsets.py -max_total_time=60
"""

from __future__ import annotations

import sys

from moneta.model import OffsetEncoding
from moneta.offsets import code_unit_length, convert_offsets, offset_map
from moneta_service.extract import extract

_CODECS = ((OffsetEncoding.UTF16, "utf-16-le", 2), (OffsetEncoding.UTF8, "utf-8", 1))


def check_text(text: str, positions: list[int]) -> None:
    """Check the offset properties of ``text`` at ``positions`` (any ints; clipped to the text)."""
    mentions = extract(text)
    inside = sorted({min(max(p, 0), len(text)) for p in positions})
    for encoding, codec, width in _CODECS:
        data = text.encode(codec, "surrogatepass")
        assert code_unit_length(text, encoding) * width == len(data)
        table = offset_map(text, inside, encoding)
        values = [table[p] for p in inside]
        assert values == sorted(values)
        for p in inside:
            assert table[p] == code_unit_length(text[:p], encoding)
        for mention, converted in zip(mentions, convert_offsets(text, mentions, encoding), strict=True):
            piece = data[converted.start * width : converted.end * width]
            assert piece.decode(codec, "surrogatepass") == mention.text


def TestOneInput(data: bytes) -> None:
    """Read a text (UTF-8, lone surrogates allowed) and a few positions from ``data``."""
    text = data.decode("utf-8", "surrogateescape")
    check_text(text, [b * 7 for b in data[:8]])


def main() -> None:
    """Run under atheris (``pip install atheris``)."""
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

    atheris.instrument_all()  # coverage feedback for every loaded module (moneta included)
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
