"""Control family: ground that changed hands ("control": seized, captured,
overran, retook, fell to; "took" only in armed hands) and places under
siege ("siege": besieged, encircled, blockaded, under siege). Cues:
``roles/control.toml``.

Each cue is read by :func:`.clauses.read_cue`. An active cue acts on its
direct object: the places of its phrase before the first place preposition
("seized the town of X in Y" -> X; "captured two soldiers in X" -> none);
a passive cue ("X was recaptured") and a subject cue ("X fell to the
rebels", "X remains under siege") on their subject; a siege noun on the
place written just before it ("the El Fasher siege"). The label names who
did it when the text says so: the subject of an active cue, the "by"
phrase of a passive one, the "to" phrase of "fell to" ("captured by M23
rebels"); a pronoun or a place is no one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .clauses import (BOUNDARY_WORDS, TARGET_PREPOSITIONS, alternation, ending_with,
                      qualified_extent, read_cue)

#: Kinds of cue: one whose place is its subject ("X fell to"), one read by
#: voice, one that seizes only in armed hands ("took").
_SUBJECT, _PLAIN, _ARMED = "subject", "plain", "armed"
#: "... and later took": a verb joined to the one before it, sharing its subject.
_JOINED_BY_AND = re.compile(r"\band\s+(?:[a-z]+ly\s+|later\s+|then\s+|also\s+)?$")
#: Words that are no one: "it captured", "they seized".
_PRONOUNS = frozenset("it they he she we i you this that these those which who".split())
#: The most words of a group's name taken as who did it.
GROUP_WORDS = 4
_SKIPPED = frozenset("have has had was were been being is are be also reportedly later "
                     "finally now again then".split())


class _Family:
    def __init__(self, key: str, table: dict, negations, hypotheses):
        self.key = key
        self.label, self.agent_label = table["label"], table.get("agent_label")
        self.cues = alternation(table["cues"])
        # a family without cues of a kind scans no text for them
        self.subject_cues = _optional(table, "subject_cues")
        self.armed_cues = _optional(table, "armed_cues")
        self.noun_cues = _optional(table, "noun_cues")
        self.negated = ending_with(negations)
        self.hypothesis = ending_with(hypotheses)
        self.standing_adjectives = frozenset(table.get("standing_adjectives", []))


class Control:
    def __init__(self, roles: dict):
        control = roles["control"]
        negations, hypotheses = control["negations"], control["hypotheses"]
        self.families = [_Family("control", control, negations, hypotheses),
                         _Family("siege", roles["siege"], negations, hypotheses)]
        self.group_nouns = frozenset(control.get("group_nouns", []))
        self.nouns = frozenset(control.get("nouns", []))

    def __call__(self, clause, context) -> None:
        for family in self.families:
            self._read(family, clause, context)

    def _read(self, family: _Family, clause, context) -> None:
        text = clause.text
        found = []
        for kind, cues in ((_SUBJECT, family.subject_cues), (_PLAIN, family.cues), (_ARMED, family.armed_cues)):
            if cues is None:
                continue
            covered = [(s, e) for s, e, _ in found]
            found += [(m.start(), m.end(), kind) for m in cues.finditer(text)
                      if not any(s <= m.start() < e for s, e in covered)]
        found.sort()
        taken = False       # a cue of this family has held in the clause
        for number, (start, end, kind) in enumerate(found):
            if text[start:end].lower() in family.standing_adjectives and _attributive(clause, start, end):
                continue    # "the occupied West Bank": a standing state, no seizure
            stop = found[number + 1][0] if number + 1 < len(found) else None
            reading = read_cue(clause, start, end, stop=stop, negation=family.negated,
                               hypothesis=family.hypothesis)
            if reading.negated or reading.hypothetical:
                continue
            if kind == _SUBJECT:
                targets, group = reading.subject, _group_after(clause, reading, "to")
            elif reading.passive:
                targets = reading.subject + _direct(clause, reading)
                group = _group_after(clause, reading, "by")
            elif reading.cue.lower().split()[0] in self.nouns:     # "the fall of X": no subject
                targets, group = _direct(clause, reading), None
            else:
                # "took the wounded to X": where a taking goes is no ground taken
                stops = ("from", "by", "to") if kind == _ARMED else ("from", "by")
                targets, group = _direct(clause, reading, stops), _group_before(clause, reading)
            if kind == _ARMED and not self._armed(clause, reading, group, taken):
                continue
            taken = taken or bool(targets)
            self._give(family, clause, context, targets, reading.cue, group)
        for match in family.noun_cues.finditer(text) if family.noun_cues is not None else ():
            before = clause.before(match.start())
            if before and not text[before[-1].end - clause.start:match.start()].strip():
                self._give(family, clause, context, before[-1:], match.group(0), None)

    def _armed(self, clause, reading, group, taken: bool) -> bool:
        """A cue that seizes only in armed hands ("took"): "rebels took X",
        "X was taken by M23"; or joined by "and" to a cue that held ("captured
        Goma and later took Bukavu"). "Biden took Pennsylvania", "the trip
        took him to Kyiv" and "taken to hospital in X" seize nothing."""
        if group:
            last = group.split()[-1].lower()
            return last in self.group_nouns or reading.passive and group[:1].isupper()
        return taken and not reading.passive and \
            _JOINED_BY_AND.search(clause.text, 0, reading.start) is not None

    def _give(self, family, clause, context, targets, cue, group) -> None:
        if group and group.split()[0].lower() in self.group_nouns:
            group = group[0].lower() + group[1:]     # "Troops recaptured X" -> "troops"
        label = family.agent_label.format(group=group) if group and family.agent_label \
            else family.label
        for hit in targets:
            context.give(hit.place, family.key, clause, cue=cue, extent=qualified_extent(hit),
                         label=label)


_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an)\s+|-)$", re.IGNORECASE)


def _attributive(clause, start: int, end: int) -> bool:
    """The word at ``start:end`` is a place's adjective: after a determiner or
    a hyphen ("the occupied", "Russian-occupied"), right before a place."""
    text = clause.text
    if not _DETERMINER_BEFORE.search(text, max(0, start - 4), start):
        return False
    index = bisect_left(clause.hits, clause.start + end, key=lambda h: h.start)
    return index < len(clause.hits) and not text[end:clause.hits[index].start - clause.start].strip()


def _optional(table: dict, key: str):
    return alternation(table[key]) if table.get(key) else None


def _direct(clause, reading, stops=("from", "by")) -> list:
    """The cue's direct object: its phrase's places before the first place
    preposition ("the town of X", not "two soldiers in X") or ``stops``."""
    tokens = clause.tokens
    index = bisect_left(tokens, reading.end, key=lambda t: t[0])
    limit = reading.phrase_end
    while index < len(tokens) and tokens[index][0] < limit:
        if tokens[index][2] in TARGET_PREPOSITIONS or tokens[index][2] in stops:
            limit = tokens[index][0]
            break
        index += 1
    return [h for h in reading.objects if h.start - clause.start < limit]


def _group_before(clause, reading) -> str | None:
    """Who did it, before an active cue: "RSF fighters have besieged X"."""
    tokens = clause.tokens
    index = bisect_left(tokens, reading.start, key=lambda t: t[0]) - 1
    while index >= 0 and tokens[index][2] in _SKIPPED:
        index -= 1
    last = index
    while index >= 0 and last - index < GROUP_WORDS and tokens[index][2] not in _STOPS:
        index -= 1
    return _group(clause, tokens[index + 1:last + 1])


def _group_after(clause, reading, word) -> str | None:
    """Who did it, after a cue: "by M23 rebels", "fell to the rebels"."""
    tokens = clause.tokens
    index = bisect_left(tokens, reading.end, key=lambda t: t[0])
    if reading.cue.lower().split()[-1] != word:     # "fell to" holds its "to"
        if index >= len(tokens) or tokens[index][2] != word:
            return None
        index += 1
    if index < len(tokens) and tokens[index][2] in ("the", "a", "an"):
        index += 1
    first = index
    while index < len(tokens) and index - first < GROUP_WORDS and tokens[index][2] not in _STOPS:
        index += 1
    return _group(clause, tokens[first:index])


_STOPS = frozenset({",", ";", ":", "the", "a", "an", "of", "and", "or", "from", "by", "to", "for",
                    "with", "on", "since", "after", "last", "this", "early", "late"}
                   | TARGET_PREPOSITIONS | BOUNDARY_WORDS)


def _group(clause, words) -> str | None:
    if not words or (len(words) == 1 and words[0][2] in _PRONOUNS):
        return None
    start, end = words[0][0], words[-1][1]
    for hit in clause.hits:     # a place is no one ("the border with Mali have blockaded")
        if start <= hit.start - clause.start < end and hit.type not in ("demonym",):
            return None
    group = clause.text[start:end]
    return group if re.search(r"\w", group) else None
