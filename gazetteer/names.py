"""Name normalisation shared by the index builder and the lookups.

Both sides must fold names the same way, or "Kraków", "KRAKOW" and "Dar'a"
would miss the rows written for them; that is the whole reason this module
exists.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02be\u02bf\u0060\u00b4]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/,;:()\[\]\"]+")
#: "Saint" and "St." are one word in place names: news writes "St. Petersburg"
#: for the city whose own name is "Saint Petersburg" (and "St. Louis" for
#: "Saint Louis"), and the shorter spelling must not make a namesake's own
#: name of it.
_SAINT = re.compile(r"\bsaint(e?)\b")


def normalize(name: str) -> str:
    """Fold case, accents, apostrophes, periods and hyphens, and "Saint" to
    "St": the lookup key of a name."""
    # ASCII is its own NFKC form and transliteration: most lookups skip both
    text = name if name.isascii() else unidecode(unicodedata.normalize("NFKC", name))
    text = _APOSTROPHES.sub("", text).replace(".", "")
    return _SAINT.sub(r"st\1", _SEPARATORS.sub(" ", text).strip().casefold())


def is_latin(name: str) -> bool:
    """True when every letter of the name is in the Latin script.

    GeoNames carries names in every script; only Latin ones can occur in an
    English article, and skipping the rest keeps the index small.
    """
    return all(
        unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha()
    )


#: Arabic articles transliterations put before a name ("Al-Hudaydah",
#: "Ad Dana", "Ash Shaykh"): "Hudaydah" is the same place.
_ARTICLE = re.compile(r"^(?:a[dlnrstz]|el|ash|adh|az|as|at|ath) ")
#: Letter groups transliterations write in several ways, each folded to one.
_FOLDS = (("kh", "k"), ("gh", "g"), ("ph", "p"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"),
          ("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"), ("y", "i"), ("w", "u"), ("j", "i"))
_VOWELS = re.compile(r"[aeiou]")


def variant_key(name: str) -> str:
    """One key for the ways a name is transliterated: "Hodeidah", "Hudaydah",
    "Al-Hudaydah" and "Hodeida" share one; "Kyaukphyu" and "Kyaukpyu" too.

    Articles, spaces, doubled letters, a final h, the vowels after the first
    letter and letter groups such as kh/k, ph/p, ou/u are folded away. The
    key is coarse on purpose: unrelated names can share it, so a variant
    match counts only where the story gives it support.
    """
    text = _ARTICLE.sub("", normalize(name))
    for group, letter in _FOLDS:
        text = text.replace(group, letter)
    text = text.replace(" ", "")
    text = text[:1] + _VOWELS.sub("", text[1:]).replace("h", "") if text else ""
    return re.sub(r"(.)\1+", r"\1", text)
