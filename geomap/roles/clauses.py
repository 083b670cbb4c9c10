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
from functools import cached_property

from ..lexicon import direction, load
from ..model import DEMONYM, METONYMY, Extent, Place, Role

# Clause boundaries: relative and contrastive clauses, a consequence with a
# new subject (", forcing thousands to flee to X": X is no target of the
# strike before it), and an attribution (", officials in Kyiv said") whose
# places are sources, not targets.
# Possessive quantifiers (++) never give back what they took, and a run of
# whitespace is only tried from its first character (?<!\s): a long run of
# spaces or commas costs its length, not its square.
_CLAUSE_BREAK = re.compile(
    r",\s++(?=which\b|who\b|while\b|whereas\b|but\b|saying\b|adding\b"
    r"|forcing\b|prompting\b|causing\b|driving\b|pushing\b|compelling\b)"
    r"|,\s++(?=(?:[\w.'’-]++\s++){0,6}(?:said|says|told|reported|added)\b)"
    r"|(?<!\s)\s++(?:but|--|—)\s+|;\s+")
# Where a relative clause between commas ends and its sentence goes on
# ("Residents of Kherson, which Russia shelled daily, | fled to Odesa"): the
# first comma after "which"/"who" before a lower-case word that goes on no
# list ("which holds Kidal, Gao and Timbuktu, ..." runs to its last comma;
# ", including Beni" is still the relative clause's).
_RELATIVE_CLAUSE_END = re.compile(
    r",\s++(?=[a-z])(?!(?:and|or|including|includes|such|as|notably|especially|mainly|mostly|"
    r"particularly|plus|the|a|an|its|their|some|most|parts?|areas?)\b)")
#: The longest relative clause between commas read as an aside (characters).
RELATIVE_CLAUSE_CHARS = 120
#: A relative clause's first word: the place or group it refers to is named
#: just before it, in the clause before ("Kherson, | which Russia shelled").
RELATIVE_PRONOUN = re.compile(r"\s*(?:which|who|that)\b", re.IGNORECASE)
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
    return re.compile(r"\b" + one_of(patterns) + r"\b", re.IGNORECASE)


def one_of(patterns) -> str:
    """Pattern text for one of ``patterns``, opening with :func:`starting_letters`."""
    return starting_letters(patterns) + _any_of(patterns)


def starting_letters(patterns) -> str:
    """A lookahead for the letters (and digits) that one of ``patterns`` may
    start with, in any case; "" where that is not plain from their text.
    Cues are scanned over every clause and most words start with none of
    them: the lookahead turns those positions away before any pattern is tried."""
    letters = _first_letters(_any_of(patterns))
    return f"(?=[{''.join(sorted(letters))}])" if letters else ""


def _any_of(patterns) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


def _first_letters(pattern: str) -> set[str] | None:
    """The lower-case letters (and digits) a match of ``pattern`` may start
    with, or None where that is not plain from its text: each alternative
    must open with a letter or digit that is not optional, or with a group
    of such alternatives."""
    letters = set()
    for alternative in _top_level_alternatives(pattern):
        if alternative.startswith("(?:"):
            close = _closing_parenthesis(alternative)
            if close is None or alternative[close + 1:close + 2] in ("?", "*", "{"):
                return None
            inner = _first_letters(alternative[3:close])
            if inner is None:
                return None
            letters |= inner
        elif alternative[:1].isascii() and alternative[:1].isalnum() \
                and alternative[1:2] not in ("?", "*", "{"):
            letters.add(alternative[0].lower())
        else:
            return None
    return letters


def _top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at each "|" outside parentheses and character classes."""
    parts, start = [], 0
    for index, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def _closing_parenthesis(pattern: str) -> int | None:
    """Where the parenthesis opening ``pattern`` closes."""
    return next((index for index, char, depth in _structure(pattern) if char == ")" and depth == 0), None)


def _structure(pattern: str):
    """(index, character, parenthesis depth after it) for each character of
    ``pattern`` outside escapes and character classes."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
            yield index, char, depth
        index += 1


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

    @cached_property
    def hit_starts(self) -> list[int]:
        """Where each hit starts, in the article: to find the hits of a span by bisection."""
        return [h.start for h in self.hits]

    @cached_property
    def place_ends(self) -> frozenset[int]:
        """Where each place mention (not an adjective) ends, in the clause's text."""
        return frozenset(h.end - self.start for h in self.hits if h.type != DEMONYM)

    @cached_property
    def tokens(self) -> list[tuple[int, int, str]]:
        """The clause's words and clause marks (, ; :), lower-cased, with their
        offsets in its text: read once, however many cues read them."""
        return _tokens(self.text)

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
    dateline = article.dateline_span
    for start in sorted(by_sentence):
        sentence = sentences[start]
        end = start + len(sentence)
        breaks = []
        for match in _CLAUSE_BREAK.finditer(sentence):
            breaks.append(match.end())
            if sentence.startswith(("which", "who"), match.end()):
                aside_end = _RELATIVE_CLAUSE_END.search(sentence, match.end(), match.end() + RELATIVE_CLAUSE_CHARS)
                if aside_end is not None:
                    breaks.append(aside_end.end())
        breaks = sorted(set(breaks))
        if dateline is not None and start < dateline[1] < end:
            # "MAPUTO (Reuters) - Beira was hit": the dateline says where the
            # report was filed; no cue of the sentence acts on it
            breaks = sorted({*breaks, dateline[1] - start})
        pieces = [0] + breaks + [len(sentence)]
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
    word, and take it if it is one of ``phrases``. With ``through_kinds``, also
    over a noun naming the place's kind and its "of" ("near the city of
    Herat" is near Herat; the route family reads such phrases itself, with
    the name before the noun: "the Pacific port of Manzanillo"). Worked out
    in one pass over the clause's words, not one walk per mention."""

    def __init__(self, clause: Clause, phrases: dict[tuple[str, ...], str], through_kinds: bool = False):
        self.clause, self.phrases = clause, phrases
        self.kind_words = _KIND_WORDS if through_kinds else frozenset()
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
        word = tail[-1].lower()
        kind_of = word == "of" and len(tail) > 1 and tail[-2].lower() in self.kind_words
        if tail[-1][:1].isupper() or word in ("and", "or", "the") or direction(word) \
                or word in self.kind_words or kind_of:
            return heading
        return None


#: The words of the nouns that name a place's kind ("the port city of"), for
#: :class:`ListHeadings`. Not "capital": "the capital of Nepal" is no Nepal.
_KIND_WORDS = frozenset(word for noun in load("lexicon")["qualifiers"]["place_nouns"]
                        for word in noun.split()) - {"and", "capital"}


# -- a shallow grammar of cues ---------------------------------------------------
# A cue acts on some of the places of its clause, not on all of them; the
# rules are in :func:`read_cue`'s docstring.

#: The most words after a cue that its phrase can span.
PHRASE_WORDS = 60
#: The most words before a cue that its subject can span.
SUBJECT_WORDS = 30
#: Words that end a cue's phrase (and start a subject): another clause begins.
BOUNDARY_WORDS = frozenset(
    "after before when whenever while whereas although though because until unless where "
    "which who whom whose that said says say told tells reported reports added adds "
    "according claimed claims announced".split())
#: Participles that describe the thing before them by where it goes or what
#: it joins ("the Kerch bridge linking Crimea to Russia", "a convoy heading to
#: Gao"): the places after one are that thing's course, not a cue's targets.
COURSE_PARTICIPLES = frozenset("linking connecting joining carrying transporting ferrying delivering "
                               "bringing heading travelling traveling sailing bound leading running "
                               "stretching supplying".split())
#: Verbs of speech: the words between the comma before one and it name a speaker.
SPEECH_WORDS = frozenset("said says say told tells reported reports added adds claimed claims "
                         "announced".split())
#: The most words of a speaker between a comma and its verb of speech.
ATTRIBUTION_WORDS = 12
#: Words that, written after a place, keep the next place locating it
#: ("Jilib, a town in the Middle Juba region"): locating words and generic nouns.
LOCATING_WORDS = frozenset(
    ", in inside within on of the a an 's ’s its town city village port capital "
    "province region state district governorate county oblast area territory "
    "camp refugee neighbourhood neighborhood suburb quarter "
    "across over just border frontier river "
    # an area's standing state, not a part of it: "in the occupied West Bank"
    "occupied annexed disputed breakaway contested autonomous".split())
#: What stands between two items of a list of places, once commas and
#: spaces are stripped ("Lagos and Abuja", "Homs, Hama or Idlib").
LIST_WORDS = ("", "and", "or", "the", "and the", "or the", "as well as")
#: Prepositions that put a place in a cue's reach ("shelled in X", "strikes on X").
TARGET_PREPOSITIONS = frozenset(
    "in on at near around outside inside across along over into onto against toward towards "
    "throughout within".split())
#: A source phrase goes on over a place preposition only this many words
#: after "from" ("from an area near X"); further on, the preposition
#: attaches to a verb ("shells from the hills kill five in X").
SOURCE_WORDS = 3
#: Prepositions after which a source phrase ends and a target follows ("fired from X at Y").
_SOURCE_ENDS = frozenset("at on onto into against toward towards".split())
#: Words between an auxiliary and a cue, or between a subject and the verb.
_VERB_GROUP = frozenset(
    "was were been being is are be got has have had not never no longer yet also again "
    "reportedly repeatedly heavily badly itself themselves n't still already once".split())
#: Place kinds by size: a place locates another only if it is larger.
_SIZE = {"airport": 0, "facility": 0, "city": 1, "admin2": 2, "landform": 3, "water": 3,
         "admin1": 4, "region": 5, "country": 6, "group": 7}
_TOKEN = re.compile(r"[\w'’\-]+|[,;:]")
_PASSIVE_BEFORE = ending_with(PASSIVE_AUXILIARIES)

SOURCE, AGENT, TARGET = "source", "agent", "target"


@dataclass
class Reading:
    """What one cue acts on in its clause (see the grammar above). Offsets
    are in the clause's text; hits are the clause's."""

    cue: str
    start: int
    end: int
    phrase_end: int                 # where the cue's phrase ends
    passive: bool
    negated: bool
    hypothetical: bool
    objects: list[Hit]              # targets after the cue
    subject: list[Hit]              # targets before it (read for passives and sparing)
    agents: list[Hit]
    sources: list[Hit]
    references: list[Hit]
    locators: list[Hit]
    subject_start: int = 0
    subject_end: int = 0
    _modes: list[tuple[int, str]] = field(default_factory=list, repr=False)

    def targets(self) -> list[Hit]:
        """The places the cue acts on: its objects, and its subject when passive."""
        return self.objects + self.subject if self.passive else list(self.objects)

    def targeted_at(self, offset: int) -> bool:
        """Whether a word at ``offset`` (clause text) lies in the phrase, in target mode."""
        if not self.end <= offset < self.phrase_end:
            return False
        index = bisect_right(self._modes, offset, key=lambda m: m[0]) - 1
        return index < 0 or self._modes[index][1] == TARGET


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text)]


def _is_as_boundary(tokens, index) -> bool:
    """"as" starts a clause, except in "such as", "as well as", "as far as"."""
    before = tokens[index - 1][2] if index else ""
    after = tokens[index + 1][2] if index + 1 < len(tokens) else ""
    return before not in ("such", "well", "far", "so", "as") and after not in ("well", "far", "part",
                                                                              "many", "much", "a")


def _boundary(tokens, index) -> bool:
    word = tokens[index][2]
    return word in BOUNDARY_WORDS or word in COURSE_PARTICIPLES or word == ";" \
        or (word == "as" and _is_as_boundary(tokens, index))


def _modes(tokens, first, last, place_ends=frozenset()) -> list[tuple[int, str]]:
    """(offset, mode) at each change of mode from word ``first`` to ``last``;
    ``place_ends`` are the offsets where place mentions end."""
    mode, changes = TARGET, [(tokens[first][0] if first < len(tokens) else 0, TARGET)]
    opened, named = first, False
    for index in range(first, last):
        word = tokens[index][2]
        previous = tokens[index - 1][2] if index > first else ""
        new = mode
        if word == "from":
            new, opened, named = SOURCE, index, False
        elif word == "by":
            new = AGENT
        elif word in TARGET_PREPOSITIONS and previous != "from":
            # "from an area near X" goes on; "from X in Y", "from X at Y" end
            if mode == AGENT or (mode == SOURCE and (word in _SOURCE_ENDS or named
                                                     or index - opened > SOURCE_WORDS)):
                new = TARGET
        elif word == ",":
            new = TARGET if mode == AGENT else mode
        if new != mode:
            mode = new
            changes.append((tokens[index][0], mode))
        named = named or (mode == SOURCE and tokens[index][1] in place_ends)
    return changes


def _mode_at(changes, offset) -> str:
    index = bisect_right(changes, offset, key=lambda m: m[0]) - 1
    return changes[index][1] if index >= 0 else TARGET


def locates(hit: Hit, previous: Hit | None, text_between: str) -> bool:
    """Whether ``hit`` only locates the place just before it: a larger area
    after locating words ("Homs, Syria", "El Fasher in Darfur", "Jilib, a
    town in the Middle Juba region", "the Jenin refugee camp in the West
    Bank"), or any place after "near" ("Nikopol, near Enerhodar"). An area
    with a direction of its own ("in southern Lebanon") is a part of it, not
    a locator."""
    if previous is None or previous.type == DEMONYM or previous.place.id == hit.place.id:
        return False
    # "Djibo (Soum, Sahel)": a parenthesis after a place opens its locators
    words = [w for _, _, w in _tokens(text_between.replace("(", ","))]
    if not words or len(words) > 8:
        return False
    if "near" in words and all(w in LOCATING_WORDS or w in ("near", "just", "close", "to")
                               for w in words):
        return True
    if not all(w in LOCATING_WORDS for w in words):
        return False
    if hit.qualifier and not hit.qualifier.startswith("beyond"):
        return False
    larger = _SIZE.get(hit.place.kind, 1) > _SIZE.get(previous.place.kind, 1)
    same_country = hit.place.country_code is None or previous.place.country_code is None \
        or hit.place.country_code == previous.place.country_code
    return larger and same_country


_LOCATING_FOLLOWING = re.compile(
    r"(?:\s+(?:state|province|region|district|county|governorate|oblast))?['’]s\s+"
    r"|\s+(?:port|city|town|village|capital|region|province|district)\s+of\s+(?:the\s+)?",
    re.IGNORECASE)


def only_locates(clause: Clause, index: int, previous: Hit | None, located: Hit | None,
                 locators: list[Hit]) -> bool:
    """Whether the clause's hit at ``index`` only locates another place:
    the place just before it (:func:`locates`), the place after it
    (:func:`_locates_following`), or, right after ``locators`` (the locators
    found so far), the place ``located`` they locate (:func:`_locates_beyond`)."""
    hit, text, base = clause.hits[index], clause.text, clause.start
    return previous is not None and locates(hit, previous, text[previous.end - base:hit.start - base]) \
        or _locates_following(hit, clause, index) \
        or bool(locators) and locators[-1] is previous and _locates_beyond(hit, located, locators, text, base)


def locators_of(clause: Clause) -> set[int]:
    """The ``id`` of each hit of the clause that only locates another
    (:func:`only_locates`), reading its hits in order."""
    locators, previous, located = [], None, None
    for index, hit in enumerate(clause.hits):
        if hit.type == DEMONYM:
            continue
        if hit.type != METONYMY and only_locates(clause, index, previous, located, locators):
            locators.append(hit)
        else:
            located = hit
        previous = hit
    return {id(hit) for hit in locators}


def _locates_beyond(hit: Hit, located: Hit | None, locators: list[Hit], text: str, base: int) -> bool:
    """Whether ``hit``, just after a locator, locates the place that locator
    locates ("Novorossiysk, in Russia's Krasnodar Krai", "Djibo (Soum,
    Sahel)"): with the names of the locators between them left out, it
    :func:`locates` that place."""
    if located is None:
        return False
    between, cursor = [], located.end
    for locator in locators:
        if located.end <= locator.start and locator.end <= hit.start:
            between.append(text[cursor - base:locator.start - base])
            cursor = locator.end
    between.append(text[cursor - base:hit.start - base])
    return locates(hit, located, "".join(between))


def _locates_following(hit: Hit, clause: Clause, index: int) -> bool:
    """"Afghanistan's Khost province", "Borno state's Konduga", "the
    Danube port of Izmail": an area in the possessive, or naming the kind
    of the place after it, just before a smaller place only locates it."""
    following = clause.hits[index + 1] if index + 1 < len(clause.hits) else None
    if following is None or hit.type == DEMONYM:
        return False
    match = _LOCATING_FOLLOWING.match(clause.text, hit.end - clause.start)
    return bool(match) and match.end() == following.start - clause.start \
        and _SIZE.get(hit.place.kind, 1) > _SIZE.get(following.place.kind, 1)


_OFFSHORE_WORDS = frozenset("the coast coasts shore shores of".split())


def _offshore(tokens, hit: Hit, base: int) -> bool:
    """"off the coast of X", "off X": the sea beside X, which only locates."""
    index = bisect_left(tokens, hit.start - base, key=lambda t: t[0]) - 1
    for back in range(index, max(-1, index - 5), -1):
        word = tokens[back][2]
        if word == "off":
            return True
        if word not in _OFFSHORE_WORDS:
            return False
    return False


_MODIFIER = re.compile(r"-[a-z]")


def _modifier(text: str, hit: Hit, base: int) -> bool:
    """"Iran-backed militias", "a Britain-based monitor": a name joined to a
    participle by a hyphen describes something else, it is not the place."""
    return bool(_MODIFIER.match(text, hit.end - base))


def read_cue(clause: Clause, start: int, end: int, *, stop: int | None = None,
             negation: re.Pattern | None = None, hypothesis: re.Pattern | None = None,
             passive: bool = False) -> Reading:
    """Reads the cue at ``clause.text[start:end]``: what it acts on, by a
    shallow grammar. ``stop`` is where the next cue starts (the phrase ends
    there); ``negation`` and ``hypothesis`` are patterns that end just before
    the cue (:func:`ending_with`); ``passive`` says the cue is passive itself
    ("came under fire").

    The rules:

    * **Phrase**: the words after the cue up to the first boundary: a
      subordinating or relative word (:data:`BOUNDARY_WORDS`: "after",
      "while", "that", "where", "as" but not "such as"), a verb of speech, a
      semicolon, the next cue, or :data:`PHRASE_WORDS` words. A speaker
      between a comma and a verb of speech (", the head of the X regional
      administration said") is left out of it.
    * **Modes**: each place of the phrase is a *target* unless a preposition
      heads it otherwise: after "from" it is a *source* ("missiles fired from
      X", "displaced from X", "across the river from X"), after "by" an
      *agent* ("a drone strike by US forces"). A source phrase goes on over a
      place preposition within :data:`SOURCE_WORDS` words of "from" ("from an
      area near X", "from near X") and ends at "at/on/into/against", at a
      place preposition after a place ("from X in Y") or further on ("shells
      from the hills kill five in Y"). An agent phrase ends at any place
      preposition ("shelled by forces in X": X is a target).
    * **References** only locate: a place written as a direction from it
      ("60 km north of X", the mention's ``beyond:`` qualifier) or offshore
      of it ("off the coast of X").
    * **Locators** only locate the place just before them: a larger area
      after locating words ("Homs, Syria", "El Fasher in Darfur", "Jilib, a
      town in the Middle Juba region", "across the border in X"), any place
      after "near" a place ("Nikopol, near X"), an area in the possessive or
      naming the kind of the next place ("Russia's Belgorod region", "the
      Danube port of Izmail"); and an area after a locator that locates the
      same place ("X, in Russia's Krasnodar Krai", "X (Soum, Sahel)"). An
      area with a direction of its own ("the towns of X in southern
      Lebanon") is a target: that part of it.
    * Adjectives, actors and names joined by a hyphen to a participle
      ("Iran-backed militias") are none of these.
    * **Voice**: passive when an auxiliary stands just before the cue ("was
      heavily shelled") or the cue says so. Then the **subject** is a target
      too: the places before the cue back to the previous boundary word (at
      most :data:`SUBJECT_WORDS` words), leaving out an aside between commas
      just before the verb ("Nikopol, across the river from X, was shelled"),
      read with the same modes, references and locators.
    * **Negation** and **hypothesis**: a pattern ending just before the cue.

    A reading visits at most :data:`PHRASE_WORDS` words after its cue and
    :data:`SUBJECT_WORDS` before it, and the hits within them found by
    bisection, so a clause costs its number of cues times a constant; no
    pattern backtracks."""
    text = clause.text
    tokens = clause.tokens
    stop = len(text) if stop is None else min(stop, len(text))
    window = max(0, start - CUE_CONTEXT_CHARS)
    negated = bool(negation and negation.search(text, window, start))
    hypothetical = bool(hypothesis and hypothesis.search(text, window, start))
    passive = passive or bool(_PASSIVE_BEFORE.search(text, window, start))
    # the phrase after the cue
    first = bisect_left(tokens, end, key=lambda t: t[0])
    last = first
    while last < len(tokens) and last - first < PHRASE_WORDS and tokens[last][0] < stop \
            and not _boundary(tokens, last):
        last += 1
    if last < len(tokens) and tokens[last][2] in SPEECH_WORDS:
        # ", the head of the Donetsk regional administration said": the speaker
        comma = last - 1
        while comma > first and last - comma <= ATTRIBUTION_WORDS and tokens[comma][2] != ",":
            comma -= 1
        if comma > first and tokens[comma][2] == ",":
            last = comma
    phrase_end = tokens[last][0] if last < len(tokens) else len(text)
    phrase_end = min(phrase_end, stop)
    place_ends = clause.place_ends
    after_modes = _modes(tokens, first, last, place_ends)
    # the subject before it: back over the verb group, an aside between commas, to a boundary
    cue_index = bisect_left(tokens, start, key=lambda t: t[0])
    index = cue_index - 1
    while index >= 0 and cue_index - index < 6 and tokens[index][2] in _VERB_GROUP:
        index -= 1
    subject_end_index = index + 1
    if index >= 0 and tokens[index][2] == ",":
        comma = index - 1
        while comma >= 0 and index - comma < SUBJECT_WORDS and tokens[comma][2] != ",":
            comma -= 1
        if comma >= 0 and tokens[comma][2] == ",":
            subject_end_index = comma           # "Nikopol, across the river from X, was"
            index = comma - 1
    subject_first = index + 1
    while subject_first > 0 and subject_end_index - subject_first < SUBJECT_WORDS \
            and not _boundary(tokens, subject_first - 1):
        subject_first -= 1
    subject_start = tokens[subject_first][0] if subject_first < len(tokens) else 0
    subject_end = tokens[subject_end_index][0] if subject_end_index < len(tokens) else len(text)
    subject_modes = _modes(tokens, subject_first, subject_end_index, place_ends)

    reading = Reading(cue=text[start:end], start=start, end=end, phrase_end=phrase_end,
                      passive=passive, negated=negated, hypothetical=hypothetical, objects=[],
                      subject=[], agents=[], sources=[], references=[], locators=[],
                      subject_start=subject_start, subject_end=subject_end, _modes=after_modes)
    base = clause.start
    for span_start, span_end, modes, into in ((subject_start, subject_end, subject_modes, reading.subject),
                                              (end, phrase_end, after_modes, reading.objects)):
        previous = located = None     # the hit just before; the last one no locator
        for index in range(bisect_left(clause.hit_starts, base + span_start),
                           bisect_left(clause.hit_starts, base + span_end)):
            hit = clause.hits[index]
            offset = hit.start - base
            mode = _mode_at(modes, offset)
            if hit.type in (DEMONYM, METONYMY) or _modifier(text, hit, base):
                pass        # an adjective, an actor, or a name describing something else
            elif mode == SOURCE:
                reading.sources.append(hit)
            elif mode == AGENT:
                reading.agents.append(hit)
            elif (hit.qualifier or "").startswith("beyond") or _offshore(tokens, hit, base):
                reading.references.append(hit)
            elif only_locates(clause, index, previous, located, reading.locators):
                reading.locators.append(hit)
            else:
                into.append(hit)
            if hit.type != DEMONYM:
                previous = hit
                if not reading.locators or reading.locators[-1] is not hit:
                    located = hit
    return reading
