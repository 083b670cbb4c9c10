"""Actor family: a country or capital that acts, speaks or is addressed as a
government. Cues: ``roles/actor.toml``.

* metonymy the resolver typed ("Moscow must first halt its attacks");
* a demonym before an agent noun ("the Russian air force"), or a country's
  name before one that is no act ("US forces", not "the Iraq campaign");
* reading the sentence, for a country or its capital (never another town):
  the subject of a verb of speech, action or decision ("Kyiv said", "France
  withdrew its troops"), also past a relative clause ("Riyadh, which has
  observed a truce, called for restraint"); the object of a verb that
  addresses it ("Moscow accused Kyiv of ..."); the agent after a participle
  ("talks mediated by Qatar and Egypt"); the seat named after a government
  noun ("the government in Ouagadougou", "according to Islamabad"); the
  possessive before one ("Ouagadougou's junta"); the first part of "Riyadh-backed".

Being an actor gives no other role: an actor is not thereby struck or on a route.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..model import DEMONYM, METONYMY
from .clauses import AFTER_NAME_CHARS, alternation

#: How far past a name a relative clause is skipped ("Riyadh, which ..., called").
RELATIVE_CHARS = 160


def _words(patterns) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


class Actors:
    def __init__(self, table: dict):
        self.agent_nouns = alternation(table["agent_nouns"])
        self.name_agent_nouns = alternation([n for n in table["agent_nouns"] if n not in table["event_nouns"]])
        auxiliaries = _words(table["auxiliaries"])
        verbs = _words(table["verbs"])
        # after the name: ", which ... ," at most once, auxiliaries, the verb
        self.subject = re.compile(
            r"(?:\s*,\s*(?:which|who)\b[^,;.]{0,%d},)?\s+(?:(?:%s)\s+){0,3}(?P<verb>%s)\b"
            % (RELATIVE_CHARS, auxiliaries, verbs), re.IGNORECASE)
        self.passive_after = re.compile(r"\s+(?:(?:%s)\s+){0,2}(?:been|being)\b" % auxiliaries,
                                        re.IGNORECASE)
        self.addressed = re.compile(
            r"\b(?:%s)\s+(?:the\s+)?$" % _words(table["addressing_verbs"]), re.IGNORECASE)
        self.addressed_after = re.compile(r"\s+(?:%s)\b" % _words(table["addressed_by"]), re.IGNORECASE)
        self.agent = re.compile(r"\b(?P<participle>\w+(?:ed|en|wn))\s+by\s+(?:the\s+)?$", re.IGNORECASE)
        self.not_agentive = {w.lower() for w in table["not_agentive_participles"]}
        self.seat = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % _words(table["seat_phrases"]), re.IGNORECASE)
        self.backing = re.compile(r"-(?:%s)\b" % _words(table["backing_suffixes"]), re.IGNORECASE)
        self.possessive = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:%s)\b"
                                     % _words(table["government_nouns"]), re.IGNORECASE)

    def __call__(self, clause, context) -> None:
        self._heads = _list_heads(clause)
        for hit in clause.hits:
            after = clause.text[hit.end - clause.start:hit.end - clause.start + AFTER_NAME_CHARS]
            if hit.type == METONYMY:
                context.give(hit.place, "actor", clause, cue=after.split(" ", 2)[1] if " " in after else "")
            elif hit.type == DEMONYM:
                noun = self.agent_nouns.match(after.lstrip())
                if noun and after[:1] == " ":
                    context.give(hit.place, "actor", clause, cue=noun.group(0))
            elif _seat_of_power(hit.place):
                cue = self._acts(clause, hit)
                if cue:
                    context.give(hit.place, "actor", clause, cue=cue)

    def _acts(self, clause, hit) -> str | None:
        """The construction that makes the place act or be addressed, or None."""
        sentence, offset = clause.sentence, hit.end - clause.sentence_start
        after = sentence[offset:offset + RELATIVE_CHARS + AFTER_NAME_CHARS]
        # "US forces struck"; a capital's police or officials are the city's
        noun = self.name_agent_nouns.match(after, 1) if after[:1] == " " and hit.place.kind == "country" else None
        if noun:
            return noun.group(0)
        if self.backing.match(after):
            return self.backing.match(after).group(0)[1:]
        if self.possessive.match(after):
            return self.possessive.match(after).group(0)
        subject = self.subject.match(after)
        if subject and not self.passive_after.match(after) and self._starts_subject(clause, hit):
            return subject.group("verb")
        begin = hit.start - clause.sentence_start
        head = self._list_head(clause, hit)
        before = sentence[max(0, head - AFTER_NAME_CHARS):head]
        if self.seat.search(before):
            return self.seat.search(before).group(0).strip()
        agent = self.agent.search(before)
        if agent and agent.group("participle").lower() not in self.not_agentive:
            return agent.group(0).strip()
        if self.addressed.search(before) and self.addressed_after.match(sentence, offset) \
                and begin == head:
            return self.addressed.search(before).group(0).strip()
        return None

    @staticmethod
    def _starts_subject(clause, hit) -> bool:
        """Not the object of a preposition ("fuel from Chad said"...): the name
        opens its clause, follows a list word, or a relative pronoun ("that
        Kyiv set up")."""
        begin = hit.start - clause.sentence_start
        before = clause.sentence[max(0, begin - 40):begin].rstrip()
        last = re.search(r"[\w'’]+$", before)
        if last is None:
            return True
        word = last.group(0).lower()
        return word in ("and", "that", "as", "while", "when", "after", "since", "but", "the",
                        "which", "because", "where", "though", "although", "whereas", "if")

    def _list_head(self, clause, hit) -> int:
        """The sentence offset of the first name of the list the mention is in
        ("mediated by Qatar and Egypt": Qatar's, for Egypt)."""
        return self._heads[id(hit)].start - clause.sentence_start


def _list_heads(clause) -> dict:
    """For each mention, the first mention of the list it is in (one pass)."""
    heads = {}
    for hit in clause.hits:
        head = hit
        if hit.previous is not None:
            gap = clause.text[hit.previous.end - clause.start:hit.start - clause.start]
            if gap.strip(" ,").lower() in ("and", "or", ""):
                head = heads[id(hit.previous)]
        heads[id(hit)] = head
    return heads


def _seat_of_power(place) -> bool:
    """A country, or the capital of one (by the gazetteer)."""
    if place.kind == "country":
        return True
    return place.kind == "city" and place.country_code is not None \
        and _plain(_capital(place.country_code) or "") == _plain(place.name)


def _plain(name: str) -> str:
    """"Bogotá" and "Bogota" alike: no accents, no case."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=512)
def _capital(code: str) -> str | None:
    try:
        country = _gazetteer().country(code)
    except Exception:   # no gazetteer: no town is taken for a capital
        return None
    return country.capital if country is not None else None


@lru_cache(maxsize=1)
def _gazetteer():
    from gazetteer import Gazetteer
    return Gazetteer()
