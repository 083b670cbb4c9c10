"""The numbers the finder's rules share."""

#: Shorter unknown words after a place cue are not taken for a place the
#: gazetteer lacks: their coarse transliteration keys match too much, and
#: most are words or initials.
MIN_UNKNOWN_NAME_LENGTH = 5
#: The most words of an unknown name after a place cue ("Deir al-Balah").
MAX_UNKNOWN_NAME_TOKENS = 3
#: The most words a name looked up in the gazetteer has.
MAX_NAME_TOKENS = 6
#: Gazetteer probes remembered per finder (a long article repeats its names).
LOOKUP_CACHE_SIZE = 16384
#: A place name inside a person's or organisation's name is worth reporting
#: (as a non-place) only if the place is this big, or a country or region.
NOTABLE_POPULATION = 100_000
#: A given name standing alone ("his brother Alex", "Barry said") is a person
#: rather than a town below this size, unless the text gives a place cue.
#: Bigger namesakes ("Austin", "Florence") stay places.
GIVEN_NAME_TOWN_POPULATION = 100_000
#: A capitalised English word standing alone ("Law", "Winner") is the word
#: rather than a town below this size, unless the text gives a place cue.
#: Bigger namesakes ("Buffalo", "Phoenix") stay places.
WORD_TOWN_POPULATION = 100_000
