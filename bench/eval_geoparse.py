"""Toponym recognition and resolution on GeoWebNews: geomap against the geotext baseline.

    python bench/eval_geoparse.py [CORPUS] [--limit N] [--errors FILE] [--json]

CORPUS is the GeoWebNews XML (Gritta et al. 2019, GPL-3: read in place, never
copied into this repository); by default ``../shared/eval/GeoWebNews.xml``
beside the repository. Each article's ``<text>`` is given to the systems as is:
the gold ``<start>``/``<end>`` offsets index it directly. The few annotations
whose offsets do not land on their ``<extractedName>`` are dropped (reported).

Scoring rules:

* Gold set: toponyms of type Literal, Mixed or Metonymic with coordinates.
  Other annotations (Demonym, Non_Toponym, Homonym, Literal_Modifier, ...)
  are neither needed nor penalised.
* A prediction is a span with optional coordinates. Predictions are taken in
  text order; one whose span overlaps a gold toponym not yet matched is a true
  positive, matched to the unmatched gold it overlaps most. Otherwise it is
  a false positive if it overlaps a gold toponym already matched (a duplicate)
  or no annotation at all, and ignored if it overlaps only annotations outside
  the gold set. Unmatched gold toponyms are false negatives.
* Acc@161: the fraction of matched gold toponyms whose predicted coordinates
  lie within 161 km (100 miles) of the gold coordinates; a match without
  coordinates counts as a miss. An area is not a point: when the prediction
  (or, for the restricted set, the gazetteer candidate) is a country, a
  region made of countries ("Europe", "the Middle East"), or a place the
  gazetteer has an outline or a line for (a first-level division, a US
  county, a sea, a river), the distance is from the gold point to that
  outline (0 inside it). Otherwise "Russia" would count as wrong because the
  corpus puts its point at 60N 100E and the gazetteer at Natural Earth's
  label point, and "Texas" because the corpus and Natural Earth put the
  state's point in different places. ``--points-only`` scores plain point
  distances instead.
* ``(restricted)`` rows keep only the gold toponyms the gazetteer can know:
  those within 161 km of some candidate for their name as written
  (``Gazetteer().candidates(name)``). Gold toponyms left out become
  annotations outside the gold set: predictions overlapping them are ignored.
* Throughput: articles per second over the whole run, one process, one
  article at a time. Start-up (imports, loading, a warm-up parse) is timed
  separately. An article on which a system raises counts as having no
  predictions; the exceptions are summarised under the table.

Systems: ``geomap`` (``Geomapper().geoparse(text, shapes=False)``; every
literal, metonymic or demonym mention of a place, at the place's
coordinates: an adjective the corpus annotates as a toponym ("Canadian
jurisdictions", type Mixed) counts as its country, one it annotates as a
Demonym is neither needed nor penalised, one it does not annotate at all is
a false positive) and
``geotext`` (its city and country names, every word-bounded occurrence in the
text, at the gazetteer's top-ranked candidate for the name, if any).

``--errors FILE`` writes one tab-separated line per false positive (FP),
false negative (FN) and far-off resolution (FAR: over 161 km, or no
coordinates) of the unrestricted rows: system, kind, article, span, text,
gold and predicted coordinates, distance, and for gold toponyms whether the
gazetteer knows them (``known``) or not (``unknown``).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from geopy.distance import great_circle

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "../shared/eval/GeoWebNews.xml"
GOLD_TYPES = {"Literal", "Mixed", "Metonymic"}
MAX_KM = 161.0
PREDICTED_MENTION_TYPES = ("literal", "metonymy", "demonym")
WARM_UP = "Fighting continued in Aleppo, Syria, while Moscow said it would respond."


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    gold: tuple[Toponym, ...]
    other: tuple[tuple[int, int], ...]   # spans of annotations outside the gold set
    dropped: int                         # annotations whose offsets miss their text


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    latitude: float | None = None
    longitude: float | None = None
    areas: tuple[str, ...] = ()       # outline ids when the prediction is an area (see area_of)
    confidence: float | None = None   # the system's own confidence, if it gives one


@dataclass
class Run:
    """One system's predictions over the corpus."""

    system: str
    predictions: list[list[Prediction]]
    seconds: float
    startup_seconds: float
    exceptions: Counter = field(default_factory=Counter)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    near: int = 0
    errors: list[tuple] = field(default_factory=list)
    #: (confidence, right within MAX_KM) of every matched prediction with a confidence
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    #: the same for false positives (a pin where the corpus names no place: wrong)
    false_pins: list[float] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.near / self.tp if self.tp else 0.0


def load_corpus(path: Path) -> list[Article]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        text = node.findtext("text")
        gold, other, dropped = [], [], 0
        for toponym in node.iter("toponym"):
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            name = toponym.findtext("extractedName")
            if start < 0 or text[start:end] != name:
                dropped += 1
            elif toponym.findtext("type") in GOLD_TYPES and toponym.findtext("latitude"):
                gold.append(Toponym(start, end, name, float(toponym.findtext("latitude")),
                                    float(toponym.findtext("longitude"))))
            else:
                other.append((start, end))
        articles.append(Article(node.get("file"), text, tuple(gold), tuple(other), dropped))
    return articles


def known_to(gazetteer, toponym: Toponym) -> bool:
    """True if some candidate for the toponym's name lies within MAX_KM of it."""
    return any(distance_km(toponym, c.latitude, c.longitude, area_of(c)) <= MAX_KM
               for c in gazetteer.candidates(toponym.name))


#: The gazetteer whose outlines areas are measured against; None with --points-only.
AREAS: dict = {"gazetteer": None}


def area_of(place) -> tuple[str, ...]:
    """The ids of the outlines a gazetteer entry or geomap place covers, if
    it is an area: a country, a region made of countries, or a place the
    gazetteer holds an outline for (a division, a US county, a sea, a river)."""
    if place.kind == "country":
        return (f"country:{place.country_code}",)
    if place.kind in ("region", "group") and place.members and place.radius_km is None:
        return tuple(f"country:{code}" for code in place.members)
    if place.kind in AREA_KINDS:
        return (place.id,)
    return ()


#: Kinds scored by their outline where the gazetteer has one.
AREA_KINDS = ("admin1", "admin2", "water", "landform", "island")


@lru_cache(maxsize=None)
def _outline(ids: tuple[str, ...]):
    from shapely import union_all
    gazetteer = AREAS["gazetteer"]
    if gazetteer is None:
        return None
    outlines = [o for o in map(gazetteer.outline, ids) if o is not None]
    return union_all(outlines) if outlines else None


def distance_km(toponym: Toponym, latitude: float, longitude: float,
                areas: tuple[str, ...] = ()) -> float:
    """From the gold point to the predicted point, or to the predicted area's
    outline (0 inside it; for a line such as a river, the distance to it)."""
    outline = _outline(areas) if areas else None
    if outline is not None:
        from shapely.geometry import Point
        from shapely.ops import nearest_points
        gold = Point(toponym.longitude, toponym.latitude)
        if outline.contains(gold):
            return 0.0
        nearest = nearest_points(outline, gold)[0]
        latitude, longitude = nearest.y, nearest.x
    return great_circle((toponym.latitude, toponym.longitude), (latitude, longitude)).km


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """How many characters two spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def geomap_system() -> Callable[[str], list[Prediction]]:
    from geomap import Geomapper
    mapper = Geomapper()

    def predict(text: str) -> list[Prediction]:
        story = mapper.geoparse(text, shapes=False)
        return [Prediction(m.start, m.end, place.latitude, place.longitude, area_of(place), place.confidence)
                for place in story.places for m in place.mentions
                if m.type in PREDICTED_MENTION_TYPES]
    return predict


def geotext_system() -> Callable[[str], list[Prediction]]:
    from geotext import GeoText
    from gazetteer import Gazetteer
    gazetteer = Gazetteer()

    def predict(text: str) -> list[Prediction]:
        found = GeoText(text)
        spans = {m.span(): name for name in {*found.cities, *found.countries}
                 for m in re.finditer(rf"\b{re.escape(name)}\b", text)}
        predictions = []
        for (start, end), name in spans.items():
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans):
                continue   # "York" inside "New York"
            top = gazetteer.candidates(name, limit=1)
            predictions.append(Prediction(start, end, *((top[0].latitude, top[0].longitude,
                                                         area_of(top[0])) if top else (None, None))))
        return predictions
    return predict


SYSTEMS = {"geomap": geomap_system, "geotext": geotext_system}


def run(system: str, articles: list[Article]) -> Run:
    started = time.perf_counter()
    predict = SYSTEMS[system]()
    predict(WARM_UP)
    startup = time.perf_counter() - started
    predictions, exceptions = [], Counter()
    started = time.perf_counter()
    for article in articles:
        try:
            predictions.append(predict(article.text))
        except Exception as error:   # a pipeline bug on one article must not end the run
            exceptions[type(error).__name__] += 1
            predictions.append([])
    return Run(system, predictions, time.perf_counter() - started, startup, exceptions)


def score(articles: list[Article], predictions: list[list[Prediction]], system: str,
          known: set[tuple[str, Toponym]], restricted: bool) -> Score:
    result = Score()
    for article, predicted in zip(articles, predictions):
        gold = [t for t in article.gold if not restricted or (article.id, t) in known]
        ignored = [*article.other, *((t.start, t.end) for t in article.gold if t not in gold)]
        unmatched = list(gold)
        for p in sorted(predicted, key=lambda p: (p.start, p.end)):
            best = max(unmatched, key=lambda t: overlaps(p.start, p.end, t.start, t.end), default=None)
            if best and overlaps(p.start, p.end, best.start, best.end):
                unmatched.remove(best)
                result.tp += 1
                km = (distance_km(best, p.latitude, p.longitude, p.areas)
                      if p.latitude is not None else None)
                if p.confidence is not None:
                    result.calibration.append((p.confidence, km is not None and km <= MAX_KM))
                if km is not None and km <= MAX_KM:
                    result.near += 1
                else:
                    result.errors.append(error_line(system, "FAR", article, p.start, p.end,
                                                    best, p, km, known))
            elif (any(overlaps(p.start, p.end, t.start, t.end) for t in gold)
                  or not any(overlaps(p.start, p.end, s, e) for s, e in ignored)):
                result.fp += 1
                if p.confidence is not None:
                    result.false_pins.append(p.confidence)
                result.errors.append(error_line(system, "FP", article, p.start, p.end,
                                                None, p, None, known))
        result.fn += len(unmatched)
        result.errors.extend(error_line(system, "FN", article, t.start, t.end, t, None, None, known)
                             for t in unmatched)
    return result


#: Confidence bins of the reliability table.
BINS = 10


def reliability(pairs: list[tuple[float, bool]]) -> tuple[list[dict], float]:
    """Rows (bin, count, mean confidence, share right) and the expected
    calibration error: the count-weighted mean gap between confidence and
    share right over the bins."""
    rows, gap = [], 0.0
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        inside = [(c, r) for c, r in pairs if low <= c < high or (b == BINS - 1 and c == 1.0)]
        if not inside:
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        right = sum(r for _, r in inside) / len(inside)
        rows.append({"bin": f"{low:.1f}-{high:.1f}", "count": len(inside),
                     "confidence": confidence, "right": right})
        gap += len(inside) * abs(confidence - right)
    return rows, gap / len(pairs) if pairs else 0.0


def error_line(system: str, kind: str, article: Article, start: int, end: int,
               gold: Toponym | None, predicted: Prediction | None, km: float | None,
               known: set[tuple[str, Toponym]]) -> tuple:
    def point(latitude, longitude):
        return f"{latitude:.4f},{longitude:.4f}" if latitude is not None else "-"

    return (system, kind, article.id, f"{start}-{end}", article.text[start:end].replace("\n", " "),
            point(gold.latitude, gold.longitude) if gold else "-",
            point(predicted.latitude, predicted.longitude) if predicted else "-",
            f"{km:.0f}" if km is not None else "-",
            ("known" if (article.id, gold) in known else "unknown") if gold else "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="GeoWebNews XML (default: %(default)s)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--errors", type=Path, help="write FP/FN/far-off lines to this file")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--points-only", action="store_true",
                        help="measure areas (countries, divisions, waters) by their point, not their outline")
    args = parser.parse_args()

    articles = load_corpus(args.corpus.resolve())[:args.limit]
    dropped = sum(a.dropped for a in articles)
    from gazetteer import Gazetteer
    gazetteer = Gazetteer()
    if not args.points_only:
        AREAS["gazetteer"] = gazetteer
    known = {(a.id, t) for a in articles for t in a.gold if known_to(gazetteer, t)}
    gold_counts = {False: sum(len(a.gold) for a in articles), True: len(known)}

    rows, errors, runs = [], [], [run(system, articles) for system in SYSTEMS]
    for result in runs:
        for restricted in (False, True):
            s = score(articles, result.predictions, result.system, known, restricted)
            if not restricted:
                errors.extend(s.errors)
            if result.system == "geomap" and not restricted:
                table, ece = reliability(s.calibration)
                _, ece_all_pins = reliability(s.calibration + [(c, False) for c in s.false_pins])
            rows.append({
                "system": f"{result.system} ({'restricted' if restricted else 'all'})",
                "precision": s.precision, "recall": s.recall, "f1": s.f1,
                "acc161": s.accuracy, "tp": s.tp, "fp": s.fp, "fn": s.fn,
                "gold": gold_counts[restricted],
                "articles_per_s": len(articles) / result.seconds, "seconds": result.seconds,
            })
    if args.errors:
        args.errors.write_text("".join("\t".join(line) + "\n" for line in errors))

    command = shlex.join(["python", *sys.argv])
    notes = [f"{r.system}: start-up {r.startup_seconds:.2f} s; "
             + (f"{sum(r.exceptions.values())} article(s) raised: "
                + ", ".join(f"{name} x{n}" for name, n in r.exceptions.most_common())
                if r.exceptions else "no article raised")
             for r in runs]
    if args.json:
        print(json.dumps({
            "command": command, "articles": len(articles), "dropped_annotations": dropped,
            "rows": rows, "calibration": {"expected_calibration_error": ece, "bins": table,
                                           "with_false_positives": ece_all_pins},
            "systems": {r.system: {"startup_seconds": r.startup_seconds,
                                   "exceptions": dict(r.exceptions)} for r in runs},
        }, indent=2))
        return
    header = f"{'system':<22}{'P':>7}{'R':>7}{'F1':>7}{'Acc@161':>9}{'gold':>6}{'art/s':>8}{'time s':>8}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['system']:<22}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
              f"{r['acc161']:>9.3f}{r['gold']:>6}{r['articles_per_s']:>8.1f}{r['seconds']:>8.2f}")
    print("headline: geomap (all); the restricted rows are a diagnostic")
    print(f"\ngeomap confidence, matched toponyms of the all-gold row (right = within {MAX_KM:.0f} km):")
    print(f"{'confidence':<12}{'count':>7}{'mean':>7}{'right':>7}")
    for r in table:
        print(f"{r['bin']:<12}{r['count']:>7}{r['confidence']:>7.3f}{r['right']:>7.3f}")
    print(f"expected calibration error: {ece:.3f} "
          f"({ece_all_pins:.3f} counting false positives as wrong pins)")
    print(f"\n{len(articles)} articles; {dropped} annotation(s) dropped for offsets off their text")
    print("\n".join(notes))
    print(f"command: {command}")


if __name__ == "__main__":
    main()
