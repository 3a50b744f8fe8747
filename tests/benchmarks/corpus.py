"""Generated benchmark texts: news-like English articles and adversarial texts, all written here.

Nothing is read from outside the repository: every document is assembled from the templates and word lists
of this module with a seeded :class:`random.Random`, so a corpus is reproducible (same seed, same bytes) and
every document in it is distinct (names, figures, dates and the order of sentences vary).

News articles mix amounts in the forms English news writes them ("$1.2 billion", "€89bn", "US$450 million",
"1,850 dlrs", "between $3 and $4 million", "about 300 million yuan", "two billion dollars", "45 cents") with
far more numbers that are not money: years, percentages, counts, dates, times, ages, distances, scores.

Adversarial texts (issue 7) stress what could make an extractor super-linear: runs of digits, separator
chains, runs of currency signs, scale words, "between … and" chains and number words.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Final

__all__ = [
    "ADVERSARIAL_KINDS",
    "SPELLED_NUMBERS",
    "adversarial",
    "annotated_corpus",
    "article",
    "corpus",
    "corpus_of_size",
    "text_of_size",
]

_FIRST: Final[tuple[str, ...]] = (
    "Maria",
    "James",
    "Aiko",
    "Oluwaseun",
    "Pieter",
    "Sofia",
    "Rahul",
    "Chen",
    "Fatima",
    "Lars",
    "Elena",
    "Tomasz",
    "Grace",
    "Mateo",
    "Ingrid",
    "Kwame",
    "Yusuf",
    "Hannah",
    "Diego",
    "Mei",
    "Anders",
    "Priya",
    "Gabriel",
    "Zainab",
    "Henrik",
    "Lucia",
    "Daniel",
    "Amara",
    "Viktor",
    "Nadia",
)
_LAST: Final[tuple[str, ...]] = (
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Moreau",
    "Kowalski",
    "Haddad",
    "Fernandes",
    "Novak",
    "Brennan",
    "Sato",
    "Mensah",
    "Virtanen",
    "Castillo",
    "Mehta",
    "Schultz",
    "Abara",
    "Delgado",
    "Petrov",
    "Osei",
    "Whitfield",
    "Kapoor",
    "Nakamura",
    "Varga",
    "Costa",
    "Jensen",
    "Adeyemi",
    "Rossi",
    "Hale",
)
_SYLLABLES: Final[tuple[str, ...]] = (
    "ar",
    "ven",
    "tor",
    "lum",
    "ex",
    "cor",
    "bri",
    "dal",
    "nor",
    "vis",
    "tek",
    "ora",
    "plex",
    "syn",
    "gal",
    "mar",
    "quin",
    "zen",
    "rho",
    "ast",
    "fel",
    "kin",
    "tra",
    "vel",
    "mon",
    "cas",
    "dor",
    "ix",
    "ul",
    "pen",
)
_SUFFIX: Final[tuple[str, ...]] = (
    "Holdings",
    "Group",
    "Industries",
    "Capital",
    "Energy",
    "Bank",
    "Motors",
    "Systems",
    "Pharma",
    "Foods",
    "Logistics",
    "Telecom",
    "Airlines",
    "Mining",
    "Partners",
    "Labs",
    "Retail",
    "Steel",
    "Insurance",
    "Media",
)
_CITIES: Final[tuple[str, ...]] = (
    "London",
    "Frankfurt",
    "Tokyo",
    "Mumbai",
    "Lagos",
    "Sydney",
    "Toronto",
    "Zurich",
    "Singapore",
    "Seoul",
    "Stockholm",
    "Madrid",
    "Nairobi",
    "Jakarta",
    "Warsaw",
    "Mexico City",
    "Cairo",
    "Oslo",
    "Dubai",
    "Lima",
)
_COUNTRIES: Final[tuple[str, ...]] = (
    "Germany",
    "Japan",
    "India",
    "Nigeria",
    "Australia",
    "Canada",
    "Switzerland",
    "Brazil",
    "South Korea",
    "Sweden",
    "Spain",
    "Kenya",
    "Indonesia",
    "Poland",
    "Mexico",
    "Egypt",
    "Norway",
    "France",
    "Peru",
    "Chile",
)
_MONTHS: Final[tuple[str, ...]] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS: Final[tuple[str, ...]] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ROLES: Final[tuple[str, ...]] = (
    "chief executive",
    "finance minister",
    "analyst",
    "spokeswoman",
    "spokesman",
    "chief financial officer",
    "economist",
    "union leader",
    "mayor",
    "central bank governor",
    "fund manager",
    "board chair",
)
_THINGS: Final[tuple[str, ...]] = (
    "a new factory",
    "the bridge project",
    "a rail link",
    "the merger",
    "a share buyback",
    "new hospitals",
    "the stadium",
    "a solar farm",
    "the pipeline",
    "debt relief",
    "flood defences",
    "a data centre",
    "research grants",
    "the port expansion",
    "school repairs",
    "a stake in the brewer",
)
_UNITS_WORDS: Final[tuple[str, ...]] = (
    "employees",
    "stores",
    "vehicles",
    "flights",
    "patients",
    "homes",
    "students",
    "tonnes",
    "barrels a day",
    "megawatts",
    "kilometres",
    "passengers",
    "branches",
    "jobs",
    "customers",
    "units",
)
_SCALE: Final[tuple[str, ...]] = ("million", "billion", "million", "billion", "trillion", "thousand")
_SCALE_SHORT: Final[tuple[str, ...]] = ("m", "bn", "mln", "bln", "mn", "k")
_QUALIFIERS: Final[tuple[str, ...]] = (
    "about ",
    "nearly ",
    "more than ",
    "almost ",
    "at least ",
    "roughly ",
    "up to ",
    "around ",
    "over ",
    "less than ",
    "an estimated ",
    "some ",
    "",
    "",
    "",
    "",
    "",
    "",
)
#: The spelled-out numbers amounts may start with ("two billion dollars", "half a million euros").
SPELLED_NUMBERS: Final[tuple[str, ...]] = (
    "two",
    "three",
    "five",
    "ten",
    "twelve",
    "twenty",
    "fifty",
    "a hundred",
    "forty-five",
    "half a",
)

# (sign before, ISO-ish code, name after) for the forms the generator writes.
_CURRENCIES: Final[tuple[tuple[str, str, str], ...]] = (
    ("$", "USD", "dollars"),
    ("US$", "USD", "US dollars"),
    ("€", "EUR", "euros"),
    ("£", "GBP", "pounds"),
    ("¥", "JPY", "yen"),
    ("₹", "INR", "rupees"),
    ("C$", "CAD", "Canadian dollars"),
    ("A$", "AUD", "Australian dollars"),
    ("HK$", "HKD", "Hong Kong dollars"),
    ("CHF ", "CHF", "Swiss francs"),
    ("SEK ", "SEK", "Swedish crowns"),
    ("R$", "BRL", "reais"),
    ("₩", "KRW", "won"),
    ("NGN ", "NGN", "naira"),
    ("S$", "SGD", "Singapore dollars"),
    ("", "CNY", "yuan"),
    ("", "ZAR", "rand"),
    ("", "MXN", "pesos"),
)


def _company(rng: random.Random) -> str:
    name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{name} {rng.choice(_SUFFIX)}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _figure(rng: random.Random, *, small: bool = False) -> str:
    """A number as news writes it: "4.2", "1,850", "12", "980", "3.75"."""
    kind = rng.random()
    if small or kind < 0.45:
        whole = rng.randint(1, 999)
        if rng.random() < 0.5:
            return f"{whole}.{rng.randint(1, 99) if rng.random() < 0.5 else rng.randint(1, 9)}"
        return str(whole)
    if kind < 0.8:
        return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"
    return f"{rng.randint(1, 9)},{rng.randint(0, 999):03d},{rng.randint(0, 999):03d}"


#: While true, every generated amount is wrapped in ``_OPEN`` … ``_CLOSE`` (see :func:`annotated_corpus`).
_MARKING: list[bool] = [False]
_OPEN: Final[str] = "\x02"
_CLOSE: Final[str] = "\x03"


def _mark(text: str) -> str:
    return f"{_OPEN}{text}{_CLOSE}" if _MARKING[0] else text


def _money(rng: random.Random) -> str:
    """One amount in one of many written forms (sign, code, name; scale words; ranges; words; cents)."""
    sign, code, name = rng.choice(_CURRENCIES)
    sign = sign or code + " "
    form = rng.randrange(14)
    small = _figure(rng, small=True)
    if form == 10:  # a restatement: two amounts
        first = _mark(f"{sign}{small} {rng.choice(_SCALE)}")
        second = _mark(f"{rng.choice(('$', '€', '£'))}{_figure(rng, small=True)} {rng.choice(_SCALE)}")
        return f"{first} ({second})"
    return _mark(_money_form(rng, form, sign, code, name, small))


def _money_form(rng: random.Random, form: int, sign: str, code: str, name: str, small: str) -> str:
    if form == 0:
        return f"{sign}{small} {rng.choice(_SCALE)}"
    if form == 1:
        return f"{sign}{small}{rng.choice(_SCALE_SHORT)}"
    if form == 2:
        return f"{small} {rng.choice(_SCALE)} {name}"
    if form == 3:
        return f"{sign}{_figure(rng)}"
    if form == 4:
        return f"{code} {small} {rng.choice(_SCALE)}"
    if form == 5:
        lo = rng.randint(1, 40)
        return f"{sign}{lo}-{lo + rng.randint(1, 9)} {rng.choice(_SCALE)}"
    if form == 6:
        lo = rng.randint(1, 40)
        return f"between {sign}{lo} and {sign}{lo + rng.randint(1, 30)} {rng.choice(_SCALE)}"
    if form == 7:
        return f"{rng.choice(SPELLED_NUMBERS)} {rng.choice(_SCALE)} {name}"
    if form == 8:
        return f"{rng.randint(2, 99)} cents"
    if form == 9:
        return f"{_figure(rng)} {name}"
    if form == 11:
        return f"{rng.randint(1, 999)}.{rng.randint(0, 99):02d} {code}"
    if form == 12:
        return f"{sign}{rng.randint(1, 99)}.{rng.randint(0, 99):02d} a share"
    return f"{small} {rng.choice(_SCALE)} {code}"


def _date(rng: random.Random) -> str:
    month = rng.choice(_MONTHS)
    day = rng.randint(1, 28)
    if rng.random() < 0.5:
        return f"{month} {day}, {rng.randint(1995, 2026)}"
    return f"{day} {month} {rng.randint(1995, 2026)}"


def _pct(rng: random.Random) -> str:
    value = f"{rng.randint(0, 60)}.{rng.randint(0, 9)}"
    return value + rng.choice(("%", " percent", " per cent", "%"))


def _count(rng: random.Random) -> str:
    return f"{_figure(rng)} {rng.choice(_UNITS_WORDS)}"


# Sentence templates: each a function of the generator. Most carry at least one non-money number.
_Template = Callable[[random.Random], str]
_TEMPLATES: Final[tuple[_Template, ...]] = (
    lambda r: (
        f"{_company(r)} said on {r.choice(_DAYS)} it would spend {r.choice(_QUALIFIERS)}{_money(r)} on "
        f"{r.choice(_THINGS)} in {r.choice(_CITIES)}, adding {_count(r)} by {r.randint(2025, 2035)}."
    ),
    lambda r: (
        f"Revenue rose {_pct(r)} to {_money(r)} in the {r.choice(('first', 'second', 'third', 'fourth'))} "
        f"quarter, from {_money(r)} a year earlier, the company said."
    ),
    lambda r: (
        f'"We expect margins of {_pct(r)} next year," {_person(r)}, the {r.choice(_ROLES)}, told '
        f"reporters in {r.choice(_CITIES)}."
    ),
    lambda r: (
        f"The government of {r.choice(_COUNTRIES)} approved a budget of {_money(r)} for {r.randint(2024, 2030)}, "
        f"with {_pct(r)} set aside for {r.choice(_THINGS)}."
    ),
    lambda r: (
        f"Shares of {_company(r)} closed at {_money(r)}, down {_pct(r)}, after {r.randint(2, 40)} million "
        f"shares changed hands."
    ),
    lambda r: (
        f"The deal, announced on {_date(r)}, values {_company(r)} at {r.choice(_QUALIFIERS)}{_money(r)} "
        f"including debt."
    ),
    lambda r: (
        f"Inflation slowed to {_pct(r)} in {r.choice(_MONTHS)}, the lowest since {r.randint(1998, 2022)}, "
        f"while unemployment held at {_pct(r)}."
    ),
    lambda r: (
        f"{_person(r)}, {r.randint(28, 79)}, joined the board in {r.randint(1999, 2024)} and oversees "
        f"{_count(r)} across {r.randint(3, 60)} countries."
    ),
    lambda r: (
        f"The fund raised {_money(r)} from {r.randint(12, 400)} investors and plans to close at "
        f"{r.choice(_QUALIFIERS)}{_money(r)}."
    ),
    lambda r: (
        f"Tickets cost {_money(r)} for adults and {r.randint(5, 40)} for children under {r.randint(10, 16)}, "
        f"organisers said."
    ),
    lambda r: (
        f"The match ended {r.randint(0, 5)}-{r.randint(0, 5)} in front of {r.randint(10, 90)},{r.randint(0, 999):03d} "
        f"fans at {r.randint(7, 9)}:{r.randint(0, 59):02d} p.m. local time."
    ),
    lambda r: (
        f"Output reached {_count(r)} in {r.randint(2015, 2025)}, up from {_figure(r)} in "
        f"{r.randint(2000, 2014)}, according to the ministry."
    ),
    lambda r: (
        f"Analysts at {_company(r)} estimate the market at {_money(r)} to {_money(r)} by "
        f"{r.randint(2027, 2040)}."
    ),
    lambda r: (
        f"The central bank raised its key rate by {r.randint(10, 75)} basis points to {_pct(r)} on "
        f"{_date(r)}."
    ),
    lambda r: (
        f"A {r.randint(2, 12)}-year bond worth {_money(r)} was priced to yield {_pct(r)}, bankers said."
    ),
    lambda r: (
        f"About {r.randint(3, 95)} people were evacuated and {r.randint(2, 900)} homes lost power after "
        f"the storm hit {r.choice(_CITIES)} on {r.choice(_DAYS)}."
    ),
    lambda r: (
        f"{_company(r)} will cut {r.randint(100, 9000)} jobs and close {r.randint(2, 80)} sites, saving "
        f"{r.choice(_QUALIFIERS)}{_money(r)} a year."
    ),
    lambda r: (
        f"The fine of {_money(r)} is the largest since {r.randint(1990, 2020)}, the regulator said in a "
        f"{r.randint(20, 300)}-page ruling."
    ),
    lambda r: (
        f"Section {r.randint(1, 40)}.{r.randint(1, 9)} of the {r.randint(2001, 2024)} law limits bonuses "
        f"to {r.randint(1, 3)} times salary."
    ),
    lambda r: (
        f"Temperatures reached {r.randint(30, 46)} degrees in {r.choice(_CITIES)} as {r.randint(2, 90)} "
        f"flights were cancelled."
    ),
)


# Sentences without figures: context, quotes and attributions, as most sentences of a news article are.
_PLAIN: Final[tuple[_Template, ...]] = (
    lambda r: (
        f'"This is a difficult moment for the whole sector," said {_person(r)}, the {r.choice(_ROLES)}.'
    ),
    lambda r: f"{_company(r)} declined to comment on the report.",
    lambda r: (
        f"Investors in {r.choice(_CITIES)} had expected a stronger outlook after a quiet {r.choice(_MONTHS)}."
    ),
    lambda r: f"The talks are expected to resume next week in {r.choice(_CITIES)}, officials said.",
    lambda r: f"Critics in {r.choice(_COUNTRIES)} say the plan does little for smaller firms and households.",
    lambda r: f"{_person(r)} told reporters that {r.choice(_THINGS)} would go ahead as planned.",
    lambda r: (
        f"Regulators in {r.choice(_COUNTRIES)} have opened an inquiry into the way {_company(r)} reports "
        f"its costs."
    ),
    lambda r: (
        f"Shares in the sector were mixed, with traders wary ahead of the central bank meeting on "
        f"{r.choice(_DAYS)}."
    ),
    lambda r: "The proposal still needs the approval of shareholders and of the competition authority.",
    lambda r: f'"We will keep investing in {r.choice(_THINGS)}," {_person(r)} said in a statement.',
    lambda r: f"Unions in {r.choice(_CITIES)} called the decision premature and asked for more talks.",
    lambda r: f"Analysts said the figures were broadly in line with expectations for {_company(r)}.",
)


def _sentence(rng: random.Random) -> str:
    return rng.choice(_PLAIN if rng.random() < 0.45 else _TEMPLATES)(rng)


def _title(rng: random.Random) -> str:
    verbs = ("bets", "wins", "loses", "eyes", "seals", "weighs", "cuts", "raises")
    return (
        f"{_company(rng)} {rng.choice(verbs)} {rng.choice(_THINGS)} as {rng.choice(_COUNTRIES)} markets shift"
    )


def article(rng: random.Random, *, paragraphs: int | None = None) -> str:
    """Return one news-like article: a title line and 1–5 paragraphs of 2–6 sentences each."""
    count = paragraphs if paragraphs is not None else rng.randint(1, 5)
    parts = [_title(rng), f"{rng.choice(_CITIES).upper()}, {_date(rng)} —"]
    for _ in range(count):
        parts.append(" ".join(_sentence(rng) for _ in range(rng.randint(2, 6))))
    return "\n\n".join(parts)


def corpus(n_bytes: int, *, seed: int = 20240426) -> Iterator[str]:
    """Yield distinct articles until their UTF-8 size adds up to at least ``n_bytes``."""
    rng = random.Random(seed)
    total = 0
    while total < n_bytes:
        doc = article(rng)
        total += len(doc.encode("utf-8"))
        yield doc


def annotated_corpus(n_bytes: int, *, seed: int = 20240426) -> list[tuple[str, list[tuple[int, int]]]]:
    """Return the documents of :func:`corpus` (same seed, same texts) with the spans of the amounts written in.

    Spans are ``(start, end)`` code-point offsets, one per amount the generator wrote (a range such as
    "between $3 and $4 million" is one amount, a restatement "€5 million ($5.4 million)" two). Numbers that
    are not money (years, percentages, counts) and bare figures whose currency is only implied have no span.
    """
    out: list[tuple[str, list[tuple[int, int]]]] = []
    rng = random.Random(seed)
    total = 0
    _MARKING[0] = True
    try:
        while total < n_bytes:
            marked = article(rng)
            text, spans = _strip_marks(marked)
            total += len(text.encode("utf-8"))
            out.append((text, spans))
    finally:
        _MARKING[0] = False
    return out


def _strip_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = 0
    opened = 0
    for i, ch in enumerate(marked):
        if ch in (_OPEN, _CLOSE):
            piece = marked[start:i]
            parts.append(piece)
            length += len(piece)
            start = i + 1
            if ch == _OPEN:
                opened = length
            else:
                spans.append((opened, length))
    parts.append(marked[start:])
    return "".join(parts), spans


def corpus_of_size(n_bytes: int, *, seed: int = 20240426) -> list[str]:
    """Return :func:`corpus` as a list."""
    return list(corpus(n_bytes, seed=seed))


def text_of_size(n_bytes: int, *, seed: int = 7) -> str:
    """Return one text of about ``n_bytes`` UTF-8 bytes (distinct articles joined by blank lines)."""
    docs: list[str] = []
    total = 0
    for doc in corpus(n_bytes, seed=seed):
        docs.append(doc)
        total += len(doc.encode("utf-8")) + 2
        if total >= n_bytes:
            break
    return "\n\n".join(docs).encode("utf-8")[:n_bytes].decode("utf-8", "ignore")


def _digits(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(20, 400))) + " "


def _spaced_digits(rng: random.Random) -> str:
    # runs of space-separated digits and groups, and signs between numbers ("1 1 1", "123 456", "10 $ 20 $")
    piece = rng.choice(("1 ", "123 ", " 000", "10 $ ", "$ 1 ", "7 € "))
    return piece * rng.randint(50, 500) + "\n"


def _set_aside(rng: random.Random) -> str:
    # runs of amounts the engine reads and then sets aside as no money (idioms, rates per one unit, tote odds)
    piece = rng.choice(
        (
            "N1,351.30/$1 ",
            "at 70 cents on the dollar, up from 64 cents. ",
            "The favourite shortened from $8 to $4.60 on the TAB. ",
            "$2 a pound ",
        )
    )
    return piece * rng.randint(20, 200) + "\n"


def _separators(rng: random.Random) -> str:
    seps = ",.' \u00a0\u202f'’"
    return "".join(f"{rng.randint(0, 999)}{rng.choice(seps)}" for _ in range(rng.randint(10, 80))) + "\n"


def _signs(rng: random.Random) -> str:
    signs = ("$", "€", "£", "¥", "US$", "HK$", "₹", "CHF", "EUR", "USD", "kr", "Rs", "R$", "$ ", "€ ")
    return (
        "".join(rng.choice(signs) + (str(rng.randint(0, 9)) if rng.random() < 0.3 else "") for _ in range(60))
        + " "
    )


def _scales(rng: random.Random) -> str:
    words = ("million", "billion", "bn", "mln", "trillion", "thousand", "lakh", "crore", "k", "m")
    return " ".join(rng.choice(words) for _ in range(40)) + " dollars. "


def _between(rng: random.Random) -> str:
    parts = [f"between ${rng.randint(1, 99)}" for _ in range(rng.randint(5, 30))]
    return " and ".join(parts) + f" and {rng.randint(1, 9)} million euros and "


def _number_words(rng: random.Random) -> str:
    words = (
        "one",
        "two",
        "three",
        "twenty",
        "ninety-nine",
        "hundred",
        "thousand",
        "million",
        "and",
        "a",
        "half",
        "quarter",
        "point",
        "of",
        "billion",
        "dozen",
        "seventy-seven",
    )
    return " ".join(rng.choice(words) for _ in range(rng.randint(10, 60))) + " dollars "


def _restatements(rng: random.Random) -> str:
    # each amount restated in another member of its family, with prefixed and bare dollars around it: every
    # ambiguous marker looks up the document's explicit members (a quadratic walk over them was found here)
    return (
        f"rose {rng.randint(1, 99)} dlrs, or C${rng.randint(1, 99)}, to ${rng.randint(1, 99)}; "
        f"{rng.randint(1, 999)} pesos (US${rng.randint(1, 99)}) "
    )


def _context_reads(rng: random.Random) -> str:
    # amounts whose reading looks at the whole text or at the rows and amounts around them: bare cents (the
    # euro-area test), counts of pounds (the sterling test), results-table rows, table headings, story figures
    # (each of the first two was a read of the whole text per amount, quadratic, until cached per text)
    return rng.choice(
        (
            f"Shr {rng.randint(1, 99)} cts vs {rng.randint(1, 99)} cts Net {rng.randint(1, 99)}.5 mln vs 9.8 mln ",
            f"{rng.randint(1, 99)} million pounds of cherries, up from {rng.randint(1, 99)} million pounds. ",
            f"(in millions) Net income $ {rng.randint(1, 999)}.2 $ 4.1 Corporate ({rng.randint(1, 99)}.5) ",
            f"Revenue was €{rng.randint(1, 99)}bn, of which {rng.randint(1, 999)}m went on wages and a further 2bn. ",
            f"In Germany milk rose {rng.randint(1, 99)} cents. ",
        )
    )


def _mixed(rng: random.Random) -> str:
    return rng.choice(
        (_digits, _separators, _signs, _scales, _between, _number_words, _restatements, _context_reads)
    )(rng)


#: Kinds of adversarial text, each a generator of one chunk; :func:`adversarial` repeats chunks to a size.
ADVERSARIAL_KINDS: Final[dict[str, Callable[[random.Random], str]]] = {
    "digit runs": _digits,
    "spaced digit runs": _spaced_digits,
    "set-aside runs": _set_aside,
    "separators": _separators,
    "currency signs": _signs,
    "scale words": _scales,
    "between-and chains": _between,
    "number words": _number_words,
    "restatements": _restatements,
    "context reads": _context_reads,
    "mixed": _mixed,
}


def adversarial(kind: str, n_bytes: int, *, seed: int = 11) -> str:
    """Return one adversarial text of about ``n_bytes`` UTF-8 bytes of the given ``kind``.

    :raises KeyError: ``kind`` is not one of :data:`ADVERSARIAL_KINDS`.
    """
    make = ADVERSARIAL_KINDS[kind]
    rng = random.Random(seed)
    chunks: list[str] = []
    total = 0
    while total < n_bytes:
        chunk = make(rng)
        chunks.append(chunk)
        total += len(chunk.encode("utf-8"))
    return "".join(chunks).encode("utf-8")[:n_bytes].decode("utf-8", "ignore")
