"""What every rule family sees beyond its clause: the story's main country,
the role labels, and one way to give a role (with the sentence as evidence)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Extent, Place, Role
from .clauses import Clause


@dataclass
class Context:
    labels: dict[str, str]          # role key -> label a reader sees
    focus: Place | None             # the story's main country (clauses.focus_country)

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
