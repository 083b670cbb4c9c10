"""What the text says a place lies in: its qualifier, as written.

News pins a name down with the area around it, in a few fixed shapes:

* after a comma: "Paris, Texas", "Franklin, Tenn.", "Perth, Western Australia",
  "Lebanon, Pennsylvania", "Gwoza, Borno" (which a list also looks like:
  "Homs, Hama and Aleppo", "Saipan, Guam, Alaska": one that goes on with
  another item is marked ``LIST``, and the resolver tells them apart);
* in parentheses, as event reports write it: "Mora (Mayo-Sava, Far North)";
* "in [the] [direction] Y": "Kasese in western Uganda";
* a division word, then "of Y": "Guma LGA of Benue State", "Kafr Nabl
  district of Idlib";
* before the name: "the Turkish town of Akcakale".

This module only reads the text: it returns the words, and the resolver
decides with the gazetteer what areas they name. Every pattern reads a
bounded window after or before the name, so the cost is constant per name.
"""

from __future__ import annotations

import re

from gazetteer.divisions import division_words

from .lexicon import direction_words, load

COMMA, LIST, PARENTHESIS, IN, OF, DEMONYM = "comma", "list", "parenthesis", "in", "of", "demonym"
#: A facility's host named inside its own name ("Colchester General Hospital").
FACILITY_NAME = "name"
#: How far after (or before) a name a qualifier is looked for, in characters.
WINDOW = 120

#: A name of up to four capitalised words; a word ending a sentence ("in
#: Shelby. Montana officials") ends it, an abbreviation ("St. Louis") does not.
_NAME = r"[A-Z][\w'’.-]*(?:(?<![a-z]{3}\.)\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3}"
_AFTER_COMMA = re.compile(rf",\s*({_NAME})")
#: After "X, Y": another item ("Saipan, Guam, Alaska", "Homs, Hama and Aleppo").
_NEXT_ITEM = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)[A-Z]")
_IN_PARENTHESES = re.compile(r"\s*\(([^()\n]{1,80})\)")
_DIRECTION = "|".join(re.escape(w) for w in direction_words() if " " not in w)
_IN_AREA = re.compile(rf"\s+in\s+(?:the\s+)?(?:(?i:{_DIRECTION})\s+)?({_NAME})")
_DIVISION_WORDS = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                           for w in sorted(set(division_words()), key=len, reverse=True))
#: "Guma LGA of Benue State": the division word after the name, then "of".
_DIVISION_OF = re.compile(rf"\s+(?i:{_DIVISION_WORDS})\s+of\s+(?:the\s+)?({_NAME})")
#: "Kafr Nabl district" (the word already read with the name), then "of".
_OF_AFTER_DIVISION_WORD = re.compile(rf"\s+of\s+(?:the\s+)?({_NAME})")
_ENDS_WITH_DIVISION_WORD = re.compile(rf"\s(?i:{_DIVISION_WORDS})$")
#: One of the nouns that name a place's kind ("town", "port city"), longest first.
KIND_NOUNS = "|".join(re.escape(n) for n in sorted(load("lexicon")["qualifiers"]["place_nouns"],
                                                  key=len, reverse=True))
_DEMONYM_BEFORE = re.compile(rf"\bthe\s+([A-Z][a-z]+)\s+(?:{KIND_NOUNS})\s+of\s+$")
#: A name cut by _NAME at a lowercase word keeps nothing after it; these end it too.
_TRAILING = re.compile(r"[.,;:]+$")


def containing_areas(text: str, start: int, end: int) -> tuple[tuple[str, ...], str]:
    """The qualifier words of the name at ``text[start:end]`` and their form
    (``COMMA``, ``LIST`` for a comma form that goes on like a list,
    ``PARENTHESIS``, ``IN``, ``OF``, ``DEMONYM``); ``((), "")`` if none."""
    after = text[end:end + WINDOW]
    match = _IN_PARENTHESES.match(after)
    if match:
        parts = tuple(p.strip() for p in match.group(1).split(",") if p.strip()[:1].isupper())
        if parts:
            return parts, PARENTHESIS
    match = _AFTER_COMMA.match(after)
    if match:
        listed = _NEXT_ITEM.match(after, match.end())
        return (_clean(match.group(1)),), LIST if listed else COMMA
    match = _IN_AREA.match(after)
    if match:
        return (_clean(match.group(1)),), IN
    match = _DIVISION_OF.match(after) or _ENDS_WITH_DIVISION_WORD.search(text, start, end) \
        and _OF_AFTER_DIVISION_WORD.match(after)
    if match:
        return (_clean(match.group(1)),), OF
    match = _DEMONYM_BEFORE.search(text[max(0, start - WINDOW):start])
    if match:
        return (match.group(1),), DEMONYM
    return (), ""


def _clean(name: str) -> str:
    """"Texas," -> "Texas"; an abbreviation keeps its period ("Tenn.")."""
    name = name.strip()
    if re.search(r"(?:^|[\s.])[A-Z][a-z]{0,4}\.$", name) or re.fullmatch(r"(?:[A-Z]\.)+", name):
        return name
    return _TRAILING.sub("", name)
