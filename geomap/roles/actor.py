"""Actor family: a country or capital that acts or is addressed ("Moscow must
first halt its attacks", "the Russian air force"). Cues: ``roles/actor.toml``
(``agent_nouns``: nouns after a demonym that make its country the actor)."""

from __future__ import annotations

from ..model import DEMONYM, METONYMY
from .clauses import AFTER_NAME_CHARS, alternation


class Actors:
    def __init__(self, table: dict):
        self.agent_nouns = alternation(table["agent_nouns"])

    def __call__(self, clause, context) -> None:
        for hit in clause.hits:
            after = clause.text[hit.end - clause.start:hit.end - clause.start + AFTER_NAME_CHARS]
            if hit.type == METONYMY:
                context.give(hit.place, "actor", clause, cue=after.split(" ", 2)[1] if " " in after else "")
            elif hit.type == DEMONYM:
                noun = self.agent_nouns.match(after.lstrip())
                if noun and after[:1] == " ":
                    context.give(hit.place, "actor", clause, cue=noun.group(0))
