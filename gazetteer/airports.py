"""Airports with IATA codes, under the names news writes for them.

Source: the ``airportsdata`` package (MIT; OurAirports and other open data),
its IATA table: about 7,900 airports with name, city, country and point.

News rarely writes an airport's full name. It writes "Heathrow",
"Schiphol", "Kabul airport", "Ben Gurion airport". So each airport is indexed
under:

* its full name ("London Heathrow Airport");
* "<short name> Airport" and "<short name> International Airport", where the
  short name drops the generic words and the city ("Heathrow", "Ben Gurion");
* "<city> Airport" ("Kabul airport");
* the names listed in ``data/airport_names.csv``: the few dozen airports
  news names without the word "airport" ("Heathrow", "Schiphol", "O'Hare",
  "Changi"). Any other short name needs the cue word: short names are too
  often people ("Reagan", "Ben Gurion") or words ("Love Field", "Army
  Airfield") to stand alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words that say "airport" without naming it; stripped to find the short name.
_GENERIC = re.compile(r"\b(?:international|intl|ntl|national|regional|municipal|airport|aerodrome|"
                      r"airfield|airstrip|airpark|executive|memorial|domestic|downtown|county|state|"
                      r"university|metro|field|afb|new)\b\.?|[()]", re.IGNORECASE)


@dataclass(frozen=True)
class Airport:
    iata: str
    name: str               # "London Heathrow Airport"
    city: str
    country_code: str
    latitude: float
    longitude: float
    names: tuple[str, ...]  # forms written with the cue word ("Heathrow Airport", "London airport")
    known_as: tuple[str, ...] = ()  # the curated names news uses alone ("Heathrow")


def airports() -> list[Airport]:
    import airportsdata

    from .sources import read_csv

    known_as: dict[str, set[str]] = {}
    for row in read_csv("airport_names.csv"):
        known_as.setdefault(row["iata"], set()).add(row["name"])
    found = []
    for code, entry in sorted(airportsdata.load("IATA").items()):
        name, city = entry["name"].strip(), entry["city"].split(",")[0].strip()
        if not name or not entry["country"]:
            continue
        short = short_name(name, city)
        forms = {name}
        if short:
            forms |= {f"{short} Airport", f"{short} International Airport"}
        if city:
            forms |= {f"{city} Airport", f"{city} International Airport"}
        found.append(Airport(code, name, city, entry["country"], float(entry["lat"]), float(entry["lon"]),
                             tuple(sorted(forms)), tuple(sorted(known_as.get(code, ())))))
    return found


def short_name(name: str, city: str) -> str:
    """"London Heathrow Airport" -> "Heathrow"; "Kabul International Airport" -> ""
    (nothing but the city); "Amsterdam Airport Schiphol" -> "Schiphol"."""
    short = " ".join(_GENERIC.sub(" ", name).replace("/", " ").split())
    if city and short.casefold().startswith(city.casefold() + " "):
        short = short[len(city) + 1:]
    elif city and short.casefold() == city.casefold():
        short = ""
    return short.strip(" -")
