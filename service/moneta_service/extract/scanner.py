"""Cheap anchors: where a monetary amount can start, found with compiled patterns and C-level searches.

Two kinds of anchors are found, both in time linear in the text:

* digit runs (with separators), by one compiled character-class pattern (no nested quantifiers, so no
  catastrophic backtracking);
* number words ("eighty-nine", "a", "half a"), only in a short window before a *cue word* (a scale word or
  a currency noun, :data:`moneta_service.data.curated.CUE_WORDS`). Cue words are located in a lower-cased
  copy by a trie-shaped pattern that starts with a literal space (and, only when the text has them, by its
  twins starting with a hyphen, line break or no-break space), so the regex engine skips everything else in C.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from moneta_service.data import curated
from moneta_service.data.curated import TENS, UNITS
from moneta_service.extract.numbers import ORDINAL_FRACTION_WORDS

__all__ = ["CUE_WORDS", "DIGITS", "NUMBER_WORDS_BEFORE", "digit_anchors", "word_anchor_cues"]

#: A digit run with its separators (``,`` ``.`` ``'`` ``’``): one character class, no alternation, so the
#: scan is as cheap as the plain digit search. ASCII digits only, and a vulgar fraction may start a run ("½
#: million euros"; see ``numbers.VULGAR_FRACTIONS``). Space-grouped thousands ("1 234 567")
#: are joined by the engine, which also strips trailing punctuation ("in 1985.").
DIGITS: Final[re.Pattern[str]] = re.compile(r"[0-9\u00bc-\u00be\u2152-\u215e][0-9.,'’]*")

_NUMBER_WORD_LIST: Final[list[str]] = [
    *UNITS,
    *TENS,
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "lakh",
    "lakhs",
    "crore",
    "crores",
    "half",
    "quarter",
    "quarters",
    "dozen",
    "a",
    "an",
    "and",
    "of",
    "point",
    *ORDINAL_FRACTION_WORDS,
    "mln",
    "bn",
    "bln",
    "mn",
]
#: The number words as a set (lower case).
NUMBER_WORD_SET: Final[frozenset[str]] = frozenset(_NUMBER_WORD_LIST) - {"and", "of", "point"}

#: Cue words (lower case) after which number words may stand for an amount: scale words and the currency
#: nouns written after spelled-out numbers. A run of number words is only looked for right before these.
CUE_WORDS: Final[tuple[str, ...]] = curated.CUE_WORDS


def digit_anchors(text: str) -> Iterator[re.Match[str]]:
    """Yield every digit run of ``text`` (code-point offsets via ``Match.start``/``end``)."""
    return DIGITS.finditer(text)


def trie_pattern(words: list[str] | tuple[str, ...]) -> str:
    """Return a regular-expression source matching any of ``words``, factored as a trie.

    A trie-shaped alternation lets the regex engine reject a position after one character comparison
    instead of trying every word: the cue scan over a text costs about one plain character-class scan.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if ends else body

    return build(root)


#: Alternation of the number words, for patterns here and elsewhere (wrap it in a group). Trie-shaped: the
#: same language as a plain alternation, and like a longest-first alternation it tries the longer of two
#: words sharing a prefix first, so matches and groups are the same; but a start that begins no number
#: word is rejected after one comparison instead of one per word.
NW: Final[str] = trie_pattern(sorted(set(_NUMBER_WORD_LIST)))

#: A run of number words that ends right at the end of the searched window (the cue word follows). It never
#: starts inside a hyphenated word whose first part is no number word ("four-oh-five": not "five").
NUMBER_WORDS_BEFORE: Final[re.Pattern[str]] = re.compile(
    rf"(?<![^\W\d_])(?<![^\W\d_]-)(?:(?:{NW})(?:[ \u00a0]+|-|[ \u00a0]?\r?\n))*(?:{NW})(?:[ \u00a0-]*|[ \u00a0]?\r?\n)\Z",
    re.IGNORECASE,
)

_CUE_TAIL: Final[str] = "(" + trie_pattern(CUE_WORDS) + r")(?:s|es)?(?![^\W\d_])"
# A cue word follows a space, hyphen, line break or no-break space (number words always come before it). One
# pattern per such character, each starting with it as a literal: the regex engine finds a literal's next
# occurrence several times faster than the next character of a class, and the space pattern does most work.
_CUES_AFTER_SPACE: Final[re.Pattern[str]] = re.compile(" " + _CUE_TAIL)
_CUES_AFTER_OTHER: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (lead, re.compile(re.escape(lead) + _CUE_TAIL)) for lead in ("-", "\n", "\u00a0")
)


def word_anchor_cues(lowered: str) -> list[int]:
    """Return the start offsets of cue words in ``lowered`` (``text.lower()`` of the same length).

    The offsets are sorted and unique. Only word starts after a space, hyphen, line break or no-break space
    are kept, so "demark" does not cue "mark" (a cue at the very start of a text has no number words before
    it). A match consumes only its lead character and letters, so the four scans together find exactly the
    cues of one scan with a character class.
    """
    starts = [m.start(1) for m in _CUES_AFTER_SPACE.finditer(lowered)]
    more = [m.start(1) for lead, cues in _CUES_AFTER_OTHER if lead in lowered for m in cues.finditer(lowered)]
    return sorted(starts + more) if more else starts


def is_number_word(word: str) -> bool:
    """Return True when ``word`` (lower case) is a cardinal number word ("one" … "ninety")."""
    return word in UNITS or word in TENS
