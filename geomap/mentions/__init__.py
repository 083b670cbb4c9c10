"""Stage 2: find the stretches of text that name places.

Recognition rests on the gazetteer (is this a name?) and on the text's own
cues: capitalisation, the words around a name, organisation head words,
titles, directional qualifiers. Every capitalised run of words is looked at
whole first (an organisation or a person's name swallows the places inside
it), then split into the longest names the gazetteer knows.

Cost is linear in the text: a "sentence" is at most ``MAX_SENTENCE_CHARS``
long (a longer one is cut at a clause or word boundary), every pattern here
scans each character a bounded number of times, and a gazetteer probe for a
name already seen is answered from memory.

One module per rule family, mixed into :class:`MentionFinder` (``finder``):

* ``text``: sentences and their words, and whether a sentence is a headline;
* ``runs``: capitalised runs, where a name starts and ends, longest names;
* ``holders``: organisations, people and offices that hold place names;
* ``facilities``: hospitals, streets and the like, drawn at their host;
* ``building``: one mention's extent, qualifier, role in its clause, and
  whether a word that names only a small town is a place here;
* ``limits``: the numbers the rules share.
"""

from .finder import MentionFinder
from .text import MAX_SENTENCE_CHARS, sentence_spans

__all__ = ["MentionFinder", "MAX_SENTENCE_CHARS", "sentence_spans"]
