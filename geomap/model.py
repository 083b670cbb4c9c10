"""The dataclasses passed between pipeline stages.

load article -> find mentions -> resolve -> tag roles -> build geometry -> render/export

Each stage takes the previous stage's dataclasses and returns new ones; none
reaches into another stage's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corrections import Corrections

#: Mention types.
LITERAL = "literal"            # "near the town of Goma", "BEIRUT (AP)"
DEMONYM = "demonym"            # "Syrian rebels", "Russian air force"
METONYMY = "metonymy"          # "Moscow must first halt its attacks" (the government)
ORGANISATION = "organisation"  # "Free Syrian Army": part of a name, never a pin
PERSON = "person"              # "Michael Jordan", "President Bashar al-Assad": never a pin
NAME = "name"                  # other proper names holding a place name ("London Bridge")


@dataclass(frozen=True)
class Article:
    """An article as read: its text exactly as in the file, plus metadata."""

    text: str
    path: str | None = None
    headline: str = ""
    dateline: str | None = None          # the dateline place as written ("LONDON")
    dateline_span: tuple[int, int] | None = None
    dates: tuple[str, ...] = ()          # dates as written ("Oct. 26", "October 14, 2015")


@dataclass(frozen=True)
class Mention:
    """A stretch of the article that names a place (or looks like it does).

    ``start``/``end`` are character offsets into ``Article.text``; ``sentence``
    is the sentence around it, ``sentence_start`` its offset.
    """

    text: str
    start: int
    end: int
    type: str
    sentence: str
    sentence_start: int
    qualifier: str | None = None     # "side:west" (western Syria), "around:north" (the
                                     # northern countryside of Aleppo), "beyond:south" (south of X)
    organisation: str | None = None  # for non-place mentions: the whole name it is part of
    preceded_by: str = ""            # the word just before, lower-cased ("in", "near", "town")
    agentive: bool = False           # followed by a verb of speech or action ("Moscow must")
    refers_to: str | None = None     # "capital": "the capital" names the story country's capital;
                                     # "facility": a named building, street or site the gazetteer
                                     # lacks ("Al-Shifa Hospital"), placed at its host
    within: tuple[str, ...] = ()     # areas the text puts it in, as written: ("Texas",) for
                                     # "Paris, Texas"; ("Mayo-Sava", "Far North") for "Mora
                                     # (Mayo-Sava, Far North)"; ("Turkish",) for "the Turkish town of X"
    within_form: str = ""            # how: "comma", "list" (a comma form that goes on like a
                                     # list), "parenthesis", "in", "demonym"
    generic: str = ""                # the generic word written after the name, kept out of
                                     # ``text``: "province" for "Sweida province"
    office: str = ""                 # the title written after it, lower-cased: "mayor" for
                                     # "Uvalde Mayor Don McLaughlin" (the place holds the office)
    alias: str | None = None         # the name the user's corrections read it as ("Tikrit"
                                     # for "Tikreet"): looked up instead of ``text``

    @property
    def lookup_name(self) -> str:
        """The name the gazetteer is asked for: with its generic word, which
        says what kind of place it is ("Sweida province" is the province)."""
        name = self.alias or self.text
        return f"{name} {self.generic}" if self.generic else name


@dataclass(frozen=True)
class Role:
    """A place's part in the story, with the sentence that says so.

    ``name`` is a role key from the role lexicon (``geomap/data/roles/*.toml``);
    ``label`` is what a reader sees ("Hezbollah zone"); ``cue`` the words
    that triggered it. ``extent`` tells the geometry stage what to draw.
    """

    name: str
    label: str
    evidence: str
    start: int
    end: int
    cue: str = ""
    extent: "Extent | None" = None


@dataclass(frozen=True)
class Extent:
    """The area a role covers beyond a single point.

    kind:
      ``place``        the place itself (its point, or its outline for a country)
      ``side``         the ``direction`` part of the place ("western Syria")
      ``around``       an area around the place, biased to ``direction``
                       ("the northern countryside of Aleppo")
      ``border``       the part of the place within a band along its border
                       with ``neighbours`` ("near the border with Jordan")
      ``further``      the part of the place beyond ``reference`` towards
                       ``direction`` ("areas further north")
      ``route``        a line from each of ``via`` (and ``origins``) into the place
    ``neighbours``, ``via`` and ``origins`` hold place ids.
    """

    kind: str = "place"
    direction: str | None = None
    neighbours: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    reference: "Extent | None" = None


#: Places resolved with less confidence than this are *doubtful*: marked so
#: in every output (and drawn so on the map). On GeoWebNews, places below it
#: were within 161 km of the right spot 59% of the time, above it 97%
#: (``bench/eval_geoparse.py``'s reliability table, docs/benchmarks.md).
DOUBTFUL_BELOW = 0.8


@dataclass
class Place:
    """A resolved place: the gazetteer entry, every mention of it, its roles."""

    id: str                      # gazetteer id: "geonames:170017", "country:SY", ...
    name: str
    kind: str                    # country | admin1 | city | region | group
    latitude: float
    longitude: float
    country_code: str | None
    geonameid: int | None
    population: int
    confidence: float
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    members: tuple[str, ...] = ()     # member country codes, for groups
    radius_km: float | None = None    # approximate extent, for regions and divisions
    host: str | None = None           # for a facility the gazetteer lacks: the place named
                                      # with it, whose point it is drawn at ("Gaza City")
    pinned: bool = False              # placed by the user's corrections, not by geomap
    correction: str | None = None     # what the user's corrections did to it, for a reader
                                      # ("pinned by hand to geonames:266826")

    @property
    def doubtful(self) -> bool:
        """geomap is unsure this is the place meant (see :data:`DOUBTFUL_BELOW`)."""
        return self.confidence < DOUBTFUL_BELOW

    @property
    def role_names(self) -> list[str]:
        seen: list[str] = []
        for role in self.roles:
            if role.label not in seen:
                seen.append(role.label)
        return seen


@dataclass(frozen=True)
class Shape:
    """A geometry the map draws: a zone, an area or a route, with its evidence.

    ``geometry`` is a shapely geometry in lon/lat degrees.
    """

    role: str
    label: str
    geometry: object = field(repr=False)
    evidence: str
    start: int
    end: int
    places: tuple[str, ...] = ()      # ids of the places it was built from


@dataclass
class Story:
    """Everything geomap knows about one article."""

    article: Article
    places: list[Place]
    shapes: list[Shape] = field(default_factory=list)
    non_places: list[Mention] = field(default_factory=list)   # organisations etc., kept for transparency
    unresolved: list[Mention] = field(default_factory=list)   # places named but not mapped: no
                                                              # reading the text supports
    corrections: "Corrections | None" = None   # the user's corrections applied (geomap.corrections)
    excluded: list[Mention] = field(default_factory=list)     # mentions the corrections excluded

    def _repr_html_(self) -> str:
        """In a notebook a story shows as its map: the self-contained page in
        an ``iframe srcdoc``, so its scripts cannot clash with the notebook's."""
        import html

        from .render import map_html
        return (f'<iframe srcdoc="{html.escape(map_html(self), quote=True)}" '
                f'title="{html.escape(self.article.headline or "geomap", quote=True)}" '
                'style="width:100%;height:520px;border:1px solid #ccc" '
                'sandbox="allow-scripts"></iframe>')


@dataclass
class Resolution:
    """What the resolver makes of an article's mentions."""

    places: list[Place]                 # in order of first mention
    non_places: list[Mention]           # organisations, people, words: never pinned
    unresolved: list[Mention]           # a place, by the text's cues, that geomap cannot place
