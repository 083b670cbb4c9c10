"""What every rule family sees beyond its clause: the story's main country,
the role labels, and one way to give a role (with the sentence as evidence)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Extent, Place, Role
from .clauses import Clause


@dataclass
class Context:
    labels: dict[str, str]          # role key -> label a reader sees
    focus: Place | None             # the story's main country (clauses.focus_country)
    places: list[Place] = field(default_factory=list)   # the story's places

    def country(self, code: str) -> Place | None:
        """The story's place for the country with that code, if the story names it."""
        return next((p for p in self.places if p.kind == "country" and p.country_code == code), None)

    def role(self, key, start, end, evidence, cue="", extent=None, label=None) -> Role:
        return Role(name=key, label=label or self.labels[key], evidence=evidence, start=start,
                    end=end, cue=cue, extent=extent)

    def give(self, place: Place, key: str, clause: Clause, cue: str = "",
             extent: Extent | None = None, label: str | None = None) -> None:
        """Gives ``place`` the role ``key`` with the clause's sentence as evidence."""
        clause.ledger.give(place, self.role(key, clause.sentence_start, clause.sentence_end,
                                            clause.sentence, cue, extent, label))


@dataclass
class SentenceAreas:
    """Areas a sentence names before its later clauses refer to them: the
    border band of "near the border with Jordan" (host country and extent)
    and a group's zone, for "areas further north" and "not targeted"."""

    border: tuple[Place, Extent] | None = None
    zone: Extent | None = None
