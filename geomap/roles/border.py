"""Border family: a country named as one side of a border ("near the border
with Jordan and Israel", "the Turkish border"). Cues: ``roles/border.toml``.

The area a border sentence means is a band of the country on *this* side
(the host): a division named with the border ("near the border with Rwanda
in North Kivu province"), else a country the clause names that is not
across it, else the story's main country, else the country most of the
story's places lie in (the story's main country may be the neighbour:
"the rebels crossed from Libya ... near the border with Libya")."""

from __future__ import annotations

import re
from collections import Counter

from ..model import DEMONYM, Extent, Place
from .clauses import host_country, listed_after

_BORDER_AFTER = re.compile(r"\s+border")
#: "... near the border with Rwanda and Uganda in North Kivu province": the
#: division that holds the band, written right after the neighbours.
_IN_AFTER_LIST = re.compile(r"\s*,?\s*(?:in|inside|within)\s+(?:the\s+)?$", re.IGNORECASE)
#: Kinds that stand for an area a band can be part of ("in North Kivu", "in Sonora").
DIVISION_KINDS = ("admin1", "admin2", "region")


class StoryCountries:
    """The countries a story's places lie in, for a host the clause leaves
    unnamed: counted over every place (towns and divisions included), with a
    place of each country to carry a role when the country itself is not
    named (the band of a division geomap has no outline for is its country's)."""

    def __init__(self, places: list[Place]):
        self.counts = Counter(p.country_code for p in places if p.country_code)
        self.countries = {p.country_code: p for p in places if p.kind == "country" and p.country_code}
        self.carriers: dict[str, Place] = {}
        for place in places:
            code = place.country_code
            if code and place.kind != "country":
                best = self.carriers.get(code)
                if best is None or (best.kind not in DIVISION_KINDS and place.kind in DIVISION_KINDS):
                    self.carriers[code] = place

    def main(self, excluded_codes=(), clause=None) -> Place | None:
        """The country most places lie in, outside ``excluded_codes``: the
        country itself when the story names it, else a place of it (from the
        clause first)."""
        ranked = [c for c, _ in self.counts.most_common() if c not in excluded_codes]
        if not ranked:
            return None
        code = ranked[0]
        if code in self.countries:
            return self.countries[code]
        if clause is not None:
            for hit in clause.hits:
                if hit.place.country_code == code and hit.type != DEMONYM:
                    return hit.place
        return self.carriers.get(code)


class Borders:
    def __init__(self, table: dict):
        self.patterns = [re.compile(p, re.IGNORECASE) for p in table["patterns"]]

    def __call__(self, clause, context, countries: StoryCountries | None = None) \
            -> tuple[Place, Extent] | None:
        """Gives the border references their role; returns the country on
        this side (see the module doc) and its band along them, the area a
        zone or a spared area in the sentence may be."""
        neighbours: list[Place] = []
        located: Place | None = None
        for pattern in self.patterns:
            for match in pattern.finditer(clause.text):
                listed = listed_after(clause, clause.start + match.end())
                for hit in listed:
                    context.give(hit.place, "border", clause, cue=match.group(0).strip())
                neighbours.extend(h.place for h in listed if h.place.kind == "country")
                if listed and located is None:
                    located = _division_after(clause, listed)
        for hit in clause.hits:  # "the Turkish border"
            if hit.type == DEMONYM and _BORDER_AFTER.match(clause.text, hit.end - clause.start):
                context.give(hit.place, "border", clause, cue="border")
                neighbours.append(hit.place)
        if not neighbours:
            return None
        codes = {p.country_code for p in neighbours}
        host = None
        if located is not None and located.country_code and located.country_code not in codes:
            host = located
        if host is None:
            host = host_country(clause, context.focus, neighbours)
        if host is None and countries is not None:
            host = countries.main(codes, clause)
        if host is None:
            return None
        return host, Extent(kind="border", neighbours=tuple(dict.fromkeys(p.id for p in neighbours)))


def _division_after(clause, listed) -> Place | None:
    """The division named right after the neighbours ("... with Rwanda and
    Uganda in North Kivu province"), or None."""
    last = listed[-1]
    following = next((h for h in clause.hits if h.start >= last.end), None)
    if following is None or following.place.kind not in DIVISION_KINDS or following.type == DEMONYM:
        return None
    gap = clause.text[last.end - clause.start:following.start - clause.start]
    return following.place if _IN_AFTER_LIST.match(gap) else None
