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


def normalize(name: str) -> str:
    """Fold case, accents, apostrophes, periods and hyphens: the lookup key of a name."""
    text = unidecode(unicodedata.normalize("NFKC", name))
    text = _APOSTROPHES.sub("", text).replace(".", "")
    return _SEPARATORS.sub(" ", text).strip().casefold()


def is_latin(name: str) -> bool:
    """True when every letter of the name is in the Latin script.

    GeoNames carries names in every script; only Latin ones can occur in an
    English article, and skipping the rest keeps the index small.
    """
    return all(
        unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha()
    )
