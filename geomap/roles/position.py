"""Position family: front lines, positions, checkpoints, sieges.
Cues: ``roles/position.toml``."""

from __future__ import annotations

from ..model import DEMONYM
from .clauses import alternation, qualified_extent


class Positions:
    def __init__(self, table: dict):
        self.cues = alternation(table["cues"])

    def __call__(self, clause, context) -> None:
        match = self.cues.search(clause.text)
        if not match:
            return
        for index, hit in enumerate(clause.after(match.end())):
            if hit.type == DEMONYM:
                continue
            if index == 0 or (hit.qualifier or "").startswith("around"):
                context.give(hit.place, "position", clause, cue=match.group(0),
                             extent=qualified_extent(hit))
