"""Digit-led identifiers in one regex pass: ID, phone, date, postcode, account, org, IP, age.

One alternation is run once over the text; each match is classified in Python with the words
just before it. Digits are a small share of clinical text, so the Python work stays small.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.no import kontonr, orgnr

from tryggki.deid import idnumbers
from tryggki.deid.dates import MONTHS, valid_dmy
from tryggki.deid.lexicon import STREET_SUFFIXES, lexicon
from tryggki.deid.model import Finding, Label, new_finding
from tryggki.deid.textutil import prev_word, start_of_word

# Full month names, or abbreviations with an optional full stop ("jan.", "sept").
_MONTH = (
    "|".join(
        sorted(
            (m for m in MONTHS if len(m) > 4 or m in ("mars", "mai", "juni", "juli")),
            key=len,
            reverse=True,
        )
    )
    + "|(?:"
    + "|".join(m for m in MONTHS if len(m) <= 4 and m not in ("mars", "mai", "juni", "juli"))
    + r")\.?"
)
# The first character is matched by the leading class, so the regex engine scans for it in C
# instead of trying a look-ahead at every position (twice as fast on clinical text). Each
# alternative then checks that first character with a look-behind and continues one character
# later: "\d{6}" is written "(?<=\d)\d{5}". Only the whole match and ``lastgroup`` are used.
# The look-ahead for a month's first letter spares trying every month name after each number.
NUMBER = re.compile(
    rf"""[+\d](?<![\w+,.].)(?:
     (?P<fnr>(?<=\d)\d{{5}}[ -]?\d{{5}})(?!\d|,\d)
    |(?P<phone>(?:(?<=\+)|(?<=0)0)47[ ]?
        (?:(?:\d{{2}}[ ]?){{3}}\d{{2}}|\d{{3}}[ ]?\d{{2}}[ ]?\d{{3}})
        |(?<=\d)\d{{2}}[ ]\d{{2}}[ ]\d{{3}}
        |(?<=\d)\d[ ]\d{{2}}[ ]\d{{2}}[ ]\d{{2}}
        |(?<=\+)(?!47)[1-9]\d{{0,2}}(?:[ -]?\d{{2,4}}){{2,5}})(?!\d|,\d)
    |(?P<ip>(?<=\d)\d{{0,2}}\.(?:\d{{1,3}}\.){{2}}\d{{1,3}})(?![\d.]\d)
    |(?P<account>(?<=\d)\d{{3}}[ .]\d{{2}}[ .]\d{{5}})(?!\d)
    |(?P<date>(?<=\d)(?:\d{{3}}-\d{{2}}-\d{{2}}|\d?[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}})
        |\d?\.?[ ]?(?=[jfmasond])(?:{_MONTH})(?![a-zæøå])(?:\.?,?[ ]\d{{4}})?
        |\d?\.\d{{1,2}}\.)(?!\d))
    |(?P<decade>(?<=\d)(?:(?<=1)[89]\d0|(?<=2)0\d0|0)[ ]?-?tal(?:let|et|s)?)
    |(?P<org>(?<=\d)\d{{2}}[ ]\d{{3}}[ ]\d{{3}})(?!\d|,\d)
    |(?P<num>(?<=\d)\d*(?:[ ]?[A-Za-z](?![\w]))?)(?![,.]\d)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_ID_CONTEXT = re.compile(
    r"(?:f\.?nr|fødselsn|fødselsnr|fnr|personn|pers\.?nr|pnr|d-n|h-n|dnr|trygdenr|trygdenum"
    r"|sikkerhetsnum|id-?nr|ssn|født|fødd)",
)
_PHONE_CONTEXT = re.compile(r"(?:tlf|telefon|mob|mobil|ring|tel\.|nr|nummer|sms|kontakt)")
_ACCOUNT_CONTEXT = re.compile(r"(?:konto|kontonr|kontonummer|bank)")
_ORG_CONTEXT = re.compile(r"(?:org|foretak|føretak|mva)")
# Words before a number that make it a record number, an age or a duration (lower case).
_RECORD_WORDS = (
    "journal", "jnr", "pasientn", "pasient-id", "pasientid", "pid", "saksn", "saksnr", "hpr",
    "her-id", "rekvisisjon", "prøven", "prøvenr", "episode", "referanse", "løpen",
)  # fmt: skip
# Short record words that must be the whole word ("ref", "sak"), not the start of "refusjon".
_RECORD_EXACT = frozenset({"ref", "ref.", "sak", "saka", "saken"})
# A score out of a maximum is no date ("VAS 7/10", "Apgar 9/10", "MMSE 24/30").
_SCORE_WORDS = frozenset({"vas", "nrs", "apgar", "gcs", "mmse", "news", "klokketest", "score"})
_AGE_WORDS = frozenset({"alder", "age", "alder:", "aged"})
# "fyller 90 på laurdag", "vert 85": a birthday, so the number is an age.
_AGE_VERBS = frozenset({"fyller", "fylte", "fyllte", "fyllde", "vert", "runder", "rundar"})
# "Ung mann (23)", "Pas. (59)": a person noun before a number in brackets.
_PERSON_NOUNS = frozenset({"mann", "kvinne", "gutt", "jente", "pasient", "pas", "pt"})
# "Neste møte 4/12": day/month; a fraction ("1/2 tablett", "3/4") has both parts below 5.
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})(?![\d/-]|[.,]\d)")
_DURATION_WORDS = frozenset(
    [
        "for",
        "i",
        "siste",
        "sist",
        "etter",
        "innen",
        "innan",
        "over",
        "under",
        "om",
        "per",
        "ca",
        "ca.",
        "dei",
        "de",
        "dei",
        "dei",
    ]
)
_SEASONS = frozenset(
    [
        "vår",
        "våren",
        "sommer",
        "sommeren",
        "sommaren",
        "høst",
        "høsten",
        "hausten",
        "vinter",
        "vinteren",
        "jul",
        "jula",
        "julen",
        "påske",
        "påska",
        "påsken",
    ]
)
_AGE_AFTER = re.compile(
    r"\s?-?\s?(?:år(?:s|ig|ige|ing|ingen|e)?\b(?!\s+siden|\s+sidan|\s+seinare|\s+senere|\s+etter)"
    r"|(?:års|årsalderen|årene|åra|årsdag|årsdagen)\b|[ -]?(?:years?|yrs?)[ -]old\b)"
)
# "i 70-årene", "i 40-årsalderen": a decade of life is an age even after "i".
_DECADE_AFTER = re.compile(r"\s?-\s?(?:årene|åra|årsalderen)\b|\s(?:årene|åra)\b")
_UNIT_AFTER = re.compile(
    r"\s?(?:mg|g|kg|ml|l|mmol|µg|mcg|mikrog|ie|e|%|x|stk|tbl|cm|mm|km|timer|t|min|dager|døgn"
    r"|dagar|uker|veker|måneder|månader|kl|gram|dl)\b",
    re.IGNORECASE,
)
_STREET_SUFFIXES = tuple(STREET_SUFFIXES)
# Words that begin a compound street name ("Øvre Vollgate", "Gamle Drammensvei").
_STREET_PREFIXES = frozenset(
    ["Øvre", "Nedre", "Store", "Lille", "Gamle", "Nye", "Søndre", "Nordre", "Vestre", "Østre",
     "Indre", "Ytre", "Sankt", "St.", "Kong", "Dronning", "Kronprins", "Kronprinsesse"]
)  # fmt: skip
_CLOCK = ("kl. ", "Kl. ", "kl ", "Kl ", "kl.", "Kl.")
_PLACE_AFTER = re.compile(r"[ ]+([A-ZÆØÅ][\w-]*(?:[ ](?:i|på|[A-ZÆØÅ][\w-]*))*)")


def _before(text: str, start: int, width: int = 32) -> str:
    return text[max(0, start - width) : start].lower()


def _finding(text: str, start: int, end: int, label: Label, conf: float, det: str) -> Finding:
    return new_finding(start, end, label, conf, det, text[start:end])


def _eleven(text: str, start: int, end: int) -> Finding:
    digits = re.sub(r"\D", "", text[start:end])
    before = _before(text, start, 48)
    if _ACCOUNT_CONTEXT.search(before) and kontonr.is_valid(digits):
        return _finding(text, start, end, Label.ACCOUNT_NUMBER, 0.9, "account")
    if idnumbers.checksum_ok(digits):
        conf = 0.99
    elif _ID_CONTEXT.search(before):
        conf = 0.9
    elif idnumbers.plausible_birth_part(digits):
        conf = 0.75
    else:
        conf = 0.6  # an 11-digit number in running text is still most likely an ID
    return _finding(text, start, end, Label.ID_NUMBER, conf, "id_number")


def _plain_number(text: str, start: int, end: int) -> Finding | None:
    raw = text[start:end]
    if raw.endswith(" i"):  # "født 1938 i Kragerø": the preposition, not a house letter
        end -= 2
        raw = raw[:-2]
    digits = raw.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ")
    word = prev_word(text, start)
    found = _record(text, start, end, digits, word)
    if found is None and len(digits) <= 4 and word.endswith(_STREET_SUFFIXES):
        found = _address(text, start, end)
    if found is not None or not raw.isdigit():
        return found
    if len(raw) <= 2 and text[end : end + 1] == "/":
        stop = _day_month(text, start)
        if stop is not None:
            return _finding(text, start, stop, Label.DATE, 0.7, "date")
    if len(raw) <= 3:
        return _age(text, start, end, word, text[end : end + 24])
    if len(raw) == 4:
        return _four_digits(text, start, end, word)
    return _long_number(text, start, end)


def _record(text: str, start: int, end: int, digits: str, word: str) -> Finding | None:
    """A record or reference number after a record word, the whole reference if it has more
    parts than this number."""
    token = _record_token(text, start, end)
    if token is not None:
        return _finding(text, token[0], token[1], Label.RECORD_NUMBER, 0.85, "record_number")
    if len(digits) >= 4 and _is_record_word(word):
        return _finding(text, start, end, Label.RECORD_NUMBER, 0.85, "record_number")
    return None


def _is_record_word(word: str) -> bool:
    return word.startswith(_RECORD_WORDS) or word in _RECORD_EXACT


def _address(text: str, start: int, end: int) -> Finding | None:
    """A house number after a street name ("Storgata 5"), with the street, if it is one."""
    if text[start - 1 : start] != " " or _AGE_AFTER.match(text, end):
        return None  # "Kari Haugen 45 år" is an age, not an address
    street = _street_start(text, start)
    if street is None:
        return None
    return _finding(text, street, end, Label.ADDRESS, 0.9, "address")


def _record_token(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole reference around a number after a record word ("journalnr. 2024-118733",
    "Referanse: HDS-44172", "saksnr. 24/0987"): letters, digits, "-" and "/" without a space,
    so no part of it is left in clear text."""
    begin, stop = start, end
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "-/"):
        begin -= 1
    while stop < len(text) and (text[stop].isalnum() or text[stop] in "-/"):
        stop += 1
    while stop > end and text[stop - 1] in "-/":
        stop -= 1
    if (begin, stop) == (start, end) or sum(c.isdigit() for c in text[begin:stop]) < 4:
        return None
    return (begin, stop) if _is_record_word(prev_word(text, begin)) else None


def _four_digits(text: str, start: int, end: int, word: str) -> Finding | None:
    """A postcode before its place, a year, or a month/season and year."""
    raw = text[start:end]
    after = text[end : end + 40]
    place = _PLACE_AFTER.match(after)
    postal = lexicon().postal
    if place and raw in postal:
        words = place.group(1).split(" ")
        # The place name as printed in the register, or else its first word.
        for k in range(len(words), 0, -1):
            if " ".join(words[:k]).upper() == postal[raw] or k == 1:
                lead = len(place.group(0)) - len(place.group(1))
                stop = end + lead + len(" ".join(words[:k]))
                return _finding(text, start, stop, Label.POSTCODE, 0.9, "postcode")
    if raw[:2] in ("19", "20") and not _UNIT_AFTER.match(after):
        if word.rstrip(".") in MONTHS or word in _SEASONS:  # "mai 2013", "hausten 2019"
            return _finding(text, start_of_word(text, start), end, Label.DATE, 0.85, "date")
        return _finding(text, start, end, Label.DATE, 0.7, "year")
    return None


def _long_number(text: str, start: int, end: int) -> Finding | None:
    """Six to eleven digits without separators: date, phone, org number or ID."""
    raw = text[start:end]
    n = len(raw)
    before = _before(text, start)
    if n == 8 and (_PHONE_CONTEXT.search(before) or raw[0] in "2345679"):
        return _finding(text, start, end, Label.PHONE, 0.85, "phone")
    if n in (6, 8) and valid_dmy(raw[:2], raw[2:4], raw[4:]):
        return _finding(text, start, end, Label.DATE, 0.6, "date")
    if n == 9 and (orgnr.is_valid(raw) or _ORG_CONTEXT.search(before)):
        return _finding(text, start, end, Label.ORG_NUMBER, 0.8, "org_number")
    if n == 11:
        return _eleven(text, start, end)
    if n >= 8 and _PHONE_CONTEXT.search(before):
        return _finding(text, start, end, Label.PHONE, 0.6, "phone")
    return None


def _street_start(text: str, start: int) -> int | None:
    """Start of the street name before a house number ("Kong Oscars gate 12", "Storgata 5").

    Before a street word of its own ("gate", "vei") up to three capitalised words are the
    name; before a compound ("Storgata", "Hafstadvegen") only a prefix such as "Øvre" is, so a
    name before an address ("Oksana Melnyk Hafstadvegen 15") stays a name.
    """
    pos = start_of_word(text, start)
    if text[pos : pos + 1].isupper():
        begin = pos
        compound = True
    elif text[pos : pos + 1].islower():
        begin = -1
        compound = False
    else:
        return None
    for _ in range(3):  # capitalised words before "gate", "vei": "Kong Oscars gate"
        prev = start_of_word(text, pos)
        word = text[prev:pos].strip()
        if prev < pos and word[:1].isupper() and (word.isalpha() or word == "St."):
            if compound and word not in _STREET_PREFIXES:
                break
            begin = pos = prev
        else:
            break
    return begin if begin >= 0 else None


def _age(text: str, start: int, end: int, word: str, after: str) -> Finding | None:
    value = int(text[start:end])
    if value > 120:
        return None
    if word in _AGE_WORDS:
        return _finding(text, start, end, Label.AGE, 0.9, "age")
    if after[:1] == ")" and _after_name(text, start):
        return _finding(text, start, end, Label.AGE, 0.75, "age")
    if word in _AGE_VERBS and after[:1] in " .,!" and not _UNIT_AFTER.match(after):
        return _finding(text, start, end, Label.AGE, 0.7, "age")
    head = after[:5]
    if "år" not in head and "y" not in head:
        return None  # both patterns need "år" or "y" within five characters: most numbers
    if _DECADE_AFTER.match(after) or (_AGE_AFTER.match(after) and word not in _DURATION_WORDS):
        return _finding(text, start, end, Label.AGE, 0.8, "age")
    return None


def _after_name(text: str, start: int) -> bool:
    """True for "Ole Dahl (72" and "Ung mann (23": a number in brackets right after a listed
    name or a person noun, the way the press and notes give a person's age ("Figur (3)",
    "Hb (12)" are not)."""
    if text[start - 2 : start] != " (":
        return False
    begin = start_of_word(text, start - 2)
    word = text[begin : start - 2]
    if word.rstrip(".").lower() in _PERSON_NOUNS:
        return True
    lex = lexicon()
    return word.istitle() and (word in lex.family or word in lex.given)


def _day_month(text: str, start: int) -> int | None:
    """End of a day/month date without a year starting at ``start`` ("4/12"), if it is one."""
    m = _DAY_MONTH.match(text, start)
    if m is None:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    if not (1 <= day <= 31 and 1 <= month <= 12) or (day < 5 and month < 5):
        return None
    if prev_word(text, start) in _SCORE_WORDS or m.group(2) == "10" or m.group() == "24/7":
        return None  # a score ("VAS 7/10", "smerte 8/10"), or round the clock
    return None if _UNIT_AFTER.match(text, m.end()) else m.end()


def _classify(text: str, match: re.Match[str]) -> Finding | None:
    kind = match.lastgroup
    start, end = match.span()
    if kind == "fnr":
        return _eleven(text, start, end)
    if kind == "phone":
        return _finding(text, start, end, Label.PHONE, 0.9, "phone")
    if kind == "ip":
        if all(int(p) <= 255 for p in match.group().split(".")):
            return _finding(text, start, end, Label.IP_ADDRESS, 0.9, "ip")
        return None
    if kind == "account":
        digits = re.sub(r"\D", "", match.group())
        conf = 0.95 if kontonr.is_valid(digits) else 0.7
        return _finding(text, start, end, Label.ACCOUNT_NUMBER, conf, "account")
    if kind == "date":
        return _finding(text, start, end, Label.DATE, 0.9, "date")
    if kind == "decade":
        return _finding(text, start, end, Label.DATE, 0.7, "date")
    if kind == "org":
        before = _before(text, start)
        if not _ORG_CONTEXT.search(before) and _PHONE_CONTEXT.search(before):
            return _finding(text, start, end, Label.PHONE, 0.8, "phone")
        return _finding(text, start, end, Label.ORG_NUMBER, 0.8, "org_number")
    return _plain_number(text, start, end)


def find_numbers(text: str) -> Iterator[Finding]:
    """Every digit-led identifier in ``text``."""
    for match in NUMBER.finditer(text):
        # A third of the matches are dates, which need no look around: no call for them.
        if match.lastgroup == "date":
            start, end = match.span()
            if text.endswith(_CLOCK, max(0, start - 4), start):  # "kl. 09.15." is a time
                continue
            found = match.group()
            if "/" in found and prev_word(text, start) in _SCORE_WORDS:
                continue  # "Apgar 9/10/10"
            yield new_finding(start, end, Label.DATE, 0.9, "date", found)
            continue
        finding = _classify(text, match)
        if finding is not None:
            yield finding
