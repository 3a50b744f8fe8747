"""Offsets in other units: code points (Python ``str`` indices) to UTF-16 code units or UTF-8 bytes.

The engine counts offsets in Unicode code points. Callers in other languages index strings differently
(Java and JavaScript by UTF-16 code units, Go, Rust and C by UTF-8 bytes), so the edges (gRPC requests, the CLI's
``--offsets``) convert them here, as Google's Natural Language API does with its ``encodingType``. The text of a
mention is never changed, only its ``start``/``end``.

>>> text = "€5 and 😀 $3"
>>> text.index("$3"), len(text[: text.index("$3")].encode("utf-16-le")) // 2, len(text[:9].encode())
(9, 10, 14)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from moneta.model import Mention, OffsetEncoding

__all__ = ["code_unit_length", "convert_offsets", "offset_map"]


def code_unit_length(text: str, encoding: OffsetEncoding) -> int:
    """Return the length of ``text`` in the units of ``encoding`` (code points, UTF-16 code units, UTF-8 bytes).

    >>> [code_unit_length("a€😀", e) for e in OffsetEncoding]
    [3, 4, 8]
    """
    if encoding is OffsetEncoding.CODE_POINTS:
        return len(text)
    if encoding is OffsetEncoding.UTF16:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    # surrogatepass: a lone surrogate (possible in a Python str) still counts 3 bytes instead of raising
    return len(text.encode("utf-8", "surrogatepass"))


def offset_map(text: str, positions: Sequence[int], encoding: OffsetEncoding) -> dict[int, int]:
    """Return ``{code point offset: offset in encoding}`` for each of ``positions``.

    Runs in one pass over the text whatever the number of positions (sorted once), so converting every mention
    of a long document costs O(len(text) + k log k).

    :param positions: code point offsets, each in ``0..len(text)``.
    :raises ValueError: if a position lies outside the text.
    """
    if encoding is OffsetEncoding.CODE_POINTS:
        return {p: p for p in positions}
    result: dict[int, int] = {}
    previous = 0
    converted = 0
    for position in sorted(set(positions)):
        if not 0 <= position <= len(text):
            raise ValueError(f"offset {position} outside a text of {len(text)} code points")
        converted += code_unit_length(text[previous:position], encoding)
        result[position] = converted
        previous = position
    return result


def convert_offsets(text: str, mentions: Sequence[Mention], encoding: OffsetEncoding) -> list[Mention]:
    """Return ``mentions`` with ``start``/``end`` counted in ``encoding`` instead of code points.

    :param text: the text the mentions were found in (their offsets index it in code points).
    :param mentions: mentions with code point offsets.
    :param encoding: the unit wanted; ``code_points`` returns the mentions unchanged.
    :returns: new :class:`~moneta.model.Mention` objects in the same order; ``text`` and every other field kept.
    :raises ValueError: if an offset lies outside the text.

    >>> m = Mention(text="$3", start=9, end=11, currency="USD", amount=__import__("decimal").Decimal("3"))
    >>> [(c.start, c.end) for c in convert_offsets("€5 and 😀 $3", [m], OffsetEncoding.UTF16)]
    [(10, 12)]
    """
    if encoding is OffsetEncoding.CODE_POINTS:
        return list(mentions)
    table = offset_map(text, [p for m in mentions for p in (m.start, m.end)], encoding)
    return [dataclasses.replace(m, start=table[m.start], end=table[m.end]) for m in mentions]
