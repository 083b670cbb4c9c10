"""Gazetteer start-up: a new process's first lookup, and its resident memory.

Target (issue 2): first lookup under 100 ms and under 150 MB resident, with
the index already built. Each run is a fresh interpreter, so nothing is warm
but the operating system's file cache.

    python bench/bench_gazetteer.py [--runs 10]
"""

import argparse
import json
import statistics
import subprocess
import sys
import time

PROBE = r"""
import json, resource, time
started = time.perf_counter()
from gazetteer import Gazetteer
found = Gazetteer().candidates("Morek", limit=5)
elapsed = time.perf_counter() - started
print(json.dumps({"first_lookup_ms": elapsed * 1000, "top": found[0].name,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-c", "from gazetteer import Gazetteer; Gazetteer().candidates('x')"],
                   check=True)  # build the index first if it is missing
    results, walls = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True, text=True)
        walls.append((time.perf_counter() - started) * 1000)
        results.append(json.loads(done.stdout))
    times = [r["first_lookup_ms"] for r in results]
    print(f"runs: {args.runs}; top candidate for 'Morek': {results[0]['top']}")
    print(f"import + open + first lookup: median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms")
    print(f"whole process (interpreter start to exit): median {statistics.median(walls):.1f} ms")
    print(f"peak resident memory: max {max(r['max_rss_mb'] for r in results):.1f} MB")


if __name__ == "__main__":
    main()
