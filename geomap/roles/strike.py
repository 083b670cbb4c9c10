"""Strike family: what was struck, and what the text says was spared.
Cues: ``roles/strike.toml`` (strike ``cues`` and ``negations``, not_targeted
``cues``, and ``relative_areas``: "areas further north")."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import direction, direction_words
from ..model import DEMONYM, METONYMY, Extent
from .clauses import CUE_CONTEXT_CHARS, PASSIVE_AUXILIARIES, alternation, container, ending_with, \
    qualified_extent


class Strikes:
    def __init__(self, lexicon: dict):
        roles = lexicon["roles"]
        self.cues = alternation(roles["strike"]["cues"])
        self.negated = ending_with(roles["strike"]["negations"])
        self.passive = ending_with(PASSIVE_AUXILIARIES)
        self.spared_cues = alternation(roles["not_targeted"]["cues"])
        # "{directions}" in the pattern stands for every word of the direction vocabulary
        words = "|".join(re.escape(w) for w in direction_words())
        self.further = re.compile(lexicon["relative_areas"]["further"].replace("{directions}", words),
                                  re.IGNORECASE)

    def __call__(self, clause, context, border, zone_area) -> None:
        text = clause.text
        reference = border[1] if border else zone_area
        host = border[0] if border else context.focus
        # every mention after the first "spared" is spared; later cues add nothing
        spared = self.spared_cues.search(text)
        if spared:
            for hit in clause.after(spared.end()):
                context.give(hit.place, "not_targeted", clause, cue=spared.group(0),
                             extent=qualified_extent(hit))
        further_areas = list(self.further.finditer(text))
        further_starts = [m.start() for m in further_areas]
        # The first cue strikes every mention after it; a later cue can only
        # add the mentions before it, when it is passive ("X was shelled").
        after_struck = before_struck = False
        for match in self.cues.finditer(text):
            window = max(0, match.start() - CUE_CONTEXT_CHARS)
            # "have not been targeted by air strikes in X": the strikes are the
            # negated event, not a second one
            if self.negated.search(text, window, match.start()):
                if reference is not None and host is not None:
                    context.give(host, "not_targeted", clause, cue=match.group(0), extent=reference)
                else:
                    for hit in clause.before(match.start()):
                        context.give(hit.place, "not_targeted", clause, cue=match.group(0),
                                     extent=qualified_extent(hit))
                break
            struck = []
            if not after_struck:
                struck, after_struck = clause.after(match.end()), True
            if not before_struck and self.passive.search(text, window, match.start()):
                struck, before_struck = struck + clause.before(match.start()), True
            for hit in struck:
                # places that only locate the one before them, actors and border
                # references are not what was hit
                if not container(hit, clause) and hit.type not in (DEMONYM, METONYMY) \
                        and "border" not in clause.roles_of(hit.place):
                    context.give(hit.place, "strike", clause, cue=match.group(0),
                                 extent=qualified_extent(hit))
            further = bisect_left(further_starts, match.end())
            if further < len(further_areas) and host is not None:
                context.give(host, "strike", clause, cue=match.group(0), extent=Extent(
                    kind="further", reference=reference,
                    direction=direction(further_areas[further].group("direction")).key))


def drop_spared_strikes(place) -> None:
    """A place the text says was not targeted is never a strike area."""
    spared = {r.extent for r in place.roles if r.name == "not_targeted"}
    if spared:
        place.roles = [r for r in place.roles if not (r.name == "strike" and r.extent in spared)]
