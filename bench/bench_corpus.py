"""geomap at corpus scale: `places` throughput and peak memory against corpus
size, `build` maps per second and bytes per page, and a cold `geomap map`.

    python bench/bench_corpus.py [CORPUS] [--sizes 200,2000,20000] [--jobs 1,2]
                                 [--maps 40] [--skip-build] [--skip-cold]

CORPUS is the GeoWebNews XML (read in place, never copied; default
``../shared/eval/GeoWebNews.xml``). A corpus of N articles is generated from
its 200 texts, cycled, one ``.txt`` file each, in a temporary folder.

Each measurement runs the installed command in a fresh process, as a user
would, with the gazetteer index already built:

* ``places``: ``geomap places FILES... --format jsonl -o OUT`` for each size
  (and each ``--jobs`` value, where the command has that option): wall time,
  articles/s, and the process's peak resident memory (``ru_maxrss`` of a
  wrapper that runs nothing else).
* geotext, in the same run: its city and country names found in each text,
  in one process (the baseline of ``bench/eval_geoparse.py``).
* ``build``: ``geomap build`` of ``--maps`` articles into an empty folder,
  self-contained pages, then an atlas (``--shared-assets``, every core, then
  ``--jobs 1``): maps/s, mean and largest page, the shared assets' size.
* cold ``geomap map`` of the seed article: median wall time of 5 runs after
  a first one (which writes Python's bytecode, as by default).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from eval_geoparse import DEFAULT_CORPUS, load_corpus  # noqa: E402

SEED = ROOT / "seeds" / "000_9d32f7770be8cbd3.txt"
#: Runs a command and prints its wall time and its peak resident set (KiB).
_MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - started
if done.returncode:
    sys.exit(f"exit {done.returncode}: {done.stderr.strip()[-500:]}")
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def geomap_command() -> list[str]:
    found = shutil.which("geomap")
    return [found] if found else [sys.executable, "-m", "geomap"]


def measure(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run of ``command``."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                          env=env)
    if done.returncode:
        raise SystemExit(f"bench_corpus: {shlex.join(command[:4])} ... failed: {done.stderr.strip()}")
    wall, rss = done.stdout.split()
    return float(wall), int(rss)


def write_corpus(texts: list[str], size: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(size):
        path = folder / f"{index:06d}.txt"
        path.write_text(texts[index % len(texts)], encoding="utf-8")
        paths.append(path)
    return paths


def has_option(option: str) -> bool:
    done = subprocess.run([*geomap_command(), "places", "--help"], capture_output=True, text=True)
    return option in done.stdout


def geotext_rate(texts: list[str], size: int) -> float:
    from geotext import GeoText
    started = time.perf_counter()
    for index in range(size):
        found = GeoText(texts[index % len(texts)])
        _ = (found.cities, found.countries)
    return size / (time.perf_counter() - started)


def bench_places(texts, sizes, jobs_values, scratch: Path) -> list[dict]:
    rows = []
    jobs_supported = has_option("--jobs")
    for size in sizes:
        paths = write_corpus(texts, size, scratch / f"corpus-{size}")
        for jobs in jobs_values if jobs_supported else [None]:
            command = [*geomap_command(), "places", *map(str, paths), "--format", "jsonl",
                       "-o", str(scratch / "places.jsonl")]
            if jobs is not None:
                command += ["--jobs", str(jobs)]
            wall, rss = measure(command)
            rows.append({"system": "geomap places", "articles": size, "jobs": jobs or 1,
                         "seconds": round(wall, 2), "articles_per_s": round(size / wall, 1),
                         "peak_rss_mb": round(rss / 1024, 1)})
            print(f"  geomap places  {size:>6} articles  jobs {jobs or 1}: {wall:7.2f} s  "
                  f"{size / wall:8.1f} art/s  peak RSS {rss / 1024:7.1f} MB", flush=True)
        rate = geotext_rate(texts, size)
        rows.append({"system": "geotext", "articles": size, "jobs": 1, "articles_per_s": round(rate, 1)})
        print(f"  geotext        {size:>6} articles  jobs 1: {rate:8.1f} art/s", flush=True)
        shutil.rmtree(scratch / f"corpus-{size}")
    return rows


def bench_build(texts, count: int, scratch: Path, extra: tuple[str, ...] = ()) -> dict:
    paths = write_corpus(texts, count, scratch / "build-in")
    output = scratch / ("build-out" + "".join(extra).replace("-", "_"))
    command = [*geomap_command(), "build", str(scratch / "build-in"), "-o", str(output), "-q", *extra]
    wall, rss = measure(command)
    pages = [p for p in output.glob("*.html") if p.name != "index.html"]
    assets = sum(p.stat().st_size for p in output.rglob("*") if p.is_file() and p.suffix != ".html"
                 and p.parent != output)
    page_bytes = statistics.mean(p.stat().st_size for p in pages) if pages else 0
    largest = max((p.stat().st_size for p in pages), default=0)
    print(f"  geomap build {' '.join(extra):>16} {count:>4} maps: {wall:6.2f} s  {count / wall:6.2f} maps/s  "
          f"mean page {page_bytes / 1024:7.1f} KiB  largest {largest / 1024:7.1f} KiB  "
          f"shared assets {assets / 1024:7.1f} KiB  peak RSS {rss / 1024:7.1f} MB", flush=True)
    return {"maps": count, "seconds": round(wall, 2), "maps_per_s": round(count / wall, 2),
            "mean_page_kib": round(page_bytes / 1024, 1), "shared_assets_kib": round(assets / 1024, 1),
            "peak_rss_mb": round(rss / 1024, 1), "pages": len(pages), "articles": len(paths),
            "options": list(extra), "max_page_kib": round(largest / 1024, 1)}


def bench_cold_map(scratch: Path, runs: int = 5) -> dict:
    """A fresh ``geomap map`` process after a first run, as a user runs it.
    The first run writes Python's bytecode even where the environment sets
    ``PYTHONDONTWRITEBYTECODE`` (as on some CI machines), as Python does by
    default; without that, every run would compile geomap's sources again."""
    output = scratch / "cold.html"
    command = [*geomap_command(), "map", str(SEED), "-o", str(output)]
    default = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    measure(command, default)   # warm the index, the caches beside it and the bytecode
    walls = [measure(command)[0] for _ in range(runs)]
    print(f"  cold geomap map: median {statistics.median(walls):.2f} s over {runs} runs", flush=True)
    return {"runs": runs, "median_s": round(statistics.median(walls), 2), "max_s": round(max(walls), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="200,2000,20000", help="corpus sizes (default: 200,2000,20000)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values, where `places` has it (default: 1,2)")
    parser.add_argument("--maps", type=int, default=40, help="maps for the build measurement (default: 40)")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    texts = [article.text for article in load_corpus(args.corpus.resolve())]
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs_values = [int(j) for j in args.jobs.split(",")]
    print(f"machine: {os.cpu_count()} cores; corpus: {len(texts)} GeoWebNews texts, cycled")
    results: dict = {"command": shlex.join(["python", *sys.argv])}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        results["places"] = bench_places(texts, sizes, jobs_values, scratch)
        if not args.skip_build:
            results["build"] = [bench_build(texts, args.maps, scratch, extra)
                                for extra in ((), ("--shared-assets",), ("--shared-assets", "--jobs", "1"))]
        if not args.skip_cold:
            results["cold_map"] = bench_cold_map(scratch)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"command: {results['command']}")


if __name__ == "__main__":
    main()
