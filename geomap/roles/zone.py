"""Zone family: where a named group operates, holds or controls ground.
Cues: ``roles/zone.toml`` (``patterns`` name the group; ``generic_groups``
label groups named by a common noun, "rebels" -> "rebel zone")."""

from __future__ import annotations

import re

from ..model import DEMONYM, Extent
from .clauses import qualified_extent


class Zones:
    def __init__(self, table: dict):
        self.patterns = [re.compile(p) for p in table["patterns"]]
        self.generic_groups = table["generic_groups"]
        self.label = table["label"]

    def __call__(self, clause, context, border) -> Extent | None:
        """Gives the zone role; returns the zone's extent when it is the
        sentence's border band (a later clause may measure from it)."""
        for pattern in self.patterns:
            match = pattern.search(clause.text)
            if not match:
                continue
            group = match.group("group").strip()
            group = self.generic_groups.get(group.lower(), group)   # "Rebels who control" -> "rebel zone"
            label = self.label.format(group=group)
            if border is not None:
                host, band = border
                context.give(host, "zone", clause, cue=match.group(0), extent=band, label=label)
                return band
            # "near the border with Turkey" with no host named: Turkey is across the border
            targets = [h for h in clause.hits if h.type != DEMONYM and h.start >= clause.start + match.end()
                       and "border" not in clause.roles_of(h.place)]
            for hit in targets:
                context.give(hit.place, "zone", clause, cue=match.group(0),
                             extent=qualified_extent(hit), label=label)
            return None
        return None
