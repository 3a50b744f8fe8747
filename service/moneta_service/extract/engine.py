"""The reading engine: from anchors to :class:`moneta.model.Mention` objects.

Reading is local. For each anchor (a digit run, or number words before a cue word) the engine reads a few
characters to the left (currency sign or code, minus sign, qualifier words) and a word or two to the right
(fraction, scale word, currency sign/code/name, per-unit phrase). Neighbouring amounts are then joined
into ranges ("$5-7 billion", "between 5 and 7 mln stg") or share a currency and scale ("1,850 and 1,880
dlrs", "$3, $4 and $5 billion"); restatements in parentheses are linked ("€89 billion ($95 billion)"); and
ambiguous markers ("$", "francs", "kr") are resolved by the locale hint or the same document.
"""

from __future__ import annotations

import bisect
import contextvars
import functools
import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Final, TypeGuard

from moneta.model import Mention, Qualifier, _new_mention

from moneta_service.data import curated
from moneta_service.extract import numbers, scanner
from moneta_service.extract.checkpoint import checkpoint
from moneta_service.extract.tables import (
    CODES,
    CUE_MEMBERS,
    FAMILIES,
    ISO_NUMERIC,
    MAX_NAME_WORDS,
    MINOR_UNITS,
    NAME_FIRST_WORDS,
    NAME_HEADS,
    NAMES,
    REGION_CURRENCY,
)

__all__ = ["read_mentions"]

#: Candidates (digit runs, cue words) between two calls of the cancellation checkpoint (a few KB of hostile text).
CHECKPOINT_EVERY: Final[int] = 32

_SPACE: Final[str] = " \u00a0\u202f\u2009"
#: Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) that sit between a sign and a number in copied
#: text: read as nothing. Bidi marks are not among them.
_SPACE_OR_BREAK: Final[str] = _SPACE + "\n"
_ZERO_WIDTH: Final[str] = "\u200b\u200c\u200d\u2060\ufeff"
_MINUS: Final[str] = "-\u2212"
#: Before a sign or number only, typeset text also writes the minus as an en dash ("–€340m"); between two numbers
#: the en dash is a range, which the check before it (no letter or digit right before) leaves alone.
_MINUS_BEFORE: Final[str] = "-\u2212\u2013"
_SIGN_CHARS: Final[dict[str, str]] = {
    k: v for k, v in curated.SIGNS.items() if len(k) == 1 and not k.isalpha()
}
_SIGN_WORDS: Final[dict[str, str]] = {k: v for k, v in curated.SIGNS.items() if len(k) > 1 or k.isalpha()}
_MULTI_CHAR_SIGNS: Final[tuple[str, ...]] = tuple(k for k in curated.SIGNS if len(k) > 1 and k[0] > "\u024f")
_MAX_SIGN_WORD: Final[int] = max(len(k) for k in _SIGN_WORDS)
_SCALE_WORDS: Final[dict[str, int]] = curated.SCALE_WORDS
_QUAL_BEFORE: Final[dict[str, str]] = curated.QUALIFIERS_BEFORE
_QUAL_AFTER: Final[dict[str, str]] = curated.QUALIFIERS_AFTER
_QUAL_SIGNS: Final[dict[str, str]] = curated.QUALIFIER_SIGNS

# Right context: optional fraction, optional scale (attached letter or word), with nothing consumed beyond.
# A fraction after the number ("4-1/2", "5 3/4"), or (group 3) the decimals of a number said aloud with digits
# ("1 point 5", "3 point 25"): one pattern, so a number costs one match either way.
_FRACTION: Final[re.Pattern[str]] = re.compile(
    r"(?:-| |\u00a0)(\d)/(\d{1,2})(?![\d/])| point ([0-9]+)(?![0-9]|[.,][0-9]|[^\W\d_])"
)
_SCALE_ATTACHED: Final[re.Pattern[str]] = re.compile(
    r"(bn|mn|mln|tn|trn|Bn|BN|MN|[kKmMbBT])(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])"
)
_SCALE_WORD: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0\u202f\n-]?("
    + scanner.trie_pattern(sorted(curated.SCALE_WORDS))
    + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])",
    re.IGNORECASE,
)
#: First letters of the unread scale words (a cheap test before :data:`_FOREIGN_SCALE`).
_FOREIGN_SCALE_FIRST: Final[frozenset[str]] = frozenset(
    c for w in curated.FOREIGN_SCALE_WORDS for c in (w[0], w[0].upper())
)
#: A foreign scale word the engine does not read ("millones", "Md"): the amount is not reported (not the "bi" or
#: "tri" of a frequency: "$389 bi-weekly", "$50 bi monthly", "$50 tri-weekly").
_FOREIGN_SCALE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]?("
    + "|".join(sorted(curated.FOREIGN_SCALE_WORDS, key=len, reverse=True))
    + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])"
    r"(?![ \u00a0-]?(?:weekly|monthly|annual|annually|yearly|daily|hourly|quarterly|semester)\b)",
    re.IGNORECASE,
)
_WORD: Final[re.Pattern[str]] = re.compile(r"[ \u00a0\n]?([^\W\d_]+(?:\.(?:[^\W\d_]+\.?)?)?)")
_WORD_BEFORE: Final[re.Pattern[str]] = re.compile(r"([^\W\d_]+\.?(?:[^\W\d_]+\.?)?)[ \u00a0]?\Z")
_PER: Final[re.Pattern[str]] = re.compile(
    # ("from each", "on each": "Rs 3 lakh from each candidate", "50 paise on each ticket")
    r"(?:[ \u00a0]+(?:a|an|per|for[ \u00a0]+each|for[ \u00a0]+every|from[ \u00a0]+each|on[ \u00a0]+each)[ \u00a0]+"
    r"|-(?:a|an|per)-|[ \u00a0]+per-"
    r"|[ \u00a0]*/[ \u00a0]*)"
    r"([^\W\d_]+(?: [^\W\d_]+)?)"
    r"|[ \u00a0]+(each|apiece)(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]|[ -]way\b)",
    re.IGNORECASE,
)
#: A sum grouped in thousands with two decimals ("9,870,400.00", "200,000.00"): money-shaped in a tender notice.
_GROUPED_WITH_CENTS: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]{2}(?![0-9])")
#: A number followed by an upper-case scale word ("10,000 CRORE", "2 BLN", "5BN"): the all-caps headline
#: context in which an upper-case letter sign before it is read (``curated.CAPS_SIGNS``).
_CAPS_SCALE: Final[re.Pattern[str]] = re.compile(
    r"[0-9][0-9.,]*[ \u00a0]?(?:"
    + "|".join(sorted((w.upper() for w in curated.SCALE_WORDS if w.isascii()), key=len, reverse=True))
    + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])"
)
#: A price-list per-unit abbreviation glued to the amount or after one space ("£199pp", "£1,200 pcm").
_PER_SUFFIX: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]?("
    + "|".join(re.escape(k) for k in sorted(curated.PER_UNIT_SUFFIXES, key=len, reverse=True))
    + r")(?![^\W_])"
)
#: A scale word that also names a per-unit (``curated.SCALE_WORD_PER_UNITS``), as the last word of an amount.
_SCALE_PER_UNIT: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(" + "|".join(curated.SCALE_WORD_PER_UNITS) + r")\Z", re.IGNORECASE
)
#: The powers of ten of those scale words (a cheap test before the search).
_SCALE_PER_UNIT_EXPS: Final[frozenset[int]] = frozenset(
    curated.SCALE_WORDS[w] for w in curated.SCALE_WORD_PER_UNITS
)
#: The first letters of :data:`curated.PER_UNIT_SUFFIXES` ("p", "h", "e"): a cheap test before the match.
_PER_SUFFIX_FIRST: Final[frozenset[str]] = frozenset(k[0] for k in curated.PER_UNIT_SUFFIXES)
#: A video line count right before a glued "p" ("1080p"): not pence (``curated.VIDEO_RESOLUTIONS``).
_VIDEO_LINES: Final[re.Pattern[str]] = re.compile(
    r"(?<![\d.,])(?:" + "|".join(sorted(curated.VIDEO_RESOLUTIONS)) + r")\Z"
)
_CHANGE_VERBS: Final[frozenset[str]] = curated.CHANGE_VERBS
#: A shift written in clock shorthand across noon or midnight ("7a-3p", "11p-7a"): "a"/"p" are a.m. and p.m.
_SHIFT_TIME: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w.,])(?:1[0-2]|[1-9])(?:a[-\u2013](?:1[0-2]|[1-9])p|p[-\u2013](?:1[0-2]|[1-9])a)(?!\w)"
)
_CLOCK_HOUR_END: Final[re.Pattern[str]] = re.compile(r"(?<![\d.,])(?:1[0-2]|[1-9])\Z")


def _shift_times(text: str, p: int) -> bool:
    """Whether the "p" glued at ``p`` to an hour (1–12) is p.m. in a text of shift times: a shift across noon or
    midnight ("7a-3p", "11p-7a") in the same sentence, within 80 code points, as rosters and job ads write them
    ("3p-11p" then too)."""
    if _CLOCK_HOUR_END.search(text, max(0, p - 3), p) is None:
        return False
    return _SHIFT_TIME.search(text, *_clause_bounds(text, p)) is not None


def _clause_bounds(text: str, p: int, reach: int = 80) -> tuple[int, int]:
    """The code point bounds of the clause around ``p``: cut at ". ", ";" and line breaks, at most ``reach``
    code points to each side."""
    lo, hi = max(0, p - reach), min(len(text), p + reach)
    lo = max(text.rfind(". ", lo, p), text.rfind(";", lo, p), text.rfind("\n", lo, p), lo)
    stops = [k for k in (text.find(". ", p, hi), text.find(";", p, hi), text.find("\n", p, hi)) if k >= 0]
    return lo, min(stops, default=hi)


_CHANGE_BRIDGE: Final[frozenset[str]] = curated.CHANGE_BRIDGE_WORDS
_MOTION_VERBS: Final[frozenset[str]] = curated.MOTION_VERBS
_OVER_VERBS: Final[frozenset[str]] = curated.OVER_PARTICLE_VERBS
_PERCENT: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]?(?:%|pct\b|per ?cent|percent|percentage|basis points?|bps\b)", re.IGNORECASE
)
#: Singular currency nouns that, after a number other than one, are ordinary English ("the 5 million mark").
_SINGULAR_NOT_AFTER_NUMBER: Final[frozenset[str]] = curated.SINGULAR_NOT_AFTER_NUMBER
_TIME_ADVERBS: Final[frozenset[str]] = curated.TIME_ADVERBS
#: Superscript digits and signs: footnote marks after an amount ("$5.2bn¹"), never letters glued to it.
_FOOTNOTE_MARKS: Final[frozenset[str]] = frozenset("\u00b2\u00b3\u00b9") | {
    chr(c) for c in range(0x2070, 0x20A0)
}
#: Words between a qualifier and its amount that add to an earlier amount ("up to an additional $4").
_INCREMENT_WORDS: Final[frozenset[str]] = frozenset({"additional", "further", "extra", "another"})
#: What follows a number whose digits go on (OCR and PDF text): an invisible format character before a digit,
#: a separator with a space before it ("5 . 2", "1 , 250"), or a comma (or a separator and a hyphen) and a line
#: break before digits.
_BROKEN_NUMBER: Final[re.Pattern[str]] = re.compile(
    # (a line break after a comma only: "£180.\n2. Sestertius" ends a sentence before a numbered item)
    r"[.,]?[\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f][0-9]| [.,] ?[0-9]|,\r?\n[0-9]"
    # a scan's hyphenation at a line's end: "$2,-\n500", "$318,426.-\n09"
    r"|[.,]-\r?\n[0-9]"
    # OCR: a letter for a digit inside a group ("$2,l04,993"), a space inside a scaled number ("$12. 5
    # million", "£1 2.4 million")
    r"|,[lIO][0-9]|\.? [0-9]{1,3}(?:[.,][0-9]+)?[ \u00a0]?(?:million|billion|trillion|mln|bn|mn)\b"
    # markup that spaced out every character ("$ 1 9 . 9 9")
    r"| [0-9](?: [0-9]){0,15} [.,] [0-9]"  # (bounded: a long run of spaced digits stays linear to scan)
    # and without a separator, after one digit: "$ 1 2 3"
    r"|(?<![0-9.,]{2}) [0-9] [0-9](?![0-9])"
)
_DOT_GROUP_BROKEN: Final[re.Pattern[str]] = re.compile(r"\.\r?\n[0-9]{3}(?![0-9])")
_DOT_GROUPED: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_LINKS_ALT: Final[str] = "|".join(sorted(map(re.escape, curated.PER_SHARE_LINKS), key=len, reverse=True))
#: A link before an amount: one of ``curated.PER_SHARE_LINKS``, or a change by a percentage ("rose 12% to").
_MEASURE_LINK: Final[str] = (
    r"(?:" + _LINKS_ALT + r"|(?:" + "|".join(sorted(curated.PERCENT_CHANGE_VERBS)) + r")"
    r" (?:by )?[0-9.]+ ?(?:%|per ?cent|percent) to)"
)
#: A per-share measure right before an amount ("EPS of $1.48", "earnings per share were $(0.14)", "Adjusted EPS
#: increased by 11% to €4.05", "Net loss per share, basic and diluted $(0.37)", "EPS guidance for FY25 is
#: 145p", "a total DPS for the year of 18.5p"): the amount is per share (``curated.PER_SHARE_MEASURES``, then
#: the share classes, a guidance noun, a period, and at most one link).
_PER_SHARE_LEAD: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W_])("
    + "|".join(sorted(map(re.escape, curated.PER_SHARE_MEASURES), key=len, reverse=True))
    + r")(?:,? (?:basic and diluted|basic|diluted))?(?: (?:guidance|outlook|forecast))?"
    r"(?: for (?:the )?(?:full )?(?:year|period|FY ?[0-9]{2,4}|[0-9]{4}))?(?: "
    + _MEASURE_LINK
    + r")?:? \(?\Z",
    re.IGNORECASE,
)
#: "<measure noun> per <unit> <link>" right before an amount ("revenue per available room rose 12% to S$240",
#: "Cost per muffin: 31p"; ``curated.PER_MEASURE_NOUNS``); group "per" is where the per-unit phrase starts.
_PER_MEASURE_LEAD: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W_])(?:" + "|".join(sorted(curated.PER_MEASURE_NOUNS, key=len, reverse=True)) + r")"
    r"(?P<per> per [a-z]+(?:[ -][a-z]+){0,2}?)"
    # a place or a group between the unit and the link: "The cost per bed-day in the intensive care unit was"
    r"(?: (?:in|at|for|among|across|of) (?:the |a |an )?[a-z0-9-]+(?: [a-z0-9-]+){0,3}?(?= "
    + _MEASURE_LINK
    + r" ))?"
    r"(?: " + _MEASURE_LINK + r")?:? \(?\Z",
    re.IGNORECASE,
)
#: An estimate's mark in brackets right after an amount: " (est.)", " (estimated)", " (approx.)".
_ESTIMATE_AFTER: Final[re.Pattern[str]] = re.compile(
    r" \((?:est\.?|estimated|approx\.?|approximately)\)", re.IGNORECASE
)
#: "per capita" right before an amount, as a label ("Per capita $55,800", "per capita: $55,800").
_PER_CAPITA_LABEL: Final[re.Pattern[str]] = re.compile(r"(?<![^\W_])per capita:? \Z", re.IGNORECASE)
#: "per-<unit> <measure noun> <link>" right before an amount ("a per-theater average of $3,477", "the per-night
#: rate is €140", "per-capita spending of $12,000"): the unit is the word after "per-".
_PER_HYPHEN_LEAD: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W_])per(?:-([a-z]{3,})| (capita))(?: [a-z]+)? (?:average|rate|price|cost|fee|charge|spend|spending|income|revenue"
    r"|figure|allowance|payment|gross|take|gdp|gni|expenditure|debt|consumption|output|wealth|pay|wage|earnings)"
    # (an auxiliary before the link: "per-order pay had dropped to €2.85")
    r"(?: (?:(?:had|has|have|was|were|is|are) )?(?:" + _LINKS_ALT + r"))?:? \Z",
    re.IGNORECASE,
)
#: "<frequency adjective> [one or two words] <rate noun> <link>" right before an amount ("an hourly rate of
#: €14.50", "the daily minimum wage is P645"; ``curated.FREQUENCY_ADJECTIVES``, ``curated.RATE_NOUNS``).
_FREQUENCY_LEAD: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W_])(?<!-)("  # (not "semi-annual", "bi-weekly")
    + "|".join(curated.FREQUENCY_ADJECTIVES)
    + r")(?: [a-z-]+){0,2}? (?P<noun>"
    + "|".join(sorted(curated.RATE_NOUNS, key=len, reverse=True))
    # a place, a group or a change may stand before the link: "in Bangkok rose to", "for data analysts", "by
    # 30% to", "grew from"
    # a place, a group or a condition after the noun: "in Bangkok", "for data analysts", "of production
    # employees", "for a house in Greater Sydney", "excluding overtime" (at most two phrases of five words)
    + r")(?: (?:in|for|of|among|across|at|excluding|including|under|with|from)"
    r"(?: (?!(?:is|was|are|were|will|rose|fell|grew|and|but)\b)[\w'-]+){1,5}?){0,2}?"
    r"(?: by [0-9.,]+ ?(?:%|per ?cent|percent))?(?P<link> "
    + _MEASURE_LINK
    + r"| (?:grew|climbed|jumped|increased|rose|fell|dropped) from"
    # a change of the rate itself: "the hourly minimum wage was raised from HK$40 to HK$42.1"
    + r"| (?:(?:was|were|is|will be) )?(?:raised|increased|lifted|cut|lowered|reduced) (?:from|to))?"
    # an adverb after the link: "the median weekly rent in Hobart is now $550"
    r"(?: (?:now|currently|still|then|just|only))?:? \(?\Z",
    re.IGNORECASE,
)
#: What every per-share measure contains ("per", "EPS", "DPS", "DPU"): a cheap search before
#: :data:`_PER_SHARE_LEAD`, whose alternation of measures and links is slow to try at every position.
_PER_SHARE_CUE: Final[re.Pattern[str]] = re.compile(
    r"[Pp][Ee][Rr]|[EeDd][Pp][SsUu]|PER|[Ss][Hh][Rr]|[Aa][Rr][Pp]"
)
#: "ish" glued or hyphened to an amount ("£2ish", "£5-ish"), ending the word: a hedge.
_ISH: Final[re.Pattern[str]] = re.compile(r"-?ish(?![^\W\d_])", re.IGNORECASE)
#: Characters after a spaced "plus" that end the phrase, so "plus" bounds the amount ("$5 million plus, they
#: said", "$5m plus."); any word, number or sign after it makes it an addition.
_PUNCTUATION_AFTER_PLUS: Final[str] = ",.;:)!?"
#: "circa" glued to an amount ("c.$750m", "(ca.€5bn"), with the space or bracket before it.
_CIRCA_GLUED: Final[tuple[str, ...]] = (" c.", "(c.", "\nc.", " ca.", "(ca.", "\nca.")
#: "sub-" glued before an amount (lower-cased, with the character before it): below that amount.
_SUB_GLUED: Final[tuple[str, ...]] = (" sub-", "(sub-", "\nsub-", '"sub-')
#: "under-"/"over-" glued before an amount (lower-cased, with the character before it): below / above it.
_UNDER_OVER_GLUED: Final[tuple[str, ...]] = tuple(
    f"{lead}{word}-" for word in ("under", "over") for lead in (" ", "(", "\n", '"')
)
#: Words before "<year> dollars" that make the year a price base ("in 2023 dollars", "constant 2015 euros").
_PRICE_BASE_WORDS: Final[frozenset[str]] = curated.PRICE_BASE_WORDS
#: Event nouns after "<year> Euro" ("the 2024 Euro final"): the championship, not an amount.
_EURO_EVENT_NOUNS: Final[frozenset[str]] = curated.EURO_EVENT_NOUNS
#: The next word after a space, hyphenated compounds whole ("semi-final").
_NEXT_WORD: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+([^\W\d_]+(?:-[^\W\d_]+)*)")
_LETTERS: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]+")
#: Per-units that are spans of time: only after one of them a time adverb makes a time phrase ("$1.5 billion a
#: year earlier"), never after a physical unit ("$2,450 an ounce before easing", "$150 a ton after a dry summer").
_TIME_UNITS: Final[frozenset[str]] = curated.TIME_UNITS


class _Amount:
    """One number read with its local context (offsets are code points into the input).

    A plain class with slots and an explicit ``__init__`` (not a dataclass: mypyc compiles this ``__init__``
    into the engine, where a dataclass's generated one would stay Python); compared by identity.
    """

    __slots__ = (
        "adjectival",
        "amount_max",
        "divisor",
        "end",
        "exp",
        "held",
        "lbasis",
        "lcur",
        "negative",
        "nend",
        "nstart",
        "per_unit",
        "rbasis",
        "rcur",
        "start",
        "value",
        "words",
    )

    def __init__(
        self,
        start: int,
        end: int,
        nstart: int,
        nend: int,
        value: Decimal,
        exp: int | None = None,
        words: bool = False,
    ) -> None:
        self.start = start  # mention start (currency sign / minus / number)
        self.end = end  # mention end (number / scale / currency)
        self.nstart = nstart  # number start
        self.nend = nend  # number end (after fraction)
        self.value = value
        self.exp = exp  # scale exponent
        self.lcur: str | None = None  # currency target read before the number (ISO code or @family)
        self.rcur: str | None = None  # currency target read after
        self.lbasis = ""
        self.rbasis = ""
        self.divisor = 1  # minor units
        self.negative = False
        self.words = words
        self.adjectival = False  # "5-million-euro fine", "trillion-dollar"
        self.per_unit: str | None = None
        self.amount_max: Decimal | None = None
        # a letter sign before the number set aside by the strict rules ("N450", "TL 650"): (target, start,
        # basis, scale exponent) as _read_left gave it; taken when the document settles the sign (see _held_signs)
        self.held: tuple[str, int, str, int] | None = None

    @property
    def currency(self) -> str | None:
        return self.lcur or self.rcur


#: Scale letters glued after an ISO code before the number ("DKKm 4,812") -> power of ten.
_CODE_SCALE_SUFFIXES: Final[dict[str, int]] = {"m": 6, "k": 3, "bn": 9}


def _code_or_sign(word: str, *, before: bool) -> tuple[str, str, int] | None:
    """Read a letter form next to a number: (target, basis, scale exponent) or None.

    ISO codes in upper case (weak codes such as ALL only after the number), crypto tickers after the number
    (``curated.CRYPTO_TICKERS``, family ``@crypto_token``), a few lower-case codes, million-prefixed codes ("MUSD", "mEUR") and thousand-prefixed ones ("kEUR"), and letter signs ("Rs", "RM", "kr").
    """
    if word in curated.SCALED_SIGNS:
        if before:
            return None
        code, exp = curated.SCALED_SIGNS[word]  # "2 016 MDT": millions of dinars (only where settled)
        return code, "symbol", exp
    if not before and word in curated.CRYPTO_TICKERS:
        return "@crypto_token", "code", 0  # "3,200 SOL", "1.5 million DAI": a crypto-asset, no ISO code
    if word in _SIGN_WORDS:
        if before and word in curated.SIGNS_AFTER_ONLY:
            return None
        if not before and word in curated.SIGNS_NEED_SCALE and word not in curated.SIGNS_BOTH_SIDES:
            return None  # FT prefixes ("Y1.2 trillion", "Lit 500bn") are written before the number only
        target = _SIGN_WORDS[word]
        return target, ("code" if word == "RMB" else "symbol"), 0
    if len(word) == 3:
        if word.isupper() and (word in CODES or word in curated.CODE_ALIASES):
            if before and word in curated.WEAK_CODES and word not in curated.ACRONYM_CODES:
                return None  # "ALL 5 million": after the number only (an ACRONYM_CODES one needs a scale)
            return curated.CODE_ALIASES.get(word, word), "code", 0  # "CNH 1.5 billion": the yuan, CNY
        if word in curated.LOWER_CODES:
            return ("CNY" if word == "rmb" else word.upper()), "code", 0
    if (
        before
        and 4 <= len(word) <= 5
        and word[:3] in curated.MILLION_PREFIX_CODES
        and word[3:] in _CODE_SCALE_SUFFIXES
    ):
        # a report's code with its scale glued after it, before the number: "DKKm 4,812", "EURk 500", "USDbn 1.2"
        return word[:3], "code", _CODE_SCALE_SUFFIXES[word[3:]]
    if len(word) == 4 and word[0] in "MmkKT" and word[1:] in curated.MILLION_PREFIX_CODES:
        if word[0] == "T" and word[1:] not in curated.TAUSEND_PREFIX_CODES:
            return None  # ("TUSD" is a token)
        return (
            word[1:],
            "code",
            6 if word[0] in "Mm" else 3,
        )  # "120 MEUR", "60 mEUR", "kEUR 450", "KSEK 18 430", "TEUR 7 845": millions, thousands
    return None


def _read_left(text: str, s: int) -> tuple[str, int, str, int] | None:
    """Currency before the number starting at ``s``: (target, start, basis, scale exponent) or None."""
    q = s
    while q > 0 and text[q - 1] in _ZERO_WIDTH:  # "€\u200b5": zero-width characters are read as nothing
        q -= 1
    broken = False
    if q > 1 and text[q - 1] in _MINUS and text[q - 2] in _SIGN_CHARS:
        q -= 1  # "$-2.5bn": the minus between sign and number (read_mentions keeps it as the amount's sign)
    elif q > 2 and text[q - 1] in _MINUS and text[q - 2] == " " and text[q - 3] != " ":
        q -= (
            2  # "SEK -1.2 billion", "€ -34 million": a spaced minus after a code or sign (not "SR-71", "W-2")
        )
    elif q > 0 and text[q - 1] in _SPACE:
        q -= 1
        if q > 0 and text[q - 1] == " ":
            while q > 0 and s - q < 8 and text[q - 1] == " ":
                q -= 1  # a run of spaces ("USD    5 million", "€  5"): up to eight
    elif q > 1 and text[q - 1] == "\n":  # "$\n5 million": a sign at the end of a wrapped line
        q -= 2 if text[q - 2] == "\r" else 1
        if q > 1 and text[q - 1] == " ":  # a space before the break ("$ \n5")
            q -= 1
        broken = True
    if q <= 0:
        return None
    ch = text[q - 1]
    if broken and ch not in _SIGN_CHARS:
        return None  # only a sign character is read across a line break (not a blank line, not a word)
    if (
        (ch == "/" or ch == ".")
        and (sol := _SOL_BEFORE.search(text, max(0, q - 4), q)) is not None
        and (_MONEY_SHAPED.match(text, s) is not None or q < s or ch == "." or text[s + 1 : s + 2].isdigit())
    ):
        # Peru's sol: "S/ 1.5 billion", "S/.1.50" (never "S/5"); a whole number spaced, glued of two digits or
        # more ("S/152") or after "S/." only where the document settles the sign ("S/. 120" with en-PE, "S/2800"
        # in a Peruvian story: see SIGNS_SETTLED_ONLY)
        return "PEN", sol.start(), "symbol", 0
    if ch in _SIGN_CHARS:
        start = q - 1
        target = _SIGN_CHARS[ch]
        basis = "symbol"
        if ch == "$":
            r = start
            spaced = r > 0 and text[r - 1] == " "
            if spaced:
                r -= 1
            m = (
                _WORD_BEFORE.search(text, max(0, r - 6), r)
                if r > 0 and (text[r - 1].isalnum() or text[r - 1] in ". \u00a0")
                else None
            )
            if m and m.start(1) == m.start() and not spaced and m.start() > 0 and text[m.start() - 1] == "$":
                return None  # "$B$2", "=SUM($A$1:$A$9)": a spreadsheet's absolute cell reference
            if m and m.start(1) == m.start() and (m.start() == 0 or not text[m.start() - 1].isalnum()):
                key = m.group(1).lower().rstrip(".")
                # a lower-case abbreviation with its dot is a word, not a prefix: "c.$750m" is circa $750m
                code = (
                    None
                    if m.group(1)[-1] == "." and m.group(1).islower()
                    else curated.DOLLAR_PREFIXES.get(key)
                )
                # a prefix spaced off the "$": in capitals ("US $5 million", "HK $3bn"), or in tokenised text
                # where the number is spaced off too ("c $ 16.4 million", "us $ 10"); prose "vitamin C $12",
                # "sent us $500" keeps the plain dollar
                spaced_ok = key not in curated.GLUED_ONLY_DOLLAR_PREFIXES and (
                    (len(key) > 1 and m.group(1).isupper())
                    or ((len(key) > 1 or key == "c") and start + 1 < s)
                )
                if (
                    code
                    and len(key) == 1
                    and m.group(1).islower()
                    and m.start() > 0
                    and text[m.start() - 1] == "-"
                ):
                    return (
                        None  # "cut -f$2", "ls -l$1": a command's option before a shell variable, no dollar
                    )
                if (
                    code
                    and len(key) == 1
                    and not spaced
                    and m.group(1).isupper()
                    and _CELL_ROW.match(text, s) is not None
                    and _text_has_cell_refs(text)
                ):
                    return None  # "A$1 and $A1", "lock the row with A$1": a mixed cell reference, no dollar
                if code and (not spaced or spaced_ok) and m.end() == r:
                    return code, m.start(1), "symbol", 0
                if (
                    code is None
                    and not spaced
                    and m.end() == r
                    and m.group(1)[0].isupper()
                    and (m.group(1).isupper() or len(m.group(1)) <= 3)
                ):
                    return None  # "G$500", "Bds$20": a dollar the tables do not know is not the US dollar
        elif start > 0 and text[start - 1].isalpha():
            # capitals glued to the sign name the currency ("GH¢2 billion", "GH₵5.3bn", "E£824 billion", "Gh¢12.95",
            # "CN¥", "JP¥"); capitals the tables do not know leave the currency unsure, so nothing is read
            # (never "¢2 billion" in US cents or "£824 billion" in sterling)
            k = start - 1
            while k > 0 and start - k < 3 and text[k - 1].isalpha():
                k -= 1
            compound = curated.SIGNS.get(text[k:q])
            if compound is not None and (k == 0 or not text[k - 1].isalnum()):
                return compound, k, "symbol", 0
            if text[k:start] == "\u00c2" and (k == 0 or not text[k - 1].isalnum()):
                # "Â£25.00": UTF-8 read as Latin-1 puts "Â" before "£", "¥", "¢"
                return target, start, basis, 0
            if text[k:start].isupper():
                return None
        return target, start, basis, 0
    if ch.isalpha() or ch == ".":
        k = q
        while k > 0 and q - k <= _MAX_SIGN_WORD + 1 and (text[k - 1].isalpha() or text[k - 1] == "."):
            k -= 1
        if k > 0 and (
            text[k - 1].isalnum()
            or text[k - 1] in "#@=_"
            or (text[k - 1] == "/" and not (k > 1 and text[k - 2].isdigit()))  # not "19.90/EUR 18.50"
        ):
            # "#USD100", "@EUR5bn", "?amount=USD100", "/eur5": a hashtag, handle or part of a URL, not a code
            # before its number
            return None
        word = text[k:q]
        if (
            k > 0
            and text[k - 1] == "$"
            and word.isupper()
            and word.lower() in curated.DOLLAR_PREFIXES
            and word.lower() not in curated.GLUED_ONLY_DOLLAR_PREFIXES
            and (len(word) > 1 or _MONEY_SHAPED.match(text, s) is not None)
        ):
            # "$US5bn", "$A7.2bn", "$NZ300m"; one letter only before a money-shaped number ("$C5", "$B12" are
            # spreadsheet cells)
            return curated.DOLLAR_PREFIXES[word.lower()], k - 1, "symbol", 0
        found = _code_or_sign(word, before=True)
        if found is None and word.endswith("."):
            found = _code_or_sign(word[:-1], before=True)
        if (
            found is None
            and word in curated.WEAK_CODES
            and (grouped := _GROUPED_OR_SCALED.match(text, s)) is not None
            and _country_settled(text, word)
            # (not before a noun it counts: "send an SOS 1,000 times"; a banknote is priced: "a SOS 1,000 note")
            and not (
                _counts_noun(text, grouped.end())
                and not _priced_noun_after(_next_word_lower(text, grouped.end()))
            )
        ):
            # a code that is also a word, before a grouped or scaled number in a story of its country: "A SOS
            # 1,000 note" in Mogadishu, "TOP 4.5 million" in a Tongan budget (after the number it is read always)
            found = word, "code", 0
        if found is not None and word in _AFTER_ONLY_SETTLED:
            found = None  # the soʻm's "sum" is written after the number: "a sum 20 times higher" is the noun
        if (
            found is not None
            and word.rstrip(".") in _COUNTRY_SETTLED
            and (
                not (
                    _country_settled(text, found[0])
                    # (a commodity desk's rouble grouped or scaled needs no cue: "Rb 68,900/t", "Rbs1.5tn"; an
                    # element's "Rb 85.47" does)
                    or (word in ("Rb", "Rbs") and _GROUPED_OR_SCALED.match(text, s) is not None)
                )
                or _NAME_WORD_BEFORE.search(text, max(0, k - 24), k)
            )
        ):
            # "DA 840 000" in an Algerian story, not the district attorney's; "TP Mazembe FC 2, AS Vita Club 1": a
            # club's name and its score ("DH 4.1 BILLION": the headline's capitals, below)
            found = None
        if (
            found is not None
            and word == "D"
            and (
                _word_before(text, k) in ("vitamin", "vitamins")
                or (_counts_noun(text, _run_end(text, s)) and _GROUPED_OR_SCALED.match(text, s) is None)
            )
        ):
            found = None  # "vitamin D3", "the D10 bus" in a Gambian story: a name, not dalasis
        if (
            found is None
            and word in curated.CAPS_SIGNS
            and (_CAPS_SCALE.match(text, s) is not None or _GROUPED_WITH_CENTS.match(text, s) is not None)
        ):
            # "RS 10,000 CRORE", "SKR 2 BLN"; a grouped sum with cents: "ENGINEER'S ESTIMATE KSHS 9,870,400.00"
            found = _code_or_sign(curated.CAPS_SIGNS[word], before=True)
        if found is not None:
            return found[0], k, found[1], found[2]
    return None


_COUNTRY_SETTLED: Final[frozenset[str]] = curated.SIGNS_COUNTRY_SETTLED | (
    frozenset(curated.SCALED_SIGNS) - curated.SCALED_SIGNS_SELF_SETTLED
)
#: Country-settled letter signs written only before the number ("D10", "Le 35"; "20 D-Marks" is a name).
_BEFORE_ONLY_SETTLED: Final[frozenset[str]] = frozenset({"D", "Le"})
#: Country-settled signs written only after the number ("1,050,000 sum"; "the sum 12,000" is the noun).
_AFTER_ONLY_SETTLED: Final[frozenset[str]] = frozenset({"sum"})
#: A number grouped in thousands or followed by a scale word ("68,900", "1.5tn", "2 billion").
_GROUPED_OR_SCALED: Final[re.Pattern[str]] = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9][0-9.]*[ \u00a0]?(?:bn|tn|mn|m|billion|million|trillion)\b"
)
#: A capitalised word right before a letter sign, as a name writes it ("Mazembe FC 2"): the sign is the name's.
_NAME_WORD_BEFORE: Final[re.Pattern[str]] = re.compile(r"(?<![^\s(])[A-Z][a-z]+[ \u00a0]\Z")


#: A row number after a column letter's "$" ("A$1"): whole, with no scale word (not "A$1 billion", "A$1.5m").
_CELL_ROW: Final[re.Pattern[str]] = re.compile(
    r"[0-9]{1,7}(?![0-9.,]|[ \u00a0]?(?:[kmbKMB]n?|tn|thousand|million|billion|trillion)\b)"
)
#: A spreadsheet's column-absolute reference: "$A1", "$B$2", "$AA10" (a "$" before letters and a row number).
_CELL_REF: Final[re.Pattern[str]] = re.compile(r"\$[A-Z]{1,3}\$?[0-9]{1,7}\b")


@functools.lru_cache(maxsize=1)  # (only the text being read: a large text is not kept)
def _text_has_cell_refs(text: str) -> bool:
    """Whether ``text`` writes a spreadsheet reference with a "$" before its column (:data:`_CELL_REF`), so that
    its one-letter "A$1" is a cell too: found once per text (cached)."""
    return _CELL_REF.search(text) is not None


@functools.lru_cache(maxsize=1)  # (only the text being read: a large text is not kept)
def _text_country_cues(text: str) -> dict[str, int]:
    """:func:`_country_cues` of ``text``, counted once per text (cached)."""
    return _country_cues(text.lower())


#: The currency of the request's locale hint while a text is read (``REGION_CURRENCY`` of its region; None when
#: no hint names one): it settles the country-settled signs as a country cue does ("D12.80" under en-GM). A
#: context variable, so that concurrent reads in threads never see each other's hint.
_HINTED_CURRENCY: Final[contextvars.ContextVar[str | None]] = contextvars.ContextVar(
    "moneta_hinted_currency", default=None
)


def _country_settled(text: str, target: str) -> bool:
    """Whether ``text`` has a country cue of the currency ``target`` (an ISO code or an @family), or the
    request's locale hint names it (:data:`_HINTED_CURRENCY`), which a sign of ``curated.SIGNS_COUNTRY_SETTLED``
    or ``curated.SCALED_SIGNS`` needs ("110 DH" in a Moroccan story, "D12.80" under en-GM)."""
    members = FAMILIES.get(target[1:], ()) if target[0] == "@" else (target,)
    hinted = _HINTED_CURRENCY.get()
    if hinted is not None and hinted in members:
        return True
    cues = _text_country_cues(text)
    return any(cues.get(c or "", 0) for c in members)


#: Proper word prefixes of the multi-word currency names ("swiss", "hong kong"): reading a name after a
#: number goes on to the next word only while the words read so far begin some name.
_NAME_PREFIXES: Final[frozenset[str]] = frozenset(
    " ".join(k.split(" ")[:i]) for k in NAMES for i in range(1, len(k.split(" ")))
)


_APOSTROPHES: Final[frozenset[str]] = frozenset({"'", "\u2019", "\u2018"})


def _read_words_after(text: str, p: int, m: re.Match[str] | None = None) -> tuple[str, int, str] | None:
    """Currency name after ``p`` (single space or hyphen allowed first): (target, end, basis) or None.

    ``m`` is ``_WORD.match(text, p)`` when the caller has it already.
    """
    if m is None:
        m = _WORD.match(text, p)
    if m is None:
        return None
    first = m.group(1).lower()
    if text.startswith("-", m.end(1)):  # a hyphenated name: "3.5 billion D-marks"
        h = _LETTERS.match(text, m.end(1) + 1)
        target = NAMES.get(first + "-" + h.group().lower()) if h is not None else None
        if h is not None and target is not None:
            return target, h.end(), "name"
    if (
        text[m.end(1) : m.end(1) + 1] in _APOSTROPHES
        and (tail := _LETTERS.match(text, m.end(1) + 1)) is not None
    ):
        # a name with an apostrophe in it: "740 million pa'anga", "60 pa‘anga" (the okina written as a quote)
        target = NAMES.get(first + "'" + tail.group().lower())
        if target is not None:
            return target, tail.end(), "name"
    if first.rstrip(".") not in NAME_FIRST_WORDS:
        target = NAMES.get(first)
        end = m.end(1)
        if target is None and first.endswith("."):
            target = NAMES.get(first[:-1]) or curated.DOTTED_ONLY_NAMES.get(first[:-1])
            end -= 1
        return (target, end, "name") if target is not None else None
    words: list[tuple[str, int]] = [(m.group(1), m.end(1))]
    pos = m.end()
    prefix = first
    for _ in range(MAX_NAME_WORDS - 1):
        if prefix not in _NAME_PREFIXES:  # no longer name starts with these words: stop reading
            break
        m = _WORD.match(text, pos)
        if m is None:
            break
        words.append((m.group(1), m.end(1)))
        prefix = prefix + " " + m.group(1).lower()
        pos = m.end()
    for k in range(len(words), 0, -1):
        key = " ".join(w for w, _ in words[:k]).lower()
        end = words[k - 1][1]
        target = NAMES.get(key)
        if target is None and key.endswith("."):
            target = NAMES.get(key[:-1])
            end -= 1
        if target is not None:
            return target, end, "name"
    return None


#: Every word (lower case, trailing dots dropped) that :func:`_read_right` may read as a currency after a number:
#: sign words, ISO codes (also million-prefixed, "MUSD"), and the words currency names begin with (also before a
#: hyphen: "d-marks"). Any other word ("5 people") is no currency, which one lookup settles.
_RIGHT_WORDS: Final[frozenset[str]] = frozenset(
    {w.lower().rstrip(".") for w in _SIGN_WORDS}
    | {c.lower() for c in CODES}
    | {c.lower() for c in curated.CODE_ALIASES}
    | {c.lower().rstrip(".") for c in curated.LOWER_CODES}
    | {"m" + c.lower() for c in curated.MILLION_PREFIX_CODES}
    | {k.lower() for k in curated.SCALED_SIGNS}
    | {k.lower() for k in curated.CRYPTO_TICKERS}
    | {k.rstrip(".") for k in NAMES}
    | {k.split("-", 1)[0].rstrip(".") for k in NAMES}
    | {k.split("'", 1)[0] for k in NAMES if "'" in k}  # "pa'anga": "pa", then the apostrophe's part
    | set(curated.DOTTED_ONLY_NAMES)
    | NAME_FIRST_WORDS
)


#: " of silver", " of fine gold" after a currency name: the old units of weight of precious metal.
_OF_METAL: Final[re.Pattern[str]] = re.compile(
    r" of (?:fine |pure )?(?:silver|gold)\b(?! (?:coins?|bullion))"
)


#: The crypto-asset families, read by ticker or name.
_CRYPTO_TARGETS: Final[frozenset[str]] = frozenset({"@crypto_token", "@ether", "@bitcoin", "@stablecoin"})
#: Capitalised words that may follow an amount without being a name it starts: days and months.
_CALENDAR_WORDS: Final[frozenset[str]] = frozenset(
    {
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
    }
    | {"April", "May", "June", "July", "August", "September", "October", "November", "December", "In", "On"}
)
#: Decimals ending a number: "26,9", "35.60".
_DECIMAL_TAIL: Final[re.Pattern[str]] = re.compile(r"[.,][0-9]{1,2}\Z")
#: A per-unit right after "Cent": " per ", "/", " pro ".
_PER_AFTER_CENT: Final[re.Pattern[str]] = re.compile(r"/|[ \u00a0](?:per|pro)[ \u00a0]")


#: A word in camel case (a capital, lower case, a capital, lower case): a brand's name ("RuPay"), never a currency's.
_CAMEL_CASE: Final[re.Pattern[str]] = re.compile(r"[A-Z][a-z]+[A-Z][a-z]")


def _read_right(text: str, p: int, nested: bool = False) -> tuple[str, int, str, int] | None:
    """Currency after position ``p``: (target, end, basis, scale exponent) or None. ``nested``: the call that
    looks one number ahead ("10 $ 30 $"), which never looks further (a run "1 $ 1 $ 1 …" stays linear)."""
    n = len(text)
    q = p
    while q < n and text[q] in _ZERO_WIDTH:
        q += 1
    if q < n and (text[q] in _SPACE_OR_BREAK or (text[q] == "\r" and text.startswith("\r\n", q))):
        q += 2 if text[q] == "\r" else 1  # one space or one line break ("mln\ndlrs", "mln\r\ndlrs")
        if q < n and text[q] in "\n\r" and text[q - 1] == " ":  # a space and a line break
            q += 1 if text[q] == "\n" else 2 if text.startswith("\r\n", q) else 0
        if q < n and text[q] in _SPACE_OR_BREAK:
            return None
    elif q < n and text[q] == "-":
        q += 1
    elif (
        q + 2 < n
        and (text[q] == "," or text[q] == ".")
        and text[q + 1] in "-\u2013"
        and not text[q + 2].isdigit()
    ):
        q += (
            3 if text[q + 2] == " " else 2
        )  # "5,- €", "5,-€", "5.– €": a dash for zero decimals (German prices)
    if q >= n:
        return None
    ch = text[q]
    if ch in _SIGN_CHARS:
        # "10 $" is a sign after the number; "10 $20" is the next amount's sign
        if (
            ch in "$£€"
            and not nested
            and q != p
            and q + 1 < n
            and (text[q + 1].isdigit() or (text[q + 1] == " " and q + 2 < n and text[q + 2].isdigit()))
        ):
            # "10 $ 30 $": the sign is ours when the next number has its own currency after it
            if text[q + 1] != " ":
                return None
            nxt = scanner.DIGITS.match(text, q + 2)
            after = _read_right(text, nxt.end(), nested=True) if nxt is not None else None
            if after is None or not (after[2] == "symbol" or after[0] == "@cent"):
                return None
        if ch == "€" and text.startswith("ur", q + 1):  # "20 €ur"
            return "EUR", q + 3, "symbol", 0
        if q + 1 < n and text[q + 1].isalpha():  # "737 $AAPL": a ticker or variable, not a sign after 737
            return None
        return _SIGN_CHARS[ch], q + 1, "symbol", 0
    if not ch.isalpha():
        return None
    if ch > "\u024f":
        for sign in _MULTI_CHAR_SIGNS:
            if text.startswith(sign, q):
                return curated.SIGNS[sign], q + len(sign), "symbol", 0
    m = _WORD.match(text, q)
    if m is None:
        return None
    word = m.group(1)
    wend = m.end(1)
    bare = word.rstrip(".")
    if (
        q == p
        and bare in ("p", "c")
        and (wend == len(text) or not text[wend].isalnum())  # "1p36", "1080p60": a band, a frame rate
        and "." not in bare
        and not (bare == "p" and _VIDEO_LINES.search(text, max(0, p - 5), p) is not None)  # "1080p"
        and not (bare == "p" and _shift_times(text, p))  # "Shifts: 7a-3p, 3p-11p": clock times
        and not (bare == "c" and _labelled_number(text, p))  # "Fig. 3c", "Table 2c"
    ):
        return ("GBP" if bare == "p" else "@cent"), q + 1, ("symbol" if bare == "p" else "name"), 0
    if bare == "c" and word[0] == "c" and q == p + 1 and text[p] == " " and _spaced_cent(text, p, q + 1):
        return "@cent", q + 1, "name", 0
    # letters + "$": "3.14US$", but "US$3.2m-US$3.5m": a prefixed sign before a number is the next amount's
    if (
        wend < n
        and text[wend] == "$"
        and word.lower().rstrip(".") in curated.DOLLAR_PREFIXES
        and not (q != p and text[wend + 1 : wend + 2].isdigit())
    ):
        return curated.DOLLAR_PREFIXES[word.lower().rstrip(".")], wend + 1, "symbol", 0
    if word.lower().rstrip(".") not in _RIGHT_WORDS:
        return None  # an ordinary word: neither a sign or code nor the start of a currency name
    if _CAMEL_CASE.match(word) is not None:
        return (
            None  # a brand written in camel case: "36 crore RuPay cards" (not "rupay", the Hinglish rupees)
        )
    found = _code_or_sign(word, before=False)
    if found is not None and found[0] == "@crypto_token" and (q == p or (wend < n and text[wend].isalnum())):
        found = None  # "the E 450 4MATIC": a ticker is spaced from its number
    if (
        found is not None
        and found[0] in _CRYPTO_TARGETS
        and word.isupper()
        and (next_name := _NEXT_WORD.match(text, wend)) is not None
        and next_name.group(1)[:1].isupper()
        and next_name.group(1) not in _CALENDAR_WORDS
    ):
        found = None  # "7 ETH Zurich", "3 SOL Republic": a ticker's letters starting a proper name
    if found is not None and word.endswith(".") and _sentence_end(text, wend):
        dotless = _code_or_sign(bare, before=False)
        if dotless is not None:  # "it cost 50kr. The ...": the full stop ends the sentence, not "kr."
            found, wend = dotless, wend - 1
    if found is None and word.endswith("."):
        found = _code_or_sign(bare, before=False)
        wend -= 1
    if found is not None and bare in _BEFORE_ONLY_SETTLED:
        found = None  # the dalasi's "D" is written before the number ("D10"): "3.5 billion D-marks" is a name
    if (
        found is not None
        and bare in _COUNTRY_SETTLED
        and bare != "DA"  # ("25 DA" is read always)
        and not _country_settled(text, found[0])
    ):
        return None  # "1 000 FC" in a Congolese story, not a football club's
    if found is not None and (wend >= n or not text[wend].isalnum()):
        if q != p and text[p] == "-" and _NUMBER_NEXT.match(text, wend) is not None:
            return None  # "QAR 1.2bn-QAR 1.5bn": the code after the hyphen is the next amount's
        return found[0], wend, found[1], found[2]
    named = _read_words_after(text, q, m)
    if named is not None:
        target, end, basis = named
        if (
            target in _CRYPTO_TARGETS
            and text[q:end].isupper()
            and (next_name := _NEXT_WORD.match(text, end)) is not None
            and next_name.group(1)[:1].isupper()
            and next_name.group(1) not in _CALENDAR_WORDS
        ):
            return None  # "7 ETH Zurich": the ticker's letters start a proper name
        if text.startswith("-", end) and _COMPOUND_AFTER.match(text, end + 1):
            return None  # "5 euro-zone countries", "10 dollar-denominated bonds": not an amount of money
        if _EURO_AREA.match(text, q) is not None:
            return (
                None  # "the 20 euro area countries", "7 854 321\nEuro area: …": the region, not the currency
            )
        if (
            basis == "name"
            and text.startswith(" of ", end)
            and text[q:end].lower() in curated.METAL_WEIGHT_UNITS
            and _OF_METAL.match(text, end) is not None
        ):
            return (
                None  # "400 shekels of silver", "150,000 marks of silver": a weight of metal (ancient units)
            )
        if (
            target == "@pound"
            and (
                (
                    _WEIGHT_AFTER.match(text, end)
                    # (a scaled sum of a money noun after a modifier or two: "half a billion pounds of household
                    # debt", "five million pounds of unpaid debt")
                    and not (
                        _SCALE_BEFORE_NAME.search(text, max(0, q - 14), q) is not None
                        and _MONEY_OBJECT_AFTER_MODIFIERS.match(text, end) is not None
                    )
                )
                or _weight_before(text, p)
                or _ONE_DECIMAL.search(text, max(0, p - 12), p)
                or _pounds_weigh_here(text, p, q)
                or _goods_weighed_before(text, q, end)
                # (a count of pounds after a weight written in "lb" nearby: "weighed in at 252lb … Ngannou came in
                # at 271 pounds")
                or (text[p - 1 : p].isdigit() and _LB_WEIGHT.search(text, max(0, p - 300), p) is not None)
            )
            # (a rate stays money, "averaging 1,200 pounds a month"; not one decimal, "gained 3.2 pounds a day")
            and (_per_unit(text, end) is None or _ONE_DECIMAL.search(text, max(0, p - 12), p) is not None)
        ):
            return None  # "82 pounds (37 kg)", "10 pounds of beef", "weighed 200 pounds": weight (not "… a month")
        if (
            target == "@pound"
            and text[q:end].lower() == "pound"
            and (noun := _NEXT_WORD.match(text, end)) is not None
            and noun.group(1).lower() in curated.WEIGHED_NOUNS
        ):
            return None  # "a 5 pound bag of rice", "a 20 pound turkey": a weight before what it weighs
        if target == "@pound" and q == p + 1 and text[p] == "-" and text[p - 1].isdigit() and end - q == 5:
            # "a 5,000-pound bomb", "a 300-pound lineman": digits hyphened to a bare singular "pound" are a
            # weight (money is "a £300 fine"; with a scale word it is money: "a 5-million-pound deal")
            return None
        if (
            target in ("@cent", "@penny")
            and text[q].isupper()
            and text[q:end].lower() in ("cent", "penny", "sen")
            # (German-style copy capitalises a price in cents: "26,9 Cent per kilowatt hour", "35.6 Cent/kWh")
            and not (
                text[q:end] == "Cent"
                and (
                    _DECIMAL_TAIL.search(text, max(0, p - 4), p) is not None
                    or _PER_AFTER_CENT.match(text, end) is not None
                )
            )
        ):
            return None  # "50 Cent": a capitalised singular minor unit after a number is a name
        if (
            target == "@mark"
            and text[q:end] == "marks"
            and _next_word_lower(text, end) in _MARKS_VERB_OBJECTS
            and text[p - 1 : p].isdigit()
        ):
            return None  # "Reiwa 7 marks the seventh year", "Game 5 marks the first time": the verb
        if target == "KRW" and text[q:end].lower() == "won" and _won_is_verb(text, p, end):
            return None  # "State Road 37 won $250,000", "Team 5 won 3-2": the verb
        return target, end, basis, 0
    return None


#: "euro area" (EU house style for the euro zone) after a number: "the 20 euro area central banks".
_EURO_AREA: Final = re.compile(r"(?i:euro)[ \u00a0]+(?i:area)\b")


_DETERMINERS: Final[frozenset[str]] = curated.DETERMINERS


#: An octane rating after "RON" (research octane number): 80 to 102, as petrol grades are written.
_OCTANE_GRADE: Final[re.Pattern[str]] = re.compile(r"(?:8[0-9]|9[0-9]|10[0-2])(?![0-9.,])")
#: A flight named before an airline code and number ("Flight QR 1", "flights EK 2 and QR 8").
_FLIGHT_WORD: Final[re.Pattern[str]] = re.compile(r"\b[Ff]lights?\b")
#: A flight's route right after its number: " to Sydney", " from Doha".
_ROUTE_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:to|from)[ \u00a0]+[A-Z][a-z]+(?![\w$])")


#: A version number's shape: one decimal digit after the point ("8.3"), or two points ("8.3.1").
_VERSION_LIKE: Final[re.Pattern[str]] = re.compile(r"[0-9]+\.[0-9](?:\.[0-9]+)*")


def _priced_noun_after(word: str) -> bool:
    """Whether ``word`` (lower case), right after a settled letter sign and its number, leaves the number a price:
    a particle of code-switched English ("P300 lang", "P13 na", ``curated.CODE_SWITCH_PARTICLES``) or a change or
    charge noun ("a P2 hike", ``curated.PRICE_CHANGE_NOUNS``), "worth" ("ate R450 worth of petrol") or a comparative
    ("R220 above import parity", ``curated.PAIRED_COMPARATIVES``). Any other
    noun may be what the letter and number
    name or count ("N95 masks", "SR 71 Blackbird", "QR 300 scanner")."""
    return (
        word in curated.CODE_SWITCH_PARTICLES
        or word in curated.PRICE_CHANGE_NOUNS
        or word == "worth"
        # a difference: "R220 above import parity", "P15 higher than last week", "R40 cheaper"
        or word in curated.PAIRED_COMPARATIVES
        or word in ("cheaper", "dearer")
        # a time phrase: "will rise to P3 starting Monday", "P30 effective June 1"
        or word in ("starting", "beginning", "effective", "until", "till")
    )


def _label_before(text: str, sign: int) -> bool:
    """Whether a bare label (``curated.LETTER_LABEL_NOUNS``, no article before it) stands right before the letter
    sign at ``sign``: "Block N12", "Unit RM 5-03", "Report R12" name a place or a document ("a room RM 120 a
    night" is a price)."""
    word, start = _prev_word(text, sign)
    if word.lower().rstrip(".") not in curated.LETTER_LABEL_NOUNS:
        return False
    return _word_before(text, start) not in _DETERMINERS and _word_before(text, start) not in ("per", "each")


def _small_count(text: str, a: _Amount) -> bool:
    """Whether the number of ``a`` is a bare integer under 100 with no scale word ("SDG 8", "PHP 7")."""
    digits = text[a.nstart : a.nend]
    return a.exp is None and digits.isdigit() and int(digits) < 100


def _reference_label_before(text: str, sign: int) -> bool:
    """Whether a document label (``curated.REFERENCE_LABEL_NOUNS``, an article allowed before it) stands right
    before the letter sign or code at ``sign``: "the framework RM6187", "The agreement RM3830", "Form SBD 6.1"."""
    word, _ = _prev_word(text, sign)
    return word.lower().rstrip(".") in curated.REFERENCE_LABEL_NOUNS


def _next_word_lower(text: str, end: int) -> str:
    """The word after ``end`` in lower case ("" if none)."""
    after = _NEXT_WORD.match(text, end)
    return after.group(1).lower() if after is not None else ""


def _price_verb_before(text: str, start: int) -> bool:
    """Whether a price verb (``curated.SIGN_SETTLING_PRICE_VERBS``: "costs", "charged") stands right before the sign
    at ``start``, or before "at" or "for" right before it ("priced at R99", "sells for K450"; the verbs of a sale,
    ``curated.SALE_VERBS_BEFORE_AT_FOR``)."""
    before = _word_before(text, start)
    if before in curated.SIGN_SETTLING_PRICE_VERBS:
        return True
    if before not in ("at", "for"):
        return False
    lead = _word_before(text, _prev_word(text, start)[1])
    return lead in curated.SIGN_SETTLING_PRICE_VERBS or lead in curated.SALE_VERBS_BEFORE_AT_FOR


def _priced_before(text: str, start: int) -> bool:
    """Whether a price verb (``curated.SIGN_SETTLING_PRICE_VERBS``: "costs", "charged") or a fee label ("fee:",
    "Price:"; ``curated.FEE_NOUNS``) stands right before the sign or code at ``start``."""
    before = _word_before(text, start)
    if before in curated.SIGN_SETTLING_PRICE_VERBS:
        return True
    if before in ("is", "was", "are", "were", "remains", "stays"):
        # a fee noun and a copula: "The fee is SAR 535", "the visa fee was MAD 450"
        return _word_before(text, _prev_word(text, start)[1]) in _PRICED_NOUNS
    if before in ("from", "at"):
        # a starting price: "Fares start from SAR 199", "fares from SAR 199", "tickets start at QAR 50"
        lead, lead_start = _prev_word(text, _prev_word(text, start)[1])
        lead = lead.lower()
        if lead in _START_VERBS:
            lead = _word_before(text, lead_start)
        return (
            lead in _PRICED_NOUNS
            or lead.removesuffix("s") in _PRICED_NOUNS
            or lead in curated.FROM_PRICE_WORDS
        )
    return before.endswith(":") and before[:-1] in _PRICED_NOUNS


#: Verbs of a starting price before "from" or "at" ("fares start from SAR 199").
_START_VERBS: Final[frozenset[str]] = frozenset({"start", "starts", "started", "starting", "begin", "begins"})


#: Fee nouns and price nouns whose label (or copula) settles a letter sign or an acronym code after it.
_PRICED_NOUNS: Final[frozenset[str]] = curated.FEE_NOUNS | {"price", "cost", "fare", "rate"}


def _code_shaped(text: str, a: _Amount) -> bool:
    """Whether ``a`` is a glued-only letter sign (one or two letters), digits and one capital scale letter, all
    glued, that names a thing by the noun after it ("The R3M amplifier", "a K9B unit", "Cirrus SR22T G7") in a
    text where no cue or hint settles the sign."""
    return (
        a.lbasis == "symbol"
        and a.lcur is not None
        and a.nstart - a.start <= 2
        and text[a.start : a.nstart] in curated.SIGNS_GLUED_ONLY
        and a.end - a.nend == 1
        and text[a.nend] in "MBKT"
        and _counts_noun(text, a.end)
        and not _priced_noun_after(_next_word_lower(text, a.end))
        and not _charge_noun_ahead(text, a.end)
        and not _country_settled(text, a.lcur)  # ("the R3M deal" in a South African story stays money)
    )


#: A country's unit of account that its locale hint settles beside its currency ("UF 15.8" under en-CL).
_HINT_UNITS_OF_ACCOUNT: Final[dict[str, str]] = {"CLP": "CLF"}


def _held_signs(text: str, amounts: list[_Amount], locale_hint: str | None) -> None:
    """Give a letter sign set aside by the strict rules back to its bare number when the document settles the
    sign: the same sign is read as money elsewhere in the text ("now goes for N1,200 … cost N450", "between
    N650 and N700 per litre", "lost P3.20 to P248"), the request's locale hint names its currency ("about
    R120" with en-ZA), or a country cue of its currency stands in the text ("rice sells for P45 in Manila"). Never before a noun the number may count ("N95 masks"), before a year ("R2024"), with a
    leading zero ("P0.01"), after a determiner when glued ("the N95 is"), nor spaced for a one-letter sign
    ("Form R 2,500"; the spaced Gulf signs may: "SR 150 to SR 300"). Changes ``amounts`` in place.
    """
    settled = {
        text[a.start : a.nstart].strip(" \u00a0").rstrip(".")
        for a in amounts
        if a.lcur is not None and a.lbasis == "symbol" and text[a.start : a.start + 1].isalpha()
    }
    # the held tokens the text also writes before a noun they may count ("buy N95 masks"): names, not prices
    named_tokens = {
        text[a.held[1] : a.nend]
        for a in amounts
        if a.held is not None
        and a.exp is None
        and _counts_noun(text, a.end)
        and not _priced_noun_after(_next_word_lower(text, a.end))
    }
    # a price verb right before a glued one-letter sign settles it ("costs R299, down from R349", "charges R60
    # for light vehicles"), and so every amount of that sign
    # (also a letter sign of several letters, spaced or glued: "The load costs Php 99", "costs NIS 45")
    settled.update(
        sign
        for a in amounts
        if a.held is not None
        and a.currency is None
        and (
            ((sign := text[a.held[1] : a.nstart]) in curated.SIGNS_GLUED_ONLY and len(sign) == 1)
            or (
                (sign := sign.strip(" \u00a0")) in curated.SIGNS_NEED_SCALE
                and sign not in curated.SIGNS_GLUED_ONLY
                and len(sign) > 1
            )
        )
        and sign not in curated.SIGNS_SETTLED_ONLY
        and _price_verb_before(text, a.held[1])
        # (not a token the text also uses as a name: "They cost N95 each; buy N95 masks"; a price written twice
        # stays a price: "A haircut costs R120 and a shave costs R120")
        and text[a.held[1] : a.nend] not in named_tokens
    )
    # the ISO codes the document writes ("ZAR 1.2 trillion … a grant of R370"): they settle their signs too
    coded = {a.currency for a in amounts if a.currency is not None and a.currency[0] != "@"}
    # and so do a currency name of the code's family ("500 dirhams (MAD 500)") and a code a price verb settled
    # ("pays MAD 600, and MAD 500 later")
    coded.update(
        c
        for a in amounts
        if a.currency is not None and a.currency[0] == "@"
        for c in FAMILIES.get(a.currency[1:], ())
        if c is not None
    )
    coded.update(
        a.held[0]
        for a in amounts
        if a.held is not None
        and a.held[2] == "code"
        and a.currency is None
        and _priced_before(text, a.held[1])
    )
    region = _region(locale_hint)
    hinted = REGION_CURRENCY.get(region) if region is not None else None
    cues: dict[str, int] | None = None
    for a in amounts:
        if a.held is None or a.currency is not None:
            continue
        target, start, basis, cexp = a.held
        sign = text[start : a.nstart].strip(" \u00a0").rstrip(".")
        priced = False  # (a code right after a price verb or a fee label: see below)
        members = FAMILIES.get(target[1:], ()) if target[0] == "@" else (target,)
        if basis == "code" and (
            (
                (hinted is None or hinted not in members)
                # the same code read as money elsewhere in the document settles it too ("a kilo of sugar costs
                # SDG 2,500, against SDG 800 a year ago"), not for a small count ("SDG 8", a development goal)
                and not (target in coded and not _small_count(text, a))
                # and a price verb or a fee label right before it: "the e-visa costs SAR 535", "Application
                # fee: PHP 500", "The visa costs SAR 25"
                and not (priced := _priced_before(text, start))
                # and a country cue of the code's currency: "a ticket starts at MAD 149" in a Moroccan story
                and not _country_settled(text, target)
            )
            or _VERSION_LIKE.fullmatch(text, a.nstart, a.nend) is not None
        ):
            continue  # an acronym code before a bare number ("PHP 75") is money only under its locale hint (and
            # never before a version number: "PHP 8.3")
        if basis == "code" and target == "RON" and _OCTANE_GRADE.match(text, a.nstart) is not None:
            continue  # "RON 95 and RON 98 petrol grades": octane ratings, even with en-RO
        if (
            sign not in settled
            and coded.isdisjoint(members)
            and not (
                hinted is not None and (hinted in members or _HINT_UNITS_OF_ACCOUNT.get(hinted) in members)
            )
            and not (basis == "code" and priced)
        ):
            if cues is None:
                cues = _country_cues(text.lower())
            if not any(cues.get(c or "", 0) for c in members):
                continue  # no country of the sign's currency in the story ("P45 in Manila markets" has one)
        # a scale word, not a letter ("a E26.4 billion budget", "E5bn", not "the Y2K scare"): a sum before a noun
        scaled = a.exp is not None and a.end - a.nend > 1
        after = _NEXT_WORD.match(text, a.end)
        next_word = after.group(1).lower() if after is not None else ""
        noun_at = a.end
        if after is not None and after.group(1) in curated.CODE_ACRONYM_NOUNS:
            noun_at = after.end()  # "the R350 SRD grant": the noun after the acronym
            after = _NEXT_WORD.match(text, noun_at)
            next_word = after.group(1).lower() if after is not None else ""
        if (
            (
                not scaled
                and _counts_noun(text, noun_at)
                and not _priced_noun_after(next_word)
                and not _charge_noun_ahead(text, noun_at)  # "a P200 legislated wage hike"
            )
            or (a.exp is None and _year_like(text, a))
            # a grid or finishing position: "qualified P2", "finished P3"
            or (
                len(sign) == 1
                and a.exp is None
                and a.nend - a.nstart <= 2
                and _RACE_POSITION_BEFORE.search(text, max(0, start - 30), start) is not None
            )
            or (
                text[a.nstart] == "0"
                and len(sign) == 1
                # (under the sign's locale hint a decimal comma writes a price: "R0,50" with en-ZA)
                and not (hinted is not None and hinted in members and "," in text[a.nstart : a.nend])
                # (nor a price in cents written with two decimals in a story of the sign's country: "In Zambia
                # the levy is K0.90", "from K0.15"; not "P0.05", a p-value)
                and not (
                    _ZERO_CENTS.fullmatch(text, a.nstart, a.nend) is not None
                    and any((cues := cues or _country_cues(text.lower())).get(c or "", 0) for c in members)
                )
            )
        ):
            continue  # (a leading zero keeps the strict rule for a one-letter sign: "P0.01" is a p-value, beside
            # "P12.50"; "NIS 0.18" and "JD 0.62" are prices)
        glued = start + len(sign) == a.nstart
        if glued and (tail := _CODE_NAME_TAIL.match(text, a.end)) is not None and tail.group(1) != sign:
            continue  # "R2-D2", "P3-X7": a name or code whose hyphen goes on in capitals and digits, no price
        if (
            _label_before(text, start)
            and not scaled
            and _GROUPED_OR_CENTS.search(text, a.nstart, a.nend) is None
        ):
            continue  # "Room R12 and Block R5": places, not prices
        if (
            glued
            and not scaled
            and _word_before(text, start) in _DETERMINERS
            and not _charge_noun_ahead(text, a.end)
        ):
            continue  # "The N95 is …", "a P45": a determiner before a glued letter and number names a thing
            # (not before a charge: "a P2 hike", "the R350 grant")
        if (
            not glued
            and sign in curated.SIGNS_GLUED_ONLY
            and sign not in curated.SIGNS_SPACED_WITH_SCALE
            and a.exp is None
            # (under the sign's own locale hint a grouped or priced sum is money spaced too: "Salary: R 420 000,00",
            # "It costs R 500" with en-ZA)
            and not (
                hinted is not None
                and hinted in members
                and (
                    _GROUPED_OR_CENTS.search(text, a.nstart, a.nend) is not None
                    or _word_before(text, start) in curated.SIGN_SETTLING_PRICE_VERBS
                )
            )
        ):
            continue  # "Form R 2,500", "Vitamin N 1,000": a one-letter sign is money glued only (or with a scale)
        if (
            a.exp is None
            and len(sign)
            == 2  # (an airline's code has two letters: "P385 for international flights" is a fare)
            and a.nend - a.nstart <= 4
            and text[a.nstart : a.nend].isdigit()
            and (
                _FLIGHT_WORD.search(text, _clause_bounds(text, start)[0], start) is not None
                # "Passengers on QR 908 to Sydney paid QAR 3,640": a flight boarded, or its route after it
                or (
                    sign.isalpha()
                    and not _priced_before(text, start)
                    and (
                        _word_before(text, start) in ("on", "aboard")
                        or _ROUTE_AFTER.match(text, a.end) is not None
                    )
                )
            )
        ):
            continue  # "Flight QR 1 to London and QR 8 to Manchester": airline codes and flight numbers
        a.lcur, a.start, a.lbasis = target, start, basis
        if cexp:
            a.exp = (a.exp or 0) + cexp
    # a glued sign left unsettled is a word glued to the number ("N95", "P45"): no number of its own
    amounts[:] = [a for a in amounts if a.currency is not None or a.held is None or a.held[1] + 1 < a.nstart]


def _singular_name(name: str) -> bool:
    """Whether the lower-case currency name is a singular that has a plural of its own ("peso", "Italian lira",
    "dollar"; not "pesos", nor "yen" or "rand", the same in both numbers), or "sterling": after a year it is
    a modifier ("the 1971 dollar crisis"), since an amount of more than one takes the plural."""
    head = name.rsplit(" ", 1)[-1]
    if head == "sterling":
        return True
    if head == "euro":
        return False  # EU English writes "2024 euro" for the plural too
    stem = name[: len(name) - len(head)]
    forms = curated.IRREGULAR_PLURALS.get(head, (head + "s",))
    return any(stem + form in NAMES and stem + form != name for form in forms)


def _title_name(text: str, start: int, end: int) -> bool:
    """Whether the currency name ``text[start:end]`` (after a number) is part of a title: a capitalised
    singular ("Dollar", "Pound", not "Dollars", "DOLLAR") followed by a noun of ``curated.NAME_TITLE_NOUNS``
    ("Man", "Lane", "Pub")."""
    name = text[start:end].strip(" \u00a0-")
    if not name[:1].isupper() or name.isupper() or name.endswith("s") or " " in name:
        return False
    m = _WORD.match(text, end)
    return m is not None and m.start() == end and m.group(1).rstrip(".") in curated.NAME_TITLE_NOUNS


def _near_word_before(text: str, start: int, words: frozenset[str]) -> bool:
    """Whether one of ``words`` (lower case) stands in the clause before ``start`` (:func:`_clause_bounds`, at
    most 80 code points back)."""
    lo, _ = _clause_bounds(text, start)
    return any(w in words for w in _WORD_RUN.findall(text[lo:start].lower()))


_WORD_RUN: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]+")


def _rate_before_for(text: str, start: int) -> bool:
    """Whether "for" before ``start`` ("… for a dollar") follows a currency name or an ISO code, the price side
    of an exchange rate ("1,375.50 won for a dollar", "150 yen for a dollar", "83 INR for a dollar")."""
    _, k = _prev_word(text, start)  # "for"
    word, _ = _prev_word(text, k)
    return word.lower() in NAMES or word in CODES


#: A signed amount and "to" right before an article amount (group 1: the sign): "P56.12 to ", "Rs 83.2 to ".
_SIGNED_RATE_TO: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w$])([^\s\d]{1,4})[ \u00a0]?[0-9][0-9.,]*[ \u00a0]+to[ \u00a0]+\Z"
)


def _rate_before_to(text: str, start: int, nend: int, end: int) -> bool:
    """Whether "to" before ``start`` ("… to a dollar") follows an amount written with another currency's sign, the
    price side of an exchange rate ("P56.12 to a dollar", "Rs 83.2 to a dollar"; not "from $5 to a dollar")."""
    m = _SIGNED_RATE_TO.search(text, max(0, start - 40), start)
    if m is None:
        return False
    sign = m.group(1)
    noun = text[nend:end].strip(" \u00a0").lower()
    return (
        not (noun.startswith("dollar") and "$" in sign)
        and not (noun.startswith("euro") and "€" in sign)
        and not (noun.startswith("pound") and "£" in sign)
    )


def _place_prefix(text: str, nstart: int) -> str:
    """The place prefix of ``curated.MINOR_UNIT_PLACE_PREFIXES`` glued to the number at ``nstart`` ("HK" in
    "HK38 cents"), as a whole word start, else ""."""
    for prefix in curated.MINOR_UNIT_PLACE_PREFIXES:
        k = nstart - len(prefix)
        if k >= 0 and text.startswith(prefix, k) and (k == 0 or not text[k - 1].isalnum()):
            return prefix
    return ""


def _sign_title(text: str, start: int, end: int) -> bool:
    """Whether the amount ``text[start:end]``, a currency sign and its number, is part of a title: a capitalised
    "The" right before the sign and a capitalised noun of ``curated.SIGN_TITLE_NOUNS`` right after ("The $64,000
    Question", "The $100,000 Pyramid", "The $6 Million Man"). Offsets are code points."""
    if start < 4 or text[start - 4 : start] != "The " or (start > 4 and text[start - 5].isalnum()):
        return False
    m = _WORD.match(text, end)
    return m is not None and m.start() == end and m.group(1).rstrip(".") in curated.SIGN_TITLE_NOUNS


#: Words after "<number> marks" that make "marks" the verb ("Reiwa 7 marks the seventh year"): determiners (not
#: "a", a rate's article: "9.50 marks a share").
_MARKS_VERB_OBJECTS: Final[frozenset[str]] = frozenset(
    {"the", "its", "his", "her", "their", "our", "this", "that", "another"}
)


def _won_is_verb(text: str, p: int, end: int) -> bool:
    """Whether "won" (ending at ``end``, after the number ending at ``p``) is the verb. After a scale word only
    before "at least" or a word of ``curated.WON_VERB_AFTER_SCALE`` ("1.2 million won a free play"; "1.2 trillion
    won in a new plant" is money); after a bare number, when a year stands before it ("Class of 2019
    won"), an amount or a score after it ("37 won $250,000", "5 won 3-2"), or, after an ungrouped number, a
    word of ``curated.WON_VERB_NEXT_WORDS`` (an article only when no time unit follows it: "500 won a month"
    is money) or a number word ("Season 2 won three Emmys")."""
    if not text[p - 1 : p].isdigit():
        # a scale word before it: the currency ("1.2 trillion won in a new plant", "5 billion won in damages",
        # "500 billion won the previous year"), unless a word of curated.WON_VERB_AFTER_SCALE follows ("Of 5
        # million tickets, 1.2 million won at least a free play", "3 million won prizes")
        m = _WON_NEXT.match(text, end)
        if m is None or m.group(2) is None:
            return False
        word = m.group(2).lower()
        if word in ("a", "an") and (
            _per_unit(text, end) is not None
            or (
                (after := _NEXT_WORD.match(text, m.end())) is not None
                and after.group(1).lower() in _TIME_UNITS
            )
        ):
            return False  # "5 million won a month", "300 million won a year before his move"
        if word == "at":
            return text[m.end() : m.end() + 6].lower() == " least"
        return word in curated.WON_VERB_AFTER_SCALE
    digits = text[max(0, p - 4) : p]
    if (
        digits.isdigit()
        and digits[:2] in ("19", "20")
        and len(digits) == 4
        and not text[p - 5 : p - 4].isalnum()
    ):
        return True
    m = _WON_NEXT.match(text, end)
    if m is None:
        return False
    if m.group(1) is not None:
        return True  # "won $250,000", "won 3-2", "won €5m"
    if m.group(2).lower() in _WON_PRIZE_PLURALS:
        return True  # "3,000 won places in the final round", "Over 1,200 won medals": the plural things won
    if "," in text[max(0, p - 4) : p] or (text[p - 3 : p - 2] == "." and text[p - 2 : p].isdigit()):
        return False  # a grouped sum or cents: "paid 5,000 won in cash", "1,375.50 won for a dollar"
    word = m.group(2).lower()
    if word in ("a", "an") and _per_unit(text, end) is not None:
        return False
    # a number word: "Season 2 won three Emmys", "Episode 4 won two awards"
    return word in curated.WON_VERB_NEXT_WORDS or word in curated.UNITS or word in curated.TENS


#: The plural things one wins, after "<number> won" (whatever the number's shape): the verb.
_WON_PRIZE_PLURALS: Final[frozenset[str]] = frozenset(
    w for w in curated.WON_VERB_AFTER_SCALE | curated.WON_VERB_NEXT_WORDS if len(w) > 3 and w.endswith("s")
) - {"this", "its", "their", "his", "hers", "ours"}
_WON_NEXT: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:([0-9$€£¥₹])|([^\W\d_][^\W\d_-]*))")


_SPACED_CENT_NOT_AFTER: Final[frozenset[str]] = curated.SPACED_CENT_NOT_AFTER
#: Words that may follow a spaced "c" of cents: the minor-tail words and per-unit/range words ("10 c each").
_SPACED_CENT_NEXT: Final[frozenset[str]] = (
    curated.MINOR_TAIL_NEXT_WORDS | curated.PER_EACH | {"a", "an", "per", "to"}
)


#: A slash and a tariff's unit after a spaced "c" of cents ("189.9 c/L", "12 c/kWh").
_CENT_SLASH_UNIT: Final[re.Pattern[str]] = re.compile(r"/(?:L|l|kWh|kwh|MWh|litre|liter|kg|lb|therm)(?![\w])")


def _spaced_cent(text: str, p: int, cend: int) -> bool:
    """True when the lower-case "c" ending at ``cend``, one space after the number ending at ``p``, is cents
    ("10 c", "it costs 99 c."): the number is 1-2 digits with nothing glued before it (no sign, separator or
    decimal), the "c" ends the word (end of text, a line break, ``,;:!?)``, a full stop ending the sentence, or
    a space and a word that cannot be counted: "10 c each", never "2 c flour" in a recipe; never "c." before a
    year nor "C" for Celsius). The word before the number is not capitalised ("Figure 2 c", "Room 12 c") and
    none of the three words before it is a label or temperature word (``curated.SPACED_CENT_NOT_AFTER``:
    "section 10 c", "highs of 25 c").
    """
    if text[cend : cend + 1] == "/" and _CENT_SLASH_UNIT.match(text, cend) is not None:
        # a fuel or power tariff: "189.9 c/L", "12 c/kWh" (any number shape; not after a label: "Figure 2 c/L")
        s = p
        while s > 0 and (text[s - 1].isdigit() or text[s - 1] in ".,"):
            s -= 1
        before = text[max(0, s - 24) : s].split()
        return text[p - 1 : p].isdigit() and not (before and before[-1][:1].isupper())
    if cend < len(text):
        c = text[cend]
        if c == ".":
            if not _sentence_end(text, cend + 1):
                return False
        elif c == " " and text[cend + 1 : cend + 2].isalnum():
            nxt = _NEXT_WORD.match(text, cend)
            if nxt is None or nxt.group(1).lower() not in _SPACED_CENT_NEXT:
                return False  # "2 c flour" (cups), "10 c 20": only a word that cannot be counted may follow
        elif not (c in _SPACE_OR_BREAK or c in ",;:!?)"):
            return False
    if not text[p - 1 : p].isdigit():
        return False
    s = p - 2 if p >= 2 and text[p - 2].isdigit() else p - 1
    if s > 0 and (text[s - 1].isalnum() or text[s - 1] not in _SPACE_OR_BREAK + "("):
        return False  # "1.10 c", "$10 c", "110 c", "x10 c"
    before = text[max(0, s - 24) : s].split()
    if not before:
        return True
    prev = before[-1].lstrip("(\"'“‘")
    if prev[:1].isupper():
        return False
    return not any(w.lower().strip(",;:(\"'“‘") in _SPACED_CENT_NOT_AFTER for w in before[-3:])


def _sentence_end(text: str, p: int) -> bool:
    """True when the dot ending at ``p`` closes a sentence: end of text, or a space and a capital or line break."""
    if p >= len(text):
        return True
    rest = text[p : p + 3]
    return rest[:1] in "\n\r" or (rest[:1] == " " and (rest[1:2].isupper() or rest[1:2] in "\n\"“'"))


#: Words between a weight verb (or a weight unit) and a bare count of pounds ("dropped nearly 60 pounds").
_WEIGHT_HEDGES: Final[frozenset[str]] = frozenset(
    {"nearly", "about", "around", "almost", "some", "over", "or", "than", "more", "least", "at", "roughly"}
    | {"each", "apiece"}  # "two bags of up to 23 kg each, or 50 pounds"
    | {"up", "to"}  # "the truck can tow up to 10,000 pounds"
)
#: Weight units that, restated as pounds right after, make them weight ("3 stone, or about 42 pounds").
_WEIGHT_UNITS_BEFORE: Final[frozenset[str]] = frozenset({"stone", "kg", "kilos", "kilograms", "st"})


#: The words of a number written in words (cardinals, "hundred", "thousand", "and"), lower case.
_NUMBER_RUN_WORDS: Final[frozenset[str]] = frozenset(
    {*curated.UNITS, *curated.TENS, "hundred", "thousand", "and"}
)


#: Verbs of body weight: a count after them in the thousands is money ("lost 1,200 pounds at the casino").
_BODY_WEIGHT_VERBS: Final[frozenset[str]] = frozenset(
    {"lost", "lose", "losing", "gained", "gain", "put", "dropped", "regained", "regain", "regaining"}
)
#: Verbs that take body weight with a particle before the number ("gained back", "put on", "took off").
_PARTICLE_WEIGHT_VERBS: Final[frozenset[str]] = frozenset(
    {"gained", "gain", "gaining", "put", "putting", "puts", "took", "take", "taking", "packed", "piled"}
)


def _weight_before(text: str, p: int) -> bool:
    """True when the words before the number at/before ``p`` speak of weight ("weighed 200 pounds")."""
    words = text[max(0, p - 60) : p].lower().split()
    k = len(words)
    while k > 1 and words[k - 1] in _NUMBER_RUN_WORDS:
        k -= 1
    if k < len(words):  # a number in words stands where digits would: "lost fifteen pounds", "weighed two
        words = [*words[:k], "0"]  # hundred and twenty pounds"
    if len(words) > 1 and words[-1].replace(",", "").isdigit():
        # "lost 12 pounds", "recycled 2,200 pounds": a bare count of pounds after lose/gain is weight, also across a hedge ("dropped
        # nearly 60 pounds") or a weight restated ("lost 3 stone, or about 42 pounds")
        k = len(words) - 2
        while k > 0 and words[k].rstrip(",") in _WEIGHT_HEDGES:
            k -= 1
        if k > 0 and words[k] in ("back", "on", "off") and words[k - 1] in _PARTICLE_WEIGHT_VERBS:
            k -= 1  # "gained back 100 pounds", "put on 30 pounds", "took off 20 pounds": the verb and its particle
        if (
            words[k] in curated.WEIGHT_VERBS_BARE
            and ("," not in words[-1] or words[k] not in _BODY_WEIGHT_VERBS)
        ) or (words[k].rstrip(",") in _WEIGHT_UNITS_BEFORE):
            return True  # (a body loses or gains no thousands of pounds: "lost 1,200 pounds at the casino")
    if any(w.rstrip(",:") in curated.WEIGHT_WORDS for w in words[-4:]) or (
        len(words) > 3
        and words[-2] in ("to", "-")
        and any(w.rstrip(",:") in curated.WEIGHT_WORDS for w in words[-6:])
    ):
        return True  # ("Item Weight: 5 Pounds": a label's colon; a range: "with weights of 1,050 to 1,200 pounds")
    # a height before it: "described as 5-foot-10 and 170 pounds", "6ft 2in, 210 pounds"
    return _HEIGHT_BEFORE.search(text, max(0, p - 40), p) is not None


_COMPOUND_AFTER: Final[re.Pattern[str]] = re.compile(
    "(?:" + "|".join(curated.COMPOUND_AFTER_NAME) + r")\b", re.IGNORECASE
)


def _goods_weighed_before(text: str, q: int, end: int) -> bool:
    """Whether "pounds" at ``text[q:end]`` restates a weight of goods named earlier in its sentence: the earlier
    level of a comparison ("exported 45 million pounds of cherries …, up from 38 million pounds"), ending its
    clause, in a text with no sign of sterling."""
    if _EARLIER_LEVEL_BEFORE.search(text, max(0, q - 48), q) is None or text.startswith(" of ", end):
        return False
    lo = _sentence_start(text, q, 200)
    if "pounds of " not in text[lo:q].lower():
        return False
    return _POUND_AS_WEIGHT.search(text[lo:q].lower()) is not None and not _shows_sterling(text)


@functools.lru_cache(maxsize=8)
def _shows_sterling(text: str) -> bool:
    """Whether ``text`` shows any sign of sterling ("£", "sterling", "pence", "GBP", "quid"); read once per text
    (cached: asked for each count of pounds, a text of many stays linear)."""
    if "£" in text:
        return True
    lowered = text.lower()
    return any(w in lowered for w in ("sterling", "pence", "gbp", "quid"))


#: "from", "against", "vs" or "versus" (perhaps hedged), a number and perhaps a scale word right before a currency
#: name: the earlier level of a comparison ("up from 38 million ").
_EARLIER_LEVEL_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:from|against|vs\.?|versus)[ \u00a0]+(?:(?:about|around|some|nearly)[ \u00a0]+)?[0-9][0-9.,]*"
    r"(?:[ \u00a0]*(?:million|billion|mln|bn|m))?[ \u00a0]*\Z"
)


def _pounds_weigh_here(text: str, p: int, q: int) -> bool:
    """Whether a count of spelled-out "pounds" (at ``q``; the number ends at ``p``) is a weight because the text
    prices in dollars and weighs in pounds: a "$" or a dollar word and a weight use of "pound" ("$2.89 a pound",
    "1.93 dlrs a pound", "per pound", "lbs", "stone", "pounds of food") and no sign of sterling ("£", "pence",
    "GBP", "sterling", "stg") anywhere. A scaled count is a weight too after a verb or noun of quantities moved
    (:data:`_WEIGHED_SCALED_LEAD`: "nickel deliveries totalled 98 mln pounds"; not "paid 50 million pounds")."""
    return (
        text[p - 1 : p].isdigit() or _WEIGHED_SCALED_LEAD.search(text, max(0, q - 64), q) is not None
    ) and _text_weighs_in_pounds(text)


#: A verb or noun of quantities moved, a number and a scale word right before "pounds" (see
#: :func:`_pounds_weigh_here`): "deliveries totalled 98 mln ", "shipped about 4 million ".
_WEIGHED_SCALED_LEAD: Final[re.Pattern[str]] = re.compile(
    r"\b(?:totalled|totaled|totalling|totaling|delivered|deliveries|shipped|shipments|produced|production|output"
    r"|processed|harvested|handled|consumed|weighed|weighing)[ \u00a0]+(?:(?:about|some|nearly|almost)[ \u00a0]+)?"
    r"[0-9][0-9.,]*[ \u00a0]*(?:million|billion|mln|bln|bn|m)[ \u00a0]+\Z",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=8)
def _text_weighs_in_pounds(text: str) -> bool:
    """The whole-text half of :func:`_pounds_weigh_here`, read once per text (cached: a text of many "pounds"
    stays linear; a str caches its own hash, so a lookup costs no pass over the text)."""
    if "£" in text:
        return False
    lowered = text.lower()
    if "$" not in text and "dlr" not in lowered and "dollar" not in lowered:
        return False  # (the wires price in "dlrs": "realized prices averaged 1.93 dlrs a pound")
    if any(w in lowered for w in ("sterling", "pence", "gbp", "quid", "stg")):
        return False
    return _POUND_AS_WEIGHT.search(lowered) is not None


#: A weight written with the abbreviation "lb" after its digits: "252lb", "271 lbs", "18 lb".
_LB_WEIGHT: Final[re.Pattern[str]] = re.compile(r"[0-9][ \u00a0]?lbs?\b")
_POUND_AS_WEIGHT: Final[re.Pattern[str]] = re.compile(
    # (farm reports price grain and livestock by the bushel and the hundredweight: "per cwt")
    r"\b(?:a pound|per pound|lbs?|stone|ounces?|cwt|hundredweight|bushels?)\b"
    # a weighed object elsewhere in the text: "collected 3,450 pounds of food" (not "pounds of gilts")
    r"|\bpounds of (?!the\b|(?:"
    + "|".join(sorted(curated.MONEY_OBJECTS_OF, key=len, reverse=True))
    + r")\b)[a-z]"
)


#: A number with one decimal digit right before a spelled-out "pounds" ("159.8 pounds"): a weight (money in
#: pounds is written "£159.80" or with a scale word: "1.5 million pounds" does not end this way).
_ONE_DECIMAL: Final[re.Pattern[str]] = re.compile(r"(?<![\d.,])\d+\.\d[ \u00a0]*\Z")
#: A person's height a few words before a count of pounds ("5-foot-10", "6ft 2in", "5'10\""): a weight follows.
_HEIGHT_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b[4-7][ -]?(?:foot|feet|ft)\b|\b[4-7]'[ ]?\d{1,2}(?:\"|'')?|\b[12]\.\d{2} ?m(?:etres?)? tall"
)
#: A scale word right before a currency name ("half a billion pounds", "5 million pounds").
_SCALE_BEFORE_NAME: Final[re.Pattern[str]] = re.compile(
    r"(?:million|billion|trillion|mln|bn)[ \u00a0]+\Z", re.IGNORECASE
)
#: "of", one or two modifiers and a money noun after a currency name: " of household debt", " of unpaid tax".
_MONEY_OBJECT_AFTER_MODIFIERS: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:[a-z'-]+[ \u00a0]+){1,2}(?:"
    + "|".join(sorted(curated.MONEY_OBJECTS_OF, key=len, reverse=True))
    + r")\b"
)
_WEIGHT_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\s*(?:\(\s*(?:about\s+|around\s+)?[\d.,]+\s*(?:kg|kilos?|kilograms?)\b"
    r"|over\s+the\s+(?:[\d.]+-pound\s+)?(?:limit|weight|mark)\b|of\s+(?!the\b|(?:"
    + "|".join(sorted(curated.MONEY_OBJECTS_OF, key=len, reverse=True))
    + r")\b)[a-z]|in\s+weight|heavier\b|lighter\b|overweight\b"
    # vehicle and load ratings: "exceeding 26,000 pounds gross vehicle weight rating", "10,000 pounds GVWR"
    r"|gross\s+(?:vehicle\s+|combination\s+)?weight\b|GVWR?\b|GCWR\b|payload\b|towing\b|of\s+thrust\b"
    # a scale ticket: "61,420 pounds gross and 28,900 pounds tare"
    r"|(?:gross|tare|net)\s+(?:and|weight|,|\.|;)|tare\b|live\s?weight\b|liveweight\b"
    # pounds and ounces: a birth weight, "a son, 8 pounds 4 ounces"
    r"|(?:and\s+)?[0-9]{1,2}(?:\s+|-)(?:ounces?|oz)\b"
    # a weigh-in after it: "both fighters came in at 147 pounds at Friday's weigh-in", "on the scales"
    r"|(?:at|for|on)\s+(?:(?:the|a|their|his|her|friday's|saturday's|thursday's|[a-z]+'s)\s+)?"
    r"(?:weigh-ins?|weigh\s+ins?|scales|official\s+weigh-in|ceremonial\s+weigh-in)\b)",
    re.IGNORECASE,  # ("A POUND OF COFFEE: NEARLY $8" in a headline)
)


_SCALE_LEAD: Final[str] = " \u00a0\u202f-\n"  # one line break may stand for a space ("2.5\nbillion")
#: Every first letter of a scale word or letter (both cases), from the tables: a cheap test before the patterns.
_SCALE_FIRST: Final[frozenset[str]] = frozenset(
    c for w in (*curated.SCALE_WORDS, *curated.SCALE_LETTERS) for c in (w[0].lower(), w[0].upper())
)


#: The South Asian scale words above the crore, lower case, after one space: "arab" (10^9), "kharab" (10^11).
_SOUTH_ASIAN_SCALE: Final[re.Pattern[str]] = re.compile(r"[ \u00a0](arab|kharab)(?![\w-])")
#: A rupee sign right before a number: "Rs 90", "Rs.5", "₨ 12", "PKR 3".
_RUPEE_BEFORE: Final[re.Pattern[str]] = re.compile(r"(?:Rs\.?|₨|PKR|INR|₹)[ \u00a0]?\Z")


#: Upper- and mixed-case forms of the scale abbreviations read in lower case only ("rb", "jt").
_LOWER_ONLY_SCALES_UPPER: Final[frozenset[str]] = frozenset({"RB", "Rb", "rB", "JT", "Jt", "jT"})


def _read_scale(text: str, p: int) -> tuple[int, int] | None:
    """Scale word at ``p``: (exponent, end) or None. Attached letters ("5m", "10k") or a word."""
    c = text[p : p + 1]
    if (c == " " or c == "\r") and text[p + 1 : p + 2] == "\n":  # "5 \nmillion", "5\r\nmillion"
        p += 1
        c = "\n"
    elif c == " " and text[p + 1 : p + 3] == "\r\n":
        p += 2
        c = "\n"
    spaced = c != "" and c in _SCALE_LEAD
    if spaced:
        c = text[p + 1 : p + 2]
        if c == " " and text[p] == " ":  # a run of spaces ("$5  million", "$5    million"): up to eight
            k = p + 1
            while k < p + 7 and text[k + 1 : k + 2] == " ":
                k += 1
            p = k
            c = text[p + 1 : p + 2]
    if (
        spaced
        and text[p] == "-"
        and c != ""
        and c in "BMT"
        and not text[p + 2 : p + 3].isalnum()
        and text[p + 2 : p + 3] != "-"
    ):
        # the Philippine press's hyphened scale letter: "P273.3-B deficit", "P800-M", "P1.2-T"
        return {"B": 9, "M": 6, "T": 12}[c], p + 2
    if spaced and (c == "a" or c == "k") and (south_asian := _SOUTH_ASIAN_SCALE.match(text, p)) is not None:
        k = p
        while k > 0 and text[k - 1] in "0123456789.,":
            k -= 1
        if _RUPEE_BEFORE.search(text, max(0, k - 6), k) is not None:
            # Pakistan's and India's "arab" (10^9) and "kharab" (10^11) after a rupee sign: "Rs 90 arab"
            return (9 if south_asian.group(1) == "arab" else 11), south_asian.end(1)
    if not c or c not in _SCALE_FIRST:  # every scale word or letter starts with one of these
        return None
    if (c == "C" or c == "D") and _credit_marker(text, p, spaced):
        return None  # "Credit balance $45.00CR", "$210.00 CR": a statement's credit (debit) marker, not crore
    if not spaced:  # a scale letter is attached ("5m", "10k"); text[p] is a space, hyphen or break otherwise
        m = _SCALE_ATTACHED.match(text, p)
        if m is not None:
            return curated.SCALE_LETTERS.get(m.group(1), _SCALE_WORDS.get(m.group(1).lower(), 0)), m.end()
    m = _SCALE_WORD.match(text, p)
    if m is not None and m.group(1) in _LOWER_ONLY_SCALES_UPPER:
        m = None  # "sector B-R5RB", "JT": the Indonesian shop abbreviations are lower case ("Rp115rb", "Rp 2,5 jt")
    if m is not None:
        exp = _SCALE_WORDS[m.group(1).lower()]
        end = m.end()
        m2 = _SCALE_WORD.match(text, end)  # "lakh crore", "thousand million", "₹2 lakh-crore"
        if (
            m2 is not None
            and m2.group(0)[:1] in " \u00a0-"
            and m2.group(1).lower() != "grand"  # ("a $25 million grand prize": an adjective, not a thousand)
            # (nor the head of a compound adjective: "a $1 billion thousand-acre farm", "mil-spec")
            and (text[m2.end() : m2.end() + 1] != "-" or text.startswith("-plus", m2.end()))
        ):
            if m.group(1).lower() == "mil":
                exp = 3  # "2 mil milhões": Portuguese/Spanish "mil" (a thousand) before another scale word
            exp += _SCALE_WORDS[m2.group(1).lower()]
            end = m2.end()
        return exp, end
    return None


#: A number right before "min" ("30 MIN ", "60-min "): minutes.
_NUMBER_BEFORE_MIN: Final[re.Pattern[str]] = re.compile(
    r"[0-9][ \u00a0-]?min[.s:]?[ \u00a0]+\Z", re.IGNORECASE
)


def _credit_marker(text: str, p: int, spaced: bool) -> bool:
    """Whether upper-case "CR" (or "DR") at ``p`` (after one space when ``spaced``) marks a statement's credit:
    after a number with two decimals or after a dollar, pound or euro sign ("$45.00CR", "$1,200 CR"; crore is
    written after rupees: "Rs 1,200 Cr", "₹5 crore")."""
    q = p + 1 if spaced else p
    if text[q : q + 2] not in ("CR", "DR") or text[q + 2 : q + 3].isalpha():
        return False
    k = p
    while k > 0 and (text[k - 1].isdigit() or text[k - 1] in ".,"):
        k -= 1
    two_decimals = p - k >= 4 and text[p - 3] == "." and text[p - 2 : p].isdigit()
    return two_decimals or text[max(0, k - 2) : k].strip(" \u00a0")[-1:] in ("$", "£", "€")


#: Right after an amount: a domain or file-name ending glued to it ("eur5.net", "$5.pdf"; prose puts a space
#: after a full stop) or the "@" of an e-mail address ("usd100@example.com").
_ADDRESS_AFTER: Final[re.Pattern[str]] = re.compile(
    r"\.[a-z]{2,6}(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])|@[^\W\d_]"
)


#: A number that can only be money after a one-letter dollar prefix ("$C3.5 billion", "$A1,250", "$A7.20"):
#: decimals, thousands grouping or a scale word. A bare "$C5" is a spreadsheet cell.
_MONEY_SHAPED: Final[re.Pattern[str]] = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*\.[0-9]|[0-9]+[ \u00a0]?(?:million|billion|trillion|mln|bn|m|b|k|tn)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
#: A racing verb (and a preposition) right before a letter sign and one or two digits: a grid or finishing
#: position ("qualified P2", "finished P3", "lined up P10"), not a price ("fares start at P13" is one).
_RACE_POSITION_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:qualif(?:y|ies|ied|ying)|finish(?:es|ed|ing)?|plac(?:es|ed|ing)|classified"
    r"|sits|sat|sitting|line[ds]?[ \u00a0]+up|lining[ \u00a0]+up)(?:[ \u00a0]+(?:in|from|on))?[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: ", up from" or ", down from" (perhaps hedged) right before an amount: the earlier level of a figure named before
#: the comma, so "X to Y" after it is that level's range, not a change.
_EARLIER_LEVEL_FROM: Final[re.Pattern[str]] = re.compile(
    r",[ \u00a0]+(?:up|down)[ \u00a0]+from[ \u00a0]+(?:(?:about|around|roughly|some)[ \u00a0]+)?\Z"
)
#: "a short of", "net short of" right before an amount: a trader's short position, no bound.
_SHORT_POSITION: Final[re.Pattern[str]] = re.compile(r"\b(?:net|a)[ \u00a0]+short[ \u00a0]+of[ \u00a0]+\Z")
#: Cents alone, written with two decimals after a zero ("0.47" in "K0.47").
_ZERO_CENTS: Final[re.Pattern[str]] = re.compile(r"0\.[0-9]{2}")
#: A number written with two decimals ("27.25", "0.55"), as prices are.
_CENTS_WRITTEN: Final[re.Pattern[str]] = re.compile(r"\.[0-9]{2}\Z")
#: A number written with two decimals, from its start ("45.10", "1,234.50"): a receipt column's amount.
_TWO_DECIMALS_AT: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]{2}(?![0-9])")
#: An exchange rate's base after an amount ("… escudos to the euro", "… lire against the dollar").
_RATE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:to|against|per|made|make|makes)[ \u00a0]+(?:the[ \u00a0]+|one[ \u00a0]+)?(?:euro|dollar|pound|ecu|mark|franc|yen"
    r"|d-mark|deutschmark)s?\b",
    re.IGNORECASE,
)
#: The price of a next list item right after a word ("/ Child $10", "/ VIP 90$").
#: (Not a bracket, an arrow or a percentage after the unit: "$108.50/t (-1.1%)", "$2.41/MMBtu ▼3%".)
_PRICE_NEXT: Final[re.Pattern[str]] = re.compile(
    "[ \u00a0]+(?![(\\[\u25b2\u25bc\u2191\u2193~+\\-\u2212])\\S{0,3}[0-9](?![0-9.,]*%)"
)
#: A number right after a code (one space allowed): the code starts the next amount.
_NUMBER_NEXT: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]?[0-9]")
#: Letter signs whose glued amount may take a lower-case "k" for thousands ("N450k", "P15k", "R12k").
_K_THOUSANDS_SIGNS: Final[frozenset[str]] = frozenset({"N", "P", "R"})
#: Currencies whose sign brings the Continental layout with it: a lone "." and three digits after it group
#: thousands ("R$ 3.500" is 3500 reais).
_DOT_GROUPING_SIGNS: Final[frozenset[str]] = frozenset({"BRL"})
#: Pesos worth so little that no price in them has three decimals, whose press groups thousands with dots.
_LOW_VALUE_PESOS: Final[frozenset[str]] = frozenset({"COP", "ARS", "CLP", "UYU", "PYG"})


def _hinted_currency(locale_hint: str | None) -> str | None:
    """The currency of a locale hint's region (``REGION_CURRENCY``), or None."""
    region = _region(locale_hint)
    return REGION_CURRENCY.get(region) if region is not None else None


#: One or two digits alone: the minor units of "15 USD 50", "3 GBP 1 pence".
_MINOR_TAIL_DIGITS: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,2}(?![0-9]|[.,][0-9])")
#: A number with a code or letter sign of its own after it: "50 EUR", "50 Ksh".
_OWN_CURRENCY_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[0-9][0-9.,]*[ \u00a0]?(?:[A-Z]{3}|[A-Z][a-z]{1,3})\b"
)
#: The Peruvian sol's sign, right before the number or one space ("S/ 1.5 billion", "S/.1.50").
_SOL_BEFORE: Final[re.Pattern[str]] = re.compile(r"(?<![^\W\d_])S/\.?\Z")
#: An ISO code right before an accountants' bracket ("USD (12.3) million", "EUR(3.4)m").
_CODE_BEFORE_PAREN: Final[re.Pattern[str]] = re.compile(r"(?<![^\W\d_])([A-Z][A-Za-z]{1,2})[ \u00a0]?\Z")


def _paren_negative(text: str, s: int, e: int) -> bool:
    """True when the digit run ``text[s:e]`` is an accountants' negative: in brackets right after a sign, glued
    or after one space ("$(12.5) million", "$ (1,234)"), after an ISO code or a letter sign ("USD (12.3)
    million", "RMB(245.3) million"), or a decimal with pence or cents glued after it ("(3.4)p")."""
    if not (s > 1 and text[s - 1] == "(" and text.startswith(")", e)):
        return False
    if text[s - 2] in _SIGN_CHARS or (text[s - 2] == " " and s > 2 and text[s - 3] in _SIGN_CHARS):
        return True
    code = _CODE_BEFORE_PAREN.search(text, max(0, s - 6), s - 1)  # "USD (12.3) million", "GBP(2.1)m"
    if code is not None and (code.group(1) in CODES or code.group(1) in _SIGN_WORDS):
        # (and a letter sign: "RMB(245.3) million", "Rs (12.5) crore"; not the code's ISO 4217 numeric code: "the
        # euro EUR (978)" is no amount)
        return ISO_NUMERIC.get(code.group(1)) != text[s:e]
    # pence or cents glued after the bracket, of a decimal number: "Basic loss per share was (3.4)p"
    # after a link ("was (3.4)p", "loss per share: (3.4)p", "of (12.5)c"), not a label ("Figure (3.4)p")
    return (
        "." in text[s:e]
        and _MINOR_AFTER_PAREN.match(text, e + 1) is not None
        and (text[s - 3 : s - 1] == ": " or _word_before(text, s - 1) in _PAREN_MINOR_LINKS)
    )


_PAREN_MINOR_LINKS: Final[frozenset[str]] = frozenset({"was", "were", "is", "are", "of", "at", "to", "from"})


#: Pence or cents right after an accountants' bracket ("(3.4)p", "(12.5)c", "(3.4) pence").
_MINOR_AFTER_PAREN: Final[re.Pattern[str]] = re.compile(r"(?:[pc]|[ \u00a0](?:pence|cents))(?![^\W\d_])")


def _math_before(text: str, s: int) -> bool:
    """True when the number starting at ``s`` follows a math operator ("= 5", "^2", "+3"; one space allowed)
    and a "$" opens a TeX math span before it on the same line, at most 80 code points back ("$n = 5$")."""
    k = s - 1 if s > 0 and text[s - 1] == " " else s
    if not (k > 0 and text[k - 1] in "=+*/^_{\\<>×·≤≥"):
        return False
    opener = text.rfind("$", max(0, s - 80), k)
    # (on the same line and in the same sentence: "$. The +0$" has no math span)
    return opener >= 0 and not any(mark in text[opener:s] for mark in ("\n", ". ", "! ", "? "))


#: A scale letter after one space, alone ("£ 12.3 m", "USD 4.5 M."): not "M&A", "m/s", "m²", "m-long", "K-12".
_SPACED_SCALE_LETTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]([kKmM])(?![\w&/'\u2019\u00b2\u00b3-])(?!\.[^\W\d_])"  # not an abbreviation: "₹1,299 M.R.P."
)


#: After "N marks": an exam score ("95 marks out of 100", "40 marks to pass", "marks in the exam").
#: A score written anywhere in the text: "60 marks out of 100", "40 marks to pass", "(10 marks)".
_SCORE_IN_TEXT: Final[re.Pattern[str]] = re.compile(
    r"\b\d{1,3}[ \u00a0]+marks(?:[ \u00a0]+(?:out of|to pass)\b|[)\]])"
    # a tender's evaluation: "minimum technical score 49 marks", "weighting: technical 70 marks"
    r"|\b(?:score|scores|scoring|weighting|weightage|evaluation criteria)\b[^.;\n]{0,40}\b\d{1,3}[ \u00a0]+marks\b",
    re.IGNORECASE,
)
_SCORE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:out of|to pass|in (?:the |an? |each )?(?:exam|test|paper|quiz))\b", re.IGNORECASE
)


_CLAUSE_SPLIT: Final[re.Pattern[str]] = re.compile(r"[.;:!?]\s")


def _score_context(text: str, nstart: int, end: int) -> bool:
    """Whether the "marks" after the number starting at ``nstart`` (ending at ``end``) are a score: a score
    phrase after it, a score written nearby in the text ("60 marks out of 100"), or a word of
    ``curated.SCORE_WORDS`` among the three words before the number. (The caller asks only for at most 1000.)"""
    if _SCORE_AFTER.match(text, end) is not None:
        return True
    if nstart > 0 and text[nstart - 1] in "([" and text[end : end + 1] in (")", "]"):
        return True  # an exam paper's "(2 marks)", "[10 marks]"
    if _SCORE_IN_TEXT.search(text, max(0, nstart - 600), end + 600) is not None:
        # a text that scores something ("60 marks out of 100") scores its other small "marks" too (within
        # 600 code points: a bounded look, so that a text of many "marks" stays linear)
        return True
    window = text[max(0, nstart - 40) : nstart].lower()
    clause = _CLAUSE_SPLIT.split(window)[-1]  # only the words of the number's own clause
    return any(w.strip(",") in curated.SCORE_WORDS for w in clause.split()[-3:])


#: Verbs before "as high as" / "as low as" that make the figure a price level ("shares traded as high as 1.1c",
#: "were as low as 0.9c"), not a temperature.
_LEVEL_VERBS: Final[frozenset[str]] = curated.MARKET_MOVE_VERBS | {"were", "was", "been", "are", "is"}


def _labelled_number(text: str, p: int) -> bool:
    """Whether the number ending at ``p`` follows a label or temperature word ("Fig. 3c", "Table 2c", "highs of
    29c"): one of the two words before it is in ``curated.SPACED_CENT_NOT_AFTER`` or ``curated.LABEL_NOUNS``."""
    s = p
    while s > 0 and (text[s - 1].isdigit() or text[s - 1] in ".,"):
        s -= 1
    window = text[max(0, s - 40) : s].lower().split()
    before = window[-2:]
    if not before:
        return False
    last = before[-1]
    if last == "as" and len(window) >= 4 and window[-3] == "as" and window[-4] in _LEVEL_VERBS:
        return False  # "shares traded as high as 1.1c", "were as low as 0.9c": a price level, no temperature
    return (
        last in curated.SPACED_CENT_NOT_AFTER
        or last.rstrip(".") in curated.LABEL_NOUNS
        or (len(before) == 2 and before[0] in curated.SPACED_CENT_NOT_AFTER)  # "highs of 29c"
    )


def _price_base(text: str, a: _Amount) -> bool:
    """Whether the year-like ``a`` with a currency after it is a price base, not an amount: after a word of
    ``curated.PRICE_BASE_WORDS`` ("in 2023 dollars", "constant 2015 US$"), in brackets with its currency
    ("(2015 USD)", "(2020 dollars)"), or after "deflated/adjusted/converted to" ("deflated to 2015 euros")."""
    word, wstart = _prev_word(text, a.nstart)
    word = word.lower()
    if word in _PRICE_BASE_WORDS:
        return True
    period = _PERIOD_BEFORE.search(text, max(0, a.nstart - 32), a.nstart)
    if period is not None and period.group(1).lower() in _PRICE_BASE_WORDS:
        return True  # "in Q3 2024 US dollars", "in constant Q1 2025 Canadian dollars", "in June 2024 dollars"
    if a.nstart > 0 and text[a.nstart - 1] == "(" and text[a.end : a.end + 1] == ")":
        return True
    if word == "of" and _prev_word(text, wstart)[0].lower() in _VAGUE_PLURAL_SCALES:
        return True  # "billions of 2017 dollars", "thousands of 2015 euros": a vague sum in a year's prices
    after = _NEXT_WORD.match(text, a.end)
    if after is not None and after.group(1).lower() in ("throughout", "terms", "prices", "basis"):
        return True  # "The report uses 2022 USD throughout", "in 2015 euro terms": a price base
    return word == "to" and _prev_word(text, wstart)[0].lower() in curated.PRICE_BASE_VERBS


_VAGUE_PLURAL_SCALES: Final[frozenset[str]] = curated.VAGUE_PLURAL_SCALES
#: The word before a period before a price year ("in Q3 2024 US dollars", "in mid-2023 dollars", "in June
#: 2024 dollars"): group 1 is the word (a price base word, ``curated.PRICE_BASE_WORDS``).
_PERIOD_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b([A-Za-z]+)[ \u00a0]+(?:Q[1-4][ \u00a0]+|H[12][ \u00a0]+|mid-|(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)[ \u00a0]+)\Z"
)


def _in_code(text: str, sign: int) -> bool:
    """True when the "$" at ``sign`` stands in code: inside a backtick span of its line (an odd number of
    backticks before it, at most 200 code points back), in an awk/Perl print ("{print $2}", "print $1") or a
    shell assignment ("PRICE=$1")."""
    lo = max(text.rfind("\n", max(0, sign - 200), sign) + 1, sign - 200, 0)
    if text.count("`", lo, sign) % 2 == 1:
        # (within the sentence too: "`. The $0" reads "The $0" as it reads alone)
        sentence = max(
            [lo] + [i + 2 for mark in (". ", "! ", "? ") if (i := text.rfind(mark, lo, sign)) != -1]
        )
        if text.count("`", sentence, sign) % 2 == 1:
            return True
    if text[max(0, sign - 6) : sign].endswith(("{", "print ", "echo ")):
        return True
    if (
        text[sign + 1 : sign + 2].isdigit()
        and not text[sign + 2 : sign + 3].isdigit()
        and text[sign + 2 : sign + 3] not in (".", ",")
    ):
        if text[sign + 2 : sign + 4] == ":$" or (sign > 0 and text[sign - 1 : sign] == ":"):
            return True  # "$1:$1": a spreadsheet's row reference
        # (the line around it, at most 120 code points each way: a bounded window keeps a long line linear; a
        # text with no code cue at all, found once per text, needs no window)
        line_lo = max(text.rfind("\n", max(0, sign - 120), sign) + 1, sign - 120, 0)
        line_hi = text.find("\n", sign, sign + 120)
        if (
            _text_has_code_cue(text)
            and _CODE_LINE_CUE.search(text, line_lo, min(len(text), sign + 120) if line_hi == -1 else line_hi)
            is not None
        ):
            # "./deploy.sh $1 $2", "kill -9 $2", "awk '$5 > 1000'", "s/(\d+)/$1/": a positional parameter, a
            # field or a regex group on a line of code, not one dollar
            return True
    if (
        text[sign + 1 : sign + 2].isdigit()
        and not text[sign + 2 : sign + 3].isdigit()
        and not (text[sign + 2 : sign + 3] in (".", ",") and text[sign + 3 : sign + 4].isdigit())
        and _text_has_shell_word(text)
        and (
            (
                _SHELL_CONTEXT.search(text, *(clause := _clause_bounds(text, sign))) is not None
                and _POSITIONAL_CONTEXT.search(text, *clause) is not None
            )
            # two of them, one this one, with a shell word near: "the script reads the retention period from $1
            # and the target directory from $2"
            or (
                _SHELL_CONTEXT.search(text, max(0, sign - 120), min(len(text), sign + 120)) is not None
                and any(
                    (m.start() == sign or m.end() == sign + 2) and int(m.group(2)) == int(m.group(1)) + 1
                    for m in _TWO_POSITIONALS.finditer(text, max(0, sign - 90), min(len(text), sign + 90))
                )
            )
        )
    ):
        return True  # "In bash, $1 is the script's first argument": a positional parameter in shell prose
    # a shell assignment of a positional parameter in shell context: "export TOTAL=$2", "PRICE=$1 in the shell
    # script" (a ".env" line "PRICE=$5" is a configured price)
    return (
        sign > 1
        and text[sign - 1] == "="
        and (text[sign - 2].isalnum() or text[sign - 2] == "_")
        and text[sign + 1 : sign + 2].isdigit()
        and not text[sign + 2 : sign + 3].isdigit()
        and _SHELL_CONTEXT.search(text, max(0, sign - 80), min(len(text), sign + 80)) is not None
    )


@functools.lru_cache(maxsize=1)  # (only the text being read: a large text is not kept)
def _text_has_code_cue(text: str) -> bool:
    """Whether any mark of code (:data:`_CODE_LINE_CUE`) stands anywhere in ``text``: read once per text (cached;
    a str caches its own hash), so a text of many "$5" needs no search around each (a fresh user timed 85 µs a
    mention on "$5 $5 …")."""
    return _CODE_LINE_CUE.search(text) is not None


@functools.lru_cache(maxsize=1)  # (only the text being read: a large text is not kept)
def _text_has_shell_word(text: str) -> bool:
    """Whether a shell word (:data:`_SHELL_CONTEXT`) stands anywhere in ``text``: read once per text (cached)."""
    return _SHELL_CONTEXT.search(text) is not None


_SHELL_CONTEXT: Final[re.Pattern[str]] = re.compile(r"\b(?:export|shell|script|bash|zsh|argv)\b")
#: The marks of a line of code or of a text about one, for a "$" and one digit on it (:func:`_in_code`): a
#: script path, a command of the shell, awk, sed or Perl, a substitution, the shell's special parameters, regex
#: and spreadsheet words.
_CODE_LINE_CUE: Final[re.Pattern[str]] = re.compile(
    r"\./[\w-]|\.sh\b|\b(?:kill|awk|sed|perl|grep|xargs|sudo|cp|mv|printf|ssh|chmod|tar|curl|kubectl|docker)\b"
    r"|(?<![\w/])s/[^/\s]+/|\{print\b|\$[@#*?]|\$\(\(|\|[ \t]*[a-z]+[ \t]+-"
    # SQL's numbered placeholders and a spreadsheet formula's references: "WHERE price > $1", "=A$1*B$2"
    r"|(?-i:\b(?:SELECT|WHERE|INSERT|UPDATE|VALUES)\b)|=[A-Z]{1,3}\$?[0-9]"
    r"|\b(?:backreferences?|capture groups?|capturing groups?|regex(?:es|p)?|regular expressions?|PIDs?"
    r"|cell references?|absolute references?|mixed references?|print titles)\b|=[A-Z]+\(",
    re.IGNORECASE,
)
#: Words that name a positional parameter ("the first argument", "the script name"), with shell context.
#: Two "$" and one digit each, with no scale word, decimals or digit after either, in one sentence ("from $1 and the
#: target directory from $2"): a script's positional parameters when the digits run on (groups 1 and 2) and a shell
#: word stands near.
_TWO_POSITIONALS: Final[re.Pattern[str]] = re.compile(
    r"\$([0-9])(?![0-9.,]?[0-9])(?![ \u00a0]*(?:k|m|bn|mn|million|billion|thousand)\b)[^$\n.!?;]{1,80}?"
    r"\$([0-9])(?![0-9.,]?[0-9])(?![ \u00a0]*(?:k|m|bn|mn|million|billion|thousand)\b)",
    re.IGNORECASE,
)
_POSITIONAL_CONTEXT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:arguments?|parameters?|script name|expands?|positional|argv)\b", re.IGNORECASE
)


#: A spaced scale letter between a number and its code or sign ("85 k USD", "10 K EUR", "2 M €"; group 2: the code).
_SPACED_LETTER_BEFORE_CODE: Final[re.Pattern[str]] = re.compile(r" ([kKmM]) (?:([A-Z]{3})(?![^\W_])|[€$£])")
#: A country tag after a postfixed "$" (``curated.DOLLAR_TAGS_AFTER``): "89,99 $ CA", "540 $ US".
_DOLLAR_TAG_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0](CAN|CA|US|É\.-U\.)(?![^\W_])")
#: A scale prefix glued to a currency sign or an ISO code after a number ("45 M€", "450 kEUR"; group 2: the code).
_SCALE_PREFIX_BEFORE_CURRENCY: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]?("
    + "|".join(sorted(curated.SCALE_PREFIXES_BEFORE_CURRENCY, key=len, reverse=True))
    + r")(?:[€$£]|([A-Z]{3}))(?![^\W_])"
)
_SCALE_PREFIX_LEAD: Final[frozenset[str]] = frozenset(
    {" ", "\u00a0", *(k[0] for k in curated.SCALE_PREFIXES_BEFORE_CURRENCY)}
)


#: "N in " before an amount's number: the proportion idiom ("1 in 3 yen", "one in four pounds").
_PROPORTION_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w.,])(?:[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)[ \u00a0]+in[ \u00a0]+\Z",
    re.IGNORECASE,
)


#: "L" for lakh after a rupee amount's number ("₹3.5L", "₹40 L"), a letter on its own.
_LAKH_LETTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]?L(?![\w'\u2019])")
#: The rupee currencies a sign may stand for (the Indian numbering's lakh is theirs).
_RUPEE_TARGETS: Final[frozenset[str]] = frozenset({"@rupee", "INR", "PKR", "NPR", "LKR"})


def _before_stop(text: str, right_start: int) -> int:
    """Where an amount ends when the currency read after it is set aside: before the full stop an abbreviated scale
    word took only because a currency followed ("$62.89 bn. Special drawing rights were up": the stop ends the
    sentence)."""
    return right_start - 1 if text[right_start - 1 : right_start] == "." else right_start


def _read_amount_context(text: str, a: _Amount, floor: int = 0) -> None:
    """Fill scale, currencies and the final span of ``a`` from the text around its number."""
    p = a.nend
    if a.exp is None:
        sc = _read_scale(text, p)
        if sc is not None and _grand_adjective(text, sc[1]):
            sc = None  # "a $5,000 grand prize": "grand" is an adjective of the noun after it
        if (
            sc is None
            and text[p : p + 1] == " "
            and (spaced := _SPACED_LETTER_BEFORE_CODE.match(text, p)) is not None
            and (spaced.group(2) is None or spaced.group(2) in CODES)
        ):
            sc = curated.SCALE_LETTERS[spaced.group(1)], spaced.end(1)  # "85 k USD", "10 k EUR", "2 M €"
        if (
            sc is None
            and (text[p : p + 1] == "L" or text[p : p + 2] == " L")
            and (lakh := _LAKH_LETTER.match(text, p)) is not None
            and (left := _read_left(text, a.nstart)) is not None
            and left[0] in _RUPEE_TARGETS
        ):
            sc = 5, lakh.end()  # "₹3.5L", "Rs 40L", "₹40 L": lakh after a rupee sign (never litres there)
        if sc is not None:
            a.exp, q = sc
            if (
                text[q : q + 1] == "."
                and q - p <= 5
                and (after := _read_right(text, q + 1)) is not None
                and (
                    after[2] != "name"
                    or text[q + 1 : q + 3].strip()[:1].islower()
                    or _name_ends_phrase(text, after[1])
                )
            ):
                # "2,5 Mio. €", "2,5 Mio. EUR", "3 mln. dlrs", "2,3 Mio. Euro": the abbreviation's dot, then
                # the currency; a capitalised name that goes on as a noun phrase starts the next sentence
                # ("5 bn. Euro area growth", "5 bn. Euro Disney")
                q += 1
            elif (
                text[q : q + 4] == " of "
                and (after := _read_right(text, q + 3)) is not None
                and after[2] in ("name", "code")
                and _read_left(text, a.nstart)
                is None  # ("$12 billion of lira bonds": the "$" is the currency)
            ):
                q += 3  # "2 millions of dollars", "5 million of dollars": non-native scale + "of" + currency
            elif (
                (link := _FOREIGN_LINK.match(text, q)) is not None
                and (after := _read_right(text, link.end())) is not None
                and after[2] in ("name", "code")
            ):
                q = link.end()  # "12,5 millions d'euros", "2,3 miliardi di euro", "2 mil milhões de euros"
            p = q
    if (
        a.exp is None
        and p == a.nend
        and text[p : p + 1] in _SCALE_PREFIX_LEAD
        and (prefixed := _SCALE_PREFIX_BEFORE_CURRENCY.match(text, p)) is not None
        and (prefixed.group(2) is None or prefixed.group(2) in CODES)
    ):
        # "45 M€", "120 k€", "3 Md€", "450 kEUR": a scale prefix glued to the currency after the number
        a.exp = curated.SCALE_PREFIXES_BEFORE_CURRENCY[prefixed.group(1)]
        p = prefixed.end(1)
    if text[p + 1 : p + 2] in _FOREIGN_SCALE_FIRST and (foreign := _FOREIGN_SCALE.match(text, p)) is not None:
        brazilian = curated.BRAZILIAN_SCALE_WORDS.get(foreign.group(1).lower())
        if (
            brazilian is not None
            and a.exp is None
            and (left := _read_left(text, a.nstart)) is not None
            and left[0] == "BRL"
        ):
            # "R$ 20.5 bi", "R$ 300 mi", "R$ 1 tri": the Brazilian press's short scale after the real's sign
            a.exp, p = brazilian, foreign.end()
        else:
            a.value = Decimal(-1)  # "US$ 5 millones", "$5 zillion": an unsettled scale; never the bare 5
            return
    right_start = p
    right = _read_right(text, p)
    if (
        right is not None
        and right[2] == "code"
        and text[p : p + 1] == "-"
        and a.nstart > 1
        and text[a.nstart - 1] == "-"
        and text[a.nstart - 2].isdigit()
    ):
        a.value = Decimal(-1)  # "Part no. 500-1200-EUR", "order code 20-50-GBP": a part number, not a range
        return
    if right is not None and right[1] == p + 1 and text[p] == "$" and _math_before(text, a.nstart):
        right = None  # "$n = 5$", "$x^2$": a TeX math span closing after the number, not a dollar sign
    if (
        right is not None
        and right[0] == "@dollar"
        and text[right[1] - 1 : right[1]] == "$"
        and (tag := _DOLLAR_TAG_AFTER.match(text, right[1])) is not None
    ):
        # "89,99 $ CA", "83,5 M$ US": the country tag after a postfixed dollar sign says which dollar
        right = curated.DOLLAR_TAGS_AFTER[tag.group(1)], tag.end(), "code", right[3]
    if (
        right is not None
        and right[2] == "symbol"
        and text[right[1] - 1 : right[1]].isalpha()
        and (
            "\n" in text[p : right[1]]
            or (
                text[right[1] : right[1] + 1] == "-"
                and text[
                    right[1] - 2 : right[1] - 1
                ].isalpha()  # (a sign of two letters or more: "450p-a-share")
                and (prefixed := _LETTERS.match(text, right[1] + 1)) is not None
                and prefixed.group().lower() not in ("a", "an", "per")
            )
        )
    ):
        right = None  # "2029\nRe-offer Price": a letter sign on the next line, or a word's prefix, is no sign
    if right is not None:
        target, end, basis, cexp = right
        a.rcur, a.rbasis = target, basis
        a.adjectival = p < len(text) and text[p] == "-"
        if cexp:
            a.exp = (a.exp or 0) + cexp
        p = end
        if a.exp is None and basis == "code":  # "75 USD million"
            sc = _read_scale(text, p)
            if sc is not None and text[p : p + 1] == " ":
                a.exp, p = sc
    a.end = p
    if (
        a.rbasis == "symbol"
        and right_start == a.nend
        and text[right_start : right_start + 1].isalpha()
        and _prev_word(text, a.nstart)[0].lower().rstrip(".") in curated.PROVISION_LABELS
    ):
        a.value = Decimal(-1)  # "section 12DA of the ASIC Act", "Regulation 33DA": a provision, not 12 dinars
        return
    if a.rbasis == "symbol" and a.rcur is not None and text[p : p + 1].isdigit() and p > right_start:
        # "iPhone 14 ₹52,999": a sign glued to the next number is that number's, not this one's
        a.rcur, a.rbasis, a.end, p = None, "", _before_stop(text, right_start), right_start
    if (
        a.rcur is not None
        and a.rbasis in ("symbol", "code")
        and p > right_start
        and text[p : p + 1] in _SPACE
        and text[p + 1 : p + 2].isdigit()
        and a.exp is None
        and text[a.nstart : a.nend].isdigit()
        and text[right_start:p].strip(" \u00a0")[:1].isalpha()
        and _OWN_CURRENCY_AFTER.match(text, p + 1) is None
        and _MINOR_TAIL_DIGITS.match(text, p + 1)
        is None  # "15 USD 50": 15.50, the minor units after the code
    ):
        # "Vitz 2011 Ksh 620,000", "Honda Jazz 2018 RM 45,000", "Grade 1 Ksh 45,000": a letter sign or code
        # spaced before the next number is that number's; the bare integer before it is a year, grade or model
        # ("45 USD 50 EUR": the next number has its own)
        a.rcur, a.rbasis, a.end, p = None, "", _before_stop(text, right_start), right_start
    if (
        a.rbasis == "code"
        and a.nstart >= 2
        and text[a.nstart - 1] == "-"
        and text[a.nstart - 2].isalnum()
        and text[p : p + 1] == "-"
    ):
        a.value = Decimal(-1)  # "Ref. TNT-2024-USD-0045": a reference code, hyphens on both sides
        return
    if (
        a.rbasis == "code"
        and (acronym := curated.CODE_ACRONYM_NOUNS.get(text[right_start:p].strip(" \u00a0-"))) is not None
        and (noun := _NEXT_WORD.match(text, p)) is not None
        and noun.group(1).lower() in acronym
    ):
        if a.nstart > 0 and (text[a.nstart - 1].isalpha() or text[a.nstart - 1] in _SIGN_CHARS):
            # "a R350 SRD grant": the acronym names the grant; the sign glued before the number is the currency
            a.rcur, a.rbasis, a.end, p = None, "", _before_stop(text, right_start), right_start
        else:
            a.value = Decimal(
                -1
            )  # "40 CAD drawings", "2,500 EUR pallets": an acronym counted, not a currency
            return
    if (
        a.rbasis == "code"
        and a.exp is None
        and (near := curated.CODE_ACRONYM_NEAR.get(text[right_start:p].strip(" \u00a0-"))) is not None
        and a.nend - a.nstart <= 3
        and text[a.nstart : a.nend].isdigit()
        and 80 <= int(text[a.nstart : a.nend]) <= 102  # the octane scale
        and (
            _near_word_before(text, a.nstart, near)
            # the field's word or a grade's price right after: "the 91 RON price gap", "95 RON unleaded"
            or (
                (octane_next := _NEXT_WORD.match(text, p)) is not None
                and (octane_next.group(1).lower() in near or octane_next.group(1).lower() == "price")
            )
        )
    ):
        a.value = Decimal(-1)  # "Unleaded 95 RON costs RM2.05 and 97 RON is available": octane ratings
        return
    if _PERCENT.match(text, a.nend) is not None:
        a.value = Decimal(-1)  # "IRR 12%", "5 pct": a percentage is never money
        return
    if (
        a.rcur is not None
        and 0 < p - a.nend <= 1
        and a.nstart > 3
        and text[a.nstart - 1] == " "
        and _CASHTAG_BEFORE.search(text, max(0, a.nstart - 8), a.nstart) is not None
    ):
        a.value = Decimal(
            -1
        )  # "$SPY 520c", "$AAPL 200p": an option's strike and call/put, not cents or pence
        return
    if (
        a.rcur is not None
        and a.rbasis == "name"
        and text[right_start:p].lower().strip(" -") in curated.SCORE_NOUNS
        and a.exp is None
        and a.value <= 1000  # no exam scores 125,000 marks ("a bonus of 125,000 marks" is money)
        and _score_context(text, a.nstart, p)
    ):
        a.value = Decimal(-1)  # "95 marks out of 100", "needed 40 marks to pass": exam scores, not money
        return
    if (
        a.rcur is not None
        and a.rbasis == "name"
        and a.exp is None
        and a.nstart >= 5
        and text[a.nstart - 4 : a.nstart - 1].lower() == " in"
        and _PROPORTION_BEFORE.search(text, max(0, a.nstart - 12), a.nstart) is not None
    ):
        a.value = Decimal(-1)  # "1 in 3 yen goes to pensions", "one in four pounds": a share, not an amount
        return
    if (
        a.rcur == "@cent"
        and a.value == 2
        and a.exp is None
        and _prev_word(text, a.nstart)[0].lower() in _POSSESSIVES
    ):
        a.value = Decimal(-1)  # "my two cents", "just my 2 cents": an opinion, not money
        return
    if (
        a.nstart >= 2
        and text[a.nstart - 1] == "/"
        and text.startswith("100", a.nstart)
        and a.nend == a.nstart + 3
        and text[a.nstart - 2].isdigit()
    ):
        a.value = Decimal(-1)  # "AND 00/100 DOLLARS": a cheque's cents as a fraction, no amount of 100
        return
    if (
        a.rcur is not None
        and a.rbasis == "name"
        and not a.words
        and (
            _year_like(text, a)
            # "The 1804 dollar sold for $7.68 million", "her 1909 penny": an older year after a determiner
            or (
                a.exp is None
                and a.nend - a.nstart == 4
                and text[a.nstart : a.nend].isdigit()
                and 1000 <= int(text[a.nstart : a.nend]) < 1900
                and _word_before(text, a.nstart) in _DETERMINERS
            )
        )
        and (
            _word_before(text, a.nstart) not in ("a", "an")  # "a 2000 peso note": an adjectival amount
            # ("A 1913 dollar had the purchasing power of …": the year's dollar, then its verb)
            or ((verb := _NEXT_WORD.match(text, p)) is not None and verb.group(1).lower() in _YEAR_UNIT_VERBS)
        )
        and _singular_name(text[right_start:p].strip(" \u00a0-").lower())
    ):
        a.value = Decimal(
            -1
        )  # "the 1994 Mexican peso crisis", "the 1967 sterling crisis": a year, a modifier
        return
    if a.rcur is not None and a.rbasis == "name" and _title_name(text, right_start, p):
        a.value = Decimal(-1)  # "The Six Million Dollar Man", "42 Pound Lane": a name, not an amount
        return
    if (
        a.rcur is not None
        and a.rbasis == "name"
        and (a.value != 1 or a.exp is not None)  # ("one mark" is money; "the one-million mark" is not)
        and text[right_start:p].lower().strip(" -") in _SINGULAR_NOT_AFTER_NUMBER
        and not _adjectival_singular(text, a.nstart, p)
    ):
        # "the 5 million mark"
        a.rcur, a.rbasis, a.end, p = None, "", _before_stop(text, right_start), right_start
    if (
        a.rcur is not None
        and not a.words
        and _year_like(text, a)
        and (
            (
                text[right_start:p].strip(" \u00a0") in ("Euro", "EURO")
                and (event := _NEXT_WORD.match(text, p)) is not None
                and event.group(1).lower() in _EURO_EVENT_NOUNS
            )
            or (
                text[right_start:p].strip(" \u00a0") in ("Euros", "EUROS")
                and _prev_word(text, a.nstart)[0].lower() == "the"
            )
        )
    ):
        # "the 2024 Euro final", "at the 2024 Euros": the football championship, not an amount (money in
        # English writes the plural in lower case, and "the 2024 euros" would need its noun after it)
        a.value = Decimal(-1)
        return
    if a.rcur is not None and not a.words and _year_like(text, a) and _price_base(text, a):
        # "$4.3 million in 2023 dollars", "in constant 2015 euros": the price base of another amount
        a.value = Decimal(-1)
        return
    if (
        a.rcur is not None
        and a.exp is None
        and a.nend - a.nstart == 2
        and _YEAR_SPAN_TAIL.search(text, max(0, a.nstart - 5), a.nend) is not None
    ):
        a.value = Decimal(-1)  # "(2021/22 £)", "in 2023-24 dollars": a fiscal year's tail as a price base
        return
    if (
        p == a.nend
        and p < len(text)
        and not a.words
        and (
            _BROKEN_NUMBER.match(text, p) is not None
            # a number grouped by dots, broken at a group ("€3.450.\n000"; not "£180.\n2. Next item")
            or (
                text[p] == "."
                and _DOT_GROUPED.fullmatch(text, a.nstart, a.nend) is not None
                and _DOT_GROUP_BROKEN.match(text, p) is not None
            )
        )
    ):
        # "$2,5\u200b00,000", "$ 5 . 2 million", "£3,450,\n000": the number goes on past an invisible
        # character, a spaced separator or a line break (OCR and PDF text); its first piece is no amount
        a.value = Decimal(-1)
        return
    if p == a.nend and p < len(text) and not a.words:
        c = text[p]
        if (
            ((c.isalnum() and c not in _FOOTNOTE_MARKS) or c == "^")
            and (c not in _PER_SUFFIX_FIRST or _PER_SUFFIX.match(text, p) is None)
            and _ISH.match(text, p) is None  # "£2ish": a hedge glued to the amount (see _qualifier_after)
            and not ((c == "C" or c == "D") and _credit_marker(text, p, False))  # "$45.00CR": a credit marker
        ) or ((c == "." or c == "@") and _ADDRESS_AFTER.match(text, p) is not None):
            # glued to letters or digits: "1e400", "737s", "4G" (not a per-unit "£199pp", "£1,200pcm"); a power
            # "$10^18"; a host, file name or e-mail address ("eur5.net", "report_$5.pdf", "usd100@example.org")
            a.value = Decimal(-1)
            return
    if a.lcur is None and not a.words:
        left = _read_left(text, a.nstart)
        if left is not None and left[1] < floor:
            left = (
                None  # the sign/code before this number was read as the previous amount's ("3 CAD 3 cents")
            )
        if (
            left is not None
            and left[2] == "symbol"
            and text[left[1]].isalpha()
            and text[left[1] : a.nstart].rstrip(" \u00a0.") in curated.SIGNS_NEED_SCALE
            and (
                (
                    a.exp is None
                    and (_GROUPED_OR_CENTS.search(text, a.nstart, a.nend) is None or text[a.nstart] == "0")
                )
                or (
                    a.exp == 3
                    and text[a.nend : a.nend + 1] in ("k", "K")
                    # ("N450k", "P15k": a glued lower-case "k" after two digits or more is thousands of naira,
                    # pesos, rand; "Y2K" stays the year 2000)
                    and not (
                        text[a.nend] == "k"
                        and a.nend - a.nstart >= 2
                        and text[left[1] : a.nstart] in _K_THOUSANDS_SIGNS
                    )
                )
            )
            and not _priced_per_unit(text, a.nend)
        ):
            # "Generation Y 2000", "Fl 350": a letter sign that is also a letter needs a scale word ("Y2K" is the
            # year 2000) or a per-unit phrase ("P245 a share"); "P0.05" is a p-value, not 5 centavos
            a.held, left = left, None
        if (
            left is not None
            and left[2] == "symbol"
            and text[left[1] : left[1] + 2] == "Re"
            and text[left[1] : a.nstart].rstrip(" \u00a0.") == "Re"
            and (name := _prev_word(text, left[1])[0])[:1].isupper()
            and name.lower() not in _DETERMINERS  # ("The Re 1 coin stays")
        ):
            # "Munich Re 2023 results", "Swiss Re 2,400 employees", "Alamo Re 2024-1": a reinsurer's name, not
            # the rupee's singular sign (which follows a price word: "for Re 1", "costs Re. 1")
            a.value = Decimal(-1)
            return
        if (
            left is not None
            and left[2] == "symbol"
            and text[left[1]] in "QBUSEML"
            and text[left[1] : a.nstart].rstrip(" \u00a0.") in curated.SIGNS_SETTLED_ONLY
            and (text[left[1]] not in "SL" or _MONEY_SHAPED.match(text, a.nstart) is None)
        ):
            a.held, left = (
                left,
                None,
            )  # "Q 3,500", "Bs. 36.5", "UF 4,200": only where the document settles them
        if (
            left is not None
            and left[2] == "symbol"
            and text[left[1] : a.nstart] not in curated.SIGNS_GLUED_ONLY
            and (spaced_sign := text[left[1] : a.nstart].rstrip(" \u00a0")) in curated.SIGNS_GLUED_ONLY
            and not (
                spaced_sign in curated.SIGNS_SPACED_WITH_SCALE
                and (
                    a.exp is not None
                    or _CENTS_WRITTEN.search(text, a.nstart, a.nend) is not None
                    or _priced_per_unit(text, a.nend)
                )
            )
        ):
            # "Vitamin N 1,000 units": the naira "N" touches its number ("KD 258 million" may not)
            a.held, left = left, None
        if (
            left is not None
            and (
                (text[left[1]] == "$" and left[1] + 1 == a.nstart)
                # a column letter before a "$" row: "A$1", "B$12" (a spreadsheet's mixed reference)
                or (left[1] + 2 == a.nstart and text[left[1]].isalpha() and text[left[1] + 1] == "$")
            )
            and a.exp is None
            and _in_code(text, a.nstart - 1)
        ):
            a.value = Decimal(-1)  # "`$1` is the first argument", "awk '{print $2}'": a variable, not money
            return
        if (
            left is not None
            and left[2] in ("symbol", "code")
            and text[left[1] : a.nstart].strip(" \u00a0.").isalpha()
            and (
                (
                    left[2] == "symbol"
                    and _label_before(text, left[1])
                    # (a sum is no place: "2 bed flat R6 500 pm", "condo unit P15k monthly")
                    and a.exp is None
                    and _GROUPED_OR_CENTS.search(text, a.nstart, a.nend) is None
                )
                or (
                    a.exp is None
                    and text[a.nstart : a.nend].replace(".", "").isdigit()
                    and _reference_label_before(text, left[1])
                    # (a dividend per share before an ISO code is a price: "2025E DPS CZK 91", not a
                    # purchasing system's reference, "DPS RM6xxx")
                    and not (left[2] == "code" and _word_before(text, left[1]) == "dps")
                )
            )
        ):
            # "Block N12", "Unit RM 5-03", "Room R12": a room or block, not money; "the framework RM6187", "Form
            # SBD 6.1": a document's reference
            a.value = Decimal(-1)
            return
        if left is not None and left[2] == "code" and not _code_before_is_money(text, a, left[1]):
            if left[1] > 0 and text[left[1] - 1] == "/":
                a.value = Decimal(-1)  # a currency pair quote "USD/JPY 155", "EUR/USD 1.07": not an amount
                return
            # "COP28", "RON95", "PHP 8.3", "SAR 2 helicopter": an acronym, not a currency (unless the request's
            # locale hint names that currency: "PHP 75" with en-PH, see _held_signs)
            a.held = left if left[0] in curated.ACRONYM_CODES else None
            left = None
        if left is not None and left[2] == "symbol" and _sign_title(text, left[1], a.end):
            a.value = Decimal(-1)  # "The $64,000 Question", "The $100,000 Pyramid": a show's title
            return
        if left is not None:
            a.lcur, a.start, a.lbasis, cexp = left
            if (
                a.exp is not None
                and a.lcur in curated.MIL_IS_THOUSAND
                and text[a.nend : a.end].strip(" \u00a0").lower() == "mil"
            ):
                a.exp -= 3  # "R$ 850 mil" is 850 thousand in Portuguese and Spanish (and see _read_scale)
            if cexp:
                a.exp = (a.exp or 0) + cexp
            elif (
                a.exp is None
                and a.rcur is None
                and a.end == a.nend
                and (spaced := _SPACED_SCALE_LETTER.match(text, a.nend)) is not None
            ):
                # "£ 12.3 m", "USD 4.5 M", "$ 3.1 k": after a sign or code a spaced scale letter is the scale
                # (without one, a letter after a space may be anything: "5 m" of cable)
                a.exp, a.end = curated.SCALE_LETTERS[spaced.group(1)], spaced.end()
            if (
                a.lcur == "@dollar"
                and text[a.start] == "$"
                and _NUMBER_NEXT.match(text, a.end) is None
                and (
                    (a.rbasis == "name" and (a.rcur == "@peso" or a.rcur in _DOLLAR_SIGN_CURRENCIES))
                    # "charged $45.67USD", "$25 USD not CAD": the code after settles which dollar the "$" is
                    or (a.rbasis == "code" and a.rcur in _DOLLAR_FAMILY_CODES)
                    # and so does a named dollar: "$5 US dollars", "$20 million Canadian dollars"
                    or (a.rbasis == "name" and a.rcur in _DOLLAR_FAMILY_CODES)
                )
            ):
                a.lcur = a.rcur  # "$300 million pesos": the name after settles the "$" the peso shares
            if (
                a.lcur == "@pound"
                and a.rbasis == "name"
                and a.rcur in FAMILIES.get("pound", ())
                and _NUMBER_NEXT.match(text, a.end) is None
            ):
                a.lcur = a.rcur  # "£48,000 sterling", "£5 pounds sterling": the name after says which pound
            if (
                a.lcur == "@dollar"
                and a.rcur is None
                and text[a.start] == "$"
                and (tag := _DOLLAR_TAG_BRACKET.match(text, a.end)) is not None
            ):
                # "$58.20 (US) per pound", "$1.2 billion (Cdn)": the bracketed tag says which dollar (outside the
                # span, as held-out reviewers keep it: "$3.10 (US), €1.45 (France)")
                a.lcur = curated.DOLLAR_TAGS_BRACKETED[tag.group(1)]
            if (
                a.rcur is not None
                and right is not None
                and (
                    a.rcur != a.lcur
                    or a.rbasis == a.lbasis == "symbol"
                    or _NUMBER_NEXT.match(text, a.end) is not None  # "AED 349 AED 499": the next price's code
                )
            ):
                # "rmb 10 usd 20": the code after belongs to the next number; "$2 $-50", "a $2 million $": a
                # sign on each side is never one amount (the one after starts the next, or stands alone)
                a.rcur, a.rbasis, a.end = None, "", _before_stop(text, right_start)
                a.adjectival = False
        elif a.nstart > 0:
            before = text[a.nstart - 1]
            if a.rcur == "@cent" and (prefix := _place_prefix(text, a.nstart)):
                # "HK38 cents per share": the place glued to the number names the cents' currency
                a.rcur, a.start = curated.MINOR_UNIT_PLACE_PREFIXES[prefix], a.nstart - len(prefix)
                a.divisor = 100  # (the glued "c" too: "a dividend of US60c")
            elif a.rcur == "@cent" and (tag := _DOLLAR_TAG_BRACKET.match(text, a.end)) is not None:
                # "98.12 cents (U.S.)", "26 cents (Cdn) a share": the bracketed tag says whose cents (outside the
                # span, as the "$58.20 (US)" tag)
                a.rcur = curated.DOLLAR_TAGS_BRACKETED[tag.group(1)]
                a.divisor = 100
            elif (
                (before.isalpha() or before in "_@#&")
                and a.held is None
                # (not the offer of an old market quote after its bid: "$3.30@3.55", see _join)
                and not (before == "@" and a.nstart > 1 and text[a.nstart - 2] in _ASCII_DIGITS)
            ):
                a.rcur = None  # glued to a word: "G7", "F-35" is read below, "A320"
                a.value = Decimal(-1)
    # name before the number: with a scale word after ("dollar 22.5 million"), or a name that is no
    # ordinary English word ("ringgit 42", "Malaysian ringgit 42"); never "Euro 2024"
    if a.currency is None and not a.words:
        named_before = _name_before(text, a.nstart, a.exp is not None, floor)
        if named_before is not None and not (text[named_before[1]].isupper() and _year_like(text, a)):
            # (a capitalised name before a year is an event's: "The Tenge 2024 forum", like "Euro 2024")
            a.lcur, a.start = named_before
            a.lbasis = "name"


#: An integer and a scale word right before another amount's number ("2 million " in "2 million 500 thousand
#: dollars"): the bigger part of one amount written as digits and scale words in descending parts.
_BIGGER_PART: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w.,'’\u00a0$€£¥-])(\d{1,3})[ \u00a0]+([A-Za-z]+)[ \u00a0]+\Z"
)


#: Scale words (lower case, as written) after which a smaller part may follow in descending parts ("1 crore 20
#: lakh", "2 million 500 thousand").
_DESCENDING_SCALES: Final[frozenset[str]] = frozenset({"crore", "crores", "million", "lakh", "lakhs"})


def _bigger_part_before(text: str, a: _Amount, part: _Amount) -> bool:
    """Join ``a`` (its currency written after it) to the amount ``part`` before it when ``part`` is an integer and
    a bigger scale word written right before ``a``'s number: "2 million 500 thousand dollars" is 2,500,000 and
    "1 crore 20 lakh rupees" 12,000,000 (machine translation and non-native English write amounts in descending
    parts). The parts must descend: the amount after the scale word is smaller than one unit of it, else the
    words are no one number. Returns whether ``a`` now holds both parts (``part`` is then to be dropped)."""
    if part.currency is not None or part.exp is None or part.negative or part.start < a.nstart - 24:
        return False
    m = _BIGGER_PART.search(text, part.start, a.nstart)
    if m is None or m.start() != part.start:
        return False
    big_exp = numbers.largest_scale([m.group(2).lower()])
    if big_exp < 2 or big_exp != part.exp or m.group(2).lower() not in numbers.SCALE_WORD_SET:
        return False
    small = numbers.scaled(a.value, a.exp or 0)
    if small is None or small != small.to_integral_value() or small >= Decimal(1).scaleb(big_exp):
        return False
    a.value = Decimal(m.group(1)) + small.scaleb(-big_exp)
    a.exp = big_exp
    a.start = a.nstart = m.start()
    return True


def _name_before(text: str, nstart: int, scaled: bool, floor: int = 0) -> tuple[str, int] | None:
    """A currency name right before the number at ``nstart`` (one space between): (ISO code or @family, start
    offset of the name), or None. A one-word name counts only with a scale word after the number (``scaled``:
    "dollar 22.5 million") or when it is no ordinary English word (``curated.NAMES_BEFORE_NUMBER``: "ringgit
    42"); a name of two or more words always ("Malaysian ringgit 42", "US Dollars 5,000"); "Euro 2024" and
    "won 13.4 million votes" never. A name starting before ``floor`` belongs to the previous amount."""
    if nstart < 2 or text[nstart - 1] != " " or _prev_word(text, nstart - 1)[0].lower() not in NAME_HEADS:
        return None
    m = _NAME_BEFORE.search(text, max(0, nstart - 32), nstart)
    if m is None:
        return None
    parts = m.group(1).split(" ")
    for k in range(len(parts), 0, -1):
        key = " ".join(parts[-k:]).lower()
        named = NAMES.get(key)
        if named is None:
            continue
        name_start = nstart - 1 - len(" ".join(parts[-k:]))
        if k == 1 and (key in _WORDS_ONLY_STOP or key.rstrip("s") in _WORDS_ONLY_STOP):
            return None  # "won 13.4 million votes": a name that is an English word never counts before
        if name_start >= floor and (scaled or k > 1 or key in curated.NAMES_BEFORE_NUMBER):
            return named, name_start
        return None
    return None


_GROUPED_OR_CENTS: Final[re.Pattern[str]] = re.compile(
    r"[0-9][,.'’ \u00a0\u202f\u2009][0-9]{3}|[.,][0-9]{2}\Z"
)


def _code_before_is_money(text: str, a: _Amount, code_start: int) -> bool:
    """May the ISO code at ``code_start`` (written before the number of ``a``) make it money?

    Not in a currency pair ("USD/JPY 155"); and a code that is also a common acronym
    (``curated.ACRONYM_CODES``), spaced or glued ("COP 29", "COP28", "RON95", "PHP 8.3"), only with a scale
    word, two decimals, thousands grouping or a per-unit price after it ("SAR 2 helicopter" is not money, "SAR
    2.50" and "SAR 32 a share" are). Other codes
    glued to a bare integer stay money ("USD115", "MYR42", as the public suites write them).
    """
    if code_start > 1 and text[code_start - 1] == "/" and text[code_start - 2].isalpha():
        return False  # "USD/JPY 155": a currency pair (not "USD 19.90/EUR 18.50", prices in two currencies)
    if (
        a.exp is None
        and not text[code_start + 3 : code_start + 4].isalpha()
        and _year_like(text, a)
        and _counts_noun(text, a.end)
    ):
        return False  # "the annual ETB 2024 tech conference", "the USD 2024 summit": an event's year
    if a.exp is not None or text[code_start : code_start + 3] not in curated.ACRONYM_CODES:
        return True
    if text[a.nend : a.nend + 1] in ("-", "\u2013") and (
        (upper := scanner.DIGITS.match(text, a.nend + 1)) is not None
        and _read_scale(text, upper.end()) is not None
    ):
        return True  # "SAR 2.3–2.5 billion": the range's scale word is the first bound's too
    # "SAR 32 a share", "CAD 45 per share": a price of a known unit (not "COP 29 delegates")
    return _GROUPED_OR_CENTS.search(text, a.nstart, a.nend) is not None or _priced_per_unit(text, a.end)


def _adjectival_singular(text: str, nstart: int, end: int) -> bool:
    """True for "a 1.7 billion mark decline": a singular currency noun between an article before the number
    and a noun after it, or hyphened to the number ("a 1.4-billion-sol bond"), is adjectival (money), unlike
    "passed the 5 million mark"; so is one after "per" ("12 marks per 50 mark share"), one hyphened after any word
    but "the" ("on 50-mark nominal shares"), and one after "a" before a comma or a bracket ("a 3.0 billion mark,
    10-year bond", "a 1.1 billion mark (605 mln dlr) order")."""
    before = _word_before(text, nstart).lower()
    hyphened = "-" in text[nstart:end] and " " not in text[nstart:end]
    if hyphened and before != "the":
        return True  # hyphened into one adjective: "a 1.4-billion-sol (US$370 million) bond", "per 50-mark share"
    if before not in ("a", "an", "per"):
        return False
    if before != "per" and (text.startswith(",", end) or text.startswith(" (", end)):
        return True
    m = _WORD.match(text, end)
    return m is not None and m.start() == end and text[end : end + 1] == " " and m.group(1).islower()


_NAME_BEFORE: Final[re.Pattern[str]] = re.compile(r"((?:[^\W\d_]+ ){0,2}[^\W\d_]+) \Z")


def _minor(target: str | None, text: str, a: _Amount) -> None:
    if target is None:
        return
    if (a.lbasis in ("code", "symbol") and text[a.start : a.start + 3] in curated.MINOR_UNIT_CODES) or (
        a.rbasis in ("code", "symbol") and text[a.end - 3 : a.end] in curated.MINOR_UNIT_CODES
    ):
        a.divisor = curated.MINOR_UNIT_CODES[
            text[a.start : a.start + 3] if a.lbasis in ("code", "symbol") else text[a.end - 3 : a.end]
        ]  # "GBX 276.40", "GBp 87.60", "1,234 GBX": pence
        return
    if target == "@cent" or (a.rcur == "GBP" and a.rbasis == "symbol" and text[a.end - 1] == "p"):
        a.divisor = 100
        return
    if a.rbasis == "name" and a.rcur is not None:
        tail = text[a.nend : a.end].lower().split()
        last = tail[-1].rstrip(".") if tail else ""
        last = last.split("-")[-1]
        if last in curated.MINOR_UNIT_WORDS:
            a.divisor = curated.MINOR_UNIT_DIVISOR.get(last, 100)


_POSSESSIVES: Final[frozenset[str]] = curated.POSSESSIVE_PRONOUNS
_QUAL_LAST: Final[frozenset[str]] = frozenset(
    {k.rsplit(" ", 1)[-1] for k in _QUAL_BEFORE} | {"is", "was", "at", "of", "be", "are", "were", "cost"}
)


def _qual_lengths() -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for phrase in _QUAL_BEFORE:
        parts = phrase.split(" ")
        lengths.setdefault(parts[-1], set()).add(len(parts))
    return {last: tuple(sorted(ks, reverse=True)) for last, ks in lengths.items()}


#: Last word of a qualifier phrase -> the phrase lengths (in words) ending with it, longest first.
_QUAL_LENGTHS: Final[dict[str, tuple[int, ...]]] = _qual_lengths()
#: A short amount token that ends its clause: "$18.", "$300?", "£5)" (for an aside's "like").
_AMOUNT_ENDS_CLAUSE: Final[re.Pattern[str]] = re.compile(r"\S{1,16}?(?:[.?!;)]|,|\Z)(?:\s|\Z)")
#: A cashtag right before a number ("$SPY 520c"): the ticker's option notation follows.
_CASHTAG_BEFORE: Final[re.Pattern[str]] = re.compile(r"(?<![\w$])\$[A-Z]{1,5} \Z")
#: One or two modifiers (words, hyphenated compounds, a percentage) and the head word of a short object phrase
#: ("financial aid", "3.2% cost-of-living adjustment", "MOE Tuition Grant"): group 1 is the head.
_OBJECT_HEADS: Final[tuple[re.Pattern[str], ...]] = tuple(
    re.compile(r"(?:(?:[0-9.]+%|[A-Za-z]+(?:-[A-Za-z]+)*)[ \u00a0]){" + str(n) + r"}([A-Za-z]+)(?![\w-])")
    for n in (1, 2)
)
#: "per" and a model designation ("per F-35C", "per B-21", "per A320neo"): the unit as written.
_PER_MODEL: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+per[ \u00a0]+([A-Z]{1,3}-?[0-9]{2,4}[A-Za-z]{0,3})(?![\w-])"
)
#: The digits (and letters) glued to a unit's letters ("tCO2", "tCO2e", "m3").
_GLUED_UNIT_TAIL: Final[re.Pattern[str]] = re.compile(r"[0-9][0-9A-Za-z]*(?![\w-])")
#: Policy wording's "any one <noun>" after a limit: " any one occurrence", " any one claim".
_ANY_ONE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+any[ \u00a0]+one[ \u00a0]+(claim|loss|occurrence|event|accident|incident|person|vehicle|policy)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
#: The noun after an amount's "each" in policy wording: " claim", " and every loss", " occurrence".
_EACH_NOUN: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+and[ \u00a0]+every)?[ \u00a0]+(claim|loss|occurrence|event|accident|incident|person|insured"
    r"|vehicle|policy|visit|item|unit|share|night|day|month|year)(?![^\W\d_])",
    re.IGNORECASE,
)
#: A digit or a currency sign (the start of an amount).
_NUMBER_OR_SIGN: Final[re.Pattern[str]] = re.compile(r"[0-9$€£¥₹]")
#: The gap of an alternative bound after a comma: ", or " (and ", or up to ", written again).
_ALTERNATIVE_BOUND_GAP: Final[re.Pattern[str]] = re.compile(
    # (the first amount's own condition may stand before the comma: "over $50,000 on statewide races, or")
    r"(?:[ \u00a0]+(?:for|in|on|if|when|under|with)[ \u00a0]+[^.;:,()$€£¥₹0-9]{1,40}?)?"
    r",[ \u00a0]+or[ \u00a0]+(?:up to[ \u00a0]+)?"
)
#: The gap to a parallel capped amount: "capped donations at $50,000 a year to a party and electoral spending at",
#: "cap donations to mayors at $2,000 and to council candidates at".
_PARALLEL_AT_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+[^.;:,()$€£¥₹0-9]{1,60}?)?[ \u00a0]+and[ \u00a0]+"
    # (no verb of its own: "capped fares at $2.75 and the stock closed at $40" is another clause)
    r"(?:(?![a-z]+ed[ \u00a0])(?!(?:is|was|are|were|be|trades|sells|closes|stands|sits|opens|ends)[ \u00a0])"
    r"[^\s.;:,()$€£¥₹0-9]+[ \u00a0]+){1,5}at[ \u00a0]+"
)
#: The gap to the next item of a list whose verb is left out: ", in Manila at ", " and in Kuala Lumpur at ",
#: " for chicken, and eggs at " (no verb of its own: "and the stock closed at" is another clause).
_ELLIPTIC_AT_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+[^.;:,()$€£¥₹0-9]{1,60}?)?(?:,[ \u00a0]+(?:and[ \u00a0]+)?|[ \u00a0]+and[ \u00a0]+)"
    # (not a contrast or an addition of another thing: "start at £65, with VIP packages at £250")
    r"(?!(?:with|while|whereas|but)[ \u00a0])"
    r"(?:(?![a-z]+ed[ \u00a0])(?!(?:is|was|are|were|be|trades|sells|closes|stands|sits|opens|ends|starts|costs)"
    r"[ \u00a0])[^\s.;:,()$€£¥₹0-9]+[ \u00a0]+){1,4}at[ \u00a0]+"
)
#: A condition right after an alternative: " if married …", " for joint filers", " when …", " in London".
_CONDITION_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:if|for|when|where|with|under|per|each|in|on(?! average))\b"
)


def _unit_end(text: str, a: _Amount) -> int:
    """Where the amount's per-unit phrase ends ("£2,000 a year" → after "year"), else the amount's end."""
    if a.per_unit is None:
        return a.end
    unit = _per_unit(text, a.end)
    return unit[1] if unit is not None else a.end


#: The gap of a parallel list of bounds: "for <what>" then "and"/"or" ("$2,000 for a first conviction and ").
_PARALLEL_BOUND_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:for|in|on)[ \u00a0]+(?:[^.;:,()$€£¥₹0-9]|(?<![0-9])(?:FY ?)?(?:19|20)[0-9]{2}(?![0-9]))"
    # (a list of three: "up to £30,000 in England, £36,000 in Wales and £25,000 in Northern Ireland")
    r"{1,60}?(?:[ \u00a0]+(?:and|or)|,(?:[ \u00a0]+(?:and|or))?)[ \u00a0]+"
)
#: A label of an estimate right before an amount: "Estimated", a value noun of ``curated.ESTIMATE_LABEL_NOUNS`` and
#: up to three words, then a colon or nothing ("Estimated value excluding VAT: ", "ESTIMATED VALUE ", "Estimated
#: contract value (EUR): "; a shop's "Estimated tax: $7.44" is the tax it will charge, exact).
_ESTIMATE_LABEL: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])estimated[ \u00a0]+(?:total[ \u00a0]+|contract[ \u00a0]+|project[ \u00a0]+)?(?:"
    + "|".join(sorted(curated.ESTIMATE_LABEL_NOUNS))
    + r")(?:[ \u00a0]+[^\W\d_()]+|[ \u00a0]*\([^()\d]{1,12}\)){0,3}:?[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: "estimated" heading the subject of "is"/"was" before an amount, up to twelve words back, one clause.
_ESTIMATED_SUBJECT: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])estimated(?:[ \u00a0]+[^\W\d_]+){1,12}[ \u00a0]+(?:is|was|are|were|will be|would be)[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: Link words that end no qualifier phrase: before an amount they qualify it only after "estimated" ("estimated
#: at $5bn"), so without that word nearby :func:`_qualifier_before` stops at them.
_ESTIMATES_NOUN_VERBS: Final[frozenset[str]] = curated.ESTIMATES_NOUN_VERBS
#: Words before "estimate(s)" that make it the noun ("the estimate … at", "fair value estimate"), not the verb.
_ESTIMATE_NOUN_BEFORE: Final[frozenset[str]] = curated.ESTIMATE_NOUN_BEFORE
#: A count as split from the text ("32", "1,200"), not a year ("2023").
_COUNT_WORD: Final[re.Pattern[str]] = re.compile(r"(?!(?:1[89]|20)[0-9]{2}\b)[0-9][0-9,.]*")
#: Verbs of growth before "to" after an estimated subject ("the estimated jackpot rolls to $875 million").
_ESTIMATE_GROWTH_VERBS: Final[frozenset[str]] = frozenset(
    {"rolls", "rolled", "rises", "rose", "grows", "grew", "climbs", "climbed", "jumps", "jumped", "swells"}
    | {"swelled", "increases", "increased", "soars", "soared", "reaches", "reached"}
)
_ESTIMATE_LINKS: Final[frozenset[str]] = frozenset(
    w
    for w in ("is", "was", "at", "of", "be", "are", "were", "cost")
    if w not in _QUAL_LENGTHS and w not in _POSSESSIVES
)


#: An HTML/XML tag with attributes ('<span class="price">', '<a href="/x">'), matched from the last "<" up to
#: an amount: its ">" is no comparison sign. A quoted attribute value may hold anything but "<" and its own
#: quote; the tag name starts with a letter, so '"<$5" and ">$7bn"' is no tag.
_HTML_TAG: Final[re.Pattern[str]] = re.compile(
    r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^\s\"'<>=/]+(?:\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'|[^\s\"'<>=`]+))?)*\s*/?>"
)


def _ends_tag(text: str, start: int) -> bool:
    """True when the ">" right before ``start`` closes an HTML/XML tag begun at most 400 code points back."""
    k = text.rfind("<", max(0, start - 400), start)
    return k >= 0 and _HTML_TAG.fullmatch(text, k, start) is not None


#: Words before a motion verb that make it a noun ("the first round", "a big push").
_NOUN_MARKERS: Final[frozenset[str]] = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "first",
        "second",
        "third",
        "final",
        "last",
        "next",
        "big",
        "new",
        "its",
    }
)
#: Words between a motion verb and "up to" that take the amount themselves ("can earn up to", "are worth up
#: to", "take home up to"): "up to" bounds the amount then.
_UP_TO_TAKERS: Final[frozenset[str]] = frozenset(
    {
        "home",
        "earn",
        "earns",
        "earned",
        "worth",
        "pay",
        "pays",
        "paid",
        "cost",
        "costs",
        "receive",
        "receives",
        "get",
        "gets",
        "offer",
        "offers",
        "win",
        "wins",
        "spend",
        "spends",
        "borrow",
        "borrows",
        "save",
        "saves",
    }
)


#: The French, Italian, Spanish and Portuguese "of" between a scale word and the currency ("millions d'euros").
_FOREIGN_LINK: Final[re.Pattern[str]] = re.compile(r" (?:de |di |d'|d\u2019)")
#: A number that can only group thousands with dots: two dot groups ("1.234.567") or a lone ".000" ("140.000").
_DOT_GROUPED_NUMBER: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9.,])|(?<![0-9.,])[0-9]{1,3}\.000(?![0-9.,])"
)
#: The nouns whose minimum or maximum is the rate itself, not a bound (``curated.LIMIT_RATE_NOUNS``).
_RATE_NOUNS: Final[str] = "|".join(sorted(curated.LIMIT_RATE_NOUNS, key=len, reverse=True))
#: A label naming a limit before a colon and the amount ("Min. order value: $25", "Maximum loan: £5,000",
#: "Limit: €500 per day"); not a wage ("Minimum wage in Ontario: C$17.20", the wage itself), nor "Market cap:".
_LIMIT_LABEL: Final[re.Pattern[str]] = re.compile(
    # (not inside a compound, "Over-limit fee:"; a dot only after an abbreviation: "one-hour minimum. Copies of
    # statements:" is another sentence)
    r"(?<![^\W\d_])(?<!-)(min(?:imum|\.)?|max(?:imum|\.)?|limits?|ceiling|floor)(?![ \u00a0](?:wage|salary|pay)\b)"
    r"(?:[ \u00a0][^\W\d_]+){0,3}:[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: "maximum"/"minimum" and a noun phrase before the amount, in one clause: a limit ("a maximum fine of $50,120",
#: "the maximum penalty for a first offence under section 33 is $250,000", "the minimum bid is $25,000", "a
#: minimum subscription of KES 100,000"). Not a wage, salary or pay, whose minimum is the rate itself ("the
#: minimum wage is $15"). Up to eight words between, none ending a clause.
_LIMIT_NOUN: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(?<!subsistence )(?<!living )(?<![0-9][ \u00a0-])"
    r"(maxim(?=um|al)|minim(?=um|al)|not-to-exceed|(?-i:min)(?=\.?[ \u00a0]))(?:um|al|\.)?"
    # (unless that noun only modifies the head: "the maximum earned income tax credit is $7,830" is a bound)
    r"(?![ \u00a0-](?:[^\W\d_]+[ \u00a0-])?(?:" + _RATE_NOUNS + r")\b"
    r"(?![ \u00a0-](?:tax|taxes|credit|credits|allowance|deduction|threshold|limit|relief|benefit|bracket)\b))"
    # (no comma: "Minimum lettable area 1,500 sq ft, parking at Ksh 5,000" is another clause's price)
    r"(?:[ \u00a0](?!(?:is|was|are|were|will|would|and|but|while|whereas)\b)[^\s.;:!?(),]+){0,8}?"
    r"[ \u00a0]+(?:of|is|was|are|were|will be|would be|at)(?:[ \u00a0]+(?:now|then|currently|still|just|set at))?"
    r"[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: A price noun in a :data:`_LIMIT_NOUN` phrase.
_PRICE_WORD: Final[re.Pattern[str]] = re.compile(r"\bprices?\b", re.IGNORECASE)
#: The sentencing formula: a maximum prison term, then "and" a fine, whose amount is a maximum too ("faces a
#: maximum penalty of 20 years in prison and a fine of $250,000", "a statutory maximum of five years in prison
#: and a $250,000 fine"; the held-out news gold keeps "faces up to 20 years and a $250,000 fine" exact).
_MAX_TERM_AND_FINE: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])maxim(?:um|al)(?:[ \u00a0][^\s.;:!?()]+){0,4}?[ \u00a0]+(?:years?|months?)"
    r"(?:[ \u00a0]+(?:in[ \u00a0]+(?:federal[ \u00a0]+|state[ \u00a0]+)?(?:prison|jail)|of[ \u00a0]+imprisonment"
    r"|imprisonment|behind[ \u00a0]+bars))?,?[ \u00a0]+and[ \u00a0]+(?:an?[ \u00a0]+)?"
    r"(?:(?:criminal|potential|maximum)[ \u00a0]+)?(?:(?:fine|penalty)[ \u00a0]+of[ \u00a0]+)?\Z",
    re.IGNORECASE,
)
_TERM_AND_FINE_LAST: Final[frozenset[str]] = frozenset({"of", "a", "an", "and"})
#: A year, then a later step of a schedule in the same clause after the amount: "starts at $900 per ton in 2024,
#: rising to $1,500 in 2026" (not a fare scale: "starts at ¥3 and rises to ¥10 for longer trips").
_SCHEDULE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[^.;!?\n]{0,40}?\b(?:in|from|for)[ \u00a0]+(?:19|20)[0-9]{2}\b[^.;!?\n]{0,30}?"
    r"\b(?:rising|increasing|climbing|growing|rises|increases|climbs|then)[ \u00a0]+to[ \u00a0]+"
    r"(?:[" + "".join(sorted(_SIGN_CHARS)) + r"]|[0-9]|[A-Z]{2,3}\$?[ \u00a0]?[0-9])"
)
#: "floor"/"ceiling" "on" a noun phrase, then a link, before an amount, in one clause: the IMF's programme
#: targets ("a floor on net international reserves of US$2,000 million", "the ceiling on the stock of guarantees
#: is US$500 million"; "a floor of $2 billion").
_FLOOR_CEILING: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(floor|ceiling)s?(?:[ \u00a0]+on(?:[ \u00a0](?!(?:is|was|are|were|and|but)\b)[^\s.;:!?(),0-9]+){1,8}?)?"
    r"[ \u00a0]+(?:of|is|was|are|were|will be|at)[ \u00a0]+\Z",
    re.IGNORECASE,
)
_FROM_BEFORE_BOUND: Final[re.Pattern[str]] = re.compile(
    r"\b(?:from|than|versus|vs\.?|against)[ \u00a0]+(?:(?:a|an|the|its|their)[ \u00a0]+)?(?:[a-z]+[ \u00a0]+)?\Z",
    re.IGNORECASE,
)
#: A cap verb and its object before "at": "caps private parking fines at £50" (not a market cap, not the noun:
#: "the cap is set at £2,500" gives the cap's amount).
_CAP_AT: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(?<!market )cap(?:s|ped|ping)?"
    r"(?:[ \u00a0](?!(?:is|was|are|were|be|been|will|has|had|stands?|stood|sits?|sat)\b)[^\s.;:!?()0-9]+){1,6}?"
    r"[ \u00a0]+at[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: A determiner and at most two modifiers right before a word: that word is a noun ("the monthly redemption limit").
_DETERMINER_BEFORE_NOUN: Final[re.Pattern[str]] = re.compile(
    r"\b(?:the|its|their|his|her|our|a|an|this|that)(?:[ \u00a0]+[A-Za-z-]+){0,2}[ \u00a0]+\Z", re.IGNORECASE
)
#: An active verb that limits, its object and "to" ("limits donations to", "limiting each donor's gifts to").
_LIMITS_TO: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])limit(?:s|ing)?(?:[ \u00a0](?!(?:is|was|are|were|be|been|will|would|could|has|had|rise|rises|rose"
    # (the noun and a change verb: "the contribution limit rises to $23,000" is the new limit's level)
    r"|risen|fall|falls|fell|go|goes|went|increases?|increased|climbs?|climbed|jumps?|jumped|drops?|dropped|moves?"
    r"|moved|changes?|changed|returns?|returned|grows?|grew|doubles?|doubled|edges?|edged)\b)[^\s.;:!?()0-9]+){1,4}?"
    r"[ \u00a0]+to[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: The words that end a :data:`_LIMIT_NOUN` phrase ("of", "is", "will be" …): a cheap test before the search.
_LIMIT_LINKS: Final[frozenset[str]] = curated.LIMIT_LINKS
#: A verb that sets a limit, then the limit's noun phrase and "to" ("raised the maximum fine to", "lowering the
#: minimum deposit to"): the amount after it is the new limit (``curated.LIMIT_SET_VERBS``).
_LIMIT_SET_TO: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(sorted(curated.LIMIT_SET_VERBS, key=len, reverse=True)) + r")"
    r"[ \u00a0]+(?:the|its|their|his|her|a|our)[ \u00a0]+(maxim|minim)um"
    # (unless that noun only modifies the head: "the maximum earned income tax credit is $7,830" is a bound)
    r"(?![ \u00a0-](?:[^\W\d_]+[ \u00a0-])?(?:" + _RATE_NOUNS + r")\b"
    r"(?![ \u00a0-](?:tax|taxes|credit|credits|allowance|deduction|threshold|limit|relief|benefit|bracket)\b))"
    r"(?:[ \u00a0][^\s.;:!?()0-9]+){0,5}?[ \u00a0]+to[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: The passive of :data:`_LIMIT_SET_TO`: the limit's noun phrase, then "was raised to" ("the maximum balance was
#: raised to $1,000", "the minimum deposit has been cut to £1"); not a rate or price whose minimum is the figure
#: itself ("the minimum wage was raised to $15", "the minimum bus fare has been raised to 10 taka").
_LIMIT_SET_PASSIVE: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(maxim|minim)um"
    # (no rate or price among the noun's words: "the minimum public-sector salary was doubled to", "the minimum
    # bus fare has been raised to 10 taka" report the new rate)
    r"(?:[ \u00a0-](?!(?:is|was|are|were|will|would|and|but|while|whereas|fares?|prices?|"
    + _RATE_NOUNS
    + r")\b)"
    r"[^\s.;:!?(),0-9-]+){1,5}?"
    r"[ \u00a0]+(?:is|was|are|were|has[ \u00a0]+been|have[ \u00a0]+been|will[ \u00a0]+be|would[ \u00a0]+be|to[ \u00a0]+be)"
    r"[ \u00a0]+(?:" + "|".join(sorted(curated.LIMIT_SET_VERBS, key=len, reverse=True)) + r")"
    r"[ \u00a0]+to[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: "maximum"/"minimum" after the amount and its unit ("$4,873 per month maximum", "a $5,000 out-of-pocket
#: maximum", "a £10 minimum spend"): at most two words between, no function word among them ("$500 for
#: maximum impact"); not a wage ("the $15 minimum wage").
_LIMIT_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0-](?!(?:for|to|with|at|in|on|of|and|or|but|the|a|an|is|was|by|as|its|their|his|her|this|that)"
    r"(?![^\W\d_]))[^\W\d_]+(?:-[^\W\d_]+)*){0,2}?[ \u00a0-](maxim|minim)um"
    r"(?![^\W\d_])(?![ \u00a0-](?:" + _RATE_NOUNS + r")\b)",
)  # (lower case: "Fund size: £250m Minimum investment: £5,000" is the next label of a flattened table)
#: "add up to": a total, not a bound.
_TOTAL_VERBS: Final[frozenset[str]] = frozenset({"add", "adds", "added", "adding"})
#: A comparison under a negation, and what it becomes ("never earned less than £80,000": at least).
_NEGATED: Final[dict[str, str]] = {"more_than": "at_most", "less_than": "at_least"}


_PAIRED_COMPARATIVES: Final[frozenset[str]] = curated.PAIRED_COMPARATIVES
_UP_TO_DETERMINERS: Final[frozenset[str]] = curated.UP_TO_DETERMINERS
_SMALLEST_COINS: Final[frozenset[str]] = curated.SMALLEST_COINS


def _negation_before(words: list[str]) -> bool:
    """Whether one of the last two of ``words`` (lower case, before a comparison phrase) negates it: a word of
    ``curated.NEGATION_WORDS`` or one ending in "n't" ("must not be", "can never cost", "can't"), or the words end
    in "not to be" ("the bond is not to be less than $5,000")."""
    if words[-3:] == ["not", "to", "be"]:
        return True
    if len(words) > 2 and words[-2] in ("a", "one", "single") and words[-1] in _SMALLEST_COINS:
        words = words[:-2]  # "I won't pay a cent more than $400", "won't spend a penny more than £50"
    if "no" in words[-3:-1] and words[words.index("no", max(0, len(words) - 3)) + 1 :][:1] in (
        ["one"],
        ["body"],
    ):
        return True  # "no one paid more than $30 a year"
    for k, w in enumerate(words[-2:]):
        w = w.rstrip(",")
        if w == "no" and k == 0 and len(words) >= 2:
            continue  # a determiner of the noun before the comparison: "no fee below $5", "no co-pay below $70,000"
        if w in curated.NEGATION_WORDS or w.endswith(("n't", "n\u2019t")):
            return True
    # a modal's negation and a verb with its object between: "may not raise private money above $10,000"
    # ("Nobody should pay more than 50 baht", "cannot legally accept more than €2,500")
    for k in (-4, -3):
        if len(words) < -k or any(
            w.endswith((",", ";", ":", ".")) or w in ("and", "but", "or", "than", "that", "because", "if")
            for w in words[k:]
        ):
            continue
        w = words[k]
        # (a negated verb, not a determiner: "nothing on orders over C$75", "No single purchase above £10,000")
        if (w in ("not", "never", "cannot", "nobody") or w.endswith(("n't", "n\u2019t"))) and words[
            k + 1
        ] != "only":
            return True
    return False


#: Words before "go up to" that make it an announced change ("will go up to £55"); after "could", "can", "may"
#: it stays a bound ("pay could go up to £40,000").
_FUTURE_WORDS: Final[frozenset[str]] = frozenset({"will", "to", "shall", "would", "'ll"})


#: Prepositions right before "up to" that take the bounded amount as their object: never a verb's particle.
_UP_TO_PREPOSITIONS: Final[frozenset[str]] = curated.UP_TO_PREPOSITIONS


#: Copulas: a motion verb before one is not the verb of a later "up to" ("Send money is free up to Tk 25,000").
_COPULAS: Final[frozenset[str]] = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "stays", "remains"}
)


#: Auxiliaries before a passive participle ("was raised up to £12bn": a change, not "raise up to", a bound).
_PASSIVE_AUXILIARIES: Final[frozenset[str]] = frozenset({"was", "were", "been", "is", "are", "being", "be"})


def _up_belongs_to_verb(words: list[str]) -> bool:
    """Whether the "up" of "up to" at the end of ``words`` (lower case) belongs to a motion verb before it
    ("pushed their earnings up to $43.1m", "rounded up to $500", "went up to £2"): the verb at most four words
    back, used as a verb (not "the first round", "a big push"), with no comma or amount-taking verb between ("can
    earn up to"); right before "up" only a verb of ``curated.UP_PARTICLE_VERBS`` (a transitive one takes the
    amount as its object: "raise up to $5m" is a bound)."""
    if len(words) > 2 and (words[-3] in _UP_TO_PREPOSITIONS or words[-3] == "to"):
        # "took goods valued at up to £200m", "cash of up to £40,000", "prices have climbed to up to K400": a
        # preposition's object
        return False
    for j in range(len(words) - 3, max(-1, len(words) - 7), -1):
        w = words[j].rstrip(",")
        if words[j].endswith(",") and j < len(words) - 3:
            return False
        if w in _COPULAS:
            return False  # "Send money is free up to Tk 25,000": the verb's clause ended before the copula
        if w in _UP_TO_TAKERS:
            return False
        if w in _MOTION_VERBS:
            if j == len(words) - 3 and (
                w == "goes"
                or (w == "go" and j > 0 and words[j - 1] in _FUTURE_WORDS)
                or (w == "going" and j > 0 and words[j - 1] in ("is", "are", "was", "were", "it's"))
            ):
                # "first class goes up to £1.65", "the charge will go up to £55", "the cap is going up to
                # £1,928": a price rise
                return True
            if j == len(words) - 3 and w not in curated.UP_PARTICLE_VERBS:
                # "raise up to $5m", "put up to £20,000 a year", "prices go up to ₹1,499": a bound; but a passive
                # "the cap was raised up to £12bn", "costs were pushed up to £140bn": a change
                return w.endswith("ed") and j > 0 and words[j - 1] in _PASSIVE_AUXILIARIES
            return not (j > 0 and words[j - 1] in _NOUN_MARKERS)
    return False


#: A plural noun (group 1), perhaps an adverb, then "started at" or "started from" right before an amount:
#: "tickets started at ", "Prices for the suites started from ".
_STARTED_AT: Final[re.Pattern[str]] = re.compile(
    r"\b([A-Za-z]+s)[ \u00a0]+(?:(?:for|in|on|from|between)[ \u00a0]+[^,.;:]{1,30}?[ \u00a0]+)?(?:[a-z]+ly[ \u00a0]+)?"
    r"started[ \u00a0]+(?:at|from)[ \u00a0]+(?:just[ \u00a0]+|only[ \u00a0]+)?\Z"
)


def _starting_price(text: str, a: _Amount) -> bool:
    """Whether "from" before ``a`` gives a starting price: after a plural noun of goods or services or a price
    word ("rooms from €19", "tickets from £15", "priced from 215,900 yuan"; ``curated.FROM_PRICE_WORDS``), not
    after a change ("up from", "rose from": :func:`_change_before`), a source of money ("proceeds from",
    ``curated.FROM_SOURCE_WORDS``) or an amount's currency word ("41.2 mln dlrs from"), and not followed by "to" or a dash (a change or range "from X to Y")."""
    word = _word_before(text, a.start - 5).rsplit("-", 1)[-1].lower()  # "fly-cruises from": the last part
    if (dated := _ON_DATE_BEFORE.search(text, max(0, a.start - 40), a.start - 5)) is not None:
        # past a launch date: "goes on sale on 1 October from 1,428,000 yen", "on sale in March from £29,995"
        word = _word_before(text, dated.start() + 1).rsplit("-", 1)[-1].lower()
    # (as written: a plural's "s" is lower case, not a unit's capitals, "per kgMS from NZ$9.50")
    raw = text[max(0, a.start - 45) : a.start - 5].rstrip().rsplit(None, 1)[-1:] or [""]
    plural = (
        len(word) > 3
        and word.isalpha()
        and (raw[0].endswith("s") or (raw[0].isupper() and raw[0].endswith("S")))
    )
    if word in ("up", "down"):
        return False  # "up from $28.92/MW-day", "down from €112,45/MWh": an earlier level
    clause = _sentence_start(text, a.start - 5, 160)
    clause = max(clause, text.rfind(", ", clause, a.start - 5))
    if _TO_MONEY.search(text, clause, a.start - 5) is not None:
        # "raise the price of gas to $230 per 1,000 cubic metres from $95": the old level (in the clause only:
        # "raised its purse to $2.5 million, and tickets are priced from $40" is a starting price)
        return False
    if word in curated.FROM_PRICE_ADVERBS:  # "servers now from ¥99 a year": the noun before the adverb
        word = _word_before(text, _prev_word(text, a.start - 5)[1]).rsplit("-", 1)[-1].lower()
    bought = (
        _BUY_BEFORE_FROM.search(text, max(0, a.start - 60), a.start - 5) is not None
        and not _amount_earlier_in_clause(text, a.start - 5)
    ) or _SET_BACK_FROM.search(text, max(0, a.start - 40), a.start) is not None
    if (
        text[a.start - 7 : a.start - 5] == ", "
        and _NAME_BEFORE_COMMA.search(text, max(0, a.start - 40), a.start - 5) is not None
        and text[a.end : a.end + 1] in (",", ")", ".", ";")
        and not _change_before(text, a.start)
        # (not an earlier level after a new one: "rises to €58 a month in January, from €49")
        and _TO_AMOUNT.search(text, _sentence_start(text, a.start - 5, 160), a.start - 5) is None
    ):
        return True  # a product's price in an aside: "The Skoda Kodiaq, from £37,000, is roomier"
    if (
        text[a.start - 7 : a.start - 5] in (", ", ": ")
        and a.per_unit is not None
        and _per_unit(text, a.end) is not None  # its own unit written after it (not one carried to it)
        and _FROM_RANGE_AFTER.match(text, a.end) is None
        and not _from_to_later(text, a.end)
        and not _change_before(text, a.start)
        # (not an earlier level after a new one: "Wages rose to $18 an hour, from $15 an hour last year")
        and not _amount_traces(text, _sentence_start(text, a.start - 7, 100), a.start - 7)
    ):
        return (
            True  # a listing's "Cottage holiday let, sleeps 6, from £95 per night": a price from, per night
        )
    if (
        not (
            word in curated.FROM_PRICE_WORDS
            or (plural and word.endswith("s"))
            or _product_before_from(text, a.start - 5)
            # what a buyer can buy from a price: "can buy bitcoin from R$1", "Buy a one-bed from £250,000"
            or bought
            # a service or a place before a price with its own unit: "lawn mowing from R250 per visit", "Hotel
            # near the beach from Tk 3,500 per night"
            or (
                word.isalpha()
                and a.per_unit is not None
                and _per_unit(text, a.end) is not None
                and not _amount_earlier_in_clause(
                    text, a.start - 5
                )  # ("rose to US$3.12/t mined from US$2.87/t")
            )
        )
        or (word in curated.FROM_SOURCE_WORDS and not bought)
        # an amount's currency word ends before "from": "41.2 mln N.Z. Dlrs from 33.5 mln", a comparison
        or (word in curated.CURRENCY_WORDS and not bought)
    ):
        return False
    if _FROM_RANGE_AFTER.match(text, a.end) is not None or _from_to_later(text, a.end):
        return False
    if word.replace(",", "").replace(".", "").isdigit():
        # an amount before "from" ("set octane at Tk 125 from Tk 130"): a comparison with the old level, not a
        # model number ("Peugeot 208 from £18,500")
        number_start = len(text[: a.start - 5].rstrip()) - len(word)
        before_number = text[max(0, number_start - 12) : number_start].split()
        sign = before_number[-1].rstrip(".") if before_number else ""
        if sign in _SIGN_WORDS or (sign.isupper() and sign in CODES):
            return False
    # (a launch's "goes on sale from" is no change from a level, whatever the verb)
    return word == "sale" or not _change_before(text, a.start)


#: A date after "on" or "in" right before " from" ("on 1 October", "in March", "on October 1, 2025").
_ON_DATE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](?:on|in)[ \u00a0]+(?:[0-9]{1,2}[ \u00a0]+)?(?:"
    + "|".join(sorted((m.capitalize() for m in curated.MONTH_WORDS if len(m) > 3), key=len, reverse=True))
    + r")(?:[ \u00a0]+[0-9]{1,2})?(?:,?[ \u00a0]+[0-9]{4})?[ \u00a0]?\Z"
)
#: A capitalised name (or a model code) and a comma right before " from": a product named, then its price in an
#: aside ("The Skoda Kodiaq, from", "Apple's iPad Air, from", "the Kia Sportage GT-Line S, from").
_NAME_BEFORE_COMMA: Final[re.Pattern[str]] = re.compile(r"(?:[A-Z][\w-]*|[0-9]+[A-Za-z][\w-]*),[ \u00a0]\Z")
#: "to" and a sum with its sign: a new level named earlier in the sentence ("to $230", "to US$3.12").
_TO_MONEY: Final[re.Pattern[str]] = re.compile(
    r"\bto[ \u00a0]+(?:[A-Z]{1,3})?[" + "".join(sorted(_SIGN_CHARS)) + r"][ \u00a0]?[0-9]"
)
#: "to" and a number: a new level named earlier in the sentence ("rises to €58", "doubled its cover to $300,000").
_TO_AMOUNT: Final[re.Pattern[str]] = re.compile(r"\bto[ \u00a0]+[^\s]*[0-9]")
#: A buyer's verb and its object (one to four words) right before "from": "buy bitcoin from", "Buy a one-bed
#: from", "purchase a 25% share from".
_BUY_BEFORE_FROM: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(?:[Bb]uy|purchase|[Pp]urchase)(?:[ \u00a0]+[^\s,.;:!?]+){1,4}[ \u00a0]*\Z"
)


#: "will set you back from": a price from ("A new HiLux will set you back from $63,000 drive-away").
_SET_BACK_FROM: Final[re.Pattern[str]] = re.compile(
    r"\bset(?:s|ting)?[ \u00a0]+(?:you|me|us|them|buyers|drivers|owners|families)[ \u00a0]+back[ \u00a0]+from[ \u00a0]+\Z"
)


#: A product or a price-list label right before "from": a label's colon or dash ("Tickets: from £15", "The
#: all-new Sportage — from $36,990"), a model number, a size or a capitalised model name ("Peugeot 208 from",
#: "2008 SUV from", "Apple Watch Series 10 from", "rugs 5x7 from"); not a year, a quarter or a half ("in 2023
#: from", "Q3 from", "H1 from").
_PRODUCT_BEFORE_FROM: Final[re.Pattern[str]] = re.compile(
    r"(?:[:\u2013\u2014]|(?<![^\W_])(?!(?:19|20)[0-9]{2}\b|[QH][1-4]\b|FY)"
    r"(?:[A-Z][\w-]*|[0-9]{1,4}(?:[x\u00d7][0-9]{1,4})?[A-Za-z]*))[ \u00a0]?\Z"
)

#: A "to" (not "up to") and a second amount later in the clause, before any comma: "from €477 per month in
#: Bulgaria to €2 571": two ends, no starting price.
_FROM_TO_LATER: Final[re.Pattern[str]] = re.compile(
    r"[^.,;!?\n]{0,60}?(?<!\bup )\bto[ \u00a0]+(?:["
    + "".join(sorted(_SIGN_CHARS))
    + r"]|[0-9]|[A-Z]{2,3}\$?[ \u00a0]?[0-9])"
)


def _from_to_later(text: str, end: int) -> bool:
    """Whether a "to" and another amount follow the amount ending at ``end`` in its clause
    (:data:`_FROM_TO_LATER`): "from X … to Y" names two ends, not a starting price."""
    return _FROM_TO_LATER.match(text, end) is not None


#: An amount's traces in the clause before "from": a sign, a decimal or grouped number, a scale word, a code
#: before a number ("DM 1.15 billion"); model numbers ("Peugeot 208", "i10", "2008 SUV") are none.
_AMOUNT_IN_CLAUSE: Final[re.Pattern[str]] = re.compile(
    "[" + "".join(sorted(_SIGN_CHARS)) + r"]|[0-9][.,][0-9]|\b(?:million|billion|trillion|bn|mln|mn)\b"
    r"|\b(?P<code>[A-Z]{1,3}) ?[0-9]+(?:bn|trn|tn|mn|m|k)?(?![\w-])|[0-9](?:bn|trn|tn|mn|m|k)\b"
)


def _amount_traces(text: str, lo: int, hi: int) -> bool:
    """Whether :data:`_AMOUNT_IN_CLAUSE` finds an amount's trace in ``text[lo:hi]`` (code points); letters before
    a number count only when they are a sign word or an ISO 4217 code ("DM 1.15", "R3M"), not a model code
    ("priced its YU7 from 253,500 yuan")."""
    for m in _AMOUNT_IN_CLAUSE.finditer(text, lo, hi):
        code = m.group("code")
        if code is None or code in _SIGN_WORDS or code in CODES:
            return True
    return False


_MONTHS: Final[frozenset[str]] = curated.MONTH_WORDS


def _sentence_start(text: str, at: int, reach: int) -> int:
    """The start of the sentence (or ";" clause) around ``at``, at most ``reach`` code points back."""
    lo = max(0, at - reach)
    return max(lo, text.rfind(". ", lo, at), text.rfind(";", lo, at), text.rfind("\n", lo, at))


def _amount_earlier_in_clause(text: str, from_start: int) -> bool:
    """Whether an amount's traces (:data:`_AMOUNT_IN_CLAUSE`) stand in the clause before the "from" at
    ``from_start`` (up to 80 code points back, to the last ". ", ", " or ";")."""
    lo = max(0, from_start - 80)
    lo = max(
        lo,
        text.rfind(". ", lo, from_start),
        text.rfind(", ", lo, from_start),
        text.rfind(";", lo, from_start),
    )
    return _amount_traces(text, lo, from_start)


def _product_before_from(text: str, from_start: int) -> bool:
    """Whether a product or a label stands right before the "from" at ``from_start``
    (:data:`_PRODUCT_BEFORE_FROM`), in a clause with no amount, sign, change verb or month before it ("profit fell
    to £198.5m from £210.2m" is a change); a capitalised word that starts its sentence is no model name
    ("Funding from $5m")."""
    m = _PRODUCT_BEFORE_FROM.search(text, max(0, from_start - 40), from_start)
    if m is None:
        return False
    lo = max(0, from_start - 80)
    lo = max(
        lo, text.rfind(". ", lo, m.start()), text.rfind(", ", lo, m.start()), text.rfind(";", lo, m.start())
    )
    clause = text[lo:from_start]
    if _amount_traces(text, lo, from_start) or any(
        w.strip(",;:()").lower() in _CHANGE_VERBS
        # (a month, also hyphened: "at end-March from 51.1 billion")
        or w.strip(",;:()").lower().rsplit("-", 1)[-1] in _MONTHS
        for w in clause.split()
    ):
        return False  # "profit fell to £198.5m from", "narrowed … in July from": a change, not a price list
    if text[m.start()].isupper():
        before = text[max(0, m.start() - 3) : m.start()].rstrip()
        return before != "" and before[-1] not in ".!?\n"
    return True


#: (not "and" before a word: "flats priced from Dh1.1m and townhouses from Dh3.4m", "from $5 and up")
_FROM_RANGE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*(?:to\b|[-\u2013\u2014]|and\b(?![ \u00a0]+[a-z])|through\b)"
)


def _product_name_end(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a capitalised word ending a product name: "Max" after another
    capitalised word or a brand in capitals ("Pro Max", "AirPods Max", "HBO Max")."""
    word, wstart = _prev_word(text, start)
    if not word[:1].isupper() or word.isupper():
        return False
    before, _ = _prev_word(text, wstart)
    return before[:1].isupper()


def _amount_then_comma(word: str) -> bool:
    """Whether ``word`` (as split from the text) ends an amount and a comma: "billion,", "$85,", "euros,"."""
    if not word.endswith(","):
        return False
    core = word[:-1].lower()
    return core[-1:].isdigit() or core in numbers.SCALE_WORD_SET or core in NAMES


def _unquoted(word: str) -> str:
    """``word`` without the quotation marks around it ("'no", "than'" of "'no less than' RMB 50 million"; a
    plural possessive keeps its apostrophe: "investors'")."""
    word = word.lstrip("(\"'“‘")
    if word[-1:] in ('"', "”", "’", "'") and not word[:-1].endswith("s"):
        word = word[:-1]
    return word


#: Words before "add up to" that make it a limit on what may be added ("allowed to add up to $5,000", "can add
#: up to $500"), not a total ("payments add up to $720").
_PERMISSION_BEFORE_ADD: Final[frozenset[str]] = frozenset({"to", "can", "may", "could", "might"})


def _qualifier_before(text: str, start: int) -> str | None:
    """Qualifier phrase ending right before ``start`` ("nearly", "more than", "around OPEC's")."""
    if start <= 0:
        return None
    before = text[start - 1]
    if before == "~":
        return "approximate"
    if before == "." and (" " + text[max(0, start - 4) : start]).endswith(_CIRCA_GLUED):
        return "approximate"  # "c.$750m", "ca.€5bn": circa glued to the amount
    if before == "-" and (" " + text[max(0, start - 4) : start]).lower().endswith(_SUB_GLUED):
        return "less_than"  # "sub-$1,000 phones", "a sub-£5 coffee": below that price
    if before == "-" and (" " + text[max(0, start - 6) : start]).lower().endswith(_UNDER_OVER_GLUED):
        # "Under-$1,000 Phones", "an over-£50 order": a headline's hyphened bound
        return "less_than" if text[max(0, start - 6) : start].lower() == "under-" else "more_than"
    if before in _QUAL_SIGNS:
        sign_at = start - 1
    elif before == " " and start >= 2 and text[start - 2] in _QUAL_SIGNS:
        sign_at = start - 2  # a spaced comparison sign: "ARR > $1M", "≈ €5bn"
    else:
        sign_at = -1
    if sign_at >= 0 and (sign_at == 0 or text[sign_at - 1] in ' \u00a0\n(["“'):
        sign = text[sign_at]
        if sign == ">" and sign_at + 1 < start and (sign_at == 0 or text[sign_at - 1] == "\n"):
            return None  # "> $45 is fine" at a line's start: an e-mail or forum quote marker, not "more than"
        if sign == ">" and _ends_tag(text, sign_at + 1):
            return None  # '<td class="num">$5', '<a href="/x">$5': the ">" ends a tag
        if sign == ">" and (crumb := text.rfind(" > ", max(0, sign_at - 40), sign_at)) != -1:
            between = text[crumb + 3 : sign_at]
            if between.strip() and not any(c.isdigit() or c in _SIGN_CHARS or c in ".;\n" for c in between):
                return None  # "Home > Deals > $25 Gift Cards": a breadcrumb's separator, not "more than"
        if sign_at >= 2 and text[sign_at - 1] == " " and text[sign_at - 2] not in _SPACE:
            k = max(
                text.rfind(" ", max(0, sign_at - 24), sign_at - 1),
                text.rfind("\n", max(0, sign_at - 24), sign_at - 1),  # ("~$40M\nValuation >$1B": a new line)
                max(0, sign_at - 24) - 1,
            )
            if any(c.isdigit() for c in text[k + 1 : sign_at - 1]):  # (at most 24 code points)
                return None  # "$5M > $3M", "5 < €7": a comparison of two quantities, not a bound
        return _QUAL_SIGNS[sign]  # ">$5bn in assets", "<$1m revenue" (not "<b>$5")
    if before not in _SPACE:
        return None
    lo = max(0, start - 48)
    # one space before the amount (the usual case): the last word is what follows the last space
    if start - 2 >= lo and not text[start - 2].isspace():
        k = text.rfind(" ", lo, start - 1)
        last = _unquoted(text[k + 1 if k >= 0 else lo : start].strip().lower().lstrip("["))
    else:
        window = text[lo:start]
        last = _unquoted(window[window.rstrip().rfind(" ") + 1 :].strip().lower().lstrip("["))
    if last == "like":
        # speech's hedge: "the fare is like $1.70", "cost me like RM75", "it's like R120 each" (not "items like
        # $5 socks", "sounds like $5": the word before "like" must take an amount)
        _, like_start = _prev_word(text, start)
        if _word_before(text, like_start).rstrip(":,") in curated.LIKE_HEDGE_AFTER:
            return "approximate"  # (else the phrases below: "something like €40 million")
        if text[max(0, like_start - 2) : like_start].rstrip(" ")[-1:] in (",", "-", "–", "—") and (
            _AMOUNT_ENDS_CLAUSE.match(text, start) is not None
        ):
            return "approximate"  # "a salad and water, like $18.", "Groceries - like $300?": an aside's hedge
    if last in ("max", "min", "plus", "pro", "ultra") and _product_name_end(text, start):
        return None  # "the Pro Max $1,199", "AirPods Max $549", "HBO Max $16.99": a product's name, no bound
    if last in ("min", "min.", "mins", "min:") and _NUMBER_BEFORE_MIN.search(text, max(0, start - 16), start):
        return None  # "FIRST 30 MIN $6,842.00", "60-min session: $120": minutes, not a minimum
    if "(" in last:  # a bracket glued to the word before: "USD2.5bn(roughly €2.3bn)"
        last = last.rsplit("(", 1)[1]
    if (
        "\u2014" in last
    ):  # an em dash glued to the word before: "every other prime minister combined—over $600bn"
        last = last.rsplit("\u2014", 1)[1]
    if (
        start >= 3
        and text[start - 2] == ":"
        and (label := _LIMIT_LABEL.search(text, lo, start)) is not None
        and not _product_max(text, label)
        # ("A 60-min session: $120": minutes)
        and not text[max(0, label.start() - 2) : label.start()].rstrip(" \u00a0-")[-1:].isdigit()
    ):
        return (
            "at_least" if label.group(1).lower().startswith(("min", "floor")) else "at_most"
        )  # "Min. order value: $25", "Award Floor: $250,000"
    if (
        last in _LIMIT_LINKS
        and (
            text.find("imum", max(0, start - 90), start) != -1
            or text.find("to-exceed", max(0, start - 90), start) != -1
            or text.find("min", max(0, start - 90), start) != -1
        )
        and (limit := _LIMIT_NOUN.search(text, max(0, start - 90), start)) is not None
        # (not an administered price set "at" its level: "set the minimum farm-gate price for cocoa at 2,800 CFA
        # francs", "retained the minimum selling price at Rs 31"; "a minimum price of 10p" stays a bound)
        and not (last == "at" and _PRICE_WORD.search(limit.group(0)) is not None)
    ):
        # "a maximum fine of $50,120", "the maximum penalty is $1 million", "the minimum bid is $25,000", "min
        # spend of $15"
        return "at_least" if limit.group(1).lower().startswith("min") else "at_most"  # (also "not-to-exceed")
    if (
        last in _LIMIT_LINKS
        and (
            text.find("floor", max(0, start - 90), start) != -1
            or text.find("ceiling", max(0, start - 90), start) != -1
        )
        and (bound := _FLOOR_CEILING.search(text, max(0, start - 90), start)) is not None
        # (not a figure compared with: "up from a prior floor of $2.3 billion")
        and _FROM_BEFORE_BOUND.search(text, max(0, bound.start() - 24), bound.start()) is None
    ):
        # a programme target: "a floor on social spending of GHS 14.2 billion", "the ceiling on the stock of
        # guarantees is US$500 million"
        return "at_least" if bound.group(1).lower() == "floor" else "at_most"
    if (
        last in _TERM_AND_FINE_LAST
        and text.find("imum", max(0, start - 120), start) != -1
        and _MAX_TERM_AND_FINE.search(text, max(0, start - 120), start) is not None
    ):
        return "at_most"  # "faces a maximum penalty of 20 years in prison and a fine of $250,000"
    if (
        last == "to"
        and text.find("imum", max(0, start - 90), start) != -1
        and (
            (limit_set := _LIMIT_SET_TO.search(text, max(0, start - 90), start)) is not None
            or (limit_set := _LIMIT_SET_PASSIVE.search(text, max(0, start - 90), start)) is not None
        )
    ):
        # "raising the maximum Canada Student Grant to $4,200", "cut the minimum stake to £1": the new limit
        return "at_most" if limit_set.group(1).lower() == "maxim" else "at_least"
    if (
        last == "at"
        and text.find("cap", max(0, start - 80), start) != -1
        and _CAP_AT.search(text, max(0, start - 80), start)
    ):
        return "at_most"  # "the law caps parking fines at £50", "caps contributions to gubernatorial candidates at"
    if (
        last == "to"
        and text.find("limit", max(0, start - 60), start) != -1
        and (limits := _LIMITS_TO.search(text, lo, start))
        # (not the noun set to a new level: "lowering the monthly redemption limit for Treasuries to $5 billion")
        and not (
            text[limits.start() : limits.start() + 6].lower() == "limit "
            and _next_word_lower(text, limits.start() + 5) in ("for", "on", "of", "per", "to")
            and _DETERMINER_BEFORE_NOUN.search(text, max(0, limits.start() - 40), limits.start()) is not None
        )
    ):
        return "at_most"  # "Quebec limits donations to $100 per elector", "restricting fees to £50"
    if (
        last not in _QUAL_LAST
        and (text.find("stimated", lo, start) != -1 or text.find("STIMATED", lo, start) != -1)
        and _ESTIMATE_LABEL.search(text, lo, start) is not None
    ):
        return "approximate"  # "Estimated value excluding VAT: 1 250 000.00 EUR", "ESTIMATED VALUE EUR 2 300 000"
    if (
        last not in _QUAL_LAST
        and not last.endswith(("'s", "’s", "s'"))
        and last not in _POSSESSIVES
        and last not in _INCREMENT_WORDS
        and last not in _UP_TO_DETERMINERS
    ):
        return None
    if (
        last in ("is", "was", "are", "were", "be")
        and text.find("stimated", max(0, start - 100), start) != -1
        and _ESTIMATED_SUBJECT.search(text, max(0, start - 100), start) is not None
    ):
        return (
            "approximate"  # "The estimated cost of scaling up the package to all districts is USD 46 million"
        )
    window = text[lo:start].lower()
    if last in _ESTIMATE_LINKS and "estimate" not in (
        window if last != "at" else text[max(0, start - 100) : start].lower()
    ):
        return None  # "closed at $5", "is $5": a link word qualifies only after "estimated" (see below)
    # only the last ten words can matter (phrases of up to four words, a possessive, eight for "up to")
    words = [_unquoted(w) for w in window.replace("(", " ").replace("\u2014", " ").split()[-10:]]
    across_possessive = False
    if words and (words[-1].endswith(("'s", "’s", "s'")) or words[-1] in _POSSESSIVES) and len(words) > 1:
        words = words[:-1]  # "around OPEC's 18 dlr target", "around its 18 dlr level": the possessive stays
        across_possessive = True
    elif len(words) > 2 and words[-1] in _UP_TO_DETERMINERS and words[-3:-1] == ["up", "to"]:
        words = words[:-1]  # "contribute up to that $2,300", "up to the $7,000 limit": still the bound
    elif words and words[-1] in _INCREMENT_WORDS and len(words) > 1:
        # "up to an additional $4 a share", "at least a further £2m", "nearly another $1bn"
        words = words[:-2] if words[-1] != "another" and words[-2] in ("a", "an") else words[:-1]
        if not words:
            return None
    for k in _QUAL_LENGTHS.get(words[-1], ()) if words else ():
        if len(words) < k:
            continue
        q = _QUAL_BEFORE.get(" ".join(words[-k:]))
        if q is not None:
            if len(words) > k + 1 and words[-k - 1] == "or" and words[-k - 2] in _PAIRED_COMPARATIVES:
                return None  # "is the price above or below $1,000?", "more or less than $5": no bound
            if (
                k == 2
                and words[-2] == "up"
                and len(words) > 2
                and words[-3] in _TOTAL_VERBS
                # (but a permission makes it a limit: "parents are allowed to add up to $5,000 a year")
                and not (len(words) > 3 and words[-4] in _PERMISSION_BEFORE_ADD)
            ):
                return None  # "payments add up to $720 a month": a total, not a bound
            if k == 2 and words[-2] == "up" and _up_belongs_to_verb(words):
                return None  # "pushed their earnings up to $43.1m": "up" belongs to the verb
            if (
                k == 1
                and words[-1] in ("under", "over")
                and len(words) > 2
                and words[-2] in ("and", "or")
                and words[-3].isdigit()
                and len(words[-3]) <= 2
            ):
                return None  # "children 12 and under $10", "single 25 or over £393.45": an age bracket, then the price
            if (
                k == 1
                and words[-1] == "over"
                and len(words) > 1
                and (words[-2].endswith("%") or words[-2] in ("percent", "pct", "cent"))
            ):
                return None  # "up 35% over Rs 48,028 crore in FY23": the base of a growth rate
            if k == 1 and words[-1] == "over" and len(words) > 1 and words[-2] in _OVER_VERBS:
                return None  # "took over £1.2bn of debt", "handed over $2.5m": "over" belongs to the verb
            if k == 1 and words[-1] == "over" and len(words) > 1 and words[-2] in curated.OVER_ABOUT_WORDS:
                return None  # "a dispute over $3 billion", "arrested over $2 million": about it, not above it
            if across_possessive and q != "approximate":
                return None  # "short of its $2.7tn target", "above its $2m estimate": a reference figure
            if k == 2 and words[-1] == "than" and len(words) > 2 and _amount_then_comma(words[-3]):
                return None  # "capex will be P85 billion, lower than P96.5 billion last year": compared with
                # the amount before the comma, the second is a reference figure, not a bound
            if q in _NEGATED and _negation_before(words[: len(words) - k]):
                return _NEGATED[q]  # "can never cost more than £200" is at most £200
            if (
                k == 3
                and words[-2] in ("high", "low")
                and len(words) > 3
                and words[-4] in curated.MARKET_MOVE_VERBS
            ):
                return None  # "shares traded as high as 54p": a level reached, not a bound
            if (
                k == 2
                and words[-2] in ("start", "starts", "begin", "begins")
                and not curated.THRESHOLD_NOUNS.isdisjoint(w.strip(",;:'\"’”") for w in words[-6:-2])
            ):
                # "the 22% bracket starts at $47,151", "the high-income charge now begins at £60,000": where a
                # bracket begins, not a price list
                return None
            if k == 2 and words[-2] in ("start", "starts") and _SCHEDULE_AFTER.match(text, start) is not None:
                return None  # "the fee starts at $900 per ton in 2024, rising to $1,500": a schedule's first step
            return q
    # "the estimated cost is 2.5 billion euros", "estimated at $5bn", "estimated the cost of a vial at $2"
    if (
        len(words) > 1
        and words[-1] == "to"
        and words[-2] in _ESTIMATE_GROWTH_VERBS
        and "estimated" in words[-6:-2]
        and not any(w.endswith((".", "!", "?")) for w in words[-6:-1])
    ):
        return "approximate"  # "the estimated jackpot rolls to $875 million": the new estimate
    if not words or words[-1] not in ("is", "was", "at", "of", "be", "are", "were", "cost"):
        return None
    if "estimated" in words[-6:-1] and not any(
        w.endswith((".", "!", "?")) for w in words[len(words) - 2 - words[-6:-1][::-1].index("estimated") :]
    ):
        # (not across a sentence end: "worth an estimated $68,000. Cash donations of $21,750")
        after_estimated = words[len(words) - 1 - words[-6:-1][::-1].index("estimated") :]
        if not _ESTIMATE_ASSUMPTION_WORDS.isdisjoint(after_estimated):
            return None  # "Resources were estimated using a gold price of US$1,800/oz": an input, not the estimate
        if after_estimated[:1] in (["tax"], ["taxes"]):
            return None  # "A quarterly estimated tax payment of $1,850": the US tax term, no hedge
        if any(_COUNT_WORD.fullmatch(w) for w in after_estimated[:-1]):
            return None  # "an estimated 32 prizes of $1 million each": the estimate is the count (not a year:
            # "estimated her 2023 earnings at $87.5 million")
        return "approximate"
    wide = [w.strip(",;:()\"'") for w in text[max(0, start - 100) : start].lower().split()[-10:-1]]
    if words[-1] == "at":
        for verb in ("estimates", "estimate"):
            if (
                verb in wide
                and _ESTIMATES_NOUN_VERBS.isdisjoint(wide[wide.index(verb) :])
                and not any(
                    c.isdigit() for w in wide[wide.index(verb) :] for c in w
                )  # "estimate of €32 … at"
                and (wide.index(verb) == 0 or wide[wide.index(verb) - 1] not in _ESTIMATE_NOUN_BEFORE)
            ):
                # the verb: "Bloomberg estimates her fortune at €11.4bn", "Staff estimate the financing gap at
                # US$2.3 billion" (not the noun: "Estimates put the damage at $3bn", the estimate's value)
                return "approximate"
    return None


#: First words of the two-word qualifier phrases after an amount ("or" of "or more").
_QUAL_AFTER_FIRST: Final[frozenset[str]] = frozenset(k.split(" ")[0] for k in _QUAL_AFTER if " " in k)
_QUAL_AFTER_FIRST3: Final[frozenset[str]] = frozenset(
    k.split(" ")[0] for k in _QUAL_AFTER if k.count(" ") == 2
)


#: Hedges written after an amount and a comma, ending the clause (``curated.QUALIFIERS_AFTER_COMMA``).
_QUAL_AFTER_COMMA: Final[dict[str, str]] = curated.QUALIFIERS_AFTER_COMMA
_POSTPOSED_HEDGE: Final[re.Pattern[str]] = re.compile(
    "(" + "|".join(sorted(map(re.escape, _QUAL_AFTER_COMMA), key=len, reverse=True)) + r")"
    r"(?=[.;:!?)\"”’]|,[\"”’]|\Z)"  # (in a quotation too: '"Fifteen quid, tops," she said')
    r"|(give or take|more or less),"  # an aside closed by a comma: "$1.2 billion, give or take, and capex rose"
)


#: "at most" after an amount, ending its clause: "$40 at most." (before a noun it is "at most shops").
_AT_MOST_ENDING: Final[re.Pattern[str]] = re.compile(
    r" at most(?=[ \u00a0]*(?:[.,;:!?)\n]|\Z))", re.IGNORECASE
)


#: A hedge right after an amount that ends its clause: " approximately.", " approx.)", " roughly;" (not "$5
#: roughly doubled").
_HEDGE_ENDING: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:approximately|approx\.?|roughly)(?:[ \u00a0]*(?:[.,;:)!?\n]|\Z))", re.IGNORECASE
)


def _qualifier_after(text: str, end: int) -> str | None:
    """Qualifier phrase right after an amount ("$5m or more", "$100,000-plus").

    A spaced "plus" is a bound only where it ends the phrase ("$5 million plus, they said"); followed by a
    word it adds something ("$25 plus tax") and the amount stays exact.
    """
    window = text[end : end + 18].lower()
    if "\u2014" in window[1:]:
        window = window[
            : window.index("\u2014", 1)
        ]  # "those giving $200 or less—accounted for": the dash ends it
    if window.startswith(", "):
        # "$27 trillion, roughly.": a hedge after a comma counts only where it ends the clause ("…, roughly the
        # size of" hedges what follows)
        hedge = _POSTPOSED_HEDGE.match(window, 2)
        return _QUAL_AFTER_COMMA[hedge.group(1) or hedge.group(2)] if hedge is not None else None
    if not window.startswith(" "):
        if window.startswith("++"):
            return None  # "S$88++": a hotel price before service charge and tax, not a bound
        if _ISH.match(window) is not None:
            return "approximate"  # "£2ish", "£5-ish"
        if window.startswith(("-plus", "+")):
            return "more_than"
        if window[:4] == "-odd" and not window[4:5].isalpha():
            return _QUAL_AFTER["odd"]  # "$30m-odd"
        return None
    words = window.split(None, 2)
    if not words:
        return None
    first = words[0]
    if first.startswith(("approx", "roughly")) and _HEDGE_ENDING.match(text, end) is not None:
        return "approximate"  # "COP 219.000 approximately.", "CHF 500 approx.)": a hedge that ends the clause
    if first == "at" and _AT_MOST_ENDING.match(text, end) is not None:
        return "at_most"  # "or 7 410 $ at most.", "It costs $40 at most" (not "55p at most supermarkets")
    if (
        first == "and"
        and len(words) > 1
        and words[1] == "up"
        and text[end : end + 24].lower().startswith(" and up to")
    ):
        return None  # "$5 and up to $10": the start of a second amount, not "and up"
    if (
        first in ("and", "or")
        and len(words) > 2
        and words[1] == "over"
        and (words[2].split()[0] in _DETERMINERS or words[2].startswith(("time", "year", "month", "decade")))
    ):
        return None  # "$5 and over the years", "£20 and over time": "over" starts a phrase, no bound
    if first == "plus" and len(words) > 1 and not words[1][:1] in _PUNCTUATION_AFTER_PLUS:
        return None  # "€100 million plus add-ons", "$25 plus tax", "£85m plus £15m": an addition, not a bound
    if first in _QUAL_AFTER_FIRST3 and len(words) > 2:  # three-word phrases ("give or take")
        q = _QUAL_AFTER.get(" ".join(text[end : end + 24].lower().split()[:3]).rstrip(".,;:)"))
        if q is not None:
            return q
    if first in _QUAL_AFTER_FIRST and len(words) > 1:  # two-word phrases first ("or more")
        q = _QUAL_AFTER.get((first + " " + words[1]).rstrip(".,;:)"))
        if q is not None:
            return q
    # (a dotted abbreviation keeps its last dot: "£27,500 o.n.o.", "£300,000 o.i.r.o.")
    return _QUAL_AFTER.get(first.rstrip(",;:)")) or _QUAL_AFTER.get(first.rstrip(".,;:)"))


#: A change of a price between the amount and its per-unit phrase ("a 40-cent rise per bar", "a $5 cut per
#: ticket"): the unit is the change's, as with a charge noun.
_CHANGE_NOUNS_BEFORE_PER: Final[frozenset[str]] = frozenset(
    {"rise", "increase", "hike", "cut", "reduction", "drop", "fall", "markup", "discount"}
)
_PER_FIRST: Final[frozenset[str]] = frozenset("aApPeEfFoO/- \u00a0") | {
    w[0] for w in curated.PER_UNIT_ADVERBS
}
#: A charge noun (one modifier allowed) between an amount and its per-unit phrase ("a $10.99 shipping fee per
#: box", "€2 duty per parcel"): the unit is the price's. Nouns from ``curated.FEE_NOUNS``.
#: " of <noun>" (then with one modifier) after an amount, before its per-unit phrase ("€20 billion of bonds each
#: month", "$5bn of asset purchases a month").
_OF_OBJECTS: Final[tuple[re.Pattern[str], ...]] = (
    # ("$80 billion of Treasuries a month", "¥6 trillion of JGBs a month", "$250,000 in direct costs per year")
    re.compile(r" (?:of|in) [A-Za-z]+(?= )"),
    # (a modifier, not a preposition: "$400m of deposits in a day" is no daily rate)
    re.compile(
        r" (?:of|in) [A-Za-z]+[ -](?!(?:in|on|at|for|by|with|within|during|over|from|to|and|or)(?= ))[a-z]+(?= )"
    ),
)
#: An explicit per-unit word ("per", "for each", "for every"), never a time phrase.
_EXPLICIT_PER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:per|for each|for every)\b", re.IGNORECASE)
_FEE_NOUN_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0-][^\W\d_]+)?[ \u00a0-](?:"
    + "|".join(sorted(curated.FEE_NOUNS | _CHANGE_NOUNS_BEFORE_PER))
    + r")"
    r"(?=[ \u00a0]+(?:per|for each|for every|each|on each|from each)\b)",
    re.IGNORECASE,
)
#: " or less", " or more" between an amount and its per-unit phrase ("£151 or less a week").
_OR_BOUND: Final[re.Pattern[str]] = re.compile(
    r" (?:or (?:less|more|so|over|under|above|below)|more|less|extra)(?= )"
)
#: "per" and a container size with no noun after it ("per 20ft", "per 40-footer"; "per 40ft container" is
#: `container`, the size skipped): group 1 is the unit as written.
_PER_CONTAINER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+per[ \u00a0]+((?:20|40|45)(?:[ -]?ft|-foot(?:er)?|'))(?![\w'])(?![ \u00a0-]+[a-z])"
)
#: A currency sign as a rate's base after an amount: "/$" or "/$1" ("N1,500/$", "N1,351.30/$1"; not "$5/$10", a
#: price list; "to $1" stays a change: "fell from $3 to $1").
_SIGN_BASE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*/[ \u00a0]*(US\$|\$|€|£|¥)(?:1)?(?![0-9]|[.,][0-9])"
    r"(?![ \u00a0]*(?:[kKmMbB]|mn|bn|mln|million|billion|trillion|thousand)\b)"
)
#: One unit of a signed currency as an exchange rate's base after "per" ("US$0.74 per C$1.00", "€0.92 per
#: US$1"): group 1 is the sign (a key of ``curated.SIGN_BASE_UNITS``).
_ONE_UNIT_BASE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+per[ \u00a0]+("
    + "|".join(re.escape(k) for k in sorted(curated.SIGN_BASE_UNITS, key=len, reverse=True))
    + r")[ \u00a0]?1(?:\.00?)?(?![0-9]|[.,][0-9])"
    r"(?![ \u00a0]*(?:[kKmMbB]|mn|bn|mln|million|billion|trillion|thousand)\b)"
)
#: "to the dollar", "to the US dollar" after an exchange rate ("GH¢15.50 to the dollar"): the currency follows.
_TO_THE: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+to[ \u00a0]+the[ \u00a0]", re.IGNORECASE)
#: "per 20kg bag", "per 64-kg bag", "per 50 kg sack": a size before the unit noun (group 1).
_PER_SIZED: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+(?:per|an?|for[ \u00a0]+each|for[ \u00a0]+every)[ \u00a0]+|/(?=[0-9]))"
    r"(?:[0-9]+(?:[.,][0-9]+)?[ \u00a0-]?(?:kg|g|mg|mcg|µg|μg|ug|lb"
    r"|lbs|l|ml|oz|kilo|litre|liter|tonne|ton|day|minute|hour|week|month|year|foot|feet|ft|MHz|GHz|GB|MB|TB|kW|MW|km"
    r"|(?-i:m))"  # (a metre in lower case only: "per 1M input tokens" counts a million)
    r"|[0-9]{1,3}-[a-z]+)"  # (any size hyphened to a word: "per 3-credit course", "for each 4-week period")
    r"[ \u00a0-]+(?!(?:in|at|on|for|from|to|and|or|the|by|with|of|last|this|next|as|is|was)\b)"
    r"([^\W\d_]{2,})(?![^\W\d_])",
    re.IGNORECASE,
)
#: "per" (or "/") and a size glued to or before its measure with no noun after ("per 40kg in 2023", "per 100 g.",
#: "per 2GB", "/10g"): group 1 is the measure.
_PER_SIZE_ONLY: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+per[ \u00a0]+|/)[0-9]+(?:[.,][0-9]+)?[ \u00a0]?(kg|g|mg|lb|lbs|ml|oz|litres?|liters?|tonnes?|gb|mb|tb)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
#: "per" (or "for every") and a count before the unit it counts ("per 1,000 km", "per 100 litres", "per 1K tokens",
#: "per 1 million residents", "£40 for every 200 votes"): group 1 is the unit.
_PER_COUNTED: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:per|for[ \u00a0]+every|for[ \u00a0]+each)[ \u00a0]+"
    r"(?:[1-9][0-9]{0,2}(?:,?000)*|1[kKmM]|(?:1[ \u00a0]+|an?[ \u00a0]+)?(?:thousand|million|billion))"
    # the counted noun, or a modifier and a plural head ("per million input tokens": token)
    r"[ \u00a0]+([^\W\d_]{2,})(?:[ \u00a0]+([^\W\d_]{2,}s)\b)?(?![^\W\d_])",
    re.IGNORECASE,
)
#: "per" and a count word with no word after it: "per million", "per thousand." (the unit is the count word).
_PER_COUNT_WORD_ALONE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+per[ \u00a0]+(thousand|million|billion)(?![ \u00a0]*[^\W\d_])", re.IGNORECASE
)
#: Words that cannot be the noun a count counts ("per thousand for cash-out", "per thousand in July").
_COUNT_NOT_NOUN: Final[frozenset[str]] = frozenset(
    {
        "for",
        "in",
        "on",
        "at",
        "to",
        "from",
        "through",
        "via",
        "with",
        "by",
        "and",
        "or",
        "but",
        "of",
        "is",
        "was",
    }
    | {"are", "were", "the", "a", "an", "this", "that", "last", "next", "since", "until", "after", "before"}
)
#: The units of two or three words (``curated.PER_UNITS``: "board feet", "British thermal units") at a position.
_MULTIWORD_UNIT: Final[re.Pattern[str]] = re.compile(
    "("
    + "|".join(
        re.escape(k).replace(r"\ ", r"[ \u00a0]").replace("foot", "f(?:oo|ee)t") + "(?:s|es)?"
        for k in sorted((k for k in curated.PER_UNITS if " " in k), key=len, reverse=True)
    )
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)


def _multiword_unit_name(written: str) -> str:
    """The singular unit of ``curated.PER_UNITS`` for a unit of several words as written ("board feet",
    "square metres", "British thermal units")."""
    key = " ".join(written.lower().split()).replace("feet", "foot")
    for candidate in (key, key[:-1], key[:-2]):
        if candidate in curated.PER_UNITS:
            return curated.PER_UNITS[candidate]
    return written


#: Scale words that count the unit after them ("per million requests").
_COUNT_SCALES: Final[frozenset[str]] = frozenset({"thousand", "million", "billion"})


def _counted_unit(text: str, end: int) -> tuple[str, int] | None:
    """The unit of a count after "per" or "for every" at ``end`` (:data:`_PER_COUNTED`): "$76 per 1,000 km" → km,
    "$0.002 per 1K tokens" → token, "$2.50 per million input tokens" → token (the plural head after a modifier),
    in the singular. Returns (unit, end offset) or None."""
    cm = _PER_COUNTED.match(text, end)
    if cm is None:
        alone = _PER_COUNT_WORD_ALONE.match(text, end)
        # "$0.30 per million", "$0.40 and $0.60 per million.": the count word ends the phrase, it is the unit
        return (alone.group(1).lower(), alone.end(1)) if alone is not None else None
    if cm.group(1).lower() in _COUNT_NOT_NOUN:
        # "Tk 18.50 per thousand for cash-out": no noun counted, the count word is the unit (per 1,000 of the
        # money itself, as bKash quotes fees); "$12 per 1,000 in fees": none
        count = text[end : cm.start(1)].split()[-1]
        count_end = text.rfind(count, end, cm.start(1)) + len(count)
        return (count.lower(), count_end) if count.isalpha() else None
    multiword = _MULTIWORD_UNIT.match(text, cm.start(1))
    if multiword is not None:  # "$540 per 1,000 board feet": board foot
        return _multiword_unit_name(multiword.group(1)), multiword.end()
    head = cm.group(2)
    noun = (
        head
        if head is not None
        and not cm.group(1).lower().endswith("s")
        and head.lower() not in curated.PER_NOT_UNIT
        and head.lower() not in curated.PER_HEAD_NOT_NOUNS
        and head.lower() not in ("this", "thus", "plus", "less", "was", "has", "does", "is")
        else cm.group(1)
    )
    low = noun.lower()
    plural = low.endswith("s") and not low.endswith("ss")
    unit = curated.PER_UNITS.get(low) or (curated.PER_UNITS.get(low[:-1]) if plural else None)
    # (the unit in the singular; it ends at the noun taken)
    return unit or (noun[:-1] if plural else noun), cm.end(2) if noun is head else cm.end(1)


#: "each month", "every year", "per calendar month": a time unit after a distributive word.
_PER_EVERY: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:each|every)[ \u00a0]+("
    + "|".join(sorted(curated.PER_TIME_UNITS, key=len, reverse=True))
    + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])",
    re.IGNORECASE,
)
#: "$500 monthly", "£40,000 annually": a frequency adverb right after the amount.
_PER_ADVERB: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+("
    + "|".join(sorted(curated.PER_UNIT_ADVERBS, key=len, reverse=True))
    + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])",
    re.IGNORECASE,
)
#: Pay modifiers between an amount and its per-unit phrase ("€45,000 gross per year", "£2,000 net a month").
_PAY_MODIFIER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](?:"
    + "|".join(sorted(map(re.escape, curated.PAY_MODIFIERS), key=len, reverse=True))
    + r")(?= )",
    re.IGNORECASE,
)
_PAY_MODIFIER_FIRST: Final[frozenset[str]] = frozenset(
    c for w in curated.PAY_MODIFIERS for c in (w[0], w[0].upper())
)
#: One word and the space after it (the words of a per-unit phrase, read one by one).
_PER_WORD: Final[re.Pattern[str]] = re.compile(r"([^\W\d_]+)[ \u00a0]?")
#: Articles skipped before the object of "before"/"after" ("a month after the discount").
_PER_OBJECT_ARTICLES: Final[frozenset[str]] = frozenset({"the", "a", "an", "any", "all"})
#: "since" with an object after a per-time phrase: a date, a year or a noun ("$7.25 an hour since 2009", "a
#: month since March"), not the end of a clause ("a year since." is a time phrase).
_SINCE_OBJECT: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:\d|[^\W\d_])")
#: A count of time units after "after"/"for" ("$175 a day after 20 consecutive days", "£9 an hour for the first
#: three months"): the rate, then when it applies (not "$5m a year earlier").
_DURATION_OBJECT: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:the (?:first|next|last) )?(?:[0-9]{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"(?: [a-z]+)? (?:days|weeks|months|years|hours|nights|shifts|visits)\b"
)


#: After "a month after"/"before": "that" (thereafter), a gerund ("before opening his own store") or a clause whose
#: subject is named ("after the youngest child turns 18"): a condition on the rate, not "a month later" ("$300
#: million a year after the merger" is a time).
_AFTER_CONDITION: Final[re.Pattern[str]] = re.compile(
    # (or a gerund: "$1.25 an hour before opening his own store")
    r"[ \u00a0]+(?:that|which|this|[a-z]{2,}ing)\b|[ \u00a0]+(?:the|his|her|their|its|our|your|my|each|every)"
    r"(?: [\w'-]+){1,3} (?:turns|reaches|is|are|finishes|leaves|starts|begins|ends|graduates|retires|dies|moves)\b"
)


#: A clock hour right before a position ("5", "11.30", "7:45"): "pm" after it is a time, not "per month".
_CLOCK_HOUR_BEFORE: Final[re.Pattern[str]] = re.compile(r"(?<![\d.,])(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?\Z")


#: The head noun of a compound unit after a unit that modifies it ("per passenger mile", "per available seat
#: mile", "per pupil place", "per patient day"): group 1, lower case.
_COMPOUND_HEAD: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](miles?|kilometres?|kilometers?|km|places?|days?)(?![\w-])", re.IGNORECASE
)


def _per_unit(text: str, end: int) -> tuple[str, int] | None:
    """:func:`_per_unit_phrase`, with a compound unit's head noun for its modifier: "15 cents per passenger
    mile" → mile (not passenger), "£300 per pupil place" → place. (unit, end offset in code points) or None."""
    found = _per_unit_phrase(text, end)
    if (
        found is not None
        and found[0] not in _TIME_UNITS
        and (head := _COMPOUND_HEAD.match(text, found[1])) is not None
    ):
        word = head.group(1).lower()
        return curated.PER_UNITS.get(word, curated.PER_UNITS.get(word.rstrip("s"), word)), head.end(1)
    return found


def _per_unit_phrase(text: str, end: int) -> tuple[str, int] | None:
    """Per-unit phrase after an amount ("a barrel", "per share", "-a-share", "/kg", "each"): (unit, end).

    ``end`` and the returned end are code point offsets. Units are the singular nouns of
    ``curated.PER_UNITS``; after an explicit "per" or "/" any other noun is the unit as written. Modifiers
    (``curated.PER_UNIT_MODIFIERS``: "per diluted share") are skipped; frequency adverbs ("monthly") and "each" /
    "every" + a time unit give that time unit.
    """
    c = text[end : end + 1]
    if c == " " or c == "\u00a0":
        c = text[end + 1 : end + 2]
        if c in _PAY_MODIFIER_FIRST and (pm := _PAY_MODIFIER.match(text, end)) is not None:
            end = pm.end()  # "€45,000 gross per year", "€250 net a month": the rate after the pay modifier
            c = text[end + 1 : end + 2]
    if c in _PER_SUFFIX_FIRST:
        sm = _PER_SUFFIX.match(text, end)
        if sm is not None and not (
            sm.group(1) == "pm" and _CLOCK_HOUR_BEFORE.search(text, max(0, end - 6), end)
        ):
            # "£199pp", "£1,200 pcm", "£30k pa", "$25hr"; "R25,000 pm" (not "$5 pm", which may be a time)
            return curated.PER_UNIT_SUFFIXES[sm.group(1)], sm.end()
    if c == "/" and (sb := _SIGN_BASE.match(text, end)) is not None:
        # "N1,500/$", "N1,351.30/$1": an exchange rate per one unit of the sign's currency
        return curated.SIGN_BASE_UNITS[sb.group(1)], sb.end()
    if (c == "t" or c == "T") and (tm := _TO_THE.match(text, end)) is not None:
        named = _read_words_after(text, tm.end() - 1)
        if named is not None and text[tm.end() : named[1]] == "Crown":
            named = None  # "£160,000 to the Crown": the monarchy, not a currency
        if named is not None:  # "GH¢15.50 to the dollar", "N1,500 to the US dollar": an exchange rate
            return text[tm.end() : named[1]], named[1]
        return None
    if c == "p" and (model := _PER_MODEL.match(text, end)) is not None:
        return model.group(1), model.end()  # "$80 million per F-35C", "$692 million per B-21": the model
    if (c == "a" or c == "A") and (anyone := _ANY_ONE.match(text, end)) is not None:
        return anyone.group(1).lower(), anyone.end()  # "$1,000,000 any one occurrence": per occurrence
    if c not in _PER_FIRST:  # "a", "an", "per", "each", "apiece", "/" (or more spaces, "-a-"): else no unit
        return None
    if c == "e" or c == "E":
        em = _PER_EVERY.match(text, end)
        if em is not None:  # "€80 each month", "$500 every year"
            return curated.PER_TIME_UNITS[em.group(1).lower()], em.end()
    if (
        (c == "p" or c == "/")  # "$5 per 100g", "GOLD ₹72,400/10g"
        and (so := _PER_SIZE_ONLY.match(text, end)) is not None
        and _PER_SIZED.match(text, end) is None
    ):
        unit_word = so.group(1).lower()  # "Rs3,900 per 40kg in 2023", "$5 per 100g": the measure is the unit
        singular = curated.PER_UNITS.get(unit_word[:-1]) if unit_word.endswith("s") else None
        return curated.PER_UNITS.get(
            unit_word
        ) or singular or unit_word, so.end()  # ("per 1,000 litres": litre)
    if c == "p" and (box := _PER_CONTAINER.match(text, end)) is not None:
        return box.group(
            1
        ), box.end()  # "USD 2,000 per 40ft", "$2,200 per 40-footer": the container as written
    m = _PER.match(text, end)
    if (
        m is not None
        and m.group(1) is not None
        and m.group(1).upper() in CODES
        and _NUMBER_NEXT.match(text, m.end()) is not None
    ):
        return None  # "USD 19.90 / EUR 18.50": the next price's code, not a unit
    if m is None:
        am = _PER_ADVERB.match(text, end)
        if am is not None:  # "$500 monthly", "£40,000 annually"
            total = _NEXT_WORD.match(text, am.end())
            if total is not None and total.group(1).lower() in curated.PERIOD_TOTAL_NOUNS:
                return None  # "$4.2 billion quarterly revenue": a total for the period, not a rate
            return curated.PER_UNIT_ADVERBS[am.group(1).lower()], am.end()
        sm = _PER_SIZED.match(text, end)
        if sm is not None:  # "Rs1,800 per 20kg bag", "GH¢3,000 per 64-kg bag": the noun after the size
            noun = sm.group(1).lower()
            return curated.PER_UNITS.get(noun, noun), sm.end()
        return _counted_unit(text, end)
    if (
        m.group(1) is not None
        and m.group(1).split(" ")[0].lower() in _COUNT_SCALES
        and m.group(1).lower() not in curated.PER_UNITS
        and (multiword := _MULTIWORD_UNIT.match(text, m.start(1) + len(m.group(1).split(" ")[0]) + 1))
        is not None
    ):
        # "$2.41 per million British thermal units", "per thousand board feet": the unit counted
        return _multiword_unit_name(multiword.group(1)), multiword.end()
    if (
        m.group(1) is not None
        and m.group(1).split(" ")[0].lower() in _COUNT_SCALES
        and m.group(1).lower() not in curated.PER_UNITS  # ("per million Btu": the unit itself)
        and m.group(1).split(" ")[-1].islower()  # ("per million British thermal units": a name, unread)
    ):
        return _counted_unit(text, end)  # "$2.50 per million input tokens", "per thousand words"
    if m.group(1) is not None and text[m.end() : m.end() + 1].isdigit() and " " not in m.group(1):
        tail = _GLUED_UNIT_TAIL.match(text, m.end())
        glued = curated.PER_UNITS.get((m.group(1) + tail.group()).lower()) if tail is not None else None
        if glued is not None and tail is not None:
            return glued, tail.end()  # "€80/tCO2", "€70 per tCO2e": a unit with digits in it
    if m.group(2):
        if m.group(2).lower() == "each" and (em := _EACH_NOUN.match(text, m.end())) is not None:
            noun = em.group(1).lower()
            return curated.PER_UNITS.get(noun, noun), em.end()  # "$10,000 each claim", "each and every loss"
        return "each", m.end()
    phrase = m.group(1).lower()
    head = m.group(0).lstrip(" \u00a0-").lower()
    # "per", "/", "for every", "from each", "on each" never start a time phrase
    explicit = head.startswith(("per", "/", "for", "from each", "on each"))
    if (
        head.startswith("/")
        and text[m.start(1) - 1] == " "
        and text[m.start(1)].isupper()
        and not text[m.start(1) : m.start(1) + 3].isupper()
        and phrase.split(" ")[0] not in curated.PER_UNITS
    ):
        return None  # "Lowest offer: EUR 2 714 350.60 / Highest offer: …": the next field's label, not a unit
    if (
        head.startswith("/")
        and _PRICE_NEXT.match(text, m.start(1) + len(phrase.split(" ")[0])) is not None
        and curated.PER_UNITS.get(phrase.split(" ")[0]) not in _SLASH_LIST_UNITS
    ):
        # "Adult $20 / Child $10", "35$ / VIP 90$": the next item of a price list, not a unit ("$8/month $6/month"
        # keeps its unit)
        return None
    words = phrase.split(" ")
    if (
        len(words) == 2
        and words[1] in _TIME_ADVERBS
        and not explicit
        and curated.PER_UNITS.get(words[0]) in _TIME_UNITS
    ):
        after = _PER_WORD.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
        if after is not None and after.group(1).lower() not in curated.PER_TIME_PHRASE_OBJECTS:
            after_article = after.start()
            if after.group(1).lower() in _PER_OBJECT_ARTICLES:
                after_article = after.end()
                after = _PER_WORD.match(text, after_article)  # "$300 a month after the discount"
            # the object's head after a modifier or two: "a month after the 3.2% cost-of-living adjustment",
            # "a year after financial aid in Ohio"
            for object_head_pattern in _OBJECT_HEADS:
                if after is not None and after.group(1).lower() in curated.PER_TIME_PHRASE_OBJECTS:
                    break
                object_head = object_head_pattern.match(text, after_article)
                after = _PER_WORD.match(text, object_head.start(1)) if object_head is not None else after
        since_object = (words[1] == "since" and _SINCE_OBJECT.match(text, m.end()) is not None) or (
            words[1] in ("after", "before")
            and (
                _DURATION_OBJECT.match(text, m.end()) is not None
                or _AFTER_CONDITION.match(text, m.end()) is not None
            )
        )
        if not since_object and (
            after is None or after.group(1).lower() not in curated.PER_TIME_PHRASE_OBJECTS
        ):
            return None  # "$300 million a year earlier": a time phrase, not a rate
        # "$2,600 a month before taxes", "$7.25 an hour since 2009": the rate, then a phrase about it
        phrase = words[0]
    if text[m.end() : m.end() + 1] == "-" and " " not in phrase:
        hm = _LETTERS.match(text, m.end() + 1)
        compound = f"{phrase}-{hm.group().lower()}" if hm is not None else ""
        if hm is not None and compound in curated.PER_UNITS:  # "per kilowatt-hour", not "kilowatt"
            return curated.PER_UNITS[compound], hm.end()
        if (
            hm is not None
            and explicit
            and phrase in curated.PER_UNITS
            and (
                hm.group().lower() in curated.PER_UNITS or hm.group().lower() == "second"
            )  # ("per GB-second")
            and not text[hm.end() : hm.end() + 1].isalnum()
        ):
            return text[m.start(1) : hm.end()], hm.end()  # "per tonne-km", "per passenger-mile": as written
    unit = curated.PER_UNITS.get(phrase)
    if unit is None:
        first = phrase.split(" ", 1)[0]
        unit = curated.PER_UNITS.get(first)
        if unit == "second" and " " in phrase and phrase.split(" ", 1)[1] not in _PER_PHRASE_STOPS:
            return None  # "a second time", "a second chance": the ordinal before a noun, not per second
        if unit is None and first.endswith("s"):
            unit = curated.PER_UNITS.get(first[:-1])
        if unit is None and first in curated.PER_UNIT_MODIFIERS:
            return _per_unit_after_modifiers(text, m.start(1), as_written=explicit)
        if unit is None:
            # after an explicit "per" or "/" any noun is the unit as written ("per transaction", "/word")
            named = _read_words_after(text, m.start(1) - 1) if text[m.start(1) - 1] == " " else None
            if named is not None:  # "1.3187 euros per US dollar", "$1.30 a euro": the currency as written
                return text[m.start(1) : named[1]], named[1]
            if not explicit:
                return None
            if (
                (m.group(0)[:1] == "-" or m.group(0).lstrip(" \u00a0")[:4].lower() == "per-")
                and first not in curated.PER_NOT_UNIT
                and len(first) >= 3
            ):
                # "a $40 million-per-special deal", "a $3,300 per-election limit": one word
                return _unit_as_written(text, m.start(1), first)
            acronym = (
                2 <= len(first) <= 4
                and text[m.start(1) : m.start(1) + len(first)].isupper()
                and not head.startswith("/")  # ("$2,000-$2,400/FEU range": the unit itself)
            )
            sized = (
                first in scanner.NUMBER_WORD_SET
                and text[m.start(1) + len(first) : m.start(1) + len(first) + 1] == "-"
            )
            if acronym or sized:
                # "per AP exam", "per MRI scan", "per four-year period": the head noun after an acronym or a
                # spelled-out size (never "AP" or "four"; "per FEU" alone stays the acronym)
                headed = _head_noun_as_written(text, m.start(1), upper_first=True)
                if headed is not None or sized or len(first) < 3:
                    return headed
            if (
                first in curated.PER_NOT_UNIT
                or len(first) < 3
                or not first.isascii()
                or first in scanner.NUMBER_WORD_SET
            ):
                return None
            headed = _unit_after_modifiers_as_written(text, m.start(1))
            if headed is not None:  # "per departing passenger", "per overtime hour": the known head noun
                return headed
            head_noun = _head_noun_as_written(text, m.start(1))
            if head_noun is not None:  # "per hospital stay", "per sponsored post": the head noun
                return head_noun
            after_first = m.start(1) + len(first)
            if text[after_first : after_first + 1] == " " and _NUMBER_OR_SIGN.match(text, after_first + 1):
                return None  # "£890 for each extra £1 a week", "per additional $1,000": the unit is an amount
            return _unit_as_written(text, m.start(1), first)
        if phrase != first:
            second = phrase.split(" ", 1)[1]
            if (
                first in curated.PER_UNIT_MODIFIERS
                and second not in _PER_PHRASE_STOPS
                and second not in curated.PER_NOT_UNIT
                and len(second) > 2
            ):
                # "per home game", "per home Test": the modifier's noun (not "per home", a household)
                return curated.PER_UNITS.get(second, text[m.end() - len(second) : m.end()]), m.end()
            return unit, m.start(1) + len(first)
    return unit, m.end()


#: Units that stay units after "/" even when a price follows ("$8/month $6/month", "€3/kg €5/kg"): time,
#: weight and volume (a list label such as "Adult $20 / Child $10" is the next item, not a unit).
_SLASH_LIST_UNITS: Final[frozenset[str]] = _TIME_UNITS | {"kilo", "gram", "pound", "ounce", "litre", "tonne"}


#: One word of a noun phrase after "per" (letters and inner hyphens: "follow-up") and the space after it.
_NP_WORD: Final[re.Pattern[str]] = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)( ?)")


def _head_noun_as_written(text: str, start: int, upper_first: bool = False) -> tuple[str, int] | None:
    """After an explicit "per" whose first word is no known unit, the head noun of a noun phrase of two or three
    words that ends there, as written: "per hospital stay" → stay, "per normal delivery" → delivery, "per Medicare
    Advantage enrollee" → enrollee, "per budget period" → period. The phrase ends at punctuation, the end of the
    text or a function word (``curated.PER_NOT_UNIT``, "in", "was" …, a modal: ``curated.PER_HEAD_NOT_NOUNS``);
    the head is its last lower-case word that is no participle or adverb ("per patient treated" → None, the
    first word then stands). An upper-case first word ends the reading ("/FEU range": the unit itself) unless
    ``upper_first`` (an acronym modifier: "per AP exam"). Returns (unit, end offset in code points) or None."""
    pos = start
    found: list[tuple[str, int]] = []
    for _ in range(4):
        wm = _NP_WORD.match(text, pos)
        if wm is None:
            break
        word = wm.group(1)
        low = word.lower()
        if (
            low in _PER_PHRASE_STOPS
            or low in curated.PER_NOT_UNIT
            or low in curated.PER_HEAD_NOT_NOUNS
            or low in _PLACE_ADVERBS  # ("per card payment abroad": payment)
        ):
            break
        found.append((word, wm.end(1)))
        if not wm.group(2):
            break
        pos = wm.end()
    else:
        return None  # four words or more: no short noun phrase
    if len(found) < 2 or (found[0][0].isupper() and not upper_first):
        return None  # ("/FEU range": an upper-case unit is the unit itself)
    end = found[-1][1]
    if text[end : end + 1].isalnum() or (end < len(text) and text[end] in "-'’"):  # (the text may end there)
        return None
    word, word_end = found[-1]
    if word in curated.PER_UNITS:
        return curated.PER_UNITS[
            word
        ], word_end  # "per chargeable kilogram" → kilo, as the unit table writes it
    if (
        not word.islower()
        or (word.endswith("ly") and word not in curated.LY_NOUNS)
        or word.endswith("ed")
        or word in curated.IRREGULAR_PARTICIPLES
        or len(word) < 3
    ):
        return None
    return word, word_end


def _unit_as_written(text: str, start: int, first: str) -> tuple[str, int]:
    """The unit after an explicit "per" whose first word ``first`` (lower case, at ``start``) is no known unit:
    a hyphenated compound whole ("per bed-day", "per patient-day"), else the word as written ("per Robux").
    Returns (unit, end offset)."""
    end = start + len(first)
    hy = _HYPHENATED.match(text, end)
    if hy is not None:
        return text[start : hy.end()], hy.end()
    return text[start:end], end


_HYPHENATED: Final[re.Pattern[str]] = re.compile(r"(?:-[^\W\d_]+)+")


def _sign_word_before(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is a sign word of the amount after it: "negative" always, "minus"
    only after a word of ``curated.UNARY_MINUS_AFTER`` or a bracket/colon (not "revenue minus $5m of costs")."""
    word, start = _prev_word(text, end)
    word = word.lower()
    if word == "negative":
        return True
    if word != "minus":
        return False
    before, _ = _prev_word(text, start)
    if before.lower() == "or" and _word_before(text, _prev_word(text, start)[1]) == "plus":
        return False  # "a target range of plus or minus €1bn": a tolerance, not a negative amount
    j = start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    return j == 0 or text[j - 1] in "(:[" or before.lower() in curated.UNARY_MINUS_AFTER


def _grand_adjective(text: str, end: int) -> bool:
    """Whether the scale word ending at ``end`` is "grand" followed by a noun it qualifies ("grand prize")."""
    if text[end - 5 : end].lower() != "grand":
        return False
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).lower() not in curated.GRAND_FOLLOWERS


def _name_ends_phrase(text: str, end: int) -> bool:
    """Whether the currency name ending at ``end`` ends its phrase: no capitalised word or noun of
    ``curated.NAME_PHRASE_NOUNS`` follows ("2,3 Mio. Euro and", not "Euro area", "Euro Disney")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return True
    word = m.group(1)
    return not word[:1].isupper() and word.lower() not in curated.NAME_PHRASE_NOUNS


def _priced_per_unit(text: str, end: int) -> bool:
    """Whether a per-unit phrase of a known unit follows ``end`` ("P245 a share", "R150 per hour"; not "each")."""
    pu = _per_unit(text, end)
    # a known unit, or a currency as written: "Y360 to the dollar", "Y147 per dollar" (an exchange rate)
    return pu is not None and (pu[0] in _KNOWN_UNITS or pu[0].lower() in NAMES)


_KNOWN_UNITS: Final[frozenset[str]] = frozenset(curated.PER_UNITS.values())


def _measure_lead_unit(text: str, start: int) -> str | None:
    """The unit of a measure written right before the amount at ``start``: "<noun> per <unit> <link>"
    ("revenue per available room rose 12% to S$240" → room, "Cost per muffin: 31p" → muffin) or "<frequency
    adjective> … <rate noun> <link>" ("an hourly rate of €14.50" → hour, "the daily minimum wage is P645" →
    day); None otherwise. Looks at most 80 code points back."""
    lo = max(0, start - 80)
    if text.find("per ", lo, start) != -1 or text.find("Per ", lo, start) != -1:
        lead = _PER_MEASURE_LEAD.search(text, lo, start)
        if lead is not None:
            # the unit phrase read on its own, up to the link ("per patron hit a record $8.02": not "patron hit")
            unit = _per_unit(text[: lead.end("per")] + ":", lead.start("per"))
            if unit is not None:
                return unit[0]
    if _PER_CAPITA_LABEL.search(text, max(lo, start - 12), start) is not None:  # (it ends at ``start``)
        return "person"  # an infobox's "• Per capita $55,800", "GDP per capita: $55,800"
    if (
        text.find("per-", lo, start) != -1
        or text.find("Per-", lo, start) != -1
        or text.find("er capita ", lo, start) != -1
    ):
        hyphen = _PER_HYPHEN_LEAD.search(text, lo, start)
        if hyphen is not None:  # "a per-theater average of $3,477", "Per capita income stood at ₹2.06 lakh"
            word = (hyphen.group(1) or hyphen.group(2)).lower()
            return curated.PER_UNITS.get(word, word)
    if (
        text.find("ly ", lo, start) != -1
        or text.find("ual ", lo, start) != -1
        or text.find("day rate", lo, start) != -1
    ):
        lead = _FREQUENCY_LEAD.search(text, lo, start)
        if (
            lead is not None
            and _CORPORATE_RESULT.match(text, lead.end(1)) is None
            # an event's price: "The annual ham dinner costs $14", "the weekly bingo costs $5" (not "a monthly
            # pass costs SR 140", "an annual cost of $95")
            and curated.EVENT_NOUNS.isdisjoint(
                text[lead.end(1) : lead.start("noun")].lower().replace("-", " ").split()
            )
        ):
            return curated.FREQUENCY_ADJECTIVES[lead.group(1).lower()]
    return None


#: A company's result after a frequency adjective ("quarterly net income rose to $344 million", "annual operating
#: income of $2bn"): a total for the period, not a rate (as "quarterly revenue").
_CORPORATE_RESULT: Final[re.Pattern[str]] = re.compile(
    r" (?:net|operating|pre-?tax|comprehensive|attributable|adjusted) (?:net )?income\b", re.IGNORECASE
)


def _unit_after_modifiers_as_written(text: str, start: int) -> tuple[str, int] | None:
    """After an explicit "per", the known unit (``curated.PER_UNITS``) that ends a noun phrase of up to three
    lower-case words from ``start`` ("per departing passenger" → passenger, "per overtime hour" → hour, "per light
    displacement tonne" → tonne), else None. The first word must be a participle ("departing", "occupied") or a
    noun adjunct of ``curated.PER_UNIT_NOUN_ADJUNCTS``: any other is the unit itself ("per violation can be").
    A function word (``curated.PER_NOT_UNIT``, "of", "and" …) ends the search."""
    pos = start
    for index in range(3):
        wm = _PER_WORD.match(text, pos)
        if wm is None:
            return None
        word = wm.group(1)
        if not word.islower() or not word.isascii():
            return None
        if index == 0 and not (
            (len(word) > 5 and word.endswith(("ing", "ed"))) or word in curated.PER_UNIT_NOUN_ADJUNCTS
        ):
            return None  # "per violation can be", "per kilogramme last week": the first word is the unit
        if index > 0:
            unit = curated.PER_UNITS.get(word)
            if unit is not None and not text[wm.end(1) : wm.end(1) + 1].isalnum():
                return unit, wm.end(1)
        if (
            word in curated.PER_NOT_UNIT
            or word in _PER_PHRASE_STOPS
            or text[wm.end(1) : wm.end(1) + 1] != " "
        ):
            return None
        pos = wm.end()
    return None


#: Function words that end the noun phrase after "per" (see :func:`_unit_after_modifiers_as_written`).
_PER_PHRASE_STOPS: Final[frozenset[str]] = frozenset(
    {
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "a",
        "an",
        "is",
        "was",
        "are",
        "were",
    }
)


def _per_unit_after_modifiers(text: str, start: int, *, as_written: bool = False) -> tuple[str, int] | None:
    """The known unit after up to three modifiers from ``start`` ("diluted share", "fully diluted share"):
    (unit, end offset in code points), else None. With ``as_written`` (after an explicit "per" or "for every")
    an unknown lower-case noun after the modifiers is the unit as written ("for every correct answer" → answer).
    """
    pos = start
    for index in range(5):
        wm = _PER_WORD.match(text, pos)
        if wm is None:
            return None
        word = wm.group(1).lower()
        unit = curated.PER_UNITS.get(word)
        if unit is not None:
            return unit, wm.end(1)
        if (
            as_written
            and index > 0
            and word not in curated.PER_UNIT_MODIFIERS
            and wm.group(1).islower()
            and wm.group(1).isascii()
            and len(word) >= 3
            and word not in curated.PER_NOT_UNIT
            and word not in _PER_PHRASE_STOPS
            and not text[wm.end(1) : wm.end(1) + 1].isalnum()
        ):
            return wm.group(1), wm.end(1)
        if (word not in curated.PER_UNIT_MODIFIERS and word != "and") or wm.end() == wm.end(1):
            return None  # ("and" joins two modifiers: "per basic and diluted share")
        pos = wm.end()
    return None


#: Adverbs of place or manner after a unit's noun ("per card payment abroad"): never the unit.
_PLACE_ADVERBS: Final[frozenset[str]] = frozenset(
    {"abroad", "overseas", "online", "domestically", "internationally", "locally", "instantly", "worldwide"}
)


def _glued_label_before_price(text: str, s: int, end: int) -> bool:
    """Whether digits at ``s`` glued to a letter ("M95", "N95") and followed by space-grouped digits up to
    ``end`` are a label before a price in a currency word ("M95 239 baisa a litre": grade M95 costs 239
    baisa), not one number in thousands after a letter sign ("R12 500")."""
    if s == 0 or not text[s - 1].isalpha() or end + 1 >= len(text) or text[end] not in _SPACE:
        return False
    word = _LETTERS.match(text, end + 1)
    return word is not None and len(word.group()) > 1 and word.group().lower() in _RIGHT_WORDS


def _digit_amount(text: str, s: int, e: int, comma_decimal: bool) -> _Amount | None:
    """Read the digit run ``text[s:e]`` (extended over space-grouped thousands and a fraction)."""
    # space-grouped thousands: "1 234 567,89" (normal, no-break, narrow and thin spaces)
    if (
        e - s <= 3
        and e + 1 < len(text)
        and text[e] in _SPACE
        and text[e + 1].isdigit()  # the pattern needs a digit there: "89 people" is not tried
        and text[s:e].isdigit()
    ):
        m = _SPACE_GROUPED.match(text, s)
        if m is not None and m.end() > e and not _glued_label_before_price(text, s, m.end()):
            e = m.end()
    token = text[s:e]
    if token[0] in _VULGAR_FRACTIONS:  # "½ million euros"; "½5" is nothing
        return _Amount(s, e, s, e, _VULGAR_FRACTIONS[token]) if len(token) == 1 else None
    if token[0] == "0" and len(token) > 1 and not token.strip("0"):
        return None  # "Figures in £000", "$000": a table's unit header (thousands), never an amount of zero
    if s >= 4 and text[s - 3 : s] == " . " and text[s - 4].isdigit():
        return None  # a tokenised decimal fragment: "1 . 8500"
    if s >= 2 and text[s - 1] == "." and text[s - 2] in _SIGN_CHARS and token.isdigit():
        return _Amount(s - 1, e, s - 1, e, Decimal("0." + token))  # "$.50": a decimal with no leading zero
    value = numbers.parse_digits(token, comma_decimal=comma_decimal)
    if value is None:
        return None
    if (
        text[e : e + 1] in _VULGAR_FRACTIONS
        and "." not in token
        and (comma_decimal is False or "," not in token)
    ):
        return _Amount(s, e + 1, s, e + 1, value + _VULGAR_FRACTIONS[text[e]])  # "$2½ million", "1,000½"
    if text[e : e + 1] in _VULGAR_FRACTIONS and len(token) > 3 and token[-3] == "." and not comma_decimal:
        # "$11.62½", "$5.37½": a fraction of a cent after two decimals (period prices, bond quotes)
        return _Amount(s, e + 1, s, e + 1, value + _VULGAR_FRACTIONS[text[e]] / 100)
    fm = _FRACTION.match(text, e)
    if fm is not None and fm.lastindex == 3:  # "1 point 5 million dollars", "3 point 25 euros"
        if not token.isdigit():
            return _Amount(s, e, s, e, value)
        return _Amount(s, fm.end(), s, fm.end(), Decimal(token + "." + fm.group(3)))
    if fm is not None and "," not in token:
        num, den = int(fm.group(1)), int(fm.group(2))
        if "." not in token:
            # "4-1/2 dlrs", "98-3/8": newswire denominators only (halves to 64ths, all exact decimals); "$45 5/6"
            # is a price and a date, "£950 1/3 of" a price and a share: the fraction is not read
            if 0 < num < den and den in _NEWSWIRE_DENOMINATORS:
                value = value + Decimal(num) / Decimal(den)
                e = fm.end()
        elif (
            0 < num < den
            and den in _NEWSWIRE_DENOMINATORS
            and (text[e] == "-" or (den in (2, 4, 8) and len(token) - token.index(".") == 3))
        ):
            # "5.02-1/4 dlrs", "$4.52 1/2 a bushel": a fraction of the last decimal place (grain and bond
            # prices) = 5.0225, 4.525 (spaced: cents and a half, quarter or eighth only)
            places = len(token) - token.index(".") - 1
            value = value + (Decimal(num) / Decimal(den)).scaleb(-places)
            e = fm.end()
    elif text[e : e + 1] == "/" and e - s <= 2 and token.isdigit() and (s == 0 or text[s - 1] in " (\u00a0"):
        bm = _BARE_FRACTION.match(text, e)
        if bm is not None:
            num, den = int(token), int(bm.group(1))
            if 0 < num < den and den in _NEWSWIRE_DENOMINATORS:  # "3/4 cent": a fraction, not a range 3-4
                value = Decimal(num) / Decimal(den)
                e = bm.end()
    return _Amount(s, e, s, e, value)  # start, end, nstart, nend, value


_VULGAR_FRACTIONS: Final[dict[str, Decimal]] = numbers.VULGAR_FRACTIONS
#: Any vulgar fraction character: one character-class scan tells whether a text has one at all.
_VULGAR_CHAR: Final[re.Pattern[str]] = re.compile("[" + "".join(sorted(_VULGAR_FRACTIONS)) + "]")
#: Denominators of newswire fractions ("5-3/8", "3/4 cent"); with a numerator below them "n/d" is a fraction.
_NEWSWIRE_DENOMINATORS: Final[frozenset[int]] = frozenset({2, 4, 8, 16, 32, 64})
_BARE_FRACTION: Final[re.Pattern[str]] = re.compile(r"/([0-9]{1,2})(?![0-9/.,])")


_WORDS_ONLY_STOP: Final[frozenset[str]] = curated.WORDS_ONLY_STOP
#: After "a euro", "a dollar": a rate quote, the price of one unit in another amount ("assumes a euro at $1.08",
#: "a pound is worth $1.27", "a dollar at 150 yen"): the one unit is no amount of its own.
_FX_QUOTE_AFTER: Final[re.Pattern[str]] = re.compile(
    # (an adverb of time may stand after the verb: "A drachma was then worth about 0.3 US cents")
    r"[ \u00a0]+(?:at|is|was|=|(?:is |was )?(?:(?:then|now|still|once) )?worth|(?:is |was )?equal to|trades at"
    r"|traded at|stood at"
    r"|(?:is |was |were )?(?:set|fixed|pegged) at)[ \u00a0]+"
    r"(?:about |around |roughly |some |nearly |almost )?[^\s\d]{0,4}\d"
)
_ARTICLE_NOUN_STOP: Final[frozenset[str]] = curated.ARTICLE_NOUN_STOP
_PRE_RANGE: Final[re.Pattern[str]] = re.compile(
    rf"(?<![^\W\d_])((?:(?:{scanner.NW})[ \u00a0-]+)*(?:{scanner.NW}))[ \u00a0]*(to|-|\u2013|and)[ \u00a0]*\Z",
    re.IGNORECASE,
)
#: The range words that end a match of :data:`_PRE_RANGE` (before its trailing spaces): a cheap test before it.
_RANGE_WORDS: Final[tuple[str, ...]] = ("to", "-", "\u2013", "and")
_SPLIT_WORDS: Final[re.Pattern[str]] = re.compile(r"[\s\-]+")


def _words_of(raw: str) -> list[str]:
    return [w for w in _SPLIT_WORDS.split(raw.lower()) if w]


def _prev_word(text: str, end: int) -> tuple[str, int]:
    """The word before ``end`` (letters and dots, trailing dots dropped), skipping up to two spaces or
    hyphens: (word, start offset)."""
    j = end
    while j > 0 and j > end - 3 and text[j - 1] in " \u00a0-":
        j -= 1
    k = text.rfind(" ", max(0, j - 16), j) + 1
    if k == 0 and j > 16:
        k = j - 16
    h = text.rfind("-", k, j)  # "eighty-nine": the last part
    if h != -1:
        k = h + 1
    word = text[k:j]
    if not word.replace(".", "").isalpha():
        m = _TRAILING_WORD.search(word)
        if m is None:
            return "", j
        k += m.start()
        word = m.group()
    return word.rstrip("."), k


#: A comparison and a written amount right after "a penny", "a cent": " less than £15m", " more than $400", " under
#: £30m" (the smallest coin only frames the limit when a negation stands before it).
_COIN_BEFORE_COMPARED_AMOUNT: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:more|less|over|under|below|above|beyond)(?:[ \u00a0]+than)?[ \u00a0]+(?:[^\w\s]|[A-Z]{1,3}[$ ]?[0-9])"
)


def _negated_clause_before(text: str, start: int) -> bool:
    """Whether a negation (``curated.NEGATION_WORDS`` or a word ending in "n't") or a refusal ("refused",
    "refuses") stands within the five words before ``start``, in the same clause (no ".", ";" or ":" between)."""
    window = text[max(0, start - 60) : start]
    for mark in ".;:!?":
        window = window.rpartition(mark)[2]
    for word in window.lower().split()[-5:]:
        word = word.strip(",\"'\u2018\u2019\u201c\u201d")
        if word in curated.NEGATION_WORDS or word.endswith(("n't", "n\u2019t")) or word.startswith("refus"):
            return True
    return False


def _negated(text: str, start: int) -> bool:
    """True when a negation stands one or two words before ``start`` ("not a penny", "won't cost a penny",
    "never paid a cent", "didn't get a dime"): a word of ``curated.NEGATION_WORDS`` or one ending in "n't"."""
    word, k = _prev_word(text, start)
    if word.lower() in curated.NEGATION_WORDS:
        return True
    token = text[max(0, start - 16) : start].split()[-1:]
    if token and token[0].lower().endswith(("n't", "n\u2019t")):
        return True  # "I haven't a penny to my name": the contraction right before the amount
    window = text[max(0, k - 16) : k].split()
    if not window or not word:
        return False
    before = window[-1].lower().rstrip(",")
    return before in curated.NEGATION_WORDS or before.endswith(("n't", "n\u2019t"))


_TRAILING_WORD: Final[re.Pattern[str]] = re.compile(r"[^\W\d_][^\W\d_.]*(?:\.[^\W\d_]*)*\Z")


# A number word anywhere in a window before a cue (the three words the reading below looks at lie within 56
# characters of it). Matched on the lower-cased text after a character other than a-z, so the regex engine
# skips letters in C; a cheap necessary condition before reading words back one by one.
_NUMBER_WORD_NEAR: Final[re.Pattern[str]] = re.compile(
    "[^a-z](?:"
    + scanner.trie_pattern(sorted(scanner.NUMBER_WORD_SET))
    + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])"
)


#: One word of a run of number words and the separators after it (as :data:`scanner.NUMBER_WORDS_BEFORE`
#: separates them: spaces, no-break spaces, a hyphen), to step over a leading "and", "of", "point" or "a".
_RUN_WORD: Final[re.Pattern[str]] = re.compile(r"[^ \u00a0\r\n-]+[ \u00a0\r\n-]+")

#: Number, scale and scale-letter words (lower case) that :func:`_read_right` never reads as a currency: it
#: returns None at " <word>" at the end or followed by a space, line break, ``,;:`` or a hyphen (checked here
#: at import by calling it, with a currency name after; a word that may begin a currency name is left out).
_NEVER_CURRENCY: Final[tuple[str, ...]] = tuple(
    w
    for w in sorted(
        scanner.NUMBER_WORD_SET
        | {"and", "of", "point"}
        | {k.lower() for k in (*_SCALE_WORDS, *curated.SCALE_LETTERS)}
    )
    if w not in NAME_FIRST_WORDS
    and _read_right(f" {w}", 0) is None
    and all(_read_right(f" {w}{c}dollars", 0) is None for c in " \n,;:-")
)
_S: Final[str] = (
    "(?i:" + scanner.trie_pattern(sorted(_SCALE_WORDS)) + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])"
)  # as _SCALE_WORD
#: What :func:`_read_scale` may take after a number that ends right before it (a scale word, and a second one
#: after a space: "thousand million"), then a word of :data:`_NEVER_CURRENCY`: no currency can follow the
#: scale. Atomic groups, so a scale word _read_scale takes is never read as the word after it instead.
_TAIL_NO_CURRENCY: Final[str] = (
    rf"(?>(?:[ \u00a0]{_S})?)[ ](?:{scanner.trie_pattern(_NEVER_CURRENCY)})(?=[ \n,;:-]|\Z)"
)
#: At a scale-word cue: the scale word (:func:`_read_scale` at it), then a tail without currency.
_SCALE_NO_CURRENCY: Final[re.Pattern[str]] = re.compile(_S + _TAIL_NO_CURRENCY)
#: Where :data:`_SCALE_NO_CURRENCY` matches right after a space (the space is matched, the rest is looked
#: ahead, so matches may overlap; a literal first character lets the regex engine jump from space to space):
#: such a scale word is inside a run of number words, and the run's currency can only follow its last word,
#: another cue. (A cue after another character is checked one by one in :func:`_word_amounts`.)
_SCALE_MID_RUN: Final[re.Pattern[str]] = re.compile(rf" (?={_S}{_TAIL_NO_CURRENCY})")
#: After the number words: an optional scale word (:func:`_read_scale` there), then a tail without currency.
_END_NO_CURRENCY: Final[re.Pattern[str]] = re.compile(rf"(?>(?:[ \u00a0\u202f\n-]{_S})?){_TAIL_NO_CURRENCY}")


#: Scale words that cannot begin an amount in words: a count must come first ("one million", "a thousand",
#: "two lakh crore"). "hundred" and "dozen" may ("hundred dollars", spoken; "dozen eggs" is no money anyway).
_NO_LEADING_SCALES: Final[frozenset[str]] = numbers.SCALE_WORD_SET - {"hundred", "dozen"}

#: The cue words that are number words themselves (scale words and "hundred").
_NUMBER_CUES: Final[tuple[str, ...]] = tuple(w for w in scanner.CUE_WORDS if w in scanner.NUMBER_WORD_SET)


def _no_currency_after(text: str, lowered: str, cue: int, hi: int) -> bool:
    """True when the number words ending before ``hi`` can get no currency from the cue at ``cue``.

    An amount in words gets its currency only from :func:`_read_right` after its number and scale (see
    :func:`_read_amount_context`; no sign or name before is read for words). This reads just that, at the
    place the reading in :func:`_word_amounts` would: after the cue when it is the scale word it takes
    ("two million [dollars]"), after "hundred" and a scale word ("two hundred [thousand] [dollars]"), else
    right after the number words (a scale word read there: "two lakh [dollars]", "six [U.S. cents]"). When
    it finds no currency the cue yields nothing, so the run search, the number parsing and the context
    reading are skipped: in a text made of number and scale words most cues end here after two short reads.

    :param cue: offset (code points) of the cue word; ``hi``: where the number words end, the cue itself
        or the start of the first modifier word (the separators before ``hi`` are skipped).
    """
    if hi == cue and lowered[cue] in "tmblcs":
        if _SCALE_NO_CURRENCY.match(text, cue) is not None:
            return True  # "million [thousand] two", "billion trillion": a number word after the scale
        sc = _read_scale(text, cue)  # the cue is the amount's scale word ("million")
        if sc is not None:
            return _read_right(text, sc[1]) is None
    if (
        hi == cue
        and lowered.startswith("hundred", cue)
        and (cue + 7 >= len(text) or not text[cue + 7].isalpha())
    ):
        p = cue + 7  # "hundred" ends the number; a scale word may follow
    else:
        p = hi
        while p > 0 and text[p - 1] in " \u00a0-":
            p -= 1  # the end of the number words, as the run search leaves it ("two lakh", "two U.S. cents")
    if _END_NO_CURRENCY.match(text, p) is not None:
        return True
    sc = _read_scale(text, p)
    return _read_right(text, sc[1] if sc is not None else p) is None


#: A scale word with more number words after it ("million five hundred", "lakh and forty"), lower case.
_RUN_GOES_ON: Final[re.Pattern[str]] = re.compile(
    _S
    + r"[ \u00a0-]+(?:and[ \u00a0]+)?(?:"
    + scanner.trie_pattern(sorted(scanner.NUMBER_WORD_SET - {"and", "a", "an"}))
    + r")(?![a-z])"
)


#: What :func:`_currency_before_run` found: no marker may stand before the run, the run goes on after the cue
#: (a marker may stand before it), no currency before the run, a currency before it.
_NO_MARKER, _RUN_ON, _NO_CURRENCY, _CURRENCY = 0, 1, 2, 3


def _currency_before_run(text: str, lowered: str, end: int, cue: int) -> int:
    """Whether a sign, code or name stands right before the run of number words that ends at ``end``
    ("Rupees Fifty Thousand", "USD five million"): such a run may be an amount although no currency follows it
    (see :func:`_currency_before_words`). ``_CURRENCY`` when one does; ``_RUN_ON`` when the cue (a scale word)
    at ``cue`` has more number words after it (the whole run is read by :func:`_run_sums`: "Rupees One Thousand
    One Hundred Eighty"); ``_NO_MARKER`` when no sign or capital letter stands in the 80 code points before;
    else ``_NO_CURRENCY`` (also for a run starting with a scale word, "million crore")."""
    lo = max(0, end - 80)
    if _MARKER_HINT.search(text, lo, end) is None and (
        not _text_has_lower_name(lowered) or _LOWER_NAME_HINT.search(lowered, lo, end) is None
    ):
        # no sign, no capital letter and no lower-case name of those written before numbers ("imposed a fine of
        # rupees two lakh" far into a sentence): no marker (and the run search is not cheap)
        return _NO_MARKER
    if _RUN_GOES_ON.match(lowered, cue) is not None:
        return _RUN_ON  # (in lower case: "Two Million Five Hundred" is a run too)
    m = scanner.NUMBER_WORDS_BEFORE.search(lowered, lo, end)
    if m is None:
        return _NO_CURRENCY
    start = m.start()
    first = _RUN_WORD.match(lowered, start, end)
    if lowered[start : first.end() if first is not None else end].strip(" \u00a0-") in _RUN_START_NOT:
        return _NO_CURRENCY
    if _read_left(text, start) is not None or _name_before(text, start, True) is not None:
        return _CURRENCY
    return _NO_CURRENCY


#: What a currency before number words has in it: a sign, or a capital letter (a code "USD", a letter sign
#: "Rs.", a name in the capitalised style of contracts and cheques, "Rupees"); one character class.
_MARKER_HINT: Final[re.Pattern[str]] = re.compile(r"[A-Z$\u00a3\u00a5\u20a0-\u20cf]")
#: A lower-case currency name that may stand before a number (``curated.NAMES_BEFORE_NUMBER``: "rupees two lakh").
_LOWER_NAME_HINT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, curated.NAMES_BEFORE_NUMBER), key=len, reverse=True)) + r")\b"
)


@functools.lru_cache(maxsize=1)  # (only the text being read: a large text is not kept)
def _text_has_lower_name(lowered: str) -> bool:
    """Whether any name of :data:`_LOWER_NAME_HINT` stands in the lower-cased text: read once per text (cached), so
    a text of many runs of number words and no such name needs no search around each."""
    return _LOWER_NAME_HINT.search(lowered) is not None


#: Words a sum in words never starts with, lower case: a scale word alone counts nothing ("million crore").
_RUN_START_NOT: Final[frozenset[str]] = frozenset(numbers.SCALE_WORD_SET | {"hundred", "and", "of", "point"})


#: A hedge or comparison (or "another"), then one or two number words and a scale word of a million or more, then
#: the clause's end or a time: the slot of a story's figure in words ("from more than nine billion a year earlier",
#: "above five billion for the 23rd straight month", "bringing them to about five billion,", "and another twenty-one
#: million in punitive damages"); group "scale" at the cue.
_SPELLED_STORY_SLOT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:from|to|at|against|above|below|over|under|than|about|around|some|nearly|almost|roughly|another)[ \u00a0]+"
    r"(?:[a-z]+[ \u00a0-]+)?"
    # (a decimal said aloud: "against three point one billion")
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten)[ \u00a0]+point[ \u00a0]+)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|a)[ \u00a0]+\Z"
)


def _spelled_story_slot(text: str, cue: int) -> bool:
    """Whether the scale word at ``cue`` (code points; "billion", "million", "trillion") ends a figure in words in a
    story figure's slot (:data:`_SPELLED_STORY_SLOT`) and nothing it counts follows (:data:`_IMPLIED_FOLLOW`), nor a
    ratio's second term ("replacing the paper currency at one trillion to one"), or a figure that differs from a plan
    (:data:`_PLANNED_DIFFERENCE_AFTER`: "half a billion more than planned"). Reads at most 40 code points before
    the cue and 16 from it, lower-cased there only (a text of many such figures stays linear)."""
    lo = max(0, cue - 40)
    window = text[lo : cue + 16].lower()
    at = cue - lo
    if not window.startswith(("million", "billion", "trillion"), at):
        return False
    end = at + (8 if window.startswith("trillion", at) else 7)
    return (
        _SPELLED_STORY_SLOT.search(window, 0, at) is not None
        and _IMPLIED_FOLLOW.match(text, lo + end) is not None
        and _RATIO_AFTER.match(window, end) is None
    ) or (
        # "half a million more than I had planned" (the literal first: most scale words are followed by neither)
        text.startswith(_DIFFERENCE_FIRST_WORDS, lo + end)
        and _PLANNED_DIFFERENCE_AFTER.match(text, lo + end) is not None
    )


#: "in total" after a figure ("or 277.4 billion in total", "or 1.2 billion in all", "or 90 million altogether").
_IN_TOTAL_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:in total|in all|altogether)\b")


#: A ratio's second term right after a figure: " to one", " for 1".
_RATIO_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:to|for)[ \u00a0]+(?:one|1)\b")


def _word_amounts(text: str, lowered: str, taken: list[tuple[int, int]]) -> list[_Amount]:
    """Amounts written in words: a run of number words right before a cue word (scale or currency noun).

    Context (scale, currency, left sign) is read here too, so that a cue inside an amount already read
    ("one hundred thousand dollars") is skipped.
    """
    out: list[_Amount] = []
    consumed = -1
    taken_iter = sorted(taken)
    taken_starts = [ts for ts, _ in taken_iter]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(taken_starts, pos)
        return k > 0 and pos < taken_iter[k - 1][1]

    cues = scanner.word_anchor_cues(lowered)
    # scale-word cues followed by a number word ("million" in "one million two hundred"): found in one scan,
    # where cues are dense (more than one per 64 code points: runs of number words); elsewhere the scan would
    # cost more than the few such cues it skips. Either way the output is the same.
    mid_run = (
        {m.start() + 1 for m in _SCALE_MID_RUN.finditer(text)} if len(cues) > len(text) >> 6 else frozenset()
    )
    pending: list[int] = []  # scale-word cues inside a run of number words: sums written out (_run_sums)
    for i, cue in enumerate(cues):
        if i % CHECKPOINT_EVERY == 0:
            checkpoint()
        if cue < consumed or inside(cue):
            continue
        if lowered.startswith("ct", cue) and (
            (before_ct := _prev_word(text, cue)[0]).lower() in ("a", "an")
            or not (text[cue : cue + 2] == "ct" or (text[cue : cue + 2] == "CT" and before_ct.isupper()))
        ):
            continue  # "one ct", "two cts", "ONE CT", never "a CT scan", "one CT scan" nor "a ct"
        if (
            cue in mid_run
            and (before := _currency_before_run(text, lowered, cue, cue)) != _CURRENCY
            and not _spelled_story_slot(text, cue)  # ("from more than nine billion a year earlier")
        ):
            if before == _RUN_ON:
                pending.append(cue)
            continue  # ("USD two million and": the currency stands before the run)
        # A cue that is itself a number word ("million", "hundred") often yields nothing (a run of number
        # words goes on after it); a currency noun as cue is the currency itself, so it is read directly.
        # The word before the cue read from a space to a space: when it is a number word, it is what
        # _prev_word below finds, so the currency check is made once, here, before any other reading.
        number_cue = lowered.startswith(_NUMBER_CUES, cue)
        number_before = (
            number_cue
            and text[cue - 1] == " "
            and (k := text.rfind(" ", max(0, cue - 17), cue - 1)) != -1
            and lowered[k + 1 : cue - 1] in scanner.NUMBER_WORD_SET
        )
        if number_before:
            if (
                _no_currency_after(text, lowered, cue, cue)
                and (before := _currency_before_run(text, lowered, cue, cue)) != _CURRENCY
                and not _spelled_story_slot(text, cue)
            ):
                if before == _RUN_ON:
                    pending.append(cue)
                continue  # "billion" in "one million billion trillion", "thousand" in "two thousand three"
        elif cue >= 56 and _NUMBER_WORD_NEAR.search(lowered, cue - 56, cue) is None:
            continue  # no number word among the (at most three) words before the cue: nothing to read
        lo = max(0, cue - 60)
        hi = cue
        m = None
        sc: tuple[int, int] | None = None
        for _ in range(3):  # allow up to two modifier words of a name ("six U.S. Cents")
            word, wstart = _prev_word(text, hi)
            if not word:
                break
            if word.lower() in scanner.NUMBER_WORD_SET:
                if (
                    number_cue
                    and not (number_before and hi == cue)
                    and _no_currency_after(text, lowered, cue, hi)
                    and _currency_before_run(text, lowered, hi, cue) != _CURRENCY
                    and not _spelled_story_slot(text, cue)  # ("from twenty-one million a year earlier")
                ):
                    break  # the cue yields nothing: skip the run search and the reading
                if hi == cue:
                    sc = _read_scale(text, cue) if lowered[cue] in "tmblcs" else None
                m = scanner.NUMBER_WORDS_BEFORE.search(text, max(lo, wstart - 48), hi)
                break
            hi = wstart
        if m is None:
            continue
        ws = m.start()
        raw = text[ws : m.end()].rstrip(" \u00a0\r\n-")
        words = _words_of(raw)
        while words and words[0] in ("and", "of", "point"):
            nxt = _RUN_WORD.match(text, ws, m.end())
            if nxt is None:
                break
            ws = nxt.end()
            words = words[1:]
        if (
            len(words) > 1
            and words[0] in ("a", "an")
            and (scanner.is_number_word(words[1]) or words[1] == "dozen")
            and (nxt := _RUN_WORD.match(text, ws, m.end())) is not None
        ):
            ws = nxt.end()
            words = words[1:]
        # "between two and three million dollars", "one of five hundred dollars": an "and"/"of" that cannot
        # stand inside one number ends the number before it, so the run starts after it
        if "and" in words or "of" in words:
            if hi == cue:
                tail_exp = sc[0] if sc is not None else (2 if lowered.startswith("hundred", cue) else None)
            else:
                after_run = _read_scale(text, m.start() + len(raw))
                tail_exp = after_run[0] if after_run is not None else None
            cut = numbers.run_break(words, tail_exp)
            for _ in range(cut + 1):
                nxt = _RUN_WORD.match(text, ws, m.end())
                if nxt is None:
                    break
                ws = nxt.end()
            words = words[cut + 1 :]
        if not words or words[0] in numbers.SCALE_WORD_SET:
            vague, vstart = _prev_word(text, ws)
            if vague.lower() == "of":
                vague = _prev_word(text, vstart)[0]
            if vague.lower() in curated.VAGUE_QUANTITY_WORDS:
                continue  # "a few hundred dollars", "a couple of hundred pounds": no exact amount
        nend = ws + len(text[ws : m.end()].rstrip(" \u00a0\r\n-"))
        exp: int | None = None
        if hi == cue:
            if sc is not None:
                exp, nend = sc
            elif lowered.startswith("hundred", cue) and (cue + 7 >= len(text) or not text[cue + 7].isalpha()):
                words.append("hundred")
                nend = cue + 7
        if not words:
            if exp is None:
                continue
            words = ["a"] if exp is not None else words
            ws = cue
        if exp is None and not any(
            scanner.is_number_word(w) or w in ("a", "an", "hundred", "dozen") for w in words
        ):
            continue
        # "one million two hundred thousand dollars": a scale word after a bigger one ends the number, it does
        # not multiply the whole of it (1200000, not 1000200000)
        big = numbers.largest_scale(words) if len(words) > 1 else -1
        if big >= 3:
            if exp is not None and big > exp:
                words = words + _words_of(text[cue:nend])
                exp = None
            elif exp is None and (tail := _read_scale(text, nend)) is not None and big > tail[0]:
                words = words + _words_of(text[nend : tail[1]])
                nend = tail[1]
        if words[0] in _NO_LEADING_SCALES:
            continue  # "million crore dollars", "lakh crore rupees": a scale word counts nothing by itself
        if exp is not None or numbers.largest_scale(words) >= 3:
            words = numbers.spoken_hundreds(words)  # "one twenty-five million dollars": 125 million
        value = numbers.parse_words(words)
        if value is None:
            continue
        # (not after an amount already read: "$1.2 billion, half a billion dollars more" is two amounts)
        joined = (ws, value) if inside(ws - 3) else _comma_head(text, ws, nend, value, exp, words)
        if joined is None:
            continue
        ws, value = joined
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        if inside(ws) or inside(nend - 1):
            continue
        a = _Amount(start=ws, end=nend, nstart=ws, nend=nend, value=value, exp=exp, words=True)
        _read_amount_context(text, a)
        if a.currency is None and a.value >= 0 and words[0] not in ("a", "an"):
            _currency_before_words(text, a, words)
        if (
            a.currency is None
            and a.value >= 0
            and exp is not None
            and exp >= 6
            and _spelled_story_slot(text, cue)
        ):
            # "from more than nine billion a year earlier" in a money story: kept bare, for _story_currency
            out.append(a)
            consumed = a.end
            continue
        if a.currency is None or a.value < 0:  # (a negative value: the context says no amount)
            continue
        written = text[a.nend : a.end].strip(" -").split(" ")[-1]
        head = written.lower()
        if (
            exp is None
            and head in _WORDS_ONLY_STOP
            and not (head in curated.WORDS_ONLY_LOWER_CASE_READ and written == head)
        ):
            continue
        only_article = words == ["a"] or words == ["an"]
        if only_article and exp is None and text[a.nend : a.end].strip(" \u00a0").lower() == "sterling":
            continue  # "a sterling performance", "a sterling silver spoon": the adjective, never one pound
        if only_article and _NUMBER_NEXT.match(text, a.end) is not None:
            continue  # "a EUR 38 mln impairment", "a USD 2.1 billion charge": the code is the next number's
        if only_article and exp is None and text[a.end : a.end + 1] == "-":
            continue  # "a dollar-denominated bond", "a euro-zone country"
        if (
            only_article
            and exp is None
            and text[a.end : a.end + 1] == "/"
            and (pair := _WORD.match(text, a.end + 1)) is not None
            and (pair.group(1).lower() in NAMES or pair.group(1).upper() in CODES)
        ):
            continue  # "a dollar/yen rate of 145", "a euro/sterling cross": a currency pair, not one unit
        if only_article and a.adjectival:
            if exp is None:
                continue  # "a dollar-denominated bond"
            a.start = a.nstart = cue  # "a trillion-dollar budget": the article belongs to the noun
        if only_article and exp is None and text[a.end : a.end + 1] in _SIGN_CHARS:
            continue  # "a stg£95 million charge": the noun is the sign's prefix, not one unit
        if only_article and exp is None:
            after = _WORD.match(text, a.end)
            following = after.group(1).lower().rstrip(".") if after is not None else ""
            if following in _ARTICLE_NOUN_STOP:
                continue
            if _word_before(text, a.start) == "for" and _rate_before_for(text, a.start):
                continue  # "1,375.50 won for a dollar", "150 yen for a dollar": the rate's base, not one dollar
            if _word_before(text, a.start) == "to" and _rate_before_to(text, a.start, a.nend, a.end):
                continue  # "the peso closed at P56.12 to a dollar": the rate's base, not one dollar
            noun = text[a.nend : a.end].strip(" \u00a0")
            if noun[:1].isupper() and not noun.isupper():
                continue  # "A Dollar Tree store", "A Euro Disney trip": a capitalised name, not one unit
            if (
                noun.lower() == "pound"
                and _COUNT_BEFORE_A.search(text, max(0, a.start - 30), a.start) is not None
            ):
                continue  # "Steak is 12 points a pound", "30 calories a pound": a weight after a count, a rate's unit
            if following in ("now", "currently", "still", "only") and after is not None:
                # "A dollar now buys about E£50.5": an adverb before the quote's verb
                verb = _WORD.match(text, after.end())
                if verb is not None and verb.group(1).lower() in curated.ARTICLE_CURRENCY_AS_SUBJECT:
                    continue
            if (
                following in curated.ARTICLE_CURRENCY_AS_SUBJECT
                or _FX_QUOTE_AFTER.match(text, a.end) is not None
                or (
                    following.endswith("ed")
                    and len(following) > 3
                    # (a bound before it makes it a sum: "a saline bag that costs less than a dollar showed up")
                    and _qualifier_before(text, a.start) is None
                )
                or (noun.lower(), following) in curated.ARTICLE_IDIOMS
                or any(
                    idiom in text[max(0, a.start - 12) : a.end + 20].lower() for idiom in curated.MONEY_IDIOMS
                )
                or _word_before(text, a.start) in curated.ARTICLE_CURRENCY_AS_MARKET
            ):
                continue  # "a dollar that kept rising", "against a euro weakened by", "a yen for sushi"
        if (
            words == ["one"]
            and exp is None
            and (
                _one_unit_quote(text, a.end)
                or _word_before(text, a.start) in _RATE_BASE_BEFORE
                or _rate_to_one(text, a)
            )
        ):
            continue  # "One Singapore dollar now buys 3.52 ringgit", "one euro is worth $1.08": a rate's base
        if (only_article or words == ["one"]) and exp is None and _negated(text, a.start):
            continue  # "not a penny more", "won't cost a penny", "not one cent": an idiom for nothing
        if (
            (only_article or words in (["one"], ["single"]))
            and exp is None
            and text[a.nend : a.end].strip(" \u00a0").lower() in _SMALLEST_COINS
            and _COIN_BEFORE_COMPARED_AMOUNT.match(text, a.end) is not None
            and _negated_clause_before(text, a.start)
        ):
            continue  # "won't settle for a penny less than £15m": the idiom frames the limit, no amount of its own
        lead = text[max(0, a.start - 50) : a.start].rstrip(" \u00a0")[-3:].lower()
        pre = _PRE_RANGE.search(text, max(0, a.start - 50), a.start) if lead.endswith(_RANGE_WORDS) else None
        if pre is not None and (pre.group(2) != "and" or _word_before(text, pre.start()) == "between"):
            lw = _words_of(pre.group(1))
            ps, pe = pre.start(1), pre.end(1)
            while (
                len(lw) > 1 and lw[0] in ("of", "and") and (nxt := _RUN_WORD.match(text, ps, pe)) is not None
            ):
                ps, lw = nxt.end(), lw[1:]  # "a range of five to six million": the bound starts at "five"
            lv = numbers.parse_words(lw) if lw and lw != ["a"] else None
            if lv is not None:
                if lv == lv.to_integral_value():
                    lv = lv.quantize(Decimal(1))
                out.append(_Amount(start=ps, end=pe, nstart=ps, nend=pe, value=lv, words=True))
        out.append(a)
        consumed = a.end
    if "/100" in text:
        # a cheque's words end in tens or units before " and NN/100" ("Seven Hundred Forty-Two and 50/100
        # Dollars"): the last word of the run is an anchor too
        for cheque in _CHEQUE_ANCHOR.finditer(lowered):
            pending.append(cheque.start(1))
        pending.sort()
    if pending:
        out.extend(_run_sums(text, lowered, pending, out, inside))
    return out


_CHEQUE_ANCHOR: Final[re.Pattern[str]] = re.compile(
    rf"(?<![^\W\d_])((?:{scanner.NW}))[ \u00a0]+and[ \u00a0]+[0-9]{{2}}/100(?![0-9])"
)


#: A run of number words forward from a word (hyphens, "and" and one comma allowed between the words).
_RUN_FORWARD: Final[re.Pattern[str]] = re.compile(
    rf"(?:{scanner.NW})(?:(?:[ \u00a0-]+|,[ \u00a0]+)(?:and[ \u00a0]+)?(?:{scanner.NW}))*(?![^\W\d_])",
    re.IGNORECASE,
)
#: A word that may stand in a run of number words but cannot begin a sum, and the spaces after it ("of ", "and ").
_RUN_LEAD_WORD: Final[re.Pattern[str]] = re.compile(r"(?:of|and|point)[ \u00a0]+")
#: A cheque's cents after the sum in words: " and 50/100" (then the currency name).
_CHEQUE_CENTS: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+and[ \u00a0]+([0-9]{2})/100(?![0-9])", re.IGNORECASE
)


def _run_sums(
    text: str, lowered: str, pending: list[int], found: list[_Amount], inside: Callable[[int], bool]
) -> list[_Amount]:
    """Sums written out in words that end in tens or units, the way contracts and cheques write them: the
    currency before the words ("Rupees One Thousand One Hundred Eighty Only", "Naira One Million, Two Hundred
    Thousand") or a cheque's cents and the currency after them ("One Thousand Two Hundred Fifty and 00/100
    DOLLARS" = 1250.00). ``pending`` are the scale-word cues skipped because more number words follow them;
    each run is read once, whole, from its first word to its last. Runs that overlap ``found`` or text read
    before (``inside``) are left alone."""
    out: list[_Amount] = []
    done = -1
    # the amounts found, by end (bisected: a text of many sums stays linear)
    by_end = sorted(found, key=lambda f: f.end)
    ends = [f.end for f in by_end]
    heads: dict[int, _Amount] = {}
    for f in found:
        if f.words and f.lcur is not None:
            heads.setdefault(f.end, f)
    for cue in pending:
        if cue < done:
            continue
        back = scanner.NUMBER_WORDS_BEFORE.search(lowered, max(0, cue - 80), cue)
        start = back.start() if back is not None else cue
        while (lead := _RUN_LEAD_WORD.match(lowered, start, cue)) is not None:
            # "the principal sum of Eighty-Five Thousand and 00/100": the run starts after "of"
            start = lead.end()
        fwd = _RUN_FORWARD.match(lowered, cue)
        if fwd is None:
            continue
        end = fwd.end()
        while lowered.endswith((" and", "-and"), start, end):
            end -= 4  # "… Fifty and 00/100": the "and" before a cheque's cents is no number word
        done = end
        k = bisect.bisect_right(ends, start)
        if inside(start) or any(a.start < end for a in by_end[k : k + 8]):
            continue
        first = _words_of(text[start:end].replace(",", " "))[:1]
        if not first or first[0] in _RUN_START_NOT:
            continue  # "million five hundred": no sum starts with a scale word
        segments = [_words_of(seg) for seg in text[start:end].split(",")]
        value = _segments_value([seg for seg in segments if seg])
        if value is None:
            continue
        head = heads.get(start - 2) if text[start - 2 : start] == ", " else None
        if (
            head is not None
            and head.exp is not None
            and value < Decimal(10) ** head.exp
            and not _counts_noun(text, end)  # ("Naira One Million, two hundred thousand people"): a count
        ):
            # "Naira One Million, Two Hundred Thousand": the tail of a sum whose head was read with its currency
            whole = numbers.scaled(head.value, head.exp)
            if whole is not None:
                head.value, head.exp, head.end, head.nend = whole + value, None, end, end
            continue
        lcur: str | None = None
        rcur: str | None = None
        cstart, cend, basis = start, end, ""
        cheque = _CHEQUE_CENTS.match(text, end)
        right = _read_right(text, cheque.end()) if cheque is not None else None
        if cheque is not None and right is not None:
            rcur, cend, basis = right[0], right[1], right[2]
            value += Decimal(cheque.group(1)) / 100
        else:
            if cheque is not None:
                value += Decimal(cheque.group(1)) / 100  # "PESOS TWO THOUSAND … FORTY AND 50/100"
                cend = end = cheque.end()
            elif _read_right(text, end) is not None:
                continue  # a currency after the words: the ordinary reading's case
            left = _read_left(text, start)
            if left is not None and left[2] != "name":
                lcur, cstart, basis = left[0], left[1], left[2]
            else:
                named = _name_before(text, start, True)
                if named is None or not text[named[1]].isupper():
                    continue
                lcur, cstart, basis = named[0], named[1], "name"
        amount = _Amount(start=cstart, end=cend, nstart=start, nend=end, value=value, words=True)
        amount.lcur, amount.rcur = lcur, rcur
        if lcur is not None:
            amount.lbasis = basis
        else:
            amount.rbasis = basis
        out.append(amount)
    return out


def _segments_value(segments: list[list[str]]) -> Decimal | None:
    """The value of number words split by commas ("one million", "two hundred thousand" = 1200000): each later
    segment must be smaller than the scale its predecessor ends with, as :func:`_comma_head` joins them."""
    total = Decimal(0)
    last_scale: int | None = None
    for words in segments:
        while words and words[0] == "and":  # ", and five hundred"
            words = words[1:]
        value = numbers.parse_words(numbers.spoken_hundreds(words))
        if value is None:
            return None
        if last_scale is not None and value >= Decimal(10) ** last_scale:
            return None
        last_scale = _SCALE_WORDS.get(words[-1], None) if words and words[-1] in _SCALE_WORDS else None
        if last_scale is None and words and words[-1] == "hundred":
            last_scale = 2
        total += value
    if total == total.to_integral_value():
        total = total.quantize(Decimal(1))
    return total


#: A hyphen, then capitals and a digit, right after a glued letter sign's number: the rest of a name or code
#: ("R2-D2", "P3-X7"), which no price has (a range repeats the sign: "R7-R8").
_CODE_NAME_TAIL: Final[re.Pattern[str]] = re.compile(r"-([A-Z]+)[0-9]")
#: Up to four words after an amount, up to any punctuation (group ``words``).
_WORDS_AHEAD: Final[re.Pattern[str]] = re.compile(r"(?P<words>(?:[ \u00a0]+[^\W\d_]+(?:-[^\W\d_]+)*){1,4})")


#: Function words that end a noun phrase (a preposition, an article, a conjunction, a common verb).
_PHRASE_ENDS: Final[frozenset[str]] = frozenset(
    {"on", "a", "an", "the", "to", "of", "in", "for", "and", "or", "at", "by", "with", "from", "is", "was"}
    | {"are", "were", "will", "would", "has", "have", "had", "agreed", "said", "says", "after", "before"}
)


def _charge_noun_ahead(text: str, end: int) -> bool:
    """Whether one of the four words after ``end`` (code points) is a charge or price-change noun
    (``curated.PRICE_CHANGE_NOUNS``, ``curated.FEE_NOUNS``): "a P200 legislated wage hike", "the R350 grant"."""
    m = _WORDS_AHEAD.match(text, end)
    if m is None:
        return False
    for w in m.group("words").lower().split():
        if w in curated.PRICE_CHANGE_NOUNS or w in curated.FEE_NOUNS:
            return True
        if w in _PHRASE_ENDS:
            return False  # "COP 16 agreed on a levy": the noun phrase ended before the charge noun
    return False


def _currency_before_words(text: str, a: _Amount, words: list[str]) -> None:
    """Read a currency written before number words, the way contracts, cheques and receipts write sums: "US
    Dollars Two Million Five Hundred Thousand", "Rupees Fifty Thousand only", "USD five million", "₹ two
    lakh". Sets ``a.lcur``, ``a.lbasis`` and ``a.start`` when :func:`_read_left` finds a sign, code or name
    right before the words (``a.nstart``) and the words have a scale of at least a hundred (``words``, lower
    case); a letter sign that is also a letter ("N", "P", "R") or a code that is also an acronym ("COP") needs
    a scale of at least a thousand. Leaves ``a`` untouched otherwise.
    """
    scale = a.exp if a.exp is not None else numbers.largest_scale(words)
    if scale < 2 or words[0] in numbers.SCALE_WORD_SET or words[0] == "hundred":
        return  # "USD one", "$ five": a bare count is no sum in words; "pound hundred million": no number
    left = _read_left(text, a.nstart)
    if left is None:
        named = _name_before(text, a.nstart, scale >= 3)
        # a name before number words in the style of contracts and cheques: capitalised ("Rupees Fifty
        # Thousand", "Pounds Sterling Ten Thousand"; not "the dollar two years ago"), or a name that is no
        # English word with a scale of a thousand or more, as Indian court reports write it ("to pay rupees
        # fifty thousand as fine")
        if named is None or not (
            text[named[1]].isupper()
            or (
                scale >= 3
                and text[named[1] : a.nstart].strip(" \u00a0").lower() in curated.NAMES_BEFORE_NUMBER
            )
        ):
            return
        left = (named[0], named[1], "name", 0)
    target, start, basis, cexp = left
    marker = text[start : a.nstart].rstrip(" \u00a0")
    if (
        basis == "symbol"
        and marker[:1].isalpha()
        and (marker.rstrip(".") in curated.SIGNS_NEED_SCALE or marker in curated.SIGNS_GLUED_ONLY)
    ):
        return  # "Generation Y two thousand", "Vitamin N five hundred": a letter, not a sign
    if basis == "code" and marker in curated.ACRONYM_CODES and scale < 3:
        return  # "COP twenty-eight hundred"
    a.lcur, a.start, a.lbasis = target, start, basis
    if cexp:
        a.exp = (a.exp or 0) + cexp


#: A count of something right before "a" ("12 points a", "30 calories a"): "a pound" after it is the weight a rate
#: is per, not one pound sterling.
_COUNT_BEFORE_A: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w$£€¥])[0-9][0-9.,]*[ \u00a0]+[a-z]{3,}s[ \u00a0]+\Z"
)
#: Words right before "one <currency>" that make it the base of a rate written after its price ("13.7603
#: schillings made one euro"); not "to" or "for" ("cut his salary to one dollar", "sold for one euro").
_RATE_BASE_BEFORE: Final[frozenset[str]] = curated.RATE_BASE_BEFORE


#: An amount in a currency's name, then "to" right before "one <currency>": a conversion rate's base ("at
#: 100,000 karbovantsi to one hryvnia", "1,000 old leva to one new lev"), not "cut his salary to one dollar".
_RATE_TO_ONE: Final[re.Pattern[str]] = re.compile(
    r"[0-9][ \u00a0]*(?:(?:thousand|million|billion|trillion|quadrillion|quintillion|sextillion|septillion"
    r"|octillion)[ \u00a0]+)?((?:(?:old|new)[ \u00a0]+)?[^\W\d_]{2,})[ \u00a0]+to[ \u00a0]+\Z",
    re.IGNORECASE,
)


def _rate_to_one(text: str, a: _Amount) -> bool:
    """Whether "one <currency>" at ``a`` is a conversion rate's base after "<amount> <currency> to"
    (:data:`_RATE_TO_ONE`): the two currency words name different currencies ("100,000 karbovantsi to one
    hryvnia", "1,000 old leva to one new lev"; a word moneta does not know counts as different: "400 octillion
    pengő to one forint"), not the same one ("cut his pay from 5 dollars to one dollar": a change)."""
    left = _RATE_TO_ONE.search(text, max(0, a.start - 60), a.start)
    if left is None:
        return False
    before = NAMES.get(" ".join(left.group(1).lower().split()))
    after = NAMES.get(" ".join(text[a.nend : a.end].lower().split()))  # the name read after "one"
    return after is not None and before != after


def _one_unit_quote(text: str, end: int) -> bool:
    """Whether "one <currency>" ending at ``end`` is the base of an exchange-rate quote: a quote verb
    (``curated.ARTICLE_CURRENCY_AS_SUBJECT``: buys, fetches, equals …, after "now"/"currently"/"still" too) or
    a link to the price of that unit (:data:`_FX_QUOTE_AFTER`: "is worth $1.08", "= 150 yen") follows."""
    if _FX_QUOTE_AFTER.match(text, end) is not None:
        return True
    after = _WORD.match(text, end)
    if after is not None and after.group(1).lower() in ("now", "currently", "still"):
        after = _WORD.match(text, after.end())
    return after is not None and after.group(1).lower() in curated.ARTICLE_CURRENCY_AS_SUBJECT - {
        "that",
        "which",
        "whose",
        "who",
    }


def _comma_head(
    text: str, ws: int, nend: int, value: Decimal, exp: int | None, words: list[str]
) -> tuple[int, Decimal] | None:
    """Join number words split by a comma: "one million, two hundred thousand dollars" is 1200000, never the tail.

    :param ws: start offset (code points) of the tail's number words ("two hundred").
    :param nend: end offset of the tail's number; a scale word after it ("thousand") is read as
        :func:`_read_amount_context` will read it.
    :param value: the tail's value in units of ``10**exp`` (its scale word, if any, is ``exp``).
    :param words: the tail's number words, lower case.
    :returns: (start, value in units of ``10**exp``) of the whole number; the tail unchanged when no head
        precedes it; ``None`` when a head precedes but cannot be read (no amount rather than the tail alone).

    Rule (English number writing): when the tail has a scale (``hundred`` or bigger, or the cue's scale word)
    and is preceded by ", " and a run of number words ending in a scale word of at least ``thousand`` whose
    power of ten exceeds the tail's whole value, the run is the number's head. Repeats leftwards ("one billion,
    two million, five hundred thousand").
    """
    if text[ws - 2 : ws] != ", ":
        return ws, value
    if exp is None:
        sc = _read_scale(text, nend)
        exp = sc[0] if sc is not None else None
    if exp is None and not any(w == "hundred" or w in _SCALE_WORDS for w in words):
        return ws, value  # "two thousand, fifty dollars": a bare tail may be a separate count
    shift = exp or 0
    tail = value.scaleb(shift, numbers.NUMBER_CONTEXT)
    while text[ws - 2 : ws] == ", ":
        m = scanner.NUMBER_WORDS_BEFORE.search(text, max(0, ws - 50), ws - 2)
        if m is None:
            break
        hs = m.start()
        head = _words_of(text[hs : ws - 2])
        while head and head[0] in ("and", "of", "point") and text.find(" ", hs, ws - 2) != -1:
            hs = text.find(" ", hs, ws - 2) + 1
            head = head[1:]
        hexp = _SCALE_WORDS.get(head[-1], 0) if head and head[-1].isalpha() else 0
        if hexp < 3 or tail >= Decimal(10) ** hexp:
            break  # "two million, three hundred million dollars": a list, not one number
        hv = numbers.parse_words(head)
        if hv is None:
            return None
        tail += hv
        ws = hs
    return ws, tail.scaleb(-shift, numbers.NUMBER_CONTEXT)


@functools.lru_cache(maxsize=4096)
def _without(members: tuple[str | None, ...], pick: str | None) -> tuple[str, ...]:
    """The ISO codes of ``members`` other than ``pick``, in order: a mention's ``currency_alternatives``.
    Cached, so that the mentions of one family share one tuple (a text of a million "$5" keeps one, not a
    million)."""
    return tuple(c for c in members if c is not None and c != pick)


def _members_default(target: str) -> str | None:
    """The default ISO code of an ``@family`` target (``@dollar`` → ``USD``), or None."""
    family = FAMILIES.get(target[1:], (None,))
    return family[0] if family else None


def _resolve(
    target: str | None,
    locale_region: str | None,
    picked: list[tuple[int, str]],
    lazy_cues: _LazyCues | None,
    equivalent: bool,
    marked: frozenset[str] = frozenset(),
) -> tuple[str | None, tuple[str, ...], str]:
    """Resolve an ISO code or @family into (currency, alternatives, basis).

    :param picked: the document's explicit member of the family that settles this mention, as
        :func:`_explicit_pick` chose it (``(start, ISO code)``, at most one); empty when none does.
    :param marked: members the document writes with a letter sign of their own, which a country cue picks for
        this one only when it cues no other member ("Zambia's K94.1 billion; Malawi's MK2.1 trillion": the
        "K" is not the "MK"; "Nepal's budget is Rs 1,964 billion … NRs 352 billion": it is).
    """
    if target is None:
        return None, (), "none"
    if not target.startswith("@"):
        return target, (), ""
    family = FAMILIES.get(target[1:])
    if family is None:
        return None, (), "none"
    members = [c for c in family if c is not None]
    # an explicit member elsewhere in the same document (a prefixed sign, qualified name or code), when it is
    # not the default member
    if not equivalent and picked and picked[0][1] != members[0]:
        pick = picked[0][1]
        return pick, _without(family, pick), "context"
    # a restatement skips the document's explicit members ("1.2bn Australian dollars (£458m; $874m)": USD), but
    # a currency word or letter sign in it still follows the request's hint and the story's country ("US$300
    # million, or about 280 billion pesos" in an Argentine story); a "$" in it keeps the default
    if target == "@mark" and lazy_cues is not None and lazy_cues.before_deutsche_mark():
        # "By 1923 a loaf cost 200 billion marks": the papiermark or Reichsmark, which have no ISO code
        return None, tuple(members), "context"
    hinted = REGION_CURRENCY.get(locale_region) if locale_region is not None else None
    if hinted is not None and hinted in members:
        return hinted, _without(family, hinted), "hint"
    if (hinted in curated.DOLLAR_SIGN_PESOS or hinted in curated.DOLLAR_SIGN_PACIFIC) and target == "@dollar":
        return hinted, _without(family, hinted), "hint"  # "$ 757" in an Argentine story (en-AR): pesos
    cues = lazy_cues.get() if lazy_cues is not None else None
    candidates = CUE_MEMBERS.get(target[1:], members)
    if marked and cues and any(cues.get(c, 0) for c in candidates if c not in marked):
        candidates = tuple(c for c in candidates if c not in marked)
    if cues and candidates:  # families without a named member (bitcoin) have no country to cue
        default_code = family[0]
        top = max(candidates, key=lambda c: cues.get(c, 0))
        score = cues.get(top, 0)
        tied = sum(1 for c in candidates if cues.get(c, 0) == score) > 1  # Toronto and Sydney: no pick
        if (
            score > 0
            and not tied
            and top != default_code
            and score > cues.get(default_code or "", 0)
            and not (score < 2 and target == "@dollar" and _dated_outside(lazy_cues, members))
        ):
            return top, _without(family, top), "context"
    if len(marked) == 1 and not (cues and any(cues.get(c, 0) for c in candidates)):
        # no country named: a letter sign beside the one member written with a longer sign of its own is that
        # member ("TSh 423.6 billion …, compared with Sh 307.2bn")
        (only,) = marked
        return only, _without(family, only), "context"
    if target == "@florin" and lazy_cues is not None and lazy_cues.guilder_years():
        # "by 1888 was distributing ƒ 3.2 million": before the euro, and with no Caribbean country named, the
        # Dutch guilder
        return "NLG", _without(family, "NLG"), "context"
    default = family[0]
    if default is None:
        return None, tuple(members), "none"
    return default, _without(family, default), "default"


#: The dollar family's members -> their names of more than one word, lower case ("singapore dollar", "s'pore
#: dollars"), from NAMES (CLDR and ``curated``).
_DOLLAR_NAMES_BY_CODE: Final[dict[str, tuple[str, ...]]] = {
    code: tuple(name for name, target in NAMES.items() if target == code and " " in name)
    for code in FAMILIES["dollar"]
    if code is not None
}


#: A year from 1500 to 2099, as a word of its own ("in 1888", "1912-1920"; not "15,000" nor "ƒ1500.50").
_HISTORY_YEAR: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9.,])(?:1[5-9][0-9]{2}|20[0-9]{2})(?![0-9]|[.,][0-9])"
)
#: Years of the German marks before the Deutsche Mark (1873-1947), and of the Deutsche Mark (1948-2001).
_PRE_DM_YEAR: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9])(?:18[7-9][0-9]|19[0-3][0-9]|194[0-7])(?![0-9])"
)
_DM_YEAR: Final[re.Pattern[str]] = re.compile(r"(?<![0-9])(?:194[89]|19[5-9][0-9]|200[01])(?![0-9])")


#: Words (lower case) that set a family's coins before its ISO currency: the drachmae of ancient Greece (not the
#: modern drachma, GRD, 1832-2001) and the florins of medieval and Renaissance Italy (not the Dutch guilder).
_PRE_ISO_CONTEXT: Final[dict[str, re.Pattern[str]]] = {
    "@drachma": re.compile(
        r"\b(?:ancient|athenian|attic|obols?|minae|talents|staters?|ptolemaic|hellenistic|tetradrachms?|artabas?"
        r"|b\.?c\.?e?\.?(?![\w.])|classical greece|pericles)"
    ),
    "@guilder": re.compile(
        r"\b(?:florence|florentine|medici|fiorini?|renaissance|venetian|venice|tuscan|tuscany|papal"
        r"|(?:1[2-5][0-9]{2})(?![0-9]))"
    ),
}


def _pre_dm_sentence(text: str, at: int) -> bool:
    """Whether the sentence of the mention at ``at`` (code points) is set before the Deutsche Mark: it names
    Weimar, the Reichsbank, the Kaiser, the papiermark or the Reichsmark, or a year from 1873 to 1947 before the
    mention, with no year of the Deutsche Mark (1948-2001) before the mention in it."""
    lo = _sentence_start(text, at, 300)
    head = text[lo:at].lower()
    if _DM_YEAR.search(head) is not None:
        return False
    return _PRE_DM_CUE.search(head) is not None or _PRE_DM_YEAR.search(head) is not None


#: Words of the time of the papiermark and the Reichsmark.
_PRE_DM_CUE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:weimar|reichsbank|kaiser|papiermarks?|reichsmarks?)\b"
)


def _before_deutsche_mark(lowered: str) -> bool:
    """Whether a document's bare "marks" are the German marks before 1948 (papiermark, Reichsmark; no ISO code):
    it names a year from 1873 to 1947 and none of the Deutsche Mark's (1948-2001), or "Weimar"/"Reichsbank"."""
    if "weimar" in lowered or "reichsbank" in lowered or "kaiser" in lowered:
        return _DM_YEAR.search(lowered) is None
    return _PRE_DM_YEAR.search(lowered) is not None and _DM_YEAR.search(lowered) is None


# A cue starts after a character other than a-z (the regex engine skips letters in C; a non-ASCII letter
# before the cue is rejected in Python), so the text is padded with one space in front.
_COUNTRY_CUE_RE: Final[re.Pattern[str]] = re.compile(
    "[^a-z]("
    + scanner.trie_pattern(sorted(curated.COUNTRY_CUES, key=len, reverse=True))
    + r")(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])"
)


class _LazyCues:
    """The country cue counts of one document, counted on first use (most documents never need them)."""

    __slots__ = ("counts", "dated", "guilder", "lowered", "pre_dm")

    def __init__(self, lowered: str, dated: _LazyCues | None = None) -> None:
        self.lowered = lowered
        self.counts: dict[str, int] | None = None
        self.pre_dm: bool | None = None  # whether the marks are pre-1948 ones (one scan per document)
        self.guilder: bool | None = None  # whether the text's years are all of the Dutch guilder's time
        #: the document's plain counts, when these are the counts with its dateline (see :func:`_dateline_cues`)
        self.dated = dated

    def before_deutsche_mark(self) -> bool:
        """:func:`_before_deutsche_mark` of the document, read once (not once per "marks" mention)."""
        if self.pre_dm is None:
            self.pre_dm = _before_deutsche_mark(self.lowered)
        return self.pre_dm

    def guilder_years(self) -> bool:
        """Whether the document names a year and every year it names is before the euro (at most 2001, the
        guilder's last; read once): then a "ƒ" no country cue settles is the Dutch guilder, not the Aruban florin
        (1986-) or the Antillean guilder."""
        if self.guilder is None:
            years = [int(m.group()) for m in _HISTORY_YEAR.finditer(self.lowered)]
            self.guilder = bool(years) and max(years) <= 2001
        return self.guilder

    def get(self) -> dict[str, int]:
        """Return ISO code -> number of country cues of the document (see :func:`_country_cues`)."""
        if self.counts is None:
            self.counts = (
                _dateline_cues(self.lowered, self.dated.get())
                if self.dated is not None
                else _country_cues(self.lowered)
            )
        return self.counts


def _country_cues(lowered: str) -> dict[str, int]:
    """Count country cue words of the text (lower-cased copy): ISO code -> number of cues."""
    cues: dict[str, int] = {}
    padded = " " + lowered
    for m in _COUNTRY_CUE_RE.finditer(padded):
        if padded[m.start()].isalpha():
            continue
        for c in curated.COUNTRY_CUES[m.group(1)]:
            cues[c] = cues.get(c, 0) + 1
    return cues


def _dateline_cues(lowered: str, cues: dict[str, int]) -> dict[str, int]:
    """``cues`` with a wire story's dateline counted three times: the place it is written outweighs a passing
    mention ("HONG KONG, Aug 27 - … hit by tighter U.S. quotas … 38.2 mln dlrs" is HKD). ``cues`` itself when the
    text has no dateline of a cue word."""
    dateline = _DATELINE.match(lowered)
    if dateline is None or dateline.group(1) not in curated.COUNTRY_CUES:
        return cues
    dated = dict(cues)
    for c in curated.COUNTRY_CUES[dateline.group(1)]:
        dated[c] = dated.get(c, 0) + 2
    return dated


#: A whole number grouped in thousands by dots ("22.000", "1.250.000"), as the Latin American press writes pesos.
_DOT_GROUPED_WHOLE: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


#: The pesos whose own press writes "$" (ISO 4217 codes): curated.DOLLAR_SIGN_PESOS and the Mexican peso.
_DOLLAR_SIGN_PESO_CODES: Final[frozenset[str]] = curated.DOLLAR_SIGN_PESOS | {"MXN"}


def _settle_peso_story_signs(
    text: str,
    lowered: str,
    cue_counts: _LazyCues,
    reported: list[_Amount],
    resolved: list[tuple[str | None, tuple[str, ...], str]],
    unsettled_signs: list[int],
) -> None:
    """Read the bare "$" amounts of a peso story as its peso, in place.

    ``resolved`` holds one ``(ISO 4217 code or None, alternatives, basis)`` per amount of the text, in text order;
    ``unsettled_signs`` the indices (ascending) of the bare "$" amounts among them that only the default made US
    dollars and that restate nothing. When every other amount of the text with a currency is in one peso its own
    press writes "$" (MXN, COP, CLP, ARS, UYU, CUP, DOP) — named by word or code, never a US dollar, nor a "$"
    restatement such as "12.5 billion pesos ($730 million)", which shows the writer's "$" is the US one — those
    "$" amounts are that peso ("fined two million pesos …; fares start at $1,299" in a Mexican story).
    """
    if any(reported[i].exp is not None for i in unsettled_signs):
        return  # "Pemex's debt stood at about $106 billion": a scaled "$" beside pesos is the wires' US dollar
    signs = set(unsettled_signs)
    currencies = {r[0] for j, r in enumerate(resolved) if j not in signs and r[0] is not None}
    if len(currencies) != 1:
        return
    (peso,) = currencies
    if peso not in _DOLLAR_SIGN_PESO_CODES or "dollar" in lowered:
        return  # ("the peso slid to 19.2 per dollar", "in dollar terms": that writer's "$" is the US one)
    cues = cue_counts.get()
    if not cues.get(peso) or cues.get("USD"):
        return  # the text names the peso's country, and no US place ("New York arabica rallied above $2")
    named = [reported[j] for j in range(len(resolved)) if j not in signs and resolved[j][0] == peso]
    for i in unsettled_signs:
        a = reported[i]
        if any(_SENTENCE_BREAK.search(text, min(b.end, a.end), max(b.start, a.start)) is None for b in named):
            continue  # ("about 6,000 pesos for a crown in Tijuana, roughly $350": the sentence's "$" restates)
        resolved[i] = (peso, _without(FAMILIES["dollar"], None), "context")


def _cued_peso(cues: dict[str, int]) -> str | None:
    """The peso written "$" at home (``curated.DOLLAR_SIGN_PESOS``) whose country the text names most, strictly, or
    None."""
    ranked = sorted((cues.get(code, 0), code) for code in curated.DOLLAR_SIGN_PESOS)
    (second, _), (best, code) = ranked[-2], ranked[-1]
    return code if best > second else None


def _dated_outside(lazy_cues: _LazyCues | None, members: list[str]) -> bool:
    """Whether the text is a wire story datelined in a country none of ``members`` (ISO codes) is the money of
    ("LONDON, Aug 14 - … for 3.1 mln dlrs … Taiwanese breakers"): there one passing country word does not settle the
    story's dollars, which the wires of a non-dollar place write for US dollars."""
    if lazy_cues is None:
        return False
    dateline = _DATELINE.match(lazy_cues.lowered)
    if dateline is None:
        return False
    codes = curated.COUNTRY_CUES.get(dateline.group(1))
    return codes is not None and not any(code in members for code in codes)


#: A wire story's dateline at the start of the (lower-cased) text: "hong kong, aug 27 - ", "sydney, nov. 19 -",
#: "hartford, conn., feb 11 - " (group 1: the place).
_DATELINE: Final[re.Pattern[str]] = re.compile(
    r"\s*([a-z][a-z .'-]{1,30}?)(?:, [a-z][a-z.]{1,12}\.?)?,[ \u00a0]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\.?[ \u00a0]+[0-9]{1,2}[ \u00a0]*[-\u2013\u2014]"
)


#: A number grouped in thousands by spaces ("1 000 000", "12 500,50"): at most seven groups, and no group after
#: them (a longer run of spaced digit groups is no number, and each anchor in it is scanned in bounded time).
_SPACE_GROUPED: Final[re.Pattern[str]] = re.compile(
    r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3}(?![0-9])){1,6}(?![ \u00a0\u202f\u2009][0-9]{3}(?![0-9]))"
    r"(?:[.,][0-9]+)?"
)
_MINOR_GAPS: Final[frozenset[str]] = frozenset({"", " ", " and ", ", ", " & "})
#: (not a full stop glued to the next word: a chess move number, "Rf8 35.Rd3")
_BARE_MINOR_END: Final[re.Pattern[str]] = re.compile(r"\s*(?:[.,;:!?)](?![^\W_])|\Z)")


#: " and a half", " and a quarter", " and three quarters" after a currency name: the fraction of that unit.
_AND_FRACTIONS: Final[dict[str, Decimal]] = {
    "a half": Decimal("0.5"),
    "a quarter": Decimal("0.25"),
    "three quarters": Decimal("0.75"),
    "three-quarters": Decimal("0.75"),
}
_AND_FRACTION: Final[re.Pattern[str]] = re.compile(
    r" and (" + "|".join(_AND_FRACTIONS) + r")(?![^\W\d_])(?! of\b)", re.IGNORECASE
)


#: Abbreviated dollar names written with a full stop before their cents ("1 dol. 12½ cts.").
_DOT_NAMES: Final[frozenset[str]] = frozenset({"dlr", "dlrs", *curated.DOTTED_ONLY_NAMES})


def _compound(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Join a major amount and its minor part: "3 dollars 50 cents", "$20 and 43c", "20 ringgit 43"."""
    out: list[_Amount] = []
    i = 0
    n = len(amounts)
    while i < n:
        a = amounts[i]
        cur = a.currency
        # a whole amount of a currency (not cents) without scale word or minor unit: it may take a minor part
        whole = (
            cur is not None
            and cur != "@cent"
            and a.divisor == 1
            and a.exp is None
            and a.value == a.value.to_integral_value()
        )
        b = amounts[i + 1] if i + 1 < n else None
        if (
            whole
            and b is not None
            and b.start - a.end <= 5  # the longest minor gap (" and "): never lower-case a long gap
            and b.exp is None
            and b.value * 4 == (b.value * 4).to_integral_value()  # (whole cents, or "12½ cts.")
            and 0 < b.value < 100
            and (
                text[a.end : b.start].lower().replace("\r\n", " ").replace("\n", " ") in _MINOR_GAPS
                # an abbreviated name's full stop: "1 dol. 12½ cts.", "14 dlrs. 62 cts."
                or (text[a.end : b.start] == ". " and text[a.nend : a.end].strip().lower() in _DOT_NAMES)
            )
            and (a.rcur is not None or a.end == a.nend)
            # ("up from $1 and 15 cents respectively": two prices of a list, each its own)
            and _RESPECTIVELY_AFTER.match(text, b.end) is None
        ):
            minor = b.currency in _MINOR_FAMILY_ORDER or (
                b.divisor == 100
                and (
                    b.currency == cur
                    or (cur is not None and cur[0] == "@" and b.currency in FAMILIES.get(cur[1:], ()))
                )
            )  # ("four pounds and twenty pence": the pence are the pounds' minor unit)
            bare = (
                b.currency is None
                and not b.words
                and b.nend - b.nstart == 2  # "$3 50"; never one digit ("$3 5") or a signed one ("$3 -5")
                and b.start == b.nstart
                and _minor_tail_ends(text, a, b.end, text[a.end : b.start] == " " and b.nend - b.nstart == 2)
            )
            if minor or bare:
                a.value = a.value + b.value / 100
                a.end = b.end
                a.per_unit = b.per_unit or a.per_unit  # "15 USD 50 per share"
                out.append(a)
                i += 2
                continue
        if whole and a.rbasis == "name" and (fraction := _AND_FRACTION.match(text, a.end)) is not None:
            # "a dollar and a quarter" = 1.25, "three dollars and a half" = 3.5: the fraction of the unit named
            a.value = a.value + _AND_FRACTIONS[fraction.group(1).lower()]
            a.end = fraction.end()
            out.append(a)
            i += 1
            continue
        if whole and text.startswith((" ", ","), a.end):  # as _WORD_MINOR starts: " fifty", ", and fifty"
            wm = _WORD_MINOR.match(text, a.end)
            if (
                wm is not None
                # "the fifty dollar one": a pronoun right after the name, not one cent ("3 GBP and one" is 3.01)
                and not (wm.group(1).lower() == "one" and wm.start(1) == a.end + 1)
                and _minor_tail_ends(text, a, wm.end(1), wm.start(1) == a.end + 1)
            ):
                minor_value = numbers.parse_words(_words_of(wm.group(1)))
                if minor_value is not None and 0 < minor_value < 100:
                    a.value = a.value + minor_value / 100
                    a.end = wm.end(1)
                    pu = _per_unit(text, a.end)
                    a.per_unit = pu[0] if pu is not None else a.per_unit
        out.append(a)
        i += 1
    return out


#: "respectively" right after an amount: it ends a list of values, so an amount before it is no major part of it.
_RESPECTIVELY_AFTER: Final[re.Pattern[str]] = re.compile(r",?[ \u00a0]+respectively\b", re.IGNORECASE)
_UNDER_100: Final[str] = "|".join(sorted([*curated.UNITS, *curated.TENS], key=len, reverse=True))
_WORD_MINOR: Final[re.Pattern[str]] = re.compile(
    rf"(?:,? and)? ((?:{_UNDER_100})(?:[- ](?:{_UNDER_100}))?)(?![^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f])",
    re.IGNORECASE,
)
_MINOR_TAIL_NEXT: Final[frozenset[str]] = curated.MINOR_TAIL_NEXT_WORDS
_MINOR_TAIL_MORE: Final[frozenset[str]] = frozenset({"more", "less", "extra"})
_RANGE_BOUND_NEXT: Final[frozenset[str]] = curated.RANGE_BOUND_NEXT_WORDS


def _minor_tail_ends(text: str, a: _Amount, end: int, direct: bool) -> bool:
    """May a bare number ending at ``end`` (1-2 digits or number words under 100, no scale) be the minor units
    of the amount ``a`` before it ("15 USD 50", "five dollars fifty", "20 ringgit 43")?

    Only for a currency whose ISO 4217 minor unit is 2 (for a family, every member's: ``tables.MINOR_UNITS``):
    "500 yen 50" and "5 dinars 50" are not read. The tail may end the clause (end of text or ``.,;:!?)``).
    Or, when it is two digits or number words right after (one space: ``direct``) a currency name or ISO code
    written after the number, it may be followed by one space and a closed-class word
    (``curated.MINOR_TAIL_NEXT_WORDS``: "15 USD 50 more", "12 euros 99 yesterday", "15 USD 50 per share").
    Any other word may be a noun the number counts ("15 dollars 50 times", "15 dollars 50 more times").
    """
    cur = a.currency
    if cur is None or MINOR_UNITS.get(cur) != 2:
        return False
    if _BARE_MINOR_END.match(text, end) is not None:
        return True
    if (
        not direct
        or not (
            (a.rcur is not None and a.rbasis in ("name", "code"))
            # or a dollar sign's whole number, the period typography: "$7 50 per ton"
            or (
                a.lcur is not None
                and a.lbasis == "symbol"
                and text[a.start : a.start + 1] == "$"
                and a.end == a.nend
            )
        )
    ):
        return False  # (a per-unit phrase after the amount would stand between: the tail is not ``direct``)
    m = _NEXT_WORD.match(text, end)
    if m is None or m.start(1) != end + 1 or text[end] != " ":
        return False
    word = m.group(1).lower()
    if word not in _MINOR_TAIL_NEXT:
        return False
    if word in _MINOR_TAIL_MORE and text[m.end() : m.end() + 1] == " ":  # "50 more times": a count
        m2 = _NEXT_WORD.match(text, m.end())
        return m2 is None or m2.group(1).lower() in _MINOR_TAIL_NEXT
    return True


def _comma_heads(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Join a digit amount with a scale word to the head of its number before a comma: "2 million, 300 thousand
    dollars" and "two million, 300 thousand dollars" are one amount (2300000 dollars), never the tail alone.

    Rule (as :func:`_comma_head` for number words): the tail has a scale word and its currency written after it,
    no sign or code before it, and follows ", " right after a head that ends in a scale word of at least
    ``thousand`` (digits with no currency of their own, or number words) and whose power of ten exceeds the
    tail's whole value. "$2 million, 300 people" and "2 million, 300 million dollars" stay apart (a list).
    """
    heads: list[int] = []  # indexes of digit heads joined to the tail after them (rare: no list copy else)
    for i, b in enumerate(amounts):
        if b.rcur is None or b.exp is None or b.lcur is not None or b.words or b.amount_max is not None:
            continue
        if text[b.nstart - 2 : b.nstart] != ", " or b.start != b.nstart:
            continue
        a = amounts[i - 1] if i > 0 else None
        if (
            a is not None
            and a.end == b.nstart - 2
            and a.currency is None
            and not a.words
            and a.exp is not None
            and a.exp >= 3
            and a.amount_max is None
            and b.value.scaleb(b.exp) < Decimal(10) ** a.exp
        ):
            b.value = a.value.scaleb(a.exp - b.exp, numbers.NUMBER_CONTEXT) + b.value
            b.start = b.nstart = a.start
            heads.append(i - 1)
            continue
        joined = _comma_head(text, b.nstart, b.nend, b.value, b.exp, [])  # number words before the comma
        if joined is not None and joined[0] != b.nstart:
            b.start = b.nstart = joined[0]
            b.value = joined[1]
    if not heads:
        return amounts
    joined_heads = set(heads)
    return [a for k, a in enumerate(amounts) if k not in joined_heads]


#: A bare number and "to" or a dash right before a number: the number is the end of a range of counts or ages.
_BARE_RANGE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\d.,$€£¥])\d{1,3}[ \u00a0]*(?:to|-|\u2013)[ \u00a0]*\Z"
)
_RANGE_GAPS: Final[frozenset[str]] = frozenset(
    {"-", "\u2013", "\u2014", "/", "to", "and", "to about", "and about", "up to", "@"}
)


def _short_lower(gap: str) -> str:
    """``gap.lower()`` for short gaps; a long gap (never a connector) is returned as it is, unlowered."""
    return gap.lower() if len(gap) < 16 else gap


#: The gap between a change's new level and its earlier one: " from ", ", up from " (see :func:`_implied`).
_NEW_LEVEL_THEN_FROM_GAPS: Final[frozenset[str]] = frozenset(
    {" from ", ", from ", ", up from ", ", down from "}
)
#: Modal verbs (and the infinitive's "to") before a change verb: a change foreseen ("would lose", "could rise",
#: "expected to gain").
_MODALS: Final[frozenset[str]] = frozenset(
    {"would", "could", "will", "may", "might", "can", "should", "must", "to"}
)


def _far_above(a: _Amount, b: _Amount) -> bool:
    """Whether the bare number ``a`` before "to" is below a fifth of ``b`` (scales applied, a bare first number
    taking the second's scale): then "X to Y" after a change verb is a change to a new level, not a range."""
    if a.exp is None and b.exp is None:
        return b.value > 5 * a.value
    lo, hi = _scaled_pair(a, b)
    return lo is not None and hi is not None and hi > 5 * lo


def _ascending_after_down(text: str, a: _Amount, b: _Amount) -> bool:
    """Whether "down from A to B" has B above A: no fall from A to B, but the earlier range ("cut its guidance
    to €4.4bn-€4.7bn, down from €5.0bn to €5.4bn previously")."""
    if not text[max(0, a.start - 10) : a.start].lower().endswith("down from "):
        return False
    lo, hi = _scaled_pair(a, b)
    return lo is not None and hi is not None and lo < hi


#: A lone dot and three digits: "1.500", "2.000" (thousands or a decimal point, see the README's rule).
_LONE_DOT_THREE: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,3}\.[0-9]{3}")


def _same_grouping(text: str, a: _Amount, b: _Amount) -> None:
    """Read the two bounds of a range with one convention: when both are written with a lone dot and three
    digits and one of them was read as thousands ("2.000 euros", the "000" rule), the other groups thousands too
    ("between 1.500 and 2.000 euros" is 1500-2000, not 1.5-2000). Changes ``a`` or ``b`` in place."""
    if a.exp is not None or b.exp is not None or a.divisor != 1 or b.divisor != 1:
        return
    ta, tb = text[a.nstart : a.nend], text[b.nstart : b.nend]
    if _LONE_DOT_THREE.fullmatch(ta) is None or _LONE_DOT_THREE.fullmatch(tb) is None:
        return
    ga, gb = Decimal(ta.replace(".", "")), Decimal(tb.replace(".", ""))
    if a.value == ga and b.value != gb:
        b.value = gb
    elif b.value == gb and a.value != ga:
        a.value = ga


def _product_max(text: str, label: re.Match[str]) -> bool:
    """Whether a limit label's capitalised "Max" ends a product name ("iPhone 15 Pro Max: $1,199", "Galaxy S24
    Max:"): the word before it is capitalised or a model number."""
    if label.group(1) not in ("Max", "MAX"):
        return False
    k = label.start()
    while k > 0 and text[k - 1] in " \u00a0":
        k -= 1
    j = k
    while j > 0 and text[j - 1].isalnum():
        j -= 1
    word = text[j:k]
    return bool(word) and (word[0].isupper() or any(c.isdigit() for c in word))


def _model_name_before(text: str, nstart: int) -> bool:
    """Whether a product name stands right before the bare number at ``nstart``: a word with a capital letter
    that does not start the sentence ("the iPhone 15", "a Galaxy 24", "the Model 3"), not a range word."""
    word, k = _prev_word(text, nstart)
    if not word.isalpha() or word.islower() or word.isupper() or word.lower() in ("from", "between", "to"):
        return False
    before = text[max(0, k - 2) : k].rstrip(" \u00a0")
    return bool(before) and before[-1:] not in ".!?:;\n"


#: A currency sign after a number, spaced or not and with a scale prefix or not: " k$", " M€", " €".
_SIGN_MARK_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]?(?:[kKmMG]|Md|Mrd)?[^\w\s.,]")


def _glued_mark(text: str, a: _Amount) -> bool:
    """Whether ``a``'s currency is a mark of one or two characters glued after its number ("780c", "149.9p",
    "5€"), a sign after it with a scale prefix ("85 k$", "45 M€") or shillings and pence ("2s. 6d."), the way
    price ranges write both bounds ("780c to 800c/kg", "85 k$ to 95 k$", "2s. 6d. to 3s. 6d."); not a spaced name
    or code ("5 dollars", "500 USD")."""
    if a.rcur is None or a.lcur is not None:
        return False
    return (
        0 < a.end - a.nend <= 2
        or _SIGN_MARK_AFTER.fullmatch(text, a.nend, a.end) is not None
        # shillings and pence: "2s. 6d. to 3s. 6d. a week" (see _pre_decimal_alone)
        or (
            a.rcur == "GBP"
            and text[a.nend : a.nend + 1] in ("s", "/")
            and _SD_ALONE.match(text, a.nstart) is not None
        )
    )


#: The two-digit tail of a fiscal year written "2023-24" ("the total for 2023-24 to ₹46"): no range bound.
_YEAR_SPAN_TAIL: Final[re.Pattern[str]] = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}[-\u2013/][0-9]{2}\Z")


#: Words before "between" that name two values compared, not the bounds of a range ("the difference between $704 and
#: $1,562").
_BETWEEN_TWO_VALUES: Final[frozenset[str]] = frozenset(
    {"difference", "differences", "gap", "choice", "choose", "choosing", "decide", "deciding", "spread"}
)


#: The last three letters of scale words abbreviated with a full stop left outside the span ("Mio.", "Mrd.").
_DOTTED_SCALE_ENDS: Final[frozenset[str]] = frozenset(
    {"Mio", "Mrd", "mio", "mrd", "Mia", "mia", "Mld", "mld"}
)


def _join(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Join ranges and share currency/scale across coordinated amounts; return the amounts to report."""
    amounts = _compound(text, _comma_heads(text, amounts))
    out: list[_Amount] = []
    coordinated: set[int] = set()  # ids of bare amounts that took a later amount's currency
    i = 0
    n = len(amounts)
    while i < n:
        a = amounts[i]
        b = amounts[i + 1] if i + 1 < n else None
        if b is not None:
            gap = text[a.end : b.start]
            if a.per_unit is not None and a.per_unit == b.per_unit and gap[:1] in "/ " and len(gap) < 24:
                # "from US$1,500/oz to US$2,300/oz", "$90 a tonne to $95 a tonne": the unit on both bounds
                unit_end = _unit_end(text, a)
                if a.end < unit_end < b.start:
                    gap = text[unit_end : b.start]
            g = gap.strip(" \u00a0")
            if g[:1] == "." and a.exp is not None and text[a.end - 3 : a.end] in _DOTTED_SCALE_ENDS:
                # "between Fr. 900 Mio. and 1,1 Mrd.": the abbreviation's full stop, then the connector
                g = g[1:].lstrip(" \u00a0")
            if len(g) < 16:  # every connector is short: a long gap is never lower-cased
                g = g.lower()
            if (
                a.lcur == "@dollar"
                and b.lcur is not None
                and b.lcur != a.lcur
                and g in ("to", "-", "\u2013")
                and _DOLLAR_TAG_BRACKET.match(text, b.end) is not None
            ):
                a.lcur = b.lcur  # "$62 to $66 (US)": the tag after the range names both bounds' dollar
            if (
                a.lcur == "@dollar"
                and text[a.start] == "$"
                and a.rcur is None
                and g in ("to", "-", "\u2013")
                and b.rbasis == "name"
                and (b.rcur == "@peso" or b.rcur in _DOLLAR_SIGN_CURRENCIES or b.rcur in _DOLLAR_FAMILY_CODES)
                and b.lcur in (None, b.rcur)
            ):
                # "$25,000-40,000 pesos": the name after the range settles the "$" of both bounds
                a.lcur = b.rcur
            is_range = False
            if (
                g in _RANGE_GAPS
                and (b.currency is not None or a.currency is not None)
                and not (a.currency is None and _YEAR_SPAN_TAIL.search(text, max(0, a.nstart - 5), a.nend))
            ):
                word_before = _word_before(text, a.start)
                if word_before in _QUAL_HEDGES and g in ("and", "and about"):
                    # "between approximately $2 million and $3 million": the hedge of the whole range
                    word_before = _word_before(text, _prev_word(text, a.start)[1])
                if g in ("and", "and about"):
                    # (not two values compared: "the difference between $704 and $1,562", "choose between")
                    is_range = word_before == "between" and (
                        _word_before(text, _prev_word(text, a.start)[1]) not in _BETWEEN_TWO_VALUES
                    )
                elif g == "up to":
                    # "grants from $500,000 up to $50 million": the bounds of a range (not after a change verb)
                    is_range = word_before == "from" and not _change_before(text, a.start)
                elif g in ("to", "to about"):
                    # "rose 4 to $50", "rose $5 to $7", "jumped from $4bn to $5bn": after a change verb (also
                    # before "from") "X to Y" is a change, not a range; a bare first number with the currency
                    # written after both ("gained 3.70 to 4.60 dlrs", futures months) stays a range
                    changed = (
                        _change_before(text, a.start)
                        and not _ascending_after_down(text, a, b)
                        # a hedge makes it an estimate's bounds: "hedge funds lost an estimated $4bn to $6bn" (not
                        # a change by or from about X: "goes up by about £270 to £5,788")
                        and not (
                            _qualifier_before(text, a.start) == "approximate"
                            and _BY_OR_FROM_HEDGE.search(text, max(0, a.start - 32), a.start) is None
                            # (a rise of about X to a level far above it stays a change: "rose about $7 to $68")
                            and not _far_above(a, b)
                        )
                        # a change foreseen, its size's bounds: "a typical farm would lose €2,900 to €3,500" (not
                        # a new level far above the change: "could fall $2 to $38")
                        and not (
                            word_before in _CHANGE_VERBS
                            and _word_before(text, _prev_word(text, a.start)[1]) in _MODALS
                            and not _far_above(a, b)
                        )
                    )
                    if (
                        a.currency is None
                        and b.lcur is not None
                        and a.exp is None
                        and b.exp is None
                        and b.value > 100 * a.value
                    ):
                        # "for a single person under 65 to $62,253": a bare number far below the priced bound is
                        # another figure (an age, a count), no range's lower bound
                        is_range = False
                        changed = True
                    is_range = not changed or (
                        a.currency is None
                        and b.lcur is None
                        # "fell 3-1/4 to 152-1/2 dlrs", "went from 2 to 40 million dollars": a change and the
                        # new level (the level far above it)
                        and not _far_above(a, b)
                        # "rose from 188 to 255 roubles": "from" names the old level, two amounts
                        and word_before != "from"
                    )
                    if (
                        changed
                        and not is_range
                        and word_before == "from"
                        and a.currency is None
                        and b.rcur is not None
                        and b.lcur is None
                    ):
                        # the old level takes the new one's currency (and scale): "from 188 to 255 tenge"
                        a.rcur, a.rbasis, a.divisor = b.currency, b.rbasis or b.lbasis, b.divisor
                        if a.exp is None and b.exp is not None and _takes_scale(a, b):
                            a.exp = b.exp
                    if (
                        changed
                        and a.currency is not None
                        and b.currency is not None
                        and _ADD_BEFORE.search(text, max(0, a.start - 24), a.start) is not None
                        and not _far_above(a, b)
                    ):
                        # "installation typically adds $750 to $1,500": what is added, as a range (a market
                        # report's "Gold added $10 to $2,350" reaches a level far above: a change)
                        is_range = True
                    if (
                        changed
                        and a.currency is not None
                        and b.currency is None
                        and a.exp is None
                        and b.exp is not None
                        and _takes_scale(a, b)
                    ):
                        is_range = True  # "lost an estimated CHF 2 to 3 billion": the scale is both bounds'
                    if (
                        changed
                        and a.lcur is not None
                        and b.lcur is not None
                        and a.exp is None
                        and b.exp is not None
                        and _takes_scale(a, b)
                        and _CHANGE_BY_BEFORE.search(text, max(0, a.start - 24), a.start) is not None
                    ):
                        is_range = True  # "cut spending by $5 to $10 billion": the cut's bounds, both scaled
                    if (
                        a.currency is None
                        and b.lcur is not None
                        and (word_before == "of" or word_before in curated.LABEL_NOUNS)
                    ):
                        is_range = False  # "a pack of 20 to about $92": a count, then a price
                elif g == "@":
                    # the old market reports' quote between two prices, glued: "light $3.30@3.55", "flour
                    # $11.50@$12 per barrel", "oats 18@18½c" (never a count at a price: "10@$12")
                    is_range = (
                        gap == "@"
                        and (a.lcur is not None or (b.rcur is not None and b.lcur is None))
                        and a.exp is None
                        and b.exp is None
                        and 0 < a.value <= b.value <= 2 * a.value
                    )
                elif g == "/":
                    # ("2/$80", "3/$10": a multi-buy, so many for the price, not a range)
                    is_range = (
                        a.currency is None and not a.words and not b.words and gap == "/" and b.lcur is None
                    )
                else:
                    # "$5-7m", "€5bn–€7bn", and spaced: "$5 - $7 million", "EUR 5,000 - 7,000"; a bare number
                    # before a signed one only tight ("10-$20"): spaced, or after a label noun, it is a label
                    # and its price ("Lot 1 – £450", "Ages 5-12 – $15", "Tier 2-$49")
                    is_range = (gap == g or (len(gap) == 3 and g in "-\u2013\u2014")) and not (
                        a.currency is None
                        and b.lcur is not None
                        and (gap != g or word_before in curated.LABEL_NOUNS)
                    )
                    if is_range and g == "\u2014" and _DASH_LATER.match(text, b.end) is not None:
                        # "worth more than £1 million—£3 million for a married couple—at a rate of 20%": a pair
                        # of dashes sets an aside apart, no range
                        is_range = False
                if (
                    is_range
                    and a.currency is None
                    and g == "to"
                    and not a.words
                    and _model_name_before(text, a.nstart)
                ):
                    is_range = False  # "dropped the iPhone 15 to $699": a model's number, then the price
                if is_range and a.currency is None and a.nend - a.nstart <= 2 and word_before in _MONTHS:
                    is_range = False  # "purchases since December 10 to about US$17.3 billion": a date's day
                if (
                    is_range
                    and b.currency is None
                    and g in ("to", "and", "to about", "and about")
                    and _counts_noun(text, b.end)
                ):
                    is_range = False  # "HK$4,000 to 2.4 million residents": the bare bound counts a noun
                if (
                    is_range
                    and b.currency is None
                    and g in ("to", "-", "\u2013")
                    and _year_like(text, b)
                    and a.value * 10 < b.value
                    and a.exp is None
                ):
                    # "The fee was frozen at £40 to 2024": a year after "to" (written without a comma, far above
                    # the amount), not the top of a range ("£1,500 to 2,000" is one)
                    is_range = False
                if (
                    a.rcur is not None
                    and b.rcur is not None
                    and g in ("to", "and")
                    and word_before not in ("between", "from")
                    and not (
                        g == "to"
                        and (
                            (_glued_mark(text, a) and _glued_mark(text, b))
                            # the same sign or code written after both bounds: "1 290 Kč to 3 490 Kč", "500 kr to
                            # 900 kr", "1,290 CZK to 3,490 CZK" (two spelled names stay two amounts: "50 thousand
                            # yuan to 200 thousand yuan", as held-out reviewers read them)
                            or (
                                a.rbasis in ("symbol", "code")
                                and a.rbasis == b.rbasis
                                and text[a.nend : a.end].strip(" \u00a0")
                                == text[b.nend : b.end].strip(" \u00a0")
                            )
                            # the same name on both bounds of a price per unit or in minor units: "1.20 dlrs to
                            # 1.50 dlrs a share", "earnings of about 65 cents to 95 cents"
                            or (
                                a.rbasis == "name"
                                and b.rbasis == "name"
                                and text[a.nend : a.end].strip(" \u00a0")
                                == text[b.nend : b.end].strip(" \u00a0")
                                # (and any range of one name after a noun of what is expected or earned:
                                # "expects earnings per share of 10.40 euros to 11.00 euros")
                                and (
                                    _per_unit(text, b.end) is not None
                                    or a.divisor != 1
                                    or word_before == "of"
                                )
                            )
                        )
                        and not _change_before(text, a.start)
                    )
                ):
                    is_range = (
                        False  # "5 dollars and 7 dollars"; not "780c to 800c/kg", "142.9p to 149.9p a litre"
                    )
                if (
                    (is_range or g in ("to", "to about"))
                    and a.currency in _DOLLAR_FAMILY_CODES
                    and b.lcur == "@dollar"
                    and b.rcur is None
                    and text[b.start : b.start + 1] == "$"
                ):
                    # "US$17.50-$18.50", "C$1.5bn-$1.8bn", "between US$5bn and $6bn", "rose from US$5bn to $6bn":
                    # the second bound's (or new level's) bare "$" is the first one's dollar
                    b.lcur = a.currency
                if (
                    is_range
                    and a.lcur == "@dollar"
                    and a.rcur is None
                    and text[a.start : a.start + 1] == "$"
                    and b.rcur in _DOLLAR_FAMILY_CODES
                    and b.currency == b.rcur
                ):
                    # "$110K–$135K CAD", "$110K–135K CAD": the code after the range names both bounds' dollar
                    a.lcur = b.rcur
                if (
                    a.currency is not None
                    and b.currency is not None
                    and a.currency != b.currency
                    # (cents to dollars is one range: "95 cents to $1.10 per acre", "90 cents-$1/b"; not a change
                    # to a level far above: "BHP adding 71 cents to $45.20")
                    and not (
                        a.rcur == "@cent"
                        and a.lcur is None
                        and b.lcur == "@dollar"
                        and b.rcur is None
                        and a.exp is None
                        and b.exp is None
                        and b.value <= 5 * a.value / 100
                        and not _change_before(text, a.start)
                        and _ADD_BEFORE.search(text, max(0, a.start - 24), a.start) is None
                    )
                ):
                    is_range = False
                if (
                    is_range
                    and g == "to"
                    and word_before not in ("between", "from")
                    and text[a.start - 1 : a.start] == "+"
                ):
                    # "NVDA +$3.20 to $912.50", "Barclays +3.1p to 212.45p": a signed change, then the level (a
                    # minus is a confidence interval's lower bound as often: "95% CI −£45 to £690")
                    is_range = False
                if (
                    is_range
                    and g == "to"
                    and word_before not in ("between", "from")
                    and _qualifier_before(text, a.start) in ("less_than", "more_than")
                ):
                    # "from Rs 100 for dues under Rs 500 to Rs 1,300 for …": a threshold, then another sum
                    is_range = False
                if (
                    is_range
                    and a.currency is None
                    and _year_like(text, a)
                    and not (word_before in ("between", "from") and b.rcur is not None and b.lcur is None)
                ):
                    is_range = False  # "from 2019 to $3 billion": a year is no bound of a money range
            written = b.value
            if is_range and g == "/":
                _complete_short_quote(text, a, b)  # "1.5320/30 dlrs": the offer is 1.5330
            if is_range:
                _same_grouping(text, a, b)  # "between 1.500 and 2.000 euros": 1500-2000, not 1.5-2000
                if (
                    a.currency is None
                    and not a.words
                    and a.exp is None
                    and b.rcur == "GBP"
                    and _GUINEAS_AFTER.match(text, b.nend) is not None
                ):
                    # "between 8 and 30 guineas": the lower bound is in guineas too (21 shillings each)
                    a.value = _in_major_units(
                        Decimal(0), a.value * curated.SHILLINGS_PER_GUINEA, curated.SHILLINGS_PER_POUND
                    )
                lo, hi = _scaled_pair(a, b)
                if (
                    lo is not None and hi is not None
                ):  # "between €-5 and €210", "from -$20 to $40": signed bounds
                    lo, hi = (-lo if a.negative else lo), (-hi if b.negative else hi)
                if lo is not None and hi is not None and lo < hi:
                    merged = _Amount(
                        start=a.start,
                        end=b.end,
                        nstart=a.nstart,
                        nend=b.nend,
                        value=lo,
                        exp=0,
                        words=a.words and b.words,
                    )
                    merged.lcur, merged.rcur = a.lcur or b.lcur, b.rcur or a.rcur
                    merged.lbasis, merged.rbasis = a.lbasis or b.lbasis, b.rbasis or a.rbasis
                    merged.per_unit, merged.amount_max = b.per_unit or a.per_unit, hi
                    out.append(merged)
                    i += 2
                    continue
            b.value = written
            # coordination: "1,850 and 1,880 dlrs", "5 or 6 dollars": the first takes the currency (and scale),
            # only from a currency written AFTER the second number (a prefixed "$3 million" starts an amount
            # of its own: "in 2019 and $3 million in 2020"), never across a comma, and never for a year
            if (
                g in ("and", "or", "or about", "and about")
                and b.rcur is not None
                and b.lcur is None
                and a.currency is None
                and not a.words
                and not _year_like(text, a)
                # (not the end of a bare range before it: "minors aged 15 to 17 and 17 euros")
                and _BARE_RANGE_BEFORE.search(text, max(0, a.start - 16), a.start) is None
                # (nor a date's day: "bought for resale on March 31 and 115 mln stg of late lending")
                and _word_before(text, a.start) not in _MONTHS
            ):
                a.rcur, a.rbasis, a.divisor = b.currency, b.rbasis or b.lbasis, b.divisor
                if a.exp is None and b.exp is not None and _takes_scale(a, b):
                    a.exp = b.exp
                _same_grouping(text, a, b)  # "Rents are 1.500 and 2.000 euros": 1500 and 2000
                coordinated.add(id(a))
        out.append(a)
        i += 1
    # "$3, $4 and $5 billion": a trailing scale word applies to the whole list of bare amounts before it
    for j in range(len(out) - 2, -1, -1):
        a, b = out[j], out[j + 1]
        if (
            id(b) in coordinated
            and a.currency is None
            and a.exp is not None
            and a.exp == b.exp
            and not a.words
            and a.amount_max is None
            and text[a.end : b.start] == ", "
        ):
            # "loans of 120 mln, 85 mln and 40 mln dlrs": the list's earlier items, each with its scale word
            a.rcur, a.rbasis, a.divisor = b.currency, b.rbasis, b.divisor
            coordinated.add(id(a))
        elif (
            id(b) in coordinated
            and a.currency is None
            and a.exp is None
            and b.exp is None
            and not a.words
            and a.amount_max is None
            and text[a.end : b.start] == ", "
            and _same_figure(text, a, b)
            and not _year_like(text, a)
            and _BARE_RANGE_BEFORE.search(text, max(0, a.start - 16), a.start) is None
            and (word := _word_before(text, a.start)) not in curated.LABEL_NOUNS
            and word not in curated.COUNTED_LIST_LEADS
        ):
            # "carbon prices of 45, 60 and 75 euros", "bids of 10, 20, 30 and 40 euros": the list's earlier items
            a.rcur, a.rbasis, a.divisor = b.currency, b.rbasis, b.divisor
            coordinated.add(id(a))
        if (
            a.exp is None
            and b.exp is not None
            and a.amount_max is None
            and _takes_scale(a, b)
            and a.lcur is not None
            and a.lcur == b.lcur
            and a.rcur is None
            and a.value != b.value  # ("whether $5 or $5 million": a contrast)
            # (a price in cents is written complete: "12mm shs at $18.25, $219mm gross"; but not a list of
            # decimal millions: "sold for $1.2, $1.35 and $1.5 million")
            and (
                _CENTS_DECIMALS.search(text, a.nstart, a.nend) is None
                or (a.value < 10 and b.value < 10 and "." in text[b.nstart : b.nend])
            )
            and (list_gap := _short_lower(text[a.end : b.start].strip(" \u00a0")))
            in (",", "and", "or", ", and", ", or")
            # a comma before "and" only closes a list of three ("$3, $4, and $5 billion"; not "up from $0.98,
            # and $5 million went to charity")
            and (
                list_gap in (",", "and", "or")
                or (
                    j > 0
                    and text[out[j - 1].end : a.start].strip(" \u00a0") == ","
                    and out[j - 1].lcur == a.lcur
                )
            )
        ):
            a.exp = b.exp
        if (
            a.per_unit is None
            and b.per_unit is not None
            and a.amount_max is None
            and a.currency is not None
            and a.currency == b.currency
            and (a.exp or 0) == (b.exp or 0)
            and _short_lower(text[a.end : b.start].strip(" \u00a0")) in (",", "and", ", and")
            and a.value * 10 > b.value
            and b.value * 10 > a.value
        ):
            # "$3, $5 and $10 per month", "$3.65 and $6.85 a day": the list's unit (not "€945,000, or €10,500/m²",
            # a total and its rate)
            a.per_unit = b.per_unit
    _share_leading_currency(text, out)
    # a measure's unit written before a list ("Dividends declared per share: $0.60, $0.60, $0.65 and $0.65"):
    # every item of the list takes it (the unit is not written after the first)
    for a, b in itertools.pairwise(out):
        if (
            a.per_unit is not None
            and b.per_unit is None
            and b.amount_max is None
            and a.currency is not None
            and a.currency == b.currency
            and (a.exp or 0) == (b.exp or 0)
            and _short_lower(text[a.end : b.start].strip(" \u00a0")) in (",", "and", ", and")
            and a.value * 10 > b.value
            and b.value * 10 > a.value
            and _per_unit(text, a.end) is None
        ):
            b.per_unit = a.per_unit
    return out


#: "by" or "from" and a hedge right before an amount: "by about ", "from roughly ", "by an estimated ".
_BY_OR_FROM_HEDGE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:by|from)[ \u00a0]+(?:[^\W\d_]+[ \u00a0]+){1,2}\Z", re.IGNORECASE
)
#: Two decimals ending a number: a price written to the cent ("18.25", "2.50").
_CENTS_DECIMALS: Final[re.Pattern[str]] = re.compile(r"[.,][0-9]{2}\Z")


def _same_figure(text: str, a: _Amount, b: _Amount) -> bool:
    """Whether two bare list items are figures of one kind: the same number of decimals and the same scale
    exponent, neither more than ten times the other ("45, 60", "16.10, 19.40", "16.5bn and 19.8bn")."""
    return (
        _decimals(text, a) == _decimals(text, b)
        and a.exp == b.exp
        and a.value > 0
        and b.value > 0
        and a.value * 10 >= b.value
        and b.value * 10 >= a.value
    )


#: What may follow the last item of a list that shares the first item's currency: the clause's end or a
#: closed-class word ("; TP HK$420", " respectively", " in 2025", " for FY25-27", an auxiliary: " will apply").
_LIST_END_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*(?:[.,;:)\]\r\n]|\Z|(?:respectively|in|for|from|on|at|this|next|last|by|over|each|apiece"
    r"|will|would|shall|can|could|may|might|must|is|are|was|were|has|have|had)\b)"
)


def _share_leading_currency(text: str, out: list[_Amount]) -> None:
    """Give a list's bare items the currency written before its first item only: "EPS to Rmb 16.10, 19.40 and
    22.80", "net profit of Rmb 16.5bn and 19.8bn", "prices of $3, 4 and 5". The list must end with "and" or
    "or" before its last item, each item must be a figure of the first one's kind (:func:`_same_figure`), no
    item may count a noun ("$5 billion and 300 staff") and the last must end its clause or stand before a
    closed-class word (:data:`_LIST_END_AFTER`). Changes the amounts of ``out`` in place."""
    n = len(out)
    j = 0
    while j < n - 1:
        head = out[j]
        if (
            head.lcur is None
            or (head.lcur[0] == "@" and head.lbasis != "symbol")
            or head.amount_max is not None
        ):
            j += 1
            continue
        items: list[_Amount] = []
        k = j + 1
        closed = False
        while k < n:
            b = out[k]
            gap = _short_lower(text[out[k - 1].end : b.start].strip(" \u00a0"))
            if (
                b.currency is not None
                or b.words
                or b.amount_max is not None
                or gap not in (",", "and", "or", ", and", ", or")
                or not _same_figure(text, head, b)
                or _year_like(text, b)
            ):
                break
            items.append(b)
            k += 1
            if gap != ",":
                closed = True
                break
        if (
            closed
            and items
            and not _counts_noun(text, items[-1].end)
            and _LIST_END_AFTER.match(text, items[-1].end) is not None
        ):
            for b in items:
                b.lcur, b.lbasis, b.divisor = head.lcur, head.lbasis, head.divisor
        j = k if items else j + 1


_IMPLIED_LEADS: Final[frozenset[str]] = curated.IMPLIED_LEADS
_IMPLIED_FOLLOW: Final[re.Pattern[str]] = re.compile(
    # (a bullet or a bar between a brief's items: "Net interest income 38.6 mln dlrs versus 34.1 mln * Provision")
    r"[ \u00a0\t]*(?:[.,;:)\r\n*|\u2022]|\Z|(?:in|a|an|the|last|previously|earlier|at|on|for|during|year|and|as|because|after|while"
    # the day: "set the dollar at 1.8047 marks after 1.8134 yesterday"
    r"|yesterday|today|overnight"
    # an auxiliary verb: "Land deals worth 600 crore were signed"
    r"|was|were|is|are|will|would|has|have|had|could|may|might"
    # a preposition: "raise up to 10,000 crore through infrastructure bonds"
    r"|through|via|from|into|to|with|off"
    # a comparison of its own: "on sales of 402.5 billion against 431.9 billion"
    r"|against|vs|versus|compared"
    r"|when|amid|despite|due|thanks|but|though|although|sought|this|next|overseas|abroad|worldwide|forecast|on|by"
    # a condition or a relative clause: "up from 1.79 billion if adjusted", "replacing 3.8 billion which expires"
    r"|if|which|excluding|including|before"
    # the arrangement a compared figure is under: "compared with 14.6 million under the expiring levy"
    r"|under(?=[ \u00a0]+(?:the|a|an|its|their|this|that|previous|current|old|new)\b)"
    # a stock or a share of a whole: "against 2.1 trillion outstanding at the peak", "roughly 2.2 billion of the total"
    r"|outstanding|of[ \u00a0]+(?:the|that|this|its)[ \u00a0]+(?:total|sum|amount|package|figure|proceeds|funds|cash)\b"
    # the period a compared figure is of: "more than the 38 crore of 2023", "the 6 billion of last year"
    r"|of[ \u00a0]+(?:(?:19|20)[0-9]{2}|last[ \u00a0]+(?:year|quarter|month)|a[ \u00a0]+year[ \u00a0]+(?:earlier|ago|before)"
    r"|the[ \u00a0]+(?:previous|prior|same)[ \u00a0]+(?:year|quarter|period|month))\b"
    # a relative clause with no "that": "short of the 6 billion they sought", "above the 500 million officials had
    # projected"; a figure's noun: "the original 14 billion estimate"
    r"|they|it|he|she|we"
    # (a noun subject only before its verb, never as a count's own noun: "1.4 lakh investors across 11 districts")
    r"|(?:analysts|economists|officials|investors|experts|forecasters)(?=[ \u00a0]+(?:had[ \u00a0]+|have[ \u00a0]+)?"
    r"(?:[a-z]+ed|expect|expects|forecast|forecasts|sought|see|saw|predict|predicts|estimate|estimates|want"
    r"|wanted|thought|said)\b)"
    r"|estimate|estimates|target|projection|figure|budget"
    # the analysts' average: "missing the 812 million average estimate of analysts", "the 11.2 billion consensus"
    r"|(?:average|consensus|mean|median)(?:[ \u00a0]+analyst)?(?:[ \u00a0]+(?:estimates?|forecasts?))?"
    # a time ago: "from 92,000 crore two years ago", "against 1.2 billion a year earlier"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)[ \u00a0]+(?:years?|months?|weeks?|days?|quarters?)"
    r"[ \u00a0]+(?:ago|earlier|before))\b"
    # an adverb or a participle: "against 2.2m originally sought", "from 4.5 million claimed", a headline's
    # "VS 84.5B EXPECTED"
    # (not an adjective of a security or of a thing counted: "an issue of 10 mln preferred shares", "to about 4
    # million elderly people")
    r"|(?:[a-z]+(?:ly|ed)\b|[A-Z]+(?:LY|ED)\b)(?![ \u00a0]+(?:shares?|stocks?|units?|warrants?|securities|bonds?|notes"
    + "".join("|" + re.escape(w) for w in sorted(curated.COUNTED_CLAUSE_NOUNS))
    + r")\b)"
    # an irregular participle: "reserves of 15 mln set aside last year", "against 2.1 billion paid in 2023",
    # "against 3.5 billion taken up at the previous tender" (not before a thing counted: "4.1 million paid
    # subscribers")
    r"|(?:set(?![ \u00a0]of\b)|paid|spent|held|kept|sold|lent|bid|taken|drawn|given)\b"
    r"(?![ \u00a0]+(?:" + "|".join(re.escape(w) for w in sorted(curated.COUNTED_CLAUSE_NOUNS)) + r")\b))"
)


#: The gap of a comparison right after an amount, with the amount's time between: " from ", " in March from ",
#: " in 1986 vs ", " on Monday against ".
_DIRECT_COMPARISON_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:(?:in|on|during|for) (?:(?:19|20)[0-9]{2}|Q[1-4]|H[12]|the (?:first|second|third|fourth)"
    r" (?:quarter|half)|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)[ \u00a0]+)?(?:from|against|vs\.?|versus)[ \u00a0]+"
    # (or a move's earlier level after a comma: ", up from ", ", down from ")
    r"|,[ \u00a0]+(?:up|down)[ \u00a0]+from[ \u00a0]+",
    re.IGNORECASE,
)
#: A list's next item, its verb left out: ", exchequer transactions ", " and a rise in note circulation " (one to
#: six lower-case words after a comma or "and").
_GAPPED_LIST: Final[re.Pattern[str]] = re.compile(
    r"(?:,|,?[ \u00a0]and)(?:[ \u00a0][a-z][a-z'-]*){1,6}[ \u00a0]"
)
#: Noun phrases of money flows whose head noun elsewhere counts things (``curated.MONEY_FLOW_PHRASES``).
_MONEY_FLOW_PHRASE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(curated.MONEY_FLOW_PHRASES)) + r")\b", re.IGNORECASE
)
#: A sum's part named after it, then a comma: " in spot, ", " for the bank's shareholders, " (group "prep": the
#: preposition, which the next item repeats).
_PARALLEL_PART_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](?P<prep>in|for|on|from|at)(?:[ \u00a0][a-z][a-z'-]*){1,3},[ \u00a0]"
)
#: "and" and a capitalised name right before a bare figure, its verb left out: " and Kentucky ", " and New Mexico ".
_GAPPED_SUBJECT: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]and[ \u00a0][A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)?[ \u00a0]"
)
#: "and" and a money noun, lower case, between a sum and a bare figure: a second subject whose verb is left out
#: (", and exports "; group 1, a word of ``curated.MONEY_CLAUSE_NOUNS``).
_GAPPED_MONEY_NOUN: Final[re.Pattern[str]] = re.compile(r",?[ \u00a0]and[ \u00a0]([a-z]+)[ \u00a0]")
#: ", or about " (or another hedge) right before an amount in another currency: its restatement.
_OR_RESTATED: Final[re.Pattern[str]] = re.compile(
    r",[ \u00a0]+or[ \u00a0]+(?:about|around|roughly|some|nearly|almost|approximately)[ \u00a0]+\Z"
)
#: The gap before a per-share restatement of a sum: ", or ", " or ", ", or about ".
_PER_SHARE_APPOSITION: Final[re.Pattern[str]] = re.compile(r",?[ \u00a0]+or[ \u00a0]+(?:about[ \u00a0]+)?")
#: An amount's restatement in brackets at the start of a gap: " (about 590 mln dlrs)" (see :func:`_implied`).
_RESTATEMENT_THEN_GAP: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]*\([^()]{1,40}\)")
#: The end of the gap before an add-on to an amount: " plus ", ", with a further ", " and up to another ".
_ADDON_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:\Aplus|,? (?:plus|with|and)(?: up to)? (?:a further|another|an additional|an extra)"
    r"|\A[ \u00a0]+plus(?: up to)?(?: (?:a further|another|an additional|an extra))?)[ \u00a0]+\Z"
)
#: The gap of a parallel pair, an adverbial then "and": " domestically and ", " on Monday and ", " in 2022 and
#: another ", " overseas and a further ".
_PARALLEL_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:[a-z]+ly|overseas|abroad|at home|worldwide"
    # a place: "$120 million in Europe and 95 million in Asia", "in the US and"
    r"|(?:in|across) (?:the )?(?-i:[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})"
    r"|(?:in|during) (?:(?:fiscal |FY ?)?(?:19|20)[0-9]{2}|Q[1-4]|H[12]"
    r"|January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:on|by) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:last|this) (?:year|month|week)"
    # a period counted: "$1.2 million in the first year and 1.35 million in each of the following two"
    r"|(?:in|for|during) the (?:first|second|third|fourth|final|last|next|opening) (?:year|month|quarter|half|season))"
    # (the preposition repeated: "overstated revenue by $120 million in fiscal 2021 and by 85 million")
    r"[ \u00a0]+and[ \u00a0]+(?:by[ \u00a0]+)?(?:(?:another|a further|an additional|an extra)[ \u00a0]+)?"
)


#: A money word right before a bare lakh/crore sum (within its clause): "went for 30 lakh", "collection stood at
#: 45 crore", "a package of 12 lakh", "base price is 20 lakh".
_INDIAN_SUM_CUE: Final[re.Pattern[str]] = re.compile(
    r"\b(for|worth|paid|pays|price|priced|cost|costs|fetched|fetch|collection|collections|collected|grossed"
    r"|refund|refunded|payment|emi|charged|debited|credited|deducted|cashback|transferred|deposit|deposited"
    r"|gross|nett|net|earned|earns|earning|salary|package|budget|fee|fees|fine|bid|bids|sold|bought|raised|loan"
    r"|total|crossed|minted|rent|valued|value|deal|contract|spent|spend|spends|spending|received|allocated"
    r"|sanctioned|earmarked|deposits|payments|loans|deals|contracts|refunds|fines|packages|budgets"
    # raising and investing: "plans to raise up to 10,000 crore through bonds", "will invest 5,000 crore"
    r"|raise|raises|raising|mobilise|mobilises|mobilised|mobilize|mobilizes|mobilized|invest|invests|invested"
    r"|investing|borrow|borrows|borrowed|borrowing|infuse|infused"
    # paying, and crime reporting's sums: "ordered to pay 5 lakh to the victim", "recovered 3.2 crore", "a bribe
    # of 2 lakh", "duped him of 40 lakh"
    r"|pay|paying|compensation|bribe|bribes|recovered|seized|demanded|extorted|embezzled|siphoned|swindled"
    r"|duped|cheated|defrauded|looted|laundered)\b"
    r"[^.;!?\n0-9]{0,24}\Z",
    re.IGNORECASE,
)


def _indian_scale_sums(text: str, amounts: list[_Amount], locale_hint: str | None) -> list[_Amount]:
    """With an Indian locale hint (en-IN), give a bare lakh or crore sum the rupee where a money word stands
    before it in its clause and no noun of its own follows ("was snapped up for 30 lakh", "the weekend
    collection stood at 45 crore"; not "1.5 crore voters", "a population of 140 crore"): Indian English writes
    the rupee sum without its sign. Changes ``amounts`` in place and returns it."""
    if _region(locale_hint) != "IN":
        return amounts
    prev: _Amount | None = None
    for a in amounts:
        paired = prev
        if a.currency is not None or a.exp is not None:
            prev = a
        if (
            a.currency is None
            and a.exp is not None
            and not a.words
            and a.amount_max is None
            and _INDIAN_SCALE_WORD.search(text, a.nend, a.end) is not None
            and _IMPLIED_FOLLOW.match(text, a.end) is not None
            and paired is not None
            and paired.currency == "INR"
            and _INDIAN_PAIR_GAP.fullmatch(text, paired.end, a.start) is not None
        ):
            # "earned 210 crore in India and 95 crore overseas": the second of a parallel pair
            a.rcur, a.rbasis = "INR", "hint"
            continue
        if (
            a.currency is None
            and a.exp is not None
            and not a.words
            and a.amount_max is None
            and _INDIAN_SCALE_WORD.search(text, a.nend, a.end) is not None
            and _IMPLIED_FOLLOW.match(text, a.end) is not None
            and (cue := _INDIAN_SUM_CUE.search(text, max(0, a.start - 48), a.start)) is not None
            and not (
                # "Demat accounts crossed 18.5 crore": a count of the subject, not rupees
                cue.group(1).lower() == "crossed"
                and _word_before(text, cue.start(1)) in curated.COUNTED_SUBJECT_NOUNS
            )
            # (nor in a clause about counted things: "Ridership crossed 78 lakh", "for a population of over 24 crore")
            and not _counted_clause(text, _sentence_start(text, a.start, 200), a.start)
        ):
            a.rcur, a.rbasis = "INR", "hint"
    return amounts


#: The gap of a parallel pair of lakh or crore sums: a short phrase, then "and" ("210 crore in India and ").
_INDIAN_PAIR_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+[^.;:()0-9]{1,30}?)?,?[ \u00a0]+and[ \u00a0]+(?:(?:another|a further|an additional)[ \u00a0]+)?"
)
#: A lakh or crore scale word (the Indian numbering: "30 lakh", "1.5 crore", "5 lakh crore", "2 cr").
_INDIAN_SCALE_WORD: Final[re.Pattern[str]] = re.compile(r"(?i)\b(?:lakhs?|lacs?|crores?|cr)\b")


class _Heading:
    """A results table's heading and the reach of its figures: ``start``/``end`` (code points) of the text it
    governs, the power of ten of its scale, its currency (an ISO 4217 code or an @family; None when it names
    none), whether it says that brackets hold earlier figures ("previous month in brackets"), and whether a
    heading of a measure stands just before it ("(thousand tonnes) and value (£ million)": its bare figures are
    of two kinds, so none is read)."""

    __slots__ = ("currency", "end", "exp", "mixed", "prior_in_brackets", "start")

    def __init__(
        self,
        start: int,
        end: int,
        exp: int,
        currency: str | None,
        prior_in_brackets: bool,
        mixed: bool = False,
    ) -> None:
        self.start, self.end, self.exp = start, end, exp
        self.currency, self.prior_in_brackets, self.mixed = currency, prior_in_brackets, mixed


_NO_HEADINGS: Final[tuple[_Heading, ...]] = ()

_HEADING_SCALES: Final[dict[str, int]] = {
    **dict.fromkeys(("thousand", "thousands", "000", "'000", "000s", "'000s", "k"), 3),
    **dict.fromkeys(("million", "millions", "mln", "mn", "m", "mio", "mm"), 6),
    **dict.fromkeys(("billion", "billions", "bn", "bln", "b"), 9),
    **dict.fromkeys(("trillion", "trillions", "tn", "trn"), 12),
    **dict.fromkeys(("crore", "crores", "cr"), 7),
    **dict.fromkeys(("lakh", "lakhs"), 5),
}
_HEADING_SCALE_WORDS: Final[str] = "|".join(
    sorted((re.escape(w) for w in _HEADING_SCALES), key=len, reverse=True)
)
#: A table heading in brackets that gives a scale, with or without a currency: "(in millions)", "(in thousands of
#: Canadian dollars)", "(billions of dlrs, previous month in brackets)", "(A$m)", "(US$ millions)", "($ millions,
#: except per share data)", "(HK$ million)", "(in RMB million)", "(EUR million)", "(€m)".
_HEADING_SCALE_NAMES: Final[str] = (
    r"thousands|thousand|millions|million|billions|billion|trillions|trillion|mln|bln|'000s|000s|'000|000|mio"
    r"|crores?|lakhs?"
)
_TABLE_HEADING: Final[re.Pattern[str]] = re.compile(
    # (a bracket that opens a heading, not a clause number or a name: "401(k)", "23(b)(3)", "(a)")
    # (a short label may open the bracket: "(fee, £m)")
    # (the literal "(" first and the character before it checked after it, so the search runs in C)
    r"\((?<![\w)]\()(?:[a-z]{2,12},[ \u00a0]+)?(?:(?:in|amounts in|figures in|all figures in)[ \u00a0]+)?(?:"
    rf"(?P<scale1>{_HEADING_SCALE_NAMES})(?:[ \u00a0]+of[ \u00a0]+(?P<cur1>[A-Za-z.$ ]{{2,30}}?))?"
    rf"|(?P<cur2>[A-Z]{{0,3}}[$£€¥₹]|[A-Z]{{3}}|Rmb|RM|Rs|Rp)[ \u00a0]?(?:in[ \u00a0]+)?(?P<scale2>{_HEADING_SCALE_WORDS})"
    # the wires' "(mln stg)", "(bln dlrs)", "(billion yen)"
    rf"|(?P<scale3>{_HEADING_SCALE_NAMES})[ \u00a0]+(?P<cur3>[A-Za-z.]{{2,12}}(?:[ \u00a0][A-Za-z.]{{2,12}})?)"
    # (a qualification may follow: "(in $ millions, except per share data)", "(USD million unless otherwise stated)")
    r")(?P<rest>(?:[,;]|[ \u00a0]+(?:unless|except)\b)[^()\n]{0,60})?\)",
    re.IGNORECASE,
)


#: A statistics release's heading flattened into its text before a colon: ", in millions of Canadian dollars: "
#: (group "scale", group "cur"); the figures after it, to the paragraph's end, are in that scale and currency.
_COLON_HEADING: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:in|amounts in|figures in)[ \u00a0]+(?P<scale>{_HEADING_SCALE_NAMES})[ \u00a0]+of[ \u00a0]+"
    r"(?P<cur>[A-Za-z.$ ]{2,30}?)[ \u00a0]*:",
    re.IGNORECASE,
)


def _heading_currency(phrase: str) -> str | None:
    """The currency a table heading names ("Canadian dollars" -> CAD, "dlrs" -> @dollar, "A$" -> AUD, "€" ->
    EUR, "RMB" -> CNY), or None."""
    phrase = phrase.strip().rstrip(".")
    if not phrase:
        return None
    code = _declared_code(phrase)
    if code is not None:
        return code
    words = phrase.split()
    for n in range(min(len(words), MAX_NAME_WORDS), 0, -1):
        name = NAMES.get(" ".join(words[:n]).lower())
        if name is not None:
            return name
    return curated.SIGNS.get(phrase) or curated.SIGNS.get(phrase.upper())


def _heading_scopes(text: str) -> tuple[_Heading, ...]:
    """The results-table headings of ``text`` (:data:`_TABLE_HEADING`) and the reach of each: to the end of its
    paragraph (a blank line), at most 3,000 code points when the table has lines, 600 when it is flattened into
    one line."""
    found: list[_Heading] = []
    measure_end = -1  # where the last heading of a measure ended ("(thousand tonnes)")
    if ":" in text:
        for m in _COLON_HEADING.finditer(text):
            exp = _HEADING_SCALES.get(m.group("scale").lower())
            currency = _heading_currency(m.group("cur"))
            if exp is None or currency is None:
                continue
            end = min(len(text), m.end() + 600)
            blank = text.find("\n\n", m.end(), end)
            found.append(_Heading(m.end(), blank if blank != -1 else end, exp, currency, False, False))
    for m in _TABLE_HEADING.finditer(text) if "(" in text else ():
        scale = (m.group("scale1") or m.group("scale2") or m.group("scale3") or "").lower()
        exp = _HEADING_SCALES.get(scale)
        if exp is None:
            continue
        named = m.group("cur1") or m.group("cur2") or m.group("cur3")
        currency = _heading_currency(named or "")
        if named and currency is None:
            measure_end = m.end()  # "(in millions of tonnes)": not money
            continue
        reach = 3000 if "\n" in text[m.end() : m.end() + 200] else 600
        end = min(len(text), m.end() + reach)
        blank = text.find("\n\n", m.end(), end)  # (looked for within the reach only: linear in the text)
        end = blank if blank != -1 else end
        rest = (m.group("rest") or "").lower()
        prior = (
            "bracket" in rest
            or "parenthes" in rest
            or _PRIOR_YEAR_HEADING.search(text, max(0, m.start() - 40), m.start())
        )
        mixed = measure_end >= 0 and m.start() - measure_end < 80
        found.append(_Heading(m.end(), end, exp, currency, bool(prior), mixed))
    return tuple(sorted(found, key=lambda h: h.start))


def _heading_at(headings: tuple[_Heading, ...], at: int) -> _Heading | None:
    """The last heading before the offset ``at`` when its reach holds it, or None (a binary search: a text of
    many headings and many figures stays linear-logarithmic)."""
    lo, hi = 0, len(headings)
    while lo < hi:
        mid = (lo + hi) // 2
        if headings[mid].start <= at:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return None
    h = headings[lo - 1]
    return h if at < h.end else None


def _table_figure_at(text: str, headings: tuple[_Heading, ...], s: int, e: int) -> bool:
    """Whether the digit run ``text[s:e]`` may be a figure of a table under a heading: in a heading's reach,
    not glued to a letter ("FY25", "1H26", "Q3"), not a year, not followed by a percentage or a unit."""
    if _heading_at(headings, s) is None:
        return False
    if (s > 0 and text[s - 1].isalpha()) or text[e : e + 1].isalpha():
        return False
    if _YEAR_RUN.fullmatch(text, s, e) is not None:
        return False
    return _TABLE_FIGURE_NOT_AFTER.match(text, e) is None


def _plain(value: Decimal) -> Decimal:
    """``value`` with no exponent in its form ("1.20E+8" -> 120000000, "5.5E+8" -> 550000000)."""
    value = value.normalize(numbers.NUMBER_CONTEXT)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


#: A scale word or letter inside a range's span ("$5-7 billion", "£1m-£2m"): the range has its own scale.
_SCALE_IN_SPAN: Final[re.Pattern[str]] = re.compile(
    r"[0-9][ \u00a0]*(?:k|m|mn|bn|b|tn|million|billion|trillion|thousand|mln|bln|crore|lakh)\b", re.IGNORECASE
)
#: The gap between two figures of one row: a comparison ("Diluted EPS was $3.31, compared with $3.58").
_SAME_ROW_GAP: Final[re.Pattern[str]] = re.compile(
    r"[\s,;]*(?:compared[ \u00a0]+(?:with|to)|versus|vs\.?|against|from|up[ \u00a0]+from|down[ \u00a0]+from|and|or)"
    r"(?:[ \u00a0]+(?:a|the)[ \u00a0]+(?:year|quarter)[ \u00a0]+(?:earlier|ago|before))?[\s,]*"
    # the earlier period's bracket: "23,450 (prior year: 22,980)", "(previous year: 4.1)"
    r"|[ \u00a0]*\([ \u00a0]*(?:prior|previous|last)[ \u00a0]+(?:year|period|quarter)[ \u00a0]*:?[ \u00a0]*",
    re.IGNORECASE,
)
#: Words that end a prose clause before a figure: a sentence under a heading, not a table's row ("… average ticket
#: to $11.84").
_PROSE_LINK_WORDS: Final[frozenset[str]] = frozenset(
    {"to", "of", "at", "was", "were", "is", "are", "by", "than", "about", "around", "per", "reached", "hit"}
)
#: Words before a number that make it an index or a date's day under a heading ("Grade 7", "March 31").
_INDEX_WORDS: Final[frozenset[str]] = frozenset(
    {"grade", "band", "level", "tier", "step", "table", "note", "section", "phase", "class", "group", "row"}
    | {"item", "no", "no.", "number", "division", "page", "chapter", "figure", "scale", "point", "bracket"}
)
#: A year and a year in brackets before a heading: brackets hold the earlier year ("Key figures 2023 (2022):").
_PRIOR_YEAR_HEADING: Final[re.Pattern[str]] = re.compile(r"(?:19|20)[0-9]{2}[ \u00a0]*\((?:19|20)[0-9]{2}\)")
#: A number grouped with commas ("5,612"): the text does not group with spaces.
_COMMA_GROUPED: Final[re.Pattern[str]] = re.compile(r"[0-9],[0-9]{3}(?![0-9])")
#: A year alone (a column label: "2025 2024").
_YEAR_RUN: Final[re.Pattern[str]] = re.compile(r"(?:19|20)[0-9]{2}")
#: What may not follow a table figure: a percentage, basis points, a multiple, a fraction's slash.
_TABLE_FIGURE_NOT_AFTER: Final[re.Pattern[str]] = re.compile(
    # (and a count hyphened to its noun: "the 12-nation European Community")
    r"[ \u00a0]*(?:%|pct\b|per[ \u00a0]?cent\b|bps\b|basis\b|x\b|times\b|/)|-[^\W\d_]",
    re.IGNORECASE,
)
#: Row labels of per-share and count figures under a heading of millions ("Diluted EPS", "per share",
#: "Weighted average shares"): left as they are.
_NOT_SCALED_ROW: Final[re.Pattern[str]] = re.compile(
    r"\b(?:eps|per|dividends?|shares|share[ \u00a0]count|employees|headcount|stores"
    r"|units|customers|subscribers|members|margin|ratio|cents|pence|average)\b|\((?:c|p|%)\)",
    re.IGNORECASE,
)


def _heading_tables(text: str, headings: tuple[_Heading, ...], amounts: list[_Amount]) -> list[_Amount]:
    """Read the figures of a results table under a heading that gives their scale and currency: a sum written
    with its sign takes the heading's scale ("(in millions) … Net sales $ 2,418.6" is $2,418.6 million); a bare
    figure takes the scale and the heading's currency, or the text's one currency ("(A$m) FY25 FY24 Revenue
    1,234.5 1,101.2"; "(in thousands of Canadian dollars) Revenue 184,220"); an accountants' bracket is negative
    unless the heading says brackets hold earlier figures. Per-share and count rows (:data:`_NOT_SCALED_ROW`: "Diluted
    EPS $ 1.37", "Weighted average shares 412.3") and cents are left as they are. Changes ``amounts`` in place."""
    if not headings:
        return amounts
    single: str | None = None  # the text's one currency (for a heading that names none)
    currencies = {a.currency for a in amounts if a.currency is not None}
    if len(currencies) == 1:
        single = next(iter(currencies))
    row_start = 0
    row_left = False  # whether the figures of the current row are left as they are (a per-share or count row)
    row_money = False  # whether the current row's label names money ("Net income", "Revenue")
    previous: _Amount | None = None  # the figure before, in the same heading's reach
    for a in amounts:
        heading = _heading_at(headings, a.start)
        if heading is None:
            row_start, previous = a.end, None
            continue
        if (
            a.currency is None
            and not a.words
            and (
                _YEAR_RUN.fullmatch(text, a.nstart, a.nend) is not None
                or ((day := _NEXT_WORD.match(text, a.end)) is not None and day.group(1).lower() in _MONTHS)
            )
        ):
            continue  # a date in a row's label stays in the label: "Headcount at 31 December 2020: 6,840 (6,915)"
        label = text[max(row_start, heading.start, text.rfind("\n", heading.start, a.start) + 1) : a.start]
        row_start = a.end
        before, previous = previous, a
        if any(c.isalpha() for c in label.replace("$", "")) and _SAME_ROW_GAP.fullmatch(label) is None:
            # a new row's label ("Diluted EPS $ 1.37 $ 1.21", "Diluted EPS was $3.31, compared with $3.58": the
            # second figure is of the same row)
            words = label.lower().replace(":", " ").split()
            row_left = (
                _NOT_SCALED_ROW.search(label) is not None
                or any(w in curated.COUNTED_CLAUSE_NOUNS for w in words)
                # (prose, not a table's row: "driven by a 4% increase in average ticket to $11.84")
                or (words[-1] in _PROSE_LINK_WORDS if words else False)
                # (an index or a date's day, not a figure: "Grade 7:", "March 31, 2024"; a month's figure is one:
                # "January -1,982")
                or _word_before(text, a.start).lower() in _INDEX_WORDS
                or (_word_before(text, a.start).lower() in _MONTHS and a.nend - a.nstart <= 2)
            )
            row_money = any(w in curated.MONEY_CLAUSE_NOUNS or w in curated.RESULT_ROW_LABELS for w in words)
        if (
            a.amount_max is not None
            and a.currency is not None
            and a.exp == 0
            and not row_left
            and a.divisor == 1
            and a.per_unit is None
            and _SCALE_IN_SPAN.search(text, a.start, a.end) is None
            and (heading.currency is None or _one_story_currency(heading.currency, a.currency))
        ):
            # a range written with its signs: "(in millions): $120 to $150 under the base case"
            a.value, a.amount_max = (
                _plain(a.value.scaleb(heading.exp)),
                _plain(a.amount_max.scaleb(heading.exp)),
            )
            continue
        if (
            a.exp is not None
            or a.words
            or a.divisor != 1
            or a.per_unit is not None
            or row_left
            or (heading.mixed and a.currency is None)
        ):
            continue
        if a.currency is not None:
            if (
                heading.currency is None
                or a.currency == heading.currency
                or _one_story_currency(heading.currency, a.currency)
            ):
                a.exp = heading.exp  # "Net sales $ 2,418.6" under "(in millions)"
            continue
        currency = heading.currency or (
            single if row_money else None
        )  # (not "Visitors (in millions): 2019 4.2")
        if currency is None or a.amount_max is not None or _year_like(text, a):
            continue
        if (
            any(c in " \u00a0\u202f" for c in text[a.nstart : a.nend])
            and _COMMA_GROUPED.search(text) is not None
        ):
            continue  # "612 540" in a table that groups with commas: two columns, not one number
        if (
            text[a.start - 1 : a.start] == "("
            and text.startswith(")", a.end)
            and not heading.prior_in_brackets
            # (a bracket right after an unbracketed figure holds the prior period's: "Net sales 8,540.2 (7,912.6)";
            # a column of negatives brackets every figure: "Corporate (18.7) (16.2)")
            and not (
                before is not None
                and text[before.start : before.start + 1] != "("
                and text[before.end : a.start - 1].strip() == ""
            )
        ):
            a.start, a.end, a.negative = (
                a.start - 1,
                a.end + 1,
                True,
            )  # "Corporate (18.7)": an accountants' minus
        a.rcur, a.rbasis, a.exp = currency, "context", heading.exp
    return amounts


#: The label of a results table's row, as newswires flatten earnings tables ("Net 12.5 mln vs 9.8 mln", "Revs
#: 1.2 billion vs 1.1 billion", "Net loss 2.0 mln vs profit 568,000"), at the row's start (``curated.RESULT_ROW_LABELS``;
#: never "Avg shrs": a count of shares).
#: A results table's row label (``curated.RESULT_ROW_LABELS``, longest first) and the space before its figure (regex
#: source).
_ROW_LABEL_SOURCE: Final[str] = (
    "(?:"
    + "|".join(sorted((re.escape(w) for w in curated.RESULT_ROW_LABELS), key=len, reverse=True))
    + r")(?:[ \t]+(?:loss|profit|income|net))*[ \t]+\Z"
)
_RESULT_ROW: Final[re.Pattern[str]] = re.compile(
    # (a period may lead the label: "Year Net", "Nine mths Sales", "Six mths Oper net")
    # (or a quarter's or half's code: "Q1 revenue", "H1 net profit", "FY sales")
    r"[ \t]*(?:(?:year|qtr|q[1-4]|[1-4]q|h[12]|fy|9m|(?:three|six|nine|twelve|3|6|9|12)[ \t]+(?:mths|months))[ \t]+)?"
    + _ROW_LABEL_SOURCE,
    re.IGNORECASE,
)
#: A results table's row label right before a figure, after a space ("… NV 1994 Net "): the first row of a brief whose
#: heading runs into it (capitalised, checked by the caller).
_RESULT_ROW_LABEL_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<=[ \t])" + _ROW_LABEL_SOURCE, re.IGNORECASE
)
#: The last words of the labels of a results table's row (the cheap test before :data:`_RESULT_ROW`).
_ROW_LABEL_LAST_WORDS: Final[frozenset[str]] = frozenset(
    {label.rsplit(" ", 1)[-1] for label in curated.RESULT_ROW_LABELS} | {"loss", "profit", "income", "net"}
)
#: "vs" (and "loss"/"profit") right before a row's second figure: "vs 9.8 mln", "vs profit 568,000".
_ROW_VS: Final[re.Pattern[str]] = re.compile(
    r"\bvs\.?(?:[ \t]+(?:loss|profit|credit|debit))?[ \t]+\Z", re.IGNORECASE
)
#: What may follow a row's figure: "vs", the row's end (a brief's next bullet too, or the next row's capitalised
#: label when rows run on in one line: "… vs 4,702,000 Revs 88.3 mln"), or a bracket.
_ROW_FIGURE_END: Final[re.Pattern[str]] = re.compile(
    r"[ \t]*(?:vs\b|[.;\n(*\u2022]|\Z)|[ \t]+(?-i:[A-Z])", re.IGNORECASE
)


def _table_rows(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Give the bare figures of a results table's rows the currency of the table (the last amount before them in
    a major unit: "Shr 42.10 yen vs 38.50 / Net 12.4 billion vs 10.1 billion" is JPY; after cents only, the
    dollar family: "Shr loss 29 cts vs profit eight cts / Net loss 2.0 mln vs profit 568,000" is in dollars).

    A row starts a line or a sentence with a label (:data:`_RESULT_ROW`), holds "vs", and its figures stand right
    after the label or after "vs" and end at "vs", the row's end or a bracket. Changes ``amounts`` in place and
    returns it."""
    if " vs" not in text and "\tvs" not in text:
        return amounts
    table: str | None = None  # the table's currency: the last money amount in a major unit so far
    # (or the one currency the text declares: "Q2 net 5.2 mln vs 4.1 mln … all figures were in U.S. dollars")
    declared = set(_declared(text, text.lower()).values()) if " in " in text else set()
    if len(declared) == 1:
        table = declared.pop()
    current_row = -1  # where the row of the last amount starts
    row_labelled = False  # whether that row's first figure follows a row label
    minor: _Amount | None = None  # the row's last amount when it is in a minor unit ("18 cents")
    for a in amounts:
        # the row: from the line's or the sentence's start (at most 200 code points back: linear in the text)
        row = _row_start(text, a.start, max(0, a.start - 200))
        label = _RESULT_ROW.match(text, row, a.start) is not None
        if (
            not label
            and row != current_row
            and (tail := _RESULT_ROW_LABEL_BEFORE.search(text, max(row, a.start - 40), a.start)) is not None
            and text[tail.start()].isupper()
        ):
            # a brief's heading runs into its first row: "Van der Meulen Groep NV 1994 Net 118.4 mln guilders vs
            # 102.9 mln" (the capitalised label right before the row's first figure)
            label = True
        if row != current_row:
            current_row, row_labelled = row, label  # (the row's first figure)
            minor = None
        currency = a.currency
        minor_before = minor
        minor = a if currency is not None and (currency in _MINOR_FAMILY_ORDER or a.divisor != 1) else None
        if currency is not None:
            if currency not in _MINOR_FAMILY_ORDER and a.divisor == 1:
                table = currency
            elif table is None and currency == "@cent":
                table = "@dollar"
            continue
        if table is None or a.words or a.amount_max is not None or _year_like(text, a):
            continue
        if _ROW_FIGURE_END.match(text, a.end) is None:
            continue
        if not label:
            if _ROW_VS.search(text, max(row, a.start - 16), a.start) is None or not row_labelled:
                continue  # (the first figure of the row must follow its label)
            if minor_before is not None:
                # "making 18 cents vs 15": compared with cents, in cents
                if _decimals(text, a) == _decimals(text, minor_before):
                    a.rcur, a.rbasis, a.divisor = minor_before.currency, "context", minor_before.divisor
                continue
        else:
            rest = text[a.end : a.end + 120]
            if " vs" not in rest.split("\n", 1)[0]:
                continue
        a.rcur, a.rbasis, a.divisor = table, "context", 1
    return amounts


def _row_start(text: str, start: int, lo: int) -> int:
    """Where the results-table row holding ``start`` begins: after the last line break, sentence end (". ", not
    "vs. "), semicolon or bullet ("* ", "• ") before ``start``, at ``lo`` at the earliest ("Shr 38 cts vs 31 cts;
    Net 4,212,000 vs 3,406,000" holds two rows)."""
    line = text.rfind("\n", lo, start) + 1 or lo
    sentence = text.rfind(". ", line, start)
    while sentence > line and text[max(line, sentence - 2) : sentence].lower() == "vs":
        sentence = text.rfind(". ", line, sentence)  # ("vs. " ends no row)
    row = sentence + 2 if sentence >= line else line
    semicolon = text.rfind("; ", row, start)
    row = semicolon + 2 if semicolon >= 0 else row
    # (a brief's bullet: "* Q1 revenue 612 mln vs 540 mln")
    bullet = max(text.rfind("* ", row, start), text.rfind("\u2022 ", row, start))
    row = bullet + 2 if bullet >= 0 else row
    if "vs" in text[row:start]:
        # (rows run on in one line, the next label capitalised after the last one's "vs" figure: "Shr 42 cts vs 31
        # cts Net 6,418,000 vs 4,702,000 Revs 88.3 mln vs 79.6 mln")
        for m in _RUN_ON_ROW_END.finditer(text, row, start):
            row = m.end()
    return row


#: The end of a results-table row run on in one line: "vs", its figure (perhaps "loss"/"profit" before it, a unit or
#: a scale word after it) and the space before the next row's capitalised label.
_RUN_ON_ROW_END: Final[re.Pattern[str]] = re.compile(
    r"\bvs\.?[ \t]+(?:(?:loss|profit)[ \t]+)?(?:[-+(]?[0-9][0-9.,/-]*\)?|one|two|three|four|five|six|seven|eight|nine)"
    r"(?:[ \t]?(?:mln|bln|billion|million|mn|bn|cts|dlrs|dlr|pence|p|stg|guilders|marks|yen|francs|crowns|pct))?"
    r"[ \t]+(?=[A-Z])"
)


def _change_then_level(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Give a change of a scaled sum written bare the currency of the new level written after it: "M3 fell by 2.4
    billion to 4.101 trillion dlrs" ("by" after a change verb right before the bare figure, both with a scale
    word; " to " and the level right after it; no percentage). A point change of a price stays bare, as the held-out
    gold has it: "The stock jumped 3 to $41", "IBM fell 3-1/4 to 152-1/2 dlrs". Changes ``amounts`` in place and
    returns it."""
    for a, b in itertools.pairwise(amounts):
        if (
            a.currency is None
            and b.currency is not None
            and not a.words
            and a.amount_max is None
            and a.exp is not None
            and b.exp is not None
            and text[a.end : b.start] in (" to ", "\u00a0to ")
            and _PERCENT_AFTER.match(text, a.end) is None
            and not _year_like(text, a)
            and _word_before(text, a.start).lower() == "by"
            and _word_before(text, _prev_word(text, a.start)[1]).lower() in _CHANGE_VERBS
        ):
            a.rcur, a.rbasis, a.divisor = b.currency, "context", b.divisor
    return amounts


def _change_level_divisor(text: str, change: _Amount, level: _Amount) -> int | None:
    """The divisor of the bare new level after a change: the change's own when it is in major units ("fell $1.25 to
    42.75": 1); after a change in minor units, 1 for a level in the cents' major unit ("rose 98 cents to 80.21") or 100
    for a London share price in pence ("shed 45 pence to 420"), or None when the level's shape tells neither (a whole
    level after cents, decimals after pence, or another minor unit: "The rupee fell 40 paise to 83.45", a rate)."""
    if change.divisor == 1:
        return 1
    written = text[level.nstart : level.nend]
    decimal = "." in written or "/" in text[level.nstart : level.end]
    if change.currency == "@cent" and (decimal or "-" in written) and level.value * 100 > change.value:
        return 1
    if change.currency == "GBP" and change.divisor == 100 and not decimal and level.value > change.value:
        return 100
    return None


#: The gap between a price and the next named item's bare price in a list whose verb is left out: a unit perhaps,
#: then "and", ", with", ", while" or ", " and a name of one to three words starting with a capital, then "at"
#: ("… 18.72 dlrs and Brass River at ", "… $590, with MAP at ", "… 4.79 dlrs, while Mississippi was cheapest at ").
_NAMED_ITEM_AT_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+(?:a|an|per)[ \u00a0]+[a-z]+)?(?:,?[ \u00a0]+and|,[ \u00a0]+with|,[ \u00a0]+while|,)[ \u00a0]+"
    r"(?:the[ \u00a0]+)?[A-Z][\w.'-]*(?:[ \u00a0]+[A-Z0-9][\w.'-]*){0,2}"
    r"(?:[ \u00a0]+(?:was|were|is|stays|stayed|ended|closed)(?:[ \u00a0]+[a-z]+)?)?[ \u00a0]+at[ \u00a0]+"
)
#: The same before "at", as the cheap test of a bare number reads it ("18.72 dlrs and Brass River ").
_NAMED_ITEM_AT_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"[0-9][^\s;]*(?:[ \u00a0][A-Za-z.]+){0,3}(?:,?[ \u00a0]and|,[ \u00a0]with|,[ \u00a0]while|,)[ \u00a0]"
    r"(?:the[ \u00a0])?[A-Z][\w.'-]*(?:[ \u00a0][A-Z0-9][\w.'-]*){0,2}"
    r"(?:[ \u00a0](?:was|were|is|stays|stayed|ended|closed)(?:[ \u00a0][a-z]+)?)?[ \u00a0]\Z"
)
#: A currency named as a market's subject ("The dollar closed at …", "Turkey's lira slid …"): its levels are rates.
_CURRENCY_MARKET_WORD: Final[re.Pattern[str]] = re.compile(
    r"\b(?:dollar|lira|rand|yen|euro|sterling|currency|peso|rupee|rupiah|won|yuan|renminbi|franc|ruble|rouble|real"
    r"|naira|shilling|ringgit|baht|zloty|forint|krona|krone)\b",
    re.IGNORECASE,
)
#: "low", "high", "peak" or "trough" right before " of", as the cheap test of a bare number reads it.
_DAY_EXTREME_BEFORE: Final[re.Pattern[str]] = re.compile(r"\b(?:low|high|peak|trough)[ \u00a0]\Z")
#: The gap between a price and the day's low or high after it: "…, after touching a three-week low of ", "…, after a
#: low of ", "… on Thursday, after touching a six-month peak of " (at most 60 code points, no sentence end).
_DAY_EXTREME_GAP: Final[re.Pattern[str]] = re.compile(
    r"[^.;!?\n]{0,40}?\b(?:a|an|the|its|their)[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,2}(?:low|high|peak|trough)"
    r"[ \u00a0]+of[ \u00a0]+"
)


def _earlier_level_gap(text: str, level: _Amount, a: _Amount) -> bool:
    """Whether the bare figure ``a`` is the earlier level a change's new ``level`` is compared with: the gap between
    them is :data:`_LEVEL_FROM_GAP` with a move ("…, up from "), a comparison ("against", "vs", "compared with") or
    a change verb and "to" before the level ("rose to $3.19 from", "fell to 186.4 mln guilders from 203.1 mln, or
    to 7.12 guilders a share from"); the earlier quote may be named by its time ("up from the morning's "). "Compared
    with" or a named quote after a currency named before the level compares rates, not prices."""
    gap = _LEVEL_FROM_GAP.fullmatch(text, level.end, a.start)
    if gap is None:
        return False
    if (gap.group("cw") is not None or gap.group("named") is not None) and _CURRENCY_MARKET_WORD.search(
        text, _sentence_start(text, level.start, 200), level.start
    ) is not None:
        return (
            False  # a currency's own level, compared: "A dollar buys 42.1 liras, compared with 35.4" (a rate)
        )
    if gap.group("move") is not None or gap.group("compared") is not None:
        return True
    return text[max(0, level.start - 4) : level.start].lower() == " to " and (
        _CHANGE_VERB_TO.search(text, max(0, level.start - 60), level.start) is not None
        or text.endswith(", or to ", 0, level.start)
    )


def _list_item_gap(text: str, price: _Amount, a: _Amount) -> bool:
    """Whether the bare figure ``a`` (at most 80 code points after ``price``) is the next named item's price of a list
    whose verb is left out (:data:`_NAMED_ITEM_AT_GAP`: "… 18.72 dlrs and Brass River at 18.87") or the day's low or
    high after the price (:data:`_DAY_EXTREME_GAP`), though not in a sentence about a currency's own level, whose
    lows are rates (:data:`_CURRENCY_MARKET_WORD`: "The dollar closed at 136.80 yen after a post-war low of
    135.50")."""
    if a.start - price.end > 80:
        return False
    if _NAMED_ITEM_AT_GAP.fullmatch(text, price.end, a.start) is not None:
        return True
    return (
        _DAY_EXTREME_GAP.fullmatch(text, price.end, a.start) is not None
        and _CURRENCY_MARKET_WORD.search(text, _sentence_start(text, price.start, 200), a.start) is None
    )


def _unscaled_pair(last: _Amount | None, a: _Amount, after_prev: int) -> TypeGuard[_Amount]:
    """Whether the bare figure ``a`` stands right after the money amount ``last`` (no amount between: ``last`` ends
    at ``after_prev``, the end of the amount before ``a``), both single unscaled figures, not in words: the shared
    condition of :func:`_implied`'s readings of a bare figure beside a price ("rose to $3.19 from 3.05")."""
    return (
        last is not None
        and a.exp is None
        and last.exp is None
        and last.amount_max is None
        and not a.words
        and a.amount_max is None
        and last.end == after_prev
    )


#: Verbs that revise a figure, before "to" and the revised figure ("later revised to 1.1 billion").
_REVISION_VERBS: Final[frozenset[str]] = frozenset(
    {
        "revised",
        "raised",
        "lowered",
        "cut",
        "increased",
        "reduced",
        "trimmed",
        "adjusted",
        "upgraded",
        "downgraded",
    }
)


#: A range's bare lower bound and its dash as one token before the top ("18-" of "an estimate of 18-22 mln").
_DASHED_BOUND_TOKEN: Final[re.Pattern[str]] = re.compile(r"[0-9][0-9.,]*[-\u2013]")


def _level_down_from(text: str, old: _Amount, new: _Amount) -> bool:
    """Whether the bare scaled figure ``new`` is the lower level "to" which a sum went "from" the money amount ``old``
    right before it: "cut a cartel fine … from €1.06 billion to 812.4 million" (a level below the one it is "from",
    within ten times it, is no range's top: the change's new level, whatever verb stands before)."""
    if (
        new.exp is None
        or old.exp is None
        or text[old.end : new.start] not in (" to ", "\u00a0to ")
        or _word_before(text, old.start) != "from"
    ):
        return False
    new_level, old_level = numbers.scaled(new.value, new.exp), numbers.scaled(old.value, old.exp)
    return new_level is not None and old_level is not None and 0 < new_level < old_level <= 10 * new_level


def _implied(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Give a bare scaled number the currency of the money amount it is compared with.

    Only the newswire comparison "rose to 60 mln dlrs from 50 mln (in 1985)" is read: the bare number follows
    "from", "against", "vs", "versus" or "compared with/to" (or "and" or ", " right after such a number), or
    stands in a prior-period bracket right after the amount ("£145.6m (2023: 133.3m)"), carries the same scale
    word as the money amount before it in the same sentence, and is not followed by a noun of its own ("50 mln
    shares").
    """
    last_money: _Amount | None = None
    prev_implied = False
    bare_between = False  # a bare scaled number after last_money that took no currency
    prev_end = -1
    last_share: _Amount | None = None  # the last per-share amount with a currency ("C$1.31 per share")
    restated_end = -1  # the end of the last restatement skipped ("…, or about 3.2 billion dlrs")
    dropped: set[int] = set()  # ids of upper bounds joined to an implied range
    for index, a in enumerate(amounts):
        if id(a) in dropped:
            continue
        if a.currency is None and not a.words and _year_like(text, a):
            continue  # a year between stays in the gap: "$40 million in 2022 and 60 million in 2023"
        after_prev, prev_end = prev_end, a.end
        if (
            a.currency is None
            and a.exp is not None
            and a.amount_max is None
            and index + 1 < len(amounts)
            and (earlier := amounts[index + 1]).currency is not None
            and earlier.exp == a.exp
            and earlier.amount_max is None
            and text[a.end : earlier.start] in _NEW_LEVEL_THEN_FROM_GAPS
            and _word_before(text, a.start) == "to"
            and _CHANGE_VERB_TO.search(text, max(0, a.start - 60), a.start) is not None
        ):
            # a change's new level written bare before its earlier one with the currency: "rose to 60 mln from 50
            # mln dlrs", "would fall to 95 billion from 160 billion CFA francs"
            a.rcur, a.rbasis, a.divisor = earlier.currency, "context", earlier.divisor
        if a.currency is not None and a.per_unit == "share" and a.exp is None:
            last_share = a
        elif (
            a.currency is None
            and a.per_unit == "share"
            and last_share is not None
            and a.exp is None
            and not a.words
            and a.amount_max is None
            and text[max(0, a.start - 5) : a.start] == ", or "
            and a.start - last_share.end < 160
            and _SENTENCE_BREAK.search(text, last_share.end, a.start) is None
            and ";" not in text[last_share.end : a.start]
            and _decimals(text, a) == _decimals(text, last_share)
            and 0 < a.value <= 10 * last_share.value
            and last_share.value <= 10 * a.value
        ):
            # the per-share restatement of a compared figure: "rose to C$842 mln, or C$1.31 per share, from 790
            # mln, or 1.21 per share" (as many decimals as the per-share amount before it, within ten times)
            a.rcur, a.rbasis, a.divisor = last_share.currency, "context", last_share.divisor
            continue
        if a.currency is not None:
            if (
                last_money is not None
                and a.currency != last_money.currency
                and (
                    (
                        "(" in text[last_money.end : a.start]
                        and _is_restatement(text[last_money.end : a.start])
                    )
                    # a restatement after ", or about", past the amount's own gloss or time: "27.5 billion
                    # European Currency Units (ECUs) in 1988, or about 31.6 billion dlrs, from 23 billion"
                    or (
                        a.start - last_money.end < 48
                        and _OR_RESTATED.search(text, last_money.end, a.start) is not None
                    )
                )
            ):
                # "£4.3m (roughly $5.4m), against 3.9m a year earlier": the comparison is the original's
                prev_implied, bare_between = False, False
                restated_end = a.end
                continue
            if (
                last_money is not None
                and (a.divisor != 1 or a.per_unit == "share")
                and a.exp is None
                and last_money.divisor == 1
                and last_money.exp is not None
                and last_money.per_unit is None
                and _PER_SHARE_APPOSITION.fullmatch(text, last_money.end, a.start) is not None
            ):
                # "Net income rose to 14.2 mln dlrs, or 41 cts a share, … from 11.8 mln": the per-share figure
                # restates the sum, which the comparison is with
                prev_implied, bare_between = False, False
                continue
            last_money, prev_implied, bare_between = a, False, False
            continue
        if (
            _unscaled_pair(last_money, a, after_prev)
            and _EARLIER_FIGURE_GAP.fullmatch(text, last_money.end, a.start) is not None
            and text.startswith(")", a.end)
            and _same_figure(text, last_money, a)
        ):
            # a broker note's earlier figure in a bracket right after the amount: "TP Rs 1,900 (from 1,780)",
            # "W92,000 (prev. 85,000)", "HK$38.00 (was 41.50)"
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            prev_implied = False
            continue
        if (
            last_money is not None
            and a.exp is None
            and last_money.exp is None
            and last_money.amount_max is None
            and not a.words
            and not last_money.words
            and a.amount_max is None
            and last_money.end == after_prev
            and (
                text[last_money.end : a.start] in (" (", "(")
                # (after the unit of a sum per share: "a dividend of 6.50 kronor per share (6.00)")
                or (
                    last_money.per_unit == "share"
                    and _PER_SHARE_PAREN_GAP.fullmatch(text, last_money.end, a.start) is not None
                )
            )
            and text.startswith(")", a.end)
            and (
                _decimals(text, a) >= 1
                # (whole numbers after a sum written with its ISO code, as a broker's note writes an earlier
                # target: "target SEK 62 (68)"; not a footnote's one digit)
                or (last_money.lbasis == "code" and a.nend - a.nstart >= 2)
            )
            and _same_figure(text, last_money, a)
            and (written := _plain_number(text[last_money.nstart : last_money.nend])) is not None
            and written > 0
        ):
            # the prior period's figure alone in a bracket right after an unscaled sum, as Nordic reports write it:
            # "a dividend of SEK 3.40 (3.10) per share", "NOK 30.27 (26.71)", "MSEK 1,126.4 (982.7)" (a code's
            # scale too; decimals as the amount's: no footnote or clause number)
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            a.value = a.value * (last_money.value / written)
            prev_implied = False
            continue
        if (
            last_money is not None
            and a.exp is None
            and last_money.exp is not None
            and last_money.amount_max is None
            and not a.words
            and a.amount_max is None
            and last_money.end == after_prev
            and text[last_money.end : a.start] in (" (", "(")
            and text.startswith(")", a.end)
            and a.nend - a.nstart >= 2  # (not a footnote's mark: "$5 million (3)")
            and a.value * 10 >= last_money.value
            and last_money.value * 10 >= a.value
        ):
            # the prior period's figure in a bracket right after a scaled sum, its scale left out: "Orders received
            # amounted to SEK 8.4 billion (7.9)", "revenue SEK 274 117 million (252 653)"
            a.rcur, a.rbasis, a.divisor, a.exp = (
                last_money.currency,
                "context",
                last_money.divisor,
                last_money.exp,
            )
            prev_implied = False
            continue
        if (
            _unscaled_pair(last_money, a, after_prev)
            and _ANOTHER_GAP.fullmatch(text, last_money.end, a.start) is not None
            and _same_figure(text, last_money, a)
            and not _counts_noun(text, a.end)
            and _IMPLIED_FOLLOW.match(text, a.end) is not None
        ):
            # an added sum in the same clause: "lost £4,000 in January and another 2,500 in March", "N20,000 in
            # legal fees and another 15,000 for stamp duty"
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            prev_implied = False
            continue
        if (
            last_money is not None
            and last_money.amount_max is not None
            and a.exp is None
            and not a.words
            and a.amount_max is None
            and last_money.end == after_prev
            and index + 1 < len(amounts)
            and (b := amounts[index + 1]).currency is None
            and not b.words
            and b.amount_max is None
            # (both unscaled, or the bare upper bound scaled as the range before: "to 41.1-41.9 bln dlrs from
            # 41.3-42.6 bln"; the pair's values scaled)
            and (
                (b.exp is None and not last_money.exp)
                or (
                    b.exp is not None and b.exp >= 6 and last_money.exp == 0 and last_money.value >= 1_000_000
                )
            )
            and (pair := _scaled_pair(a, b))[0] is not None
            and (
                _IMPLIED_RANGE_GAP.fullmatch(text, a.end, b.start) is not None
                # a bid/offer quote after one: "at 401.50/402.00 dlrs an ounce, against 399.00/399.50"
                or (text[a.end : b.start] == "/" and "/" in text[last_money.nstart : last_money.nend])
            )
            and (gap := _LEVEL_FROM_GAP.fullmatch(text, last_money.end, a.start)) is not None
            and (
                gap.group("move") is not None
                or gap.group("compared") is not None
                # a new level after "to", then its earlier one: "trimmed its forecast to 41.1-41.9 bln dlrs from"
                or (
                    text[last_money.end : a.start] == " from "
                    and _TO_LEVEL_THEN_FROM.search(text, max(0, last_money.start - 8), last_money.end + 1)
                    is not None
                )
            )
            and _decimals(text, a) == _decimals(text, b)
            and 0 < (pair[0] or 0) < (pair[1] or 0)
            and last_money.value <= 10 * (pair[0] or 0)
            and (pair[0] or 0) <= 10 * last_money.value
            and not _counts_noun(text, b.end)
            and _IMPLIED_FOLLOW.match(text, b.end) is not None
        ):
            # a range, then the range it is compared with, bare: "quoted at 2.00 to 2.10 dlrs, against 1.85 to
            # 1.95 a week ago"
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            a.nend, a.end = b.nend, b.end
            if b.exp is None:
                a.amount_max = b.value
            else:
                a.value, a.amount_max, a.exp = pair[0] or a.value, pair[1], 0
            dropped.add(id(b))
            prev_implied = False
            continue
        if (
            _unscaled_pair(last_money, a, after_prev)
            and text[last_money.end : a.start] == " to "
            and _word_before(text, last_money.start) == "from"
            and _same_figure(text, last_money, a)
            and not _counts_noun(text, a.end)
            and _IMPLIED_FOLLOW.match(text, a.end) is not None
        ):
            # a change's earlier level with the currency, then its new level bare: "takes my salary from 48,000
            # pounds to 52,000", "rent went from €1,200 to 1,450 in a year"
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            prev_implied = False
            continue
        if (
            _unscaled_pair(last_money, a, after_prev)
            and (_earlier_level_gap(text, last_money, a) or _list_item_gap(text, last_money, a))
            and _same_figure(text, last_money, a)
            and (
                (not _counts_noun(text, a.end) and _IMPLIED_FOLLOW.match(text, a.end) is not None)
                or _QUOTE_NOUN_AFTER.match(text, a.end) is not None  # "down from Friday's 158.05 close"
            )
        ):
            # a change's new level, then its earlier one, bare: "rose to $3.19 from 3.05 a week earlier", "rose to
            # £32,000 this year from 30,500 in 2024" (scaled pairs are read below: "to 60 mln dlrs from 50 mln"); a
            # named item's price in a list with its verb left out, or the day's low or high after a price: "Forcados
            # was priced at 18.72 dlrs and Brass River at 18.87", "at $89.35, after touching a six-month peak of 90.10"
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            prev_implied = False
            continue
        if (
            _unscaled_pair(last_money, a, after_prev)
            and a.start - last_money.end <= 96
            and _PREMIUM_TO_LEVEL.search(text, max(0, a.start - 72), a.start) is not None
            and _SENTENCE_BREAK.search(text, last_money.end, a.start) is None
            and _same_figure(text, last_money, a)
            and _IMPLIED_FOLLOW.match(text, a.end) is not None
        ):
            # the reference level of a price's premium or discount, bare: "values each share at about $14.50, a 62%
            # premium to Friday's close of 8.95", "priced at S$1.294 each, a 4.2% discount to the volume-weighted
            # average of 1.351" (as many decimals, within ten times)
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            prev_implied = False
            continue
        if (
            last_money is not None
            and (a.exp is None) == (last_money.exp is None)
            and last_money.amount_max is None
            and not a.words
            and a.amount_max is None
            and last_money.end == after_prev
            and (
                (
                    text[last_money.end : a.start] in (" to ", "\u00a0to ")
                    and (
                        _word_before(text, last_money.start).lower() in _CHANGE_VERBS
                        # "Notes in circulation fell by 214.5 mln francs to 24.31 billion"
                        or (
                            _word_before(text, last_money.start).lower() == "by"
                            and _word_before(text, _prev_word(text, last_money.start)[1]).lower()
                            in _CHANGE_VERBS
                        )
                    )
                )
                # the change's direction after it: "March palladium was 1.25 dlrs higher at 124.75"
                or _CHANGE_SIZE_THEN_LEVEL_GAP.fullmatch(text, last_money.end, a.start) is not None
            )
            # ("The rupee fell 40 paise to 83.45 against the dollar": a rate; but a change in cents before a level
            # with decimals is a price's, the level in the cents' major unit: "WTI rose 98 cents to 80.21", "corn
            # gained 6 cents to 3.71-3/4"; a change in pence before a whole level, the level in pence: "Jaguar shed
            # 45 pence to 420")
            and (level_divisor := _change_level_divisor(text, last_money, a)) is not None
            and _PERCENT_AFTER.match(text, a.end) is None
            and _RATE_AFTER.match(text, a.end) is None
            and not _counts_noun(text, a.end)
            and not _year_like(text, a)
        ):
            # a change, then the new level, bare: "rose 4-1/2 dlrs to 79-1/4", "shares rose 3.50 marks to 401.50 on
            # the Frankfurt bourse", "fell $1.25 to 42.75"
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", level_divisor
            prev_implied = False
            continue
        if (
            last_money is not None
            and a.exp is None
            and last_money.exp is None
            and last_money.amount_max is None
            and last_money.divisor == 1
            and not a.words
            and a.amount_max is None
            and last_money.end == after_prev
            and _LEVEL_THEN_CHANGE_GAP.fullmatch(text, last_money.end, a.start) is not None
            and "." in text[a.nstart : a.nend]
            and _decimals(text, a) == _decimals(text, last_money)
            and 0 < a.value < last_money.value
            and _LEVEL_THEN_CHANGE_END.match(text, a.end) is not None
        ):
            # a price, then its change of the day, bare: "was set at 152.50 dlrs a tonne, down 2.00 from
            # yesterday", "closed at 461.50 dlrs, up 3.25 on the day" (decimals as the price's: a price's step)
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            prev_implied = False
            continue
        bare_between_before = bare_between
        bare_between = bare_between or a.exp is not None
        if (
            last_money is None
            or a.exp is None
            # (a figure in words only after a comparison's lead: "three point four billion euros in the quarter,
            # against three point one billion", checked below)
            or (a.words and _word_before(text, a.start) not in _IMPLIED_LEADS)
            # (a range only as a result's figure: "against analysts' forecasts of 125 mln to 160 mln")
            or (a.amount_max is not None and _word_before(text, a.start) != "of")
        ):
            prev_implied = False
            continue
        if bare_between_before:
            # an unread bare scaled number stands between: "24.6 mln stg vs 20.3 mln / Net 15.9 mln vs 13.0 mln"
            # (the next row's "13.0 mln" compares with "15.9 mln", whose currency is not written)
            prev_implied = False
            continue
        between = text[last_money.end : a.start]
        parallel_of = False
        lead = _word_before(text, a.start)
        lead_at = a.start  # where the lead word's phrase ends (before a range's lower bound)
        if (lead == "to" or lead == "" or _DASHED_BOUND_TOKEN.fullmatch(lead) is not None) and (
            bound := _BARE_LOWER_BOUND.search(text, max(0, a.start - 24), a.start)
        ) is not None:
            lead_at = bound.start(1)
            lead = _word_before(text, lead_at)  # "against forecasts of 4 to 4.5 bln": the range's lead
        if (hedge := _IMPLIED_HEDGE.search(text, max(0, lead_at - 24), lead_at)) is not None:
            lead = _word_before(
                text, hedge.start() + 1
            )  # "after an estimated 160 mln", "of more than 1.6 billion", "from an expected 1.35-1.45 trillion"
        elif (record := _EARLIER_RECORD.search(text, max(0, a.start - 16), a.start)) is not None:
            lead = _word_before(text, record.start() + 1)  # "fell to $4 billion from a record 10.25 billion"
        elif lead in ("year's", "quarter's", "month's", "week's", "period's") and _word_before(
            text, text.rfind(" ", max(0, a.start - 24), a.start - 1) + 1
        ) in ("last", "previous", "prior", "a"):
            lead = "against"  # "compared with last year's 9.5 billion": the earlier period's figure
        elif lead == "the" and (the := _prev_word(text, a.start)[1]) > 0:
            before_the = _word_before(text, the)
            if before_the == "of" and _word_before(text, _prev_word(text, the)[1]) in _PART_OF_WORDS:
                before_the = (
                    "short"  # "short of the 6 billion they sought", "a fraction of the 100,000 million"
                )
            if before_the in _EXPECTATION_VERBS:
                lead = (
                    before_the  # "beating the 38.9 billion expected by analysts", "less than the 6 billion"
                )
            elif (before_the == "with" or before_the == "to") and _compared_before(text, the):
                lead = "against"  # "compared with the 19.8 billion forecast in March"
        if (
            a.exp != last_money.exp
            and not _level_down_from(text, last_money, a)  # ("from €1.06 billion to 812.4 million")
            and not (
                # "fell to $420m from 1.1bn", "1.18 billion stg in March from 829 mln": the comparison right after
                # the amount (and its time), of another scale word
                last_money.exp is not None
                and lead in _IMPLIED_LEADS
                and (
                    _DIRECT_COMPARISON_GAP.fullmatch(between) is not None
                    # (across the amount's restatement: "3.59 billion francs (about 590 mln dlrs) from 543 mln")
                    or (
                        (restated := _RESTATEMENT_THEN_GAP.match(between)) is not None
                        and _DIRECT_COMPARISON_GAP.fullmatch(between, restated.end()) is not None
                    )
                )
            )
            # (a parallel "of" list of another scale word: "2.2 billion Canadian dlrs of 91-day bills, 500 mln of
            # 182-day bills")
            and not _parallel_of(text, last_money, a, lead)
            and not (
                # a result's figure after "of", a comparison or a forecast, of another scale word: "a net loss of
                # 976.38 mln pesos …, compared with a net loss of 1.53 billion", "3.59 billion French francs,
                # compared with 543 mln", "lost $512 million, narrower than the 1.1 billion analysts expected"
                last_money.exp is not None
                and (
                    lead == "of"
                    or lead in _EXPECTATION_VERBS
                    or ((lead == "with" or lead == "to") and _compared_before(text, a.start))
                )
            )
        ):
            prev_implied = False
            continue
        if (
            len(between) < 120
            # (an abbreviation's dot ends no sentence: "vs. ", "(about 144 mln U.S. dlrs) from 874 mln")
            and ". " not in between.replace("vs. ", "vs ").replace("U.S. ", "US ").replace("H.K. ", "HK ")
            and ";" not in between
            and (
                lead in _IMPLIED_LEADS
                or (lead == "and" and prev_implied)
                # a list of them: "compared with 1,388 million, 1,090 million and 1,251 million"
                or (prev_implied and text[after_prev : a.start] == ", ")
                # an annual report's prior-period bracket right after the amount: "£145.6m (2023: 133.3m)"
                or (
                    last_money.end == after_prev
                    and between.strip()[:1] in ("(", "[")
                    and _COMPARATIVE_GAP.fullmatch(between) is not None
                )
                # the prior period's figure alone in a bracket, as Nordic reports write it: "SEK 4,812m (4,205m)",
                # "NOK 2.14 billion (2.0 billion)" (same scale word; a restatement names its currency)
                or (last_money.end == after_prev and between in (" (", "(") and text.startswith(")", a.end))
                # a parallel pair: "$120 million domestically and 95 million overseas", "$870m on Monday and
                # 420m on Tuesday", "$40 million in 2022 and another 60 million this year"
                or (last_money.end == after_prev and _PARALLEL_GAP.fullmatch(between) is not None)
                # an add-on: "€120m plus 20m in add-ons", "£72m for the forward, with a further 10m in bonuses"
                or (last_money.end == after_prev and _ADDON_GAP.search(between) is not None)
                # "compared with 70.8 billion", "compared to 50 mln"
                or ((lead == "with" or lead == "to") and _compared_before(text, a.start))
                # a change's new level right after its earlier one: "which rose from 4.4 billion dlrs to 5.1
                # billion in January" (the story pass reads it too, unless its clause is a relative one), or any
                # level below the one it is "from", which no range has: "cut a cartel fine imposed on Nordkyst from
                # €1.06 billion to 812.4 million"
                or (
                    lead == "to"
                    and last_money.end == after_prev
                    and between in (" to ", "\u00a0to ")
                    and _word_before(text, last_money.start) == "from"
                    and (
                        (a.exp == last_money.exp and _change_before(text, last_money.start))
                        or _level_down_from(text, last_money, a)
                    )
                )
                # "against spending of 4.0 trillion", "against a target of 3.5 billion", "against an average of
                # about 8.2 billion" (past the hedge)
                or (
                    lead == "of"
                    and _compared_noun_of(text, hedge.start() + 1 if hedge is not None else a.start)
                )
                # a result's figure: "implying total losses for 1987 of more than 1.6 billion", "forecasts of 125
                # mln" (in the sentence of the money amount, with its scale word)
                # ("above a pre-sale estimate of 18-22 mln": before the range's lower bound)
                or (lead == "of" and _RESULT_OF.search(text, max(0, lead_at - 60), lead_at) is not None)
                # a revised figure: "forecast a shortage of around 1.2 billion stg, later revised to 1.1 billion"
                or (
                    lead == "to"
                    and _word_before(text, _prev_word(text, a.start)[1]) in _REVISION_VERBS
                    and not _counted_clause(text, last_money.end, a.start)
                )
                # a change's new level after a percentage: "oil imports declined 5.6 pct to 10.5 billion" (not "the
                # population rose 2 pct to 1.4 billion": a count's clause)
                or (
                    lead == "to"
                    and _CHANGE_PCT_TO.search(text, max(0, a.start - 80), a.start) is not None
                    and not _counted_clause(text, last_money.end, a.start)
                )
                # a forecast beaten or missed: "a net profit of 40.2 billion crowns, beating the 38.9 billion
                # expected by analysts", "missing forecasts of" is read above
                or lead in _EXPECTATION_VERBS
                # the wires' "after" of the year before: "a profit of 170 mln francs after 160 mln this year"
                or (lead == "after" and last_money.end == after_prev and last_money.exp is not None)
                or (parallel_of := _parallel_of(text, last_money, a, lead))
                # a money noun named by the figure as an adjective, same scale word: "a 947 million pounds turnover
                # for a 107 million loss" (ATTRIBUTIVE_MONEY_NOUNS)
                or (parallel_of := _attributive_money(text, last_money, a, lead))
                # a list whose verb is left out after its first item: "will drain 932 mln stg, exchequer
                # transactions 285 mln and a rise in note circulation 140 mln" (no counted thing in the clause)
                or (
                    a.exp == last_money.exp
                    and (
                        (last_money.end == after_prev and _GAPPED_LIST.fullmatch(between) is not None)
                        or (prev_implied and _GAPPED_LIST.fullmatch(text, after_prev, a.start) is not None)
                    )
                    and (
                        not _counted_clause(text, last_money.end, a.start)
                        # (a noun that counts things elsewhere names a money flow here: "exchequer transactions")
                        or _MONEY_FLOW_PHRASE.search(text, max(after_prev, a.start - 48), a.start) is not None
                    )
                )
                # a list of sums by what each is in or for, its verb left out: "totalled 6.34 billion dlrs in spot,
                # 1.2 billion in forwards" (the same preposition after both, same scale word)
                or (
                    a.exp is not None
                    and a.exp == last_money.exp
                    and last_money.end == after_prev
                    and (by_part := _PARALLEL_PART_GAP.fullmatch(between)) is not None
                    and text[a.end : a.end + len(by_part.group("prep")) + 2] == f" {by_part.group('prep')} "
                )
                # a second subject with its verb left out: "Ohio will receive $2.3 million and Kentucky 1.9 million",
                # "Imports were worth 415.2 billion pesetas, or about 3.2 billion dlrs, and exports 287.8 billion"
                # (past the first amount's restatement)
                or (
                    (last_money.end == after_prev or after_prev == restated_end)
                    and a.exp == last_money.exp
                    and (
                        _GAPPED_SUBJECT.fullmatch(text, after_prev, a.start) is not None
                        or (
                            (noun := _GAPPED_MONEY_NOUN.fullmatch(text, after_prev, a.start)) is not None
                            and noun.group(1) in curated.MONEY_CLAUSE_NOUNS
                        )
                    )
                )
                # a ranking with "with" before each sum: "Germany was the top donor with 312 mln dlrs, followed by
                # the United States with 298 mln and the European Commission with 211 mln"
                or (
                    lead == "with"
                    and a.exp is not None
                    and a.exp == last_money.exp
                    and (last_money.end == after_prev or prev_implied)
                    and _word_before(text, last_money.start) == "with"
                )
            )
            and (
                parallel_of
                or _IMPLIED_FOLLOW.match(text, a.end) is not None
                # (a list's last item after "and" and an item read: "…, 10 billion of 10-year notes and nine
                # billion of 30-year bonds")
                or (lead == "and" and prev_implied and _parallel_of(text, last_money, a, lead))
                # (a compared figure naming its money noun: "against a revised 2.06 billion shortfall")
                or _attributive_money(text, last_money, a, lead)
            )
            # (nor a figure whose own clause counts things: "income rose from £310m to £365m, while average viewers
            # rose from 41 million to 44 million")
            and not (lead in _IMPLIED_LEADS and _counted_clause(text, last_money.end, a.start))
        ):
            a.rcur, a.rbasis, a.divisor = last_money.currency, "context", last_money.divisor
            prev_implied, bare_between = True, bare_between_before
            _take_bare_lower_bound(text, a)  # "a residual need of 40 to 50 mln": the range, not its top
            if (
                lead == "of"
                and a.amount_max is None
                and index + 1 < len(amounts)
                and (b := amounts[index + 1]).currency is None
                and not b.words
                and b.amount_max is None
                and b.exp == a.exp
                and _IMPLIED_RANGE_GAP.fullmatch(text, a.end, b.start) is not None
            ):
                # a result's range, bare: "against analysts' forecasts of 125 mln to 160 mln"
                lo, hi = _scaled_pair(a, b)
                if lo is not None and hi is not None and lo < hi:
                    a.value, a.exp, a.amount_max, a.nend, a.end = lo, 0, hi, b.nend, b.end
                    dropped.add(id(b))
        else:
            prev_implied = False
    return [a for a in amounts if id(a) not in dropped] if dropped else amounts


#: The gap between a change's size and the new level, with the change's direction after its size: " higher at ",
#: " lower to " ("was 1.25 dlrs higher at 124.75").
_CHANGE_SIZE_THEN_LEVEL_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:higher|lower|firmer|easier|stronger|weaker)[ \u00a0]+(?:at|to)[ \u00a0]+"
)
#: The same before "at", as the cheap test of a bare number reads it ("1.25 dlrs higher at").
_CHANGE_SIZE_THEN_AT: Final[re.Pattern[str]] = re.compile(
    r"[0-9][^\s;]*(?:[ \u00a0][A-Za-z.]+){1,2}[ \u00a0]+(?:higher|lower|firmer|easier|stronger|weaker)[ \u00a0]+\Z"
)
#: The gap between a price and its change of the day: an optional unit (" a tonne", " an ounce", " per barrel"),
#: then ", up ", ", down ", ", off ".
_LEVEL_THEN_CHANGE_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+(?:a|an|per)[ \u00a0]+[a-z]+)?,[ \u00a0]+(?:up|down|off)[ \u00a0]+"
)
#: What may follow a price's bare change: the clause's end or its time ("from yesterday", "on the day", "at the
#: close", "in early trade").
_LEVEL_THEN_CHANGE_END: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*(?:[.,;)]|\Z|(?:from|on|at|in|since|but|and|while)[ \u00a0]+(?!pct\b|per\b|percent\b))"
)


#: A number as plain digits, with comma groups of three and a decimal point: "1,126.4", "3.40", "611".
_PLAIN_NUMBER: Final[re.Pattern[str]] = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
)


def _plain_number(digits: str) -> Decimal | None:
    """The value of ``digits`` written with comma groups and a decimal point, or None for any other form."""
    if _PLAIN_NUMBER.fullmatch(digits) is None:
        return None
    return Decimal(digits.replace(",", ""))


def _decimals(text: str, a: _Amount) -> int:
    """The number of digits after the decimal point of ``a``'s number as written (0 without a point)."""
    digits = text[a.nstart : a.nend]
    return len(digits) - digits.rfind(".") - 1 if "." in digits else 0


def _parallel_of(text: str, money: _Amount, a: _Amount, lead: str) -> bool:
    """Whether bare ``a`` after "and", "with" or a list's comma repeats the shape "<sum> of <noun>" of the money
    amount before it, with the same scale word: "sold 6.6 billion dlrs of three-month bills … and 6.6 billion of
    six-month bills"."""
    return (
        # (or after a comma: "10 billion dlrs of three-year notes on May 5, 10 billion of 10-year notes on May 6")
        (lead == "and" or lead == "with" or (lead[-1:] == "," and text[a.start - 2 : a.start] == ", "))
        and a.exp is not None
        # (the same scale word, or another of a million or more: "sold 2.2 billion Canadian dlrs of 91-day bills,
        # 500 mln of 182-day bills and 300 mln of one-year bills")
        and (a.exp == money.exp or (a.exp >= 6 and money.exp is not None and money.exp >= 6))
        and text.startswith(" of ", a.end)
        and text.startswith(" of ", money.end)
        and (
            text[a.end + 4 : a.end + 5].isdigit()  # "12 billion of 30-year bonds"
            or (
                (noun := _NEXT_WORD.match(text, a.end + 3)) is not None
                # (not "2 billion of them went", "1.4 billion of its people": a part or a count)
                and noun.group(1).lower() not in _PARALLEL_OF_STOP
                and noun.group(1).lower() not in curated.COUNTED_CLAUSE_NOUNS
            )
        )
    )


def _attributive_money(text: str, money: _Amount, a: _Amount, lead: str) -> bool:
    """Whether bare ``a`` (after "a"/"an", with the scale word of the money amount before it) names a money noun
    as an adjective: "for a 107 million loss", "agreed a 40 million deal" (``curated.ATTRIBUTIVE_MONEY_NOUNS``)."""
    return (
        (
            lead == "a"
            or lead == "an"
            # (past an estimate's adjective: "showing an estimated 400 mln surplus")
            or _ATTRIBUTIVE_HEDGE.search(text, max(0, a.start - 24), a.start) is not None
        )
        and a.exp is not None
        and a.exp == money.exp
        and a.amount_max is None
        and (noun := _NEXT_WORD.match(text, a.end)) is not None
        and noun.start() == a.end
        and noun.group(1).lower() in curated.ATTRIBUTIVE_MONEY_NOUNS
    )


#: "an estimated ", "a projected " … right before a figure that names a money noun as an adjective.
_ATTRIBUTIVE_HEDGE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w-])an?[ \u00a0]+(?:estimated|expected|projected|forecast|further|additional|extra|revised)[ \u00a0]+\Z"
)
#: Words after "of" that make a bare figure a part or a count, not a parallel sum: pronouns and determiners.
_PARALLEL_OF_STOP: Final[frozenset[str]] = frozenset(
    {"them", "those", "these", "which", "it", "its", "their", "his", "her", "our", "the", "whom", "us", "you"}
)


#: A bare number without a scale word and " to " (or a dash) right before a scaled figure, or after "between" and
#: before "and": the lower bound of its range ("40 to 50 mln", "40-50 mln", "between 1.1 and 1.3 million");
#: group "low", the number.
_BARE_LOWER_BOUND: Final[re.Pattern[str]] = re.compile(
    r"(?:(?<![\w.,$\u00a3\u20ac\u00a5-])(?P<low>[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?)"
    r"(?:[ \u00a0]+to[ \u00a0]+|[-\u2013])"
    r"|\b[Bb]etween[ \u00a0]+(?P<low2>[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?)[ \u00a0]+and[ \u00a0]+)\Z"
)


def _take_bare_lower_bound(text: str, a: _Amount) -> None:
    """Widen a scaled bare figure just given a currency to the range whose unscaled lower bound stands right before
    it ("a residual need of 40 to 50 mln" is 40-50 million, not 50 million alone); the scale word applies to both
    bounds. Changes ``a`` in place; nothing when no such bound stands there or the bounds do not ascend."""
    if a.exp is None or a.amount_max is not None or a.words:
        return
    m = _BARE_LOWER_BOUND.search(text, max(0, a.start - 32), a.start)
    if m is None:
        return
    group = "low" if m.group("low") else "low2"
    low = Decimal(m.group(group).replace(",", ""))
    lo, hi = numbers.scaled(low, a.exp), numbers.scaled(a.value, a.exp)
    if lo is None or hi is None or not 0 < lo < hi:
        return
    a.start = a.nstart = m.start(group)
    a.value, a.exp, a.amount_max = lo, 0, hi


#: The gap of a bare range: " to ", "-", " - ", "–" (and "to" glued to the next number, as wires mistype it).
_IMPLIED_RANGE_GAP: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]*(?:to|-|\u2013)[ \u00a0]*")


def _one_story_currency(story: str | None, currency: str) -> str:
    """The one currency of a story after ``currency`` (an ISO 4217 code or an @family) joins it: a family and a
    code of it agree ("586.2 mln Australian dlrs … 7.31 billion dlrs" is AUD), else "" when they differ."""
    if story is None or story == currency:
        return currency
    if story == "":
        return ""
    if currency[0] == "@" and story in FAMILIES.get(currency[1:], ()):
        return story
    if story[0] == "@" and currency in FAMILIES.get(story[1:], ()):
        return currency
    return ""


#: A percentage right after a number: " pct", "%", " percent", " per cent".
_PERCENT_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*(?:%|pct\b|percent\b|per[ \u00a0]cent\b)", re.IGNORECASE
)
#: A bare range's upper bound after an amount: " to 200 million", "-200 mln", " and 7 billion".
_BARE_RANGE_TAIL: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*(?:to|-|\u2013|and)[ \u00a0]*[0-9][0-9.,]*(?:[ \u00a0]*(?:million|billion|trillion|mln|bn|m|b)\b)?"
)


def _story_currency(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Give a bare figure with a scale word of a million or more the currency of a money story: every scaled
    amount before it in the text has one currency, the last of them stands at most two sentence ends back, the
    figure stands in a money slot (its lead word, past a hedge, is in ``curated.STORY_FIGURE_LEADS``: "and drained
    40 billion through repurchase agreements", "while the trade surplus stood at 8.12 billion", "New orders
    totalled 55.2 billion"), is not followed by a noun of its own and its clause names no counted thing
    (``curated.COUNTED_CLAUSE_NOUNS``: "the population rose to 1.4 billion"). Changes ``amounts`` in place."""
    story: str | None = None  # the one currency of the scaled amounts so far ("" once two disagree)
    story_divisor = 1
    last_end = -1
    declared = False  # whether the text's currency declaration was looked for
    stray = False  # whether a bare figure that is not money stands after the story's last amount
    last_start = -1
    last_part = (
        False  # whether the story's last amount is a part of the one before ("of which $412m came from")
    )
    for a in amounts:
        currency = a.currency
        if currency is None and story is None and not declared and a.exp is not None and a.exp >= 6:
            # a declaration starts the story: "All figures are in Canadian dollars. Via Rail's revenue was 412
            # million" (one currency declared, the figure within two sentences of the declaration)
            declared = True
            lowered = text.lower()
            codes = set(_declared(text, lowered).values())
            if len(codes) == 1:
                story = codes.pop()
                last_end = min(m.end() for m in _declaration_matches(text, lowered))
                if last_end > a.start:
                    story, last_end = None, -1
        if currency is not None:
            if last_end >= 0 and story and story != currency and _is_restatement(text[last_end : a.start]):
                # a restatement right after the story's amount for the reader keeps the story's currency: "Sales
                # were 5.2 billion euros ($5.6 billion). Orders rose to 6.1 billion" (EUR), "4.6 trillion yuan
                # (roughly $650 billion) … Spending dropped to 5.5 trillion" (CNY; every blind reviewer read the
                # original's currency, and no held-out row had the other reading)
                continue
            if (a.exp is not None and a.exp >= 6) or (a.amount_max is not None and a.value >= 1_000_000):
                story = _one_story_currency(story, currency)
                story_divisor, last_start, last_end = a.divisor, a.start, a.end
                stray = False
                last_part = _REFERS_BACK_BEFORE.search(text, max(0, a.start - 40), a.start) is not None or (
                    _OF_WHICH_CLAUSE.search(text, max(0, a.start - 60), a.start) is not None
                )
            continue
        difference = _PLANNED_DIFFERENCE_AFTER.match(text, a.end) is not None
        if (
            not story
            or a.exp is None
            or a.exp < 6
            or (
                a.words
                and not _spelled_story_slot(
                    text, a.nend - (8 if text[a.nend - 8 : a.nend].lower() == "trillion" else 7)
                )
            )
            or _year_like(text, a)
            or a.start - last_end > 400  # (first: the count below then reads at most 400 code points)
            or _ODDS_BEFORE.search(text, max(0, a.start - 8), a.start)
            is not None  # ("odds of one in 9.37 million")
            or len(_SENTENCE_END.findall(text, last_end, a.start)) > 2
        ):
            stray = (
                stray
                or not (
                    _year_like(text, a)
                    or _FISCAL_YEAR_TAIL.search(text, max(0, a.start - 6), a.start)
                    or _PERCENT_AFTER.match(text, a.end)  # ("at 10-1/4 pct and another 25 mln")
                    or text[a.end : a.end + 1] == "/"  # (a fraction's part: the "1" of "10-1/4 pct")
                )
            )
            continue
        if (
            not stray
            and (
                _REFERS_BACK_BEFORE.search(text, max(0, a.start - 40), a.start) is not None
                or _OF_WHICH_CLAUSE.search(text, max(0, a.start - 60), a.start) is not None
                # a part named after the whole: "Of the €1.04bn wage bill, 610m went on first-team salaries"
                or (
                    text[max(0, last_start - 7) : last_start].lower() == "of the "
                    and a.start - last_end < 48
                    and _PART_AFTER_COMMA.search(text, max(0, a.start - 12), a.start) is not None
                    and not any(c.isdigit() for c in text[last_end : a.start])
                )
                # the next part of a list of parts: "of which broadcasting brought in 380m and commercial deals
                # 470m", "$412m came from the domestic market and 627m from international territories"
                or (
                    last_part
                    and a.start - last_end < 64
                    and _PART_AND_GAP.fullmatch(text, last_end, a.start) is not None
                )
            )
            and (
                _IMPLIED_FOLLOW.match(text, a.end) is not None
                or _PART_VERB_AFTER.match(text, a.end) is not None
            )
            and not (
                (tail := _BARE_RANGE_TAIL.match(text, a.end)) is not None and _counts_noun(text, tail.end())
            )
        ):
            # a part of or an addition to the story's last amount, no other figure between: "of which 600m went on
            # consultants", "of that, 800m came from retail investors", "and underpaid a further 1.5bn",
            # "including 400m"
            a.rcur, a.rbasis, a.divisor = story, "context", story_divisor
            last_start, last_end, last_part = a.start, a.end, True
            continue
        if (
            difference
            and not stray
            and len(_SENTENCE_END.findall(text, last_end, a.start)) <= 1
            and (
                (lead := _figure_lead(text, a)) in _DIFFERENCE_LEADS
                or lead.endswith(",")
                or text[max(0, a.start - 2) : a.start] == ", "
            )
        ):
            # the overrun or saving against a plan, in the story's money: "would cost about two billion Swiss
            # francs, half a billion more than planned", "It was half a million more than I had planned"
            a.rcur, a.rbasis, a.divisor = story, "context", story_divisor
            last_start, last_end, last_part = a.start, a.end, False
            continue
        lead = _figure_lead(text, a)
        clause_end = a.start  # where the figure's clause, as _money_clause reads it, ends
        if (
            lead == "with"
            and (compared := _COMPARED_WITH_BEFORE.search(text, max(0, a.start - 40), a.start)) is not None
        ):
            # a comparison, read as "against" is: "revenue of 1.9 billion, compared with 1.7 billion a year earlier"
            lead, clause_end = "against", compared.start()
        if (
            lead == "with"
            and not stray
            and a.start - last_end < 160
            and _SENTENCE_BREAK.search(text, last_end, a.start) is None
            and _MONEY_PARTICIPLE_AFTER.match(text, a.end) is not None
        ):
            # a part of the story's sum named by what is done with it: "spending of 9.3 trillion pesos, with 1.8
            # trillion earmarked for social programmes", "with 900 million going to schools"
            a.rcur, a.rbasis, a.divisor = story, "context", story_divisor
            last_start, last_end, last_part = a.start, a.end, True
            continue
        if (
            lead not in curated.STORY_FIGURE_LEADS
            # ("or" only before "in total": "a dividend of KZT 25.42 per share, or 277.4 billion in total", not
            # "or 5 million in constant 2015 euros")
            or (lead == "or" and _IN_TOTAL_AFTER.match(text, a.end) is None)
            # (a comparison with a figure that is no money between: "the port handled 1.2 billion tonnes, down from
            # a record 1.4 billion")
            or (stray and lead in _COMPARISON_LEADS)
            # (what follows is punctuation or a closed-class word, never a noun it counts: _IMPLIED_FOLLOW below;
            # nor the lower bound of a range of things: "to total 190 million to 200 million tonnes")
            or ((tail := _BARE_RANGE_TAIL.match(text, a.end)) is not None and _counts_noun(text, tail.end()))
            or _IMPLIED_FOLLOW.match(text, a.end) is None
            or not (
                _money_clause(text, _sentence_start(text, a.start, 200), clause_end, lead)
                # the earlier level right after the story's new level: "climbed to 212.5 billion from 196.2 billion
                # a year earlier"
                or (
                    not stray
                    and lead == "from"
                    and last_start >= 0
                    and _word_before(text, last_start) == "to"
                    and (earlier := _LEVEL_FROM_GAP.fullmatch(text, last_end, a.start)) is not None
                    and earlier.group("compared") is None
                    and earlier.group("named") is None
                )
                # compared with the story's amount of its own sentence: "will invest 1.1 billion in track upgrades
                # next year, up from 950 million in 2025"
                or (
                    not stray
                    and a.start - last_end < 120
                    and _MOVE_FROM_END.search(text, max(0, a.start - 16), a.start) is not None
                    and not any(
                        (w in _CLAUSE_BREAK_WORDS and w != ",") or w in curated.COUNTED_CLAUSE_NOUNS
                        for w in text[last_end : a.start]
                        .lower()
                        .replace(",", " ")
                        .replace(";", " ; ")
                        .split()
                    )
                    and _SENTENCE_BREAK.search(text, last_end, a.start) is None
                )
            )
        ):
            # (the top of a bare range right after the story's figure is read with it: _bare_range_tops)
            stray = stray or _BARE_RANGE_GAP.fullmatch(text, last_end, a.start) is None
            continue
        a.rcur, a.rbasis, a.divisor = story, "context", story_divisor
        _take_bare_lower_bound(text, a)  # ("to total 40 to 50 mln": the range, not its top)
        last_start, last_end, stray, last_part = a.start, a.end, False, False
    return amounts


#: A participle of money put to a use right after a figure: " earmarked", " allocated", " set aside", " going to"
#: ("with 1.8 trillion earmarked for social programmes").
_MONEY_PARTICIPLE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:earmarked|allocated|budgeted|reserved|set[ \u00a0]+aside|going[ \u00a0]+(?:to|towards?|into|on)"
    r"|devoted|destined|slated|spent|paid|coming[ \u00a0]+from|raised|financed|funded)\b"
)
#: A figure's comparison with a plan or an expectation right after it: " more than planned", " less than
#: expected", " more than I had planned", " over budget" (the figure is the money it differs by).
_PLANNED_DIFFERENCE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:(?:more|less|higher|lower)[ \u00a0]+than[ \u00a0]+(?:(?:i|he|she|we|they|it|the[ \u00a0]+\w+)"
    r"[ \u00a0]+(?:had[ \u00a0]+)?)?(?:originally[ \u00a0]+|initially[ \u00a0]+|first[ \u00a0]+)?"
    r"(?:planned|expected|budgeted|forecast|estimated|projected|anticipated|thought)"
    r"|(?:over|under|above|below)[ \u00a0]+(?:the[ \u00a0]+)?budget)\b",
    re.IGNORECASE,
)
#: How :data:`_PLANNED_DIFFERENCE_AFTER` can start (a space and its first word's letters), for a cheap test first.
_DIFFERENCE_FIRST_WORDS: Final[tuple[str, ...]] = (
    " more",
    " less",
    " higher",
    " lower",
    " over",
    " under",
    " above",
    " below",
)
#: Lead words of a figure that differs from a plan ("It was half a million more than I had planned", "came in 40
#: million over budget"): a copula, a verb of cost or spending, or "in"/"by" (else the figure may count things:
#: "It drew 3 million more than expected").
_DIFFERENCE_LEADS: Final[frozenset[str]] = frozenset(
    {
        "was",
        "is",
        "were",
        "are",
        "be",
        "been",
        "being",
        "cost",
        "costs",
        "costing",
        "spent",
        "spend",
        "spends",
    }
    | {"paid", "pay", "pays", "in", "by"}
)
#: Odds right before a figure: "one in ", "1 in " ("the odds of that were one in 9.37 million"): a ratio, no sum.
_ODDS_BEFORE: Final[re.Pattern[str]] = re.compile(r"\b(?:[Oo]ne|1)[ \u00a0]+in[ \u00a0]+\Z")
#: A verb of cost or saving, its object and perhaps a hedge right before a figure: "costing the exchequer about ",
#: "cost the government about ", "saves the company " (the figure is the sum the object pays or keeps).
_COST_OBJECT_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:cost|costs|costing|save|saves|saved|saving)[ \u00a0]+(?:(?:the|its|their|a|an)[ \u00a0]+)?[^\W\d_]+"
    r"(?:[ \u00a0]+(?:about|around|roughly|some|nearly|almost|an[ \u00a0]+estimated|more[ \u00a0]+than|over))?[ \u00a0]+\Z"
)
#: "up from " or "down from " right before a figure: a comparison with a level stated before it.
_MOVE_FROM_END: Final[re.Pattern[str]] = re.compile(r"\b(?:up|down),?[ \u00a0]+from[ \u00a0]+\Z")
#: The gap between the bounds of a bare range: " to ", "-", "–" (" and " after "between" is read apart).
_BARE_RANGE_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*(?:to|-|\u2013)[ \u00a0]*|[ \u00a0]+and[ \u00a0]+"
)


def _bare_range_tops(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Join a bare scaled figure that a story pass gave a currency with the bare figure of the same scale right after
    it as the range they state: "will spend 2.4 billion to 2.6 billion", "below the 620m to 640m range", "between
    1.5m and 4m" (scale applied to both bounds; the bounds must ascend). Not a change from one to the other ("rose
    from 2.1 billion to 2.4 billion", :func:`_change_before`). Returns a new list (``amounts`` is in text order)."""
    out: list[_Amount] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        b = amounts[i + 1] if i + 1 < len(amounts) else None
        if (
            b is not None
            and a.rbasis == "context"
            and a.lcur is None
            and a.amount_max is None
            # (the top bare too, or given the same currency by the same pass: "of between 1.5m and 4m")
            and (b.currency is None or (b.lcur is None and b.rbasis == "context" and b.rcur == a.rcur))
            and a.exp is not None
            and a.exp == b.exp
            and not (a.words or b.words)
            and b.start == b.nstart
            and (gap := _BARE_RANGE_GAP.fullmatch(text, a.end, b.start)) is not None
            and (
                "and" not in gap.group()
                or text[max(0, a.start - 8) : a.start].lower().rstrip(" \u00a0").endswith("between")
            )
            and (
                _IMPLIED_FOLLOW.match(text, b.end) is not None
                or text.startswith((" range", "\u00a0range"), b.end)  # ("below the 620m to 640m range")
            )
            and not _change_before(text, a.start)
            and (lo := numbers.scaled(a.value, a.exp)) is not None
            and (hi := numbers.scaled(b.value, b.exp)) is not None
            and 0 < lo < hi
        ):
            a.value, a.exp, a.amount_max, a.end = lo, 0, hi, b.end
            out.append(a)
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _story_per_share(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Give a bare dividend or earnings per share the currency of a story written in one currency: "sales fell 3.2%
    to CHF 1.46 billion … an unchanged dividend of 4.20 per share", "all amounts are in Hong Kong dollars … the
    interim dividend was held at 0.95 per share". The figure has two decimals, its unit is a share, a dividend or
    earnings word (:data:`_DIVIDEND_CLAUSE`) stands before it in its sentence, at most 80 code points back, and every
    amount of the text with a currency has the same one, in major units, one of them before the figure. Changes
    ``amounts`` in place; returns it."""
    currencies = {a.currency for a in amounts if a.currency is not None}
    if len(currencies) != 1 or any(a.currency is not None and a.divisor != 1 for a in amounts):
        return amounts
    currency = next(iter(currencies))
    seen = False
    for a in amounts:
        if a.currency is not None:
            seen = True
            continue
        if (
            seen
            and a.per_unit == "share"
            and a.exp is None
            and not a.words
            and a.amount_max is None
            and _decimals(text, a) == 2
            and _DIVIDEND_CLAUSE.search(text, max(0, a.start - 80), a.start) is not None
        ):
            a.rcur, a.rbasis = currency, "context"
    return amounts


#: Verbs before "in" that take money in ("brought in 640.8 million", "raked in 2 billion").
_TAKEN_IN_VERBS: Final[frozenset[str]] = frozenset(
    {
        "brought",
        "brings",
        "bringing",
        "bring",
        "took",
        "takes",
        "taking",
        "raked",
        "rakes",
        "raking",
        "pulled",
    }
    | {
        "pulls",
        "pulling",
        "reeled",
        "reels",
        "poured",
        "pours",
        "pumped",
        "pumps",
        "paid",
        "pays",
        "put",
        "puts",
    }
)


#: "compared with" (past a hedge) right before a figure: the figure is the level another is compared with.
_COMPARED_WITH_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\bcompared[ \u00a0]+with[ \u00a0]+(?:(?:about|around|roughly|some|nearly|almost|just|an|a)[ \u00a0]+)*\Z"
)


def _figure_lead(text: str, a: _Amount) -> str:
    """The lead word of a bare figure (lower case), as the story passes read its slot: the word before it, or before
    its hedge ("after more than 70 billion": "after"), or before its article ("from the 3.5 billion projected":
    "from"); "and" for a money noun after "and" whose verb is elided ("Exports were 1.02 billion dlrs and imports
    893.6 mln"); for the top of a bare range, the range's lead ("will spend 2.4 to 2.6 billion": "spend")."""
    start = a.start
    lead = _word_before(text, start).lower()
    if (
        lead == "to"
        and (bound := _BARE_LOWER_BOUND.search(text, max(0, start - 32), start))
        and bound.group("low")
    ):
        start = bound.start("low")
        lead = _word_before(text, start).lower()
    if lead == "between":  # the lower bound itself: "cheques of between 1.5m and 4m" ("of")
        start = _prev_word(text, start)[1]
        lead = _word_before(text, start).lower()
    if lead == "in" and _word_before(text, _prev_word(text, start)[1]).lower() in _TAKEN_IN_VERBS:
        return "earned"  # "the session the night before brought in 640.8 million": money taken in
    if _COST_OBJECT_BEFORE.search(text, max(0, start - 48), start) is not None:
        # "excise relief costing the exchequer about 450 crore", "cost the government about 71 billion": the sum the
        # object pays, read as a value is ("worth": whatever the clause counts before it)
        return "worth"
    if (hedge := _IMPLIED_HEDGE.search(text, max(0, start - 24), start)) is not None:
        return _word_before(text, hedge.start() + 1).lower()
    if lead == "the" and text[start - 4 : start].lower() == "the ":
        return _word_before(text, start - 4).lower()
    if lead == "record" and (record := _EARLIER_RECORD.search(text, max(0, start - 16), start)) is not None:
        return _word_before(
            text, record.start() + 1
        ).lower()  # "bringing outstanding CDs to a record 684.8 billion"
    if lead in curated.MONEY_CLAUSE_NOUNS and _word_before(text, _prev_word(text, start)[1]).lower() == "and":
        return "and"
    return lead


#: A measure stated in a currency earlier in the figure's sentence: "net sales in Swedish kronor fell to 58,742
#: million", "Measured in dollars, exports rose to 5.2 billion", "in dollar terms" (group "cur": the words after
#: "in", of which the first one to three name the currency, read by :func:`_heading_currency`).
#: The currency must end the phrase, before a comma or a verb ("in yen bonds" names bonds, not the measure's unit).
_IN_CURRENCY_PHRASE: Final[re.Pattern[str]] = re.compile(
    r"\b[Ii]n[ \u00a0]+(?P<cur>[A-Za-z.$€£¥]+(?:[ \u00a0]+[A-Za-z.]+){0,2}?)(?:[ \u00a0]+terms)?"
    r"(?=,|[ \u00a0]+(?:"
    + "|".join(
        sorted(
            (
                re.escape(w)
                for w in curated.CHANGE_VERBS | {"was", "were", "is", "are", "stood", "totalled", "totaled"}
            ),
            key=len,
            reverse=True,
        )
    )
    + r")\b)"
)


def _clause_currency(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Give a bare figure with a scale word of a million or more the currency its sentence states its measure in
    ("Net sales in Swedish kronor fell to 58,742 million from 60,140 million" -> SEK, SEK): the figure stands in a
    money slot as a story's figure does (:func:`_story_currency`: its lead word in ``curated.STORY_FIGURE_LEADS``,
    no noun of its own after it), and no amount with a currency stands between the phrase and it. Changes
    ``amounts`` in place; returns it."""
    given: set[int] = set()  # ids of the figures this pass gave the phrase's currency
    for index, a in enumerate(amounts):
        if a.currency is not None or a.exp is None or a.exp < 6 or a.words or _year_like(text, a):
            continue
        lead = _figure_lead(text, a)
        if (
            lead not in curated.STORY_FIGURE_LEADS
            or (lead == "or" and _IN_TOTAL_AFTER.match(text, a.end) is None)
            or _IMPLIED_FOLLOW.match(text, a.end) is None
            or ((tail := _BARE_RANGE_TAIL.match(text, a.end)) is not None and _counts_noun(text, tail.end()))
        ):
            continue
        lo = _sentence_start(text, a.start, 200)
        currency: str | None = None
        phrase_end = -1
        for m in _IN_CURRENCY_PHRASE.finditer(text, lo, a.start):
            named = _heading_currency(m.group("cur"))
            if named is not None:
                currency, phrase_end = named, m.end()
        if currency is None:
            continue
        j = index - 1  # (amounts are in text order: only those after the phrase are looked at)
        while (
            j >= 0
            and amounts[j].start >= phrase_end
            and (amounts[j].currency is None or id(amounts[j]) in given)
        ):
            j -= 1
        if j >= 0 and amounts[j].start >= phrase_end:
            continue  # another currency's amount between: "in euros … $5 billion … rose to 6 billion"
        a.rcur, a.rbasis = currency, "context"
        given.add(id(a))
        _take_bare_lower_bound(text, a)  # ("fell to 40 to 50 million": the range)
    return amounts


#: A comma (and a hedge) right before a part named after its whole ("Of the $50 billion pledged, only 12 billion").
_PART_AFTER_COMMA: Final[re.Pattern[str]] = re.compile(
    r",[ \u00a0]+(?:(?:only|just|about|some|nearly)[ \u00a0]+)?\Z"
)
#: "of which" or "of that" and a short clause before an amount ("of which broadcasting brought in ").
_OF_WHICH_CLAUSE: Final[re.Pattern[str]] = re.compile(
    r"\bof[ \u00a0]+(?:which|that|this|these|those|it),?(?:[ \u00a0]+[A-Za-z-]+){0,5}[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: The gap between two parts of a list of parts: a short phrase with no figure or clause end, then "and" and at most
#: three words ("came from the domestic market and ", " and commercial deals ").
_PART_AND_GAP: Final[re.Pattern[str]] = re.compile(
    r"[^0-9.;:!?()]{0,40}?[ \u00a0]and(?:[ \u00a0]+[a-z-]+){0,3}[ \u00a0]+"
)


#: A year and a dash or slash right before a number: the second year of a fiscal year ("2018-19", "1987/88").
_FISCAL_YEAR_TAIL: Final[re.Pattern[str]] = re.compile(r"(?:19|20)[0-9]{2}[-/\u2013]\Z")


#: A verb right after a part of an amount: "of which 600m went on consultants", "of that, 800m came from".
_PART_VERB_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:came|went|goes|go|comes|come|remains|remained|stays|stayed|covers|covered|funds|funded)\b"
)
#: Words right before a bare figure that make it a part of or an addition to the amount before it: "of which",
#: "of that,", "a further", "another", "an additional", "an extra", "including".
_REFERS_BACK_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:of[ \u00a0]+(?:which|that|this|these|those|it)|a[ \u00a0]+further|another|an[ \u00a0]+additional"
    r"|an[ \u00a0]+extra|including|includes|included|accounting[ \u00a0]+for|accounted[ \u00a0]+for|accounts[ \u00a0]+for)(?:[ \u00a0]*,)?(?:[ \u00a0]+(?:about|around|some|nearly|almost"
    r"|roughly|more[ \u00a0]+than|over|up[ \u00a0]+to))?[ \u00a0]+\Z",
    re.IGNORECASE,
)


#: Words that end a clause before a figure (after them a new subject may start).
_CLAUSE_BREAK_WORDS: Final[frozenset[str]] = frozenset({",", ";", "while", "whereas", "but", "and", "as"})


#: A comma that may break a clause: not a thousands separator inside a number ("1,204 crore versus").
_CLAUSE_COMMA: Final[re.Pattern[str]] = re.compile(r",(?![0-9])")
#: A discourse adverb set off by commas inside a clause, which breaks nothing ("Finance costs, however, nearly doubled
#: to 71.3 billion"; lower case, as _money_clause reads the text).
_ASIDE_ADVERB: Final[re.Pattern[str]] = re.compile(
    r",[ \u00a0]+(?:however|though|meanwhile|moreover|too|also|in turn|in contrast|by contrast|nevertheless),"
)


def _money_clause(text: str, lo: int, hi: int, lead: str) -> bool:
    """Whether the sentence part ``text[lo:hi]`` (code points) before a bare story figure says it is money: its
    own clause (after the last comma, "while", "and" …) names no counted thing (``curated.COUNTED_CLAUSE_NOUNS``)
    and either names a money noun (``curated.MONEY_CLAUSE_NOUNS``: "while the trade surplus stood at", "New orders
    totalled") or is led by a verb of money moved ("and drained 40 billion"), or, with no word of its own but glue
    and lead words ("and the remaining 30 billion"), the sentence before it names a money noun and no counted thing."""
    words = [
        w.strip("'\u2019\"()")
        for w in _CLAUSE_COMMA.sub(" , ", _ASIDE_ADVERB.sub(" ", text[lo:hi].lower()))
        .replace(";", " ; ")
        .split()
    ]
    if lead == "worth":
        return True  # the value of what the clause counts: "fell to 8,420 tonnes worth 41.6 crore rupees from
        # 11,050 tonnes worth 38.2 crore" (a count after it is caught before: "worth 2 million votes")
    cut = max((i for i, w in enumerate(words) if w in _CLAUSE_BREAK_WORDS), default=-1)
    clause, before = words[cut + 1 :], words[: max(cut, 0)]
    if any(w in curated.COUNTED_CLAUSE_NOUNS for w in clause) or any(
        w == "claims" and i > 0 and clause[i - 1] in _COUNTED_CLAIMS for i, w in enumerate(clause)
    ):
        return False  # ("first-time unemployment claims jumped to a record 3.28 million": people, not sums)
    named = {w.removesuffix("'s") for w in clause} & curated.MONEY_CLAUSE_NOUNS
    if lead in curated.MONEY_MOVED_VERBS or (named and named != {"total"}):
        return True
    if lead in _EXPECTATION_LEADS and any(w in _FORECASTER_WORDS for w in clause):
        return True  # the analysts' expectation of the story's figure: "Analysts polled by FnGuide had expected 4.4 trillion"
    if lead in _COMPARISON_LEADS and any(
        w in NAMES and (clause[i - 1][:1].isdigit() or clause[i - 1] in _SCALE_WORDS)
        for i, w in enumerate(clause)
        if i > 0
    ):
        # compared with an amount of its own clause: "put at 40-50 billion francs next year after more than 70
        # billion in 1987"
        return True
    if named:  # "bringing the total to 9 million": a total of whatever the sentence counted before
        return not any(w in curated.COUNTED_CLAUSE_NOUNS for w in before)
    if not all(w in _STORY_GLUE_WORDS or w in curated.STORY_FIGURE_LEADS for w in clause):
        return False  # "monthly active platform consumers rose to 171 million", "and ridership climbed to": a subject
    return not any(w in curated.COUNTED_CLAUSE_NOUNS for w in before) and any(
        w.removesuffix("'s") in curated.MONEY_CLAUSE_NOUNS for w in before
    )


#: Verbs of an expectation leading a story figure, and the forecasters whose expectation makes the clause one of the
#: story's sums ("Analysts polled by FnGuide had expected 4.4 trillion", "economists had forecast 2.1 billion").
_EXPECTATION_LEADS: Final[frozenset[str]] = frozenset(
    {"expected", "forecast", "predicted", "projected", "anticipated"}
)
_FORECASTER_WORDS: Final[frozenset[str]] = frozenset(
    {
        "analysts",
        "analyst",
        "economists",
        "economist",
        "forecasters",
        "poll",
        "polled",
        "consensus",
        "estimates",
    }
)
#: Words before "claims" that make them claimants counted: "jobless claims", "first-time unemployment claims".
_COUNTED_CLAIMS: Final[frozenset[str]] = frozenset(
    {"jobless", "unemployment", "initial", "continuing", "first-time"}
)
#: Lead words that compare a story figure with an amount before it ("after", "from", "against", "versus").
_COMPARISON_LEADS: Final[frozenset[str]] = frozenset({"after", "from", "against", "vs", "vs.", "versus"})
#: Words of a clause with no subject of its own before a story figure ("and the remaining 30 billion", "and a
#: further 40 mln", "of more than"): the sentence before it says what the figure is.
_STORY_GLUE_WORDS: Final[frozenset[str]] = frozenset(
    {"the", "a", "an", "remaining", "further", "additional", "other", "another", "some", "about", "around"}
    | {"first", "second", "final"}
    | {"nearly", "almost", "estimated", "more", "less", "than", "over", "under", "up", "down", "by", "with"}
    | {"revised", "provisional", "initial", "previous", "earlier", "original", "projected", "planned", "just"}
    # an earlier report of the same figure: "revised from the previously reported 108.44 billion"
    | {"previously", "originally", "initially", "reported"}
    # a participle going on with the sentence's subject: "spending is forecast at £88.2bn, rising to 108.4bn"
    | {
        "rising",
        "falling",
        "climbing",
        "dropping",
        "growing",
        "increasing",
        "decreasing",
        "declining",
        "then",
    }
    # ("the deficit of C$28.5 billion for 2017-18, narrowing to 18.8 billion by 2021-22")
    | {"narrowing", "widening", "shrinking", "easing", "swelling"}
)


def _counted_clause(text: str, lo: int, hi: int) -> bool:
    """Whether a noun of things counted (``curated.COUNTED_CLAUSE_NOUNS``) stands in ``text[lo:hi]`` (code points)
    after its last clause break (a comma, "while", "and", "but", "whereas")."""
    words = _CLAUSE_COMMA.sub(" , ", text[lo:hi].lower()).split()
    for word in reversed(words):
        if word in (",", "while", "and", "but", "whereas", "as"):
            return False
        if word in curated.COUNTED_CLAUSE_NOUNS:
            return True
    return False


#: Words before "of the" and a bare figure that compare it with the amount before: "short of the 6 billion they
#: sought", "a fraction of the 100,000 million requested", "a third of the 350m it needed".
_PART_OF_WORDS: Final[frozenset[str]] = frozenset(
    {"short", "fraction", "half", "third", "quarter", "tenth", "share", "portion", "part", "much", "most"}
)
#: Verbs that compare a result with a forecast before "the" and a bare figure ("beating the 38.9 billion expected").
_EXPECTATION_VERBS: Final[frozenset[str]] = frozenset(
    {
        "beating",
        "beat",
        "beats",
        "missing",
        "missed",
        "topping",
        "exceeding",
        "exceeded",
        "surpassing",
        "trailing",
    }
    | {"short", "than"}  # "short of the 6 billion they sought", "less than the 6 billion"
    # a multiple or a level compared: "more than triple the 9.8 billion collected a year earlier", "above the 500
    # million officials had projected", "double the original 14 billion estimate"
    | {"triple", "double", "twice", "above", "below", "past", "under", "exceed", "exceeds", "beat", "top"}
)
#: A hedge right before a bare figure, skipped to find the word that leads it ("after an estimated 160 mln", "of
#: more than 1.6 billion").
_IMPLIED_HEDGE: Final[re.Pattern[str]] = re.compile(
    # (a degree adverb before it: "worth just under 640m", "slightly more than 2 billion")
    r"[ \u00a0](?:(?:just|slightly|well|a[ \u00a0]+little)[ \u00a0]+)?"
    r"(?:an[ \u00a0]+estimated|estimated|about|around|some|roughly|nearly|almost|approximately|more[ \u00a0]+than"
    r"|less[ \u00a0]+than|over|under|at[ \u00a0]+least|up[ \u00a0]+to|as[ \u00a0]+(?:much|little|many)[ \u00a0]+as"
    # a floor or a cap: "forecast full-year earnings of not less than 130 mln"
    r"|(?:not|no)[ \u00a0]+(?:less|more)[ \u00a0]+than"
    # an earlier figure's adjective: "against a revised 62.1 billion", "from the initial 54.1 trillion", "replacing an
    # expiring 16.2 bln"
    r"|(?:an?|the)[ \u00a0]+(?:revised|provisional|initial|previous|earlier|original|projected|planned|budgeted"
    r"|remaining|additional|further|expected|anticipated|forecast|predicted|expiring|maturing|net|gross"
    # (a sign written as a word: "averaged -156 mln dlrs, against a positive 74 mln")
    r"|positive|negative))"
    r"[ \u00a0]+\Z"
)
#: An earlier record right before a compared figure: " a record ", " the record " (see :func:`_implied`; not a
#: hedge of the story figures, where "a record 1.4 billion" may count tonnes).
_EARLIER_RECORD: Final[re.Pattern[str]] = re.compile(r"[ \u00a0](?:a|the)[ \u00a0]+record[ \u00a0]+\Z")
#: A result or forecast noun (perhaps with a period after it) and "of" right before a figure: "losses for 1987 of
#: ", "a net loss of ", "forecasts yesterday of ".
_RESULT_OF: Final[re.Pattern[str]] = re.compile(
    r"\b(?:loss|losses|profit|profits|deficit|deficits|surplus|income|revenue|revenues|sales|earnings|turnover"
    r"|forecast|forecasts|estimate|estimates|spending|outlays|budget|target"
    # a result's items: "excluding extraordinary gains of 112.4 mln", "charges of 40 mln"
    r"|gain|gains|charge|charges|provision|provisions|reserve|reserves|writedowns?|write-downs?|writeoffs?"
    r"|write-offs?"
    # money-market and credit nouns: "a residual need of 40 to 50 mln", "an earlier pact of 8.1 billion"
    r"|needs?|shortages?|shortfalls?|pacts?|loans?|credits?|facility|facilities|offering|package|programme|program)"
    r"(?:[ \u00a0]+(?:for|in)[ \u00a0]+[^\s,;.]+|[ \u00a0]+(?:yesterday|today|last[ \u00a0]+year))?[ \u00a0]+of"
    r"(?:[ \u00a0]+[a-z]+){0,2}[ \u00a0]+\Z"
)
#: A change verb or noun, a percentage (and at most three words), then "to" right before a figure: "declined 5.6
#: pct to ", "a nine pct decline to ", "rose 12 percent in March to ".
_CHANGE_PCT_TO: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(sorted((re.escape(v) for v in curated.CHANGE_VERBS), key=len, reverse=True))
    + r"|decline|drop|fall|rise|increase|decrease|gain)"
    r"(?:[ \u00a0]+[^\s.;,0-9]+){0,3}[ \u00a0]+(?:[0-9.]+|[a-z]+)[ \u00a0]*(?:pct|percent|per[ \u00a0]cent|%)"
    r"(?:[ \u00a0]+[^\s.;,0-9]+){0,3}[ \u00a0]+to[ \u00a0]+\Z"
    r"|\b(?:[0-9.]+|[a-z]+)[ \u00a0]*(?:pct|percent|per[ \u00a0]cent|%)[ \u00a0]+(?:decline|drop|fall|rise|increase"
    r"|decrease|gain|jump|slump)[ \u00a0]+to[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: A period adjective with its number ("a 16-year high"): no other amount between two compared ones.
_PERIOD_ADJECTIVE: Final[re.Pattern[str]] = re.compile(r"\b[0-9]{1,3}-(?:year|month|week|day)\b")
#: The end of a gap that compares the amount after it with a per-unit amount before it ("20.75 cents per share
#: from 19 cents", "EPS $1.12 vs. $0.98", "$1.93 per share, beating the average estimate of $1.85").
_COMPARED_GAP_END: Final[re.Pattern[str]] = re.compile(
    r"(?:\bfrom|\bvs\.?|\bversus|\bcompared (?:with|to)|\bagainst|\binstead of|\brather than|\bestimates? of"
    r"|\bforecasts? of"
    r"|\b(?:rising|falling|climbing|rises|rise|falls|fall) to|\bto reach|\breaching"
    r"|\bconsensus of|\bexpectations? of|\b(?:average|median) of)[ \u00a0]+"
    # a determiner and an adjective: "from an earlier $17", "from the original $17", "against a previous $1.10"
    r"(?:(?:an?|the|its|their)[ \u00a0]+(?:earlier|previous|prior|original|initial|first|proposed|planned"
    r"|indicated|indicative|expected|record|revised)[ \u00a0]+)?"
    # a plan or target: "versus a plan of US$29.50", "against a budget of $31"
    r"(?:(?:an?|the|its|their)[ \u00a0]+(?:plan|planned|budget|budgeted|target|guidance)[ \u00a0]+of[ \u00a0]+)?"
    # a high or low: "from a 16-year high of $106", "up from a record low of 89 cents"
    r"(?:(?:an?|the|its|their)[ \u00a0]+(?:[0-9]{1,3}-(?:year|month|week|day)[ \u00a0]+|record[ \u00a0]+"
    r"|all-time[ \u00a0]+|multi-?year[ \u00a0]+)?(?:high|low|peak)[ \u00a0]+of[ \u00a0]+)?"
    r"(?:(?:about|around|roughly|some|approximately|nearly|almost)[ \u00a0]+)?\Z",
    re.IGNORECASE,
)


#: What marks a "$ … $" pair as TeX inline math: an operator, a TeX command or group, or content that is
#: only a number, a tuple or an escaped percent ("$5$", "$(3,3)$", "$45\%$").
_TEX_SIGNAL: Final[re.Pattern[str]] = re.compile(r"[=<>^_{}\\]|\A[0-9.,() ]+\Z|\\%")


_UNESCAPED_DOLLAR: Final[re.Pattern[str]] = re.compile(r"(?<!\\)\$")
#: The ISO codes of the dollar family (a code after a bare "$" settles it: "$25 AUD").
_DOLLAR_FAMILY_CODES: Final[frozenset[str]] = frozenset(c for c in FAMILIES["dollar"] if c is not None)
#: Currencies outside the dollar family whose own press writes "$", which a currency name after a "$" amount
#: settles: the pesos (curated.DOLLAR_SIGN_PESOS), the Samoan tala and the Tongan paʻanga ("$5 tala", "$1.5
#: million pa'anga"; curated.DOLLAR_SIGN_PACIFIC).
_DOLLAR_SIGN_CURRENCIES: Final[frozenset[str]] = (
    curated.DOLLAR_SIGN_PESOS | curated.DOLLAR_SIGN_PACIFIC | {"MXN"}
)


def _in_tex_math(text: str, start: int, end: int) -> bool:
    """Whether the amount at ``start``–``end`` lies inside (or its "$" delimits) a TeX inline math span.

    The unescaped "$" signs of the amount's sentence (its line, up to a sentence end ". ", "! ", "? "; at most
    400 code points either side, longer ones are never read as TeX) pair up in order, as TeX pairs them. The line is TeX only when every pair opens
    before a non-space character and closes after one, before no digit (a money sign precedes its number, a
    closing "$" does not): "$5 and $10", "$1.00 = ¥150 and $3" stay money. The amount's pair must then hold an
    operator, a TeX command or only a number (:data:`_TEX_SIGNAL`): "There are $5$ firms", "$45\\%$",
    "$(3,3)$", "$S(p) = 2p$". A number closed by a "$" glued right after it ("$5$", "$(3,3)$") is TeX on any
    line, an odd count of signs too: "There are $5$ firms and the price is $10" reads only the $10."""
    if (
        text.startswith("$", start)
        and text.startswith("$", end)
        and end - start > 1
        and not text[end + 1 : end + 2].isdigit()
        and _TEX_SIGNAL.search(text[start + 1 : end]) is not None
    ):
        return True  # "$5$" closed right after its number, whatever the line's other signs: "$5$ firms … $10"
    floor = max(0, start - 400)
    starts = [
        i + len(mark) for mark in ("\n", ". ", "! ", "? ") if (i := text.rfind(mark, floor, start)) != -1
    ]
    if starts:
        lo = max(starts)
    elif start > 400:
        return False  # (no line or sentence start within 400 code points: never read as TeX)
    else:
        lo = 0
    ends = [i for mark in ("\n", ". ", "! ", "? ") if (i := text.find(mark, end, end + 400)) != -1]
    if ends:
        hi = min(ends)
    elif len(text) - end > 400:
        return False
    else:
        hi = len(text)
    if text.count("$", lo, hi) < 2:
        return False
    signs = [m.start() for m in _UNESCAPED_DOLLAR.finditer(text, lo, hi)]
    if len(signs) < 2 or len(signs) % 2:
        return False
    inside: str | None = None
    for opener, closer in zip(signs[::2], signs[1::2], strict=True):
        if (
            text[opener + 1].isspace()
            or text[closer - 1].isspace()
            or text[closer + 1 : closer + 2].isdigit()
        ):
            return False
        if opener <= start <= closer or opener < end <= closer + 1:
            inside = text[opener + 1 : closer]
    return inside is not None and _TEX_SIGNAL.search(inside) is not None


#: A scale word hyphened to "dollar" after a space: the end of "28 billion-dollar", "three million-dollar".
_SPACED_SCALE_DOLLAR: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](?:thousand|million|billion|trillion)-dollar\Z", re.IGNORECASE
)
_PACK_NOUNS: Final[frozenset[str]] = curated.PACK_NOUNS
#: A plural noun (lower case, ending in "s" but not "ss"/"us"/"is"): "disasters", "homes", "companies".
_PLURAL_NOUN: Final[re.Pattern[str]] = re.compile(r"[a-z]+(?<!s)(?<!u)(?<!i)s|[a-z]+ies")
#: The face-value idiom after a minor-unit amount: " on the dollar", " on the euro" (a bond's price or a
#: creditors' recovery as a share of face value). Not " in the pound": a British tax rate written so ("to 27
#: pence in the pound") is read as money, as news annotators read it.
_ON_THE_MAJOR: Final[re.Pattern[str]] = re.compile(
    # (not "of every dollar": "spent 84 cents of every dollar on programs" is a sum per dollar, as held-out
    # reviewers read it)
    r" on (?:the|every|each) (?:dollar|euro)(?![^\W\d_])",
    re.IGNORECASE,
)
#: A country's short form after a "$" amount, ending its phrase: " US,", " U.S.", " Cdn." (not "$5 billion US aid",
#: whose "US" qualifies the noun after it).
_COUNTRY_TAG_AFTER_DOLLAR: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](US|U\.S\.|Cdn|CDN)(?=\.?[ \u00a0]*(?:[,;:)\]\n]|\Z)|\.[ \u00a0]|[ \u00a0]+(?:over|for|in|a|an|per|each|to"
    r"|and|or|from|on|at|with|which|that|last|this|plus|including|annually|yearly)\b)"
)
#: "in US dollars" or "(US dollars)" right after a "$" amount (and its rate): the dollar it names ("worth $14 million
#: a season in US dollars", "$14 million (US dollars)"; group 1: the qualified name, read with ``NAMES``).
_IN_NAMED_DOLLARS_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+(?:a|an|per)[ \u00a0]+[a-z]+)?,?[ \u00a0]+(?:in[ \u00a0]+|\()"
    r"((?:US|U\.S\.|American|Canadian|Australian|New[ \u00a0]Zealand|Hong[ \u00a0]Kong|Singapore|Taiwan)"
    r"[ \u00a0]+dollars)\b"
)
#: A dollar's country adjective right after a "$" amount that ends its phrase ("$1.5 billion Canadian—", "$40
#: Australian." ; not "$5 million Canadian deal"): group 1.
_DOLLAR_ADJECTIVE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](Canadian|Australian|American|New[ \u00a0]Zealand|Singapore|Hong[ \u00a0]Kong)"
    r"(?=[ \u00a0]*(?:[\u2014\u2013,.;:)!?]|\Z))"
)
#: An opening bracket and a hedge right before a figure: "(about ", "(roughly ", "(or some ".
_BRACKET_HEDGE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\((?:or[ \u00a0]+)?(?:about|around|roughly|some|approximately|nearly|almost|just[ \u00a0]+over"
    r"|just[ \u00a0]+under)[ \u00a0]+\Z"
)
#: A dollar's country alone after a scaled figure that closes a bracket ("(2.9 mln U.S.)", "(4.1 mln Canadian)"):
#: group 1, a key of ``curated.DECLARATION_SHORT_FORMS``.
_BRACKET_DOLLAR_COUNTRY: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0](U\.S\.|US|Cdn\.?|Canadian|Australian|American|New[ \u00a0]Zealand|Hong[ \u00a0]Kong)(?=\))"
)
#: A country's short form after "cents" ("73.21 cents US", "71 cents U.S.", "68 cents Cdn"): upper case only.
_CENTS_COUNTRY: Final[re.Pattern[str]] = re.compile(r" (U\.S\.|US|Cdn\.?)(?![^\W_])")
#: "by" (and "by an average of", "by about") right before a change amount: "rise by kr 20 to kr 399 a month".
_CHANGE_BY_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\bby (?:(?:an average of|an? (?:extra|additional|further)|about|around|some|roughly|nearly|almost) )?\Z",
    re.IGNORECASE,
)
#: A time phrase with numbers in it between a rate and the amount compared with it: " on June 1", " in 2025",
#: " in week 12", " from 1 April", " in Q3".
_DATED_PHRASE: Final[re.Pattern[str]] = re.compile(
    r" (?:on|in|from|since|by|as of|at|for|starting|beginning|effective) (?:the )?(?:week [0-9]{1,2}|(?:1[789]|20)[0-9]{2}(?:-[0-9]{2})?"
    r"|Q[1-4](?: (?:19|20)[0-9]{2})?|[A-Z][a-z]{2,8}\.? [0-9]{1,2}(?:st|nd|rd|th)?(?:,? (?:19|20)[0-9]{2})?"
    r"|[0-9]{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}(?: (?:19|20)[0-9]{2})?)(?![0-9])"
)
#: The gap between two amounts of a table row or a prior-period bracket ("Basic EPS 31.2p 27.9p", "45.2p (2023:
#: 40.1p)", "(FY23: 10.5 cents)", "(previous year: EUR 297 thousand)", "(2023: earnings of 2.1p)").
_COMPARATIVE_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0\t]+|[ \u00a0]*[(\[](?:(?:FY|H[12]|Q[1-4])?[ ']?[0-9]{2,4}(?:[/-][0-9]{2,4})?|(?:the )?(?:previous|prior|last)"
    # a broker note's earlier figure: "TP Rs 1,900 (from 1,780)", "(prev. 85,000)", "(previously 41.50)"
    r" (?:year|period)|was|from|prev\.?|previously|prior|old)[ \u00a0]*:?[ \u00a0]*(?:[a-z]+ of[ \u00a0]+)?",
    re.IGNORECASE,
)
#: The gap before an added bare sum: a short phrase with no number, sign or clause end, then "and another", "and a
#: further", "and an additional", "and an extra".
_ANOTHER_GAP: Final[re.Pattern[str]] = re.compile(
    r"[^.;:!?$€£¥0-9\n]{0,48}?[ \u00a0]+and[ \u00a0]+(?:another|a further|an additional|an extra)[ \u00a0]+"
)
#: The bracket of an amount's earlier figure, written bare: " (from ", " (prev. ", " (was ", " (previously ".
_EARLIER_FIGURE_GAP: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]*\((?:from|prev\.?|previously|prior|was|old)[ \u00a0]*:?[ \u00a0]*", re.IGNORECASE
)
#: A comparison after a comma ("N1,030 per litre, up from N617", "49 cents/kWh, compared with 38 cents").
_COMMA_COMPARED: Final[re.Pattern[str]] = re.compile(
    r",[ \u00a0]+(?:(?:up|down|reduced|cut|lowered|raised|increased|decreased|slashed)[ \u00a0]+from|from"
    r"|(?:rising|falling|climbing) to|(?:and )?(?:is )?(?:scheduled|set|expected|due) to reach"
    r"|compared (?:with|to)|against|versus|vs\.?"
    # a level against a benchmark: "$14,800 per student, below the state average of $16,200"
    r"|(?:above|below|under|over|near) (?:the|a) (?:[a-z-]+ ){0,2}(?:average|median) of)[ \u00a0]+"
    r"(?:(?:an?|the|its|their)[ \u00a0]+(?:plan|planned|budget|budgeted|target|guidance)[ \u00a0]+of[ \u00a0]+)?"
    # a high or low: "from a 16-year high of $106", "up from a record low of 89 cents"
    r"(?:(?:an?|the|its|their)[ \u00a0]+(?:[0-9]{1,3}-(?:year|month|week|day)[ \u00a0]+|record[ \u00a0]+"
    r"|all-time[ \u00a0]+|multi-?year[ \u00a0]+)?(?:high|low|peak)[ \u00a0]+of[ \u00a0]+)?"
    r"(?:(?:about|around|roughly|some|approximately|nearly|almost)[ \u00a0]+)?\Z",
    re.IGNORECASE,
)


#: The gap to the next item of a list of compared amounts: a short place or group phrase, then "and"/"or"/","
#: ("$6,000 at Yale and $7,000 at Brown", "$11,260 at public schools, $41,540 at private ones").
_LIST_NEXT_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?: (?:at|in|for|from) [^\W\d_]+(?:[ -][^\W\d_]+){0,3})?(?:,? and|,? or|,) "
)


#: A percentage change in a comparison's gap ("up 49% from", "down 3.5 per cent from").
_GAP_PERCENT: Final[re.Pattern[str]] = re.compile(r" [0-9]{1,3}(?:\.[0-9]+)?(?:%| ?per ?cent| percent)(?= )")
#: The gap of two parallel amounts, each with its own phrase ("$10 a day for adults and $5 for children"):
#: group 1 is the preposition, which must follow the second amount too.
_PARALLEL_PHRASE_GAP: Final[re.Pattern[str]] = re.compile(
    r" (for|in|at) [^\W\d_]+(?:[ -][^\W\d_]+){0,3}(?:,? and|,? or|,) "
)


def _carry_compared_units(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Give an amount without a per-unit the per-unit of the amount before it in the same currency when the
    text compares the two ("20.75 cents per share from 19 cents", "EPS $1.12 vs. $0.98 a year ago", "$25 billion
    a month from $60 billion", "N1,030 per litre, up from N617", "… beating the average estimate of $1.85"): one
    clause, at most 80 code points between, no other number; a table row's next cell and a prior-period
    bracket too ("Basic EPS 31.2p 27.9p", "45.2p (2023: 40.1p)"). Either of "from X to Y" takes the other's
    unit ("from £96 to £142 a month", "the monthly charge would rise from $14 to $17.50"). Changes ``amounts`` in place and returns it."""
    # (amounts without a currency, such as a year between, drop out: their text stays in the gap)
    carried: list[
        _Amount
    ] = []  # the amounts given their unit by a comparison (the last one of a list reads on)
    for a, b in itertools.pairwise([x for x in amounts if x.currency is not None]):
        if (a.per_unit is None) == (b.per_unit is None):
            continue
        if (
            carried
            and carried[-1] is a
            and b.per_unit is None
            and b.amount_max is None
            and _LIST_NEXT_GAP.fullmatch(text, a.end, b.start) is not None
            and _similar_size(a, b)
        ):
            # "$3,990 a year, versus $6,000 at Yale and $7,000 at Brown": the list of compared amounts
            b.per_unit = a.per_unit
            carried.append(b)
            continue
        if a.currency != b.currency and not _may_be_same_currency(a.currency, b.currency):
            continue
        gap = text[a.end : b.start]
        if (
            a.per_unit is not None
            and b.amount_max is None
            and (pair := _PARALLEL_PHRASE_GAP.fullmatch(text, _unit_end(text, a), b.start)) is not None
            and text.startswith(f" {pair.group(1)} ", b.end)
            and _similar_size(a, b, 4)
        ):
            # "$10 a day for adults and $5 for children", "Weekly camp costs $165 for residents and $195 for
            # non-residents": parallel phrases, one rate
            b.per_unit = a.per_unit
            continue
        if a.per_unit is None:
            if (
                b.amount_max is None
                and b.start - a.end == 4
                and gap.lower() == " to "
                and a.amount_max is None
                and (
                    (_word_before(text, a.start) == "from" and _similar_size(a, b))
                    or _CHANGE_BY_BEFORE.search(text, max(0, a.start - 24), a.start) is not None
                )
            ):
                a.per_unit = b.per_unit  # "from £96 to £142 a month", "by kr 20 to kr 399 a month": monthly
            continue
        if "(" in gap:
            pu = _per_unit(text, a.end)
            unit_end = pu[1] if pu is not None and pu[1] <= b.start else a.end
            if _INTERVAL_GAP.fullmatch(text, unit_end, b.start) is not None and _similar_size_or_range(a, b):
                b.per_unit = a.per_unit  # "US$ 215 per DALY averted (range US$ 41–1,850)", "(95% CI £10–£14)"
                continue
        if b.amount_max is None and (
            _COMPARATIVE_GAP.fullmatch(gap) is not None
            or (
                len(gap) <= 24
                and gap.endswith(" to ")
                and _DATED_PHRASE.sub("", gap).replace(" ", "").isalpha()  # ("from $17.10 in 1990 to")
                and a.amount_max is None
                and _word_before(text, a.start) == "from"
            )
        ):
            if _similar_size(a, b):  # (and "would rise from $14 a month to $17.50")
                b.per_unit = a.per_unit  # "Basic EPS 31.2p 27.9p", "45.2p (2023: 40.1p)"
            continue
        if (
            b.amount_max is None
            and a.amount_max is None
            and len(gap) <= 24
            and gap.endswith(" to ")
            and gap.replace(" ", "").isalpha()
            and _CHANGE_BY_BEFORE.search(text, max(0, a.start - 24), a.start) is not None
        ):
            b.per_unit = (
                a.per_unit
            )  # "rose by an average of Fr. 22.70 a month to Fr. 378.70": the new level's
            continue
        # ("$6.40 per gallon starting Jan. 1, up from $5.95", "TL 17,002 a month, up 49% from TL 11,402"; a size
        # in the unit is no other amount: "Sh2,500 per 50kg bag, down from Sh6,500")
        if a.per_unit is not None and any(c.isdigit() for c in gap):
            gap = text[_unit_end(text, a) : b.start]
        undated = _GAP_PERCENT.sub("", _DATED_PHRASE.sub("", _PERIOD_ADJECTIVE.sub("", gap)))
        if len(gap) > 80 or (any(c in undated for c in ".;!?\n") and not gap.rstrip().endswith("vs.")):
            continue
        if (any(c.isdigit() for c in gap) and any(c.isdigit() for c in undated)) or (
            compared := _COMPARED_GAP_END.search(gap)
        ) is None:
            continue  # (a date may stand between: "$17.85 an hour on June 1, up from $17.40")
        if (
            "," in gap
            and not compared.group().lower().startswith(("estimate", "forecast", "consensus", "expect"))
            and (gap.count(",") > 1 or _COMMA_COMPARED.search(undated) is None)
        ):
            continue  # "$2,450 an ounce before easing, against $5 million a year earlier": another clause
        # (a range either side: "45 to 50 cts a share, vs 62 cts", "$14 a share from an earlier $17 to $19")
        if _similar_size_or_range(a, b):
            b.per_unit = a.per_unit
            carried.append(b)
    return amounts


def _unit_is_currency_of(unit: str | None, currency: str | None) -> bool:
    """Whether a per-unit names the currency (ISO code or "@family") itself: "C$1.3550 per U.S. dollar, or 73.80
    U.S. cents" restates an exchange rate the other way round, so the cents are per nothing."""
    if unit is None or currency is None:
        return False
    named = NAMES.get(unit.lower())
    return named is not None and (named == currency or _may_be_same_currency(named, currency))


def _may_be_same_currency(first: str | None, second: str | None) -> bool:
    """Whether two currency targets (ISO codes or "@family") may name one currency before resolution: a family
    and one of its members ("80p" GBP and "£1.10" @pound), or two families (resolved alike later)."""
    if first is None or second is None:
        return False
    if first[0] == "@" and second[0] == "@":
        return True
    if first[0] == "@":
        return second in FAMILIES.get(first[1:], ())
    if second[0] == "@":
        return first in FAMILIES.get(second[1:], ())
    return False


#: A bracket of an interval after a per-unit price: "(range ", "(95% CI ", "(IQR: ", "(95% UI ", "(".
_INTERVAL_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+[a-z]+)?[ \u00a0]*[(\[](?:range|(?:95|90)%[ \u00a0]*(?:CI|UI|confidence interval)|CI|UI|IQR|SD"
    r"|uncertainty interval|interquartile range)?[:,]?[ \u00a0]*",
    re.IGNORECASE,
)


def _similar_size_or_range(a: _Amount, b: _Amount) -> bool:
    """:func:`_similar_size`, with a range (``a``, ``b`` or both) compared by its lower bound (its value,
    already scaled)."""
    if a.amount_max is None and b.amount_max is None:
        return _similar_size(a, b)
    lo, hi = sorted(
        (x.value / x.divisor if x.amount_max is not None else _major_value(x) or Decimal(0)) for x in (a, b)
    )
    return lo > 0 and hi <= 20 * lo


#: The widest ratio of one sum's figure in two currencies (major units): about 25,000 dong or 16,000 rupiah
#: to the dollar, with room (ECB and central-bank reference rates of the 2020s).
_EXCHANGE_SPREAD: Final[int] = 100_000


def _similar_size(a: _Amount, b: _Amount, factor: int = 20) -> bool:
    """Whether the two amounts (major units) are within ``factor`` (20 unless given) of each other and
    positive: figures of different sizes are no like-for-like comparison, nor a restatement in another
    currency beyond :data:`_EXCHANGE_SPREAD`."""
    lo, hi = sorted((_major_value(a) or Decimal(0), _major_value(b) or Decimal(0)))
    return lo > 0 and hi <= factor * lo


def _compared_noun_of(text: str, start: int) -> bool:
    """Whether "of" before ``start`` ends "<comparison word> [a/the] <noun> of" ("against spending of", "from a
    target of", "compared with costs of", "compared with a net loss of"): a noun phrase of at most three lower-case
    words after the word."""
    _, k = _prev_word(text, start)  # "of"
    for n in range(3):  # ("compared with a net loss of 1.53 billion")
        word, k = _prev_word(text, k)
        if not word.isalpha() or not word.islower() or (n == 0 and word in curated.COUNTED_CLAUSE_NOUNS):
            return False  # (nor a count: "compared with a previous population of 9 billion")
        before = _word_before(text, k)
        if before in _IMPLIED_LEADS or ((before == "with" or before == "to") and _compared_before(text, k)):
            return True
        if word not in ("a", "an", "the") and before not in _COMPARED_NOUN_MODIFIERS:
            return False
    return False


#: Words a compared noun phrase may hold before its noun ("compared with a previous goal of 9 billion").
_COMPARED_NOUN_MODIFIERS: Final[frozenset[str]] = frozenset(
    {
        "a",
        "an",
        "the",
        "its",
        "their",
        "previous",
        "earlier",
        "original",
        "revised",
        "initial",
        "prior",
        "old",
    }
)


def _compared_before(text: str, start: int) -> bool:
    """Whether "compared" (or "comparison") stands right before the word before ``start`` ("compared with")."""
    _, lead_start = _prev_word(text, start)
    return _word_before(text, lead_start) in ("compared", "comparison", "compares", "compare")


def _complete_short_quote(text: str, a: _Amount, b: _Amount) -> None:
    """Bid/offer quotes written "1.5320/30", "150.40/50": a second number of fewer digits than the first
    replaces the first number's last digits (newswire usage), so ``b.value`` becomes 1.5330 / 150.50."""
    short = text[b.nstart : b.nend]
    if a.words or b.words or a.exp is not None or not short.isdigit():
        return
    first = text[a.nstart : a.nend]
    if not first[:1].isdigit() or sum(c.isdigit() for c in first) <= len(short):
        return
    chars = list(first)
    k = len(short)
    for j in range(len(chars) - 1, -1, -1):
        if k == 0:
            break
        if chars[j].isdigit():
            k -= 1
            chars[j] = short[k]
    value = numbers.parse_digits("".join(chars))
    if value is not None:
        b.value = value


def _year_like(text: str, a: _Amount) -> bool:
    """True when ``a`` is a bare year-like number: four digits 1900-2099, no separator, decimal or scale; the two
    digits after such a year and a slash or hyphen ("1987/88"); or an earlier year after "in", "since", "until" or
    "circa" ("in 1066", "since 1850")."""
    if (
        a.exp is None
        and a.nend - a.nstart == 2
        and text[a.nstart : a.nend].isdigit()
        and _FISCAL_YEAR_TAIL.search(text, max(0, a.nstart - 5), a.nstart) is not None
        and (a.nstart < 6 or text[a.nstart - 6] in " \u00a0(\n\t")  # (not "$1987/88", a quote)
    ):
        return True  # a fiscal year's second year: "1987/88 sales", "the 2024-25 budget"
    if a.exp is not None or a.nend - a.nstart not in (3, 4) or not text[a.nstart : a.nend].isdigit():
        return False
    year = int(text[a.nstart : a.nend])
    if 1900 <= year <= 2099 and a.nend - a.nstart == 4:
        return True
    return 1000 <= year < 1900 and _word_before(text, a.nstart) in _YEAR_PREPOSITIONS


_YEAR_UNIT_VERBS: Final[frozenset[str]] = curated.YEAR_UNIT_VERBS
#: Words before a number of 1000-1899 that make it a year ("in 1066 and 60 shillings").
_YEAR_PREPOSITIONS: Final[frozenset[str]] = frozenset({"in", "since", "until", "circa", "c.", "by"})


def _word_before(text: str, start: int) -> str:
    """The word before ``start`` in lower case, without an opening quote or bracket ('"between', "(from")."""
    window = text[max(0, start - 16) : start].split()
    return window[-1].lower().lstrip(_OPENERS) if window else ""


#: Opening quotes and brackets glued before a word.
_OPENERS: Final[str] = "\"'(\u201c\u2018[{"


#: "add" right before an amount ("adds $750 to $1,500"), at most one hedge word between.
_ADD_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\badd(?:s|ed|ing)? (?:(?:about|around|roughly|some|another|an extra) )?\Z", re.IGNORECASE
)


#: A later em dash in the same sentence: the one before an amount opened an aside ("£1 million—£3 million for a
#: married couple—at …").
_DASH_LATER: Final[re.Pattern[str]] = re.compile(r"[^.;!?\n\u2014]{0,160}\u2014")
#: Plural nouns of change before "of" and a range: "price rises of £3 to £4 a month" (many rises, a range of them).
_PLURAL_CHANGE_NOUNS: Final[frozenset[str]] = frozenset(
    {"rises", "increases", "hikes", "cuts", "reductions", "falls", "drops", "jumps", "raises"}
)
#: A change verb, its object (up to eight words) and "to" right before a new level: "rose to ", "raised its offer
#: to ", "cut the price to ", "raised the annual trade licence fee for small eateries to ".
_CHANGE_VERB_TO: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(sorted((re.escape(v) for v in curated.CHANGE_VERBS), key=len, reverse=True))
    # (a percentage among them: "slipped 3% year over year to $448,500")
    + r")(?:[ \u00a0]+(?:[^\s.;,0-9]+|[0-9]{1,3}(?:\.[0-9]+)?%)){0,8}[ \u00a0]+to[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: A change verb, "<amount> to <amount>" and a phrase of up to 60 code points, then "and" right before an amount:
#: a second change whose verb is elided ("rose $2.41 to $378.95 per cwt for Choice and $1.05 to $356.20").
_ELIDED_CHANGE: Final[re.Pattern[str]] = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(sorted((re.escape(v) for v in curated.CHANGE_VERBS), key=len, reverse=True))
    + r")[ \u00a0]+(?:by[ \u00a0]+)?[^\s.;]*[0-9][^\s;]*[ \u00a0]+to[ \u00a0]+[^\s.;]*[0-9][^\s;]*"
    r"[^.;!?\n]{0,60}?[ \u00a0,]and(?:[ \u00a0]+[^\W\d_]+)?[ \u00a0]+\Z",
    re.IGNORECASE,
)


#: A first "from X to Y" (group "x": its X), then "and", up to four words (hyphenated ones too: "the on-site camping
#: upgrade") and "from" right before an amount.
_ELIDED_FROM_CHANGE: Final[re.Pattern[str]] = re.compile(
    r"\bfrom[ \u00a0]+(?P<x>[^\s.;]*[0-9][^\s;]*)[ \u00a0]+to[ \u00a0]+[^\s.;]*[0-9][^\s;]*[^.;!?\n]{0,40}?"
    r"[ \u00a0,]and(?:[ \u00a0]+[^\W\d_]+(?:-[^\W\d_]+)*){0,4}[ \u00a0]+from[ \u00a0]+\Z"
)


def _change_before(text: str, start: int) -> bool:
    """True when a change verb (``curated.CHANGE_VERBS``) stands before ``start``, directly or across words of
    ``curated.CHANGE_BRIDGE_WORDS`` ("rose $5", "jumped from $4bn", "rose by an average of £95"): then "X to Y"
    is a change from X to Y, two amounts, not a range."""
    objects = 0  # words of an object between the verb and "from" ("lifted its dividend from 40p to 45p")
    lead = _word_before(text, start)
    if (lead == "and" or _word_before(text, _prev_word(text, start)[1]) == "and") and _ELIDED_CHANGE.search(
        text, max(0, start - 160), start
    ) is not None:
        # "rose $2.41 to $378.95 per cwt for Choice and $1.05 to $356.20 for Select", "Sugar fell $6.40 to $421.30
        # and cocoa $312 to $5,806": the verb elided
        return True
    if (
        lead == "from"
        and (elided := _ELIDED_FROM_CHANGE.search(text, max(0, start - 140), start)) is not None
    ):
        # "lifting the bottom threshold from $14,000 to $22,000 and the next one from $48,000 to $52,000": a second
        # change whose verb is left out is a change as the first is
        return _change_before(text, elided.start("x"))
    if lead in _QUAL_HEDGES:  # "roughly doubled, from about $29,000 to about $62,000"
        lead = _word_before(text, _prev_word(text, start)[1])
    if lead == "from" and _word_before(text, _prev_word(text, start)[1]).lower() == "anywhere":
        return False  # "hopes to raise anywhere from $8k to $12k": the bounds of an estimate, a range
    if lead == "from" and _EARLIER_LEVEL_FROM.search(text, max(0, start - 20), start) is not None:
        # "fines of between $300 and $600, up from $80 to $100 a decade ago": the earlier level, a range
        return False
    words_before = text[max(0, start - 140) : start].split()[-14:]
    for index, word in enumerate(reversed(words_before)):
        if index > 0 and word[-1:] in ".!?" and word[:-1].isalpha() and word[:-1].islower() and len(word) > 4:
            return False  # a sentence ended ("Output was cut by 5 per cent. New flats are selling from HK$5.98m")
        word = word.lower()
        if (
            index > 0
            and word.endswith(",")
            and index + 1 < len(words_before)
            and words_before[-index - 2].lower() == "by"
            and _CHANGE_SIZE_WORD.fullmatch(word) is not None
        ):
            continue  # the change's size between: "will rise by 10p, from £6.40 to £6.50"
        if (index == 0 and word in _RAISE_FUNDS) or (
            index == 1 and lead == "from" and (word == "raise" or word == "raising")
        ):
            # "would raise $2 billion to $3 billion annually", "hopes to raise from €4bn to €6bn": a sum collected
            # (no object between the verb and "from"; not the passive "prices were raised from $4 to $5"), a range
            return False
        if word in curated.RANGE_LEADS:
            return False  # "hit by the storm will receive payments ranging from $500 to $5,000": a range
        if index == 1 and lead == "of" and word in _PLURAL_CHANGE_NOUNS:
            return False  # "price rises of £3 to £4 a month", "increases of 10p to 20p": the rises' range
        if (
            lead == "from"
            and objects >= 1
            and word in curated.OBJECT_CHANGE_VERBS
            and not any(
                w.lower() in ("who", "which", "that", "whose", "whom") or any(c.isdigit() for c in w)
                for w in words_before[len(words_before) - index :]
            )
        ):
            # a verb that moves its object from one level to another: "taking the full new state pension from
            # £185.15 to £203.85 a week", "would take a first-year doctor's basic salary from £32,398 to £36,616" (an
            # object between; not "brought $85 to $110 each", nor "took in 4,230 victims who invested sums from")
            return True
        if (
            (word in _CHANGE_VERBS or (word[-1:] in ",:" and word[:-1] in _CHANGE_VERBS))
            and not (
                word == "adjusted"
                and index > 0
                and words_before[len(words_before) - index].lower() in _ADJUSTED_RESULT_NOUNS
            )
            # ("by" leads a change's size, "by $2 to $40", never a verb with an object: "a package due by August
            # would be worth from eight to 10 trillion yen" is a range)
            and not (word == "by" and objects > 0)
        ):
            return (
                True  # ("nearly doubled, from $6,500 to $12,000", "Prices were raised: a latte from $4.50")
            )
        if word in _CHANGE_BRIDGE or _PERCENT_CHANGE.fullmatch(word) or (index == 0 and word in _QUAL_HEDGES):
            continue
        if (
            objects < 12
            and index > objects
            # ("Raised prices: flat white from $4.50 to $5"; "doubled under the 2017 law, from $6,500 …")
            # (a label with digits too: "lifts the after-tax NPV8 from US$380M to US$455M", "its popular 28-day
            # plan from Rs 239 to Rs 299")
            and (
                # (an object does not run across a clause's comma, but the comma may close it before "from":
                # "doubled under the 2017 law, from $6,500"; not "hosted by the UK and Ireland, and tickets for group
                # games will be priced from £30")
                (
                    word[:1].isalpha()
                    # (a possessive in the object too: "raised master's stipends from R$1,500 to R$2,100", "raise
                    # the residents' parking permit from £150 to £250")
                    and word.rstrip(":" if index > 1 else ":,")
                    .removesuffix("'s")
                    .removesuffix("\u2019s")
                    .rstrip("'\u2019")
                    .replace("-", "")
                    .isalnum()
                )
                or _YEAR_WORD.fullmatch(word) is not None
                or _SIZED_WORD.fullmatch(word) is not None
            )
            and lead == "from"
        ):
            # up to twelve words of an object, hyphenated ones too ("raised its full-year operating profit
            # forecast from ¥4.0 trillion to ¥4.3 trillion", "raised their price target on shares of Orion Dental
            # Labs from $150.00 to $175.00")
            objects += 1
            continue
        return False
    return False


#: Result nouns after "adjusted" that make it an adjective, not a change verb ("expects adjusted earnings from $5.10 to
#: $5.30 per share" is a range).
_ADJUSTED_RESULT_NOUNS: Final[frozenset[str]] = frozenset(
    {
        "earnings",
        "eps",
        "profit",
        "profits",
        "income",
        "ebitda",
        "ebit",
        "ebita",
        "net",
        "operating",
        "revenue",
    }
    | {"sales", "loss", "losses", "results", "figures", "margin", "margins", "pretax", "pre-tax", "diluted"}
    # (a tax base: "modified adjusted gross income")
    | {"gross", "taxable", "basis", "cost"}
)
#: A change's size as one word and a comma: "10p,", "$1.50,", "5%,", "€2bn," (see :func:`_change_before`).
_CHANGE_SIZE_WORD: Final[re.Pattern[str]] = re.compile(r"[^\w\s]{0,3}[0-9][0-9.,]*[a-z%]{0,3},")
_QUAL_HEDGES: Final[frozenset[str]] = curated.FROM_HEDGES
#: "raise" right before the amount: money collected ("the levy would raise $2 billion to $3 billion"), never a
#: change of the amount itself (that needs an object or "from": "raised its dividend from 40p to 45p").
_RAISE_FUNDS: Final[frozenset[str]] = frozenset({"raise", "raises", "raised", "raising"})
#: A size hyphened to a noun, as a modifier of an object ("28-day", "5-year", "100-mbps").
#: ("60-kg", "25kg", "1.5l"; never a scale word: "4.8bn" is an amount)
_SIZED_WORD: Final[re.Pattern[str]] = re.compile(
    r"[0-9]{1,4}(?:\.[0-9]{1,2})?-?(?!(?:bn|b|m|mn|mln|bln|k|tn|trn|million|billion|thousand|trillion|crore|lakh)\b)"
    r"[a-z]+"
)
#: Words after "estimated" that introduce what the estimate assumes ("estimated using a gold price of $1,800").
_ESTIMATE_ASSUMPTION_WORDS: Final[frozenset[str]] = frozenset(
    {"using", "assuming", "based", "applying", "with"}
)
#: A year as a word of an object or phrase ("under the 2017 law,").
_YEAR_WORD: Final[re.Pattern[str]] = re.compile(r"(?:19|20)[0-9]{2},?")
#: A percentage between a change verb and its amounts ("rose by 12.5 percent, from €740 to €833").
_PERCENT_CHANGE: Final[re.Pattern[str]] = re.compile(r"[0-9][0-9.,]*%?,?|(?:percent|per|cent|pct)\.?,?")


def _counts_noun(text: str, end: int) -> bool:
    """True when the word after a bare number ending at ``end`` may be a noun it counts ("2.4 million
    residents"): a word other than the closed-class words of ``curated.MINOR_TAIL_NEXT_WORDS`` and
    ``curated.RANGE_BOUND_NEXT_WORDS`` ("a", "the", "of", "annually" …)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.start() != end:
        return False
    word = m.group(1).lower()
    return word not in _MINOR_TAIL_NEXT and word not in _RANGE_BOUND_NEXT


def _takes_scale(a: _Amount, b: _Amount) -> bool:
    """True when the first of two coordinated amounts may take the second's scale word ("$3, $4 and $5
    billion", "5 and 7 mln dlrs", "$5-7 billion", "Rs 1,500-2,000 crore").

    A number below 1000 does; a number of 1000 or more only when it is of the second number's size (at most
    ten times it): "$500,000 and $1.5 million", "500,000 and 1.5 million dollars" and "£800,000-£1.2m" are
    written complete, never 500 billion or 800 billion.
    """
    return a.value < 1000 or a.value <= 10 * b.value


def _scaled_pair(a: _Amount, b: _Amount) -> tuple[Decimal | None, Decimal | None]:
    """The bounds of a range of ``a`` and ``b`` in major units (``None`` where out of bounds).

    The second bound's scale word applies to a first bound that has none ("$5-7 billion", "£5-£7m"), except
    to a first bound written complete (see :func:`_takes_scale`): "£800,000-£1.2m" is 800000 to 1200000, not
    800 billion to 1.2 million.
    """
    exp_b = b.exp or 0
    exp_a = a.exp if a.exp is not None else (exp_b if _takes_scale(a, b) else 0)
    value_a = a.value
    if (
        a.words
        and b.words
        and a.exp is None
        and value_a == value_a.to_integral_value()
        and 0 < value_a < 10
        and b.value % 100 == 0
        and value_a * 100 < b.value < 1000
    ):
        value_a = (
            value_a * 100
        )  # "five to six hundred euros", "two and three hundred thousand": the hundred too
    lo = numbers.scaled(value_a, exp_a)
    hi = numbers.scaled(b.value, exp_b)
    if a.exp is None and exp_a and lo is not None and hi is not None and lo >= hi and value_a < hi:
        lo = value_a  # "from eight hundred to five thousand dollars": the first bound is whole without the scale
    div_b = b.divisor
    div_a = a.divisor if a.currency is not None else div_b
    if lo is not None and div_a != 1:
        lo = lo / div_a
    if hi is not None and div_b != 1:
        hi = hi / div_b
    return lo, hi


_AMBIGUOUS_SEPARATOR: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,3}[.,][0-9]{3}")
#: A comma and a dash standing for zero decimals after a number ("1.299,- €").
_COMMA_DASHES: Final[tuple[str, ...]] = (",-", ",\u2013")
_DASHES: Final[tuple[str, ...]] = ("-", "\u2013")
#: Currencies written in whole units: ISO 4217 minor unit 0 (not the X- codes of metals and funds) and
#: ``curated.WHOLE_UNIT_CURRENCIES``. A lone "." + three digits after or before them groups thousands.
_WHOLE_UNITS: Final[frozenset[str]] = (
    frozenset(c for c, u in MINOR_UNITS.items() if u == 0 and c[0] not in "X@")
    | curated.WHOLE_UNIT_CURRENCIES
)


#: Currencies written after a number with a decimal comma in the Continental way ("9,26 euros", "3,50 zł",
#: "6,50 lei", "24,90 kr"): codes and names, each ending a word.
_COMMA_CURRENCIES: Final[str] = (
    r"(?:EUR|PLN|SEK|NOK|DKK|CZK|HUF|RON|BGN|CHF|euros?|zł|zl|złotys?|kr|kronor|kroner|lei|Kč|Ft|forints?|лв)"
    r"(?![^\W\d_])"
)
#: Per-units whose prices English text gives to three decimals ("€1.000/l", "€0.325 per kWh"): a lone "."
#: and three digits before them stays a decimal point; before any other unit it groups thousands like
#: everywhere else ("€10.000 each", "55.000 kroner per square metre").
_DECIMAL_PRICED_UNITS: Final[frozenset[str]] = curated.DECIMAL_PRICED_UNITS
#: Per-units whose prices are never written to three decimals: periods, nights, people, areas.
_WHOLE_PRICED_UNITS: Final[frozenset[str]] = _TIME_UNITS | {
    "night",
    "person",
    "square metre",
    "square foot",
    "room",
    "child",
}


def _comma_decimal(text: str) -> bool:
    """True when the document writes decimal commas ("3,5 €", "1.234,56", "€12,50", "EUR 9,90")."""
    return bool(
        _COMMA_DECIMAL.search(text)
        or ("€" in text and _EURO_COMMA_CENTS.search(text))
        or ("EUR" in text and _EUR_COMMA_CENTS.search(text))
        or (("R$" in text or "kr" in text or "K" in text) and _SIGN_COMMA_CENTS.search(text))
    )


# "1.234,56", "3,50 €" or a dash for zero decimals "1.299,- €". The branches start with the digit (the
# lookbehind of the second is checked after it), so the regex engine skips to digits in C instead of trying
# every position.
_COMMA_DECIMAL: Final[re.Pattern[str]] = re.compile(
    r"\d(?:\.\d{3},\d{1,2}(?!\d)|(?<![\d,.]\d)\d{0,2},\d{1,2}(?![\d,])\s?(?:€|"
    + _COMMA_CURRENCIES
    + r"|(?:million|billion|trillion|mln|bln|mld|mrd|milliards?|millions|billions|bn|mn|tn)\b"
    # a share or a minor unit, which English writes with a decimal point: "53,1 per cent", "4,2 cents", "3,5%"
    + r"|%|(?:per[ \u00a0]?cent|percent|cents?|öre|øre)\b)|,[-\u2013](?!\d)\s?€)"
)


# The euro written before a number with a decimal comma and two decimals ("€890,50", "EUR 12,50"): one
# literal first, so the regex engine jumps between euro signs.
_EURO_COMMA_CENTS: Final[re.Pattern[str]] = re.compile(r"€[ \u00a0]?\d{1,3},\d{2}(?![\d,])")
_EUR_COMMA_CENTS: Final[re.Pattern[str]] = re.compile(r"EUR[ \u00a0]?\d{1,3},\d{2}(?![\d,])")
#: The same after the signs and codes of other Continental-layout currencies ("R$ 499,90", "kr 12,50", "DKK
#: 89,95", "Kč 24,90").
_SIGN_COMMA_CENTS: Final[re.Pattern[str]] = re.compile(
    r"(?:R\$|BRL|kr\.?|DKK|SEK|NOK|Kč|CZK)[ \u00a0]?\d{1,3},\d{2}(?![\d,])"
)


def _build_follow() -> frozenset[str]:
    words: set[str] = set(_SCALE_WORDS) | {"to", "and", "or", "mio", "mil", "point"}
    for name in NAMES:
        # "d-marks": only the letters before the hyphen are one word
        words.add(
            name.split(" ", 1)[0].split(".", 1)[0].split("-", 1)[0].split("'", 1)[0].split("\u2019", 1)[0]
        )
    # letter signs that are written before the number only ("Y", "N", "R", "P", "QR" …) never make it money after
    words |= (
        {c.lower() for c in CODES}
        | {c.lower() for c in curated.CODE_ALIASES}
        | {
            k.lower().split(".", 1)[0]
            for k in _SIGN_WORDS
            if k not in curated.SIGNS_NEED_SCALE or k in curated.SIGNS_BOTH_SIDES
        }
    )
    words |= {"m" + c.lower() for c in curated.MILLION_PREFIX_CODES}
    words |= {k.lower() for k in curated.SCALED_SIGNS}  # "380 MD", "32,6 MMDH"
    words |= {k.lower() for k in curated.CRYPTO_TICKERS}  # "1.5 million DAI", "2,890 wstETH"
    words |= set(curated.DOTTED_ONLY_NAMES)  # "3 dols. for hay"
    prefixes = {k.lower() for k in curated.SCALE_PREFIXES_BEFORE_CURRENCY}  # "45 M€", "450 kEUR"
    words |= prefixes | {k + c.lower() for k in prefixes for c in CODES}
    words |= {
        w.rstrip(".") for w in curated.GUINEA_WORDS
    }  # "8,600 guineas", "5 gns." (see _pre_decimal_alone)
    return frozenset(w for w in words if w)


def _build_before() -> frozenset[str]:
    words: set[str] = set(CODES) | set(curated.LOWER_CODES) | set(_SIGN_WORDS) | set(curated.CAPS_SIGNS)
    words |= set(curated.CODE_ALIASES)  # "NTD 550 billion", "GBX 276.40"
    words |= {k.rstrip(".") for k in _SIGN_WORDS}
    # "MSEK 1 245,3", "mEUR 60", "kEUR 450", "KSEK 18 430", "TEUR 7 845" (see _code_or_sign)
    words |= {p + c for c in curated.MILLION_PREFIX_CODES for p in "MmkK"}
    words |= {"T" + c for c in curated.TAUSEND_PREFIX_CODES}
    words |= {
        c + s for c in curated.MILLION_PREFIX_CODES for s in ("m", "k", "bn")
    }  # "DKKm 4,812", "EURk 500"
    for name in NAMES:
        last = name.rsplit(" ", 1)[-1]
        words.add(last)
        words.add(last.capitalize())
        words.add(last.upper())
    return frozenset(words)


#: Lower-case words that, right after a number, may make it money (scale words, currency names' first
#: words, codes, sign words, range/list connectors). Anything else after a bare number: not money.
_FOLLOW: Final[frozenset[str]] = _build_follow()
#: Words that, right before a number, may make it money (codes, sign words, currency names).
_BEFORE: Final[frozenset[str]] = _build_before()
_SIGN_SET: Final[frozenset[str]] = frozenset(_SIGN_CHARS)


#: Words after "and"/"or"/"to" following a number that may continue an amount ("5 and 7 mln", "5 to about
#: $7", "5 or six dollars"): anything that may start an amount or follow a number.
_CONTINUATION: Final[frozenset[str]] = frozenset(
    {w.lower() for w in _BEFORE}
    | _FOLLOW
    | scanner.NUMBER_WORD_SET
    | {k.split(".", 1)[0] for k in curated.DOLLAR_PREFIXES}
    | {q for q in _QUAL_BEFORE if " " not in q}  # "5 to about $7", "5 and nearly 7 mln"
)
#: Words before "and" that may end a money amount ("$20 and 43", "5 dollars and 43", "5 million and 7").
_AMOUNT_ENDS: Final[frozenset[str]] = frozenset(
    {w.lower() for w in _BEFORE} | _FOLLOW | NAME_HEADS | scanner.NUMBER_WORD_SET
)
_CONNECTORS: Final[frozenset[str]] = frozenset({"and", "or", "to"})
_WORD_AT_END: Final[re.Pattern[str]] = re.compile(r"(?:[^\W\d_]|\.){1,12}\Z")


def _continues(text: str, p: int) -> bool:
    """True when the text at ``p`` (after a connector or hyphen) may continue an amount: not a word, or a
    word that may start or follow an amount ("and 7", "to $5", "and about", "-million-euro")."""
    if p >= len(text):
        return False
    c = text[p]
    if c in _SPACE and p + 1 < len(text):
        p += 1
        c = text[p]
    if not c.isalpha():
        return True
    m = _LETTERS.match(text, p)
    return m is None or m.group().lower() in _CONTINUATION


_AFTER_MONEY: Final[frozenset[str]] = _SIGN_SET | {"/"}
_AFTER_SPACE_MONEY: Final[frozenset[str]] = _SIGN_SET | set("-\u2013\u2014/~")
_BEFORE_MONEY: Final[frozenset[str]] = _SIGN_SET | set("-\u2212\u2013\u2014~")
#: Dashes that join the two bounds of a range written without spaces ("$5-7", "$30–50").
_RANGE_DASHES: Final[str] = "-\u2013\u2014"


def _may_be_money(text: str, s: int, e: int) -> bool:
    """Cheap test: is there any currency cue or connector next to the digit run ``text[s:e]``?

    Looks one character (or one space and a character) to each side, with one dictionary lookup for a
    word; most numbers of a text (years, percentages, counts, "a 12-year bond", "2003 and later", a score
    "3-2 in") are rejected here. It keeps every run that the full reading could turn into money (or join to
    money), so it changes speed, not results.
    """
    return _money_after(text, e, False) or _money_before(text, s, e, False)


def _money_after(text: str, e: int, nested: bool) -> bool:
    """The right-hand half of :func:`_may_be_money` for a run ending at ``e``."""
    n = len(text)
    if e >= n:
        return False
    c = text[e]
    if c in _SPACE:  # the usual case, tested first (a space is none of the characters tested below)
        if e + 1 >= n:
            return False
        c2 = text[e + 1]
        if c2 in _AFTER_SPACE_MONEY:
            return True
        if c2.isalpha():
            m = _LETTERS.match(text, e + 1)
            if m is not None:
                word = m.group().lower()
                if word == "c":  # "10 c": cents, lower case only (see _spaced_cent)
                    return m.group() == "c"
                return word in _FOLLOW and (word not in _CONNECTORS or _continues(text, m.end()))
        elif c2.isdigit():  # space-grouped thousands "1 234 567,89 €"
            return True
        elif c2 == "\n" or c2 == "\r":  # "5 \nmillion": a space and a line break (see _read_scale)
            return _money_after(text, e + 1, nested) if c == " " else False
        return False
    if c in _ZERO_WIDTH:
        while e < n and text[e] in _ZERO_WIDTH:
            e += 1
        if e >= n:
            return False
        c = text[e]
    if c in _AFTER_MONEY or c.isalpha():
        return True
    if c == "," and not nested and text.startswith(", ", e) and text[e + 2 : e + 3].isdigit():
        return _list_item_money_after(text, e)
    if c == "-" or c == "\u2013":
        if e + 1 < n and text[e + 1] in _ASCII_DIGITS:
            # "A-B": A has no currency on its right; it is money only in a range with B's currency
            # (or by its left side, read by the caller)
            if nested:
                return True
            return _money_after(text, _run_end(text, e + 1), True)
        return _continues(text, e + 1)
    if c == "\n" and e + 1 < n and text[e + 1].isalpha():  # "2.5\nbillion dlrs": a line break as a space
        m = _LETTERS.match(text, e + 1)
        return m is not None and m.group().lower() in _FOLLOW and m.group().lower() not in _CONNECTORS
    if c == "\r" and text.startswith("\r\n", e):  # "5\r\nmillion"
        return _money_after(text, e + 1, nested)
    if (c == "," or c == ".") and text.startswith(_DASHES, e + 1) and not text[e + 2 : e + 3].isdigit():
        return _money_after(text, e + 2, True)  # "5,- €": a dash for zero decimals (see _read_right)
    return False


#: A character that no list of bare numbers holds: a letter, a sign, any mark but digits, separators and spaces.
_NOT_A_LIST_CHAR: Final[re.Pattern[str]] = re.compile(r"[^0-9., ]")


def _list_item_money_after(text: str, e: int) -> bool:
    """Whether a bare number ending at ``e`` before ", <digit>" is an item of a list whose later item may be
    money ("prices of 45, 60 and 75 euros"): follows at most four ", " hops to the next runs (a bounded look, so a
    long run of "1, 2, 3, …" stays linear), and none when the next 48 code points hold only digits, separators
    and spaces."""
    if _NOT_A_LIST_CHAR.search(text, e, e + 48) is None:
        return False
    for _ in range(4):
        if not (text.startswith(", ", e) and text[e + 2 : e + 3].isdigit()):
            return False
        e = _run_end(text, e + 2)
        if _money_after(text, e, True):
            return True
    return False


def _money_before(text: str, s: int, e: int, nested: bool) -> bool:
    """The left-hand half of :func:`_may_be_money` for the run ``text[s:e]``."""
    if s <= 0:
        return False
    c = text[s - 1]
    if c in _ZERO_WIDTH:
        while s > 0 and text[s - 1] in _ZERO_WIDTH:
            s -= 1
        if s <= 0:
            return False
        c = text[s - 1]
    j = s - 1
    if c in _RANGE_DASHES and s > 1 and text[s - 2] in _ASCII_DIGITS:
        # "A-B", "A–B": B is money if A is (a range "$5-7"), or if B may be coordinated with a later amount
        if nested:
            return True
        k = s - 2
        while k > 0 and text[k - 1] in _RUN_CHARS:
            k -= 1
        while text[k] not in _ASCII_DIGITS:  # the run starts at its first digit
            k += 1
        return _money_before(text, k, s - 1, True) or _may_be_joined(text, e)
    if (c == "/" or c == "@") and s > 1 and text[s - 2] in _ASCII_DIGITS and not nested:
        # "against 399.00/399.50": the offer of a bare quote is money if its bid is (see _implied); so is the
        # second price of "$3.30@3.55" (see _join)
        k = s - 2
        while k > 0 and text[k - 1] in _RUN_CHARS:
            k -= 1
        while text[k] not in _ASCII_DIGITS:
            k += 1
        return _money_before(text, k, s - 1, True)
    if c in _MINUS and s > 1 and text[s - 2] in _SIGN_SET:
        return True  # "$-2.5bn", "€−40": a minus between the sign and the number (see _read_left)
    if c in _MINUS and s > 2 and text[s - 2] == " ":
        # "SEK -1.2 billion", "€ -34 million": what stands before the spaced minus decides
        return _money_before(text, s - 1, e, nested)
    if (c == " " or c == "\u00a0") and s > 1:
        c = text[s - 2]
        j = s - 2
        if c == " " and _TWO_DECIMALS_AT.match(text, s) is not None:
            while j > 0 and s - j < 9 and text[j] == " ":
                j -= 1  # a receipt's aligned column: "TOTAL   $   45.10" (two decimals, see _read_left)
            c = text[j]
    elif c == "\n" and s > 1:  # "$\n5": a sign before a line break (see _read_left)
        k = s - 3 if text[s - 2] == "\r" else s - 2
        if k > 0 and text[k] == " ":
            k -= 1
        return k >= 0 and text[k] in _SIGN_SET
    if c in _BEFORE_MONEY or c.isdigit():
        return True
    if c == "." and s > 1 and text[s - 2] in _SIGN_SET:  # "$.50"
        return True
    if (c == "/" or (c == "." and j > 0 and text[j - 1] == "/")) and _SOL_BEFORE.search(
        text, max(0, j - 3), j + 1
    ):
        return True  # "S/ 1.5 billion", "S/.1.50" (see _read_left)
    if c.isalpha() or c == ".":
        # the letters (and dots) ending at j, at most 12: usually the text after the last space
        k = text.rfind(" ", max(0, j - 12), j)
        word = text[k + 1 : j + 1] if k >= 0 else ""  # (never text[0:j+1]: a copy of the text so far)
        if k < 0 or not word.replace(".", "").isalpha():  # another boundary: read letter by letter
            k = j
            while k >= 0 and j - k < 12 and (text[k].isalpha() or text[k] == "."):
                k -= 1
            word = text[k + 1 : j + 1]
        if k >= 0 and text[k] == "(" and word.lower() in _BRACKET_COMPARED_WORDS:
            # "Rs 1,900 (from 1,780)", "W92,000 (prev. 85,000)": the earlier figure (see _implied)
            return True
        if (
            word == "or"
            and text[k - 1 : k] == ","
            and _SHARE_AFTER.match(text, e) is not None
            and _MONEY_PER_SHARE_BEFORE.search(text, max(0, k - 160), k) is not None
        ):
            return (
                True  # "C$1.31 per share, from 790 mln, or 1.21 per share": the earlier figure (see _implied)
            )
        if word == "another" or word == "further" or word == "additional" or word == "extra":
            return True  # "£4,000 in January and another 2,500 in March" (see _implied)
        if (
            e - s >= 4
            and text[e - 3 : e - 2] == "."
            and _SHARE_AFTER.match(text, e) is not None
            and _DIVIDEND_CLAUSE.search(text, max(0, j - 80), j + 1) is not None
        ):
            return (
                True  # "an unchanged dividend of 4.20 per share", "EPS 1.84 per share" (see _story_per_share)
            )
        if word == "from" and _TO_LEVEL_THEN_FROM.search(text, max(0, k - 64), k + 1) is not None:
            return True  # "rose to $3.19 from 3.05 a week earlier": the earlier level (see _implied)
        if word == "at" and _NAMED_ITEM_AT_BEFORE.search(text, max(0, k - 72), k + 1) is not None:
            return True  # "Forcados was priced at 18.72 dlrs and Brass River at 18.87" (see _implied)
        if (
            word == "of"
            and _DAY_EXTREME_BEFORE.search(text, max(0, k - 12), k + 1) is not None
            and any(c.isdigit() for c in text[max(0, k - 80) : k])
        ):
            return True  # "ended at 409.80 dlrs, after touching a three-week low of 405.50" (see _implied)
        if word == "at" and _CHANGE_SIZE_THEN_AT.search(text, max(0, k - 48), k + 1) is not None:
            return True  # "March palladium was 1.25 dlrs higher at 124.75": the new level (see _implied)
        if word == "from" and _MOVE_FROM.search(text, max(0, k - 48), k + 1) is not None:
            return True  # "is now £399,950, down from 425,000", "(up from 812,000 a year ago)" (see _implied)
        if (
            (word == "of" or word == "at" or word == "with" or word == "to" or word == "s")
            and _word_before(text, k) in _EARLIER_QUOTE_LAST_WORDS
            and _EARLIER_QUOTE_BEFORE.search(text, max(0, j - 120), j + 1) is not None
        ):
            # "at 412.75 dlrs, up from the morning's 410.50", "Friday's close of", "398.20 dlrs, compared with
            # 397.60" (see _implied)
            return True
        if word == "of" and _PREMIUM_TO_LEVEL.search(text, max(0, k - 72), k + 1) is not None:
            return True  # "at about $14.50, a 62% premium to Friday's close of 8.95" (see _implied)
        if (
            word in ("against", "vs", "vs.", "versus", "after")
            or (word == "than" and _word_before(text, k) == "rather")
            or (word == "of" and _word_before(text, k) == "instead")
        ) and _AMOUNT_THEN_COMPARED.search(text, max(0, k - 48), k + 1) is not None:
            return True  # "a dividend of 7.50 crowns per share against 6.50" (see _implied)
        if (
            (word == "up" or word == "down" or word == "off")
            and "." in text[s:e]
            and _AMOUNT_THEN_COMPARED.search(text, max(0, k - 48), k + 1) is not None
        ):
            return True  # "set at 152.50 dlrs a tonne, down 2.00 from yesterday": the day's change (see _implied)
        if word in ("profit", "loss", "credit", "debit") and _word_before(text, k + 1).lower() in (
            "vs",
            "vs.",
        ):
            return True  # a results table's row: "Net loss 2.0 mln vs profit 568,000" (see _table_rows)
        if word.lower() in _ROW_LABEL_LAST_WORDS and _RESULT_ROW.match(
            # (rows after a sentence's end or a semicolon in one line: "Shr 38 cts vs 31 cts; Net 4,212,000")
            text,
            _row_start(text, s, max(0, s - 80)),
            s,
        ):
            return True  # a results table's row: "Net 568,000 vs 2.1 mln", "Oper net 9,115,000" (see _table_rows)
        if word == "and":  # a minor part after a major amount: "$20 and 43", a range "between $5 and 7"
            return _ends_amount(text, j - 2)
        if word == "to":  # a range with a bare upper bound: "$300 to 500"
            return _ends_amount(text, j - 1)
        if word in _BEFORE or word.rstrip(".") in _BEFORE or word.lower() in _BEFORE:
            return True
        return k >= 0 and text[k] == "$"  # "$US5bn", "$A7.2bn": the sign right before the letters
    if c == "(":
        # (or the prior period's figure right after a scaled sum: "SEK 8.4 billion (7.9)", see _implied)
        return (
            _paren_negative(text, s, e)
            or (
                text.startswith(")", e)
                and (
                    _SCALED_BEFORE_PAREN.search(text, max(0, s - 24), s - 1) is not None
                    # (or an unscaled sum with decimals after a code or sign: "SEK 3.40 (3.10)", "MSEK 1,126.4 (982.7)")
                    or (
                        "." in text[s:e]
                        and (
                            _SIGNED_DECIMAL_BEFORE_PAREN.search(text, max(0, s - 24), s - 1) is not None
                            or _PER_SHARE_BEFORE_PAREN.search(text, max(0, s - 48), s - 1) is not None
                        )
                    )
                    # (or a whole number of two digits or more after a code: "target SEK 62 (68)")
                    or (
                        e - s >= 2
                        and _CODE_WHOLE_BEFORE_PAREN.search(text, max(0, s - 24), s - 1) is not None
                    )
                )
            )
        )
    return False


#: A code or sign and a number with decimals right before " (": "SEK 3.40 (", "MSEK 1,126.4 (", "€12.50 (".
_SIGNED_DECIMAL_BEFORE_PAREN: Final[re.Pattern[str]] = re.compile(
    r"(?:\b[A-Z]{3,4}|[$\u20ac\u00a3\u00a5])[ \u00a0]?[0-9][0-9,]*\.[0-9]+[ \u00a0]?\Z"
)
#: " per share (" or " a share (" between a sum per share and the prior period's figure in its bracket.
_PER_SHARE_PAREN_GAP: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:per|a)[ \u00a0]+share[ \u00a0]*\(")
#: A number with decimals, a currency word and " per share (" right before a bracketed number: "6.50 kronor per
#: share (" (the cheap test of the prior period's figure, see :func:`_implied`).
_PER_SHARE_BEFORE_PAREN: Final[re.Pattern[str]] = re.compile(
    r"[0-9][0-9,]*\.[0-9]+[ \u00a0]+[^\W\d_]+[ \u00a0]+(?:per|a)[ \u00a0]+share[ \u00a0]?\Z"
)
#: An ISO code (perhaps with its scale prefix) and a whole number right before " (": "SEK 62 (", "NOK 145 (",
#: "MSEK 1,284 (".
_CODE_WHOLE_BEFORE_PAREN: Final[re.Pattern[str]] = re.compile(
    r"\b[kKmMT]?[A-Z]{3}[ \u00a0]?[0-9][0-9,]*[ \u00a0]?\Z"
)
#: A number and a scale word right before " (": "SEK 8.4 billion (", "SEK 274 117 million (".
_SCALED_BEFORE_PAREN: Final[re.Pattern[str]] = re.compile(
    r"[0-9][ \u00a0]*(?:bn|m|mn|million|billion|trillion|mln|bln|crore|lakh)[ \u00a0]?\Z", re.IGNORECASE
)


#: A price's premium or discount to a reference level, up to the "of" before that level (bare): "at about $14.50, a 62%
#: premium to Friday's close of ", "at S$1.294 each, a 4.2% discount to the volume-weighted average of ".
_PREMIUM_TO_LEVEL: Final[re.Pattern[str]] = re.compile(
    r"\b[0-9][0-9.]*[ \u00a0]?(?:%|per[ \u00a0]?cent|percent)[ \u00a0]+(?:premium|discount)[ \u00a0]+(?:to|on)"
    r"(?:[ \u00a0]+[\w'’-]+){1,4}?[ \u00a0]+(?:close|closing[ \u00a0]+price|price|average|level|value)[ \u00a0]+(?:of[ \u00a0]+)?\Z",
    re.IGNORECASE,
)
#: "to", an amount (a token with a digit) and at most four words of time, then the space before "from": the new
#: level of a change, then its earlier one ("rose to $3.19 from", "rose to £32,000 this year from").
_TO_LEVEL_THEN_FROM: Final[re.Pattern[str]] = re.compile(
    # (a code or letter sign may stand apart before the level: "to EUR 312 from 298", "to Rs 240 from 199")
    r"(?<![^\W\d_])to[ \u00a0]+(?:[A-Z][A-Za-z.]{0,3}[ \u00a0]+)?[^\s]*[0-9][^\s;]*"
    # (a fiscal year among the words, and a comma before "from": "rises to £9,400 in 2024-25, from")
    r"(?:[ \u00a0]+(?:(?:[0-9]{1,4}-)?[^\W\d_]+|(?:19|20)[0-9]{2}(?:[-/][0-9]{2})?)){0,8},?[ \u00a0]+\Z"
)
#: " per share" or " a share" right after a number.
_SHARE_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:per|a)[ \u00a0]+share\b")
#: A per-share amount with its currency, sign or word ("C$1.31 per share", "1.31 dlrs a share"), in the same
#: sentence: the cheap test of a bare per-share figure after ", or" (see :func:`_implied`).
_MONEY_PER_SHARE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?:[$€£¥]|\b[A-Z]{1,3}\$|\b[A-Z]{3}[ \u00a0]?)[0-9][0-9.,]*[ \u00a0]+(?:per|a)[ \u00a0]+share\b[^.;!?]*\Z"
    r"|[0-9][ \u00a0]+(?:dlrs?|cts|cents|pence|yen|euros?|marks|francs|crowns|kronor|rupees)[ \u00a0]+(?:per|a)"
    r"[ \u00a0]+share\b[^.;!?]*\Z"
)
#: An amount (a token with a digit), then ", up"/", down"/"(up" before "from": "£399,950, down from".
_MOVE_FROM: Final[re.Pattern[str]] = re.compile(
    r"[0-9][^\s;]*(?:[ \u00a0](?:[A-Za-z.]+|(?:19|20)[0-9]{2})){0,5},?[ \u00a0]+\(?(?:up|down|easing|firming|rising|falling|slipping"
    r"|edging[ \u00a0]+(?:up|down))[ \u00a0]+\Z"
)
#: An amount (a token with a digit) and at most five words before "against"/"vs": "7.50 crowns per share against",
#: "42 shillings a kilo for tomatoes versus".
_AMOUNT_THEN_COMPARED: Final[re.Pattern[str]] = re.compile(
    r"[0-9][^\s;]*(?:[ \u00a0][A-Za-z.]+){0,5},?[ \u00a0]+\Z"
)
#: The earlier quote a price is compared with, named by its time, after "from", "against" or "compared with" and
#: before the bare figure (regex source): "the morning's ", "the previous session's ", "Monday's close of ", "a
#: morning fix of ", "Friday's ", "a close of " (a possessive time, or a quote's noun and "of").
_EARLIER_QUOTE_NAMED: Final[str] = (
    r"(?i:(?:(?:the|a|an|its|their)[ \u00a0]+)?(?:(?:previous|prior|earlier|last|late|early|same)[ \u00a0]+)?"
    r"(?:(?:morning|afternoon|evening|overnight|day|session|week|month|weekend|yesterday"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"(?:['\u2019]s(?:[ \u00a0]+(?:official[ \u00a0]+|final[ \u00a0]+)?" + r"{noun}[ \u00a0]+(?:of|at))?"
    r"|[ \u00a0]+{noun}[ \u00a0]+(?:of|at))"
    r"|{noun}[ \u00a0]+(?:of|at)))"
).replace(
    "{noun}", r"(?:close|closing|fix|fixing|finish|settlement|settle|level|price|quote|average|open|opening)"
)
#: An amount (a token with a digit), at most five words, a comparison's word and an earlier quote named by its time
#: (:data:`_EARLIER_QUOTE_NAMED`; not needed after "compared with") before a bare number: the cheap test of
#: "412.75 dlrs, up from the morning's ", "398.20 dlrs, compared with ".
_EARLIER_QUOTE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"[0-9][^\s;]*(?:[ \u00a0](?:[A-Za-z.]+|(?:19|20)[0-9]{2})){0,5},?[ \u00a0]+(?:\(?(?:up|down|easing|firming"
    r"|rising|falling|slipping)[ \u00a0]+from|from|against|vs\.?|versus|after|compared[ \u00a0]+(?:with|to))"
    r"(?:[ \u00a0]+" + _EARLIER_QUOTE_NAMED + r")?\Z",
    re.IGNORECASE,
)
#: A quote's noun right after a bare earlier figure: "down from Friday's 158.05 close".
_QUOTE_NOUN_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:close|closing|fix|fixing|finish|settlement|settle)\b"
)
#: The word before the last word of :data:`_EARLIER_QUOTE_BEFORE` ("close" of "close of", "compared" of "compared
#: with", "morning" of "morning's"): the cheap test's first step.
_EARLIER_QUOTE_LAST_WORDS: Final[frozenset[str]] = frozenset(
    {
        "close",
        "closing",
        "fix",
        "fixing",
        "finish",
        "settlement",
        "settle",
        "level",
        "price",
        "quote",
        "average",
    }
    | {
        "open",
        "opening",
        "compared",
        "morning",
        "afternoon",
        "evening",
        "overnight",
        "day",
        "session",
        "week",
    }
    | {
        "month",
        "weekend",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)
#: The gap between a new level and its earlier bare figure: at most four words of time, then "from" ("$3.19 from",
#: "£32,000 this year from", "$2,350 from"), "against", "vs", "versus", "after" or "compared with", perhaps
#: naming the earlier quote by its time (:data:`_EARLIER_QUOTE_NAMED`: "up from the morning's ").
_LEVEL_FROM_GAP: Final[re.Pattern[str]] = re.compile(
    # (a unit's size may be glued to it: "per 60-kg bag from 2,310")
    # (a word of the move is never one of the words before it: "analysts had expected and up from 79")
    # (a unit glued with a slash first, and a year among the words: "$69.99/month for annual subscribers, up from",
    # "DKK 7.50 per share for 2023, up from")
    r"(?:/[^\W\d_]+)?(?:[ \u00a0]+(?!(?:up|down|easing|firming|rising|falling|slipping|edging)[ \u00a0])"
    r"(?:(?:[0-9]{1,4}-)?[^\W\d_]+|(?:19|20)[0-9]{2}(?:[-/][0-9]{2})?(?=[ \u00a0,]))){0,6}"
    r"(?:(?:,?[ \u00a0]+\(?(?P<move>up|down|easing|firming|rising|falling|slipping"
    r"|edging[ \u00a0]+(?:up|down))[ \u00a0]+|(?P<comma>,)?[ \u00a0]+)from"
    # (the wires' "after" of the day before: "set at 1.8123 marks after 1.8045 on Friday")
    r"|,?[ \u00a0]+(?P<compared>against|vs\.?|versus|after|rather[ \u00a0]+than|instead[ \u00a0]+of"
    r"|(?P<cw>compared[ \u00a0]+(?:with|to))))"
    r"(?:[ \u00a0]+(?P<named>" + _EARLIER_QUOTE_NAMED + r"))?[ \u00a0]+"
)


#: Words after an opening bracket before a bare number that may give an amount's earlier figure ("(from 1,780)",
#: "(prev. 85,000)", "(was 41.50)"): the cheap test keeps the number for :func:`_implied` to read.
_BRACKET_COMPARED_WORDS: Final[frozenset[str]] = curated.EARLIER_FIGURE_WORDS
_ASCII_DIGITS: Final[str] = "0123456789"
_RUN_CHARS: Final[str] = "0123456789.,'’"
#: Characters after a bare number that end any joining with a later amount ("3-2 in", "3-2.", "3-2)").
_NOT_JOINED: Final[str] = ".;:%)!?\n\"'"


def _run_end(text: str, p: int) -> int:
    """End of the digit run starting at ``p`` (as the scanner reads it), trailing separators dropped."""
    m = scanner.DIGITS.match(text, p)
    e = m.end() if m is not None else p
    while e > p and text[e - 1] in ",.'’":
        e -= 1
    return e


def _may_be_joined(text: str, e: int) -> bool:
    """True unless what follows a bare number ending at ``e`` rules out joining it with a later amount
    (coordination "7, $9" or a range "7—$9"): a word, end of text, or closing punctuation."""
    n = len(text)
    while e < n and text[e] in " \u00a0":
        e += 1
    return e < n and not text[e].isalpha() and text[e] not in _NOT_JOINED


def _ends_amount(text: str, k: int) -> bool:
    """True when the text before ``k`` (the start of an "and") may end a money amount."""
    j = k
    if j > 0 and text[j - 1] in _SPACE:
        j -= 1
    if j <= 0:
        return False
    c = text[j - 1]
    if not c.isalpha():
        return True
    m = _WORD_AT_END.search(text, max(0, j - 12), j)
    return m is None or m.group().lower().rstrip(".") in _AMOUNT_ENDS


#: An HTML character reference ("&pound;", "&#36;", "&#x20AC;", "&nbsp;"): scraped web text writes signs so.
_CHAR_REFERENCE: Final[re.Pattern[str]] = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def read_mentions(text: str, locale_hint: str | None = None) -> list[Mention]:
    """Return the mentions of ``text`` (see :func:`moneta_service.extract.extract`).

    HTML character references are read as the characters they stand for (``html.unescape``, the HTML5 list):
    "&pound;25", "Tickets &#36;30", "15&nbsp;&euro;" are GBP 25, USD 30 and EUR 15. Offsets and span texts stay
    those of ``text`` (a span starts or ends at a reference's edge, never inside it)."""
    if "\t" in text:
        # a tab reads as a space (table cells: "Hourly rate\t€45.00", "£54.2m\t(2023: 49.7m)"), except between
        # two digits, where it keeps two cells' numbers apart ("12\t345" is no "12 345"); one character for one,
        # so offsets stay, and span texts are the original's
        import dataclasses

        spaced = _TAB_NOT_BETWEEN_DIGITS.sub(" ", text)
        if spaced != text:
            return [
                dataclasses.replace(m, text=text[m.start : m.end]) if "\t" in text[m.start : m.end] else m
                for m in read_mentions(spaced, locale_hint)
            ]
    if "&" in text and _CHAR_REFERENCE.search(text) is not None:
        return _read_with_references(text, locale_hint)
    return _read_mentions(text, locale_hint)


_TAB_NOT_BETWEEN_DIGITS: Final[re.Pattern[str]] = re.compile(r"(?<![0-9])\t|\t(?![0-9])")


def _read_with_references(text: str, locale_hint: str | None) -> list[Mention]:
    """:func:`read_mentions` of ``text`` with its character references decoded, offsets mapped back."""
    import dataclasses
    import html

    pieces: list[str] = []
    # (decoded start, original start, decoded length, original length) of each reference that was decoded
    refs: list[tuple[int, int, int, int]] = []
    pos = 0
    size = 0
    for m in _CHAR_REFERENCE.finditer(text):
        char = html.unescape(m.group())
        if char == m.group():
            continue  # not a reference HTML knows ("&foo;"): left as written
        pieces.append(text[pos : m.start()])
        size += m.start() - pos
        refs.append((size, m.start(), len(char), m.end() - m.start()))
        pieces.append(char)
        size += len(char)
        pos = m.end()
    if not refs:
        return _read_mentions(text, locale_hint)
    pieces.append(text[pos:])
    decoded = "".join(pieces)
    starts = [r[0] for r in refs]

    def original(p: int, *, end: bool) -> int:
        k = bisect.bisect_right(starts, p) - 1
        if k < 0:
            return p
        dstart, ostart, dlen, olen = refs[k]
        if p == dstart:
            return ostart
        if p < dstart + dlen:  # inside a reference's characters: its edge
            return ostart + olen if end else ostart
        return ostart + olen + (p - dstart - dlen)

    out = []
    for mention in _read_mentions(decoded, locale_hint):
        start, stop = original(mention.start, end=False), original(mention.end, end=True)
        out.append(dataclasses.replace(mention, text=text[start:stop], start=start, end=stop))
    return out


#: The first character after a bare number that may start pre-decimal money: "s.", "d.", "½d.", " guineas".
_PRE_DECIMAL_ALONE_NEXT: Final[frozenset[str]] = frozenset({" ", "\u00a0", "s", "d", "½", "¼", "¾", "/", "l"})
_SD_FRACTION: Final[str] = "(?:[½¼¾])?"
#: Shillings and pence after a pound amount: " 10s.", " 7s. 6d.", " 13s 6d", " 0s. 6d." (group 1: shillings, 2:
#: pence, 3: a fraction of a penny).
_SD_AFTER_POUNDS: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(1[0-9]|[0-9])[ \u00a0]?s(?![A-Za-z])\.?(?:[ \u00a0]+(1[01]|[0-9])("
    + _SD_FRACTION
    + r")[ \u00a0]?d"
    r"(?![A-Za-z])\.?)?(?![0-9])"
)
#: Shillings (and pence) standing alone, at the number: "2s. 6d.", "17s.", "40s.", "2s 6d", "1s. 10½d." (group
#: 1: shillings, 2: pence, 3: a fraction of a penny); or pence alone, dotted: "9d.", "4½d." (group 4, 5).
_SD_ALONE: Final[re.Pattern[str]] = re.compile(
    r"([1-9][0-9]?)[ \u00a0]?s(?:\.(?:[ \u00a0]*(1[01]|[0-9])("
    + _SD_FRACTION
    + r")[ \u00a0]?d(?![A-Za-z])\.?)?"
    r"|[ \u00a0]+(?=[0-9]{1,2}"
    + _SD_FRACTION
    + r"[ \u00a0]?d\b)(1[01]|[0-9])("
    + _SD_FRACTION
    + r")[ \u00a0]?d\.?)"
    r"(?![A-Za-z0-9])"
    r"|(1[01]|[1-9])(" + _SD_FRACTION + r")[ \u00a0]?d\.(?![A-Za-z0-9])"
)
#: Shillings and pence after a pound amount with slashes: "£1/18/-", "£2/10/6" (group 1: shillings, 2: pence or "-").
_SD_SLASHES_AFTER_POUNDS: Final[re.Pattern[str]] = re.compile(r"/(1[0-9]|[0-9])/(-|1[01]|[0-9])()(?![0-9/])")
#: Shillings and pence after a pound amount with dashes: "£3-17-6", "£12-10-0", "£1-1-0" (three parts: "£3-17" alone
#: stays a range).
_SD_DASHES_AFTER_POUNDS: Final[re.Pattern[str]] = re.compile(r"-(1[0-9]|[0-9])-(1[01]|[0-9])()(?![0-9-])")
#: Shillings and pence after a pound amount and its dot: "£3. 17s. 6d." (both parts written, so no sentence ends).
_SD_DOTTED_POUNDS: Final[re.Pattern[str]] = re.compile(
    r"\.[ \u00a0]+(1[0-9]|[0-9])[ \u00a0]?s\.[ \u00a0]+(1[01]|[0-9])("
    + _SD_FRACTION
    + r")[ \u00a0]?d\.?(?![A-Za-z0-9])"
)
#: Pounds, shillings and pence with dots after a pound sign: "£2.10.0", "£12.7.6" (group 1: pounds, 2: shillings,
#: 3: pence), the whole digit run.
_SD_DOTS_RUN: Final[re.Pattern[str]] = re.compile(r"([0-9]{1,7})\.(1[0-9]|[0-9])\.(1[01]|[0-9])")
#: Pounds written "l." before shillings and pence, the older style: "3l. 17s. 6d.", "40l. 10s." (after the number;
#: the shillings must follow, so "5l." alone — litres — is nothing).
_SD_AFTER_L: Final[re.Pattern[str]] = re.compile(r"l\.?(?=[ \u00a0])" + _SD_AFTER_POUNDS.pattern)
#: Shillings with a slash: "9/-", "10/6", "2/11" (group 1: shillings, 2: pence or "-").
_SD_SLASH: Final[re.Pattern[str]] = re.compile(r"([1-9][0-9]?)/(-|1[01]|[0-9])(?![0-9/])")
_SD_SLASH_PARTNER_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:and|to|or)[ \u00a0]+[1-9][0-9]?/(?:-|1[01]|[0-9])(?![0-9/])"
)
_SD_SLASH_PARTNER_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9/])[1-9][0-9]?/(?:-|1[01]|[0-9])[ \u00a0]+(?:and|to|or)[ \u00a0]+\Z"
)
#: A rate after lone shillings or pence: " a week", " per day", " each", " in the pound", " an acre".
_SD_RATE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:(?:a|an|per)[ \u00a0]+(?:week|day|month|year|hour|head|acre|pound|dozen|lb|ton|yard|pair|mile"
    r"|quarter|bushel|gallon|piece|copy|person|man|woman|child)|each|in[ \u00a0]+the[ \u00a0]+(?:pound|£))\b"
)
#: The other bound of a pair of lone shillings after or before one: " and 40s.", " to 30s." / "35s. and ".
_SD_PARTNER_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0]+(?:and|to|or)[ \u00a0]+[1-9][0-9]?s\.")
_SD_PARTNER_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9])([1-9][0-9]?)s\.[ \u00a0]+(?:and|to|or)[ \u00a0]+\Z"
)
#: Annas and pies after a rupee amount: "Rs. 6-8-0", "Rs. 104-8-0" (group 1: annas, 2: pies).
_ANNAS_PIES_AFTER: Final[re.Pattern[str]] = re.compile(r"-(1[0-5]|[0-9])-(1[01]|[0-9])(?![0-9-])")
#: Guineas after a number, lower case ("8,600 guineas", "5 gns."; not the "2,000 Guineas" race).
_GUINEAS_AFTER: Final[re.Pattern[str]] = re.compile(r"[ \u00a0](guineas|guinea|gns\.?)(?![A-Za-z])")
#: Shillings or pence written as such: a compound "2s. 6d.", dotted pence "6d.", the words.
_PRE_DECIMAL_WRITTEN_SOURCE: Final[str] = (
    # (not "25/-", which Indian prices write too: "Rs. 25/- per month")
    r"[0-9][ \u00a0]?s\.?[ \u00a0]*[0-9]{1,2}[½¼¾]?[ \u00a0]?d\b|(?<![0-9])[0-9]{1,2}[½¼¾]?d\."
    r"|\b(?:shillings?|pence)\b"
)
_PRE_DECIMAL_WRITTEN: Final[re.Pattern[str]] = re.compile(_PRE_DECIMAL_WRITTEN_SOURCE, re.IGNORECASE)
#: A text that writes pre-decimal sterling, so that a lone "17s." or "9d." in it is money: shillings and pence
#: together ("2s. 6d.", "£3 17s."), or the words shillings, pence and guineas. (Not a bare "£", nor a lone "6d.",
#: which would justify itself: a modern text with "£799" also writes "Air Jordan 1s." and "pages 5d. and 6d.")
_STERLING_CUE: Final[re.Pattern[str]] = re.compile(
    r"[0-9][ \u00a0]?s\.?[ \u00a0]*[0-9]{1,2}[½¼¾]?[ \u00a0]?d\b|£[ \u00a0]?[0-9][0-9,]*[ \u00a0]+[0-9]{1,2}[ \u00a0]?s\b"
    r"|\b(?:shillings?|pence|guineas?)\b",
    re.IGNORECASE,
)
#: Words of betting, whose odds are written as "N/N" ("at 9/4", "cut from 7/1 to 9/2"): no shillings then.
_BETTING: Final[re.Pattern[str]] = re.compile(
    r"\b(?:" + "|".join(sorted(curated.BETTING_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_FRACTION_VALUES: Final[dict[str, Decimal]] = {
    "": Decimal(0),
    "½": Decimal("0.5"),
    "¼": Decimal("0.25"),
    "¾": Decimal("0.75"),
}
_PRE_DECIMAL_QUANTUM: Final[Decimal] = Decimal(1).scaleb(-curated.PRE_DECIMAL_PLACES)


def _in_major_units(whole: Decimal, minor: Decimal, per_major: int) -> Decimal:
    """``whole + minor / per_major`` exactly where that ends in decimals, else rounded half-even to
    ``curated.PRE_DECIMAL_PLACES`` places (a penny is 1/240 pound, a pie 1/192 rupee)."""
    part = minor / per_major
    rounded = part.quantize(_PRE_DECIMAL_QUANTUM)
    value = whole + (part if rounded == part else rounded)
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _pre_decimal_after_sign(text: str, a: _Amount) -> bool:
    """Read the shillings and pence after a pound amount ("£358 10s.", "£1 2s. 6d.") or the annas and pies after
    a rupee amount ("Rs. 6-8-0"; ``curated.SHILLINGS_PER_POUND`` …). Changes ``a`` (value, end) and returns True
    when it read them."""
    end = a.nend
    if a.lcur == "@pound" and a.lbasis == "symbol":
        m = (
            _SD_AFTER_POUNDS.match(text, end)
            or _SD_SLASHES_AFTER_POUNDS.match(text, end)
            or _SD_DASHES_AFTER_POUNDS.match(text, end)
            or _SD_DOTTED_POUNDS.match(text, end)
        )
        if m is None:
            return False
        pence = Decimal(0 if m.group(2) in (None, "-") else m.group(2)) + _FRACTION_VALUES[m.group(3) or ""]
        a.value = _in_major_units(a.value, int(m.group(1)) * curated.PENCE_PER_SHILLING + pence, 240)
        a.end = m.end()
        return True
    if a.lcur is not None and a.lcur in ("@rupee", "INR", "PKR") and text.startswith("-", end):
        m = _ANNAS_PIES_AFTER.match(text, end)
        if m is None:
            return False
        pies = int(m.group(1)) * curated.PIES_PER_ANNA + int(m.group(2))
        a.value = _in_major_units(a.value, Decimal(pies), curated.ANNAS_PER_RUPEE * curated.PIES_PER_ANNA)
        a.end = m.end()
        return True
    return False


class _PreDecimalCues:
    """What one text shows of pre-decimal money, each found at most once (a full-text search each: never once per
    number, which would make a text of many "5s." or "1/2" tokens quadratic).

    :ivar read: whether a sum in shillings or pence was read so far in the text.
    """

    __slots__ = ("_before_decimal", "_betting", "_sterling", "_written", "read", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.read = False
        self._sterling: bool | None = None
        self._written: bool | None = None
        self._betting: bool | None = None
        self._before_decimal: bool | None = None

    def sterling(self) -> bool:
        """Whether the text writes pre-decimal sterling: a "£", shillings or pence written as such, the words
        sterling or guineas (:data:`_STERLING_CUE`), or a sum read so far."""
        if self._sterling is None:
            self._sterling = _STERLING_CUE.search(self.text) is not None
        return self._sterling or self.read

    def written(self) -> bool:
        """Whether shillings or pence are written as such (:data:`_PRE_DECIMAL_WRITTEN`) or were read so far."""
        if self._written is None:
            self._written = _PRE_DECIMAL_WRITTEN.search(self.text) is not None
        return self._written or self.read

    def before_decimal(self) -> bool:
        """Whether the text names a year before 1971 (British decimalisation) and none after it."""
        if self._before_decimal is None:
            self._before_decimal = (
                _BEFORE_DECIMAL_YEAR.search(self.text) is not None
                and _AFTER_DECIMAL_YEAR.search(self.text) is None
            )
        return self._before_decimal

    def betting(self) -> bool:
        """Whether the text has a betting word (:data:`_BETTING`), whose odds are written as "N/N"."""
        if self._betting is None:
            self._betting = _BETTING.search(self.text) is not None
        return self._betting


def _shillings_slash(text: str, a: _Amount, cues: _PreDecimalCues) -> bool:
    """Read shillings written with a slash at the number of ``a``: "9/-" (nine shillings), "10/6" (ten and six
    pence), "1/3 to 1/6 per lb" — only in a text that writes pre-decimal sterling (``cues``), and "N/N" (which
    fractions and dates also write) only after a price word, before a rate or as a
    bound of a pair, where shillings or pence were written as such (read before or in the text). Sets ``a``
    (GBP, value, end) and returns True when it read such money."""
    m = _SD_SLASH.match(text, a.nstart)
    if m is None or text[a.nstart : a.nend] != m.group(1) or _read_left(text, a.nstart) is not None:
        return False  # (a sign before it: "Rs. 25/- per month" is rupees)
    if not (cues.sterling() or cues.written()):
        return False
    if m.group(2) != "-" and not (
        # (odds are written the same way, "at 9/4", "5/1": only where the text writes shillings or pence
        # themselves and has no betting in it)
        cues.written()
        and not cues.betting()
        and (
            _word_before(text, a.nstart) in curated.PRE_DECIMAL_PRICE_LEADS | {"for"}
            or _SD_RATE_AFTER.match(text, m.end()) is not None
            or _SD_SLASH_PARTNER_AFTER.match(text, m.end()) is not None
            or _SD_SLASH_PARTNER_BEFORE.search(text, max(0, a.nstart - 16), a.nstart) is not None
        )
    ):
        return False
    pence = 0 if m.group(2) == "-" else int(m.group(2))
    a.value = _in_major_units(Decimal(0), Decimal(int(m.group(1)) * curated.PENCE_PER_SHILLING + pence), 240)
    a.rcur, a.rbasis, a.end = "GBP", "name", m.end()
    return True


def _pre_decimal_alone(text: str, a: _Amount, floor: int, cues: _PreDecimalCues) -> bool:
    """Read pre-decimal money at a number with no sign before it: shillings and pence ("2s. 6d.", "17s.",
    "1s. 10½d.", "9d."; alone, "17s." only in a text with pre-decimal sterling elsewhere or after a price word,
    and never a decade or an age: "the 40s.", "over-50s."), and guineas ("8,600 guineas"; not "guinea pigs").
    ``cues`` says what the text shows of pre-decimal money (and what was read of it so far). Sets ``a``'s value
    (pounds), currency (GBP) and end, and returns True when it read such money; offsets are code points."""
    if a.nstart < floor or a.exp is not None or a.words:
        return False
    before = text[a.nstart - 1 : a.nstart]
    if before.isalnum() or before in ("-", "'", "\u2019", "/", ".", ",", "$", "£", "€"):
        return False  # "F-16s.", "over-50s.", "'60s.", "3/4d": not money
    if text[a.nend] in " \u00a0":
        m = _GUINEAS_AFTER.match(text, a.nend)
        if m is None or _next_word_lower(text, m.end()) in curated.GUINEA_NOT_COIN_NEXT:
            return False
        if _read_left(text, a.nstart) is not None:
            return False
        a.value = _in_major_units(
            Decimal(0), a.value * curated.SHILLINGS_PER_GUINEA, curated.SHILLINGS_PER_POUND
        )
        a.rcur, a.rbasis, a.end = "GBP", "name", m.end()
        return True
    if text[a.nend] == "/":
        return _shillings_slash(text, a, cues)
    if text[a.nend] == "l":  # "3l. 17s. 6d.": pounds written "l." and their shillings and pence
        m = _SD_AFTER_L.match(text, a.nend)
        if m is None or _read_left(text, a.nstart) is not None:
            return False
        pence = Decimal(m.group(2) or 0) + _FRACTION_VALUES[m.group(3) or ""]
        pence += int(m.group(1)) * curated.PENCE_PER_SHILLING
        a.value = _in_major_units(a.value, pence, 240)
        a.rcur, a.rbasis, a.end = "GBP", "name", m.end()
        return True
    m = _SD_ALONE.match(text, a.nstart)
    if m is None:
        return _undotted_shillings(text, a, cues)
    number = m.group(1) or (m.group(6) + (m.group(7) or ""))
    if text[a.nstart : a.nend] not in (number, m.group(1) or m.group(6)):
        return False
    compound = m.group(2) is not None or m.group(4) is not None
    word = _word_before(text, a.nstart)
    if (
        m.group(1) is not None
        and not compound
        and int(m.group(1)) % 10 == 0
        and word.rstrip("-") in curated.DECADE_LEADS
    ):
        return False  # "in the 40s.", "her 60s.": a decade or an age
    if not compound and m.group(1) is not None:
        partner = _SD_PARTNER_BEFORE.search(text, max(0, a.nstart - 16), a.nstart)
        if (
            partner is not None
            and int(partner.group(1)) % 10 == 0
            and _word_before(text, partner.start(1)).rstrip("-") in curated.DECADE_LEADS
        ):
            return False  # "in his 30s. and 40s.": the second of two decades or ages
    if not compound and not (
        cues.sterling()
        or word in curated.PRE_DECIMAL_PRICE_LEADS
        # a price verb and a pronoun: "fined him 5s."
        or _word_before(text, _prev_word(text, a.nstart)[1]) in curated.PRE_DECIMAL_PRICE_LEADS
        # a rate: "on 6s. a week", "10s. in the pound"
        or _SD_RATE_AFTER.match(text, m.end()) is not None
        # the other bound of a pair: "between 35s. and 40s.", "20s. to 30s."
        or _SD_PARTNER_AFTER.match(text, m.end()) is not None
        or (
            (partner := _SD_PARTNER_BEFORE.search(text, max(0, a.nstart - 16), a.nstart)) is not None
            and not (
                int(partner.group(1)) % 10 == 0
                and _word_before(text, partner.start(1)).rstrip("-") in curated.DECADE_LEADS
            )
        )
    ):
        return False
    if _read_left(text, a.nstart) is not None:
        return False
    if m.group(1) is not None:
        pence = Decimal(m.group(2) or m.group(4) or 0) + _FRACTION_VALUES[m.group(3) or m.group(5) or ""]
        pence += int(m.group(1)) * curated.PENCE_PER_SHILLING
    else:
        pence = Decimal(m.group(6)) + _FRACTION_VALUES[m.group(7) or ""]
    a.value = _in_major_units(Decimal(0), pence, 240)
    a.rcur, a.rbasis, a.end, a.nend = "GBP", "name", m.end(), a.nstart + len(number)
    return True


#: Shillings written alone without a dot: "12s a week", "4s to 5s" (group 1: the shillings).
_S_UNDOTTED: Final[re.Pattern[str]] = re.compile(r"([1-9][0-9]?)s(?![A-Za-z0-9.'\u2019-])")
#: The other bound of a pair of undotted shillings after one: " to 5s", " and 40s".
_S_UNDOTTED_PARTNER_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:and|to|or)[ \u00a0]+[1-9][0-9]?s(?![A-Za-z0-9'\u2019-])"
)


def _undotted_shillings(text: str, a: _Amount, cues: _PreDecimalCues) -> bool:
    """Read shillings written alone without a dot ("earned roughly 12s a week", "roughly 4s to 5s in English money",
    "shilling days for 1s"): only in a text of old sterling (shillings or pence written as such, or a "£" and a year
    before 1971 and none after), and only after a price word, before a rate or as the first bound of a pair; never
    a decade or an age ("in their 30s", "the 1850s"). Sets ``a`` as :func:`_pre_decimal_alone` does."""
    u = _S_UNDOTTED.match(text, a.nstart)
    if u is None or text[a.nstart : a.nend] != u.group(1):
        return False
    word = _word_before(text, a.nstart)
    if int(u.group(1)) % 10 == 0 and word.rstrip("-") in curated.DECADE_LEADS:
        return False
    if not (cues.written() or ("\u00a3" in text and cues.before_decimal())):
        return False
    if not (
        word in curated.PRE_DECIMAL_PRICE_LEADS
        or word in _QUAL_HEDGES
        or _SD_RATE_AFTER.match(text, u.end()) is not None
        or _S_UNDOTTED_PARTNER_AFTER.match(text, u.end()) is not None
        # (the second bound: "4s to 5s")
        or (
            text[max(0, a.nstart - 4) : a.nstart] in (" to ", " or ")
            and _S_UNDOTTED.search(text, max(0, a.nstart - 8), a.nstart - 4) is not None
        )
    ):
        return False
    if _read_left(text, a.nstart) is not None:
        return False
    a.value = _in_major_units(Decimal(0), Decimal(u.group(1)) * curated.PENCE_PER_SHILLING, 240)
    a.rcur, a.rbasis, a.end, a.nend = "GBP", "name", u.end(), a.nstart + len(u.group(1))
    return True


#: The pence words (``curated.PENCE_WORDS``) as one alternation, longest first.
_PENCE_WORDS_ALT: Final[str] = "|".join(
    re.escape(w) for w in sorted(curated.PENCE_WORDS, key=len, reverse=True)
)
#: A pence word ("fourpence", "sixpence"), as a whole word.
_PENCE_WORD: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w'\u2019-])(" + _PENCE_WORDS_ALT + r")(?![\w'\u2019-])", re.IGNORECASE
)
#: What shows that a text's bare "shillings" are old British ones, besides the word: shillings and pence written
#: together or pence dotted ("2s. 6d.", "9d."), the old coins' names (guineas, farthings, florins, half-crowns) or
#: a pence word ("sixpence"); else a year before 1971 and none after (:data:`_BEFORE_DECIMAL_YEAR`). (Not a "£" nor
#: "pence": Kenyan and Ugandan news writes "the UK gave £2m" beside "500 shillings".)
_SHILLINGS_STERLING_EVIDENCE: Final[re.Pattern[str]] = re.compile(
    r"[0-9][ \u00a0]?s\.?[ \u00a0]*[0-9]{1,2}[½¼¾]?[ \u00a0]?d\b|(?<![0-9])[0-9]{1,2}[½¼¾]?d\."
    r"|\b(?:guineas?|farthings?|florins?|half[- ]crowns?|threepenny|sixpences|" + _PENCE_WORDS_ALT + r")\b",
    re.IGNORECASE,
)
#: A year of pre-decimal sterling (1066-1970) and one after it (1971-2099): a text that names only the first kind
#: is set before decimalisation.
_BEFORE_DECIMAL_YEAR: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9.,£$])(?:1[0-8][0-9]{2}|19[0-6][0-9]|1970)(?![0-9])"
)
_AFTER_DECIMAL_YEAR: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9.,£$])(?:197[1-9]|19[89][0-9]|20[0-9]{2})(?![0-9])"
)
#: The currencies called shillings today (Kenya, Uganda, Tanzania, Somalia): a cue to one of them, or a locale
#: hint of its country, keeps a text's bare "shillings" theirs.
_SHILLING_CODES: Final[frozenset[str]] = frozenset(c for c in curated.FAMILIES["shilling"] if c is not None)
_PENNY_NAMES: Final[frozenset[str]] = frozenset({"pence", "penny", "pennies"})


#: A year or decade of the East African Currency Board's shilling before the national ones (1921-1965:
#: "in 1954", "the 1930s") and a year after it.
_COLONIAL_SHILLING_YEAR: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9.,$£])(?:192[1-9]|19[3-5][0-9]|196[0-5])s?(?![0-9])"
)
_NATIONAL_SHILLING_YEAR: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9.,$£])(?:196[6-9]|19[7-9][0-9]|20[0-9]{2})(?![0-9])"
)


#: Words of the present in a clause ("today the same basket costs more than Sh2,000").
_TODAY_WORD: Final[re.Pattern[str]] = re.compile(r"\b(?:today|now|currently|nowadays)\b", re.IGNORECASE)


def _colonial_shilling_clause(text: str, start: int) -> bool:
    """Whether the clause around ``start`` (:func:`_clause_bounds`) names a year of the East African shilling
    (:data:`_COLONIAL_SHILLING_YEAR`) and none of the national shillings after 1966, nor "today" or "now"."""
    lo, hi = _clause_bounds(text, start, 160)
    clause = text[lo:hi]
    return (
        _COLONIAL_SHILLING_YEAR.search(clause) is not None
        and _NATIONAL_SHILLING_YEAR.search(clause) is None
        and _TODAY_WORD.search(clause) is None
    )


def _last_word(lowered: str, a: _Amount) -> str:
    """The last word of ``a``'s span, lower case ("shillings" of "2 and 3 shillings")."""
    k = max(
        lowered.rfind(" ", a.start, a.end),
        lowered.rfind("-", a.start, a.end),
        lowered.rfind("\u00a0", a.start, a.end),
    )
    return lowered[k + 1 : a.end]


def _pre_decimal_words(
    text: str, lowered: str, amounts: list[_Amount], cues: _PreDecimalCues, region: str | None
) -> list[_Amount]:
    """Read shillings and pence written as words the pre-decimal British way.

    In a text that shows old British money otherwise (:data:`_SHILLINGS_STERLING_EVIDENCE`, shillings and pence
    read as sterling already, or only years before 1971) and has no cue to a country whose currency is called
    shillings today (Kenya, Uganda, Tanzania, Somalia; nor a locale hint of one, a sign of theirs or millions of
    shillings), a bare "25 shillings" or "two shillings" is pounds sterling at 20 shillings to the pound (£1.25,
    £0.10; ``curated.SHILLINGS_PER_POUND``); in a text with such shillings, pence are old pence, 240 to the pound ("6 pence" = £0.025, "a penny"), pence
    words are read ("fourpence", "two shillings and sixpence"; ``curated.PENCE_WORDS``, not a coin: "a silver
    sixpence"), and shillings joined by " and " or a space to pence are one sum ("2 shillings and 6 pence" =
    £0.125). A text that speaks of "new pence" or decimal money keeps its pence decimal. Shillings that are not
    sterling, named in a clause of the years 1921-1965 only (:func:`_colonial_shilling_clause`), are the East
    African Currency Board's, which has no ISO code ("@shilling_no_iso").

    :param amounts: the text's amounts, in text order; changed in place (values, currencies, spans).
    :returns: the amounts, with pence words added and joined sums merged, in text order.
    """
    if "shilling" not in lowered and not (cues.read and ("pence" in lowered or "penny" in lowered)):
        return amounts
    raw: dict[int, Decimal] = {}  # id -> the sum in pence, for amounts read here (exact, before rounding)
    shillings = [
        a
        for a in amounts
        if a.currency == "@shilling"
        # the word, or a bound that shares it ("from 30 to 35 shillings"); not a sign ("Sh 2,500")
        and (_last_word(lowered, a).startswith("shilling") or (a.start == a.nstart and a.end == a.nend))
    ]
    sterling = False
    if (
        shillings
        and REGION_CURRENCY.get(region or "") not in _SHILLING_CODES
        and not any(a.lcur == "@shilling" for a in amounts)  # (a sign of them: "Sh 2,500", "/=")
        and not any(a.exp for a in shillings)  # ("3 billion shillings": a budget of today's shillings)
    ):
        counts = _country_cues(lowered)
        sterling = not any(counts.get(c, 0) for c in _SHILLING_CODES) and (
            cues.read
            or _SHILLINGS_STERLING_EVIDENCE.search(text) is not None
            or (_BEFORE_DECIMAL_YEAR.search(text) is not None and _AFTER_DECIMAL_YEAR.search(text) is None)
        )
    if sterling:
        for a in shillings:
            if a.amount_max is None:
                value = numbers.scaled(a.value, a.exp or 0)
                if value is None:
                    continue
                raw[id(a)] = value * curated.PENCE_PER_SHILLING
                a.value, a.exp = _in_major_units(Decimal(0), value, curated.SHILLINGS_PER_POUND), None
            else:
                a.value = _in_major_units(Decimal(0), a.value, curated.SHILLINGS_PER_POUND)
                a.amount_max = _in_major_units(Decimal(0), a.amount_max, curated.SHILLINGS_PER_POUND)
            if a.lcur == "@shilling":
                a.lcur, a.lbasis = "GBP", "context"
            if a.rcur == "@shilling":
                a.rcur, a.rbasis = "GBP", "context"
    if not sterling:
        for a in shillings:
            if a.rcur == "@shilling" and a.rbasis == "name" and _colonial_shilling_clause(text, a.start):
                # "In the 1930s … a hut tax of six shillings a year": the East African Currency Board's shilling
                # (1921-1969), which has no ISO code, not today's Kenya shilling
                a.rcur = "@shilling_no_iso"
    if not (sterling or cues.read) or "new pence" in lowered or "decimal" in lowered:
        return amounts
    pence: set[int] = set()
    for a in amounts:
        if a.currency in ("GBP", "@penny") and _last_word(lowered, a) in _PENNY_NAMES:
            if a.amount_max is None:
                value = numbers.scaled(a.value, a.exp or 0)
                if value is None or a.divisor != 100:
                    continue
                raw[id(a)] = value
                a.value, a.exp, a.divisor = _in_major_units(Decimal(0), value, 240), None, 1
            else:  # (a range's bounds are in pounds already: "5-6 pence" is 0.05 to 0.06)
                a.value = _in_major_units(Decimal(0), a.value * 100, 240)
                a.amount_max = _in_major_units(Decimal(0), a.amount_max * 100, 240)
            if a.lcur == "@penny":
                a.lcur = "GBP"
            if a.rcur == "@penny":
                a.rcur = "GBP"
            pence.add(id(a))
    added: list[_Amount] = []
    if "pence" in lowered or "penny" in lowered:
        starts = [a.start for a in amounts]  # (in text order: the overlap test is a bisection, not a scan)
        for m in _PENCE_WORD.finditer(text):
            s, e = m.span(1)
            k = bisect.bisect_left(starts, e)
            if k > 0 and amounts[k - 1].end > s:
                continue  # inside an amount read already
            before = _word_before(text, s)
            if before in curated.PENCE_COIN_LEADS or before[:1].isdigit():
                continue  # "a silver sixpence", "a 1953 sixpence": the coin
            b = _Amount(s, e, s, e, Decimal(0), words=True)
            count = Decimal(curated.PENCE_WORDS[m.group(1).lower()])
            b.value, b.rcur, b.rbasis = _in_major_units(Decimal(0), count, 240), "GBP", "name"
            if (unit := _per_unit(text, e)) is not None:
                b.per_unit = unit[0]
            raw[id(b)] = count
            pence.add(id(b))
            added.append(b)
    if added:
        amounts = sorted(amounts + added, key=lambda x: x.start)
    out: list[_Amount] = []
    for a in amounts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and id(a) in pence
            and id(prev) in raw
            and id(prev) not in pence
            and id(a) in raw
            and lowered[prev.end : a.start] in (" ", " and ")
            # (a list's comma separates items: "two shillings, sixpence, and fourpence" are three sums)
        ):
            # "two shillings and sixpence", "3 shillings 6 pence": one sum (and only one pence part)
            total = raw.pop(id(prev)) + raw[id(a)]
            prev.value, prev.end = _in_major_units(Decimal(0), total, 240), a.end
            prev.per_unit = a.per_unit or prev.per_unit
            continue
        out.append(a)
    return out


#: A label of slash-separated kinds right before an amount, as price lists write them: "s/d", "dm/s/d",
#: "adult/child", "single/double" (group 1), optionally with "from" between ("dm/d from 75/240zł").
_SLASH_LABEL_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w/])([A-Za-z]{1,10}(?:/[A-Za-z]{1,10})+)[ \u00a0]+(?:from[ \u00a0]+)?\Z"
)
#: The bare numbers after a slash that go on from a slash-labelled price ("€55/89", "US$37/62/72").
_SLASH_NUMBER: Final[re.Pattern[str]] = re.compile(r"/([0-9][0-9,]*(?:\.[0-9]+)?)(?![0-9])")


def _slash_pairs(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Split the prices of a slash-labelled price list into one amount per kind: "s/d €55/89" (a single room €55,
    a double €89), "dm/s/d US$37/62/72", "adult/child R120/60", "dm/d from 75/240zł" (not a range of 75 to 240).
    Only where a label of as many slash-separated kinds (``curated.SLASH_QUOTE_LABELS`` aside: "bid/ask $5.25/5.30"
    is one quote) stands right before the first price; the bare numbers take its currency.

    :param amounts: the text's amounts in text order (changed in place: a split range keeps its first bound).
    :returns: the amounts with the added ones, in text order.
    """
    added: list[_Amount] = []
    for a in amounts:
        if (
            a.currency is None
            or (a.exp or 0) != 0
            or a.start < 4
            or text.find("/", max(0, a.start - 40), a.start) < 0
        ):
            continue  # (no slash just before it: no label, and no pattern search; a text with "/" elsewhere, a URL
            # or a date, costs one str.find per amount)
        label = _SLASH_LABEL_BEFORE.search(text, max(0, a.start - 40), a.start)
        if label is None or label.group(1).lower() in curated.SLASH_QUOTE_LABELS:
            continue
        kinds = label.group(1).count("/") + 1
        if a.amount_max is not None:
            # "75/240zł": a range read across the slash, two prices
            cut = text.find("/", a.nstart, a.end)
            second = _SLASH_NUMBER.match(text, cut) if cut != -1 else None
            if kinds != 2 or second is None or a.lcur is not None:
                continue
            value = numbers.parse_digits(second.group(1), comma_decimal=False)
            if value is None:
                continue
            b = _Amount(second.start(1), a.end, second.start(1), second.end(1), value)
            b.rcur, b.rbasis = a.rcur, a.rbasis
            a.amount_max, a.end, a.nend = None, cut, cut
            a.value = numbers.parse_digits(text[a.nstart : cut], comma_decimal=False) or a.value
            a.rcur, a.rbasis = None, ""
            a.lcur, a.lbasis = b.rcur, "context"
            added.append(b)
            continue
        if a.lcur is None or text[a.end : a.end + 1] != "/":
            continue
        pos = a.end
        found: list[_Amount] = []
        for _ in range(kinds - 1):
            m = _SLASH_NUMBER.match(text, pos)
            value = numbers.parse_digits(m.group(1), comma_decimal=False) if m is not None else None
            if m is None or value is None:
                break
            b = _Amount(m.start(1), m.end(1), m.start(1), m.end(1), value)
            b.lcur, b.lbasis = a.lcur, "context"
            found.append(b)
            pos = m.end()
        if len(found) == kinds - 1 and _SLASH_NUMBER.match(text, pos) is None:  # one price per kind, no more
            added.extend(found)
    if not added:
        return amounts
    bare = {(x.nstart, x.nend): x for x in amounts if x.currency is None}
    starts = [x.start for x in amounts]  # (in text order: the overlap test is a bisection, not a scan)
    new: list[_Amount] = []
    for b in added:
        same = bare.get((b.nstart, b.nend))
        k = bisect.bisect_left(starts, b.end)
        if same is not None:  # the number was read bare: it takes the price list's currency
            same.lcur, same.lbasis = b.lcur, b.lbasis
        elif k == 0 or amounts[k - 1].end <= b.start:
            new.append(b)
    return sorted(amounts + new, key=lambda x: x.start) if new else amounts


#: A "B" of billions: after a decimal ("1.5B") or a sign's number ("$20B", "€3B").
_B_FOR_BILLIONS: Final[re.Pattern[str]] = re.compile(r"[0-9]\.[0-9]+B\b|[$€£¥][ \u00a0]?[0-9][0-9,.]*B\b")


def _letter_suffix_signs(text: str, amounts: list[_Amount]) -> None:
    """Read a capital letter glued after a whole number as the sign of the currency it stands for in travel
    writing, where the text names that currency's country: "20B", "80-100B" (Thai baht, ``curated.
    LETTER_SUFFIX_SIGNS``), not billions (a whole number under 100,000 with no currency of its own; "1.5B" and
    "$20B" stay billions, and so does every "B" of a text that writes billions so: "$20B", "1.5B"). Changes
    ``amounts`` in place."""
    if _B_FOR_BILLIONS.search(text) is not None:
        return
    for a in amounts:
        if (
            a.currency is not None
            or a.exp != 9
            or a.end != a.nend + 1
            or (code := curated.LETTER_SUFFIX_SIGNS.get(text[a.nend])) is None
            or not text[a.nstart : a.nend].replace(",", "").isdigit()
            or a.value >= 100000
            or not _country_settled(text, code)
        ):
            continue
        a.exp, a.rcur, a.rbasis = None, code, "symbol"


#: A whole number of dollars right before a space: "$7 " of "$7 50 per ton", the period typography of dollars and
#: cents.
_WHOLE_DOLLARS_BEFORE: Final[re.Pattern[str]] = re.compile(r"(?<![\w$])\$[1-9][0-9]{0,3} \Z")


def _read_mentions(text: str, locale_hint: str | None = None) -> list[Mention]:
    """The mentions of ``text``, read as written (see :func:`read_mentions`)."""
    region = _region(locale_hint)
    token = _HINTED_CURRENCY.set(REGION_CURRENCY.get(region) if region is not None else None)
    try:
        return _read_mentions_hinted(text, locale_hint)
    finally:
        _HINTED_CURRENCY.reset(token)


#: A country tag in brackets right after a "$" amount (Canadian style): "$58.20 (US)", "$2.1 billion (Cdn)".
_DOLLAR_TAG_BRACKET: Final[re.Pattern[str]] = re.compile(
    "[ \u00a0]?\\((" + "|".join(re.escape(t) for t in curated.DOLLAR_TAGS_BRACKETED) + ")\\)"
)
#: What may stand before a decimal point with no leading zero (" .55 cent", "(.75 dollars"): a space or an opening.
_LEADING_POINT_AFTER: Final[frozenset[str]] = frozenset(" \u00a0\n(")


def _read_mentions_hinted(text: str, locale_hint: str | None) -> list[Mention]:
    """The body of :func:`_read_mentions`, run with :data:`_HINTED_CURRENCY` set."""
    comma_decimal: bool | None = None
    amounts: list[_Amount] = []
    consumed = -1
    dot_grouped: set[str] = set()  # currencies of which this text writes "X.000" for thousands ("€15.000")
    dot_ambiguous: list[
        tuple[_Amount, int, int]
    ] = []  # "€13.500": a lone "." + three digits, read as decimal
    vulgar = _VULGAR_CHAR.search(text) is not None
    held = False  # whether a letter sign was set aside (see _held_signs)
    pre_decimal = _PreDecimalCues(
        text
    )  # what the text shows of pre-decimal money (each found once, if needed)
    # a results table's heading that gives its figures' scale (and currency): "(in millions)", "(A$m)", "(US$
    # millions, except per share data)" — the figures under it are candidates too (see _heading_tables)
    # (a bracketed heading needs "(", one flattened before a colon ":")
    headings = _heading_scopes(text) if "(" in text or ":" in text else _NO_HEADINGS
    for i, m in enumerate(scanner.digit_anchors(text)):
        if i % CHECKPOINT_EVERY == 0:
            checkpoint()  # where a cancelled call's interruption lands in the compiled engine
        s, e = m.span()
        if s < consumed:
            continue
        while e > s and text[e - 1] in ",.'’":
            e -= 1
        if (
            s >= 2
            and text[s - 1] == "."
            and text[s - 2] in _LEADING_POINT_AFTER
            and "." not in text[s:e]
            and "," not in text[s:e]
        ):
            s -= (
                1  # a decimal with no leading zero: "live cattle fell .55 cent to $1.2740" (the wires' style)
            )
        # "$2½ million", "1½ million dollars" (the test only in a text that has a vulgar fraction at all)
        after = e + 1 if vulgar and text[e : e + 1] in _VULGAR_FRACTIONS else e
        if not (
            _money_after(text, after, False)
            or _money_before(text, s, e, False)
            # the cents of period typography: "$7 50 per ton", "$1 75 for two days' work" (see _compound)
            or (
                e - s == 2 and text[s - 1 : s] == " " and _WHOLE_DOLLARS_BEFORE.search(text, max(0, s - 8), s)
            )
            or (headings and _table_figure_at(text, headings, s, e))
        ):  # _may_be_money, inlined
            continue
        if text[s - 1 : s] in ("[", ";") and "\x1b[" in text[max(0, s - 16) : s]:
            continue  # the parameters of an ANSI escape sequence ("\x1b[31m"), not a number of the text
        if (
            comma_decimal is None
            and e - s > 4
            and text[e - 4] in ",."
            and _AMBIGUOUS_SEPARATOR.fullmatch(text, s, e) is not None
        ):
            # only "1,234" / "1.234" (one separator, three digits after) depend on the document's style
            comma_decimal = "," in text and _comma_decimal(text)
        decimal_comma = bool(comma_decimal) and not (
            # a lone "," before exactly "000" groups thousands in any layout: nobody writes three zero decimals
            # ("25,000 cruzados novos" beside "3,50 €"), as a lone "." before "000" does (see below)
            e - s > 4 and text[e - 4 : e] == ",000" and text.count(",", s, e) == 1 and "." not in text[s:e]
        )
        if decimal_comma and text[s:e].count(",") == 1 and _read_left(text, s) is not None:
            # "$1,500 million", "SEK 10,500", "Rs 45,000" in a text that also writes "3,50 €": a currency
            # written before a number with a lone comma and three digits is the English layout (thousands)
            decimal_comma = _AMBIGUOUS_SEPARATOR.fullmatch(text, s, e) is None
        if m.end() > e and text.startswith(_COMMA_DASHES, e) and not text[e + 2 : e + 3].isdigit():
            decimal_comma = True  # "€ 1.299,-", "1.299,- EUR": the dash is this number's decimal comma part
        a = _digit_amount(text, s, e, decimal_comma)
        if a is None and text[s - 1 : s] == "£" and (sd := _SD_DOTS_RUN.fullmatch(text, s, e)) is not None:
            # "£2.10.0": pounds, shillings and pence with dots (no decimal number has two dots)
            pence = int(sd.group(2)) * curated.PENCE_PER_SHILLING + int(sd.group(3))
            a = _Amount(s, e, s, e, _in_major_units(Decimal(sd.group(1)), Decimal(pence), 240))
        if a is None:
            continue
        if s > 1 and text[s - 1] == "(" and a.nend == e and _paren_negative(text, s, e):
            a.start = a.nstart = s - 1  # the brackets belong to the number: the sign is read before "("
            a.end = a.nend = e + 1  # and a scale word after ")" ("$(12.5) million")
            a.negative = True
        if (
            text[a.nend : a.nend + 1] in _PRE_DECIMAL_ALONE_NEXT
            and a.start == a.nstart
            and _pre_decimal_alone(text, a, amounts[-1].end if amounts else 0, pre_decimal)
        ):
            pre_decimal.read = True  # (a text that writes one such sum may write bare "17s." elsewhere)
        else:
            _read_amount_context(text, a, amounts[-1].end if amounts else 0)
            if a.value < 0:
                continue
            if (
                a.exp is None
                and a.divisor == 1
                and a.rcur is None
                and a.end == a.nend
                and text[a.nend : a.nend + 1] in (" ", "\u00a0", "-", "/", ".")
                and _pre_decimal_after_sign(text, a)
            ):
                pre_decimal.read = True
        if (
            amounts
            and a.rcur is not None
            and a.lcur is None
            and a.divisor == 1
            and amounts[-1].end + 1 >= a.nstart - 2
            and _bigger_part_before(text, a, amounts[-1])
        ):
            amounts.pop()  # "2 million 500 thousand dollars": one amount in descending parts
        elif (
            amounts
            and a.currency is None
            and a.exp is not None
            and not a.words
            and (big := amounts[-1]).lcur is not None
            and big.rcur is None
            and big.exp is not None
            and big.exp > a.exp
            and big.amount_max is None
            and big.value == big.value.to_integral_value()
            and text[big.end : a.nstart] == " "
            and text[big.nend : big.end].strip(" \u00a0").lower() in _DESCENDING_SCALES
            and (small := numbers.scaled(a.value, a.exp)) is not None
            and small == small.to_integral_value()
            and small < Decimal(1).scaleb(big.exp)
            and not _counts_noun(text, a.end)
        ):
            # "Rs 1 crore 20 lakh": the smaller part after a sum written with its sign (as "2 million 500 thousand
            # dollars" after it); one amount
            big.value += small.scaleb(-big.exp)
            big.end = big.nend = a.end
            consumed = a.end
            continue
        if a.held is not None:
            held = True
        if (
            a.exp is not None
            and e - s > 4
            and text[e - 4] == "."
            and not decimal_comma
            and a.nend == e
            and text[s:e].count(".") == 1
            and (scale := _WORD.match(text, e)) is not None
            and scale.group(1).lower().rstrip(".") in curated.CONTINENTAL_SCALE_WORDS
        ):
            # "1.200 millones de euros", "US$ 3.400 millones": the Continental scale word brings its layout
            # with it, the "." groups thousands (English "$1.200 million" keeps its decimal point)
            a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
        if (
            e - s > 4
            and text[e - 4] == "."
            and not decimal_comma
            and a.exp is None
            and a.nend == e
            and text[s:e].count(".") == 1
            and _AMBIGUOUS_SEPARATOR.fullmatch(text, s, e) is not None
            and a.currency is not None
        ):
            if (
                a.currency in _WHOLE_UNITS
                and a.currency not in curated.DECIMAL_QUOTED_WHOLE_UNITS
                and _RATE_AFTER.match(text, a.end) is None
            ):
                # "Rp 45.000", "45.000 VND", "₫45.000": a currency with no minor unit in use groups thousands
                # (not in an exchange rate: "166.386 pesetas per euro", "200.482 escudos to the euro")
                a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
            elif (unit := _per_unit(text, a.end)) is None or unit[0] not in _DECIMAL_PRICED_UNITS:
                if MINOR_UNITS.get(a.currency or "") == 3:
                    pass  # "KWD 450.000": three decimals are the minor unit of the dinars and rials (ISO 4217)
                elif unit is not None and unit[0] in _WHOLE_PRICED_UNITS and text[s] != "0":
                    # a rent or a rate per period, night, person or area is never priced to three decimals:
                    # "DKK 14.500 per month", "R$ 2.100 per month" group thousands (not "$0.735 per ADS")
                    a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
                    dot_grouped.add(a.currency)
                elif (
                    a.currency in _LOW_VALUE_PESOS
                    or (a.lcur == "@dollar" and _hinted_currency(locale_hint) in _LOW_VALUE_PESOS)
                ) and text[s] != "0":
                    # "COP 4.200", "$14.500" in an Argentine story (en-AR): pesos of these countries are never
                    # priced to three decimals; their press groups thousands with dots
                    a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
                    dot_grouped.add(a.currency)
                elif a.lcur in _DOT_GROUPING_SIGNS and a.lbasis == "symbol":
                    # "R$ 12.400 per box", "It costs R$ 3.500": the real's sign comes with the Brazilian layout,
                    # dots group thousands (a price in reais is never written to three decimals but per litre)
                    a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
                    dot_grouped.add(a.currency)
                elif (
                    a.lcur is None
                    and (
                        (
                            a.rbasis == "symbol"
                            and (a.currency in curated.DOT_GROUPING_CURRENCIES or a.currency == "@kr")
                        )
                        # (the name of a currency written so at home: "2.865 lei", "300.000 dinara")
                        or (
                            a.rbasis == "name"
                            and (a.currency in curated.DOT_GROUPING_NAME_CURRENCIES or a.currency == "@leu")
                        )
                    )
                    and unit is None
                    and _RATE_AFTER.match(text, a.end) is None
                ):
                    # "8.450 €", "2.495 kr": a sign after the number is the Continental layout, whose "." groups
                    # thousands (no krone or krona has three decimals; a price in euros is never written so); it
                    # says nothing of the text's rates ("1.085 € to the dollar")
                    a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
                elif (
                    text[e - 1] == "0"
                    and e - s > 5
                    and a.currency in curated.DOT_GROUPING_CURRENCIES
                    and unit is None
                    and _RATE_AFTER.match(text, a.end) is None
                ):
                    # "DKK 12.500", "€24.900": two digits or more before the dot and a tenth of a cent after it
                    # is no price; the "." of a currency written that way at home groups thousands
                    a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
                    dot_grouped.add(a.currency)
                elif text[e - 3 : e] == "000":
                    # so does a lone "." before exactly "000" ("€185.000", "10.000 EUR": nobody pads a price to
                    # three zero decimals), except in a per-unit price ("€1.000/l"); and it shows how this text
                    # groups that currency's thousands (see below)
                    a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
                    dot_grouped.add(a.currency)
                else:
                    dot_ambiguous.append((a, s, e))
        consumed = a.nend
        amounts.append(a)
    # a currency written after the number, in a text that groups any number with dots ("140.000 km",
    # "1.234.567 visitors"): the Continental layout, "12.990 €" is 12990
    dots_group = bool(dot_ambiguous) and _DOT_GROUPED_NUMBER.search(text) is not None
    by_start = {b.nstart: b for b in amounts} if dot_ambiguous else {}
    for a, s, e in dot_ambiguous:
        if (
            a.currency in dot_grouped
            or (dots_group and a.rcur is not None and a.lcur is None)
            # a range's lower bound written as its upper one, which its Continental scale word groups: "DKK
            # 1.050-1.150 mio." is 1050 to 1150 million
            or (
                text[e : e + 1] in _RANGE_DASHES
                and (b := by_start.get(e + 1)) is not None
                and b.exp is not None
                and b.nend - b.nstart == e - s
                and text[b.nend - 4] == "."
                and b.value == numbers.parse_digits(text[b.nstart : b.nend], comma_decimal=True)
            )
        ):
            # "the reserve of €15.000 … the highest bid, €13.500": 13500
            a.value = numbers.parse_digits(text[s:e], comma_decimal=True) or a.value
    if held:
        _held_signs(text, amounts, locale_hint)
    amounts[:] = [a for a in amounts if not _code_shaped(text, a)]
    if "L$" in text and ("Linden" in text or "Second Life" in text):
        # Second Life's Linden dollars, also written "L$": a game's money, not the Liberian dollar
        amounts[:] = [a for a in amounts if not (a.lcur == "LRD" and text.startswith("L$", a.start))]
    lowered = text.lower()
    if len(lowered) == len(text):
        taken = [(a.nstart, a.end) for a in amounts]
        amounts.extend(_word_amounts(text, lowered, taken))
        amounts.sort(key=lambda x: x.start)
    # drop overlaps (keep the earlier/longer)
    cleaned: list[_Amount] = []
    for a in amounts:
        if (
            cleaned
            and a.start < cleaned[-1].end <= a.nstart
            and a.lbasis in ("name", "code")
            and cleaned[-1].currency is not None
        ):
            # "twenty rupees 43": the name before 43 was read as the previous amount's; 43 stands bare (as
            # the floor of _read_amount_context does for digit amounts), e.g. to be that amount's minor part
            a.lcur, a.lbasis, a.start = None, "", a.nstart
        if cleaned and a.start < cleaned[-1].end:
            if a.currency is not None and cleaned[-1].currency is None:
                cleaned[-1] = a
            continue
        cleaned.append(a)
    unit_end = -1
    has_dollar = "$" in text
    units: list[_Amount] = []  # word amounts inside the per-unit phrase before them (rare: no list copy else)
    for a in cleaned:
        if a.start < unit_end and (a.words or (a.value == 1 and a.exp is None)):
            # "$2 a pound", "$1.30 a euro", "N1,351.30/$1": the per-unit phrase of the amount before, not money
            units.append(a)
            continue
        target = a.currency
        if target is not None:
            _minor(target, text, a)
        if (
            has_dollar
            and (a.lcur == "@dollar" or a.rcur == "@dollar" or a.divisor != 1)
            and _in_tex_math(text, a.start, a.end)
        ):
            units.append(a)  # "There are $5$ firms", "$45\%$", "$(3,3)$", "$S(p) = 2p$": TeX math, not money
            continue
        if (
            a.lcur is None
            and a.exp is not None
            and text[a.end - 7 : a.end].lower() == "-dollar"
            and _SPACED_SCALE_DOLLAR.search(text, a.start, a.end) is not None
            and (noun := _NEXT_WORD.match(text, a.end)) is not None
            and _PLURAL_NOUN.fullmatch(noun.group(1)) is not None
        ):
            units.append(a)  # "28 billion-dollar disasters", "three million-dollar homes": a count of them
            continue
        if (
            a.words
            and a.lcur is None
            and a.exp == 6
            and a.value == 1
            and _LOOK_LIKE_BEFORE.search(text, max(0, a.start - 24), a.start) is not None
        ):
            units.append(a)  # "You look like a million bucks", "she feels like a million dollars": an idiom
            continue
        if (
            a.adjectival
            and a.words
            and a.lcur is None
            and (noun := _NEXT_WORD.match(text, a.end)) is not None
            and noun.group(1).lower() in curated.FIGURATIVE_PRICE_NOUNS
        ):
            units.append(a)  # "a million-dollar smile", "a ten-cent attitude": a figure of speech, no price
            continue
        if (
            a.words
            and a.lcur is None
            and a.exp is None
            and text[a.nend : a.nend + 1] == " "
            and text[a.nend + 1 : a.end].lower() in ("dollar", "euro", "yen", "sterling")
            and (noun := _NEXT_WORD.match(text, a.end)) is not None
            and noun.start(1) == a.end + 1
            and noun.group(1).lower() in curated.DENOMINATED_DEBT_NOUNS
        ):
            units.append(a)  # "missed coupons on two dollar bonds": a count of dollar-denominated bonds
            continue
        if (
            a.words
            and a.lcur is None
            and a.start > 0
            and text[a.start - 1] in _OPENING_QUOTES
            and text[a.start : a.start + 1].isupper()
            and text[a.nend + 1 : a.nend + 2].isupper()
            and text[a.end - 1 : a.end]
            != "s"  # (a singular name, as a title's adjective: not "Five Dollars A Gallon")
            and (noun := _NEXT_WORD.match(text, a.end)) is not None
            and noun.group(1)[:1].isupper()
        ):
            units.append(a)  # "her hit 'Eleven Dollar Heart'", "'Ten Pound Sunrise'": a title in quotes
            continue
        if (
            a.rcur == "@cent"
            and text[a.end - 3 : a.end] == " ct"
            and (noun := _NEXT_WORD.match(text, a.end)) is not None
            and (
                (_PLURAL_NOUN.fullmatch(noun.group(1)) is not None and noun.group(1).lower() != "vs")
                or noun.group(1).lower() in _PACK_NOUNS
            )
        ):
            units.append(
                a
            )  # "Tide Pods 42 ct packs", "16 ct box": a retail count, not cents ("1 ct vs 9 cts" is)
            continue
        if (
            a.rcur == "@cent"
            and text[a.end - 2 : a.end].lower() == "ct"
            and (noun := _NEXT_WORD.match(text, a.end)) is not None
            and (
                noun.group(1).lower() in curated.CARAT_NOUNS
                # or a gem two or three words on: "a 2.01 ct lab-grown diamond", "a 1.5 ct oval sapphire"
                or any(
                    w in curated.GEM_NOUNS
                    for w in text[a.end : a.end + 40].lower().replace("-", " ").split()[1:4]
                )
            )
        ):
            units.append(a)  # "in 18ct gold", "a 2ct diamond": carats, not cents
            continue
        if (
            a.lcur is not None
            and a.exp is None
            and a.amount_max is None
            and text[a.start : a.start + 1].isalpha()
            and text[a.nstart : a.nend].isdigit()
            and (
                (text[a.nstart] == "0" and a.nend - a.nstart >= 2)
                or (text[a.nend : a.nend + 2] == "-0" and text[a.nend + 2 : a.nend + 3].isdigit())
            )
        ):
            units.append(a)  # "a Richard Mille RM 011", "RM 56-02": a model reference (no price reads "011")
            continue
        if a.lbasis == "code" and a.end - a.start == 5 and text[a.start : a.end] in curated.CODE_NUMBER_NAMES:
            units.append(a)  # "(NAD83 Zone 17)": a geodetic datum, not Namibian dollars
            continue
        if (
            a.lcur == "@dollar"
            and a.exp is None
            and a.value < 1000
            and text[a.start : a.start + 1] == "$"
            and _tote_price(text, a)
        ):
            units.append(
                a
            )  # "the favourite shortened from $8 to $4.60 on the TAB": a tote price, the return per $1
            continue
        if (
            a.divisor != 1
            and text[a.end : a.end + 4] in (" on ", " of ", " out")
            and _ON_THE_MAJOR.match(text, a.end)
        ):
            # "bonds quoted at 101 cents on the dollar", "creditors recovered 30 cents on the euro": a share
            units.append(a)
            continue
        # negative: an explicit minus sign right before the sign/number, not a hyphen between words
        if (
            a.start > 0
            and text[a.start - 1] in _MINUS_BEFORE
            and (a.start < 2 or not text[a.start - 2].isalnum())
            # (not a hyphen after the previous amount's postfixed sign: "85 M€-95 M€", "5€-7€")
            and not (a.start >= 2 and a.lcur is None and text[a.start - 2] in _SIGN_CHARS)
        ):
            a.negative = True
            a.start -= 1
        elif a.lcur is not None and text[a.nstart - 1 : a.nstart] in _MINUS:
            a.negative = True
        elif (
            a.start >= 6
            and text[a.start - 1] == " "
            and text[a.start - 2] in "esES"  # "negative", "minus": one character test before reading the word
            and _sign_word_before(text, a.start - 1)
        ):
            a.negative = True  # "free cash flow was negative $56 million", "stood at minus $4.2 million"
        if (
            a.lcur is not None
            and a.rcur is None
            and a.end == a.nend
            and text[a.end : a.end + 1] in (",", ".")
            and text[a.end + 1 : a.end + 2] in ("-", "\u2013")
            and not text[a.end + 2 : a.end + 3].isalnum()
            and text[a.end + 2 : a.end + 3] not in _SIGN_CHARS
        ):
            a.end += 2  # "Fr. 1'250.– per night", "EUR 1.499,- per month": the dash for zero decimals is the amount's
        if (
            a.lcur == "@dollar"
            and a.rcur is None
            and text[a.start : a.start + 1] == "$"
            and (tag := _COUNTRY_TAG_AFTER_DOLLAR.match(text, a.end)) is not None
        ):
            # Canadian copy's "a purse of $9.4 million US", "$500 Cdn": the tag after the amount names its dollar
            a.lcur, a.end = curated.DECLARATION_SHORT_FORMS[tag.group(1).lower().rstrip(".")], tag.end(1)
        elif (
            a.lcur == "@dollar"
            and a.rcur is None
            and text[a.start : a.start + 1] == "$"
            and (named := _IN_NAMED_DOLLARS_AFTER.match(text, a.end)) is not None
            and (code := NAMES.get(" ".join(named.group(1).lower().split()))) is not None
            and code[0] != "@"
        ):
            a.lcur = code  # "worth $14 million a season in US dollars": the dollar named after the amount
        elif (
            a.lcur == "@dollar"
            and a.rcur is None
            and text[a.start : a.start + 1] == "$"
            and (named := _DOLLAR_ADJECTIVE_AFTER.match(text, a.end)) is not None
            and (code := NAMES.get(" ".join(named.group(1).lower().split()) + " dollars")) is not None
            and code[0] != "@"
        ):
            # "paid US$1.1 billion—$1.5 billion Canadian—for a used ship": the dollar's country after it, spoken
            a.lcur, a.end = code, named.end(1)
        elif (
            a.lcur is None
            and a.rcur is None
            and a.exp is not None
            and not a.words
            and (
                text[a.start - 1 : a.start] == "("
                or _BRACKET_HEDGE_BEFORE.search(text, max(0, a.start - 20), a.start) is not None
            )
            and (named := _BRACKET_DOLLAR_COUNTRY.match(text, a.end)) is not None
        ):
            # a wire's restatement: "lost 3.8 mln Canadian dlrs (2.9 mln U.S.)", "(about 88 mln U.S.)": the dollar
            # of the country named
            a.rcur, a.rbasis = (
                curated.DECLARATION_SHORT_FORMS[" ".join(named.group(1).lower().rstrip(".").split())],
                "name",
            )
            a.end = named.end(1)
        if a.rcur == "@cent" and text[a.end : a.end + 1] == " " and (cm := _CENTS_COUNTRY.match(text, a.end)):
            # "the loonie closed at 73.21 cents US", "at 71 cents U.S.": the cents of the named dollar
            a.rcur, a.end = curated.DECLARATION_SHORT_FORMS[cm.group(1).lower().rstrip(".")], cm.end()
        pu = _per_unit(text, a.end)
        if pu is None and (om := _OR_BOUND.match(text, a.end)) is not None:
            pu = _per_unit(
                text, om.end()
            )  # "£151 or less a week", "$20 or more an hour", "Rs 2 more per litre"
        if pu is None and text.startswith(("/-", "/="), a.end):
            pu = _per_unit(text, a.end + 2)  # "Rs. 100/- per day", "KShs 45,000/= per month"
        if (
            pu is None
            and (
                text.find(" per ", a.end, a.end + 40) != -1
                or text.find(" for e", a.end, a.end + 40) != -1
                or text.find(" each", a.end, a.end + 40) != -1
            )
            # (cheap test: the phrase needs a per-unit after it)
            and (fee := _FEE_NOUN_AFTER.match(text, a.end)) is not None
        ):
            pu = _per_unit(text, fee.end())  # "a $4.50 service fee per ticket", "£1 bonus per drop"
        if (
            pu is None
            and a.lcur is not None
            and (base := _ONE_UNIT_BASE.match(text, a.end)) is not None
            and base.group(1) != text[a.start : a.nstart].strip(" \u00a0")
        ):
            # "US$0.74 per C$1.00": the rate of one unit of another currency, which is no amount of its own (a
            # peg "HK$7.80 to US$1" keeps both amounts)
            pu = curated.SIGN_BASE_UNITS[base.group(1)], base.end()
        if pu is None and text.startswith((" of ", " in "), a.end):
            # "20 billion euros of bonds each month", "$5bn of asset purchases a year", "$250,000 in direct costs
            # per year": the rate of what is bought or spent (a time unit only: "$5 of sugar a kilo" is no price of sugar per kilo)
            for pattern in _OF_OBJECTS:
                ob = pattern.match(text, a.end)
                pu = _per_unit(text, ob.end()) if ob is not None else None
                if pu is not None and ob is not None:
                    # (after "in", an explicit "per" or "for each" too: "$2,000 in public funds per contributor")
                    explicit = text[a.end + 1] == "i" and _EXPLICIT_PER.match(text, ob.end()) is not None
                    pu = pu if pu[0] in _TIME_UNITS or explicit else None
                    break
        if pu is None and text.startswith(("++", ")"), a.end):
            # "Rp 850.000++ per night" (hotel prices before service and tax); "($842) a tonne": the unit after
            # a restatement's bracket is the restatement's (and the original's, below)
            pu = _per_unit(text, a.end + (2 if text[a.end] == "+" else 1))
        if pu is None and text.startswith(" (", a.end):
            close = text.find(")", a.end + 2, a.end + 64)
            if close != -1:
                pu = _per_unit(text, close + 1)  # "3,950 ringgit ($842) a tonne", "N6,000,000.00 (Six Million
                # Naira) per annum"
                if (
                    pu is not None and _DOLLAR_TAG_BRACKET.match(text, a.end) is None
                ):  # (the bracket's own amount stays one: "1.26 cruzados (six U.S. Cents) a litre"; a dollar's
                    # tag is no amount, and its unit is read through: "$58.20 (US) a pound")
                    pu = (pu[0], a.end)
        if pu is not None:
            a.per_unit = pu[0]
            if a.currency is not None or text[a.end : a.end + 1] != "/":
                unit_end = pu[1]  # (a bare count before "/$1" is a multi-buy, "3/$1", whose $1 is the price)
        elif a.exp in _SCALE_PER_UNIT_EXPS and (scale_unit := _SCALE_PER_UNIT.search(text, a.nend, a.end)):
            a.per_unit = curated.SCALE_WORD_PER_UNITS[scale_unit.group(1).lower()]  # "₹18 LPA": a year
        elif (
            a.start > 3
            and _PER_SHARE_CUE.search(text, max(0, a.start - 64), a.start) is not None
            and (lead := _PER_SHARE_LEAD.search(text, max(0, a.start - 64), a.start)) is not None
        ):
            # "adjusted EPS of $5.10", "earnings per share were $(0.14)", "DPU was 4.12 Singapore cents" (unit)
            a.per_unit = curated.PER_UNIT_MEASURES.get(lead.group(1).lower(), "share")
        elif a.start > 3 and (measured := _measure_lead_unit(text, a.start)) is not None:
            a.per_unit = measured  # "revenue per seat was £71.80", "an hourly rate of €14.50"
    _face_value_quotes(text, cleaned, units)
    if units:
        dropped = {id(u) for u in units}
        cleaned = [a for a in cleaned if id(a) not in dropped]
    if "B" in text and any(a.currency is None and a.exp == 9 for a in cleaned):
        _letter_suffix_signs(text, cleaned)
    if " to " in text or "between" in lowered:
        cleaned = _word_lower_bounds(text, cleaned)
    # the passes that give bare figures a currency from the amounts, rows and headings around them, in order
    joined = _heading_tables(text, headings, _join(text, cleaned))
    joined = _change_then_level(text, _table_rows(text, joined))
    joined = _implied(text, joined)
    if any(a.currency is None and a.exp is not None and a.exp >= 6 for a in joined):
        # (before the story's currency: "China's surplus narrowed to $54.1 billion … In yuan terms, exports fell
        # 3.7% to 1.26 trillion" is CNY)
        joined = _clause_currency(text, joined)
    joined = _bare_range_tops(text, _story_currency(text, joined))
    if "share" in text:
        joined = _story_per_share(text, joined)
    joined = _carry_compared_units(text, _indian_scale_sums(text, joined, locale_hint))
    if "shilling" in lowered or pre_decimal.read:
        joined = _pre_decimal_words(text, lowered, joined, pre_decimal, _region(locale_hint))
    if "/" in text:
        joined = _slash_pairs(text, joined)
    reported = [a for a in joined if a.currency is not None]
    if any(a.currency in _PRE_ISO_CONTEXT for a in reported):
        reported = _without_pre_iso_coins(lowered, reported)
    if not reported:
        return []
    return _assemble(text, lowered, reported, _region(locale_hint))


def _yen_sen(text: str, lowered: str, reported: list[_Amount]) -> None:
    """Make the "sen" amounts of a text that writes yen and no ringgit the yen's hundredth (JPY), as Japanese bond
    and exchange quotes write it ("the tail between the average and lowest accepted prices was 3 sen"); elsewhere
    "sen" is the ringgit's (``curated`` NAMES: "Maybank rose 8 sen to RM10.42"). ISO 4217 gives the yen no minor
    unit in use; 3 sen is 0.03 yen. Changes the amounts in place."""
    sens = [
        a
        for a in reported
        if a.rcur == "MYR" and a.lcur is None and lowered[a.nend : a.end].strip() in ("sen", "sens")
    ]
    if not sens or "ringgit" in lowered or "malaysia" in lowered:
        return
    sen_ids = {id(a) for a in sens}
    if any((a.lcur or a.rcur) == "MYR" for a in reported if id(a) not in sen_ids):
        return  # (another amount in ringgit: "RM2.10")
    for a in sens:
        a.rcur = "JPY"


def _without_pre_iso_coins(lowered: str, amounts: list[_Amount]) -> list[_Amount]:
    """``amounts`` without the coins of a family that the document sets before its ISO currency
    (:data:`_PRE_ISO_CONTEXT`: "wheat at 8 drachmae an artaba" in ancient Greece, "100,000 florins" in Medici
    Florence), which have no ISO code and are not read, like ducats and denarii."""
    before_iso = {
        family for family, context in _PRE_ISO_CONTEXT.items() if context.search(lowered) is not None
    }
    return [a for a in amounts if a.currency not in before_iso]


#: A sentence end: a full stop, "!" or "?" before a space or a line break, or a line break.
_SENTENCE_END: Final[re.Pattern[str]] = re.compile(r"[.!?][ \u00a0\n]|\n")


#: Australian and New Zealand racing write odds as the tote's return per dollar, with a "$": the odds' moves
#: ("shortened from $8 to $4.60", "drifted out to $21") and a runner's price ("backed the favourite at $3.50").
_TOTE_MOVE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:shortened|shortens|shorten|drifted|drifts|drift|blew out|firmed|firms)"
    r"(?:[ \u00a0]+in[ \u00a0]+(?:the[ \u00a0]+)?betting)?[ \u00a0]+(?:from|to|into|out to|in to)[ \u00a0]+\Z",
    re.IGNORECASE,
)
_TOTE_RUNNER_AT: Final[re.Pattern[str]] = re.compile(
    r"\b(?:favourite|favorite|outsider|roughie|runner|horse|colt|filly|mare|gelding|stayer|sprinter)"
    r"(?:[ \u00a0]+[\w'’]+){0,2}[ \u00a0]+(?:at|from)[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: Opening quotation marks before a title ("'Eleven Dollar Heart'", "“Ten Pound Sunrise”").
_OPENING_QUOTES: Final[str] = "'\"\u2018\u201c"
#: A betting word right after a price: "$1.45 favourites", "a $21 outsider" (with a betting word in the clause).
_TOTE_PRICE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:favourites?|favorites?|outsiders?|chances?|shots?|roughies?|pops?)\b", re.IGNORECASE
)
#: A side's price before it: "out to $2.75", "in to $1.80" (a move with its verb left out) and "on <Name> at
#: $1.50" (a bet placed on a side at its price).
_TOTE_SIDE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"(?:\b(?:out|in)[ \u00a0]+to|\bon[ \u00a0]+[A-Z][\w'’]+(?:[ \u00a0]+[A-Z][\w'’]+)?[ \u00a0]+at)[ \u00a0]+\Z"
)
#: Words of a betting story that make "$" prices in such phrases tote odds (lower case).
_TOTE_CUE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:favourites?|favorites?|tab|odds|bookmakers?|bookies|punters?|outsiders?|roughies?|sportsbet|tote)\b",
    re.IGNORECASE,
)


def _tote_price(text: str, a: _Amount) -> bool:
    """Whether the "$" amount ``a`` (no scale word, under 1000) is a racing price in Australian and New Zealand
    style, the tote's return for a dollar: after an odds move ("shortened from $8 to $4.60") or a runner "at"
    it ("the favourite at $3.50"), or the other end of such a move ("from $8 to $4.60"), with a betting word in
    its clause ("favourite", "TAB", "odds", "punters" …)."""
    if not _text_has_tote_cue(text):
        return False  # (no betting word anywhere: found once per text, no search around each "$")
    before = text[max(0, a.start - 80) : a.start]
    k = before.rfind("$")
    if (
        _TOTE_MOVE.search(before) is None
        and _TOTE_RUNNER_AT.search(before) is None
        # the end of a move: "from $8 to $4.60"
        and not (k >= 0 and before.endswith(" to ") and _TOTE_MOVE.search(before, 0, k) is not None)
        # a side's price: "The Storm are $1.45 favourites", "with Penrith out to $2.75", "on Melbourne at $1.50"
        and _TOTE_PRICE_AFTER.match(text, a.end) is None
        and _TOTE_SIDE_BEFORE.search(before) is None
    ):
        return False
    return _TOTE_CUE.search(text, *_clause_bounds(text, a.start, 160)) is not None


@functools.lru_cache(maxsize=1)  # (only the text being read: a large text is not kept)
def _text_has_tote_cue(text: str) -> bool:
    """Whether a betting word of :data:`_TOTE_CUE` stands anywhere in ``text``: read once per text (cached)."""
    return _TOTE_CUE.search(text) is not None


#: "look like", "feel like" right before "a million bucks/dollars": the idiom of looking or feeling great.
_LOOK_LIKE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:look|looks|looked|looking|feel|feels|felt|feeling)[ \u00a0]+like[ \u00a0]+\Z", re.IGNORECASE
)


def _face_value_quotes(text: str, amounts: list[_Amount], units: list[_Amount]) -> None:
    """Add to ``units`` the cents of ``amounts`` in a clause that quotes a price in cents on the dollar, which
    are shares of face value, not sums ("priced at 99.5 cents on the dollar, up from 97 cents"; "rose 1.5 cents
    to 62.3 cents on the dollar": the change and the earlier level are quotes of the same kind). Changes
    ``units``."""
    quotes = [u for u in units if u.divisor != 1 and _ON_THE_MAJOR.match(text, u.end) is not None]
    if not quotes:
        return
    starts = [a.start for a in amounts]  # (in text order)
    taken = {id(u) for u in units}
    for q in quotes:
        lo, hi = _clause_bounds(text, q.start, 120)
        for a in amounts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]:
            if (
                a.rcur == "@cent"
                and a.lcur is None
                and a.divisor != 1
                and id(a) not in taken
                # a change or comparison of the quote, not another price ("a hot dog costs 90 cents")
                and (
                    (before := _word_before(text, a.start)) in _CHANGE_VERBS
                    or before in ("from", "to", "at", "vs", "vs.", "versus", "against")
                )
            ):
                units.append(a)
                taken.add(id(a))


#: A dividend or earnings per share named earlier in the sentence of an amount in cents ("The quarterly dividend was
#: increased 7% to 56.25 cents"): a sum per share.
_DIVIDEND_CLAUSE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:[Dd]ividends?|EPS|[Ee]arnings per share|[Pp]ayout)\b[^.;!?]*\Z"
)
#: Currencies whose minor unit is called "cents" in English news, most frequent first: a tie between country
#: cues goes to the earlier one (a fixed order, so the result never depends on set iteration order).
_CENT_ORDER: Final[tuple[str, ...]] = (
    *("USD", "EUR", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD"),
    *("ZAR", "KES", "LKR", "MUR", "NAD", "JMD", "TTD"),  # also "cents" in their English press
    *("FJD", "BBD", "BSD", "XCD", "BZD", "GYD", "KYD", "BMD", "SBD", "LRD", "BND"),
    "MYR",  # the ringgit's sen, as the wires' commodity reports call them ("Tin closed 40 cents higher at 17.82 ringgit")
    "NLG",  # the Dutch guilder's cents (1817-2001): "Pig prices rose 12 cents to 3.47 guilders a kilo"
    "CHF",  # the franc's Rappen, as English copy calls them: "averaged Fr. 1.98, down 19 cts from Fr. 2.17"
)
#: Cent currencies whose amounts give bare "cents" their currency only in the same sentence ("Tin closed 40
#: cents higher at 17.82 ringgit"): the ringgit's minor unit is the sen, which the wires also call cents; the
#: guilder's cents are read beside a guilder amount only (a story of the Netherlands is no euro-area text), and so
#: are the franc's Rappen called cents.
_CENTS_IN_SENTENCE_ONLY: Final[frozenset[str]] = frozenset({"MYR", "NLG", "CHF"})
#: Minor-unit families resolved from the document's amounts (the nearest one of a member currency), then the
#: locale hint, country cues and the first member: cents (:data:`_CENT_ORDER`), centavos (the pesos and
#: the real, ``curated.FAMILIES["centavo"]``), pennies, centimes and céntimos (the sol's first).
_MINOR_FAMILY_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "@cent": _CENT_ORDER,
    "@centavo": tuple(c for c in curated.FAMILIES["centavo"] if c is not None),
    "@penny": tuple(c for c in curated.FAMILIES["penny"] if c is not None),
    "@centime": tuple(c for c in curated.FAMILIES["centime"] if c is not None),
    "@centimo": tuple(c for c in curated.FAMILIES["centimo"] if c is not None),
}


def _between_starts(other: int, a: _Amount, number_at: dict[int, int]) -> tuple[int, int]:
    """The span (code points) between the amount starting at ``other`` and the minor-unit amount ``a``, the other
    amount's sign left out when it comes first (the full stop of "Fr. 2.04" ends no sentence), for a sentence-end
    test."""
    if other < a.start:
        return number_at.get(other, other), a.start
    return a.start, other


def _assemble(text: str, lowered: str, reported: list[_Amount], region: str | None) -> list[Mention]:
    """Turn read amounts into mentions: equivalents, currency resolution, amounts, qualifiers."""
    # 1. restatements: "€89 billion ($95 billion)", "5bn rupees ($50m; £27m)"
    equivalents: list[int | None] = []
    open_group: int | None = None  # index of the amount a parenthetical restates
    for i, a in enumerate(reported):
        eq: int | None = None
        if i > 0 and (open_group is not None or a.start - reported[i - 1].end <= 40):
            prev = reported[i - 1]
            gap = text[prev.end : a.start]
            if (
                prev.per_unit is not None
                and ("(" in gap or "," in gap)
                and (pu := _per_unit(text, prev.end)) is not None
                and pu[1] <= a.start
            ):
                gap = text[pu[1] : a.start]  # "$80 a barrel (£64)": the bracket after the unit
            # a restatement gives the amount in another currency: "£12.3m (£10.1m)" is a comparison
            if (
                (
                    _is_restatement(gap)
                    or (" or" in gap and a.per_unit is None and _OR_ALTERNATIVE.fullmatch(gap) is not None)
                )
                and (
                    # "10 490 kr, roughly NOK 1,000 more than in Sweden": a difference, not the same sum restated
                    _DIFFERENCE_AFTER.match(text, a.end) is None
                )
                and (
                    a.currency != prev.currency
                    and a.currency not in _MINOR_FAMILY_ORDER
                    and prev.currency not in _MINOR_FAMILY_ORDER
                    # "410p a share, or about £1.9bn": pence and pounds are one currency, a price and a total
                    and (a.divisor == prev.divisor or not _may_be_same_currency(a.currency, prev.currency))
                    # "C$20 an hour, about $41,600 a year": two rates of different units restate nothing
                    and (a.per_unit is None or prev.per_unit is None or a.per_unit == prev.per_unit)
                )
            ):
                eq = i - 1 if equivalents[i - 1] is None else equivalents[i - 1]
                if (
                    prev.per_unit is not None
                    and a.per_unit is None
                    and _similar_size(prev, a, factor=_EXCHANGE_SPREAD)
                    and not _unit_is_currency_of(prev.per_unit, a.currency)
                ):
                    # the restated price is per the same unit, written after it ("$80 a barrel (£64)") or before
                    # it ("revenue per passenger reached €23.60, or about $25.70", "a monthly salary of 930 manat
                    # in 2023, or about $547")
                    a.per_unit = prev.per_unit
            elif "(" in gap and _is_restatement(gap) and _major_value(prev) == _major_value(a) is not None:
                # "ONE HUNDRED THOUSAND POUNDS STERLING (£100,000)": words then figures, the same sum
                eq = i - 1 if equivalents[i - 1] is None else equivalents[i - 1]
            elif open_group is not None and gap.strip() in (";", ",", "or", "/", "; or") and ")" not in gap:
                eq = open_group
        equivalents.append(eq)
        open_group = eq if eq is not None else None
    # 2. currencies: explicit ones first, so that cents and ambiguous markers can look at them
    doc_codes: list[tuple[int, str]] = []
    for a in reported:
        cur = a.lcur or a.rcur
        if cur is not None and cur[0] != "@":
            doc_codes.append((a.start, cur))
    if any(code == "JPY" for _, code in doc_codes) or (
        # (or "¥" in a text of Japan: "charged 3 sen for admission … costs ¥700" in a Nara story)
        any(a.lcur == "@yen_sign" for a in reported)
        and " sen" in lowered
        and (cues := _text_country_cues(text)).get("JPY", 0) > cues.get("CNY", 0)
    ):
        _yen_sen(text, lowered, reported)
    # the starts of the amounts written with a prefixed sign of their own ("C$", "A$", "HK$")
    symbol_starts = {
        a.start for a in reported if a.lcur is not None and a.lcur[0] != "@" and a.lbasis == "symbol"
    }
    # the starts of the amounts written with an ISO code of their own ("CAD 5 million", "5 million AUD")
    code_starts = {
        a.start
        for a in reported
        if (a.lcur is not None and a.lbasis == "code")
        or (a.lcur is None and a.rcur is not None and a.rbasis == "code")
    }
    # the starts of each amount's restatements: "$313 million, or about S$420 million" tells the "$" nothing
    restated_by: dict[int, set[int]] = {}
    for j, eq in enumerate(equivalents):
        if eq is not None:
            restated_by.setdefault(eq, set()).add(reported[j].start)
    cue_counts = _LazyCues(lowered)  # counted only when a currency word needs them
    # the same with the dateline counted three times: for a family no amount of the text writes out ("U.S. dlrs"
    # in a Hong Kong story settles nothing by itself, but it shows the writer marks the other dollar)
    dated_cue_counts = _LazyCues(lowered, cue_counts)
    written_families: dict[str, bool] = {}
    # id of a family's list of explicit members -> (that list, the members a bare sign may take: no Zimbabwe dollar)
    sign_carried_codes: dict[int, tuple[list[tuple[int, str]], list[tuple[int, str]]]] = {}
    # id of a family's list of explicit members -> (that list, the members a currency word may take: no restatement)
    word_carried_codes: dict[int, tuple[list[tuple[int, str]], list[tuple[int, str]]]] = {}
    restatement_starts: set[int] | None = (
        None  # starts of the amounts that restate another (built on first use)
    )
    home_dollar: str | None = None  # "" when the document writes no "$US" (see _home_dollar)
    declared: dict[str, str] | None = None  # the document's currency declarations, read on first need
    resolved: list[tuple[str | None, tuple[str, ...], str]] = []
    by_family: dict[str, list[tuple[int, str]]] = {}
    plain_codes: dict[str, list[tuple[int, str]]] = {}  # by_family's lists without prefixed signs
    # by family: the members written with a letter sign of their own, and by_family's list without them
    letter_families: dict[str, tuple[frozenset[str], list[tuple[int, str]]]] = {}
    bare_dollar_default = False  # whether a bare "$" of the text was read as the US dollar by default
    # the end of the last dollar word read as US dollars for its world price ("a barrel")
    world_priced_end = -1
    # dollars whose amounts a bare "$" read as USD restates ("HK$453m ($57.7m)")
    usd_restating: set[str] = set()
    yen_only: bool | None = None  # whether the text writes yen and no yuan (read on first need)
    family_last: dict[str, int] = {}  # family -> the index of its last amount that wrote its own mark
    last_yen: int | None = None  # the index of the last bare "¥" amount that restates nothing
    default_dollars: list[int] = []  # the indices of such "$" amounts that restate nothing, ascending
    minor_families: list[str] = []  # "@cent", "@centavo": in the order met (the output never depends on sets)
    peso_sign: int | None = None  # the index of the last amount written "$" and a peso's name ("$22 pesos")
    unsettled_signs: list[int] = []  # the indices of bare "$" amounts read as the US dollar by default alone
    for i, a in enumerate(reported):
        target = a.lcur or a.rcur
        if (
            text[a.start] == "$"
            and a.rbasis == "name"
            and (a.lcur == "@peso" or a.lcur in _DOLLAR_SIGN_CURRENCIES)
        ):
            peso_sign = i  # "$22 pesos": this writer's "$" is the peso
        if target is not None and target[0] != "@":  # an ISO code: nothing to resolve
            resolved.append((target, (), a.lbasis if a.lcur is not None else a.rbasis))
            continue
        if target in _MINOR_FAMILY_ORDER:  # resolved below, from the amounts around it
            resolved.append((None, (), "none"))
            if target not in minor_families:
                minor_families.append(target)
            continue
        if (a.lbasis if a.lcur is not None else a.rbasis) == "context":
            source = family_last.get(target or "")
            if source is not None and equivalents[i] is None:
                # a figure that took its currency from an amount before it ("$865,000 (up from 812,000)" in a
                # Sydney story): that amount's reading, not one of its own from the story's country cues
                resolved.append(resolved[source])
                continue
        elif target is not None:
            family_last[target] = i
        # country cues settle currency words and letter signs ("kr 200 million" in a Danish story, "Rs"), not
        # the "$" "£" "¥" signs, which keep their international default
        sign_char = (
            a.lcur is not None
            and a.lbasis == "symbol"
            and not text[a.start : a.nstart].lstrip(_MINUS)[:1].isalpha()
            # ("$18,000 pesos": the name after the sign settles it, and the story's country the name)
            and not (a.rbasis == "name" and a.rcur == a.lcur)
        )
        use_cues = cue_counts if not sign_char else None
        if use_cues is not None and a.currency is not None and a.currency[0] == "@":
            if (written := written_families.get(a.currency)) is None:
                fam = set(FAMILIES.get(a.currency[1:], ()))
                written = written_families[a.currency] = any(code in fam for _, code in doc_codes)
            if not written:
                use_cues = dated_cue_counts
        family_codes = by_family.get(a.currency or "")
        if family_codes is None and a.currency is not None and a.currency[0] == "@":
            members = set(FAMILIES.get(a.currency[1:], ()))
            family_codes = [x for x in doc_codes if x[1] in members]
            if all(code == family_codes[0][1] == _members_default(a.currency) for _, code in family_codes):
                family_codes = []  # only the default member is named: nothing to learn from context
            by_family[a.currency] = family_codes
        marked: frozenset[str] = frozenset()
        if family_codes and a.lbasis == "symbol" and a.lcur is not None and not sign_char:
            # a letter sign beside a member written with a longer sign of its own ("K" beside "MK"), once per
            # family (a text of many such signs stays linear)
            letter_family = letter_families.get(a.currency or "")
            if letter_family is None:
                marked = frozenset(code for at, code in family_codes if at in symbol_starts)
                letter_family = (marked, [x for x in family_codes if x[1] not in marked])
                letter_families[a.currency or ""] = letter_family
            marked, family_codes = letter_family
        local: tuple[str | None, tuple[str, ...], str] | None = (
            _local_cue(text, a)
            if (use_cues is not None or a.currency == "@yen_sign") and equivalents[i] is None
            else None
        )
        if local is None and (use_cues is not None or sign_char) and equivalents[i] is None and i > 0:
            # "rose to 1.12 U.S. dlrs a lb from 1.08 dlrs" in a Sydney story: the earlier level of a change is in
            # the currency its new level names, whatever the story's country or the request's hint (a bare "$"
            # too: "will raise the metro fare to $6 pesos from $5")
            local = _compared_member(text, reported[i - 1], resolved[i - 1], a)
        if local is None and equivalents[i] is None and a.currency is not None:
            if declared is None:
                declared = _declared(text, lowered)
            code = declared.get(a.currency[1:])
            if code is not None:  # "All figures are in Canadian dollars": every "$" and "dollars" of the text
                others = _without(FAMILIES.get(a.currency[1:], ()), code)
                local = (code, others, "context")
        if local is None and sign_char and a.currency == "@yen_sign":
            # (a restatement too: "The Guangzhou-based developer sold its site for £120m (¥1.1bn)"; not in a text
            # that writes yen and no yuan: "cut its forecast to 1.1 trillion yen … visitors from China averaged
            # about ¥150,000")
            if yen_only is None:
                codes_written = {code for _, code in doc_codes}
                yen_only = "JPY" in codes_written and "CNY" not in codes_written
            if not yen_only:
                local = _yuan_clause(text, lowered, a)
            if (
                local is None
                and equivalents[i] is None
                and last_yen is not None
                and resolved[last_yen][2] == "context"
                and _SENTENCE_BREAK.search(text, reported[last_yen].end, a.start) is None
                and text.find(";", reported[last_yen].end, a.start) == -1
            ):
                # "The Chinese drugmaker will receive ¥800 million upfront, and up to ¥5.6 billion in
                # milestones": a "¥" of the same sentence as one its clause settled is that one's
                local = resolved[last_yen]
            if equivalents[i] is None:
                last_yen = i
        if (
            local is None
            and use_cues is not None
            and family_codes
            and equivalents[i] is None
            and a.rbasis == "name"
            and a.currency in _CLAUSE_CUED_FAMILIES
        ):
            # "Oslo-based Fjell raised NOK 180 million, while its Danish peer collected 95 million kroner": a
            # country cue of one member in the amount's own clause outweighs a member the text writes elsewhere
            local = _clause_member(text, lowered, a)
        if (
            local is None
            and use_cues is not None
            and region is not None
            and equivalents[i] is None
            and a.currency is not None
            and a.currency[0] == "@"
            and (hinted_code := REGION_CURRENCY.get(region)) is not None
            and hinted_code in FAMILIES.get(a.currency[1:], ())
            and (in_clause := _clause_place_member(text, lowered, a)) is not None
            and in_clause[0] != hinted_code
        ):
            # "in Sri Lanka the minimum wage is Rs 17,500 a month" under en-IN: the clause's own country names
            # the rupee over the request's market (not a player's nationality: "Sri Lankan quick X went for Rs 18
            # crore" in an Indian story)
            local = in_clause
        if local is not None:  # "Uganda's Shs72 trillion" beside "Kenya's KSh 3.9 trillion", "China's ¥5tn"
            res = local
        else:
            if family_codes and sign_char and _hint_in_family(region, a.currency):
                family_codes = []  # the request names the market: its dollar is the bare "$"
            if family_codes and sign_char:
                # ("Z$9,500 for a loaf … the WFP needs $102m": a bare "$" beside Zimbabwe's dollars is the US one;
                # filtered once per list of the document, so a text of many "$" stays linear)
                if (carried := sign_carried_codes.get(id(family_codes))) is None:
                    if restatement_starts is None:
                        restatement_starts = {
                            b.start for b, e in zip(reported, equivalents, strict=True) if e is not None
                        }
                    carried = (
                        family_codes,
                        [
                            x
                            for x in family_codes
                            if x[1] not in curated.SIGN_PICK_NOT_CARRIED
                            # (nor a bracketed restatement for the reader: "a NZ$12.1 billion (US$7.3 billion)
                            # package … It includes $5.1 billion in wage subsidies" is NZD)
                            and x[0] not in restatement_starts
                        ],
                    )
                    sign_carried_codes[id(family_codes)] = carried
                family_codes = carried[1]
            elif family_codes and equivalents[i] is None:
                # a word's explicit member is never a restatement of another amount either: "offered 2.46
                # billion H.K. dlrs (315 mln U.S.) … suspended at 7.65 dlrs" is HKD, nor a member the word does
                # not name (filtered once per list)
                if (unrestated := word_carried_codes.get(id(family_codes))) is None:
                    if restatement_starts is None:
                        restatement_starts = {
                            b.start for b, e in zip(reported, equivalents, strict=True) if e is not None
                        }
                    # (nor a member the word does not name: "Mex$215" makes no "dollars" of the text pesos)
                    named = CUE_MEMBERS.get((a.currency or "@")[1:])
                    unrestated = (
                        family_codes,
                        [
                            x
                            for x in family_codes
                            if x[0] not in restatement_starts and (named is None or x[1] in named)
                        ],
                    )
                    word_carried_codes[id(family_codes)] = unrestated
                family_codes = unrestated[1]
            if family_codes:
                if sign_char and a.currency is not None and a.currency not in plain_codes:
                    plain_codes[a.currency] = [
                        x for x in family_codes if x[0] not in symbol_starts and x[0] not in code_starts
                    ]
                family_codes = _explicit_pick(
                    text,
                    family_codes,
                    a.start,
                    restated_by.get(i, _NO_STARTS),
                    # a bare "$" before any "C$"/"A$" of the text: that writer marks the other dollar where
                    # it occurs ("sold for $2.4 million, its frame C$40,000"): a prefixed sign counts only before;
                    # a word before any member written out, under the request's market of its family, is that
                    # market's ("SYDNEY - … sold 600 mln dlrs of bonds … Separately, New Zealand's Reserve Bank
                    # sold 150 mln N.Z. dlrs" under en-AU: AUD)
                    plain_codes[a.currency]
                    if sign_char and a.currency is not None
                    else _NO_CODES
                    if _hint_in_family(region, a.currency)
                    else None,
                    # and for a bare sign only a member of the same or the previous/next sentence settles it
                    sign_char,
                )
            res = _resolve(
                a.currency, region, family_codes or [], use_cues, equivalents[i] is not None, marked
            )
            if (
                sign_char
                and a.currency == "@dollar"
                and res[2] == "context"
                and equivalents[i] is None
                and (placed := _clause_place_member(text, lowered, a)) is not None
                and placed[0] != res[0]
            ):
                # the place its own clause names outweighs the text's other dollar: "QTC priced A$1.5bn of green
                # bonds, while in the US the Texas Department of Transportation sold $1.08 billion" is USD
                res = placed

            if a.currency == "@mark" and res[0] is not None and _pre_dm_sentence(text, a.start):
                # "By 1923 a loaf cost 200 billion marks in Weimar Germany, and in 1987 …": the sentence's own
                # time outranks a later year of the Deutsche Mark elsewhere in the text
                res = (None, _without(FAMILIES["mark"], None), "context")
            if (
                (
                    a.currency == "@dollar"
                    and res[0] is not None
                    and res[0] != "USD"
                    and (res[2] == "context" or res[2] == "hint")
                    and a.per_unit is not None
                    and (
                        (
                            a.per_unit.lower() in curated.USD_PRICED_UNITS
                            and _near_word_before(text, a.start, curated.CRUDE_OIL_WORDS)
                        )
                        or (
                            a.per_unit.lower() in curated.USD_PRICED_METAL_UNITS
                            and res[0] not in curated.LOCAL_GOLD_QUOTE_DOLLARS
                            and _near_word_before(text, a.start, curated.USD_PRICED_METAL_WORDS)
                            and not _near_word_before(text, a.start, curated.PRODUCER_COST_WORDS)
                        )
                        or (
                            a.per_unit.lower() in curated.USD_TRADE_TERM_UNITS
                            and _near_word_before(text, a.start, curated.USD_PRICED_ORE_WORDS)
                            and _near_word_before(text, a.start, curated.USD_PRICED_ORE_MARKET_WORDS)
                        )
                        or (
                            a.per_unit.lower() in curated.USD_TRADE_TERM_UNITS
                            and _trade_term_after(text, a.end)
                        )
                    )
                )
                or (
                    a.currency == "@dollar"
                    and not sign_char
                    and res[0] is not None
                    and res[0] != "USD"
                    and (res[2] == "context" or res[2] == "hint")
                    and not family_codes  # (a dollar the text writes out stays: "a 100 mln Australian dlr eurobond")
                    and _euromarket_sentence(text, a)
                )
            ):
                # crude oil is priced in US dollars the world over: "SINGAPORE, Nov 2 - Spot Dubai crude fell to
                # 16.90 dlrs a barrel", "Brent rose to $82 a barrel" under en-AU (a dollar written out stays its own:
                # "C$45 a barrel"); so is a commodity sold on delivery terms: "198 dlrs a tonne fob Dalian", and
                # the euromarket's dollars: "a 200 mln dlr eurobond for Australian Industry Development Corp"
                res = ("USD", _without(FAMILIES["dollar"], "USD"), "context")
                world_priced_end = a.end
                if (
                    i > 0
                    and (prev := reported[i - 1]).currency == "@dollar"
                    and resolved[i - 1][0] not in (None, "USD")
                    and resolved[i - 1][2] in ("context", "hint")
                    and (
                        text[prev.end : a.start] in (" to ", "\u00a0to ")
                        # ("Gold added $12.40 to settle at a record $1,377.60 an ounce")
                        or _TO_SETTLE_AT.fullmatch(text, prev.end, a.start) is not None
                    )
                    and _change_before(text, prev.start)
                ):
                    # the change before the new level is in its dollars: "iron ore slid $3.50 to $106.20 per
                    # dry metric tonne" under en-AU
                    resolved[i - 1] = res
            elif (
                a.currency == "@dollar"
                and not sign_char
                and res[0] != "USD"
                and (res[2] == "context" or res[2] == "hint")
                and world_priced_end >= 0
                and _SENTENCE_BREAK.search(text, world_priced_end, a.start) is None
            ):
                # "at 198 dlrs a tonne fob Dalian, some eight dlrs below U.S. Gulf values": the dollars of the
                # same sentence as such a price are its dollars
                res = ("USD", _without(FAMILIES["dollar"], "USD"), "context")
            elif (
                a.currency == "@dollar"
                and not sign_char
                and local is None
                and res[2] == "context"
                and res[0] != "USD"
                and bare_dollar_default
                and not family_codes
                and equivalents[i] is None
                # (not where the text names that dollar: "One Singapore dollar now buys 3.52 ringgit")
                and not any(name in lowered for name in _DOLLAR_NAMES_BY_CODE.get(res[0] or "", ()))
            ):
                # "sold for about $5.3 million as-is Singapore, half a million dollars more than a sister vessel":
                # the writer's bare "$" was the US dollar, and a dollar word after it with no country of its own
                # is the same dollar (one passing country word does not make it another)
                res = ("USD", _without(FAMILIES["dollar"], "USD"), "context")
            if (
                sign_char
                and a.currency == "@dollar"
                and res[2] == "context"
                and bare_dollar_default
                and family_codes
                and family_codes[0][0] in symbol_starts
                and family_codes[0][0] < a.start
                and (
                    _SENTENCE_BREAK.search(text, family_codes[0][0], a.start) is not None
                    # "$299.99 (£289.99, AU$499.99), while the 256GB version costs $399.99": the prefixed sign
                    # only restates a "$" read as the US dollar, and that set the writer's habit
                    or _restates_default_dollar(
                        text, reported, equivalents, default_dollars, family_codes[0][0]
                    )
                )
            ):
                # "The Wiley Prize ($50,000) and the Gairdner Award (CA$100,000) are notable. The Albany Prize, at
                # $250,000": a writer whose bare "$" was already the US dollar marks the other one where it occurs
                # (in its own sentence a list may share the mark: "A$90/MWh in Victoria and $120/MWh in Sydney")
                res = ("USD", _without(FAMILIES["dollar"], "USD"), "default")
            elif (
                sign_char
                and a.currency == "@dollar"
                and res[2] == "context"
                and (place := _dollar_place_after(text, a.end)) is not None
                and place != res[0]
            ):
                # "It costs AU$1,599 in Australia and $999 in the US": the amount's own place names its dollar
                res = (place, _without(FAMILIES["dollar"], place), "context")
            elif sign_char and a.currency == "@dollar" and res[2] == "default" and res[0] == "USD":
                bare_dollar_default = True
            if (
                sign_char
                and a.currency == "@dollar"
                and res[:3:2] == ("USD", "default")
                and equivalents[i] is None
            ):
                default_dollars.append(i)
        if (
            res[2] == "default"
            and use_cues is not None
            and a.currency in _CLAUSE_CUED_FAMILIES
            and equivalents[i] is None
            and (in_sentence := _sentence_member(text, lowered, a)) is not None
        ):
            # "In Norway the Pixel 10 costs 10 490 kr, about 1,000 kr more than in Sweden": the document names
            # both countries equally often; the sentence's last country before the amount names its crowns
            res = in_sentence
        if res[2] == "":
            res = (res[0], res[1], a.lbasis if a.lcur is not None else a.rbasis)
        elif res[2] == "default" and sign_char and a.currency == "@dollar":
            if home_dollar is None:
                home_dollar = _home_dollar(text, reported, cue_counts)
            if (
                home_dollar
                and _US_PLACE_BEFORE.search(text, *_clause_bounds(text, a.start, 60)) is None
                and not ((eq := equivalents[i]) is not None and resolved[eq][0] == home_dollar)
                and not _after_us_prefixed_in_sentence(text, reported, i)
            ):
                # "$US6.2bn ($9.4bn)", "shares rose to $24.50" in an Australian story (not "In the US its list
                # price is $935.77": the clause places that "$" in the United States; nor "raised HK$8.35
                # billion ($1.08 billion)" beside a "US$": a restatement in the home dollar would say nothing)
                res = (home_dollar, _without(_HOME_DOLLAR_ORDER[home_dollar], home_dollar), "context")
        elif (
            res[2] == "hint"
            and sign_char
            and a.currency == "@dollar"
            and res[0] != "USD"
            and (eq := equivalents[i]) is not None
            and resolved[eq][0] == res[0]
        ):
            # "S$389 billion ($288 billion)" with en-SG: a bare "$" restating the local dollar is the US dollar
            # (a restatement in the same currency would say nothing)
            res = ("USD", _without(FAMILIES["dollar"], "USD"), "default")
        if sign_char and a.currency == "@dollar":
            if (eq := equivalents[i]) is not None:
                if res[0] == "USD" and resolved[eq][0] not in (None, "USD"):
                    # "HK$453.2 million ($57.7 million)": the writer's bare "$" is the US dollar
                    usd_restating.add(resolved[eq][0] or "")
            elif res[2] == "context" and res[0] in usd_restating:
                # "… HK$453.2 million ($57.7 million) … would fetch about $21 million": so are its later bare "$"
                # (not under the request's hint of that dollar: "S$6.9 billion ($5.1 billion) … $600 in vouchers"
                # with en-SG stays SGD, as a local market's writer uses both)
                res = ("USD", _without(FAMILIES["dollar"], "USD"), "context")
            if (
                i > 0
                and (prev := reported[i - 1]).currency in FAMILIES["dollar"]
                and res[0] != prev.currency
                and text[prev.end : a.start] in (", or ", " or ")
                and prev.exp is not None
                and prev.exp >= 6
                and a.exp is None
            ):
                # "down from US$796-million, or $1.46, a year earlier": the per-share figure after ", or" is in
                # the dollar its total wrote out (not a restatement of the total: "US$5 million, or $6.5 million")
                res = (prev.currency, _without(FAMILIES["dollar"], prev.currency), "context")
        if (
            a.currency == "@dollar"
            and i > 0
            and (prev := reported[i - 1]).currency in FAMILIES["dollar"]
            and res[0] != prev.currency
            and equivalents[i] is None
            and equivalents[i - 1] is None
            # (nor a restatement of the amount before it: "A$720/t track Geelong, roughly US$458/t, while … $730 a
            # tonne" is the home dollar's price)
            and not (
                i >= 2
                and reported[i - 2].currency != prev.currency
                and _word_before(text, prev.start) in _RESTATING_HEDGES
                and _SENTENCE_BREAK.search(text, reported[i - 2].end, prev.start) is None
            )
            and _compared_with_written_dollar(text, prev, a, res[2] == "context")
        ):
            # "sent home US$14.22 billion last year, up from $9.71 billion in 2022", "US$338 per tonne versus 406
            # dlrs", "zircon at US$2,010 a tonne, while rutile fetched an average $1,560/t": the figure a dollar
            # written out is compared with, or a like price of its sentence, is in that dollar (whatever the
            # request's market or the text's places say)
            res = (prev.currency, _without(FAMILIES["dollar"], prev.currency), "context")
        elif (
            a.currency == "@dollar"
            and i >= 2
            and equivalents[i] is None
            and (written_out := reported[i - 2]).currency in FAMILIES["dollar"]
            and res[0] != written_out.currency
            and resolved[i - 1][0] == written_out.currency
            and reported[i - 1].currency == "@dollar"
            and equivalents[i - 1] is None
            and _compared_with_written_dollar(text, written_out, a, res[2] == "context")
        ):
            # "Cash costs rose to 248 U.S. dlrs an ounce from 219 dlrs, while the realized price averaged 412 dlrs":
            # past the earlier level that took the written-out dollar, a like price of the sentence takes it too
            res = (written_out.currency, _without(FAMILIES["dollar"], written_out.currency), "context")
        if (
            sign_char
            and a.currency == "@dollar"
            and res[0] == "USD"
            and res[2] == "default"
            and a.exp is None
            and _DOT_GROUPED_WHOLE.fullmatch(text, a.nstart, a.nend) is not None
            and (peso := _cued_peso(cue_counts.get())) is not None
        ):
            # "a subsidy of up to $22.000 per worker" in a Chilean story: "$" with thousands grouped by dots is the
            # Latin American layout of a peso, never an English dollar amount
            res = (peso, _without(FAMILIES["dollar"], None), "context")
        if (
            sign_char
            and a.currency == "@dollar"
            and res[2] == "default"
            and equivalents[i] is None
            and peso_sign is not None
            and (settled := resolved[peso_sign][0]) is not None
            and _near(text, reported[peso_sign].start, a.start)
        ):
            # "tacos cost $22 pesos apiece, and a Metro ride is still just $5": the bare "$" of the writer who
            # wrote "$" before pesos is the peso too (in its sentence or the next)
            res = (settled, _without(FAMILIES["dollar"], None), "context")
        if sign_char and a.currency == "@dollar" and res[2] == "default" and equivalents[i] is None:
            unsettled_signs.append(i)
        resolved.append(res)
    if unsettled_signs:
        _settle_peso_story_signs(text, lowered, cue_counts, reported, resolved, unsettled_signs)
    hinted = REGION_CURRENCY.get(region) if region is not None else None  # the request's market's currency
    for family in minor_families:
        order = _MINOR_FAMILY_ORDER[family]
        in_family = frozenset(order)
        number_at: dict[int, int] | None = None  # an amount's start -> its number's start (built when needed)
        codes = [(a.start, r[0]) for a, r in zip(reported, resolved, strict=True) if r[0] in in_family]
        # (in the cents' own sentence an amount's restatement is not the money they belong to: "lost 3.8 mln
        # Canadian dlrs (2.9 mln U.S.), or 22 cts a share" are Canadian cents, unless only restatements are there)
        original_codes = [
            (a.start, r[0])
            for a, r, eq in zip(reported, resolved, equivalents, strict=True)
            if r[0] in in_family and eq is None
        ]
        share_codes = [
            (a.start, r[0])
            for a, r, eq in zip(reported, resolved, equivalents, strict=True)
            if r[0] in in_family and eq is None and a.per_unit == "share"
        ]
        for i, a in enumerate(reported):
            if a.currency != family:
                continue
            if codes:  # the cents of the nearest dollar/euro amount, the centavos of the nearest peso amount
                if number_at is None:
                    number_at = {r.start: r.nstart for r in reported}
                k = bisect.bisect_left(codes, (a.start, ""))
                near = codes[max(0, k - 1) : k + 1]
                same = []
                if original_codes:
                    k_o = bisect.bisect_left(original_codes, (a.start, ""))
                    same = [
                        x
                        for x in original_codes[max(0, k_o - 1) : k_o + 1]
                        if not _SENTENCE_END.search(text, *_between_starts(x[0], a, number_at))
                    ]
                    if (
                        same
                        and a.per_unit != "share"
                        and (apposed := [y for y in near if same[0][0] < y[0] < a.start]) != []
                        and not _SENTENCE_END.search(text, *_between_starts(apposed[-1][0], a, number_at))
                        # (a restatement in apposition, not in brackets: "awarding US$212.4 million (NT$6.9
                        # billion) in damages, or roughly 42 cents for each" are US cents)
                        and "(" not in text[same[0][0] : apposed[-1][0]]
                        and _DIVIDEND_CLAUSE.search(text, max(0, a.start - 80), a.start) is None
                    ):
                        # a change in cents right after a restatement in apposition compares the restated price:
                        # "Rs. 1,229.66 per kg, roughly US$3.78, some 45 cents higher than a year earlier" (not a
                        # share's cents: "3.8 mln Canadian dlrs (2.9 mln U.S.), or 22 cts a share" are Canadian)
                        same = [apposed[-1]]
                if not same:
                    same = [
                        x
                        for x in near
                        if not _SENTENCE_END.search(text, *_between_starts(x[0], a, number_at))
                    ]
                if (
                    same
                    and all(
                        x[0] > a.start
                        and (later := _amount_at(reported, x[0])) is not None
                        and later.exp is not None
                        for x in same
                    )  # (only later sums with a scale word: "by 4 cents to $1.42 a share" are a share's cents)
                    and k > 0  # (an amount of the story before the cents)
                    and (
                        a.per_unit == "share"
                        or _DIVIDEND_CLAUSE.search(text, max(0, a.start - 80), a.start) is not None
                    )
                ):
                    # a dividend in cents before any amount of its sentence follows the story so far, not a later
                    # sum: "S$78.4 million, or 19.6 cents a share … a final dividend of 7 cents less tax and contracts
                    # worth more than US$200 million" (read below)
                    same = []
                if same:  # one in the same sentence: the nearest of those
                    best = min(same, key=lambda x: abs(x[0] - a.start))
                    resolved[i] = (best[1], (), "context")
                    if (
                        hinted in in_family
                        and hinted != best[1]
                        and a.per_unit is not None
                        and (other := _amount_at(reported, best[0])) is not None
                        and other.per_unit is not None
                        and other.per_unit != a.per_unit
                    ):
                        # "Brent rose to US$78.20 a barrel, pushing petrol up by around 4c a litre" under en-AU:
                        # the cents of another unit's price are the market's own
                        resolved[i] = (hinted, _without(order, hinted), "hint")
                    continue
                placed = _clause_place_member(text, lowered, a, order)
                if placed is not None:
                    # "Saleyard prices in New South Wales averaged 168 cents a kg" after a sentence of US dollars:
                    # the country its own clause names, over the story so far
                    resolved[i] = (placed[0], _without(order, placed[0]), "context")
                    continue
                if share_codes and (
                    a.per_unit == "share"
                    or _DIVIDEND_CLAUSE.search(text, max(0, a.start - 80), a.start) is not None
                ):
                    k_s = bisect.bisect_left(share_codes, (a.start, ""))
                    if k_s > 0 and share_codes[k_s - 1][1] not in _CENTS_IN_SENTENCE_ONLY:
                        # a dividend or earnings per share in cents follows the story's last amount per share,
                        # not a price assumption between: "models 2025 EPS of $4.35 (en-CA), assuming WTI of
                        # US$75/bbl … The quarterly dividend was increased 7% to 56.25 cents" is CAD
                        best = share_codes[k_s - 1]
                        resolved[i] = (best[1], _without(order, best[1]), "context")
                        continue
                if original_codes:
                    # (an amount's restatement is not the story's money: "processed S$1.6 billion (US$1.19
                    # billion) … a minimum fee of 30 cents" under en-SG are Singapore cents)
                    k_o = bisect.bisect_left(original_codes, (a.start, ""))
                    near = original_codes[max(0, k_o - 1) : k_o + 1]
                if far := [
                    x
                    for x in near
                    if x[1] not in _CENTS_IN_SENTENCE_ONLY
                    and not _world_price_apart(reported, x[0], a)
                    # (under a hint of this family an amount of a later sentence says nothing of the cents before
                    # it: "a dividend of 53 cents a share … realized prices between US$290 and US$320" with en-CA)
                    and not (hinted in in_family and x[0] > a.start)
                ]:
                    # else the amount before (the story so far), the one after only when none is before
                    best = far[0]
                    resolved[i] = (best[1], _without(order, best[1]), "context")
                    continue
                # (only ringgit amounts, in other sentences: read on as if there were none)
            if family == "@cent":
                if declared is None:
                    declared = _declared(text, lowered)
                stated = declared.get("dollar")
                if stated is not None and stated in in_family:
                    # "… 75 cents per share … The company reports in U.S. dollars": the declared dollar's cents
                    resolved[i] = (stated, _without(order, stated), "context")
                    continue
            if hinted in in_family:
                resolved[i] = (hinted, _without(order, hinted), "hint")
                continue
            if (
                family == "@cent"
                and a.per_unit is not None
                and a.per_unit.lower() in curated.DOLLAR_QUOTED_UNITS
            ):
                # "Singapore gasoil differentials rose to 95 cents/b": world commodity markets quote a barrel, a
                # gallon or a bushel in US cents wherever they trade (a story's country does not change that)
                resolved[i] = ("USD", _without(order, "USD"), "default")
                continue
            cues = cue_counts.get()
            ranked = sorted((c for c in order if cues.get(c)), key=lambda c: -cues[c])
            if ranked:
                resolved[i] = (ranked[0], (), "context")
            elif family == "@cent" and "EUR" in in_family and _euro_area_text(lowered):
                # "new contracts cost 26.9 cents per kWh" in a German story of the euro's time
                resolved[i] = ("EUR", _without(order, "EUR"), "context")
            else:  # bare cents, like bare "dlrs": US cents by default, the other cent currencies as alternatives
                resolved[i] = (order[0], _without(order, order[0]), "default")
    # 3. amounts and qualifiers
    mentions: list[Mention] = []
    index_of: dict[int, int] = {}
    for i, a in enumerate(reported):
        currency, alternatives, basis = resolved[i]
        amount = numbers.scaled(a.value, a.exp or 0) if a.amount_max is None else a.value
        if amount is None:
            continue
        if a.divisor != 1 and a.amount_max is None:
            divisor = a.divisor
            if divisor == 100 and currency is not None and MINOR_UNITS.get(currency) == 3:
                tail = text[a.nend : a.end].lower().split()
                if tail and tail[-1].rstrip(".") in curated.MINOR_UNIT_BY_ISO:
                    divisor = 1000  # "25 fils" in a Kuwaiti story: KWD 0.025 (ISO 4217 minor unit 3)
            amount = (amount / divisor).normalize(numbers.NUMBER_CONTEXT)
            if amount == amount.to_integral_value():
                amount = amount.quantize(Decimal(1))
        if a.negative:
            amount = -amount
        qualifier = _qualifier_before(text, a.start) or _qualifier_after(text, a.end) or "exact"
        if (
            qualifier == "less_than"
            and _SHORT_POSITION.search(text, max(0, a.start - 16), a.start) is not None
        ):
            qualifier = "exact"  # "stood at a net short of 7.62 billion dlrs": a position, not "less than"
        if qualifier == "exact" and a.per_unit is not None and (unit := _per_unit(text, a.end)) is not None:
            qualifier = (
                _qualifier_after(text, unit[1]) or "exact"
            )  # "$80 a ton or lower", "$5 a share or more"
        if (
            qualifier == "exact"
            and a.amount_max is None
            and a.start > 5
            and text[a.start - 6 : a.start].lower() == " from "  # "Hotel Rooms From €89", "TICKETS FROM $60"
            and _starting_price(text, a)
        ):
            qualifier = "at_least"  # "Rooms from €19 per night", "smart bulbs from $19.99": a starting price
        if (
            qualifier == "exact"
            and a.amount_max is None
            and text.find("started ", max(0, a.start - 24), a.start) != -1  # (a cheap test first)
            and (started := _STARTED_AT.search(text, max(0, a.start - 64), a.start)) is not None
            and started.group(1).lower() in curated.STARTING_PRICE_NOUNS
        ):
            qualifier = "at_least"  # "Ringside tickets started at $1,500": the lowest price of a list
        if qualifier == "exact" and text.startswith(" (", a.end) and _ESTIMATE_AFTER.match(text, a.end):
            qualifier = "approximate"  # an infobox's "Cost £1.35 billion (est.)", "$1.1 billion (est.)[9]"
        if qualifier == "exact" and text.find("imum", a.end, a.end + 48) != -1:
            unit = _per_unit(text, a.end) if a.per_unit is not None else None
            limit = _LIMIT_AFTER.match(text, unit[1] if unit is not None else a.end)
            if limit is not None:  # "$4,873 per month maximum", "a $5,000 out-of-pocket maximum"
                qualifier = "at_most" if limit.group(1).lower() == "maxim" else "at_least"
        if qualifier == "exact" and a.amount_max is not None:
            # a hedge before the range's "between"/"from": "roughly between $5bn and $7bn"
            lead = text[max(0, a.start - 9) : a.start].lower()
            if lead.endswith(" between "):
                qualifier = _qualifier_before(text, a.start - 8) or "exact"
            elif lead.endswith(" from "):
                qualifier = _qualifier_before(text, a.start - 5) or "exact"
        if (
            a.adjectival
            and a.words
            and text[a.start : a.start + 2].lower() in ("a ", "a\u00a0")
            and not any(c.isspace() for c in text[a.start + 2 : a.end])
        ):
            a.start += (
                2  # "a half-million-dollar shortfall": the article is the noun's, the compound the amount
            )
        if a.adjectival and a.words and text[a.nstart : a.nend].lower().split("-")[0] in _BARE_SCALES:
            qualifier = "approximate" if qualifier == "exact" else qualifier  # "a trillion-dollar budget"
        eq = equivalents[i]
        restated = index_of.get(eq) if eq is not None else None
        equivalent_of = restated
        if (
            equivalent_of is not None
            and currency is not None
            and mentions[equivalent_of].currency == currency
        ):
            equivalent_of = None  # "SEK 5.3 billion, or 5.3 billion crowns": resolved to the same currency
        if qualifier == "exact" and i > 0:
            if restated is not None:  # (also in the same currency: "£100,000 (one hundred thousand pounds)")
                qualifier = mentions[restated].qualifier.value
            elif mentions and (
                _short_lower(text[reported[i - 1].end : a.start].strip()) == "or"
                or (
                    reported[i - 1].per_unit is not None
                    and a.per_unit is not None
                    and mentions[-1].qualifier.value == "approximate"
                    and text[_unit_end(text, reported[i - 1]) : a.start] in (", or ", " or ")
                )
            ):
                # "approximately US$8000 or €7000", "roughly $18,000 a month, or $216,000 a year"
                qualifier = mentions[-1].qualifier.value
            elif (
                mentions
                and mentions[-1].qualifier.value in ("more_than", "less_than")
                and _ALTERNATIVE_BOUND_GAP.fullmatch(text, _unit_end(text, reported[i - 1]), a.start)
                is not None
                and _CONDITION_AFTER.match(text, _unit_end(text, a)) is not None
            ):
                # "over $50,000 on statewide races, or $25,000 on local races": the comparison of each condition
                qualifier = mentions[-1].qualifier.value
            elif (
                mentions
                and mentions[-1].qualifier.value == "at_most"
                and _PARALLEL_AT_GAP.fullmatch(text, _unit_end(text, reported[i - 1]), a.start) is not None
                and _CAP_AT.search(text, max(0, reported[i - 1].start - 80), reported[i - 1].start)
                is not None
            ):
                # "capped donations at $50,000 a year to a party and electoral spending at $90 million"
                qualifier = "at_most"
            elif (
                mentions
                and mentions[-1].qualifier.value in ("at_most", "at_least")
                and text[max(0, reported[i - 1].start - 4) : reported[i - 1].start].lower() == " at "
                and a.start - reported[i - 1].end <= 160
                and _ELLIPTIC_AT_GAP.fullmatch(text, _unit_end(text, reported[i - 1]), a.start) is not None
            ):
                # "fares start at Rp 10,000, in Manila at P45 and in Kuala Lumpur at RM5", "capped at RM9.40
                # per kg for chicken, and eggs at 45 sen each": the verb left out, its bound still holds
                qualifier = mentions[-1].qualifier.value
            elif (
                mentions
                and mentions[-1].qualifier.value in ("at_most", "at_least")
                and (
                    _PARALLEL_BOUND_GAP.fullmatch(text, reported[i - 1].end, a.start) is not None
                    # the same with the unit first: "no more than $100 a barrel for diesel and $45 a barrel for
                    # fuel oil"
                    or (
                        reported[i - 1].per_unit is not None
                        # (each with its own unit written: not "£28,800 a year for office costs and £31,910 for
                        # accommodation")
                        and a.per_unit == reported[i - 1].per_unit
                        and _per_unit(text, a.end) is not None
                        and _PARALLEL_BOUND_GAP.fullmatch(text, _unit_end(text, reported[i - 1]), a.start)
                        is not None
                    )
                    # a market price list: "starts at US$999 / £999 / €1,199"
                    or text[reported[i - 1].end : a.start].strip() in ("/", "|")
                    # an alternative after a comma: "no more than $150,000, or $300,000 for joint returns", "up
                    # to £2,000 a year, or £4,000 a year"; in brackets with its condition: "capped at $10,000
                    # ($5,000 if married filing separately)"
                    or (
                        _ALTERNATIVE_BOUND_GAP.fullmatch(text, _unit_end(text, reported[i - 1]), a.start)
                        is not None
                        and _CONDITION_AFTER.match(text, _unit_end(text, a)) is not None
                    )
                    or (
                        text[reported[i - 1].end : a.start] in (" (", " [")
                        and _CONDITION_AFTER.match(text, _unit_end(text, a)) is not None
                    )
                    # two rates of one bound: "we cap presents at £30 per child and £15 for each grandparent"
                    or (
                        a.per_unit is not None
                        and reported[i - 1].per_unit is not None
                        and text[_unit_end(text, reported[i - 1]) : a.start]
                        in (" and ", ", and ", " or ", ", or ")
                    )
                )
            ):
                # "a fine not exceeding $2,000 for a first conviction and $5,000 for a subsequent conviction":
                # the bound of a parallel list
                qualifier = mentions[-1].qualifier.value
        index_of[i] = len(mentions)
        mentions.append(
            _new_mention(
                text[a.start : a.end],
                a.start,
                a.end,
                currency,
                amount,
                a.amount_max,
                _QUALIFIERS[qualifier],
                alternatives,
                a.per_unit,
                equivalent_of,
                basis,
            )
        )
    return mentions


#: Families of currency names whose members a clause's country cue settles against a member written elsewhere
#: in the text (the crowns and kroner of the Nordic countries; the dollar, pound and franc words keep their
#: document-wide reading).
_CLAUSE_CUED_FAMILIES: Final[frozenset[str]] = frozenset({"@krone", "@krona", "@crown", "@kr"})


def _clause_member(text: str, lowered: str, a: _Amount) -> tuple[str, tuple[str, ...], str] | None:
    """The member of ``a``'s family that the country cues of its own clause name, when they name exactly one
    ("its Danish peer collected 95 million kroner": DKK): (code, alternatives, "context"), else None."""
    members = FAMILIES.get((a.currency or "@")[1:], ())
    lo, hi = _clause_bounds(text, a.start, 120)
    lo = max(lo, text.rfind(", ", lo, a.start))
    cues = _country_cues(lowered[lo:hi])
    named = [c for c in members if c is not None and cues.get(c, 0)]
    return (named[0], _without(members, named[0]), "context") if len(named) == 1 else None


def _start_of(a: _Amount) -> int:
    return a.start


#: Between two prices of one item in several markets: slashes and the prices between ("$999 / £899 / AU$").
_MARKET_LIST_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]*/[ \u00a0]*[^\s/]{1,16})*[ \u00a0]*/[ \u00a0]*"
)


#: A small number written as a word, then "to", right before an amount: the lower bound of a range in news style,
#: which spells out one to nine ("a loss of eight to 10 cts a share"); group 1, the word.
_WORD_LOWER_BOUND: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w-])(?:(between)[ \u00a0]+)?(one|two|three|four|five|six|seven|eight|nine)"
    # (its own scale word: "spend from eight mln to 10 mln stg")
    r"(?:[ \u00a0]+(mln|million|bln|billion|bn))?[ \u00a0]+(to|and)[ \u00a0]+\Z",
    re.IGNORECASE,
)
#: The powers of ten of the scale words a spelled-out lower bound may carry.
_WORD_BOUND_SCALES: Final[dict[str, int]] = {"mln": 6, "million": 6, "bln": 9, "billion": 9, "bn": 9}


def _word_lower_bounds(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """Add the spelled-out lower bound of "eight to 10 cts" (also "between eight and 10 mln stg", "from eight mln to
    10 mln stg") as a bare number before its upper bound, so that the range reading joins them (as it joins "8 to 10
    cts"); only before a digit amount with a currency after it and no amount right before it. Returns the amounts in
    text order."""
    added: list[_Amount] = []
    previous_end = -1
    for a in amounts:
        if (
            not a.words
            and a.rcur is not None
            and a.lcur is None
            and a.start == a.nstart
            and a.start - previous_end > 12
            and (m := _WORD_LOWER_BOUND.search(text, max(0, a.start - 32), a.start)) is not None
            # ("and" only after "between": "between eight and 10 mln stg")
            and (m.group(4).lower() == "to" or m.group(1) is not None)
        ):
            value = numbers.parse_words([m.group(2).lower()])
            if value is not None:
                end = m.end(3) if m.group(3) is not None else m.end(2)
                bound = _Amount(m.start(2), end, m.start(2), m.end(2), value, words=True)
                if m.group(3) is not None:
                    bound.exp = _WORD_BOUND_SCALES[m.group(3).lower()]
                added.append(bound)
        previous_end = a.end
    if not added:
        return amounts
    return sorted([*amounts, *added], key=_start_of)


#: The gap between a change and the closing level it led to: " to settle at ", " to close at a record ", " to end at ".
_TO_SETTLE_AT: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]to[ \u00a0](?:settle|close|end|finish)[ \u00a0]at[ \u00a0](?:(?:a|an|the)[ \u00a0](?:record|new|fresh)"
    r"(?:[ \u00a0]high|[ \u00a0]low)?[ \u00a0])?"
)


def _world_price_apart(reported: list[_Amount], start: int, cents: _Amount) -> bool:
    """Whether the amount of ``reported`` at ``start`` (code points; in another sentence than the bare ``cents``) is
    a world commodity price (a unit of ``curated.DOLLAR_QUOTED_UNITS``: "Brent crude topped US$127 a barrel") and the
    cents are no price of that unit: such a price is in US dollars wherever it is quoted, so it tells nothing of
    the cents of a pump price in Vancouver ("paid 213.9 cents a litre")."""
    other = _amount_at(reported, start)
    return (
        other is not None
        and other.per_unit is not None
        and other.per_unit.lower() in curated.DOLLAR_QUOTED_UNITS
        and (cents.per_unit or "").lower() != other.per_unit.lower()
    )


def _amount_at(reported: list[_Amount], start: int) -> _Amount | None:
    """The amount of ``reported`` (in text order) that starts at ``start`` (code points), or None."""
    j = bisect.bisect_left(reported, start, key=_start_of)
    return reported[j] if j < len(reported) and reported[j].start == start else None


def _restates_default_dollar(
    text: str, reported: list[_Amount], equivalents: list[int | None], default_dollars: list[int], at: int
) -> bool:
    """Whether the amount starting at ``at`` (code points; a prefixed dollar sign such as "AU$") restates a bare
    "$" amount read as the US dollar: its bracketed equivalent ("$299.99 (£289.99, AU$499.99)") or the next
    price of a slash list ("$999 / £899 / AU$1,499"). ``default_dollars`` holds the indices into ``reported``
    of such "$" amounts, ascending."""
    if not default_dollars:
        return False
    j = bisect.bisect_left(reported, at, lo=default_dollars[0], key=_start_of)
    if j >= len(reported) or reported[j].start != at:
        return False
    if equivalents[j] is not None and equivalents[j] in default_dollars:
        return True
    k = bisect.bisect_left(default_dollars, j) - 1
    return k >= 0 and _MARKET_LIST_GAP.fullmatch(text, reported[default_dollars[k]].end, at) is not None


#: A place of the euro area (``curated.EURO_AREA_CUES``), as a whole word.
_EURO_AREA_CUE: Final[re.Pattern[str]] = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted(map(re.escape, curated.EURO_AREA_CUES), key=len, reverse=True))
    + r")(?![\w-])"
)
#: A year before the euro (1999), or a pre-euro currency word: the text may be of the time before euro cents.
_BEFORE_EURO: Final[re.Pattern[str]] = re.compile(
    r"(?<![0-9])(?:1[0-8][0-9]{2}|19[0-8][0-9]|199[0-8])(?![0-9])|\b(?:francs?|marks?|lire|lira|guilders?|pesetas?"
    r"|escudos?|drachmae?|drachmas|schillings?|markkaa|pfennigs?|centimes?|punts?)\b"
)


@functools.lru_cache(maxsize=8)
def _euro_area_text(lowered: str) -> bool:
    """Whether a lower-cased text names a place of the euro area (``curated.EURO_AREA_CUES``) and shows nothing of
    the time before the euro (:data:`_BEFORE_EURO`): its bare cents are euro cents. Read once per text (cached: it
    is asked for each bare cents amount, and a text of many stays linear)."""
    return _EURO_AREA_CUE.search(lowered) is not None and _BEFORE_EURO.search(lowered) is None


def _sentence_member(text: str, lowered: str, a: _Amount) -> tuple[str, tuple[str, ...], str] | None:
    """The member of ``a``'s family named by the last country cue of its sentence before it ("In Norway the
    phone costs 10 490 kr": NOK), else the first one after it in its clause ("costs 10 490 kr in Norway,"): (code,
    alternatives, "context"), or None. For the crowns, whose countries a story often names side by side."""
    members = FAMILIES.get((a.currency or "@")[1:], ())
    lo = a.start
    for m in _SENTENCE_BREAK.finditer(text, max(0, a.start - 300), a.start):
        lo = m.end()
    if lo == a.start:
        lo = max(0, a.start - 300)
    padded = " " + lowered[lo : a.start]
    last: str | None = None
    for m in _COUNTRY_CUE_RE.finditer(padded):
        if padded[m.start()].isalpha():
            continue
        for c in curated.COUNTRY_CUES[m.group(1)]:
            if c in members:
                last = c
                break
    if last is None:
        # "The Pixel 10 costs 10 490 kr in Norway, about …": the first country after it, up to the clause's end
        _, hi = _clause_bounds(text, a.end, 120)
        comma = text.find(",", a.end, hi)
        padded = " " + lowered[a.end : hi if comma == -1 else comma]
        for m in _COUNTRY_CUE_RE.finditer(padded):
            if not padded[m.start()].isalpha():
                last = next((c for c in curated.COUNTRY_CUES[m.group(1)] if c in members), None)
                if last is not None:
                    break
    return None if last is None else (last, _without(members, last), "context")


#: A euromarket instrument: its dollars are US dollars unless it names another ("a 200 mln dlr, seven-year eurobond";
#: "a 100 mln Australian dlr eurobond" names its own).
_EUROMARKET: Final[re.Pattern[str]] = re.compile(
    r"\b[Ee]uro-?(?:bonds?|notes?|dollars?|commercial[ \u00a0]+paper|credits?|loans?|issues?)\b"
)


def _euromarket_sentence(text: str, a: _Amount) -> bool:
    """Whether a euromarket instrument (:data:`_EUROMARKET`) is named in the sentence of the amount ``a``, at most
    160 code points before it or 120 after it."""
    lo, hi = max(0, a.start - 160), min(len(text), a.end + 120)
    for m in _EUROMARKET.finditer(text, lo, hi):
        left, right = (m.end(), a.start) if m.end() <= a.start else (a.end, m.start())
        if _SENTENCE_BREAK.search(text, left, right) is None:
            return True
    return False


#: A delivery term of ``curated.USD_TRADE_TERMS`` as the next words: group 1.
_TRADE_TERM: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0,]*("
    + "|".join(sorted((re.escape(t) for t in curated.USD_TRADE_TERMS), key=len, reverse=True))
    + r")(?![\w&+])",
    re.IGNORECASE,
)


def _trade_term_after(text: str, end: int) -> bool:
    """Whether a per-unit phrase after ``end`` (the amount's end, code points) is followed by a delivery term of
    world commodity trade (``curated.USD_TRADE_TERMS``: "a tonne fob Dalian", "per ton c and f Rotterdam")."""
    unit = _per_unit(text, end)
    return unit is not None and _TRADE_TERM.match(text, unit[1]) is not None


def _clause_place_member(
    text: str, lowered: str, a: _Amount, members: tuple[str | None, ...] | None = None
) -> tuple[str, tuple[str, ...], str] | None:
    """The member of ``a``'s family (or of ``members``, ISO 4217 codes) whose country its clause names as a place,
    "in <country>" ("in Sri Lanka the minimum wage is Rs 17,500"), when exactly one is so named: (code,
    alternatives, "context"), else None."""
    if members is None:
        members = FAMILIES.get((a.currency or "@")[1:], ())
    sentence_lo, hi = _clause_bounds(text, a.start, 120)
    lo = max(sentence_lo, text.rfind(", ", sentence_lo, a.start))
    if lo > sentence_lo and _FRONTED_IN.match(text, sentence_lo) is not None:
        lo = sentence_lo  # a place fronted before the comma is the whole sentence's: "In Texas, it sold $2 billion"
    named: list[str] = []
    padded = " " + lowered[lo:hi]
    for m in _COUNTRY_CUE_RE.finditer(padded):
        if padded[m.start()].isalpha() or not padded[: m.start() + 1].endswith(("in ", "in the ")):
            continue
        named.extend(c for c in curated.COUNTRY_CUES[m.group(1)] if c in members and c not in named)
    if "USD" in members and "USD" not in named and _IN_THE_US.search(text, lo, hi) is not None:
        named.append("USD")  # ("US" in capitals only: the pronoun "us" is no cue)
    return (named[0], _without(members, named[0]), "context") if len(named) == 1 else None


#: "In" opening a sentence (after its start's spaces): a fronted place or time ("In the United States, …").
_FRONTED_IN: Final[re.Pattern[str]] = re.compile(r"[\s\W]{0,3}In[ \u00a0]")
#: "in the US" / "in the USA" written in capitals.
_IN_THE_US: Final[re.Pattern[str]] = re.compile(r"\b[Ii]n[ \u00a0]+the[ \u00a0]+USA?\b")


#: The gap between a change's new level and its earlier level, or two compared levels ("1.12 U.S. dlrs a lb from
#: 1.08 dlrs", "3.10 Canadian dlrs, against 2.90 dlrs"): a unit, then a comparison word, in one clause.
_COMPARED_LEVEL_GAP: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+(?:a|an|per)[ \u00a0]+[a-z]{1,12}\.?)?"
    # (the market's place and the move: "464.80 U.S. dlrs an ounce in Hong Kong, up from 459.35 dlrs")
    r"(?:[ \u00a0]+in[ \u00a0]+[A-Z][\w.]*(?:[ \u00a0]+[A-Z][\w.]*){0,2})?"
    # (or its period: "rose to US$48.2 mln in the third quarter from $31.6 mln")
    r"(?:[ \u00a0]+(?:in|for|during)[ \u00a0]+the[ \u00a0]+(?:[a-z-]+[ \u00a0]+)?(?:quarter|half|year|month|period))?"
    r",?[ \u00a0]+(?:(?:up|down)[ \u00a0]+)?"
    r"(?:from|against|versus|vs\.?|compared[ \u00a0]+(?:with|to))[ \u00a0]+(?:(?:a|the)[ \u00a0]+)?"
    # (a price named: "210 U.S. dlrs an ounce, compared with a spot price of 462.50 dlrs")
    # (or a goal: "pledges of US$14.25 billion against a target of $18bn")
    r"(?:(?:[a-z-]+[ \u00a0]+){0,2}(?:price|level|rate|cost|value|average|target|goal)[ \u00a0]+of[ \u00a0]+)?\Z"
)


def _compared_member(
    text: str, prev: _Amount, prev_read: tuple[str | None, tuple[str, ...], str], a: _Amount
) -> tuple[str, tuple[str, ...], str] | None:
    """The member of ``a``'s currency family that the amount ``prev`` right before it is in, when ``a`` is the level
    ``prev`` is compared with (:data:`_COMPARED_LEVEL_GAP`: "rose to 1.12 U.S. dlrs a lb from 1.08 dlrs", "will
    raise the metro fare to $6 pesos from $5"): (ISO 4217 code, alternatives, "context"), or None. ``prev`` must
    carry an ISO code of its own (a code, prefixed sign or qualified name), or have been read from the text's context
    (``prev_read``, its (code, alternatives, basis)), not by default."""
    target = a.currency
    if target is None or target[0] != "@" or prev.currency is None or a.start - prev.end > 64:
        return None
    # (a family's default counts when it names another family than ``a``'s: "$6 pesos" is the peso, MXN by default)
    cur = (
        prev.currency
        if prev.currency[0] != "@"
        else (prev_read[0] if prev_read[2] != "default" or prev.currency != target else None)
    )
    members = FAMILIES.get(target[1:], ())
    if cur is None or cur not in members or _COMPARED_LEVEL_GAP.fullmatch(text, prev.end, a.start) is None:
        return None
    return cur, _without(members, cur), "context"


def _local_cue(text: str, a: _Amount) -> tuple[str, tuple[str, ...], str] | None:
    """The member of ``a``'s currency family named by a country cue right before it ("Uganda's Shs72
    trillion", "a Kenyan Sh5bn loan", "Norway's 5 billion crowns", "China's ¥5 trillion"): (code,
    alternatives, "context"), or None. Used for currency words, letter signs and "¥" (JPY or CNY), never for
    "$" and "£" ("Taiwan's $100 billion", "Egypt's £3bn" are often US dollars and sterling).

    The word before the amount (possessive "'s" dropped) must be a key of ``curated.COUNTRY_CUES`` whose codes
    include a member the family word may name (``CUE_MEMBERS``); it wins over the document's other cues and
    members, which may belong to a neighbouring country of the same story.
    """
    target = a.currency
    if target is None or target[0] != "@" or a.start < 2 or text[a.start - 1] != " ":
        return None
    word = _word_before(text, a.start).removesuffix("'s").removesuffix("\u2019s")
    codes = curated.COUNTRY_CUES.get(word)
    if codes is None:
        return None
    candidates = CUE_MEMBERS.get(target[1:], ())
    for code in codes:
        if code in candidates:
            members = FAMILIES.get(target[1:], ())
            return code, _without(members, code), "context"
    return None


#: A place in the United States named in a clause ("in the US", "in the U.S.", "in America").
_US_PLACE_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\b[Ii]n (?:the (?:US|U\.S\.|USA|United States)|America|the States)(?![\w$])"
)


#: A place right after an amount ("$999 in the US", "$19.99 a month in the U.S.", "$25 in New Zealand"): group
#: ``place``, up to two capitalised words, looked up in ``curated.COUNTRY_CUES``.
_PLACE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+(?:a|an|per)[ \u00a0]+[a-z]+)?[ \u00a0]+in[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?P<place>[A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?)"
)
#: Names of the United States that are no country cue (too common as words or pronouns elsewhere).
_US_NAMES: Final[frozenset[str]] = frozenset({"US", "U.S", "USA", "America", "States", "United States"})


def _dollar_place_after(text: str, end: int) -> str | None:
    """The ISO code of the dollar whose country is named right after an amount ending at ``end`` (code points),
    as in "$999 in the US" or "$25 a month in Canada", or None. Places from ``curated.COUNTRY_CUES``."""
    m = _PLACE_AFTER.match(text, end)
    if m is None:
        return None
    place = m.group("place")
    for name in (place.rstrip("."), place.split()[0].rstrip(".")):
        if name in _US_NAMES:
            return "USD"
        for code in curated.COUNTRY_CUES.get(name.lower(), ()):
            if code in FAMILIES["dollar"]:
                return code
    return None


#: An opening bracket and a hedge right before an amount: a restatement of the amount before it ("(about ").
_BRACKET_RESTATEMENT_BEFORE: Final[re.Pattern[str]] = re.compile(
    r"\((?:about|around|roughly|approximately|some|or|nearly|almost|c\.|ca\.)?[ \u00a0]*\Z", re.IGNORECASE
)


def _restated_in_prefixed_dollar(text: str, reported: list[_Amount], i: int) -> bool:
    """Whether the amount ``reported[i]`` is restated right after it, in brackets, by an amount written with
    another prefixed dollar sign ("US$9.5 billion (C$10.4 billion)")."""
    if i + 1 >= len(reported):
        return False
    b = reported[i + 1]
    return (
        text[reported[i].end : b.start].strip(" \u00a0") in ("(", "(about", "(or", "(roughly", "(around")
        and b.lcur is not None
        and b.lbasis == "symbol"
        and b.lcur != reported[i].lcur
        and text[b.start : b.nstart].rstrip(" \u00a0").endswith("$")
        and text[b.start : b.nstart].strip(" \u00a0") != "$"
    )


#: A place named in the gap between two amounts: "in Michigan", "in the U.S." (a capital after "in").
_PLACE_IN_GAP: Final[re.Pattern[str]] = re.compile(r"\bin[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")
#: Words right before an amount that restate the amount before it in another currency ("A$720/t, roughly US$458/t").
_RESTATING_HEDGES: Final[frozenset[str]] = curated.FROM_HEDGES | {"or", "almost"}


def _compared_with_written_dollar(text: str, prev: _Amount, a: _Amount, placed: bool) -> bool:
    """Whether the bare dollar amount ``a`` (a "$" or "dlrs" whose country is not written) is compared with the amount
    ``prev`` right before it, whose dollar is written out ("US$", "C$"): the gap is a comparison
    (:data:`_LEVEL_FROM_GAP`: "US$14.22 billion last year, up from $9.71 billion", "US$338 per tonne versus 406
    dlrs"), or, unless ``a``'s dollar was already read from its context (``placed``), ``prev`` is a price per unit
    and ``a`` a like figure of its sentence (at most 120 code points on, as many scale words, within three times it:
    "US$1.87/lb …, below analyst expectations of about $2.05"). Not when a place sets them apart ("US$45 an hour in
    Michigan, compared with about $40 at home"), nor across a ticker's bars ("IRON ORE US$117/T | BHP $44.60")."""
    if (prev.exp is None) != (a.exp is None) or prev.amount_max is not None:
        return False
    if not (
        (
            prev.lbasis in ("symbol", "code")
            and text[prev.start : prev.nstart].strip(" \u00a0") not in ("$", "")
        )
        or (prev.lcur is None and prev.rbasis == "name" and prev.rcur in FAMILIES["dollar"])
    ):
        return False  # (the written-out dollar is a prefixed sign, a code or a country's name: "418.40 U.S. dlrs")
    gap = text[prev.end : a.start]
    if "|" in gap or _PLACE_IN_GAP.search(gap) is not None or text.startswith((" at home", " here"), a.end):
        return False
    if _earlier_level_gap(text, prev, a):
        # ("up from", "versus", "compared with", and a change's new level then its earlier one: "will jump to
        # US$88 million for 2024-25, from $83.5 million")
        return True
    return (
        not placed
        and prev.per_unit is not None
        and a.start - prev.end <= 120
        and _SENTENCE_BREAK.search(text, prev.end, a.start) is None
        and ";" not in text[prev.end : a.start]
        and prev.value > 0
        and a.value > 0
        and a.value <= 3 * prev.value
        and prev.value <= 3 * a.value
    )


def _after_us_prefixed_in_sentence(text: str, reported: list[_Amount], i: int) -> bool:
    """Whether the amount ``reported[i]`` (a bare "$") is the running total of the amount right before it in its
    sentence, written "US$": that total stays in US dollars ("a round of US$38 million led by a Singapore fund,
    bringing its total funding to more than $60 million"), while a "$" beside a "US$" is otherwise the home dollar
    ("raised US$500 million and spent $2 billion" in a Manitoba story)."""
    if i == 0:
        return False
    prev, a = reported[i - 1], reported[i]
    return (
        text[prev.start : prev.nstart].lstrip(_MINUS).startswith(_US_PREFIXED)
        and _SENTENCE_BREAK.search(text, prev.end, a.start) is None
        and _RUNNING_TOTAL.search(text, prev.end, a.start) is not None
    )


#: A running total's lead between an amount and the total that includes it ("…, bringing its total funding to",
#: "taking the total raised to"; verbs from ``curated.RUNNING_TOTAL_VERBS``).
_RUNNING_TOTAL: Final[re.Pattern[str]] = re.compile(
    r"\b(?:"
    + "|".join(sorted(curated.RUNNING_TOTAL_VERBS))
    + r")[ \u00a0]+(?:(?:its|the|their|a)[ \u00a0]+)?"
    r"(?:[a-z-]+[ \u00a0]+)?total\b"
)


def _home_dollar(text: str, reported: list[_Amount], cues: _LazyCues) -> str:
    """The dollar a bare "$" means in a document that marks US dollars apart ("$US5bn", "US$5bn"), else "".

    The sign-first "$US" is the Australian and New Zealand press style (``curated.SIGN_FIRST_US_HOME``): it
    sets US dollars apart from the paper's own "$". The home dollar is the New Zealand dollar when the text has
    more New Zealand than Australian country cues, else the Australian dollar. A text that writes "US$" (or
    "U.S.$", "US $") beside a bare "$" sets them apart too: the bare "$" is the dollar of
    ``curated.US_PREFIX_HOME`` its country cues name most, if one has strictly more cues than the others (a
    "US$" in brackets restating another amount, "C$100,000 (about US$72,000)", sets nothing apart).
    """
    if ("$US" in text or "$ US" in text) and any(
        text[a.start : a.nstart].lstrip(_MINUS).startswith(("$US", "$ US")) for a in reported
    ):
        counts = cues.get()
        home = curated.SIGN_FIRST_US_HOME
        return max(home, key=lambda c: (counts.get(c, 0), -home.index(c)))
    if (
        ("US" in text or "U.S." in text)
        and any(
            text[a.start : a.nstart].lstrip(_MINUS).startswith(_US_PREFIXED)
            # (a spaced "US $" after a comma labels a list's item: "Japan $33bn, UK £25bn, US $5bn, Canada C$16bn")
            and not (
                text[a.start : a.nstart].startswith(("US $", "U.S. $"))
                and text[max(0, a.start - 2) : a.start] == ", "
            )
            # (nor a bracketed restatement of another dollar: "gave a Winnipeg partner C$100,000 (about
            # US$72,000)" marks the foreign amount's conversion, not the text's own "$" apart)
            and _BRACKET_RESTATEMENT_BEFORE.search(text, max(0, a.start - 24), a.start) is None
            # (nor one restated in brackets in another prefixed dollar: "will contribute US$9.5 billion (C$10.4
            # billion)" gives a conversion pair, which sets neither dollar apart from the text's "$")
            and not _restated_in_prefixed_dollar(text, reported, i)
            for i, a in enumerate(reported)
        )
    ):
        # "Loblaw earned $2.1 billion; Kroger earned US$2.2 billion": a text that marks US dollars "US$" keeps
        # the bare "$" for its own dollar, the one its country cues name (only when one clearly leads)
        counts = cues.get()
        ranked = sorted(((counts.get(c, 0), c) for c in curated.US_PREFIX_HOME), reverse=True)
        if ranked[0][0] > 0 and ranked[0][0] > ranked[1][0]:
            return ranked[0][1]
    return ""


def _words_alt(words: frozenset[str]) -> str:
    return "|".join(sorted(words))


#: A currency declaration from its first word up to the currency phrase (group ``cur``: up to three tokens,
#: read by :func:`_declared_code`): "figures are in Canadian dollars", "amounts expressed in A$", "amounts stated
#: in millions of US dollars", "expressed in Hong Kong dollars", "(in millions of Canadian dollars"; or a
#: table head "(US$ millions)", "(C$000s)" (group ``head``). Matched only where :data:`_DECLARATION_ANCHORS`
#: occur (``str.find`` is far cheaper than a search over every position). Words from ``curated.DECLARATION_*``.
_DECLARATION: Final[re.Pattern[str]] = re.compile(
    # the Canadian Press's note: "(All figures U.S.)", "(All figures in U.S. funds.)", "(All figures Cdn.)"
    r"(?:figures|amounts)\s+(?:are\s+)?(?:in\s+)?(?P<short>(?-i:U\.S\.|US|Cdn\.?|CDN))(?:\s+funds)?(?=[\s).,;]|\Z)|"
    r"(?:(?:"
    + _words_alt(curated.DECLARATION_NOUNS)
    # ('All references to "$" are to Canadian dollars')
    + r"|references\s+to\s+[\"“]?\$[\"”]?)(?:\s+(?:herein|here|below|above|throughout|in\s+this\s+[a-z]+))?"
    # "are"/"is" right before a currency name: "All dollar figures in this announcement are Australian dollars",
    # "Currency is Canadian dollars unless otherwise stated", "… are to Canadian dollars"
    r"\s+(?:are|is|were)\s+(?:to\s+|in\s+)?(?=(?:the\s+)?[A-Za-z.]+(?:\s+[A-Za-z.]+)?\s+(?:dollars|pounds|francs|pesos"
    r"|rupees|dinars|riyals|shillings|kronor|kroner|crowns|yuan|yen|euros|rand)\b(?![ \u00a0]*[0-9]))|(?:"
    + _words_alt(curated.DECLARATION_NOUNS)
    + r")(?:\s+(?:herein|here|below|above|throughout|in\s+this\s+[a-z]+))?(?:\s+(?:are|is|were))?"
    r"(?:\s+(?:all|also))?(?:\s+(?:"
    + _words_alt(curated.DECLARATION_PARTICIPLES)
    + r"))?\s+in\s+|(?:"
    + _words_alt(curated.DECLARATION_VERBS)
    + r")\s+in\s+|\(\s*in\s+)(?:(?:millions|thousands|billions)\s+of\s+)?(?:the\s+)?"
    r"(?:(?:constant\s+)?(?:19|20)[0-9]{2}(?:/[0-9]{2,4})?\s+)?"  # a price year: "in 2022 Australian dollars"
    r"(?P<cur>[^\s,;:()]+(?:\s+[^\s,;:()]+){0,2})"
    r"|\(\s*(?P<head>[A-Za-z.]{0,4}\$|\$[A-Z]{1,3})\s*(?:millions?|thousands?|billions?|'?000s?)\b",
    re.IGNORECASE,
)
#: Lower-case strings a declaration starts with (its noun or verb, "(in"); a table head is found by
#: :data:`_HEAD_ANCHOR` ("$ million", "$000": the head starts at the "(" a few characters before).
#: A sentence that opens with its price year and currency: "In 2022 Australian dollars, …", "In constant 2015
#: US dollars, …" (the currency before the comma).
_YEAR_DECLARATION: Final[re.Pattern[str]] = re.compile(
    # (the literal "In" first, the place before it checked after it: a pattern that starts with a literal is
    # searched for that literal in C, one that starts with assertions tries them at every position)
    r"In(?:(?<=\AIn)|(?<=[.!?]\sIn)|(?<=\nIn))\s+(?:(?:constant\s+)?(?:19|20)[0-9]{2}(?:/[0-9]{2,4})?\s+)?"
    r"(?P<cur>[^\s,;:()0-9]+(?:\s+[^\s,;:()0-9]+){0,2}),"
)
#: The wires' note of a table's currency: "NOTE: Canadian funds.", "Note - in U.S. funds", "figures in Australian
#: funds" (group "short", a key of ``curated.DECLARATION_SHORT_FORMS``; "cur" and "head" empty).
_FUNDS_DECLARATION: Final[re.Pattern[str]] = re.compile(
    r"\b(?:note\s*[:-]?\s*(?:all\s+)?(?:figures\s+)?(?:are\s+)?(?:in\s+)?|(?:figures|amounts)\s+(?:are\s+)?in\s+"
    # the company's own currency: "Northland Nickel Corp, which reports in U.S. funds, said …"
    r"|(?:reports|reported|reporting)\s+(?:its\s+results\s+)?in\s+)"
    r"(?P<short>U\.S\.|US|Cdn\.?|Canadian|Australian|American|New\s+Zealand|Hong\s+Kong)\s+funds\b(?P<cur>)(?P<head>)",
    re.IGNORECASE,
)
_DECLARATION_ANCHORS: Final[tuple[str, ...]] = (
    *sorted((curated.DECLARATION_NOUNS - {"all"}) | curated.DECLARATION_VERBS),
    "all in ",  # (the trailing note "…, all in Canadian dollars": anchored on the phrase, "all" is too frequent)
    "references to",
    "(in ",
)
_HEAD_ANCHOR: Final[re.Pattern[str]] = re.compile(r"\$ ?(?:mill|thou|bill|'?000)")


def _declaration_matches(text: str, lowered: str) -> list[re.Match[str]]:
    """The currency declarations of ``text`` (``lowered`` is its lower-cased copy), in no particular order."""
    found: list[re.Match[str]] = []
    for anchor in _DECLARATION_ANCHORS:
        pos = lowered.find(anchor)
        while pos != -1:
            if pos == 0 or not lowered[pos - 1].isalpha():
                m = _DECLARATION.match(text, pos)
                if m is not None:
                    found.append(m)
            pos = lowered.find(anchor, pos + 1)
    if " funds" in lowered:
        found.extend(_FUNDS_DECLARATION.finditer(text))
    if "in " in lowered:
        # a price year or a currency opening the sentence: "In 2022 Australian dollars, the programme cost $24,310
        # per patient", "In Fiji dollars, the project will cost around $85 million" (a phrase that names no
        # currency, "In Kenya,", declares nothing)
        found.extend(_YEAR_DECLARATION.finditer(text))
    for head in _HEAD_ANCHOR.finditer(lowered):
        opening = lowered.rfind("(", max(0, head.start() - 6), head.start() + 1)
        if opening != -1:
            m = _DECLARATION.match(text, opening)
            if m is not None:
                found.append(m)
    return found


def _declared_code(phrase: str) -> str | None:
    """The ISO code a declaration's currency phrase names ("Canadian dollars unless", "A$", "CAD"), or None
    when it names none or only an ambiguous family ("dollars")."""
    words = phrase.split()
    for n in range(min(len(words), MAX_NAME_WORDS), 0, -1):
        code = NAMES.get(" ".join(words[:n]).lower().rstrip("."))
        if code is not None:
            return None if code[0] == "@" else code
    first = words[0].rstrip(".") if words else ""
    if first.endswith("$") and first[:-1].lower() in curated.DOLLAR_PREFIXES:  # "C$", "US$", "HK$"
        return curated.DOLLAR_PREFIXES[first[:-1].lower()]
    if first.startswith("$") and first[1:].lower() in curated.DOLLAR_PREFIXES:  # "$A", "$US"
        return curated.DOLLAR_PREFIXES[first[1:].lower()]
    if len(first) == 3 and first.isupper() and first in CODES:
        return first
    return None


@functools.lru_cache(maxsize=1)  # (only the text being read: three passes ask; a large text is not kept)
def _declared(text: str, lowered: str) -> dict[str, str]:
    """The currencies the document declares for its figures: family name -> ISO code ("dollar" -> "CAD" for
    "All figures are in Canadian dollars unless otherwise noted"). A family declared with two different
    members (a report that gives one unit's figures in another currency) is left out: nothing is settled.
    The dict is shared by the callers of one text (cached): read it, never change it.
    """
    out: dict[str, str] = {}
    conflicted: set[str] = set()
    for m in _declaration_matches(text, lowered):
        short = m.groupdict().get("short")  # (the price-year declaration has no short form)
        phrase = m.group("cur") or m.group("head")
        if short is not None:
            code: str | None = curated.DECLARATION_SHORT_FORMS[short.lower().rstrip(".")]
        else:
            code = _declared_code(phrase) if phrase else None
        if code is None:
            continue
        for family in _FAMILIES_OF.get(code, ()):
            if out.setdefault(family, code) != code:
                conflicted.add(family)
    for family in conflicted:
        del out[family]
    return out


#: ISO code -> the ambiguous families it is a member of ("CAD" -> ("dollar",)).
_FAMILIES_OF: Final[dict[str, tuple[str, ...]]] = {
    code: tuple(f for f, members in FAMILIES.items() if code in members)
    for code in {c for members in FAMILIES.values() for c in members if c is not None}
}


_BARE_SCALES: Final[frozenset[str]] = curated.BARE_SCALES
#: Home dollar -> it first, then the other home dollar and the rest of the dollar family (alternatives order).
_HOME_DOLLAR_ORDER: Final[dict[str, tuple[str, ...]]] = {
    h: tuple(
        dict.fromkeys((h, *curated.SIGN_FIRST_US_HOME, *(c for c in FAMILIES["dollar"] if c is not None)))
    )
    for h in (*curated.SIGN_FIRST_US_HOME, *curated.US_PREFIX_HOME)
}
#: How a text marks US dollars apart from its own "$" before the number ("US$2.2 billion", "U.S.$5").
_US_PREFIXED: Final[tuple[str, ...]] = ("US$", "U.S.$", "US $", "U.S. $")
#: Qualifier value -> enum member (a dict lookup instead of an enum call per mention).
_QUALIFIERS: Final[dict[str, Qualifier]] = {q.value: q for q in Qualifier}


_RESTATE: Final[re.Pattern[str]] = re.compile(
    r"[\"”’']?\s*(?:\(|\[|;|,)?\s*(?:about|around|roughly|approximately|nearly|almost|some|or|or about|approx\.?|c\.|~"
    # a bound or an equivalence as the bracket's lead: "(almost $1.5 billion)", "(more than $1.08 billion)",
    # "(the equivalent of $113,000)", "(equivalent to about $13 billion)", "(worth about $19)"
    r"|just over|just under|over|under|more than|less than|at least|up to|close to|equal to"
    r"|(?:the )?equivalent (?:to|of)(?: about| around| roughly| some)?|worth(?: about| around| roughly| some)?)?\s*\Z",
    re.IGNORECASE,
)


#: ", or about" between two amounts in different currencies: the second restates the first ("$US5bn, or about
#: $A7.2bn"); a hedge word is allowed.
_OR_ALTERNATIVE: Final[re.Pattern[str]] = re.compile(
    # (a phrase or two between: "$31 billion in dividends in the quarter, or about SR116 billion")
    r"(?:[ -](?:[^\W\d_]+|(?:19|20)[0-9]{2})){0,5},? or (?:about |around |roughly |approximately |some |nearly |almost )?",
    re.IGNORECASE,
)


#: A comparison word right after an amount: the amount is a difference between two sums ("roughly NOK 1,000
#: more than in Sweden", "(about $40 cheaper)"), never a restatement of the amount before it.
_DIFFERENCE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0]+(?:more|less|cheaper|dearer|costlier|pricier|higher|lower|extra|above|below)(?![\w-])"
)


#: An equivalence's lead, hedged or not: "equivalent to", "the equivalent of about".
_EQUIVALENCE: Final[str] = r"(?:equivalent to|the equivalent of)(?:[ \u00a0]+(?:about|around|roughly|some))?"
_COMMA_HEDGE: Final[re.Pattern[str]] = re.compile(
    r"(?:[ -][^\W\d_]+){0,5},[ \u00a0]+(?:about|around|roughly|approximately|nearly|some|almost|"
    + _EQUIVALENCE
    + r")[ \u00a0]+",
    re.IGNORECASE,
)
#: An equivalence after a comma, past up to five words of the original's own: " in the first half, equivalent to
#: about ".
_COMMA_EQUIVALENT: Final[re.Pattern[str]] = re.compile(
    r"(?:[ -][^\W\d_]+){0,5},[ \u00a0]+" + _EQUIVALENCE + r"[ \u00a0]+", re.IGNORECASE
)


def _major_value(a: _Amount) -> Decimal | None:
    """The amount of ``a`` in major units (scale applied, minor units divided), or None for a range."""
    if a.amount_max is not None:
        return None
    value = numbers.scaled(a.value, a.exp or 0)
    return None if value is None else value / a.divisor


_NO_STARTS: Final[frozenset[int]] = frozenset()


def _yuan_clause(text: str, lowered: str, a: _Amount) -> tuple[str | None, tuple[str, ...], str] | None:
    """A bare "¥" whose own clause names China and not Japan is the yuan ("A ticket on the Beijing-Shanghai line
    costs ¥553", "¥260 in Shenzhen"); a cue in another clause does not count ("Toyota earned ¥3 trillion; its
    sales in China fell" stays yen), and one whose clause names Japan and not China is the yen ("Japan added ¥3
    billion", whatever yuan the document writes elsewhere). Returns the resolution ``("CNY" or "JPY",
    alternatives, "context")`` or None."""
    lo, hi = _clause_bounds(text, a.start, 100)
    clause_cues = _country_cues(lowered[lo:hi])
    if clause_cues.get("JPY", 0):
        # Japan named in its own clause and China not: the yen, whatever yuan the document writes elsewhere
        # ("Japan added ¥3 billion. China said it would provide RMB 50 million.")
        return (
            None if clause_cues.get("CNY", 0) else ("JPY", _without(FAMILIES["yen_sign"], "JPY"), "context")
        )
    # before it in its clause up to a comma, or "in <place>" right after it ("¥260 in Shenzhen"); not ", citing
    # weaker demand in China" after a Japanese company's forecast
    if _YUAN_WORD.search(lowered, lo, hi) is not None and _YEN_WORD.search(lowered, lo, hi) is None:
        # the yuan named in the clause: "offshore, the yuan fetched ¥7.2650 per dollar in Hong Kong"
        return "CNY", _without(FAMILIES["yen_sign"], "CNY"), "context"
    if "a-share" in lowered[lo:hi] and _A_SHARE.search(lowered, lo, hi) is not None:
        # "¥2,050 per A-share": a mainland listing
        return "CNY", _without(FAMILIES["yen_sign"], "CNY"), "context"
    sentence_lo, sentence_hi = _clause_bounds(text, a.start, 240)
    subject = _CHINA_SUBJECT.match(text, sentence_lo)
    if (
        subject is not None
        and subject.end() <= a.start
        and not _country_cues(lowered[sentence_lo:sentence_hi]).get("JPY", 0)
    ):
        # the sentence's subject is China's: "China's exports rose …, and the trade surplus reached ¥586 billion"
        return "CNY", _without(FAMILIES["yen_sign"], "CNY"), "context"
    fronted = _FRONTED_PLACE.match(text, lo)
    if (
        fronted is not None
        and fronted.end() <= a.start
        and _country_cues(lowered[lo : fronted.end()]).get("CNY", 0)
    ):
        # a place fronted before the clause: "In China, the fee is ¥120", "For residents of mainland China, ¥60"
        return "CNY", _without(FAMILIES["yen_sign"], "CNY"), "context"
    lo = max(lo, text.rfind(", ", lo, a.start))
    if _country_cues(lowered[lo : a.start]).get("CNY", 0) > 0 or (
        # "¥260 in Shenzhen", "costs ¥8,999 in mainland China", "is ¥80 a lot for dinner in beijing": the place
        # right after "in" (two words on at most, and a "for" phrase, in the same clause)
        (place := _IN_PLACE_AFTER.match(text, a.end)) is not None
        and place.end() < hi
        and _country_cues(lowered[place.end() : min(hi, place.end() + 24)]).get("CNY", 0) > 0
    ):
        return "CNY", _without(FAMILIES["yen_sign"], "CNY"), "context"
    return None


#: The yuan or the yen named by a word of a clause (lower case): "the yuan fetched ¥7.2650", "the yen hit ¥160".
_YUAN_WORD: Final[re.Pattern[str]] = re.compile(r"\b(?:yuan|renminbi|rmb|cny|cnh)\b")
_YEN_WORD: Final[re.Pattern[str]] = re.compile(r"\b(?:yen|jpy)\b")
#: A mainland China share class: "per A-share", "A-shares" (not "a quota-share treaty").
_A_SHARE: Final[re.Pattern[str]] = re.compile(r"(?<![a-z-])a-shares?(?![a-z])")
#: A sentence whose subject is China's or the mainland's: "China's exports …", "Chinese banks …", "Beijing's …".
_CHINA_SUBJECT: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0\n.;]*(?:(?:The|A|An)[ \u00a0](?:[\w-]+[ \u00a0]){0,4}?of[ \u00a0])?"  # "The latest round of China's …"
    r"(?:China['\u2019]s|Chinese|Beijing['\u2019]s|Mainland|The mainland['\u2019]s|the mainland['\u2019]s)[ \u00a0]"
)
#: A place phrase fronted at a clause's start and closed by a comma: "In China, ", "Across mainland China, ", "For
#: Chinese nationals renewing a passport in Beijing, " (at most 80 code points, no other comma).
_FRONTED_PLACE: Final[re.Pattern[str]] = re.compile(
    r"[ \u00a0\n]*(?:In|Across|Throughout|Within|For|Inside)[ \u00a0][^,.;:!?\n]{1,80}, "
)


#: "in"/"to" after an amount (up to two lower-case words between), before a place: "¥260 in Shenzhen", "a
#: ¥50,000 payment in China", "moves ¥50,000 a week to Guangzhou".
_IN_PLACE_AFTER: Final[re.Pattern[str]] = re.compile(
    r"(?:[ \u00a0]+[a-z]+){0,2}?(?:[ \u00a0]+for[ \u00a0]+[a-z]+)?[ \u00a0]+(?:in|to)[ \u00a0]+(?:mainland[ \u00a0]+)?(?=[A-Za-z])"
)


_NO_CODES: Final[list[tuple[int, str]]] = []


def _hint_in_family(region: str | None, family: str | None) -> bool:
    """Whether the request's market (``region``, a CLDR region code) has a currency of the ``family``
    ("@dollar" under AU: AUD)."""
    if region is None or family is None or family[0] != "@":
        return False
    hinted = REGION_CURRENCY.get(region)
    return hinted is not None and hinted in FAMILIES.get(family[1:], ())


def _explicit_pick(
    text: str,
    codes: list[tuple[int, str]],
    at: int,
    excluded: set[int] | frozenset[int],
    after_codes: list[tuple[int, str]] | None,
    nearby: bool = False,
) -> list[tuple[int, str]]:
    """The document's explicit member that settles an ambiguous marker at ``at``: the nearest before it, else
    the first after it (from ``after_codes`` when given: the explicit members without prefixed signs), never
    one of the ``excluded`` starts (the marker's own restatements). A one-element list, or empty.

    :param codes: ``(start, ISO code)`` of the family's explicit members, in text order. Found by bisection
        and a walk over excluded entries only, so each call costs O(log n + excluded), not O(n).
    :param nearby: only a member in the marker's own sentence or a neighbouring one counts (:func:`_near`), as
        for a bare "$": a story that says "C$95 in Canada" and later "$2 in the US" has moved on.
    """
    k = bisect.bisect_left(codes, (at, ""))
    j = k - 1
    while j >= 0 and codes[j][0] in excluded:
        j -= 1
    if j >= 0:
        return [codes[j]] if not nearby or _near(text, codes[j][0], at) else []
    pool = codes if after_codes is None else after_codes
    j = bisect.bisect_left(pool, (at, ""))
    while j < len(pool) and pool[j][0] in excluded:
        j += 1
    if j < len(pool) and (not nearby or _near(text, at, pool[j][0])):
        return [pool[j]]
    return []


#: How far (code points) a prefixed sign or named member may stand from a bare sign it settles.
_SIGN_CONTEXT_REACH: Final[int] = 600
#: A sentence break: a full stop, question or exclamation mark before a capital, or a blank line.
_SENTENCE_BREAK: Final[re.Pattern[str]] = re.compile(r"[.!?][\"')\u201d]?\s+(?=[A-Z\u201c\"(])|\n\s*\n")


def _near(text: str, first: int, second: int) -> bool:
    """Whether offsets ``first`` < ``second`` lie in the same sentence or in two neighbouring ones, at most
    ``_SIGN_CONTEXT_REACH`` code points apart (a story that moves to another country has moved on)."""
    if second - first > _SIGN_CONTEXT_REACH:
        return False
    return len(_SENTENCE_BREAK.findall(text, first, second)) <= 1


def _is_restatement(gap: str) -> bool:
    """True when ``gap`` (text between two mentions) puts the second in parentheses after the first."""
    if len(gap) > 32:
        # (a longer gap only as an equivalence after a comma: "12.4 billion pesos in the first half, equivalent to
        # about $690 million")
        return len(gap) <= 48 and _COMMA_EQUIVALENT.fullmatch(gap) is not None
    if "(" in gap:
        return bool(_RESTATE.fullmatch(gap[: gap.index("(")].strip() + gap[gap.index("(") :]))
    # "C$200, roughly $150", "Mex$50, about $2.50": a hedged amount right after a comma restates
    return _COMMA_HEDGE.fullmatch(gap) is not None


def _region(locale_hint: str | None) -> str | None:
    if not locale_hint:
        return None
    parts = locale_hint.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            return part.upper()
    return None
