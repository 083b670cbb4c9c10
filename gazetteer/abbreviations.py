"""Abbreviations news writes for countries and divisions, matched with their
case and periods as written, so "US" is the United States and "us" a word.

Sources:

* ``data/abbreviations.csv``: curated forms ("U.S.", "UK", "DRC", "KSA", "Qld");
* AP-style US state abbreviations from the ``us`` package ("Tenn.", "Ky.");
* Natural Earth admin-1 ``abbrev`` for the US, Canada and Australia ("Alta.",
  "B.C.", "N.S.W."), and its ``postal`` codes ("TN", "AB", "QL");
* Natural Earth admin-0 ``ABBREV`` when it is an initialism ("U.A.E.", "D.R.C.");
  shorter forms ("Est.", "Mal.", "Pal.") are words too often to stand alone.

A form marked *qualifier only* (two- and three-letter postal codes: "TN",
"WA", "SA", which are also words or initials) names its place only as the
qualifier after a comma ("Franklin, TN"), never on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .sources import read_csv
#: Countries whose divisions news abbreviates in running text.
ABBREVIATED_DIVISIONS = ("US", "CA", "AU")


@dataclass(frozen=True)
class Abbreviation:
    text: str               # exactly as written: "Tenn.", "U.S."
    target: str             # ISO 3166-1 ("US") or ISO 3166-2 ("US-TN") code
    qualifier_only: bool
    source: str


def abbreviations(admin1=(), country_abbrevs: dict[str, str] | None = None) -> list[Abbreviation]:
    """Every abbreviation, given the Natural Earth admin-1 records and the
    admin-0 ``ABBREV`` of each country code."""
    import us

    found: dict[tuple[str, str], Abbreviation] = {}

    def add(text, target, qualifier_only, source):
        text = text.strip()
        if text and (text, target) not in found:
            found[(text, target)] = Abbreviation(text, target, qualifier_only, source)

    for row in read_csv("abbreviations.csv"):
        add(row["text"], row["target"], row["qualifier_only"] == "1", row["source"])
    for state in us.states.STATES_AND_TERRITORIES:
        if state.ap_abbr and state.ap_abbr != state.name:
            add(state.ap_abbr, f"US-{state.abbr}", False, "AP style, via the us package")
        add(state.abbr, f"US-{state.abbr}", True, "USPS code, via the us package")
    for division in admin1:
        if division.country not in ABBREVIATED_DIVISIONS or not division.iso_3166_2.startswith(division.country):
            continue
        if division.abbrev and division.abbrev != division.name and "." in division.abbrev:
            add(division.abbrev, division.iso_3166_2, False, "Natural Earth admin-1 abbrev")
        if division.postal and division.postal.isupper():
            add(division.postal, division.iso_3166_2, True, "Natural Earth admin-1 postal")
    for code, abbrev in (country_abbrevs or {}).items():
        if abbrev.count(".") >= 2 and " " not in abbrev:
            add(abbrev, code, False, "Natural Earth admin-0 ABBREV")
    return sorted(found.values(), key=lambda a: (a.text, a.target))
