"""Border family: a country named as one side of a border ("near the border
with Jordan and Israel", "the Turkish border"). Cues: ``roles/border.toml``."""

from __future__ import annotations

import re

from ..model import DEMONYM, Extent, Place
from .clauses import host_country, listed_after

_BORDER_AFTER = re.compile(r"\s+border")


class Borders:
    def __init__(self, table: dict):
        self.patterns = [re.compile(p, re.IGNORECASE) for p in table["patterns"]]

    def __call__(self, clause, context) -> tuple[Place, Extent] | None:
        """Gives the border references their role; returns the country on
        this side (named in the clause, else the story's) and its band along
        them, the area a zone or a spared area in the sentence may be."""
        neighbours: list[Place] = []
        for pattern in self.patterns:
            for match in pattern.finditer(clause.text):
                listed = listed_after(clause, clause.start + match.end())
                for hit in listed:
                    context.give(hit.place, "border", clause, cue=match.group(0).strip())
                neighbours.extend(h.place for h in listed if h.place.kind == "country")
        for hit in clause.hits:  # "the Turkish border"
            if hit.type == DEMONYM and _BORDER_AFTER.match(clause.text, hit.end - clause.start):
                context.give(hit.place, "border", clause, cue="border")
                neighbours.append(hit.place)
        if not neighbours:
            return None
        host = host_country(clause, context.focus, neighbours)
        if host is None:
            return None
        return host, Extent(kind="border", neighbours=tuple(dict.fromkeys(p.id for p in neighbours)))
