"""Properties of the public API that hold for any text at all.

Whatever the input (random unicode, control characters, HTML, template
syntax, long lines, names glued to punctuation, every direction and
qualifier word next to real place names), ``geomap.geoparse`` and the
exports never raise; every offset points at the text it claims; every shape
is a valid, finite geometry on the globe; the same input gives the same output.

The examples come from Hypothesis; the profile sets how many
(see tests/conftest.py). The default, "ci", keeps this file to a minute or
two. For a local soak with thousands of fresh examples:

    GEOMAP_HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py

One geomapper serves every example: ``geomap.geoparse`` keeps a shared one.
"""

import json
import math

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import geomap
from geomap.lexicon import direction_words, load
from geomap.mentions import MAX_SENTENCE_CHARS

#: Each property's share of the profile's max_examples.
EXAMPLES = settings().max_examples

PLACES = ["Syria", "Aleppo", "Jordan", "Bitlis", "Texas", "Iraq", "Turkey", "Lebanon", "Idlib",
          "Mosul", "Kharkiv", "Sudan", "Egypt", "Gulf Arab states", "the Levant", "Washington",
          "Georgia", "Chad", "Niger", "Paris", "Reading", "Nice"]
QUALIFIERS = (load("lexicon")["words"]["surroundings"]
              + ["of", "the", "further", "farther", "near the border with", "border", "via",
                 "from", "into", "through", "struck", "bombed", "air strikes", "shelled",
                 "was", "were not targeted", "spared", "areas where the", "operates", "-held",
                 "held by", "rebels who control", "supplied weapons", "positions", "capital",
                 "the capital", "Russian", "Syrian", "said", "must", "Free Army", "President",
                 "Mr.", "U.S.", "Oct. 26", "'s", "and", "or", ","])
GLUE = ["", " ", "  ", ", ", ". ", "; ", ": ", "\n", "\n\n", "\t", "-", "–", "—", " -- ", "(", ")",
        "[", "]", "\"", "'", "“", "”", "’s", "/", "…", "?", "!"]
ODDITIES = ["{{ 7*7 }}", "{% x %}", "{#", "#}", "${x}", "<script>alert(1)</script>", "<b>",
            "&amp;", "&#39;", "\x00", "\x1b[31m", "\r", "\u200b", "\u202e", "\u202c", "\ufeff",
            "e\u0301", "İ", "ß", "ﬁ", "👍🏽", "\U0001F1F8\U0001F1FE", "Ⅻ", "٣", "\ud7ff",
            "Ｓｙｒｉａ",
            "SYRIA", "aLePpO", "1,000", "33°N", "http://x.example/Syria"]
DIRECTION_WORDS = direction_words()

places = st.sampled_from(PLACES)
directions = st.one_of(st.sampled_from(DIRECTION_WORDS), st.sampled_from(DIRECTION_WORDS).map(str.capitalize))
surroundings = st.sampled_from(load("lexicon")["words"]["surroundings"])
strike_cues = st.sampled_from(["struck", "bombed", "hit", "shelled", "targeted", "air strikes on"])
words = st.one_of(places, directions, st.sampled_from(QUALIFIERS), st.sampled_from(ODDITIES),
                  st.text(max_size=12))
#: Clauses the role rules act on, so that shapes of every kind get built.
clauses = st.one_of(
    st.builds("Russian jets {} {} {}".format, strike_cues, directions, places),
    st.builds("they {} the {} {} of {}".format, strike_cues, directions, surroundings, places),
    st.builds("troops took positions {} of {}".format, directions, places),
    st.builds("areas near the border with {} and {} were {}".format, places, places, strike_cues),
    st.builds("{} was {}, which have {} areas further {}".format, places, strike_cues, strike_cues,
              directions),
    st.builds("weapons were supplied from {} via {} to {}".format, places, places, places),
    st.builds("areas where the Free Legion operates in {} {}".format, directions, places),
    st.builds("Legion-held areas of {} {} were {}".format, directions, places, strike_cues),
    st.builds("{} {} has not been {}, {} was spared".format, directions, places, strike_cues, places),
)
#: Text built from the words and clauses the pipeline reacts to, glued any which way.
adversarial_text = st.lists(st.tuples(st.one_of(words, clauses), st.sampled_from(GLUE)),
                            max_size=60).map(lambda pairs: "".join(w + glue for w, glue in pairs))
#: A phrase repeated into a long line: repetition is where cost used to blow up.
repeated_text = st.tuples(adversarial_text, st.integers(1, 200)).map(lambda tr: tr[0] * tr[1])
any_text = st.one_of(st.text(max_size=400), adversarial_text, repeated_text)


def exported(story):
    """Every public export of a story, as the strings a user would get."""
    record = json.dumps(geomap.to_record(story), allow_nan=False)
    geojson = json.dumps(geomap.to_geojson(story), allow_nan=False)
    return record, geojson, geomap.to_csv(story)


@settings(max_examples=EXAMPLES * 2)
@given(any_text)
def test_any_text_is_geoparsed_and_exported_without_error(text):
    exported(geomap.geoparse(text))


@settings(max_examples=EXAMPLES)
@given(any_text)
def test_every_offset_points_at_the_text_it_names(text):
    story = geomap.geoparse(text)
    article = story.article.text
    mentions = [m for p in story.places for m in p.mentions] + story.non_places
    for m in mentions:
        assert article[m.start:m.end] == m.text
        assert article[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
        assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence)
        assert len(m.sentence) <= MAX_SENTENCE_CHARS
    for role in (r for p in story.places for r in p.roles):
        assert article[role.start:role.end] == role.evidence
    for shape in story.shapes:
        assert article[shape.start:shape.end] == shape.evidence


@settings(max_examples=EXAMPLES)
@given(any_text)
def test_every_shape_is_a_valid_finite_geometry_on_the_globe(text):
    story = geomap.geoparse(text)
    for shape in story.shapes:
        geometry = shape.geometry
        assert shapely.is_valid(geometry), (shape.label, shapely.is_valid_reason(geometry))
        coordinates = shapely.get_coordinates(geometry)
        assert np.isfinite(coordinates).all(), shape.label
        assert (np.abs(coordinates[:, 0]) <= 180).all() and (np.abs(coordinates[:, 1]) <= 90).all()
    for place in story.places:
        assert math.isfinite(place.longitude) and math.isfinite(place.latitude)


@settings(max_examples=EXAMPLES)
@given(text=any_text)
def test_the_same_text_gives_the_same_output(mapper, text):
    first, second = geomap.geoparse(text), geomap.geoparse(text)
    assert geomap.to_record(first) == geomap.to_record(second)
    assert geomap.to_geojson(first) == geomap.to_geojson(second)
    # a fresh geomapper on the same gazetteer, with none of the shared one's
    # remembered lookups, finds the same
    warm = mapper.geoparse(text)
    fresh = geomap.Geomapper(mapper.gazetteer).geoparse(text)
    assert geomap.to_record(warm) == geomap.to_record(fresh)
    assert geomap.to_geojson(warm) == geomap.to_geojson(fresh)


@settings(max_examples=max(EXAMPLES // 6, 5))
@given(st.sampled_from(DIRECTION_WORDS), places, surroundings)
def test_every_direction_word_next_to_a_place_maps(word, place, surroundings):
    text = (f"Jets struck {word} {place}. Jets bombed the {word} {surroundings} of {place}. "
            f"Troops took positions {word} of {place}. Areas near the border with {place} were "
            f"shelled, and areas further {word}. Fighters hold the {word} part of {place}.")
    story = geomap.geoparse(text)
    exported(story)
    assert all(shapely.is_valid(s.geometry) for s in story.shapes)
