"""Pathological inputs: the geoparser's cost must stay linear in the text.

    python bench/bench_pathological.py [--only NAME ...] [--timeout 60] [--memory-mb 4096]

Each input (about 250 KB, and one ordinary 1 MB article) is generated here,
deterministically, and geoparsed in a fresh child process with
``Geomapper().geoparse``, then exported with ``geomap.to_record`` and
``json.dumps``. The table gives, per input: its size, the seconds spent
geoparsing and exporting (the gazetteer opened beforehand, not counted), the
child's peak resident memory, the JSON record's size, and how many mentions,
places and shapes came out.

Exit status 1 when any input fails, runs out of time or memory, or exceeds its
budget (``BUDGET_S``: 5 s for 250 KB, 10 s for 1 MB). Speed targets live here,
not in the test suite, whose results must not depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

SMALL = 250_000
LARGE = 1_000_000
#: Seconds allowed per input, by size.
BUDGET_S = {SMALL: 5.0, LARGE: 10.0}

PLACES = ["Aleppo", "Idlib", "Bitlis", "Texas", "Mosul", "Kharkiv", "Donetsk", "Kabul", "Khartoum",
          "Darfur", "Sudan", "Chad", "Niger", "Mali", "Lebanon", "Beirut", "Baghdad", "Basra",
          "Yemen", "Aden", "Gaza", "Libya", "Benghazi", "Tripoli", "Somalia", "Mogadishu", "Iraq",
          "Iran", "Tehran", "Kurdistan", "Erbil", "Kirkuk", "Raqqa", "Palmyra", "Latakia", "Tartus",
          "Diyarbakir", "Van", "Ukraine", "Crimea", "Odesa", "Mariupol", "Kherson", "Ethiopia",
          "Tigray", "Eritrea", "Congo", "Goma", "Nigeria", "Maiduguri", "Afghanistan", "Kandahar",
          "Pakistan", "Peshawar", "Myanmar", "Rakhine", "Egypt", "Sinai", "Cairo", "Jordan", "Amman"]
COUNTRIES = ["Sudan", "Chad", "Lebanon", "Iraq", "Iran", "Yemen", "Libya", "Somalia", "Ukraine",
             "Ethiopia", "Eritrea", "Nigeria", "Egypt", "Jordan", "Afghanistan", "Pakistan"]
DEMONYMS = ["Russian", "Iraqi", "Iranian", "Turkish", "Egyptian", "Sudanese", "Ukrainian",
            "Nigerian", "Ethiopian", "Pakistani", "American", "French", "Israeli", "Saudi"]
DIRECTIONS = ["northern", "southern", "eastern", "western", "central", "north-eastern",
              "south-western", "northwestern"]
GROUPS = ["Rapid Support Forces", "Islamic State", "Kurdish militia", "Houthis", "Wagner Group",
          "Tigray Defence Forces", "al-Shabaab", "Taliban", "rebels", "militants"]
FILLER = ["the", "said", "on", "a", "reports", "officials", "people", "were", "killed", "after",
          "week", "fighting", "residents", "fled", "homes", "aid", "workers", "town", "city",
          "more", "than", "dozen", "civilians", "local", "sources", "told", "reporters", "under",
          "cover", "of", "night", "while", "heavy", "artillery", "could", "be", "heard"]
CAPITALISED = PLACES + ["Monday", "Reuters", "Alpha", "Bravo", "Charlie", "Delta", "President",
                        "General", "Army", "Front", "Council", "State", "Union", "March", "May",
                        "New", "Old", "North", "South", "Central", "Greater", "Upper", "The",
                        "And", "Of", "Jackson", "Victoria", "Washington", "Mobile", "Reading"]

TEMPLATES = [
    "{demonym} jets struck targets in {direction} {place} on Tuesday, officials in {place2} said.",
    "Fighting continued near the border with {country} as aid convoys moved through {country2} "
    "into {place}.",
    "Areas where the {group} operates near {place} were shelled overnight, residents said.",
    "The ministry said {n} people were killed in {place} and {place2} in the past week.",
    "Residents of {place} fled to {place2}, according to the United Nations.",
    "Weapons were smuggled from {country} via {country2} to fighters in {direction} {place}.",
    "{group} fighters took up positions in the {direction} countryside of {place}.",
    "Air strikes have hit {place}, but areas further {bare_direction} have been spared.",
    "{place} has not been targeted by air strikes since {month} {n}.",
    "In {place}, the governor said the {direction} district of {place2} was calm on Monday.",
]


def _ordinary_sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        demonym=rng.choice(DEMONYMS), direction=rng.choice(DIRECTIONS), place=rng.choice(PLACES),
        place2=rng.choice(PLACES), country=rng.choice(COUNTRIES), country2=rng.choice(COUNTRIES),
        group=rng.choice(GROUPS), n=rng.randint(2, 60), month=rng.choice(["March", "October"]),
        bare_direction=rng.choice(["north", "south", "east", "west"]))


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _fill(size: int, piece) -> str:
    """Text of about ``size`` characters from calls of ``piece()``."""
    parts, length = [], 0
    while length < size:
        part = piece()
        parts.append(part)
        length += len(part)
    return "".join(parts)


def ordinary_article(size: int, seed: int = 1) -> str:
    """An ordinary news article: headline, dateline, paragraphs of varied sentences."""
    rng = random.Random(seed)

    def paragraph():
        return " ".join(_ordinary_sentence(rng) for _ in range(rng.randint(2, 5))) + "\n\n"
    return "Fighting spreads across the region\n\nBEIRUT (Reuters) - " + _fill(size, paragraph)


def _inputs() -> dict[str, tuple[int, callable]]:
    """name -> (nominal size, function making the text)."""
    rng = random.Random(7)
    glue = ",;.:!?()[]{}\"'/-–—…"
    return {
        "repeated_sentences": (SMALL, lambda: ordinary_article(SMALL, seed=2)[:SMALL]),
        "same_sentence": (SMALL, lambda: _repeat(
            "Russian jets struck targets in northern Aleppo, officials in Baghdad said. ", SMALL)),
        "capitalised_words": (SMALL, lambda: _fill(SMALL, lambda: rng.choice(CAPITALISED) + " ")),
        "border_with_jordan": (SMALL, lambda: _repeat("near the border with Jordan ", SMALL)),
        "no_punctuation_line": (SMALL, lambda: _fill(SMALL, lambda: (
            rng.choice(PLACES) if rng.random() < 0.15 else rng.choice(FILLER)) + " ")),
        "zone_strike_sentence": (SMALL, lambda: _repeat(
            "Areas where the Rebel Alliance operates near the border with Iraq have been struck "
            "by air strikes in northern Aleppo, which have hit areas further north. ", SMALL)),
        "further_north_run": (SMALL, lambda: "Jets struck Iraq and areas " + _repeat(
            "further north ", SMALL)),
        "central_district_run": (SMALL, lambda: _repeat(
            "units in the central district of Bitlis ", SMALL)),
        "glued_punctuation": (SMALL, lambda: _fill(SMALL, lambda: rng.choice(PLACES)
                                                   + rng.choice(glue))),
        "capitalised_run_no_cue": (SMALL, lambda: _repeat("Aleppo Idlib Mosul Kabul ", SMALL)
                                   + "-held areas"),
        "whitespace_runs": (SMALL, lambda: "Jets bombed Aleppo" + " " * (SMALL // 2) + "but"
                            + "\t" * (SMALL // 2 - 30) + "the town of Idlib."),
        "from_runs": (SMALL, lambda: "Arms were supplied " + _repeat("from states ", SMALL)
                      + "via Iraq;"),
        "template_and_html": (SMALL, lambda: _fill(SMALL, lambda: rng.choice(
            ["{{ 7*7 }} ", "{% for x in y %}", "{# Aleppo #}", "<p>Jets struck <b>Idlib</b></p>",
             "&amp;Texas&#39;s ", "\x00\x1b[31m", "\u202eIraq\u202c ", "Syria\u200bJordan "]))),
        "qualifier_runs": (SMALL, lambda: _repeat(
            "Paris, Texas, Franklin, Tenn., Mora (Mayo-Sava, Far North) Kasese in western Uganda "
            "the Turkish town of Akcakale ", SMALL)),
        "qualifier_chain": (SMALL, lambda: _repeat("Perth, ", SMALL) + "Scotland."),
        "ordinary_1mb": (LARGE, lambda: ordinary_article(LARGE)),
    }


def run_one(name: str) -> dict:
    """Geoparse one input in this process; the measurements as a dict."""
    import geomap

    text = _inputs()[name][1]()
    mapper = geomap.Geomapper()
    mapper.geoparse("Warm-up in Aleppo.")   # opens the gazetteer: not part of the cost
    started = time.perf_counter()
    story = mapper.geoparse(text)
    record = json.dumps(geomap.to_record(story), ensure_ascii=False)
    seconds = time.perf_counter() - started
    return {"name": name, "chars": len(text), "seconds": seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "output_bytes": len(record.encode("utf-8")),
            "mentions": sum(len(p.mentions) for p in story.places) + len(story.non_places),
            "places": len(story.places), "shapes": len(story.shapes)}


def _child(name: str, timeout: float, memory_mb: int) -> dict:
    def limit_memory():
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        done = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True,
                              text=True, timeout=timeout, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return {"name": name, "error": f"timeout after {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["exit status %d" % done.returncode])[-1]
        return {"name": name, "error": last[:80]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only these inputs")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before an input is stopped")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address-space limit per input")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child)))
        return 0
    inputs = _inputs()
    names = args.only or list(inputs)
    print(f"{'input':24} {'size KB':>8} {'seconds':>8} {'budget':>7} {'peak MB':>8} "
          f"{'output bytes':>13} {'mentions':>9} {'places':>7} {'shapes':>7}")
    failed = []
    for name in names:
        size, _ = inputs[name]
        budget = BUDGET_S[size]
        result = _child(name, args.timeout, args.memory_mb)
        if "error" in result:
            failed.append(name)
            print(f"{name:24} {size / 1000:8.0f} {'FAILED':>8} {budget:7.0f}  {result['error']}")
            continue
        over = result["seconds"] > budget
        if over:
            failed.append(name)
        print(f"{name:24} {result['chars'] / 1000:8.0f} {result['seconds']:8.2f} {budget:7.0f} "
              f"{result['peak_rss_mb']:8.0f} {result['output_bytes']:13,d} {result['mentions']:9d} "
              f"{result['places']:7d} {result['shapes']:7d}{'  OVER BUDGET' if over else ''}",
              flush=True)
    if failed:
        print(f"over budget or failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
