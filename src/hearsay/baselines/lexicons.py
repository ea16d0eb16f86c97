"""Lexicons of the baselines, written from `schema/GUIDELINES.md` and checked against the schema.

Every word list here cites the guideline rule it implements. Label, relation and attribute names are
never typed here: `Labels.from_schema()` reads them from `schema/hearsay.yaml` by their *role* in the
relations (the head of the SOURCE relation is the cue label, its tail the source label, ...), and
`check_lexicons()` fails when a category, kind or modifier used here is not a value of the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import SchemaError
from ..schema import Schema, load_schema

# --- labels and relations, by role -----------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    """Label and relation names of the schema, by the role they play (see module docstring)."""

    cue: str
    source: str
    content: str
    hedge: str
    quantity: str
    entity: str
    rel_source: str
    rel_content: str
    rel_hedges: str
    rel_quantifies: str

    @classmethod
    def from_schema(cls, schema: Schema | None = None) -> "Labels":
        """Roles from the relations: of the two attribution relations sharing a head (the cue), the one
        allowing at most one tail per head is the source relation and the one needing at least one is the
        content relation; the hedging relation points from the hedge label; the quantity relation links
        the quantity label (the head) to the entity label (the tail)."""
        schema = schema or load_schema()

        def within(layer: str):
            return [r for r in schema.relations if len(r.head) == 1 and len(r.tail) == 1
                    and schema.layer_of(r.head[0]) == layer]

        try:
            attribution = within("attribution")
            rel_source = next(r for r in attribution if r.per_head.max == 1)
            rel_content = next(r for r in attribution if r.per_head.min >= 1 and r.head == rel_source.head)
            hedges = next(r for r in within("hedging") if r.tail == rel_content.tail)
            quant = within("quantities")[0]
        except (StopIteration, IndexError, KeyError) as exc:
            raise SchemaError("the baselines need the attribution, hedging and quantity relations of "
                              "schema/hearsay.yaml v1") from exc
        return cls(rel_source.head[0], rel_source.tail[0], rel_content.tail[0], hedges.head[0], quant.head[0],
                   quant.tail[0], rel_source.name, rel_content.name, hedges.name, quant.name)


@lru_cache(maxsize=1)
def labels() -> Labels:
    return Labels.from_schema()


# --- attribution cues (GUIDELINES A1-A4, A7) --------------------------------------------------------

# A1: reporting verbs, by lemma, with the evidential ones (A15: "figures show", "a survey found").
# A cue needs a content; verbs that also carry a hedge (A2, A17) are below.
REPORTING_VERBS = frozenset("""
say tell report announce note claim warn add write argue confirm deny insist caution state explain
acknowledge admit concede complain promise pledge post allege accuse testify stress emphasise emphasize
maintain contend assert declare disclose reveal recall remind observe point reply respond tweet
predict estimate project forecast conclude find show indicate suggest estimate agree dispute ask
""".split())

# A2: belief and expectation verbs with a source are CUE and HEDGE on the same characters.
BELIEF_VERBS = {  # lemma -> hedge category (H2)
    "believe": "epistemic", "think": "epistemic", "suggest": "epistemic", "suspect": "epistemic",
    "fear": "epistemic", "assume": "epistemic", "doubt": "epistemic", "indicate": "epistemic",
    "expect": "probability", "estimate": "probability", "predict": "probability", "forecast": "probability",
    "project": "probability",
}

# A7: channels: their source is the original source; their content is the host attribution's.
CHANNEL_CUES = frozenset({"citing", "cited by", "quoted by", "as reported by", "refers to", "referring to",
                          "cited in"})

# A3: passive hearsay frames "is said to": CUE (without the auxiliary) and HEDGE (reported); no source.
PASSIVE_HEARSAY = ("said to", "reported to", "alleged to", "rumoured to", "rumored to", "understood to")

# A1: a fixed recipient is part of the cue: "told reporters", "told the council", "told a press conference".
RECIPIENT_VERBS = frozenset({"tell", "warn", "remind", "advise"})

# Words that end a "told <recipient>" frame (the content or a time adverbial starts).
RECIPIENT_STOP = frozenset({"that", "on", "in", "at", "last", "this", "earlier", "later", "after", "before",
                            "during", "when", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday",
                            "thursday", "friday", "saturday", "sunday", "how", "why", "what", "whether", "it"})

# --- hedges (GUIDELINES H1-H5) ----------------------------------------------------------------------

# H2: single-word hedge cues -> category. Context filters (month "May", "could" of past ability,
# "an estimated" approximator, "appeared in court") are applied by the predictors.
HEDGE_WORDS = {
    "may": "modal", "might": "modal", "could": "modal",
    "likely": "probability", "unlikely": "probability", "probably": "probability", "possibly": "probability",
    "possible": "probability", "perhaps": "probability", "maybe": "probability", "potentially": "probability",
    "expected": "probability", "expect": "probability", "expects": "probability", "expecting": "probability",
    "predict": "probability", "predicts": "probability", "predicted": "probability", "predicting": "probability",
    "forecast": "probability", "forecasts": "probability", "projected": "probability",
    "estimated": "probability", "estimate": "probability", "estimates": "probability",
    "chance": "probability", "likeliest": "probability",
    "believe": "epistemic", "believes": "epistemic", "believed": "epistemic",
    "think": "epistemic", "thinks": "epistemic", "thought": "epistemic",
    "suggest": "epistemic", "suggests": "epistemic", "suggested": "epistemic",
    "appear": "epistemic", "appears": "epistemic", "appeared": "epistemic",
    "seem": "epistemic", "seems": "epistemic", "seemed": "epistemic",
    "indicate": "epistemic", "indicates": "epistemic", "indicated": "epistemic",
    "suspect": "epistemic", "suspects": "epistemic", "suspected": "epistemic",
    "assume": "epistemic", "assumed": "epistemic", "unclear": "epistemic", "uncertain": "epistemic",
    "doubt": "epistemic", "doubts": "epistemic", "fear": "epistemic", "fears": "epistemic",
    "reportedly": "reported", "allegedly": "reported", "purportedly": "reported", "apparently": "reported",
    "rumoured": "reported", "rumored": "reported",
    "if": "conditional", "unless": "conditional",
}

# H1: inseparable multi-word hedges (lower case).
HEDGE_PHRASES = {
    "it is possible": "probability", "in all likelihood": "probability", "risk of": "probability",
    "not yet clear": "epistemic", "said to": "reported", "reported to": "reported", "alleged to": "reported",
    "rumoured to": "reported", "rumored to": "reported", "understood to": "reported",
    "provided that": "conditional", "in case": "conditional",
}

# H3: belief/appearance words that are hedges only in the hedging sense; "appeared in court" is not.
APPEARANCE_WORDS = frozenset({"appear", "appears", "appeared", "seem", "seems", "seemed"})

# --- quantities (GUIDELINES Q1-Q11) ----------------------------------------------------------------

# Q3: approximators and bounds are inside the span and set `modifier`.
APPROXIMATORS = ("about", "around", "roughly", "nearly", "almost", "some", "an estimated", "approximately",
                 "close to", "closer to", "~", "circa", "more or less",
                 "estimated", "an approximate", "approx.")
LOWER_BOUNDS = ("more than", "over", "at least", "upwards of", "above", "just over", "just above", "well over",
                "a little over", "in excess of", "as little as", "no fewer than",
                "no less than", "exceeding", "older than", "longer than", "higher than")
UPPER_BOUNDS = ("fewer than", "less than", "under", "up to", "at most", "below", "as much as", "as many as",
                "no more than", "within", "as high as", "as long as", "just under", "just below", "younger than", "shorter than",
                "lower than")
# Postfix bounds: "18 and over", "10% or more", "3 percent at most".
POSTFIX_LOWER = ("or more", "and over", "and above", "or above", "or older")
POSTFIX_UPPER = ("or less", "or fewer", "at most", "or under", "and under")

# Q5: scale words and suffixes.
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6,
          "bn": 1e9, "b": 1e9, "tn": 1e12, "crore": 1e7, "lakh": 1e5, "lakhs": 1e5, "crores": 1e7}

# Q6: number words.
UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
MULTIPLIER_WORDS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# Q5: fractions ("a third" -> 0.3333, to 4 decimals): denominators.
DENOMINATOR_WORDS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                     "ninth": 9, "tenth": 10, "thirds": 3, "quarters": 4, "fifths": 5, "tenths": 10}

# Q3: vague amounts (no definite number) -> modifier vague, all values null.
VAGUE_WORDS = ("dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens of thousands",
               "hundreds of thousands", "tens of millions", "hundreds of millions", "several hundred",
               "several thousand", "several million", "several billion", "a few hundred", "a few thousand",
               "a few million", "many thousands", "many millions")

# Q7: currencies -> ISO 4217. Prefix symbols (longest first when matching) and words after the number.
CURRENCY_SYMBOLS = {
    "US$": "USD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "C$": "CAD", "CA$": "CAD", "R$": "BRL",
    "MX$": "MXN", "HK$": "HKD", "S$": "SGD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₩": "KRW", "₦": "NGN", "₱": "PHP", "₺": "TRY", "₴": "UAH", "₽": "RUB", "₪": "ILS", "zł": "PLN",
    "KSh": "KES", "Ksh": "KES", "Rs": "INR", "Rs.": "INR", "R": "ZAR",
}
CURRENCY_CODES = frozenset({"USD", "EUR", "GBP", "JPY", "CHF", "CLP", "COP", "UYU", "NOK", "DKK", "SEK", "INR",
                            "KES", "ZAR", "NZD", "AUD", "CAD", "BRL", "MXN", "PLN", "CNY", "KRW", "NGN", "ARS",
                            "PEN", "GHS", "EGP", "TRY", "RUB", "UAH", "HKD", "SGD", "XOF", "XAF", "IDR", "PHP",
                            "THB", "VND", "MYR", "PKR", "BDT", "TZS", "UGX", "ETB", "ZMW", "MAD", "HUF", "CZK",
                            "RON", "ILS", "SAR", "AED", "QAR"})
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pound": "GBP",
    "pounds sterling": "GBP", "yen": "JPY", "rupees": "INR", "rupee": "INR", "soles": "PEN", "sol": "PEN",
    "zloty": "PLN", "złoty": "PLN", "kronor": "SEK", "krona": "SEK", "kroner": "NOK", "krone": "NOK",
    "cfa francs": "XOF", "swiss francs": "CHF", "francs": "CHF", "shillings": "KES", "naira": "NGN",
    "won": "KRW", "rand": "ZAR", "pesos": "MXN", "yuan": "CNY", "renminbi": "CNY", "reais": "BRL",
    "real": "BRL", "cedis": "GHS", "lira": "TRY", "roubles": "RUB", "rubles": "RUB", "hryvnias": "UAH",
    "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "dong": "VND", "dirhams": "AED", "riyals": "SAR",
}

# Q7/Q8: units written after the number -> (symbol, kind). Plural and spelling variants included.
_UNITS: dict[str, tuple[str, str]] = {}


def _add(kind: str, symbol: str, *names: str) -> None:
    for name in names:
        _UNITS[name] = (symbol, kind)


_add("percent", "percent", "percent", "per cent", "%", "pct")
_add("percent", "percentage point", "percentage point", "percentage points", "percentage-point", "pp", "ppt")
_add("other", "point", "points", "point")
_add("measure", "km", "km", "kilometre", "kilometres", "kilometer", "kilometers")
_add("measure", "m", "m", "metre", "metres", "meter", "meters")
_add("measure", "cm", "cm", "centimetre", "centimetres", "centimeter", "centimeters")
_add("measure", "mm", "mm", "millimetre", "millimetres", "millimeter", "millimeters")
_add("measure", "mile", "mile", "miles")
_add("measure", "ft", "ft", "foot", "feet")
_add("measure", "kg", "kg", "kilogram", "kilograms", "kilo", "kilos")
_add("measure", "g", "g", "gram", "grams", "gramme", "grammes")
_add("measure", "t", "t", "tonne", "tonnes", "ton", "tons", "metric tons", "metric tonnes")
_add("measure", "MW", "MW", "megawatt", "megawatts")
_add("measure", "GW", "GW", "gigawatt", "gigawatts")
_add("measure", "kW", "kW", "kilowatt", "kilowatts")
_add("measure", "kWh", "kWh", "kilowatt-hour", "kilowatt-hours", "kilowatt hour", "kilowatt hours")
_add("measure", "MWh", "MWh", "megawatt-hour", "megawatt-hours", "megawatt hour", "megawatt hours")
_add("measure", "GWh", "GWh", "gigawatt-hour", "gigawatt-hours", "gigawatt hour", "gigawatt hours")
_add("measure", "TWh", "TWh", "terawatt-hour", "terawatt-hours", "terawatt hour", "terawatt hours")
_add("measure", "ha", "ha", "hectare", "hectares")
_add("measure", "acre", "acre", "acres")
_add("measure", "L", "L", "litre", "litres", "liter", "liters", "l")
_add("measure", "hL", "hL", "hectolitre", "hectolitres")
_add("measure", "ML", "ML", "megalitre", "megalitres", "megaliter", "megaliters")
_add("measure", "°C", "°C", "°C", "degrees Celsius", "degrees celsius", "degrees C", "C", "degrees", "degree")
_add("measure", "°F", "°F", "°F", "degrees Fahrenheit")
_add("measure", "km²", "km²", "km²", "km2", "sq km", "square kilometres", "square kilometers", "square kilometre")
_add("measure", "m²", "m²", "m²", "m2", "square metres", "square meters", "square metre", "square-metre")
_add("measure", "m³", "m³", "m³", "m3", "cubic metres", "cubic meters", "cubic metre")
_add("measure", "µg/m³", "µg/m³", "µg/m³", "micrograms per cubic metre", "micrograms per cubic meter")
_add("measure", "ppm", "ppm", "ppm", "parts per million")
_add("measure", "bar", "bar", "bar")
_add("measure", "barrel", "barrel", "barrel", "barrels")
_add("measure", "MHz", "MHz", "MHz", "megahertz")
_add("measure", "nm", "nm", "nm", "nanometre", "nanometres", "nanometer", "nanometers")
_add("measure", "µm", "µm", "µm", "micrometre", "micrometres", "micron", "microns")
_add("measure", "K", "kelvin", "kelvins")
_add("measure", "GPa", "GPa", "GPa", "gigapascal", "gigapascals")
_add("measure", "MPa", "MPa", "MPa", "megapascal", "megapascals")
_add("measure", "kPa", "kPa", "kPa", "kilopascal", "kilopascals")
_add("measure", "hPa", "hPa", "hPa", "hectopascal", "hectopascals")
_add("measure", "dB", "dB", "dB", "decibel", "decibels")
_add("measure", "kV", "kV", "kV", "kilovolt", "kilovolts")
_add("measure", "mg", "mg", "mg", "milligram", "milligrams")
_add("measure", "µg", "µg", "µg", "microgram", "micrograms")
_add("measure", "mL", "mL", "mL", "ml", "millilitre", "millilitres", "milliliter", "milliliters")
_add("measure", "kt", "kt", "kilotonne", "kilotonnes")
_add("measure", "Mt", "Mt", "megatonne", "megatonnes")
_add("measure", "TW", "TW", "TW", "terawatt", "terawatts")
_add("measure", "W", "W", "watt", "watts")
_add("measure", "in", "inch", "inches")
_add("measure", "lb", "lb", "lb", "lbs", "pound weight")
_add("measure", "gallon", "gallon", "gallons")
_add("measure", "bushel", "bushel", "bushels")
_add("measure", "carat", "carat", "carat", "carats")
_add("measure", "kcal", "kcal", "kcal", "kilocalorie", "kilocalories")
_add("measure", "GHz", "GHz", "GHz", "gigahertz")
_add("measure", "TB", "TB", "TB", "terabyte", "terabytes")
_add("measure", "GB", "GB", "GB", "gigabyte", "gigabytes")
_add("measure", "Gbit/s", "Gbit/s", "gigabit per second", "gigabits per second", "Gbps")
_add("measure", "Mbit/s", "Mbit/s", "megabit per second", "megabits per second", "Mbps")
_add("rate", "km/h", "km/h", "km/h", "kph", "kilometres per hour", "kilometers per hour", "kilometres an hour")
_add("rate", "mph", "mph", "mph", "miles per hour", "miles an hour")
_add("duration", "year", "year", "years", "yr", "yrs")
_add("duration", "month", "month", "months")
_add("duration", "week", "week", "weeks")
_add("duration", "day", "day", "days")
_add("duration", "night", "night", "nights")
_add("duration", "hour", "hour", "hours", "hrs", "hr", "h")
_add("duration", "minute", "minute", "minutes", "mins", "min")
_add("duration", "second", "second", "seconds", "secs")
_add("duration", "millisecond", "millisecond", "milliseconds", "ms")
_add("duration", "decade", "decade", "decades")
_add("duration", "season", "season", "seasons")

UNITS: dict[str, tuple[str, str]] = dict(_UNITS)

# Q8: the "per" part of a rate ("$15 an hour" -> USD/hour): singular unit words, mapped to symbols.
RATE_DENOMINATORS = {
    **{name: symbol for name, (symbol, kind) in UNITS.items() if kind in ("measure", "duration") and " " not in name
       and len(name) > 2},
    "kilogram": "kg", "kilo": "kg", "tonne": "t", "ton": "t", "litre": "L", "liter": "L", "hectare": "ha",
    "megawatt-hour": "MWh", "kilowatt-hour": "kWh", "hectolitre": "hL", "barrel": "barrel", "acre": "acre",
    "share": "share", "person": "person", "head": "head", "household": "household", "passenger": "passenger",
    "journey": "journey", "trip": "trip", "mile": "mile", "bag": "bag", "sack": "sack", "night": "night",
    "paper": "paper", "voter": "voter", "student": "student", "pupil": "pupil", "patient": "patient",
    "worker": "worker", "employee": "employee", "resident": "resident", "capita": "person", "unit": "unit",
    "seat": "seat", "ticket": "ticket", "visit": "visit", "family": "family", "child": "child", "bed": "bed",
    "square metre": "m²", "kg": "kg", "t": "t", "MWh": "MWh", "kWh": "kWh", "L": "L", "ha": "ha",
    "cubic metre": "m³", "megawatt hour": "MWh", "gallon": "gallon", "bushel": "bushel", "dose": "dose",
}

# Q2: words before a number that make it an identifier, not a quantity ("Route 66", "Article 5").
IDENTIFIER_NOUNS = frozenset("""
route article section chapter flight room gate highway line platform stage phase level category terminal berth
block unit lot no no. number case bill resolution act rule paragraph clause amendment item exhibit appendix
figure table page pages season episode part volume vol issue version model type grade class ward district
zone region sector road street avenue motorway interstate bus train channel court courtroom hall building
pier berth runway group division tier term week matchday round game match heat lap hole round
""".split())
MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())


def check_lexicons(schema: Schema | None = None) -> None:
    """Raise `SchemaError` when a category, kind or modifier used by the lexicons is not in the schema."""
    schema = schema or load_schema()
    lab = Labels.from_schema(schema)
    categories = set(schema.label(lab.hedge).attribute("category").values)
    used = set(HEDGE_WORDS.values()) | set(HEDGE_PHRASES.values()) | set(BELIEF_VERBS.values())
    if used - categories:
        raise SchemaError(f"hedge lexicon uses categories not in the schema: {sorted(used - categories)}")
    kinds = set(schema.label(lab.quantity).attribute("kind").values)
    used_kinds = {kind for _, kind in UNITS.values()} | {"count", "money", "proportion", "rate", "duration"}
    if used_kinds - kinds:
        raise SchemaError(f"unit lexicon uses kinds not in the schema: {sorted(used_kinds - kinds)}")
    modifiers = set(schema.label(lab.quantity).attribute("modifier").values)
    needed = {"exact", "approximate", "lower_bound", "upper_bound", "range", "vague"}
    if needed - modifiers:
        raise SchemaError(f"quantity modifiers missing from the schema: {sorted(needed - modifiers)}")
