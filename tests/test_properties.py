"""Property-based tests of the engine and the offset conversion (hypothesis; issue 7).

For any string: extraction never raises, every span is a valid slice equal to the mention's text, the result is
deterministic, offsets convert exactly to UTF-16 code units and UTF-8 bytes, and two texts joined by a
sentence break give each text's own mentions.

Profiles (registered in ``tests/conftest.py``): ``ci`` (default, derandomized: a few thousand examples in
all, well under a minute) and ``stress`` (100,000+ examples in all)::

    HYPOTHESIS_PROFILE=stress python -m pytest tests/test_properties.py
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from moneta.model import Mention, OffsetEncoding
from moneta.offsets import code_unit_length, convert_offsets
from moneta_service.extract import extract

#: Pieces of money text, so that random strings hold many mentions and near-mentions.
_TOKENS = [
    "$", "€", "£", "¥", "₹", "US$", "A$", "C$", "HK$", "R$", "CHF", "EUR", "USD", "JPY", "GBP", "kr", "Rs",
    "0", "1", "5", "9", "12", "250", "1,000", "3.5", "0.75", "1'000", "1.000,50", "10 000", "1e3",
    "million", "billion", "bn", "m", "k", "trillion", "thousand", "lakh", "crore", "hundred",
    "dollars", "euros", "pounds", "yen", "cents", "pence", "cent",
    "about", "around", "nearly", "more than", "up to", "at least", "between", "and", "to", "from", "or",
    "per", "a", "share", "barrel", "(", ")", "-", "–", ",", ".", ";", ":", "'", "\"",
    " ", " ", " ", "\u00a0", "\u2009", "\u202f", "\n", "\t",
    "The", "fund", "raised", "costs", "Sales", "rose",
    "\u200b", "\u200e", "\u202e", "\u0301", "\x00", "😀", "👨\u200d👩\u200d👧", "Ж", "价", "ع",
]  # fmt: skip

#: Money-like text: mostly tokens, some arbitrary characters (lone surrogates included).
MONEY_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_TOKENS),
        st.text(st.characters(blacklist_categories=()), max_size=3),
    ),
    max_size=40,
).map("".join)

#: Any text at all, including surrogates and control characters.
ANY_TEXT = st.one_of(st.text(st.characters(blacklist_categories=())), MONEY_TEXT)

#: Words that start a new sentence and are no part of an amount.
_OPENERS = ["The", "Officials", "Meanwhile", "Analysts", "It"]


def _check_spans(text: str, mentions: list[Mention]) -> None:
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert isinstance(mention.amount, Decimal)
        assert mention.amount.is_finite()
        assert mention.amount_max is None or isinstance(mention.amount_max, Decimal)


@given(ANY_TEXT)
def test_never_raises_and_spans_are_exact(text: str) -> None:
    _check_spans(text, extract(text))


@given(MONEY_TEXT)
def test_deterministic(text: str) -> None:
    assert extract(text) == extract(text)


@given(MONEY_TEXT)
def test_offsets_round_trip_through_utf16_and_utf8(text: str) -> None:
    mentions = extract(text)
    for encoding, codec, width in ((OffsetEncoding.UTF16, "utf-16-le", 2), (OffsetEncoding.UTF8, "utf-8", 1)):
        data = text.encode(codec, "surrogatepass")
        assert len(data) // width == code_unit_length(text, encoding)
        for mention, converted in zip(mentions, convert_offsets(text, mentions, encoding), strict=True):
            assert converted.text == mention.text
            piece = data[converted.start * width : converted.end * width]
            assert piece.decode(codec, "surrogatepass") == mention.text
            # and back: the prefix before the converted start is exactly the code points before the mention
            prefix = data[: converted.start * width].decode(codec, "surrogatepass")
            assert len(prefix) == mention.start


def _sentence(text: str) -> str:
    """Make one sentence of ``text``: no sentence break inside, ends with a letter or digit."""
    return " ".join(text.replace(".", " ").replace("\n", " ").split())


@given(MONEY_TEXT, st.sampled_from(_OPENERS), MONEY_TEXT)
def test_two_sentences_find_each_sentences_mentions(a: str, opener: str, b: str) -> None:
    """``A. B`` finds A's mentions and B's mentions (same spans and amounts), when B starts a new sentence.

    The one allowed difference: a mention at the very end of A may take the sentence's period when it is the
    period of an abbreviation ("5 kr." is a complete amount: "kr." abbreviates krona).
    """
    first, second = _sentence(a), f"{opener} {_sentence(b)}"
    joined = f"{first}. {second}"
    offset = len(first) + 2
    alone = [(m.start, m.end, m.amount, m.amount_max) for m in extract(first)] + [
        (m.start + offset, m.end + offset, m.amount, m.amount_max) for m in extract(second)
    ]
    together = [
        (m.start, m.end - 1 if m.end == len(first) + 1 else m.end, m.amount, m.amount_max)
        for m in extract(joined)
    ]
    assert together == alone
