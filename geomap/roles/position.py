"""Position family: front lines, positions, checkpoints.
Cues: ``roles/position.toml``. A cue's position is the first place of its
phrase (:func:`.clauses.read_cue`: "positions on the heights south of X",
"checkpoints near X") with the places listed after it ("deployed to X
and Y"), and any place around which it lies ("around the northern
outskirts of X"); a place in a later clause or only locating another is
none."""

from __future__ import annotations

from .clauses import LIST_WORDS, alternation, qualified_extent, read_cue


class Positions:
    def __init__(self, table: dict):
        self.cues = alternation(table["cues"])

    def __call__(self, clause, context) -> None:
        match = self.cues.search(clause.text)
        if not match:
            return
        reading = read_cue(clause, match.start(), match.end())
        # a reference point locates a position ("the heights south of X"): it is the position's place
        candidates = sorted(reading.objects + reading.references, key=lambda h: h.start)
        given = None    # the last place given the position
        for index, hit in enumerate(candidates):
            listed = given is not None and hit.previous is given and clause.text[
                given.end - clause.start:hit.start - clause.start].strip(" ,").lower() in LIST_WORDS
            if index == 0 or listed or (hit.qualifier or "").startswith("around"):
                context.give(hit.place, "position", clause, cue=match.group(0),
                             extent=qualified_extent(hit))
                given = hit
