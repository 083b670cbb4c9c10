"""Which roles geomap gives on real reports nobody wrote for it: a census
for review, not a score (GeoWebNews has no gold roles).

    python bench/roles_census.py [CORPUS] [--roles strike,supply_route,...] [--list]

CORPUS is the GeoWebNews XML (read in place, never copied; default
``../shared/eval/GeoWebNews.xml``). Prints how many roles of each name the
200 articles get and, with ``--list``, each one with its article number, place,
cue and sentence, so a reader can check whether each is right. Most of these
articles are not about conflict: every strike area or supply route in them
deserves a look.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_geoparse import DEFAULT_CORPUS, load_corpus  # noqa: E402

DEFAULT_ROLES = ("strike", "not_targeted", "supply_route", "migration_route", "evacuation_route",
                 "zone", "siege", "position")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--roles", default=",".join(DEFAULT_ROLES))
    parser.add_argument("--list", action="store_true", help="each role with its sentence")
    args = parser.parse_args()
    from geomap import Geomapper

    wanted = set(args.roles.split(","))
    mapper, counts = Geomapper(), Counter()
    for number, article in enumerate(load_corpus(args.corpus)):
        for place in mapper.geoparse(article.text, shapes=False).places:
            for role in place.roles:
                if role.name not in wanted:
                    continue
                counts[role.name] += 1
                if args.list:
                    sentence = " ".join(role.evidence.split())
                    print(f"{number:3d} {role.name:16s} {place.name[:22]:22s} {role.cue[:24]!r:26s} {sentence[:140]}")
    for name in sorted(wanted):
        print(f"{name:16s} {counts[name]:5d}")
    print(f"command: python bench/roles_census.py {' '.join(sys.argv[1:])}".rstrip())


if __name__ == "__main__":
    main()
