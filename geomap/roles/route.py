"""Route family: where weapons, aid, fighters or goods pass through or come
from. Cues: ``roles/route.toml``: the clause must carry a cue; then "via X"
is a transit, "from X" an origin, "to X" the destination."""

from __future__ import annotations

import re

from ..model import DEMONYM, Extent, Place
from .clauses import ListHeadings, alternation

# "supplied with weapons from states opposed to X via Y": an origin named by a
# description, not a place. The description is a run of words up to the
# transit word or the clause's end; bounded, so "from from from ..." stays linear.
_FROM_PHRASE = re.compile(
    r"\bfrom\s+(?!the\s+[A-Z])([a-z][\w\s]{0,200}?)(?=\s+(?:via|through|across)\b|[,.]|$)")


class Routes:
    def __init__(self, table: dict):
        self.cues = alternation(table["cues"])
        self.transit_words = table["transit"]
        self.origin_words = table["origin"]
        self.destination_words = table["destination"]
        self.heading_phrases = {tuple(w.lower().split()): w.lower() for w in
                                self.transit_words + self.origin_words + self.destination_words}
        self.origin_lists = alternation(table["origin_lists"])
        self.label = table["label"]

    def __call__(self, clause, context, following) -> None:
        text = clause.text
        if not self.cues.search(text):
            return
        transit, origins, destinations = [], [], []
        heading = ListHeadings(clause, self.heading_phrases)
        for hit in clause.hits:
            if hit.type == DEMONYM:
                continue
            word = heading.of(hit)
            if word in self.transit_words:
                transit.append(hit.place)
            elif word in self.origin_words:
                origins.append(hit.place)
            elif word in self.destination_words:
                destinations.append(hit.place)
        if not transit and not origins:
            return
        listed_origins = []
        if _FROM_PHRASE.search(text) and not origins:
            listed_origins = self._listed_origins(following, context)
        # the story's main country, unless it is itself on the way or the source
        focus = context.focus
        if not destinations and focus is not None and focus not in transit + origins:
            destinations = [focus]
        destination_ids = {p.id for p in destinations}
        all_origins = origins + [p for p in listed_origins if p not in origins]
        for place in transit:
            context.give(place, "supply_route", clause, cue="via", label=f"{self.label} (transit)")
        for place in origins:
            context.give(place, "supply_route", clause, cue="from", label=f"{self.label} (origin)")
        for place in destinations:
            context.give(place, "supply_route", clause, cue="to", label=f"{self.label} (destination)",
                         extent=Extent(kind="route",
                                       via=tuple(p.id for p in transit if p.id not in destination_ids),
                                       origins=tuple(p.id for p in all_origins
                                                     if p.id not in destination_ids)))

    def _listed_origins(self, following, context) -> list[Place]:
        """"Assad's foreign opponents include Gulf Arab states and Turkey."""
        for clause in following:
            match = self.origin_lists.search(clause.text)
            if match:
                listed = [h.place for h in clause.hits
                          if h.start >= clause.start + match.end() and h.type != DEMONYM]
                if listed:
                    for place in listed:
                        context.give(place, "supply_route", clause, cue=match.group(0),
                                     label=f"{self.label} (origin)")
                    return listed
        return []
