"""The shared reader of clauses: every rule family reads a sentence through it.

A sentence that holds place mentions is cut into clauses at relative and
contrastive clauses and at attributions (", officials in Kyiv said"), whose
places are sources, not targets. Each clause carries its place mentions
(*hits*) in text order, and the ledger of roles given so far in the story.

Cost is linear in the text: sentences are bounded in length (see
:func:`geomap.mentions.sentence_spans`), no pattern can backtrack over more
than a bounded stretch, and each mention is visited once per sentence,
however many clauses it has.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..lexicon import direction
from ..model import DEMONYM, Extent, Place, Role

# Clause boundaries: relative and contrastive clauses, and an attribution
# (", officials in Kyiv said") whose places are sources, not targets.
# Possessive quantifiers (++) never give back what they took, and a run of
# whitespace is only tried from its first character (?<!\s): a long run of
# spaces or commas costs its length, not its square.
_CLAUSE_BREAK = re.compile(
    r",\s++(?=which\b|who\b|while\b|whereas\b|but\b|saying\b|adding\b)"
    r"|,\s++(?=(?:[\w.'’-]++\s++){0,6}(?:said|says|told|reported|added)\b)"
    r"|(?<!\s)\s++(?:but|--|—)\s+|;\s+")
_DIRECTION_QUALIFIER = re.compile(r"^(side|around|beyond):(\w*)$")
_WORD = re.compile(r"[\w'’\-]+")
PASSIVE_AUXILIARIES = ("was", "were", "been", "being", "is", "are", "be", "got")
#: How far before a cue its negation or passive auxiliary is looked for
#: ("have not been targeted"): a few words, never the whole clause.
CUE_CONTEXT_CHARS = 80
#: How far after a name an agent noun or verb is looked for ("Russian air force").
AFTER_NAME_CHARS = 80


def alternation(patterns) -> re.Pattern:
    """One of ``patterns`` as a whole word, in any case."""
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", re.IGNORECASE)


def ending_with(words) -> re.Pattern:
    """One of ``words``, then at most one more word, at the very end of the text
    searched ("was heavily |shelled", "not |targeted")."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?:\w+\s+)?$",
                      re.IGNORECASE)


@dataclass
class Hit:
    """A place mention inside a clause."""

    place: Place
    start: int
    end: int
    type: str
    qualifier: str | None
    previous: "Hit | None" = None   # the mention just before, in the same clause


class Ledger:
    """The roles given so far in one story, indexed: giving or looking one up
    costs the same in a story of ten sentences or ten thousand."""

    def __init__(self):
        self._given: set[tuple] = set()
        self._names: dict[tuple[str, int], set[str]] = {}

    def give(self, place: Place, role: Role) -> None:
        """Adds the role unless the place has it already for that sentence
        (one role per (role, label, sentence, extent): a second cue adds nothing)."""
        key = (place.id, role.name, role.label, role.start, role.extent)
        if key in self._given:
            return
        self._given.add(key)
        self._names.setdefault((place.id, role.start), set()).add(role.name)
        place.roles.append(role)

    def names(self, place: Place, sentence_start: int) -> set[str]:
        """The role names the place has from the sentence starting there."""
        return self._names.get((place.id, sentence_start), set())


@dataclass
class Clause:
    text: str
    start: int          # offset in the article
    sentence: str
    sentence_start: int
    sentence_end: int
    hits: list[Hit]     # in text order
    ledger: Ledger = field(repr=False)

    def roles_of(self, place: Place) -> set[str]:
        """Role names the place already has from this clause's sentence."""
        return self.ledger.names(place, self.sentence_start)

    def after(self, offset: int) -> list[Hit]:
        """Mentions from ``offset`` (within the clause's text) on."""
        return [h for h in self.hits if h.start >= self.start + offset]

    def before(self, offset: int) -> list[Hit]:
        """Place mentions (not adjectives) ending before ``offset``."""
        return [h for h in self.hits if h.end <= self.start + offset and h.type != DEMONYM]


def clauses(article, places, ledger: Ledger):
    """Clauses of every sentence that holds a place mention, with their hits
    (each mention is visited once per sentence, however many clauses it has)."""
    by_sentence: dict[int, list[tuple[Place, object]]] = {}
    sentences: dict[int, str] = {}
    for place in places:
        for mention in place.mentions:
            by_sentence.setdefault(mention.sentence_start, []).append((place, mention))
            sentences[mention.sentence_start] = mention.sentence
    for start in sorted(by_sentence):
        sentence = sentences[start]
        end = start + len(sentence)
        pieces = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
        mentions = sorted(by_sentence[start], key=lambda pm: pm[1].start)
        cursor = 0
        for left, right in zip(pieces, pieces[1:]):
            clause_start = start + left
            while cursor < len(mentions) and mentions[cursor][1].start < clause_start:
                cursor += 1     # before the sentence's first piece: in no clause
            hits = []
            while cursor < len(mentions) and mentions[cursor][1].start < start + right:
                place, mention = mentions[cursor]
                hits.append(Hit(place, mention.start, mention.end, mention.type, mention.qualifier,
                                previous=hits[-1] if hits else None))
                cursor += 1
            yield Clause(sentence[left:right], clause_start, sentence, start, end, hits, ledger)


def qualified_extent(hit) -> Extent | None:
    """The extent a directional qualifier asks for: "western Syria" -> the
    western part; "the northern countryside of Aleppo" -> around, biased north."""
    match = _DIRECTION_QUALIFIER.match(hit.qualifier or "")
    if not match:
        return None
    kind, direction_key = match.groups()
    return Extent(kind={"side": "side", "around": "around", "beyond": "around"}[kind],
                  direction=direction_key or None)


def focus_country(places) -> Place | None:
    """The story's main country: where things happen, so the one named most
    often as a place (not as an actor or adjective); first named on ties."""
    counts = Counter()
    for place in places:
        if place.kind == "country":
            literal = sum(m.type == "literal" for m in place.mentions)
            counts[place.id] = (literal, len(place.mentions))
    if not counts:
        return None
    best = max(counts.values())
    return next(p for p in places if p.kind == "country" and counts[p.id] == best)


def container(hit, clause) -> bool:
    """"Homs in Syria", "Tikrit, Iraq": the country or province that only
    locates the place named just before it is not itself the target. Only the
    mention just before can be that place: any other has it in between."""
    if hit.place.kind not in ("country", "admin1", "region") or hit.qualifier:
        return False
    other = hit.previous
    if other is None:
        return False
    gap = clause.text[other.end - clause.start:hit.start - clause.start]
    return gap.strip(" ").lower() in (",", "in") \
        and other.place.country_code == hit.place.country_code \
        and other.place.kind in ("city", "admin1", "region") and other.place.id != hit.place.id


def host_country(clause, focus, neighbours):
    """The country an unnamed area lies in: a country named in the clause that
    is not across the border, else the story's main country."""
    excluded = {p.id for p in neighbours}
    for hit in clause.hits:
        if hit.place.kind == "country" and hit.place.id not in excluded and hit.type != DEMONYM:
            return hit.place
    return focus if focus is not None and focus.id not in excluded else None


def listed_after(clause, offset) -> list[Hit]:
    """Place mentions in a list starting at offset: "Jordan and Israel", "Turkey, Iraq and Iran"."""
    listed, cursor = [], offset
    first = bisect_left(clause.hits, offset, key=lambda h: h.start)
    for hit in clause.hits[first:]:
        gap = clause.text[cursor - clause.start:hit.start - clause.start]
        if gap.strip(" ,").lower() not in ("", "and", "or", "the", "and the", "or the"):
            break
        listed.append(hit)
        cursor = hit.end
    return listed


class ListHeadings:
    """The preposition heading the list each mention of a clause is in ("via
    Turkey and Jordan" -> via, for both): from a mention, walk back over
    names, list words and directions ("into western Sudan") to the first other
    word, and take it if it is one of ``phrases``. Worked out in one pass over
    the clause's words, not one walk per mention."""

    def __init__(self, clause: Clause, phrases: dict[tuple[str, ...], str]):
        self.clause, self.phrases = clause, phrases
        self.longest = max(len(k) for k in phrases)
        self.words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(clause.text)]
        self.ends = [end for _, end, _ in self.words]
        self.headings: list[str | None] = []   # after each word
        heading = None
        for index in range(len(self.words)):
            heading = self._step(heading, self._texts(index + 1 - self.longest, index + 1))
            self.headings.append(heading)

    def of(self, hit: Hit) -> str | None:
        """The heading preposition of the list the mention is in, or None."""
        offset = hit.start - self.clause.start
        index = bisect_right(self.ends, offset) - 1     # last word ending before the mention
        heading = self.headings[index] if index >= 0 else None
        following = index + 1
        if following < len(self.words) and self.words[following][0] < offset:
            # a word running into the mention ("ex-Yugoslavia"): its part before it counts
            tail = self._texts(following + 1 - self.longest, following)
            heading = self._step(heading, tail + [self.clause.text[self.words[following][0]:offset]])
        return heading

    def _texts(self, first: int, end: int) -> list[str]:
        return [text for _, _, text in self.words[max(0, first):end]]

    def _step(self, heading, tail: list[str]) -> str | None:
        """The heading after the last word of ``tail`` (the words ending there)."""
        for size in range(min(self.longest, len(tail)), 0, -1):
            key = tuple(w.lower() for w in tail[-size:])
            if key in self.phrases:
                return self.phrases[key]
        word = tail[-1]
        if word[:1].isupper() or word.lower() in ("and", "or", "the") or direction(word):
            return heading
        return None
