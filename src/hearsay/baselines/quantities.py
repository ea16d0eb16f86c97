"""The quantity grammar: find quantities in text and normalise value, bounds, unit, kind and modifier.

Shared by every baseline that predicts QUANTITY spans: `extract(text)` finds quantities with the
grammar below (the `rules` baseline, and the fast extractor measured against quantulum3);
`normalise(span_text)` reads the attributes of a span found by another model (`crf`, `spacy`,
`spacy-ner`). Both implement GUIDELINES Q1-Q11 with the lexicons of `lexicons.py`:

- a *core*: digits ("12,000", "2.3", "4.5m", "R14.5bn"), number words ("three", "twenty-five",
  "a dozen", "two and a half"), fractions ("half", "a third", "two-thirds"), proportions ("one in
  five"), or a vague amount ("dozens", "tens of thousands", "hundreds of hectares");
- to its right: a scale ("million", "bn", "crore", Q5), a currency word ("soles"), a unit
  ("percent", "%", "km", "megawatts", "-year-old", Q7, Q9), a rate denominator ("a year", "per
  kilogram", "/h", Q8), a second number making a range ("3 to 5 million", "8% and 12%", "40–55",
  Q3) and a postfix bound ("or more");
- to its left: a currency symbol ("$", "NZ$", "KSh", "CHF"), an approximator or bound ("about",
  "more than", "up to", "between", Q3);
- values are scaled (Q5; a scale or unit on the second number of a range distributes to the first),
  proportions rounded to 4 decimals, and `modifier` decides which of `value`, `low`, `high` is set
  (Q4);
- not quantities (Q2): years, dates, clock times, ordinals ("a sixth straight day"), identifiers
  ("Route 66", "COVID-19", "Day four"), scores and votes ("won 3-1", "voted 7–4"), phone numbers;
- tables (Q10): a figure in a `|`-separated table row takes its unit (and scale, "(€ million)") from
  its column header, or from the table's caption line, when it has none of its own;
- a bare "$" is USD, or the one other dollar a text writes ("NZ$") (Q7, Q20);
- pence are pounds ("29p" -> 0.29 GBP), "N or so" is approximate, "in their 20s" an age range (Q16, Q20, Q25).

The grammar is regular expressions over the raw text, with no tokenizer or model, so it is fast.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import lexicons as lx


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "count"
    modifier: str = "exact"

    def attrs(self) -> dict[str, Any]:
        return {"value": _json_number(self.value), "low": _json_number(self.low), "high": _json_number(self.high),
                "unit": self.unit, "kind": self.kind, "modifier": self.modifier}


def _json_number(x: float | None) -> int | float | None:
    """Canonical JSON number: integral floats as int (as the gold stores them), others to 10 digits."""
    if x is None or not math.isfinite(x):
        return None
    if float(x).is_integer() and abs(x) < 1e18:
        return int(x)
    return float(f"{x:.10g}")


# --- regular expressions -------------------------------------------------------------------------------

def _alt(words) -> str:
    """A regex alternation of literal words/phrases, longest first, spaces matching any blank."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SIGN = r"[+\-−–±]"
_LETTER_CODES = "|".join(sorted(lx.CURRENCY_CODES))
_CUR_PREFIX = (_alt([s for s in lx.CURRENCY_SYMBOLS if s not in ("R", "Rs", "Rs.")])
               + rf"|R(?=\d)|Rs\.?(?=\s?\d)|(?:{_LETTER_CODES})(?=\s?\d)")
_SMALL = list(lx.UNITS_WORDS)
_NUMBER_WORD = (rf"(?:(?:{'|'.join(lx.TENS_WORDS)})(?:[-\s](?:{'|'.join(_SMALL[1:10])}))?"
                rf"|{'|'.join(sorted(_SMALL, key=len, reverse=True))})")
_TIMES = rf"(?:twice|thrice|(?:{_NUMBER_WORD}|\d+(?:\.\d+)?)\s+times)(?![\w-])"
_WORDS = (rf"(?:a|one|{_NUMBER_WORD})\s+hundred(?:\s+and\s+{_NUMBER_WORD})?(?:\s+(?:thousand|million|billion))?"
          rf"|(?:a|one|{_NUMBER_WORD})\s+(?:thousand|million|billion|trillion)"
          rf"|a\s+dozen|{_NUMBER_WORD}")
_FRACTION = (r"(?:a|one)[\s-](?:half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)"
             r"|(?:two|three|four|five|seven|nine)[-\s](?:thirds|quarters|fifths|sixths|eighths|tenths)"
             r"|half")
_IN = rf"(?:{_NUMBER_WORD}|{_DIGITS})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{_NUMBER_WORD}|{_DIGITS})"
_VAGUE = _alt(lx.VAGUE_WORDS)

_CORE = (
    rf"(?P<vague>\b(?:{_VAGUE})\b)"
    rf"|(?P<times>\b{_TIMES})"
    rf"|(?P<prop>\b(?:{_IN})\b(?![.,]\d))"
    rf"|(?P<frac>\b(?:{_FRACTION})\b)"
    rf"|(?P<num>LOOKBEHIND(?P<sign>{_SIGN})?(?P<cur>(?:{_CUR_PREFIX})\s?)?(?P<digits>{_DIGITS})"
    rf"(?P<suffix>(?:bn|tn|mn|m|k)(?![\w]))?)"
    rf"|(?P<words>\b(?:{_WORDS})\b)")
CORE_RE = re.compile(_CORE.replace("LOOKBEHIND", r"(?<![\w.,/:#\-–+])"), re.IGNORECASE)
# the second number of a range may follow a dash directly ("40–55")
SECOND_RE = re.compile(_CORE.replace("LOOKBEHIND", ""), re.IGNORECASE)

SCALE_RE = re.compile(r"(?:\s+|-)(?P<scale>thousand|million|billion|trillion|crores?|lakhs?)\b", re.IGNORECASE)
HALF_RE = re.compile(r"(?:\s+and\s+a\s+half|-and-a-half)\b", re.IGNORECASE)
_SHORT_UNITS = sorted({u for u in lx.UNITS if len(u) <= 3 and u.isascii() and u.replace("/", "").isalpha()
                       and u.lower() not in ("day", "sol", "ton", "bar", "min", "hrs", "yrs")} | {"bar"},
                      key=len, reverse=True)
_LONG_UNITS = [u for u in lx.UNITS if u not in _SHORT_UNITS and u not in ("%", "°C", "°F")]
UNIT_RE = re.compile(
    r"(?P<sep>[ \t]?|-)(?:"
    r"(?P<pct>%)"
    r"|(?P<deg>°\s?[CF])(?![\w])"
    rf"|(?i:(?P<long>{_alt(_LONG_UNITS)}))(?![\w-])"
    rf"|(?P<short>{_alt(_SHORT_UNITS)}|km²|m²|m³|km2|µg/m³)(?![\w/-])"
    r")")
CURRENCY_WORD_RE = re.compile(rf"\s+(?i:(?P<cw>{_alt(lx.CURRENCY_WORDS)}))\b")
AGE_RE = re.compile(r"-years?-olds?\b", re.IGNORECASE)
_DENOMS = sorted(lx.RATE_DENOMINATORS, key=len, reverse=True)
RATE_RE = re.compile(
    rf"(?:\s+(?i:a|an|per|each|every)\s+(?:new\s+)?|/)"
    rf"(?P<den>(?i:{_alt([d for d in _DENOMS if len(d) > 2])})|{_alt([d for d in _DENOMS if len(d) <= 2])}|h)"
    rf"(?:e?s)?(?![\w])")
PER_NOUN_RE = re.compile(r"\s+per\s+(?P<noun>[a-z]+)\b")
OR_SO_RE = re.compile(r"\s+or\s+so\b", re.IGNORECASE)
PENCE_RE = re.compile(r"(?<![\w.,£$€])(\d+(?:\.\d+)?)p\b")
AGE_DECADE_RE = re.compile(r"\b(?:their|his|her|my|our|your)\s+(?:early\s+|mid-|late\s+)?((?:[1-9])0)s\b", re.IGNORECASE)
JOIN_RE = re.compile(r"(?P<join>[ \t]*[-–][ \t]*|\s+to\s+|\s+and\s+|\s+or\s+)", re.IGNORECASE)
POSTFIX_RE = re.compile(rf"\s+(?i:(?P<lower>{_alt(lx.POSTFIX_LOWER)})|(?P<upper>{_alt(lx.POSTFIX_UPPER)}))\b")
OF_UNIT_RE = re.compile(rf"\s+of\s+(?i:(?P<unit>{_alt(_LONG_UNITS)}))\b")
PERCENT_AFTER_FRACTION_RE = re.compile(r"\s+(?:a\s+)?(?i:(?P<u>percentage\s+points?|percent|per\s+cent))\b")
A_UNIT_RE = re.compile(r"\b(?P<a>an?)\s+(?P<u>hour|day|week|month|year|decade|litre|liter|kilometre|mile|minute)\b",
                       re.IGNORECASE)

_LEFT = ([(p, "approximate") for p in lx.APPROXIMATORS] + [(p, "lower_bound") for p in lx.LOWER_BOUNDS]
         + [(p, "upper_bound") for p in lx.UPPER_BOUNDS])
LEFT_MODIFIER = {p.lower(): m for p, m in _LEFT}
LEFT_RE = re.compile(rf"(?<![\w])(?P<phrase>(?i:{_alt(p for p, _ in _LEFT)}))\s+$")
BETWEEN_RE = re.compile(r"(?<![\w])(?P<b>(?i:between|from))\s+$")
TILDE_RE = re.compile(r"~\s*$")

_MONTHS = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
DATE_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS.title()}|{_MONTHS.upper()})\.?\s+$|\b(?i:{_MONTHS})\.?\s+(?=\d)$")
DATE_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:{_MONTHS.title()})\b|(?:st|nd|rd|th)\b")
TIME_RE = re.compile(r"[:.]\d\d\b|\s?(?i:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|BST\b|CET\b|UTC\b|local\s+time\b)")
IDENT_BEFORE_RE = re.compile(r"(?P<w>[A-Za-z][\w.]*)\s+$")
IDENT_ANY_CASE = frozenset({"round", "grade", "day", "stage", "level", "phase", "category", "tier", "matchday", "lap",
                            "game", "article", "section", "chapter", "route", "no.", "number", "page", "week"})
SCORE_BEFORE_RE = re.compile(r"\b(?i:won|lost|drew|beat|beating|defeated|victory|win|loss|draw|lead|led|trailed|"
                             r"voted|vote\s+was)\s+(?:a\s+)?$")
ORDINAL_AFTER_RE = re.compile(r"\s+(?:straight|consecutive|successive|time|round|term|place|party|wave|generation|"
                              r"attempt|world|quarter|year\s+in\s+a\s+row|day\s+in\s+a\s+row)\b", re.IGNORECASE)
HALF_NOT_BEFORE_RE = re.compile(r"\b(?:first|second|the|latter|former|other|back|front|top|bottom|lower|upper|worst|"
                                r"best|this|that|each|every|northern|southern|eastern|western|opening|closing)\s+$",
                                re.IGNORECASE)
HALF_NOT_AFTER_RE = re.compile(r"(?:-|\s+(?:joking|jokingly|hearted|time|term|century|way|an?\s+dozen)\b)",
                               re.IGNORECASE)
PHONE_RE = re.compile(r"(?:\+\d{1,3}\s)?\(?\d{2,5}\)?(?:[ \t]\d{2,5}){2,}")
DIMENSION_AFTER_RE = re.compile(r"\s*(?:high|tall|long|deep|wide|above|below|of\s+water|of\s+snow)\b", re.IGNORECASE)
ONE_NOT_AFTER = frozenset({"of", "another", "or", "who", "that", "which", "thing", "way", "side", "hand", "and", "is",
                           "was", "can", "could", "would", "will", "has", "had", "must", "should", "may", "might",
                           "linked", "over", "in", "at", "to", "for", "on", "with", "by", "from", "said", "says"})
ONE_NOT_BEFORE = frozenset({"no", "the", "every", "any", "each", "this", "that", "which", "someone", "anyone", "as",
                            "than", "only", "one", "and", "or"})


@dataclass
class _Q:
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: str = "count"
    modifier: str = "exact"
    currency: str | None = None
    scale: float = 1.0
    vague: bool = False
    proportion: bool = False
    rate: str | None = None
    digits: bool = False
    words: bool = False
    year_like: bool = False


# --- numbers -------------------------------------------------------------------------------------------

def word_number(text: str) -> float | None:
    """The value of a number-word phrase ("twenty-five", "a hundred and twenty thousand", "a dozen")."""
    words = [w for w in re.split(r"[\s-]+", text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    if words == ["a", "dozen"]:
        return 12.0
    total, current = 0.0, 0.0
    for i, w in enumerate(words):
        if w in ("a", "one") and i + 1 < len(words) and words[i + 1] in lx.MULTIPLIER_WORDS:
            current += 1
        elif w in lx.UNITS_WORDS:
            current += lx.UNITS_WORDS[w]
        elif w in lx.TENS_WORDS:
            current += lx.TENS_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in lx.MULTIPLIER_WORDS:
            total += (current or 1) * lx.MULTIPLIER_WORDS[w]
            current = 0.0
        else:
            return None
    return total + current


def _number(text: str) -> float | None:
    text = text.strip()
    if re.fullmatch(_DIGITS, text):
        return float(text.replace(",", ""))
    return word_number(text)


def fraction_value(text: str) -> float:
    t = re.sub(r"[\s-]+", " ", text.lower().strip())
    if t == "half":
        return 0.5
    num, _, den = t.partition(" ")
    n = 1 if num in ("a", "one") else lx.UNITS_WORDS.get(num, 1)
    return round(n / lx.DENOMINATOR_WORDS.get(den, 1), 4)


def proportion_value(text: str) -> tuple[float, float] | None:
    m = re.match(r"(.+?)\s+(?:in|out\s+of)\s+(?:every\s+)?(.+)$", text.strip(), re.IGNORECASE)
    if not m:
        return None
    a, b = _number(m.group(1)), _number(m.group(2))
    if a is None or not b:
        return None
    return a, b


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _round(x: float) -> float:
    return float(f"{x:.12g}")


# --- the scanner ---------------------------------------------------------------------------------------

def _core(text: str, m: re.Match[str], dollar: str) -> _Q | None:
    """The quantity core of match `m` (value unscaled), or None when it is not a quantity (Q2)."""
    q = _Q(m.start(), m.end())
    before = text[max(0, m.start() - 40):m.start()]
    after = text[m.end():m.end() + 40]
    core = m.group(0)
    if m.group("vague"):
        q.vague, q.modifier = True, "vague"
        of_unit = OF_UNIT_RE.match(text, q.end)
        if of_unit:
            q.unit, q.kind = lx.UNITS[_unit_key(of_unit.group("unit"))]
            q.end = of_unit.end()
        return q
    if m.group("times"):
        low = core.lower()
        q.value = 2.0 if low == "twice" else 3.0 if low == "thrice" else _number(re.sub(r"\s+times$", "", low))
        q.kind, q.words = "other", True
        return q if q.value is not None else None
    if m.group("prop"):
        pair = proportion_value(core)
        if pair is None or pair[1] <= pair[0] or re.fullmatch(r"1[89]\d\d|20\d\d", core.split()[-1]):
            return None
        q.value, q.proportion, q.kind = round(pair[0] / pair[1], 4), True, "proportion"
        return q
    if m.group("frac"):
        low = core.lower()
        if low == "half" and (HALF_NOT_BEFORE_RE.search(before) or HALF_NOT_AFTER_RE.match(after)):
            return None
        if low != "half" and ORDINAL_AFTER_RE.match(after):
            return None  # "a sixth straight day", "a third term"
        q.value, q.proportion, q.kind = fraction_value(core), True, "proportion"
        return q
    if m.group("num"):
        q.digits = True
        digits = m.group("digits")
        q.value = float(digits.replace(",", ""))
        sign = m.group("sign")
        if sign:
            if m.start() > 0 and text[m.start() - 1].isalnum():
                return None  # UTC+8, A-4
            if sign in "-−–":
                q.value = -q.value
        if m.group("cur"):
            symbol = m.group("cur").strip()
            q.currency = dollar if symbol == "$" else (lx.CURRENCY_SYMBOLS.get(symbol) or symbol.upper()[:3])
        suffix = m.group("suffix")
        if suffix:
            s = suffix.lower()
            if s == "m" and not q.currency and DIMENSION_AFTER_RE.match(text, m.end()):
                q.end = m.start("suffix")  # "a 4m wall": metres, read as a unit later
            else:
                q.scale = lx.SCALES[s]
        q.year_like = not m.group("cur") and not sign and re.fullmatch(r"1[89]\d\d|20\d\d|2100", digits) is not None
        # Q2: dates, times, ordinals, identifiers, phone numbers
        if not q.currency:
            if DATE_BEFORE_RE.search(before) or DATE_AFTER_RE.match(text, q.end):
                return None
            if TIME_RE.match(text, q.end) and not suffix:
                return None
            if re.match(r"[A-Za-z]", text[q.end:q.end + 1]) and not UNIT_RE.match(text, q.end):
                return None  # 5th, 3D, 10am
            ident = IDENT_BEFORE_RE.search(before)
            if ident:
                word = ident.group("w")
                if word.lower() in IDENT_ANY_CASE or word.lower().rstrip(".") in lx.IDENTIFIER_NOUNS:
                    return None
            if m.start() > 0 and text[m.start() - 1] in "-‑#" and not sign:
                return None  # COVID-19, F-16
            if re.match(r"/\d", text[q.end:q.end + 2]) and not re.match(r"/7\b", text[q.end:q.end + 3]):
                return None  # case 114/2019
        line_start = text.rfind("\n", 0, m.start()) + 1
        phone = PHONE_RE.search(text, max(line_start, m.start() - 20), min(len(text), m.end() + 20))
        if phone and phone.start() <= m.start() and phone.end() >= m.end() and "|" not in text[phone.start():phone.end()]:
            return None
        score = re.match(r"[ \t]*[-–][ \t]*(\d+)\b", text[q.end:q.end + 8])
        if score and not q.currency and not suffix and (float(score.group(1)) <= q.value or SCORE_BEFORE_RE.search(before)):
            return None  # "3-1", "voted 7–4"
        return q
    if m.group("words"):
        q.words = True
        q.value = word_number(core)
        if q.value is None:
            return None
        if re.match(r"-(?!and-a-half)[a-z]", after) and not (UNIT_RE.match(after) or AGE_RE.match(after)):
            return None  # "Two-wheeler"
        ident = IDENT_BEFORE_RE.search(before)
        if ident and ident.group("w").lower() in IDENT_ANY_CASE:
            return None  # "Day four", "grade two"
        if core.lower() == "one":
            nxt = re.match(r"\s+(\w+)", after)
            nxt_word = nxt.group(1).lower() if nxt else ""
            prev = re.search(r"(\w+)\s*$", before)
            prev_word = prev.group(1).lower() if prev else ""
            bounded = LEFT_RE.search(before) is not None or prev_word == "not"
            if not bounded and (nxt_word in ONE_NOT_AFTER or prev_word in ONE_NOT_BEFORE or not nxt):
                return None
        if core.lower() == "a dozen":
            q.modifier = "approximate"
        return q
    return None


def _right(text: str, q: _Q, dollar: str) -> None:
    """Extend a core to its right: "and a half", scale, currency word, age, unit (in place)."""
    if q.vague:
        return
    if q.proportion:
        pp = PERCENT_AFTER_FRACTION_RE.match(text, q.end)
        if pp:  # "half a percentage point"
            unit = pp.group("u").lower()
            q.unit = "percentage point" if unit.startswith("percentage") else "percent"
            q.kind, q.end, q.proportion = "percent", pp.end(), False
            return
        an = re.match(r"\s+an?\s+(?P<u>hour|day|week|month|year|decade|litre|kilometre|mile)\b", text[q.end:q.end + 20])
        if an:  # "half an hour"
            q.unit, q.kind = lx.UNITS[_unit_key(an.group("u"))]
            q.end, q.proportion = q.end + an.end(), False
        return
    half = HALF_RE.match(text, q.end)
    if half:
        q.value += 0.5
        q.end = half.end()
    scale = SCALE_RE.match(text, q.end)
    if scale and q.scale == 1.0:
        q.scale = lx.SCALES[scale.group("scale").lower()]
        q.end = scale.end()
    if not q.currency:
        cw = CURRENCY_WORD_RE.match(text, q.end)
        if cw:
            word = re.sub(r"\s+", " ", cw.group("cw").lower())
            ambiguous = word in ("won", "real", "sol", "dong", "rand", "pound", "pounds", "lira")
            if not ambiguous or q.scale > 1 or (q.value or 0) >= 100:
                q.currency = dollar if word in ("dollars", "dollar") else lx.CURRENCY_WORDS[word]
                q.end = cw.end()
    if q.currency:
        return
    age = AGE_RE.match(text, q.end)
    if age:
        q.unit, q.kind, q.end = "year", "duration", age.end()
        return
    unit = UNIT_RE.match(text, q.end)
    if unit and _unit_ok(unit, q):
        q.unit, q.kind = _unit_of(unit)
        q.end = unit.end()
        if q.unit == "hour":  # "2 hours 20 minutes"
            mins = re.match(r"\s+(?:and\s+)?(\d+)\s+minutes?\b", text[q.end:q.end + 20])
            if mins:
                q.value = q.value * 60 + float(mins.group(1))
                q.unit, q.end = "minute", q.end + mins.end()


def _unit_key(name: str) -> str:
    key = re.sub(r"\s+", " ", name)
    for candidate in (key, key.lower(), key.lower().rstrip("s")):
        if candidate in lx.UNITS:
            return candidate
    return key


def _unit_of(unit: re.Match[str]) -> tuple[str, str]:
    if unit.group("pct"):
        return lx.UNITS["%"]
    if unit.group("deg"):
        return ("°C", "measure") if unit.group("deg").endswith("C") else ("°F", "measure")
    name = unit.group("long") or unit.group("short")
    if name.lower() == "points":
        return "percentage point", "percent"  # poll and rate "points" (Q7)
    return lx.UNITS[_unit_key(name)]


def _unit_ok(unit: re.Match[str], q: _Q) -> bool:
    sep = unit.group("sep")
    if unit.group("pct") or unit.group("deg"):
        return sep in ("", " ")
    name = unit.group("long") or unit.group("short") or ""
    key = _unit_key(name)
    if unit.group("short") and name in ("m", "t", "g", "h", "l", "L", "C") and sep not in ("", " "):
        return False
    if key in ("degrees", "degree") and not q.digits:
        return False
    if q.words and sep != "-" and key.lower() in ("point", "points", "season", "seasons", "second"):
        return False
    return True


def _header_unit(cell: str, strict: bool = True) -> tuple[str | None, str | None, float, str | None] | None:
    """(unit, kind, scale, rate denominator) stated by a table header cell or caption, or None."""
    paren = re.findall(r"\(([^)]*)\)", cell)
    for inner in paren or [cell.strip()]:
        c = inner.strip()
        m = re.fullmatch(r"(?:per|a)\s+(\w+)", c, re.IGNORECASE)
        if m:
            den = lx.RATE_DENOMINATORS.get(m.group(1).lower())
            if den:
                return None, None, 1.0, den
            continue
        scale = 1.0
        sm = re.fullmatch(r"(.+?)\s*(k|m|bn|million|billion|thousand)", c)
        if sm and (sm.group(1).strip() in lx.CURRENCY_SYMBOLS or sm.group(1).strip().upper() in lx.CURRENCY_CODES):
            c, scale = sm.group(1).strip(), lx.SCALES.get(sm.group(2).lower(), 1.0)
        if c in lx.CURRENCY_SYMBOLS:
            return lx.CURRENCY_SYMBOLS[c], "money", scale, None
        if c.upper() in lx.CURRENCY_CODES and len(c) == 3:
            return c.upper(), "money", scale, None
        if c.lower() in ("%", "percent", "pct", "% change", "% y/y"):
            return "percent", "percent", 1.0, None
        if c.lower() in ("pp", "percentage points", "% points") or (paren and c.lower() in ("pts", "points")):
            return "percentage point", "percent", 1.0, None
        rm = re.fullmatch(r"([^/]+)/(\w+)", c)
        if rm:
            base = _header_unit(rm.group(1), strict=False)
            den = lx.RATE_DENOMINATORS.get(rm.group(2)) or lx.RATE_DENOMINATORS.get(rm.group(2).lower())
            if den is None and rm.group(2) == "h":
                den = "hour"
            if base and base[0] and den:
                return f"{base[0]}/{den}", "rate", base[2], None
        key = _unit_key(c)
        if key in lx.UNITS and (paren or len(key) > 3 or not strict):
            symbol, kind = lx.UNITS[key]
            return symbol, kind, 1.0, None
    return None


def _table_column_unit(text: str, pos: int) -> tuple[str | None, str | None, float, str | None] | None:
    """The unit of the table column holding `pos`, from the header row or the caption line (Q10)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    if "|" not in line:
        return None
    column = line.count("|", 0, pos - line_start)
    header, cursor = None, line_start
    while cursor > 0:  # walk up the block of table lines; its first line is the header
        prev_start = text.rfind("\n", 0, cursor - 1) + 1
        row = text[prev_start:cursor - 1]
        if "|" not in row and not re.fullmatch(r"[-+=\s]+", row or "x"):
            break
        if "|" in row and re.search(r"[A-Za-z%€£$¥]", row):
            header = row
        cursor = prev_start
    if header is None or header == line:
        return None
    cells = header.split("|")
    if column < len(cells) and cells[column].strip().lower().rstrip(".") in RANK_HEADERS:
        return RANK
    found = _header_unit(cells[column]) if column < len(cells) else None
    if found is None or found[0] is None:
        # a caption line just above the table: "Exports by product, January–September (€ million)"
        above_end = cursor - 1
        while above_end > 0 and not text[text.rfind("\n", 0, above_end) + 1:above_end].strip():
            above_end = text.rfind("\n", 0, above_end)
        caption = text[text.rfind("\n", 0, max(above_end, 0)) + 1:max(above_end, 0)]
        cap = _header_unit(caption) if re.search(r"\([^)]*\)\s*$", caption) and column < len(cells) \
            and not re.search(r"[A-Za-z%]", re.sub(r"\b(?:19|20)\d\d\b", "", cells[column])) else None
        if found is None:
            return cap
        return (cap[0], cap[1], cap[2], found[3]) if cap else found
    return found


RANK_HEADERS = frozenset({"#", "pos", "rank", "no", "position", "place", "", "seed"})
RANK = (None, "rank", 1.0, None)


def _apply_table(text: str, q: _Q) -> None:
    if not q.digits or q.unit is not None:
        return
    found = _table_column_unit(text, q.start)
    if found is None:
        return
    if found is RANK:
        q.kind = "rank"
        return
    unit, kind, scale, den = found
    if q.currency:
        if den and not q.rate:
            q.rate = den
        return
    if unit is None:
        return
    if kind == "money":
        q.currency = unit
    else:
        q.unit, q.kind = unit, kind
    q.scale = q.scale * scale
    q.year_like = False


def _age(text: str, q: _Q) -> None:
    """Ages: "aged 42" and "Name, 52," are durations in years (Q8, Q9)."""
    if q.unit is not None or q.currency or not q.digits or q.value is None or not 1 <= q.value < 120 or q.scale != 1:
        return
    before = text[max(0, q.start - 30):q.start]
    after = text[q.end:q.end + 2]
    if re.search(r"\b(?i:aged|age)\s+$", before) or (re.search(r"[A-Z][\w’'-]+,\s$", before) and after[:1] in (",", ")")):
        q.unit, q.kind = "year", "duration"


def _parse_at(text: str, m: re.Match[str], dollar: str) -> _Q | None:
    """Grow the core match `m` into a whole quantity, or None when it is not one."""
    q = _core(text, m, dollar)
    if q is None:
        return None
    _right(text, q, dollar)
    _apply_table(text, q)
    if q.kind == "rank":
        return None  # a table's rank column holds ordinals (Q2)
    second: _Q | None = None
    if not q.vague and not q.proportion:
        second = _range_end(text, q, dollar)
        if second is DATE:
            return None
    if second is not None:
        # a scale, currency or unit written only on the second number distributes to the first (Q5)
        if q.scale == 1.0 and second.scale != 1.0 and not q.currency:
            q.scale = second.scale
        q.currency = q.currency or second.currency
        if q.unit is None and second.unit is not None:
            q.unit, q.kind = second.unit, second.kind
        q.low, q.high, q.modifier = _round(q.value * q.scale), _round(second.value * second.scale), "range"
        q.value, q.end = None, second.end
        q.year_like = False
    elif q.value is not None:
        q.value = _round(q.value * q.scale)
    rate = RATE_RE.match(text, q.end)
    if rate and (q.currency or (q.unit and q.kind in ("measure", "percent"))
                 or (q.unit in ("hour", "minute", "day") and rate.group("den").lower() in ("day", "week"))):
        den = lx.RATE_DENOMINATORS.get(rate.group("den")) or lx.RATE_DENOMINATORS.get(rate.group("den").lower())
        if den is None and rate.group("den") == "h":
            den = "hour"
        if den and den != q.unit:
            q.rate = "s" if den == "second" else den
            q.end = rate.end()
    elif q.currency and not q.rate:
        per = PER_NOUN_RE.match(text, q.end)
        if per:
            q.rate = _singular(per.group("noun").lower())
            q.end = per.end()
    _age(text, q)
    if q.year_like and q.unit is None and not q.currency and q.scale == 1.0 and q.modifier != "range":
        return None  # a year: "in 2019"
    or_so = OR_SO_RE.match(text, q.end)
    if or_so and q.modifier == "exact":
        q.modifier, q.end = "approximate", or_so.end()
    post = POSTFIX_RE.match(text, q.end)
    if post and q.modifier == "exact" and not q.vague:
        q.modifier = "lower_bound" if post.group("lower") else "upper_bound"
        q.end = post.end()
    _left(text, q)
    if q.modifier == "lower_bound" and q.value is not None:
        q.low, q.value = q.value, None
    elif q.modifier == "upper_bound" and q.value is not None:
        q.high, q.value = q.value, None
    if q.currency:
        q.unit = q.currency + (f"/{q.rate}" if q.rate else "")
        q.kind = "rate" if q.rate else "money"
    elif q.rate and q.unit:
        q.unit, q.kind = f"{q.unit}/{q.rate}", "rate"
    elif q.proportion:
        q.kind = "proportion"
    elif q.unit is None and q.kind != "other":
        q.kind = "count"
    return q


DATE = _Q(-1, -1)  # marker: the range is a date


def _range_end(text: str, q: _Q, dollar: str) -> _Q | None:
    """The second number of a range starting at `q` ("3 to 5 million", "8% and 12%"), or None."""
    join = JOIN_RE.match(text, q.end)
    if join is None:
        return None
    m2 = SECOND_RE.match(text, join.end())
    if m2 is None or not (m2.group("num") or m2.group("words")):
        return None
    word = join.group("join").strip().lower()
    between = BETWEEN_RE.search(text, max(0, q.start - 12), q.start)
    if between and between.group("b").lower() == "from":
        return None  # "from 5 to 7": a change between two quantities
    if word == "and" and not between:
        return None
    if word in ("-", "–") and not (q.digits and m2.group("num")):
        return None
    if m2.group("num") and DATE_AFTER_RE.match(text, m2.end()):
        return DATE  # "between 1 and 10 October": the whole expression is a date
    second = _core(text, m2, dollar)
    if second is None or second.value is None:
        return None
    _right(text, second, dollar)
    if DATE_AFTER_RE.match(text, second.end) or TIME_RE.match(text, second.end):
        return DATE  # "between 1 and 10 October": the whole expression is a date
    if q.year_like and (second.year_like or re.fullmatch(r"\d\d", m2.group(0))):
        return None  # 2019-20, 2020 to 2024
    first_unit, second_unit = q.currency or q.unit, second.currency or second.unit
    if first_unit and second_unit and first_unit != second_unit:
        return None
    if first_unit and not second_unit and not between and word not in ("-", "–"):
        return None  # "rose 12% to 2,340": a change, not a range
    if q.year_like and not between:
        return None
    if word == "or" and not (q.words or second.words or q.unit or second.unit):
        if not (q.value is not None and second.value > q.value):
            return None
    if word in ("to", "or") and not between:
        if second.value * second.scale <= q.value * q.scale and not (second.scale > q.scale):
            return None  # "rose 5 to 3" is not a range
    return second


def _left(text: str, q: _Q) -> None:
    """Approximators, bounds and "between" to the left of a quantity (Q3), in place."""
    window = max(0, q.start - 25)
    if q.modifier == "range":
        between = BETWEEN_RE.search(text, window, q.start)
        if between and between.group("b").lower() == "between":
            q.start = between.start("b")
        return
    if q.vague:
        return
    left = LEFT_RE.search(text, window, q.start)
    if left:
        phrase = re.sub(r"\s+", " ", left.group("phrase").lower())
        modifier = LEFT_MODIFIER[phrase]
        if phrase == "within" or (q.kind == "duration" and phrase == "over" and q.unit is not None):
            return  # Q16: "within" is not a bound; "over three years" is a temporal preposition
        if q.modifier in ("exact", "approximate"):
            q.modifier = modifier
        q.start = left.start("phrase")
        return
    tilde = TILDE_RE.search(text, max(0, q.start - 3), q.start)
    if tilde:
        q.modifier, q.start = "approximate", tilde.start()


def _extras(text: str, out: list[_Q]) -> list[_Q]:
    """Pence ("29p" -> 0.29 GBP, Q20) and age decades ("in their 20s" -> 20-29 years, Q25)."""
    extra = []
    for m in PENCE_RE.finditer(text):
        q = _Q(m.start(), m.end(), value=_round(float(m.group(1)) / 100), digits=True)
        q.currency, q.unit, q.kind = "GBP", "GBP", "money"
        _left(text, q)
        if q.modifier == "lower_bound":
            q.low, q.value = q.value, None
        elif q.modifier == "upper_bound":
            q.high, q.value = q.value, None
        extra.append(q)
    for m in AGE_DECADE_RE.finditer(text):
        low = float(m.group(1))
        q = _Q(m.start(1), m.end(), low=low, high=low + 9, unit="year", kind="duration", modifier="range")
        extra.append(q)
    if not extra:
        return out
    return sorted(out + [e for e in extra if not any(e.start < o.end and o.start < e.end for o in out)],
                  key=lambda q: q.start)


def _a_unit(text: str, out: list[_Q]) -> list[_Q]:
    """"a decade", "less than an hour", "nearly a decade": one unit written as "a"/"an" (Q6, Q8)."""
    extra = []
    for m in A_UNIT_RE.finditer(text):
        before = text[max(0, m.start() - 25):m.start()]
        left = LEFT_RE.search(before)
        unit = m.group("u").lower()
        if not (left or unit == "decade"):
            continue
        q = _Q(m.start(), m.end(), value=1.0, words=True)
        q.unit, q.kind = lx.UNITS[_unit_key(unit)]
        _left(text, q)
        if q.modifier == "lower_bound":
            q.low, q.value = 1.0, None
        elif q.modifier == "upper_bound":
            q.high, q.value = 1.0, None
        extra.append(q)
    if not extra:
        return out
    merged = sorted(out + [e for e in extra if not any(e.start < o.end and o.start < e.end for o in out)],
                    key=lambda q: q.start)
    return merged


def document_dollar(text: str) -> str:
    """The ISO code of a bare "$" in `text`: USD (Q7), unless the text writes exactly one other dollar
    ("NZ$", "A$", ...) and never "US$" (Q20)."""
    if "$" not in text:
        return "USD"
    stated = {lx.CURRENCY_SYMBOLS[m.group(1) + "$"] for m in re.finditer(r"(?<![A-Za-z])(A|AU|NZ|C|CA|HK|S|US|MX)\$", text)}
    if len(stated) == 1 and "USD" not in stated:
        return stated.pop()
    return "USD"


def _scan(text: str) -> list[_Q]:
    dollar = document_dollar(text)
    out: list[_Q] = []
    pos = 0
    while True:
        m = CORE_RE.search(text, pos)
        if m is None:
            break
        q = _parse_at(text, m, dollar)
        if q is None:
            pos = m.end()
            continue
        if out and q.start < out[-1].end:
            if q.modifier == "range" and out[-1].end <= m.start():
                q.start = m.start()  # the left phrase was claimed by the previous quantity
            else:
                pos = max(m.end(), out[-1].end)
                continue
        out.append(q)
        pos = max(q.end, m.end())
    return _extras(text, _a_unit(text, out))


def _finish(text: str, q: _Q) -> Quantity:
    start, end = q.start, q.end
    while end > start and text[end - 1] in " ,;:.\t":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Quantity(start, end, text[start:end], q.value, q.low, q.high, q.unit, q.kind, q.modifier)


def extract(text: str) -> list[Quantity]:
    """Every quantity of `text`, in text order (the grammar of the module docstring)."""
    return [_finish(text, q) for q in _scan(text)]


@lru_cache(maxsize=8192)
def _normalise_text(span_text: str) -> tuple[Any, ...]:
    found = _scan(span_text)
    if not found:
        return (None, None, None, None, "count", "vague")
    best = max(found, key=lambda q: (q.end - q.start, -q.start))
    f = _finish(span_text, best)
    return (f.value, f.low, f.high, f.unit, f.kind, f.modifier)


def normalise(span_text: str, context: str | None = None, start: int | None = None) -> dict[str, Any]:
    """The QUANTITY attributes (value, low, high, unit, kind, modifier) of a span's text.

    A span whose text the grammar cannot read ("a couple of") is a vague count. With `context` (the
    document text) and `start` (the span's offset), the span is read in place, so that a table cell
    takes its column's unit and a bare "$" the document's dollar."""
    if context is not None and start is not None:
        end = start + len(span_text)
        for q in _scan_cached(context):
            if q.start <= start and end <= q.end or (start <= q.start and q.end <= end):
                f = _finish(context, q)
                if (f.start, f.end) == (start, end) or (start <= q.start and q.end <= end):
                    return f.attrs() if (f.start, f.end) == (start, end) else _merge_inside(span_text, f)
    value, low, high, unit, kind, modifier = _normalise_text(span_text)
    return Quantity(0, 0, span_text, value, low, high, unit, kind, modifier).attrs()


def _merge_inside(span_text: str, found: Quantity) -> dict[str, Any]:
    own = _normalise_text(span_text)
    attrs = found.attrs()
    if own[3] is None and attrs["unit"] is not None:
        return Quantity(0, 0, span_text, own[0], own[1], own[2], attrs["unit"], attrs["kind"], own[5]).attrs()
    return Quantity(0, 0, span_text, *own).attrs()


@lru_cache(maxsize=64)
def _scan_cached(text: str) -> tuple[_Q, ...]:
    return tuple(_scan(text))


__all__ = ["Quantity", "document_dollar", "extract", "normalise", "word_number"]
