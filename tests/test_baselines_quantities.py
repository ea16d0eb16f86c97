"""The quantity grammar and normaliser (`hearsay.baselines.quantities`) on the guidelines' examples."""

from __future__ import annotations

import pytest

from hearsay.baselines.quantities import extract, normalise


def one(text: str) -> dict:
    found = extract(text)
    assert len(found) == 1, [(q.text, q.attrs()) for q in found]
    q = found[0]
    assert text[q.start:q.end] == q.text
    return {"text": q.text, **q.attrs()}


@pytest.mark.parametrize("text, expected", [
    ("About 11,000 North Korean conscripts", {"text": "About 11,000", "value": 11000, "unit": None, "kind": "count",
                                              "modifier": "approximate"}),
    ("aid worth $2.3 billion", {"text": "$2.3 billion", "value": 2300000000, "unit": "USD", "kind": "money",
                                "modifier": "exact"}),
    ("3 to 5 million people", {"text": "3 to 5 million", "value": None, "low": 3000000, "high": 5000000,
                               "modifier": "range"}),
    ("more than half of voters", {"text": "more than half", "value": None, "low": 0.5, "kind": "proportion",
                                  "modifier": "lower_bound"}),
    ("one in five adults", {"text": "one in five", "value": 0.2, "kind": "proportion", "modifier": "exact"}),
    ("dozens of homes", {"text": "dozens", "value": None, "low": None, "high": None, "modifier": "vague"}),
    ("12 percent of voters", {"text": "12 percent", "value": 12, "unit": "percent", "kind": "percent"}),
    ("a 40 km convoy", {"text": "40 km", "value": 40, "unit": "km", "kind": "measure"}),
    ("a farmer aged 42 said", {"text": "42", "value": 42, "unit": "year", "kind": "duration"}),
    ("a 42-year-old farmer", {"text": "42-year-old", "value": 42, "unit": "year", "kind": "duration"}),
    ("40 kilometres away", {"text": "40 kilometres", "unit": "km"}),
    ("€40 million", {"value": 40000000, "unit": "EUR"}),
    ("a third of the crop", {"text": "a third", "value": 0.3333, "kind": "proportion"}),
    ("up to 40 percent", {"high": 40, "value": None, "modifier": "upper_bound", "unit": "percent"}),
    ("between 3 and 5 percent", {"text": "between 3 and 5 percent", "low": 3, "high": 5, "modifier": "range"}),
    ("$15 an hour", {"value": 15, "unit": "USD/hour", "kind": "rate"}),
    ("120 km/h", {"unit": "km/h", "kind": "rate"}),
    ("£14.6m", {"value": 14600000, "unit": "GBP"}),
    ("₹28,000 crore", {"value": 280000000000, "unit": "INR"}),
    ("several thousand", {"modifier": "vague", "value": None}),
    ("a dozen", {"value": 12, "modifier": "approximate"}),
    ("twice", {"value": 2, "kind": "other"}),
    ("2 hours 20 minutes", {"value": 140, "unit": "minute"}),
    ("in their 20s", {"low": 20, "high": 29, "unit": "year", "modifier": "range"}),
    ("within two weeks", {"text": "two weeks", "modifier": "exact", "value": 2}),
])
def test_quantities_guideline_cases(text, expected):
    found = one(text)
    for key, value in expected.items():
        assert found[key] == value, (key, found)


@pytest.mark.parametrize("text", [
    "in 2019", "on January 20, 2025", "at 10:42", "on Route 66", "COVID-19 cases", "an F-16 jet",
    "the 5th day", "they won 3-1", "the council voted 7–4", "call +254 700 000 123", "the second half of 2023",
    "one of the ministers", "a sixth straight day",
])
def test_quantities_not_quantities(text):
    assert extract(text) == [], [(q.text, q.attrs()) for q in extract(text)]


def test_quantities_table_header_unit_and_scale():
    text = ("Ward      | Budget 2019–20 (£k) | Change (%)\n"
            "----------+---------------------+-----------\n"
            "Abbey     |               3,120 |       +6.8\n")
    found = {q.text: q.attrs() for q in extract(text)}
    assert found["3,120"]["value"] == 3120000 and found["3,120"]["unit"] == "GBP"
    assert found["+6.8"]["value"] == 6.8 and found["+6.8"]["unit"] == "percent"
    assert not any("2019" in t for t in found)


def test_quantities_bare_dollar_follows_the_other_dollar_of_the_text():
    found = extract("NZ$5 per kilo now, and $300 a year")
    assert [q.attrs()["unit"] for q in found] == ["NZD/kg", "NZD/year"]
    assert extract("US$5 and NZ$6 and $7")[-1].attrs()["unit"] == "USD"


def test_normalise_reads_a_span_in_context():
    text = "City | Petrol (per litre)\n-----+------\nLima | PEN 16.20\n"
    start = text.index("PEN 16.20")
    assert normalise("PEN 16.20", text, start)["unit"] == "PEN/L"
    assert normalise("about 11,000") == {"value": 11000, "low": None, "high": None, "unit": None, "kind": "count",
                                         "modifier": "approximate"}
    assert normalise("a couple of")["modifier"] == "vague"
