"""Sentences and their words, read once: where a sentence ends (never after
"Mr." or "U.S."), its words with their offsets in the article, and whether
it is written as a headline. Every rule of the finder reads these.

Cost is linear in the text: a "sentence" is at most ``MAX_SENTENCE_CHARS``
long (a longer one is cut at a clause or word boundary), and every pattern
scans each character a bounded number of times.
"""

from __future__ import annotations

import re
from functools import cached_property

# "U.S.", "T&T", "Deir ez-Zor", "al-Assad"; but "Army-related" and "Qaeda-linked" stop at the hyphen.
# Linear: each repeated part starts with a required apostrophe or hyphen, so
# there is only one way to split a word into parts, and nothing to backtrack.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{1,3}&[A-Z]{1,3}\b"
                    r"|[^\W\d_]+(?:(?:['’]|-(?![a-z]{3,}\b)(?![A-Z]\.))[^\W\d_]+)*")
_PARTICLE_NAME = re.compile(r"[a-z]{1,3}['’-][A-Z][^\W\d_]*")
#: A hyphen between two capitalised parts ("DPRK-South", "Asia-Pacific") parts two words.
_CAPITAL_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_GAP = re.compile(r"^['’]s?")
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.?$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?")    # "U.S", "U.S.A"
INITIAL = re.compile(r"[A-Z]\.?")
#: Abbreviations that begin a place name ("St. Louis", "Mt. Kenya", "Ft. Worth").
_NAME_ABBREVIATIONS = {"St", "Ste", "Mt", "Ft", "Pt"}
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen",
                  "gov", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                  "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr",
                  "sr", "mt", "ft"}
# Possessive (*+, ++): a run of spaces after a full stop is read once.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
#: The longest stretch of text read as one sentence. Every mention carries its
#: sentence, and rules compare the mentions within one, so an unbounded
#: "sentence" (a page with no full stop) would make both cost its square.
#: News sentences are far shorter; a longer one is cut at a clause or word boundary.
MAX_SENTENCE_CHARS = 800


class Token:
    """A word, with what the finder asks of it worked out once: every rule
    asks whether a word is capitalised, many times per word."""

    __slots__ = ("text", "start", "end", "possessive", "capitalised", "all_caps")

    def __init__(self, text: str, start: int, end: int, possessive: bool = False):
        self.text, self.start, self.end, self.possessive = text, start, end, possessive
        if text[0].isupper() and not (text[-1] == "s" and len(text) > 2 and text[:-1].isupper()):
            self.capitalised = True
            #: every letter a capital, and more than one ("UN", "LONDON")
            self.all_caps = text.isupper() and (len(text) > 1 and text.isalpha()
                                                or sum(c.isalpha() for c in text) > 1)
        else:
            # a plural acronym ("CEOs", "MPs", "NGOs") is a common noun, no name;
            #: an article joined to a name ("ez-Zor", "d'Ivoire") counts as capitalised
            self.capitalised = ("-" in text or "'" in text or "’" in text) and \
                _PARTICLE_NAME.fullmatch(text) is not None
            self.all_caps = False


class Sentence:
    """A sentence's tokens with their offsets in the article text."""

    def __init__(self, text: str, start: int, end: int):
        self.full = text
        self.start, self.end = start, end
        self.text = text[start:end]

    @cached_property
    def tokens(self) -> list[Token]:
        tokens = []
        append = tokens.append
        for match in _TOKEN.finditer(self.full, self.start, self.end):
            word = match.group(0)
            if "-" in word or "'" in word or "’" in word:
                for part, start in _compound_parts(word, match.start()) if "-" in word else ((word, match.start()),):
                    # "Syria's": only a word with an apostrophe can be possessive
                    if ("'" in part or "’" in part) and len(part) > 2 and _POSSESSIVE.search(part):
                        part = strip_possessive(part)
                        append(Token(part, start, start + len(part), True))
                    else:
                        append(Token(part, start, start + len(part)))
            else:
                append(Token(word, match.start(), match.end()))
        return tokens

    def adjacent(self, left: int, right: int) -> bool:
        gap = self.full[self.tokens[left].end:self.tokens[right].start]
        if self.tokens[left].possessive:
            gap = _POSSESSIVE_GAP.sub("", gap)     # "St George's Chapel"
        # "Gino D. Bassett", "St. Louis": an initial's or a name abbreviation's
        # full stop does not end the name
        left_text = self.tokens[left].text
        initial = gap == ". " and (INITIAL.fullmatch(left_text) is not None
                                   or left_text in _NAME_ABBREVIATIONS)
        return gap in (" ", "-", "- ") or initial or (gap.strip() == "" and "\n" not in gap and len(gap) < 3)

    def span_text(self, first: int, last: int) -> str:
        return self.full[self.tokens[first].start:self.tokens[last].end]

    def text_at(self, start: int, end: int) -> str:
        return self.full[start:end]

    def word_before(self, index: int) -> str:
        words = self.words_before(index, 1)
        return words[-1] if words else ""

    def words_before(self, index: int, count: int) -> list[str]:
        return [t.text.lower() for t in self.tokens[max(0, index - count):index]]

    def words_after(self, index: int, count: int) -> list[str]:
        return [t.text.lower() for t in self.tokens[index + 1:index + 1 + count]]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries: end punctuation before a capital, or a line break.
    Abbreviations ("Oct. 26", "Mr. Putin", "U.S. officials") do not end a sentence.
    No span is longer than ``MAX_SENTENCE_CHARS`` (see :func:`_bounded`)."""
    return [bounded for start, end in _sentence_spans(text) for bounded in _bounded(text, start, end)]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(start, match.start() - 12):match.start() + 1]
        last_word = _LAST_WORD.search(before)
        if match.group(0)[0] == "." and last_word and (
                last_word.group(1).rstrip(".").lower() in _ABBREVIATIONS
                or _INITIALS.fullmatch(last_word.group(1))):
            continue
        if text[start:match.start() + 1].strip():
            spans.append((start, match.start() + 1))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_strip_span(text, s, e) for s, e in spans]


def _bounded(text: str, start: int, end: int):
    """The span, cut into pieces of at most ``MAX_SENTENCE_CHARS``: each at the
    last clause mark (, ; :) or, failing that, the last space in its second
    half, or at the limit itself when there is neither (one huge "word")."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = _cut_point(text, start + MAX_SENTENCE_CHARS // 2, limit)
        piece = _strip_span(text, start, cut)
        if piece[0] < piece[1]:
            yield piece
        start = _strip_span(text, cut, end)[0]
    if start < end:
        yield start, end


def _cut_point(text: str, low: int, limit: int) -> int:
    """Where to end a piece within text[low:limit]: after a clause mark, else at a space."""
    mark = max(text.rfind(c, low, limit) for c in ",;:")
    if mark >= 0:
        return mark + 1
    for index in range(limit - 1, low - 1, -1):
        if text[index].isspace():
            return index
    return limit


def _strip_span(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _compound_parts(word: str, start: int):
    """"DPRK-South", "Asia-Pacific", "Syrian-Turkish": parts that each start
    with a capital are words of their own (adjacency joins them again where
    the whole is one name, "Guinea-Bissau"); "ez-Zor", "al-Assad" and
    "Mazar-i-Sharif" stay one word."""
    piece = 0
    for hyphen in _CAPITAL_HYPHEN.finditer(word):
        part_start = word.rfind("-", 0, hyphen.start()) + 1
        if word[part_start].isupper() and part_start >= piece:
            yield word[piece:hyphen.start()], start + piece
            piece = hyphen.end()
    yield word[piece:], start + piece


def strip_possessive(word: str) -> str:
    return _POSSESSIVE.sub("", word) if len(word) > 2 else word


def is_title_case(tokens: list[Token], common_words, lowercase_words, calendar_words,
                  headline_lowercase) -> bool:
    """Headline style ("Syrian Rebel Alliance Says Russia Must Stop"): capitals
    tell nothing about names there. Every long word is capitalised, or most
    are and at least two of them are ordinary words ("Says", "Must"; a
    month or a weekday is capitalised anywhere, so it is none): a sentence
    of names ("Nick Shell and David Watson are inmates") is no headline."""
    long_words = [t for t in tokens if len(t.text) > 3]
    if len(long_words) < 4 or sum(t.capitalised for t in long_words) < 0.8 * len(long_words):
        return False
    if all(t.capitalised for t in long_words):
        return True
    # a headline leaves only its small words in lower case ("Rebels Retreat
    # from Aleppo"); "... Castro Soteldo participated in the talks" is prose
    if any(not t.capitalised and t.text.lower() not in headline_lowercase for t in long_words):
        return False
    ordinary = sum(t.capitalised and t.text not in calendar_words
                   and (t.text in common_words or t.text.lower() in lowercase_words)
                   for t in long_words)
    return ordinary >= 2
